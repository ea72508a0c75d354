"""Typed SQLAlchemy models of the counter's database.

Rows never leave the storage and service layers: services turn them into frozen dataclasses.
Money columns end in ``_fen`` and are integers; quantities end in ``_milli`` (1000 = one unit, so
0.355 kg of apples is 355).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.storage.base import Base, UTCDateTime, enum_column, utcnow


class Role(enum.StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"
    OWNER = "owner"


class OrderKind(enum.StrEnum):
    SALE = "sale"
    REFUND = "refund"
    TOP_UP = "top_up"  # money taken for a member's stored value (no lines)
    COUNT_CARD = "count_card"  # money taken for a package of uses (no lines)
    MEMBERSHIP_FEE = "membership_fee"  # 办卡费 of a paid card type (no lines)


class OrderState(enum.StrEnum):
    """A paid order leaves by ``refund`` (full) or ``void``; refunds themselves are final."""

    PAID = "paid"
    PARTLY_REFUNDED = "partly_refunded"
    REFUNDED = "refunded"
    VOIDED = "voided"


class ShiftState(enum.StrEnum):
    OPEN = "open"  # leaves by ShiftRow.close()
    CLOSED = "closed"


class PrintStatus(enum.StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    FAILED = "failed"
    #: Sent, and the printer did not show it took the job: it may be on paper or not, so it is
    #: never sent again by itself; the cashier looks and reprints, or confirms it came out.
    UNCONFIRMED = "unconfirmed"


class StaffRow(Base):
    __tablename__ = "staff"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    pin_hash: Mapped[str] = mapped_column(String(200))
    #: Wrong PINs at login since the last right one or a reset: kept across locks, so each
    #: further lock lasts longer (``app.pos.staff``).
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: When the lock began: a clock put back before it still finds the account locked.
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: Wrong PINs typed for this person in approval dialogs, apart from their own logins, so a
    #: cashier guessing a manager's PIN locks approvals, never the manager's login.
    approval_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    approval_locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    approval_locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StaffLockNoticeRow(Base):
    """A login or approval locked by wrong PINs, kept until the owner has seen it."""

    __tablename__ = "staff_lock_notices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    kind: Mapped[str] = mapped_column(String(20))  # login | approval
    failures: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    seen_by: Mapped[str | None] = mapped_column(String(36))


class CategoryRow(Base):
    __tablename__ = "categories"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ProductRow(Base):
    __tablename__ = "products"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    pinyin_initials: Mapped[str] = mapped_column(String(80), index=True)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("categories.id"))
    unit: Mapped[str] = mapped_column(String(8), default="个")
    price_fen: Mapped[int] = mapped_column(BigInteger)
    cost_fen: Mapped[int | None] = mapped_column(BigInteger)
    member_price_fen: Mapped[int | None] = mapped_column(BigInteger)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    track_stock: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Sold by weight: quantities are kilograms to three places and scales print the labels.
    by_weight: Mapped[bool] = mapped_column(Boolean, default=False)
    stock_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    #: What the stock on hand cost, at moving average: the sum of its moves' ``value_fen``.
    stock_value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    #: At or below this stock the product shows on the low-stock list (None: only at zero).
    reorder_point_milli: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    barcodes: Mapped[list[BarcodeRow]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )
    category: Mapped[CategoryRow | None] = relationship()

    __table_args__ = (Index("ix_products_name", "name"),)


class BarcodeRow(Base):
    __tablename__ = "barcodes"

    barcode: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)

    product: Mapped[ProductRow] = relationship(back_populates="barcodes")


class StockDocumentKind(enum.StrEnum):
    RECEIVE = "receive"  # 进货
    SUPPLIER_RETURN = "supplier_return"  # 退货给供应商
    COUNT = "count"  # 盘点


class StockDocumentRow(Base):
    """Append-only: one receiving, supplier return or stock count; its lines are stock moves."""

    __tablename__ = "stock_documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[StockDocumentKind] = mapped_column(enum_column(StockDocumentKind))
    supplier: Mapped[str | None] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(String(80))
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    #: The sum of the lines' value: what was received, returned, or gained less lost.
    value_fen: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StockMoveRow(Base):
    """Append-only: stock on hand is the sum of moves, cached on the product row; so is the
    stock's value at cost (``value_fen``, the move's signed change of it)."""

    __tablename__ = "stock_moves"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    delta_milli: Mapped[int] = mapped_column(BigInteger)
    value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str] = mapped_column(String(20))
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"))
    document_id: Mapped[str | None] = mapped_column(ForeignKey("stock_documents.id"), index=True)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ShiftRow(Base):
    __tablename__ = "shifts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cashier_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    state: Mapped[ShiftState] = mapped_column(enum_column(ShiftState), default=ShiftState.OPEN)
    opening_float_fen: Mapped[int] = mapped_column(BigInteger)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))

    counts: Mapped[list[ShiftCountRow]] = relationship(cascade="all, delete-orphan")

    def close(self, by_staff_id: str, at: dt.datetime) -> None:
        if self.state is not ShiftState.OPEN:
            raise ValueError("班次已关闭")  # a bug: close_shift refuses a closed shift first
        self.state = ShiftState.CLOSED
        self.closed_at = at
        self.closed_by_id = by_staff_id


class ShiftCountRow(Base):
    __tablename__ = "shift_counts"

    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), primary_key=True)
    method: Mapped[str] = mapped_column(String(20), primary_key=True)
    expected_fen: Mapped[int] = mapped_column(BigInteger)
    counted_fen: Mapped[int] = mapped_column(BigInteger)


class CashMoveRow(Base):
    """Cash put into or taken out of the drawer outside a sale (pay-in, pay-out, no-sale open)."""

    __tablename__ = "cash_moves"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(80))
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReceiptSequenceRow(Base):
    """The last receipt number given on a business day; bumped in the sale's own transaction."""

    __tablename__ = "receipt_sequences"

    business_day: Mapped[dt.date] = mapped_column(primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer)


