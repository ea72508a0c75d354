"""The pricing pass: one function prices a cart, in the order and with the stacking rules that
``docs/pricing.md`` writes down.

Pure domain, integer fen throughout. Its promise: every line's amount is zero or more, and the
lines add up to the total, fen for fen (remainders go to lines by the largest-remainder method,
``app.money.allocate``). Member prices are already in each line's unit price; then come line
promotions, the cashier's line discounts, cart promotions (满减, 满赠), the member's coupon, a
staff coupon, the cashier's order discount, and 抹零.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from app.errors import KnownError
from app.members.calendar import MemberDate
from app.members.coupons import CartLineFacts, CouponView, evaluate_coupon
from app.members.errors import CouponRefused
from app.money import Rounding, allocate, div_round_half_up, format_yuan, percent_of
from app.pos.discounts import Discount
from app.pos.promotion_rules import (
    FULL_BP,
    LINE_KINDS,
    Promotion,
    PromotionKind,
    birthday_in_window,
)

MILLI = 1000


class PricingNotice(KnownError):
    """Something the cashier should know about the price (a gift gone, a promotion ended, a
    floor at cost); said, never raised: the cart still prices."""


@dataclasses.dataclass(frozen=True)
class GiftProduct:
    """A product a promotion gives away, with its stock when the rules were loaded."""

    id: str
    code: str
    name: str
    unit: str
    price_fen: int
    stock_milli: int
    track_stock: bool = True
    cost_fen: int | None = None


@dataclasses.dataclass(frozen=True)
class PromotionBook:
    """The rules live at the counter, loaded once and kept until a rule changes (``version``)."""

    rules: tuple[Promotion, ...] = ()
    gifts: Mapping[str, GiftProduct] = dataclasses.field(default_factory=dict)
    blacklist: frozenset[str] = frozenset()
    version: int = 0

    def rule(self, promotion_id: str) -> Promotion | None:
        return next((r for r in self.rules if r.id == promotion_id), None)

    @functools.cached_property
    def line_index(self) -> _LineRuleIndex:
        """Built once per book: every paint of the cart re-prices it under the same rules."""
        return _LineRuleIndex([r for r in self.rules if r.is_line_kind])

    @functools.cached_property
    def line_results(self) -> dict[tuple[PricingLine, tuple[int, ...]], _LineResult]:
        """What the line promotions did to a line, by the line and the rules live for it: a
        scan re-prices the whole cart, and every line but the new one is priced as before."""
        return {}


@dataclasses.dataclass(frozen=True)
class Buyer:
    """The member as promotions see them: their card type, birthday and what they have used."""

    member_id: str
    card_type_id: str
    birthday: MemberDate | None = None
    #: Uses so far of each promotion with a per-member limit, and this year's birthday ones.
    uses: Mapping[str, int] = dataclasses.field(default_factory=dict)
    birthday_used: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True)
class PricingLine:
    product_id: str
    category_id: str | None
    unit_price_fen: int
    qty_milli: int
    gross_fen: int
    cost_fen: int | None = None
    discount: Discount | None = None
    #: False for a manager's price override: that price is final.
    promotable: bool = True


class LinePricing(NamedTuple):
    """One line priced. A named tuple, not a frozen dataclass: a cart of hundreds of lines is
    priced on every paint, and a tuple is made several times faster."""

    line_id: str
    gross_fen: int
    line_discount_fen: int  # line promotions and the cashier's line discount
    order_share_fen: int  # 满减, coupons, the order discount and 抹零
    net_fen: int
    promotion_fen: int = 0  # of the two above, what promotions took
    promotion_ids: tuple[str, ...] = ()
    promotion_names: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class GiftLine:
    promotion_id: str
    promotion_name: str
    product: GiftProduct
    qty_milli: int

    @property
    def value_fen(self) -> int:
        return div_round_half_up(self.product.price_fen * self.qty_milli, MILLI)


@dataclasses.dataclass(frozen=True)
class AppliedPromotion:
    """A promotion that priced this cart: what it saved, and for 满减 / 满赠 the lines it
    counted (their amounts then), which a refund needs to know."""

    id: str
    name: str
    kind: PromotionKind
    saved_fen: int
    counted: tuple[int, ...] = ()
    counted_fen: tuple[int, ...] = ()
    threshold_fen: int = 0
    amount_fen: int = 0
    repeat: bool = False
    cap_fen: int | None = None


@dataclasses.dataclass(frozen=True)
class Totals:
    subtotal_fen: int
    line_discount_fen: int
    order_discount_fen: int
    rounding_fen: int  # taken off by 抹零 (negative when rounding up)
    total_fen: int
    item_count: int  # units, weighed lines counting as one
    lines: tuple[LinePricing, ...]
    coupon_fen: int = 0
    #: Why the applied coupon gives nothing on this cart (below its threshold, ...), if it does.
    coupon_refusal: CouponRefused | None = None
    #: 满减 and the staff coupon: order-level promotion money (line promotions are in
    #: ``line_discount_fen``).
    cart_promotion_fen: int = 0
    promotion_fen: int = 0
    gifts: tuple[GiftLine, ...] = ()
    applied: tuple[AppliedPromotion, ...] = ()
    points_multiplier: int = 1
    notices: tuple[PricingNotice, ...] = ()
    #: The lines as the member's coupon saw them (those it may count, after 满减).
    coupon_lines: tuple[CartLineFacts, ...] = ()

    @property
    def discount_fen(self) -> int:
        return (
            self.line_discount_fen
            + self.order_discount_fen
            + self.coupon_fen
            + self.cart_promotion_fen
        )

    @property
    def saved_fen(self) -> int:
        """What the customer saved on list prices' way to the total: discounts and gifts."""
        return self.discount_fen + sum(g.value_fen for g in self.gifts)


