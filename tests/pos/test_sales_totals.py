"""The sales totals the database keeps (migration 0018_sales_totals) always equal the orders,
lines and payments they sum, whatever is written, changed or removed and in whatever order; the
reports read from them give what the lines themselves give over any range; and a totals row
made wrong is found by ``verify-audit``."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.config import Config
from app.pos import reports
from app.pos.catalog import ProductInput, create_product
from app.pos.reports import Period
from app.pos.sales_totals import TRIGGER_PREFIX, check_sales_totals, made_after_bulk_load
from app.storage.database import Database

DAYS = [dt.date(2026, 1, 30) + dt.timedelta(days=n) for n in range(36)]  # Jan 30 - Mar 6
PRODUCTS = ["p1", "p2", "p3"]
KINDS = ["sale", "sale", "sale", "refund", "count_card", "top_up"]
STATES = ["paid", "paid", "voided", "partly_refunded"]
METHODS = ["cash", "wechat", "stored_value"]

_ORDER_SQL = (
    "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id, member_id,"
    " subtotal_fen, discount_fen, rounding_fen, total_fen, change_fen, created_at)"
    " VALUES (?, ?, ?, ?, ?, 's1', ?, ?, ?, 0, ?, 0, '2026-02-01 02:00:00.000000')"
)
_LINE_SQL = (
    "INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit, qty_milli,"
    " list_price_fen, unit_price_fen, gross_fen, line_discount_fen, order_share_fen, net_fen,"
    " refunded_qty_milli, refunded_fen, cost_fen) VALUES"
    " (?, ?, ?, ?, '商品', '个', ?, 0, 0, 0, 0, 0, ?, 0, 0, ?)"
)
_PAYMENT_SQL = (
    "INSERT INTO payments (id, order_id, seq, method, amount_fen, tendered_fen)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)

money = st.integers(min_value=-5_000, max_value=50_000)
order_ids = st.sampled_from([f"o{n}" for n in range(6)])
#: One write to the three tables, as SQL: rows may come before their order (checks off).
step = st.one_of(
    st.tuples(
        st.just("order"),
        order_ids,
        st.sampled_from(DAYS),
        st.sampled_from(KINDS),
        st.sampled_from(STATES),
        st.sampled_from([None, "m1"]),
        money,
        money,
    ),
    st.tuples(
        st.just("line"),
        order_ids,
        st.sampled_from(PRODUCTS),
        st.integers(-3_000, 5_000),
        money,
        st.one_of(st.none(), money),
    ),
    st.tuples(st.just("payment"), order_ids, st.sampled_from(METHODS), money),
    st.tuples(st.just("state"), order_ids, st.sampled_from(STATES)),
    st.tuples(st.just("day"), order_ids, st.sampled_from(DAYS)),
    st.tuples(st.just("amounts"), order_ids, money, money),
    st.tuples(st.just("line_change"), st.integers(0, 30), st.sampled_from(PRODUCTS), money),
    st.tuples(st.just("remove"), st.sampled_from(["orders", "order_lines", "payments"]), order_ids),
)


def _apply(connection: sqlite3.Connection, steps: list[tuple[object, ...]]) -> None:
    made = 0
    for kind, *values in steps:
        made += 1
        if kind == "order":
            order_id, day, order_kind, state, member, total, discount = values
            if connection.execute("SELECT 1 FROM orders WHERE id = ?", (order_id,)).fetchone():
                continue
            connection.execute(
                _ORDER_SQL,
                (order_id, f"R{made}", str(day), order_kind, state, member, total, discount, total),
            )
        elif kind == "line":
            order_id, product, qty, net, cost = values
            connection.execute(_LINE_SQL, (f"l{made}", order_id, made, product, qty, net, cost))
        elif kind == "payment":
            order_id, method, amount = values
            connection.execute(_PAYMENT_SQL, (f"y{made}", order_id, made, method, amount, amount))
        elif kind == "state":
            connection.execute("UPDATE orders SET state = ? WHERE id = ?", (values[1], values[0]))
        elif kind == "day":
            connection.execute(
                "UPDATE orders SET business_day = ? WHERE id = ?", (str(values[1]), values[0])
            )
        elif kind == "amounts":
            order_id, total, discount = values
            connection.execute(
                "UPDATE orders SET total_fen = ?, discount_fen = ?, member_id = 'm2' WHERE id = ?",
                (total, discount, order_id),
            )
        elif kind == "line_change":
            line_no, product, net = values
            connection.execute(
                "UPDATE order_lines SET product_id = ?, net_fen = ?, cost_fen = NULL"
                " WHERE line_no = ?",
                (product, net, line_no),
            )
        else:
            table, order_id = values
            column = "id" if table == "orders" else "order_id"
            connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (order_id,))


def _store_after(template: Path, folder: Path, steps: list[tuple[object, ...]]) -> Database:
    """A copy of the migrated database with ``steps`` written on a plain connection, foreign-key
    checks off, so rows can come in any order."""
    path = folder / f"{uuid.uuid4()}.db"
    shutil.copyfile(template, path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        _apply(connection, steps)
    finally:
        connection.close()
    return Database.open(f"sqlite:///{path}", upgrade=False)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=40))
def test_the_totals_equal_the_rows_after_any_writes_changes_and_removals(
    migrated_database: Path, tmp_path: Path, steps: list[tuple[object, ...]]
) -> None:
    db = _store_after(migrated_database, tmp_path, steps)
    try:
        with db.reading() as session:
            assert check_sales_totals(session) == []
    finally:
        db.dispose()


_FROM_THE_LINES = """
SELECT p.code,
       SUM(CASE o.kind WHEN 'refund' THEN -l.qty_milli ELSE l.qty_milli END),
       SUM(CASE o.kind WHEN 'refund' THEN -l.net_fen ELSE l.net_fen END),
       SUM(CASE o.kind WHEN 'refund' THEN -1 ELSE 1 END * COALESCE(l.cost_fen, 0)),
       SUM(CASE WHEN l.cost_fen IS NULL THEN 0 WHEN o.kind = 'refund' THEN l.cost_fen - l.net_fen
                ELSE l.net_fen - l.cost_fen END)
