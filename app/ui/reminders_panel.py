"""Who to remember today: birthdays (solar and lunar), anniversaries, members not seen for a while
and cards about to expire; shown after login beside the sale screen and exported to CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.members.reminders import ReminderKind
from app.members.reminders_query import write_reminders_csv
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.members.reminders import Reminder
    from app.pos.member_desk.desk import MemberDesk

DEFAULT_DAYS = 7
MAX_DAYS = 366


def kind_label(kind: ReminderKind) -> str:
    labels = {
        ReminderKind.BIRTHDAY: QCoreApplication.translate("RemindersPanel", "生日"),
        ReminderKind.ANNIVERSARY: QCoreApplication.translate("RemindersPanel", "纪念日"),
        ReminderKind.NO_VISIT: QCoreApplication.translate("RemindersPanel", "久未到店"),
        ReminderKind.EXPIRING: QCoreApplication.translate("RemindersPanel", "会员卡即将到期"),
    }
    return labels.get(kind, kind.value)


class RemindersPanel(QWidget):
    """The reminder list for today and the next N days, with an export to CSV."""

    def __init__(self, parent: QWidget | None, members: MemberDesk) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPanel")
        self.setAccessibleName(self.tr("会员提醒"))
        self._members = members
        self.reminders: list[Reminder] = []
        self.days = QSpinBox(self)
        named(self.days, "remindersDays", self.tr("提前天数"))
        self.days.setRange(0, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        refresh = QPushButton(self.tr("刷新"), self)
        named(refresh, "remindersRefresh", self.tr("刷新提醒"))
        refresh.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        refresh.clicked.connect(self.load)
        self.export_button = QPushButton(self.tr("导出 CSV"), self)
        named(self.export_button, "remindersExport", self.tr("导出提醒"))
        self.export_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.export_button.clicked.connect(self.ask_export)
        self.summary = QLabel(self)
        self.summary.setObjectName("remindersSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        named(self.table, "remindersTable", self.tr("提醒列表"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("类型"), self.tr("卡号"), self.tr("姓名"), self.tr("说明")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("今天及之后"), self))
        row.addWidget(self.days)
        row.addWidget(refresh)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def load(self) -> None:
        days = self.days.value()
        self.summary.setText(self.tr("正在查找…"))
        run_task(lambda: self._members.queries.reminders(days=days), self._loaded)

    def _loaded(self, found: list[Reminder] | None, error: BaseException | None) -> None:
        if error is not None:
            self.summary.setText(message_for(error, context="reminders"))
            return
        self.show_reminders(list(found or []))

    def show_reminders(self, reminders: list[Reminder]) -> None:
        self.reminders = reminders
        self.table.setRowCount(len(reminders))
        for row, reminder in enumerate(reminders):
            for column, text in enumerate(
                (
                    reminder.date.isoformat(),
                    kind_label(reminder.kind),
                    reminder.card_no,
                    reminder.name,
                    reminder.detail,
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        birthdays = sum(1 for r in reminders if r.kind is ReminderKind.BIRTHDAY)
        self.summary.setText(
            self.tr("共 %1 条提醒，其中生日 %2 条")
            .replace("%1", str(len(reminders)))
            .replace("%2", str(birthdays))
        )

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出提醒"), "reminders.csv", self.tr("CSV 文件 (*.csv)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> int:
        """The list shown, as CSV (``card_no, name, kind, date, detail``, like the CLI's)."""
        with (
            Attempt(self.summary.setText, context="reminders export") as attempt,
            path.open("w", encoding="utf-8-sig", newline="") as out,
        ):
            write_reminders_csv(out, self.reminders)
        if attempt.failed:
            return 0
        self.summary.setText(
            self.tr("已导出 %1 条到 %2")
            .replace("%1", str(len(self.reminders)))
            .replace("%2", path.name)
        )
        return len(self.reminders)


class RemindersDialog(CounterDialog):
    """The reminders from the members menu."""

    def __init__(self, parent: QWidget | None, members: MemberDesk) -> None:
        super().__init__(parent, self.tr("会员提醒"))
        self.setObjectName("remindersDialog")
        self.panel = RemindersPanel(self, members)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "remindersClose", self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(720, 480)
        self.panel.load()
