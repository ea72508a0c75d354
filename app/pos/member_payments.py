"""Money a member pays at the counter that is not a sale: top-ups, change kept on the card (存零)
and count-card packages.

Each is an order of its own kind with its payments, so the drawer count at shift close, the
receipt numbers and the head office see the money exactly like a sale's; the member's ledger
entry is written in the same transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Config
from app.members import count_cards, stored_value
from app.members.count_cards import CountCardView
from app.members.stored_value import TopUpResult
from app.money import format_yuan
from app.pos.business_day import business_day, next_receipt_no
from app.pos.checkout import order_payload
from app.pos.staff import StaffView
from app.pos.tenders import MEMBER_TENDERS, Settlement, Tender, TenderError, TenderMethod, settle
from app.storage import audit, outbox
from app.storage.base import Base, utcnow
from app.storage.ids import new_id
from app.storage.member_models import CountCardPackageRow
from app.storage.models import AuditRow, OrderKind, OrderRow, OrderState, PaymentRow

_ORDERS = Base.metadata.tables[OrderRow.__tablename__]
_PAYMENTS = Base.metadata.tables[PaymentRow.__tablename__]


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
    kind: OrderKind,
    amount_fen: int,
    tenders: list[Tender],
    *,
    member_id: str,
    label: str,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    moment: dt.datetime,
) -> tuple[dict[str, Any], list[dict[str, Any]], Settlement]:
    """Money taken from a member: checked against the tenders, then written as an order."""
    if any(t.method in MEMBER_TENDERS or t.method is TenderMethod.ON_ACCOUNT for t in tenders):
        raise TenderError("充值和次卡只收现金、银行卡、微信或支付宝")
    settlement = settle(amount_fen, tenders)
    order, payments = _write_order(
        session,
        kind,
        amount_fen,
        [(a.method, a.applied_fen, a.tendered_fen, a.reference) for a in settlement.applied],
        change_fen=settlement.change_fen,
        member_id=member_id,
        label=label,
        cashier=cashier,
        approver_id=None,
        shift_id=shift_id,
        config=config,
        moment=moment,
    )
    return order, payments, settlement


def _write_order(
    session: Session,
    kind: OrderKind,
    total_fen: int,
    paid: list[tuple[TenderMethod, int, int, str | None]],
    *,
    change_fen: int,
    member_id: str,
    label: str,
    cashier: StaffView,
    approver_id: str | None,
    shift_id: str | None,
    config: Config,
    moment: dt.datetime,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An order with no lines and its payments (method, applied, tendered, reference)."""
    day = business_day(moment, config.timezone, config.business_day_cutoff_hour)
    order_id = new_id()
    order: dict[str, Any] = {
        "id": order_id,
        "receipt_no": next_receipt_no(session, config.store_code, config.counter_no, day),
        "business_day": day,
        "kind": kind,
        "state": OrderState.PAID,
        "cashier_id": cashier.id,
        "approver_id": approver_id,
        "shift_id": shift_id,
        "original_order_id": None,
        "member_id": member_id,
        "subtotal_fen": total_fen,
        "discount_fen": 0,
        "rounding_fen": 0,
        "total_fen": total_fen,
        "change_fen": change_fen,
        "order_discount_label": label[:40],
        "created_at": moment,
        "voided_at": None,
    }
    payments = [
        {
            "id": new_id(),
            "order_id": order_id,
            "seq": seq,
            "method": method.value,
            "amount_fen": applied,
            "tendered_fen": tendered,
            "reference": reference,
            "customer_name": None,
        }
        for seq, (method, applied, tendered, reference) in enumerate(paid, 1)
    ]
    connection = session.connection()
    connection.execute(_ORDERS.insert(), order)
    connection.execute(_PAYMENTS.insert(), payments)
    return order, payments


def _payment(order: dict[str, Any], settlement: Settlement) -> MemberPayment:
    return MemberPayment(
        order_id=order["id"],
        receipt_no=order["receipt_no"],
        paid_fen=order["total_fen"],
        change_fen=settlement.change_fen,
        opens_drawer=any(a.method is TenderMethod.CASH for a in settlement.applied),
    )


def top_up_at_counter(
    session: Session,
    member_id: str,
    amount_fen: int,
    tenders: list[Tender],
    *,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    now: dt.datetime | None = None,
) -> TopUpReceipt:
    """充值: take the money (cash with change, or a card or QR payment) and credit the card,
    with the bonus of the best rule, in one transaction."""
    moment = now or utcnow()
    order, payments, settlement = _money_order(
        session,
        OrderKind.TOP_UP,
        amount_fen,
        tenders,
        member_id=member_id,
        label="会员充值",
        cashier=cashier,
        shift_id=shift_id,
        config=config,
        moment=moment,
    )
    result = stored_value.top_up(
        session, member_id, amount_fen, on=order["business_day"], actor_id=cashier.id
    )
    audit.record(
        session,
        "top_up.paid",
        actor_id=cashier.id,
        subject_id=order["id"],
        detail={"receipt_no": order["receipt_no"], "amount_fen": amount_fen},
        at=moment,
    )
    outbox.add_event(
        session,
        "TopUpPaid",
        order_payload(order, [], payments, [result.line.payload()]),
        at=moment,
    )
    return TopUpReceipt(_payment(order, settlement), result)


