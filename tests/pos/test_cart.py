"""The cart's arithmetic: lines, discounts, overrides, rounding; exact to the fen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.money import Rounding
from app.pos.cart import (
    Cart,
    CartError,
    CartProduct,
    Discount,
    DiscountKind,
    parse_discount,
    parse_quantity,
    qty_text,
)
from app.pos.staff import Approval, Sensitive, StaffView

COLA = CartProduct(id="p-cola", code="C1", name="可口可乐 330ml", unit="瓶", price_fen=350)
CHIPS = CartProduct(id="p-chips", code="C2", name="乐事薯片", unit="袋", price_fen=799)
APPLE = CartProduct(
    id="p-apple", code="00001", name="红富士苹果", unit="kg", price_fen=1280, by_weight=True
)


def test_a_repeat_scan_adds_one_to_the_same_line() -> None:
    cart = Cart()
    cart.add(COLA)
    index = cart.add(COLA)
    assert index == 0
    assert len(cart.lines) == 1
    assert cart.lines[0].qty_milli == 2000
    assert cart.totals().total_fen == 700


def test_weighed_goods_are_priced_by_the_kilogram_rounded_half_up() -> None:
    cart = Cart()
    cart.add(APPLE, qty_milli=355)  # 0.355 kg x 12.80 = 4.544
    assert cart.totals().total_fen == 454


def test_a_price_label_fixes_the_amount_and_its_quantity_cannot_change() -> None:
    cart = Cart()
    cart.add(APPLE, fixed_amount_fen=987)
    assert cart.totals().total_fen == 987
    with pytest.raises(CartError, match="称重"):
        cart.set_quantity(0, 2000)


@pytest.mark.parametrize("qty", [0, -1000])
def test_quantity_zero_or_negative_is_refused(qty: int) -> None:
    cart = Cart()
    cart.add(COLA)
    with pytest.raises(CartError, match="大于零"):
        cart.set_quantity(0, qty)
    assert cart.lines[0].qty_milli == 1000


def test_quantity_above_the_limit_is_refused() -> None:
    cart = Cart(max_quantity=99)
    cart.add(COLA)
    with pytest.raises(CartError, match="过大"):
        cart.set_quantity(0, 100_000)


def test_fractional_quantity_of_counted_goods_is_refused() -> None:
    cart = Cart()
    cart.add(COLA)
    with pytest.raises(CartError, match="整数"):
        cart.set_quantity(0, 1500)


def test_line_discount_percent_and_amount() -> None:
    cart = Cart()
    cart.add(CHIPS)
    cart.set_quantity(0, 3000)  # 23.97
    cart.set_line_discount(0, Discount(DiscountKind.PERCENT, 1000))  # 10 % off: 2.397 -> 2.40
    totals = cart.totals()
    assert totals.line_discount_fen == 240
    assert totals.total_fen == 2157
    cart.set_line_discount(0, Discount(DiscountKind.AMOUNT, 500))
    assert cart.totals().total_fen == 1897


def test_an_amount_discount_never_makes_a_line_negative() -> None:
    cart = Cart()
    cart.add(COLA)
    cart.set_line_discount(0, Discount(DiscountKind.AMOUNT, 10_000))
    assert cart.totals().total_fen == 0


def test_order_discount_is_shared_over_lines_to_the_fen() -> None:
    cart = Cart()
    cart.add(COLA)
    cart.add(CHIPS)
    cart.set_order_discount(Discount(DiscountKind.AMOUNT, 100))
    totals = cart.totals()
    assert totals.total_fen == 350 + 799 - 100
    assert sum(line.order_share_fen for line in totals.lines) == 100
    assert sum(line.net_fen for line in totals.lines) == totals.total_fen


def test_rounding_drops_the_fen_and_is_carried_by_the_lines() -> None:
    cart = Cart(rounding=Rounding.DROP_JIAO)
    cart.add(COLA)
    cart.add(CHIPS)  # 11.49 -> 11.00
    totals = cart.totals()
    assert totals.total_fen == 1100
    assert totals.rounding_fen == 49
    assert sum(line.net_fen for line in totals.lines) == 1100


def test_price_override_records_who_approved_it(
    approval: Callable[..., Approval], manager: StaffView
) -> None:
    cart = Cart()
    cart.add(COLA)
    cart.override_price(0, 300, approval(Sensitive.PRICE_OVERRIDE))
    assert cart.totals().total_fen == 300
    assert cart.lines[0].price_override_approver_id == manager.id


def test_discount_above_the_cashiers_limit_is_detected() -> None:
    cart = Cart()
    cart.add(CHIPS)
    assert cart.discount_exceeds(10, 0, Discount(DiscountKind.PERCENT, 2000))
    assert not cart.discount_exceeds(10, 0, Discount(DiscountKind.PERCENT, 1000))
    assert cart.discount_exceeds(10, None, Discount(DiscountKind.AMOUNT, 100))


@pytest.mark.parametrize(
    ("text", "kind", "value", "label"),
    [
        ("10%", DiscountKind.PERCENT, 1000, "9折"),
        ("9折", DiscountKind.PERCENT, 1000, "9折"),
        ("8.5折", DiscountKind.PERCENT, 1500, "8.5折"),
        ("5", DiscountKind.AMOUNT, 500, "减5.00"),
        ("2.50", DiscountKind.AMOUNT, 250, "减2.50"),
    ],
)
def test_parse_discount_understands_percent_folds_and_amounts(
    text: str, kind: DiscountKind, value: int, label: str
) -> None:
    discount = parse_discount(text)
    assert (discount.kind, discount.value, discount.label) == (kind, value, label)


@pytest.mark.parametrize("text", ["", "abc", "120%", "0折", "2.555"])
def test_parse_discount_refuses_nonsense(text: str) -> None:
    with pytest.raises(CartError):
        parse_discount(text)


def test_parse_quantity_allows_decimals_only_for_weighed_goods() -> None:
    assert parse_quantity("3", by_weight=False) == 3000
    assert parse_quantity("0.355", by_weight=True) == 355
    with pytest.raises(CartError):
        parse_quantity("1.5", by_weight=False)
    with pytest.raises(CartError):
        parse_quantity("-2", by_weight=False)


def test_quantities_read_without_trailing_zeros() -> None:
    assert qty_text(2000) == "2"
    assert qty_text(355) == "0.355"
    assert qty_text(1500) == "1.5"
    assert qty_text(-1000) == "-1"
    assert qty_text(-1500) == "-1.5"  # a refunded line: the sign goes before the whole part
    assert qty_text(-355) == "-0.355"
    assert qty_text(0) == "0"


#: What the quantity field accepts: up to seven whole digits and three decimals.
typed_quantities = st.integers(min_value=0, max_value=9_999_999_999)


@given(typed_quantities)
def test_a_weighed_quantity_reads_back_as_itself(qty_milli: int) -> None:
    text = qty_text(qty_milli)
    assert parse_quantity(text, by_weight=True) == qty_milli
    assert not text.endswith(".") and not ("." in text and text.endswith("0"))


@given(st.integers(min_value=0, max_value=9_999_999))
def test_a_counted_quantity_reads_back_as_a_whole_number(units: int) -> None:
    text = qty_text(units * 1000)
    assert text == str(units)
    assert parse_quantity(text, by_weight=False) == units * 1000


@given(st.integers(min_value=1, max_value=9_999_999_999))
def test_a_negative_quantity_reads_as_its_size_with_a_minus_and_is_never_typed_in(
    qty_milli: int,
) -> None:
    text = qty_text(-qty_milli)
    assert text == "-" + qty_text(qty_milli)
    with pytest.raises(CartError):
        parse_quantity(text, by_weight=True)


def test_a_parked_snapshot_gives_back_an_equal_cart() -> None:
    cart = Cart(rounding=Rounding.DROP_FEN)
    cart.add(COLA)
    cart.add(APPLE, qty_milli=1234)
    cart.set_line_discount(1, Discount(DiscountKind.PERCENT, 500))
    cart.set_order_discount(Discount(DiscountKind.AMOUNT, 50), approver_id="m")
    again = Cart.from_snapshot(cart.to_snapshot())
    assert again.totals() == cart.totals()
    assert [line.line_id for line in again.lines] == [line.line_id for line in cart.lines]


line_strategy = st.tuples(
    st.integers(min_value=0, max_value=100_000),  # price
    st.integers(min_value=1, max_value=50),  # units
    st.one_of(st.none(), st.integers(min_value=1, max_value=10_000)),  # percent off (bp)
)


@given(
    st.lists(line_strategy, min_size=1, max_size=20),
    st.one_of(st.none(), st.integers(min_value=1, max_value=10**6)),
    st.sampled_from(list(Rounding)),
)
def test_totals_always_add_up_to_the_fen(
    lines: list[tuple[int, int, int | None]], order_off: int | None, rounding: Rounding
) -> None:
    cart = Cart(rounding=rounding)
    for number, (price, units, percent) in enumerate(lines):
        product = CartProduct(
            id=f"p{number}", code=f"c{number}", name="货", unit="个", price_fen=price
        )
        index = cart.add(product, qty_milli=units * 1000)
        if percent is not None and price:
            cart.set_line_discount(index, Discount(DiscountKind.PERCENT, percent))
    if order_off:
        cart.set_order_discount(Discount(DiscountKind.AMOUNT, order_off))
    totals = cart.totals()
    assert totals.subtotal_fen - totals.discount_fen - totals.rounding_fen == totals.total_fen
    assert sum(line.net_fen for line in totals.lines) == totals.total_fen
    assert totals.total_fen >= 0
    assert all(line.gross_fen >= line.line_discount_fen >= 0 for line in totals.lines)
