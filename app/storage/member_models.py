"""Typed tables of members, card types and member ledgers, on the counter's declarative Base.

Ledger tables (``stored_value_entries``, ``points_entries``, ``member_spend_entries``,
``count_card_entries``, ``gift_stock_moves``) are append-only: a balance is the sum of its entries,
cached on its owner row in the same transaction. Money columns end in ``_fen``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.base import Base, UTCDateTime, utcnow

ID = 36


class CardTypeRow(Base):
    """卡类型 / 会员等级: prices, points, password, how it is reached or bought, its rank."""

    __tablename__ = "member_card_types"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(20), unique=True)
    rank: Mapped[int] = mapped_column(Integer, unique=True)
    discount_bp: Mapped[int] = mapped_column(Integer)
    points_num: Mapped[int] = mapped_column(Integer)
    points_den: Mapped[int] = mapped_column(Integer)
    value_num: Mapped[int] = mapped_column(Integer)
    value_den: Mapped[int] = mapped_column(Integer)
    needs_password: Mapped[bool] = mapped_column(Boolean, default=False)
    upgrade_metric: Mapped[str | None] = mapped_column(String(10))
    upgrade_threshold: Mapped[int | None] = mapped_column(BigInteger)
    upgrade_period_days: Mapped[int | None] = mapped_column(Integer)
    downgrade: Mapped[bool] = mapped_column(Boolean, default=False)
    gift_points: Mapped[int] = mapped_column(BigInteger, default=0)
    gift_coupon_template_id: Mapped[str | None] = mapped_column(String(ID))
    gift_bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    fee_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    validity_days: Mapped[int | None] = mapped_column(Integer)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BonusRuleRow(Base):
    """充值赠送: top up at least ``min_top_up_fen``, get ``bonus_fen``, within dates, per type."""

    __tablename__ = "member_bonus_rules"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    min_top_up_fen: Mapped[int] = mapped_column(BigInteger)
    bonus_fen: Mapped[int] = mapped_column(BigInteger)
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]
    card_type_id: Mapped[str | None] = mapped_column(ForeignKey("member_card_types.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MemberRow(Base):
    """A member and the cached sums of their ledgers (checked by ``app.members.checks``)."""

    __tablename__ = "members"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    card_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    sex: Mapped[str | None] = mapped_column(String(8))
    birthday_calendar: Mapped[str | None] = mapped_column(String(8))
    birthday_year: Mapped[int | None] = mapped_column(Integer)
    birthday_month: Mapped[int | None] = mapped_column(Integer)
    birthday_day: Mapped[int | None] = mapped_column(Integer)
    birthday_leap: Mapped[bool] = mapped_column(Boolean, default=False)
    birthday_prefer_leap: Mapped[bool] = mapped_column(Boolean, default=False)
    #: ``BirthdayKey.code`` of the birthday: the reminders filter on it.
    birthday_key: Mapped[str | None] = mapped_column(String(8), index=True)
    tags: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    home_store: Mapped[str] = mapped_column(String(20), default="")
    joined_on: Mapped[dt.date]
    card_type_id: Mapped[str] = mapped_column(ForeignKey("member_card_types.id"), index=True)
    level_since: Mapped[dt.date]
    expires_on: Mapped[dt.date | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(10), default="active")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    password_failures: Mapped[int] = mapped_column(Integer, default=0)
    password_locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    total_spend_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    last_visit_on: Mapped[dt.date | None] = mapped_column(index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        # A member's joining day and card by id, from the index alone: the groups and segments
        # (app.members.segments) look up every member who bought, and read every member.
        Index("ix_members_card_by_id", "id", "joined_on", "card_no"),
    )


class AutoTagRuleRow(Base):
    """An automatic tag (自动标签): the tag, and what a member must be or do to carry it. A blank
    condition is no condition; ``window_days`` is the period the purchase conditions look at."""

    __tablename__ = "auto_tag_rules"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    tag: Mapped[str] = mapped_column(String(20))
    sex: Mapped[str | None] = mapped_column(String(8))
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    #: Card type ids separated by commas; empty for every level.
    card_type_ids: Mapped[str] = mapped_column(Text, default="")
    hour_from: Mapped[int | None] = mapped_column(Integer)
    hour_to: Mapped[int | None] = mapped_column(Integer)
    ticket_min_fen: Mapped[int | None] = mapped_column(BigInteger)
    ticket_max_fen: Mapped[int | None] = mapped_column(BigInteger)
    visits_min: Mapped[int | None] = mapped_column(Integer)
    visits_max: Mapped[int | None] = mapped_column(Integer)
    window_days: Mapped[int] = mapped_column(Integer, default=90)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MemberAutoTagRow(Base):
    """A tag the daily job set by a rule; tags set by hand live in ``member_tags`` and stay."""

    __tablename__ = "member_auto_tags"

    tag_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), primary_key=True, index=True)
    tag: Mapped[str] = mapped_column(String(20))
    rule_id: Mapped[str] = mapped_column(ForeignKey("auto_tag_rules.id"))


class MemberCardRow(Base):
    """Every card a member has held: the active one, and the lost or replaced ones kept."""

    __tablename__ = "member_cards"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    card_no: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(10))
    issued_on: Mapped[dt.date]
    closed_on: Mapped[dt.date | None]
    reason: Mapped[str] = mapped_column(String(80), default="")


class AnniversaryRow(Base):
    __tablename__ = "member_anniversaries"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    label: Mapped[str] = mapped_column(String(20))
    calendar: Mapped[str] = mapped_column(String(8))
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    leap: Mapped[bool] = mapped_column(Boolean, default=False)
    prefer_leap: Mapped[bool] = mapped_column(Boolean, default=False)
    key_code: Mapped[str] = mapped_column(String(8), index=True)


class MemberTagRow(Base):
    """One tag of a member, for finding members by tag through an index; ``MemberRow.tags`` keeps
    the tags as the member's profile shows them, and both are written together
    (``app.members.tags.set_tags``). ``tag_key`` is the tag folded for matching (``vip``)."""

    __tablename__ = "member_tags"

    tag_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), primary_key=True, index=True)


class EntryWriter:
    """The columns every ledger entry has: who wrote it, who approved it, its business day and
    when it was written."""

    actor_id: Mapped[str | None] = mapped_column(String(ID))
    approver_id: Mapped[str | None] = mapped_column(String(ID))
    business_day: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StoredValueEntryRow(EntryWriter, Base):
    """Append-only: a member's principal and bonus are the sums of these deltas."""

    __tablename__ = "stored_value_entries"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(20))
    principal_delta: Mapped[int] = mapped_column(BigInteger)
    bonus_delta: Mapped[int] = mapped_column(BigInteger)
    principal_after: Mapped[int] = mapped_column(BigInteger)
    bonus_after: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    related_entry_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    reason: Mapped[str] = mapped_column(String(80), default="")

    __table_args__ = (Index("ix_stored_value_entries_member_day", "member_id", "business_day"),)


