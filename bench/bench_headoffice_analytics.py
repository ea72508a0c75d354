"""The head office's reports across stores over a chain's year, on SQLite: the sales report, the
groups and segments, and the stored-value settlement, each against a plain scan of its table.

The data is bulk-inserted: ``BENCH_HO_MEMBERS`` members (default 10,000) with ten sales each
over a year at five stores (two lines and one payment a sale; a third of them walk-ins'), and ten
stored-value entries each (top-ups, and spends of what is left). Medians of three.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from bench.figures import Figure, median, timings_ms
from headoffice import analytics, settlement
from headoffice.db import Database, open_database
from headoffice.models import (
    MemberRow,
    SaleLineRow,
    SalePaymentRow,
    SaleRow,
    StoredValueEntryRow,
)

MEMBERS = int(os.environ.get("BENCH_HO_MEMBERS", "10000"))
FIRST = dt.date(2025, 12, 1)
LAST = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
RUNS = 3


def _member(n: int) -> dict[str, Any]:
    return {
        "id": f"m{n:08d}",
        "card_no": f"{n:08d}",
        "name": "",
        "phone_masked": "",
        "home_store": "S001",
        "status": "active",
        "principal_fen": 0,
        "bonus_fen": 0,
        "points": 0,
        "hot": False,
        "hot_reason": "",
        "updated_at": NOW,
        "joined_on": "2025-06-01",
    }


def _sales(rnd: random.Random, member: str) -> tuple[list[dict[str, Any]], ...]:
    sales, lines, payments = [], [], []
    for n in range(10):
        event = f"{member}-s{n}"
        day = (FIRST + dt.timedelta(days=rnd.randrange(365))).isoformat()
        total = rnd.randrange(10_00, 600_00)
        sales.append(
            {
                "event_id": event,
                "order_id": event,
                "store_code": f"S00{rnd.randrange(1, 6)}",
                "counter_no": 1,
                "receipt_no": event,
                "business_day": day,
                "kind": "sale",
                "total_fen": total,
                "member_id": member if n % 3 else None,
                "occurred_at": f"{day}T10:00:00+08:00",
                "original_order_id": None,
                "promo": False,
            }
        )
        lines += [
            {
                "event_id": event,
                "line_no": line,
                "product_id": "p",
                "name": "商品",
                "qty_milli": 1000,
                "net_fen": total // 2,
                "promo": rnd.random() < 0.1,
            }
            for line in (1, 2)
        ]
        payments.append({"event_id": event, "seq": 1, "method": "cash", "amount_fen": total})
    return sales, lines, payments


def _entries(rnd: random.Random, member: str) -> list[dict[str, Any]]:
    balance, entries = 0, []
    for n in range(10):
        day = FIRST + dt.timedelta(days=n * 30 + rnd.randrange(30))
        top_up = balance < 50_00 or rnd.random() < 0.3
        principal = 100_00 if top_up else -rnd.randrange(10_00, balance)
        balance += principal
        entries.append(
            {
                "id": f"{member}-v{n}",
                "member_id": member,
                "kind": "top_up" if top_up else "spend",
                "principal_delta": principal,
                "bonus_delta": 10_00 if top_up else 0,
                "order_id": None,
                "reason": "",
                "business_day": day.isoformat(),
                "event_id": "e",
                "store_code": f"S00{rnd.randrange(1, 6)}",
                "counter_no": 1,
                "applied_at": NOW + dt.timedelta(seconds=n),
            }
        )
    return entries


def build(folder: Path, count: int = MEMBERS) -> Database:
    """``count`` members' year in a new database in ``folder`` (the metrics bench's too)."""
    db = open_database(f"sqlite:///{folder / 'headoffice.sqlite3'}")
    rnd = random.Random(11)
    members = [_member(n) for n in range(count)]
    sales: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for member in members:
        made = _sales(rnd, member["id"])
        sales += made[0]
        lines += made[1]
        payments += made[2]
        entries += _entries(rnd, member["id"])
    with db.transaction() as session:
        for model, rows in (
            (MemberRow, members),
            (SaleRow, sales),
            (SaleLineRow, lines),
            (SalePaymentRow, payments),
            (StoredValueEntryRow, entries),
        ):
            session.execute(insert(model), rows)
    return db


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder))
        try:
            with db.transaction() as session:

                def scan(table: str, column: str) -> float:
                    sql = text(f"SELECT SUM({column}), COUNT(*) FROM {table}")
                    return median(timings_ms(lambda: session.execute(sql).all(), RUNS))

                def timed(action: Any) -> float:
                    return median(timings_ms(action, RUNS))

                sales_scan = scan("ho_sales", "total_fen")
                entries_scan = scan("ho_stored_value_entries", "principal_delta")
                report = timed(lambda: analytics.sales_report(session, FIRST, LAST))
                groups = timed(lambda: analytics.membership(session, LAST))
                owed = timed(lambda: settlement.settlement(session, FIRST, LAST))
        finally:
            db.dispose()
    sales = MEMBERS * 10
    return [
        Figure(f"sales report, a year, {sales} sales", report, "ms", "-", report / sales_scan),
        Figure(f"groups and segments, {sales} sales", groups, "ms", "-", groups / sales_scan),
        Figure(f"settlement, a year, {sales} entries", owed, "ms", "-", owed / entries_scan),
    ]
