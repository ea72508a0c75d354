"""Applying a push: every event once, in its counter's order, each atomically, one transaction a
batch.

What it guarantees:
- A batch is one transaction, and the reply is built only after it commits: a reply lost on the
  way means the retry finds every event taken (``duplicate``); a batch whose commit fails leaves
  nothing of it applied, and the counter sends it again.
- Each event is atomic inside it: an event that writes (members, ledgers) runs in a savepoint, so
  an event the head office cannot read is rolled back whole to its savepoint, parked for a person
  and acknowledged, and the events around it still apply.
- An event id is taken once (the inbox's key): a second copy answers ``duplicate`` and changes
  nothing, whether it comes again in a retried batch, twice in one batch, or from a second worker
  at the same moment (the device's row is locked, or on SQLite the write lock held, from the
  check to the commit).
- A device's sequence is gapless: an event after a gap is not applied and the push answers with
  the sequence expected (what came before the gap is kept), so nothing is applied out of order.
- A completed sale is never refused for a business reason (see ``headoffice.ledgers``).
- The counter's audit-chain head is kept per device; a head that shrinks or forks flags the
  device and opens a case.

Why it is shaped so: one fsync'd transaction per event made a week's backlog take three minutes
(``make bench``). The inbox is checked for the whole batch in one query; the rows every event
writes (inbox, sales, parked) are inserted together at the end, so an event that writes nothing
else (a cash sale) costs no round trip and needs no savepoint; the members the batch moves are
locked in one statement, in id order, so two stores' batches never deadlock on each other. On
PostgreSQL a batch that still meets a deadlock or a serialisation failure is run again whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select, union_all
from sqlalchemy.exc import DataError, DBAPIError
from sqlalchemy.orm import Session

from app.storage.base import utcnow
from app.sync.protocol import (
    AuditAnchor,
    Event,
    EventOutcome,
    EventResult,
    GapReply,
    PushBatch,
    PushReply,
)
from headoffice import ledger_batch, ledgers, sale_details
from headoffice.db import Database
from headoffice.ledgers import Malformed, Origin
from headoffice.models import (
    AnchorRow,
    DeviceRow,
    InboxRow,
    ParkedRow,
    SaleLineRow,
    SalePaymentRow,
    SaleRow,
)

log = logging.getLogger(__name__)

#: The event schema versions this head office reads.
KNOWN_SCHEMA_VERSIONS = frozenset({1})
ANCHOR_SHRUNK = "shrunk"
ANCHOR_FORKED = "forked"
#: PostgreSQL's deadlock_detected and serialization_failure: the batch is run again whole.
RETRY_SQLSTATES = frozenset({"40P01", "40001"})
MAX_ATTEMPTS = 3


def push(
    db: Database,
    device_id: str,
    batch: PushBatch,
    *,
    clock_skew_s: int = 0,
    first: Callable[[Session], None] | None = None,
) -> PushReply | GapReply:
    """Apply ``batch`` for ``device_id`` in one transaction; stops at a gap (409) with what came
    before it kept. Returns once the transaction has committed. ``first`` runs in the same
    transaction once the device is locked, before any event (the request's nonce): it commits
    with the batch or not at all."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.transaction() as session:
                reply = _push(session, device_id, batch, clock_skew_s, first)
            return reply
        except DBAPIError as exc:
            code = getattr(exc.orig, "sqlstate", None)
            if code not in RETRY_SQLSTATES or attempt == MAX_ATTEMPTS:
                raise
            log.info("push of %s met %s, attempt %d: run again", device_id, code, attempt)
    raise AssertionError("unreachable")  # the loop returns or raises


def _push(
    session: Session,
    device_id: str,
    batch: PushBatch,
    clock_skew_s: int,
    first: Callable[[Session], None] | None,
) -> PushReply | GapReply:
    device = lock_device(session, device_id)
    if first is not None:
        first(session)
    applier = _BatchApplier(session, device, ledger_batch.begin(session))
    gap = applier.apply(batch.events)
    applier.write()
    ledger_batch.finish(session)
    if gap is not None:
        return gap
    device.last_push_at = utcnow()
    device.clock_skew_s = clock_skew_s
    if batch.waiting is not None:  # what remains after this batch
        device.backlog = max(0, batch.waiting - len(batch.events))
    if batch.anchor is not None:
        _record_anchor(session, device, batch.anchor)
    return PushReply(applier.results, device.last_seq, device.anchor_flag)


def lock_device(session: Session, device_id: str) -> DeviceRow:
    """The device's row, locked until the transaction ends (PostgreSQL; SQLite's writers are
    already one at a time), so two pushes of one device apply one after the other."""
    device = session.scalar(select(DeviceRow).where(DeviceRow.id == device_id).with_for_update())
    if device is None:
        raise LookupError(device_id)
    return device


@dataclasses.dataclass
class _BatchApplier:
    """One batch inside its transaction: what it decided per event, and the rows it will write."""

    session: Session
    device: DeviceRow
    ledgers: ledger_batch.LedgerBatch
    results: list[EventResult] = dataclasses.field(default_factory=list)
    inbox: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    sales: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    parked: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    lines: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    payments: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    #: This batch's sales by order id, so a void later in the batch finds its sale.
    sold: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    #: The device's id, store and counter, read off its row once (an ORM attribute costs).
    where: tuple[str, str, int] = ("", "", 0)

    def __post_init__(self) -> None:
        self.where = (self.device.id, self.device.store_code, self.device.counter_no)

    def apply(self, events: list[Event]) -> GapReply | None:
        seen = self._taken_before([event.id for event in events])
        members, entry_ids = _named(events)
        ledgers.lock_members(self.session, members)
        self.ledgers.prefetch(self.session, entry_ids)
        last_seq = self.device.last_seq
        last_event_at = self.device.last_event_at
        device_id = self.where[0]
        now = self.ledgers.now
        gap: GapReply | None = None
        for event in events:
            if event.id in seen:
                self.results.append(EventResult(event.id, event.seq, "duplicate"))
                continue
            expected = last_seq + 1
            if event.seq > expected:
                gap = GapReply(
                    "gap", f"sequence {event.seq} sent, {expected} expected", expected_seq=expected
                )
                break
            seen.add(event.id)
            if event.seq < expected:  # the counter numbered a new event with a used sequence
                self._park(event, f"sequence {event.seq} was already applied")
                self.results.append(EventResult(event.id, event.seq, "parked"))
                continue
            outcome = self._apply_one(event)
            self.inbox.append(
                {
                    "event_id": event.id,
                    "device_id": device_id,
                    "seq": event.seq,
                    "type": event.type[:64],
                    "schema_version": event.schema_version,
                    "created_at": event.created_at[:40],
                    "applied_at": now,
                    "outcome": outcome,
                }
            )
            last_seq = event.seq
            last_event_at = event.created_at[:40]
            self.results.append(EventResult(event.id, event.seq, outcome))
        self.device.last_seq = last_seq
        self.device.last_event_at = last_event_at
        return gap

    def write(self) -> None:
        """The batch's inbox, sales (their lines, payments) and parked rows, a statement each."""
        ledger_batch.insert_rows(self.session, InboxRow, self.inbox)
        ledger_batch.insert_rows(self.session, SaleRow, self.sales)
        ledger_batch.insert_rows(self.session, SaleLineRow, self.lines)
        ledger_batch.insert_rows(self.session, SalePaymentRow, self.payments)
        ledger_batch.insert_rows(self.session, ParkedRow, self.parked)

    def _taken_before(self, event_ids: list[str]) -> set[str]:
        """Which of ``event_ids`` the inbox or the parked events hold: one query."""
        if not event_ids:
            return set()
        query = union_all(
            select(InboxRow.event_id).where(
                ledger_batch.among(self.session, InboxRow.event_id, event_ids)
            ),
            select(ParkedRow.event_id).where(
                ledger_batch.among(self.session, ParkedRow.event_id, event_ids)
            ),
        )
        return set(self.session.scalars(query))

    def _apply_one(self, event: Event) -> EventOutcome:
        origin = Origin(*self.where, event.id)
        mark = self.ledgers.mark()
        try:
            sale = _read(self.session, event, origin, self.sold)
        except Malformed as exc:
            self._undo(mark)
            self._park(event, str(exc))
            return "parked"
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, DataError) as exc:
            # A shape no check foresaw: still the event's fault far more often than ours, and one
            # event must not stop a counter's queue. Logged with its traceback. A value its column
            # cannot hold is one too: an integer beyond 64 bits (OverflowError from SQLite's
            # driver) or text longer than the column (DataError on PostgreSQL).
            log.exception("event %s could not be applied", event.id)
            self._undo(mark)
            self._park(event, f"unreadable: {exc!r}")
            return "parked"
        if sale is not None:
            self.lines.extend(sale.pop("lines"))
            self.payments.extend(sale.pop("payments"))
            self.sales.append(sale)
            if sale["kind"] == "sale":
                self.sold.setdefault(sale["order_id"], sale)
        return "applied"

    def _undo(self, mark: ledger_batch.Mark) -> None:
        """The event's savepoint was rolled back (or it failed its checks before moving
        anything): what it gathered for the batch goes too."""
        self.ledgers.undo(mark)

    def _park(self, event: Event, reason: str) -> None:
        log.warning(
            "event %s (seq %s of %s) parked: %s", event.id, event.seq, self.device.id, reason
        )
        self.parked.append(
            {
                "event_id": event.id,
                "device_id": self.device.id,
                "seq": event.seq,
                "type": event.type[:64],
                "payload": json.dumps(event.payload, ensure_ascii=False, sort_keys=True),
                "reason": reason,
                "parked_at": utcnow(),
            }
        )


