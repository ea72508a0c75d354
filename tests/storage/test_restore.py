"""``restore`` puts back only this store's sound backups, never while a window is open, and
keeps the database it replaces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_OK, main
from app.storage.backup import make_backup
from app.storage.data_lock import window_lock
from tests.storage.store_files import make_store, row_count


def _restore(data_dir: Path, backup: Path, *extra: str) -> int:
    return main(["--data-dir", str(data_dir), "restore", str(backup), *extra])


def _staff(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return sorted(row[0] for row in connection.execute("SELECT name FROM staff"))


def _change_the_store(database: Path) -> None:
    """A change after the backup: the newest staff account's name (the restore must undo it)."""
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE staff SET name = '改过的名字' WHERE name = '小王'")


@pytest.fixture
def backed_up(store: Path) -> Path:
    made = make_backup(store, store.parent)
    _change_the_store(store)
    return made


def test_a_restore_keeps_the_replaced_database_and_says_where(
    store: Path, backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _restore(store.parent, backed_up) == EXIT_OK
    assert "小王" in _staff(store)
    (aside,) = (store.parent / "replaced").glob("counter-before-restore-*.db")
    assert "改过的名字" in _staff(aside)
    assert str(aside) in capsys.readouterr().out


def test_a_foreign_sqlite_file_is_refused(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    before = store.read_bytes()
    assert _restore(store.parent, foreign) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "不是收银台的备份" in err and "Traceback" not in err
    assert store.read_bytes() == before
    assert not (store.parent / "replaced").exists()


def test_a_file_that_is_not_sqlite_is_refused(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "members.csv"
    text.write_text("姓名,手机\n", encoding="utf-8")
    assert _restore(store.parent, text) == EXIT_FAILED
    assert "不是 SQLite 数据库文件" in capsys.readouterr().err


def test_another_stores_backup_is_refused_unless_asked_for(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_store(tmp_path / "other-store")  # a store of its own, made apart
    theirs = make_backup(other, other.parent)
    _change_the_store(store)
    assert _restore(store.parent, theirs) == EXIT_FAILED
    assert "另一家门店" in capsys.readouterr().err
    assert "改过的名字" in _staff(store)
    assert _restore(store.parent, theirs, "--other-store") == EXIT_OK
    assert "小王" in _staff(store)


def test_a_backup_from_a_newer_schema_is_refused(
    store: Path, backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(backed_up) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    assert _restore(store.parent, backed_up) == EXIT_FAILED
    assert "更新版本" in capsys.readouterr().err
    assert "改过的名字" in _staff(store)


def test_a_restore_is_refused_while_a_window_is_open(
    store: Path, backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = window_lock(store.parent)
    try:
        assert _restore(store.parent, backed_up) == EXIT_FAILED
        assert "请先关闭收银窗口" in capsys.readouterr().err
        assert "改过的名字" in _staff(store)
    finally:
        lock.release()
    assert _restore(store.parent, backed_up) == EXIT_OK


def test_a_damaged_backup_is_refused(
    store: Path, backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.storage.store_files import damage_page_of

    damage_page_of(backed_up, "products")
    assert _restore(store.parent, backed_up) == EXIT_FAILED
    assert "备份文件已损坏" in capsys.readouterr().err
    assert row_count(store, "products") > 0


def test_a_lost_database_is_restored_from_its_backup(store: Path, backed_up: Path) -> None:
    store.unlink()
    assert _restore(store.parent, backed_up) == EXIT_OK
    assert "小王" in _staff(store)
    assert not (store.parent / "replaced").exists()


def test_a_backup_from_an_older_schema_is_brought_up_to_date(store: Path, tmp_path: Path) -> None:
    from app.storage.db import make_engine, migrate, schema_revisions
    from app.storage.integrity import facts

    older = tmp_path / "older.db"
    engine = make_engine(f"sqlite:///{older}")
    migrate(engine, "0001")
    engine.dispose()
    with sqlite3.connect(older) as connection:
        connection.execute(
            "INSERT INTO counter_state (key, value) VALUES ('store_id', ?)",
            (facts(store).store_id,),
        )
    assert _restore(store.parent, older) == EXIT_OK
    restored = facts(store)
    assert restored.revision == schema_revisions()[1]
    assert "members" in restored.tables and restored.rows["staff"] == 0


@pytest.mark.parametrize("how", ["zero bytes", "no tables"])
def test_an_empty_backup_is_refused_and_the_store_kept(
    store: Path, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a backup killed half way by an old version left: restoring it emptied the store."""
    empty = tmp_path / "counter-20261201-030000.db"
    if how == "zero bytes":
        empty.write_bytes(b"")
    else:
        with sqlite3.connect(empty) as connection:
            connection.execute("PRAGMA user_version = 1")  # a valid file with no tables
    products = row_count(store, "products")
    assert _restore(store.parent, empty) == EXIT_FAILED
    assert "不是收银台的备份" in capsys.readouterr().err
    assert row_count(store, "products") == products > 0


#: Restores in another process and stops once the checked copy is staged, before it replaces.
_KILLED_RESTORE = """
import sys, time
from pathlib import Path
import app.storage.backup as backup

def stall(*args, **kwargs):
    print("staged", flush=True)
    time.sleep(120)

backup._keep_aside = stall
backup.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@pytest.mark.slow
def test_a_restore_killed_half_way_leaves_the_database_and_the_next_one_works(
    store: Path, backed_up: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys

    worker = subprocess.Popen(
        [sys.executable, "-c", _KILLED_RESTORE, str(backed_up), str(store)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    assert worker.stdout.readline().strip() == "staged"
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)

    assert "改过的名字" in _staff(store), "the database in use is untouched"
    assert list(store.parent.glob(".partial*restore-*")), "the killed restore left its copy"
    assert _restore(store.parent, backed_up) == EXIT_OK
    assert "小王" in _staff(store)
    assert not list(store.parent.glob(".partial*restore-*"))
