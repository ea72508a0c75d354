"""Tenders: change only from cash, split payments, and refusals in plain words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.pos.tenders import Tender, TenderError, TenderMethod, settle


def test_cash_gives_change() -> None:
    result = settle(1150, [Tender(TenderMethod.CASH, 2000)])
    assert result.change_fen == 850
    assert result.applied[0].applied_fen == 1150
    assert result.applied[0].tendered_fen == 2000


def test_split_wechat_and_cash_takes_change_from_cash_only() -> None:
    result = settle(
        3000, [Tender(TenderMethod.WECHAT, 1000, "wx123"), Tender(TenderMethod.CASH, 5000)]
    )
    assert result.change_fen == 3000
    assert [a.applied_fen for a in result.applied] == [1000, 2000]
    assert result.applied[0].reference == "wx123"


def test_a_tender_short_of_the_total_is_refused_with_what_is_missing() -> None:
    with pytest.raises(TenderError, match=r"还差 ￥0\.50"):
        settle(1050, [Tender(TenderMethod.CASH, 1000)])


def test_non_cash_over_the_total_is_refused() -> None:
    with pytest.raises(TenderError, match="超过应收"):
        settle(1000, [Tender(TenderMethod.BANK_CARD, 1200)])


def test_on_account_needs_a_customer_name() -> None:
    with pytest.raises(TenderError, match="客户姓名"):
        settle(1000, [Tender(TenderMethod.ON_ACCOUNT, 1000)])
    result = settle(1000, [Tender(TenderMethod.ON_ACCOUNT, 1000, customer_name=" 陈先生 ")])
    assert result.applied[0].customer_name == "陈先生"


@pytest.mark.parametrize("amount", [0, -100])
def test_zero_or_negative_tenders_are_refused(amount: int) -> None:
    with pytest.raises(TenderError, match="大于零"):
        settle(100, [Tender(TenderMethod.CASH, amount)])


@given(
    st.integers(min_value=0, max_value=10**7),
    st.lists(
        st.tuples(st.sampled_from(list(TenderMethod)), st.integers(min_value=1, max_value=10**7)),
        min_size=1,
        max_size=5,
    ),
)
def test_applied_tenders_always_sum_to_the_total_when_accepted(
    total: int, raw: list[tuple[TenderMethod, int]]
) -> None:
    tenders = [Tender(method, amount, customer_name="客") for method, amount in raw]
    try:
        result = settle(total, tenders)
    except TenderError:
        return
    assert sum(a.applied_fen for a in result.applied) == total
    assert result.change_fen == sum(t.amount_fen for t in tenders) - total
    assert all(a.applied_fen >= 0 for a in result.applied)
