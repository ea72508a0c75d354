"""A made-up store history for trying the member analytics: ``python main.py demo --members N
--days D [--seed S]`` on an empty data directory.

Members join over the window; each has a habit (a usual gap between visits, a usual ticket, a
liking for promotions, whether they keep stored value) and may drift away; walk-in customers buy
beside them. Sales have lines (some discounted as a promotion, some orders paid partly with a
coupon), refunds come a few days after a sale, members top up their cards and pay with them.

Everything goes in by bulk inserts into the real tables, consistent the way the counter's own
writes are: each order's total is its lines' and its payments' sum, has its audit line and its
outbox event; each member's cached balances are the sums of their ledger entries; stock on hand
and its value are the sums of their moves (goods are received when a product runs low). So
``verify-audit`` passes on the result. Day by day, in time order, receipt numbers gapless per day.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Config
from app.errors import KnownError
from app.members.card_types import ensure_default_card_type
from app.members.coupons import CouponKind, CouponTerms, create_template
from app.pos import demo_builder
from app.pos.demo import DEMO_ACCOUNTS, is_empty
from app.pos.demo_builder import (
    COUPON_LABEL,
    COUPON_OFF_FEN,
    COUPON_THRESHOLD_FEN,
    HISTORY_ACTOR,
    LINE_COLUMNS,
    ORDER_COLUMNS,
    PAYMENT_COLUMNS,
    Rows,
    StoreState,
)
from app.pos.demo_catalog import seed_demo_catalog
from app.pos.sales_totals import made_after_bulk_load
from app.pos.staff import add_staff
from app.storage import audit
from app.storage.base import Base
from app.storage.database import Database
from app.storage.member_models import CardTypeRow
from app.storage.models import OutboxRow, ProductRow, Role, StaffRow
from app.storage.outbox import EVENT_SCHEMA_VERSION


class HistoryRefused(KnownError):
    """The history is written only into an empty data directory, with sensible sizes."""


@dataclasses.dataclass(frozen=True)
class HistoryReport:
    members: int
    orders: int
    lines: int
    refunds: int
    top_ups: int
    first_day: dt.date
    last_day: dt.date


def _insert(table: str, columns: str) -> str:
    names = [c.strip() for c in columns.split(",")]
    assert all(n in Base.metadata.tables[table].columns for n in names), table
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


_MEMBER_INSERT = (
    "INSERT INTO members (id, card_no, name, phone, sex, birthday_calendar, birthday_year,"
    " birthday_month, birthday_day, birthday_key, joined_on, card_type_id, level_since,"
    " principal_fen, bonus_fen, points, total_spend_fen, visit_count, last_visit_on, tags, note,"
    " home_store, status, password_failures, birthday_leap, birthday_prefer_leap, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, NULL, '', '', '', 'active',"
    " 0, 0, 0, ?)"
)
_CARD_INSERT = (
    "INSERT INTO member_cards (id, member_id, card_no, status, issued_on, reason)"
    " VALUES (?, ?, ?, 'active', ?, '')"
)
_SQL = {
    "orders": _insert("orders", ORDER_COLUMNS),
    "lines": _insert("order_lines", LINE_COLUMNS),
    "payments": _insert("payments", PAYMENT_COLUMNS),
    "moves": _insert(
        "stock_moves",
        "id, product_id, delta_milli, value_fen, reason, order_id, document_id, actor_id,"
        " created_at",
    ),
    "documents": _insert(
        "stock_documents",
        "id, kind, supplier, note, actor_id, approver_id, value_fen, created_at",
    ),
    "spend": _insert(
        "member_spend_entries",
        "id, member_id, kind, spend_delta, visits_delta, order_id, reason, actor_id,"
        " approver_id, business_day, created_at",
    ),
    "points": _insert(
        "points_entries",
        "id, member_id, kind, delta, balance_after, base_fen, expires_on, order_id,"
        " related_entry_id, reason, actor_id, approver_id, business_day, created_at",
    ),
    "stored": _insert(
        "stored_value_entries",
        "id, member_id, kind, principal_delta, bonus_delta, principal_after, bonus_after,"
        " order_id, related_entry_id, reason, actor_id, approver_id, business_day, created_at",
    ),
    "coupons": _insert(
        "coupons",
        "id, code, template_id, member_id, status, valid_from, valid_to, used_order_id,"
        " used_at, discount_fen, issued_reason, created_at",
    ),
    "events": (
        "INSERT INTO outbox (seq, id, type, schema_version, payload, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
    ),
    "refund_updates": (
        "UPDATE order_lines SET refunded_qty_milli = ?, refunded_fen = ? WHERE id = ?"
    ),
    "refunded_orders": "UPDATE orders SET state = 'refunded' WHERE id = ?",
    "sequences": "INSERT INTO receipt_sequences (business_day, last_no) VALUES (?, ?)",
}


#: The tables the history fills: their plain (not unique) indexes are built once at the end,
#: which is several times faster than keeping them up to date row by row.
_BULK_TABLES = (
    "orders",
    "order_lines",
    "payments",
    "stock_moves",
    "member_spend_entries",
    "points_entries",
    "stored_value_entries",
    "coupons",
    "audit_log",
    "outbox",
)


def _drop_bulk_indexes(session: Session) -> list[str]:
    """Drop the plain indexes of the bulk tables; the statements that make them again."""
    driver: Any = session.connection().connection.driver_connection
    found = driver.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND sql NOT LIKE 'CREATE UNIQUE%'"
        f" AND tbl_name IN ({', '.join('?' * len(_BULK_TABLES))})",
        _BULK_TABLES,
    ).fetchall()
    for name, _ in found:
        driver.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def is_unused_store(path: Path) -> bool:
    """A database with no staff and no order: a store made and never used, or the empty store a
    history killed before its commit leaves (its hot journal played back by this connection).
    Read with plain sqlite3, so a store in use is refused without being migrated or touched."""
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            return not any(
                connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                for table in ("staff", "orders", "members")
            )
    except sqlite3.Error:
        return False  # not a store this program made: left to the usual refusal


def check_sizes(members: int, days: int) -> None:
    if members < 1 or members > 5_000_000:
        raise HistoryRefused("会员数应在 1 到 5000000 之间")
    if days < 1 or days > 3660:
        raise HistoryRefused("天数应在 1 到 3660 之间")


def seed_store(session: Session) -> None:
    """The demo store's staff, catalog and coupon, through the ordinary code (audited)."""
    if not is_empty(session):
        raise HistoryRefused("数据目录中已有数据：演示历史只能写入空的数据目录")
    for account in DEMO_ACCOUNTS:
        add_staff(session, account.name, account.role, account.pin)
    seed_demo_catalog(session)
    ensure_default_card_type(session)
    create_template(
        session,
        COUPON_LABEL,
        CouponTerms(CouponKind.AMOUNT_OFF, COUPON_OFF_FEN, COUPON_THRESHOLD_FEN),
        valid_days=30,
        actor_id=HISTORY_ACTOR,
        approver_id=HISTORY_ACTOR,
    )


