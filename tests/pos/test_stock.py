"""Stock received, returned and counted: the moving average worked by hand, bad input refused
whole, the low-stock list and a product's moves."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.pos.cart import Cart
from app.pos.catalog import ProductInput, ProductView, create_product
from app.pos.counter import CounterService, cart_product
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.stock import CountLine, CountReason, StockError, StockLine
from app.pos.stock_cost import refund_cost_share, value_at_average
from app.pos.tenders import Tender, TenderMethod
from app.storage.approvals import Approval, Sensitive
from app.storage.database import Database
from app.storage.models import AuditRow, ProductRow, StockDocumentRow, StockMoveRow


def _held(db: Database, product_id: str) -> tuple[int, int]:
    """Stock and value, each checked against the sum of the product's moves."""
    with db.reading() as session:
        row = session.get(ProductRow, product_id)
        assert row is not None
        sums = session.execute(
            select(
                func.coalesce(func.sum(StockMoveRow.delta_milli), 0),
                func.coalesce(func.sum(StockMoveRow.value_fen), 0),
            ).where(StockMoveRow.product_id == product_id)
        ).one()
        assert (row.stock_milli, row.stock_value_fen) == tuple(sums)
        return row.stock_milli, row.stock_value_fen


def _written(db: Database) -> tuple[int, int, int, int, int]:
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(StockMoveRow)) or 0,
            session.scalar(select(func.count()).select_from(StockDocumentRow)) or 0,
            session.scalar(select(func.count()).select_from(AuditRow)) or 0,
            session.scalar(select(func.sum(ProductRow.stock_milli))) or 0,
            session.scalar(select(func.sum(ProductRow.stock_value_fen))) or 0,
        )


@pytest.fixture
def eggs(db: Database) -> ProductView:
    with db.transaction() as session:
        return create_product(session, ProductInput(name="土鸡蛋", price_fen=600, unit="盒"))


def _sell(
    service: CounterService, product: ProductView, qty_milli: int, cashier: StaffView, shift: str
) -> str:
    cart = Cart()
    cart.add(cart_product(service.product(product.id)), qty_milli=qty_milli)
    total = cart.totals().total_fen
    return service.pay(
        cart, [Tender(TenderMethod.CASH, total)], cashier=cashier, shift_id=shift
    ).receipt_no


def test_the_moving_average_worked_by_hand(
    db: Database,
    service: CounterService,
    eggs: ProductView,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
) -> None:
    """Receive 3 boxes for ¥10.00 in all, then 2 at ¥4.00 each; sell them one by one.

    After the first receipt the average is 1000/3 fen: a box sold takes round(1000 × 1 / 3) =
    333; the next takes round(667 × 1 / 2) = 334 (half away from zero); then the second receipt
    adds 800 (stock 3, value 1133): a sale of 2 takes round(1133 × 2 / 3) = 755, and the last
    box takes what is left, 378. The five costs add up to the 1800 paid, to the fen.
    """
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 3000, line_cost_fen=1000)], actor=cashier, approver=manager
    )
    assert _held(db, eggs.id) == (3000, 1000)
    costs = []
    for qty in (1000, 1000):
        receipt = _sell(service, eggs, qty, cashier, shift.id)
        costs.append(service.find_order(receipt).lines[0].cost_fen)
    assert costs == [333, 334]
    assert _held(db, eggs.id) == (1000, 333)
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 2000, unit_cost_fen=400)], actor=cashier, approver=manager
    )
    assert _held(db, eggs.id) == (3000, 1133)
    for qty in (2000, 1000):
        receipt = _sell(service, eggs, qty, cashier, shift.id)
        costs.append(service.find_order(receipt).lines[0].cost_fen)
    assert costs == [333, 334, 755, 378]
    assert sum(costs) == 1800
    assert _held(db, eggs.id) == (0, 0)
    line = service.find_order(receipt).lines[0]
    assert line.profit_fen == 600 - 378
    sold = service.product_moves(eggs.id)[0]
    assert (sold.receipt_no, sold.actor) == (receipt, cashier.name), (
        "a sale's move names its cashier"
    )


def test_a_sale_with_no_stock_takes_the_products_cost(
    db: Database, service: CounterService, cashier: StaffView, shift: ShiftView
) -> None:
    with db.transaction() as session:
        milk = create_product(session, ProductInput(name="鲜牛奶", price_fen=500, cost_fen=320))
    receipt = _sell(service, milk, 2000, cashier, shift.id)
    assert service.find_order(receipt).lines[0].cost_fen == 640
    assert _held(db, milk.id) == (-2000, -640)


