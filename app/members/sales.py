"""What a sale and its refund do to the member attached: visit, total spend and points.

The checkout calls ``member_sale`` once a sale with a member is paid (after the tenders
``stored_value.spend_stored_value`` / ``points.spend_points``), and ``member_refund`` when it is
refunded; both run inside the sale's own transaction and return the ledger lines for its event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from app.members.accounts import PointsLine, SpendLine, append_spend, emit, load_account
from app.members.errors import MemberError
from app.members.levels import member_price
from app.members.points import earn_points, reverse_points_for_refund
from app.members.settings import MemberSettings


def price_for_member(list_price_fen: int, member_price_fen: int | None, discount_bp: int) -> int:
    """One item's price for a member: the product's member price where set, else the card
    type's discount on the list price, rounded half up (``MemberView.discount_bp``)."""
    return member_price(list_price_fen, member_price_fen, discount_bp)


@dataclasses.dataclass(frozen=True)
class MemberSaleResult:
    spend: SpendLine
    points: PointsLine | None

    @property
    def points_earned(self) -> int:
        return self.points.delta if self.points else 0

    def payload(self) -> list[dict[str, object]]:
        lines: list[dict[str, object]] = [self.spend.payload()]
        if self.points:
            lines.append(self.points.payload())
        return lines


def member_sale(
    session: Session,
    member_id: str,
    *,
    paid_fen: int,
    on: dt.date,
    order_id: str | None,
    actor_id: str,
    bonus_paid_fen: int = 0,
    settings: MemberSettings | None = None,
    emit_event: bool = True,
    points_multiplier: int = 1,
) -> MemberSaleResult:
    """A visit, ``paid_fen`` of spend and the points it earns (``bonus_paid_fen`` is the part
    paid with bonus money, which earns no points unless the store says so).

    ``order_id`` is the sale's order; only the demo seed's made-up history has none, and it
    writes no event (``emit_event=False``): the head office hears of real sales only."""
    if paid_fen < 0:
        raise MemberError("消费金额不能为负数")
    member = load_account(session, member_id)
    line = append_spend(
        session,
        member,
        "sale",
        paid_fen,
        1,
        on=on,
        reason="消费",
        actor_id=actor_id,
        order_id=order_id,
        visit_on=on,
    )
    points = earn_points(
        session,
        member_id,
        paid_fen,
        on=on,
        actor_id=actor_id,
        bonus_paid_fen=bonus_paid_fen,
        order_id=order_id,
        settings=settings,
        emit_event=False,
        account=member,
        multiplier=points_multiplier,
    )
    result = MemberSaleResult(line, points)
    if not emit_event:
        return result
    lines: list[SpendLine | PointsLine] = [line] + ([points] if points else [])
    emit(
        session,
        "MemberSaleRecorded",
        member,
        action=None,
        actor_id=actor_id,
        lines=lines,
        detail={"order_id": order_id},
    )
    return result


@dataclasses.dataclass(frozen=True)
class MemberRefundResult:
    spend: SpendLine
    points: PointsLine | None

    @property
    def points_reversed(self) -> int:
        return -self.points.delta if self.points else 0


def member_refund(
    session: Session,
    member_id: str,
    *,
    sale_order_id: str,
    sale_net_fen: int,
    refund_fen: int,
    on: dt.date,
    actor_id: str,
    refund_order_id: str | None = None,
    spend_fen: int | None = None,
    cancel_visit: bool = False,
) -> MemberRefundResult:
    """A refund of (part of) a member's sale: its spend and the matching share of its points.

    ``refund_fen`` of the sale's ``sale_net_fen`` decides the share of the points earned that is
    taken back; ``spend_fen`` (default ``refund_fen``) is what comes off the total spend, which
    never counted the part paid with points. A void also takes the visit back.
    """
    if refund_fen <= 0:
        raise MemberError("退款金额必须大于零")
    member = load_account(session, member_id)
    taken = min(refund_fen if spend_fen is None else spend_fen, member.total_spend_fen)
    line = append_spend(
        session,
        member,
        "refund",
        -max(0, taken),
        -1 if cancel_visit else 0,
        on=on,
        reason="退货",
        actor_id=actor_id,
        order_id=refund_order_id,
    )
    points = reverse_points_for_refund(
        session,
        sale_order_id,
        sale_net_fen=sale_net_fen,
        refund_fen=refund_fen,
        on=on,
        actor_id=actor_id,
        refund_order_id=refund_order_id,
        emit_event=False,
    )
    lines: list[SpendLine | PointsLine] = [line] + ([points] if points else [])
    emit(
        session,
        "MemberRefundRecorded",
        member,
        action=None,
        actor_id=actor_id,
        lines=lines,
        detail={"sale_order_id": sale_order_id, "refund_order_id": refund_order_id},
    )
    return MemberRefundResult(line, points)
