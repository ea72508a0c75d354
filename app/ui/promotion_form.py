"""The promotion rule form: kind, goods, who, when, the kind's terms, and whether it stacks.

Each field's key is the rule's attribute, so a refusal of ``app.pos.promotion_rules.check_rule``
shows under its field. Every kind offers the same goods, buyers and times: products and gifts
typed as codes or barcodes, categories by name (comma-separated), exclusions of both; everyone,
all members or ticked card types; dates, weekdays, days of the month and daily hours; a
per-member limit and stacking. The service checks the rest. A rule the head office set opens
read-only: the manager here sees its terms and cannot save them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtWidgets import QPushButton, QWidget

from app.errors import InputError, KnownError
from app.pos.promotion_rules import (
    FULL_BP,
    MINUTES_PER_DAY,
    Audience,
    BirthdayWindow,
    Promotion,
    PromotionKind,
)
from app.storage.ids import new_id
from app.ui.forms import FormDialog

#: Codes typed into the form to product ids (the counter's lookup).
ResolveCodes = Callable[[str], frozenset[str]]
SavePromotion = Callable[[Promotion], object]
DEFAULT_DAYS = 30
#: The key of a card type's tick box: this prefix and the card type's id.
CARD_TYPE_PREFIX = "card_type:"


def _numbers(form: FormDialog, key: str) -> frozenset[int]:
    typed = form.text(key, required=False).replace("，", ",").replace(",", " ")
    try:
        return frozenset(int(part) for part in typed.split())
    except ValueError:
        raise InputError("请输入数字，用逗号分开：%1", typed, field=key) from None


def _minute(form: FormDialog, key: str, default: int) -> int:
    typed = form.text(key, required=False)
    if not typed:
        return default
    try:
        hours, _, minutes = typed.partition(":")
        return int(hours) * 60 + int(minutes or 0)
    except ValueError:
        raise InputError("时间格式应为 09:00：%1", typed, field=key) from None


def _percent_bp(form: FormDialog, key: str) -> int:
    """A percent typed as ``10`` (10 % off) in basis points; blank is none."""
    typed = form.text(key, required=False)
    if not typed:
        return 0
    try:
        return round(float(typed) * 100)
    except ValueError:
        raise InputError("请输入百分比，如 10 表示减 10%", field=key) from None


def _goods(
    form: FormDialog, key: str, resolve: ResolveCodes, kept: frozenset[str] | tuple[str, ...]
) -> frozenset[str]:
    """Codes typed, or (left blank while changing a rule) the goods the rule had."""
    typed = form.text(key, required=False)
    if not typed:
        return frozenset(kept)
    try:
        return resolve(typed)
    except KnownError as refused:  # an unknown code: said under its field
        raise InputError(refused.template, *refused.values, field=key) from None


def _categories(form: FormDialog, key: str, ids_by_name: Mapping[str, str]) -> frozenset[str]:
    typed = form.text(key, required=False).replace("，", ",").replace("、", ",")
    names = [name.strip() for name in typed.split(",") if name.strip()]
    unknown = [name for name in names if name not in ids_by_name]
    if unknown:
        raise InputError("没有这个分类：%1", "、".join(unknown), field=key)
    return frozenset(ids_by_name[name] for name in names)


def _minute_text(minute: int, default: int) -> str:
    return "" if minute == default else f"{minute // 60:02d}:{minute % 60:02d}"


def read_promotion(
    form: FormDialog,
    rule_id: str,
    resolve: ResolveCodes,
    kept: Promotion | None,
    categories: Mapping[str, str] | None = None,
) -> Promotion:
    """The rule the form holds; ``categories`` maps category names to ids."""
    # Qt keeps a choice's value as its plain text: the enums are read back from it.
    kind = PromotionKind(str(form.chosen("kind")))
    audience = Audience(str(form.chosen("audience")))
    card_types = frozenset(
        key.removeprefix(CARD_TYPE_PREFIX)
        for key in form.fields
        if key.startswith(CARD_TYPE_PREFIX) and form.checked(key)
    )
    if audience is Audience.CARD_TYPES and not card_types:
        raise InputError("请勾选适用的会员卡类型", field="audience")
    names = categories or {}
    window = BirthdayWindow(str(form.chosen("birthday_window")))
    starts = form.day("starts_on", required=True)
    ends = form.day("ends_on", required=True)
    assert starts is not None and ends is not None
    nth = _percent_bp(form, "nth_paid_bp")
    cap = form.yuan("cap_fen", required=False)
    limit = form.whole("per_member_limit", required=False)
    return Promotion(
        rule_id,
        form.text("name"),
        kind,
        starts_on=starts,
        ends_on=ends,
        all_products=form.checked("all_products"),
        product_ids=_goods(form, "product_ids", resolve, kept.product_ids if kept else ()),
        category_ids=_categories(form, "category_ids", names),
        excluded_product_ids=_goods(
            form, "excluded_product_ids", resolve, kept.excluded_product_ids if kept else ()
        ),
        excluded_category_ids=_categories(form, "excluded_category_ids", names),
        audience=audience,
        card_type_ids=card_types if audience is Audience.CARD_TYPES else frozenset(),
        weekdays=_numbers(form, "weekdays"),
        days_of_month=_numbers(form, "days_of_month"),
        from_minute=_minute(form, "from_minute", 0),
        to_minute=_minute(form, "to_minute", MINUTES_PER_DAY),
        per_member_limit=limit,
        stacks=form.checked("stacks"),
        percent_bp=_percent_bp(form, "percent_bp"),
        amount_fen=form.yuan("amount_fen", required=False) or 0,
        price_fen=form.yuan("price_fen", required=False) or 0,
        bundle_qty=form.whole("bundle_qty", required=False) or 0,
        nth_paid_bp=FULL_BP - nth if nth else None,
        threshold_fen=form.yuan("threshold_fen", required=False) or 0,
        repeat=form.checked("repeat"),
        cap_fen=cap,
        gift_product_ids=tuple(
            sorted(_goods(form, "gift_product_ids", resolve, kept.gift_product_ids if kept else ()))
        ),
        points_multiplier=form.whole("points_multiplier", required=False, minimum=1) or 1,
        birthday_window=window,
        signup_points=form.whole("signup_points", required=False) or 0,
        signup_stored_fen=form.yuan("signup_stored_fen", required=False) or 0,
        daily_limit=form.whole("daily_limit", required=False) or 0,
        below_cost_approved=form.checked("below_cost_approved"),
    )


def _yuan_text(fen: int | None) -> str:
    return "" if not fen else f"{fen / 100:.2f}"


class PromotionForm(FormDialog):
    """New or changed rule; with ``rule`` its terms fill the fields (its id is kept)."""

    def __init__(
        self,
        parent: QWidget | None,
        save: SavePromotion,
        resolve: ResolveCodes,
        card_types: Sequence[tuple[str, str]],
        today: dt.date,
        rule: Promotion | None = None,
        *,
        categories: Sequence[tuple[str, str]] = (),
        read_only: bool = False,
    ) -> None:
        rule_id = rule.id if rule is not None else new_id()
        ids_by_name = dict(categories)
        names_by_id = {category_id: name for name, category_id in categories}
        title = self.tr("修改促销") if rule else self.tr("新增促销")
        super().__init__(
            parent,
            self.tr("总部促销（只读）") if read_only else title,
            "promotionForm",
            lambda form: save(read_promotion(form, rule_id, resolve, rule, ids_by_name)),
        )
        blank = rule or Promotion(
            rule_id,
            "",
            PromotionKind.PERCENT_OFF,
            starts_on=today,
            ends_on=today + dt.timedelta(days=DEFAULT_DAYS),
        )
        self.line("name", self.tr("名称"), "promotionName", blank.name)
        self.choice(
            "kind",
            self.tr("类型"),
            "promotionKind",
            [(self.tr(kind.label), kind.value) for kind in PromotionKind],
            blank.kind.value,
        )
        self.section(self.tr("商品"))
        self.check("all_products", self.tr("全部商品"), "promotionAllProducts", blank.all_products)
        kept = self.tr("留空保留原有 %1 件").replace("%1", str(len(blank.product_ids)))
        self.line(
            "product_ids",
            self.tr("指定商品（编码或条码）"),
            "promotionProducts",
            hint=kept if rule else "",
        )
        self.line(
            "category_ids",
            self.tr("指定分类（名称，逗号分开）"),
            "promotionCategories",
            _names(blank.category_ids, names_by_id),
        )
        self.line("excluded_product_ids", self.tr("排除商品"), "promotionExcluded")
        self.line(
            "excluded_category_ids",
            self.tr("排除分类"),
            "promotionExcludedCategories",
            _names(blank.excluded_category_ids, names_by_id),
        )
        self.section(self.tr("对象与时间"))
        self.choice(
            "audience",
            self.tr("适用对象"),
            "promotionAudience",
            [
                (self.tr("所有顾客"), Audience.EVERYONE.value),
                (self.tr("全部会员"), Audience.MEMBERS.value),
                (self.tr("指定卡类型"), Audience.CARD_TYPES.value),
            ],
            blank.audience.value,
        )
        for index, (name, type_id) in enumerate(card_types):
            self.check(
                CARD_TYPE_PREFIX + type_id,
                name,
                f"promotionCardType{index}",
                type_id in blank.card_type_ids,
            )
        self.line("starts_on", self.tr("开始日期"), "promotionStarts", blank.starts_on.isoformat())
        self.line("ends_on", self.tr("结束日期"), "promotionEnds", blank.ends_on.isoformat())
        self.line(
            "weekdays",
            self.tr("星期（1-7，留空为每天）"),
            "promotionWeekdays",
            ",".join(str(d) for d in sorted(blank.weekdays)),
        )
        self.line(
            "days_of_month",
            self.tr("每月几号"),
            "promotionDaysOfMonth",
            ",".join(str(d) for d in sorted(blank.days_of_month)),
        )
        self.line(
            "from_minute",
            self.tr("每天开始"),
            "promotionFrom",
            _minute_text(blank.from_minute, 0),
            hint="09:00",
        )
        self.line(
            "to_minute",
            self.tr("每天结束"),
            "promotionTo",
            _minute_text(blank.to_minute, MINUTES_PER_DAY),
            hint="21:00",
        )
        self.line(
            "per_member_limit",
            self.tr("每位会员限用次数"),
            "promotionLimit",
            str(blank.per_member_limit or ""),
        )
        self.check("stacks", self.tr("可与其他优惠叠加"), "promotionStacks", blank.stacks)
        self.section(self.tr("优惠内容"))
        self.line(
            "percent_bp",
            self.tr("减百分比（如 10）"),
            "promotionPercent",
            f"{blank.percent_bp / 100:g}" if blank.percent_bp else "",
        )
        self.line(
            "amount_fen", self.tr("减金额（元）"), "promotionAmount", _yuan_text(blank.amount_fen)
        )
        self.line(
            "price_fen",
            self.tr("特价 / N 件价格（元）"),
            "promotionPrice",
            _yuan_text(blank.price_fen),
        )
        self.line("bundle_qty", self.tr("N 件"), "promotionBundle", str(blank.bundle_qty or ""))
        self.line(
            "nth_paid_bp",
            self.tr("第 N 件减百分比"),
            "promotionNth",
            f"{(FULL_BP - blank.nth_paid_bp) / 100:g}" if blank.nth_paid_bp is not None else "",
        )
        self.line(
            "threshold_fen",
            self.tr("门槛（元）"),
            "promotionThreshold",
            _yuan_text(blank.threshold_fen),
        )
        self.check("repeat", self.tr("每满一次都减"), "promotionRepeat", blank.repeat)
        self.line("cap_fen", self.tr("最多减（元）"), "promotionCap", _yuan_text(blank.cap_fen))
        self.line("gift_product_ids", self.tr("赠品（编码或条码）"), "promotionGifts")
        self.line(
            "points_multiplier",
            self.tr("积分倍数"),
            "promotionPoints",
            str(blank.points_multiplier),
        )
        self.choice(
            "birthday_window",
            self.tr("生日范围"),
            "promotionBirthdayWindow",
            [
                (self.tr("生日当天"), BirthdayWindow.DAY.value),
                (self.tr("生日当周"), BirthdayWindow.WEEK.value),
                (self.tr("生日当月"), BirthdayWindow.MONTH.value),
            ],
            blank.birthday_window.value,
        )
        self.line(
            "signup_points",
            self.tr("新人赠积分"),
            "promotionSignupPoints",
            str(blank.signup_points or ""),
        )
        self.line(
            "signup_stored_fen",
            self.tr("新人赠储值（元）"),
            "promotionSignupStored",
            _yuan_text(blank.signup_stored_fen),
        )
        self.line(
            "daily_limit",
            self.tr("每位收银员每天限用"),
            "promotionDailyLimit",
            str(blank.daily_limit or ""),
        )
        self.check(
            "below_cost_approved",
            self.tr("允许低于成本"),
            "promotionBelowCost",
            blank.below_cost_approved,
        )
        if read_only:
            for widget in self.fields.values():
                widget.setEnabled(False)
            save_button = self.findChild(QPushButton, "promotionFormSave")
            if save_button is not None:
                save_button.setEnabled(False)


def _names(ids: frozenset[str], names_by_id: Mapping[str, str]) -> str:
    return "，".join(sorted(names_by_id.get(i, i) for i in ids))


__all__ = ["PromotionForm", "read_promotion"]
