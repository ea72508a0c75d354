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


def test_a_payload_with_a_full_phone_or_a_secret_is_refused(db: Database) -> None:
    for payload in (
        {"member_id": "m", "phone": "13812345678"},
        {"entries": [{"pin": "1234"}]},
        {"member": {"password": "x"}},
    ):
        with pytest.raises(ValueError, match="private"), db.transaction() as session:
            outbox.add_event(session, "MemberUpdated", payload)
    with db.reading() as session:
        assert session.scalars(select(OutboxRow)).all() == []


def test_no_outbox_event_holds_a_full_phone_nor_names_an_order_that_does_not_exist(
    db: Database,
) -> None:
    """The demo store, every kind of member event in it: phones masked, no made-up orders."""
    from app.pos.demo import seed_demo_store
    from app.storage.member_models import MemberRow
    from app.storage.models import OrderRow

    with db.transaction() as session:
        seed_demo_store(session)
    with db.reading() as session:
        phones = {p for p in session.scalars(select(MemberRow.phone)) if p}
        orders = set(session.scalars(select(OrderRow.id)))
        events = session.scalars(select(OutboxRow)).all()
    assert len(phones) == 50 and events
    for event in events:
        assert not any(phone in event.payload for phone in phones), event.type
        payload = json.loads(event.payload)
        for key in ("order_id", "sale_order_id", "refund_order_id"):
            assert payload.get(key) in orders | {None}, (event.type, payload.get(key))
    enrolled = [json.loads(e.payload) for e in events if e.type == "MemberEnrolled"]
    assert len(enrolled) == 50 and all("****" in e["phone_masked"] for e in enrolled)
