"""F5: the list of parked carts (挂单), several at once, to pick one up again (取单)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.money import format_yuan
from app.ui.dialogs import CounterDialog, ScanGuard, named

if TYPE_CHECKING:
    from app.pos.parking import ParkedCartView


class ParkedCartsDialog(CounterDialog):
    """Accepted with the chosen parked cart's id; the window asks the service to resume it."""

    def __init__(self, parent: QWidget | None, parked: list[ParkedCartView]) -> None:
        super().__init__(parent, self.tr("取单"))
        self.setObjectName("parkedDialog")
        self.parked = parked
        self.table = QTableWidget(len(parked), 4, self)
        ScanGuard(self.table, self)
        named(self.table, "parkedList", self.tr("挂单列表"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("备注"), self.tr("收银员"), self.tr("行数"), self.tr("金额")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, view in enumerate(parked):
            label = f"{view.label}  {view.created_at.astimezone().strftime('%H:%M')}"
            for column, text in enumerate(
                (label, view.cashier_name, str(view.line_count), format_yuan(view.total_fen))
            ):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        if parked:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.submit())
        empty = QLabel(self.tr("没有挂单"), self)
        empty.setVisible(not parked)
        resume = QPushButton(self.tr("取单 (Enter)"), self)
        named(resume, "parkedResume", self.tr("取单"))
        resume.setProperty("role", "primary")
        resume.setEnabled(bool(parked))
        resume.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("取消"), self)
        named(cancel, "parkedCancel", self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(resume)
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(600, 400)
        self.table.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.parked):
            self.finish(self.parked[row].id)
