"""Points (积分): earned on what a sale paid, spent as a tender or on gifts, adjusted by a
manager, expired by the store's rule, and taken back exactly when a sale is refunded.

Expiry treats points as used oldest first: on a day, the points earned that expired before it,
less every point taken out so far (spent, redeemed, reversed, adjusted down, expired), expire.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.members.accounts import (
    MemberAccount,
    MemberView,
    PointsLine,
    append_points,
    emit,
    load_account,
    load_member,
    require_approver,
    require_reason,
    require_usable,
)
from app.members.errors import InsufficientPoints, MemberError
from app.members.ledger import points_earned, points_needed, points_to_reverse, points_value_fen
from app.members.settings import MemberSettings, load_settings
from app.storage.member_models import MemberRow, PointsEntryRow


class PointsKind(enum.StrEnum):
    EARN = "earn"  # 消费得积分
    REVERSE = "reverse"  # 退货扣回积分
    SPEND = "spend"  # 积分抵现
    SPEND_REFUND = "spend_refund"  # 退货退回抵现积分
    REDEEM = "redeem"  # 积分兑换礼品
    ADJUST = "adjust"  # 手工调整 (manager)
    RESET = "reset"  # 积分清零 (manager)
    EXPIRE = "expire"  # 积分过期
    GIFT = "gift"  # 升级礼包
    OPENING = "opening"  # 导入期初


def _entry(session: Session, entry_id: str, kind: PointsKind) -> PointsEntryRow:
    row = session.get(PointsEntryRow, entry_id)
    if row is None or row.kind != kind.value:
        raise MemberError("未找到该笔积分记录")
    return row


def earn_points(
    session: Session,
    member_id: str,
    paid_fen: int,
    *,
    on: dt.date,
    actor_id: str,
    bonus_paid_fen: int = 0,
    order_id: str | None = None,
    settings: MemberSettings | None = None,
    emit_event: bool = True,
    account: MemberAccount | None = None,
    multiplier: int = 1,
) -> PointsLine | None:
    """Points for a sale, at the member's card-type rate, on what was paid; the part paid with
    bonus money earns nothing unless the store says so. None when it earns no point.
    ``multiplier``: a member day's or a birthday's 积分翻倍, in the one earning entry (so a
    refund takes back its share like any other).

    ``account`` is the member as the caller has just loaded it in this transaction (the sale).
    """
    if paid_fen < 0 or bonus_paid_fen < 0 or bonus_paid_fen > paid_fen:
        raise MemberError("积分计算金额不正确")
    member = account if account is not None else load_account(session, member_id)
    rules = settings or member.settings
    require_usable(member, on)
    base = paid_fen if rules.points_on_bonus else paid_fen - bonus_paid_fen
    points = points_earned(base, member.points_per_yuan) * multiplier
    if points == 0:
        return None
    line = append_points(
        session,
        member,
        PointsKind.EARN.value,
        points,
        on=on,
        reason="消费积分",
        actor_id=actor_id,
        base_fen=base,
        expires_on=rules.points_expire_on(on),
        order_id=order_id,
    )
    if emit_event:
        emit(session, "PointsEarned", member, action=None, actor_id=actor_id, lines=[line])
    return line


def reverse_points_for_refund(
    session: Session,
    sale_order_id: str,
    *,
    sale_net_fen: int,
    refund_fen: int,
    on: dt.date,
    actor_id: str,
    refund_order_id: str | None = None,
    emit_event: bool = True,
) -> PointsLine | None:
    """Take back the refunded share of the points a sale earned (cumulative over partial refunds,
    so a full refund takes back exactly all). Points already spent cannot be taken below zero:
    the reversal stops at the balance and says so in its reason."""
    earn = session.scalar(
        select(PointsEntryRow).where(
            PointsEntryRow.order_id == sale_order_id, PointsEntryRow.kind == PointsKind.EARN.value
        )
    )
    if earn is None:
        return None
    before = session.scalar(
        select(func.coalesce(func.sum(PointsEntryRow.base_fen), 0)).where(
            PointsEntryRow.related_entry_id == earn.id,
            PointsEntryRow.kind == PointsKind.REVERSE.value,
        )
    )
    points = points_to_reverse(earn.delta, sale_net_fen, int(before or 0), refund_fen)
    member = load_account(session, earn.member_id)
    taken = min(points, member.points)
    reason = "退货扣回积分" if taken == points else f"退货扣回积分（应扣 {points}，余额不足）"
    line = append_points(
        session,
        member,
        PointsKind.REVERSE.value,
        -taken,
        on=on,
        reason=reason,
        actor_id=actor_id,
        base_fen=refund_fen,
        order_id=refund_order_id,
        related_entry_id=earn.id,
    )
    if emit_event:
        emit(session, "PointsReversed", member, action=None, actor_id=actor_id, lines=[line])
    return line


@dataclasses.dataclass(frozen=True)
class PointsTender:
    line: PointsLine
    points_used: int
    amount_fen: int


def points_for_amount(member: MemberView, amount_fen: int) -> int:
    """The points paying ``amount_fen`` costs this member (for the tender dialog)."""
    if member.card_type.points_value == 0:
        raise MemberError("该卡类型的积分不能抵现")
    return points_needed(amount_fen, member.card_type.points_value)


def max_points_payment(member: MemberView) -> int:
    """The most this member's points can pay, in fen."""
    if member.card_type.points_value == 0:
        return 0
    return points_value_fen(member.points, member.card_type.points_value)


