"""Who to remember today: birthdays (solar and lunar), anniversaries, members not seen for a while
and cards about to expire; shown after login beside the sale screen and exported to CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.members.reminders import ReminderKind, sort_key
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.reminder_words import reminder_words
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.members.reminders import Reminder
    from app.members.reminders_query import ReminderWindow
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.member_desk.queries import MemberQueries

DEFAULT_DAYS = 7
MAX_DAYS = 366
#: Reminders read at a time: a screenful or two; scrolling down reads the next page.
PAGE_SIZE = 100
_Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: ReminderKind) -> str:
    labels = {
        ReminderKind.BIRTHDAY: QCoreApplication.translate("RemindersPanel", "生日"),
        ReminderKind.ANNIVERSARY: QCoreApplication.translate("RemindersPanel", "纪念日"),
        ReminderKind.NO_VISIT: QCoreApplication.translate("RemindersPanel", "久未到店"),
        ReminderKind.EXPIRING: QCoreApplication.translate("RemindersPanel", "会员卡即将到期"),
    }
    return labels.get(kind, kind.value)


class RemindersModel(QAbstractTableModel):
    """The reminder list a page at a time (``canFetchMore``/``fetchMore``, read in the
    background from the last row's key on): a week's list at a million members holds some
    70,000 rows, and a counter keeps only what the cashier scrolled to."""

    #: A page could not be read: the message to show.
    failed = Signal(str)

    def __init__(self, parent: QObject | None, queries: MemberQueries) -> None:
        super().__init__(parent)
        self._queries = queries
        self.window: ReminderWindow | None = None
        self.rows: list[Reminder] = []
        self.counts: dict[ReminderKind, int] = dict.fromkeys(ReminderKind, 0)
        self._more = False
        self._fetching = False
        #: Bumped by every new list, so a page of the old one arriving late is dropped.
        self._generation = 0

    @property
    def total(self) -> int:
        """Every reminder of the list, shown or not yet read."""
        return sum(self.counts.values())

    def show_list(
        self, window: ReminderWindow, first: list[Reminder], counts: dict[ReminderKind, int]
    ) -> None:
        self.beginResetModel()
        self._generation += 1
        self.window = window
        self.rows = list(first)
        self.counts = dict(counts)
        self._more = len(first) >= PAGE_SIZE
        self._fetching = False
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid() or self.window is None:
            return None
        reminder = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return reminder.date.isoformat()
        if column == 1:
            return kind_label(reminder.kind)
        if column == 2:
            return reminder.card_no
        if column == 3:
            return reminder.name
        return reminder_words(reminder, self.window.today)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            QCoreApplication.translate("RemindersPanel", "日期"),
            QCoreApplication.translate("RemindersPanel", "类型"),
            QCoreApplication.translate("RemindersPanel", "卡号"),
            QCoreApplication.translate("RemindersPanel", "姓名"),
            QCoreApplication.translate("RemindersPanel", "说明"),
        )
        return headers[section]

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self.window is None or not self.rows:
            return
        self._fetching = True
        window, after, generation = self.window, sort_key(self.rows[-1]), self._generation
        queries = self._queries
        run_task(
            lambda: queries.reminders_page(window, after=after, limit=PAGE_SIZE),
            lambda page, error: self._page_read(generation, page, error),
        )

    def _page_read(
        self, generation: int, page: list[Reminder] | None, error: BaseException | None
    ) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if error is not None:
            self._more = False
            self.failed.emit(message_for(error, context="reminders page"))
            return
        found = list(page or [])
        self._more = len(found) >= PAGE_SIZE
        if found:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(found) - 1)
            self.rows.extend(found)
            self.endInsertRows()


class RemindersPanel(QWidget):
    """The reminder list for today and the next N days, with an export to CSV."""

    def __init__(self, parent: QWidget | None, members: MemberDesk) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPanel")
        self.setAccessibleName(self.tr("会员提醒"))
        self._members = members
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
        self.model = RemindersModel(self, members.queries)
        self.model.failed.connect(self.summary.setText)
        self.table = QTableView(self)
        named(self.table, "remindersTable", self.tr("提醒列表"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized from the rows in view, never by measuring every row of a long list.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(PAGE_SIZE)
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

    @property
    def reminders(self) -> list[Reminder]:
        """The rows read so far (the first page, and those scrolled to)."""
        return self.model.rows

    def load(self) -> None:
        """The first page and the counts per kind, read in the background."""
        days = self.days.value()
        queries = self._members.queries
        self.summary.setText(self.tr("正在查找…"))

        def first_page() -> tuple[ReminderWindow, list[Reminder], dict[ReminderKind, int]]:
            window = queries.reminder_window(days=days)
            return (
                window,
                queries.reminders_page(window, limit=PAGE_SIZE),
                queries.reminder_counts(window),
            )

        run_task(first_page, self._loaded)

    def _loaded(
        self,
        found: tuple[ReminderWindow, list[Reminder], dict[ReminderKind, int]] | None,
        error: BaseException | None,
    ) -> None:
        if error is not None:
            self.summary.setText(message_for(error, context="reminders"))
            return
        if found is None:
            return
        window, first, counts = found
        self.model.show_list(window, first, counts)
        self.summary.setText(
            self.tr("共 %1 条提醒，其中生日 %2 条")
            .replace("%1", str(self.model.total))
            .replace("%2", str(counts[ReminderKind.BIRTHDAY]))
        )

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出提醒"), "reminders.csv", self.tr("CSV 文件 (*.csv)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> int:
        """The whole list (every page, read or not), as CSV (``card_no, name, kind, date,
        detail``, like the CLI's), streamed from the database; the detail in the screen's
        language."""
        queries = self._members.queries
        written = 0
        with (
            Attempt(self.summary.setText, context="reminders export") as attempt,
            path.open("w", encoding="utf-8-sig", newline="") as out,
        ):
            window = self.model.window or queries.reminder_window(days=self.days.value())
            written = queries.export_reminders(
                window, out, lambda r: reminder_words(r, window.today)
            )
        if attempt.failed:
            return 0
        self.summary.setText(
            self.tr("已导出 %1 条到 %2").replace("%1", str(written)).replace("%2", path.name)
        )
        return written


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
