"""``python main.py demo --members 100000 --days 365``: a year of made-up history (about
1,100,000 order lines) into an empty data directory, against a target of 60 s (issue #11).

The history is written as the command writes it (:func:`app.pos.demo_history.generate_history`
on a store opened by :func:`app.pos.store_start.open_store`, the connection closed at the end;
the rows are built in a second process while this one writes them, so on the counter's two
cores the figure is about the larger of the two). The baseline, measured in the same run, is
the least any such write costs: a plain sqlite3 ``executemany`` of as many ready-made 19-column
rows as the history wrote order lines, into a table keyed by a text id, one transaction, the
counter's pragmas. The ratio is what building a consistent history (every ledger, stock move,
audit line and outbox event beside each line, the indexes built at the end) costs on top of
writing its lines.

``BENCH_DEMO_MEMBERS`` and ``BENCH_DEMO_DAYS`` give a quicker look (e.g. 20000 members).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from app.config import load_config
from app.pos.demo_history import generate_history
from app.pos.store_start import open_store
from app.storage.db import SQLITE_PRAGMAS
from bench.figures import Figure

MEMBERS = int(os.environ.get("BENCH_DEMO_MEMBERS", 100_000))
DAYS = int(os.environ.get("BENCH_DEMO_DAYS", 365))
SEED = 1
TODAY = dt.date(2026, 12, 2)
TARGET_S = 60.0


def _baseline(path: Path, count: int) -> float:
    """Seconds to write ``count`` order-line-like rows with one plain executemany."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    connection.execute(
        "CREATE TABLE lines (id TEXT PRIMARY KEY, order_id TEXT, line_no INTEGER,"
        " product_id TEXT, original_line_id TEXT, name TEXT, barcode TEXT, unit TEXT,"
        " qty_milli INTEGER, list_price_fen INTEGER, unit_price_fen INTEGER, gross_fen INTEGER,"
        " line_discount_fen INTEGER, order_share_fen INTEGER, net_fen INTEGER,"
        " refunded_qty_milli INTEGER, refunded_fen INTEGER, cost_fen INTEGER,"
        " discount_label TEXT)"
    )
    product = str(uuid.uuid4())
    start = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                f"{n:032x}",
                f"{n // 3:032x}",
                n % 3 + 1,
                product,
                None,
                "可口可乐 330ml",
                "6901234567890",
                "瓶",
                1000,
                350,
                350,
                350,
                0,
                0,
                350,
                0,
                0,
                210,
                None,
            )
            for n in range(count)
        ),
    )
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - start


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as directory:
        data_dir = Path(directory) / "data"
        config = load_config(data_dir)
        start = time.perf_counter()
        db = open_store(config)
        try:
            report = generate_history(
                db, config, members=MEMBERS, days=DAYS, seed=SEED, today=TODAY
            )
        finally:
            db.dispose()
        seconds = time.perf_counter() - start
        baseline = _baseline(Path(directory) / "baseline.db", report.lines)
    return [
        Figure(
            f"demo: {MEMBERS:,} members, {report.lines:,} lines",
            seconds,
            "s",
            f"<= {TARGET_S:.0f} s",
            seconds / baseline,
        ),
        Figure(f"demo: baseline {report.lines:,} rows", baseline, "s", "plain executemany"),
    ]
