"""The head office's tables: stores and their counters, the inbox, members and their ledgers,
what was sold, cases, holds and the change log that pulls read.

Balances on ``ho_members`` are caches of the two ledgers, moved in the same transaction as the
entry that moves them (``headoffice.ledgers``); a check can always recompute them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.storage.base import NAMING_CONVENTION, UTCDateTime

SCHEMA_VERSION = "0004_hoanalytics_sale_lines"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StoreRow(Base):
    __tablename__ = "ho_stores"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class DeviceRow(Base):
    """One counter: its secret signs its requests; its sequence and audit anchor as last seen."""

    __tablename__ = "ho_devices"
    __table_args__ = (UniqueConstraint("store_code", "counter_no"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("ho_stores.code"))
    counter_no: Mapped[int] = mapped_column(Integer)
    secret: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_push_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_event_at: Mapped[str | None] = mapped_column(String(40))
    clock_skew_s: Mapped[int | None] = mapped_column(Integer)
    backlog: Mapped[int | None] = mapped_column(BigInteger)
    anchor_count: Mapped[int | None] = mapped_column(BigInteger)
    anchor_hash: Mapped[str | None] = mapped_column(String(128))
    anchor_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    anchor_flag: Mapped[str | None] = mapped_column(String(16))


class AnchorRow(Base):
    """Every audit-chain head a device reported, so a fork is told from a chain that grew."""

    __tablename__ = "ho_anchors"

    device_id: Mapped[str] = mapped_column(ForeignKey("ho_devices.id"), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[str] = mapped_column(String(128))
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class NonceRow(Base):
    __tablename__ = "ho_nonces"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)


class InboxRow(Base):
    """Each event taken, once: its id is the key, its device's sequence unique."""

    __tablename__ = "ho_inbox"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("ho_devices.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(16))


class ParkedRow(Base):
    """A malformed event, kept whole for a person; acknowledged so the queue goes on."""

    __tablename__ = "ho_parked"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    parked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class MemberRow(Base):
    __tablename__ = "ho_members"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    card_no: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    phone_masked: Mapped[str] = mapped_column(String(32), default="")
    phone_key: Mapped[str | None] = mapped_column(String(64), index=True)
    home_store: Mapped[str] = mapped_column(String(64), default="")
    card_type_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16), default="active")
    principal_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    bonus_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points: Mapped[int] = mapped_column(BigInteger, default=0)
    hot: Mapped[bool] = mapped_column(Boolean, default=False)
    hot_reason: Mapped[str] = mapped_column(String(64), default="")
    #: The counter that first recorded the member: its store's pulls bring them.
    enrolled_by: Mapped[str | None] = mapped_column(String(36), index=True)
    #: The day the member joined, as the enrolling counter wrote it (NULL before 0004).
    joined_on: Mapped[str | None] = mapped_column(String(10))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class CardRow(Base):
    """Card numbers are unique chain-wide: the first member to hold a number keeps it."""

    __tablename__ = "ho_cards"

    card_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("ho_members.id"))
    status: Mapped[str] = mapped_column(String(16))


