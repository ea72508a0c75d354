"""Stock on hand is the sum of its moves, and its value at cost the sum of their values, after
any mix of receipts, sales, refunds, voids, supplier returns and counts (a seeded random walk:
each seed replays the same steps)."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, update

from app.pos.cart import Cart
from app.pos.catalog import ProductInput, ProductView, create_product
from app.pos.counter import CounterService, cart_product
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.stock import CountLine, CountReason, StockError, StockLine, check_stock
from app.pos.tenders import Tender, TenderMethod
from app.storage.approvals import Approval, Sensitive
from app.storage.database import Database
from app.storage.models import OrderLineRow, OrderRow, ProductRow

STEPS = 60


def _check_ledgers(db: Database) -> None:
    with db.reading() as session:
        assert check_stock(session) == []


def test_the_stock_check_finds_a_cached_stock_or_value_that_left_its_moves(
    db: Database, service: CounterService, cashier: StaffView, manager: StaffView
) -> None:
    with db.transaction() as session:
        product = create_product(
            session,
            ProductInput(name="面粉", price_fen=900, cost_fen=500),
            opening_stock_milli=4000,
        )
    _check_ledgers(db)
    with db.transaction() as session:
        session.execute(
            update(ProductRow)
            .where(ProductRow.id == product.id)
            .values(stock_milli=3000, stock_value_fen=1)
        )
    with db.reading() as session:
        found = check_stock(session)
    assert [(m.what, m.cached, m.from_moves) for m in found] == [
        ("stock_milli", 3000, 4000),
        ("stock_value_fen", 1, 2000),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stock_and_value_are_the_sums_of_their_moves_after_any_mix_of_actions(
    approval: Callable[..., Approval],
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    seed: int,
) -> None:
    rng = random.Random(seed)
    with db.transaction() as session:
        goods: list[ProductView] = [
            create_product(
                session,
                ProductInput(name=f"商品{n}", price_fen=rng.randint(100, 5000), cost_fen=cost),
                opening_stock_milli=rng.choice([0, 3000, 7000]),
            )
            for n, cost in enumerate([None, 77, 333])
        ]
    receipts: list[str] = []
    done: set[str] = set()
    for _ in range(STEPS):
        product = rng.choice(goods)
        action = rng.choice(["receive", "sell", "sell", "refund", "void", "return", "count"])
        if action == "receive":
            line = (
                StockLine(product.id, rng.randint(1, 9) * 1000, unit_cost_fen=rng.randint(1, 999))
                if rng.random() < 0.5
                else StockLine(product.id, rng.randint(1, 9000), line_cost_fen=rng.randint(0, 9999))
            )
            service.receive_goods("供应商", [line], actor=cashier, approver=manager)
        elif action == "sell":
            cart = Cart()
            for item in rng.sample(goods, rng.randint(1, len(goods))):
                cart.add(cart_product(service.product(item.id)), qty_milli=rng.randint(1, 4) * 1000)
            total = cart.totals().total_fen
            paid = service.pay(
                cart, [Tender(TenderMethod.CASH, total)], cashier=cashier, shift_id=shift.id
            )
            receipts.append(paid.receipt_no)
        elif action in ("refund", "void") and receipts:
            receipt = rng.choice(receipts)
            order = service.find_order(receipt)
            if (
                action == "void"
                and receipt not in done
                and not any(line.refunded_qty_milli for line in order.lines)
            ):
                service.void(receipt, cashier=cashier, approval=approval(Sensitive.VOID))
                done.add(receipt)
            elif action == "refund" and receipt not in done:
                line = rng.choice(order.lines)
                if line.refundable_qty_milli:
                    service.refund(
                        receipt,
                        {line.line_id: rng.randint(1, line.refundable_qty_milli // 1000) * 1000},
                        cashier=cashier,
                        approval=approval(Sensitive.REFUND),
                        shift_id=shift.id,
                    )
        elif action == "return":
            try:
                service.return_to_supplier(
                    "供应商",
                    [StockLine(product.id, rng.randint(1, 3) * 1000)],
                    actor=cashier,
                    approver=manager,
                )
            except StockError:
                assert service.product(product.id).stock_milli < 3000  # only when short
        elif action == "count":
            service.count_stock(
                [CountLine(product.id, rng.randint(0, 8) * 1000, rng.choice(CountReason.ALL))],
                actor=cashier,
                approver=manager,
            )
        _check_ledgers(db)
    with db.reading() as session:
        costed = session.scalar(
            select(func.count())
            .select_from(OrderLineRow)
            .join(OrderRow)
            .where(OrderRow.kind == "sale", OrderLineRow.cost_fen.is_(None))
        )
    assert costed == 0
