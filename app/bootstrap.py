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
from app.pos.counter import CounterService
from app.pos.demo import is_empty, seed_demo_store
from app.pos.member_desk.desk import MemberDesk
from app.pos.store_start import open_store
from app.storage.database import Database

log = logging.getLogger(__name__)

CardCallback = Callable[[str], None]
StatusCallback = Callable[[ReaderStatus], None]


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
    #: Tries failed jobs again by itself; the screen's timer drives it off the GUI thread.
    print_retry: PrintRetry = dataclasses.field(init=False)

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

    def close(self) -> None:
        self._stop_card_reader()
        if self.pole_display is not None:
            self.pole_display.close()
        self.db.dispose()

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


def build(data_dir: Path | None = None, *, seed_demo: bool = False) -> Counter:
    """Open the store (made, migrated and given its default card type if new); seed the demo
    store into an empty one if asked.

    Devices are built here but not started: the screen starts the serial card reader with its
    callbacks (:meth:`Counter.start_card_reader`), and :meth:`Counter.close` stops everything.
    """
    config = load_config(data_dir)
    db = open_store(config)
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
    )
    # The queue follows the settings in force, so a saved printer applies at once.
    counter.print_queue.printer_factory = counter.printer
    counter.print_queue.encoding = printer_encoding(config)
    counter.pole_display = build_pole_display(config.pole_display)
    return counter
