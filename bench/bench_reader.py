"""Swipe to callback: how long a serial card reader's swipe takes to reach the screen's code.

Each timing runs from writing one framed track-2 swipe into the device end of a pty (os.openpty) to
``on_card`` being called with the parsed number by a SerialCardReader on the other end. The
baseline is the same write read back on the other end by a plain blocking pyserial read in this
thread, so the ratio is what the reader's thread, framing and parsing cost on this machine.

A pty moves a whole frame at once; a real 9600-baud line takes about 1 ms a byte (some 30 ms for
a 30-byte swipe) before the last byte is even there. The ``last_byte_to_callback_9600`` figures
write each swipe a byte at a time at that pace and time from the last byte, so the reader is
seen handling a frame that arrives in pieces.
"""

from __future__ import annotations

import queue
import tempfile
import time
from pathlib import Path

from app.devices.card_reader import (
    FrameKind,
    Framing,
    ReaderStatus,
    SerialCardReader,
    xor_check,
)
from app.devices.swipe import SwipeSettings
from bench.figures import Figure, median, p99
from tests.devices.pty_pair import PtyPair, read_exactly

SWIPES = 200
WARM_UP = 10
TARGET = "<= 50 ms"
WAIT_S = 5.0
FRAMING = Framing(FrameKind.STX_ETX, check_byte=True)
#: One byte on a 9600-baud 8N1 line (10 bits); a pty has no baud rate, so the trickle is made here.
BYTE_TIME_9600_S = 10 / 9600


def _swipe(index: int) -> tuple[bytes, str]:
    card_no = f"62220200{index:08d}"
    payload = f";{card_no}=2512101?".encode("ascii")
    return b"\x02" + payload + b"\x03" + bytes([xor_check(payload)]), card_no


def _baseline_ms(pair: PtyPair) -> list[float]:
    results = []
    with pair.open_a() as end, pair.open_b() as port:
        for index in range(WARM_UP + SWIPES):
            frame, _ = _swipe(index)
            start = time.perf_counter()
            end.write(frame)
            if read_exactly(port, len(frame), WAIT_S) != frame:
                raise RuntimeError("the pty pair lost bytes")
            if index >= WARM_UP:
                results.append((time.perf_counter() - start) * 1000)
    return results


def _reader_ms(pair: PtyPair, byte_gap_s: float = 0.0) -> list[float]:
    """Milliseconds from writing each swipe (its last byte, when it is written byte by byte
    ``byte_gap_s`` apart as a UART delivers it) to ``on_card``."""
    cards: queue.Queue[tuple[float, str]] = queue.Queue()
    statuses: queue.Queue[ReaderStatus] = queue.Queue()
    errors: list[str] = []
    reader = SerialCardReader(
        str(pair.b),
        9600,
        FRAMING,
        SwipeSettings(),
        on_card=lambda card_no: cards.put((time.perf_counter(), card_no)),
        on_error=errors.append,
        on_status=statuses.put,
    )
    reader.start()
    results = []
    try:
        if statuses.get(timeout=WAIT_S) is not ReaderStatus.CONNECTED:
            raise RuntimeError("the reader did not connect to the pty")
        with pair.open_a() as end:
            for index in range(WARM_UP + SWIPES):
                frame, card_no = _swipe(index)
                if byte_gap_s:
                    for byte in frame[:-1]:
                        end.write(bytes([byte]))
                        time.sleep(byte_gap_s)
                    frame = frame[-1:]
                start = time.perf_counter()
                end.write(frame)
                arrived, got = cards.get(timeout=WAIT_S)
                if got != card_no:
                    raise RuntimeError(f"swipe {index} arrived as another card")
                if index >= WARM_UP:
                    results.append((arrived - start) * 1000)
    finally:
        reader.stop()
    if errors:
        raise RuntimeError(f"{len(errors)} swipes reported errors: {errors[0]}")
    return results


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as directory, PtyPair(Path(directory)) as pair:
        baseline = _baseline_ms(pair)
        timings = _reader_ms(pair)
        trickled = _reader_ms(pair, BYTE_TIME_9600_S)
    base = median(baseline)
    return [
        Figure("swipe_to_callback_median", median(timings), "ms", TARGET, median(timings) / base),
        Figure("swipe_to_callback_p99", p99(timings), "ms", TARGET, p99(timings) / p99(baseline)),
        Figure("pty_round_trip_median (baseline)", base, "ms", "-"),
        Figure("last_byte_to_callback_9600_median", median(trickled), "ms", TARGET),
        Figure("last_byte_to_callback_9600_p99", p99(trickled), "ms", TARGET),
    ]
