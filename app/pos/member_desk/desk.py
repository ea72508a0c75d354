"""The member desk as the screens hold it: one attribute per subject, all on one context."""

from __future__ import annotations

import datetime as dt

from app.config import Config
from app.pos.member_desk.campaigns import CampaignDesk
from app.pos.member_desk.cards import CardDesk
from app.pos.member_desk.context import DeskContext
from app.pos.member_desk.count_cards_and_gifts import CountCardAndGiftDesk
from app.pos.member_desk.coupons_and_rules import CouponAndRuleDesk
from app.pos.member_desk.imports import MemberImports
from app.pos.member_desk.queries import MemberQueries
from app.pos.member_desk.stored_value import StoredValueDesk
from app.storage.database import Database


class MemberDesk:
    """``desk.stored_value.top_up(...)``, ``desk.cards.freeze(...)``: one user action, one
    transaction, plain values in and frozen views out."""

    def __init__(self, db: Database, config: Config) -> None:
        self.context = DeskContext(db, config)
        self.queries = MemberQueries(self.context)
        self.stored_value = StoredValueDesk(self.context)
        self.cards = CardDesk(self.context)
        self.count_cards_and_gifts = CountCardAndGiftDesk(self.context)
        self.coupons_and_rules = CouponAndRuleDesk(self.context)
        self.imports = MemberImports(self.context)
        self.campaigns = CampaignDesk(self.context)

    def today(self) -> dt.date:
        """The store's business day now."""
        return self.context.today()
