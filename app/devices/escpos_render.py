"""Receipt documents turned into the ESC/POS bytes a Chinese receipt printer understands.

Two ways to print the text: ``text`` sends it in GB18030 (or GBK) for the printer's own Chinese
font; ``raster`` draws it with Pillow and the CJK font shipped with the program and sends the
lines as ``GS v 0`` bit images, for printers that have no Chinese font. QR codes, feeds, cuts
and the drawer kick are the same printer commands either way.
"""

from __future__ import annotations

import functools
import logging
import struct
import threading
import unicodedata
from pathlib import Path
from typing import Literal

from escpos.printer import Dummy
from PIL import Image, ImageChops, ImageDraw, ImageFont

from app.devices.fonts import RECEIPT_FONT
from app.devices.printers import PrinterConfigError
from app.pos.receipts import (
    QR,
    Align,
    Cut,
    Document,
    Feed,
    Rule,
    Text,
    char_width,
    display_width,
    rule_text,
    wrap,
)

log = logging.getLogger(__name__)

Encoding = Literal["gb18030", "gbk"]
ENCODINGS: tuple[Encoding, ...] = ("gb18030", "gbk")
RenderMode = Literal["text", "raster"]
RENDER_MODES: tuple[RenderMode, ...] = ("text", "raster")

CHINESE_ON = b"\x1c\x26"  # FS &: double-byte (Chinese) characters from here
CHINESE_OFF = b"\x1c\x2e"  # FS .: back to single-byte characters
LINE_FEED = b"\n"
#: ESC p 0 25 250: pulse drawer pin 2 for 50 ms, then wait 500 ms (what most drawers want).
DRAWER_KICK = (27, 112, 0, 25, 250)
UNPRINTABLE_MARK = "?"
QR_SIZE_DEFAULT = 6
#: Control characters would reach the printer as commands; lone surrogates and line separators
#: have no glyph. Everything else is left to the encoding.
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_YEN = "¥"
_FULL_WIDTH_YEN = "￥"


def render(
    document: Document,
    *,
    width: int,
    open_drawer: bool = False,
    encoding: Encoding = "gb18030",
    mode: RenderMode = "text",
    font: str | Path | None = None,
) -> bytes:
    """ESC/POS bytes for the document on paper ``width`` columns wide.

    In ``text`` mode Chinese goes out in ``encoding`` inside the printer's Chinese mode. ``gbk``
    is for printers whose font has no four-byte GB18030 characters: those then print as ``?``
    (and are logged) instead of as garbage.

    In ``raster`` mode the text is drawn with the CJK ``font`` (:data:`RECEIPT_FONT` when not
    given; ChineseFontMissing if it cannot be read) on :func:`dot_width` dots and sent as bit
    images; ``encoding`` is not used.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported printer encoding: {encoding}")
    if mode not in RENDER_MODES:
        raise ValueError(f"unsupported render mode: {mode}")
    if width < 2:
        raise ValueError("width must be at least 2 columns")
    raster = _Raster(_load_font_path(font), width) if mode == "raster" else None
    printer = _Printer(encoding)
    printer.hw("INIT")
    if open_drawer:
        printer.cashdraw(list(DRAWER_KICK))
    for block in document:
        if isinstance(block, Text):
            columns = width // 2 if block.double else width
            lines = wrap(block.text, max(columns, 2))
            if raster is not None:
                for line in lines:
                    _send_bands(printer, raster.add(line, block.align, block.bold, block.double))
                continue
            printer.style(block.align, block.bold, block.double)
            for line in lines:
                printer.line(line)
        elif isinstance(block, Rule):
            if raster is not None:
                _send_bands(printer, raster.add(rule_text(block.char, width), "left", False, False))
                continue
            printer.style(printer.align, printer.bold, False)
            printer.line(rule_text(block.char, width))
        else:
            if raster is not None:
                _send_bands(printer, raster.flush())
            if isinstance(block, QR):
                printer.style("center", printer.bold, False)
                printer.qr(block.data, native=True, size=block.size)
                printer.raw(LINE_FEED)
            elif isinstance(block, Feed):
                if block.lines:
                    printer.print_and_feed(block.lines)
            elif isinstance(block, Cut):
                printer.cut(mode="PART" if block.partial else "FULL")
    if raster is not None:
        _send_bands(printer, raster.flush())
    return bytes(printer.output)


def render_mode(value: str) -> RenderMode:
    """The config's ``printer_render`` as a render mode (anything unknown prints as text)."""
    return "raster" if value == "raster" else "text"


