"""One program at a time on a data directory: the window holds this lock, and restore takes it.

An operating-system file lock (``filelock``: ``flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows) on ``counter.lock`` in the data directory. The system drops it when the holder exits,
however it exits, so a crashed window never leaves the directory locked.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from app.errors import KnownError

LOCK_FILE_NAME = "counter.lock"


class DataDirBusy(KnownError):
    """Another program (a cashier window) holds the data directory; nothing was done."""


class DataDirLock:
    """Held while a window runs on ``data_dir``, or while a restore replaces its database."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = FileLock(data_dir / LOCK_FILE_NAME, timeout=0, thread_local=False)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def acquire(self, busy: DataDirBusy) -> DataDirLock:
        """Take the lock now or raise ``busy`` (the caller words what it could not do)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise busy from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def __enter__(self) -> DataDirLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def window_lock(data_dir: Path) -> DataDirLock:
    """The lock a cashier window holds for as long as it is open (a second window is refused)."""
    return DataDirLock(data_dir).acquire(
        DataDirBusy(
            "收银台已经在这台电脑上打开（数据目录 %1）：同一份数据只能开一个收银窗口，"
            "请切换到已打开的窗口",
            data_dir,
        )
    )


def restore_lock(data_dir: Path) -> DataDirLock:
    """The lock a restore holds while it replaces the database (refused while a window is open)."""
    return DataDirLock(data_dir).acquire(
        DataDirBusy("收银窗口正在使用数据目录 %1：请先关闭收银窗口，再恢复备份", data_dir)
    )
