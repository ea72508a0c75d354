"""receivables owed by a member: receivables.member_id

Revision ID: 0003_receivable_members
Revises: 0002
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_receivable_members"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: every receivable written before this one stays a named customer's.
    with op.batch_alter_table("receivables", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_receivables_member_id"), ["member_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_receivables_member_id_members"), "members", ["member_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("receivables", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_receivables_member_id_members"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_receivables_member_id"))
        batch_op.drop_column("member_id")
