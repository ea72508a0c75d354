"""A store's pull from a head office on PostgreSQL holding a chain of 1,000,000 members.

The chain: 100 stores of 10,000 members each, enrolled by their own counters (bulk-copied
straight into the head office's tables, one change-log row each, as enrolment writes them);
store S042 also follows 2,000 members of other stores (it looked them up). Then a day of
changes: 100,000 stored-value entries chain-wide, each moving a random member (its entry and
change-log row written as a push writes them), about 1,200 of them for members S042 needs.

Figures (``headoffice.pull.pull`` called as the endpoint calls it, JSON left out):
- the first page of S042's first pull (cursor empty): 500 of its members, found among the
  chain's million change rows;
- S042's catch-up after the day: every page from its cursor after the first full pull;
- for the record, the whole first pull (12,000 members in pages of 500).

Baseline in the same run: the same members read by primary key in one query (what the page
would cost with the change log's filtering for free); the ratio is the pull over that.
"""

from __future__ import annotations

import gc
import os
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select, text

from bench.figures import Figure
from headoffice import pull
from headoffice.db import Database, open_database
from headoffice.models import MemberRow
from headoffice.registry import add_store

#: BENCH_PULL_MEMBERS=100000 for a quicker look.
MEMBERS = int(os.environ.get("BENCH_PULL_MEMBERS", "1000000"))
STORES = 100
STORE = "S042"
FOLLOWED = 2_000
DAY_CHANGES = 100_000
ROWS_PER_TRANSACTION = 50_000
TARGET = "< 1 s"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _store(n: int) -> str:
    return f"S{n + 1:03d}"


def _copy(db: Database, table: str, columns: str, rows: Iterator[tuple[object, ...]]) -> None:
    """COPY ``rows`` in transactions of ROWS_PER_TRANSACTION; a ``txid`` column, when asked
    for, is each transaction's own id (as ``note_change`` writes it)."""
    import psycopg

    raw = db.engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert isinstance(driver, psycopg.Connection)
        pending = True
        while pending:
            with driver.transaction(), driver.cursor() as cursor:
                found = cursor.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()
                assert found is not None
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for _ in range(ROWS_PER_TRANSACTION):
                        row = next(rows, None)
                        if row is None:
                            pending = False
                            break
                        copy.write_row(tuple(found[0] if v is _TXID else v for v in row))
    finally:
        raw.close()


#: Stands for the writing transaction's id in a row given to :func:`_copy`.
_TXID = object()


def _build(db: Database, rng: random.Random) -> tuple[list[str], dict[str, str]]:
    """The chain; every member id in order, and each store's device."""
    devices: dict[str, str] = {}
    with db.transaction() as session:
        for n in range(STORES):
            devices[_store(n)] = add_store(session, _store(n), f"{n + 1}号店").device_id
    ids = [_uuid(rng) for _ in range(MEMBERS)]
    now = "2026-12-01 08:00:00"

    def members() -> Iterator[tuple[object, ...]]:
        for n, member_id in enumerate(ids):
            store = _store(n % STORES)
            yield (
                member_id, f"88{n:08d}", "会员", "138****0000", None, store, None, "active",
                rng.randrange(0, 100_000), 0, rng.randrange(0, 5_000), False, "",
                devices[store], now,
            )  # fmt: skip

    _copy(
        db,
        "ho_members",
        "id, card_no, name, phone_masked, phone_key, home_store, card_type_id, status,"
        " principal_fen, bonus_fen, points, hot, hot_reason, enrolled_by, updated_at",
        members(),
    )
    _copy(
        db,
        "ho_changes",
        "txid, kind, key, store_code",
        ((_TXID, "member", member_id, None) for member_id in ids),
    )
    own = int(STORE[1:]) - 1
    others = [m for n, m in enumerate(ids) if n % STORES != own]
    followed = rng.sample(others, FOLLOWED)
    _copy(
        db,
        "ho_store_members",
        "store_code, member_id",
        ((STORE, member_id) for member_id in followed),
    )
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    return ids, devices


