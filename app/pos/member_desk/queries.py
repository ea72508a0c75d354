"""Finding and showing members, which writes nothing but a refusal's or an export's audit entry.

Lookups, the card attached to a sale, the members list, a member's ledgers and history, today's
reminders and the export (a manager's, audited).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.members import (
    auto_tags,
    card_types,
    count_cards,
    coupons,
    enrolment,
    member_io,
    points,
    reminders_query,
    stored_value,
    tags,
)
from app.members.accounts import (
    MemberView,
    PointsLine,
    StoredValueLine,
    mask_phone,
    view_of,
)
from app.members.card_numbers import mask_card
from app.members.count_cards import CountCardView
from app.members.coupons import CouponView
from app.members.enrolment import AnniversaryView
from app.members.errors import MemberError
from app.members.member_status import STATUS_LABELS
from app.members.reminders import Reminder, ReminderKind, SortKey
from app.members.reminders_query import ReminderWindow
from app.pos.cart import CartMember
from app.pos.counter import cart_member
from app.pos.member_desk.context import DeskContext
from app.pos.receivables import MemberOwed, member_owed
from app.pos.staff import StaffView
from app.storage import outbox
from app.storage.approvals import Approval, Sensitive
from app.storage.member_models import CountCardEntryRow, MemberRow
from app.storage.models import AuditRow, OrderRow

log = logging.getLogger(__name__)

#: Members listed by one search on the members screen.
SEARCH_LIMIT = 50
HISTORY_LIMIT = 200


@dataclasses.dataclass(frozen=True)
class MemberRowView:
    """One line of the members list: the phone masked, as a cashier may see it."""

    id: str
    card_no: str
    name: str
    phone_masked: str
    level_name: str
    status: str
    balance_fen: int
    points: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclasses.dataclass(frozen=True)
class PurchaseView:
    """One of the member's orders (sales, refunds, top-ups, count cards)."""

    order_id: str
    receipt_no: str
    business_day: dt.date
    kind: str
    state: str
    total_fen: int


@dataclasses.dataclass(frozen=True)
class HistoryLine:
    """One audited event about the member (level change, card operation, refusal, ...)."""

    at: dt.datetime
    action: str
    detail: str


@dataclasses.dataclass(frozen=True)
class CountCardEntryView:
    id: str
    count_card_id: str
    kind: str
    uses_delta: int
    uses_after: int
    reason: str
    business_day: dt.date


@dataclasses.dataclass(frozen=True)
class MemberDetail:
    """Everything the member screen shows about one member."""

    member: MemberView
    count_cards: tuple[CountCardView, ...]
    coupons: tuple[CouponView, ...]
    #: What the member owes on account (挂账), shown beside the balances when not nothing.
    owed: MemberOwed | None = None
    #: Points earned here that the head office has not posted yet (a counter of a chain):
    #: shown apart from the posted points, and not spendable offline.
    pending_points: int = 0


