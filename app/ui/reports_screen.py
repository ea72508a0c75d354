"""报表: the owner's sales reports for a range of business days, with charts of sales over time
and the tender mix; every table exports to XLSX or CSV, the summary and a member's statement
print to PDF. Opened as 库存 is (a manager, or a cashier with a manager's approval).

A range that cannot be reported (empty, in the future) is said in the status line and nothing
is shown; a range with no sales says "该期间没有销售" where the chart would be, never an empty
chart.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.members.card_numbers import mask_card
from app.money import format_fen
from app.pos.report_files import ReportFileError, csv_text
from app.pos.reports import REPORTS, CellKind, Period, Preset, ReportTable, SalesSummary
from app.storage.whole_files import whole_file
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.member_tables import fill_table, read_only_table
from app.ui.report_widgets import ChartPanel, PeriodPicker, action_button

if TYPE_CHECKING:
    from app.pos.report_service import ReportService
    from app.pos.reports import MemberStatement
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

_CONTEXT = "ReportsScreen"
CUSTOM = "custom"
#: The tender mix pie shows at most this many slices; the rest are one "其他" slice.
PIE_SLICES = 6


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def preset_labels() -> list[tuple[str, str]]:
    return [
        (Preset.TODAY, _tr("今天")),
        (Preset.YESTERDAY, _tr("昨天")),
        (Preset.THIS_WEEK, _tr("本周")),
        (Preset.THIS_MONTH, _tr("本月")),
        (Preset.LAST_MONTH, _tr("上月")),
        (CUSTOM, _tr("自定义")),
    ]


def report_titles() -> dict[str, str]:
    return {
        "by_day": _tr("按日"),
        "by_hour": _tr("按时段"),
        "by_category": _tr("按类别"),
        "by_product": _tr("按商品"),
        "best_sellers": _tr("畅销商品"),
        "by_cashier": _tr("按收银员"),
        "by_tender": _tr("按支付方式"),
        "order_profit": _tr("每单毛利"),
        "refunds_and_voids": _tr("退货与作废"),
        "stored_value": _tr("储值变动"),
    }


def column_titles() -> dict[str, str]:
    return {
        "day": _tr("营业日"),
        "hour": _tr("时段"),
        "sale_count": _tr("销售单数"),
        "sales_fen": _tr("销售额"),
        "refunds_fen": _tr("退货额"),
        "net_fen": _tr("净销售额"),
        "member_net_fen": _tr("会员销售额"),
        "profit_fen": _tr("毛利"),
        "code": _tr("编码"),
        "name": _tr("商品"),
        "category": _tr("类别"),
        "qty_milli": _tr("数量"),
        "cost_fen": _tr("成本"),
        "profit_per_unit_fen": _tr("单件毛利"),
        "margin_bp": _tr("毛利率"),
        "cashier": _tr("收银员"),
        "refund_count": _tr("退货单数"),
        "void_count": _tr("作废单数"),
        "voids_fen": _tr("作废金额"),
        "method": _tr("支付方式"),
        "member_money_fen": _tr("充值/次卡/办卡收款"),
        "receipt_no": _tr("小票号"),
        "total_fen": _tr("金额"),
        "refunded_fen": _tr("已退金额"),
        "what": _tr("类型"),
        "original_receipt_no": _tr("原小票号"),
        "approver": _tr("授权人"),
        "amount_fen": _tr("金额"),
        "reason": _tr("原因"),
        "kind": _tr("类型"),
        "entries": _tr("笔数"),
        "principal_fen": _tr("本金"),
        "bonus_fen": _tr("赠送金"),
    }


def value_words() -> dict[str, str]:
    """Codes a table holds, in words: tenders, refund or void, ledger kinds."""
    return {
        "cash": _tr("现金"),
        "bank_card": _tr("银行卡"),
        "wechat": _tr("微信支付"),
        "alipay": _tr("支付宝"),
        "on_account": _tr("挂账"),
        "stored_value": _tr("储值"),
        "points": _tr("积分抵现"),
        "refund": _tr("退货"),
        "void": _tr("作废"),
        "top_up": _tr("充值"),
        "spend": _tr("消费"),
        "spend_refund": _tr("退货退回"),
        "reverse": _tr("退货扣回"),
        "adjust": _tr("手工调整"),
        "principal_refund": _tr("退本金"),
        "reset": _tr("清零"),
        "correction": _tr("手工调整"),
        "opening": _tr("期初余额"),
        "change": _tr("存零"),
        "gift": _tr("赠送"),
        "earn": _tr("消费得积分"),
        "redeem": _tr("兑换"),
        "expire": _tr("过期"),
    }


def shown_rows(table: ReportTable) -> list[list[str]]:
    """The table's rows as text, codes in words (what the screen and the export show)."""
    words = value_words()
    return [
        [
            words.get(cell, cell) if isinstance(cell, str) else csv_text(column.kind, cell)
            for column, cell in zip(table.columns, row, strict=True)
        ]
        for row in table.rows
    ]


