"""Member groups (001) and value segments (003) on a day, computed in SQL over the orders.

The groups are one statement (CTEs and window functions) that SQLite answers over the whole
database, the segments three: those read from each member's statistics, the sleeping members and
the bargain hunters, so that the window can read the last two (and the groups) beside the first
on the counter's second core. The same texts, with the date difference and the parameter marks
written in DuckDB's dialect, run in DuckDB for the benchmark's comparison. ``docs/analytics.md``
writes out every rule.

The words the statements share:

- a *purchase* is a sale (``orders.kind = 'sale'``) of a member, not voided, whose amount less
  what was refunded from it by the end of the day computed on is above zero; its *ticket* is
  that amount and its day its business day. A sale refunded whole is no purchase;
- a window of N days on day D is the N days that end with D, D included;
- a line is *bought on promotion* by :data:`PROMOTION_LINE` (the one place that says so; the
  segments read its two parts apart, :data:`PROMOTED_LINE` and :data:`COUPON_ORDER_LINE`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.members.segment_rules import Thresholds
from app.storage.database import Database


class Dialect(enum.StrEnum):
    SQLITE = "sqlite"
    DUCKDB = "duckdb"


class Group(enum.StrEnum):
    NEW_LOW_TICKET = "new_low_ticket"
    NEW_HIGH_TICKET = "new_high_ticket"
    ACTIVE = "active"
    LOYAL = "loyal"
    FAN = "fan"


class Segment(enum.StrEnum):
    HIGH_SPEND = "high_spend"
    HIGH_TICKET = "high_ticket"
    HIGH_LOYALTY = "high_loyalty"
    BARGAIN_FREQUENT = "bargain_frequent"
    BARGAIN_RARE = "bargain_rare"
    SILENT = "silent"
    SLEEPING = "sleeping"


#: Whether order line ``ol`` was bought on promotion: a discount given on the line (单品促销 or
#: 折扣) or a line a promotion priced (:data:`PROMOTED_LINE`), or any line of an order a coupon
#: paid part of (:data:`COUPON_ORDER_LINE`). The segments read the two apart (below).
PROMOTED_LINE = "(ol.line_discount_fen > 0 OR ol.promotion_ids IS NOT NULL)"
COUPON_ORDER_LINE = (
    "ol.order_id IN (SELECT c.used_order_id FROM coupons c WHERE c.used_order_id IS NOT NULL)"
)
PROMOTION_LINE = f"({PROMOTED_LINE} OR {COUPON_ORDER_LINE})"

#: A sale's ticket: its total less what was refunded from it by the end of :on. A sale still
#: ``paid`` had nothing refunded (a refund marks its sale ``refunded`` or ``partly_refunded``),
#: so only the few others look their refunds up (through ``ix_orders_original_order_id``).
_TICKET = """o.total_fen - CASE WHEN o.state = 'paid' THEN 0 ELSE COALESCE((
               SELECT SUM(r.total_fen) FROM orders r
               WHERE r.original_order_id = o.id AND r.kind = 'refund' AND r.business_day <= :on
           ), 0) END"""

#: Every purchase up to :on (walk-ins' too: member_id NULL), with its ticket net of refunds;
#: not kept apart, so that a reader's own range of days reads those days alone.
_PURCHASES = f"""
purchases AS NOT MATERIALIZED (
    SELECT * FROM (
        SELECT o.id AS order_id, o.member_id AS member_id, o.business_day AS day,
           {_TICKET} AS ticket
        FROM orders o
        WHERE o.kind = 'sale' AND o.state <> 'voided' AND {{whole_table(o.business_day)}} <= :on
    ) AS sale WHERE ticket > 0
)"""

#: Members' purchases alone, the same rule, read through ``ix_orders_member_purchases`` in
#: member and day order (so grouping by member and the gaps between days need no sorting).
_MEMBER_PURCHASES = f"""
member_purchases AS NOT MATERIALIZED (
    SELECT * FROM (
        SELECT o.id AS order_id, o.member_id AS member_id, o.business_day AS day,
           {_TICKET} AS ticket
        FROM orders o
        WHERE o.kind = 'sale' AND o.member_id IS NOT NULL AND o.state <> 'voided'
          AND {{whole_table(o.business_day)}} <= :on
    ) AS sale WHERE ticket > 0
)"""

#: What every statement starts with (after ``WITH``): ``purchases``.
PURCHASES_UP_TO_ON = _PURCHASES
#: The same for members' purchases alone: ``member_purchases``, read member by member through
#: their index (for statements about some members, or in member and day order).
MEMBER_PURCHASES_UP_TO_ON = _MEMBER_PURCHASES

#: Each member's purchases counted for the groups, from ``member_purchases`` (order id, member,
#: day, ticket): the counter and the head office run the same over their own tables. Every
#: group's window lies within the days from :read_from (the earliest window start), so only
#: those purchases are read: ``purchases``, ``first_day`` and ``spend`` are of those days, and
#: the new groups ask whether the member bought before theirs (:func:`group_rules`).
GROUP_STATS = """stats AS MATERIALIZED (
    SELECT member_id,
           COUNT(*) AS purchases,
           MIN(day) AS first_day,
           MAX(day) AS last_day,
           SUM(ticket) AS spend,
           COUNT(*) FILTER (WHERE day >= :active_from) AS active_n,
           SUM(ticket) FILTER (WHERE day >= :active_from) AS active_spend,
           COUNT(*) FILTER (WHERE day >= :loyal_from) AS loyal_n,
           COUNT(*) FILTER (WHERE day >= :fan_from) AS fan_n,
           MIN(ticket) FILTER (WHERE day >= :fan_from) AS fan_min_ticket
    FROM member_purchases
    WHERE day BETWEEN :read_from AND :on
    GROUP BY member_id
)"""
#: The same for the segments.
SEGMENT_STATS = """stats AS MATERIALIZED (
    SELECT member_id,
           COUNT(*) AS purchases,
           MIN(day) AS first_day,
           MAX(day) AS last_day,
           COALESCE(SUM(ticket) FILTER (WHERE day >= :year_from), 0) AS year_spend,
           COALESCE(MAX(ticket) FILTER (WHERE day >= :year_from), 0) AS year_max_ticket,
           COUNT(*) FILTER (WHERE day >= :silent_from) AS recent_n
    FROM member_purchases GROUP BY member_id
)"""


#: Whether the member of a ``member_stats`` row made a purchase before the new groups' window
#: (one look into their purchases, for the few members the window's own counts leave new).
_BOUGHT_BEFORE_NEW = """EXISTS (SELECT 1 FROM member_purchases e
                WHERE e.member_id = member_stats.member_id AND e.day < :new_from)"""


def group_rules(key: str) -> str:
    """The five groups' rules over ``member_stats``, each row its member's ``key`` and group:
    the counter lists card numbers, the head office counts member ids. A member is new when
    none of their purchases is before :new_from: then those read are all they made."""
    return f"""SELECT {key}, 'new_low_ticket' AS grp FROM member_stats
 WHERE first_day >= :new_from AND purchases <= :new_max_purchases
   AND spend < :new_ticket * purchases AND NOT {_BOUGHT_BEFORE_NEW}
