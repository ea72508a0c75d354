"""Card types: member prices, upgrades, downgrades at period end, paid levels and their expiry."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.members.errors import MemberError
from app.members.levels import (
    CardType,
    LevelChange,
    Metric,
    UpgradeGift,
    UpgradeRule,
    evaluate_level,
    member_price,
    metric_keys,
)
from app.money import percent_of

YEAR = 365
NORMAL = CardType("normal", "普通会员", rank=0)
SILVER = CardType(
    "silver",
    "银卡",
    rank=1,
    discount_bp=9_500,
    upgrade=UpgradeRule(Metric.SPEND, 100_000, YEAR),
    downgrade=True,
    gift=UpgradeGift(points=200),
)
GOLD = CardType(
    "gold",
    "金卡",
    rank=2,
    discount_bp=9_000,
    upgrade=UpgradeRule(Metric.SPEND, 500_000, YEAR),
    downgrade=True,
    gift=UpgradeGift(points=500, coupon_template_id="gold-welcome", bonus_fen=5_000),
)
PLUS = CardType("plus", "PLUS 会员", rank=3, discount_bp=8_800, fee_fen=19_900, validity_days=365)
TYPES = [NORMAL, SILVER, GOLD, PLUS]


def spend(fen: int) -> dict[tuple[Metric, int], int]:
    return {(Metric.SPEND, YEAR): fen}


# --- member price ---------------------------------------------------------------------------


def test_member_price_wins_where_it_is_set_even_above_the_discounted_price() -> None:
    assert member_price(1_000, 800, 9_500) == 800
    assert member_price(1_000, 990, 5_000) == 990


def test_without_a_member_price_the_discount_is_rounded_half_up() -> None:
    assert member_price(999, None, 9_500) == 949  # 949.05
    assert member_price(1_010, None, 9_500) == 960  # 959.5 rounds up
    assert member_price(1_000, None, 10_000) == 1_000


@pytest.mark.parametrize("discount", [0, 10_001, -5])
def test_discounts_outside_0_to_100_percent_are_refused(discount: int) -> None:
    with pytest.raises(ValueError, match="折扣须在"):  # a price rule that cannot be: a bug
        member_price(1_000, None, discount)
    with pytest.raises(MemberError, match="折扣须在"):  # a card type the manager typed in
        CardType("x", "x", rank=9, discount_bp=discount)


@given(st.integers(0, 10**8), st.integers(1, 10_000))
def test_discounted_price_never_exceeds_the_list_price_and_matches_percent_of(
    price: int, discount: int
) -> None:
    paid = member_price(price, None, discount)
    assert 0 <= paid <= price
    assert paid == percent_of(price, discount)


# --- upgrades -------------------------------------------------------------------------------


def test_reaching_a_threshold_upgrades_with_the_gift_and_a_reason() -> None:
    decision = evaluate_level(NORMAL, spend(100_000), TYPES)
    assert decision.target is SILVER
    assert decision.change is LevelChange.UPGRADE
    assert decision.gift == UpgradeGift(points=200)
    assert decision.reason == "近 365 天消费 ￥1000.00，达到银卡条件 ￥1000.00，升级为银卡"


def test_a_member_may_skip_a_level_to_the_highest_reached() -> None:
    decision = evaluate_level(NORMAL, spend(600_000), TYPES)
    assert decision.target is GOLD
    assert decision.gift == GOLD.gift


def test_just_below_the_threshold_stays() -> None:
    decision = evaluate_level(NORMAL, spend(99_999), TYPES)
    assert (decision.target, decision.change, decision.gift) == (NORMAL, LevelChange.STAY, None)


def test_a_paid_level_is_never_reached_by_spending() -> None:
    assert evaluate_level(GOLD, spend(10**9), TYPES).target is GOLD


def test_a_paid_level_cannot_have_an_upgrade_rule() -> None:
    with pytest.raises(MemberError, match="付费卡类型不能设置升级条件"):
        CardType("p", "付费", rank=5, fee_fen=100, upgrade=UpgradeRule(Metric.SPEND, 1, 1))


def test_upgrade_by_points_or_top_ups_reads_its_own_metric_and_period() -> None:
    vip = CardType("vip", "VIP", rank=4, upgrade=UpgradeRule(Metric.TOP_UP, 300_000, 90))
    star = CardType("star", "星级", rank=5, upgrade=UpgradeRule(Metric.POINTS, 10_000, 180))
    types = [*TYPES, vip, star]
    assert metric_keys(types) == {(Metric.SPEND, YEAR), (Metric.TOP_UP, 90), (Metric.POINTS, 180)}
    assert evaluate_level(NORMAL, {(Metric.TOP_UP, 90): 300_000}, types).target is vip
    assert evaluate_level(NORMAL, {(Metric.TOP_UP, YEAR): 300_000}, types).target is NORMAL
    star_decision = evaluate_level(NORMAL, {(Metric.POINTS, 180): 10_000}, types)
    assert star_decision.target is star
    assert "积分 10000 分" in star_decision.reason


# --- downgrades -----------------------------------------------------------------------------


def test_downgrade_happens_only_at_period_end() -> None:
    assert evaluate_level(GOLD, spend(0), TYPES).change is LevelChange.STAY
    decision = evaluate_level(GOLD, spend(200_000), TYPES, at_period_end=True)
    assert decision.target is SILVER
    assert decision.change is LevelChange.DOWNGRADE
    assert decision.gift is None
    assert decision.reason == "近 365 天消费 ￥2000.00，未达到金卡保级条件 ￥5000.00，降为银卡"


def test_downgrade_may_go_down_more_than_one_level_to_the_highest_still_met() -> None:
    assert evaluate_level(GOLD, spend(0), TYPES, at_period_end=True).target is NORMAL


def test_level_without_the_downgrade_flag_is_kept_at_period_end() -> None:
    kept = CardType("kept", "终身银卡", rank=1, upgrade=UpgradeRule(Metric.SPEND, 100_000, YEAR))
    assert evaluate_level(kept, spend(0), [NORMAL, kept], at_period_end=True).target is kept


def test_member_who_keeps_the_threshold_stays_at_period_end() -> None:
    decision = evaluate_level(GOLD, spend(500_000), TYPES, at_period_end=True)
    assert (decision.target, decision.change) == (GOLD, LevelChange.STAY)


def test_paid_level_is_not_downgraded_by_metrics_and_expires_after_its_days() -> None:
    assert evaluate_level(PLUS, spend(0), TYPES, at_period_end=True).target is PLUS
    assert PLUS.expires_on(datetime.date(2025, 1, 1)) == datetime.date(2025, 12, 31)
    assert NORMAL.expires_on(datetime.date(2025, 1, 1)) is None


def test_card_types_with_the_same_rank_are_refused() -> None:
    twin = CardType("twin", "双胞胎", rank=1)
    with pytest.raises(ValueError, match="等级不能重复"):
        evaluate_level(NORMAL, spend(0), [*TYPES, twin])


@given(st.integers(0, 10**7), st.sampled_from([NORMAL, SILVER, GOLD]), st.booleans())
def test_a_decision_is_consistent_with_its_change_and_never_lands_on_a_paid_level(
    spent: int, current: CardType, period_end: bool
) -> None:
    decision = evaluate_level(current, spend(spent), TYPES, at_period_end=period_end)
    assert not decision.target.paid
    if decision.change is LevelChange.UPGRADE:
        assert decision.target.rank > current.rank
        assert decision.target.upgrade is not None and decision.target.upgrade.threshold <= spent
    elif decision.change is LevelChange.DOWNGRADE:
        assert period_end and decision.target.rank < current.rank
    else:
        assert decision.target is current
