"""Stores on disk for the data-safety tests: a demo store made once, a page damaged on purpose."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.cli import EXIT_OK, main
from app.storage.audit_files import AUDIT_HEAD_SUFFIX, AUDIT_KEY_FILE

DATABASE_FILE = "counter.db"


def make_store(data_dir: Path, template: Path | None = None) -> Path:
    """A data directory holding a demo store (copied from ``template`` when given); its database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    database = data_dir / DATABASE_FILE
    if template is not None:
        shutil.copy(template, database)
        # The audit key and head are the store's too: a data directory is copied whole.
        for name in (AUDIT_KEY_FILE, template.stem + AUDIT_HEAD_SUFFIX):
            if (template.parent / name).exists():
                shutil.copy(template.parent / name, data_dir / name)
    else:
        assert main(["--data-dir", str(data_dir), "demo"]) == EXIT_OK
    return database


def row_count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def damage_page_of(database: Path, table: str) -> None:
    """Write garbage over the root page of ``table`` (its header and cell pointers).

    The database must be closed (no write-ahead log left over), as after ``dispose``.
    """
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    connection.close()
    with database.open("r+b") as handle:
        handle.seek((int(root) - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * 64)
