"""The append-only, hash-chained audit log, and its verification.

Each row's hash covers its content and the previous row's hash. Since the store has a key
(``audit.key`` in the data directory, :mod:`app.storage.audit_files`) the hash is an
HMAC-SHA256 with it, so an edited row cannot be hashed again with its followers by someone who
has only the database. Rows written before the store had a key keep their plain SHA-256 hashes
and verify as they did; the database records from which row on each key chained
(``counter_state`` ``audit.keys``: ``[[from_seq, key_id], ...]``), and the head file outside the
database records where the keyed chain starts and where it ends, so moving that point or deleting
the newest rows is seen.

The hot path stays three plain statements (the last row, the key record, the insert) and, once
the transaction commits, an in-place write of the head file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.storage import audit_chain, audit_files
from app.storage.audit_files import AuditFileUnreadable, AuditKey, ChainHead
from app.storage.base import sql_moment, utcnow
from app.storage.ids import new_id, new_ids
from app.storage.models import AuditRow, CounterStateRow

log = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
#: ``json.dumps(..., ensure_ascii=False, sort_keys=True)`` made once: the same text, without
#: building an encoder per line (a bulk write of hundreds of thousands of lines).
DETAIL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
#: ``counter_state`` key of the keys that chained the log: ``[[from_seq, key_id], ...]``.
KEYS_STATE_KEY = "audit.keys"
_PENDING_HEAD = "audit.pending_head"


def _content(
    seq: int,
    entry_id: str,
    at: dt.datetime,
    action: str,
    actor_id: str | None,
    approver_id: str | None,
    subject_id: str | None,
    detail: str,
    prev_hash: str,
) -> bytes:
    """A row's canonical content, its previous hash included (:func:`audit_chain.content`)."""
    return audit_chain.content(
        seq,
        entry_id,
        at.astimezone(dt.UTC).isoformat(),
        action,
        actor_id,
        approver_id,
        subject_id,
        detail,
        prev_hash,
    )


def _digest(content: bytes, key: AuditKey | None) -> str:
    return audit_chain.digest(content, None if key is None else key.secret)


def _row_content(row: AuditRow) -> bytes:
    return _content(
        row.seq,
        row.id,
        row.at,
        row.action,
        row.actor_id,
        row.approver_id,
        row.subject_id,
        row.detail,
        row.prev_hash,
    )


@dataclasses.dataclass(frozen=True)
class KeyStretch:
    """From which row on a key chained the log (until the next stretch starts)."""

    from_seq: int
    key_id: str


def _parse_keys(value: str | None) -> list[KeyStretch]:
    if not value:
        return []
    try:
        return [KeyStretch(int(start), str(key_id)) for start, key_id in json.loads(value)]
    except (ValueError, TypeError):
        return []  # an edited record: the rows then fail as plain SHA-256, and the head says so


def _keys_text(stretches: list[KeyStretch]) -> str:
    return json.dumps([[s.from_seq, s.key_id] for s in stretches], separators=(",", ":"))


# -- writing ---------------------------------------------------------------------------------------


@dataclasses.dataclass
class _KeyRef:
    """The key a process chains a data directory's databases with, shared by its connections."""

    key: AuditKey


#: Per data directory: every connection of the process uses the key read (or written back) last.
_KEYS: dict[Path, _KeyRef] = {}


@dataclasses.dataclass
class _Chain:
    """A database's file, its head file beside it and its key (all None: a database in memory,
    chained plain), and the key record last read (parsed once, not at every row)."""

    database: Path | None
    head_file: Path | None
    key_ref: _KeyRef | None
    keys_text: str | None = None
    stretches: tuple[KeyStretch, ...] = ()

    @property
    def key(self) -> AuditKey | None:
        return None if self.key_ref is None else self.key_ref.key

    def stretches_of(self, text: str | None) -> list[KeyStretch]:
        if text != self.keys_text:
            self.keys_text, self.stretches = text, tuple(_parse_keys(text))
        return list(self.stretches)


#: Where a pooled DBAPI connection keeps its chain: the key is read once per connection.
_CHAIN_INFO = "store_counter.audit_chain"