class OrderRow(Base):
    __tablename__ = "orders"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    business_day: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[OrderKind] = mapped_column(enum_column(OrderKind))
    state: Mapped[OrderState] = mapped_column(enum_column(OrderState))
    cashier_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    approver_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    shift_id: Mapped[str | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    original_order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    subtotal_fen: Mapped[int] = mapped_column(BigInteger)
    discount_fen: Mapped[int] = mapped_column(BigInteger)
    rounding_fen: Mapped[int] = mapped_column(BigInteger)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    change_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    order_discount_label: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    voided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    lines: Mapped[list[OrderLineRow]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLineRow.line_no"
    )
    payments: Mapped[list[PaymentRow]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="PaymentRow.seq"
    )

    __table_args__ = (
        # Members' sales in member and day order with what the groups and segments read
        # (app.members.segments): grouped by member without sorting millions of orders.
        Index(
            "ix_orders_member_purchases",
            "member_id",
            "business_day",
            "total_fen",
            "state",
            "kind",
            "id",
            sqlite_where=text("kind = 'sale' AND member_id IS NOT NULL"),
            postgresql_where=text("kind = 'sale' AND member_id IS NOT NULL"),
        ),
        # A member's sale by id with what the purchase rule reads: the bargain hunters look up
        # the sale of each line bought on promotion (app.members.segments).
        Index(
            "ix_orders_member_sale_by_id",
            "id",
            "member_id",
            "business_day",
            "total_fen",
            "state",
            "kind",
            sqlite_where=text("kind = 'sale' AND member_id IS NOT NULL"),
            postgresql_where=text("kind = 'sale' AND member_id IS NOT NULL"),
        ),
        # Sales reports read an order of a range of days from this index alone.
        Index(
            "ix_orders_report",
            "business_day",
            "kind",
            "state",
            "id",
            "member_id",
            "cashier_id",
            "total_fen",
            "discount_fen",
            "created_at",
        ),
    )


class OrderLineRow(Base):
    __tablename__ = "order_lines"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"), index=True)
    #: For a refund line, the sale line it returns.
    original_line_id: Mapped[str | None] = mapped_column(ForeignKey("order_lines.id"))
    name: Mapped[str] = mapped_column(String(80))
    barcode: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(8))
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    list_price_fen: Mapped[int] = mapped_column(BigInteger)
    unit_price_fen: Mapped[int] = mapped_column(BigInteger)
    gross_fen: Mapped[int] = mapped_column(BigInteger)
    line_discount_fen: Mapped[int] = mapped_column(BigInteger)
    #: The line's share of the order discount and rounding (抹零): the lines sum to the total.
    order_share_fen: Mapped[int] = mapped_column(BigInteger)
    net_fen: Mapped[int] = mapped_column(BigInteger)
    refunded_qty_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    #: What the line's goods cost at moving average (a refund line: the cost put back into
    #: stock); None for lines sold before costs were kept.
    cost_fen: Mapped[int | None] = mapped_column(BigInteger)
    discount_label: Mapped[str | None] = mapped_column(String(40))
    #: The promotions that priced the line (ids, comma-separated) and what they took off it, of
    #: ``line_discount_fen`` and ``order_share_fen``: "bought on promotion" for the segments.
    promotion_ids: Mapped[str | None] = mapped_column(String(200))
    promotion_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    order: Mapped[OrderRow] = relationship(back_populates="lines")

    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        # The lines sold on a discount or a promotion, with what the bargain-hunter segments
        # read of them (app.members.segments PROMOTED_LINE).
        Index(
            "ix_order_lines_promoted",
            "order_id",
            "net_fen",
            "line_discount_fen",
            "promotion_ids",
            sqlite_where=text("line_discount_fen > 0 OR promotion_ids IS NOT NULL"),
            postgresql_where=text("line_discount_fen > 0 OR promotion_ids IS NOT NULL"),
        ),
        # Sales reports read a line from this index alone.
        Index(
            "ix_order_lines_report", "order_id", "product_id", "qty_milli", "net_fen", "cost_fen"
        ),
    )


