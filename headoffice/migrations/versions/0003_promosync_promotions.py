"""Promotions the head office sets for the chain or one store (``ho_promotions``).

Revision ID: 0003_promosync_promotions
Revises: 0002_hopull_pull_content
Create Date: 2026-12-01 22:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_promosync_promotions"
down_revision: str | None = "0002_hopull_pull_content"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ho_promotions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ho_promotions")),
    )
    with op.batch_alter_table("ho_promotions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ho_promotions_store_code"), ["store_code"])


def downgrade() -> None:
    with op.batch_alter_table("ho_promotions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ho_promotions_store_code"))
    op.drop_table("ho_promotions")
