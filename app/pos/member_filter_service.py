"""The member filters and saved lists as the back office asks for them: plain values in, frozen
views out; a filter is read in one reading session, a save or a delete is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from app.config import Config
from app.members import member_filters, member_lists
from app.members.member_filters import FilterResult, MemberFilter
from app.members.member_lists import MemberListView
from app.pos.business_day import business_today
from app.pos.report_files import export_table
from app.pos.reports import CellKind, Column, ReportTable
from app.pos.staff import StaffView
from app.storage import audit
from app.storage.database import Database

#: The export's columns, in order (the screen names them in its language).
EXPORT_COLUMNS = (
    Column("card_no", CellKind.TEXT),
    Column("name", CellKind.TEXT),
    Column("phone", CellKind.TEXT),
    Column("card_type", CellKind.TEXT),
    Column("joined_on", CellKind.TEXT),
    Column("points", CellKind.COUNT),
    Column("spend_fen", CellKind.MONEY),
    Column("visits", CellKind.COUNT),
    Column("last_purchase", CellKind.TEXT),
)


class MemberFilterService:
    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.config = config

    def today(self) -> dt.date:
        return business_today(self.config)

    def run(self, member_filter: MemberFilter) -> FilterResult:
        """The members the filter keeps today: the count, and the first rows by card number."""
        with self.db.reading() as session:
            return member_filters.run_filter(session, member_filter, self.today())

    def lists(self) -> list[MemberListView]:
        with self.db.reading() as session:
            return member_lists.saved_lists(session)

    def open_list(self, list_id: str) -> tuple[MemberListView, FilterResult]:
        """A saved list run again today."""
        with self.db.reading() as session:
            view = member_lists.saved_list(session, list_id)
            return view, member_filters.run_filter(session, view.member_filter, self.today())

    def save_list(
        self,
        name: str,
        member_filter: MemberFilter,
        *,
        actor: StaffView,
        approver: StaffView | None,
        replace: bool = False,
    ) -> MemberListView:
        with self.db.transaction() as session:
            return member_lists.save_list(
                session,
                name,
                member_filter,
                actor_id=actor.id,
                approver_id=_other(actor, approver),
                replace=replace,
            )

    def delete_list(self, list_id: str, *, actor: StaffView, approver: StaffView | None) -> None:
        with self.db.transaction() as session:
            member_lists.delete_list(
                session, list_id, actor_id=actor.id, approver_id=_other(actor, approver)
            )

    def export(
        self,
        member_filter: MemberFilter,
        path: Path,
        headers: Sequence[str],
        *,
        actor: StaffView,
        approver: StaffView | None,
    ) -> int:
        """Every member the filter keeps to ``path`` (.csv or .xlsx, phones masked); the export
        is audited once the file is written."""
        with self.db.reading() as session:
            result = member_filters.run_filter(session, member_filter, self.today(), limit=None)
        table = ReportTable(
            "members",
            EXPORT_COLUMNS,
            tuple(
                (
                    row.card_no,
                    row.name,
                    row.phone_masked,
                    row.card_type,
                    row.joined_on.isoformat(),
                    row.points,
                    row.spend_fen,
                    row.visits,
                    row.last_purchase.isoformat() if row.last_purchase else None,
                )
                for row in result.rows
            ),
        )
        count = export_table(path, headers, table)
        with self.db.transaction() as session:
            audit.record(
                session,
                "member_filter.exported",
                actor_id=actor.id,
                approver_id=_other(actor, approver),
                detail={"file": path.name, "rows": count, "definition": member_filter.to_json()},
            )
        return count


def _other(actor: StaffView, approver: StaffView | None) -> str | None:
    """The approver's id when someone other than the actor approved."""
    return approver.id if approver is not None and approver.id != actor.id else None
