"""Makes the receipt font shipped beside this script: a subset of WenQuanYi Micro Hei.

Raster receipts are drawn with it on every computer, so they look the same everywhere and need
no Chinese font installed. The subset holds ASCII, Latin-1, all of GB2312 (its symbols and both
levels of hanzi: the 6763 characters of everyday simplified Chinese), general and CJK
punctuation and the full-width forms, as far as the source font has them. Other characters
print as ``?`` and are logged.

The source is Debian's fonts-wqy-microhei 0.2.0-beta (Apache-2.0, or GPLv3 with the font
exception; see LICENSE-wqy-microhei.txt). Run from the repository root, with the dev extras:

    apt-get install fonts-wqy-microhei
    .venv/bin/python resources/fonts/make_subset.py

The same source gives the same bytes (the source's timestamps are kept).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
#: Face 0 of the collection, "WenQuanYi Micro Hei" (face 1 is its monospaced twin).
SOURCE_FACE = 0
OUTPUT = Path(__file__).resolve().with_name("wqy-microhei-receipt.ttf")

ASCII = range(0x20, 0x7F)
#: Latin-1's symbols (the middle dot, ×, ÷, °) and general punctuation (dashes, quotes, …, ‰).
LATIN_1 = range(0xA0, 0x100)
GENERAL_PUNCTUATION = range(0x2000, 0x2070)
CJK_PUNCTUATION = range(0x3000, 0x3040)
FULL_WIDTH_FORMS = range(0xFF01, 0xFFEF)


def gb2312_characters() -> set[str]:
    """Every character GB2312 encodes in two bytes: rows 1-9 symbols, rows 16-87 hanzi."""
    found: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def receipt_characters() -> set[str]:
    """The characters the shipped font must draw."""
    ranges = (ASCII, LATIN_1, GENERAL_PUNCTUATION, CJK_PUNCTUATION, FULL_WIDTH_FORMS)
    return gb2312_characters() | {chr(code) for span in ranges for code in span}


def make_subset(source: Path = SOURCE, output: Path = OUTPUT) -> Path:
    options = subset.Options()
    options.font_number = SOURCE_FACE
    options.recalc_timestamp = False  # reproducible: the source's dates, not today's
    options.name_IDs = ["*"]  # keep the copyright, licence and vendor entries
    options.name_languages = ["*"]
    options.notdef_outline = True  # the "missing" box the renderer compares glyphs with
    options.layout_features = []  # receipts need no kerning or ligatures
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in receipt_characters()))
    subsetter.subset(font)
    subset.save_font(font, str(output), options)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    written = make_subset(args.source, args.output)
    print(f"{written}: {written.stat().st_size} bytes, {len(receipt_characters())} characters")


if __name__ == "__main__":
    main()
