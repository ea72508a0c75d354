"""analytics: indexes of members' sales and of the order lines sold on promotion

Revision ID: 0009_analytics_indexes
Revises: 0008_stock
Create Date: 2026-12-01

The bargain-hunter segments (app.members.segments) sum, per member, the lines bought on
promotion; this partial index holds only the discounted lines with what the sum reads, so
SQLite reads those lines alone instead of every line of every sale. The groups and segments
read members' sales by member and day: ``ix_orders_member_purchases`` holds them in that order
with the columns read, so they are grouped without sorting.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_analytics_indexes"
down_revision: str | None = "0008_stock"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_orders_member_purchases",
        "orders",
        ["member_id", "business_day", "total_fen", "state", "kind", "id"],
        sqlite_where=sa.text("kind = 'sale' AND member_id IS NOT NULL"),
        postgresql_where=sa.text("kind = 'sale' AND member_id IS NOT NULL"),
    )
    op.create_index(
        "ix_order_lines_promotion",
        "order_lines",
        ["line_discount_fen", "order_id", "net_fen"],
        sqlite_where=sa.text("line_discount_fen > 0"),
        postgresql_where=sa.text("line_discount_fen > 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_order_lines_promotion", table_name="order_lines")
    op.drop_index("ix_orders_member_purchases", table_name="orders")
