"""Checkout: one paid sale written whole in one transaction, or not at all.

The order, its lines and payments, stock moves, the receivable, the audit entry, the outbox event
and the receipt's print job are written together; a crash at any instant leaves all or nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Config
from app.pos import receipts
from app.pos.business_day import business_day, local_time_text, next_receipt_no
from app.pos.cart import MILLI, Cart, CartError
from app.pos.catalog import adjust_stock
from app.pos.print_jobs import enqueue
from app.pos.staff import StaffView
from app.pos.tenders import TENDER_LABELS, Settlement, Tender, TenderMethod, settle
from app.storage import audit, outbox
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
    utcnow,
)

RECEIPT_KIND_SALE = "sale"


class CheckoutError(ValueError):
    """The sale cannot be completed as asked; nothing was written."""


@dataclasses.dataclass(frozen=True)
class SaleResult:
    order_id: str
    receipt_no: str
    total_fen: int
    change_fen: int
    print_job_id: str
    opens_drawer: bool


def checkout(
    session: Session,
    cart: Cart,
    tenders: list[Tender] | tuple[Tender, ...],
    *,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    now: dt.datetime | None = None,
) -> SaleResult:
    """Ring up ``cart`` paid by ``tenders``; the caller's transaction commits it once."""
    if cart.is_empty:
        raise CheckoutError("购物车是空的")
    moment = now or utcnow()
    totals = cart.totals()
    settlement = settle(totals.total_fen, tenders)
    if shift_id is not None:
        shift = session.get(ShiftRow, shift_id)
        if shift is None or shift.state is not ShiftState.OPEN:
            raise CheckoutError("当前班次已关闭，请重新开班")
    _check_products_still_sellable(session, cart)

    day = business_day(moment, config.timezone, config.business_day_cutoff_hour)
    order = OrderRow(
        id=new_id(),
        receipt_no=next_receipt_no(session, config.store_code, config.counter_no, day),
        business_day=day,
        kind=OrderKind.SALE,
        state=OrderState.PAID,
        cashier_id=cashier.id,
        approver_id=_approver(cart),
        shift_id=shift_id,
        subtotal_fen=totals.subtotal_fen,
        discount_fen=totals.discount_fen,
        rounding_fen=totals.rounding_fen,
        total_fen=totals.total_fen,
        change_fen=settlement.change_fen,
        order_discount_label=cart.order_discount.label if cart.order_discount else None,
        created_at=moment,
    )
    session.add(order)
    for number, (line, priced) in enumerate(zip(cart.lines, totals.lines, strict=True), 1):
        order.lines.append(
            OrderLineRow(
                id=line.line_id,
                line_no=number,
                product_id=line.product.id,
                name=line.product.name,
                barcode=line.barcode,
                unit=line.product.unit,
                qty_milli=line.qty_milli,
                list_price_fen=line.product.price_fen,
                unit_price_fen=line.unit_price_fen,
                gross_fen=priced.gross_fen,
                line_discount_fen=priced.line_discount_fen,
                order_share_fen=priced.order_share_fen,
                net_fen=priced.net_fen,
                refunded_qty_milli=0,
                refunded_fen=0,
                discount_label=line.discount.label if line.discount else None,
            )
        )
    _add_payments(session, order, settlement)
    session.flush()
    for line in cart.lines:
        if line.product.track_stock:
            adjust_stock(session, line.product.id, -line.qty_milli, "sale", order_id=order.id)

    audit.record(
        session,
        "sale.paid",
        actor_id=cashier.id,
        approver_id=order.approver_id,
        subject_id=order.id,
        detail={"receipt_no": order.receipt_no, "total_fen": order.total_fen},
        at=moment,
    )
    outbox.add_event(session, "SalePaid", order_payload(order), at=moment)
    opens_drawer = any(a.method is TenderMethod.CASH for a in settlement.applied)
    job_id = enqueue_receipt(
        session, order, cashier_name=cashier.name, config=config, open_drawer=opens_drawer
    )
    return SaleResult(
        order_id=order.id,
        receipt_no=order.receipt_no,
        total_fen=order.total_fen,
        change_fen=order.change_fen,
        print_job_id=job_id,
        opens_drawer=opens_drawer,
    )


def _approver(cart: Cart) -> str | None:
    approvers = [line.price_override_approver_id for line in cart.lines]
    approvers.append(cart.order_discount_approver_id)
    return next((a for a in approvers if a), None)


def _check_products_still_sellable(session: Session, cart: Cart) -> None:
    ids = {line.product.id for line in cart.lines}
    active = set(
        session.scalars(select(ProductRow.id).where(ProductRow.id.in_(ids), ProductRow.active))
    )
    for line in cart.lines:
        if line.product.id not in active:
            raise CartError(f"“{line.product.name}”已停售，请从购物车删除")


