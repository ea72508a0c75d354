"""Alembic environment: runs on the connection handed over by ``app.storage.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from app.storage.schema import METADATA

config = context.config
target_metadata = METADATA


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.connect() as own:
            _run(own)
        return
    _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        before = context.get_context().get_current_revision()
        context.run_migrations()
        migrated = context.get_context().get_current_revision() != before
        if migrated and connection.dialect.name == "sqlite":
            _check_references(connection)


def _check_references(connection: Connection) -> None:
    """Every reference still points at a row (keys were off while tables were copied); a
    migration that broke one is rolled back whole. Only after a migration ran: it reads every
    table, too slow for each start of a large store."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:5]}")


run_migrations()
