"""Birthdays in the solar and the lunar calendar: validation, when they fall, parsing imports."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import KnownError
from app.members import calendar as cal
from app.members.calendar import (
    DateOutOfRange,
    MemberDate,
    MemberDateError,
    occurrence_in_year,
    occurrences_between,
    parse_member_date,
)

D = datetime.date


def lunar(month: int, day: int, *, year: int | None = None, **flags: bool) -> MemberDate:
    return MemberDate("lunar", year, month, day, **flags)


def solar(month: int, day: int, *, year: int | None = None) -> MemberDate:
    return MemberDate("solar", year, month, day)


# --- validation -----------------------------------------------------------------------------


def test_solar_29_february_is_allowed_without_a_year_and_in_a_leap_year() -> None:
    assert solar(2, 29).day == 29
    assert solar(2, 29, year=2000).to_solar_date() == D(2000, 2, 29)


def test_solar_29_february_of_a_common_year_is_refused_in_chinese() -> None:
    with pytest.raises(MemberDateError, match="公历没有这一天：2023 年 2 月 29 日"):
        solar(2, 29, year=2023)


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (13, 1), (0, 5), (1, 0)])
def test_solar_dates_that_do_not_exist_are_refused(month: int, day: int) -> None:
    with pytest.raises(MemberDateError):
        solar(month, day)


def test_solar_date_in_a_leap_month_is_refused() -> None:
    with pytest.raises(MemberDateError, match="公历日期没有闰月"):
        MemberDate("solar", None, 4, 8, leap_month=True)


def test_lunar_day_30_is_refused_in_a_year_whose_month_has_29_days() -> None:
    assert cal.lunar_month(2024, 12).days == 29
    with pytest.raises(MemberDateError, match="农历 2024 年腊月只有 29 天"):
        lunar(12, 30, year=2024)
    assert lunar(12, 30).day == 30  # without a year it is a fine birthday


def test_lunar_leap_month_the_year_does_not_have_is_refused() -> None:
    assert cal.leap_month_of(2023) == 2
    assert lunar(2, 10, year=2023, leap_month=True).to_solar_date() == D(2023, 3, 31)
    with pytest.raises(MemberDateError, match="农历 2024 年没有闰二月"):
        lunar(2, 10, year=2024, leap_month=True)


def test_lunar_day_31_is_refused() -> None:
    with pytest.raises(MemberDateError, match="初一到三十"):
        lunar(1, 31)


def test_prefer_leap_without_a_leap_month_is_refused() -> None:
    with pytest.raises(MemberDateError, match="只有闰月"):
        lunar(4, 8, prefer_leap=True)


@pytest.mark.parametrize("year", [1899, 2100])
def test_lunar_years_outside_1900_to_2099_are_refused_with_the_range(year: int) -> None:
    with pytest.raises(DateOutOfRange, match="农历日期超出支持范围（1900–2099 年）"):
        lunar(1, 1, year=year)


def test_solar_dates_outside_the_lunar_table_cannot_be_converted() -> None:
    assert cal.to_lunar(D(1900, 1, 31)) == cal.LunarDay(1900, 1, 1)
    assert cal.to_lunar(D(2100, 2, 8)) == cal.LunarDay(2099, 12, 30)
    for day in (D(1900, 1, 30), D(2100, 2, 9)):
        with pytest.raises(DateOutOfRange):
            cal.to_lunar(day)
    assert isinstance(DateOutOfRange(), KnownError)


def test_unknown_calendar_is_refused() -> None:
    with pytest.raises(MemberDateError, match="无法识别的历法"):
        MemberDate("julian", None, 1, 1)  # type: ignore[arg-type]


# --- labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day", "leap", "label"),
    [
        (8, 15, False, "八月十五"),
        (1, 1, False, "正月初一"),
        (4, 8, True, "闰四月初八"),
        (11, 20, False, "冬月二十"),
        (12, 30, False, "腊月三十"),
        (10, 10, False, "十月初十"),
        (3, 21, False, "三月廿一"),
        (6, 19, False, "六月十九"),
    ],
)
def test_lunar_dates_are_named_as_on_a_chinese_calendar(
    month: int, day: int, leap: bool, label: str
) -> None:
    assert lunar(month, day, leap_month=leap).label == label


# --- when a birthday falls ------------------------------------------------------------------


def test_lunar_birthday_falls_on_its_solar_date_in_each_lunar_year() -> None:
    mid_autumn = lunar(8, 15)
    assert occurrence_in_year(mid_autumn, 2024) == D(2024, 9, 17)
    assert occurrence_in_year(mid_autumn, 2025) == D(2025, 10, 6)


def test_solar_29_february_falls_on_28_february_in_a_common_year() -> None:
    assert occurrence_in_year(solar(2, 29), 2023) == D(2023, 2, 28)
    assert occurrence_in_year(solar(2, 29), 2024) == D(2024, 2, 29)
    assert occurrence_in_year(solar(2, 29), 1900) == D(1900, 2, 28)
    assert occurrence_in_year(solar(2, 29), 2000) == D(2000, 2, 29)


def test_lunar_day_30_falls_on_day_29_when_the_month_is_short_that_year() -> None:
    new_years_eve = lunar(12, 30)
    assert cal.lunar_month(2023, 12).days == 30
    assert occurrence_in_year(new_years_eve, 2023) == D(2024, 2, 9)
    assert cal.lunar_month(2024, 12).days == 29
    assert occurrence_in_year(new_years_eve, 2024) == D(2025, 1, 28)
    assert cal.to_lunar(D(2025, 1, 28)) == cal.LunarDay(2024, 12, 29)


def test_leap_month_birthday_falls_on_the_regular_month_by_default() -> None:
    born = lunar(6, 10, year=2025, leap_month=True)
    assert cal.leap_month_of(2025) == 6
    assert occurrence_in_year(born, 2025) == cal.to_solar(2025, 6, 10)
    assert occurrence_in_year(born, 2026) == cal.to_solar(2026, 6, 10)


def test_leap_month_birthday_kept_on_the_leap_month_falls_there_only_in_years_that_have_it() -> (
    None
):
    born = lunar(6, 10, year=2025, leap_month=True, prefer_leap=True)
    assert occurrence_in_year(born, 2025) == cal.to_solar(2025, 6, 10, leap=True)
    assert occurrence_in_year(born, 2025) == D(2025, 8, 3)  # 闰六月初一 is 25 July
    assert cal.leap_month_of(2026) is None
    assert occurrence_in_year(born, 2026) == cal.to_solar(2026, 6, 10)


def test_leap_month_day_30_falls_on_day_29_of_a_short_regular_month() -> None:
    assert cal.lunar_month(2023, 2, leap=True).days == 29
    assert cal.lunar_month(2023, 2).days == 30
    born = lunar(2, 30, leap_month=True, prefer_leap=True)
    assert occurrence_in_year(born, 2023) == cal.to_solar(2023, 2, 29, leap=True)
    not_preferring = lunar(2, 30, leap_month=True)
    assert occurrence_in_year(not_preferring, 2023) == cal.to_solar(2023, 2, 30)


def test_twelfth_month_birthday_falls_in_the_next_solar_year() -> None:
    born = lunar(12, 8)
    assert occurrences_between(born, D(2025, 1, 1), D(2025, 12, 31)) == [D(2025, 1, 7)]
    assert occurrences_between(born, D(2026, 1, 1), D(2026, 1, 31)) == [D(2026, 1, 26)]
    # lunar 2025 腊月初八 is in solar 2026, found from a range that starts in solar 2026
    assert occurrence_in_year(born, 2025) == D(2026, 1, 26)


def test_a_range_over_a_year_boundary_can_hold_two_occurrences() -> None:
    first_day = lunar(1, 1)
    found = occurrences_between(first_day, D(2025, 1, 29), D(2026, 2, 17))
    assert found == [D(2025, 1, 29), D(2026, 2, 17)]
    assert occurrences_between(solar(1, 1), D(2024, 1, 1), D(2025, 1, 1)) == [
        D(2024, 1, 1),
        D(2025, 1, 1),
    ]


def test_an_empty_or_reversed_range_holds_no_occurrence() -> None:
    assert occurrences_between(solar(5, 5), D(2025, 5, 6), D(2025, 5, 5)) == []
    assert occurrences_between(solar(5, 5), D(2025, 5, 5), D(2025, 5, 5)) == [D(2025, 5, 5)]


def test_a_lunar_year_with_13_months_still_holds_one_birthday() -> None:
    assert len(cal.lunar_months(2025)) == 13
    born = lunar(6, 1)
    start = cal.lunar_months(2025)[0].start
    end = cal.lunar_months(2025)[-1].end
    assert occurrences_between(born, start, end) == [cal.to_solar(2025, 6, 1)]


def test_lunar_occurrences_outside_the_table_are_refused() -> None:
    with pytest.raises(DateOutOfRange):
        occurrences_between(lunar(1, 1), D(2099, 1, 1), D(2100, 12, 31))
    with pytest.raises(DateOutOfRange):
        occurrence_in_year(lunar(1, 1), 2100)


lunar_member_dates = st.builds(
    lambda month, day, leap, prefer: lunar(
        month, day, leap_month=leap, prefer_leap=leap and prefer
    ),
    st.integers(1, 12),
    st.integers(1, 30),
    st.booleans(),
    st.booleans(),
)
member_dates = st.one_of(
    lunar_member_dates,
    st.builds(solar, st.integers(1, 12), st.integers(1, 28)),
    st.just(solar(2, 29)),
    st.builds(solar, st.sampled_from([1, 3, 5, 7, 8, 10, 12]), st.integers(29, 31)),
)
range_starts = st.dates(min_value=D(1900, 2, 1), max_value=D(2099, 12, 1))


@given(member_dates, range_starts, st.integers(0, 800))
def test_occurrences_are_sorted_in_range_and_about_one_a_year(
    member_date: MemberDate, start: datetime.date, days: int
) -> None:
    end = min(start + datetime.timedelta(days=days), cal.LAST_SOLAR_DATE)
    found = occurrences_between(member_date, start, end)
    assert found == sorted(set(found))
    assert all(start <= day <= end for day in found)
    assert len(found) <= (end - start).days // 350 + 1
    if (end - start).days >= 385:  # the longest lunar year, so at least one birthday
        assert found
    for day in found:
        assert member_date.key in cal.keys_falling_on(day)


@given(lunar_member_dates, st.integers(1900, 2099))
def test_a_lunar_birthday_falls_on_its_own_day_or_day_29_of_its_month(
    member_date: MemberDate, year: int
) -> None:
    day = cal.to_lunar(occurrence_in_year(member_date, year))
    assert (day.year, day.month) == (year, member_date.month)
    assert day.day == member_date.day or (member_date.day == 30 and day.day == 29)
    assert day.leap == (member_date.prefer_leap and cal.leap_month_of(year) == member_date.month)


# --- parsing imports ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "calendar", "expected"),
    [
        ("1990-08-15", "农历", MemberDate("lunar", 1990, 8, 15)),
        ("08-15", "lunar", MemberDate("lunar", None, 8, 15)),
        ("1990/8/5", "公历", MemberDate("solar", 1990, 8, 5)),
        ("1990年8月5日", "阳历", MemberDate("solar", 1990, 8, 5)),
        ("１９９０－０８－０５", "solar", MemberDate("solar", 1990, 8, 5)),
        (" 2-29 ", "公历", MemberDate("solar", None, 2, 29)),
        ("12.30", "阴历", MemberDate("lunar", None, 12, 30)),
    ],
)
def test_import_dates_are_read_in_their_usual_spellings(
    text: str, calendar: str, expected: MemberDate
) -> None:
    assert parse_member_date(text, calendar) == expected


def test_import_of_a_leap_month_date_keeps_the_flags() -> None:
    parsed = parse_member_date("2023-02-10", "农历", leap=True, prefer_leap=True)
    assert parsed == lunar(2, 10, year=2023, leap_month=True, prefer_leap=True)


@pytest.mark.parametrize(
    ("text", "calendar", "message"),
    [
        ("19900815", "公历", "无法识别的日期：19900815（请写成 1990-08-15 或 08-15）"),
        ("", "公历", "无法识别的日期"),
        ("1990-08-15", "佛历", "无法识别的历法：佛历（请填“公历”或“农历”）"),
        ("2023-02-29", "公历", "公历没有这一天"),
        ("2024-12-30", "农历", "农历 2024 年腊月只有 29 天"),
        ("1850-01-01", "农历", "农历日期超出支持范围"),
    ],
)
def test_import_dates_that_cannot_be_read_say_why_in_chinese(
    text: str, calendar: str, message: str
) -> None:
    with pytest.raises(MemberDateError, match=message):
        parse_member_date(text, calendar)


@given(st.text(max_size=20))
def test_any_import_text_either_parses_or_raises_a_member_date_error(text: str) -> None:
    try:
        parsed = parse_member_date(text, "农历")
    except MemberDateError:
        return
    assert 1 <= parsed.month <= 12