class PointsEntryRow(EntryWriter, Base):
    """Append-only: a member's points are the sum of ``delta``; ``base_fen`` is the amount the
    points relate to (paid on a sale, refunded on a reversal, paid by points on a tender)."""

    __tablename__ = "points_entries"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(20))
    delta: Mapped[int] = mapped_column(BigInteger)
    balance_after: Mapped[int] = mapped_column(BigInteger)
    base_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    expires_on: Mapped[dt.date | None] = mapped_column(index=True)
    order_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    related_entry_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    reason: Mapped[str] = mapped_column(String(80), default="")

    __table_args__ = (Index("ix_points_entries_member_day", "member_id", "business_day"),)


class SpendEntryRow(EntryWriter, Base):
    """Append-only: a member's total spend and visit count are the sums of these deltas."""

    __tablename__ = "member_spend_entries"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(20))
    spend_delta: Mapped[int] = mapped_column(BigInteger)
    visits_delta: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    reason: Mapped[str] = mapped_column(String(80), default="")

    __table_args__ = (Index("ix_member_spend_entries_member_day", "member_id", "business_day"),)


class GiftRow(Base):
    """积分礼品: points cost and stock on hand (the sum of its stock moves)."""

    __tablename__ = "member_gifts"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    points_cost: Mapped[int] = mapped_column(BigInteger)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GiftStockMoveRow(Base):
    __tablename__ = "gift_stock_moves"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    gift_id: Mapped[str] = mapped_column(ForeignKey("member_gifts.id"), index=True)
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))
    member_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    points_entry_id: Mapped[str | None] = mapped_column(String(ID))
    actor_id: Mapped[str | None] = mapped_column(String(ID))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CountCardPackageRow(Base):
    """次卡套餐: N uses of a service for a price, valid some days from the sale."""

    __tablename__ = "count_card_packages"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    service: Mapped[str] = mapped_column(String(40))
    uses: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    validity_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MemberCountCardRow(Base):
    """A count card a member bought; ``uses_left`` is the sum of its entries."""

    __tablename__ = "member_count_cards"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("count_card_packages.id"))
    name: Mapped[str] = mapped_column(String(40))
    service: Mapped[str] = mapped_column(String(40))
    uses_total: Mapped[int] = mapped_column(Integer)
    uses_left: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    sold_on: Mapped[dt.date]
    expires_on: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(10), default="active")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CountCardEntryRow(EntryWriter, Base):
    __tablename__ = "count_card_entries"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    count_card_id: Mapped[str] = mapped_column(ForeignKey("member_count_cards.id"), index=True)
    member_id: Mapped[str] = mapped_column(String(ID))
    kind: Mapped[str] = mapped_column(String(20))
    uses_delta: Mapped[int] = mapped_column(Integer)
    uses_after: Mapped[int] = mapped_column(Integer)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    order_id: Mapped[str | None] = mapped_column(String(ID))
    reason: Mapped[str] = mapped_column(String(80), default="")


