"""Member filters (003): who was born in a month, joined around a day, bought lately, spent or
holds so much, carries a tag or a card type; criteria combined with AND, each shown in words.

A filter is a tuple of typed criteria, checked when made (a plain sentence for an empty or a
reversed range, a negative number), kept as JSON by the saved lists and compiled to ONE SQL
statement over ``members``, ``orders``, ``points_entries``, the two tag tables and
``lunar_months``: conditions on the member row first, then correlated subqueries on that
member's orders and ledger entries (SQLite evaluates those last, on the rows the others kept).
``docs/analytics.md`` ("Filters") writes out each criterion exactly. The words they share:

- a *purchase* is a member's sale, not voided, whose amount less what was refunded from it is
  above zero, as the groups and segments count it (:mod:`app.members.segments`); its day is its
  business day. A sale refunded whole is no visit;
- a window of N days on day D is the N days that end with D, D included;
- a range ``min``..``max`` includes both ends; either end may be left open (None).
"""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
import json
from typing import Any, ClassVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.members.accounts import mask_phone
from app.members.calendar import LUNAR
from app.members.tags import clean_tags, tag_key
from app.storage.member_models import (
    CardTypeRow,
    LunarMonthRow,
    MemberAutoTagRow,
    MemberRow,
    MemberTagRow,
    PointsEntryRow,
)
from app.storage.models import OrderRow

#: Rows a filter shows on the screen; the count and an export cover every match.
SHOWN_LIMIT = 500
MAX_DAYS = 36_500
MAX_FEN = 10**12
MAX_POINTS = 10**12
MAX_VISITS = 1_000_000
MAX_CRITERIA = 20

#: 生肖 in order from 鼠 (0): a lunar year Y is animal ``(Y + 8) % 12`` (1900, 2020: 鼠).
ZODIAC = (
    ("鼠", "Rat"),
    ("牛", "Ox"),
    ("虎", "Tiger"),
    ("兔", "Rabbit"),
    ("龙", "Dragon"),
    ("蛇", "Snake"),
    ("马", "Horse"),
    ("羊", "Goat"),
    ("猴", "Monkey"),
    ("鸡", "Rooster"),
    ("狗", "Dog"),
    ("猪", "Pig"),
)

#: 星座 by the solar month-day of birth (MMDD), first and last day included; 摩羯 wraps the year.
STAR_SIGNS: dict[str, tuple[str, str, int, int]] = {
    "capricorn": ("摩羯座", "Capricorn", 1222, 119),
    "aquarius": ("水瓶座", "Aquarius", 120, 218),
    "pisces": ("双鱼座", "Pisces", 219, 320),
    "aries": ("白羊座", "Aries", 321, 419),
    "taurus": ("金牛座", "Taurus", 420, 520),
    "gemini": ("双子座", "Gemini", 521, 621),
    "cancer": ("巨蟹座", "Cancer", 622, 722),
    "leo": ("狮子座", "Leo", 723, 822),
    "virgo": ("处女座", "Virgo", 823, 922),
    "libra": ("天秤座", "Libra", 923, 1023),
    "scorpio": ("天蝎座", "Scorpio", 1024, 1122),
    "sagittarius": ("射手座", "Sagittarius", 1123, 1221),
}

#: Points entries that add up to a member's total (累计积分): what was credited, less what a
#: refund took back; spending, redeeming, resets and expiry do not lower it.
TOTAL_POINTS_KINDS = ("earn", "reverse", "gift", "opening")

_M = MemberRow.__table__
_O = OrderRow.__table__
_R = OrderRow.__table__.alias("refund")
_P = PointsEntryRow.__table__


class FilterError(KnownError):
    """A filter that cannot be run or kept; nothing was written."""


@dataclasses.dataclass(frozen=True)
class Words:
    """A criterion as the screen says it, in the two languages of the window."""

    zh: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language.startswith("en") else self.zh


# -- the words shared by the criteria ----------------------------------------------------------


def _window_start(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days - 1)


