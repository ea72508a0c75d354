"""Daily backups of the database, checked before they count, and a restore that refuses.

A backup is copied under a temporary name (``.partial-*``), checked in full (``integrity_check``,
the schema revision, the tables, the row counts against the store at the moment of the copy),
and only then renamed to ``counter-YYYYmmdd-HHMMSS.db`` beside a small manifest saying what was
checked. Only a backup with its manifest is a *good* backup: "backup due" and "the last good
backup" look at good ones only, so a backup killed half way, a leftover of an old version or a
copy of a damaged database never passes for today's.

Retention: the newest :data:`KEEP_DAILY` good backups, and besides them the newest good backup of
each of the last :data:`KEEP_WEEKLY` calendar weeks, so older good copies stay apart from the
newest ones.

A restore refuses what is not this store's backup (a foreign SQLite file, another store's
backup, a backup from a newer program, a damaged one) and refuses while a cashier window is
open; before replacing the database it keeps the current one aside in ``replaced/``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from app.errors import KnownError
from app.storage import audit_files, integrity
from app.storage.audit import head_of_database
from app.storage.data_lock import restore_lock
from app.storage.db import make_engine, migrate, schema_revisions

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
#: Where a restore keeps the database it replaced.
REPLACED_DIR_NAME = "replaced"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_PREFIX = "counter-"
_SUFFIX = ".db"
_MANIFEST_SUFFIX = ".json"
_PARTIAL_PREFIX = ".partial-"
#: A temporary copy older than this was left by a backup that died; it is removed.
_PARTIAL_STALE = dt.timedelta(hours=1)
#: A backup "of today" may be dated this far ahead of the clock (two processes' clocks differ).
_CLOCK_SLACK = dt.timedelta(minutes=5)


class BackupError(KnownError):
    """A backup or restore that could not be done; the message says why. Nothing was replaced."""


@dataclasses.dataclass(frozen=True)
class GoodBackup:
    """A backup that passed every check, with what its manifest says."""

    path: Path
    made_at: dt.datetime
    revision: str
    store_id: str | None
    rows: dict[str, int]


@dataclasses.dataclass(frozen=True)
class Restored:
    """What a restore did: the backup put in place and where the replaced database was kept."""

    backup: Path
    kept_aside: Path | None
    revision: str


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def _manifest_of(path: Path) -> Path:
    return path.with_suffix(_MANIFEST_SUFFIX)


def _read_manifest(path: Path) -> GoodBackup | None:
    """The backup at ``path`` if its manifest says it passed the checks and it is intact."""
    try:
        manifest = json.loads(_manifest_of(path).read_text(encoding="utf-8"))
        if manifest["bytes"] != path.stat().st_size:
            return None
        return GoodBackup(
            path=path,
            made_at=dt.datetime.fromisoformat(manifest["made_at"]),
            revision=str(manifest["revision"]),
            store_id=manifest.get("store_id"),
            rows={str(k): int(v) for k, v in manifest["rows"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def good_backups(data_dir: Path) -> list[GoodBackup]:
    """The backups that passed the checks, oldest first."""
    return good_backups_in(backup_dir(data_dir))


def good_backups_in(folder: Path) -> list[GoodBackup]:
    """The good backups in ``folder`` (the data directory's, or the second folder's), oldest
    first; a folder that is missing or cannot be read holds none."""
    with contextlib.suppress(OSError):
        if folder.is_dir():
            found = (_read_manifest(path) for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"))
            return sorted((good for good in found if good is not None), key=lambda g: g.made_at)
    return []


def list_backups(data_dir: Path) -> list[Path]:
    """The good backups' files, oldest first."""
    return [good.path for good in good_backups(data_dir)]


def latest_good_backup(data_dir: Path) -> Path | None:
    backups = good_backups(data_dir)
    return backups[-1].path if backups else None


def backup_due(data_dir: Path, *, now: dt.datetime | None = None) -> bool:
    """True unless a good backup was made in the last day.

    A backup dated ahead of the clock (made while the clock was wrong) does not count, so a
    clock set back does not stop the daily backups.
    """
    moment = now or dt.datetime.now(dt.UTC)
    return not any(
        moment - dt.timedelta(days=1) <= good.made_at <= moment + _CLOCK_SLACK
        for good in good_backups(data_dir)
    )


