"""挂单 / 取单: carts set aside while the customer fetches something, taken back later."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.pos.cart import Cart, CartError
from app.pos.staff import StaffView
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import ParkedCartRow, StaffRow

MAX_PARKED_CARTS = 20


@dataclasses.dataclass(frozen=True)
class ParkedCartView:
    id: str
    label: str
    cashier_name: str
    total_fen: int
    line_count: int
    created_at: dt.datetime


def park(session: Session, cart: Cart, *, cashier: StaffView, label: str = "") -> ParkedCartView:
    if cart.is_empty:
        raise CartError("购物车是空的，无需挂单")
    count = len(session.scalars(select(ParkedCartRow.id)).all())
    if count >= MAX_PARKED_CARTS:
        raise CartError("挂单已达 %1 笔，请先取单结账", MAX_PARKED_CARTS)
    moment = utcnow()
    row = ParkedCartRow(
        id=new_id(),
        label=(label.strip() or f"挂单 {count + 1}")[:40],
        cashier_id=cashier.id,
        payload=json.dumps(cart.to_snapshot(), ensure_ascii=False),
        total_fen=cart.totals().total_fen,
        line_count=len(cart.lines),
        created_at=moment,
    )
    session.add(row)
    return ParkedCartView(row.id, row.label, cashier.name, row.total_fen, row.line_count, moment)


def list_parked(session: Session) -> list[ParkedCartView]:
    rows = session.execute(
        select(ParkedCartRow, StaffRow.name)
        .join(StaffRow, StaffRow.id == ParkedCartRow.cashier_id)
        .order_by(ParkedCartRow.created_at)
    ).all()
    return [
        ParkedCartView(row.id, row.label, name, row.total_fen, row.line_count, row.created_at)
        for row, name in rows
    ]


def resume(session: Session, parked_id: str) -> Cart:
    """Take a parked cart back: it leaves the list in the same transaction."""
    row = session.get(ParkedCartRow, parked_id)
    if row is None:
        raise CartError("该挂单已被取走")
    cart = Cart.from_snapshot(json.loads(row.payload))
    session.delete(row)
    return cart