def _net(order: Any) -> ColumnElement[Any]:
    """A sale's amount less what was refunded from it (a paid sale had nothing refunded)."""
    refunded = (
        select(func.coalesce(func.sum(_R.c.total_fen), 0))
        .where(_R.c.original_order_id == order.c.id, _R.c.kind == "refund")
        .scalar_subquery()
    )
    return case((order.c.state == "paid", order.c.total_fen), else_=order.c.total_fen - refunded)


def _sales(member: Any, *extra: ColumnElement[bool]) -> ColumnElement[bool]:
    """The member's sales, not voided (read through ``ix_orders_member_purchases``)."""
    return and_(_O.c.member_id == member, _O.c.kind == "sale", _O.c.state != "voided", *extra)


def _purchases(member: Any, since: dt.date | None = None) -> ColumnElement[bool]:
    extra = [] if since is None else [_O.c.business_day >= since]
    return _sales(member, *extra, _net(_O) > 0)


def _visits(since: dt.date | None, member: Any = _M.c.id) -> ColumnElement[Any]:
    return select(func.count()).select_from(_O).where(_purchases(member, since)).scalar_subquery()


def _last_purchase(member: Any = _M.c.id) -> ColumnElement[Any]:
    return select(func.max(_O.c.business_day)).where(_purchases(member)).scalar_subquery()


def _spend(member: Any = _M.c.id) -> ColumnElement[Any]:
    return select(func.coalesce(func.sum(_net(_O)), 0)).where(_sales(member)).scalar_subquery()


def _total_points() -> ColumnElement[Any]:
    return (
        select(func.coalesce(func.sum(_P.c.delta), 0))
        .where(
            _P.c.member_id == _M.c.id,
            or_(_P.c.kind.in_(TOTAL_POINTS_KINDS), and_(_P.c.kind == "adjust", _P.c.delta > 0)),
        )
        .scalar_subquery()
    )


def _between(value: ColumnElement[Any], low: object, high: object) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if low is not None:
        parts.append(value >= low)
    if high is not None:
        parts.append(value <= high)
    return and_(*parts)


#: A range's refusals, by criterion: left blank, a bound outside 0..limit, low above high.
_RANGE_WORDS = {
    "tenure": (
        "请填写入会天数的下限或上限",
        "入会天数须在 0 到 %1 之间",
        "入会天数的下限不能大于上限",
    ),
    "visits": (
        "请填写消费次数的下限或上限",
        "消费次数须在 0 到 %1 之间",
        "消费次数的下限不能大于上限",
    ),
    "total_spend": (
        "请填写累计消费金额的下限或上限",
        "累计消费金额须在 0 到 %1 分之间",
        "累计消费金额的下限不能大于上限",
    ),
    "total_points": (
        "请填写累计积分的下限或上限",
        "累计积分须在 0 到 %1 之间",
        "累计积分的下限不能大于上限",
    ),
    "available_points": (
        "请填写可用积分的下限或上限",
        "可用积分须在 0 到 %1 之间",
        "可用积分的下限不能大于上限",
    ),
}


def _check_range(low: int | None, high: int | None, limit: int, field: str, kind: str) -> None:
    blank, outside, reversed_order = _RANGE_WORDS[kind]
    if low is None and high is None:
        raise FilterError(blank, field=field)
    for value in (low, high):
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit
        ):
            raise FilterError(outside, limit, field=field)
    if low is not None and high is not None and low > high:
        raise FilterError(reversed_order, field=field)


def _check_days(days: int, field: str) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise FilterError("天数须在 1 到 %1 之间", MAX_DAYS, field=field)


def _check_dates(first: dt.date | None, last: dt.date | None, field: str) -> None:
    if first is None and last is None:
        raise FilterError("请填写开始或结束日期", field=field)
    if first is not None and last is not None and first > last:
        raise FilterError(
            "开始日期 %1 晚于结束日期 %2，范围是空的",
            first.isoformat(),
            last.isoformat(),
            field=field,
        )


def _range_words(low: object, high: object, unit_zh: str, unit_en: str) -> tuple[str, str]:
    if low is not None and high is not None:
        return f"{low}–{high}{unit_zh}", f"{low}–{high}{unit_en}"
    if low is not None:
        return f"至少 {low}{unit_zh}", f"at least {low}{unit_en}"
    return f"至多 {high}{unit_zh}", f"at most {high}{unit_en}"


