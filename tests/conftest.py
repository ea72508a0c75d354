"""Shared fixtures: a migrated database on a real SQLite file, staff, and a configured counter."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("POS_PRINTER_URI", None)
os.environ.pop("POS_DATA_DIR", None)

import pytest

from app.config import Config
from app.pos.staff import StaffView, add_staff
from app.storage.database import Database
from app.storage.models import Role

CASHIER_PIN = "1234"
MANAGER_PIN = "2468"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(data_dir=tmp_path, printer_uri=f"file://{tmp_path / 'printer.bin'}")


@pytest.fixture
def db(config: Config) -> Database:
    database = Database.open(config.database_url)
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
