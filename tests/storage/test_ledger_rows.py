"""Each ledger entry type writes exactly its table's columns."""

from __future__ import annotations

import datetime as dt

import pytest

from app.storage import ledger_rows
from app.storage.member_models import PointsEntryRow, SpendEntryRow, StoredValueEntryRow

MOMENT = dt.datetime(2026, 11, 23, 8, 30, 15, 123456, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("entry_type", "row_type"),
    [
        (ledger_rows.StoredValueEntry, StoredValueEntryRow),
        (ledger_rows.PointsEntry, PointsEntryRow),
        (ledger_rows.SpendEntry, SpendEntryRow),
    ],
)
def test_an_entry_type_has_exactly_its_tables_columns(entry_type: type, row_type: type) -> None:
    table_columns = {column.key for column in row_type.__table__.columns}  # type: ignore[attr-defined]
    assert set(entry_type.COLUMNS) == table_columns
    assert entry_type.INSERT.startswith(f"INSERT INTO {row_type.__tablename__} (")  # type: ignore[attr-defined]


def test_an_entry_gives_dates_as_text_and_moments_as_naive_utc() -> None:
    entry = ledger_rows.SpendEntry("e1", "m1", "sale", 1250, 1, "o1", "", "s1", None, DAY, MOMENT)
    assert entry.params() == (
        "e1",
        "m1",
        "sale",
        1250,
        1,
        "o1",
        "",
        "s1",
        None,
        "2026-11-23",
        "2026-11-23 08:30:15.123456",
    )
