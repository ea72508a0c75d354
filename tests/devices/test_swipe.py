"""Swipe parsing: magnetic tracks, plain numbers, prefixes, bad reads, and whatever noise comes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config import CardReaderConfig
from app.devices.errors import DeviceSettingsError
from app.devices.swipe import (
    MSG_BAD_READ,
    MSG_EMPTY,
    MSG_GARBLED,
    SwipeError,
    SwipeSettings,
    card_from_input,
    looks_like_swipe,
    parse_swipe,
    swipe_settings,
)

DIGITS = "0123456789"
LETTERS_AND_DIGITS = DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DEFAULT = SwipeSettings()

card_numbers = st.text(alphabet=DIGITS, min_size=DEFAULT.min_length, max_size=DEFAULT.max_length)
# What a reader may add around the number: printable, and holding no digit or track sentinel.
affixes = st.text(alphabet="@#$&*!~<>[]{}|STXABC", min_size=1, max_size=4)
names = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ /.", max_size=26)
track_tails = st.text(alphabet=DIGITS, max_size=20)


@pytest.mark.parametrize(
    ("raw", "card_no"),
    [
        ("%B6222021234567890^ZHANG/SAN^2512101000000000000?", "6222021234567890"),
        (";6222021234567890=25121010000000000?", "6222021234567890"),
        ("%B6222021234567890^ZHANG/SAN^2512?;6222021234567890=2512?", "6222021234567890"),
        ("%E?;800012345=4912?", "800012345"),
        (";800012345=4912?+E?", "800012345"),
        (";800012345?\r\n", "800012345"),
        ("800012345\r", "800012345"),
        ("  800012345  ", "800012345"),
        ("800012345=4912", "800012345"),
        ("；８０００１２３４５＝４９１２？", "800012345"),
    ],
)
def test_known_swipes_give_the_card_number(raw: str, card_no: str) -> None:
    assert parse_swipe(raw) == card_no


def test_track_two_is_preferred_when_the_tracks_disagree() -> None:
    assert parse_swipe("%B11112222^A/B^2512?;33334444=2512?") == "33334444"


def test_track_one_is_used_when_track_two_failed() -> None:
    assert parse_swipe("%B11112222^A/B^2512?;E?") == "11112222"


@pytest.mark.parametrize("raw", ["%E?", ";E?", "+E?", "%E?;E?+E?", "%E?\r\n"])
def test_a_failed_read_asks_to_swipe_again(raw: str) -> None:
    with pytest.raises(SwipeError, match=MSG_BAD_READ):
        parse_swipe(raw)


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", ";?", "%?"])
def test_an_empty_swipe_says_no_number_was_read(raw: str) -> None:
    with pytest.raises(SwipeError, match=MSG_EMPTY):
        parse_swipe(raw)


@pytest.mark.parametrize("raw", ["12ab34", "1234?5678", ";1234%5678?", "卡号12345", "12 34 56"])
def test_garbled_input_is_refused_with_a_plain_message(raw: str) -> None:
    with pytest.raises(SwipeError, match=MSG_GARBLED):
        parse_swipe(raw)


def test_a_number_shorter_than_the_minimum_is_refused_with_both_lengths() -> None:
    settings = SwipeSettings(min_length=6, max_length=10)
    with pytest.raises(SwipeError, match="卡号应为 6 到 10 位，读到 5 位"):
        parse_swipe("12345", settings)
    assert parse_swipe("123456", settings) == "123456"


def test_a_number_longer_than_the_maximum_is_refused() -> None:
    settings = SwipeSettings(min_length=8, max_length=8)
    with pytest.raises(SwipeError, match="卡号应为 8 位，读到 9 位"):
        parse_swipe(";123456789?", settings)


def test_letters_are_refused_unless_the_settings_allow_them() -> None:
    with pytest.raises(SwipeError, match=MSG_GARBLED):
        parse_swipe("VIP00123")
    assert parse_swipe("VIP00123", SwipeSettings(allow_letters=True)) == "VIP00123"


def test_the_configured_prefix_and_suffix_are_removed_when_present() -> None:
    settings = SwipeSettings(prefix="@@", suffix="##")
    assert parse_swipe("@@800012345##", settings) == "800012345"
    assert parse_swipe("800012345", settings) == "800012345"
    assert parse_swipe("@@;800012345=4912?##\r", settings) == "800012345"


def test_an_error_message_never_repeats_what_was_read() -> None:
    with pytest.raises(SwipeError) as caught:
        parse_swipe("62220212345678901234567890")
    assert "6222" not in str(caught.value)


@pytest.mark.parametrize(
    ("min_length", "max_length", "message"),
    [(0, 10, "最短长度"), (10, 9, "最长长度")],
)
def test_impossible_settings_are_refused(min_length: int, max_length: int, message: str) -> None:
    with pytest.raises(DeviceSettingsError, match=message):
        SwipeSettings(min_length=min_length, max_length=max_length)


@given(card_numbers, names, track_tails)
def test_any_card_number_on_track_one_parses_back_to_itself(
    card_no: str, name: str, tail: str
) -> None:
    assert parse_swipe(f"%B{card_no}^{name}^{tail}?") == card_no


@given(card_numbers, track_tails)
def test_any_card_number_on_track_two_parses_back_to_itself(card_no: str, tail: str) -> None:
    assert parse_swipe(f";{card_no}={tail}?\r\n") == card_no


@given(card_numbers, affixes, affixes)
def test_any_card_number_between_prefix_and_suffix_parses_back_to_itself(
    card_no: str, prefix: str, suffix: str
) -> None:
    settings = SwipeSettings(prefix=prefix, suffix=suffix)
    assert parse_swipe(f"{prefix}{card_no}{suffix}\r", settings) == card_no


@given(st.text(alphabet=LETTERS_AND_DIGITS, min_size=4, max_size=24), names)
def test_any_letter_card_on_track_one_parses_back_to_itself_when_letters_are_allowed(
    card_no: str, name: str
) -> None:
    settings = SwipeSettings(allow_letters=True)
    assert parse_swipe(f"%B{card_no}^{name}^?", settings) == card_no


@given(st.text())
def test_random_noise_raises_nothing_but_a_swipe_error(noise: str) -> None:
    try:
        card_no = parse_swipe(noise)
    except SwipeError as exc:
        assert str(exc)
    else:
        assert card_no.isascii() and card_no.isdigit()


@given(st.text(alphabet="%;+?^=E0123456789 \r\n\x02\x03"))
def test_noise_made_of_track_characters_raises_nothing_but_a_swipe_error(noise: str) -> None:
    try:
        card_no = parse_swipe(noise, SwipeSettings(min_length=1))
    except SwipeError as exc:
        assert str(exc)
    else:
        assert card_no.isdigit()


# -- telling a swipe from a barcode or a number typed by hand -----------------------------------


@pytest.mark.parametrize(
    ("text", "prefix", "swiped"),
    [
        (";6222021234567890=2512?", "", True),
        ("%B6222021234567890^ZHANG/SAN^2512?", "", True),
        ("+88000001?", "", True),
        ("；６２２２？", "", True),  # a full-width input mode
        ("M88000001", "M", True),
        ("Ｍ88000001", "M", True),
        ("6901234567892", "", False),  # a barcode
        ("88000001", "", False),  # a card number typed by hand, or an IC reader's digits
        ("88000001", "M", False),
        ("", "", False),
    ],
)
def test_a_swipe_is_a_track_or_the_readers_prefix(text: str, prefix: str, swiped: bool) -> None:
    assert looks_like_swipe(text, prefix) is swiped


@given(st.text(alphabet=DIGITS, min_size=1, max_size=30))
def test_digits_alone_are_never_taken_for_a_swipe(text: str) -> None:
    assert not looks_like_swipe(text, "")


def test_the_swipe_rules_come_from_the_saved_reader_settings() -> None:
    card = CardReaderConfig(
        kind="serial", prefix="M", suffix="#", min_length=8, max_length=8, allow_letters=True
    )
    assert swipe_settings(card) == SwipeSettings(
        prefix="M", suffix="#", min_length=8, max_length=8, allow_letters=True
    )
    assert swipe_settings(CardReaderConfig()) == DEFAULT


@given(card_numbers)
def test_a_card_swiped_into_a_field_reads_as_its_number(card_no: str) -> None:
    assert card_from_input(f" ;{card_no}=2512101? ", DEFAULT) == card_no
    assert card_from_input(f"M{card_no}#", SwipeSettings(prefix="M", suffix="#")) == card_no


@given(st.text(alphabet=DIGITS + "abc -", max_size=30))
def test_what_is_typed_into_a_card_field_is_kept_as_typed(text: str) -> None:
    assert card_from_input(text, DEFAULT) == text.strip()


def test_an_unreadable_swipe_into_a_field_is_refused() -> None:
    with pytest.raises(SwipeError, match="刷卡失败"):
        card_from_input(";E?", DEFAULT)
