"""促销管理: the promotion rules (new, change, schedule by dates, retire) and the promotion
blacklist. Opened with a manager's approval; every change is made (and audited) in their name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.pos.promotion_rules import Promotion
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.member_tables import fill_table, read_only_table
from app.ui.promotion_form import PromotionForm

if TYPE_CHECKING:
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

_CONTEXT = "PromotionsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _button(parent: QWidget, name: str, text: str) -> QPushButton:
    button = QPushButton(text, parent)
    named(button, name, text)
    button.setAutoDefault(False)
    return button


class PromotionsScreen(CounterDialog):
    def __init__(
        self, parent: QWidget | None, session: CounterSession, approver: StaffView
    ) -> None:
        super().__init__(parent, _tr("促销管理"))
        self.setObjectName("promotionsScreen")
        self.session = session
        self.service = session.service
        self.actor = session.staff
        self.approver = approver
        self.rules: list[Promotion] = []
        self.retired: list[bool] = []
        self.blacklist_ids: list[str] = []
        tabs = QTabWidget(self)
        named(tabs, "promotionsTabs", _tr("促销管理"))
        tabs.addTab(self._rules_tab(), _tr("促销规则"))
        tabs.addTab(self._blacklist_tab(), _tr("促销黑名单"))
        close = _button(self, "promotionsClose", _tr("关闭"))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.setMinimumSize(760, 520)
        self.load()

    # -- rules ----------------------------------------------------------------------------------

    def _rules_tab(self) -> QWidget:
        tab = QWidget(self)
        self.table = read_only_table(
            tab,
            "promotionsTable",
            _tr("促销规则"),
            [_tr("名称"), _tr("类型"), _tr("开始"), _tr("结束"), _tr("叠加"), _tr("状态")],
        )
        add = _button(tab, "promotionAdd", _tr("新增"))
        add.clicked.connect(self.add_rule)
        edit = _button(tab, "promotionEdit", _tr("修改"))
        edit.clicked.connect(self.edit_rule)
        retire = _button(tab, "promotionRetire", _tr("停用"))
        retire.clicked.connect(self.retire_rule)
        buttons = QHBoxLayout()
        for button in (add, edit, retire):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        return tab

    def load(self) -> None:
        with Attempt(self.show_error):
            views = self.service.list_promotions()
            self.rules = [v.rule for v in views]
            self.retired = [v.retired for v in views]
            fill_table(
                self.table,
                [
                    (
                        v.rule.name,
                        _tr(v.rule.kind.label),
                        v.rule.starts_on.isoformat(),
                        v.rule.ends_on.isoformat(),
                        _tr("是") if v.rule.stacks else _tr("否"),
                        _tr("已停用") if v.retired else _tr("有效"),
                    )
                    for v in views
                ],
            )
            entries = self.service.promotion_blacklist()
            self.blacklist_ids = [e.member_id for e in entries]
            fill_table(self.blacklist_table, [(e.name, e.card_no, e.reason) for e in entries])

    def _form(self, rule: Promotion | None) -> PromotionForm:
        def save(made: Promotion) -> object:
            return self.service.save_promotion(made, actor=self.actor, approver=self.approver)

        card_types = [
            (view.card_type.name, view.card_type.id)
            for view in self.session.counter.members.coupons_and_rules.card_types()
        ]
        form = PromotionForm(
            self, save, self.service.product_ids_for, card_types, self.service.today(), rule
        )
        form.present(lambda _saved: self.load())
        return form

    def add_rule(self) -> PromotionForm:
        self.clear_error()
        return self._form(None)

    def _chosen(self) -> int | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rules):
            self.show_error(_tr("请先选择一条促销"))
            return None
        return row

    def edit_rule(self) -> PromotionForm | None:
        self.clear_error()
        row = self._chosen()
        return None if row is None else self._form(self.rules[row])

    def retire_rule(self) -> None:
        self.clear_error()
        row = self._chosen()
        if row is None:
            return
        with Attempt(self.show_error) as attempt:
            self.service.retire_promotion(
                self.rules[row].id, actor=self.actor, approver=self.approver
            )
        if not attempt.failed:
            self.load()

    # -- blacklist ------------------------------------------------------------------------------

    def _blacklist_tab(self) -> QWidget:
        tab = QWidget(self)
        self.blacklist_table = read_only_table(
            tab, "blacklistTable", _tr("促销黑名单"), [_tr("姓名"), _tr("卡号"), _tr("原因")]
        )
        self.blacklist_card = QLineEdit(tab)
        named(self.blacklist_card, "blacklistCard", _tr("卡号或手机号"))
        self.blacklist_card.setPlaceholderText(_tr("卡号或手机号"))
        self.blacklist_reason = QLineEdit(tab)
        named(self.blacklist_reason, "blacklistReason", _tr("原因"))
        self.blacklist_reason.setPlaceholderText(_tr("原因"))
        add = _button(tab, "blacklistAdd", _tr("加入黑名单"))
        add.clicked.connect(self.add_to_blacklist)
        remove = _button(tab, "blacklistRemove", _tr("移出黑名单"))
        remove.clicked.connect(self.remove_from_blacklist)
        row = QHBoxLayout()
        for widget in (self.blacklist_card, self.blacklist_reason, add, remove):
            row.addWidget(widget)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.blacklist_table, 1)
        layout.addLayout(row)
        return tab

    def add_to_blacklist(self) -> None:
        self.clear_error()
        with Attempt(self.show_error) as attempt:
            self.service.blacklist_member(
                self.blacklist_card.text(),
                self.blacklist_reason.text(),
                actor=self.actor,
                approver=self.approver,
            )
        if not attempt.failed:
            self.blacklist_card.clear()
            self.blacklist_reason.clear()
            self.load()

    def remove_from_blacklist(self) -> None:
        self.clear_error()
        row = self.blacklist_table.currentRow()
        if not 0 <= row < len(self.blacklist_ids):
            self.show_error(_tr("请先选择一位会员"))
            return
        with Attempt(self.show_error) as attempt:
            self.service.unblacklist_member(
                self.blacklist_ids[row], actor=self.actor, approver=self.approver
            )
        if not attempt.failed:
            self.load()


__all__ = ["PromotionsScreen"]
