"""Checks the lunar month table against lunar-python, an independent astronomical computation.

lunardate 0.3.0 and lunar-python disagree on four month starts in 1900–2099 (1933, 1954, 1978,
2057); app.members.calendar corrects exactly those, and these tests prove the corrected table
agrees with lunar-python on every month, hence on every day, of the supported range.
"""

from __future__ import annotations

import datetime

from lunardate import LunarDate

from app.members import calendar as cal

ONE_DAY = datetime.timedelta(days=1)


def _reference_months(year: int) -> list[tuple[int, bool, datetime.date, int]]:
    """(month, leap, first day, length) of each month of a lunar year, by lunar-python."""
    import lunar_python  # a dev dependency: the independent calendar to check against

    months = []
    for month in lunar_python.LunarYear.fromYear(year).getMonths():
        if month.getYear() != year:
            continue  # LunarYear also lists the months around the year
        first = lunar_python.Solar.fromJulianDay(month.getFirstJulianDay())
        start = datetime.date(first.getYear(), first.getMonth(), first.getDay())
        months.append((abs(month.getMonth()), month.getMonth() < 0, start, month.getDayCount()))
    return months


def _our_months(year: int) -> list[tuple[int, bool, datetime.date, int]]:
    return [(m.month, m.leap, m.start, m.days) for m in cal.lunar_months(year)]


def _raw_lunardate_months(year: int) -> list[tuple[int, bool, datetime.date, int]]:
    leap_month = LunarDate.leap_month_for_year(year)
    order = [(m, False) for m in range(1, 13)]
    if leap_month is not None:
        order.insert(leap_month, (leap_month, True))
    months = []
    for month, leap in order:
        start = LunarDate(year, month, 1, leap).to_solar_date()
        try:
            LunarDate(year, month, 30, leap).to_solar_date()
            days = 30
        except ValueError:
            days = 29
        months.append((month, leap, start, days))
    return months


def test_every_corrected_month_of_1900_to_2099_agrees_with_lunar_python() -> None:
    disagreeing = {
        year: (ours, theirs)
        for year in range(cal.FIRST_LUNAR_YEAR, cal.LAST_LUNAR_YEAR + 1)
        if (ours := _our_months(year)) != (theirs := _reference_months(year))
    }
    assert disagreeing == {}


def test_lunardate_disagrees_with_lunar_python_exactly_on_the_corrected_month_starts() -> None:
    wrong_starts = {}
    for year in range(cal.FIRST_LUNAR_YEAR, cal.LAST_LUNAR_YEAR + 1):
        raw = _raw_lunardate_months(year)
        reference = _reference_months(year)
        assert [(m, leap) for m, leap, _, _ in raw] == [(m, leap) for m, leap, _, _ in reference]
        for (month, leap, start, _), (_, _, true_start, _) in zip(raw, reference, strict=True):
            if start != true_start:
                wrong_starts[(year, month, leap)] = true_start
    # If a later lunardate fixes one of these, this fails: drop the correction then.
    assert wrong_starts == cal.LUNARDATE_CORRECTIONS


def test_corrections_only_move_a_month_start_by_one_day_and_keep_the_year_length() -> None:
    for (year, month, leap), start in cal.LUNARDATE_CORRECTIONS.items():
        raw_start = LunarDate(year, month, 1, leap).to_solar_date()
        assert abs((raw_start - start).days) == 1
        raw_total = sum(days for *_, days in _raw_lunardate_months(year))
        assert sum(m.days for m in cal.lunar_months(year)) == raw_total


def test_1978_mid_autumn_falls_on_17_september_not_16() -> None:
    assert cal.to_solar(1978, 8, 15) == datetime.date(1978, 9, 17)
    assert cal.to_lunar(datetime.date(1978, 9, 2)) == cal.LunarDay(1978, 7, 30)


def test_every_day_of_the_range_converts_both_ways_and_matches_lunardate_outside_corrections() -> (
    None
):
    corrected_days = set()
    for (year, month, leap), start in cal.LUNARDATE_CORRECTIONS.items():
        # lunardate is one day off from the earlier of the two starts to the end of that month
        day = min(start, LunarDate(year, month, 1, leap).to_solar_date())
        while day <= cal.lunar_month(year, month, leap).end:
            corrected_days.add(day)
            day += ONE_DAY
    day = cal.FIRST_SOLAR_DATE
    mismatches = set()
    while day <= cal.LAST_SOLAR_DATE:
        lunar = cal.to_lunar(day)
        assert cal.to_solar(lunar.year, lunar.month, lunar.day, lunar.leap) == day
        raw = LunarDate.from_solar_date(day.year, day.month, day.day)
        if (raw.year, raw.month, raw.day, raw.is_leap_month) != (
            lunar.year,
            lunar.month,
            lunar.day,
            lunar.leap,
        ):
            mismatches.add(day)
        day += ONE_DAY
    assert mismatches == corrected_days
