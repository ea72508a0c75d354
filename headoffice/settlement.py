"""Cross-store settlement: stored value taken in at one store and spent at another, per pair of
stores and period, so franchised stores can settle with each other.

The rule (``docs/analytics.md``, "Across stores"): each member's stored value is a queue, first
in, first out, principal and bonus each a queue of its own. Every entry that adds to it (a top-up,
money put back by a refund or a void, a gift, an opening balance, an adjustment up) is *taken in*
at the store where it happened; every entry that takes from it (a payment, a cash-out, an
adjustment down) is *spent* at its store, and uses the oldest value still unspent. Entries are
queued by business day, then by when the office applied them, then by id. A piece of value taken
in at store A and spent at store B counts for the pair (A, B) on the later of the two days: the
store that took the money in owes it to the store that gave the goods. Pairs of a store with
itself are left out. Spending beyond what was ever taken in (an overdraft) is matched when the
member next tops up.

One statement: the running sums of each queue are intervals of the member's value, and a piece is
the overlap of an interval taken in with an interval spent, so no row is walked in Python.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.money import format_fen
from headoffice.db import Database

SETTLEMENT_COLUMNS = ("from_store", "to_store", "period_from", "period_to", "principal", "bonus")
ENCODING = "utf-8-sig"

SETTLEMENT_SQL = """
WITH moves AS (
    SELECT member_id, 'principal' AS part, store_code, business_day AS day, applied_at, id,
           principal_delta AS delta
    FROM ho_stored_value_entries WHERE principal_delta <> 0 AND business_day <= :last
    UNION ALL
    SELECT member_id, 'bonus', store_code, business_day, applied_at, id, bonus_delta
    FROM ho_stored_value_entries WHERE bonus_delta <> 0 AND business_day <= :last
),
taken AS (
    SELECT member_id, part, store_code, day,
           SUM(delta) OVER queue - delta AS lo, SUM(delta) OVER queue AS hi
    FROM moves WHERE delta > 0
    WINDOW queue AS (PARTITION BY member_id, part ORDER BY day, applied_at, id
                     ROWS UNBOUNDED PRECEDING)
),
spent AS (
    SELECT member_id, part, store_code, day,
           SUM(-delta) OVER queue + delta AS lo, SUM(-delta) OVER queue AS hi
    FROM moves WHERE delta < 0
    WINDOW queue AS (PARTITION BY member_id, part ORDER BY day, applied_at, id
                     ROWS UNBOUNDED PRECEDING)
),
pieces AS (
    SELECT t.store_code AS from_store, s.store_code AS to_store, t.part,
           CASE WHEN t.day > s.day THEN t.day ELSE s.day END AS day,
           CASE WHEN t.hi < s.hi THEN t.hi ELSE s.hi END
           - CASE WHEN t.lo > s.lo THEN t.lo ELSE s.lo END AS fen
    FROM taken t JOIN spent s
      ON s.member_id = t.member_id AND s.part = t.part AND s.lo < t.hi AND t.lo < s.hi
    WHERE t.store_code <> s.store_code
)
SELECT from_store, to_store,
       COALESCE(SUM(CASE WHEN part = 'principal' THEN fen END), 0) AS principal,
       COALESCE(SUM(CASE WHEN part = 'bonus' THEN fen END), 0) AS bonus
FROM pieces
WHERE day >= :first
GROUP BY from_store, to_store
ORDER BY from_store, to_store
"""

FIRST_DAY_SQL = "SELECT MIN(business_day) FROM ho_stored_value_entries"


@dataclasses.dataclass(frozen=True)
class Owed:
    """What ``from_store`` (where the value was taken in) owes ``to_store`` (where it was
    spent) for the period, in fen."""

    from_store: str
    to_store: str
    principal_fen: int
    bonus_fen: int


def settlement(session: Session, first: dt.date, last: dt.date) -> list[Owed]:
    """Every pair of different stores with value taken in at one and spent at the other, the
    piece's day from ``first`` to ``last`` (both included)."""
    rows = session.execute(
        text(SETTLEMENT_SQL), {"first": first.isoformat(), "last": last.isoformat()}
    )
    return [Owed(a, b, int(principal), int(bonus)) for a, b, principal, bonus in rows]


def net_between(owed: list[Owed]) -> list[Owed]:
    """Each pair of stores once: what the one owes the other after their debts to each other
    are set off (principal and bonus apart), the payer first; pairs that cancel are left out."""
    amounts = {(o.from_store, o.to_store): (o.principal_fen, o.bonus_fen) for o in owed}
    netted: list[Owed] = []
    for a, b in sorted({tuple(sorted(pair)) for pair in amounts}):
        there = amounts.get((a, b), (0, 0))
        back = amounts.get((b, a), (0, 0))
        principal, bonus = there[0] - back[0], there[1] - back[1]
        if principal == 0 and bonus == 0:
            continue
        if principal < 0 or (principal == 0 and bonus < 0):
            netted.append(Owed(b, a, -principal, -bonus))
        else:
            netted.append(Owed(a, b, principal, bonus))
    return netted


def first_day(session: Session) -> dt.date | None:
    """The earliest business day of any stored-value entry; none before the first."""
    day = session.execute(text(FIRST_DAY_SQL)).scalar_one()
    return dt.date.fromisoformat(day) if day else None


def export_settlement(db: Database, path: Path, first: dt.date, last: dt.date) -> int:
    """The settlement as CSV (:data:`SETTLEMENT_COLUMNS`, amounts in yuan): rows written."""
    with db.transaction() as session:
        owed = settlement(session, first, last)
    with path.open("w", encoding=ENCODING, newline="") as out:
        writer = csv.writer(out)
        writer.writerow(SETTLEMENT_COLUMNS)
        for o in owed:
            writer.writerow(
                (
                    o.from_store,
                    o.to_store,
                    first.isoformat(),
                    last.isoformat(),
                    format_fen(o.principal_fen),
                    format_fen(o.bonus_fen),
                )
            )
    return len(owed)
