"""Money a member pays or is paid at the counter that is not a sale: orders of their own kind.

Top-ups, change kept on the card (存零), count-card packages, the fee of a paid card type (办卡费),
and cash paid back to a member.

Each is an order of its own kind with its payments, so the drawer count at shift close, the
receipt numbers and the head office see the money exactly like a sale's; the member's ledger
entry is written in the same transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.members import count_cards, stored_value
from app.members.count_cards import CountCardView
from app.members.levels import CardType
from app.members.stored_value import TopUpResult
from app.money import format_yuan
from app.pos.order_rows import Till, insert_order, new_order, order_payload, payment_row
from app.pos.receipts import MembershipFeeSlip, ReceiptPayment
from app.pos.staff import StaffView
from app.pos.tenders import MEMBER_TENDERS, Tender, TenderError, TenderMethod, settle
from app.storage import audit, outbox
from app.storage.member_models import CountCardPackageRow
from app.storage.models import AuditRow, OrderKind, OrderRow, OrderState


@dataclasses.dataclass(frozen=True)
class _MoneyOrder:
    """An order written with its payments: its row values, as the outbox payload needs them."""

    order: dict[str, Any]
    payments: list[dict[str, Any]]

    @property
    def id(self) -> str:
        return str(self.order["id"])

    @property
    def receipt_no(self) -> str:
        return str(self.order["receipt_no"])

    @property
    def business_day(self) -> dt.date:
        day: dt.date = self.order["business_day"]
        return day

    def payload(self, ledger_entries: list[dict[str, Any]]) -> dict[str, Any]:
        return order_payload(self.order, [], self.payments, ledger_entries)


@dataclasses.dataclass(frozen=True)
class MemberPayment:
    order_id: str
    receipt_no: str
    paid_fen: int
    change_fen: int
    opens_drawer: bool


@dataclasses.dataclass(frozen=True)
class TopUpReceipt:
    payment: MemberPayment
    top_up: TopUpResult


@dataclasses.dataclass(frozen=True)
class CountCardReceipt:
    payment: MemberPayment
    count_card: CountCardView


def _money_order(
    session: Session,
    till: Till,
    kind: OrderKind,
    amount_fen: int,
    tenders: list[Tender],
    *,
    member_id: str,
    label: str,
) -> tuple[_MoneyOrder, MemberPayment]:
    """Money taken from a member: checked against the tenders, then written as an order."""
    if any(t.method in MEMBER_TENDERS or t.method is TenderMethod.ON_ACCOUNT for t in tenders):
        raise TenderError("充值、次卡和办卡费只收现金、银行卡、微信或支付宝")
    settlement = settle(amount_fen, tenders)
    paid = [(a.method, a.applied_fen, a.tendered_fen, a.reference) for a in settlement.applied]
    written = _write_order(
        session, till, kind, amount_fen, paid, settlement.change_fen, member_id, label, None
    )
    payment = MemberPayment(
        order_id=written.id,
        receipt_no=written.receipt_no,
        paid_fen=amount_fen,
        change_fen=settlement.change_fen,
        opens_drawer=any(a.method is TenderMethod.CASH for a in settlement.applied),
    )
    return written, payment


def _write_order(
    session: Session,
    till: Till,
    kind: OrderKind,
    total_fen: int,
    paid: Sequence[tuple[TenderMethod, int, int, str | None]],
    change_fen: int,
    member_id: str,
    label: str,
    approver_id: str | None,
) -> _MoneyOrder:
    """An order with no lines and its payments (method, applied, tendered, reference)."""
    order = new_order(
        session,
        till,
        kind,
        approver_id=approver_id,
        member_id=member_id,
        total_fen=total_fen,
        change_fen=change_fen,
        label=label,
    )
    payments = [
        payment_row(order["id"], seq, method, applied, tendered_fen=tendered, reference=reference)
        for seq, (method, applied, tendered, reference) in enumerate(paid, 1)
    ]
    insert_order(session, order, (), payments)
    return _MoneyOrder(order, payments)


def _record(
    session: Session,
    till: Till,
    action: str,
    subject_id: str,
    detail: dict[str, Any],
    event_type: str,
    payload: dict[str, Any],
    approver_id: str | None = None,
) -> None:
    """The audit entry and the outbox event of a money order, at the order's own moment."""
    audit.record(
        session,
        action,
        actor_id=till.cashier.id,
        approver_id=approver_id,
        subject_id=subject_id,
        detail=detail,
        at=till.moment,
    )
    outbox.add_event(session, event_type, payload, at=till.moment)


