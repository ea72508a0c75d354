"""What a scanned code is: a GTIN with its check digit, an in-store weighed label, or a shop code.

Pure functions, no database: the catalog decides what a valid code means for the shop.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable

from stdnum import ean

from app.config import WeighedBarcodeLayout
from app.errors import KnownError

#: Lengths at which an all-digit code is a GTIN and must carry a valid check digit: EAN-8,
#: UPC-A, EAN-13 and ITF-14 (a case's code). Any other length is a shop's own code.
GTIN_LENGTHS = (8, 12, 13, 14)
MAX_CODE_LENGTH = 32

_INTERNAL_CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_.]*")


class BarcodeError(KnownError):
    """A code the counter cannot take; the message is a plain sentence for the screen."""


class BarcodeKind(enum.StrEnum):
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    ITF14 = "itf14"
    #: A shop's own code (letters, digits, ``-``, ``_``, ``.``), taken as it is.
    INTERNAL = "internal"


@dataclasses.dataclass(frozen=True)
class WeighedLabel:
    """A scale's label: the item code and either the price or the weight it printed."""

    item_code: str
    price_fen: int | None
    weight_milli: int | None
    layout: WeighedBarcodeLayout


def ean_check_digit(digits_without_check: str) -> int:
    """The GS1 check digit (EAN-8, UPC-A, EAN-13, ITF-14 alike), by python-stdnum's ``ean``."""
    if not digits_without_check or not _is_digits(digits_without_check):
        raise BarcodeError("条码格式不正确：%1", digits_without_check)
    return int(ean.calc_check_digit(digits_without_check))


def _is_digits(code: str) -> bool:
    return code.isascii() and code.isdigit()


def is_valid_gtin(code: str) -> bool:
    """True for an EAN-13, EAN-8, UPC-A or ITF-14 whose last digit is its check digit.

    The shape is checked here and only the digit by python-stdnum (its ``ean.is_valid`` would
    clean the text first, which doubles the cost of every scan).
    """
    if not _is_digits(code) or len(code) not in GTIN_LENGTHS:
        return False
    return ean.calc_check_digit(code[:-1]) == code[-1]


def classify(code: str) -> BarcodeKind:
    """The kind of a code, refusing a GTIN-shaped code with a wrong check digit."""
    if not code or len(code) > MAX_CODE_LENGTH or not _INTERNAL_CODE_RE.fullmatch(code):
        raise BarcodeError("条码格式不正确：%1", code)
    if _is_digits(code) and len(code) in GTIN_LENGTHS:
        if not is_valid_gtin(code):
            raise BarcodeError("条码校验位错误：%1", code)
        return _GTIN_KINDS[len(code)]
    return BarcodeKind.INTERNAL


_GTIN_KINDS = {
    14: BarcodeKind.ITF14,
    13: BarcodeKind.EAN13,
    12: BarcodeKind.UPCA,
    8: BarcodeKind.EAN8,
}


def normalize_code(text: str) -> str:
    """A code as typed or scanned, cleaned of surrounding blanks and checked by :func:`classify`."""
    code = text.strip()
    classify(code)
    return code


def gtin_variants(code: str) -> tuple[str, ...]:
    """The same article spelled as UPC-A and as EAN-13 (a leading ``0``), the code itself first.

    Some scanners send a UPC-A as 13 digits and some supplier lists drop the zero.
    """
    if _is_digits(code) and len(code) == 12:
        return (code, "0" + code)
    if _is_digits(code) and len(code) == 13 and code.startswith("0"):
        return (code, code[1:])
    return (code,)


def _field(code: str, pattern: str, letter: str) -> str:
    return "".join(c for c, p in zip(code, pattern, strict=True) if p == letter)


def parse_weighed_label(code: str, layouts: Iterable[WeighedBarcodeLayout]) -> WeighedLabel | None:
    """The label ``code`` is under the first layout whose prefix it starts with, else ``None``.

    Only a code of the layout's length, all digits, is a label; a label with a wrong check digit
    was misread and is refused rather than looked up as something else.
    """
    for layout in layouts:
        if not code.startswith(layout.prefix):
            continue
        if len(code) != len(layout.pattern) or not _is_digits(code):
            continue
        if not is_valid_gtin(code):
            raise BarcodeError("条码校验位错误：%1", code)
        item_code = _field(code, layout.pattern, "I")
        if "P" in layout.pattern:
            return WeighedLabel(item_code, int(_field(code, layout.pattern, "P")), None, layout)
        # Grams are the catalog's milli-units of a product sold by the kilogram.
        grams = int(_field(code, layout.pattern, "W"))
        return WeighedLabel(item_code, None, grams, layout)
    return None


def make_weighed_label(layout: WeighedBarcodeLayout, item_code: str, value: int) -> str:
    """The label a scale would print: for tests, demos and the label printer."""
    width_i = layout.pattern.count("I")
    value_letter = "P" if "P" in layout.pattern else "W"
    width_v = layout.pattern.count(value_letter)
    if not _is_digits(item_code) or len(item_code) > width_i:
        raise BarcodeError("商品码须为不超过 %1 位的数字：%2", width_i, item_code)
    if not 0 <= value < 10**width_v:
        raise BarcodeError("标签数值超出 %1 位：%2", width_v, value)
    fields = {"I": iter(item_code.zfill(width_i)), value_letter: iter(str(value).zfill(width_v))}
    body = "".join(next(fields[p]) if p in fields else p for p in layout.pattern[:-1])
    return body + str(ean_check_digit(body))
