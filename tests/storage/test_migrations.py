"""The schema comes from Alembic, and what Alembic makes is exactly what the models say."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.storage.database import Database
from app.storage.db import alembic_config, make_engine, migrate
from app.storage.models import Role
from app.storage.schema import METADATA


def test_the_migrated_schema_equals_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, METADATA)
    assert differences == []


def test_a_database_made_by_the_first_migration_upgrades_to_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    script = ScriptDirectory.from_config(alembic_config(url))
    revisions = list(script.walk_revisions())
    first = revisions[-1].revision
    engine = make_engine(url)
    migrate(engine, first)
    migrate(engine)
    with engine.connect() as connection:
        current = connection.execute(text("select version_num from alembic_version")).scalar()
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert current == script.get_current_head()
    assert set(METADATA.tables) <= tables


def test_every_connection_carries_the_durability_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_a_receivable_written_before_0003_upgrades_as_a_named_customers(tmp_path: Path) -> None:
    """0003_receivable_members adds receivables.member_id; an older 挂账 stays the customer's
    and is listed, settled and counted as before."""
    from app.pos.receivables import Debtor, outstanding, settle_debtor
    from app.pos.staff import StaffView
    from app.pos.tenders import TenderMethod
    from app.storage.database import Database

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff (id, name, role, pin_hash, failed_attempts, active, created_at)"
                " VALUES ('s1', '小王', 'cashier', 'x', 0, 1, '2026-11-20 02:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
                " subtotal_fen, discount_fen, rounding_fen, total_fen, change_fen, created_at)"
                " VALUES ('o1', 'S001-01-20261120-0001', '2026-11-20', 'sale', 'paid', 's1',"
                " 2000, 0, 0, 2000, 0, '2026-11-20 02:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO receivables (id, order_id, customer_name, amount_fen, settled_fen,"
                " created_at) VALUES ('r1', 'o1', '陈阿姨', 2000, 500, '2026-11-20 02:00:00')"
            )
        )
    migrate(engine)
    with engine.connect() as connection:
        columns = {c["name"]: c for c in inspect(connection).get_columns("receivables")}
        indexes = {i["name"] for i in inspect(connection).get_indexes("receivables")}
        keys = inspect(connection).get_foreign_keys("receivables")
        row = connection.execute(
            text("SELECT customer_name, amount_fen, settled_fen, member_id FROM receivables")
        ).one()
    engine.dispose()
    assert columns["member_id"]["nullable"]
    assert "ix_receivables_member_id" in indexes
    assert any(k["referred_table"] == "members" for k in keys)
    assert tuple(row) == ("陈阿姨", 2000, 500, None)

    database = Database.open(url)
    try:
        with database.reading() as session:
            (debtor,) = outstanding(session, "陈", today=dt.date(2026, 11, 30))
        assert (debtor.debtor, debtor.owed_fen, debtor.days) == (Debtor(None, "陈阿姨"), 1500, 10)
        staff = StaffView(id="s1", name="小王", role=Role.CASHIER)
        with database.transaction() as session:
            left = settle_debtor(
                session, debtor.debtor, 1500, TenderMethod.CASH, staff=staff, shift_id=None
            )
        assert left.left_fen == 0
    finally:
        database.dispose()


def test_the_day_the_upkeep_last_ran_moves_into_upkeep_runs(tmp_path: Path) -> None:
    """0005_upkeep_runs: a counter that ran its upkeep before keeps that day as its newest run,
    so a clock that went back since is still noticed."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO counter_state (key, value) VALUES ('daily_upkeep_day', '2028-11-30')")
        )
    migrate(engine)
    with engine.connect() as connection:
        runs = connection.execute(text("SELECT business_day FROM upkeep_runs")).scalars().all()
        left = connection.execute(
            text("SELECT count(*) FROM counter_state WHERE key = 'daily_upkeep_day'")
        ).scalar()
    engine.dispose()
    assert (runs, left) == (["2028-11-30"], 0)


def test_staff_and_their_locks_survive_0006_pin_lockouts(tmp_path: Path) -> None:
    """0006 keeps each person's PIN, failures and lock (an older lock ends when it said it
    would), and starts everyone with no approval failures and no notice for the owner."""
    from app.pos.staff import StaffError, authenticate, hash_pin

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    migrate(engine, "0005_upkeep_runs")
    locked_until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO staff (id, name, role, pin_hash, failed_attempts, locked_until,"
                " active, created_at) VALUES ('s1', '小王', 'cashier', :pin, 3, :until, 1,"
                " '2026-11-20 02:00:00'), ('s2', '李店长', 'manager', :pin, 0, NULL, 1,"
                " '2026-11-20 02:00:00')"
            ),
            {
                "pin": hash_pin("1234"),
                "until": locked_until.replace(tzinfo=None).isoformat(" "),
            },
        )
    migrate(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT name, failed_attempts, locked_until IS NOT NULL, locked_at,"
                " approval_failures, approval_locked_until FROM staff ORDER BY name"
            )
        ).all()
        notices = connection.execute(text("SELECT count(*) FROM staff_lock_notices")).scalar()
    engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("小王", 3, True, None, 0, None),
        ("李店长", 0, False, None, 0, None),
    ]
    assert notices == 0

    database = Database.open(url)
    try:
        with database.transaction() as session, pytest.raises(StaffError, match="10 分钟"):
            authenticate(session, "小王", "1234")
        later = locked_until + dt.timedelta(minutes=1)
        with database.transaction() as session:
            assert authenticate(session, "李店长", "1234", now=later).role is Role.MANAGER
    finally:
        database.dispose()


