"""What every subject of the member desk shares, so that none keeps its own copy of it.

The database and the settings in force, the business day, one transaction per user action
(refusals that must keep their audit entry committed too), and slips queued in that transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Concatenate, Generic, ParamSpec, TypedDict, TypeVar

from sqlalchemy.orm import Session

from app.config import Config
from app.members.errors import MemberError
from app.pos import receipts
from app.pos.business_day import business_today
from app.pos.order_rows import Till
from app.pos.print_jobs import enqueue
from app.pos.slip_context import SlipContext
from app.pos.staff import StaffView
from app.storage.approvals import APPROVING_ROLES, Approval, ApprovalRefused, Sensitive, spend
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import StaffRow

T = TypeVar("T")
P = ParamSpec("P")


@dataclasses.dataclass(frozen=True)
class WithSlips(Generic[T]):
    """An action's result and the print jobs it queued (the screen prints them)."""

    value: T
    print_job_ids: tuple[str, ...] = ()


class Approved(TypedDict):
    """The day, the actor and the approver of a manager's member action (its keyword args)."""

    on: dt.date
    actor_id: str
    approver_id: str


class DeskContext:
    """One per desk; each subject holds it rather than its own copy of the settings."""

    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.config = config

    def today(self) -> dt.date:
        """The store's business day now."""
        return business_today(self.config)

    def read(
        self, action: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``action(session, ...)`` on a reading session."""
        with self.db.reading() as session:
            return action(session, *args, **kwargs)

    def write(
        self, action: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``action(session, ...)`` as one user action: one transaction, committed once."""
        with self.db.transaction() as session:
            return action(session, *args, **kwargs)

    def keep_refusal(
        self, action: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Like ``write``, but committed even when ``action`` refuses (so its audit entry or
        failure count stays); the refusal is raised after the commit."""
        error: MemberError | None = None
        with self.db.transaction() as session:
            try:
                return action(session, *args, **kwargs)
            except MemberError as exc:
                error = exc
        raise error

    @contextlib.contextmanager
    def approved(
        self, cashier: StaffView, approval: Approval, action: Sensitive
    ) -> Iterator[Approved]:
        """``with approved(cashier, approval, action) as who:`` the action runs inside, recording
        ``who`` (today, by the cashier, with the manager's approval); the approval is spent if
        the action succeeds and refused before it runs unless a PIN check minted it for this
        action and this cashier, unspent and within its lifetime."""
        with spend(approval, action, requested_by=cashier.id) as approved:
            yield {"on": self.today(), "actor_id": cashier.id, "approver_id": approved.approver_id}

    def rules_approver(self, approver: StaffView) -> str:
        """The id of the approver of a rules change (a form a manager fills in after their PIN
        was checked, open as long as they type): refused unless it names an active manager or
        owner as stored now, so neither the cashier herself nor an invented name passes."""
        with self.db.reading() as session:
            row = session.get(StaffRow, approver.id)
        allowed = APPROVING_ROLES[Sensitive.MEMBER_RULES]
        if row is None or not row.active or row.role not in allowed:
            raise ApprovalRefused(
                "“%1”没有授权“%2”的权限", approver.name, Sensitive.MEMBER_RULES.label
            )
        return row.id

    def till(self, cashier: StaffView, shift_id: str | None) -> Till:
        """The cashier taking or paying out money now, on the settings in force."""
        return Till.now(cashier, shift_id, self.config)

    def slip(self, cashier: StaffView) -> SlipContext:
        """The context of a slip the cashier prints now."""
        return SlipContext.of(self.config, cashier.name, utcnow())

    def queue(
        self,
        session: Session,
        kind: receipts.PrintJobKind,
        document: receipts.Document,
        open_drawer: bool = False,
    ) -> tuple[str, ...]:
        """Queue a slip in the action's transaction (printed after the commit); its job ids."""
        return (enqueue(session, kind, document, open_drawer=open_drawer),)
