"""What selling asks before a member's stored value or points pay: the spend guard.

Selling never depends on how the answer is reached (``app.sync.spending`` asks the head office
for a hold, or checks the offline limits): :class:`CounterService` calls the guard, when one is
set, before the sale's transaction, and releases what it authorised if the sale is not written.
Without a guard (a counter that works alone) the local balance is the only bound.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class MemberSpend:
    """The member's money one payment spends: ``stored_value_fen``, and ``points_fen`` of points
    at their money value; ``order_id`` is the id the order will have."""

    member_id: str
    order_id: str
    stored_value_fen: int
    points_fen: int


class SpendAuthorisation(Protocol):
    def release(self) -> None:
        """The payment was not written: what was held is free again."""


class SpendGuard(Protocol):
    def authorise(self, spend: MemberSpend) -> SpendAuthorisation:
        """Allowed (what to release if the sale fails), or a KnownError saying why not."""
