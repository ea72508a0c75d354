"""Promotions at the counter: rules saved, scheduled and retired by a manager (audited), the
blacklist, the rules loaded once for pricing, and what a sale or an enrolment records of them.

Every change is one transaction with its audit entry; a refused rule writes nothing. The rules
are read into a :class:`PromotionCache` once and kept until a rule or the blacklist changes in
this process, or a pull brings the head office's rules (it bumps :data:`CHANGED_KEY`), so a sale
asks nothing more of the database to be priced. A rule the head office sent is shown here but
changed and retired only there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.members.accounts import (
    append_points,
    append_stored_value,
    emit,
    load_account,
    member_date_of,
)
from app.members.coupons import issue_coupons
from app.members.points import PointsKind
from app.members.stored_value import GIFT_KIND
from app.pos.catalog import check_approver
from app.pos.pricing import Buyer, GiftProduct, PromotionBook, Totals
from app.pos.promotion_blacklist import load_rules, ruled_out
from app.pos.promotion_rules import (
    Promotion,
    PromotionError,
    PromotionKind,
    check_rule,
    find_overlap,
    rule_from_dict,
    rule_to_dict,
)
from app.storage import audit
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.member_models import MemberRow
from app.storage.models import CounterStateRow, OrderRow, OrderState, ProductRow
from app.storage.promotion_models import (
    ORIGIN_HEAD_OFFICE,
    PromotionBlacklistRow,
    PromotionRow,
    PromotionUseRow,
)

MILLI = 1000
#: Counter state a pull rewrites when it changed the rules: every cache loads them again.
CHANGED_KEY = "promotions.changed"


@dataclasses.dataclass(frozen=True)
class PromotionView:
    rule: Promotion
    retired: bool
    from_head_office: bool = False


@dataclasses.dataclass(frozen=True)
class BlacklistEntry:
    member_id: str
    name: str
    card_no: str
    reason: str
    #: Kept out by a blacklist rule (a tag, refunds), not by hand: change the rule to let go.
    by_rule: bool = False


# -- rules ---------------------------------------------------------------------------------------


def _live_rules(session: Session) -> list[Promotion]:
    rows = session.scalars(select(PromotionRow).where(PromotionRow.retired_at.is_(None)))
    return [rule_from_dict(json.loads(row.terms)) for row in rows]


def _check_goods(session: Session, rule: Promotion) -> None:
    """Listed products exist; a price under a product's cost needs the manager's say-so."""
    wanted = set(rule.product_ids) | set(rule.gift_product_ids)
    if not wanted:
        return
    rows = {
        row.id: row for row in session.scalars(select(ProductRow).where(ProductRow.id.in_(wanted)))
    }
    missing = wanted - rows.keys()
    if missing:
        raise PromotionError("促销“%1”中有不存在的商品", rule.name, field="product_ids")
    if rule.below_cost_approved or rule.kind is not PromotionKind.SPECIAL_PRICE:
        return
    for product_id in sorted(rule.product_ids):
        cost = rows[product_id].cost_fen
        if cost is not None and rule.price_fen < cost:
            raise PromotionError(
                "特价低于“%1”的成本价：须店长确认“允许低于成本”",
                rows[product_id].name,
                field="below_cost_approved",
            )


def save_promotion(
    session: Session, rule: Promotion, *, actor_id: str, approver_id: str
) -> PromotionView:
    """Create a rule, or replace the terms of one (same id); refused whole or written whole."""
    check_approver(session, approver_id)
    check_rule(rule)
    _check_goods(session, rule)
    clash = find_overlap(rule, _live_rules(session))
    if clash is not None:
        raise PromotionError(
            "与促销“%1”重叠（同类、同商品、同时段且都不叠加）：请改时段或设为可叠加",
            clash.name,
            field="starts_on",
        )
    row = session.get(PromotionRow, rule.id)
    action = "promotion.changed"
    if row is None:
        row = PromotionRow(id=rule.id, created_at=utcnow())
        session.add(row)
        action = "promotion.created"
    elif row.origin == ORIGIN_HEAD_OFFICE:
        raise PromotionError("促销“%1”由总部设定，门店不能修改", row.name)
    elif row.retired_at is not None:
        raise PromotionError("促销“%1”已停用，不能修改", row.name)
    row.name = rule.name.strip()
    row.kind = rule.kind.value
    row.terms = json.dumps(rule_to_dict(rule), ensure_ascii=False, sort_keys=True)
    row.starts_on = rule.starts_on
    row.ends_on = rule.ends_on
    row.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        action,
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=rule.id,
        detail={"name": row.name, "kind": rule.kind.value, "terms": rule_to_dict(rule)},
    )
    return PromotionView(rule, retired=False)


def retire_promotion(
    session: Session, promotion_id: str, *, actor_id: str, approver_id: str
) -> None:
    """End a rule now; its uses stay (refunds of its sales still read them)."""
    check_approver(session, approver_id)
    row = session.get(PromotionRow, promotion_id)
    if row is None:
        raise PromotionError("未找到该促销")
    if row.origin == ORIGIN_HEAD_OFFICE:
        raise PromotionError("促销“%1”由总部设定，门店不能停用", row.name)
    if row.retired_at is not None:
        raise PromotionError("促销“%1”已停用", row.name)
    row.retired_at = utcnow()
    audit.record(
        session,
        "promotion.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": row.name},
    )


def list_promotions(session: Session, *, include_retired: bool = False) -> list[PromotionView]:
    query = select(PromotionRow).order_by(PromotionRow.starts_on, PromotionRow.name)
    if not include_retired:
        query = query.where(PromotionRow.retired_at.is_(None))
    return [
        PromotionView(
            rule_from_dict(json.loads(row.terms)),
            retired=row.retired_at is not None,
            from_head_office=row.origin == ORIGIN_HEAD_OFFICE,
        )
        for row in session.scalars(query)
    ]


# -- blacklist -----------------------------------------------------------------------------------


def blacklist_member(
    session: Session, member_id: str, reason: str, *, actor_id: str, approver_id: str
) -> None:
    check_approver(session, approver_id)
    member = session.get(MemberRow, member_id)
    if member is None:
        raise PromotionError("未找到该会员")
    if session.get(PromotionBlacklistRow, member_id) is not None:
        raise PromotionError("会员“%1”已在促销黑名单中", member.name)
    session.add(
        PromotionBlacklistRow(member_id=member_id, reason=reason.strip()[:80], added_by=actor_id)
    )
    audit.record(
        session,
        "promotion.blacklisted",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=member_id,
        detail={"reason": reason.strip()[:80]},
    )


def unblacklist_member(
    session: Session, member_id: str, *, actor_id: str, approver_id: str, today: dt.date
) -> None:
    check_approver(session, approver_id)
    row = session.get(PromotionBlacklistRow, member_id)
    if row is None and member_id in ruled_out(session, load_rules(session), today):
        raise PromotionError("该会员是按黑名单规则列入的：请修改规则")
    if row is None:
        raise PromotionError("该会员不在促销黑名单中")
    session.delete(row)
    audit.record(
        session,
        "promotion.unblacklisted",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=member_id,
    )


def list_blacklist(session: Session, today: dt.date) -> list[BlacklistEntry]:
    """Those kept out by hand, then those the blacklist rules keep out today, with the reason."""
    rows = session.execute(
        select(MemberRow.id, MemberRow.name, MemberRow.card_no, PromotionBlacklistRow.reason)
        .join(MemberRow, MemberRow.id == PromotionBlacklistRow.member_id)
        .order_by(MemberRow.name)
    )
    entries = [BlacklistEntry(*row) for row in rows]
    by_hand = {e.member_id for e in entries}
    ruled = {
        k: v for k, v in ruled_out(session, load_rules(session), today).items() if k not in by_hand
    }
    members = session.execute(
        select(MemberRow.id, MemberRow.name, MemberRow.card_no)
        .where(MemberRow.id.in_(ruled))
        .order_by(MemberRow.name)
    )
    entries += [BlacklistEntry(i, name, card, ruled[i], by_rule=True) for i, name, card in members]
    return entries


# -- loading for pricing -------------------------------------------------------------------------

#: A use counts towards a limit unless its sale was voided (an enrolment's use has no sale).
_NOT_VOIDED = or_(PromotionUseRow.order_id.is_(None), OrderRow.state != OrderState.VOIDED)


def _counted_uses() -> Any:
    return (
        select(PromotionUseRow.promotion_id, func.count())
        .select_from(PromotionUseRow)
        .outerjoin(OrderRow, OrderRow.id == PromotionUseRow.order_id)
        .where(_NOT_VOIDED)
    )


def load_book(session: Session, today: dt.date, version: int = 0) -> PromotionBook:
    """The rules not retired and not yet over, their gift products, and the blacklist: those
    kept out by hand and those the blacklist rules keep out today."""
    rows = session.scalars(
        select(PromotionRow).where(PromotionRow.retired_at.is_(None), PromotionRow.ends_on >= today)
    )
    rules = tuple(rule_from_dict(json.loads(row.terms)) for row in rows)
    gift_ids = {g for rule in rules for g in rule.gift_product_ids}
    gifts = {
        row.id: GiftProduct(
            row.id,
            row.code,
            row.name,
            row.unit,
            row.price_fen,
            row.stock_milli,
            row.track_stock,
            row.cost_fen,
        )
        for row in session.scalars(select(ProductRow).where(ProductRow.id.in_(gift_ids)))
    }
    blacklist = frozenset(session.scalars(select(PromotionBlacklistRow.member_id))) | frozenset(
        ruled_out(session, load_rules(session), today)
    )
    return PromotionBook(rules, gifts, blacklist, version)


def note_rules_changed(session: Session) -> None:
    """Written with rules another writer (a pull) changed: each cache loads them again."""
    value = new_id()
    row = session.get(CounterStateRow, CHANGED_KEY)
    if row is None:
        session.add(CounterStateRow(key=CHANGED_KEY, value=value))
    else:
        row.value = value


def _changed_mark(session: Session) -> str | None:
    return session.scalar(select(CounterStateRow.value).where(CounterStateRow.key == CHANGED_KEY))


class PromotionCache:
    """The book loaded once per day and per change: ``invalidate`` after any rule, blacklist or
    gift-stock change this process makes; a pull's changes are seen by :data:`CHANGED_KEY`
    (one primary-key read per new cart, not per paint)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._book: PromotionBook | None = None
        self._day: dt.date | None = None
        self._mark: str | None = None
        self._version = 0

    def get(self, session: Session, today: dt.date) -> PromotionBook:
        with self._lock:
            mark = _changed_mark(session)
            if self._book is None or self._day != today or self._mark != mark:
                if self._book is not None and self._mark != mark:
                    self._version += 1
                self._book = load_book(session, today, self._version)
                self._day = today
                self._mark = mark
            return self._book

    def invalidate(self) -> None:
        with self._lock:
            self._version += 1
            self._book = None


