"""The audit chain's hashing, stdlib only: a row's canonical content and its hash, as
:mod:`app.storage.audit` writes and verifies them. Here for a writer in a process of its own
(the generated demo history chains its lines where it makes them) that must not import the
database layer; ``tests/storage/test_audit_chain.py`` holds it to :mod:`app.storage.audit`."""

from __future__ import annotations

import hashlib
import hmac
import json

#: ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` made once.
CONTENT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

#: An audit line made elsewhere: action, moment as the column stores it, moment as the hash
#: reads it (``isoformat()`` of the aware UTC moment), actor, approver, subject, detail text.
AuditText = tuple[str, str, str, str | None, str | None, str | None, str]


def chained_rows(
    seq: int,
    prev_hash: str,
    secret: bytes | None,
    entries: list[AuditText],
    ids: list[str],
) -> list[tuple[object, ...]]:
    """``entries`` as ``audit_log`` rows (seq, id, at, action, actor_id, approver_id,
    subject_id, detail, prev_hash, hash), numbered on from ``seq`` and chained on from
    ``prev_hash``: HMAC-SHA256 with ``secret``, plain SHA-256 without one."""
    rows: list[tuple[object, ...]] = []
    for entry, entry_id in zip(entries, ids, strict=True):
        seq += 1
        action, at_sql, at_iso, actor_id, approver_id, subject_id, text = entry
        content = CONTENT_JSON(
            [seq, entry_id, at_iso, action, actor_id, approver_id, subject_id, text, prev_hash]
        ).encode("utf-8")
        digest = (
            hashlib.sha256(content).hexdigest()
            if secret is None
            else hmac.digest(secret, content, "sha256").hex()
        )
        rows.append(
            (
                seq,
                entry_id,
                at_sql,
                action,
                actor_id,
                approver_id,
                subject_id,
                text,
                prev_hash,
                digest,
            )
        )
        prev_hash = digest
    return rows
