"""Members brought in from another system's file, beside selling (a manager's, audited).

The file is read and checked in full first; with any bad row nothing is written. A good file is
written in short transactions, so the counter keeps selling while it goes in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.members import member_io
from app.members.member_io import ImportProgress, ImportReport
from app.pos.member_desk.context import DeskContext
from app.pos.staff import Sensitive, StaffView
from app.storage.approvals import Approval


class MemberImports:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    def import_members(
        self,
        path: Path,
        *,
        cashier: StaffView,
        approval: Approval,
        progress: Callable[[ImportProgress], None] | None = None,
    ) -> ImportReport:
        """Import ``path`` (CSV or XLSX); runs on a worker thread, ``progress`` hears each batch.

        The manager who approved it is the import's actor in the audit log; the approval is
        spent once the import has run, whatever the file held.
        """
        with self.context.approved(cashier, approval, Sensitive.MEMBER_IMPORT) as who:
            return member_io.import_members(
                self.context.db,
                path,
                on=who["on"],
                actor_id=who["approver_id"],
                progress=progress,
            )