class TableTab(QWidget):
    """One report: its table, and its export."""

    def __init__(self, screen: ReportsScreen, key: str, title: str) -> None:
        super().__init__(screen)
        self.setObjectName(f"{key}Tab")
        self.setAccessibleName(title)
        self.reports = screen
        self.key = key
        self.title = title
        self.headers: list[str] = []
        self.table = read_only_table(self, f"{key}Table", title, [])
        export = action_button(self, f"{key}Export", _tr("导出 Excel / CSV"), self.ask_export)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(export)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def fill(self, table: ReportTable) -> None:
        titles = column_titles()
        self.headers = [titles.get(column.key, column.key) for column in table.columns]
        self.table.setColumnCount(len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        fill_table(self.table, shown_rows(table))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for column, spec in enumerate(table.columns):
            if spec.kind is not CellKind.TEXT:
                for row in range(self.table.rowCount()):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setTextAlignment(right)

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _tr("导出报表"),
            f"{self.key}.xlsx",
            _tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path:
            self.reports.export(self.key, Path(path))


class ReportsScreen(CounterDialog):
    """Every report of the chosen range, refreshed together when the range changes."""

    def __init__(self, parent: QWidget | None, session: CounterSession, viewer: StaffView) -> None:
        super().__init__(parent, _tr("报表"))
        self.setObjectName("reportsScreen")
        self.setAccessibleName(_tr("报表"))
        self.service: ReportService = session.service.reports
        self.viewer = viewer
        self.span: Period | None = None
        self.last_summary: SalesSummary | None = None

        self.period = PeriodPicker(
            self,
            "reports",
            preset_labels(),
            CUSTOM,
            self._preset_days,
            self.refresh,
        )

        self.tabs = QTabWidget(self)
        named(self.tabs, "reportsTabs", _tr("报表"))
        self.tabs.addTab(self._overview(), _tr("概览"))
        titles = report_titles()
        self.table_tabs = {key: TableTab(self, key, titles[key]) for key in REPORTS}
        for key, tab in self.table_tabs.items():
            self.tabs.addTab(tab, titles[key])
        self.tabs.addTab(self._statement_tab(), _tr("会员对账单"))

        close = action_button(self, "reportsClose", _tr("关闭"), self.reject)
        self.analytics = session.service.member_analytics
        self.session = session
        analytics = action_button(
            self, "reportsMemberAnalytics", _tr("会员分析…"), self.open_member_analytics
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.period)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addWidget(analytics)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.setMinimumSize(960, 680)
        self.period.start()

    def open_member_analytics(self) -> None:
        """会员分析 over this screen (its viewer was already approved for the reports)."""
        from app.ui.member_analytics_screen import MemberAnalyticsScreen

        MemberAnalyticsScreen(self, self.analytics, self.session).present()

    # -- building ------------------------------------------------------------------------------

    def _overview(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("overviewTab")
        self.summary_label = QLabel(page)
        named(self.summary_label, "reportsSummary", _tr("汇总"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.sales_chart = ChartPanel(page, "salesChart", _tr("销售走势（净销售额）"))
        self.tender_chart = ChartPanel(page, "tenderChart", _tr("支付方式构成"))
        print_button = action_button(
            page, "reportsPrintSummary", _tr("打印日报 (PDF)"), self.ask_pdf
        )
        charts = QHBoxLayout()
        charts.addWidget(self.sales_chart, 3)
        charts.addWidget(self.tender_chart, 2)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addLayout(charts, 1)
        return page

    def _statement_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("statementTab")
        self.statement_card = QLineEdit(page)
        named(self.statement_card, "statementCard", _tr("会员卡号"))
        self.statement_card.setPlaceholderText(_tr("会员卡号"))
        print_button = action_button(
            page, "statementPrint", _tr("打印对账单 (PDF)"), self.ask_statement_pdf
        )
        self.statement_status = QLabel(page)
        named(self.statement_status, "statementStatus", _tr("对账单"))
        self.statement_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("会员卡号"), page))
        row.addWidget(self.statement_card)
        row.addWidget(print_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.statement_status)
        layout.addStretch(1)
        return page

    # -- the range -----------------------------------------------------------------------------

    def _preset_days(self, key: str) -> tuple[dt.date, dt.date]:
        span = self.service.preset(Preset(key))
        return span.first, span.last

    def choose(self, first: dt.date, last: dt.date) -> None:
        """自定义: the range typed into the two dates, then shown."""
        self.period.choose(first, last)

    def _say(self, text: str, role: str = "error") -> None:
        self.period.say(text, role)

    def refresh(self) -> None:
        first, last = self.period.dates()
        with Attempt(self._say) as attempt:
            span = self.service.period(first, last)
            summary = self.service.summary(span)
            tables = {key: self.service.table(key, span) for key in REPORTS}
        if attempt.failed:
            self.span = None
            self.last_summary = None
            self.summary_label.clear()
            self.sales_chart.show_nothing()
            self.tender_chart.show_nothing()
            for tab in self.table_tabs.values():
                tab.fill(ReportTable(tab.key, (), ()))
            return
        self.span = span
        self.last_summary = summary
        for key, table in tables.items():
            self.table_tabs[key].fill(table)
        self.summary_label.setText(summary_html(summary))
        if not summary.has_sales:
            self._say(_tr("该期间没有销售"), "")
            self.sales_chart.show_nothing()
            self.tender_chart.show_nothing()
            return
        self._say(
            _tr("%1 至 %2：净销售额 %3")
            .replace("%1", span.first.isoformat())
            .replace("%2", span.last.isoformat())
            .replace("%3", format_fen(summary.net_fen)),
            "",
        )
        self._chart(tables["by_day"], tables["by_hour"], summary)

    def _chart(self, days: ReportTable, hours: ReportTable, summary: SalesSummary) -> None:
        if self.span is not None and self.span.days > 1:
            self.sales_chart.show_days(
                [dt.date.fromisoformat(str(row[0])) for row in days.rows],
                [int(row[4] or 0) for row in days.rows],
                _tr("净销售额"),
            )
        else:  # one day: by the hour, the quiet hours between the first and the last shown as 0
            sold = {int(str(row[0])[:2]): int(row[2] or 0) for row in hours.rows}
            shown = range(min(sold), max(sold) + 1) if sold else range(0)
            self.sales_chart.show_bars(
                [f"{hour:02d}" for hour in shown],
                [sold.get(hour, 0) for hour in shown],
                _tr("净销售额"),
            )
        words = value_words()
        paid = sorted(
            ((words.get(t.method, t.method), t.sales_fen + t.refunds_fen) for t in summary.tenders),
            key=lambda item: -item[1],
        )
        paid = [(label, value) for label, value in paid if value > 0]
        if len(paid) > PIE_SLICES:
            rest = sum(value for _, value in paid[PIE_SLICES - 1 :])
            paid = [*paid[: PIE_SLICES - 1], (_tr("其他"), rest)]
        if paid:
            self.tender_chart.show_pie(paid)
        else:
            self.tender_chart.show_nothing()

    # -- files ---------------------------------------------------------------------------------

    def export(self, key: str, path: Path) -> None:
        """The report ``key`` of the shown range, every row, to ``path`` (.xlsx or .csv)."""
        if self.span is None:
            self._say(_tr("请先选择有效的期间"))
            return
        tab = self.table_tabs[key]
        span = self.span
        with Attempt(self._say) as attempt:
            count = self.service.export(key, span, path, tab.headers, value_words())
        if not attempt.failed:
            self._say(
                _tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", path.name), ""
            )

    def ask_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _tr("打印日报"), "daily-summary.pdf", _tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.summary_pdf(Path(path))

    def summary_pdf(self, path: Path) -> None:
        if self.last_summary is None:
            self._say(_tr("请先选择有效的期间"))
            return
        with Attempt(self._say) as attempt:
            write_pdf(path, summary_document(self.last_summary, self.service.config.store_name))
        if not attempt.failed:
            self._say(_tr("已生成 %1").replace("%1", path.name), "")

    def ask_statement_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _tr("打印对账单"), "statement.pdf", _tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.statement_pdf(self.statement_card.text(), Path(path))

    def statement_pdf(self, card_no: str, path: Path) -> None:
        """The member's statement over the shown range, as a PDF at ``path``."""

        def say(text: str) -> None:
            self.statement_status.setProperty("role", "error")
            self.statement_status.setText(text)

        if self.span is None:
            say(_tr("请先选择有效的期间"))
            return
        span = self.span
        with Attempt(say) as attempt:
            if not card_no.strip():
                raise ReportFileError("请输入会员卡号")
            statement = self.service.member_statement(card_no, span)
            write_pdf(path, statement_document(statement, self.service.config.store_name))
        if not attempt.failed:
            self.statement_status.setProperty("role", "")
            self.statement_status.setText(
                _tr("已生成 %1：%2 笔")
                .replace("%1", path.name)
                .replace("%2", str(len(statement.lines)))
            )


class StatementDialog(CounterDialog):
    """会员对账单 of one member from the members screen: a range, then a PDF."""

    def __init__(self, parent: QWidget | None, service: ReportService, card_no: str) -> None:
        super().__init__(parent, _tr("会员对账单"))
        self.setObjectName("statementDialog")
        self.service = service
        self.card_no = card_no
        span = service.preset(Preset.THIS_MONTH)
        self.first = QDateEdit(QDate(span.first.year, span.first.month, span.first.day), self)
        named(self.first, "statementFrom", _tr("开始日期"))
        self.last = QDateEdit(QDate(span.last.year, span.last.month, span.last.day), self)
        named(self.last, "statementTo", _tr("结束日期"))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        print_button = action_button(
            self, "statementDialogPrint", _tr("打印对账单 (PDF)"), self.ask_pdf
        )
        close = action_button(self, "statementDialogClose", _tr("关闭"), self.reject)
        self.status = QLabel(self)
        named(self.status, "statementDialogStatus", _tr("对账单"))
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("从"), self))
        row.addWidget(self.first)
        row.addWidget(QLabel(_tr("到"), self))
        row.addWidget(self.last)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(mask_card(card_no), self))
        layout.addLayout(row)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(print_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def ask_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _tr("打印对账单"), "statement.pdf", _tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.write(Path(path))

    def write(self, path: Path) -> None:
        first = self.first.date().toPython()
        last = self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)

        def say(text: str) -> None:
            self.status.setProperty("role", "error")
            self.status.setText(text)

        with Attempt(say) as attempt:
            span = self.service.period(first, last)
            statement = self.service.member_statement(self.card_no, span)
            write_pdf(path, statement_document(statement, self.service.config.store_name))
        if not attempt.failed:
            self.status.setProperty("role", "")
            self.status.setText(
                _tr("已生成 %1：%2 笔")
                .replace("%1", path.name)
                .replace("%2", str(len(statement.lines)))
            )


