"""The counter by keyboard alone, as a cashier works it: every key goes to whichever widget has
the keyboard (nothing is clicked), each tender of the payment dialog has a key of its own, and the
scan field gets the keyboard back by itself once a dialog closes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from app.members.ledger import EntryKind
from app.money import format_fen, format_yuan
from app.pos.tenders import TenderMethod
from app.storage.member_models import StoredValueEntryRow
from app.storage.models import OrderRow
from tests.ui.driving import (
    FAST_MS,
    GOLD_CARD,
    child,
    error_text,
    member_row,
    pay_cash,
    press,
    printed_text,
    scan,
    scan_field,
    type_timed,
)
from tests.ui.test_members_counter import PASSWORD, prepare_gold


class Keyboard:
    """The counter's keyboard: each action lands on the widget that has the keyboard now, and is
    counted (a scanner's or card reader's burst is one action, as is one typed amount)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.actions: list[str] = []

    def focused(self) -> QWidget:
        QApplication.processEvents()  # window activation arrives as an event
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has the keyboard after {self.actions}"
        return widget

    def burst(self, what: str, text: str) -> None:
        """A barcode scanner or a keyboard-wedge card reader: keys a few ms apart, then Enter."""
        type_timed(self.focused(), text, gap_ms=FAST_MS, start_ms=30_000 + 1000 * len(self.actions))
        self.actions.append(what)

    def scan(self, barcode: str) -> None:
        self.burst(f"scan {barcode}", barcode)

    def swipe(self, card_no: str) -> None:
        self.burst(f"swipe {card_no}", f";{card_no}={card_no[-4:]}?")

    def key(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(self.focused(), key)
        self.actions.append(key.name)

    def type_amount(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)
        self.actions.append(f"type {text}")

    def type_secret(self, text: str) -> None:
        """The member's password: typed by the member, not counted as the cashier's."""
        self.qtbot.keyClicks(self.focused(), text)


def _last_order(counter: Any) -> tuple[OrderRow, list[tuple[str, int]]]:
    """The newest order and how it was paid: (method, amount) per tender."""
    with counter.db.reading() as session:
        order = session.scalar(select(OrderRow).order_by(OrderRow.created_at.desc()).limit(1))
        assert order is not None
        paid_by = [(p.method, p.amount_fen) for p in order.payments]
        session.expunge(order)
    return order, paid_by


def test_a_member_pays_by_stored_value_in_six_keys_plus_the_password(
    sale: Any, qtbot: Any, counter: Any, products: list[Any], printer_file: Any
) -> None:
    before = prepare_gold(counter, sale)  # 金卡 with a password and ¥600 on the card
    printer_file.write_bytes(b"")
    first, second = products[0], products[1]
    keyboard = Keyboard(qtbot)

    keyboard.swipe(GOLD_CARD)
    keyboard.scan(first.barcodes[0])
    keyboard.scan(second.barcodes[0])
    assert sale.cart.member is not None and len(sale.cart.lines) == 2
    total = sale.model.totals.total_fen
    keyboard.key(Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None and pay.objectName() == "paymentDialog"
    stored_value = child(pay, QPushButton, "tenderStoredValue")
    assert stored_value.text() == "储值 (F6)"
    keyboard.key(Qt.Key.Key_F6)  # stored value for all that is due; the password is asked next
    assert pay.tenders and pay.tenders[0].method is TenderMethod.STORED_VALUE, error_text(pay)
    assert keyboard.focused() is child(pay, QLineEdit, "memberPassword")
    keyboard.type_secret(PASSWORD)
    keyboard.key(Qt.Key.Key_Return)

    assert sale.dialog is None, error_text(pay)
    assert len(keyboard.actions) <= 8, keyboard.actions
    assert keyboard.actions == [
        f"swipe {GOLD_CARD}",
        f"scan {first.barcodes[0]}",
        f"scan {second.barcodes[0]}",
        "Key_F12",
        "Key_F6",
        "Key_Return",
    ]
    order, paid_by = _last_order(counter)
    assert order.member_id == before.id and order.total_fen == total
    assert paid_by == [(TenderMethod.STORED_VALUE.value, total)]
    with counter.db.reading() as session:
        spend = session.scalars(
            select(StoredValueEntryRow).where(StoredValueEntryRow.order_id == order.id)
        ).all()
    assert [(e.kind, e.principal_delta + e.bonus_delta) for e in spend] == [
        (EntryKind.SPEND.value, -total)
    ]
    after = member_row(counter, GOLD_CARD)
    assert after.principal_fen + after.bonus_fen == before.principal_fen + before.bonus_fen - total

    receipt = printed_text(printer_file)
    assert order.receipt_no in receipt
    assert first.name in receipt and second.name in receipt
    assert "储值" in receipt and format_fen(total) in receipt
    assert "储值凭条" in receipt
    assert format_fen(after.principal_fen + after.bonus_fen) in receipt  # the balance after
    assert GOLD_CARD not in receipt
    # and the next customer's scan lands in the scan field, without a click
    assert keyboard.focused() is scan_field(sale)


def test_a_walk_in_cash_sale_still_takes_five_keys(
    sale: Any, qtbot: Any, counter: Any, products: list[Any], printer_file: Any
) -> None:
    cheap = [p for p in products if p.price_fen <= 4000]
    first, second = cheap[0], cheap[1]
    keyboard = Keyboard(qtbot)

    keyboard.scan(first.barcodes[0])
    keyboard.scan(second.barcodes[0])
    total = sale.model.totals.total_fen
    keyboard.key(Qt.Key.Key_F12)
    assert keyboard.focused() is child(sale.dialog, QLineEdit, "tenderAmount")
    keyboard.type_amount("100")  # over the prefilled amount due, which is selected
    keyboard.key(Qt.Key.Key_Return)

    assert sale.dialog is None
    assert len(keyboard.actions) == 5, keyboard.actions
    order, paid_by = _last_order(counter)
    assert order.member_id is None and order.total_fen == total
    assert order.change_fen == 100_00 - total
    assert paid_by == [(TenderMethod.CASH.value, total)]
    receipt = printed_text(printer_file)
    assert order.receipt_no in receipt and format_fen(100_00 - total) in receipt


def test_each_tender_has_its_key_on_its_button_and_the_key_pays_that_way(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    scan(qtbot, sale, products[1].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None
    buttons = {
        "tenderCash": ("现金 (F1)", Qt.Key.Key_F1, TenderMethod.CASH),
        "tenderBankCard": ("银行卡 (F2)", Qt.Key.Key_F2, TenderMethod.BANK_CARD),
        "tenderWechat": ("微信支付 (F3)", Qt.Key.Key_F3, TenderMethod.WECHAT),
        "tenderAlipay": ("支付宝 (F4)", Qt.Key.Key_F4, TenderMethod.ALIPAY),
    }
    amount = child(pay, QLineEdit, "tenderAmount")
    for name, (text, key, method) in buttons.items():
        assert child(pay, QPushButton, name).text() == text
        amount.setText("0.01")
        qtbot.keyClick(amount, key)  # the key works while the amount field has the keyboard
        assert pay.tenders[-1].method is method and pay.tenders[-1].amount_fen == 1, name
    assert child(pay, QListWidget, "tenderList").count() == 4
    external = child(pay, QComboBox, "tenderExternal")
    amount.setText("0.01")
    qtbot.keyClick(external, Qt.Key.Key_F4)  # Alipay, not the combo box's list
    assert pay.tenders[-1].method is TenderMethod.ALIPAY and len(pay.tenders) == 5
    assert not external.view().isVisible()
    assert child(pay, QPushButton, "tenderOnAccount").text() == "挂账 (F5)"
    child(pay, QLineEdit, "tenderCustomer").setText("王阿姨")
    qtbot.keyClick(amount, Qt.Key.Key_Backspace)  # an empty field means what is still due
    assert amount.text() == ""
    qtbot.keyClick(amount, Qt.Key.Key_F5)
    assert [t.method for t in pay.tenders][-1] is TenderMethod.ON_ACCOUNT
    assert sum(t.amount_fen for t in pay.tenders) == sale.model.totals.total_fen


def test_stored_value_keys_without_a_member_say_how_and_add_nothing(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    amount = child(pay, QLineEdit, "tenderAmount")
    for key in (Qt.Key.Key_F6, Qt.Key.Key_F7):
        qtbot.keyClick(amount, key)
        assert error_text(pay) == "储值和积分付款须先识别会员（F2）"
        assert pay.tenders == []
    assert sale.dialog is pay  # still open, nothing paid


def test_after_paying_the_scan_field_has_the_keyboard_and_the_next_scan_is_not_lost(
    sale: Any, qtbot: Any, products: list[Any]
) -> None:
    scan(qtbot, sale, products[0].barcodes[0])
    pay_cash(qtbot, sale, 100_00)  # confirmed with a click: the dialog closes under the cashier
    QApplication.processEvents()
    assert QApplication.focusWidget() is scan_field(sale)

    keyboard = Keyboard(qtbot)
    keyboard.scan(products[1].barcodes[0])
    assert [line.barcode for line in sale.cart.lines] == [products[1].barcodes[0]]
    assert child(sale, QLabel, "totalDue").text() == format_yuan(sale.model.totals.total_fen)


def test_part_stored_value_part_cash_by_keys_asks_the_password_once_all_is_paid(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    before = prepare_gold(counter, sale)
    keyboard = Keyboard(qtbot)
    keyboard.swipe(GOLD_CARD)
    keyboard.scan(products[0].barcodes[0])
    keyboard.scan(products[1].barcodes[0])
    total = sale.model.totals.total_fen
    keyboard.key(Qt.Key.Key_F12)
    pay = sale.dialog
    keyboard.type_amount("1")
    keyboard.key(Qt.Key.Key_F6)  # ¥1 from the card; the rest is still due, in the amount field
    amount = child(pay, QLineEdit, "tenderAmount")
    assert keyboard.focused() is amount and amount.text() == format_fen(total - 100)
    keyboard.key(Qt.Key.Key_F1)  # the rest in cash: now the password
    assert keyboard.focused() is child(pay, QLineEdit, "memberPassword"), error_text(pay)
    keyboard.type_secret(PASSWORD)
    keyboard.key(Qt.Key.Key_Return)

    assert sale.dialog is None, error_text(pay)
    order, paid_by = _last_order(counter)
    assert order.member_id == before.id
    assert paid_by == [
        (TenderMethod.STORED_VALUE.value, 100),
        (TenderMethod.CASH.value, total - 100),
    ]
    after = member_row(counter, GOLD_CARD)
    assert after.principal_fen + after.bonus_fen == before.principal_fen + before.bonus_fen - 100
