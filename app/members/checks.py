"""Recompute every member balance from its ledger and compare it with the cached value."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.storage.member_models import (
    CountCardEntryRow,
    GiftRow,
    GiftStockMoveRow,
    MemberCountCardRow,
    MemberRow,
    PointsEntryRow,
    SpendEntryRow,
    StoredValueEntryRow,
)


@dataclasses.dataclass(frozen=True)
class Mismatch:
    owner_id: str
    what: str
    cached: int
    from_ledger: int


def _sums(session: Session, owner: Any, *values: Any) -> dict[str, tuple[int, ...]]:
    query = select(owner, *(func.coalesce(func.sum(v), 0) for v in values)).group_by(owner)
    return {row[0]: tuple(int(x) for x in row[1:]) for row in session.execute(query)}


def check_ledgers(session: Session) -> list[Mismatch]:
    """Every cached balance that differs from the sum of its entries, or is negative."""
    found: list[Mismatch] = []
    stored = _sums(
        session,
        StoredValueEntryRow.member_id,
        StoredValueEntryRow.principal_delta,
        StoredValueEntryRow.bonus_delta,
    )
    points = _sums(session, PointsEntryRow.member_id, PointsEntryRow.delta)
    spend = _sums(
        session, SpendEntryRow.member_id, SpendEntryRow.spend_delta, SpendEntryRow.visits_delta
    )
    for m in session.scalars(select(MemberRow)):
        principal, bonus = stored.get(m.id, (0, 0))
        total, visits = spend.get(m.id, (0, 0))
        for what, cached, summed in (
            ("principal_fen", m.principal_fen, principal),
            ("bonus_fen", m.bonus_fen, bonus),
            ("points", m.points, points.get(m.id, (0,))[0]),
            ("total_spend_fen", m.total_spend_fen, total),
            ("visit_count", m.visit_count, visits),
        ):
            if cached != summed or cached < 0:
                found.append(Mismatch(m.id, what, cached, summed))
    uses = _sums(session, CountCardEntryRow.count_card_id, CountCardEntryRow.uses_delta)
    for card in session.scalars(select(MemberCountCardRow)):
        summed = uses.get(card.id, (0,))[0]
        if card.uses_left != summed or summed < 0:
            found.append(Mismatch(card.id, "uses_left", card.uses_left, summed))
    stock = _sums(session, GiftStockMoveRow.gift_id, GiftStockMoveRow.delta)
    for gift in session.scalars(select(GiftRow)):
        summed = stock.get(gift.id, (0,))[0]
        if gift.stock != summed or summed < 0:
            found.append(Mismatch(gift.id, "stock", gift.stock, summed))
    return found


def running_balances_ok(session: Session, member_id: str) -> bool:
    """Each entry's recorded balance-after equals the running sum, and none is negative."""
    principal = bonus = 0
    for row in session.scalars(
        select(StoredValueEntryRow)
        .where(StoredValueEntryRow.member_id == member_id)
        .order_by(StoredValueEntryRow.id)
    ):
        principal += row.principal_delta
        bonus += row.bonus_delta
        if (principal, bonus) != (row.principal_after, row.bonus_after) or min(
            principal, bonus
        ) < 0:
            return False
    points = 0
    for entry in session.scalars(
        select(PointsEntryRow)
        .where(PointsEntryRow.member_id == member_id)
        .order_by(PointsEntryRow.id)
    ):
        points += entry.delta
        if points != entry.balance_after or points < 0:
            return False
    return True
