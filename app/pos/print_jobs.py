"""Slips waiting for the printer, added inside the transaction of the action that made them.

The device layer prints them after the commit; a failed print never undoes the action.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.pos.receipts import Document, document_to_json
from app.storage.ids import new_id
from app.storage.models import PrintJobRow, PrintStatus, utcnow

MAX_KIND_LENGTH = 20


def enqueue(
    session: Session,
    kind: str,
    document: Document,
    *,
    order_id: str | None = None,
    open_drawer: bool = False,
) -> str:
    """Add a job inside the caller's transaction; returns its id. Prints nothing."""
    if not kind or len(kind) > MAX_KIND_LENGTH:
        raise ValueError(f"print job kind must be 1 to {MAX_KIND_LENGTH} characters")
    job_id = new_id()
    session.add(
        PrintJobRow(
            id=job_id,
            kind=kind,
            order_id=order_id,
            document=document_to_json(document),
            open_drawer=open_drawer,
            status=PrintStatus.PENDING,
            attempts=0,
            created_at=utcnow(),
        )
    )
    return job_id
