"""campaigns: a member list, an offer and a window, and whom each campaign targeted

Revision ID: 0017_campaigns
Revises: 0015_autotags_rules
Create Date: 2026-12-02

Adds ``campaigns`` (the source the list was taken from, the offer: a coupon template, a
stored-value bonus or points, the window, the state) and ``campaign_members`` (the members taken
on the creation day, and the coupon or ledger entry each was given). A store upgraded has no
campaign.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_campaigns"
down_revision: str | None = "0016_filters_member_lists"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("source_kind", sa.String(length=12), nullable=False),
        sa.Column("source_key", sa.String(length=40), nullable=False),
        sa.Column("source_label", sa.String(length=200), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("offer_kind", sa.String(length=10), nullable=False),
        sa.Column("coupon_template_id", sa.String(length=36), nullable=True),
        sa.Column("bonus_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("approver_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["coupon_template_id"],
            ["coupon_templates.id"],
            name=op.f("fk_campaigns_coupon_template_id_coupon_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("name", name=op.f("uq_campaigns_name")),
    )
    op.create_table(
        "campaign_members",
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("coupon_id", sa.String(length=36), nullable=True),
        sa.Column("entry_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaigns.id"], name=op.f("fk_campaign_members_campaign_id_campaigns")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_campaign_members_member_id_members")
        ),
        sa.PrimaryKeyConstraint("campaign_id", "member_id", name=op.f("pk_campaign_members")),
    )
    op.create_index(
        op.f("ix_campaign_members_member_id"), "campaign_members", ["member_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_campaign_members_member_id"), table_name="campaign_members")
    op.drop_table("campaign_members")
    op.drop_table("campaigns")