def top_up_at_counter(
    session: Session, till: Till, member_id: str, amount_fen: int, tenders: list[Tender]
) -> TopUpReceipt:
    """充值: take the money (cash with change, or a card or QR payment) and credit the card,
    with the bonus of the best rule, in one transaction."""
    written, payment = _money_order(
        session, till, OrderKind.TOP_UP, amount_fen, tenders, member_id=member_id, label="会员充值"
    )
    result = stored_value.top_up(
        session, member_id, amount_fen, on=written.business_day, actor_id=till.cashier.id
    )
    _record(
        session,
        till,
        "top_up.paid",
        written.id,
        {"receipt_no": written.receipt_no, "amount_fen": amount_fen},
        "TopUpPaid",
        written.payload([result.line.payload()]),
    )
    return TopUpReceipt(payment, result)


#: The audit action of a 存零; its subject is the sale whose change was kept.
CHANGE_STORED_ACTION = "change.stored"


def store_change_at_counter(
    session: Session, till: Till, member_id: str, sale_order_id: str, amount_fen: int
) -> TopUpReceipt:
    """存零: part or all of a cash sale's change is kept on the member's card as principal.

    The change never leaves the drawer, so it comes back in as a top-up order paid in cash for
    the amount kept: the shift's expected cash then counts it once, as the drawer holds it. One
    存零 per sale, for the sale's own member, never more than its change.
    """
    sale = session.get(OrderRow, sale_order_id)
    if sale is None or sale.kind is not OrderKind.SALE:
        raise TenderError("未找到该笔销售，不能存零")
    if sale.state is not OrderState.PAID:
        raise TenderError("该单已退货或作废，不能存零")
    if sale.member_id is None or sale.member_id != member_id:
        raise TenderError("找零只能存入本单会员的卡")
    if sale.change_fen <= 0:
        raise TenderError("本单没有找零，无需存零")
    if amount_fen <= 0:
        raise TenderError("存零金额必须大于零")
    if amount_fen > sale.change_fen:
        raise TenderError("存零金额不能超过本单找零 %1", format_yuan(sale.change_fen))
    done = session.scalar(
        select(func.count())
        .select_from(AuditRow)
        .where(AuditRow.action == CHANGE_STORED_ACTION, AuditRow.subject_id == sale.id)
    )
    if done:
        raise TenderError("本单找零已存入会员卡")
    cash = [Tender(TenderMethod.CASH, amount_fen)]
    written, payment = _money_order(
        session, till, OrderKind.TOP_UP, amount_fen, cash, member_id=member_id, label="存零"
    )
    result = stored_value.store_change(
        session, member_id, amount_fen, on=written.business_day, actor_id=till.cashier.id
    )
    payload = written.payload([result.line.payload()])
    payload["sale_order_id"] = sale.id
    _record(
        session,
        till,
        CHANGE_STORED_ACTION,
        sale.id,
        {
            "receipt_no": written.receipt_no,
            "sale_receipt_no": sale.receipt_no,
            "amount_fen": amount_fen,
        },
        "ChangeStored",
        payload,
    )
    return TopUpReceipt(payment, result)


