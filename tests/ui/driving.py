"""How the UI tests drive the real windows, in one place: widgets found by their objectName (as a
screen reader would), login, scans and swipes as key events, paying, a manager's approval, the
members screen, and what the counter wrote to the database and printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, select

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.storage.member_models import MemberRow, PointsEntryRow, StoredValueEntryRow
from app.storage.models import OrderRow, PrintJobRow
from tests.devices.escpos_decoder import decode

CASHIER, CASHIER_PIN = "小王", "1234"
MANAGER, MANAGER_PIN = "李店长", "2468"
OWNER, OWNER_PIN = "张老板", "8888"
GOLD_CARD = "88000010"  # demo member 10: 金卡 (88 折, 2 points a yuan, password needed)
SILVER_CARD = "88000005"  # demo member 5: 银卡 (95 折, no password)
#: A keyboard-wedge reader sends its keys this many ms apart; a person types far slower.
FAST_MS = 4

Found = TypeVar("Found", bound=QObject)


# -- finding widgets ------------------------------------------------------------------------------


def child(parent: QObject, kind: type[Found], name: str) -> Found:
    """The ``kind`` below ``parent`` whose objectName is ``name``; a missing one fails here."""
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} {name!r} in {parent.objectName()!r}"
    return found


def top_level(kind: type[Found], name: str) -> Found:
    """A window of its own (the customer screen), by objectName."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.objectName() == name:
            return widget
    raise AssertionError(f"no top-level {kind.__name__} {name!r}")


def action(window: QWidget, name: str) -> QAction:
    """A menu action of the sale window, by objectName (``membersScreenAction``)."""
    return child(window, QAction, name)


def scan_field(sale: QWidget) -> QLineEdit:
    return child(sale, QLineEdit, "scanInput")


def banner(sale: QWidget) -> QLabel:
    return child(sale, QLabel, "messageBanner")


def error_text(dialog: QWidget) -> str:
    """What a dialog says went wrong (every CounterDialog has one error label)."""
    return child(dialog, QLabel, "dialogError").text()


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose_data(box: QComboBox, data: object) -> None:
    """Pick the item of ``box`` that carries ``data`` (a tender method, a width, an encoding)."""
    index = box.findData(data)
    assert index >= 0, f"{box.objectName()!r} offers no {data!r}"
    box.setCurrentIndex(index)


def fill_form(qtbot: Any, form: QWidget, values: dict[str, str | bool | object]) -> None:
    """Type into a form's fields by objectName: text into a line (replacing what was there), a
    bool ticks a check box, anything else picks the drop-down item carrying it (or its text)."""
    for name, value in values.items():
        field = child(form, QWidget, name)
        if isinstance(field, QLineEdit):
            field.clear()
            if str(value).isascii():
                qtbot.keyClicks(field, str(value))
            else:  # QTest types only Latin keys; Chinese arrives committed by the input method
                field.insert(str(value))
        elif isinstance(field, QCheckBox):
            field.setChecked(bool(value))
        elif isinstance(field, QComboBox):
            index = field.findData(value)
            if index < 0 and isinstance(value, str):
                index = field.findText(value)
            assert index >= 0, f"{name!r} offers no {value!r}"
            field.setCurrentIndex(index)
        else:
            raise AssertionError(f"{name!r} is a {type(field).__name__}, not a form field")


def save_form(qtbot: Any, form: QWidget) -> None:
    click(qtbot, child(form, QPushButton, f"{form.objectName()}Save"))


def field_error(form: QWidget, name: str) -> str:
    """The sentence shown under field ``name`` ('' when it has none)."""
    label = child(form, QLabel, f"{name}Error")
    return label.text() if label.isVisibleTo(form) else ""


# -- the keyboard, scanners and card readers ------------------------------------------------------


def press(qtbot: Any, sale: QWidget, key: Qt.Key) -> None:
    """A key at the scan field, where the cashier's keys land."""
    qtbot.keyClick(scan_field(sale), key)