def _yuan(fen: int | None) -> int | str | None:
    if fen is None:
        return None
    whole, cents = divmod(fen, 100)
    return f"¥{whole}" if cents == 0 else f"¥{whole}.{cents:02d}"


def _date_words(first: dt.date | None, last: dt.date | None) -> tuple[str, str]:
    if first is not None and last is not None:
        return f"{first.isoformat()} 至 {last.isoformat()}", f"{first} to {last}"
    if first is not None:
        return f"{first.isoformat()} 起", f"from {first}"
    return f"{last} 及以前", f"up to {last}"


# -- the criteria ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Criterion(abc.ABC):
    """One condition on a member. ``kind`` names it in the saved JSON."""

    kind: ClassVar[str]
    #: Whether it reads the member's orders or ledger (then it is tested after the others).
    reads_history: ClassVar[bool] = False

    def check(self) -> None:
        """Refuse what cannot be meant (FilterError naming the field); most accept anything."""
        return None

    @abc.abstractmethod
    def words(self) -> Words:
        """The condition in words, Chinese and English, for the screen and the saved list."""

    @abc.abstractmethod
    def condition(self, today: dt.date) -> ColumnElement[bool]:
        """The condition as SQL over the members table, on ``today``."""


@dataclasses.dataclass(frozen=True)
class BirthMonth(Criterion):
    """Born in one of ``months``: a solar birthday by its month, a lunar one by its lunar month."""

    kind: ClassVar[str] = "birth_month"
    months: tuple[int, ...]

    def check(self) -> None:
        if not self.months:
            raise FilterError("请至少选一个生日月份", field="months")
        if any(not isinstance(m, int) or not 1 <= m <= 12 for m in self.months):
            raise FilterError("生日月份须在 1 到 12 之间", field="months")

    def words(self) -> Words:
        months = sorted(set(self.months))
        return Words(
            "生日月份：" + "、".join(f"{m}月" for m in months) + "（农历生日按农历月）",
            "Birth month: "
            + ", ".join(str(m) for m in months)
            + " (lunar birthdays by lunar month)",
        )

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return _M.c.birthday_month.in_(sorted(set(self.months)))


@dataclasses.dataclass(frozen=True)
class JoinAnniversary(Criterion):
    """The anniversary of the day they joined falls between ``first`` and ``last``."""

    kind: ClassVar[str] = "anniversary"
    first: dt.date
    last: dt.date

    def check(self) -> None:
        _check_dates(self.first, self.last, "first")
        if (self.last - self.first).days >= 366:
            raise FilterError("纪念日的日期范围最长一年", field="last")

    def words(self) -> Words:
        return Words(
            f"入会纪念日在 {self.first.isoformat()} 至 {self.last.isoformat()} 之间",
            f"Joining anniversary between {self.first} and {self.last}",
        )

    def month_days(self) -> list[str]:
        """The ``MM-DD`` of each day of the range; 29 February joiners count on 28 February of
        a common year."""
        found = set()
        day = self.first
        while day <= self.last:
            found.add(day.strftime("%m-%d"))
            if day.month == 2 and day.day == 28 and (day + dt.timedelta(days=1)).month == 3:
                found.add("02-29")
            day += dt.timedelta(days=1)
        return sorted(found)

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return and_(
            _M.c.joined_on < self.first,
            func.substr(_M.c.joined_on, 6, 5).in_(self.month_days()),
        )


@dataclasses.dataclass(frozen=True)
class NewOrOld(Criterion):
    """New: joined within the last ``days`` days (today included); old: joined before that."""

    kind: ClassVar[str] = "new_or_old"
    days: int
    new: bool = True

    def check(self) -> None:
        _check_days(self.days, "days")

    def words(self) -> Words:
        if self.new:
            return Words(
                f"新会员：近 {self.days} 天内入会", f"New: joined in the last {self.days} days"
            )
        return Words(
            f"老会员：入会超过 {self.days} 天", f"Old: joined more than {self.days} days ago"
        )

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        start = _window_start(today, self.days)
        if self.new:
            return and_(_M.c.joined_on >= start, _M.c.joined_on <= today)
        return _M.c.joined_on < start


