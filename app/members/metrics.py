"""The member metrics of 000 and 004 over a range of business days, both ends included.

Each figure is a SQL aggregate over the orders (the purchases of :mod:`app.members.segments`,
net of what was refunded by the end of the range); Python only puts the rows in their places.
``docs/analytics.md`` defines every key of :func:`metrics` and says how to recompute it.

The statements' texts after their purchases (``totals_select``, ``RECENCY_SELECT``, ...) and the
functions that put their rows in place (``figures``, ``recency_buckets``, ...) are shared with the
head office, which runs them over every store's data (``headoffice.metrics``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.members.segment_rules import Thresholds
from app.members.segments import (
    MEMBER_PURCHASES_UP_TO_ON,
    PURCHASES_UP_TO_ON,
    Dialect,
    Group,
    Membership,
    Segment,
    in_dialect,
    member_groups,
    statistics_segments,
)
from app.money import div_round_half_up

#: Days since the last purchase, in these buckets (upper bounds; the last is open).
RECENCY_BUCKETS = ((7, "0-7"), (30, "8-30"), (90, "31-90"), (180, "91-180"), (365, "181-365"))
RECENCY_OVER = "366+"
#: Days between two purchases of a member, in these buckets (0: twice on one day).
GAP_BUCKETS = (
    (0, "0"),
    (7, "1-7"),
    (14, "8-14"),
    (30, "15-30"),
    (60, "31-60"),
    (90, "61-90"),
    (180, "91-180"),
)
GAP_OVER = "181+"


class AnalyticsError(KnownError):
    """A range or a day the groups and metrics cannot be computed for; nothing was written."""


def check_day(session: Session, on: dt.date, today: dt.date) -> None:
    """Refuse a day in the future and a store with no sale yet."""
    if on > today:
        raise AnalyticsError("日期 %1 在未来（今天是 %2）", on.isoformat(), today.isoformat())
    if session.execute(text("SELECT 1 FROM orders WHERE kind = 'sale' LIMIT 1")).first() is None:
        raise AnalyticsError("本店还没有任何销售，无法计算分群和指标")


def check_range(session: Session, start: dt.date, end: dt.date, today: dt.date) -> None:
    if start > end:
        raise AnalyticsError(
            "开始日期 %1 晚于结束日期 %2，范围是空的", start.isoformat(), end.isoformat()
        )
    check_day(session, end, today)


def _ratio(part: int, whole: int) -> float | None:
    """A share to four places; None when there is nothing to divide by."""
    return None if whole == 0 else round(part / whole, 4)


def _per(total: int, count: int) -> int | None:
    """An average in whole fen, rounded half away from zero; None over nothing."""
    return None if count == 0 else div_round_half_up(total, count)


def _bucket(value: int, buckets: tuple[tuple[int, str], ...], over: str) -> str:
    for upper, label in buckets:
        if value <= upper:
            return label
    return over


def _month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


_WITH = f"WITH {PURCHASES_UP_TO_ON},\n{MEMBER_PURCHASES_UP_TO_ON}"

# The statements after their purchases: each reads only ``purchases`` (order id, member, day,
# ticket; walk-ins' too), ``member_purchases`` (members' alone) and ``members`` (id, card_no,
# joined_on), so the head office runs the same texts over its own tables (``headoffice.metrics``).
# ``{days(...)}`` is the difference of two days in the dialect's words (``in_dialect``).


def totals_select(items_milli: str) -> str:
    """The totals after ``purchases``; ``items_milli`` is the subquery summing the items sold
    by ``in_range p`` (the counter reads its products' ``by_weight``, the office cannot)."""
    return f"""in_range AS MATERIALIZED (SELECT * FROM purchases WHERE day >= :start)
SELECT
  (SELECT COUNT(*) FROM members WHERE joined_on <= :on) AS members,
  (SELECT COUNT(*) FROM members WHERE joined_on >= :start AND joined_on <= :on) AS new_members,
  (SELECT COUNT(*) FROM in_range) AS tickets,
  (SELECT COALESCE(SUM(ticket), 0) FROM in_range) AS sales,
  (SELECT COUNT(*) FROM in_range WHERE member_id IS NOT NULL) AS member_tickets,
  (SELECT COALESCE(SUM(ticket), 0) FROM in_range WHERE member_id IS NOT NULL) AS member_sales,
  (SELECT COUNT(*) FROM (SELECT DISTINCT member_id FROM member_purchases
                         WHERE day >= :start) AS active) AS active_members,
  (SELECT COUNT(*) FROM (SELECT member_id FROM member_purchases WHERE day >= :start
                         GROUP BY member_id HAVING COUNT(*) >= 2) AS repeaters) AS repeat_members,
  (SELECT COUNT(*) FROM (SELECT DISTINCT member_id, day FROM member_purchases
                         WHERE day >= :start) AS member_day) AS member_days,
  (SELECT COUNT(DISTINCT member_id) FROM member_purchases WHERE day >= :week_from) AS wau,
  (SELECT COUNT(DISTINCT member_id) FROM member_purchases WHERE day >= :month_from) AS mau,
  (SELECT COUNT(*) FROM members m WHERE m.joined_on < :sleeping_from
     AND NOT EXISTS (SELECT 1 FROM member_purchases p
                     WHERE p.member_id = m.id AND p.day >= :sleeping_from)) AS sleeping,
  {items_milli} AS items_milli
"""


#: A weighed product's line is one item at the counter. The purchases are taken in order id
#: order, so their lines are read along their index rather than looked for all over it (twice
#: as fast over a busy year), and the weighed products are a list made once, not a join a line.
COUNTER_ITEMS_MILLI = """(
     SELECT COALESCE(SUM(CASE WHEN ol.product_id IN (SELECT id FROM products WHERE by_weight)
                              THEN 1000 ELSE ol.qty_milli END), 0)
     FROM (SELECT order_id FROM in_range ORDER BY order_id) AS p
     JOIN order_lines ol ON ol.order_id = p.order_id)"""

_TOTALS_SQL = f"{_WITH},\n{totals_select(COUNTER_ITEMS_MILLI)}"

RECENCY_SELECT = """last AS (SELECT member_id, MAX(day) AS day FROM member_purchases
         GROUP BY member_id)
SELECT {days(":on", "last.day")} AS days, COUNT(*)
FROM members m LEFT JOIN last ON last.member_id = m.id
WHERE m.joined_on <= :on
GROUP BY 1
"""
_RECENCY_SQL = f"{_WITH},\n{RECENCY_SELECT}"

GAPS_SELECT = """gaps AS (
  SELECT day, {days("day", "LAG(day) OVER (PARTITION BY member_id ORDER BY day)")} AS gap
  FROM member_purchases
)
SELECT gap, COUNT(*) FROM gaps WHERE gap IS NOT NULL AND day >= :start GROUP BY gap
"""
_GAPS_SQL = f"WITH {MEMBER_PURCHASES_UP_TO_ON},\n{GAPS_SELECT}"

#: Reads ``members`` alone.
COHORTS_SQL = """
SELECT substr(joined_on, 1, 7) AS cohort, COUNT(*)
FROM members WHERE joined_on >= :start AND joined_on <= :on
GROUP BY 1 ORDER BY 1
"""

RETENTION_SELECT = """cohort AS MATERIALIZED (
           SELECT id, substr(joined_on, 1, 7) AS month FROM members
           WHERE joined_on >= :start AND joined_on <= :on),
bought AS (SELECT DISTINCT c.id AS member_id, c.month AS cohort, substr(p.day, 1, 7) AS month
           FROM cohort c JOIN member_purchases p ON p.member_id = c.id
           WHERE p.day >= :start)
SELECT cohort, month, COUNT(*)
FROM bought
GROUP BY 1, 2
"""
_RETENTION_SQL = f"WITH {MEMBER_PURCHASES_UP_TO_ON},\n{RETENTION_SELECT}"

MIX_SELECT = """stats AS (
  SELECT member_id, MIN(day) AS first_day,
         COUNT(*) FILTER (WHERE day >= :month_start) AS this_month,
         COUNT(*) FILTER (WHERE day >= :previous_start AND day < :month_start) AS last_month
  FROM member_purchases GROUP BY member_id
)
SELECT m.card_no,
       CASE WHEN s.first_day >= :month_start THEN 'new'
            WHEN s.last_month > 0 THEN 'continuing'
            ELSE 'returning' END
FROM stats s JOIN members m ON m.id = s.member_id
WHERE s.this_month > 0
"""
_MIX_SQL = f"{_WITH},\n{MIX_SELECT}"


def _rows(session: Session, sql: str, params: dict[str, Any]) -> list[Any]:
    return list(session.execute(text(in_dialect(sql, Dialect.SQLITE)), params))


def metrics(
    session: Session,
    start: dt.date,
    end: dt.date,
    rules: Thresholds,
    today: dt.date,
    *,
    known: tuple[Membership, Membership] | None = None,
) -> dict[str, Any]:
    """Every metric of ``start`` to ``end`` (both included), keyed as docs/analytics.md says.

    ``known``: the groups and segments on ``end`` under ``rules`` if the caller has them (the
    member mix reads two of them; computing them again is most of the time over a big store)."""
    check_range(session, start, end, today)
    params = metric_params(start, end, rules)
    totals = session.execute(text(in_dialect(_TOTALS_SQL, Dialect.SQLITE)), params).one()
    groups, segments = known or (
        member_groups(session, end, rules),
        statistics_segments(session, end, rules),  # high_spend is one of them
    )
    if groups.on != end or segments.on != end:
        raise ValueError("the groups and segments given are not those of the range's end")
    found = figures(start, end, totals._asdict())
    tail = {key: found.pop(key) for key in TICKET_KEYS}
    return {
        **found,
        "recency": recency_buckets(_rows(session, _RECENCY_SQL, params)),
        "visit_gap_days": gap_buckets(_rows(session, _GAPS_SQL, params)),
        "retention": _retention(session, params, end),
        "member_mix": member_mix(
            _rows(session, _MIX_SQL, params),
            end,
            set(groups.members[Group.LOYAL]),
            set(segments.members[Segment.HIGH_SPEND]),
        ),
        **tail,
    }


#: The ticket metrics, listed after the buckets, the triangle and the mix.
TICKET_KEYS = ("avg_ticket_fen", "member_avg_ticket_fen", "avg_item_price_fen", "items_per_ticket")


def metric_params(start: dt.date, end: dt.date, rules: Thresholds) -> dict[str, Any]:
    """The parameters every metric statement reads."""
    month_start = end.replace(day=1)
    previous_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    return {
        **_range_params(start, end),
        "week_from": (end - dt.timedelta(days=6)).isoformat(),
        "month_from": (end - dt.timedelta(days=29)).isoformat(),
        "sleeping_from": (end - dt.timedelta(days=rules.sleeping_days - 1)).isoformat(),
        "month_start": month_start.isoformat(),
        "previous_start": previous_start.isoformat(),
    }


def figures(start: dt.date, end: dt.date, totals: dict[str, Any]) -> dict[str, Any]:
    """The single-number metrics from the row of :func:`totals_select` (a column each)."""
    t = {key: int(value) for key, value in totals.items()}
    days = (end - start).days + 1
    members, active, tickets = t["members"], t["active_members"], t["tickets"]
    items = t["items_milli"] / 1000
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "members": members,
        "new_members": t["new_members"],
        "activation_rate": _ratio(t["new_members"], members),
        "churn_rate": _ratio(t["sleeping"], members),
        "sales_fen": t["sales"],
        "member_sales_fen": t["member_sales"],
        "member_sales_share": _ratio(t["member_sales"], t["sales"]),
        "active_members": active,
        "repeat_rate": _ratio(t["repeat_members"], active),
        "dau": round(t["member_days"] / days, 2),
        "wau": t["wau"],
        "mau": t["mau"],
        "visits_per_active_member": None if active == 0 else round(t["member_tickets"] / active, 2),
        "spend_per_active_member_fen": _per(t["member_sales"], active),
        "avg_ticket_fen": _per(t["sales"], tickets),
        "member_avg_ticket_fen": _per(t["member_sales"], t["member_tickets"]),
        "avg_item_price_fen": None
        if items == 0
        else div_round_half_up(t["sales"] * 1000, t["items_milli"]),
        "items_per_ticket": None if tickets == 0 else round(items / tickets, 2),
    }


