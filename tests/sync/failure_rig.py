"""What the failure suite (``test_failures``) runs on: a real head office on SQLite or on a
throwaway PostgreSQL, served by uvicorn in a thread or in a process of its own (so it can be
killed), backed up and restored; counters with their own data directories; and one checker of the
invariants that must hold after every failure.

The checker (:func:`check_invariants`): the head office's sales equal each counter's sales, every
event of every counter was taken exactly once (the head office's inbox holds each outbox event
once, nothing else), each ledger entry a counter wrote is at the head office once with the same
amounts, and every balance, at the head office and at each counter, equals the sum of its ledger.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from app.members.enrolment import enrol
from app.members.stored_value import top_up
from app.pos.catalog import ProductInput, create_product
from app.pos.counter import cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.tenders import Tender, TenderMethod
from app.storage.db import make_engine
from app.storage.member_models import MemberRow as CounterMember
from app.storage.member_models import PointsEntryRow as CounterPoints
from app.storage.member_models import StoredValueEntryRow as CounterStoredValue
from app.storage.models import OrderRow, OrderState, OutboxRow
from app.sync.snapshots import SYNC_ENTRY_KIND
from headoffice.db import open_database
from headoffice.ledgers import entries_of, ledger_sums
from headoffice.models import (
    DeviceRow,
    InboxRow,
    MemberRow,
    ParkedRow,
    PointsEntryRow,
    SaleRow,
    StoredValueEntryRow,
)
from tests.headoffice.postgres_cluster import binaries, cluster
from tests.sync.conftest import HeadOffice, Store

ROOT = Path(__file__).resolve().parents[2]
_databases = itertools.count(1)


class PostgresServer:
    """A throwaway cluster: a migrated template database, and a new database per test made
    from it (fast: a file copy, no migration)."""

    def __init__(self, url: str) -> None:
        self.raw = url
        self.admin: Engine = create_engine(url, isolation_level="AUTOCOMMIT")
        self.run("CREATE DATABASE ho_template")
        open_database(self.url_of("ho_template")).dispose()

    def url_of(self, database: str) -> str:
        """The URL as given with another database (its socket folder left unquoted: Alembic's
        settings read ``%`` as interpolation)."""
        head, slash, rest = self.raw.partition("/postgres?")
        assert slash, self.raw
        return f"{head}/{database}?{rest}"

    def run(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(statement))

    def new_database(self) -> str:
        name = f"ho_{next(_databases)}"
        self.run(f"CREATE DATABASE {name} TEMPLATE ho_template")
        return name


class Office(HeadOffice):
    """The head office on either database; in a thread (``start``/``stop``) or as its own
    process (``start_process``/``kill``), on the same port, so counters never notice which."""

    def __init__(self, url: str, postgres: PostgresServer | None, database: str = "") -> None:
        super().__init__(open_database(url))
        self.database_url = url
        self.postgres = postgres
        self.database = database
        self.process: subprocess.Popen[bytes] | None = None
        self._backups = itertools.count(1)
        self._cleanup = ExitStack()

    @property
    def dialect(self) -> str:
        return "postgresql" if self.postgres is not None else "sqlite"

    # --- as a process of its own, killed with SIGKILL ------------------------------------------

    def start_process(self) -> None:
        assert self._server is None and self.process is None
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "headoffice",
                "serve",
                "--db",
                self.database_url,
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            assert self.process.poll() is None, "the head office's process ended"
            try:
                if requests.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "the head office's process did not start"
            time.sleep(0.05)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.process = None

    # --- backups ---------------------------------------------------------------------------------

    def backup_copy(self, folder: Path) -> str:
        """A consistent copy of the database now; what :meth:`restore_copy` takes."""
        if self.postgres is None:
            return str(self.backup(folder / f"backup-{next(self._backups)}.sqlite3"))
        name = f"{self.database}_backup_{next(self._backups)}"
        self.stop()  # a template database may have no one connected
        self.db.dispose()
        self.postgres.run(f"CREATE DATABASE {name} TEMPLATE {self.database}")
        self.start()
        return name

    def restore_copy(self, copy: str) -> None:
        if self.postgres is None:
            self.restore(Path(copy))
            return
        self.stop()
        self.db.dispose()
        self.postgres.run(f"DROP DATABASE {self.database} WITH (FORCE)")
        self.postgres.run(f"CREATE DATABASE {self.database} TEMPLATE {copy}")
        self.db = open_database(self.database_url)
        self.start()

    def dump_into_new_cluster(self, folder: Path) -> Callable[[], None]:
        """A ``pg_dump`` of the database now; restoring it (the callable) starts a new cluster,
        whose transaction ids begin again low, and moves the office onto it there."""
        assert self.postgres is not None
        bin_dir = _server_tools()
        dump = folder / f"{self.database}.dump"
        subprocess.run(
            [str(bin_dir / "pg_dump"), "-Fc", "-f", str(dump), "-d", self._libpq(self.database)],
            check=True,
            timeout=60,
        )

        def restore() -> None:
            self.stop()
            self.db.dispose()
            place = Path(tempfile.mkdtemp(prefix="ho-new-cluster-"))
            self._cleanup.callback(shutil.rmtree, place, ignore_errors=True)
            url = self._cleanup.enter_context(cluster(place))
            subprocess.run(
                [str(bin_dir / "pg_restore"), "-d", _libpq_url(url), str(dump)],
                check=True,
                timeout=60,
            )
            self.database_url = url
            self.db = open_database(url)
            self.start()

        return restore

    def _libpq(self, database: str) -> str:
        assert self.postgres is not None
        return _libpq_url(self.postgres.url_of(database))

    def close(self) -> None:
        if self.process is not None:
            self.kill()
        if self._server is not None:
            self.stop()
        self.db.dispose()
        self._cleanup.close()


def _server_tools() -> Path:
    """The folder of the PostgreSQL server's own tools (pg_dump, pg_restore of its version)."""
    found = binaries()
    assert found is not None
    return Path(os.path.realpath(found / "pg_ctl")).parent


