"""member tags: one row per tag of a member, so members are found by tag through an index

Revision ID: 0004_member_tags
Revises: 0003_receivable_members
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_member_tags"
down_revision: str | None = "0003_receivable_members"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: How tags were kept before: comma-separated in ``members.tags`` (the rule of
#: ``app.members.tags``, repeated here so this revision stays as it was written).
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_TAG_LENGTH = 20


def _keys(tags: str) -> set[str]:
    keys = set()
    for word in _SEPARATORS.split(unicodedata.normalize("NFKC", tags)):
        tag = word.strip().lstrip("#")
        if tag and len(tag) <= _TAG_LENGTH:
            keys.add(tag.casefold())
    return keys


def upgrade() -> None:
    op.create_table(
        "member_tags",
        sa.Column("tag_key", sa.String(length=20), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_tags_member_id_members")
        ),
        sa.PrimaryKeyConstraint("tag_key", "member_id", name=op.f("pk_member_tags")),
    )
    with op.batch_alter_table("member_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_tags_member_id"), ["member_id"], unique=False)
    connection = op.get_bind()
    tagged = connection.execute(sa.text("SELECT id, tags FROM members WHERE tags != ''"))
    rows = [
        {"tag_key": key, "member_id": member_id}
        for member_id, tags in tagged
        for key in sorted(_keys(tags))
    ]
    if rows:
        connection.execute(
            sa.text("INSERT INTO member_tags (tag_key, member_id) VALUES (:tag_key, :member_id)"),
            rows,
        )


def downgrade() -> None:
    with op.batch_alter_table("member_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_tags_member_id"))
    op.drop_table("member_tags")
