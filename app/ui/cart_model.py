"""The cart as a Qt table: one row per line, updated row by row so a scan paints at once.

Each change prices the cart once and compares every row's texts with the last; only the cells
whose texts moved are set (and so reported changed): a scan into a 100-line cart inserts the new
row and touches whatever lines a promotion moved, never a reset.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.money import format_fen
from app.pos.cart import Cart, CartLine, Totals, qty_text
from app.pos.pricing import LinePricing

COL_NO, COL_NAME, COL_QTY, COL_PRICE, COL_DISCOUNT, COL_AMOUNT = range(6)
COLUMNS = 6

_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGNMENTS = tuple(_LEFT if c in (COL_NAME, COL_DISCOUNT) else _RIGHT for c in range(COLUMNS))
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class _Row(NamedTuple):
    """One row as shown: the six cells' texts and the tooltips of the name and discount."""

    texts: tuple[str, ...]
    name_tip: str
    discount_tip: str | None


def _headers() -> list[str]:
    return [
        "#",
        QCoreApplication.translate("CartModel", "名称"),
        QCoreApplication.translate("CartModel", "数量"),
        QCoreApplication.translate("CartModel", "单价"),
        QCoreApplication.translate("CartModel", "折扣"),
        QCoreApplication.translate("CartModel", "金额"),
    ]


class CartModel(QStandardItemModel):
    """Views one ``Cart``; the window tells it which row changed after each cart call.

    A standard item model: the view reads the texts from C++ items, not through a Python call
    per cell and role (seven roles of each visible cell on every paint of a 100-line cart)."""

    #: The cart was priced again after a change (its rows and ``totals`` are new): the customer
    #: screen follows this one signal instead of each row signal of the same change.
    totalsChanged = Signal()

    def __init__(self, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._overridden = QCoreApplication.translate("CartModel", "（改价）")
        self._cart = cart
        self._totals: Totals = cart.totals()
        self._rows: list[_Row] = []
        self._kept: dict[tuple[object, ...], _Row] = {}
        self._refill(self._all_rows())

    @property
    def cart(self) -> Cart:
        return self._cart

    @property
    def totals(self) -> Totals:
        return self._totals

    # -- changes -------------------------------------------------------------------------------

    def set_cart(self, cart: Cart) -> None:
        """A different cart (resumed, or a fresh one after payment): the one full reset."""
        self._cart = cart
        self._totals = cart.totals()
        self._kept = {}
        self._refill(self._all_rows())
        self.totalsChanged.emit()

    def line_added_or_changed(self, index: int, rows_before: int) -> None:
        """After ``cart.add``: a new row is inserted, a merged scan changes its row; a promotion
        may move other rows too (满减 shares, multi-buy), and those are reported as well."""
        self._totals = self._cart.totals()
        rows = self._all_rows()
        if len(rows) > rows_before == len(self._rows):
            for row in range(rows_before, len(rows)):
                self.insertRow(row, self._items(rows[row]))
            old, self._rows = self._rows, rows
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
        self._cart.remove(index)
        self.removeRow(index)
        del self._rows[index]
        self._totals = self._cart.totals()
        self._update(self._all_rows())  # line numbers below it, and what promotions moved

    def _update(self, rows: list[_Row]) -> None:
        if len(rows) != len(self._rows):  # lines came or went behind the model's back
            self._refill(rows)
        else:
            old, self._rows = self._rows, rows
            self._report(old, rows)
        self.totalsChanged.emit()

    def _refill(self, rows: list[_Row]) -> None:
        """Every row anew, then one reset so views read it all again."""
        self.blockSignals(True)
        try:
            self.clear()
            self.setHorizontalHeaderLabels(_headers())
            for column, alignment in enumerate(_ALIGNMENTS):
                header = self.horizontalHeaderItem(column)
                if header is not None:
                    header.setTextAlignment(alignment)
            for row in rows:
                self.appendRow(self._items(row))
        finally:
            self.blockSignals(False)
        self._rows = rows
        self.beginResetModel()
        self.endResetModel()

    def _report(self, old: list[_Row], new: list[_Row]) -> None:
        """Set the texts that differ (each set reports its cell changed)."""
        for row, (before, after) in enumerate(zip(old, new, strict=True)):
            if before == after:
                continue
            for column, (was, now) in enumerate(zip(before.texts, after.texts, strict=True)):
                item = self.item(row, column)
                if was != now and item is not None:
                    item.setText(now)
            for column, was_tip, now_tip in (
                (COL_NAME, before.name_tip, after.name_tip),
                (COL_DISCOUNT, before.discount_tip, after.discount_tip),
            ):
                item = self.item(row, column)
                if was_tip != now_tip and item is not None:
                    item.setData(now_tip, _TOOLTIP)

    @staticmethod
    def _items(row: _Row) -> list[QStandardItem]:
        items = []
        for text, alignment in zip(row.texts, _ALIGNMENTS, strict=True):
            item = QStandardItem(text)
            item.setFlags(_FLAGS)
            item.setTextAlignment(alignment)
            items.append(item)
        items[COL_NAME].setToolTip(row.name_tip)
        if row.discount_tip is not None:
            items[COL_DISCOUNT].setToolTip(row.discount_tip)
        return items

    def _all_rows(self) -> list[_Row]:
        """Each line's texts; a line whose facts and pricing did not move since the last pass
        keeps its texts (a scan into a 100-line cart formats one row, not a hundred)."""
        priced = self._totals.lines
        last = self._kept
        kept: dict[tuple[object, ...], _Row] = {}
        rows = []
        for row, line in enumerate(self._cart.lines):
            pricing = priced[row] if row < len(priced) else None
            key = (
                row,
                line.line_id,
                line.qty_milli,
                line.unit_price_fen,
                line.price_override_approver_id,
                line.discount,
                # what the row shows of its pricing: a 满减 share moving on every scan is not
                None
                if pricing is None
                else (pricing.gross_fen, pricing.line_discount_fen, pricing.promotion_names),
            )
            texts = last.get(key)
            if texts is None:
                texts = self._row(row, line, pricing)
            kept[key] = texts
            rows.append(texts)
        self._kept = kept
        return rows

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
        texts = (
            str(row + 1),
            name,
            f"{qty_text(line.qty_milli)} {product.unit}",
            format_fen(line.unit_price_fen),
            discount,
            amount,
        )
        return _Row(texts, f"{product.name}  {product.code}", names)
