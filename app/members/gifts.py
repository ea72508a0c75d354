"""The gift catalogue (积分礼品): points cost and stock, and redemption for points."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.accounts import (
    PointsLine,
    append_points,
    emit,
    load_member,
    require_approver,
    require_usable,
)
from app.members.card_numbers import mask_card
from app.members.errors import InsufficientPoints, MemberError, NotEnoughStock
from app.members.points import PointsKind
from app.storage import audit
from app.storage.ids import new_id
from app.storage.member_models import GiftRow, GiftStockMoveRow

#: The longest gift name and stock-move reason: their columns' widths.
NAME_LENGTH = 40
REASON_LENGTH = 40


@dataclasses.dataclass(frozen=True)
class GiftView:
    id: str
    name: str
    points_cost: int
    stock: int
    active: bool


def _view(row: GiftRow) -> GiftView:
    return GiftView(row.id, row.name, row.points_cost, row.stock, row.active)


def _move(
    session: Session,
    gift: GiftRow,
    delta: int,
    reason: str,
    *,
    actor_id: str | None,
    member_id: str | None = None,
    points_entry_id: str | None = None,
) -> None:
    if gift.stock + delta < 0:
        raise NotEnoughStock("礼品库存不足：%1 仅剩 %2 件", gift.name, gift.stock)
    gift.stock += delta
    session.add(
        GiftStockMoveRow(
            id=new_id(),
            gift_id=gift.id,
            delta=delta,
            reason=reason,
            member_id=member_id,
            points_entry_id=points_entry_id,
            actor_id=actor_id,
        )
    )


def _check_name(session: Session, name: str, *, gift_id: str | None) -> str:
    clean = name.strip()
    if not clean or len(clean) > NAME_LENGTH:
        raise MemberError("礼品名称须为 1–%1 个字", NAME_LENGTH, field="name")
    same = session.scalar(
        select(GiftRow.id).where(GiftRow.name == clean, GiftRow.id != (gift_id or ""))
    )
    if same is not None:
        raise MemberError("礼品已存在：%1", clean, field="name")
    return clean


def _check_points(points_cost: int) -> int:
    if points_cost < 1:
        raise MemberError("兑换所需积分至少为 1", field="points_cost")
    return points_cost


def create_gift(
    session: Session,
    name: str,
    points_cost: int,
    stock: int = 0,
    *,
    actor_id: str,
    approver_id: str | None,
) -> GiftView:
    """A new gift in the catalogue with its opening stock (one stock move), audited."""
    require_approver(approver_id)
    clean = _check_name(session, name, gift_id=None)
    _check_points(points_cost)
    if stock < 0:
        raise MemberError("库存不能为负数", field="stock")
    row = GiftRow(id=new_id(), name=clean, points_cost=points_cost, stock=0, active=True)
    session.add(row)
    session.flush()
    if stock:
        _move(session, row, stock, "期初入库", actor_id=actor_id)
    audit.record(
        session,
        "gift.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": clean, "points_cost": points_cost, "stock": stock},
    )
    return _view(row)


def _load(session: Session, gift_id: str) -> GiftRow:
    gift = session.get(GiftRow, gift_id)
    if gift is None:
        raise MemberError("未找到该礼品")
    return gift


def _load_active(session: Session, gift_id: str) -> GiftRow:
    gift = _load(session, gift_id)
    if not gift.active:
        raise MemberError("该礼品已下架：%1", gift.name)
    return gift


def update_gift(
    session: Session,
    gift_id: str,
    name: str,
    points_cost: int,
    *,
    actor_id: str,
    approver_id: str | None,
) -> GiftView:
    """A new name or points price; redemptions already made keep what they cost."""
    require_approver(approver_id)
    gift = _load_active(session, gift_id)
    clean = _check_name(session, name, gift_id=gift.id)
    _check_points(points_cost)
    before = {"name": gift.name, "points_cost": gift.points_cost}
    gift.name, gift.points_cost = clean, points_cost
    audit.record(
        session,
        "gift.updated",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=gift.id,
        detail={"before": before, "after": {"name": clean, "points_cost": points_cost}},
    )
    return _view(gift)


def restock_gift(
    session: Session,
    gift_id: str,
    delta: int,
    *,
    reason: str,
    actor_id: str,
    approver_id: str | None = None,
) -> GiftView:
    """入库 (positive) or 报损 (negative, breakage or a count that came up short): one stock
    move with its reason; the stock never goes below zero."""
    gift = _load_active(session, gift_id)
    if delta == 0:
        raise MemberError("数量不能为零（入库填正数，报损填负数）", field="delta")
    why = reason.strip()
    if not why:
        raise MemberError("请填写原因（如进货、破损、盘点）", field="reason")
    if len(why) > REASON_LENGTH:
        raise MemberError("原因最多 %1 个字", REASON_LENGTH, field="reason")
    if gift.stock + delta < 0:
        raise NotEnoughStock("库存不能少于零：%1 现有 %2 件", gift.name, gift.stock, field="delta")
    _move(session, gift, delta, why, actor_id=actor_id)
    audit.record(
        session,
        "gift.stock_changed",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=gift.id,
        detail={"delta": delta, "reason": why, "stock": gift.stock},
    )
    return _view(gift)


def retire_gift(
    session: Session, gift_id: str, *, actor_id: str, approver_id: str | None
) -> GiftView:
    """下架: no longer redeemed; its stock and moves stay as they are."""
    require_approver(approver_id)
    gift = _load_active(session, gift_id)
    gift.active = False
    audit.record(
        session,
        "gift.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=gift.id,
        detail={"name": gift.name, "stock": gift.stock},
    )
    return _view(gift)


def list_gifts(session: Session, *, include_retired: bool = False) -> list[GiftView]:
    query = select(GiftRow).order_by(GiftRow.active.desc(), GiftRow.points_cost, GiftRow.name)
    if not include_retired:
        query = query.where(GiftRow.active)
    return [_view(r) for r in session.scalars(query)]


@dataclasses.dataclass(frozen=True)
class Redemption:
    """What the redemption slip prints."""

    gift: GiftView
    quantity: int
    points_used: int
    points_after: int
    card_no_masked: str
    member_name: str
    line: PointsLine


def redeem_gift(
    session: Session,
    member_id: str,
    gift_id: str,
    quantity: int = 1,
    *,
    on: dt.date,
    actor_id: str,
) -> Redemption:
    """积分兑换: the points and the stock go down together, or neither does."""
    if quantity <= 0:
        raise MemberError("兑换数量必须大于零")
    gift = session.get(GiftRow, gift_id)
    if gift is None or not gift.active:
        raise MemberError("未找到该礼品")
    member = load_member(session, member_id)
    require_usable(member, on)
    cost = gift.points_cost * quantity
    if cost > member.points:
        raise InsufficientPoints(cost, member.points)
    if gift.stock < quantity:
        raise NotEnoughStock("礼品库存不足：%1 仅剩 %2 件", gift.name, gift.stock)
    line = append_points(
        session,
        member,
        PointsKind.REDEEM.value,
        -cost,
        on=on,
        reason=f"兑换 {gift.name} ×{quantity}",
        actor_id=actor_id,
    )
    _move(
        session,
        gift,
        -quantity,
        "兑换",
        actor_id=actor_id,
        member_id=member.id,
        points_entry_id=line.id,
    )
    emit(
        session,
        "GiftRedeemed",
        member,
        action="member.gift_redeemed",
        actor_id=actor_id,
        lines=[line],
        detail={"gift_id": gift.id, "gift": gift.name, "quantity": quantity},
    )
    return Redemption(
        _view(gift), quantity, cost, member.points, mask_card(member.card_no), member.name, line
    )