UNION ALL
SELECT {key}, 'new_high_ticket' FROM member_stats
 WHERE first_day >= :new_from AND purchases <= :new_max_purchases
   AND spend >= :new_ticket * purchases AND NOT {_BOUGHT_BEFORE_NEW}
UNION ALL
SELECT {key}, 'active' FROM member_stats
 WHERE active_n >= :active_min_purchases AND active_spend >= :active_min_avg_ticket * active_n
UNION ALL
SELECT {key}, 'loyal' FROM member_stats
 WHERE last_day >= :loyal_from AND last_day <= :loyal_last_by
   AND loyal_n BETWEEN :loyal_min_purchases AND :loyal_max_purchases
UNION ALL
SELECT {key}, 'fan' FROM member_stats
 WHERE fan_n >= :fan_min_purchases AND fan_min_ticket >= :fan_min_ticket
"""


GROUPS_SQL = f"""
WITH {_MEMBER_PURCHASES},
{GROUP_STATS},
member_stats AS MATERIALIZED (
    SELECT m.card_no, s.*
    FROM stats s JOIN members m ON m.id = s.member_id
    WHERE m.joined_on <= :on
)
{group_rules("card_no")}ORDER BY 2, 1
"""

SEGMENTS_SQL = f"""
WITH {_PURCHASES},
{_MEMBER_PURCHASES},
store AS MATERIALIZED (
    SELECT COUNT(*) AS tickets, COALESCE(SUM(ticket), 0) AS takings
    FROM purchases WHERE day BETWEEN :year_from AND :on
),
{SEGMENT_STATS},
-- Whether two of a member's purchases in a row lie further apart than the longest gap allowed
-- needs their purchases one by one only when their span (first to last day) is longer than that
-- gap yet no longer than that gap times their number of gaps: a shorter span holds no such gap,
-- a longer one must (their average gap is longer). Only those members' purchases are read again.
gap_candidates AS MATERIALIZED (
    SELECT member_id FROM stats
    WHERE purchases >= 2 AND last_day >= :loyalty_last_from
      AND {{days("last_day", "first_day")}} > :high_loyalty_max_gap
      AND {{days("last_day", "first_day")}} <= :high_loyalty_max_gap * (purchases - 1)
),
long_gaps AS MATERIALIZED (
    SELECT DISTINCT member_id FROM (
        SELECT p.member_id,
               {{days("p.day", "LAG(p.day) OVER (PARTITION BY p.member_id ORDER BY p.day)")}} AS gap
        FROM gap_candidates c JOIN member_purchases p ON p.member_id = c.member_id
    ) WHERE gap > :high_loyalty_max_gap
),
-- The least spend of the top high_spend_percent and high_loyalty_percent % of the year's buyers
-- ranked by it: a rank, as RANK() gives it (ties share the higher), decides, and as a member
-- spending more never ranks lower, "in the top" is "spent at least the least of those in it".
-- Only the spends are sorted, not each member's row.
spend_cutoffs AS MATERIALIZED (
    SELECT MIN(year_spend) FILTER (WHERE (spend_rank - 1) * 100 < buyers * :high_spend_percent)
               AS high_spend_from,
           MIN(year_spend) FILTER (WHERE (spend_rank - 1) * 100 < buyers * :high_loyalty_percent)
               AS high_loyalty_from
    FROM (
        SELECT year_spend, RANK() OVER (ORDER BY year_spend DESC) AS spend_rank,
               COUNT(*) OVER () AS buyers
        FROM stats WHERE year_spend > 0
    ) AS by_spend
),
-- Each member on the day who bought, with card: read once, by the segments below.
member_stats AS MATERIALIZED (
    SELECT m.card_no, s.*
    FROM stats s JOIN members m ON m.id = s.member_id
    WHERE m.joined_on <= :on
)
SELECT card_no, 'high_spend' AS segment
  FROM member_stats, spend_cutoffs
 WHERE year_spend > 0 AND year_spend >= high_spend_from
