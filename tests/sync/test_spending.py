"""A member's stored value spent at another store: online the head office holds it for the
order first (a refusal writes nothing; a sale that then fails frees the hold); offline the
limits of [headoffice] bound it, each refusal a plain sentence with nothing written."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select, update

from app.config import HeadOfficeConfig
from app.members.card_types import CardTypeInput, create_card_type
from app.pos.checkout import CheckoutError
from app.pos.tenders import TenderMethod
from app.storage.models import OutboxRow, ShiftRow, ShiftState, SyncMemberRow
from app.sync.spending import MemberSpending, SpendRefused
from headoffice.models import HoldRow
from tests.sync.conftest import HeadOffice, Store
from tests.sync.test_two_stores import (
    balance_at,
    enrol_and_top_up,
    meet,
    pay_by_card,
    sync,
)


def _events(store: Store) -> int:
    with store.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def _limits(store: Store, **limits: int) -> None:
    office = store.config.headoffice
    assert isinstance(office, HeadOfficeConfig)
    config = dataclasses.replace(store.config, headoffice=dataclasses.replace(office, **limits))
    store.service.spend_guard = MemberSpending(store.db, config, store.worker.client)


def test_online_the_head_offices_balance_decides_and_a_refusal_writes_nothing(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    meet(b)
    pay_by_card(a, 80_00)
    sync(a)  # the head office has 20.00 left; B still shows 100.00
    events = _events(b)
    with pytest.raises(SpendRefused, match="总部未授权：余额不足"):
        pay_by_card(b, 50_00)
    assert (_events(b), balance_at(b, member_id)) == (events, 100_00)


def test_a_sale_that_fails_after_its_hold_releases_it(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    meet(b)
    with b.db.transaction() as session:  # closed at another window meanwhile
        session.execute(update(ShiftRow).values(state=ShiftState.CLOSED))
    with pytest.raises(CheckoutError):
        pay_by_card(b, 30_00)
    with headoffice.db.transaction() as session:
        states = session.scalars(select(HoldRow.state).where(HoldRow.member_id == member_id))
        assert list(states) == ["released"]


@pytest.mark.parametrize(
    ("limits", "spend", "message"),
    [
        ({"offline_per_sale_fen": 20_00}, 30_00, "单笔储值消费不能超过 ￥20.00"),
        ({"offline_per_day_fen": 40_00}, 30_00, "今日在本机已用储值 ￥30.00，每日上限 ￥40.00"),
        ({"offline_snapshot_hours": 0}, 10_00, "资料已 0 小时未更新（上限 0 小时）"),
    ],
)
def test_offline_the_limits_bound_a_member_the_head_office_knows(
    headoffice: HeadOffice,
    stores: tuple[Store, Store],
    limits: dict[str, int],
    spend: int,
    message: str,
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    meet(b)
    headoffice.stop()
    _limits(b, **limits)
    if "offline_per_day_fen" in limits:
        pay_by_card(b, 30_00)  # the first is within the day's limit
    events = _events(b)
    before = balance_at(b, member_id)
    if "offline_snapshot_hours" in limits:
        with b.db.transaction() as session:  # the snapshot is an hour old
            session.execute(
                update(SyncMemberRow).values(
                    as_of=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=61)
                )
            )
        message = "资料已 1 小时未更新（上限 0 小时）"
    with pytest.raises(SpendRefused, match=message):
        pay_by_card(b, spend)
    assert (_events(b), balance_at(b, member_id)) == (events, before)


def test_offline_a_member_on_the_hot_list_spends_nothing(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    enrol_and_top_up(a, 100_00)
    sync(a)
    meet(b)
    with b.db.transaction() as session:
        session.execute(update(SyncMemberRow).values(hot=True))
    headoffice.stop()
    with pytest.raises(SpendRefused, match="列入黑名单"):
        pay_by_card(b, 1_00)


def test_offline_points_earned_here_wait_for_the_head_office_before_they_pay(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    with b.db.transaction() as session:  # points worth a fen each at B
        create_card_type(
            session,
            CardTypeInput("积分卡", 5, points_per_yuan=1, points_value=1, is_default=True),
            actor_id=b.cashier.id,
            approver_id=b.manager.id,
        )
    enrol_and_top_up(a, 100_00)
    sync(a)
    meet(b)
    headoffice.stop()
    pay_by_card(b, 50_00, TenderMethod.CASH)  # earns 50 points, not yet confirmed
    with pytest.raises(SpendRefused, match="新得的积分须经总部确认后才能使用：可用积分 0"):
        pay_by_card(b, 10, TenderMethod.POINTS)
    headoffice.start()
    sync(b)  # the head office posts them
    pay_by_card(b, 10, TenderMethod.POINTS)