@dataclasses.dataclass(frozen=True)
class PricingRequest:
    lines: Sequence[PricingLine]
    line_ids: Sequence[str]
    item_count: int
    at: dt.datetime
    book: PromotionBook | None = None
    buyer: Buyer | None = None
    coupon: CouponView | None = None
    coupon_on: dt.date | None = None
    order_discount: Discount | None = None
    rounding: Rounding = Rounding.NONE
    staff_coupon_id: str | None = None
    gift_choices: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Now, when the sale began earlier: a promotion that ended in between is said.
    now: dt.datetime | None = None


@dataclasses.dataclass(slots=True)
class _Line:
    amount: int
    promo_fen: int = 0
    ids: list[str] = dataclasses.field(default_factory=list)
    names: list[str] = dataclasses.field(default_factory=list)
    held: bool = False  # by a promotion that does not stack
    offs: list[tuple[Promotion, int]] = dataclasses.field(default_factory=list)


def price_cart(request: PricingRequest) -> Totals:
    """Price a cart; see ``docs/pricing.md`` for the order and the stacking rules."""
    rules = _live_rules(request)
    notices: list[PricingNotice] = []
    work = [_Line(line.gross_fen) for line in request.lines]
    if rules and request.book is not None:
        live = {id(r) for r in rules}
        index = request.book.line_index
        for line, state in zip(request.lines, work, strict=True):
            if line.promotable:
                mine = [r for r in index.rules_for(line) if id(r) in live]
                if mine:
                    _apply_line(state, _line_result(request.book, line, mine), notices)
    manual = [
        0 if line.discount is None else line.discount.amount_on(state.amount)
        for line, state in zip(request.lines, work, strict=True)
    ]
    for state, off in zip(work, manual, strict=True):
        state.amount -= off
    applied: list[AppliedPromotion] = [
        AppliedPromotion(rule.id, rule.name, rule.kind, saved)
        for rule, saved in _line_savings(rules, work)
    ]
    shares = [0] * len(work)
    cart_fen, gifts = _cart_promotions(request, rules, work, shares, applied, notices)
    gifts += _birthday_gifts(request, rules, applied, notices)
    free = [i for i, s in enumerate(work) if not s.held]
    facts = coupon_facts(request, work, shares, free)
    base = sum(s.amount - sh for s, sh in zip(work, shares, strict=True))
    order_off = 0 if request.order_discount is None else request.order_discount.amount_on(base)
    if order_off:
        _spread(order_off, list(range(len(work))), work, shares)
    coupon_fen, refusal = _coupon(request, facts, work, shares, free)
    staff_fen = _staff_coupon(request, rules, work, shares, free, coupon_fen, applied, notices)
    cart_fen += staff_fen
    before_rounding = base - order_off - coupon_fen - staff_fen
    total = request.rounding.apply(before_rounding)
    rounding = before_rounding - total
    remaining = [s.amount - sh for s, sh in zip(work, shares, strict=True)]
    tail = allocate(rounding, remaining) if remaining and rounding else [0] * len(remaining)
    priced = tuple(
        LinePricing(
            line_id,
            line.gross_fen,
            line.gross_fen - state.amount,
            shares[i] + tail[i],
            remaining[i] - tail[i],
            state.promo_fen,
            tuple(state.ids),
            tuple(state.names),
        )
        for i, (line_id, line, state) in enumerate(
            zip(request.line_ids, request.lines, work, strict=True)
        )
    )
    multiplier = _points_multiplier(request, rules, applied)
    _say_ended(request, applied, notices)
    return Totals(
        subtotal_fen=sum(line.gross_fen for line in request.lines),
        line_discount_fen=sum(p.line_discount_fen for p in priced),
        order_discount_fen=order_off,
        rounding_fen=rounding,
        total_fen=total,
        item_count=request.item_count,
        lines=priced,
        coupon_fen=coupon_fen,
        coupon_refusal=refusal,
        cart_promotion_fen=cart_fen,
        promotion_fen=sum(s.promo_fen for s in work),
        gifts=tuple(gifts),
        applied=tuple(applied),
        points_multiplier=multiplier,
        notices=tuple(notices),
        coupon_lines=tuple(facts),
    )


