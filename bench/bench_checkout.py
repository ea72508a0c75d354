"""Checkout commit of a 5-line cash sale against a raw sqlite3 transaction of the same rows."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import uuid
from pathlib import Path

from app.config import Config
from app.pos.cart import Cart
from app.pos.catalog import ProductInput, create_product
from app.pos.counter import CounterService, cart_product
from app.pos.shifts import open_shift
from app.pos.staff import add_staff
from app.pos.tenders import Tender, TenderMethod
from app.storage.database import Database
from app.storage.db import SQLITE_PRAGMAS
from app.storage.models import Role
from bench.figures import Figure, median, p99, timings_ms

SALES = 1000
LINES = 5
TARGET_RATIO = 3.0


def _counter(directory: Path) -> tuple[CounterService, Cart, object, str]:
    config = Config(data_dir=directory, printer_uri="dummy:")
    db = Database.open(config.database_url)
    with db.transaction() as session:
        cashier = add_staff(session, "收银员", Role.CASHIER, "1234")
        products = [
            create_product(
                session,
                ProductInput(name=f"商品{n}", price_fen=100 + n * 37, cost_fen=60 + n * 23),
                opening_stock_milli=10**9,
            )
            for n in range(LINES)
        ]
        shift = open_shift(session, cashier, 0)
    cart = Cart()
    for product in products:
        cart.add(cart_product(product))
    return CounterService(db, config), cart, cashier, shift.id


def _raw_sale(
    connection: sqlite3.Connection, product_ids: list[str], cashier_id: str, counter: list[int]
) -> None:
    """The same rows as a checkout, written with plain sqlite3 and no ORM."""
    counter[0] += 1
    now = "2026-11-23 10:00:00.000000"
    order_id = str(uuid.uuid4())
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO receipt_sequences (business_day, last_no) VALUES ('2026-11-23', 1) "
        "ON CONFLICT (business_day) DO UPDATE SET last_no = last_no + 1"
    )
    connection.execute(
        "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id, subtotal_fen,"
        " discount_fen, rounding_fen, total_fen, change_fen, created_at) VALUES"
        " (?, ?, '2026-11-23', 'sale', 'paid', ?, 1000, 0, 0, 1000, 0, ?)",
        (order_id, f"S-{counter[0]}", cashier_id, now),
    )
    # The moving average cost of each line: the stock and its value, read once.
    marks = ",".join("?" * len(product_ids))
    held = {
        row[0]: (row[1], row[2])
        for row in connection.execute(
            f"SELECT id, stock_milli, stock_value_fen FROM products WHERE id IN ({marks})",
            product_ids,
        )
    }
    for number, product_id in enumerate(product_ids, 1):
        stock, value = held[product_id]
        cost = value * 1000 // stock if stock > 0 else 0
        connection.execute(
            "INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit, qty_milli,"
            " list_price_fen, unit_price_fen, gross_fen, line_discount_fen, order_share_fen,"
            " net_fen, refunded_qty_milli, refunded_fen, cost_fen) VALUES"
            " (?, ?, ?, ?, '商品', '个', 1000, 200, 200, 200, 0, 0, 200, 0, 0, ?)",
            (str(uuid.uuid4()), order_id, number, product_id, cost),
        )
        connection.execute(
            "INSERT INTO stock_moves (id, product_id, delta_milli, value_fen, reason, order_id,"
            " created_at) VALUES (?, ?, -1000, ?, 'sale', ?, ?)",
            (str(uuid.uuid4()), product_id, -cost, order_id, now),
        )
        connection.execute(
            "UPDATE products SET stock_milli = stock_milli - 1000,"
            " stock_value_fen = stock_value_fen - ? WHERE id = ?",
            (cost, product_id),
        )
    connection.execute(
        "INSERT INTO payments (id, order_id, seq, method, amount_fen, tendered_fen) VALUES"
        " (?, ?, 1, 'cash', 1000, 1000)",
        (str(uuid.uuid4()), order_id),
    )
    last = connection.execute(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, "0" * 64)
    digest = hashlib.sha256(f"{seq}{order_id}{prev}".encode()).hexdigest()
    connection.execute(
        "INSERT INTO audit_log (seq, id, at, action, actor_id, subject_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, 'sale.paid', ?, ?, '{}', ?, ?)",
        (seq, str(uuid.uuid4()), now, cashier_id, order_id, prev, digest),
    )
    outbox_seq = connection.execute("SELECT coalesce(max(seq), 0) + 1 FROM outbox").fetchone()[0]
    connection.execute(
        "INSERT INTO outbox (seq, id, type, schema_version, payload, created_at)"
        " VALUES (?, ?, 'SalePaid', 1, ?, ?)",
        (outbox_seq, str(uuid.uuid4()), json.dumps({"order_id": order_id}), now),
    )
    connection.execute(
        "INSERT INTO print_jobs (id, kind, order_id, document, open_drawer, status, attempts,"
        " created_at) VALUES (?, 'sale', ?, '[]', 1, 'pending', 0, ?)",
        (str(uuid.uuid4()), order_id, now),
    )
    connection.execute("COMMIT")


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as raw_dir, tempfile.TemporaryDirectory() as app_dir:
        raw_db = Database.open(f"sqlite:///{Path(raw_dir) / 'raw.db'}")
        with raw_db.transaction() as session:
            raw_cashier = add_staff(session, "收银员", Role.CASHIER, "1234").id
            ids = [
                create_product(session, ProductInput(name=f"商品{n}", price_fen=200)).id
                for n in range(LINES)
            ]
        raw_db.dispose()
        connection = sqlite3.connect(Path(raw_dir) / "raw.db", isolation_level=None)
        for pragma in SQLITE_PRAGMAS:
            connection.execute(pragma)
        counter = [0]

        service, cart, cashier, shift_id = _counter(Path(app_dir))
        tenders = [Tender(TenderMethod.CASH, 100_000)]

        def app_sale() -> None:
            service.pay(cart, tenders, cashier=cashier, shift_id=shift_id)  # type: ignore[arg-type]

        # Interleave the two in blocks so that both see the same machine noise.
        raw_times: list[float] = []
        app_times: list[float] = []
        for _ in range(SALES // 100):
            raw_times += timings_ms(lambda: _raw_sale(connection, ids, raw_cashier, counter), 100)
            app_times += timings_ms(app_sale, 100)
        connection.close()
        service.db.dispose()

    raw_median, app_median = median(raw_times), median(app_times)
    return [
        Figure("checkout_raw_sqlite_median", raw_median, "ms", "baseline"),
        Figure(
            "checkout_5_lines_median",
            app_median,
            "ms",
            f"<= {TARGET_RATIO:g}x raw",
            ratio=app_median / raw_median,
        ),
        Figure(
            "checkout_5_lines_p99",
            p99(app_times),
            "ms",
            f"<= {TARGET_RATIO:g}x raw p99",
            ratio=p99(app_times) / p99(raw_times),
        ),
    ]
