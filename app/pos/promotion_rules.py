"""Promotion rules as plain values: what each kind promises, to whom, when, and its checks.

Pure domain: no database, no Qt. A rule that passes :func:`check_rule` can always be priced; the
pricing pass (``app.pos.pricing``) reads rules only through the questions asked here
(``in_force``, ``covers``, ``open_to``), so "when" and "for whom" have one home.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from app.errors import KnownError
from app.members.calendar import MemberDate, lunar_month, occurrences_between, to_lunar

FULL_BP = 10_000
MINUTES_PER_DAY = 24 * 60
NAME_LENGTH = 40


class PromotionError(KnownError):
    """A promotion rule that cannot be saved as asked; nothing was written."""


class PromotionKind(enum.StrEnum):
    PERCENT_OFF = "percent_off"  # 单品折扣: ``percent_bp`` off a line
    AMOUNT_OFF = "amount_off"  # 单品立减: ``amount_fen`` off each unit
    SPECIAL_PRICE = "special_price"  # 限时特价: unit price ``price_fen``
    MULTI_BUY = "multi_buy"  # N 件 ``price_fen`` 元, or the N-th unit at ``nth_paid_bp``
    SPEND_OFF = "spend_off"  # 满减: every ``threshold_fen`` takes ``amount_fen``, up to a cap
    SPEND_GIFT = "spend_gift"  # 满赠: a gift line at zero price from stock
    MEMBER_DAY = "member_day"  # 会员日: a weekday or day of month; ``percent_bp`` or points ×
    BIRTHDAY = "birthday"  # 生日特权: once a year, a discount, a gift or points ×
    SIGNUP_GIFT = "signup_gift"  # 新人礼: points, a coupon or stored value on enrolment
    STAFF_COUPON = "staff_coupon"  # 员工赠券: off the order, ``daily_limit`` per cashier a day

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    PromotionKind.PERCENT_OFF: "单品折扣",
    PromotionKind.AMOUNT_OFF: "单品立减",
    PromotionKind.SPECIAL_PRICE: "限时特价",
    PromotionKind.MULTI_BUY: "多件优惠",
    PromotionKind.SPEND_OFF: "满减",
    PromotionKind.SPEND_GIFT: "满赠",
    PromotionKind.MEMBER_DAY: "会员日",
    PromotionKind.BIRTHDAY: "生日特权",
    PromotionKind.SIGNUP_GIFT: "新人礼包",
    PromotionKind.STAFF_COUPON: "员工赠券",
}

#: Kinds priced on each line, in the order stacking ones are applied one after another.
LINE_KINDS = (
    PromotionKind.SPECIAL_PRICE,
    PromotionKind.MULTI_BUY,
    PromotionKind.AMOUNT_OFF,
    PromotionKind.PERCENT_OFF,
    PromotionKind.MEMBER_DAY,
    PromotionKind.BIRTHDAY,
)
#: Kinds priced on the cart as a whole (their threshold counts several lines).
CART_KINDS = (PromotionKind.SPEND_OFF, PromotionKind.SPEND_GIFT)


class Audience(enum.StrEnum):
    EVERYONE = "everyone"  # walk-ins too
    MEMBERS = "members"  # any member
    CARD_TYPES = "card_types"  # members of the listed card types


class BirthdayWindow(enum.StrEnum):
    DAY = "day"  # the birthday itself
    WEEK = "week"  # the Monday-to-Sunday week holding it
    MONTH = "month"  # its month, in the member's own calendar


@dataclasses.dataclass(frozen=True)
class Promotion:
    """One rule. Fields that do not apply to its kind stay at their defaults.

    Products: ``all_products``, or the listed products and categories; exclusions win. Time:
    ``starts_on``..``ends_on`` (both included), ``weekdays`` (1 = Monday; empty: every day),
    ``days_of_month`` (member day), ``from_minute``..``to_minute`` of the day (store time).
    """

    id: str
    name: str
    kind: PromotionKind
    starts_on: dt.date
    ends_on: dt.date
    all_products: bool = False
    product_ids: frozenset[str] = frozenset()
    category_ids: frozenset[str] = frozenset()
    excluded_product_ids: frozenset[str] = frozenset()
    excluded_category_ids: frozenset[str] = frozenset()
    audience: Audience = Audience.EVERYONE
    card_type_ids: frozenset[str] = frozenset()
    weekdays: frozenset[int] = frozenset()
    days_of_month: frozenset[int] = frozenset()
    from_minute: int = 0
    to_minute: int = MINUTES_PER_DAY
    per_member_limit: int | None = None
    stacks: bool = False
    percent_bp: int = 0
    amount_fen: int = 0
    price_fen: int = 0
    bundle_qty: int = 0
    nth_paid_bp: int | None = None
    threshold_fen: int = 0
    repeat: bool = False
    cap_fen: int | None = None
    gift_product_ids: tuple[str, ...] = ()
    gift_qty: int = 1
    points_multiplier: int = 1
    birthday_window: BirthdayWindow = BirthdayWindow.DAY
    signup_points: int = 0
    signup_coupon_template_id: str | None = None
    signup_stored_fen: int = 0
    daily_limit: int = 0
    #: A manager approved selling below cost under this rule when it was saved.
    below_cost_approved: bool = False
    retired: bool = False

    # -- when and for whom ------------------------------------------------------------------

    def in_force(self, at: dt.datetime) -> bool:
        """Does the rule run at ``at`` (store time, naive)?"""
        day = at.date()
        if self.retired or not self.starts_on <= day <= self.ends_on:
            return False
        if self.weekdays and day.isoweekday() not in self.weekdays:
            return False
        if self.days_of_month and day.day not in self.days_of_month:
            return False
        minute = at.hour * 60 + at.minute
        return self.from_minute <= minute < self.to_minute

    def covers(self, product_id: str, category_id: str | None) -> bool:
        """Is the product within the rule's products (and not excluded)?"""
        if product_id in self.excluded_product_ids:
            return False
        if category_id is not None and category_id in self.excluded_category_ids:
            return False
        if self.all_products:
            return True
        return product_id in self.product_ids or (
            category_id is not None and category_id in self.category_ids
        )

    def open_to(self, card_type_id: str | None) -> bool:
        """Is the rule open to this buyer (``None``: a walk-in)?"""
        if self.audience is Audience.EVERYONE:
            return self.per_member_limit is None or card_type_id is not None
        if card_type_id is None:
            return False
        return self.audience is Audience.MEMBERS or card_type_id in self.card_type_ids

    @property
    def is_line_kind(self) -> bool:
        """Priced on each line: a member day's or birthday's only when it takes a percent off."""
        if self.kind in (PromotionKind.MEMBER_DAY, PromotionKind.BIRTHDAY):
            return self.percent_bp > 0
        return self.kind in LINE_KINDS

    @property
    def gives_points_only(self) -> bool:
        """A member day or birthday that multiplies points and takes nothing off."""
        return (
            self.kind in (PromotionKind.MEMBER_DAY, PromotionKind.BIRTHDAY)
            and self.percent_bp == 0
            and not self.gift_product_ids
        )

    @property
    def gives_gift(self) -> bool:
        return self.kind in (PromotionKind.SPEND_GIFT, PromotionKind.BIRTHDAY) and bool(
            self.gift_product_ids
        )

    @property
    def ends_at(self) -> dt.datetime:
        """The last moment of the rule's last day (its daily hours aside)."""
        return dt.datetime.combine(self.ends_on, dt.time()) + dt.timedelta(minutes=self.to_minute)


