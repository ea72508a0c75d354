"""A three-criterion member filter over 1,000,000 members: born in March, bought in the last 90
days, at least 500 yuan spent (net of refunds), counted and its first page shown.

Target (issue 11, item 4): under 2 s on the counter's SQLite. The baseline, measured in the same
run, is a raw ``sqlite3`` scan of every member row (what any filter reading each member costs at
least); the ratio is the filter's time to it. The worst case, a spend range alone (every
member's orders summed), is printed beside it.

The store is made by SQL in the real schema (migrated, seeded like the demo store): members with
birthdays (one in ten lunar, one in ten without a year), card types and points; 2,000,000 sales
leaning to a minority of members over two years, one in fifty refunded whole. It is cached in the
temp directory under its size (made once: the time it took is printed). Each figure is the
median of several runs, with the spread.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_analytics import _hash, _id
from bench.figures import Figure, timings_ms

MEMBERS = int(os.environ.get("BENCH_FILTERS_MEMBERS", 1_000_000))
ORDERS = int(os.environ.get("BENCH_FILTERS_ORDERS", 2_000_000))
RUNS = int(os.environ.get("BENCH_FILTERS_RUNS", 5))
DAYS = 730
ON = dt.date(2026, 11, 30)
LIMIT_S = 2.0


def cache_dir() -> Path:
    return (
        Path(tempfile.gettempdir())
        / "store-counter-bench"
        / f"filters-v1-members{MEMBERS}-orders{ORDERS}"
    )


def generate(database: Path) -> float:
    """The bench store in the real schema; the seconds it took."""
    from app.pos.demo_history import seed_store
    from app.storage.database import Database

    started = time.perf_counter()
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = Database.open(f"sqlite:///{partial}")
    try:
        with db.transaction() as session:
            seed_store(session)
    finally:
        db.dispose()
    start = ON - dt.timedelta(days=DAYS - 1)
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;"
            " PRAGMA cache_size = -200000;"
        )
        cashier = connection.execute("SELECT id FROM staff LIMIT 1").fetchone()[0]
        types = [r[0] for r in connection.execute("SELECT id FROM member_card_types")]
        connection.execute("BEGIN")
        connection.execute("CREATE TEMP TABLE type_no (no INTEGER PRIMARY KEY, id TEXT)")
        connection.executemany("INSERT INTO type_no VALUES (?, ?)", list(enumerate(types)))
        joined = f"date('{start}', '+' || ({_hash('i', 3)} % {DAYS}) || ' days')"
        connection.execute(
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MEMBERS})
            INSERT INTO members (id, card_no, name, phone, birthday_calendar, birthday_year,
                birthday_month, birthday_day, birthday_leap, birthday_prefer_leap, tags, note,
                home_store, joined_on, card_type_id, level_since, status, password_failures,
                principal_fen, bonus_fen, points, total_spend_fen, visit_count, created_at)
            SELECT {_id(1, "i")}, printf('8%09d', i), '会员' || i, printf('139%08d', i),
                CASE WHEN {_hash("i", 11)} % 10 = 0 THEN 'lunar' ELSE 'solar' END,
                CASE WHEN {_hash("i", 12)} % 10 = 0 THEN NULL
                     ELSE 1950 + {_hash("i", 13)} % 56 END,
                1 + {_hash("i", 14)} % 12, 1 + {_hash("i", 15)} % 28, 0, 0, '', '', '',
                {joined}, t.id, {joined}, 'active', 0, 0, 0, {_hash("i", 16)} % 5000, 0, 0,
                '{start}'
            FROM n JOIN type_no t ON t.no = {_hash("i", 17)} % {len(types)}
            """
        )
        # Which member buys order i: the product of two uniform draws leans to the low numbers.
        pick = f"1 + ({_hash('i', 2)} % {MEMBERS}) * ({_hash('i', 5)} % {MEMBERS}) / {MEMBERS}"
        refunded = f"{_hash('i', 6)} % 50 = 0"
        connection.execute(
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ORDERS})
            INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id, member_id,
                subtotal_fen, discount_fen, rounding_fen, total_fen, change_fen, created_at)
            SELECT {_id(2, "i")}, printf('B-%09d', i),
                date('{start}', '+' || ({_hash("i", 4)} % {DAYS}) || ' days'), 'sale',
                CASE WHEN {refunded} THEN 'refunded' ELSE 'paid' END, ?, {_id(1, pick)},
                amount, 0, 0, amount, 0, '{start} 10:00:00.000000'
            FROM (SELECT i, 500 + {_hash("i", 7)} % 60000 AS amount FROM n)
            """,
            (cashier,),
        )
        connection.execute(
            """
            INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id, member_id,
                original_order_id, subtotal_fen, discount_fen, rounding_fen, total_fen,
                change_fen, created_at)
            SELECT 'r' || substr(o.id, 2), 'R' || substr(o.receipt_no, 2), o.business_day,
                'refund', 'paid', o.cashier_id, o.member_id, o.id, o.total_fen, 0, 0,
                o.total_fen, 0, o.created_at
            FROM orders o WHERE o.state = 'refunded'
            """
        )
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    partial.replace(database)
    return time.perf_counter() - started


def _spread(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.0f} ms, min {min(values):.0f}, max {max(values):.0f}"
    )


def run() -> list[Figure]:
    from app.members.member_filters import (
        Activity,
        BirthMonth,
        MemberFilter,
        TotalSpend,
        run_filter,
    )
    from app.storage.database import Database

    database = cache_dir() / "counter.db"
    if not database.exists():
        seconds = generate(database)
        print(f"  generated {MEMBERS:,} members, {ORDERS:,} sales in {seconds:.0f} s ({database})")
    else:
        print(f"  reusing {database}")
    three = MemberFilter((BirthMonth((3,)), Activity(90), TotalSpend(min_fen=500_00)))
    spend_alone = MemberFilter((TotalSpend(min_fen=5_000_00),))
    db = Database.open(f"sqlite:///{database}")
    raw = sqlite3.connect(database)
    try:
        found: dict[str, int] = {}

        def filtered(member_filter: MemberFilter, key: str) -> None:
            with db.reading() as session:
                found[key] = run_filter(session, member_filter, ON).count

        def scan() -> None:
            raw.execute("SELECT COUNT(*), SUM(points) FROM members").fetchone()

        filtered(three, "three")  # warm the page cache once, as a counter in use has it
        baseline = timings_ms(scan, RUNS)
        timings = timings_ms(lambda: filtered(three, "three"), RUNS)
        worst = timings_ms(lambda: filtered(spend_alone, "spend"), max(1, RUNS // 2))
    finally:
        raw.close()
        db.dispose()
    print(f"  3 criteria: {found['three']:,} members; {_spread(timings)}")
    print(f"  raw scan of every member: {_spread(baseline)}")
    print(f"  spend alone (worst case): {found['spend']:,} members; {_spread(worst)}")
    median_s = statistics.median(timings) / 1000
    return [
        Figure(
            "member filter, 3 criteria, 1M",
            median_s,
            "s",
            f"< {LIMIT_S:.0f} s",
            statistics.median(timings) / statistics.median(baseline),
        ),
        Figure("member filter, spend alone, 1M", statistics.median(worst) / 1000, "s", "(info)"),
    ]
