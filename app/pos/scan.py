"""What a line entered in the scan field means, decided from the text alone (no Qt, no database).

The scan field takes everything: a product's barcode or the shop's code, a scale's label, a
quantity before a code (``3*6901234567892``), a member's card number from an IC reader (which
types only digits), a member's phone, a coupon code, or a product name and its pinyin initials.
:func:`read_scan` says which of these the text is, and what else it may be when the catalog has
no product by that code; the sale screen only asks and dispatches. Whether a code names a
product, a member or a coupon is for the catalog and the member services to say.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable

from app.config import DEFAULT_WEIGHED_LAYOUTS, WeighedBarcodeLayout
from app.members.coupons import CODE_DIGITS as COUPON_CODE_DIGITS
from app.members.enrolment import looks_like_phone
from app.pos.barcodes import BarcodeError, WeighedLabel, classify, parse_weighed_label
from app.pos.cart import parse_quantity

#: ``3*code``, ``0.5x code``, ``2×code``: a quantity (up to 9999, three decimals) before a code.
_QUANTITY_PREFIX_RE = re.compile(r"^(\d{1,4}(?:\.\d{1,3})?)\s*[*xX×]\s*(\S+)$")


class ScanKind(enum.StrEnum):
    PRODUCT = "product"  # a barcode or the shop's own code, looked up in the catalog
    WEIGHED_LABEL = "weighed_label"  # a scale's label: an item code and its weight or price
    COUPON = "coupon"  # a coupon code of the member attached to the sale
    MEMBER_CARD = "member_card"  # digits from an IC or ID card reader: attaches the member
    PHONE = "phone"  # a mobile number typed in: attaches the member with that phone
    NAME_SEARCH = "name_search"  # a product name or its pinyin initials: offers a choice


#: The kinds the catalog answers by the code; the others are asked only when it has no product.
CATALOG_KINDS = frozenset({ScanKind.PRODUCT, ScanKind.WEIGHED_LABEL})


@dataclasses.dataclass(frozen=True)
class ScanMeaning:
    """What a scan is (``kind``), and what it may be else, in order, if the catalog has no
    product by ``code`` (``otherwise``; empty: the catalog's refusal is the answer)."""

    kind: ScanKind
    code: str
    qty_milli: int | None = None  # from a quantity before the code
    label: WeighedLabel | None = None  # a scale's label, as read under the store's layouts
    otherwise: tuple[ScanKind, ...] = ()

    @property
    def asks_the_catalog(self) -> bool:
        return self.kind in CATALOG_KINDS


def read_scan(
    text: str,
    *,
    member_attached: bool,
    layouts: Iterable[WeighedBarcodeLayout] = DEFAULT_WEIGHED_LAYOUTS,
) -> ScanMeaning | None:
    """The meaning of one line from the scan field, or None for a blank one.

    A code is first a product (an exact code wins over a scale's label of the same digits).
    Digits alone that name no product are, without a member on the sale, that member's card
    number or phone; with one, a coupon code of the coupon's length. A text that can be no code
    at all is a name to search; one that can be is searched for only when no product has it.
    A quantity before the code rules out members and coupons, which have none.
    """
    code = text.strip()
    if not code:
        return None
    qty_milli: int | None = None
    quantity = _QUANTITY_PREFIX_RE.match(code)
    if quantity is not None:
        qty_milli = parse_quantity(quantity.group(1), by_weight=True)
        code = quantity.group(2)
    if code.isdigit():
        otherwise: tuple[ScanKind, ...] = ()
        if qty_milli is None and member_attached and len(code) == COUPON_CODE_DIGITS:
            otherwise = (ScanKind.COUPON,)
        elif qty_milli is None and not member_attached:
            otherwise = (ScanKind.PHONE if looks_like_phone(code) else ScanKind.MEMBER_CARD,)
        label = _weighed_label(code, layouts)
        kind = ScanKind.PRODUCT if label is None else ScanKind.WEIGHED_LABEL
        return ScanMeaning(kind, code, qty_milli, label, otherwise)
    try:
        classify(code)
    except BarcodeError:
        return ScanMeaning(ScanKind.NAME_SEARCH, code, qty_milli)
    return ScanMeaning(ScanKind.PRODUCT, code, qty_milli, otherwise=(ScanKind.NAME_SEARCH,))


def _weighed_label(code: str, layouts: Iterable[WeighedBarcodeLayout]) -> WeighedLabel | None:
    try:
        return parse_weighed_label(code, layouts)
    except BarcodeError:  # a misread label: the catalog refuses it with the reason
        return None
