"""交班: a cashier's shift from the opening float to the counted drawer at close."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Config
from app.errors import KnownError
from app.money import format_fen
from app.pos import receipts
from app.pos.business_day import local_time_text
from app.pos.print_jobs import enqueue
from app.pos.slip_context import SlipContext
from app.pos.staff import StaffView
from app.pos.tenders import TENDER_LABELS, TenderMethod
from app.storage import audit, outbox
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import (
    CashMoveRow,
    OrderKind,
    OrderRow,
    OrderState,
    PaymentRow,
    ReceivableSettlementRow,
    ShiftCountRow,
    ShiftRow,
    ShiftState,
    StaffRow,
)

MAX_FLOAT_FEN = 100_000_00


class ShiftError(KnownError):
    """A shift action that cannot be done now; nothing was written."""


@dataclasses.dataclass(frozen=True)
class ShiftView:
    id: str
    cashier_id: str
    cashier_name: str
    state: ShiftState
    opening_float_fen: int
    opened_at: dt.datetime
    closed_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class MethodLine:
    method: TenderMethod
    expected_fen: int
    counted_fen: int | None

    @property
    def label(self) -> str:
        return TENDER_LABELS[self.method]

    @property
    def variance_fen(self) -> int | None:
        return None if self.counted_fen is None else self.counted_fen - self.expected_fen


@dataclasses.dataclass(frozen=True)
class ShiftReport:
    """X report while open (nothing counted), or the final report at close."""

    shift: ShiftView
    sales_count: int
    refunds_count: int
    voids_count: int
    gross_sales_fen: int
    refunds_fen: int
    cash_in_out_fen: int
    methods: tuple[MethodLine, ...]
    is_final: bool
    cash_in_fen: int = 0
    cash_out_fen: int = 0
    #: Top-ups and count cards paid in this shift (in the drawer, not in the sales figures).
    member_income_fen: int = 0
    #: The printed report waiting in the print queue (set by close_shift and print_x_report).
    print_job_id: str | None = None
    #: The audit chain's head at close (entries, newest hash): printed on the 交班 report, so a
    #: chain cut back later disagrees with paper (the head office anchors the same head).
    audit_head: tuple[int, str] | None = None

    @property
    def net_sales_fen(self) -> int:
        return self.gross_sales_fen - self.refunds_fen

    @property
    def expected_cash_fen(self) -> int:
        return next((m.expected_fen for m in self.methods if m.method is TenderMethod.CASH), 0)


def _view(session: Session, row: ShiftRow) -> ShiftView:
    cashier = session.get(StaffRow, row.cashier_id)
    return ShiftView(
        id=row.id,
        cashier_id=row.cashier_id,
        cashier_name=cashier.name if cashier else "",
        state=row.state,
        opening_float_fen=row.opening_float_fen,
        opened_at=row.opened_at,
        closed_at=row.closed_at,
    )


def open_shift_row(session: Session) -> ShiftRow | None:
    return session.scalar(select(ShiftRow).where(ShiftRow.state == ShiftState.OPEN))


def current_shift(session: Session) -> ShiftView | None:
    """The counter's open shift, whoever opened it: one drawer, one shift at a time."""
    row = open_shift_row(session)
    return None if row is None else _view(session, row)


def open_shift(session: Session, cashier: StaffView, opening_float_fen: int) -> ShiftView:
    if not 0 <= opening_float_fen <= MAX_FLOAT_FEN:
        raise ShiftError("备用金金额不正确")
    existing = open_shift_row(session)
    if existing is not None:
        owner = _view(session, existing).cashier_name
        raise ShiftError("%1 的班次尚未交班，请先交班", owner)
    row = ShiftRow(
        id=new_id(),
        cashier_id=cashier.id,
        state=ShiftState.OPEN,
        opening_float_fen=opening_float_fen,
        opened_at=utcnow(),
    )
    session.add(row)
    audit.record(
        session,
        "shift.opened",
        actor_id=cashier.id,
        subject_id=row.id,
        detail={"opening_float_fen": opening_float_fen},
    )
    return _view(session, row)


@dataclasses.dataclass(frozen=True)
class CashMoveView:
    """Cash put in or taken out, and what the drawer is expected to hold after it."""

    id: str
    shift_id: str
    amount_fen: int
    reason: str
    expected_cash_fen: int


