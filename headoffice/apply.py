"""Applying a push: every event once, in its counter's order, each in its own transaction.

What it guarantees:
- An event id is taken once (the inbox's key): a second copy answers ``duplicate`` and changes
  nothing, whether it comes again in a retried batch or from a second worker at the same moment
  (the device's row is locked, or on SQLite the write lock held, from the check to the commit).
- A device's sequence is gapless: an event after a gap is not applied and the push answers with
  the sequence expected, so nothing is applied out of order.
- A completed sale is never refused for a business reason (see ``headoffice.ledgers``); an event
  the head office cannot read is parked whole for a person and acknowledged, so it cannot block
  the queue; its partial writes are rolled back (a savepoint).
- The counter's audit-chain head is kept per device; a head that shrinks or forks flags the
  device and opens a case.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError
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
from headoffice import ledgers
from headoffice.db import Database
from headoffice.ledgers import Malformed, Origin
from headoffice.models import AnchorRow, DeviceRow, InboxRow, ParkedRow, SaleRow

log = logging.getLogger(__name__)

#: The event schema versions this head office reads.
KNOWN_SCHEMA_VERSIONS = frozenset({1})
ANCHOR_SHRUNK = "shrunk"
ANCHOR_FORKED = "forked"


def push(
    db: Database, device_id: str, batch: PushBatch, *, clock_skew_s: int = 0
) -> PushReply | GapReply:
    """Apply ``batch`` for ``device_id``; stops at a gap (409) with what was applied kept."""
    results: list[EventResult] = []
    for event in batch.events:
        outcome = _apply_one(db, device_id, event)
        if isinstance(outcome, GapReply):
            return outcome
        results.append(EventResult(event.id, event.seq, outcome))
    with db.transaction() as session:
        device = lock_device(session, device_id)
        device.last_push_at = utcnow()
        device.clock_skew_s = clock_skew_s
        if batch.waiting is not None:  # what remains after this batch
            device.backlog = max(0, batch.waiting - len(batch.events))
        if batch.anchor is not None:
            _record_anchor(session, device, batch.anchor)
        return PushReply(results, device.last_seq, device.anchor_flag)


def lock_device(session: Session, device_id: str) -> DeviceRow:
    """The device's row, locked until the transaction ends (PostgreSQL; SQLite's writers are
    already one at a time), so two pushes of one device apply one after the other."""
    device = session.scalar(select(DeviceRow).where(DeviceRow.id == device_id).with_for_update())
    if device is None:
        raise LookupError(device_id)
    return device


def _apply_one(db: Database, device_id: str, event: Event) -> EventOutcome | GapReply:
    with db.transaction() as session:
        device = lock_device(session, device_id)
        seen = session.get(InboxRow, event.id) or session.get(ParkedRow, event.id)
        if seen is not None:
            return "duplicate"
        expected = device.last_seq + 1
        if event.seq > expected:
            return GapReply(
                "gap", f"sequence {event.seq} sent, {expected} expected", expected_seq=expected
            )
        if event.seq < expected:  # the counter numbered a new event with a used sequence
            _park(session, device, event, f"sequence {event.seq} was already applied")
            return "parked"
        origin = Origin(device.id, device.store_code, device.counter_no, event.id)
        outcome: EventOutcome = "applied"
        try:
            with session.begin_nested():
                _handle(session, event, origin)
        except Malformed as exc:
            ledgers.forget_noted_changes(session)
            _park(session, device, event, str(exc))
            outcome = "parked"
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, DataError) as exc:
            # A shape no check above foresaw: still the event's fault far more often than ours,
            # and one event must not stop a counter's queue. Logged with its traceback. A value
            # its column cannot hold is one too: an integer beyond 64 bits (OverflowError from
            # SQLite's driver) or text longer than the column (DataError on PostgreSQL).
            log.exception("event %s could not be applied", event.id)
            ledgers.forget_noted_changes(session)
            _park(session, device, event, f"unreadable: {exc!r}")
            outcome = "parked"
        session.add(
            InboxRow(
                event_id=event.id,
                device_id=device.id,
                seq=event.seq,
                type=event.type[:64],
                schema_version=event.schema_version,
                created_at=event.created_at[:40],
                applied_at=utcnow(),
                outcome=outcome,
            )
        )
        device.last_seq = event.seq
        device.last_event_at = event.created_at[:40]
    return outcome


def _park(session: Session, device: DeviceRow, event: Event, reason: str) -> None:
    log.warning("event %s (seq %s of %s) parked: %s", event.id, event.seq, device.id, reason)
    session.add(
        ParkedRow(
            event_id=event.id,
            device_id=device.id,
            seq=event.seq,
            type=event.type[:64],
            payload=json.dumps(event.payload, ensure_ascii=False, sort_keys=True),
            reason=reason,
            parked_at=utcnow(),
        )
    )


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


def _handle(session: Session, event: Event, origin: Origin) -> None:
    if event.schema_version not in KNOWN_SCHEMA_VERSIONS:
        raise Malformed(f"schema version {event.schema_version} is not known here")
    payload = event.payload
    handler = MEMBER_HANDLERS.get(event.type)
    if handler is not None:
        handler(session, payload, origin)
    ledgers.apply_entries(session, payload, origin)
    if event.type == "SaleVoided":
        _record_void(session, payload, origin, event)
    elif "receipt_no" in payload and "total_fen" in payload:
        _record_order(session, payload, origin)


def _record_order(session: Session, payload: Mapping[str, Any], origin: Origin) -> None:
    """A sale, refund, top-up or other money order, for the office's export."""
    member_id = payload.get("member_id")
    session.add(
        SaleRow(
            event_id=origin.event_id,
            order_id=ledgers.text_of(payload, "order_id"),
            store_code=origin.store_code,
            counter_no=origin.counter_no,
            receipt_no=ledgers.text_of(payload, "receipt_no"),
            business_day=_day(ledgers.text_of(payload, "business_day")),
            kind=ledgers.text_of(payload, "kind")[:16],
            total_fen=ledgers.int_of(payload, "total_fen"),
            member_id=member_id if isinstance(member_id, str) else None,
        )
    )


def _record_void(
    session: Session, payload: Mapping[str, Any], origin: Origin, event: Event
) -> None:
    """A void takes the whole sale back: its total, negated, on the sale's business day."""
    order_id = ledgers.text_of(payload, "order_id")
    sold = session.scalar(
        select(SaleRow).where(SaleRow.order_id == order_id, SaleRow.kind == "sale")
    )
    session.add(
        SaleRow(
            event_id=origin.event_id,
            order_id=order_id,
            store_code=origin.store_code,
            counter_no=origin.counter_no,
            receipt_no=ledgers.text_of(payload, "receipt_no"),
            business_day=sold.business_day if sold else event.created_at[:10],
            kind="void",
            total_fen=-sold.total_fen if sold else 0,
            member_id=sold.member_id if sold else None,
        )
    )


def _day(text: str) -> str:
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
