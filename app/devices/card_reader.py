"""Serial card readers: frames cut out of the byte stream, swipes parsed, unplugging survived.

Two layers. :class:`FrameDecoder` is pure: it is fed bytes with the time they came and returns
whole frames (or bad reads), so the framing is tested without a port. :class:`SerialCardReader`
owns a background thread that opens the port through pyserial, feeds the decoder, parses each
frame with :func:`app.devices.swipe.parse_swipe`, and reopens the port by itself after the
reader was unplugged. It knows nothing of Qt: the screen passes three callbacks, which run on the
reader's thread, so the screen must hand them over to the GUI thread (a queued signal)::

    reader = SerialCardReader(
        "/dev/ttyUSB0", 9600, Framing(FrameKind.STX_ETX, check_byte=True), SwipeSettings(),
        on_card=bridge.card.emit,            # the card number, already parsed
        on_error=bridge.error.emit,          # a sentence for the cashier ("刷卡失败，请重新刷卡")
        on_status=bridge.status.emit,        # ReaderStatus; .label is a sentence for the bar
    )
    reader.start()
    ...
    reader.stop()
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from app.devices.errors import DeviceSettingsError
from app.devices.swipe import MSG_BAD_READ, SwipeError, SwipeSettings, parse_swipe
from app.members.card_numbers import mask_card

log = logging.getLogger(__name__)

STX = 0x02
ETX = 0x03
CR = 0x0D
LF = 0x0A
#: Printable ASCII: on line framings anything else between frames is line noise.
_PRINTABLE = range(0x20, 0x7F)

DEFAULT_FRAME_TIMEOUT_S = 0.5
DEFAULT_MAX_FRAME_BYTES = 256
DEFAULT_RETRY_INTERVAL_S = 0.5
#: How long one read waits for a byte; it bounds how late stop() is heard.
DEFAULT_READ_TIMEOUT_S = 0.05
STOP_TIMEOUT_S = 2.0


class FrameKind(enum.StrEnum):
    STX_ETX = "stx_etx"  # 0x02 payload 0x03 [check byte]
    CR = "cr"  # payload CR (a stray LF is dropped)
    CRLF = "crlf"  # payload CR LF (a stray CR before the LF is dropped)


@dataclasses.dataclass(frozen=True)
class Framing:
    """How the reader wraps each swipe.

    ``check_byte`` (STX/ETX only): one byte after ETX, the XOR of the payload bytes.
    ``frame_timeout_s``: a frame whose end has not come this long after it started is dropped.
    """

    kind: FrameKind = FrameKind.CR
    check_byte: bool = False
    frame_timeout_s: float = DEFAULT_FRAME_TIMEOUT_S
    max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES

    def __post_init__(self) -> None:
        if self.check_byte and self.kind is not FrameKind.STX_ETX:
            raise DeviceSettingsError("只有 STX/ETX 格式的读卡器才带校验字节")
        if self.frame_timeout_s <= 0:
            raise DeviceSettingsError("读卡超时必须大于 0")
        if self.max_frame_bytes < 1:
            raise DeviceSettingsError("一次刷卡的最大长度至少为 1 字节")


@dataclasses.dataclass(frozen=True)
class Frame:
    """One whole frame's payload, framing bytes removed."""

    payload: bytes

    @property
    def text(self) -> str:
        return self.payload.decode("ascii", errors="replace")


@dataclasses.dataclass(frozen=True)
class BadFrame:
    """A frame that arrived whole but damaged; ``reason`` is for the log, never the card number."""

    reason: str
    message: str = MSG_BAD_READ


FrameEvent = Frame | BadFrame


def xor_check(payload: bytes | bytearray) -> int:
    """The check byte STX/ETX readers send: every payload byte XORed together."""
    return functools.reduce(lambda acc, byte: acc ^ byte, payload, 0)


