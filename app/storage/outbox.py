"""The outbox: business events for the head office, each written in its event's transaction.

Sequence numbers are gapless per counter: a rolled-back action takes its number with it.
A payload carries what the head office needs and no more: never a full phone number (a masked one
at most, ``phone_masked``), a password or a PIN; :func:`add_event` refuses such a key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.storage.base import sql_moment, utcnow
from app.storage.ids import new_id, new_ids
from app.storage.member_models import PointsEntryRow
from app.storage.models import OutboxRow

EVENT_SCHEMA_VERSION = 1
#: A ledger entry moving a balance to the head office's figure (``app.sync.snapshots``).
SYNC_ENTRY_KIND = "sync"
#: Keys no payload may hold, at any depth: a person's full phone, or a secret.
PRIVATE_KEYS = frozenset({"phone", "mobile", "password", "pin"})


# Plain SQL: an event is part of nearly every action. The next gapless number is read inside
# the insert itself, so an event is one statement.
_ADD_EVENT = (
    f"INSERT INTO {OutboxRow.__tablename__} (seq, id, type, schema_version, payload, created_at)"
    f" SELECT coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ? FROM {OutboxRow.__tablename__}"
)


def add_event(
    session: Session,
    event_type: str,
    payload: dict[str, Any],
    *,
    at: dt.datetime | None = None,
) -> str:
    """Queue ``event_type`` (past tense: ``SalePaid``) with a self-contained payload; its id."""
    _refuse_private(event_type, payload)
    event_id = new_id()
    session.connection().exec_driver_sql(
        _ADD_EVENT,
        (
            event_id,
            event_type,
            EVENT_SCHEMA_VERSION,
            json.dumps(payload, ensure_ascii=False, sort_keys=True),
            sql_moment(at or utcnow()),
        ),
    )
    return event_id


def _refuse_private(event_type: str, payload: dict[str, Any]) -> None:
    private = _private_keys(payload)
    if private:  # a bug: the caller must mask or leave out what the head office may not have
        raise ValueError(f"outbox payload of {event_type} holds private keys: {sorted(private)}")


def _private_keys(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {key for key in value if key in PRIVATE_KEYS}
        for item in value.values():
            if isinstance(item, dict | list):
                found |= _private_keys(item)
        return found
    if isinstance(value, list):
        return set().union(
            *(_private_keys(item) for item in value if isinstance(item, dict | list))
        )
    return set()


def event_rows(
    events: Sequence[tuple[str, dict[str, Any]]], *, at: dt.datetime | None = None
) -> list[tuple[str, str, int, str, str]]:
    """Many events (an import's) as :func:`add_event` words each, made ready before the write
    lock is taken; :func:`add_event_rows` queues them."""
    for event_type, payload in events:
        _refuse_private(event_type, payload)
    moment = sql_moment(at or utcnow())
    ids = new_ids(len(events))  # at once: a campaign's ten thousand events
    return [
        (
            ids[i],
            event_type,
            EVENT_SCHEMA_VERSION,
            json.dumps(payload, ensure_ascii=False, sort_keys=True),
            moment,
        )
        for i, (event_type, payload) in enumerate(events)
    ]


def add_event_rows(session: Session, rows: Sequence[tuple[str, str, int, str, str]]) -> None:
    """Queue events made by :func:`event_rows`, in order, with one statement run for all."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    driver.executemany(_ADD_EVENT, rows)


# --- what the head office has not acknowledged yet ----------------------------------------------


@dataclasses.dataclass
class Pending:
    """What this counter's unacknowledged events did to one member."""

    principal: int = 0
    bonus: int = 0
    points: int = 0
    #: The points those events spent (their negative moves), apart.
    points_spent: int = 0
    #: The points those events earned (their positive moves): pending until the head office
    #: posts them.
    points_earned: int = 0


def pending_moves(session: Session, member_ids: Iterable[str]) -> dict[str, Pending]:
    """The ledger moves of the events the head office has not acknowledged, per member (an entry
    riding in two events counts once). Only payloads naming one of the members are decoded (the
    search runs in SQLite), so a long backlog costs a scan, not a decode of every event."""
    wanted = set(member_ids)
    if not wanted:
        return {}
    names = or_(*(func.instr(OutboxRow.payload, member_id) > 0 for member_id in wanted))
    rows = session.scalars(select(OutboxRow.payload).where(OutboxRow.sent_at.is_(None), names))
    moves: dict[str, Pending] = {}
    seen: set[str] = set()
    for payload_text in rows:
        for entry in entries_of(json.loads(payload_text)):
            member_id = entry.get("member_id")
            entry_id = entry.get("id")
            if member_id not in wanted or not isinstance(entry_id, str) or entry_id in seen:
                continue
            seen.add(entry_id)
            pending = moves.setdefault(member_id, Pending())
            if entry.get("ledger") == "stored_value":
                pending.principal += int(entry.get("principal_delta", 0))
                pending.bonus += int(entry.get("bonus_delta", 0))
            elif entry.get("ledger") == "points":
                delta = int(entry.get("delta", 0))
                pending.points += delta
                pending.points_spent += max(0, -delta)
                pending.points_earned += max(0, delta)
    return moves


def entries_of(payload: object) -> list[dict[str, Any]]:
    if not isinstance(payload, dict):
        return []
    found: list[dict[str, Any]] = []
    for key in ("entries", "ledger_entries"):
        value = payload.get(key)
        if isinstance(value, list):
            found.extend(entry for entry in value if isinstance(entry, dict))
    return found


@dataclasses.dataclass(frozen=True)
class Waiting:
    """Whether events wait for the head office, and when the newest event before them was
    written (None: none acknowledged yet). Events are acknowledged in order and a ledger entry
    is written in its event's transaction, so the entries written after ``since`` ride in
    events still waiting (or in none)."""

    waiting: bool
    since: dt.datetime | None


def waiting_since(session: Session) -> Waiting:
    first = session.scalar(select(func.min(OutboxRow.seq)).where(OutboxRow.sent_at.is_(None)))
    if first is None:
        return Waiting(False, None)
    since = session.scalar(select(OutboxRow.created_at).where(OutboxRow.seq == first - 1))
    return Waiting(True, since)


def points_earned_unacknowledged(session: Session, member_id: str) -> int:
    """The points the member earned here in events the head office has not acknowledged: the
    pending points the member panel shows. By the member's own entries (:func:`waiting_since`),
    so a week's backlog costs nothing here; 0 when nothing waits. ``sync`` entries are the head
    office's figure, not earned here."""
    state = waiting_since(session)
    if not state.waiting:
        return 0
    query = select(func.coalesce(func.sum(PointsEntryRow.delta), 0)).where(
        PointsEntryRow.member_id == member_id,
        PointsEntryRow.delta > 0,
        PointsEntryRow.kind != SYNC_ENTRY_KIND,
    )
    if state.since is not None:
        query = query.where(PointsEntryRow.created_at > state.since)
    return int(session.scalar(query) or 0)
