"""The card type form: every rule a level has, in a store owner's words, turned into a
``CardTypeInput`` the service checks (the rules live there)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.errors import InputError
from app.members.card_types import CardTypeInput, CardTypeView
from app.members.ledger import Rate
from app.members.levels import FULL_PRICE_BP, CardType, Metric, UpgradeGift, UpgradeRule
from app.money import format_fen, format_yuan
from app.ui.forms import BASIS_POINTS_PER_FOLD, FormDialog

if TYPE_CHECKING:
    from app.members.coupons import TemplateView

#: Fen in a yuan: "100 积分抵 1 元" is a point worth 1 fen.
FEN_PER_YUAN = 100

#: What saving the form does with what it read (the screen calls its service).
SaveCardType = Callable[[CardTypeInput], object]


def metric_label(metric: Metric) -> str:
    """消费 / 积分 / 充值 in the screen's language."""
    return {
        Metric.SPEND: QCoreApplication.translate("CardTypeForm", "消费"),
        Metric.POINTS: QCoreApplication.translate("CardTypeForm", "积分"),
        Metric.TOP_UP: QCoreApplication.translate("CardTypeForm", "充值"),
    }[metric]


def fraction_of(rate: Rate) -> Fraction:
    return Fraction(rate) if isinstance(rate, int) else Fraction(rate[0], rate[1])


def rate_of(value: Fraction) -> Rate:
    return value.numerator if value.denominator == 1 else (value.numerator, value.denominator)


def number_text(value: Fraction) -> str:
    """``2``, ``1.5`` or ``1/3``: a ratio as a person would type it."""
    if value.denominator == 1:
        return str(value.numerator)
    decimal = f"{float(value):.6g}"
    return decimal if Fraction(decimal) == value else f"{value.numerator}/{value.denominator}"


def points_per_yuan_of_value(points_value: Rate) -> Fraction | None:
    """How many points pay one yuan, or None when points cannot pay."""
    fen_per_point = fraction_of(points_value)
    return None if fen_per_point <= 0 else FEN_PER_YUAN / fen_per_point


def fold_text(discount_bp: int) -> str:
    """``9.5`` for 九五折; blank for full price."""
    if discount_bp >= FULL_PRICE_BP:
        return ""
    return f"{discount_bp / BASIS_POINTS_PER_FOLD:g}"


def threshold_text(metric: Metric, threshold: int) -> str:
    return str(threshold) if metric is Metric.POINTS else format_fen(threshold)


def threshold_words(metric: Metric, threshold: int) -> str:
    if metric is Metric.POINTS:
        return QCoreApplication.translate("CardTypeForm", "%1 积分").replace("%1", str(threshold))
    return format_yuan(threshold)


def _ratio(form: FormDialog, key: str) -> Fraction | None:
    """A ratio typed as ``2``, ``1.5`` or ``1/3``; blank is None."""
    typed = form.text(key, required=False)
    if not typed:
        return None
    try:
        value = Fraction(typed.replace("／", "/"))
    except (ValueError, ZeroDivisionError):
        raise InputError("“%1”不是数字，如 2、1.5 或 1/3", typed, field=key) from None
    return value


def _threshold(form: FormDialog, metric: Metric) -> int:
    if metric is Metric.POINTS:
        points = form.whole("upgrade_threshold")
        assert points is not None  # required
        return points
    fen = form.yuan("upgrade_threshold")
    assert fen is not None  # required
    return fen


def read_card_type(form: FormDialog) -> CardTypeInput:
    """The form's fields as the service's input; what cannot be read is refused at its field."""
    name = form.text("name")
    rank = form.whole("rank", minimum=-1000)
    assert rank is not None  # required
    earn = _ratio(form, "points_per_yuan")
    pay = _ratio(form, "points_value")
    if pay is not None and pay <= 0:
        raise InputError("须大于零；留空表示积分不能抵现", field="points_value")
    metric_value = form.chosen("upgrade_metric")
    upgrade = None
    if metric_value is not None:
        metric = Metric(str(metric_value))
        threshold = _threshold(form, metric)
        period = form.whole("upgrade_period_days")
        assert period is not None  # required
        upgrade = UpgradeRule(metric, threshold, period)
    template = form.chosen("gift_coupon_template_id")
    gift = UpgradeGift(
        points=form.whole("gift_points", required=False) or 0,
        coupon_template_id=None if template is None else str(template),
        bonus_fen=form.yuan("gift_bonus_fen", required=False) or 0,
    )
    return CardTypeInput(
        name=name,
        rank=rank,
        discount_bp=form.fold("discount_bp"),
        points_per_yuan=rate_of(earn if earn is not None else Fraction(0)),
        points_value=rate_of(Fraction(0) if pay is None else FEN_PER_YUAN / pay),
        needs_password=form.checked("needs_password"),
        upgrade=upgrade,
        downgrade=form.checked("downgrade"),
        gift=gift,
        fee_fen=form.yuan("fee_fen", required=False) or 0,
        validity_days=form.whole("validity_days", required=False, minimum=-1000),
        is_default=form.checked("is_default"),
    )


