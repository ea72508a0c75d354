"""The rows a push batch writes by COPY on PostgreSQL: each value in its column's place and
through its column's bind processor (checked here without a server; test_postgresql reads the
rows back from a real one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeDecorator

from headoffice.ledger_batch import copy_values
from headoffice.models import Base, InboxRow

DIALECT = postgresql.psycopg.dialect()  # type: ignore[attr-defined]
CHINA = dt.timezone(dt.timedelta(hours=8))


def _inbox(event_id: str, applied_at: dt.datetime) -> dict[str, Any]:
    return {
        "outcome": "applied",  # keys in another order than the names asked for
        "applied_at": applied_at,
        "event_id": event_id,
        "device_id": "d1",
        "seq": 1,
        "type": "SalePaid",
        "schema_version": 1,
        "created_at": "2026-11-23T10:00:00+08:00",
    }


def test_values_come_in_the_order_of_the_names_with_timestamps_made_naive_utc() -> None:
    table = Base.metadata.tables[InboxRow.__tablename__]
    names = ["event_id", "applied_at", "seq", "outcome"]
    now = dt.datetime(2026, 11, 23, 18, 0, tzinfo=CHINA)
    later = dt.datetime(2026, 11, 23, 11, 0, tzinfo=dt.UTC)
    rows = [_inbox("e1", now), _inbox("e2", now), _inbox("e3", later)]
    assert [tuple(values) for values in copy_values(table, DIALECT, names, rows)] == [
        ("e1", dt.datetime(2026, 11, 23, 10, 0), 1, "applied"),
        ("e2", dt.datetime(2026, 11, 23, 10, 0), 1, "applied"),
        ("e3", dt.datetime(2026, 11, 23, 11, 0), 1, "applied"),
    ]


def test_a_naive_timestamp_is_refused_as_before() -> None:
    table = Base.metadata.tables[InboxRow.__tablename__]
    with pytest.raises(ValueError, match="naive"):
        list(copy_values(table, DIALECT, ["applied_at"], [_inbox("e1", dt.datetime(2026, 1, 1))]))


def test_one_column_and_no_processed_column_give_whole_rows() -> None:
    table = Base.metadata.tables[InboxRow.__tablename__]
    rows = [_inbox("e1", dt.datetime.now(dt.UTC)), _inbox("e2", dt.datetime.now(dt.UTC))]
    assert [tuple(v) for v in copy_values(table, DIALECT, ["event_id"], rows)] == [
        ("e1",),
        ("e2",),
    ]
    assert [tuple(v) for v in copy_values(table, DIALECT, ["seq", "event_id"], rows)] == [
        (1, "e1"),
        (1, "e2"),
    ]


class _Listed(TypeDecorator[list[int]]):
    """A column whose values are lists: no dict can remember them."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return sum(value)


def test_a_value_no_dict_can_hold_is_processed_each_time() -> None:
    table = Table("t", MetaData(), Column("n", Integer), Column("parts", _Listed()))
    rows = [{"n": 1, "parts": [1, 2]}, {"n": 2, "parts": [3, 4]}, {"n": 3, "parts": [1, 2]}]
    assert [tuple(v) for v in copy_values(table, DIALECT, ["n", "parts"], rows)] == [
        (1, 3),
        (2, 7),
        (3, 3),
    ]