def _send_bands(printer: _Printer, bands: list[bytes]) -> None:
    if bands:
        printer.style("left", printer.bold, printer.double)  # the images span the paper
        for band in bands:
            printer.raw(band)


class _Printer(Dummy):  # type: ignore[misc]  # python-escpos ships no type hints
    """python-escpos's in-memory printer plus the text state, so styles are sent only on change."""

    def __init__(self, encoding: Encoding) -> None:
        super().__init__()
        self.encoding = encoding
        self.align: Align = "left"  # what ESC @ leaves behind
        self.bold = False
        self.double = False

    def raw(self, data: bytes) -> None:
        self._raw(data)

    def style(self, align: Align, bold: bool, double: bool) -> None:
        if align != self.align:
            self.set(align=align)
            self.align = align
        if bold != self.bold:
            self.set(bold=bold)
            self.bold = bold
        if double != self.double:
            # GS ! (not ESC !): the size applies to Chinese characters too.
            size = 2 if double else 1
            self.set(custom_size=True, width=size, height=size)
            self.double = double

    def line(self, text: str) -> None:
        if text.isascii() and text.isprintable():
            self._raw(text.encode("ascii") + LINE_FEED)
            return
        encoded = encode_text(text, self.encoding)
        if encoded.isascii():
            self._raw(encoded + LINE_FEED)
        else:
            self._raw(CHINESE_ON + encoded + CHINESE_OFF + LINE_FEED)


def encode_text(text: str, encoding: Encoding = "gb18030") -> bytes:
    """Printer bytes for one line: ¥ made full width, anything unprintable shown as ``?``.

    Control characters would be taken as printer commands, and characters outside the encoding
    cannot be printed; both become as many ``?`` as the columns they would take, and are logged.
    """
    text = text.replace(_YEN, _FULL_WIDTH_YEN)
    try:
        if text.isprintable():
            return text.encode(encoding)
    except UnicodeEncodeError:
        pass
    out: list[bytes] = []
    bad: list[str] = []
    for char in text:
        if unicodedata.category(char) in _UNPRINTABLE_CATEGORIES:
            bad.append(char)
            out.append(UNPRINTABLE_MARK.encode("ascii") * char_width(char))
            continue
        try:
            out.append(char.encode(encoding))
        except UnicodeEncodeError:
            bad.append(char)
            out.append(UNPRINTABLE_MARK.encode("ascii") * char_width(char))
    if bad:
        log.warning(
            "receipt text has characters the printer cannot print (%s), printed as '?': %s",
            encoding,
            ", ".join(f"U+{ord(c):04X}" for c in bad),
        )
    return b"".join(out)


# -- raster mode ----------------------------------------------------------------------------------

#: A column is 12 dots, as the printers' own 12 x 24 font: 32 columns are the 384 dots of 58 mm
#: paper, 48 columns the 576 dots of 80 mm paper.
DOTS_PER_COLUMN = 12
#: A normal line: 24-dot characters in a 30-dot line (the printers' default line spacing).
RASTER_FONT_SIZE = 24
RASTER_LINE_HEIGHT = 30
RASTER_BASELINE = 22
#: Lines are sent together as one image of at most this many dots high (about 8 lines), so a
#: printer with a small buffer is never handed one huge image.
RASTER_BAND_MAX_HEIGHT = 240
#: Grey from the anti-aliased font at or above this prints as a black dot.
RASTER_INK_THRESHOLD = 100
#: GS v 0 with m = 0: a raster bit image at normal scale.
RASTER_IMAGE = b"\x1dv0\x00"
#: Any code point no font has: its glyph is the font's "missing" box, to compare others with.
_NO_SUCH_CHARACTER = "\U0010fffd"

MSG_BAD_FONT = "中文字体无法读取：%1"


#: FreeType faces are not safe to use from two threads at once (the queue's worker and a test
#: print), so glyphs are drawn one at a time; once cached, they are only copied.
_FONT_LOCK = threading.RLock()


class ChineseFontMissing(PrinterConfigError):
    """Raster printing was chosen but its CJK font cannot be read (a broken installation)."""


def _load_font_path(font: str | Path | None) -> Path:
    path = Path(font) if font is not None else RECEIPT_FONT
    _font(str(path), RASTER_FONT_SIZE)  # fail here, before any byte, if it cannot be read
    return path


def dot_width(width: int) -> int:
    """Printable dots across paper of ``width`` columns: 384 for 58 mm, 576 for 80 mm."""
    return width * DOTS_PER_COLUMN


