"""Reminders from the database: indexed pre-filters pick the few candidate members, then the
pure ``reminders`` rules decide, so a million members take well under a second.

The list is read as a stream in its final order (``iter_due_reminders``), never whole: a page
for the screen (``reminders_page``, from a key on), counts per kind by SQL COUNT
(``reminder_counts``) and a CSV that writes row by row. With a million members a week's list
holds some 70,000 reminders, which a screen cannot show and a counter need not keep in memory.

No-visit reminders list the members whose absence reached ``no_visit_days`` within the last
``no_visit_lookback_days`` (30 by default), not every member who ever lapsed: the list is for
calling people back, and a lapse of years is a segment, not a reminder.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import heapq
import io
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.members.calendar import MemberDate, keys_falling_on
from app.members.enrolment import anniversary_of
from app.members.errors import MemberError
from app.members.reminders import (
    REMINDED_STATUSES,
    Anniversary,
    MemberFacts,
    Reminder,
    ReminderKind,
    SortKey,
    due_reminders,
    expiring_reminder,
    no_visit_reminder,
    sort_key,
)
from app.storage.member_models import AnniversaryRow, MemberRow
from app.storage.spreadsheet_cells import safe_row

DEFAULT_NO_VISIT_DAYS = 30
DEFAULT_NO_VISIT_LOOKBACK_DAYS = 30
CSV_COLUMNS = ("card_no", "name", "kind", "date", "detail")
#: Rows read from the database at a time while streaming.
_BATCH = 500
_M = MemberRow.__table__.c
_A = AnniversaryRow.__table__.c
_ACTIVE = sorted(REMINDED_STATUSES)


@dataclasses.dataclass(frozen=True)
class ReminderWindow:
    """What a reminder list asks for: birthdays and anniversaries from ``today`` to
    ``today + days``, absences that reached ``no_visit_days`` within the lookback, cards
    expiring within ``expiry_days`` (None leaves a kind out)."""

    today: dt.date
    days: int
    no_visit_days: int | None = DEFAULT_NO_VISIT_DAYS
    expiry_days: int | None = None
    no_visit_lookback_days: int = DEFAULT_NO_VISIT_LOOKBACK_DAYS

    def __post_init__(self) -> None:
        if self.days < 0 or (self.no_visit_days is not None and self.no_visit_days < 1):
            raise MemberError("提醒天数不能为负数，未到店天数至少为 1")
        if self.expiry_days is not None and self.expiry_days < 0:
            raise MemberError("到期提醒天数不能为负数")

    @property
    def end(self) -> dt.date:
        return self.today + dt.timedelta(days=self.days)

    def no_visit_span(self) -> tuple[dt.date, dt.date] | None:
        """The last visits whose absence is due and recent enough, both ends included."""
        if self.no_visit_days is None:
            return None
        latest = self.today - dt.timedelta(days=self.no_visit_days)
        return latest - dt.timedelta(days=self.no_visit_lookback_days), latest

    def expiry_span(self) -> tuple[dt.date, dt.date] | None:
        if self.expiry_days is None:
            return None
        return self.today, self.today + dt.timedelta(days=self.expiry_days)


def due_reminders_for(
    session: Session,
    today: dt.date,
    days: int,
    no_visit_days: int | None,
    expiry_days: int | None,
    *,
    no_visit_lookback_days: int = DEFAULT_NO_VISIT_LOOKBACK_DAYS,
) -> list[Reminder]:
    """The whole list, sorted by date: for small windows and tests; screens page it."""
    window = ReminderWindow(today, days, no_visit_days, expiry_days, no_visit_lookback_days)
    return list(iter_due_reminders(session, window))


def iter_due_reminders(
    session: Session, window: ReminderWindow, *, after: SortKey | None = None
) -> Iterator[Reminder]:
    """The reminders in the list's order (``reminders.sort_key``), read lazily: each kind is a
    stream already in that order (birthdays day by day, absences and expiries by an ordered
    query) and the streams are merged. ``after`` starts past that key, for the next page."""
    start = None if after is None else after[0]  # absences are dated before today
    streams = [
        _dated_day_by_day(session, window, window.today if start is None else start),
        _no_visits(session, window, start),
        _expiring(session, window, start),
    ]
    merged: Iterator[Reminder] = heapq.merge(*streams, key=sort_key)
    if after is not None:
        merged = itertools.dropwhile(lambda r: sort_key(r) <= after, merged)
    return merged


def reminders_page(
    session: Session, window: ReminderWindow, *, after: SortKey | None, limit: int
) -> list[Reminder]:
    """At most ``limit`` reminders following ``after`` (from the first when None)."""
    return list(itertools.islice(iter_due_reminders(session, window, after=after), limit))


def reminder_counts(session: Session, window: ReminderWindow) -> dict[ReminderKind, int]:
    """How many reminders of each kind the whole list holds, counted by the database.

    A birthday key falls on known days (``keys_falling_on``), so the members of each key are
    counted once by SQL and added up for every day of the window the key falls on."""
    counts = dict.fromkeys(ReminderKind, 0)
    falls: Counter[str] = Counter()
    day = window.today
    while day <= window.end:
        falls.update(key.code for key in keys_falling_on(day))
        day += dt.timedelta(days=1)
    codes = sorted(falls)
    by_key = session.execute(
        select(_M.birthday_key, func.count())
        .where(_M.birthday_key.in_(codes), _M.status.in_(_ACTIVE))
        .group_by(_M.birthday_key)
    )
    counts[ReminderKind.BIRTHDAY] = sum(falls[str(key)] * n for key, n in by_key)
    by_anniversary = session.execute(
        select(_A.key_code, func.count())
        .select_from(AnniversaryRow.__table__.join(MemberRow.__table__))
        .where(_A.key_code.in_(codes), _M.status.in_(_ACTIVE))
        .group_by(_A.key_code)
    )
    counts[ReminderKind.ANNIVERSARY] = sum(falls[str(key)] * n for key, n in by_anniversary)
    for kind, column, span in (
        (ReminderKind.NO_VISIT, _M.last_visit_on, window.no_visit_span()),
        (ReminderKind.EXPIRING, _M.expires_on, window.expiry_span()),
    ):
        if span is not None:
            counts[kind] = (
                session.scalar(
                    select(func.count()).where(
                        column >= span[0], column <= span[1], _M.status.in_(_ACTIVE)
                    )
                )
                or 0
            )
    return counts


_BIRTHDAY_COLUMNS = (
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
)


def _dated_day_by_day(
    session: Session, window: ReminderWindow, start: dt.date
) -> Iterator[Reminder]:
    """Birthdays and anniversaries, one day of the window at a time (a day holds about one
    member in 365), each day sorted."""
    day = max(window.today, start)
    while day <= window.end:
        keys = keys_falling_on(day)
        codes = sorted(key.code for key in keys)
        anniversaries: dict[str, list[Anniversary]] = defaultdict(list)
        names: dict[str, tuple[str, str]] = {}
        for row, card_no, name in session.execute(
            select(AnniversaryRow, _M.card_no, _M.name)
            .join(MemberRow, MemberRow.id == AnniversaryRow.member_id)
            .where(AnniversaryRow.key_code.in_(codes), _M.status.in_(_ACTIVE))
        ):
            anniversaries[row.member_id].append(anniversary_of(row))
            names[row.member_id] = (card_no, name)
        facts = [
            _facts(row, anniversaries.pop(str(row[0]), ()))
            for row in session.execute(
                select(*_BIRTHDAY_COLUMNS).where(_M.birthday_key.in_(codes), _M.status.in_(_ACTIVE))
            )
        ]
        facts.extend(
            MemberFacts(card_no, name, None, tuple(found))
            for member_id, found in anniversaries.items()
            for card_no, name in (names[member_id],)
        )
        yield from due_reminders(facts, day, 0, None, None, keys=keys)
        day += dt.timedelta(days=1)


def _no_visits(
    session: Session, window: ReminderWindow, start: dt.date | None
) -> Iterator[Reminder]:
    span = window.no_visit_span()
    if span is None or window.no_visit_days is None:
        return
    since = span[0]
    if start is not None:  # dated on the last visit + no_visit_days
        since = max(since, start - dt.timedelta(days=window.no_visit_days))
    rows = session.execute(
        select(_M.card_no, _M.name, _M.last_visit_on)
        .where(and_(_M.last_visit_on >= since, _M.last_visit_on <= span[1]))
        .where(_M.status.in_(_ACTIVE))
        .order_by(_M.last_visit_on, _M.card_no)
        .execution_options(yield_per=_BATCH)
    )
    for card_no, name, last in rows:
        yield no_visit_reminder(card_no, name, last, window.today, window.no_visit_days)


def _expiring(
    session: Session, window: ReminderWindow, start: dt.date | None
) -> Iterator[Reminder]:
    span = window.expiry_span()
    if span is None:
        return
    since = span[0] if start is None else max(span[0], start)
    rows = session.execute(
        select(_M.card_no, _M.name, _M.expires_on)
        .where(_M.expires_on >= since, _M.expires_on <= span[1])
        .where(_M.status.in_(_ACTIVE))
        .order_by(_M.expires_on, _M.card_no)
        .execution_options(yield_per=_BATCH)
    )
    for card_no, name, expires_on in rows:
        yield expiring_reminder(card_no, name, expires_on, window.today)


def _facts(row: Iterable[object], anniversaries: Iterable[Anniversary]) -> MemberFacts:
    """A member read by ``_BIRTHDAY_COLUMNS``, with their anniversaries of the day."""
    _id, card_no, name, calendar, year, month, day, leap, prefer, _key = tuple(row)
    birthday = MemberDate(
        "lunar" if calendar == "lunar" else "solar",
        year,  # type: ignore[arg-type]
        month,  # type: ignore[arg-type]
        day,  # type: ignore[arg-type]
        leap_month=bool(leap),
        prefer_leap=bool(prefer),
    )
    return MemberFacts(str(card_no), str(name), birthday, tuple(anniversaries))


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
    window = ReminderWindow(on, days, no_visit_days, days if expiry_days is None else expiry_days)
    out = io.StringIO()
    write_reminders_csv(out, iter_due_reminders(session, window), lineterminator="\n")
    return out.getvalue()


def write_reminders_csv(
    out: TextIO,
    reminders: Iterable[Reminder],
    *,
    lineterminator: str = "\r\n",
    detail: Callable[[Reminder], str] = lambda r: r.detail,
) -> int:
    """``card_no, name, kind, date, detail`` rows, a name a spreadsheet would run quoted, one
    row at a time (``reminders`` may be a stream); ``detail`` words a row for its reader.
    Returns the number of rows written."""
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for r in reminders:
        writer.writerow(safe_row((r.card_no, r.name, r.kind.value, r.date.isoformat(), detail(r))))
        written += 1
    return written
