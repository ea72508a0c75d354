"""Starts the cashier window and moves between login, shift opening and the sale screen."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QProcess, QRect, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from app.devices.fonts import RECEIPT_FONT
from app.ui import i18n
from app.ui.feedback import Attempt, message_for
from app.ui.login import LoginWindow, ShiftBusyDialog
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from app.bootstrap import Counter
    from app.config import Config
    from app.members.daily import DailyReport
    from app.pos.cart import Cart
    from app.pos.shifts import ShiftReport, ShiftView
    from app.pos.staff import StaffView
    from app.storage.data_lock import DataDirLock
    from app.ui.crash import CrashReporter
    from app.ui.sale_window import SaleWindow

log = logging.getLogger(__name__)

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
STYLE_SHEET = RESOURCES_DIR / "style.qss"
#: Fonts that draw Chinese well, best first: Windows, macOS, Linux (Noto, then WenQuanYi, which
#: is always there: the receipt font the program ships is one).
CJK_FONT_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)
BASE_FONT_POINT_SIZE = 11
#: Set by the cold-start benchmark: print the time to the login window, then quit.
EXIT_AFTER_LOGIN_ENV = "POS_EXIT_AFTER_LOGIN_SHOWN"
EXIT_FAILED = 1


class CounterApp(QObject):
    """Login -> (shift) -> sale screen -> logout, and the language switch that rebuilds it."""

    def __init__(self, counter: Counter, lock: DataDirLock | None = None) -> None:
        super().__init__()
        self.counter = counter
        #: The data directory's window lock (run_application's): a restore releases it.
        self.lock = lock
        #: How the program starts again after a restore (a test records the call instead).
        self.restart: Callable[[str], None] = restart_program
        self.login_window: LoginWindow | None = None
        self.sale_window: SaleWindow | None = None
        self.staff: StaffView | None = None
        from app.ui.hardware import Hardware

        self.hardware = Hardware(counter)

    @property
    def data_dir(self) -> Path:
        return Path(self.counter.config.data_dir)

    # -- login ---------------------------------------------------------------------------------

    def show_login(self, window: LoginWindow | None = None) -> LoginWindow:
        """A new login window, or ``window``: the one a cold start showed before the store was
        open, given the service now."""
        service = self.counter.service
        if window is None:
            window = LoginWindow(self.counter.config.store_name, service.staff_names())
            window.show()
        self.login_window = window
        window.serve(service.login, self._logged_in)
        return window

    def _logged_in(self, staff: StaffView) -> None:
        self.staff = staff
        window = self.login_window
        assert window is not None
        with Attempt(window.show_error, context="current shift") as attempt:
            shift = self.counter.service.current_shift()
        if attempt.failed:
            return
        if shift is None:
            self._ask_opening_float(staff)
        elif shift.cashier_id == staff.id:
            self._start_selling(staff, shift)
        else:
            window.present(
                ShiftBusyDialog(window, shift.cashier_name),
                lambda _yes: self._close_foreign_shift(staff, shift),
            )

    def _close_foreign_shift(self, staff: StaffView, shift: ShiftView) -> None:
        from app.ui.shift import ShiftCloseDialog, ShiftReportDialog

        window = self.login_window
        assert window is not None
        with Attempt(window.show_error, context="shift report") as attempt:
            report = self.counter.service.shift_report(shift.id)
        if attempt.failed:
            return

        def closed(final: ShiftReport) -> None:
            dialog = ShiftReportDialog(window, final)
            dialog.finished.connect(lambda _code: self._ask_opening_float(staff))
            window.present(dialog)

        window.present(ShiftCloseDialog(window, self.counter.service, report, staff), closed)

    def _ask_opening_float(self, staff: StaffView) -> None:
        from app.money import parse_amount
        from app.ui.dialogs import PromptDialog

        window = self.login_window
        assert window is not None
        service = self.counter.service

        def open_shift(text: str) -> ShiftView:
            return service.open_shift(staff, parse_amount(text))

        dialog = PromptDialog(
            window,
            window.tr("开班"),
            window.tr("%1，请清点钱箱并输入备用金（元）").replace("%1", staff.name),
            open_shift,
            text="0.00",
            digits_only=True,
        )
        dialog.setObjectName("shiftOpenDialog")
        dialog.input.setObjectName("shiftFloat")

        def opened(shift: ShiftView) -> None:
            self._start_selling(staff, shift)

        window.present(dialog, opened)

    # -- selling -------------------------------------------------------------------------------

    def _start_selling(
        self, staff: StaffView, shift: ShiftView | None, cart: Cart | None = None
    ) -> None:
        from app.ui.sale_window import SaleWindow
        from app.ui.session import CounterSession

        session = CounterSession(
            counter=self.counter,
            staff=staff,
            shift=shift,
            cart=cart if cart is not None else self.counter.service.new_cart(),
        )
        window = SaleWindow(session, on_logout=self.logout, on_language=self.switch_language)
        window.restoreRequested.connect(lambda path: self.restore_backup(Path(path)))
        geometry = self._current_geometry()
        self._close_windows()
        self.sale_window = window
        self.hardware.attach(window)
        if geometry is not None:
            window.setGeometry(geometry)
            window.show()
        else:
            window.resize(1024, 768)
            window.showMaximized()
        window.activateWindow()
        window.focus_scan()
        self._tell_owner_of_locks(window, staff)
        run_task(self.counter.service.daily_upkeep, self._daily_upkeep_done)
        self.counter.start_sync()  # its own thread; the status bar reads its state

    def _tell_owner_of_locks(self, window: SaleWindow, staff: StaffView) -> None:
        """The owner, once logged in, is told of every login or approval that wrong PINs locked
        since they last looked (someone may be guessing a PIN); said once, in the banner."""
        with Attempt(window.show_error, context="lock notices") as attempt:
            notices = self.counter.service.take_lock_notices(staff)
        if attempt.failed or not notices:
            return
        lines = []
        for notice in notices:
            template = (
                self.tr("%1 %2：登录密码连续错误 %3 次，已锁定 %4 分钟")
                if notice.kind == "login"
                else self.tr("%1 %2：授权密码连续错误 %3 次，授权已锁定 %4 分钟")
            )
            lines.append(
                template.replace("%1", notice.at.astimezone().strftime("%m-%d %H:%M"))
                .replace("%2", notice.name)
                .replace("%3", str(notice.failures))
                .replace("%4", str(notice.minutes))
            )
        heading = self.tr("安全提醒：有人多次输错员工密码")
        window.show_message("\n".join([heading, *lines]), "error")

    def _daily_upkeep_done(self, report: DailyReport | None, error: BaseException | None) -> None:
        """Levels, expiries and the backup of the day ran in the background; say what changed,
        or warn that the business day went backwards and the upkeep did not run."""
        from app.members.daily import UpkeepRefused

        run_task(self.counter.service.copy_backups, self._backups_copied)
        window = self.sale_window
        if isinstance(error, UpkeepRefused):
            if window is not None:
                window.show_clock_warning(message_for(error))
            return
        if error is not None:
            # A backup refused (a damaged database, a full disk) is said where the owner looks;
            # a bug is logged with its traceback.
            text = message_for(error, context="daily upkeep")
            if window is not None:
                window.statusBar().showMessage(text)
            return
        if report is None or window is None:
            return
        changed = len(report.upgrades) + len(report.downgrades) + report.members_expired
        if changed:
            window.statusBar().showMessage(
                self.tr("今日会员等级调整 %1 人").replace("%1", str(changed)), 10_000
            )

    def _backups_copied(self, _copies: object, error: BaseException | None) -> None:
        """The backups went to the second folder too, or the status bar says they did not
        (until the next start): the local backups stand either way."""
        window = self.sale_window
        if error is None or window is None:
            return
        warning = QLabel(message_for(error, context="second backup folder"), window)
        warning.setObjectName("backupWarning")
        warning.setAccessibleName(self.tr("备份警告"))
        warning.setProperty("role", "error")
        window.statusBar().addPermanentWidget(warning)

    # -- restoring a backup --------------------------------------------------------------------

    def restore_backup(self, backup: Path) -> None:
        """Close the sale screen and the counter, put ``backup`` in place, and start again.

        The program starts again as a new process rather than reopening in this one: every
        service, cache, device thread and the sync worker were built on the replaced database,
        and a fresh start is the one path that is known to rebuild all of them. A refusal at
        this late step (the checks ran before) leaves the database as it was; the program
        starts again on it all the same, and says why."""
        from app.ui.tasks import wait_for_tasks

        self.close_all()
        wait_for_tasks()
        self.counter.close()
        if self.lock is not None:
            self.lock.release()
        try:
            restored = self.counter.restore(backup)
        except Exception as exc:  # said to the owner; the database is unchanged
            log.warning("restore of %s refused: %s", backup, exc)
            note = self.tr("备份没有恢复：%1").replace("%1", message_for(exc, context="restore"))
        else:
            log.info("restored %s (kept aside: %s)", backup, restored.kept_aside)
            note = self.tr("已从备份 %1 恢复。").replace("%1", backup.name)
            if restored.kept_aside is not None:
                note += self.tr("原数据库另存为 %1").replace("%1", str(restored.kept_aside))
        self.restart(note)

    def _current_geometry(self) -> QRect | None:
        current: QWidget | None = self.sale_window or self.login_window
        if current is None or current.isMaximized():
            return None
        return current.geometry()

    def _close_windows(self) -> None:
        if self.sale_window is not None:
            self.sale_window.closing_allowed = True  # its cart moves on, or was empty
        for window in (self.login_window, self.sale_window):
            if window is not None:
                window.close()
                window.deleteLater()
        self.login_window = None
        self.sale_window = None

    def close_all(self) -> None:
        """Close every window without selling on (the database cannot be used)."""
        self.staff = None
        self._close_windows()

    def logout(self) -> None:
        self.staff = None
        self.counter.service.logout()
        self._close_windows()
        self.show_login()

    def switch_language(self, language: str) -> None:
        """Live: install the translator and rebuild the screen around the same cart and shift."""
        language = i18n.normalize(language)
        i18n.remember_language(language, self.data_dir)
        if language == i18n.current():
            return
        i18n.install(language)
        window = self.sale_window
        if window is None:
            return
        session = window.session
        self._start_selling(session.staff, session.shift, session.cart)
        if self.sale_window is not None:
            self.sale_window.session.last_print_job_id = session.last_print_job_id


def apply_look(app: QApplication) -> None:
    # The window needs no Chinese font installed: the one shipped for raster receipts serves.
    if QFontDatabase.addApplicationFont(str(RECEIPT_FONT)) < 0:
        log.warning("the shipped font %s could not be loaded", RECEIPT_FONT)
    font = QFont()
    font.setFamilies(list(CJK_FONT_FAMILIES))
    font.setPointSize(BASE_FONT_POINT_SIZE)
    app.setFont(font)
    try:
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))
    except OSError:
        log.warning("style sheet %s not found; using the plain style", STYLE_SHEET)


def _process_age_seconds() -> float | None:
    """Seconds since this process started (Linux /proc); None where that is not known."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return up - start_ticks / ticks


