"""The cart as a Qt table: one row per line, updated row by row so a scan paints at once.

Each change prices the cart once and keeps every row's texts; ``data`` only hands them out (the
view asks seven roles of each visible cell on every paint, so it must be cheap), and only the
rows whose texts moved are reported changed: a scan into a 100-line cart repaints the new row
and whatever lines a promotion moved, never a reset.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.money import format_fen
from app.pos.cart import Cart, CartLine, Totals, qty_text
from app.pos.pricing import LinePricing

COL_NO, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_AMOUNT = range(6)
COLUMNS = 6

_Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ALIGNMENTS = tuple(_LEFT if c in (COL_NAME, COL_DISCOUNT) else _RIGHT for c in range(COLUMNS))

#: One row as shown: the six cells' texts, then the tooltips of the name and discount cells.
_Row = tuple[str, str, str, str, str, str, str, str | None]


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

    #: The cart was priced again after a change (its rows and ``totals`` are new): the customer
    #: screen follows this one signal instead of each row signal of the same change.
    totalsChanged = Signal()

    def __init__(self, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cart = cart
        self._headers = _headers()
        self._overridden = QCoreApplication.translate("CartModel", "（改价）")
        self._totals: Totals = cart.totals()
        self._rows: list[_Row] = self._all_rows()

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
        self._rows = self._all_rows()
        self.endResetModel()
        self.totalsChanged.emit()

    def line_added_or_changed(self, index: int, rows_before: int) -> None:
        """After ``cart.add``: a new row is inserted, a merged scan changes its row; a promotion
        may move other rows too (满减 shares, multi-buy), and those are reported as well."""
        self._totals = self._cart.totals()
        rows = self._all_rows()
        if len(rows) > rows_before == len(self._rows):
            self.beginInsertRows(QModelIndex(), rows_before, len(rows) - 1)
            old, self._rows = self._rows, rows
            self.endInsertRows()
            self._report(old, rows[:rows_before])
            self.totalsChanged.emit()
        else:
            self._update(rows)

    def line_changed(self, index: int) -> None:
        """A line's quantity, discount or price changed; so may others through promotions."""
        self._totals = self._cart.totals()
        self._update(self._all_rows())

    def all_lines_changed(self) -> None:
        """A member, an order discount, a coupon or rounding: any amount may have moved."""
        self._totals = self._cart.totals()
        self._update(self._all_rows())

    def remove_line(self, index: int) -> None:
        self.beginRemoveRows(QModelIndex(), index, index)
        self._cart.remove(index)
        old = self._rows[:index] + self._rows[index + 1 :]
        self._rows = old
        self.endRemoveRows()
        self._totals = self._cart.totals()
        self._update(self._all_rows())  # line numbers below it, and what promotions moved

    def _update(self, rows: list[_Row]) -> None:
        if len(rows) != len(self._rows):  # lines came or went behind the model's back
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        else:
            old, self._rows = self._rows, rows
            self._report(old, rows)
        self.totalsChanged.emit()

    def _report(self, old: list[_Row], new: list[_Row]) -> None:
        """One ``dataChanged`` per run of consecutive rows whose texts differ."""
        start = None
        for row, (before, after) in enumerate(zip(old, new, strict=True)):
            if before != after:
                if start is None:
                    start = row
            elif start is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(row - 1, COL_AMOUNT))
                start = None
        if start is not None:
            self.dataChanged.emit(self.index(start, 0), self.index(len(new) - 1, COL_AMOUNT))

    def _all_rows(self) -> list[_Row]:
        priced = self._totals.lines
        return [
            self._row(row, line, priced[row] if row < len(priced) else None)
            for row, line in enumerate(self._cart.lines)
        ]

    def _row(self, row: int, line: CartLine, priced: LinePricing | None) -> _Row:
        product = line.product
        name = product.name + self._overridden if line.price_override_approver_id else product.name
        discount, amount, names = "", "", None
        if priced is not None:
            labels = list(priced.promotion_names)
            names = "\n".join(labels) or None
            if line.discount is not None:
                labels.append(line.discount.label)
            if labels:
                off = priced.line_discount_fen
                discount = "、".join(labels) + (f" -{format_fen(off)}" if off else "")
            amount = format_fen(priced.gross_fen - priced.line_discount_fen)
        return (
            str(row + 1),
            name,
            f"{qty_text(line.qty_milli)} {product.unit}",
            format_fen(line.unit_price_fen),
            discount,
            amount,
            f"{product.name}  {product.code}",
            names,
        )

    # -- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | int | None:
        if orientation == Qt.Orientation.Horizontal:
            if role == _DISPLAY:
                return self._headers[section]
            if role == _ALIGNMENT:
                return _ALIGNMENTS[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> str | int | None:
        if role == _DISPLAY:
            row = index.row()
            return self._rows[row][index.column()] if 0 <= row < len(self._rows) else None
        if role == _ALIGNMENT:
            return _ALIGNMENTS[index.column()] if index.isValid() else None
        if role == _TOOLTIP:
            row, column = index.row(), index.column()
            if not 0 <= row < len(self._rows):
                return None
            if column == COL_NAME:
                return self._rows[row][6]
            if column == COL_DISCOUNT:
                return self._rows[row][7]
        return None