def buyer_of(session: Session, member_id: str, book: PromotionBook, today: dt.date) -> Buyer:
    """The member as promotions see them, with their uses of limited and birthday promotions."""
    member = session.get(MemberRow, member_id)
    if member is None:
        raise PromotionError("未找到该会员")
    limited = [r.id for r in book.rules if r.per_member_limit is not None]
    birthday = [r.id for r in book.rules if r.kind is PromotionKind.BIRTHDAY]
    uses: dict[str, int] = {}
    if limited:
        uses = {
            promotion_id: count
            for promotion_id, count in session.execute(
                _counted_uses()
                .where(
                    PromotionUseRow.member_id == member_id,
                    PromotionUseRow.promotion_id.in_(limited),
                )
                .group_by(PromotionUseRow.promotion_id)
            )
        }
    used: frozenset[str] = frozenset()
    if birthday:
        year_start = today - dt.timedelta(days=366)
        used = frozenset(
            session.scalars(
                select(PromotionUseRow.promotion_id)
                .outerjoin(OrderRow, OrderRow.id == PromotionUseRow.order_id)
                .where(
                    _NOT_VOIDED,
                    PromotionUseRow.member_id == member_id,
                    PromotionUseRow.promotion_id.in_(birthday),
                    PromotionUseRow.business_day > year_start,
                )
            )
        )
    return Buyer(member_id, member.card_type_id, member_date_of(member), uses, used)


