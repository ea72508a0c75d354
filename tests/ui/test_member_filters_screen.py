"""会员筛选 in the real window: reached from the members screen with a manager's approval, the
ticked criteria find the members they should, a bad range is said plainly and runs nothing, a
filter is saved as a list, opened again in a new screen (run again: a member tagged since is
in it) and its members exported to CSV and XLSX."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QLabel, QLineEdit, QPushButton

from app.members.tags import set_tags
from app.storage.member_models import MemberListRow, MemberRow
from app.storage.models import AuditRow
from tests.ui.driving import (
    GOLD_CARD,
    SILVER_CARD,
    answer_prompt,
    approval_in,
    approve,
    child,
    click,
    error_text,
    open_dialog,
    open_members_screen,
)

TAG = "筛选测试"


def tag(counter: Any, *cards: str) -> None:
    with counter.db.transaction() as session:
        for card in cards:
            member = session.scalar(select(MemberRow).where(MemberRow.card_no == card))
            assert member is not None
            set_tags(session, member, [TAG])


def open_filters(sale: Any, qtbot: Any) -> tuple[Any, Any]:
    members = open_members_screen(sale)
    click(qtbot, child(members, QPushButton, "memberFiltersButton"))
    approve(qtbot, approval_in(members))
    return members, open_dialog(members, "memberFiltersScreen")


def count_text(screen: Any) -> str:
    return child(screen, QLabel, "memberFilterCount").text()


def test_filter_save_reopen_and_export(
    sale: Any, counter: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag(counter, GOLD_CARD, SILVER_CARD)
    members, screen = open_filters(sale, qtbot)

    screen.use("tags")
    child(screen, QLineEdit, "tagsInput").setText(TAG)
    click(qtbot, child(screen, QPushButton, "memberFilterRun"))
    assert screen.shown_cards() == sorted([GOLD_CARD, SILVER_CARD])
    assert count_text(screen) == "共 2 位会员"
    assert TAG in child(screen, QLabel, "memberFilterWords").text()

    screen.use("cardTypes")
    silver = next(b for b in screen.card_type_boxes.values() if b.text() == "银卡")
    silver.setChecked(True)
    click(qtbot, child(screen, QPushButton, "memberFilterRun"))
    assert screen.shown_cards() == [SILVER_CARD]

    # A reversed range: said in words, the shown members stay as they were.
    screen.use("tenure")
    child(screen, QLineEdit, "tenureMin").setText("30")
    child(screen, QLineEdit, "tenureMax").setText("5")
    click(qtbot, child(screen, QPushButton, "memberFilterRun"))
    assert "下限不能大于上限" in error_text(screen)
    assert screen.shown_cards() == [SILVER_CARD]
    screen.use("tenure", False)

    click(qtbot, child(screen, QPushButton, "memberListSave"))
    answer_prompt(qtbot, screen, "memberListName", "银卡测试")
    assert "银卡测试" in child(screen, QLabel, "memberFiltersStatus").text()
    with counter.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(MemberListRow)) == 1
        saved = session.scalar(select(func.count()).where(AuditRow.action == "member_list.saved"))
    assert saved == 1

    # The same name again is refused in words; still one list.
    click(qtbot, child(screen, QPushButton, "memberListSave"))
    answer_prompt(qtbot, screen, "memberListName", "银卡测试")
    assert "已有名为“银卡测试”的名单" in error_text(screen)
    screen.accept()

    # A member made silver and tagged since is in the list when it is opened again.
    with counter.db.transaction() as session:
        silver_type = session.scalar(
            select(MemberRow.card_type_id).where(MemberRow.card_no == SILVER_CARD)
        )
        other = session.scalar(
            select(MemberRow).where(MemberRow.card_no.not_in([GOLD_CARD, SILVER_CARD]))
        )
        assert other is not None
        other.card_type_id = silver_type
        set_tags(session, other, [TAG])
        other_card = other.card_no
    members.accept()
    _members, reopened = open_filters(sale, qtbot)
    lists = child(reopened, QComboBox, "memberListsBox")
    assert lists.currentText() == "银卡测试"
    click(qtbot, child(reopened, QPushButton, "memberListOpen"))
    assert reopened.shown_cards() == sorted([SILVER_CARD, other_card])
    # The list's criteria are back in the editors: run as they stand, the same members.
    assert reopened.groups["tags"].isChecked() and reopened.groups["cardTypes"].isChecked()
    assert not reopened.groups["tenure"].isChecked()
    assert child(reopened, QLineEdit, "tagsInput").text() == TAG
    click(qtbot, child(reopened, QPushButton, "memberFilterRun"))
    assert reopened.shown_cards() == sorted([SILVER_CARD, other_card])

    csv_path = tmp_path / "list.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(csv_path), ""))
    )
    click(qtbot, child(reopened, QPushButton, "memberFilterExport"))
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["卡号", "姓名", "手机"]
    assert [row[0] for row in rows[1:]] == sorted([SILVER_CARD, other_card])
    assert all("****" in row[2] for row in rows[1:])  # phones stay masked

    xlsx_path = tmp_path / "list.xlsx"
    reopened.export(xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == sorted(
        [SILVER_CARD, other_card]
    )
    with counter.db.reading() as session:
        exports = session.scalar(
            select(func.count()).where(AuditRow.action == "member_filter.exported")
        )
    assert exports == 2

    click(qtbot, child(reopened, QPushButton, "memberListDelete"))
    assert lists.count() == 0
    with counter.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(MemberListRow)) == 0


def test_nothing_ticked_or_nothing_chosen_is_said_plainly(sale: Any, qtbot: Any) -> None:
    _members, screen = open_filters(sale, qtbot)
    click(qtbot, child(screen, QPushButton, "memberFilterRun"))
    assert "请至少设一个筛选条件" in error_text(screen)
    screen.use("zodiac")
    click(qtbot, child(screen, QPushButton, "memberFilterRun"))
    assert "请至少选一个生肖" in error_text(screen)
    child(screen, QCheckBox, "zodiac4").setChecked(True)
    screen.use("spend")
    child(screen, QLineEdit, "spendMin").setText("-5")
    click(qtbot, child(screen, QPushButton, "memberFilterRun"))
    assert "负数" in error_text(screen)
    click(qtbot, child(screen, QPushButton, "memberFilterExport"))
    assert "请先筛选" in error_text(screen)


def test_every_criterion_shown_in_the_editors_reads_back_the_same(sale: Any, qtbot: Any) -> None:
    import datetime as dt

    from app.members.member_filters import (
        Activity,
        AvailablePoints,
        BirthMonth,
        CardTypes,
        ChineseZodiac,
        HasTags,
        JoinAnniversary,
        LastPurchase,
        MemberFilter,
        NewOrOld,
        StarSign,
        Tenure,
        TotalPoints,
        TotalSpend,
        VisitCount,
    )

    _members, screen = open_filters(sale, qtbot)
    type_id, type_name = screen.card_types[1]
    day = dt.date(2026, 3, 1)
    every = MemberFilter(
        (
            BirthMonth((1, 12)),
            JoinAnniversary(day, day + dt.timedelta(days=9)),
            NewOrOld(30, new=False),
            Tenure(10, None),
            Activity(90, active=False),
            ChineseZodiac((0, 11)),
            StarSign(("aries", "leo")),
            VisitCount(2, None, 60),
            LastPurchase(day, day + dt.timedelta(days=20)),
            TotalSpend(500_00, 1234_56),
            TotalPoints(None, 300),
            AvailablePoints(5, 6),
            HasTags(("VIP", "老客户"), every=True),
            CardTypes((type_id,), (type_name,)),
        )
    )
    screen.show_filter(every)
    assert screen.member_filter() == MemberFilter(
        tuple(
            HasTags(("VIP 老客户",), every=True) if isinstance(c, HasTags) else c
            for c in every.criteria
        )
    )
