"""Pricing a 100-line cart under 50 active promotions: the issue's target is 5 ms.

The baseline is the same cart priced with no promotion at all (member prices, a coupon-free
order discount and rounding), in the same run: the ratio is what promotions add to every paint.
"""

from __future__ import annotations

import datetime as dt

from app.money import Rounding
from app.pos.discounts import Discount, DiscountKind
from app.pos.pricing import Buyer, PricingLine, PricingRequest, PromotionBook, price_cart
from app.pos.promotion_rules import Audience, Promotion, PromotionKind
from bench.figures import Figure, median, p99, timings_ms

RUNS = 300
LINES = 100
RULES = 50
TARGET_MS = 5.0
AT = dt.datetime(2026, 12, 2, 10, 0)


def _rules() -> tuple[Promotion, ...]:
    kinds = (
        PromotionKind.PERCENT_OFF,
        PromotionKind.AMOUNT_OFF,
        PromotionKind.SPECIAL_PRICE,
        PromotionKind.MULTI_BUY,
        PromotionKind.SPEND_OFF,
        PromotionKind.MEMBER_DAY,
    )
    rules = []
    for n in range(RULES):
        kind = kinds[n % len(kinds)]
        rules.append(
            Promotion(
                f"r{n}",
                f"促销{n}",
                kind,
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 12, 31),
                product_ids=frozenset(f"p{(n * 7 + k) % LINES}" for k in range(10)),
                category_ids=frozenset({f"c{n % 10}"}),
                audience=Audience.MEMBERS
                if kind is PromotionKind.MEMBER_DAY
                else Audience.EVERYONE,
                percent_bp=500 + n,
                amount_fen=50,
                price_fen=900,
                bundle_qty=2,
                nth_paid_bp=5000,
                threshold_fen=10_000,
                repeat=True,
                cap_fen=5_000,
                stacks=n % 3 == 0,
            )
        )
    return tuple(rules)


def _request(book: PromotionBook | None) -> PricingRequest:
    lines = [
        PricingLine(f"p{i}", f"c{i % 10}", 1000 + i, 2000, (1000 + i) * 2, 600)
        for i in range(LINES)
    ]
    return PricingRequest(
        lines,
        [f"l{i}" for i in range(LINES)],
        LINES * 2,
        AT,
        book,
        Buyer("m", "gold"),
        order_discount=Discount(DiscountKind.PERCENT, 500),
        rounding=Rounding.DROP_JIAO,
    )


def run() -> list[Figure]:
    with_rules = _request(PromotionBook(_rules()))
    without = _request(None)
    assert price_cart(with_rules).promotion_fen > 0  # the rules really price the cart
    base = timings_ms(lambda: price_cart(without), RUNS)
    timed = timings_ms(lambda: price_cart(with_rules), RUNS)
    ratio = median(timed) / median(base)
    return [
        Figure(
            "price 100 lines, 50 promos (median)", median(timed), "ms", f"<= {TARGET_MS}", ratio
        ),
        Figure("price 100 lines, 50 promos (p99)", p99(timed), "ms", f"<= {TARGET_MS}"),
        Figure("price 100 lines, no promotion", median(base), "ms", "baseline"),
    ]