def _sales_totals(name: str, keys: Sequence[str], sums: Sequence[str]) -> Table:
    """Sums the sales reports read, written only by the database's triggers as orders, lines
    and payments are written (migration 0018_sales_totals says what each holds)."""
    return Table(
        name,
        Base.metadata,
        *(Column(key, String(36), primary_key=True) for key in keys),
        *(Column(column, BigInteger, nullable=False) for column in sums),
        sqlite_with_rowid=False,
    )


_PRODUCT_SUMS = ("lines", "qty_milli", "net_fen", "cost_fen", "uncosted_fen")
SALES_DAY_ORDERS = _sales_totals(
    "sales_day_orders",
    ["business_day"],
    [
        "sale_count",
        "sales_fen",
        "refund_count",
        "refunds_fen",
        "void_count",
        "voids_fen",
        "discount_fen",
        "member_net_fen",
        "count_card_fen",
        "membership_fee_fen",
    ],
)
SALES_DAY_HOURS = _sales_totals(
    "sales_day_hours",
    ["business_day", "utc_hour"],
    ["sale_count", "sales_fen", "refund_count", "refunds_fen"],
)
SALES_DAY_CASHIERS = _sales_totals(
    "sales_day_cashiers",
    ["business_day", "cashier_id"],
    ["sale_count", "sales_fen", "refund_count", "refunds_fen", "void_count", "voids_fen"],
)
SALES_DAY_TENDERS = _sales_totals(
    "sales_day_tenders",
    ["business_day", "method"],
    ["payments", "sales_fen", "refunds_fen", "member_money_fen", "net_fen"],
)
SALES_DAY_PRODUCTS = _sales_totals(
    "sales_day_products", ["business_day", "product_id"], _PRODUCT_SUMS
)
SALES_MONTH_PRODUCTS = _sales_totals("sales_month_products", ["month", "product_id"], _PRODUCT_SUMS)


