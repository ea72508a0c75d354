"""The device settings dialog: manager approval, saved to config.toml and read back, bad values
refused with the file untouched, test print, live swipe test, pole display test."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from app.config import CONFIG_FILE_NAME, load_config
from app.devices.pole_display import CommandSet, render_lines
from tests.devices.escpos_decoder import decode
from tests.devices.pty_pair import PtyPair, read_until_quiet
from tests.ui.driving import (
    MANAGER,
    action,
    approve,
    banner,
    child,
    choose_data,
    click,
    error_text,
)


def _open_settings(sale: Any, qtbot: Any) -> Any:
    action(sale, "deviceSettingsAction").trigger()
    approval = sale.dialog
    assert approval is not None and approval.objectName() == "approvalDialog"
    approve(qtbot, approval)
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "deviceSettingsDialog"
    return dialog


def _config_file(counter: Any) -> Path:
    return Path(counter.config.data_dir) / CONFIG_FILE_NAME


def test_settings_need_a_manager(sale: Any, qtbot: Any) -> None:
    action(sale, "deviceSettingsAction").trigger()
    approval = sale.dialog
    child(approval, QComboBox, "approverName").setCurrentText(MANAGER)
    qtbot.keyClicks(child(approval, QLineEdit, "approverPin"), "0000")
    click(qtbot, child(approval, QPushButton, "approveButton"))
    assert sale.dialog is approval
    assert child(approval, QLabel, "dialogError").isVisible()


def test_settings_are_saved_applied_at_once_and_read_back(
    controller: Any, sale: Any, qtbot: Any, counter: Any
) -> None:
    dialog = _open_settings(sale, qtbot)
    choose_data(child(dialog, QComboBox, "receiptWidth"), 48)
    choose_data(child(dialog, QComboBox, "printerEncoding"), "gbk")
    child(dialog, QPlainTextEdit, "receiptFooter").setPlainText("多谢光临\n电话 0571-1234567")
    child(dialog, QLineEdit, "cardPrefix").setText("M")
    child(dialog, QSpinBox, "cardMinLength").setValue(8)
    child(dialog, QSpinBox, "cardMaxLength").setValue(12)
    child(dialog, QSpinBox, "wedgeInterval").setValue(45)
    child(dialog, QSpinBox, "poleDisplayWidth").setValue(16)
    choose_data(child(dialog, QComboBox, "poleDisplayCommandSet"), "cd5220")
    child(dialog, QLineEdit, "storeName").setText("阿芳便利店")
    child(dialog, QSpinBox, "businessDayCutoff").setValue(6)
    click(qtbot, child(dialog, QPushButton, "saveSettingsButton"))
    assert sale.dialog is None
    assert "已立即生效" in banner(sale).text()
    assert "POS_PRINTER_URI" in banner(sale).text()  # the tests' printer comes from the env

    raw = tomllib.loads(_config_file(counter).read_text(encoding="utf-8"))
    assert raw["receipt_width"] == 48
    assert raw["printer_encoding"] == "gbk"
    assert raw["receipt_footer"] == "多谢光临\n电话 0571-1234567"
    assert raw["card_reader"]["prefix"] == "M"
    assert raw["wedge"]["max_interval_ms"] == 45
    assert raw["pole_display"]["width"] == 16
    assert (raw["store_name"], raw["business_day_cutoff_hour"]) == ("阿芳便利店", 6)
    assert "printer_uri" not in raw  # the env override is not written into the file
    again = load_config(counter.config.data_dir)
    assert again.card_reader.min_length == 8 and again.card_reader.max_length == 12
    assert again.pole_display.command_set == "cd5220"
    assert list(Path(counter.config.data_dir).glob(".config-*")) == []  # no temp file left

    assert counter.config == again  # in force without a restart
    assert counter.print_queue.width == 48 and counter.print_queue.encoding == "gbk"
    wedge = controller.hardware.wedge
    assert wedge.detector.settings.max_interval_ms == 45
    assert wedge.swipe_settings.prefix == "M" and wedge.swipe_settings.min_length == 8


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: (
                child(d, QSpinBox, "cardMinLength").setValue(12),
                child(d, QSpinBox, "cardMaxLength").setValue(8),
            ),
            "不能小于",
        ),
        (lambda d: child(d, QLineEdit, "printerUri").setText("lpt1"), "打印机地址缺少类型"),
        (lambda d: child(d, QLineEdit, "printerUri").setText("tcp://127.0.0.1:99999"), "端口无效"),
        (
            lambda d: (
                choose_data(child(d, QComboBox, "cardReaderKind"), "serial"),
                child(d, QLineEdit, "cardReaderPort").clear(),
            ),
            "串口读卡器须设置",
        ),
        (
            lambda d: child(d, QCheckBox, "cardReaderCheckByte").setChecked(True),
            "校验字节",
        ),
        (lambda d: child(d, QLineEdit, "storeCode").setText("S-01"), "门店编码应为"),
        (lambda d: child(d, QLineEdit, "storeName").setText(""), "门店名称应为"),
    ],
)
def test_bad_settings_are_refused_with_a_plain_message_and_the_file_untouched(
    sale: Any, qtbot: Any, counter: Any, monkeypatch: pytest.MonkeyPatch, change: Any, message: str
) -> None:
    monkeypatch.delenv("POS_PRINTER_URI")  # so the printer address can be edited
    path = _config_file(counter)
    path.write_text('store_name = "示范便利店"\nreceipt_footer = "原来的结尾"\n', encoding="utf-8")
    before = path.read_bytes()
    dialog = _open_settings(sale, qtbot)
    child(dialog, QPlainTextEdit, "receiptFooter").setPlainText("新的结尾")
    change(dialog)
    click(qtbot, child(dialog, QPushButton, "saveSettingsButton"))
    assert sale.dialog is dialog
    assert child(dialog, QLabel, "dialogError").isVisible()
    assert message in error_text(dialog)
    assert path.read_bytes() == before
    assert counter.config.receipt_footer != "新的结尾"


def test_test_print_sends_a_chinese_slip_through_the_print_queue(
    sale: Any, qtbot: Any, counter: Any, printer_file: Path
) -> None:
    dialog = _open_settings(sale, qtbot)
    child(dialog, QPlainTextEdit, "receiptHeader").setPlainText("杭州西湖店")
    click(qtbot, child(dialog, QPushButton, "testPrintButton"))
    assert "已打印" in child(dialog, QLabel, "printerTestResult").text()
    decoded = decode(printer_file.read_bytes())
    assert "测试打印" in decoded.text
    assert "杭州西湖店" in decoded.text
    assert "￥3.50" in decoded.text
    assert ("cut", "partial") in decoded.commands
    job = counter.print_queue.last_job(kind="test")
    assert job is not None and job.status == "printed"


def test_raster_printing_is_chosen_test_printed_as_images_and_saved(
    sale: Any, qtbot: Any, counter: Any, printer_file: Path
) -> None:
    dialog = _open_settings(sale, qtbot)
    assert child(dialog, QComboBox, "printerRender").currentData() == "text"
    choose_data(child(dialog, QComboBox, "printerRender"), "raster")
    click(qtbot, child(dialog, QPushButton, "testPrintButton"))
    assert "已打印" in child(dialog, QLabel, "printerTestResult").text()
    decoded = decode(printer_file.read_bytes())
    assert decoded.images and all(image.ink for image in decoded.images)
    assert ("chinese", "on") not in decoded.commands  # the printer needs no Chinese font
    assert ("cut", "partial") in decoded.commands
    click(qtbot, child(dialog, QPushButton, "saveSettingsButton"))
    assert sale.dialog is None
    raw = tomllib.loads(_config_file(counter).read_text(encoding="utf-8"))
    assert raw["printer_render"] == "raster"
    assert counter.config.printer_render == "raster"
    assert counter.print_queue.config.printer_render == "raster"  # in force at once


def test_test_print_with_a_bad_address_says_so_and_prints_nothing(
    sale: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, printer_file: Path
) -> None:
    monkeypatch.delenv("POS_PRINTER_URI")
    dialog = _open_settings(sale, qtbot)
    child(dialog, QLineEdit, "printerUri").setText("tcp://127.0.0.1:1")
    click(qtbot, child(dialog, QPushButton, "testPrintButton"))
    assert "打印机无法连接" in child(dialog, QLabel, "printerTestResult").text()
    assert not printer_file.exists()


def test_the_live_swipe_test_shows_the_masked_number_or_the_error(sale: Any, qtbot: Any) -> None:
    dialog = _open_settings(sale, qtbot)
    field = child(dialog, QLineEdit, "swipeTestInput")
    qtbot.keyClicks(field, ";6222020202020202=2512?")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    result = child(dialog, QLabel, "swipeTestResult").text()
    assert "****0202" in result and "6222020202020202" not in result
    assert field.text() == ""
    assert sale.dialog is dialog  # Enter in the test field does not close the dialog
    qtbot.keyClicks(field, "%E?")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert child(dialog, QLabel, "swipeTestResult").text() == "读卡失败：刷卡失败，请重新刷卡"
    child(dialog, QSpinBox, "cardMinLength").setValue(20)  # the form's settings, before saving
    qtbot.keyClicks(field, ";6222020202020202=2512?")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "卡号应为 20 到 24 位，读到 16 位" in child(dialog, QLabel, "swipeTestResult").text()


def test_the_pole_display_test_button_writes_to_the_port_on_the_form(
    sale: Any, qtbot: Any, tmp_path: Path
) -> None:
    dialog = _open_settings(sale, qtbot)
    with PtyPair(tmp_path, "test-display") as pair, pair.open_a() as end:
        child(dialog, QLineEdit, "poleDisplayPort").setText(str(pair.b))
        choose_data(child(dialog, QComboBox, "poleDisplayCommandSet"), "cd5220")
        click(qtbot, child(dialog, QPushButton, "poleDisplayTestButton"))
        data = read_until_quiet(end)
    assert data.startswith(CommandSet.CD5220.setup)
    assert data[len(CommandSet.CD5220.setup) :] == render_lines(
        "客显测试", "可口可乐 330ml ￥3.50", command_set=CommandSet.CD5220
    )
    assert "已发送" in child(dialog, QLabel, "poleDisplayTestResult").text()
