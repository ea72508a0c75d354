"""filters: saved member lists, and the lunar months the member filters convert birthdays with

Revision ID: 0016_filters_member_lists
Revises: 0015_autotags_rules
Create Date: 2026-12-02

Adds ``member_lists`` (a named filter kept as JSON, run again whenever the list is opened) and
``lunar_months``: every month of the lunar years 1900-2099 with its first solar day, written here
from ``app.members.calendar`` (the one place lunar dates are computed, corrections included), so
the filters find a solar birthday's 生肖 and a lunar birthday's 星座 in SQL. A store upgraded has
no saved list.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_filters_member_lists"
down_revision: str | None = "0015_autotags_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.members.calendar import FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR, lunar_months

    op.create_table(
        "member_lists",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_lists")),
        sa.UniqueConstraint("name", name=op.f("uq_member_lists_name")),
    )
    months = op.create_table(
        "lunar_months",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("month", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("leap", sa.Boolean(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "month", "leap", name=op.f("pk_lunar_months")),
    )
    op.bulk_insert(
        months,
        [
            {
                "year": m.year,
                "month": m.month,
                "leap": m.leap,
                "first_day": m.start,
                "days": m.days,
            }
            for year in range(FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR + 1)
            for m in lunar_months(year)
        ],
    )


def downgrade() -> None:
    op.drop_table("lunar_months")
    op.drop_table("member_lists")
