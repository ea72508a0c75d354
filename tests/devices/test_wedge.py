"""Keyboard-wedge detection on synthetic key timings: scanners are fast, people are not."""

from __future__ import annotations

import pytest

from app.devices.errors import DeviceSettingsError
from app.devices.wedge import WedgeDecision, WedgeDetector, WedgeKind, WedgeSettings
from tests.devices.manual_clock import ManualClock

SCANNER_GAP_MS = 4.0
PERSON_GAP_MS = 120.0


def type_keys(
    detector: WedgeDetector, text: str, start_ms: float, gap_ms: float
) -> tuple[list[WedgeDecision], float]:
    """Feed ``text`` one key every ``gap_ms``; returns the decisions and the last key's time."""
    decisions = []
    at = start_ms
    for index, char in enumerate(text):
        at = start_ms + index * gap_ms
        decisions.append(detector.feed(char, at))
    return decisions, at


def test_a_fast_burst_ended_by_enter_is_a_scan_of_its_text() -> None:
    detector = WedgeDetector()
    decisions, last = type_keys(detector, "6901234567892", 1000.0, SCANNER_GAP_MS)
    assert {d.kind for d in decisions} == {WedgeKind.PENDING}
    decision = detector.feed_enter(last + SCANNER_GAP_MS)
    assert decision == WedgeDecision(WedgeKind.SCAN, "6901234567892", 13)


def test_slow_typing_ended_by_enter_is_left_to_the_field() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "800012", 0.0, PERSON_GAP_MS)
    assert detector.feed_enter(last + PERSON_GAP_MS) == WedgeDecision(WedgeKind.TYPING, "800012", 6)


def test_a_burst_after_slow_typing_is_a_scan_of_the_fast_tail_only() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "12", 0.0, PERSON_GAP_MS)
    _, last = type_keys(detector, "6901234567892", last + 400.0, SCANNER_GAP_MS)
    decision = detector.feed_enter(last + SCANNER_GAP_MS)
    assert decision.kind is WedgeKind.SCAN
    assert decision.text == "6901234567892"
    assert decision.typed_length == 13  # the cashier's "12" stays in the field


def test_a_person_rolling_three_keys_fast_is_not_a_scan() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "12", 0.0, PERSON_GAP_MS)
    _, last = type_keys(detector, "345", last + PERSON_GAP_MS, 15.0)
    decision = detector.feed_enter(last + 20.0)
    assert decision == WedgeDecision(WedgeKind.TYPING, "12345", 5)


def test_a_fast_burst_followed_by_a_slow_enter_is_typing() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "6901234567892", 0.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + 200.0).kind is WedgeKind.TYPING


