"""Coupons and the store's member rules: what members are offered, set up by a manager.

Coupon templates and issuing, a member's coupons at the sale, card types, top-up bonus rules and
the store's points and stored-value settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.members import auto_tags, card_types, coupons, settings
from app.members.auto_tags import AutoTagRule, AutoTagRuleView
from app.members.card_types import BonusRuleView, CardTypeInput, CardTypeView
from app.members.coupons import CouponView, TemplateInput, TemplateView
from app.members.levels import CardType
from app.members.settings import MemberSettings
from app.pos.member_desk.context import DeskContext
from app.pos.staff import StaffView


class CouponAndRuleDesk:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    # -- coupons ---------------------------------------------------------------------------------

    def coupon_templates(self, *, include_retired: bool = False) -> list[TemplateView]:
        return self.context.read(coupons.list_templates, include_retired=include_retired)

    def create_coupon_template(
        self, data: TemplateInput, *, cashier: StaffView, approver: StaffView
    ) -> TemplateView:
        """A new coupon kind (a manager's), audited with both people."""
        return self.context.write(
            coupons.add_template,
            data,
            on=self.context.today(),
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def retire_coupon_template(
        self, template_id: str, *, cashier: StaffView, approver: StaffView
    ) -> TemplateView:
        """停发: issued coupons stay usable."""
        return self.context.write(
            coupons.retire_template,
            template_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def issue_coupons(
        self,
        template_id: str,
        member_ids: Sequence[str],
        *,
        cashier: StaffView,
        approver: StaffView | None = None,
    ) -> list[CouponView]:
        """发券 to one member or a list, valid as the template says; audited with both people."""
        return self.context.write(
            coupons.issue_coupons,
            template_id,
            member_ids,
            on=self.context.today(),
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver) if approver is not None else None,
        )

    def member_coupons(self, member_id: str) -> list[CouponView]:
        """The member's coupons usable today."""
        return self.context.read(coupons.member_coupons, member_id, on=self.context.today())

    def find_coupon(self, code: str) -> CouponView:
        return self.context.read(coupons.find_coupon, code)

    # -- card types and bonus rules (a manager's) ------------------------------------------------

    def card_types(self) -> list[CardTypeView]:
        return self.context.read(card_types.list_card_types)

    def save_card_type(
        self,
        card_type_id: str | None,
        data: CardTypeInput,
        *,
        cashier: StaffView,
        approver: StaffView,
    ) -> CardType:
        who = {"actor_id": cashier.id, "approver_id": self.context.rules_approver(approver)}
        if card_type_id is None:
            return self.context.write(card_types.create_card_type, data, **who)
        return self.context.write(card_types.update_card_type, card_type_id, data, **who)

    def retire_card_type(
        self, card_type_id: str, *, cashier: StaffView, approver: StaffView
    ) -> None:
        """停用: refused while members hold it or while it is the default."""
        self.context.write(
            card_types.retire_card_type,
            card_type_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def bonus_rules(self) -> list[BonusRuleView]:
        return self.context.read(card_types.list_bonus_rules)

    def create_bonus_rule(
        self,
        min_top_up_fen: int,
        bonus_fen: int,
        *,
        card_type_id: str | None = None,
        valid_from: dt.date | None = None,
        valid_to: dt.date | None = None,
        cashier: StaffView,
        approver: StaffView,
    ) -> BonusRuleView:
        return self.context.write(
            card_types.create_bonus_rule,
            min_top_up_fen,
            bonus_fen,
            valid_from=valid_from,
            valid_to=valid_to,
            card_type_id=card_type_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def retire_bonus_rule(self, rule_id: str, *, cashier: StaffView, approver: StaffView) -> None:
        self.context.write(
            card_types.retire_bonus_rule,
            rule_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    # -- automatic tags (a manager's) ----------------------------------------------------------

    def auto_tag_rules(self) -> list[AutoTagRuleView]:
        return self.context.read(auto_tags.list_rules)

    def create_auto_tag_rule(
        self, rule: AutoTagRule, *, cashier: StaffView, approver: StaffView
    ) -> AutoTagRuleView:
        """A new 自动标签 rule; its tag is set at once, then by every daily run."""
        return self.context.write(
            auto_tags.create_rule,
            rule,
            on=self.context.today(),
            timezone=self.context.config.timezone,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def retire_auto_tag_rule(
        self, rule_id: str, *, cashier: StaffView, approver: StaffView
    ) -> None:
        self.context.write(
            auto_tags.retire_rule,
            rule_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    # -- points and stored-value settings (a manager's) -----------------------------------------

    def member_settings(self) -> MemberSettings:
        return self.context.read(settings.load_settings)

    def save_member_settings(
        self, new: MemberSettings, *, cashier: StaffView, approver: StaffView
    ) -> None:
        """积分与储值设置: spend order, top-up cap, points on bonus money, expiry, password lock."""
        self.context.write(
            settings.save_settings,
            new,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )
