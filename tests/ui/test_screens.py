"""Language, layout at the smallest supported screen, refunds, voids and the shift close."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTreeWidget,
)

from app.money import format_yuan
from app.ui import i18n
from tests.devices.escpos_decoder import decode
from tests.ui.driving import (
    action,
    approval_in,
    approve,
    banner,
    child,
    click,
    error_text,
    login,
    press,
    printed_text,
    scan,
)


def _clipped(window: Any) -> list[str]:
    """Visible labels and buttons whose text needs more room than they were given."""
    QApplication.processEvents()
    clipped = []
    for widget in window.findChildren(QLabel) + window.findChildren(QPushButton):
        if not widget.isVisible() or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if widget.sizeHint().width() > widget.width() + 1:
            clipped.append(f"{widget.objectName() or widget.text()}: {widget.text()}")
    return clipped


def test_sale_screen_at_1024x768_clips_no_label(sale: Any, qtbot: Any, products: list[Any]) -> None:
    for product in products[:5]:
        scan(qtbot, sale, product.barcodes[0])
    sale.show_message("条码校验位错误：6900000000000")
    sale.resize(1024, 768)
    assert _clipped(sale) == []


def test_a_member_attached_at_1024x768_keeps_the_window_on_screen_and_the_pay_button_visible(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    for product in products[:3]:
        scan(qtbot, sale, product.barcodes[0])
    sale.cardSwiped.emit("88000001")
    sale.resize(1024, 768)
    QApplication.processEvents()
    assert child(sale, QLabel, "memberName").text().startswith(sale.cart.member.name)
    assert sale.minimumSizeHint().height() <= 768
    assert sale.height() <= 768
    pay_button = child(sale, QPushButton, "payButton")
    assert pay_button.isVisible()
    assert pay_button.geometry().bottom() <= sale.centralWidget().height()
    assert _clipped(sale) == []


def test_language_switch_shows_english_and_keeps_the_cart(
    controller: Any, sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    action(sale, "languageEnglish").trigger()
    english = controller.sale_window
    assert english is not sale
    assert child(english, QPushButton, "payButton").text() == "Pay F12"
    assert english.model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert child(english, QLabel, "printerStatus").text() == "Printer: ready"
    assert english.model.rowCount() == 1
    english.resize(1024, 768)
    assert _clipped(english) == []
    assert english.findChild(QMenu, "membersMenu").title() == "&Members"
    action(english, "membersScreenAction").trigger()
    members = english.dialog
    members.findChild(QLineEdit, "membersSearch").setText("88000005")
    qtbot.keyClick(members.findChild(QLineEdit, "membersSearch"), Qt.Key.Key_Return)
    assert members.list.item(0, 4).text() == "Active"  # the status column, not 正常
    members.reject()
    action(english, "languageChinese").trigger()
    assert child(controller.sale_window, QPushButton, "payButton").text() == "结账 F12"


#: Run in a child: fontconfig is read once, when Qt starts. It prints the family drawing 合计.
_FONT_PROBE = """
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from app.ui.application import apply_look
app = QApplication([])
apply_look(app)
print(QFontInfo(app.font()).family())
"""


def test_the_window_draws_chinese_with_the_shipped_font_on_a_computer_without_one(
    tmp_path: Path,
) -> None:
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text(
        f"<?xml version='1.0'?><fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(no_fonts), "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run(
        [sys.executable, "-c", _FONT_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert probe.stdout.strip() == "WenQuanYi Micro Hei"


def test_language_choice_is_remembered_for_the_next_start(
    controller: Any, sale: Any, monkeypatch: Any
) -> None:
    action(sale, "languageEnglish").trigger()
    data_dir = controller.counter.config.data_dir
    assert i18n.chosen_language("zh_CN", data_dir) == i18n.ENGLISH
    monkeypatch.setenv("POS_LANGUAGE", "zh_CN")
    assert i18n.chosen_language("en", data_dir) == i18n.CHINESE


def _sell(sale: Any, qtbot: Any, products: list[Any]) -> Any:
    for product in products[:2]:
        scan(qtbot, sale, product.barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    qtbot.keyClick(child(sale.dialog, QLineEdit, "tenderAmount"), Qt.Key.Key_Return)
    order = sale.session.service.last_order()
    assert order is not None
    return order


def test_f9_refunds_one_line_with_approval_and_prints_a_slip(
    sale: Any, qtbot: Any, products: list[Any], printer_file: Any
) -> None:
    order = _sell(sale, qtbot, products)
    press(qtbot, sale, Qt.Key.Key_F9)
    refund = sale.dialog
    assert refund.objectName() == "refundDialog"
    receipt = child(refund, QLineEdit, "refundReceipt")
    qtbot.keyClicks(receipt, order.receipt_no)
    qtbot.keyClick(receipt, Qt.Key.Key_Return)
    lines = child(refund, QTableWidget, "refundLines")
    assert lines.rowCount() == 2
    lines.item(1, 3).setText("0")
    child(refund, QLineEdit, "refundReason").setText("质量问题")
    click(qtbot, child(refund, QPushButton, "refundConfirm"))
    approve(qtbot, approval_in(refund))
    assert sale.dialog is None
    assert format_yuan(order.lines[0].net_fen) in banner(sale).text()
    after = sale.session.service.find_order(order.receipt_no)
    assert after.lines[0].refundable_qty_milli == 0
    assert after.lines[1].refundable_qty_milli == after.lines[1].qty_milli
    text = printed_text(printer_file)
    assert order.receipt_no in text


def test_refund_of_more_than_was_sold_is_refused(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    order = _sell(sale, qtbot, products)
    sale.refund(order.receipt_no)
    refund = sale.dialog
    child(refund, QTableWidget, "refundLines").item(0, 3).setText("5")
    click(qtbot, child(refund, QPushButton, "refundConfirm"))
    assert "最多可退" in error_text(refund)
    assert refund.findChild(QDialog, "approvalDialog") is None


def test_unknown_receipt_is_said(sale: Any, qtbot: Any) -> None:
    press(qtbot, sale, Qt.Key.Key_F9)
    refund = sale.dialog
    qtbot.keyClicks(child(refund, QLineEdit, "refundReceipt"), "S001-01-20000101-9999")
    qtbot.keyClick(child(refund, QLineEdit, "refundReceipt"), Qt.Key.Key_Return)
    assert "未找到小票" in error_text(refund)


def test_void_of_todays_receipt_with_approval(sale: Any, qtbot: Any, products: list[Any]) -> None:
    order = _sell(sale, qtbot, products)
    action(sale, "voidAction").trigger()
    refund = sale.dialog
    assert child(refund, QLineEdit, "refundReceipt").text() == order.receipt_no
    click(qtbot, child(refund, QPushButton, "voidButton"))
    approve(qtbot, approval_in(refund))
    assert sale.dialog is None
    assert "已作废" in banner(sale).text()
    assert sale.session.service.find_order(order.receipt_no).state.value == "voided"


def test_shift_close_shows_variance_live_then_logs_out(
    controller: Any, sale: Any, qtbot: Any, products: list[Any]
) -> None:
    _sell(sale, qtbot, products)
    action(sale, "xReportAction").trigger()
    assert sale.dialog.objectName() == "shiftReportDialog"
    sale.dialog.accept()
    action(sale, "shiftCloseAction").trigger()
    closing = sale.dialog
    assert closing.objectName() == "shiftCloseDialog"
    cash = child(closing, QLineEdit, "counted_cash")
    click(qtbot, child(closing, QPushButton, "confirmShiftClose"))
    assert "现金" in error_text(closing)
    expected = next(m.expected_fen for m in closing.methods if m.method.value == "cash")
    cash.setText(f"{(expected - 150) / 100:.2f}")
    first = closing.methods[0].method.value  # the first row, as the cashier sees it
    assert child(closing, QLabel, f"variance_{first}").text() == format_yuan(-150)
    click(qtbot, child(closing, QPushButton, "confirmShiftClose"))
    report = sale.dialog
    assert report.objectName() == "shiftReportDialog"
    assert sale.session.service.current_shift() is None
    report.accept()
    assert controller.sale_window is None
    assert controller.login_window is not None


def test_receivable_is_settled_from_its_dialog(sale: Any, qtbot: Any, products: list[Any]) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    child(pay, QLineEdit, "tenderCustomer").setText("陈阿姨")
    click(qtbot, child(pay, QPushButton, "tenderOnAccount"))
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is None
    action(sale, "receivablesAction").trigger()
    dialog = sale.dialog
    assert child(dialog, QTreeWidget, "receivableList").topLevelItemCount() == 1
    child(dialog, QLineEdit, "receivableAmount").setText("1.00")
    dialog.settle()
    assert "陈阿姨" in child(dialog, QLabel, "receivableDone").text()
    left = sale.session.service.open_receivables("陈阿姨")[0]
    assert left.open_fen == products[0].price_fen - 100


def test_a_second_login_after_logout_is_shown_by_the_login_window(
    controller: Any, sale: Any, qtbot: Any
) -> None:
    action(sale, "logoutAction").trigger()
    again = login(controller, qtbot, "小王", "1234")
    assert child(again, QLabel, "cashierName").text().startswith("收银员：小王")


def test_open_drawer_needs_a_manager_kicks_the_drawer_and_is_audited(
    sale: Any, qtbot: Any, printer_file: Any
) -> None:
    action(sale, "openDrawerAction").trigger()
    approve(qtbot, sale.dialog)
    commands = decode(printer_file.read_bytes()).commands
    assert any(command[0] == "drawer" for command in commands), commands
    database = sale.session.counter.config.database_path
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "select actor_id, approver_id from audit_log"
            " where action = 'drawer.opened_without_sale'"
        ).fetchone()
    assert row is not None and row[0] != row[1]


def test_x_report_is_shown_and_printed(
    sale: Any, qtbot: Any, products: list[Any], printer_file: Any
) -> None:
    order = _sell(sale, qtbot, products)
    printer_file.write_bytes(b"")
    action(sale, "xReportAction").trigger()
    assert sale.dialog.objectName() == "shiftReportDialog"
    text = printed_text(printer_file)
    assert "X" in text
    assert format_yuan(order.total_fen).replace("￥", "") in text


def test_closing_the_window_with_goods_in_the_cart_is_refused(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    assert not sale.close()
    assert sale.isVisible()
    assert "购物车中还有商品" in banner(sale).text()
    assert len(sale.cart.lines) == 1


def test_a_scan_while_the_pick_list_is_open_picks_nothing(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    import time

    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    scan(qtbot, sale, "可乐")  # a name: the pick list opens
    pick = sale.dialog
    assert pick is not None and pick.objectName() == "productPickDialog"
    for char in products[0].barcodes[0]:  # a scanner: a fast burst ending in Enter
        QApplication.sendEvent(
            child(pick, QListWidget, "productPickList"),
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, Qt.KeyboardModifier.NoModifier, char),
        )
        time.sleep(0.002)
    QApplication.sendEvent(
        child(pick, QListWidget, "productPickList"),
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    )
    assert sale.cart.is_empty
    assert sale.dialog is pick
    assert "再扫码" in error_text(pick)


def test_f10_with_nothing_to_reprint_leaves_the_printer_status_alone(sale: Any, qtbot: Any) -> None:
    before = child(sale, QLabel, "printerStatus").text()
    press(qtbot, sale, Qt.Key.Key_F10)
    assert child(sale, QLabel, "printerStatus").text() == before
    assert "还没有可重印的小票" in banner(sale).text()


def test_the_english_member_profile_shows_the_whole_birthday(sale: Any, qtbot: Any) -> None:
    """The English leap-month options are long: the birthday field once shrank to "·12"."""
    action(sale, "languageEnglish").trigger()
    english = [w for w in QApplication.topLevelWidgets() if w.objectName() == "saleWindow"][-1]
    action(english, "membersScreenAction").trigger()
    members = english.dialog
    members.resize(1200, 720)
    search = members.findChild(QLineEdit, "membersSearch")
    search.setText("88000005")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    members.show()
    QApplication.processEvents()
    birthday = members.findChild(QLineEdit, "memberBirthday")
    assert birthday.text() == "2000-04-12"
    needed = birthday.fontMetrics().horizontalAdvance(birthday.text())
    assert birthday.width() > needed
    profile = birthday.parentWidget()
    while not isinstance(profile, QScrollArea):
        profile = profile.parentWidget()
    assert profile.horizontalScrollBar().maximum() == 0, "the profile fits its width in English"
