"""What the office keeps of a sale beyond its total (from migration 0004): its lines, its
payments, when it was rung up, the sale a refund returns and whether it had a promotion.

Read from the order payload the counter sends (``app.pos.order_rows.order_payload``). A payload
of an older counter without lines or payments keeps none; a line or payment of a shape the office
cannot read makes the event malformed (parked), as any other field does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from headoffice.ledgers import Malformed, int_of, text_of

NAME_LENGTH = 64
METHOD_LENGTH = 16


def details_of(payload: Mapping[str, Any], event_id: str) -> dict[str, Any]:
    """The sale's columns added by 0004, and its ``lines`` and ``payments`` rows."""
    coupon = used_coupon(payload)
    lines = [
        line_row(event_id, number, line, coupon)
        for number, line in enumerate(_list_of(payload, "lines"), start=1)
    ]
    payments = [
        payment_row(event_id, number, payment)
        for number, payment in enumerate(_list_of(payload, "payments"), start=1)
    ]
    discount = payload.get("discount_fen")
    order_discount = isinstance(discount, int) and not isinstance(discount, bool) and discount > 0
    original = payload.get("original_order_id")
    created = payload.get("created_at")
    return {
        "occurred_at": created[:40] if isinstance(created, str) and created else None,
        "original_order_id": original[:36] if isinstance(original, str) else None,
        "promo": coupon or order_discount or any(line["promo"] for line in lines),
        "lines": lines,
        "payments": payments,
    }


def _list_of(payload: Mapping[str, Any], key: str) -> Sequence[Mapping[str, Any]]:
    value = payload.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise Malformed(f"{key}: expected a list of objects")
    for item in value:  # a loop, not all(...): a push reads two such lists per event
        if not isinstance(item, dict):
            raise Malformed(f"{key}: expected a list of objects")
    return value


def used_coupon(payload: Mapping[str, Any]) -> bool:
    """Whether a coupon paid part of the order: checkout adds ``{"ledger": "coupon"}``."""
    entries = payload.get("ledger_entries")
    if not isinstance(entries, list):
        return False
    return any(isinstance(e, dict) and e.get("ledger") == "coupon" for e in entries)


def line_row(event_id: str, number: int, line: Mapping[str, Any], coupon: bool) -> dict[str, Any]:
    """The counter's ``PROMOTION_LINE``: a discount of its own, a promotion, or a coupon on its
    order. Numbered by position (the payload's numbers are the counter's, never trusted as a
    key)."""
    discount = int_of(line, "line_discount_fen")
    product = line.get("product_id")
    return {
        "event_id": event_id,
        "line_no": number,
        "product_id": product[:36] if isinstance(product, str) else None,
        "name": text_of(line, "name", required=False)[:NAME_LENGTH],
        "qty_milli": int_of(line, "qty_milli"),
        "net_fen": int_of(line, "net_fen"),
        "promo": discount > 0 or bool(line.get("promotion_ids")) or coupon,
    }


def payment_row(event_id: str, number: int, payment: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "seq": number,
        "method": text_of(payment, "method")[:METHOD_LENGTH],
        "amount_fen": int_of(payment, "amount_fen"),
    }
