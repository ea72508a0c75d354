"""What the window does with an error nobody caught: log it, leave a report, apologise, go on.

Qt hands an exception raised in a slot (a click, a timer, a signal) to ``sys.excepthook`` and
then goes on with its event loop, so the window stays where it was: the action that failed
stopped at the exception, and its transaction, if it had one, was rolled back whole. The hook
logs the traceback (masked, ``app.logs``), writes a report in the data directory's ``crash/``
folder and shows one apology at a time (``crashDialog``), naming the report. A worker thread's
error is logged and reported too, without a dialog (no window belongs to that thread).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.logs import write_crash_report

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashReporter:
    """The hooks for one data directory; :meth:`install` puts them in place."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.dialog: QMessageBox | None = None
        self.reports: list[Path] = []
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.on_error
        threading.excepthook = self._on_thread_error

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        threading.excepthook = threading.__excepthook__

    def on_error(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(kind, error, trace)
            return
        report = self._report(kind, error, trace)
        if QApplication.instance() is not None:
            self._apologise(report)

    def _on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._report(args.exc_type, args.exc_value, args.exc_traceback)

    def _report(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> Path | None:
        log.critical("unexpected error", exc_info=(kind, error, trace))
        try:
            report = write_crash_report(self.data_dir, kind, error, trace)
        except OSError as exc:
            log.error("the crash report could not be written: %s", exc)
            return None
        self.reports.append(report)
        return report

    def _apologise(self, report: Path | None) -> None:
        """One apology at a time: a second error while it is open only updates its report."""
        where = (
            str(report)
            if report is not None
            else QCoreApplication.translate("CrashDialog", "（未能保存问题报告）")
        )
        text = QCoreApplication.translate(
            "CrashDialog",
            "抱歉，收银台出了一个意外的问题，刚才的操作没有完成；已完成的销售不受影响，可以继续收银。问题报告已保存在：%1",
        ).replace("%1", where)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setText(text)
            return
        parent = QApplication.activeWindow()
        shown = isinstance(parent, QWidget) and parent.isVisible()
        dialog = QMessageBox(parent if shown else None)
        dialog.setObjectName("crashDialog")
        title = QCoreApplication.translate("CrashDialog", "出错了")
        dialog.setAccessibleName(title)
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setWindowTitle(title)
        dialog.setText(text)
        dialog.setStandardButtons(QMessageBox.StandardButton.Ok)
        dialog.open()  # not exec(): the event loop and the window go on
        self.dialog = dialog


_reporter: CrashReporter | None = None


def install_crash_reporter(data_dir: Path) -> CrashReporter:
    """The window's hooks for ``data_dir`` (replacing those of an earlier call)."""
    global _reporter
    if _reporter is not None:
        _reporter.uninstall()
    _reporter = CrashReporter(data_dir)
    _reporter.install()
    return _reporter
