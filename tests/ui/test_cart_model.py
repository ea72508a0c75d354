"""The cart model reports each change row by row (never a reset), and what it reports is right:
amounts, the promotions per line and the totals, after scans, quantity changes, removals and a
promotion that moves a neighbouring line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from app.pos.cart import Cart, CartProduct
from app.pos.discounts import Discount, DiscountKind
from app.pos.pricing import PromotionBook
from app.pos.promotion_rules import Promotion, PromotionKind
from app.ui.cart_model import COL_AMOUNT, COL_DISCOUNT, COL_NAME, COL_NO, COL_QTY, CartModel
from app.ui.customer_display import CustomerScreen

AT = dt.datetime(2026, 12, 2, 10, 0)
SPAN = {"starts_on": dt.date(2026, 12, 1), "ends_on": dt.date(2026, 12, 31)}
TEA = CartProduct("p-tea", "6900000000011", "绿茶", "瓶", 600)
COLA = CartProduct("p-cola", "6900000000028", "可乐", "瓶", 350)
BREAD = CartProduct("p-bread", "6900000000035", "面包", "个", 800)
#: Cola one yuan off; every 10 yuan of tea and bread takes 1 yuan off (满减, shared by the lines).
RULES = (
    Promotion(
        "r-cola",
        "可乐立减1元",
        PromotionKind.AMOUNT_OFF,
        product_ids=frozenset({COLA.id}),
        amount_fen=100,
        **SPAN,  # type: ignore[arg-type]
    ),
    Promotion(
        "r-spend",
        "满10减1",
        PromotionKind.SPEND_OFF,
        product_ids=frozenset({TEA.id, BREAD.id}),
        threshold_fen=1000,
        amount_fen=100,
        stacks=True,
        **SPAN,  # type: ignore[arg-type]
    ),
)


class Recorder:
    """Every structural and data signal of the model, in order."""

    def __init__(self, model: CartModel) -> None:
        self.events: list[tuple[Any, ...]] = []
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.rowsInserted.connect(
            lambda _p, first, last: self.events.append(("inserted", first, last))
        )
        model.rowsRemoved.connect(
            lambda _p, first, last: self.events.append(("removed", first, last))
        )
        model.dataChanged.connect(
            lambda top, bottom, _roles=(): self.events.append(
                ("changed", top.row(), bottom.row(), top.column(), bottom.column())
            )
        )
        model.totalsChanged.connect(lambda: self.events.append(("totals",)))

    def take(self) -> list[tuple[Any, ...]]:
        events, self.events = self.events, []
        return events

    @staticmethod
    def changed_rows(events: list[tuple[Any, ...]]) -> set[int]:
        return {row for e in events if e[0] == "changed" for row in range(e[1], e[2] + 1)}


@pytest.fixture
def cart() -> Cart:
    cart = Cart()
    cart.clock = lambda: AT
    cart.book = PromotionBook(RULES)
    return cart


@pytest.fixture
def shown(cart: Cart, qtbot: Any, qtmodeltester: Any) -> tuple[CartModel, QTableView, Recorder]:
    model = CartModel(cart)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(640, 400)
    view.show()
    qtmodeltester.check(model)
    return model, view, Recorder(model)


def scan(model: CartModel, product: CartProduct) -> int:
    """What the sale window does with a scanned product."""
    rows_before = len(model.cart.lines)
    index = model.cart.add(product)
    model.line_added_or_changed(index, rows_before)
    return index


def cell(view: QTableView, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return view.model().index(row, column).data(role)


def test_a_new_line_is_inserted_and_only_that_row_is_reported(
    shown: tuple[CartModel, QTableView, Recorder],
) -> None:
    model, view, recorder = shown
    scan(model, COLA)
    assert recorder.take() == [("inserted", 0, 0), ("totals",)]
    scan(model, BREAD)  # below the 满减 threshold: the cola row is untouched
    assert recorder.take() == [("inserted", 1, 1), ("totals",)]
    assert view.model().rowCount() == 2
    assert [cell(view, 0, c) for c in (COL_NO, COL_NAME, COL_QTY)] == ["1", "可乐", "1 瓶"]
    assert cell(view, 0, COL_AMOUNT) == "2.50"
    assert cell(view, 0, COL_DISCOUNT) == "可乐立减1元 -1.00"
    assert cell(view, 0, COL_DISCOUNT, Qt.ItemDataRole.ToolTipRole) == "可乐立减1元"
    assert cell(view, 1, COL_AMOUNT) == "8.00"
    assert cell(view, 1, COL_DISCOUNT) == ""
    assert model.totals.total_fen == 250 + 800
    assert model.data(QModelIndex()) is None


def test_a_repeat_scan_changes_its_row_only(
    shown: tuple[CartModel, QTableView, Recorder],
) -> None:
    model, view, recorder = shown
    scan(model, BREAD)
    scan(model, COLA)
    recorder.take()
    assert scan(model, COLA) == 1  # merged into the last line
    events = recorder.take()
    assert ("reset",) not in events and not any(e[0] == "inserted" for e in events)
    assert Recorder.changed_rows(events) == {1}
    assert cell(view, 1, COL_QTY) == "2 瓶"
    assert cell(view, 1, COL_AMOUNT) == "5.00"  # 2 x 3.50, one yuan off each
    assert cell(view, 1, COL_DISCOUNT) == "可乐立减1元 -2.00"
    assert model.totals.total_fen == 800 + 500


def test_a_promotion_reached_by_a_new_line_moves_its_neighbour(
    shown: tuple[CartModel, QTableView, Recorder],
) -> None:
    model, view, recorder = shown
    scan(model, TEA)
    scan(model, COLA)
    recorder.take()
    assert "满10减1" not in cell(view, 0, COL_DISCOUNT)
    scan(model, BREAD)  # tea 6 + bread 8 reach 满10减1: the tea row (not the cola) changes too
    events = recorder.take()
    assert ("inserted", 2, 2) in events and ("reset",) not in events
    assert Recorder.changed_rows(events) == {0}
    assert cell(view, 0, COL_DISCOUNT) == "满10减1"
    assert cell(view, 2, COL_DISCOUNT) == "满10减1"
    assert cell(view, 1, COL_DISCOUNT) == "可乐立减1元 -1.00"
    assert model.totals.total_fen == 600 + 250 + 800 - 100
    assert model.totals.cart_promotion_fen == 100


def test_a_quantity_change_reports_its_row_and_the_rows_a_promotion_moved(
    shown: tuple[CartModel, QTableView, Recorder],
) -> None:
    model, view, recorder = shown
    for product in (TEA, COLA, BREAD):
        scan(model, product)
    recorder.take()
    model.cart.set_quantity(1, 3000)  # cola x3: no other row moves
    model.line_changed(1)
    events = recorder.take()
    assert Recorder.changed_rows(events) == {1} and events[-1] == ("totals",)
    assert cell(view, 1, COL_AMOUNT) == "7.50"
    model.cart.set_quantity(0, 1000)  # the same quantity: nothing to repaint
    model.line_changed(0)
    assert recorder.take() == [("totals",)]
    model.cart.set_line_discount(2, Discount(DiscountKind.PERCENT, 5000))  # bread half off
    model.line_changed(2)  # tea 6 + bread 4 still reach 满10减1
    events = recorder.take()
    assert Recorder.changed_rows(events) == {2}
    assert cell(view, 2, COL_DISCOUNT) == "满10减1、5折 -4.00"
    assert cell(view, 2, COL_AMOUNT) == "4.00"
    assert model.totals.total_fen == 600 + 750 + 400 - 100


def test_a_removal_renumbers_the_rows_below_and_takes_the_promotion_back(
    shown: tuple[CartModel, QTableView, Recorder],
) -> None:
    model, view, recorder = shown
    for product in (TEA, COLA, BREAD):
        scan(model, product)
    recorder.take()
    model.remove_line(0)  # the tea goes: 满10减1 is no longer reached
    events = recorder.take()
    assert events[0] == ("removed", 0, 0) and ("reset",) not in events
    assert Recorder.changed_rows(events) == {0, 1}
    assert view.model().rowCount() == 2
    assert [cell(view, r, COL_NO) for r in (0, 1)] == ["1", "2"]
    assert [cell(view, r, COL_NAME) for r in (0, 1)] == ["可乐", "面包"]
    assert cell(view, 1, COL_DISCOUNT) == ""
    assert model.totals.total_fen == 250 + 800
    model.remove_line(1)  # the last row: nothing below to renumber
    assert recorder.take() == [("removed", 1, 1), ("totals",)]
    assert model.totals.total_fen == 250


def test_a_cart_changed_behind_the_models_back_is_shown_whole(
    shown: tuple[CartModel, QTableView, Recorder],
) -> None:
    model, view, recorder = shown
    scan(model, COLA)
    model.cart.clear()
    model.all_lines_changed()
    assert recorder.take()[-2:] == [("reset",), ("totals",)]
    assert view.model().rowCount() == 0
    assert model.totals.total_fen == 0


def test_the_customer_screen_keeps_its_items_and_shows_the_new_amounts(
    shown: tuple[CartModel, QTableView, Recorder], qtbot: Any
) -> None:
    model, _view, _recorder = shown
    screen = CustomerScreen("示范便利店")
    qtbot.addWidget(screen)
    model.totalsChanged.connect(lambda: screen.show_cart(model.cart, model.totals))
    scan(model, TEA)
    scan(model, COLA)
    first = screen.table.item(0, 2)
    assert first.text() == "￥6.00"
    scan(model, BREAD)  # 满10减1 shares its yuan between the tea and the bread
    assert screen.table.item(0, 2) is first  # the same item, its text changed
    amounts = [screen.table.item(row, 2).text() for row in range(3)]
    assert amounts == ["￥5.57", "￥2.50", "￥7.43"]
    assert screen.total_label.text() == "合计 ￥15.50    已省 ￥2.00"
    model.remove_line(2)
    assert screen.table.rowCount() == 2
    assert screen.table.item(0, 2).text() == "￥6.00"
