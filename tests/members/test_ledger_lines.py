"""A ledger line is written as a row of every column of its table and read back the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from app.members.accounts import LedgerLine, PointsLine, SpendLine, StoredValueLine
from app.storage import ledger_rows


@pytest.mark.parametrize(
    ("line_type", "table"),
    [
        (StoredValueLine, ledger_rows.STORED_VALUE),
        (PointsLine, ledger_rows.POINTS),
        (SpendLine, ledger_rows.SPEND),
    ],
)
def test_a_ledger_line_becomes_a_row_of_every_column_of_its_table(
    line_type: type[LedgerLine], table: ledger_rows.LedgerTable
) -> None:
    names = [field.name for field in dataclasses.fields(line_type)]
    line = line_type(**{name: f"v-{name}" for name in names})
    moment = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    row = line.row(actor_id="a", approver_id=None, at=moment)
    assert set(row) == set(table.columns)
    assert (row["actor_id"], row["approver_id"], row["created_at"]) == ("a", None, moment)
    assert line_type.of_row(SimpleNamespace(**row)) == line


def test_a_lines_payload_names_its_ledger_and_gives_dates_as_text() -> None:
    day = dt.date(2026, 11, 23)
    line = PointsLine("p1", "m1", "earn", 12, 40, 1200, day, "o1", None, "", day)
    payload = line.payload()
    assert payload["ledger"] == "points"
    assert payload["expires_on"] == payload["business_day"] == "2026-11-23"
    assert {key: payload[key] for key in ("id", "delta", "balance_after", "related_entry_id")} == {
        "id": "p1",
        "delta": 12,
        "balance_after": 40,
        "related_entry_id": None,
    }