@dataclasses.dataclass(frozen=True)
class Tenure(Criterion):
    """Days from joining to today (0 on the day they joined) between ``min_days`` and
    ``max_days``."""

    kind: ClassVar[str] = "tenure"
    min_days: int | None = None
    max_days: int | None = None

    def check(self) -> None:
        _check_range(self.min_days, self.max_days, MAX_DAYS, "min_days", self.kind)

    def words(self) -> Words:
        zh, en = _range_words(self.min_days, self.max_days, " 天", " days")
        return Words(f"入会时长：{zh}", f"Member for {en}")

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = []
        if self.min_days is not None:
            parts.append(_M.c.joined_on <= today - dt.timedelta(days=self.min_days))
        if self.max_days is not None:
            parts.append(_M.c.joined_on >= today - dt.timedelta(days=self.max_days))
        return and_(*parts)


@dataclasses.dataclass(frozen=True)
class Activity(Criterion):
    """Active: at least one purchase in the last ``days`` days; inactive: none (never bought
    included)."""

    kind: ClassVar[str] = "activity"
    reads_history: ClassVar[bool] = True
    days: int
    active: bool = True

    def check(self) -> None:
        _check_days(self.days, "days")

    def words(self) -> Words:
        if self.active:
            return Words(
                f"活跃：近 {self.days} 天内有消费", f"Active: bought in the last {self.days} days"
            )
        return Words(
            f"不活跃：近 {self.days} 天内没有消费",
            f"Inactive: no purchase in the last {self.days} days",
        )

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        since = _window_start(today, self.days)
        bought = select(literal(1)).select_from(_O).where(_purchases(_M.c.id, since)).exists()
        return bought if self.active else not_(bought)


@dataclasses.dataclass(frozen=True)
class ChineseZodiac(Criterion):
    """生肖 of the lunar year of birth: a lunar birthday's own year; a solar birthday's year less
    one when it falls before that year's lunar new year. A birthday without a year (or a solar
    one without its day) has none."""

    kind: ClassVar[str] = "zodiac"
    animals: tuple[int, ...]

    def check(self) -> None:
        if not self.animals:
            raise FilterError("请至少选一个生肖", field="animals")
        if any(not isinstance(a, int) or not 0 <= a < len(ZODIAC) for a in self.animals):
            raise FilterError("未知的生肖", field="animals")

    def words(self) -> Words:
        chosen = sorted(set(self.animals))
        return Words(
            "生肖：" + "、".join(ZODIAC[a][0] for a in chosen) + "（按农历出生年）",
            "Chinese zodiac: " + ", ".join(ZODIAC[a][1] for a in chosen) + " (by lunar birth year)",
        )

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return ((lunar_birth_year() + 8) % 12).in_(sorted(set(self.animals)))


def lunar_birth_year() -> ColumnElement[Any]:
    """The lunar year a member was born in, or NULL (see :class:`ChineseZodiac`)."""
    lm = LunarMonthRow.__table__
    new_year = (
        select(lm.c.first_day)
        .where(lm.c.year == _M.c.birthday_year, lm.c.month == 1, lm.c.leap == false())
        .scalar_subquery()
    )
    solar_birth = func.printf(
        "%04d-%02d-%02d", _M.c.birthday_year, _M.c.birthday_month, _M.c.birthday_day
    )
    return case(
        (_M.c.birthday_year.is_(None), None),
        (_M.c.birthday_calendar == LUNAR, _M.c.birthday_year),
        (_M.c.birthday_day.is_(None), None),
        else_=_M.c.birthday_year - cast(solar_birth < new_year, Integer),
    )


def solar_birth_month_day() -> ColumnElement[Any]:
    """The solar month and day of birth as MMDD: a solar birthday's own; a lunar one's needs its
    year, turned to the solar calendar by ``lunar_months``; else NULL."""
    lm = LunarMonthRow.__table__
    month_start = (
        select(lm.c.first_day)
        .where(
            lm.c.year == _M.c.birthday_year,
            lm.c.month == _M.c.birthday_month,
            lm.c.leap == _M.c.birthday_leap,
        )
        .scalar_subquery()
    )
    lunar_solar = func.date(
        month_start, literal("+").op("||")(_M.c.birthday_day - 1).op("||")(" days")
    )
    return case(
        (_M.c.birthday_day.is_(None), None),
        (
            _M.c.birthday_calendar == LUNAR,
            case(
                (_M.c.birthday_year.is_(None), None),
                else_=cast(func.strftime("%m%d", lunar_solar), Integer),
            ),
        ),
        else_=_M.c.birthday_month * 100 + _M.c.birthday_day,
    )


