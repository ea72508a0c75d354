"""The outbox: business events for the head office, each written in its event's transaction.

Sequence numbers are gapless per counter: a rolled-back action takes its number with it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.storage.ids import new_id
from app.storage.models import OutboxRow, utcnow

EVENT_SCHEMA_VERSION = 1


def add_event(
    session: Session,
    event_type: str,
    payload: dict[str, Any],
    *,
    at: dt.datetime | None = None,
) -> OutboxRow:
    """Queue ``event_type`` (past tense: ``SalePaid``) with a self-contained payload."""
    last = session.scalar(select(func.max(OutboxRow.seq)))
    row = OutboxRow(
        seq=(last or 0) + 1,
        id=new_id(),
        type=event_type,
        schema_version=EVENT_SCHEMA_VERSION,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        created_at=at or utcnow(),
    )
    session.add(row)
    return row