def _chain_as_before_the_key(connection: sqlite3.Connection, actions: list[str]) -> None:
    """Audit rows exactly as the program wrote them before the store had a key: plain SHA-256
    over the same canonical content (issue #9 item 10)."""
    prev_hash = "0" * 64
    for seq, action in enumerate(actions, 1):
        at = dt.datetime(2026, 11, 20, 2, seq, tzinfo=dt.UTC)
        row_id = f"00000000-0000-7000-8000-{seq:012d}"
        detail = json.dumps({"n": seq, "名": "值"}, ensure_ascii=False, sort_keys=True)
        content = json.dumps(
            [seq, row_id, at.isoformat(), action, "s1", None, None, detail, prev_hash],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        connection.execute(
            "INSERT INTO audit_log (seq, id, at, action, actor_id, approver_id, subject_id,"
            " detail, prev_hash, hash) VALUES (?, ?, ?, ?, 's1', NULL, NULL, ?, ?, ?)",
            (seq, row_id, at.strftime("%Y-%m-%d %H:%M:%S.%f"), action, detail, prev_hash, digest),
        )
        prev_hash = digest


def test_an_audit_log_chained_before_the_key_verifies_and_goes_on_keyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store from before the key (its log chained with plain SHA-256 and no key file) keeps
    verifying; its new rows are keyed from the next row on, and its old rows stay checked."""
    from app.cli import EXIT_FAILED, EXIT_OK, main

    engine = make_engine(f"sqlite:///{tmp_path / 'counter.db'}")
    migrate(engine, "0005_upkeep_runs")
    engine.dispose()
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        _chain_as_before_the_key(connection, ["staff.added", "product.created", "sale.paid"])
    assert not (tmp_path / "audit.key").exists()

    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_OK
    assert main(["--data-dir", str(tmp_path), "add-staff", "王芳", "cashier", "--pin", "4321"]) == 0
    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_OK
    assert "审计日志完整：4 条记录" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        (keys,) = connection.execute(
            "SELECT value FROM counter_state WHERE key = 'audit.keys'"
        ).fetchone()
        assert json.loads(keys)[0][0] == 4  # keyed from the first row the new program wrote
        connection.execute("UPDATE audit_log SET actor_id = 'someone' WHERE seq = 2")
    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_FAILED
    assert "第 2 条：内容已被修改" in capsys.readouterr().err


def test_the_outbox_waiting_before_0007_is_kept_and_sync_members_start_empty(
    tmp_path: Path,
) -> None:
    """0007_sync_members adds the head office's member snapshots; the events written before it
    still wait to be sent, none marked acknowledged."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0005_upkeep_runs")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO outbox (seq, id, type, schema_version, payload, created_at)"
                " VALUES (1, 'e1', 'SalePaid', 1, '{}', '2026-11-30 10:00:00.000000')"
            )
        )
    migrate(engine)
    with engine.connect() as connection:
        waiting = (
            connection.execute(text("SELECT seq FROM outbox WHERE sent_at IS NULL")).scalars().all()
        )
        snapshots = connection.execute(text("SELECT count(*) FROM sync_members")).scalar()
    engine.dispose()
    assert (waiting, snapshots) == ([1], 0)


def test_stock_made_at_0005_keeps_its_moves_and_gets_its_value_at_cost(tmp_path: Path) -> None:
    """0008_stock: stock and moves made before survive; the value starts as stock × 进价
    (rounded half away from zero to the fen) in one move of no quantity, so the value is the
    sum of the moves; a product without a cost starts at zero; old sale lines keep no cost."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0005_upkeep_runs")
    with engine.begin() as connection:
        for product_id, code, cost, stock in (
            ("p1", "001", 333, 2500),  # 832.5 -> 833
            ("p2", "002", None, 4000),
            ("p3", "003", 100, -1500),  # sold below zero: -150
        ):
            connection.execute(
                text(
                    "INSERT INTO products (id, code, name, pinyin_initials, unit, price_fen,"
                    " cost_fen, active, track_stock, by_weight, stock_milli, created_at,"
                    " updated_at) VALUES (:id, :code, '商品', 'sp', '个', 500, :cost, 1, 1, 0,"
                    " :stock, '2026-11-20 02:00:00', '2026-11-20 02:00:00')"
                ),
                {"id": product_id, "code": code, "cost": cost, "stock": stock},
            )
            connection.execute(
                text(
                    "INSERT INTO stock_moves (id, product_id, delta_milli, reason, created_at)"
                    " VALUES (:id, :product, :stock, 'opening', '2026-11-20 02:00:00')"
                ),
                {"id": f"m-{product_id}", "product": product_id, "stock": stock},
            )
    migrate(engine)
    with engine.connect() as connection:
        held = connection.execute(
            text(
                "SELECT p.id, p.stock_milli, p.stock_value_fen, p.reorder_point_milli,"
                " (SELECT sum(delta_milli) FROM stock_moves m WHERE m.product_id = p.id),"
                " (SELECT sum(value_fen) FROM stock_moves m WHERE m.product_id = p.id)"
                " FROM products p ORDER BY p.id"
            )
        ).all()
        line_columns = {c["name"]: c for c in inspect(connection).get_columns("order_lines")}
    engine.dispose()
    assert [tuple(row) for row in held] == [
        ("p1", 2500, 833, None, 2500, 833),
        ("p2", 4000, 0, None, 4000, 0),
        ("p3", -1500, -150, None, -1500, -150),
    ]
    assert line_columns["cost_fen"]["nullable"]
