"""Money parsing, formatting and rounding: the fen must never drift."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.money import (
    MAX_AMOUNT_FEN,
    MoneyError,
    Rounding,
    allocate,
    div_round_half_up,
    format_fen,
    format_yuan,
    parse_amount,
    percent_of,
)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("￥12.50", 1250),
        ("¥ 12.50", 1250),
        ("12.50元", 1250),
        ("0.01", 1),
        (".5", 50),
        ("1,234.56", 123456),
        (" 7 ", 700),
    ],
)
def test_parse_amount_reads_what_a_cashier_types(text: str, fen: int) -> None:
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12.505", "两位小数"),
        ("-3", "负数"),
        ("", "请输入金额"),
        ("abc", "无法识别"),
        ("1e5", "无法识别"),
        ("99999999999999", "过大"),
        ("12.3.4", "无法识别"),
    ],
)
def test_parse_amount_refuses_unclear_amounts_with_a_plain_reason(text: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_amount(text)


def test_parse_amount_refuses_zero_when_asked() -> None:
    with pytest.raises(MoneyError, match="大于零"):
        parse_amount("0.00", allow_zero=False)


def test_parse_amount_refuses_more_than_the_cap() -> None:
    with pytest.raises(MoneyError, match="过大"):
        parse_amount("100.01", max_fen=10000)


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_FEN))
def test_formatting_then_parsing_gives_back_the_same_fen(fen: int) -> None:
    assert parse_amount(format_fen(fen)) == fen
    assert parse_amount(format_yuan(fen)) == fen


def test_format_yuan_uses_the_full_width_sign_and_two_decimals() -> None:
    assert format_yuan(1250) == "￥12.50"
    assert format_yuan(5) == "￥0.05"
    assert format_yuan(-5) == "-￥0.05"


@pytest.mark.parametrize(
    ("mode", "amount", "due"),
    [
        (Rounding.NONE, 1234, 1234),
        (Rounding.DROP_FEN, 1234, 1230),
        (Rounding.DROP_JIAO, 1234, 1200),
        (Rounding.ROUND_JIAO, 1234, 1230),
        (Rounding.ROUND_JIAO, 1235, 1240),
        (Rounding.DROP_JIAO, 99, 0),
    ],
)
def test_rounding_modes_of_the_amount_due(mode: Rounding, amount: int, due: int) -> None:
    assert mode.apply(amount) == due


@given(st.sampled_from(list(Rounding)), st.integers(min_value=0, max_value=10**9))
def test_rounding_never_moves_more_than_its_unit(mode: Rounding, amount: int) -> None:
    due = mode.apply(amount)
    limit = 100 if mode is Rounding.DROP_JIAO else 10
    assert abs(amount - due) < limit
    if mode in (Rounding.DROP_FEN, Rounding.DROP_JIAO):
        assert due <= amount


def test_div_round_half_up_rounds_halves_away_from_zero() -> None:
    assert div_round_half_up(5, 10) == 1
    assert div_round_half_up(4, 10) == 0
    assert div_round_half_up(-5, 10) == -1
    assert percent_of(1995, 1000) == 200  # 10 % of 19.95 is 1.995 -> 2.00


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=30),
)
def test_allocate_splits_exactly_and_in_proportion(total: int, weights: list[int]) -> None:
    shares = allocate(total, weights)
    assert sum(shares) == total
    weight_sum = sum(weights)
    if weight_sum:
        for share, weight in zip(shares, weights, strict=True):
            exact = total * weight / weight_sum
            assert abs(share - exact) < 1
