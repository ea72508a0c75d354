"""The sync worker: the outbox pushed to the head office, and what changed elsewhere pulled back.

What it guarantees:
- It runs on its own thread (or once, from ``python main.py sync``), never on the GUI thread; the
  window reads its :class:`SyncState` (plain data) and never waits for it.
- Events go in sequence order, at most :data:`MAX_BATCH` a push, from where the head office
  says it is (``/v1/sync/status``): an event whose acknowledgement was lost is sent again (the
  office answers ``duplicate``, or parks another event under a used sequence), a head office
  restored from an older backup is sent again what it lost, and a 409 restarts from the sequence
  it expects. A sequence is always sent with the same content: the outbox never changes an event,
  and the worker refuses to go on if it ever reads a different event under a sequence it sent.
- An acknowledgement is one UPDATE in its own short transaction that does not wait for the disk
  (``app.sync.queue``), followed by a PASSIVE WAL checkpoint on the worker's thread, so the
  WAL stays short and no sale's commit pays for copying it. No read transaction is open while
  a request is on the wire (a reader would hold the WAL back from being checkpointed).
- A head office that does not answer is retried with exponential backoff and full jitter,
  waiting at least what its ``Retry-After`` asks.
- A pull runs only after every event sent is acknowledged, so a member's snapshot includes all
  this counter's acknowledged events and none of its waiting ones (``app.sync.snapshots``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import random
import threading
from collections.abc import Callable

from app.config import Config, HeadOfficeConfig
from app.errors import KnownError
from app.pos.business_day import business_today
from app.storage.database import Database
from app.sync import queue, reference, snapshots
from app.sync.client import HeadOfficeClient, HeadOfficeRefused, HeadOfficeUnreachable
from app.sync.protocol import MAX_BATCH, GapReply, LookupRequest

log = logging.getLogger(__name__)

#: Full jitter: the n-th retry waits a random time up to min(CAP, BASE * 2**n) seconds.
BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 300.0
#: Between rounds while the head office answers and nothing is waiting.
IDLE_S = 10.0
#: A push answered 409 this often in one round means something else is sending: stop the round.
MAX_GAPS_PER_ROUND = 3


class SequenceConflict(KnownError):
    """The head office holds events this counter does not (its data restored from an older
    backup), or a sequence was about to be sent with other content: nothing more is sent."""


@dataclasses.dataclass(frozen=True)
class PushOutcome:
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    parked: int = 0
    anchor_flag: str | None = None


@dataclasses.dataclass(frozen=True)
class SyncReport:
    """One round: what was pushed and pulled, and what still waits."""

    push: PushOutcome
    pulled: snapshots.Applied
    waiting: int

    @property
    def all_acknowledged(self) -> bool:
        return self.waiting == 0


@dataclasses.dataclass(frozen=True)
class SyncState:
    """What the status bar shows: ``online`` None until the first round ends."""

    online: bool | None
    waiting: int
    oldest_at: dt.datetime | None
    last_success: dt.datetime | None
    problem: str = ""


def full_jitter(attempt: int, rng: Callable[[], float] = random.random) -> float:
    ceiling: float = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2.0 ** min(attempt, 30))
    return rng() * ceiling


def retry_wait(
    attempt: int, retry_after: float | None, rng: Callable[[], float] = random.random
) -> float:
    """How long the ``attempt``-th retry waits: full jitter, but never less than the head
    office's ``Retry-After``."""
    wait = full_jitter(attempt, rng)
    return wait if retry_after is None else max(wait, retry_after)


