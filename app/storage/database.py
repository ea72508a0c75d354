"""The counter's database: one engine, and one transaction per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Config
from app.errors import KnownError
from app.storage.db import BUSY_TIMEOUT_MS, make_engine, migrate


class StorageBusy(KnownError):
    """The database stayed locked (another program holds it); nothing was written."""


class Database:
    def __init__(self, engine: Engine, read_engine: Engine | None = None) -> None:
        self.engine = engine
        self.read_engine = read_engine or engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, url: str, *, upgrade: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Database:
        engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        if upgrade:
            migrate(engine)
        if engine.dialect.name != "sqlite":
            return cls(engine)
        return cls(engine, make_engine(url, busy_timeout_ms=busy_timeout_ms, for_writing=False))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session for one user action: committed once at the end, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                raise StorageBusy("数据库正被占用，请稍后重试") from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only: it never writes and never waits for a writer."""
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.close()  # ends the read transaction; loaded objects keep their values

    @classmethod
    def for_config(cls, config: Config) -> Database:
        """The counter's own database in its data directory, made and migrated if new."""
        config.data_dir.mkdir(parents=True, exist_ok=True)
        return cls.open(config.database_url)

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
