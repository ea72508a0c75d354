"""会员分析: the member groups (001) and value segments (003) with their definitions in words,
their counts and member lists; the member metrics (000, 004) with their definitions; the
retention of monthly cohorts (a triangle) and the days between two visits. Every table exports to
XLSX and CSV; the numbers are those of ``python main.py groups / segments / metrics``.

Each tab is computed when it is shown, off the GUI thread (``app.ui.tasks``): over a big store
the groups take seconds. A range that cannot be computed (empty, in the future, a store with no
sale yet) is said in the status line and where each chart would be; so is a chart with nothing to
draw (a group a threshold empties, a range without a second visit), never an empty chart.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import fill
from app.members.analytics_terms import (
    GAP_LABELS,
    GROUP_TERMS,
    METRIC_TERMS,
    MIX_TERMS,
    RECENCY_LABELS,
    SEGMENT_TERMS,
    TRANSLATION_CONTEXT,
    Shown,
    Term,
)
from app.money import format_yuan
from app.pos.reports import CellKind, Column, ReportTable
from app.pos.staff import Sensitive, approver_of
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.report_widgets import (
    ChartPanel,
    ExportTable,
    PeriodPicker,
    action_button,
)
from app.ui.tasks import run_task
from app.ui.thresholds_form import ThresholdsForm

if TYPE_CHECKING:
    from app.members.segment_rules import Thresholds
    from app.pos.member_analytics import Cohort, MemberAnalyticsService, Memberships, MetricsView
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

_CONTEXT = "MemberAnalyticsScreen"
#: A group's member list shows this many members (the year's biggest spenders); the export
#: holds every one.
MEMBERS_SHOWN = 1000
_Found = TypeVar("_Found")
#: The cohort chart draws the latest this many cohorts (the table holds them all): more lines
#: would share colours and outgrow the legend.
COHORT_LINES = 6


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def term_name(term: Term) -> str:
    return QCoreApplication.translate(TRANSLATION_CONTEXT, term.name)


def term_definition(term: Term, rules: Thresholds) -> str:
    """The definition in the screen's language, filled with the thresholds in force."""
    return fill(
        QCoreApplication.translate(TRANSLATION_CONTEXT, term.definition), term.values(rules)
    )


class Preset(enum.StrEnum):
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    LAST_3_MONTHS = "last_3_months"
    LAST_12_MONTHS = "last_12_months"
    CUSTOM = "custom"


