"""Reminders from the database, the CLI's CSV, member import and export, the migration."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from app.members.accounts import view_of
from app.members.calendar import MemberDate
from app.members.demo_members import seed_demo_members
from app.members.enrolment import add_anniversary, enrol, find_member
from app.members.errors import ApprovalRequired
from app.members.member_io import export_members, import_members
from app.members.reminders import MemberFacts, due_reminders
from app.members.reminders_query import due_reminders_for, reminders_csv
from app.members.sales import member_sale
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import MemberRow, StoredValueEntryRow
from app.storage.models import AuditRow
from app.storage.schema import METADATA
from tests.members.conftest import TODAY


def test_reminders_from_the_database_match_the_pure_rules_over_all_members(
    db: Database, cashier: StaffView
) -> None:
    with db.transaction() as session:
        seed_demo_members(session, today=TODAY)
        first = find_member(session, "88000003")
        add_anniversary(
            session, first.id, "结婚纪念日", MemberDate("lunar", None, 10, 16), actor_id=cashier.id
        )
    with db.reading() as session:
        found = due_reminders_for(session, TODAY, 7, None, 30)
        everyone = [
            MemberFacts(
                m.card_no, m.name, view_of(session, m.id).birthday, (), None, m.expires_on, m.status
            )
            for m in session.scalars(select(MemberRow))
        ]
    pure = due_reminders(everyone, TODAY, 7, None, 30)
    anniversaries = [r for r in found if r.kind == "anniversary"]
    assert [r for r in found if r.kind != "anniversary"] == pure
    assert [(r.card_no, r.date) for r in anniversaries] == [("88000003", dt.date(2026, 11, 24))]
    assert {("88000001", "birthday"), ("88000002", "birthday")} <= {
        (r.card_no, r.kind.value) for r in found if r.date == TODAY
    }


def test_no_visit_reminders_list_recent_lapses_only(
    db: Database, cashier: StaffView, card_types: dict
) -> None:
    with db.transaction() as session:
        for n, days_ago in ((1, 31), (2, 100), (3, 5)):
            m = enrol(
                session,
                card_no=f"{n}",
                phone=f"1380000000{n}",
                name=f"会员{n}",
                on=TODAY,
                actor_id=cashier.id,
            )
            member_sale(
                session,
                m.id,
                paid_fen=1_00,
                on=TODAY - dt.timedelta(days=days_ago),
                order_id=f"s{n}",
                actor_id=cashier.id,
            )
    with db.reading() as session:
        text = reminders_csv(session, TODAY, 0)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["card_no", "name", "kind", "date", "detail"],
        ["1", "会员1", "no_visit", "2026-11-22", "已 31 天未到店"],
    ]


def test_import_reads_chinese_headers_lunar_birthdays_and_reports_bad_rows(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict, tmp_path: Path
) -> None:
    path = tmp_path / "members.csv"
    path.write_text(
        "卡号,姓名,手机,性别,生日,历法,卡类型,余额,赠送余额,积分\n"
        "1001,张一,13811110001,男,1990-08-15,农历,银卡,100.50,20,300\n"
        "1002,张二,13811110002,女,03-05,公历,,0,,\n"
        "1003,张三,13811110001,,,,,,,\n"
        "1004,张四,13811110004,,1990-02-30,公历,,,,\n"
        "1005,张五,13811110005,,,,钻石卡,,,\n"
        "1001,张六,13811110006,,,,,,,\n"
        "1007,张七,13811110007,,,,,-5,,\n",
        encoding="utf-8",
    )
    report = import_members(db, path, on=TODAY, actor_id=cashier.id)
    assert report.imported == 0  # every bad row is reported before anything is written
    assert [(p.line, p.reason) for p in report.problems] == [
        (4, "手机号与第 2 行重复"),
        (5, "公历没有这一天：1990 年 2 月 30 日"),
        (6, "未找到卡类型：钻石卡"),
        (7, "卡号与第 2 行重复：****01"),  # a card is shown masked, even to a manager
        (8, "余额：金额不能为负数"),
    ]
    with db.reading() as session:
        assert session.scalars(select(MemberRow.card_no)).all() == []
    good = path.read_text(encoding="utf-8").splitlines()[:3]
    path.write_text("\n".join(good) + "\n", encoding="utf-8")
    report = import_members(db, path, on=TODAY, actor_id=cashier.id)
    assert (report.imported, report.problems) == (2, ())
    with db.reading() as session:
        one = find_member(session, "1001")
        kinds = session.scalars(select(StoredValueEntryRow.kind)).all()
    assert (one.card_type.name, one.principal_fen, one.bonus_fen, one.points) == (
        "银卡",
        100_50,
        20_00,
        300,
    )
    assert one.birthday == MemberDate("lunar", 1990, 8, 15)
    assert list(kinds) == ["opening"]
    out = tmp_path / "out.xlsx"
    with pytest.raises(ApprovalRequired), db.transaction() as session:
        export_members(session, out, actor_id=cashier.id, approver_id=None)
    with db.transaction() as session:
        assert export_members(session, out, actor_id=cashier.id, approver_id=manager.id) == 2
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1] == [
        "1001",
        "张一",
        "13811110001",
        "男",
        "1990-08-15",
        "lunar",
        None,  # birthday_leap: a regular month
        "银卡",
        "100.50",
        "20.00",
        "300",
        "0.00",  # total spend, visits, last visit, tags: an import sets none of them
        "0",
        None,  # an empty cell, as a spreadsheet reads it
        None,
        TODAY.isoformat(),  # joined_on: the day the import enrolled them
    ]
    assert rows[0][-5:] == ["total_spend", "visits", "last_visit", "tags", "joined_on"]
    with db.reading() as session:
        assert session.scalars(select(AuditRow).where(AuditRow.action == "member.exported")).one()


def test_exported_xlsx_imports_back_into_an_empty_store(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["card_no", "name", "phone", "birthday", "birthday_calendar", "balance"])
    sheet.append([2001, "李一", 13922220001, dt.datetime(1985, 1, 2), "solar", 50.5])
    book.save(tmp_path / "in.xlsx")
    report = import_members(db, tmp_path / "in.xlsx", on=TODAY, actor_id=cashier.id)
    assert (report.imported, report.problems) == (1, ())
    with db.reading() as session:
        view = find_member(session, "2001")
    assert (view.principal_fen, view.birthday) == (50_50, MemberDate("solar", 1985, 1, 2))


def test_the_members_migration_matches_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), METADATA)
    assert diff == []


def test_an_export_adds_spend_visits_last_visit_tags_and_joined_on_which_an_import_ignores(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("card_no,name,phone\n3001,王一,13933330001\n", encoding="utf-8")
    assert import_members(db, source, on=TODAY, actor_id=cashier.id).imported == 1
    with db.transaction() as session:
        member = session.scalars(select(MemberRow).where(MemberRow.card_no == "3001")).one()
        member.total_spend_fen, member.visit_count = 1234_50, 7  # as seven sales would leave them
        member.last_visit_on, member.tags = dt.date(2026, 11, 30), "常客,烘焙"
    out = tmp_path / "out.csv"
    with db.transaction() as session:
        export_members(session, out, actor_id=cashier.id, approver_id=manager.id)
    header, row = out.read_text(encoding="utf-8-sig").splitlines()
    assert header.endswith(",total_spend,visits,last_visit,tags,joined_on")
    assert row.endswith(f',1234.50,7,2026-11-30,"常客,烘焙",{TODAY.isoformat()}')
    copy = tmp_path / "copy.csv"  # the export as another member's row: history is not imported
    other = row.replace("3001", "3002").replace("13933330001", "13933330002")
    copy.write_text(f"{header}\n{other}\n", encoding="utf-8")
    assert import_members(db, copy, on=TODAY, actor_id=cashier.id).imported == 1
    with db.reading() as session:
        imported = session.scalars(select(MemberRow).where(MemberRow.card_no == "3002")).one()
        assert (imported.total_spend_fen, imported.visit_count, imported.tags) == (0, 0, "")
        assert imported.last_visit_on is None