def database_of(engine: Engine) -> Path | None:
    """A store's database file (its head is kept beside it, its key in its directory)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).resolve()


def _chain_of(connection: Connection) -> _Chain:
    """Read (or make, or write back) the key once per pooled connection, so a sale reads no
    file."""
    info = connection.connection.info
    chain: _Chain | None = info.get(_CHAIN_INFO)
    if chain is None:
        database = database_of(connection.engine)
        if database is None:
            chain = _Chain(None, None, None)
        else:
            ref = _KEYS.get(database.parent)
            key = audit_files.key_for_writing(database.parent, ref.key if ref else None)
            if ref is None:
                ref = _KEYS[database.parent] = _KeyRef(key)
            ref.key = key  # a key file swapped meanwhile wins, for every connection
            chain = _Chain(database, audit_files.head_path(database), ref)
        info[_CHAIN_INFO] = chain
    return chain


# Plain SQL with plain values: an audit line is part of nearly every action, so it must be cheap.
_LAST_QUERY = f"SELECT seq, hash FROM {AuditRow.__tablename__} ORDER BY seq DESC LIMIT 1"
_KEYS_QUERY = f"SELECT value FROM {CounterStateRow.__tablename__} WHERE key = ?"
_KEYS_UPSERT = (
    f"INSERT INTO {CounterStateRow.__tablename__} (key, value) VALUES (?, ?)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
_INSERT = (
    f"INSERT INTO {AuditRow.__tablename__} (seq, id, at, action, actor_id, approver_id,"
    " subject_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def record(
    session: Session,
    action: str,
    *,
    actor_id: str | None,
    approver_id: str | None = None,
    subject_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> str:
    """Append one entry, chained to the last, inside the action's own transaction; its id.

    The head file is written once the transaction commits (nothing if it rolls back).
    """
    connection = session.connection()
    chain = _chain_of(connection)
    key = chain.key
    # Straight to the sqlite3 connection, inside the session's transaction: SQLAlchemy's
    # execution machinery costs some 25 µs a statement, and a sale writes one audit line.
    driver: Any = connection.connection.driver_connection
    last = _first(driver.execute(_LAST_QUERY))
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    stretches: list[KeyStretch] = []
    if key is not None:
        keys = _first(driver.execute(_KEYS_QUERY, (KEYS_STATE_KEY,)))
        stretches = chain.stretches_of(keys[0] if keys else None)
        if not stretches or stretches[-1].key_id != key.key_id:
            if stretches:  # the key file was lost or swapped: say so, keep selling
                log.warning(
                    "audit key %s is not the key %s that chained the log so far; rows from %d"
                    " on are chained with it",
                    key.key_id,
                    stretches[-1].key_id,
                    seq,
                )
            stretches.append(KeyStretch(seq, key.key_id))
            driver.execute(_KEYS_UPSERT, (KEYS_STATE_KEY, _keys_text(stretches)))
    moment = (at or utcnow()).astimezone(dt.UTC)
    entry_id = new_id()
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    digest = _digest(
        _content(seq, entry_id, moment, action, actor_id, approver_id, subject_id, text, prev_hash),
        key,
    )
    driver.execute(
        _INSERT,
        (
            seq,
            entry_id,
            sql_moment(moment),
            action,
            actor_id,
            approver_id,
            subject_id,
            text,
            prev_hash,
            digest,
        ),
    )
    if chain.database is not None:
        session.info[_PENDING_HEAD] = (
            chain,
            ChainHead(
                seq,
                digest,
                stretches[0].from_seq if stretches else None,
                key.key_id if key else None,
            ),
        )
    return entry_id


@dataclasses.dataclass(frozen=True)
class Entry:
    """One audit line of a bulk write (:func:`record_many`), as :func:`record` takes it."""

    action: str
    at: dt.datetime
    actor_id: str | None
    approver_id: str | None = None
    subject_id: str | None = None
    detail: dict[str, Any] | None = None


def record_many(session: Session, entries: list[Entry]) -> None:
    """Append many lines chained in order, with one statement run for all: what a bulk write
    records, hashed and keyed exactly as :func:`record` would."""
    texts = []
    for entry in entries:
        moment = entry.at.astimezone(dt.UTC)
        texts.append(
            TextEntry(
                entry.action,
                sql_moment(moment),
                moment.isoformat(),
                entry.actor_id,
                entry.approver_id,
                entry.subject_id,
                DETAIL_JSON(entry.detail or {}),
            )
        )
    record_many_texts(session, texts)


class TextEntry(NamedTuple):
    """One audit line of :func:`record_many_texts`, its moment and detail already as text: the
    moment as the column stores it (:func:`app.storage.base.sql_moment`) and as the hash reads
    it (the aware UTC moment's ``isoformat()``), the detail as :data:`DETAIL_JSON` writes it."""

    action: str
    at_sql: str
    at_iso: str
    actor_id: str | None
    approver_id: str | None
    subject_id: str | None
    detail: str


def record_many_texts(
    session: Session,
    entries: Sequence[tuple[str, str, str, str | None, str | None, str | None, str]],
) -> None:
    """:func:`record_many` for a writer that formats its moments and details once for many
    lines (the generated demo history): the same rows, hashes and head as :func:`record`'s."""
    if not entries:
        return
    first = TextEntry._make(entries[0])
    record(
        session,
        first.action,
        actor_id=first.actor_id,
        approver_id=first.approver_id,
        subject_id=first.subject_id,
        detail=json.loads(first.detail),
        at=dt.datetime.fromisoformat(first.at_iso),
    )
    rest = list(entries[1:])
    if not rest:
        return
    connection = session.connection()
    chain = _chain_of(connection)
    driver: Any = connection.connection.driver_connection
    seq, prev_hash = _first(driver.execute(_LAST_QUERY))
    rows = audit_chain.chained_rows(
        seq,
        prev_hash,
        None if chain.key is None else chain.key.secret,
        rest,
        new_ids_for(len(rest)),
    )
    driver.executemany(_INSERT, rows)
    if chain.database is not None:
        pending = session.info[_PENDING_HEAD][1]
        last = rows[-1]
        session.info[_PENDING_HEAD] = (
            chain,
            ChainHead(int(str(last[0])), str(last[9]), pending.keyed_from, pending.key_id),
        )


@dataclasses.dataclass(frozen=True)
class ChainEnd:
    """Where a bulk writer chains on from (:func:`chain_end`): the last row's number and hash,
    and the key its lines are hashed with (None: plain SHA-256)."""

    seq: int
    hash: str
    secret: bytes | None = dataclasses.field(repr=False)


def chain_end(session: Session) -> ChainEnd:
    """The end of the chain, for a bulk writer that hashes its lines itself
    (:func:`app.storage.audit_chain.chained_rows`) and inserts them with :func:`append_rows`.

    The chain must have a row already, chained with the key in use (its stretch recorded), as
    every store's has once it was seeded: a line of the store's own first is written with
    :func:`record`, which records a new key's stretch."""
    connection = session.connection()
    chain = _chain_of(connection)
    driver: Any = connection.connection.driver_connection
    last = _first(driver.execute(_LAST_QUERY))
    if last is None:
        raise ValueError("the audit chain has no row to chain on from")
    key = chain.key
    if key is not None:
        keys = _first(driver.execute(_KEYS_QUERY, (KEYS_STATE_KEY,)))
        stretches = chain.stretches_of(keys[0] if keys else None)
        if not stretches or stretches[-1].key_id != key.key_id:
            raise ValueError("the audit key in use has no stretch recorded yet")
    return ChainEnd(int(last[0]), str(last[1]), None if key is None else key.secret)


def append_rows(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert rows chained by :func:`app.storage.audit_chain.chained_rows` from
    :func:`chain_end`; the head file is written by the next :func:`record` of the
    transaction (a bulk writer ends with one)."""
    if rows:
        driver: Any = session.connection().connection.driver_connection
        driver.executemany(_INSERT, rows)


def new_ids_for(count: int) -> list[str]:
    """``count`` new ids in creation order, made in blocks (:func:`app.storage.ids.new_ids`)."""
    ids: list[str] = []
    while len(ids) < count:
        ids.extend(new_ids(min(4096, count - len(ids))))
    return ids


def _first(cursor: Any) -> Any:
    """The one row a query found (or None), the statement run to its end."""
    rows = cursor.fetchall()
    return rows[0] if rows else None


@event.listens_for(Session, "after_commit")
def _write_head_after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING_HEAD, None)
    if pending is not None:
        chain, head = pending
        try:
            audit_files.write_head(chain.database, head, path=chain.head_file)
        except OSError:  # the action is saved; the next one writes the head again
            log.exception("could not write the audit head of %s", chain.database)


@event.listens_for(Session, "after_soft_rollback")
def _forget_head_after_rollback(session: Session, previous_transaction: Any) -> None:
    session.info.pop(_PENDING_HEAD, None)


def current_head(session: Session) -> ChainHead | None:
    """The chain's head as the database has it now: what the head office anchors remotely."""
    last = session.connection().exec_driver_sql(_LAST_QUERY).first()
    if last is None:
        return None
    stretches = _parse_keys(
        session.connection().exec_driver_sql(_KEYS_QUERY, (KEYS_STATE_KEY,)).scalar()
    )
    return ChainHead(
        int(last[0]),
        str(last[1]),
        stretches[0].from_seq if stretches else None,
        stretches[-1].key_id if stretches else None,
    )


# -- verifying -------------------------------------------------------------------------------------


class AuditProblem(KnownError):
    """One thing wrong with the audit log, said for the owner; ``seq`` is the row it is about."""

    def __init__(self, template: str, *values: object, seq: int | None = None) -> None:
        super().__init__(template, *values)
        self.seq = seq

    @property
    def reason(self) -> str:
        return str(self)


def verify(session: Session, database: Path | None = None) -> list[AuditProblem]:
    """Walk the chain; every edited, deleted or inserted row shows as a problem.

    ``database`` is the store's database file (by default the session's): rows from a key's
    stretch on are checked with the key in its directory, the newest rows against its head
    file. A missing or foreign key file is said once, for the rows it leaves unchecked.
    """
    if database is None:
        database = database_of(session.get_bind().engine)
    problems: list[AuditProblem] = []
    key, head, head_there = _files(database, problems)
    stretches = _parse_keys(session.scalar(_keys_value()))
    unchecked: dict[str, list[int]] = {}
    expected_prev = GENESIS_HASH
    expected_seq = 1
    last_seq = 0
    hash_at_head: str | None = None
    for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
        if row.seq != expected_seq:
            problems.append(
                AuditProblem("第 %1 条：缺少第 %2 条起的记录", row.seq, expected_seq, seq=row.seq)
            )
        if row.prev_hash != expected_prev:
            problems.append(AuditProblem("第 %1 条：与上一条记录的链接不符", row.seq, seq=row.seq))
        stretch = _stretch_of(stretches, row.seq)
        if stretch is None:
            if hashlib.sha256(_row_content(row)).hexdigest() != row.hash:
                problems.append(AuditProblem("第 %1 条：内容已被修改", row.seq, seq=row.seq))
        elif key is not None and stretch.key_id == key.key_id:
            if not hmac.compare_digest(_digest(_row_content(row), key), row.hash):
                problems.append(AuditProblem("第 %1 条：内容已被修改", row.seq, seq=row.seq))
        else:
            unchecked.setdefault(stretch.key_id, []).append(row.seq)
        if head is not None and row.seq == head.seq:
            hash_at_head = row.hash
        expected_prev = row.hash
        expected_seq = row.seq + 1
        last_seq = row.seq
    _say_unchecked(unchecked, key, database, problems)
    if head is not None:
        _check_head(head, stretches, last_seq, hash_at_head, problems)
    elif stretches and database is not None and not head_there:
        problems.append(
            AuditProblem(
                "链头文件 %1 不见了：无法确认最新的记录没有被删除",
                audit_files.head_path(database),
            )
        )
    return problems


def _keys_value() -> Any:
    return select(CounterStateRow.value).where(CounterStateRow.key == KEYS_STATE_KEY)


def _files(
    database: Path | None, problems: list[AuditProblem]
) -> tuple[AuditKey | None, ChainHead | None, bool]:
    """The key, the head and whether its file is there, of ``database``; what is wrong with
    them goes into ``problems``."""
    if database is None:
        return None, None, False
    key = None
    try:
        key = audit_files.read_key(database.parent)
    except AuditFileUnreadable as exc:
        problems.append(AuditProblem(exc.template, *exc.values))
    head, there = audit_files.read_head(database)
    if there and head is None:
        problems.append(
            AuditProblem(
                "链头文件 %1 已损坏：无法确认最新的记录没有被删除",
                audit_files.head_path(database),
            )
        )
    return key, head, there


def _stretch_of(stretches: list[KeyStretch], seq: int) -> KeyStretch | None:
    found = None
    for stretch in stretches:
        if stretch.from_seq <= seq:
            found = stretch
    return found


def _say_unchecked(
    unchecked: dict[str, list[int]],
    key: AuditKey | None,
    database: Path | None,
    problems: list[AuditProblem],
) -> None:
    """One sentence per key whose rows could not be checked: the file gone, or another key."""
    where = audit_files.key_path(database.parent) if database is not None else "audit.key"
    for seqs in unchecked.values():
        first, last = min(seqs), max(seqs)
        if key is None:
            problems.append(
                AuditProblem(
                    "审计密钥文件 %1 不见了：第 %2 至 %3 条记录无法核对。"
                    "请从原来的数据目录或其备份处找回这个文件",
                    where,
                    first,
                    last,
                    seq=first,
                )
            )
        else:
            problems.append(
                AuditProblem(
                    "第 %1 至 %2 条记录是用另一把审计密钥记下的，%3 里不是那把密钥，无法核对。"
                    "请找回当时的 audit.key",
                    first,
                    last,
                    where,
                    seq=first,
                )
            )


def _check_head(
    head: ChainHead,
    stretches: list[KeyStretch],
    last_seq: int,
    hash_at_head: str | None,
    problems: list[AuditProblem],
) -> None:
    """The newest rows against the head kept outside the database."""
    if head.seq > last_seq:
        problems.append(
            AuditProblem(
                "最新的 %1 条记录不见了：链头记到第 %2 条，日志只到第 %3 条"
                "（若是手工用备份替换了数据库，请改用 python main.py restore）",
                head.seq - last_seq,
                head.seq,
                last_seq,
                seq=last_seq + 1,
            )
        )
    elif hash_at_head is not None and hash_at_head != head.hash:
        problems.append(
            AuditProblem(
                "第 %1 条与链头不符：它或它之前的记录被改过并重新计算了哈希",
                head.seq,
                seq=head.seq,
            )
        )
    keyed_from = stretches[0].from_seq if stretches else None
    if head.keyed_from is None or keyed_from == head.keyed_from:
        return
    if keyed_from is None:
        problems.append(
            AuditProblem(
                "数据库里没有密钥起点的记录，链头记的是第 %1 条：密钥记录被删除了",
                head.keyed_from,
            )
        )
    else:
        problems.append(
            AuditProblem(
                "数据库里记的密钥起点（第 %1 条）与链头记的（第 %2 条）不符：密钥记录被改过",
                keyed_from,
                head.keyed_from,
            )
        )


def head_of_database(database: Path) -> ChainHead | None:
    """The head of a database file's chain, read with plain sqlite3 (a restore resets the head
    file to it); None for a database with no audit rows."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        last = connection.execute(_LAST_QUERY).fetchone()
        keys = connection.execute(_KEYS_QUERY, (KEYS_STATE_KEY,)).fetchone()
    if last is None:
        return None
    stretches = _parse_keys(keys[0] if keys else None)
    return ChainHead(
        int(last[0]),
        str(last[1]),
        stretches[0].from_seq if stretches else None,
        stretches[-1].key_id if stretches else None,
    )
