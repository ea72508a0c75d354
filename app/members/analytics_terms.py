"""Every group, segment and metric in words: its name and its definition, in one place.

The text is the screen's source language (Chinese) with Qt-style ``%1`` marks that the current
thresholds fill; the window looks each sentence up under :data:`TRANSLATION_CONTEXT` (English in
resources/translations) and fills it with :meth:`Term.values`. The sentences say what
``docs/analytics.md`` says, shorter: that page and the SQL remain the reference.
"""

from __future__ import annotations

import dataclasses
import enum

from app.members.metrics import GAP_BUCKETS, GAP_OVER, RECENCY_BUCKETS, RECENCY_OVER
from app.members.segment_rules import Thresholds
from app.members.segments import Group, Segment

#: The Qt translation context the names and definitions are filed under.
TRANSLATION_CONTEXT = "AnalyticsTerms"


class Shown(enum.StrEnum):
    """How a metric's value reads."""

    COUNT = "count"
    SHARE = "share"  # 0.1234 -> 12.34 %
    MONEY = "money"  # fen
    DECIMAL = "decimal"  # to two places
    BUCKETS = "buckets"  # a count per bucket: one row each
    PARTS = "parts"  # the member mix: one row per part
    TRIANGLE = "triangle"  # the retention triangle: its own tab


@dataclasses.dataclass(frozen=True)
class Term:
    key: str
    name: str
    definition: str
    #: The :class:`Thresholds` fields that fill the definition's ``%1``, ``%2``… in order.
    thresholds: tuple[str, ...] = ()
    shown: Shown = Shown.COUNT

    def values(self, rules: Thresholds) -> tuple[str, ...]:
        return tuple(threshold_text(rules, name) for name in self.thresholds)


def threshold_text(rules: Thresholds, name: str) -> str:
    """A threshold as a sentence says it: money in yuan (``200``, ``199.50``), else the number."""
    value = getattr(rules, name)
    if name.endswith("_fen"):
        yuan, fen = divmod(value, 100)
        return str(yuan) if fen == 0 else f"{yuan}.{fen:02d}"
    return str(value)


GROUP_TERMS: tuple[Term, ...] = (
    Term(
        Group.NEW_LOW_TICKET,
        "新会员（低客单）",
        "首次消费在最近 %1 天内，累计消费不超过 %2 次，平均客单价低于 %3 元",
        ("new_window_days", "new_max_purchases", "new_ticket_fen"),
    ),
    Term(
        Group.NEW_HIGH_TICKET,
        "新会员（高客单）",
        "首次消费在最近 %1 天内，累计消费不超过 %2 次，平均客单价不低于 %3 元",
        ("new_window_days", "new_max_purchases", "new_ticket_fen"),
    ),
    Term(
        Group.ACTIVE,
        "活跃会员",
        "最近 %1 天内消费至少 %2 次，这些消费的平均客单价不低于 %3 元",
        ("active_window_days", "active_min_purchases", "active_min_avg_ticket_fen"),
    ),
    Term(
        Group.LOYAL,
        "忠诚会员",
        "最近 %1 天内消费 %2 到 %3 次，但最近 %4 天内没有消费",
        ("loyal_window_days", "loyal_min_purchases", "loyal_max_purchases", "loyal_quiet_days"),
    ),
    Term(
        Group.FAN,
        "粉丝会员",
        "最近 %1 天内消费至少 %2 次，且每一单都不低于 %3 元",
        ("fan_window_days", "fan_min_purchases", "fan_min_ticket_fen"),
    ),
)

SEGMENT_TERMS: tuple[Term, ...] = (
    Term(
        Segment.HIGH_SPEND,
        "高消费总额",
        "最近 %1 天的消费总额排在有消费会员的前 %2%",
        ("year_days", "high_spend_percent"),
    ),
    Term(
        Segment.HIGH_TICKET,
        "高单价",
        "最近 %1 天内最大的一单不低于全店同期平均客单价的 %2%",
        ("year_days", "high_ticket_percent_of_average"),
    ),
    Term(
        Segment.HIGH_LOYALTY,
        "高忠诚度",
        "最近 %1 天的消费总额排在前 %2%，至少消费 2 次，相邻两次消费及最后一次消费距今"
        "都不超过 %3 天",
        ("year_days", "high_loyalty_percent", "high_loyalty_max_gap_days"),
    ),
    Term(
        Segment.BARGAIN_FREQUENT,
        "低价高频",
        "最近 %1 天买促销商品的金额排在买过促销商品的会员的前 %2%",
        ("year_days", "bargain_percent"),
    ),
    Term(
        Segment.BARGAIN_RARE,
        "低价低频",
        "最近 %1 天买过促销商品，金额排在这些会员的后 %2%",
        ("year_days", "bargain_percent"),
    ),
    Term(
        Segment.SILENT,
        "沉默会员",
        "最近 %1 天的消费频率不到其以往频率的 %2%（首次消费早于这 %1 天，最近 %3 天内消费过）",
        ("silent_window_days", "silent_percent_of_usual", "sleeping_days"),
    ),
    Term(
        Segment.SLEEPING,
        "睡眠会员",
        "入会已满 %1 天，且最近 %1 天内没有消费（从未消费的也算）",
        ("sleeping_days",),
    ),
)