def record_cash_move(
    session: Session,
    shift_id: str,
    amount_fen: int,
    reason: str,
    *,
    staff: StaffView,
    approver: StaffView,
) -> CashMoveView:
    """Cash put in (positive) or taken out (negative) of the drawer outside a sale: 备用金 topped
    up, petty cash paid out. Never more out than the drawer is expected to hold."""
    row = session.get(ShiftRow, shift_id)
    if row is None or row.state is not ShiftState.OPEN:
        raise ShiftError("没有进行中的班次")
    if amount_fen == 0 or abs(amount_fen) > MAX_FLOAT_FEN:
        raise ShiftError("金额不正确")
    reason = reason.strip()[:80]
    if not reason:
        raise ShiftError("请填写原因")
    held = _report(session, row).expected_cash_fen
    if amount_fen < 0 and -amount_fen > held:
        raise ShiftError(
            "钱箱应有现金 %1 元，不能取出 %2 元", format_fen(held), format_fen(-amount_fen)
        )
    move = CashMoveRow(
        id=new_id(),
        shift_id=shift_id,
        amount_fen=amount_fen,
        reason=reason,
        staff_id=staff.id,
        created_at=utcnow(),
    )
    session.add(move)
    audit.record(
        session,
        "drawer.cash_moved",
        actor_id=staff.id,
        approver_id=approver.id,
        subject_id=shift_id,
        detail={"amount_fen": amount_fen, "reason": reason},
    )
    outbox.add_event(
        session,
        "CashMoved",
        {
            "cash_move_id": move.id,
            "shift_id": shift_id,
            "amount_fen": amount_fen,
            "reason": reason,
            "staff_id": staff.id,
            "approver_id": approver.id,
            "moved_at": move.created_at.isoformat(),
        },
        at=move.created_at,
    )
    return CashMoveView(move.id, shift_id, amount_fen, reason, held + amount_fen)


def record_drawer_opened(session: Session, *, staff: StaffView, approver: StaffView) -> None:
    """Opening the drawer with no sale leaves a trace naming both people."""
    audit.record(session, "drawer.opened_without_sale", actor_id=staff.id, approver_id=approver.id)


def shift_report(session: Session, shift_id: str) -> ShiftReport:
    row = session.get(ShiftRow, shift_id)
    if row is None:
        raise ShiftError("找不到该班次")
    return _report(session, row)


def _report(session: Session, row: ShiftRow) -> ShiftReport:
    counted = {c.method: c.counted_fen for c in row.counts}
    orders = session.execute(
        select(OrderRow.kind, OrderRow.state, func.count(), func.sum(OrderRow.total_fen))
        .where(OrderRow.shift_id == row.id)
        .group_by(OrderRow.kind, OrderRow.state)
    ).all()
    sales = refunds = voids = gross = refunded = member_income = 0
    for kind, state, count, total in orders:
        if state is OrderState.VOIDED:
            voids += count
        elif kind is OrderKind.SALE:
            sales += count
            gross += total or 0
        elif kind is OrderKind.REFUND:
            refunds += count
            refunded += total or 0
        else:  # top-ups and count cards: money in the drawer that is not a sale
            member_income += total or 0
    expected: dict[TenderMethod, int] = defaultdict(int)
    expected[TenderMethod.CASH] = row.opening_float_fen
    for method, amount in session.execute(
        select(PaymentRow.method, func.sum(PaymentRow.amount_fen))
        .join(OrderRow, PaymentRow.order_id == OrderRow.id)
        .where(OrderRow.shift_id == row.id, OrderRow.state != OrderState.VOIDED)
        .group_by(PaymentRow.method)
    ):
        expected[TenderMethod(method)] += amount or 0
    for method, amount in session.execute(
        select(ReceivableSettlementRow.method, func.sum(ReceivableSettlementRow.amount_fen))
        .where(ReceivableSettlementRow.shift_id == row.id)
        .group_by(ReceivableSettlementRow.method)
    ):
        expected[TenderMethod(method)] += amount or 0
    moves = list(
        session.scalars(select(CashMoveRow.amount_fen).where(CashMoveRow.shift_id == row.id))
    )
    cash_moves = sum(moves)
    expected[TenderMethod.CASH] += cash_moves
    methods = tuple(
        MethodLine(method, expected.get(method, 0), counted.get(method.value))
        for method in TenderMethod
        if method in expected or method.value in counted
    )
    return ShiftReport(
        shift=_view(session, row),
        sales_count=sales,
        refunds_count=refunds,
        voids_count=voids,
        gross_sales_fen=gross,
        refunds_fen=refunded,
        cash_in_out_fen=cash_moves,
        methods=methods,
        is_final=row.state is ShiftState.CLOSED,
        cash_in_fen=sum(m for m in moves if m > 0),
        cash_out_fen=-sum(m for m in moves if m < 0),
        member_income_fen=member_income,
    )


