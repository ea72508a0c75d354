"""Member rows as views, and the one place member ledger entries are appended and sums cached.

Every service goes through ``append_*`` here, so a cached balance on the member row always moves
with the entry that explains it, in the same transaction; ``app.members.checks`` recomputes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import app.storage.member_models  # noqa: F401  (registers the member tables on Base)
from app.members.calendar import MemberDate
from app.members.errors import (
    ApprovalRequired,
    CardFrozen,
    CardLost,
    InsufficientPoints,
    MemberError,
    MemberExpired,
)
from app.members.ledger import InsufficientBalance, LedgerCorrupt, Rate
from app.members.levels import CardType, Metric, UpgradeGift, UpgradeRule
from app.money import format_yuan
from app.storage import audit
from app.storage.ids import new_id
from app.storage.member_models import (
    CardTypeRow,
    MemberRow,
    PointsEntryRow,
    SpendEntryRow,
    StoredValueEntryRow,
)
from app.storage.outbox import add_event


class MemberStatus:
    ACTIVE = "active"
    FROZEN = "frozen"
    LOST = "lost"
    EXPIRED = "expired"


STATUS_LABELS = {"active": "正常", "frozen": "已冻结", "lost": "已挂失", "expired": "已过期"}


def mask_phone(phone: str | None) -> str:
    """``13812345678 -> 138****5678``: what a cashier sees."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return (
            phone[:1] + "*" * (len(phone) - 2) + phone[-1:] if len(phone) > 2 else "*" * len(phone)
        )
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_card_no(card_no: str) -> str:
    """``88000123 -> ****0123``: what slips and receipts print."""
    return "*" * max(0, len(card_no) - 4) + card_no[-4:]


def _rate(numerator: int, denominator: int) -> Rate:
    return numerator if denominator == 1 else (numerator, denominator)


def card_type_of(row: CardTypeRow) -> CardType:
    """The pure ``CardType`` of a row, for the levels and pricing rules."""
    upgrade = None
    if row.upgrade_metric and row.upgrade_threshold and row.upgrade_period_days:
        upgrade = UpgradeRule(
            Metric(row.upgrade_metric), row.upgrade_threshold, row.upgrade_period_days
        )
    return CardType(
        id=row.id,
        name=row.name,
        rank=row.rank,
        discount_bp=row.discount_bp,
        points_per_yuan=_rate(row.points_num, row.points_den),
        points_value=_rate(row.value_num, row.value_den),
        needs_password=row.needs_password,
        upgrade=upgrade,
        downgrade=row.downgrade,
        gift=UpgradeGift(row.gift_points, row.gift_coupon_template_id, row.gift_bonus_fen),
        fee_fen=row.fee_fen,
        validity_days=row.validity_days,
    )


def member_date_of(row: MemberRow) -> MemberDate | None:
    if row.birthday_calendar is None or row.birthday_month is None or row.birthday_day is None:
        return None
    return MemberDate(
        "lunar" if row.birthday_calendar == "lunar" else "solar",
        row.birthday_year,
        row.birthday_month,
        row.birthday_day,
        leap_month=row.birthday_leap,
        prefer_leap=row.birthday_prefer_leap,
    )


@dataclasses.dataclass(frozen=True)
class MemberView:
    """A member as the counter shows it; the phone is masked (see ``enrolment.full_phone``)."""

    id: str
    card_no: str
    name: str
    phone_masked: str
    sex: str | None
    birthday: MemberDate | None
    tags: tuple[str, ...]
    note: str
    home_store: str
    joined_on: dt.date
    card_type: CardType
    expires_on: dt.date | None
    status: str
    has_password: bool
    principal_fen: int
    bonus_fen: int
    points: int
    total_spend_fen: int
    visit_count: int
    last_visit_on: dt.date | None

    @property
    def balance_fen(self) -> int:
        return self.principal_fen + self.bonus_fen

    @property
    def card_no_masked(self) -> str:
        return mask_card_no(self.card_no)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def discount_bp(self) -> int:
        return self.card_type.discount_bp

    @property
    def password_required(self) -> bool:
        """Spending stored value asks for the member's password (type requires it, one is set)."""
        return self.card_type.needs_password and self.has_password


