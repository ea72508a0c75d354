"""A whole counter session leaves log files with no card number, phone or PIN in them, and an
error nobody caught leaves a report, an apology, and a window that still sells."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from app import logs
from app.storage.models import OrderRow
from app.ui.crash import CrashReporter
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    SILVER_CARD,
    child,
    click,
    count_rows,
    error_text,
    login,
    member_row,
    pay_cash,
    press,
    scan,
    scan_field,
    swipe,
)

NEW_CARD, NEW_PHONE = "66001357", "13912345678"


@pytest.fixture
def log_dir(counter: Any) -> Iterator[Path]:
    data_dir = Path(counter.config.data_dir)
    logs.install_log_files(data_dir, verbose=True)
    yield data_dir / logs.LOG_DIR_NAME
    logs.uninstall_log_files()


def _logged(log_dir: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(log_dir.iterdir()))


def _has_token(text: str, value: str) -> bool:
    """``value`` standing alone (not the shown tail of a masked number, ``****1357``)."""
    return re.search(rf"(?<![0-9*]){re.escape(value)}(?![0-9])", text) is not None


def test_a_whole_session_logs_no_card_number_phone_or_pin(
    controller: Any, counter: Any, qtbot: Any, log_dir: Path, products: list[Any]
) -> None:
    from PySide6.QtCore import Qt

    silver_phone = member_row(counter, SILVER_CARD).phone
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)

    click(qtbot, child(sale, QPushButton, "enrollButton"))  # enrol with a phone
    dialog = sale.dialog
    swipe(child(dialog, QLineEdit, "enrolCardNo"), NEW_CARD)
    qtbot.keyClicks(child(dialog, QLineEdit, "enrolPhone"), NEW_PHONE)
    child(dialog, QLineEdit, "enrolName").setText("陈小春")
    qtbot.keyClick(child(dialog, QLineEdit, "enrolName"), Qt.Key.Key_Return)
    assert sale.dialog is None, error_text(dialog)

    scan(qtbot, sale, products[0].barcodes[0])  # the new member buys
    pay_cash(qtbot, sale, 100_000)

    swipe(scan_field(sale), SILVER_CARD)  # a swipe, then a top-up
    assert sale.cart.member is not None
    press(qtbot, sale, Qt.Key.Key_F3)
    dialog = sale.dialog
    qtbot.keyClicks(child(dialog, QLineEdit, "topUpAmount"), "500")
    click(qtbot, child(dialog, QPushButton, "confirmTopUp"))
    assert sale.dialog is None, error_text(dialog)

    text = _logged(log_dir)
    for raw in (NEW_CARD, NEW_PHONE, SILVER_CARD, silver_phone, MANAGER_PIN):
        assert not _has_token(text, raw), raw
    # The session was logged, masked: the enrolment, the swipe, the sale and the top-up.
    assert f"{MANAGER} logged in" in text
    assert "card ****1357, phone 139****5678" in text
    assert "member ****0005 attached" in text
    assert re.search(r"sale S\S+ paid by 李店长", text)
    assert re.search(r"top-up S\S+ of 50000 fen", text)


@pytest.mark.qt_no_exception_capture
def test_an_error_raised_in_a_slot_is_reported_apologised_for_and_the_window_sells_on(
    controller: Any, counter: Any, qtbot: Any, log_dir: Path, products: list[Any]
) -> None:
    data_dir = log_dir.parent
    reporter = CrashReporter(data_dir)
    reporter.install()
    try:
        sale = login(controller, qtbot)

        def broken_slot() -> None:
            raise RuntimeError(f"a bug met card {SILVER_CARD} and phone {NEW_PHONE}")

        QTimer.singleShot(0, broken_slot)
        for _ in range(5):
            QApplication.processEvents()
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    finally:
        reporter.uninstall()

    dialog = reporter.dialog
    assert isinstance(dialog, QMessageBox) and dialog.objectName() == "crashDialog"
    (report,) = (data_dir / logs.CRASH_DIR_NAME).iterdir()
    assert "抱歉" in dialog.text() and str(report) in dialog.text()
    written = report.read_text(encoding="utf-8")
    assert "RuntimeError: a bug met card ****0005 and phone 139****5678" in written
    assert "broken_slot" in written and "version: " in written and "platform: " in written
    assert "logged in" in written  # the last log lines
    assert SILVER_CARD not in written and NEW_PHONE not in written
    assert "unexpected error" in _logged(log_dir)

    dialog.accept()
    before = count_rows(counter, OrderRow)
    scan(qtbot, sale, products[0].barcodes[0])
    pay_cash(qtbot, sale, 100_000)
    assert count_rows(counter, OrderRow) == before + 1


def test_the_apology_is_translated(qapp: QApplication) -> None:
    from app.ui import i18n

    i18n.install(i18n.ENGLISH)
    from PySide6.QtCore import QCoreApplication

    source = (
        "抱歉，收银台出了一个意外的问题，刚才的操作没有完成；已完成的销售不受影响，"
        "可以继续收银。问题报告已保存在：%1"
    )
    assert QCoreApplication.translate("CrashDialog", source).startswith("Sorry")
