"""Shifts on screen: the opening float, the X report, and 交班 with the drawer counted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.money import MoneyError, format_fen, format_yuan, parse_amount
from app.pos.staff import Sensitive
from app.pos.tenders import TenderMethod
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.i18n import method_label
from app.ui.tasks import DoneCallback, run_task

if TYPE_CHECKING:
    from app.devices.print_queue import PrintOutcome
    from app.pos.counter import CounterService
    from app.pos.shifts import ShiftReport
    from app.pos.staff import Approval, StaffView
    from app.ui.session import CounterSession


def local_text(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


class ShiftReportDialog(CounterDialog):
    """The X report (shift still open) or the final report after 交班, shown on screen."""

    def __init__(self, parent: QWidget | None, report: ShiftReport, note: str = "") -> None:
        title = self.tr("交班报表") if report.is_final else self.tr("X 报表（当班统计）")
        super().__init__(parent, title)
        self.setObjectName("shiftReportDialog")
        shift = report.shift
        rows: list[tuple[str, str]] = [
            (self.tr("收银员"), shift.cashier_name),
            (self.tr("开班时间"), local_text(shift.opened_at)),
            (self.tr("备用金"), format_yuan(shift.opening_float_fen)),
            (self.tr("销售笔数"), str(report.sales_count)),
            (self.tr("销售额"), format_yuan(report.gross_sales_fen)),
            (self.tr("退货笔数"), str(report.refunds_count)),
            (self.tr("退货金额"), format_yuan(report.refunds_fen)),
            (self.tr("作废笔数"), str(report.voids_count)),
            (self.tr("净销售额"), format_yuan(report.net_sales_fen)),
        ]
        if report.is_final and shift.closed_at is not None:
            rows.insert(2, (self.tr("交班时间"), local_text(shift.closed_at)))
        grid = QGridLayout()
        for row, (caption, value) in enumerate(rows):
            grid.addWidget(QLabel(caption, self), row, 0)
            value_label = QLabel(value, self)
            value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value_label, row, 1)
        methods = QGridLayout()
        headers = [self.tr("付款方式"), self.tr("应有"), self.tr("实点"), self.tr("差额")]
        for column, text in enumerate(headers):
            label = QLabel(text, self)
            label.setProperty("role", "caption")
            methods.addWidget(label, 0, column)
        for row, line in enumerate(report.methods, 1):
            variance = line.variance_fen
            values = [
                method_label(line.method),
                format_yuan(line.expected_fen),
                "" if line.counted_fen is None else format_yuan(line.counted_fen),
                "" if variance is None else format_yuan(variance),
            ]
            for column, text in enumerate(values):
                methods.addWidget(QLabel(text, self), row, column)
        self.note = QLabel(note, self)
        self.note.setObjectName("shiftReportNote")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        close = QPushButton(self.tr("关闭"), self)
        named(close, "shiftReportClose", self.tr("关闭"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addLayout(methods)
        layout.addWidget(self.note)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(440)


class ShiftCloseDialog(CounterDialog):
    """交班: expected per tender against what the cashier counts; cash counted is required."""

    def __init__(
        self,
        parent: QWidget | None,
        service: CounterService,
        report: ShiftReport,
        staff: StaffView,
    ) -> None:
        super().__init__(parent, self.tr("交班"))
        self.setObjectName("shiftCloseDialog")
        self._service = service
        self._staff = staff
        self.report = report
        methods = list(report.methods)
        if not any(m.method is TenderMethod.CASH for m in methods):
            from app.pos.shifts import MethodLine

            methods.insert(0, MethodLine(TenderMethod.CASH, 0, None))
        self.methods = methods
        heading = QLabel(
            self.tr("%1 的班次，开班于 %2")
            .replace("%1", report.shift.cashier_name)
            .replace("%2", local_text(report.shift.opened_at)),
            self,
        )
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        grid = QGridLayout()
        for column, text in enumerate(
            [self.tr("付款方式"), self.tr("应有"), self.tr("实点"), self.tr("差额")]
        ):
            label = QLabel(text, self)
            label.setProperty("role", "caption")
            grid.addWidget(label, 0, column)
        self.inputs: dict[TenderMethod, QLineEdit] = {}
        self.variances: dict[TenderMethod, QLabel] = {}
        for row, line in enumerate(methods, 1):
            grid.addWidget(QLabel(method_label(line.method), self), row, 0)
            grid.addWidget(QLabel(format_yuan(line.expected_fen), self), row, 1)
            edit = QLineEdit(self)
            named(edit, f"counted_{line.method.value}", self.tr("实点金额"))
            edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
            if line.method is TenderMethod.CASH:
                edit.setPlaceholderText(self.tr("必填"))
            else:
                edit.setPlaceholderText(format_fen(line.expected_fen))
            edit.textChanged.connect(self._update_variances)
            edit.returnPressed.connect(self.confirm)
            grid.addWidget(edit, row, 2)
            variance = QLabel(self)
            variance.setObjectName(f"variance_{line.method.value}")
            variance.setMinimumWidth(110)
            grid.addWidget(variance, row, 3)
            self.inputs[line.method] = edit
            self.variances[line.method] = variance
        buttons = self.confirm_row(
            self.confirm,
            confirm_text=self.tr("确认交班"),
            confirm_name="confirmShiftClose",
            confirm_accessible=self.tr("确认交班"),
            cancel_text=self.tr("取消"),
            cancel_name="cancelShiftClose",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self._update_variances()
        self.inputs[TenderMethod.CASH].setFocus()

    def _expected(self, method: TenderMethod) -> int:
        return next(m.expected_fen for m in self.methods if m.method is method)

    def _update_variances(self) -> None:
        for method, edit in self.inputs.items():
            label = self.variances[method]
            text = edit.text().strip()
            if not text:
                label.setText("")
                continue
            try:
                counted = parse_amount(text)
            except MoneyError:
                label.setText(self.tr("金额有误"))
                continue
            variance = counted - self._expected(method)
            label.setText(("+" if variance > 0 else "") + format_yuan(variance))
            label.setProperty("state", "ok" if variance == 0 else "short")
            label.style().unpolish(label)
            label.style().polish(label)

    def counted(self) -> dict[TenderMethod, int]:
        values: dict[TenderMethod, int] = {}
        for method, edit in self.inputs.items():
            text = edit.text().strip()
            if not text:
                if method is TenderMethod.CASH:
                    raise MoneyError(self.tr("请清点并填写现金金额"))
                values[method] = self._expected(method)
                continue
            try:
                values[method] = parse_amount(text)
            except MoneyError as exc:
                raise MoneyError("%1：%2", method_label(method), exc) from exc
        return values

    def confirm(self) -> None:
        with Attempt(self.show_error) as attempt:
            counted = self.counted()
            final = self._service.close_shift(self.report.shift.id, counted, cashier=self._staff)
        if attempt.failed:
            return
        self.finish(final)


def print_shift_report(
    session: CounterSession, report: ShiftReport, on_done: DoneCallback[PrintOutcome]
) -> str:
    """Send the report the service queued to the printer; the note says so on screen.

    The report is always shown on screen as well, so a printer that is off loses nothing.
    """
    job_id = report.print_job_id
    if job_id is None:
        return ""
    queue = session.print_queue
    run_task(lambda: queue.print_job(job_id), on_done)
    return QCoreApplication.translate("ShiftReportDialog", "报表已发送到打印机。")


class CashMoveDialog(CounterDialog):
    """Cash put into the drawer (备用金 topped up) or taken out (petty cash), with a reason and a
    manager's approval; the shift's expected cash follows it."""

    def __init__(
        self, parent: QWidget | None, session: CounterSession, shift_id: str, *, into: bool
    ) -> None:
        super().__init__(parent, self.tr("存入现金") if into else self.tr("取出现金"))
        self.setObjectName("cashMoveDialog")
        self._session = session
        self._shift_id = shift_id
        self._into = into
        heading = QLabel(
            self.tr("放入钱箱的现金，例如补充备用金")
            if into
            else self.tr("从钱箱取出的现金，例如零用支出"),
            self,
        )
        heading.setWordWrap(True)
        self.amount = QLineEdit(self)
        named(self.amount, "cashMoveAmount", self.tr("金额"))
        self.amount.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.amount.setPlaceholderText(self.tr("金额（元）"))
        self.reason = QLineEdit(self)
        named(self.reason, "cashMoveReason", self.tr("原因"))
        self.reason.setMaxLength(80)
        self.reason.setPlaceholderText(self.tr("原因（必填）"))
        self.reason.returnPressed.connect(self.confirm)
        form = QGridLayout()
        form.addWidget(QLabel(self.tr("金额"), self), 0, 0)
        form.addWidget(self.amount, 0, 1)
        form.addWidget(QLabel(self.tr("原因"), self), 1, 0)
        form.addWidget(self.reason, 1, 1)
        buttons = self.confirm_row(
            self.confirm,
            confirm_text=self.tr("确定"),
            confirm_name="confirmCashMove",
            confirm_accessible=self.tr("确定"),
            cancel_text=self.tr("取消"),
            cancel_name="cancelCashMove",
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.amount.setFocus()

    def confirm(self) -> None:
        """The amount is checked here, the rest by the service once a manager has approved."""
        with Attempt(self.show_error) as attempt:
            fen = parse_amount(self.amount.text(), allow_zero=False)
        if attempt.failed:
            self.amount.setFocus()
            return
        signed = fen if self._into else -fen
        reason = self.reason.text()

        def approved(approval: Approval) -> None:
            with Attempt(self.show_error) as done:
                moved = self._session.service.move_cash(
                    signed,
                    reason,
                    cashier=self._session.staff,
                    approval=approval,
                    shift_id=self._shift_id,
                )
            if not done.failed:
                self.finish(moved)

        detail = (
            (self.tr("存入 %1：%2") if self._into else self.tr("取出 %1：%2"))
            .replace("%1", format_yuan(fen))
            .replace("%2", reason.strip())
        )
        with_approval(self, self._session, Sensitive.CASH_MOVE, approved, detail=detail)
