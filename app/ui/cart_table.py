"""The cart's table, painted in one pass so a scan paints within a frame.

Every scan inserts a row and scrolls, so the whole viewport is painted again. Qt's item view
paints each cell through the style sheet and lays its text out anew (about 100 µs a cell here:
9 ms for the 14 rows x 6 columns a 1024x768 window shows). This view paints the rows itself:
one fill per row and each text as a ``QStaticText`` laid out once and kept, which makes a repaint
about a quarter of that. Everything else (selection, scrolling, tooltips, accessibility, the
model) stays the ``QTableView``'s own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QStandardItemModel,
    QStaticText,
)
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView, QWidget

#: Space between a cell's edge and its text, as the style's item delegate leaves it.
TEXT_MARGIN = 4
#: Laid-out texts kept; a long day of scans stays far below it, a full cache starts again.
MAX_KEPT_TEXTS = 4_000


class CartTable(QTableView):
    """A ``QTableView`` over a ``QStandardItemModel`` whose rows it paints itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: dict[tuple[str, int], tuple[QStaticText, int]] = {}

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if not isinstance(model, QStandardItemModel) or model.rowCount() == 0:
            super().paintEvent(event)
            return
        viewport = self.viewport()
        area = event.rect()
        first = max(0, self.rowAt(area.top()))
        last = self.rowAt(area.bottom())
        if last < 0:
            last = model.rowCount() - 1
        columns = [
            (column, self.columnViewportPosition(column), self.columnWidth(column))
            for column in range(model.columnCount())
            if not self.isColumnHidden(column)
        ]
        palette = self.palette()
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        text_color = palette.color(QPalette.ColorRole.Text)
        highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
        grid = self._grid_color()
        selected = {index.row() for index in self.selectionModel().selectedRows()}
        text_height = self.fontMetrics().height()
        width = min(viewport.width(), max((left + size for _c, left, size in columns), default=0))
        painter = QPainter(viewport)
        painter.setFont(self.font())
        try:
            for row in range(first, last + 1):
                top, height = self.rowViewportPosition(row), self.rowHeight(row)
                if row in selected:
                    painter.fillRect(0, top, width, height, highlight)
                    painter.setPen(highlighted_text)
                else:
                    if self.alternatingRowColors() and row % 2:
                        painter.fillRect(0, top, width, height, alternate)
                    painter.setPen(text_color)  # the viewport filled the base colour itself
                baseline_top = top + (height - text_height) / 2
                for column, left, cell_width in columns:
                    item = model.item(row, column)
                    if item is None:
                        continue
                    static, advance = self._laid_out(item.text(), cell_width, painter)
                    if item.textAlignment() & Qt.AlignmentFlag.AlignRight:
                        x = left + cell_width - TEXT_MARGIN - advance
                    else:
                        x = left + TEXT_MARGIN
                    painter.drawStaticText(QPointF(x, baseline_top), static)
                if self.showGrid():
                    painter.setPen(grid)
                    bottom = top + height - 1
                    painter.drawLine(0, bottom, width, bottom)
                    for _column, left, cell_width in columns:
                        right = left + cell_width - 1
                        painter.drawLine(right, top, right, bottom)
        finally:
            painter.end()

    def _laid_out(self, text: str, width: int, painter: QPainter) -> tuple[QStaticText, int]:
        """The text elided to its cell, laid out once for this font (kept by text and width)."""
        key = (text, width)
        kept = self._texts.get(key)
        if kept is None:
            if len(self._texts) >= MAX_KEPT_TEXTS:
                self._texts.clear()
            metrics = self.fontMetrics()
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * TEXT_MARGIN)
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(painter.transform(), painter.font())
            kept = self._texts[key] = (static, metrics.horizontalAdvance(shown))
        return kept

    def _grid_color(self) -> QColor:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        rgb = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        return (
            QColor.fromRgba(rgb & 0xFFFFFFFF)
            if rgb != -1
            else self.palette().color(QPalette.ColorRole.Mid)
        )

    def changeEvent(self, event: QEvent) -> None:
        """A new font or style lays every text out again."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._texts.clear()
        super().changeEvent(event)
