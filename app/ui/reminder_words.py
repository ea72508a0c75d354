"""A reminder's detail in the screen's language, built from its plain fields.

The domain keeps the Chinese wording for the command line's CSV; the screen words the same facts
through the translator, so an English counter reads "not seen for 45 days", not "已 45 天未到店".
In Chinese the words are the domain's, character for character.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from app.members.calendar import (
    LUNAR,
    MemberDate,
    lunar_day_name,
    lunar_month,
    lunar_month_name,
    to_lunar,
)
from app.members.reminders import Reminder, ReminderKind

_CONTEXT = "ReminderWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def reminder_words(reminder: Reminder, today: dt.date) -> str:
    """The detail column: ``today`` decides whether an expiry date needs its year."""
    kind = reminder.kind
    if kind is ReminderKind.BIRTHDAY and reminder.member_date is not None:
        template = (
            _tr("农历生日 %1") if reminder.member_date.calendar == LUNAR else _tr("公历生日 %1")
        )
        return template.replace("%1", _member_date_words(reminder.member_date, reminder.date))
    if kind is ReminderKind.ANNIVERSARY and reminder.member_date is not None:
        if reminder.member_date.calendar != LUNAR:
            return reminder.label
        return (
            _tr("%1（农历 %2）")
            .replace("%1", reminder.label)
            .replace("%2", _member_date_words(reminder.member_date, reminder.date))
        )
    if kind is ReminderKind.NO_VISIT and reminder.absent_days is not None:
        return _tr("已 %1 天未到店").replace("%1", str(reminder.absent_days))
    if kind is ReminderKind.EXPIRING:
        return _tr("会员卡 %1到期").replace("%1", solar_words(reminder.date, today))
    return reminder.detail


def solar_words(day: dt.date, today: dt.date) -> str:
    """``12 月 1 日``, with the year when it is not this year's."""
    if day.year != today.year:
        return (
            _tr("%1 年 %2 月 %3 日")
            .replace("%1", str(day.year))
            .replace("%2", str(day.month))
            .replace("%3", str(day.day))
        )
    return _month_day(day.month, day.day)


def _month_day(month: int, day: int) -> str:
    return _tr("%1 月 %2 日").replace("%1", str(month)).replace("%2", str(day))


def lunar_month_words(month: int, leap: bool) -> str:
    """``八月`` / ``闰四月``; in English "month 8" / "leap month 4"."""
    template = _tr("闰%1月") if leap else _tr("%1月")
    return template.replace("%1", lunar_month_name(month)[:-1]).replace("%2", str(month))


def lunar_date_words(month: int, day: int, leap: bool) -> str:
    """``八月十五``; in English "month 8, day 15"."""
    return (
        _tr("%1%2")
        .replace("%1", lunar_month_words(month, leap))
        .replace("%2", lunar_day_name(day))
        .replace("%3", str(day))
    )


def _member_date_words(member_date: MemberDate, falls_on: dt.date) -> str:
    """The date as the member gave it, and where it moved to this year if it moved (the same
    rules as the domain's wording)."""
    if member_date.calendar != LUNAR:
        given = _month_day(member_date.month, member_date.day)
        if falls_on.day != member_date.day:
            return _tr("%1（今年按 2 月 28 日）").replace("%1", given)
        return given
    given = lunar_date_words(member_date.month, member_date.day, member_date.leap_month)
    lunar = to_lunar(falls_on)
    if (lunar.month, lunar.day, lunar.leap) == (
        member_date.month,
        member_date.day,
        member_date.leap_month,
    ):
        return given
    moved = []
    if member_date.prefer_leap and not lunar.leap:
        moved.append(_tr("今年无%1").replace("%1", lunar_month_words(member_date.month, True)))
    if lunar.day != member_date.day:
        month = lunar_month(lunar.year, lunar.month, lunar.leap)
        moved.append(
            _tr("%1只有 %2 天")
            .replace("%1", lunar_month_words(month.month, month.leap))
            .replace("%2", str(month.days))
        )
    moved.append(_tr("按%1").replace("%1", lunar_date_words(lunar.month, lunar.day, lunar.leap)))
    return _tr("%1（%2）").replace("%1", given).replace("%2", _tr("，").join(moved))
