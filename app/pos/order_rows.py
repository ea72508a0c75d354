"""The one way an order row and its payment rows are made, written and told to the head office.

A sale, a refund and a member's money order (top-up, 存零, count card, cash paid back) are all
orders: the same columns, the same receipt numbering, the same outbox payload. Checkout and the
member desk write them as batched Core inserts of these plain values (a sale is the commonest
write of the counter and must stay cheap); a refund builds its ORM rows from the same values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.config import Config
from app.pos.business_day import business_day, next_receipt_no
from app.pos.staff import StaffView
from app.pos.tenders import TenderMethod
from app.storage.base import Base, utcnow
from app.storage.ids import new_id
from app.storage.models import OrderKind, OrderLineRow, OrderRow, OrderState, PaymentRow

_ORDERS = Base.metadata.tables[OrderRow.__tablename__]
_LINES = Base.metadata.tables[OrderLineRow.__tablename__]
_PAYMENTS = Base.metadata.tables[PaymentRow.__tablename__]
#: How long an order's label may be (``orders.order_discount_label``).
LABEL_LENGTH = 40


@dataclasses.dataclass(frozen=True)
class Till:
    """Who takes or pays out an order's money, on which shift, under which settings, and when."""

    cashier: StaffView
    shift_id: str | None
    config: Config
    moment: dt.datetime

    @classmethod
    def now(cls, cashier: StaffView, shift_id: str | None, config: Config) -> Till:
        return cls(cashier, shift_id, config, utcnow())


def new_order(
    session: Session,
    till: Till,
    kind: OrderKind,
    *,
    approver_id: str | None,
    member_id: str | None,
    total_fen: int,
    subtotal_fen: int | None = None,
    discount_fen: int = 0,
    rounding_fen: int = 0,
    change_fen: int = 0,
    label: str | None = None,
    original_order_id: str | None = None,
    order_id: str | None = None,
) -> dict[str, Any]:
    """A paid order's row, with a new id (or ``order_id``, made before the transaction when a
    hold at the head office names it) and the next receipt number of its business day.

    ``subtotal_fen`` defaults to the total (an order with no discount or rounding).
    """
    config = till.config
    day = business_day(till.moment, config.timezone, config.business_day_cutoff_hour)
    return {
        "id": order_id or new_id(),
        "receipt_no": next_receipt_no(session, config.store_code, config.counter_no, day),
        "business_day": day,
        "kind": kind,
        "state": OrderState.PAID,
        "cashier_id": till.cashier.id,
        "approver_id": approver_id,
        "shift_id": till.shift_id,
        "original_order_id": original_order_id,
        "member_id": member_id,
        "subtotal_fen": total_fen if subtotal_fen is None else subtotal_fen,
        "discount_fen": discount_fen,
        "rounding_fen": rounding_fen,
        "total_fen": total_fen,
        "change_fen": change_fen,
        "order_discount_label": None if label is None else label[:LABEL_LENGTH],
        "created_at": till.moment,
        "voided_at": None,
    }


def payment_row(
    order_id: str,
    seq: int,
    method: TenderMethod,
    amount_fen: int,
    *,
    tendered_fen: int | None = None,
    reference: str | None = None,
    customer_name: str | None = None,
) -> dict[str, Any]:
    """One payment of an order (negative for money paid back); tendered defaults to the amount."""
    return {
        "id": new_id(),
        "order_id": order_id,
        "seq": seq,
        "method": method.value,
        "amount_fen": amount_fen,
        "tendered_fen": amount_fen if tendered_fen is None else tendered_fen,
        "reference": reference,
        "customer_name": customer_name,
    }


def insert_order(
    session: Session,
    order: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    payments: Sequence[Mapping[str, Any]],
) -> None:
    """Core inserts: none of the ORM's per-object work."""
    connection = session.connection()
    connection.execute(_ORDERS.insert(), order)
    if lines:
        connection.execute(_LINES.insert(), lines)
    if payments:  # nothing is due on a sale of free goods
        connection.execute(_PAYMENTS.insert(), payments)


def order_payload(
    order: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    payments: Sequence[Mapping[str, Any]],
    ledger_entries: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The order as the head office needs it, whole: no second call to learn more."""
    return {
        "order_id": order["id"],
        "receipt_no": order["receipt_no"],
        "kind": str(order["kind"]),
        "state": str(order["state"]),
        "business_day": order["business_day"].isoformat(),
        "created_at": order["created_at"].isoformat(),
        "cashier_id": order["cashier_id"],
        "approver_id": order["approver_id"],
        "shift_id": order["shift_id"],
        "member_id": order["member_id"],
        "original_order_id": order["original_order_id"],
        "subtotal_fen": order["subtotal_fen"],
        "discount_fen": order["discount_fen"],
        "rounding_fen": order["rounding_fen"],
        "total_fen": order["total_fen"],
        "change_fen": order["change_fen"],
        "lines": [
            {
                "line_id": line["id"],
                "line_no": line["line_no"],
                "product_id": line["product_id"],
                "original_line_id": line["original_line_id"],
                "name": line["name"],
                "barcode": line["barcode"],
                "qty_milli": line["qty_milli"],
                "unit_price_fen": line["unit_price_fen"],
                "gross_fen": line["gross_fen"],
                "line_discount_fen": line["line_discount_fen"],
                "order_share_fen": line["order_share_fen"],
                "net_fen": line["net_fen"],
                "cost_fen": line["cost_fen"],
                # bought on promotion: the value segments count it (absent before 0009)
                "promotion_ids": line.get("promotion_ids"),
                "promotion_fen": line.get("promotion_fen") or 0,
            }
            for line in lines
        ],
        "payments": [
            {
                "payment_id": p["id"],
                "method": p["method"],
                "amount_fen": p["amount_fen"],
                "tendered_fen": p["tendered_fen"],
                "reference": p["reference"],
                "customer_name": p["customer_name"],
            }
            for p in payments
        ],
        "ledger_entries": list(ledger_entries),
    }


def row_values(row: Base) -> dict[str, Any]:
    """A row's column values by name, for payloads built the same way as from plain values."""
    table = Base.metadata.tables[row.__tablename__]
    return {column.key: getattr(row, column.key) for column in table.columns}
