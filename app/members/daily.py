"""The daily job and level changes: upgrades, downgrades at period end, upgrade gifts, expiry of
members and of points; every change audited and kept in ``member_level_changes``.

Safe against a clock that jumps (see docs/data-safety.md, "Clock"):

- Each run is kept in ``upkeep_runs`` by business day; a day before the newest run is refused
  (:class:`UpkeepRefused`), so a clock put back after running ahead changes nobody's level.
- An upgrade gift (升级礼包) welcomes a member to a level once, ever: it is kept in
  ``member_level_gifts`` (one row per member and level, a unique key) and is not given to a member
  who held that level before (enrolled at it, bought it, reached it, or fell from it). Falling back
  and climbing again, by the calendar or by a clock that went wrong, gives no second gift.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import func

from app.errors import KnownError
from app.members.accounts import (
    append_points,
    append_stored_value,
    card_type_of,
    emit,
    load_card_type,
    load_member,
    require_approver,
    require_reason,
)
from app.members.auto_tags import apply_auto_tags
from app.members.coupons import issue_coupons
from app.members.errors import MemberError
from app.members.levels import CardType, LevelChange, Metric, UpgradeGift, evaluate_level
from app.members.member_status import MemberStatus
from app.members.points import PointsKind, expire_points
from app.members.settings import load_settings
from app.members.stored_value import GIFT_KIND
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.member_models import (
    CardTypeRow,
    LevelChangeRow,
    LevelGiftRow,
    MemberRow,
    PointsEntryRow,
    SpendEntryRow,
    StoredValueEntryRow,
    UpkeepRunRow,
)

SYSTEM_ACTOR = "system"


class UpkeepRefused(KnownError):
    """The daily upkeep did not run because the business day looks wrong; selling goes on."""


@dataclasses.dataclass(frozen=True)
class LevelChangeView:
    id: str
    member_id: str
    from_type_id: str | None
    to_type_id: str
    change: str
    reason: str
    on_day: dt.date


@dataclasses.dataclass(frozen=True)
class DailyReport:
    day: dt.date
    upgrades: tuple[LevelChangeView, ...]
    downgrades: tuple[LevelChangeView, ...]
    members_expired: int
    points_expired: int
    auto_tagged: int = 0  # members carrying an automatic tag after the run


def _metric_sums(session: Session, metric: Metric, start: dt.date, end: dt.date) -> dict[str, int]:
    if metric is Metric.SPEND:
        query = (
            select(SpendEntryRow.member_id, func.sum(SpendEntryRow.spend_delta))
            .where(
                SpendEntryRow.kind.in_(("sale", "refund")),
                SpendEntryRow.business_day >= start,
                SpendEntryRow.business_day <= end,
            )
            .group_by(SpendEntryRow.member_id)
        )
    elif metric is Metric.POINTS:
        query = (
            select(PointsEntryRow.member_id, func.sum(PointsEntryRow.delta))
            .where(
                PointsEntryRow.kind.in_((PointsKind.EARN.value, PointsKind.REVERSE.value)),
                PointsEntryRow.business_day >= start,
                PointsEntryRow.business_day <= end,
            )
            .group_by(PointsEntryRow.member_id)
        )
    else:
        query = (
            select(StoredValueEntryRow.member_id, func.sum(StoredValueEntryRow.principal_delta))
            .where(
                StoredValueEntryRow.kind == "top_up",
                StoredValueEntryRow.business_day >= start,
                StoredValueEntryRow.business_day <= end,
            )
            .group_by(StoredValueEntryRow.member_id)
        )
    return {member_id: int(total or 0) for member_id, total in session.execute(query)}


def _record_change(
    session: Session,
    member: MemberRow,
    target: CardType,
    change: str,
    reason: str,
    *,
    on: dt.date,
    actor_id: str | None,
    approver_id: str | None = None,
) -> LevelChangeView:
    row = LevelChangeRow(
        id=new_id(),
        member_id=member.id,
        from_type_id=member.card_type_id,
        to_type_id=target.id,
        change=change,
        reason=reason[:200],
        actor_id=actor_id,
        approver_id=approver_id,
        on_day=on,
    )
    session.add(row)
    member.card_type_id = target.id
    member.level_since = on
    emit(
        session,
        "MemberLevelChanged",
        member,
        action=f"member.level_{change}",
        actor_id=actor_id,
        approver_id=approver_id,
        detail={
            "from_type_id": row.from_type_id,
            "to_type_id": target.id,
            "change": change,
            "reason": reason,
        },
    )
    return LevelChangeView(row.id, member.id, row.from_type_id, target.id, change, row.reason, on)


def gift_due(session: Session, member_id: str, card_type_id: str) -> bool:
    """Whether reaching this level now earns its gift: not if it was given before, nor if the
    member held the level before (call it before the change is recorded)."""
    given = session.scalar(
        select(LevelGiftRow.id).where(
            LevelGiftRow.member_id == member_id, LevelGiftRow.card_type_id == card_type_id
        )
    )
    if given is not None:
        return False
    held = session.scalar(
        select(LevelChangeRow.id)
        .where(
            LevelChangeRow.member_id == member_id,
            or_(
                LevelChangeRow.from_type_id == card_type_id,
                LevelChangeRow.to_type_id == card_type_id,
            ),
        )
        .limit(1)
    )
    return held is None


def _give_gift(
    session: Session,
    member: MemberRow,
    gift: UpgradeGift,
    target: CardType,
    *,
    change_id: str,
    on: dt.date,
) -> None:
    session.add(
        LevelGiftRow(
            id=new_id(),
            member_id=member.id,
            card_type_id=target.id,
            level_change_id=change_id,
            points=gift.points,
            bonus_fen=gift.bonus_fen,
            coupon_template_id=gift.coupon_template_id,
            given_on=on,
        )
    )
    reason = f"升级礼包：{target.name}"
    if gift.points:
        expires = load_settings(session).points_expire_on(on)
        line = append_points(
            session,
            member,
            PointsKind.GIFT.value,
            gift.points,
            on=on,
            reason=reason,
            actor_id=SYSTEM_ACTOR,
            expires_on=expires,
        )
        emit(session, "PointsGiven", member, action=None, actor_id=SYSTEM_ACTOR, lines=[line])
    if gift.bonus_fen:
        sv = append_stored_value(
            session,
            member,
            GIFT_KIND,
            0,
            gift.bonus_fen,
            on=on,
            reason=reason,
            actor_id=SYSTEM_ACTOR,
        )
        emit(session, "BonusGiven", member, action=None, actor_id=SYSTEM_ACTOR, lines=[sv])
    if gift.coupon_template_id:
        issue_coupons(
            session,
            gift.coupon_template_id,
            [member.id],
            on=on,
            actor_id=SYSTEM_ACTOR,
            reason=reason,
        )


def apply_levels(session: Session, today: dt.date) -> list[LevelChangeView]:
    """Upgrades for members who reached a higher level, downgrades at the end of a period."""
    type_rows = list(session.scalars(select(CardTypeRow).where(CardTypeRow.active)))
    types = {row.id: card_type_of(row) for row in type_rows}
    rules = {t.upgrade.key for t in types.values() if t.upgrade is not None}
    metrics: dict[str, dict[tuple[Metric, int], int]] = defaultdict(dict)
    for metric, period in rules:
        start = today - dt.timedelta(days=period - 1)
        for member_id, total in _metric_sums(session, metric, start, today).items():
            metrics[member_id][(metric, period)] = total
    candidates = set(metrics)
    for kind in types.values():
        if kind.downgrade and kind.upgrade is not None:
            due = today - dt.timedelta(days=kind.upgrade.period_days)
            candidates.update(
                session.scalars(
                    select(MemberRow.id).where(
                        MemberRow.card_type_id == kind.id, MemberRow.level_since <= due
                    )
                )
            )
    changes: list[LevelChangeView] = []
    for member_id in sorted(candidates):
        member = load_member(session, member_id)
        if member.status != MemberStatus.ACTIVE or member.card_type_id not in types:
            continue
        current = types[member.card_type_id]
        own_period = current.upgrade.period_days if current.upgrade else None
        at_end = own_period is not None and (today - member.level_since).days >= own_period
        decision = evaluate_level(
            current, metrics.get(member_id, {}), types.values(), at_period_end=at_end
        )
        if decision.change is LevelChange.STAY:
            if at_end:
                member.level_since = today  # a new period at the same level
            continue
        gift, reason = decision.gift, decision.reason
        if gift is not None and not gift_due(session, member.id, decision.target.id):
            gift, reason = None, f"{reason}；此前已是{decision.target.name}，不再送升级礼包"
        change = _record_change(
            session,
            member,
            decision.target,
            decision.change.value,
            reason,
            on=today,
            actor_id=SYSTEM_ACTOR,
        )
        changes.append(change)
        if gift is not None:
            _give_gift(session, member, gift, decision.target, change_id=change.id, on=today)
    return changes


def expire_members(session: Session, today: dt.date) -> int:
    """Cards whose last valid day has passed become expired."""
    rows = list(
        session.scalars(
            select(MemberRow).where(
                MemberRow.expires_on < today, MemberRow.status == MemberStatus.ACTIVE
            )
        )
    )
    for member in rows:
        member.status = MemberStatus.EXPIRED
        emit(
            session,
            "MemberExpired",
            member,
            action="member.expired",
            actor_id=SYSTEM_ACTOR,
            detail={"expires_on": member.expires_on.isoformat() if member.expires_on else None},
        )
    return len(rows)


def last_upkeep_day(session: Session) -> dt.date | None:
    """The business day of the newest upkeep run (None before the first)."""
    day: dt.date | None = session.scalar(select(func.max(UpkeepRunRow.business_day)))
    return day


def upkeep_done(session: Session, today: dt.date) -> bool:
    return session.get(UpkeepRunRow, today) is not None


def check_upkeep_day(session: Session, today: dt.date) -> None:
    """Refuse a business day earlier than the newest upkeep's: the clock went backwards (or ran
    ahead before), and upkeep on it would move levels and give gifts a second time."""
    last = last_upkeep_day(session)
    if last is not None and today < last:
        raise UpkeepRefused(
            "营业日倒退：今天是 %1，会员日结已做到 %2。请核对电脑的日期和时间；"
            "会员日结暂停，收银照常",
            today.isoformat(),
            last.isoformat(),
        )


def run_daily(session: Session, today: dt.date, *, timezone: str = "Asia/Shanghai") -> DailyReport:
    """The daily job (run once a day, at start or by a timer; running it twice is harmless).
    ``timezone`` is the store's (the automatic tags' time of day is read on its clock).

    Raises :class:`UpkeepRefused`, changing nothing, for a day before the newest run's.
    """
    check_upkeep_day(session, today)
    changes = apply_levels(session, today)
    expired = expire_members(session, today)
    points = expire_points(session, today, actor_id=SYSTEM_ACTOR)
    tagged = apply_auto_tags(session, today, timezone)
    report = DailyReport(
        today,
        tuple(c for c in changes if c.change == LevelChange.UPGRADE.value),
        tuple(c for c in changes if c.change == LevelChange.DOWNGRADE.value),
        expired,
        -sum(line.delta for line in points),
        tagged.total,
    )
    run = session.get(UpkeepRunRow, today)
    if run is None:
        run = UpkeepRunRow(
            business_day=today, upgrades=0, downgrades=0, members_expired=0, points_expired=0
        )
        session.add(run)
    run.upgrades += len(report.upgrades)
    run.downgrades += len(report.downgrades)
    run.members_expired += report.members_expired
    run.points_expired += report.points_expired
    run.ran_at = utcnow()
    return report


def change_card_type(
    session: Session,
    member_id: str,
    card_type_id: str,
    *,
    on: dt.date,
    reason: str,
    actor_id: str,
    approver_id: str | None,
) -> LevelChangeView:
    """手工调整等级 (manager), or buying/renewing a paid level: validity restarts from today and
    an expired member becomes active again."""
    require_approver(approver_id)
    why = require_reason(reason)
    member = load_member(session, member_id)
    target = card_type_of(load_card_type(session, card_type_id))
    if target.id == member.card_type_id and not target.paid:
        raise MemberError("会员已是该等级")
    if target.validity_days:
        member.expires_on = target.expires_on(on)
    if member.status == MemberStatus.EXPIRED:
        member.status = MemberStatus.ACTIVE
    return _record_change(
        session, member, target, "manual", why, on=on, actor_id=actor_id, approver_id=approver_id
    )


def level_history(session: Session, member_id: str) -> list[LevelChangeView]:
    rows = session.scalars(
        select(LevelChangeRow)
        .where(LevelChangeRow.member_id == member_id)
        .order_by(LevelChangeRow.id)
    )
    return [
        LevelChangeView(
            r.id, r.member_id, r.from_type_id, r.to_type_id, r.change, r.reason, r.on_day
        )
        for r in rows
    ]


@dataclasses.dataclass(frozen=True)
class ClockFixReport:
    """What :func:`undo_future_upkeep` put back after a clock that ran ahead was set right."""

    today: dt.date
    runs_forgotten: tuple[dt.date, ...]
    downgrades_undone: int
    expiries_undone: int
    points_restored: int


def undo_future_upkeep(
    session: Session, today: dt.date, *, actor_id: str, approver_id: str | None = None
) -> ClockFixReport:
    """The clock ran ahead, and has been set right: undo what the upkeep did on days after
    ``today`` and let it run again from today.

    Downgrades dated after today go back to the level before (a manual change, with the reason);
    cards expired by those runs that are still valid today are active again; points expired by
    them come back, keeping the latest expiry day among the points the wrong clock expired. Upgrades
    and their gifts stay (a gift is once per level, ever). Each member's level period starts
    today if it started "after" today. The runs themselves are forgotten (the audit keeps them).
    """
    runs = list(
        session.scalars(
            select(UpkeepRunRow)
            .where(UpkeepRunRow.business_day > today)
            .order_by(UpkeepRunRow.business_day)
        )
    )
    if not runs:
        raise UpkeepRefused("会员日结没有晚于今天（%1）的记录，无需校正", today.isoformat())
    downgrades = list(
        session.scalars(
            select(LevelChangeRow)
            .where(
                LevelChangeRow.on_day > today,
                LevelChangeRow.change == LevelChange.DOWNGRADE.value,
                LevelChangeRow.actor_id == SYSTEM_ACTOR,
            )
            .order_by(LevelChangeRow.on_day.desc(), LevelChangeRow.id.desc())
        )
    )
    undone = 0
    for change in downgrades:
        member = load_member(session, change.member_id)
        if change.from_type_id is None or member.card_type_id != change.to_type_id:
            continue  # changed again since: leave it to the person who did
        before = card_type_of(load_card_type(session, change.from_type_id))
        _record_change(
            session,
            member,
            before,
            "manual",
            f"时钟校正：撤销 {change.on_day.isoformat()} 的降级",
            on=today,
            actor_id=actor_id,
            approver_id=approver_id,
        )
        undone += 1
    for member in session.scalars(select(MemberRow).where(MemberRow.level_since > today)):
        member.level_since = today
    expired = list(
        session.scalars(
            select(MemberRow).where(
                MemberRow.status == MemberStatus.EXPIRED, MemberRow.expires_on >= today
            )
        )
    )
    for member in expired:
        member.status = MemberStatus.ACTIVE
        emit(
            session,
            "MemberExpiryUndone",
            member,
            action="member.expiry_undone",
            actor_id=actor_id,
            approver_id=approver_id,
            detail={"expires_on": member.expires_on.isoformat() if member.expires_on else None},
        )
    restored = _restore_expired_points(
        session, today, runs[-1].business_day, actor_id=actor_id, approver_id=approver_id
    )
    for run in runs:
        session.delete(run)
    return ClockFixReport(
        today, tuple(r.business_day for r in runs), undone, len(expired), restored
    )


def _restore_expired_points(
    session: Session,
    today: dt.date,
    latest: dt.date,
    *,
    actor_id: str,
    approver_id: str | None,
) -> int:
    """Points the upkeep expired on days after today, given back (see undo_future_upkeep)."""
    expired = session.execute(
        select(PointsEntryRow.member_id, func.sum(PointsEntryRow.delta))
        .where(
            PointsEntryRow.kind == PointsKind.EXPIRE.value,
            PointsEntryRow.business_day > today,
        )
        .group_by(PointsEntryRow.member_id)
    ).all()
    total = 0
    for member_id, delta in expired:
        amount = -int(delta or 0)
        if amount <= 0:
            continue
        keep_until = session.scalar(
            select(func.max(PointsEntryRow.expires_on)).where(
                PointsEntryRow.member_id == member_id,
                PointsEntryRow.delta > 0,
                PointsEntryRow.expires_on >= today,
                PointsEntryRow.expires_on < latest,
            )
        )
        member = load_member(session, member_id)
        line = append_points(
            session,
            member,
            PointsKind.ADJUST.value,
            amount,
            on=today,
            reason="时钟校正：退回误过期的积分",
            actor_id=actor_id,
            approver_id=approver_id,
            expires_on=keep_until or today,
        )
        emit(
            session,
            "PointsAdjusted",
            member,
            action="member.points_restored",
            actor_id=actor_id,
            approver_id=approver_id,
            lines=[line],
            detail={"points": amount, "reason": "clock corrected"},
        )
        total += amount
    return total
