"""The print queue: receipts wait in the database until a printer takes them, so none is lost.

Checkout only adds a job inside the sale's transaction (``app.pos.print_jobs.enqueue``); printing
happens after the commit, on a worker thread, and a failed print never touches the sale's rows.
Failed jobs are tried again by themselves (:class:`PrintRetry`) once the printer can print.
A job the printer did not confirm (``UNCONFIRMED``: sent, maybe printed) is never sent again by
itself: the cashier reprints it as a copy marked 重印, or confirms that it came out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import ColumnElement, func, literal_column, select

from app.config import Config
from app.devices.escpos_render import ChineseFontMissing, Encoding, render, render_mode
from app.devices.printers import (
    Printer,
    PrinterConfigError,
    PrinterError,
    PrinterStatus,
)
from app.errors import KnownError
from app.pos.print_jobs import enqueue, job_document
from app.pos.receipts import (
    Document,
    PrintJobKind,
    ReceiptFormatError,
    mark_reprint,
)
from app.storage import audit
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import PrintJobRow, PrintStatus

log = logging.getLogger(__name__)

MAX_ERROR_LENGTH = 200
MSG_UNEXPECTED = "打印出错，已记录，请重试或联系维护人员"

#: After a print fails, failed jobs are tried again this soon, then twice as long after each
#: try that fails, up to the longest wait; with nothing failed, the queue looks again after the
#: longest wait (a job may have failed where nobody told the retry).
RETRY_FIRST_DELAY_SECONDS = 5.0
RETRY_MAX_DELAY_SECONDS = 120.0
#: A job that failed this often is left to the manual "retry all" (a receipt that cannot be
#: rendered would otherwise be tried for ever).
MAX_AUTOMATIC_ATTEMPTS = 10
#: What the printer says when it cannot print now: the retry waits and touches no job.
NOT_READY = frozenset({PrinterStatus.PAPER_OUT, PrinterStatus.OFFLINE})
#: The order jobs were queued in (see :meth:`PrintQueue.last_job`).
JOB_SEQUENCE: ColumnElement[int] = literal_column(f"{PrintJobRow.__tablename__}.rowid")


class PrintQueueError(KnownError):
    """A print request that names no job; nothing was printed."""


@dataclasses.dataclass(frozen=True)
class PrintOutcome:
    """``ok``: printed (confirmed). ``unconfirmed``: sent, and the printer did not say it took
    it (``error`` says what to check); otherwise it failed with ``error``."""

    job_id: str
    ok: bool
    error: str | None = None
    unconfirmed: bool = False


@dataclasses.dataclass(frozen=True)
class RetryReport:
    """One automatic retry: what the printer said first (None: nothing had failed), and the
    jobs tried."""

    status: PrinterStatus | None
    outcomes: tuple[PrintOutcome, ...] = ()

    @property
    def printed(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.ok)

    @property
    def still_failing(self) -> bool:
        return self.status in NOT_READY or any(
            not (outcome.ok or outcome.unconfirmed) for outcome in self.outcomes
        )


@dataclasses.dataclass(frozen=True)
class PrintJobView:
    id: str
    kind: str
    order_id: str | None
    status: PrintStatus
    attempts: int
    last_error: str | None
    open_drawer: bool
    created_at: dt.datetime
    printed_at: dt.datetime | None


def _view(row: PrintJobRow) -> PrintJobView:
    return PrintJobView(
        id=row.id,
        kind=row.kind,
        order_id=row.order_id,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        open_drawer=row.open_drawer,
        created_at=row.created_at,
        printed_at=row.printed_at,
    )


class PrintQueue:
    """Prints queued jobs one at a time; safe to call from several worker threads."""

    def __init__(
        self,
        db: Database,
        printer_factory: Callable[[], Printer],
        config: Config,
        *,
        encoding: Encoding = "gb18030",
    ) -> None:
        self.db = db
        self.printer_factory = printer_factory
        self.config = config
        self.width = config.receipt_width
        self.encoding = encoding
        self._lock = threading.RLock()  # one job on the printer at a time

    def print_job(self, job_id: str) -> PrintOutcome:
        """Render and send one job; it ends PRINTED, or FAILED with the reason (and stays queued).

        A job already printed is not printed again: that is what :meth:`reprint` is for.
        """
        with self._lock:
            return self._print(job_id)[0]

    def print_pending(self) -> list[PrintOutcome]:
        """Print every waiting or failed job, oldest first; stops at the first printer failure.
        A job sent but not confirmed is left alone: it may be on paper already."""
        with self._lock:
            with self.db.reading() as session:
                ids = session.scalars(
                    select(PrintJobRow.id)
                    .where(PrintJobRow.status.in_((PrintStatus.PENDING, PrintStatus.FAILED)))
                    .order_by(PrintJobRow.created_at, PrintJobRow.id)
                ).all()
            outcomes: list[PrintOutcome] = []
            for job_id in ids:
                outcome, printer_down = self._print(job_id)
                outcomes.append(outcome)
                if printer_down:
                    break
            return outcomes

    def retry_failed(self) -> RetryReport:
        """Ask the printer, and if it can print, print the failed jobs oldest first (those failed
        :data:`MAX_AUTOMATIC_ATTEMPTS` times are left to the manual retry)."""
        with self._lock:
            with self.db.reading() as session:
                ids = session.scalars(
                    select(PrintJobRow.id)
                    .where(
                        PrintJobRow.status == PrintStatus.FAILED,
                        PrintJobRow.attempts < MAX_AUTOMATIC_ATTEMPTS,
                    )
                    .order_by(PrintJobRow.created_at, PrintJobRow.id)
                ).all()
            if not ids:
                return RetryReport(None)
            try:
                status = self.printer_factory().status()
            except PrinterConfigError as exc:
                log.info("print retry: the printer setting cannot be used: %s", exc)
                return RetryReport(PrinterStatus.OFFLINE)
            if status in NOT_READY:
                return RetryReport(status)
            outcomes: list[PrintOutcome] = []
            for job_id in ids:
                outcome, printer_down = self._print(job_id)
                outcomes.append(outcome)
                if printer_down:
                    break
            log.info("print retry: %d of %d failed jobs printed", len(outcomes), len(ids))
            return RetryReport(status, tuple(outcomes))

    def reprint(self, job_id: str, *, actor_id: str | None = None) -> PrintOutcome:
        """Print a copy marked 重印 as a new job (kept and audited); the drawer stays shut.

        Reprinting a job that was sent but not confirmed settles it once the copy is printed:
        the receipt is out, and the list no longer asks about it."""
        with self._lock:
            with self.db.transaction() as session:
                original = session.get(PrintJobRow, job_id)
                if original is None:
                    raise PrintQueueError("找不到要重印的小票")
                try:
                    document = mark_reprint(job_document(session, job_id, self.config))
                except ReceiptFormatError as exc:
                    raise PrintQueueError("无法重印：%1", exc) from exc
                copy_id = enqueue(
                    session, PrintJobKind.REPRINT, document, order_id=original.order_id
                )
                audit.record(
                    session,
                    "receipt_reprinted",
                    actor_id=actor_id,
                    subject_id=original.order_id or original.id,
                    detail={"job_id": original.id, "reprint_job_id": copy_id},
                )
            outcome = self._print(copy_id)[0]
            if outcome.ok:
                self._settle_unconfirmed(job_id, f"已重印补出（{copy_id[-8:]}）")
            return outcome

    def confirm_printed(self, job_id: str, *, actor_id: str | None = None) -> PrintJobView:
        """The cashier saw that a job sent but not confirmed did come out: it is printed
        (audited). Any other job is left as it is."""
        with self._lock, self.db.transaction() as session:
            job = session.get(PrintJobRow, job_id)
            if job is None:
                raise PrintQueueError("找不到该打印任务")
            if job.status is not PrintStatus.UNCONFIRMED:
                raise PrintQueueError("只有“已发送，未确认”的任务需要确认出纸")
            job.status = PrintStatus.PRINTED
            job.printed_at = utcnow()
            job.last_error = "收银员确认已出纸"
            audit.record(
                session,
                "receipt_confirmed_printed",
                actor_id=actor_id,
                subject_id=job.order_id or job.id,
                detail={"job_id": job.id},
            )
            return _view(job)

    def _settle_unconfirmed(self, job_id: str, note: str) -> None:
        with self.db.transaction() as session:
            job = session.get(PrintJobRow, job_id)
            if job is not None and job.status is PrintStatus.UNCONFIRMED:
                job.status = PrintStatus.PRINTED
                job.printed_at = utcnow()
                job.last_error = note

    def print_document(self, kind: PrintJobKind, document: Document) -> PrintOutcome:
        """Queue a slip made outside a sale (an X report, a test print), then print it."""
        with self.db.transaction() as session:
            job_id = enqueue(session, kind, document)
        return self.print_job(job_id)

    def open_drawer(self) -> None:
        """Kick the cash drawer through the printer, with no slip (the caller audits it)."""
        data = render((), width=self.width, open_drawer=True, encoding=self.encoding)
        with self._lock:
            self.printer_factory().send(data)

    def list_jobs(self, limit: int = 50) -> list[PrintJobView]:
        """The newest jobs first, with their status and last error."""
        with self.db.reading() as session:
            rows = session.scalars(
                select(PrintJobRow)
                .order_by(PrintJobRow.created_at.desc(), PrintJobRow.id.desc())
                .limit(limit)
            ).all()
            return [_view(row) for row in rows]

    def last_job(self, kind: PrintJobKind = PrintJobKind.SALE) -> PrintJobView | None:
        """The newest job of that kind (the receipt a "reprint last" key means): the one queued
        last, by the queue's own sequence (jobs are never deleted, so SQLite's rowid), which a
        clock put back cannot reorder."""
        with self.db.reading() as session:
            row = session.scalars(
                select(PrintJobRow)
                .where(PrintJobRow.kind == kind)
                .order_by(JOB_SEQUENCE.desc())
                .limit(1)
            ).first()
            return None if row is None else _view(row)

    def pending_count(self) -> int:
        """Jobs not printed yet (waiting or failed), for a reminder on screen."""
        return self._count(PrintStatus.PENDING, PrintStatus.FAILED)

    def unconfirmed_count(self) -> int:
        """Jobs sent that the printer did not confirm: the cashier is to look at them."""
        return self._count(PrintStatus.UNCONFIRMED)

    def _count(self, *statuses: PrintStatus) -> int:
        with self.db.reading() as session:
            count = session.scalar(
                select(func.count())
                .select_from(PrintJobRow)
                .where(PrintJobRow.status.in_(statuses))
            )
            return int(count or 0)

    def document(self, job_id: str) -> Document:
        """A job's receipt as data, for a preview on screen."""
        with self.db.reading() as session:
            row = session.get(PrintJobRow, job_id)
            if row is None:
                raise PrintQueueError("找不到该打印任务")
            return job_document(session, job_id, self.config)

    # -- one attempt ---------------------------------------------------------------------------

    def _print(self, job_id: str) -> tuple[PrintOutcome, bool]:
        """One attempt at a job: its outcome, and whether the printer itself failed."""
        with self.db.reading() as session:
            row = session.get(PrintJobRow, job_id)
            if row is None:
                raise PrintQueueError("找不到该打印任务")
            if row.status is PrintStatus.PRINTED:
                return PrintOutcome(job_id, ok=True), False
            if row.status is PrintStatus.UNCONFIRMED:  # maybe on paper: only a reprint copy
                return PrintOutcome(job_id, ok=False, error=row.last_error, unconfirmed=True), False
            open_drawer = row.open_drawer
            broken: str | None = None
            try:
                document = job_document(session, job_id, self.config)
            except ReceiptFormatError as exc:
                log.error("print job %s has a broken document: %s", job_id, exc)
                broken = str(exc)
        if broken is not None:
            return self._failed(job_id, broken), False
        try:
            data = self._render(document, open_drawer)
        except ReceiptFormatError as exc:
            log.error("print job %s has a broken document: %s", job_id, exc)
            return self._failed(job_id, str(exc)), False
        except ChineseFontMissing as exc:
            # Raster printing whose font cannot be read: every job would fail alike, so stop as
            # for a printer that is down.
            log.warning("print job %s not rendered: %s", job_id, exc)
            return self._failed(job_id, str(exc)), True
        try:
            delivery = self.printer_factory().send(data)
        except (PrinterError, PrinterConfigError) as exc:
            log.warning("print job %s failed: %s", job_id, exc)
            return self._failed(job_id, str(exc)), True
        except Exception:
            log.exception("print job %s failed unexpectedly", job_id)
            return self._failed(job_id, MSG_UNEXPECTED), True
        with self.db.transaction() as session:
            job = session.get(PrintJobRow, job_id)
            if job is not None:
                job.attempts += 1
                if delivery.confirmed:
                    job.status = PrintStatus.PRINTED
                    job.last_error = None
                    job.printed_at = utcnow()
                else:
                    job.status = PrintStatus.UNCONFIRMED
                    job.last_error = delivery.note[:MAX_ERROR_LENGTH]
        if not delivery.confirmed:
            log.warning("print job %s sent, not confirmed: %s", job_id, delivery.note)
            return PrintOutcome(job_id, ok=False, error=delivery.note, unconfirmed=True), False
        return PrintOutcome(job_id, ok=True), False

    def _render(self, document: Document, open_drawer: bool) -> bytes:
        """The job's bytes as the settings in force say: paper width, encoding, text or raster."""
        return render(
            document,
            width=self.width,
            open_drawer=open_drawer,
            encoding=self.encoding,
            mode=render_mode(self.config.printer_render),
        )

    def _failed(self, job_id: str, message: str) -> PrintOutcome:
        message = message[:MAX_ERROR_LENGTH]
        with self.db.transaction() as session:
            job = session.get(PrintJobRow, job_id)
            if job is not None:
                job.status = PrintStatus.FAILED
                job.attempts += 1
                job.last_error = message
        return PrintOutcome(job_id, ok=False, error=message)


