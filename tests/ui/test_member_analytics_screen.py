"""会员分析 in the window, over a small history written by hand whose answers are worked out
below from docs/analytics.md: each group and segment with its count and its definition under
the thresholds in force, its member list; the metrics with their definitions; the cohort
triangle and the visit-gap histogram with their charts; every table's export. A store with no
sale, an empty range, a range to come and a range before any purchase are said in words, never
an empty chart.

The history ends on D, the last day of last month (tests.members.test_analytics): M2 is D's
month, M1 and M0 the two before it.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from PySide6.QtCharts import QBarSet, QHorizontalBarSeries, QLineSeries
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QTableWidget, QWidget

from app.config import Config
from app.members.analytics_terms import TRANSLATION_CONTEXT, all_terms
from app.members.card_types import ensure_default_card_type
from app.members.segment_rules import Thresholds, save_thresholds
from app.pos.member_analytics import MemberAnalyticsService
from app.pos.staff import StaffView
from app.storage.database import Database
from app.ui import i18n
from app.ui.i18n import TRANSLATIONS_DIR
from app.ui.member_analytics_screen import MemberAnalyticsScreen
from app.ui.report_widgets import ChartPanel
from app.ui.tasks import set_runner, synchronous_runner
from tests.members.conftest import snapshot
from tests.members.test_analytics import D, History
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    action,
    approval_in,
    approve,
    child,
    click,
    login,
)

M2 = D.replace(day=1)
M1 = (M2 - dt.timedelta(days=1)).replace(day=1)
M0 = (M1 - dt.timedelta(days=1)).replace(day=1)

GROUP_ORDER = ["new_low_ticket", "new_high_ticket", "active", "loyal", "fan"]
SEGMENT_ORDER = [
    "high_spend",
    "high_ticket",
    "high_loyalty",
    "bargain_frequent",
    "bargain_rare",
    "silent",
    "sleeping",
]
# Buyers of the year: E 1200, C 500, B 200, A 100, R1 100, R2 50, R3 50 (7): the top 20 % are
# ranks 1-2, the top 50 % ranks 1-4 (R1 ties A). 14 tickets take 2290 yuan, so twice the
# average is 327.14: no ticket (300 at most) is that high.
EXPECTED = {
    "new_low_ticket": ["A"],
    "new_high_ticket": ["B"],
    "active": ["C", "E"],
    "loyal": ["C"],
    "fan": ["E"],
    "high_spend": ["C", "E"],
    "high_ticket": [],
    "high_loyalty": ["C", "E", "R1"],
    "bargain_frequent": [],
    "bargain_rare": [],
    "silent": [],
    "sleeping": ["N"],
}


def back(day: dt.date) -> int:
    return (D - day).days


@pytest.fixture
def service(db: Database, config: Config) -> MemberAnalyticsService:
    return MemberAnalyticsService(db, config)


@pytest.fixture
def history(db: Database, cashier: StaffView) -> History:
    with db.transaction() as session:
        ensure_default_card_type(session)
    h = History(db, cashier)
    h.member("A", 10)
    h.sale("A", 5, 100)
    h.member("B", 20)
    h.sale("B", 15, 200)
    h.member("C", 333)
    h.sale("C", 27, 300)
    h.sale("C", 10, 200)
    h.member("E", 333)
    for days in (56, 41, 25, 1):
        h.sale("E", days, 300)
    h.member("N", 700)  # never bought: sleeping
    # The cohorts: R1 and R2 joined in M0, R3 in M1 (A and B in M2).
    h.member("R1", back(M0.replace(day=3)))
    h.sale("R1", back(M0.replace(day=5)), 50)
    h.sale("R1", back(M2.replace(day=2)), 50)
    h.member("R2", back(M0.replace(day=4)))
    h.sale("R2", back(M1.replace(day=6)), 50)
    h.member("R3", back(M1.replace(day=2)))
    h.sale("R3", back(M1.replace(day=3)), 50)
    for _ in range(2):
        h.sale(None, 0, 45)
    return h


def open_screen(qtbot: Any, service: MemberAnalyticsService) -> MemberAnalyticsScreen:
    screen = MemberAnalyticsScreen(None, service)
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.show()
    return screen


def show_tab(screen: MemberAnalyticsScreen, name: str) -> None:
    screen.tabs.setCurrentWidget(child(screen, QWidget, name))


def rows(parent: QWidget, name: str) -> list[list[str]]:
    table = child(parent, QTableWidget, name)
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def status(screen: MemberAnalyticsScreen) -> str:
    return child(screen, QLabel, "analyticsStatus").text()


def panel(screen: MemberAnalyticsScreen, name: str) -> ChartPanel:
    return child(screen, ChartPanel, name)


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(path), ""))
    )


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_each_group_and_segment_shows_its_count_and_its_definition_with_the_thresholds(
    qtbot: Any, service: MemberAnalyticsService, history: History
) -> None:
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    assert status(screen).startswith(f"{M2.isoformat()} 至 {D.isoformat()}")
    table = rows(screen, "groupsTable")
    assert [row[4] for row in table] == GROUP_ORDER + SEGMENT_ORDER
    assert {row[4]: int(row[2]) for row in table} == {k: len(v) for k, v in EXPECTED.items()}
    assert [row[0] for row in table] == ["分组"] * 5 + ["分层"] * 7
    by_key = {row[4]: row for row in table}
    assert by_key["active"][1] == "活跃会员"
    assert by_key["active"][3] == "最近 45 天内消费至少 2 次，这些消费的平均客单价不低于 200 元"
    assert by_key["loyal"][3] == "最近 45 天内消费 2 到 3 次，但最近 7 天内没有消费"
    assert by_key["high_spend"][3] == "最近 365 天的消费总额排在有消费会员的前 20%"
    assert by_key["sleeping"][3] == "入会已满 365 天，且最近 365 天内没有消费（从未消费的也算）"

    chart = panel(screen, "segmentSizesChart")
    assert chart.showing_chart
    (series,) = chart.chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    (bars,) = series.barSets()
    assert isinstance(bars, QBarSet)
    drawn = [int(bars.at(i)) for i in range(bars.count())]
    assert drawn[::-1] == [len(EXPECTED[key]) for key in GROUP_ORDER + SEGMENT_ORDER]


def test_changed_thresholds_change_the_words_and_the_counts(
    qtbot: Any,
    db: Database,
    cashier: StaffView,
    manager: StaffView,
    service: MemberAnalyticsService,
    history: History,
) -> None:
    """At 300 yuan B's single 200 is a low ticket; a fan then needs 3 purchases at 350."""
    rules = dataclasses.replace(
        Thresholds(), new_ticket_fen=300_00, fan_min_purchases=3, fan_min_ticket_fen=350_50
    )
    with db.transaction() as session:
        save_thresholds(session, rules, actor_id=cashier.id, approver_id=manager.id)
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    by_key = {row[4]: row for row in rows(screen, "groupsTable")}
    assert by_key["new_low_ticket"][2] == "2" and by_key["new_high_ticket"][2] == "0"
    assert by_key["new_low_ticket"][3].endswith("平均客单价低于 300 元")
    assert by_key["fan"][3] == "最近 60 天内消费至少 3 次，且每一单都不低于 350.50 元"
    assert by_key["fan"][2] == "0"


