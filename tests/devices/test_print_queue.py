"""The print queue on a real SQLite file: failed prints wait, nothing is lost, sales stay whole."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.config import RECEIPT_WIDTH_58MM, Config
from app.devices.print_queue import (
    MAX_AUTOMATIC_ATTEMPTS,
    MSG_UNEXPECTED,
    RETRY_FIRST_DELAY_SECONDS,
    RETRY_MAX_DELAY_SECONDS,
    PrintQueue,
    PrintQueueError,
    PrintRetry,
)
from app.devices.printers import (
    MSG_PAPER_OUT,
    MSG_UNCONFIRMED,
    MSG_UNCONFIRMED_NO_STATUS,
    MSG_UNREACHABLE,
    Delivery,
    DummyPrinter,
    Printer,
    PrinterConfigError,
    PrinterError,
    PrinterStatus,
    open_printer,
)
from app.errors import KnownError
from app.pos.checkout import SaleResult
from app.pos.counter import CounterService, cart_product
from app.pos.demo import seed_demo_store
from app.pos.print_jobs import enqueue
from app.pos.receipts import REPRINT_MARK, Cut, PrintJobKind, Text
from app.pos.tenders import Tender, TenderMethod
from app.storage.database import Database
from app.storage.models import AuditRow, OrderRow, PaymentRow, PrintJobRow, PrintStatus
from tests.devices.escpos_decoder import decode
from tests.devices.manual_clock import ManualClock
from tests.devices.network_printer import PAPER_OK, PAPER_OUT, SILENT, NetworkPrinter

SLIP_CONFIG = Config(data_dir=Path("."), receipt_width=RECEIPT_WIDTH_58MM)


class SwitchablePrinter:
    """A printer the test can unplug and plug back in; counts the attempts."""

    def __init__(self) -> None:
        self.inner = DummyPrinter()
        self.attempts = 0

    def send(self, data: bytes) -> Delivery:
        self.attempts += 1
        return self.inner.send(data)

    def status(self) -> PrinterStatus:
        return self.inner.status()

    def out_of_paper(self) -> None:
        self.inner.paper = PrinterStatus.PAPER_OUT

    def paper_loaded(self) -> None:
        self.inner.paper = PrinterStatus.ONLINE


@pytest.fixture
def printer() -> SwitchablePrinter:
    return SwitchablePrinter()


@pytest.fixture
def queue(db: Database, printer: SwitchablePrinter) -> PrintQueue:
    return PrintQueue(db, lambda: printer, SLIP_CONFIG)


def make_sale(db: Database, config: Config) -> SaleResult:
    with db.transaction() as session:
        seed_demo_store(session)
    service = CounterService(db, config)
    cashier = service.login("小王", "1234")
    cart = service.new_cart()
    cart.add(cart_product(service.search("可乐")[0]))
    return service.pay(cart, [Tender(TenderMethod.CASH, 10000)], cashier=cashier, shift_id=None)


def sale_rows(db: Database, order_id: str) -> tuple[Any, ...]:
    with db.reading() as session:
        order = session.get(OrderRow, order_id)
        assert order is not None
        payments = session.scalars(select(PaymentRow).where(PaymentRow.order_id == order_id))
        return (
            order.state,
            order.total_fen,
            order.change_fen,
            len(order.lines),
            [(p.method, p.amount_fen, p.tendered_fen) for p in payments],
        )


def add_job(db: Database, text: str, **kwargs: Any) -> str:
    with db.transaction() as session:
        return enqueue(session, PrintJobKind.SALE, (Text(text), Cut()), **kwargs)


def job_row(db: Database, job_id: str) -> PrintJobRow:
    with db.reading() as session:
        row = session.get(PrintJobRow, job_id)
        assert row is not None
        return row


def test_enqueue_only_adds_a_pending_row(db: Database, printer: SwitchablePrinter) -> None:
    job_id = add_job(db, "hello", open_drawer=True)
    row = job_row(db, job_id)
    assert row.status is PrintStatus.PENDING
    assert row.attempts == 0
    assert row.open_drawer
    assert json.loads(row.document)["blocks"][0]["text"] == "hello"
    assert printer.attempts == 0


def test_a_job_kind_is_stored_as_the_same_plain_text_as_before_it_was_an_enum(
    db: Database,
) -> None:
    add_job(db, "hello")
    with db.reading() as session:
        stored = session.execute(text("SELECT kind, typeof(kind) FROM print_jobs")).one()
    assert tuple(stored) == ("sale", "text")
    assert [kind.value for kind in PrintJobKind] == [
        "sale",
        "refund",
        "stored_value",
        "redemption",
        "count_card",
        "enrolment",
        "x_report",
        "shift",
        "reprint",
        "test",
    ]


def test_enqueue_inside_a_failed_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as session:
        enqueue(session, PrintJobKind.SALE, (Text("lost"),))
        raise RuntimeError("the sale failed")
    with db.reading() as session:
        assert session.scalars(select(PrintJobRow)).all() == []


def test_printed_job_is_marked_with_its_time(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    job_id = add_job(db, "可口可乐 ￥3.50", open_drawer=True)
    outcome = queue.print_job(job_id)
    assert outcome.ok
    assert outcome.error is None
    row = job_row(db, job_id)
    assert row.status is PrintStatus.PRINTED
    assert row.attempts == 1
    assert row.printed_at is not None
    decoded = decode(printer.inner.output)
    assert "可口可乐 ￥3.50" in decoded.text
    assert ("drawer", "2", "25", "250") in decoded.commands


def test_a_printed_job_is_not_printed_twice(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    job_id = add_job(db, "once")
    queue.print_job(job_id)
    assert queue.print_job(job_id).ok
    assert queue.print_pending() == []
    assert printer.attempts == 1


def test_failed_print_keeps_the_job_and_leaves_the_sale_whole(
    db: Database, config: Config, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    sale = make_sale(db, config)
    before = sale_rows(db, sale.order_id)
    printer.out_of_paper()

    outcome = queue.print_job(sale.print_job_id)

    assert not outcome.ok
    assert outcome.error == MSG_PAPER_OUT
    row = job_row(db, sale.print_job_id)
    assert row.status is PrintStatus.FAILED
    assert row.attempts == 1
    assert row.last_error == MSG_PAPER_OUT
    assert row.order_id == sale.order_id
    assert sale_rows(db, sale.order_id) == before

    printer.paper_loaded()
    outcomes = queue.print_pending()

    assert [o.job_id for o in outcomes] == [sale.print_job_id]
    assert outcomes[0].ok
    row = job_row(db, sale.print_job_id)
    assert row.status is PrintStatus.PRINTED
    assert row.attempts == 2
    assert row.last_error is None
    assert sale.receipt_no in decode(printer.inner.output).text
    assert sale_rows(db, sale.order_id) == before


def test_a_job_survives_reopening_the_database(config: Config) -> None:
    first = Database.open(config.database_url)
    job_id = add_job(first, "after restart")
    first.dispose()

    reopened = Database.open(config.database_url)
    printer = DummyPrinter()
    try:
        outcomes = PrintQueue(reopened, lambda: printer, SLIP_CONFIG).print_pending()
    finally:
        reopened.dispose()
    assert [(o.job_id, o.ok) for o in outcomes] == [(job_id, True)]
    assert decode(printer.output).lines == ["after restart"]


def test_print_pending_goes_oldest_first_and_stops_when_the_printer_fails(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    ids = [add_job(db, f"job {n}") for n in range(3)]
    assert [o.job_id for o in queue.print_pending()] == ids
    assert decode(printer.inner.output).lines == ["job 0", "job 1", "job 2"]

    more = [add_job(db, f"more {n}") for n in range(3)]
    printer.out_of_paper()
    outcomes = queue.print_pending()
    assert [(o.job_id, o.ok) for o in outcomes] == [(more[0], False)]  # no 2 s wait per job
    assert job_row(db, more[1]).status is PrintStatus.PENDING
    assert queue.pending_count() == 3


def test_a_broken_document_fails_alone_and_the_queue_moves_on(
    db: Database, queue: PrintQueue
) -> None:
    with db.transaction() as session:
        broken = enqueue(session, PrintJobKind.SALE, (Text("x"),))
        row = session.get(PrintJobRow, broken)
        assert row is not None
        row.document = "{not json"
    good = add_job(db, "fine")
    outcomes = queue.print_pending()
    assert [(o.job_id, o.ok) for o in outcomes] == [(broken, False), (good, True)]
    assert job_row(db, broken).status is PrintStatus.FAILED
    assert "无法读取" in (job_row(db, broken).last_error or "")


def test_a_printer_misconfigured_fails_the_job_with_the_reason(db: Database) -> None:
    def factory() -> Printer:
        raise PrinterConfigError("不支持的打印机类型“lpt”")

    job_id = add_job(db, "x")
    outcome = PrintQueue(db, factory, SLIP_CONFIG).print_job(job_id)
    assert not outcome.ok
    assert job_row(db, job_id).last_error == "不支持的打印机类型“lpt”"


def test_an_unexpected_printer_bug_fails_the_job_and_is_logged(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def send(self, data: bytes) -> Delivery:
            raise KeyError("driver bug")

        def status(self) -> PrinterStatus:
            return PrinterStatus.UNKNOWN

    job_id = add_job(db, "x")
    outcome = PrintQueue(db, Broken, SLIP_CONFIG).print_job(job_id)
    assert outcome.error == MSG_UNEXPECTED
    assert job_row(db, job_id).status is PrintStatus.FAILED
    assert "driver bug" in caplog.text


def test_reprint_prints_a_marked_copy_without_opening_the_drawer(
    db: Database, config: Config, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    sale = make_sale(db, config)
    queue.print_job(sale.print_job_id)
    printer.inner.clear()

    outcome = queue.reprint(sale.print_job_id, actor_id="someone")

    assert outcome.ok
    assert outcome.job_id != sale.print_job_id
    decoded = decode(printer.inner.output)
    assert decoded.lines[0] == REPRINT_MARK
    assert sale.receipt_no in decoded.text
    assert "drawer" not in [c[0] for c in decoded.commands]
    copy = job_row(db, outcome.job_id)
    assert copy.kind == PrintJobKind.REPRINT
    assert copy.order_id == sale.order_id
    assert not copy.open_drawer
    last = queue.last_job("sale")
    assert last is not None
    assert last.id == sale.print_job_id
    with db.reading() as session:
        entry = session.scalars(
            select(AuditRow).where(AuditRow.action == "receipt_reprinted")
        ).one()
        assert entry.subject_id == sale.order_id
        assert entry.actor_id == "someone"


def test_reprint_of_a_reprint_is_marked_once(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    first = queue.reprint(add_job(db, "slip"))
    printer.inner.clear()
    queue.reprint(first.job_id)
    assert decode(printer.inner.output).lines == [REPRINT_MARK, "slip"]


def test_failed_reprint_waits_in_the_queue_like_any_job(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    job_id = add_job(db, "slip")
    printer.out_of_paper()
    outcome = queue.reprint(job_id)
    assert not outcome.ok
    assert job_row(db, outcome.job_id).status is PrintStatus.FAILED


def test_unknown_jobs_are_refused_plainly(queue: PrintQueue) -> None:
    with pytest.raises(PrintQueueError, match="找不到"):
        queue.print_job("no-such-job")
    with pytest.raises(PrintQueueError, match="找不到"):
        queue.reprint("no-such-job")


def test_list_jobs_shows_newest_first_with_status_and_error(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    printed = add_job(db, "a")
    queue.print_job(printed)
    printer.out_of_paper()
    failed = add_job(db, "b")
    queue.print_job(failed)
    waiting = add_job(db, "c")

    views = queue.list_jobs(limit=10)

    assert [v.id for v in views] == [waiting, failed, printed]
    assert [v.status for v in views] == [
        PrintStatus.PENDING,
        PrintStatus.FAILED,
        PrintStatus.PRINTED,
    ]
    assert views[1].last_error == MSG_PAPER_OUT
    assert views[1].attempts == 1
    assert queue.list_jobs(limit=1) == views[:1]
    assert queue.document(printed) == (Text("a"), Cut())


def test_last_job_is_none_on_an_empty_queue(queue: PrintQueue) -> None:
    assert queue.last_job() is None


def test_two_workers_never_print_the_same_job_twice(db: Database, tmp_path: Path) -> None:
    printer = DummyPrinter()
    queue = PrintQueue(db, lambda: printer, SLIP_CONFIG)
    ids = [add_job(db, f"job {n}") for n in range(10)]
    workers = [threading.Thread(target=queue.print_pending) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert len(printer.jobs) == len(ids)
    assert all(job_row(db, job_id).attempts == 1 for job_id in ids)


def test_printer_error_is_a_known_error_the_screen_can_show() -> None:
    error = PrinterError(MSG_PAPER_OUT)
    assert isinstance(error, KnownError)
    assert str(error) == "打印机缺纸，请装纸后重新打印"


# -- a network printer that does not answer, one out of paper, and the automatic retry ------------


def tcp_queue(db: Database, fake: NetworkPrinter) -> PrintQueue:
    """A queue on a real TcpPrinter with the default 2 s timeout, as a store has it."""
    return PrintQueue(db, lambda: open_printer(fake.uri, 2.0), SLIP_CONFIG)


def test_a_network_printer_that_ignores_the_status_query_prints_the_receipt(
    db: Database, config: Config
) -> None:
    sale = make_sale(db, config)
    with NetworkPrinter(SILENT) as fake:
        outcome = tcp_queue(db, fake).print_job(sale.print_job_id)
        jobs = fake.wait_for_jobs(1)
        status = open_printer(fake.uri, 2.0).status()

    assert not outcome.ok and outcome.unconfirmed  # it may have printed: nobody can tell
    assert len(jobs) == 1
    decoded = decode(jobs[0])
    assert ("status_query", "4") in decoded.commands  # asked, got no answer, printed anyway
    assert sale.receipt_no in decoded.text
    row = job_row(db, sale.print_job_id)
    assert row.status is PrintStatus.UNCONFIRMED and row.last_error == MSG_UNCONFIRMED_NO_STATUS
    assert status is PrinterStatus.NO_ANSWER


def test_a_printer_that_stalls_after_the_query_leaves_the_job_unconfirmed_and_unretried(
    db: Database, config: Config
) -> None:
    sale = make_sale(db, config)
    clock = ManualClock()
    with NetworkPrinter(PAPER_OK) as fake:
        fake.stall = True
        queue = PrintQueue(db, lambda: open_printer(fake.uri, 0.5), SLIP_CONFIG)
        outcome = queue.print_job(sale.print_job_id)
        assert not outcome.ok and outcome.unconfirmed and outcome.error == MSG_UNCONFIRMED
        row = job_row(db, sale.print_job_id)
        assert row.status is PrintStatus.UNCONFIRMED and row.printed_at is None
        assert (queue.pending_count(), queue.unconfirmed_count()) == (0, 1)

        fake.stall = False  # the printer works again: still nothing is sent by itself
        retry = PrintRetry(queue, clock=clock)
        clock.advance(RETRY_MAX_DELAY_SECONDS)
        report = retry.tick()
        assert report is not None and report.outcomes == ()
        assert queue.print_pending() == []
        assert queue.print_job(sale.print_job_id).unconfirmed
        assert len(fake.connections) == 1

        copy = queue.reprint(sale.print_job_id)  # the cashier saw no receipt come out
        reprinted = fake.wait_for_jobs(2)

    assert copy.ok
    assert "重印" in decode(reprinted[-1]).text
    settled = job_row(db, sale.print_job_id)
    assert settled.status is PrintStatus.PRINTED and "重印" in (settled.last_error or "")
    assert queue.unconfirmed_count() == 0


def test_the_cashier_confirms_an_unconfirmed_job_came_out_and_it_is_audited(
    db: Database, config: Config
) -> None:
    queue = PrintQueue(db, lambda: DummyPrinter(confirms=False), SLIP_CONFIG)
    job_id = add_job(db, "maybe out")
    waiting = add_job(db, "not sent yet")
    assert queue.print_job(job_id).unconfirmed
    with pytest.raises(PrintQueueError, match="已发送，未确认"):
        queue.confirm_printed(waiting, actor_id="s1")
    view = queue.confirm_printed(job_id, actor_id="s1")
    assert view.status is PrintStatus.PRINTED and view.printed_at is not None
    with pytest.raises(PrintQueueError):
        queue.confirm_printed(job_id, actor_id="s1")
    with db.reading() as session:
        actions = session.scalars(
            select(AuditRow.action).where(AuditRow.action == "receipt_confirmed_printed")
        ).all()
    assert list(actions) == ["receipt_confirmed_printed"]
    assert job_row(db, waiting).status is PrintStatus.PENDING


def test_a_network_printer_out_of_paper_is_refused_and_the_job_waits(
    db: Database, config: Config
) -> None:
    sale = make_sale(db, config)
    with NetworkPrinter(PAPER_OUT) as fake:
        queue = tcp_queue(db, fake)
        outcome = queue.print_job(sale.print_job_id)
        fake.wait_for_jobs(1, timeout_s=0.3)
        jobs = fake.jobs()

    assert not outcome.ok
    assert outcome.error == MSG_PAPER_OUT
    assert jobs == []  # only the paper query went out
    row = job_row(db, sale.print_job_id)
    assert row.status is PrintStatus.FAILED
    assert row.last_error == MSG_PAPER_OUT
    assert queue.pending_count() == 1


def test_a_failed_job_prints_by_itself_once_the_printer_has_paper_again(
    db: Database, config: Config
) -> None:
    sale = make_sale(db, config)
    clock = ManualClock()
    with NetworkPrinter(PAPER_OUT) as fake:
        queue = tcp_queue(db, fake)
        retry = PrintRetry(queue, clock=clock)
        assert not queue.print_job(sale.print_job_id).ok
        retry.print_failed()

        assert retry.tick() is None  # not due yet: no connection, no job touched
        clock.advance(RETRY_FIRST_DELAY_SECONDS)
        waiting = retry.tick()
        assert waiting is not None and waiting.status is PrinterStatus.PAPER_OUT
        assert waiting.outcomes == () and waiting.still_failing
        assert job_row(db, sale.print_job_id).attempts == 1  # still out of paper: not tried
        assert retry.next_at == clock() + RETRY_FIRST_DELAY_SECONDS

        fake.paper = PAPER_OK  # paper loaded
        clock.advance(RETRY_FIRST_DELAY_SECONDS)
        report = retry.tick()
        jobs = fake.wait_for_jobs(1)

    assert report is not None and report.printed == 1 and not report.still_failing
    assert report.status is PrinterStatus.ONLINE
    assert len(jobs) == 1 and sale.receipt_no in decode(jobs[0]).text
    row = job_row(db, sale.print_job_id)
    assert row.status is PrintStatus.PRINTED and row.attempts == 2
    assert retry.next_at == clock() + RETRY_MAX_DELAY_SECONDS  # nothing left: back to idle


def test_the_retry_waits_twice_as_long_after_each_try_up_to_the_longest_wait(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    job_id = add_job(db, "while unplugged")
    printer.inner.error = PrinterError(MSG_UNREACHABLE)
    assert not queue.print_job(job_id).ok
    clock = ManualClock()
    retry = PrintRetry(queue, clock=clock)
    retry.print_failed()
    waits = []
    for _ in range(8):
        clock.advance(retry.next_at - clock())
        report = retry.tick()
        assert report is not None and report.status is PrinterStatus.OFFLINE
        waits.append(retry.next_at - clock())
    assert waits == [5.0, 10.0, 20.0, 40.0, 80.0, 120.0, 120.0, 120.0]
    assert printer.attempts == 1  # the unplugged printer was asked, never sent a job

    printer.inner.error = None
    clock.advance(retry.next_at - clock())
    report = retry.tick()
    assert report is not None and report.printed == 1
    assert decode(printer.inner.output).lines == ["while unplugged"]


def test_a_job_that_keeps_failing_is_left_to_the_manual_retry(
    db: Database, queue: PrintQueue, printer: SwitchablePrinter
) -> None:
    job_id = add_job(db, "stubborn")
    with db.transaction() as session:
        row = session.get(PrintJobRow, job_id)
        assert row is not None
        row.status = PrintStatus.FAILED
        row.attempts = MAX_AUTOMATIC_ATTEMPTS
    report = queue.retry_failed()
    assert report.status is None and report.outcomes == ()
    assert printer.attempts == 0
    assert [o.ok for o in queue.print_pending()] == [True]  # "retry all" still prints it
