"""The stdlib-only chaining of :mod:`app.storage.audit_chain` makes the rows
:mod:`app.storage.audit` writes and verifies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.config import load_config
from app.pos.store_start import open_store
from app.storage import audit
from app.storage.audit_chain import chained_rows
from app.storage.base import sql_moment


def _texts(count: int) -> list[tuple[str, str, str, str | None, str | None, str | None, str]]:
    moment = dt.datetime(2026, 5, 1, 2, 30, tzinfo=dt.UTC)
    return [
        (
            "sale.paid",
            sql_moment(moment + dt.timedelta(minutes=n)),
            (moment + dt.timedelta(minutes=n)).isoformat(),
            "cashier",
            None,
            f"order-{n}",
            audit.DETAIL_JSON({"receipt_no": f"S001-01-20260501-{n:04d}", "备注": "促销"}),
        )
        for n in range(count)
    ]


def test_rows_chained_apart_and_appended_verify_with_the_stores_key(tmp_path: Path) -> None:
    db = open_store(load_config(tmp_path))
    try:
        with db.transaction() as session:
            end = audit.chain_end(session)
            assert end.secret is not None  # the store has its key: the rows are HMACs
            rows = chained_rows(end.seq, end.hash, end.secret, _texts(5), audit.new_ids_for(5))
            audit.append_rows(session, rows)
            audit.record(session, "after.bulk", actor_id="system")  # writes the head
        with db.reading() as session:
            assert audit.verify(session) == []
        # one changed detail breaks the chain where it is
        with db.transaction() as session:
            session.connection().exec_driver_sql(
                "UPDATE audit_log SET detail = '{}' WHERE seq = ?", (rows[2][0],)
            )
        with db.reading() as session:
            assert [p.seq for p in audit.verify(session)] == [rows[2][0]]
    finally:
        db.dispose()


def test_the_plain_chain_is_sha256_of_the_same_content() -> None:
    rows = chained_rows(0, audit.GENESIS_HASH, None, _texts(2), ["a", "b"])
    first = rows[0]
    expected = audit._digest(
        audit._content(
            1,
            "a",
            dt.datetime(2026, 5, 1, 2, 30, tzinfo=dt.UTC),
            "sale.paid",
            "cashier",
            None,
            "order-0",
            str(first[7]),
            audit.GENESIS_HASH,
        ),
        None,
    )
    assert first[9] == expected and rows[1][8] == expected


def test_a_chain_with_no_row_is_refused(tmp_path: Path) -> None:
    db = open_store(load_config(tmp_path))
    try:
        with db.transaction() as session:
            session.connection().exec_driver_sql("DELETE FROM audit_log")
            with pytest.raises(ValueError, match="no row"):
                audit.chain_end(session)
            session.rollback()
    finally:
        db.dispose()
