"""Paid orders after the sale: looking them up, voiding, and refunds against the receipt."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, literal_column, select
from sqlalchemy.orm import Session, selectinload

from app.config import Config
from app.errors import KnownError
from app.members import coupons, stored_value
from app.members import points as member_points
from app.members import sales as member_sales
from app.members.accounts import PointsLine, StoredValueLine
from app.money import allocate, div_round_half_up, format_yuan
from app.pos.business_day import business_day
from app.pos.cart import qty_text
from app.pos.catalog import adjust_stock
from app.pos.order_rows import Till, new_order, order_payload, payment_row, row_values
from app.pos.print_jobs import MEMBER_METHODS, enqueue
from app.pos.promotions import uses_of_order
from app.pos.receipts import PrintJobKind
from app.pos.staff import StaffView
from app.pos.stock_cost import refund_cost_share
from app.pos.tenders import MEMBER_TENDERS, TENDER_LABELS, TenderMethod
from app.storage import audit, outbox
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import (
    OrderKind,
    OrderLineRow,
    OrderRow,
    OrderState,
    PaymentRow,
    ProductRow,
    ReceivableRow,
    ShiftRow,
    ShiftState,
    StaffRow,
)

REFUNDABLE_STATES = (OrderState.PAID, OrderState.PARTLY_REFUNDED)


class OrderError(KnownError):
    """A void or refund that cannot be done; nothing was written."""


@dataclasses.dataclass(frozen=True)
class OrderLineView:
    line_id: str
    line_no: int
    product_id: str
    name: str
    unit: str
    qty_milli: int
    unit_price_fen: int
    net_fen: int
    refunded_qty_milli: int
    refunded_fen: int
    #: What the line's goods cost at moving average (None: sold before costs were kept).
    cost_fen: int | None = None

    @property
    def profit_fen(self) -> int | None:
        """Price minus cost: what the line earned, before any refund."""
        return None if self.cost_fen is None else self.net_fen - self.cost_fen

    @property
    def refundable_qty_milli(self) -> int:
        return self.qty_milli - self.refunded_qty_milli


@dataclasses.dataclass(frozen=True)
class PaymentView:
    method: TenderMethod
    amount_fen: int
    reference: str | None

    @property
    def label(self) -> str:
        return TENDER_LABELS[self.method]


@dataclasses.dataclass(frozen=True)
class OrderView:
    id: str
    receipt_no: str
    kind: OrderKind
    state: OrderState
    business_day: dt.date
    created_at: dt.datetime
    cashier_name: str
    total_fen: int
    change_fen: int
    refunded_fen: int
    lines: tuple[OrderLineView, ...]
    payments: tuple[PaymentView, ...]


@dataclasses.dataclass(frozen=True)
class RefundResult:
    order_id: str
    receipt_no: str
    amount_fen: int
    print_job_id: str


def _load(session: Session, receipt_no: str) -> OrderRow:
    order = session.scalar(
        select(OrderRow)
        .where(OrderRow.receipt_no == receipt_no.strip())
        .options(selectinload(OrderRow.lines), selectinload(OrderRow.payments))
    )
    if order is None:
        raise OrderError("未找到小票：%1", receipt_no.strip())
    return order


def _view(session: Session, order: OrderRow) -> OrderView:
    cashier = session.get(StaffRow, order.cashier_id)
    return OrderView(
        id=order.id,
        receipt_no=order.receipt_no,
        kind=order.kind,
        state=order.state,
        business_day=order.business_day,
        created_at=order.created_at,
        cashier_name=cashier.name if cashier else "",
        total_fen=order.total_fen,
        change_fen=order.change_fen,
        refunded_fen=sum(line.refunded_fen for line in order.lines),
        lines=tuple(
            OrderLineView(
                line_id=line.id,
                line_no=line.line_no,
                product_id=line.product_id,
                name=line.name,
                unit=line.unit,
                qty_milli=line.qty_milli,
                unit_price_fen=line.unit_price_fen,
                net_fen=line.net_fen,
                refunded_qty_milli=line.refunded_qty_milli,
                refunded_fen=line.refunded_fen,
                cost_fen=line.cost_fen,
            )
            for line in order.lines
        ),
        payments=tuple(
            PaymentView(TenderMethod(p.method), p.amount_fen, p.reference) for p in order.payments
        ),
    )


def find_order(session: Session, receipt_no: str) -> OrderView:
    return _view(session, _load(session, receipt_no))


#: Orders are never deleted, so SQLite's rowid is the order in which this counter wrote them:
#: the counter's own sequence, which a clock put back cannot reorder (``created_at`` can).
ORDER_SEQUENCE: ColumnElement[int] = literal_column(f"{OrderRow.__tablename__}.rowid")


def last_order(session: Session) -> OrderView | None:
    """The order this counter wrote last (F9's receipt), by its sequence, not its time."""
    order = session.scalar(select(OrderRow).order_by(ORDER_SEQUENCE.desc()).limit(1))
    return None if order is None else _view(session, order)


def void_order(
    session: Session,
    receipt_no: str,
    *,
    cashier: StaffView,
    approver: StaffView,
    config: Config,
    now: dt.datetime | None = None,
) -> OrderView:
    """作废: undo a sale of today's business day that nothing has been refunded from yet.

    The money goes back the way it came, the stock returns, an on-account debt is cancelled.
    """
    moment = now or utcnow()
    order = _load(session, receipt_no)
    if order.kind is not OrderKind.SALE or order.state is not OrderState.PAID:
        raise OrderError(
            "小票 %1 的状态为“%2”，不能作废", order.receipt_no, _STATE_LABELS[order.state]
        )
    today = business_day(moment, config.timezone, config.business_day_cutoff_hour)
    if order.business_day != today:
        raise OrderError("只能作废当日的小票，往日小票请办理退货")
    if order.shift_id is not None:
        shift = session.get(ShiftRow, order.shift_id)
        if shift is not None and shift.state is not ShiftState.OPEN:
            raise OrderError("该小票所在班次已交班，请办理退货")
    order.state = OrderState.VOIDED
    order.voided_at = moment
    for line in order.lines:
        product = session.get(ProductRow, line.product_id)
        if product is not None and product.track_stock:
            adjust_stock(
                session,
                line.product_id,
                line.qty_milli,
                "void",
                order_id=order.id,
                value_fen=line.cost_fen,  # the cost it took out; unknown (before 0008): average
                actor_id=cashier.id,
                at=moment,
            )
    for receivable in session.scalars(
        select(ReceivableRow).where(ReceivableRow.order_id == order.id)
    ):
        if receivable.settled_fen:
            raise OrderError("该挂账已部分还款，不能作废，请办理退货")
        receivable.amount_fen = 0
    ledger_entries = (
        _member_void(session, order, day=today, cashier=cashier, approver=approver)
        if order.member_id
        else []
    )
    audit.record(
        session,
        "sale.voided",
        actor_id=cashier.id,
        approver_id=approver.id,
        subject_id=order.id,
        detail={"receipt_no": order.receipt_no, "total_fen": order.total_fen},
        at=moment,
    )
    outbox.add_event(
        session,
        "SaleVoided",
        {"order_id": order.id, "receipt_no": order.receipt_no, "ledger_entries": ledger_entries},
        at=moment,
    )
    return _view(session, order)


def _member_void(
    session: Session,
    order: OrderRow,
    *,
    day: dt.date,
    cashier: StaffView,
    approver: StaffView,
) -> list[dict[str, Any]]:
    """A voided member sale gives everything back: card money, points paid and earned, coupons."""
    assert order.member_id is not None
    entries: list[dict[str, Any]] = []
    for payment in order.payments:
        if payment.method not in MEMBER_METHODS or payment.reference is None:
            continue
        line = _member_tender_back(
            session,
            TenderMethod(payment.method),
            payment.reference,
            payment.amount_fen,
            day=day,
            cashier=cashier,
            approver=approver,
            order_id=order.id,
        )
        entries.append(line.payload())
    if order.total_fen > 0:
        entries += _reverse_member_sale(
            session,
            order,
            order.total_fen,
            day=day,
            cashier=cashier,
            refund_order_id=order.id,
            spend_fen=order.total_fen - _paid_by_points(order),
            cancel_visit=True,
        )
    for coupon in coupons.restore_coupons_of_order(session, order.id, actor_id=cashier.id):
        entries.append({"ledger": "coupon", "coupon_id": coupon.id, "restored": True})
    return entries


def _member_tender_back(
    session: Session,
    method: TenderMethod,
    spend_entry_id: str,
    amount_fen: int,
    *,
    day: dt.date,
    cashier: StaffView,
    approver: StaffView,
    order_id: str,
) -> StoredValueLine | PointsLine:
    """What the member's card or points paid, given back onto them (a void or a refund)."""
    if method is TenderMethod.STORED_VALUE:
        return stored_value.refund_stored_value_spend(
            session,
            spend_entry_id,
            amount_fen,
            on=day,
            actor_id=cashier.id,
            order_id=order_id,
            approver_id=approver.id,
            emit_event=False,
        )
    return member_points.refund_points_tender(
        session,
        spend_entry_id,
        amount_fen,
        on=day,
        actor_id=cashier.id,
        order_id=order_id,
        emit_event=False,
    )


def _paid_by_points(order: OrderRow) -> int:
    return sum(p.amount_fen for p in order.payments if p.method == TenderMethod.POINTS.value)


def _reverse_member_sale(
    session: Session,
    sale: OrderRow,
    refund_fen: int,
    *,
    day: dt.date,
    cashier: StaffView,
    refund_order_id: str,
    spend_fen: int,
    cancel_visit: bool = False,
) -> list[dict[str, Any]]:
    """The spend, the visit (on a void) and the share of the points a sale earned, taken back."""
    assert sale.member_id is not None
    reversed_ = member_sales.member_refund(
        session,
        sale.member_id,
        sale_order_id=sale.id,
        sale_net_fen=sale.total_fen,
        refund_fen=refund_fen,
        on=day,
        actor_id=cashier.id,
        refund_order_id=refund_order_id,
        spend_fen=spend_fen,
        cancel_visit=cancel_visit,
    )
    entries = [reversed_.spend.payload()]
    if reversed_.points is not None:
        entries.append(reversed_.points.payload())
    return entries


def refund_amount(line: OrderLineRow, qty_milli: int) -> int:
    """What returning ``qty_milli`` of a line pays back; the last units take the exact remainder."""
    if line.refunded_qty_milli + qty_milli == line.qty_milli:
        return line.net_fen - line.refunded_fen
    return div_round_half_up(line.net_fen * qty_milli, line.qty_milli)


def promotion_clawback(session: Session, original: OrderRow, returning: dict[str, int]) -> int:
    """满减 the kept lines no longer earn (taken back from the refund), after refusing a return
    that leaves a 满赠 below its threshold while its gift stays with the customer.

    The kept lines' amount is what each counted line was when the promotion judged it, in
    proportion to the quantity kept; the 满减 they still earn is worked out again from the rule's
    terms kept on the use, and what they hold beyond that comes back.
    """
    lines = {line.id: line for line in original.lines}
    owed = 0
    for use in uses_of_order(session, original.id):
        counted: dict[str, int] = use.get("lines", {})
        if not counted:
            continue
        kept_base = 0
        for line_id, fen in counted.items():
            line = lines[line_id]
            kept = line.qty_milli - line.refunded_qty_milli - returning.get(line_id, 0)
            kept_base += div_round_half_up(fen * kept, line.qty_milli)
        threshold = int(use["threshold_fen"])
        if use["kind"] == "spend_gift":
            gift = lines.get(use.get("gift_line_id", ""))
            gift_kept = (
                gift is not None
                and gift.refunded_qty_milli + returning.get(gift.id, 0) < gift.qty_milli
            )
            if kept_base < threshold and gift_kept and gift is not None:
                raise OrderError(
                    "退货后不满“%1”的门槛 %2：请一并退回赠品“%3”",
                    use["name"],
                    format_yuan(threshold),
                    gift.name,
                )
            continue
        still = 0
        if kept_base >= threshold:
            times = kept_base // threshold if use["repeat"] else 1
            still = times * int(use["amount_fen"])
            if use["cap_fen"] is not None:
                still = min(still, int(use["cap_fen"]))
        given = _spend_off_kept(counted, lines, returning, use)
        owed += max(0, given - still)
    return owed


def _spend_off_kept(
    counted: dict[str, int],
    lines: dict[str, OrderLineRow],
    returning: dict[str, int],
    use: dict[str, Any],
) -> int:
    """The 满减 the kept quantities of the counted lines hold now (their share of what it gave)."""
    given = int(use["saved_fen"])
    total_base = sum(counted.values())
    if total_base == 0:
        return 0
    held = 0
    for line_id, fen in counted.items():
        line = lines[line_id]
        share = div_round_half_up(given * fen, total_base)
        kept = line.qty_milli - line.refunded_qty_milli - returning.get(line_id, 0)
        held += div_round_half_up(share * kept, line.qty_milli)
    return held


def _take_back(
    refund_lines: list[tuple[OrderLineRow, int, int]], clawback: int
) -> list[tuple[OrderLineRow, int, int]]:
    """The 满减 taken back, spread over the returned lines by what each pays back."""
    parts = allocate(clawback, [a for _, _, a in refund_lines])
    return [(s, q, a - p) for (s, q, a), p in zip(refund_lines, parts, strict=True)]


def refund(
    session: Session,
    receipt_no: str,
    quantities: dict[str, int],
    *,
    method: TenderMethod | None = None,
    cashier: StaffView,
    approver: StaffView,
    shift_id: str | None,
    config: Config,
    restock: bool = True,
    reason: str = "",
    now: dt.datetime | None = None,
) -> RefundResult:
    """退货: return some or all of a receipt's lines.

    ``quantities`` maps sale line ids to the quantity (milli) returned. With no ``method`` the
    money goes back the way it came (原路退回), shared over the sale's payments in proportion
    to what each still holds; with a method, all of it goes back that way: cash, or a method the
    sale was paid with, never more than that method paid.
    """
    moment = now or utcnow()
    original = _load(session, receipt_no)
    if original.kind is not OrderKind.SALE or original.state not in REFUNDABLE_STATES:
        raise OrderError(
            "小票 %1 的状态为“%2”，不能退货", original.receipt_no, _STATE_LABELS[original.state]
        )
    chosen = {line_id: qty for line_id, qty in quantities.items() if qty}
    if not chosen:
        raise OrderError("请选择要退的商品和数量")
    lines = {line.id: line for line in original.lines}
    refund_lines: list[tuple[OrderLineRow, int, int]] = []
    for line_id, qty in chosen.items():
        sold = lines.get(line_id)
        if sold is None:
            raise OrderError("所选商品不在这张小票上")
        left = sold.qty_milli - sold.refunded_qty_milli
        if qty < 0 or qty > left:
            raise OrderError("“%1”最多可退 %2%3", sold.name, qty_text(left), sold.unit)
        refund_lines.append((sold, qty, refund_amount(sold, qty)))
    amount = sum(a for _, _, a in refund_lines)
    clawback = promotion_clawback(session, original, {s.id: q for s, q, _ in refund_lines})
    if clawback:
        if clawback >= amount:
            raise OrderError(
                "退货后不再满足满减，应扣回 %1，不少于退款 %2：请整单退货",
                format_yuan(clawback),
                format_yuan(amount),
            )
        refund_lines = _take_back(refund_lines, clawback)
        amount -= clawback
    splits = _refund_splits(session, original, method, amount)

    refund_order = OrderRow(
        **new_order(
            session,
            Till(cashier, shift_id, config, moment),
            OrderKind.REFUND,
            approver_id=approver.id,
            member_id=original.member_id,
            total_fen=amount,
            label=reason or None,
            original_order_id=original.id,
        )
    )
    day = refund_order.business_day
    session.add(refund_order)
    for number, (sold, qty, line_amount) in enumerate(refund_lines, 1):
        cost_back: int | None = None
        if sold.cost_fen is not None:
            cost_back = (
                refund_cost_share(sold.cost_fen, sold.qty_milli, sold.refunded_qty_milli, qty)
                if restock
                else 0
            )
        sold.refunded_qty_milli += qty
        sold.refunded_fen += line_amount
        refund_order.lines.append(
            OrderLineRow(
                id=new_id(),
                line_no=number,
                product_id=sold.product_id,
                original_line_id=sold.id,
                name=sold.name,
                barcode=sold.barcode,
                unit=sold.unit,
                qty_milli=qty,
                list_price_fen=sold.list_price_fen,
                unit_price_fen=sold.unit_price_fen,
                gross_fen=line_amount,
                line_discount_fen=0,
                order_share_fen=0,
                net_fen=line_amount,
                refunded_qty_milli=0,
                refunded_fen=0,
                cost_fen=cost_back,
                # the promotion's share of the returned quantity, stays with the store
                promotion_ids=sold.promotion_ids,
                promotion_fen=div_round_half_up(sold.promotion_fen * qty, sold.qty_milli),
            )
        )
    for seq, (split_method, fen) in enumerate(splits, 1):
        refund_order.payments.append(
            PaymentRow(**payment_row(refund_order.id, seq, split_method, -fen))
        )
        if split_method is TenderMethod.ON_ACCOUNT:
            _reduce_receivable(session, original, fen)
    ledger_entries = (
        _member_refund(
            session, original, refund_order, amount, day=day, cashier=cashier, approver=approver
        )
        if original.member_id
        else []
    )
    all_back = all(line.refunded_qty_milli == line.qty_milli for line in original.lines)
    original.state = OrderState.REFUNDED if all_back else OrderState.PARTLY_REFUNDED
    if all_back and original.member_id:
        for coupon in coupons.restore_coupons_of_order(session, original.id, actor_id=cashier.id):
            ledger_entries.append({"ledger": "coupon", "coupon_id": coupon.id, "restored": True})
    session.flush()
    if restock:
        for line in refund_order.lines:
            product = session.get(ProductRow, line.product_id)
            if product is not None and product.track_stock:
                adjust_stock(
                    session,
                    line.product_id,
                    line.qty_milli,
                    "refund",
                    order_id=refund_order.id,
                    value_fen=line.cost_fen,
                    actor_id=cashier.id,
                    at=moment,
                )
    audit.record(
        session,
        "sale.refunded",
        actor_id=cashier.id,
        approver_id=approver.id,
        subject_id=refund_order.id,
        detail={
            "original_receipt_no": original.receipt_no,
            "receipt_no": refund_order.receipt_no,
            "amount_fen": amount,
            "reason": reason,
        },
        at=moment,
    )
    payload = order_payload(
        row_values(refund_order),
        [row_values(line) for line in refund_order.lines],
        [row_values(payment) for payment in refund_order.payments],
        ledger_entries,
    )
    outbox.add_event(session, "SaleRefunded", payload, at=moment)
    job_id = enqueue(
        session,
        PrintJobKind.REFUND,
        None,
        order_id=refund_order.id,
        open_drawer=any(m is TenderMethod.CASH for m, _ in splits),
    )
    if any(m is TenderMethod.STORED_VALUE for m, _ in splits):
        enqueue(session, PrintJobKind.STORED_VALUE, None, order_id=refund_order.id)
    return RefundResult(refund_order.id, refund_order.receipt_no, amount, job_id)


def _member_refund(
    session: Session,
    original: OrderRow,
    refund_order: OrderRow,
    amount: int,
    *,
    day: dt.date,
    cashier: StaffView,
    approver: StaffView,
) -> list[dict[str, Any]]:
    """Money back onto the card or points, and the refunded share of the points earned."""
    entries: list[dict[str, Any]] = []
    for payment in refund_order.payments:
        method = TenderMethod(payment.method)
        if method not in MEMBER_TENDERS:
            continue
        spent = next(p for p in original.payments if p.method == method.value)
        if spent.reference is None:
            raise OrderError("原单的会员付款记录不完整，请改用现金退款")
        line = _member_tender_back(
            session,
            method,
            spent.reference,
            -payment.amount_fen,
            day=day,
            cashier=cashier,
            approver=approver,
            order_id=refund_order.id,
        )
        payment.reference = line.id
        entries.append(line.payload())
    if amount == 0:  # a free line going back: nothing was spent or earned on it
        return entries
    return entries + _reverse_member_sale(
        session,
        original,
        amount,
        day=day,
        cashier=cashier,
        refund_order_id=refund_order.id,
        # the total spend never counted what points paid: only the rest of the share comes off
        spend_fen=div_round_half_up(
            amount * (original.total_fen - _paid_by_points(original)), original.total_fen
        ),
    )


def _refund_splits(
    session: Session, original: OrderRow, method: TenderMethod | None, amount: int
) -> list[tuple[TenderMethod, int]]:
    """How much goes back by which method."""
    if method is not None:
        _check_refund_method(session, original, method, amount)
        return [(method, amount)]
    left = _refundable_by_method(session, original)
    methods = [m for m, fen in left.items() if fen > 0]
    if not methods:
        return [(TenderMethod.CASH, amount)]
    shares = allocate(amount, [left[m] for m in methods])
    return [(m, fen) for m, fen in zip(methods, shares, strict=True) if fen]


def _refundable_by_method(session: Session, original: OrderRow) -> dict[TenderMethod, int]:
    """What each method of the sale paid, less what earlier refunds gave back that way."""
    left: dict[TenderMethod, int] = {}
    for payment in original.payments:
        method = TenderMethod(payment.method)
        left[method] = left.get(method, 0) + payment.amount_fen
    for method_text, fen in session.execute(
        select(PaymentRow.method, PaymentRow.amount_fen)
        .join(OrderRow, PaymentRow.order_id == OrderRow.id)
        .where(OrderRow.original_order_id == original.id)
    ):
        method = TenderMethod(method_text)
        left[method] = left.get(method, 0) + fen
    return left


def _check_refund_method(
    session: Session, original: OrderRow, method: TenderMethod, amount: int
) -> None:
    if method is TenderMethod.CASH:
        return
    left = _refundable_by_method(session, original).get(method, 0)
    if amount > left:
        raise OrderError("原单%1仅可退 %2，请改用现金退款", method.label, format_yuan(max(0, left)))


def _reduce_receivable(session: Session, original: OrderRow, amount: int) -> None:
    receivable = session.scalar(select(ReceivableRow).where(ReceivableRow.order_id == original.id))
    if receivable is None or receivable.amount_fen - receivable.settled_fen < amount:
        raise OrderError("挂账余额不足以冲减，请改用现金退款")
    receivable.amount_fen -= amount


_STATE_LABELS = {
    OrderState.PAID: "已付款",
    OrderState.PARTLY_REFUNDED: "部分退货",
    OrderState.REFUNDED: "已全部退货",
    OrderState.VOIDED: "已作废",
}