class FrameDecoder:
    """Cuts frames out of a serial byte stream. Not thread-safe: one reader thread owns it.

    Bytes outside a frame (line noise) are ignored; a frame that is not finished within the
    framing's timeout, or that grows past ``max_frame_bytes``, is dropped without a word (the
    next swipe is what counts); a frame with a wrong check byte is reported as a BadFrame.
    """

    def __init__(self, framing: Framing, clock: Callable[[], float] = time.monotonic) -> None:
        self.framing = framing
        self.clock = clock  # seconds, read for bytes fed without their time
        self._buffer = bytearray()
        self._in_frame = False
        self._awaiting_check = False
        self._started_at = 0.0

    @property
    def pending(self) -> bool:
        """True while part of a frame is held, waiting for its end."""
        return self._in_frame

    def reset(self) -> None:
        self._buffer.clear()
        self._in_frame = False
        self._awaiting_check = False

    def feed(self, data: bytes, now: float | None = None) -> list[FrameEvent]:
        """Take the bytes that arrived at ``now`` (seconds, monotonic; the decoder's clock when
        None); return finished frames. ``feed(b"")`` only lets a stale half frame expire.
        """
        if now is None:
            now = self.clock()
        if self._in_frame and now - self._started_at > self.framing.frame_timeout_s:
            log.info("card reader: half frame of %d bytes dropped after timeout", len(self._buffer))
            self.reset()
        events: list[FrameEvent] = []
        take = self._take_stx_etx if self.framing.kind is FrameKind.STX_ETX else self._take_line
        for byte in data:
            event = take(byte, now)
            if event is not None:
                events.append(event)
        return events

    def _start(self, now: float) -> None:
        self._buffer.clear()
        self._in_frame = True
        self._awaiting_check = False
        self._started_at = now

    def _append(self, byte: int) -> None:
        self._buffer.append(byte)
        if len(self._buffer) > self.framing.max_frame_bytes:
            log.info(
                "card reader: frame longer than %d bytes dropped", self.framing.max_frame_bytes
            )
            self.reset()

    def _finish(self) -> Frame:
        frame = Frame(bytes(self._buffer))
        self.reset()
        return frame

    def _take_stx_etx(self, byte: int, now: float) -> FrameEvent | None:
        if self._awaiting_check:
            expected = xor_check(self._buffer)
            if byte == expected:
                return self._finish()
            self.reset()
            return BadFrame(f"check byte {byte:#04x}, expected {expected:#04x}")
        if byte == STX:
            if self._in_frame:
                log.info("card reader: half frame of %d bytes dropped", len(self._buffer))
            self._start(now)
        elif not self._in_frame:
            pass  # line noise between frames
        elif byte == ETX:
            if not self.framing.check_byte:
                return self._finish()
            self._awaiting_check = True
        else:
            self._append(byte)
        return None

    def _take_line(self, byte: int, now: float) -> FrameEvent | None:
        end = CR if self.framing.kind is FrameKind.CR else LF
        if byte == end:
            if self._in_frame and self._buffer:
                return self._finish()
            self.reset()
            return None
        if byte in _PRINTABLE:
            if not self._in_frame:
                self._start(now)
            self._append(byte)
        return None


class ReaderStatus(enum.StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # the port is missing or failed; reopening every retry interval
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ReaderStatus.CONNECTED: "读卡器已连接",
    ReaderStatus.DISCONNECTED: "读卡器未连接，请检查连线（正在自动重连）",
    ReaderStatus.STOPPED: "读卡器已停用",
}

_Arg = TypeVar("_Arg")


