"""Where the fonts the program ships are: a path only, so the window can register the font before
anything heavy is imported (the printer's modules pull in python-escpos and the domain)."""

from __future__ import annotations

from pathlib import Path

#: The CJK font every raster receipt is drawn with, shipped with the program (a subset of
#: WenQuanYi Micro Hei made by resources/fonts/make_subset.py, its licence beside it): receipts
#: look the same on every computer, and none needs a Chinese font installed. The window draws
#: with it too where no system font draws Chinese.
RECEIPT_FONT = (
    Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei-receipt.ttf"
)
