"""The composition root: the one place that builds the database, printers and services."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from app.config import Config, load_config
from app.devices.print_queue import PrintQueue
from app.devices.printers import Printer, open_printer
from app.pos.counter import CounterService
from app.pos.demo import is_empty, seed_demo_store
from app.storage.database import Database

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Counter:
    """Everything a running counter needs, built once at start."""

    config: Config
    db: Database
    service: CounterService
    print_queue: PrintQueue

    def close(self) -> None:
        self.db.dispose()


def printer_factory(config: Config) -> Printer:
    return open_printer(config.printer_uri, config.printer_timeout_seconds)


def build(data_dir: Path | None = None, *, seed_demo: bool = False) -> Counter:
    """Open (and migrate) the counter's database; seed the demo store into an empty one if asked."""
    config = load_config(data_dir)
    db = Database.for_config(config)
    if seed_demo:
        with db.transaction() as session:
            if is_empty(session):
                count = seed_demo_store(session)
                log.info("seeded the demo store with %d products", count)
    return Counter(
        config=config,
        db=db,
        service=CounterService(db, config),
        print_queue=PrintQueue(db, lambda: printer_factory(config), config),
    )
