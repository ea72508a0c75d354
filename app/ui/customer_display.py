"""The customer-facing window for a second monitor: the cart, the total, then change and thanks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.money import format_yuan
from app.pos.cart import Cart, CartLine, Totals, qty_text

COLUMNS = 3
COL_NAME, COL_QTY, COL_AMOUNT = range(COLUMNS)
#: A customer reads it from a step away: large type.
TOTAL_POINT_SIZE = 40
LINE_POINT_SIZE = 20
DEFAULT_SIZE = (800, 600)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CustomerScreen(QWidget):
    """A plain top-level window; it never takes the keyboard from the cashier."""

    def __init__(self, store_name: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("customerScreen")
        self.setAccessibleName(self.tr("顾客显示屏"))
        self.setWindowTitle(self.tr("欢迎光临 %1").replace("%1", store_name))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # Closing the cashier's window must still quit the application.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.heading = QLabel(self.tr("欢迎光临 %1").replace("%1", store_name), self)
        self.heading.setObjectName("customerHeading")
        self.heading.setAccessibleName(self.tr("欢迎语"))
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setObjectName("customerLines")
        self.table.setAccessibleName(self.tr("所购商品"))
        self.table.setHorizontalHeaderLabels([self.tr("商品"), self.tr("数量"), self.tr("金额")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        font = self.table.font()
        font.setPointSize(LINE_POINT_SIZE)
        self.table.setFont(font)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("customerTotal")
        self.total_label.setAccessibleName(self.tr("合计"))
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        big = self.total_label.font()
        big.setPointSize(TOTAL_POINT_SIZE)
        big.setBold(True)
        self.total_label.setFont(big)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("customerMessage")
        self.message_label.setAccessibleName(self.tr("找零与致谢"))
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setFont(big)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.message_label)
        self.show_cart(None)

    def show_cart(self, cart: Cart | None, totals: Totals | None = None) -> None:
        """The lines and the total; an empty cart shows the welcome only. ``totals``: the cart
        as already priced (the sale window's model has them), else it is priced here.

        The table's items are kept and only texts that changed are set, so a scan into a long
        cart touches one row (and whatever rows a promotion moved), not every cell."""
        lines = cart.lines if cart is not None else []
        if cart is not None and totals is None:
            totals = cart.totals()
        rows = self._rows(lines, totals)
        table = self.table
        grew = len(rows) > table.rowCount()
        table.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                item = table.item(row, column)
                if item is None:
                    item = QTableWidgetItem(text)
                    if column != COL_NAME:
                        item.setTextAlignment(_RIGHT)
                    table.setItem(row, column, item)
                elif item.text() != text:
                    item.setText(text)
        if lines:
            if grew:
                table.scrollToBottom()
            assert totals is not None
            text = self.tr("合计 %1").replace("%1", format_yuan(totals.total_fen))
            if totals.saved_fen > 0:
                saved = self.tr("已省 %1").replace("%1", format_yuan(totals.saved_fen))
                text = f"{text}    {saved}"
            self.total_label.setText(text)
            self.total_label.show()
        else:
            self.total_label.clear()
            self.total_label.hide()
        if not self.message_label.isHidden():
            self.message_label.clear()
            self.message_label.hide()

    def _rows(self, lines: list[CartLine], totals: Totals | None) -> list[tuple[str, str, str]]:
        """Each line's name, quantity and amount after promotions, then the gifts at zero."""
        nets = [pricing.net_fen for pricing in totals.lines] if totals is not None else []
        rows = [
            (
                line.product.name,
                qty_text(line.qty_milli),
                format_yuan(nets[row] if row < len(nets) else line.gross_fen),
            )
            for row, line in enumerate(lines)
        ]
        gift_name = self.tr("赠品：%1")
        rows += [
            (gift_name.replace("%1", gift.product.name), qty_text(gift.qty_milli), format_yuan(0))
            for gift in (totals.gifts if totals is not None else ())
        ]
        return rows

    def show_due(self, total_fen: int) -> None:
        self.total_label.setText(self.tr("请付款 %1").replace("%1", format_yuan(total_fen)))
        self.total_label.show()

    def show_paid(self, total_fen: int, change_fen: int) -> None:
        self.total_label.setText(self.tr("合计 %1").replace("%1", format_yuan(total_fen)))
        self.total_label.show()
        self.message_label.setText(
            self.tr("找零 %1\n谢谢惠顾，欢迎再来").replace("%1", format_yuan(change_fen))
        )
        self.message_label.show()

    def open_on(self, screen_index: int) -> None:
        """Full screen on that monitor when it exists; otherwise an ordinary window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1 and 0 <= screen_index < len(screens):
            screen = screens[screen_index]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            return
        self.resize(*DEFAULT_SIZE)
        self.show()
