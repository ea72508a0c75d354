"""The counter's sales report, member groups and value segments over every store's data.

The rules are the counter's (``docs/analytics.md``), written over the head office's tables:
``ho_sales`` for ``orders`` (a void is a row of kind ``void`` for its sale's order, a refund names
its sale by ``original_order_id``), ``ho_sale_lines`` for ``order_lines`` (``promo`` already says
whether a line was bought on promotion), ``ho_members`` for ``members``. The thresholds are the
counter's defaults (:class:`app.members.segment_rules.Thresholds`) and the windows are computed by
the counter's own ``group_params`` and ``segment_params``. Each report is one statement that
SQLite and PostgreSQL both answer; only the difference of two days is written in each dialect.
The groups and segments (and ``/metrics``) read the members' purchases from a temporary table
gathered once a request (:func:`purchases_kept`), not each statement again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.members.segment_rules import Thresholds
from app.members.segments import (
    GROUP_STATS,
    SEGMENT_STATS,
    Group,
    Segment,
    group_params,
    group_rules,
    segment_params,
)

#: Business days are the stores' own: the latest calendar day anywhere (UTC+14) is the last one a
#: report may ask for, so no store's day is refused as future.
LATEST_OFFSET = dt.timedelta(hours=14)
#: A range longer than this is charted by month (its table stays by day).
MOST_DAYS_CHARTED = 62

#: Members whose joining day the office never learnt (enrolled before 0004) count as members
#: since long ago: they can be sleeping, and are never "new" by their joining day.
LONG_AGO = "0001-01-01"

#: The sales and refunds a report counts: refunds, and sales not voided (a void is kept as a row
#: of kind ``void`` for the sale's order). ``net`` is signed: a refund takes its amount off.
_COUNTED = """
voided AS (SELECT order_id FROM ho_sales WHERE kind = 'void'),
counted AS (
    SELECT s.event_id, s.store_code, s.business_day AS day, s.kind, s.member_id,
           CASE WHEN s.kind = 'refund' THEN -s.total_fen ELSE s.total_fen END AS net
    FROM ho_sales s
    WHERE s.business_day BETWEEN :first AND :last
      AND (s.kind = 'refund'
           OR (s.kind = 'sale' AND s.order_id NOT IN (SELECT order_id FROM voided)))
)"""

#: Every total the report shows, in one pass: the counted orders summed per day and store
#: (``cells``, a few rows a day), then those sums grouped each way the report needs.
_SUMS = """
    COUNT(CASE WHEN kind = 'sale' THEN 1 END) AS sales,
    COALESCE(SUM(CASE WHEN kind = 'sale' THEN net ELSE 0 END), 0) AS sales_fen,
    COALESCE(SUM(CASE WHEN kind = 'refund' THEN -net ELSE 0 END), 0) AS refunds_fen,
    COALESCE(SUM(net), 0) AS net_fen,
    COALESCE(SUM(CASE WHEN member_id IS NOT NULL THEN net ELSE 0 END), 0) AS member_fen"""
_REGROUPED = """
    SUM(sales), SUM(sales_fen), SUM(refunds_fen), SUM(net_fen), SUM(member_fen)"""
TOTALS_SQL = f"""
WITH {_COUNTED},
cells AS MATERIALIZED (
    SELECT day, store_code, {_SUMS}
    FROM counted GROUP BY day, store_code
)
SELECT 'all' AS way, 'all' AS key, {_REGROUPED} FROM cells
UNION ALL
SELECT 'day', day, {_REGROUPED} FROM cells GROUP BY day
UNION ALL
SELECT 'store', store_code, {_REGROUPED} FROM cells GROUP BY store_code
UNION ALL
SELECT 'month', substr(day, 1, 7), {_REGROUPED} FROM cells GROUP BY substr(day, 1, 7)
ORDER BY 1, 2
"""

VOIDS_SQL = """
SELECT COUNT(*), COALESCE(SUM(total_fen), 0) FROM ho_sales
WHERE kind = 'sale' AND business_day BETWEEN :first AND :last
  AND order_id IN (SELECT order_id FROM ho_sales WHERE kind = 'void')
