"""The 充值赠送 rule form: how much a top-up must be, the bonus, its dates and its card type."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from app.members.card_types import BonusRuleInput, CardTypeView
from app.ui.forms import FormDialog

#: What saving the form does with what it read (the screen calls its service).
SaveBonusRule = Callable[[BonusRuleInput], object]


def read_bonus_rule(form: FormDialog) -> BonusRuleInput:
    minimum = form.yuan("min_top_up_fen")
    bonus = form.yuan("bonus_fen")
    assert minimum is not None and bonus is not None  # required
    card_type = form.chosen("card_type_id")
    return BonusRuleInput(
        min_top_up_fen=minimum,
        bonus_fen=bonus,
        valid_from=form.day("valid_from"),
        valid_to=form.day("valid_to"),
        card_type_id=None if card_type is None else str(card_type),
    )


class BonusRuleForm(FormDialog):
    """充多少送多少, from when to when (blank: no limit), for every card type or one."""

    def __init__(
        self, parent: QWidget | None, card_types: Sequence[CardTypeView], save: SaveBonusRule
    ) -> None:
        super().__init__(
            parent,
            self.tr("新增充值赠送"),
            "bonusRuleForm",
            lambda form: save(read_bonus_rule(form)),
        )
        self.line(
            "min_top_up_fen",
            self.tr("充值满（元）"),
            "bonusRuleMinTopUp",
            hint=self.tr("如 500"),
        )
        self.line("bonus_fen", self.tr("赠送（元）"), "bonusRuleBonus", hint=self.tr("如 100"))
        self.line(
            "valid_from",
            self.tr("开始日期"),
            "bonusRuleFrom",
            hint=self.tr("如 2026-12-01；留空为即日起"),
        )
        self.line(
            "valid_to",
            self.tr("结束日期"),
            "bonusRuleTo",
            hint=self.tr("如 2026-12-31；留空为长期"),
        )
        self.choice(
            "card_type_id",
            self.tr("适用卡类型"),
            "bonusRuleCardType",
            [(self.tr("全部卡类型"), None)]
            + [(v.card_type.name, v.card_type.id) for v in card_types],
        )


__all__ = ["BonusRuleForm", "read_bonus_rule"]
