"""Which members to remind the shop of today: birthdays, anniversaries, absences, expiring cards.

Pure functions over plain member records. The database layer stores each member date's
``BirthdayKey.code`` in an indexed column and fetches only the members whose key is in
``birthday_key_range(today, days)``; ``due_reminders`` gives the same answer with or without that
pre-filter, since it applies the same key test itself before converting any date.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Iterable

from app.members.calendar import (
    LUNAR,
    BirthdayKey,
    MemberDate,
    keys_falling_between,
    lunar_day_name,
    lunar_month,
    lunar_month_name,
    occurrences_between,
    to_lunar,
)
from app.members.errors import MemberError
from app.members.member_status import MemberStatus

#: Members in other states (frozen, reported lost, closed) get no reminder.
REMINDED_STATUSES: frozenset[str] = frozenset({MemberStatus.ACTIVE})


class ReminderKind(enum.StrEnum):
    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    NO_VISIT = "no_visit"
    EXPIRING = "expiring"


@dataclasses.dataclass(frozen=True)
class Anniversary:
    """A yearly date the member asked the shop to remember: ``Anniversary('结婚纪念日', ...)``."""

    label: str
    date: MemberDate


@dataclasses.dataclass(frozen=True)
class MemberFacts:
    """What reminders need to know about one member, as the database layer reads it."""

    card_no: str
    name: str
    birthday: MemberDate | None = None
    anniversaries: tuple[Anniversary, ...] = ()
    last_visit: datetime.date | None = None
    expires_on: datetime.date | None = None
    status: str = MemberStatus.ACTIVE


@dataclasses.dataclass(frozen=True)
class Reminder:
    """One line of the reminder list; ``date`` is the day it is about (see ``due_reminders``).

    ``detail`` is the Chinese wording the command line's CSV writes; a screen words it in its
    own language from the plain fields: ``member_date`` (the birthday or anniversary as the
    member gave it), ``label`` (the anniversary's name) and ``absent_days``.
    """

    card_no: str
    name: str
    kind: ReminderKind
    date: datetime.date
    detail: str
    member_date: MemberDate | None = None
    label: str = ""
    absent_days: int | None = None


#: The list's order: by date, then card number, kind and wording.
SortKey = tuple[datetime.date, str, int, str]


def sort_key(reminder: Reminder) -> SortKey:
    return (reminder.date, reminder.card_no, _KIND_ORDER[reminder.kind], reminder.detail)


def birthday_key_range(today: datetime.date, days: int) -> frozenset[BirthdayKey]:
    """Every key whose yearly date falls from ``today`` to ``today + days`` (both included).

    It includes lunar day 30 of a month that has 29 days that year, solar 29 February in a common
    year, and leap-preferring keys of a month that has no leap month that year, so a database can
    filter members on an indexed key column without missing one.
    """
    if days < 0:
        raise MemberError("提醒天数不能为负数")
    return keys_falling_between(today, today + datetime.timedelta(days=days))


def due_reminders(
    members: Iterable[MemberFacts],
    today: datetime.date,
    days: int,
    no_visit_days: int | None,
    expiry_days: int | None,
    *,
    statuses: frozenset[str] = REMINDED_STATUSES,
    keys: frozenset[BirthdayKey] | None = None,
) -> list[Reminder]:
    """The reminders due from ``today`` to ``today + days``, sorted by date then card number.

    - birthday and anniversary: dated on the day they fall within the window;
    - no_visit: for a member whose last visit is ``no_visit_days`` or more days ago, dated on the
      day the absence reached that length (members who never came are left out);
    - expiring: for a card that expires within ``expiry_days`` from today, dated on its expiry.

    ``no_visit_days`` or ``expiry_days`` of None leaves that kind out. ``keys`` may pass a
    ``birthday_key_range`` computed once for several batches of members.
    """
    if days < 0 or (no_visit_days is not None and no_visit_days < 1):
        raise MemberError("提醒天数不能为负数，未到店天数至少为 1")
    if expiry_days is not None and expiry_days < 0:
        raise MemberError("到期提醒天数不能为负数")
    end = today + datetime.timedelta(days=days)
    wanted = birthday_key_range(today, days) if keys is None else keys
    found: list[Reminder] = []
    for member in members:
        if member.status not in statuses:
            continue
        birthday = member.birthday
        if birthday is not None and birthday.key in wanted:
            for day in occurrences_between(birthday, today, end):
                found.append(birthday_reminder(member.card_no, member.name, birthday, day))
        for anniversary in member.anniversaries:
            if anniversary.date.key in wanted:
                for day in occurrences_between(anniversary.date, today, end):
                    reminder = anniversary_reminder(member.card_no, member.name, anniversary, day)
                    found.append(reminder)
        last = member.last_visit
        if no_visit_days is not None and last is not None and (today - last).days >= no_visit_days:
            found.append(no_visit_reminder(member.card_no, member.name, last, today, no_visit_days))
        expires_on = member.expires_on
        if (
            expiry_days is not None
            and expires_on is not None
            and _within(today, expires_on, expiry_days)
        ):
            found.append(expiring_reminder(member.card_no, member.name, expires_on, today))
    found.sort(key=sort_key)
    return found


def birthday_reminder(
    card_no: str, name: str, birthday: MemberDate, falls_on: datetime.date
) -> Reminder:
    detail = ("农历生日 " if birthday.calendar == LUNAR else "公历生日 ") + (
        _date_label(birthday, falls_on)
    )
    return Reminder(card_no, name, ReminderKind.BIRTHDAY, falls_on, detail, member_date=birthday)


def anniversary_reminder(
    card_no: str, name: str, anniversary: Anniversary, falls_on: datetime.date
) -> Reminder:
    detail = anniversary.label
    if anniversary.date.calendar == LUNAR:
        detail += f"（农历 {_date_label(anniversary.date, falls_on)}）"
    return Reminder(
        card_no,
        name,
        ReminderKind.ANNIVERSARY,
        falls_on,
        detail,
        member_date=anniversary.date,
        label=anniversary.label,
    )


def no_visit_reminder(
    card_no: str, name: str, last_visit: datetime.date, today: datetime.date, no_visit_days: int
) -> Reminder:
    """Dated on the day the absence reached ``no_visit_days``."""
    absent = (today - last_visit).days
    due = last_visit + datetime.timedelta(days=no_visit_days)
    return Reminder(
        card_no, name, ReminderKind.NO_VISIT, due, f"已 {absent} 天未到店", absent_days=absent
    )


def expiring_reminder(
    card_no: str, name: str, expires_on: datetime.date, today: datetime.date
) -> Reminder:
    detail = f"会员卡 {_solar_label(expires_on, today)}到期"
    return Reminder(card_no, name, ReminderKind.EXPIRING, expires_on, detail)


_KIND_ORDER = {kind: index for index, kind in enumerate(ReminderKind)}


def _within(today: datetime.date, day: datetime.date, days: int) -> bool:
    return 0 <= (day - today).days <= days


def _date_label(member_date: MemberDate, falls_on: datetime.date) -> str:
    """The date as the member gave it, and where it moved to this year if it moved."""
    if member_date.calendar == LUNAR:
        lunar = to_lunar(falls_on)
        shown = lunar_month_name(lunar.month, lunar.leap) + lunar_day_name(lunar.day)
        if shown == member_date.label:
            return shown
        moved = []
        if member_date.prefer_leap and not lunar.leap:
            moved.append(f"今年无{lunar_month_name(member_date.month, True)}")
        if lunar.day != member_date.day:
            month = lunar_month(lunar.year, lunar.month, lunar.leap)
            moved.append(f"{month.label}只有 {month.days} 天")
        moved.append(f"按{shown}")
        return f"{member_date.label}（{'，'.join(moved)}）"
    if falls_on.day != member_date.day:
        return f"{member_date.label}（今年按 2 月 28 日）"
    return member_date.label


def _solar_label(day: datetime.date, today: datetime.date) -> str:
    if day.year != today.year:
        return f"{day.year} 年 {day.month} 月 {day.day} 日"
    return f"{day.month} 月 {day.day} 日"
