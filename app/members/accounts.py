"""Member rows as views, and the one place member ledger entries are appended and sums cached.

Every service goes through ``append_*`` here, so a cached balance on the member row always moves
with the entry that explains it, in the same transaction; ``app.members.checks`` recomputes them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Sequence
from typing import Any, ClassVar, Self

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app.members.calendar import MemberDate
from app.members.card_numbers import mask_card
from app.members.errors import (
    ApprovalRequired,
    CardFrozen,
    CardLost,
    InsufficientBalance,
    InsufficientPoints,
    MemberError,
    MemberExpired,
)
from app.members.ledger import BonusRule, LedgerCorrupt, Rate
from app.members.levels import CardType, Metric, UpgradeGift, UpgradeRule
from app.members.member_status import STATUS_LABELS, MemberStatus
from app.members.settings import SETTINGS_KEY, MemberSettings, parse_settings
from app.money import format_yuan
from app.storage import audit, ledger_rows
from app.storage.base import utcnow
from app.storage.ids import new_id, new_ids
from app.storage.member_models import (
    BonusRuleRow,
    CardTypeRow,
    MemberRow,
)
from app.storage.models import CounterStateRow
from app.storage.outbox import add_event


def mask_phone(phone: str | None) -> str:
    """``13812345678 -> 138****5678``: what a cashier sees."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return (
            phone[:1] + "*" * (len(phone) - 2) + phone[-1:] if len(phone) > 2 else "*" * len(phone)
        )
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


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
    status: MemberStatus
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
        return mask_card(self.card_no)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

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
        status=MemberStatus(member.status),
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


@dataclasses.dataclass(slots=True)
class MemberAccount:
    """The member columns a ledger action needs, with the rates of the member's card type.

    Read in one plain statement (``load_account``): the top-up, the payment by card and the
    sale's points run at every counter action, and the ORM's per-object work was most of their
    cost. ``append_*`` keeps it up to date like a ``MemberRow``.
    """

    id: str
    card_no: str
    name: str
    status: MemberStatus
    expires_on: dt.date | None
    card_type_id: str
    has_password: bool
    principal_fen: int
    bonus_fen: int
    points: int
    total_spend_fen: int
    visit_count: int
    last_visit_on: dt.date | None
    needs_password: bool
    points_per_yuan: Rate
    points_value: Rate
    #: The store's member rules, read in the same statement.
    settings: MemberSettings
    #: The active top-up bonus rules, read in the same statement when asked for.
    bonus_rules: tuple[BonusRule, ...] = ()

    @property
    def password_required(self) -> bool:
        """Spending stored value asks for the member's password (type requires it, one is set)."""
        return self.needs_password and self.has_password


_M = MemberRow.__tablename__
_T = CardTypeRow.__tablename__
_R = BonusRuleRow.__tablename__
_LOAD_ACCOUNT = (
    "SELECT m.id, m.card_no, m.name, m.status, m.expires_on, m.card_type_id,"
    " m.password_hash IS NOT NULL, m.principal_fen, m.bonus_fen, m.points, m.total_spend_fen,"
    " m.visit_count, m.last_visit_on, t.needs_password, t.points_num, t.points_den,"
    " t.value_num, t.value_den,"
    f" (SELECT value FROM {CounterStateRow.__tablename__} WHERE key = '{SETTINGS_KEY}'){{rules}}"
    f" FROM {_M} AS m JOIN {_T} AS t ON t.id = m.card_type_id WHERE m.id = ?"
)
_WITHOUT_RULES = _LOAD_ACCOUNT.format(rules="")
_WITH_RULES = _LOAD_ACCOUNT.format(
    rules=(
        ", (SELECT json_group_array(json_array(min_top_up_fen, bonus_fen, valid_from, valid_to,"
        f" card_type_id)) FROM {_R} WHERE active)"
    )
)


@functools.lru_cache(maxsize=16)
def parse_bonus_rules(text: str) -> tuple[BonusRule, ...]:
    """The bonus rules of their JSON text (``[[min, bonus, from, to, card type], ...]``)."""
    return tuple(
        BonusRule(
            int(low),
            int(bonus),
            dt.date.fromisoformat(start) if start else None,
            dt.date.fromisoformat(end) if end else None,
            kind,
        )
        for low, bonus, start, end, kind in json.loads(text)
    )


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def driver_connection(session: Session) -> Any:
    """The session's DBAPI (sqlite3) connection, inside the session's transaction.

    The ledger's few hottest statements go straight to it, with plain str and int parameters:
    SQLAlchemy's execution machinery costs some 25 µs a statement, a third of a top-up's own
    share of the time. Only this module and the services' hot paths use it; the transaction is
    still the session's (begun, committed and rolled back by it).
    """
    return session.connection().connection.driver_connection


