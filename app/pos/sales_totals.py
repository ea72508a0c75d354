"""The sales totals the reports read, held against the orders, lines and payments they sum.

The database's triggers keep ``sales_day_orders``, ``sales_day_hours``, ``sales_day_cashiers``,
``sales_day_tenders``, ``sales_day_products`` and ``sales_month_products`` (migration
0018_sales_totals) as rows are written. This recomputes each from the rows themselves with
plain GROUP BYs, written apart from the triggers on purpose, so ``verify-audit`` finds a totals
row that a bug, a hand edit or a damaged file made disagree. A row whose counts and sums are
all zero is the same as no row.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Iterator

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The names of the triggers that keep the totals (migration 0018_sales_totals).
TRIGGER_PREFIX = "trg_sales_totals_"
_COUNTED = "(o.kind = 'refund' OR (o.kind = 'sale' AND o.state <> 'voided'))"
_SIGN = "CASE o.kind WHEN 'refund' THEN -1 ELSE 1 END"
_LINE_SUMS = f"""
COUNT(*), SUM({_SIGN} * l.qty_milli), SUM({_SIGN} * l.net_fen),
SUM({_SIGN} * COALESCE(l.cost_fen, 0)),
SUM(CASE WHEN l.cost_fen IS NULL THEN {_SIGN} * l.net_fen ELSE 0 END)
FROM orders AS o JOIN order_lines AS l ON l.order_id = o.id
WHERE {_COUNTED}
"""

#: The sums of an order's figures, in the columns' order of ``sales_day_orders``.
_ORDER_SUMS = [
    "SUM(o.kind = 'sale' AND o.state <> 'voided')",
    "SUM(CASE WHEN o.kind = 'sale' AND o.state <> 'voided' THEN o.total_fen ELSE 0 END)",
    "SUM(o.kind = 'refund')",
    "SUM(CASE WHEN o.kind = 'refund' THEN o.total_fen ELSE 0 END)",
    "SUM(o.kind = 'sale' AND o.state = 'voided')",
    "SUM(CASE WHEN o.kind = 'sale' AND o.state = 'voided' THEN o.total_fen ELSE 0 END)",
    "SUM(CASE WHEN o.kind = 'sale' AND o.state <> 'voided' THEN o.discount_fen ELSE 0 END)",
    """SUM(CASE WHEN o.member_id IS NULL THEN 0
             WHEN o.kind = 'sale' AND o.state <> 'voided' THEN o.total_fen
             WHEN o.kind = 'refund' THEN -o.total_fen ELSE 0 END)""",
    "SUM(CASE WHEN o.kind = 'count_card' THEN o.total_fen ELSE 0 END)",
    "SUM(CASE WHEN o.kind = 'membership_fee' THEN o.total_fen ELSE 0 END)",
]


def _orders_by(key: str, sums: int) -> str:
    return f"SELECT o.business_day, {key}, {', '.join(_ORDER_SUMS[:sums])} FROM orders AS o"


_SALES = "sale_count, sales_fen, refund_count, refunds_fen"
_UTC_HOUR = "strftime('%Y-%m-%d %H', o.created_at)"

#: table -> (its key columns, its sum columns, the same rows recomputed from the orders)
_EXPECTED: dict[str, tuple[str, str, str]] = {
    "sales_day_orders": (
        "business_day",
        f"{_SALES}, void_count, voids_fen, discount_fen, member_net_fen, count_card_fen,"
        " membership_fee_fen",
        f"SELECT o.business_day, {', '.join(_ORDER_SUMS)} FROM orders AS o GROUP BY o.business_day",
    ),
    "sales_day_hours": (
        "business_day, utc_hour",
        _SALES,
        f"{_orders_by(_UTC_HOUR, 4)} GROUP BY o.business_day, {_UTC_HOUR}",
    ),
    "sales_day_cashiers": (
        "business_day, cashier_id",
        f"{_SALES}, void_count, voids_fen",
        f"{_orders_by('o.cashier_id', 6)} GROUP BY o.business_day, o.cashier_id",
    ),
    "sales_day_tenders": (
        "business_day, method",
        "payments, sales_fen, refunds_fen, member_money_fen, net_fen",
        """
