"""sync members: the head office's last snapshot of each member, and its hot-list

Revision ID: 0007_sync_members
Revises: 0006_pin_lockouts
Create Date: 2026-12-01 07:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_sync_members"
down_revision: str | None = "0006_pin_lockouts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_members",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("card_no", sa.String(length=32), nullable=False),
        sa.Column("principal_fen", sa.BigInteger(), nullable=False),
        sa.Column("bonus_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("hot", sa.Boolean(), nullable=False),
        sa.Column("hot_reason", sa.String(length=80), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_sync_members")),
    )
    with op.batch_alter_table("sync_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_members_card_no"), ["card_no"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_members_card_no"))
    op.drop_table("sync_members")