FROM orders AS o
JOIN order_lines AS l ON l.order_id = o.id
JOIN products AS p ON p.id = l.product_id
WHERE o.business_day BETWEEN ? AND ?
  AND (o.kind = 'refund' OR (o.kind = 'sale' AND o.state <> 'voided'))
GROUP BY p.code
ORDER BY p.code
"""


@pytest.fixture
def year_edge(db: Database, config: Config) -> Database:
    """Sales, refunds and voids of three products (one without a cost) every day from Jan 30
    to Mar 6, so ranges start and end inside, on and across month ends."""
    with db.transaction() as session:
        ids = [
            create_product(
                session, ProductInput(name=name, price_fen=500, cost_fen=cost, category=category)
            ).id
            for name, cost, category in (
                ("可乐", 300, "饮料"),
                ("面包", 450, "烘焙"),
                ("贴膜", None, None),
            )
        ]
    rng = random.Random(7)
    steps: list[tuple[object, ...]] = []
    for n, day in enumerate(DAYS * 3):
        kind = rng.choice(["sale", "sale", "sale", "refund"])
        state = "voided" if n % 11 == 0 else "paid"
        steps.append(("order", f"d{n}", day, kind, state, None, 1000, 0))
        for _ in range(rng.randint(1, 3)):
            cost = None if rng.random() < 0.1 else rng.randint(100, 400)
            steps.append(
                (
                    "line",
                    f"d{n}",
                    rng.choice(ids),
                    rng.randint(1, 4) * 1000,
                    rng.randint(1, 999),
                    cost,
                )
            )
    connection = sqlite3.connect(config.database_path, isolation_level=None)
    try:
        _apply(connection, steps)
    finally:
        connection.close()
    return db


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=st.sampled_from(DAYS), length=st.integers(0, 40))
def test_products_and_categories_over_any_range_are_what_the_lines_add_up_to(
    year_edge: Database, config: Config, first: dt.date, length: int
) -> None:
    span = Period(first, first + dt.timedelta(days=length))
    with sqlite3.connect(config.database_path) as connection:
        expected = connection.execute(_FROM_THE_LINES, (str(span.first), str(span.last))).fetchall()
    with year_edge.reading() as session:
        products = reports.by_product(session, span)
        categories = reports.by_category(session, span)
        summary = reports.summary(session, span)
    assert sorted((r[0], r[3], r[4], r[5], r[6]) for r in products.rows) == expected
    assert sum(int(r[2]) for r in categories.rows) == sum(row[2] for row in expected)
    assert summary.items_milli == sum(row[1] for row in expected)
    assert summary.profit_fen == sum(row[4] for row in expected)


def test_the_check_shown_in_the_docs_gives_the_day_totals(
    year_edge: Database, config: Config
) -> None:
    """docs/analytics.md ("The sales totals") shows how anyone recomputes a totals table."""
    page = (Path(__file__).parents[2] / "docs" / "analytics.md").read_text("utf-8")
    section = page[page.index("### The sales totals") :]
    start = section.index("```sql") + len("```sql")
    query = section[start : section.index("```", start)]
    with sqlite3.connect(config.database_path) as connection:
        recomputed = sorted(row for row in connection.execute(query) if row[2] or row[3])
        kept = connection.execute(
            "SELECT business_day, product_id, lines, net_fen FROM sales_day_products"
            " WHERE lines <> 0 OR net_fen <> 0 ORDER BY business_day, product_id"
        ).fetchall()
    assert len(kept) > 50
    assert recomputed == kept


def _triggers(connection: sqlite3.Connection) -> int:
    return int(
        connection.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            (f"{TRIGGER_PREFIX}%",),
        ).fetchone()[0]
    )


def test_a_bulk_load_makes_the_totals_at_the_end_and_a_failed_one_leaves_the_triggers(
    migrated_database: Path, tmp_path: Path
) -> None:
    steps: list[tuple[object, ...]] = [
        ("order", "o1", DAYS[1], "sale", "paid", "m1", 900, 100),
        ("line", "o1", "p1", 2000, 900, 500),
        ("payment", "o1", "cash", 900),
        ("order", "o2", DAYS[2], "refund", "paid", None, 300, 0),
        ("line", "o2", "p1", 1000, 300, None),
    ]
    path = tmp_path / "bulk.db"
    shutil.copyfile(migrated_database, path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        with pytest.raises(RuntimeError), made_after_bulk_load(connection):
            assert _triggers(connection) == 0  # off while the load runs
            _apply(connection, steps)
            raise RuntimeError("the disk is full")
        connection.execute("ROLLBACK")
        assert _triggers(connection) == 9
        assert connection.execute("SELECT COUNT(*) FROM orders").fetchone() == (0,)

        connection.execute("BEGIN")
        with made_after_bulk_load(connection):
            _apply(connection, steps)
            totals = connection.execute("SELECT COUNT(*) FROM sales_day_products").fetchone()
            assert totals == (0,)  # nothing kept row by row
        connection.execute("COMMIT")
        assert _triggers(connection) == 9
        _apply(connection, [("state", "o1", "voided")])  # kept by the triggers again
        (sales,) = connection.execute("SELECT SUM(sales_fen) FROM sales_day_orders").fetchone()
    finally:
        connection.close()
    assert sales == 0
    db = Database.open(f"sqlite:///{path}", upgrade=False)
    try:
        with db.reading() as session:
            assert check_sales_totals(session) == []
            (products,) = session.execute(
                text("SELECT COUNT(*) FROM sales_day_products WHERE lines <> 0")
            ).one()
    finally:
        db.dispose()
    assert products == 1  # the refund's line; the voided sale's taken back