class SyncWorker:
    def __init__(
        self,
        db: Database,
        config: Config,
        client: HeadOfficeClient | None = None,
        *,
        rng: Callable[[], float] = random.random,
    ) -> None:
        if config.headoffice is None:
            raise ValueError("the counter has no [headoffice]")  # a bug: callers check first
        self.db = db
        self.config = config
        self.headoffice: HeadOfficeConfig = config.headoffice
        self.client = client or HeadOfficeClient(config.headoffice)
        #: A swipe's lookup runs on a task thread beside the worker's: its own connection.
        self.lookup_client = HeadOfficeClient(config.headoffice)
        self._rng = rng
        self._sent: dict[int, str] = {}
        self._lock = threading.Lock()
        self._state = SyncState(None, 0, None, None)
        self._stop = threading.Event()
        self._nudge = threading.Event()
        self._thread: threading.Thread | None = None

    # --- one round ------------------------------------------------------------------------------

    def push(self) -> PushOutcome:
        """Everything waiting, in batches; raises HeadOfficeUnreachable or a KnownError."""
        status = self.client.status()
        with self.db.reading() as session:
            local_last = queue.last_seq(session)
            first_waiting = queue.first_unacknowledged(session)
        if status.last_seq > local_last:
            raise SequenceConflict(
                "总部已收到本机第 %1 条记录，本机只有 %2 条：本机数据可能从旧备份恢复，请联系总部",
                status.last_seq,
                local_last,
            )
        # Events the office holds but this counter never heard it take are sent again, never
        # acknowledged from the status alone: the same event is answered ``duplicate``, another
        # event under a used sequence (this counter restored from an older backup) ``parked``.
        next_seq = status.last_seq + 1
        if first_waiting is not None:
            next_seq = min(next_seq, first_waiting)
        if first_waiting is None and next_seq > local_last:
            return PushOutcome()
        totals = {"applied": 0, "duplicate": 0, "parked": 0}
        sent = gaps = 0
        anchor_flag: str | None = None
        while next_seq <= local_last:
            with self.db.reading() as session:
                events = queue.fitting_one_push(queue.raw_events_from(session, next_seq, MAX_BATCH))
                anchor = queue.audit_anchor(session)
                local_last = queue.last_seq(session)
            if not events:
                break
            self._check_same_content(events)
            waiting = local_last - next_seq + 1  # this batch's included: the office shows it
            reply = self.client.push_body(queue.push_body(events, anchor, waiting))
            sent += len(events)
            if isinstance(reply, GapReply):
                gaps += 1
                if gaps > MAX_GAPS_PER_ROUND or reply.expected_seq > local_last + 1:
                    raise SequenceConflict(
                        "总部要求从第 %1 条起发送，本机无法接续：%2",
                        reply.expected_seq,
                        reply.detail,
                    )
                next_seq = reply.expected_seq
                continue
            for result in reply.results:
                totals[result.outcome] += 1
            done = max((r.seq for r in reply.results), default=next_seq - 1)
            kept = None if reply.anchor_flag else anchor  # a flagged head was not taken
            queue.acknowledge(self.db, next_seq, done, anchor=kept)
            self.db.checkpoint()  # here, rather than inside a sale's commit
            anchor_flag = reply.anchor_flag or anchor_flag
            next_seq = done + 1
            if done < events[-1].seq:  # the head office stopped short: ask again next round
                break
        return PushOutcome(
            sent, totals["applied"], totals["duplicate"], totals["parked"], anchor_flag
        )

    def _check_same_content(self, events: list[queue.RawEvent]) -> None:
        for event in events:
            known = self._sent.setdefault(event.seq, event.id)
            if known != event.id:
                raise SequenceConflict(
                    "第 %1 条记录与已发送的内容不同，停止发送：请联系总部", event.seq
                )

    def pull(self) -> snapshots.Applied:
        with self.db.reading() as session:
            cursor = queue.read_fact(session, queue.CURSOR_KEY) or ""
        members = enrolled = adjusted = hot = types = rules = products = offers = 0
        limits = False
        today = business_today(self.config)
        while True:
            page = self.client.pull(cursor)
            applied = snapshots.apply_members(self.db, page.members, on=today)
            hot += snapshots.apply_hotlist(self.db, page.hotlist)
            members += applied.members
            enrolled += applied.enrolled_here
            adjusted += applied.adjusted
            taken = reference.apply_page(self.db, page)  # with the cursor, once all is in
            types += taken.card_types
            rules += taken.bonus_rules
            products += taken.products
            offers += taken.promotions
            limits = limits or taken.limits
            cursor = page.next_cursor
            queue.record_success(self.db)
            if not page.more:
                break
        return snapshots.Applied(
            members, enrolled, adjusted, hot, types, rules, products, limits, offers
        )

    def run_once(self) -> SyncReport:
        """Push, then pull when every event sent is acknowledged."""
        pushed = self.push()
        with self.db.reading() as session:
            waiting = queue.backlog(session).waiting
        pulled = self.pull() if waiting == 0 else snapshots.Applied(0, 0, 0, 0)
        queue.record_success(self.db)
        with self.db.reading() as session:
            waiting = queue.backlog(session).waiting
        return SyncReport(pushed, pulled, waiting)

    def lookup_card(self, card_no: str) -> bool:
        """A card not known here, looked up at the head office (at most ``LOOKUP_TIMEOUT_S``)
        and its member made here from the fresh snapshot. False when the head office knows no
        such card or does not answer in time: then only what the last pull brought serves."""
        try:
            snapshot = self.lookup_client.lookup(LookupRequest(card_no=card_no))
        except (HeadOfficeUnreachable, HeadOfficeRefused) as exc:
            log.info("card lookup not answered: %s", exc)
            return False
        if snapshot is None:
            return False
        applied = snapshots.apply_members(self.db, [snapshot], on=business_today(self.config))
        return applied.members == 1

    def waiting(self) -> int:
        with self.db.reading() as session:
            return queue.backlog(session).waiting

    # --- the background thread ------------------------------------------------------------------

    def state(self) -> SyncState:
        with self._lock:
            return self._state

    def _publish(self, online: bool | None, problem: str = "") -> None:
        try:
            with self.db.reading() as session:
                backlog = queue.backlog(session)
                last = queue.last_success(session)
        except KnownError as exc:
            log.warning("sync state not read: %s", exc)
            return
        with self._lock:
            self._state = SyncState(online, backlog.waiting, backlog.oldest_at, last, problem)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._publish(None)
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Push soon (a sale was just made), without waiting for the idle interval."""
        self._nudge.set()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        self._nudge.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        self.client.close()
        self.lookup_client.close()

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            wait = IDLE_S
            try:
                report = self.run_once()
            except HeadOfficeUnreachable as exc:
                attempt += 1
                wait = retry_wait(attempt, exc.retry_after, self._rng)
                self._publish(False, str(exc))
            except (HeadOfficeRefused, KnownError) as exc:
                attempt += 1
                wait = max(IDLE_S, full_jitter(attempt, self._rng))
                log.warning("sync refused: %s", str(exc))
                self._publish(True, str(exc))
            except Exception as exc:  # a bug: logged, and the worker keeps its thread alive
                attempt += 1
                wait = max(IDLE_S, full_jitter(attempt, self._rng))
                log.exception("sync round failed")
                self._publish(None, repr(exc))
            else:
                attempt = 0
                self._publish(True)
                if not report.all_acknowledged:
                    wait = 0.0
            self._nudge.wait(wait)
            self._nudge.clear()