def spend_points(
    session: Session,
    member_id: str,
    amount_fen: int,
    *,
    on: dt.date,
    actor_id: str,
    order_id: str | None = None,
    emit_event: bool = True,
) -> PointsTender:
    """积分抵现: pay ``amount_fen`` with the fewest points worth it at the card type's rate."""
    if amount_fen <= 0:
        raise MemberError("抵现金额必须大于零")
    member = load_account(session, member_id)
    require_usable(member, on)
    if member.points_value == 0:
        raise MemberError("该卡类型的积分不能抵现")
    needed = points_needed(amount_fen, member.points_value)
    if needed > member.points:
        raise InsufficientPoints(needed, member.points)
    line = append_points(
        session,
        member,
        PointsKind.SPEND.value,
        -needed,
        on=on,
        reason="积分抵现",
        actor_id=actor_id,
        base_fen=amount_fen,
        order_id=order_id,
    )
    if emit_event:
        emit(session, "PointsSpent", member, action=None, actor_id=actor_id, lines=[line])
    return PointsTender(line, needed, amount_fen)


def refund_points_tender(
    session: Session,
    spend_entry_id: str,
    refund_fen: int,
    *,
    on: dt.date,
    actor_id: str,
    order_id: str | None = None,
    emit_event: bool = True,
) -> PointsLine:
    """Points paid for a refunded sale go back, in proportion, cumulatively (all on a full one)."""
    spend = _entry(session, spend_entry_id, PointsKind.SPEND)
    before = session.scalar(
        select(func.coalesce(func.sum(PointsEntryRow.base_fen), 0)).where(
            PointsEntryRow.related_entry_id == spend.id,
            PointsEntryRow.kind == PointsKind.SPEND_REFUND.value,
        )
    )
    back = points_to_reverse(-spend.delta, spend.base_fen, int(before or 0), refund_fen)
    member = load_account(session, spend.member_id)
    line = append_points(
        session,
        member,
        PointsKind.SPEND_REFUND.value,
        back,
        on=on,
        reason="退货退回积分",
        actor_id=actor_id,
        base_fen=refund_fen,
        order_id=order_id,
        related_entry_id=spend.id,
    )
    if emit_event:
        emit(session, "PointsRefunded", member, action=None, actor_id=actor_id, lines=[line])
    return line


def adjust_points(
    session: Session,
    member_id: str,
    delta: int,
    *,
    reason: str,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
    settings: MemberSettings | None = None,
) -> PointsLine:
    """手工加减积分 (manager, audited); added points follow the store's expiry rule."""
    require_approver(approver_id)
    why = require_reason(reason)
    if delta == 0:
        raise MemberError("调整积分不能为零")
    member = load_member(session, member_id)
    expires = (settings or load_settings(session)).points_expire_on(on) if delta > 0 else None
    line = append_points(
        session,
        member,
        PointsKind.ADJUST.value,
        delta,
        on=on,
        reason=why,
        actor_id=actor_id,
        approver_id=approver_id,
        expires_on=expires,
    )
    emit(
        session,
        "PointsAdjusted",
        member,
        action="member.points_adjusted",
        actor_id=actor_id,
        approver_id=approver_id,
        lines=[line],
        detail={"delta": delta, "reason": why},
    )
    return line


def expire_points(
    session: Session, on: dt.date, *, actor_id: str | None = None
) -> list[PointsLine]:
    """Write the expiry entries due on ``on`` (points whose last day was before it); running it
    twice on a day writes nothing the second time."""
    expired_credit = func.sum(
        case(
            (and_(PointsEntryRow.delta > 0, PointsEntryRow.expires_on < on), PointsEntryRow.delta),
            else_=0,
        )
    )
    debits = func.sum(case((PointsEntryRow.delta < 0, -PointsEntryRow.delta), else_=0))
    candidates = (
        select(PointsEntryRow.member_id)
        .where(PointsEntryRow.expires_on < on, PointsEntryRow.delta > 0)
        .distinct()
    )
    due = session.execute(
        select(PointsEntryRow.member_id, expired_credit, debits)
        .where(PointsEntryRow.member_id.in_(candidates))
        .group_by(PointsEntryRow.member_id)
    ).all()
    lines: list[PointsLine] = []
    for member_id, credit, debit in due:
        excess = int(credit or 0) - int(debit or 0)
        if excess <= 0:
            continue
        member = session.get(MemberRow, member_id)
        assert member is not None
        amount = min(excess, member.points)
        if amount <= 0:
            continue
        line = append_points(
            session,
            member,
            PointsKind.EXPIRE.value,
            -amount,
            on=on,
            reason="积分到期",
            actor_id=actor_id,
        )
        emit(
            session,
            "PointsExpired",
            member,
            action="member.points_expired",
            actor_id=actor_id,
            lines=[line],
            detail={"points": amount},
        )
        lines.append(line)
    return lines


def points_lines(session: Session, member_id: str, limit: int = 200) -> list[PointsLine]:
    """The member's points ledger, newest first."""
    rows = session.scalars(
        select(PointsEntryRow)
        .where(PointsEntryRow.member_id == member_id)
        .order_by(PointsEntryRow.id.desc())
        .limit(limit)
    )
    return [PointsLine.of_row(r) for r in rows]
