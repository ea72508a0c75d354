"""The sync worker draining a week offline: 100,000 events pushed to a head office, and the
longest a 5-line cash sale took while the worker pushed (its wait for the write lock included).

The head office runs as the office runs it, ``main.py headoffice serve`` in its own process on
SQLite; the counter's worker pushes from a thread of this process as the window's does, and a
second thread sells every 50 ms on its own connection of the same database file. Sales made
with no worker running, in the same run, are the baseline.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import tomli_w

from app.config import load_config
from app.pos.cart import Cart
from app.pos.catalog import ProductInput, create_product
from app.pos.counter import CounterService, cart_product
from app.pos.shifts import open_shift
from app.pos.staff import add_staff
from app.pos.store_start import open_store
from app.pos.tenders import Tender, TenderMethod
from app.storage.ids import new_id
from app.storage.models import Role
from app.storage.outbox import add_event_rows, event_rows
from app.sync.protocol import GapReply, PushReply
from app.sync.worker import SyncWorker
from bench.figures import Figure, median, p99

ROOT = Path(__file__).resolve().parents[1]
#: BENCH_SYNC_EVENTS=10000 for a quicker look.
EVENTS = int(os.environ.get("BENCH_SYNC_EVENTS", "100000"))
SALE_EVERY_S = 0.05
LINES = 5
BASELINE_SALES = 100
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


def _start_headoffice(directory: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "headoffice", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "POS_HEADOFFICE_DIR": str(directory)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
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
        env={**os.environ, "PYTHONPATH": str(ROOT), "POS_HEADOFFICE_DIR": str(directory)},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout[done.stdout.index("[headoffice]") :]


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
        cart = Cart()
        for product in products:
            cart.add(cart_product(product))
        service = CounterService(db, config)
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

        alone: list[float] = []
        for _ in range(BASELINE_SALES):
            start = time.perf_counter()
            sale()
            alone.append(time.perf_counter() - start)
            time.sleep(SALE_EVERY_S)

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
        waits: list[float] = []
        done = threading.Event()

        def sell() -> None:
            while not done.is_set():
                start = time.perf_counter()
                sale()
                waits.append(time.perf_counter() - start)
                done.wait(SALE_EVERY_S)

        seller = threading.Thread(target=sell)
        try:
            seller.start()
            start = time.perf_counter()
            report = worker.run_once()
            while not report.all_acknowledged:  # the sales made meanwhile
                report = worker.run_once()
            drain_s = time.perf_counter() - start
        finally:
            done.set()
            seller.join()
            worker.stop()
            server.terminate()
            server.wait(10)
            db.dispose()
        print(f"  ({len(waits)} sales during the drain)", flush=True)
        return [
            Figure(f"drain {EVENTS:,} events", drain_s, "s", DRAIN_TARGET),
            Figure("  of which the head office's replies", waited_on_office[0], "s", "-"),
            Figure("  events per second", EVENTS / drain_s, "/s", "-"),
            Figure(
                "p99 sale while pushing",
                p99(waits) * 1000,
                "ms",
                SALE_TARGET,
                ratio=p99(waits) / p99(alone),
            ),
            Figure("p99 sale, no worker (baseline)", p99(alone) * 1000, "ms", "-"),
            Figure("longest sale while pushing", max(waits) * 1000, "ms", "-"),
            Figure("median sale while pushing", median(waits) * 1000, "ms", "-"),
        ]
