"""What the window's start reads with plain ``sqlite3``, before SQLAlchemy or Alembic is imported:
the database's schema state against this program's migrations, and the names the login lists.

A store already at this program's schema (every start but the first after an upgrade) then shows
its login window first and opens its engine behind it, without Alembic; any other state takes
the full path (:meth:`app.storage.database.Database.for_config`: checks, backup, migration or
refusal). The migrations are known from their files' ``revision``/``down_revision`` lines (a
millisecond, where Alembic takes a few hundred); files that do not read that way are asked of
Alembic itself, and a test holds the two answers equal.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from app.storage import integrity

VERSIONS_DIR = Path(__file__).with_name("migrations") / "versions"
_REVISION_LINE = re.compile(
    r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:["']([^"']+)["']|(None))\s*$""",
    re.MULTILINE,
)


class SchemaState(enum.Enum):
    EMPTY = "empty"  # no file, or zero bytes: a new store
    UP_TO_DATE = "up to date"  # at this program's head: nothing to migrate
    NEEDS_UPGRADE = "needs upgrade"  # an older revision: backed up, then migrated
    NEWER_THAN_APP = "newer than app"  # a revision unknown here (a newer program's): refused
    NOT_A_DATABASE = "not a database"  # not SQLite, unreadable, no revision: the checks decide


def _read_migration(path: Path) -> tuple[str, str | None] | None:
    """A migration file's revision and the one it follows, or None when it does not say both
    plainly (then Alembic is asked)."""
    found: dict[str, str | None] = {}
    for match in _REVISION_LINE.finditer(path.read_text(encoding="utf-8")):
        name, value, none = match.groups()
        if name in found:
            return None
        found[name] = None if none else value
    revision = found.get("revision")
    if revision is None or "down_revision" not in found:
        return None
    return revision, found["down_revision"]


def _revisions_from_files(versions_dir: Path) -> tuple[frozenset[str], str] | None:
    pairs = []
    for path in sorted(versions_dir.glob("*.py")):
        pair = _read_migration(path)
        if pair is None:
            return None
        pairs.append(pair)
    known = frozenset(revision for revision, _ in pairs)
    followed = {down for _, down in pairs if down is not None}
    heads = known - followed
    if len(known) != len(pairs) or not followed <= known or len(heads) != 1:
        return None
    (head,) = heads
    return known, head


@functools.cache
def known_revisions(versions_dir: Path = VERSIONS_DIR) -> tuple[frozenset[str], str]:
    """Every schema revision this program knows, and its head."""
    found = _revisions_from_files(versions_dir)
    if found is not None:
        return found
    from app.storage.db import schema_revisions  # Alembic: slow, always right

    return schema_revisions()


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        yield connection
    finally:
        connection.close()


def schema_state(path: Path) -> SchemaState:
    """The state of the database at ``path``; reads two tiny tables, writes nothing (a missing
    file is not made)."""
    if integrity.is_blank(path):
        return SchemaState.EMPTY
    if not integrity.has_sqlite_header(path):
        return SchemaState.NOT_A_DATABASE
    try:
        with _reading(path) as connection:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError:  # damaged, or no alembic_version: not the counter's
        return SchemaState.NOT_A_DATABASE
    if len(rows) != 1:
        return SchemaState.NOT_A_DATABASE
    revision = str(rows[0][0])
    known, head = known_revisions()
    if revision == head:
        return SchemaState.UP_TO_DATE
    if revision in known:
        return SchemaState.NEEDS_UPGRADE
    return SchemaState.NEWER_THAN_APP


def login_names(path: Path) -> list[str]:
    """The active staff's names, as the login window lists them (``app.pos.staff`` lists the
    same: a test holds them equal), for a database :func:`schema_state` found up to date; none
    when they cannot be read (the full start then says why)."""
    try:
        with _reading(path) as connection:
            query = "SELECT name FROM staff WHERE active ORDER BY name"
            rows = connection.execute(query).fetchall()
    except sqlite3.DatabaseError:
        return []
    return [str(row[0]) for row in rows]
