"""Read-only tables the members screen lists members, ledgers and rules in, built one way."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.money import format_fen
from app.ui.dialogs import named


def read_only_table(
    parent: QWidget, object_name: str, accessible: str, headers: Sequence[str]
) -> QTableWidget:
    """Whole rows are chosen one at a time; the columns fit their contents."""
    table = QTableWidget(0, len(headers), parent)
    named(table, object_name, accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Every row anew. The columns are fitted to their contents once, after the last item:
    fitted after each item, a header that resizes to contents reads every row again (a
    thousand products took a minute), and a sorted table sorts again."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(column) for column in range(table.columnCount())]
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    try:
        table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
    finally:
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        table.setSortingEnabled(sorting)


def signed_yuan(fen: int) -> str:
    """A ledger movement: ``+12.00`` in, ``-12.00`` out."""
    return ("+" if fen > 0 else "") + format_fen(fen)