# -- which rules -------------------------------------------------------------------------------


def _live_rules(request: PricingRequest) -> list[Promotion]:
    book, buyer = request.book, request.buyer
    if book is None or (buyer is not None and buyer.member_id in book.blacklist):
        return []
    card_type = buyer.card_type_id if buyer else None
    live = []
    for rule in book.rules:
        if not rule.in_force(request.at) or not rule.open_to(card_type):
            continue
        limit = rule.per_member_limit
        if buyer is not None and limit is not None and buyer.uses.get(rule.id, 0) >= limit:
            continue
        if rule.kind is PromotionKind.BIRTHDAY:
            if buyer is None or buyer.birthday is None or rule.id in buyer.birthday_used:
                continue
            if not birthday_in_window(buyer.birthday, rule.birthday_window, request.at.date()):
                continue
        live.append(rule)
    return live


# -- line promotions ---------------------------------------------------------------------------


def _half_up(numerator: int, denominator: int) -> int:
    """``div_round_half_up`` for the non-negative amounts of the line loop, without its checks
    (the hot path of every paint)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _saving(rule: Promotion, line: PricingLine, amount: int) -> int:
    """What ``rule`` takes off a line now at ``amount`` (never more than that)."""
    kind = rule.kind
    if kind is PromotionKind.SPECIAL_PRICE:
        off = amount - _half_up(rule.price_fen * line.qty_milli, MILLI)
    elif kind is PromotionKind.AMOUNT_OFF:
        off = _half_up(rule.amount_fen * line.qty_milli, MILLI)
    elif kind is PromotionKind.MULTI_BUY:
        groups = line.qty_milli // MILLI // rule.bundle_qty
        unit = line.unit_price_fen
        if rule.nth_paid_bp is not None:
            off = groups * (unit - _half_up(unit * rule.nth_paid_bp, FULL_BP))
        else:
            off = groups * (rule.bundle_qty * unit - rule.price_fen)
    else:  # percent off, a member day's or a birthday's discount
        off = _half_up(amount * rule.percent_bp, FULL_BP)
    if off <= 0:
        return 0
    return off if off < amount else amount


class _LineRuleIndex:
    """Line promotions by product and category, so a line looks only at the rules that may
    cover it (a 100-line cart under 50 rules is priced on every paint)."""

    def __init__(self, rules: list[Promotion]) -> None:
        rules = sorted(rules, key=lambda r: LINE_KINDS.index(r.kind))
        self.everywhere = [r for r in rules if r.all_products]
        self._found: dict[tuple[str, str | None], list[Promotion]] = {}
        self.by_key: dict[str, list[Promotion]] = {}
        for rule in rules:
            if rule.all_products:
                continue
            for key in rule.product_ids | {f"category:{c}" for c in rule.category_ids}:
                self.by_key.setdefault(key, []).append(rule)

    def rules_for(self, line: PricingLine) -> list[Promotion]:
        """The rules covering the line's product, in stacking order (kept per product)."""
        key = (line.product_id, line.category_id)
        known = self._found.get(key)
        if known is not None:
            return known
        found = self.everywhere + self.by_key.get(line.product_id, [])
        if line.category_id is not None:
            found += self.by_key.get(f"category:{line.category_id}", [])
        unique = sorted({id(r): r for r in found}.values(), key=lambda r: LINE_KINDS.index(r.kind))
        covering = [r for r in unique if r.covers(line.product_id, line.category_id)]
        self._found[key] = covering
        return covering