class SerialCardReader:
    """A card reader on a serial port (or USB-serial adapter), read on its own thread.

    ``on_card(card_no)`` gets each parsed card number, ``on_error(message)`` a sentence for the
    cashier when a swipe could not be read, ``on_status(status)`` each change of ReaderStatus.
    All three run on the reader's thread; an exception they raise is logged and reading goes on.
    The reader starts DISCONNECTED until the port opens, and after an unplug it retries opening
    every ``retry_interval_s`` until the port is back. ``clock`` (seconds, monotonic) times the
    framing's half-frame timeout; a test passes one it moves by hand.
    """

    def __init__(
        self,
        port: str,
        baudrate: int,
        framing: Framing,
        settings: SwipeSettings,
        on_card: Callable[[str], None],
        on_error: Callable[[str], None],
        on_status: Callable[[ReaderStatus], None],
        *,
        retry_interval_s: float = DEFAULT_RETRY_INTERVAL_S,
        read_timeout_s: float = DEFAULT_READ_TIMEOUT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not port:
            raise DeviceSettingsError("请设置读卡器的串口（如 /dev/ttyUSB0 或 COM3）")
        if baudrate <= 0:
            raise DeviceSettingsError("读卡器波特率不正确：%1", baudrate)
        self.port = port
        self.baudrate = baudrate
        self.framing = framing
        self.settings = settings
        self.on_card = on_card
        self.on_error = on_error
        self.on_status = on_status
        self.retry_interval_s = retry_interval_s
        self.read_timeout_s = read_timeout_s
        self._decoder = FrameDecoder(framing, clock)
        self._status = ReaderStatus.STOPPED
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> ReaderStatus:
        return self._status

    @property
    def holds_half_frame(self) -> bool:
        """True while part of a swipe has come and its end has not (it expires after the
        framing's timeout by the reader's clock)."""
        return self._decoder.pending

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start reading on a background thread; returns at once (the port opens there)."""
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"card-reader {self.port}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """Stop reading and close the port; waits at most ``timeout_s`` for the thread."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stopping.set()
        thread.join(timeout_s)
        if thread.is_alive():
            log.warning("card reader %s did not stop within %.1f s", self.port, timeout_s)

    def _run(self) -> None:
        decoder = self._decoder
        try:
            while not self._stopping.is_set():
                port = self._open()
                if port is None:
                    self._set_status(ReaderStatus.DISCONNECTED)
                    self._stopping.wait(self.retry_interval_s)
                    continue
                self._set_status(ReaderStatus.CONNECTED)
                decoder.reset()
                try:
                    self._read(port, decoder)
                finally:
                    _close_quietly(port)
                if not self._stopping.is_set():
                    self._set_status(ReaderStatus.DISCONNECTED)
                    self._stopping.wait(self.retry_interval_s)
        except Exception:  # a bug of ours: say so in the log, and let the screen know
            log.exception("card reader %s stopped by an error", self.port)
        finally:
            self._set_status(ReaderStatus.STOPPED)

    def _open(self) -> Any:
        import serial

        try:
            return serial.Serial(
                port=self.port, baudrate=self.baudrate, timeout=self.read_timeout_s
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            if self._status is not ReaderStatus.DISCONNECTED:
                log.info("card reader %s cannot be opened: %s", self.port, exc)
            return None

    def _read(self, port: Any, decoder: FrameDecoder) -> None:
        """Read until stop() or until the port fails (unplugged)."""
        import serial

        try:
            while not self._stopping.is_set():
                data = port.read(port.in_waiting or 1)
                for event in decoder.feed(data):
                    self._deliver(event)
        except (serial.SerialException, OSError) as exc:
            log.info("card reader %s lost: %s", self.port, exc)

    def _deliver(self, event: FrameEvent) -> None:
        if isinstance(event, BadFrame):
            log.info("card reader %s: bad read (%s)", self.port, event.reason)
            self._call(self.on_error, event.message)
            return
        try:
            card_no = parse_swipe(event.text, self.settings)
        except SwipeError as exc:
            log.info("card reader %s: %d bytes unreadable: %s", self.port, len(event.payload), exc)
            self._call(self.on_error, str(exc))
            return
        log.info("card reader %s: card %s", self.port, mask_card(card_no))
        self._call(self.on_card, card_no)

    def _set_status(self, status: ReaderStatus) -> None:
        if status is self._status:
            return
        self._status = status
        log.info("card reader %s: %s", self.port, status.value)
        self._call(self.on_status, status)

    def _call(self, callback: Callable[[_Arg], None], argument: _Arg) -> None:
        try:
            callback(argument)
        except Exception:  # the screen's bug must not stop the reader
            log.exception("card reader %s: callback %r failed", self.port, callback)

    def __repr__(self) -> str:
        return f"SerialCardReader({self.port}, {self.baudrate})"


def _close_quietly(port: Any) -> None:
    try:
        port.close()
    except Exception:  # the port is already gone; nothing left to release
        log.debug("closing the card reader port failed", exc_info=True)
