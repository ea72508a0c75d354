"""The composition root: the one place that builds the database, printers, readers and services."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from app.config import Config, PoleDisplayConfig, load_config
from app.devices.card_reader import FrameKind, Framing, ReaderStatus, SerialCardReader
from app.devices.escpos_render import Encoding
from app.devices.pole_display import CommandSet, PoleDisplay
from app.devices.print_queue import PrintQueue, PrintRetry
from app.devices.printers import Printer, open_printer
from app.devices.swipe import swipe_settings
from app.devices.wedge import WedgeSettings
from app.errors import KnownError
from app.pos.counter import CounterService
from app.pos.demo import is_empty, seed_demo_store
from app.pos.member_desk.desk import MemberDesk
from app.pos.store_start import open_store
from app.storage import integrity
from app.storage.backup import Restored, latest_good_backup, restore_backup
from app.storage.database import QUICK_CHECK_AT_START_MAX_BYTES, Database, damaged_message
from app.sync.spending import guard_sales
from app.sync.worker import SyncWorker

log = logging.getLogger(__name__)

CardCallback = Callable[[str], None]
StatusCallback = Callable[[ReaderStatus], None]


class StoreMissing(KnownError):
    """The window found no store in its data directory; it makes none (and no demo) by itself."""


@dataclasses.dataclass(frozen=True)
class ReaderCallbacks:
    """Where a serial reader's events go; they run on the reader's thread."""

    on_card: CardCallback
    on_error: CardCallback
    on_status: StatusCallback


@dataclasses.dataclass
class Counter:
    """Everything a running counter needs, built once at start."""

    config: Config
    db: Database
    service: CounterService
    print_queue: PrintQueue
    pole_display: PoleDisplay | None = None
    card_reader: SerialCardReader | None = None
    _reader_callbacks: ReaderCallbacks | None = None
    #: True when the page check of a large database was left for after the login window.
    pages_unchecked: bool = False
    #: Tries failed jobs again by itself; the screen's timer drives it off the GUI thread.
    print_retry: PrintRetry = dataclasses.field(init=False)
    #: Pushes and pulls on its own thread when ``[headoffice]`` is set (None: works alone).
    sync: SyncWorker | None = None

    def __post_init__(self) -> None:
        self.print_retry = PrintRetry(self.print_queue)

    @property
    def members(self) -> MemberDesk:
        """The member services at this counter, on the settings in force."""
        return MemberDesk(self.db, self.config)

    def printer(self) -> Printer:
        """The printer the settings name now (nothing is connected until it is used)."""
        return printer_factory(self.config)

    def start_card_reader(self, callbacks: ReaderCallbacks) -> SerialCardReader | None:
        """Start the serial reader the settings name (None for a wedge reader or none)."""
        self._reader_callbacks = callbacks
        self._stop_card_reader()
        self.card_reader = build_card_reader(self.config, callbacks)
        if self.card_reader is not None:
            self.card_reader.start()
        return self.card_reader

    def apply_settings(self, config: Config) -> None:
        """Put saved device settings in force without a restart."""
        old = self.config
        self.config = config
        self.service.config = config
        self.print_queue.config = config
        self.print_queue.width = config.receipt_width
        self.print_queue.encoding = printer_encoding(config)
        if config.pole_display != old.pole_display:
            if self.pole_display is not None:
                self.pole_display.close()
            self.pole_display = build_pole_display(config.pole_display)
        if config.card_reader != old.card_reader and self._reader_callbacks is not None:
            self.start_card_reader(self._reader_callbacks)

    def check_pages(self) -> None:
        """The quick check of every page left from the start (DatabaseDamaged when damaged)."""
        path = self.config.database_path
        problem = integrity.damage(path, full=False)
        if problem is not None:
            raise damaged_message(path, problem)
        self.pages_unchecked = False

    def start_sync(self) -> None:
        """Start the sync worker's thread (once; nothing without ``[headoffice]``)."""
        if self.sync is not None:
            self.sync.start()

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop()
        self._stop_card_reader()
        if self.pole_display is not None:
            self.pole_display.close()
        self.db.dispose()

    def restore(self, backup: Path) -> Restored:
        """Put ``backup`` in place of the database, after :meth:`close` (the window's lock must be
        released too: the restore takes it). The replaced database is kept in ``replaced/``."""
        return restore_backup(backup, self.config.database_path)

    def _stop_card_reader(self) -> None:
        reader, self.card_reader = self.card_reader, None
        if reader is not None:
            reader.stop()


def printer_factory(config: Config) -> Printer:
    return open_printer(config.printer_uri, config.printer_timeout_seconds)


