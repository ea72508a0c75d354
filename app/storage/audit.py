"""The append-only, hash-chained audit log, and its verification."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.ids import new_id
from app.storage.models import AuditRow, Base, utcnow

GENESIS_HASH = "0" * 64


def _digest(row: AuditRow) -> str:
    content = json.dumps(
        [
            row.seq,
            row.id,
            row.at.astimezone(dt.UTC).isoformat(),
            row.action,
            row.actor_id,
            row.approver_id,
            row.subject_id,
            row.detail,
            row.prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


_AUDIT = Base.metadata.tables[AuditRow.__tablename__]
_LAST_QUERY = f"SELECT seq, hash FROM {AuditRow.__tablename__} ORDER BY seq DESC LIMIT 1"


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

    Written as one Core insert: the audit entry is part of every sale, so it must be cheap.
    """
    connection = session.connection()  # Core on the connection: no ORM work for a log line
    last = connection.exec_driver_sql(_LAST_QUERY).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    row = AuditRow(
        seq=seq,
        id=new_id(),
        at=at or utcnow(),
        action=action,
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=subject_id,
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
        prev_hash=prev_hash,
        hash="",
    )
    row.hash = _digest(row)
    connection.execute(
        _AUDIT.insert(),
        {column.key: getattr(row, column.key) for column in _AUDIT.columns},
    )
    return row.id


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
        if _digest(row) != row.hash:
            problems.append(AuditProblem(row.seq, "内容已被修改"))
        expected_prev = row.hash
        expected_seq = row.seq + 1
    return problems