def birthday_in_window(birthday: MemberDate, window: BirthdayWindow, on: dt.date) -> bool:
    """Is ``on`` within the birthday's day, week or month, in the member's own calendar?"""
    if window is BirthdayWindow.DAY:
        start = end = on
    elif window is BirthdayWindow.WEEK:
        start = on - dt.timedelta(days=on.isoweekday() - 1)
        end = start + dt.timedelta(days=6)
    elif birthday.calendar == "lunar":
        lunar = to_lunar(on)
        month = lunar_month(lunar.year, lunar.month, lunar.leap)
        start, end = month.start, month.start + dt.timedelta(days=month.days - 1)
    else:
        start = on.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return bool(occurrences_between(birthday, start, end))


# -- checks --------------------------------------------------------------------------------------


def check_rule(rule: Promotion) -> None:
    """Refuse a rule that cannot be priced as the manager means it (plain words, by field)."""
    name = rule.name.strip()
    if not name:
        raise PromotionError("请输入促销名称", field="name")
    if len(name) > NAME_LENGTH:
        raise PromotionError("促销名称最多 %1 个字", NAME_LENGTH, field="name")
    if rule.ends_on < rule.starts_on:
        raise PromotionError("结束日期不能早于开始日期", field="ends_on")
    if not 0 <= rule.from_minute < rule.to_minute <= MINUTES_PER_DAY:
        raise PromotionError("时段不正确：开始时间须早于结束时间", field="from_minute")
    if any(not 1 <= d <= 7 for d in rule.weekdays):
        raise PromotionError("星期须在 1（周一）到 7（周日）之间", field="weekdays")
    if any(not 1 <= d <= 31 for d in rule.days_of_month):
        raise PromotionError("每月日期须在 1 到 31 之间", field="days_of_month")
    if rule.per_member_limit is not None and rule.per_member_limit <= 0:
        raise PromotionError("每位会员限用次数必须大于零", field="per_member_limit")
    if rule.audience is Audience.CARD_TYPES and not rule.card_type_ids:
        raise PromotionError("请选择适用的会员卡类型", field="card_type_ids")
    needs_goods = rule.kind not in (PromotionKind.SIGNUP_GIFT, PromotionKind.STAFF_COUPON)
    if needs_goods and not (rule.all_products or rule.product_ids or rule.category_ids):
        raise PromotionError("促销“%1”没有适用的商品：请选择商品或分类", name, field="product_ids")
    for value, what in (
        (rule.percent_bp, "percent_bp"),
        (rule.amount_fen, "amount_fen"),
        (rule.price_fen, "price_fen"),
        (rule.threshold_fen, "threshold_fen"),
        (rule.signup_points, "signup_points"),
        (rule.signup_stored_fen, "signup_stored_fen"),
    ):
        if value < 0:
            raise PromotionError("金额和比例不能为负数", field=what)
    if rule.percent_bp > FULL_BP:
        raise PromotionError("折扣不能超过 100%", field="percent_bp")
    _check_kind(rule)


