"""Receipt documents turned into the ESC/POS bytes a Chinese receipt printer understands."""

from __future__ import annotations

import logging
import unicodedata
from typing import Literal

from escpos.printer import Dummy

from app.pos.receipts import QR, Align, Cut, Document, Feed, Rule, Text, char_width, rule_text, wrap

log = logging.getLogger(__name__)

Encoding = Literal["gb18030", "gbk"]
ENCODINGS: tuple[Encoding, ...] = ("gb18030", "gbk")

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
) -> bytes:
    """ESC/POS bytes for the document on paper ``width`` columns wide.

    Chinese goes out in ``encoding`` inside the printer's Chinese mode. ``gbk`` is for printers
    whose font has no four-byte GB18030 characters: those then print as ``?`` (and are logged)
    instead of as garbage.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported printer encoding: {encoding}")
    if width < 2:
        raise ValueError("width must be at least 2 columns")
    printer = _Printer(encoding)
    printer.hw("INIT")
    if open_drawer:
        printer.cashdraw(list(DRAWER_KICK))
    for block in document:
        if isinstance(block, Text):
            printer.style(block.align, block.bold, block.double)
            columns = width // 2 if block.double else width
            for line in wrap(block.text, max(columns, 2)):
                printer.line(line)
        elif isinstance(block, Rule):
            printer.style(printer.align, printer.bold, False)
            printer.line(rule_text(block.char, width))
        elif isinstance(block, QR):
            printer.style("center", printer.bold, False)
            printer.qr(block.data, native=True, size=block.size)
            printer.raw(LINE_FEED)
        elif isinstance(block, Feed):
            if block.lines:
                printer.print_and_feed(block.lines)
        elif isinstance(block, Cut):
            printer.cut(mode="PART" if block.partial else "FULL")
    return bytes(printer.output)


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
