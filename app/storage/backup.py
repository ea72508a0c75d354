"""Daily online backups of the counter's database, and restoring one."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from app.errors import KnownError

BACKUP_DIR_NAME = "backups"
KEEP_BACKUPS = 14
_PREFIX = "counter-"
_SUFFIX = ".db"


class BackupError(KnownError):
    """A backup or restore that could not be done; the message says why."""


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def list_backups(data_dir: Path) -> list[Path]:
    folder = backup_dir(data_dir)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{_PREFIX}*{_SUFFIX}"))


def make_backup(database: Path, data_dir: Path, *, now: dt.datetime | None = None) -> Path:
    """Copy the live database with SQLite's online backup API (sales may go on meanwhile)."""
    moment = now or dt.datetime.now(dt.UTC)
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{_PREFIX}{moment:%Y%m%d-%H%M%S}{_SUFFIX}"
    try:
        with sqlite3.connect(database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise BackupError("备份失败：%1", exc) from exc
    for old in list_backups(data_dir)[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def backup_due(data_dir: Path, *, now: dt.datetime | None = None) -> bool:
    """True when the newest backup is older than a day (or there is none)."""
    backups = list_backups(data_dir)
    if not backups:
        return True
    moment = now or dt.datetime.now(dt.UTC)
    newest = dt.datetime.fromtimestamp(backups[-1].stat().st_mtime, dt.UTC)
    return moment - newest > dt.timedelta(days=1)


def restore_backup(backup: Path, database: Path) -> None:
    """Put a backup back in place of the database; the counter must not be running."""
    if not backup.exists():
        raise BackupError("找不到备份文件：%1", backup)
    try:
        with sqlite3.connect(backup) as source:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("备份文件已损坏：%1", backup)
            with sqlite3.connect(database) as target:
                source.backup(target)
    except sqlite3.DatabaseError as exc:
        raise BackupError("无法恢复备份：%1", exc) from exc
