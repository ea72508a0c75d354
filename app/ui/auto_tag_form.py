"""The 自动标签 rule form: the tag, and what a member must be or do to carry it (a blank field is
no condition); the service checks the rule, the form only reads the words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from app.members.auto_tags import SEXES, AutoTagRule
from app.members.card_types import CardTypeView
from app.ui.forms import FormDialog

#: What saving the form does with the rule it read (the screen calls its service).
SaveAutoTagRule = Callable[[AutoTagRule], object]


def read_auto_tag_rule(form: FormDialog) -> AutoTagRule:
    card_type = form.chosen("card_type_ids")
    window = form.whole("window_days", required=False, minimum=1)
    return AutoTagRule(
        tag=form.text("tag"),
        sex=None if form.chosen("sex") is None else str(form.chosen("sex")),
        age_min=form.whole("age_min", required=False),
        age_max=form.whole("age_max", required=False),
        card_type_ids=() if card_type is None else (str(card_type),),
        hour_from=form.whole("hour_from", required=False),
        hour_to=form.whole("hour_to", required=False),
        ticket_min_fen=form.yuan("ticket_min_fen", required=False),
        ticket_max_fen=form.yuan("ticket_max_fen", required=False),
        visits_min=form.whole("visits_min", required=False),
        visits_max=form.whole("visits_max", required=False),
        window_days=90 if window is None else window,
    )


class AutoTagForm(FormDialog):
    """标签 and its conditions: sex, age, level, time of day, average ticket, visits."""

    def __init__(
        self, parent: QWidget | None, card_types: Sequence[CardTypeView], save: SaveAutoTagRule
    ) -> None:
        super().__init__(
            parent,
            self.tr("新增自动标签"),
            "autoTagForm",
            lambda form: save(read_auto_tag_rule(form)),
        )
        self.line("tag", self.tr("标签"), "autoTagTag", hint=self.tr("如 上班族、夜猫子"))
        self.section(self.tr("会员是谁（不填为不限）"))
        self.choice(
            "sex",
            self.tr("性别"),
            "autoTagSex",
            [(self.tr("不限"), None), (self.tr("男"), SEXES[0]), (self.tr("女"), SEXES[1])],
        )
        self.line("age_min", self.tr("年龄至少（岁）"), "autoTagAgeMin", hint=self.tr("如 20"))
        self.line("age_max", self.tr("年龄至多（岁）"), "autoTagAgeMax", hint=self.tr("如 35"))
        self.choice(
            "card_type_ids",
            self.tr("等级（卡类型）"),
            "autoTagCardType",
            [(self.tr("不限"), None)] + [(v.card_type.name, v.card_type.id) for v in card_types],
        )
        self.section(self.tr("怎么消费（统计最近若干天，不填为不限）"))
        self.line(
            "window_days", self.tr("统计最近（天）"), "autoTagWindow", "90", hint=self.tr("如 90")
        )
        self.line(
            "hour_from",
            self.tr("常来时段从（点）"),
            "autoTagHourFrom",
            hint=self.tr("0–23，如 18；至少一半的消费在此时段"),
        )
        self.line("hour_to", self.tr("到（点，不含）"), "autoTagHourTo", hint=self.tr("如 22"))
        self.line(
            "ticket_min_fen",
            self.tr("客单价至少（元）"),
            "autoTagTicketMin",
            hint=self.tr("如 200"),
        )
        self.line(
            "ticket_max_fen", self.tr("客单价至多（元）"), "autoTagTicketMax", hint=self.tr("如 30")
        )
        self.line("visits_min", self.tr("消费次数至少"), "autoTagVisitsMin", hint=self.tr("如 4"))
        self.line(
            "visits_max",
            self.tr("消费次数至多"),
            "autoTagVisitsMax",
            hint=self.tr("填 0 找出这段时间没来的会员"),
        )


__all__ = ["AutoTagForm", "read_auto_tag_rule"]
