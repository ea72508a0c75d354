"""The window's start: it never makes a store or the demo by itself, refuses a damaged database
naming the last good backup, refuses a second window on the same data, and says a full disk
plainly."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from app.storage import db as db_module
from app.storage.backup import make_backup
from app.storage.data_lock import DataDirBusy, DataDirLock
from app.ui import application
from tests.storage.store_files import damage_page_of, row_count
from tests.ui.conftest import DATABASE_FILE
from tests.ui.driving import child, click

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the start's message boxes said (instead of showing them); the start returns then."""
    texts: list[str] = []

    def critical(_parent: object, title: str, text: str, *args: object) -> None:
        texts.append(f"{title}: {text}")

    monkeypatch.setattr(application.QMessageBox, "critical", critical)
    monkeypatch.setenv(application.EXIT_AFTER_LOGIN_ENV, "1")  # a start that works quits
    return texts


@pytest.fixture
def seeded_dir(tmp_path: Path, seeded_template: Path) -> Path:
    data_dir = tmp_path / "store"
    data_dir.mkdir()
    shutil.copy(seeded_template, data_dir / DATABASE_FILE)
    return data_dir


def test_an_empty_data_directory_is_not_turned_into_the_demo_store(
    tmp_path: Path, said: list[str]
) -> None:
    """It shows the first-run set-up instead (closed at once here), which makes nothing
    unless its owner finishes it or asks for the demo (tests/ui/test_first_run.py)."""
    data_dir = tmp_path / "wrong-directory"
    assert application.run_application(data_dir) == 0
    assert said == []
    assert not (data_dir / DATABASE_FILE).exists()


def test_a_zero_length_database_is_not_turned_into_the_demo_store(
    tmp_path: Path, said: list[str]
) -> None:
    (tmp_path / DATABASE_FILE).write_bytes(b"")
    assert application.run_application(tmp_path) == 0
    assert said == []
    assert (tmp_path / DATABASE_FILE).stat().st_size == 0


def test_a_store_without_staff_says_how_to_add_the_first(tmp_path: Path, said: list[str]) -> None:
    from app.config import Config
    from app.pos.store_start import open_store

    open_store(Config(data_dir=tmp_path)).dispose()  # a store made by a command, nobody in it
    assert application.run_application(tmp_path) == application.EXIT_FAILED
    assert "还没有员工账号" in said[0] and "add-staff" in said[0]
    assert row_count(tmp_path / DATABASE_FILE, "staff") == 0
    assert row_count(tmp_path / DATABASE_FILE, "products") == 0


def test_a_seeded_store_starts(seeded_dir: Path, said: list[str]) -> None:
    assert application.run_application(seeded_dir) == 0
    assert said == []


def test_a_store_of_an_older_schema_is_backed_up_then_upgraded_and_starts(
    tmp_path: Path, said: list[str]
) -> None:
    from app.storage.backup import good_backups
    from tests.storage.test_upgrades import REVISIONS, _store_at

    _store_at(tmp_path, REVISIONS[-2])
    assert application.run_application(tmp_path) == 0
    assert said == []
    (backup,) = good_backups(tmp_path)
    assert backup.revision == REVISIONS[-2]


def test_a_database_from_a_newer_program_is_refused_before_anything_touches_it(
    tmp_path: Path, said: list[str]
) -> None:
    from tests.storage.test_upgrades import REVISIONS, _fingerprint, _store_at

    _store_at(tmp_path, REVISIONS[-1])
    with sqlite3.connect(tmp_path / DATABASE_FILE) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    untouched = _fingerprint(tmp_path)
    assert application.run_application(tmp_path) == application.EXIT_FAILED
    assert "来自更新版本的收银程序" in said[0] and "请升级收银程序" in said[0]
    files = _fingerprint(tmp_path)
    assert files[0] == untouched[0]
    assert set(files[1]) - set(untouched[1]) <= {"counter.lock"}  # the window's lock only


def test_a_damaged_database_refuses_to_start_naming_the_last_good_backup(
    seeded_dir: Path, said: list[str]
) -> None:
    database = seeded_dir / DATABASE_FILE
    good = make_backup(database, seeded_dir)
    damage_page_of(database, "products")
    assert application.run_application(seeded_dir) == application.EXIT_FAILED
    assert "已损坏" in said[0] and str(good) in said[0]


