"""The head office's migrations make exactly the schema its models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from headoffice.db import Database
from headoffice.models import Base


def test_the_migrations_make_the_models_schema(ho_db: Database) -> None:
    with ho_db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "version_table": "ho_alembic_version"}
        )
        assert compare_metadata(context, Base.metadata) == []
