"""analytics: members' joining day and card by id, from an index alone

Revision ID: 0019_segscale_members
Revises: 0018_segscale_promoted
Create Date: 2026-12-02

The groups and segments (app.members.segments) look up each member who bought by id, for their
joining day and card number, and the sleeping segment reads every member. A member's row is
wide (name, phone, tags, the cached sums), so at a million members those lookups read far more
than they need; ``ix_members_card_by_id`` holds the three columns they read.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0019_segscale_members"
down_revision: str | None = "0018_segscale_promoted"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_members_card_by_id", "members", ["id", "joined_on", "card_no"])


def downgrade() -> None:
    op.drop_index("ix_members_card_by_id", table_name="members")
