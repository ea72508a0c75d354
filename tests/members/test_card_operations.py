"""Card replacement, resets, gifts, count cards, coupons, the daily job."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.members.accounts import MemberView, view_of
from app.members.cards import (
    cancel_loss,
    replace_card,
    report_loss,
    reset_balance,
    reset_points,
    reset_total_spend,
    reset_visit_count,
)
from app.members.checks import check_ledgers
from app.members.count_cards import (
    create_package,
    refund_count_card,
    sell_count_card,
    use_count_card,
)
from app.members.coupons import (
    CartLineFacts,
    CouponKind,
    CouponRefused,
    CouponStatus,
    CouponTerms,
    create_template,
    evaluate_coupon,
    issue_coupons,
    redeem_coupon,
    restore_coupons_of_order,
)
from app.members.daily import UpkeepRefused, level_history, run_daily, undo_future_upkeep
from app.members.enrolment import enrol, find_member
from app.members.errors import (
    ApprovalRequired,
    CardLost,
    MemberError,
    NotEnoughStock,
    NotEnoughUses,
)
from app.members.gifts import create_gift, redeem_gift
from app.members.levels import CardType
from app.members.points import adjust_points
from app.members.sales import member_sale
from app.members.settings import MemberSettings, PointsExpiry, save_settings
from app.members.stored_value import top_up
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import PointsEntryRow, StoredValueEntryRow
from app.storage.models import AuditRow, ProductRow
from tests.members.conftest import TODAY, snapshot

AT = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def test_replacing_a_lost_card_keeps_every_balance_and_refuses_the_old_number(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        top_up(session, member.id, 500_00, on=TODAY, actor_id=cashier.id)
        member_sale(session, member.id, paid_fen=50_00, on=TODAY, order_id="s", actor_id=cashier.id)
        report_loss(session, member.id, actor_id=cashier.id, on=TODAY)
    with db.transaction() as session:
        new = replace_card(
            session,
            member.id,
            "88000100",
            on=TODAY,
            reason="丢失",
            actor_id=cashier.id,
            approver_id=manager.id,
        )
    assert (new.card_no, new.status, new.balance_fen, new.points) == (
        "88000100",
        "active",
        600_00,
        50,
    )
    with db.reading() as session:
        with pytest.raises(CardLost):
            find_member(session, "88000001")
        row = session.scalars(
            select(AuditRow).where(AuditRow.action == "member.card_replaced")
        ).one()
    assert row.approver_id == manager.id


def test_cancelling_a_loss_needs_a_manager(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        report_loss(session, member.id, actor_id=cashier.id, on=TODAY)
    with pytest.raises(ApprovalRequired), db.transaction() as session:
        cancel_loss(session, member.id, actor_id=cashier.id, approver_id=None)
    with db.transaction() as session:
        assert (
            cancel_loss(session, member.id, actor_id=cashier.id, approver_id=manager.id).status
            == "active"
        )


def test_resets_are_reversing_entries_and_keep_the_ledger_whole(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    who = {"on": TODAY, "actor_id": cashier.id, "approver_id": manager.id, "reason": "年度清零"}
    with db.transaction() as session:
        top_up(session, member.id, 500_00, on=TODAY, actor_id=cashier.id)
        member_sale(session, member.id, paid_fen=80_00, on=TODAY, order_id="s", actor_id=cashier.id)
        reset_balance(session, member.id, **who)
        reset_points(session, member.id, **who)
        reset_visit_count(session, member.id, **who)
        reset_total_spend(session, member.id, **who)
    with db.reading() as session:
        view = view_of(session, member.id)
        kinds = session.scalars(select(StoredValueEntryRow.kind)).all()
        assert check_ledgers(session) == []
    assert (view.balance_fen, view.points, view.visit_count, view.total_spend_fen) == (0, 0, 0, 0)
    assert kinds == ["top_up", "reset"]


def test_a_reset_without_reason_writes_nothing(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        adjust_points(
            session,
            member.id,
            10,
            reason="补录",
            on=TODAY,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
    before = snapshot(db)
    with pytest.raises(MemberError, match="请填写原因"), db.transaction() as session:
        reset_points(
            session, member.id, reason=" ", on=TODAY, actor_id=cashier.id, approver_id=manager.id
        )
    assert snapshot(db) == before


def test_a_gift_is_redeemed_for_points_and_stock_together(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        gift = create_gift(session, "保温杯", 300, 1, actor_id=cashier.id, approver_id=manager.id)
        adjust_points(
            session,
            member.id,
            700,
            reason="活动",
            on=TODAY,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        done = redeem_gift(session, member.id, gift.id, on=TODAY, actor_id=cashier.id)
    assert (done.points_used, done.points_after, done.gift.stock) == (300, 400, 0)
    before = snapshot(db)
    with pytest.raises(NotEnoughStock), db.transaction() as session:
        redeem_gift(session, member.id, gift.id, on=TODAY, actor_id=cashier.id)
    assert snapshot(db) == before


def test_a_count_card_is_used_down_to_zero_and_refunds_its_unused_uses(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        package = create_package(
            session, "洗车3次", "洗车", 3, 90_00, 30, actor_id=cashier.id, approver_id=manager.id
        )
        card = sell_count_card(session, member.id, package.id, on=TODAY, actor_id=cashier.id)
        assert use_count_card(session, card.id, on=TODAY, actor_id=cashier.id).uses_left == 2
    with db.transaction() as session:
        refund = refund_count_card(
            session,
            card.id,
            on=TODAY,
            reason="不需要了",
            actor_id=cashier.id,
            approver_id=manager.id,
        )
    assert (refund.uses_refunded, refund.refund_fen) == (2, 60_00)
    with pytest.raises(MemberError, match="已退卡"), db.transaction() as session:
        use_count_card(session, card.id, on=TODAY, actor_id=cashier.id)
    with db.transaction() as session:
        other = sell_count_card(session, member.id, package.id, on=TODAY, actor_id=cashier.id)
        for _ in range(3):
            use_count_card(session, other.id, on=TODAY, actor_id=cashier.id)
    with pytest.raises(NotEnoughUses), db.transaction() as session:
        use_count_card(session, other.id, on=TODAY, actor_id=cashier.id)
    with db.reading() as session:
        assert check_ledgers(session) == []


def test_coupon_check_is_pure_and_gives_the_discount_or_a_reason(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    lines = [CartLineFacts("p1", 30_00, 2000, 60_00), CartLineFacts("p2", 50_00, 1000, 50_00)]
    with db.transaction() as session:
        t = create_template(
            session,
            "满100减10",
            CouponTerms(CouponKind.AMOUNT_OFF, 10_00, 100_00),
            valid_days=30,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        pct = create_template(
            session,
            "九折",
            CouponTerms(CouponKind.PERCENT_OFF, percent_off_bp=1000),
            valid_days=30,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        session.add(
            ProductRow(id="p2", code="p2", name="保温杯", pinyin_initials="bwb", price_fen=50_00)
        )
        free = create_template(
            session,
            "送p2",
            CouponTerms(CouponKind.FREE_ITEM, product_id="p2"),
            valid_days=30,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        coupon, pct_coupon, free_coupon = (
            issue_coupons(session, x.id, [member.id], on=TODAY, actor_id=cashier.id)[0]
            for x in (t, pct, free)
        )
    assert (t.terms.label, pct.terms.label) == ("满100减10", "九折")
    assert free.terms.label == "赠 保温杯 1 件"
    assert evaluate_coupon(coupon, lines, on=TODAY, member_id=member.id).discount_fen == 10_00
    assert evaluate_coupon(pct_coupon, lines, on=TODAY, member_id=member.id).discount_fen == 11_00
    assert evaluate_coupon(free_coupon, lines, on=TODAY, member_id=member.id).discount_fen == 50_00
    short = evaluate_coupon(coupon, lines[:1], on=TODAY, member_id=member.id)
    assert not short.ok and "未满使用门槛" in str(short.refusal)
    late = evaluate_coupon(coupon, lines, on=TODAY + dt.timedelta(days=30), member_id=member.id)
    assert "已过期" in str(late.refusal)
    assert (
        str(evaluate_coupon(coupon, lines, on=TODAY, member_id="x").refusal)
        == "该优惠券不属于当前会员"
    )


def test_a_coupon_is_used_once_and_given_back_on_refund(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    lines = [CartLineFacts("p1", 120_00, 1000, 120_00)]
    with db.transaction() as session:
        t = create_template(
            session,
            "满100减10",
            CouponTerms(CouponKind.AMOUNT_OFF, 10_00, 100_00),
            valid_days=30,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        coupon = issue_coupons(session, t.id, [member.id], on=TODAY, actor_id=cashier.id)[0]
        used = redeem_coupon(
            session,
            coupon.id,
            lines,
            member_id=member.id,
            order_id="o1",
            on=TODAY,
            at=AT,
            actor_id=cashier.id,
        )
    assert used.status is CouponStatus.USED and used.discount_fen == 10_00
    with pytest.raises(CouponRefused, match="已使用"), db.transaction() as session:
        redeem_coupon(
            session,
            coupon.id,
            lines,
            member_id=member.id,
            order_id="o2",
            on=TODAY,
            at=AT,
            actor_id=cashier.id,
        )
    with db.transaction() as session:
        back = restore_coupons_of_order(session, "o1", actor_id=cashier.id)
    assert [c.status for c in back] == [CouponStatus.ISSUED]


def test_daily_job_upgrades_with_the_gift_and_downgrades_at_period_end(
    db: Database, cashier: StaffView, member: MemberView, card_types: dict[str, CardType]
) -> None:
    with db.transaction() as session:
        member_sale(
            session, member.id, paid_fen=1000_00, on=TODAY, order_id="s", actor_id=cashier.id
        )
    with db.transaction() as session:
        report = run_daily(session, TODAY)
    assert [c.to_type_id for c in report.upgrades] == [card_types["silver"].id]
    with db.reading() as session:
        view = view_of(session, member.id)
        gift_points = session.scalars(
            select(PointsEntryRow.delta).where(PointsEntryRow.kind == "gift")
        ).all()
    assert (view.card_type.name, view.bonus_fen, list(gift_points)) == ("银卡", 20_00, [100])
    with db.transaction() as session:
        assert run_daily(session, TODAY + dt.timedelta(days=29)).downgrades == ()
        later = run_daily(session, TODAY + dt.timedelta(days=30))
    assert [c.to_type_id for c in later.downgrades] == [card_types["plain"].id]
    with db.reading() as session:
        assert [c.change for c in level_history(session, member.id)] == ["upgrade", "downgrade"]


def test_an_upgrade_gift_is_given_once_per_member_and_level_ever(
    db: Database, cashier: StaffView, member: MemberView, card_types: dict[str, CardType]
) -> None:
    """Up, down at period end, up again: the 银卡 gift (100 points, 20.00 bonus) comes once."""
    for day, order in ((TODAY, "s1"), (TODAY + dt.timedelta(days=40), "s2")):
        with db.transaction() as session:
            member_sale(
                session, member.id, paid_fen=1000_00, on=day, order_id=order, actor_id=cashier.id
            )
        with db.transaction() as session:
            run_daily(session, day)
        if order == "s1":
            with db.transaction() as session:
                run_daily(session, TODAY + dt.timedelta(days=30))  # no spend in 30 days: down
    with db.reading() as session:
        changes = [c.change for c in level_history(session, member.id)]
        view = view_of(session, member.id)
        gift_points = session.scalars(
            select(PointsEntryRow.delta).where(PointsEntryRow.kind == "gift")
        ).all()
    assert changes == ["upgrade", "downgrade", "upgrade"]
    assert (view.card_type.name, view.bonus_fen, list(gift_points)) == ("银卡", 20_00, [100])
    with db.reading() as session:
        again = level_history(session, member.id)[-1]
    assert again.reason.endswith("不再送升级礼包")  # the member's history says why


def test_the_daily_job_refuses_a_day_before_its_newest_run_and_changes_nothing(
    db: Database, cashier: StaffView, member: MemberView, card_types: dict[str, CardType]
) -> None:
    later = TODAY + dt.timedelta(days=730)
    with db.transaction() as session:
        run_daily(session, later)
        member_sale(
            session, member.id, paid_fen=1000_00, on=TODAY, order_id="s", actor_id=cashier.id
        )
    before = snapshot(db)
    with pytest.raises(UpkeepRefused, match="营业日倒退"), db.transaction() as session:
        run_daily(session, TODAY)
    assert snapshot(db) == before
    with db.reading() as session:
        assert view_of(session, member.id).card_type.name == "普通卡"


def test_undoing_the_upkeep_of_a_clock_that_ran_ahead_gives_back_cards_and_points(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    with db.transaction() as session:
        save_settings(
            session,
            MemberSettings(points_expiry=PointsExpiry.YEAR_END),
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        gold = enrol(
            session,
            card_no="66",
            phone="13900000000",
            name="赵六",
            on=TODAY,
            actor_id=cashier.id,
            card_type_id=card_types["gold"].id,
        )
        member_sale(session, gold.id, paid_fen=100_00, on=TODAY, order_id="s", actor_id=cashier.id)
    with db.reading() as session:
        earned = view_of(session, gold.id).points
    assert earned > 0

    wrong = TODAY + dt.timedelta(days=730)
    with db.transaction() as session:
        report = run_daily(session, wrong)
    assert report.members_expired == 1 and report.points_expired == earned

    with db.transaction() as session:
        fixed = undo_future_upkeep(session, TODAY, actor_id=manager.id)
    assert (fixed.runs_forgotten, fixed.expiries_undone, fixed.points_restored) == (
        (wrong,),
        1,
        earned,
    )
    with db.reading() as session:
        view = view_of(session, gold.id)
    assert (view.status, view.points) == ("active", earned)
    assert check_ledgers_ok(db)

    # The points given back expire when the ones the wrong clock took would have: year end.
    with db.transaction() as session:
        assert run_daily(session, TODAY + dt.timedelta(days=1)).points_expired == 0
        assert run_daily(session, dt.date(TODAY.year + 1, 1, 1)).points_expired == earned
    with pytest.raises(UpkeepRefused, match="无需校正"), db.transaction() as session:
        undo_future_upkeep(session, dt.date(TODAY.year + 1, 1, 1), actor_id=manager.id)


def check_ledgers_ok(db: Database) -> bool:
    with db.reading() as session:
        return not check_ledgers(session)


def test_daily_job_expires_cards_past_their_last_day(
    db: Database, cashier: StaffView, card_types: dict[str, CardType]
) -> None:
    with db.transaction() as session:
        gold = enrol(
            session,
            card_no="66",
            phone="13900000000",
            name="赵六",
            on=TODAY,
            actor_id=cashier.id,
            card_type_id=card_types["gold"].id,
        )
    assert gold.expires_on is not None
    with db.transaction() as session:
        assert run_daily(session, gold.expires_on).members_expired == 0
        assert run_daily(session, gold.expires_on + dt.timedelta(days=1)).members_expired == 1
    with db.reading() as session:
        assert view_of(session, gold.id).status == "expired"
