"""analytics: members and members' sales by id, from indexes alone

Revision ID: 0020_segscale_members
Revises: 0019_segscale_promoted
Create Date: 2026-12-02

The groups and segments (app.members.segments) look up each member who bought by id, for their
joining day and card number, and the sleeping segment reads every member. A member's row is
wide (name, phone, tags, the cached sums), so at a million members those lookups read far more
than they need; ``ix_members_card_by_id`` holds the three columns they read. Likewise the
bargain hunters look up the sale of each line bought on promotion by its id:
``ix_orders_member_sale_by_id`` holds members' sales by id with what the purchase rule reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_segscale_members"
down_revision: str | None = "0019_segscale_promoted"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


MEMBER_SALE = "kind = 'sale' AND member_id IS NOT NULL"


def upgrade() -> None:
    op.create_index("ix_members_card_by_id", "members", ["id", "joined_on", "card_no"])
    op.create_index(
        "ix_orders_member_sale_by_id",
        "orders",
        ["id", "member_id", "business_day", "total_fen", "state", "kind"],
        sqlite_where=sa.text(MEMBER_SALE),
        postgresql_where=sa.text(MEMBER_SALE),
    )


def downgrade() -> None:
    op.drop_index("ix_orders_member_sale_by_id", table_name="orders")
    op.drop_index("ix_members_card_by_id", table_name="members")
