"""The outbox: business events for the head office, each written in its event's transaction.

Sequence numbers are gapless per counter: a rolled-back action takes its number with it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app.storage.ids import new_id
from app.storage.models import Base, OutboxRow, utcnow

EVENT_SCHEMA_VERSION = 1


_OUTBOX = Base.metadata.tables[OutboxRow.__tablename__]
# The next gapless number is read inside the insert itself: one statement per event.
_ADD_EVENT = _OUTBOX.insert().from_select(
    ["seq", "id", "type", "schema_version", "payload", "created_at"],
    select(
        func.coalesce(func.max(_OUTBOX.c.seq), 0) + 1,
        bindparam("id", type_=_OUTBOX.c.id.type),
        bindparam("type", type_=_OUTBOX.c.type.type),
        bindparam("schema_version", type_=_OUTBOX.c.schema_version.type),
        bindparam("payload", type_=_OUTBOX.c.payload.type),
        bindparam("created_at", type_=_OUTBOX.c.created_at.type),
    ),
)


def add_event(
    session: Session,
    event_type: str,
    payload: dict[str, Any],
    *,
    at: dt.datetime | None = None,
) -> str:
    """Queue ``event_type`` (past tense: ``SalePaid``) with a self-contained payload; its id."""
    event_id = new_id()
    session.connection().execute(
        _ADD_EVENT,
        {
            "id": event_id,
            "type": event_type,
            "schema_version": EVENT_SCHEMA_VERSION,
            "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
            "created_at": at or utcnow(),
        },
    )
    return event_id
