"""Slips waiting for the printer, added inside the transaction of the action that made them.

A sale's or refund's job holds only the order's id: the receipt is laid out from the order's rows
when it is printed, after the commit and off the GUI thread, so checkout does no layout work. The
order never changes once paid (refunds are orders of their own), so the receipt is the same
whenever it is printed. Slips that are not orders (shift reports) keep their document.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.config import Config
from app.members.accounts import StoredValueLine, member_view
from app.members.card_numbers import mask_card
from app.members.ledger import EntryKind
from app.members.points import PointsKind
from app.pos import receipts
from app.pos.member_desk.slips import stored_value_line_slip_data
from app.pos.slip_context import SlipContext
from app.pos.tenders import MEMBER_TENDERS, TENDER_LABELS, TenderMethod
from app.storage.base import Base, utcnow
from app.storage.ids import new_id
from app.storage.member_models import (
    CardTypeRow,
    MemberRow,
    PointsEntryRow,
    StoredValueEntryRow,
)
from app.storage.models import (
    OrderKind,
    OrderRow,
    PrintJobRow,
    PrintStatus,
    ReceivableRow,
    StaffRow,
)

MAX_KIND_LENGTH = 20
MEMBER_METHODS = {method.value for method in MEMBER_TENDERS}
_PRINT_JOBS = Base.metadata.tables[PrintJobRow.__tablename__]


def enqueue(
    session: Session,
    kind: receipts.PrintJobKind,
    document: receipts.Document | None,
    *,
    order_id: str | None = None,
    open_drawer: bool = False,
) -> str:
    """Add a job inside the caller's transaction; returns its id. Prints nothing.

    ``document=None`` means "the receipt of ``order_id``", laid out when printed.
    """
    if not kind or len(kind) > MAX_KIND_LENGTH:
        raise ValueError(f"print job kind must be 1 to {MAX_KIND_LENGTH} characters")
    if document is None and order_id is None:
        raise ValueError("a print job needs a document or an order")
    job_id = new_id()
    session.connection().execute(
        _PRINT_JOBS.insert(),
        {
            "id": job_id,
            "kind": kind,
            "order_id": order_id,
            "document": None if document is None else receipts.document_to_json(document),
            "open_drawer": open_drawer,
            "status": PrintStatus.PENDING,
            "attempts": 0,
            "last_error": None,
            "created_at": utcnow(),
            "printed_at": None,
        },
    )
    return job_id


def receipt_data(session: Session, order_id: str, config: Config) -> receipts.SaleReceiptData:
    """A sale's or refund's receipt as plain data, from the order's rows."""
    order = session.scalar(
        select(OrderRow)
        .where(OrderRow.id == order_id)
        .options(selectinload(OrderRow.lines), selectinload(OrderRow.payments))
    )
    if order is None:
        raise receipts.ReceiptFormatError("找不到该小票的订单")
    cashier = session.get(StaffRow, order.cashier_id)
    original_no = None
    if order.original_order_id is not None:
        original_no = session.scalar(
            select(OrderRow.receipt_no).where(OrderRow.id == order.original_order_id)
        )
    customer = next((p.customer_name for p in order.payments if p.customer_name), None)
    member = _member_part(session, order) if order.member_id else {}
    account_member = (
        customer is not None
        and order.member_id is not None
        and session.scalar(
            select(ReceivableRow.member_id).where(ReceivableRow.order_id == order.id)
        )
        is not None
    )
    slip = SlipContext.of(config, cashier.name if cashier else "", order.created_at)
    return receipts.SaleReceiptData(
        slip=slip,
        receipt_no=order.receipt_no,
        kind=order.kind.value,
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
                # A member tender's reference is its ledger entry: no use to the customer.
                reference=None if p.method in MEMBER_METHODS else p.reference,
            )
            for p in order.payments
        ),
        change_fen=order.change_fen,
        original_receipt_no=original_no,
        customer_name=customer,
        account_member=account_member,
        promotion_saved_fen=sum(line.promotion_fen for line in order.lines),
        **member,
    )


