"""What the back office's report screens (报表, 会员分析) are built of: a chart that says so
when there is nothing to draw, and a table that shows a report's rows and exports them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QMarginsF,
    QObject,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.pos.report_files import csv_text
from app.pos.reports import CellKind, ReportTable
from app.ui.dialogs import named
from app.ui.feedback import Attempt
from app.ui.member_tables import fill_table, read_only_table

_CONTEXT = "ReportWidgets"
#: The lines of one chart, told apart (the chart theme repeats its colours after five).
LINE_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def action_button(
    parent: QWidget, name: str, text: str, handler: Callable[[], object]
) -> QPushButton:
    button = QPushButton(text, parent)
    named(button, name, text)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: handler())
    return button


def date_edit(parent: QWidget, name: str, accessible: str) -> QDateEdit:
    """A day of a report's range: typed as yyyy-MM-dd or picked from a calendar."""
    edit = QDateEdit(parent)
    named(edit, name, accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class PeriodPicker(QWidget):
    """期间, 从, 到 and 查询 above the line that says what was found: a preset fills the two
    dates and shows them at once; 自定义 lets the cashier type them. ``prefix`` names the
    widgets (``<prefix>Preset``, ``From``, ``To``, ``Show``, ``Status``); ``dates_of`` turns a
    preset's key into its first and last day; ``show`` computes the range now in the dates."""

    def __init__(
        self,
        parent: QWidget,
        prefix: str,
        presets: Sequence[tuple[str, str]],
        custom: str,
        dates_of: Callable[[str], tuple[dt.date, dt.date]],
        show: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._custom, self._dates_of, self._show = custom, dates_of, show
        self.preset = QComboBox(self)
        named(self.preset, f"{prefix}Preset", _tr("期间"))
        for key, label in presets:
            self.preset.addItem(label, str(key))
        self.first = date_edit(self, f"{prefix}From", _tr("开始日期"))
        self.last = date_edit(self, f"{prefix}To", _tr("结束日期"))
        button = action_button(self, f"{prefix}Show", _tr("查询"), show)
        self.status = QLabel(self)
        named(self.status, f"{prefix}Status", _tr("查询结果"))
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        shown: list[QWidget] = [QLabel(_tr("期间"), self), self.preset, QLabel(_tr("从"), self)]
        shown += [self.first, QLabel(_tr("到"), self), self.last, button]
        for widget in shown:
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.preset.currentIndexChanged.connect(lambda _index: self._preset_chosen())

    def start(self) -> None:
        """The first preset's range, shown (once the screen around it is built)."""
        self._preset_chosen()

    def dates(self) -> tuple[dt.date, dt.date]:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        return first, last

    def choose(self, first: dt.date, last: dt.date) -> None:
        """自定义: the range typed into the two dates, then shown."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(self._custom))
        self.preset.blockSignals(False)
        self._set_dates(first, last, editable=True)
        self._show()

    def say(self, text: str, role: str = "error") -> None:
        """The line under the dates; ``role`` "error" shows it as a refusal."""
        self.status.setProperty("role", role)
        self.status.setText(text)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def _preset_chosen(self) -> None:
        key = str(self.preset.currentData())
        if key == self._custom:
            self.first.setEnabled(True)
            self.last.setEnabled(True)
            return
        self._set_dates(*self._dates_of(key), editable=False)
        self._show()

    def _set_dates(self, first: dt.date, last: dt.date, *, editable: bool) -> None:
        for edit, day in ((self.first, first), (self.last, last)):
            edit.setEnabled(editable)
            edit.setDate(QDate(day.year, day.month, day.day))


class ChartPanel(QStackedWidget):
    """A chart, or the sentence that there is nothing to chart: never an empty chart. Each
    drawing is a new QChart (an old one's axes would linger beside the new ones)."""

    def __init__(self, parent: QWidget, name: str, title: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = title
        #: The next drawing's title (a screen may say what the chart leaves out).
        self.chart_title = title
        self.chart = self._new_chart()
        self.view = QChartView(self.chart, self)
        named(self.view, f"{name}View", title)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.empty = QLabel(_tr("该期间没有销售"), self)
        named(self.empty, f"{name}Empty", title)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.addWidget(self.view)
        self.addWidget(self.empty)
        self.setMinimumHeight(240)

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(self.chart_title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMarginsF(4, 4, 4, 4).toMargins())
        return chart

    def _replace_chart(self) -> QChart:
        old = self.chart
        self.chart = self._new_chart()
        self.view.setChart(self.chart)
        old.deleteLater()
        return self.chart

    @property
    def showing_chart(self) -> bool:
        return self.currentWidget() is self.view

    def show_nothing(self, sentence: str | None = None) -> None:
        """The sentence in place of the chart (by default: no sales in the range)."""
        self._replace_chart()
        self.empty.setText(sentence if sentence is not None else _tr("该期间没有销售"))
        self.setCurrentWidget(self.empty)

    def _value_axis(self, chart: QChart, title: str, label_format: str) -> QValueAxis:
        axis = QValueAxis()
        axis.setLabelFormat(label_format)
        axis.setTitleText(title)
        axis.setMin(0)
        return axis

    def show_bars(self, labels: Sequence[str], values_fen: Sequence[int], legend: str) -> None:
        """One bar per label (the hours of one day), in yuan."""
        chart = self._replace_chart()
        bars = QBarSet(legend)
        for value in values_fen:
            bars.append(value / 100)
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(list(labels))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = self._value_axis(chart, _tr("元"), "%.0f")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_y.applyNiceNumbers()
        chart.legend().setVisible(False)
        self.setCurrentWidget(self.view)

    def show_counts(
        self,
        labels: Sequence[str],
        values: Sequence[int],
        legend: str,
        *,
        horizontal: bool = False,
        labels_title: str = "",
    ) -> None:
        """One bar per label, a count; ``horizontal`` for long labels (read top to bottom), each
        bar labelled with its count; ``labels_title`` names what the labels are."""
        chart = self._replace_chart()
        # A horizontal chart lists its first category at the bottom: reversed, it reads down.
        order = list(reversed(range(len(labels)))) if horizontal else list(range(len(labels)))
        bars = QBarSet(legend)
        for index in order:
            bars.append(values[index])
        series: QBarSeries | QHorizontalBarSeries
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        bars.setLabelColor(self.palette().color(QPalette.ColorRole.WindowText))
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([labels[index] for index in order])
        categories.setTitleText(labels_title)
        axis = self._value_axis(chart, legend, "%d")
        axis.setRange(0, max(max(values, default=0) * 1.12, 4))  # room for the outside labels
        axis.applyNiceNumbers()
        if horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(axis)
        chart.legend().setVisible(False)
        self.setCurrentWidget(self.view)

    def show_percent_lines(
        self, lines: Sequence[tuple[str, Sequence[float]]], x_title: str
    ) -> None:
        """One line per name over 0, 1, 2…, in percent (shares 0 to 1), named in the legend."""
        chart = self._replace_chart()
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        axis_x.setTitleText(x_title)
        longest = max(len(points) for _, points in lines)
        axis_x.setRange(0, max(longest - 1, 1))
        axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_x.setTickAnchor(0)
        axis_x.setTickInterval(max(1, (longest - 1) // 12 + 1))
        axis_y = self._value_axis(chart, "%", "%d")
        axis_y.setRange(0, 100)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for number, (name, points) in enumerate(lines):
            series = QLineSeries()
            series.setName(name)
            series.setColor(QColor(LINE_COLOURS[number % len(LINE_COLOURS)]))
            series.setPointsVisible(True)
            for index, share in enumerate(points):
                series.append(float(index), share * 100)
            chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        legend = chart.legend()
        legend.setVisible(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        small = QFont(legend.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 7.0))
        legend.setFont(small)  # a year of monthly lines fits beside the chart
        self.setCurrentWidget(self.view)

    def show_days(self, days: Sequence[dt.date], values_fen: Sequence[int], legend: str) -> None:
        """A line over the days of the range, the date axis choosing which days to name."""
        chart = self._replace_chart()
        series = QLineSeries()
        series.setName(legend)
        series.setPointsVisible(True)
        for day, value in zip(days, values_fen, strict=True):
            moment = QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))
            series.append(float(moment.toMSecsSinceEpoch()), value / 100)
        chart.addSeries(series)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("MM-dd")
        axis_x.setTickCount(min(len(days), 8))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = self._value_axis(chart, _tr("元"), "%.0f")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_y.applyNiceNumbers()
        chart.legend().setVisible(False)
        self.setCurrentWidget(self.view)

    def show_pie(self, slices: Sequence[tuple[str, int]]) -> None:
        """Each tender's share; the legend names them (labels on the slices would overlap)."""
        chart = self._replace_chart()
        series = QPieSeries()
        total = sum(value for _, value in slices) or 1
        for label, value in slices:
            series.append(f"{label} {value * 100 / total:.1f}%", value / 100)
        chart.addSeries(series)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setCurrentWidget(self.view)


#: Exports a table the screen holds: ``(path, headers, table) -> rows written``.
Exporter = Callable[[Path, Sequence[str], ReportTable], int]


class ExportTable(QWidget):
    """A report's rows (the first ``shown`` of them) with a button that exports every row to
    XLSX or CSV under the headers the screen shows; the result is said through ``say``."""

    def __init__(
        self,
        parent: QWidget,
        name: str,
        title: str,
        exporter: Exporter,
        say: Callable[[str, str], object],
        *,
        shown: int | None = None,
        wrap: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Panel")
        self.name = name
        self.exporter = exporter
        self.say = say
        self.limit = shown
        self.headers: list[str] = []
        self.report: ReportTable | None = None
        self.caption = QLabel(title, self)
        named(self.caption, f"{name}Caption", title)
        self.caption.setWordWrap(True)
        self.table: QTableWidget = read_only_table(self, name, title, [])
        if wrap:  # long text wraps to the width its column has once the window is laid out
            self.table.setWordWrap(True)
            self.table.viewport().installEventFilter(self)
        self.export_button = action_button(
            self, f"{name}Export", _tr("导出 Excel / CSV"), self.ask_export
        )
        self.export_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def fill(
        self,
        headers: Sequence[str],
        report: ReportTable,
        shown_rows: Sequence[Sequence[str]] | None = None,
    ) -> None:
        """``report`` under ``headers``; ``shown_rows``: its rows as the screen words them (by
        default each cell as the CSV writes it)."""
        self.headers = list(headers)
        self.report = report
        rows = shown_rows if shown_rows is not None else cell_texts(report)
        if self.limit is not None:
            rows = rows[: self.limit]
        self.table.clearContents()
        self.table.setColumnCount(len(self.headers))
        self.table.setHorizontalHeaderLabels(self.headers)
        fill_table(self.table, rows)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for column, spec in enumerate(report.columns):
            if spec.kind is not CellKind.TEXT:
                for row in range(self.table.rowCount()):
                    item = self.table.item(row, column)
                    if item is not None:
                        item.setTextAlignment(right)
        self.export_button.setEnabled(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.table.resizeRowsToContents()
        return super().eventFilter(watched, event)

    def clear(self) -> None:
        self.report = None
        self.table.setRowCount(0)
        self.export_button.setEnabled(False)

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _tr("导出报表"),
            f"{self.report.key if self.report else self.name}.xlsx",
            _tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        if self.report is None:
            self.say(_tr("没有可导出的内容"), "error")
            return
        report = self.report
        with Attempt(lambda text: self.say(text, "error")) as attempt:
            count = self.exporter(path, self.headers, report)
        if not attempt.failed:
            self.say(
                _tr("已导出 %1 行到 %2").replace("%1", str(count)).replace("%2", path.name), ""
            )


def cell_texts(report: ReportTable) -> list[list[str]]:
    """Each cell as the CSV writes it (money ``12.50``, percent ``12.34%``)."""
    return [
        [csv_text(column.kind, cell) for column, cell in zip(report.columns, row, strict=True)]
        for row in report.rows
    ]
