"""Random interleavings of two counters pushing over a network that loses replies, repeats and
reorders: whatever happens, every event is applied exactly once and every balance is the sum of
its ledger, equal to the sum of what the counters wrote."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.storage.ids import new_id
from app.sync.protocol import Event, GapReply, PushBatch
from headoffice import apply
from headoffice.db import Database, open_database
from headoffice.ledgers import ledger_sums
from headoffice.models import InboxRow, MemberRow
from headoffice.registry import add_store
from tests.headoffice.conftest import enrolled, member_event, stored_value_entry

MEMBER = "0190a000-0000-7000-8000-0000000000f1"
CARD = "88000001"

amounts = st.integers(min_value=-50_00, max_value=80_00).filter(bool)
steps = st.lists(
    st.tuples(
        st.sampled_from("AB"),  # which counter sends
        st.integers(min_value=1, max_value=4),  # how many events in its batch
        st.booleans(),  # the reply is lost
        st.booleans(),  # the batch's first two events swapped on the way
        st.booleans(),  # an event already acknowledged sent again in front
    ),
    max_size=25,
)


class SimulatedCounter:
    def __init__(self, device_id: str, events: list[Event], chance: random.Random) -> None:
        self.device_id = device_id
        self.chance = chance
        self.events = events
        self.acked = 0  # the last sequence this counter knows was taken

    def send(self, db: Database, size: int, lost: bool, swapped: bool, again: bool) -> None:
        batch = self.events[self.acked : self.acked + size]
        if swapped and len(batch) > 1:
            batch[0], batch[1] = batch[1], batch[0]
        if again and self.acked:
            batch.insert(0, self.events[self.chance.randrange(self.acked)])
        reply = apply.push(db, self.device_id, PushBatch(batch))
        if lost:
            return
        if isinstance(reply, GapReply):
            self.acked = reply.expected_seq - 1
        else:
            self.acked = reply.last_seq

    def drain(self, db: Database) -> None:
        while self.acked < len(self.events):
            self.send(db, 500, lost=False, swapped=False, again=False)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    a_amounts=st.lists(amounts, max_size=8),
    b_amounts=st.lists(amounts, max_size=8),
    plan=steps,
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_any_interleaving_applies_each_event_once_and_balances_equal_their_ledger(
    migrated_template: Path,
    a_amounts: list[int],
    b_amounts: list[int],
    plan: list[tuple[str, int, bool, bool, bool]],
    seed: int,
) -> None:
    chance = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="ho-interleave-"))
    try:
        shutil.copy(migrated_template, folder / "headoffice.sqlite3")
        db = open_database(f"sqlite:///{folder / 'headoffice.sqlite3'}")
        try:
            check(db, chance, a_amounts, b_amounts, plan)
        finally:
            db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check(
    db: Database,
    chance: random.Random,
    a_amounts: list[int],
    b_amounts: list[int],
    plan: list[tuple[str, int, bool, bool, bool]],
) -> None:
    with db.transaction() as session:
        a_id = add_store(session, "S001", "一号店").device_id
        b_id = add_store(session, "S002", "二号店").device_id

    def events(amounts: list[int], first: Event | None) -> list[Event]:
        made = [first] if first else []
        for amount in amounts:
            entry = stored_value_entry(MEMBER, amount, kind="top_up" if amount > 0 else "spend")
            payload = member_event(MEMBER, CARD, entry)
            made.append(Event(new_id(), len(made) + 1, "TopUpMade", 1, payload, "2026-11-23"))
        return made

    enrol = Event(new_id(), 1, "MemberEnrolled", 1, enrolled(MEMBER, CARD), "2026-11-23")
    counters = {
        "A": SimulatedCounter(a_id, events(a_amounts, enrol), chance),
        "B": SimulatedCounter(b_id, events(b_amounts, None), chance),
    }
    for who, size, lost, swapped, again in plan:
        counters[who].send(db, size, lost, swapped, again)
    for counter in counters.values():
        counter.drain(db)

    with db.transaction() as session:
        taken = session.scalar(select(func.count()).select_from(InboxRow))
        assert taken == sum(len(c.events) for c in counters.values())
        member = session.get(MemberRow, MEMBER)
        assert member is not None
        assert ledger_sums(session, MEMBER) == (member.principal_fen, member.bonus_fen, 0)
        assert member.principal_fen == sum(a_amounts) + sum(b_amounts)