"""

#: Each tender's net (refunds' payments are negative); orders taken before 0004 have no payment
#: rows: their net is the ``NULL`` method's.
TENDERS_SQL = f"""
WITH {_COUNTED}
SELECT p.method, SUM(COALESCE(p.amount_fen, c.net)) AS fen
FROM counted c LEFT JOIN ho_sale_payments p ON p.event_id = c.event_id
GROUP BY p.method
HAVING p.method IS NOT NULL OR SUM(c.net) <> 0
ORDER BY 2 DESC
"""


@dataclasses.dataclass(frozen=True)
class Totals:
    key: str
    sales: int
    sales_fen: int
    refunds_fen: int
    net_fen: int
    member_fen: int


@dataclasses.dataclass(frozen=True)
class SalesReport:
    first: dt.date
    last: dt.date
    total: Totals
    by_day: tuple[Totals, ...]
    by_store: tuple[Totals, ...]
    by_month: tuple[Totals, ...]
    tenders: tuple[tuple[str | None, int], ...]
    voids: int
    voids_fen: int

    @property
    def empty(self) -> bool:
        return self.total.sales == 0 and self.total.refunds_fen == 0


def office_today(now: float) -> dt.date:
    """The latest calendar day anywhere at the moment ``now`` (seconds since the epoch)."""
    return (dt.datetime.fromtimestamp(now, dt.UTC) + LATEST_OFFSET).date()


def _range(first: dt.date, last: dt.date) -> dict[str, str]:
    return {"first": first.isoformat(), "last": last.isoformat()}


def _totals(session: Session, first: dt.date, last: dt.date) -> dict[str, list[Totals]]:
    """The report's totals by way: ``all`` (one row, none when nothing was counted), ``day``,
    ``store`` and ``month``."""
    found: dict[str, list[Totals]] = {"all": [], "day": [], "store": [], "month": []}
    for way, key, *sums in session.execute(text(TOTALS_SQL), _range(first, last)):
        if sums[0] is not None:  # the whole of nothing: no row
            found[way].append(Totals(str(key), *(int(value) for value in sums)))
    return found


def sales_report(session: Session, first: dt.date, last: dt.date) -> SalesReport:
    """Every store's sales of the business days ``first``..``last`` (both included)."""
    totals = _totals(session, first, last)
    voids, voids_fen = session.execute(text(VOIDS_SQL), _range(first, last)).one()
    tenders = tuple(
        (method, int(fen))
        for method, fen in session.execute(text(TENDERS_SQL), _range(first, last))
    )
    return SalesReport(
        first,
        last,
        totals["all"][0] if totals["all"] else Totals("all", 0, 0, 0, 0, 0),
        tuple(totals["day"]),
        tuple(totals["store"]),
        tuple(totals["month"]),
        tenders,
        int(voids),
        int(voids_fen),
    )


# --- member groups and value segments -----------------------------------------------------------


def days_between(dialect: str, later: str, earlier: str) -> str:
    """Whole days from ``earlier`` to ``later`` (dates written YYYY-MM-DD) in SQL."""
    if dialect == "postgresql":
        return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


#: A purchase, as the counter's: a sale of a member, not voided, whose total less what was
#: refunded from it by :on is above zero. ``purchases`` holds walk-ins' too (the average ticket).
_GATHERED = """
refunded AS (
    SELECT original_order_id AS order_id, SUM(total_fen) AS fen
    FROM ho_sales
    WHERE kind = 'refund' AND original_order_id IS NOT NULL AND business_day <= :on
    GROUP BY original_order_id
),
purchases AS MATERIALIZED (
    SELECT s.event_id, s.member_id, s.business_day AS day,
           s.total_fen - COALESCE(r.fen, 0) AS ticket
    FROM ho_sales s LEFT JOIN refunded r ON r.order_id = s.order_id
    WHERE s.kind = 'sale' AND {scan}s.business_day <= :on AND s.total_fen - COALESCE(r.fen, 0) > 0
      AND s.order_id NOT IN (SELECT order_id FROM ho_sales WHERE kind = 'void')
)"""

#: The temporary table :func:`purchases_kept` gathers a request's purchases into, once: each
#: statement of a page gathering them again was most of its time.
PURCHASES_TABLE = "ho_request_purchases"
KEEP_PURCHASES = f"""
CREATE TEMP TABLE {PURCHASES_TABLE}{{on_commit_drop}} AS
WITH {_GATHERED}
SELECT event_id, member_id, day, ticket FROM purchases
"""
#: A member's purchases by day: without it SQLite scanned the whole table for each member the
#: sleeping count looks up (minutes for a chain); over the CTE it built such an index itself.
KEEP_PURCHASES_INDEX = (
    f"CREATE INDEX {PURCHASES_TABLE}_member ON {PURCHASES_TABLE} (member_id, day)"
)

#: The purchases every statement reads after ``WITH``, from :func:`purchases_kept`'s table.
#: It holds none after :on; reading :on here first tells PostgreSQL it is text, as the purchases
#: gathered in the statement itself did (else ``CAST(:on AS DATE)`` would make it a date).
PURCHASES = f"""
purchases AS NOT MATERIALIZED (
    SELECT event_id, member_id, day, ticket FROM {PURCHASES_TABLE} WHERE day <= :on
),
member_purchases AS NOT MATERIALIZED (SELECT * FROM purchases WHERE member_id IS NOT NULL)"""


