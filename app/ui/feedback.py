"""Tells errors a person can act on from bugs, words each for the screen, and logs the bugs.

Which is which is decided by type alone: a ``KnownError`` (``app.errors``) or one of the few
operating-system errors that are the world's fault is said in plain words, in the screen's
language; anything else is a bug, whatever builtin it happens to be: it is logged with its
traceback and the screen shows an apology. ``Attempt`` is the one way a screen runs a user
action whose failure is told rather than raised.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication

from app.errors import TRANSLATION_CONTEXT, KnownError, fill

log = logging.getLogger(__name__)

#: Operating-system errors that say something about the world (a file, a disk, a port, a
#: network), never about the program: a person can act on them.
WORLD_OS_ERRORS: tuple[type[OSError], ...] = (
    FileNotFoundError,
    FileExistsError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    ConnectionError,
    TimeoutError,
)
#: ``errno`` values of a plain ``OSError`` that are the world's fault: a full disk first.
_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
WORLD_ERRNOS = _DISK_FULL | {errno.EROFS, errno.EIO, errno.EBUSY, errno.ENODEV, errno.ENXIO}


def _translate(text: str, context: str = "feedback") -> str:
    return QCoreApplication.translate(context, text)


def is_known(error: BaseException) -> bool:
    """Known errors are the world's fault (bad input, a locked database, a printer off)."""
    if isinstance(error, KnownError):
        return True
    return isinstance(error, OSError) and (
        isinstance(error, WORLD_OS_ERRORS) or error.errno in WORLD_ERRNOS
    )


def translated(error: KnownError) -> str:
    """A known error's sentence in the screen's language (Chinese when no translation is found)."""
    template = _translate(error.template, TRANSLATION_CONTEXT) if error.template else ""
    return fill(template, error.values, _word)


def row_problem(line: int, error: KnownError | None, reason: str) -> str:
    """A file's bad row as an import lists it: its line, and why in the screen's language (the
    refusal itself when the import kept it, else the reason it wrote in Chinese)."""
    why = translated(error) if error is not None else reason
    return _translate("第 %1 行：%2").replace("%1", str(line)).replace("%2", why)


def stored_message(text: str) -> str:
    """A message kept as Chinese text (a print job's last error) in the screen's language."""
    return _translate(text, TRANSLATION_CONTEXT) if text else ""


def _word(value: object) -> str:
    return translated(value) if isinstance(value, KnownError) else str(value)


def _os_message(error: OSError) -> str:
    where = str(error.filename) if error.filename is not None else ""
    if error.errno in _DISK_FULL:
        return _translate("磁盘空间已满，请清理后重试")
    if isinstance(error, FileNotFoundError):
        return _translate("找不到文件：%1").replace("%1", where)
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return _translate("没有权限写入或读取：%1").replace("%1", where)
    if isinstance(error, ConnectionError | TimeoutError):
        return _translate("连接失败，请检查设备或网络后重试")
    detail = error.strerror or str(error) or type(error).__name__
    return f"{detail}{'：' + where if where else ''}"


def message_for(error: BaseException, *, context: str = "") -> str:
    """The sentence the person reads; a bug is logged with its traceback and gets an apology."""
    if isinstance(error, KnownError):
        return translated(error).strip() or _translate("操作未完成，请重试")
    if isinstance(error, OSError) and is_known(error):
        return _os_message(error)
    log.error("unexpected error%s", f" ({context})" if context else "", exc_info=error)
    return _translate("抱歉，程序出了点问题，操作未完成。请重试，或联系店长查看日志。")


class Attempt:
    """One user action whose failure is shown on the screen instead of raised.

    ``say`` puts a sentence where the person looks (a dialog's error line, the sale screen's
    message bar). After the block, ``failed`` tells whether it stopped, and the site does what
    it does after a failure (clear a field, refocus, return)::

        with Attempt(self.show_error) as attempt:
            member = counter.members.queries.attach_member(text, staff)
        if attempt.failed:
            return

    Only ``Exception`` is caught (never ``KeyboardInterrupt``). ``context`` names the action in
    the log when a bug is caught; by default, the class of the widget that says it.
    """

    def __init__(self, say: Callable[[str], object], *, context: str = "") -> None:
        self._say = say
        self._context = context or type(getattr(say, "__self__", say)).__name__
        self.error: Exception | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    def __enter__(self) -> Attempt:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if not isinstance(error, Exception):
            return False
        self.error = error
        self._say(message_for(error, context=self._context))
        return True
