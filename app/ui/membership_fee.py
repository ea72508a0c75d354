"""办卡费 at the counter: how a paid card type's fee is paid (cash with tendered and change, or an
e-wallet or bank card), shown in the enrolment dialog and when a manager changes a member's level
to a paid type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import KnownError
from app.money import MAX_AMOUNT_FEN, format_fen, format_yuan, parse_amount
from app.pos.tenders import Tender, TenderMethod, settle
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.i18n import method_label

#: How a fee may be paid (never stored value, points or on account).
FEE_METHODS = (
    TenderMethod.CASH,
    TenderMethod.WECHAT,
    TenderMethod.ALIPAY,
    TenderMethod.BANK_CARD,
)


class FeeFields(QWidget):
    """会员费, 付款方式 and 实收 (for cash), and the change; hidden while there is no fee."""

    def __init__(self, parent: QWidget, prefix: str, *, max_fen: int) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Fee")
        self.fee_fen = 0
        self._max_fen = max_fen
        self.fee_label = QLabel(self)
        self.fee_label.setObjectName(f"{prefix}FeeAmount")
        self.fee_label.setAccessibleName(self.tr("会员费"))
        self.method = QComboBox(self)
        named(self.method, f"{prefix}FeeMethod", self.tr("会员费付款方式"))
        for method in FEE_METHODS:
            self.method.addItem(method_label(method), method.value)
        self.tendered = QLineEdit(self)
        named(self.tendered, f"{prefix}FeeTendered", self.tr("会员费实收金额"))
        self.tendered.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.change_label = QLabel(self)
        self.change_label.setObjectName(f"{prefix}FeeChange")
        self.change_label.setAccessibleName(self.tr("找零"))
        self.method.currentIndexChanged.connect(self._method_changed)
        self.tendered.textChanged.connect(self._update_change)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("会员费"), self.fee_label)
        form.addRow(self.tr("付款方式"), self.method)
        form.addRow(self.tr("实收金额"), self.tendered)
        form.addRow("", self.change_label)
        self.setVisible(False)

    def set_fee(self, fee_fen: int) -> None:
        """Show the fields for a fee (0 hides them)."""
        self.fee_fen = fee_fen
        self.fee_label.setText(format_yuan(fee_fen))
        self.tendered.setText(format_fen(fee_fen) if fee_fen else "")
        self._method_changed()
        self.setVisible(fee_fen > 0)

    def _is_cash(self) -> bool:
        return TenderMethod(self.method.currentData()) is TenderMethod.CASH

    def _method_changed(self) -> None:
        cash = self._is_cash()
        self.tendered.setEnabled(cash)
        if not cash:
            self.tendered.setText(format_fen(self.fee_fen) if self.fee_fen else "")
        self._update_change()

    def tenders(self) -> list[Tender]:
        """How the fee is paid; none while there is no fee."""
        if not self.fee_fen:
            return []
        method = TenderMethod(self.method.currentData())
        if method is not TenderMethod.CASH:
            return [Tender(method, self.fee_fen)]
        amount = parse_amount(self.tendered.text(), allow_zero=False, max_fen=self._max_fen)
        return [Tender(method, amount)]

    def _update_change(self) -> None:
        if not self.fee_fen:
            self.change_label.clear()
            return
        try:
            settlement = settle(self.fee_fen, self.tenders())
        except KnownError as exc:  # said beside the amount while it is typed
            self.change_label.setText(message_for(exc))
            return
        self.change_label.setText(
            self.tr("找零 %1").replace("%1", format_yuan(settlement.change_fen))
        )


class LevelFeeDialog(CounterDialog):
    """The fee of the paid card type a member is changed to, taken before the change is made;
    accepted with what ``pay(tenders)`` returned."""

    def __init__(
        self,
        parent: QWidget | None,
        heading: str,
        fee_fen: int,
        pay: Callable[[list[Tender]], object],
        *,
        max_fen: int = MAX_AMOUNT_FEN,
    ) -> None:
        super().__init__(parent, self.tr("收取会员费"))
        self.setObjectName("levelFeeDialog")
        self._pay = pay
        title = QLabel(heading, self)
        title.setWordWrap(True)
        self.fee = FeeFields(self, "level", max_fen=max_fen)
        self.fee.set_fee(fee_fen)
        self.fee.tendered.returnPressed.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.fee)
        layout.addWidget(self.error_label)
        layout.addLayout(
            self.confirm_row(
                self.submit,
                confirm_text=self.tr("确认收款"),
                confirm_name="levelFeeConfirm",
                confirm_accessible=self.tr("确认收款"),
                cancel_text=self.tr("取消"),
                cancel_name="levelFeeCancel",
            )
        )
        self.setMinimumWidth(420)
        self.fee.tendered.setFocus()

    def submit(self) -> None:
        with Attempt(self.show_error) as attempt:
            value = self._pay(self.fee.tenders())
        if attempt.failed:
            self.fee.tendered.selectAll()
            return
        self.finish(value)


__all__ = ["FEE_METHODS", "FeeFields", "LevelFeeDialog"]
