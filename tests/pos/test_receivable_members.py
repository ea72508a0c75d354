"""挂账 to a member as well as to a named customer: who owes what and since when, settled all or
in part oldest first, cancelled by a void or a refund, and refused whole when it may not be."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app.config import Config, load_config
from app.members.cards import verify_password
from app.members.errors import CardFrozen, PasswordRequired, WrongPassword
from app.pos.cart import Cart
from app.pos.catalog import ProductView
from app.pos.checkout import CheckoutError
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.print_jobs import job_document
from app.pos.receipts import preview_lines
from app.pos.receivables import Debtor, ReceivableError
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderError, TenderMethod
from app.storage.approvals import Approval, ApprovalRefused, PasswordCheck, Sensitive
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import (
    AuditRow,
    OrderRow,
    OutboxRow,
    PrintJobRow,
    ReceivableRow,
    ReceivableSettlementRow,
    Role,
)
from tests.pos.conftest import CARD, MEMBER_PIN


def _checked(db: Database, member_id: str, cashier: StaffView) -> PasswordCheck | None:
    """The member's password typed and checked, as the payment dialog does: the proof."""
    with db.transaction() as session:
        return verify_password(session, member_id, MEMBER_PIN, now=utcnow(), actor_id=cashier.id)


def _cart(
    service: CounterService,
    product: ProductView,
    member: tuple[MemberDesk, StaffView] | None = None,
) -> Cart:
    """One product, and the test member attached when ``member`` gives the desk and cashier."""
    cart = service.new_cart()
    cart.add(cart_product(product))
    if member is not None:
        members, cashier = member
        cart.attach_member(members.queries.attach_member(CARD, cashier))
    return cart


def _to_member(cart: Cart, amount_fen: int) -> Tender:
    assert cart.member is not None
    return Tender(
        TenderMethod.ON_ACCOUNT,
        amount_fen,
        customer_name=cart.member.name,
        account_member_id=cart.member.member_id,
    )


def _state(db: Database) -> tuple[int, int, int, int]:
    """Orders, receivables, settlements and what is owed: a refusal changes none of them."""
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(OrderRow)) or 0,
            session.scalar(select(func.count()).select_from(ReceivableRow)) or 0,
            session.scalar(select(func.count()).select_from(ReceivableSettlementRow)) or 0,
            session.scalar(
                select(
                    func.coalesce(func.sum(ReceivableRow.amount_fen - ReceivableRow.settled_fen), 0)
                )
            )
            or 0,
        )


def _sell_to_member(
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    product: ProductView,
) -> tuple[Cart, str]:
    cart = _cart(service, product, (members, cashier))
    assert cart.member is not None
    checked = members.cards.verify_password(cart.member.member_id, MEMBER_PIN, cashier)
    result = service.pay(
        cart,
        [_to_member(cart, cart.totals().total_fen)],
        cashier=cashier,
        shift_id=shift.id,
        member_password=checked,
    )
    return cart, result.receipt_no


