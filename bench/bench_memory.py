"""The counter's memory with 1,000,000 members: resident set size at the login window and 5 s
after logging in, against the same on the demo store, in the same run.

Each reading is a fresh process (``bench.memory_counter``) on a copy of the store. The first
login of a copy is a warm-up: it opens the shift and runs the daily upkeep (levels, expiries,
the day's backup), which a store does once a day; the readings are the logins after it, on the
same day, which is what a cashier meets at every login. The 1,000,000-member store is built by
bulk insert once and kept under ``/tmp/pos-bench-cache``, keyed by the schema (the migration
files) and this builder's source, so later runs start in seconds.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import inspect
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.figures import Figure, median

MEMBERS = 1_000_000
CHUNK = 50_000
RUNS = 3
TARGET_MB = 250.0
ROOT = Path(__file__).resolve().parents[1]
CACHE = Path("/tmp/pos-bench-cache")
MIGRATIONS = ROOT / "app" / "storage" / "migrations" / "versions"
_FIGURE_RE = re.compile(r"(rss_\w+_mb)=([0-9.]+)")
_MEMBER_INSERT = (
    "INSERT INTO members (id, card_no, name, phone, sex, birthday_calendar, birthday_year,"
    " birthday_month, birthday_day, birthday_key, joined_on, card_type_id, level_since,"
    " expires_on, principal_fen, bonus_fen, points, total_spend_fen, visit_count,"
    " last_visit_on, tags, note, home_store, status, password_failures, birthday_leap,"
    " birthday_prefer_leap, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, '', 'S001',"
    " 'active', 0, 0, 0, ?)"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", POS_PRINTER_URI="dummy:")
    for name in ("POS_LANGUAGE", "POS_DATA_DIR"):
        env.pop(name, None)
    return env


def _cache_key() -> str:
    """The schema and the builder's code: a change to either builds the store again."""
    digest = hashlib.sha256(str(MEMBERS).encode())
    for path in sorted(MIGRATIONS.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    for builder in (_member_rows, build_million, _seed_demo):  # its code, not its layout
        digest.update(ast.dump(ast.parse(textwrap.dedent(inspect.getsource(builder)))).encode())
    return digest.hexdigest()[:16]


def _seed_demo(data_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), "demo"],
        cwd=ROOT,
        env=_env(),
        check=True,
        capture_output=True,
        timeout=300,
    )


def _member_rows(
    start: int, count: int, card_type: str, today: dt.date
) -> Iterator[tuple[Any, ...]]:
    """Members as a store of years gathers them: birthdays spread over the year (a fifth lunar),
    last visits over two years, one card in ten with an expiry date, one in a hundred VIP."""
    rng = random.Random(start)
    for n in range(start, start + count):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        lunar = rng.random() < 0.2
        joined = today - dt.timedelta(days=rng.randint(30, 2000))
        visits = rng.randint(0, 40)
        yield (
            str(uuid.UUID(int=n + 1, version=4)),
            f"9{n:09d}",
            f"会员{n}",
            f"13{n:09d}",
            rng.choice(("男", "女")),
            "lunar" if lunar else "solar",
            None if lunar else rng.randint(1950, 2008),
            month,
            day,
            f"{'L' if lunar else 'S'}{month:02d}{day:02d}",
            joined,
            card_type,
            joined,
            today + dt.timedelta(days=rng.randint(0, 730)) if rng.random() < 0.1 else None,
            rng.randint(0, 500_00) if n % 5 == 0 else 0,
            rng.randint(0, 5000),
            rng.randint(0, 5000_00),
            visits,
            today - dt.timedelta(days=rng.randint(1, 730)) if visits else None,
            "VIP" if n % 100 == 0 else "",
            f"{joined.isoformat()} 10:00:00.000000",
        )


def build_million(data_dir: Path) -> None:
    """The demo store (its staff, catalog, card types) and 1,000,000 members inserted in bulk."""
    _seed_demo(data_dir)
    today = dt.date.today()
    connection = sqlite3.connect(data_dir / "counter.db", isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        (card_type,) = connection.execute(
            "SELECT id FROM member_card_types WHERE is_default"
        ).fetchone()
        for start in range(0, MEMBERS, CHUNK):
            connection.execute("BEGIN")
            connection.executemany(_MEMBER_INSERT, _member_rows(start, CHUNK, card_type, today))
            connection.executemany(
                "INSERT INTO member_tags (tag_key, member_id) VALUES ('vip', ?)",
                (
                    (str(uuid.UUID(int=n + 1, version=4)),)
                    for n in range(start, start + CHUNK)
                    if n % 100 == 0
                ),
            )
            connection.execute("COMMIT")
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def million_store() -> Path:
    """The cached 1,000,000-member data directory, built when missing."""
    target = CACHE / f"memory-{_cache_key()}"
    if (target / "counter.db").exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    building = Path(tempfile.mkdtemp(prefix="memory-building-", dir=CACHE))
    try:
        build_million(building)
        building.rename(target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    print(f"  (built {MEMBERS:,} members in {time.perf_counter() - start:.1f} s)", flush=True)
    return target


def read_counter(data_dir: Path, *extra: str) -> dict[str, float]:
    """One fresh counter process: its readings at the login window and after login."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory_counter", str(data_dir), *extra],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    found = {name: float(value) for name, value in _FIGURE_RE.findall(done.stdout)}
    if done.returncode != 0 or len(found) != 2:
        raise RuntimeError(f"counter run failed ({done.returncode}): {done.stderr[-800:]}")
    return found


def readings(data_dir: Path) -> list[dict[str, float]]:
    """A warm-up login (the shift, the day's upkeep), then ``RUNS`` logins on the same day."""
    read_counter(data_dir)
    return [read_counter(data_dir) for _ in range(RUNS)]


def _spread(values: list[float]) -> str:
    return f"{min(values):.0f}-{max(values):.0f}"


def run() -> list[Figure]:
    source = million_store()
    with tempfile.TemporaryDirectory() as scratch:
        demo = Path(scratch) / "demo"
        _seed_demo(demo)
        baseline = readings(demo)
        million = Path(scratch) / "million"
        shutil.copytree(source, million)
        measured = readings(million)
    figures = []
    for name in ("rss_login_window_mb", "rss_after_login_mb"):
        base = median([r[name] for r in baseline])
        values = [r[name] for r in measured]
        value = median(values)
        print(
            f"  ({name}: 1M members {', '.join(f'{v:.0f}' for v in values)} MB"
            f" (spread {_spread(values)}), demo store {base:.0f} MB)",
            flush=True,
        )
        figures.append(
            Figure(
                name.removesuffix("_mb") + "_1m_members",
                value,
                "MB",
                f"< {TARGET_MB:.0f} MB",
                value / base,
            )
        )
    return figures