def test_a_void_puts_back_the_cost_its_line_took_and_a_refund_its_share(
    approval: Callable[..., Approval],
    db: Database,
    service: CounterService,
    eggs: ProductView,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
) -> None:
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 3000, line_cost_fen=1000)], actor=cashier, approver=manager
    )
    receipt = _sell(service, eggs, 1000, cashier, shift.id)
    service.void(receipt, cashier=cashier, approval=approval(Sensitive.VOID))
    assert _held(db, eggs.id) == (3000, 1000)

    receipt = _sell(service, eggs, 3000, cashier, shift.id)
    line = service.find_order(receipt).lines[0]
    assert line.cost_fen == 1000
    for _ in range(3):  # one box back at a time: 333, 334, 333
        service.refund(
            receipt,
            {line.line_id: 1000},
            cashier=cashier,
            approval=approval(Sensitive.REFUND),
            shift_id=shift.id,
        )
    assert _held(db, eggs.id) == (3000, 1000)


def test_a_refund_share_of_a_lines_cost_adds_up_to_the_whole_cost() -> None:
    parts = [refund_cost_share(1000, 3000, before, 1000) for before in (0, 1000, 2000)]
    assert parts == [333, 334, 333]
    assert value_at_average(1000, 3000, 1000, None) == 333
    assert value_at_average(1500, 0, 0, 299) == 449  # 448.5 rounds away from zero
    assert value_at_average(1000, -2000, -500, None) == 0


def test_a_supplier_return_takes_out_the_average_unless_a_cost_is_given(
    db: Database, service: CounterService, eggs: ProductView, cashier: StaffView, manager: StaffView
) -> None:
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 4000, unit_cost_fen=250)], actor=cashier, approver=manager
    )
    sent = service.return_to_supplier(
        "城东蛋品", [StockLine(eggs.id, 1000)], actor=cashier, approver=manager
    )
    assert sent.value_fen == 250
    assert _held(db, eggs.id) == (3000, 750)
    service.return_to_supplier(
        "城东蛋品", [StockLine(eggs.id, 1000, line_cost_fen=200)], actor=cashier, approver=manager
    )
    assert _held(db, eggs.id) == (2000, 550)
    moves = service.product_moves(eggs.id)
    assert [(m.reason, m.delta_milli, m.value_fen, m.supplier, m.actor) for m in moves[:2]] == [
        ("supplier_return", -1000, -200, "城东蛋品", cashier.name),
        ("supplier_return", -1000, -250, "城东蛋品", cashier.name),
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (StockLine("no-such-product", 1000, unit_cost_fen=100), "product"),
        (StockLine("", 1000, unit_cost_fen=100), "product"),
        ("zero", "qty_milli"),
        ("negative", "qty_milli"),
        ("too_dear", "unit_cost_fen"),
        ("line_too_dear", "line_cost_fen"),
        ("no_cost", "unit_cost_fen"),
    ],
)
def test_a_bad_receiving_line_is_refused_and_writes_nothing(
    db: Database,
    config: Config,
    service: CounterService,
    eggs: ProductView,
    cashier: StaffView,
    manager: StaffView,
    line: StockLine | str,
    field: str,
) -> None:
    lines = {
        "zero": StockLine(eggs.id, 0, unit_cost_fen=100),
        "negative": StockLine(eggs.id, -1000, unit_cost_fen=100),
        "too_dear": StockLine(eggs.id, 1000, unit_cost_fen=config.max_amount_fen + 1),
        "line_too_dear": StockLine(eggs.id, 1000, line_cost_fen=config.max_amount_fen + 1),
        "no_cost": StockLine(eggs.id, 1000),
    }
    bad = lines[line] if isinstance(line, str) else line
    good = StockLine(eggs.id, 1000, unit_cost_fen=100)
    before = _written(db)
    with pytest.raises(StockError) as refused:
        service.receive_goods("城东蛋品", [good, bad], actor=cashier, approver=manager)
    assert refused.value.field == field
    assert _written(db) == before


def test_returning_more_than_is_on_hand_is_refused_and_writes_nothing(
    db: Database, service: CounterService, eggs: ProductView, cashier: StaffView, manager: StaffView
) -> None:
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 2000, unit_cost_fen=250)], actor=cashier, approver=manager
    )
    before = _written(db)
    for lines in (
        [StockLine(eggs.id, 3000)],
        [StockLine(eggs.id, 1000), StockLine(eggs.id, 1500)],  # two lines, more in all
    ):
        with pytest.raises(StockError, match="库存只有 2") as refused:
            service.return_to_supplier("城东蛋品", lines, actor=cashier, approver=manager)
        assert refused.value.field == "qty_milli"
    with pytest.raises(StockError) as refused:
        service.return_to_supplier(
            "  ", [StockLine(eggs.id, 1000)], actor=cashier, approver=manager
        )
    assert refused.value.field == "supplier"
    assert _written(db) == before