class PrintRetry:
    """When the queue tries its failed jobs again by itself: soon after a failure, then less often.

    :meth:`tick` is called often from a worker thread (the screen's timer hands it to its task
    runner) and does nothing until the next try is due; ``clock`` is injectable for tests.
    """

    def __init__(
        self,
        queue: PrintQueue,
        *,
        clock: Callable[[], float] = time.monotonic,
        first_delay: float = RETRY_FIRST_DELAY_SECONDS,
        max_delay: float = RETRY_MAX_DELAY_SECONDS,
    ) -> None:
        self.queue = queue
        self.clock = clock
        self.first_delay = first_delay
        self.max_delay = max_delay
        self._delay = first_delay
        self._next_at = clock() + first_delay
        self._running = False
        self._lock = threading.Lock()

    @property
    def next_at(self) -> float:
        return self._next_at

    def due(self) -> bool:
        return self.clock() >= self._next_at

    def print_failed(self) -> None:
        """A print just failed: try again after the shortest wait."""
        with self._lock:
            self._delay = self.first_delay
            self._next_at = min(self._next_at, self.clock() + self.first_delay)

    def tick(self) -> RetryReport | None:
        """Retry the failed jobs if it is time (None if not, or if a try is running); the wait
        doubles while they keep failing. The lock is held only to read and set the times, so
        :meth:`print_failed` on the GUI thread never waits for a printer."""
        with self._lock:
            if self._running or not self.due():
                return None
            self._running = True
        try:
            report = self.queue.retry_failed()
        except BaseException:
            with self._lock:
                self._running = False
                self._next_at = self.clock() + self._delay
                self._delay = min(self._delay * 2, self.max_delay)
            raise
        with self._lock:
            self._running = False
            now = self.clock()
            if report.still_failing:
                self._next_at = now + self._delay
                self._delay = min(self._delay * 2, self.max_delay)
            else:
                self._delay = self.first_delay
                self._next_at = now + self.max_delay
        return report
