"""The head office's database: chosen by one URL (SQLite by default, PostgreSQL in production),
upgraded by its own Alembic migrations, used one transaction per request step.

On SQLite the engine is the counter's (``app.storage.db.make_engine``: WAL, synchronous=FULL,
foreign keys, writers begin IMMEDIATE), so two server processes and the office's command line
wait for each other instead of failing half way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.storage.db import make_engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
DATABASE_FILE_NAME = "headoffice.sqlite3"
#: Alembic's table of the office's schema revision (``ho_`` like every table of the office).
VERSION_TABLE = "ho_alembic_version"
#: Where the head office keeps its SQLite database when no URL is given.
DIR_ENV = "POS_HEADOFFICE_DIR"
APP_NAME = "StoreCounter"


class DatabaseUnavailable(Exception):
    """The office's database can't be opened: a wrong URL, a server down, a file not a database."""


def default_dir() -> Path:
    """``POS_HEADOFFICE_DIR`` if set, else a ``headoffice`` folder in the user data directory."""
    env = os.environ.get(DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "headoffice"


def default_url() -> str:
    folder = default_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DATABASE_FILE_NAME}"


class Database:
    """An engine and its sessions; :meth:`transaction` is one unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            self.engine: Engine = make_engine(url)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Commits when the block ends, rolls back when it raises."""
        with self.sessions() as session, session.begin():
            yield session

    def migrate(self, revision: str = "head") -> None:
        """Upgrade to ``revision``; a database a newer office program upgraded is refused
        (DatabaseUnavailable), before anything is written."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = alembic_config(self.url)
        with self.engine.connect() as connection:
            found = MigrationContext.configure(
                connection, opts={"version_table": VERSION_TABLE}
            ).get_current_revision()
            script = ScriptDirectory.from_config(config)
            if found is not None and found not in {r.revision for r in script.walk_revisions()}:
                shown = self.engine.url.render_as_string(hide_password=True)
                raise DatabaseUnavailable(
                    f"总部数据库 {shown} 来自更新版本的总部程序（数据版本 {found}，本程序只认到"
                    f" {script.get_current_head()}）：请升级总部程序，数据库没有改动"
                )
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url)
    return config


def open_database(url: str | None = None) -> Database:
    """The database at ``url`` (default: SQLite in :func:`default_dir`), upgraded to head."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    url = url or default_url()
    try:
        parsed = make_url(url)
        supported = parsed.get_backend_name() in ("sqlite", "postgresql")
    except SQLAlchemyError:
        supported = False
    if not supported:
        raise DatabaseUnavailable(
            f"数据库地址不对：{url}（应为 sqlite:///路径 或 postgresql+psycopg://用户@主机/库名）"
        )
    shown = parsed.render_as_string(hide_password=True)
    try:
        database = Database(url)
        database.migrate()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseUnavailable(f"无法打开总部数据库 {shown}：{reason}") from None
    return database
