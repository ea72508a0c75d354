"""promos: promotion rules, the promotion blacklist, promotion uses, and each sold line's promotions

Revision ID: 0011_promotions
Revises: 0010_reports_indexes
Create Date: 2026-12-01

Adds ``promotions`` (a rule's terms as JSON), ``promotion_blacklist``, ``promotion_uses`` (one
promotion on one sale: per-member limits, a cashier's daily staff coupons, refunds of 满减 and
满赠), and ``order_lines.promotion_ids`` / ``promotion_fen``. Lines sold before were priced by no
promotion: no ids, nothing saved.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_promotions"
down_revision: str | None = "0010_reports_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "promotions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions")),
    )
    op.create_index(op.f("ix_promotions_ends_on"), "promotions", ["ends_on"], unique=False)
    op.create_table(
        "promotion_blacklist",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=80), nullable=False),
        sa.Column("added_by", sa.String(length=36), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["staff.id"], name=op.f("fk_promotion_blacklist_added_by_staff")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_promotion_blacklist")),
    )
    op.create_table(
        "promotion_uses",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("promotion_id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=True),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("cashier_id", sa.String(length=36), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("saved_fen", sa.BigInteger(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cashier_id"], ["staff.id"], name=op.f("fk_promotion_uses_cashier_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_promotion_uses_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name=op.f("fk_promotion_uses_promotion_id_promotions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_uses")),
    )
    op.create_index(
        "ix_promotion_uses_member", "promotion_uses", ["promotion_id", "member_id"], unique=False
    )
    op.create_index(
        "ix_promotion_uses_cashier_day",
        "promotion_uses",
        ["promotion_id", "cashier_id", "business_day"],
        unique=False,
    )
    op.create_index(
        op.f("ix_promotion_uses_order_id"), "promotion_uses", ["order_id"], unique=False
    )
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("promotion_ids", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("promotion_fen", sa.BigInteger(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("promotion_fen")
        batch_op.drop_column("promotion_ids")
    op.drop_index(op.f("ix_promotion_uses_order_id"), table_name="promotion_uses")
    op.drop_index("ix_promotion_uses_cashier_day", table_name="promotion_uses")
    op.drop_index("ix_promotion_uses_member", table_name="promotion_uses")
    op.drop_table("promotion_uses")
    op.drop_table("promotion_blacklist")
    op.drop_index(op.f("ix_promotions_ends_on"), table_name="promotions")
    op.drop_table("promotions")
