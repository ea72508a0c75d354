"""Money as integer fen: parsing what a cashier types, formatting, and named roundings."""

from __future__ import annotations

import enum
import re

from app.errors import InputError

FEN_PER_YUAN = 100
#: The largest amount a counter accepts in one field: ten million yuan.
MAX_AMOUNT_FEN = 10_000_000 * FEN_PER_YUAN
YUAN_SIGN = "￥"

_AMOUNT_RE = re.compile(r"^(?P<yuan>\d+)(?:\.(?P<frac>\d*))?$|^\.(?P<frac_only>\d+)$")
_CURRENCY_PREFIXES = ("￥", "¥", "RMB", "CNY", "元")


class MoneyError(InputError):
    """An amount the cashier typed that cannot be taken; the message is fit for the screen."""


def parse_amount(text: str, *, allow_zero: bool = True, max_fen: int = MAX_AMOUNT_FEN) -> int:
    """What a cashier types (``12``, ``12.5``, ``￥12.50``) as fen; anything unclear is refused."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace("．", ".")
    for prefix in _CURRENCY_PREFIXES:
        if cleaned.upper().startswith(prefix):
            cleaned = cleaned[len(prefix) :].strip()
    if cleaned.endswith("元"):
        cleaned = cleaned[:-1].strip()
    if not cleaned:
        raise MoneyError("请输入金额")
    if cleaned.startswith("-"):
        raise MoneyError("金额不能为负数")
    cleaned = cleaned.lstrip("+")
    match = _AMOUNT_RE.match(cleaned)
    if match is None:
        raise MoneyError("无法识别的金额：%1", text.strip())
    yuan = match.group("yuan") or "0"
    frac = match.group("frac") or match.group("frac_only") or ""
    if len(frac) > 2:
        raise MoneyError("金额最多两位小数（精确到分）")
    if len(yuan) > 12:
        raise MoneyError("金额过大")
    fen = int(yuan) * FEN_PER_YUAN + int(frac.ljust(2, "0") or "0")
    if fen > max_fen:
        raise MoneyError("金额过大，上限为 %1", format_yuan(max_fen))
    if fen == 0 and not allow_zero:
        raise MoneyError("金额必须大于零")
    return fen


def format_fen(fen: int) -> str:
    """``1250 -> '12.50'``, ``-5 -> '-0.05'``."""
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{yuan}.{rest:02d}"


def format_yuan(fen: int) -> str:
    """``1250 -> '￥12.50'`` with the full-width sign that Chinese receipts use."""
    if fen < 0:
        return f"-{YUAN_SIGN}{format_fen(-fen)}"
    return f"{YUAN_SIGN}{format_fen(fen)}"


def div_round_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero: the rounding used for every discount."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    quotient, remainder = divmod(abs(numerator), denominator)
    if remainder * 2 >= denominator:
        quotient += 1
    return sign * quotient


def percent_of(amount_fen: int, basis_points: int) -> int:
    """``basis_points`` hundredths of a percent of an amount, rounded half up (1000 bp = 10 %)."""
    return div_round_half_up(amount_fen * basis_points, 10_000)


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` over ``weights`` in proportion, the shares summing exactly to ``total``.

    Largest remainder method, so an order discount spread over lines never loses or gains a fen.
    """
    if not weights:
        return []
    weight_sum = sum(weights)
    if weight_sum == 0:
        shares = [0] * len(weights)
        shares[0] = total
        return shares
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    raw = [magnitude * w for w in weights]
    shares = [r // weight_sum for r in raw]
    remainders = sorted(range(len(weights)), key=lambda i: (-(raw[i] % weight_sum), i))
    for i in remainders[: magnitude - sum(shares)]:
        shares[i] += 1
    return [sign * s for s in shares]


class Rounding(enum.StrEnum):
    """抹零: how the amount due is rounded before payment."""

    NONE = "none"
    DROP_FEN = "drop_fen"  # 抹分: 12.34 -> 12.30
    DROP_JIAO = "drop_jiao"  # 抹角: 12.34 -> 12.00
    ROUND_JIAO = "round_jiao"  # 四舍五入到角: 12.35 -> 12.40

    @property
    def label(self) -> str:
        return _ROUNDING_LABELS[self]

    def apply(self, amount_fen: int) -> int:
        """The amount due after rounding; never more than a jiao (or a yuan for 抹角) away."""
        if amount_fen < 0:
            return -self.apply(-amount_fen)
        if self is Rounding.DROP_FEN:
            return amount_fen - amount_fen % 10
        if self is Rounding.DROP_JIAO:
            return amount_fen - amount_fen % 100
        if self is Rounding.ROUND_JIAO:
            return div_round_half_up(amount_fen, 10) * 10
        return amount_fen


_ROUNDING_LABELS = {
    Rounding.NONE: "不抹零",
    Rounding.DROP_FEN: "抹分",
    Rounding.DROP_JIAO: "抹角",
    Rounding.ROUND_JIAO: "四舍五入到角",
}