def sell_count_card_at_counter(
    session: Session, till: Till, member_id: str, package_id: str, tenders: list[Tender]
) -> CountCardReceipt:
    """售次卡: take the package's price and give the member its uses, in one transaction."""
    package = session.get(CountCardPackageRow, package_id)
    if package is None or not package.active:
        raise TenderError("未找到该次卡套餐")
    written, payment = _money_order(
        session,
        till,
        OrderKind.COUNT_CARD,
        package.price_fen,
        tenders,
        member_id=member_id,
        label=package.name,
    )
    card = count_cards.sell_count_card(
        session,
        member_id,
        package_id,
        on=written.business_day,
        actor_id=till.cashier.id,
        order_id=written.id,
    )
    _record(
        session,
        till,
        "count_card.paid",
        written.id,
        {"receipt_no": written.receipt_no, "package": package.name},
        "CountCardSold",
        written.payload([{"count_card_id": card.id, "uses": card.uses_left}]),
    )
    return CountCardReceipt(payment, card)


@dataclasses.dataclass(frozen=True)
class MembershipFee:
    """办卡费 taken for a paid card type: the order and what it was for."""

    payment: MemberPayment
    card_type_name: str
    fee_fen: int
    #: How it was paid: (method, amount applied, amount handed over).
    paid: tuple[tuple[TenderMethod, int, int], ...]

    def slip(self) -> MembershipFeeSlip:
        """The fee part of the slip that goes with it."""
        return MembershipFeeSlip(
            receipt_no=self.payment.receipt_no,
            line=f"办卡费·{self.card_type_name}",
            fee_fen=self.fee_fen,
            payments=tuple(
                ReceiptPayment(method.label, applied, tendered)
                for method, applied, tendered in self.paid
            ),
            change_fen=self.payment.change_fen,
        )


def take_membership_fee(
    session: Session, till: Till, member_id: str, card_type: CardType, tenders: list[Tender]
) -> MembershipFee:
    """办卡费: a paid card type's fee taken as an order of its own (the line 办卡费·金卡), in the
    transaction that gives the member the type; the shift counts it like a top-up."""
    if not tenders:
        raise TenderError(
            "%1需收办卡费 %2，请选择付款方式", card_type.name, format_yuan(card_type.fee_fen)
        )
    written, payment = _money_order(
        session,
        till,
        OrderKind.MEMBERSHIP_FEE,
        card_type.fee_fen,
        tenders,
        member_id=member_id,
        label=f"办卡费·{card_type.name}",
    )
    _record(
        session,
        till,
        "membership_fee.paid",
        written.id,
        {
            "receipt_no": written.receipt_no,
            "card_type": card_type.name,
            "fee_fen": card_type.fee_fen,
        },
        "MembershipFeePaid",
        written.payload([{"card_type_id": card_type.id, "fee_fen": card_type.fee_fen}]),
    )
    paid = tuple(
        (TenderMethod(p["method"]), int(p["amount_fen"]), int(p["tendered_fen"]))
        for p in written.payments
    )
    return MembershipFee(payment, card_type.name, card_type.fee_fen, paid)


def pay_out_to_member(
    session: Session,
    till: Till,
    kind: OrderKind,
    member_id: str,
    amount_fen: int,
    *,
    label: str,
    approver: StaffView,
    ledger_entries: list[dict[str, Any]],
) -> MemberPayment:
    """Cash handed back to a member (unused principal, unused count-card uses).

    An order of the money's kind with a negative total and a negative cash payment, so the
    drawer's expected cash at shift close goes down by exactly what left it.
    """
    if amount_fen <= 0:
        raise TenderError("退款金额必须大于零")
    cash_back = [(TenderMethod.CASH, -amount_fen, -amount_fen, None)]
    written = _write_order(
        session, till, kind, -amount_fen, cash_back, 0, member_id, label, approver.id
    )
    _record(
        session,
        till,
        "member.paid_out",
        written.id,
        {"receipt_no": written.receipt_no, "amount_fen": amount_fen},
        "MemberPaidOut",
        written.payload(ledger_entries),
        approver_id=approver.id,
    )
    return MemberPayment(written.id, written.receipt_no, -amount_fen, 0, opens_drawer=True)
