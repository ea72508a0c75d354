"""The money rows against what the audit log and the outbox say about them.

The audit chain proves its own rows untouched; these checks carry that proof over to the rows
that hold the money, which are not chained. They find:

- an order whose total is not what its own rows add up to: the amount before discounts less the
  discounts and the rounding, the sum of its lines' net amounts (a sale, a refund), the sum of its
  payments (negative for a refund);
- an order whose total differs from the amount its audit record wrote at the time (``sale.paid``
  and the others below, found by receipt number) or from the one its outbox event carries
  (``SalePaid`` and the others below, found by order id), or that has neither, and an audit record
  or event naming an order that is not there (a deleted order);
- a row of the sales totals the reports read that differs from the orders it sums
  (:func:`app.pos.sales_totals.check_sales_totals`);
- a member whose cached stored value, points, spend or visits differ from the sum of their
  ledger entries, a count card's uses, a gift's stock (:func:`app.members.checks.check_ledgers`).

Each finding is a sentence for the owner with the receipt number or the masked card.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.errors import KnownError
from app.members.card_numbers import mask_card
from app.members.checks import check_ledgers
from app.money import format_yuan
from app.pos.sales_totals import check_sales_totals
from app.storage.member_models import GiftRow, MemberCountCardRow, MemberRow
from app.storage.models import (
    AuditRow,
    OrderKind,
    OrderLineRow,
    OrderRow,
    OutboxRow,
    PaymentRow,
    ProductRow,
    StaffRow,
)

#: The audit actions that record an order as it is written (``detail.receipt_no`` names it),
#: with the detail key holding its amount and that amount's sign against ``orders.total_fen``.
#: Written by app.pos.checkout, app.pos.orders and app.pos.member_desk.payments.
ORDER_AUDIT_ACTIONS: dict[str, tuple[str | None, int]] = {
    "sale.paid": ("total_fen", 1),
    "sale.refunded": ("amount_fen", 1),
    "top_up.paid": ("amount_fen", 1),
    "change.stored": ("amount_fen", 1),
    "count_card.paid": (None, 1),
    "membership_fee.paid": ("fee_fen", 1),
    "member.paid_out": ("amount_fen", -1),
}
#: Audit actions about an order written before (its receipt number and total again).
LATER_AUDIT_ACTIONS: dict[str, tuple[str | None, int]] = {"sale.voided": ("total_fen", 1)}
#: The outbox events that carry a whole order (``order_rows.order_payload``).
ORDER_EVENTS = frozenset(
    {
        "SalePaid",
        "SaleRefunded",
        "TopUpPaid",
        "ChangeStored",
        "CountCardSold",
        "MembershipFeePaid",
        "MemberPaidOut",
    }
)


class Mismatch(KnownError):
    """A money row that disagrees with its own parts, its audit record or its outbox event."""


def cross_check(session: Session) -> list[Mismatch]:
    """Every order and balance that disagrees with what was recorded of it (empty: all agree)."""
    return [*_check_orders(session), *_check_balances(session), *_check_sales_totals(session)]


# -- orders ----------------------------------------------------------------------------------------


def _sums(
    session: Session, owner: InstrumentedAttribute[str], value: InstrumentedAttribute[int]
) -> dict[str, tuple[int, int]]:
    query = select(owner, func.count(), func.coalesce(func.sum(value), 0)).group_by(owner)
    return {row[0]: (int(row[1]), int(row[2])) for row in session.execute(query)}


def _audit_amounts(
    session: Session,
) -> tuple[dict[str, list[tuple[int, str, int | None]]], list[tuple[int, str]]]:
    """Per receipt number, (row, action, amount as orders.total_fen has it) of its audit records;
    and the creation records, by (row, receipt number)."""
    actions = ORDER_AUDIT_ACTIONS | LATER_AUDIT_ACTIONS
    found: dict[str, list[tuple[int, str, int | None]]] = defaultdict(list)
    created: list[tuple[int, str]] = []
    rows = session.execute(
        select(AuditRow.seq, AuditRow.action, AuditRow.detail).where(AuditRow.action.in_(actions))
    )
    for seq, action, text in rows:
        detail = _json_object(text)
        receipt_no = detail.get("receipt_no")
        if not isinstance(receipt_no, str):
            continue
        key, sign = actions[action]
        amount = detail.get(key) if key else None
        found[receipt_no].append((seq, action, sign * amount if isinstance(amount, int) else None))
        if action in ORDER_AUDIT_ACTIONS:
            created.append((seq, receipt_no))
    return found, created


def _event_totals(session: Session) -> dict[str, list[tuple[int, str, object]]]:
    """Per order id, (number, type, total) of the outbox events carrying the order."""
    found: dict[str, list[tuple[int, str, object]]] = defaultdict(list)
    rows = session.execute(
        select(OutboxRow.seq, OutboxRow.type, OutboxRow.payload).where(
            OutboxRow.type.in_(ORDER_EVENTS)
        )
    )
    for seq, event_type, text in rows:
        payload = _json_object(text)
        order_id = payload.get("order_id")
        if isinstance(order_id, str):
            found[order_id].append((seq, event_type, payload.get("total_fen")))
    return found


def _json_object(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _check_orders(session: Session) -> Iterator[Mismatch]:
    paid = _sums(session, PaymentRow.order_id, PaymentRow.amount_fen)
    lines = _sums(session, OrderLineRow.order_id, OrderLineRow.net_fen)
    audits, created = _audit_amounts(session)
    events = _event_totals(session)
    receipts: dict[str, str] = {}
    orders = session.execute(
        select(
            OrderRow.id,
            OrderRow.receipt_no,
            OrderRow.kind,
            OrderRow.subtotal_fen,
            OrderRow.discount_fen,
            OrderRow.rounding_fen,
            OrderRow.total_fen,
        ).order_by(OrderRow.receipt_no)
    )
    for order_id, receipt_no, kind, subtotal, discount, rounding, total in orders:
        receipts[order_id] = receipt_no
        due = subtotal - discount - rounding
        if due != total:
            yield Mismatch(
                "小票 %1：金额 %2 与原价减折扣、抹零后的 %3 不符",
                receipt_no,
                format_yuan(total),
                format_yuan(due),
            )
        line_count, net = lines.get(order_id, (0, 0))
        if line_count and net != total:
            yield Mismatch(
                "小票 %1：金额 %2 与各行金额合计 %3 不符",
                receipt_no,
                format_yuan(total),
                format_yuan(net),
            )
        payments = paid.get(order_id, (0, 0))[1]
        if kind is OrderKind.REFUND:
            payments = -payments  # money paid back: the payments are negative
        if payments != total:
            yield Mismatch(
                "小票 %1：金额 %2 与付款合计 %3 不符",
                receipt_no,
                format_yuan(total),
                format_yuan(payments),
            )
        yield from _against_audit(receipt_no, total, audits.get(receipt_no, []))
        yield from _against_events(receipt_no, total, events.get(order_id, []))
    known = set(receipts.values())
    for seq, receipt_no in created:
        if receipt_no not in known:
            yield Mismatch(
                "审计记录第 %1 条记下的小票 %2 不在订单中：订单被删除了", seq, receipt_no
            )
    for order_id, found in events.items():
        if order_id not in receipts:
            for seq, event_type, _ in found:
                yield Mismatch(
                    "上报事件 %1（第 %2 号）记下的订单 %3 不在订单中：订单被删除了",
                    event_type,
                    seq,
                    order_id,
                )


def _against_audit(
    receipt_no: str, total: int, records: list[tuple[int, str, int | None]]
) -> Iterator[Mismatch]:
    if not any(action in ORDER_AUDIT_ACTIONS for _, action, _ in records):
        yield Mismatch("小票 %1：没有它的审计记录", receipt_no)
    for seq, _, amount in records:
        if amount is not None and amount != total:
            yield Mismatch(
                "小票 %1：金额 %2 与审计记录（第 %3 条）记下的 %4 不符",
                receipt_no,
                format_yuan(total),
                seq,
                format_yuan(amount),
            )


def _against_events(
    receipt_no: str, total: int, events: list[tuple[int, str, object]]
) -> Iterator[Mismatch]:
    if not events:
        yield Mismatch("小票 %1：没有它上报总部的事件", receipt_no)
    for seq, event_type, amount in events:
        if not isinstance(amount, int):
            yield Mismatch("小票 %1：上报事件 %2（第 %3 号）没有金额", receipt_no, event_type, seq)
        elif amount != total:
            yield Mismatch(
                "小票 %1：金额 %2 与上报事件 %3（第 %4 号）记下的 %5 不符",
                receipt_no,
                format_yuan(total),
                event_type,
                seq,
                format_yuan(amount),
            )


# -- balances --------------------------------------------------------------------------------------

#: What a cached member sum is called, and whether it is money.
_MEMBER_SUMS: dict[str, tuple[str, bool]] = {
    "principal_fen": ("会员 %1（卡号 %2）：储值本金记为 %3，按流水应为 %4", True),
    "bonus_fen": ("会员 %1（卡号 %2）：赠送金记为 %3，按流水应为 %4", True),
    "points": ("会员 %1（卡号 %2）：积分记为 %3，按流水应为 %4", False),
    "total_spend_fen": ("会员 %1（卡号 %2）：累计消费记为 %3，按流水应为 %4", True),
    "visit_count": ("会员 %1（卡号 %2）：到店次数记为 %3，按流水应为 %4", False),
}


def _check_balances(session: Session) -> Iterator[Mismatch]:
    found = check_ledgers(session)
    if not found:
        return
    owners = {m.owner_id for m in found}
    members = {
        row.id: (row.name, mask_card(row.card_no))
        for row in session.execute(
            select(MemberRow.id, MemberRow.name, MemberRow.card_no).where(MemberRow.id.in_(owners))
        )
    }
    cards = {
        row.id: row.name
        for row in session.execute(
            select(MemberCountCardRow.id, MemberCountCardRow.name).where(
                MemberCountCardRow.id.in_(owners)
            )
        )
    }
    gifts = {
        row.id: row.name
        for row in session.execute(select(GiftRow.id, GiftRow.name).where(GiftRow.id.in_(owners)))
    }
    for mismatch in found:
        if mismatch.what in _MEMBER_SUMS:
            template, money = _MEMBER_SUMS[mismatch.what]
            name, card = members.get(mismatch.owner_id, (mismatch.owner_id, ""))
            word = format_yuan if money else str
            yield Mismatch(template, name, card, word(mismatch.cached), word(mismatch.from_ledger))
        elif mismatch.what == "uses_left":
            yield Mismatch(
                "次卡 %1：剩余次数记为 %2，按流水应为 %3",
                cards.get(mismatch.owner_id, mismatch.owner_id),
                mismatch.cached,
                mismatch.from_ledger,
            )
        else:
            yield Mismatch(
                "礼品 %1：库存记为 %2，按流水应为 %3",
                gifts.get(mismatch.owner_id, mismatch.owner_id),
                mismatch.cached,
                mismatch.from_ledger,
            )


# -- the reports' totals ---------------------------------------------------------------------------

#: What a totals row that disagrees with the orders does to the reports, by table.
_TOTALS_WRONG = {
    "sales_day_orders": "销售日报汇总 %1 与当天订单不符：报表里这一天的数会错",
    "sales_day_hours": "分时段销售汇总 %1 与当时订单不符：按时段报表会错",
    "sales_day_cashiers": "收银员销售汇总 %1 与当天订单不符：按收银员报表会错",
    "sales_day_tenders": "收款方式汇总 %1 与当天付款不符：报表里这一天的收款会错",
    "sales_day_products": "商品日汇总 %1 与当天订单明细不符：商品报表会错",
    "sales_month_products": "商品月汇总 %1 与当月订单明细不符：商品报表会错",
}


def _check_sales_totals(session: Session) -> Iterator[Mismatch]:
    found = check_sales_totals(session)
    keys = {mismatch.key[-1] for mismatch in found}
    named = {
        row.id: f"{row.code} {row.name}"
        for row in session.execute(
            select(ProductRow.id, ProductRow.code, ProductRow.name).where(ProductRow.id.in_(keys))
        )
    }
    named.update(
        session.execute(select(StaffRow.id, StaffRow.name).where(StaffRow.id.in_(keys)))
        .tuples()
        .all()
    )
    for mismatch in found:
        period, *rest = mismatch.key
        yield Mismatch(
            _TOTALS_WRONG[mismatch.table], " ".join([period, *(named.get(k, k) for k in rest)])
        )
