"""The member profile in the real window: a lunar leap-month birthday at enrolment and in the
profile (an impossible date refused under its field, nothing saved), anniversaries added and
removed, tags cleaned and found by ``#tag`` in the members screen and at the counter (F2)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListWidget, QPushButton, QTableWidget

from app.members.calendar import MemberDate, to_solar
from app.members.reminders_query import due_reminders_for
from app.storage.member_models import AnniversaryRow, MemberTagRow
from app.storage.models import AuditRow
from tests.ui.driving import (
    GOLD_CARD,
    SILVER_CARD,
    child,
    choose_member,
    click,
    count_rows,
    error_text,
    field_error,
    fill_form,
    member_row,
    open_dialog,
    open_members_screen,
    press,
    save_form,
    writes,
)


def _enrol_dialog(sale: Any, qtbot: Any) -> Any:
    click(qtbot, child(sale, QPushButton, "enrollButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "enrolDialog"
    return dialog


def _profile_error(screen: Any, name: str) -> str:
    label = child(screen, QLabel, f"{name}Error")
    return label.text() if label.isVisibleTo(screen) else ""


def _audited(counter: Any, action: str) -> list[dict[str, Any]]:
    with counter.db.reading() as session:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.seq)
        ).all()
        return [json.loads(row.detail) for row in rows]


def test_a_member_enrolled_with_a_lunar_leap_month_birthday_after_an_impossible_one(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    dialog = _enrol_dialog(sale, qtbot)
    fill_form(
        qtbot,
        dialog,
        {
            "enrolCardNo": "66002020",
            "enrolPhone": "13911112020",
            "enrolName": "林闰月",
            "enrolSex": "女",
            "enrolBirthdayCalendar": "lunar",
            "enrolBirthday": "2024-04-08",  # 2024 has no 闰四月 (2020 has)
            "enrolBirthdayLeap": True,
        },
    )
    before = writes(counter)
    click(qtbot, child(dialog, QPushButton, "enrolDone"))
    assert sale.dialog is dialog
    assert field_error(dialog, "enrolBirthday") == "农历 2024 年没有闰四月"
    assert dialog.focusWidget() is child(dialog, QLineEdit, "enrolBirthday")
    assert writes(counter) == before

    fill_form(qtbot, dialog, {"enrolBirthday": "2020-04-08"})
    assert child(dialog, QLabel, "enrolBirthdayWords").text() == "农历 2020 年闰四月初八"
    click(qtbot, child(dialog, QPushButton, "enrolDone"))
    assert sale.dialog is None, error_text(dialog)
    row = member_row(counter, "66002020")
    assert (row.sex, row.birthday_calendar, row.birthday_year) == ("女", "lunar", 2020)
    assert (row.birthday_month, row.birthday_day, row.birthday_leap) == (4, 8, True)
    assert row.birthday_key == "L0408"  # falls on the regular 四月 in other years
    assert counter.members.queries.find("66002020").birthday == MemberDate(
        "lunar", 2020, 4, 8, leap_month=True
    )


def test_solar_30_february_at_enrolment_is_refused_next_to_the_field(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    dialog = _enrol_dialog(sale, qtbot)
    fill_form(
        qtbot,
        dialog,
        {
            "enrolCardNo": "66002030",
            "enrolPhone": "13911112030",
            "enrolName": "王二月",
            "enrolBirthday": "02-30",
        },
    )
    assert not child(dialog, QCheckBox, "enrolBirthdayLeap").isEnabled()  # 闰月 is lunar only
    before = writes(counter)
    click(qtbot, child(dialog, QPushButton, "enrolDone"))
    assert field_error(dialog, "enrolBirthday") == "公历没有这一天：2 月 30 日"
    assert writes(counter) == before
    fill_form(qtbot, dialog, {"enrolBirthday": "02-28"})
    click(qtbot, child(dialog, QPushButton, "enrolDone"))
    assert sale.dialog is None, error_text(dialog)
    row = member_row(counter, "66002030")
    assert (row.birthday_calendar, row.birthday_year, row.birthday_key) == ("solar", None, "S0228")


def test_the_profile_edits_a_birthday_into_a_lunar_leap_month_refusing_an_impossible_one(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    choose_member(screen, qtbot, SILVER_CARD)
    before_row = member_row(counter, SILVER_CARD)
    before = writes(counter)
    audits = len(_audited(counter, "member.updated"))
    fill_form(
        qtbot,
        screen,
        {
            "memberBirthdayCalendar": "lunar",
            "memberBirthday": "08-30",  # 闰八月 never has 30 days in 1900–2099
            "memberBirthdayLeap": True,
            "memberTags": "VIP 老客户",
        },
    )
    click(qtbot, child(screen, QPushButton, "memberProfileSave"))
    assert _profile_error(screen, "memberBirthday") == "农历闰八月只有 29 天，没有三十"
    assert _profile_error(screen, "memberTags") == ""
    assert child(screen, QLabel, "membersStatus").text() == ""
    assert writes(counter) == before
    after_row = member_row(counter, SILVER_CARD)
    assert (after_row.birthday_key, after_row.tags) == (before_row.birthday_key, before_row.tags)
    assert len(_audited(counter, "member.updated")) == audits

    fill_form(qtbot, screen, {"memberBirthday": "08-10", "memberBirthdayPreferLeap": True})
    click(qtbot, child(screen, QPushButton, "memberProfileSave"))
    assert _profile_error(screen, "memberBirthday") == "", error_text(screen)
    row = member_row(counter, SILVER_CARD)
    assert (row.birthday_calendar, row.birthday_year, row.birthday_month) == ("lunar", None, 8)
    assert (row.birthday_day, row.birthday_leap, row.birthday_prefer_leap) == (10, True, True)
    assert row.birthday_key == "L0810+"
    assert child(screen, QLabel, "profileBirthday").text() == "农历 闰八月初十"
    assert child(screen, QLabel, "membersStatus").text() == "资料已保存"
    assert _audited(counter, "member.updated")[-1]["fields"] == ["birthday", "tags"]

    # An empty birthday removes it; the calendar back on 公历 unticks 闰月.
    fill_form(qtbot, screen, {"memberBirthdayCalendar": "solar", "memberBirthday": ""})
    assert not child(screen, QCheckBox, "memberBirthdayLeap").isChecked()
    click(qtbot, child(screen, QPushButton, "memberProfileSave"))
    assert member_row(counter, SILVER_CARD).birthday_key is None


def test_a_bad_name_phone_or_tag_is_refused_under_its_field_and_nothing_is_saved(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    choose_member(screen, qtbot, SILVER_CARD)
    taken = member_row(counter, GOLD_CARD).phone
    before_row = member_row(counter, SILVER_CARD)
    before = writes(counter)
    for values, field, message in [
        ({"profileName": " "}, "profileName", "姓名须为 1–40 个字"),
        ({"profileName": "新名字", "profilePhone": "12"}, "profilePhone", "手机号格式不对：12"),
        ({"profilePhone": taken}, "profilePhone", "手机号已被其他会员使用"),
        (
            {"profilePhone": "", "memberTags": "a" * 21},
            "memberTags",
            f"标签最多 20 个字：{'a' * 21}",
        ),
        ({"memberTags": "", "memberBirthday": "2090-01-01"}, "memberBirthday", "生日不能晚于今天"),
    ]:
        fill_form(qtbot, screen, values)
        click(qtbot, child(screen, QPushButton, "memberProfileSave"))
        assert _profile_error(screen, field) == message
        assert writes(counter) == before
    after = member_row(counter, SILVER_CARD)
    assert (after.name, after.phone, after.tags) == (before_row.name, before_row.phone, "")


def test_anniversaries_are_added_listed_reminded_and_removed_with_audit(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    choose_member(screen, qtbot, SILVER_CARD)
    table = child(screen, QTableWidget, "anniversariesTable")
    assert table.rowCount() == 0
    click(qtbot, child(screen, QPushButton, "addAnniversary"))
    form = open_dialog(screen, "anniversaryForm")
    fill_form(
        qtbot,
        form,
        {
            "anniversaryLabel": "结婚纪念日",
            "anniversaryCalendar": "lunar",
            "anniversaryDate": "2023-02-30",  # 2023's 闰二月 has 29 days
            "anniversaryLeap": True,
        },
    )
    save_form(qtbot, form)
    assert field_error(form, "anniversaryDate") == "农历 2023 年闰二月只有 29 天，没有三十"
    assert count_rows(counter, AnniversaryRow) == 0
    fill_form(qtbot, form, {"anniversaryLabel": "", "anniversaryDate": "2023-02-10"})
    save_form(qtbot, form)
    assert field_error(form, "anniversaryLabel") == "请填写此项"
    assert count_rows(counter, AnniversaryRow) == 0
    fill_form(qtbot, form, {"anniversaryLabel": "结婚纪念日"})
    save_form(qtbot, form)
    assert not form.isVisible()
    assert table.rowCount() == 1
    assert (table.item(0, 0).text(), table.item(0, 1).text()) == (
        "结婚纪念日",
        "农历 2023 年闰二月初十",
    )
    assert child(screen, QLabel, "membersStatus").text() == "已添加纪念日“结婚纪念日”"

    # The reminders list it on the day it falls: 二月初十 of a year without 闰二月.
    falls_on = to_solar(2026, 2, 10)
    with counter.db.reading() as session:
        found = due_reminders_for(session, falls_on, 0, None, None)
    assert [(r.card_no, r.kind.value) for r in found if r.kind.value == "anniversary"] == [
        (SILVER_CARD, "anniversary")
    ]

    click(qtbot, child(screen, QPushButton, "removeAnniversary"))
    assert table.rowCount() == 1 and "请先在纪念日列表中选择一项" in error_text(screen)
    table.selectRow(0)
    click(qtbot, child(screen, QPushButton, "removeAnniversary"))
    assert table.rowCount() == 0
    assert count_rows(counter, AnniversaryRow) == 0
    assert [a["label"] for a in _audited(counter, "member.anniversary_added")] == ["结婚纪念日"]
    assert [a["label"] for a in _audited(counter, "member.anniversary_removed")] == ["结婚纪念日"]


def test_tags_are_cleaned_and_found_with_a_hash_in_the_members_screen_and_at_the_counter(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    search = child(screen, QLineEdit, "membersSearch")
    assert "#" in search.placeholderText()
    for card, tags in ((SILVER_CARD, "VIP，老客户 vip"), (GOLD_CARD, "#vip 团购")):
        choose_member(screen, qtbot, card)
        fill_form(qtbot, screen, {"memberTags": tags})
        click(qtbot, child(screen, QPushButton, "memberProfileSave"))
    assert member_row(counter, SILVER_CARD).tags == "VIP,老客户"
    assert child(screen, QLineEdit, "memberTags").text() == "vip 团购"
    assert count_rows(counter, MemberTagRow) == 4

    search.setText("＃VIP")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    members_table = child(screen, QTableWidget, "membersTable")
    listed = sorted(members_table.item(r, 0).text() for r in range(members_table.rowCount()))
    assert listed == sorted([SILVER_CARD, GOLD_CARD])
    search.setText("#老客户")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert screen.current is not None and screen.current.card_no == SILVER_CARD
    click(qtbot, child(screen, QPushButton, "membersClose"))

    # At the counter: F2, #vip lists both; Enter attaches the one chosen.
    press(qtbot, sale, Qt.Key.Key_F2)
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "memberSearchDialog"
    field = child(dialog, QLineEdit, "memberSearch")
    qtbot.keyClicks(field, "#vip")
    assert field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    results = child(dialog, QListWidget, "memberSearchResults")
    assert results.count() == 2 and sale.dialog is dialog
    silver = member_row(counter, SILVER_CARD)
    assert all("****" in results.item(r).text() for r in range(2))  # cards shown masked
    index = next(r for r in range(2) if f"  {silver.name}  " in results.item(r).text())
    results.setCurrentRow(index)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert sale.dialog is None, error_text(dialog)
    assert sale.cart.member is not None
    assert sale.cart.member.member_id == member_row(counter, SILVER_CARD).id

    press(qtbot, sale, Qt.Key.Key_F2)
    dialog = sale.dialog
    field = child(dialog, QLineEdit, "memberSearch")
    qtbot.keyClicks(field, "#nobody")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert error_text(dialog) == "没有会员带标签“nobody”"
    field.clear()
    assert not field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
