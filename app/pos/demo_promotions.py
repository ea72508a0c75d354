"""The demo store's promotions: one of every kind, so a new user sees each at work.

Saved through ``promotions.save_promotion`` in the demo manager's name, like any rule (audited).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.money import percent_of
from app.pos import promotions
from app.pos.promotion_rules import Audience, BirthdayWindow, Promotion, PromotionKind
from app.storage.ids import new_id
from app.storage.models import CategoryRow, ProductRow, Role, StaffRow

DEMO_PROMOTION_DAYS = 365


def _product(session: Session, name: str) -> ProductRow:
    row = session.scalar(select(ProductRow).where(ProductRow.name == name))
    if row is None:
        raise LookupError(name)  # the demo catalog names it: a bug if missing
    return row


def _category(session: Session, name: str) -> str:
    row = session.scalar(select(CategoryRow.id).where(CategoryRow.name == name))
    if row is None:
        raise LookupError(name)
    return row


def seed_demo_promotions(session: Session, *, today: dt.date) -> int:
    """One promotion of every kind from yesterday for a year; the number saved."""
    manager = session.scalar(select(StaffRow.id).where(StaffRow.role == Role.MANAGER).limit(1))
    if manager is None:
        return 0
    cola = _product(session, "可口可乐 500ml")
    red_bull = _product(session, "红牛维生素功能饮料 250ml")
    tea = _product(session, "康师傅绿茶 500ml")
    oil_gift = _product(session, "可口可乐 2L")
    gift_two = _product(session, "雪碧 2L")
    cola_small = _product(session, "可口可乐 330ml")
    start, end = today - dt.timedelta(days=1), today + dt.timedelta(days=DEMO_PROMOTION_DAYS)

    def rule(name: str, kind: PromotionKind, **terms: Any) -> Promotion:
        return Promotion(new_id(), name, kind, starts_on=start, ends_on=end, **terms)

    special = max(cola.cost_fen or 0, percent_of(cola.price_fen, 8500))
    rules = [
        rule(
            "零食九折",
            PromotionKind.PERCENT_OFF,
            category_ids=frozenset({_category(session, "零食")}),
            percent_bp=1000,
        ),
        rule(
            "红牛立减1元",
            PromotionKind.AMOUNT_OFF,
            product_ids=frozenset({red_bull.id}),
            amount_fen=100,
        ),
        rule(
            "可乐限时特价",
            PromotionKind.SPECIAL_PRICE,
            product_ids=frozenset({cola.id}),
            price_fen=special,
        ),
        rule(
            "绿茶第二件半价",
            PromotionKind.MULTI_BUY,
            product_ids=frozenset({tea.id}),
            bundle_qty=2,
            nth_paid_bp=5000,
        ),
        rule(
            "每满100减10",
            PromotionKind.SPEND_OFF,
            all_products=True,
            excluded_category_ids=frozenset({_category(session, "酒类")}),
            threshold_fen=10_000,
            amount_fen=1_000,
            repeat=True,
            cap_fen=3_000,
            stacks=True,
        ),
        rule(
            "满200送大瓶饮料",
            PromotionKind.SPEND_GIFT,
            all_products=True,
            threshold_fen=20_000,
            gift_product_ids=(oil_gift.id, gift_two.id),
            stacks=True,
        ),
        rule(
            "周三会员日95折",
            PromotionKind.MEMBER_DAY,
            all_products=True,
            audience=Audience.MEMBERS,
            weekdays=frozenset({3}),
            percent_bp=500,
            stacks=True,
        ),
        rule(
            "每月8号积分翻倍",
            PromotionKind.MEMBER_DAY,
            all_products=True,
            audience=Audience.MEMBERS,
            days_of_month=frozenset({8}),
            points_multiplier=2,
            stacks=True,
        ),
        rule(
            "生日周送可乐",
            PromotionKind.BIRTHDAY,
            all_products=True,
            audience=Audience.MEMBERS,
            birthday_window=BirthdayWindow.WEEK,
            gift_product_ids=(cola_small.id,),
            points_multiplier=2,
            stacks=True,
        ),
        rule(
            "新人礼包100积分",
            PromotionKind.SIGNUP_GIFT,
            audience=Audience.MEMBERS,
            signup_points=100,
        ),
        rule(
            "员工赠券减5元",
            PromotionKind.STAFF_COUPON,
            amount_fen=500,
            threshold_fen=3_000,
            daily_limit=3,
        ),
    ]
    for made in rules:
        promotions.save_promotion(session, made, actor_id=manager, approver_id=manager)
    return len(rules)
