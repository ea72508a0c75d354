"""The member ledgers' hot writes in plain SQL: each entry type knows its table and its row.

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
from typing import Any, ClassVar

from app.storage.base import sql_moment
from app.storage.member_models import (
    MemberRow,
    PointsEntryRow,
    SpendEntryRow,
    StoredValueEntryRow,
)

_M = MemberRow.__tablename__


def _param(value: Any) -> Any:
    """A value as the DBAPI stores it for its column (dates as ISO text, moments as UTC)."""
    if isinstance(value, dt.datetime):
        return sql_moment(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Entry:
    INSERT: ClassVar[str]
    COLUMNS: ClassVar[tuple[str, ...]]

    def params(self) -> tuple[Any, ...]:
        """The entry's row, in the order of its ``INSERT``."""
        return tuple(_param(getattr(self, name)) for name in self.COLUMNS)

    def write(self, connection: Any) -> None:
        connection.execute(self.INSERT, self.params())


@dataclasses.dataclass(frozen=True, slots=True)
class StoredValueEntry(_Entry):
    """A ``stored_value_entries`` row: signed deltas and the sums after them."""

    id: str
    member_id: str
    kind: str
    principal_delta: int
    bonus_delta: int
    principal_after: int
    bonus_after: int
    order_id: str | None
    related_entry_id: str | None
    reason: str
    actor_id: str | None
    approver_id: str | None
    business_day: dt.date
    created_at: dt.datetime


@dataclasses.dataclass(frozen=True, slots=True)
class PointsEntry(_Entry):
    """A ``points_entries`` row."""

    id: str
    member_id: str
    kind: str
    delta: int
    balance_after: int
    base_fen: int
    expires_on: dt.date | None
    order_id: str | None
    related_entry_id: str | None
    reason: str
    actor_id: str | None
    approver_id: str | None
    business_day: dt.date
    created_at: dt.datetime


@dataclasses.dataclass(frozen=True, slots=True)
class SpendEntry(_Entry):
    """A ``member_spend_entries`` row."""

    id: str
    member_id: str
    kind: str
    spend_delta: int
    visits_delta: int
    order_id: str | None
    reason: str
    actor_id: str | None
    approver_id: str | None
    business_day: dt.date
    created_at: dt.datetime


def _bind(entry_type: type[_Entry], table: str) -> None:
    """Give an entry type its columns (its fields, in order) and its insert statement."""
    columns = tuple(field.name for field in dataclasses.fields(entry_type))  # type: ignore[arg-type]
    entry_type.COLUMNS = columns
    marks = ", ".join("?" * len(columns))
    entry_type.INSERT = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


_bind(StoredValueEntry, StoredValueEntryRow.__tablename__)
_bind(PointsEntry, PointsEntryRow.__tablename__)
_bind(SpendEntry, SpendEntryRow.__tablename__)

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