@dataclasses.dataclass(frozen=True)
class StarSign(Criterion):
    """星座 of the solar day of birth (:data:`STAR_SIGNS`); a lunar birthday needs its year."""

    kind: ClassVar[str] = "star_sign"
    signs: tuple[str, ...]

    def check(self) -> None:
        if not self.signs:
            raise FilterError("请至少选一个星座", field="signs")
        if any(sign not in STAR_SIGNS for sign in self.signs):
            raise FilterError("未知的星座", field="signs")

    def words(self) -> Words:
        chosen = [key for key in STAR_SIGNS if key in self.signs]
        return Words(
            "星座：" + "、".join(STAR_SIGNS[k][0] for k in chosen),
            "Star sign: " + ", ".join(STAR_SIGNS[k][1] for k in chosen),
        )

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        md = solar_birth_month_day()
        parts: list[ColumnElement[bool]] = []
        for key in STAR_SIGNS:
            if key not in self.signs:
                continue
            _zh, _en, first, last = STAR_SIGNS[key]
            if first <= last:
                parts.append(md.between(first, last))
            else:
                parts.append(or_(md >= first, md <= last))
        return or_(*parts)


@dataclasses.dataclass(frozen=True)
class VisitCount(Criterion):
    """Purchases in the last ``days`` days (all time when None) between ``min`` and ``max``."""

    kind: ClassVar[str] = "visits"
    reads_history: ClassVar[bool] = True
    min: int | None = None
    max: int | None = None
    days: int | None = None

    def check(self) -> None:
        _check_range(self.min, self.max, MAX_VISITS, "min", self.kind)
        if self.days is not None:
            _check_days(self.days, "days")

    def words(self) -> Words:
        zh, en = _range_words(self.min, self.max, " 次", " visits")
        if self.days is None:
            return Words(f"累计消费次数：{zh}", f"Visits (all time): {en}")
        return Words(
            f"近 {self.days} 天消费次数：{zh}", f"Visits in the last {self.days} days: {en}"
        )

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        since = None if self.days is None else _window_start(today, self.days)
        return _between(_visits(since), self.min, self.max)


@dataclasses.dataclass(frozen=True)
class LastPurchase(Criterion):
    """The day of the last purchase between ``first`` and ``last`` (never bought: no match)."""

    kind: ClassVar[str] = "last_purchase"
    reads_history: ClassVar[bool] = True
    first: dt.date | None = None
    last: dt.date | None = None

    def check(self) -> None:
        _check_dates(self.first, self.last, "first")

    def words(self) -> Words:
        zh, en = _date_words(self.first, self.last)
        return Words(f"最近一次消费：{zh}", f"Last purchase: {en}")

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return _between(_last_purchase(), self.first, self.last)


@dataclasses.dataclass(frozen=True)
class TotalSpend(Criterion):
    """Every sale's amount less its refunds (voided sales left out), all time, in fen."""

    kind: ClassVar[str] = "total_spend"
    reads_history: ClassVar[bool] = True
    min_fen: int | None = None
    max_fen: int | None = None

    def check(self) -> None:
        _check_range(self.min_fen, self.max_fen, MAX_FEN, "min_fen", self.kind)

    def words(self) -> Words:
        zh, en = _range_words(_yuan(self.min_fen), _yuan(self.max_fen), "", "")
        return Words(f"累计消费金额：{zh}", f"Total spend: {en}")

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return _between(_spend(), self.min_fen, self.max_fen)