# -- at checkout ---------------------------------------------------------------------------------


def check_before_sale(
    session: Session, totals: Totals, *, cashier_id: str, day: dt.date, book: PromotionBook | None
) -> None:
    """What the cache cannot know: gifts still in stock, a cashier's staff coupons today."""
    for gift in totals.gifts:
        row = session.get(ProductRow, gift.product.id)
        if row is None or (row.track_stock and row.stock_milli < gift.qty_milli):
            raise PromotionError("赠品“%1”库存不足，请换赠品或取消赠送", gift.product.name)
    for applied in totals.applied:
        if applied.kind is not PromotionKind.STAFF_COUPON or book is None:
            continue
        rule = book.rule(applied.id)
        used = session.scalar(
            select(func.count())
            .select_from(PromotionUseRow)
            .outerjoin(OrderRow, OrderRow.id == PromotionUseRow.order_id)
            .where(
                _NOT_VOIDED,
                PromotionUseRow.promotion_id == applied.id,
                PromotionUseRow.cashier_id == cashier_id,
                PromotionUseRow.business_day == day,
            )
        )
        if rule is not None and (used or 0) >= rule.daily_limit:
            raise PromotionError(
                "员工赠券“%1”今天已用满 %2 张（每位收银员每天）", rule.name, rule.daily_limit
            )