#: What the line promotions take off one line: the total, each chosen rule with its part, and
#: what the cashier is told (a price held at cost).
_LineResult = tuple[int, tuple[tuple[Promotion, int], ...], tuple[PricingNotice, ...]]
_NO_RESULT: _LineResult = (0, (), ())
#: Results kept per book before they are dropped (a day's distinct lines fit many times).
LINE_RESULTS_KEPT = 20_000


def _line_result(book: PromotionBook, line: PricingLine, mine: list[Promotion]) -> _LineResult:
    """``_price_line`` once per line and rules; the same line later reads it back."""
    key = (line, tuple(id(r) for r in mine))
    results = book.line_results
    found = results.get(key)
    if found is None:
        if len(results) >= LINE_RESULTS_KEPT:
            results.clear()
        found = results[key] = _price_line(line, mine)
    return found


def _apply_line(state: _Line, result: _LineResult, notices: list[PricingNotice]) -> None:
    total_off, chosen, said = result
    if not chosen:
        return
    notices.extend(said)
    state.amount -= total_off
    state.promo_fen += total_off
    for rule, off in chosen:
        if off:
            state.ids.append(rule.id)
            state.names.append(rule.name)
            state.held = state.held or not rule.stacks
    state.offs = list(chosen)


def _price_line(line: PricingLine, mine: list[Promotion]) -> _LineResult:
    """The best of the rules that do not stack, or all that stack, held at cost unless a
    manager approved selling below it."""
    start = amount = line.gross_fen
    best_off, best_rule = 0, None
    stacking = []
    for rule in mine:
        if rule.stacks:
            stacking.append(rule)  # already in stacking order
            continue
        off = _saving(rule, line, amount)
        if off > best_off:
            best_off, best_rule = off, rule
    offs = []
    for rule in stacking:
        off = _saving(rule, line, amount)
        offs.append(off)
        amount -= off
    stacked = start - amount
    if stacked > best_off:
        chosen = [(r, o) for r, o in zip(stacking, offs, strict=True) if o > 0]
        total_off, chosen_rules, chosen_offs = (
            stacked,
            [r for r, _ in chosen],
            [o for _, o in chosen],
        )
    elif best_rule is not None:
        total_off, chosen_rules, chosen_offs = best_off, [best_rule], [best_off]
    else:
        return _NO_RESULT
    said: tuple[PricingNotice, ...] = ()
    if line.cost_fen is not None:
        floor = div_round_half_up(line.cost_fen * line.qty_milli, MILLI)
        allowed = max(0, start - floor)
        if total_off > allowed and not all(r.below_cost_approved for r in chosen_rules):
            said = (
                PricingNotice(
                    "促销“%1”会低于成本价销售，已按成本价 %2 计（店长批准的促销除外）",
                    chosen_rules[0].name,
                    format_yuan(floor),
                ),
            )
            chosen_offs = _shrink(chosen_offs, allowed)
            total_off = allowed
    return total_off, tuple(zip(chosen_rules, chosen_offs, strict=True)), said


def _shrink(offs: list[int], allowed: int) -> list[int]:
    """Cut the savings down to ``allowed`` in total, the later ones first."""
    out, left = [], allowed
    for off in offs:
        take = min(off, left)
        out.append(take)
        left -= take
    return out


def _line_savings(rules: list[Promotion], work: list[_Line]) -> list[tuple[Promotion, int]]:
    saved: dict[str, int] = {}
    for state in work:
        for rule, off in state.offs:
            if off:
                saved[rule.id] = saved.get(rule.id, 0) + off
    return [(rule, saved[rule.id]) for rule in rules if rule.id in saved]


# -- cart promotions ---------------------------------------------------------------------------


def _spend_off(rule: Promotion, base: int) -> int:
    if base < rule.threshold_fen:
        return 0
    times = base // rule.threshold_fen if rule.repeat else 1
    off = times * rule.amount_fen
    if rule.cap_fen is not None:
        off = min(off, rule.cap_fen)
    return min(off, base)


