"""Outbox events are numbered without gaps, even when an action rolls back."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.storage import outbox
from app.storage.database import Database
from app.storage.models import OutboxRow


def test_outbox_sequence_is_gapless_across_a_rollback(db: Database) -> None:
    with db.transaction() as session:
        outbox.add_event(session, "SalePaid", {"n": 1})
    with pytest.raises(RuntimeError), db.transaction() as session:
        outbox.add_event(session, "SalePaid", {"n": 2})
        raise RuntimeError("power cut")
    with db.transaction() as session:
        outbox.add_event(session, "SalePaid", {"n": 3})
    with db.reading() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.seq)).all()
    assert [r.seq for r in rows] == [1, 2]
    assert [json.loads(r.payload)["n"] for r in rows] == [1, 3]
    assert len({r.id for r in rows}) == 2
    assert all(r.sent_at is None for r in rows)
