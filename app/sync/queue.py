"""The outbox as the sync worker sees it: what is waiting, a batch to send, and acknowledgements.

What it guarantees: reading a batch never writes; an acknowledgement is one UPDATE of the events
the head office has applied, in its own short transaction that does not wait for the disk (it
holds the write lock for about a millisecond, so a sale never waits on it); an event's content is
never changed, so a sequence is always sent with the same content. Small facts the worker keeps
(the pull cursor, the last success, the audit anchor the head office acknowledged) live in
``counter_state``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.storage.base import sql_moment, utcnow
from app.storage.database import Database
from app.storage.models import AuditRow, CounterStateRow, OutboxRow
from app.sync.protocol import (
    MAX_PUSH_CHARS,
    AuditAnchor,
    Event,
    event_of_outbox_row,
    to_json,
)

CURSOR_KEY = "sync.pull_cursor"
LAST_SUCCESS_KEY = "sync.last_success"
ANCHOR_KEY = "sync.anchor"


@dataclasses.dataclass(frozen=True)
class Backlog:
    """Events not yet acknowledged: how many, and when the oldest was made (None: none)."""

    waiting: int
    oldest_at: dt.datetime | None


def backlog(session: Session) -> Backlog:
    count, oldest = session.execute(
        select(func.count(), func.min(OutboxRow.created_at)).where(OutboxRow.sent_at.is_(None))
    ).one()
    return Backlog(int(count), oldest)


def waiting_in_file(path: Path) -> int:
    """Events waiting in the database file at ``path``, read without opening the store (a file
    about to be replaced by a restore may be damaged: then 0, the restore is what fixes it)."""
    if not path.exists():
        return 0
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            row = connection.execute(
                f"SELECT count(*) FROM {OutboxRow.__tablename__} WHERE sent_at IS NULL"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row else 0


def first_unacknowledged(session: Session) -> int | None:
    return session.scalar(select(func.min(OutboxRow.seq)).where(OutboxRow.sent_at.is_(None)))


def last_seq(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(OutboxRow.seq), 0))) or 0)


def events_from(session: Session, first_seq: int, limit: int) -> list[Event]:
    """Up to ``limit`` events from ``first_seq`` on, in sequence order (acknowledged or not: a
    head office restored from an older backup asks again for some it had)."""
    rows = session.execute(
        select(
            OutboxRow.id,
            OutboxRow.seq,
            OutboxRow.type,
            OutboxRow.schema_version,
            OutboxRow.payload,
            OutboxRow.created_at,
        )
        .where(OutboxRow.seq >= first_seq)
        .order_by(OutboxRow.seq)
        .limit(limit)
    ).all()
    return [
        event_of_outbox_row(event_id, seq, kind, version, payload, created.isoformat())
        for event_id, seq, kind, version, payload, created in rows
    ]


class RawEvent(NamedTuple):
    """An outbox row as stored: the payload still its JSON text (sent as it is). A named
    tuple: 500 of them are made per batch, on the thread that shares the interpreter lock with
    the sales, and a frozen dataclass costs several times more to make."""

    id: str
    seq: int
    type: str
    schema_version: int
    payload: str
    created_at: str


_RAW_EVENTS = (
    f"SELECT id, seq, type, schema_version, payload, created_at FROM {OutboxRow.__tablename__}"
    " WHERE seq >= ? ORDER BY seq LIMIT ?"
)


def raw_events_from(session: Session, first_seq: int, limit: int) -> list[RawEvent]:
    """As :func:`events_from`, without decoding the payloads (the worker sends them as stored).
    Read through the driver, not the ORM: building 500 rows in Python took most of a batch's
    time on the worker's thread, and that thread shares the interpreter lock with the sales."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    rows = driver.execute(_RAW_EVENTS, (first_seq, limit)).fetchall()
    return [
        RawEvent(event_id, seq, kind, version, payload, _iso_moment(created))
        for event_id, seq, kind, version, payload, created in rows
    ]


def fitting_one_push(events: list[RawEvent], budget: int = MAX_PUSH_CHARS) -> list[RawEvent]:
    """The first of ``events`` whose payloads together fit in ``budget`` characters; the first
    event always (no event is near the head office's limit alone)."""
    total = 0
    for count, event in enumerate(events):
        total += len(event.payload)
        if total > budget and count:
            return events[:count]
    return events


def _iso_moment(stored: str) -> str:
    """A ``UTCDateTime`` column's text (naive UTC) as ``UTCDateTime`` reads it, in ISO form:
    the stored form (``2026-11-23 10:00:00.123456``) by slicing, anything else parsed."""
    if len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        fraction = "" if stored[20:] == "000000" else stored[19:]
        return f"{stored[:10]}T{stored[11:19]}{fraction}+00:00"
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC).isoformat()