def _check_kind(rule: Promotion) -> None:
    kind = rule.kind
    if kind is PromotionKind.PERCENT_OFF and rule.percent_bp == 0:
        raise PromotionError("请输入折扣比例", field="percent_bp")
    if kind is PromotionKind.AMOUNT_OFF and rule.amount_fen == 0:
        raise PromotionError("请输入立减金额", field="amount_fen")
    if kind is PromotionKind.SPECIAL_PRICE and rule.price_fen == 0:
        raise PromotionError("请输入特价", field="price_fen")
    if kind is PromotionKind.MULTI_BUY:
        if rule.bundle_qty < 2:
            raise PromotionError("多件优惠至少 2 件", field="bundle_qty")
        if rule.nth_paid_bp is None and rule.price_fen == 0:
            raise PromotionError("请输入 N 件的价格或第 N 件的折扣", field="price_fen")
        if rule.nth_paid_bp is not None and not 0 <= rule.nth_paid_bp < FULL_BP:
            raise PromotionError("第 N 件的折扣须在 0 到 100% 之间", field="nth_paid_bp")
    if kind is PromotionKind.SPEND_OFF:
        if rule.threshold_fen == 0 or rule.amount_fen == 0:
            raise PromotionError("满减须有门槛和减免金额", field="threshold_fen")
        if rule.amount_fen > rule.threshold_fen:
            raise PromotionError("满减的减免金额不能超过门槛", field="amount_fen")
        if rule.cap_fen is not None and rule.cap_fen < rule.amount_fen:
            raise PromotionError("满减封顶金额不能少于一次的减免", field="cap_fen")
    if kind is PromotionKind.SPEND_GIFT:
        if rule.threshold_fen == 0:
            raise PromotionError("满赠须有门槛金额", field="threshold_fen")
        if not rule.gift_product_ids:
            raise PromotionError("请选择赠品", field="gift_product_ids")
    if rule.gift_qty <= 0:
        raise PromotionError("赠品数量必须大于零", field="gift_qty")
    if kind is PromotionKind.MEMBER_DAY:
        if not rule.weekdays and not rule.days_of_month:
            raise PromotionError("会员日须选择星期几或每月几号", field="weekdays")
        if rule.audience is Audience.EVERYONE:
            raise PromotionError("会员日只对会员", field="audience")
    gives_nothing = (
        rule.percent_bp == 0 and rule.points_multiplier <= 1 and not rule.gift_product_ids
    )
    if kind in (PromotionKind.MEMBER_DAY, PromotionKind.BIRTHDAY) and gives_nothing:
        raise PromotionError("请设置折扣、赠品或积分倍数", field="percent_bp")
    if kind is PromotionKind.BIRTHDAY and rule.audience is Audience.EVERYONE:
        raise PromotionError("生日特权只对会员", field="audience")
    if rule.points_multiplier < 1 or rule.points_multiplier > 10:
        raise PromotionError("积分倍数须在 1 到 10 之间", field="points_multiplier")
    if kind is PromotionKind.SIGNUP_GIFT and not (
        rule.signup_points or rule.signup_coupon_template_id or rule.signup_stored_fen
    ):
        raise PromotionError("新人礼包须赠积分、优惠券或储值", field="signup_points")
    if kind is PromotionKind.STAFF_COUPON:
        if rule.daily_limit <= 0:
            raise PromotionError("员工赠券须设每人每天的限额", field="daily_limit")
        if (rule.amount_fen == 0) == (rule.percent_bp == 0):
            raise PromotionError("员工赠券须设减免金额或折扣比例之一", field="amount_fen")


