"""A member at checkout: member prices, stored value and points as tenders, points earned, and
every ledger entry reversed exactly by a refund."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.members.cards import verify_password
from app.members.errors import InsufficientBalance, MemberError
from app.pos.cart import Cart, CartError
from app.pos.catalog import ProductView
from app.pos.checkout import CheckoutError
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.orders import OrderError
from app.pos.print_jobs import job_document
from app.pos.receipts import preview_lines
from app.pos.shifts import ShiftView
from app.pos.staff import Sensitive, StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.approvals import PasswordCheck
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.member_models import MemberRow, StoredValueEntryRow
from app.storage.models import OrderRow, OutboxRow, PaymentRow
from tests.pos.conftest import CARD, MEMBER_PIN, member_balances


def _checked(db: Database, member_id: str, cashier: StaffView) -> PasswordCheck | None:
    """The member's password typed and checked, as the payment dialog does: the proof."""
    with db.transaction() as session:
        return verify_password(session, member_id, MEMBER_PIN, now=utcnow(), actor_id=cashier.id)


def _member_cart(service: CounterService, cashier: StaffView, product: ProductView) -> Cart:
    """A cart with one product and the test member attached (member prices applied)."""
    cart = service.new_cart()
    cart.add(cart_product(product))
    members = MemberDesk(service.db, service.config)
    cart.attach_member(members.queries.attach_member(CARD, cashier))
    return cart


def _printed(db: Database, config: Config, job_id: str) -> str:
    """A print job as the paper would show it."""
    with db.reading() as session:
        return "\n".join(preview_lines(job_document(session, job_id, config), config.receipt_width))


def test_member_prices_stored_value_and_points_pay_and_points_are_earned(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    members: MemberDesk,
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(products["chips"]))  # 7.99 -> 7.19 at 九折
    cart.add(cart_product(products["noodles"]), qty_milli=2000)  # 9.00 -> 8.10
    attached = members.queries.attach_member(CARD, cashier)
    cart.attach_member(attached)
    assert attached.card_no_masked.endswith("0001") and CARD not in attached.card_no_masked
    assert cart.totals().total_fen == 719 + 810
    principal_before, _, _ = member_balances(db, member_id)

    result = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 10_00), Tender(TenderMethod.CASH, 529)],
        cashier=cashier,
        shift_id=shift.id,
        member_password=_checked(db, member_id, cashier),
    )
    assert result.member is not None
    principal, bonus, points = member_balances(db, member_id)
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
    cart.attach_member(members.queries.attach_member(CARD, cashier))  # 3.50 -> 3.15
    paid_by_points = service.pay(
        cart,
        [Tender(TenderMethod.POINTS, 10), Tender(TenderMethod.CASH, 305)],
        cashier=cashier,
        shift_id=shift.id,
    )
    assert member_balances(db, member_id)[2] == 15 - 10 + 3

    chips = service.find_order(result.receipt_no).lines[0]
    before_refund = member_balances(db, member_id)
    service.refund(
        result.receipt_no,
        {chips.line_id: chips.qty_milli},
        method=TenderMethod.STORED_VALUE,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
        shift_id=shift.id,
    )
    principal_back, _, points_back = member_balances(db, member_id)
    assert principal_back == before_refund[0] + chips.net_fen
    assert 0 < before_refund[2] - points_back < 15  # the chips' share of the points earned
    points_sale = service.find_order(paid_by_points.receipt_no)
    with pytest.raises(OrderError, match="储值仅可退"):
        service.refund(
            paid_by_points.receipt_no,
            {line.line_id: line.qty_milli for line in points_sale.lines},
            method=TenderMethod.STORED_VALUE,
            cashier=cashier,
            approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
            shift_id=shift.id,
        )
    service.refund(
        paid_by_points.receipt_no,
        {line.line_id: line.qty_milli for line in points_sale.lines},
        method=TenderMethod.CASH,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
        shift_id=shift.id,
    )
    # The 3 points that sale earned are taken back, but never below zero: 1 was left.
    assert points_back == 1
    assert member_balances(db, member_id)[2] == 0


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
    members: MemberDesk,
) -> None:
    cart = _member_cart(service, cashier, products["cola"])
    before = member_balances(db, member_id)
    with pytest.raises(MemberError, match="密码"):
        service.pay(
            cart, [Tender(TenderMethod.STORED_VALUE, 315)], cashier=cashier, shift_id=shift.id
        )
    with pytest.raises(MemberError):
        members.cards.verify_password(member_id, "000000", cashier)
    assert member_balances(db, member_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_not_enough_balance_is_refused_and_nothing_is_written(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    members: MemberDesk,
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(products["service"]), qty_milli=10_000)  # 200 yuan, 180 for gold
    cart.attach_member(members.queries.attach_member(CARD, cashier))
    before = member_balances(db, member_id)
    with pytest.raises(InsufficientBalance, match="余额不足"):
        service.pay(
            cart,
            [Tender(TenderMethod.STORED_VALUE, cart.totals().total_fen)],
            cashier=cashier,
            shift_id=shift.id,
            member_password=_checked(db, member_id, cashier),
        )
    assert member_balances(db, member_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_a_coupon_takes_its_discount_once_and_comes_back_on_a_full_refund(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    members: MemberDesk,
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
        cart.apply_coupon(members.coupons_and_rules.find_coupon(coupon.code), today)
    cart.add(cart_product(products["service"]))  # + 18.00
    assert cart.apply_coupon(members.coupons_and_rules.find_coupon(coupon.code), today) == 300
    totals = cart.totals()
    assert totals.coupon_fen == 300
    assert totals.total_fen == 315 + 1800 - 300
    sale = service.pay(
        cart, [Tender(TenderMethod.CASH, totals.total_fen)], cashier=cashier, shift_id=shift.id
    )
    assert members.coupons_and_rules.member_coupons(member_id) == []
    again = service.new_cart()
    again.add(cart_product(products["service"]))
    again.attach_member(members.queries.attach_member(CARD, cashier))
    with pytest.raises(CartError, match="已使用"):
        again.apply_coupon(members.coupons_and_rules.find_coupon(coupon.code), today)
    order = service.find_order(sale.receipt_no)
    service.refund(
        sale.receipt_no,
        {line.line_id: line.qty_milli for line in order.lines},
        method=TenderMethod.CASH,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
        shift_id=shift.id,
    )
    assert [c.code for c in members.coupons_and_rules.member_coupons(member_id)] == [coupon.code]


def test_a_refund_with_no_method_goes_back_the_way_it_came(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart = _member_cart(service, cashier, products["service"])  # 18.00 for gold
    before = member_balances(db, member_id)
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 12_00), Tender(TenderMethod.WECHAT, 6_00, "wx1")],
        cashier=cashier,
        shift_id=shift.id,
        member_password=_checked(db, member_id, cashier),
    )
    order = service.find_order(sale.receipt_no)
    result = service.refund(
        sale.receipt_no,
        {line.line_id: line.qty_milli for line in order.lines},
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
        shift_id=shift.id,
    )
    assert result.amount_fen == 18_00
    refund = service.find_order(result.receipt_no)
    assert {(p.method, p.amount_fen) for p in refund.payments} == {
        (TenderMethod.WECHAT, -6_00),
        (TenderMethod.STORED_VALUE, -12_00),
    }
    after = member_balances(db, member_id)
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
        member_password=_checked(db, member_id, cashier),
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
        member_password=_checked(db, member_id, cashier),
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


def test_voiding_a_member_sale_gives_back_card_money_points_and_the_coupon(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    members: MemberDesk,
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
    before = member_balances(db, member_id)
    cart = _member_cart(service, cashier, products["service"])  # 18.00, 17.00 with the coupon
    cart.apply_coupon(members.coupons_and_rules.find_coupon(coupon.code), today)
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 10_00), Tender(TenderMethod.CASH, 7_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password=_checked(db, member_id, cashier),
    )
    assert member_balances(db, member_id) != before
    service.void(
        sale.receipt_no,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.VOID, cashier),
    )
    assert member_balances(db, member_id) == before
    assert [c.code for c in members.coupons_and_rules.member_coupons(member_id)] == [coupon.code]


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
    service.void(
        sale.receipt_no,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.VOID, cashier),
    )
    assert _spend_and_visits(db, member_id) == (before[0] + 18_00, before[1] + 1)


