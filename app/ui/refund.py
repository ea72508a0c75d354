"""F9: find a receipt, return some or all of it with a manager's approval, or void today's sale."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
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

from app.money import format_yuan
from app.pos.cart import CartError, parse_quantity, qty_text
from app.pos.staff import Sensitive
from app.pos.tenders import TenderMethod
from app.ui.approval import ApprovalDialog
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.i18n import method_label

if TYPE_CHECKING:
    from app.pos.orders import OrderView, RefundResult
    from app.pos.staff import Approval
    from app.ui.session import CounterSession

COL_NAME, COL_SOLD, COL_LEFT, COL_QTY = range(4)


@dataclasses.dataclass(frozen=True)
class RefundOutcome:
    """What the dialog did: a refund (the service's RefundResult) or a void (the voided order)."""

    refunded: RefundResult | None = None
    voided: OrderView | None = None


class RefundDialog(CounterDialog):
    def __init__(
        self, parent: QWidget | None, session: CounterSession, receipt_no: str = ""
    ) -> None:
        super().__init__(parent, self.tr("退货 / 作废"))
        self.setObjectName("refundDialog")
        self._session = session
        self.order: OrderView | None = None

        self.receipt = QLineEdit(receipt_no, self)
        named(self.receipt, "refundReceipt", self.tr("小票号"))
        self.receipt.setPlaceholderText(self.tr("扫描或输入小票号"))
        self.receipt.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.receipt.returnPressed.connect(self.find_order)
        find = QPushButton(self.tr("查找"), self)
        named(find, "refundFind", self.tr("查找小票"))
        find.setAutoDefault(False)
        find.clicked.connect(self.find_order)

        self.info = QLabel(self)
        self.info.setObjectName("refundOrderInfo")
        self.info.setWordWrap(True)

        self.lines = QTableWidget(0, 4, self)
        named(self.lines, "refundLines", self.tr("小票商品"))
        self.lines.setHorizontalHeaderLabels(
            [self.tr("名称"), self.tr("已售"), self.tr("可退"), self.tr("退货数量")]
        )
        self.lines.verticalHeader().hide()
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (COL_SOLD, COL_LEFT, COL_QTY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.method = QComboBox(self)
        named(self.method, "refundMethod", self.tr("退款方式"))
        self.reason = QLineEdit(self)
        named(self.reason, "refundReason", self.tr("退货原因"))
        self.reason.setMaxLength(40)
        self.reason.setPlaceholderText(self.tr("如：质量问题、顾客不要了"))
        form = QFormLayout()
        form.addRow(self.tr("退款方式"), self.method)
        form.addRow(self.tr("原因"), self.reason)

        self.refund_button = QPushButton(self.tr("退货退款"), self)
        named(self.refund_button, "refundConfirm", self.tr("退货退款"))
        self.refund_button.setProperty("role", "primary")
        self.refund_button.clicked.connect(self.ask_refund)
        self.void_button = QPushButton(self.tr("作废整单"), self)
        named(self.void_button, "voidButton", self.tr("作废整单"))
        self.void_button.setProperty("role", "danger")
        self.void_button.clicked.connect(self.ask_void)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "refundClose", self.tr("关闭"))
        close.clicked.connect(self.reject)
        for button in (self.refund_button, self.void_button, close):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.receipt, 1)
        top.addWidget(find)
        buttons = QHBoxLayout()
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.refund_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.lines, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(720, 540)
        self._set_enabled(False)
        self.receipt.setFocus()
        if receipt_no:
            self.find_order()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.lines, self.method, self.reason, self.refund_button, self.void_button):
            widget.setEnabled(enabled)

    # -- finding the receipt -------------------------------------------------------------------

    def find_order(self) -> None:
        text = self.receipt.text().strip()
        if not text:
            self.show_error(self.tr("请扫描或输入小票号"))
            return
        with Attempt(self.show_error) as attempt:
            order = self._session.service.find_order(text)
        if attempt.failed:
            self.order = None
            self.lines.setRowCount(0)
            self.info.clear()
            self._set_enabled(False)
            return
        self.clear_error()
        self.show_order(order)

    def show_order(self, order: OrderView) -> None:
        self.order = order
        payments = "，".join(
            f"{method_label(p.method)} {format_yuan(p.amount_fen)}" for p in order.payments
        )
        self.info.setText(
            self.tr("%1  %2  收银员 %3  合计 %4  %5")
            .replace("%1", order.receipt_no)
            .replace("%2", order.created_at.strftime("%Y-%m-%d"))
            .replace("%3", order.cashier_name)
            .replace("%4", format_yuan(order.total_fen))
            .replace("%5", payments)
        )
        self.lines.setRowCount(len(order.lines))
        for row, line in enumerate(order.lines):
            for column, text in (
                (COL_NAME, line.name),
                (COL_SOLD, f"{qty_text(line.qty_milli)} {line.unit}"),
                (COL_LEFT, qty_text(line.refundable_qty_milli)),
            ):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.lines.setItem(row, column, item)
            self.lines.setItem(row, COL_QTY, QTableWidgetItem(qty_text(line.refundable_qty_milli)))
        self.method.clear()
        methods = list(dict.fromkeys(p.method for p in order.payments))
        if len(methods) > 1 or (methods and methods[0] is not TenderMethod.CASH):
            # Back the way it came: each payment of the sale gets its share.
            self.method.addItem(self.tr("原路退回"), None)
        self.method.addItem(method_label(TenderMethod.CASH), TenderMethod.CASH.value)
        for method in methods:
            if method is not TenderMethod.CASH:
                self.method.addItem(method_label(method), method.value)
        self._set_enabled(True)

    # -- refund --------------------------------------------------------------------------------

    def quantities(self) -> dict[str, int]:
        """Line id -> quantity (milli) from the table; raises with the offending line's name."""
        assert self.order is not None
        chosen: dict[str, int] = {}
        for row, line in enumerate(self.order.lines):
            item = self.lines.item(row, COL_QTY)
            text = item.text().strip() if item is not None else ""
            if not text or text == "0":
                continue
            try:
                qty = parse_quantity(text, by_weight=True)
            except CartError as exc:
                raise CartError("%1：%2", line.name, exc) from exc
            if qty > line.refundable_qty_milli:
                raise CartError(
                    self.tr("“%1”最多可退 %2")
                    .replace("%1", line.name)
                    .replace("%2", qty_text(line.refundable_qty_milli))
                )
            if qty:
                chosen[line.line_id] = qty
        if not chosen:
            raise CartError(self.tr("请填写要退的数量"))
        return chosen

    def ask_refund(self) -> None:
        if self.order is None:
            return
        with Attempt(self.show_error) as attempt:
            chosen = self.quantities()
        if attempt.failed:
            return
        self.clear_error()
        ApprovalDialog(
            self,
            self._session.service,
            Sensitive.REFUND,
            self._session.staff,
            detail=self.tr("小票 %1").replace("%1", self.order.receipt_no),
        ).present(functools.partial(self._refund, chosen))

    def _refund(self, chosen: dict[str, int], approval: Approval) -> None:
        assert self.order is not None
        session = self._session
        with Attempt(self.show_error) as attempt:
            result = session.service.refund(
                self.order.receipt_no,
                chosen,
                method=None
                if self.method.currentData() is None
                else TenderMethod(self.method.currentData()),
                cashier=session.staff,
                approval=approval,
                shift_id=session.shift_id,
                reason=self.reason.text().strip(),
            )
        if attempt.failed:
            return
        self.finish(RefundOutcome(refunded=result))

    # -- void ----------------------------------------------------------------------------------

    def ask_void(self) -> None:
        if self.order is None:
            return
        ApprovalDialog(
            self,
            self._session.service,
            Sensitive.VOID,
            self._session.staff,
            detail=self.tr("作废小票 %1").replace("%1", self.order.receipt_no),
        ).present(self._void)

    def _void(self, approval: Approval) -> None:
        assert self.order is not None
        session = self._session
        with Attempt(self.show_error) as attempt:
            result = session.service.void(
                self.order.receipt_no, cashier=session.staff, approval=approval
            )
        if attempt.failed:
            return
        self.finish(RefundOutcome(voided=result))
