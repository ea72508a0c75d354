"""The print queue on screen: every recent slip with its state and error, reprint and retry all;
a slip sent but not confirmed by the printer is the cashier's to check: reprint it, or confirm
that it came out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.devices.print_queue import PrintJobView, PrintOutcome, PrintQueue
from app.pos.receipts import PrintJobKind
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for, stored_message
from app.ui.tasks import run_task

JOB_LIMIT = 100
COLUMNS = 5
COL_TIME, COL_KIND, COL_STATUS, COL_ATTEMPTS, COL_ERROR = range(COLUMNS)
#: PrintStatus values (a StrEnum of the storage layer, which the screen does not import).
PENDING, PRINTED, FAILED, UNCONFIRMED = "pending", "printed", "failed", "unconfirmed"

PrintedCallback = Callable[[bool], None]


class PrintJobsDialog(CounterDialog):
    """打印任务: a failed or waiting job is printed again as it is; a printed one, or one sent
    and not confirmed (it may be on paper), is reprinted as a copy marked 重印 (audited), and
    the cashier may confirm that an unconfirmed one came out. Printing runs off the GUI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        queue: PrintQueue,
        *,
        actor_id: str | None = None,
        on_printed: PrintedCallback | None = None,
    ) -> None:
        super().__init__(parent, self.tr("打印任务"))
        self.setObjectName("printJobsDialog")
        self.queue = queue
        self.actor_id = actor_id
        self.on_printed = on_printed
        self.jobs: list[PrintJobView] = []
        self.table = QTableWidget(0, COLUMNS, self)
        named(self.table, "printJobsTable", self.tr("打印任务列表"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("类型"), self.tr("状态"), self.tr("次数"), self.tr("错误")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            COL_ERROR, QHeaderView.ResizeMode.Stretch
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("printJobsSummary")
        self.summary.setAccessibleName(self.tr("打印任务概况"))
        self.summary.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("重新打印所选"), self)
        named(self.reprint_button, "printJobReprint", self.tr("重新打印所选"))
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.confirm_button = QPushButton(self.tr("确认已出纸"), self)
        named(self.confirm_button, "printJobConfirm", self.tr("确认已出纸"))
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.retry_button = QPushButton(self.tr("全部重试"), self)
        named(self.retry_button, "printJobsRetryAll", self.tr("全部重试"))
        self.retry_button.clicked.connect(self.retry_all)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "printJobsClose", self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.refresh()

    def status_text(self, status: str) -> str:
        labels = {
            PENDING: self.tr("等待打印"),
            PRINTED: self.tr("已打印"),
            FAILED: self.tr("失败"),
            UNCONFIRMED: self.tr("已发送，未确认"),
        }
        return labels.get(str(status), str(status))

    def kind_text(self, kind: str) -> str:
        labels: dict[str, str] = {
            PrintJobKind.SALE: self.tr("销售小票"),
            PrintJobKind.REFUND: self.tr("退货单"),
            PrintJobKind.REPRINT: self.tr("重印"),
            PrintJobKind.X_REPORT: self.tr("X 报表"),
            PrintJobKind.SHIFT: self.tr("交班报表"),
            PrintJobKind.TEST: self.tr("测试打印"),
        }
        return labels.get(kind, kind)

    def refresh(self) -> None:
        with Attempt(self.show_error) as attempt:
            self.jobs = self.queue.list_jobs(JOB_LIMIT)
            pending = self.queue.pending_count()
            unconfirmed = self.queue.unconfirmed_count()
        if attempt.failed:
            return
        self.table.setRowCount(len(self.jobs))
        for row, job in enumerate(self.jobs):
            cells = (
                job.created_at.astimezone().strftime("%m-%d %H:%M:%S"),
                self.kind_text(job.kind),
                self.status_text(job.status),
                str(job.attempts),
                stored_message(job.last_error or ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, job.id)
                self.table.setItem(row, column, item)
        summary = self.tr("未打印的任务：%1").replace("%1", str(pending))
        if unconfirmed:
            summary += self.tr("；已发送未确认：%1（请看是否出纸，没有出纸请重印所选）").replace(
                "%1", str(unconfirmed)
            )
        self.summary.setText(summary)
        has_jobs = bool(self.jobs)
        self.reprint_button.setEnabled(has_jobs)
        self.retry_button.setEnabled(pending > 0)
        if has_jobs and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        job = self.selected_job()
        self.confirm_button.setEnabled(job is not None and job.status == UNCONFIRMED)

    def selected_job(self) -> PrintJobView | None:
        row = self.table.currentRow()
        return self.jobs[row] if 0 <= row < len(self.jobs) else None

    def reprint_selected(self) -> None:
        job = self.selected_job()
        if job is None:
            self.show_error(self.tr("请先选择一个打印任务"))
            return
        queue, actor = self.queue, self.actor_id
        if job.status in (PRINTED, UNCONFIRMED):
            task: Callable[[], PrintOutcome] = lambda: queue.reprint(job.id, actor_id=actor)  # noqa: E731
        else:
            task = lambda: queue.print_job(job.id)  # noqa: E731
        self._busy(True)
        run_task(task, self._done)

    def confirm_selected(self) -> None:
        """The cashier saw the unconfirmed slip come out: it is printed (audited)."""
        job = self.selected_job()
        if job is None:
            self.show_error(self.tr("请先选择一个打印任务"))
            return
        with Attempt(self.show_error) as attempt:
            self.queue.confirm_printed(job.id, actor_id=self.actor_id)
        if attempt.failed:
            return
        self.clear_error()
        self.refresh()
        if self.on_printed is not None:
            self.on_printed(True)

    def retry_all(self) -> None:
        self._busy(True)
        run_task(self.queue.print_pending, self._done)

    def _busy(self, busy: bool) -> None:
        self.reprint_button.setEnabled(not busy)
        self.retry_button.setEnabled(not busy)
        self.confirm_button.setEnabled(not busy and self.confirm_button.isEnabled())
        if busy:
            self.clear_error()
            self.summary.setText(self.tr("正在打印…"))

    def _done(
        self, result: PrintOutcome | list[PrintOutcome] | None, error: BaseException | None
    ) -> None:
        outcomes: list[PrintOutcome] = []  # a reprint gives one outcome, a retry a list
        if isinstance(result, list):
            outcomes = result
        elif result is not None:
            outcomes = [result]
        failed = next((o for o in outcomes if not o.ok and not o.unconfirmed), None)
        unsure = next((o for o in outcomes if o.unconfirmed), None)
        self.refresh()
        if error is not None:
            self.show_error(message_for(error, context="print jobs"))
        elif failed is not None:
            self.show_error(self.tr("打印失败：%1").replace("%1", failed.error or ""))
        elif unsure is not None:
            self.show_error(self.tr("已发送，未确认：%1").replace("%1", unsure.error or ""))
        elif outcomes:
            self.summary.setText(
                self.tr("已打印 %1 张。").replace("%1", str(len(outcomes))) + self.summary.text()
            )
        if self.on_printed is not None:
            self.on_printed(error is None and failed is None)
