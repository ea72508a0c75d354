"""The append-only, hash-chained audit log, and its verification."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.base import sql_moment, utcnow
from app.storage.ids import new_id
from app.storage.models import AuditRow

GENESIS_HASH = "0" * 64


def _digest(
    seq: int,
    entry_id: str,
    at: dt.datetime,
    action: str,
    actor_id: str | None,
    approver_id: str | None,
    subject_id: str | None,
    detail: str,
    prev_hash: str,
) -> str:
    content = json.dumps(
        [
            seq,
            entry_id,
            at.astimezone(dt.UTC).isoformat(),
            action,
            actor_id,
            approver_id,
            subject_id,
            detail,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _row_digest(row: AuditRow) -> str:
    return _digest(
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


# Plain SQL with plain values: an audit line is part of nearly every action, so it must be cheap.
_LAST_QUERY = f"SELECT seq, hash FROM {AuditRow.__tablename__} ORDER BY seq DESC LIMIT 1"
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
    """Append one entry, chained to the last, inside the action's own transaction; its id."""
    connection = session.connection()
    last = connection.exec_driver_sql(_LAST_QUERY).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    moment = (at or utcnow()).astimezone(dt.UTC)
    entry_id = new_id()
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    digest = _digest(
        seq, entry_id, moment, action, actor_id, approver_id, subject_id, text, prev_hash
    )
    connection.exec_driver_sql(
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
    return entry_id


@dataclasses.dataclass(frozen=True)
class AuditProblem:
    seq: int
    reason: str


def verify(session: Session) -> list[AuditProblem]:
    """Walk the chain; every edited, deleted or inserted row shows as a problem."""
    problems: list[AuditProblem] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
        if row.seq != expected_seq:
            problems.append(AuditProblem(row.seq, f"缺少第 {expected_seq} 条起的记录"))
        if row.prev_hash != expected_prev:
            problems.append(AuditProblem(row.seq, "与上一条记录的链接不符"))
        if _row_digest(row) != row.hash:
            problems.append(AuditProblem(row.seq, "内容已被修改"))
        expected_prev = row.hash
        expected_seq = row.seq + 1
    return problems
