"""The meaning of a scan, from the text alone: products, scales' labels, members, coupons, names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import DEFAULT_WEIGHED_LAYOUTS, WeighedBarcodeLayout
from app.members.coupons import CODE_DIGITS
from app.pos.barcodes import make_weighed_label
from app.pos.scan import ScanKind, ScanMeaning, read_scan

PRICE_LAYOUT, WEIGHT_LAYOUT = DEFAULT_WEIGHED_LAYOUTS
COLA = "6901234567892"
CARD = "88000001"
PHONE = "13812345678"
COUPON = "1" * CODE_DIGITS


def read(text: str, *, member: bool = False) -> ScanMeaning:
    meaning = read_scan(text, member_attached=member)
    assert meaning is not None
    return meaning


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_a_blank_line_means_nothing(text: str) -> None:
    assert read_scan(text, member_attached=False) is None


def test_a_barcode_is_a_product_and_else_a_member_card_when_no_member_is_attached() -> None:
    assert read(COLA) == ScanMeaning(ScanKind.PRODUCT, COLA, otherwise=(ScanKind.MEMBER_CARD,))
    assert read(f"  {CARD}\n") == ScanMeaning(
        ScanKind.PRODUCT, CARD, otherwise=(ScanKind.MEMBER_CARD,)
    )


def test_with_a_member_attached_digits_are_no_other_member() -> None:
    assert read(CARD, member=True) == ScanMeaning(ScanKind.PRODUCT, CARD)
    assert read(PHONE, member=True) == ScanMeaning(ScanKind.PRODUCT, PHONE)


def test_a_mobile_number_is_a_phone_when_no_product_has_it() -> None:
    assert read(PHONE).otherwise == (ScanKind.PHONE,)
    assert read("12812345678").otherwise == (ScanKind.MEMBER_CARD,)  # no mobile starts 12


def test_a_coupon_code_counts_only_for_the_member_attached() -> None:
    assert read(COUPON, member=True).otherwise == (ScanKind.COUPON,)
    assert read(COUPON).otherwise == (ScanKind.MEMBER_CARD,)
    assert read(COUPON[:-1], member=True).otherwise == ()


def test_a_scales_label_is_read_under_the_stores_layouts() -> None:
    priced = make_weighed_label(PRICE_LAYOUT, "00012", 1234)
    meaning = read(priced)
    assert meaning.kind is ScanKind.WEIGHED_LABEL and meaning.asks_the_catalog
    assert meaning.label is not None and meaning.label.item_code == "00012"
    assert meaning.label.price_fen == 1234 and meaning.label.weight_milli is None
    weighed = read(make_weighed_label(WEIGHT_LAYOUT, "00034", 355)).label
    assert weighed is not None and weighed.weight_milli == 355
    other_store = (WeighedBarcodeLayout("29IIIIIWWWWWC"),)
    assert read_scan(priced, member_attached=False, layouts=other_store) == ScanMeaning(
        ScanKind.PRODUCT, priced, otherwise=(ScanKind.MEMBER_CARD,)
    )


def test_a_misread_label_is_left_to_the_catalog_to_refuse() -> None:
    label = make_weighed_label(PRICE_LAYOUT, "00012", 1234)
    misread = label[:-1] + str((int(label[-1]) + 1) % 10)
    assert read(misread).kind is ScanKind.PRODUCT and read(misread).label is None


@pytest.mark.parametrize(
    ("text", "qty_milli", "code"),
    [
        (f"3*{COLA}", 3000, COLA),
        (f"0.5x{COLA}", 500, COLA),
        (f"2 × {COLA}", 2000, COLA),
        (f"1.25X {COLA}", 1250, COLA),
    ],
)
def test_a_quantity_before_a_code_is_taken_off_it(text: str, qty_milli: int, code: str) -> None:
    meaning = read(text)
    assert (meaning.kind, meaning.code, meaning.qty_milli) == (ScanKind.PRODUCT, code, qty_milli)
    assert meaning.otherwise == ()  # members and coupons come without a quantity


def test_a_name_is_searched_for_and_a_code_shaped_word_first_looked_up() -> None:
    assert read("可乐") == ScanMeaning(ScanKind.NAME_SEARCH, "可乐")
    assert read("2*可乐") == ScanMeaning(ScanKind.NAME_SEARCH, "可乐", qty_milli=2000)
    assert read("kl") == ScanMeaning(ScanKind.PRODUCT, "kl", otherwise=(ScanKind.NAME_SEARCH,))
    assert read("可口 可乐") == ScanMeaning(ScanKind.NAME_SEARCH, "可口 可乐")
    assert not read("可乐").asks_the_catalog


@given(st.text(max_size=40), st.booleans())
def test_any_line_has_one_meaning_and_never_raises(text: str, member: bool) -> None:
    meaning = read_scan(text, member_attached=member)
    if not text.strip():
        assert meaning is None
        return
    assert meaning is not None
    assert meaning.code and meaning.code in text
    assert meaning.kind not in meaning.otherwise
    assert (meaning.kind is ScanKind.NAME_SEARCH) == (not meaning.asks_the_catalog)


@given(st.text(alphabet="0123456789", min_size=1, max_size=24), st.booleans())
def test_digits_are_never_a_name_and_are_a_member_or_a_coupon_only_without_a_quantity(
    digits: str, member: bool
) -> None:
    alone = read(digits, member=member)
    assert alone.asks_the_catalog and alone.code == digits and alone.qty_milli is None
    if member:
        expected = (ScanKind.COUPON,) if len(digits) == CODE_DIGITS else ()
        assert alone.otherwise == expected
    else:
        assert alone.otherwise in ((ScanKind.MEMBER_CARD,), (ScanKind.PHONE,))
    counted = read(f"2*{digits}", member=member)
    assert (counted.code, counted.qty_milli, counted.otherwise) == (digits, 2000, ())
