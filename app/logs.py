"""Log files in the data directory, with card numbers, phones, PINs and passwords masked, and the
crash report an unexpected error leaves in ``crash/``.

Code masks what it logs itself (``mask_card``, ``mask_phone``); one filter on every handler
(:class:`SecretMask`) is the net under it, for what nobody thought of (an error's sentence, a
traceback, a value passed as it was typed), so no card, phone or PIN reaches a file or a terminal
whole. What it masks:

- any argument of a log call that is a string of digits only, four or more (a card number, a
  phone, a PIN passed as a value), shown as :func:`app.members.card_numbers.mask_card` shows it;
- in the whole text (message and traceback): mainland mobile numbers (``138****8000``), any other
  run of eight digits or more standing alone (a card number in an error's sentence; a date inside
  a receipt number or a file name is joined to its ``-`` and stays), track data ``;…?``, and the
  value after ``pin``, ``password``, ``secret``, ``密码`` and the like.

Nothing here imports Qt; the window's crash dialog is ``app.ui.crash``.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import platform
import re
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from app.members.card_numbers import mask_card

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "counter.log"
#: One file at most this size, and this many older ones beside it (counter.log.1 …).
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
CRASH_DIR_NAME = "crash"
#: How many of the last log lines a crash report carries.
CRASH_LOG_LINES = 40
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_PHONE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
_TRACK = re.compile(r";([0-9]{4,})(?:[=^][0-9]*)?\?")
_LONG_NUMBER = re.compile(r"(?<![A-Za-z0-9_\-])[0-9]{8,}(?![A-Za-z0-9_\-])")
_SECRET = re.compile(
    r"(?i)(pin|password|passwd|pwd|secret|口令|密码)"
    r"(['\"]?\s*[=:：]\s*['\"]?)"
    r"([^\s'\",;}\])]+)"
)
_DIGITS_ONLY = re.compile(r"[0-9]{4,}")


def mask_text(text: str) -> str:
    """``text`` with every card number, phone, track and secret value it holds masked."""
    text = _SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}***", text)
    text = _TRACK.sub(lambda m: mask_card(m.group(1)), text)
    text = _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
    return _LONG_NUMBER.sub(lambda m: mask_card(m.group(0)), text)


def _mask_value(value: object) -> object:
    if isinstance(value, str):
        digits = "".join(value.split())
        if _DIGITS_ONLY.fullmatch(digits) and not _PHONE.fullmatch(digits):
            return mask_card(digits)
        return mask_text(value)
    return value


class SecretMask(logging.Filter):
    """Masks a record before any handler writes it: arguments, message, traceback."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, Mapping):
            record.args = {key: _mask_value(value) for key, value in args.items()}
        elif isinstance(args, tuple):
            record.args = tuple(_mask_value(value) for value in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep its parts, masked
            message = f"{record.msg} {record.args}"
        record.msg, record.args = mask_text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True


_installed: logging.Handler | None = None


def log_file(data_dir: Path) -> Path:
    return data_dir / LOG_DIR_NAME / LOG_FILE_NAME


def install_log_files(data_dir: Path, *, verbose: bool = False) -> Path | None:
    """Log to rotating files in ``data_dir/logs`` (INFO and up, DEBUG when ``verbose``), and
    mask secrets on every handler of the root logger. Replaces the files of an earlier call.

    Returns the log file, or None when it cannot be opened (a read-only data directory): the
    counter works on, logging to the terminal only.
    """
    global _installed
    root = logging.getLogger()
    uninstall_log_files()
    level = logging.DEBUG if verbose else logging.INFO
    root.setLevel(min(root.level or logging.WARNING, level))
    path = log_file(data_dir)
    handler: logging.Handler | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file in %s: %s", path.parent, exc)
    if handler is not None:
        handler.setLevel(level)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
        _installed = handler
    mask_every_handler()
    return path if handler is not None else None


def mask_every_handler() -> None:
    """Put the mask on each handler the root logger has (the terminal's, the files')."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, SecretMask) for f in handler.filters):
            handler.addFilter(SecretMask())


def uninstall_log_files() -> None:
    """Close the log files (a test's data directory goes away after it)."""
    global _installed
    if _installed is not None:
        logging.getLogger().removeHandler(_installed)
        _installed.close()
        _installed = None


# -- crash reports ---------------------------------------------------------------------------------


def program_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("store-counter")
    except PackageNotFoundError:  # a bundle without the package's metadata
        return "unknown"


def _last_log_lines(data_dir: Path, count: int) -> list[str]:
    try:
        lines = log_file(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return lines[-count:]


def write_crash_report(
    data_dir: Path,
    kind: type[BaseException],
    error: BaseException,
    trace: TracebackType | None,
    *,
    now: dt.datetime | None = None,
) -> Path:
    """A text file in ``data_dir/crash`` for whoever supports the store: the traceback, the
    program's version, the platform and the last log lines, all masked (raises OSError when it
    cannot be written)."""
    moment = now or dt.datetime.now(dt.UTC)
    folder = data_dir / CRASH_DIR_NAME
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"crash-{moment:%Y%m%d-%H%M%S}"
    target = folder / f"{stamp}.txt"
    extra = 1
    while target.exists():
        extra += 1
        target = folder / f"{stamp}-{extra}.txt"
    text = "\n".join(
        [
            f"time: {moment.isoformat()}",
            f"version: {program_version()}",
            f"python: {sys.version.split()[0]}",
            f"platform: {platform.platform()}",
            "",
            "traceback:",
            "".join(traceback.format_exception(kind, error, trace)).rstrip(),
            "",
            f"last {CRASH_LOG_LINES} log lines:",
            *_last_log_lines(data_dir, CRASH_LOG_LINES),
            "",
        ]
    )
    target.write_text(mask_text(text), encoding="utf-8")
    return target