# -- making a backup -------------------------------------------------------------------------------


def make_backup(database: Path, data_dir: Path, *, now: dt.datetime | None = None) -> Path:
    """Copy the live database (sales go on meanwhile), check the copy in full, then keep it.

    Raises BackupError when the copy fails a check (the database itself is damaged, or the copy
    is not whole); the good backups already there are left as they are.
    """
    moment = now or dt.datetime.now(dt.UTC)
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(folder, moment)
    handle, name = tempfile.mkstemp(prefix=_PARTIAL_PREFIX, suffix=_SUFFIX, dir=folder)
    os.close(handle)
    partial = Path(name)
    try:
        source_facts = _copy(database, partial)
        _fsync(partial)
        copied = _check_copy(partial, source_facts, data_dir)
        target = _free_name(folder, moment)
        os.replace(partial, target)
        _write_manifest(target, moment, copied, head_of_database(target))
        _fsync_directory(folder)
    except sqlite3.Error as exc:
        if integrity.is_disk_full(exc):
            raise BackupError("磁盘空间已满，今天没有备份：请清理磁盘后再备份") from exc
        if integrity.is_damage(exc):
            raise _refused_as_damaged(str(exc), data_dir) from exc
        raise BackupError("备份失败：%1", exc) from exc
    finally:
        partial.unlink(missing_ok=True)
    _prune(data_dir, moment)
    log.info("backed up %s to %s", database, target)
    return target


