"""First-run set-up: an empty data directory goes through the wizard (each bad answer said under
its field, nothing written) to the login window and a first sale; the demo is one click away;
the window shows the wizard on an empty directory and not on one whose database was lost."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWizard

from app.ui import application
from app.ui.first_run import FirstRunSetup
from tests.ui.conftest import DATABASE_FILE
from tests.ui.driving import child, choose_data, click, login, pay_cash, printed_text, scan
from tests.ui.test_store_setup import BARCODE, _set_up_products

OWNER, OWNER_PIN = "王阿芳", "135790"


@pytest.fixture
def wizard(tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> FirstRunSetup:
    monkeypatch.delenv("POS_PRINTER_URI", raising=False)
    monkeypatch.delenv("POS_LANGUAGE", raising=False)
    shown = FirstRunSetup(tmp_path / "new-store")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _page(wizard: QWizard) -> str:
    page = wizard.currentPage()
    return page.objectName() if page is not None else ""


def _next(qtbot: Any, wizard: QWizard) -> None:
    click(qtbot, child(wizard, QPushButton, "setupNext"))


def _type(wizard: QWizard, values: dict[str, str]) -> None:
    for name, text in values.items():
        child(wizard, QLineEdit, name).setText(text)


def _said(wizard: QWizard, name: str) -> str:
    """The sentence under field ``name`` ('' when it has none)."""
    label = child(wizard, QLabel, f"{name}Error")
    return label.text() if label.isVisibleTo(wizard) else ""


def _written(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir()) if data_dir.exists() else []


def test_a_new_store_goes_from_an_empty_directory_through_set_up_to_its_first_sale(
    wizard: FirstRunSetup, qtbot: Any, tmp_path: Path
) -> None:
    data_dir = wizard.data_dir
    printer = tmp_path / "printer.bin"
    assert _page(wizard) == "setupWelcome"
    assert str(data_dir) in child(wizard, QLabel, "setupIntro").text()
    _next(qtbot, wizard)

    # The store: every bad answer said under its field; the page stays; nothing written.
    _type(
        wizard,
        {
            "setupStoreCode": "S-01",
            "setupStoreName": " ",
            "setupStoreAddress": "深" * 61,
            "setupStorePhone": "电话号码",
            "setupCutoff": "13",
        },
    )
    _next(qtbot, wizard)
    assert _page(wizard) == "setupStore"
    assert "门店编码应为 1 到 8 位字母或数字" in _said(wizard, "setupStoreCode")
    assert "门店名称应为 1 到 40 个字" in _said(wizard, "setupStoreName")
    assert "地址应不超过 60 个字" in _said(wizard, "setupStoreAddress")
    assert "电话应为数字" in _said(wizard, "setupStorePhone")
    assert "营业日结束时间应为 0 到 12 之间的整点" in _said(wizard, "setupCutoff")
    _type(
        wizard,
        {
            "setupStoreCode": "S002",
            "setupStoreName": "阿芳便利店",
            "setupStoreAddress": "深圳市南山区科技园一路 1 号",
            "setupStorePhone": "0755-12345678",
            "setupCutoff": "5",
        },
    )
    _next(qtbot, wizard)

    # The owner.
    assert _page(wizard) == "setupOwner"
    _type(
        wizard,
        {"setupOwnerName": "", "setupOwnerPin": "12ab", "setupOwnerPinAgain": "1234"},
    )
    _next(qtbot, wizard)
    assert _page(wizard) == "setupOwner"
    assert "员工姓名须为 1 到 40 个字" in _said(wizard, "setupOwnerName")
    assert "密码须为 4 到 12 位数字" in _said(wizard, "setupOwnerPin")
    assert "两次输入的密码不一样" in _said(wizard, "setupOwnerPinAgain")
    _type(
        wizard,
        {"setupOwnerName": OWNER, "setupOwnerPin": OWNER_PIN, "setupOwnerPinAgain": OWNER_PIN},
    )
    _next(qtbot, wizard)

    # The printer with a test print, the reader with a swipe test.
    assert _page(wizard) == "setupDevices"
    _type(wizard, {"setupPrinterUri": "printer-in-the-back"})
    choose_data(child(wizard, QComboBox, "setupReaderKind"), "serial")
    _next(qtbot, wizard)
    assert _page(wizard) == "setupDevices"
    assert "printer-in-the-back" in _said(wizard, "setupPrinterUri")
    assert "请填写此项" in _said(wizard, "setupReaderPort")
    _type(wizard, {"setupPrinterUri": f"file://{printer}"})
    click(qtbot, child(wizard, QPushButton, "setupTestPrint"))
    assert "测试小票已打印" in child(wizard, QLabel, "setupTestPrintResult").text()
    assert "阿芳便利店" in printed_text(printer)
    choose_data(child(wizard, QComboBox, "setupReaderKind"), "wedge")
    swipe_field = child(wizard, QLineEdit, "setupSwipeTest")
    qtbot.keyClicks(swipe_field, ";66001234?")
    qtbot.keyClick(swipe_field, Qt.Key.Key_Return)
    assert child(wizard, QLabel, "setupSwipeResult").text() == "读卡成功：****1234（8 位）"
    assert _page(wizard) == "setupDevices"
    _next(qtbot, wizard)

    # The head office: half filled is refused; left blank, the store runs alone.
    assert _page(wizard) == "setupHeadOffice"
    _type(wizard, {"setupHeadOfficeUrl": "ftp://office", "setupHeadOfficeSecret": "short"})
    click(qtbot, child(wizard, QPushButton, "setupFinish"))
    assert wizard.isVisible()
    assert "http:// 或 https://" in _said(wizard, "setupHeadOfficeUrl")
    assert "请填写此项" in _said(wizard, "setupHeadOfficeDevice")
    assert "密钥应至少" in _said(wizard, "setupHeadOfficeSecret")
    assert _written(data_dir) == []  # nothing at all until the last page is taken
    _type(wizard, {"setupHeadOfficeUrl": "", "setupHeadOfficeSecret": ""})
    click(qtbot, child(wizard, QPushButton, "setupFinish"))
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Accepted

    saved = tomllib.loads((data_dir / "config.toml").read_text(encoding="utf-8"))
    assert saved["store_code"] == "S002" and saved["business_day_cutoff_hour"] == 5
    assert saved["receipt_header"] == "深圳市南山区科技园一路 1 号\n电话：0755-12345678"
    assert "headoffice" not in saved and saved["card_reader"]["kind"] == "wedge"

    # The login window, then the first sale, printed with the store's name, address and phone.
    from app.bootstrap import build

    counter = build(data_dir, for_window=True)
    try:
        controller = application.CounterApp(counter)
        controller.show_login()
        assert counter.service.staff_names() == [OWNER]
        sale = login(controller, qtbot, OWNER, OWNER_PIN)
        _set_up_products(sale, qtbot)
        printer.write_bytes(b"")
        scan(qtbot, sale, BARCODE)
        pay_cash(qtbot, sale, 100_00)
        receipt = printed_text(printer)
    finally:
        counter.close()
    assert "阿芳便利店" in receipt and "电话：0755-12345678" in receipt
    assert "科技园一路" in receipt and "S002-01-" in receipt


def test_the_demo_store_is_one_click_away(wizard: FirstRunSetup, qtbot: Any) -> None:
    click(qtbot, child(wizard, QPushButton, "setupDemoButton"))
    assert wizard.made_demo and wizard.result() == QWizard.DialogCode.Accepted
    from app.bootstrap import build

    counter = build(wizard.data_dir, for_window=True)
    try:
        assert "小王" in counter.service.staff_names()
    finally:
        counter.close()


def test_closing_the_set_up_makes_nothing(wizard: FirstRunSetup, qtbot: Any) -> None:
    _next(qtbot, wizard)
    wizard.reject()
    assert _written(wizard.data_dir) == []


def test_the_window_shows_the_set_up_on_an_empty_directory_and_makes_nothing_if_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    real_exec = FirstRunSetup.exec

    def exec_and_note(self: FirstRunSetup) -> int:
        shown.append(self.objectName())
        return real_exec(self)

    monkeypatch.setattr(FirstRunSetup, "exec", exec_and_note)
    monkeypatch.setenv(application.EXIT_AFTER_LOGIN_ENV, "1")  # closes the wizard at once
    data_dir = tmp_path / "new-store"
    assert application.run_application(data_dir) == 0
    assert shown == ["firstRunSetup"]
    assert not (data_dir / DATABASE_FILE).exists()


def test_a_lost_database_with_backups_is_not_set_up_anew(
    tmp_path: Path, seeded_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage.backup import make_backup

    said: list[str] = []
    monkeypatch.setattr(
        application.QMessageBox, "critical", lambda _p, title, text, *a: said.append(text)
    )
    data_dir = tmp_path / "store"
    data_dir.mkdir()
    shutil.copy(seeded_template, data_dir / DATABASE_FILE)
    good = make_backup(data_dir / DATABASE_FILE, data_dir)
    (data_dir / DATABASE_FILE).unlink()
    assert application.run_application(data_dir) == application.EXIT_FAILED
    assert "python main.py restore" in said[0] and str(good) in said[0]
    assert not (data_dir / DATABASE_FILE).exists()
