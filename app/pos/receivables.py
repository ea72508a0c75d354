"""挂账: sales paid later by a member or a named customer, what each owes and since when, and
their settlement at the counter."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.config import Config, save_settings
from app.errors import KnownError
from app.members.accounts import load_account, mask_phone, require_usable
from app.members.card_numbers import mask_card
from app.members.errors import PasswordRequired
from app.money import format_yuan
from app.pos.staff import StaffView
from app.pos.tenders import TenderMethod
from app.storage import audit, outbox
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.member_models import MemberRow
from app.storage.models import OrderRow, ReceivableRow, ReceivableSettlementRow


class ReceivableError(KnownError):
    """A settlement or an on-account sale that cannot be taken; nothing was written."""


@dataclasses.dataclass(frozen=True)
class ReceivableView:
    """One open (or just settled) on-account sale."""

    id: str
    customer_name: str
    receipt_no: str
    amount_fen: int
    settled_fen: int
    created_at: dt.datetime
    member_id: str | None = None
    #: The business day of the sale (the store's own date, not UTC).
    sold_on: dt.date | None = None

    @property
    def open_fen(self) -> int:
        return self.amount_fen - self.settled_fen


@dataclasses.dataclass(frozen=True)
class Debtor:
    """Who owes: a member (by id), else a customer by the name typed at the sale."""

    member_id: str | None
    customer_name: str = ""


@dataclasses.dataclass(frozen=True)
class DebtorView:
    """What one member or named customer owes, since when, and the open sales behind it."""

    debtor: Debtor
    name: str
    card_no_masked: str
    phone_masked: str
    receivables: tuple[ReceivableView, ...]
    #: The business day of the oldest open sale, and how many days ago that is.
    since: dt.date
    days: int

    @property
    def owed_fen(self) -> int:
        return sum(r.open_fen for r in self.receivables)


@dataclasses.dataclass(frozen=True)
class MemberOwed:
    """What a member owes on account (0 and no date when nothing)."""

    owed_fen: int
    since: dt.date | None
    open_sales: int


@dataclasses.dataclass(frozen=True)
class SettlementView:
    """A payment taken against what a debtor owes, oldest sale first."""

    name: str
    amount_fen: int
    left_fen: int
    settled: tuple[ReceivableView, ...]


_OPEN = ReceivableRow.amount_fen > ReceivableRow.settled_fen


def _view(row: ReceivableRow, receipt_no: str, sold_on: dt.date | None) -> ReceivableView:
    return ReceivableView(
        row.id,
        row.customer_name,
        receipt_no,
        row.amount_fen,
        row.settled_fen,
        row.created_at,
        row.member_id,
        sold_on,
    )


def open_receivables(session: Session, customer: str = "") -> list[ReceivableView]:
    """Every open on-account sale, oldest first; ``customer`` narrows to names containing it."""
    query = (
        select(ReceivableRow, OrderRow.receipt_no, OrderRow.business_day)
        .join(OrderRow, OrderRow.id == ReceivableRow.order_id)
        .where(_OPEN)
        .order_by(ReceivableRow.created_at)
    )
    if customer.strip():
        query = query.where(ReceivableRow.customer_name.contains(customer.strip()))
    return [_view(r, no, day) for r, no, day in session.execute(query)]


def outstanding(session: Session, text: str, *, today: dt.date) -> list[DebtorView]:
    """What each member or named customer owes, the longest owing first.

    ``text`` finds a debtor by name, by a member's card number or phone (any part of them).
    """
    key = unicodedata.normalize("NFKC", text).strip()
    query = (
        select(
            ReceivableRow,
            OrderRow.receipt_no,
            OrderRow.business_day,
            MemberRow.name,
            MemberRow.card_no,
            MemberRow.phone,
        )
        .join(OrderRow, OrderRow.id == ReceivableRow.order_id)
        .outerjoin(MemberRow, MemberRow.id == ReceivableRow.member_id)
        .where(_OPEN)
        .order_by(OrderRow.business_day, ReceivableRow.created_at)
    )
    if key:
        query = query.where(
            or_(
                ReceivableRow.customer_name.contains(key, autoescape=True),
                MemberRow.name.contains(key, autoescape=True),
                MemberRow.card_no.contains(key, autoescape=True),
                MemberRow.phone.contains(key, autoescape=True),
            )
        )
    groups: dict[Debtor, list[ReceivableView]] = {}
    who: dict[Debtor, tuple[str, str, str]] = {}
    for row, receipt_no, sold_on, member_name, card_no, phone in session.execute(query):
        if row.member_id is not None:
            debtor = Debtor(row.member_id)
            name = member_name or row.customer_name
            who[debtor] = (name, mask_card(card_no or ""), mask_phone(phone))
        else:
            debtor = Debtor(None, row.customer_name)
            who[debtor] = (row.customer_name, "", "")
        groups.setdefault(debtor, []).append(_view(row, receipt_no, sold_on))
    debtors = []
    for debtor, views in groups.items():
        since = min(v.sold_on or v.created_at.date() for v in views)
        name, card, phone = who[debtor]
        debtors.append(
            DebtorView(debtor, name, card, phone, tuple(views), since, max(0, (today - since).days))
        )
    return sorted(debtors, key=lambda d: (d.since, d.name))


def member_owed(session: Session, member_id: str) -> MemberOwed:
    """What the member owes on account, for the member panel and the members screen."""
    owed, since, count = session.execute(
        select(
            func.coalesce(func.sum(ReceivableRow.amount_fen - ReceivableRow.settled_fen), 0),
            func.min(OrderRow.business_day),
            func.count(ReceivableRow.id),
        )
        .join(OrderRow, OrderRow.id == ReceivableRow.order_id)
        .where(ReceivableRow.member_id == member_id, _OPEN)
    ).one()
    return MemberOwed(int(owed), since, int(count))


def owed_by(session: Session, debtor: Debtor) -> int:
    """The open amount a member or a named customer owes now."""
    query = select(
        func.coalesce(func.sum(ReceivableRow.amount_fen - ReceivableRow.settled_fen), 0)
    ).where(_OPEN)
    if debtor.member_id is not None:
        query = query.where(ReceivableRow.member_id == debtor.member_id)
    else:
        query = query.where(
            ReceivableRow.member_id.is_(None),
            ReceivableRow.customer_name == debtor.customer_name.strip(),
        )
    return int(session.scalar(query) or 0)


def check_account(
    session: Session,
    debtor: Debtor,
    amount_fen: int,
    *,
    on: dt.date,
    password_verified: bool,
    limit_fen: int,
) -> str:
    """May ``debtor`` take ``amount_fen`` more on account? Their name for the receivable.

    A member's card must be usable today, and a card type that needs the member's password for
    stored value needs it here too (checked first by ``members.cards.verify_password``, in its own
    transaction, as stored value does). A store's ``limit_fen`` (0: none) caps what any one member
    or named customer may owe at once.
    """
    name = debtor.customer_name.strip()
    if debtor.member_id is not None:
        member = load_account(session, debtor.member_id)
        require_usable(member, on)
        if member.password_required and not password_verified:
            raise PasswordRequired()
        name = member.name
    if limit_fen > 0:
        owed = owed_by(session, debtor)
        if owed + amount_fen > limit_fen:
            raise ReceivableError(
                "超出挂账额度：%1 已欠 %2，本单 %3，每人最多可欠 %4",
                name,
                format_yuan(owed),
                format_yuan(amount_fen),
                format_yuan(limit_fen),
            )
    return name


#: The most a store may let one debtor owe: the largest amount a sale may have.
LIMIT_CEILING_FEN = 10_000_000_00


def set_limit(
    session: Session, config: Config, limit_fen: int, *, staff: StaffView, approver: StaffView
) -> Config:
    """The store's 挂账 credit limit (0: none), with a manager's approval: audited in the
    session's transaction and written to ``config.toml``; the settings now in force."""
    if not approver.can_approve:
        raise ReceivableError("设置挂账额度须店长授权")
    if not 0 <= limit_fen <= LIMIT_CEILING_FEN:
        raise ReceivableError(
            "挂账额度须在 0 到 %1 之间（0 为不限）",
            format_yuan(LIMIT_CEILING_FEN),
            field="on_account_limit_fen",
        )
    audit.record(
        session,
        "receivable.limit_set",
        actor_id=staff.id,
        approver_id=approver.id,
        detail={"from_fen": config.on_account_limit_fen, "to_fen": limit_fen},
    )
    session.flush()  # the audit entry is in before the file changes; a failure undoes both
    return save_settings(config.data_dir, {"on_account_limit_fen": limit_fen})


