"""Who and where a slip or receipt is printed: the five fields every printout carries, as one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TypedDict

from app.config import Config
from app.pos.business_day import local_time_text


class SlipFields(TypedDict):
    """The five fields by name, as the printouts' data classes spell them."""

    store_name: str
    cashier_name: str
    printed_at: str
    header: str
    footer: str


@dataclasses.dataclass(frozen=True)
class SlipContext:
    """Who printed it, where and when, between the store's header and footer."""

    store_name: str
    cashier_name: str
    printed_at: str
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

    def fields(self) -> SlipFields:
        """The printout data's own fields of the same names (``**slip.fields()``)."""
        return {
            "store_name": self.store_name,
            "cashier_name": self.cashier_name,
            "printed_at": self.printed_at,
            "header": self.header,
            "footer": self.footer,
        }
