"""Every member group and value segment over 1,000,000 members and 10,000,000 order lines.

Target (issue 11): at most 10 s on the counter's SQLite and under 1 GB of memory; the ratio is to
the same statements run in DuckDB over the same rows in the same run.

The store is made by SQL in the real schema (migrated, seeded like the demo store): members
joining over two years, orders that lean to a minority of heavy buyers, a third of them
walk-ins, 1 to 6 lines each, some lines discounted, some orders on a coupon, one in fifty
refunded. It is cached in the temp directory under its seed and size (made once: the time it
took is printed); the DuckDB copy beside it. The statements run in a child process each, so
each one's peak memory is its own (the child's ``VmHWM``: ``ru_maxrss`` would carry the
parent's size at the fork).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure

MEMBERS = int(os.environ.get("BENCH_ANALYTICS_MEMBERS", 1_000_000))
LINES = int(os.environ.get("BENCH_ANALYTICS_LINES", 10_000_000))
SEED = int(os.environ.get("BENCH_ANALYTICS_SEED", 1))
DAYS = 730
ON = dt.date(2026, 11, 30)
LIMIT_S = 10.0
LIMIT_MB = 1024
#: The DuckDB copy holds only what the statements read.
_COPIED = {
    "members": "id VARCHAR, card_no VARCHAR, joined_on VARCHAR",
    "orders": (
        "id VARCHAR, member_id VARCHAR, business_day VARCHAR, kind VARCHAR, state VARCHAR,"
        " total_fen BIGINT, original_order_id VARCHAR"
    ),
    # promotion_ids: the segments' "bought on promotion" reads it (a line a promotion priced)
    "order_lines": (
        "order_id VARCHAR, line_discount_fen BIGINT, net_fen BIGINT, promotion_ids VARCHAR"
    ),
    "coupons": "used_order_id VARCHAR",
}


def cache_dir() -> Path:
    return (
        Path(tempfile.gettempdir())
        / "store-counter-bench"
        / (f"analytics-v2-seed{SEED}-members{MEMBERS}-lines{LINES}")
    )


def _hash(expr: str, salt: int) -> str:
    """A deterministic pseudo-random non-negative integer of ``expr`` (an integer) and the seed."""
    return f"((({expr}) * 2654435761 + {salt * 40503 + SEED * 1000003}) % 4294967291)"


def _id(prefix: int, expr: str) -> str:
    """An id as long as a UUID, sorted by ``expr``."""
    return f"printf('{prefix:08x}-0000-7000-8000-%012d', {expr})"


def generate(database: Path) -> float:
    """The bench store, made in the real schema; the seconds it took."""
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
    orders = LINES * 2 // 7  # 3.5 lines an order on average
    start = ON - dt.timedelta(days=DAYS - 1)
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;"
            " PRAGMA cache_size = -200000;"
        )
        card_type, cashier, template = connection.execute(
            "SELECT (SELECT id FROM member_card_types WHERE is_default),"
            " (SELECT id FROM staff LIMIT 1), (SELECT id FROM coupon_templates LIMIT 1)"
        ).fetchone()
        connection.execute("BEGIN")
        joined = f"date('{start}', '+' || ({_hash('i', 3)} % {DAYS}) || ' days')"
        connection.execute(
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MEMBERS})
            INSERT INTO members (id, card_no, name, phone, birthday_leap, birthday_prefer_leap,
                tags, note, home_store, joined_on, card_type_id, level_since, status,
                password_failures, principal_fen, bonus_fen, points, total_spend_fen,
                visit_count, created_at)
            SELECT {_id(1, "i")}, printf('8%09d', i), '会员' || i, printf('139%08d', i), 0, 0,
                '', '', '', {joined}, ?, {joined}, 'active', 0, 0, 0, 0, 0, 0, '{start}'
            FROM n
            """,
            (card_type,),
        )
        products = [row[0] for row in connection.execute("SELECT id FROM products")]
        connection.execute("CREATE TEMP TABLE product_no (no INTEGER PRIMARY KEY, id TEXT)")
        connection.executemany("INSERT INTO product_no VALUES (?, ?)", list(enumerate(products)))
        # Which member buys order i: the product of two uniform draws leans to the low numbers,
        # so a minority buys often; three orders in ten are walk-ins.
        walk_in_span = MEMBERS * 10 // 7
        pick = (
            f"({_hash('i', 2)} % {walk_in_span}) * ({_hash('i', 5)} % {walk_in_span})"
            f" / {walk_in_span}"
        )
        connection.execute(
            f"""
            CREATE TEMP TABLE order_plan AS
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {orders})
            SELECT i, CASE WHEN {pick} < {MEMBERS} THEN {pick} + 1 END AS member_no,
                   1 + {_hash("i", 1)} % 6 AS line_count
            FROM n
            """
        )
        offset = (
            f"CASE WHEN member_no IS NULL THEN {_hash('i', 4)} % {DAYS} ELSE "
            f"({_hash('member_no', 3)} % {DAYS}) + {_hash('i', 4)} % "
            f"({DAYS} - {_hash('member_no', 3)} % {DAYS}) END"
        )
        connection.execute(
            f"""
            CREATE TEMP TABLE order_days AS
            SELECT i, member_no, line_count, date('{start}', '+' || ({offset}) || ' days') AS day
            FROM order_plan
            """
        )
        line_key = "(i * 8 + l)"
        price = f"(300 + {_hash(line_key, 7)} % 30000)"
        discount = f"CASE WHEN {_hash(line_key, 8)} % 100 < 15 THEN {price} * 2 / 10 ELSE 0 END"
        connection.execute(
            f"""
            WITH l(l) AS (VALUES (1), (2), (3), (4), (5), (6))
            INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit, qty_milli,
                list_price_fen, unit_price_fen, gross_fen, line_discount_fen, order_share_fen,
                net_fen, refunded_qty_milli, refunded_fen, cost_fen, discount_label)
            SELECT {_id(3, line_key)}, {_id(2, "i")}, l, p.id, '商品', '个', 1000,
                {price}, {price}, {price}, {discount}, 0, {price} - {discount},
                0, 0, {price} * 6 / 10,
                CASE WHEN {_hash(line_key, 8)} % 100 < 15 THEN '促销' END
            FROM order_plan JOIN l ON l.l <= order_plan.line_count
            JOIN product_no p ON p.no = {_hash(line_key, 9)} % {len(products)}
            """
        )
        refunded = f"{_hash('d.i', 6)} % 50 = 0"
        connection.execute(
            f"""
            INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id, member_id,
                subtotal_fen, discount_fen, rounding_fen, total_fen, change_fen, created_at)
            SELECT {_id(2, "d.i")}, printf('B-%09d', d.i), d.day, 'sale',
                CASE WHEN {refunded} THEN 'refunded' ELSE 'paid' END, ?,
                CASE WHEN d.member_no IS NOT NULL THEN {_id(1, "d.member_no")} END,
                s.gross, s.discount, 0, s.net, 0, d.day || ' 10:00:00.000000'
            FROM order_days d JOIN (
                SELECT order_id, SUM(gross_fen) AS gross, SUM(line_discount_fen) AS discount,
                       SUM(net_fen) AS net
                FROM order_lines GROUP BY order_id
            ) s ON s.order_id = {_id(2, "d.i")}
            """,
            (cashier,),
        )
        connection.execute(
            f"""
            INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id, member_id,
                original_order_id, subtotal_fen, discount_fen, rounding_fen, total_fen,
                change_fen, created_at)
            SELECT {_id(4, "d.i")}, printf('R-%09d', d.i), d.day, 'refund', 'paid', ?,
                o.member_id, o.id, o.total_fen, 0, 0, o.total_fen, 0, o.created_at
            FROM order_days d JOIN orders o ON o.id = {_id(2, "d.i")}
            WHERE {refunded}
            """,
            (cashier,),
        )
        connection.execute(
            f"""
            INSERT INTO coupons (id, code, template_id, member_id, status, valid_from, valid_to,
                used_order_id, used_at, discount_fen, issued_reason, created_at)
            SELECT {_id(5, "d.i")}, printf('C%09d', d.i), ?, {_id(1, "d.member_no")}, 'used',
                d.day, d.day, {_id(2, "d.i")}, d.day, 1000, 'bench', d.day
            FROM order_days d
            WHERE d.member_no IS NOT NULL AND {_hash("d.i", 10)} % 100 = 0
            """,
            (template,),
        )
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    partial.replace(database)
    return time.perf_counter() - started