UNION ALL
SELECT card_no, 'high_ticket'
  FROM member_stats, store
 WHERE year_max_ticket > 0
   AND year_max_ticket * store.tickets * 100 >= store.takings * :high_ticket_percent_of_average
UNION ALL
SELECT card_no, 'high_loyalty'
  FROM member_stats, spend_cutoffs
 WHERE year_spend > 0 AND year_spend >= high_loyalty_from
   AND purchases >= 2 AND last_day >= :loyalty_last_from
   AND {{days("last_day", "first_day")}} <= :high_loyalty_max_gap * (purchases - 1)
   AND member_id NOT IN (SELECT member_id FROM long_gaps)
UNION ALL
SELECT card_no, 'silent'
  FROM member_stats
 WHERE first_day < :silent_from AND last_day >= :sleeping_from
   AND recent_n * ({{days(":on", "first_day")}} + 1) * 100
       < :silent_percent_of_usual * purchases * :silent_window_days
ORDER BY 2, 1
"""

#: The sleeping members, a statement of their own (it reads each member's purchases since the
#: window's start through their index, in card order), so it can run beside the others.
SLEEPING_SQL = f"""
WITH {_MEMBER_PURCHASES}
SELECT m.card_no, 'sleeping' AS segment
  FROM members m
 WHERE m.joined_on < :sleeping_from
   AND NOT EXISTS (SELECT 1 FROM member_purchases p
                   WHERE p.member_id = m.id AND p.day >= :sleeping_from)
