"""The head office's member metrics page (``/metrics``, its default 30 days) over a chain of
``BENCH_HO_METRICS_MEMBERS`` members (default 20,000; 200,000 sales), on SQLite, against a plain
scan of ``ho_sales`` in the same run. The data is ``bench_headoffice_analytics``'s, with what the
metrics read besides: members joining over three years (one in 33 on a day the office never
learnt), one sale in 67 refunded (a third in full), one in 133 voided. Medians of three pages,
each its own request (transaction) as the page runs, and of nine scans.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from sqlalchemy import text

from bench.bench_headoffice_analytics import LAST, build
from bench.figures import Figure, median, timings_ms
from headoffice.analytics_pages import metrics_body
from headoffice.db import Database

MEMBERS = int(os.environ.get("BENCH_HO_METRICS_MEMBERS", "20000"))
RUNS = 3
#: The scan is short: more of them for a steady median.
SCANS = 9
#: The page's blank start: the 30 days ending with the end.
FIRST = LAST - dt.timedelta(days=29)

_VARIED = (
    """UPDATE ho_members SET joined_on = CASE WHEN CAST(card_no AS INTEGER) % 33 = 0 THEN NULL
       ELSE date('2024-01-01', '+' || (CAST(card_no AS INTEGER) * 37 % 1060) || ' days') END""",
    """INSERT INTO ho_sales (event_id, order_id, store_code, counter_no, receipt_no, business_day,
                             kind, total_fen, member_id, occurred_at, original_order_id, promo)
       SELECT 'r-' || event_id, 'r-' || order_id, store_code, counter_no, 'r-' || receipt_no,
              min(date(business_day, '+' || (rowid % 20) || ' days'), :last), 'refund',
              CASE WHEN rowid % 3 = 0 THEN total_fen ELSE total_fen / 2 END, member_id,
              occurred_at, order_id, promo
       FROM ho_sales WHERE kind = 'sale' AND rowid % 67 = 0""",
    """INSERT INTO ho_sales (event_id, order_id, store_code, counter_no, receipt_no, business_day,
                             kind, total_fen, member_id, occurred_at, original_order_id, promo)
       SELECT 'v-' || event_id, order_id, store_code, counter_no, 'v-' || receipt_no,
              business_day, 'void', total_fen, member_id, occurred_at, NULL, promo
       FROM ho_sales WHERE kind = 'sale' AND rowid % 133 = 0""",
)


def _varied(db: Database) -> None:
    with db.transaction() as session:
        for sql in _VARIED:
            session.execute(text(sql), {"last": LAST.isoformat()})


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), MEMBERS)
        try:
            _varied(db)
            with db.transaction() as session:
                sql = text("SELECT SUM(total_fen), COUNT(*) FROM ho_sales")
                scan = median(timings_ms(lambda: session.execute(sql).all(), SCANS))
            page = median(
                timings_ms(
                    lambda: metrics_body(db, FIRST.isoformat(), LAST.isoformat(), LAST), RUNS
                )
            )
        finally:
            db.dispose()
    return [Figure(f"/metrics, {MEMBERS} members", page, "ms", "< 1500", page / scan)]
