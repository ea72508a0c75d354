"""The head office on PostgreSQL as production runs it: ``headoffice serve --workers 2`` on a
throwaway cluster (fsync on), two counters pushing their backlogs at the same moment, each from
its own process through the real signed API. Events applied per second, against a plain bulk
insert (COPY) of the same rows into tables like the head office's, in the same cluster and run.

Four events in five are cash sales; one in five is a member's sale that spends stored value and
earns points (two ledger entries, its member moved), spread over :data:`MEMBERS` members.
Skipped, saying why, where PostgreSQL's binaries or psycopg are missing.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import insert, text

from app.sync.protocol import PUSH_PATH, Event, PushBatch, dumps, signed_headers
from bench.figures import Figure
from headoffice.db import open_database
from headoffice.models import CardRow, MemberRow
from headoffice.registry import add_store
from tests.headoffice.postgres_cluster import cluster, missing

ROOT = Path(__file__).resolve().parents[1]
#: BENCH_PG_EVENTS=10000 for a quicker look; split between the two counters.
EVENTS = int(os.environ.get("BENCH_PG_EVENTS", "60000"))
COUNTERS = 2
SERVER_WORKERS = 2
BATCH = 500
MEMBERS = 10_000
MEMBER_SHARE = 5  # one event in five is a member's sale
TARGET_RATE = ">= 5000 /s"
DAY = "2026-11-23"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _member_id(n: int) -> str:
    return str(uuid.UUID(int=(0x0190A000 << 96) | n))


def _events(counter: int, count: int) -> list[Event]:
    """The counter's backlog, the same in the pusher and in the bulk insert (seeded)."""
    chance = random.Random(counter)
    events = []
    for n in range(count):
        order_id = str(uuid.UUID(int=chance.getrandbits(128)))
        payload: dict[str, Any] = {
            "order_id": order_id,
            "receipt_no": f"S{counter:03d}-01-20261123-{n:06d}",
            "kind": "sale",
            "state": "paid",
            "business_day": DAY,
            "created_at": f"{DAY}T10:00:00+00:00",
            "cashier_id": "bench",
            "member_id": None,
            "subtotal_fen": 12_50,
            "discount_fen": 0,
            "rounding_fen": 0,
            "total_fen": 12_50,
            "change_fen": 0,
            "lines": [],
            "payments": [{"method": "cash", "amount_fen": 12_50}],
            "ledger_entries": [],
        }
        if n % MEMBER_SHARE == 0:
            member = _member_id(chance.randrange(MEMBERS))
            payload["member_id"] = member
            payload["payments"] = [{"method": "stored_value", "amount_fen": 12_50}]
            common = {"member_id": member, "order_id": order_id, "business_day": DAY}
            payload["ledger_entries"] = [
                {
                    **common,
                    "ledger": "stored_value",
                    "id": str(uuid.UUID(int=chance.getrandbits(128))),
                    "kind": "spend",
                    "principal_delta": -12_50,
                    "bonus_delta": 0,
                    "reason": "消费",
                },
                {
                    **common,
                    "ledger": "points",
                    "id": str(uuid.UUID(int=chance.getrandbits(128))),
                    "kind": "earn",
                    "delta": 12,
                    "reason": "消费积分",
                },
            ]
        event_id = str(uuid.UUID(int=chance.getrandbits(128)))
        events.append(Event(event_id, n + 1, "SalePaid", 1, payload, f"{DAY}T10:00:00+00:00"))
    return events


def _push_all(
    url: str,
    device_id: str,
    secret: str,
    counter: int,
    count: int,
    ready: Any,
    start: Any,
    done: Any,
) -> None:
    """A counter's backlog pushed in batches of :data:`BATCH`, once every pusher is ready."""
    events = _events(counter, count)
    bodies = [dumps(PushBatch(events[i : i + BATCH])) for i in range(0, count, BATCH)]
    with requests.Session() as http:
        ready.put(counter)
        start.wait()
        began = time.perf_counter()
        for body in bodies:
            headers = signed_headers(device_id, secret, "POST", PUSH_PATH, body, now=time.time())
            headers["content-type"] = "application/json"
            reply = http.post(url + PUSH_PATH, data=body, headers=headers, timeout=120)
            if reply.status_code != 200:
                raise RuntimeError(f"push answered {reply.status_code}: {reply.text[:200]}")
            if any(r["outcome"] != "applied" for r in reply.json()["results"]):
                raise RuntimeError("an event was not applied")
        done.put(time.perf_counter() - began)


def _rows(events: list[Event], device_id: str, store_code: str) -> Iterator[tuple[str, Any]]:
    """What applying ``events`` inserts, table by table: the rows of the bulk insert."""
    now = dt.datetime.now(dt.UTC)
    for event in events:
        payload = event.payload
        yield (
            "inbox",
            (event.id, device_id, event.seq, event.type, 1, event.created_at, now, "applied"),
        )
        yield (
            "sales",
            (
                event.id,
                payload["order_id"],
                store_code,
                1,
                payload["receipt_no"],
                DAY,
                "sale",
                payload["total_fen"],
                payload["member_id"],
            ),
        )
        for entry in payload["ledger_entries"]:
            common = (entry["id"], entry["member_id"], entry["kind"])
            tail = (entry["order_id"], entry["reason"], DAY, event.id, store_code, 1, now)
            if entry["ledger"] == "stored_value":
                yield "sv", (*common, entry["principal_delta"], entry["bonus_delta"], *tail)
            else:
                yield "points", (*common, entry["delta"], *tail)