_quote_ascii = json.encoder.encode_basestring_ascii  # json.dumps(text)
_quote = json.encoder.encode_basestring  # json.dumps(text, ensure_ascii=False)


def push_body(
    events: list[RawEvent], anchor: AuditAnchor | None, waiting: int | None = None
) -> bytes:
    """The JSON of ``PushBatch(events, anchor, waiting)`` (``app.sync.protocol.dumps``), with
    each payload spliced in as the outbox stores it: decoding and encoding again was most of a
    push's cost. Strings are quoted by the json module's own C quoting (what ``json.dumps``
    of a string comes to, without its per-call setup), on the thread that shares the
    interpreter lock with the sales."""
    parts = [
        f'{{"id":{_quote_ascii(e.id)},"seq":{int(e.seq)},"type":{_quote(e.type)},'
        f'"schema_version":{int(e.schema_version)},"payload":{e.payload},'
        f'"created_at":{_quote_ascii(e.created_at)}}}'
        for e in events
    ]
    tail = "null" if anchor is None else json.dumps(to_json(anchor), separators=(",", ":"))
    count = "null" if waiting is None else str(int(waiting))
    return (
        '{"events":[' + ",".join(parts) + '],"anchor":' + tail + ',"waiting":' + count + "}"
    ).encode()


_ACKNOWLEDGE = (
    f"UPDATE {OutboxRow.__tablename__} SET sent_at = :at"
    " WHERE seq BETWEEN :first AND :last AND sent_at IS NULL"
)


def acknowledge(
    db: Database, first_seq: int, last_seq: int, *, anchor: AuditAnchor | None = None
) -> int:
    """Mark events ``first_seq``..``last_seq`` acknowledged (and keep the audit-chain head the
    head office took with them); how many were waiting. One UPDATE in its own bookkeeping
    transaction (``Database.bookkeeping``): the write lock is held for that statement alone, not
    for an fsync; an acknowledgement a power cut loses is sent again and answered ``duplicate``."""
    if last_seq < first_seq and anchor is None:
        return 0
    with db.bookkeeping() as session:
        result = session.execute(
            text(_ACKNOWLEDGE), {"at": sql_moment(utcnow()), "first": first_seq, "last": last_seq}
        )
        if anchor is not None:
            write_fact(
                session, ANCHOR_KEY, json.dumps({"count": anchor.count, "hash": anchor.hash})
            )
        return int(getattr(result, "rowcount", 0) or 0)


# --- small facts --------------------------------------------------------------------------------


def read_fact(session: Session, key: str) -> str | None:
    return session.scalar(select(CounterStateRow.value).where(CounterStateRow.key == key))


def write_fact(session: Session, key: str, value: str) -> None:
    row = session.get(CounterStateRow, key)
    if row is None:
        session.add(CounterStateRow(key=key, value=value))
    else:
        row.value = value


def audit_anchor(session: Session) -> AuditAnchor | None:
    """The head of the audit chain, with the hash now at the last acknowledged anchor's place
    (a chain edited and grown again since is seen to fork)."""
    head = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    if head is None:
        return None
    known = read_fact(session, ANCHOR_KEY)
    known_count: int | None = None
    known_hash: str | None = None
    if known:
        known_count = int(json.loads(known)["count"])
        known_hash = session.scalar(select(AuditRow.hash).where(AuditRow.seq == known_count)) or ""
    return AuditAnchor(int(head[0]), str(head[1]), known_count, known_hash)


def record_success(
    db: Database, *, anchor: AuditAnchor | None = None, cursor: str | None = None
) -> None:
    with db.bookkeeping() as session:  # redone next round if a power cut loses it
        write_fact(session, LAST_SUCCESS_KEY, utcnow().isoformat())
        if anchor is not None:
            write_fact(
                session, ANCHOR_KEY, json.dumps({"count": anchor.count, "hash": anchor.hash})
            )
        if cursor is not None:
            write_fact(session, CURSOR_KEY, cursor)


def last_success(session: Session) -> dt.datetime | None:
    value = read_fact(session, LAST_SUCCESS_KEY)
    return dt.datetime.fromisoformat(value) if value else None


def anchor_problem(session: Session) -> str | None:
    """Against the audit chain's head the head office last acknowledged (kept here): a chain
    that has since lost rows or whose row at that place changed is not the chain that was sent.
    None when it holds (or when no anchor was acknowledged yet)."""
    known = read_fact(session, ANCHOR_KEY)
    if not known:
        return None
    anchor = json.loads(known)
    count, digest = int(anchor["count"]), str(anchor["hash"])
    head = session.scalar(select(func.max(AuditRow.seq))) or 0
    if head < count:
        return f"总部已确认第 {count} 条记录，本机只剩 {head} 条：最新的记录被删除"
    if session.scalar(select(AuditRow.hash).where(AuditRow.seq == count)) != digest:
        return f"第 {count} 条记录与总部确认的不同"
    return None
