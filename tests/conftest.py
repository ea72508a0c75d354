"""Shared fixtures: a migrated database on a real SQLite file, staff, and a configured counter."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("POS_PRINTER_URI", None)
os.environ.pop("POS_DATA_DIR", None)

import pytest

from app.config import Config
from app.pos.staff import Approval, Sensitive, StaffView, add_staff, approve
from app.storage import approvals
from app.storage.database import Database
from app.storage.models import Role

CASHIER_PIN = "1234"
MANAGER_PIN = "2468"


@pytest.fixture(autouse=True)
def _no_log_files_left_open() -> Iterator[None]:
    """A command run in a test logs into its data directory; the files close with the test."""
    import logging

    from app import logs

    level = logging.getLogger().level
    yield
    logs.uninstall_log_files()
    logging.getLogger().setLevel(level)


@pytest.fixture(autouse=True)
def _head_office_lookups_wait_longer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A counter waits 1 s for a card lookup or a hold, then serves its last snapshot; with the
    suite on every core a local head office can take longer, and a test meant to meet it online
    would find it offline."""
    monkeypatch.setattr("app.sync.client.LOOKUP_TIMEOUT_S", 10.0)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(data_dir=tmp_path, printer_uri=f"file://{tmp_path / 'printer.bin'}")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database upgraded to head; each test copies it (Alembic once, not 0.3 s per test;
    the migrations themselves are tested in tests/storage)."""
    path = tmp_path_factory.mktemp("migrated") / "template.sqlite3"
    Database.open(f"sqlite:///{path}").dispose()  # closing the last connection empties the WAL
    return path


@pytest.fixture
def db(config: Config, migrated_database: Path) -> Iterator[Database]:
    config.database_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_database, config.database_path)
    database = Database.open(config.database_url, upgrade=False)
    yield database
    database.dispose()


@pytest.fixture
def cashier(db: Database) -> StaffView:
    with db.transaction() as session:
        return add_staff(session, "小王", Role.CASHIER, CASHIER_PIN)


@pytest.fixture
def manager(db: Database) -> StaffView:
    with db.transaction() as session:
        return add_staff(session, "李店长", Role.MANAGER, MANAGER_PIN)


class SteadyClock:
    """The monotonic clock a proof and a lock are judged by, moved by the test alone."""

    def __init__(self) -> None:
        self.seconds = 1_000_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def steady_clock(monkeypatch: pytest.MonkeyPatch) -> SteadyClock:
    """``steady_clock.advance(121)``: two minutes pass on the clock the wall clock cannot move."""
    clock = SteadyClock()
    monkeypatch.setattr(approvals, "monotonic", clock)
    return clock


@pytest.fixture
def approval(db: Database, cashier: StaffView, manager: StaffView) -> Callable[..., Approval]:
    """``approval(Sensitive.REFUND)``: the manager's PIN checked for the cashier's action, as the
    approval dialog does; the proof a service spends."""

    def issue(action: Sensitive, requested_by: StaffView = cashier) -> Approval:
        with db.transaction() as session:
            return approve(session, manager.name, MANAGER_PIN, action, requested_by=requested_by)

    return issue
