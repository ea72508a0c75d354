"""Birthdays and anniversaries kept in the solar or the lunar calendar, and the day each falls on.

Lunar conversions come from ``lunardate`` (lunar years 1900–2099), corrected by an explicit table
of the month starts it gets wrong (see ``LUNARDATE_CORRECTIONS``); every lunar computation in the
application goes through the month table built here, never through ``lunardate`` directly.

Rules for when a birthday falls (the same for anniversaries):

- A solar 29 February falls on 28 February in a common year.
- A lunar day 30 falls on day 29 in a year whose month of that number has only 29 days.
- A birthday in a leap month falls on the regular month of that number, unless the member chose
  ``prefer_leap``: then it falls on the leap month in years that have that leap month, and on the
  regular month in the others.
- The birth year, when known, is kept for age and for checking the date; it does not change when
  the birthday falls.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

from lunardate import LunarDate

from app.errors import KnownError

CalendarName = Literal["solar", "lunar"]
SOLAR: CalendarName = "solar"
LUNAR: CalendarName = "lunar"

FIRST_LUNAR_YEAR = 1900
LAST_LUNAR_YEAR = 2099
OUT_OF_RANGE_MESSAGE = "农历日期超出支持范围（1900–2099 年）"

#: Month starts that ``lunardate`` 0.3.0 puts one day off. Each was found by checking every lunar
#: month of 1900–2099 against lunar-python (an astronomical computation, 寿星万年历) and confirmed
#: by the new moon's time in Beijing time (UTC+8, the rule of GB/T 33661-2017). Three of the new
#: moons fall within ten minutes after midnight, which lunardate's table puts on the day before;
#: 1954 is a plain error in that table. Moving a month start by one day moves one day from one
#: month to the other; the length of the year does not change.
LUNARDATE_CORRECTIONS: dict[tuple[int, int, bool], datetime.date] = {
    # (lunar year, month, leap): first day. New moon 1933-07-23 00:03 (闰五月 has 30 days).
    (1933, 6, False): datetime.date(1933, 7, 23),
    # New moon 1954-11-25 20:31: 十月 has 29 days and 冬月 30 (lunardate starts 冬月 on 11-26).
    (1954, 11, False): datetime.date(1954, 11, 25),
    # New moon 1978-09-03 00:09: 七月 has 30 days and 八月 29 (中秋 on 1978-09-17).
    (1978, 8, False): datetime.date(1978, 9, 3),
    # New moon 2057-09-29 00:00:24: 八月 has 30 days and 九月 29.
    (2057, 9, False): datetime.date(2057, 9, 29),
}

_MONTH_NAMES = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DAY_TENS = ("初", "十", "廿", "三")
_DAY_UNITS = ("十", "一", "二", "三", "四", "五", "六", "七", "八", "九")
_SOLAR_ALIASES = frozenset({"solar", "公历", "阳历", "新历", "gregorian"})
_LUNAR_ALIASES = frozenset({"lunar", "农历", "阴历", "旧历", "chinese"})
_DATE_RE = re.compile(r"^(?:(?P<year>\d{4})[-/.年])?(?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})日?$")


class MemberDateError(KnownError):
    """A birthday or anniversary that cannot be kept; the message is fit for the screen."""


class DateOutOfRange(MemberDateError):
    """A lunar date, or a solar date to convert, outside the years the lunar table covers."""

    def __init__(self, message: str = OUT_OF_RANGE_MESSAGE) -> None:
        super().__init__(message)


@dataclasses.dataclass(frozen=True)
class LunarMonth:
    """One month of a lunar year: its number, whether it is the leap month, first day, length."""

    year: int
    month: int
    leap: bool
    start: datetime.date
    days: int

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=self.days - 1)

    @property
    def label(self) -> str:
        return lunar_month_name(self.month, self.leap)


@dataclasses.dataclass(frozen=True)
class LunarDay:
    """A day of the lunar calendar: ``LunarDay(2024, 8, 15, False)`` is 2024 年八月十五."""

    year: int
    month: int
    day: int
    leap: bool = False

    @property
    def label(self) -> str:
        return lunar_month_name(self.month, self.leap) + lunar_day_name(self.day)


@dataclasses.dataclass(frozen=True, order=True)
class BirthdayKey:
    """What decides when a yearly date falls, without its year: the column a database indexes.

    A leap-month date that does not prefer the leap month falls exactly like the regular month's
    date, so it has the same key; ``leap`` is true only for dates kept on the leap month.
    """

    calendar: CalendarName
    month: int
    day: int
    leap: bool = False

    @property
    def code(self) -> str:
        """A short sortable text for an indexed column: ``S0229``, ``L0830``, ``L0408+``."""
        prefix = "S" if self.calendar == SOLAR else "L"
        return f"{prefix}{self.month:02d}{self.day:02d}{'+' if self.leap else ''}"


def lunar_month_name(month: int, leap: bool = False) -> str:
    """``8 -> '八月'``, ``(4, True) -> '闰四月'``, ``1 -> '正月'``, ``12 -> '腊月'``."""
    return ("闰" if leap else "") + _MONTH_NAMES[month - 1] + "月"


def lunar_day_name(day: int) -> str:
    """``1 -> '初一'``, ``15 -> '十五'``, ``20 -> '二十'``, ``21 -> '廿一'``, ``30 -> '三十'``."""
    if day == 10:
        return "初十"
    if day == 20:
        return "二十"
    if day == 30:
        return "三十"
    return _DAY_TENS[day // 10] + _DAY_UNITS[day % 10]


def _check_lunar_year(year: int) -> None:
    if not FIRST_LUNAR_YEAR <= year <= LAST_LUNAR_YEAR:
        raise DateOutOfRange()


@functools.cache
def lunar_months(year: int) -> tuple[LunarMonth, ...]:
    """The 12 or 13 months of a lunar year in order, with ``LUNARDATE_CORRECTIONS`` applied."""
    _check_lunar_year(year)
    leap_month = LunarDate.leap_month_for_year(year)
    order = [(m, False) for m in range(1, 13)]
    if leap_month is not None:
        order.insert(leap_month, (leap_month, True))
    starts = [
        LUNARDATE_CORRECTIONS.get((year, m, leap)) or LunarDate(year, m, 1, leap).to_solar_date()
        for m, leap in order
    ]
    last_month, last_leap = order[-1]
    try:
        LunarDate(year, last_month, 30, last_leap).to_solar_date()
        last_days = 30
    except ValueError:
        last_days = 29
    ends = [*starts[1:], starts[-1] + datetime.timedelta(days=last_days)]
    return tuple(
        LunarMonth(year, m, leap, start, (end - start).days)
        for (m, leap), start, end in zip(order, starts, ends, strict=True)
    )


def leap_month_of(year: int) -> int | None:
    """The number of the leap month of a lunar year, or None when it has none."""
    for month in lunar_months(year):
        if month.leap:
            return month.month
    return None


def lunar_month(year: int, month: int, leap: bool = False) -> LunarMonth:
    """One month of a lunar year; a leap month the year does not have is refused."""
    if not 1 <= month <= 12:
        raise MemberDateError("月份须在 1–12 之间：%1", month)
    for candidate in lunar_months(year):
        if candidate.month == month and candidate.leap == leap:
            return candidate
    raise MemberDateError("农历 %1 年没有%2", year, lunar_month_name(month, leap))


FIRST_SOLAR_DATE: datetime.date = lunar_months(FIRST_LUNAR_YEAR)[0].start
LAST_SOLAR_DATE: datetime.date = lunar_months(LAST_LUNAR_YEAR)[-1].end


def _check_solar_in_range(day: datetime.date) -> None:
    if not FIRST_SOLAR_DATE <= day <= LAST_SOLAR_DATE:
        raise DateOutOfRange()


def to_solar(year: int, month: int, day: int, leap: bool = False) -> datetime.date:
    """The solar date of a lunar date, which must exist."""
    found = lunar_month(year, month, leap)
    if not 1 <= day <= found.days:
        if 1 <= day <= 30:
            raise MemberDateError(
                "农历 %1 年%2只有 %3 天，没有%4", year, found.label, found.days, lunar_day_name(day)
            )
        raise MemberDateError("农历日期须在初一到三十之间：%1", day)
    return found.start + datetime.timedelta(days=day - 1)


def to_lunar(day: datetime.date) -> LunarDay:
    """The lunar date of a solar date between ``FIRST_SOLAR_DATE`` and ``LAST_SOLAR_DATE``."""
    _check_solar_in_range(day)
    year = day.year
    if year > LAST_LUNAR_YEAR or day < lunar_months(year)[0].start:
        year -= 1
    months = lunar_months(year)
    index = bisect.bisect_right([m.start for m in months], day) - 1
    month = months[index]
    return LunarDay(year, month.month, (day - month.start).days + 1, month.leap)


@dataclasses.dataclass(frozen=True)
class MemberDate:
    """A birthday or anniversary as the member gives it, in the solar or the lunar calendar.

    ``year`` may be unknown. ``leap_month`` says the lunar date is in a leap month;
    ``prefer_leap`` (only with ``leap_month``) says the member keeps it on the leap month in the
    years that have one. A solar 29 February is allowed without a year.
    """

    calendar: CalendarName
    year: int | None
    month: int
    day: int
    leap_month: bool = False
    prefer_leap: bool = False
    key: BirthdayKey = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.calendar not in (SOLAR, LUNAR):
            raise MemberDateError("无法识别的历法：%1", self.calendar)
        if not 1 <= self.month <= 12:
            raise MemberDateError("月份须在 1–12 之间：%1", self.month)
        if self.prefer_leap and not self.leap_month:
            raise MemberDateError("只有闰月的日期才能选择按闰月过")
        if self.calendar == SOLAR:
            self._check_solar()
        else:
            self._check_lunar()
        key = BirthdayKey(self.calendar, self.month, self.day, self.leap_month and self.prefer_leap)
        object.__setattr__(self, "key", key)

    def _check_solar(self) -> None:
        if self.leap_month:
            raise MemberDateError("公历日期没有闰月")
        # 2000 is a leap year, so 29 February passes when the year is unknown.
        year = 2000 if self.year is None else self.year
        try:
            datetime.date(year, self.month, self.day)
        except ValueError:
            shown = f"{self.month} 月 {self.day} 日"
            if self.year is not None:
                shown = f"{self.year} 年 {shown}"
            raise MemberDateError("公历没有这一天：%1", shown) from None

    def _check_lunar(self) -> None:
        if not 1 <= self.day <= 30:
            raise MemberDateError("农历日期须在初一到三十之间：%1", self.day)
        if self.year is not None:
            to_solar(self.year, self.month, self.day, self.leap_month)

    @property
    def label(self) -> str:
        """``'八月十五'``, ``'闰四月初八'`` for lunar dates, ``'3 月 5 日'`` for solar ones."""
        if self.calendar == LUNAR:
            return lunar_month_name(self.month, self.leap_month) + lunar_day_name(self.day)
        return f"{self.month} 月 {self.day} 日"

    def to_solar_date(self) -> datetime.date | None:
        """The original date in the solar calendar, when the year is known."""
        if self.year is None:
            return None
        if self.calendar == SOLAR:
            return datetime.date(self.year, self.month, self.day)
        return to_solar(self.year, self.month, self.day, self.leap_month)


def occurrence_in_year(member_date: MemberDate, year: int) -> datetime.date:
    """The solar date a yearly date falls on in ``year`` of its own calendar.

    ``year`` is a solar year for a solar date and a lunar year for a lunar date: a 腊月 birthday
    of lunar year 2025 falls in January or February 2026.
    """
    if member_date.calendar == SOLAR:
        day = member_date.day
        if (member_date.month, day) == (2, 29) and not _is_leap_year(year):
            day = 28
        return datetime.date(year, member_date.month, day)
    month = _month_for(member_date, year)
    return month.start + datetime.timedelta(days=min(member_date.day, month.days) - 1)


def _month_for(member_date: MemberDate, year: int) -> LunarMonth:
    use_leap = member_date.prefer_leap and leap_month_of(year) == member_date.month
    return lunar_month(year, member_date.month, use_leap)


def _is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def occurrences_between(
    member_date: MemberDate, start: datetime.date, end: datetime.date
) -> list[datetime.date]:
    """Every solar date from ``start`` to ``end`` (both included) the yearly date falls on.

    A range may hold two occurrences (or more, if it is long); a lunar range looks at every lunar
    year that overlaps it, since a 腊月 date of one lunar year falls in the next solar year.
    """
    if end < start:
        return []
    if member_date.calendar == SOLAR:
        years: Iterator[int] = iter(range(start.year, end.year + 1))
    else:
        years = iter(range(to_lunar(start).year, to_lunar(end).year + 1))
    found = (occurrence_in_year(member_date, year) for year in years)
    return [day for day in found if start <= day <= end]


def keys_falling_on(day: datetime.date) -> frozenset[BirthdayKey]:
    """Every key whose yearly date falls on ``day``, in either calendar.

    Besides the day's own solar and lunar dates: solar 29 February on 28 February of a common
    year; lunar day 30 on day 29 of a short month; a leap-preferring date on its regular month
    in a year without that leap month.
    """
    keys = {BirthdayKey(SOLAR, day.month, day.day)}
    if (day.month, day.day) == (2, 28) and not _is_leap_year(day.year):
        keys.add(BirthdayKey(SOLAR, 2, 29))
    lunar = to_lunar(day)
    month = lunar_month(lunar.year, lunar.month, lunar.leap)
    lunar_days = [lunar.day]
    if lunar.day == month.days == 29:
        lunar_days.append(30)
    for lunar_day in lunar_days:
        if lunar.leap:
            keys.add(BirthdayKey(LUNAR, lunar.month, lunar_day, True))
        else:
            keys.add(BirthdayKey(LUNAR, lunar.month, lunar_day, False))
            if leap_month_of(lunar.year) != lunar.month:
                keys.add(BirthdayKey(LUNAR, lunar.month, lunar_day, True))
    return frozenset(keys)


def keys_falling_between(start: datetime.date, end: datetime.date) -> frozenset[BirthdayKey]:
    """Every key whose yearly date falls on some day from ``start`` to ``end`` (both included)."""
    keys: set[BirthdayKey] = set()
    day = start
    while day <= end:
        keys |= keys_falling_on(day)
        day += datetime.timedelta(days=1)
    return frozenset(keys)


def parse_calendar(text: str) -> CalendarName:
    """``'公历'``/``'阳历'``/``'solar'`` or ``'农历'``/``'阴历'``/``'lunar'`` as a calendar name."""
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    if cleaned in _SOLAR_ALIASES:
        return SOLAR
    if cleaned in _LUNAR_ALIASES:
        return LUNAR
    raise MemberDateError("无法识别的历法：%1（请填“公历”或“农历”）", text.strip())


def parse_member_date(
    text: str,
    calendar: str,
    leap: bool = False,
    prefer_leap: bool = False,
    *,
    field: str | None = None,
) -> MemberDate:
    """A date as typed or imported: ``1990-08-15``, ``08-15``, ``1990/8/15`` or ``1990年8月15日``.

    ``calendar`` is ``solar``/``lunar`` or its Chinese name; full-width digits are accepted. A
    lunar leap-month date without a year must be one some year of the table has (no 闰正月, no
    闰二月三十). A refusal names ``field``, so a form shows it next to that field.
    """
    try:
        name = parse_calendar(calendar)
        cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
        match = _DATE_RE.match(cleaned)
        if match is None:
            raise MemberDateError("无法识别的日期：%1（请写成 1990-08-15 或 08-15）", text.strip())
        year_text = match.group("year")
        parsed = MemberDate(
            name,
            int(year_text) if year_text else None,
            int(match.group("month")),
            int(match.group("day")),
            leap_month=leap,
            prefer_leap=prefer_leap,
        )
        if parsed.calendar == LUNAR and parsed.leap_month and parsed.year is None:
            _check_some_year_has(parsed.month, parsed.day)
    except MemberDateError as refused:
        refused.field = field
        raise
    return parsed


def _check_some_year_has(month: int, day: int) -> None:
    """A leap-month date without its year: some lunar year of the table must have it."""
    lengths = [m.days for m in _all_leap_months() if m.month == month]
    if not lengths:
        raise MemberDateError(
            "%1–%2 年的农历没有%3", FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR, lunar_month_name(month, True)
        )
    if day > max(lengths):
        raise MemberDateError(
            "农历%1只有 %2 天，没有%3",
            lunar_month_name(month, True),
            max(lengths),
            lunar_day_name(day),
        )


@functools.cache
def _all_leap_months() -> tuple[LunarMonth, ...]:
    return tuple(
        month
        for year in range(FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR + 1)
        for month in lunar_months(year)
        if month.leap
    )


def member_date_words(member_date: MemberDate) -> str:
    """A date in words with its calendar: ``农历 八月十五``, ``农历 闰四月初八``,
    ``公历 1990 年 3 月 5 日``; the year is said when it is known."""
    calendar_word = "农历" if member_date.calendar == LUNAR else "公历"
    year = "" if member_date.year is None else f"{member_date.year} 年"
    if member_date.calendar == LUNAR:
        return f"{calendar_word} {year}{member_date.label}"
    return f"{calendar_word} {year}{' ' if year else ''}{member_date.label}"
