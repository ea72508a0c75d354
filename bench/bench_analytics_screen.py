"""What each tab of 会员分析 asks the database, over the analytics benchmark's store.

The store is ``bench_analytics``'s (cached under its seed and size; ``BENCH_ANALYTICS_MEMBERS``
and ``BENCH_ANALYTICS_LINES`` choose the size, 1,000,000 members and 10,000,000 lines by
default). Each tab's service call (the groups and segments on a day, the member list of the
largest of them, every metric (alone, and with the groups the screen already has, as the
metrics tab asks after the first tab), the retention triangle and the visit gaps over a year) runs
three times; the median is reported with the spread, and the ratio to a plain scan of every
order measured in the same run. No target of its own: the tabs run off the window's thread, and
the groups' target (10 s) is ``bench_analytics``'s.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from bench import bench_analytics
from bench.figures import Figure, median, timings_ms

RUNS = 3


def run() -> list[Figure]:
    from app.config import Config
    from app.pos.member_analytics import MemberAnalyticsService
    from app.storage.database import Database

    folder = bench_analytics.cache_dir()
    database = folder / "counter.db"
    if not database.exists():
        seconds = bench_analytics.generate(database)
        print(f"  generated the store in {seconds:.0f} s ({database})")
    else:
        print(f"  reusing {database}")
    connection = sqlite3.connect(database)
    scan = timings_ms(
        lambda: connection.execute("SELECT COUNT(*), SUM(total_fen) FROM orders").fetchall(),
        RUNS,
    )
    connection.close()
    baseline = median(scan)
    print(f"  plain scan of the orders: {baseline:.0f} ms (spread {min(scan):.0f}-{max(scan):.0f})")

    db = Database.open(f"sqlite:///{database}")
    service = MemberAnalyticsService(db, Config(data_dir=folder))
    last = bench_analytics.ON
    first = last - dt.timedelta(days=364)
    found = service.memberships(last)
    largest = max(
        (*found.groups.members, *found.segments.members), key=lambda key: len(found.cards(key))
    )
    cards = found.cards(largest)
    calls: list[tuple[str, Callable[[], object]]] = [
        ("groups and segments", lambda: service.memberships(last)),
        (
            f"member list ({largest}, {len(cards):,})",
            lambda: service.member_list(last, cards, found.rules),
        ),
        ("metrics (a year)", lambda: service.metrics(first, last)),
        ("metrics, groups known", lambda: service.metrics(first, last, found)),
        ("retention (a year)", lambda: service.retention(first, last)),
        ("visit gaps (a year)", lambda: service.visit_gaps(first, last)),
    ]
    figures = []
    try:
        for name, call in calls:
            times = timings_ms(call, RUNS)
            print(
                f"  {name}: median {median(times):.0f} ms, spread {min(times):.0f}-{max(times):.0f}"
            )
            figures.append(
                Figure(
                    f"analytics screen: {name}",
                    median(times) / 1000,
                    "s",
                    "off the GUI thread",
                    median(times) / baseline,
                )
            )
    finally:
        db.dispose()
    return figures
