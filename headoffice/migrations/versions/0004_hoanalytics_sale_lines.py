"""What the office's cross-store reports read: a sale's lines and payments, when it happened,
the sale a refund returns, whether it had a promotion; the day a member joined.

Rows taken before this revision have none of it (NULL, no lines, no payments) and stay valid:
the reports say what they could not count.

Revision ID: 0004_hoanalytics_sale_lines
Revises: 0003_promosync_promotions
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_hoanalytics_sale_lines"
down_revision: str | None = "0003_promosync_promotions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ho_sales", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurred_at", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("original_order_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("promo", sa.Boolean(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_ho_sales_original_order_id"), ["original_order_id"], unique=False
        )
    with op.batch_alter_table("ho_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("joined_on", sa.String(length=10), nullable=True))
    op.create_table(
        "ho_sale_lines",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("qty_milli", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("promo", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["ho_sales.event_id"], name=op.f("fk_ho_sale_lines_event_id_ho_sales")
        ),
        sa.PrimaryKeyConstraint("event_id", "line_no", name=op.f("pk_ho_sale_lines")),
    )
    op.create_table(
        "ho_sale_payments",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["ho_sales.event_id"],
            name=op.f("fk_ho_sale_payments_event_id_ho_sales"),
        ),
        sa.PrimaryKeyConstraint("event_id", "seq", name=op.f("pk_ho_sale_payments")),
    )


def downgrade() -> None:
    op.drop_table("ho_sale_payments")
    op.drop_table("ho_sale_lines")
    with op.batch_alter_table("ho_members", schema=None) as batch_op:
        batch_op.drop_column("joined_on")
    with op.batch_alter_table("ho_sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ho_sales_original_order_id"))
        batch_op.drop_column("promo")
        batch_op.drop_column("original_order_id")
        batch_op.drop_column("occurred_at")
