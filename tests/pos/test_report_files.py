"""A report's table in CSV and XLSX: no live formula, amounts as numbers in yuan, and a file
that cannot be written leaves nothing under its name."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.pos.report_files import ReportFileError, export_table
from app.pos.reports import CellKind, Column, ReportTable

TABLE = ReportTable(
    "by_product",
    (
        Column("name", CellKind.TEXT),
        Column("qty_milli", CellKind.QTY),
        Column("net_fen", CellKind.MONEY),
        Column("margin_bp", CellKind.PERCENT),
    ),
    (
        ('=HYPERLINK("http://x","y")', 2500, 1234_56, 3333),
        ("-退货", -1000, -350, 0),
    ),
)
HEADERS = ["商品", "数量", "净销售额", "毛利率"]


def test_a_csv_export_quotes_formulas_and_writes_amounts_in_yuan(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    assert export_table(path, HEADERS, TABLE) == 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        HEADERS,
        ['\'=HYPERLINK("http://x","y")', "2.5", "1234.56", "33.33%"],
        ["'-退货", "-1", "-3.50", "0.00%"],
    ]


def test_an_xlsx_export_holds_no_formula_and_amounts_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    export_table(path, HEADERS, TABLE)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = [[c for c in row] for row in sheet.iter_rows()]
    assert all(cell.data_type != "f" for row in cells for cell in row)
    values = [[c.value for c in row] for row in cells]
    assert values[1][0] == '\'=HYPERLINK("http://x","y")'
    assert [Decimal(str(v)) for v in values[1][1:]] == [
        Decimal("2.5"),
        Decimal("1234.56"),
        Decimal("0.3333"),
    ]
    assert cells[2][2].value == -3.5 and cells[2][2].number_format == "0.00"


@pytest.mark.parametrize(
    ("name", "said"),
    [("nowhere/r.csv", "文件夹不存在"), ("r.pdf", "只能导出为 CSV 或 Excel")],
)
def test_a_path_that_cannot_take_the_report_is_refused_and_leaves_nothing(
    tmp_path: Path, name: str, said: str
) -> None:
    with pytest.raises(ReportFileError, match=said):
        export_table(tmp_path / name, HEADERS, TABLE)
    assert list(tmp_path.rglob("*")) == []


def test_a_write_the_disk_refuses_leaves_no_partial_file(tmp_path: Path) -> None:
    taken = tmp_path / "r.xlsx"
    taken.mkdir()  # a folder holds the name: the finished file cannot be put there
    with pytest.raises(ReportFileError, match=r"无法写入文件 r\.xlsx"):
        export_table(taken, HEADERS, TABLE)
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"] and taken.is_dir()
