"""Member lookups, top-up commit, a stored-value sale and today's reminders with 1,000,000
members; the two commits against raw sqlite3 transactions of the same rows, in the same run."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.config import Config
from app.members.calendar import MemberDate
from app.members.card_types import CardTypeInput, create_bonus_rule, create_card_type
from app.members.enrolment import find_member
from app.members.reminders_query import due_reminders_for
from app.members.sales import member_sale
from app.members.stored_value import spend_stored_value, top_up
from app.pos.member_desk.context import DeskContext
from app.pos.member_desk.queries import SEARCH_LIMIT, MemberQueries
from app.storage.database import Database
from app.storage.db import SQLITE_PRAGMAS
from app.storage.member_models import MemberRow, MemberTagRow
from bench.figures import Figure, median, p99, timings_ms

MEMBERS = 1_000_000
CHUNK = 50_000
LOOKUPS = 2000
TAG_SEARCHES = 50
TOP_UPS = 300
#: Each stored-value sale pays this much by card (every target was topped up twice before).
SALE_FEN = 10_00
TODAY = dt.date(2026, 11, 23)
TARGET_RATIO = 3.0


def _rows(start: int, count: int, card_type_id: str, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for n in range(start, start + count):
        if rng.random() < 0.2:
            birthday = MemberDate("lunar", None, rng.randint(1, 12), rng.randint(1, 30))
        else:
            birthday = MemberDate(
                "solar", rng.randint(1950, 2008), rng.randint(1, 12), rng.randint(1, 28)
            )
        rows.append(
            {
                "id": str(uuid.UUID(int=n + 1, version=4)),
                "card_no": f"9{n:09d}",
                "name": f"会员{n}",
                "phone": f"13{n:09d}",
                "birthday_calendar": birthday.calendar,
                "birthday_year": birthday.year,
                "birthday_month": birthday.month,
                "birthday_day": birthday.day,
                "birthday_leap": False,
                "birthday_prefer_leap": False,
                "birthday_key": birthday.key.code,
                "tags": ("VIP" if n % 100 == 0 else "") + (",生日会" if n % 10_000 == 0 else ""),
                "note": "",
                "home_store": "S001",
                "joined_on": TODAY - dt.timedelta(days=rng.randint(0, 2000)),
                "card_type_id": card_type_id,
                "level_since": TODAY,
                "expires_on": TODAY + dt.timedelta(days=rng.randint(0, 730))
                if rng.random() < 0.1
                else None,
                "status": "active",
                "password_failures": 0,
                "principal_fen": 0,
                "bonus_fen": 0,
                "points": 0,
                "total_spend_fen": 0,
                "visit_count": 0,
                "last_visit_on": TODAY - dt.timedelta(days=rng.randint(1, 730)),
            }
        )
    return rows


def _tag_rows(start: int, count: int) -> list[dict[str, str]]:
    """Every 100th member tagged VIP (10,000 in all), every 10,000th also 生日会 (100)."""
    rows = []
    for n in range(start, start + count):
        member_id = str(uuid.UUID(int=n + 1, version=4))
        if n % 100 == 0:
            rows.append({"tag_key": "vip", "member_id": member_id})
        if n % 10_000 == 0:
            rows.append({"tag_key": "生日会", "member_id": member_id})
    return rows


def _raw_top_up(connection: sqlite3.Connection, member_id: str, amount: int) -> None:
    """The rows of a top-up written with plain sqlite3: the same reads and writes, no ORM."""
    now = "2026-11-23 10:00:00.000000"
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("SELECT value FROM counter_state WHERE key = 'members.settings'").fetchall()
    row = connection.execute(
        "SELECT principal_fen, bonus_fen, status, expires_on, card_type_id FROM members"
        " WHERE id = ?",
        (member_id,),
    ).fetchone()
    connection.execute("SELECT * FROM member_bonus_rules WHERE active").fetchall()
    principal, bonus = row[0] + amount, row[1]
    connection.execute(
        "INSERT INTO stored_value_entries (id, member_id, kind, principal_delta, bonus_delta,"
        " principal_after, bonus_after, reason, business_day, created_at) VALUES"
        " (?, ?, 'top_up', ?, 0, ?, ?, '充值', '2026-11-23', ?)",
        (str(uuid.uuid4()), member_id, amount, principal, bonus, now),
    )
    connection.execute(
        "UPDATE members SET principal_fen = ?, bonus_fen = ? WHERE id = ?",
        (principal, bonus, member_id),
    )
    outbox_seq = connection.execute("SELECT coalesce(max(seq), 0) + 1 FROM outbox").fetchone()[0]
    connection.execute(
        "INSERT INTO outbox (seq, id, type, schema_version, payload, created_at)"
        " VALUES (?, ?, 'TopUpMade', 1, ?, ?)",
        (outbox_seq, str(uuid.uuid4()), json.dumps({"member_id": member_id}), now),
    )
    last = connection.execute(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, "0" * 64)
    digest = hashlib.sha256(f"{seq}{member_id}{prev}".encode()).hexdigest()
    connection.execute(
        "INSERT INTO audit_log (seq, id, at, action, actor_id, subject_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, 'member.top_up', 'c', ?, '{}', ?, ?)",
        (seq, str(uuid.uuid4()), now, member_id, prev, digest),
    )
    connection.execute("COMMIT")


def _raw_stored_value_sale(connection: sqlite3.Connection, member_id: str, amount: int) -> None:
    """A member's part of a sale paid by card, as checkout writes it, with plain sqlite3: the
    payment from the balance, the visit and spend, the points earned and the sale's event."""
    now = "2026-11-23 10:00:00.000000"
    order_id = str(uuid.uuid4())
    connection.execute("BEGIN IMMEDIATE")
    row = connection.execute(
        "SELECT m.principal_fen, m.bonus_fen, m.points, m.total_spend_fen, m.visit_count,"
        " m.status, m.expires_on, t.points_num, t.points_den,"
        " (SELECT value FROM counter_state WHERE key = 'members.settings')"
        " FROM members m JOIN member_card_types t ON t.id = m.card_type_id WHERE m.id = ?",
        (member_id,),
    ).fetchone()
    principal, bonus = row[0] - amount, row[1]
    points = row[2] + amount * row[7] // (row[8] * 100)
    connection.execute(
        "INSERT INTO stored_value_entries (id, member_id, kind, principal_delta, bonus_delta,"
        " principal_after, bonus_after, order_id, reason, business_day, created_at) VALUES"
        " (?, ?, 'spend', ?, 0, ?, ?, ?, '消费', '2026-11-23', ?)",
        (str(uuid.uuid4()), member_id, -amount, principal, bonus, order_id, now),
    )
    connection.execute(
        "INSERT INTO member_spend_entries (id, member_id, kind, spend_delta, visits_delta,"
        " order_id, reason, business_day, created_at) VALUES"
        " (?, ?, 'sale', ?, 1, ?, '消费', '2026-11-23', ?)",
        (str(uuid.uuid4()), member_id, amount, order_id, now),
    )
    connection.execute(
        "INSERT INTO points_entries (id, member_id, kind, delta, balance_after, base_fen,"
        " order_id, reason, business_day, created_at) VALUES"
        " (?, ?, 'earn', ?, ?, ?, ?, '消费积分', '2026-11-23', ?)",
        (str(uuid.uuid4()), member_id, points - row[2], points, amount, order_id, now),
    )
    connection.execute(
        "UPDATE members SET principal_fen = ?, bonus_fen = ?, points = ?, total_spend_fen = ?,"
        " visit_count = ?, last_visit_on = '2026-11-23' WHERE id = ?",
        (principal, bonus, points, row[3] + amount, row[4] + 1, member_id),
    )
    outbox_seq = connection.execute("SELECT coalesce(max(seq), 0) + 1 FROM outbox").fetchone()[0]
    connection.execute(
        "INSERT INTO outbox (seq, id, type, schema_version, payload, created_at)"
        " VALUES (?, ?, 'MemberSaleRecorded', 1, ?, ?)",
        (outbox_seq, str(uuid.uuid4()), json.dumps({"member_id": member_id}), now),
    )
    connection.execute("COMMIT")


