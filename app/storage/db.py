"""The SQLite engine with the counter's pragmas, and Alembic migrations applied at start."""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: How long a user action waits for another program's write lock before saying so.
BUSY_TIMEOUT_MS = 3000
#: How long background bookkeeping (``Database.bookkeeping``) waits for the write lock: no one
#: waits on it, and behind a busy counter's sales it may need more than a user action's wait.
BOOKKEEPING_BUSY_TIMEOUT_MS = 30_000

#: Applied to every connection (DESIGN section 4): a paid sale must survive a power cut.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def apply_pragmas(
    dbapi_connection: sqlite3.Connection, busy_timeout_ms: int, *, durable: bool = True
) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS[:-1]:
        cursor.execute(pragma)
    if not durable:
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.close()


def make_engine(
    url: str,
    *,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    for_writing: bool = True,
    durable: bool = True,
) -> Engine:
    """An engine whose connections all carry the pragmas.

    Writing transactions begin IMMEDIATE: the write lock is taken at the start of a user action,
    so two writers wait for each other (``busy_timeout``) instead of failing half way with
    "database is locked". Reading transactions begin DEFERRED, so a scan never waits for an
    import: WAL lets readers go on beside the writer.

    ``durable=False`` (``synchronous=NORMAL``): a commit appends to the WAL without waiting for
    the disk, for writes that are redone when a power cut loses them (``Database.bookkeeping``).
    """
    begin = "BEGIN IMMEDIATE" if for_writing else "BEGIN"
    engine = create_engine(url, connect_args={"isolation_level": None}, pool_pre_ping=False)
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        apply_pragmas(dbapi_connection, busy_timeout_ms, durable=durable)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # late: a start at the head needs none

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url)
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision``, through the engine's own pragmas.

    SQLite alters a table by copying it and dropping the old one; with foreign keys enforced,
    dropping a table that other rows point at fails (a store with a settled 挂账 could not pass
    0003, one with any sale could not pass 0006). So the keys are off while the migrations run,
    in one transaction that checks every reference before it commits (the env script), and on
    again before the connection goes back to the pool.
    """
    from alembic import command

    config = alembic_config(str(engine.url))
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # outside any transaction, where SQLite takes the pragma
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()  # what Alembic left open (its own work is committed)
        finally:
            if sqlite:
                connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


@functools.cache
def schema_revisions() -> tuple[frozenset[str], str]:
    """Every schema revision this program knows, and the newest (its head), as Alembic reads
    them; read once (30 ms), the migrations folder does not change while the program runs
    (:func:`app.storage.schema_state.known_revisions` reads the same without Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = frozenset(revision.revision for revision in script.walk_revisions())
    head = script.get_current_head()
    assert head is not None, "the migrations have a head"
    return known, head
