"""Every bad input gets a plain message on screen, and nothing is written or lost."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from app.money import format_yuan
from app.pos.barcodes import ean_check_digit
from tests.ui.driving import (
    action,
    banner,
    child,
    click,
    error_text,
    login,
    press,
    scan,
    scan_field,
)


def _orders(counter: Any) -> int:
    with sqlite3.connect(counter.config.database_path) as connection:
        return int(connection.execute("SELECT count(*) FROM orders").fetchone()[0])


def test_unknown_barcode_is_said_and_the_cart_is_unchanged(sale: Any, qtbot: Any) -> None:
    body = "690000000001"
    scan(qtbot, sale, body + str(ean_check_digit(body)))
    assert banner(sale).isVisible()
    assert "未找到" in banner(sale).text()
    assert sale.model.rowCount() == 0


def test_bad_check_digit_is_said(sale: Any, qtbot: Any, products: list[Any]) -> None:
    good = products[0].barcodes[0]
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    scan(qtbot, sale, bad)
    assert banner(sale).isVisible() and "校验" in banner(sale).text()
    assert sale.model.rowCount() == 0
    assert scan_field(sale).selectedText() == bad


@pytest.mark.parametrize(
    ("typed", "said"), [("0", "大于零"), ("-2", "无法识别"), ("10000", "数量过大")]
)
def test_bad_quantities_are_refused_in_the_dialog(
    sale: Any, qtbot: Any, products: list[Any], typed: str, said: str
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F6)
    prompt = sale.dialog
    child(prompt, QLineEdit, "quantityInput").setText(typed)
    qtbot.keyClick(child(prompt, QLineEdit, "quantityInput"), Qt.Key.Key_Return)
    assert sale.dialog is prompt and prompt.isVisible()
    assert said in error_text(prompt)
    assert sale.cart.lines[0].qty_milli == 1000


def _open_payment(sale: Any, qtbot: Any, products: list[Any]) -> Any:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    return sale.dialog


def test_amount_with_three_decimals_is_refused(sale: Any, qtbot: Any, products: list[Any]) -> None:
    pay = _open_payment(sale, qtbot, products)
    child(pay, QLineEdit, "tenderAmount").setText("12.345")
    click(qtbot, child(pay, QPushButton, "tenderCash"))
    assert "两位小数" in error_text(pay)
    assert pay.tenders == []
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is pay
    assert _orders(sale.session.counter) == 0


def test_short_tender_is_refused_with_the_service_message(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    due = products[0].price_fen
    child(pay, QLineEdit, "tenderAmount").setText("0.01")
    assert "还差" in child(pay, QLabel, "changeDue").text()
    qtbot.keyClick(child(pay, QLineEdit, "tenderAmount"), Qt.Key.Key_Return)
    assert f"实收金额不足，还差 {format_yuan(due - 1)}" in error_text(pay)
    assert sale.dialog is pay
    assert _orders(sale.session.counter) == 0
    assert sale.model.rowCount() == 1


def test_on_account_without_a_customer_name_is_refused(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    click(qtbot, child(pay, QPushButton, "tenderOnAccount"))
    assert "客户姓名" in error_text(pay)
    assert pay.tenders == []


@pytest.mark.parametrize("printer_uri", ["tcp://127.0.0.1:1"])
def test_unreachable_printer_leaves_the_sale_done_and_says_so(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    qtbot.keyClick(child(pay, QLineEdit, "tenderAmount"), Qt.Key.Key_Return)
    assert sale.dialog is None
    assert _orders(sale.session.counter) == 1
    assert sale.model.rowCount() == 0
    assert child(sale, QLabel, "printerStatus").text() == "打印机：故障"
    assert "打印失败" in sale.statusBar().currentMessage()
    assert "F10" in sale.statusBar().currentMessage()


@pytest.mark.slow
def test_locked_database_is_said_and_the_cart_is_kept(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    blocker = sqlite3.connect(sale.session.counter.config.database_path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(child(pay, QLineEdit, "tenderAmount"), Qt.Key.Key_Return)
    finally:
        blocker.rollback()
        blocker.close()
    assert "数据库正被占用，请稍后重试" in error_text(pay)
    assert sale.dialog is pay
    assert sale.model.rowCount() == 1
    assert _orders(sale.session.counter) == 0
    qtbot.keyClick(child(pay, QLineEdit, "tenderAmount"), Qt.Key.Key_Return)
    assert sale.dialog is None
    assert _orders(sale.session.counter) == 1


def test_wrong_pin_is_said_in_the_login_window(controller: Any, qtbot: Any) -> None:
    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText("小王")
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "9999")
    qtbot.keyClick(child(window, QLineEdit, "loginPin"), Qt.Key.Key_Return)
    assert "密码错误" in child(window, QLabel, "loginError").text()
    assert controller.sale_window is None
    assert child(window, QLineEdit, "loginPin").text() == ""


def test_pin_field_takes_digits_only(controller: Any, qtbot: Any) -> None:
    window = controller.login_window
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "12ab34")
    assert child(window, QLineEdit, "loginPin").text() == "1234"


def test_bad_opening_float_is_refused(controller: Any, qtbot: Any) -> None:
    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText("小王")
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "1234")
    qtbot.keyClick(child(window, QLineEdit, "loginPin"), Qt.Key.Key_Return)
    dialog = window.dialog
    child(dialog, QLineEdit, "shiftFloat").setText("1.234")
    qtbot.keyClick(child(dialog, QLineEdit, "shiftFloat"), Qt.Key.Key_Return)
    assert "两位小数" in error_text(dialog)
    assert controller.counter.service.current_shift() is None


def test_another_cashiers_open_shift_must_be_closed_first(controller: Any, qtbot: Any) -> None:
    first = login(controller, qtbot, "小王", "1234", "100")
    action(first, "logoutAction").trigger()
    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText("李店长")
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), "2468")
    qtbot.keyClick(child(window, QLineEdit, "loginPin"), Qt.Key.Key_Return)
    busy = window.dialog
    assert busy is not None and busy.objectName() == "shiftBusyDialog"
    assert "小王" in child(busy, QLabel, "shiftBusyText").text()
    click(qtbot, child(busy, QPushButton, "shiftBusyClose"))
    closing = window.dialog
    assert closing.objectName() == "shiftCloseDialog"
    child(closing, QLineEdit, f"counted_{closing.methods[0].method.value}").setText("100")
    click(qtbot, child(closing, QPushButton, "confirmShiftClose"))
    report = window.dialog
    assert report.objectName() == "shiftReportDialog"
    report.accept()
    opening = window.dialog
    assert opening.objectName() == "shiftOpenDialog"
    child(opening, QLineEdit, "shiftFloat").setText("50")
    qtbot.keyClick(child(opening, QLineEdit, "shiftFloat"), Qt.Key.Key_Return)
    assert controller.sale_window is not None
    assert controller.sale_window.session.shift.cashier_name == "李店长"
