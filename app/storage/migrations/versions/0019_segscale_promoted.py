"""analytics: the lines bought on promotion, by order, for the bargain-hunter segments

Revision ID: 0019_segscale_promoted
Revises: 0018_sales_totals
Create Date: 2026-12-02

The bargain-hunter segments (app.members.segments) sum, per member, the lines bought on
promotion: a line discount, or a line a promotion priced (``promotion_ids``, since 0011). The
partial index of 0009 held the discounted lines alone, so once promotions landed SQLite read
every line of every sale instead. ``ix_order_lines_promoted`` holds both kinds, with what the
sum reads, so SQLite reads those lines alone; it replaces ``ix_order_lines_promotion``, which
nothing reads any more.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_segscale_promoted"
down_revision: str | None = "0018_sales_totals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROMOTED = "line_discount_fen > 0 OR promotion_ids IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_order_lines_promoted",
        "order_lines",
        ["order_id", "net_fen", "line_discount_fen", "promotion_ids"],
        sqlite_where=sa.text(PROMOTED),
        postgresql_where=sa.text(PROMOTED),
    )
    op.drop_index("ix_order_lines_promotion", table_name="order_lines")


def downgrade() -> None:
    op.create_index(
        "ix_order_lines_promotion",
        "order_lines",
        ["line_discount_fen", "order_id", "net_fen"],
        sqlite_where=sa.text("line_discount_fen > 0"),
        postgresql_where=sa.text("line_discount_fen > 0"),
    )
    op.drop_index("ix_order_lines_promoted", table_name="order_lines")
