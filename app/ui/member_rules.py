"""The store's member rules as a tab of the members screen: card types, top-up bonus rules,
automatic tags and the points and stored-value settings, each shown in words and changed in a
form after a manager's approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.members.auto_tags import SEXES, AutoTagRule, AutoTagRuleView
from app.members.card_types import BonusRuleInput, BonusRuleView, CardTypeInput, CardTypeView
from app.members.levels import CardType
from app.members.settings import MemberSettings
from app.money import format_yuan
from app.pos.staff import Sensitive, approver_of
from app.ui.approval import with_approval
from app.ui.auto_tag_form import AutoTagForm
from app.ui.bonus_rule_form import BonusRuleForm
from app.ui.card_type_form import (
    CardTypeForm,
    fold_text,
    fraction_of,
    metric_label,
    number_text,
    points_per_yuan_of_value,
    threshold_words,
)
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.member_settings_form import MemberSettingsForm, settings_words
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.members.coupons import TemplateView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession


class MemberRulesPanel(QWidget):
    """Card types, top-up bonus rules and the member settings; every change needs a manager."""

    def __init__(self, parent: QWidget, session: CounterSession) -> None:
        super().__init__(parent)
        self.setObjectName("memberRules")
        self._session = session
        self._parent = parent
        self.members: MemberDesk = session.counter.members
        self.card_type_views: list[CardTypeView] = []
        self.bonus_rule_views: list[BonusRuleView] = []
        self.auto_tag_views: list[AutoTagRuleView] = []
        self._templates: dict[str, TemplateView] = {}
        self._build_tables()
        column = QVBoxLayout(self)
        column.addLayout(self._settings_row())
        column.addLayout(self._card_types_box(), 3)
        column.addLayout(self._bonus_rules_box(), 2)
        column.addLayout(self._auto_tags_box(), 2)
        self.load()

    # -- building -------------------------------------------------------------------------------

    def _build_tables(self) -> None:
        self.card_types_table = read_only_table(
            self,
            "cardTypesTable",
            self.tr("卡类型"),
            [
                self.tr("名称"),
                self.tr("等级"),
                self.tr("折扣"),
                self.tr("积分"),
                self.tr("积分抵现"),
                self.tr("储值密码"),
                self.tr("升级"),
                self.tr("降级"),
                self.tr("有效期"),
                self.tr("会员费"),
                self.tr("升级礼包"),
                self.tr("默认"),
            ],
        )
        self.bonus_rules_table = read_only_table(
            self,
            "bonusRulesTable",
            self.tr("充值赠送规则"),
            [self.tr("规则"), self.tr("日期"), self.tr("卡类型")],
        )
        self.auto_tags_table = read_only_table(
            self,
            "autoTagsTable",
            self.tr("自动标签"),
            [self.tr("标签"), self.tr("条件"), self.tr("会员数")],
        )

    def _button(
        self, text: str, name: str, accessible: str, then: Callable[[], None]
    ) -> QPushButton:
        button = QPushButton(text, self)
        named(button, name, accessible)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: then())
        return button

    def _settings_row(self) -> QHBoxLayout:
        self.settings_label = QLabel(self)
        named(self.settings_label, "memberSettingsSummary", self.tr("积分与储值设置"))
        self.settings_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.settings_label, 1)
        row.addWidget(
            self._button(
                self.tr("积分与储值设置…"),
                "memberSettingsButton",
                self.tr("积分与储值设置"),
                self.edit_settings,
            )
        )
        return row

    def _box(self, caption: str, table: QTableWidget, buttons: list[QPushButton]) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(QLabel(caption, self))
        box.addWidget(table, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        return box

    def _card_types_box(self) -> QVBoxLayout:
        return self._box(
            self.tr("卡类型"),
            self.card_types_table,
            [
                self._button(
                    self.tr("新增卡类型"), "addCardType", self.tr("新增卡类型"), self.add_card_type
                ),
                self._button(
                    self.tr("修改所选"),
                    "editCardType",
                    self.tr("修改所选卡类型"),
                    self.edit_card_type,
                ),
                self._button(
                    self.tr("停用所选"),
                    "retireCardType",
                    self.tr("停用所选卡类型"),
                    self.retire_card_type,
                ),
            ],
        )

    def _bonus_rules_box(self) -> QVBoxLayout:
        return self._box(
            self.tr("充值赠送"),
            self.bonus_rules_table,
            [
                self._button(
                    self.tr("新增充值赠送"),
                    "addBonusRule",
                    self.tr("新增充值赠送"),
                    self.add_bonus_rule,
                ),
                self._button(
                    self.tr("停用所选"),
                    "retireBonusRule",
                    self.tr("停用所选充值赠送"),
                    self.retire_bonus_rule,
                ),
            ],
        )

    def _auto_tags_box(self) -> QVBoxLayout:
        return self._box(
            self.tr("自动标签（每天营业日结时按条件重新贴上，手工标签不受影响）"),
            self.auto_tags_table,
            [
                self._button(
                    self.tr("新增自动标签"),
                    "addAutoTag",
                    self.tr("新增自动标签"),
                    self.add_auto_tag,
                ),
                self._button(
                    self.tr("停用所选"),
                    "retireAutoTag",
                    self.tr("停用所选自动标签"),
                    self.retire_auto_tag,
                ),
            ],
        )

    # -- showing --------------------------------------------------------------------------------

    def load(self) -> None:
        rules = self.members.coupons_and_rules
        with Attempt(self._error):
            self._templates = {t.id: t for t in rules.coupon_templates(include_retired=True)}
            self.card_type_views = rules.card_types()
            self.bonus_rule_views = rules.bonus_rules()
            self.auto_tag_views = rules.auto_tag_rules()
            self.settings_label.setText(settings_words(rules.member_settings()))
        fill_table(
            self.card_types_table,
            [self._card_type_words(view) for view in self.card_type_views],
        )
        names = {v.card_type.id: v.card_type.name for v in self.card_type_views}
        fill_table(
            self.bonus_rules_table,
            [self._bonus_rule_words(view, names) for view in self.bonus_rule_views],
        )
        fill_table(
            self.auto_tags_table,
            [
                (view.rule.tag, self._auto_tag_words(view.rule, names), str(view.members))
                for view in self.auto_tag_views
            ],
        )

    def _card_type_words(self, view: CardTypeView) -> tuple[str, ...]:
        kind = view.card_type
        discount = fold_text(kind.discount_bp)
        earn = fraction_of(kind.points_per_yuan)
        per_yuan = points_per_yuan_of_value(kind.points_value)
        return (
            kind.name,
            str(kind.rank),
            self.tr("%1 折").replace("%1", discount) if discount else self.tr("不打折"),
            self.tr("每元 %1 分").replace("%1", number_text(earn)) if earn else self.tr("不积分"),
            self.tr("%1 积分抵 1 元").replace("%1", number_text(per_yuan))
            if per_yuan is not None
            else self.tr("不能抵现"),
            self.tr("需要") if kind.needs_password else self.tr("不需要"),
            self._upgrade_words(kind),
            self.tr("未达门槛降级") if kind.downgrade else self.tr("不降级"),
            self.tr("%1 天").replace("%1", str(kind.validity_days))
            if kind.validity_days
            else self.tr("永久"),
            format_yuan(kind.fee_fen) if kind.fee_fen else self.tr("免费"),
            self._gift_words(kind),
            self.tr("默认") if view.is_default else "",
        )

    def _upgrade_words(self, kind: CardType) -> str:
        rule = kind.upgrade
        if rule is None:
            return self.tr("付费办卡") if kind.paid else self.tr("不自动升级")
        return (
            self.tr("近 %1 天%2满 %3")
            .replace("%1", str(rule.period_days))
            .replace("%2", metric_label(rule.metric))
            .replace("%3", threshold_words(rule.metric, rule.threshold))
        )

    def _gift_words(self, kind: CardType) -> str:
        gift = kind.gift
        parts = []
        if gift.points:
            parts.append(self.tr("%1 积分").replace("%1", str(gift.points)))
        if gift.bonus_fen:
            parts.append(self.tr("储值 %1").replace("%1", format_yuan(gift.bonus_fen)))
        if gift.coupon_template_id:
            template = self._templates.get(gift.coupon_template_id)
            name = template.name if template is not None else gift.coupon_template_id
            parts.append(self.tr("优惠券 %1").replace("%1", name))
        return "、".join(parts) if parts else self.tr("无")

    def _bonus_rule_words(self, view: BonusRuleView, names: dict[str, str]) -> tuple[str, ...]:
        rule = view.rule
        start = rule.valid_from.isoformat() if rule.valid_from else ""
        end = rule.valid_to.isoformat() if rule.valid_to else ""
        if start and end:
            window = self.tr("%1 至 %2").replace("%1", start).replace("%2", end)
        elif start:
            window = self.tr("%1 起").replace("%1", start)
        elif end:
            window = self.tr("至 %1").replace("%1", end)
        else:
            window = self.tr("长期")
        if rule.card_type_id is None:
            kind = self.tr("全部卡类型")
        else:
            kind = names.get(rule.card_type_id, self.tr("已停用的卡类型"))
        label = (
            self.tr("充 %1 送 %2")
            .replace("%1", format_yuan(rule.min_top_up_fen))
            .replace("%2", format_yuan(rule.bonus_fen))
        )
        return (label, window, kind)

    def _auto_tag_words(self, rule: AutoTagRule, names: dict[str, str]) -> str:
        """The rule's conditions in words: 女，25–35 岁，最近 90 天消费至少 4 次."""
        parts: list[str] = []
        if rule.sex is not None:
            parts.append(self.tr("男") if rule.sex == SEXES[0] else self.tr("女"))
        if rule.age_min is not None or rule.age_max is not None:
            low = "" if rule.age_min is None else str(rule.age_min)
            high = "" if rule.age_max is None else str(rule.age_max)
            parts.append(self.tr("%1–%2 岁").replace("%1", low).replace("%2", high))
        if rule.card_type_ids:
            parts.append("、".join(names.get(i, i) for i in rule.card_type_ids))
        window: list[str] = []
        if rule.hour_from is not None and rule.hour_to is not None:
            window.append(
                self.tr("多在 %1–%2 点消费")
                .replace("%1", str(rule.hour_from))
                .replace("%2", str(rule.hour_to))
            )
        if rule.ticket_min_fen is not None or rule.ticket_max_fen is not None:
            low = "" if rule.ticket_min_fen is None else format_yuan(rule.ticket_min_fen)
            high = "" if rule.ticket_max_fen is None else format_yuan(rule.ticket_max_fen)
            window.append(self.tr("客单价 %1–%2").replace("%1", low).replace("%2", high))
        if rule.visits_min is not None or rule.visits_max is not None:
            low = "" if rule.visits_min is None else str(rule.visits_min)
            high = "" if rule.visits_max is None else str(rule.visits_max)
            window.append(self.tr("消费 %1–%2 次").replace("%1", low).replace("%2", high))
        if window:
            parts.append(
                self.tr("最近 %1 天").replace("%1", str(rule.window_days)) + "，".join(window)
            )
        return self.tr("；").join(parts)

    def _error(self, error: BaseException | str) -> None:
        parent = self._parent
        if isinstance(parent, CounterDialog):
            parent.show_error(error)

    def _clear_error(self) -> None:
        parent = self._parent
        if isinstance(parent, CounterDialog):
            parent.clear_error()

    # -- changing -------------------------------------------------------------------------------

    def _approved(self, detail: str, then: Callable[[StaffView], object]) -> None:
        self._clear_error()
        # The rules' forms stay open while the manager types, so they are made in the name of
        # the approver the PIN check gave (the services check that person's role again).
        with_approval(
            self,
            self._session,
            Sensitive.MEMBER_RULES,
            lambda approval: then(approver_of(approval)),
            detail=detail,
        )

    def _saved(self, _value: object = None) -> None:
        self._clear_error()
        self.load()

    def chosen_card_type(self) -> CardTypeView | None:
        row = self.card_types_table.currentRow()
        if 0 <= row < len(self.card_type_views) and self.card_types_table.selectedItems():
            return self.card_type_views[row]
        self._error(self.tr("请先在卡类型表中选择一行"))
        return None

    def chosen_bonus_rule(self) -> BonusRuleView | None:
        row = self.bonus_rules_table.currentRow()
        if 0 <= row < len(self.bonus_rule_views) and self.bonus_rules_table.selectedItems():
            return self.bonus_rule_views[row]
        self._error(self.tr("请先在充值赠送表中选择一行"))
        return None

    def _card_type_form(self, current: CardTypeView | None, approver: StaffView) -> None:
        card_type_id = current.card_type.id if current is not None else None

        def save(data: CardTypeInput) -> CardType:
            return self.members.coupons_and_rules.save_card_type(
                card_type_id, data, cashier=self._session.staff, approver=approver
            )

        gift = current.card_type.gift.coupon_template_id if current is not None else None
        offered = [t for t in self._templates.values() if t.active or t.id == gift]
        form = CardTypeForm(self, current, offered, save)
        form.present(self._saved)

    def add_card_type(self) -> None:
        self._approved(self.tr("新增卡类型"), lambda a: self._card_type_form(None, a))

    def edit_card_type(self) -> None:
        current = self.chosen_card_type()
        if current is None:
            return
        self._approved(
            self.tr("修改卡类型：%1").replace("%1", current.card_type.name),
            lambda a: self._card_type_form(current, a),
        )

    def retire_card_type(self) -> None:
        current = self.chosen_card_type()
        if current is None:
            return

        def retire(approver: StaffView) -> None:
            with Attempt(self._error) as attempt:
                self.members.coupons_and_rules.retire_card_type(
                    current.card_type.id, cashier=self._session.staff, approver=approver
                )
            if not attempt.failed:
                self._saved()

        self._approved(self.tr("停用卡类型：%1").replace("%1", current.card_type.name), retire)

    def add_bonus_rule(self) -> None:
        def open_form(approver: StaffView) -> None:
            def save(data: BonusRuleInput) -> BonusRuleView:
                return self.members.coupons_and_rules.create_bonus_rule(
                    data.min_top_up_fen,
                    data.bonus_fen,
                    valid_from=data.valid_from,
                    valid_to=data.valid_to,
                    card_type_id=data.card_type_id,
                    cashier=self._session.staff,
                    approver=approver,
                )

            BonusRuleForm(self, self.card_type_views, save).present(self._saved)

        self._approved(self.tr("新增充值赠送"), open_form)

    def retire_bonus_rule(self) -> None:
        current = self.chosen_bonus_rule()
        if current is None:
            return

        def retire(approver: StaffView) -> None:
            with Attempt(self._error) as attempt:
                self.members.coupons_and_rules.retire_bonus_rule(
                    current.id, cashier=self._session.staff, approver=approver
                )
            if not attempt.failed:
                self._saved()

        self._approved(self.tr("停用充值赠送：%1").replace("%1", current.label), retire)

    def chosen_auto_tag(self) -> AutoTagRuleView | None:
        row = self.auto_tags_table.currentRow()
        if 0 <= row < len(self.auto_tag_views) and self.auto_tags_table.selectedItems():
            return self.auto_tag_views[row]
        self._error(self.tr("请先在自动标签表中选择一行"))
        return None

    def add_auto_tag(self) -> None:
        def open_form(approver: StaffView) -> None:
            def save(rule: AutoTagRule) -> AutoTagRuleView:
                return self.members.coupons_and_rules.create_auto_tag_rule(
                    rule, cashier=self._session.staff, approver=approver
                )

            AutoTagForm(self, self.card_type_views, save).present(self._saved)

        self._approved(self.tr("新增自动标签"), open_form)

    def retire_auto_tag(self) -> None:
        current = self.chosen_auto_tag()
        if current is None:
            return

        def retire(approver: StaffView) -> None:
            with Attempt(self._error) as attempt:
                self.members.coupons_and_rules.retire_auto_tag_rule(
                    current.id, cashier=self._session.staff, approver=approver
                )
            if not attempt.failed:
                self._saved()

        self._approved(self.tr("停用自动标签：%1").replace("%1", current.rule.tag), retire)

    def edit_settings(self) -> None:
        def open_form(approver: StaffView) -> None:
            rules = self.members.coupons_and_rules
            with Attempt(self._error) as attempt:
                current = rules.member_settings()
            if attempt.failed:
                return

            def save(new: MemberSettings) -> None:
                rules.save_member_settings(new, cashier=self._session.staff, approver=approver)

            MemberSettingsForm(self, current, save).present(self._saved)

        self._approved(self.tr("积分与储值设置"), open_form)
