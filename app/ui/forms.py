"""The one form dialog every set-up screen uses: labelled fields, each refusal shown next to the
field it is about, and nothing saved until the whole form is taken.

A screen builds its fields (``line``, ``choice``, ``check``), and gives ``save`` a function that
reads them with the readers here (``text``, ``yuan``, ``whole``, ``fold``, ``day``) and calls its
service. A reader that cannot take what was typed, or a service that refuses with a
``KnownError(..., field="discount_bp")``, puts its sentence under that field and gives it the
keyboard; any other refusal goes to the line above the buttons. The service checks the rules
(the form only turns words into values), so a rule holds wherever the input comes from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError, KnownError
from app.money import MoneyError, parse_amount
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import message_for

#: 10 折 is full price: a fold typed as ``8.5`` is 8,500 basis points.
BASIS_POINTS_PER_FOLD = 1_000
FULL_PRICE_BP = 10_000

#: What the form saves: reads its fields, calls the service, returns what the caller gets.
Save = Callable[["FormDialog"], object]


class FormDialog(CounterDialog):
    """A form whose fields are known by a key (the service's attribute name) and an objectName
    (what tests and screen readers find)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        object_name: str,
        save: Save,
        *,
        confirm_text: str = "",
    ) -> None:
        super().__init__(parent, title)
        self.setObjectName(object_name)
        self._save = save
        self.fields: dict[str, QWidget] = {}
        self.field_errors: dict[str, QLabel] = {}
        body = QWidget(self)
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(
            self.confirm_row(
                self.submit,
                confirm_text=confirm_text or self.tr("保存"),
                confirm_name=f"{object_name}Save",
                confirm_accessible=self.tr("保存"),
                cancel_text=self.tr("取消"),
                cancel_name=f"{object_name}Cancel",
            )
        )
        self.setMinimumSize(460, 360)

    # -- building -------------------------------------------------------------------------------

    def _add(self, key: str, label: str, widget: QWidget, object_name: str) -> None:
        named(widget, object_name, label)
        error = QLabel(self)
        error.setObjectName(f"{object_name}Error")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self.form.addRow(label, cell)
        if not self.fields:
            widget.setFocus()
        self.fields[key] = widget
        self.field_errors[key] = error

    def section(self, title: str) -> None:
        """A heading between groups of fields."""
        heading = QLabel(title, self)
        heading.setProperty("role", "heading")
        self.form.addRow(heading)

    def line(
        self, key: str, label: str, object_name: str, text: str = "", *, hint: str = ""
    ) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(hint)
        edit.returnPressed.connect(self.submit)
        self._add(key, label, edit, object_name)
        return edit

    def choice(
        self,
        key: str,
        label: str,
        object_name: str,
        choices: Sequence[tuple[str, object]],
        current: object = None,
    ) -> QComboBox:
        """A drop-down of (shown text, value); ``current`` picks the value shown first."""
        combo = QComboBox(self)
        for text, value in choices:
            combo.addItem(text, value)
            if value == current:
                combo.setCurrentIndex(combo.count() - 1)
        self._add(key, label, combo, object_name)
        return combo

    def check(self, key: str, label: str, object_name: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(self)
        box.setChecked(checked)
        self._add(key, label, box, object_name)
        return box

    # -- reading --------------------------------------------------------------------------------

    def _line(self, key: str) -> QLineEdit:
        widget = self.fields[key]
        assert isinstance(widget, QLineEdit), key
        return widget

    def text(self, key: str, *, required: bool = True) -> str:
        """The trimmed text of a line; a required one left blank is refused next to it."""
        value = self._line(key).text().strip()
        if required and not value:
            raise InputError("请填写此项", field=key)
        return value

    def yuan(self, key: str, *, required: bool = True) -> int | None:
        """An amount in yuan as fen; blank is ``None`` when not required."""
        typed = self.text(key, required=required)
        if not typed:
            return None
        try:
            return parse_amount(typed)
        except MoneyError as refused:
            raise MoneyError(refused.template, *refused.values, field=key) from None

    def whole(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        """A whole number at least ``minimum``; blank is ``None`` when not required."""
        typed = self.text(key, required=required)
        if not typed:
            return None
        try:
            number = int(typed)
        except ValueError:
            raise InputError("“%1”不是整数", typed, field=key) from None
        if number < minimum:
            raise InputError("不能小于 %1", minimum, field=key)
        return number

    def fold(self, key: str) -> int:
        """A discount typed as a fold (``9.5`` is 九五折) in basis points; blank is full price."""
        typed = self.text(key, required=False)
        if not typed:
            return FULL_PRICE_BP
        try:
            value = float(typed)
        except ValueError:
            raise InputError("“%1”不是折扣，如 9.5 表示九五折", typed, field=key) from None
        if not 0 < value <= FULL_PRICE_BP / BASIS_POINTS_PER_FOLD:
            raise InputError("折扣须在 0.1 到 10 折之间（10 折为不打折）", field=key)
        return round(value * BASIS_POINTS_PER_FOLD)

    def day(self, key: str, *, required: bool = False) -> dt.date | None:
        """A date typed as ``2026-12-01``; blank is ``None`` when not required."""
        typed = self.text(key, required=required)
        if not typed:
            return None
        try:
            return dt.date.fromisoformat(typed)
        except ValueError:
            raise InputError("日期格式应为 2026-12-01：%1", typed, field=key) from None

    def chosen(self, key: str) -> object:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox), key
        return widget.currentData()

    def checked(self, key: str) -> bool:
        widget = self.fields[key]
        assert isinstance(widget, QCheckBox), key
        return widget.isChecked()

    # -- saving ---------------------------------------------------------------------------------

    def clear_field_errors(self) -> None:
        for label in self.field_errors.values():
            label.clear()
            label.hide()
        self.clear_error()

    def show_field_error(self, key: str, error: BaseException | str) -> None:
        """The sentence under field ``key``, which takes the keyboard."""
        text = error if isinstance(error, str) else message_for(error, context=type(self).__name__)
        label = self.field_errors[key]
        label.setText(text)
        label.show()
        widget = self.fields[key]
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def submit(self) -> None:
        self.clear_field_errors()
        try:
            value = self._save(self)
        except Exception as error:  # shown as Attempt shows it; message_for logs a bug
            field = error.field if isinstance(error, KnownError) else None
            if field is not None and field in self.field_errors:
                self.show_field_error(field, error)
            else:
                self.show_error(error)
            return
        self.finish(value)


__all__ = ["FULL_PRICE_BP", "FormDialog", "Save"]
