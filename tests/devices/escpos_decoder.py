"""ESC/POS bytes read back into text lines and commands, so tests can check what a printer gets.

Strict on purpose: a byte sequence it does not know raises DecodeError, so a renderer that
starts sending something new (or garbage) fails the tests that look at its output.

    decoded = decode(data)
    assert "可口可乐" in decoded.text
    assert ("cut", "full") in decoded.commands

Raster bit images (``GS v 0``, what raster mode sends instead of text) come back as
``decoded.images``, each with its size in dots and its bits, so tests can look at the dots.
"""

from __future__ import annotations

import dataclasses

from app.pos.receipts import display_width

ESC, GS, FS, DLE, EOT, LF = 0x1B, 0x1D, 0x1C, 0x10, 0x04, 0x0A
_ALIGNS = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
_QR_EC = {48: "L", 49: "M", 50: "Q", 51: "H"}


class DecodeError(ValueError):
    """Bytes that are not the ESC/POS this decoder knows."""


@dataclasses.dataclass(frozen=True)
class Line:
    """One printed line with the style in force when it started."""

    text: str
    align: str
    bold: bool
    double: bool
    after_command: int  # how many commands came before this line ended


@dataclasses.dataclass(frozen=True)
class RasterImage:
    """One ``GS v 0`` image: ``width`` x ``height`` dots, ``bits`` row by row (a row is
    ``row_bytes`` bytes, most significant bit leftmost, 1 = a black dot)."""

    width: int
    height: int
    bits: bytes

    @property
    def row_bytes(self) -> int:
        return (self.width + 7) // 8

    def dot(self, x: int, y: int) -> bool:
        return bool(self.bits[y * self.row_bytes + x // 8] & (0x80 >> (x % 8)))

    @property
    def ink(self) -> int:
        """How many dots are black."""
        return sum(bin(byte).count("1") for byte in self.bits)

    def ink_box(self) -> tuple[int, int, int, int] | None:
        """(left, top, right, bottom) of the black dots, right and bottom exclusive."""
        rows = [
            y
            for y in range(self.height)
            if any(self.bits[y * self.row_bytes : (y + 1) * self.row_bytes])
        ]
        if not rows:
            return None
        columns = [x for x in range(self.width) if any(self.dot(x, y) for y in rows)]
        return columns[0], rows[0], columns[-1] + 1, rows[-1] + 1

    def crop_rows(self, top: int, bottom: int) -> RasterImage:
        """The rows ``top`` to ``bottom`` (exclusive) as an image of their own."""
        chunk = self.bits[top * self.row_bytes : bottom * self.row_bytes]
        return RasterImage(self.width, bottom - top, chunk)

    def ascii(self) -> str:
        """The image as ``#`` and ``.``, for reading a failing test."""
        return "\n".join(
            "".join("#" if self.dot(x, y) else "." for x in range(self.width))
            for y in range(self.height)
        )


@dataclasses.dataclass
class Decoded:
    lines: list[str]
    commands: list[tuple[str, ...]]
    styled: list[Line] = dataclasses.field(default_factory=list)
    images: list[RasterImage] = dataclasses.field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line_with(self, needle: str) -> Line:
        """The first printed line containing ``needle`` (AssertionError if none)."""
        for line in self.styled:
            if needle in line.text:
                return line
        raise AssertionError(f"no printed line contains {needle!r}:\n{self.text}")

    def paper(self, width: int) -> list[str]:
        """The slip as it comes out: aligned lines, with QR codes, feeds, cuts and kicks marked."""
        out: list[str] = []
        pending = iter(self.styled)
        line = next(pending, None)
        for index, command in enumerate([*self.commands, ("end",)]):
            while line is not None and line.after_command <= index:
                out.append(_aligned(line, width))
                line = next(pending, None)
            if command[0] == "qr":
                out.append(f"[QR {command[1]}]")
            elif command[0] == "feed":
                out.extend([""] * int(command[1]))
            elif command[0] == "cut":
                out.append(f"[CUT {command[1]}]")
            elif command[0] == "drawer":
                out.append(f"[DRAWER pin {command[1]}]")
            elif command[0] == "raster":
                out.append(f"[IMAGE {command[1]}x{command[2]}]")
        return out


def _aligned(line: Line, width: int) -> str:
    if not line.text.strip():
        return ""
    columns = width // 2 if line.double else width
    spare = max(columns - display_width(line.text), 0)
    pad = {"left": 0, "center": spare // 2, "right": spare}[line.align]
    return " " * pad + line.text


def decode(data: bytes) -> Decoded:
    """Text lines and commands of an ESC/POS byte stream; DecodeError on anything unknown."""
    return _Decoder(bytes(data)).run()


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.commands: list[tuple[str, ...]] = []
        self.lines: list[Line] = []
        self.text = bytearray()
        self.text_has_chinese = False
        self.line_style: tuple[str, bool, bool] | None = None
        self.align, self.bold, self.double = "left", False, False
        self.chinese = False
        self.qr_data = b""
        self.images: list[RasterImage] = []

    def run(self) -> Decoded:
        while self.pos < len(self.data):
            byte = self.data[self.pos]
            if byte == LF:
                self.pos += 1
                self._end_line()
            elif byte == ESC:
                self._esc()
            elif byte == GS:
                self._gs()
            elif byte == FS:
                self._fs()
            elif byte == DLE:
                self._dle()
            elif byte < 0x20 or byte == 0x7F:
                raise DecodeError(f"unknown control byte 0x{byte:02x} at {self.pos}")
            else:
                self._text_byte(byte)
        if self.text:
            self._end_line()
        return Decoded(
            lines=[line.text for line in self.lines],
            commands=self.commands,
            styled=self.lines,
            images=self.images,
        )

    # -- text -----------------------------------------------------------------------------------

    def _text_byte(self, byte: int) -> None:
        if byte >= 0x80 and not self.chinese:
            raise DecodeError(f"byte 0x{byte:02x} outside Chinese mode at {self.pos}")
        if self.line_style is None:
            self.line_style = (self.align, self.bold, self.double)
        self.text.append(byte)
        self.pos += 1

    def _flush_text(self) -> str:
        try:
            return bytes(self.text).decode("gb18030")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"text is not GB18030: {bytes(self.text)!r}") from exc

    def _end_line(self) -> None:
        if self.chinese:
            raise DecodeError(f"line ends inside Chinese mode at {self.pos}")
        align, bold, double = self.line_style or (self.align, self.bold, self.double)
        self.lines.append(Line(self._flush_text(), align, bold, double, len(self.commands)))
        self.text.clear()
        self.line_style = None

    # -- commands -------------------------------------------------------------------------------

    def _need(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise DecodeError(f"command cut short at {self.pos}: {self.data[self.pos :]!r}")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def _command(self, *parts: str) -> None:
        self.commands.append(parts)

    def _esc(self) -> None:
        code = self._need(2)[1]
        if code == ord("@"):
            self.align, self.bold, self.double, self.chinese = "left", False, False, False
            self._command("init")
        elif code == ord("a"):
            n = self._need(1)[0]
            if n not in _ALIGNS:
                raise DecodeError(f"ESC a {n}")
            self.align = _ALIGNS[n]
            self._command("align", self.align)
        elif code == ord("E"):
            self.bold = bool(self._need(1)[0] & 1)
            self._command("bold", "on" if self.bold else "off")
        elif code == ord("!"):
            self._command("print_mode", str(self._need(1)[0]))
        elif code == ord("d"):
            self._command("feed", str(self._need(1)[0]))
        elif code == ord("p"):
            pin, on, off = self._need(3)
            if pin not in (0, 1, 48, 49):
                raise DecodeError(f"ESC p {pin}")
            self._command("drawer", "2" if pin in (0, 48) else "5", str(on), str(off))
        elif code == ord("t"):
            self._command("codepage", str(self._need(1)[0]))
        else:
            raise DecodeError(f"unknown command ESC 0x{code:02x} at {self.pos - 2}")

    def _gs(self) -> None:
        code = self._need(2)[1]
        if code == ord("!"):
            n = self._need(1)[0]
            width, height = (n >> 4) + 1, (n & 0x0F) + 1
            if (width, height) == (1, 1):
                self.double = False
                self._command("double", "off")
            elif (width, height) == (2, 2):
                self.double = True
                self._command("double", "on")
            else:
                raise DecodeError(f"GS ! {n}: only normal and double size are expected")
        elif code == ord("V"):
            m = self._need(1)[0]
            if m in (0, 48):
                self._command("cut", "full")
            elif m in (1, 49):
                self._command("cut", "partial")
            elif m in (65, 66):
                feed = self._need(1)[0]
                self._command("cut", "full" if m == 65 else "partial", str(feed))
            else:
                raise DecodeError(f"GS V {m}")
        elif code == ord("("):
            self._gs_paren()
        elif code == ord("v"):
            self._gs_raster()
        else:
            raise DecodeError(f"unknown command GS 0x{code:02x} at {self.pos - 2}")

    def _gs_paren(self) -> None:
        kind = self._need(1)
        if kind != b"k":
            raise DecodeError(f"unknown command GS ( {kind!r}")
        low, high = self._need(2)
        body = self._need(low + high * 256)
        if len(body) < 2 or body[0] != ord("1"):
            raise DecodeError(f"GS ( k for a symbol other than QR: {body!r}")
        fn, args = body[1], body[2:]
        if fn == 65:
            self._command("qr_model", str(args[0] - 48))
        elif fn == 67:
            self._command("qr_size", str(args[0]))
        elif fn == 69:
            self._command("qr_ec", _QR_EC.get(args[0], "?"))
        elif fn == 80:
            self.qr_data = args[1:]
        elif fn == 81:
            self._command("qr", self.qr_data.decode("utf-8"))
            self.qr_data = b""
        else:
            raise DecodeError(f"GS ( k QR function {fn}")

    def _gs_raster(self) -> None:
        """GS v 0 m xL xH yL yH d...: a raster bit image, x bytes wide and y dots high."""
        if self.text:
            raise DecodeError(f"raster image in the middle of a text line at {self.pos}")
        zero, scale = self._need(2)
        if zero != ord("0"):
            raise DecodeError(f"unknown command GS v 0x{zero:02x}")
        if scale not in (0, 48):
            raise DecodeError(f"GS v 0 scale {scale}: only normal size is expected")
        x_low, x_high, y_low, y_high = self._need(4)
        row_bytes, height = x_low + x_high * 256, y_low + y_high * 256
        if not row_bytes or not height:
            raise DecodeError(f"empty raster image at {self.pos - 8}")
        image = RasterImage(row_bytes * 8, height, self._need(row_bytes * height))
        self.images.append(image)
        self._command("raster", str(image.width), str(image.height))

    def _fs(self) -> None:
        code = self._need(2)[1]
        if code == ord("&"):
            self.chinese = True
            self._command("chinese", "on")
        elif code == ord("."):
            self.chinese = False
            self._command("chinese", "off")
        else:
            raise DecodeError(f"unknown command FS 0x{code:02x} at {self.pos - 2}")

    def _dle(self) -> None:
        code, n = self._need(3)[1:]
        if code != EOT or n not in (1, 2, 3, 4):
            raise DecodeError(f"unknown command DLE 0x{code:02x} {n}")
        self._command("status_query", str(n))
