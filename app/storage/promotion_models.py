"""Typed tables of promotions: the rules, the members excluded from them, and each use.

A rule's terms are one JSON text (``app.pos.promotion_rules.rule_to_dict``): the kinds differ in
what they need, and the pricing pass reads whole rules, never single terms, from the database.
A use row is written in the sale's transaction; refunds and per-member limits read it back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.base import Base, UTCDateTime, utcnow

ID = 36
#: A rule made by a manager here, or one a pull brought from the head office (read-only here).
ORIGIN_LOCAL = "local"
ORIGIN_HEAD_OFFICE = "headoffice"


class PromotionRow(Base):
    __tablename__ = "promotions"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    terms: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[dt.date] = mapped_column()
    ends_on: Mapped[dt.date] = mapped_column(index=True)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    origin: Mapped[str] = mapped_column(
        String(12), default=ORIGIN_LOCAL, server_default=ORIGIN_LOCAL
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PromotionBlacklistRow(Base):
    """促销黑名单: a member the store keeps out of every promotion."""

    __tablename__ = "promotion_blacklist"

    member_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    reason: Mapped[str] = mapped_column(String(80), default="")
    added_by: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PromotionUseRow(Base):
    """One promotion on one sale (or one enrolment): who, which cashier, what it saved, and for
    满减 / 满赠 the lines it counted (``detail``, JSON) so a refund can judge what is left."""

    __tablename__ = "promotion_uses"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    promotion_id: Mapped[str] = mapped_column(ForeignKey("promotions.id"))
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(String(ID))
    cashier_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    business_day: Mapped[dt.date] = mapped_column()
    saved_fen: Mapped[int] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        Index("ix_promotion_uses_member", "promotion_id", "member_id"),
        Index("ix_promotion_uses_cashier_day", "promotion_id", "cashier_id", "business_day"),
    )


__all__ = [
    "ORIGIN_HEAD_OFFICE",
    "ORIGIN_LOCAL",
    "PromotionBlacklistRow",
    "PromotionRow",
    "PromotionUseRow",
]
