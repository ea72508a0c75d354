"""The office's CSV files: exactly the contracted columns, yuan with two decimals, negative
balances negative, sales filtered by business day."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.storage.ids import new_id
from headoffice.cli import main
from headoffice.db import Database
from tests.headoffice.conftest import (
    Counter,
    enrolled,
    member_event,
    points_entry,
    sale,
    stored_value_entry,
)

MEMBER = "0190a000-0000-7000-8000-0000000000c1"
CARD = "88000001"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        return list(csv.reader(source))


def test_export_sales_has_the_contracted_columns_and_filters_by_business_day(
    ho_db: Database, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    store_a.push(
        store_a.event("SalePaid", sale("S001-01-20261122-0001", 9_90, day="2026-11-22")),
        store_a.event("SalePaid", sale("S001-01-20261123-0001", 12_50)),
        store_a.event("SaleRefunded", sale("S001-01-20261123-0002", -2_05, kind="refund")),
    )
    store_b.push(
        store_b.event(
            "TopUpPaid", sale("S002-01-20261124-0001", 500_00, kind="top_up", day="2026-11-24")
        )
    )
    everything = tmp_path / "all.csv"
    assert main(["--db", ho_db.url, "export-sales", str(everything)]) == 0
    assert _rows(everything) == [
        ["store_code", "counter_no", "receipt_no", "business_day", "kind", "total"],
        ["S001", "01", "S001-01-20261122-0001", "2026-11-22", "sale", "9.90"],
        ["S001", "01", "S001-01-20261123-0001", "2026-11-23", "sale", "12.50"],
        ["S001", "01", "S001-01-20261123-0002", "2026-11-23", "refund", "-2.05"],
        ["S002", "01", "S002-01-20261124-0001", "2026-11-24", "top_up", "500.00"],
    ]
    day = tmp_path / "day.csv"
    assert (
        main(
            [
                "--db",
                ho_db.url,
                "export-sales",
                str(day),
                "--from",
                "2026-11-23",
                "--to",
                "2026-11-23",
            ]
        )
        == 0
    )
    assert [row[2] for row in _rows(day)[1:]] == ["S001-01-20261123-0001", "S001-01-20261123-0002"]


def test_a_bad_day_is_refused_plainly_and_nothing_written(
    ho_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sales.csv"
    assert main(["--db", ho_db.url, "export-sales", str(target), "--from", "23/11/2026"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert not target.exists()


def test_a_reversed_range_and_an_unwritable_path_are_refused_plainly(
    ho_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sales.csv"
    reversed_range = ["--from", "2026-12-05", "--to", "2026-12-01"]
    assert main(["--db", ho_db.url, "export-sales", str(target), *reversed_range]) == 1
    assert "晚于结束日期" in capsys.readouterr().err
    assert not target.exists()

    missing = tmp_path / "no-such-folder" / "sales.csv"
    assert main(["--db", ho_db.url, "export-sales", str(missing)]) == 1
    said = capsys.readouterr().err
    assert "不存在" in said and str(missing) in said and "Traceback" not in said
    assert main(["--db", ho_db.url, "export-members", str(tmp_path)]) == 1
    assert "是一个文件夹" in capsys.readouterr().err


def test_export_members_shows_an_overdrawn_balance_negative(
    ho_db: Database, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    store_a.push(
        store_a.event("MemberEnrolled", enrolled(MEMBER, CARD)),
        store_a.event(
            "TopUpMade",
            member_event(
                MEMBER, CARD, stored_value_entry(MEMBER, 50_00, 10_00), points_entry(MEMBER, 120)
            ),
        ),
    )
    for counter in (store_a, store_b):  # both spend the whole balance offline
        spent = stored_value_entry(MEMBER, -50_00, -10_00, kind="spend")
        counter.push(counter.event("StoredValueSpent", member_event(MEMBER, CARD, spent)))
    target = tmp_path / "members.csv"
    assert main(["--db", ho_db.url, "export-members", str(target)]) == 0
    assert _rows(target) == [
        ["card_no", "name", "phone", "home_store", "balance", "bonus_balance", "points"],
        [CARD, "张三", "138****5678", "S001", "-50.00", "-10.00", "120"],
    ]

    cases = tmp_path / "cases.csv"
    assert main(["--db", ho_db.url, "cases", str(cases)]) == 0
    header, *rows = _rows(cases)
    assert header == ["case_id", "kind", "card_no", "store_code", "amount", "opened_at", "state"]
    assert [row[1:5] + row[6:] for row in rows] == [["overdraft", CARD, "S002", "60.00", "open"]]
    assert rows[0][5].endswith("+00:00")


def test_cases_lists_a_card_clash(
    ho_db: Database, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    store_a.push(store_a.event("MemberEnrolled", enrolled(MEMBER, CARD)))
    store_b.push(store_b.event("MemberEnrolled", enrolled(new_id(), CARD, name="李四")))
    target = tmp_path / "cases.csv"
    assert main(["--db", ho_db.url, "cases", str(target)]) == 0
    (row,) = _rows(target)[1:]
    assert row[1:5] == ["card_clash", CARD, "S002", "0.00"]
