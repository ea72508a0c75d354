"""A paid card type's fee is taken as an order when a member enrols into it or is changed to it;
and the store's member settings (points expiry, top-up cap) as saved by a manager."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.members.card_types import CardTypeInput, create_card_type
from app.members.errors import MemberError
from app.members.ledger import SpendOrder
from app.members.levels import CardType
from app.members.settings import MemberSettings, PointsExpiry
from app.pos.catalog import ProductView
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.print_jobs import job_document
from app.pos.receipts import preview_lines
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderError, TenderMethod
from app.storage.approvals import Sensitive
from app.storage.database import Database
from app.storage.member_models import MemberRow, PointsEntryRow
from app.storage.models import AuditRow, OrderKind, OrderRow, OutboxRow, PaymentRow
from tests.members.conftest import snapshot
from tests.pos.conftest import CARD


@pytest.fixture
def gold_plus(db: Database, cashier: StaffView, manager: StaffView) -> CardType:
    """A paid level: 金卡PLUS, 199 yuan a year."""
    with db.transaction() as session:
        create_card_type(
            session,
            CardTypeInput("普通卡", 0, is_default=True),
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        return create_card_type(
            session,
            CardTypeInput("金卡PLUS", 5, discount_bp=8800, fee_fen=199_00, validity_days=365),
            actor_id=cashier.id,
            approver_id=manager.id,
        )


def _printed(db: Database, config: Config, job_id: str) -> str:
    with db.reading() as session:
        return "\n".join(preview_lines(job_document(session, job_id, config), config.receipt_width))


def test_enrolling_into_a_paid_type_takes_its_fee_as_an_order_the_shift_counts(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    gold_plus: CardType,
) -> None:
    done = MemberDesk(db, config).cards.enrol(
        card_no="88000077",
        phone="13900000077",
        name="王五",
        cashier=cashier,
        card_type_id=gold_plus.id,
        fee_tenders=[Tender(TenderMethod.CASH, 200_00)],
        shift_id=shift.id,
    )
    member = done.value
    assert member.card_type.name == "金卡PLUS" and member.expires_on is not None
    with db.reading() as session:
        order = session.scalars(select(OrderRow).where(OrderRow.member_id == member.id)).one()
        paid = session.scalars(select(PaymentRow).where(PaymentRow.order_id == order.id)).all()
        audit = session.scalars(
            select(AuditRow).where(AuditRow.action == "membership_fee.paid")
        ).one()
        event = session.scalars(
            select(OutboxRow).where(OutboxRow.type == "MembershipFeePaid")
        ).one()
    assert (order.kind, order.total_fen, order.change_fen, order.shift_id) == (
        OrderKind.MEMBERSHIP_FEE,
        199_00,
        1_00,
        shift.id,
    )
    assert order.order_discount_label == "办卡费·金卡PLUS"
    assert [(p.method, p.amount_fen, p.tendered_fen) for p in paid] == [("cash", 199_00, 200_00)]
    assert audit.subject_id == order.id and json.loads(event.payload)["kind"] == "membership_fee"
    report = service.shift_report(shift.id)
    assert report.member_income_fen == 199_00
    assert report.expected_cash_fen == shift.opening_float_fen + 199_00
    slip = _printed(db, config, done.print_job_ids[0])
    assert "会员入会凭条" in slip and "办卡费·金卡PLUS" in slip and order.receipt_no in slip
    assert "199.00" in slip and "找零" in slip


def test_a_paid_type_without_a_tender_or_with_too_little_cash_enrols_nobody(
    db: Database, config: Config, cashier: StaffView, shift: ShiftView, gold_plus: CardType
) -> None:
    desk = MemberDesk(db, config)
    before = snapshot(db)
    for tenders, words in (
        (None, "金卡PLUS需收办卡费 ￥199.00"),
        ([Tender(TenderMethod.CASH, 100_00)], ""),
        ([Tender(TenderMethod.STORED_VALUE, 199_00)], "只收现金"),
    ):
        with pytest.raises(TenderError) as refused:
            desk.cards.enrol(
                card_no="88000078",
                phone="",
                name="赵六",
                cashier=cashier,
                card_type_id=gold_plus.id,
                fee_tenders=tenders,
                shift_id=shift.id,
            )
        assert words in str(refused.value)
        assert snapshot(db) == before


def test_a_free_type_takes_no_order(
    db: Database, config: Config, cashier: StaffView, shift: ShiftView, gold_plus: CardType
) -> None:
    MemberDesk(db, config).cards.enrol(
        card_no="88000079", phone="", name="钱七", cashier=cashier, shift_id=shift.id
    )
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_a_manager_changing_a_member_to_a_paid_type_takes_its_fee_by_e_wallet(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    gold_plus: CardType,
) -> None:
    desk = MemberDesk(db, config)
    member = desk.cards.enrol(card_no="88000080", phone="", name="孙八", cashier=cashier).value
    approval = service.approve("李店长", "2468", Sensitive.MEMBER_CARD, cashier)
    before = snapshot(db)
    with pytest.raises(TenderError, match="需收办卡费"):
        desk.cards.change_level(
            member.id,
            gold_plus.id,
            reason="升级",
            cashier=cashier,
            approval=approval,
        )
    assert snapshot(db) == before
    done = desk.cards.change_level(
        member.id,
        gold_plus.id,
        reason="升级",
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.MEMBER_CARD, cashier),
        fee_tenders=[Tender(TenderMethod.WECHAT, 199_00)],
        shift_id=shift.id,
    )
    with db.reading() as session:
        row = session.get(MemberRow, member.id)
        order = session.scalars(select(OrderRow)).one()
    assert row is not None and row.card_type_id == gold_plus.id
    assert (order.kind, order.total_fen) == (OrderKind.MEMBERSHIP_FEE, 199_00)
    assert service.shift_report(shift.id).member_income_fen == 199_00
    slip = _printed(db, config, done.print_job_ids[0])
    assert "会员卡费凭条" in slip and "微信支付" in slip


# -- the member settings -------------------------------------------------------------------------


def test_saved_settings_are_read_back_and_audited_and_need_a_manager(
    db: Database, config: Config, cashier: StaffView, manager: StaffView
) -> None:
    rules = MemberDesk(db, config).coupons_and_rules
    assert rules.member_settings() == MemberSettings()
    new = MemberSettings(
        spend_order=SpendOrder.BONUS_FIRST,
        top_up_cap_fen=2000_00,
        points_on_bonus=True,
        points_expiry=PointsExpiry.MONTHS,
        points_expiry_months=6,
        password_max_failures=3,
        password_lock_minutes=30,
    )
    rules.save_member_settings(new, cashier=cashier, approver=manager)
    assert rules.member_settings() == new
    with db.reading() as session:
        audit = session.scalars(
            select(AuditRow).where(AuditRow.action == "member.settings_changed")
        ).one()
    assert (audit.actor_id, audit.approver_id) == (cashier.id, manager.id)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"top_up_cap_fen": 0}, "top_up_cap_fen"),
        ({"points_expiry_months": 0}, "points_expiry_months"),
        ({"password_max_failures": 0}, "password_max_failures"),
        ({"password_lock_minutes": 0}, "password_lock_minutes"),
    ],
)
def test_settings_that_cannot_hold_are_refused_at_their_field(
    change: dict[str, int], field: str
) -> None:
    with pytest.raises(MemberError) as refused:
        MemberSettings(**change)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_after_months_expiry_is_set_points_earned_by_a_sale_carry_their_expiry(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    desk = MemberDesk(db, config)
    desk.coupons_and_rules.save_member_settings(
        MemberSettings(points_expiry=PointsExpiry.MONTHS, points_expiry_months=3),
        cashier=cashier,
        approver=manager,
    )
    cart = service.new_cart()
    cart.add(cart_product(products["service"]))
    cart.attach_member(desk.queries.attach_member(CARD, cashier))
    service.pay(cart, [Tender(TenderMethod.CASH, 20_00)], cashier=cashier, shift_id=shift.id)
    today = service.today()
    with db.reading() as session:
        earned = session.scalars(
            select(PointsEntryRow).where(
                PointsEntryRow.member_id == member_id, PointsEntryRow.delta > 0
            )
        ).all()
    expected = today + dt.timedelta(days=80)  # three months on, less a day: at least 88 days
    assert earned
    for entry in earned:
        assert entry.expires_on is not None and entry.expires_on > expected
        assert entry.expires_on < today + dt.timedelta(days=93)


def test_the_top_up_cap_refuses_a_larger_top_up_and_writes_nothing(
    db: Database,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    member_id: str,
) -> None:
    desk = MemberDesk(db, config)
    desk.coupons_and_rules.save_member_settings(
        MemberSettings(top_up_cap_fen=300_00), cashier=cashier, approver=manager
    )
    before = snapshot(db)
    with pytest.raises(MemberError, match="300"):
        desk.stored_value.top_up(
            member_id,
            300_01,
            [Tender(TenderMethod.CASH, 300_01)],
            cashier=cashier,
            shift_id=shift.id,
        )
    assert snapshot(db) == before
    desk.stored_value.top_up(
        member_id, 300_00, [Tender(TenderMethod.CASH, 300_00)], cashier=cashier, shift_id=shift.id
    )
