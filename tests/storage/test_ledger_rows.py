"""A ledger table writes the columns its model declares, with values as the DBAPI stores them."""

from __future__ import annotations

import datetime as dt

from app.storage import ledger_rows
from app.storage.member_models import SpendEntryRow

MOMENT = dt.datetime(2026, 11, 23, 8, 30, 15, 123456, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 23)


def test_a_ledger_table_inserts_exactly_its_models_columns() -> None:
    columns = tuple(column.key for column in SpendEntryRow.__table__.columns)
    assert ledger_rows.SPEND.columns == columns
    assert ledger_rows.SPEND.insert == (
        f"INSERT INTO member_spend_entries ({', '.join(columns)})"
        f" VALUES ({', '.join('?' * len(columns))})"
    )


def test_a_row_goes_in_column_order_with_dates_as_text_and_moments_as_naive_utc() -> None:
    row = {
        "id": "e1",
        "member_id": "m1",
        "kind": "sale",
        "spend_delta": 1250,
        "visits_delta": 1,
        "order_id": "o1",
        "reason": "",
        "actor_id": "s1",
        "approver_id": None,
        "business_day": DAY,
        "created_at": MOMENT,
    }
    params = ledger_rows.SPEND.params(dict(reversed(row.items())))
    assert params == [
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
    ]
