"""pin lockouts: failures kept across locks, approvals counted apart, notices for the owner

Revision ID: 0006_pin_lockouts
Revises: 0005_upkeep_runs
Create Date: 2026-12-01 06:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_pin_lockouts"
down_revision: str | None = "0005_upkeep_runs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_lock_notices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.Column("seen_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_lock_notices_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_lock_notices")),
    )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("approval_failures", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("approval_locked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("approval_locked_until", sa.DateTime(), nullable=True))
    # A lock taken before this version has no start: app.pos.staff judges it by its end.


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("approval_locked_until")
        batch_op.drop_column("approval_locked_at")
        batch_op.drop_column("approval_failures")
        batch_op.drop_column("locked_at")
    op.drop_table("staff_lock_notices")
