"""A real head office (uvicorn on a free loopback port, SQLite) and counters with their own data
directories, each with the ``[headoffice]`` table the office printed for it."""

from __future__ import annotations

import dataclasses
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w
import uvicorn

from app.config import Config, load_config
from app.pos.counter import CounterService
from app.pos.shifts import ShiftView, open_shift
from app.pos.staff import StaffView, add_staff
from app.pos.store_start import open_store
from app.storage.database import Database
from app.storage.models import Role
from app.sync.spending import MemberSpending, guard_sales
from app.sync.worker import SyncWorker
from headoffice.api import create_app
from headoffice.db import Database as HeadOfficeDatabase
from headoffice.db import open_database
from headoffice.registry import Registration, add_store


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class HeadOffice:
    """The head office's server, stopped and started again on the same port at will."""

    def __init__(self, db: HeadOfficeDatabase) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            create_app(self.db), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline, "the head office did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        assert self._server is not None and self._thread is not None
        self._server.should_exit = True
        self._thread.join(10)
        self._server = None

    def restore(self, backup: Path) -> None:
        """Stopped, its database file replaced by ``backup``, started again."""
        self.stop()
        path = Path(self.db.engine.url.database or "")
        self.db.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy(backup, path)
        self.db = open_database(f"sqlite:///{path}")
        self.start()

    def backup(self, target: Path) -> Path:
        """A consistent copy of the head office's database (SQLite's backup API)."""
        import sqlite3

        source = sqlite3.connect(self.db.engine.url.database or "")
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return target

    def register(self, code: str, name: str) -> Registration:
        with self.db.transaction() as session:
            return add_store(session, code, name, url=self.url)


@pytest.fixture(scope="session")
def ho_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ho_template") / "headoffice.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def headoffice(tmp_path: Path, ho_template: Path) -> Iterator[HeadOffice]:
    path = tmp_path / "headoffice.sqlite3"
    shutil.copy(ho_template, path)
    db = open_database(f"sqlite:///{path}")
    office = HeadOffice(db)
    office.start()
    yield office
    if office._server is not None:
        office.stop()
    db.dispose()


@dataclasses.dataclass
class Store:
    """One counter: its settings, database, cashier, open shift and its sync worker."""

    config: Config
    db: Database
    service: CounterService
    cashier: StaffView
    manager: StaffView
    shift: ShiftView
    worker: SyncWorker
    guard: MemberSpending


def make_store(directory: Path, registration: Registration) -> Store:
    directory.mkdir(parents=True, exist_ok=True)
    table = {"store_code": registration.store_code, "printer_uri": "dummy:"}
    text = tomli_w.dumps(table) + "\n" + registration.toml()
    (directory / "config.toml").write_text(text, encoding="utf-8")
    config = load_config(directory)
    db = open_store(config)
    with db.transaction() as session:
        cashier = add_staff(session, "小王", Role.CASHIER, "1234")
        manager = add_staff(session, "李店长", Role.MANAGER, "2468")
    with db.transaction() as session:
        shift = open_shift(session, cashier, 500_00)
    service = CounterService(db, config)
    worker = SyncWorker(db, config)
    guard = guard_sales(service)  # as app.bootstrap does
    return Store(config, db, service, cashier, manager, shift, worker, guard)


@pytest.fixture
def stores(tmp_path: Path, headoffice: HeadOffice) -> Iterator[tuple[Store, Store]]:
    a = make_store(tmp_path / "a", headoffice.register("S001", "一号店"))
    b = make_store(tmp_path / "b", headoffice.register("S002", "二号店"))
    yield a, b
    for store in (a, b):
        store.worker.stop()
        store.guard.client.close()
        store.db.dispose()
