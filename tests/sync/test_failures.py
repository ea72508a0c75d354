"""Failures to prove (issue 10): each scenario runs a real head office (uvicorn, in a thread or a
process of its own) and counters with their own data directories, makes the failure happen, lets
everyone sync, and then :func:`check_invariants` says the head office's sales equal the counters',
no event was applied twice and every balance equals the sum of its ledger. Every scenario runs on
SQLite and on a throwaway PostgreSQL (skipped, saying why, where its binaries are missing)."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import func, select

from app.cli import EXIT_OK
from app.cli import main as counter_main
from app.config import DATABASE_FILE_NAME
from app.pos.counter import CounterService
from app.pos.store_start import open_store
from app.storage import outbox
from app.storage.backup import make_backup
from app.storage.database import Database
from app.storage.models import OrderRow, OutboxRow, SyncMemberRow
from app.sync import queue, worker
from app.sync.client import HeadOfficeClient, HeadOfficeUnreachable
from app.sync.protocol import PUSH_PATH, GapReply, PushReply
from app.sync.worker import SyncReport, SyncWorker
from headoffice.ledgers import resolve_case
from headoffice.models import CaseRow, MemberRow, ParkedRow, SaleRow, StoredValueEntryRow
from tests.headoffice.postgres_cluster import cluster, missing
from tests.sync.conftest import Store, make_store
from tests.sync.failure_rig import (
    Office,
    PostgresServer,
    applied_at_office,
    check_invariants,
    child,
    device_of,
    enrol_member,
    make_office,
    outbox_size,
    pay_by_card,
    product_code,
    read_until,
    sell,
    top_ups,
)

CARD = "88000001"
RAM_DISK = Path("/dev/shm")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(missing() is not None, reason=f"PostgreSQL: {missing()}"),
    ),
]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    folder = Path(tempfile.mkdtemp(prefix="ho-failures-pg-"))  # not under root-only folders
    try:
        with cluster(folder) as url:
            server = PostgresServer(url)
            yield server
            server.admin.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def data_root(tmp_path: Path) -> Iterator[Path]:
    """Where the databases live: in RAM where the machine has it, as fsync's cost is the
    benchmark's business, not these tests' (a SIGKILL loses no page cache either way)."""
    if not RAM_DISK.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="pos-failures-", dir=RAM_DISK))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def office(request: pytest.FixtureRequest, data_root: Path, ho_template: Path) -> Iterator[Office]:
    postgres = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    made = make_office(data_root, ho_template, postgres)
    made.start()
    yield made
    made.close()


@pytest.fixture(scope="session")
def counter_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A counter database upgraded to head once; each counter starts from a copy."""
    path = tmp_path_factory.mktemp("counter_template") / DATABASE_FILE_NAME
    Database.open(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def counters(
    data_root: Path, office: Office, counter_template: Path
) -> Iterator[tuple[Store, Store]]:
    for name in ("a", "b"):
        (data_root / name).mkdir()
        shutil.copy(counter_template, data_root / name / DATABASE_FILE_NAME)
    a = make_store(data_root / "a", office.register("S001", "一号店"))
    b = make_store(data_root / "b", office.register("S002", "二号店"))
    yield a, b
    for store in (a, b):
        store.worker.stop()
        store.guard.client.close()
        store.db.dispose()


def synced(store: Store, worker_: SyncWorker | None = None) -> SyncReport:
    report = (worker_ or store.worker).run_once()
    assert report.all_acknowledged
    return report


def settle(*stores: Store) -> None:
    """Every counter pushes, then every counter pulls what the others pushed."""
    for store in stores + stores:
        synced(store)


def meet(store: Store, card_no: str = CARD) -> None:
    """The card swiped here once while online: from then on the head office sends this store
    the member's changes (a store pulls only the members it needs)."""
    assert store.worker.lookup_card(card_no)
    synced(store)


def a_day_of_trade(store: Store, card_no: str = CARD) -> str:
    """A member enrolled and topped up, cash sales and a sale paid by card; the member's id."""
    member_id = enrol_member(store, card_no, top_up_fen=100_00)
    code = product_code(store)
    for _ in range(2):
        sell(store, code)
    sell(store, code, card_no=card_no, stored_value=True)
    return member_id


def client_through(store: Store, adapter: HTTPAdapter) -> HeadOfficeClient:
    assert store.config.headoffice is not None
    session = requests.Session()
    session.mount("http://", adapter)
    return HeadOfficeClient(store.config.headoffice, session=session)


class LoseFirstPushReply(HTTPAdapter):
    """The first push reaches the head office and is committed; its reply never comes back."""

    def __init__(self) -> None:
        super().__init__()
        self.lost: list[bytes] = []

    def send(self, request: Any, *args: Any, **kwargs: Any) -> requests.Response:
        response = super().send(request, *args, **kwargs)
        if request.path_url.startswith(PUSH_PATH) and not self.lost:
            self.lost.append(request.body)
            raise requests.ConnectionError("the reply was lost on the way back")
        return response


def test_a_reply_lost_after_the_commit_is_retried_as_duplicate_and_nothing_twice(
    office: Office, counters: tuple[Store, Store]
) -> None:
    a, b = counters
    a_day_of_trade(a)
    lossy = LoseFirstPushReply()
    client = client_through(a, lossy)
    with pytest.raises(HeadOfficeUnreachable):
        SyncWorker(a.db, a.config, client).run_once()
    events = outbox_size(a)
    assert applied_at_office(office, a) == events  # committed there ...
    assert a.worker.waiting() == events  # ... and not known here
    (lost,) = lossy.lost
    retried = client.push_body(lost)  # the same request again, as a retry sends it
    assert isinstance(retried, PushReply)
    assert {r.outcome for r in retried.results} == {"duplicate"}
    assert len(retried.results) == events
    report = synced(a)
    assert (report.push.applied, report.push.duplicate) == (0, events)  # taken once, once only
    client.close()
    settle(a, b)
    check_invariants(office, [a, b])


class PushTogether(HTTPAdapter):
    """Holds each worker's first push until the other's is ready: both go out at once."""

    def __init__(self, barrier: threading.Barrier) -> None:
        super().__init__()
        self.barrier = barrier
        self.waited = False

    def send(self, request: Any, *args: Any, **kwargs: Any) -> requests.Response:
        if request.path_url.startswith(PUSH_PATH) and not self.waited:
            self.waited = True
            self.barrier.wait(10)
        return super().send(request, *args, **kwargs)


def test_the_same_batches_from_two_workers_at_once_are_applied_once(
    office: Office, counters: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = counters
    member_id = a_day_of_trade(a)
    top_ups(a, member_id, 30)
    monkeypatch.setattr(worker, "MAX_BATCH", 8)  # several batches, each raced
    barrier = threading.Barrier(2)
    second_db = open_store(a.config)  # a second worker on the same data directory
    workers = [
        SyncWorker(a.db, a.config, client_through(a, PushTogether(barrier))),
        SyncWorker(second_db, a.config, client_through(a, PushTogether(barrier))),
    ]
    reports: list[SyncReport] = []
    failures: list[BaseException] = []

    def run(sync_worker: SyncWorker) -> None:
        try:
            reports.append(sync_worker.run_once())
        except BaseException as exc:  # reported below, with the other worker's outcome
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for sync_worker in workers:
        sync_worker.stop()
    second_db.dispose()
    assert failures == []
    events = outbox_size(a)
    assert sum(r.push.applied for r in reports) == events  # each event applied by one of them
    assert sum(r.push.duplicate for r in reports) >= 8  # the first batch went out twice
    settle(a, b)
    check_invariants(office, [a, b])


def test_a_counter_killed_after_its_local_commits_sends_every_sale_once(
    office: Office, counters: tuple[Store, Store]
) -> None:
    a, b = counters
    a_day_of_trade(a)
    code = product_code(a, 3_30)
    with child(["sell", str(a.config.data_dir), code]) as seller:
        sold = read_until(seller, "sold", lines=random.randint(3, 8))
        time.sleep(random.random() * 0.02)  # somewhere inside the next sale
        seller.kill()
    with a.db.reading() as session:
        receipts = set(session.scalars(select(OrderRow.receipt_no)))
    assert {line.split()[1] for line in sold} <= receipts
    assert counter_main(["--data-dir", str(a.config.data_dir), "sync"]) == EXIT_OK
    settle(a, b)
    check_invariants(office, [a, b])


def test_a_counter_killed_after_sending_before_recording_the_acknowledgement(
    office: Office, counters: tuple[Store, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = counters
    a_day_of_trade(a)
    events = outbox_size(a)
    with child(["sync", str(a.config.data_dir)]) as syncer:
        (line,) = read_until(syncer, "acknowledging")
        syncer.kill()
    assert line == f"acknowledging 1 {events}"
    assert applied_at_office(office, a) == events  # the head office took them all ...
    assert a.worker.waiting() == events  # ... and the counter never recorded it
    assert counter_main(["--data-dir", str(a.config.data_dir), "sync"]) == EXIT_OK
    said = capsys.readouterr().out  # sent again: the office answers that it has them all
    assert f"已发送 {events} 条记录：0 条已入账，{events} 条总部已有" in said
    settle(a, b)
    check_invariants(office, [a, b])


def test_a_head_office_killed_while_applying_a_batch_restarts_and_the_counter_resumes(
    office: Office, counters: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = counters
    monkeypatch.setattr(worker, "MAX_BATCH", 100)  # smaller batches: the same code, less waiting
    member_id = a_day_of_trade(a)
    top_ups(a, member_id, 300)
    events = outbox_size(a)
    office.stop()
    office.start_process()
    pushing = threading.Thread(target=_push_until_unreachable, args=(a,))
    pushing.start()
    deadline = time.monotonic() + 30
    while applied_at_office(office, a) == 0 and time.monotonic() < deadline:
        time.sleep(0.002)
    office.kill()  # the first batch is in, the worker is sending the next one
    pushing.join(30)
    taken = applied_at_office(office, a)
    assert 0 < taken < events, "the kill landed before the first or after the last batch"
    # a batch is one transaction: the one being applied at the kill left nothing behind
    assert taken % worker.MAX_BATCH == 0
    office.start()
    known_here = events - a.worker.waiting()  # acknowledged before the kill
    report = synced(a)
    # resumed where the head office stopped: what it took unknown to us is answered duplicate
    assert (report.push.applied, report.push.duplicate) == (events - taken, taken - known_here)
    settle(a, b)
    check_invariants(office, [a, b])


def _push_until_unreachable(store: Store) -> None:
    with pytest.raises(HeadOfficeUnreachable):
        store.worker.run_once()


def test_a_head_office_restored_from_an_older_backup_is_sent_again_what_it_lost(
    office: Office, counters: tuple[Store, Store], data_root: Path
) -> None:
    a, b = counters
    member_id = a_day_of_trade(a)
    settle(a, b)
    meet(b)
    backup = office.backup_copy(data_root)
    code = product_code(b, 8_80)
    sell(b, code)
    pay_by_card(b, CARD, 30_00)
    top_ups(a, member_id, 3, 10_00)
    sell(a, product_code(a, 4_40))
    settle(a, b)
    office.restore_copy(backup)  # the office lost both counters' latest events
    assert applied_at_office(office, a) < outbox_size(a)
    assert applied_at_office(office, b) < outbox_size(b)
    settle(a, b)
    check_invariants(office, [a, b])


@pytest.mark.parametrize("new_cluster", [False, True], ids=["backup", "dump into a new cluster"])
def test_changes_made_after_a_restore_reach_counters_whose_pull_had_gone_further(
    office: Office, counters: tuple[Store, Store], data_root: Path, new_cluster: bool
) -> None:
    """The counters pulled changes the restored office no longer has (here a case resolved at
    the office, never sent again by anyone): a change made after the restore must still reach
    them, not sort before their cursors. On PostgreSQL also restored from ``pg_dump`` into a
    new cluster, whose transaction ids start again below the cursors'."""
    if new_cluster and office.postgres is None:
        pytest.skip("a new cluster is PostgreSQL's case")
    a, b = counters
    member_id = enrol_member(a, CARD, top_up_fen=100_00)
    settle(a, b)
    meet(b)
    if new_cluster:
        restore = office.dump_into_new_cluster(data_root)
    else:
        backup = office.backup_copy(data_root)

        def restore() -> None:
            office.restore_copy(backup)

    office.stop()
    pay_by_card(a, CARD, 60_00)
    pay_by_card(b, CARD, 70_00)
    office.start()
    settle(a, b)
    with office.db.transaction() as session:
        (case,) = session.scalars(select(CaseRow)).all()
        resolve_case(session, case.id, "会员已补交 30 元")
    settle(a, b)
    restore()
    settle(a, b)
    top_ups(a, member_id, 1, 50_00)
    settle(a, b)
    with b.db.reading() as session:
        kept = session.get(SyncMemberRow, member_id)
        assert kept is not None and kept.principal_fen + kept.bonus_fen == 20_00
    check_invariants(office, [a, b])


def test_a_gap_and_batches_out_of_order_apply_nothing_out_of_order(
    office: Office, counters: tuple[Store, Store]
) -> None:
    a, b = counters
    member_id = a_day_of_trade(a)
    top_ups(a, member_id, 4)
    assert a.config.headoffice is not None
    client = HeadOfficeClient(a.config.headoffice)
    with a.db.reading() as session:
        events = queue.raw_events_from(session, 1, 100)
    first, second = events[:5], events[5:]
    late = client.push_body(queue.push_body(second, None))  # overtook the first on the way
    assert isinstance(late, GapReply) and late.expected_seq == 1
    assert applied_at_office(office, a) == 0
    swapped = client.push_body(queue.push_body([first[1], first[0], *first[2:]], None))
    assert isinstance(swapped, GapReply) and swapped.expected_seq == 1
    assert applied_at_office(office, a) == 0
    in_order = client.push_body(queue.push_body(first, None))
    assert isinstance(in_order, PushReply) and in_order.last_seq == 5
    again = client.push_body(queue.push_body(first, None))  # a late copy of the first batch
    assert isinstance(again, PushReply)
    assert {r.outcome for r in again.results} == {"duplicate"}
    client.close()
    report = synced(a)
    assert report.push.applied == len(second)
    settle(a, b)
    check_invariants(office, [a, b])


@pytest.mark.parametrize("off_by_s", [-86_400, 86_400], ids=["a day slow", "a day fast"])
def test_a_counter_clock_a_day_off_signs_with_the_servers_time(
    office: Office, counters: tuple[Store, Store], off_by_s: int
) -> None:
    a, b = counters
    a_day_of_trade(a)
    assert a.config.headoffice is not None
    client = HeadOfficeClient(a.config.headoffice, wall_clock=lambda: time.time() + off_by_s)
    wrong_clock = SyncWorker(a.db, a.config, client)
    synced(a, wrong_clock)
    assert client.clock_skew_s is not None and abs(client.clock_skew_s - off_by_s) < 60
    wrong_clock.stop()
    settle(a, b)
    check_invariants(office, [a, b])


def test_the_same_member_spending_offline_in_two_stores_opens_one_case_seen_by_both(
    office: Office, counters: tuple[Store, Store]
) -> None:
    a, b = counters
    member_id = enrol_member(a, CARD, top_up_fen=100_00)
    settle(a, b)
    meet(b)
    office.stop()
    pay_by_card(a, CARD, 60_00)
    pay_by_card(b, CARD, 70_00)
    office.start()
    settle(a, b)
    with office.db.transaction() as session:
        cases = session.scalars(select(CaseRow).where(CaseRow.member_id == member_id)).all()
        assert [(c.kind, c.amount_fen) for c in cases] == [("overdraft", 30_00)]
        member = session.get(MemberRow, member_id)
        assert member is not None and member.principal_fen + member.bonus_fen == -30_00
    for store in (a, b):  # the hot-list reached both stores
        with store.db.reading() as session:
            kept = session.get(SyncMemberRow, member_id)
            assert kept is not None and kept.hot
    check_invariants(office, [a, b])


def test_a_card_number_issued_in_two_stores_opens_a_clash_and_merges_no_one(
    office: Office, counters: tuple[Store, Store]
) -> None:
    a, b = counters
    zhang = enrol_member(a, CARD, "张三", top_up_fen=100_00)
    li = enrol_member(b, CARD, "李四", top_up_fen=20_00)
    settle(a, b)
    with office.db.transaction() as session:
        cases = session.scalars(select(CaseRow)).all()
        assert [(c.kind, c.card_no, c.member_id) for c in cases] == [("card_clash", CARD, li)]
        balances = {m.id: (m.name, m.principal_fen) for m in session.scalars(select(MemberRow))}
    assert balances == {zhang: ("张三", 100_00), li: ("李四", 20_00)}
    check_invariants(office, [a, b])


@pytest.mark.parametrize(
    ("poison", "value"),
    [("principal_delta", "5.00"), ("principal_delta", 10**20), ("id", "x" * 100)],
    ids=["fen as text", "fen beyond 64 bits", "id longer than any id"],
)
def test_a_poison_event_is_parked_and_the_queue_goes_on(
    office: Office, counters: tuple[Store, Store], poison: str, value: object
) -> None:
    if office.dialect == "sqlite" and poison == "id":
        pytest.skip("SQLite keeps text of any length: that entry is read, not poison")
    a, b = counters
    member_id = a_day_of_trade(a)
    entry = {
        "ledger": "stored_value",
        "id": "0190a000-0000-7000-8000-00000000dead",
        "member_id": member_id,
        "kind": "top_up",
        "principal_delta": 1_00,
        "bonus_delta": 0,
        "order_id": None,
        "reason": "充值",
        "business_day": a.service.today().isoformat(),
        poison: value,
    }
    with a.db.transaction() as session:  # written as a faulty counter version would
        poisoned = outbox.add_event(
            session, "TopUpMade", {"member_id": member_id, "card_no": CARD, "entries": [entry]}
        )
    top_ups(a, member_id, 2)
    report = synced(a)
    assert (report.push.parked, report.push.applied) == (1, outbox_size(a) - 1)
    with office.db.transaction() as session:
        parked = session.get(ParkedRow, poisoned)
        assert parked is not None and parked.device_id == device_of(a)
    settle(a, b)
    check_invariants(office, [a, b])


def test_a_week_offline_drains_thousands_of_events_in_one_round(
    office: Office, counters: tuple[Store, Store]
) -> None:
    a, b = counters
    office.stop()
    member_id = a_day_of_trade(a)
    code = product_code(a, 2_00)
    for day in range(7):
        top_ups(a, member_id, 230)
        for _ in range(3):
            sell(a, code)
        sell(b, product_code(b, 1_00 + day))
    with pytest.raises(HeadOfficeUnreachable):
        a.worker.run_once()
    events = outbox_size(a)
    assert events > 1_600  # four batches
    office.start()
    report = synced(a)
    assert report.push.applied == events
    settle(a, b)
    with a.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == events
    check_invariants(office, [a, b])


def _sale_recorded_twice(session: Any) -> None:
    sale = session.scalars(select(SaleRow)).first()
    session.add(
        SaleRow(
            **{c.key: getattr(sale, c.key) for c in SaleRow.__table__.columns}
            | {"event_id": "0190a000-0000-7000-8000-00000000beef"}
        )
    )


def _entry_taken_twice(session: Any) -> None:
    entry = session.scalars(select(StoredValueEntryRow)).first()
    columns = {c.key: getattr(entry, c.key) for c in StoredValueEntryRow.__table__.columns}
    session.add(StoredValueEntryRow(**columns | {"id": "0190a000-0000-7000-8000-00000000beef"}))
    member = session.get(MemberRow, entry.member_id)
    member.principal_fen += entry.principal_delta


def _balance_off_its_ledger(session: Any) -> None:
    member = session.scalars(select(MemberRow)).first()
    member.principal_fen += 1


@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        (_sale_recorded_twice, "head-office sales differ"),
        (_entry_taken_twice, "stored-value entries are not the counter's"),
        (_balance_off_its_ledger, "is not the sum of its ledger"),
    ],
    ids=["a sale twice", "an entry twice", "a balance off its ledger"],
)
def test_the_checker_sees_a_sale_or_an_entry_taken_twice_and_a_balance_off_its_ledger(
    office: Office, counters: tuple[Store, Store], spoil: Any, said: str
) -> None:
    a, b = counters
    a_day_of_trade(a)
    settle(a, b)
    check_invariants(office, [a, b])
    with office.db.transaction() as session:
        spoil(session)
    with pytest.raises(AssertionError, match=said):
        check_invariants(office, [a, b])


def test_a_counter_restored_from_an_older_backup_never_has_new_sales_acknowledged_unsent(
    office: Office, counters: tuple[Store, Store]
) -> None:
    """The counter's own database restored from a backup older than what the office took: its
    next events reuse sequences the office already holds under other events. Each is sent and
    answered (parked for a person, as a used sequence), never acknowledged from the status
    alone, which would lose those sales to the office without a word."""
    a, b = counters
    a_day_of_trade(a)
    code = product_code(a, 5_00)
    settle(a, b)
    backup = make_backup(a.config.database_path, a.config.data_dir)
    for _ in range(3):
        sell(a, code)
    settle(a, b)
    taken = applied_at_office(office, a)
    a.worker.stop()
    a.guard.client.close()
    a.db.dispose()
    restored = counter_main(["--data-dir", str(a.config.data_dir), "restore", str(backup)])
    assert restored == EXIT_OK  # nothing was waiting: no warning
    a = dataclasses.replace(a, db=open_store(a.config))
    a = dataclasses.replace(
        a, service=CounterService(a.db, a.config), worker=SyncWorker(a.db, a.config)
    )
    counters_to_close = a
    try:
        new_receipts = {sell(a, code) for _ in range(5)}
        first_reused = taken - 2
        report = synced(a)
        assert report.push.parked == 3  # the sequences the office already held
        with office.db.transaction() as session:
            parked = session.scalars(
                select(ParkedRow).where(ParkedRow.device_id == device_of(a))
            ).all()
            assert sorted(p.seq for p in parked) == [first_reused, first_reused + 1, taken]
            parked_receipts = {json.loads(p.payload)["receipt_no"] for p in parked}
            recorded = set(
                session.scalars(select(SaleRow.receipt_no).where(SaleRow.store_code == "S001"))
            )
        assert new_receipts == parked_receipts | (new_receipts & recorded)
    finally:
        counters_to_close.worker.stop()
        counters_to_close.db.dispose()
