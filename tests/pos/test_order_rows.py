"""One way to make an order row: every kind of order gets all its columns and the next number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.config import Config
from app.pos.order_rows import Till, new_order, order_payload, payment_row
from app.pos.staff import StaffView
from app.pos.tenders import TenderMethod
from app.storage.database import Database
from app.storage.models import OrderKind, OrderRow, OrderState, PaymentRow

MOMENT = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)


def _paid(
    db: Database, config: Config, cashier: StaffView, kind: OrderKind, **values: Any
) -> dict[str, Any]:
    """A new order of ``kind`` (500 fen unless told), in a transaction of its own."""
    with db.transaction() as session:
        return new_order(
            session,
            Till(cashier, None, config, MOMENT),
            kind,
            approver_id=None,
            member_id=values.pop("member_id", None),
            total_fen=values.pop("total_fen", 500),
            **values,
        )


@pytest.mark.parametrize("kind", list(OrderKind))
def test_an_order_of_any_kind_has_every_column_and_is_paid(
    db: Database, config: Config, cashier: StaffView, kind: OrderKind
) -> None:
    order = _paid(db, config, cashier, kind, label="x" * 50)
    assert set(order) == {column.key for column in OrderRow.__table__.columns}
    assert (order["kind"], order["state"]) == (kind, OrderState.PAID)
    assert order["subtotal_fen"] == order["total_fen"] == 500
    assert order["order_discount_label"] == "x" * 40
    assert order["business_day"] == dt.date(2026, 11, 23)


def test_orders_take_gapless_receipt_numbers_of_their_business_day(
    db: Database, config: Config, cashier: StaffView
) -> None:
    kinds = (OrderKind.SALE, OrderKind.TOP_UP, OrderKind.REFUND)
    numbers = [_paid(db, config, cashier, kind)["receipt_no"] for kind in kinds]
    assert [number[-4:] for number in numbers] == ["0001", "0002", "0003"]
    assert all(f"{config.store_code}-{config.counter_no}-20261123-" in n for n in numbers)


def test_a_payment_row_has_every_column_and_tenders_its_amount_unless_told() -> None:
    paid_back = payment_row("o", 1, TenderMethod.CASH, -300)
    assert set(paid_back) == {column.key for column in PaymentRow.__table__.columns}
    assert (paid_back["method"], paid_back["amount_fen"], paid_back["tendered_fen"]) == (
        "cash",
        -300,
        -300,
    )
    assert payment_row("o", 2, TenderMethod.CASH, 300, tendered_fen=500)["tendered_fen"] == 500


def test_the_payload_of_an_order_carries_its_payments_and_ledger_entries(
    db: Database, config: Config, cashier: StaffView
) -> None:
    order = _paid(db, config, cashier, OrderKind.TOP_UP, member_id=None, total_fen=100)
    payments = [payment_row(order["id"], 1, TenderMethod.WECHAT, 100, reference="wx1")]
    payload = order_payload(order, [], payments, [{"ledger": "stored_value"}])
    assert payload["kind"] == "top_up" and payload["cashier_id"] == cashier.id
    assert payload["payments"][0]["reference"] == "wx1"
    assert payload["ledger_entries"] == [{"ledger": "stored_value"}]
    assert payload["created_at"] == MOMENT.isoformat()