def recency_buckets(rows: list[Any]) -> dict[str, int]:
    """The rows of the recency statement (days since the last purchase or NULL, count)."""
    recency: dict[str, int] = {label: 0 for _, label in RECENCY_BUCKETS}
    recency[RECENCY_OVER] = 0
    recency["never"] = 0
    for gap, count in rows:
        label = "never" if gap is None else _bucket(int(gap), RECENCY_BUCKETS, RECENCY_OVER)
        recency[label] += int(count)
    return recency


def gap_buckets(rows: list[Any]) -> dict[str, int]:
    """The rows of the gaps statement (gap in days, count) by bucket."""
    gaps: dict[str, int] = {label: 0 for _, label in GAP_BUCKETS}
    gaps[GAP_OVER] = 0
    for gap, count in rows:
        gaps[_bucket(int(gap), GAP_BUCKETS, GAP_OVER)] += int(count)
    return gaps


def _range_params(start: dt.date, end: dt.date) -> dict[str, Any]:
    return {"on": end.isoformat(), "start": start.isoformat()}


def cohort_retention(
    session: Session, start: dt.date, end: dt.date, today: dt.date
) -> list[dict[str, Any]]:
    """The ``retention`` triangle of :func:`metrics` alone (the 留存 tab draws it without
    paying for every other metric)."""
    check_range(session, start, end, today)
    return _retention(session, _range_params(start, end), end)