def generate_history(
    db: Database,
    config: Config,
    *,
    members: int,
    days: int,
    seed: int,
    today: dt.date,
    progress: Callable[[str], None] = lambda _: None,
) -> HistoryReport:
    """Seed the store and write ``days`` days of history ending yesterday (``today`` - 1).

    The rows are made in a second process (:func:`app.pos.demo_builder.build`) while this one
    writes those it has got: on two cores the building and the writing overlap. The builder
    draws every random number, so the same seed makes the same history."""
    check_sizes(members, days)
    with _generating(db) as session:
        seed_store(session)
        state = _store_state(session, config, today - dt.timedelta(days=days), today)
        return _write_history(session, state, members, seed, progress)


def _store_state(session: Session, config: Config, first: dt.date, today: dt.date) -> StoreState:
    staff = dict(session.execute(select(StaffRow.role, StaffRow.id)).tuples().all())
    chain = audit.chain_end(session)
    card_type = session.execute(
        select(CardTypeRow.id, CardTypeRow.points_num, CardTypeRow.points_den).where(
            CardTypeRow.is_default
        )
    ).one()
    products = session.execute(
        select(
            ProductRow.id,
            ProductRow.name,
            ProductRow.code,
            ProductRow.unit,
            ProductRow.price_fen,
            ProductRow.cost_fen,
            ProductRow.stock_milli,
            ProductRow.stock_value_fen,
        )
        .where(ProductRow.by_weight.is_(False), ProductRow.active.is_(True))
        .order_by(ProductRow.code)
    ).all()
    return StoreState(
        store_code=config.store_code,
        counter_no=config.counter_no,
        timezone=config.timezone,
        first=first,
        last=today - dt.timedelta(days=1),
        cashiers=list(session.scalars(select(StaffRow.id))),
        manager=staff[Role.MANAGER],
        card_type=(card_type[0], card_type[1], card_type[2]),
        coupon_template=str(session.scalar(select(Base.metadata.tables["coupon_templates"].c.id))),
        products=[
            (p[0], p[1], p[2], p[3], p[4], p[5] or p[4] * 6 // 10, p[6], p[7]) for p in products
        ],
        outbox_seq=session.scalar(select(func.coalesce(func.max(OutboxRow.seq), 0))) or 0,
        event_schema_version=EVENT_SCHEMA_VERSION,
        audit_seq=chain.seq,
        audit_hash=chain.hash,
        audit_secret=chain.secret,
    )


class HistoryFailed(KnownError):
    """The process building the rows stopped: nothing of the history was written."""


def _write_history(
    session: Session,
    state: StoreState,
    count: int,
    seed: int,
    progress: Callable[[str], None],
) -> HistoryReport:
    """Write what the builder sends, in the caller's one transaction: all of it or nothing;
    the reports' sales totals made once at the end (their triggers dropped while it lasts)."""
    driver: Any = session.connection().connection.driver_connection
    with made_after_bulk_load(driver):
        counts = _load_rows(session, driver, state, count, seed, progress)
    orders, lines, refunds, top_ups = counts
    audit.record(
        session,
        "demo.history",
        actor_id=HISTORY_ACTOR,
        detail={
            "members": count,
            "orders": orders,
            "lines": lines,
            "from": state.first.isoformat(),
            "to": state.last.isoformat(),
        },
    )
    return HistoryReport(
        members=count,
        orders=orders,
        lines=lines,
        refunds=refunds,
        top_ups=top_ups,
        first_day=state.first,
        last_day=state.last,
    )


def _load_rows(
    session: Session,
    driver: Any,
    state: StoreState,
    count: int,
    seed: int,
    progress: Callable[[str], None],
) -> tuple[int, int, int, int]:
    """The builder's rows written as they come, the bulk tables' plain indexes made once at the
    end; the counts of orders, lines, refunds and top-ups.

    Every audit line of the history is chained by the builder: nothing here records one."""
    # spawn: a fresh interpreter that imports the builder alone, the same on every platform
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    builder = context.Process(
        target=demo_builder.build, args=(state, seed, count, sender), daemon=True
    )
    builder.start()
    sender.close()  # the child's end: a child gone without a word is an EOFError here
    try:
        indexes = _drop_bulk_indexes(session)
        while True:
            try:
                message = receiver.recv()
            except EOFError:
                raise HistoryFailed("生成演示数据的进程意外退出，未写入任何数据") from None
            kind = message[0]
            if kind == "rows":
                _write_rows(session, driver, message[1])
                progress(message[2])
            elif kind == "members":
                driver.executemany(_MEMBER_INSERT, message[1])
                driver.executemany(_CARD_INSERT, message[2])
            elif kind == "end":
                _, member_sums, stock, counts = message
                break
            else:
                raise HistoryFailed("生成演示数据失败，未写入任何数据：%1", message[1])
    finally:
        receiver.close()
        builder.join(timeout=10)
        if builder.is_alive():  # only when this side failed first
            builder.terminate()
            builder.join()
    progress("正在建立索引")
    for statement in indexes:
        driver.execute(statement)
    driver.executemany(
        "UPDATE members SET principal_fen = ?, bonus_fen = ?, points = ?,"
        " total_spend_fen = ?, visit_count = ?, last_visit_on = ? WHERE id = ?",
        member_sums,
    )
    driver.executemany(
        "UPDATE products SET stock_milli = ?, stock_value_fen = ? WHERE id = ?", stock
    )
    orders, lines, refunds, top_ups = counts
    return int(orders), int(lines), int(refunds), int(top_ups)


def _write_rows(session: Session, driver: Any, rows: Rows) -> None:
    for name in (
        "orders",
        "lines",
        "payments",
        "documents",
        "moves",
        "coupons",
        "spend",
        "points",
        "stored",
        "sequences",
        "refund_updates",
        "refunded_orders",
        "events",
    ):
        values = getattr(rows, name)
        if values:
            driver.executemany(_SQL[name], values)
    audit.append_rows(session, rows.audit_rows)


#: The page cache while generating (KiB, SQLite's negative form): the member and product
#: lookups and the index builds at the end stay in memory instead of SQLite's default 2 MiB.
_GENERATION_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def _generating(db: Database) -> Iterator[Session]:
    """One transaction for the whole history (all of it or nothing), on a connection set up for
    a bulk write while it lasts and as the counter has it again afterwards.

    - Foreign-key checks off: every row the history writes points only at rows written before it
      (staff, products, the members, the order a line or a refund belongs to), by construction;
      the checks, one index look-up per reference, were a fifth of the run.
      ``tests/pos/test_demo_history.py`` runs ``PRAGMA foreign_key_check`` on a generated store.
    - A rollback journal instead of the WAL: the WAL takes every page of the transaction (the
      whole history, gigabytes) and the checkpoint writes each again into the database; a
      rollback journal keeps only the pages the database had before (the empty store's few
      hundred: pages past the old end of the file are not journaled, a rollback cuts them off).
      The history is still all or nothing: a run killed half way leaves a hot journal that the
      next connection to open the file plays back, to the empty store it was (a test kills one).
      ``synchronous`` stays as the counter has it, so the commit waits for the disk.
    - A bigger page cache.

    ``PRAGMA foreign_keys`` and ``journal_mode`` are no-ops inside a transaction, so they are set
    on the connection before the transaction begins; leaving WAL needs the only connection to
    the file, so the store's reading and bookkeeping connections are closed first (their pools
    open new ones when next used)."""
    with db.engine.connect() as connection:
        driver: Any = connection.connection.driver_connection
        sqlite = db.engine.dialect.name == "sqlite"
        cache = 0
        journal = ""
        if sqlite:
            cache = driver.execute("PRAGMA cache_size").fetchone()[0]
            journal = driver.execute("PRAGMA journal_mode").fetchone()[0]
            for engine in (db.read_engine, db.bookkeeping_engine):
                if engine is not db.engine:
                    engine.dispose()
            driver.execute("PRAGMA foreign_keys=OFF")
            driver.execute(f"PRAGMA cache_size=-{_GENERATION_CACHE_KIB}")
            driver.execute(f"PRAGMA journal_mode={_GENERATION_JOURNAL}")
        try:
            with _flushing(sqlite), db.transaction_on(connection) as session:
                yield session
        finally:
            if sqlite:  # the transaction is over: the pragmas take effect again
                driver.execute(f"PRAGMA journal_mode={journal}")
                driver.execute("PRAGMA foreign_keys=ON")
                driver.execute(f"PRAGMA cache_size={cache}")


@contextlib.contextmanager
def _flushing(wanted: bool) -> Iterator[None]:
    """While the history is written, a thread hands the pages written so far to the disk every
    few seconds (``os.sync``, where there is one): the disk writes them while the rows are
    made, instead of all of them (gigabytes) at the commit, whose wait for the disk (it stays
    ``synchronous``) is then short. Stopped, and waited for, when the transaction is over."""
    sync = getattr(os, "sync", None)
    if not wanted or sync is None:
        yield
        return
    stop = threading.Event()

    def flush() -> None:
        while not stop.wait(_FLUSH_EVERY_S):
            sync()

    thread = threading.Thread(target=flush, name="demo-history-flush", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


#: Seconds between two hand-overs of written pages to the disk (:func:`_flushing`).
_FLUSH_EVERY_S = 2.0
#: The journal while generating (see :func:`_generating`).
_GENERATION_JOURNAL = "DELETE"
