"""The customer pole display (VFD, 2 lines of 20 columns): what the customer sees while paying.

The texts are plain functions (:func:`item_lines`, :func:`total_lines`, :func:`change_lines`,
:func:`welcome_lines`) so a second-screen window can show the same words; :func:`render_lines`
turns two lines into the display's bytes; :class:`PoleDisplay` sends them over a serial port.
A Chinese character takes two columns, amounts are right-aligned, and text that does not fit is
cut. The display is an extra: every write is time-limited and fails with DisplayError, so the
screen calls it from a worker and a sale never waits on it::

    display = PoleDisplay("/dev/ttyUSB1", 9600)          # port opened on the first write
    run_task(lambda: display.show_item("可口可乐", 350, 1280), on_done)
"""

from __future__ import annotations

import codecs
import enum
import logging
import threading
import unicodedata
from typing import Any

from app.devices.errors import DeviceSettingsError
from app.errors import KnownError
from app.money import format_fen
from app.pos.receipts import char_width, display_width

log = logging.getLogger(__name__)

ESC = b"\x1b"
US = b"\x1f"
#: ESC @: initialise (clears the screen, cursor home, default modes).
INIT = ESC + b"@"
#: CLR: clear the screen and put the cursor at the top left.
CLEAR = b"\x0c"

DEFAULT_WIDTH = 20
MIN_WIDTH = 8
LINES = 2
DEFAULT_BAUDRATE = 9600
DEFAULT_ENCODING = "gb18030"
DEFAULT_TIMEOUT_S = 0.5

LABEL_TOTAL = "合计"
LABEL_PAID = "实收"
LABEL_CHANGE = "找零"
PROMPT_PAY = "请付款"
DEFAULT_WELCOME = "欢迎光临"

MSG_UNREACHABLE = "顾客显示屏无法连接，请检查连线和电源"
MSG_TIMEOUT = "顾客显示屏没有响应，请检查连线和电源"


class DisplayError(KnownError):
    """The pole display cannot show anything now (unplugged, off); the sale goes on without it."""


class DisplayConfigError(DeviceSettingsError):
    """The display settings cannot be used (unknown encoding, width too small)."""


class CommandSet(enum.StrEnum):
    """The two command sets pole displays speak; they differ in cursor moves and modes."""

    ESCPOS = "escpos"  # Epson DM-D: US $ x y moves the cursor, US MD1 overwrite mode
    CD5220 = "cd5220"  # common Chinese VFDs: ESC l x y moves the cursor, ESC DC1 overwrite mode

    def move(self, column: int, row: int) -> bytes:
        """Move the cursor to ``column``, ``row`` (both from 1)."""
        prefix = US + b"$" if self is CommandSet.ESCPOS else ESC + b"l"
        return prefix + bytes((column, row))

    @property
    def overwrite_mode(self) -> bytes:
        """Writing past the last column wraps instead of scrolling the screen."""
        return US + b"\x01" if self is CommandSet.ESCPOS else ESC + b"\x11"

    @property
    def setup(self) -> bytes:
        """Sent once each time the port is opened, before anything is shown."""
        return INIT + self.overwrite_mode + CLEAR


# -- text ---------------------------------------------------------------------------------------


def displayable(text: str, encoding: str = DEFAULT_ENCODING) -> str:
    """The text as the display can show it: control characters become spaces and characters the
    encoding lacks become ``?`` (so they are measured as the one column they will take)."""
    cleaned = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    return cleaned.encode(encoding, errors="replace").decode(encoding)


def fit(text: str, width: int) -> str:
    """Exactly ``width`` columns: cut where the text runs over (never through a Chinese
    character), padded with spaces where it is short."""
    kept: list[str] = []
    used = 0
    for char in text:
        columns = char_width(char)
        if used + columns > width:
            break
        kept.append(char)
        used += columns
    return "".join(kept) + " " * (width - used)


def spread(left: str, right: str, width: int) -> str:
    """``left`` at the left edge, ``right`` (an amount) at the right edge, one space at least
    between; ``left`` is cut to make room, the amount never is unless it alone is too wide."""
    right_width = display_width(right)
    if right_width >= width:
        return fit(right, width)
    room = width - right_width
    left_part = fit(left, room - 1).rstrip() if room > 1 else ""
    return fit(left_part, room) + right


def center(text: str, width: int) -> str:
    cut = fit(text, width).rstrip()
    margin = (width - display_width(cut)) // 2
    return fit(" " * margin + cut, width)


def item_lines(
    name: str, price_fen: int, total_fen: int, width: int = DEFAULT_WIDTH
) -> tuple[str, str]:
    """The item just scanned and its price; the running total below."""
    return spread(name, format_fen(price_fen), width), spread(
        LABEL_TOTAL, format_fen(total_fen), width
    )


def total_lines(total_fen: int, width: int = DEFAULT_WIDTH) -> tuple[str, str]:
    """Asking to pay: the prompt, then the total."""
    return fit(PROMPT_PAY, width), spread(LABEL_TOTAL, format_fen(total_fen), width)