def _entry_kinds(kind: OrderKind) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ledger entries an order's slips speak of: a sale's own, not those of its later void
    (which are written under the sale's id)."""
    if kind is OrderKind.REFUND:
        return (PointsKind.REVERSE.value, PointsKind.SPEND_REFUND.value), (
            EntryKind.SPEND_REFUND.value,
        )
    return (PointsKind.EARN.value, PointsKind.SPEND.value), (EntryKind.SPEND.value,)


def _member_part(session: Session, order: OrderRow) -> dict[str, Any]:
    """The member section of a receipt, from the ledger entries the order itself wrote.

    Balances are those right after the order (kept on its entries), whenever it is printed.
    """
    member = session.get(MemberRow, order.member_id)
    if member is None:
        return {}
    level = session.get(CardTypeRow, member.card_type_id)
    points_kinds, stored_kinds = _entry_kinds(order.kind)
    points = session.scalars(
        select(PointsEntryRow)
        .where(PointsEntryRow.order_id == order.id, PointsEntryRow.kind.in_(points_kinds))
        .order_by(PointsEntryRow.created_at, PointsEntryRow.id)
    ).all()
    stored = session.scalars(
        select(StoredValueEntryRow)
        .where(
            StoredValueEntryRow.order_id == order.id,
            StoredValueEntryRow.kind.in_(stored_kinds),
        )
        .order_by(StoredValueEntryRow.created_at, StoredValueEntryRow.id)
    ).all()
    earned = sum(p.delta for p in points if p.kind in (PointsKind.EARN, PointsKind.REVERSE))
    paid_by_card = -sum(p.amount_fen for p in order.payments if p.method == "stored_value")
    return {
        "member_name": member.name,
        "member_card_masked": mask_card(member.card_no),
        "member_level": level.name if level else None,
        "points_earned": earned,
        "points_balance": points[-1].balance_after if points else member.points,
        "stored_value_balance_fen": (
            stored[-1].principal_after + stored[-1].bonus_after if stored else None
        ),
        "stored_value_paid_fen": abs(paid_by_card),
    }


def job_document(session: Session, job_id: str, config: Config) -> receipts.Document:
    """What a job prints: its own document, or its order's receipt or slip laid out now."""
    job = session.get(PrintJobRow, job_id)
    if job is None:
        raise receipts.ReceiptFormatError("找不到该打印任务")
    if job.document is not None:
        return receipts.document_from_json(job.document)
    if job.order_id is None:
        raise receipts.ReceiptFormatError("打印任务没有内容")
    if job.kind == receipts.PrintJobKind.STORED_VALUE:
        return stored_value_slips(session, job.order_id, config)
    data = receipt_data(session, job.order_id, config)
    return receipts.sale_receipt(data, config.receipt_width)


def stored_value_slips(session: Session, order_id: str, config: Config) -> receipts.Document:
    """The 储值凭条 of each stored-value entry an order wrote (a payment by card, or its refund)."""
    order = session.get(OrderRow, order_id)
    if order is None:
        raise receipts.ReceiptFormatError("找不到该小票的订单")
    rows = session.scalars(
        select(StoredValueEntryRow)
        .where(
            StoredValueEntryRow.order_id == order_id,
            StoredValueEntryRow.kind.in_(_entry_kinds(order.kind)[1]),
        )
        .order_by(StoredValueEntryRow.created_at, StoredValueEntryRow.id)
    ).all()
    if not rows:
        raise receipts.ReceiptFormatError("该订单没有储值记录")
    member = session.get(MemberRow, rows[0].member_id)
    if member is None:
        raise receipts.ReceiptFormatError("找不到该会员")
    view = member_view(member, session.get_one(CardTypeRow, member.card_type_id))
    cashier = session.get(StaffRow, order.cashier_id)
    slip = SlipContext.of(config, cashier.name if cashier else "", order.created_at)
    document: receipts.Document = ()
    for row in rows:
        line = StoredValueLine.of_row(row)
        data = stored_value_line_slip_data(line, view, slip, receipt_no=order.receipt_no)
        document += receipts.stored_value_slip(data, config.receipt_width)
    return document
