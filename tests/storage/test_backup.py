"""Backups count only once checked: a killed backup, a damaged database and old leftovers never
pass for today's, and older good backups are kept apart from the newest ones."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage import backup
from app.storage import db as db_module
from app.storage.backup import BackupError, backup_due, list_backups, make_backup
from tests.storage.store_files import damage_page_of, row_count

ROOT = Path(__file__).resolve().parents[2]

#: Runs a real backup in another process and stops it, after the copy, before its checks.
_KILLED_BACKUP = """
import sys, time
from pathlib import Path
import app.storage.backup as backup

def stall(*args, **kwargs):
    print("copied", flush=True)
    time.sleep(120)

backup._check_copy = stall
backup.make_backup(Path(sys.argv[1]), Path(sys.argv[2]))
print("finished", flush=True)
"""


@pytest.mark.slow
def test_a_backup_killed_half_way_is_no_backup(store: Path) -> None:
    data_dir = store.parent
    worker = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BACKUP, str(store), str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "copied"
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)

    assert list_backups(data_dir) == []
    assert backup.latest_good_backup(data_dir) is None
    assert backup_due(data_dir), "a killed backup must not count as today's"
    # The next backup is made, checked and counted; the dead one's copy is cleared away.
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    made = make_backup(store, data_dir, now=later)
    assert list_backups(data_dir) == [made]
    assert not list((data_dir / "backups").glob(".partial-*"))
    assert row_count(made, "products") == row_count(store, "products")


def test_a_backup_file_that_never_passed_the_checks_does_not_count(store: Path) -> None:
    """What an old version left when killed: a backup file that SQLite rolled back to nothing."""
    folder = store.parent / "backups"
    folder.mkdir()
    now = dt.datetime.now(dt.UTC)
    leftover = folder / f"counter-{now:%Y%m%d-%H%M%S}.db"
    sqlite3.connect(leftover).close()
    assert backup_due(store.parent, now=now)
    assert backup.latest_good_backup(store.parent) is None


def test_a_backup_is_checked_and_says_what_it_holds(store: Path) -> None:
    made = make_backup(store, store.parent)
    (good,) = backup.good_backups(store.parent)
    assert good.path == made
    assert good.revision == db_module.schema_revisions()[1]
    assert good.rows["products"] == row_count(store, "products") > 0
    assert good.rows["staff"] == 3
    assert good.store_id
    assert not backup_due(store.parent)


@pytest.mark.parametrize("table", ["products", "staff", "members", "gift_stock_moves"])
def test_a_damaged_database_is_not_backed_up_and_the_good_backups_stay(
    store: Path, table: str
) -> None:
    data_dir = store.parent
    good = make_backup(store, data_dir, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))
    damage_page_of(store, table)
    with pytest.raises(BackupError) as refused:
        make_backup(store, data_dir)
    assert "检查未通过" in str(refused.value)
    assert str(good) in str(refused.value)
    assert list_backups(data_dir) == [good]
    assert backup_due(data_dir)
    assert not list((data_dir / "backups").glob(".partial-*"))


def test_a_backup_dated_ahead_of_the_clock_does_not_stop_the_daily_backup(store: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    make_backup(store, store.parent, now=now + dt.timedelta(days=700))
    assert backup_due(store.parent, now=now)


@pytest.mark.slow
def test_retention_keeps_a_week_of_dailies_and_older_weeklies_apart(store: Path) -> None:
    start = dt.datetime(2026, 9, 1, 3, tzinfo=dt.UTC)  # a Tuesday
    for day in range(40):
        make_backup(store, store.parent, now=start + dt.timedelta(days=day))
    days = sorted((g.made_at - start).days for g in backup.good_backups(store.parent))
    newest = list(range(33, 40))
    assert days[-backup.KEEP_DAILY :] == newest
    older = days[: -backup.KEEP_DAILY]
    # The newest backup of each of the last KEEP_WEEKLY weeks stays; the rest of those weeks go.
    weeks = {(start + dt.timedelta(days=d)).isocalendar()[:2] for d in days}
    assert len(weeks) == backup.KEEP_WEEKLY
    assert older and all((start + dt.timedelta(days=d)).weekday() == 6 for d in older)
    assert len(list((store.parent / "backups").glob("counter-*.json"))) == len(days)


def test_a_full_disk_during_a_backup_is_said_plainly_and_leaves_the_good_backups(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy meets SQLITE_FULL half way (its file may not grow past one page, as on a full
    disk): a plain message, no partial file, yesterday's backup still the latest good one."""
    data_dir = store.parent
    yesterday = make_backup(store, data_dir, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    products = row_count(store, "products")
    connect = sqlite3.connect

    def connect_on_a_full_disk(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)).name.startswith(".partial"):
            connection.execute("PRAGMA max_page_count = 1")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_on_a_full_disk)
    with pytest.raises(BackupError, match="磁盘空间已满"):
        make_backup(store, data_dir)
    monkeypatch.undo()

    assert list_backups(data_dir) == [yesterday]
    assert backup.latest_good_backup(data_dir) == yesterday
    assert not list((data_dir / "backups").glob(".partial*"))
    assert backup_due(data_dir), "a backup the disk refused is not today's"
    assert row_count(store, "products") == products
