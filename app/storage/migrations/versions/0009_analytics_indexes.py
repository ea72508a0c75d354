"""analytics: an index of the order lines sold on promotion

Revision ID: 0009_analytics_indexes
Revises: 0008_stock
Create Date: 2026-12-01

The bargain-hunter segments (app.members.segments) sum, per member, the lines bought on
promotion; this partial index holds only the discounted lines with what the sum reads, so
SQLite reads those lines alone instead of every line of every sale.
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
        "ix_order_lines_promotion",
        "order_lines",
        ["line_discount_fen", "order_id", "net_fen"],
        sqlite_where=sa.text("line_discount_fen > 0"),
        postgresql_where=sa.text("line_discount_fen > 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_order_lines_promotion", table_name="order_lines")
