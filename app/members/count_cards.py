"""Count cards (次卡): packages of N uses of a service, sold to members, used one at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.accounts import (
    emit,
    load_member,
    require_approver,
    require_reason,
    require_usable,
)
from app.members.errors import MemberError, NotEnoughUses
from app.money import div_round_half_up
from app.storage import audit
from app.storage.ids import new_id
from app.storage.member_models import (
    CountCardEntryRow,
    CountCardPackageRow,
    MemberCountCardRow,
    MemberRow,
)


@dataclasses.dataclass(frozen=True)
class PackageView:
    id: str
    name: str
    service: str
    uses: int
    price_fen: int
    validity_days: int | None
    active: bool


@dataclasses.dataclass(frozen=True)
class CountCardView:
    id: str
    member_id: str
    name: str
    service: str
    uses_total: int
    uses_left: int
    price_fen: int
    sold_on: dt.date
    expires_on: dt.date | None
    status: str


@dataclasses.dataclass(frozen=True)
class CountCardLine:
    id: str
    count_card_id: str
    kind: str
    uses_delta: int
    uses_after: int
    refund_fen: int
    order_id: str | None
    reason: str
    business_day: dt.date

    def payload(self) -> dict[str, object]:
        data = dataclasses.asdict(self)
        data["business_day"] = self.business_day.isoformat()
        data["ledger"] = "count_card"
        return data


def _package(row: CountCardPackageRow) -> PackageView:
    return PackageView(
        row.id, row.name, row.service, row.uses, row.price_fen, row.validity_days, row.active
    )


def _card(row: MemberCountCardRow) -> CountCardView:
    return CountCardView(
        row.id,
        row.member_id,
        row.name,
        row.service,
        row.uses_total,
        row.uses_left,
        row.price_fen,
        row.sold_on,
        row.expires_on,
        row.status,
    )


def create_package(
    session: Session,
    name: str,
    service: str,
    uses: int,
    price_fen: int,
    validity_days: int | None = None,
    *,
    actor_id: str,
    approver_id: str | None,
) -> PackageView:
    require_approver(approver_id)
    clean = name.strip()
    if not clean or not service.strip():
        raise MemberError("请填写次卡名称和服务项目")
    if uses <= 0:
        raise MemberError("次数必须大于零")
    if price_fen < 0:
        raise MemberError("价格不能为负数")
    if validity_days is not None and validity_days <= 0:
        raise MemberError("有效天数必须大于零")
    if session.scalar(select(CountCardPackageRow.id).where(CountCardPackageRow.name == clean)):
        raise MemberError("次卡已存在：%1", clean)
    row = CountCardPackageRow(
        id=new_id(),
        name=clean,
        service=service.strip(),
        uses=uses,
        price_fen=price_fen,
        validity_days=validity_days,
        active=True,
    )
    session.add(row)
    audit.record(
        session,
        "count_card_package.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": clean, "uses": uses, "price_fen": price_fen},
    )
    return _package(row)


def list_packages(session: Session) -> list[PackageView]:
    rows = session.scalars(
        select(CountCardPackageRow)
        .where(CountCardPackageRow.active)
        .order_by(CountCardPackageRow.name)
    )
    return [_package(r) for r in rows]


def _append(
    session: Session,
    card: MemberCountCardRow,
    kind: str,
    uses_delta: int,
    *,
    on: dt.date,
    actor_id: str,
    approver_id: str | None = None,
    refund_fen: int = 0,
    order_id: str | None = None,
    reason: str = "",
) -> CountCardLine:
    after = card.uses_left + uses_delta
    if after < 0:
        raise NotEnoughUses("次卡次数不足：%1 剩余 %2 次", card.name, card.uses_left)
    row = CountCardEntryRow(
        id=new_id(),
        count_card_id=card.id,
        member_id=card.member_id,
        kind=kind,
        uses_delta=uses_delta,
        uses_after=after,
        refund_fen=refund_fen,
        order_id=order_id,
        reason=reason,
        actor_id=actor_id,
        approver_id=approver_id,
        business_day=on,
    )
    session.add(row)
    card.uses_left = after
    return CountCardLine(row.id, card.id, kind, uses_delta, after, refund_fen, order_id, reason, on)


def _emit(
    session: Session,
    event: str,
    member: MemberRow,
    card: MemberCountCardRow,
    line: CountCardLine,
    *,
    action: str | None,
    actor_id: str,
    approver_id: str | None = None,
) -> None:
    emit(
        session,
        event,
        member,
        action=action,
        actor_id=actor_id,
        approver_id=approver_id,
        detail={
            "count_card": dataclasses.asdict(_card(card))
            | {
                "sold_on": card.sold_on.isoformat(),
                "expires_on": card.expires_on.isoformat() if card.expires_on else None,
            },
            "count_card_entries": [line.payload()],
        },
    )


def sell_count_card(
    session: Session,
    member_id: str,
    package_id: str,
    *,
    on: dt.date,
    actor_id: str,
    order_id: str | None = None,
) -> CountCardView:
    """售次卡: the member gets the package's uses, valid its days from today (the payment of its
    price is the checkout's business, by ``order_id``)."""
    package = session.get(CountCardPackageRow, package_id)
    if package is None or not package.active:
        raise MemberError("未找到该次卡套餐")
    member = load_member(session, member_id)
    require_usable(member, on)
    expires = on + dt.timedelta(days=package.validity_days - 1) if package.validity_days else None
    card = MemberCountCardRow(
        id=new_id(),
        member_id=member.id,
        package_id=package.id,
        name=package.name,
        service=package.service,
        uses_total=package.uses,
        uses_left=0,
        price_fen=package.price_fen,
        sold_on=on,
        expires_on=expires,
        status="active",
    )
    session.add(card)
    session.flush()
    line = _append(
        session,
        card,
        "sold",
        package.uses,
        on=on,
        actor_id=actor_id,
        order_id=order_id,
        reason="购买次卡",
    )
    _emit(
        session,
        "CountCardSold",
        member,
        card,
        line,
        action="member.count_card_sold",
        actor_id=actor_id,
    )
    return _card(card)


