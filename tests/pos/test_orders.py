"""Voids and refunds against the original receipt: money, stock and states stay exact."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.pos.cart import Cart, Discount, DiscountKind
from app.pos.catalog import ProductView
from app.pos.checkout import SaleResult, checkout
from app.pos.counter import cart_product
from app.pos.orders import OrderError, find_order, refund, void_order
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import OrderKind, OrderRow, OrderState, OutboxRow, ProductRow


def _sell(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    cart: Cart,
    tenders: list[Tender],
) -> SaleResult:
    with db.transaction() as session:
        return checkout(session, cart, tenders, cashier=cashier, shift_id=shift.id, config=config)


def _stock(db: Database, product_id: str) -> int:
    with db.reading() as session:
        row = session.get(ProductRow, product_id)
        assert row is not None
        return row.stock_milli


@pytest.fixture
def sale(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> SaleResult:
    cart = Cart()
    cart.add(cart_product(products["cola"]), qty_milli=3000)  # 10.50
    cart.add(cart_product(products["chips"]))  # 7.99
    cart.set_order_discount(Discount(DiscountKind.AMOUNT, 100))  # 17.49 due
    return _sell(db, config, cashier, shift, cart, [Tender(TenderMethod.CASH, 2000)])


def test_a_partial_then_full_refund_gives_back_exactly_what_was_paid(
    db: Database,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    sale: SaleResult,
) -> None:
    with db.reading() as session:
        order = find_order(session, sale.receipt_no)
    cola_line, chips_line = order.lines
    stock_before = _stock(db, products["cola"].id)
    refunded = 0
    for qty in (1000, 1000, 1000):
        with db.transaction() as session:
            result = refund(
                session,
                sale.receipt_no,
                {cola_line.line_id: qty},
                method=TenderMethod.CASH,
                cashier=cashier,
                approver=manager,
                shift_id=shift.id,
                config=config,
            )
        refunded += result.amount_fen
    with db.transaction() as session:
        last = refund(
            session,
            sale.receipt_no,
            {chips_line.line_id: 1000},
            method=TenderMethod.CASH,
            cashier=cashier,
            approver=manager,
            shift_id=shift.id,
            config=config,
        )
    refunded += last.amount_fen
    assert refunded == sale.total_fen
    assert _stock(db, products["cola"].id) == stock_before + 3000
    with db.reading() as session:
        again = find_order(session, sale.receipt_no)
        refunds = session.scalar(
            select(func.count()).select_from(OrderRow).where(OrderRow.kind == OrderKind.REFUND)
        )
        events = list(session.scalars(select(OutboxRow.type).order_by(OutboxRow.seq)))
    assert again.state is OrderState.REFUNDED
    assert refunds == 4
    assert events.count("SaleRefunded") == 4
    assert last.receipt_no.endswith("-0005")


def test_refunding_more_than_was_sold_is_refused_and_writes_nothing(
    db: Database,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    sale: SaleResult,
) -> None:
    with db.reading() as session:
        line = find_order(session, sale.receipt_no).lines[0]
    with pytest.raises(OrderError, match="最多可退 3"), db.transaction() as session:
        refund(
            session,
            sale.receipt_no,
            {line.line_id: 4000},
            method=TenderMethod.CASH,
            cashier=cashier,
            approver=manager,
            shift_id=shift.id,
            config=config,
        )
    with db.reading() as session:
        assert find_order(session, sale.receipt_no).state is OrderState.PAID
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 1


def test_a_refund_cannot_go_to_a_method_the_sale_did_not_use(
    db: Database,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    sale: SaleResult,
) -> None:
    with db.reading() as session:
        line = find_order(session, sale.receipt_no).lines[1]
    with pytest.raises(OrderError, match="微信支付仅可退"), db.transaction() as session:
        refund(
            session,
            sale.receipt_no,
            {line.line_id: 1000},
            method=TenderMethod.WECHAT,
            cashier=cashier,
            approver=manager,
            shift_id=shift.id,
            config=config,
        )


def test_an_unknown_receipt_is_said_plainly(db: Database) -> None:
    with db.reading() as session, pytest.raises(OrderError, match="未找到小票"):
        find_order(session, "S001-01-20991231-9999")


def test_void_returns_stock_and_cannot_happen_twice(
    db: Database,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    products: dict[str, ProductView],
    sale: SaleResult,
) -> None:
    stock_before = _stock(db, products["cola"].id)
    with db.transaction() as session:
        view = void_order(
            session, sale.receipt_no, cashier=cashier, approver=manager, config=config
        )
    assert view.state is OrderState.VOIDED
    assert _stock(db, products["cola"].id) == stock_before + 3000
    with pytest.raises(OrderError, match="已作废"), db.transaction() as session:
        void_order(session, sale.receipt_no, cashier=cashier, approver=manager, config=config)


def test_a_past_days_receipt_cannot_be_voided(
    db: Database, config: Config, cashier: StaffView, manager: StaffView, sale: SaleResult
) -> None:
    tomorrow = utcnow() + dt.timedelta(days=1)
    with pytest.raises(OrderError, match="当日"), db.transaction() as session:
        void_order(
            session, sale.receipt_no, cashier=cashier, approver=manager, config=config, now=tomorrow
        )