ORDER BY 1
"""

#: The bargain hunters (``bargain_frequent`` and ``bargain_rare``), a statement of their own
#: (it reads the lines, the others the sales), so it can run beside the others.
BARGAINS_SQL = f"""
WITH {_MEMBER_PURCHASES},
-- The lines bought on promotion, in two parts that never share a line: those of
-- PROMOTED_LINE (read from their partial index ix_order_lines_promoted), then the other lines of
-- the orders a coupon paid (read order by order). CROSS JOIN: the lines first, then their order.
promo AS MATERIALIZED (
    SELECT member_id, SUM(net_fen) AS value FROM (
        SELECT p.member_id, ol.net_fen
        FROM order_lines ol CROSS JOIN member_purchases p
        WHERE p.order_id = ol.order_id AND {PROMOTED_LINE} AND p.day >= :year_from
        UNION ALL
        SELECT p.member_id, ol.net_fen
        FROM order_lines ol CROSS JOIN member_purchases p
        WHERE p.order_id = ol.order_id AND {COUPON_ORDER_LINE} AND NOT {PROMOTED_LINE}
          AND p.day >= :year_from
    ) AS promoted
    GROUP BY member_id
),
-- The least value of the top bargain_percent % of those who bought on promotion and the most of
-- the bottom bargain_percent % (ranked from the smallest: one more than those below, all but
-- those at or above the value), from one sort of the values, as the other segments' spends.
promo_cutoffs AS MATERIALIZED (
    SELECT MIN(value) FILTER (WHERE (top_rank - 1) * 100 < promo_buyers * :bargain_percent)
               AS frequent_from,
           MAX(value) FILTER (WHERE (bottom_rank - 1) * 100 < promo_buyers * :bargain_percent)
               AS rare_to
    FROM (
        SELECT value, RANK() OVER by_value AS top_rank,
               COUNT(*) OVER () - COUNT(*) OVER by_value + 1 AS bottom_rank,
               COUNT(*) OVER () AS promo_buyers
        FROM promo WHERE value > 0
        WINDOW by_value AS (ORDER BY value DESC)
    ) AS by_value
)
SELECT m.card_no, 'bargain_frequent'
  FROM promo p CROSS JOIN promo_cutoffs c JOIN members m ON m.id = p.member_id
 WHERE m.joined_on <= :on AND p.value > 0 AND p.value >= c.frequent_from
UNION ALL
SELECT m.card_no, 'bargain_rare'
  FROM promo p CROSS JOIN promo_cutoffs c JOIN members m ON m.id = p.member_id
 WHERE m.joined_on <= :on AND p.value > 0 AND p.value <= c.rare_to
ORDER BY 2, 1
"""

#: The members of one group or segment as its member list shows them: ``:cards`` is a JSON
#: array of their card numbers (one parameter, however many), their purchases the same rule's.
MEMBER_LIST_SQL = f"""
WITH {_MEMBER_PURCHASES},
wanted AS MATERIALIZED (
    SELECT m.id, m.card_no, m.name, m.joined_on, m.card_type_id
    FROM json_each(:cards) j JOIN members m ON m.card_no = j.value
),
bought AS MATERIALIZED (
    SELECT p.member_id, COUNT(*) AS purchases, MAX(p.day) AS last_day,
           COALESCE(SUM(p.ticket) FILTER (WHERE p.day >= :year_from), 0) AS year_spend,
           SUM(p.ticket) AS spend
    FROM wanted w JOIN member_purchases p ON p.member_id = w.id
    GROUP BY p.member_id
)
SELECT w.card_no, w.name, COALESCE(t.name, '') AS level, w.joined_on, b.last_day,
       COALESCE(b.purchases, 0) AS purchases, COALESCE(b.year_spend, 0) AS year_spend,
       COALESCE(b.spend, 0) AS spend
