"""挂账: sales paid later by a named customer, and their settlement at the counter."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.money import format_yuan
from app.pos.staff import StaffView
from app.pos.tenders import TenderMethod
from app.storage import audit, outbox
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import OrderRow, ReceivableRow, ReceivableSettlementRow


class ReceivableError(KnownError):
    """A settlement that cannot be taken; nothing was written."""


@dataclasses.dataclass(frozen=True)
class ReceivableView:
    id: str
    customer_name: str
    receipt_no: str
    amount_fen: int
    settled_fen: int
    created_at: dt.datetime

    @property
    def open_fen(self) -> int:
        return self.amount_fen - self.settled_fen


def open_receivables(session: Session, customer: str = "") -> list[ReceivableView]:
    query = (
        select(ReceivableRow, OrderRow.receipt_no)
        .join(OrderRow, OrderRow.id == ReceivableRow.order_id)
        .where(ReceivableRow.amount_fen > ReceivableRow.settled_fen)
        .order_by(ReceivableRow.created_at)
    )
    if customer.strip():
        query = query.where(ReceivableRow.customer_name.contains(customer.strip()))
    return [
        ReceivableView(r.id, r.customer_name, no, r.amount_fen, r.settled_fen, r.created_at)
        for r, no in session.execute(query)
    ]


def settle_receivable(
    session: Session,
    receivable_id: str,
    amount_fen: int,
    method: TenderMethod,
    *,
    staff: StaffView,
    shift_id: str | None,
) -> ReceivableView:
    """Take a payment against an on-account sale; the money counts in this shift's drawer."""
    if method is TenderMethod.ON_ACCOUNT:
        raise ReceivableError("挂账不能用挂账来还")
    row = session.get(ReceivableRow, receivable_id)
    if row is None:
        raise ReceivableError("找不到该挂账")
    open_fen = row.amount_fen - row.settled_fen
    if amount_fen <= 0:
        raise ReceivableError("还款金额必须大于零")
    if amount_fen > open_fen:
        raise ReceivableError("还款金额超过未还余额 %1", format_yuan(open_fen))
    moment = utcnow()
    settlement = ReceivableSettlementRow(
        id=new_id(),
        receivable_id=row.id,
        shift_id=shift_id,
        method=method.value,
        amount_fen=amount_fen,
        staff_id=staff.id,
        created_at=moment,
    )
    session.add(settlement)
    row.settled_fen += amount_fen
    audit.record(
        session,
        "receivable.settled",
        actor_id=staff.id,
        subject_id=row.id,
        detail={"amount_fen": amount_fen, "method": method.value},
    )
    outbox.add_event(
        session,
        "ReceivableSettled",
        {
            "settlement_id": settlement.id,
            "receivable_id": row.id,
            "order_id": row.order_id,
            "amount_fen": amount_fen,
            "method": method.value,
            "shift_id": shift_id,
        },
    )
    order = session.get(OrderRow, row.order_id)
    return ReceivableView(
        row.id,
        row.customer_name,
        order.receipt_no if order else "",
        row.amount_fen,
        row.settled_fen,
        row.created_at,
    )