def visit_gaps(session: Session, start: dt.date, end: dt.date, today: dt.date) -> dict[str, int]:
    """The ``visit_gap_days`` histogram of :func:`metrics` alone."""
    check_range(session, start, end, today)
    return gap_buckets(_rows(session, _GAPS_SQL, _range_params(start, end)))


def _retention(session: Session, params: dict[str, Any], end: dt.date) -> list[dict[str, Any]]:
    return retention_triangle(
        _rows(session, COHORTS_SQL, params), _rows(session, _RETENTION_SQL, params), end
    )


def retention_triangle(
    cohorts: list[Any], bought_rows: list[Any], end: dt.date
) -> list[dict[str, Any]]:
    """One row per month members joined in: its size and, for each month from it to the end's,
    the share of them who bought in that month (month 0 is the joining month)."""
    bought: dict[tuple[str, str], int] = {
        (cohort, month): int(count) for cohort, month, count in bought_rows
    }
    last = _month_index(end.isoformat()[:7])
    triangle = []
    for cohort, size in cohorts:
        first = _month_index(cohort)
        shares = []
        for index in range(first, last + 1):
            month = f"{index // 12:04d}-{index % 12 + 1:02d}"
            shares.append(round(bought.get((cohort, month), 0) / int(size), 4))
        triangle.append({"cohort": cohort, "members": int(size), "months": shares})
    return triangle


def member_mix(rows: list[Any], end: dt.date, loyal: set[str], high: set[str]) -> dict[str, Any]:
    """Who bought in the end's month (up to the end): new, continuing from the month before,
    returning after a gap (the rows of the mix statement: card number, kind); and how many of
    them are in ``loyal`` and ``high`` (card numbers of the loyal group and high_spend on the end
    day)."""
    kinds = {"new": 0, "continuing": 0, "returning": 0}
    active: set[str] = set()
    for card_no, kind in rows:
        kinds[kind] += 1
        active.add(card_no)
    return {
        "month": end.isoformat()[:7],
        "active": len(active),
        **kinds,
        "loyal": len(active & loyal),
        "high_value": len(active & high),
    }