class CardTypeForm(FormDialog):
    """卡类型: name and rank, prices and points, how it is reached (or bought), its gift."""

    def __init__(
        self,
        parent: QWidget | None,
        current: CardTypeView | None,
        templates: Sequence[TemplateView],
        save: SaveCardType,
    ) -> None:
        super().__init__(
            parent,
            self.tr("新增卡类型") if current is None else self.tr("修改卡类型"),
            "cardTypeForm",
            lambda form: save(read_card_type(form)),
        )
        kind = current.card_type if current is not None else None
        self._basics(kind)
        self._upgrade(kind)
        self._fee_and_gift(kind, templates)
        self.check(
            "is_default",
            self.tr("默认卡类型（办卡不选时用它）"),
            "cardTypeDefault",
            current.is_default if current is not None else False,
        )

    def _basics(self, kind: CardType | None) -> None:
        self.section(self.tr("基本"))
        self.line("name", self.tr("名称"), "cardTypeName", kind.name if kind else "")
        self.line(
            "rank",
            self.tr("等级序号"),
            "cardTypeRank",
            str(kind.rank) if kind else "",
            hint=self.tr("数字越大等级越高，如 0、1、2"),
        )
        self.line(
            "discount_bp",
            self.tr("折扣"),
            "cardTypeDiscount",
            fold_text(kind.discount_bp) if kind else "",
            hint=self.tr("如 9.5 表示九五折；留空不打折"),
        )
        self.line(
            "points_per_yuan",
            self.tr("每消费 1 元得积分"),
            "cardTypePointsPerYuan",
            number_text(fraction_of(kind.points_per_yuan)) if kind else "1",
            hint=self.tr("如 1、2 或 0.5；留空或 0 不积分"),
        )
        per_yuan = points_per_yuan_of_value(kind.points_value) if kind else Fraction(100)
        self.line(
            "points_value",
            self.tr("多少积分抵 1 元"),
            "cardTypePointsValue",
            "" if per_yuan is None else number_text(per_yuan),
            hint=self.tr("如 100 表示 100 积分抵 1 元；留空积分不能抵现"),
        )
        self.check(
            "needs_password",
            self.tr("储值付款需会员密码"),
            "cardTypePassword",
            kind.needs_password if kind else False,
        )

    def _upgrade(self, kind: CardType | None) -> None:
        self.section(self.tr("自动升级与降级"))
        rule = kind.upgrade if kind else None
        self.choice(
            "upgrade_metric",
            self.tr("升级依据"),
            "cardTypeUpgradeMetric",
            [(self.tr("不自动升级"), None)]
            + [(self.tr("%1满门槛").replace("%1", metric_label(m)), m.value) for m in Metric],
            rule.metric.value if rule else None,
        )
        self.line(
            "upgrade_threshold",
            self.tr("升级门槛"),
            "cardTypeUpgradeThreshold",
            threshold_text(rule.metric, rule.threshold) if rule else "",
            hint=self.tr("消费、充值按元；积分按分"),
        )
        self.line(
            "upgrade_period_days",
            self.tr("统计天数"),
            "cardTypeUpgradePeriod",
            str(rule.period_days) if rule else "365",
            hint=self.tr("近多少天内累计"),
        )
        self.check(
            "downgrade",
            self.tr("期末未达门槛降级"),
            "cardTypeDowngrade",
            kind.downgrade if kind else False,
        )

    def _fee_and_gift(self, kind: CardType | None, templates: Sequence[TemplateView]) -> None:
        self.section(self.tr("会员费与有效期"))
        self.line(
            "validity_days",
            self.tr("有效天数"),
            "cardTypeValidity",
            str(kind.validity_days) if kind and kind.validity_days else "",
            hint=self.tr("留空为永久有效"),
        )
        self.line(
            "fee_fen",
            self.tr("会员费（元）"),
            "cardTypeFee",
            format_fen(kind.fee_fen) if kind and kind.fee_fen else "",
            hint=self.tr("留空为免费；付费卡办卡时收取"),
        )
        self.section(self.tr("升级礼包"))
        gift = kind.gift if kind else UpgradeGift()
        self.line(
            "gift_points",
            self.tr("赠送积分"),
            "cardTypeGiftPoints",
            str(gift.points) if gift.points else "",
        )
        self.line(
            "gift_bonus_fen",
            self.tr("赠送储值（元）"),
            "cardTypeGiftBonus",
            format_fen(gift.bonus_fen) if gift.bonus_fen else "",
        )
        self.choice(
            "gift_coupon_template_id",
            self.tr("赠送优惠券"),
            "cardTypeGiftCoupon",
            [(self.tr("不送券"), None)]
            + [(f"{t.name}（{t.terms.label}）", t.id) for t in templates],
            gift.coupon_template_id,
        )


__all__ = [
    "CardTypeForm",
    "fold_text",
    "fraction_of",
    "metric_label",
    "number_text",
    "points_per_yuan_of_value",
    "read_card_type",
    "threshold_words",
]
