"""UI fixtures: a real seeded counter per test, synchronous tasks, and a logged-in sale screen
(the helpers that drive the windows are in driving.py)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from app.ui import i18n
from app.ui.tasks import synchronous_tasks
from tests.ui.driving import login, plain_products

DATABASE_FILE = "counter.db"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed the demo store once (argon2 hashes, 300+ products); each test copies the file."""
    from app.bootstrap import build

    directory = tmp_path_factory.mktemp("seeded")
    counter = build(directory, seed_demo=True)
    counter.close()
    # The demo's promotions are retired here, so each screen test prices at the list and member
    # prices it was written for; the promotion tests save the rules they mean to use.
    with sqlite3.connect(directory / DATABASE_FILE) as connection:
        connection.execute("UPDATE promotions SET retired_at = CURRENT_TIMESTAMP")
    return directory / DATABASE_FILE


@pytest.fixture
def printer_file(tmp_path: Path) -> Path:
    return tmp_path / "printer.bin"


@pytest.fixture
def printer_uri(printer_file: Path) -> str:
    return f"file://{printer_file}"


@pytest.fixture
def counter(
    tmp_path: Path, seeded_template: Path, printer_uri: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    from app.bootstrap import build

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(seeded_template, data_dir / DATABASE_FILE)
    monkeypatch.setenv("POS_PRINTER_URI", printer_uri)
    monkeypatch.delenv("POS_LANGUAGE", raising=False)
    built = build(data_dir, seed_demo=True)
    yield built
    built.close()


@pytest.fixture(autouse=True)
def _synchronous_tasks_and_chinese(qapp: QApplication) -> Iterator[None]:
    from app.ui.application import apply_look

    apply_look(qapp)
    i18n.install(i18n.CHINESE)
    with synchronous_tasks():
        yield
    i18n.install(i18n.CHINESE)
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    # processEvents leaves deferred deletes alone: without this every test's windows stayed
    # alive and each later test's setup walked them all (seconds per test by the suite's end).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def controller(counter: Any, qtbot: Any) -> Any:
    from app.ui.application import CounterApp

    app = CounterApp(counter)
    app.show_login()
    return app


@pytest.fixture
def sale(controller: Any, qtbot: Any) -> Any:
    return login(controller, qtbot)


@pytest.fixture
def products(counter: Any) -> list[Any]:
    """Plain (not weighed) demo products with a barcode, in a stable order."""
    return plain_products(counter)