def test_a_chosen_group_lists_its_members_and_exports_them(
    qtbot: Any,
    service: MemberAnalyticsService,
    history: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    screen.choose_group("high_loyalty")
    listed = rows(screen, "groupMembersTable")
    # The year's biggest spenders first: E 1200, C 500, R1 100.
    assert [row[0] for row in listed] == ["E", "C", "R1"]
    e_row = listed[0]
    assert e_row[3] == (D - dt.timedelta(days=333)).isoformat()  # joined on
    assert e_row[4] == (D - dt.timedelta(days=1)).isoformat()  # last purchase
    assert e_row[5:] == ["4", "1200.00", "1200.00"]
    caption = child(screen, QLabel, "groupMembersTableCaption").text()
    assert "“高忠诚度”：3 人" in caption

    spreadsheet = tmp_path / "high_loyalty.xlsx"
    save_as(monkeypatch, spreadsheet)
    click(qtbot, child(screen, QPushButton, "groupMembersTableExport"))
    assert "已导出 3 行" in status(screen)
    sheet = openpyxl.load_workbook(spreadsheet).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["卡号", "姓名"] and len(values) == 4
    assert values[1][0] == "E" and float(values[1][6]) == 1200.0

    text = tmp_path / "groups.csv"
    save_as(monkeypatch, text)
    click(qtbot, child(screen, QPushButton, "groupsTableExport"))
    written = read_csv(text)
    assert written[0] == ["类型", "名称", "人数", "定义（当前条件）", "代码"]
    assert [row[4] for row in written[1:]] == GROUP_ORDER + SEGMENT_ORDER
    assert written[1 + GROUP_ORDER.index("active")][2:4] == [
        "2",
        "最近 45 天内消费至少 2 次，这些消费的平均客单价不低于 200 元",
    ]


def test_a_group_a_threshold_empties_says_so_in_words(
    qtbot: Any, service: MemberAnalyticsService, history: History
) -> None:
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    screen.choose_group("active")
    assert len(rows(screen, "groupMembersTable")) == 2
    screen.choose_group("high_ticket")
    caption = child(screen, QLabel, "groupMembersTableCaption").text()
    assert caption == (
        f"“高单价”在 {D.isoformat()} 没有会员。条件："
        "最近 365 天内最大的一单不低于全店同期平均客单价的 200%"
    )
    assert rows(screen, "groupMembersTable") == []
    assert not child(screen, QPushButton, "groupMembersTableExport").isEnabled()


def test_the_metrics_show_their_values_and_definitions_and_export(
    qtbot: Any,
    service: MemberAnalyticsService,
    history: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """D's month: A 100, B 200, C 300 and 200, E 300 and 300, R1 50, two walk-ins of 45: nine
    tickets of one item each taking 1540 yuan, seven of them members' (1450)."""
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    show_tab(screen, "metricsTab")
    table = rows(screen, "metricsTable")
    by_key = {row[3]: row for row in table}
    expected_values = {
        "members": "8",
        "new_members": "2",
        "activation_rate": "25.00%",
        "churn_rate": "12.50%",
        "sales_fen": "￥1540.00",
        "member_sales_fen": "￥1450.00",
        "member_sales_share": "94.16%",
        "active_members": "5",
        "repeat_rate": "40.00%",
        "wau": "2",
        "mau": "5",
        "visits_per_active_member": "1.40",
        "spend_per_active_member_fen": "￥290.00",
        "avg_ticket_fen": "￥171.11",
        "member_avg_ticket_fen": "￥207.14",
        "avg_item_price_fen": "￥171.11",
        "items_per_ticket": "1.00",
        "recency.0-7": "2",  # A, E
        "recency.8-30": "3",  # B, C, R1
        "recency.31-90": "2",  # R2, R3
        "recency.never": "1",  # N
        "visit_gap_days.15-30": "3",  # C 17, E 16 and 24
        "visit_gap_days.31-60": "1",  # R1, from M0 to M2
        "member_mix.active": "5",
        "member_mix.new": "3",  # A, B, C
        "member_mix.continuing": "1",  # E
        "member_mix.returning": "1",  # R1
        "member_mix.loyal": "1",  # C
        "member_mix.high_value": "2",  # C, E
        "retention": "1",  # one cohort: A and B joined in D's month
    }
    assert {key: by_key[key][1] for key in expected_values} == expected_values
    assert by_key["activation_rate"][0] == "会员激活率"
    assert by_key["activation_rate"][2] == "新增会员 ÷ 会员总数"
    assert by_key["churn_rate"][2] == "结束日的睡眠会员（最近 365 天内没有消费）÷ 会员总数"
    assert by_key["retention"][2].endswith("（批数；三角表见“留存”页）")
    for name in ("客单价", "件单价", "连带率", "日活", "周活", "月活", "重复购买率"):
        assert name in [row[0] for row in table]

    path = tmp_path / "metrics.csv"
    save_as(monkeypatch, path)
    click(qtbot, child(screen, QPushButton, "metricsTableExport"))
    written = read_csv(path)
    assert written[0] == ["指标名称", "数值", "定义", "代码"]
    assert written[1:] == table


def test_the_retention_triangle_is_shaded_and_charted(
    qtbot: Any,
    service: MemberAnalyticsService,
    history: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """M0's cohort (R1, R2): R1 bought in M0 and M2, R2 in M1; M1's (R3) only in M1; M2's
    (A, B) both in M2."""
    screen = open_screen(qtbot, service)
    screen.choose(M0, D)
    show_tab(screen, "retentionTab")
    months = [m.isoformat()[:7] for m in (M0, M1, M2)]
    assert rows(screen, "retentionTable") == [
        [months[0], "2", "50.00%", "50.00%", "50.00%"],
        [months[1], "1", "100.00%", "0.00%", ""],
        [months[2], "2", "100.00%", "", ""],
    ]
    table = child(screen, QTableWidget, "retentionTable")
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["入会月份", "人数", "第 0 月", "第 1 月", "第 2 月"]
    full, half, none = (table.item(r, c).background().color() for r, c in ((1, 2), (0, 2), (1, 3)))
    assert full.lightness() < half.lightness() < none.lightness()

    chart = panel(screen, "cohortChart")
    assert chart.showing_chart
    lines = chart.chart.series()
    assert all(isinstance(line, QLineSeries) for line in lines)
    assert [line.count() for line in lines] == [3, 2, 1]
    assert [line.at(i).y() for i in range(3) for line in lines[:1]] == [50.0, 50.0, 50.0]
    assert lines[1].at(1).y() == 0.0

    path = tmp_path / "retention.xlsx"
    save_as(monkeypatch, path)
    click(qtbot, child(screen, QPushButton, "retentionTableExport"))
    sheet = openpyxl.load_workbook(path).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == headers
    assert values[2][:4] == [months[1], 1, 1, 0]  # shares as numbers (100 %, 0 %)


def test_the_visit_gap_histogram_has_a_bar_per_bucket(
    qtbot: Any,
    service: MemberAnalyticsService,
    history: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    show_tab(screen, "visitGapTab")
    expected = [
        ["同一天", "0", "0.00%"],
        ["1-7 天", "0", "0.00%"],
        ["8-14 天", "0", "0.00%"],
        ["15-30 天", "3", "75.00%"],
        ["31-60 天", "1", "25.00%"],
        ["61-90 天", "0", "0.00%"],
        ["91-180 天", "0", "0.00%"],
        ["181+ 天", "0", "0.00%"],
    ]
    assert rows(screen, "visitGapTable") == expected
    chart = panel(screen, "visitGapChart")
    assert chart.showing_chart
    (series,) = chart.chart.series()
    (bars,) = series.barSets()
    assert [int(bars.at(i)) for i in range(bars.count())] == [0, 0, 0, 3, 1, 0, 0, 0]

    path = tmp_path / "gaps.csv"
    save_as(monkeypatch, path)
    click(qtbot, child(screen, QPushButton, "visitGapTableExport"))
    assert read_csv(path) == [["相隔天数", "次数", "占比"], *expected]


def test_tabs_are_computed_when_shown_and_again_after_the_range_changes(
    qtbot: Any, service: MemberAnalyticsService, history: History
) -> None:
    calls: list[str] = []
    original = service.visit_gaps

    def counted(first: dt.date, last: dt.date) -> dict[str, int]:
        calls.append(f"{first}..{last}")
        return original(first, last)

    service.visit_gaps = counted  # type: ignore[method-assign]
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    assert calls == []
    show_tab(screen, "visitGapTab")
    show_tab(screen, "groupsTab")
    show_tab(screen, "visitGapTab")
    assert calls == [f"{M2}..{D}"]
    screen.choose(M0, D)
    assert calls == [f"{M2}..{D}", f"{M0}..{D}"]


def _said_everywhere(screen: MemberAnalyticsScreen, words: str) -> None:
    assert words in status(screen)
    for name in ("segmentSizesChart", "cohortChart", "visitGapChart"):
        chart = panel(screen, name)
        assert not chart.showing_chart, name
        assert words in chart.empty.text(), name


def test_a_store_with_no_sale_yet_is_said_plainly_and_nothing_is_written(
    qtbot: Any, db: Database, service: MemberAnalyticsService
) -> None:
    before = snapshot(db)
    screen = open_screen(qtbot, service)
    _said_everywhere(screen, "本店还没有任何销售")
    for tab in ("metricsTab", "retentionTab", "visitGapTab"):
        show_tab(screen, tab)
        assert "本店还没有任何销售" in status(screen)
    assert rows(screen, "groupsTable") == [] and rows(screen, "metricsTable") == []
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (D, D - dt.timedelta(days=1), "晚于结束日期"),
        (D, dt.date.today() + dt.timedelta(days=3), "在未来"),
    ],
)
def test_an_empty_range_and_a_range_to_come_are_said_plainly(
    qtbot: Any,
    db: Database,
    service: MemberAnalyticsService,
    history: History,
    first: dt.date,
    last: dt.date,
    words: str,
) -> None:
    before = snapshot(db)
    screen = open_screen(qtbot, service)
    screen.choose(first, last)
    _said_everywhere(screen, words)
    assert not child(screen, QPushButton, "groupsTableExport").isEnabled()
    assert snapshot(db) == before


def test_a_range_before_any_purchase_draws_no_empty_chart(
    qtbot: Any, service: MemberAnalyticsService, history: History
) -> None:
    """Two years back nobody had joined nor bought: every group is empty, no cohort, no gap."""
    early = D - dt.timedelta(days=800)
    screen = open_screen(qtbot, service)
    screen.choose(early.replace(day=1), early)
    sizes = panel(screen, "segmentSizesChart")
    assert not sizes.showing_chart
    assert sizes.empty.text() == f"{early.isoformat()} 当天没有会员属于任何分组或分层"
    assert all(row[2] == "0" for row in rows(screen, "groupsTable"))
    show_tab(screen, "retentionTab")
    assert not panel(screen, "cohortChart").showing_chart
    assert "没有新入会的会员" in panel(screen, "cohortChart").empty.text()
    show_tab(screen, "visitGapTab")
    assert not panel(screen, "visitGapChart").showing_chart
    assert "没有间隔可画" in panel(screen, "visitGapChart").empty.text()


def test_an_export_to_a_missing_folder_is_refused_plainly(
    qtbot: Any,
    service: MemberAnalyticsService,
    history: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    save_as(monkeypatch, tmp_path / "missing" / "groups.csv")
    click(qtbot, child(screen, QPushButton, "groupsTableExport"))
    assert "文件夹不存在" in status(screen)
    assert not (tmp_path / "missing").exists()


def test_the_english_screen_reads_the_definitions_in_english(
    qtbot: Any, service: MemberAnalyticsService, history: History
) -> None:
    i18n.install(i18n.ENGLISH)
    screen = open_screen(qtbot, service)
    screen.choose(M2, D)
    by_key = {row[4]: row for row in rows(screen, "groupsTable")}
    assert by_key["active"][:4] == [
        "Group",
        "Active",
        "2",
        "At least 2 purchases within the last 45 days, averaging at least 200 yuan",
    ]
    assert screen.tabs.tabText(3) == "Visit gaps"


def test_every_name_and_definition_has_its_english(qtbot: Any) -> None:
    root = ET.parse(TRANSLATIONS_DIR / "store_counter_en.ts").getroot()
    translated: dict[str, dict[str, str]] = {}
    for context in root.iter("context"):
        messages = translated.setdefault(context.findtext("name") or "", {})
        for message in context.iter("message"):
            messages[message.findtext("source") or ""] = message.findtext("translation") or ""
    terms = {text for term in all_terms() for text in (term.name, term.definition)}
    assert sorted(t for t in terms if not translated[TRANSLATION_CONTEXT].get(t)) == []
    ui = Path(__file__).resolve().parents[2] / "app" / "ui"
    for module, context in (
        ("member_analytics_screen.py", "MemberAnalyticsScreen"),
        ("report_widgets.py", "ReportWidgets"),
    ):
        sources = set(re.findall(r'_tr\(\s*"([^"]+)"', (ui / module).read_text("utf-8")))
        assert len(sources) > 5
        assert sorted(s for s in sources if not translated[context].get(s)) == [], module
    for term in all_terms():  # the marks a definition fills survive in the English
        marks = set(re.findall(r"%\d", term.definition))
        assert set(re.findall(r"%\d", translated[TRANSLATION_CONTEXT][term.definition])) == marks


def test_the_screen_opens_from_the_system_menu_and_from_the_reports(
    controller: Any, qtbot: Any
) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    action(sale, "memberAnalyticsAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "memberAnalyticsScreen"
    assert status(screen)  # a result or a sentence, never nothing
    screen.reject()
    action(sale, "reportsAction").trigger()
    reports = sale.dialog
    assert reports is not None and reports.objectName() == "reportsScreen"
    click(qtbot, child(reports, QPushButton, "reportsMemberAnalytics"))
    opened = [w for w in reports.findChildren(MemberAnalyticsScreen) if w.isVisible()]
    assert len(opened) == 1


def test_a_cashier_needs_a_manager_to_open_it(controller: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot)
    action(sale, "memberAnalyticsAction").trigger()
    approve(qtbot, approval_in(sale))
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "memberAnalyticsScreen"


class HeldTasks:
    """A task runner that keeps each task until the test lets it finish (as a slow database
    would), so results can come back late and out of turn."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], object], Callable[..., None]]] = []

    def __call__(self, fn: Callable[[], object], on_done: Callable[..., None]) -> None:
        self.held.append((fn, on_done))

    def finish(self, index: int = 0) -> None:
        fn, on_done = self.held.pop(index)
        on_done(fn(), None)


def test_a_result_that_comes_back_after_the_range_or_the_group_changed_is_dropped(
    qtbot: Any, service: MemberAnalyticsService, history: History
) -> None:
    held = HeldTasks()
    set_runner(held)
    try:
        screen = open_screen(qtbot, service)  # 最近 12 个月: the groups of today, held
        assert status(screen).startswith("正在计算")
        screen.choose(M2, D)  # the groups of D, held too
        held.finish(0)  # today's arrive late: dropped
        assert rows(screen, "groupsTable") == []
        held.finish(0)
        caption = child(screen, QLabel, "groupsTableCaption").text()
        assert caption.startswith(f"{D.isoformat()} 当天")
        assert {row[4]: int(row[2]) for row in rows(screen, "groupsTable")}["active"] == 2

        screen.choose_group("active")
        screen.choose_group("high_loyalty")
        assert len(held.held) == 2
        held.finish(1)  # high_loyalty's list, then active's, late
        held.finish(0)
        assert [row[0] for row in rows(screen, "groupMembersTable")] == ["E", "C", "R1"]
        assert "高忠诚度" in child(screen, QLabel, "groupMembersTableCaption").text()
    finally:
        set_runner(synchronous_runner)


@pytest.mark.parametrize("language", [i18n.CHINESE, i18n.ENGLISH])
def test_at_its_smallest_size_no_label_or_button_is_clipped(
    qtbot: Any, service: MemberAnalyticsService, history: History, language: str
) -> None:
    from tests.ui.test_screens import _clipped

    i18n.install(language)
    screen = open_screen(qtbot, service)
    screen.resize(screen.minimumSize())
    screen.choose(M2, D)
    screen.choose_group("active")
    for index in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(index)
        assert _clipped(screen) == [], screen.tabs.tabText(index)


def test_the_metrics_read_the_groups_the_screen_has_and_give_the_same_answer(
    service: MemberAnalyticsService, history: History
) -> None:
    known = service.memberships(D)
    assert service.metrics(M2, D, known) == service.metrics(M2, D)
    with pytest.raises(ValueError, match="not those of the range's end"):
        from app.members.metrics import metrics

        with service.db.reading() as session:
            metrics(
                session,
                M2,
                D,
                known.rules,
                D,
                known=(service.memberships(D - dt.timedelta(days=1)).groups, known.segments),
            )
