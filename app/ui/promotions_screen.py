"""促销管理: the promotion rules (new, change, schedule by dates, retire) and the promotion
blacklist, by hand and by rule. Opened with a manager's approval; every change is made (and
audited) in their name. Rules the head office set are listed as such and open read-only.
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

from app.errors import InputError
from app.money import parse_amount
from app.pos.promotion_blacklist import DEFAULT_DAYS, BlacklistRules
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


def _edit(parent: QWidget, name: str, text: str) -> QLineEdit:
    edit = QLineEdit(parent)
    named(edit, name, text)
    edit.setPlaceholderText(text)
    return edit


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
        self.from_head_office: list[bool] = []
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
            [
                _tr("名称"),
                _tr("类型"),
                _tr("开始"),
                _tr("结束"),
                _tr("叠加"),
                _tr("状态"),
                _tr("来源"),
            ],
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
            self.from_head_office = [v.from_head_office for v in views]
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
                        _tr("总部") if v.from_head_office else _tr("本店"),
                    )
                    for v in views
                ],
            )
            entries = self.service.promotion_blacklist()
            self.blacklist_ids = [e.member_id for e in entries]
            fill_table(
                self.blacklist_table,
                [
                    (e.name, e.card_no, e.reason, _tr("规则") if e.by_rule else _tr("手动"))
                    for e in entries
                ],
            )
            self._show_rules(self.service.blacklist_rules())

    def _form(self, rule: Promotion | None, *, read_only: bool = False) -> PromotionForm:
        def save(made: Promotion) -> object:
            return self.service.save_promotion(made, actor=self.actor, approver=self.approver)

        card_types = [
            (view.card_type.name, view.card_type.id)
            for view in self.session.counter.members.coupons_and_rules.card_types()
        ]
        categories = [(c.name, c.id) for c in self.service.categories()]
        form = PromotionForm(
            self,
            save,
            self.service.product_ids_for,
            card_types,
            self.service.today(),
            rule,
            categories=categories,
            read_only=read_only,
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
        if row is None:
            return None
        return self._form(self.rules[row], read_only=self.from_head_office[row])

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
            tab,
            "blacklistTable",
            _tr("促销黑名单"),
            [_tr("姓名"), _tr("卡号"), _tr("原因"), _tr("列入方式")],
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
        layout.addLayout(self._rules_row(tab))
        return tab

    def _rules_row(self, tab: QWidget) -> QHBoxLayout:
        """按规则列入: members with a tag, or whose refunds in N days reach a count or amount."""
        self.rule_tags = _edit(tab, "blacklistRuleTags", _tr("带这些标签的会员"))
        self.rule_days = _edit(tab, "blacklistRuleDays", _tr("统计天数"))
        self.rule_count = _edit(tab, "blacklistRuleCount", _tr("退货次数达到"))
        self.rule_amount = _edit(tab, "blacklistRuleAmount", _tr("或退货金额达到（元）"))
        save = _button(tab, "blacklistRulesSave", _tr("保存规则"))
        save.clicked.connect(self.save_blacklist_rules)
        row = QHBoxLayout()
        for widget in (self.rule_tags, self.rule_days, self.rule_count, self.rule_amount, save):
            row.addWidget(widget)
        return row

    def _show_rules(self, rules: BlacklistRules) -> None:
        self.rule_tags.setText("，".join(rules.tags))
        self.rule_days.setText(str(rules.refund_days))
        self.rule_count.setText(str(rules.refund_count or ""))
        self.rule_amount.setText(f"{rules.refund_fen / 100:.2f}" if rules.refund_fen else "")

    def _typed_rules(self) -> BlacklistRules:
        def whole(edit: QLineEdit, field: str) -> int | None:
            typed = edit.text().strip()
            if not typed:
                return None
            if not typed.isdigit():
                raise InputError("“%1”不是整数", typed, field=field)
            return int(typed)

        amount = self.rule_amount.text().strip()
        days = whole(self.rule_days, "refund_days")
        return BlacklistRules(
            tags=tuple(self.rule_tags.text().replace("，", ",").split(",")),
            refund_days=DEFAULT_DAYS if days is None else days,
            refund_count=whole(self.rule_count, "refund_count"),
            refund_fen=parse_amount(amount) if amount else None,
        )

    def save_blacklist_rules(self) -> None:
        self.clear_error()
        with Attempt(self.show_error) as attempt:
            self.service.save_blacklist_rules(
                self._typed_rules(), actor=self.actor, approver=self.approver
            )
        if not attempt.failed:
            self.load()

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
