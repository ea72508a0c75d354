"""Automatic tags (自动标签, 003): rules on sex, age, level, time of day, average ticket and visit
frequency that the daily job turns into tags, in SQL over the whole store at once.

A rule's conditions all hold for a member to carry its tag (a blank one is no condition). The
words, as ``docs/analytics.md`` ("Automatic tags") writes them out, on business day D:

- *age* is whole years at D from a birthday with its year (a lunar birthday counts its year and
  day in the lunar calendar, as the member keeps it); a member without a birth year has no age;
- the purchase conditions look at the rule's window, the ``window_days`` days ending with D
  (D included), and count *purchases* as the segments do: a member's sale, not voided, whose
  amount less what was refunded from it by D is above zero;
- *time of day*: at least half of those purchases were paid between ``hour_from`` (included)
  and ``hour_to`` (excluded) on the store's clock; an evening rule may wrap midnight (22 to 2);
- *average ticket*: the mean of those purchases' amounts, in fen, at least / at most;
- *visits*: the number of those purchases, at least / at most (at most 0 finds the lapsed).

Tags typed by hand stay in ``member_tags``; this module owns ``member_auto_tags`` alone and
rewrites it whole on each run, so a member who no longer meets a rule loses its tag the next day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from zoneinfo import ZoneInfo

from lunardate import LunarDate
from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from app.members.accounts import require_approver
from app.members.calendar import LUNAR
from app.members.errors import MemberError
from app.members.tags import MAX_TAG_LENGTH, clean_tags, tag_key
from app.storage import audit
from app.storage.ids import new_id
from app.storage.member_models import AutoTagRuleRow, CardTypeRow, MemberAutoTagRow

SEXES = ("男", "女")
MAX_WINDOW_DAYS = 3650
MAX_AGE = 150


@dataclasses.dataclass(frozen=True)
class AutoTagRule:
    """What a member must be or do to carry ``tag``; None (or empty) is no condition."""

    tag: str
    sex: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    card_type_ids: tuple[str, ...] = ()
    hour_from: int | None = None
    hour_to: int | None = None
    ticket_min_fen: int | None = None
    ticket_max_fen: int | None = None
    visits_min: int | None = None
    visits_max: int | None = None
    window_days: int = 90

    @property
    def looks_at_purchases(self) -> bool:
        return any(
            value is not None
            for value in (
                self.hour_from,
                self.ticket_min_fen,
                self.ticket_max_fen,
                self.visits_min,
                self.visits_max,
            )
        )


@dataclasses.dataclass(frozen=True)
class AutoTagRuleView:
    id: str
    rule: AutoTagRule
    active: bool
    members: int  # how many carry the tag by this rule since the last run


def _check(session: Session, rule: AutoTagRule) -> AutoTagRule:
    """The rule with its tag cleaned, or MemberError naming the field that is wrong."""
    tags = clean_tags(rule.tag, field="tag")
    if len(tags) != 1:
        raise MemberError("自动标签须是一个标签（最多 %1 个字）", MAX_TAG_LENGTH, field="tag")
    if rule.sex is not None and rule.sex not in SEXES:
        raise MemberError("性别只能是男或女", field="sex")
    _check_range(rule.age_min, rule.age_max, MAX_AGE, "age_min")
    _check_range(rule.visits_min, rule.visits_max, 100_000, "visits_min")
    _check_range(rule.ticket_min_fen, rule.ticket_max_fen, 10**10, "ticket_min_fen")
    if (rule.hour_from is None) != (rule.hour_to is None):
        raise MemberError("时段须同时填开始和结束的钟点", field="hour_from")
    if rule.hour_from is not None and rule.hour_to is not None:
        if not (0 <= rule.hour_from <= 23 and 0 <= rule.hour_to <= 24):
            raise MemberError("时段的钟点须在 0 到 24 之间", field="hour_from")
        if rule.hour_from == rule.hour_to % 24:
            raise MemberError("时段的开始和结束不能相同", field="hour_from")
    if not 1 <= rule.window_days <= MAX_WINDOW_DAYS:
        raise MemberError("统计天数须在 1 到 %1 天之间", MAX_WINDOW_DAYS, field="window_days")
    known = set(session.scalars(select(CardTypeRow.id)))
    if any(card_type not in known for card_type in rule.card_type_ids):
        raise MemberError("所选卡类型不存在", field="card_type_ids")
    conditions = (
        rule.sex,
        rule.age_min,
        rule.age_max,
        rule.card_type_ids or None,
        rule.hour_from,
        rule.ticket_min_fen,
        rule.ticket_max_fen,
        rule.visits_min,
        rule.visits_max,
    )
    if all(value is None for value in conditions):
        raise MemberError("请至少设一个条件，否则每位会员都会贴上这个标签", field="sex")
    return dataclasses.replace(rule, tag=tags[0])


#: What a range condition's field is called in its refusals (each a whole sentence, translated).
_RANGE_WORDS = {
    "age_min": ("年龄须在 0 到 %1 岁之间", "年龄的下限不能大于上限"),
    "visits_min": ("消费次数须在 0 到 %1 之间", "消费次数的下限不能大于上限"),
    "ticket_min_fen": ("客单价须在 0 到 %1 分之间", "客单价的下限不能大于上限"),
}


def _check_range(low: int | None, high: int | None, limit: int, field: str) -> None:
    outside, reversed_order = _RANGE_WORDS[field]
    for value in (low, high):
        if value is not None and not 0 <= value <= limit:
            raise MemberError(outside, limit, field=field)
    if low is not None and high is not None and low > high:
        raise MemberError(reversed_order, field=field)


def create_rule(
    session: Session,
    rule: AutoTagRule,
    *,
    on: dt.date,
    timezone: str,
    actor_id: str,
    approver_id: str | None,
) -> AutoTagRuleView:
    """A new rule (a manager's), its tag set at once on the business day ``on`` (then by every
    daily run), in the one transaction."""
    require_approver(approver_id)
    checked = _check(session, rule)
    row = AutoTagRuleRow(id=new_id(), **_columns(checked), active=True)
    session.add(row)
    audit.record(
        session,
        "auto_tag_rule.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail=_columns(checked),
    )
    session.flush()
    run = apply_auto_tags(session, on, timezone)
    return AutoTagRuleView(row.id, checked, True, run.tagged[row.id])


def retire_rule(session: Session, rule_id: str, *, actor_id: str, approver_id: str | None) -> None:
    """The rule stops, and the tags it set go with it (hand-set tags stay)."""
    require_approver(approver_id)
    row = session.get(AutoTagRuleRow, rule_id)
    if row is None or not row.active:
        raise MemberError("未找到该自动标签规则")
    row.active = False
    session.execute(delete(MemberAutoTagRow).where(MemberAutoTagRow.rule_id == rule_id))
    audit.record(
        session,
        "auto_tag_rule.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=rule_id,
        detail={"tag": row.tag},
    )


def _columns(rule: AutoTagRule) -> dict[str, object]:
    fields = dataclasses.asdict(rule)
    fields["card_type_ids"] = ",".join(rule.card_type_ids)
    return fields


def _rule(row: AutoTagRuleRow) -> AutoTagRule:
    return AutoTagRule(
        tag=row.tag,
        sex=row.sex,
        age_min=row.age_min,
        age_max=row.age_max,
        card_type_ids=tuple(part for part in row.card_type_ids.split(",") if part),
        hour_from=row.hour_from,
        hour_to=row.hour_to,
        ticket_min_fen=row.ticket_min_fen,
        ticket_max_fen=row.ticket_max_fen,
        visits_min=row.visits_min,
        visits_max=row.visits_max,
        window_days=row.window_days,
    )


def list_rules(session: Session, *, include_retired: bool = False) -> list[AutoTagRuleView]:
    counts: dict[str, int] = {
        str(rule_id): int(count)
        for rule_id, count in session.execute(
            select(MemberAutoTagRow.rule_id, func.count()).group_by(MemberAutoTagRow.rule_id)
        )
    }
    query = select(AutoTagRuleRow).order_by(AutoTagRuleRow.created_at, AutoTagRuleRow.id)
    if not include_retired:
        query = query.where(AutoTagRuleRow.active)
    return [
        AutoTagRuleView(row.id, _rule(row), row.active, int(counts.get(row.id, 0)))
        for row in session.scalars(query)
    ]


def auto_tags_of(session: Session, member_id: str) -> tuple[str, ...]:
    """The tags the rules gave a member, as the profile shows them beside the hand-set ones."""
    query = (
        select(MemberAutoTagRow.tag)
        .where(MemberAutoTagRow.member_id == member_id)
        .order_by(MemberAutoTagRow.tag_key)
    )
    return tuple(session.scalars(query))


# -- the daily run ---------------------------------------------------------------------------------

#: Members and their purchases in the window, one row per member who matches every condition.
#: ``{purchase_test}`` is TRUE for a rule that looks at no purchase (then members without any
#: count too); the age reads the birthday in the member's own calendar.
_MATCHING = """
WITH refunded AS (
    SELECT original_order_id AS order_id, SUM(total_fen) AS fen
    FROM orders
    WHERE kind = 'refund' AND original_order_id IS NOT NULL AND business_day <= :on
    GROUP BY original_order_id
),
window_purchases AS (
    SELECT o.member_id AS member_id, o.total_fen - COALESCE(r.fen, 0) AS ticket,
           CAST(strftime('%H', datetime(o.created_at, :clock)) AS INTEGER) AS local_hour
    FROM orders o LEFT JOIN refunded r ON r.order_id = o.id
    WHERE o.kind = 'sale' AND o.member_id IS NOT NULL AND o.state <> 'voided'
      AND o.business_day > :window_start AND o.business_day <= :on
      AND o.total_fen - COALESCE(r.fen, 0) > 0
),
stats AS (
    SELECT member_id, COUNT(*) AS visits, AVG(ticket) AS average_ticket,
           SUM(CASE WHEN :hour_from IS NULL THEN 0
                    WHEN :hour_from < :hour_to
                         THEN local_hour >= :hour_from AND local_hour < :hour_to
                    ELSE local_hour >= :hour_from OR local_hour < :hour_to END) AS in_hours
    FROM window_purchases
    GROUP BY member_id
)
INSERT OR IGNORE INTO member_auto_tags (tag_key, member_id, tag, rule_id)
SELECT :tag_key, m.id, :tag, :rule_id
FROM members m LEFT JOIN stats s ON s.member_id = m.id
WHERE (:sex IS NULL OR m.sex = :sex)
  AND (:any_card_type OR m.card_type_id IN (SELECT value FROM json_each(:card_type_ids)))
  AND (:age_min IS NULL AND :age_max IS NULL OR (
        m.birthday_year IS NOT NULL AND m.birthday_month IS NOT NULL
        AND (CASE WHEN m.birthday_calendar = :lunar THEN :lunar_year ELSE :solar_year END)
            - m.birthday_year
            - ((CASE WHEN m.birthday_calendar = :lunar THEN :lunar_month_day
                     ELSE :solar_month_day END)
               < m.birthday_month * 100 + COALESCE(m.birthday_day, 1))
            BETWEEN COALESCE(:age_min, 0) AND COALESCE(:age_max, 1000)))
  AND (:visits_min IS NULL OR COALESCE(s.visits, 0) >= :visits_min)
  AND (:visits_max IS NULL OR COALESCE(s.visits, 0) <= :visits_max)
  AND (:ticket_min IS NULL OR s.average_ticket >= :ticket_min)
  AND (:ticket_max IS NULL OR s.average_ticket <= :ticket_max)
  AND (:hour_from IS NULL OR s.in_hours * 2 >= s.visits)
