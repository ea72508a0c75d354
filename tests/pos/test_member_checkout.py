"""A member at checkout: member prices, stored value and points as tenders, points earned, and
every ledger entry reversed exactly by a refund."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.members.card_types import CardTypeInput, create_card_type
from app.members.cards import set_password
from app.members.enrolment import enrol
from app.members.errors import InsufficientBalance, MemberError
from app.members.stored_value import top_up
from app.pos.cart import Cart, CartError
from app.pos.catalog import ProductView
from app.pos.checkout import CheckoutError
from app.pos.counter import CounterService, cart_product
from app.pos.member_counter import MemberCounter
from app.pos.orders import OrderError
from app.pos.print_jobs import job_document
from app.pos.receipts import preview_lines
from app.pos.shifts import ShiftView
from app.pos.staff import Sensitive, StaffView
from app.pos.tenders import Tender, TenderError, TenderMethod
from app.storage.database import Database
from app.storage.member_models import MemberRow, PointsEntryRow, StoredValueEntryRow
from app.storage.models import OrderRow, OutboxRow, PaymentRow

CARD = "88000001"
MEMBER_PIN = "654321"


@pytest.fixture
def service(db: Database, config: Config) -> CounterService:
    return CounterService(db, config)


@pytest.fixture
def member_id(db: Database, service: CounterService, cashier: StaffView, manager: StaffView) -> str:
    today = service.today()
    with db.transaction() as session:
        gold = create_card_type(
            session,
            CardTypeInput(
                "金卡", 2, discount_bp=9000, points_per_yuan=1, points_value=1, needs_password=True
            ),
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        member = enrol(
            session,
            card_no=CARD,
            phone="13812345678",
            name="张三",
            on=today,
            actor_id=cashier.id,
            card_type_id=gold.id,
        )
        set_password(session, member.id, MEMBER_PIN, actor_id=cashier.id)
        top_up(session, member.id, 100_00, on=today, actor_id=cashier.id)
    return member.id


def _member_cart(service: CounterService, cashier: StaffView, product: ProductView) -> Cart:
    """A cart with one product and the test member attached (member prices applied)."""
    cart = service.new_cart()
    cart.add(cart_product(product))
    cart.attach_member(service.attach_member(CARD, cashier))
    return cart


def _printed(db: Database, config: Config, job_id: str) -> str:
    """A print job as the paper would show it."""
    with db.reading() as session:
        return "\n".join(preview_lines(job_document(session, job_id, config), config.receipt_width))


def _balances(db: Database, member_id: str) -> tuple[int, int, int]:
    with db.reading() as session:
        row = session.get(MemberRow, member_id)
        assert row is not None
        sv = session.execute(
            select(
                func.sum(StoredValueEntryRow.principal_delta),
                func.sum(StoredValueEntryRow.bonus_delta),
            ).where(StoredValueEntryRow.member_id == member_id)
        ).one()
        points = session.scalar(
            select(func.sum(PointsEntryRow.delta)).where(PointsEntryRow.member_id == member_id)
        )
        assert (row.principal_fen, row.bonus_fen, row.points) == (sv[0], sv[1], points or 0)
        return row.principal_fen, row.bonus_fen, row.points


def test_member_prices_stored_value_and_points_pay_and_points_are_earned(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(products["chips"]))  # 7.99 -> 7.19 at 九折
    cart.add(cart_product(products["noodles"]), qty_milli=2000)  # 9.00 -> 8.10
    attached = service.attach_member(CARD, cashier)
    cart.attach_member(attached)
    assert attached.card_no_masked.endswith("0001") and CARD not in attached.card_no_masked
    assert cart.totals().total_fen == 719 + 810
    principal_before, _, _ = _balances(db, member_id)

    service.verify_member_password(member_id, MEMBER_PIN, cashier)
    result = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 10_00), Tender(TenderMethod.CASH, 529)],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    assert result.member is not None
    principal, bonus, points = _balances(db, member_id)
    assert principal_before - principal + bonus * 0 == 10_00
    assert result.member.principal_fen == principal
    assert result.member.points_earned == 15  # 15.29 paid, one point a yuan
    assert points == 15
    with db.reading() as session:
        order = session.get(OrderRow, result.order_id)
        assert order is not None and order.member_id == member_id
        stored = session.scalar(
            select(PaymentRow).where(
                PaymentRow.order_id == result.order_id, PaymentRow.method == "stored_value"
            )
        )
        assert stored is not None and stored.reference is not None
        event = session.scalar(select(OutboxRow).where(OutboxRow.type == "SalePaid"))
        assert event is not None
        kinds = {entry.get("ledger") for entry in json.loads(event.payload)["ledger_entries"]}
        assert len(json.loads(event.payload)["ledger_entries"]) >= 2, kinds

    # Pay the next sale with points, then refund both sales to their tenders.
    cart = service.new_cart()
    cart.add(cart_product(products["cola"]))
    cart.attach_member(service.attach_member(CARD, cashier))  # 3.50 -> 3.15
    paid_by_points = service.pay(
        cart,
        [Tender(TenderMethod.POINTS, 10), Tender(TenderMethod.CASH, 305)],
        cashier=cashier,
        shift_id=shift.id,
    )
    assert _balances(db, member_id)[2] == 15 - 10 + 3

    approver = service.approve("李店长", "2468", Sensitive.REFUND, cashier)
    chips = service.find_order(result.receipt_no).lines[0]
    before_refund = _balances(db, member_id)
    service.refund(
        result.receipt_no,
        {chips.line_id: chips.qty_milli},
        method=TenderMethod.STORED_VALUE,
        cashier=cashier,
        approver=approver,
        shift_id=shift.id,
    )
    principal_back, _, points_back = _balances(db, member_id)
    assert principal_back == before_refund[0] + chips.net_fen
    assert 0 < before_refund[2] - points_back < 15  # the chips' share of the points earned
    points_sale = service.find_order(paid_by_points.receipt_no)
    with pytest.raises(OrderError, match="储值仅可退"):
        service.refund(
            paid_by_points.receipt_no,
            {line.line_id: line.qty_milli for line in points_sale.lines},
            method=TenderMethod.STORED_VALUE,
            cashier=cashier,
            approver=approver,
            shift_id=shift.id,
        )
    service.refund(
        paid_by_points.receipt_no,
        {line.line_id: line.qty_milli for line in points_sale.lines},
        method=TenderMethod.CASH,
        cashier=cashier,
        approver=approver,
        shift_id=shift.id,
    )
    # The 3 points that sale earned are taken back, but never below zero: 1 was left.
    assert points_back == 1
    assert _balances(db, member_id)[2] == 0


def test_stored_value_without_a_member_is_refused(
    service: CounterService, cashier: StaffView, shift: ShiftView, products: dict[str, ProductView]
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(products["cola"]))
    with pytest.raises(CheckoutError, match="刷会员卡"):
        service.pay(
            cart, [Tender(TenderMethod.STORED_VALUE, 350)], cashier=cashier, shift_id=shift.id
        )


def test_a_card_with_a_password_cannot_pay_unchecked_and_nothing_is_written(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = _member_cart(service, cashier, products["cola"])
    before = _balances(db, member_id)
    with pytest.raises(MemberError, match="密码"):
        service.pay(
            cart, [Tender(TenderMethod.STORED_VALUE, 315)], cashier=cashier, shift_id=shift.id
        )
    with pytest.raises(MemberError):
        service.verify_member_password(member_id, "000000", cashier)
    assert _balances(db, member_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_not_enough_balance_is_refused_and_nothing_is_written(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(products["service"]), qty_milli=10_000)  # 200 yuan, 180 for gold
    cart.attach_member(service.attach_member(CARD, cashier))
    before = _balances(db, member_id)
    with pytest.raises(InsufficientBalance, match="余额不足"):
        service.pay(
            cart,
            [Tender(TenderMethod.STORED_VALUE, cart.totals().total_fen)],
            cashier=cashier,
            shift_id=shift.id,
            member_password_verified=True,
        )
    assert _balances(db, member_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_an_unknown_card_is_said_plainly(service: CounterService, cashier: StaffView) -> None:
    with pytest.raises(MemberError, match="未找到"):
        service.attach_member("99999999", cashier)


def test_a_top_up_paid_in_cash_counts_in_the_drawer_and_credits_the_card(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    member_id: str,
) -> None:
    before = _balances(db, member_id)
    receipt = (
        MemberCounter(db, config)
        .top_up(
            member_id,
            200_00,
            [Tender(TenderMethod.CASH, 300_00)],
            cashier=cashier,
            shift_id=shift.id,
        )
        .value
    )
    assert receipt.payment.change_fen == 100_00
    assert receipt.payment.opens_drawer
    assert receipt.top_up.balance_after_fen - receipt.top_up.balance_before_fen == 200_00
    assert _balances(db, member_id)[0] == before[0] + 200_00
    report = service.shift_report(shift.id)
    assert report.member_income_fen == 200_00
    assert report.gross_sales_fen == 0
    assert report.expected_cash_fen == shift.opening_float_fen + 200_00
    with db.reading() as session:
        event = session.scalar(select(OutboxRow).where(OutboxRow.type == "TopUpPaid"))
        assert event is not None
        assert json.loads(event.payload)["payments"][0]["amount_fen"] == 200_00


@pytest.mark.parametrize("amount", [0, -100])
def test_a_top_up_of_zero_or_less_writes_nothing(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    member_id: str,
    amount: int,
) -> None:
    before = _balances(db, member_id)
    with pytest.raises(MemberError, match="充值金额必须大于零"):
        MemberCounter(db, config).top_up(
            member_id, amount, [Tender(TenderMethod.CASH, 100)], cashier=cashier, shift_id=shift.id
        )
    assert _balances(db, member_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_a_top_up_cannot_be_paid_with_stored_value(
    db: Database, config: Config, cashier: StaffView, shift: ShiftView, member_id: str
) -> None:
    with pytest.raises(TenderError, match="只收现金"):
        MemberCounter(db, config).top_up(
            member_id,
            100,
            [Tender(TenderMethod.STORED_VALUE, 100)],
            cashier=cashier,
            shift_id=shift.id,
        )


def test_a_coupon_takes_its_discount_once_and_comes_back_on_a_full_refund(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    from app.members.coupons import CouponKind, CouponTerms, create_template, issue_coupons

    today = service.today()
    with db.transaction() as session:
        template = create_template(
            session,
            "满10减3",
            CouponTerms(CouponKind.AMOUNT_OFF, amount_off_fen=300, threshold_fen=1000),
            valid_days=30,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        (coupon,) = issue_coupons(session, template.id, [member_id], on=today, actor_id=cashier.id)
    cart = _member_cart(service, cashier, products["cola"])  # 3.15 for gold: below the threshold
    with pytest.raises(CartError, match="未满使用门槛"):
        cart.apply_coupon(service.find_coupon(coupon.code), today)
    cart.add(cart_product(products["service"]))  # + 18.00
    assert cart.apply_coupon(service.find_coupon(coupon.code), today) == 300
    totals = cart.totals()
    assert totals.coupon_fen == 300
    assert totals.total_fen == 315 + 1800 - 300
    sale = service.pay(
        cart, [Tender(TenderMethod.CASH, totals.total_fen)], cashier=cashier, shift_id=shift.id
    )
    assert service.member_coupons(member_id) == []
    again = service.new_cart()
    again.add(cart_product(products["service"]))
    again.attach_member(service.attach_member(CARD, cashier))
    with pytest.raises(CartError, match="已使用"):
        again.apply_coupon(service.find_coupon(coupon.code), today)
    approver = service.approve("李店长", "2468", Sensitive.REFUND, cashier)
    order = service.find_order(sale.receipt_no)
    service.refund(
        sale.receipt_no,
        {line.line_id: line.qty_milli for line in order.lines},
        method=TenderMethod.CASH,
        cashier=cashier,
        approver=approver,
        shift_id=shift.id,
    )
    assert [c.code for c in service.member_coupons(member_id)] == [coupon.code]


def test_a_refund_with_no_method_goes_back_the_way_it_came(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = _member_cart(service, cashier, products["service"])  # 18.00 for gold
    before = _balances(db, member_id)
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 12_00), Tender(TenderMethod.WECHAT, 6_00, "wx1")],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    approver = service.approve("李店长", "2468", Sensitive.REFUND, cashier)
    order = service.find_order(sale.receipt_no)
    result = service.refund(
        sale.receipt_no,
        {line.line_id: line.qty_milli for line in order.lines},
        cashier=cashier,
        approver=approver,
        shift_id=shift.id,
    )
    assert result.amount_fen == 18_00
    refund = service.find_order(result.receipt_no)
    assert {(p.method, p.amount_fen) for p in refund.payments} == {
        (TenderMethod.WECHAT, -6_00),
        (TenderMethod.STORED_VALUE, -12_00),
    }
    after = _balances(db, member_id)
    assert after[0] + after[1] == before[0] + before[1]  # the card has all of it back
    assert after[2] == before[2]  # and the points earned are gone again


def test_the_daily_upkeep_runs_once_a_day_and_makes_a_backup(
    service: CounterService, config: Config, member_id: str
) -> None:
    first = service.daily_upkeep()
    assert first is not None and first.day == service.today()
    assert list((config.data_dir / "backups").glob("counter-*.db"))
    assert service.daily_upkeep() is None


def test_the_receipt_of_a_member_sale_shows_the_member_masked_and_the_balances(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = _member_cart(service, cashier, products["service"])  # 18.00 for gold
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 18_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    text = _printed(db, config, sale.print_job_id)
    assert "张三" in text
    assert CARD not in text and "0001" in text
    assert "+18" in text  # points earned, one a yuan
    assert "82.00" in text  # 100.00 topped up, 18.00 paid by card


def test_a_payment_by_card_prints_a_stored_value_slip_with_the_balance_before_and_after(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = _member_cart(service, cashier, products["service"])  # 18.00 for gold
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 18_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    (slip_id,) = sale.slip_job_ids
    receipt = _printed(db, config, sale.print_job_id)
    slip = _printed(db, config, slip_id)
    assert "储值凭条" in slip
    assert "100.00" in slip and "82.00" in slip  # before and after
    assert CARD not in slip
    assert sale.receipt_no in slip
    with db.reading() as session:
        entry_ids = list(session.scalars(select(StoredValueEntryRow.id)))
    assert not any(entry_id in receipt for entry_id in entry_ids)


def test_unused_principal_paid_back_in_cash_leaves_the_drawer(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    member_id: str,
) -> None:
    members = MemberCounter(db, config)
    result = members.refund_principal(
        member_id, 40_00, reason="顾客退卡", cashier=cashier, approver=manager, shift_id=shift.id
    )
    assert result.cash_fen == 40_00
    report = service.shift_report(shift.id)
    assert report.expected_cash_fen == shift.opening_float_fen - 40_00
    assert _balances(db, member_id)[0] == 60_00


def test_voiding_a_member_sale_gives_back_card_money_points_and_the_coupon(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    from app.members.coupons import CouponKind, CouponTerms, create_template, issue_coupons

    today = service.today()
    with db.transaction() as session:
        template = create_template(
            session,
            "立减1元",
            CouponTerms(CouponKind.AMOUNT_OFF, amount_off_fen=100),
            valid_days=30,
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        (coupon,) = issue_coupons(session, template.id, [member_id], on=today, actor_id=cashier.id)
    before = _balances(db, member_id)
    cart = _member_cart(service, cashier, products["service"])  # 18.00, 17.00 with the coupon
    cart.apply_coupon(service.find_coupon(coupon.code), today)
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 10_00), Tender(TenderMethod.CASH, 7_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    assert _balances(db, member_id) != before
    service.void(sale.receipt_no, cashier=cashier, approver=manager)
    assert _balances(db, member_id) == before
    assert [c.code for c in service.member_coupons(member_id)] == [coupon.code]


def _spend_and_visits(db: Database, member_id: str) -> tuple[int, int]:
    with db.reading() as session:
        row = session.get(MemberRow, member_id)
        assert row is not None
        return row.total_spend_fen, row.visit_count


def test_voiding_a_sale_paid_partly_with_points_restores_spend_and_visits_exactly(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    before = _spend_and_visits(db, member_id)
    cart = _member_cart(service, cashier, products["service"])  # 18.00 for gold
    service.pay(cart, [Tender(TenderMethod.CASH, 18_00)], cashier=cashier, shift_id=shift.id)
    cart = _member_cart(service, cashier, products["chips"])  # 7.19 for gold
    sale = service.pay(
        cart,
        [Tender(TenderMethod.POINTS, 5), Tender(TenderMethod.CASH, 714)],
        cashier=cashier,
        shift_id=shift.id,
    )
    assert _spend_and_visits(db, member_id) == (before[0] + 18_00 + 714, before[1] + 2)
    service.void(sale.receipt_no, cashier=cashier, approver=manager)
    assert _spend_and_visits(db, member_id) == (before[0] + 18_00, before[1] + 1)


def test_two_card_payments_on_one_sale_are_one_payment_and_refund_to_the_card(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    before = _balances(db, member_id)
    cart = _member_cart(service, cashier, products["service"])  # 18.00
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 9_00), Tender(TenderMethod.STORED_VALUE, 9_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    order = service.find_order(sale.receipt_no)
    assert [(p.method, p.amount_fen) for p in order.payments] == [
        (TenderMethod.STORED_VALUE, 18_00)
    ]
    approver = service.approve("李店长", "2468", Sensitive.REFUND, cashier)
    service.refund(
        sale.receipt_no,
        {line.line_id: line.qty_milli for line in order.lines},
        cashier=cashier,
        approver=approver,
        shift_id=shift.id,
    )
    after = _balances(db, member_id)
    assert (after[0], after[1]) == (before[0], before[1])


def test_a_free_line_of_a_member_sale_can_be_refunded(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    from app.pos.cart import Discount, DiscountKind

    cart = service.new_cart()
    cart.add(cart_product(products["service"]))
    cart.add(cart_product(products["cola"]))
    cart.attach_member(service.attach_member(CARD, cashier))
    cart.set_line_discount(1, Discount(DiscountKind.PERCENT, 10_000))  # the cola is a gift
    sale = service.pay(cart, [Tender(TenderMethod.CASH, 18_00)], cashier=cashier, shift_id=shift.id)
    approver = service.approve("李店长", "2468", Sensitive.REFUND, cashier)
    order = service.find_order(sale.receipt_no)
    for line in order.lines:
        service.refund(
            sale.receipt_no,
            {line.line_id: line.qty_milli},
            method=TenderMethod.CASH,
            cashier=cashier,
            approver=approver,
            shift_id=shift.id,
        )
    assert service.find_order(sale.receipt_no).state.value == "refunded"


def test_a_receipt_printed_after_a_void_still_shows_the_sale(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    from app.pos.print_jobs import receipt_data

    cart = _member_cart(service, cashier, products["service"])  # 18.00
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 18_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password_verified=True,
    )
    with db.reading() as session:
        printed_then = receipt_data(session, sale.order_id, config)
    service.void(sale.receipt_no, cashier=cashier, approver=manager)
    with db.reading() as session:
        printed_now = receipt_data(session, sale.order_id, config)
    assert printed_now.points_earned == printed_then.points_earned == 18
    assert printed_now.stored_value_balance_fen == printed_then.stored_value_balance_fen == 82_00
