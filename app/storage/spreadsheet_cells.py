"""Cells the counter writes to CSV and XLSX files: a spreadsheet must never run one as a formula.

A name like ``=HYPERLINK("http://x","y")`` or ``+86 138…`` typed at the counter would otherwise
become a live formula when the export is opened (CSV injection). Following OWASP's rule, text
beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a single
quote in front, which spreadsheets read as "this is text". A plain number such as ``-12.50``
(an amount the counter writes itself) is left alone: no spreadsheet runs it, and quoting it
would turn money into text. Text that already begins with quotes before one of those characters
gets one more, so reading a cell back (:func:`read_back`) gives exactly what was written.
Every export (products, members, reminders) writes its rows through :func:`safe_row`, and every
import reads its cells through :func:`read_back`, so exporting and importing round-trips.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _runnable(text: str) -> bool:
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet must hold it: text it would run gets a quote in front."""
    if isinstance(value, str) and _runnable(value):
        return QUOTE + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """A row for ``csv.writer.writerow`` or an openpyxl sheet's ``append``, every cell safe."""
    return [safe_cell(value) for value in values]


def read_back(text: str) -> str:
    """A cell from a file as it was before :func:`safe_cell` quoted it (other text unchanged)."""
    if text.startswith(QUOTE) and _runnable(text[1:]):
        return text[1:]
    return text
