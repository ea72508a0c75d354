"""One key per tender in the payment dialog, shown on its button, so paying needs no Tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from app.pos.tenders import TenderMethod

#: The sale screen's F-keys are not live while the payment dialog is open, and none of these is
#: typed into the amount field, so F1..F7 are free there.
TENDER_KEYS: dict[TenderMethod, Qt.Key] = {
    TenderMethod.CASH: Qt.Key.Key_F1,
    TenderMethod.BANK_CARD: Qt.Key.Key_F2,
    TenderMethod.WECHAT: Qt.Key.Key_F3,
    TenderMethod.ALIPAY: Qt.Key.Key_F4,
    TenderMethod.ON_ACCOUNT: Qt.Key.Key_F5,
    TenderMethod.STORED_VALUE: Qt.Key.Key_F6,
    TenderMethod.POINTS: Qt.Key.Key_F7,
}
_METHOD_BY_KEY = {key: method for method, key in TENDER_KEYS.items()}


def key_text(method: TenderMethod) -> str:
    """The name of a tender's key as the keyboard shows it: ``F6``."""
    return QKeySequence(TENDER_KEYS[method]).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, method: TenderMethod) -> str:
    """A tender button's text followed by its key: ``储值 (F6)``."""
    return f"{text} ({key_text(method)})"


def tender_for(event: QKeyEvent) -> TenderMethod | None:
    """The tender whose key was pressed (without Ctrl, Alt or Shift), if any."""
    if event.modifiers() not in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.KeypadModifier,
    ):
        return None
    return _METHOD_BY_KEY.get(Qt.Key(event.key()))
