"""Serial card readers: framing without a port, then whole swipes over real pseudo-terminals."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.devices.card_reader import (
    BadFrame,
    Frame,
    FrameDecoder,
    FrameKind,
    Framing,
    ReaderStatus,
    SerialCardReader,
    xor_check,
)
from app.devices.errors import DeviceSettingsError
from app.devices.swipe import MSG_BAD_READ, SwipeSettings
from tests.devices.manual_clock import ManualClock
from tests.devices.pty_pair import PtyPair, pty_pair, wait_for

__all__ = ["pty_pair"]  # the fixture, imported so pytest finds it here

STX_ETX = Framing(FrameKind.STX_ETX)
STX_ETX_CHECKED = Framing(FrameKind.STX_ETX, check_byte=True)
CR_LINES = Framing(FrameKind.CR)
CRLF_LINES = Framing(FrameKind.CRLF)
TRACK2 = b";6222021234567890=2512?"
CARD_NO = "6222021234567890"
EVENT_TIMEOUT_S = 5.0


def framed(payload: bytes, check: bool = False) -> bytes:
    return b"\x02" + payload + b"\x03" + (bytes([xor_check(payload)]) if check else b"")


# -- FrameDecoder -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framing", "data"),
    [
        (STX_ETX, framed(TRACK2)),
        (STX_ETX_CHECKED, framed(TRACK2, check=True)),
        (CR_LINES, TRACK2 + b"\r"),
        (CR_LINES, TRACK2 + b"\r\n"),
        (CRLF_LINES, TRACK2 + b"\r\n"),
    ],
)
def test_a_whole_frame_gives_its_payload(framing: Framing, data: bytes) -> None:
    assert FrameDecoder(framing).feed(data, 0.0) == [Frame(TRACK2)]


@pytest.mark.parametrize(
    ("framing", "data"),
    [
        (STX_ETX_CHECKED, framed(TRACK2, check=True)),
        (CR_LINES, TRACK2 + b"\r"),
        (CRLF_LINES, TRACK2 + b"\r\n"),
    ],
)
def test_a_frame_arriving_one_byte_at_a_time_is_the_same_frame(
    framing: Framing, data: bytes
) -> None:
    decoder = FrameDecoder(framing)
    events = [event for byte in data for event in decoder.feed(bytes([byte]), 0.001)]
    assert events == [Frame(TRACK2)]


def test_line_noise_between_stx_frames_is_ignored() -> None:
    decoder = FrameDecoder(STX_ETX)
    data = b"\x00\xff garbage" + framed(b"111111") + b"\x03\x7f\r\n" + framed(b"222222") + b"zz"
    assert decoder.feed(data, 0.0) == [Frame(b"111111"), Frame(b"222222")]


def test_unprintable_noise_between_lines_is_ignored() -> None:
    decoder = FrameDecoder(CR_LINES)
    data = b"\x00\xff\x02" + b"111111\r" + b"\x80\x1b\n" + b"222222\r"
    assert decoder.feed(data, 0.0) == [Frame(b"111111"), Frame(b"222222")]


def test_a_wrong_check_byte_drops_the_frame_and_reports_a_bad_read() -> None:
    decoder = FrameDecoder(STX_ETX_CHECKED)
    wrong = bytes([xor_check(TRACK2) ^ 0x01])
    events = decoder.feed(b"\x02" + TRACK2 + b"\x03" + wrong, 0.0)
    assert len(events) == 1 and isinstance(events[0], BadFrame)
    assert events[0].message == MSG_BAD_READ
    assert CARD_NO not in events[0].reason
    assert decoder.feed(framed(TRACK2, check=True), 0.1) == [Frame(TRACK2)]


def test_a_check_byte_that_looks_like_stx_is_still_the_check_byte() -> None:
    payload = bytes([0x30, 0x32])  # "02": XOR is 0x02, the STX byte
    assert xor_check(payload) == 0x02
    assert FrameDecoder(STX_ETX_CHECKED).feed(framed(payload, check=True), 0.0) == [Frame(payload)]


def test_a_half_frame_is_dropped_when_a_new_stx_starts() -> None:
    decoder = FrameDecoder(STX_ETX)
    assert decoder.feed(b"\x02;6222", 0.0) == []
    assert decoder.feed(framed(TRACK2), 0.1) == [Frame(TRACK2)]


@pytest.mark.parametrize(("framing", "end"), [(STX_ETX, b"\x03"), (CR_LINES, b"\r")])
def test_a_half_frame_is_dropped_after_the_timeout(framing: Framing, end: bytes) -> None:
    clock = ManualClock()
    decoder = FrameDecoder(framing, clock)
    start = b"\x02" if framing.kind is FrameKind.STX_ETX else b""
    decoder.feed(start + b";6222")
    assert decoder.pending
    clock.advance(framing.frame_timeout_s)
    decoder.feed(b"")
    assert decoder.pending  # not yet: the timeout is the longest a frame may take
    clock.advance(0.01)
    decoder.feed(b"")
    assert not decoder.pending
    # Its end arriving late makes nothing of the dropped half.
    assert decoder.feed(b"021234567890=2512?" + end) == (
        [] if framing.kind is FrameKind.STX_ETX else [Frame(b"021234567890=2512?")]
    )


def test_a_half_frame_within_the_timeout_is_kept_and_completed() -> None:
    clock = ManualClock()
    decoder = FrameDecoder(CR_LINES, clock)
    decoder.feed(b";62220212")
    clock.advance(CR_LINES.frame_timeout_s - 0.01)
    assert decoder.feed(b"34567890=2512?\r") == [Frame(TRACK2)]


def test_the_time_given_with_the_bytes_wins_over_the_clock() -> None:
    clock = ManualClock()
    decoder = FrameDecoder(CR_LINES, clock)
    decoder.feed(b";62220212", clock() - CR_LINES.frame_timeout_s - 0.01)
    assert decoder.feed(b"34567890=2512?\r") == [Frame(b"34567890=2512?")]


def test_a_frame_longer_than_the_maximum_is_dropped() -> None:
    decoder = FrameDecoder(Framing(FrameKind.STX_ETX, max_frame_bytes=8))
    assert decoder.feed(framed(b"123456789"), 0.0) == []
    assert decoder.feed(framed(b"12345678"), 0.0) == [Frame(b"12345678")]


def test_empty_lines_make_no_frames() -> None:
    assert FrameDecoder(CRLF_LINES).feed(b"\r\n\r\n\n", 0.0) == []


def test_a_check_byte_on_a_line_framing_is_refused() -> None:
    with pytest.raises(DeviceSettingsError, match="校验字节"):
        Framing(FrameKind.CR, check_byte=True)


# -- SerialCardReader on real ptys ---------------------------------------------------------------


class Recorder:
    """The three callbacks, recorded in order from the reader's thread."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[str, object]] = queue.Queue()
        self.statuses: list[ReaderStatus] = []
        self.threads: set[str] = set()

    def on_card(self, card_no: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.events.put(("card", card_no))

    def on_error(self, message: str) -> None:
        self.events.put(("error", message))

    def on_status(self, status: ReaderStatus) -> None:
        self.statuses.append(status)
        self.events.put(("status", status))

    def next(self, kinds: tuple[str, ...] = ("card", "error")) -> tuple[str, object]:
        """The next card or error (statuses skipped unless asked for)."""
        deadline = time.monotonic() + EVENT_TIMEOUT_S
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                kind, value = self.events.get(timeout=remaining)
            except queue.Empty:
                break
            if kind in kinds:
                return kind, value
        raise AssertionError(f"no {kinds} within {EVENT_TIMEOUT_S} s")

    def wait_status(self, status: ReaderStatus) -> None:
        assert self.next(("status",)) == ("status", status)


def make_reader(
    port: Path, framing: Framing, recorder: Recorder, clock: Callable[[], float] = time.monotonic
) -> SerialCardReader:
    """A reader on a real pty; its framing runs on the real clock unless a test gives one."""
    return SerialCardReader(
        str(port),
        9600,
        framing,
        SwipeSettings(),
        on_card=recorder.on_card,
        on_error=recorder.on_error,
        on_status=recorder.on_status,
        retry_interval_s=0.2,
        clock=clock,
    )


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def stx_reader(pty_pair: PtyPair, recorder: Recorder) -> Iterator[SerialCardReader]:
    reader = make_reader(pty_pair.b, STX_ETX_CHECKED, recorder)
    reader.start()
    try:
        recorder.wait_status(ReaderStatus.CONNECTED)
        yield reader
    finally:
        reader.stop()


def test_a_swipe_written_to_the_port_reaches_on_card_as_the_card_number(
    pty_pair: PtyPair, stx_reader: SerialCardReader, recorder: Recorder
) -> None:
    with pty_pair.open_a() as end:
        end.write(framed(TRACK2, check=True))
        assert recorder.next() == ("card", CARD_NO)
    assert recorder.threads == {f"card-reader {pty_pair.b}"}  # not the caller's thread


def test_line_noise_between_swipes_does_not_hide_either_swipe(
    pty_pair: PtyPair, stx_reader: SerialCardReader, recorder: Recorder
) -> None:
    with pty_pair.open_a() as end:
        end.write(b"\x00\xffnoise\r\n" + framed(b";11112222?", check=True) + b"\x7f\x7f")
        end.write(b"\x03\x03more noise" + framed(b";33334444?", check=True))
        assert recorder.next() == ("card", "11112222")
        assert recorder.next() == ("card", "33334444")


def test_a_half_frame_followed_by_a_good_one_gives_only_the_good_one(
    pty_pair: PtyPair, stx_reader: SerialCardReader, recorder: Recorder
) -> None:
    with pty_pair.open_a() as end:
        end.write(b"\x02;62220212")
        end.flush()
        assert wait_for(lambda: stx_reader.holds_half_frame)
        end.write(framed(TRACK2, check=True))
        assert recorder.next() == ("card", CARD_NO)


def test_the_end_of_a_half_frame_coming_after_the_timeout_is_ignored(
    pty_pair: PtyPair, recorder: Recorder
) -> None:
    framing = Framing(FrameKind.STX_ETX, check_byte=True, frame_timeout_s=0.2)
    clock = ManualClock()
    reader = make_reader(pty_pair.b, framing, recorder, clock)
    reader.start()
    try:
        recorder.wait_status(ReaderStatus.CONNECTED)
        with pty_pair.open_a() as end:
            end.write(b"\x02;9999")
            end.flush()
            assert wait_for(lambda: reader.holds_half_frame)
            clock.advance(framing.frame_timeout_s + 0.01)
            # The reader's next read, empty, lets the half expire by the reader's clock.
            assert wait_for(lambda: not reader.holds_half_frame)
            # Joined to the half, this end would be a frame with a bad check byte (an error).
            end.write(b"8888?\x03" + bytes([0x00]) + framed(b";55556666?", check=True))
            assert recorder.next() == ("card", "55556666")
    finally:
        reader.stop()


def test_a_bad_check_byte_reports_a_bad_read_and_the_next_swipe_works(
    pty_pair: PtyPair, stx_reader: SerialCardReader, recorder: Recorder
) -> None:
    with pty_pair.open_a() as end:
        end.write(b"\x02" + TRACK2 + b"\x03" + bytes([xor_check(TRACK2) ^ 0x40]))
        assert recorder.next() == ("error", MSG_BAD_READ)
        end.write(framed(TRACK2, check=True))
        assert recorder.next() == ("card", CARD_NO)


def test_a_failed_track_read_reports_a_bad_read(
    pty_pair: PtyPair, stx_reader: SerialCardReader, recorder: Recorder
) -> None:
    with pty_pair.open_a() as end:
        end.write(framed(b"%E?;E?", check=True))
        assert recorder.next() == ("error", MSG_BAD_READ)


def test_an_unplugged_reader_reconnects_by_itself_and_the_next_swipe_arrives(
    pty_pair: PtyPair, stx_reader: SerialCardReader, recorder: Recorder
) -> None:
    pty_pair.unplug()
    recorder.wait_status(ReaderStatus.DISCONNECTED)
    assert stx_reader.status is ReaderStatus.DISCONNECTED
    time.sleep(0.5)  # a few failed reopen attempts while the port is gone
    assert stx_reader.status is ReaderStatus.DISCONNECTED
    pty_pair.start()
    recorder.wait_status(ReaderStatus.CONNECTED)
    with pty_pair.open_a() as end:
        end.write(framed(TRACK2, check=True))
        assert recorder.next() == ("card", CARD_NO)
    # Exactly one status per change, no flapping while it was gone.
    assert recorder.statuses == [
        ReaderStatus.CONNECTED,
        ReaderStatus.DISCONNECTED,
        ReaderStatus.CONNECTED,
    ]


def test_a_reader_started_before_its_port_exists_connects_when_it_appears(
    tmp_path: Path, recorder: Recorder
) -> None:
    pair = PtyPair(tmp_path)
    reader = make_reader(pair.b, CR_LINES, recorder)
    reader.start()
    try:
        recorder.wait_status(ReaderStatus.DISCONNECTED)
        with pair:
            recorder.wait_status(ReaderStatus.CONNECTED)
            with pair.open_a() as end:
                end.write(b"800012345\r\n")
                assert recorder.next() == ("card", "800012345")
    finally:
        reader.stop()


def test_stop_closes_the_port_and_reports_stopped(pty_pair: PtyPair, recorder: Recorder) -> None:
    reader = make_reader(pty_pair.b, CR_LINES, recorder)
    reader.start()
    recorder.wait_status(ReaderStatus.CONNECTED)
    started = time.monotonic()
    reader.stop()
    assert time.monotonic() - started < 1.0
    assert not reader.running
    assert reader.status is ReaderStatus.STOPPED
    assert recorder.statuses[-1] is ReaderStatus.STOPPED
    # The port is free again: a plain open and read on it works.
    with pty_pair.open_b() as port, pty_pair.open_a() as end:
        end.write(b"x")
        port.timeout = 2.0
        assert port.read(1) == b"x"


def test_a_callback_that_raises_does_not_stop_the_reader(
    pty_pair: PtyPair, recorder: Recorder
) -> None:
    cards: list[str] = []

    def fussy(card_no: str) -> None:
        cards.append(card_no)
        if len(cards) == 1:
            raise RuntimeError("a bug in the screen")

    reader = SerialCardReader(
        str(pty_pair.b),
        9600,
        CR_LINES,
        SwipeSettings(),
        on_card=fussy,
        on_error=recorder.on_error,
        on_status=recorder.on_status,
    )
    reader.start()
    try:
        recorder.wait_status(ReaderStatus.CONNECTED)
        with pty_pair.open_a() as end:
            end.write(b"11112222\r")
            end.write(b"33334444\r")
            assert wait_for(lambda: len(cards) == 2)
        assert cards == ["11112222", "33334444"]
        assert reader.running
    finally:
        reader.stop()


def test_the_card_number_is_never_logged_in_clear(
    pty_pair: PtyPair,
    stx_reader: SerialCardReader,
    recorder: Recorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG", logger="app.devices")
    with pty_pair.open_a() as end:
        end.write(framed(TRACK2, check=True))
        assert recorder.next() == ("card", CARD_NO)
        other = b";6222021234567891?"
        end.write(b"\x02" + other + b"\x03" + bytes([xor_check(other) ^ 0x01]))
        assert recorder.next() == ("error", MSG_BAD_READ)
    assert "7890" in caplog.text  # the masked number is there...
    assert "622202" not in caplog.text  # ...its first digits are not