def _libpq_url(url: str) -> str:
    """The SQLAlchemy URL as libpq's command-line tools take it."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def make_office(tmp_path: Path, template: Path, postgres: PostgresServer | None) -> Office:
    if postgres is None:
        path = tmp_path / "headoffice.sqlite3"
        shutil.copy(template, path)
        return Office(f"sqlite:///{path}", None)
    database = postgres.new_database()
    return Office(postgres.url_of(database), postgres, database)


# --- what counters do ---------------------------------------------------------------------------


def enrol_member(store: Store, card_no: str, name: str = "张三", top_up_fen: int = 0) -> str:
    today = store.service.today()
    with store.db.transaction() as session:
        member = enrol(
            session,
            card_no=card_no,
            phone=f"139{card_no[-8:]:0>8}",
            name=name,
            on=today,
            actor_id=store.cashier.id,
        )
        if top_up_fen:
            top_up(session, member.id, top_up_fen, on=today, actor_id=store.cashier.id)
    return member.id


def top_ups(store: Store, member_id: str, count: int, amount_fen: int = 1_00) -> None:
    """``count`` top-ups in one transaction (each its own event)."""
    today = store.service.today()
    with store.db.transaction() as session:
        for _ in range(count):
            top_up(session, member_id, amount_fen, on=today, actor_id=store.cashier.id)


def product_code(store: Store, price_fen: int = 12_50) -> str:
    """A product on sale at the counter; its barcode."""
    body = f"69{price_fen:010d}"
    odd, even = sum(map(int, body[::2])), sum(map(int, body[1::2]))
    code = body + str((10 - (odd + 3 * even) % 10) % 10)  # EAN-13's check digit
    with store.db.transaction() as session:
        create_product(
            session,
            ProductInput(
                name=f"商品{price_fen}", price_fen=price_fen, barcodes=(code,), track_stock=False
            ),
        )
    return code


def sell(store: Store, code: str, *, card_no: str | None = None, stored_value: bool = False) -> str:
    """One sale of the product ``code``, paid in cash or by card; its receipt number."""
    cart = store.service.new_cart()
    cart.add(store.service.scan(code).product)
    if card_no is not None:
        cart.attach_member(
            MemberDesk(store.db, store.config).queries.attach_member(card_no, store.cashier)
        )
    total = cart.totals().total_fen
    method = TenderMethod.STORED_VALUE if stored_value else TenderMethod.CASH
    paid = store.service.pay(
        cart, [Tender(method, total)], cashier=store.cashier, shift_id=store.shift.id
    )
    return paid.receipt_no


def pay_by_card(store: Store, card_no: str, price_fen: int) -> str:
    with store.db.transaction() as session:
        product = create_product(
            session, ProductInput(name=f"礼品{price_fen}", price_fen=price_fen, track_stock=False)
        )
    cart = store.service.new_cart()
    cart.add(cart_product(product))
    cart.attach_member(
        MemberDesk(store.db, store.config).queries.attach_member(card_no, store.cashier)
    )
    paid = store.service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, price_fen)],
        cashier=store.cashier,
        shift_id=store.shift.id,
    )
    return paid.receipt_no


def outbox_size(store: Store) -> int:
    with store.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def applied_at_office(office: Office, store: Store) -> int:
    """How many of the store's events the head office has taken, read beside its server (on
    SQLite without the write lock every transaction of ``office.db`` takes)."""
    url = office.database_url
    engine = (
        make_engine(url, for_writing=False)
        if url.startswith("sqlite")
        else create_engine(url, poolclass=NullPool)
    )
    try:
        with engine.connect() as connection:
            return int(
                connection.scalar(
                    select(func.count())
                    .select_from(InboxRow)
                    .where(InboxRow.device_id == device_of(store))
                )
                or 0
            )
    finally:
        engine.dispose()


def device_of(store: Store) -> str:
    assert store.config.headoffice is not None
    return store.config.headoffice.device_id


@contextmanager
def child(args: list[str]) -> Iterator[subprocess.Popen[str]]:
    """``tests/sync/crash_counter.py`` with ``args``, killed at the end if still running."""
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_counter.py")), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def read_until(process: subprocess.Popen[str], wanted: str, *, lines: int = 1) -> list[str]:
    """The child's lines until ``lines`` of them start with ``wanted`` (it must not end first)."""
    assert process.stdout is not None
    seen: list[str] = []
    found = 0
    while found < lines:
        line = process.stdout.readline()
        if not line:
            error = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"the child ended before {wanted!r}: {error}")
        seen.append(line.rstrip("\n"))
        found += line.startswith(wanted)
    return seen