def run() -> list[Figure]:
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "members.db"
        db = Database.open(f"sqlite:///{path}")
        who = {"actor_id": "bench", "approver_id": "bench"}
        with db.transaction() as session:
            kind = create_card_type(session, CardTypeInput("普通卡", 0), **who)
            create_bonus_rule(session, 500_00, 100_00, **who)
        start = time.perf_counter()
        for offset in range(0, MEMBERS, CHUNK):
            with db.transaction() as session:
                session.execute(insert(MemberRow), _rows(offset, CHUNK, kind.id, rng))
                session.execute(insert(MemberTagRow), _tag_rows(offset, CHUNK))
        load_s = time.perf_counter() - start
        print(f"  (inserted {MEMBERS:,} members in {load_s:.1f} s)", flush=True)

        picks = [rng.randrange(MEMBERS) for _ in range(LOOKUPS)]

        def lookup(text: str) -> None:
            with db.reading() as session:
                find_member(session, text)

        card_times = [timings_ms(lambda n=n: lookup(f"9{n:09d}"), 1)[0] for n in picks]
        phone_times = [timings_ms(lambda n=n: lookup(f"13{n:09d}"), 1)[0] for n in picks]

        connection = sqlite3.connect(path, isolation_level=None)
        for pragma in SQLITE_PRAGMAS:
            connection.execute(pragma)
        targets = [
            str(uuid.UUID(int=rng.randrange(MEMBERS) + 1, version=4)) for _ in range(TOP_UPS)
        ]

        def app_top_up(member_id: str) -> None:
            with db.transaction() as session:
                top_up(session, member_id, 100_00, on=TODAY, actor_id="bench")

        raw_times: list[float] = []
        app_times: list[float] = []
        for block in range(0, TOP_UPS, 50):
            chunk = targets[block : block + 50]
            raw_times += [
                timings_ms(lambda m=m: _raw_top_up(connection, m, 100_00), 1)[0] for m in chunk
            ]
            app_times += [timings_ms(lambda m=m: app_top_up(m), 1)[0] for m in chunk]

        def app_sale(member_id: str) -> None:
            """What checkout does for a member paying all by card (its own rows aside)."""
            with db.transaction() as session:
                order_id = str(uuid.uuid4())
                line = spend_stored_value(
                    session,
                    member_id,
                    SALE_FEN,
                    on=TODAY,
                    actor_id="bench",
                    order_id=order_id,
                    emit_event=False,
                )
                member_sale(
                    session,
                    member_id,
                    paid_fen=SALE_FEN,
                    bonus_paid_fen=-line.bonus_delta,
                    on=TODAY,
                    order_id=order_id,
                    actor_id="bench",
                )

        raw_sale_times: list[float] = []
        app_sale_times: list[float] = []
        for block in range(0, TOP_UPS, 50):
            chunk = targets[block : block + 50]
            raw_sale_times += [
                timings_ms(lambda m=m: _raw_stored_value_sale(connection, m, SALE_FEN), 1)[0]
                for m in chunk
            ]
            app_sale_times += [timings_ms(lambda m=m: app_sale(m), 1)[0] for m in chunk]
        connection.close()

        queries = MemberQueries(DeskContext(db, Config(Path(directory))))
        tag_times = [timings_ms(lambda: queries.search("#VIP"), 1)[0] for _ in range(TAG_SEARCHES)]
        rare_times = [
            timings_ms(lambda: queries.search("#生日会"), 1)[0] for _ in range(TAG_SEARCHES)
        ]
        assert len(queries.search("#VIP")) == SEARCH_LIMIT

        def reminders() -> None:
            with db.reading() as session:
                due_reminders_for(session, TODAY, 0, 30, 30)

        with db.reading() as session:
            count = len(due_reminders_for(session, TODAY, 0, 30, 30))
        print(f"  ({count:,} reminders today)", flush=True)
        reminder_times = timings_ms(reminders, 3)
        db.dispose()

    raw_median, app_median = median(raw_times), median(app_times)
    raw_sale, app_sale_median = median(raw_sale_times), median(app_sale_times)
    return [
        Figure("member_lookup_card_p99", p99(card_times), "ms", "p99 <= 2 ms"),
        Figure("member_lookup_phone_p99", p99(phone_times), "ms", "p99 <= 2 ms"),
        Figure("top_up_raw_sqlite_median", raw_median, "ms", "baseline"),
        Figure(
            "top_up_commit_median",
            app_median,
            "ms",
            f"<= {TARGET_RATIO:g}x raw",
            ratio=app_median / raw_median,
        ),
        Figure("stored_value_sale_raw_sqlite_median", raw_sale, "ms", "baseline"),
        Figure(
            "stored_value_sale_median",
            app_sale_median,
            "ms",
            f"<= {TARGET_RATIO:g}x raw",
            ratio=app_sale_median / raw_sale,
        ),
        Figure("reminders_today_1m", median(reminder_times) / 1000, "s", "<= 2 s"),
        Figure("member_tag_search_10k_tagged_p99", p99(tag_times), "ms", "p99 <= 10 ms"),
        Figure("member_tag_search_100_tagged_p99", p99(rare_times), "ms", "p99 <= 10 ms"),
    ]
