"""Exports never hold a live formula (CSV/XLSX injection), and importing an export gives back
the same names: products, members and reminders, in CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from app.members.calendar import MemberDate
from app.members.card_types import CardTypeInput, create_card_type
from app.members.enrolment import add_anniversary, enrol
from app.members.member_io import export_members, import_members
from app.members.reminders_query import reminders_csv
from app.pos.catalog import ProductInput, create_product
from app.pos.catalog_io import export_products, import_products
from app.storage.database import Database
from app.storage.member_models import MemberRow
from app.storage.models import ProductRow
from app.storage.spreadsheet_cells import FORMULA_STARTS, QUOTE, read_back, safe_cell

HYPERLINK = '=HYPERLINK("http://x","y")'
#: Names a spreadsheet would run, typed at the counter; the last two are plain text.
NAMES = (HYPERLINK, "+86 138 0013 8000", "-2+3+cmd|' /C calc'!A0", "@SUM(1)", "\t=1", "'=1", "奶茶")
WHO = {"actor_id": "t", "approver_id": "t"}


def _csv_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _xlsx_cells(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)  # not data_only: a formula would show as one
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
        return [[c.value for c in row] for row in sheet.iter_rows()]
    finally:
        book.close()


def _assert_inert(rows: list[list[str]] | list[list[object]]) -> None:
    for row in rows:
        for value in row:
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                assert float(value) is not None  # only a plain number may start so (an amount)


def _cells(path: Path) -> list[list[str]] | list[list[object]]:
    return _csv_cells(path) if path.suffix == ".csv" else _xlsx_cells(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exported_products_hold_no_formula_and_import_back_by_name(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    with db.transaction() as session:
        for number, name in enumerate(NAMES):
            create_product(
                session,
                ProductInput(name, 12_50, category=f"={number}"),
                actor_id="t",
            )
        names = set(session.scalars(select(ProductRow.name)))
    path = tmp_path / f"products{suffix}"
    export_products(db, path)
    rows = _cells(path)
    _assert_inert(rows)
    assert any(f"{QUOTE}{HYPERLINK}" in row for row in rows)
    fresh = Database.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        assert import_products(fresh, path).errors == ()
        with fresh.reading() as session:
            assert set(session.scalars(select(ProductRow.name))) == names
    finally:
        fresh.dispose()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exported_members_hold_no_formula_and_import_back_by_name(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    with db.transaction() as session:
        create_card_type(session, CardTypeInput("=1+1", 0), **WHO)
        for number, name in enumerate(NAMES):
            enrol(
                session,
                card_no=f"8800000{number}",
                phone="",
                name=name,
                on=dt.date(2026, 12, 1),
                actor_id="t",
            )
        names = set(session.scalars(select(MemberRow.name)))
    path = tmp_path / f"members{suffix}"
    with db.transaction() as session:
        assert export_members(session, path, **WHO) == len(NAMES)
    rows = _cells(path)
    _assert_inert(rows)
    assert any(f"{QUOTE}{HYPERLINK}" in row for row in rows)
    fresh = Database.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        with fresh.transaction() as session:
            create_card_type(session, CardTypeInput("=1+1", 0), **WHO)
        report = import_members(fresh, path, on=dt.date(2026, 12, 1), actor_id="t")
        assert report.problems == ()
        with fresh.reading() as session:
            assert set(session.scalars(select(MemberRow.name))) == names
    finally:
        fresh.dispose()


def test_reminders_csv_quotes_a_name_a_spreadsheet_would_run(db: Database) -> None:
    with db.transaction() as session:
        create_card_type(session, CardTypeInput("普通卡", 0), **WHO)
        member = enrol(
            session,
            card_no="88000001",
            phone="",
            name=HYPERLINK,
            on=dt.date(2026, 1, 1),
            actor_id="t",
        )
        add_anniversary(
            session, member.id, "@纪念日", MemberDate("solar", None, 12, 2), actor_id="t"
        )
    with db.reading() as session:
        text = reminders_csv(session, dt.date(2026, 12, 1), 3)
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    _assert_inert(rows)
    assert rows[1][1] == QUOTE + HYPERLINK


@given(st.text(alphabet=st.sampled_from("=+-@\t\r'0123.45 a中"), max_size=8))
def test_a_safe_cell_reads_back_as_written_and_never_starts_a_formula(text: str) -> None:
    written = safe_cell(text)
    assert isinstance(written, str)
    assert read_back(written) == text
    if written.startswith(FORMULA_STARTS):
        float(written)  # a plain number, left alone


def test_numbers_and_amounts_are_left_as_they_are() -> None:
    assert [safe_cell(v) for v in (-12, 3.5, "-12.50", "+3", "12.50", None)] == [
        -12,
        3.5,
        "-12.50",
        "+3",
        "12.50",
        None,
    ]
