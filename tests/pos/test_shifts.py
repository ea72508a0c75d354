"""Shifts: the opening float, expected against counted per tender, and the variance."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.pos.cart import Cart
from app.pos.catalog import ProductView
from app.pos.checkout import checkout
from app.pos.counter import CounterService, cart_product
from app.pos.orders import void_order
from app.pos.receipts import Text, document_from_json
from app.pos.receivables import ReceivableError, open_receivables, settle_receivable
from app.pos.shifts import (
    ShiftError,
    ShiftView,
    close_shift,
    current_shift,
    open_shift,
    shift_report,
)
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage import audit
from app.storage.approvals import Sensitive
from app.storage.database import Database
from app.storage.models import AuditRow, CashMoveRow, OutboxRow, PrintJobRow, ShiftState


def _sell(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    product: ProductView,
    tenders: list[Tender],
) -> str:
    cart = Cart()
    cart.add(cart_product(product))
    with db.transaction() as session:
        return checkout(
            session, cart, tenders, cashier=cashier, shift_id=shift.id, config=config
        ).receipt_no


def test_close_compares_counted_cash_with_float_plus_sales(
    db: Database,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    _sell(db, config, cashier, shift, products["service"], [Tender(TenderMethod.CASH, 5000)])
    _sell(db, config, cashier, shift, products["service"], [Tender(TenderMethod.WECHAT, 2000)])
    voided = _sell(db, config, cashier, shift, products["chips"], [Tender(TenderMethod.CASH, 799)])
    with db.transaction() as session:
        void_order(session, voided, cashier=cashier, approver=manager, config=config)
    with db.reading() as session:
        x_report = shift_report(session, shift.id)
    assert not x_report.is_final
    assert x_report.sales_count == 2
    assert x_report.voids_count == 1
    assert x_report.expected_cash_fen == 50000 + 2000
    with db.transaction() as session:
        final = close_shift(
            session,
            shift.id,
            {TenderMethod.CASH: 51900, TenderMethod.WECHAT: 2000},
            staff=cashier,
            config=config,
        )
    assert final.is_final
    cash = next(m for m in final.methods if m.method is TenderMethod.CASH)
    assert (cash.expected_fen, cash.counted_fen, cash.variance_fen) == (52000, 51900, -100)
    with db.reading() as session:
        assert current_shift(session) is None
        assert (
            session.scalar(select(OutboxRow.type).order_by(OutboxRow.seq.desc())) == "ShiftClosed"
        )
    assert final.shift.state is ShiftState.CLOSED
    with db.reading() as session:
        job = session.get(PrintJobRow, final.print_job_id)
        assert job is not None and job.kind == "shift"
        assert "交班" in job.document and "-1.00" in job.document


def test_a_second_shift_cannot_open_while_one_is_open(
    db: Database, manager: StaffView, shift: ShiftView
) -> None:
    with pytest.raises(ShiftError, match="尚未交班"), db.transaction() as session:
        open_shift(session, manager, 0)


def test_a_closed_shift_cannot_close_again(
    db: Database, config: Config, cashier: StaffView, shift: ShiftView
) -> None:
    with db.transaction() as session:
        close_shift(session, shift.id, {TenderMethod.CASH: 50000}, staff=cashier, config=config)
    with pytest.raises(ShiftError, match="已交班"), db.transaction() as session:
        close_shift(session, shift.id, {TenderMethod.CASH: 50000}, staff=cashier, config=config)


def test_settling_an_on_account_sale_counts_in_the_drawer(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    _sell(
        db,
        config,
        cashier,
        shift,
        products["service"],
        [Tender(TenderMethod.ON_ACCOUNT, 2000, customer_name="陈先生")],
    )
    with db.reading() as session:
        (receivable,) = open_receivables(session, "陈")
    with pytest.raises(ReceivableError, match="超过未还余额"), db.transaction() as session:
        settle_receivable(
            session, receivable.id, 2001, TenderMethod.CASH, staff=cashier, shift_id=shift.id
        )
    with db.transaction() as session:
        settle_receivable(
            session, receivable.id, 1500, TenderMethod.CASH, staff=cashier, shift_id=shift.id
        )
    with db.reading() as session:
        (left,) = open_receivables(session)
        report = shift_report(session, shift.id)
    assert left.open_fen == 500
    assert report.expected_cash_fen == 50000 + 1500


def _moves_written(db: Database) -> tuple[int, int, int]:
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(CashMoveRow)) or 0,
            session.scalar(select(func.count()).select_from(AuditRow)) or 0,
            session.scalar(select(func.count()).select_from(OutboxRow)) or 0,
        )


def test_cash_in_and_out_change_the_expected_cash_and_show_on_the_report(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
) -> None:
    topped = service.move_cash(
        20000,
        "备用金补充",
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.CASH_MOVE, cashier),
        shift_id=shift.id,
    )
    assert topped.expected_cash_fen == 50000 + 20000
    paid = service.move_cash(
        -5000,
        " 买菜 ",
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.CASH_MOVE, cashier),
        shift_id=shift.id,
    )
    assert (paid.reason, paid.expected_cash_fen) == ("买菜", 65000)
    report = service.shift_report(shift.id)
    assert report.expected_cash_fen == 65000
    assert (report.cash_in_fen, report.cash_out_fen, report.cash_in_out_fen) == (20000, 5000, 15000)
    x_report = service.print_x_report(shift.id)
    with db.reading() as session:
        job = session.get(PrintJobRow, x_report.print_job_id)
        assert job is not None
        assert "存入现金" in job.document and "200.00" in job.document
        assert "取出现金" in job.document and "-50.00" in job.document
    final = service.close_shift(shift.id, {TenderMethod.CASH: 65000}, cashier=cashier)
    cash = next(m for m in final.methods if m.method is TenderMethod.CASH)
    assert (cash.expected_fen, cash.variance_fen) == (65000, 0)


def test_a_cash_move_is_audited_with_both_people_and_sent_to_head_office(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
) -> None:
    moved = service.move_cash(
        -5000,
        "买菜",
        cashier=cashier,
        approval=service.approve("李店长", "2468", Sensitive.CASH_MOVE, cashier),
        shift_id=shift.id,
    )
    with db.reading() as session:
        entry = session.scalars(
            select(AuditRow).where(AuditRow.action == "drawer.cash_moved")
        ).one()
        event = session.scalars(select(OutboxRow).order_by(OutboxRow.seq.desc())).first()
    assert (entry.actor_id, entry.approver_id, entry.subject_id) == (
        cashier.id,
        manager.id,
        shift.id,
    )
    assert json.loads(entry.detail) == {"amount_fen": -5000, "reason": "买菜"}
    assert event is not None and event.type == "CashMoved"
    payload = json.loads(event.payload)
    assert payload["cash_move_id"] == moved.id
    assert (payload["shift_id"], payload["amount_fen"], payload["reason"]) == (
        shift.id,
        -5000,
        "买菜",
    )
    assert (payload["staff_id"], payload["approver_id"]) == (cashier.id, manager.id)


@pytest.mark.parametrize(
    ("amount_fen", "reason", "message"),
    [
        (0, "买菜", "金额不正确"),
        (-5000, "   ", "请填写原因"),
        (-50001, "买菜", "不能取出 500.01 元"),
    ],
)
def test_a_refused_cash_move_writes_nothing(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    amount_fen: int,
    reason: str,
    message: str,
) -> None:
    approval = service.approve("李店长", "2468", Sensitive.CASH_MOVE, cashier)
    before = _moves_written(db)
    with pytest.raises(ShiftError, match=message):
        service.move_cash(
            amount_fen,
            reason,
            cashier=cashier,
            approval=approval,
            shift_id=shift.id,
        )
    assert _moves_written(db) == before
    assert service.shift_report(shift.id).expected_cash_fen == 50000


def test_cash_cannot_move_without_an_open_shift(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
) -> None:
    service.close_shift(shift.id, {TenderMethod.CASH: 50000}, cashier=cashier)
    approval = service.approve("李店长", "2468", Sensitive.CASH_MOVE, cashier)
    before = _moves_written(db)
    with pytest.raises(ShiftError, match="没有进行中的班次"):
        service.move_cash(
            10000,
            "备用金",
            cashier=cashier,
            approval=approval,
            shift_id=shift.id,
        )
    assert _moves_written(db) == before


def test_the_close_report_prints_the_audit_chains_head_as_it_stands_after_the_close(
    db: Database,
    config: Config,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    _sell(db, config, cashier, shift, products["service"], [Tender(TenderMethod.CASH, 5000)])
    with db.transaction() as session:
        final = close_shift(
            session, shift.id, {TenderMethod.CASH: 55000}, staff=cashier, config=config
        )
    with db.reading() as session:
        head = audit.current_head(session)
        job = session.get(PrintJobRow, final.print_job_id)
    assert head is not None and final.audit_head == (head.seq, head.hash)
    assert job is not None and job.document is not None
    lines = [b.text for b in document_from_json(job.document) if isinstance(b, Text)]
    assert f"审计日志：共 {head.seq} 条" in lines
    assert head.hash in "".join(lines)  # wrapped to the paper's width
