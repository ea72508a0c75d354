"""The outbox as the worker reads it: a push's body spliced from the stored payloads is the
protocol's own JSON of the same batch, and an acknowledgement marks only what it names."""

from __future__ import annotations

import json

from app.storage.database import Database
from app.storage.outbox import add_event
from app.sync import queue
from app.sync.protocol import AuditAnchor, PushBatch, dumps


def test_the_spliced_push_body_is_the_protocols_json_of_the_batch(db: Database) -> None:
    with db.transaction() as session:
        add_event(session, "SalePaid", {"order_id": "o1", "名称": '可乐\n"330ml"', "n": [1, 2]})
        add_event(session, "TopUpMade", {"member_id": "m1", "entries": []})
    anchor = AuditAnchor(7, "ab" * 32, 5, "cd" * 32)
    with db.reading() as session:
        raw = queue.raw_events_from(session, 1, 10)
        decoded = queue.events_from(session, 1, 10)
    assert json.loads(queue.push_body(raw, anchor)) == json.loads(dumps(PushBatch(decoded, anchor)))
    assert json.loads(queue.push_body(raw, anchor, 1300)) == json.loads(
        dumps(PushBatch(decoded, anchor, 1300))
    )
    assert json.loads(queue.push_body(raw, None))["anchor"] is None


def test_an_acknowledgement_marks_only_the_sequences_it_names(db: Database) -> None:
    with db.transaction() as session:
        for n in range(5):
            add_event(session, "ShiftClosed", {"n": n})
    assert queue.acknowledge(db, 2, 3) == 2
    assert queue.acknowledge(db, 2, 3) == 0
    with db.reading() as session:
        assert queue.backlog(session).waiting == 3
        assert queue.first_unacknowledged(session) == 1
