"""库存 in the window: goods received and returned through their forms change the stock and its
value, a count books its difference, the low-stock list and a product's moves show it, and bad
input is said next to its field with nothing written."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from app.storage.models import AuditRow, ProductRow, StockDocumentRow, StockMoveRow
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    action,
    approval_in,
    approve,
    child,
    click,
    count_rows,
    field_error,
    login,
)


def open_stock_screen(sale: Any) -> Any:
    action(sale, "stockAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "stockScreen"
    return screen


def show_tab(screen: Any, name: str) -> Any:
    tabs = child(screen, QTabWidget, "stockTabs")
    tab = child(screen, QWidget, name)
    tabs.setCurrentWidget(tab)
    return tab


def type_into(qtbot: Any, tab: Any, values: dict[str, str]) -> None:
    for name, text in values.items():
        field = child(tab, QLineEdit, name)
        field.clear()
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:
            field.setText(text)


def held(counter: Any, code: str) -> tuple[int, int]:
    with counter.db.reading() as session:
        row = session.scalar(select(ProductRow).where(ProductRow.code == code))
        assert row is not None
        return row.stock_milli, row.stock_value_fen


def table_rows(tab: Any, name: str) -> list[list[str]]:
    table = child(tab, QTableWidget, name)
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def written(counter: Any) -> tuple[int, ...]:
    return tuple(count_rows(counter, m) for m in (StockMoveRow, StockDocumentRow, AuditRow))


def test_goods_received_returned_and_counted_through_the_stock_screen(
    controller: Any, counter: Any, qtbot: Any, products: list[Any]
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_stock_screen(sale)
    product = products[0]
    stock, value = held(counter, product.code)

    tab = show_tab(screen, "receiveTab")
    type_into(qtbot, tab, {"receiveSupplier": "城东批发", "receiveProduct": product.barcodes[0]})
    type_into(qtbot, tab, {"receiveQty": "10", "receiveUnitCost": "2.50"})
    qtbot.keyClick(child(tab, QLineEdit, "receiveUnitCost"), Qt.Key.Key_Return)
    assert table_rows(tab, "receiveLines") == [[product.code, product.name, "10", "25.00"]]
    click(qtbot, child(tab, QPushButton, "receiveSubmit"))
    assert "25.00" in child(tab, QLabel, "receiveTabStatus").text()
    assert held(counter, product.code) == (stock + 10_000, value + 2500)
    assert table_rows(tab, "receiveLines") == []

    tab = show_tab(screen, "returnTab")
    type_into(qtbot, tab, {"returnSupplier": "城东批发", "returnProduct": product.code})
    type_into(qtbot, tab, {"returnQty": "2", "returnLineCost": "5"})
    click(qtbot, child(tab, QPushButton, "returnAddLine"))
    click(qtbot, child(tab, QPushButton, "returnSubmit"))
    assert held(counter, product.code) == (stock + 8000, value + 2000)

    tab = show_tab(screen, "countTab")
    type_into(qtbot, tab, {"countProduct": product.code, "countQty": "0"})
    child(tab, QComboBox, "countReason").setCurrentIndex(2)  # 过期
    click(qtbot, child(tab, QPushButton, "countAddLine"))
    click(qtbot, child(tab, QPushButton, "countSubmit"))
    assert held(counter, product.code) == (0, 0)

    tab = show_tab(screen, "lowStockTab")
    assert [product.code, product.name, "0", ""] in table_rows(tab, "lowStockTable")

    tab = show_tab(screen, "movesTab")
    type_into(qtbot, tab, {"movesProduct": product.code})
    click(qtbot, child(tab, QPushButton, "movesShow"))
    moves = table_rows(tab, "movesTable")
    assert [row[3] for row in moves[:3]] == ["过期", "退货给供应商", "进货"]
    assert moves[1][1:3] == ["-2", "-5.00"]
    assert moves[2][4:] == [MANAGER, "城东批发"]


def test_bad_stock_input_is_said_next_to_its_field_and_writes_nothing(
    controller: Any, counter: Any, qtbot: Any, products: list[Any]
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_stock_screen(sale)
    product = products[0]
    before, stock = written(counter), held(counter, product.code)

    tab = show_tab(screen, "receiveTab")
    good = {"receiveProduct": product.code, "receiveQty": "1", "receiveUnitCost": "1"}
    for values, field, words in (
        ({"receiveProduct": "没有这个商品"}, "receiveProduct", "未找到商品"),
        ({"receiveQty": "0"}, "receiveQty", "数量须大于零"),
        ({"receiveQty": "-1"}, "receiveQty", "无法识别的数量"),
        ({"receiveUnitCost": "2000000"}, "receiveUnitCost", "进价过高"),
        ({"receiveUnitCost": "", "receiveLineCost": "2000000"}, "receiveLineCost", "金额过高"),
        ({"receiveUnitCost": ""}, "receiveUnitCost", "请输入进价或金额"),
    ):
        type_into(qtbot, tab, {"receiveLineCost": "", **good, **values})
        click(qtbot, child(tab, QPushButton, "receiveAddLine"))
        assert words in field_error(tab, field), (values, field_error(tab, field))
        assert table_rows(tab, "receiveLines") == []
    type_into(qtbot, tab, {"receiveSupplier": "", **good})
    click(qtbot, child(tab, QPushButton, "receiveAddLine"))
    click(qtbot, child(tab, QPushButton, "receiveSubmit"))
    assert "请输入供应商" in field_error(tab, "receiveSupplier")

    tab = show_tab(screen, "returnTab")
    on_hand = stock[0] // 1000
    type_into(qtbot, tab, {"returnProduct": product.code, "returnQty": str(on_hand + 1)})
    click(qtbot, child(tab, QPushButton, "returnAddLine"))
    assert f"库存只有 {on_hand}" in field_error(tab, "returnQty")
    assert table_rows(tab, "returnLines") == []

    assert written(counter) == before
    assert held(counter, product.code) == stock


def test_a_cashier_needs_a_manager_to_open_it_and_the_manager_is_audited(
    controller: Any, counter: Any, qtbot: Any, products: list[Any]
) -> None:
    sale = login(controller, qtbot)
    action(sale, "stockAction").trigger()
    approve(qtbot, approval_in(sale))
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "stockScreen"
    tab = show_tab(screen, "receiveTab")
    type_into(qtbot, tab, {"receiveSupplier": "城东批发", "receiveProduct": products[1].code})
    type_into(qtbot, tab, {"receiveQty": "3", "receiveLineCost": "9"})
    click(qtbot, child(tab, QPushButton, "receiveAddLine"))
    click(qtbot, child(tab, QPushButton, "receiveSubmit"))
    with counter.db.reading() as session:
        entry = session.scalars(select(AuditRow).where(AuditRow.action == "stock.received")).one()
    assert entry.actor_id == sale.session.staff.id
    assert entry.approver_id == counter.service.login(MANAGER, MANAGER_PIN).id


def test_the_reorder_point_is_edited_in_the_product_form_and_fills_the_low_stock_list(
    controller: Any, counter: Any, qtbot: Any, products: list[Any]
) -> None:
    from tests.ui.driving import fill_form, open_dialog, save_form
    from tests.ui.test_products_screen import open_products_screen, search_for, select_product

    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    product = products[2]
    screen = open_products_screen(sale)
    search_for(screen, product.code)
    select_product(screen, product.code)
    click(qtbot, child(screen, QPushButton, "editProduct"))
    form = open_dialog(screen, "productForm")
    fill_form(qtbot, form, {"productReorderPoint": "-3"})
    save_form(qtbot, form)
    assert field_error(form, "productReorderPoint")
    fill_form(qtbot, form, {"productReorderPoint": str(held(counter, product.code)[0] // 1000)})
    save_form(qtbot, form)
    assert not form.isVisible()
    click(qtbot, child(screen, QPushButton, "productsClose"))
    stock_screen = open_stock_screen(sale)
    tab = show_tab(stock_screen, "lowStockTab")
    assert product.code in [row[0] for row in table_rows(tab, "lowStockTable")]