#: The audit action of a 存零; its subject is the sale whose change was kept.
CHANGE_STORED_ACTION = "change.stored"


def store_change_at_counter(
    session: Session,
    member_id: str,
    sale_order_id: str,
    amount_fen: int,
    *,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    now: dt.datetime | None = None,
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
        raise TenderError(f"存零金额不能超过本单找零 {format_yuan(sale.change_fen)}")
    done = session.scalar(
        select(func.count())
        .select_from(AuditRow)
        .where(AuditRow.action == CHANGE_STORED_ACTION, AuditRow.subject_id == sale.id)
    )
    if done:
        raise TenderError("本单找零已存入会员卡")
    moment = now or utcnow()
    order, payments, settlement = _money_order(
        session,
        OrderKind.TOP_UP,
        amount_fen,
        [Tender(TenderMethod.CASH, amount_fen)],
        member_id=member_id,
        label="存零",
        cashier=cashier,
        shift_id=shift_id,
        config=config,
        moment=moment,
    )
    result = stored_value.store_change(
        session, member_id, amount_fen, on=order["business_day"], actor_id=cashier.id
    )
    audit.record(
        session,
        CHANGE_STORED_ACTION,
        actor_id=cashier.id,
        subject_id=sale.id,
        detail={
            "receipt_no": order["receipt_no"],
            "sale_receipt_no": sale.receipt_no,
            "amount_fen": amount_fen,
        },
        at=moment,
    )
    payload = order_payload(order, [], payments, [result.line.payload()])
    payload["sale_order_id"] = sale.id
    outbox.add_event(session, "ChangeStored", payload, at=moment)
    return TopUpReceipt(_payment(order, settlement), result)


def sell_count_card_at_counter(
    session: Session,
    member_id: str,
    package_id: str,
    tenders: list[Tender],
    *,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    now: dt.datetime | None = None,
) -> CountCardReceipt:
    """售次卡: take the package's price and give the member its uses, in one transaction."""
    package = session.get(CountCardPackageRow, package_id)
    if package is None or not package.active:
        raise TenderError("未找到该次卡套餐")
    moment = now or utcnow()
    order, payments, settlement = _money_order(
        session,
        OrderKind.COUNT_CARD,
        package.price_fen,
        tenders,
        member_id=member_id,
        label=package.name,
        cashier=cashier,
        shift_id=shift_id,
        config=config,
        moment=moment,
    )
    card = count_cards.sell_count_card(
        session,
        member_id,
        package_id,
        on=order["business_day"],
        actor_id=cashier.id,
        order_id=order["id"],
    )
    audit.record(
        session,
        "count_card.paid",
        actor_id=cashier.id,
        subject_id=order["id"],
        detail={"receipt_no": order["receipt_no"], "package": package.name},
        at=moment,
    )
    payload = order_payload(
        order, [], payments, [{"count_card_id": card.id, "uses": card.uses_left}]
    )
    outbox.add_event(session, "CountCardSold", payload, at=moment)
    return CountCardReceipt(_payment(order, settlement), card)


def pay_out_to_member(
    session: Session,
    kind: OrderKind,
    member_id: str,
    amount_fen: int,
    *,
    label: str,
    cashier: StaffView,
    approver: StaffView,
    shift_id: str | None,
    config: Config,
    ledger_entries: list[dict[str, Any]],
    now: dt.datetime | None = None,
) -> MemberPayment:
    """Cash handed back to a member (unused principal, unused count-card uses).

    An order of the money's kind with a negative total and a negative cash payment, so the
    drawer's expected cash at shift close goes down by exactly what left it.
    """
    if amount_fen <= 0:
        raise TenderError("退款金额必须大于零")
    moment = now or utcnow()
    order, payments = _write_order(
        session,
        kind,
        -amount_fen,
        [(TenderMethod.CASH, -amount_fen, -amount_fen, None)],
        change_fen=0,
        member_id=member_id,
        label=label,
        cashier=cashier,
        approver_id=approver.id,
        shift_id=shift_id,
        config=config,
        moment=moment,
    )
    audit.record(
        session,
        "member.paid_out",
        actor_id=cashier.id,
        approver_id=approver.id,
        subject_id=order["id"],
        detail={"receipt_no": order["receipt_no"], "amount_fen": amount_fen},
        at=moment,
    )
    outbox.add_event(
        session, "MemberPaidOut", order_payload(order, [], payments, ledger_entries), at=moment
    )
    return MemberPayment(order["id"], order["receipt_no"], -amount_fen, 0, opens_drawer=True)