def _dropped(dialect: str) -> str:
    """Named by its schema: a table of that name in the office's own is never the one dropped."""
    schema = "pg_temp" if dialect == "postgresql" else "temp"
    return f"DROP TABLE IF EXISTS {schema}.{PURCHASES_TABLE}"


@contextmanager
def purchases_kept(session: Session, on: dt.date) -> Iterator[None]:
    """The purchases up to ``on`` gathered once into :data:`PURCHASES_TABLE` for the statements
    run inside (:data:`PURCHASES`), in the session's transaction. Dropped after, and before in
    case a failed call in this transaction left it; a failure rolls the transaction back and
    the table with it (on PostgreSQL a commit drops it too), so a pooled connection never
    keeps it for the next request."""
    dialect = session.get_bind().dialect.name
    session.execute(text(_dropped(dialect)))
    on_commit_drop = " ON COMMIT DROP" if dialect == "postgresql" else ""
    kept = in_dialect(KEEP_PURCHASES, dialect).replace("{on_commit_drop}", on_commit_drop)
    session.execute(text(kept), {"on": on.isoformat()})
    session.execute(text(KEEP_PURCHASES_INDEX))
    if dialect == "postgresql":  # a temporary table is never analysed by autovacuum
        session.execute(text(f"ANALYZE {PURCHASES_TABLE}"))
    yield
    session.execute(text(_dropped(dialect)))


#: The groups' members (``found``: member id, group) after ``WITH``; a statement ends it.
GROUPS_FOUND = f"""
WITH {PURCHASES},
{GROUP_STATS},
member_stats AS MATERIALIZED (
    SELECT s.* FROM stats s JOIN ho_members m ON m.id = s.member_id WHERE {{joined}} <= :on
),
found AS (
{group_rules("member_id")}
)
"""
GROUPS_SQL = GROUPS_FOUND + "SELECT grp, COUNT(*) FROM found GROUP BY grp\n"

#: The segments' members (``found``: member id, segment), as :data:`GROUPS_FOUND`.
SEGMENTS_FOUND = f"""
WITH {PURCHASES},
chain AS MATERIALIZED (
    SELECT COUNT(*) AS tickets, COALESCE(SUM(ticket), 0) AS takings
    FROM purchases WHERE day >= :year_from
),
{SEGMENT_STATS},
long_gaps AS MATERIALIZED (
    SELECT DISTINCT member_id FROM (
        SELECT member_id,
               {{gap}} AS gap
        FROM member_purchases
    ) AS gaps WHERE gap > :high_loyalty_max_gap
),
ranked AS MATERIALIZED (
    SELECT member_id, year_spend,
           RANK() OVER (ORDER BY year_spend DESC) AS spend_rank,
           COUNT(*) OVER () AS buyers
    FROM stats WHERE year_spend > 0
),
promo AS MATERIALIZED (
    SELECT p.member_id, SUM(l.net_fen) AS value
    FROM ho_sale_lines l JOIN member_purchases p ON p.event_id = l.event_id
    WHERE l.promo AND p.day >= :year_from
    GROUP BY p.member_id
),
promo_ranked AS MATERIALIZED (
    SELECT member_id,
           RANK() OVER (ORDER BY value DESC) AS top_rank,
           RANK() OVER (ORDER BY value ASC) AS bottom_rank,
           COUNT(*) OVER () AS promo_buyers
    FROM promo WHERE value > 0
),
found AS (
    SELECT r.member_id, 'high_spend' AS segment
      FROM ranked r JOIN ho_members m ON m.id = r.member_id
     WHERE {{joined}} <= :on AND (r.spend_rank - 1) * 100 < r.buyers * :high_spend_percent
    UNION ALL
    SELECT s.member_id, 'high_ticket'
      FROM stats s JOIN ho_members m ON m.id = s.member_id CROSS JOIN chain
     WHERE {{joined}} <= :on AND s.year_max_ticket > 0
       AND s.year_max_ticket * chain.tickets * 100
           >= chain.takings * :high_ticket_percent_of_average
    UNION ALL
    SELECT r.member_id, 'high_loyalty'
      FROM ranked r JOIN stats s ON s.member_id = r.member_id
      JOIN ho_members m ON m.id = r.member_id
     WHERE {{joined}} <= :on AND (r.spend_rank - 1) * 100 < r.buyers * :high_loyalty_percent
       AND s.purchases >= 2 AND s.last_day >= :loyalty_last_from
       AND s.member_id NOT IN (SELECT member_id FROM long_gaps)
    UNION ALL
    SELECT p.member_id, 'bargain_frequent'
      FROM promo_ranked p JOIN ho_members m ON m.id = p.member_id
     WHERE {{joined}} <= :on AND (p.top_rank - 1) * 100 < p.promo_buyers * :bargain_percent
    UNION ALL
    SELECT p.member_id, 'bargain_rare'
      FROM promo_ranked p JOIN ho_members m ON m.id = p.member_id
     WHERE {{joined}} <= :on AND (p.bottom_rank - 1) * 100 < p.promo_buyers * :bargain_percent
    UNION ALL
    SELECT s.member_id, 'silent'
      FROM stats s JOIN ho_members m ON m.id = s.member_id
     WHERE {{joined}} <= :on AND s.first_day < :silent_from AND s.last_day >= :sleeping_from
       AND s.recent_n * ({{since_first}} + 1) * 100
           < :silent_percent_of_usual * s.purchases * :silent_window_days
    UNION ALL
    SELECT m.id, 'sleeping'
      FROM ho_members m LEFT JOIN stats s ON s.member_id = m.id
     WHERE {{joined}} < :sleeping_from AND (s.last_day IS NULL OR s.last_day < :sleeping_from)
)
"""
SEGMENTS_SQL = SEGMENTS_FOUND + "SELECT segment, COUNT(*) FROM found GROUP BY segment\n"

