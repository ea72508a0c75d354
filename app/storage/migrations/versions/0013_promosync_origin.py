"""promosync: where a promotion rule comes from (this counter or the head office)

Revision ID: 0013_promosync_origin
Revises: 0011_promotions
Create Date: 2026-12-01

Adds ``promotions.origin``: ``local`` for a rule a manager made here, ``headoffice`` for one a
pull brought (a manager here sees it but cannot change it). Every rule before was made here.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_promosync_origin"
down_revision: str | None = "0011_promotions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=12), nullable=False, server_default="local")
        )


def downgrade() -> None:
    with op.batch_alter_table("promotions", schema=None) as batch_op:
        batch_op.drop_column("origin")