_IMPORTED_AT = time.perf_counter()


def run_application(data_dir: Path | None) -> int:
    """The cashier window: returns the exit code (non-zero when the counter cannot start).

    On a data directory with no store (and no backup: a lost one is restored, not set up anew)
    the first-run set-up comes first; the login window follows once it made the store. A store
    at this program's schema with staff (read with plain sqlite3) shows its login window first
    and is opened behind it: a cold start imports neither SQLAlchemy nor the domain before the
    window is on the screen. Any other store is opened (checked, backed up, migrated, or
    refused) before a window is shown.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("StoreCounter")
    app.setApplicationDisplayName("收银台")
    apply_look(app)
    lock = None
    try:
        from app.config import load_config
        from app.storage.data_lock import window_lock
        from app.storage.schema_state import SchemaState, login_names, schema_state

        # One window per data directory: a second copy is refused before it touches the data.
        config = load_config(data_dir)
        directory = config.data_dir
        lock = window_lock(directory)
        state = schema_state(config.database_path)
        names = login_names(config.database_path) if state is SchemaState.UP_TO_DATE else []
        first_run = state is SchemaState.EMPTY and _needs_first_run(directory)
    except Exception as exc:  # no window yet: the last place to say it, then the app exits
        if lock is not None:
            lock.release()
        return _cannot_start(app, data_dir, exc)
    if names:
        return _CounterStart(app, data_dir, lock).run(early=(config, names))
    if not first_run:
        return _CounterStart(app, data_dir, lock).run()
    from app.ui.first_run import FirstRunSetup

    i18n.install(i18n.chosen_language("", directory))
    wizard = FirstRunSetup(directory)
    if os.environ.get(EXIT_AFTER_LOGIN_ENV):  # the cold-start benchmark: the first window shown
        QTimer.singleShot(0, wizard.reject)
    if wizard.exec() != QDialog.DialogCode.Accepted:  # closed: nothing was made
        lock.release()
        return 0
    return _CounterStart(app, data_dir, lock).run()


def _needs_first_run(directory: Path) -> bool:
    from app.pos.store_start import needs_first_run  # the domain: only for an empty directory

    return needs_first_run(directory)


def _cannot_start(app: QApplication, data_dir: Path | None, exc: BaseException) -> int:
    i18n.install(i18n.chosen_language("", data_dir))
    text = message_for(exc, context="the counter could not start")
    QMessageBox.critical(
        None,
        app.translate("CounterApp", "收银台无法启动"),
        app.translate("CounterApp", "无法打开收银数据：%1").replace("%1", text),
    )
    return EXIT_FAILED


class _FirstPaint(QObject):
    """Calls ``then`` once, just after ``window`` first painted (so it is on the screen: a
    zero timer set at ``show()`` fires before the paint)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class _CounterStart:
    """One run of the cashier window: the store opened (before the login window, or behind it on
    a cold start), the login shown, and everything closed again when the last window closes."""

    def __init__(self, app: QApplication, data_dir: Path | None, lock: DataDirLock) -> None:
        self.app = app
        self.data_dir = data_dir
        self.lock = lock
        self.measuring = bool(os.environ.get(EXIT_AFTER_LOGIN_ENV))
        self.counter: Counter | None = None
        self.reporter: CrashReporter | None = None

    def run(self, early: tuple[Config, Sequence[str]] | None = None) -> int:
        """Run until the last window closes. ``early``: the config and staff names of a store
        at this program's schema, enough to show the login window before the store is open."""
        from app.ui.crash import install_crash_reporter

        if early is None:
            counter = self._open()
            if counter is None:
                return EXIT_FAILED
            config = counter.config
        else:
            config, names = early
        i18n.install(i18n.chosen_language(config.language, config.data_dir))
        self.reporter = install_crash_reporter(config.data_dir)  # report, apologise, go on
        try:
            if early is None:
                window = self._serve_login(None)
                if window is None:
                    return EXIT_FAILED
                _FirstPaint(window, self._shown)
            else:
                shown = LoginWindow(config.store_name, names)
                shown.show()
                _FirstPaint(shown, lambda: self._open_behind(shown))
            return int(self.app.exec())
        finally:
            from app.ui.tasks import wait_for_tasks

            wait_for_tasks()
            self.reporter.uninstall()
            if self.counter is not None:
                self.counter.close()
            self.lock.release()

    def _open(self) -> Counter | None:
        """The store opened for the window, or None once the refusal was said."""
        try:
            from app.bootstrap import build

            self.counter = build(self.data_dir, for_window=True)  # never seeds the demo
        except Exception as exc:
            self.lock.release()  # before the message: a window opened meanwhile may start
            _cannot_start(self.app, self.data_dir, exc)
            return None
        return self.counter

    def _serve_login(self, window: LoginWindow | None) -> LoginWindow | None:
        """The login window (``window``, shown already, or a new one) on the open store; None
        once a failure was said."""
        counter = self.counter
        assert counter is not None
        try:
            controller = CounterApp(counter, self.lock)
            window = controller.show_login(window)
        except Exception as exc:  # the login window is the first: nowhere else to say it
            QMessageBox.critical(
                None,
                self.app.translate("CounterApp", "收银台无法启动"),
                message_for(exc, context="login window"),
            )
            return None
        if counter.pages_unchecked:
            run_task(
                counter.check_pages,
                lambda _none, error: _pages_checked(self.app, controller, error),
            )
        return window

    def _open_behind(self, window: LoginWindow) -> None:
        """The cold start's second half, once its login window is on the screen: the store
        opened behind it."""
        self._shown()
        if self._open() is None or self._serve_login(window) is None:
            window.close()
            QTimer.singleShot(0, lambda: self.app.exit(EXIT_FAILED))
        elif self.measuring:
            QTimer.singleShot(0, self.app.quit)

    def _shown(self) -> None:
        """The login window is on the screen: the cold-start benchmark's moment."""
        if not self.measuring:
            return
        age = _process_age_seconds()
        since_import = time.perf_counter() - _IMPORTED_AT
        print(f"login_shown_after_s={age if age is not None else since_import:.3f}", flush=True)
        if self.counter is not None:  # opened before the window: nothing more to wait for
            QTimer.singleShot(0, self.app.quit)


def restart_command() -> tuple[str, list[str]]:
    """This program's own command line: the bundle's executable with its arguments, or Python
    with main.py and its arguments."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: the executable is the program
        return sys.executable, sys.argv[1:]
    return sys.executable, list(sys.argv)


def restart_program(note: str) -> None:
    """Say what the restore did, then start this program again (the same command line: the
    bundle's executable, or Python with main.py) and end this one."""
    app = QApplication.instance()
    QMessageBox.information(None, QApplication.translate("CounterApp", "备份与恢复"), note)
    program, arguments = restart_command()
    if not QProcess.startDetached(program, arguments)[0]:
        log.error("could not start %s again", program)
    if app is not None:
        QTimer.singleShot(0, app.quit)


def _pages_checked(app: QApplication, controller: CounterApp, error: BaseException | None) -> None:
    """The page check of a large database, done after the login window: damage closes it."""
    if error is None:
        return
    controller.close_all()
    QMessageBox.critical(
        None, app.translate("CounterApp", "收银台无法启动"), message_for(error, context="pages")
    )
    QTimer.singleShot(0, lambda: app.exit(EXIT_FAILED))  # also when the loop has not begun
