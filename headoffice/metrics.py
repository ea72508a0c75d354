"""The counter's member metrics (``app.members.metrics``) over every store's data.

The statements are the counter's own texts (``totals_select``, ``RECENCY_SELECT``,
``GAPS_SELECT``, ``COHORTS_SQL``, ``RETENTION_SELECT``, ``MIX_SELECT``) after the office's
purchases (:data:`headoffice.analytics.PURCHASES`, gathered once for them all) and a ``members``
of its own: ``ho_members`` with a joining day the office never learnt read as long ago. The
counter's Python puts the rows in their places (``figures``, ``recency_buckets``, ``gap_buckets``,
``retention_triangle``, ``member_mix``). Two things differ, said on the page with a count: the
office cannot tell a weighed product (its quantity is counted as it was sold, 1 kg one item), and
sales taken before 0004 have no lines (件单价 and 连带率 are over the purchases that have them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.members.metrics import (
    COHORTS_SQL,
    GAPS_SELECT,
    MIX_SELECT,
    RECENCY_SELECT,
    RETENTION_SELECT,
    figures,
    gap_buckets,
    member_mix,
    metric_params,
    recency_buckets,
    retention_triangle,
    totals_select,
)
from app.members.segment_rules import Thresholds
from app.members.segments import group_params, segment_params
from headoffice import analytics

#: The counter's ``members`` as the office knows them.
MEMBERS = """members AS (
    SELECT id, card_no, COALESCE(joined_on, :long_ago) AS joined_on FROM ho_members
)"""

#: Every line's quantity as sold: the office does not know which products are weighed.
OFFICE_ITEMS_MILLI = """(
     SELECT COALESCE(SUM(l.qty_milli), 0)
     FROM in_range p JOIN ho_sale_lines l ON l.event_id = p.event_id)"""

_WITH = f"WITH {analytics.PURCHASES},\n{MEMBERS}"
TOTALS_SQL = f"{_WITH},\n{totals_select(OFFICE_ITEMS_MILLI)}"
RECENCY_SQL = f"{_WITH},\n{RECENCY_SELECT}"
GAPS_SQL = f"{_WITH},\n{GAPS_SELECT}"
COHORT_SIZES_SQL = f"WITH {MEMBERS}\n{COHORTS_SQL}"
RETENTION_SQL = f"{_WITH},\n{RETENTION_SELECT}"
MIX_SQL = f"{_WITH},\n{MIX_SELECT}"

#: What the office's data lacks over the range: purchases without lines (taken before 0004),
#: with their amount, and lines whose quantity is not a whole number of items (weighed goods).
LINES_SQL = f"""WITH {analytics.PURCHASES},
in_range AS MATERIALIZED (SELECT * FROM purchases WHERE day >= :start),
unlined AS (
    SELECT * FROM in_range p
    WHERE NOT EXISTS (SELECT 1 FROM ho_sale_lines l WHERE l.event_id = p.event_id)
)
SELECT
  (SELECT COUNT(*) FROM unlined) AS unlined,
  (SELECT COALESCE(SUM(ticket), 0) FROM unlined) AS unlined_fen,
  (SELECT COUNT(*) FROM in_range p JOIN ho_sale_lines l ON l.event_id = p.event_id
    WHERE l.qty_milli - (l.qty_milli / 1000) * 1000 <> 0) AS fractional_lines
"""

#: The card numbers of the loyal group and of high_spend on the range's end (the member mix).
LOYAL_CARDS = analytics.GROUPS_FOUND + (
    "SELECT m.card_no FROM found f JOIN ho_members m ON m.id = f.member_id WHERE f.grp = 'loyal'\n"
)
HIGH_SPEND_CARDS = analytics.SEGMENTS_FOUND + (
    "SELECT m.card_no FROM found f JOIN ho_members m ON m.id = f.member_id"
    " WHERE f.segment = 'high_spend'\n"
)

_DAYS = re.compile(r"\{days\(\"([^\"]+)\", \"([^\"]+)\"\)\}")


def in_dialect(sql: str, dialect: str) -> str:
    """A counter's text over the office's tables in SQLite's or PostgreSQL's words: its
    ``{days(later, earlier)}`` and the office's own marks (``headoffice.analytics.in_dialect``)."""
    written = _DAYS.sub(lambda m: analytics.days_between(dialect, m.group(1), m.group(2)), sql)
    return analytics.in_dialect(written, dialect)


@dataclasses.dataclass(frozen=True)
class OfficeMetrics:
    """Every metric of the counter's ``metrics`` (same keys) and what the office lacks."""

    values: Mapping[str, Any]
    #: Purchases in the range without lines, and their amount (not in 件单价 or 连带率).
    unlined: int
    unlined_fen: int
    #: Lines in the range whose quantity is not whole (weighed goods, counted by weight).
    fractional_lines: int
    #: Members whose joining day the office never learnt (counted as joined long ago).
    unknown_joined: int
    #: Refunds up to the end that name no sale (not netted from any purchase).
    unlinked_refunds: int


def _rows(session: Session, sql: str, params: Mapping[str, Any]) -> list[Any]:
    dialect = session.get_bind().dialect.name
    return list(session.execute(text(in_dialect(sql, dialect)), params))


def _cards(session: Session, written: str, params: Mapping[str, Any]) -> set[str]:
    return {str(card_no) for (card_no,) in session.execute(text(written), params)}


def office_metrics(
    session: Session, start: dt.date, end: dt.date, rules: Thresholds | None = None
) -> OfficeMetrics:
    """The counter's metrics of ``start``..``end`` (both included) over every store (the
    counter's default thresholds unless ``rules``: sleeping's window, the mix's loyal and
    high_spend), every statement over the purchases gathered once
    (:func:`headoffice.analytics.purchases_kept`)."""
    rules = rules or Thresholds()
    common = {"long_ago": analytics.LONG_AGO}
    params = metric_params(start, end, rules) | common
    dialect = session.get_bind().dialect.name
    with analytics.purchases_kept(session, end):
        totals = dict(_rows(session, TOTALS_SQL, params)[0]._asdict())
        unlined, unlined_fen, fractional = (int(v) for v in _rows(session, LINES_SQL, params)[0])
        loyal = _cards(
            session, analytics.groups_sql(dialect, LOYAL_CARDS), group_params(end, rules) | common
        )
        high = _cards(
            session,
            analytics.segments_sql(dialect, HIGH_SPEND_CARDS),
            segment_params(end, rules) | common,
        )
        recency = _rows(session, RECENCY_SQL, params)
        gaps = _rows(session, GAPS_SQL, params)
        cohorts = _rows(session, COHORT_SIZES_SQL, params)
        bought = _rows(session, RETENTION_SQL, params)
        mix = _rows(session, MIX_SQL, params)
    values = figures(start, end, totals)
    lined = figures(
        start,
        end,
        totals
        | {"sales": int(totals["sales"]) - unlined_fen, "tickets": totals["tickets"] - unlined},
    )
    values["avg_item_price_fen"] = lined["avg_item_price_fen"]
    values["items_per_ticket"] = lined["items_per_ticket"]
    values |= {
        "recency": recency_buckets(recency),
        "visit_gap_days": gap_buckets(gaps),
        "retention": retention_triangle(cohorts, bought, end),
        "member_mix": member_mix(mix, end, loyal, high),
    }
    unknown, unlinked, _ = _rows(session, analytics.GAPS_SQL, {"on": end.isoformat()})[0]
    return OfficeMetrics(values, unlined, unlined_fen, fractional, int(unknown), int(unlinked))
