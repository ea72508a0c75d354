"""Who and where a slip or receipt is printed: what every printout's data holds as its ``slip``."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.config import Config
from app.pos.business_day import local_time_text


@dataclasses.dataclass(frozen=True)
class SlipContext:
    """Who printed it, where and when, between the store's header and footer."""

    store_name: str
    cashier_name: str
    printed_at: str  # local time, "2026-11-23 14:05"
    header: str = ""
    footer: str = ""

    @classmethod
    def of(cls, config: Config, cashier_name: str, at: dt.datetime) -> SlipContext:
        """The context of a slip printed by ``cashier_name`` for something done ``at``."""
        return cls(
            config.store_name,
            cashier_name,
            local_time_text(at, config.timezone),
            config.receipt_header,
            config.receipt_footer,
        )
