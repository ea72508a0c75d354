"""The schema comes from Alembic, and what Alembic makes is exactly what the models say."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.storage.database import Database
from app.storage.db import alembic_config, make_engine, migrate
from app.storage.schema import METADATA


def test_the_migrated_schema_equals_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, METADATA)
    assert differences == []


def test_a_database_made_by_the_first_migration_upgrades_to_head(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    script = ScriptDirectory.from_config(alembic_config(url))
    revisions = list(script.walk_revisions())
    first = revisions[-1].revision
    engine = make_engine(url)
    migrate(engine, first)
    migrate(engine)
    with engine.connect() as connection:
        current = connection.execute(text("select version_num from alembic_version")).scalar()
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    assert current == script.get_current_head()
    assert set(METADATA.tables) <= tables


def test_every_connection_carries_the_durability_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
