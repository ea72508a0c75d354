"""What a counter database file is: SQLite at all, undamaged, which schema, which store, how full.

Plain ``sqlite3`` on a path, no engine: these checks run before the counter opens its database
(a quick check at every start), on each backup copy before it is kept (the full check), and on a
file offered to ``restore``. Each returns what it found; the callers decide what to refuse.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Where the store's own id is kept (``counter_state``): made once, when the store is made.
STORE_ID_KEY = "store_id"
#: Tables every counter database has had since its first schema: without them a file is not one.
CORE_TABLES = frozenset({"alembic_version", "counter_state", "staff", "orders", "audit_log"})
#: Tables whose rows a backup copy must hold at least as many of as the store had when it began.
COUNTED_TABLES = ("staff", "products", "orders", "audit_log", "members")


@dataclasses.dataclass(frozen=True)
class DatabaseFacts:
    """What a database file says about itself (read after its integrity was checked)."""

    revision: str | None
    tables: frozenset[str]
    store_id: str | None
    rows: dict[str, int]


def is_blank(path: Path) -> bool:
    """No database yet: no file, or a file of zero bytes (SQLite makes one on first connect)."""
    return not path.exists() or path.stat().st_size == 0


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@contextlib.contextmanager
def _connection(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        yield connection
    finally:
        connection.close()


def damage(path: Path, *, full: bool) -> str | None:
    """What is wrong with the file, in SQLite's words, or None when it is sound.

    ``full`` runs ``PRAGMA integrity_check`` (every index against its table: before a backup is
    kept); otherwise ``PRAGMA quick_check`` (every page and record, no index cross-check: at
    start). A file that is not SQLite at all is said so without opening it.
    """
    if not has_sqlite_header(path):
        return "not a SQLite database"
    pragma = "PRAGMA integrity_check(20)" if full else "PRAGMA quick_check(20)"
    try:
        with _connection(path) as connection:
            rows = [str(row[0]) for row in connection.execute(pragma).fetchall()]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == ["ok"]:
        return None
    return "; ".join(rows[:3]) or "no answer"


def facts(path: Path, *, count_rows: bool = True) -> DatabaseFacts:
    """Schema revision, table names, store id and (``count_rows``) row counts of a database."""
    with _connection(path) as connection:
        tables = frozenset(
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        revision = None
        if "alembic_version" in tables:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = str(found[0][0]) if len(found) == 1 else None
        store_id = None
        if "counter_state" in tables:
            found = connection.execute(
                "SELECT value FROM counter_state WHERE key = ?", (STORE_ID_KEY,)
            ).fetchall()
            store_id = str(found[0][0]) if found else None
        rows = {
            table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in COUNTED_TABLES
            if table in tables and count_rows
        }
    return DatabaseFacts(revision=revision, tables=tables, store_id=store_id, rows=rows)


def is_disk_full(error: BaseException) -> bool:
    """SQLite's SQLITE_FULL (``database or disk is full``), whatever layer wraps it."""
    return "database or disk is full" in str(error)


def is_damage(error: BaseException) -> bool:
    """SQLite's own words for a damaged or foreign file, met while reading or writing."""
    text = str(error)
    return any(
        words in text for words in ("database disk image is malformed", "file is not a database")
    )