def _countable(
    request: PricingRequest, work: list[_Line]
) -> list[tuple[int, str, str | None, bool]]:
    """The lines any cart promotion may count (promotable, not held by a line promotion that does
    not stack, still worth something): index, product, category, touched by a promotion."""
    return [
        (i, line.product_id, line.category_id, bool(state.ids))
        for i, (line, state) in enumerate(zip(request.lines, work, strict=True))
        if line.promotable and not state.held and state.amount > 0
    ]


def _counted(rule: Promotion, countable: list[tuple[int, str, str | None, bool]]) -> list[int]:
    """The lines a cart promotion counts: its goods among the countable lines, and (when the
    rule itself does not stack) touched by no promotion at all."""
    return [
        i
        for i, product_id, category_id, touched in countable
        if (rule.stacks or not touched) and rule.covers(product_id, category_id)
    ]


def _pick_gift(
    rule: Promotion, request: PricingRequest, notices: list[PricingNotice]
) -> GiftProduct | None:
    book = request.book
    assert book is not None  # a live rule came from it
    choices = list(rule.gift_product_ids)
    wanted = request.gift_choices.get(rule.id)
    if wanted in choices:
        choices.remove(wanted)
        choices.insert(0, wanted)
    need = rule.gift_qty * MILLI
    for product_id in choices:
        gift = book.gifts.get(product_id)
        if gift is not None and (not gift.track_stock or gift.stock_milli >= need):
            return gift
    notices.append(PricingNotice("促销“%1”的赠品库存不足，本单无法赠送", rule.name))
    return None


def _cart_promotions(
    request: PricingRequest,
    rules: list[Promotion],
    work: list[_Line],
    shares: list[int],
    applied: list[AppliedPromotion],
    notices: list[PricingNotice],
) -> tuple[int, list[GiftLine]]:
    offers: list[tuple[Promotion, list[int], int]] = []  # rule, counted lines, value
    countable = _countable(request, work)
    for rule in rules:
        if rule.kind not in (PromotionKind.SPEND_OFF, PromotionKind.SPEND_GIFT):
            continue
        counted = _counted(rule, countable)
        base = sum(work[i].amount for i in counted)
        if rule.kind is PromotionKind.SPEND_OFF:
            value = _spend_off(rule, base)
        elif base >= rule.threshold_fen:
            gift = _pick_gift(rule, request, notices)
            value = 0 if gift is None else gift.price_fen * rule.gift_qty or 1
        else:
            value = 0
        if value > 0:
            offers.append((rule, counted, value))
    exclusive = max((o for o in offers if not o[0].stacks), key=lambda o: o[2], default=None)
    stacking = [o for o in offers if o[0].stacks]
    chosen = stacking
    if exclusive is not None and exclusive[2] > sum(o[2] for o in stacking):
        chosen = [exclusive]
    money = 0
    gifts: list[GiftLine] = []
    for rule, counted, _ in chosen:
        counted_fen = tuple(work[i].amount - shares[i] for i in counted)
        if rule.kind is PromotionKind.SPEND_OFF:
            off = _spend_off(rule, sum(counted_fen))
            for i, part in zip(counted, allocate(off, list(counted_fen)), strict=True):
                shares[i] += part
                work[i].promo_fen += part
            saved = off
            money += off
        else:
            gift = _pick_gift(rule, request, [])
            assert gift is not None  # it was found above with the same stock
            line = GiftLine(rule.id, rule.name, gift, rule.gift_qty * MILLI)
            gifts.append(line)
            saved = line.value_fen
        for i in counted:
            work[i].ids.append(rule.id)
            work[i].names.append(rule.name)
            work[i].held = work[i].held or not rule.stacks
        applied.append(
            AppliedPromotion(
                rule.id,
                rule.name,
                rule.kind,
                saved,
                tuple(counted),
                counted_fen,
                rule.threshold_fen,
                rule.amount_fen,
                rule.repeat,
                rule.cap_fen,
            )
        )
    return money, gifts