def _take(
    session: Session,
    row: ReceivableRow,
    amount_fen: int,
    method: TenderMethod,
    *,
    staff: StaffView,
    shift_id: str | None,
) -> None:
    """One settlement row against one receivable, audited and sent to head office."""
    settlement = ReceivableSettlementRow(
        id=new_id(),
        receivable_id=row.id,
        shift_id=shift_id,
        method=method.value,
        amount_fen=amount_fen,
        staff_id=staff.id,
        created_at=utcnow(),
    )
    session.add(settlement)
    row.settled_fen += amount_fen
    audit.record(
        session,
        "receivable.settled",
        actor_id=staff.id,
        subject_id=row.id,
        detail={"amount_fen": amount_fen, "method": method.value, "member_id": row.member_id},
    )
    outbox.add_event(
        session,
        "ReceivableSettled",
        {
            "settlement_id": settlement.id,
            "receivable_id": row.id,
            "order_id": row.order_id,
            "member_id": row.member_id,
            "customer_name": row.customer_name,
            "amount_fen": amount_fen,
            "method": method.value,
            "shift_id": shift_id,
        },
    )


def _check_amount(amount_fen: int, method: TenderMethod, open_fen: int) -> None:
    if method is TenderMethod.ON_ACCOUNT:
        raise ReceivableError("挂账不能用挂账来还")
    if method in (TenderMethod.STORED_VALUE, TenderMethod.POINTS):
        raise ReceivableError("挂账请用现金、银行卡或扫码还款")
    if amount_fen <= 0:
        raise ReceivableError("还款金额必须大于零")
    if amount_fen > open_fen:
        raise ReceivableError("还款金额超过未还余额 %1", format_yuan(open_fen))


