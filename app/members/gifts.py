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


def create_gift(
    session: Session,
    name: str,
    points_cost: int,
    stock: int = 0,
    *,
    actor_id: str,
    approver_id: str | None,
) -> GiftView:
    require_approver(approver_id)
    clean = name.strip()
    if not clean or len(clean) > 40:
        raise MemberError("礼品名称须为 1–40 个字")
    if points_cost <= 0:
        raise MemberError("兑换所需积分必须大于零")
    if stock < 0:
        raise MemberError("库存不能为负数")
    if session.scalar(select(GiftRow.id).where(GiftRow.name == clean)) is not None:
        raise MemberError("礼品已存在：%1", clean)
    row = GiftRow(id=new_id(), name=clean, points_cost=points_cost, stock=0, active=True)
    session.add(row)
    session.flush()
    if stock:
        _move(session, row, stock, "入库", actor_id=actor_id)
    audit.record(
        session,
        "gift.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": clean, "points_cost": points_cost, "stock": stock},
    )
    return _view(row)


def restock_gift(
    session: Session, gift_id: str, delta: int, *, reason: str, actor_id: str
) -> GiftView:
    """入库 (positive) or 报损 (negative) of a gift's stock."""
    gift = session.get(GiftRow, gift_id)
    if gift is None:
        raise MemberError("未找到该礼品")
    if delta == 0:
        raise MemberError("数量不能为零")
    _move(session, gift, delta, reason.strip()[:40] or "入库", actor_id=actor_id)
    audit.record(
        session,
        "gift.stock_changed",
        actor_id=actor_id,
        subject_id=gift.id,
        detail={"delta": delta},
    )
    return _view(gift)


def list_gifts(session: Session, *, include_retired: bool = False) -> list[GiftView]:
    query = select(GiftRow).order_by(GiftRow.points_cost)
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