FROM wanted w LEFT JOIN bought b ON b.member_id = w.id
LEFT JOIN member_card_types t ON t.id = w.card_type_id
ORDER BY year_spend DESC, spend DESC, w.card_no
"""


def _days_sqlite(later: str, earlier: str) -> str:
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _days_duckdb(later: str, earlier: str) -> str:
    return f"date_diff('day', CAST({earlier} AS DATE), CAST({later} AS DATE))"


_PARAM = re.compile(r"(?<![:\w]):([a-z_]+)")


def in_dialect(sql: str, dialect: Dialect) -> str:
    """The statement with its date differences, its whole-table scans and for DuckDB its
    parameter marks written in the dialect's words (nothing else differs).

    ``{whole_table(column)}`` is SQLite's ``+column``: a condition nearly every row meets is
    read by scanning the table, not by walking an index and fetching each row."""
    days = _days_sqlite if dialect is Dialect.SQLITE else _days_duckdb
    written = re.sub(
        r"\{days\(\"([^\"]+)\", \"([^\"]+)\"\)\}",
        lambda m: days(m.group(1), m.group(2)),
        sql,
    )
    scan = "+" if dialect is Dialect.SQLITE else ""
    written = re.sub(r"\{whole_table\(([\w.]+)\)\}", lambda m: scan + m.group(1), written)
    if dialect is Dialect.DUCKDB:
        written = _PARAM.sub(lambda m: f"${m.group(1)}", written)
    return written


def _window_start(on: dt.date, days: int) -> str:
    """The first day of the ``days``-day window that ends with ``on``."""
    return (on - dt.timedelta(days=days - 1)).isoformat()


def group_params(on: dt.date, rules: Thresholds) -> dict[str, object]:
    windows = (
        rules.new_window_days,
        rules.active_window_days,
        rules.loyal_window_days,
        rules.fan_window_days,
    )
    return {
        "on": on.isoformat(),
        "read_from": _window_start(on, max(windows)),
        "new_from": _window_start(on, rules.new_window_days),
        "new_max_purchases": rules.new_max_purchases,
        "new_ticket": rules.new_ticket_fen,
        "active_from": _window_start(on, rules.active_window_days),
        "active_min_purchases": rules.active_min_purchases,
        "active_min_avg_ticket": rules.active_min_avg_ticket_fen,
        "loyal_from": _window_start(on, rules.loyal_window_days),
        "loyal_last_by": (on - dt.timedelta(days=rules.loyal_quiet_days)).isoformat(),
        "loyal_min_purchases": rules.loyal_min_purchases,
        "loyal_max_purchases": rules.loyal_max_purchases,
        "fan_from": _window_start(on, rules.fan_window_days),
        "fan_min_purchases": rules.fan_min_purchases,
        "fan_min_ticket": rules.fan_min_ticket_fen,
    }


def segment_params(on: dt.date, rules: Thresholds) -> dict[str, object]:
    return {
        "on": on.isoformat(),
        "year_from": _window_start(on, rules.year_days),
        "high_spend_percent": rules.high_spend_percent,
        "high_ticket_percent_of_average": rules.high_ticket_percent_of_average,
        "high_loyalty_percent": rules.high_loyalty_percent,
        "high_loyalty_max_gap": rules.high_loyalty_max_gap_days,
        "loyalty_last_from": (on - dt.timedelta(days=rules.high_loyalty_max_gap_days)).isoformat(),
        "bargain_percent": rules.bargain_percent,
        "silent_from": _window_start(on, rules.silent_window_days),
        "silent_percent_of_usual": rules.silent_percent_of_usual,
        "silent_window_days": rules.silent_window_days,
        "sleeping_from": _window_start(on, rules.sleeping_days),
    }


@dataclasses.dataclass(frozen=True)
class Membership:
    """Who is in each group or segment on a day: card numbers by key (every key present)."""

    on: dt.date
    members: Mapping[str, tuple[str, ...]]

    def count(self, key: str) -> int:
        return len(self.members[key])

    def rows(self) -> list[tuple[str, str]]:
        """(card_no, key) for every member in every group, by key then card."""
        return [(card, key) for key, cards in self.members.items() for card in cards]


#: A statement and its parameters.
Statement = tuple[str, Mapping[str, object]]
#: The (card_no, key) rows of each statement read.
Rows = list[list[tuple[str, str]]]


def _membership(read: Rows, keys: Sequence[str], on: dt.date) -> Membership:
    found: dict[str, list[str]] = {key: [] for key in keys}
    for rows in read:
        for card_no, key in rows:
            found[key].append(card_no)
    return Membership(on, {key: tuple(cards) for key, cards in found.items()})


def _read(session: Session, statements: Sequence[Statement]) -> Rows:
    return [
        [
            (str(card), str(key))
            for card, key in session.execute(text(in_dialect(sql, Dialect.SQLITE)), params)
        ]
        for sql, params in statements
    ]


def _groups(on: dt.date, rules: Thresholds) -> Statement:
    return GROUPS_SQL, group_params(on, rules)


def _segments(on: dt.date, rules: Thresholds) -> tuple[Statement, list[Statement]]:
    """The segments read from each member's statistics; the sleeping and the bargain hunters,
    each a statement of its own (together about as long as the first: they run beside it)."""
    params = segment_params(on, rules)
    return (SEGMENTS_SQL, params), [(SLEEPING_SQL, params), (BARGAINS_SQL, params)]


GROUP_KEYS = tuple(g.value for g in Group)
SEGMENT_KEYS = tuple(s.value for s in Segment)


def member_groups(session: Session, on: dt.date, rules: Thresholds) -> Membership:
    """The five groups of 001 on ``on``."""
    return _membership(_read(session, [_groups(on, rules)]), GROUP_KEYS, on)


def member_segments(session: Session, on: dt.date, rules: Thresholds) -> Membership:
    """The seven value segments of 003 on ``on``, in the session's one snapshot."""
    statistics, beside = _segments(on, rules)
    return _membership(_read(session, [statistics, *beside]), SEGMENT_KEYS, on)


