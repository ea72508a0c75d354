"""挂账还款: find a customer's open on-account sales and take a payment against one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.money import format_fen, format_yuan, parse_amount
from app.pos.tenders import TenderMethod
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.i18n import method_label

if TYPE_CHECKING:
    from app.pos.receivables import ReceivableView
    from app.ui.session import CounterSession

SETTLE_METHODS = (
    TenderMethod.CASH,
    TenderMethod.WECHAT,
    TenderMethod.ALIPAY,
    TenderMethod.BANK_CARD,
)


class ReceivablesDialog(CounterDialog):
    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("挂账还款"))
        self.setObjectName("receivablesDialog")
        self._session = session
        self.rows: list[ReceivableView] = []
        self.customer = QLineEdit(self)
        named(self.customer, "receivableCustomer", self.tr("客户姓名"))
        self.customer.setPlaceholderText(self.tr("客户姓名（留空显示全部）"))
        self.customer.returnPressed.connect(self.refresh)
        search = QPushButton(self.tr("查找"), self)
        named(search, "receivableSearch", self.tr("查找挂账"))
        search.setAutoDefault(False)
        search.clicked.connect(self.refresh)
        self.table = QTableWidget(0, 4, self)
        named(self.table, "receivableList", self.tr("未还挂账"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("客户"), self.tr("小票号"), self.tr("挂账金额"), self.tr("未还")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._prefill())
        self.amount = QLineEdit(self)
        named(self.amount, "receivableAmount", self.tr("还款金额"))
        self.amount.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.method = QComboBox(self)
        named(self.method, "receivableMethod", self.tr("还款方式"))
        for method in SETTLE_METHODS:
            self.method.addItem(method_label(method), method.value)
        settle = QPushButton(self.tr("收款"), self)
        named(settle, "receivableSettle", self.tr("收款"))
        settle.setProperty("role", "primary")
        settle.setAutoDefault(False)
        settle.clicked.connect(self.settle)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "receivableClose", self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("receivableDone")
        self.done_label.setProperty("role", "ok")
        top = QHBoxLayout()
        top.addWidget(self.customer, 1)
        top.addWidget(search)
        pay_row = QHBoxLayout()
        pay_row.addWidget(QLabel(self.tr("还款金额"), self))
        pay_row.addWidget(self.amount, 1)
        pay_row.addWidget(self.method)
        pay_row.addWidget(settle)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(pay_row)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(680, 460)
        self.refresh()
        self.customer.setFocus()

    def refresh(self) -> None:
        with Attempt(self.show_error) as attempt:
            self.rows = self._session.service.open_receivables(self.customer.text().strip())
        if attempt.failed:
            return
        self.table.setRowCount(len(self.rows))
        for row, view in enumerate(self.rows):
            for column, text in enumerate(
                (
                    view.customer_name,
                    view.receipt_no,
                    format_yuan(view.amount_fen),
                    format_yuan(view.open_fen),
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.rows:
            self.table.selectRow(0)
        self._prefill()

    def _prefill(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.amount.setText(format_fen(self.rows[row].open_fen))

    def settle(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.show_error(self.tr("请先选择一笔挂账"))
            return
        session = self._session
        with Attempt(self.show_error) as attempt:
            amount = parse_amount(self.amount.text(), allow_zero=False)
            view = session.service.settle_receivable(
                self.rows[row].id,
                amount,
                TenderMethod(self.method.currentData()),
                cashier=session.staff,
                shift_id=session.shift_id,
            )
        if attempt.failed:
            return
        self.clear_error()
        self.done_label.setText(
            self.tr("已收 %1 还款 %2，尚欠 %3")
            .replace("%1", view.customer_name)
            .replace("%2", format_yuan(amount))
            .replace("%3", format_yuan(view.open_fen))
        )
        self.refresh()
