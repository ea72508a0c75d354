"""A sale committed while the sync worker drains a backlog (target p99 <= 50 ms), against the
same sales with no worker in the same run, and how long a 100,000-event backlog takes to drain.

What it measures, as the counter runs it: the head office is ``main.py headoffice serve`` in its
own process on SQLite; the counter's :class:`SyncWorker` pushes from its own thread
(``worker.start()``, the window's way); a seller thread of the same process rings up a member's
5-line cash sale through ``CounterService.pay`` (one transaction: order, lines, stock moves,
points ledger entry, audit row, outbox event) on a steady schedule, one every
:data:`SALE_EVERY_S`. A sale's latency is its whole ``pay`` call; its wait for the write lock
(``BEGIN IMMEDIATE``) and its ``COMMIT`` are timed apart, so a tail shows where it comes from.
The baseline is :data:`SALES` sales on the same schedule before the head office starts.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import tomli_w
from sqlalchemy import event

from app.config import load_config
from app.members.enrolment import enrol
from app.pos.cart import Cart
from app.pos.catalog import ProductInput, create_product
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.shifts import open_shift
from app.pos.staff import add_staff
from app.pos.store_start import open_store
from app.pos.tenders import Tender, TenderMethod
from app.storage.database import Database
from app.storage.ids import new_id
from app.storage.models import Role
from app.storage.outbox import add_event_rows, event_rows
from app.sync import queue
from app.sync.protocol import GapReply, PushReply
from app.sync.spending import guard_sales
from app.sync.worker import SyncWorker
from bench.figures import Figure

ROOT = Path(__file__).resolve().parents[1]
#: BENCH_SYNC_EVENTS=20000 for a quicker look (the drain figure is then not the target's).
EVENTS = int(os.environ.get("BENCH_SYNC_EVENTS", "100000"))
#: Sales on the schedule with no worker; the sales beside the worker are as many as the drain
#: lasts (at least this many are wanted: a shorter drain says so).
SALES = int(os.environ.get("BENCH_SYNC_SALES", "500"))
SALE_EVERY_S = 0.02
LINES = 5
CARD = "88001234"
DRAIN_TARGET = "<= 60 s"
SALE_TARGET = "p99 <= 50 ms"
ROWS_PER_WRITE = 10_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cash_sale_payload(n: int) -> dict[str, object]:
    """A cash sale as ``app.pos.order_rows.order_payload`` writes it (its lines left out)."""
    return {
        "order_id": new_id(),
        "receipt_no": f"S001-01-20261123-{n:06d}",
        "kind": "sale",
        "state": "paid",
        "business_day": "2026-11-23",
        "created_at": "2026-11-23T10:00:00+00:00",
        "cashier_id": "bench",
        "approver_id": None,
        "shift_id": None,
        "member_id": None,
        "original_order_id": None,
        "subtotal_fen": 12_50,
        "discount_fen": 0,
        "rounding_fen": 0,
        "total_fen": 12_50,
        "change_fen": 0,
        "lines": [],
        "payments": [{"method": "cash", "amount_fen": 12_50}],
        "ledger_entries": [],
    }


def _office_env(directory: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "POS_HEADOFFICE_DIR": str(directory)}


def _start_headoffice(directory: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "headoffice", "serve", "--port", str(port)],
        cwd=ROOT,
        env=_office_env(directory),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                return server
        except requests.RequestException:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the head office did not start")


def _register(directory: Path, port: int) -> str:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "headoffice",
            "add-store",
            "S001",
            "一号店",
            "--url",
            f"http://127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=_office_env(directory),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout[done.stdout.index("[headoffice]") :]


class SaleTimes:
    """Each sale's whole ``pay`` call, and within it the seller thread's ``BEGIN IMMEDIATE``
    (the wait for the write lock) and ``COMMIT`` (the WAL append, its fsync, any checkpoint)."""

    def __init__(self, db: Database) -> None:
        self.total: list[float] = []
        self.lock_wait: list[float] = []
        self.commit: list[float] = []
        self.seller: int | None = None
        self._started: dict[str, float] = {}
        self._phase: str | None = None
        event.listen(db.engine, "before_cursor_execute", self._before)
        event.listen(db.engine, "after_cursor_execute", self._after)
        event.listen(db.engine, "commit", self._commit_begins)

    def detach(self, db: Database) -> None:
        event.remove(db.engine, "before_cursor_execute", self._before)
        event.remove(db.engine, "after_cursor_execute", self._after)
        event.remove(db.engine, "commit", self._commit_begins)

    def _mine(self) -> bool:
        return threading.get_ident() == self.seller

    def _before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self._mine() and statement.startswith("BEGIN"):
            self._started["begin"] = time.perf_counter()

    def _after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self._mine() and statement.startswith("BEGIN") and "begin" in self._started:
            self.lock_wait.append(time.perf_counter() - self._started.pop("begin"))

    def _commit_begins(self, conn: Any) -> None:
        if self._mine():
            self._started["commit"] = time.perf_counter()

    def sale_done(self, seconds: float) -> None:
        self.total.append(seconds)
        started = self._started.pop("commit", None)
        if started is not None:
            self.commit.append(time.perf_counter() - started)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.99 for p99) of ``values``, in ms."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def _sell(sale: Callable[[], None], times: SaleTimes, until: Callable[[int], bool]) -> None:
    """Sales on a steady schedule, one every SALE_EVERY_S (a late one does not bunch the next
    ones up), until ``until(sales made)``."""
    times.seller = threading.get_ident()
    due = time.perf_counter()
    made = 0
    while not until(made):
        start = time.perf_counter()
        sale()
        times.sale_done(time.perf_counter() - start)
        made += 1
        due = max(due + SALE_EVERY_S, time.perf_counter())
        time.sleep(max(0.0, due - time.perf_counter()))


def _in_thread(target: Callable[[], None]) -> None:
    seller = threading.Thread(target=target, name="seller")
    seller.start()
    seller.join()


def _truncate_wal(db: Database) -> None:
    connection = db.engine.raw_connection()
    try:
        driver = connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        connection.close()


def _figures(label: str, times: SaleTimes, baseline: SaleTimes | None) -> list[Figure]:
    rows = []
    for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        value = percentile(times.total, share)
        ratio = None if baseline is None else value / percentile(baseline.total, share)
        target = SALE_TARGET if (name == "p99" and baseline is not None) else "-"
        rows.append(Figure(f"{name} sale {label}", value, "ms", target, ratio=ratio))
    rows += [
        Figure(f"  max sale {label}", max(times.total) * 1000, "ms", "-"),
        Figure(f"  p99 lock wait {label}", percentile(times.lock_wait, 0.99), "ms", "-"),
        Figure(f"  p99 commit {label}", percentile(times.commit, 0.99), "ms", "-"),
        # the baseline rings a fixed number; while pushing, as many as the drain lasted
        Figure(f"  sales {label}", len(times.total), "", "during the drain" if baseline else "-"),
    ]
    return rows


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as directory:
        office_dir = Path(directory) / "office"
        data_dir = Path(directory) / "counter"
        office_dir.mkdir()
        data_dir.mkdir()
        port = _free_port()
        table = _register(office_dir, port)
        settings = tomli_w.dumps({"printer_uri": "dummy:"}) + "\n" + table
        (data_dir / "config.toml").write_text(settings, encoding="utf-8")
        config = load_config(data_dir)
        db = open_store(config)
        service = CounterService(db, config)
        guard = guard_sales(service)  # as app.bootstrap does for a counter of a chain
        with db.transaction() as session:
            cashier = add_staff(session, "收银员", Role.CASHIER, "1234")
            products = [
                create_product(
                    session,
                    ProductInput(name=f"商品{n}", price_fen=100 + n * 37),
                    opening_stock_milli=10**9,
                )
                for n in range(LINES)
            ]
            shift = open_shift(session, cashier, 0)
            enrol(
                session,
                card_no=CARD,
                phone="13800001234",
                name="王会员",
                on=service.today(),
                actor_id=cashier.id,
            )
        cart = Cart()
        for product in products:
            cart.add(cart_product(product))
        cart.attach_member(MemberDesk(db, config).queries.attach_member(CARD, cashier))
        total = cart.totals().total_fen

        def sale() -> None:
            service.pay(
                cart, [Tender(TenderMethod.CASH, total)], cashier=cashier, shift_id=shift.id
            )

        for first in range(0, EVENTS, ROWS_PER_WRITE):
            count = min(ROWS_PER_WRITE, EVENTS - first)
            rows = event_rows([("SalePaid", _cash_sale_payload(first + n)) for n in range(count)])
            with db.transaction() as session:
                add_event_rows(session, rows)

        times = SaleTimes(db)
        _in_thread(lambda: _sell(sale, times, lambda made: made >= SALES))
        baseline = times
        baseline.detach(db)
        times = SaleTimes(db)
        with db.reading() as session:
            backlog_last = queue.last_seq(session)  # the baseline's sales wait too

        _truncate_wal(db)  # the baseline's sales grew it: the drain's high-water alone
        server = _start_headoffice(office_dir, port)
        worker = SyncWorker(db, config)
        waited_on_office = [0.0]
        push = worker.client.push_body

        def timed_push(body: bytes) -> PushReply | GapReply:
            start = time.perf_counter()
            try:
                return push(body)
            finally:
                waited_on_office[0] += time.perf_counter() - start

        worker.client.push_body = timed_push  # type: ignore[method-assign]
        drained = threading.Event()
        acknowledge = queue.acknowledge

        def noted_acknowledge(db: Database, first: int, last: int, **kw: Any) -> int:
            try:
                return acknowledge(db, first, last, **kw)
            finally:
                if last >= backlog_last:
                    drained.set()

        queue.acknowledge = noted_acknowledge  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            worker.start()
            _in_thread(lambda: _sell(sale, times, lambda made: drained.is_set()))
            drain_s = time.perf_counter() - start
            wal_bytes = Path(f"{config.database_path}-wal").stat().st_size
        finally:
            queue.acknowledge = acknowledge  # type: ignore[assignment]
            worker.stop()
            guard.client.close()
            server.terminate()
            server.wait(10)
            db.dispose()
        return [
            Figure(f"drain {EVENTS:,} events", drain_s, "s", DRAIN_TARGET),
            Figure("  of which the head office's replies", waited_on_office[0], "s", "-"),
            Figure("  events per second", EVENTS / drain_s, "/s", "-"),
            Figure("  counter WAL after the drain", wal_bytes / 2**20, "MiB", "-"),
            *_figures("while pushing", times, baseline),
            *_figures("no worker", baseline, None),
            Figure("  mean sale no worker", statistics.fmean(baseline.total) * 1000, "ms", "-"),
        ]