def _add_payments(session: Session, order: OrderRow, settlement: Settlement) -> None:
    for seq, applied in enumerate(settlement.applied, 1):
        order.payments.append(
            PaymentRow(
                id=new_id(),
                seq=seq,
                method=applied.method.value,
                amount_fen=applied.applied_fen,
                tendered_fen=applied.tendered_fen,
                reference=applied.reference,
                customer_name=applied.customer_name,
            )
        )
        if applied.method is TenderMethod.ON_ACCOUNT:
            session.add(
                ReceivableRow(
                    id=new_id(),
                    order_id=order.id,
                    customer_name=applied.customer_name or "",
                    amount_fen=applied.applied_fen,
                    settled_fen=0,
                    created_at=order.created_at,
                )
            )


def order_payload(order: OrderRow) -> dict[str, Any]:
    """The sale or refund as the head office needs it, whole: no second call to learn more."""
    return {
        "order_id": order.id,
        "receipt_no": order.receipt_no,
        "kind": order.kind.value,
        "state": order.state.value,
        "business_day": order.business_day.isoformat(),
        "created_at": order.created_at.isoformat(),
        "cashier_id": order.cashier_id,
        "approver_id": order.approver_id,
        "shift_id": order.shift_id,
        "member_id": order.member_id,
        "original_order_id": order.original_order_id,
        "subtotal_fen": order.subtotal_fen,
        "discount_fen": order.discount_fen,
        "rounding_fen": order.rounding_fen,
        "total_fen": order.total_fen,
        "change_fen": order.change_fen,
        "lines": [
            {
                "line_id": line.id,
                "line_no": line.line_no,
                "product_id": line.product_id,
                "original_line_id": line.original_line_id,
                "name": line.name,
                "barcode": line.barcode,
                "qty_milli": line.qty_milli,
                "unit_price_fen": line.unit_price_fen,
                "gross_fen": line.gross_fen,
                "line_discount_fen": line.line_discount_fen,
                "order_share_fen": line.order_share_fen,
                "net_fen": line.net_fen,
            }
            for line in order.lines
        ],
        "payments": [
            {
                "payment_id": p.id,
                "method": p.method,
                "amount_fen": p.amount_fen,
                "tendered_fen": p.tendered_fen,
                "reference": p.reference,
                "customer_name": p.customer_name,
            }
            for p in order.payments
        ],
        "ledger_entries": [],
    }


def receipt_data(
    order: OrderRow,
    *,
    cashier_name: str,
    config: Config,
    original_receipt_no: str | None = None,
    reprint: bool = False,
) -> receipts.SaleReceiptData:
    customer = next((p.customer_name for p in order.payments if p.customer_name), None)
    return receipts.SaleReceiptData(
        store_name=config.store_name,
        header=config.receipt_header,
        footer=config.receipt_footer,
        receipt_no=order.receipt_no,
        kind=order.kind.value,
        cashier_name=cashier_name,
        printed_at=local_time_text(order.created_at, config.timezone),
        lines=tuple(
            receipts.ReceiptLine(
                name=line.name,
                qty_milli=line.qty_milli,
                unit=line.unit,
                unit_price_fen=line.unit_price_fen,
                gross_fen=line.gross_fen,
                discount_fen=line.line_discount_fen,
                net_fen=line.gross_fen - line.line_discount_fen,
                discount_label=line.discount_label,
            )
            for line in order.lines
        ),
        subtotal_fen=order.subtotal_fen,
        discount_fen=order.discount_fen,
        rounding_fen=order.rounding_fen,
        total_fen=order.total_fen,
        payments=tuple(
            receipts.ReceiptPayment(
                label=TENDER_LABELS[TenderMethod(p.method)],
                amount_fen=abs(p.amount_fen),
                tendered_fen=abs(p.tendered_fen),
                reference=p.reference,
            )
            for p in order.payments
        ),
        change_fen=order.change_fen,
        original_receipt_no=original_receipt_no,
        customer_name=customer,
        reprint=reprint,
    )


def enqueue_receipt(
    session: Session,
    order: OrderRow,
    *,
    cashier_name: str,
    config: Config,
    open_drawer: bool,
    original_receipt_no: str | None = None,
) -> str:
    """Queue the receipt in the sale's own transaction; printing happens after the commit."""
    data = receipt_data(
        order,
        cashier_name=cashier_name,
        config=config,
        original_receipt_no=original_receipt_no,
    )
    document = receipts.sale_receipt(data, config.receipt_width)
    return enqueue(session, order.kind.value, document, order_id=order.id, open_drawer=open_drawer)


def qty_text(qty_milli: int) -> str:
    """``3000 -> '3'``, ``355 -> '0.355'``."""
    whole, frac = divmod(qty_milli, MILLI)
    return str(whole) if frac == 0 else f"{whole}.{frac:03d}".rstrip("0")
