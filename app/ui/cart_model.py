"""The cart as a Qt table: one row per line, updated row by row so a scan paints at once."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.money import format_fen
from app.pos.cart import Cart, CartLine, Totals, qty_text

COL_NO, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_AMOUNT = range(6)

_Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [
        "#",
        QCoreApplication.translate("CartModel", "名称"),
        QCoreApplication.translate("CartModel", "数量"),
        QCoreApplication.translate("CartModel", "单价"),
        QCoreApplication.translate("CartModel", "折扣"),
        QCoreApplication.translate("CartModel", "金额"),
    ]


class CartModel(QAbstractTableModel):
    """Views one ``Cart``; the window tells it which row changed after each cart call."""

    def __init__(self, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._headers = _headers()
        self._totals: Totals = cart.totals()

    @property
    def cart(self) -> Cart:
        return self._cart

    @property
    def totals(self) -> Totals:
        return self._totals

    # -- changes -------------------------------------------------------------------------------

    def set_cart(self, cart: Cart) -> None:
        """A different cart (resumed, or a fresh one after payment): the one full reset."""
        self.beginResetModel()
        self._cart = cart
        self._totals = cart.totals()
        self.endResetModel()

    def line_added_or_changed(self, index: int, rows_before: int) -> None:
        """After ``cart.add``: a new row is inserted, a merged scan just changes its row."""
        self._totals = self._cart.totals()
        if len(self._cart.lines) > rows_before:
            self.beginInsertRows(QModelIndex(), rows_before, len(self._cart.lines) - 1)
            self.endInsertRows()
            if rows_before and self._promoted():
                # a cart promotion (满减) may move the lines already there
                last = rows_before - 1
                self.dataChanged.emit(self.index(0, COL_DISCOUNT), self.index(last, COL_AMOUNT))
        else:
            self.line_changed(index)

    def _promoted(self) -> bool:
        return self._cart.book is not None and bool(self._cart.book.rules)

    def line_changed(self, index: int) -> None:
        self._totals = self._cart.totals()
        if self._promoted() and self._cart.lines:
            # a cart promotion (满减) moves other lines when one changes
            last = len(self._cart.lines) - 1
            self.dataChanged.emit(self.index(0, COL_DISCOUNT), self.index(last, COL_AMOUNT))
        self.dataChanged.emit(self.index(index, 0), self.index(index, COL_AMOUNT))

    def all_lines_changed(self) -> None:
        """An order discount or rounding moves no row but may change every amount."""
        self._totals = self._cart.totals()
        if self._cart.lines:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._cart.lines) - 1, COL_AMOUNT)
            )

    def remove_line(self, index: int) -> None:
        self.beginRemoveRows(QModelIndex(), index, index)
        self._cart.remove(index)
        self._totals = self._cart.totals()
        self.endRemoveRows()
        if index < len(self._cart.lines):
            # line numbers below the removed row moved up by one
            self.dataChanged.emit(
                self.index(index, COL_NO), self.index(len(self._cart.lines) - 1, COL_NO)
            )

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cart.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | int | None:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._alignment(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | int | None:
        if not index.isValid() or index.row() >= len(self._cart.lines):
            return None
        line = self._cart.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return f"{line.product.name}  {line.product.code}"
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DISCOUNT:
            names = self._totals.lines[index.row()].promotion_names
            return "\n".join(names) or None
        return None

    def _text(self, row: int, line: CartLine, column: int) -> str:
        if column == COL_NO:
            return str(row + 1)
        if column == COL_NAME:
            if line.price_override_approver_id:
                return line.product.name + QCoreApplication.translate("CartModel", "（改价）")
            return line.product.name
        if column == COL_QTY:
            return f"{qty_text(line.qty_milli)} {line.product.unit}"
        if column == COL_PRICE:
            return format_fen(line.unit_price_fen)
        priced = self._totals.lines[row] if row < len(self._totals.lines) else None
        if priced is None:  # between a cart change and its totals: never shown for long
            return ""
        if column == COL_DISCOUNT:
            labels = list(priced.promotion_names)
            if line.discount is not None:
                labels.append(line.discount.label)
            if not labels:
                return ""
            off = priced.line_discount_fen
            return "、".join(labels) + (f" -{format_fen(off)}" if off else "")
        return format_fen(priced.gross_fen - priced.line_discount_fen)

    @staticmethod
    def _alignment(column: int) -> int:
        if column in (COL_NAME, COL_DISCOUNT):
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
