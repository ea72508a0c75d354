"""Barcode check digits, kinds and weighed labels, on known codes and on generated ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import WeighedBarcodeLayout
from app.pos.barcodes import (
    BarcodeError,
    BarcodeKind,
    classify,
    ean_check_digit,
    gtin_variants,
    is_valid_gtin,
    make_weighed_label,
    normalize_code,
    parse_weighed_label,
)

PRICE_LAYOUT = WeighedBarcodeLayout("22IIIIIPPPPPC")
WEIGHT_LAYOUT = WeighedBarcodeLayout("23IIIIIWWWWWC")
LAYOUTS = (PRICE_LAYOUT, WEIGHT_LAYOUT)

gtin_bodies = st.sampled_from([7, 11, 12, 13]).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)
)


def with_check(body: str) -> str:
    return body + str(ean_check_digit(body))


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("6901234567892", BarcodeKind.EAN13),
        ("96385074", BarcodeKind.EAN8),
        ("036000291452", BarcodeKind.UPCA),
        ("10012345678902", BarcodeKind.ITF14),
        ("00001", BarcodeKind.INTERNAL),
        ("P000123", BarcodeKind.INTERNAL),
        ("ABC-12_x.9", BarcodeKind.INTERNAL),
    ],
)
def test_known_codes_are_classified_by_their_shape(code: str, kind: BarcodeKind) -> None:
    assert classify(code) is kind


@pytest.mark.parametrize("code", ["6901234567893", "96385075", "036000291453"])
def test_a_gtin_with_a_wrong_check_digit_is_refused_in_chinese(code: str) -> None:
    assert not is_valid_gtin(code)
    with pytest.raises(BarcodeError, match="条码校验位错误：" + code):
        classify(code)


@pytest.mark.parametrize("code", ["", "可乐", "a b", "X" * 33, "-12", "12\n"])
def test_codes_with_odd_characters_or_length_are_refused(code: str) -> None:
    with pytest.raises(BarcodeError, match="条码格式不正确"):
        classify(code)


def test_normalize_strips_what_a_scanner_adds_around_the_code() -> None:
    assert normalize_code("  6901234567892\r\n") == "6901234567892"


def test_check_digit_refuses_what_is_not_digits() -> None:
    with pytest.raises(BarcodeError):
        ean_check_digit("12a4")
    with pytest.raises(BarcodeError):
        ean_check_digit("")


@given(gtin_bodies)
def test_a_code_made_with_its_check_digit_is_valid(body: str) -> None:
    code = with_check(body)
    assert is_valid_gtin(code)
    assert classify(code) is not BarcodeKind.INTERNAL


@given(gtin_bodies, st.data())
def test_changing_any_single_digit_makes_a_valid_code_invalid(
    body: str, data: st.DataObject
) -> None:
    code = with_check(body)
    position = data.draw(st.integers(0, len(code) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != code[position]]))
    changed = code[:position] + digit + code[position + 1 :]
    assert not is_valid_gtin(changed)
    with pytest.raises(BarcodeError, match="条码校验位错误"):
        classify(changed)


@given(st.text(alphabet="0123456789", min_size=1, max_size=32))
def test_all_digit_codes_are_checked_only_at_gtin_lengths(code: str) -> None:
    if len(code) in (8, 12, 13, 14) and not is_valid_gtin(code):
        with pytest.raises(BarcodeError):
            classify(code)
    else:
        assert classify(code) in set(BarcodeKind)


def test_upc_a_and_its_ean13_spelling_are_twins() -> None:
    assert gtin_variants("036000291452") == ("036000291452", "0036000291452")
    assert gtin_variants("0036000291452") == ("0036000291452", "036000291452")
    assert gtin_variants("6901234567892") == ("6901234567892",)


def test_a_price_label_gives_item_code_and_price_in_fen() -> None:
    label = parse_weighed_label("2200001012349", LAYOUTS)
    assert label is not None
    assert (label.item_code, label.price_fen, label.weight_milli) == ("00001", 1234, None)


def test_a_weight_label_gives_grams_as_milli_kilograms() -> None:
    label = parse_weighed_label(make_weighed_label(WEIGHT_LAYOUT, "00012", 355), LAYOUTS)
    assert label is not None
    assert (label.item_code, label.price_fen, label.weight_milli) == ("00012", None, 355)


def test_codes_without_a_layout_prefix_or_length_are_not_labels() -> None:
    assert parse_weighed_label("6901234567892", LAYOUTS) is None
    assert parse_weighed_label("2212", LAYOUTS) is None


def test_a_label_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(BarcodeError, match="条码校验位错误"):
        parse_weighed_label("2200001012340", LAYOUTS)


@given(
    st.sampled_from(LAYOUTS),
    st.text(alphabet="0123456789", min_size=1, max_size=5),
    st.integers(0, 99_999),
)
def test_any_label_a_scale_prints_reads_back(
    layout: WeighedBarcodeLayout, item: str, value: int
) -> None:
    code = make_weighed_label(layout, item, value)
    assert is_valid_gtin(code)
    label = parse_weighed_label(code, LAYOUTS)
    assert label is not None
    assert label.item_code == item.zfill(5)
    assert (label.price_fen if layout is PRICE_LAYOUT else label.weight_milli) == value
