"""sales totals: orders, tenders and products summed per business day (and month), kept by triggers

Revision ID: 0018_sales_totals
Revises: 0017_campaigns
Create Date: 2026-12-02

A year of a busy store is a million order lines; a report keyed by product joined and sorted
them all (about 2 s), and the daily summary read every order and payment of the range. These
tables hold what the reports sum, already summed:

- ``sales_day_orders``: per business day, sales, refunds and voids (count, amount), the sales'
  discounts, member sales net of refunds, count-card and membership-fee takings;
- ``sales_day_hours`` and ``sales_day_cashiers``: the same sales and refunds (and voids, for
  the cashiers) per business day and hour of ``created_at`` (UTC; the report moves it to the
  store's clock), and per business day and cashier;
- ``sales_day_tenders``: per business day and tender, what was paid on sales, paid back on
  refunds, taken for member money, and net (voided sales left out);
- ``sales_day_products`` and ``sales_month_products``: per business day (month) and product, the
  counted lines (a sale's plus, a refund's minus, a voided sale's not at all): quantity,
  amount, known cost and the amount sold without a cost.

They follow the rules of ``app.pos.reports``. SQLite's own triggers keep them: a row written,
changed or removed in ``orders``, ``order_lines`` or ``payments`` takes back what its old
values added and adds its new ones, so every writer (the checkout, refunds, voids, the demo
history, an import) keeps them right and none can forget. The ``lines``, ``payments``, counts
tell a product, tender or day with something counted (whose sums may be zero) from one whose
only sales were voided.

The tables are filled from the rows already written.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_sales_totals"
down_revision: str | None = "0017_campaigns"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTED = "({o}.kind = 'refund' OR ({o}.kind = 'sale' AND {o}.state <> 'voided'))"

#: What an order adds, times ``f`` (1 to add, -1 to take back).
_ORDER_FACTS = """
SELECT {o}.business_day AS business_day,
       strftime('%Y-%m-%d %H', {o}.created_at) AS utc_hour, {o}.cashier_id AS cashier_id,
       {f} * ({o}.kind = 'sale' AND {o}.state <> 'voided') AS sale_count,
       {f} * ({o}.kind = 'sale' AND {o}.state <> 'voided') * {o}.total_fen AS sales_fen,
       {f} * ({o}.kind = 'refund') AS refund_count,
       {f} * ({o}.kind = 'refund') * {o}.total_fen AS refunds_fen,
       {f} * ({o}.kind = 'sale' AND {o}.state = 'voided') AS void_count,
       {f} * ({o}.kind = 'sale' AND {o}.state = 'voided') * {o}.total_fen AS voids_fen,
       {f} * ({o}.kind = 'sale' AND {o}.state <> 'voided') * {o}.discount_fen AS discount_fen,
       {f} * ({o}.member_id IS NOT NULL) * CASE
           WHEN {o}.kind = 'sale' AND {o}.state <> 'voided' THEN {o}.total_fen
           WHEN {o}.kind = 'refund' THEN -{o}.total_fen ELSE 0 END AS member_net_fen,
       {f} * ({o}.kind = 'count_card') * {o}.total_fen AS count_card_fen,
       {f} * ({o}.kind = 'membership_fee') * {o}.total_fen AS membership_fee_fen
{source}
"""

#: What a payment adds (its order not voided), times ``f``.
_TENDER_FACTS = """
SELECT {o}.business_day AS business_day, {p}.method AS method, {f} AS payments,
       {f} * ({o}.kind = 'sale') * {p}.amount_fen AS sales_fen,
       {f} * ({o}.kind = 'refund') * {p}.amount_fen AS refunds_fen,
       {f} * ({o}.kind NOT IN ('sale', 'refund')) * {p}.amount_fen AS member_money_fen,
       {f} * {p}.amount_fen AS net_fen
{source} {o}.state <> 'voided'
"""

#: What a line adds (its order counted), times ``f``; a refund's line with the sign -1.
_LINE_FACTS = f"""
SELECT {{o}}.business_day AS business_day, {{l}}.product_id AS product_id, {{f}} AS lines,
       {{f}} * CASE {{o}}.kind WHEN 'refund' THEN -1 ELSE 1 END AS sign,
       {{l}}.qty_milli AS qty_milli, {{l}}.net_fen AS net_fen, {{l}}.cost_fen AS cost_fen
{{source}} {_COUNTED}
"""

_PRODUCT_SUMS = {
    "lines": "SUM(lines)",
    "qty_milli": "SUM(sign * qty_milli)",
    "net_fen": "SUM(sign * net_fen)",
    "cost_fen": "SUM(sign * COALESCE(cost_fen, 0))",
    "uncosted_fen": "SUM(CASE WHEN cost_fen IS NULL THEN sign * net_fen ELSE 0 END)",
}
_ORDER_SUM_COLUMNS = [
    "sale_count",
    "sales_fen",
    "refund_count",
    "refunds_fen",
    "void_count",
    "voids_fen",
    "discount_fen",
    "member_net_fen",
    "count_card_fen",
    "membership_fee_fen",
]
_TENDER_SUM_COLUMNS = ["payments", "sales_fen", "refunds_fen", "member_money_fen", "net_fen"]

#: table -> (its keys: column -> expression over the facts, its sums: column -> aggregate)
TABLES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "sales_day_orders": (
        {"business_day": "business_day"},
        {column: f"SUM({column})" for column in _ORDER_SUM_COLUMNS},
    ),
    "sales_day_hours": (
        {"business_day": "business_day", "utc_hour": "utc_hour"},
        {column: f"SUM({column})" for column in _ORDER_SUM_COLUMNS[:4]},
    ),
    "sales_day_cashiers": (
        {"business_day": "business_day", "cashier_id": "cashier_id"},
        {column: f"SUM({column})" for column in _ORDER_SUM_COLUMNS[:6]},
    ),
    "sales_day_tenders": (
        {"business_day": "business_day", "method": "method"},
        {column: f"SUM({column})" for column in _TENDER_SUM_COLUMNS},
    ),
    "sales_day_products": (
        {"business_day": "business_day", "product_id": "product_id"},
        _PRODUCT_SUMS,
    ),
    "sales_month_products": (
        {"month": "substr(business_day, 1, 7)", "product_id": "product_id"},
        _PRODUCT_SUMS,
    ),
}


def _add(table: str, facts: str) -> str:
    """The facts summed into ``table``'s rows (made when missing)."""
    keys, sums = TABLES[table]
    columns = ", ".join([*keys, *sums])
    chosen = ", ".join([*keys.values(), *sums.values()])
    grouped = ", ".join(str(n) for n in range(1, len(keys) + 1))
    update = ", ".join(f"{column} = {column} + excluded.{column}" for column in sums)
    return (
        f"INSERT INTO {table} ({columns})\nSELECT {chosen}\nFROM ({facts})\nWHERE true\n"
        f"GROUP BY {grouped}\nON CONFLICT ({', '.join(keys)}) DO UPDATE SET {update};\n"
    )