class PaymentRow(Base):
    __tablename__ = "payments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(20))
    #: What the tender paid of the order (negative on a refund).
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    #: What the customer handed over (cash); the difference is change.
    tendered_fen: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str | None] = mapped_column(String(64))
    customer_name: Mapped[str | None] = mapped_column(String(40))

    order: Mapped[OrderRow] = relationship(back_populates="payments")


class ReceivableRow(Base):
    """挂账: a sale paid later by a member or a named customer; settled by
    ``ReceivableSettlementRow``. A member's receivable keeps the member's name at the sale in
    ``customer_name`` too, so the receipt and the older screens read one column."""

    __tablename__ = "receivables"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    customer_name: Mapped[str] = mapped_column(String(40), index=True)
    #: The member who owes it; None for a named customer (and for every receivable before 0003).
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    settled_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReceivableSettlementRow(Base):
    __tablename__ = "receivable_settlements"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receivable_id: Mapped[str] = mapped_column(ForeignKey("receivables.id"), index=True)
    shift_id: Mapped[str | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ParkedCartRow(Base):
    """挂单: a cart set aside, kept as its plain-data snapshot until it is taken back."""

    __tablename__ = "parked_carts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    label: Mapped[str] = mapped_column(String(40))
    cashier_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    payload: Mapped[str] = mapped_column(Text)
    total_fen: Mapped[int] = mapped_column(BigInteger)
    line_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditRow(Base):
    """Append-only and hash-chained: each row's hash covers its content and the previous hash."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(40), index=True)
    actor_id: Mapped[str | None] = mapped_column(String(36))
    approver_id: Mapped[str | None] = mapped_column(String(36))
    subject_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxRow(Base):
    """Business events waiting for the head office, written in the event's own transaction."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    schema_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)


class PrintJobRow(Base):
    """A slip to print, kept until the printer takes it; reprints read it back."""

    __tablename__ = "print_jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"), index=True)
    #: The slip as plain data (JSON), rendered to bytes at print time; NULL for a sale or refund,
    #: whose receipt is laid out from the order itself (app.pos.print_jobs).
    document: Mapped[str | None] = mapped_column(Text)
    open_drawer: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[PrintStatus] = mapped_column(
        enum_column(PrintStatus), default=PrintStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    printed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class SyncMemberRow(Base):
    """A member as the head office last said (``app.sync.pull``): the snapshot's balances, when
    it was taken, and whether the member is on the hot-list (spend nothing offline)."""

    __tablename__ = "sync_members"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    card_no: Mapped[str] = mapped_column(String(32), index=True)
    principal_fen: Mapped[int] = mapped_column(BigInteger)
    bonus_fen: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(BigInteger)
    hot: Mapped[bool] = mapped_column(Boolean, default=False)
    hot_reason: Mapped[str] = mapped_column(String(80), default="")
    as_of: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class CounterStateRow(Base):
    """Small facts about this counter's database (schema seed, demo marker)."""

    __tablename__ = "counter_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = [
    "SALES_DAY_CASHIERS",
    "SALES_DAY_HOURS",
    "SALES_DAY_ORDERS",
    "SALES_DAY_PRODUCTS",
    "SALES_DAY_TENDERS",
    "SALES_MONTH_PRODUCTS",
    "AuditRow",
    "BarcodeRow",
    "CashMoveRow",
    "CategoryRow",
    "CounterStateRow",
    "OrderKind",
    "OrderLineRow",
    "OrderRow",
    "OrderState",
    "OutboxRow",
    "ParkedCartRow",
    "PaymentRow",
    "PrintJobRow",
    "PrintStatus",
    "ProductRow",
    "ReceiptSequenceRow",
    "ReceivableRow",
    "ReceivableSettlementRow",
    "Role",
    "ShiftCountRow",
    "ShiftRow",
    "ShiftState",
    "StaffLockNoticeRow",
    "StaffRow",
    "StockDocumentKind",
    "StockDocumentRow",
    "StockMoveRow",
    "SyncMemberRow",
]