def _day(db: Database, rng: random.Random, ids: list[str]) -> None:
    """A day's stored-value entries chain-wide, each with its change row."""
    moves = [(rng.choice(ids), _store(rng.randrange(STORES))) for _ in range(DAY_CHANGES)]

    def entries() -> Iterator[tuple[object, ...]]:
        for member_id, store in moves:
            yield (
                _uuid(rng), member_id, "spend", -1_00, 0, None, "", "2026-12-01", _uuid(rng),
                store, 1, "2026-12-01 12:00:00",
            )  # fmt: skip

    _copy(
        db,
        "ho_stored_value_entries",
        "id, member_id, kind, principal_delta, bonus_delta, order_id, reason, business_day,"
        " event_id, store_code, counter_no, applied_at",
        entries(),
    )
    _copy(
        db,
        "ho_changes",
        "txid, kind, key, store_code",
        ((_TXID, "member", member_id, None) for member_id, _ in moves),
    )
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def _all_pages(db: Database, cursor: str) -> tuple[str, int, int]:
    pages = members = 0
    while True:
        page = pull.pull(db, STORE, cursor)
        pages += 1
        members += len(page.members)
        cursor = page.next_cursor
        if not page.more:
            return cursor, pages, members


def _by_key_ms(db: Database, member_ids: list[str]) -> float:
    start = time.perf_counter()
    with db.transaction() as session:
        session.scalars(select(MemberRow).where(MemberRow.id.in_(member_ids))).all()
    return (time.perf_counter() - start) * 1000


def run() -> list[Figure]:
    from tests.headoffice.postgres_cluster import cluster, missing

    why = missing()
    if why is not None:
        raise RuntimeError(f"PostgreSQL is needed: {why}")
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as folder, cluster(Path(folder)) as url:
        db = open_database(url)
        try:
            started = time.perf_counter()
            ids, _ = _build(db, rng)
            print(
                f"  ({MEMBERS:,} members bulk-copied in {time.perf_counter() - started:.1f} s)",
                flush=True,
            )
            gc.collect()
            gc.freeze()  # the bench's million ids are not the server's heap: GC skips them
            pull.pull(db, STORE, "")  # the server's caches warm, as a running office's are

            start = time.perf_counter()
            first = pull.pull(db, STORE, "")
            first_ms = (time.perf_counter() - start) * 1000
            first_base = _by_key_ms(db, [m.member_id for m in first.members])

            start = time.perf_counter()
            cursor, pages, members = _all_pages(db, "")
            whole_ms = (time.perf_counter() - start) * 1000

            _day(db, rng, ids)
            del ids
            gc.collect()
            start = time.perf_counter()
            seen: list[str] = []
            catch_cursor = cursor
            catch_pages = 0
            while True:
                page = pull.pull(db, STORE, catch_cursor)
                catch_pages += 1
                seen.extend(m.member_id for m in page.members)
                catch_cursor = page.next_cursor
                if not page.more:
                    break
            catch_ms = (time.perf_counter() - start) * 1000
            catch_base = sum(
                _by_key_ms(db, seen[i : i + pull.PAGE_SIZE])
                for i in range(0, len(seen), pull.PAGE_SIZE)
            )
        finally:
            db.dispose()
    print(
        f"  (first pull: {members:,} members in {pages} pages; catch-up: {len(seen):,} members"
        f" in {catch_pages} pages of a day's {DAY_CHANGES:,} chain-wide changes)",
        flush=True,
    )
    return [
        Figure("pull first page, 1M-member chain", first_ms, "ms", TARGET, first_ms / first_base),
        Figure("pull catch-up after a day", catch_ms, "ms", TARGET, catch_ms / catch_base),
        Figure("pull whole first sync (12k members)", whole_ms, "ms", "info"),
    ]