def printer_encoding(config: Config) -> Encoding:
    return "gbk" if config.printer_encoding == "gbk" else "gb18030"


def print_queue_for(db: Database, config: Config) -> PrintQueue:
    """A print queue on ``config``'s printer (the settings screen's test print uses one)."""
    return PrintQueue(
        db, lambda: printer_factory(config), config, encoding=printer_encoding(config)
    )


def wedge_settings(config: Config) -> WedgeSettings:
    """Key timing for the scan field; prefix and suffix stay in the text so a swipe is known."""
    return WedgeSettings(
        max_interval_ms=float(config.wedge.max_interval_ms), min_length=config.wedge.min_length
    )


def build_card_reader(config: Config, callbacks: ReaderCallbacks) -> SerialCardReader | None:
    card = config.card_reader
    if card.kind != "serial":
        return None
    return SerialCardReader(
        card.port,
        card.baudrate,
        Framing(FrameKind(card.framing), check_byte=card.check_byte),
        swipe_settings(card),
        on_card=callbacks.on_card,
        on_error=callbacks.on_error,
        on_status=callbacks.on_status,
    )


def build_pole_display(settings: PoleDisplayConfig) -> PoleDisplay | None:
    if not settings.enabled:
        return None
    return PoleDisplay(
        settings.port,
        settings.baudrate,
        settings.width,
        settings.encoding,
        command_set=CommandSet(settings.command_set),
    )


def require_store(config: Config) -> None:
    """Refuse to open a window on a data directory without a store (StoreMissing).

    A wrong data directory or a lost database must not quietly become a new, empty store (nor
    the demo store, whose PINs are public): the window says what is missing and how to fix it.
    """
    if integrity.is_blank(config.database_path):
        last = latest_good_backup(config.data_dir)
        raise StoreMissing(
            "数据目录 %1 里没有收银数据。若目录不对，"
            "请用 --data-dir 或 POS_DATA_DIR 指定正确的目录；"
            "若数据丢失，请用 python main.py restore 从备份恢复（最近的完好备份：%2）；"
            "新开的店请先用 python main.py add-staff 姓名 owner 添加店主，"
            "或用 python main.py demo 试用演示门店",
            config.data_dir,
            last if last is not None else "无",
        )


def require_staff(counter: Counter) -> None:
    """Refuse a store nobody can log in to, saying how to add the first account."""
    if not counter.service.staff_names():
        raise StoreMissing(
            "数据目录 %1 里的收银数据还没有员工账号，无法登录：请先用 "
            "python main.py add-staff 姓名 owner 添加店主"
            "（试用请在空的数据目录运行 python main.py demo）",
            counter.config.data_dir,
        )


def build(
    data_dir: Path | None = None, *, seed_demo: bool = False, for_window: bool = False
) -> Counter:
    """Open the store (made, migrated and given its default card type if new); seed the demo
    store into an empty one only if asked.

    ``for_window``: the cashier window's start. It makes no store (:func:`require_store`), needs
    a staff account (:func:`require_staff`), and leaves the page check of a database larger than
    :data:`QUICK_CHECK_AT_START_MAX_BYTES` for after the login window
    (:meth:`Counter.check_pages`), so a cold start stays quick; the header and schema are always
    checked first.

    Devices are built here but not started: the screen starts the serial card reader with its
    callbacks (:meth:`Counter.start_card_reader`), and :meth:`Counter.close` stops everything.
    """
    config = load_config(data_dir)
    defer_pages = False
    if for_window:
        require_store(config)
        defer_pages = config.database_path.stat().st_size > QUICK_CHECK_AT_START_MAX_BYTES
    db = open_store(config, quick_check=not defer_pages)
    if seed_demo:
        with db.transaction() as session:
            if is_empty(session):
                count = seed_demo_store(session)
                log.info("seeded the demo store with %d products", count)
    counter = Counter(
        config=config,
        db=db,
        service=CounterService(db, config),
        print_queue=PrintQueue(db, lambda: printer_factory(config), config),
        pages_unchecked=defer_pages,
    )
    # The queue follows the settings in force, so a saved printer applies at once.
    counter.print_queue.printer_factory = counter.printer
    counter.print_queue.encoding = printer_encoding(config)
    if for_window:
        try:
            require_staff(counter)
        except BaseException:
            db.dispose()
            raise
    counter.pole_display = build_pole_display(config.pole_display)
    if config.headoffice is not None:
        counter.sync = SyncWorker(db, config)
        guard_sales(counter.service)
    return counter