def load_account(
    session: Session, member_id: str, *, with_bonus_rules: bool = False
) -> MemberAccount:
    """The member for a ledger action with the store's member rules (and the active bonus rules
    if asked), read in one statement; pending ORM changes are written first."""
    session.flush()  # a member changed through the ORM in this transaction is read as changed
    sql = _WITH_RULES if with_bonus_rules else _WITHOUT_RULES
    rows = driver_connection(session).execute(sql, (member_id,)).fetchall()
    if not rows:
        raise MemberError("未找到该会员")
    row = rows[0]
    return MemberAccount(
        id=row[0],
        card_no=row[1],
        name=row[2],
        status=MemberStatus(row[3]),
        expires_on=_date(row[4]),
        card_type_id=row[5],
        has_password=bool(row[6]),
        principal_fen=row[7],
        bonus_fen=row[8],
        points=row[9],
        total_spend_fen=row[10],
        visit_count=row[11],
        last_visit_on=_date(row[12]),
        needs_password=bool(row[13]),
        points_per_yuan=_rate(row[14], row[15]),
        points_value=_rate(row[16], row[17]),
        settings=MemberSettings() if row[18] is None else parse_settings(row[18]),
        bonus_rules=parse_bonus_rules(row[19]) if with_bonus_rules else (),
    )


def view_of(session: Session, member_id: str) -> MemberView:
    member = load_member(session, member_id)
    return member_view(member, load_card_type(session, member.card_type_id))


#: Either form of a member the ledger functions take: an ORM row or a plain account.
Member = MemberRow | MemberAccount


def require_usable(member: Member, on: dt.date) -> None:
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


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(line_type: type) -> tuple[str, ...]:
    """A ledger line type's field names, in order (looked up once per type)."""
    names = _FIELD_NAMES.get(line_type)
    if names is None:
        names = _FIELD_NAMES[line_type] = tuple(f.name for f in dataclasses.fields(line_type))
    return names


@dataclasses.dataclass(frozen=True)
class LedgerLine:
    """What every ledger line shares: its outbox payload, the row it is written as, and the line
    of a row read back."""

    LEDGER: ClassVar[str]

    id: str
    member_id: str
    kind: str

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ledger": self.LEDGER}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            data[name] = value.isoformat() if isinstance(value, dt.date) else value
        return data

    def row(
        self, *, actor_id: str | None, approver_id: str | None, at: dt.datetime
    ) -> dict[str, Any]:
        """The entry's table row: the line, who wrote it and approved it, and when."""
        row = dict(self.__dict__)  # the fields, as a frozen dataclass without slots keeps them
        row.update(actor_id=actor_id, approver_id=approver_id, created_at=at)
        return row

    @classmethod
    def of_row(cls, row: object) -> Self:
        """The line of an entry's row read back (an ORM row of the same column names)."""
        return cls(**{name: getattr(row, name) for name in _field_names(cls)})


@dataclasses.dataclass(frozen=True)
class StoredValueLine(LedgerLine):
    """One stored-value entry as written: signed deltas and the balance after it."""

    LEDGER = "stored_value"

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


@dataclasses.dataclass(frozen=True)
class PointsLine(LedgerLine):
    LEDGER = "points"

    delta: int
    balance_after: int
    base_fen: int
    expires_on: dt.date | None
    order_id: str | None
    related_entry_id: str | None
    reason: str
    business_day: dt.date


@dataclasses.dataclass(frozen=True)
class SpendLine(LedgerLine):
    LEDGER = "spend"

    spend_delta: int
    visits_delta: int
    order_id: str | None
    reason: str
    business_day: dt.date


def _sync(session: Session, member: Member, **values: Any) -> None:
    """Give ``member``, and the ORM row of the same member if the session holds one, the sums
    just written, as loaded values: the ORM must not write them again or read them stale."""
    loaded = (
        member
        if isinstance(member, MemberRow)
        else session.identity_map.get(identity_key(MemberRow, member.id))
    )
    for name, value in values.items():
        if loaded is not None:
            set_committed_value(loaded, name, value)
        if loaded is not member:
            setattr(member, name, value)


def _ready(session: Session, member: Member) -> None:
    if isinstance(member, MemberRow):
        session.flush()  # a row enrolled or changed through the ORM is in the database first