"""


@dataclasses.dataclass(frozen=True)
class AutoTagRun:
    day: dt.date
    tagged: dict[str, int]  # rule id -> members carrying its tag

    @property
    def total(self) -> int:
        return sum(self.tagged.values())


def apply_auto_tags(session: Session, today: dt.date, timezone: str) -> AutoTagRun:
    """Set every active rule's tag on the members who meet it on ``today``, and take it from
    those who no longer do: one pass of SQL per rule, in the caller's transaction."""
    session.execute(delete(MemberAutoTagRow))
    offset = ZoneInfo(timezone).utcoffset(dt.datetime.combine(today, dt.time(12)))
    clock = f"{int(offset.total_seconds() // 60) if offset is not None else 0:+d} minutes"
    lunar_today = LunarDate.from_solar_date(today.year, today.month, today.day)
    tagged: dict[str, int] = {}
    statement = text(_MATCHING)
    for view in list_rules(session):
        rule = view.rule
        params = {
            "on": today,
            "window_start": today - dt.timedelta(days=rule.window_days),
            "clock": clock,
            "tag_key": tag_key(rule.tag),
            "tag": rule.tag,
            "rule_id": view.id,
            "sex": rule.sex,
            "any_card_type": not rule.card_type_ids,
            "card_type_ids": json.dumps(list(rule.card_type_ids)),
            "age_min": rule.age_min,
            "age_max": rule.age_max,
            "lunar": LUNAR,
            "lunar_year": lunar_today.year,
            "solar_year": today.year,
            "lunar_month_day": lunar_today.month * 100 + lunar_today.day,
            "solar_month_day": today.month * 100 + today.day,
            "visits_min": rule.visits_min,
            "visits_max": rule.visits_max,
            "ticket_min": rule.ticket_min_fen,
            "ticket_max": rule.ticket_max_fen,
            "hour_from": rule.hour_from,
            "hour_to": None if rule.hour_to is None else rule.hour_to % 24,
        }
        session.execute(statement, params)
        tagged[view.id] = int(
            session.scalar(select(func.count()).where(MemberAutoTagRow.rule_id == view.id)) or 0
        )
    return AutoTagRun(today, tagged)
