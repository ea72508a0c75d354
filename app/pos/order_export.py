"""``export-orders``: every order of a range of business days as one CSV row, for the owner's own
analysis (the columns are a contract: ``receipt_no,business_day,occurred_at,kind,card_no,total,
items,promo``).

- ``kind`` is the order's kind (``sale``, ``refund``, ``top_up``, ``count_card``,
  ``membership_fee``), except that a voided sale is ``void``: it never counted.
- ``total`` and ``items`` are in yuan with two decimals and in pieces (a weighed line is one
  piece); a refund's are negative, so a column's sum over sales and refunds is the net.
- ``promo`` is 1 when the sale had a line discount (单品折扣), an order discount (整单折扣) or
  a coupon; a refund takes its sale's. Promotions recorded on lines later will join this rule.
- ``occurred_at`` is the moment in the store's time zone, ISO 8601 with its offset.

The file is written under a temporary name and renamed when whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import zoneinfo
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.money import format_fen
from app.pos.report_files import EXPORT_CSV_ENCODING, ReportFileError
from app.storage.whole_files import whole_file

COLUMNS = (
    "receipt_no",
    "business_day",
    "occurred_at",
    "kind",
    "card_no",
    "total",
    "items",
    "promo",
)

#: Sales sold on a promotion: what the lines and the order record today.
PROMO_SALES = """
SELECT order_id FROM order_lines
WHERE line_discount_fen > 0 OR discount_label IS NOT NULL OR promotion_ids IS NOT NULL
UNION SELECT id FROM orders WHERE kind = 'sale' AND order_discount_label IS NOT NULL
UNION SELECT used_order_id FROM coupons WHERE used_order_id IS NOT NULL
"""

_ORDERS = f"""
WITH promo AS ({PROMO_SALES}),
items AS (
    SELECT l.order_id AS order_id,
           SUM(CASE WHEN p.by_weight OR l.qty_milli % 1000 <> 0 THEN 1
                    ELSE l.qty_milli / 1000 END) AS pieces
    FROM order_lines AS l JOIN products AS p ON p.id = l.product_id
    GROUP BY l.order_id
)
SELECT o.receipt_no, o.business_day, o.created_at,
       CASE WHEN o.kind = 'sale' AND o.state = 'voided' THEN 'void' ELSE o.kind END,
       COALESCE(m.card_no, ''),
       CASE o.kind WHEN 'refund' THEN -o.total_fen ELSE o.total_fen END,
       CASE o.kind WHEN 'refund' THEN -COALESCE(i.pieces, 0) ELSE COALESCE(i.pieces, 0) END,
       CASE WHEN COALESCE(o.original_order_id, o.id) IN (SELECT order_id FROM promo)
            THEN 1 ELSE 0 END
FROM orders AS o
LEFT JOIN members AS m ON m.id = o.member_id
LEFT JOIN items AS i ON i.order_id = o.id
WHERE o.business_day BETWEEN :first AND :last
ORDER BY o.created_at, o.receipt_no
"""


def _local_moment(stored: str, zone: zoneinfo.ZoneInfo) -> str:
    moment = dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)
    return moment.astimezone(zone).isoformat(timespec="seconds")


def export_orders(
    session: Session,
    path: Path,
    *,
    first: dt.date | None,
    last: dt.date | None,
    timezone: str,
) -> int:
    """Write the orders of business days ``first`` to ``last`` (open ends: all); rows written."""
    zone = zoneinfo.ZoneInfo(timezone)
    params = {
        "first": (first or dt.date.min).isoformat(),
        "last": (last or dt.date.max).isoformat(),
    }
    count = 0
    try:
        with (
            whole_file(path) as partial,
            partial.open("w", encoding=EXPORT_CSV_ENCODING, newline="") as handle,
        ):
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            for receipt, day, at, kind, card, total, items, promo in session.execute(
                text(_ORDERS), params
            ):
                writer.writerow(
                    [
                        receipt,
                        day,
                        _local_moment(str(at), zone),
                        kind,
                        card,
                        format_fen(int(total)),
                        int(items),
                        int(promo),
                    ]
                )
                count += 1
    except OSError as exc:
        raise ReportFileError("无法写入文件 %1：%2", path.name, exc.strerror or str(exc)) from exc
    return count
