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
from app.pos.cart import Cart, qty_text

COLUMNS = 3
COL_NAME, COL_QTY, COL_AMOUNT = range(COLUMNS)
#: A customer reads it from a step away: large type.
TOTAL_POINT_SIZE = 40
LINE_POINT_SIZE = 20
DEFAULT_SIZE = (800, 600)


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

    def show_cart(self, cart: Cart | None) -> None:
        """The lines and the total; an empty cart shows the welcome only."""
        lines = cart.lines if cart is not None else []
        totals = cart.totals() if cart is not None else None
        gifts = totals.gifts if totals is not None else ()
        self.table.setRowCount(len(lines) + len(gifts))
        nets = [pricing.net_fen for pricing in totals.lines] if totals is not None else []
        for row, line in enumerate(lines):
            net = nets[row] if row < len(nets) else line.gross_fen
            for column, text in (
                (COL_NAME, line.product.name),
                (COL_QTY, qty_text(line.qty_milli)),
                (COL_AMOUNT, format_yuan(net)),
            ):
                item = QTableWidgetItem(text)
                if column != COL_NAME:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        for row, gift in enumerate(gifts, len(lines)):
            name = self.tr("赠品：%1").replace("%1", gift.product.name)
            for column, text in (
                (COL_NAME, name),
                (COL_QTY, qty_text(gift.qty_milli)),
                (COL_AMOUNT, format_yuan(0)),
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if lines:
            self.table.scrollToBottom()
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
        self.message_label.clear()
        self.message_label.hide()

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