def _yuan(fen: int) -> str:
    return format_fen(fen)


def summary_rows(summary: SalesSummary) -> list[tuple[str, str]]:
    """The summary's figures as label and value, as the screen and the printed page show them."""
    return [
        (_tr("销售单数"), str(summary.sale_count)),
        (_tr("销售额"), _yuan(summary.sales_fen)),
        (
            _tr("退货（%1 单）").replace("%1", str(summary.refund_count)),
            _yuan(-summary.refunds_fen),
        ),
        (_tr("净销售额"), _yuan(summary.net_fen)),
        (
            _tr("作废（%1 单，不计入销售）").replace("%1", str(summary.void_count)),
            _yuan(summary.voids_fen),
        ),
        (_tr("优惠金额"), _yuan(summary.discount_fen)),
        (_tr("客单价"), _yuan(summary.average_ticket_fen)),
        (_tr("毛利"), _yuan(summary.profit_fen)),
        (_tr("每单毛利"), _yuan(summary.profit_per_order_fen)),
        (_tr("未计成本的销售额"), _yuan(summary.uncosted_fen)),
        (_tr("会员销售额"), _yuan(summary.member_net_fen)),
        (_tr("会员销售占比"), f"{format_fen(summary.member_share_bp)}%"),
        (
            _tr("充值（%1 笔）本金").replace("%1", str(summary.top_up_count)),
            _yuan(summary.top_up_principal_fen),
        ),
        (_tr("充值赠送金"), _yuan(summary.top_up_bonus_fen)),
        (_tr("次卡销售"), _yuan(summary.count_card_fen)),
        (_tr("办卡费"), _yuan(summary.membership_fee_fen)),
        (_tr("期末储值余额：本金"), _yuan(summary.liability_principal_fen)),
        (_tr("期末储值余额：赠送金"), _yuan(summary.liability_bonus_fen)),
        (_tr("期末积分余额"), str(summary.points_outstanding)),
    ]


