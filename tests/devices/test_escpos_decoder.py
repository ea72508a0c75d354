"""The test decoder itself: it must refuse what it does not know, or it proves nothing."""

from __future__ import annotations

import pytest

from tests.devices.escpos_decoder import DecodeError, decode


def test_text_and_commands_are_told_apart() -> None:
    data = b"\x1b@\x1ba\x01\x1bE\x01Total\n\x1c&\xbf\xc9\xc0\xd6\x1c.\n\x1bd\x02\x1dV\x00"
    decoded = decode(data)
    assert decoded.lines == ["Total", "可乐"]
    assert decoded.text == "Total\n可乐"
    assert decoded.commands == [
        ("init",),
        ("align", "center"),
        ("bold", "on"),
        ("chinese", "on"),
        ("chinese", "off"),
        ("feed", "2"),
        ("cut", "full"),
    ]
    assert decoded.line_with("Total").bold


def test_status_query_and_drawer_kick_are_named() -> None:
    decoded = decode(b"\x10\x04\x04\x1bp\x00\x19\xfa")
    assert decoded.commands == [("status_query", "4"), ("drawer", "2", "25", "250")]


@pytest.mark.parametrize(
    "data",
    [
        b"\x1bZ\x00",  # unknown ESC command
        b"\x1d*\x01",  # GS * (downloaded bit image) is not expected
        b"\x1c!\x00",  # FS ! unknown here
        b"\x1d!\x22",  # triple size
        b"\x07",  # BEL
        b"\r",
        b"\x1ba",  # cut short
        b"\xbf\xc9\n",  # Chinese bytes outside Chinese mode
        b"\x1c&\xff\xff\x1c.\n",  # not GB18030
        b"\x1c&abc\n",  # line ends inside Chinese mode
        b"\x1d(k\x03\x002C\x06",  # a symbol other than QR
    ],
)
def test_unknown_or_malformed_bytes_fail_loudly(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)


def test_paper_view_marks_qr_cut_and_drawer_in_place() -> None:
    data = (
        b"\x1b@\x1bp\x00\x19\xfaA\n"
        b"\x1d(k\x03\x001C\x06\x1d(k\x06\x001P0xyz\x1d(k\x03\x001Q0\n"
        b"\x1ba\x02B\n\x1bd\x01\x1dV\x01"
    )
    assert decode(data).paper(8) == [
        "[DRAWER pin 2]",
        "A",
        "[QR xyz]",
        "",
        "       B",
        "",
        "[CUT partial]",
    ]
