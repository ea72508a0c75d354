"""Checkout writes a whole sale in one transaction: order, lines, payments, stock, audit, outbox."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Config
from app.pos.cart import Cart, Discount, DiscountKind
from app.pos.catalog import CatalogError, ProductInput, ProductView, update_product
from app.pos.checkout import CheckoutError, SaleResult, checkout
from app.pos.counter import cart_product
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderError, TenderMethod
from app.storage.database import Database
from app.storage.models import (
    AuditRow,
    OrderLineRow,
    OrderRow,
    OutboxRow,
    PaymentRow,
    PrintJobRow,
    ProductRow,
    ReceivableRow,
    StockMoveRow,
)

TABLES = (OrderRow, OrderLineRow, PaymentRow, StockMoveRow, AuditRow, OutboxRow, PrintJobRow)


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            t.__tablename__: session.scalar(select(func.count()).select_from(t)) for t in TABLES
        }


def _checkout(
    session: Session,
    cart: Cart,
    tenders: list[Tender],
    cashier: StaffView,
    shift: ShiftView,
    config: Config,
) -> SaleResult:
    return checkout(session, cart, tenders, cashier=cashier, shift_id=shift.id, config=config)


def _cart(products: dict[str, ProductView], *keys: str) -> Cart:
    cart = Cart()
    for key in keys:
        cart.add(cart_product(products[key]))
    return cart


def test_a_cash_sale_writes_every_row_in_one_go(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    cart = _cart(products, "cola", "cola", "chips", "service")
    before = _counts(db)
    with db.transaction() as session:
        result = _checkout(session, cart, [Tender(TenderMethod.CASH, 5000)], cashier, shift, config)
    assert result.total_fen == 350 * 2 + 799 + 2000
    assert result.change_fen == 5000 - 3499
    assert result.opens_drawer
    assert result.receipt_no.startswith("S001-01-")
    assert result.receipt_no.endswith("-0001")
    after = _counts(db)
    assert after["orders"] - before["orders"] == 1
    assert after["order_lines"] - before["order_lines"] == 3
    assert after["payments"] - before["payments"] == 1
    assert after["stock_moves"] - before["stock_moves"] == 2  # the service has no stock
    assert after["outbox"] - before["outbox"] == 1
    assert after["print_jobs"] - before["print_jobs"] == 1
    with db.reading() as session:
        cola = session.get(ProductRow, products["cola"].id)
        assert cola is not None and cola.stock_milli == 100_000 - 2000
        event = session.scalar(select(OutboxRow).order_by(OutboxRow.seq.desc()))
        assert event is not None and event.type == "SalePaid"
        payload = json.loads(event.payload)
        assert payload["receipt_no"] == result.receipt_no
        assert [line["qty_milli"] for line in payload["lines"]] == [2000, 1000, 1000]
        assert payload["payments"][0]["amount_fen"] == 3499
        job = session.get(PrintJobRow, result.print_job_id)
        assert job is not None and job.open_drawer


def test_receipt_numbers_are_gapless_within_a_business_day(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    numbers = []
    for attempt in range(3):
        if attempt == 1:  # a refused sale in the middle takes no number
            with pytest.raises(TenderError), db.transaction() as session:
                _checkout(
                    session,
                    _cart(products, "cola"),
                    [Tender(TenderMethod.CASH, 100)],
                    cashier,
                    shift,
                    config,
                )
        with db.transaction() as session:
            numbers.append(
                _checkout(
                    session,
                    _cart(products, "cola"),
                    [Tender(TenderMethod.CASH, 350)],
                    cashier,
                    shift,
                    config,
                ).receipt_no
            )
    assert [n[-4:] for n in numbers] == ["0001", "0002", "0003"]


def test_split_wechat_and_cash_with_change(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    cart = _cart(products, "cola", "chips", "noodles")  # 15.99
    tenders = [
        Tender(TenderMethod.WECHAT, 1000, reference="4200001"),
        Tender(TenderMethod.CASH, 1000),
    ]
    with db.transaction() as session:
        result = checkout(session, cart, tenders, cashier=cashier, shift_id=shift.id, config=config)
    assert result.change_fen == 401
    with db.reading() as session:
        payments = session.scalars(select(PaymentRow).order_by(PaymentRow.seq)).all()
    assert [(p.method, p.amount_fen, p.tendered_fen, p.reference) for p in payments] == [
        ("wechat", 1000, 1000, "4200001"),
        ("cash", 599, 1000, None),
    ]


def test_on_account_sale_leaves_a_receivable_for_the_named_customer(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    cart = _cart(products, "service")
    with db.transaction() as session:
        result = _checkout(
            session,
            cart,
            [Tender(TenderMethod.ON_ACCOUNT, 2000, customer_name="陈先生")],
            cashier,
            shift,
            config,
        )
    assert not result.opens_drawer
    with db.reading() as session:
        receivable = session.scalar(select(ReceivableRow))
    assert receivable is not None
    assert (receivable.customer_name, receivable.amount_fen, receivable.settled_fen) == (
        "陈先生",
        2000,
        0,
    )


def test_discounts_and_rounding_are_kept_on_the_order(
    db: Database, cashier: StaffView, shift: ShiftView, products: dict[str, ProductView], tmp_path
) -> None:
    from app.money import Rounding

    config = Config(data_dir=tmp_path, rounding=Rounding.DROP_JIAO)
    cart = Cart(rounding=Rounding.DROP_JIAO)
    cart.add(cart_product(products["chips"]), qty_milli=3000)  # 23.97
    cart.set_line_discount(0, Discount(DiscountKind.PERCENT, 1000))  # -2.40 -> 21.57
    with db.transaction() as session:
        result = _checkout(session, cart, [Tender(TenderMethod.CASH, 2100)], cashier, shift, config)
    assert result.total_fen == 2100
    with db.reading() as session:
        order = session.get(OrderRow, result.order_id)
        assert order is not None
        assert (order.subtotal_fen, order.discount_fen, order.rounding_fen) == (2397, 240, 57)
        assert sum(line.net_fen for line in order.lines) == order.total_fen


def test_an_empty_cart_is_refused_and_nothing_is_written(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    before = _counts(db)
    with pytest.raises(CheckoutError, match="空"), db.transaction() as session:
        checkout(session, Cart(), [], cashier=cashier, shift_id=shift.id, config=config)
    assert _counts(db) == before


def test_a_short_tender_writes_nothing(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    before = _counts(db)
    with pytest.raises(TenderError, match="还差"), db.transaction() as session:
        _checkout(
            session,
            _cart(products, "chips"),
            [Tender(TenderMethod.CASH, 700)],
            cashier,
            shift,
            config,
        )
    assert _counts(db) == before


def test_a_product_deactivated_while_in_the_cart_is_refused(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    cart = _cart(products, "cola")
    with db.transaction() as session:
        update_product(
            session,
            products["cola"].id,
            ProductInput(
                name=products["cola"].name,
                price_fen=350,
                code=products["cola"].code,
                barcodes=products["cola"].barcodes,
                active=False,
            ),
        )
    before = _counts(db)
    with pytest.raises(CatalogError, match="停售"), db.transaction() as session:
        _checkout(session, cart, [Tender(TenderMethod.CASH, 350)], cashier, shift, config)
    assert _counts(db) == before


def test_a_sale_with_nothing_due_goes_through_with_no_payment(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    cart = _cart(products, "cola")
    cart.set_line_discount(0, Discount(DiscountKind.PERCENT, 10_000))  # a free gift
    with db.transaction() as session:
        result = checkout(session, cart, [], cashier=cashier, shift_id=shift.id, config=config)
    assert result.total_fen == 0
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(PaymentRow)) == 0
        assert session.get(OrderRow, result.order_id) is not None