def test_a_count_books_each_difference_at_the_average_with_its_reason(
    db: Database,
    service: CounterService,
    products: dict[str, ProductView],
    eggs: ProductView,
    cashier: StaffView,
    manager: StaffView,
) -> None:
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 3000, line_cost_fen=1000)], actor=cashier, approver=manager
    )
    with db.transaction() as session:
        flour = create_product(
            session,
            ProductInput(name="面粉", price_fen=900, cost_fen=500),
            opening_stock_milli=4000,
        )
    assert _held(db, flour.id) == (4000, 2000)
    counted = service.count_stock(
        [
            CountLine(eggs.id, 2000, CountReason.WASTAGE),  # one box broken: 333 out
            CountLine(flour.id, 5000),  # one bag found: 500 in, at the average
            CountLine(products["cola"].id, products["cola"].stock_milli),  # as the books say
        ],
        actor=cashier,
        approver=manager,
    )
    assert (counted.lines, counted.value_fen) == (2, 500 - 333)
    assert _held(db, eggs.id) == (2000, 667)
    assert _held(db, flour.id) == (5000, 2500)
    service.count_stock(
        [CountLine(eggs.id, 0, CountReason.EXPIRED)], actor=cashier, approver=manager
    )
    assert _held(db, eggs.id) == (0, 0)
    reasons = [m.reason for m in service.product_moves(eggs.id)]
    assert reasons[:2] == ["expired", "wastage"]
    with db.reading() as session:
        actions = session.scalars(
            select(AuditRow.action).where(AuditRow.action.like("stock.%"))
        ).all()
    assert actions.count("stock.counted") == 2


def test_a_bad_count_is_refused_and_writes_nothing(
    db: Database, service: CounterService, eggs: ProductView, cashier: StaffView, manager: StaffView
) -> None:
    before = _written(db)
    for counts, field in (
        ([CountLine(eggs.id, -1000)], "counted_milli"),
        ([CountLine("nope", 1000)], "product"),
        ([CountLine(eggs.id, 1000, "whim")], "reason"),
        ([CountLine(eggs.id, 1000), CountLine(eggs.id, 2000)], "product"),
        ([], "lines"),
    ):
        with pytest.raises(StockError) as refused:
            service.count_stock(counts, actor=cashier, approver=manager)
        assert refused.value.field == field
    assert _written(db) == before


def test_the_low_stock_list_holds_products_at_or_below_their_reorder_point_or_zero(
    db: Database, service: CounterService, cashier: StaffView, manager: StaffView
) -> None:
    with db.transaction() as session:
        make = {
            "rice": (ProductInput(name="大米", price_fen=5000, reorder_point_milli=5000), 5000),
            "oil": (ProductInput(name="花生油", price_fen=8000, reorder_point_milli=5000), 6000),
            "salt": (ProductInput(name="食盐", price_fen=300), 0),
            "sugar": (ProductInput(name="白糖", price_fen=600), 1000),
            "film": (ProductInput(name="贴膜", price_fen=2000, track_stock=False), 0),
        }
        made = {
            key: create_product(session, data, opening_stock_milli=stock)
            for key, (data, stock) in make.items()
        }
    low = service.low_stock()
    assert [v.name for v in low] == ["食盐", "大米"]
    assert low[1].reorder_point_milli == 5000
    assert made["rice"].reorder_point_milli == 5000


def test_a_negative_reorder_point_is_refused(db: Database) -> None:
    from app.pos.catalog import CatalogError

    with db.transaction() as session, pytest.raises(CatalogError) as refused:
        create_product(session, ProductInput(name="大米", price_fen=5000, reorder_point_milli=-1))
    assert refused.value.field == "reorder_point_milli"


def test_a_product_on_two_lines_of_a_sale_takes_the_second_from_what_the_first_left(
    db: Database,
    service: CounterService,
    eggs: ProductView,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
) -> None:
    service.receive_goods(
        "城东蛋品", [StockLine(eggs.id, 3000, line_cost_fen=1000)], actor=cashier, approver=manager
    )
    cart = Cart()
    for _ in range(3):  # a quantity given: three lines, not one merged line
        cart.add(cart_product(service.product(eggs.id)), qty_milli=1000)
    paid = service.pay(
        cart,
        [Tender(TenderMethod.CASH, cart.totals().total_fen)],
        cashier=cashier,
        shift_id=shift.id,
    )
    lines = service.find_order(paid.receipt_no).lines
    assert [line.cost_fen for line in lines] == [333, 334, 333]
    assert _held(db, eggs.id) == (0, 0)
