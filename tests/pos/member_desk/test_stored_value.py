"""Stored value at the member desk: top-ups paid at the counter, their refusals, their slip,
and unused principal paid back in cash."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.members.errors import MemberError
from app.pos.counter import CounterService
from app.pos.member_desk.desk import MemberDesk
from app.pos.print_jobs import job_document
from app.pos.receipts import preview_lines
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderError, TenderMethod
from app.storage.approvals import Sensitive
from app.storage.database import Database
from app.storage.models import OrderRow, OutboxRow
from tests.pos.conftest import member_balances


def test_a_top_up_paid_in_cash_counts_in_the_drawer_and_credits_the_card(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    member_id: str,
) -> None:
    before = member_balances(db, member_id)
    receipt = (
        MemberDesk(db, config)
        .stored_value.top_up(
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
    assert receipt.top_up.line.balance_after_fen - receipt.top_up.line.balance_before_fen == 200_00
    assert member_balances(db, member_id)[0] == before[0] + 200_00
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
    before = member_balances(db, member_id)
    with pytest.raises(MemberError, match="充值金额必须大于零"):
        MemberDesk(db, config).stored_value.top_up(
            member_id, amount, [Tender(TenderMethod.CASH, 100)], cashier=cashier, shift_id=shift.id
        )
    assert member_balances(db, member_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 0


def test_a_top_up_cannot_be_paid_with_stored_value(
    db: Database, config: Config, cashier: StaffView, shift: ShiftView, member_id: str
) -> None:
    with pytest.raises(TenderError, match="只收现金"):
        MemberDesk(db, config).stored_value.top_up(
            member_id,
            100,
            [Tender(TenderMethod.STORED_VALUE, 100)],
            cashier=cashier,
            shift_id=shift.id,
        )


def test_unused_principal_paid_back_in_cash_leaves_the_drawer(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    member_id: str,
    members: MemberDesk,
) -> None:
    result = members.stored_value.refund_principal(
        member_id,
        40_00,
        reason="顾客退卡",
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.MEMBER_CARD, cashier),
        shift_id=shift.id,
    )
    assert result.cash_fen == 40_00
    report = service.shift_report(shift.id)
    assert report.expected_cash_fen == shift.opening_float_fen - 40_00
    assert member_balances(db, member_id)[0] == 60_00


def test_a_top_up_slip_names_the_store_the_cashier_and_the_receipt_number(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    member_id: str,
    members: MemberDesk,
) -> None:
    done = members.stored_value.top_up(
        member_id, 50_00, [Tender(TenderMethod.CASH, 50_00)], cashier=cashier, shift_id=shift.id
    )
    (job_id,) = done.print_job_ids
    with db.reading() as session:
        text = "\n".join(preview_lines(job_document(session, job_id, config), config.receipt_width))
    assert config.store_name in text
    assert cashier.name in text
    assert done.value.payment.receipt_no in text
