"""Card types (member levels): their prices and points, and when a member moves up or down.

Rules chosen here:

- A level is reached by an upgrade rule: a metric (spend, points earned, top-ups) summed over a
  fixed number of days reaching a threshold. A member may skip levels: the highest level reached
  wins, at once, with that level's upgrade gift.
- A paid level (``fee_fen`` > 0) is bought, never reached by a rule, and lasts ``validity_days``.
- Downgrades happen only at the end of a period, only from a level marked ``downgrade``, when the
  member no longer meets that level's own rule: the member goes to the highest free level below
  whose rule is met (or that has no rule), possibly more than one step down.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Iterable, Mapping

from app.members.errors import MemberError
from app.members.ledger import Rate
from app.money import div_round_half_up, format_yuan

FULL_PRICE_BP = 10_000


class Metric(enum.StrEnum):
    SPEND = "spend"  # 消费金额 (fen)
    POINTS = "points"  # 获得积分 (points)
    TOP_UP = "top_up"  # 充值金额 (fen)

    @property
    def label(self) -> str:
        return _METRIC_LABELS[self]

    def show(self, value: int) -> str:
        return f"{value} 分" if self is Metric.POINTS else format_yuan(value)


_METRIC_LABELS = {Metric.SPEND: "消费", Metric.POINTS: "积分", Metric.TOP_UP: "充值"}

#: What a member did over some days: ``{(Metric.SPEND, 365): 123_400}``; a missing key is zero.
Metrics = Mapping[tuple[Metric, int], int]


@dataclasses.dataclass(frozen=True)
class UpgradeRule:
    """Reach ``threshold`` (fen, or points) of ``metric`` within the last ``period_days`` days."""

    metric: Metric
    threshold: int
    period_days: int

    def __post_init__(self) -> None:
        if self.threshold <= 0:
            raise MemberError("升级门槛必须大于零", field="upgrade_threshold")
        if self.period_days <= 0:
            raise MemberError("统计周期必须大于零天", field="upgrade_period_days")

    @property
    def key(self) -> tuple[Metric, int]:
        return self.metric, self.period_days

    def value(self, metrics: Metrics) -> int:
        return metrics.get(self.key, 0)

    def met(self, metrics: Metrics) -> bool:
        return self.value(metrics) >= self.threshold


@dataclasses.dataclass(frozen=True)
class UpgradeGift:
    """升级礼包: what a member gets on reaching a level."""

    points: int = 0
    coupon_template_id: str | None = None
    bonus_fen: int = 0

    def __post_init__(self) -> None:
        if self.points < 0:
            raise MemberError("升级礼包不能为负数", field="gift_points")
        if self.bonus_fen < 0:
            raise MemberError("升级礼包不能为负数", field="gift_bonus_fen")

    @property
    def empty(self) -> bool:
        return not (self.points or self.coupon_template_id or self.bonus_fen)


@dataclasses.dataclass(frozen=True)
class CardType:
    """A card type: discount, points, password, how it is reached or bought, and its rank.

    ``discount_bp`` is the price paid in basis points (9500 = 95 %, 九五折). ``points_per_yuan``
    is earned per yuan paid; ``points_value`` is fen per point when paying by points, e.g.
    ``(1, 100)`` for 100 points a fen. ``rank`` orders the levels, higher is better.
    """

    id: str
    name: str
    rank: int
    discount_bp: int = FULL_PRICE_BP
    points_per_yuan: Rate = 1
    points_value: Rate = 0
    needs_password: bool = False
    upgrade: UpgradeRule | None = None
    downgrade: bool = False
    gift: UpgradeGift = UpgradeGift()
    fee_fen: int = 0
    validity_days: int | None = None

    def __post_init__(self) -> None:
        if not 0 < self.discount_bp <= FULL_PRICE_BP:
            raise MemberError("折扣须在 0.01%–100% 之间：%1", self.name, field="discount_bp")
        if self.fee_fen < 0:
            raise MemberError("会员费不能为负数", field="fee_fen")
        if self.fee_fen and self.upgrade is not None:
            raise MemberError("付费卡类型不能设置升级条件：%1", self.name, field="upgrade_metric")
        if self.validity_days is not None and self.validity_days <= 0:
            raise MemberError("有效天数必须大于零", field="validity_days")

    @property
    def paid(self) -> bool:
        return self.fee_fen > 0

    def expires_on(self, start: datetime.date) -> datetime.date | None:
        """The last valid day of a card of this type bought or renewed on ``start``."""
        if self.validity_days is None:
            return None
        return start + datetime.timedelta(days=self.validity_days - 1)


def member_price(list_price_fen: int, member_price_fen: int | None, discount_bp: int) -> int:
    """What a member pays for one item: its member price where set, else the discounted list
    price rounded half up (``member_price(999, None, 9500) == 949``)."""
    # Prices and discounts were checked where they were typed: these guard against a bug.
    if list_price_fen < 0:
        raise ValueError("价格不能为负数")
    if member_price_fen is not None:
        if member_price_fen < 0:
            raise ValueError("会员价不能为负数")
        return member_price_fen
    if not 0 < discount_bp <= FULL_PRICE_BP:
        raise ValueError("折扣须在 0.01%–100% 之间")
    return div_round_half_up(list_price_fen * discount_bp, FULL_PRICE_BP)


class LevelChange(enum.StrEnum):
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    STAY = "stay"


@dataclasses.dataclass(frozen=True)
class LevelDecision:
    """Where a member's level goes, why (in Chinese, for the member's history), and the gift."""

    target: CardType
    change: LevelChange
    reason: str
    gift: UpgradeGift | None = None


def metric_keys(card_types: Iterable[CardType]) -> frozenset[tuple[Metric, int]]:
    """The sums the database must compute for ``evaluate_level``: each (metric, period) in use."""
    return frozenset(t.upgrade.key for t in card_types if t.upgrade is not None)


def evaluate_level(
    current: CardType,
    metrics: Metrics,
    card_types: Iterable[CardType],
    *,
    at_period_end: bool = False,
) -> LevelDecision:
    """The level a member should have now; see the module's rules."""
    types = list(card_types)
    ranks = [t.rank for t in types]
    if len(set(ranks)) != len(ranks):
        raise ValueError("卡类型的等级不能重复")  # a bug: saving a card type refuses a taken rank
    reached = [t for t in types if not t.paid and t.upgrade is not None and t.upgrade.met(metrics)]
    higher = [t for t in reached if t.rank > current.rank]
    if higher:
        target = max(higher, key=lambda t: t.rank)
        rule = target.upgrade
        assert rule is not None
        reason = (
            f"近 {rule.period_days} 天{rule.metric.label} {rule.metric.show(rule.value(metrics))}，"
            f"达到{target.name}条件 {rule.metric.show(rule.threshold)}，升级为{target.name}"
        )
        gift = None if target.gift.empty else target.gift
        return LevelDecision(target, LevelChange.UPGRADE, reason, gift)
    own = current.upgrade
    if at_period_end and current.downgrade and own is not None and not own.met(metrics):
        lower = [
            t
            for t in types
            if t.rank < current.rank
            and not t.paid
            and (t.upgrade is None or t.upgrade.met(metrics))
        ]
        if lower:
            target = max(lower, key=lambda t: t.rank)
            reason = (
                f"近 {own.period_days} 天{own.metric.label} {own.metric.show(own.value(metrics))}，"
                f"未达到{current.name}保级条件 {own.metric.show(own.threshold)}，降为{target.name}"
            )
            return LevelDecision(target, LevelChange.DOWNGRADE, reason)
    return LevelDecision(current, LevelChange.STAY, f"保持{current.name}")
