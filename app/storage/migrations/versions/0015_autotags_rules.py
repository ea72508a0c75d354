"""autotags: automatic tag rules and the tags the daily job sets by them

Revision ID: 0015_autotags_rules
Revises: 0013_promosync_origin
Create Date: 2026-12-01

Adds ``auto_tag_rules`` (a tag and its conditions: sex, age, level, time of day, average ticket,
visits in a window) and ``member_auto_tags`` (what the daily job set; tags typed by hand stay in
``member_tags``). A store upgraded has no rules, so no member gets an automatic tag.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_autotags_rules"
down_revision: str | None = "0013_promosync_origin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auto_tag_rules",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("tag", sa.String(length=20), nullable=False),
        sa.Column("sex", sa.String(length=8), nullable=True),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("card_type_ids", sa.Text(), nullable=False),
        sa.Column("hour_from", sa.Integer(), nullable=True),
        sa.Column("hour_to", sa.Integer(), nullable=True),
        sa.Column("ticket_min_fen", sa.BigInteger(), nullable=True),
        sa.Column("ticket_max_fen", sa.BigInteger(), nullable=True),
        sa.Column("visits_min", sa.Integer(), nullable=True),
        sa.Column("visits_max", sa.Integer(), nullable=True),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auto_tag_rules")),
    )
    op.create_table(
        "member_auto_tags",
        sa.Column("tag_key", sa.String(length=20), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("tag", sa.String(length=20), nullable=False),
        sa.Column("rule_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_auto_tags_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["auto_tag_rules.id"], name=op.f("fk_member_auto_tags_rule_id_auto_tag_rules")
        ),
        sa.PrimaryKeyConstraint("tag_key", "member_id", name=op.f("pk_member_auto_tags")),
    )
    op.create_index(
        op.f("ix_member_auto_tags_member_id"), "member_auto_tags", ["member_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_member_auto_tags_member_id"), table_name="member_auto_tags")
    op.drop_table("member_auto_tags")
    op.drop_table("auto_tag_rules")
