"""Coupons checked against a cart: what each kind takes off, never more than the goods are worth."""

from __future__ import annotations

import datetime as dt

from app.members.coupons import (
    CartLineFacts,
    CouponKind,
    CouponStatus,
    CouponTerms,
    CouponView,
    evaluate_coupon,
)
from app.members.errors import CouponRefused

DAY = dt.date(2026, 11, 23)


def _coupon(terms: CouponTerms) -> CouponView:
    return CouponView(
        id="c1",
        code="123456789012",
        member_id="m1",
        template_id="t1",
        name="券",
        terms=terms,
        status=CouponStatus.ISSUED,
        valid_from=DAY,
        valid_to=DAY + dt.timedelta(days=30),
        used_order_id=None,
        discount_fen=0,
    )


def test_a_free_item_coupon_on_weighed_goods_gives_no_more_than_what_was_weighed() -> None:
    free_apple = _coupon(CouponTerms(CouponKind.FREE_ITEM, product_id="apple"))
    lines = [
        CartLineFacts("apple", unit_price_fen=3000, qty_milli=200, net_fen=600),  # 0.2 kg
        CartLineFacts("other", unit_price_fen=6000, qty_milli=1000, net_fen=6000),
    ]
    check = evaluate_coupon(free_apple, lines, on=DAY, member_id="m1")
    assert check.ok
    assert check.discount_fen == 600


def test_a_free_item_coupon_gives_one_unit_at_what_the_line_is_sold_for() -> None:
    free_cola = _coupon(CouponTerms(CouponKind.FREE_ITEM, product_id="cola"))
    lines = [CartLineFacts("cola", unit_price_fen=350, qty_milli=3000, net_fen=900)]
    assert evaluate_coupon(free_cola, lines, on=DAY, member_id="m1").discount_fen == 350
    discounted = [CartLineFacts("cola", unit_price_fen=350, qty_milli=1000, net_fen=300)]
    assert evaluate_coupon(free_cola, discounted, on=DAY, member_id="m1").discount_fen == 300


def test_a_coupon_of_another_member_is_refused() -> None:
    coupon = _coupon(CouponTerms(CouponKind.AMOUNT_OFF, amount_off_fen=100))
    lines = [CartLineFacts("cola", unit_price_fen=350, qty_milli=1000, net_fen=350)]
    check = evaluate_coupon(coupon, lines, on=DAY, member_id="someone else")
    assert not check.ok and str(check.refusal) == "该优惠券不属于当前会员"
    assert isinstance(check.refusal, CouponRefused)
