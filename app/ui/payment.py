"""F12: take payment in one or several tenders, showing the change live, then ring up the sale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.money import format_fen, format_yuan, parse_amount
from app.pos.tenders import Tender, TenderError, TenderMethod, settle
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.i18n import method_label
from app.ui.tender_keys import tender_for, with_key

if TYPE_CHECKING:
    from app.ui.member_dialogs import MemberTenders
    from app.ui.session import CounterSession

EXTERNAL_METHODS = (TenderMethod.WECHAT, TenderMethod.ALIPAY, TenderMethod.BANK_CARD)
MEMBER_METHODS = (TenderMethod.STORED_VALUE, TenderMethod.POINTS)


class PaymentDialog(CounterDialog):
    """Accepted with the service's SaleResult; nothing is written until confirmPayment succeeds."""

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("结账"))
        self.setObjectName("paymentDialog")
        self._session = session
        self._max_fen = session.counter.config.max_amount_fen
        self.total_fen = session.cart.totals().total_fen
        self.tenders: list[Tender] = []
        layout = QVBoxLayout(self)  # top to bottom: due, ways to pay, tenders, change, buttons
        for part in (self._build_due_row(), self._build_tender_grid(), self._build_tender_list()):
            layout.addLayout(part)
        self.change_label = QLabel(self)
        self.change_label.setObjectName("changeDue")
        self.change_label.setAccessibleName(self.tr("找零"))
        self.change_label.setProperty("role", "change")
        layout.addWidget(self.change_label)
        layout.addWidget(self.error_label)
        layout.addLayout(self._build_confirm_row())
        self.setMinimumWidth(560)
        self.member_tenders: MemberTenders | None = None
        if session.cart.member is not None:  # 储值 and 积分 only with a member attached
            from app.ui.member_dialogs import MemberTenders

            self.member_tenders = MemberTenders(self, session, self)
            layout.insertWidget(2, self.member_tenders)
        self._prefill()
        self.external.installEventFilter(self)  # a combo box would take F4 to open its list
        self.amount.setFocus()

    # -- building the dialog -------------------------------------------------------------------

    def _build_due_row(self) -> QHBoxLayout:
        due_caption = QLabel(self.tr("应收"), self)
        due_caption.setProperty("role", "caption")
        self.due_label = QLabel(format_yuan(self.total_fen), self)
        self.due_label.setObjectName("paymentTotal")
        self.due_label.setProperty("role", "total")
        due_row = QHBoxLayout()
        due_row.addWidget(due_caption)
        due_row.addStretch(1)
        due_row.addWidget(self.due_label)
        return due_row

    def _build_tender_grid(self) -> QGridLayout:
        """One row per way to pay: cash (the amount field), electronic, on account."""
        self.amount = QLineEdit(self)
        named(self.amount, "tenderAmount", self.tr("金额"))
        self.amount.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.amount.setInputMethodHints(
            Qt.InputMethodHint.ImhFormattedNumbersOnly | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.amount.setProperty("role", "bigInput")
        self.amount.textChanged.connect(self._update_change)
        self.cash_button = self._tender_button(
            with_key(self.tr("现金"), TenderMethod.CASH),
            "tenderCash",
            self.tr("现金付款"),
            TenderMethod.CASH,
        )
        self._build_external_tender()
        self.account_button = self._tender_button(
            with_key(self.tr("挂账"), TenderMethod.ON_ACCOUNT),
            "tenderOnAccount",
            self.tr("挂账"),
            TenderMethod.ON_ACCOUNT,
        )
        self.customer = QLineEdit(self)
        named(self.customer, "tenderCustomer", self.tr("挂账客户姓名"))
        self.customer.setPlaceholderText(self.tr("挂账客户姓名"))
        self.customer.setMaxLength(40)
        account_row = self._build_account_choice()
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("金额"), self), 0, 0)
        grid.addWidget(self.amount, 0, 1, 1, 2)
        grid.addWidget(self.cash_button, 0, 3)
        grid.addWidget(QLabel(self.tr("电子支付"), self), 1, 0)
        grid.addWidget(self.external, 1, 1)
        grid.addWidget(self.reference, 1, 2)
        grid.addWidget(self.external_button, 1, 3)
        grid.addLayout(self._build_external_buttons(), 2, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("挂账"), self), 3, 0)
        grid.addLayout(account_row, 3, 1, 1, 2)
        grid.addWidget(self.account_button, 3, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        return grid

    def _build_account_choice(self) -> QHBoxLayout:
        """挂账 goes to the attached member (name and masked card shown) unless the cashier ticks
        "another customer"; without a member it asks for the customer's name."""
        member = self._session.cart.member
        self.account_member = QLabel(self)
        self.account_member.setObjectName("tenderAccountMember")
        self.account_member.setAccessibleName(self.tr("挂账会员"))
        self.account_to_customer = QCheckBox(self.tr("挂其他客户"), self)
        named(self.account_to_customer, "tenderAccountToCustomer", self.tr("挂账到其他客户"))
        self.account_to_customer.toggled.connect(self._account_choice_changed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.account_member, 1)
        row.addWidget(self.customer, 1)
        row.addWidget(self.account_to_customer)
        if member is not None:
            text = (
                self.tr("会员 %1（%2）")
                .replace("%1", member.name)
                .replace("%2", member.card_no_masked)
            )
            with Attempt(self.show_error):
                owed = self._session.service.member_owed(member.member_id).owed_fen
                if owed:
                    text += self.tr("，已欠 %1").replace("%1", format_yuan(owed))
            self.account_member.setText(text)
        self.account_member.setVisible(member is not None)
        self.account_to_customer.setVisible(member is not None)
        self.customer.setVisible(member is None)
        return row

    def _account_choice_changed(self, to_customer: bool) -> None:
        self.account_member.setVisible(not to_customer)
        self.customer.setVisible(to_customer)
        if to_customer:
            self.customer.setFocus()

    def account_to_member(self) -> bool:
        """Is 挂账 now going to the attached member?"""
        return self._session.cart.member is not None and not self.account_to_customer.isChecked()

    def _on_account(self, amount: int) -> Tender:
        """An on-account tender to the member, or to the customer named in the field."""
        member = self._session.cart.member
        if member is not None and self.account_to_member():
            return Tender(
                TenderMethod.ON_ACCOUNT,
                amount,
                customer_name=member.name,
                account_member_id=member.member_id,
            )
        name = self.customer.text().strip()
        if not name:
            raise TenderError(self.tr("挂账须填写客户姓名"))
        return Tender(TenderMethod.ON_ACCOUNT, amount, customer_name=name)

    def _customer_missing(self, method: TenderMethod) -> bool:
        return (
            method is TenderMethod.ON_ACCOUNT
            and not self.account_to_member()
            and not self.customer.text().strip()
        )

    def _tender_button(
        self, text: str, object_name: str, accessible: str, method: TenderMethod
    ) -> QPushButton:
        button = QPushButton(text, self)
        named(button, object_name, accessible)
        button.clicked.connect(lambda: self.choose(method))  # a click does what its key does
        button.setAutoDefault(False)  # Enter confirms the payment, never adds a tender
        return button

    def _build_external_tender(self) -> None:
        """WeChat, Alipay or bank card, with the payment's reference when the cashier has it."""
        self.external = QComboBox(self)
        named(self.external, "tenderExternal", self.tr("电子支付方式"))
        for method in EXTERNAL_METHODS:
            self.external.addItem(method_label(method), method.value)
        self.external_button = QPushButton(self.tr("添加"), self)
        named(self.external_button, "tenderExternalAdd", self.tr("添加电子支付"))
        self.external_button.clicked.connect(
            lambda: self.add_tender(TenderMethod(self.external.currentData()))
        )
        self.external_button.setAutoDefault(False)
        self.reference = QLineEdit(self)
        named(self.reference, "tenderReference", self.tr("支付参考号"))
        self.reference.setPlaceholderText(self.tr("参考号（可不填）"))
        self.reference.setMaxLength(64)

    def _build_external_buttons(self) -> QHBoxLayout:
        """Bank card, WeChat and Alipay each on a button of its own, with its key."""
        names = {
            TenderMethod.BANK_CARD: "tenderBankCard",
            TenderMethod.WECHAT: "tenderWechat",
            TenderMethod.ALIPAY: "tenderAlipay",
        }
        row = QHBoxLayout()
        for method in (TenderMethod.BANK_CARD, TenderMethod.WECHAT, TenderMethod.ALIPAY):
            label = method_label(method)
            button = self._tender_button(with_key(label, method), names[method], label, method)
            row.addWidget(button)
        return row

    def _build_tender_list(self) -> QHBoxLayout:
        self.tender_list = QListWidget(self)
        named(self.tender_list, "tenderList", self.tr("已添加的付款"))
        self.tender_list.setMaximumHeight(120)
        self.remove_button = QPushButton(self.tr("移除所选付款"), self)
        named(self.remove_button, "tenderRemove", self.tr("移除所选付款"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setAutoDefault(False)
        list_row = QHBoxLayout()
        list_row.addWidget(self.tender_list, 1)
        list_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        return list_row

    def _build_confirm_row(self) -> QHBoxLayout:
        return self.confirm_row(  # keyPressEvent takes Enter
            self.confirm,
            confirm_text=self.tr("确认收款 (Enter)"),
            confirm_name="confirmPayment",
            confirm_accessible=self.tr("确认收款"),
            cancel_text=self.tr("取消 (Esc)"),
            cancel_name="cancelPayment",
        )

    # -- tenders -------------------------------------------------------------------------------

    def _paid_fen(self) -> int:
        return sum(t.amount_fen for t in self.tenders)

    def _still_due(self) -> int:
        return max(0, self.total_fen - self._paid_fen())

    def _prefill(self) -> None:
        due = self._still_due()
        self.amount.setText(format_fen(due) if due else "")
        self.amount.selectAll()
        self._update_change()

    def choose(self, method: TenderMethod) -> bool:
        """A tender's key: the amount in the field (still due, unless the cashier typed another)
        paid that way."""
        if method in MEMBER_METHODS and self.member_tenders is None:
            self.show_error(self.tr("储值和积分付款须先识别会员（F2）"))
            return False
        if not self.amount.text().strip():
            self._prefill()
        return self.add_tender(method)

    def _typed_amount(self) -> int:
        return parse_amount(self.amount.text(), allow_zero=False, max_fen=self._max_fen)

    def add_tender(self, method: TenderMethod) -> bool:
        with Attempt(self.show_error) as attempt:
            amount = self._typed_amount()
            if method is TenderMethod.ON_ACCOUNT:
                tender = self._on_account(amount)
            else:
                tender = Tender(
                    method=method,
                    amount_fen=amount,
                    reference=self.reference.text().strip() or None
                    if method in EXTERNAL_METHODS
                    else None,
                )
            if self.member_tenders is not None:
                self.member_tenders.check(tender, self.tenders)
            if not method.gives_change:
                non_cash = sum(t.amount_fen for t in self.tenders if not t.method.gives_change)
                if non_cash + amount > self.total_fen:
                    raise TenderError(
                        self.tr("非现金付款不能超过应收，还需 %1").replace(
                            "%1", format_yuan(max(0, self.total_fen - non_cash))
                        )
                    )
        if attempt.failed:
            if self._customer_missing(method):
                self.customer.setFocus()  # the name is what is missing
            else:
                self.amount.setFocus()
                self.amount.selectAll()
            return False
        self.clear_error()
        self.tenders.append(tender)
        self.tender_list.addItem(self._tender_text(tender))
        self.tender_list.setCurrentRow(self.tender_list.count() - 1)
        self.reference.clear()
        self._prefill()
        asked = (  # once nothing is due, a card that pays asks for its password next
            self._still_due() == 0
            and self.member_tenders is not None
            and self.member_tenders.ask_password(self.tenders)
        )
        if not asked:
            self.amount.setFocus()
        return True

    def _tender_text(self, tender: Tender) -> str:
        member_text = self.member_tenders and self.member_tenders.tender_text(tender)
        if member_text:
            return member_text
        text = f"{method_label(tender.method)}  {format_yuan(tender.amount_fen)}"
        if tender.reference:
            text += f"  ({tender.reference})"
        if tender.customer_name:
            text += f"  {tender.customer_name}"
        member = self._session.cart.member
        if tender.account_member_id and member is not None:
            text += f"  {member.card_no_masked}"
        return text

    def remove_selected(self) -> None:
        row = self.tender_list.currentRow()
        if 0 <= row < len(self.tenders):
            del self.tenders[row]
            self.tender_list.takeItem(row)
            self._prefill()

    # -- change and confirmation ---------------------------------------------------------------

    def _tenders_with_typed(self) -> list[Tender]:
        """The added tenders, plus what is typed in the amount field as cash while still short."""
        tenders = list(self.tenders)
        if self._still_due() > 0 and self.amount.text().strip():
            tenders.append(Tender(TenderMethod.CASH, self._typed_amount()))
        return tenders

    def _update_change(self) -> None:
        try:
            settlement = settle(self.total_fen, self._tenders_with_typed())
        except KnownError as exc:  # said beside the amount while it is typed
            self.change_label.setText(message_for(exc))
            self.change_label.setProperty("state", "short")
        else:
            self.change_label.setText(
                self.tr("找零 %1").replace("%1", format_yuan(settlement.change_fen))
            )
            self.change_label.setProperty("state", "ok")
        self.change_label.style().unpolish(self.change_label)
        self.change_label.style().polish(self.change_label)

    def confirm(self) -> None:
        session = self._session
        with Attempt(self.show_error) as attempt:
            tenders = self._tenders_with_typed()
            settle(self.total_fen, tenders)  # the service checks again; this words it first
            checked = None if self.member_tenders is None else self.member_tenders.verify(tenders)
            result = session.service.pay(
                session.cart,
                tenders,
                cashier=session.staff,
                shift_id=session.shift_id,
                member_password=checked,
            )
        if attempt.failed:
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self.finish(result)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter confirms; a tender's key (TENDER_KEYS) chooses it, from any field."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return
        method = tender_for(event)
        if method is not None:
            self.choose(method)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.external and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            method = tender_for(event)
            if method is not None:
                self.choose(method)
                return True
        return super().eventFilter(watched, event)
