"""The pricing pass, cart by cart: known totals for every promotion kind and stacking rule, and
the promise that lines add up to the total and never go negative."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.members.calendar import MemberDate
from app.members.coupons import CouponKind, CouponStatus, CouponTerms, CouponView
from app.money import Rounding
from app.pos.discounts import Discount, DiscountKind
from app.pos.pricing import (
    Buyer,
    GiftProduct,
    PricingLine,
    PricingRequest,
    PromotionBook,
    Totals,
    price_cart,
)
from app.pos.promotion_rules import Audience, BirthdayWindow, Promotion, PromotionKind

AT = dt.datetime(2026, 12, 2, 10, 0)  # a Wednesday; lunar 十月廿四
PRODUCTS = {  # id: (category, price, cost)
    "a": ("c1", 1000, 500),
    "b": ("c1", 500, 200),
    "c": ("c2", 2000, None),
}
GIFTS = {
    "g": GiftProduct("g", "G01", "赠品油", "瓶", 800, 5000),
    "h": GiftProduct("h", "H01", "赠品水", "瓶", 300, 5000),
    "empty": GiftProduct("empty", "E01", "没货", "瓶", 300, 0),
}
MEMBER = Buyer("m1", "gold", MemberDate("solar", None, 12, 1))


def rule(kind: PromotionKind, **terms: Any) -> Promotion:
    rule_id = terms.pop("id", f"{kind.value}-{len(terms)}")
    base: dict[str, Any] = {"all_products": True, "starts_on": dt.date(2026, 1, 1)}
    base["ends_on"] = dt.date(2026, 12, 31)
    base.update(terms)
    return Promotion(rule_id, kind.value, kind, **base)


def price(
    items: list[tuple[str, int]],
    rules: list[Promotion] = (),  # type: ignore[assignment]
    *,
    buyer: Buyer | None = None,
    blacklist: frozenset[str] = frozenset(),
    promotable: bool = True,
    discount: Discount | None = None,
    **extra: Any,
) -> Totals:
    lines = [
        PricingLine(
            pid,
            PRODUCTS[pid][0],
            PRODUCTS[pid][1],
            qty * 1000,
            PRODUCTS[pid][1] * qty,
            PRODUCTS[pid][2],
            discount,
            promotable,
        )
        for pid, qty in items
    ]
    book = PromotionBook(tuple(rules), GIFTS, blacklist)
    request = PricingRequest(
        lines,
        [f"l{i}" for i in range(len(lines))],
        sum(q for _, q in items),
        extra.pop("at", AT),
        book,
        buyer,
        **extra,
    )
    return price_cart(request)


def coupon(amount_fen: int) -> CouponView:
    terms = CouponTerms(CouponKind.AMOUNT_OFF, amount_off_fen=amount_fen)
    day = AT.date()
    return CouponView("k1", "C1", "m1", "t1", "券", terms, CouponStatus.ISSUED, day, day, None, 0)


K = PromotionKind
P10 = rule(K.PERCENT_OFF, id="p10", percent_bp=1000)
P10S = rule(K.PERCENT_OFF, id="p10s", percent_bp=1000, stacks=True)
A100S = rule(K.AMOUNT_OFF, id="a100s", amount_fen=100, stacks=True)
OFF = rule(K.SPEND_OFF, id="off", threshold_fen=1000, amount_fen=100)
OFF_S = rule(K.SPEND_OFF, id="offs", threshold_fen=1000, amount_fen=100, stacks=True)
GIFT_S = rule(K.SPEND_GIFT, id="gift", threshold_fen=2000, gift_product_ids=("g",), stacks=True)
WED = rule(
    K.MEMBER_DAY, id="wed", audience=Audience.MEMBERS, weekdays=frozenset({3}), percent_bp=500
)
STAFF = rule(K.STAFF_COUPON, id="staff", amount_fen=500, threshold_fen=1000, daily_limit=3)

CASES: list[tuple[str, list[tuple[str, int]], list[Promotion], dict[str, Any], int]] = [
    ("no promotion", [("a", 1)], [], {}, 1000),
    ("percent off a line", [("a", 2)], [P10], {}, 1800),
    ("amount off each unit", [("a", 3)], [rule(K.AMOUNT_OFF, amount_fen=100)], {}, 2700),
    ("special price", [("a", 2)], [rule(K.SPECIAL_PRICE, price_fen=800)], {}, 1600),
    (
        "special price above the price",
        [("a", 1)],
        [rule(K.SPECIAL_PRICE, price_fen=1200)],
        {},
        1000,
    ),
    ("3 for 25", [("a", 3)], [rule(K.MULTI_BUY, bundle_qty=3, price_fen=2500)], {}, 2500),
    ("3 for 25, one more", [("a", 4)], [rule(K.MULTI_BUY, bundle_qty=3, price_fen=2500)], {}, 3500),
    ("second half price", [("b", 2)], [rule(K.MULTI_BUY, bundle_qty=2, nth_paid_bp=5000)], {}, 750),
    (
        "second half price, 3",
        [("b", 3)],
        [rule(K.MULTI_BUY, bundle_qty=2, nth_paid_bp=5000)],
        {},
        1250,
    ),
    ("满减 reached", [("a", 1)], [OFF], {}, 900),
    ("满减 not reached", [("b", 1)], [OFF], {}, 500),
    (
        "满减 repeating with a cap",
        [("c", 2)],
        [rule(K.SPEND_OFF, threshold_fen=1000, amount_fen=100, repeat=True, cap_fen=250)],
        {},
        3750,
    ),
    (
        "满减 repeating under the cap",
        [("a", 2)],
        [rule(K.SPEND_OFF, threshold_fen=1000, amount_fen=100, repeat=True, cap_fen=250)],
        {},
        1800,
    ),
    ("满赠 reached: the total is unchanged", [("c", 1)], [GIFT_S], {}, 2000),
    ("member day for a member", [("a", 1)], [WED], {"buyer": MEMBER}, 950),
    ("member day not for a walk-in", [("a", 1)], [WED], {}, 1000),
    (
        "member day on another weekday",
        [("a", 1)],
        [dataclasses.replace(WED, weekdays=frozenset({4}))],
        {"buyer": MEMBER},
        1000,
    ),
    (
        "birthday month in the lunar calendar",
        [("a", 1)],
        [
            rule(
                K.BIRTHDAY,
                audience=Audience.MEMBERS,
                birthday_window=BirthdayWindow.MONTH,
                percent_bp=1000,
            )
        ],
        {"buyer": dataclasses.replace(MEMBER, birthday=MemberDate("lunar", None, 10, 1))},
        900,
    ),
    (
        "birthday day window missed by a day",
        [("a", 1)],
        [rule(K.BIRTHDAY, audience=Audience.MEMBERS, percent_bp=1000)],
        {"buyer": MEMBER},
        1000,
    ),
    (
        "birthday already used this year",
        [("a", 1)],
        [
            rule(
                K.BIRTHDAY,
                id="bd",
                audience=Audience.MEMBERS,
                birthday_window=BirthdayWindow.WEEK,
                percent_bp=1000,
            )
        ],
        {"buyer": dataclasses.replace(MEMBER, birthday_used=frozenset({"bd"}))},
        1000,
    ),
    ("staff coupon", [("a", 2)], [STAFF], {"staff_coupon_id": "staff"}, 1500),
    (
        "non-stacking staff coupon beside a promotion",
        [("a", 2)],
        [STAFF, P10S],
        {"staff_coupon_id": "staff"},
        1800,
    ),
    ("floor at cost", [("a", 1)], [rule(K.PERCENT_OFF, percent_bp=6000)], {}, 500),
    (
        "below cost approved",
        [("a", 1)],
        [rule(K.PERCENT_OFF, percent_bp=6000, below_cost_approved=True)],
        {},
        400,
    ),
    (
        "card type that matches",
        [("a", 1)],
        [
            rule(
                K.PERCENT_OFF,
                percent_bp=1000,
                audience=Audience.CARD_TYPES,
                card_type_ids=frozenset({"gold"}),
            )
        ],
        {"buyer": MEMBER},
        900,
    ),
    (
        "card type that does not",
        [("a", 1)],
        [
            rule(
                K.PERCENT_OFF,
                percent_bp=1000,
                audience=Audience.CARD_TYPES,
                card_type_ids=frozenset({"x"}),
            )
        ],
        {"buyer": MEMBER},
        1000,
    ),
    (
        "blacklisted member",
        [("a", 1)],
        [P10],
        {"buyer": MEMBER, "blacklist": frozenset({"m1"})},
        1000,
    ),
    (
        "per-member limit used up",
        [("a", 1)],
        [rule(K.PERCENT_OFF, id="lim", percent_bp=1000, per_member_limit=1)],
        {"buyer": dataclasses.replace(MEMBER, uses={"lim": 1})},
        1000,
    ),
    (
        "limited promotion and a walk-in",
        [("a", 1)],
        [rule(K.PERCENT_OFF, percent_bp=1000, per_member_limit=1)],
        {},
        1000,
    ),
    (
        "outside its hours",
        [("a", 1)],
        [rule(K.PERCENT_OFF, percent_bp=1000, from_minute=14 * 60)],
        {},
        1000,
    ),
    (
        "an excluded product",
        [("a", 1), ("b", 1)],
        [rule(K.PERCENT_OFF, percent_bp=1000, excluded_product_ids=frozenset({"b"}))],
        {},
        1400,
    ),
    (
        "a category",
        [("a", 1), ("c", 1)],
        [rule(K.PERCENT_OFF, percent_bp=1000, all_products=False, category_ids=frozenset({"c2"}))],
        {},
        2800,
    ),
    ("two stacking line promotions in order", [("a", 1)], [P10S, A100S], {}, 810),
    (
        "the best non-stacking beats the stacking ones",
        [("a", 1)],
        [P10S, A100S, rule(K.PERCENT_OFF, percent_bp=3000)],
        {},
        700,
    ),
    ("a non-stacking line promotion keeps its line from 满减", [("a", 2)], [P10, OFF_S], {}, 1800),
    ("stacking line promotion and stacking 满减", [("a", 2)], [P10S, OFF_S], {}, 1700),
    ("non-stacking 满减 counts untouched lines only", [("a", 2), ("b", 2)], [P10S, OFF], {}, 2700),
    (
        "the better of two non-stacking 满减",
        [("c", 1)],
        [OFF, rule(K.SPEND_OFF, id="off2", threshold_fen=1000, amount_fen=150)],
        {},
        1850,
    ),
    ("stacking 满减 and 满赠 together", [("c", 1)], [OFF_S, GIFT_S], {}, 1900),
    ("member coupon", [("a", 1)], [], {"buyer": MEMBER, "coupon": coupon(300)}, 700),
    (
        "coupon with every line held by a non-stacking promotion",
        [("a", 1)],
        [P10],
        {"buyer": MEMBER, "coupon": coupon(300)},
        900,
    ),
    (
        "order discount and 抹角 after 满减",
        [("a", 1), ("b", 1)],
        [OFF],
        {"order_discount": Discount(DiscountKind.PERCENT, 1000), "rounding": Rounding.DROP_JIAO},
        1200,
    ),
    (
        "rounding up to the jiao",
        [("a", 1)],
        [rule(K.SPECIAL_PRICE, price_fen=845)],
        {"rounding": Rounding.ROUND_JIAO},
        850,
    ),
    (
        "cashier line discount after the promotion",
        [("a", 1)],
        [P10],
        {"discount": Discount(DiscountKind.AMOUNT, 100)},
        800,
    ),
    ("a manager's price override is final", [("a", 1)], [P10], {"promotable": False}, 1000),
    (
        "before its first day",
        [("a", 1)],
        [dataclasses.replace(P10, starts_on=dt.date(2026, 12, 3))],
        {},
        1000,
    ),
    ("retired", [("a", 1)], [dataclasses.replace(P10, retired=True)], {}, 1000),
]


@pytest.mark.parametrize(
    ("items", "rules", "extra", "total"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_cart_prices_to_its_known_total(
    items: list[tuple[str, int]], rules: list[Promotion], extra: dict[str, Any], total: int
) -> None:
    totals = price(items, rules, **extra)
    assert totals.total_fen == total
    assert sum(line.net_fen for line in totals.lines) == total
    assert all(line.net_fen >= 0 for line in totals.lines)


def test_there_are_at_least_forty_carts() -> None:
    assert len(CASES) >= 40


def test_spend_gift_adds_the_gift_and_counts_its_value_as_saved() -> None:
    totals = price([("c", 1)], [GIFT_S])
    assert [g.product.id for g in totals.gifts] == ["g"]
    assert totals.saved_fen == 800
    assert totals.lines[0].promotion_ids == ("gift",)


def test_a_gift_out_of_stock_is_said_and_the_next_choice_given() -> None:
    out = dataclasses.replace(GIFT_S, gift_product_ids=("empty",))
    totals = price([("c", 1)], [out])
    assert totals.gifts == ()
    assert "库存不足" in str(totals.notices[0])
    choice = dataclasses.replace(GIFT_S, gift_product_ids=("empty", "h"))
    assert [g.product.id for g in price([("c", 1)], [choice]).gifts] == ["h"]


def test_the_cashier_chooses_among_gifts() -> None:
    choice = dataclasses.replace(GIFT_S, gift_product_ids=("g", "h"))
    totals = price([("c", 1)], [choice], gift_choices={"gift": "h"})
    assert [g.product.id for g in totals.gifts] == ["h"]


def test_birthday_week_gives_its_gift_and_member_day_its_points() -> None:
    birthday = rule(
        K.BIRTHDAY,
        audience=Audience.MEMBERS,
        birthday_window=BirthdayWindow.WEEK,
        gift_product_ids=("h",),
        points_multiplier=3,
    )
    points = rule(
        K.MEMBER_DAY, audience=Audience.MEMBERS, days_of_month=frozenset({2}), points_multiplier=2
    )
    totals = price([("a", 1)], [birthday, points], buyer=MEMBER)
    assert [g.product.id for g in totals.gifts] == ["h"]
    assert totals.points_multiplier == 3
    assert totals.total_fen == 1000


def test_a_promotion_ending_mid_sale_still_holds_and_is_said() -> None:
    ends = dataclasses.replace(P10, ends_on=AT.date())
    totals = price([("a", 1)], [ends], now=AT + dt.timedelta(days=1))
    assert totals.total_fen == 900
    assert "已结束" in str(totals.notices[0])


def test_the_floor_at_cost_is_said() -> None:
    totals = price([("a", 1)], [rule(K.PERCENT_OFF, percent_bp=6000)])
    assert "成本价" in str(totals.notices[0])


# -- the promise, for any cart ------------------------------------------------------------------

_RULES = st.one_of(
    st.builds(
        lambda bp, s: rule(K.PERCENT_OFF, percent_bp=bp, stacks=s),
        st.integers(1, 10_000),
        st.booleans(),
    ),
    st.builds(
        lambda f, s: rule(K.AMOUNT_OFF, amount_fen=f, stacks=s), st.integers(1, 5000), st.booleans()
    ),
    st.builds(
        lambda f, s: rule(K.SPECIAL_PRICE, price_fen=f, stacks=s),
        st.integers(1, 5000),
        st.booleans(),
    ),
    st.builds(
        lambda n, f, s: rule(K.MULTI_BUY, bundle_qty=n, price_fen=f, stacks=s),
        st.integers(2, 5),
        st.integers(1, 5000),
        st.booleans(),
    ),
    st.builds(
        lambda t, a, r, s: rule(
            K.SPEND_OFF, threshold_fen=t, amount_fen=min(a, t), repeat=r, stacks=s
        ),
        st.integers(1, 10_000),
        st.integers(1, 10_000),
        st.booleans(),
        st.booleans(),
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    prices=st.lists(
        st.tuples(st.integers(0, 100_000), st.integers(1, 20), st.integers(0, 50_000)),
        min_size=1,
        max_size=12,
    ),
    rules=st.lists(_RULES, max_size=6),
    order_bp=st.integers(0, 10_000),
    rounding=st.sampled_from(list(Rounding)),
    coupon_fen=st.integers(0, 50_000),
)
def test_lines_add_up_to_the_total_and_never_go_negative(
    prices: list[tuple[int, int, int]],
    rules: list[Promotion],
    order_bp: int,
    rounding: Rounding,
    coupon_fen: int,
) -> None:
    rules = [dataclasses.replace(r, id=f"r{i}") for i, r in enumerate(rules)]
    lines = [
        PricingLine(f"p{i}", None, unit, qty * 1000, unit * qty, cost)
        for i, (unit, qty, cost) in enumerate(prices)
    ]
    totals = price_cart(
        PricingRequest(
            lines,
            [f"l{i}" for i in range(len(lines))],
            len(lines),
            AT,
            PromotionBook(tuple(rules), GIFTS),
            MEMBER,
            coupon=coupon(coupon_fen) if coupon_fen else None,
            order_discount=Discount(DiscountKind.PERCENT, order_bp) if order_bp else None,
            rounding=rounding,
        )
    )
    assert sum(line.net_fen for line in totals.lines) == totals.total_fen
    assert all(line.net_fen >= 0 for line in totals.lines)
    assert all(0 <= line.line_discount_fen <= line.gross_fen for line in totals.lines)
    assert totals.total_fen == totals.subtotal_fen - totals.discount_fen - totals.rounding_fen


def test_a_birthday_with_a_discount_and_a_gift_gives_both_and_its_points_are_recorded_as_used() -> (
    None
):
    both = rule(
        K.BIRTHDAY,
        id="bd",
        audience=Audience.MEMBERS,
        birthday_window=BirthdayWindow.WEEK,
        percent_bp=1000,
        gift_product_ids=("h",),
    )
    totals = price([("a", 1)], [both], buyer=MEMBER)
    assert totals.total_fen == 900
    assert [g.product.id for g in totals.gifts] == ["h"]
    points = rule(
        K.BIRTHDAY,
        id="pts",
        audience=Audience.MEMBERS,
        birthday_window=BirthdayWindow.WEEK,
        points_multiplier=2,
    )
    totals = price([("a", 1)], [points], buyer=MEMBER)
    assert totals.points_multiplier == 2
    assert [a.id for a in totals.applied] == ["pts"]


def test_a_book_reuses_each_lines_promotions_and_prices_as_a_fresh_book_would() -> None:
    """The sale screen re-prices the cart on every scan: lines already priced under the same
    rules are read back, and what changed on a line (its quantity, the hour) is priced anew."""
    rules = (
        rule(
            K.AMOUNT_OFF, id="off", product_ids=frozenset({"a"}), amount_fen=100, all_products=False
        ),
        rule(
            K.SPECIAL_PRICE,
            id="cheap",
            product_ids=frozenset({"b"}),
            price_fen=100,
            all_products=False,
            to_minute=11 * 60,
        ),
        P10S,
    )
    book = PromotionBook(rules, GIFTS)

    def request(qty_a: int, at: dt.datetime = AT) -> PricingRequest:
        lines = [
            PricingLine("a", "c1", 1000, qty_a * 1000, 1000 * qty_a, 500),
            PricingLine("b", "c1", 500, 1000, 500, 200),
        ]
        return PricingRequest(lines, ["l0", "l1"], qty_a + 1, at, book)

    def seen(totals: Totals) -> tuple[Totals, list[str]]:
        """Totals as compared: a notice is an error object, equal by its words only."""
        return dataclasses.replace(totals, notices=()), [str(n) for n in totals.notices]

    def fresh(asked: PricingRequest) -> tuple[Totals, list[str]]:
        return seen(price_cart(dataclasses.replace(asked, book=PromotionBook(rules, GIFTS))))

    first = price_cart(request(1))
    kept = dict(book.line_results)
    assert len(kept) == 2
    assert seen(price_cart(request(1))) == seen(first) == fresh(request(1))
    assert book.line_results == kept  # nothing priced again
    assert [p.line_discount_fen for p in first.lines] == [100, 300]  # b held at its cost
    assert first.notices  # the special price is held at cost, and said so each time
    three = price_cart(request(3))
    assert seen(three) == fresh(request(3))
    assert three.lines[0].line_discount_fen == 300
    evening = price_cart(request(1, AT.replace(hour=12)))  # the special price is over
    assert seen(evening) == fresh(request(1, AT.replace(hour=12)))
    assert evening.lines[1].promotion_names == ("percent_off",)
