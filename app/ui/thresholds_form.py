"""修改分群条件: every threshold of the member groups (001) and value segments (003) in one form,
grouped as the groups are, opened from 会员分析 after a manager's approval.

Money is shown and typed in yuan (stored in fen), windows in days and shares in percent as whole
numbers. 恢复默认 puts the defaults of DESIGN.md section 9 in the fields (nothing is saved until
保存). The rules are ``Thresholds``'s: a value it refuses (a percent over 100, loyal members'
quiet days not under their window, a threshold that would leave a group always empty) is said
under its field and nothing is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.members.segment_rules import Thresholds
from app.money import format_fen
from app.ui.dialogs import named
from app.ui.forms import FormDialog

#: What saving does with the thresholds read from the form (the screen's service call).
SaveThresholds = Callable[[Thresholds], object]

#: Every threshold in this order must appear in the form once (the test checks it).
FIELD_ORDER: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(Thresholds))


def object_name(field: str) -> str:
    """``new_window_days`` -> ``thresholdNewWindowDays`` (what tests and screen readers find)."""
    return "threshold" + "".join(part.capitalize() for part in field.split("_"))


def shown_value(rules: Thresholds, field: str) -> str:
    """A threshold as its field shows it: money in yuan with two decimals, else the number."""
    value = getattr(rules, field)
    return format_fen(value) if field.endswith("_fen") else str(value)


def read_thresholds(form: FormDialog) -> Thresholds:
    """The thresholds typed in; a field that is no number, or a value ``Thresholds`` refuses,
    raises with that field named (the form says it under the field)."""
    values: dict[str, int] = {}
    for field in FIELD_ORDER:
        value = form.yuan(field) if field.endswith("_fen") else form.whole(field)
        assert value is not None  # required
        values[field] = value
    return Thresholds(**values)


class ThresholdsForm(FormDialog):
    """The thresholds in force in their fields; 恢复默认 fills in the defaults."""

    def __init__(self, parent: QWidget | None, current: Thresholds, save: SaveThresholds) -> None:
        def saving(form: FormDialog) -> object:
            return save(read_thresholds(form))

        super().__init__(parent, self.tr("修改分群条件"), "thresholdsDialog", saving)
        self.setMinimumSize(560, 600)
        self.section(self.tr("新会员（低客单、高客单）"))
        self._field("new_window_days", self.tr("首次消费在最近几天内（天）"), current)
        self._field("new_max_purchases", self.tr("累计消费最多几次（次）"), current)
        self._field("new_ticket_fen", self.tr("高低客单的分界：平均客单价（元）"), current)
        self.section(self.tr("活跃会员"))
        self._field("active_window_days", self.tr("统计最近几天（天）"), current)
        self._field("active_min_purchases", self.tr("至少消费几次（次）"), current)
        self._field("active_min_avg_ticket_fen", self.tr("平均客单价至少（元）"), current)
        self.section(self.tr("忠诚会员"))
        self._field("loyal_window_days", self.tr("统计最近几天（天）"), current)
        self._field("loyal_quiet_days", self.tr("但最近几天内没有消费（天）"), current)
        self._field("loyal_min_purchases", self.tr("至少消费几次（次）"), current)
        self._field("loyal_max_purchases", self.tr("最多消费几次（次）"), current)
        self.section(self.tr("粉丝会员"))
        self._field("fan_window_days", self.tr("统计最近几天（天）"), current)
        self._field("fan_min_purchases", self.tr("至少消费几次（次）"), current)
        self._field("fan_min_ticket_fen", self.tr("每一单都至少（元）"), current)
        self.section(self.tr("价值分层的排名"))
        self._field("year_days", self.tr("按最近几天的消费排名（天）"), current)
        self.section(self.tr("高消费总额"))
        self._field("high_spend_percent", self.tr("消费总额排在前百分之几（%）"), current)
        self.section(self.tr("高单价"))
        self._field(
            "high_ticket_percent_of_average",
            self.tr("最大一单至少为全店平均客单价的百分之几（%）"),
            current,
        )
        self.section(self.tr("高忠诚度"))
        self._field("high_loyalty_percent", self.tr("消费总额排在前百分之几（%）"), current)
        self._field("high_loyalty_max_gap_days", self.tr("两次消费最多相隔几天（天）"), current)
        self.section(self.tr("低价高频、低价低频"))
        self._field("bargain_percent", self.tr("促销消费金额排在前（后）百分之几（%）"), current)
        self.section(self.tr("沉默会员"))
        self._field("silent_window_days", self.tr("统计最近几天（天）"), current)
        self._field("silent_percent_of_usual", self.tr("消费频率不到以往的百分之几（%）"), current)
        self.section(self.tr("睡眠会员"))
        self._field("sleeping_days", self.tr("入会已满且未消费的天数（天）"), current)

        self.reset_button = QPushButton(self.tr("恢复默认"), self)
        named(self.reset_button, "thresholdsDefaults", self.tr("恢复默认"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset)
        row = QHBoxLayout()
        row.addWidget(self.reset_button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)  # under the fields, above the error line and the buttons

    def _field(self, key: str, label: str, current: Thresholds) -> None:
        hint = self.tr("元") if key.endswith("_fen") else self.tr("整数")
        self.line(key, label, object_name(key), shown_value(current, key), hint=hint)

    def reset(self) -> None:
        """The defaults in every field (saved only with 保存)."""
        defaults = Thresholds()
        self.clear_field_errors()
        for key in FIELD_ORDER:
            widget = self.fields[key]
            assert isinstance(widget, QLineEdit)
            widget.setText(shown_value(defaults, key))


__all__ = ["FIELD_ORDER", "ThresholdsForm", "object_name", "read_thresholds"]