def _named(events: list[Event]) -> tuple[list[str], list[tuple[str, str]]]:
    """The members and the (ledger, entry id) the batch's events name (best effort: an event
    that names them oddly is parked later, and a member made during the batch is locked as it
    is made), to lock and to look up in one statement each."""
    members: set[str] = set()
    entry_ids: list[tuple[str, str]] = []
    for event in events:
        payload = event.payload
        if not isinstance(payload, dict):
            continue
        member_id = payload.get("member_id")
        if isinstance(member_id, str):
            members.add(member_id)
        for key in ("entries", "ledger_entries"):
            entries = payload.get(key)
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                if isinstance(entry.get("member_id"), str):
                    members.add(entry["member_id"])
                if isinstance(entry.get("ledger"), str) and isinstance(entry.get("id"), str):
                    entry_ids.append((entry["ledger"], entry["id"]))
    return sorted(members), entry_ids


class BatchBroken(Exception):
    """An event failed after it began moving members outside a savepoint (a bug, never the
    event's shape, which is checked first): the whole batch rolls back instead."""


# --- what each event does -----------------------------------------------------------------------

Handler = Callable[[Session, Mapping[str, Any], Origin], None]


def _member_status(status: str) -> Handler:
    return lambda session, payload, origin: ledgers.set_status(session, payload, origin, status)


