"""What pulls bring besides members: card types, rules, catalogue, limits; members a store follows.

Revision ID: 0002_hopull_pull_content
Revises: 0001_initial
Create Date: 2026-12-01 09:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_hopull_pull_content"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ho_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ho_members_enrolled_by"), ["enrolled_by"], unique=False)
    op.create_table(
        "ho_store_members",
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["ho_members.id"],
            name=op.f("fk_ho_store_members_member_id_ho_members"),
        ),
        sa.PrimaryKeyConstraint("store_code", "member_id", name=op.f("pk_ho_store_members")),
    )
    op.create_table(
        "ho_reference",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=36), nullable=False),
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", "store_code", name=op.f("pk_ho_reference")),
    )


def downgrade() -> None:
    op.drop_table("ho_reference")
    op.drop_table("ho_store_members")
    with op.batch_alter_table("ho_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ho_members_enrolled_by"))
