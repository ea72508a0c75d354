"""What a push does to the counter's database beside the sales: an acknowledgement is one UPDATE
per batch on a connection that does not wait for the disk, no read transaction is open while a
request is on the wire, and the WAL is checkpointed after each acknowledgement so it stays short."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import event

from app.storage.database import Database
from app.storage.outbox import add_event_rows, event_rows
from app.sync import queue
from app.sync.client import HeadOfficeClient
from app.sync.protocol import EventResult, GapReply, PushReply, SyncStatus
from app.sync.worker import SyncWorker
from tests.sync.conftest import Store


def _queue(db: Database, count: int) -> None:
    rows = event_rows([("ShiftClosed", {"n": n, "note": "x" * 200}) for n in range(count)])
    with db.transaction() as session:
        add_event_rows(session, rows)


def _truncate_wal(path: Path) -> tuple[int, int, int]:
    """A TRUNCATE checkpoint from a connection of its own that waits for no one: it completes,
    (0, 0, 0), only when no other connection holds a read or write transaction."""
    connection = sqlite3.connect(path, timeout=0)
    try:
        busy, log, done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    return int(busy), int(log), int(done)


class _Office(HeadOfficeClient):
    """A head office that takes every batch; it notes the counter's WAL size as each arrives."""

    def __init__(self, store: Store) -> None:
        assert store.config.headoffice is not None
        super().__init__(store.config.headoffice)
        self.wal = Path(f"{store.config.database_path}-wal")
        self.wal_sizes: list[int] = []

    def status(self) -> SyncStatus:
        return SyncStatus(self.config.device_id, self.config.store_code, 1, 0, None, None)

    def push_body(self, body: bytes) -> PushReply | GapReply:
        self.wal_sizes.append(self.wal.stat().st_size)
        events = json.loads(body)["events"]
        results = [EventResult(e["id"], e["seq"], "applied") for e in events]
        return PushReply(results, events[-1]["seq"])


def test_an_acknowledgement_is_one_update_per_batch_without_waiting_for_the_disk(
    stores: tuple[Store, Store],
) -> None:
    a, _ = stores
    _queue(a.db, 1_200)  # three batches
    updates: list[tuple[str, int]] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE OUTBOX"):
            synchronous = conn.connection.driver_connection.execute(
                "PRAGMA synchronous"
            ).fetchone()[0]
            updates.append((statement, int(synchronous)))

    for engine in (a.db.engine, a.db.bookkeeping_engine):
        event.listen(engine, "before_cursor_execute", seen)
    office = _Office(a)
    try:
        outcome = SyncWorker(a.db, a.config, office).push()
    finally:
        for engine in (a.db.engine, a.db.bookkeeping_engine):
            event.remove(engine, "before_cursor_execute", seen)
        office.close()
    assert outcome.sent == 1_200
    assert len(updates) == 3
    assert {synchronous for _, synchronous in updates} == {1}  # NORMAL: no fsync at commit
    with a.db.engine.connect() as connection:  # a sale's connection still waits for the disk
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    with a.db.reading() as session:
        assert queue.backlog(session).waiting == 0


def test_the_wal_stays_about_one_batch_long_during_a_long_drain(
    stores: tuple[Store, Store],
) -> None:
    a, _ = stores
    _queue(a.db, 5_000)  # ten batches
    assert _truncate_wal(a.config.database_path) == (0, 0, 0)
    office = _Office(a)
    try:
        SyncWorker(a.db, a.config, office).push()
    finally:
        office.close()
    wal = office.wal.stat().st_size  # the file only grows: its size is the high-water mark
    after_first = office.wal_sizes[2]  # after the first acknowledgement and its checkpoint
    assert after_first > 0
    # Without the checkpoint after each acknowledgement, the ten acknowledgements pile up in
    # the WAL (ten times the first) until SQLite's own checkpoint runs in some commit.
    assert wal <= 2 * after_first, office.wal_sizes


class _Watching(HTTPAdapter):
    """The real transport, which first checks that the counter's database is left alone."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.checked: list[tuple[str, tuple[int, int, int]]] = []

    def send(self, request: Any, *args: Any, **kwargs: Any) -> requests.Response:
        self.checked.append((str(request.path_url), _truncate_wal(self.path)))
        return super().send(request, *args, **kwargs)


def test_no_read_transaction_is_open_while_a_request_is_on_the_wire(
    stores: tuple[Store, Store],
) -> None:
    a, _ = stores
    assert a.config.headoffice is not None
    _queue(a.db, 700)  # two pushes
    session = requests.Session()
    watching = _Watching(a.config.database_path)
    session.mount("http://", watching)
    client = HeadOfficeClient(a.config.headoffice, session=session)
    try:
        report = SyncWorker(a.db, a.config, client).run_once()
    finally:
        client.close()
    assert report.all_acknowledged
    paths = [path for path, _ in watching.checked]
    assert sum("/sync/push" in path for path in paths) == 2
    assert any("/sync/pull" in path for path in paths)
    assert all(result == (0, 0, 0) for _, result in watching.checked), watching.checked
