"""The desk assembled: every subject on the one context, and its slips on one slip context."""

from __future__ import annotations

import datetime as dt

from app.config import Config
from app.members.stored_value import top_up
from app.pos.member_desk.desk import MemberDesk
from app.pos.member_desk.slips import top_up_slip_data
from app.pos.slip_context import SlipContext
from app.storage.database import Database

SUBJECTS = ("queries", "stored_value", "cards", "count_cards_and_gifts", "coupons_and_rules")


def test_every_subject_of_the_desk_shares_its_one_context(db: Database, config: Config) -> None:
    desk = MemberDesk(db, config)
    assert {id(getattr(desk, name).context) for name in SUBJECTS} == {id(desk.context)}
    assert desk.context.config is config and desk.today() == desk.context.today()


def test_a_slip_holds_the_context_it_was_made_with(
    db: Database, member_id: str, config: Config
) -> None:
    with db.transaction() as session:
        result = top_up(session, member_id, 10_00, on=dt.date(2026, 11, 23), actor_id=None)
    slip = SlipContext("店", "收银员", "2026-11-23 10:05", "头", "尾")
    data = top_up_slip_data(result, slip, receipt_no="S001-01-20261123-0001")
    assert data.slip == SlipContext("店", "收银员", "2026-11-23 10:05", "头", "尾")
    assert data.receipt_no == "S001-01-20261123-0001"