def test_two_card_payments_on_one_sale_are_one_payment_and_refund_to_the_card(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    before = member_balances(db, member_id)
    cart = _member_cart(service, cashier, products["service"])  # 18.00
    sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 9_00), Tender(TenderMethod.STORED_VALUE, 9_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password=_checked(db, member_id, cashier),
    )
    order = service.find_order(sale.receipt_no)
    assert [(p.method, p.amount_fen) for p in order.payments] == [
        (TenderMethod.STORED_VALUE, 18_00)
    ]
    service.refund(
        sale.receipt_no,
        {line.line_id: line.qty_milli for line in order.lines},
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
        shift_id=shift.id,
    )
    after = member_balances(db, member_id)
    assert (after[0], after[1]) == (before[0], before[1])


def test_a_free_line_of_a_member_sale_can_be_refunded(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    members: MemberDesk,
) -> None:
    from app.pos.cart import Discount, DiscountKind

    cart = service.new_cart()
    cart.add(cart_product(products["service"]))
    cart.add(cart_product(products["cola"]))
    cart.attach_member(members.queries.attach_member(CARD, cashier))
    cart.set_line_discount(1, Discount(DiscountKind.PERCENT, 10_000))  # the cola is a gift
    sale = service.pay(cart, [Tender(TenderMethod.CASH, 18_00)], cashier=cashier, shift_id=shift.id)
    order = service.find_order(sale.receipt_no)
    for line in order.lines:
        service.refund(
            sale.receipt_no,
            {line.line_id: line.qty_milli},
            method=TenderMethod.CASH,
            cashier=cashier,
            approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
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
        member_password=_checked(db, member_id, cashier),
    )
    with db.reading() as session:
        printed_then = receipt_data(session, sale.order_id, config)
    service.void(
        sale.receipt_no,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.VOID, cashier),
    )
    with db.reading() as session:
        printed_now = receipt_data(session, sale.order_id, config)
    assert printed_now.points_earned == printed_then.points_earned == 18
    assert printed_now.stored_value_balance_fen == printed_then.stored_value_balance_fen == 82_00
