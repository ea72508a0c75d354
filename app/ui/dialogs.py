"""Small dialogs shared by the screens: a checked prompt, the key help, the product pick list."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.devices.wedge import WedgeDetector, WedgeKind, WedgeSettings
from app.money import format_yuan
from app.ui.feedback import Attempt, message_for
from app.ui.i18n import method_label
from app.ui.tender_keys import TENDER_KEYS, key_text

if TYPE_CHECKING:
    from app.pos.catalog import ProductView

#: What a dialog hands its ``on_accept`` callback: each dialog decides.
Accepted = TypeVar("Accepted")


def named(widget: QWidget, object_name: str, accessible_name: str) -> QWidget:
    """Every interactive widget gets a stable objectName (tests) and accessibleName (readers)."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


class ScanGuard(QObject):
    """In a list dialog the keyboard belongs to the list, so a scanner's burst would search the
    list with its digits and confirm the highlighted row with its Enter: the wrong item, or a
    gift redeemed. The guard tells a burst from typing by key timing and refuses it plainly;
    typed letters do not search the list either (rows are chosen with the arrows or a click).
    """

    def __init__(self, widget: QWidget, dialog: CounterDialog) -> None:
        super().__init__(widget)
        self.dialog = dialog
        self.detector = WedgeDetector(WedgeSettings())
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        now_ms = time.monotonic() * 1000
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.detector.feed_enter(now_ms).kind is WedgeKind.SCAN:
                self.dialog.show_error(self.tr("请先关闭此窗口，再扫码或刷卡"))
                return True
            return False
        text = event.text()
        if text and text.isprintable():
            self.detector.feed(text, now_ms)
            return True
        return False


