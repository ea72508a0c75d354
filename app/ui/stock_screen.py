"""库存: goods received from a supplier, returned to one, counted; the low-stock list and a
product's moves. Opened with a manager's approval; every document is made in their name.

A line is checked as it is added (the sentence shows next to the field it is about, nothing is
written); a document is written whole when it is confirmed, or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError, KnownError
from app.money import MoneyError, format_fen, parse_amount
from app.pos.cart import CartError, parse_quantity, qty_text
from app.pos.stock import CountLine, CountReason, StockLine
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import message_for
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.pos.catalog import ProductView
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

_CONTEXT = "StockScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def reason_labels() -> dict[str, str]:
    """The words a move's reason shows as."""
    return {
        "sale": _tr("销售"),
        "void": _tr("作废"),
        "refund": _tr("退货退款"),
        "opening": _tr("期初库存"),
        "opening_value": _tr("期初成本"),
        "receive": _tr("进货"),
        "supplier_return": _tr("退货给供应商"),
        CountReason.GAIN_OR_LOSS: _tr("盘盈/盘亏"),
        CountReason.WASTAGE: _tr("损耗"),
        CountReason.EXPIRED: _tr("过期"),
        CountReason.OTHER: _tr("其他"),
    }


class _Fields:
    """Inputs known by the service's field names, each with its sentence underneath."""

    def __init__(self, owner: QWidget, form: QFormLayout) -> None:
        self._owner = owner
        self._form = form
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget, object_name: str) -> QWidget:
        named(widget, object_name, label)
        error = QLabel(self._owner)
        error.setObjectName(f"{object_name}Error")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        cell = QWidget(self._owner)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self._form.addRow(label, cell)
        self.widgets[key] = widget
        self.errors[key] = error
        return widget

    def line(self, key: str, label: str, object_name: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit(self._owner)
        edit.setPlaceholderText(hint)
        self.add(key, label, edit, object_name)
        return edit

    def clear(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show(self, error: BaseException, fallback: Callable[[str], None]) -> None:
        text = message_for(error, context=_CONTEXT)
        field = error.field if isinstance(error, KnownError) else None
        if field in self.errors:
            assert field is not None
            self.errors[field].setText(text)
            self.errors[field].show()
            widget = self.widgets[field]
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
        else:
            fallback(text)


def _button(parent: QWidget, name: str, text: str, handler: Callable[[], object]) -> QPushButton:
    button = QPushButton(text, parent)
    named(button, name, text)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: handler())
    return button


def _status(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    named(label, name, _tr("操作结果"))
    label.setWordWrap(True)
    return label


class _Tab(QWidget):
    def __init__(self, screen: StockScreen, name: str) -> None:
        super().__init__(screen)
        self.setObjectName(name)
        self.stock = screen
        self.form = QFormLayout()
        self.fields = _Fields(self, self.form)
        self.status = _status(self, f"{name}Status")

    def find_product(self, text: str) -> ProductView:
        """The product a barcode, code, name or pinyin typed finds first."""
        typed = text.strip()
        if not typed:
            raise InputError("请输入商品条码、编码或名称", field="product")
        found = self.stock.service.search(typed, 1)
        if not found:
            raise InputError("未找到商品：%1", typed, field="product")
        return found[0]

    def say(self, text: str) -> None:
        self.status.setProperty("role", "error")
        self.status.setText(text)

    def done(self, text: str) -> None:
        self.status.setProperty("role", "")
        self.status.setText(text)


def _quantity(text: str, product: ProductView, field: str) -> int:
    try:
        return parse_quantity(text, by_weight=product.by_weight)
    except CartError as refused:
        raise InputError(refused.template, *refused.values, field=field) from None


def _yuan(text: str, field: str) -> int | None:
    typed = text.strip()
    if not typed:
        return None
    try:
        return parse_amount(typed)
    except MoneyError as refused:
        raise MoneyError(refused.template, *refused.values, field=field) from None


class SupplierTab(_Tab):
    """进货 (``receiving``) or 退货给供应商: a supplier, lines added one by one, then confirmed."""

    def __init__(self, screen: StockScreen, prefix: str, *, receiving: bool) -> None:
        super().__init__(screen, f"{prefix}Tab")
        self.receiving = receiving
        self.lines: list[tuple[StockLine, ProductView, int]] = []
        self.supplier = self.fields.line("supplier", _tr("供应商"), f"{prefix}Supplier")
        self.product = self.fields.line(
            "product",
            _tr("商品"),
            f"{prefix}Product",
            _tr("条码、编码、名称或拼音首字母"),
        )
        self.qty = self.fields.line("qty_milli", _tr("数量"), f"{prefix}Qty")
        cost_hint = "" if receiving else _tr("留空则按平均成本")
        self.unit_cost = self.fields.line(
            "unit_cost_fen", _tr("进价（元/单位）"), f"{prefix}UnitCost", cost_hint
        )
        self.line_cost = self.fields.line(
            "line_cost_fen", _tr("金额（元，整行）"), f"{prefix}LineCost", cost_hint
        )
        self.note = self.fields.line("note", _tr("备注"), f"{prefix}Note")
        for edit in (self.product, self.qty, self.unit_cost, self.line_cost):
            edit.returnPressed.connect(self.add_line)
        self.table = read_only_table(
            self,
            f"{prefix}Lines",
            _tr("明细"),
            [_tr("编码"), _tr("商品"), _tr("数量"), _tr("金额")],
        )
        add = _button(self, f"{prefix}AddLine", _tr("添加"), self.add_line)
        remove = _button(self, f"{prefix}RemoveLine", _tr("删除所选行"), self.remove_line)
        confirm_text = _tr("确认入库") if receiving else _tr("确认退货")
        self.confirm = _button(self, f"{prefix}Submit", confirm_text, self.submit)
        self.confirm.setProperty("role", "primary")
        buttons = QHBoxLayout()
        for button in (add, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def add_line(self) -> None:
        self.fields.clear()
        try:
            product = self.find_product(self.product.text())
            line = StockLine(
                product.id,
                _quantity(self.qty.text(), product, "qty_milli"),
                unit_cost_fen=_yuan(self.unit_cost.text(), "unit_cost_fen"),
                line_cost_fen=_yuan(self.line_cost.text(), "line_cost_fen"),
            )
            cost = self.stock.service.check_stock_line(line, receiving=self.receiving)
        except Exception as error:  # a known error shows by its field; a bug is logged
            self.fields.show(error, self.say)
            return
        self.lines.append((line, product, cost))
        self._fill()
        for edit in (self.product, self.qty, self.unit_cost, self.line_cost):
            edit.clear()
        self.done(_tr("已添加：%1").replace("%1", product.name))
        self.product.setFocus()

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self._fill()

    def _fill(self) -> None:
        fill_table(
            self.table,
            [
                (product.code, product.name, qty_text(line.qty_milli), format_fen(cost))
                for line, product, cost in self.lines
            ],
        )

    def submit(self) -> None:
        self.fields.clear()
        service = self.stock.service
        write = service.receive_goods if self.receiving else service.return_to_supplier
        try:
            document = write(
                self.supplier.text(),
                [line for line, _, _ in self.lines],
                note=self.note.text(),
                actor=self.stock.actor,
                approver=self.stock.approver,
            )
        except Exception as error:
            self.fields.show(error, self.say)
            return
        self.lines.clear()
        self._fill()
        self.note.clear()
        template = _tr("已入库 %1 行，金额 %2") if self.receiving else _tr("已退货 %1 行，金额 %2")
        self.done(
            template.replace("%1", str(document.lines)).replace(
                "%2", format_fen(document.value_fen)
            )
        )
        self.stock.refresh_low_stock()


class CountTab(_Tab):
    """盘点: products counted one by one, or every product listed with its book stock to be
    overwritten by what is on the shelf; the differences are booked with their reason."""

    def __init__(self, screen: StockScreen) -> None:
        super().__init__(screen, "countTab")
        self.product = self.fields.line(
            "product", _tr("商品"), "countProduct", _tr("条码、编码、名称或拼音首字母")
        )
        self.qty = self.fields.line("counted_milli", _tr("实盘数量"), "countQty")
        self.reason = QComboBox(self)
        for key in CountReason.ALL:
            self.reason.addItem(reason_labels()[key], key)
        self.fields.add("reason", _tr("差异原因"), self.reason, "countReason")
        self.note = self.fields.line("note", _tr("备注"), "countNote")
        for edit in (self.product, self.qty):
            edit.returnPressed.connect(self.add_line)
        self.products: list[ProductView] = []
        self.table = QTableWidget(0, 5, self)
        named(self.table, "countLines", _tr("盘点明细"))
        self.table.setHorizontalHeaderLabels(
            [_tr("编码"), _tr("商品"), _tr("账面库存"), _tr("实盘数量"), _tr("差异原因")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        add = _button(self, "countAddLine", _tr("添加"), self.add_line)
        load_all = _button(self, "countLoadAll", _tr("列出全部商品"), self.load_all)
        self.confirm = _button(self, "countSubmit", _tr("确认盘点"), self.submit)
        self.confirm.setProperty("role", "primary")
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(load_all)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _append(self, product: ProductView, counted: str, reason: str) -> None:
        for row, listed in enumerate(self.products):
            if listed.id == product.id:
                self._set_row(row, product, counted, reason)
                return
        self.products.append(product)
        self.table.setRowCount(len(self.products))
        self._set_row(len(self.products) - 1, product, counted, reason)

    def _set_row(self, row: int, product: ProductView, counted: str, reason: str) -> None:
        fixed = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        for column, text in enumerate((product.code, product.name, qty_text(product.stock_milli))):
            item = QTableWidgetItem(text)
            item.setFlags(fixed)
            self.table.setItem(row, column, item)
        self.table.setItem(row, 3, QTableWidgetItem(counted))
        label = QTableWidgetItem(reason_labels()[reason])
        label.setData(Qt.ItemDataRole.UserRole, reason)
        label.setFlags(fixed)
        self.table.setItem(row, 4, label)

    def add_line(self) -> None:
        self.fields.clear()
        try:
            product = self.find_product(self.product.text())
            if not product.track_stock:
                raise InputError("“%1”不计库存", product.name, field="product")
            counted = _quantity(self.qty.text(), product, "counted_milli")
        except Exception as error:
            self.fields.show(error, self.say)
            return
        self._append(product, qty_text(counted), str(self.reason.currentData()))
        self.product.clear()
        self.qty.clear()
        self.done(_tr("已添加：%1").replace("%1", product.name))
        self.product.setFocus()

    def load_all(self) -> None:
        """Every product that keeps stock, its count starting at the book stock."""
        try:
            listed = self.stock.service.browse_products()
        except Exception as error:
            self.say(message_for(error, context=_CONTEXT))
            return
        for product in listed:
            if product.track_stock and product.active:
                self._append(product, qty_text(product.stock_milli), CountReason.GAIN_OR_LOSS)
        self.done(_tr("已列出 %1 个商品").replace("%1", str(len(self.products))))

    def submit(self) -> None:
        self.fields.clear()
        try:
            counts = []
            for row, product in enumerate(self.products):
                cell = self.table.item(row, 3)
                typed = cell.text() if cell is not None else ""
                try:
                    counted = parse_quantity(typed, by_weight=product.by_weight)
                except CartError as refused:
                    raise InputError("第 %1 行（%2）：%3", row + 1, product.name, refused) from None
                chosen = self.table.item(row, 4)
                reason = chosen.data(Qt.ItemDataRole.UserRole) if chosen else None
                counts.append(CountLine(product.id, counted, str(reason)))
            document = self.stock.service.count_stock(
                counts,
                note=self.note.text(),
                actor=self.stock.actor,
                approver=self.stock.approver,
            )
        except Exception as error:
            self.fields.show(error, self.say)
            return
        self.products.clear()
        self.table.setRowCount(0)
        self.note.clear()
        self.done(
            _tr("盘点完成：%1 个商品有差异，金额 %2")
            .replace("%1", str(document.lines))
            .replace("%2", format_fen(document.value_fen))
        )
        self.stock.refresh_low_stock()


class LowStockTab(_Tab):
    """库存预警: what is at or below its reorder point, or at or below zero."""

    def __init__(self, screen: StockScreen) -> None:
        super().__init__(screen, "lowStockTab")
        self.table = read_only_table(
            self,
            "lowStockTable",
            _tr("库存预警"),
            [_tr("编码"), _tr("商品"), _tr("库存"), _tr("预警库存")],
        )
        refresh = _button(self, "lowStockRefresh", _tr("刷新"), self.load)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(refresh)
        row.addStretch(1)
        layout.addLayout(row)

    def load(self) -> None:
        try:
            low = self.stock.service.low_stock()
        except Exception as error:
            self.say(message_for(error, context=_CONTEXT))
            return
        fill_table(
            self.table,
            [
                (
                    v.code,
                    v.name,
                    qty_text(v.stock_milli),
                    "" if v.reorder_point_milli is None else qty_text(v.reorder_point_milli),
                )
                for v in low
            ],
        )
        self.done(_tr("%1 个商品库存不足").replace("%1", str(len(low))))


class MovesTab(_Tab):
    """库存流水: a product's moves, newest first, with who made each, why, and its value."""

    def __init__(self, screen: StockScreen) -> None:
        super().__init__(screen, "movesTab")
        self.product = self.fields.line(
            "product", _tr("商品"), "movesProduct", _tr("条码、编码、名称或拼音首字母")
        )
        self.product.returnPressed.connect(self.load)
        self.table = read_only_table(
            self,
            "movesTable",
            _tr("库存流水"),
            [
                _tr("时间"),
                _tr("数量"),
                _tr("成本金额"),
                _tr("原因"),
                _tr("操作人"),
                _tr("小票号 / 供应商"),
            ],
        )
        show = _button(self, "movesShow", _tr("查询"), self.load)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        row = QHBoxLayout()
        row.addWidget(show)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def load(self) -> None:
        self.fields.clear()
        try:
            product = self.find_product(self.product.text())
            moves = self.stock.service.product_moves(product.id)
            held = self.stock.service.product(product.id)
        except Exception as error:
            self.fields.show(error, self.say)
            return
        labels = reason_labels()
        fill_table(
            self.table,
            [
                (
                    _local(m.at),
                    qty_text(m.delta_milli),
                    format_fen(m.value_fen),
                    labels.get(m.reason, m.reason),
                    m.actor or "",
                    m.receipt_no or m.supplier or "",
                )
                for m in moves
            ],
        )
        self.done(
            _tr("%1：库存 %2").replace("%1", held.name).replace("%2", qty_text(held.stock_milli))
        )


def _local(at: dt.datetime) -> str:
    moment = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class StockScreen(CounterDialog):
    """Opened with a manager's (or the owner's) approval; every document is made in their name."""

    def __init__(
        self, parent: QWidget | None, session: CounterSession, approver: StaffView
    ) -> None:
        super().__init__(parent, _tr("库存"))
        self.setObjectName("stockScreen")
        self.setAccessibleName(_tr("库存"))
        self.service = session.service
        self.actor = session.staff
        self.approver = approver
        self.tabs = QTabWidget(self)
        named(self.tabs, "stockTabs", _tr("库存"))
        self.receive = SupplierTab(self, "receive", receiving=True)
        self.supplier_return = SupplierTab(self, "return", receiving=False)
        self.count = CountTab(self)
        self.low_stock = LowStockTab(self)
        self.moves = MovesTab(self)
        for tab, title in (
            (self.receive, _tr("进货")),
            (self.supplier_return, _tr("退货")),
            (self.count, _tr("盘点")),
            (self.low_stock, _tr("库存预警")),
            (self.moves, _tr("库存流水")),
        ):
            tab.setAccessibleName(title)
            self.tabs.addTab(tab, title)
        close = _button(self, "stockClose", _tr("关闭"), self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.setMinimumSize(760, 560)
        self.low_stock.load()
        self.receive.supplier.setFocus()

    def refresh_low_stock(self) -> None:
        self.low_stock.load()
