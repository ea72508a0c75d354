"""The device settings dialog: manager approval, saved to config.toml and read back, bad values
refused with the file untouched, test print, live swipe test, pole display test."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt

from app.config import CONFIG_FILE_NAME, load_config
from app.devices.pole_display import CommandSet, render_lines
from tests.devices.escpos_decoder import decode
from tests.devices.pty_pair import PtyPair, read_until_quiet

MANAGER, MANAGER_PIN = "李店长", "2468"


def _open_settings(sale: Any, qtbot: Any) -> Any:
    sale.actions_by_name["deviceSettingsAction"].trigger()
    approval = sale.dialog
    assert approval is not None and approval.objectName() == "approvalDialog"
    approval.name_box.setCurrentText(MANAGER)
    qtbot.keyClicks(approval.pin, MANAGER_PIN)
    qtbot.mouseClick(approval.approve_button, Qt.MouseButton.LeftButton)
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "deviceSettingsDialog"
    return dialog


def _config_file(counter: Any) -> Path:
    return Path(counter.config.data_dir) / CONFIG_FILE_NAME


def test_settings_need_a_manager(sale: Any, qtbot: Any) -> None:
    sale.actions_by_name["deviceSettingsAction"].trigger()
    approval = sale.dialog
    approval.name_box.setCurrentText(MANAGER)
    qtbot.keyClicks(approval.pin, "0000")
    qtbot.mouseClick(approval.approve_button, Qt.MouseButton.LeftButton)
    assert sale.dialog is approval
    assert approval.error_label.isVisible()


def test_settings_are_saved_applied_at_once_and_read_back(
    controller: Any, sale: Any, qtbot: Any, counter: Any
) -> None:
    dialog = _open_settings(sale, qtbot)
    dialog.receipt_width.setCurrentIndex(dialog.receipt_width.findData(48))
    dialog.printer_encoding.setCurrentIndex(dialog.printer_encoding.findData("gbk"))
    dialog.receipt_footer.setPlainText("多谢光临\n电话 0571-1234567")
    dialog.reader_prefix.setText("M")
    dialog.card_min.setValue(8)
    dialog.card_max.setValue(12)
    dialog.wedge_interval.setValue(45)
    dialog.display_width.setValue(16)
    dialog.display_commands.setCurrentIndex(dialog.display_commands.findData("cd5220"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sale.dialog is None
    assert "已立即生效" in sale.banner.text()
    assert "POS_PRINTER_URI" in sale.banner.text()  # the tests' printer comes from the env

    raw = tomllib.loads(_config_file(counter).read_text(encoding="utf-8"))
    assert raw["receipt_width"] == 48
    assert raw["printer_encoding"] == "gbk"
    assert raw["receipt_footer"] == "多谢光临\n电话 0571-1234567"
    assert raw["card_reader"]["prefix"] == "M"
    assert raw["wedge"]["max_interval_ms"] == 45
    assert raw["pole_display"]["width"] == 16
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
        (lambda d: (d.card_min.setValue(12), d.card_max.setValue(8)), "不能小于"),
        (lambda d: d.printer_uri.setText("lpt1"), "打印机地址缺少类型"),
        (lambda d: d.printer_uri.setText("tcp://127.0.0.1:99999"), "端口无效"),
        (
            lambda d: (
                d.reader_kind.setCurrentIndex(d.reader_kind.findData("serial")),
                d.reader_port.clear(),
            ),
            "串口读卡器须设置",
        ),
        (
            lambda d: d.reader_check_byte.setChecked(True),
            "校验字节",
        ),
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
    dialog.receipt_footer.setPlainText("新的结尾")
    change(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sale.dialog is dialog
    assert dialog.error_label.isVisible()
    assert message in dialog.error_label.text()
    assert path.read_bytes() == before
    assert counter.config.receipt_footer != "新的结尾"


def test_test_print_sends_a_chinese_slip_through_the_print_queue(
    sale: Any, qtbot: Any, counter: Any, printer_file: Path
) -> None:
    dialog = _open_settings(sale, qtbot)
    dialog.receipt_header.setPlainText("杭州西湖店")
    qtbot.mouseClick(dialog.test_print_button, Qt.MouseButton.LeftButton)
    assert "已打印" in dialog.printer_result.text()
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
    assert dialog.printer_render.currentData() == "text"
    dialog.printer_render.setCurrentIndex(dialog.printer_render.findData("raster"))
    qtbot.mouseClick(dialog.test_print_button, Qt.MouseButton.LeftButton)
    assert "已打印" in dialog.printer_result.text()
    decoded = decode(printer_file.read_bytes())
    assert decoded.images and all(image.ink for image in decoded.images)
    assert ("chinese", "on") not in decoded.commands  # the printer needs no Chinese font
    assert ("cut", "partial") in decoded.commands
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
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
    dialog.printer_uri.setText("tcp://127.0.0.1:1")
    qtbot.mouseClick(dialog.test_print_button, Qt.MouseButton.LeftButton)
    assert "打印机无法连接" in dialog.printer_result.text()
    assert not printer_file.exists()


def test_the_live_swipe_test_shows_the_masked_number_or_the_error(sale: Any, qtbot: Any) -> None:
    dialog = _open_settings(sale, qtbot)
    field = dialog.swipe_test
    qtbot.keyClicks(field, ";6222020202020202=2512?")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    result = dialog.swipe_result_label.text()
    assert "****0202" in result and "6222020202020202" not in result
    assert field.text() == ""
    assert sale.dialog is dialog  # Enter in the test field does not close the dialog
    qtbot.keyClicks(field, "%E?")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.swipe_result_label.text() == "读卡失败：刷卡失败，请重新刷卡"
    dialog.card_min.setValue(20)  # the form's settings, before saving
    qtbot.keyClicks(field, ";6222020202020202=2512?")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "卡号应为 20 到 24 位，读到 16 位" in dialog.swipe_result_label.text()


def test_the_pole_display_test_button_writes_to_the_port_on_the_form(
    sale: Any, qtbot: Any, tmp_path: Path
) -> None:
    dialog = _open_settings(sale, qtbot)
    with PtyPair(tmp_path, "test-end", "test-display") as pair, pair.open_a() as end:
        dialog.display_port.setText(str(pair.b))
        dialog.display_commands.setCurrentIndex(dialog.display_commands.findData("cd5220"))
        qtbot.mouseClick(dialog.display_test_button, Qt.MouseButton.LeftButton)
        data = read_until_quiet(end)
    assert data.startswith(CommandSet.CD5220.setup)
    assert data[len(CommandSet.CD5220.setup) :] == render_lines(
        "客显测试", "可口可乐 330ml ￥3.50", command_set=CommandSet.CD5220
    )
    assert "已发送" in dialog.display_result.text()
