"""The audit log is append-only and hash-chained: tampering is found."""

from __future__ import annotations

from sqlalchemy import text

from app.storage import audit
from app.storage.database import Database


def _three_entries(db: Database) -> None:
    with db.transaction() as session:
        for number in range(3):
            audit.record(session, "test.action", actor_id="a", detail={"n": number, "名": "值"})


def test_an_untouched_log_verifies(db: Database) -> None:
    _three_entries(db)
    with db.reading() as session:
        assert audit.verify(session) == []


def test_an_edited_entry_is_found(db: Database) -> None:
    _three_entries(db)
    with db.engine.begin() as connection:
        connection.execute(text("update audit_log set detail = '{\"n\": 99}' where seq = 2"))
    with db.reading() as session:
        problems = audit.verify(session)
    assert [p.seq for p in problems] == [2]
    assert "修改" in problems[0].reason


def test_a_deleted_entry_is_found(db: Database) -> None:
    _three_entries(db)
    with db.engine.begin() as connection:
        connection.execute(text("delete from audit_log where seq = 2"))
    with db.reading() as session:
        problems = audit.verify(session)
    assert any(p.seq == 3 for p in problems)


def test_a_rolled_back_action_leaves_no_entry(db: Database) -> None:
    try:
        with db.transaction() as session:
            audit.record(session, "test.action", actor_id="a")
            raise RuntimeError("crash in the middle")
    except RuntimeError:
        pass
    with db.reading() as session:
        count = session.execute(text("select count(*) from audit_log")).scalar()
    assert count == 0