def test_a_large_damaged_database_is_found_after_the_login_window(
    seeded_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the size the start checks page by page, the pages are checked behind the login."""
    from app import bootstrap
    from app.storage.database import DatabaseDamaged

    damage_page_of(seeded_dir / DATABASE_FILE, "products")
    monkeypatch.setattr(bootstrap, "QUICK_CHECK_AT_START_MAX_BYTES", 1024)
    counter = bootstrap.build(seeded_dir, for_window=True)
    try:
        assert counter.pages_unchecked
        with pytest.raises(DatabaseDamaged, match="已损坏"):
            counter.check_pages()
    finally:
        counter.close()


def test_a_large_damaged_database_closes_the_window_with_the_message(
    seeded_dir: Path, said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import bootstrap

    good = make_backup(seeded_dir / DATABASE_FILE, seeded_dir)
    damage_page_of(seeded_dir / DATABASE_FILE, "products")
    monkeypatch.setattr(bootstrap, "QUICK_CHECK_AT_START_MAX_BYTES", 1024)
    monkeypatch.delenv(application.EXIT_AFTER_LOGIN_ENV)  # the window runs until it is closed
    fallback = QTimer()  # were the window never closed, the test would fail, not hang
    fallback.setSingleShot(True)
    fallback.timeout.connect(QApplication.quit)
    fallback.start(10_000)
    try:
        assert application.run_application(seeded_dir) == application.EXIT_FAILED
    finally:
        fallback.stop()
    assert "已损坏" in said[0] and str(good) in said[0]


@pytest.fixture
def first_window(seeded_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A real cashier window in another process, on ``seeded_dir``, until it is killed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_PRINTER_URI="dummy:")
    env.pop(application.EXIT_AFTER_LOGIN_ENV, None)
    window = subprocess.Popen(
        [sys.executable, "main.py", "--data-dir", str(seeded_dir)], cwd=ROOT, env=env
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until the window holds its data directory
        try:
            DataDirLock(seeded_dir).acquire(DataDirBusy("busy")).release()
        except DataDirBusy:
            break
        assert window.poll() is None, "the first window stopped"
        time.sleep(0.1)
    else:
        pytest.fail("the first window never took its data directory")
    yield window
    if window.poll() is None:
        window.kill()
        window.wait(timeout=10)


@pytest.mark.slow
def test_a_second_window_on_the_same_data_is_refused(
    seeded_dir: Path, first_window: subprocess.Popen[bytes], said: list[str]
) -> None:
    assert application.run_application(seeded_dir) == application.EXIT_FAILED
    assert "已经在这台电脑上打开" in said[0]
    os.kill(first_window.pid, signal.SIGKILL)  # however the first one ends, its lock goes
    first_window.wait(timeout=10)
    said.clear()
    assert application.run_application(seeded_dir) == 0
    assert said == []


def test_a_full_disk_is_said_plainly_in_the_window(
    controller: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage.models import CounterStateRow

    counter = controller.counter
    pragmas = db_module.SQLITE_PRAGMAS
    monkeypatch.setattr(
        db_module, "SQLITE_PRAGMAS", (*pragmas[:-1], "PRAGMA max_page_count = 1", pragmas[-1])
    )
    counter.db.dispose()  # new connections: the file may not grow any more

    def open_shift_on_a_full_disk(*_args: object) -> None:
        with counter.db.transaction() as session:
            for n in range(300):
                session.add(CounterStateRow(key=f"filler-{n}", value="x" * 4000))

    monkeypatch.setattr(counter.service, "open_shift", open_shift_on_a_full_disk)
    window = controller.login_window
    child(window, QLineEdit, "loginPin").setText("1234")
    click(qtbot, child(window, QPushButton, "loginButton"))
    dialog = window.dialog
    assert dialog is not None and dialog.objectName() == "shiftOpenDialog"
    child(dialog, QLineEdit, "shiftFloat").setText("100")
    click(qtbot, child(dialog, QPushButton, "promptOk"))
    message = child(dialog, QLabel, "dialogError").text()
    assert "磁盘空间已满" in message and "抱歉" not in message
    assert controller.sale_window is None


def test_a_refused_daily_backup_is_said_in_the_status_bar(controller: Any, qtbot: Any) -> None:
    from tests.ui.driving import login

    database = controller.counter.config.database_path
    damage_page_of(database, "gift_stock_moves")  # a table neither login nor upkeep reads
    sale = login(controller, qtbot)  # the daily upkeep and its backup run on the way
    message = sale.statusBar().currentMessage()
    assert "数据库检查未通过" in message and "今天没有备份" in message
    assert not list((database.parent / "backups").glob("counter-*.db"))
