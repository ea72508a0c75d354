"""报表 in the window: sales rung up at the counter show in the summary, the charts and every
table; a table exports to XLSX and CSV with the amounts as numbers; the daily summary and a
member's statement print to PDF; bad ranges, a store with no sales and an unwritable path are
said plainly, never an empty chart or a crash."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from PySide6.QtCharts import QChartView, QPieSeries
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from tests.ui.driving import (
    CASHIER,
    MANAGER,
    MANAGER_PIN,
    SILVER_CARD,
    action,
    approval_in,
    approve,
    child,
    choose_member,
    click,
    error_text,
    login,
    open_dialog,
    open_members_screen,
    pay_cash,
    scan,
)


def open_reports(sale: Any) -> Any:
    action(sale, "reportsAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "reportsScreen"
    return screen


def show_tab(screen: Any, name: str) -> QWidget:
    tab = child(screen, QWidget, name)
    child(screen, QTabWidget, "reportsTabs").setCurrentWidget(tab)
    return tab


def table_rows(parent: Any, name: str) -> list[list[str]]:
    table = child(parent, QTableWidget, name)
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def status(screen: Any) -> str:
    return child(screen, QLabel, "reportsStatus").text()


def chart_shows_chart(screen: Any, name: str) -> bool:
    panel = child(screen, QStackedWidget, name)
    return isinstance(panel.currentWidget(), QChartView)


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(path), ""))
    )


def test_sales_rung_up_show_in_the_summary_charts_tables_and_exports(
    controller: Any, qtbot: Any, products: list[Any], tmp_path: Path, monkeypatch: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    first, second = products[0], products[1]
    scan(qtbot, sale, first.barcodes[0])
    scan(qtbot, sale, first.barcodes[0])
    pay_cash(qtbot, sale, 2 * first.price_fen)
    scan(qtbot, sale, second.barcodes[0])
    pay_cash(qtbot, sale, second.price_fen)
    net = 2 * first.price_fen + second.price_fen

    screen = open_reports(sale)
    assert f"{net / 100:.2f}" in status(screen)
    summary = child(screen, QLabel, "reportsSummary").text()
    assert f"{net / 100:.2f}" in summary and "会员销售占比" in summary
    assert chart_shows_chart(screen, "salesChart") and chart_shows_chart(screen, "tenderChart")
    pie = child(screen, QStackedWidget, "tenderChart")
    series = pie.chart.series()  # type: ignore[attr-defined]
    assert len(series) == 1 and isinstance(series[0], QPieSeries)
    assert [s.label().split()[0] for s in series[0].slices()] == ["现金"]

    tab = show_tab(screen, "by_productTab")
    rows = table_rows(tab, "by_productTable")
    assert [row[1] for row in rows] == sorted(
        [first.name, second.name],
        key=lambda n: -(2 * first.price_fen if n == first.name else second.price_fen),
    )
    assert [first.code, "2", f"{2 * first.price_fen / 100:.2f}"] == [
        rows[[r[1] for r in rows].index(first.name)][i] for i in (0, 3, 4)
    ]
    tab = show_tab(screen, "by_tenderTab")
    assert table_rows(tab, "by_tenderTable")[0][0] == "现金"

    book = tmp_path / "products.xlsx"
    save_as(monkeypatch, book)
    click(qtbot, child(screen, QPushButton, "by_productExport"))
    assert "已导出 2 行" in status(screen)
    sheet = openpyxl.load_workbook(book).worksheets[0]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0][:5] == ["编码", "商品", "类别", "数量", "净销售额"]
    exported = {row[1]: row for row in cells[1:]}
    assert float(exported[first.name][4]) == 2 * first.price_fen / 100  # a number, not text

    text = tmp_path / "tender.csv"
    save_as(monkeypatch, text)
    click(qtbot, child(screen, QPushButton, "by_tenderExport"))
    with text.open(encoding="utf-8-sig") as handle:
        records = list(csv.reader(handle))
    assert records[1] == ["现金", f"{net / 100:.2f}", "0.00", "0.00", f"{net / 100:.2f}"]

    pdf = tmp_path / "daily.pdf"
    save_as(monkeypatch, pdf)
    click(qtbot, child(screen, QPushButton, "reportsPrintSummary"))
    assert pdf.read_bytes().startswith(b"%PDF") and "daily.pdf" in status(screen)
    assert not list(tmp_path.glob(".*.partial"))  # every file was renamed whole


def test_a_store_with_no_sales_says_so_instead_of_an_empty_chart(
    controller: Any, qtbot: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_reports(sale)
    assert status(screen) == "该期间没有销售"
    assert not chart_shows_chart(screen, "salesChart")
    assert child(screen, QLabel, "salesChartEmpty").text() == "该期间没有销售"
    assert table_rows(screen, "by_dayTable") == []


def test_an_empty_or_future_range_and_an_unwritable_path_are_said_plainly(
    controller: Any, qtbot: Any, products: list[Any], tmp_path: Path, monkeypatch: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    scan(qtbot, sale, products[0].barcodes[0])
    pay_cash(qtbot, sale, products[0].price_fen)
    screen = open_reports(sale)
    today = screen.service.today()

    screen.choose(today, today - dt.timedelta(days=1))
    assert "期间为空" in status(screen)
    assert not chart_shows_chart(screen, "salesChart")
    screen.choose(today + dt.timedelta(days=3), today + dt.timedelta(days=9))
    assert "还没有到来" in status(screen)
    assert table_rows(screen, "by_productTable") == []
    save_as(monkeypatch, tmp_path / "x.xlsx")
    click(qtbot, child(screen, QPushButton, "by_productExport"))
    assert "请先选择有效的期间" in status(screen) and not (tmp_path / "x.xlsx").exists()

    screen.choose(today, today)
    missing = tmp_path / "no-such-folder" / "products.xlsx"
    save_as(monkeypatch, missing)
    click(qtbot, child(screen, QPushButton, "by_productExport"))
    assert "文件夹不存在" in status(screen) and not missing.parent.exists()
    save_as(monkeypatch, tmp_path / "products.doc")
    click(qtbot, child(screen, QPushButton, "by_productExport"))
    assert "只能导出为 CSV 或 Excel" in status(screen)
    save_as(monkeypatch, missing.with_suffix(".pdf"))
    click(qtbot, child(screen, QPushButton, "reportsPrintSummary"))
    assert "无法写入文件" in status(screen) and not missing.parent.exists()


def test_a_member_statement_prints_to_pdf_and_an_unknown_card_is_said(
    controller: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_reports(sale)
    tab = show_tab(screen, "statementTab")
    card = child(tab, QLineEdit, "statementCard")
    pdf = tmp_path / "statement.pdf"
    save_as(monkeypatch, pdf)
    card.setText("0000")
    click(qtbot, child(tab, QPushButton, "statementPrint"))
    assert "没有卡号为 ****00 的会员" in child(tab, QLabel, "statementStatus").text()
    card.setText("88000005")
    click(qtbot, child(tab, QPushButton, "statementPrint"))
    assert "statement.pdf" in child(tab, QLabel, "statementStatus").text()
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_cashier_opens_reports_with_a_managers_approval(controller: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot, CASHIER)
    action(sale, "reportsAction").trigger()
    approve(qtbot, approval_in(sale), MANAGER, MANAGER_PIN)
    assert sale.dialog is not None and sale.dialog.objectName() == "reportsScreen"


def test_the_members_screen_prints_the_chosen_members_statement(
    controller: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    sale = login(controller, qtbot)
    screen = open_members_screen(sale)
    click(qtbot, child(screen, QPushButton, "membersStatement"))
    assert "请先选择会员" in error_text(screen)
    choose_member(screen, qtbot, SILVER_CARD)
    click(qtbot, child(screen, QPushButton, "membersStatement"))
    dialog = open_dialog(screen, "statementDialog")
    pdf = tmp_path / "silver.pdf"
    save_as(monkeypatch, pdf)
    click(qtbot, child(dialog, QPushButton, "statementDialogPrint"))
    assert "silver.pdf" in child(dialog, QLabel, "statementDialogStatus").text()
    assert pdf.read_bytes().startswith(b"%PDF")
