"""First-run set-up (``firstRunSetup``): what a new store's owner answers once, on a data
directory with no store, before the login window; or the demo store, one click away.

Nothing is written until the last page: each page checks its own answers when Next is pressed
and says what is wrong under the field; Finish saves config.toml, makes the store and its owner
(``app.pos.store_start.set_up_store``). Everything asked here is in the settings afterwards
(config.toml; printer, reader and receipt header in 设备设置, the owner in 员工管理).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.config import (
    HEADOFFICE_SECRET_MIN_LENGTH,
    RECEIPT_WIDTH_58MM,
    RECEIPT_WIDTH_80MM,
    Config,
    check_store_code,
    check_store_name,
)
from app.devices.printers import parse_printer_uri
from app.devices.swipe import SwipeError, SwipeSettings, parse_swipe
from app.errors import InputError, KnownError
from app.members.card_numbers import mask_card
from app.ui import i18n
from app.ui.dialogs import named
from app.ui.feedback import message_for
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.devices.printers import Delivery

#: A receipt's phone line: digits with the usual separators (0755-1234 5678, +86 138…).
PHONE_PATTERN = re.compile(r"\+?[0-9][0-9 ()\-]{4,19}")
ADDRESS_MAX_LENGTH = 60
CUTOFF_RANGE = (0, 12)


class Fields:
    """A page's answers by key, each with the line under it where its refusal is said."""

    def __init__(self, page: QWizardPage) -> None:
        self.page = page
        self.form = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget, object_name: str) -> QWidget:
        named(widget, object_name, label)
        error = QLabel(self.page)
        error.setObjectName(f"{object_name}Error")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        cell = QWidget(self.page)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self.form.addRow(label, cell)
        self.widgets[key] = widget
        self.errors[key] = error
        return widget

    def line(
        self, key: str, label: str, object_name: str, text: str = "", hint: str = ""
    ) -> QLineEdit:
        edit = QLineEdit(text, self.page)
        edit.setPlaceholderText(hint)
        self.add(key, label, edit, object_name)
        return edit

    def text(self, key: str) -> str:
        widget = self.widgets[key]
        assert isinstance(widget, QLineEdit), key
        return widget.text().strip()

    def clear(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def refuse(self, key: str, error: BaseException | str) -> None:
        label = self.errors[key]
        label.setText(error if isinstance(error, str) else message_for(error, context="set-up"))
        label.show()

    def check(self, checks: dict[str, object]) -> bool:
        """Run each field's check (a callable raising KnownError); say each refusal under its
        field. True when every answer was taken."""
        self.clear()
        ok = True
        for key, run in checks.items():
            try:
                assert callable(run)
                run()
            except KnownError as error:
                self.refuse(key, error)
                if ok:
                    self.widgets[key].setFocus()
                ok = False
        return ok


def _required(text: str, field: str) -> None:
    if not text:
        raise InputError("请填写此项", field=field)


class SwipeTestField(QLineEdit):
    """Takes the Enter a swipe ends with, so the swipe test does not press the wizard's Next."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class WelcomePage(QWizardPage):
    """Says what is missing, as the window did, and offers the demo in one click."""

    def __init__(self, wizard: FirstRunSetup, data_dir: Path) -> None:
        super().__init__(wizard)
        self.setObjectName("setupWelcome")
        self.setTitle(self.tr("欢迎使用收银台"))
        intro = QLabel(
            self.tr(
                "数据目录 %1 里还没有收银数据。新开的店请按“下一步”填写门店、店主和设备。"
            ).replace("%1", str(data_dir))
            + self.tr("若目录不对，请用 --data-dir 或 POS_DATA_DIR 指定正确的目录；")
            + self.tr("若数据丢失，请用 python main.py restore 从备份恢复。"),
            self,
        )
        intro.setObjectName("setupIntro")
        intro.setWordWrap(True)
        self.language = QComboBox(self)
        named(self.language, "setupLanguage", self.tr("界面语言"))
        self.language.addItem("中文", i18n.CHINESE)
        self.language.addItem("English", i18n.ENGLISH)
        current = i18n.current()
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        demo = QPushButton(self.tr("试用演示门店"), self)
        named(demo, "setupDemoButton", self.tr("试用演示门店"))
        demo.setAutoDefault(False)
        demo.clicked.connect(wizard.choose_demo)
        self.error = QLabel(self)
        self.error.setObjectName("setupDemoError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("界面语言"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(
            QLabel(self.tr("只想先看看？演示门店带有商品和员工账号："), self),
        )
        layout.addWidget(demo)
        layout.addWidget(self.error)


class StorePage(QWizardPage):
    def __init__(self, wizard: FirstRunSetup) -> None:
        super().__init__(wizard)
        self.setObjectName("setupStore")
        self.setTitle(self.tr("门店"))
        self.setSubTitle(self.tr("小票上印的门店信息，以后可在设置中修改。"))
        f = self.fields = Fields(self)
        f.line("store_code", self.tr("门店编码"), "setupStoreCode", "S001", "S001")
        f.line("store_name", self.tr("门店名称"), "setupStoreName")
        f.line("address", self.tr("地址（印在小票上）"), "setupStoreAddress")
        f.line("phone", self.tr("电话（印在小票上）"), "setupStorePhone")
        f.line(
            "cutoff",
            self.tr("营业日结束时间（点）"),
            "setupCutoff",
            "4",
            self.tr("0 到 12，如 4 表示凌晨 4 点"),
        )
        QVBoxLayout(self).addLayout(f.form)

    def cutoff_hour(self) -> int:
        typed = self.fields.text("cutoff")
        low, high = CUTOFF_RANGE
        if not typed.isdigit() or not low <= int(typed) <= high:
            raise InputError("营业日结束时间应为 %1 到 %2 之间的整点", low, high, field="cutoff")
        return int(typed)

    def receipt_header(self) -> str:
        lines = []
        if self.fields.text("address"):
            lines.append(self.fields.text("address"))
        if self.fields.text("phone"):
            lines.append(f"电话：{self.fields.text('phone')}")
        return "\n".join(lines)

    def validatePage(self) -> bool:
        f = self.fields

        def address() -> None:
            if len(f.text("address")) > ADDRESS_MAX_LENGTH or not f.text("address").isprintable():
                raise InputError("地址应不超过 %1 个字", ADDRESS_MAX_LENGTH, field="address")

        def phone() -> None:
            typed = f.text("phone")
            if typed and not PHONE_PATTERN.fullmatch(typed):
                raise InputError("电话应为数字，如 0755-12345678：%1", typed, field="phone")

        return f.check(
            {
                "store_code": lambda: check_store_code(f.text("store_code")),
                "store_name": lambda: check_store_name(f.text("store_name")),
                "address": address,
                "phone": phone,
                "cutoff": self.cutoff_hour,
            }
        )


class OwnerPage(QWizardPage):
    def __init__(self, wizard: FirstRunSetup) -> None:
        super().__init__(wizard)
        self.setObjectName("setupOwner")
        self.setTitle(self.tr("店主"))
        self.setSubTitle(self.tr("店主可以管理员工、商品和设置；密码为 4 到 12 位数字。"))
        f = self.fields = Fields(self)
        f.line("owner_name", self.tr("店主姓名"), "setupOwnerName")
        pin = f.line("owner_pin", self.tr("登录密码"), "setupOwnerPin")
        again = f.line("owner_pin_again", self.tr("再输一次密码"), "setupOwnerPinAgain")
        for edit in (pin, again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        QVBoxLayout(self).addLayout(f.form)

    def validatePage(self) -> bool:
        from app.pos.staff import STAFF_NAME_MAX_LENGTH, StaffError, validate_pin

        f = self.fields

        def name() -> None:
            typed = f.text("owner_name")
            if not typed or len(typed) > STAFF_NAME_MAX_LENGTH:
                raise StaffError("员工姓名须为 1 到 %1 个字", STAFF_NAME_MAX_LENGTH)

        def same() -> None:
            if f.text("owner_pin_again") != f.text("owner_pin"):
                raise InputError("两次输入的密码不一样")

        return f.check(
            {
                "owner_name": name,
                "owner_pin": lambda: validate_pin(f.text("owner_pin")),
                "owner_pin_again": same,
            }
        )


class DevicesPage(QWizardPage):
    """The printer with a test print, the card reader with a swipe test."""

    def __init__(self, wizard: FirstRunSetup) -> None:
        super().__init__(wizard)
        self.setObjectName("setupDevices")
        self.setTitle(self.tr("打印机与读卡器"))
        self.setSubTitle(self.tr("没有打印机可先填 dummy:，以后在设备设置中修改。"))
        f = self.fields = Fields(self)
        f.line(
            "printer_uri",
            self.tr("打印机地址"),
            "setupPrinterUri",
            "dummy:",
            "tcp://192.168.1.50:9100  usb://0416:5011  win32:POS-58",
        )
        width = QComboBox(self)
        width.addItem(self.tr("58 毫米"), RECEIPT_WIDTH_58MM)
        width.addItem(self.tr("80 毫米"), RECEIPT_WIDTH_80MM)
        self.receipt_width = width
        f.add("receipt_width", self.tr("小票宽度"), width, "setupReceiptWidth")
        self.test_print_button = QPushButton(self.tr("测试打印"), self)
        named(self.test_print_button, "setupTestPrint", self.tr("测试打印"))
        self.test_print_button.setAutoDefault(False)
        self.test_print_button.clicked.connect(self.test_print)
        self.print_result = QLabel(self)
        self.print_result.setObjectName("setupTestPrintResult")
        self.print_result.setWordWrap(True)
        f.form.addRow(self.test_print_button, self.print_result)
        kind = QComboBox(self)
        kind.addItem(self.tr("USB 键盘式（刷卡即输入）"), "wedge")
        kind.addItem(self.tr("串口读卡器"), "serial")
        kind.addItem(self.tr("不使用读卡器"), "none")
        self.reader_kind = kind
        f.add("reader_kind", self.tr("读卡器类型"), kind, "setupReaderKind")
        f.line("reader_port", self.tr("读卡器串口"), "setupReaderPort", "", "/dev/ttyUSB0  COM3")
        swipe = SwipeTestField(self)
        swipe.setPlaceholderText(self.tr("点这里后刷卡"))
        f.add("swipe_test", self.tr("刷卡测试"), swipe, "setupSwipeTest")
        swipe.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        swipe.returnPressed.connect(self.test_swipe)
        self.swipe_result = QLabel(self.tr("等待刷卡…"), self)
        self.swipe_result.setObjectName("setupSwipeResult")
        self.swipe_result.setWordWrap(True)
        f.form.addRow("", self.swipe_result)
        QVBoxLayout(self).addLayout(f.form)

    def validatePage(self) -> bool:
        f = self.fields

        def port() -> None:
            if self.reader_kind.currentData() == "serial":
                _required(f.text("reader_port"), "reader_port")

        return f.check(
            {"printer_uri": lambda: parse_printer_uri(f.text("printer_uri")), "reader_port": port}
        )

    def test_print(self) -> None:
        """A sample slip sent straight to the printer typed here (no store to queue it in yet)."""
        from app.bootstrap import printer_factory
        from app.devices.escpos_render import render
        from app.ui.settings_dialog import sample_slip

        self.fields.clear()
        uri = self.fields.text("printer_uri")
        try:
            parse_printer_uri(uri)
        except KnownError as exc:
            self.fields.refuse("printer_uri", exc)
            return
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunSetup)
        config = Config(
            data_dir=wizard.data_dir,
            store_name=wizard.store.fields.text("store_name"),
            receipt_header=wizard.store.receipt_header(),
            printer_uri=uri,
            receipt_width=self.receipt_width.currentData(),
        )
        data = render(sample_slip(config), width=config.receipt_width)
        self.print_result.setText(self.tr("正在打印…"))
        run_task(lambda: printer_factory(config).send(data), self._printed)

    def _printed(self, _delivery: Delivery | None, error: BaseException | None) -> None:
        if error is not None:
            self.print_result.setText(
                self.tr("打印失败：%1").replace("%1", message_for(error, context="test print"))
            )
        else:
            self.print_result.setText(self.tr("测试小票已打印，请检查中文和金额是否清楚"))

    def test_swipe(self) -> None:
        edit = self.fields.widgets["swipe_test"]
        assert isinstance(edit, QLineEdit)
        text = edit.text()
        edit.clear()
        try:
            card_no = parse_swipe(text, SwipeSettings())
        except SwipeError as exc:
            self.swipe_result.setText(self.tr("读卡失败：%1").replace("%1", message_for(exc)))
            return
        self.swipe_result.setText(
            self.tr("读卡成功：%1（%2 位）")
            .replace("%1", mask_card(card_no))
            .replace("%2", str(len(card_no)))
        )


class HeadOfficePage(QWizardPage):
    """Optional: left blank, the store runs alone."""

    def __init__(self, wizard: FirstRunSetup) -> None:
        super().__init__(wizard)
        self.setObjectName("setupHeadOffice")
        self.setTitle(self.tr("总部（可不填）"))
        self.setSubTitle(
            self.tr("单店使用请留空。连锁门店请填写总部 add-store 给出的地址、设备编号和密钥。")
        )
        f = self.fields = Fields(self)
        f.line("headoffice_url", self.tr("总部地址"), "setupHeadOfficeUrl", "", "https://")
        f.line("headoffice_device", self.tr("设备编号"), "setupHeadOfficeDevice")
        secret = f.line("headoffice_secret", self.tr("密钥"), "setupHeadOfficeSecret")
        secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("setupError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(f.form)
        layout.addStretch(1)
        layout.addWidget(self.error)

    def table(self) -> dict[str, str] | None:
        f = self.fields
        url = f.text("headoffice_url")
        if not url and not f.text("headoffice_device") and not f.text("headoffice_secret"):
            return None
        return {
            "url": url,
            "device_id": f.text("headoffice_device"),
            "secret": f.text("headoffice_secret"),
        }

    def validatePage(self) -> bool:
        f = self.fields
        if self.table() is None:
            f.clear()
            return self._finish()

        def url() -> None:
            typed = f.text("headoffice_url")
            if not typed.startswith(("http://", "https://")) or len(typed) <= len("https://"):
                raise InputError("总部地址应为 http:// 或 https:// 开头的地址", field="url")

        def secret() -> None:
            if len(f.text("headoffice_secret")) < HEADOFFICE_SECRET_MIN_LENGTH:
                raise InputError("密钥应至少 %1 个字符", HEADOFFICE_SECRET_MIN_LENGTH)

        taken = f.check(
            {
                "headoffice_url": url,
                "headoffice_device": lambda: _required(
                    f.text("headoffice_device"), "headoffice_device"
                ),
                "headoffice_secret": secret,
            }
        )
        return taken and self._finish()

    def _finish(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunSetup)
        self.error.hide()
        try:
            wizard.set_up()
        except Exception as exc:  # said on the page; message_for logs a bug
            self.error.setText(message_for(exc, context="first-run set-up"))
            self.error.show()
            return False
        return True


class FirstRunSetup(QWizard):
    """Accepted once the store is made (``made_demo`` tells which kind); closing it makes
    nothing."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunSetup")
        self.setWindowTitle(self.tr("新店设置"))
        self.data_dir = data_dir
        self.made_demo = False
        self.config: Config | None = None
        self.welcome = WelcomePage(self, data_dir)
        self.store = StorePage(self)
        self.owner = OwnerPage(self)
        self.devices = DevicesPage(self)
        self.office = HeadOfficePage(self)
        for page in (self.welcome, self.store, self.owner, self.devices, self.office):
            self.addPage(page)
        for which, name in (
            (QWizard.WizardButton.NextButton, "setupNext"),
            (QWizard.WizardButton.BackButton, "setupBack"),
            (QWizard.WizardButton.FinishButton, "setupFinish"),
            (QWizard.WizardButton.CancelButton, "setupCancel"),
        ):
            self.button(which).setObjectName(name)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成，开始收银"))
        self.resize(640, 520)

    @property
    def language(self) -> str:
        return str(self.welcome.language.currentData())

    def settings(self) -> dict[str, object]:
        """The answers as config.toml values."""
        changes: dict[str, object] = {
            "store_code": self.store.fields.text("store_code"),
            "store_name": self.store.fields.text("store_name"),
            "receipt_header": self.store.receipt_header(),
            "business_day_cutoff_hour": self.store.cutoff_hour(),
            "language": self.language,
            "printer_uri": self.devices.fields.text("printer_uri"),
            "receipt_width": self.devices.receipt_width.currentData(),
            "card_reader": {
                "kind": self.devices.reader_kind.currentData(),
                "port": self.devices.fields.text("reader_port"),
            },
        }
        office = self.office.table()
        if office is not None:
            changes["headoffice"] = {**office, "store_code": changes["store_code"]}
        return changes

    def set_up(self) -> None:
        """Save the answers and make the store with its owner (raises what refused them)."""
        from app.pos.store_start import set_up_store

        self.config = set_up_store(
            self.data_dir,
            self.settings(),
            self.owner.fields.text("owner_name"),
            self.owner.fields.text("owner_pin"),
        )
        i18n.install(self.language)

    def choose_demo(self) -> None:
        """The demo store, seeded here and now (what ``python main.py demo`` does)."""
        from app.bootstrap import build

        try:
            build(self.data_dir, seed_demo=True).close()
        except Exception as exc:  # a full disk, a damaged file: said on the first page
            self.welcome.error.setText(message_for(exc, context="demo"))
            self.welcome.error.show()
            return
        self.made_demo = True
        i18n.install(self.language)
        self.accept()
