"""The audit log is append-only and hash-chained: tampering is found."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.config import Config
from app.storage import audit, audit_files
from app.storage.database import Database
from app.storage.models import AuditRow, CounterStateRow


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


# -- the key and the head outside the database (issue #9 item 10) ---------------------------------


def _plain_sha256(row: AuditRow) -> str:
    content = json.dumps(
        [
            row.seq,
            row.id,
            row.at.astimezone(dt.UTC).isoformat(),
            row.action,
            row.actor_id,
            row.approver_id,
            row.subject_id,
            row.detail,
            row.prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def test_rows_are_chained_with_a_key_kept_outside_the_database(
    db: Database, tmp_path: Path
) -> None:
    _three_entries(db)
    key_file = tmp_path / audit_files.AUDIT_KEY_FILE
    assert len(bytes.fromhex(key_file.read_text())) == audit_files.KEY_BYTES
    if os.name != "nt":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with db.reading() as session:
        rows = list(session.scalars(select(AuditRow).order_by(AuditRow.seq)))
        keys = session.get(CounterStateRow, audit.KEYS_STATE_KEY)
    assert all(row.hash != _plain_sha256(row) for row in rows)  # nobody without the key redoes it
    key = audit_files.read_key(tmp_path)
    assert key is not None and keys is not None
    assert json.loads(keys.value) == [[1, key.key_id]]
    assert key.secret.hex() not in keys.value


def test_the_key_is_made_once_and_a_second_database_in_the_directory_shares_it(
    db: Database, tmp_path: Path
) -> None:
    _three_entries(db)
    first = (tmp_path / audit_files.AUDIT_KEY_FILE).read_text()
    other = Database.open(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with other.transaction() as session:
            audit.record(session, "test.action", actor_id="a")
        with other.reading() as session:
            assert audit.verify(session) == []
    finally:
        other.dispose()
    assert (tmp_path / audit_files.AUDIT_KEY_FILE).read_text() == first
    with db.reading() as session:
        assert audit.verify(session) == []  # each database has its own head beside it


def test_the_head_is_written_when_the_action_commits_and_not_when_it_rolls_back(
    db: Database, config: Config
) -> None:
    _three_entries(db)
    head, _ = audit_files.read_head(config.database_path)
    with db.reading() as session:
        assert head == audit.current_head(session)  # what the head office will anchor
    assert head is not None and head.seq == 3 and head.keyed_from == 1
    try:
        with db.transaction() as session:
            audit.record(session, "test.action", actor_id="a")
            raise RuntimeError("crash in the middle")
    except RuntimeError:
        pass
    assert audit_files.read_head(config.database_path)[0] == head
    with db.reading() as session:
        assert audit.verify(session) == []


def test_a_head_left_behind_by_a_crash_after_the_commit_still_verifies(
    db: Database, config: Config
) -> None:
    _three_entries(db)
    behind, _ = audit_files.read_head(config.database_path)
    _three_entries(db)
    assert behind is not None
    audit_files.reset_head(config.database_path, behind)  # the last three heads never written
    with db.reading() as session:
        assert audit.verify(session) == []


def test_a_torn_head_slot_is_passed_over_and_a_damaged_head_file_is_said(
    db: Database, config: Config
) -> None:
    for _ in range(3):  # one transaction each: the head file's slots hold seq 2 and seq 3
        with db.transaction() as session:
            audit.record(session, "test.action", actor_id="a")
    path = audit_files.head_path(config.database_path)
    with path.open("r+b") as handle:  # seq 3 is in the second slot: a power cut spoilt it
        handle.seek(audit_files.HEAD_SLOT_BYTES + 10)
        handle.write(b"\x00" * 20)
    head, there = audit_files.read_head(config.database_path)
    assert there and head is not None and head.seq == 2  # the other slot, a step behind
    with db.reading() as session:
        assert audit.verify(session) == []
    path.write_bytes(b"\x00" * 2 * audit_files.HEAD_SLOT_BYTES)
    with db.reading() as session:
        problems = audit.verify(session)
    assert [p.reason for p in problems] == [f"链头文件 {path} 已损坏：无法确认最新的记录没有被删除"]


def test_a_key_file_that_holds_no_key_is_said_plainly(db: Database, tmp_path: Path) -> None:
    _three_entries(db)
    (tmp_path / audit_files.AUDIT_KEY_FILE).write_text("not a key\n")
    with db.reading() as session:
        problems = audit.verify(session)
    said = [p.reason for p in problems]
    assert f"审计密钥文件 {tmp_path / audit_files.AUDIT_KEY_FILE} 里不是审计密钥" in said
    assert any("第 1 至 3 条记录无法核对" in reason for reason in said)
    # The running counter writes back the key it holds; the spoilt file is kept for a person.
    assert _one_more_entry_on_a_new_connection(tmp_path) == []
    assert len(list(tmp_path.glob("audit.key.unreadable-*"))) == 1


def _one_more_entry_on_a_new_connection(data_dir: Path) -> list[str]:
    """An audit line on a new connection (it reads the key file), then what verify says."""
    again = Database.open(f"sqlite:///{data_dir / 'counter.db'}")
    try:
        with again.transaction() as session:
            audit.record(session, "test.action", actor_id="a")
        with again.reading() as session:
            return [p.reason for p in audit.verify(session)]
    finally:
        again.dispose()


def test_a_key_file_deleted_while_the_counter_runs_is_written_back(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_entries(db)
    key_file = tmp_path / audit_files.AUDIT_KEY_FILE
    kept = key_file.read_text()
    key_file.unlink()
    assert _one_more_entry_on_a_new_connection(tmp_path) == []
    assert key_file.read_text() == kept
    # A counter started afresh (it knows no key) makes a new one; the old rows are said.
    key_file.unlink()
    monkeypatch.setattr(audit, "_KEYS", {})
    assert _one_more_entry_on_a_new_connection(tmp_path) == [
        f"第 1 至 4 条记录是用另一把审计密钥记下的，{key_file} 里不是那把密钥，无法核对。"
        "请找回当时的 audit.key"
    ]


def test_removing_the_key_record_and_hashing_again_with_plain_sha256_is_found(
    db: Database,
) -> None:
    _three_entries(db)
    with db.engine.begin() as connection:
        connection.execute(text("delete from counter_state where key = 'audit.keys'"))
    with db.transaction() as session:  # the rows now pass as plain SHA-256 ones, in the database
        prev_hash = audit.GENESIS_HASH
        for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
            row.prev_hash = prev_hash
            row.hash = prev_hash = _plain_sha256(row)
    with db.reading() as session:
        reasons = [p.reason for p in audit.verify(session)]
    assert "第 3 条与链头不符：它或它之前的记录被改过并重新计算了哈希" in reasons
    assert "数据库里没有密钥起点的记录，链头记的是第 1 条：密钥记录被删除了" in reasons
