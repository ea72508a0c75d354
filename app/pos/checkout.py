"""Checkout: one paid sale written whole in one transaction, or not at all.

The order, its lines and payments, stock moves, the receivable, the audit entry, the outbox event
and the receipt's print job are written together; a crash at any instant leaves all or nothing.
The rows go in as batched Core inserts built from plain values, and the very same values make the
outbox payload: a sale is the commonest write of the counter and must stay cheap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Config
from app.errors import KnownError
from app.members import coupons, stored_value
from app.members import points as member_points
from app.members import sales as member_sales
from app.members.accounts import PointsLine, StoredValueLine
from app.pos import promotions
from app.pos.cart import Cart, CartError
from app.pos.catalog import sale_costs, sell_from_stock
from app.pos.order_rows import Till, insert_order, new_order, order_payload, payment_row
from app.pos.pricing import GiftLine
from app.pos.print_jobs import enqueue
from app.pos.receipts import PrintJobKind
from app.pos.receivables import Debtor, check_account
from app.pos.staff import StaffView
from app.pos.tenders import MEMBER_TENDERS, Tender, TenderMethod, settle
from app.storage import audit, outbox
from app.storage.approvals import PasswordCheck, spend_password_check
from app.storage.base import Base, utcnow
from app.storage.ids import new_id
from app.storage.member_models import MemberRow
from app.storage.models import (
    OrderKind,
    ReceivableRow,
    Role,
    ShiftRow,
    ShiftState,
    StaffRow,
)
from app.storage.promotion_models import PromotionUseRow

_RECEIVABLES = Base.metadata.tables[ReceivableRow.__tablename__]
_PROMOTION_USES = Base.metadata.tables[PromotionUseRow.__tablename__]
_SHIFT_STATE = f"SELECT state FROM {ShiftRow.__tablename__} WHERE id = ?"


class CheckoutError(KnownError):
    """The sale cannot be completed as asked; nothing was written."""


@dataclasses.dataclass(frozen=True)
class MemberBalances:
    """What the member holds after the sale, for the screen and the receipt."""

    points_earned: int
    points: int
    principal_fen: int
    bonus_fen: int

    @property
    def balance_fen(self) -> int:
        return self.principal_fen + self.bonus_fen


@dataclasses.dataclass(frozen=True)
class SaleResult:
    order_id: str
    receipt_no: str
    total_fen: int
    change_fen: int
    print_job_id: str
    opens_drawer: bool
    member: MemberBalances | None = None
    #: Slips printed after the receipt (the 储值凭条 of a payment by card).
    slip_job_ids: tuple[str, ...] = ()


def checkout(
    session: Session,
    cart: Cart,
    tenders: list[Tender] | tuple[Tender, ...],
    *,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    now: dt.datetime | None = None,
    member_password: PasswordCheck | None = None,
    order_id: str | None = None,
) -> SaleResult:
    """Ring up ``cart`` paid by ``tenders``; the caller's transaction commits it once.

    With a member attached, stored value and points pay their part, and the visit, the spend
    and the points earned go on the member's ledgers, all in the same transaction. A card that
    needs a password must have had it checked first (``members.cards.verify_password``, in its
    own transaction so that wrong tries count): ``member_password`` is the proof that check gave,
    spent by this sale. A price override in the cart must name staff who may still approve.
    挂账 goes to the attached member (the same password rule) or to a named customer, within the
    store's credit limit if it has one.
    """
    # A password checked for a sale with no member attached proves nothing here: unspent.
    checked, member_id = (
        (member_password, cart.member.member_id) if cart.member is not None else (None, "")
    )
    with spend_password_check(checked, member_id) as verified:
        _check_cart_approvers(session, cart)
        return _checkout(
            session,
            cart,
            tenders,
            cashier=cashier,
            shift_id=shift_id,
            config=config,
            now=now,
            member_password_verified=verified,
            order_id=order_id,
        )


def _check_cart_approvers(session: Session, cart: Cart) -> None:
    """A price override names who approved it (the cart spent their approval); a cart kept in the
    database (parked) or built by hand could name anyone, so each must be staff who may approve."""
    named = {line.price_override_approver_id for line in cart.lines}
    for approver_id in sorted(a for a in named if a):
        row = session.get(StaffRow, approver_id)
        if row is None or not row.active or row.role not in (Role.MANAGER, Role.OWNER):
            raise CheckoutError("购物车中的改价没有有效的店长授权，请重新改价")


def _checkout(
    session: Session,
    cart: Cart,
    tenders: list[Tender] | tuple[Tender, ...],
    *,
    cashier: StaffView,
    shift_id: str | None,
    config: Config,
    now: dt.datetime | None,
    member_password_verified: bool,
    order_id: str | None,
) -> SaleResult:
    if cart.is_empty:
        raise CheckoutError("购物车是空的")
    if cart.member is None and any(t.method in MEMBER_TENDERS for t in tenders):
        raise CheckoutError("储值或积分付款须先刷会员卡")
    member_id = cart.member.member_id if cart.member else None
    if any(t.account_member_id and t.account_member_id != member_id for t in tenders):
        raise CheckoutError("挂账到会员须先刷该会员的卡")
    moment = now or utcnow()
    totals = cart.totals()
    if any(p.net_fen < 0 for p in totals.lines):  # the pricing pass promises it; never written
        raise CheckoutError("金额计算有误：出现负数行，请重新扫描")
    settlement = settle(totals.total_fen, tenders)
    if shift_id is not None:
        state = session.connection().exec_driver_sql(_SHIFT_STATE, (shift_id,)).scalar()
        if state != ShiftState.OPEN.value:
            raise CheckoutError("当前班次已关闭，请重新开班")

    approvers = [line.price_override_approver_id for line in cart.lines]
    order = new_order(
        session,
        Till(cashier, shift_id, config, moment),
        OrderKind.SALE,
        approver_id=next((a for a in [*approvers, cart.order_discount_approver_id] if a), None),
        member_id=cart.member.member_id if cart.member else None,
        subtotal_fen=totals.subtotal_fen,
        discount_fen=totals.discount_fen,
        rounding_fen=totals.rounding_fen,
        total_fen=totals.total_fen,
        change_fen=settlement.change_fen,
        label=cart.order_discount.label if cart.order_discount else None,
        order_id=order_id,
    )
    order_id = str(order["id"])
    day: dt.date = order["business_day"]
    promotions.check_before_sale(session, totals, cashier_id=cashier.id, day=day, book=cart.book)
    stock_items = [
        (line.product.id, line.qty_milli, line.product.track_stock) for line in cart.lines
    ] + [(gift.product.id, gift.qty_milli, gift.product.track_stock) for gift in totals.gifts]
    costs = sale_costs(session, [(p, qty) for p, qty, _ in stock_items])
    lines = [
        {
            "id": new_id(),
            "order_id": order_id,
            "line_no": number,
            "product_id": line.product.id,
            "original_line_id": None,
            "name": line.product.name,
            "barcode": line.barcode,
            "unit": line.product.unit,
            "qty_milli": line.qty_milli,
            "list_price_fen": line.product.price_fen,
            "unit_price_fen": line.unit_price_fen,
            "gross_fen": priced.gross_fen,
            "line_discount_fen": priced.line_discount_fen,
            "order_share_fen": priced.order_share_fen,
            "net_fen": priced.net_fen,
            "refunded_qty_milli": 0,
            "refunded_fen": 0,
            "discount_label": line.discount.label
            if line.discount
            else ("、".join(priced.promotion_names)[:40] or None),
            "cost_fen": cost,
            "promotion_ids": ",".join(priced.promotion_ids) or None,
            "promotion_fen": priced.promotion_fen,
        }
        for number, (line, priced, cost) in enumerate(
            zip(cart.lines, totals.lines, costs[: len(cart.lines)], strict=True), 1
        )
    ]
    lines += [
        gift_row(order_id, len(lines) + number, gift, cost)
        for number, (gift, cost) in enumerate(
            zip(totals.gifts, costs[len(cart.lines) :], strict=True), 1
        )
    ]
    payments = [
        payment_row(
            order_id,
            seq,
            applied.method,
            applied.applied_fen,
            tendered_fen=applied.tendered_fen,
            reference=applied.reference,
            customer_name=applied.customer_name,
        )
        for seq, applied in enumerate(settlement.applied, 1)
    ]
    account_member_id: str | None = None
    for applied, payment in zip(settlement.applied, payments, strict=True):
        if applied.method is TenderMethod.ON_ACCOUNT:  # never on the plain cash path
            debtor = Debtor(applied.account_member_id, applied.customer_name or "")
            payment["customer_name"] = check_account(
                session,
                debtor,
                applied.applied_fen,
                on=day,
                password_verified=member_password_verified,
                limit_fen=config.on_account_limit_fen,
            )
            account_member_id = applied.account_member_id
    ledger_entries: list[dict[str, Any]] = []
    balances = None
    if cart.member is not None:
        balances = _member_part(
            session,
            cart.member.member_id,
            payments,
            ledger_entries,
            day=day,
            order_id=order_id,
            actor_id=cashier.id,
            password_verified=member_password_verified,
            points_multiplier=totals.points_multiplier,
        )
    if cart.coupon is not None and cart.member is not None:
        if totals.coupon_refusal is not None:
            raise CartError(totals.coupon_refusal.template, *totals.coupon_refusal.values)
        used = coupons.redeem_coupon(
            session,
            cart.coupon.coupon.id,
            list(totals.coupon_lines),
            member_id=cart.member.member_id,
            order_id=order_id,
            on=day,
            at=moment,
            actor_id=cashier.id,
        )
        ledger_entries.append({"ledger": "coupon", "coupon_id": used.id, "code": used.code})
    insert_order(session, order, lines, payments)
    receivables = [
        {
            "id": new_id(),
            "order_id": order_id,
            "customer_name": p["customer_name"] or "",
            "member_id": account_member_id,
            "amount_fen": p["amount_fen"],
            "settled_fen": 0,
            "created_at": moment,
        }
        for p in payments
        if p["method"] == TenderMethod.ON_ACCOUNT.value
    ]
    if receivables:
        session.connection().execute(_RECEIVABLES.insert(), receivables)
    uses = promotions.use_rows(
        totals,
        [str(line["id"]) for line in lines[: len(cart.lines)]],
        [str(line["id"]) for line in lines[len(cart.lines) :]],
        order_id=order_id,
        member_id=member_id,
        cashier_id=cashier.id,
        day=day,
        at=moment,
    )
    if uses:
        session.connection().execute(_PROMOTION_USES.insert(), uses)
    sell_from_stock(session, stock_items, costs, order_id, moment)
    audit.record(
        session,
        "sale.paid",
        actor_id=cashier.id,
        approver_id=order["approver_id"],
        subject_id=order_id,
        detail={"receipt_no": order["receipt_no"], "total_fen": totals.total_fen}
        | ({"on_account_member_id": account_member_id} if account_member_id else {}),
        at=moment,
    )
    payload = order_payload(order, lines, payments, ledger_entries)
    if receivables:  # who owes it: the member (their id) or the named customer
        payload["on_account"] = [
            {key: r[key] for key in ("id", "member_id", "customer_name", "amount_fen")}
            for r in receivables
        ]
    outbox.add_event(session, "SalePaid", payload, at=moment)
    opens_drawer = any(a.method is TenderMethod.CASH for a in settlement.applied)
    job_id = enqueue(session, PrintJobKind.SALE, None, order_id=order_id, open_drawer=opens_drawer)
    slips: tuple[str, ...] = ()
    if any(p["method"] == TenderMethod.STORED_VALUE.value for p in payments):
        slips = (enqueue(session, PrintJobKind.STORED_VALUE, None, order_id=order_id),)
    return SaleResult(
        order_id=order_id,
        receipt_no=order["receipt_no"],
        total_fen=totals.total_fen,
        change_fen=settlement.change_fen,
        print_job_id=job_id,
        opens_drawer=opens_drawer,
        member=balances,
        slip_job_ids=slips,
    )


def gift_row(order_id: str, line_no: int, gift: GiftLine, cost: int | None) -> dict[str, Any]:
    """A 满赠 / birthday gift as a sold line: its value taken off whole by its promotion."""
    value = gift.value_fen
    return {
        "id": new_id(),
        "order_id": order_id,
        "line_no": line_no,
        "product_id": gift.product.id,
        "original_line_id": None,
        "name": gift.product.name,
        "barcode": None,
        "unit": gift.product.unit,
        "qty_milli": gift.qty_milli,
        "list_price_fen": gift.product.price_fen,
        "unit_price_fen": gift.product.price_fen,
        "gross_fen": value,
        "line_discount_fen": value,
        "order_share_fen": 0,
        "net_fen": 0,
        "refunded_qty_milli": 0,
        "refunded_fen": 0,
        "discount_label": "赠品",
        "cost_fen": cost,
        "promotion_ids": gift.promotion_id,
        "promotion_fen": value,
    }


class _TenderStamp(TypedDict):
    """The day, the cashier and the sale of a member tender's ledger entry (the sale's own event
    carries the entries, so none has one of its own)."""

    on: dt.date
    actor_id: str
    order_id: str
    emit_event: bool


def _member_part(
    session: Session,
    member_id: str,
    payments: list[dict[str, Any]],
    ledger_entries: list[dict[str, Any]],
    *,
    day: dt.date,
    order_id: str,
    actor_id: str,
    password_verified: bool,
    points_multiplier: int = 1,
) -> MemberBalances:
    """Stored value and points tenders, then the visit, spend and points earned.

    Each ledger entry's id goes into its payment's reference (the payments are written after
    this), so a refund finds what to reverse.
    """
    bonus_paid = points_paid = 0
    stamp: _TenderStamp = {
        "on": day,
        "actor_id": actor_id,
        "order_id": order_id,
        "emit_event": False,
    }
    for payment in payments:
        line: StoredValueLine | PointsLine
        if payment["method"] == TenderMethod.STORED_VALUE.value:
            line = stored_value.spend_stored_value(
                session,
                member_id,
                payment["amount_fen"],
                password_verified=password_verified,
                **stamp,
            )
            bonus_paid += -line.bonus_delta
        elif payment["method"] == TenderMethod.POINTS.value:
            line = member_points.spend_points(
                session, member_id, payment["amount_fen"], **stamp
            ).line
            points_paid += payment["amount_fen"]
        else:
            continue
        payment["reference"] = line.id
        ledger_entries.append(line.payload())
    paid = sum(p["amount_fen"] for p in payments) - points_paid
    recorded = member_sales.member_sale(
        session,
        member_id,
        paid_fen=paid,
        bonus_paid_fen=bonus_paid,
        on=day,
        order_id=order_id,
        actor_id=actor_id,
        points_multiplier=points_multiplier,
    )
    ledger_entries.extend(recorded.payload())
    session.flush()  # the ledgers may have changed the member through the ORM or through Core
    held = session.execute(
        select(MemberRow.points, MemberRow.principal_fen, MemberRow.bonus_fen).where(
            MemberRow.id == member_id
        )
    ).one()
    return MemberBalances(
        points_earned=recorded.points_earned,
        points=held.points,
        principal_fen=held.principal_fen,
        bonus_fen=held.bonus_fen,
    )
