"""Promotion rules saved and refused, a sale that records them, and refunds of 满减 / 满赠."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.pos import promotions
from app.pos.catalog import ProductView
from app.pos.counter import CounterService
from app.pos.orders import OrderError, find_order, refund, void_order
from app.pos.promotion_rules import Promotion, PromotionError, PromotionKind
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.database import Database
from app.storage.models import AuditRow, OrderLineRow
from app.storage.promotion_models import PromotionRow, PromotionUseRow

TODAY = dt.date.today()


def make(name: str, kind: PromotionKind, **terms: object) -> Promotion:
    return Promotion(
        f"id-{name}",
        name,
        kind,
        starts_on=TODAY - dt.timedelta(days=1),
        ends_on=TODAY + dt.timedelta(days=30),
        **terms,  # type: ignore[arg-type]
    )


def counts(db: Database) -> tuple[int, int]:
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(PromotionRow)) or 0,
            session.scalar(select(func.count()).select_from(AuditRow)) or 0,
        )


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        (make("空", PromotionKind.PERCENT_OFF, percent_bp=1000), "没有适用的商品"),
        (make("超", PromotionKind.PERCENT_OFF, all_products=True, percent_bp=12000), "100%"),
        (
            make(
                "满减",
                PromotionKind.SPEND_OFF,
                all_products=True,
                threshold_fen=100,
                amount_fen=200,
            ),
            "不能超过门槛",
        ),
    ],
)
def test_a_bad_rule_is_refused_plainly_and_writes_nothing(
    db: Database, cashier: StaffView, manager: StaffView, rule: Promotion, words: str
) -> None:
    before = counts(db)
    with pytest.raises(PromotionError, match=words), db.transaction() as session:
        promotions.save_promotion(session, rule, actor_id=cashier.id, approver_id=manager.id)
    assert counts(db) == before


def test_an_overlapping_rule_is_refused_and_a_cashier_cannot_approve(
    db: Database, cashier: StaffView, manager: StaffView
) -> None:
    first = make("九折", PromotionKind.PERCENT_OFF, all_products=True, percent_bp=1000)
    with db.transaction() as session:
        promotions.save_promotion(session, first, actor_id=cashier.id, approver_id=manager.id)
    before = counts(db)
    clash = dataclasses.replace(first, id="other", name="八折", percent_bp=2000)
    with pytest.raises(PromotionError, match="与促销“九折”重叠"), db.transaction() as session:
        promotions.save_promotion(session, clash, actor_id=cashier.id, approver_id=manager.id)
    with pytest.raises(Exception, match="权限"), db.transaction() as session:
        promotions.retire_promotion(session, first.id, actor_id=cashier.id, approver_id=cashier.id)
    assert counts(db) == before


@pytest.fixture
def spend_rules(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    products: dict[str, ProductView],
) -> None:
    rules = [
        make(
            "满15减2",
            PromotionKind.SPEND_OFF,
            all_products=True,
            threshold_fen=1500,
            amount_fen=200,
            stacks=True,
        ),
        make(
            "满15送可乐",
            PromotionKind.SPEND_GIFT,
            all_products=True,
            threshold_fen=1500,
            gift_product_ids=(products["cola"].id,),
            stacks=True,
        ),
    ]
    with db.transaction() as session:
        for rule in rules:
            promotions.save_promotion(session, rule, actor_id=cashier.id, approver_id=manager.id)
    service.promotion_cache.invalidate()


def test_a_sale_records_its_promotions_and_a_refund_takes_back_what_they_depended_on(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    spend_rules: None,
) -> None:
    from app.pos.counter import cart_product

    cart = service.new_cart()
    cart.add(cart_product(products["chips"]), qty_milli=2000)
    totals = cart.totals()
    assert totals.total_fen == 1598 - 200
    assert [g.product.name for g in totals.gifts] == ["可口可乐 330ml"]
    sale = service.pay(cart, [Tender(TenderMethod.CASH, 2000)], cashier=cashier, shift_id=shift.id)
    with db.reading() as session:
        lines = session.scalars(
            select(OrderLineRow)
            .where(OrderLineRow.order_id == sale.order_id)
            .order_by(OrderLineRow.line_no)
        ).all()
        assert [(line.net_fen, line.promotion_fen) for line in lines] == [(1398, 200), (0, 350)]
        assert lines[0].promotion_ids == "id-满15减2,id-满15送可乐"
        assert session.scalar(select(func.count()).select_from(PromotionUseRow)) == 2
        order = find_order(session, sale.receipt_no)
    chips, gift = order.lines
    with (
        pytest.raises(OrderError, match="请一并退回赠品“可口可乐 330ml”"),
        db.transaction() as session,
    ):
        refund(
            session,
            sale.receipt_no,
            {chips.line_id: 1000},
            cashier=cashier,
            approver=manager,
            shift_id=shift.id,
            config=config,
        )
    with db.transaction() as session:
        back = refund(
            session,
            sale.receipt_no,
            {chips.line_id: 1000, gift.line_id: 1000},
            cashier=cashier,
            approver=manager,
            shift_id=shift.id,
            config=config,
        )
    # The returned bag paid 699; the kept bag no longer earns the 满减 share of 100 it holds.
    assert back.amount_fen == 699 - 100
    with db.reading() as session:
        returned = session.scalars(
            select(OrderLineRow)
            .where(OrderLineRow.order_id == back.order_id)
            .order_by(OrderLineRow.line_no)
        ).all()
    assert [(r.promotion_ids, r.promotion_fen) for r in returned] == [
        ("id-满15减2,id-满15送可乐", 100),
        ("id-满15送可乐", 350),
    ]


def test_a_cashiers_staff_coupons_stop_at_the_daily_limit_and_the_refused_sale_writes_nothing(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    from app.pos.counter import cart_product
    from app.storage.models import OrderRow

    coupon = make("员工券", PromotionKind.STAFF_COUPON, amount_fen=100, daily_limit=1)
    with db.transaction() as session:
        promotions.save_promotion(session, coupon, actor_id=cashier.id, approver_id=manager.id)
    service.promotion_cache.invalidate()

    def sell() -> int:
        cart = service.new_cart()
        cart.add(cart_product(products["chips"]))
        assert cart.use_staff_coupon("1") is not None
        total = cart.totals().total_fen
        service.pay(cart, [Tender(TenderMethod.CASH, total)], cashier=cashier, shift_id=shift.id)
        return total

    assert sell() == 799 - 100
    with db.reading() as session:
        orders = session.scalar(select(func.count()).select_from(OrderRow))
    with pytest.raises(PromotionError, match="今天已用满 1 张"):
        sell()
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == orders
        assert session.scalar(select(func.count()).select_from(PromotionUseRow)) == 1
        first = session.scalar(select(OrderRow.receipt_no))
    # A voided sale gives its coupon back to the cashier's day.
    with db.transaction() as session:
        void_order(session, first, cashier=cashier, approver=manager, config=service.config)
    assert sell() == 799 - 100


def test_the_customer_chooses_among_the_gifts_and_a_wrong_choice_is_said(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    products: dict[str, ProductView],
) -> None:
    from app.pos.cart import CartError
    from app.pos.counter import cart_product

    gifts = (products["cola"].id, products["noodles"].id)
    rule = make(
        "满5送一样",
        PromotionKind.SPEND_GIFT,
        all_products=True,
        threshold_fen=500,
        gift_product_ids=gifts,
    )
    with db.transaction() as session:
        promotions.save_promotion(session, rule, actor_id=cashier.id, approver_id=manager.id)
    service.promotion_cache.invalidate()
    cart = service.new_cart()
    cart.add(cart_product(products["chips"]))
    assert [g.product.name for g in cart.totals().gifts] == ["可口可乐 330ml"]
    [(offered, choices)] = cart.gift_options()
    assert [g.name for g in choices] == ["可口可乐 330ml", "康师傅红烧牛肉面"]
    with pytest.raises(CartError, match="没有这个赠品：9"):
        cart.choose_gift(offered, "9")
    cart.choose_gift(offered, "2")
    assert [g.product.name for g in cart.totals().gifts] == ["康师傅红烧牛肉面"]
