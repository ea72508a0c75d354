"""The cashier's main path through the real windows: login, shift, scans, payment, receipt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
)

from app.money import format_fen, format_yuan
from app.pos.tenders import TenderMethod
from tests.ui.driving import (
    action,
    approve,
    child,
    choose_data,
    click,
    error_text,
    login,
    press,
    scan,
    scan_field,
)


def _cheap_short_products(count: int, counter: Any) -> list[Any]:
    """Cheap products with short names that no line promotion of the demo store touches (the
    a search's order is not the test's to rely on); three of them stay below every 满减."""
    service = counter.service
    with counter.db.reading() as session:
        rules = service.promotion_cache.get(session, service.today()).rules
    now = service.new_cart().clock()
    live = [r for r in rules if r.is_line_kind and r.in_force(now) and r.open_to(None)]
    catalog = [p for p in service.browse_products("") if p.barcodes and not p.by_weight]
    chosen = [
        p
        for p in catalog
        if p.price_fen <= 1500
        and len(p.name) <= 10
        and not any(r.covers(p.id, p.category_id) for r in live)
    ]
    assert len(chosen) >= count
    return chosen[:count]


def test_login_scan_split_payment_prints_a_receipt_with_names_total_and_change(
    controller: Any, qtbot: Any, products: list[Any], printer_file: Any
) -> None:
    from tests.devices.escpos_decoder import decode

    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText("小王")
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "1234")
    click(qtbot, child(window, QPushButton, "loginButton"))
    float_dialog = window.dialog
    assert float_dialog is not None and float_dialog.objectName() == "shiftOpenDialog"
    float_input = child(float_dialog, QLineEdit, "shiftFloat")
    float_input.clear()
    qtbot.keyClicks(float_input, "200")
    qtbot.keyClick(float_input, Qt.Key.Key_Return)
    sale = controller.sale_window
    assert sale is not None and sale.session.shift is not None

    items = _cheap_short_products(3, controller.counter)
    for product in items:
        scan(qtbot, sale, product.barcodes[0])
    assert sale.model.rowCount() == 3
    assert child(sale, QTableView, "cartTable").currentIndex().row() == 2
    total = sum(p.price_fen for p in items)
    assert child(sale, QLabel, "totalDue").text() == format_yuan(total)

    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None and pay.objectName() == "paymentDialog"
    amount = child(pay, QLineEdit, "tenderAmount")
    assert amount.text() == format_fen(total)
    external = child(pay, QComboBox, "tenderExternal")
    choose_data(external, TenderMethod.WECHAT.value)
    amount.setText("10.00")
    child(pay, QLineEdit, "tenderReference").setText("WX123")
    click(qtbot, child(pay, QPushButton, "tenderExternalAdd"))
    assert amount.text() == format_fen(total - 1000)
    amount.setText("50.00")
    click(qtbot, child(pay, QPushButton, "tenderCash"))
    change = 1000 + 5000 - total
    assert child(pay, QLabel, "changeDue").text() == f"找零 {format_yuan(change)}"
    click(qtbot, child(pay, QPushButton, "confirmPayment"))

    assert sale.dialog is None
    assert sale.model.rowCount() == 0
    assert child(sale, QLabel, "totalDue").text() == format_yuan(0)
    assert format_yuan(change) in child(sale, QLabel, "changeDisplay").text()
    order = controller.counter.service.last_order()
    assert order is not None and order.total_fen == total
    assert order.receipt_no in child(sale, QLabel, "changeDisplay").text()
    assert child(sale, QLabel, "printerStatus").text() == "打印机：正常"

    decoded = decode(printer_file.read_bytes())
    text = decoded.text
    for product in items:
        assert product.name in text
    assert format_yuan(total) in text or format_fen(total) in text
    assert "找零" in text and format_fen(change) in text
    assert order.receipt_no in text


def test_repeat_scan_of_the_same_item_adds_to_its_row(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    code = products[0].barcodes[0]
    scan(qtbot, sale, code)
    scan(qtbot, sale, code)
    assert sale.model.rowCount() == 1
    assert sale.model.index(0, 2).data().startswith("2 ")
    assert child(sale, QLabel, "itemCount").text() == "2"


def test_typed_name_shows_a_pick_list_and_adds_the_chosen_product(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    name = products[0].name
    scan(qtbot, sale, name[:2])
    pick = sale.dialog
    assert pick is not None and pick.objectName() == "productPickDialog"
    assert child(pick, QListWidget, "productPickList").count() >= 1
    qtbot.keyClick(child(pick, QListWidget, "productPickList"), Qt.Key.Key_Return)
    assert sale.model.rowCount() == 1
    assert sale.cart.lines[0].product.id == pick.products[0].id


def test_quantity_prefix_rings_up_several(sale: Any, qtbot: Any, products: list[Any]) -> None:
    scan(qtbot, sale, f"3*{products[0].barcodes[0]}")
    assert sale.cart.lines[0].qty_milli == 3000


def test_f6_changes_the_quantity_of_the_selected_line(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F6)
    prompt = sale.dialog
    assert prompt is not None and prompt.objectName() == "promptDialog"
    quantity = child(prompt, QLineEdit, "quantityInput")
    quantity.setText("4")
    qtbot.keyClick(quantity, Qt.Key.Key_Return)
    assert sale.dialog is None
    assert sale.cart.lines[0].qty_milli == 4000
    assert child(sale, QLabel, "totalDue").text() == format_yuan(products[0].price_fen * 4)
    assert scan_field(sale).hasFocus() or sale.focusWidget() is scan_field(sale)


def test_f7_line_discount_within_the_limit_needs_no_approval(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F7)
    prompt = sale.dialog
    child(prompt, QLineEdit, "discountInput").setText("5%")
    qtbot.keyClick(child(prompt, QLineEdit, "discountInput"), Qt.Key.Key_Return)
    assert sale.dialog is None
    assert sale.cart.lines[0].discount is not None
    assert child(sale, QLabel, "discountTotal").text() != format_yuan(0)


def test_f8_order_discount_beyond_the_limit_asks_a_manager(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F8)
    prompt = sale.dialog
    child(prompt, QLineEdit, "discountInput").setText("8折")
    qtbot.keyClick(child(prompt, QLineEdit, "discountInput"), Qt.Key.Key_Return)
    approval = sale.dialog
    assert approval is not None and approval.objectName() == "approvalDialog"
    assert sale.cart.order_discount is None
    # a cashier cannot approve
    child(approval, QComboBox, "approverName").setCurrentText("小王")
    child(approval, QLineEdit, "approverPin").setText("1234")
    click(qtbot, child(approval, QPushButton, "approveButton"))
    assert error_text(approval)
    assert sale.cart.order_discount is None
    approve(qtbot, approval)
    assert sale.dialog is None
    assert sale.cart.order_discount is not None
    assert sale.cart.order_discount_approver_id is not None
    expected = products[0].price_fen - products[0].price_fen * 20 // 100
    assert abs(sale.model.totals.total_fen - expected) <= 1


def test_delete_removes_the_selected_line_and_esc_clears_the_scan_field(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    scan(qtbot, sale, products[1].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_Up)
    assert child(sale, QTableView, "cartTable").currentIndex().row() == 0
    press(qtbot, sale, Qt.Key.Key_Delete)
    assert sale.model.rowCount() == 1
    assert sale.cart.lines[0].product.id == products[1].id
    qtbot.keyClicks(scan_field(sale), "12345")
    press(qtbot, sale, Qt.Key.Key_Escape)
    assert scan_field(sale).text() == ""
    assert sale.model.rowCount() == 1


def test_f4_parks_and_f5_resumes_one_of_several_carts(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    for label, product in (("红衣服", products[0]), ("戴帽子", products[1])):
        scan(qtbot, sale, product.barcodes[0])
        press(qtbot, sale, Qt.Key.Key_F4)
        prompt = sale.dialog
        assert prompt.objectName() == "promptDialog"
        child(prompt, QLineEdit, "parkLabel").setText(label)
        qtbot.keyClick(child(prompt, QLineEdit, "parkLabel"), Qt.Key.Key_Return)
        assert sale.model.rowCount() == 0
    assert len(sale.session.service.parked_carts()) == 2
    press(qtbot, sale, Qt.Key.Key_F5)
    listing = sale.dialog
    assert listing is not None and listing.objectName() == "parkedDialog"
    assert child(listing, QTableWidget, "parkedList").rowCount() == 2
    child(listing, QTableWidget, "parkedList").selectRow(1)
    qtbot.keyClick(child(listing, QTableWidget, "parkedList"), Qt.Key.Key_Return)
    assert sale.model.rowCount() == 1
    assert sale.cart.lines[0].product.id == products[1].id
    assert len(sale.session.service.parked_carts()) == 1


def test_f1_lists_the_keys(sale: Any, qtbot: Any) -> None:
    press(qtbot, sale, Qt.Key.Key_F1)
    help_dialog = sale.dialog
    assert help_dialog is not None and help_dialog.objectName() == "helpDialog"
    table = help_dialog.findChild(QTableWidget, "helpTable")
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    keys = [key for key, _ in rows]
    assert {"F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F12"} <= set(keys)
    assert ("F6", "结账时：储值") in rows  # the payment dialog's own keys are listed too
    assert ("F1", "结账时：现金") in rows


def test_price_override_needs_a_manager(sale: Any, qtbot: Any, products: list[Any]) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    action(sale, "priceOverrideAction").trigger()
    prompt = sale.dialog
    child(prompt, QLineEdit, "priceInput").setText("1.00")
    qtbot.keyClick(child(prompt, QLineEdit, "priceInput"), Qt.Key.Key_Return)
    approval = sale.dialog
    assert approval.objectName() == "approvalDialog"
    child(approval, QComboBox, "approverName").setCurrentText("张老板")
    child(approval, QLineEdit, "approverPin").setText("8888")
    qtbot.keyClick(child(approval, QLineEdit, "approverPin"), Qt.Key.Key_Return)
    assert sale.cart.lines[0].unit_price_fen == 100
    assert child(sale, QLabel, "totalDue").text() == format_yuan(100)


def test_logout_returns_to_the_login_window_and_the_same_cashier_keeps_the_shift(
    controller: Any, sale: Any, qtbot: Any
) -> None:
    shift_id = sale.session.shift_id
    action(sale, "logoutAction").trigger()
    assert controller.sale_window is None and controller.login_window is not None
    again = login(controller, qtbot)
    assert again.session.shift_id == shift_id