def _bring_to_head(database: Path) -> None:
    """A store made by an older program: migrated as a counter's would be (an index the
    statements read, say), and what a migration added analysed like the rest."""
    from app.storage.database import Database

    started = time.perf_counter()
    Database.open(f"sqlite:///{database}").dispose()
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        analysed = {row[0] for row in connection.execute("SELECT DISTINCT idx FROM sqlite_stat1")}
        indexes = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND tbl_name IN ({', '.join(repr(table) for table in _COPIED)})"
            )
        ]
        for name in sorted(set(indexes) - analysed):
            connection.execute(f'ANALYZE "{name}"')
            print(f"  analysed {name}")
    finally:
        connection.close()
    print(f"  brought to the program's schema in {time.perf_counter() - started:.0f} s")


def copy_to_duckdb(database: Path, target: Path) -> None:
    import duckdb

    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(database)
    duck = duckdb.connect(str(partial))
    duck.execute("SET enable_progress_bar = false")
    try:
        for table, columns in _COPIED.items():
            names = [c.split()[0] for c in columns.split(",")]
            csv_path = target.parent / f"{table}.csv"
            with csv_path.open("w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerows(source.execute(f"SELECT {', '.join(names)} FROM {table}"))
            duck.execute(f"CREATE TABLE {table} ({columns})")
            types = ", ".join(f"'{n}': '{t}'" for n, t in (c.split() for c in columns.split(",")))
            duck.execute(
                f"INSERT INTO {table} SELECT * FROM read_csv(?, header = false,"
                f" columns = {{{types}}}, nullstr = '')",
                [str(csv_path)],
            )
            csv_path.unlink()
    finally:
        duck.close()
        source.close()
    partial.replace(target)


#: Run in a child: one engine, one set of statements; prints seconds, rows and peak memory as
#: JSON. ``together`` on SQLite is the window's own call: the segments read from each member's
#: statistics in one session; beside them, in another, the groups, the sleeping and the bargain
#: hunters.
_CHILD = """
import json, sys, time, datetime as dt
sys.path.insert(0, {root!r})
from app.members.segment_rules import Thresholds
from app.members.segments import (BARGAINS_SQL, Dialect, GROUPS_SQL, SEGMENTS_SQL, SLEEPING_SQL,
    group_params, groups_and_segments_at_once, in_dialect, segment_params)
engine, which, path = sys.argv[1:4]
on = dt.date.fromisoformat({on!r})
groups = [(GROUPS_SQL, group_params(on, Thresholds()))]
segments = [(sql, segment_params(on, Thresholds()))
            for sql in (SEGMENTS_SQL, SLEEPING_SQL, BARGAINS_SQL)]
statements = {{"groups": groups, "segments": segments, "together": groups + segments}}[which]
if engine == "sqlite" and which == "together":
    from app.storage.database import Database
    db = Database.open("sqlite:///" + path, upgrade=False)
    def run():
        found = groups_and_segments_at_once(db, on, Thresholds())
        return [row for membership in found for row in membership.rows()]
elif engine == "sqlite":
    import sqlite3
    connection = sqlite3.connect(path)
    run = lambda: [row for sql, params in statements
                   for row in connection.execute(in_dialect(sql, Dialect.SQLITE), params)]
else:
    import duckdb, re
    connection = duckdb.connect(path, read_only=True)
    def duck(sql, params):  # DuckDB takes only the parameters a statement names
        written = in_dialect(sql, Dialect.DUCKDB)
        named = {{k: v for k, v in params.items() if re.search(r"\\$" + k + r"\\b", written)}}
        return connection.execute(written, named).fetchall()
    run = lambda: [row for sql, params in statements for row in duck(sql, params)]
start = time.perf_counter()
cpu = time.process_time()
rows = run()
seconds = time.perf_counter() - start
try:
    with open("/proc/self/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except OSError:  # not Linux: the fork's inheritance does not apply the same way
    import resource
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "cpu": time.process_time() - cpu, "rows": len(rows),
                  "peak_mb": peak_kb / 1024}}))
"""


_NAMES = {
    "groups": "analytics groups, one session",
    "segments": "analytics segments, one session",
    "together": "analytics groups+segments, two at once",
}


def _measure(engine: str, which: str, path: Path) -> dict[str, float]:
    root = str(Path(__file__).resolve().parent.parent)
    script = _CHILD.format(root=root, on=ON.isoformat())
    done = subprocess.run(
        [sys.executable, "-c", script, engine, which, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run() -> list[Figure]:
    folder = cache_dir()
    database = folder / "counter.db"
    duck = folder / "copy-v2.duckdb"  # v2: with order_lines.promotion_ids
    if not database.exists():
        seconds = generate(database)
        print(f"  generated {MEMBERS:,} members, ~{LINES:,} lines in {seconds:.0f} s ({database})")
    else:
        print(f"  reusing {database}")
        _bring_to_head(database)
    if not duck.exists():
        started = time.perf_counter()
        copy_to_duckdb(database, duck)
        print(f"  copied to DuckDB in {time.perf_counter() - started:.0f} s")
    figures = []
    peak = 0.0
    for which, target in (
        ("groups", "-"),
        ("segments", "-"),
        ("together", f"<= {LIMIT_S:.0f} s"),
    ):
        lite = _measure("sqlite", which, database)
        quack = _measure("duckdb", which, duck)
        print(
            f"  {which}: sqlite {lite['seconds']:.2f} s (cpu {lite['cpu']:.2f} s),"
            f" {lite['rows']:.0f} rows, peak {lite['peak_mb']:.0f} MB;"
            f" duckdb {quack['seconds']:.2f} s (cpu {quack['cpu']:.2f} s), {quack['rows']:.0f} rows"
        )
        if lite["rows"] != quack["rows"]:
            raise AssertionError(f"{which}: SQLite and DuckDB disagree on the rows")
        peak = max(peak, lite["peak_mb"])
        figures.append(
            Figure(_NAMES[which], lite["seconds"], "s", target, lite["seconds"] / quack["seconds"])
        )
    figures.append(Figure("analytics peak memory (sqlite)", peak, "MB", f"< {LIMIT_MB} MB"))
    return figures