@dataclasses.dataclass(frozen=True)
class CountCardUse:
    card: CountCardView
    uses_left: int
    line: CountCardLine


def use_count_card(
    session: Session,
    count_card_id: str,
    *,
    on: dt.date,
    actor_id: str,
    order_id: str | None = None,
) -> CountCardUse:
    """核销一次: one use deducted; the slip prints what remains."""
    card = session.get(MemberCountCardRow, count_card_id)
    if card is None:
        raise MemberError("未找到该次卡")
    if card.status != "active":
        raise MemberError("该次卡已退卡")
    if card.expires_on is not None and card.expires_on < on:
        raise MemberError("该次卡已过期（%1 到期）", card.expires_on.isoformat())
    member = load_member(session, card.member_id)
    require_usable(member, on)
    line = _append(
        session, card, "used", -1, on=on, actor_id=actor_id, order_id=order_id, reason="使用一次"
    )
    _emit(session, "CountCardUsed", member, card, line, action=None, actor_id=actor_id)
    return CountCardUse(_card(card), card.uses_left, line)


@dataclasses.dataclass(frozen=True)
class CountCardRefund:
    card: CountCardView
    uses_refunded: int
    refund_fen: int
    line: CountCardLine


def refund_count_card(
    session: Session,
    count_card_id: str,
    *,
    on: dt.date,
    reason: str,
    actor_id: str,
    approver_id: str | None,
) -> CountCardRefund:
    """退次卡 (manager): the unused uses at the price per use paid, rounded half up."""
    require_approver(approver_id)
    why = require_reason(reason)
    card = session.get(MemberCountCardRow, count_card_id)
    if card is None:
        raise MemberError("未找到该次卡")
    if card.status != "active":
        raise MemberError("该次卡已退卡")
    if card.uses_left == 0:
        raise NotEnoughUses("该次卡已无剩余次数")
    unused = card.uses_left
    refund = div_round_half_up(card.price_fen * unused, card.uses_total)
    line = _append(
        session,
        card,
        "refund",
        -unused,
        on=on,
        actor_id=actor_id,
        approver_id=approver_id,
        refund_fen=refund,
        reason=why,
    )
    card.status = "refunded"
    member = load_member(session, card.member_id)
    _emit(
        session,
        "CountCardRefunded",
        member,
        card,
        line,
        action="member.count_card_refunded",
        actor_id=actor_id,
        approver_id=approver_id,
    )
    return CountCardRefund(_card(card), unused, refund, line)


def member_count_cards(
    session: Session, member_id: str, *, on: dt.date | None = None
) -> list[CountCardView]:
    """A member's count cards still usable (on ``on``, when given), oldest first."""
    query = select(MemberCountCardRow).where(
        MemberCountCardRow.member_id == member_id, MemberCountCardRow.status == "active"
    )
    cards = [_card(r) for r in session.scalars(query.order_by(MemberCountCardRow.id))]
    if on is not None:
        cards = [c for c in cards if c.expires_on is None or c.expires_on >= on]
    return cards
