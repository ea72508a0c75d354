"""Killing the counter in the middle of a stream of sales loses no part of any sale."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.pos.catalog import ProductInput, create_product
from app.pos.shifts import open_shift
from app.pos.staff import add_staff
from app.storage.database import Database
from app.storage.models import (
    AuditRow,
    OrderLineRow,
    OrderRow,
    OutboxRow,
    PaymentRow,
    PrintJobRow,
    ReceiptSequenceRow,
    Role,
    StockMoveRow,
)

ROOT = Path(__file__).resolve().parents[2]
BARCODES = ["6901234567892", "6920000000012", "6920000000029"]
LINES_PER_SALE = len(BARCODES)


def _prepare(data_dir: Path) -> None:
    db = Database.open(f"sqlite:///{data_dir / 'counter.db'}")
    with db.transaction() as session:
        cashier = add_staff(session, "小王", Role.CASHIER, "1234")
        for number, barcode in enumerate(BARCODES):
            create_product(
                session,
                ProductInput(name=f"测试商品{number}", price_fen=100 + number, barcodes=(barcode,)),
                opening_stock_milli=10_000_000,
            )
        open_shift(session, cashier, 0)
    db.dispose()


def _sell_until_killed(data_dir: Path, rng: random.Random) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("crash_seller.py")),
            str(data_dir),
            *BARCODES,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    sold = 0
    wanted = rng.randint(5, 25)
    deadline = time.monotonic() + 60
    while sold < wanted and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        sold += 1
    time.sleep(rng.random() * 0.05)  # land somewhere inside the next sale
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert sold > 0, child.stderr.read() if child.stderr else "child printed nothing"
    return sold


@pytest.mark.slow
def test_every_receipt_number_has_its_whole_order_after_a_kill(tmp_path: Path) -> None:
    _prepare(tmp_path)
    rng = random.Random(20261123)
    reported = sum(_sell_until_killed(tmp_path, rng) for _ in range(4))

    db = Database.open(f"sqlite:///{tmp_path / 'counter.db'}")
    with db.reading() as session:
        orders = session.scalars(select(OrderRow).order_by(OrderRow.receipt_no)).all()
        assert len(orders) >= reported
        numbers = [int(order.receipt_no.rsplit("-", 1)[1]) for order in orders]
        days = {order.business_day for order in orders}
        for day in days:
            day_numbers = sorted(
                int(o.receipt_no.rsplit("-", 1)[1]) for o in orders if o.business_day == day
            )
            assert day_numbers == list(range(1, len(day_numbers) + 1))
            sequence = session.get(ReceiptSequenceRow, day)
            assert sequence is not None and sequence.last_no == len(day_numbers)
        for order in orders:
            lines = session.scalar(
                select(func.count())
                .select_from(OrderLineRow)
                .where(OrderLineRow.order_id == order.id)
            )
            paid = session.scalar(
                select(func.sum(PaymentRow.amount_fen)).where(PaymentRow.order_id == order.id)
            )
            moves = session.scalar(
                select(func.count())
                .select_from(StockMoveRow)
                .where(StockMoveRow.order_id == order.id)
            )
            assert lines == LINES_PER_SALE, order.receipt_no
            assert paid == order.total_fen, order.receipt_no
            assert moves == LINES_PER_SALE, order.receipt_no
            for table in (PrintJobRow,):
                assert (
                    session.scalar(
                        select(func.count()).select_from(table).where(table.order_id == order.id)
                    )
                    == 1
                )
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == len(orders)
        sale_audits = session.scalar(
            select(func.count()).select_from(AuditRow).where(AuditRow.action == "sale.paid")
        )
        assert sale_audits == len(orders)
        outbox_seqs = list(session.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)))
        assert outbox_seqs == list(range(1, len(orders) + 1))
    assert len(numbers) == len(set(numbers)) or len(days) > 1
    db.dispose()