_ORDER_TABLES = ("sales_day_orders", "sales_day_hours", "sales_day_cashiers")


def _orders(o: str, f: int, source: str = "") -> str:
    facts = _ORDER_FACTS.format(o=o, f=f, source=source)
    return "".join(_add(table, facts) for table in _ORDER_TABLES)


def _tenders(o: str, p: str, f: int, source: str) -> str:
    return _add("sales_day_tenders", _TENDER_FACTS.format(o=o, p=p, f=f, source=source))


def _lines(o: str, line: str, f: int, source: str) -> str:
    facts = _LINE_FACTS.format(o=o, l=line, f=f, source=source)
    return _add("sales_day_products", facts) + _add("sales_month_products", facts)


def _order_moved(o: str, f: int) -> str:
    """An order's own figures, its payments' and its lines', added (1) or taken back (-1)."""
    return (
        _orders(o, f)
        + _tenders(o, "p", f, f"FROM payments AS p WHERE p.order_id = {o}.id AND")
        + _lines(o, "l", f, f"FROM order_lines AS l WHERE l.order_id = {o}.id AND")
    )


def _payment(p: str, f: int) -> str:
    return _tenders("o", p, f, f"FROM orders AS o WHERE o.id = {p}.order_id AND")


def _line(line: str, f: int) -> str:
    return _lines("o", line, f, f"FROM orders AS o WHERE o.id = {line}.order_id AND")


