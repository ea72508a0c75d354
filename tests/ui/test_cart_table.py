"""The cart table paints its rows itself: what it paints must be what the model holds, in the
colours the style sheet gives (selection, alternate rows), and a name too long for its cell
elided rather than spilling into the next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.ui.cart_table import CartTable

LONG_NAME = "金龙鱼特级初榨橄榄油礼盒装五升两瓶加赠小瓶装一瓶"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _model(rows: int) -> QStandardItemModel:
    model = QStandardItemModel(0, 3)
    for row in range(rows):
        name = LONG_NAME if row == 0 else f"商品{row}"
        amount = QStandardItem(f"{row + 1}.50")
        amount.setTextAlignment(RIGHT)
        model.appendRow([QStandardItem(str(row + 1)), QStandardItem(name), amount])
    return model


def _shown(qtbot: Any, view: QTableView, model: QStandardItemModel) -> QImage:
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(40)
    view.setColumnWidth(0, 40)
    view.setColumnWidth(1, 160)
    view.setColumnWidth(2, 90)
    view.resize(320, 260)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.selectRow(2)
    return view.viewport().grab().toImage()


def _row_colour(image: QImage, view: QTableView, row: int) -> QColor:
    """A pixel of the row left of its text: the row's background."""
    return image.pixelColor(1, view.rowViewportPosition(row) + 3)


def _inked_columns(image: QImage, view: QTableView, row: int) -> list[int]:
    """The x of every column of pixels where the row's text left dark ink (not the grid)."""
    top = view.rowViewportPosition(row)
    middle = top + view.rowHeight(row) // 2
    return [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < 128 for y in range(middle - 6, middle + 6))
    ]


def test_rows_are_painted_in_the_selection_and_alternate_colours(qtbot: Any) -> None:
    view = CartTable()
    image = _shown(qtbot, view, _model(5))
    palette = view.palette()
    assert _row_colour(image, view, 2) == palette.color(QPalette.ColorRole.Highlight)
    assert _row_colour(image, view, 1) == palette.color(QPalette.ColorRole.AlternateBase)
    assert _row_colour(image, view, 0) == palette.color(QPalette.ColorRole.Base)
    assert palette.color(QPalette.ColorRole.Highlight) != palette.color(QPalette.ColorRole.Base)


def test_texts_sit_where_a_plain_table_puts_them_and_long_names_stay_in_their_cell(
    qtbot: Any,
) -> None:
    model = _model(4)
    mine, plain = CartTable(), QTableView()
    painted, reference = _shown(qtbot, mine, model), _shown(qtbot, plain, model)
    name_right = mine.columnViewportPosition(2) - 1
    for row in (0, 3):  # the long name and a short one, on unselected rows
        ink = _inked_columns(painted, mine, row)
        ink_reference = _inked_columns(reference, plain, row)
        assert ink, f"row {row} painted nothing"
        # the amount is right-aligned: its last ink is near the right edge, as Qt puts it
        assert abs(max(ink) - max(ink_reference)) <= 4
        name_ink = [x for x in ink if mine.columnViewportPosition(1) < x < name_right]
        assert name_ink and max(name_ink) < name_right - 1  # the name never reaches the grid
    shown = [static.text() for static, _advance in mine._texts.values()]
    long_texts = [text for text in shown if text.endswith("…")]
    assert long_texts and long_texts[0].startswith(LONG_NAME[:3])
    assert len(long_texts[0]) < len(LONG_NAME)


def test_the_sale_window_uses_it(sale: Any) -> None:
    assert isinstance(sale.table, CartTable)