def member_view(member: MemberRow, card_type: CardTypeRow | CardType) -> MemberView:
    kind = card_type if isinstance(card_type, CardType) else card_type_of(card_type)
    return MemberView(
        id=member.id,
        card_no=member.card_no,
        name=member.name,
        phone_masked=mask_phone(member.phone),
        sex=member.sex,
        birthday=member_date_of(member),
        tags=tuple(tag for tag in member.tags.split(",") if tag),
        note=member.note,
        home_store=member.home_store,
        joined_on=member.joined_on,
        card_type=kind,
        expires_on=member.expires_on,
        status=member.status,
        has_password=member.password_hash is not None,
        principal_fen=member.principal_fen,
        bonus_fen=member.bonus_fen,
        points=member.points,
        total_spend_fen=member.total_spend_fen,
        visit_count=member.visit_count,
        last_visit_on=member.last_visit_on,
    )


def load_member(session: Session, member_id: str) -> MemberRow:
    member = session.get(MemberRow, member_id)
    if member is None:
        raise MemberError("未找到该会员")
    return member


def load_card_type(session: Session, card_type_id: str) -> CardTypeRow:
    row = session.get(CardTypeRow, card_type_id)
    if row is None:
        raise MemberError("未找到该卡类型")
    return row


def view_of(session: Session, member_id: str) -> MemberView:
    member = load_member(session, member_id)
    return member_view(member, load_card_type(session, member.card_type_id))


def require_usable(member: MemberRow, on: dt.date) -> None:
    """A card that may pay, earn or top up today: not lost, frozen or expired."""
    if member.status == MemberStatus.LOST:
        raise CardLost()
    if member.status == MemberStatus.FROZEN:
        raise CardFrozen()
    if member.status == MemberStatus.EXPIRED or (
        member.expires_on is not None and member.expires_on < on
    ):
        raise MemberExpired(member.expires_on.isoformat() if member.expires_on else "")


def require_approver(approver_id: str | None) -> str:
    if not approver_id:
        raise ApprovalRequired()
    return approver_id


def require_reason(reason: str) -> str:
    cleaned = reason.strip()
    if not cleaned:
        raise MemberError("请填写原因")
    return cleaned[:80]


# --- ledger lines ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StoredValueLine:
    """One stored-value entry as written: signed deltas and the balance after it."""

    id: str
    member_id: str
    kind: str
    principal_delta: int
    bonus_delta: int
    principal_after: int
    bonus_after: int
    order_id: str | None
    related_entry_id: str | None
    reason: str
    business_day: dt.date

    @property
    def amount_fen(self) -> int:
        return self.principal_delta + self.bonus_delta

    @property
    def balance_after_fen(self) -> int:
        return self.principal_after + self.bonus_after

    @property
    def balance_before_fen(self) -> int:
        return self.balance_after_fen - self.amount_fen

    def payload(self) -> dict[str, Any]:
        return _payload(self, "stored_value")


@dataclasses.dataclass(frozen=True)
class PointsLine:
    id: str
    member_id: str
    kind: str
    delta: int
    balance_after: int
    base_fen: int
    expires_on: dt.date | None
    order_id: str | None
    related_entry_id: str | None
    reason: str
    business_day: dt.date

    def payload(self) -> dict[str, Any]:
        return _payload(self, "points")


@dataclasses.dataclass(frozen=True)
class SpendLine:
    id: str
    member_id: str
    kind: str
    spend_delta: int
    visits_delta: int
    order_id: str | None
    reason: str
    business_day: dt.date

    def payload(self) -> dict[str, Any]:
        return _payload(self, "spend")


def _payload(line: object, ledger: str) -> dict[str, Any]:
    data: dict[str, Any] = {"ledger": ledger}
    for field in dataclasses.fields(line):  # type: ignore[arg-type]
        value = getattr(line, field.name)
        data[field.name] = value.isoformat() if isinstance(value, dt.date) else value
    return data


