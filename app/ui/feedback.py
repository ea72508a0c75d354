"""Tells errors the cashier can fix from bugs, and words each for the screen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)


def _storage_busy_type() -> type[BaseException] | None:
    try:
        from app.storage.database import StorageBusy
    except ImportError:  # pragma: no cover - the storage layer is always there in the app
        return None
    return StorageBusy


def is_known(error: BaseException) -> bool:
    """Known errors are the world's fault (bad input, a locked database, a printer off)."""
    if isinstance(error, ValueError | OSError):
        return True
    busy = _storage_busy_type()
    return busy is not None and isinstance(error, busy)


def message_for(error: BaseException, *, context: str = "") -> str:
    """The sentence the cashier reads; a bug is logged with its traceback and gets an apology."""
    if is_known(error):
        text = str(error).strip()
        if isinstance(error, OSError) and not text:
            text = type(error).__name__
        return text or QCoreApplication.translate("feedback", "操作未完成，请重试")
    log.error("unexpected error%s", f" ({context})" if context else "", exc_info=error)
    return QCoreApplication.translate(
        "feedback", "抱歉，程序出了点问题，操作未完成。请重试，或联系店长查看日志。"
    )