MEMBER_HANDLERS: dict[str, Handler] = {
    "MemberEnrolled": ledgers.enrol,
    "MemberUpdated": ledgers.update_member,
    "CardReplaced": ledgers.replace_card,
    "MemberExpired": _member_status("expired"),
    "MemberExpiryUndone": _member_status("active"),
}


def _read(
    session: Session, event: Event, origin: Origin, sold: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any] | None:
    """Apply what ``event`` moves; the money record it adds to the export (written with the
    batch), or None.

    An event that only moves the ledgers of members already locked is read and checked whole
    first, then moved in memory: nothing reaches the database before the batch ends, so it
    needs no savepoint. One that makes or edits members does so in a savepoint, rolled back
    whole when it raises."""
    if event.schema_version not in KNOWN_SCHEMA_VERSIONS:
        raise Malformed(f"schema version {event.schema_version} is not known here")
    payload = event.payload
    handler = MEMBER_HANDLERS.get(event.type)
    if handler is None:
        entries = ledgers.read_entries(payload)
        if not entries:  # a cash sale: nothing to take, no member to be ready
            return _order_record(session, event, origin, sold)
        if ledgers.members_ready(session, entries):
            record = _order_record(session, event, origin, sold)
            try:
                ledgers.take_entries(session, entries, payload, origin)
            except Exception as exc:
                raise BatchBroken(f"event {event.id}") from exc
            return record
    batch = ledger_batch.current(session)
    assert batch is not None
    batch.write_moves(session)  # the savepoint's rollback reloads members from the database
    try:
        with session.begin_nested():
            if handler is not None:
                handler(session, payload, origin)
            ledgers.apply_entries(session, payload, origin)
            return _order_record(session, event, origin, sold)
    except Exception:
        ledgers.forget_locks(session)  # the savepoint's changes to members are undone
        raise