# --- the invariants -----------------------------------------------------------------------------


def check_invariants(office: HeadOffice, stores: Iterable[Store], *, agree: bool = True) -> None:
    """What must hold after any failure, once every counter has synced (see the module's
    docstring). ``agree``: each counter also shows the head office's balance for every member
    both hold (true once every counter has pulled after the last push)."""
    stores = list(stores)
    with office.db.transaction() as session:
        parked_entries = _parked_entry_ids(session)
        for store in stores:
            _check_store(session, store, parked_entries)
        members = session.scalars(select(MemberRow)).all()
        office_balances = {m.id: (m.principal_fen, m.bonus_fen, m.points) for m in members}
        for member in members:
            assert ledger_sums(session, member.id) == office_balances[member.id], (
                f"head office: member {member.card_no}'s balance is not the sum of its ledger"
            )
    for store in stores:
        counter_balances = _counter_balances(store)
        if agree:
            for member_id, balance in counter_balances.items():
                if member_id in office_balances:
                    assert balance == office_balances[member_id], (
                        f"{store.config.store_code}: member {member_id} shows {balance},"
                        f" the head office {office_balances[member_id]}"
                    )


def _parked_entry_ids(session: Any) -> set[str]:
    ids: set[str] = set()
    for payload in session.scalars(select(ParkedRow.payload)):
        try:
            entries = entries_of(json.loads(payload))
        except Exception:  # a payload the head office itself could not read: no entries
            continue
        ids.update(str(entry.get("id")) for entry in entries)
    return ids


