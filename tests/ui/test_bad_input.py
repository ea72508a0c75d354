"""Every bad input gets a plain message on screen, and nothing is written or lost."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from PySide6.QtCore import Qt

from app.money import format_yuan
from app.pos.barcodes import ean_check_digit
from tests.ui.conftest import login, scan


def _orders(counter: Any) -> int:
    with sqlite3.connect(counter.config.database_path) as connection:
        return int(connection.execute("SELECT count(*) FROM orders").fetchone()[0])


def test_unknown_barcode_is_said_and_the_cart_is_unchanged(sale: Any, qtbot: Any) -> None:
    body = "690000000001"
    scan(qtbot, sale, body + str(ean_check_digit(body)))
    assert sale.banner.isVisible()
    assert "未找到" in sale.banner.text()
    assert sale.model.rowCount() == 0


def test_bad_check_digit_is_said(sale: Any, qtbot: Any, products: list[Any]) -> None:
    good = products[0].barcodes[0]
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    scan(qtbot, sale, bad)
    assert sale.banner.isVisible() and "校验" in sale.banner.text()
    assert sale.model.rowCount() == 0
    assert sale.scan_input.selectedText() == bad


@pytest.mark.parametrize(
    ("typed", "said"), [("0", "大于零"), ("-2", "无法识别"), ("10000", "数量过大")]
)
def test_bad_quantities_are_refused_in_the_dialog(
    sale: Any, qtbot: Any, products: list[Any], typed: str, said: str
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    qtbot.keyClick(sale.scan_input, Qt.Key.Key_F6)
    prompt = sale.dialog
    prompt.input.setText(typed)
    qtbot.keyClick(prompt.input, Qt.Key.Key_Return)
    assert sale.dialog is prompt and prompt.isVisible()
    assert said in prompt.error_label.text()
    assert sale.cart.lines[0].qty_milli == 1000


def _open_payment(sale: Any, qtbot: Any, products: list[Any]) -> Any:
    scan(qtbot, sale, products[0].barcodes[0])
    qtbot.keyClick(sale.scan_input, Qt.Key.Key_F12)
    return sale.dialog


def test_amount_with_three_decimals_is_refused(sale: Any, qtbot: Any, products: list[Any]) -> None:
    pay = _open_payment(sale, qtbot, products)
    pay.amount.setText("12.345")
    qtbot.mouseClick(pay.cash_button, Qt.MouseButton.LeftButton)
    assert "两位小数" in pay.error_label.text()
    assert pay.tenders == []
    qtbot.mouseClick(pay.confirm_button, Qt.MouseButton.LeftButton)
    assert sale.dialog is pay
    assert _orders(sale.session.counter) == 0


def test_short_tender_is_refused_with_the_service_message(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    due = products[0].price_fen
    pay.amount.setText("0.01")
    assert "还差" in pay.change_label.text()
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    assert f"实收金额不足，还差 {format_yuan(due - 1)}" in pay.error_label.text()
    assert sale.dialog is pay
    assert _orders(sale.session.counter) == 0
    assert sale.model.rowCount() == 1


def test_on_account_without_a_customer_name_is_refused(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    qtbot.mouseClick(pay.account_button, Qt.MouseButton.LeftButton)
    assert "客户姓名" in pay.error_label.text()
    assert pay.tenders == []


@pytest.mark.parametrize("printer_uri", ["tcp://127.0.0.1:1"])
def test_unreachable_printer_leaves_the_sale_done_and_says_so(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    pay = _open_payment(sale, qtbot, products)
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    assert sale.dialog is None
    assert _orders(sale.session.counter) == 1
    assert sale.model.rowCount() == 0
    assert sale.printer_label.text() == "打印机：故障"
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
        qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    finally:
        blocker.rollback()
        blocker.close()
    assert "数据库正被占用，请稍后重试" in pay.error_label.text()
    assert sale.dialog is pay
    assert sale.model.rowCount() == 1
    assert _orders(sale.session.counter) == 0
    qtbot.keyClick(pay.amount, Qt.Key.Key_Return)
    assert sale.dialog is None
    assert _orders(sale.session.counter) == 1


def test_wrong_pin_is_said_in_the_login_window(controller: Any, qtbot: Any) -> None:
    window = controller.login_window
    window.user.setCurrentText("小王")
    qtbot.keyClicks(window.pin, "9999")
    qtbot.keyClick(window.pin, Qt.Key.Key_Return)
    assert "密码错误" in window.error.text()
    assert controller.sale_window is None
    assert window.pin.text() == ""


def test_pin_field_takes_digits_only(controller: Any, qtbot: Any) -> None:
    window = controller.login_window
    qtbot.keyClicks(window.pin, "12ab34")
    assert window.pin.text() == "1234"


def test_bad_opening_float_is_refused(controller: Any, qtbot: Any) -> None:
    window = controller.login_window
    window.user.setCurrentText("小王")
    qtbot.keyClicks(window.pin, "1234")
    qtbot.keyClick(window.pin, Qt.Key.Key_Return)
    dialog = window.dialog
    dialog.input.setText("1.234")
    qtbot.keyClick(dialog.input, Qt.Key.Key_Return)
    assert "两位小数" in dialog.error_label.text()
    assert controller.counter.service.current_shift() is None


def test_another_cashiers_open_shift_must_be_closed_first(controller: Any, qtbot: Any) -> None:
    first = login(controller, qtbot, "小王", "1234", "100")
    first.actions_by_name["logoutAction"].trigger()
    window = controller.login_window
    window.user.setCurrentText("李店长")
    qtbot.keyClicks(window.pin, "2468")
    qtbot.keyClick(window.pin, Qt.Key.Key_Return)
    busy = window.dialog
    assert busy is not None and busy.objectName() == "shiftBusyDialog"
    assert "小王" in busy.findChild(type(window.error), "shiftBusyText").text()
    qtbot.mouseClick(
        busy.findChild(type(window.button), "shiftBusyClose"), Qt.MouseButton.LeftButton
    )
    closing = window.dialog
    assert closing.objectName() == "shiftCloseDialog"
    closing.inputs[next(iter(closing.inputs))].setText("100")
    qtbot.mouseClick(closing.confirm_button, Qt.MouseButton.LeftButton)
    report = window.dialog
    assert report.objectName() == "shiftReportDialog"
    report.accept()
    opening = window.dialog
    assert opening.objectName() == "shiftOpenDialog"
    opening.input.setText("50")
    qtbot.keyClick(opening.input, Qt.Key.Key_Return)
    assert controller.sale_window is not None
    assert controller.sale_window.session.shift.cashier_name == "李店长"