class CounterDialog(QDialog):
    """A window-modal dialog that reports its result through a callback instead of exec().

    Nothing blocks in a nested event loop, so the keyboard flow and the tests stay simple.
    """

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.value: object = None
        self.error_label = QLabel(self)
        self.error_label.setObjectName("dialogError")
        self.error_label.setAccessibleName(self.tr("错误信息"))
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()

    def present(self, on_accept: Callable[[Accepted], None] | None = None) -> CounterDialog:
        if on_accept is not None:
            # The caller chose the dialog, so it knows what the dialog finishes with.
            self.accepted.connect(lambda: on_accept(cast("Accepted", self.value)))
        self.open()
        return self

    def confirm_row(
        self,
        on_confirm: Callable[[], None],
        *,
        confirm_text: str,
        confirm_name: str,
        confirm_accessible: str,
        cancel_text: str,
        cancel_name: str,
    ) -> QHBoxLayout:
        """Cancel and the confirming button (``self.confirm_button``), right-aligned; neither is
        a default button, so Enter stays the dialog's own to handle."""
        self.confirm_button = QPushButton(confirm_text, self)
        named(self.confirm_button, confirm_name, confirm_accessible)
        self.confirm_button.setProperty("role", "primary")
        self.confirm_button.clicked.connect(on_confirm)
        cancel = QPushButton(cancel_text, self)
        named(cancel, cancel_name, QCoreApplication.translate("CounterDialog", "取消"))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (cancel, self.confirm_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        return row

    def show_error(self, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else message_for(error, context=type(self).__name__)
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def finish(self, value: object) -> None:
        self.value = value
        self.accept()


class DialogOwner(Protocol):
    """A window that has at most one dialog open, and knows which (scans and keys check it)."""

    dialog: CounterDialog | None


def present_owned(
    owner: DialogOwner,
    dialog: CounterDialog,
    on_accept: Callable[[Accepted], None] | None = None,
    *,
    then: Callable[[], None] | None = None,
) -> CounterDialog:
    """Open ``dialog`` as ``owner``'s one dialog without a nested event loop; when it closes the
    owner has none again and ``then`` runs (the sale screen gives the scan field the keyboard)."""
    owner.dialog = dialog

    def finished(_code: int) -> None:
        if owner.dialog is dialog:
            owner.dialog = None
        if then is not None:
            then()

    dialog.finished.connect(finished)
    return dialog.present(on_accept)


class PromptDialog(CounterDialog):
    """One line of input, checked by ``parse`` (which raises a KnownError with a plain message)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        parse: Callable[[str], object],
        *,
        text: str = "",
        placeholder: str = "",
        digits_only: bool = False,
    ) -> None:
        super().__init__(parent, title)
        self.setObjectName("promptDialog")
        self._parse = parse
        self.prompt_label = QLabel(label, self)
        self.prompt_label.setWordWrap(True)
        self.input = QLineEdit(text, self)
        named(self.input, "promptInput", label)
        self.input.setPlaceholderText(placeholder)
        if digits_only:
            self.input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
            self.input.setInputMethodHints(
                Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhNoPredictiveText
            )
        self.input.selectAll()
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        named(self.ok_button, "promptOk", self.tr("确定"))
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, "promptCancel", self.tr("取消"))
        self.ok_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.input)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.input.setFocus()

    def submit(self) -> None:
        with Attempt(self.show_error) as attempt:
            value = self._parse(self.input.text())
        if attempt.failed:
            self.input.selectAll()
            self.input.setFocus()
            return
        self.finish(value)


#: (key, what it does); shown by F1 and kept next to the code that binds the keys.
def key_help_rows() -> list[tuple[str, str]]:
    return [
        ("Enter", QCoreApplication.translate("HelpDialog", "扫码 / 按名称或拼音首字母查找")),
        ("F1", QCoreApplication.translate("HelpDialog", "帮助（本页）")),
        ("F2", QCoreApplication.translate("HelpDialog", "识别会员（刷卡 / 卡号 / 手机号）")),
        ("F3", QCoreApplication.translate("HelpDialog", "会员充值")),
        ("F4", QCoreApplication.translate("HelpDialog", "挂单")),
        ("F5", QCoreApplication.translate("HelpDialog", "取单")),
        ("F6", QCoreApplication.translate("HelpDialog", "修改数量")),
        ("F7", QCoreApplication.translate("HelpDialog", "单品折扣")),
        ("F8", QCoreApplication.translate("HelpDialog", "整单折扣")),
        ("F9", QCoreApplication.translate("HelpDialog", "退货 / 作废")),
        ("F10", QCoreApplication.translate("HelpDialog", "重印上一张小票")),
        ("F12", QCoreApplication.translate("HelpDialog", "结账")),
        ("Delete", QCoreApplication.translate("HelpDialog", "删除选中的商品行")),
        ("↑ / ↓", QCoreApplication.translate("HelpDialog", "选择商品行")),
        ("Esc", QCoreApplication.translate("HelpDialog", "清空输入 / 返回")),
        *_tender_key_rows(),
    ]


def _tender_key_rows() -> list[tuple[str, str]]:
    """The payment dialog's keys, from the map that binds them (``tender_keys``)."""
    paying = QCoreApplication.translate("HelpDialog", "结账时：%1")
    return [
        (key_text(method), paying.replace("%1", method_label(method))) for method in TENDER_KEYS
    ]


class HelpDialog(CounterDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, self.tr("快捷键"))
        self.setObjectName("helpDialog")
        rows = key_help_rows()
        table = QTableWidget(len(rows), 2, self)
        named(table, "helpTable", self.tr("快捷键列表"))
        table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("功能")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "helpClose", self.tr("关闭"))
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(460, 520)


class ProductPickDialog(CounterDialog):
    """Search results for typed text: Enter (or a double click) adds the chosen product."""

    def __init__(self, parent: QWidget | None, query: str, products: Sequence[ProductView]) -> None:
        super().__init__(parent, self.tr("选择商品"))
        self.setObjectName("productPickDialog")
        self.products = list(products)
        header = QLabel(self.tr("“%1”的查找结果：").replace("%1", query), self)
        header.setWordWrap(True)
        self.list = QListWidget(self)
        named(self.list, "productPickList", self.tr("查找结果"))
        for product in self.products:
            item = QListWidgetItem(
                f"{product.name}    {format_yuan(product.price_fen)}/{product.unit}    "
                f"{product.code}"
            )
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.submit())
        pick = QPushButton(self.tr("加入购物车"), self)
        named(pick, "productPickOk", self.tr("加入购物车"))
        pick.setDefault(True)
        pick.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("取消"), self)
        named(cancel, "productPickCancel", self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(pick)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.resize(560, 420)
        ScanGuard(self.list, self)
        self.list.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.products):
            self.finish(self.products[row])