def summary_html(summary: SalesSummary) -> str:
    cells = [
        f"<td>{html.escape(label)}</td><td align='right'><b>{html.escape(value)}</b></td>"
        for label, value in summary_rows(summary)
    ]
    rows = ["<tr>" + "".join(cells[i : i + 3]) + "</tr>" for i in range(0, len(cells), 3)]
    return "<table cellspacing='6'>" + "".join(rows) + "</table>"


def _period_words(span: Period) -> str:
    if span.first == span.last:
        return span.first.isoformat()
    return (
        _tr("%1 至 %2").replace("%1", span.first.isoformat()).replace("%2", span.last.isoformat())
    )


def summary_document(summary: SalesSummary, store_name: str) -> str:
    """The daily summary (日报) as a page of HTML for the PDF writer."""
    words = value_words()
    figures = "".join(
        f"<tr><td>{html.escape(label)}</td><td align='right'>{html.escape(value)}</td></tr>"
        for label, value in summary_rows(summary)
    )
    tenders = "".join(
        f"<tr><td>{html.escape(words.get(t.method, t.method))}</td>"
        f"<td align='right'>{_yuan(t.sales_fen)}</td><td align='right'>{_yuan(t.refunds_fen)}</td>"
        f"<td align='right'>{_yuan(t.member_money_fen)}</td>"
        f"<td align='right'>{_yuan(t.net_fen)}</td></tr>"
        for t in summary.tenders
    )
    title = _tr("营业日报") if summary.period.days == 1 else _tr("营业汇总")
    note = _tr("作废的销售不计入任何数字；退货计入退款当天，从销售额中扣除。")
    return (
        f"<h2>{html.escape(store_name)} {html.escape(title)}</h2>"
        f"<p>{html.escape(_period_words(summary.period))}</p>"
        f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>{figures}</table>"
        f"<h3>{html.escape(_tr('按支付方式'))}</h3>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>"
        + "".join(
            f"<th>{html.escape(h)}</th>"
            for h in (
                _tr("支付方式"),
                _tr("销售额"),
                _tr("退货额"),
                _tr("充值/次卡/办卡收款"),
                _tr("合计"),
            )
        )
        + f"</tr>{tenders}</table><p><small>{html.escape(note)}</small></p>"
    )