def append_stored_value(
    session: Session,
    member: MemberRow,
    kind: str,
    principal_delta: int,
    bonus_delta: int,
    *,
    on: dt.date,
    reason: str,
    actor_id: str | None,
    approver_id: str | None = None,
    order_id: str | None = None,
    related_entry_id: str | None = None,
) -> StoredValueLine:
    principal = member.principal_fen + principal_delta
    bonus = member.bonus_fen + bonus_delta
    if principal < 0 or bonus < 0:
        held = member.principal_fen + member.bonus_fen
        raise InsufficientBalance(f"余额不足：卡内余额 {format_yuan(held)}")
    row = StoredValueEntryRow(
        id=new_id(),
        member_id=member.id,
        kind=kind,
        principal_delta=principal_delta,
        bonus_delta=bonus_delta,
        principal_after=principal,
        bonus_after=bonus,
        order_id=order_id,
        related_entry_id=related_entry_id,
        reason=reason,
        actor_id=actor_id,
        approver_id=approver_id,
        business_day=on,
    )
    session.add(row)
    member.principal_fen = principal
    member.bonus_fen = bonus
    return StoredValueLine(
        row.id,
        member.id,
        kind,
        principal_delta,
        bonus_delta,
        principal,
        bonus,
        order_id,
        related_entry_id,
        reason,
        on,
    )


def append_points(
    session: Session,
    member: MemberRow,
    kind: str,
    delta: int,
    *,
    on: dt.date,
    reason: str,
    actor_id: str | None,
    approver_id: str | None = None,
    base_fen: int = 0,
    expires_on: dt.date | None = None,
    order_id: str | None = None,
    related_entry_id: str | None = None,
) -> PointsLine:
    balance = member.points + delta
    if balance < 0:
        raise InsufficientPoints(-delta, member.points)
    row = PointsEntryRow(
        id=new_id(),
        member_id=member.id,
        kind=kind,
        delta=delta,
        balance_after=balance,
        base_fen=base_fen,
        expires_on=expires_on,
        order_id=order_id,
        related_entry_id=related_entry_id,
        reason=reason,
        actor_id=actor_id,
        approver_id=approver_id,
        business_day=on,
    )
    session.add(row)
    member.points = balance
    return PointsLine(
        row.id,
        member.id,
        kind,
        delta,
        balance,
        base_fen,
        expires_on,
        order_id,
        related_entry_id,
        reason,
        on,
    )


def append_spend(
    session: Session,
    member: MemberRow,
    kind: str,
    spend_delta: int,
    visits_delta: int,
    *,
    on: dt.date,
    reason: str,
    actor_id: str | None,
    approver_id: str | None = None,
    order_id: str | None = None,
) -> SpendLine:
    spend = member.total_spend_fen + spend_delta
    visits = member.visit_count + visits_delta
    if spend < 0 or visits < 0:
        raise LedgerCorrupt(f"spend {spend} or visits {visits} below zero for {member.id}")
    row = SpendEntryRow(
        id=new_id(),
        member_id=member.id,
        kind=kind,
        spend_delta=spend_delta,
        visits_delta=visits_delta,
        order_id=order_id,
        reason=reason,
        actor_id=actor_id,
        approver_id=approver_id,
        business_day=on,
    )
    session.add(row)
    member.total_spend_fen = spend
    member.visit_count = visits
    return SpendLine(row.id, member.id, kind, spend_delta, visits_delta, order_id, reason, on)


def emit(
    session: Session,
    event_type: str,
    member: MemberRow,
    *,
    action: str | None,
    actor_id: str | None,
    approver_id: str | None = None,
    lines: Sequence[StoredValueLine | PointsLine | SpendLine] | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """The outbox event (self-contained: it carries the ledger entries) and, when ``action`` is
    given, the audit entry of one member action."""
    extra = dict(detail or {})
    payload: dict[str, Any] = {
        "member_id": member.id,
        "card_no": member.card_no,
        "entries": [line.payload() for line in lines or []],
        "principal_fen": member.principal_fen,
        "bonus_fen": member.bonus_fen,
        "points": member.points,
        "actor_id": actor_id,
        "approver_id": approver_id,
        **extra,
    }
    add_event(session, event_type, payload)
    if action is not None:
        audit.record(
            session,
            action,
            actor_id=actor_id,
            approver_id=approver_id,
            subject_id=member.id,
            detail={"card_no": mask_card_no(member.card_no), **extra},
        )


def find_row_by_card(session: Session, card_no: str) -> MemberRow | None:
    return session.scalar(select(MemberRow).where(MemberRow.card_no == card_no))
