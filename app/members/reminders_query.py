"""Reminders from the database: indexed pre-filters pick the few candidate members, then the
pure ``reminders.due_reminders`` decides, so a million members take well under a second.

No-visit reminders list the members whose absence reached ``no_visit_days`` within the last
``no_visit_lookback_days`` (30 by default), not every member who ever lapsed: the list is for
calling people back, and a lapse of years is a segment, not a reminder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.members.calendar import MemberDate
from app.members.enrolment import anniversary_of
from app.members.reminders import (
    REMINDED_STATUSES,
    Anniversary,
    MemberFacts,
    Reminder,
    ReminderKind,
    birthday_key_range,
    due_reminders,
)
from app.storage.member_models import AnniversaryRow, MemberRow
from app.storage.spreadsheet_cells import safe_row

DEFAULT_NO_VISIT_DAYS = 30
DEFAULT_NO_VISIT_LOOKBACK_DAYS = 30
CSV_COLUMNS = ("card_no", "name", "kind", "date", "detail")
_M = MemberRow.__table__.c


def due_reminders_for(
    session: Session,
    today: dt.date,
    days: int,
    no_visit_days: int | None,
    expiry_days: int | None,
    *,
    no_visit_lookback_days: int = DEFAULT_NO_VISIT_LOOKBACK_DAYS,
) -> list[Reminder]:
    """Birthdays and anniversaries from ``today`` to ``today + days``, absences that reached
    ``no_visit_days`` recently, cards expiring within ``expiry_days``; sorted by date."""
    keys = birthday_key_range(today, days)
    codes = sorted(key.code for key in keys)
    anniversaries: dict[str, list[Anniversary]] = defaultdict(list)
    for row in session.scalars(select(AnniversaryRow).where(AnniversaryRow.key_code.in_(codes))):
        anniversaries[row.member_id].append(anniversary_of(row))
    conditions: list[ColumnElement[bool]] = [_M.birthday_key.in_(codes)]
    if anniversaries:
        conditions.append(_M.id.in_(list(anniversaries)))
    if no_visit_days is not None:
        latest = today - dt.timedelta(days=no_visit_days)
        earliest = latest - dt.timedelta(days=no_visit_lookback_days)
        conditions.append(and_(_M.last_visit_on >= earliest, _M.last_visit_on <= latest))
    if expiry_days is not None:
        conditions.append(
            and_(_M.expires_on >= today, _M.expires_on <= today + dt.timedelta(days=expiry_days))
        )
    query = select(
        _M.id,
        _M.card_no,
        _M.name,
        _M.birthday_calendar,
        _M.birthday_year,
        _M.birthday_month,
        _M.birthday_day,
        _M.birthday_leap,
        _M.birthday_prefer_leap,
        _M.birthday_key,
        _M.last_visit_on,
        _M.expires_on,
        _M.status,
    ).where(or_(*conditions), _M.status.in_(sorted(REMINDED_STATUSES)))
    wanted = set(codes)
    facts = [_facts(row, wanted, anniversaries) for row in session.execute(query)]
    found = due_reminders(facts, today, days, no_visit_days, expiry_days, keys=keys)
    oldest = today - dt.timedelta(days=no_visit_lookback_days)
    return [r for r in found if r.kind is not ReminderKind.NO_VISIT or r.date >= oldest]


def _facts(
    row: Iterable[object], wanted: set[str], anniversaries: dict[str, list[Anniversary]]
) -> MemberFacts:
    (
        member_id,
        card_no,
        name,
        calendar,
        year,
        month,
        day,
        leap,
        prefer,
        key,
        last,
        expires,
        status,
    ) = tuple(row)
    birthday = None
    if key in wanted:  # only a birthday that can fall in the window is worth converting
        birthday = MemberDate(
            "lunar" if calendar == "lunar" else "solar",
            year,  # type: ignore[arg-type]
            month,  # type: ignore[arg-type]
            day,  # type: ignore[arg-type]
            leap_month=bool(leap),
            prefer_leap=bool(prefer),
        )
    return MemberFacts(
        str(card_no),
        str(name),
        birthday,
        tuple(anniversaries.get(str(member_id), ())),
        last,  # type: ignore[arg-type]
        expires,  # type: ignore[arg-type]
        str(status),
    )


def reminders_csv(
    session: Session,
    on: dt.date,
    days: int,
    *,
    no_visit_days: int | None = DEFAULT_NO_VISIT_DAYS,
    expiry_days: int | None = None,
) -> str:
    """The CLI's ``reminders`` output: CSV with ``card_no, name, kind, date, detail``; cards
    expiring within ``days`` unless ``expiry_days`` says otherwise."""
    found = due_reminders_for(
        session, on, days, no_visit_days, days if expiry_days is None else expiry_days
    )
    out = io.StringIO()
    write_reminders_csv(out, found, lineterminator="\n")
    return out.getvalue()


def write_reminders_csv(
    out: TextIO, reminders: Iterable[Reminder], *, lineterminator: str = "\r\n"
) -> None:
    """``card_no, name, kind, date, detail`` rows, a name a spreadsheet would run quoted."""
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow(CSV_COLUMNS)
    for r in reminders:
        writer.writerow(safe_row((r.card_no, r.name, r.kind.value, r.date.isoformat(), r.detail)))