def test_a_sale_on_the_members_account_records_the_member_in_the_event_and_on_the_receipt(
    db: Database,
    config: Config,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart, receipt_no = _sell_to_member(service, members, cashier, shift, products["service"])
    total = cart.totals().total_fen
    with db.reading() as session:
        order = session.scalar(select(OrderRow).where(OrderRow.receipt_no == receipt_no))
        assert order is not None
        receivable = session.scalar(select(ReceivableRow))
        assert receivable is not None
        assert (receivable.member_id, receivable.customer_name, receivable.amount_fen) == (
            member_id,
            "张三",
            total,
        )
        audited = session.scalar(select(AuditRow).where(AuditRow.action == "sale.paid"))
        assert audited is not None
        assert json.loads(audited.detail)["on_account_member_id"] == member_id
        event = session.scalar(select(OutboxRow).where(OutboxRow.type == "SalePaid"))
        assert event is not None
        payload = json.loads(event.payload)
        assert payload["on_account"] == [
            {
                "id": receivable.id,
                "member_id": member_id,
                "customer_name": "张三",
                "amount_fen": total,
            }
        ]
        job = session.scalar(select(PrintJobRow.id).where(PrintJobRow.order_id == order.id))
        assert job is not None
        paper = "\n".join(preview_lines(job_document(session, job, config), config.receipt_width))
    assert "挂账会员" in paper and "张三" in paper and "0001" in paper
    assert CARD not in paper
    owed = service.member_owed(member_id)
    assert (owed.owed_fen, owed.open_sales, owed.since) == (total, 1, service.today())
    detail = members.queries.detail(member_id)
    assert detail.owed is not None and detail.owed.owed_fen == total


def test_the_list_groups_by_member_and_named_customer_with_since_when_and_finds_by_card_or_phone(
    db: Database,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    first, _ = _sell_to_member(service, members, cashier, shift, products["service"])
    second, _ = _sell_to_member(service, members, cashier, shift, products["chips"])
    walk_in = _cart(service, products["cola"])
    service.pay(
        walk_in,
        [Tender(TenderMethod.ON_ACCOUNT, 350, customer_name="陈阿姨")],
        cashier=cashier,
        shift_id=shift.id,
    )
    # The first sale was a week ago: "since when" is the oldest open sale's day.
    week_ago = service.today() - dt.timedelta(days=7)
    with db.transaction() as session:
        oldest = session.scalar(
            select(OrderRow)
            .join(ReceivableRow, ReceivableRow.order_id == OrderRow.id)
            .where(ReceivableRow.member_id == member_id)
            .order_by(ReceivableRow.created_at)
        )
        assert oldest is not None
        oldest.business_day = week_ago

    debtors = service.outstanding()
    assert [d.name for d in debtors] == ["张三", "陈阿姨"]  # the longest owing first
    member, customer = debtors
    assert member.debtor == Debtor(member_id)
    assert member.card_no_masked.endswith("0001") and CARD not in member.card_no_masked
    assert member.phone_masked == "138****5678"
    assert member.owed_fen == first.totals().total_fen + second.totals().total_fen
    assert (member.since, member.days, len(member.receivables)) == (week_ago, 7, 2)
    assert customer.debtor == Debtor(None, "陈阿姨")
    assert (customer.owed_fen, customer.days) == (350, 0)

    assert [d.name for d in service.outstanding("5678")] == ["张三"]  # phone
    assert [d.name for d in service.outstanding("88000001")] == ["张三"]  # card
    assert [d.name for d in service.outstanding("陈")] == ["陈阿姨"]  # name
    assert service.outstanding("nobody") == []


def test_settling_part_then_all_pays_the_oldest_sale_first(
    db: Database,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    first, _ = _sell_to_member(service, members, cashier, shift, products["service"])
    second, _ = _sell_to_member(service, members, cashier, shift, products["chips"])
    owed = first.totals().total_fen + second.totals().total_fen
    debtor = Debtor(member_id)

    part = first.totals().total_fen + 100
    settled = service.settle_debtor(
        debtor, part, TenderMethod.CASH, cashier=cashier, shift_id=shift.id
    )
    assert (settled.name, settled.left_fen) == ("张三", owed - part)
    assert [s.open_fen for s in settled.settled] == [0, second.totals().total_fen - 100]
    assert service.member_owed(member_id).owed_fen == owed - part

    done = service.settle_debtor(
        debtor, owed - part, TenderMethod.WECHAT, cashier=cashier, shift_id=shift.id
    )
    assert done.left_fen == 0
    assert service.member_owed(member_id).owed_fen == 0
    assert service.outstanding() == []
    with db.reading() as session:
        events = session.scalars(select(OutboxRow).where(OutboxRow.type == "ReceivableSettled"))
        assert {json.loads(e.payload)["member_id"] for e in events} == {member_id}


def test_settling_more_than_owed_or_by_account_is_refused_and_nothing_changes(
    db: Database,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart, _ = _sell_to_member(service, members, cashier, shift, products["service"])
    before = _state(db)
    owed = cart.totals().total_fen
    for amount, method, words in (
        (owed + 1, TenderMethod.CASH, "超过未还余额"),
        (0, TenderMethod.CASH, "大于零"),
        (100, TenderMethod.ON_ACCOUNT, "不能用挂账"),
        (100, TenderMethod.STORED_VALUE, "现金、银行卡或扫码"),
    ):
        with pytest.raises(ReceivableError, match=words):
            service.settle_debtor(
                Debtor(member_id), amount, method, cashier=cashier, shift_id=shift.id
            )
    with pytest.raises(ReceivableError, match="找不到"):
        service.settle_debtor(
            Debtor(None, "没人"), 100, TenderMethod.CASH, cashier=cashier, shift_id=shift.id
        )
    assert _state(db) == before


def test_a_members_account_needs_the_password_and_the_member_on_the_sale(
    db: Database,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    before = _state(db)
    cart = _cart(service, products["service"], (members, cashier))
    tender = _to_member(cart, cart.totals().total_fen)
    with pytest.raises(PasswordRequired):
        service.pay(cart, [tender], cashier=cashier, shift_id=shift.id)
    with pytest.raises(WrongPassword):
        members.cards.verify_password(member_id, "000000", cashier)
    walk_in = _cart(service, products["service"])
    with pytest.raises(CheckoutError, match="先刷该会员的卡"):
        service.pay(
            walk_in,
            [tender],
            cashier=cashier,
            shift_id=shift.id,
            member_password=_checked(db, member_id, cashier),
        )
    with pytest.raises(TenderError, match="客户姓名"):
        service.pay(
            walk_in,
            [Tender(TenderMethod.ON_ACCOUNT, 2000, customer_name="  ")],
            cashier=cashier,
            shift_id=shift.id,
        )
    with pytest.raises(TenderError, match="一位客户"):
        service.pay(
            cart,
            [
                dataclasses.replace(tender, amount_fen=1000),
                Tender(TenderMethod.ON_ACCOUNT, 1000, customer_name="陈阿姨"),
            ],
            cashier=cashier,
            shift_id=shift.id,
            member_password=_checked(db, member_id, cashier),
        )
    assert _state(db) == before


def test_the_stores_limit_refuses_a_sale_that_would_owe_more(
    db: Database,
    config: Config,
    members: MemberDesk,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    service = CounterService(db, dataclasses.replace(config, on_account_limit_fen=2500))
    _sell_to_member(service, members, cashier, shift, products["service"])  # 20.00 at 九折: 18.00
    before = _state(db)
    with pytest.raises(ReceivableError, match="超出挂账额度") as refused:
        _sell_to_member(service, members, cashier, shift, products["chips"])
    assert "25.00" in str(refused.value.values)
    assert _state(db) == before
    cart = _cart(service, products["service"])
    service.pay(
        cart,
        [Tender(TenderMethod.ON_ACCOUNT, 2000, customer_name="陈阿姨")],
        cashier=cashier,
        shift_id=shift.id,
    )
    with pytest.raises(ReceivableError, match="超出挂账额度"):
        service.pay(
            _cart(service, products["chips"]),
            [Tender(TenderMethod.ON_ACCOUNT, 799, customer_name="陈阿姨")],
            cashier=cashier,
            shift_id=shift.id,
        )


def test_a_void_or_a_refund_cancels_what_the_member_owes(
    db: Database,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    _cart1, voided = _sell_to_member(service, members, cashier, shift, products["service"])
    _cart2, refunded = _sell_to_member(service, members, cashier, shift, products["chips"])
    service.void(
        voided, cashier=cashier, approval=service.approve("李店长", "2468", Sensitive.VOID, cashier)
    )
    chips = service.find_order(refunded).lines[0]
    service.refund(
        refunded,
        {chips.line_id: chips.qty_milli},
        method=TenderMethod.ON_ACCOUNT,
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.REFUND, cashier),
        shift_id=shift.id,
    )
    assert service.member_owed(member_id).owed_fen == 0
    assert service.outstanding() == []


def test_the_limit_is_set_by_a_manager_audited_kept_in_the_settings_and_refused_out_of_range(
    db: Database, config: Config, service: CounterService, cashier: StaffView, manager: StaffView
) -> None:
    forged = Approval(cashier.id, cashier.name, Role.CASHIER, Sensitive.MEMBER_RULES, cashier.id)
    with pytest.raises(ApprovalRefused, match="没有授权"):
        service.set_on_account_limit(500_00, cashier=cashier, approval=forged)
    approval = service.approve("李店长", "2468", Sensitive.MEMBER_RULES, cashier)
    with db.reading() as session:
        audits = session.scalar(select(func.count()).select_from(AuditRow))
    with pytest.raises(ReceivableError, match="挂账额度须在") as refused:
        service.set_on_account_limit(-1, cashier=cashier, approval=approval)
    assert refused.value.field == "on_account_limit_fen"
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditRow)) == audits
    assert load_config(config.data_dir).on_account_limit_fen == 0

    saved = service.set_on_account_limit(500_00, cashier=cashier, approval=approval)
    assert saved.on_account_limit_fen == service.config.on_account_limit_fen == 500_00
    assert load_config(config.data_dir).on_account_limit_fen == 500_00
    with db.reading() as session:
        entry = session.scalar(select(AuditRow).where(AuditRow.action == "receivable.limit_set"))
        assert entry is not None and entry.approver_id == manager.id
        assert json.loads(entry.detail) == {"from_fen": 0, "to_fen": 500_00}


def test_a_frozen_card_cannot_take_more_on_account_but_its_debt_can_be_paid(
    db: Database,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> None:
    cart, _ = _sell_to_member(service, members, cashier, shift, products["service"])
    members.cards.freeze(
        member_id,
        reason="挂失前冻结",
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.MEMBER_CARD, cashier),
    )
    before = _state(db)
    with pytest.raises(CardFrozen):
        service.pay(
            cart,
            [_to_member(cart, cart.totals().total_fen)],
            cashier=cashier,
            shift_id=shift.id,
            member_password=_checked(db, member_id, cashier),
        )
    assert _state(db) == before
    paid = service.settle_debtor(
        Debtor(member_id),
        cart.totals().total_fen,
        TenderMethod.CASH,
        cashier=cashier,
        shift_id=shift.id,
    )
    assert paid.left_fen == 0