def report_data(report: ShiftReport, config: Config) -> receipts.ShiftReportData:
    """The report as the printer lays it out."""
    shift = report.shift
    return receipts.ShiftReportData(
        slip=SlipContext.of(config, shift.cashier_name, utcnow()),
        shift_id=shift.id,
        opened_at=local_time_text(shift.opened_at, config.timezone),
        closed_at=local_time_text(shift.closed_at, config.timezone) if shift.closed_at else None,
        opening_float_fen=shift.opening_float_fen,
        sales_count=report.sales_count,
        refunds_count=report.refunds_count,
        gross_sales_fen=report.gross_sales_fen,
        refunds_fen=report.refunds_fen,
        methods=tuple(
            receipts.ShiftMethodRow(m.label, m.expected_fen, m.counted_fen, m.variance_fen)
            for m in report.methods
        ),
        cash_in_fen=report.cash_in_fen,
        cash_out_fen=report.cash_out_fen,
        is_final=report.is_final,
        voids_count=report.voids_count,
        audit_count=report.audit_head[0] if report.audit_head else None,
        audit_hash=report.audit_head[1] if report.audit_head else "",
    )


def print_x_report(session: Session, shift_id: str, config: Config) -> ShiftReport:
    """Queue an X report (the shift so far) for the printer."""
    report = shift_report(session, shift_id)
    document = receipts.shift_report(report_data(report, config), config.receipt_width)
    return dataclasses.replace(
        report, print_job_id=enqueue(session, receipts.PrintJobKind.X_REPORT, document)
    )


def close_shift(
    session: Session,
    shift_id: str,
    counted: dict[TenderMethod, int],
    *,
    staff: StaffView,
    config: Config,
    now: dt.datetime | None = None,
) -> ShiftReport:
    """Count the drawer and close: expected against counted per tender, variance kept.

    The printed report is queued in the same transaction, so a printer that is off loses nothing.
    """
    row = session.get(ShiftRow, shift_id)
    if row is None or row.state is not ShiftState.OPEN:
        raise ShiftError("该班次已交班")
    if any(amount < 0 or amount > 10 * MAX_FLOAT_FEN for amount in counted.values()):
        raise ShiftError("清点金额不正确")
    before = _report(session, row)
    for line in before.methods:
        row.counts.append(
            ShiftCountRow(
                method=line.method.value,
                expected_fen=line.expected_fen,
                counted_fen=counted.get(line.method, line.expected_fen)
                if line.method is not TenderMethod.CASH
                else counted.get(TenderMethod.CASH, 0),
            )
        )
    for method, amount in counted.items():
        if method not in {line.method for line in before.methods}:
            row.counts.append(
                ShiftCountRow(method=method.value, expected_fen=0, counted_fen=amount)
            )
    row.close(staff.id, now or utcnow())
    session.flush()
    report = _report(session, row)
    audit.record(
        session,
        "shift.closed",
        actor_id=staff.id,
        subject_id=row.id,
        detail={m.method.value: [m.expected_fen, m.counted_fen] for m in report.methods},
    )
    outbox.add_event(
        session,
        "ShiftClosed",
        {
            "shift_id": row.id,
            "cashier_id": row.cashier_id,
            "opened_at": row.opened_at.isoformat(),
            "closed_at": row.closed_at.isoformat() if row.closed_at else None,
            "opening_float_fen": row.opening_float_fen,
            "counts": [
                {
                    "method": m.method.value,
                    "expected_fen": m.expected_fen,
                    "counted_fen": m.counted_fen,
                }
                for m in report.methods
            ],
        },
    )
    head = audit.current_head(session)
    if head is not None:
        report = dataclasses.replace(report, audit_head=(head.seq, head.hash))
    document = receipts.shift_report(report_data(report, config), config.receipt_width)
    return dataclasses.replace(
        report, print_job_id=enqueue(session, receipts.PrintJobKind.SHIFT, document)
    )
