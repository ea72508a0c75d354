"""The reminder list read as a stream: the same list and order as the pure rules over every
member, pages that follow each other without a gap or a repeat, counts by SQL that match."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import random
import uuid
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import insert

from app.members.calendar import MemberDate
from app.members.card_types import CardType
from app.members.enrolment import add_anniversary
from app.members.errors import MemberError
from app.members.reminders import Anniversary, MemberFacts, ReminderKind, due_reminders, sort_key
from app.members.reminders_query import (
    ReminderWindow,
    iter_due_reminders,
    reminder_counts,
    reminders_page,
    write_reminders_csv,
)
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import MemberRow
from tests.members.conftest import TODAY

MEMBERS = 600


def _member_dates(rng: random.Random, n: int) -> MemberDate:
    if n % 5 == 0:
        month = rng.randint(1, 12)
        return MemberDate("lunar", None, month, rng.randint(1, 30))
    if n % 97 == 0:
        return MemberDate("solar", None, 2, 29)
    return MemberDate("solar", rng.randint(1950, 2008), rng.randint(1, 12), rng.randint(1, 28))


def _fill(db: Database, card_type_id: str, cashier: StaffView) -> list[MemberFacts]:
    """Members with birthdays, recent and old absences, expiring cards, some anniversaries and
    some not active; returns the same members as the pure rules take them."""
    rng = random.Random(5)
    rows: list[dict[str, Any]] = []
    facts = []
    for n in range(MEMBERS):
        birthday = _member_dates(rng, n)
        last = TODAY - dt.timedelta(days=rng.randint(1, 120)) if n % 3 else None
        expires = TODAY + dt.timedelta(days=rng.randint(-5, 60)) if n % 4 == 0 else None
        status = "frozen" if n % 50 == 7 else "active"
        rows.append(
            {
                "id": str(uuid.UUID(int=n + 1, version=4)),
                "card_no": f"7{n:05d}",
                "name": f"会员{n}",
                "phone": f"139{n:08d}",
                "birthday_calendar": birthday.calendar,
                "birthday_year": birthday.year,
                "birthday_month": birthday.month,
                "birthday_day": birthday.day,
                "birthday_key": birthday.key.code,
                "joined_on": TODAY,
                "card_type_id": card_type_id,
                "level_since": TODAY,
                "expires_on": expires,
                "last_visit_on": last,
                "status": status,
            }
        )
        facts.append(MemberFacts(f"7{n:05d}", f"会员{n}", birthday, (), last, expires, status))
    with db.transaction() as session:
        session.execute(insert(MemberRow), rows)
        for n in range(0, MEMBERS, 40):
            date = MemberDate("lunar" if n % 80 else "solar", None, rng.randint(1, 12), 10)
            add_anniversary(session, rows[n]["id"], f"纪念日{n}", date, actor_id=cashier.id)
            old = facts[n]
            facts[n] = MemberFacts(
                old.card_no,
                old.name,
                old.birthday,
                (Anniversary(f"纪念日{n}", date),),
                old.last_visit,
                old.expires_on,
                old.status,
            )
    return facts


@pytest.fixture
def store(db: Database, card_types: dict[str, CardType], cashier: StaffView) -> list[MemberFacts]:
    return _fill(db, next(iter(card_types.values())).id, cashier)


def _pure(facts: list[MemberFacts], window: ReminderWindow) -> list[Any]:
    """The pure rules over every member, with the lookback the query applies to absences."""
    found = due_reminders(
        facts, window.today, window.days, window.no_visit_days, window.expiry_days
    )
    oldest = window.today - dt.timedelta(days=window.no_visit_lookback_days)
    return [r for r in found if r.kind is not ReminderKind.NO_VISIT or r.date >= oldest]


@pytest.mark.parametrize("days", [0, 7, 366])
def test_the_stream_is_the_pure_list_in_its_order_and_the_counts_match(
    db: Database, store: list[MemberFacts], days: int
) -> None:
    window = ReminderWindow(TODAY, days, 30, 30)
    with db.reading() as session:
        streamed = list(iter_due_reminders(session, window))
        counts = reminder_counts(session, window)
    assert streamed == _pure(store, window)
    assert [sort_key(r) for r in streamed] == sorted(sort_key(r) for r in streamed)
    assert counts == {kind: n for kind, n in Counter(r.kind for r in streamed).items()} | {
        kind: 0 for kind in ReminderKind if kind not in {r.kind for r in streamed}
    }
    assert {ReminderKind.BIRTHDAY, ReminderKind.NO_VISIT, ReminderKind.EXPIRING} <= set(counts)
    if days == 366:  # a year and a day: some birthdays fall twice, and each is counted
        assert counts[ReminderKind.BIRTHDAY] > MEMBERS * 4 // 5


def test_pages_follow_each_other_from_the_last_key_without_gap_or_repeat(
    db: Database, store: list[MemberFacts]
) -> None:
    window = ReminderWindow(TODAY, 30, 30, 30)
    with db.reading() as session:
        whole = list(iter_due_reminders(session, window))
        pages = []
        after = None
        while True:
            page = reminders_page(session, window, after=after, limit=37)
            if not page:
                break
            pages.append(page)
            after = sort_key(page[-1])
    assert len(whole) > 37 * 3
    assert all(len(page) == 37 for page in pages[:-1])
    assert list(itertools.chain.from_iterable(pages)) == whole


def test_the_csv_streams_every_reminder_with_the_wording_asked_for(
    db: Database, store: list[MemberFacts]
) -> None:
    window = ReminderWindow(TODAY, 7, 30, 30)
    out = io.StringIO()
    with db.reading() as session:
        written = write_reminders_csv(
            out, iter_due_reminders(session, window), detail=lambda r: r.kind.value.upper()
        )
        total = sum(reminder_counts(session, window).values())
    lines = out.getvalue().splitlines()
    assert written == total == len(lines) - 1
    assert all(line.split(",")[4] == line.split(",")[2].upper() for line in lines[1:])


def test_a_window_of_negative_days_is_refused_with_a_plain_message() -> None:
    with pytest.raises(MemberError, match="提醒天数不能为负数"):
        ReminderWindow(TODAY, -1)
    with pytest.raises(MemberError, match="到期提醒天数不能为负数"):
        ReminderWindow(TODAY, 1, 30, -2)
