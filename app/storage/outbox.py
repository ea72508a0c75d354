"""The outbox: business events for the head office, each written in its event's transaction.

Sequence numbers are gapless per counter: a rolled-back action takes its number with it.
A payload carries what the head office needs and no more: never a full phone number (a masked one
at most, ``phone_masked``), a password or a PIN; :func:`add_event` refuses such a key.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.storage.base import sql_moment, utcnow
from app.storage.ids import new_id
from app.storage.models import OutboxRow

EVENT_SCHEMA_VERSION = 1
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
    return [
        (
            new_id(),
            event_type,
            EVENT_SCHEMA_VERSION,
            json.dumps(payload, ensure_ascii=False, sort_keys=True),
            moment,
        )
        for event_type, payload in events
    ]


def add_event_rows(session: Session, rows: Sequence[tuple[str, str, int, str, str]]) -> None:
    """Queue events made by :func:`event_rows`, in order, with one statement run for all."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    driver.executemany(_ADD_EVENT, rows)
