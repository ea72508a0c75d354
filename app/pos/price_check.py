"""``price-cart``: a cart priced as the counter would at a given moment for a given member,
without selling it, as plain data support staff can read ("why did this cost that?").

Nothing is written: the products and the member are read, the cart priced by the one pricing
pass, and the result returned. Amounts are integer fen, as everywhere below the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from app.errors import KnownError
from app.members import enrolment
from app.pos import promotions
from app.pos.cart import CartError, parse_quantity, qty_text
from app.pos.counter import CounterService, cart_member


class PriceCheckError(KnownError):
    """A cart the command cannot price as asked (a bad code, quantity or moment)."""


def parse_moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise PriceCheckError("时间格式不对，应为 YYYY-MM-DD HH:MM：%1", text) from None


def split_item(text: str) -> tuple[str, str | None]:
    """``6901234567892*3`` -> the code and the quantity text (None: one)."""
    code, star, qty = text.partition("*")
    if not code.strip() or (star and not qty.strip()):
        raise PriceCheckError("无法识别的商品：%1（应为 条码 或 条码*数量）", text)
    return code.strip(), qty.strip() if star else None


def price_cart_at(
    service: CounterService, items: Sequence[str], *, card: str | None, at: dt.datetime
) -> dict[str, Any]:
    """Price ``items`` (``CODE`` or ``CODE*QTY``) for the member of ``card`` at store time."""
    if not items:
        raise PriceCheckError("请至少给出一件商品")
    cart = service.new_cart()
    cart.clock = lambda: at
    if card is not None:
        with service.db.reading() as session:
            view = enrolment.find_member(session, card)
            book = service.promotion_cache.get(session, at.date())
            buyer = promotions.buyer_of(session, view.id, book, at.date())
        cart.book = book
        cart.buyer_loader = lambda _member_id: buyer
        cart.attach_member(cart_member(view, at.date()))
    for text in items:
        code, qty_text_in = split_item(text)
        item = service.scan(code)
        qty = item.qty_milli
        if qty_text_in is not None:
            try:
                qty = parse_quantity(qty_text_in, by_weight=item.product.by_weight)
            except CartError as exc:
                raise PriceCheckError("“%1”的数量不对：%2", code, exc) from None
        cart.add(
            item.product, qty_milli=qty, barcode=item.barcode, fixed_amount_fen=item.amount_fen
        )
    totals = cart.totals()
    lines = [
        {
            "barcode": line.barcode or line.product.code,
            "name": line.product.name,
            "qty": qty_text(line.qty_milli),
            "amount": priced.net_fen,
            "promotions": list(priced.promotion_names),
        }
        for line, priced in zip(cart.lines, totals.lines, strict=True)
    ] + [
        {
            "barcode": gift.product.code,
            "name": gift.product.name,
            "qty": qty_text(gift.qty_milli),
            "amount": 0,
            "promotions": [gift.promotion_name],
        }
        for gift in totals.gifts
    ]
    return {
        "lines": lines,
        "total": totals.total_fen,
        "saved": totals.saved_fen,
        "notices": [str(notice) for notice in totals.notices],
    }