class CouponTemplateRow(Base):
    """优惠券模板: amount off above a threshold, percent off, or one free item."""

    __tablename__ = "coupon_templates"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    amount_off_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    threshold_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    percent_off_bp: Mapped[int] = mapped_column(Integer, default=0)
    max_discount_fen: Mapped[int | None] = mapped_column(BigInteger)
    product_id: Mapped[str | None] = mapped_column(String(ID))
    valid_days: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CouponRow(Base):
    """A coupon issued to a member: issued -> used (``use``) -> issued again on a refund."""

    __tablename__ = "coupons"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    template_id: Mapped[str] = mapped_column(ForeignKey("coupon_templates.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="issued")
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date]
    used_order_id: Mapped[str | None] = mapped_column(String(ID), index=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    discount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    issued_reason: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LevelChangeRow(Base):
    """A member's level history: upgrades, downgrades, purchases and manual changes."""

    __tablename__ = "member_level_changes"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    from_type_id: Mapped[str | None] = mapped_column(String(ID))
    to_type_id: Mapped[str] = mapped_column(String(ID))
    change: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(200))
    actor_id: Mapped[str | None] = mapped_column(String(ID))
    approver_id: Mapped[str | None] = mapped_column(String(ID))
    on_day: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LevelGiftRow(Base):
    """An upgrade gift given: once per member and level, ever (the unique key says so)."""

    __tablename__ = "member_level_gifts"
    __table_args__ = (UniqueConstraint("member_id", "card_type_id"),)

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    card_type_id: Mapped[str] = mapped_column(ForeignKey("member_card_types.id"))
    level_change_id: Mapped[str] = mapped_column(ForeignKey("member_level_changes.id"))
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    coupon_template_id: Mapped[str | None] = mapped_column(String(ID))
    given_on: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class UpkeepRunRow(Base):
    """One daily upkeep, by business day: the newest says how far upkeep has gone (a day before
    it is refused) and what it changed."""

    __tablename__ = "upkeep_runs"

    business_day: Mapped[dt.date] = mapped_column(primary_key=True)
    upgrades: Mapped[int] = mapped_column(Integer, default=0)
    downgrades: Mapped[int] = mapped_column(Integer, default=0)
    members_expired: Mapped[int] = mapped_column(Integer, default=0)
    points_expired: Mapped[int] = mapped_column(BigInteger, default=0)
    ran_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CampaignRow(Base):
    """营销活动: who it targets (taken once, into ``campaign_members``), what it gives (a coupon
    template, stored-value bonus or points) and the window its recall is measured over."""

    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    source_kind: Mapped[str] = mapped_column(String(12))
    source_key: Mapped[str] = mapped_column(String(40), default="")
    #: The source in words, as the owner reads it later (``沉睡会员，2026-12-01 计算``).
    source_label: Mapped[str] = mapped_column(String(200))
    computed_on: Mapped[dt.date]
    #: Members the source named but left out (card lost, frozen or expired on that day).
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    offer_kind: Mapped[str] = mapped_column(String(10))
    coupon_template_id: Mapped[str | None] = mapped_column(ForeignKey("coupon_templates.id"))
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    state: Mapped[str] = mapped_column(String(10), default="draft")
    created_by: Mapped[str] = mapped_column(String(ID))
    approver_id: Mapped[str | None] = mapped_column(String(ID))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    issued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class CampaignMemberRow(Base):
    """A member a campaign targeted, and what was given to them (None until issued): the
    coupon, or the ledger entry of the bonus or points."""

    __tablename__ = "campaign_members"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), primary_key=True, index=True)
    coupon_id: Mapped[str | None] = mapped_column(String(ID))
    entry_id: Mapped[str | None] = mapped_column(String(ID))


__all__ = [
    "AnniversaryRow",
    "BonusRuleRow",
    "CampaignMemberRow",
    "CampaignRow",
    "CardTypeRow",
    "CountCardEntryRow",
    "CountCardPackageRow",
    "CouponRow",
    "CouponTemplateRow",
    "GiftRow",
    "GiftStockMoveRow",
    "LevelChangeRow",
    "LevelGiftRow",
    "MemberCardRow",
    "MemberCountCardRow",
    "MemberRow",
    "PointsEntryRow",
    "SpendEntryRow",
    "StoredValueEntryRow",
    "UpkeepRunRow",
]


class MemberListRow(Base):
    """A named member list (会员名单): a filter kept as JSON and run again whenever opened, so
    the list is always today's members who meet it (``app.members.member_lists``)."""

    __tablename__ = "member_lists"

    id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    definition: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(ID))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LunarMonthRow(Base):
    """Every lunar month of 1900-2099 and its first solar day, as ``app.members.calendar``
    computes it: what lets the member filters turn a birthday from one calendar to the other
    in SQL (the 生肖 of a solar birthday, the 星座 of a lunar one). Written by migration 0016."""

    __tablename__ = "lunar_months"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    month: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    leap: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    first_day: Mapped[dt.date]
    days: Mapped[int] = mapped_column(Integer)