def append_stored_value(
    session: Session,
    member: Member,
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
    _ready(session, member)
    connection = driver_connection(session)
    sums = ledger_rows.move_stored_value(connection, member.id, principal_delta, bonus_delta)
    if sums is None:
        held = member.principal_fen + member.bonus_fen
        raise InsufficientBalance("余额不足：卡内余额 %1", format_yuan(held))
    principal, bonus = sums
    line = StoredValueLine(
        new_id(),
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
    ledger_rows.STORED_VALUE.write(
        connection, line.row(actor_id=actor_id, approver_id=approver_id, at=utcnow())
    )
    _sync(session, member, principal_fen=principal, bonus_fen=bonus)
    return line


def append_points(
    session: Session,
    member: Member,
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
    _ready(session, member)
    connection = driver_connection(session)
    balance = ledger_rows.move_points(connection, member.id, delta)
    if balance is None:
        raise InsufficientPoints(-delta, member.points)
    line = PointsLine(
        new_id(),
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
    ledger_rows.POINTS.write(
        connection, line.row(actor_id=actor_id, approver_id=approver_id, at=utcnow())
    )
    _sync(session, member, points=balance)
    return line


def append_spend(
    session: Session,
    member: Member,
    kind: str,
    spend_delta: int,
    visits_delta: int,
    *,
    on: dt.date,
    reason: str,
    actor_id: str | None,
    approver_id: str | None = None,
    order_id: str | None = None,
    visit_on: dt.date | None = None,
) -> SpendLine:
    """Spend and visits; ``visit_on`` also moves the last visit forward to that day."""
    _ready(session, member)
    connection = driver_connection(session)
    after = ledger_rows.move_spend(connection, member.id, spend_delta, visits_delta, visit_on)
    if after is None:
        raise LedgerCorrupt(f"spend or visits below zero for {member.id}")
    line = SpendLine(new_id(), member.id, kind, spend_delta, visits_delta, order_id, reason, on)
    ledger_rows.SPEND.write(
        connection, line.row(actor_id=actor_id, approver_id=approver_id, at=utcnow())
    )
    total_spend, visits, last_visit = after
    _sync(
        session, member, total_spend_fen=total_spend, visit_count=visits, last_visit_on=last_visit
    )
    return line


#: Members updated by one statement of a bulk gift (well below SQLite's limit of variables).
BULK_CHUNK = 500
_GIVE_RETURNING = "RETURNING id, card_no, principal_fen, bonus_fen, points"


def _give_to_many(
    session: Session, member_ids: Sequence[str], column: str, amount: int
) -> list[tuple[str, str, int, int, int]]:
    """Add ``amount`` to ``column`` of every member, a statement per chunk; each member's id,
    card and sums after it."""
    if amount <= 0:
        raise ValueError("a bulk gift adds a positive amount")
    session.flush()
    connection = driver_connection(session)
    after: list[tuple[str, str, int, int, int]] = []
    unique = list(dict.fromkeys(member_ids))
    for start in range(0, len(unique), BULK_CHUNK):
        chunk = unique[start : start + BULK_CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"UPDATE {_M} SET {column} = {column} + ? WHERE id IN ({marks}) {_GIVE_RETURNING}"
        after.extend(tuple(row) for row in connection.execute(sql, (amount, *chunk)).fetchall())
    if len(after) != len(unique):
        raise MemberError("未找到该会员")
    return after


def give_bonus_to_many(
    session: Session,
    member_ids: Sequence[str],
    bonus_fen: int,
    *,
    kind: str,
    on: dt.date,
    reason: str,
    actor_id: str | None,
    approver_id: str | None = None,
) -> list[tuple[StoredValueLine, tuple[str, str, int, int, int]]]:
    """The same bonus to many members (a campaign's): one update per chunk of members and one
    insert for all the entries, each entry with the sums its update returned. Only adds, so no
    balance check is needed; each line with its member's (id, card, principal, bonus, points)
    after it, for the events."""
    after = _give_to_many(session, member_ids, "bonus_fen", bonus_fen)
    ids = new_ids(len(after))
    at = utcnow()
    lines = [
        (
            StoredValueLine(ids[i], m[0], kind, 0, bonus_fen, m[2], m[3], None, None, reason, on),
            m,
        )
        for i, m in enumerate(after)
    ]
    table = ledger_rows.STORED_VALUE
    driver_connection(session).executemany(
        table.insert,
        [
            table.params(line.row(actor_id=actor_id, approver_id=approver_id, at=at))
            for line, _ in lines
        ],
    )
    _forget_cached(session, after)
    return lines


def give_points_to_many(
    session: Session,
    member_ids: Sequence[str],
    points: int,
    *,
    kind: str,
    on: dt.date,
    reason: str,
    expires_on: dt.date | None,
    actor_id: str | None,
    approver_id: str | None = None,
) -> list[tuple[PointsLine, tuple[str, str, int, int, int]]]:
    """The same points to many members, as :func:`give_bonus_to_many` gives a bonus."""
    after = _give_to_many(session, member_ids, "points", points)
    ids = new_ids(len(after))
    at = utcnow()
    lines = [
        (
            PointsLine(ids[i], m[0], kind, points, m[4], 0, expires_on, None, None, reason, on),
            m,
        )
        for i, m in enumerate(after)
    ]
    table = ledger_rows.POINTS
    driver_connection(session).executemany(
        table.insert,
        [
            table.params(line.row(actor_id=actor_id, approver_id=approver_id, at=at))
            for line, _ in lines
        ],
    )
    _forget_cached(session, after)
    return lines


def _forget_cached(session: Session, after: Sequence[tuple[str, str, int, int, int]]) -> None:
    """A member row the session holds gets the sums just written (none is written twice)."""
    for member_id, _card, principal, bonus, points in after:
        loaded = session.identity_map.get(identity_key(MemberRow, member_id))
        if loaded is not None:
            set_committed_value(loaded, "principal_fen", principal)
            set_committed_value(loaded, "bonus_fen", bonus)
            set_committed_value(loaded, "points", points)


def emit(
    session: Session,
    event_type: str,
    member: Member,
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
            detail={"card_no": mask_card(member.card_no), **extra},
        )


def find_row_by_card(session: Session, card_no: str) -> MemberRow | None:
    return session.scalar(select(MemberRow).where(MemberRow.card_no == card_no))
