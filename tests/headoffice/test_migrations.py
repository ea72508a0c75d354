"""The head office's migrations make exactly the schema its models describe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from headoffice import analytics
from headoffice.cli import main
from headoffice.db import VERSION_TABLE, Database, open_database
from headoffice.models import Base, SaleRow


def test_the_migrations_make_the_models_schema(ho_db: Database) -> None:
    with ho_db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "version_table": "ho_alembic_version"}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_sales_and_members_taken_before_0004_stay_valid_and_are_reported(tmp_path: Path) -> None:
    """0004 adds a sale's lines, payments, time, refunded sale and promotion mark, and a
    member's joining day: rows taken before keep NULLs, and the reports still count them,
    saying what they lack."""
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    db.migrate("0003_promosync_promotions")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO ho_sales (event_id, order_id, store_code, counter_no, receipt_no,"
                " business_day, kind, total_fen, member_id) VALUES"
                " ('e1', 'o1', 'S001', 1, 'R1', '2026-11-02', 'sale', 5000, 'm1'),"
                " ('e2', 'o2', 'S001', 1, 'R2', '2026-11-03', 'refund', 1000, 'm1')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO ho_members (id, card_no, name, phone_masked, home_store, status,"
                " principal_fen, bonus_fen, points, hot, hot_reason, updated_at) VALUES"
                " ('m1', '88000001', '张三', '', 'S001', 'active', 0, 0, 0, 0, '',"
                " '2026-11-01 00:00:00')"
            )
        )
    db.migrate()
    try:
        with db.transaction() as session:
            sale = session.get(SaleRow, "e1")
            assert sale is not None and sale.total_fen == 5000
            assert (sale.occurred_at, sale.original_order_id, sale.promo) == (None, None, None)
            report = analytics.sales_report(session, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
            found = analytics.membership(session, dt.date(2026, 11, 30))
        assert (report.total.sales, report.total.net_fen, report.total.member_fen) == (
            1,
            4000,
            4000,
        )
        assert report.tenders == ((None, 4000),)  # no payment rows: said as unknown
        # The refund names no sale: the purchase stays 50 yuan, and the page says why.
        assert (found.unknown_joined, found.unlinked_refunds, found.sales_without_lines) == (
            1,
            1,
            1,
        )
        assert found.groups["new_low_ticket"] == 1
    finally:
        db.dispose()


def test_a_database_a_newer_office_upgraded_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    open_database(url).dispose()
    newer = Database(url)
    with newer.transaction() as session:
        session.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '0099_future'"))
    newer.dispose()
    before = (tmp_path / "office.sqlite3").read_bytes()
    assert main(["--db", url, "cases", str(tmp_path / "cases.csv")]) == 1
    said = capsys.readouterr().err
    assert "来自更新版本的总部程序" in said and "0099_future" in said and "Traceback" not in said
    assert (tmp_path / "office.sqlite3").read_bytes() == before
    assert not (tmp_path / "cases.csv").exists()
