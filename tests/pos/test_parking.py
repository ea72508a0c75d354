"""挂单 / 取单: several carts parked at once, each taken back whole, once."""

from __future__ import annotations

import pytest

from app.pos.cart import Cart, CartError, Discount, DiscountKind
from app.pos.catalog import ProductView
from app.pos.counter import cart_product
from app.pos.parking import list_parked, park, resume
from app.pos.staff import StaffView
from app.storage.database import Database


def test_two_parked_carts_come_back_whole_and_leave_the_list(
    db: Database, cashier: StaffView, products: dict[str, ProductView]
) -> None:
    first = Cart()
    first.add(cart_product(products["cola"]), qty_milli=2000)
    first.set_line_discount(0, Discount(DiscountKind.PERCENT, 1000))
    second = Cart()
    second.add(cart_product(products["apple"]), qty_milli=1234)
    with db.transaction() as session:
        one = park(session, first, cashier=cashier, label="穿红衣服的顾客")
        park(session, second, cashier=cashier)
    with db.reading() as session:
        parked = list_parked(session)
    assert [p.label for p in parked] == ["穿红衣服的顾客", "挂单 2"]
    assert parked[0].total_fen == first.totals().total_fen
    with db.transaction() as session:
        back = resume(session, one.id)
    assert back.totals() == first.totals()
    with pytest.raises(CartError, match="已被取走"), db.transaction() as session:
        resume(session, one.id)
    with db.reading() as session:
        assert len(list_parked(session)) == 1


def test_an_empty_cart_is_not_parked(db: Database, cashier: StaffView) -> None:
    with pytest.raises(CartError, match="空"), db.transaction() as session:
        park(session, Cart(), cashier=cashier)