@dataclasses.dataclass(frozen=True)
class TotalPoints(Criterion):
    """Points ever credited (:data:`TOTAL_POINTS_KINDS` and positive adjustments)."""

    kind: ClassVar[str] = "total_points"
    reads_history: ClassVar[bool] = True
    min: int | None = None
    max: int | None = None

    def check(self) -> None:
        _check_range(self.min, self.max, MAX_POINTS, "min", self.kind)

    def words(self) -> Words:
        zh, en = _range_words(self.min, self.max, " 分", " points")
        return Words(f"累计积分：{zh}", f"Total points earned: {en}")

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return _between(_total_points(), self.min, self.max)


@dataclasses.dataclass(frozen=True)
class AvailablePoints(Criterion):
    """The points balance now (the member row's, equal to the sum of the points ledger)."""

    kind: ClassVar[str] = "available_points"
    min: int | None = None
    max: int | None = None

    def check(self) -> None:
        _check_range(self.min, self.max, MAX_POINTS, "min", self.kind)

    def words(self) -> Words:
        zh, en = _range_words(self.min, self.max, " 分", " points")
        return Words(f"可用积分：{zh}", f"Available points: {en}")

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return _between(_M.c.points, self.min, self.max)


@dataclasses.dataclass(frozen=True)
class HasTags(Criterion):
    """Carries any (or, with ``every``, all) of ``tags``, set by hand or by an automatic rule;
    tags match as the search matches them (``VIP`` is ``vip``)."""

    kind: ClassVar[str] = "tags"
    tags: tuple[str, ...]
    every: bool = False

    def check(self) -> None:
        if not clean_tags(self.tags, field="tags"):
            raise FilterError("请至少填一个标签", field="tags")

    def words(self) -> Words:
        shown = "、".join(clean_tags(self.tags))
        if self.every:
            return Words(
                f"标签：同时有 {shown}", f"Tags: all of {', '.join(clean_tags(self.tags))}"
            )
        return Words(f"标签：有 {shown} 之一", f"Tags: any of {', '.join(clean_tags(self.tags))}")

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        hand = MemberTagRow.__table__
        auto = MemberAutoTagRow.__table__

        def carries(keys: list[str]) -> ColumnElement[bool]:
            return or_(
                select(literal(1))
                .where(hand.c.member_id == _M.c.id, hand.c.tag_key.in_(keys))
                .exists(),
                select(literal(1))
                .where(auto.c.member_id == _M.c.id, auto.c.tag_key.in_(keys))
                .exists(),
            )

        keys = sorted({tag_key(tag) for tag in clean_tags(self.tags)})
        if self.every:
            return and_(*(carries([key]) for key in keys))
        return carries(keys)


@dataclasses.dataclass(frozen=True)
class CardTypes(Criterion):
    """Holds a card of one of ``card_type_ids`` (their names, for the words, in ``names``)."""

    kind: ClassVar[str] = "card_types"
    card_type_ids: tuple[str, ...]
    names: tuple[str, ...] = ()

    def check(self) -> None:
        if not self.card_type_ids:
            raise FilterError("请至少选一种卡类型", field="card_type_ids")

    def words(self) -> Words:
        shown = self.names or self.card_type_ids
        return Words("卡类型：" + "、".join(shown), "Card type: " + ", ".join(shown))

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        return _M.c.card_type_id.in_(sorted(set(self.card_type_ids)))


CRITERIA: dict[str, type[Criterion]] = {
    kind.kind: kind
    for kind in (
        BirthMonth,
        JoinAnniversary,
        NewOrOld,
        Tenure,
        Activity,
        ChineseZodiac,
        StarSign,
        VisitCount,
        LastPurchase,
        TotalSpend,
        TotalPoints,
        AvailablePoints,
        HasTags,
        CardTypes,
    )
}


