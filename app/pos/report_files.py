"""A report's table written to CSV or XLSX, whole or not at all, every cell formula-safe.

The file is written under a temporary name beside the target and renamed when complete, so a
full disk or a refused folder never leaves half a report under the name the owner chose. Money
goes to XLSX as numbers in yuan (exact decimals from fen, shown with two places) so a
spreadsheet can add them up; to CSV as ``12.50``. Text cells pass through
:func:`app.storage.spreadsheet_cells.safe_row` like every other export of the counter.
"""

from __future__ import annotations

import csv
import decimal
from collections.abc import Sequence
from pathlib import Path

from app.errors import KnownError
from app.money import format_fen
from app.pos.cart import qty_text
from app.pos.reports import Cell, CellKind, ReportTable
from app.storage.spreadsheet_cells import safe_row
from app.storage.whole_files import whole_file

CSV_SUFFIXES = frozenset({".csv"})
XLSX_SUFFIXES = frozenset({".xlsx"})
EXPORT_CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel open the file as UTF-8
_XLSX_FORMATS = {CellKind.MONEY: "0.00", CellKind.QTY: "0.###", CellKind.PERCENT: "0.00%"}
_SCALE = {CellKind.MONEY: 100, CellKind.QTY: 1000, CellKind.PERCENT: 10000}


class ReportFileError(KnownError):
    """A report that could not be written where asked; no file was left under that name."""


def csv_text(kind: CellKind, value: Cell) -> str:
    """A cell as the CSV (and the screen's table) shows it."""
    if value is None:
        return ""
    if kind is CellKind.MONEY:
        return format_fen(int(value))
    if kind is CellKind.QTY:
        return qty_text(int(value))
    if kind is CellKind.PERCENT:
        return f"{format_fen(int(value))}%"  # basis points: 1234 -> 12.34%
    return str(value)


def export_table(path: Path, headers: Sequence[str], table: ReportTable) -> int:
    """Write ``table`` under ``headers`` to ``path`` (.csv or .xlsx); rows written."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise ReportFileError("只能导出为 CSV 或 Excel（.xlsx）文件：%1", path.name)
    if not path.parent.is_dir():
        raise ReportFileError("文件夹不存在：%1", str(path.parent))
    try:
        with whole_file(path) as partial:
            if suffix in CSV_SUFFIXES:
                _write_csv(partial, headers, table)
            else:
                _write_xlsx(partial, headers, table)
    except OSError as exc:
        raise ReportFileError("无法写入文件 %1：%2", path.name, exc.strerror or str(exc)) from exc
    return len(table.rows)


def _write_csv(path: Path, headers: Sequence[str], table: ReportTable) -> None:
    kinds = [column.kind for column in table.columns]
    with path.open("w", encoding=EXPORT_CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(safe_row(headers))
        for row in table.rows:
            writer.writerow(
                safe_row(csv_text(kind, value) for kind, value in zip(kinds, row, strict=True))
            )


def _write_xlsx(path: Path, headers: Sequence[str], table: ReportTable) -> None:
    import openpyxl  # late: only files need it, and it is slow to load
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(table.key[:31])
    sheet.append(safe_row(headers))
    for row in table.rows:
        cells: list[object] = []
        for column, value in zip(table.columns, row, strict=True):
            scale = _SCALE.get(column.kind)
            if scale is None or value is None:
                cells.append(safe_row([value])[0])
                continue
            cell = WriteOnlyCell(sheet, value=decimal.Decimal(int(value)) / scale)
            cell.number_format = _XLSX_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