def find_overlap(rule: Promotion, others: Iterable[Promotion]) -> Promotion | None:
    """A live rule of the same kind that would price the same goods at the same time, both not
    stacking: the counter could not say which the manager meant."""
    if rule.stacks:
        return None
    for other in others:
        if other.id == rule.id or other.retired or other.stacks or other.kind is not rule.kind:
            continue
        if other.ends_on < rule.starts_on or rule.ends_on < other.starts_on:
            continue
        if rule.weekdays and other.weekdays and not rule.weekdays & other.weekdays:
            continue
        if (
            rule.days_of_month
            and other.days_of_month
            and not (rule.days_of_month & other.days_of_month)
        ):
            continue
        if rule.to_minute <= other.from_minute or other.to_minute <= rule.from_minute:
            continue
        both_typed = rule.audience is other.audience is Audience.CARD_TYPES
        if both_typed and not rule.card_type_ids & other.card_type_ids:
            continue
        if rule.kind not in (PromotionKind.SIGNUP_GIFT, PromotionKind.STAFF_COUPON) and not (
            _goods_meet(rule, other)
        ):
            continue
        return other
    return None


def _goods_meet(a: Promotion, b: Promotion) -> bool:
    if a.all_products or b.all_products:
        return True
    return bool(a.product_ids & b.product_ids or a.category_ids & b.category_ids)


# -- plain data (the rule's terms column, the outbox) --------------------------------------------

_SETS = (
    "product_ids",
    "category_ids",
    "excluded_product_ids",
    "excluded_category_ids",
    "card_type_ids",
    "weekdays",
    "days_of_month",
)


def rule_to_dict(rule: Promotion) -> dict[str, Any]:
    data = dataclasses.asdict(rule)
    for key in _SETS:
        data[key] = sorted(data[key])
    data["gift_product_ids"] = list(rule.gift_product_ids)
    data["starts_on"] = rule.starts_on.isoformat()
    data["ends_on"] = rule.ends_on.isoformat()
    data["kind"] = rule.kind.value
    data["audience"] = rule.audience.value
    data["birthday_window"] = rule.birthday_window.value
    return data


def rule_from_dict(data: Mapping[str, Any]) -> Promotion:
    values = dict(data)
    for key in _SETS:
        values[key] = frozenset(values.get(key, ()))
    values["gift_product_ids"] = tuple(values.get("gift_product_ids", ()))
    values["starts_on"] = dt.date.fromisoformat(values["starts_on"])
    values["ends_on"] = dt.date.fromisoformat(values["ends_on"])
    values["kind"] = PromotionKind(values["kind"])
    values["audience"] = Audience(values.get("audience", Audience.EVERYONE.value))
    values["birthday_window"] = BirthdayWindow(
        values.get("birthday_window", BirthdayWindow.DAY.value)
    )
    known = {field.name for field in dataclasses.fields(Promotion)}
    return Promotion(**{k: v for k, v in values.items() if k in known})
