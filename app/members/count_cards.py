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

#: The longest name a package (and the service it is a use of) may have: the column's width.
NAME_LENGTH = 40


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


@dataclasses.dataclass(frozen=True)
class PackageInput:
    """What a manager sets for a package; its attribute names are the form's field keys."""

    name: str
    service: str
    uses: int
    price_fen: int
    validity_days: int | None = None


def _checked(session: Session, data: PackageInput, *, package_id: str | None) -> PackageInput:
    """The package as it will be saved, or a refusal naming the field it is about."""
    name, service = data.name.strip(), data.service.strip()
    if not name or len(name) > NAME_LENGTH:
        raise MemberError("次卡名称须为 1–%1 个字", NAME_LENGTH, field="name")
    if not service or len(service) > NAME_LENGTH:
        raise MemberError("请填写每次的服务项目（如洗车），1–%1 个字", NAME_LENGTH, field="service")
    if data.uses < 1:
        raise MemberError("次数至少为 1", field="uses")
    if data.price_fen <= 0:
        raise MemberError("售价必须大于零", field="price_fen")
    if data.validity_days is not None and data.validity_days < 1:
        raise MemberError("有效天数至少为 1 天（不填为长期有效）", field="validity_days")
    same_name = session.scalar(
        select(CountCardPackageRow.id).where(
            CountCardPackageRow.name == name, CountCardPackageRow.id != (package_id or "")
        )
    )
    if same_name is not None:
        raise MemberError("次卡已存在：%1", name, field="name")
    return dataclasses.replace(data, name=name, service=service)


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
    """A new package offered for sale (a manager's, audited)."""
    require_approver(approver_id)
    data = _checked(
        session, PackageInput(name, service, uses, price_fen, validity_days), package_id=None
    )
    row = CountCardPackageRow(id=new_id(), active=True, **dataclasses.asdict(data))
    session.add(row)
    audit.record(
        session,
        "count_card_package.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail=dataclasses.asdict(data),
    )
    return _package(row)


def _load_package(session: Session, package_id: str) -> CountCardPackageRow:
    row = session.get(CountCardPackageRow, package_id)
    if row is None:
        raise MemberError("未找到该次卡套餐")
    return row


def update_package(
    session: Session,
    package_id: str,
    data: PackageInput,
    *,
    actor_id: str,
    approver_id: str | None,
) -> PackageView:
    """New terms for the cards sold from now on; a card already sold keeps the uses, price and
    expiry it was sold with (it holds its own copy)."""
    require_approver(approver_id)
    row = _load_package(session, package_id)
    if not row.active:
        raise MemberError("该次卡套餐已停售：%1", row.name)
    clean = _checked(session, data, package_id=row.id)
    before = {key: getattr(row, key) for key in dataclasses.asdict(clean)}
    for key, value in dataclasses.asdict(clean).items():
        setattr(row, key, value)
    audit.record(
        session,
        "count_card_package.updated",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"before": before, "after": dataclasses.asdict(clean)},
    )
    return _package(row)


def retire_package(
    session: Session, package_id: str, *, actor_id: str, approver_id: str | None
) -> PackageView:
    """停售: no longer offered for sale; the cards already sold are used as before."""
    require_approver(approver_id)
    row = _load_package(session, package_id)
    if not row.active:
        raise MemberError("该次卡套餐已停售：%1", row.name)
    row.active = False
    audit.record(
        session,
        "count_card_package.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": row.name},
    )
    return _package(row)


def list_packages(session: Session, *, include_retired: bool = False) -> list[PackageView]:
    """Packages on sale by name; with ``include_retired``, the retired ones after them."""
    query = select(CountCardPackageRow).order_by(
        CountCardPackageRow.active.desc(), CountCardPackageRow.name
    )
    if not include_retired:
        query = query.where(CountCardPackageRow.active)
    return [_package(r) for r in session.scalars(query)]


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
