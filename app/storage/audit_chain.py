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


def content(
    seq: int,
    entry_id: str,
    at_iso: str,
    action: str,
    actor_id: str | None,
    approver_id: str | None,
    subject_id: str | None,
    detail: str,
    prev_hash: str,
) -> bytes:
    """A row's canonical content, its previous hash included (``at_iso``: the aware UTC
    moment's ``isoformat()``)."""
    return CONTENT_JSON(
        [seq, entry_id, at_iso, action, actor_id, approver_id, subject_id, detail, prev_hash]
    ).encode("utf-8")


def digest(row_content: bytes, secret: bytes | None) -> str:
    """HMAC-SHA256 with the store's key; plain SHA-256 for the rows made before it had one."""
    if secret is None:
        return hashlib.sha256(row_content).hexdigest()
    return hmac.digest(secret, row_content, "sha256").hex()


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
        hashed = digest(
            content(
                seq, entry_id, at_iso, action, actor_id, approver_id, subject_id, text, prev_hash
            ),
            secret,
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
                hashed,
            )
        )
        prev_hash = hashed
    return rows
