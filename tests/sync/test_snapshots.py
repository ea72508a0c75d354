"""A member's snapshot from the head office applied at a counter: moved to the head office's
figure plus what this counter has not yet had acknowledged, once (a second copy changes nothing),
and never undoing this counter's own unsent moves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.members.card_types import ensure_default_card_type
from app.members.enrolment import enrol
from app.members.stored_value import top_up
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import StoredValueEntryRow
from app.sync import queue
from app.sync.protocol import MemberSnapshot
from app.sync.snapshots import apply_members
from tests.pos.conftest import member_balances

TODAY = dt.date(2026, 11, 23)


def _snapshot(member_id: str, principal: int) -> MemberSnapshot:
    return MemberSnapshot(
        member_id, "88000001", "张三", "138****5678", "S001", None, "active",
        principal, 0, 0, False, "2026-11-23T10:00:00+00:00",
    )  # fmt: skip


def _entries(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(StoredValueEntryRow)) or 0)


def test_a_snapshot_moves_a_balance_once_and_keeps_the_unsent_moves(
    db: Database, cashier: StaffView
) -> None:
    with db.transaction() as session:
        ensure_default_card_type(session)
        member = enrol(
            session, card_no="88000001", phone="13812345678", name="张三", on=TODAY,
            actor_id=cashier.id,
        )  # fmt: skip
        top_up(session, member.id, 100_00, on=TODAY, actor_id=cashier.id)
    # The head office has not had the top-up yet: its 0.00 plus the unsent 100.00.
    apply_members(db, [_snapshot(member.id, 0)], on=TODAY)
    assert member_balances(db, member.id)[0] == 100_00
    queue.acknowledge(db, 1, 10)
    entries = _entries(db)
    for _ in range(2):  # spent 30.00 elsewhere; the second copy changes nothing
        applied = apply_members(db, [_snapshot(member.id, 70_00)], on=TODAY)
    assert applied.adjusted == 0
    assert member_balances(db, member.id)[0] == 70_00
    assert _entries(db) == entries + 1
