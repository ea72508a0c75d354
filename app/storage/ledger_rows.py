"""The member ledgers' hot writes in plain SQL, one table description for each ledger.

A ledger write is one guarded update of the member's cached sums (RETURNING the sums after it)
and one insert of the entry. The guard refuses a change that would take a sum below zero without
writing anything; the entry records the sums the update returned, so a cached balance and its
entry never disagree. The statements go straight to the DBAPI connection (see
``app.members.accounts.driver_connection``): SQLAlchemy's per-statement work was measured at a
third of a top-up's own time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Column, Date

from app.storage.base import Base, UTCDateTime, sql_moment
from app.storage.member_models import (
    MemberRow,
    PointsEntryRow,
    SpendEntryRow,
    StoredValueEntryRow,
)

_M = MemberRow.__tablename__


def _date_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment_text(value: dt.datetime | None) -> str | None:
    return None if value is None else sql_moment(value)


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a column's value goes to the DBAPI: dates as ISO text, moments as naive UTC text."""
    if isinstance(column.type, UTCDateTime):
        return _moment_text
    if isinstance(column.type, Date):
        return _date_text
    return None


@dataclasses.dataclass(frozen=True)
class LedgerTable:
    """A ledger table's columns (as the model declares them) and its one insert statement."""

    name: str
    columns: tuple[str, ...]
    #: (position, converter) of the columns whose values the DBAPI needs as text.
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]

    @classmethod
    def of(cls, model: type[Base]) -> LedgerTable:
        table = Base.metadata.tables[model.__tablename__]
        converters = [_converter(column) for column in table.columns]
        return cls(
            table.name,
            tuple(column.key for column in table.columns),
            tuple((i, convert) for i, convert in enumerate(converters) if convert is not None),
        )

    @functools.cached_property
    def insert(self) -> str:
        marks = ", ".join("?" * len(self.columns))
        return f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})"

    @functools.cached_property
    def _pick(self) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
        return operator.itemgetter(*self.columns)

    def params(self, row: Mapping[str, Any]) -> list[Any]:
        """A row's values in the order of ``insert``, as the DBAPI stores them."""
        values = list(self._pick(row))
        for position, convert in self.converted:
            values[position] = convert(values[position])
        return values

    def write(self, connection: Any, row: Mapping[str, Any]) -> None:
        """Insert one entry; ``row`` names every column (a ledger line's ``row()``)."""
        connection.execute(self.insert, self.params(row))


STORED_VALUE = LedgerTable.of(StoredValueEntryRow)
POINTS = LedgerTable.of(PointsEntryRow)
SPEND = LedgerTable.of(SpendEntryRow)

_SV_UPDATE = (
    f"UPDATE {_M} SET principal_fen = principal_fen + ?, bonus_fen = bonus_fen + ?"
    " WHERE id = ? AND principal_fen + ? >= 0 AND bonus_fen + ? >= 0"
    " RETURNING principal_fen, bonus_fen"
)
_POINTS_UPDATE = (
    f"UPDATE {_M} SET points = points + ? WHERE id = ? AND points + ? >= 0 RETURNING points"
)
_SPEND_UPDATE = (
    f"UPDATE {_M} SET total_spend_fen = total_spend_fen + ?, visit_count = visit_count + ?,"
    " last_visit_on = CASE WHEN ? IS NOT NULL AND (last_visit_on IS NULL OR last_visit_on < ?)"
    " THEN ? ELSE last_visit_on END"
    " WHERE id = ? AND total_spend_fen + ? >= 0 AND visit_count + ? >= 0"
    " RETURNING total_spend_fen, visit_count, last_visit_on"
)


def _first(cursor: Any) -> Any:
    """The one row an update returned, the statement run to its end (none left in progress)."""
    rows = cursor.fetchall()
    return rows[0] if rows else None


def move_stored_value(
    connection: Any, member_id: str, principal_delta: int, bonus_delta: int
) -> tuple[int, int] | None:
    """Principal and bonus after the change, or None (nothing written) if either would go
    below zero: the stored-value balance check."""
    sums = _first(
        connection.execute(
            _SV_UPDATE, (principal_delta, bonus_delta, member_id, principal_delta, bonus_delta)
        )
    )
    return None if sums is None else (int(sums[0]), int(sums[1]))


def move_points(connection: Any, member_id: str, delta: int) -> int | None:
    """Points after the change, or None (nothing written) if they would go below zero."""
    after = _first(connection.execute(_POINTS_UPDATE, (delta, member_id, delta)))
    return None if after is None else int(after[0])


def move_spend(
    connection: Any,
    member_id: str,
    spend_delta: int,
    visits_delta: int,
    visit_on: dt.date | None,
) -> tuple[int, int, dt.date | None] | None:
    """Total spend, visit count and last visit after the change (``visit_on`` moves the last
    visit forward to that day), or None if a sum would go below zero."""
    visit = visit_on.isoformat() if visit_on else None
    after = _first(
        connection.execute(
            _SPEND_UPDATE,
            (spend_delta, visits_delta, visit, visit, visit, member_id, spend_delta, visits_delta),
        )
    )
    if after is None:
        return None
    last = after[2]
    last_visit = last if last is None or isinstance(last, dt.date) else dt.date.fromisoformat(last)
    return int(after[0]), int(after[1]), last_visit
