"""Every sales report over a year of a busy store (1,000,000 order lines), against one plain scan.

The store is bulk-inserted with raw sqlite3 (``executemany`` of tuples, one transaction) into a
database migrated to head: 365 business days, about 250,000 sales of four lines on average, 1 %
refunded in part, 0.5 % voided, 30 % by members with their stored-value and points entries.
Each report runs as the screen runs it (a reading session, the SQL, the rows into a table) over
the whole year; the baseline is the bare sum of the year's line amounts on a plain sqlite3
connection (the one pass over the lines every report must make), so the ratio is what grouping,
joining and the session cost on top of reading the data. Target: at most 1 s per report.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from app.pos import reports
from app.pos.reports import Period
from app.pos.sales_totals import made_after_bulk_load
from app.storage.database import Database
from app.storage.db import SQLITE_PRAGMAS
from bench.figures import Figure, median, timings_ms

LINES = 1_000_000
DAYS = 365
FIRST_DAY = dt.date(2025, 12, 1)
PRODUCTS = 2_000
CATEGORIES = 20
MEMBERS = 5_000
CASHIERS = 4
RUNS = 3
TARGET = "<= 1000 ms"
SEED = 11
METHODS = ("cash", "wechat", "alipay", "bank_card", "stored_value")

_BASELINE = """
SELECT SUM(l.net_fen) FROM orders AS o JOIN order_lines AS l ON l.order_id = o.id
WHERE o.business_day BETWEEN ? AND ?
"""


def _time_ordered_id(ms: int, rng: random.Random) -> str:
    """A UUIDv7 of the moment ``ms`` (milliseconds since 1970), as the counter makes its ids:
    records written later sort later, which is what keeps a range of days together on disk."""
    value = (ms << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    return str(uuid.UUID(int=value | rng.getrandbits(62)))


def _ids(count: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(count)]


def _seed(path: Path) -> int:
    """The year's store written with executemany in one transaction; lines written."""
    rng = random.Random(SEED)
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    connection.execute("PRAGMA foreign_keys=OFF")  # rows are consistent by construction
    now = "2025-12-01 00:00:00.000000"
    staff = _ids(CASHIERS)
    categories = _ids(CATEGORIES)
    products = _ids(PRODUCTS)
    members = _ids(MEMBERS)
    prices = [rng.randint(100, 9_900) for _ in products]
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO staff (id, name, role, pin_hash, failed_attempts, approval_failures, active,"
        " created_at) VALUES (?, ?, 'cashier', 'x', 0, 0, 1, ?)",
        [(sid, f"收银员{n}", now) for n, sid in enumerate(staff)],
    )
    connection.executemany(
        "INSERT INTO categories (id, name, sort_order) VALUES (?, ?, ?)",
        [(cid, f"类别{n}", n) for n, cid in enumerate(categories)],
    )
    connection.executemany(
        "INSERT INTO products (id, code, name, pinyin_initials, category_id, unit, price_fen,"
        " cost_fen, active, track_stock, by_weight, stock_milli, stock_value_fen, created_at,"
        " updated_at) VALUES (?, ?, ?, 'sp', ?, '个', ?, ?, 1, 1, 0, 0, 0, ?, ?)",
        [
            (
                pid,
                f"{n:06d}",
                f"商品{n}",
                categories[n % CATEGORIES],
                price,
                price * 6 // 10,
                now,
                now,
            )
            for n, (pid, price) in enumerate(zip(products, prices, strict=True))
        ],
    )
    type_id = str(uuid.uuid4())
    connection.execute(
        "INSERT INTO member_card_types (id, name, rank, discount_bp, points_num, points_den,"
        " value_num, value_den, needs_password, downgrade, gift_points, gift_bonus_fen, fee_fen,"
        " is_default, active, created_at) VALUES (?, '普通卡', 1, 10000, 1, 1, 1, 100, 0, 0, 0,"
        " 0, 0, 1, 1, ?)",
        (type_id, now),
    )
    connection.executemany(
        "INSERT INTO members (id, card_no, name, tags, note, home_store, joined_on, card_type_id,"
        " level_since, status, password_failures, principal_fen, bonus_fen, points,"
        " total_spend_fen, visit_count, birthday_leap, birthday_prefer_leap, created_at) VALUES"
        " (?, ?, '会员', '', '', '', '2025-12-01', ?, '2025-12-01', 'active', 0, 0, 0, 0, 0, 0,"
        " 0, 0, ?)",
        [(mid, f"{880000 + n}", type_id, now) for n, mid in enumerate(members)],
    )
    orders: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    payments: list[tuple[object, ...]] = []
    stored: list[tuple[object, ...]] = []
    points: list[tuple[object, ...]] = []
    written = 0
    number = 0
    per_day = LINES // DAYS // 4 + 1
    day_index = 0
    while written < LINES:
        day = FIRST_DAY + dt.timedelta(days=min(day_index, DAYS - 1))
        day_index += 1
        opening = dt.datetime.combine(day, dt.time(1, 0), tzinfo=dt.UTC)  # 09:00 in Shanghai
        seconds = sorted(rng.randrange(13 * 3600) for _ in range(per_day))
        for second in seconds:
            if written >= LINES:
                break
            number += 1
            moment = opening + dt.timedelta(seconds=second)
            at = f"{moment:%Y-%m-%d %H:%M:%S}.000000"
            ms = int(moment.timestamp() * 1000)
            order_id = _time_ordered_id(ms, rng)
            member = rng.choice(members) if rng.random() < 0.3 else None
            voided = rng.random() < 0.005
            count = min(rng.randint(1, 7), LINES - written)
            total = 0
            sold: list[tuple[str, str, int, int]] = []
            for line_no in range(1, count + 1):
                index = rng.randrange(PRODUCTS)
                qty = rng.randint(1, 3) * 1000
                price = prices[index]
                net = price * qty // 1000
                line_id = _time_ordered_id(ms, rng)
                lines.append(
                    (
                        line_id,
                        order_id,
                        line_no,
                        products[index],
                        qty,
                        price,
                        price,
                        net,
                        net,
                        net * 6 // 10,
                    )
                )
                sold.append((line_id, products[index], qty, net))
                total += net
            written += count
            cashier = staff[number % CASHIERS]
            orders.append(
                (
                    order_id,
                    f"S001-01-{number:08d}",
                    day.isoformat(),
                    "sale",
                    "voided" if voided else "paid",
                    cashier,
                    None,
                    member,
                    total,
                    total,
                    at,
                )
            )
            method = "stored_value" if member and rng.random() < 0.5 else rng.choice(METHODS[:4])
            payments.append((_time_ordered_id(ms, rng), order_id, 1, method, total, total))
            if member and not voided:
                points.append(
                    (
                        _time_ordered_id(ms, rng),
                        member,
                        "earn",
                        total // 100,
                        day.isoformat(),
                        order_id,
                        at,
                    )
                )
                if method == "stored_value":
                    stored.append(
                        (
                            _time_ordered_id(ms, rng),
                            member,
                            "spend",
                            -total,
                            0,
                            day.isoformat(),
                            order_id,
                            at,
                        )
                    )
            if not voided and rng.random() < 0.01:  # a refund of the first line, later that day
                _line_id, product_id, qty, net = sold[0]
                refund_id = _time_ordered_id(ms + 1, rng)
                orders.append(
                    (
                        refund_id,
                        f"S001-01-R{number:08d}",
                        day.isoformat(),
                        "refund",
                        "paid",
                        cashier,
                        order_id,
                        member,
                        net,
                        net,
                        at,
                    )
                )
                unit = net * 1000 // qty
                lines.append(
                    (
                        _time_ordered_id(ms + 1, rng),
                        refund_id,
                        1,
                        product_id,
                        qty,
                        unit,
                        unit,
                        net,
                        net,
                        net * 6 // 10,
                    )
                )
                payments.append((_time_ordered_id(ms + 1, rng), refund_id, 1, "cash", -net, -net))
    for member in members[: MEMBERS // 2]:  # top-ups, so spending never runs a balance dry
        day = FIRST_DAY.isoformat()
        stored.append((str(uuid.uuid4()), member, "top_up", 10**7, 1000, day, None, now))
    with made_after_bulk_load(connection):  # the reports' totals made in one pass
        connection.executemany(
            "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
            " original_order_id, member_id, subtotal_fen, discount_fen, rounding_fen, total_fen,"
            " change_fen, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0, ?)",
            orders,
        )
        connection.executemany(
            "INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit, qty_milli,"
            " list_price_fen, unit_price_fen, gross_fen, line_discount_fen, order_share_fen,"
            " net_fen, refunded_qty_milli, refunded_fen, cost_fen) VALUES"
            " (?, ?, ?, ?, '商品', '个', ?, ?, ?, ?, 0, 0, ?, 0, 0, ?)",
            lines,
        )
        connection.executemany(
            "INSERT INTO payments (id, order_id, seq, method, amount_fen, tendered_fen)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            payments,
        )
        connection.executemany(
            "INSERT INTO stored_value_entries (id, member_id, kind, principal_delta, bonus_delta,"
            " principal_after, bonus_after, business_day, order_id, reason, created_at)"
            " VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, '', ?)",
            stored,
        )
        connection.executemany(
            "INSERT INTO points_entries (id, member_id, kind, delta, balance_after, base_fen,"
            " business_day, order_id, reason, created_at) VALUES (?, ?, ?, ?, 0, 0, ?, ?, '', ?)",
            points,
        )
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.close()
    return written


def run() -> list[Figure]:
    year = Period(FIRST_DAY, FIRST_DAY + dt.timedelta(days=DAYS - 1))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "reports.db"
        Database.open(f"sqlite:///{path}").dispose()  # migrated to head
        start = time.perf_counter()
        written = _seed(path)
        seed_seconds = time.perf_counter() - start
        raw = sqlite3.connect(path)
        for pragma in SQLITE_PRAGMAS:
            raw.execute(pragma)
        bounds = (year.first.isoformat(), year.last.isoformat())
        baseline = median(timings_ms(lambda: raw.execute(_BASELINE, bounds).fetchall(), RUNS))
        raw.close()
        db = Database.open(f"sqlite:///{path}")
        cases: dict[str, Callable[..., object]] = {
            "summary": lambda s: reports.summary(s, year),
            "by_day": lambda s: reports.by_day(s, year),
            "by_hour": lambda s: reports.by_hour(s, year, "Asia/Shanghai"),
            "by_category": lambda s: reports.by_category(s, year),
            "by_product": lambda s: reports.by_product(s, year),
            "best_sellers": lambda s: reports.best_sellers(s, year),
            "by_cashier": lambda s: reports.by_cashier(s, year),
            "order_profit (newest 1000)": lambda s: reports.order_profit(s, year, limit=1000),
            "refunds_and_voids": lambda s: reports.refunds_and_voids(s, year),
            "stored_value": lambda s: reports.stored_value_moves(s, year),
        }
        figures = [
            Figure(f"reports: seed {written:,} lines", seed_seconds, "s", "setup, not a target"),
            Figure("reports: baseline sum of lines", baseline, "ms", "raw sqlite3 scan"),
        ]

        def timed(case: Callable[..., object]) -> None:
            with db.reading() as session:
                case(session)

        for name, case in cases.items():
            value = median(timings_ms(lambda c=case: timed(c), RUNS))
            figures.append(Figure(f"reports: {name}", value, "ms", TARGET, value / baseline))
        db.dispose()
    return figures