def use_rows(
    totals: Totals,
    line_ids: Sequence[str],
    gift_line_ids: Sequence[str],
    *,
    order_id: str,
    member_id: str | None,
    cashier_id: str,
    day: dt.date,
    at: dt.datetime,
) -> list[dict[str, Any]]:
    """The ``promotion_uses`` rows of a sale: 满减 and 满赠 keep the order lines they counted."""
    gifts = {g.promotion_id: gid for g, gid in zip(totals.gifts, gift_line_ids, strict=True)}
    rows = []
    for applied in totals.applied:
        detail: dict[str, Any] = {"kind": applied.kind.value, "name": applied.name}
        if applied.counted:
            detail |= {
                "threshold_fen": applied.threshold_fen,
                "amount_fen": applied.amount_fen,
                "repeat": applied.repeat,
                "cap_fen": applied.cap_fen,
                "lines": {
                    line_ids[i]: fen
                    for i, fen in zip(applied.counted, applied.counted_fen, strict=True)
                },
            }
        if applied.id in gifts:
            detail["gift_line_id"] = gifts[applied.id]
        rows.append(
            {
                "id": new_id(),
                "promotion_id": applied.id,
                "order_id": order_id,
                "member_id": member_id,
                "cashier_id": cashier_id,
                "business_day": day,
                "saved_fen": applied.saved_fen,
                "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
                "created_at": at,
            }
        )
    return rows


def uses_of_order(session: Session, order_id: str) -> list[dict[str, Any]]:
    """The 满减 and 满赠 uses of a sale, as their detail says (for its refunds)."""
    rows = session.scalars(select(PromotionUseRow).where(PromotionUseRow.order_id == order_id))
    return [
        json.loads(row.detail) | {"promotion_id": row.promotion_id, "saved_fen": row.saved_fen}
        for row in rows
    ]


# -- enrolment -----------------------------------------------------------------------------------


def grant_signup_gifts(
    session: Session,
    member_id: str,
    *,
    book: PromotionBook,
    at: dt.datetime,
    actor_id: str,
) -> list[str]:
    """新人礼包: the sign-up promotions in force give their points, coupon or stored value, each
    on the enrolment's own transaction; the names of those given."""
    if member_id in book.blacklist:
        return []
    member = load_account(session, member_id)
    given = []
    for rule in book.rules:
        if rule.kind is not PromotionKind.SIGNUP_GIFT or not rule.in_force(at):
            continue
        if not rule.open_to(member.card_type_id):
            continue
        reason = f"新人礼包：{rule.name}"
        if rule.signup_points:
            line = append_points(
                session,
                member,
                PointsKind.GIFT.value,
                rule.signup_points,
                on=at.date(),
                reason=reason,
                actor_id=actor_id,
            )
            emit(session, "PointsGiven", member, action=None, actor_id=actor_id, lines=[line])
        if rule.signup_stored_fen:
            sv = append_stored_value(
                session,
                member,
                GIFT_KIND,
                0,
                rule.signup_stored_fen,
                on=at.date(),
                reason=reason,
                actor_id=actor_id,
            )
            emit(session, "StoredValueGiven", member, action=None, actor_id=actor_id, lines=[sv])
        if rule.signup_coupon_template_id:
            issue_coupons(
                session,
                rule.signup_coupon_template_id,
                [member_id],
                on=at.date(),
                actor_id=actor_id,
                reason=reason,
            )
        session.add(
            PromotionUseRow(
                id=new_id(),
                promotion_id=rule.id,
                order_id=None,
                member_id=member_id,
                cashier_id=actor_id,
                business_day=at.date(),
                saved_fen=rule.signup_stored_fen,
                detail=json.dumps({"kind": rule.kind.value, "name": rule.name}),
            )
        )
        given.append(rule.name)
    return given
