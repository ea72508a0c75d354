"""Fixtures for the member services: card types, bonus rules, a member, a table snapshot."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from app.members.accounts import MemberView
from app.members.card_types import CardTypeInput, create_bonus_rule, create_card_type
from app.members.enrolment import enrol
from app.members.levels import CardType, Metric, UpgradeGift, UpgradeRule
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.schema import METADATA

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def card_types(db: Database, cashier: StaffView, manager: StaffView) -> dict[str, CardType]:
    who = {"actor_id": cashier.id, "approver_id": manager.id}
    with db.transaction() as session:
        plain = create_card_type(
            session, CardTypeInput("普通卡", 0, points_per_yuan=1, points_value=1), **who
        )
        silver = create_card_type(
            session,
            CardTypeInput(
                "银卡",
                1,
                discount_bp=9500,
                points_per_yuan=2,
                points_value=1,
                upgrade=UpgradeRule(Metric.SPEND, 1000_00, 30),
                downgrade=True,
                gift=UpgradeGift(points=100, bonus_fen=20_00),
            ),
            **who,
        )
        gold = create_card_type(
            session,
            CardTypeInput(
                "金卡",
                2,
                discount_bp=8800,
                points_per_yuan=3,
                points_value=1,
                needs_password=True,
                validity_days=365,
                fee_fen=100_00,
            ),
            **who,
        )
        create_bonus_rule(session, 500_00, 100_00, **who)
        create_bonus_rule(session, 1000_00, 250_00, **who)
    return {"plain": plain, "silver": silver, "gold": gold}


@pytest.fixture
def member(db: Database, cashier: StaffView, card_types: dict[str, CardType]) -> MemberView:
    with db.transaction() as session:
        return enrol(
            session,
            card_no="88000001",
            phone="13812345678",
            name="张三",
            on=TODAY,
            actor_id=cashier.id,
        )


def snapshot(db: Database) -> dict[str, int]:
    """Row counts of every table: equal before and after means nothing was written."""
    with db.reading() as session:
        return {
            name: int(session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in METADATA.tables
        }