@dataclasses.dataclass(frozen=True)
class MemberFilter:
    """Criteria that must all hold."""

    criteria: tuple[Criterion, ...]

    def check(self, session: Session | None = None) -> None:
        if not self.criteria:
            raise FilterError("请至少设一个筛选条件", field="criteria")
        if len(self.criteria) > MAX_CRITERIA:
            raise FilterError("筛选条件最多 %1 个", MAX_CRITERIA, field="criteria")
        for criterion in self.criteria:
            criterion.check()
        if session is not None:
            known = set(session.scalars(select(CardTypeRow.id)))
            for criterion in self.criteria:
                if isinstance(criterion, CardTypes) and not set(criterion.card_type_ids) <= known:
                    raise FilterError("所选卡类型不存在", field="card_type_ids")

    def words(self) -> list[Words]:
        return [criterion.words() for criterion in self.criteria]

    def condition(self, today: dt.date) -> ColumnElement[bool]:
        """Every criterion, those on the member row first."""
        ordered = sorted(self.criteria, key=lambda c: c.reads_history)
        return and_(*(criterion.condition(today) for criterion in ordered))

    # -- kept as JSON ------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(
            [{"kind": c.kind, **_plain(dataclasses.asdict(c))} for c in self.criteria],
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> MemberFilter:
        """The filter kept by :meth:`to_json`; FilterError for anything else."""
        try:
            raw = json.loads(text)
            criteria = []
            for item in raw:
                kind = CRITERIA[item.pop("kind")]
                fields = {f.name: f for f in dataclasses.fields(kind)}
                values = {name: _typed(fields[name].type, value) for name, value in item.items()}
                criteria.append(kind(**values))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise FilterError("名单的筛选条件无法读取：%1", str(exc)) from exc
        return cls(tuple(criteria))


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in fields.items()
    }


def _typed(annotation: object, value: Any) -> Any:
    """A JSON value back as its field's type (dates from text, sequences as tuples)."""
    if value is None:
        return None
    if "date" in str(annotation):
        return dt.date.fromisoformat(value)
    if isinstance(value, list):
        return tuple(value)
    return value


# -- running it --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class MatchRow:
    """A member a filter found, as the results table and the export show them."""

    id: str
    card_no: str
    name: str
    phone_masked: str
    card_type: str
    joined_on: dt.date
    points: int
    spend_fen: int
    visits: int
    last_purchase: dt.date | None


@dataclasses.dataclass(frozen=True)
class FilterResult:
    """How many members a filter found on ``today`` and (up to a limit) who, by card number."""

    today: dt.date
    count: int
    rows: tuple[MatchRow, ...]
    words: tuple[Words, ...]


def matching_statement(member_filter: MemberFilter, today: dt.date, limit: int | None) -> Any:
    """The one statement: the members the filter keeps, by card number (the first ``limit``),
    each with how many matched in all and their spend, visits and last purchase."""
    matched = (
        select(
            _M.c.id,
            _M.c.card_no,
            _M.c.name,
            _M.c.phone,
            _M.c.card_type_id,
            _M.c.joined_on,
            _M.c.points,
            func.count().over().label("matched"),
        )
        .where(member_filter.condition(today))
        .order_by(_M.c.card_no)
        .limit(limit)
        .subquery("matched")
    )
    # The page's figures, read for the members shown only.
    page = matched.c
    card_types = CardTypeRow.__table__
    card_type = select(card_types.c.name).where(card_types.c.id == page.card_type_id)
    return select(
        page.id,
        page.card_no,
        page.name,
        page.phone,
        card_type.scalar_subquery().label("card_type"),
        page.joined_on,
        page.points,
        page.matched,
        _spend(page.id).label("spend_fen"),
        _visits(None, page.id).label("visits"),
        _last_purchase(page.id).label("last_purchase"),
    ).order_by(page.card_no)


def run_filter(
    session: Session, member_filter: MemberFilter, today: dt.date, limit: int | None = SHOWN_LIMIT
) -> FilterResult:
    """The members ``member_filter`` keeps on ``today`` (checked first; FilterError if bad)."""
    member_filter.check(session)
    rows = []
    count = 0
    for row in session.execute(matching_statement(member_filter, today, limit)):
        count = int(row.matched)
        rows.append(
            MatchRow(
                id=row.id,
                card_no=row.card_no,
                name=row.name,
                phone_masked=mask_phone(row.phone),
                card_type=row.card_type,
                joined_on=_as_date(row.joined_on),
                points=int(row.points),
                spend_fen=int(row.spend_fen or 0),
                visits=int(row.visits or 0),
                last_purchase=None if row.last_purchase is None else _as_date(row.last_purchase),
            )
        )
    return FilterResult(today, count, tuple(rows), tuple(member_filter.words()))


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