#: The segments :data:`SEGMENTS_SQL` finds (from each member's statistics).
STATISTICS_SEGMENT_KEYS = (
    Segment.HIGH_SPEND.value,
    Segment.HIGH_TICKET.value,
    Segment.HIGH_LOYALTY.value,
    Segment.SILENT.value,
)


def statistics_segments(session: Session, on: dt.date, rules: Thresholds) -> Membership:
    """Only the segments of :data:`STATISTICS_SEGMENT_KEYS` on ``on``: for a reader that needs
    one of them, not the sleeping or the bargain hunters (the member mix's high_spend)."""
    statistics, _ = _segments(on, rules)
    return _membership(_read(session, [statistics]), STATISTICS_SEGMENT_KEYS, on)


def _read_at_once(
    db: Database, first: Sequence[Statement], second: Sequence[Statement]
) -> tuple[Rows, Rows]:
    """``first`` and ``second`` each in a reading session of its own, the two at once: SQLite
    answers a statement on one core, and the counter has two. Each reads the store as it is
    when it starts, so a sale committed between the two starts counts in one and not the other
    (a member may then be in a segment by one sale more or less; nothing is written)."""

    def read(statements: Sequence[Statement]) -> Rows:
        with db.reading() as session:
            return _read(session, statements)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="member-analytics") as pool:
        beside = pool.submit(read, second)
        return read(first), beside.result()


def segments_at_once(db: Database, on: dt.date, rules: Thresholds) -> Membership:
    """:func:`member_segments`, the sleeping and the bargain hunters read beside the others."""
    statistics, beside = _segments(on, rules)
    first, second = _read_at_once(db, [statistics], beside)
    return _membership(first + second, SEGMENT_KEYS, on)


def groups_and_segments_at_once(
    db: Database, on: dt.date, rules: Thresholds
) -> tuple[Membership, Membership]:
    """:func:`member_groups` and :func:`member_segments`: the segments read from each member's
    statistics in one session; beside them, in another, the groups, the sleeping and the
    bargain hunters."""
    statistics, beside = _segments(on, rules)
    first, (groups, *others) = _read_at_once(db, [statistics], [_groups(on, rules), *beside])
    return (
        _membership([groups], GROUP_KEYS, on),
        _membership(first + others, SEGMENT_KEYS, on),
    )


@dataclasses.dataclass(frozen=True)
class MemberLine:
    """One member of a group's list: purchases (up to the day) as the groups count them."""

    card_no: str
    name: str
    level: str
    joined_on: str
    last_purchase: str | None
    purchases: int
    year_spend_fen: int  # over the ``year_days`` window, as the segments rank it
    spend_fen: int


def member_lines(
    session: Session, on: dt.date, cards: Sequence[str], rules: Thresholds
) -> list[MemberLine]:
    """Who ``cards`` are on ``on``, the year's biggest spenders first."""
    if not cards:
        return []
    params = {
        "on": on.isoformat(),
        "year_from": _window_start(on, rules.year_days),
        "cards": json.dumps(list(cards)),
    }
    return [
        MemberLine(str(row[0]), row[1], row[2], str(row[3]), row[4], *row[5:])
        for row in session.execute(text(in_dialect(MEMBER_LIST_SQL, Dialect.SQLITE)), params)
    ]