def settle_receivable(
    session: Session,
    receivable_id: str,
    amount_fen: int,
    method: TenderMethod,
    *,
    staff: StaffView,
    shift_id: str | None,
) -> ReceivableView:
    """Take a payment against one on-account sale; the money counts in this shift's drawer."""
    row = session.get(ReceivableRow, receivable_id)
    if row is None:
        raise ReceivableError("找不到该挂账")
    _check_amount(amount_fen, method, row.amount_fen - row.settled_fen)
    _take(session, row, amount_fen, method, staff=staff, shift_id=shift_id)
    order = session.get(OrderRow, row.order_id)
    return _view(row, order.receipt_no if order else "", order.business_day if order else None)


def settle_debtor(
    session: Session,
    debtor: Debtor,
    amount_fen: int,
    method: TenderMethod,
    *,
    staff: StaffView,
    shift_id: str | None,
) -> SettlementView:
    """Take a payment against all a debtor owes, the oldest sale paid off first."""
    query = (
        select(ReceivableRow, OrderRow.receipt_no, OrderRow.business_day)
        .join(OrderRow, OrderRow.id == ReceivableRow.order_id)
        .where(_OPEN)
        .order_by(OrderRow.business_day, ReceivableRow.created_at)
    )
    if debtor.member_id is not None:
        query = query.where(ReceivableRow.member_id == debtor.member_id)
    else:
        query = query.where(
            ReceivableRow.member_id.is_(None),
            ReceivableRow.customer_name == debtor.customer_name.strip(),
        )
    rows = list(session.execute(query))
    if not rows:
        raise ReceivableError("找不到该挂账")
    owed = sum(r.amount_fen - r.settled_fen for r, _no, _day in rows)
    _check_amount(amount_fen, method, owed)
    left = amount_fen
    settled = []
    for row, receipt_no, sold_on in rows:
        if left == 0:
            break
        part = min(left, row.amount_fen - row.settled_fen)
        _take(session, row, part, method, staff=staff, shift_id=shift_id)
        left -= part
        settled.append(_view(row, receipt_no, sold_on))
    name = rows[0][0].customer_name
    if debtor.member_id is not None:
        member = session.get(MemberRow, debtor.member_id)
        name = member.name if member is not None else name
    return SettlementView(name, amount_fen, owed - amount_fen, tuple(settled))
