"""Stored value with bonus, payment by card and its refund, 退本金, points earn/spend/reverse."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.members.accounts import MemberView, view_of
from app.members.cards import set_password, verify_password
from app.members.checks import check_ledgers, running_balances_ok
from app.members.errors import (
    ApprovalRequired,
    InsufficientPoints,
    MemberError,
    PasswordLocked,
    PasswordRequired,
    TopUpOverCap,
    WrongPassword,
)
from app.members.ledger import InsufficientBalance
from app.members.points import adjust_points, expire_points, refund_points_tender, spend_points
from app.members.sales import member_refund, member_sale, price_for_member
from app.members.settings import MemberSettings, PointsExpiry
from app.members.stored_value import (
    refund_stored_value_spend,
    refund_unused_principal,
    spend_stored_value,
    top_up,
)
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.models import OutboxRow
from tests.members.conftest import TODAY, snapshot


def test_top_up_with_bonus_splits_principal_and_bonus(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        result = top_up(session, member.id, 1200_00, on=TODAY, actor_id=cashier.id)
    assert (result.line.principal_delta, result.line.bonus_delta) == (1200_00, 250_00)
    assert (result.line.balance_before_fen, result.line.balance_after_fen) == (0, 1450_00)
    assert result.card_no_masked == "****0001"
    with db.reading() as session:
        event = session.scalars(select(OutboxRow).where(OutboxRow.type == "TopUpMade")).one()
    entries = json.loads(event.payload)["entries"]
    assert entries[0]["principal_delta"] == 1200_00 and entries[0]["bonus_delta"] == 250_00


@pytest.mark.parametrize("amount", [0, -100, 50_001_00])
def test_top_up_of_zero_negative_or_above_the_cap_writes_nothing(
    db: Database, cashier: StaffView, member: MemberView, amount: int
) -> None:
    before = snapshot(db)
    with pytest.raises(MemberError), db.transaction() as session:
        top_up(session, member.id, amount, on=TODAY, actor_id=cashier.id)
    assert snapshot(db) == before


def test_top_up_cap_can_be_given_as_a_parameter(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with pytest.raises(TopUpOverCap, match="充值金额超过上限"), db.transaction() as session:
        top_up(session, member.id, 200_01, on=TODAY, actor_id=cashier.id, cap_fen=200_00)


def test_spending_takes_principal_first_and_a_refund_returns_each_part(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        top_up(session, member.id, 500_00, on=TODAY, actor_id=cashier.id)  # + 100 bonus
        spend = spend_stored_value(
            session, member.id, 550_00, on=TODAY, actor_id=cashier.id, order_id="o1"
        )
    assert (spend.principal_delta, spend.bonus_delta) == (-500_00, -50_00)
    with db.transaction() as session:
        first = refund_stored_value_spend(session, spend.id, 275_00, on=TODAY, actor_id=cashier.id)
        second = refund_stored_value_spend(session, spend.id, 275_00, on=TODAY, actor_id=cashier.id)
        with pytest.raises(MemberError, match="退款超过可退金额"):
            refund_stored_value_spend(session, spend.id, 1, on=TODAY, actor_id=cashier.id)
    assert first.principal_delta + second.principal_delta == 500_00
    assert first.bonus_delta + second.bonus_delta == 50_00
    with db.reading() as session:
        assert view_of(session, member.id).balance_fen == 600_00
        assert check_ledgers(session) == [] and running_balances_ok(session, member.id)


def test_spending_more_than_the_balance_is_refused_and_writes_nothing(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    before = snapshot(db)
    with pytest.raises(InsufficientBalance, match="余额不足"), db.transaction() as session:
        spend_stored_value(session, member.id, 1, on=TODAY, actor_id=cashier.id)
    assert snapshot(db) == before


def test_principal_refund_needs_a_manager_and_forfeits_bonus_in_proportion(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        top_up(session, member.id, 1000_00, on=TODAY, actor_id=cashier.id)
    with pytest.raises(ApprovalRequired), db.transaction() as session:
        refund_unused_principal(
            session,
            member.id,
            500_00,
            on=TODAY,
            reason="退卡",
            actor_id=cashier.id,
            approver_id=None,
        )
    with db.transaction() as session:
        result = refund_unused_principal(
            session,
            member.id,
            500_00,
            on=TODAY,
            reason="搬家",
            actor_id=cashier.id,
            approver_id=manager.id,
        )
    assert (result.cash_fen, result.bonus_forfeited_fen) == (500_00, 125_00)


def test_a_card_type_with_password_refuses_an_unverified_payment(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict, today: dt.date
) -> None:
    from app.members.enrolment import enrol

    with db.transaction() as session:
        gold = enrol(
            session,
            card_no="77",
            phone="13700000000",
            name="钱七",
            on=today,
            actor_id=cashier.id,
            card_type_id=card_types["gold"].id,
        )
        set_password(session, gold.id, "123456", actor_id=cashier.id)
        top_up(session, gold.id, 100_00, on=today, actor_id=cashier.id)
    before = snapshot(db)
    with pytest.raises(PasswordRequired), db.transaction() as session:
        spend_stored_value(session, gold.id, 10_00, on=today, actor_id=cashier.id)
    assert snapshot(db) == before
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    with db.transaction() as session:
        verify_password(session, gold.id, "123456", now=now, actor_id=cashier.id)
        spend_stored_value(
            session, gold.id, 10_00, on=today, actor_id=cashier.id, password_verified=True
        )


def test_five_wrong_passwords_lock_the_card_for_a_while(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    now = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
    with db.transaction() as session:
        set_password(session, member.id, "1111", actor_id=cashier.id)
    messages = []
    for _ in range(5):
        with db.transaction() as session:  # the caller commits either way, so failures count
            try:
                verify_password(session, member.id, "2222", now=now, actor_id=cashier.id)
            except (WrongPassword, PasswordLocked) as exc:
                messages.append(str(exc))
    assert messages[0] == "会员密码错误，还可尝试 4 次"
    assert messages[-1].startswith("密码错误次数过多，已锁定")
    with pytest.raises(PasswordLocked), db.transaction() as session:
        verify_password(session, member.id, "1111", now=now, actor_id=cashier.id)
    with db.transaction() as session:
        verify_password(
            session, member.id, "1111", now=now + dt.timedelta(minutes=16), actor_id=cashier.id
        )


def test_points_are_earned_on_what_was_paid_but_not_on_bonus_money(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        result = member_sale(
            session,
            member.id,
            paid_fen=120_99,
            bonus_paid_fen=20_00,
            on=TODAY,
            order_id="s1",
            actor_id=cashier.id,
        )
    assert result.points_earned == 100
    with db.reading() as session:
        view = view_of(session, member.id)
    assert (view.points, view.visit_count, view.total_spend_fen, view.last_visit_on) == (
        100,
        1,
        120_99,
        TODAY,
    )


def test_a_refund_takes_back_exactly_the_points_of_the_refunded_share(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        member_sale(
            session, member.id, paid_fen=99_00, on=TODAY, order_id="s1", actor_id=cashier.id
        )
    taken = []
    for part in (33_00, 33_00, 33_00):
        with db.transaction() as session:
            taken.append(
                member_refund(
                    session,
                    member.id,
                    sale_order_id="s1",
                    sale_net_fen=99_00,
                    refund_fen=part,
                    on=TODAY,
                    actor_id=cashier.id,
                ).points_reversed
            )
    assert taken == [33, 33, 33]
    with db.reading() as session:
        view = view_of(session, member.id)
        assert (view.points, view.total_spend_fen) == (0, 0)
        assert check_ledgers(session) == []


def test_points_pay_as_a_tender_and_come_back_on_refund(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        adjust_points(
            session,
            member.id,
            1000,
            reason="活动赠送",
            on=TODAY,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        tender = spend_points(
            session, member.id, 5_00, on=TODAY, actor_id=cashier.id, order_id="s2"
        )
    assert tender.points_used == 500
    before = snapshot(db)
    with pytest.raises(InsufficientPoints, match="积分不足"), db.transaction() as session:
        spend_points(session, member.id, 5_01, on=TODAY, actor_id=cashier.id)
    assert snapshot(db) == before
    with db.transaction() as session:
        back = refund_points_tender(session, tender.line.id, 5_00, on=TODAY, actor_id=cashier.id)
    assert back.delta == 500 and back.balance_after == 1000


def test_points_expire_at_year_end_oldest_first_and_only_once(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    rules = MemberSettings(points_expiry=PointsExpiry.YEAR_END)
    with db.transaction() as session:
        member_sale(
            session,
            member.id,
            paid_fen=300_00,
            on=TODAY,
            order_id="s1",
            actor_id=cashier.id,
            settings=rules,
        )
        spend_points(session, member.id, 1_00, on=TODAY, actor_id=cashier.id)  # 100 points
    with db.transaction() as session:
        assert expire_points(session, dt.date(2026, 12, 31)) == []
        lines = expire_points(session, dt.date(2027, 1, 1))
        assert [line.delta for line in lines] == [-200]
        assert expire_points(session, dt.date(2027, 1, 2)) == []
    with db.reading() as session:
        assert view_of(session, member.id).points == 0


def test_member_price_wins_over_the_discount() -> None:
    assert price_for_member(999, None, 9500) == 949
    assert price_for_member(999, 800, 9500) == 800
