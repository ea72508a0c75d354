"""``python main.py demo --members N --days D``: a made-up history the counter's own checks accept,
only into an empty data directory."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_OK, main
from app.config import load_config
from app.pos import demo_history
from app.pos.demo_history import generate_history
from app.pos.stock import check_stock
from app.pos.store_start import open_store


def _counts(data_dir: Path) -> dict[str, int]:
    db = open_store(load_config(data_dir))
    try:
        with db.reading() as session:
            connection = session.connection()
            found = {
                table: int(connection.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())
                for table in (
                    "members",
                    "orders",
                    "order_lines",
                    "stored_value_entries",
                    "sales_day_orders",
                )
            }
            found["stock_mismatches"] = len(check_stock(session))
            # written with the foreign-key checks off: every reference must still hold
            found["dangling_references"] = len(
                connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            )
            # dropped for the bulk load, made again: later sales keep the reports' totals
            found["triggers"] = int(
                connection.exec_driver_sql(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
                ).scalar_one()
            )
            found["refunds"] = int(
                connection.exec_driver_sql(
                    "SELECT COUNT(*) FROM orders WHERE kind = 'refund'"
                ).scalar_one()
            )
            found["promotion_lines"] = int(
                connection.exec_driver_sql(
                    "SELECT COUNT(*) FROM order_lines WHERE line_discount_fen > 0"
                ).scalar_one()
            )
    finally:
        db.dispose()
    return found


def test_a_generated_history_passes_verify_audit_and_keeps_stock_to_its_moves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo", "--members", "300", "--days", "60", "--seed", "5"]) == EXIT_OK
    counts = _counts(tmp_path)
    assert counts["members"] == 300
    assert counts["orders"] > 300 and counts["order_lines"] > counts["orders"]
    assert counts["refunds"] > 0 and counts["promotion_lines"] > 0
    assert counts["stored_value_entries"] > 0
    assert counts["stock_mismatches"] == 0
    assert counts["dangling_references"] == 0
    # the reports' totals, made once at the end (verify-audit below recomputes them)
    assert counts["sales_day_orders"] == 60 and counts["triggers"] == 9
    capsys.readouterr()
    assert main([*data, "verify-audit"]) == EXIT_OK, capsys.readouterr().err


def test_a_data_directory_with_data_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo"]) == EXIT_OK  # the plain demo store, as before
    before = _counts(tmp_path)
    capsys.readouterr()
    assert main([*data, "demo", "--members", "10", "--days", "5"]) == EXIT_FAILED
    assert "空的数据目录" in capsys.readouterr().err
    assert _counts(tmp_path) == before


def test_sizes_out_of_range_are_refused_before_anything_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "demo", "--members", "0", "--days", "5"]) == (
        EXIT_FAILED
    )
    assert "会员数" in capsys.readouterr().err
    assert not (tmp_path / "counter.db").exists()


def test_the_generating_connection_checks_foreign_keys_again_afterwards(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    db = open_store(config)
    try:
        with db.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            cache_before = driver.execute("PRAGMA cache_size").fetchone()
        report = generate_history(
            db, config, members=20, days=10, seed=3, today=dt.date(2026, 3, 1)
        )
        assert report.orders > 0
        with db.engine.connect() as connection:  # the pool's one connection, the same again
            driver = connection.connection.driver_connection
            assert driver is not None
            assert driver.execute("PRAGMA foreign_keys").fetchone() == (1,)
            assert driver.execute("PRAGMA cache_size").fetchone() == cache_before
            assert driver.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert driver.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
            with pytest.raises(sqlite3.IntegrityError):
                driver.execute(
                    "UPDATE order_lines SET order_id = 'no such order'"
                    " WHERE id = (SELECT MIN(id) FROM order_lines)"
                )
    finally:
        db.dispose()


def test_a_history_killed_half_way_leaves_the_empty_store_and_can_be_made_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, str(root / "main.py"), "--data-dir", str(tmp_path), "demo"]
    child = subprocess.Popen(
        [*command, "--members", "6000", "--days", "300", "--seed", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(root)},
        text=True,
    )
    assert child.stdout is not None
    written = [child.stdout.readline() for _ in range(2)]  # two chunks of days written
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.stderr is not None
    said = child.stderr.read()  # to its end: the orphaned builder stops at its next send
    assert all("已写到" in line for line in written), (written, said)
    assert "Traceback" not in said  # the builder leaves quietly when its writer is gone
    # killed inside the one transaction: its rollback journal is there, not yet played back
    assert (tmp_path / "counter.db-journal").exists()

    counts = _counts(tmp_path)  # the next connection plays the journal back
    assert counts["members"] == counts["orders"] == counts["order_lines"] == 0
    assert not (tmp_path / "counter.db-journal").exists()
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_OK, capsys.readouterr().err
    # nothing half made to refuse: the history is written again, whole
    assert main(["--data-dir", str(tmp_path), "demo", "--members", "50", "--days", "20"]) == (
        EXIT_OK
    )
    counts = _counts(tmp_path)
    assert counts["members"] == 50 and counts["orders"] > 0
    assert counts["stock_mismatches"] == counts["dangling_references"] == 0


def test_written_pages_are_handed_to_the_disk_while_generating_and_the_thread_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[float] = []
    monkeypatch.setattr(demo_history, "_FLUSH_EVERY_S", 0.01)
    monkeypatch.setattr(demo_history.os, "sync", lambda: calls.append(time.monotonic()))
    with demo_history._flushing(True):
        deadline = time.monotonic() + 10
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert len(calls) >= 2
    done = len(calls)
    time.sleep(0.05)
    assert len(calls) == done  # stopped with the transaction
    assert not [t for t in threading.enumerate() if t.name == "demo-history-flush"]
    with demo_history._flushing(False):  # not SQLite: nothing to hand over
        assert not [t for t in threading.enumerate() if t.name == "demo-history-flush"]
