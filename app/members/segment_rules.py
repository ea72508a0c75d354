"""The thresholds of the member groups (001) and value segments (003), editable by the owner.

Kept as JSON under one key of ``counter_state`` (a missing key or field: the defaults below, those
of DESIGN.md section 9). Money is in fen, windows in days counted back from the day the groups
are computed on, that day included. ``docs/analytics.md`` says what each one decides.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.members.errors import ApprovalRequired, MemberError
from app.storage import audit
from app.storage.models import CounterStateRow

THRESHOLDS_KEY = "analytics.thresholds"


@dataclasses.dataclass(frozen=True)
class Thresholds:
    # -- groups (001) --
    new_window_days: int = 30  # first purchase within this window
    new_max_purchases: int = 1  # and at most this many purchases in all
    new_ticket_fen: int = 200_00  # below: new_low_ticket; at or above: new_high_ticket
    active_window_days: int = 45
    active_min_purchases: int = 2
    active_min_avg_ticket_fen: int = 200_00
    loyal_window_days: int = 45  # bought within this window ...
    loyal_quiet_days: int = 7  # ... but not within this many days
    loyal_min_purchases: int = 2
    loyal_max_purchases: int = 3
    fan_window_days: int = 60
    fan_min_purchases: int = 4  # "more than 3"
    fan_min_ticket_fen: int = 250_00  # every ticket in the window at least this
    # -- segments (003) --
    year_days: int = 365  # the spend window of the rankings
    high_spend_percent: int = 20
    high_ticket_percent_of_average: int = 200  # a ticket at least twice the store's average
    high_loyalty_percent: int = 50
    high_loyalty_max_gap_days: int = 180
    bargain_percent: int = 20
    silent_window_days: int = 182  # half a year
    silent_percent_of_usual: int = 50
    sleeping_days: int = 365

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise MemberError("分群条件 %1 须为不小于零的整数", field.name, field=field.name)
        for name in (
            "new_window_days",
            "new_max_purchases",
            "active_window_days",
            "active_min_purchases",
            "loyal_window_days",
            "loyal_min_purchases",
            "fan_window_days",
            "fan_min_purchases",
            "year_days",
            "silent_window_days",
            "sleeping_days",
        ):
            if getattr(self, name) < 1:
                raise MemberError("分群条件 %1 至少为 1，否则该分群永远为空", name, field=name)
        for name in (
            "high_spend_percent",
            "high_loyalty_percent",
            "bargain_percent",
            "silent_percent_of_usual",
        ):
            if not 1 <= getattr(self, name) <= 100:
                raise MemberError("百分比 %1 须在 1 到 100 之间", name, field=name)
        if self.loyal_quiet_days >= self.loyal_window_days:
            raise MemberError(
                "忠诚会员的“最近未消费天数”须小于统计天数，否则该分群永远为空",
                field="loyal_quiet_days",
            )
        if self.loyal_min_purchases > self.loyal_max_purchases:
            raise MemberError(
                "忠诚会员的最少消费次数不能大于最多次数，否则该分群永远为空",
                field="loyal_min_purchases",
            )
        if self.silent_window_days >= self.year_days * 4:
            raise MemberError("沉默会员的统计天数过长", field="silent_window_days")


_FIELDS = frozenset(field.name for field in dataclasses.fields(Thresholds))


def with_changes(rules: Thresholds, pairs: Sequence[str]) -> Thresholds:
    """``rules`` with the ``KEY=VALUE`` pairs of an ``analytics-thresholds`` command applied
    (whole numbers, money in fen), the counter's and the head office's; refused as a whole."""
    changes: dict[str, int] = {}
    for pair in pairs:
        key, sign, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sign or key not in _FIELDS:
            raise MemberError(
                "不认识的分群条件：%1（应为 名称=数值，名称见 docs/analytics.md 的 Thresholds）",
                pair,
            )
        try:
            changes[key] = int(value)
        except ValueError:
            raise MemberError(
                "分群条件 %1 须为不小于零的整数：%2", key, value or "（空）"
            ) from None
    return dataclasses.replace(rules, **changes)


def load_thresholds(session: Session) -> Thresholds:
    row = session.get(CounterStateRow, THRESHOLDS_KEY)
    return Thresholds() if row is None else thresholds_from_json(row.value)


def thresholds_from_json(text: str) -> Thresholds:
    """Thresholds kept as JSON (a field missing: its default; one no longer known: ignored)."""
    kept = json.loads(text)
    return Thresholds(**{key: value for key, value in kept.items() if key in _FIELDS})


def save_thresholds(
    session: Session, thresholds: Thresholds, *, actor_id: str, approver_id: str | None
) -> None:
    """Change the groups' and segments' thresholds (a manager's decision, audited)."""
    if approver_id is None:
        raise ApprovalRequired()
    value = json.dumps(dataclasses.asdict(thresholds), sort_keys=True)
    row = session.get(CounterStateRow, THRESHOLDS_KEY)
    if row is None:
        session.add(CounterStateRow(key=THRESHOLDS_KEY, value=value))
    else:
        row.value = value
    audit.record(
        session,
        "analytics.thresholds_changed",
        actor_id=actor_id,
        approver_id=approver_id,
        detail=dataclasses.asdict(thresholds),
    )
