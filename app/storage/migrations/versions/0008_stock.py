"""stock: receivings, supplier returns and counts, the stock's value at cost, sale line costs

Revision ID: 0008_stock
Revises: 0007_sync_members
Create Date: 2026-12-01

Adds ``products.stock_value_fen`` (what the stock on hand cost, at moving average) and
``products.reorder_point_milli``, ``stock_moves.value_fen`` (each move's change of that value),
``stock_moves.document_id`` and ``actor_id``, the ``stock_documents`` table, and
``order_lines.cost_fen``. A product's value starts as its stock times its cost (进价), rounded
half away from zero to the fen, and is written as one move of no quantity (reason
``opening_value``) so that the value stays the sum of the moves. Lines sold before keep no cost
(NULL): nobody knew it then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
import uuid6
from alembic import op

revision: str = "0008_stock"
down_revision: str | None = "0007_sync_members"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPENING_VALUE_REASON = "opening_value"
_MILLI = 1000


def _round_half_up(numerator: int, denominator: int) -> int:
    sign = -1 if numerator < 0 else 1
    quotient, remainder = divmod(abs(numerator), denominator)
    return sign * (quotient + (1 if remainder * 2 >= denominator else 0))


def upgrade() -> None:
    op.create_table(
        "stock_documents",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "receive",
                "supplier_return",
                "count",
                name="stockdocumentkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("supplier", sa.String(length=80), nullable=True),
        sa.Column("note", sa.String(length=80), nullable=True),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("approver_id", sa.String(length=36), nullable=True),
        sa.Column("value_fen", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff.id"], name=op.f("fk_stock_documents_actor_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"], ["staff.id"], name=op.f("fk_stock_documents_approver_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_documents")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("stock_value_fen", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("reorder_point_milli", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("value_fen", sa.BigInteger(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("document_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("actor_id", sa.String(length=36), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_stock_moves_document_id"), ["document_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_stock_moves_document_id_stock_documents"),
            "stock_documents",
            ["document_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_stock_moves_actor_id_staff"), "staff", ["actor_id"], ["id"]
        )
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cost_fen", sa.BigInteger(), nullable=True))

    connection = op.get_bind()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    products = connection.execute(
        sa.text(
            "SELECT id, stock_milli, cost_fen FROM products"
            " WHERE stock_milli != 0 AND cost_fen IS NOT NULL"
        )
    ).all()
    opening = [
        {
            "id": str(uuid6.uuid7()),
            "product_id": product_id,
            "value_fen": _round_half_up(stock_milli * cost_fen, _MILLI),
            "reason": _OPENING_VALUE_REASON,
            "created_at": now,
        }
        for product_id, stock_milli, cost_fen in products
    ]
    opening = [move for move in opening if move["value_fen"]]
    if opening:
        connection.execute(
            sa.text(
                "INSERT INTO stock_moves (id, product_id, delta_milli, value_fen, reason,"
                " created_at) VALUES (:id, :product_id, 0, :value_fen, :reason, :created_at)"
            ),
            opening,
        )
        connection.execute(
            sa.text("UPDATE products SET stock_value_fen = :value_fen WHERE id = :product_id"),
            [{"product_id": m["product_id"], "value_fen": m["value_fen"]} for m in opening],
        )


def downgrade() -> None:
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("cost_fen")
    op.execute(sa.text("DELETE FROM stock_moves WHERE reason = 'opening_value'"))
    with op.batch_alter_table("stock_moves", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_stock_moves_actor_id_staff"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_stock_moves_document_id_stock_documents"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_stock_moves_document_id"))
        batch_op.drop_column("actor_id")
        batch_op.drop_column("document_id")
        batch_op.drop_column("value_fen")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("reorder_point_milli")
        batch_op.drop_column("stock_value_fen")
    op.drop_table("stock_documents")