class StoredValueEntryRow(Base):
    """The counter's entry, by its own id: an entry carried by two events is taken once."""

    __tablename__ = "ho_stored_value_entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("ho_members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    principal_delta: Mapped[int] = mapped_column(BigInteger)
    bonus_delta: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(80))
    business_day: Mapped[str] = mapped_column(String(10))
    event_id: Mapped[str] = mapped_column(String(36))
    store_code: Mapped[str] = mapped_column(String(16))
    counter_no: Mapped[int] = mapped_column(Integer)
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class PointsEntryRow(Base):
    __tablename__ = "ho_points_entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("ho_members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    delta: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(80))
    business_day: Mapped[str] = mapped_column(String(10))
    event_id: Mapped[str] = mapped_column(String(36))
    store_code: Mapped[str] = mapped_column(String(16))
    counter_no: Mapped[int] = mapped_column(Integer)
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class SaleRow(Base):
    """One money record for the office's export: a sale, refund, void, top-up or other order."""

    __tablename__ = "ho_sales"
    __table_args__ = (Index("ix_ho_sales_day", "business_day"),)

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36), index=True)
    store_code: Mapped[str] = mapped_column(String(16))
    counter_no: Mapped[int] = mapped_column(Integer)
    receipt_no: Mapped[str] = mapped_column(String(40))
    business_day: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(16))
    total_fen: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[str | None] = mapped_column(String(36))
    # From 0004 (NULL on rows taken before): when it was rung up (the counter's ISO 8601 time),
    # the sale a refund returns, and whether a line had a promotion or discount, the order a
    # discount or a coupon (the counter's export-orders ``promo``).
    occurred_at: Mapped[str | None] = mapped_column(String(40))
    original_order_id: Mapped[str | None] = mapped_column(String(36), index=True)
    promo: Mapped[bool | None] = mapped_column(Boolean)


class SaleLineRow(Base):
    """A line of a sale or refund (from 0004). ``promo``: bought on promotion as the counter's
    ``PROMOTION_LINE`` says (a line discount, a promotion, or a coupon on its order)."""

    __tablename__ = "ho_sale_lines"

    event_id: Mapped[str] = mapped_column(ForeignKey("ho_sales.event_id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[str | None] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(64))
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    net_fen: Mapped[int] = mapped_column(BigInteger)
    promo: Mapped[bool] = mapped_column(Boolean)


class SalePaymentRow(Base):
    """A payment of a sale or refund (from 0004): negative when money was paid back."""

    __tablename__ = "ho_sale_payments"

    event_id: Mapped[str] = mapped_column(ForeignKey("ho_sales.event_id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(BigInteger)


class CaseRow(Base):
    """Something a person must look at: an overdraft, a card-number clash, a broken anchor."""

    __tablename__ = "ho_cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    card_no: Mapped[str] = mapped_column(String(32), default="")
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    store_code: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str | None] = mapped_column(String(36))
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16), default="open")
    detail: Mapped[str] = mapped_column(Text, default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class HoldRow(Base):
    __tablename__ = "ho_holds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("ho_members.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    ledger: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(BigInteger)
    order_id: Mapped[str] = mapped_column(String(36), index=True)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ChangeRow(Base):
    """The change log pulls read: one row per change of something a counter holds.

    ``txid`` orders rows by the transaction that wrote them: on PostgreSQL the writer's
    ``pg_current_xact_id()``, so a pull returns only rows of transactions older than every one
    still running (see ``headoffice.pull``); on SQLite, whose writes are serialised, a number
    that only grows, from the clock (``headoffice.ledgers.note_change``), so a database restored
    from an older backup never hands out a change that sorts before a cursor already given.
    """

    __tablename__ = "ho_changes"
    __table_args__ = (Index("ix_ho_changes_order", "txid", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    txid: Mapped[int] = mapped_column(BigInteger, default=0)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(36))
    store_code: Mapped[str | None] = mapped_column(String(16))


class StoreMemberRow(Base):
    """A member a store follows besides those its own counters enrolled: looked up or held
    there. A store's pulls bring these members and its own, never the whole chain."""

    __tablename__ = "ho_store_members"

    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("ho_members.id"), primary_key=True)


class ReferenceRow(Base):
    """What the head office sets for its counters, as the JSON a pull sends: a card type, a
    bonus rule, the points rules, a product, the offline limits. ``store_code`` "" is the
    chain's; a store's own row (a product's price, its limits) wins for that store."""

    __tablename__ = "ho_reference"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class PromotionRow(Base):
    """A promotion rule the head office sets: the chain's (``store_code`` "") or one store's.
    ``body`` is the :class:`app.sync.protocol.PromotionDoc` a pull sends, as JSON; a retired
    rule stays (its counters retire their copies and keep their sales' uses of it)."""

    __tablename__ = "ho_promotions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