def _copy(database: Path, partial: Path) -> integrity.DatabaseFacts:
    """Copy the database with SQLite's online backup API; returns what the store had then.

    The counts are read in the same read transaction the copy is made from, so the copy must
    hold exactly those rows: writers go on beside it (WAL) and are not in the snapshot.
    """
    if integrity.is_blank(database) or not integrity.has_sqlite_header(database):
        raise BackupError("数据库文件无效，没有备份：%1", database)
    with (
        contextlib.closing(sqlite3.connect(database, isolation_level=None)) as source,
        contextlib.closing(sqlite3.connect(partial)) as copy,
    ):
        source.execute("BEGIN")
        try:
            counts = {
                table: int(source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
                for table in _present(source, integrity.COUNTED_TABLES)
            }
            tables = frozenset(
                str(row[0])
                for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
            source.backup(copy)
        finally:
            source.execute("ROLLBACK")
        copy.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    return integrity.DatabaseFacts(revision=None, tables=tables, store_id=None, rows=counts)


def _present(connection: sqlite3.Connection, tables: tuple[str, ...]) -> list[str]:
    names = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master")}
    return [table for table in tables if table in names]


def _check_copy(
    partial: Path, source: integrity.DatabaseFacts, data_dir: Path
) -> integrity.DatabaseFacts:
    """The full check of a copy before it may count as a backup (BackupError if it fails)."""
    problem = integrity.damage(partial, full=True)
    if problem is not None:
        raise _refused_as_damaged(problem, data_dir)
    copied = integrity.facts(partial)
    known, _head = schema_revisions()
    if copied.revision not in known:
        raise BackupError("备份副本的数据结构版本不对（%1），没有备份", copied.revision)
    missing = sorted((source.tables | integrity.CORE_TABLES) - copied.tables)
    if missing:
        raise BackupError("备份副本缺少数据表（%1），没有备份", "、".join(missing))
    for table, count in source.rows.items():
        if copied.rows.get(table, 0) != count:
            raise BackupError(
                "备份副本的 %1 表有 %2 行，数据库有 %3 行：没有备份",
                table,
                copied.rows.get(table, 0),
                count,
            )
    return copied


def _refused_as_damaged(problem: str, data_dir: Path) -> BackupError:
    last = latest_good_backup(data_dir)
    return BackupError(
        "数据库检查未通过（%1），今天没有备份；之前的完好备份都还在，最近的是 %2",
        problem,
        last if last is not None else "（没有）",
    )


def _free_name(folder: Path, moment: dt.datetime) -> Path:
    stamp = f"{_PREFIX}{moment:%Y%m%d-%H%M%S}"
    target = folder / f"{stamp}{_SUFFIX}"
    extra = 1
    while target.exists():
        extra += 1
        target = folder / f"{stamp}-{extra}{_SUFFIX}"
    return target


def _write_manifest(
    target: Path,
    moment: dt.datetime,
    copied: integrity.DatabaseFacts,
    audit_head: audit_files.ChainHead | None,
) -> None:
    manifest = {
        "made_at": moment.isoformat(),
        "revision": copied.revision,
        "store_id": copied.store_id,
        "rows": copied.rows,
        "bytes": target.stat().st_size,
        "checked": "PRAGMA integrity_check ok; schema, tables and row counts as in the store",
        # Where the copy's audit chain ends: a restore puts this head in place, so rows
        # deleted from the backup file afterwards are found by verify-audit.
        "audit_head": None if audit_head is None else json.loads(audit_head.to_json()),
    }
    temporary = target.with_name(f"{_PARTIAL_PREFIX}{target.stem}{_MANIFEST_SUFFIX}")
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    _fsync(temporary)
    os.replace(temporary, _manifest_of(target))


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; its renames are durable already
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove_stale_partials(folder: Path, moment: dt.datetime) -> None:
    for leftover in folder.glob(f"{_PARTIAL_PREFIX}*"):
        with contextlib.suppress(OSError):
            changed = dt.datetime.fromtimestamp(leftover.stat().st_mtime, dt.UTC)
            if moment - changed > _PARTIAL_STALE or changed - moment > _PARTIAL_STALE:
                leftover.unlink()


def _prune(data_dir: Path, moment: dt.datetime) -> None:
    _prune_in(backup_dir(data_dir))


def _prune_in(folder: Path) -> None:
    """Keep the newest daily backups and, apart from them, the newest of each recent week."""
    good = good_backups_in(folder)
    keep = {g.path for g in good[-KEEP_DAILY:]}
    newest_of_week: dict[tuple[int, int], GoodBackup] = {}
    for backup in good:
        year, week, _day = backup.made_at.isocalendar()
        newest_of_week[(year, week)] = backup
    weekly = sorted(newest_of_week.values(), key=lambda g: g.made_at)[-KEEP_WEEKLY:]
    keep |= {g.path for g in weekly}
    for backup in good:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            _manifest_of(backup.path).unlink(missing_ok=True)
    # Files that never passed the checks (an old version's, one killed before its manifest)
    # go once enough good ones are newer than them.
    if len(good) < KEEP_DAILY:
        return
    oldest_daily = good[-KEEP_DAILY].made_at.timestamp()
    for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        if path not in keep and _read_manifest(path) is None:
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < oldest_daily:
                    path.unlink()


def backup_before_upgrade(database: Path, data_dir: Path, revision: str) -> Path:
    """A checked backup of a store at an older schema, made before this program migrates it.

    Raises BackupError when it cannot be made (a full disk, a damaged database): the store is
    then not migrated, so an upgrade never runs without a good copy to go back to.
    """
    _known, head = schema_revisions()
    try:
        target = make_backup(database, data_dir)
    except (BackupError, OSError) as exc:
        reason: object = exc if isinstance(exc, KnownError) else (exc.strerror or str(exc))
        raise BackupError(
            "收银数据需要从数据版本 %1 升级到 %2，但升级前的备份没有做成（%3）："
            "数据库没有改动，请处理后重新打开收银台",
            revision,
            head,
            reason,
        ) from exc
    log.warning(
        "backed up %s to %s before upgrading it from %s to %s", database, target, revision, head
    )
    return target


# -- the second folder ----------------------------------------------------------------------------


class SecondFolderUnavailable(BackupError):
    """The second backup folder is missing or cannot be written; the local backups stand."""


def second_folder_for(folder: Path, store_code: str, counter_no: str) -> Path:
    """Where this counter's copies go in the second folder: its own subfolder, so two counters
    sharing one network folder never mix (or prune) each other's backups."""
    return folder / f"StoreCounter-{store_code}-{counter_no}"


def copy_to_second_folder(data_dir: Path, folder: Path, target: Path) -> list[Path]:
    """Copy every good backup ``target`` (a subfolder of ``folder``) lacks, manifest last, then
    keep there the same daily and weekly backups as here; returns the copies made.

    Raises :class:`SecondFolderUnavailable` when ``folder`` is missing (a USB stick not
    plugged in, a share not mounted) or cannot be written: nothing in the data directory is
    touched, and a copy cut half way is left under a temporary name that never counts.
    """
    if not folder.is_dir():
        raise SecondFolderUnavailable(
            "备份副本文件夹 %1 不存在（U 盘没插上或网络共享没连上）：备份只保存在本机", folder
        )
    copied: list[Path] = []
    partial: Path | None = None
    try:
        target.mkdir(exist_ok=True)
        for good in good_backups(data_dir):
            copy = target / good.path.name
            if _read_manifest(copy) is not None:
                continue  # already there, whole
            partial = target / f"{_PARTIAL_PREFIX}{good.path.name}"
            shutil.copyfile(good.path, partial)
            _fsync(partial)
            os.replace(partial, copy)
            partial = target / f"{_PARTIAL_PREFIX}{good.path.stem}{_MANIFEST_SUFFIX}"
            shutil.copyfile(_manifest_of(good.path), partial)
            _fsync(partial)
            os.replace(partial, _manifest_of(copy))
            partial = None
            copied.append(copy)
        _prune_in(target)
    except OSError as exc:
        raise SecondFolderUnavailable(
            "无法写入备份副本文件夹 %1（%2）：备份只保存在本机", folder, exc.strerror or exc
        ) from exc
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
    if copied:
        log.info("copied %d backup(s) to %s", len(copied), target)
    return copied


# -- restoring -------------------------------------------------------------------------------------


def restore_backup(
    backup: Path,
    database: Path,
    *,
    allow_other_store: bool = False,
    now: dt.datetime | None = None,
) -> Restored:
    """Put a backup in place of the database, after checking it is this store's and sound.

    The cashier window must be closed (its lock is taken for the whole restore). The database
    being replaced is kept in ``replaced/`` first; a backup from an older schema is brought up to
    date before it replaces anything.
    """
    moment = now or dt.datetime.now(dt.UTC)
    found = _check_offered(backup, database, allow_other_store=allow_other_store)
    data_dir = database.parent
    with restore_lock(data_dir):
        for leftover in data_dir.glob(f"{_PARTIAL_PREFIX}restore-*"):  # a restore that died
            leftover.unlink(missing_ok=True)
        staging = data_dir / f"{_PARTIAL_PREFIX}restore-{moment:%Y%m%d-%H%M%S}{_SUFFIX}"
        try:
            with (
                contextlib.closing(sqlite3.connect(backup)) as source,
                contextlib.closing(sqlite3.connect(staging)) as target,
            ):
                source.backup(target)
            engine = make_engine(f"sqlite:///{staging}")
            try:
                migrate(engine)  # an older backup is brought up to this program's schema
            finally:
                engine.dispose()
            with contextlib.closing(sqlite3.connect(staging)) as connection:
                connection.execute("PRAGMA journal_mode=DELETE")  # all of it in the one file
            problem = integrity.damage(staging, full=False)
            if problem is not None:
                raise BackupError("恢复的副本检查未通过（%1），数据库没有改动", problem)
            kept = _keep_aside(database, moment)
            for extra in ("-wal", "-shm"):
                Path(f"{database}{extra}").unlink(missing_ok=True)
            os.replace(staging, database)
            _fsync_directory(data_dir)
        except sqlite3.Error as exc:
            raise BackupError("无法恢复备份（数据库没有改动）：%1", exc) from exc
        finally:
            for leftover in (staging, Path(f"{staging}-wal"), Path(f"{staging}-shm")):
                leftover.unlink(missing_ok=True)
        _reset_audit_head(database, kept, _manifest_head(backup))
    return Restored(backup=backup, kept_aside=kept, revision=str(found.revision))


def _manifest_head(backup: Path) -> audit_files.ChainHead | None:
    """Where the backup's audit chain ended when it was made, as its manifest says (None for a
    backup without one: an older program's, or a file from elsewhere)."""
    try:
        manifest = json.loads(_manifest_of(backup).read_text(encoding="utf-8"))
        head = manifest.get("audit_head")
        return None if head is None else audit_files.ChainHead.from_json(json.dumps(head))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _reset_audit_head(
    database: Path, kept: Path | None, made: audit_files.ChainHead | None
) -> None:
    """The restored chain ends where the backup's did when it was made (``made``, from its
    manifest) or, without a manifest, where the restored database's does; the head file says so
    from now on. The head it replaces goes beside the replaced database in ``replaced/``."""
    head = audit_files.head_path(database)
    if kept is not None and head.exists():
        shutil.copy2(head, audit_files.head_path(kept))
    audit_files.reset_head(database, made or head_of_database(database))


def check_backup(backup: Path, database: Path) -> GoodBackup:
    """What a restore of ``backup`` would put in place, or :class:`BackupError` saying why it
    would be refused (the same checks the restore makes; nothing is changed)."""
    found = _check_offered(backup, database, allow_other_store=False)
    made = _read_manifest(backup)
    if made is not None:
        return made
    moment = dt.datetime.fromtimestamp(backup.stat().st_mtime, dt.UTC)
    return GoodBackup(backup, moment, str(found.revision), found.store_id, dict(found.rows))


def _check_offered(
    backup: Path, database: Path, *, allow_other_store: bool
) -> integrity.DatabaseFacts:
    """Refuse a file that is not a sound backup of this store from this or an older program."""
    if not backup.is_file():
        raise BackupError("找不到备份文件：%1", backup)
    if database.exists() and backup.resolve() == database.resolve():
        raise BackupError("不能用数据库自己恢复自己：%1", backup)
    if integrity.is_blank(backup) or not integrity.has_sqlite_header(backup):
        raise BackupError("%1 不是收银台的备份（不是 SQLite 数据库文件），数据库没有改动", backup)
    problem = integrity.damage(backup, full=True)
    if problem is not None:
        raise BackupError("备份文件已损坏（%1），数据库没有改动：%2", problem, backup)
    found = integrity.facts(backup)
    missing = sorted(integrity.CORE_TABLES - found.tables)
    if missing:
        raise BackupError(
            "%1 不是收银台的备份（缺少 %2 等数据表），数据库没有改动", backup, missing[0]
        )
    known, head = schema_revisions()
    if found.revision not in known:
        raise BackupError(
            "备份 %1 来自更新版本的收银程序（数据版本 %2，本程序只认到 %3）："
            "请先升级收银程序再恢复",
            backup,
            found.revision,
            head,
        )
    current = _current_store_id(database)
    if current is not None and found.store_id != current and not allow_other_store:
        if found.store_id is None:
            raise BackupError(
                "备份 %1 没有门店标识，无法确认是本店的备份：确认无误后加 --other-store 再恢复",
                backup,
            )
        raise BackupError(
            "备份 %1 属于另一家门店（门店标识 %2），不是本店（%3）的：数据库没有改动。"
            "若确实要换成那家店的数据，加 --other-store 再恢复",
            backup,
            found.store_id,
            current,
        )
    return found


def _current_store_id(database: Path) -> str | None:
    """The store id of the database a restore would replace (None when it has none or is gone)."""
    if integrity.is_blank(database) or not integrity.has_sqlite_header(database):
        return None
    try:
        return integrity.facts(database).store_id
    except sqlite3.DatabaseError:
        return None  # a damaged database is what a restore is for


def _keep_aside(database: Path, moment: dt.datetime) -> Path | None:
    """A copy of the database about to be replaced, in ``replaced/`` (None when there is none)."""
    if integrity.is_blank(database):
        return None
    folder = database.parent / REPLACED_DIR_NAME
    folder.mkdir(parents=True, exist_ok=True)
    aside = folder / f"{database.stem}-before-restore-{moment:%Y%m%d-%H%M%S}{database.suffix}"
    try:
        with (
            contextlib.closing(sqlite3.connect(database)) as source,
            contextlib.closing(sqlite3.connect(aside)) as copy,
        ):
            source.backup(copy)  # takes in what the write-ahead log still holds
    except sqlite3.DatabaseError:
        # Too damaged to read page by page: keep the files exactly as they are.
        aside.unlink(missing_ok=True)
        for extra in ("", "-wal"):
            if Path(f"{database}{extra}").exists():
                shutil.copy2(f"{database}{extra}", f"{aside}{extra}")
    _fsync(aside)
    return aside
