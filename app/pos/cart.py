"""The cart being rung up: lines, discounts, price overrides and the amount due, all in fen.

Pure domain: no database, no Qt. The screen holds one ``Cart`` per customer and asks it for
``totals()`` after every change; checkout turns it into an order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from app.members.coupons import CartLineFacts, CouponView, evaluate_coupon
from app.members.levels import member_price
from app.money import Rounding, div_round_half_up
from app.pos.discounts import BASIS_POINTS, CartError, Discount, DiscountKind, parse_discount
from app.pos.pricing import (
    Buyer,
    GiftProduct,
    LinePricing,
    PricingLine,
    PricingRequest,
    PromotionBook,
    Totals,
    price_cart,
)
from app.pos.promotion_rules import Promotion, PromotionKind
from app.storage.approvals import Approval, Sensitive, spend
from app.storage.ids import new_id

MILLI = 1000
DEFAULT_MAX_QUANTITY = 9999
MAX_LINES = 500


@dataclasses.dataclass(frozen=True)
class CartProduct:
    """What the cart needs to know of a product; the catalog's view converts to it."""

    id: str
    code: str
    name: str
    unit: str
    price_fen: int
    by_weight: bool = False
    track_stock: bool = True
    cost_fen: int | None = None
    member_price_fen: int | None = None
    category_id: str | None = None


@dataclasses.dataclass(frozen=True)
class CartMember:
    """The member attached to the sale, as the cart and the screen need them."""

    member_id: str
    name: str
    card_no_masked: str
    level_name: str
    discount_bp: int  # price paid in basis points: 9500 = 九五折
    password_required: bool
    principal_fen: int
    bonus_fen: int
    points: int
    #: Fen one point is worth when paying by points, as a ratio; (0, 1) when points cannot pay.
    point_value: tuple[int, int]
    phone_masked: str = ""
    birthday_today: bool = False

    @property
    def balance_fen(self) -> int:
        return self.principal_fen + self.bonus_fen

    @property
    def points_value_fen(self) -> int:
        """The most the member's points can pay (rounded down to the fen)."""
        numerator, denominator = self.point_value
        return self.points * numerator // denominator if denominator else 0

    def price_of(self, product: CartProduct) -> int:
        """A product's member price where set, else the level's discount, rounded half up."""
        return member_price(product.price_fen, product.member_price_fen, self.discount_bp)


@dataclasses.dataclass
class CartLine:
    product: CartProduct
    qty_milli: int
    unit_price_fen: int
    barcode: str | None = None
    #: A price-embedded label fixes the line's amount whatever the quantity.
    fixed_amount_fen: int | None = None
    discount: Discount | None = None
    price_override_approver_id: str | None = None
    line_id: str = dataclasses.field(default_factory=new_id)

    @property
    def gross_fen(self) -> int:
        if self.fixed_amount_fen is not None:
            return self.fixed_amount_fen
        return div_round_half_up(self.unit_price_fen * self.qty_milli, MILLI)

    @property
    def line_discount_fen(self) -> int:
        return 0 if self.discount is None else self.discount.amount_on(self.gross_fen)


@dataclasses.dataclass(frozen=True)
class AppliedCoupon:
    """A member's coupon on this cart, checked against the lines each time totals are asked."""

    coupon: CouponView
    on: dt.date