def change_lines(paid_fen: int, change_fen: int, width: int = DEFAULT_WIDTH) -> tuple[str, str]:
    """After payment: what was handed over, then the change."""
    return spread(LABEL_PAID, format_fen(paid_fen), width), spread(
        LABEL_CHANGE, format_fen(change_fen), width
    )


def welcome_lines(text: str = DEFAULT_WELCOME, width: int = DEFAULT_WIDTH) -> tuple[str, str]:
    """A greeting, centred; a line break in it starts the second line."""
    first, _, second = text.partition("\n")
    return center(first, width), center(second, width)


def render_lines(
    line1: str,
    line2: str,
    *,
    width: int = DEFAULT_WIDTH,
    encoding: str = DEFAULT_ENCODING,
    command_set: CommandSet = CommandSet.ESCPOS,
) -> bytes:
    """The bytes that put two lines on the display, each padded to the full width so no clear
    (and no flicker) is needed between updates."""
    data = bytearray()
    for row, line in enumerate((line1, line2), start=1):
        data += command_set.move(1, row)
        data += fit(displayable(line, encoding), width).encode(encoding, errors="replace")
    return bytes(data)


# -- the device ---------------------------------------------------------------------------------


class PoleDisplay:
    """A pole display on a serial port. Thread-safe; every call may raise DisplayError.

    The port is opened on the first write and kept open; after a failure it is closed and the
    next call opens it again (and sets the display up anew), so replugging needs nothing else.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = DEFAULT_BAUDRATE,
        width: int = DEFAULT_WIDTH,
        encoding: str = DEFAULT_ENCODING,
        *,
        command_set: CommandSet = CommandSet.ESCPOS,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        if not port:
            raise DisplayConfigError("请设置顾客显示屏的串口（如 /dev/ttyUSB1 或 COM4）")
        if width < MIN_WIDTH:
            raise DisplayConfigError("顾客显示屏宽度至少为 %1 列", MIN_WIDTH)
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise DisplayConfigError("顾客显示屏不支持这个编码：%1", encoding) from exc
        self.port = port
        self.baudrate = baudrate
        self.width = width
        self.encoding = encoding
        self.command_set = command_set
        self.timeout_s = timeout_s
        self._serial: Any = None
        self._lock = threading.Lock()

    def show_item(self, name: str, price_fen: int, total_fen: int) -> None:
        self.show_lines(*item_lines(name, price_fen, total_fen, self.width))

    def show_total(self, total_fen: int) -> None:
        self.show_lines(*total_lines(total_fen, self.width))

    def show_change(self, paid_fen: int, change_fen: int) -> None:
        self.show_lines(*change_lines(paid_fen, change_fen, self.width))

    def show_welcome(self, text: str = DEFAULT_WELCOME) -> None:
        self.show_lines(*welcome_lines(text, self.width))

    def show_lines(self, line1: str, line2: str) -> None:
        """Any two lines, fitted to the display."""
        self._write(
            render_lines(
                line1,
                line2,
                width=self.width,
                encoding=self.encoding,
                command_set=self.command_set,
            )
        )

    def clear(self) -> None:
        self._write(CLEAR)

    def close(self) -> None:
        with self._lock:
            self._drop_port()

    def _write(self, data: bytes) -> None:
        import serial

        if not self._lock.acquire(timeout=self.timeout_s):
            raise DisplayError(MSG_TIMEOUT)
        try:
            if self._serial is None:
                self._serial = self._open()
                data = self.command_set.setup + data
            try:
                written = self._serial.write(data)
            except serial.SerialTimeoutException as exc:
                self._drop_port()
                raise DisplayError(MSG_TIMEOUT) from exc
            except (serial.SerialException, OSError) as exc:
                log.info("pole display %s failed: %s", self.port, exc)
                self._drop_port()
                raise DisplayError(MSG_UNREACHABLE) from exc
            if written != len(data):
                self._drop_port()
                raise DisplayError(MSG_TIMEOUT)
        finally:
            self._lock.release()

    def _open(self) -> Any:
        import serial

        try:
            return serial.Serial(
                port=self.port,
                baudrate=self.baudrate,
                timeout=self.timeout_s,
                write_timeout=self.timeout_s,
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            log.info("pole display %s cannot be opened: %s", self.port, exc)
            raise DisplayError(MSG_UNREACHABLE) from exc

    def _drop_port(self) -> None:
        port, self._serial = self._serial, None
        if port is None:
            return
        try:
            # Bytes stuck for a display that stopped reading would make close() wait for them.
            port.reset_output_buffer()
            port.close()
        except Exception:  # the port is already gone; nothing left to release
            log.debug("closing the pole display port failed", exc_info=True)

    def __repr__(self) -> str:
        return f"PoleDisplay({self.port}, {self.width}x{LINES})"
