"""The counter's devices brought to the screen: card readers, printer status, pole display, and
the customer screen. Lives as long as the application; each new sale window is attached to it.

Threads: the serial reader calls back on its own thread, so its events cross to the GUI thread
through queued signals (:class:`ReaderBridge`); the printer and the pole display are only ever
used through :func:`app.ui.tasks.run_task`, and so is the print queue's automatic retry
(:class:`app.devices.print_queue.PrintRetry`), which a timer here wakes.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit

from app.devices.card_reader import ReaderStatus
from app.devices.print_queue import RetryReport
from app.devices.printers import PrinterStatus
from app.devices.swipe import SwipeError, looks_like_swipe, parse_swipe, swipe_settings
from app.devices.wedge import WedgeDecision, WedgeDetector, WedgeKind, WedgeSettings
from app.members.card_numbers import card_tail
from app.ui.feedback import message_for
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.bootstrap import Counter
    from app.config import Config
    from app.devices.pole_display import PoleDisplay
    from app.devices.swipe import SwipeSettings
    from app.pos.checkout import SaleResult
    from app.ui.customer_display import CustomerScreen
    from app.ui.sale_screen import SaleScreen
    from app.ui.settings_dialog import DeviceSettingsDialog

log = logging.getLogger(__name__)

#: How often the printer's paper sensor is asked while the screen is idle.
PRINTER_CHECK_INTERVAL_MS = 30_000
#: How often the screen asks whether failed print jobs are due another try (the retry decides
#: its own backoff; a tick that is not due costs no I/O and stays on the GUI thread).
PRINT_RETRY_TICK_MS = 1_000
STATUS_MESSAGE_MS = 8_000
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
)


class ReaderBridge(QObject):
    """Lives on the GUI thread; the reader thread emits, the GUI thread receives (queued)."""

    card = Signal(str)
    error = Signal(str)
    status = Signal(str)


class WedgeFilter(QObject):
    """Watches the keys of one line edit and tells a wedge device's burst from typing.

    A burst that is a card swipe is taken out of the field and handed to ``on_card`` (or its
    error to ``on_error``), and its Enter never reaches the field; any other burst (a barcode)
    and all typing go on as before.
    """

    def __init__(
        self,
        field: QLineEdit,
        settings: WedgeSettings,
        swipe_settings: SwipeSettings,
        on_card: Callable[[str], object],
        on_error: Callable[[str], object],
    ) -> None:
        super().__init__(field)
        self.field = field
        self.detector = WedgeDetector(settings)
        self.swipe_settings = swipe_settings
        self.on_card = on_card
        self.on_error = on_error
        self.last_decision: WedgeDecision | None = None
        field.installEventFilter(self)

    def configure(self, settings: WedgeSettings, swipe_settings: SwipeSettings) -> None:
        self.detector = WedgeDetector(settings)
        self.swipe_settings = swipe_settings

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.field or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        at_ms = float(event.timestamp()) or None  # None: the detector's clock says when
        key = event.key()
        if key in _ENTER_KEYS:
            decision = self.detector.feed_enter(at_ms)
            self.last_decision = decision
            if decision.kind is WedgeKind.SCAN and looks_like_swipe(
                decision.text, self.swipe_settings.prefix
            ):
                self._swiped(decision)
                return True
            return False
        text = event.text()
        if key in _MODIFIER_KEYS:
            return False
        if text and text.isprintable():
            self.detector.feed(text, at_ms)
        else:
            self.detector.reset()  # Backspace, arrows: a person is editing
        return False

    def _swiped(self, decision: WedgeDecision) -> None:
        current = self.field.text()
        self.field.setText(current[: max(0, len(current) - decision.typed_length)])
        try:
            card_no = parse_swipe(decision.text, self.swipe_settings)
        except SwipeError as exc:
            self.on_error(message_for(exc, context="swipe"))
            return
        self.on_card(card_no)


class Hardware(QObject):
    """The devices of one running counter, and the sale screen they serve now."""

    def __init__(self, counter: Counter) -> None:
        super().__init__()
        self._display_seq = 0  # the newest screen asked of the pole display
        self._display_lock = threading.Lock()
        from app.bootstrap import ReaderCallbacks

        self.counter = counter
        self.window: SaleScreen | None = None
        self.wedge: WedgeFilter | None = None
        self.settings_dialog: DeviceSettingsDialog | None = None
        self.customer_screen: CustomerScreen | None = None
        self._customer_screen_due = False
        self.reader_status: ReaderStatus | None = None
        self.printer_status: PrinterStatus | None = None
        self.display_error: str | None = None
        self.reader_label: QLabel | None = None
        self.display_label: QLabel | None = None
        self.bridge = ReaderBridge(self)
        queued = Qt.ConnectionType.QueuedConnection
        self.bridge.card.connect(self._serial_card, queued)
        self.bridge.error.connect(self._serial_error, queued)
        self.bridge.status.connect(self._serial_status, queued)
        self._printer_timer = QTimer(self)
        self._printer_timer.setInterval(PRINTER_CHECK_INTERVAL_MS)
        self._printer_timer.timeout.connect(self.check_printer)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(PRINT_RETRY_TICK_MS)
        self._retry_timer.timeout.connect(self.retry_failed_prints)
        self._callbacks = ReaderCallbacks(
            on_card=self.bridge.card.emit,
            on_error=self.bridge.error.emit,
            on_status=lambda status: self.bridge.status.emit(status.value),
        )
        counter.start_card_reader(self._callbacks)
        self._apply_customer_screen(counter.config)

    @property
    def config(self) -> Config:
        return self.counter.config

    # -- the window ----------------------------------------------------------------------------

    def attach(self, window: SaleScreen) -> None:
        """Hook a new sale screen to the devices (called each time the controller makes one)."""
        from app.bootstrap import wedge_settings

        self.window = window
        self.wedge = WedgeFilter(
            window.scan_input,
            wedge_settings(self.config),
            swipe_settings(self.config.card_reader),
            window.cardSwiped.emit,
            self._swipe_failed,
        )
        window.cardSwiped.connect(self._card_noted)
        window.lineScanned.connect(self._line_scanned)
        window.paymentStarted.connect(self._payment_started)
        window.salePaid.connect(self._sale_paid)
        window.printFinished.connect(self._print_finished)
        window.model.totalsChanged.connect(self._cart_changed)
        self._build_status(window)
        self._build_menu(window)
        window.main_window().destroyed.connect(lambda *_: self._detach(window))
        self._cart_changed()
        self._display(lambda display: display.show_welcome())
        self.check_printer()
        self._printer_timer.start()
        self._retry_timer.start()

    def _detach(self, window: object) -> None:
        if self.window is window:
            self.window = None
            self.wedge = None
            self.reader_label = None
            self.display_label = None
            # At shutdown Qt may have deleted these before the window: nothing left to stop.
            if shiboken6.isValid(self._printer_timer):
                self._printer_timer.stop()
            if shiboken6.isValid(self._retry_timer):
                self._retry_timer.stop()
            if self.customer_screen is not None and shiboken6.isValid(self.customer_screen):
                self.customer_screen.show_cart(None)

    def _build_status(self, window: SaleScreen) -> None:
        bar = window.main_window().statusBar()
        self.reader_label = QLabel(window.main_window())
        self.reader_label.setObjectName("cardReaderStatus")
        self.reader_label.setAccessibleName(self.tr("读卡器状态"))
        self.display_label = QLabel(window.main_window())
        self.display_label.setObjectName("poleDisplayStatus")
        self.display_label.setAccessibleName(self.tr("顾客显示屏状态"))
        bar.insertPermanentWidget(0, self.reader_label)
        bar.insertPermanentWidget(1, self.display_label)
        self._show_reader_status()
        self._show_display_status()

    def _build_menu(self, window: SaleScreen) -> None:
        window.add_menu(
            self.tr("设备(&H)"),
            "devicesMenu",
            (
                ("printJobsAction", self.tr("打印任务"), self.open_print_jobs),
                ("deviceSettingsAction", self.tr("设备设置（需店长授权）"), self.open_settings),
            ),
        )

    def _note(self, text: str) -> None:
        if self.window is not None:
            self.window.main_window().statusBar().showMessage(text, STATUS_MESSAGE_MS)

    # -- card readers --------------------------------------------------------------------------

    def _card_noted(self, card_no: str) -> None:
        self._note(self.tr("已读取会员卡尾号 %1").replace("%1", card_tail(card_no)))

    def _swipe_failed(self, message: str) -> None:
        self._note(self.tr("刷卡未成功：%1").replace("%1", message))

    def _serial_card(self, card_no: str) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.swipe_result(card_no, None)
            return
        window = self.window
        if window is None:
            return
        dialog = window.dialog
        if dialog is None:
            window.cardSwiped.emit(card_no)
        elif hasattr(dialog, "take_card"):
            dialog.take_card(card_no)  # the member search or enrolment asked for a card
        else:
            window.show_message(self.tr("请先关闭当前对话框，再刷会员卡"), "error")

    def _serial_error(self, message: str) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.swipe_result(None, message)
        else:
            self._swipe_failed(message)

    def _serial_status(self, value: str) -> None:
        self.reader_status = ReaderStatus(value)
        self._show_reader_status()

    def _show_reader_status(self) -> None:
        label = self.reader_label
        if label is None:
            return
        serial = self.config.card_reader.kind == "serial"
        label.setVisible(serial)
        if not serial:
            return
        if self.reader_status is ReaderStatus.CONNECTED:
            label.setText(self.tr("读卡器：已连接"))
            label.setProperty("state", "ok")
        else:
            label.setText(self.tr("读卡器：未连接"))
            label.setProperty("state", "error")
        label.setToolTip(self.reader_status.label if self.reader_status else "")

    # -- printer -------------------------------------------------------------------------------

    def check_printer(self) -> None:
        """Ask the paper sensor off the GUI thread; the status bar says what it answered."""
        counter = self.counter
        run_task(lambda: counter.printer().status(), self._printer_checked)

    def _print_finished(self, ok: bool) -> None:
        if not ok:
            self.counter.print_retry.print_failed()
            self.check_printer()
        elif self.window is not None and not self._unconfirmed_left():
            self.window.show_printer(*self._printed_text())
            if self.printer_status is PrinterStatus.NOT_SET:
                self._note(self.tr("没有设置打印机，小票没有打印出来：请在 设备 → 设备设置 中设置"))

    def _unconfirmed_left(self) -> bool:
        """The label says "sent, not confirmed" and a job still waits for the cashier's look."""
        window = self.window
        return (
            window is not None
            and window.printer_unconfirmed()
            and self.counter.print_queue.unconfirmed_count() > 0
        )

    def _printed_text(self) -> tuple[str, str]:
        """The label after a slip went out: a printer that never answers the paper query may
        have printed it or not, so it stays unknown."""
        if self.printer_status is PrinterStatus.NO_ANSWER:
            return self.tr("打印机：未知"), "unknown"
        if self.printer_status is PrinterStatus.NOT_SET:
            return self.tr("打印机：未设置"), "unknown"
        return self.tr("打印机：正常"), "ok"

    def _printer_checked(self, status: object, error: BaseException | None) -> None:
        window = self.window
        if window is None:
            return
        if error is not None or not isinstance(status, PrinterStatus):
            log.info("printer status unavailable: %s", error)
            return
        self.printer_status = status
        failed = window.printer_failed() or self._unconfirmed_left()
        texts = {
            PrinterStatus.ONLINE: (self.tr("打印机：正常"), "ok"),
            PrinterStatus.PAPER_NEAR_END: (self.tr("打印机：纸将用完"), "ok"),
            PrinterStatus.PAPER_OUT: (self.tr("打印机：缺纸"), "error"),
            PrinterStatus.OFFLINE: (self.tr("打印机：未连接"), "error"),
            PrinterStatus.NO_ANSWER: (self.tr("打印机：未知"), "unknown"),
            PrinterStatus.NOT_SET: (self.tr("打印机：未设置"), "unknown"),
        }
        if status not in texts:
            return  # the transport cannot tell (file, USB, spooler): keep what printing said
        if failed and status in (
            PrinterStatus.ONLINE,
            PrinterStatus.OFFLINE,
            PrinterStatus.NO_ANSWER,
        ):
            return  # "故障" or "未确认" from the last print says more than "online"
        window.show_printer(*texts[status])

    def retry_failed_prints(self) -> None:
        """The retry timer's tick: when failed jobs are due another try, try them off the GUI
        thread (the manual "retry all" in the print jobs dialog stays)."""
        retry = self.counter.print_retry
        if retry.due():
            run_task(retry.tick, self._retried)

    def _retried(self, report: object, error: BaseException | None) -> None:
        if error is not None:
            log.warning("automatic print retry failed: %s", error)
            return
        if not isinstance(report, RetryReport) or report.status is None:
            return  # not due after all, or nothing had failed
        window = self.window
        if report.printed and not report.still_failing:
            self.printer_status = report.status
            if window is not None:
                window.show_printer(*self._printed_text())
        else:
            self._printer_checked(report.status, None)
        if report.printed:
            self._note(self.tr("已自动补打 %1 张小票").replace("%1", str(report.printed)))

    def open_print_jobs(self) -> None:
        window = self.window
        if window is None:
            return
        from app.ui.print_jobs_dialog import PrintJobsDialog

        dialog = PrintJobsDialog(
            window.main_window(),
            self.counter.print_queue,
            actor_id=window.session.staff.id,
            on_printed=window.printFinished.emit,
        )
        window.present(dialog)

    # -- pole display and customer screen ------------------------------------------------------

    def _display(self, show: Callable[[PoleDisplay], None]) -> None:
        """Send one screen to the pole display off the GUI thread, in order: writes take turns,
        and one overtaken by a newer screen is skipped (the display shows the latest)."""
        display = self.counter.pole_display
        if display is None:
            return
        self._display_seq += 1
        seq = self._display_seq

        def write() -> None:
            with self._display_lock:
                if seq == self._display_seq:
                    show(display)

        run_task(write, self._displayed)

    def _displayed(self, _result: object, error: BaseException | None) -> None:
        previous = self.display_error
        self.display_error = None if error is None else message_for(error, context="pole display")
        if self.display_error != previous:
            self._show_display_status()

    def _show_display_status(self) -> None:
        label = self.display_label
        if label is None:
            return
        label.setVisible(self.display_error is not None)
        label.setText(self.tr("顾客显示屏：未连接") if self.display_error else "")
        label.setToolTip(self.display_error or "")
        label.setProperty("state", "error")

    def _line_scanned(self, index: int) -> None:
        window = self.window
        if window is None or not 0 <= index < len(window.session.cart.lines):
            return
        line = window.session.cart.lines[index]
        fixed = line.fixed_amount_fen is not None or line.product.by_weight
        price = line.gross_fen if fixed else line.unit_price_fen
        name, total = line.product.name, window.model.totals.total_fen
        self._display(lambda display: display.show_item(name, price, total))

    def _payment_started(self, total_fen: int) -> None:
        self._display(lambda display: display.show_total(total_fen))
        self._show_cart_to_customer()  # the cart before the amount due, never after it
        if self.customer_screen is not None:
            self.customer_screen.show_due(total_fen)

    def _sale_paid(self, result: SaleResult) -> None:
        paid = result.total_fen + result.change_fen
        change = result.change_fen
        self._display(lambda display: display.show_change(paid, change))
        self._show_cart_to_customer()  # the emptied cart before the change, never after it
        if self.customer_screen is not None:
            self.customer_screen.show_paid(result.total_fen, change)

    def _cart_changed(self, *_args: object) -> None:
        """The customer screen follows the cart in the next turn of the event loop: the
        cashier's window paints the scanned row first (its frame), and several changes of
        one action reach the customer's window once."""
        if self.customer_screen is not None and not self._customer_screen_due:
            self._customer_screen_due = True
            QTimer.singleShot(0, self._show_cart_to_customer)

    def _show_cart_to_customer(self) -> None:
        """The cart as it is now, if a change is still due (the payment flushes it early)."""
        if not self._customer_screen_due:
            return
        self._customer_screen_due = False
        if self.customer_screen is not None and self.window is not None:
            model = self.window.model
            self.customer_screen.show_cart(model.cart, model.totals)

    def _customer_screen_gone(self, *_args: object) -> None:
        self.customer_screen = None

    def _apply_customer_screen(self, config: Config) -> None:
        wanted = config.customer_screen
        if not wanted.enabled:
            if self.customer_screen is not None:
                self.customer_screen.close()
                self.customer_screen.deleteLater()
                self.customer_screen = None
            return
        if self.customer_screen is None:
            from app.ui.customer_display import CustomerScreen

            self.customer_screen = CustomerScreen(config.store_name)
            self.customer_screen.destroyed.connect(self._customer_screen_gone)
        self.customer_screen.open_on(wanted.screen)
        self._cart_changed()

    # -- settings ------------------------------------------------------------------------------

    def open_settings(self) -> None:
        window = self.window
        if window is None:
            return
        staff = window.session.staff
        if staff.can_approve:
            self._show_settings(window)
            return
        from app.pos.staff import Sensitive
        from app.ui.approval import ApprovalDialog

        window.present(
            ApprovalDialog(
                window.main_window(), window.session.service, Sensitive.DEVICE_SETTINGS, staff
            ),
            lambda _approver: self._show_settings(window),
        )

    def _show_settings(self, window: SaleScreen) -> None:
        from app.ui.settings_dialog import DeviceSettingsDialog

        dialog = DeviceSettingsDialog(window.main_window(), self.counter)
        self.settings_dialog = dialog

        def closed(_code: int) -> None:
            if self.settings_dialog is dialog:
                self.settings_dialog = None

        dialog.finished.connect(closed)
        window.present(dialog, self._settings_saved)

    def _settings_saved(self, saved: tuple[Config, str]) -> None:
        config, note = saved
        self.apply(config)
        if self.window is not None:
            self.window.show_message(note, "ok")

    def apply(self, config: Config) -> None:
        """Put saved settings in force now: printer, reader, wedge timing, displays."""
        from app.bootstrap import wedge_settings

        reader_changed = config.card_reader != self.counter.config.card_reader
        self.counter.apply_settings(config)
        if reader_changed:
            self.reader_status = (
                self.counter.card_reader.status if self.counter.card_reader else None
            )
        if self.wedge is not None:
            self.wedge.configure(wedge_settings(config), swipe_settings(config.card_reader))
        self.display_error = None
        self._show_reader_status()
        self._show_display_status()
        self._apply_customer_screen(config)
        self.check_printer()
