"""Scan and search speed on a 100,000-product catalog, against the same queries in raw sqlite3.

Each timing covers one user action as the screen runs it: open a reading session, look up, turn
the rows into views. The raw baseline runs equivalent SQL on a plain ``sqlite3`` connection, so
the ratio is what SQLAlchemy and the views cost on this machine today.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app.pos.catalog import lookup_scan, search_products
from app.pos.catalog_io import export_products, import_products
from app.pos.demo_catalog import make_bulk_catalog
from app.storage.database import Database
from app.storage.db import SQLITE_PRAGMAS
from app.storage.models import BarcodeRow, ProductRow
from bench.figures import Figure, median, p99, timings_ms

PRODUCTS = 100_000
LOOKUPS = 2_000
NO_MATCH_SEARCHES = 200
PREFIX_LENGTH = 2
SEARCH_LIMIT = 20
TARGET = "p99 <= 2 ms"
SEED = 7

_RAW_VIEW = """
SELECT p.id, p.code, p.name, p.pinyin_initials, c.name, p.unit, p.price_fen, p.cost_fen,
       p.member_price_fen, p.active, p.track_stock, p.by_weight, p.stock_milli,
       (SELECT group_concat(b.barcode, ' ') FROM barcodes b WHERE b.product_id = p.id)
FROM products p LEFT JOIN categories c ON c.id = p.category_id
"""
_RAW_BY_BARCODE = _RAW_VIEW + "WHERE p.id = (SELECT product_id FROM barcodes WHERE barcode = ?)"
_RAW_BY_PREFIX = (
    _RAW_VIEW + "WHERE p.pinyin_initials >= ? AND p.pinyin_initials < ? AND p.active = 1 "
    "ORDER BY p.pinyin_initials LIMIT ?"
)


def _raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    return connection


def _raw_timings(
    connection: sqlite3.Connection, sql: str, params: list[tuple[object, ...]]
) -> list[float]:
    results = []
    for values in params:
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(sql, values).fetchall()
        connection.execute("ROLLBACK")
        results.append((time.perf_counter() - start) * 1000)
    return results


def run() -> list[Figure]:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "catalog.db"
        db = Database.open(f"sqlite:///{path}")
        start = time.perf_counter()
        with db.transaction() as session:
            make_bulk_catalog(session, PRODUCTS)
        seed_seconds = time.perf_counter() - start
        with db.reading() as session:
            barcodes = list(session.scalars(select(BarcodeRow.barcode)))
            initials = list(session.scalars(select(ProductRow.pinyin_initials)))
        codes = [rng.choice(barcodes) for _ in range(LOOKUPS)]
        prefixes = [rng.choice(initials)[:PREFIX_LENGTH] for _ in range(LOOKUPS)]

        def timed_scans() -> list[float]:
            found = iter(codes)

            def scan() -> None:
                with db.reading() as session:
                    lookup_scan(session, next(found))

            return timings_ms(scan, LOOKUPS)

        def timed_searches(texts: list[str]) -> list[float]:
            found = iter(texts)

            def search() -> None:
                with db.reading() as session:
                    search_products(session, next(found), SEARCH_LIMIT)

            return timings_ms(search, len(texts))

        timed_scans()  # warm the page cache and SQLAlchemy's statement cache
        scans = timed_scans()
        searches = timed_searches(prefixes)
        no_match = timed_searches(["qqqzzz"] * NO_MATCH_SEARCHES)

        raw = _raw_connection(path)
        raw_scans = _raw_timings(raw, _RAW_BY_BARCODE, [(c,) for c in codes])
        raw_searches = _raw_timings(
            raw, _RAW_BY_PREFIX, [(p, p + "\uffff", SEARCH_LIMIT) for p in prefixes]
        )
        raw.close()

        csv_path = Path(directory) / "catalog.csv"
        start = time.perf_counter()
        exported = export_products(db, csv_path)
        export_seconds = time.perf_counter() - start
        db.dispose()
        fresh = Database.open(f"sqlite:///{Path(directory) / 'fresh.db'}")
        start = time.perf_counter()
        report = import_products(fresh, csv_path)
        import_seconds = time.perf_counter() - start
        fresh.dispose()
        if report.imported != PRODUCTS or report.errors or exported != PRODUCTS:
            raise RuntimeError(f"round trip lost products: {exported} exported, {report}")

    return [
        Figure("lookup_barcode_p99", p99(scans), "ms", TARGET, p99(scans) / p99(raw_scans)),
        Figure("lookup_barcode_median", median(scans), "ms", "informational"),
        Figure(
            "lookup_pinyin_prefix_p99",
            p99(searches),
            "ms",
            TARGET,
            p99(searches) / p99(raw_searches),
        ),
        Figure("lookup_pinyin_prefix_median", median(searches), "ms", "informational"),
        Figure(
            "search_no_match_p99",
            p99(no_match),
            "ms",
            "informational: walks every name (no full-text index)",
        ),
        Figure("bulk_catalog_100k_seed", seed_seconds, "s", "informational"),
        Figure("export_csv_100k", export_seconds, "s", "a few seconds"),
        Figure("import_csv_100k", import_seconds, "s", "a few seconds"),
    ]