SELECT o.business_day, p.method, COUNT(*),
       SUM(CASE WHEN o.kind = 'sale' THEN p.amount_fen ELSE 0 END),
       SUM(CASE WHEN o.kind = 'refund' THEN p.amount_fen ELSE 0 END),
       SUM(CASE WHEN o.kind IN ('sale', 'refund') THEN 0 ELSE p.amount_fen END),
       SUM(p.amount_fen)
FROM orders AS o JOIN payments AS p ON p.order_id = o.id
WHERE o.state <> 'voided'
GROUP BY o.business_day, p.method
""",
    ),
    "sales_day_products": (
        "business_day, product_id",
        "lines, qty_milli, net_fen, cost_fen, uncosted_fen",
        f"SELECT o.business_day, l.product_id, {_LINE_SUMS} GROUP BY o.business_day, l.product_id",
    ),
    "sales_month_products": (
        "month, product_id",
        "lines, qty_milli, net_fen, cost_fen, uncosted_fen",
        f"SELECT substr(o.business_day, 1, 7), l.product_id, {_LINE_SUMS}"
        " GROUP BY substr(o.business_day, 1, 7), l.product_id",
    ),
}


_MONTHS_FROM_DAYS = """
SELECT substr(business_day, 1, 7), product_id, SUM(lines), SUM(qty_milli), SUM(net_fen),
       SUM(cost_fen), SUM(uncosted_fen)
FROM sales_day_products
GROUP BY substr(business_day, 1, 7), product_id
"""


@dataclasses.dataclass(frozen=True)
class TotalsMismatch:
    table: str
    #: The row's key (a business day or month, and a product id or tender).
    key: tuple[str, ...]


def check_sales_totals(session: Session, limit: int = 20) -> list[TotalsMismatch]:
    """The totals rows (at most ``limit``) that differ from the orders, or that are missing."""
    found: list[TotalsMismatch] = []
    for table, (keys, sums, expected) in _EXPECTED.items():
        nonzero = " OR ".join(f"{column} <> 0" for column in sums.split(", "))
        differing = f"""
WITH kept AS (SELECT {keys}, {sums} FROM {table} WHERE {nonzero}),
     recomputed ({keys}, {sums}) AS ({expected}),
     due AS (SELECT * FROM recomputed WHERE {nonzero})
SELECT * FROM (SELECT * FROM kept EXCEPT SELECT * FROM due)
UNION
SELECT * FROM (SELECT * FROM due EXCEPT SELECT * FROM kept)
LIMIT :limit
"""
        width = keys.count(",") + 1
        found.extend(
            TotalsMismatch(table, tuple(str(value) for value in row[:width]))
            for row in session.execute(text(differing), {"limit": limit})
        )
    return list(dict.fromkeys(found))[:limit]


@contextlib.contextmanager
def made_after_bulk_load(connection: sqlite3.Connection) -> Iterator[None]:
    """For a bulk load of orders (the demo history, a benchmark's store): the triggers that keep
    the totals row by row are dropped while it runs, and the totals are made from the rows in
    one pass at the end, which is several times cheaper; the triggers are made again. On the
    caller's transaction, so the load and its totals are kept or lost together."""
    found = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"{TRIGGER_PREFIX}%",),
    ).fetchall()
    for name, _ in found:
        connection.execute(f'DROP TRIGGER "{name}"')
    yield
    for table, (keys, sums, expected) in _EXPECTED.items():
        if table == "sales_month_products":  # the days' sums summed: not the lines again
            expected = _MONTHS_FROM_DAYS
        connection.execute(f"DELETE FROM {table}")
        connection.execute(f"INSERT INTO {table} ({keys}, {sums}) {expected}")
    for _, sql in found:
        connection.execute(sql)