def statement_document(statement: MemberStatement, store_name: str) -> str:
    """A member's statement (对账单) as a page of HTML for the PDF writer."""
    words = value_words()
    ledgers = {"stored_value": _tr("储值"), "points": _tr("积分")}

    def balances(label: str, figures: tuple[int, int, int]) -> str:
        principal, bonus, points = figures
        return (
            f"<p>{html.escape(label)}：{html.escape(_tr('本金'))} {_yuan(principal)}，"
            f"{html.escape(_tr('赠送金'))} {_yuan(bonus)}，{html.escape(_tr('积分'))} {points}</p>"
        )

    lines = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in (
                line.day,
                ledgers.get(line.ledger, line.ledger),
                words.get(line.kind, line.kind),
                _yuan(line.principal_fen) if line.ledger == "stored_value" else "",
                _yuan(line.bonus_fen) if line.ledger == "stored_value" else "",
                f"{line.points:+d}" if line.ledger == "points" else "",
                line.receipt_no,
                line.reason,
            )
        )
        + "</tr>"
        for line in statement.lines
    )
    headers = (
        _tr("营业日"),
        _tr("账户"),
        _tr("类型"),
        _tr("本金"),
        _tr("赠送金"),
        _tr("积分"),
        _tr("小票号"),
        _tr("备注"),
    )
    empty = "" if statement.lines else f"<p>{html.escape(_tr('该期间没有变动'))}</p>"
    return (
        f"<h2>{html.escape(store_name)} {html.escape(_tr('会员对账单'))}</h2>"
        f"<p>{html.escape(statement.name)}（{html.escape(mask_card(statement.card_no))}）"
        f" {html.escape(_period_words(statement.period))}</p>"
        + balances(_tr("期初"), statement.opening)
        + "<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        + f"</tr>{lines}</table>{empty}"
        + balances(_tr("期末"), statement.closing)
    )


def write_pdf(path: Path, body: str) -> None:
    """``body`` (HTML) as A4 pages of a PDF at ``path``, whole, or a plain refusal.

    Qt's PDF writer says nothing when it cannot open its file, so a temporary file beside the
    target is opened here first (a missing or refused folder is said), written by Qt, and
    renamed to ``path`` when complete."""
    try:
        with whole_file(path) as partial:
            with partial.open("wb"):
                pass
            writer = QPdfWriter(str(partial))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setTitle(path.stem)
            document = QTextDocument()
            document.setHtml(body)
            document.print_(writer)
            del writer  # closes the file
    except OSError as exc:
        raise ReportFileError("无法写入文件 %1：%2", path.name, exc.strerror or str(exc)) from exc
