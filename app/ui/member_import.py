"""导入会员: a file of members from the store's old system, brought in beside selling.

The import runs on a worker thread in short transactions; the dialog shows its progress, then
either how many members came in or every bad row with its line (nothing is written while any row
is bad). Closing the dialog while it runs leaves the import going; what is in stays in, and the
same file imported again goes on where it stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import message_for, row_problem
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.members.member_io import ImportReport
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView
    from app.storage.approvals import Approval


class _Progress(QObject):
    """Carries the worker thread's progress to the GUI thread (a queued signal)."""

    step = Signal(int, int)


class MemberImportDialog(CounterDialog):
    finished_import = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        members: MemberDesk,
        path: Path,
        cashier: StaffView,
        approval: Approval,
    ) -> None:
        super().__init__(parent, self.tr("导入会员"))
        self.setObjectName("memberImportDialog")
        self.path = path
        self.report: ImportReport | None = None
        self.file_label = QLabel(self.tr("文件：%1").replace("%1", path.name), self)
        self.file_label.setObjectName("memberImportFile")
        self.progress = QProgressBar(self)
        named(self.progress, "memberImportProgress", self.tr("导入进度"))
        self.progress.setRange(0, 0)  # reading and checking the file: no count yet
        self.state = QLabel(self.tr("正在读取并检查文件……"), self)
        self.state.setObjectName("memberImportState")
        self.state.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        named(self.problems, "memberImportProblems", self.tr("有误的行"))
        self.problems.setReadOnly(True)
        self.problems.hide()
        self.close_button = QPushButton(self.tr("关闭"), self)
        named(self.close_button, "memberImportClose", self.tr("关闭"))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.file_label, self.progress, self.state, self.problems):
            layout.addWidget(widget)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self._progress = _Progress(self)
        self._progress.step.connect(self._show_step)
        signal = self._progress.step

        def work() -> ImportReport:
            return members.imports.import_members(
                path,
                cashier=cashier,
                approval=approval,
                progress=lambda step: signal.emit(step.written, step.total),
            )

        run_task(work, self._done)

    def _show_step(self, written: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(written)
        self.state.setText(
            self.tr("正在导入：%1 / %2 位会员，收银可以照常进行")
            .replace("%1", str(written))
            .replace("%2", str(total))
        )

    def _done(self, report: ImportReport | None, error: BaseException | None) -> None:
        self.progress.setRange(0, 1)
        if error is not None:
            self.progress.setValue(0)
            self.state.setText(self.tr("导入没有完成"))
            self.show_error(message_for(error, context="member import"))
            self.finished_import.emit()
            return
        assert report is not None
        self.report = report
        if report.problems:
            self.progress.setValue(0)
            self.state.setText(
                self.tr("文件中有 %1 行有误，没有导入任何会员：改好这些行后重新导入").replace(
                    "%1", str(len(report.problems))
                )
            )
            self.problems.setPlainText(
                "\n".join(row_problem(p.line, p.error, p.reason) for p in report.problems)
            )
            self.problems.show()
        else:
            self.progress.setValue(1)
            text = self.tr("导入完成：新增会员 %1 位").replace("%1", str(report.imported))
            if report.already:
                text += self.tr("（此文件之前已导入 %1 位，本次接着导入）").replace(
                    "%1", str(report.already)
                )
            self.state.setText(text)
        self.finished_import.emit()