#: What changes an order's part in the totals (other columns, e.g. a refund's state, do not).
_ORDER_COLUMNS_READ = (
    "id",
    "business_day",
    "kind",
    "member_id",
    "total_fen",
    "discount_fen",
    "created_at",
    "cashier_id",
)
_ORDER_CHANGED = (
    " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in _ORDER_COLUMNS_READ)
    + " OR (OLD.state = 'voided') IS NOT (NEW.state = 'voided')"
)
_PAYMENT_CHANGED = " OR ".join(
    f"OLD.{column} IS NOT NEW.{column}" for column in ("order_id", "method", "amount_fen")
)
_LINE_CHANGED = " OR ".join(
    f"OLD.{column} IS NOT NEW.{column}"
    for column in ("order_id", "product_id", "qty_milli", "net_fen", "cost_fen")
)

#: name -> (when it fires, what it does)
TRIGGERS = {
    # An order's lines and payments written before it (checks off) are added with it.
    "trg_sales_totals_order_added": ("AFTER INSERT ON orders", _order_moved("NEW", 1)),
    "trg_sales_totals_order_changed": (
        f"AFTER UPDATE ON orders WHEN {_ORDER_CHANGED}",
        _order_moved("OLD", -1) + _order_moved("NEW", 1),
    ),
    "trg_sales_totals_order_removed": ("AFTER DELETE ON orders", _order_moved("OLD", -1)),
    "trg_sales_totals_payment_added": ("AFTER INSERT ON payments", _payment("NEW", 1)),
    "trg_sales_totals_payment_changed": (
        f"AFTER UPDATE ON payments WHEN {_PAYMENT_CHANGED}",
        _payment("OLD", -1) + _payment("NEW", 1),
    ),
    "trg_sales_totals_payment_removed": ("AFTER DELETE ON payments", _payment("OLD", -1)),
    "trg_sales_totals_line_added": ("AFTER INSERT ON order_lines", _line("NEW", 1)),
    "trg_sales_totals_line_changed": (
        f"AFTER UPDATE ON order_lines WHEN {_LINE_CHANGED}",
        _line("OLD", -1) + _line("NEW", 1),
    ),
    "trg_sales_totals_line_removed": ("AFTER DELETE ON order_lines", _line("OLD", -1)),
}

#: Every row already written, as the fill.
FILL = (
    _orders("o", 1, "FROM orders AS o")
    + _tenders("o", "p", 1, "FROM orders AS o JOIN payments AS p ON p.order_id = o.id WHERE")
    + _lines("o", "l", 1, "FROM orders AS o JOIN order_lines AS l ON l.order_id = o.id WHERE")
)


def upgrade() -> None:
    for table, (keys, sums) in TABLES.items():
        op.create_table(
            table,
            *(sa.Column(key, sa.String(length=36), nullable=False) for key in keys),
            *(sa.Column(column, sa.BigInteger(), nullable=False) for column in sums),
            sa.PrimaryKeyConstraint(*keys, name=op.f(f"pk_{table}")),
            sqlite_with_rowid=False,
        )
    for statement in FILL.split(";\n"):
        if statement.strip():
            op.execute(statement)
    for name, (when, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when}\nBEGIN\n{body}END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    for table in TABLES:
        op.drop_table(table)