class MemberQueries:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    def find(self, text: str) -> MemberView:
        return self.context.read(enrolment.find_member, text)

    def attach_member(self, text: str, cashier: StaffView) -> CartMember:
        """The member for this sale by card number, swipe or phone (F2).

        A lost, frozen or expired card is refused and the refusal stays in the audit log.
        """
        today = self.context.today()
        view = self.context.keep_refusal(
            enrolment.attach_member, text, actor_id=cashier.id, on=today
        )
        log.info("member %s attached by %s", mask_card(text), cashier.name)
        return cart_member(view, today)

    def member(self, member_id: str) -> MemberView:
        return self.context.read(view_of, member_id)

    def detail(self, member_id: str) -> MemberDetail:
        today = self.context.today()
        with self.context.db.reading() as session:
            return MemberDetail(
                view_of(session, member_id),
                tuple(count_cards.member_count_cards(session, member_id, on=today)),
                tuple(coupons.member_coupons(session, member_id, on=today)),
                member_owed(session, member_id),
                self._pending_points(session, member_id),
            )

    def _pending_points(self, session: Session, member_id: str) -> int:
        """0 for a counter that works alone: nothing of it ever waits for a head office."""
        if self.context.config.headoffice is None:
            return 0
        return outbox.points_earned_unacknowledged(session, member_id)

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[MemberRowView]:
        """Members whose card number, phone or name contains ``text`` (all when empty); text
        starting with ``#`` finds the members carrying that tag (``#VIP``), through its index."""
        key = unicodedata.normalize("NFKC", text).strip()
        with self.context.db.reading() as session:
            names = {
                view.card_type.id: view.card_type.name
                for view in card_types.list_card_types(session, include_retired=True)
            }
            tag = tags.tag_searched(key)
            if tag is not None:
                rows = tags.members_tagged(session, tag, limit) if tag else []
            else:
                query = select(MemberRow).order_by(MemberRow.card_no).limit(limit)
                if key:
                    like = f"%{key}%"
                    query = query.where(
                        or_(
                            MemberRow.card_no.like(like),
                            MemberRow.phone.like(like),
                            MemberRow.name.like(like),
                        )
                    )
                rows = list(session.scalars(query))
            return [
                MemberRowView(
                    row.id,
                    row.card_no,
                    row.name,
                    mask_phone(row.phone),
                    names.get(row.card_type_id, ""),
                    row.status,
                    row.principal_fen + row.bonus_fen,
                    row.points,
                )
                for row in rows
            ]

    def auto_tags(self, member_id: str) -> tuple[str, ...]:
        """The tags automatic tag rules gave the member (the profile shows them apart)."""
        return self.context.read(auto_tags.auto_tags_of, member_id)

    def anniversaries(self, member_id: str) -> list[AnniversaryView]:
        """The member's anniversaries, by month and day."""
        return self.context.read(enrolment.list_anniversaries, member_id)

    # -- a member's ledgers and history ----------------------------------------------------------

    def stored_value_lines(self, member_id: str) -> list[StoredValueLine]:
        return self.context.read(stored_value.stored_value_lines, member_id)

    def points_lines(self, member_id: str) -> list[PointsLine]:
        return self.context.read(points.points_lines, member_id)

    def count_card_lines(self, member_id: str) -> list[CountCardEntryView]:
        with self.context.db.reading() as session:
            rows = session.scalars(
                select(CountCardEntryRow)
                .where(CountCardEntryRow.member_id == member_id)
                .order_by(CountCardEntryRow.id.desc())
                .limit(HISTORY_LIMIT)
            )
            return [
                CountCardEntryView(
                    r.id,
                    r.count_card_id,
                    r.kind,
                    r.uses_delta,
                    r.uses_after,
                    r.reason,
                    r.business_day,
                )
                for r in rows
            ]

    def purchases(self, member_id: str) -> list[PurchaseView]:
        with self.context.db.reading() as session:
            rows = session.scalars(
                select(OrderRow)
                .where(OrderRow.member_id == member_id)
                .order_by(OrderRow.created_at.desc())
                .limit(HISTORY_LIMIT)
            )
            return [
                PurchaseView(
                    r.id, r.receipt_no, r.business_day, r.kind.value, r.state.value, r.total_fen
                )
                for r in rows
            ]

    def history(self, member_id: str) -> list[HistoryLine]:
        with self.context.db.reading() as session:
            rows = session.scalars(
                select(AuditRow)
                .where(AuditRow.subject_id == member_id)
                .order_by(AuditRow.seq.desc())
                .limit(HISTORY_LIMIT)
            )
            return [HistoryLine(r.at, r.action, r.detail) for r in rows]

    # -- reminders and the export ----------------------------------------------------------------

    def reminder_window(
        self,
        *,
        days: int = 7,
        no_visit_days: int | None = reminders_query.DEFAULT_NO_VISIT_DAYS,
        expiry_days: int | None = 30,
        on: dt.date | None = None,
    ) -> ReminderWindow:
        """The list the screen shows: today's business day unless ``on`` says otherwise, fixed
        once so every page of it speaks of the same day."""
        if days < 0:
            raise MemberError("天数不能为负数")
        return ReminderWindow(on or self.context.today(), days, no_visit_days, expiry_days)

    def reminders_page(
        self, window: ReminderWindow, *, after: SortKey | None = None, limit: int
    ) -> list[Reminder]:
        """The ``limit`` reminders after ``after``, in the list's order (the screen's pages)."""
        return self.context.read(reminders_query.reminders_page, window, after=after, limit=limit)

    def reminder_counts(self, window: ReminderWindow) -> dict[ReminderKind, int]:
        return self.context.read(reminders_query.reminder_counts, window)

    def export_reminders(
        self, window: ReminderWindow, out: TextIO, detail: Callable[[Reminder], str]
    ) -> int:
        """The whole list as CSV, streamed from one reading session; the rows written."""

        def write(session: Session) -> int:
            found = reminders_query.iter_due_reminders(session, window)
            return reminders_query.write_reminders_csv(out, found, detail=detail)

        return self.context.read(write)

    def export_members(self, path: Path, *, cashier: StaffView, approval: Approval) -> int:
        """All members with full phones (a manager's, audited)."""
        with self.context.approved(cashier, approval, Sensitive.MEMBER_PRIVACY) as who:
            return self.context.write(
                member_io.export_members,
                path,
                actor_id=who["actor_id"],
                approver_id=who["approver_id"],
            )