def _months_back(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` before ``day``'s."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def preset_range(preset: Preset, today: dt.date) -> tuple[dt.date, dt.date]:
    """本月 (the 1st to today), 上月 (the whole month), and the last 3 or 12 calendar months
    (this one included, to today): whole months, so the cohorts are whole."""
    if preset is Preset.LAST_MONTH:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    months = {Preset.LAST_3_MONTHS: 2, Preset.LAST_12_MONTHS: 11}.get(preset, 0)
    return _months_back(today, months), today


def preset_labels() -> list[tuple[Preset, str]]:
    return [
        (Preset.LAST_12_MONTHS, _tr("最近 12 个月")),
        (Preset.LAST_3_MONTHS, _tr("最近 3 个月")),
        (Preset.THIS_MONTH, _tr("本月")),
        (Preset.LAST_MONTH, _tr("上月")),
        (Preset.CUSTOM, _tr("自定义")),
    ]


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def _basis_points(share: float) -> int:
    return round(share * 10000)


def shown_value(term: Term, value: int | float | None) -> str:
    """A metric's value as the table reads it; "—" where there was nothing to divide by."""
    if value is None:
        return "—"
    if term.shown is Shown.SHARE:
        return _share(value)
    if term.shown is Shown.MONEY:
        return format_yuan(int(value))
    if term.shown is Shown.DECIMAL:
        return f"{value:.2f}"
    return str(value)


def bucket_label(label: str) -> str:
    """A bucket of days (``8-30``, ``366+``, ``never``) in words."""
    if label == "never":
        return _tr("从未消费")
    if label == "0":
        return _tr("同一天")
    return _tr("%1 天").replace("%1", label)


_TEXT_COLUMNS = (
    Column("name", CellKind.TEXT),
    Column("value", CellKind.TEXT),
    Column("definition", CellKind.TEXT),
    Column("key", CellKind.TEXT),
)


def metric_rows(found: MetricsView) -> ReportTable:
    """Every metric as rows of name, value, definition and key (the key as ``metrics`` prints
    it; a bucket or part as ``recency.8-30``); the buckets and parts under their metric."""
    rows: list[tuple[str, str, str, str]] = []
    for term in METRIC_TERMS:
        name, definition = term_name(term), term_definition(term, found.rules)
        if term.shown is Shown.BUCKETS:
            rows.append((name, "", definition, term.key))
            counts = found.buckets(term.key)
            labels = RECENCY_LABELS if term.key == "recency" else GAP_LABELS
            for label in labels:
                rows.append(
                    (f"    {bucket_label(label)}", str(counts[label]), "", f"{term.key}.{label}")
                )
        elif term.shown is Shown.PARTS:
            rows.append((f"{name}（{found.mix_month}）", "", definition, term.key))
            for part in MIX_TERMS:
                rows.append(
                    (
                        f"    {term_name(part)}",
                        str(found.mix[part.key]),
                        term_definition(part, found.rules),
                        f"{term.key}.{part.key}",
                    )
                )
        elif term.shown is Shown.TRIANGLE:
            where = _tr("%1（批数；三角表见“留存”页）").replace("%1", definition)
            rows.append((name, str(len(found.cohorts)), where, term.key))
        else:
            rows.append((name, shown_value(term, found.figures[term.key]), definition, term.key))
    return ReportTable("metrics", _TEXT_COLUMNS, tuple(rows))


def retention_table(cohorts: Sequence[Cohort]) -> ReportTable:
    """Cohort month, its size, then the share who bought in month 0, 1, 2… after joining (in
    basis points; blank where the month is still to come)."""
    width = max((len(c.shares) for c in cohorts), default=0)
    columns = (
        Column("cohort", CellKind.TEXT),
        Column("members", CellKind.COUNT),
        *(Column(f"month_{n}", CellKind.PERCENT) for n in range(width)),
    )
    rows = tuple(
        (
            c.month,
            c.members,
            *(_basis_points(s) for s in c.shares),
            *([None] * (width - len(c.shares))),
        )
        for c in cohorts
    )
    return ReportTable("retention", columns, rows)


def gap_table(gaps: dict[str, int]) -> ReportTable:
    total = sum(gaps.values())
    columns = (
        Column("gap", CellKind.TEXT),
        Column("count", CellKind.COUNT),
        Column("share", CellKind.PERCENT),
    )
    rows = tuple(
        (bucket_label(label), gaps[label], round(gaps[label] * 10000 / total) if total else 0)
        for label in GAP_LABELS
    )
    return ReportTable("visit_gaps", columns, rows)


def shade(share: float) -> QColor:
    """A retention cell's colour: white at 0 %, a deep green at 100 % (text stays readable)."""
    strength = max(0.0, min(1.0, share))
    return QColor(
        round(255 - strength * (255 - 76)),
        round(255 - strength * (255 - 175)),
        round(255 - strength * (255 - 80)),
    )


class Tab(enum.StrEnum):
    GROUPS = "groups"
    METRICS = "metrics"
    RETENTION = "retention"
    VISIT_GAPS = "visit_gaps"


class MemberAnalyticsScreen(CounterDialog):
    """A range at the top (the groups are computed on its last day); one tab at a time is
    computed, when shown, and kept until the range changes."""

    def __init__(
        self,
        parent: QWidget | None,
        service: MemberAnalyticsService,
        session: CounterSession | None = None,
    ) -> None:
        """``session``: the counter's, whose staff changes the thresholds (with a manager's
        approval); without one the thresholds are only read."""
        super().__init__(parent, _tr("会员分析"))
        self.setObjectName("memberAnalyticsScreen")
        self.setAccessibleName(_tr("会员分析"))
        self.service = service
        self.session = session
        self.span: tuple[dt.date, dt.date] | None = None
        self.computed: set[Tab] = set()
        self.generation = 0
        self.closed = False
        self.memberships: Memberships | None = None
        self.chosen = ""  # the key of the group whose members are listed (or being read)
        self.finished.connect(self._closed)

        self.period = PeriodPicker(
            self,
            "analytics",
            [(preset.value, label) for preset, label in preset_labels()],
            Preset.CUSTOM.value,
            lambda key: preset_range(Preset(key), self.service.today()),
            self.refresh,
        )

        self.tabs = QTabWidget(self)
        named(self.tabs, "analyticsTabs", _tr("会员分析"))
        self.pages: dict[Tab, QWidget] = {
            Tab.GROUPS: self._groups_tab(),
            Tab.METRICS: self._metrics_tab(),
            Tab.RETENTION: self._retention_tab(),
            Tab.VISIT_GAPS: self._visit_gap_tab(),
        }
        titles = {
            Tab.GROUPS: _tr("分组与分层"),
            Tab.METRICS: _tr("指标"),
            Tab.RETENTION: _tr("留存"),
            Tab.VISIT_GAPS: _tr("到店间隔"),
        }
        for key, page in self.pages.items():
            self.tabs.addTab(page, titles[key])

        close = action_button(self, "analyticsClose", _tr("关闭"), self.reject)
        self.edit_thresholds = action_button(
            self, "editThresholdsButton", _tr("修改分群条件"), self.ask_thresholds
        )
        self.edit_thresholds.setVisible(session is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        row.addWidget(self.edit_thresholds)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.setMinimumSize(1000, 700)
        self.tabs.currentChanged.connect(lambda _index: self._compute_shown())
        self.period.start()

    # -- building ------------------------------------------------------------

    def _export_table(
        self, page: QWidget, name: str, title: str, *, shown: int | None = None, wrap: bool = False
    ) -> ExportTable:
        return ExportTable(
            page, name, title, self.service.export, self._say, shown=shown, wrap=wrap
        )

    def _groups_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("groupsTab")
        self.groups = self._export_table(page, "groupsTable", _tr("分组与分层"), wrap=True)
        self.groups.table.itemSelectionChanged.connect(self._group_chosen)
        self.sizes_chart = ChartPanel(page, "segmentSizesChart", _tr("各分组与分层的人数"))
        self.sizes_chart.setMinimumWidth(400)
        self.group_members = self._export_table(
            page, "groupMembersTable", _tr("选择一个分组或分层，查看其会员"), shown=MEMBERS_SHOWN
        )
        lists = QSplitter(Qt.Orientation.Vertical, page)
        lists.addWidget(self.groups)
        lists.addWidget(self.group_members)
        lists.setStretchFactor(0, 3)
        lists.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(lists)
        split.addWidget(self.sizes_chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        return page

    def _metrics_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("metricsTab")
        self.metrics = self._export_table(page, "metricsTable", _tr("指标"), wrap=True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.metrics)
        return page

    def _retention_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("retentionTab")
        self.retention = self._export_table(
            page,
            "retentionTable",
            _tr("按入会月份分批：每批会员在入会当月（第 0 月）及之后每个月有消费的比例"),
        )
        self.cohort_chart = ChartPanel(page, "cohortChart", _tr("各批会员的月留存"))
        self.retention.table.horizontalHeader().setStretchLastSection(False)
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.addWidget(self.retention)
        split.addWidget(self.cohort_chart)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        return page

    def _visit_gap_tab(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("visitGapTab")
        self.gap_chart = ChartPanel(page, "visitGapChart", _tr("会员相邻两次消费相隔的天数"))
        self.gaps = self._export_table(
            page, "visitGapTable", _tr("后一次消费在期间内的每一对相邻消费，按相隔天数分段")
        )
        self.gaps.setMaximumWidth(420)
        row = QHBoxLayout(page)
        row.addWidget(self.gap_chart, 3)
        row.addWidget(self.gaps, 2)
        return page

    # -- the thresholds ------------------------------------------------------------------------

    def ask_thresholds(self) -> None:
        """修改分群条件: a manager approves, then the form with the thresholds in force."""
        if self.session is None:
            return
        self.clear_error()
        with_approval(
            self,
            self.session,
            Sensitive.MEMBER_RULES,
            lambda approval: self.thresholds_form(approver_of(approval)),
            detail=_tr("修改会员分组与价值分层的条件"),
        )

    def thresholds_form(self, approver: StaffView) -> ThresholdsForm | None:
        """The form, saved in the name of the staff logged in and ``approver``; once saved the
        screen computes again, so the counts and the definitions follow the new thresholds."""
        session = self.session
        with Attempt(self.show_error) as attempt:
            current = self.service.thresholds()
        if attempt.failed or session is None:
            return None

        def save(rules: Thresholds) -> Thresholds:
            return self.service.save_thresholds(rules, actor=session.staff, approver=approver)

        def saved(_rules: object) -> None:
            self.refresh()

        form = ThresholdsForm(self, current, save)
        form.present(saved)
        return form

    # -- the range -----------------------------------------------------------------------------

    def choose(self, first: dt.date, last: dt.date) -> None:
        """自定义: the range typed into the two dates, then computed."""
        self.period.choose(first, last)

    def _say(self, text: str, role: str = "error") -> None:
        self.period.say(text, role)

    def refresh(self) -> None:
        """Check the range (empty, to come, a store with no sale: said, nothing shown), then
        compute the tab shown; the others when they are shown."""
        first, last = self.period.dates()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        self.generation += 1
        self.computed.clear()
        self.memberships = None
        with Attempt(self._say) as attempt:
            self.service.check(first, last)
        if attempt.failed:
            self.span = None
            for tab in Tab:
                self._show_failure(tab, self.period.status.text())
            return
        self.span = (first, last)
        self._compute_shown()

    def _closed(self, _code: int) -> None:
        self.closed = True

    # -- computing, one tab at a time ----------------------------------------------------------

    def current_tab(self) -> Tab:
        page = self.tabs.currentWidget()
        return next(key for key, found in self.pages.items() if found is page)

    def _compute_shown(self) -> None:
        tab = self.current_tab()
        if self.span is None or tab in self.computed:
            return
        first, last = self.span
        self.computed.add(tab)
        self._say(_tr("正在计算…（数据多时需要几秒钟）"), "")
        service = self.service
        if tab is Tab.GROUPS:
            self._run(tab, lambda: service.memberships(last), self._show_groups)
        elif tab is Tab.METRICS:
            known = self.memberships  # the groups tab's, if shown: the mix reads them
            self._run(tab, lambda: service.metrics(first, last, known), self._show_metrics)
        elif tab is Tab.RETENTION:
            self._run(tab, lambda: service.retention(first, last), self._show_retention)
        else:
            self._run(tab, lambda: service.visit_gaps(first, last), self._show_gaps)

    def _run(self, tab: Tab, work: Callable[[], _Found], show: Callable[[_Found], None]) -> None:
        """``work`` off the GUI thread, ``show`` its result back on it, unless the window
        closed or the range changed meanwhile."""
        generation = self.generation

        def done(result: _Found | None, error: BaseException | None) -> None:
            if self.closed or generation != self.generation:
                return
            if error is not None or result is None:
                self.computed.discard(tab)
                sentence = message_for(
                    error or RuntimeError("no result"), context=f"member analytics {tab}"
                )
                self._say(sentence)
                self._show_failure(tab, sentence)
                return
            assert self.span is not None
            first, last = self.span
            self._say(
                _tr("%1 至 %2（分组与分层按 %2 当天计算）")
                .replace("%1", first.isoformat())
                .replace("%2", last.isoformat()),
                "",
            )
            show(result)

        run_task(work, done)

    def _show_failure(self, tab: Tab, sentence: str) -> None:
        if tab is Tab.GROUPS:
            self.groups.clear()
            self.group_members.clear()
            self.group_members.caption.setText(sentence)
            self.sizes_chart.show_nothing(sentence)
        elif tab is Tab.METRICS:
            self.metrics.clear()
            self.metrics.caption.setText(sentence)
        elif tab is Tab.RETENTION:
            self.retention.clear()
            self.cohort_chart.show_nothing(sentence)
        else:
            self.gaps.clear()
            self.gap_chart.show_nothing(sentence)

    # -- 分组与分层 ------------------------------------------------------------

    def group_terms(self) -> list[tuple[str, Term]]:
        return [(_tr("分组"), t) for t in GROUP_TERMS] + [(_tr("分层"), t) for t in SEGMENT_TERMS]

    def _show_groups(self, found: Memberships) -> None:
        self.memberships = found
        terms = self.group_terms()
        report = ReportTable(
            "groups",
            (
                Column("kind", CellKind.TEXT),
                Column("name", CellKind.TEXT),
                Column("count", CellKind.COUNT),
                Column("definition", CellKind.TEXT),
                Column("key", CellKind.TEXT),
            ),
            tuple(
                (
                    kind,
                    term_name(t),
                    len(found.cards(t.key)),
                    term_definition(t, found.rules),
                    t.key,
                )
                for kind, t in terms
            ),
        )
        self.groups.table.blockSignals(True)
        self.groups.fill(
            [_tr("类型"), _tr("名称"), _tr("人数"), _tr("定义（当前条件）"), _tr("代码")], report
        )
        self.groups.table.blockSignals(False)
        header = self.groups.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(report.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.groups.caption.setText(
            _tr("%1 当天的分组（001）与价值分层（003）；一位会员可以同时在几个里").replace(
                "%1", found.on.isoformat()
            )
        )
        counts = [len(found.cards(t.key)) for _, t in terms]
        if any(counts):
            self.sizes_chart.show_counts(
                [term_name(t) for _, t in terms], counts, _tr("人数"), horizontal=True
            )
        else:
            self.sizes_chart.show_nothing(
                _tr("%1 当天没有会员属于任何分组或分层").replace("%1", found.on.isoformat())
            )
        self.group_members.clear()
        self.group_members.caption.setText(_tr("选择一个分组或分层，查看其会员"))

    def choose_group(self, key: str) -> None:
        """Select the row of group or segment ``key`` (its member list follows)."""
        keys = [t.key for _, t in self.group_terms()]
        self.groups.table.selectRow(keys.index(key))

    def _group_chosen(self) -> None:
        found = self.memberships
        row = self.groups.table.currentRow()
        terms = self.group_terms()
        if found is None or not 0 <= row < len(terms):
            return
        term = terms[row][1]
        self.chosen = term.key
        cards = found.cards(term.key)
        name = term_name(term)
        if not cards:
            self.group_members.clear()
            self.group_members.caption.setText(
                _tr("“%1”在 %2 没有会员。条件：%3")
                .replace("%1", name)
                .replace("%2", found.on.isoformat())
                .replace("%3", term_definition(term, found.rules))
            )
            return
        self.group_members.clear()
        self.group_members.caption.setText(_tr("正在读取“%1”的会员…").replace("%1", name))
        generation = self.generation
        run_task(
            lambda: self.service.member_list(found.on, cards, found.rules),
            lambda result, error: self._members_read(term, generation, result, error),
        )

    def _members_read(
        self, term: Term, generation: int, result: ReportTable | None, error: BaseException | None
    ) -> None:
        if self.closed or generation != self.generation or term.key != self.chosen:
            return  # closed, another range, or another group chosen meanwhile
        if error is not None or result is None:
            sentence = message_for(error or RuntimeError("no member list"), context="group members")
            self.group_members.caption.setText(sentence)
            return
        headers = [
            _tr("卡号"),
            _tr("姓名"),
            _tr("等级"),
            _tr("入会日期"),
            _tr("最近消费"),
            _tr("消费次数"),
            _tr("近一年消费"),
            _tr("累计消费"),
        ]
        self.group_members.fill(headers, result)
        count = len(result.rows)
        caption = _tr("“%1”：%2 人，按近一年消费从多到少").replace("%1", term_name(term))
        caption = caption.replace("%2", str(count))
        if count > MEMBERS_SHOWN:
            caption += _tr("（显示前 %1 人，导出包含全部）").replace("%1", str(MEMBERS_SHOWN))
        self.group_members.caption.setText(caption)

    # -- 指标 ------------------------------------------------------------

    def _show_metrics(self, found: MetricsView) -> None:
        report = metric_rows(found)
        self.metrics.fill([_tr("指标名称"), _tr("数值"), _tr("定义"), _tr("代码")], report)
        header = self.metrics.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(len(report.columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in range(self.metrics.table.rowCount()):
            item = self.metrics.table.item(row, 1)
            if item is not None:
                item.setTextAlignment(right)
        self.metrics.caption.setText(
            _tr("%1 至 %2 的会员指标（两端都含；金额扣除截至 %2 的退货）")
            .replace("%1", found.first.isoformat())
            .replace("%2", found.last.isoformat())
        )

    # -- 留存 ------------------------------------------------------------

    def _show_retention(self, cohorts: tuple[Cohort, ...]) -> None:
        if not cohorts:
            sentence = _tr("期间内没有新入会的会员，没有可计算留存的批次")
            self.retention.clear()
            self.cohort_chart.show_nothing(sentence)
            self._say(sentence, "")
            return
        report = retention_table(cohorts)
        width = len(report.columns) - 2
        headers = [_tr("入会月份"), _tr("人数")] + [
            _tr("第 %1 月").replace("%1", str(n)) for n in range(width)
        ]
        self.retention.fill(headers, report)
        caption = _tr("按入会月份分批：每批会员在入会当月（第 0 月）及之后每个月有消费的比例")
        if self.span is not None and (self.span[1] + dt.timedelta(days=1)).day != 1:
            # The last column is a month still going on: its shares are low for that reason.
            last = self.span[1]
            caption += _tr("；%1 月只算到 %2 日").replace("%1", last.isoformat()[:7])
            caption = caption.replace("%2", str(last.day))
        self.retention.caption.setText(caption)
        table = self.retention.table
        for row, cohort in enumerate(cohorts):
            for month, share in enumerate(cohort.shares):
                item = table.item(row, month + 2)
                if item is not None:
                    item.setBackground(shade(share))
                    item.setForeground(QColor(20, 20, 20))
        latest = cohorts[-COHORT_LINES:]
        self.cohort_chart.chart_title = (
            _tr("各批会员的月留存（最近 %1 个入会月份）").replace("%1", str(len(latest)))
            if len(cohorts) > len(latest)
            else _tr("各批会员的月留存")
        )
        self.cohort_chart.show_percent_lines(
            [
                (
                    _tr("%1（%2 人）").replace("%1", c.month).replace("%2", str(c.members)),
                    c.shares,
                )
                for c in latest
            ],
            _tr("入会后第几个月"),
        )

    # -- 到店间隔 ------------------------------------------------------------

    def _show_gaps(self, gaps: dict[str, int]) -> None:
        report = gap_table(gaps)
        self.gaps.fill([_tr("相隔天数"), _tr("次数"), _tr("占比")], report)
        if not any(gaps.values()):
            self.gap_chart.show_nothing(
                _tr("期间内没有会员再次消费，没有间隔可画（每位会员至少要消费两次）")
            )
            return
        self.gap_chart.show_counts(
            [_tr("同一天") if label == "0" else label for label in GAP_LABELS],
            [gaps[label] for label in GAP_LABELS],
            _tr("次数"),
            labels_title=_tr("相隔天数"),
        )
