"""The rows of a generated history, held to what the counter's own writes make: each payload the
text ``order_payload`` and ``json.dumps`` make of its order's rows, moments in the counter's
column format, every order's parts agreeing with its audit line and outbox event."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import load_config
from app.pos.cross_checks import ORDER_EVENTS, cross_check
from app.pos.demo_builder import StoreState, _Builder
from app.pos.demo_history import generate_history
from app.pos.order_rows import order_payload, row_values
from app.pos.store_start import open_store
from app.storage.audit import DETAIL_JSON
from app.storage.base import sql_moment
from app.storage.database import Database
from app.storage.models import AuditRow, OrderLineRow, OrderRow, OutboxRow, PaymentRow

#: ``UTCDateTime`` on SQLite, as SQLAlchemy writes it for the counter's own rows.
COUNTER_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
#: The generated tables' moment columns.
MOMENT_COLUMNS = (
    ("orders", "created_at"),
    ("stock_moves", "created_at"),
    ("stock_documents", "created_at"),
    ("member_spend_entries", "created_at"),
    ("points_entries", "created_at"),
    ("stored_value_entries", "created_at"),
    ("coupons", "created_at"),
    ("coupons", "used_at"),
    ("outbox", "created_at"),
    ("audit_log", "at"),
    ("members", "created_at"),
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    config = load_config(tmp_path_factory.mktemp("history"))
    db = open_store(config)
    try:
        generate_history(db, config, members=400, days=90, seed=11, today=dt.date(2026, 11, 28))
        yield db
    finally:
        db.dispose()


def test_every_order_agrees_with_its_lines_payments_audit_line_and_event(store: Database) -> None:
    with store.reading() as session:
        assert cross_check(session) == []


def test_every_payload_is_the_text_the_counter_writes_of_its_orders_rows(store: Database) -> None:
    with store.reading() as session:
        orders = {row.id: row for row in session.scalars(select(OrderRow))}
        lines = _by_order(session, OrderLineRow, OrderLineRow.line_no)
        payments = _by_order(session, PaymentRow, PaymentRow.seq)
        events = session.scalars(select(OutboxRow).where(OutboxRow.type.in_(ORDER_EVENTS))).all()
        assert len(events) == len(orders) > 0
        kinds = set()
        for event in events:
            sent = json.loads(event.payload)
            order = row_values(orders[sent["order_id"]])
            order["state"] = sent["state"]  # a sale refunded later was paid when it was sent
            expected = order_payload(
                order,
                lines.get(order["id"], []),
                payments.get(order["id"], []),
                sent["ledger_entries"],
            )
            assert event.payload == DETAIL_JSON(expected), event.payload
            assert event.created_at == order["created_at"]
            kinds.add((event.type, bool(sent["ledger_entries"]), bool(sent["lines"])))
    # sales with and without a member's ledger, refunds and top-ups were all compared
    assert {("SalePaid", True, True), ("SalePaid", False, True)} <= kinds
    assert {("SaleRefunded", True, True), ("TopUpPaid", True, False)} <= kinds


def test_every_audit_detail_is_the_text_the_counter_writes(store: Database) -> None:
    with store.reading() as session:
        details = session.execute(select(AuditRow.action, AuditRow.detail)).all()
    actions = {action for action, _ in details}
    assert {"sale.paid", "sale.refunded", "top_up.paid", "stock.received"} <= actions
    for _, detail in details:
        assert detail == DETAIL_JSON(json.loads(detail))


def test_moments_are_stored_as_the_counters_own_writes_store_them(store: Database) -> None:
    with store.reading() as session:
        connection = session.connection()
        # written by the counter's own code (the staff, through the ORM): the format to match
        staff = connection.exec_driver_sql("SELECT created_at FROM staff").scalars().all()
        assert staff and all(COUNTER_MOMENT.fullmatch(text) for text in staff)
        for table, column in MOMENT_COLUMNS:
            found = connection.exec_driver_sql(
                f"SELECT {column}, COUNT(*) FROM {table} WHERE {column} IS NOT NULL"
                f" GROUP BY {column}"
            ).all()
            assert found, (table, column)
            wrong = [text for text, _ in found if not COUNTER_MOMENT.fullmatch(text)]
            assert wrong == [], (table, column, wrong[:3])
        days = connection.exec_driver_sql("SELECT DISTINCT business_day FROM orders").scalars()
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", day) for day in days)


def test_receipt_numbers_are_gapless_per_day_and_the_sequences_say_the_last(
    store: Database,
) -> None:
    with store.reading() as session:
        connection = session.connection()
        numbers: dict[str, list[int]] = {}
        for day, receipt_no in connection.exec_driver_sql(
            "SELECT business_day, receipt_no FROM orders"
        ):
            numbers.setdefault(day, []).append(int(receipt_no.rsplit("-", 1)[1]))
        last = dict(
            connection.exec_driver_sql("SELECT business_day, last_no FROM receipt_sequences").all()
        )
    assert len(numbers) == 90
    for day, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), day
        assert last[day] == len(found)


def _by_order(
    session: Session, row_type: type[OrderLineRow] | type[PaymentRow], order_by: object
) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for row in session.scalars(select(row_type).order_by(order_by)):  # type: ignore[arg-type]
        found.setdefault(row.order_id, []).append(row_values(row))
    return found


#: A UUID in any text: the ids are new at every run, the history they name is not.
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _history(data_dir: Path, seed: int) -> dict[str, list[tuple[object, ...]]]:
    """A generated history as plain rows, every id masked."""
    config = load_config(data_dir)
    db = open_store(config)
    try:
        generate_history(db, config, members=150, days=40, seed=seed, today=dt.date(2026, 6, 1))
        with db.reading() as session:
            connection = session.connection()
            queries = {
                "orders": "SELECT o.receipt_no, o.business_day, o.kind, o.state, m.card_no,"
                " o.subtotal_fen, o.discount_fen, o.total_fen, o.created_at FROM orders o"
                " LEFT JOIN members m ON m.id = o.member_id ORDER BY o.receipt_no",
                "lines": "SELECT o.receipt_no, l.line_no, l.name, l.qty_milli, l.gross_fen,"
                " l.net_fen, l.cost_fen, l.refunded_qty_milli FROM order_lines l"
                " JOIN orders o ON o.id = l.order_id ORDER BY o.receipt_no, l.line_no",
                "members": "SELECT card_no, name, phone, sex, birthday_key, joined_on,"
                " principal_fen, bonus_fen, points, total_spend_fen, visit_count, last_visit_on"
                " FROM members ORDER BY card_no",
                "stock": "SELECT p.code, COUNT(*), SUM(s.delta_milli), SUM(s.value_fen)"
                " FROM stock_moves s JOIN products p ON p.id = s.product_id"
                " WHERE s.reason != 'opening' GROUP BY p.code ORDER BY p.code",
                "events": "SELECT seq, type, payload, created_at FROM outbox ORDER BY seq",
                "audit": "SELECT action, at, detail FROM audit_log WHERE action IN"
                " ('sale.paid', 'sale.refunded', 'top_up.paid', 'stock.received') ORDER BY seq",
            }
            return {
                name: [
                    tuple(UUID.sub("<id>", v) if isinstance(v, str) else v for v in row)
                    for row in connection.exec_driver_sql(query)
                ]
                for name, query in queries.items()
            }
    finally:
        db.dispose()


def test_the_same_seed_makes_the_same_history(tmp_path: Path) -> None:
    first = _history(tmp_path / "a", seed=4)
    assert all(first.values()), {name: len(rows) for name, rows in first.items()}
    assert first == _history(tmp_path / "b", seed=4)
    other = _history(tmp_path / "c", seed=5)
    assert other["orders"] != first["orders"] and other["members"] != first["members"]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "Australia/Lord_Howe"])
def test_the_builders_moments_are_the_zones_and_stored_as_sql_moment_writes_them(
    zone: str,
) -> None:
    state = StoreState(
        "S001",
        "01",
        zone,
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        ["c"],
        "m",
        ("t", 1, 1),
        "coupon",
        [],
        0,
        1,
        0,
        "0" * 64,
        None,
    )
    builder = _Builder(state, seed=1)
    # ordinary days and each zone's clock changes (New York 8 Mar / 1 Nov, Lord Howe 5 Apr)
    for day in (
        dt.date(2026, 3, 8),
        dt.date(2026, 4, 5),
        dt.date(2026, 11, 1),
        dt.date(2026, 6, 1),
    ):
        clock = builder._clock(day)
        for minute in (0, 1, 59, 419, 839):
            local = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(minutes=minute)
            moment = local.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)
            assert clock(minute) == (sql_moment(moment), moment.isoformat())
            assert builder._when(day, minute) == clock(minute)