def _order_record(
    session: Session, event: Event, origin: Origin, sold: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any] | None:
    payload = event.payload
    if event.type == "SaleVoided":
        return _void_record(session, payload, origin, event, sold)
    if "receipt_no" in payload and "total_fen" in payload:
        return _sale_record(payload, origin)
    return None


def _sale_record(payload: Mapping[str, Any], origin: Origin) -> dict[str, Any]:
    """A sale, refund, top-up or other money order, for the office's export and reports; its
    ``lines`` and ``payments`` rows ride along until the batch writes them apart."""
    member_id = payload.get("member_id")
    record = sale_details.details_of(payload, origin.event_id)
    record["event_id"] = origin.event_id
    record["order_id"] = ledgers.text_of(payload, "order_id")
    record["store_code"] = origin.store_code
    record["counter_no"] = origin.counter_no
    record["receipt_no"] = ledgers.text_of(payload, "receipt_no")
    record["business_day"] = _day(ledgers.text_of(payload, "business_day"))
    record["kind"] = ledgers.text_of(payload, "kind")[:16]
    record["total_fen"] = ledgers.int_of(payload, "total_fen")
    record["member_id"] = member_id if isinstance(member_id, str) else None
    return record


def _void_record(
    session: Session,
    payload: Mapping[str, Any],
    origin: Origin,
    event: Event,
    sold_in_batch: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """A void takes the whole sale back: its total, negated, on the sale's business day."""
    order_id = ledgers.text_of(payload, "order_id")
    sold: Mapping[str, Any] | None = sold_in_batch.get(order_id)
    if sold is None:
        row = session.execute(
            select(SaleRow.business_day, SaleRow.total_fen, SaleRow.member_id)
            .where(SaleRow.order_id == order_id, SaleRow.kind == "sale")
            .limit(1)
        ).first()
        sold = row._asdict() if row is not None else None
    return {
        "event_id": origin.event_id,
        "order_id": order_id,
        "store_code": origin.store_code,
        "counter_no": origin.counter_no,
        "receipt_no": ledgers.text_of(payload, "receipt_no"),
        "business_day": sold["business_day"] if sold else event.created_at[:10],
        "kind": "void",
        "total_fen": -sold["total_fen"] if sold else 0,
        "member_id": sold["member_id"] if sold else None,
        "occurred_at": event.created_at[:40],
        "original_order_id": None,
        "promo": None,
        "lines": [],
        "payments": [],
    }


@functools.lru_cache(maxsize=256)
def _day(text: str) -> str:
    """``text`` as an ISO date (remembered: a batch's sales share a handful of days)."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise Malformed(f"business_day: not a date: {text!r}") from None


# --- the audit anchor ---------------------------------------------------------------------------


def _record_anchor(session: Session, device: DeviceRow, anchor: AuditAnchor) -> None:
    flag = _anchor_flag(session, device, anchor)
    if flag is not None:
        if device.anchor_flag is None:
            device.anchor_flag = flag
            ledgers.open_case(
                session,
                ledgers.CASE_ANCHOR,
                Origin(device.id, device.store_code, device.counter_no, ""),
                detail={
                    "flag": flag,
                    "kept": [device.anchor_count, device.anchor_hash],
                    "sent": [anchor.count, anchor.hash],
                },
            )
        return  # the last good head is kept
    if session.get(AnchorRow, (device.id, anchor.count)) is None:
        session.add(
            AnchorRow(device_id=device.id, count=anchor.count, hash=anchor.hash, seen_at=utcnow())
        )
    device.anchor_count = anchor.count
    device.anchor_hash = anchor.hash
    device.anchor_at = utcnow()


def _anchor_flag(session: Session, device: DeviceRow, anchor: AuditAnchor) -> str | None:
    if device.anchor_count is None:
        return None
    if anchor.count < device.anchor_count:
        return ANCHOR_SHRUNK
    same = session.get(AnchorRow, (device.id, anchor.count))
    if same is not None and same.hash != anchor.hash:
        return ANCHOR_FORKED
    if anchor.known_count is not None:
        known = session.get(AnchorRow, (device.id, anchor.known_count))
        if known is not None and known.hash != anchor.known_hash:
            return ANCHOR_FORKED
    return None