_COPY_TABLES = {
    "inbox": (
        "ho_inbox",
        "event_id, device_id, seq, type, schema_version, created_at, applied_at, outcome",
    ),
    "sales": (
        "ho_sales",
        "event_id, order_id, store_code, counter_no, receipt_no,"
        " business_day, kind, total_fen, member_id",
    ),
    "sv": (
        "ho_stored_value_entries",
        "id, member_id, kind, principal_delta, bonus_delta,"
        " order_id, reason, business_day, event_id, store_code, counter_no, applied_at",
    ),
    "points": (
        "ho_points_entries",
        "id, member_id, kind, delta, order_id, reason,"
        " business_day, event_id, store_code, counter_no, applied_at",
    ),
}


def _bulk_insert_s(url: str, backlogs: list[tuple[list[Event], str, str]]) -> float:
    """The same rows COPYed into tables like the head office's (keys and indexes included),
    one transaction a counter's backlog."""
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as connection:
        for key, (table, _) in _COPY_TABLES.items():
            connection.execute(f"CREATE TABLE bulk_{key} (LIKE {table} INCLUDING ALL)")
        connection.commit()
        began = time.perf_counter()
        for events, device_id, store_code in backlogs:
            grouped: dict[str, list[tuple[Any, ...]]] = {key: [] for key in _COPY_TABLES}
            for key, row in _rows(events, device_id, store_code):
                grouped[key].append(row)
            with connection.cursor() as cursor:
                for key, rows in grouped.items():
                    columns = _COPY_TABLES[key][1]
                    with cursor.copy(f"COPY bulk_{key} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            connection.commit()
        return time.perf_counter() - began


def _start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "headoffice",
            "serve",
            "--db",
            url,
            "--port",
            str(port),
            "--workers",
            str(SERVER_WORKERS),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the head office did not start")


def _setup(url: str) -> list[tuple[str, str, str]]:
    """The schema, the counters (device id, secret, store code) and the members, with money."""
    db = open_database(url)
    try:
        registered = []
        with db.transaction() as session:
            for counter in range(1, COUNTERS + 1):
                store = f"S{counter:03d}"
                registration = add_store(session, store, f"{counter}号店")
                registered.append((registration.device_id, registration.secret, store))
        now = dt.datetime.now(dt.UTC)
        members = [
            {
                "id": _member_id(n),
                "card_no": f"88{n:08d}",
                "name": f"会员{n}",
                "phone_masked": "",
                "home_store": "S001",
                "status": "active",
                "principal_fen": 10_000_00,
                "bonus_fen": 0,
                "points": 0,
                "hot": False,
                "hot_reason": "",
                "updated_at": now,
            }
            for n in range(MEMBERS)
        ]
        with db.transaction() as session:
            session.execute(insert(MemberRow), members)
            session.execute(
                insert(CardRow),
                [
                    {"card_no": m["card_no"], "member_id": m["id"], "status": "active"}
                    for m in members
                ],
            )
        return registered
    finally:
        db.dispose()


def _check(url: str, total: int) -> None:
    db = open_database(url)
    try:
        with db.engine.connect() as connection:
            applied = connection.scalar(text("SELECT count(*) FROM ho_inbox"))
            off = connection.scalar(
                text(
                    "SELECT count(*) FROM ho_members m WHERE m.principal_fen <> 1000000 + "
                    "(SELECT coalesce(sum(principal_delta), 0) FROM ho_stored_value_entries e"
                    " WHERE e.member_id = m.id)"
                )
            )
        if applied != total or off:
            raise RuntimeError(f"{applied} of {total} events applied, {off} balances off")
    finally:
        db.dispose()


def run() -> list[Figure]:
    reason = missing()
    if reason is not None:
        print(f"  (skipped: {reason})", flush=True)
        return []
    folder = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    per_counter = EVENTS // COUNTERS
    try:
        with cluster(folder, durable=True) as url:
            registered = _setup(url)
            port = _free_port()
            server = _start_server(url, port)
            context = multiprocessing.get_context("spawn")
            ready = context.Queue()
            start = context.Event()
            done = context.Queue()
            pushers = [
                context.Process(
                    target=_push_all,
                    args=(
                        f"http://127.0.0.1:{port}",
                        device,
                        secret,
                        n,
                        per_counter,
                        ready,
                        start,
                        done,
                    ),
                )
                for n, (device, secret, _) in enumerate(registered, start=1)
            ]
            try:
                for pusher in pushers:
                    pusher.start()
                for _ in pushers:  # their bodies built before the clock starts
                    ready.get(timeout=300)
                began = time.perf_counter()
                start.set()
                elapsed = [done.get(timeout=600) for _ in pushers]
                wall_s = time.perf_counter() - began
                for pusher in pushers:
                    pusher.join(30)
            finally:
                for pusher in pushers:
                    if pusher.is_alive():
                        pusher.kill()
                server.terminate()
                server.wait(30)
            total = per_counter * COUNTERS
            _check(url, total)
            backlogs = [
                (_events(n, per_counter), device, store)
                for n, (device, _, store) in enumerate(registered, start=1)
            ]
            bulk_s = _bulk_insert_s(url, backlogs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rate = total / wall_s
    bulk_rate = total / bulk_s
    print(
        f"  ({total:,} events, {COUNTERS} counters at once, {SERVER_WORKERS} server workers;"
        f" slowest pusher {max(elapsed):.1f} s)",
        flush=True,
    )
    return [
        Figure(
            f"PostgreSQL apply, {SERVER_WORKERS} workers",
            rate,
            "/s",
            TARGET_RATE,
            ratio=rate / bulk_rate,
        ),
        Figure("  bulk COPY of the same rows", bulk_rate, "/s", "-"),
    ]
