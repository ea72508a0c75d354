"""Device settings (manager only): printer, card reader with a live swipe test, pole display and
customer screen; saved to config.toml and put in force at once."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import (
    CARD_NUMBER_MAX_LENGTH,
    DISPLAY_MAX_WIDTH,
    DISPLAY_MIN_WIDTH,
    RECEIPT_WIDTH_58MM,
    RECEIPT_WIDTH_80MM,
    SERIAL_BAUDRATES,
    WEDGE_INTERVAL_RANGE_MS,
    WEDGE_MIN_LENGTH_RANGE,
    Config,
    ConfigError,
    PoleDisplayConfig,
    save_settings,
)
from app.devices.errors import DeviceSettingsError
from app.devices.pole_display import DisplayConfigError
from app.devices.printers import PrinterConfigError, parse_printer_uri
from app.devices.swipe import SwipeError, SwipeSettings, parse_swipe
from app.members.card_numbers import mask_card
from app.money import format_yuan
from app.pos.receipts import Block, Cut, Document, Feed, PrintJobKind, Rule, Text
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import message_for
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.bootstrap import Counter
    from app.devices.pole_display import PoleDisplay
    from app.devices.print_queue import PrintOutcome

PRINTER_ENV = "POS_PRINTER_URI"
TEST_SLIP_KIND = PrintJobKind.TEST
DISPLAY_ENCODINGS = ("gb18030", "gbk", "big5", "ascii")
HEADER_HEIGHT = 60
#: A sample the test slip and the display test show: Chinese, a full-width ￥ amount.
SAMPLE_ITEM = "可口可乐 330ml"
SAMPLE_PRICE = "￥3.50"


def sample_slip(config: Config) -> Document:
    """A short slip that shows whether Chinese, ￥ and the paper width come out right."""
    width = config.receipt_width
    columns = f"{'58' if width == RECEIPT_WIDTH_58MM else '80'} mm / {width}"
    blocks: list[Block] = []
    if config.receipt_header:
        blocks.append(Text(config.receipt_header, align="center"))
    blocks += [
        Text(config.store_name, align="center", bold=True, double=True),
        Text("测试打印 TEST PRINT", align="center"),
        Rule("-"),
        Text(f"{SAMPLE_ITEM}  {SAMPLE_PRICE}"),
        Text(f"纸宽 {columns}  编码 {config.printer_encoding}"),
        Text("图像打印" if config.printer_render == "raster" else "文字打印"),
        Rule("="),
    ]
    if config.receipt_footer:
        blocks.append(Text(config.receipt_footer, align="center"))
    blocks += [Feed(3), Cut(partial=True)]
    return tuple(blocks)


def _combo(
    parent: QWidget, name: str, label: str, items: Sequence[tuple[str, object]], value: object
) -> QComboBox:
    box = QComboBox(parent)
    named(box, name, label)
    for text, data in items:
        box.addItem(text, data)
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))
    return box


def _spin(parent: QWidget, name: str, label: str, low: int, high: int, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    named(box, name, label)
    box.setRange(low, high)
    box.setValue(value)
    return box


def _line(parent: QWidget, name: str, label: str, value: str) -> QLineEdit:
    edit = QLineEdit(value, parent)
    named(edit, name, label)
    return edit


def _check(parent: QWidget, name: str, label: str, value: bool) -> QCheckBox:
    box = QCheckBox(label, parent)
    named(box, name, label)
    box.setChecked(value)
    return box


class DeviceSettingsDialog(CounterDialog):
    """Accepted with ``(config, note)``: the settings now in force and a sentence about them."""

    def __init__(self, parent: QWidget | None, counter: Counter) -> None:
        super().__init__(parent, self.tr("设备设置"))
        self.setObjectName("deviceSettingsDialog")
        self.counter = counter
        config = counter.config
        self.printer_from_env = bool(os.environ.get(PRINTER_ENV))
        self.tabs = QTabWidget(self)
        named(self.tabs, "settingsTabs", self.tr("设置分类"))
        self.tabs.addTab(self._printer_page(config), self.tr("打印机"))
        self.tabs.addTab(self._reader_page(config), self.tr("读卡器与扫码"))
        self.tabs.addTab(self._display_page(config), self.tr("顾客显示"))
        self.tabs.addTab(self._headoffice_page(config), self.tr("总部同步"))
        self.tabs.addTab(self._store_page(config), self.tr("门店"))
        self.tabs.addTab(self._backup_page(config), self.tr("备份"))
        self.save_button = QPushButton(self.tr("保存"), self)
        named(self.save_button, "saveSettingsButton", self.tr("保存"))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("取消"), self)
        named(cancel, "cancelSettingsButton", self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self._test_display: PoleDisplay | None = None
        self.finished.connect(self._close_test_display)

    # -- pages ---------------------------------------------------------------------------------

    def _printer_page(self, config: Config) -> QWidget:
        page = QWidget(self)
        self.printer_uri = _line(page, "printerUri", self.tr("打印机地址"), config.printer_uri)
        self.printer_uri.setPlaceholderText("tcp://192.168.1.87:9100  usb://0416:5011  file:///…")
        if self.printer_from_env:
            self.printer_uri.setEnabled(False)
            self.printer_uri.setToolTip(self.tr("打印机地址由环境变量 POS_PRINTER_URI 指定"))
        self.receipt_width = _combo(
            page,
            "receiptWidth",
            self.tr("纸宽"),
            [
                (self.tr("58 mm（32 列）"), RECEIPT_WIDTH_58MM),
                (self.tr("80 mm（48 列）"), RECEIPT_WIDTH_80MM),
            ],
            config.receipt_width,
        )
        self.printer_encoding = _combo(
            page,
            "printerEncoding",
            self.tr("中文编码"),
            [
                (self.tr("GB18030（推荐）"), "gb18030"),
                (self.tr("GBK（老式打印机）"), "gbk"),
            ],
            config.printer_encoding,
        )
        self.printer_render = _combo(
            page,
            "printerRender",
            self.tr("打印方式"),
            [
                (self.tr("文字（打印机自带中文字库）"), "text"),
                (self.tr("图像（打印机没有中文字库时用）"), "raster"),
            ],
            config.printer_render,
        )
        self.receipt_header = QPlainTextEdit(config.receipt_header, page)
        named(self.receipt_header, "receiptHeader", self.tr("小票抬头"))
        self.receipt_header.setFixedHeight(HEADER_HEIGHT)
        self.receipt_header.setTabChangesFocus(True)
        self.receipt_footer = QPlainTextEdit(config.receipt_footer, page)
        named(self.receipt_footer, "receiptFooter", self.tr("小票结尾"))
        self.receipt_footer.setFixedHeight(HEADER_HEIGHT)
        self.receipt_footer.setTabChangesFocus(True)
        self.test_print_button = QPushButton(self.tr("测试打印"), page)
        named(self.test_print_button, "testPrintButton", self.tr("测试打印"))
        self.test_print_button.setAutoDefault(False)
        self.test_print_button.clicked.connect(self.test_print)
        self.printer_result = QLabel(page)
        self.printer_result.setObjectName("printerTestResult")
        self.printer_result.setAccessibleName(self.tr("测试打印结果"))
        self.printer_result.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("打印机地址"), self.printer_uri)
        form.addRow(self.tr("纸宽"), self.receipt_width)
        form.addRow(self.tr("中文编码"), self.printer_encoding)
        form.addRow(self.tr("打印方式"), self.printer_render)
        form.addRow(self.tr("小票抬头"), self.receipt_header)
        form.addRow(self.tr("小票结尾"), self.receipt_footer)
        form.addRow(self.test_print_button, self.printer_result)
        return page

    def _reader_page(self, config: Config) -> QWidget:
        page = QWidget(self)
        card, wedge = config.card_reader, config.wedge
        self.reader_kind = _combo(
            page,
            "cardReaderKind",
            self.tr("读卡器类型"),
            [
                (self.tr("USB 键盘式（刷卡即输入）"), "wedge"),
                (self.tr("串口读卡器"), "serial"),
                (self.tr("不使用读卡器"), "none"),
            ],
            card.kind,
        )
        self.reader_port = _line(page, "cardReaderPort", self.tr("读卡器串口"), card.port)
        self.reader_port.setPlaceholderText("/dev/ttyUSB0  COM3")
        bauds = [(str(b), b) for b in SERIAL_BAUDRATES]
        self.reader_baudrate = _combo(
            page, "cardReaderBaudrate", self.tr("波特率"), bauds, card.baudrate
        )
        self.reader_framing = _combo(
            page,
            "cardReaderFraming",
            self.tr("数据格式"),
            [
                (self.tr("以回车结束（CR）"), "cr"),
                (self.tr("以回车换行结束（CR LF）"), "crlf"),
                (self.tr("STX 开始、ETX 结束"), "stx_etx"),
            ],
            card.framing,
        )
        self.reader_check_byte = _check(
            page, "cardReaderCheckByte", self.tr("ETX 后带校验字节"), card.check_byte
        )
        self.reader_prefix = _line(page, "cardPrefix", self.tr("前缀"), card.prefix)
        self.reader_suffix = _line(page, "cardSuffix", self.tr("后缀"), card.suffix)
        self.card_min = _spin(
            page,
            "cardMinLength",
            self.tr("卡号最短位数"),
            1,
            CARD_NUMBER_MAX_LENGTH,
            card.min_length,
        )
        self.card_max = _spin(
            page,
            "cardMaxLength",
            self.tr("卡号最长位数"),
            1,
            CARD_NUMBER_MAX_LENGTH,
            card.max_length,
        )
        self.allow_letters = _check(
            page, "cardAllowLetters", self.tr("卡号可含字母"), card.allow_letters
        )
        self.wedge_interval = _spin(
            page,
            "wedgeInterval",
            self.tr("扫码按键间隔上限（毫秒）"),
            *WEDGE_INTERVAL_RANGE_MS,
            wedge.max_interval_ms,
        )
        self.wedge_min_length = _spin(
            page,
            "wedgeMinLength",
            self.tr("扫码最少字符数"),
            *WEDGE_MIN_LENGTH_RANGE,
            wedge.min_length,
        )
        self.swipe_test = _line(page, "swipeTestInput", self.tr("刷卡测试"), "")
        self.swipe_test.setPlaceholderText(self.tr("点这里后刷卡，结果显示在下方"))
        self.swipe_test.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.swipe_test.returnPressed.connect(self.test_swipe)
        self.swipe_result_label = QLabel(self.tr("等待刷卡…"), page)
        self.swipe_result_label.setObjectName("swipeTestResult")
        self.swipe_result_label.setAccessibleName(self.tr("刷卡测试结果"))
        self.swipe_result_label.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(self.tr("读卡器类型"), self.reader_kind)
        form.addRow(self.tr("读卡器串口"), self.reader_port)
        form.addRow(self.tr("波特率"), self.reader_baudrate)
        form.addRow(self.tr("数据格式"), self.reader_framing)
        form.addRow("", self.reader_check_byte)
        form.addRow(self.tr("前缀"), self.reader_prefix)
        form.addRow(self.tr("后缀"), self.reader_suffix)
        form.addRow(self.tr("卡号最短位数"), self.card_min)
        form.addRow(self.tr("卡号最长位数"), self.card_max)
        form.addRow("", self.allow_letters)
        form.addRow(self.tr("扫码按键间隔上限（毫秒）"), self.wedge_interval)
        form.addRow(self.tr("扫码最少字符数"), self.wedge_min_length)
        form.addRow(self.tr("刷卡测试"), self.swipe_test)
        form.addRow("", self.swipe_result_label)
        return page

    def _display_page(self, config: Config) -> QWidget:
        page = QWidget(self)
        pole, screen = config.pole_display, config.customer_screen
        self.display_port = _line(page, "poleDisplayPort", self.tr("客显串口"), pole.port)
        self.display_port.setPlaceholderText(self.tr("留空表示没有客显，如 COM4"))
        bauds = [(str(b), b) for b in SERIAL_BAUDRATES]
        self.display_baudrate = _combo(
            page, "poleDisplayBaudrate", self.tr("客显波特率"), bauds, pole.baudrate
        )
        self.display_width = _spin(
            page,
            "poleDisplayWidth",
            self.tr("每行字数（列）"),
            DISPLAY_MIN_WIDTH,
            DISPLAY_MAX_WIDTH,
            pole.width,
        )
        self.display_encoding = _combo(
            page,
            "poleDisplayEncoding",
            self.tr("客显编码"),
            [(name.upper(), name) for name in DISPLAY_ENCODINGS],
            pole.encoding,
        )
        self.display_commands = _combo(
            page,
            "poleDisplayCommandSet",
            self.tr("客显指令集"),
            [
                (self.tr("ESC/POS（爱普生兼容）"), "escpos"),
                (self.tr("CD5220（常见国产客显）"), "cd5220"),
            ],
            pole.command_set,
        )
        self.display_test_button = QPushButton(self.tr("测试客显"), page)
        named(self.display_test_button, "poleDisplayTestButton", self.tr("测试客显"))
        self.display_test_button.setAutoDefault(False)
        self.display_test_button.clicked.connect(self.test_display)
        self.display_result = QLabel(page)
        self.display_result.setObjectName("poleDisplayTestResult")
        self.display_result.setAccessibleName(self.tr("客显测试结果"))
        self.display_result.setWordWrap(True)
        self.customer_screen = _check(
            page, "customerScreenEnabled", self.tr("打开顾客副屏窗口"), screen.enabled
        )
        self.customer_screen_index = _spin(
            page, "customerScreenIndex", self.tr("副屏编号（0 为主屏）"), 0, 8, screen.screen
        )
        form = QFormLayout(page)
        form.addRow(self.tr("客显串口"), self.display_port)
        form.addRow(self.tr("客显波特率"), self.display_baudrate)
        form.addRow(self.tr("每行字数（列）"), self.display_width)
        form.addRow(self.tr("客显编码"), self.display_encoding)
        form.addRow(self.tr("客显指令集"), self.display_commands)
        form.addRow(self.display_test_button, self.display_result)
        form.addRow("", self.customer_screen)
        form.addRow(self.tr("副屏编号（0 为主屏）"), self.customer_screen_index)
        return page

    # -- the form as settings ------------------------------------------------------------------

    def _headoffice_page(self, config: Config) -> QWidget:
        """What config.toml's ``[headoffice]`` says, read only (it is pasted from the head
        office's add-store); the secret is never shown, only its last four characters."""
        page = QWidget(self)
        form = QFormLayout(page)
        office = config.headoffice
        if office is None:
            alone = QLabel(
                self.tr("本机单独运行，不与总部同步。")
                + self.tr("要连接总部：把总部 add-store 给出的 [headoffice] 粘贴到 config.toml"),
                page,
            )
            alone.setObjectName("headofficeAlone")
            alone.setWordWrap(True)
            form.addRow(alone)
            return page
        rows = (
            ("headofficeUrl", self.tr("总部地址"), office.url),
            ("headofficeStore", self.tr("门店编码"), office.store_code),
            ("headofficeDevice", self.tr("设备编号"), office.device_id),
            ("headofficeSecret", self.tr("密钥"), office.masked_secret),
            (
                "headofficeOfflineSale",
                self.tr("离线单笔储值消费上限"),
                format_yuan(office.offline_per_sale_fen),
            ),
            (
                "headofficeOfflineDay",
                self.tr("离线每位会员每日上限"),
                format_yuan(office.offline_per_day_fen),
            ),
            (
                "headofficeSnapshotAge",
                self.tr("离线可用的会员资料最长（小时）"),
                str(office.offline_snapshot_hours),
            ),
        )
        for name, label, value in rows:
            field = QLineEdit(value, page)
            named(field, name, label)
            field.setReadOnly(True)
            form.addRow(label, field)
        return page

    def _store_page(self, config: Config) -> QWidget:
        """What the first-run set-up asked of the store (its address and phone are the receipt
        header, on the printer's page)."""
        page = QWidget(self)
        self.store_code = _line(page, "storeCode", self.tr("门店编码"), config.store_code)
        self.store_name = _line(page, "storeName", self.tr("门店名称"), config.store_name)
        self.cutoff_hour = _spin(
            page,
            "businessDayCutoff",
            self.tr("营业日结束时间（点）"),
            0,
            12,
            config.business_day_cutoff_hour,
        )
        form = QFormLayout(page)
        form.addRow(self.tr("门店编码"), self.store_code)
        form.addRow(self.tr("门店名称"), self.store_name)
        form.addRow(self.tr("营业日结束时间（点）"), self.cutoff_hour)
        return page

    def _backup_page(self, config: Config) -> QWidget:
        """``[backup] second_folder``: a USB stick or a network share that also gets a copy of
        every backup; the status bar warns while it is missing."""
        page = QWidget(self)
        form = QFormLayout(page)
        note = QLabel(
            self.tr("每天的备份保存在本机数据目录的 backups 文件夹。")
            + self.tr(
                "再选一个文件夹（U 盘或网络共享），每次备份后也复制一份过去：硬盘坏了，备份还在。"
            ),
            page,
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.second_folder = QLineEdit(config.backup.second_folder, page)
        named(self.second_folder, "secondFolder", self.tr("备份副本文件夹"))
        self.second_folder.setPlaceholderText(self.tr("不复制（留空）"))
        browse = QPushButton(self.tr("选择…"), page)
        named(browse, "secondFolderBrowse", self.tr("选择备份副本文件夹"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._choose_second_folder)
        row = QHBoxLayout()
        row.addWidget(self.second_folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("备份副本文件夹"), row)
        return page

    def _choose_second_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择备份副本文件夹"), self.second_folder.text()
        )
        if folder:
            self.second_folder.setText(folder)

    def changes(self) -> dict[str, object]:
        """What the form says, as config.toml values."""
        values: dict[str, object] = {
            "store_code": self.store_code.text().strip(),
            "store_name": self.store_name.text().strip(),
            "business_day_cutoff_hour": self.cutoff_hour.value(),
            "receipt_width": self.receipt_width.currentData(),
            "printer_encoding": self.printer_encoding.currentData(),
            "printer_render": self.printer_render.currentData(),
            "receipt_header": self.receipt_header.toPlainText().strip(),
            "receipt_footer": self.receipt_footer.toPlainText().strip(),
            "card_reader": {
                "kind": self.reader_kind.currentData(),
                "port": self.reader_port.text().strip(),
                "baudrate": self.reader_baudrate.currentData(),
                "framing": self.reader_framing.currentData(),
                "check_byte": self.reader_check_byte.isChecked(),
                "prefix": self.reader_prefix.text(),
                "suffix": self.reader_suffix.text(),
                "min_length": self.card_min.value(),
                "max_length": self.card_max.value(),
                "allow_letters": self.allow_letters.isChecked(),
            },
            "wedge": {
                "max_interval_ms": self.wedge_interval.value(),
                "min_length": self.wedge_min_length.value(),
            },
            "pole_display": dataclasses.asdict(self.pole_settings()),
            "customer_screen": {
                "enabled": self.customer_screen.isChecked(),
                "screen": self.customer_screen_index.value(),
            },
            "backup": {"second_folder": self.second_folder.text().strip()},
        }
        if not self.printer_from_env:
            values["printer_uri"] = self.printer_uri.text().strip()
        return values

    def pole_settings(self) -> PoleDisplayConfig:
        return PoleDisplayConfig(
            port=self.display_port.text().strip(),
            baudrate=self.display_baudrate.currentData(),
            width=self.display_width.value(),
            encoding=self.display_encoding.currentData(),
            command_set=self.display_commands.currentData(),
        )

    def swipe_settings(self) -> SwipeSettings:
        return SwipeSettings(
            prefix=self.reader_prefix.text(),
            suffix=self.reader_suffix.text(),
            min_length=self.card_min.value(),
            max_length=max(self.card_max.value(), self.card_min.value()),
            allow_letters=self.allow_letters.isChecked(),
        )

    def printer_config(self) -> Config:
        """The saved settings with the form's printer fields; raises PrinterConfigError."""
        uri = self.printer_uri.text().strip()
        parse_printer_uri(uri)
        return dataclasses.replace(
            self.counter.config,
            printer_uri=uri,
            receipt_width=self.receipt_width.currentData(),
            printer_encoding=self.printer_encoding.currentData(),
            printer_render=self.printer_render.currentData(),
            receipt_header=self.receipt_header.toPlainText().strip(),
            receipt_footer=self.receipt_footer.toPlainText().strip(),
        )

    # -- actions -------------------------------------------------------------------------------

    def save(self) -> None:
        try:
            if not self.printer_from_env:
                parse_printer_uri(self.printer_uri.text().strip())
            config = save_settings(self.counter.config.data_dir, self.changes())
        except (ConfigError, PrinterConfigError) as exc:
            self.show_error(exc)
            return
        except OSError as exc:
            self.show_error(self.tr("设置未能保存：%1").replace("%1", message_for(exc)))
            return
        note = self.tr("设备设置已保存，并已立即生效。")
        if self.printer_from_env:
            note += self.tr("打印机地址由环境变量 POS_PRINTER_URI 指定，未修改。")
        self.finish((config, note))

    def test_print(self) -> None:
        from app.bootstrap import print_queue_for

        try:
            config = self.printer_config()
        except PrinterConfigError as exc:
            self.printer_result.setText(message_for(exc))
            return
        queue = print_queue_for(self.counter.db, config)
        slip = sample_slip(config)
        self.printer_result.setText(self.tr("正在打印…"))
        run_task(lambda: queue.print_document(TEST_SLIP_KIND, slip), self._test_printed)

    def _test_printed(self, outcome: PrintOutcome | None, error: BaseException | None) -> None:
        if error is not None:
            self.printer_result.setText(message_for(error, context="test print"))
        elif outcome is not None and outcome.unconfirmed:
            self.printer_result.setText(
                self.tr("测试小票已发送，打印机未确认：%1").replace("%1", outcome.error or "")
            )
        elif outcome is not None and not outcome.ok:
            self.printer_result.setText(self.tr("打印失败：%1").replace("%1", outcome.error or ""))
        else:
            self.printer_result.setText(self.tr("测试小票已打印，请检查中文和金额是否清楚"))

    def test_display(self) -> None:
        from app.bootstrap import build_pole_display

        settings = self.pole_settings()
        current = self.counter.pole_display
        display: PoleDisplay | None
        if settings == self.counter.config.pole_display and current is not None:
            display = current
        else:
            # A display of the form's own, kept open until the dialog closes: closing it at
            # once would throw away bytes the port has not sent yet.
            self._close_test_display()
            try:
                self._test_display = build_pole_display(settings)
            except DisplayConfigError as exc:
                self.display_result.setText(message_for(exc))
                return
            display = self._test_display
        if display is None:
            self.display_result.setText(self.tr("请先填写客显串口"))
            return
        line1, line2 = self.tr("客显测试"), f"{SAMPLE_ITEM} {SAMPLE_PRICE}"

        def show() -> None:
            display.show_lines(line1, line2)

        self.display_result.setText(self.tr("正在发送…"))
        run_task(show, self._display_tested)

    def _close_test_display(self, *_args: object) -> None:
        display, self._test_display = self._test_display, None
        if display is not None:
            display.close()

    def _display_tested(self, _result: object, error: BaseException | None) -> None:
        if error is not None:
            self.display_result.setText(message_for(error, context="display test"))
        else:
            self.display_result.setText(self.tr("已发送，请看客显是否显示“客显测试”"))

    def test_swipe(self) -> None:
        """The wedge swipe typed into the test field, read with the settings on the form."""
        text = self.swipe_test.text()
        self.swipe_test.clear()
        try:
            card_no = parse_swipe(text, self.swipe_settings())
        except (SwipeError, DeviceSettingsError) as exc:
            self.swipe_result(None, message_for(exc))
            return
        self.swipe_result(card_no, None)

    def swipe_result(self, card_no: str | None, error: str | None) -> None:
        """One swipe's outcome (a serial reader's swipes come here while the dialog is open)."""
        if card_no is not None:
            self.swipe_result_label.setText(
                self.tr("读卡成功：%1（%2 位）")
                .replace("%1", mask_card(card_no))
                .replace("%2", str(len(card_no)))
            )
            self.swipe_result_label.setProperty("state", "ok")
        else:
            self.swipe_result_label.setText(self.tr("读卡失败：%1").replace("%1", error or ""))
            self.swipe_result_label.setProperty("state", "error")
