"""``xvfb-run -a python -m bench.reports_screenshots [OUT_DIR]``: pictures of the 报表 screen.

A demo store is given sixty days of sales (bulk-inserted like the reports bench: demo products
at their prices and costs, the demo cashiers, cash, WeChat, Alipay, bank card and stored value,
a third of them by demo members, a few refunds and voids), then the screen is shown at 今天 and
over the last thirty days and each picture saved as a PNG (default: docs/screens/). Needs a CJK font
(fonts-wqy-microhei on Debian), or the Chinese comes out as boxes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

DAYS = 60
SALES_PER_DAY = 40
SEED = 5
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "screens"
METHODS = ("cash", "cash", "wechat", "wechat", "alipay", "bank_card")


def _id(moment: dt.datetime, rng: random.Random) -> str:
    ms = int(moment.timestamp() * 1000)
    value = (ms << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    return str(uuid.UUID(int=value | rng.getrandbits(62)))


def add_history(path: Path, today: dt.date) -> None:
    """Sixty days of sales up to ``today`` in the demo store at ``path``."""
    rng = random.Random(SEED)
    connection = sqlite3.connect(path, isolation_level=None)
    products = connection.execute(
        "SELECT id, name, unit, price_fen, COALESCE(cost_fen, price_fen * 6 / 10) FROM products"
        " WHERE active = 1 AND by_weight = 0"
    ).fetchall()
    staff = [row[0] for row in connection.execute("SELECT id FROM staff")]
    members = [row[0] for row in connection.execute("SELECT id FROM members")]
    connection.execute("BEGIN")
    number = 0
    for back in range(DAYS - 1, -1, -1):
        day = today - dt.timedelta(days=back)
        weekend = day.weekday() >= 5
        for _ in range(SALES_PER_DAY + (20 if weekend else 0) + rng.randint(-8, 8)):
            number += 1
            hour = rng.choices(range(8, 22), weights=[1, 2, 3, 4, 3, 2, 2, 3, 4, 6, 7, 5, 3, 2])[0]
            moment = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)))
            moment = moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))).astimezone(dt.UTC)
            at = f"{moment:%Y-%m-%d %H:%M:%S}.000000"
            order_id = _id(moment, rng)
            member = rng.choice(members) if members and rng.random() < 0.35 else None
            state = "voided" if rng.random() < 0.01 else "paid"
            total = 0
            chosen = rng.sample(products, rng.randint(1, 4))
            for line_no, (product_id, name, unit, price, cost) in enumerate(chosen, 1):
                qty = rng.choice((1, 1, 1, 2, 3))
                net = price * qty
                total += net
                connection.execute(
                    "INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit,"
                    " qty_milli, list_price_fen, unit_price_fen, gross_fen, line_discount_fen,"
                    " order_share_fen, net_fen, refunded_qty_milli, refunded_fen, cost_fen)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0, 0, ?)",
                    (
                        _id(moment, rng),
                        order_id,
                        line_no,
                        product_id,
                        name,
                        unit,
                        qty * 1000,
                        price,
                        price,
                        net,
                        net,
                        int(cost) * qty,
                    ),
                )
            connection.execute(
                "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
                " member_id, subtotal_fen, discount_fen, rounding_fen, total_fen, change_fen,"
                " created_at) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, 0, 0, ?, 0, ?)",
                (
                    order_id,
                    f"S001-01-{day:%Y%m%d}-H{number:04d}",
                    day.isoformat(),
                    state,
                    rng.choice(staff),
                    member,
                    total,
                    total,
                    at,
                ),
            )
            if state == "paid" and rng.random() < 0.02:  # one piece of the first line back
                product_id, name, unit, price, cost = chosen[0]
                refund_id = _id(moment + dt.timedelta(minutes=30), rng)
                connection.execute(
                    "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
                    " approver_id, original_order_id, member_id, subtotal_fen, discount_fen,"
                    " rounding_fen, total_fen, change_fen, order_discount_label, created_at)"
                    " VALUES (?, ?, ?, 'refund', 'paid', ?, ?, ?, ?, ?, 0, 0, ?, 0, '质量问题', ?)",
                    (
                        refund_id,
                        f"S001-01-{day:%Y%m%d}-R{number:04d}",
                        day.isoformat(),
                        rng.choice(staff),
                        staff[-1],
                        order_id,
                        member,
                        price,
                        price,
                        at,
                    ),
                )
                connection.execute(
                    "INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit,"
                    " qty_milli, list_price_fen, unit_price_fen, gross_fen, line_discount_fen,"
                    " order_share_fen, net_fen, refunded_qty_milli, refunded_fen, cost_fen)"
                    " VALUES (?, ?, 1, ?, ?, ?, 1000, ?, ?, ?, 0, 0, ?, 0, 0, ?)",
                    (
                        _id(moment, rng),
                        refund_id,
                        product_id,
                        name,
                        unit,
                        price,
                        price,
                        price,
                        price,
                        int(cost),
                    ),
                )
                connection.execute(
                    "INSERT INTO payments (id, order_id, seq, method, amount_fen, tendered_fen)"
                    " VALUES (?, ?, 1, 'cash', ?, ?)",
                    (_id(moment, rng), refund_id, -price, -price),
                )
            method = "stored_value" if member and rng.random() < 0.4 else rng.choice(METHODS)
            connection.execute(
                "INSERT INTO payments (id, order_id, seq, method, amount_fen, tendered_fen)"
                " VALUES (?, ?, 1, ?, ?, ?)",
                (_id(moment, rng), order_id, method, total, total),
            )
    connection.execute("COMMIT")
    connection.close()


def main(out: Path) -> int:
    os.environ.setdefault("POS_PRINTER_URI", "dummy:")
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    from app.bootstrap import build
    from app.ui import i18n
    from app.ui.application import apply_look
    from app.ui.reports_screen import ReportsScreen

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_look(app)
    i18n.install(i18n.CHINESE)
    with tempfile.TemporaryDirectory() as directory:
        counter = build(Path(directory), seed_demo=True)
        try:
            add_history(counter.config.database_path, counter.service.today())
            session: Any = SimpleNamespace(service=counter.service)
            viewer = counter.service.staff_list()[0]
            screen = ReportsScreen(None, session, viewer)  # type: ignore[arg-type]
            screen.resize(1280, 860)
            screen.show()
            tabs = screen.findChild(QTabWidget, "reportsTabs")
            assert tabs is not None
            today = counter.service.today()
            shots = [
                ("reports-overview-one-day.png", None, None),
                ("reports-overview-30-days.png", today - dt.timedelta(days=29), "overviewTab"),
                ("reports-by-product.png", None, "by_productTab"),
                ("reports-by-hour.png", None, "by_hourTab"),
                ("reports-refunds-and-voids.png", None, "refunds_and_voidsTab"),
            ]
            for name, first, tab_name in shots:
                if first is not None:
                    screen.choose(first, today)
                if tab_name is not None:
                    tab = screen.findChild(QWidget, tab_name)
                    assert tab is not None
                    tabs.setCurrentWidget(tab)
                for _ in range(5):
                    app.processEvents()
                screen.grab().save(str(out / name))
                print(out / name)
            screen.close()
        finally:
            counter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
