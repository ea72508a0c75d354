"""会员筛选: the owner ticks the criteria a member must all meet (birth month, anniversary, new or
old, tenure, activity, 生肖, 星座, visits, last purchase, spend, points, tags, card type), sees
the filter in words, the count and the members; saves it as a named list (run again each time it
is opened), opens or deletes a saved list, and exports the members found to XLSX or CSV.

Opened from the members screen as 报表 is (a manager, or a cashier with a manager's approval).
What cannot be a filter (a blank range, a reversed one, a negative number) is said in the error
line and nothing is run or saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.members.member_filters import (
    SHOWN_LIMIT,
    STAR_SIGNS,
    ZODIAC,
    Activity,
    AvailablePoints,
    BirthMonth,
    CardTypes,
    ChineseZodiac,
    Criterion,
    FilterResult,
    HasTags,
    JoinAnniversary,
    LastPurchase,
    MemberFilter,
    NewOrOld,
    StarSign,
    Tenure,
    TotalPoints,
    TotalSpend,
    VisitCount,
)
from app.money import format_fen, parse_amount
from app.ui import i18n
from app.ui.dialogs import CounterDialog, PromptDialog, named
from app.ui.feedback import Attempt
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.members.member_lists import MemberListView
    from app.pos.member_filter_service import MemberFilterService
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class MemberFiltersScreen(CounterDialog):
    """Criteria on the left, the filter in words, the count and the members on the right."""

    def __init__(self, parent: QWidget | None, session: CounterSession, viewer: StaffView) -> None:
        super().__init__(parent, self.tr("会员筛选"))
        self.setObjectName("memberFiltersScreen")
        self.setAccessibleName(self.tr("会员筛选"))
        self.service: MemberFilterService = session.service.member_filters
        self.actor = session.staff
        self.viewer = viewer
        self.today = self.service.today()
        self.card_types = [
            (view.card_type.id, view.card_type.name)
            for view in session.counter.members.coupons_and_rules.card_types()
        ]
        self.makers: dict[str, Callable[[], Criterion]] = {}
        self.groups: dict[str, QGroupBox] = {}
        self.current: MemberFilter | None = None
        self.saved: list[MemberListView] = []
        editors = self._editors()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(editors)
        right = self._results_column()
        body = QHBoxLayout()
        body.addWidget(scroll, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(self._lists_row())
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(self._bottom_row())
        self.resize(1180, 720)
        self.load_lists()

    # -- building ------------------------------------------------------------------------------

    def _button(self, name: str, text: str, then: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        named(button, name, text)
        button.setAutoDefault(False)
        button.clicked.connect(then)
        return button

    def _line(self, parent: QWidget, name: str, label: str, placeholder: str = "") -> QLineEdit:
        line = QLineEdit(parent)
        named(line, name, label)
        line.setPlaceholderText(placeholder)
        return line

    def _date(self, parent: QWidget, name: str, label: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), parent)
        named(edit, name, label)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _group(
        self, holder: QVBoxLayout, key: str, title: str, make: Callable[[], Criterion]
    ) -> QGroupBox:
        """A criterion's box, ticked to use it (its editors are off until then)."""
        group = QGroupBox(title, self)
        named(group, f"{key}Group", title)
        group.setCheckable(True)
        group.setChecked(False)
        self.makers[key] = make
        self.groups[key] = group
        holder.addWidget(group)
        return group

    def _ticks(
        self, group: QGroupBox, prefix: str, labels: list[tuple[str, str]], columns: int
    ) -> dict[str, QCheckBox]:
        grid = QGridLayout(group)
        boxes = {}
        for index, (key, label) in enumerate(labels):
            box = QCheckBox(label, group)
            named(box, f"{prefix}{key}", label)
            grid.addWidget(box, index // columns, index % columns)
            boxes[key] = box
        return boxes

    def _range(
        self, group: QGroupBox, key: str, low_label: str, high_label: str
    ) -> tuple[QLineEdit, QLineEdit, QHBoxLayout]:
        low = self._line(group, f"{key}Min", low_label, self.tr("不限"))
        high = self._line(group, f"{key}Max", high_label, self.tr("不限"))
        row = QHBoxLayout(group)
        row.addWidget(QLabel(low_label, group))
        row.addWidget(low)
        row.addWidget(QLabel(high_label, group))
        row.addWidget(high)
        return low, high, row

    def _editors(self) -> QWidget:
        holder_widget = QWidget(self)
        holder = QVBoxLayout(holder_widget)
        language = i18n.current()
        english = language.startswith("en")

        group = self._group(
            holder, "birthMonth", self.tr("生日月份（农历生日按农历月）"), lambda: self._months()
        )
        self.month_boxes = self._ticks(
            group,
            "birthMonth",
            [(str(m), self.tr("%1月").replace("%1", str(m))) for m in range(1, 13)],
            6,
        )

        group = self._group(
            holder, "anniversary", self.tr("入会纪念日"), lambda: self._anniversary()
        )
        self.anniversary_from = self._date(group, "anniversaryFrom", self.tr("从"), self.today)
        self.anniversary_to = self._date(
            group, "anniversaryTo", self.tr("到"), self.today + dt.timedelta(days=30)
        )
        row = QHBoxLayout(group)
        row.addWidget(self.anniversary_from)
        row.addWidget(QLabel(self.tr("至"), group))
        row.addWidget(self.anniversary_to)

        group = self._group(holder, "newOrOld", self.tr("新老会员"), lambda: self._new_or_old())
        self.new_or_old = QComboBox(group)
        named(self.new_or_old, "newOrOldKind", self.tr("新会员或老会员"))
        self.new_or_old.addItem(self.tr("新会员：入会不超过"), True)
        self.new_or_old.addItem(self.tr("老会员：入会超过"), False)
        self.new_days = self._line(group, "newOrOldDays", self.tr("天数"))
        self.new_days.setText("30")
        row = QHBoxLayout(group)
        row.addWidget(self.new_or_old)
        row.addWidget(self.new_days)
        row.addWidget(QLabel(self.tr("天"), group))

        group = self._group(holder, "tenure", self.tr("入会时长（天）"), lambda: self._tenure())
        self.tenure_min, self.tenure_max, _ = self._range(
            group, "tenure", self.tr("至少"), self.tr("至多")
        )

        group = self._group(holder, "activity", self.tr("活跃度"), lambda: self._activity())
        self.activity_kind = QComboBox(group)
        named(self.activity_kind, "activityKind", self.tr("活跃或不活跃"))
        self.activity_kind.addItem(self.tr("活跃：有消费"), True)
        self.activity_kind.addItem(self.tr("不活跃：没有消费"), False)
        self.activity_days = self._line(group, "activityDays", self.tr("天数"))
        self.activity_days.setText("90")
        row = QHBoxLayout(group)
        row.addWidget(QLabel(self.tr("近"), group))
        row.addWidget(self.activity_days)
        row.addWidget(QLabel(self.tr("天内"), group))
        row.addWidget(self.activity_kind)

        group = self._group(
            holder, "zodiac", self.tr("生肖（按农历出生年）"), lambda: self._zodiac()
        )
        self.zodiac_boxes = self._ticks(
            group,
            "zodiac",
            [(str(i), en if english else zh) for i, (zh, en) in enumerate(ZODIAC)],
            6,
        )

        group = self._group(holder, "starSign", self.tr("星座"), lambda: self._star_signs())
        self.sign_boxes = self._ticks(
            group,
            "starSign_",
            [(key, en if english else zh) for key, (zh, en, _a, _b) in STAR_SIGNS.items()],
            4,
        )

        group = self._group(holder, "visits", self.tr("消费次数"), lambda: self._visits())
        self.visits_min, self.visits_max, row = self._range(
            group, "visits", self.tr("至少"), self.tr("至多")
        )
        self.visits_days = self._line(group, "visitsDays", self.tr("统计天数"), self.tr("全部"))
        row.addWidget(QLabel(self.tr("近几天"), group))
        row.addWidget(self.visits_days)

        group = self._group(holder, "lastPurchase", self.tr("最近一次消费"), lambda: self._last())
        self.last_from = self._date(
            group, "lastPurchaseFrom", self.tr("从"), self.today - dt.timedelta(days=30)
        )
        self.last_to = self._date(group, "lastPurchaseTo", self.tr("到"), self.today)
        row = QHBoxLayout(group)
        row.addWidget(self.last_from)
        row.addWidget(QLabel(self.tr("至"), group))
        row.addWidget(self.last_to)

        group = self._group(holder, "spend", self.tr("累计消费金额（元）"), lambda: self._spend())
        self.spend_min, self.spend_max, _ = self._range(
            group, "spend", self.tr("至少"), self.tr("至多")
        )

        group = self._group(holder, "totalPoints", self.tr("累计积分"), lambda: self._points(True))
        self.total_points_min, self.total_points_max, _ = self._range(
            group, "totalPoints", self.tr("至少"), self.tr("至多")
        )

        group = self._group(
            holder, "availablePoints", self.tr("可用积分"), lambda: self._points(False)
        )
        self.points_min, self.points_max, _ = self._range(
            group, "availablePoints", self.tr("至少"), self.tr("至多")
        )

        group = self._group(holder, "tags", self.tr("标签"), lambda: self._tags())
        self.tags_input = self._line(group, "tagsInput", self.tr("标签"), self.tr("如 VIP 老客户"))
        self.tags_every = QCheckBox(self.tr("须同时有"), group)
        named(self.tags_every, "tagsEvery", self.tr("须同时有全部标签"))
        row = QHBoxLayout(group)
        row.addWidget(self.tags_input, 1)
        row.addWidget(self.tags_every)

        group = self._group(holder, "cardTypes", self.tr("卡类型"), lambda: self._card_types())
        self.card_type_boxes = self._ticks(group, "cardType_", self.card_types, 3)

        holder.addStretch(1)
        return holder_widget

    def _results_column(self) -> QVBoxLayout:
        self.words_label = QLabel(self)
        named(self.words_label, "memberFilterWords", self.tr("筛选条件"))
        self.words_label.setWordWrap(True)
        self.count_label = QLabel(self)
        named(self.count_label, "memberFilterCount", self.tr("符合条件的会员数"))
        self.table = read_only_table(
            self,
            "memberFilterTable",
            self.tr("符合条件的会员"),
            [
                self.tr("卡号"),
                self.tr("姓名"),
                self.tr("手机"),
                self.tr("卡类型"),
                self.tr("入会日期"),
                self.tr("可用积分"),
                self.tr("累计消费"),
                self.tr("消费次数"),
                self.tr("最近消费"),
            ],
        )
        column = QVBoxLayout()
        column.addWidget(self.words_label)
        column.addWidget(self.count_label)
        column.addWidget(self.table, 1)
        return column

    def _lists_row(self) -> QHBoxLayout:
        self.lists_box = QComboBox(self)
        named(self.lists_box, "memberListsBox", self.tr("已保存的名单"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("已保存的名单"), self))
        row.addWidget(self.lists_box, 1)
        row.addWidget(self._button("memberListOpen", self.tr("打开名单"), self.open_chosen))
        row.addWidget(self._button("memberListDelete", self.tr("删除名单"), self.delete_chosen))
        return row

    def _bottom_row(self) -> QHBoxLayout:
        self.status_label = QLabel(self)
        named(self.status_label, "memberFiltersStatus", self.tr("操作结果"))
        row = QHBoxLayout()
        row.addWidget(self._button("memberFilterRun", self.tr("筛选"), self.run_filter))
        row.addWidget(self._button("memberListSave", self.tr("保存为名单"), self.ask_save))
        row.addWidget(
            self._button("memberFilterExport", self.tr("导出 Excel / CSV"), self.ask_export)
        )
        row.addWidget(self.status_label, 1)
        row.addWidget(self._button("memberFiltersClose", self.tr("关闭"), self.accept))
        return row

    # -- reading the editors -------------------------------------------------------------------

    def _number(self, line: QLineEdit, what: str) -> int | None:
        text = line.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise InputError(
                self.tr("%1须是整数：%2").replace("%1", what).replace("%2", text)
            ) from None

    def _fen(self, line: QLineEdit) -> int | None:
        text = line.text().strip()
        if not text:
            return None
        if text.startswith("-"):
            raise InputError(self.tr("金额不能是负数：%1").replace("%1", text))
        return parse_amount(text)

    def _required(self, line: QLineEdit, what: str) -> int:
        value = self._number(line, what)
        if value is None:
            raise InputError(self.tr("请填写%1").replace("%1", what))
        return value

    def _months(self) -> Criterion:
        return BirthMonth(tuple(int(k) for k, box in self.month_boxes.items() if box.isChecked()))

    def _anniversary(self) -> Criterion:
        return JoinAnniversary(_day(self.anniversary_from), _day(self.anniversary_to))

    def _new_or_old(self) -> Criterion:
        days = self._required(self.new_days, self.tr("天数"))
        return NewOrOld(days, bool(self.new_or_old.currentData()))

    def _tenure(self) -> Criterion:
        what = self.tr("入会天数")
        return Tenure(self._number(self.tenure_min, what), self._number(self.tenure_max, what))

    def _activity(self) -> Criterion:
        days = self._required(self.activity_days, self.tr("天数"))
        return Activity(days, bool(self.activity_kind.currentData()))

    def _zodiac(self) -> Criterion:
        return ChineseZodiac(
            tuple(int(k) for k, box in self.zodiac_boxes.items() if box.isChecked())
        )

    def _star_signs(self) -> Criterion:
        return StarSign(tuple(k for k, box in self.sign_boxes.items() if box.isChecked()))

    def _visits(self) -> Criterion:
        what = self.tr("消费次数")
        return VisitCount(
            self._number(self.visits_min, what),
            self._number(self.visits_max, what),
            self._number(self.visits_days, self.tr("统计天数")),
        )

    def _last(self) -> Criterion:
        return LastPurchase(_day(self.last_from), _day(self.last_to))

    def _spend(self) -> Criterion:
        return TotalSpend(self._fen(self.spend_min), self._fen(self.spend_max))

    def _points(self, total: bool) -> Criterion:
        what = self.tr("积分")
        if total:
            return TotalPoints(
                self._number(self.total_points_min, what), self._number(self.total_points_max, what)
            )
        return AvailablePoints(
            self._number(self.points_min, what), self._number(self.points_max, what)
        )

    def _tags(self) -> Criterion:
        return HasTags((self.tags_input.text(),), every=self.tags_every.isChecked())

    def _card_types(self) -> Criterion:
        chosen = [(k, name) for k, name in self.card_types if self.card_type_boxes[k].isChecked()]
        return CardTypes(tuple(k for k, _ in chosen), tuple(name for _, name in chosen))

    def member_filter(self) -> MemberFilter:
        """The filter the ticked criteria make (InputError for a number that is none)."""
        return MemberFilter(
            tuple(make() for key, make in self.makers.items() if self.groups[key].isChecked())
        )

    def show_filter(self, member_filter: MemberFilter) -> None:
        """Tick and fill the editors as ``member_filter`` says (a saved list opened), so the
        owner can change it and save it again."""
        for group in self.groups.values():
            group.setChecked(False)
        for criterion in member_filter.criteria:
            self._fill(criterion)

    def _fill(self, c: Criterion) -> None:
        def text(line: QLineEdit, value: object) -> None:
            line.setText("" if value is None else str(value))

        def ticks(boxes: dict[str, QCheckBox], chosen: set[str]) -> None:
            for key, box in boxes.items():
                box.setChecked(key in chosen)

        def yuan(line: QLineEdit, fen: int | None) -> None:
            line.setText("" if fen is None else format_fen(fen))

        if isinstance(c, BirthMonth):
            self.use("birthMonth")
            ticks(self.month_boxes, {str(m) for m in c.months})
        elif isinstance(c, JoinAnniversary):
            self.use("anniversary")
            self.anniversary_from.setDate(_qdate(c.first))
            self.anniversary_to.setDate(_qdate(c.last))
        elif isinstance(c, NewOrOld):
            self.use("newOrOld")
            self.new_or_old.setCurrentIndex(self.new_or_old.findData(c.new))
            text(self.new_days, c.days)
        elif isinstance(c, Tenure):
            self.use("tenure")
            text(self.tenure_min, c.min_days)
            text(self.tenure_max, c.max_days)
        elif isinstance(c, Activity):
            self.use("activity")
            self.activity_kind.setCurrentIndex(self.activity_kind.findData(c.active))
            text(self.activity_days, c.days)
        elif isinstance(c, ChineseZodiac):
            self.use("zodiac")
            ticks(self.zodiac_boxes, {str(a) for a in c.animals})
        elif isinstance(c, StarSign):
            self.use("starSign")
            ticks(self.sign_boxes, set(c.signs))
        elif isinstance(c, VisitCount):
            self.use("visits")
            text(self.visits_min, c.min)
            text(self.visits_max, c.max)
            text(self.visits_days, c.days)
        elif isinstance(c, LastPurchase):
            self.use("lastPurchase")
            self.last_from.setDate(_qdate(c.first or self.today - dt.timedelta(days=3650)))
            self.last_to.setDate(_qdate(c.last or self.today))
        elif isinstance(c, TotalSpend):
            self.use("spend")
            yuan(self.spend_min, c.min_fen)
            yuan(self.spend_max, c.max_fen)
        elif isinstance(c, TotalPoints):
            self.use("totalPoints")
            text(self.total_points_min, c.min)
            text(self.total_points_max, c.max)
        elif isinstance(c, AvailablePoints):
            self.use("availablePoints")
            text(self.points_min, c.min)
            text(self.points_max, c.max)
        elif isinstance(c, HasTags):
            self.use("tags")
            self.tags_input.setText(" ".join(c.tags))
            self.tags_every.setChecked(c.every)
        elif isinstance(c, CardTypes):
            self.use("cardTypes")
            ticks(self.card_type_boxes, set(c.card_type_ids))

    def use(self, key: str, on: bool = True) -> None:
        """Tick (or untick) the criterion ``key`` (``birthMonth``, ``tags``...)."""
        self.groups[key].setChecked(on)

    # -- actions -------------------------------------------------------------------------------

    def run_filter(self) -> None:
        with Attempt(self.show_error) as attempt:
            member_filter = self.member_filter()
            result = self.service.run(member_filter)
        if attempt.failed:
            return
        self.clear_error()
        self.current = member_filter
        self.show_result(result)

    def show_result(self, result: FilterResult) -> None:
        language = i18n.current()
        self.words_label.setText("；".join(w.in_language(language) for w in result.words))
        if result.count > len(result.rows):
            text = self.tr("共 %1 位会员（显示前 %2 位，导出全部）").replace("%2", str(SHOWN_LIMIT))
        else:
            text = self.tr("共 %1 位会员")
        self.count_label.setText(text.replace("%1", str(result.count)))
        fill_table(
            self.table,
            [
                (
                    r.card_no,
                    r.name,
                    r.phone_masked,
                    r.card_type,
                    r.joined_on.isoformat(),
                    str(r.points),
                    format_fen(r.spend_fen),
                    str(r.visits),
                    r.last_purchase.isoformat() if r.last_purchase else "",
                )
                for r in result.rows
            ],
        )

    def shown_cards(self) -> list[str]:
        """The card numbers in the results table, top to bottom."""
        items = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]

    def load_lists(self) -> None:
        with Attempt(self.show_error) as attempt:
            saved = self.service.lists()
        if attempt.failed:
            return
        self.saved = saved
        self.lists_box.clear()
        for view in saved:
            self.lists_box.addItem(view.name, view.id)

    def ask_save(self) -> None:
        with Attempt(self.show_error) as attempt:
            member_filter = self.member_filter()
            member_filter.check()
        if attempt.failed:
            return

        def parse(text: str) -> str:
            if not text.strip():
                raise InputError(self.tr("请填写名单名称"))
            return text.strip()

        dialog = PromptDialog(self, self.tr("保存为名单"), self.tr("名单名称"), parse)
        dialog.input.setObjectName("memberListName")
        dialog.present(lambda name: self.save(str(name), member_filter))

    def save(self, name: str, member_filter: MemberFilter) -> None:
        with Attempt(self.show_error) as attempt:
            view = self.service.save_list(
                name, member_filter, actor=self.actor, approver=self.viewer
            )
        if attempt.failed:
            return
        self.clear_error()
        self.load_lists()
        self.lists_box.setCurrentIndex(self.lists_box.findData(view.id))
        self.status_label.setText(self.tr("已保存名单“%1”").replace("%1", view.name))

    def open_chosen(self) -> None:
        list_id = self.lists_box.currentData()
        if not list_id:
            self.show_error(self.tr("还没有保存的名单"))
            return
        with Attempt(self.show_error) as attempt:
            view, result = self.service.open_list(str(list_id))
        if attempt.failed:
            return
        self.clear_error()
        self.current = view.member_filter
        self.show_filter(view.member_filter)
        self.show_result(result)
        self.status_label.setText(self.tr("名单“%1”").replace("%1", view.name))

    def delete_chosen(self) -> None:
        list_id = self.lists_box.currentData()
        if not list_id:
            self.show_error(self.tr("还没有保存的名单"))
            return
        name = self.lists_box.currentText()
        with Attempt(self.show_error) as attempt:
            self.service.delete_list(str(list_id), actor=self.actor, approver=self.viewer)
        if attempt.failed:
            return
        self.load_lists()
        self.status_label.setText(self.tr("已删除名单“%1”").replace("%1", name))

    def export_headers(self) -> list[str]:
        return [
            self.tr("卡号"),
            self.tr("姓名"),
            self.tr("手机"),
            self.tr("卡类型"),
            self.tr("入会日期"),
            self.tr("可用积分"),
            self.tr("累计消费"),
            self.tr("消费次数"),
            self.tr("最近消费"),
        ]

    def ask_export(self) -> None:
        if self.current is None:
            self.show_error(self.tr("请先筛选或打开一个名单"))
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出会员名单"),
            "member-list.xlsx",
            self.tr("Excel 文件 (*.xlsx);;CSV 文件 (*.csv)"),
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        member_filter = self.current
        if member_filter is None:
            self.show_error(self.tr("请先筛选或打开一个名单"))
            return
        with Attempt(self.show_error) as attempt:
            count = self.service.export(
                member_filter, path, self.export_headers(), actor=self.actor, approver=self.viewer
            )
        if attempt.failed:
            return
        self.clear_error()
        self.status_label.setText(
            self.tr("已导出 %1 位会员到 %2").replace("%1", str(count)).replace("%2", path.name)
        )
