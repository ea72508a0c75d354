"""Identifiers made at the counter: time-ordered UUIDs, so the head office can deduplicate."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    """A UUIDv7 as text: sortable by creation time, unique across every counter of the chain."""
    return str(uuid6.uuid7())