def test_one_slow_gap_inside_a_burst_splits_it_and_a_short_tail_is_typing() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "690123456", 0.0, SCANNER_GAP_MS)
    _, last = type_keys(detector, "789", last + 31.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.TYPING


def test_a_gap_equal_to_the_limit_still_counts_as_fast() -> None:
    detector = WedgeDetector(WedgeSettings(max_interval_ms=30.0))
    _, last = type_keys(detector, "123456", 0.0, 30.0)
    assert detector.feed_enter(last + 30.0).kind is WedgeKind.SCAN


def test_the_minimum_length_is_configurable() -> None:
    detector = WedgeDetector(WedgeSettings(min_length=8))
    _, last = type_keys(detector, "1234567", 0.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.TYPING
    _, last = type_keys(detector, "12345678", 1000.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.SCAN


def test_prefix_and_suffix_are_removed_from_the_scan_but_counted_as_typed() -> None:
    detector = WedgeDetector(WedgeSettings(prefix="@", suffix="#"))
    _, last = type_keys(detector, "@800012345#", 0.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS) == WedgeDecision(
        WedgeKind.SCAN, "800012345", 11
    )


def test_a_key_rolled_just_before_the_prefix_is_not_part_of_the_scan() -> None:
    detector = WedgeDetector(WedgeSettings(prefix="@"))
    detector.feed("9", 0.0)
    _, last = type_keys(detector, "@800012345", 10.0, SCANNER_GAP_MS)
    decision = detector.feed_enter(last + SCANNER_GAP_MS)
    assert (decision.kind, decision.text, decision.typed_length) == (
        WedgeKind.SCAN,
        "800012345",
        10,
    )


def test_the_prefix_and_suffix_do_not_count_towards_the_minimum_length() -> None:
    detector = WedgeDetector(WedgeSettings(prefix="@@", suffix="##", min_length=4))
    _, last = type_keys(detector, "@@123##", 0.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.TYPING


def test_a_tab_terminator_ends_a_scan_and_enter_then_only_ends_typing() -> None:
    detector = WedgeDetector(WedgeSettings(terminator="\t"))
    _, last = type_keys(detector, "800012345", 0.0, SCANNER_GAP_MS)
    assert detector.feed("\t", last + SCANNER_GAP_MS).kind is WedgeKind.SCAN
    _, last = type_keys(detector, "800012345", 1000.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.TYPING


@pytest.mark.parametrize("enter", ["\r", "\n"])
def test_enter_as_a_character_is_the_same_as_feed_enter(enter: str) -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "800012345", 0.0, SCANNER_GAP_MS)
    assert detector.feed(enter, last + SCANNER_GAP_MS).kind is WedgeKind.SCAN


def test_each_enter_starts_a_new_sequence() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "800012345", 0.0, SCANNER_GAP_MS)
    detector.feed_enter(last + SCANNER_GAP_MS)
    _, last = type_keys(detector, "77", 1000.0, PERSON_GAP_MS)
    assert detector.feed_enter(last + PERSON_GAP_MS) == WedgeDecision(WedgeKind.TYPING, "77", 2)


def test_an_enter_on_an_empty_field_is_typing_with_no_text() -> None:
    assert WedgeDetector().feed_enter(0.0) == WedgeDecision(WedgeKind.TYPING, "", 0)


def test_reset_forgets_the_keys_so_far() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "800012345", 0.0, SCANNER_GAP_MS)
    detector.reset()
    assert detector.feed_enter(last + SCANNER_GAP_MS) == WedgeDecision(WedgeKind.TYPING, "", 0)


def test_empty_key_text_from_a_modifier_is_ignored() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "8000", 0.0, SCANNER_GAP_MS)
    assert detector.feed("", last + 100.0).kind is WedgeKind.PENDING
    _, last = type_keys(detector, "12345", last + SCANNER_GAP_MS, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).text == "800012345"


def test_a_clock_going_backwards_breaks_the_burst_instead_of_joining_it() -> None:
    detector = WedgeDetector()
    _, last = type_keys(detector, "8000", 100.0, SCANNER_GAP_MS)
    _, last = type_keys(detector, "123", 50.0, SCANNER_GAP_MS)
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.TYPING


# -- keys without a timestamp: the detector's own clock ----------------------------------------


def keys_on_clock(detector: WedgeDetector, clock: ManualClock, text: str, gap_ms: float) -> None:
    """Feed ``text`` with no timestamps, the clock moving ``gap_ms`` before each key."""
    for char in text:
        clock.advance_ms(gap_ms)
        assert detector.feed(char).kind is WedgeKind.PENDING


def test_keys_without_a_timestamp_are_timed_by_the_detectors_clock() -> None:
    clock = ManualClock()
    detector = WedgeDetector(clock=clock)
    keys_on_clock(detector, clock, "6901234567892", SCANNER_GAP_MS)
    clock.advance_ms(SCANNER_GAP_MS)
    assert detector.feed_enter() == WedgeDecision(WedgeKind.SCAN, "6901234567892", 13)
    keys_on_clock(detector, clock, "800012", PERSON_GAP_MS)
    clock.advance_ms(PERSON_GAP_MS)
    assert detector.feed_enter() == WedgeDecision(WedgeKind.TYPING, "800012", 6)


def test_a_burst_held_up_longer_than_the_limit_on_the_clock_is_typing() -> None:
    clock = ManualClock()
    detector = WedgeDetector(WedgeSettings(max_interval_ms=30.0), clock=clock)
    keys_on_clock(detector, clock, "123456", 30.0)
    clock.advance_ms(30.0)
    assert detector.feed_enter().kind is WedgeKind.SCAN  # the limit itself is still fast
    keys_on_clock(detector, clock, "123456", 30.0)
    clock.advance_ms(30.5)
    assert detector.feed_enter().kind is WedgeKind.TYPING


def test_a_timestamp_given_with_the_key_wins_over_the_clock() -> None:
    clock = ManualClock()
    detector = WedgeDetector(clock=clock)
    _, last = type_keys(detector, "800012345", 0.0, SCANNER_GAP_MS)
    clock.advance(3600.0)  # the clock is far away; the keys' own times say it was a burst
    assert detector.feed_enter(last + SCANNER_GAP_MS).kind is WedgeKind.SCAN


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (dict(max_interval_ms=0), "间隔"),
        (dict(min_length=0), "最短长度"),
        (dict(terminator=""), "结束键"),
    ],
)
def test_impossible_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(DeviceSettingsError, match=message):
        WedgeSettings(**settings)  # type: ignore[arg-type]