class Cart:
    def __init__(
        self,
        *,
        rounding: Rounding = Rounding.NONE,
        max_quantity: int = DEFAULT_MAX_QUANTITY,
    ) -> None:
        self.lines: list[CartLine] = []
        self.order_discount: Discount | None = None
        self.order_discount_approver_id: str | None = None
        self.rounding = rounding
        self.max_quantity = max_quantity
        self.customer_note: str = ""
        self.member: CartMember | None = None
        self.coupon: AppliedCoupon | None = None
        #: The promotions live at the counter and the member as they see them (``promotions``).
        self.book: PromotionBook | None = None
        self.buyer: Buyer | None = None
        #: Store time now; the sale's moment is when its first line went in, so a promotion
        #: that ends while the customer is at the counter still holds for this sale.
        self.clock: Callable[[], dt.datetime] = dt.datetime.now
        self.started_at: dt.datetime | None = None
        self.staff_coupon_id: str | None = None
        self.gift_choices: dict[str, str] = {}
        #: How the counter finds the attached member's promotion facts (set by the counter).
        self.buyer_loader: Callable[[str], Buyer | None] | None = None

    # -- changes -------------------------------------------------------------------------------

    def add(
        self,
        product: CartProduct,
        *,
        qty_milli: int | None = None,
        barcode: str | None = None,
        fixed_amount_fen: int | None = None,
    ) -> int:
        """Add a scanned or searched product; a repeat scan of a plain line adds one to it.

        Returns the index of the line that changed.
        """
        qty = qty_milli if qty_milli is not None else MILLI
        self._check_quantity(product, qty)
        if self.started_at is None:
            self.started_at = self.clock()
        last = self.lines[-1] if self.lines else None
        mergeable = (
            last is not None
            and last.product.id == product.id
            and qty_milli is None
            and fixed_amount_fen is None
            and last.fixed_amount_fen is None
            and last.discount is None
            and last.price_override_approver_id is None
            and not product.by_weight
        )
        if mergeable and last is not None:
            self._check_quantity(product, last.qty_milli + qty)
            last.qty_milli += qty
            return len(self.lines) - 1
        if len(self.lines) >= MAX_LINES:
            raise CartError("一单最多 %1 行，请先结账", MAX_LINES)
        self.lines.append(
            CartLine(
                product=product,
                qty_milli=qty,
                unit_price_fen=self._price(product),
                barcode=barcode,
                fixed_amount_fen=fixed_amount_fen,
            )
        )
        return len(self.lines) - 1

    def set_quantity(self, index: int, qty_milli: int) -> None:
        line = self._line(index)
        if line.fixed_amount_fen is not None:
            raise CartError("称重标签商品的数量不能修改，请重新称重")
        self._check_quantity(line.product, qty_milli)
        line.qty_milli = qty_milli

    def set_line_discount(self, index: int, discount: Discount | None) -> None:
        line = self._line(index)
        if discount is not None and line.gross_fen == 0:
            raise CartError("该行金额为零，无法打折")
        line.discount = discount

    def override_price(self, index: int, price_fen: int, approval: Approval) -> None:
        """A new unit price, with a manager's approval of it (spent here: one line, once)."""
        line = self._line(index)
        if line.fixed_amount_fen is not None:
            raise CartError("称重标签商品的金额不能改价")
        if price_fen < 0:
            raise CartError("售价不能为负数")
        with spend(approval, Sensitive.PRICE_OVERRIDE) as approved:
            line.unit_price_fen = price_fen
            line.price_override_approver_id = approved.approver_id

    def set_order_discount(self, discount: Discount | None, approver_id: str | None = None) -> None:
        self.order_discount = discount
        self.order_discount_approver_id = approver_id if discount is not None else None

    def remove(self, index: int) -> CartLine:
        line = self._line(index)
        del self.lines[index]
        return line

    def clear(self) -> None:
        self.lines.clear()
        self.order_discount = None
        self.order_discount_approver_id = None
        self.customer_note = ""
        self.member = None
        self.coupon = None
        self.buyer = None
        self.started_at = None
        self.staff_coupon_id = None
        self.gift_choices = {}

    def attach_member(self, member: CartMember) -> None:
        """Member prices apply at once to every line whose price nobody overrode."""
        if self.member is not None and self.member.member_id != member.member_id:
            self.coupon = None  # a coupon belongs to the member it was issued to
        self.member = member
        self.buyer = self.buyer_loader(member.member_id) if self.buyer_loader else None
        self._reprice()

    def detach_member(self) -> None:
        self.member = None
        self.buyer = None
        self.coupon = None  # a coupon belongs to the member
        self._reprice()

    def _price(self, product: CartProduct) -> int:
        return product.price_fen if self.member is None else self.member.price_of(product)

    def _reprice(self) -> None:
        for line in self.lines:
            if line.price_override_approver_id is None and line.fixed_amount_fen is None:
                line.unit_price_fen = self._price(line.product)

    @property
    def is_empty(self) -> bool:
        return not self.lines

    # -- questions -----------------------------------------------------------------------------

    def totals(self) -> Totals:
        """The one pricing pass (``app.pos.pricing.price_cart``) over this cart."""
        now = self.clock()
        request = PricingRequest(
            lines=[
                PricingLine(
                    line.product.id,
                    line.product.category_id,
                    line.unit_price_fen,
                    line.qty_milli,
                    line.gross_fen,
                    line.product.cost_fen,
                    line.discount,
                    promotable=line.price_override_approver_id is None,
                )
                for line in self.lines
            ],
            line_ids=[line.line_id for line in self.lines],
            item_count=sum(
                1 if line.product.by_weight or line.qty_milli % MILLI else line.qty_milli // MILLI
                for line in self.lines
            ),
            at=self.started_at or now,
            book=self.book,
            buyer=self.buyer if self.member is not None else None,
            coupon=self.coupon.coupon if self.coupon else None,
            coupon_on=self.coupon.on if self.coupon else None,
            order_discount=self.order_discount,
            rounding=self.rounding,
            staff_coupon_id=self.staff_coupon_id,
            gift_choices=self.gift_choices,
            now=now,
        )
        return price_cart(request)

    def coupon_facts(self, after_line: list[int] | None = None) -> list[CartLineFacts]:
        """The lines as a coupon sees them (after line discounts and promotions)."""
        nets = after_line or [p.gross_fen - p.line_discount_fen for p in self.totals().lines]
        return [
            CartLineFacts(line.product.id, line.unit_price_fen, line.qty_milli, net)
            for line, net in zip(self.lines, nets, strict=True)
        ]

    def apply_coupon(self, coupon: CouponView, on: dt.date) -> int:
        """Use a member's coupon on this sale; refused now if it cannot apply. Its discount."""
        if self.member is None:
            raise CartError("请先刷会员卡，再使用优惠券")
        applied = AppliedCoupon(coupon, on)
        check = evaluate_coupon(coupon, self.coupon_facts(), on=on, member_id=self.member.member_id)
        if check.refusal is not None:
            raise CartError(check.refusal.template, *check.refusal.values)
        self.coupon = applied
        return check.discount_fen

    def remove_coupon(self) -> None:
        self.coupon = None

    def gift_options(self) -> list[tuple[Promotion, list[GiftProduct]]]:
        """The gift promotions this cart earns whose gift the customer may choose (满赠 with a
        choice), each with its gifts."""
        if self.book is None:
            return []
        earned = {gift.promotion_id for gift in self.totals().gifts}
        options = []
        for rule in self.book.rules:
            gifts = [self.book.gifts[g] for g in rule.gift_product_ids if g in self.book.gifts]
            if rule.id in earned and len(gifts) > 1:
                options.append((rule, gifts))
        return options

    def choose_gift(self, promotion: Promotion, text: str) -> GiftProduct:
        """The customer's gift, by its number among the promotion's gifts or its name."""
        gifts = [self.book.gifts[g] for g in promotion.gift_product_ids] if self.book else []
        typed = text.strip()
        chosen = next((g for g in gifts if g.name == typed), None)
        if chosen is None and typed.isdigit() and 1 <= int(typed) <= len(gifts):
            chosen = gifts[int(typed) - 1]
        if chosen is None:
            raise CartError("没有这个赠品：%1", typed)
        self.gift_choices[promotion.id] = chosen.id
        return chosen

    def staff_coupons(self) -> list[Promotion]:
        """The staff coupons (员工赠券) a cashier may give on this sale now."""
        if self.book is None:
            return []
        at = self.started_at or self.clock()
        return [
            rule
            for rule in self.book.rules
            if rule.kind is PromotionKind.STAFF_COUPON and rule.in_force(at)
        ]

    def use_staff_coupon(self, name: str) -> Promotion | None:
        """A staff coupon by its name (or its number in ``staff_coupons``); blank takes it off.
        The cashier's daily limit is checked when the sale is paid."""
        text = name.strip()
        if not text:
            self.staff_coupon_id = None
            return None
        offered = self.staff_coupons()
        chosen = next((r for r in offered if r.name == text), None)
        if chosen is None and text.isdigit() and 1 <= int(text) <= len(offered):
            chosen = offered[int(text) - 1]
        if chosen is None:
            raise CartError("没有可用的员工赠券：%1", text)
        self.staff_coupon_id = chosen.id
        return chosen

    def discount_exceeds(self, limit_percent: int, index: int | None, discount: Discount) -> bool:
        """Does ``discount`` on a line (or, with no index, the order) pass the cashier's limit?"""
        if discount.kind is DiscountKind.PERCENT:
            return discount.value > limit_percent * 100
        base = self._line(index).gross_fen if index is not None else self._order_base()
        if base <= 0:
            return False
        return discount.amount_on(base) * 100 > base * limit_percent

    def _order_base(self) -> int:
        return sum(line.gross_fen - line.line_discount_fen for line in self.lines)

    def _line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise CartError("请先选择一行商品")
        return self.lines[index]

    def _check_quantity(self, product: CartProduct, qty_milli: int) -> None:
        if qty_milli <= 0:
            raise CartError("数量必须大于零")
        if qty_milli > self.max_quantity * MILLI:
            raise CartError("数量过大，单行最多 %1", self.max_quantity)
        if not product.by_weight and qty_milli % MILLI:
            raise CartError("“%1”按%2销售，数量须为整数", product.name, product.unit)

    # -- parking (挂单) --------------------------------------------------------------------------

    def to_snapshot(self) -> dict[str, Any]:
        """Plain data for a parked cart; ``from_snapshot`` gives back an equal cart.

        A coupon is not parked: it is checked against the member and the day when taken back.
        """
        return {
            "rounding": self.rounding.value,
            "max_quantity": self.max_quantity,
            "customer_note": self.customer_note,
            "order_discount": _discount_to_dict(self.order_discount),
            "order_discount_approver_id": self.order_discount_approver_id,
            "member": None if self.member is None else dataclasses.asdict(self.member),
            "lines": [
                {
                    "line_id": line.line_id,
                    "product": dataclasses.asdict(line.product),
                    "qty_milli": line.qty_milli,
                    "unit_price_fen": line.unit_price_fen,
                    "barcode": line.barcode,
                    "fixed_amount_fen": line.fixed_amount_fen,
                    "discount": _discount_to_dict(line.discount),
                    "price_override_approver_id": line.price_override_approver_id,
                }
                for line in self.lines
            ],
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> Cart:
        cart = cls(rounding=Rounding(data["rounding"]), max_quantity=int(data["max_quantity"]))
        cart.customer_note = str(data.get("customer_note", ""))
        cart.order_discount = _discount_from_dict(data["order_discount"])
        cart.order_discount_approver_id = data.get("order_discount_approver_id")
        member = data.get("member")
        if member is not None:
            cart.member = CartMember(**{**member, "point_value": tuple(member["point_value"])})
        for item in data["lines"]:
            cart.lines.append(
                CartLine(
                    product=CartProduct(**item["product"]),
                    qty_milli=int(item["qty_milli"]),
                    unit_price_fen=int(item["unit_price_fen"]),
                    barcode=item["barcode"],
                    fixed_amount_fen=item["fixed_amount_fen"],
                    discount=_discount_from_dict(item["discount"]),
                    price_override_approver_id=item["price_override_approver_id"],
                    line_id=item["line_id"],
                )
            )
        return cart


def _discount_to_dict(discount: Discount | None) -> dict[str, Any] | None:
    return None if discount is None else {"kind": discount.kind.value, "value": discount.value}


def _discount_from_dict(data: dict[str, Any] | None) -> Discount | None:
    return None if data is None else Discount(DiscountKind(data["kind"]), int(data["value"]))


def qty_text(qty_milli: int) -> str:
    """How a quantity reads on the screen, the slip and in a message: ``3000 -> '3'``,
    ``355 -> '0.355'``, ``-1500 -> '-1.5'`` (a refunded line). What ``parse_quantity`` reads."""
    sign = "-" if qty_milli < 0 else ""
    whole, fraction = divmod(abs(qty_milli), MILLI)
    return sign + (str(whole) if fraction == 0 else f"{whole}.{fraction:03d}".rstrip("0"))


def parse_quantity(text: str, *, by_weight: bool) -> int:
    """``3`` -> 3000 milli; ``0.355`` (kg) -> 355, only for goods sold by weight."""
    cleaned = text.strip()
    match = re.fullmatch(r"(\d{1,7})(?:\.(\d{1,3}))?", cleaned)
    if match is None:
        raise CartError("无法识别的数量：%1", cleaned)
    whole, frac = match.group(1), match.group(2) or ""
    if frac and not by_weight:
        raise CartError("该商品数量须为整数")
    return int(whole) * MILLI + int(frac.ljust(3, "0") or "0")


__all__ = [
    "BASIS_POINTS",
    "AppliedCoupon",
    "Cart",
    "CartError",
    "CartLine",
    "CartMember",
    "CartProduct",
    "Discount",
    "DiscountKind",
    "LinePricing",
    "Totals",
    "parse_discount",
    "parse_quantity",
    "qty_text",
]
