"""The Qt binding must not leak references to None or True: a counter runs for days.

PySide6 6.12.0 drops one reference to None on every void call and one to True on every signal
emit, and the process aborts once either count reaches zero (hours into a shift).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

CALLS = 2000


class _Emitter(QObject):
    fired = Signal(int)


def test_void_calls_keep_the_references_to_none(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("收银")
    assert sys.getrefcount(None) - before > -CALLS // 2


def test_signal_emits_keep_the_references_to_true(qapp: QApplication) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(CALLS):
        emitter.fired.emit(number)
    assert len(received) == CALLS
    assert sys.getrefcount(True) - before > -CALLS // 2
