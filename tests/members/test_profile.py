"""A member's profile: birthdays typed in either calendar (impossible dates refused next to the
field), tags cleaned and found by their index, anniversaries added, removed, audited and
reminded of, and a lunar leap-month birthday through export and import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.members.accounts import MemberView, view_of
from app.members.calendar import (
    MemberDateError,
    member_date_words,
    parse_member_date,
    to_solar,
)
from app.members.enrolment import (
    ProfileChanges,
    add_anniversary,
    enrol,
    find_member,
    list_anniversaries,
    remove_anniversary,
    update_profile,
)
from app.members.errors import MemberError
from app.members.member_io import export_members, import_members
from app.members.reminders import ReminderKind
from app.members.reminders_query import due_reminders_for
from app.members.tags import clean_tags, members_tagged, tag_searched
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.db import alembic_config
from app.storage.member_models import MemberCardRow, MemberRow, MemberTagRow
from app.storage.models import AuditRow
from tests.members.conftest import TODAY, snapshot


@pytest.mark.parametrize(
    ("text", "calendar", "leap", "message"),
    [
        ("2024-04-08", "lunar", True, "农历 2024 年没有闰四月"),
        ("2023-02-30", "lunar", True, "农历 2023 年闰二月只有 29 天，没有三十"),
        ("2024-03-30", "lunar", False, "农历 2024 年三月只有 29 天，没有三十"),
        ("01-05", "lunar", True, "1900–2099 年的农历没有闰正月"),
        ("02-30", "lunar", True, "农历闰二月只有 29 天，没有三十"),
        ("02-30", "solar", False, "公历没有这一天：2 月 30 日"),
        ("08-31", "lunar", False, "农历日期须在初一到三十之间：31"),
        ("08-15", "solar", True, "公历日期没有闰月"),
        ("八月十五", "lunar", False, "无法识别的日期：八月十五（请写成 1990-08-15 或 08-15）"),
    ],
)
def test_a_date_that_does_not_exist_is_refused_naming_the_field(
    text: str, calendar: str, leap: bool, message: str
) -> None:
    with pytest.raises(MemberDateError) as refused:
        parse_member_date(text, calendar, leap, field="birthday")
    assert (str(refused.value), refused.value.field) == (message, "birthday")


def test_dates_that_exist_are_taken_and_said_in_words() -> None:
    assert member_date_words(parse_member_date("08-15", "lunar")) == "农历 八月十五"
    leap = parse_member_date("2020-04-08", "农历", leap=True)
    assert member_date_words(leap) == "农历 2020 年闰四月初八"
    assert leap.to_solar_date() == to_solar(2020, 4, 8, leap=True) == dt.date(2020, 5, 30)
    assert member_date_words(parse_member_date("04-08", "lunar", True)) == "农历 闰四月初八"
    assert member_date_words(parse_member_date("1990-3-5", "solar")) == "公历 1990 年 3 月 5 日"
    assert member_date_words(parse_member_date("02-29", "solar")) == "公历 2 月 29 日"


def test_tags_are_split_on_spaces_and_commas_trimmed_and_kept_once() -> None:
    assert clean_tags(" VIP，老客户 vip、#团购;; ＶＩＰ  老客户 ") == ("VIP", "老客户", "团购")
    assert clean_tags(["a, b", "B c"]) == ("a", "b", "c")
    assert clean_tags("") == ()
    with pytest.raises(MemberError) as long_tag:
        clean_tags("x" * 21)
    assert long_tag.value.field == "tags"
    assert tag_searched("＃ＶＩＰ ") == "vip"
    assert tag_searched("VIP") is None


def test_tags_saved_in_the_profile_are_found_by_their_index_and_follow_each_change(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        other = enrol(
            session,
            card_no="88000002",
            phone="13812345679",
            name="李四",
            on=TODAY,
            actor_id=cashier.id,
            tags=["vip"],
        )
        update_profile(
            session, member.id, ProfileChanges(tags=("VIP 老客户",)), actor_id=cashier.id
        )
    with db.reading() as session:
        assert [m.card_no for m in members_tagged(session, "vip", 10)] == ["88000001", "88000002"]
        assert view_of(session, member.id).tags == ("VIP", "老客户")
        plan = session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT member_id FROM member_tags WHERE tag_key = 'vip'"
        )
        assert "USING COVERING INDEX" in " ".join(str(row[-1]) for row in plan)
    with db.transaction() as session:
        update_profile(session, member.id, ProfileChanges(tags=("老客户",)), actor_id=cashier.id)
    with db.reading() as session:
        assert [m.card_no for m in members_tagged(session, "vip", 10)] == [other.card_no]
        assert [m.card_no for m in members_tagged(session, "老客户", 10)] == ["88000001"]
        keys = session.scalars(select(MemberTagRow.tag_key).order_by(MemberTagRow.tag_key)).all()
        assert list(keys) == ["vip", "老客户"]


def test_a_profile_change_is_audited_with_the_fields_that_changed_only(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    birthday = parse_member_date("2020-04-08", "lunar", leap=True)
    changes = ProfileChanges(name="张三", sex="女", birthday=birthday, tags=(), note="")
    with db.transaction() as session:
        update_profile(session, member.id, changes, actor_id=cashier.id)
        update_profile(session, member.id, changes, actor_id=cashier.id)  # nothing new
    with db.reading() as session:
        audited = session.scalars(select(AuditRow).where(AuditRow.action == "member.updated")).all()
        row = session.get(MemberRow, member.id)
        assert row is not None
        stored = (row.birthday_calendar, row.birthday_year, row.birthday_leap, row.birthday_key)
    assert [json.loads(a.detail)["fields"] for a in audited] == [["sex", "birthday"]]
    assert stored == ("lunar", 2020, True, "L0408")


def test_a_refused_profile_change_leaves_the_member_as_it_was(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    before = snapshot(db)
    for changes, field in [
        (ProfileChanges(name="新名字", tags=("x" * 21,)), "tags"),
        (ProfileChanges(name=" "), "name"),
        (ProfileChanges(name="新名字", phone="12"), "phone"),
        (ProfileChanges(sex="?"), "sex"),
        (ProfileChanges(birthday=parse_member_date("2026-11-24", "solar")), "birthday"),
    ]:
        with pytest.raises(MemberError) as refused, db.transaction() as session:
            update_profile(session, member.id, changes, actor_id=cashier.id, on=TODAY)
        assert refused.value.field == field
    assert snapshot(db) == before
    with db.reading() as session:
        assert find_member(session, member.card_no).name == "张三"


def test_anniversaries_are_added_listed_reminded_on_their_day_and_removed_with_audit(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    wedding = parse_member_date("2015-10-16", "lunar")
    falls_on = to_solar(2026, wedding.month, wedding.day)
    with db.transaction() as session:
        added = add_anniversary(session, member.id, " 结婚纪念日 ", wedding, actor_id=cashier.id)
        add_anniversary(
            session, member.id, "开业", parse_member_date("03-05", "solar"), actor_id=cashier.id
        )
    with db.reading() as session:
        listed = list_anniversaries(session, member.id)
        on_the_day = due_reminders_for(session, falls_on, 0, None, None)
        day_before = due_reminders_for(session, falls_on - dt.timedelta(days=1), 0, None, None)
    assert [a.anniversary.label for a in listed] == ["开业", "结婚纪念日"]
    assert [(r.card_no, r.kind, r.date) for r in on_the_day] == [
        ("88000001", ReminderKind.ANNIVERSARY, falls_on)
    ]
    assert "结婚纪念日" in on_the_day[0].detail
    assert all(r.kind is not ReminderKind.ANNIVERSARY for r in day_before)

    before = snapshot(db)
    with pytest.raises(MemberError) as refused, db.transaction() as session:
        add_anniversary(session, member.id, "  ", wedding, actor_id=cashier.id)
    assert refused.value.field == "label"
    with pytest.raises(MemberError), db.transaction() as session:
        remove_anniversary(session, "someone-else", added.id, actor_id=cashier.id)
    assert snapshot(db) == before

    with db.transaction() as session:
        remove_anniversary(session, member.id, added.id, actor_id=cashier.id)
    with db.reading() as session:
        assert [a.anniversary.label for a in list_anniversaries(session, member.id)] == ["开业"]
        assert due_reminders_for(session, falls_on, 0, None, None) == []
        audited = session.scalars(
            select(AuditRow)
            .where(AuditRow.action.like("member.anniversary_%"))
            .order_by(AuditRow.seq)
        ).all()
    details = [json.loads(a.detail) for a in audited]
    assert [(a.action, d["label"], a.actor_id) for a, d in zip(audited, details, strict=True)] == [
        ("member.anniversary_added", "结婚纪念日", cashier.id),
        ("member.anniversary_added", "开业", cashier.id),
        ("member.anniversary_removed", "结婚纪念日", cashier.id),
    ]
    assert details[0]["date"] == "农历 2015 年十月十六"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_lunar_leap_month_birthday_goes_out_and_comes_back_the_same(
    db: Database,
    cashier: StaffView,
    manager: StaffView,
    member: MemberView,
    tmp_path: Path,
    suffix: str,
) -> None:
    kept_on_leap = parse_member_date("2020-04-08", "lunar", leap=True, prefer_leap=True)
    leap_no_year = parse_member_date("06-10", "lunar", leap=True)
    with db.transaction() as session:
        update_profile(session, member.id, ProfileChanges(birthday=kept_on_leap), actor_id="c")
        enrol(
            session,
            card_no="88000002",
            phone="13812345679",
            name="李四",
            on=TODAY,
            actor_id=cashier.id,
            birthday=leap_no_year,
        )
    out = tmp_path / f"members{suffix}"
    with db.transaction() as session:
        export_members(session, out, actor_id=cashier.id, approver_id=manager.id)
        for row in session.scalars(select(MemberRow)):  # the numbers free for the same people
            row.card_no, row.phone = f"old{row.card_no}", None
        for card in session.scalars(select(MemberCardRow)):
            card.card_no = f"old{card.card_no}"
    report = import_members(db, out, on=TODAY, actor_id=cashier.id)
    assert (report.imported, report.problems) == (2, ())
    with db.reading() as session:
        assert find_member(session, "88000001").birthday == kept_on_leap
        assert find_member(session, "88000002").birthday == leap_no_year
        assert (
            session.scalars(
                select(MemberRow.birthday_key).where(MemberRow.card_no == "88000001")
            ).one()
            == "L0408+"
        )


def test_the_tags_migration_indexes_the_tags_members_already_had(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        update_profile(
            session, member.id, ProfileChanges(tags=("VIP,老客户",)), actor_id=cashier.id
        )
    config = alembic_config(str(db.engine.url))
    with db.engine.connect() as connection:  # back to the schema before the index, and up again
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
        command.upgrade(config, "head")
        connection.commit()
    with db.reading() as session:
        assert [m.card_no for m in members_tagged(session, "vip", 10)] == [member.card_no]
        assert [m.card_no for m in members_tagged(session, "老客户", 10)] == [member.card_no]


def test_an_import_reads_the_leap_month_column_and_refuses_a_leap_month_that_never_was(
    db: Database, cashier: StaffView, member: MemberView, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    path.write_text(
        "卡号,姓名,生日,历法,闰月\n"
        "2001,闰一,2020-04-08,农历,闰月\n"
        "2002,闰二,01-05,农历,是\n"
        "2003,闰三,04-08,农历,也许\n",
        encoding="utf-8",
    )
    before = snapshot(db)
    report = import_members(db, path, on=TODAY, actor_id=cashier.id)
    assert report.imported == 0  # a file with a bad row writes nothing
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "1900–2099 年的农历没有闰正月"),
        (4, "闰月一栏请填 leap、leap-prefer 或留空：也许"),
    ]
    assert snapshot(db) == before
    path.write_text("卡号,姓名,生日,历法,闰月\n2001,闰一,2020-04-08,农历,闰月\n", encoding="utf-8")
    assert import_members(db, path, on=TODAY, actor_id=cashier.id).imported == 1
    with db.reading() as session:
        assert find_member(session, "2001").birthday == parse_member_date(
            "2020-04-08", "lunar", leap=True
        )


def test_enrolment_refuses_a_birthday_after_today_and_writes_nothing(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    before = snapshot(db)
    with pytest.raises(MemberError) as refused, db.transaction() as session:
        enrol(
            session,
            card_no="88000009",
            phone="13812340009",
            name="未来",
            on=TODAY,
            actor_id=cashier.id,
            birthday=parse_member_date("2030-01-01", "solar"),
        )
    assert (str(refused.value), refused.value.field) == ("生日不能晚于今天", "birthday")
    assert snapshot(db) == before
