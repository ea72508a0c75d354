"""One transaction per user action: a locked database is said plainly and nothing half-writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.storage import audit
from app.storage.database import Database, StorageBusy
from app.storage.models import AuditRow


def test_a_database_locked_by_another_program_is_said_plainly(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    db = Database.open(f"sqlite:///{path}", busy_timeout_ms=200)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageBusy, match="数据库正被占用"), db.transaction() as session:
            audit.record(session, "test.action", actor_id=None)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow)) == 0
    with db.transaction() as session:  # and it works again once the lock is gone
        audit.record(session, "test.action", actor_id=None)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow)) == 1
    db.dispose()


def test_reading_goes_on_while_another_program_writes(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    db = Database.open(f"sqlite:///{path}", busy_timeout_ms=200)
    with db.transaction() as session:
        audit.record(session, "test.action", actor_id=None)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(AuditRow)) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
        db.dispose()
