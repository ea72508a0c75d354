"""Discounts a cashier types (on a line or on the order) and the cart's plain-words error.

Pure domain, apart from the cart so that the pricing pass (``app.pos.pricing``) and the cart
(``app.pos.cart``) share them without importing each other.
"""

from __future__ import annotations

import dataclasses
import enum
import re

from app.errors import KnownError
from app.money import MoneyError, format_fen, parse_amount, percent_of

BASIS_POINTS = 10_000


class CartError(KnownError):
    """Something the cashier asked of the cart that cannot be done; said in plain words."""


class DiscountKind(enum.StrEnum):
    PERCENT = "percent"  # value in basis points off: 1000 = 10 % off (九折)
    AMOUNT = "amount"  # value in fen off


@dataclasses.dataclass(frozen=True)
class Discount:
    kind: DiscountKind
    value: int

    def __post_init__(self) -> None:
        if self.value <= 0:
            raise CartError("折扣必须大于零")
        if self.kind is DiscountKind.PERCENT and self.value > BASIS_POINTS:
            raise CartError("折扣不能超过 100%")

    def amount_on(self, base_fen: int) -> int:
        """The fen taken off ``base_fen``: never more than the base itself."""
        if self.kind is DiscountKind.PERCENT:
            return min(base_fen, percent_of(base_fen, self.value))
        return min(base_fen, self.value)

    @property
    def label(self) -> str:
        if self.kind is DiscountKind.PERCENT:
            rate = BASIS_POINTS - self.value  # 1000 bp off -> 九折
            tenths, rest = divmod(rate, 1000)
            folds = f"{tenths}" if rest == 0 else f"{tenths}.{rest:03d}".rstrip("0")
            return f"{folds}折"
        return f"减{format_fen(self.value)}"


_PERCENT_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\s*[%％]$")
_FOLD_RE = re.compile(r"^(\d(?:\.\d{1,2})?)\s*折$")


def parse_discount(text: str) -> Discount:
    """What a cashier types for a discount: ``10%`` off, ``9折`` / ``8.5折``, or an amount ``5``."""
    cleaned = text.strip()
    if not cleaned:
        raise CartError("请输入折扣")
    if match := _PERCENT_RE.match(cleaned):
        return Discount(DiscountKind.PERCENT, _hundredths(match.group(1)))
    if match := _FOLD_RE.match(cleaned):
        fold = _hundredths(match.group(1)) * 10  # 9.5折 -> 9500 bp kept
        if not 0 < fold < BASIS_POINTS:
            raise CartError("折数应在 0 到 10 之间，如 9折、8.5折")
        return Discount(DiscountKind.PERCENT, BASIS_POINTS - fold)
    try:
        return Discount(DiscountKind.AMOUNT, parse_amount(cleaned, allow_zero=False))
    except MoneyError as exc:
        raise CartError("无法识别的折扣：%1（可输入 10%、9折 或金额）", cleaned) from exc


def _hundredths(text: str) -> int:
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int(frac.ljust(2, "0") or "0")