def _check_store(session: Any, store: Store, parked_entries: set[str]) -> None:
    device_id = device_of(store)
    device = session.get(DeviceRow, device_id)
    assert device is not None
    where = f"{device.store_code}-{device.counter_no:02d}"
    with store.db.reading() as local:
        outbox = dict(local.execute(select(OutboxRow.id, OutboxRow.seq)).tuples().all())
        waiting = local.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.sent_at.is_(None))
        )
        orders = local.scalars(select(OrderRow)).all()
        sales: collections.Counter[tuple[str, str, str, int]] = collections.Counter()
        for order in orders:
            day = order.business_day.isoformat()
            sales[(order.receipt_no, day, str(order.kind), order.total_fen)] += 1
            if order.state == OrderState.VOIDED:
                sales[(order.receipt_no, day, "void", -order.total_fen)] += 1
        stored_value = {
            (e.id, e.member_id, e.principal_delta, e.bonus_delta)
            for e in local.scalars(
                select(CounterStoredValue).where(CounterStoredValue.kind != SYNC_ENTRY_KIND)
            )
        }
        points = {
            (e.id, e.member_id, e.delta)
            for e in local.scalars(
                select(CounterPoints).where(CounterPoints.kind != SYNC_ENTRY_KIND)
            )
        }
    assert waiting == 0, f"{where}: {waiting} events still wait"
    # every event taken once: the inbox holds exactly the outbox, each under its own sequence
    inbox = dict(
        session.execute(
            select(InboxRow.event_id, InboxRow.seq).where(InboxRow.device_id == device_id)
        )
        .tuples()
        .all()
    )
    assert inbox == outbox, f"{where}: the head office's inbox is not the counter's outbox"
    assert device.last_seq == max(outbox.values(), default=0)
    # the head office's sales are the counter's
    office_sales = collections.Counter(
        (s.receipt_no, s.business_day, s.kind, s.total_fen)
        for s in session.scalars(
            select(SaleRow).where(
                SaleRow.store_code == device.store_code, SaleRow.counter_no == device.counter_no
            )
        )
    )
    assert office_sales == sales, f"{where}: head-office sales differ from the counter's"
    # every ledger entry the counter wrote is at the head office once, with the same amounts
    office_stored_value = {
        (e.id, e.member_id, e.principal_delta, e.bonus_delta)
        for e in session.scalars(
            select(StoredValueEntryRow).where(
                StoredValueEntryRow.store_code == device.store_code,
                StoredValueEntryRow.counter_no == device.counter_no,
            )
        )
    }
    office_points = {
        (e.id, e.member_id, e.delta)
        for e in session.scalars(
            select(PointsEntryRow).where(
                PointsEntryRow.store_code == device.store_code,
                PointsEntryRow.counter_no == device.counter_no,
            )
        )
    }
    assert office_stored_value == {e for e in stored_value if e[0] not in parked_entries}, (
        f"{where}: the head office's stored-value entries are not the counter's"
    )
    assert office_points == {e for e in points if e[0] not in parked_entries}, (
        f"{where}: the head office's points entries are not the counter's"
    )


def _counter_balances(store: Store) -> dict[str, tuple[int, int, int]]:
    """Each member's balances at the counter, checked against the sums of its ledgers."""
    balances: dict[str, tuple[int, int, int]] = {}
    with store.db.reading() as session:
        stored_value = dict(
            (member_id, (principal, bonus))
            for member_id, principal, bonus in session.execute(
                select(
                    CounterStoredValue.member_id,
                    func.sum(CounterStoredValue.principal_delta),
                    func.sum(CounterStoredValue.bonus_delta),
                ).group_by(CounterStoredValue.member_id)
            )
        )
        points = dict(
            session.execute(
                select(CounterPoints.member_id, func.sum(CounterPoints.delta)).group_by(
                    CounterPoints.member_id
                )
            )
            .tuples()
            .all()
        )
        for member in session.scalars(select(CounterMember)):
            principal, bonus = stored_value.get(member.id, (0, 0))
            summed = (int(principal), int(bonus), int(points.get(member.id, 0)))
            held = (member.principal_fen, member.bonus_fen, member.points)
            assert held == summed, (
                f"{store.config.store_code}: member {member.card_no} holds {held},"
                f" its ledgers sum to {summed}"
            )
            balances[member.id] = held
    return balances