def raster_image_command(image: Image.Image) -> bytes:
    """``GS v 0`` for a one-bit image whose set pixels (255) are the dots to burn."""
    if image.mode != "1":
        raise ValueError("raster images must be one-bit")
    row_bytes = (image.width + 7) // 8
    return RASTER_IMAGE + struct.pack("<HH", row_bytes, image.height) + image.tobytes()


@functools.lru_cache(maxsize=8)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        with _FONT_LOCK:
            return ImageFont.truetype(path, size)
    except OSError as exc:
        raise ChineseFontMissing(MSG_BAD_FONT, path) from exc


@functools.lru_cache(maxsize=8)
def _missing_glyph(path: str, size: int) -> bytes:
    with _FONT_LOCK:
        return bytes(_font(path, size).getmask(_NO_SUCH_CHARACTER))


@functools.lru_cache(maxsize=8192)
def _has_glyph(path: str, char: str) -> bool:
    if char.isspace():
        return True
    missing = _missing_glyph(path, RASTER_FONT_SIZE)
    with _FONT_LOCK:
        return bytes(_font(path, RASTER_FONT_SIZE).getmask(char)) != missing


@functools.lru_cache(maxsize=8192)
def _glyph(path: str, char: str, bold: bool, scale: int) -> Image.Image:
    """One character in its cells (one or two columns, a whole line high), as a one-bit image."""
    font = _font(path, RASTER_FONT_SIZE * scale)
    cell_width = char_width(char) * DOTS_PER_COLUMN * scale
    height = RASTER_LINE_HEIGHT * scale
    baseline = RASTER_BASELINE * scale
    with _FONT_LOCK:
        drawn = max(cell_width, int(font.getlength(char)) + 2)
        grey = Image.new("L", (drawn, height), 0)
        ImageDraw.Draw(grey).text((drawn / 2, baseline), char, font=font, fill=255, anchor="ms")
    if drawn > cell_width:  # a wide Latin glyph is narrowed into its column, as printers do
        grey = grey.resize((cell_width, height), Image.Resampling.BILINEAR)
    if bold:  # the printer's way: the same dots once more, one dot to the right
        shifted = Image.new("L", grey.size, 0)
        shifted.paste(grey, (scale, 0))
        grey = ImageChops.lighter(grey, shifted)
    table = [0] * RASTER_INK_THRESHOLD + [255] * (256 - RASTER_INK_THRESHOLD)
    return grey.point(table, "1")


class _Raster:
    """Printed lines drawn into bands of one-bit images the width of the paper."""

    def __init__(self, font: Path, width: int) -> None:
        self.font = str(font)
        self.width = width
        self.dots = dot_width(width)
        self.lines: list[Image.Image] = []
        self.height = 0

    def add(self, text: str, align: Align, bold: bool, double: bool) -> list[bytes]:
        """Draw one line; returns the bands that are full (to send now)."""
        scale = 2 if double else 1
        line_height = RASTER_LINE_HEIGHT * scale
        full = self.flush() if self.height + line_height > RASTER_BAND_MAX_HEIGHT else []
        text = self._printable(text)
        columns = self.width // scale
        spare = max(columns - display_width(text), 0)
        column = {"left": 0, "center": spare // 2, "right": spare}[align]
        image = Image.new("1", (self.dots, line_height), 0)
        step = DOTS_PER_COLUMN * scale
        for char in text:
            if not char.isspace() and column < columns:
                image.paste(_glyph(self.font, char, bold, scale), (column * step, 0))
            column += char_width(char)
        self.lines.append(image)
        self.height += line_height
        return full

    def flush(self) -> list[bytes]:
        """The lines drawn so far as one band (nothing if there are none)."""
        if not self.lines:
            return []
        band = Image.new("1", (self.dots, self.height), 0)
        top = 0
        for line in self.lines:
            band.paste(line, (0, top))
            top += line.height
        self.lines, self.height = [], 0
        return [raster_image_command(band)]

    def _printable(self, text: str) -> str:
        """¥ made full width; control characters and characters the font lacks become ``?``
        (as many as their columns) and are logged, as in text mode."""
        text = text.replace(_YEN, _FULL_WIDTH_YEN)
        if text.isascii() and text.isprintable():
            return text
        out: list[str] = []
        bad: list[str] = []
        for char in text:
            if unicodedata.category(char) in _UNPRINTABLE_CATEGORIES or not _has_glyph(
                self.font, char
            ):
                bad.append(char)
                out.append(UNPRINTABLE_MARK * char_width(char))
            else:
                out.append(char)
        if bad:
            log.warning(
                "receipt text has characters the font %s cannot draw, printed as '?': %s",
                Path(self.font).name,
                ", ".join(f"U+{ord(c):04X}" for c in bad),
            )
        return "".join(out)
