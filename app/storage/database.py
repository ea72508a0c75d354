"""The counter's database: one engine, and one transaction per user action."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.config import Config
from app.errors import KnownError
from app.storage import integrity
from app.storage.db import BOOKKEEPING_BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS, make_engine, migrate
from app.storage.ids import new_id
from app.storage.models import CounterStateRow
from app.storage.schema_state import known_revisions

#: Above this size the quick check at a window's start runs after the login window is shown
#: (``PRAGMA quick_check`` reads every page: 0.7 s on 1,000,000 members, 425 MB).
QUICK_CHECK_AT_START_MAX_BYTES = 64 * 1024 * 1024


class StorageBusy(KnownError):
    """The database stayed locked (another program holds it); nothing was written."""


class StorageFull(KnownError):
    """The disk is full: the action was rolled back, nothing of it was written."""


class DatabaseDamaged(KnownError):
    """The database file is damaged or is not the counter's: the counter does not use it."""


class DatabaseTooNew(DatabaseDamaged):
    """The database was upgraded by a newer program: this one neither opens nor migrates it."""


def damaged_message(path: Path, problem: str) -> DatabaseDamaged:
    """The refusal naming what is wrong and the last good backup to restore from."""
    from app.storage.backup import latest_good_backup  # backup builds on this module

    last = latest_good_backup(path.parent)
    if last is None:
        return DatabaseDamaged(
            "收银数据库 %1 已损坏（%2），收银台不使用它。没有找到完好的备份："
            "请保留这个文件，联系技术支持",
            path,
            problem,
        )
    return DatabaseDamaged(
        "收银数据库 %1 已损坏（%2），收银台不使用它。请用最近的完好备份恢复："
        "python main.py restore %3",
        path,
        problem,
        last,
    )


def check_database_file(path: Path, *, quick_check: bool = True) -> str | None:
    """Refuse a damaged or foreign database before it is opened (DatabaseDamaged), and one a
    newer program upgraded (DatabaseTooNew); returns its schema revision.

    Always: the SQLite header, the schema readable, a known schema revision. With
    ``quick_check``: every page too (``PRAGMA quick_check``). A missing or empty file passes
    (None): it is a new store. Nothing here writes to the file.
    """
    if integrity.is_blank(path):
        return None
    if not integrity.has_sqlite_header(path):
        raise damaged_message(path, "不是 SQLite 数据库文件")
    if quick_check:
        problem = integrity.damage(path, full=False)
        if problem is not None:
            raise damaged_message(path, problem)
    try:
        found = integrity.facts(path, count_rows=False)
    except sqlite3.DatabaseError as exc:
        raise damaged_message(path, str(exc)) from exc
    known, head = known_revisions()
    if found.revision is not None and found.revision not in known:
        raise DatabaseTooNew(
            "收银数据库 %1 来自更新版本的收银程序（数据版本 %2，本程序只认到 %3）：请升级收银程序",
            path,
            found.revision,
            head,
        )
    return found.revision


class Database:
    def __init__(
        self,
        engine: Engine,
        read_engine: Engine | None = None,
        bookkeeping_engine: Engine | None = None,
    ) -> None:
        self.engine = engine
        self.read_engine = read_engine or engine
        self.bookkeeping_engine = bookkeeping_engine or engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)
        self._bookkeeping_sessions = sessionmaker(self.bookkeeping_engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, url: str, *, upgrade: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Database:
        engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        if upgrade:
            try:
                migrate(engine)
            except DatabaseError as exc:  # a full disk or a damaged file, said plainly
                engine.dispose()
                _raise_plainly(exc)
                raise
        if engine.dialect.name != "sqlite":
            return cls(engine)
        return cls(
            engine,
            make_engine(url, busy_timeout_ms=busy_timeout_ms, for_writing=False),
            make_engine(url, busy_timeout_ms=BOOKKEEPING_BUSY_TIMEOUT_MS, durable=False),
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session for one user action: committed once at the end, rolled back on any error."""
        with self._committed(self._sessions) as session:
            yield session

    @contextmanager
    def transaction_on(self, connection: Connection) -> Iterator[Session]:
        """:meth:`transaction` on a connection of :attr:`engine` the caller holds, set up
        (pragmas) before the transaction begins: the generated demo history's one write."""
        with self._committed(sessionmaker(connection, expire_on_commit=False)) as session:
            yield session

    @contextmanager
    def bookkeeping(self) -> Iterator[Session]:
        """A short background write whose loss at a power cut is harmless because it is redone,
        such as the sync worker marking events acknowledged (lost, they are sent again and the
        head office answers ``duplicate``). Its commit does not wait for the disk
        (``synchronous=NORMAL`` on connections of its own), so it holds the write lock for its
        statements alone, never for an fsync a sale would queue behind; the next sale's commit
        makes it durable. Everything a person does stays in :meth:`transaction`."""
        with self._committed(self._bookkeeping_sessions) as session:
            yield session

    def checkpoint(self) -> None:
        """Copy the WAL into the database file now (PASSIVE: it takes no lock a sale needs and
        skips what a reader still uses), from the thread that calls it. A background writer
        calls it after its own writes, so the WAL stays short and SQLite's automatic checkpoint
        (run by whichever commit crosses 1,000 pages) does not land inside a sale's commit."""
        if self.bookkeeping_engine.dialect.name != "sqlite":
            return
        connection = self.bookkeeping_engine.raw_connection()  # outside any transaction
        try:
            driver = connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            connection.close()

    @contextmanager
    def _committed(self, sessions: sessionmaker[Session]) -> Iterator[Session]:
        session = sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                raise StorageBusy("数据库正被占用，请稍后重试") from exc
            _raise_plainly(exc)
            raise
        except DatabaseError as exc:
            session.rollback()
            _raise_plainly(exc)
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
        except DatabaseError as exc:
            _raise_plainly(exc)
            raise
        finally:
            session.close()  # ends the read transaction; loaded objects keep their values

    @classmethod
    def for_config(cls, config: Config, *, quick_check: bool = True) -> Database:
        """The counter's own database in its data directory, made and migrated if new.

        A damaged, foreign or newer file is refused first (:func:`check_database_file`); a store
        at an older schema is backed up (a checked backup) before it is migrated, and not
        migrated when that backup fails; a new store is given its store id, which tells its
        backups from another store's.
        """
        config.data_dir.mkdir(parents=True, exist_ok=True)
        revision = check_database_file(config.database_path, quick_check=quick_check)
        at_head = revision == known_revisions()[1]  # Alembic is not even imported then
        if revision is not None and not at_head:
            from app.storage.backup import backup_before_upgrade  # backup builds on this module

            backup_before_upgrade(config.database_path, config.data_dir, revision)
        db = cls.open(config.database_url, upgrade=not at_head)
        try:
            with db.transaction() as session:
                if session.get(CounterStateRow, integrity.STORE_ID_KEY) is None:
                    session.add(CounterStateRow(key=integrity.STORE_ID_KEY, value=new_id()))
        except BaseException:
            db.dispose()
            raise
        return db

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
        self.bookkeeping_engine.dispose()


def _raise_plainly(error: DatabaseError) -> None:
    """A full disk or a damaged file said plainly; anything else stays the bug it is."""
    if integrity.is_disk_full(error):
        raise StorageFull("磁盘空间已满，这一步没有保存：请清理磁盘后重试") from error
    if integrity.is_damage(error):
        raise DatabaseDamaged(
            "收银数据库已损坏（%1），这一步没有保存：请关闭收银台，用最近的完好备份恢复"
            "（python main.py restore）",
            error.orig,
        ) from error
