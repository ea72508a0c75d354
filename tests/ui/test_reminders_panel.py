"""The reminders panel keeps a page of a long list: the first page, the counts of the whole list,
more rows on scrolling, every row in the export; its details in the screen's language."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from PySide6.QtWidgets import QApplication, QTableView

from app.members.calendar import MemberDate
from app.members.reminders import (
    Anniversary,
    ReminderKind,
    anniversary_reminder,
    birthday_reminder,
    expiring_reminder,
    no_visit_reminder,
)
from app.storage.member_models import CardTypeRow, MemberRow
from app.ui import i18n
from app.ui.reminder_words import reminder_words
from app.ui.reminders_panel import PAGE_SIZE, RemindersPanel
from tests.ui.driving import child

BIRTHDAYS = PAGE_SIZE * 2 + 30


def _birthdays_today(counter: Any, count: int) -> dt.date:
    """``count`` members whose solar birthday is today (and who never came): that many
    reminders more than the demo store's own."""
    today = counter.members.today()
    with counter.db.transaction() as session:
        card_type = session.scalar(select(CardTypeRow.id).where(CardTypeRow.is_default))
        birthday = MemberDate("solar", 1990, today.month, today.day)
        session.execute(
            insert(MemberRow),
            [
                {
                    "id": str(uuid.UUID(int=n + 1, version=4)),
                    "card_no": f"66{n:06d}",
                    "name": f"寿星{n}",
                    "phone": f"136{n:08d}",
                    "birthday_calendar": "solar",
                    "birthday_year": 1990,
                    "birthday_month": birthday.month,
                    "birthday_day": birthday.day,
                    "birthday_key": birthday.key.code,
                    "joined_on": today,
                    "card_type_id": card_type,
                    "level_since": today,
                }
                for n in range(count)
            ],
        )
    return today


def test_a_long_list_shows_its_first_page_counts_all_and_reads_more_on_scrolling(
    counter: Any, qtbot: Any, tmp_path: Path
) -> None:
    today = _birthdays_today(counter, BIRTHDAYS)
    panel = RemindersPanel(None, counter.members)
    qtbot.addWidget(panel)
    panel.resize(720, 300)
    panel.show()
    panel.load()
    table = child(panel, QTableView, "remindersTable")
    model = table.model()
    assert model.rowCount() == PAGE_SIZE
    total = panel.model.total
    assert panel.model.counts[ReminderKind.BIRTHDAY] >= BIRTHDAYS
    assert total >= BIRTHDAYS
    assert panel.summary.text() == (
        f"共 {total} 条提醒，其中生日 {panel.model.counts[ReminderKind.BIRTHDAY]} 条"
    )
    first_page = [model.index(r, 2).data() for r in range(model.rowCount())]

    table.scrollToBottom()  # the view asks the model for the next page
    QApplication.processEvents()
    assert model.rowCount() == PAGE_SIZE * 2
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    everything = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert everything[:PAGE_SIZE] == first_page
    assert len(set(everything)) == len(everything)  # no row read twice
    assert sum(1 for r in panel.reminders if r.date == today) >= BIRTHDAYS

    panel.load()  # a new list starts again from its first page
    assert model.rowCount() == PAGE_SIZE
    target = tmp_path / "reminders.csv"
    assert panel.export(target) == total
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == total + 1
    assert [r[2] for r in rows[1:]].count("birthday") == panel.model.counts[ReminderKind.BIRTHDAY]
    assert panel.summary.text() == f"已导出 {total} 条到 reminders.csv"


TODAY = dt.date(2025, 10, 1)
_LUNAR_MOVED = MemberDate("lunar", None, 6, 10, leap_month=True, prefer_leap=True)
CASES = [
    (
        birthday_reminder("1", "甲", MemberDate("solar", None, 10, 9), dt.date(2025, 10, 9)),
        "birthday 10/9",
    ),
    (
        birthday_reminder("2", "乙", MemberDate("lunar", None, 8, 15), dt.date(2025, 10, 6)),
        "lunar birthday month 8, day 15",
    ),
    (
        birthday_reminder("3", "丙", _LUNAR_MOVED, dt.date(2026, 7, 23)),
        "lunar birthday leap month 6, day 10 (no leap month 6 this year; kept on month 6, day 10)",
    ),
    (
        birthday_reminder("4", "丁", MemberDate("solar", None, 2, 29), dt.date(2025, 2, 28)),
        "birthday 2/29 (on 2/28 this year)",
    ),
    (
        anniversary_reminder(
            "5",
            "戊",
            Anniversary("结婚纪念日", MemberDate("lunar", None, 8, 30)),
            dt.date(2026, 10, 9),
        ),
        "结婚纪念日 (lunar month 8, day 30 (month 8 has only 29 days; kept on month 8, day 29))",
    ),
    (no_visit_reminder("6", "己", dt.date(2025, 8, 1), TODAY, 45), "not seen for 61 days"),
    (expiring_reminder("7", "庚", dt.date(2025, 12, 1), TODAY), "card expires 12/1"),
    (expiring_reminder("8", "辛", dt.date(2026, 1, 5), TODAY), "card expires 1/5/2026"),
]


def test_reminder_details_read_in_english_and_in_chinese_as_the_domain_words_them() -> None:
    for reminder, _english in CASES:
        assert reminder_words(reminder, TODAY) == reminder.detail
    i18n.install(i18n.ENGLISH)
    assert [reminder_words(reminder, TODAY) for reminder, _ in CASES] == [e for _, e in CASES]