METRIC_TERMS: tuple[Term, ...] = (
    Term("members", "会员总数", "截至结束日已入会的会员数"),
    Term("new_members", "新增会员", "期间内入会的会员数"),
    Term("activation_rate", "会员激活率", "新增会员 ÷ 会员总数", shown=Shown.SHARE),
    Term(
        "churn_rate",
        "会员流失率",
        "结束日的睡眠会员（最近 %1 天内没有消费）÷ 会员总数",
        ("sleeping_days",),
        Shown.SHARE,
    ),
    Term(
        "sales_fen",
        "销售额",
        "期间内全部消费（会员与散客）的金额，扣除截至结束日的退货",
        shown=Shown.MONEY,
    ),
    Term("member_sales_fen", "会员销售额", "期间内会员消费的金额，扣除退货", shown=Shown.MONEY),
    Term(
        "member_sales_share",
        "会员交易额占比",
        "会员销售额 ÷ 销售额（两者都已扣除退货）",
        shown=Shown.SHARE,
    ),
    Term("active_members", "活跃会员数", "期间内至少消费一次的会员数"),
    Term("repeat_rate", "重复购买率", "期间内消费至少 2 次的会员 ÷ 活跃会员数", shown=Shown.SHARE),
    Term("dau", "日活", "期间内每天有消费的会员数的平均值", shown=Shown.DECIMAL),
    Term("wau", "周活", "截至结束日的 7 天内有消费的会员数"),
    Term("mau", "月活", "截至结束日的 30 天内有消费的会员数"),
    Term(
        "visits_per_active_member",
        "人均消费次数",
        "期间内会员的消费单数 ÷ 活跃会员数",
        shown=Shown.DECIMAL,
    ),
    Term(
        "spend_per_active_member_fen",
        "人均消费金额",
        "会员销售额 ÷ 活跃会员数",
        shown=Shown.MONEY,
    ),
    Term("avg_ticket_fen", "客单价", "销售额 ÷ 消费单数（会员与散客）", shown=Shown.MONEY),
    Term("member_avg_ticket_fen", "会员客单价", "会员销售额 ÷ 会员消费单数", shown=Shown.MONEY),
    Term(
        "avg_item_price_fen",
        "件单价",
        "销售额 ÷ 售出件数（称重商品每行算一件）",
        shown=Shown.MONEY,
    ),
    Term("items_per_ticket", "连带率", "售出件数 ÷ 消费单数", shown=Shown.DECIMAL),
    Term(
        "recency",
        "最近一次消费",
        "结束日的会员按最近一次消费距结束日的天数分段",
        shown=Shown.BUCKETS,
    ),
    Term(
        "visit_gap_days",
        "消费间隔分布",
        "会员相邻两次消费相隔的天数（后一次在期间内）",
        shown=Shown.BUCKETS,
    ),
    Term(
        "member_mix",
        "当月会员构成",
        "结束日所在月份（到结束日为止）有消费的会员，按来历分",
        shown=Shown.PARTS,
    ),
    Term(
        "retention",
        "按月留存",
        "按入会月份分批，每批会员在入会当月及之后每个月有消费的比例",
        shown=Shown.TRIANGLE,
    ),
)

#: The parts of the member mix, in the order the table lists them.
MIX_TERMS: tuple[Term, ...] = (
    Term("active", "当月有消费的会员", "结束日所在月份到结束日为止至少消费一次"),
    Term("new", "新客", "第一次消费就在本月"),
    Term("continuing", "持续活跃", "上个月也有消费"),
    Term("returning", "回流", "以前消费过，上个月没有消费"),
    Term("loyal", "其中忠诚会员", "结束日属于“忠诚会员”分组"),
    Term("high_value", "其中高价值会员", "结束日属于“高消费总额”分层"),
)

#: The buckets of ``recency`` and ``visit_gap_days`` in the order metrics.py keeps them.
RECENCY_LABELS: tuple[str, ...] = (*(label for _, label in RECENCY_BUCKETS), RECENCY_OVER, "never")
GAP_LABELS: tuple[str, ...] = (*(label for _, label in GAP_BUCKETS), GAP_OVER)


def all_terms() -> tuple[Term, ...]:
    """Every term (the translation test walks them)."""
    return GROUP_TERMS + SEGMENT_TERMS + METRIC_TERMS + MIX_TERMS