def _birthday_gifts(
    request: PricingRequest,
    rules: list[Promotion],
    applied: list[AppliedPromotion],
    notices: list[PricingNotice],
) -> list[GiftLine]:
    gifts = []
    for rule in rules:
        if rule.kind is PromotionKind.BIRTHDAY and rule.gift_product_ids and request.lines:
            gift = _pick_gift(rule, request, notices)
            if gift is not None:
                line = GiftLine(rule.id, rule.name, gift, rule.gift_qty * MILLI)
                gifts.append(line)
                applied.append(AppliedPromotion(rule.id, rule.name, rule.kind, line.value_fen))
    return gifts


def _points_multiplier(
    request: PricingRequest, rules: list[Promotion], applied: list[AppliedPromotion]
) -> int:
    """The highest multiplier in force (never multiplied together); the rule that gives it is
    recorded as used, so a birthday's points count as its once a year."""
    if request.buyer is None or not request.lines:
        return 1
    giving = [
        r
        for r in rules
        if r.kind in (PromotionKind.MEMBER_DAY, PromotionKind.BIRTHDAY) and r.points_multiplier > 1
    ]
    if not giving:
        return 1
    best = max(giving, key=lambda r: r.points_multiplier)
    if all(item.id != best.id for item in applied):
        applied.append(AppliedPromotion(best.id, best.name, best.kind, 0))
    return best.points_multiplier


# -- coupons -----------------------------------------------------------------------------------


def _spread(off: int, free: list[int], work: list[_Line], shares: list[int]) -> list[int]:
    if off == 0:
        return [0] * len(free)
    weights = [work[i].amount - shares[i] for i in free]
    parts = allocate(off, weights)
    for i, part in zip(free, parts, strict=True):
        shares[i] += part
    return parts


def _coupon(
    request: PricingRequest,
    facts: list[CartLineFacts],
    work: list[_Line],
    shares: list[int],
    free: list[int],
) -> tuple[int, CouponRefused | None]:
    """The member's coupon, judged on the lines before the order discount (its threshold), and
    taken from what those lines have left after it."""
    coupon = request.coupon
    if coupon is None:
        return 0, None
    check = evaluate_coupon(
        coupon,
        facts,
        on=request.coupon_on or request.at.date(),
        member_id=request.buyer.member_id if request.buyer else coupon.member_id,
    )
    if not free:
        return 0, CouponRefused("本单商品都在不与优惠券同享的促销中，优惠券不可用")
    if not check.ok:
        return 0, check.refusal
    off = min(check.discount_fen, sum(work[i].amount - shares[i] for i in free))
    _spread(off, free, work, shares)
    return off, None


def coupon_facts(
    request: PricingRequest, work: list[_Line], shares: list[int], free: list[int]
) -> list[CartLineFacts]:
    return [
        CartLineFacts(
            request.lines[i].product_id,
            request.lines[i].unit_price_fen,
            request.lines[i].qty_milli,
            work[i].amount - shares[i],
        )
        for i in free
    ]


def _staff_coupon(
    request: PricingRequest,
    rules: list[Promotion],
    work: list[_Line],
    shares: list[int],
    free: list[int],
    coupon_fen: int,
    applied: list[AppliedPromotion],
    notices: list[PricingNotice],
) -> int:
    if request.staff_coupon_id is None:
        return 0
    rule = next((r for r in rules if r.id == request.staff_coupon_id), None)
    if rule is None:
        notices.append(PricingNotice("员工赠券不在有效期内或不适用于本单"))
        return 0
    if not rule.stacks and (coupon_fen or any(s.ids for s in work)):
        notices.append(PricingNotice("员工赠券“%1”不与其他优惠同享，本单未使用", rule.name))
        return 0
    base = sum(work[i].amount - shares[i] for i in free)
    if base < rule.threshold_fen or base <= 0:
        return 0
    off = rule.amount_fen if rule.amount_fen else percent_of(base, rule.percent_bp)
    off = min(off, base)
    for i, part in zip(free, _spread(off, free, work, shares), strict=True):
        if part:
            work[i].promo_fen += part
            work[i].ids.append(rule.id)
            work[i].names.append(rule.name)
    applied.append(AppliedPromotion(rule.id, rule.name, rule.kind, off))
    return off


def _say_ended(
    request: PricingRequest, applied: list[AppliedPromotion], notices: list[PricingNotice]
) -> None:
    if request.now is None or request.book is None:
        return
    for item in applied:
        rule = request.book.rule(item.id)
        if rule is not None and not rule.in_force(request.now):
            notices.append(PricingNotice("促销“%1”已结束，本单仍按开单时的优惠计", rule.name))
