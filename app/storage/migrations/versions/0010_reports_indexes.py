"""reports: covering indexes for sales reports over a range of business days

Revision ID: 0010_reports_indexes
Revises: 0009_analytics_indexes
Create Date: 2026-12-01

A sales report reads the orders of a range of business days and their lines. With these two
indexes SQLite answers both from the indexes alone (no table row is read), which halved the
year-long reports of ``bench/bench_reports.py``: ``ix_orders_report`` holds what the reports
group and sum of an order, ``ix_order_lines_report`` what they sum of a line.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010_reports_indexes"
down_revision: str | None = "0009_analytics_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDER_COLUMNS = [
    "business_day",
    "kind",
    "state",
    "id",
    "member_id",
    "cashier_id",
    "total_fen",
    "discount_fen",
    "created_at",
]
LINE_COLUMNS = ["order_id", "product_id", "qty_milli", "net_fen", "cost_fen"]


def upgrade() -> None:
    op.create_index("ix_orders_report", "orders", ORDER_COLUMNS)
    op.create_index("ix_order_lines_report", "order_lines", LINE_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_order_lines_report", table_name="order_lines")
    op.drop_index("ix_orders_report", table_name="orders")
