"""Reminders: birthdays in both calendars, anniversaries, absences, expiring cards, key filters."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.members import calendar as cal
from app.members.calendar import BirthdayKey, MemberDate, occurrences_between
from app.members.errors import MemberError
from app.members.reminders import (
    Anniversary,
    MemberFacts,
    Reminder,
    ReminderKind,
    birthday_key_range,
    due_reminders,
)

D = datetime.date


def member(card_no: str = "0001", **facts: object) -> MemberFacts:
    return MemberFacts(card_no, "张三", **facts)  # type: ignore[arg-type]


def test_lunar_birthday_is_reminded_with_its_lunar_name() -> None:
    facts = member(birthday=MemberDate("lunar", 1990, 8, 15))
    found = due_reminders([facts], D(2025, 10, 1), 7, None, None)
    assert found == [
        Reminder(
            "0001",
            "张三",
            ReminderKind.BIRTHDAY,
            D(2025, 10, 6),
            "农历生日 八月十五",
            member_date=facts.birthday,
        )
    ]


def test_solar_birthday_outside_the_window_is_not_reminded() -> None:
    facts = member(birthday=MemberDate("solar", None, 10, 9))
    assert due_reminders([facts], D(2025, 10, 1), 7, None, None) == []
    found = due_reminders([facts], D(2025, 10, 2), 7, None, None)
    assert [(r.date, r.detail) for r in found] == [(D(2025, 10, 9), "公历生日 10 月 9 日")]


def test_birthday_on_the_last_day_of_the_window_is_reminded() -> None:
    facts = member(birthday=MemberDate("solar", None, 10, 8))
    assert [r.date for r in due_reminders([facts], D(2025, 10, 1), 7, None, None)] == [
        D(2025, 10, 8)
    ]


def test_lunar_day_30_in_a_short_month_says_where_it_moved() -> None:
    facts = member(birthday=MemberDate("lunar", None, 12, 30))
    found = due_reminders([facts], D(2025, 1, 25), 5, None, None)
    assert [(r.date, r.detail) for r in found] == [
        (D(2025, 1, 28), "农历生日 腊月三十（腊月只有 29 天，按腊月廿九）")
    ]


def test_leap_preferring_birthday_in_a_year_without_the_leap_month_says_so() -> None:
    facts = member(birthday=MemberDate("lunar", 2025, 6, 10, leap_month=True, prefer_leap=True))
    day = cal.to_solar(2026, 6, 10)
    found = due_reminders([facts], day, 0, None, None)
    assert [r.detail for r in found] == ["农历生日 闰六月初十（今年无闰六月，按六月初十）"]


def test_solar_29_february_in_a_common_year_is_reminded_on_28_february() -> None:
    facts = member(birthday=MemberDate("solar", 2000, 2, 29))
    found = due_reminders([facts], D(2025, 2, 28), 0, None, None)
    assert [(r.date, r.detail) for r in found] == [
        (D(2025, 2, 28), "公历生日 2 月 29 日（今年按 2 月 28 日）")
    ]


def test_each_anniversary_is_reminded_with_its_label() -> None:
    facts = member(
        anniversaries=(
            Anniversary("结婚纪念日", MemberDate("solar", 2015, 10, 3)),
            Anniversary("入会纪念日", MemberDate("lunar", None, 8, 20)),
            Anniversary("孩子生日", MemberDate("solar", None, 12, 1)),
        )
    )
    found = due_reminders([facts], D(2025, 10, 1), 14, None, None)
    assert [(r.kind, r.date, r.detail) for r in found] == [
        (ReminderKind.ANNIVERSARY, D(2025, 10, 3), "结婚纪念日"),
        (ReminderKind.ANNIVERSARY, D(2025, 10, 11), "入会纪念日（农历 八月二十）"),
    ]


def test_member_absent_for_the_threshold_is_reminded_from_the_day_it_was_reached() -> None:
    facts = member(last_visit=D(2025, 9, 1))
    found = due_reminders([facts], D(2025, 10, 16), 7, 45, None)
    assert found == [
        Reminder(
            "0001",
            "张三",
            ReminderKind.NO_VISIT,
            D(2025, 10, 16),
            "已 45 天未到店",
            absent_days=45,
        )
    ]
    later = due_reminders([facts], D(2025, 11, 1), 7, 45, None)
    assert [(r.date, r.detail) for r in later] == [(D(2025, 10, 16), "已 61 天未到店")]
    assert due_reminders([facts], D(2025, 10, 15), 7, 45, None) == []


def test_member_who_never_came_gets_no_absence_reminder() -> None:
    assert due_reminders([member()], D(2025, 10, 1), 7, 30, 30) == []


def test_card_expiring_within_the_window_is_reminded_and_an_expired_one_is_not() -> None:
    members = [
        member("0001", expires_on=D(2025, 12, 1)),
        member("0002", expires_on=D(2026, 1, 5)),
        member("0003", expires_on=D(2025, 11, 22)),
        member("0004", expires_on=D(2026, 1, 6)),
    ]
    found = due_reminders(members, D(2025, 11, 23), 7, None, 43)
    assert [(r.card_no, r.detail) for r in found] == [
        ("0001", "会员卡 12 月 1 日到期"),
        ("0002", "会员卡 2026 年 1 月 5 日到期"),
    ]


def test_members_who_are_not_active_get_no_reminder() -> None:
    facts = member(birthday=MemberDate("solar", None, 10, 3), status="lost")
    assert due_reminders([facts], D(2025, 10, 1), 7, None, None) == []
    found = due_reminders([facts], D(2025, 10, 1), 7, None, None, statuses=frozenset({"lost"}))
    assert len(found) == 1


def test_reminders_are_sorted_by_date_then_card_number() -> None:
    members = [
        member("0003", birthday=MemberDate("solar", None, 10, 2)),
        member("0002", birthday=MemberDate("solar", None, 10, 3), expires_on=D(2025, 10, 2)),
        member("0001", birthday=MemberDate("solar", None, 10, 3)),
    ]
    found = due_reminders(members, D(2025, 10, 1), 7, None, 30)
    assert [(r.date.day, r.card_no, r.kind) for r in found] == [
        (2, "0002", ReminderKind.EXPIRING),
        (2, "0003", ReminderKind.BIRTHDAY),
        (3, "0001", ReminderKind.BIRTHDAY),
        (3, "0002", ReminderKind.BIRTHDAY),
    ]


def test_negative_windows_are_refused() -> None:
    with pytest.raises(MemberError, match="提醒天数不能为负数"):
        due_reminders([], D(2025, 1, 1), -1, None, None)
    with pytest.raises(MemberError, match="提醒天数不能为负数"):
        birthday_key_range(D(2025, 1, 1), -1)


def test_key_range_includes_day_30_of_a_month_that_has_29_days() -> None:
    keys = birthday_key_range(D(2025, 1, 28), 0)  # 腊月廿九 of lunar 2024, a 29-day month
    assert BirthdayKey("lunar", 12, 29) in keys
    assert BirthdayKey("lunar", 12, 30) in keys
    assert BirthdayKey("lunar", 12, 30, leap=True) in keys  # 2024 has no leap 腊月
    assert BirthdayKey("solar", 1, 28) in keys
    assert len(keys) == 5


def test_key_range_keeps_regular_and_leap_preferring_keys_apart_in_a_leap_year() -> None:
    regular = birthday_key_range(cal.to_solar(2025, 6, 10), 0)
    assert BirthdayKey("lunar", 6, 10) in regular
    assert BirthdayKey("lunar", 6, 10, leap=True) not in regular  # those fall in 闰六月 in 2025
    leap = birthday_key_range(cal.to_solar(2025, 6, 10, leap=True), 0)
    assert BirthdayKey("lunar", 6, 10, leap=True) in leap
    assert BirthdayKey("lunar", 6, 10) not in leap


def test_key_range_includes_29_february_on_28_february_of_a_common_year_only() -> None:
    assert BirthdayKey("solar", 2, 29) in birthday_key_range(D(2025, 2, 28), 0)
    assert BirthdayKey("solar", 2, 29) not in birthday_key_range(D(2024, 2, 28), 0)


def test_keys_have_short_codes_for_an_indexed_column() -> None:
    assert MemberDate("solar", 2000, 2, 29).key.code == "S0229"
    assert MemberDate("lunar", None, 8, 15).key.code == "L0815"
    assert MemberDate("lunar", None, 4, 8, leap_month=True).key.code == "L0408"
    assert MemberDate("lunar", None, 4, 8, leap_month=True, prefer_leap=True).key.code == "L0408+"


member_dates = st.one_of(
    st.builds(
        lambda month, day, leap, prefer: MemberDate(
            "lunar", None, month, day, leap_month=leap, prefer_leap=leap and prefer
        ),
        st.integers(1, 12),
        st.integers(1, 30),
        st.booleans(),
        st.booleans(),
    ),
    st.builds(lambda m, d: MemberDate("solar", None, m, d), st.integers(1, 12), st.integers(1, 28)),
    st.sampled_from(
        [MemberDate("solar", None, 2, 29), MemberDate("solar", None, 12, 31)]
        + [MemberDate("solar", None, m, 30) for m in (1, 4, 6, 9, 11)]
    ),
)
todays = st.dates(min_value=D(1900, 2, 1), max_value=D(2098, 12, 31))
windows = st.one_of(st.integers(0, 40), st.integers(0, 400))


@st.composite
def dates_near_their_occurrence(
    draw: st.DrawFn,
) -> tuple[MemberDate, datetime.date, int]:
    """A yearly date, and a window placed around one of its occurrences (or just beside it).

    Months are drawn towards the year's leap month and days towards 1, 29 and 30, where the rules
    for short months and leap months bite.
    """
    year = draw(st.integers(1902, 2097))  # keeps every window inside the lunar table
    leap = cal.leap_month_of(year)
    if draw(st.booleans()):
        month = leap if leap is not None and draw(st.booleans()) else draw(st.integers(1, 12))
        day = draw(st.one_of(st.sampled_from([1, 29, 30]), st.integers(1, 30)))
        in_leap = draw(st.booleans())
        member_date = MemberDate(
            "lunar",
            None,
            month,
            day,
            leap_month=in_leap,
            prefer_leap=in_leap and draw(st.booleans()),
        )
    else:
        member_date = draw(member_dates)
    days = draw(windows)
    before = draw(st.integers(-3, days + 3))
    today = cal.occurrence_in_year(member_date, year) - datetime.timedelta(days=before)
    return member_date, today, days


@settings(max_examples=500)
@given(st.one_of(st.tuples(member_dates, todays, windows), dates_near_their_occurrence()))
def test_a_key_is_in_the_range_exactly_when_the_date_falls_in_the_window(
    case: tuple[MemberDate, datetime.date, int],
) -> None:
    member_date, today, days = case
    end = today + datetime.timedelta(days=days)
    falls = bool(occurrences_between(member_date, today, end))
    assert (member_date.key in birthday_key_range(today, days)) == falls


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(member_dates, st.lists(member_dates, max_size=2)),
        min_size=1,
        max_size=30,
    ),
    todays,
    windows,
)
def test_filtering_members_by_key_gives_the_same_reminders_as_converting_every_date(
    dates: list[tuple[MemberDate, list[MemberDate]]], today: datetime.date, days: int
) -> None:
    members = [
        member(
            f"{i:04d}",
            birthday=birthday,
            anniversaries=tuple(Anniversary(f"纪念日{j}", d) for j, d in enumerate(extra)),
        )
        for i, (birthday, extra) in enumerate(dates)
    ]
    every_key = frozenset(
        d.key for birthday, extra in dates for d in (birthday, *extra)
    )  # no member is filtered out: each date is converted
    direct = due_reminders(members, today, days, None, None, keys=every_key)
    keys = birthday_key_range(today, days)
    prefiltered = [
        m
        for m in members
        if (m.birthday is not None and m.birthday.key.code in {k.code for k in keys})
        or any(a.date.key in keys for a in m.anniversaries)
    ]
    assert due_reminders(prefiltered, today, days, None, None) == direct
    assert due_reminders(members, today, days, None, None) == direct
