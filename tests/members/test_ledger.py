"""Stored value (principal and bonus), top-up bonuses, refunds and points, all in integer fen."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import KnownError
from app.members.errors import MemberError
from app.members.ledger import (
    Balance,
    BonusRule,
    EntryKind,
    InsufficientBalance,
    LedgerCorrupt,
    LedgerEntry,
    PrincipalRefund,
    SpendOrder,
    apply,
    best_bonus,
    points_earned,
    points_needed,
    points_to_reverse,
    points_value_fen,
    principal_refund_entry,
    refund_principal,
    reset_entry,
    spend_entry,
    spend_refund_entry,
    split_card_refund,
    split_spend,
    top_up_entry,
)

D = datetime.date
TODAY = D(2025, 11, 23)
RULES = [BonusRule(50_000, 10_000), BonusRule(100_000, 25_000)]  # 充500送100, 充1000送250

fen = st.integers(0, 10_000_000)

# --- bonus rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "bonus"),
    [(49_999, 0), (50_000, 10_000), (99_999, 10_000), (100_000, 25_000), (250_000, 25_000)],
)
def test_top_up_gets_the_bonus_of_the_highest_threshold_reached_without_stacking(
    amount: int, bonus: int
) -> None:
    assert best_bonus(RULES, amount, None, TODAY) == bonus


def test_bonus_rule_outside_its_dates_or_for_another_card_type_does_not_apply() -> None:
    rules = [
        BonusRule(50_000, 10_000),
        BonusRule(50_000, 20_000, valid_from=D(2025, 12, 1), valid_to=D(2025, 12, 31)),
        BonusRule(50_000, 15_000, card_type_id="gold"),
    ]
    assert best_bonus(rules, 50_000, "silver", TODAY) == 10_000
    assert best_bonus(rules, 50_000, "gold", TODAY) == 15_000
    assert best_bonus(rules, 50_000, "silver", D(2025, 12, 31)) == 20_000
    assert best_bonus(rules, 50_000, "silver", D(2026, 1, 1)) == 10_000


def test_bonus_rules_that_make_no_sense_are_refused() -> None:
    with pytest.raises(MemberError, match="充值门槛"):
        BonusRule(0, 100)
    with pytest.raises(MemberError, match="赠送金额"):
        BonusRule(100, -1)
    with pytest.raises(MemberError, match="开始日期"):
        BonusRule(100, 1, valid_from=D(2025, 2, 1), valid_to=D(2025, 1, 1))


def test_bonus_rule_has_a_chinese_label() -> None:
    assert RULES[0].label == "充￥500.00送￥100.00"


@given(st.lists(st.tuples(st.integers(1, 10**6), st.integers(0, 10**6)), max_size=6), fen)
def test_the_bonus_is_always_that_of_one_reached_rule_or_none(
    pairs: list[tuple[int, int]], amount: int
) -> None:
    rules = [BonusRule(threshold, bonus) for threshold, bonus in pairs]
    bonus = best_bonus(rules, amount, None, TODAY)
    reached = [r for r in rules if r.min_top_up_fen <= amount]
    if not reached:
        assert bonus == 0
    else:
        top = max(r.min_top_up_fen for r in reached)
        assert bonus == max(r.bonus_fen for r in reached if r.min_top_up_fen == top)


# --- spending -------------------------------------------------------------------------------


def test_principal_first_takes_principal_then_bonus() -> None:
    assert split_spend(22_000, 20_000, 5_000, SpendOrder.PRINCIPAL_FIRST) == (20_000, 2_000)
    assert split_spend(100, 20_000, 5_000, SpendOrder.PRINCIPAL_FIRST) == (100, 0)


def test_bonus_first_takes_bonus_then_principal() -> None:
    assert split_spend(6_000, 20_000, 5_000, SpendOrder.BONUS_FIRST) == (1_000, 5_000)
    assert split_spend(100, 20_000, 5_000, SpendOrder.BONUS_FIRST) == (0, 100)


def test_proportional_spend_splits_in_the_ratio_of_the_balances() -> None:
    assert split_spend(12_000, 50_000, 10_000, SpendOrder.PROPORTIONAL) == (10_000, 2_000)
    assert split_spend(1, 50_000, 10_000, SpendOrder.PROPORTIONAL) == (1, 0)
    assert split_spend(1, 1, 1, SpendOrder.PROPORTIONAL) == (1, 0)  # a tie goes to principal


def test_spending_more_than_the_card_holds_is_refused_with_the_balance() -> None:
    with pytest.raises(InsufficientBalance, match=r"余额不足：需 ￥300\.00，卡内余额 ￥250\.00"):
        split_spend(30_000, 20_000, 5_000, SpendOrder.PRINCIPAL_FIRST)
    assert issubclass(InsufficientBalance, KnownError)


@given(fen, fen, fen, st.sampled_from(SpendOrder))
def test_a_spend_is_split_exactly_and_never_takes_more_than_a_part_holds(
    amount: int, principal: int, bonus: int, order: SpendOrder
) -> None:
    if amount > principal + bonus:
        with pytest.raises(InsufficientBalance):
            split_spend(amount, principal, bonus, order)
        return
    from_principal, from_bonus = split_spend(amount, principal, bonus, order)
    assert from_principal + from_bonus == amount
    assert 0 <= from_principal <= principal
    assert 0 <= from_bonus <= bonus


@given(fen, fen, st.integers(0, 10_000_000))
def test_a_proportional_spend_is_within_a_fen_of_the_exact_share(
    principal: int, bonus: int, amount: int
) -> None:
    amount = min(amount, principal + bonus)
    from_principal, _ = split_spend(amount, principal, bonus, SpendOrder.PROPORTIONAL)
    if principal + bonus:
        assert abs(from_principal * (principal + bonus) - amount * principal) < principal + bonus


# --- refunds to the card and of principal ---------------------------------------------------


def test_refund_of_a_card_payment_goes_back_to_the_parts_it_came_from() -> None:
    spend = LedgerEntry(EntryKind.SPEND, -8_000, -2_000, "消费")
    assert spend_refund_entry(spend, 5_000) == LedgerEntry(
        EntryKind.SPEND_REFUND, 4_000, 1_000, "退货退回卡内"
    )


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.lists(st.integers(0, 10**6), max_size=5))
def test_partial_card_refunds_add_up_to_exactly_what_the_payment_took(
    taken_principal: int, taken_bonus: int, parts: list[int]
) -> None:
    taken = taken_principal + taken_bonus
    refunds, left = [], taken
    for part in parts:
        refunds.append(min(part, left))
        left -= refunds[-1]
    refunds.append(left)  # the last refund completes it
    back_principal = back_bonus = refunded = 0
    for refund in refunds:
        p, b = split_card_refund(refund, taken_principal, taken_bonus, refunded)
        assert p >= 0 and b >= 0 and p + b == refund
        back_principal += p
        back_bonus += b
        refunded += refund
    assert (back_principal, back_bonus) == (taken_principal, taken_bonus)


def test_refunding_more_than_was_paid_by_card_is_refused() -> None:
    with pytest.raises(MemberError, match="退款超过可退金额"):
        split_card_refund(600, 500, 0, 0)


def test_closing_a_card_pays_back_all_principal_and_forfeits_all_bonus() -> None:
    assert refund_principal(30_000, 6_000) == PrincipalRefund(30_000, 6_000)


def test_partial_principal_refund_forfeits_the_same_share_of_the_bonus() -> None:
    assert refund_principal(100_000, 25_000, 40_000) == PrincipalRefund(40_000, 10_000)
    assert refund_principal(99_999, 25_000, 99_998) == PrincipalRefund(99_998, 25_000)


def test_principal_refund_above_the_principal_is_refused_even_with_bonus_left() -> None:
    with pytest.raises(InsufficientBalance, match="赠送金不可退现"):
        refund_principal(10_000, 5_000, 12_000)


@given(fen, fen, st.integers(0, 10_000_000))
def test_principal_refund_never_forfeits_more_bonus_than_there_is(
    principal: int, bonus: int, requested: int
) -> None:
    requested = min(requested, principal)
    refund = refund_principal(principal, bonus, requested)
    assert refund.cash_fen == requested
    assert 0 <= refund.bonus_forfeited_fen <= bonus
    if requested == principal:
        assert refund.bonus_forfeited_fen == bonus


# --- the ledger -----------------------------------------------------------------------------


def test_balance_is_the_sum_of_the_entries() -> None:
    entries = [
        top_up_entry(100_000, best_bonus(RULES, 100_000, None, TODAY)),
        LedgerEntry(EntryKind.SPEND, -30_000, 0, "消费"),
    ]
    assert apply(entries) == Balance(70_000, 25_000)
    assert apply(entries).total_fen == 95_000


def test_entries_that_drive_a_part_below_zero_are_reported_as_corrupt() -> None:
    with pytest.raises(LedgerCorrupt):
        apply([top_up_entry(100, 0), LedgerEntry(EntryKind.SPEND, 0, -1, "消费")])


def test_reset_takes_both_parts_to_zero_and_needs_a_reason() -> None:
    balance = Balance(1_234, 56)
    assert apply([reset_entry(balance, "会员要求")], start=balance) == Balance(0, 0)
    with pytest.raises(MemberError, match="清零须填写原因"):
        reset_entry(balance, " ")


def test_top_up_of_nothing_is_refused() -> None:
    with pytest.raises(MemberError, match="充值金额必须大于零"):
        top_up_entry(0, 0)


operations = st.lists(
    st.one_of(
        st.tuples(st.just("top_up"), st.integers(1, 200_000)),
        st.tuples(st.just("spend"), st.integers(0, 200_000), st.sampled_from(SpendOrder)),
        st.tuples(st.just("refund_sale"), st.integers(0, 50), st.integers(0, 200_000)),
        st.tuples(st.just("refund_principal"), st.integers(0, 200_000)),
        st.tuples(
            st.just("reset"),
        ),
    ),
    max_size=40,
)


@settings(max_examples=300)
@given(operations)
def test_any_sequence_of_top_ups_spends_and_refunds_keeps_the_balance_the_sum_of_entries(
    ops: list[tuple[object, ...]],
) -> None:
    entries: list[LedgerEntry] = []
    spends: list[tuple[LedgerEntry, int]] = []  # each spend and what was refunded of it
    balance = Balance()
    for op in ops:
        kind = op[0]
        if kind == "top_up":
            amount = int(op[1])  # type: ignore[call-overload]
            entry = top_up_entry(amount, best_bonus(RULES, amount, None, TODAY))
        elif kind == "spend":
            amount, order = int(op[1]), op[2]  # type: ignore[call-overload]
            assert isinstance(order, SpendOrder)
            if amount > balance.total_fen:
                with pytest.raises(InsufficientBalance):
                    spend_entry(balance, amount, order)
                continue
            entry = spend_entry(balance, amount, order)
            spends.append((entry, 0))
        elif kind == "refund_sale":
            if not spends:
                continue
            index = int(op[1]) % len(spends)  # type: ignore[call-overload]
            spend, refunded = spends[index]
            amount = min(int(op[2]), -spend.principal_delta - spend.bonus_delta - refunded)  # type: ignore[call-overload]
            entry = spend_refund_entry(spend, amount, refunded)
            spends[index] = (spend, refunded + amount)
        elif kind == "refund_principal":
            requested = min(int(op[1]), balance.principal_fen)  # type: ignore[call-overload]
            entry, refund = principal_refund_entry(balance, requested)
            assert refund.cash_fen == requested
        else:
            entry = reset_entry(balance, "清零测试")
        entries.append(entry)
        balance = apply([entry], start=balance)
        assert balance.principal_fen >= 0 and balance.bonus_fen >= 0
    assert apply(entries) == balance
    assert balance.principal_fen == sum(e.principal_delta for e in entries)
    assert balance.bonus_fen == sum(e.bonus_delta for e in entries)


# --- points ---------------------------------------------------------------------------------


def test_points_are_earned_on_the_amount_paid_rounded_down() -> None:
    assert points_earned(1_299, 1) == 12
    assert points_earned(1_299, 2) == 25
    assert points_earned(1_299, (1, 2)) == 6  # one point per two yuan
    assert points_earned(99, 1) == 0


def test_points_pay_at_their_value_rounded_down_and_cost_rounded_up() -> None:
    assert points_value_fen(1_005, (1, 10)) == 100  # 100 points = 1 yuan
    assert points_value_fen(150, 1) == 150
    assert points_needed(100, (1, 10)) == 1_000
    assert points_needed(101, (1, 10)) == 1_010
    with pytest.raises(MemberError, match="积分不可抵现"):
        points_needed(100, 0)


@given(st.integers(0, 10**7), st.integers(1, 100), st.integers(1, 100))
def test_points_needed_are_the_fewest_worth_the_amount(amount: int, num: int, den: int) -> None:
    needed = points_needed(amount, (num, den))
    assert points_value_fen(needed, (num, den)) >= amount
    assert needed == 0 or points_value_fen(needed - 1, (num, den)) < amount


def test_refund_takes_back_the_points_of_the_refunded_share() -> None:
    # a sale of ¥100 earned 100 points; a line of ¥30 is refunded, then the rest
    assert points_to_reverse(100, 10_000, 0, 3_000) == 30
    assert points_to_reverse(100, 10_000, 3_000, 7_000) == 70


@given(
    st.integers(0, 10**5),
    st.integers(1, 10**7),
    st.lists(st.integers(0, 10**7), max_size=6),
)
def test_partial_refunds_never_take_back_more_and_a_full_refund_takes_back_exactly_all_points(
    points: int, net: int, parts: list[int]
) -> None:
    refunded = taken_back = 0
    for part in [*parts, net]:
        refund = min(part, net - refunded)
        reversed_points = points_to_reverse(points, net, refunded, refund)
        assert reversed_points >= 0
        refunded += refund
        taken_back += reversed_points
        assert taken_back <= points * refunded // net
    assert refunded == net
    assert taken_back == points


def test_refunding_more_than_the_sale_takes_back_no_points_and_is_refused() -> None:
    with pytest.raises(MemberError, match="退款超过可退金额"):
        points_to_reverse(100, 10_000, 5_000, 6_000)
