"""The customer pole display: its texts, its exact bytes, and those bytes read off a real pty."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from app.devices.pole_display import (
    CLEAR,
    INIT,
    MSG_TIMEOUT,
    MSG_UNREACHABLE,
    CommandSet,
    DisplayConfigError,
    DisplayError,
    PoleDisplay,
    change_lines,
    fit,
    item_lines,
    render_lines,
    spread,
    total_lines,
    welcome_lines,
)
from app.errors import KnownError
from app.pos.receipts import display_width
from tests.devices.pty_pair import PtyPair, pty_pair, read_exactly, read_until_quiet

__all__ = ["pty_pair"]  # the fixture, imported so pytest finds it here

MOVE_LINE_1 = b"\x1f$\x01\x01"
MOVE_LINE_2 = b"\x1f$\x01\x02"
SETUP = INIT + b"\x1f\x01" + CLEAR


def gb(text: str) -> bytes:
    return text.encode("gb18030")


# -- texts --------------------------------------------------------------------------------------


def test_an_item_shows_its_name_and_price_over_the_right_aligned_total() -> None:
    assert item_lines("可口可乐", 350, 1280) == (
        "可口可乐        3.50",
        "合计           12.80",
    )


def test_a_long_name_is_cut_to_leave_the_price_whole() -> None:
    line1, _ = item_lines("农夫山泉饮用天然水550ml", 200, 200)
    assert line1 == "农夫山泉饮用天  2.00"
    assert display_width(line1) == 20


def test_a_cut_never_splits_a_chinese_character() -> None:
    assert fit("ab可口可乐", 5) == "ab可 "
    assert spread("可口可乐", "1.00", 10) == "可口  1.00"


def test_an_amount_wider_than_the_display_is_cut_rather_than_overflowing() -> None:
    assert spread("合计", "123456789012.00", 10) == "1234567890"


def test_total_change_and_welcome_texts() -> None:
    assert total_lines(99_999_999) == ("请付款              ", "合计       999999.99")
    assert change_lines(10_000, 2_345) == ("实收          100.00", "找零           23.45")
    assert welcome_lines("欢迎光临\nWelcome") == ("      欢迎光临      ", "      Welcome       ")


@pytest.mark.parametrize("width", [8, 16, 20, 40])
def test_every_line_is_exactly_the_display_width(width: int) -> None:
    lines = [
        *item_lines("草莓味酸奶（大）×2", 123_456, 9_999_999, width),
        *total_lines(5, width),
        *change_lines(0, 0, width),
        *welcome_lines("欢迎光临本店，祝您购物愉快", width),
    ]
    assert {display_width(line) for line in lines} == {width}


# -- bytes --------------------------------------------------------------------------------------


def test_render_lines_moves_to_each_line_and_writes_it_padded_in_gb18030() -> None:
    assert render_lines(*item_lines("可口可乐", 350, 1280)) == (
        MOVE_LINE_1
        + gb("可口可乐")
        + b"        3.50"
        + MOVE_LINE_2
        + gb("合计")
        + b"           12.80"
    )


def test_render_lines_for_a_cd5220_display_moves_with_esc_l() -> None:
    data = render_lines("A", "B", width=8, command_set=CommandSet.CD5220)
    assert data == b"\x1bl\x01\x01A       \x1bl\x01\x02B       "


def test_control_characters_in_a_name_cannot_reach_the_display() -> None:
    data = render_lines("可乐\x0c\x1b@", "", width=8)
    assert data == MOVE_LINE_1 + gb("可乐") + b"  @ " + MOVE_LINE_2 + b" " * 8


def test_characters_the_encoding_lacks_become_one_column_question_marks() -> None:
    data = render_lines("可乐 cola", "", width=10, encoding="ascii")
    assert data == MOVE_LINE_1 + b"?? cola   " + MOVE_LINE_2 + b" " * 10


def test_a_character_outside_gbk_still_goes_out_in_gb18030() -> None:
    data = render_lines("𠀀", "", width=8)
    assert data.startswith(MOVE_LINE_1 + "𠀀".encode("gb18030"))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(port=""), "串口"),
        (dict(port="/dev/null", width=4), "宽度"),
        (dict(port="/dev/null", encoding="klingon"), "编码"),
    ],
)
def test_impossible_display_settings_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(DisplayConfigError, match=message):
        PoleDisplay(**kwargs)  # type: ignore[arg-type]


# -- on a real pty ------------------------------------------------------------------------------


@pytest.fixture
def display(pty_pair: PtyPair) -> Iterator[PoleDisplay]:
    device = PoleDisplay(str(pty_pair.b), 9600, timeout_s=0.3)
    try:
        yield device
    finally:
        device.close()


def test_the_first_write_sets_the_display_up_then_shows_the_item(
    pty_pair: PtyPair, display: PoleDisplay
) -> None:
    with pty_pair.open_a() as end:
        display.show_item("可口可乐", 350, 1280)
        expected = SETUP + render_lines(*item_lines("可口可乐", 350, 1280))
        assert read_exactly(end, len(expected)) == expected
        display.show_total(1280)
        display.show_change(2000, 720)
        display.clear()
        display.show_welcome()
        assert read_until_quiet(end) == (
            render_lines(*total_lines(1280))
            + render_lines(*change_lines(2000, 720))
            + CLEAR
            + render_lines(*welcome_lines())
        )


def test_a_missing_port_raises_a_display_error_with_a_plain_message(tmp_path: object) -> None:
    display = PoleDisplay("/dev/no-such-display", 9600)
    with pytest.raises(DisplayError, match=MSG_UNREACHABLE):
        display.show_total(100)
    assert isinstance(DisplayError(MSG_UNREACHABLE), KnownError)


def test_after_an_unplug_a_write_fails_then_the_replugged_display_is_set_up_again(
    pty_pair: PtyPair, display: PoleDisplay
) -> None:
    with pty_pair.open_a() as end:
        display.show_total(100)
        assert read_until_quiet(end).startswith(SETUP)
    pty_pair.unplug()
    with pytest.raises(DisplayError, match=MSG_UNREACHABLE):
        display.show_total(200)
    pty_pair.start()
    with pty_pair.open_a() as end:
        display.show_total(300)
        assert read_until_quiet(end) == SETUP + render_lines(*total_lines(300))


def test_a_display_that_stops_reading_makes_writes_fail_within_their_timeout(
    display: PoleDisplay,
) -> None:
    # Nothing reads the device's end of the pty, as with a display that hung: the port fills up.
    slowest = 0.0
    error: DisplayError | None = None
    deadline = time.monotonic() + 20.0
    while error is None and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            display.show_lines("填满缓冲区" * 4, "0123456789" * 30)
        except DisplayError as exc:
            error = exc
        slowest = max(slowest, time.monotonic() - started)
    assert error is not None and str(error) == MSG_TIMEOUT
    assert slowest < display.timeout_s + 0.5
