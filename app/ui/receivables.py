"""挂账还款: who owes what on account and since when, grouped by member or named customer, and a
payment taken against all a debtor owes (oldest sale first) or against one sale."""

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
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.money import format_fen, format_yuan, parse_amount
from app.pos.staff import Sensitive
from app.pos.tenders import TenderMethod
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.forms import FormDialog
from app.ui.i18n import method_label

if TYPE_CHECKING:
    from app.config import Config
    from app.pos.receivables import DebtorView, ReceivableView
    from app.pos.staff import Approval
    from app.ui.session import CounterSession

SETTLE_METHODS = (
    TenderMethod.CASH,
    TenderMethod.WECHAT,
    TenderMethod.ALIPAY,
    TenderMethod.BANK_CARD,
)

#: Where an item of the list points: (debtor's row, sale's row under it or -1 for the debtor).
_WHERE = Qt.ItemDataRole.UserRole


class ReceivablesDialog(CounterDialog):
    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("挂账还款"))
        self.setObjectName("receivablesDialog")
        self._session = session
        self.debtors: list[DebtorView] = []
        self.customer = QLineEdit(self)
        named(self.customer, "receivableCustomer", self.tr("按姓名、卡号或手机号查找"))
        self.customer.setPlaceholderText(self.tr("姓名 / 会员卡号 / 手机号（留空显示全部）"))
        self.customer.returnPressed.connect(self.refresh)
        search = QPushButton(self.tr("查找"), self)
        named(search, "receivableSearch", self.tr("查找挂账"))
        search.setAutoDefault(False)
        search.clicked.connect(self.refresh)
        self.table = self._build_list()
        self.total_label = QLabel(self)
        self.total_label.setObjectName("receivableTotal")
        self.total_label.setAccessibleName(self.tr("欠款合计"))
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
        self.limit_label = QLabel(self)
        self.limit_label.setObjectName("receivableLimitShown")
        self.limit_label.setAccessibleName(self.tr("每人挂账上限"))
        limit = QPushButton(self.tr("挂账额度（需店长授权）"), self)
        named(limit, "receivableLimitButton", self.tr("设置挂账额度"))
        limit.setAutoDefault(False)
        limit.clicked.connect(self.ask_limit)
        self.done_label = QLabel(self)
        self.done_label.setObjectName("receivableDone")
        self.done_label.setProperty("role", "ok")
        self.done_label.setWordWrap(True)
        hint = QLabel(
            self.tr("选中欠款人收其全部或部分欠款（先还最早的），选中一张小票只收该单"), self
        )
        hint.setProperty("role", "caption")
        hint.setWordWrap(True)
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
        buttons.addWidget(self.limit_label)
        buttons.addWidget(limit)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(hint)
        layout.addLayout(pay_row)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(900, 540)
        self._show_limit()
        self.refresh()
        self.customer.setFocus()

    def _build_list(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        named(tree, "receivableList", self.tr("未还挂账"))
        tree.setHeaderLabels(
            [
                self.tr("欠款人 / 小票号"),
                self.tr("会员卡号 / 手机"),
                self.tr("未还"),
                self.tr("挂账金额 / 笔数"),
                self.tr("挂账日期"),
                self.tr("已欠天数"),
            ]
        )
        tree.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.currentItemChanged.connect(lambda *_: self._prefill())
        return tree

    # -- the list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        with Attempt(self.show_error) as attempt:
            self.debtors = self._session.service.outstanding(self.customer.text().strip())
        if attempt.failed:
            return
        self.table.clear()
        for row, debtor in enumerate(self.debtors):
            item = QTreeWidgetItem(
                [
                    debtor.name,
                    " ".join(part for part in (debtor.card_no_masked, debtor.phone_masked) if part),
                    format_yuan(debtor.owed_fen),
                    self.tr("%1 笔").replace("%1", str(len(debtor.receivables))),
                    self.tr("自 %1").replace("%1", debtor.since.isoformat()),
                    self._days(debtor.days),
                ]
            )
            item.setData(0, _WHERE, (row, -1))
            for number, sale in enumerate(debtor.receivables):
                child = QTreeWidgetItem(
                    [
                        sale.receipt_no,
                        "",
                        format_yuan(sale.open_fen),
                        format_yuan(sale.amount_fen),
                        sale.sold_on.isoformat() if sale.sold_on else "",
                        "",
                    ]
                )
                child.setData(0, _WHERE, (row, number))
                item.addChild(child)
            self.table.addTopLevelItem(item)
            item.setExpanded(True)
        owed = sum(d.owed_fen for d in self.debtors)
        self.total_label.setText(
            self.tr("共 %1 位欠款，合计 %2")
            .replace("%1", str(len(self.debtors)))
            .replace("%2", format_yuan(owed))
        )
        if self.debtors:
            self.choose(0)
        self._prefill()

    def take_card(self, card_no: str) -> None:
        """A card from a serial reader while this list is open: what that member owes."""
        self.customer.setText(card_no)
        self.refresh()

    def _days(self, days: int) -> str:
        return self.tr("今天") if days == 0 else self.tr("%1 天").replace("%1", str(days))

    def chosen(self) -> tuple[DebtorView, ReceivableView | None] | None:
        """The debtor chosen in the list, and the one sale when a sale is chosen."""
        item = self.table.currentItem()
        if item is None:
            return None
        row, number = item.data(0, _WHERE) or (-1, -1)
        if not 0 <= row < len(self.debtors):
            return None
        debtor = self.debtors[row]
        return debtor, debtor.receivables[number] if number >= 0 else None

    def choose(self, debtor_row: int, sale_row: int = -1) -> None:
        """Choose a debtor (all they owe) or one of their sales, as a click would."""
        item = self.table.topLevelItem(debtor_row)
        if item is not None and sale_row >= 0:
            item = item.child(sale_row)
        if item is not None:
            self.table.setCurrentItem(item)

    def _prefill(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.amount.clear()
            return
        debtor, sale = chosen
        self.amount.setText(format_fen(sale.open_fen if sale else debtor.owed_fen))
        self.amount.selectAll()

    # -- the store's credit limit --------------------------------------------------------------

    def _show_limit(self) -> None:
        limit = self._session.counter.config.on_account_limit_fen
        self.limit_label.setText(
            self.tr("每人上限 %1").replace("%1", format_yuan(limit)) if limit else self.tr("不限额")
        )

    def ask_limit(self) -> None:
        """挂账额度: what one member or named customer may owe at once, set with a manager's
        approval; 0 or blank for no limit."""
        with_approval(
            self,
            self._session,
            Sensitive.MEMBER_RULES,
            self._limit_form,
            detail=self.tr("设置挂账额度"),
        )

    def _limit_form(self, approval: Approval) -> None:
        session = self._session

        def save(form: FormDialog) -> Config:
            limit = form.yuan("on_account_limit_fen", required=False) or 0
            return session.service.set_on_account_limit(
                limit, cashier=session.staff, approval=approval
            )

        current = session.counter.config.on_account_limit_fen
        form = FormDialog(self, self.tr("挂账额度"), "receivableLimitForm", save)
        form.line(
            "on_account_limit_fen",
            self.tr("每人挂账上限（元）"),
            "receivableLimit",
            format_fen(current) if current else "",
            hint=self.tr("留空或 0 为不限"),
        )
        form.present(self._limit_saved)

    def _limit_saved(self, config: Config) -> None:
        self._session.counter.apply_settings(config)
        self._show_limit()
        self.done_label.setText(self.tr("挂账额度已保存"))

    # -- settling ------------------------------------------------------------------------------

    def settle(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.show_error(self.tr("请先选择欠款人或一笔挂账"))
            return
        debtor, sale = chosen
        session = self._session
        with Attempt(self.show_error) as attempt:
            amount = parse_amount(self.amount.text(), allow_zero=False)
            method = TenderMethod(self.method.currentData())
            if sale is not None:
                left = session.service.settle_receivable(
                    sale.id, amount, method, cashier=session.staff, shift_id=session.shift_id
                ).open_fen
                left_all = debtor.owed_fen - amount
            else:
                left = left_all = session.service.settle_debtor(
                    debtor.debtor, amount, method, cashier=session.staff, shift_id=session.shift_id
                ).left_fen
        if attempt.failed:
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self.clear_error()
        done = (
            self.tr("已收 %1 还款 %2，尚欠 %3")
            .replace("%1", debtor.name)
            .replace("%2", format_yuan(amount))
            .replace("%3", format_yuan(left_all))
        )
        if sale is not None:
            done += (
                self.tr("（小票 %1 尚欠 %2）")
                .replace("%1", sale.receipt_no)
                .replace("%2", format_yuan(left))
            )
        self.done_label.setText(done)
        self.refresh()
