"""The start's plain read of a database's schema state: up to date, needing an upgrade, newer than
the program, empty, or not a database at all; and the migrations known without Alembic."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.pos.staff import list_staff_names
from app.storage.database import Database
from app.storage.db import make_engine, migrate, schema_revisions
from app.storage.schema_state import (
    VERSIONS_DIR,
    SchemaState,
    known_revisions,
    login_names,
    schema_state,
)
from tests.storage.store_files import damage_page_of


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_migrations_read_from_their_files_are_alembics() -> None:
    assert known_revisions() == schema_revisions()
    assert known_revisions()[1] in known_revisions()[0]


def test_a_store_at_the_head_is_up_to_date_and_read_without_a_change(store: Path) -> None:
    before = _digest(store)
    assert schema_state(store) is SchemaState.UP_TO_DATE
    assert _digest(store) == before
    assert sorted(p.name for p in store.parent.iterdir() if p.name.startswith("counter.db")) == [
        "counter.db"
    ]


def test_a_store_at_an_older_revision_needs_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate(engine, "0002")
    finally:
        engine.dispose()
    assert schema_state(path) is SchemaState.NEEDS_UPGRADE


def test_a_revision_this_program_does_not_know_is_newer_than_it(store: Path) -> None:
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    assert schema_state(store) is SchemaState.NEWER_THAN_APP


def test_no_file_or_an_empty_one_is_empty_and_no_file_is_made(tmp_path: Path) -> None:
    missing = tmp_path / "counter.db"
    assert schema_state(missing) is SchemaState.EMPTY
    assert not missing.exists()
    missing.write_bytes(b"")
    assert schema_state(missing) is SchemaState.EMPTY
    assert missing.stat().st_size == 0


@pytest.mark.parametrize(
    "content",
    [b"store_code = 'A1'\n", b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["a text file", "a sqlite header on garbage"],
)
def test_a_file_that_is_not_a_database_says_so(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "counter.db"
    path.write_bytes(content)
    assert schema_state(path) is SchemaState.NOT_A_DATABASE
    assert path.read_bytes() == content


def test_a_sqlite_file_of_another_program_is_not_a_counter_database(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    assert schema_state(path) is SchemaState.NOT_A_DATABASE


def test_the_login_lists_the_same_names_as_the_staff_service(store: Path) -> None:
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE staff SET active = 0 WHERE name = '小王'")
    connection.close()
    db = Database.open(f"sqlite:///{store}", upgrade=False)
    try:
        with db.reading() as session:
            listed = list_staff_names(session)
    finally:
        db.dispose()
    assert "小王" not in listed and listed
    assert login_names(store) == listed


def test_names_that_cannot_be_read_are_none(store: Path) -> None:
    damage_page_of(store, "staff")
    assert login_names(store) == []


def test_migration_files_that_do_not_read_plainly_are_asked_of_alembic(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(VERSIONS_DIR, versions)
    (versions / "0099_odd.py").write_text('revision = make_id()\ndown_revision = "0002"\n')
    assert known_revisions(versions) == schema_revisions()


def test_two_heads_in_the_files_are_asked_of_alembic(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    shutil.copytree(VERSIONS_DIR, versions)
    (versions / "0099_side.py").write_text('revision = "0099_side"\ndown_revision = "0002"\n')
    assert known_revisions(versions) == schema_revisions()