#: What the office's data cannot tell, counted, so the page can say how far to trust the counts
#: (``{scan}``: walking the day's index for nearly every sale was most of this statement's time).
GAPS_SQL = """
SELECT
  (SELECT COUNT(*) FROM ho_members WHERE joined_on IS NULL) AS unknown_joined,
  (SELECT COUNT(*) FROM ho_sales WHERE kind = 'refund' AND original_order_id IS NULL
      AND business_day <= :on) AS unlinked_refunds,
  (SELECT COUNT(*) FROM ho_sales WHERE kind = 'sale' AND occurred_at IS NULL
      AND {scan}business_day <= :on) AS sales_without_lines
"""


@dataclasses.dataclass(frozen=True)
class Membership:
    """How many members each group and segment holds on ``on``, and what the data lacks."""

    on: dt.date
    groups: Mapping[str, int]
    segments: Mapping[str, int]
    members: int
    unknown_joined: int
    unlinked_refunds: int
    sales_without_lines: int


#: A member's joining day, one the office never learnt read as long ago.
JOINED = "COALESCE(m.joined_on, :long_ago)"


def in_dialect(sql: str, dialect: str) -> str:
    """``sql`` with its member's joining day, and SQLite's ``+column`` where a condition nearly
    every row meets is read by scanning the table rather than walking its index."""
    scan = "+" if dialect == "sqlite" else ""
    return sql.replace("{joined}", JOINED).replace("{scan}", scan)


def groups_sql(dialect: str, sql: str = GROUPS_SQL) -> str:
    """``sql`` (:data:`GROUPS_SQL`, or :data:`GROUPS_FOUND` and a statement) in the dialect."""
    return in_dialect(sql, dialect)


def segments_sql(dialect: str, sql: str = SEGMENTS_SQL) -> str:
    """``sql`` (:data:`SEGMENTS_SQL`, or :data:`SEGMENTS_FOUND` and a statement) in the
    dialect."""
    gap = days_between(dialect, "day", "LAG(day) OVER (PARTITION BY member_id ORDER BY day)")
    since_first = days_between(dialect, ":on", "s.first_day")
    written = sql.replace("{gap}", gap).replace("{since_first}", since_first)
    return in_dialect(written, dialect)


def _counts(session: Session, sql: str, params: Mapping[str, object]) -> dict[str, int]:
    return {str(key): int(count) for key, count in session.execute(text(sql), params)}


def membership(session: Session, on: dt.date, rules: Thresholds | None = None) -> Membership:
    """Every group's and segment's count on ``on`` over all stores (the counter's defaults
    unless ``rules``)."""
    rules = rules or Thresholds()
    dialect = session.get_bind().dialect.name
    common = {"long_ago": LONG_AGO}
    with purchases_kept(session, on):
        found_groups = _counts(session, groups_sql(dialect), group_params(on, rules) | common)
        found_segments = _counts(session, segments_sql(dialect), segment_params(on, rules) | common)
    gaps = text(in_dialect(GAPS_SQL, dialect))
    unknown, unlinked, without_lines = session.execute(gaps, {"on": on.isoformat()}).one()
    members = session.execute(
        text("SELECT COUNT(*) FROM ho_members WHERE COALESCE(joined_on, :long_ago) <= :on"),
        {"on": on.isoformat(), "long_ago": LONG_AGO},
    ).scalar_one()
    return Membership(
        on,
        {key.value: int(found_groups.get(key.value, 0)) for key in Group},
        {key.value: int(found_segments.get(key.value, 0)) for key in Segment},
        int(members),
        int(unknown),
        int(unlinked),
        int(without_lines),
    )