def scan(qtbot: Any, sale: QWidget, code: str) -> None:
    field = scan_field(sale)
    field.clear()
    if code.isascii():
        qtbot.keyClicks(field, code)
    else:  # QTest cannot type Chinese; an input method would commit it whole like this
        field.setText(code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def type_timed(field: QWidget, text: str, *, gap_ms: int, start_ms: int = 10_000) -> int:
    """Key events with timestamps ``gap_ms`` apart, then Enter as fast; returns the Enter time."""
    at = start_ms
    for char in text:
        event = QKeyEvent(
            QEvent.Type.KeyPress,
            ord(char.upper()) if char.isascii() else 0,
            Qt.KeyboardModifier.NoModifier,
            char,
        )
        event.setTimestamp(at)
        QApplication.sendEvent(field, event)
        at += gap_ms
    enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
    enter.setTimestamp(at)
    QApplication.sendEvent(field, enter)
    return at


def swipe(field: QWidget, card_no: str, *, gap_ms: int = FAST_MS) -> None:
    """A keyboard-wedge card reader: track 2 keys a few ms apart, then Enter."""
    type_timed(field, f";{card_no}={card_no[-4:]}?", gap_ms=gap_ms, start_ms=20_000)


# -- login, approval, paying ----------------------------------------------------------------------


def login(
    controller: Any,
    qtbot: Any,
    name: str = CASHIER,
    pin: str = CASHIER_PIN,
    opening_float: str = "100",
) -> Any:
    """Log in through the real login window and open the shift; returns the sale window."""
    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText(name)
    pin_field = child(window, QLineEdit, "loginPin")
    pin_field.clear()
    qtbot.keyClicks(pin_field, pin)
    click(qtbot, child(window, QPushButton, "loginButton"))
    dialog = window.dialog
    if dialog is not None and dialog.objectName() == "shiftOpenDialog":
        child(dialog, QLineEdit, "shiftFloat").setText(opening_float)
        click(qtbot, child(dialog, QPushButton, "promptOk"))
    sale = controller.sale_window
    assert sale is not None, child(window, QLabel, "loginError").text()
    sale.showNormal()
    sale.resize(1024, 768)
    return sale


def open_dialog(parent: QWidget, name: str) -> QDialog:
    """The one dialog named ``name`` open on top of ``parent`` (closed ones linger as children
    until Qt deletes them)."""
    shown = [dialog for dialog in parent.findChildren(QDialog, name) if dialog.isVisible()]
    assert len(shown) == 1, f"{len(shown)} dialogs {name!r} open in {parent.objectName()!r}"
    return shown[0]


def answer_prompt(qtbot: Any, parent: QWidget, field: str, text: str) -> None:
    """Type ``text`` into the open prompt's field named ``field`` and press its OK."""
    prompt = open_dialog(parent, "promptDialog")
    child(prompt, QLineEdit, field).setText(text)
    click(qtbot, child(prompt, QPushButton, "promptOk"))


def approval_in(parent: QWidget) -> QDialog:
    """The approval dialog a sensitive action opened on top of ``parent``."""
    return open_dialog(parent, "approvalDialog")


def approve(qtbot: Any, approval: QWidget, name: str = MANAGER, pin: str = MANAGER_PIN) -> None:
    """A manager's name and PIN typed into the approval dialog, then 授权."""
    assert approval.objectName() == "approvalDialog" and approval.isVisible()
    child(approval, QComboBox, "approverName").setCurrentText(name)
    qtbot.keyClicks(child(approval, QLineEdit, "approverPin"), pin)
    click(qtbot, child(approval, QPushButton, "approveButton"))


def pay_cash(qtbot: Any, sale: Any, tendered_fen: int) -> None:
    """F12, the cash handed over typed in, confirmed: the sale is done."""
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None and pay.objectName() == "paymentDialog", banner(sale).text()
    child(pay, QLineEdit, "tenderAmount").setText(f"{tendered_fen / 100:.2f}")
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is None, error_text(pay)


# -- the members screen ---------------------------------------------------------------------------


def open_members_screen(sale: Any) -> Any:
    action(sale, "membersScreenAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "membersScreen"
    return screen


def choose_member(screen: Any, qtbot: Any, card_no: str) -> None:
    """Find ``card_no`` in the members screen's search; the one found is chosen."""
    search = child(screen, QLineEdit, "membersSearch")
    search.setText(card_no)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert screen.current is not None and screen.current.card_no == card_no


# -- what the counter wrote and printed -----------------------------------------------------------


def printed_text(printer_file: Path) -> str:
    """The text of everything sent to the file printer, decoded from ESC/POS."""
    return decode(printer_file.read_bytes()).text


def plain_products(counter: Any) -> list[Any]:
    """Plain (not weighed) demo products with a barcode, in a stable order."""
    found = counter.service.search("6", 60)
    return [p for p in found if p.barcodes and not p.by_weight]


def manager(counter: Any) -> Any:
    return counter.service.login(MANAGER, MANAGER_PIN)


def approval_for(counter: Any, staff: Any, action: Any) -> Any:
    """The manager's PIN checked for ``staff``'s ``action`` (as the approval dialog does): the
    proof a service spends, for setting a test up through the services."""
    return counter.service.approve(MANAGER, MANAGER_PIN, action, staff)


def member_row(counter: Any, card_no: str) -> MemberRow:
    with counter.db.reading() as session:
        row = session.scalar(select(MemberRow).where(MemberRow.card_no == card_no))
        assert row is not None
        session.expunge(row)
        return row


def count_rows(counter: Any, model: Any) -> int:
    with counter.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def writes(counter: Any) -> tuple[int, ...]:
    """Ledger, order and print-job row counts: what a refused action must leave alone."""
    return tuple(
        count_rows(counter, model)
        for model in (StoredValueEntryRow, PointsEntryRow, OrderRow, PrintJobRow, MemberRow)
    )
