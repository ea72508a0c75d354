"""The head office on a real PostgreSQL (its production database), in a throwaway cluster: the
migrations, the pull cursor beside a transaction still running, two stores moving one member at
the same moment, and the API end to end. Skipped, saying why, where PostgreSQL is missing."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.storage.base import utcnow
from app.storage.ids import new_id
from app.sync.protocol import Event, PushBatch, PushReply
from headoffice import analytics, apply, pull, settlement
from headoffice.api import create_app
from headoffice.db import Database, open_database
from headoffice.ledgers import CHANGE_MEMBER, ledger_sums, note_change
from headoffice.metrics import office_metrics
from headoffice.models import Base, MemberRow, StoreMemberRow
from tests.headoffice.conftest import (
    Clock,
    Counter,
    enrolled,
    member_event,
    points_entry,
    register,
    sale,
    stored_value_entry,
)
from tests.headoffice.postgres_cluster import cluster, missing
from tests.headoffice.test_across_stores import (
    HISTORY_GROUPS,
    HISTORY_OWED,
    HISTORY_OWED_FROM_24TH,
    HISTORY_SEGMENTS,
    HISTORY_TENDERS,
    build_history,
)
from tests.headoffice.test_metrics_across_stores import (
    HISTORY_METRICS,
    MONTHS,
    check_months,
    push_months,
)

pytestmark = pytest.mark.skipif(missing() is not None, reason=f"PostgreSQL: {missing()}")

MEMBER = "0190a000-0000-7000-8000-0000000000e1"
CARD = "88000001"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="ho-pg-"))  # not under pytest's root-only folders
    try:
        with cluster(folder) as url:
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(pg_url)
    yield database
    database.dispose()


def _event(seq: int, event_type: str, payload: dict[str, object]) -> Event:
    return Event(new_id(), seq, event_type, 1, payload, "2026-11-23T10:00:00+00:00")


def test_the_migrations_make_the_models_schema_on_postgresql(pg_db: Database) -> None:
    with pg_db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "version_table": "ho_alembic_version"}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_a_pull_waits_for_a_transaction_still_running_and_skips_no_change(
    pg_db: Database,
) -> None:
    """Change 1's transaction is still running when change 2 commits: a pull then returns
    neither (not 2 alone, whose cursor would step over 1 for ever), and both once 1 commits."""
    with pg_db.transaction() as session:
        for key in ("early", "late"):
            session.add(MemberRow(id=key, card_no=key, updated_at=utcnow()))
        session.flush()
        for key in ("early", "late"):  # members S001 follows (looked up there)
            session.add(StoreMemberRow(store_code="S001", member_id=key))
    with pg_db.sessions() as early, early.begin():
        note_change(early, CHANGE_MEMBER, "early")  # takes change id 1 and a transaction id
        with pg_db.transaction() as late:
            note_change(late, CHANGE_MEMBER, "late")
        first = pull.pull(pg_db, "S001", "")
        assert first.members == []
    second = pull.pull(pg_db, "S001", first.next_cursor)
    assert [m.member_id for m in second.members] == ["early", "late"]
    assert pull.pull(pg_db, "S001", second.next_cursor).members == []


def test_two_stores_spending_one_member_at_the_same_moment_lose_no_update(
    pg_db: Database,
) -> None:
    a, b = register(pg_db, "S001", "一号店"), register(pg_db, "S002", "二号店")
    top_up = member_event(MEMBER, CARD, stored_value_entry(MEMBER, 100_00))
    opened = PushBatch(
        [_event(1, "MemberEnrolled", enrolled(MEMBER, CARD)), _event(2, "TopUpMade", top_up)]
    )
    assert isinstance(apply.push(pg_db, a.device_id, opened), PushReply)
    spends = 25

    def spend(device_id: str, first_seq: int) -> None:
        for seq in range(first_seq, first_seq + spends):
            entry = stored_value_entry(MEMBER, -1_00, kind="spend")
            batch = PushBatch([_event(seq, "StoredValueSpent", member_event(MEMBER, CARD, entry))])
            assert isinstance(apply.push(pg_db, device_id, batch), PushReply)

    threads = [
        threading.Thread(target=spend, args=(a.device_id, 3)),
        threading.Thread(target=spend, args=(b.device_id, 1)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with pg_db.transaction() as session:
        member = session.get(MemberRow, MEMBER)
        assert member is not None
        assert member.principal_fen == 100_00 - 2 * spends * 1_00
        assert ledger_sums(session, MEMBER) == (member.principal_fen, 0, 0)


def test_the_same_batch_from_two_workers_at_once_is_applied_once_on_postgresql(
    pg_db: Database,
) -> None:
    a = register(pg_db, "S001", "一号店")
    events = [
        _event(seq, "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 1_00)))
        for seq in range(1, 21)
    ]
    outcomes: list[list[str]] = []

    def worker() -> None:
        reply = apply.push(pg_db, a.device_id, PushBatch(events))
        assert isinstance(reply, PushReply)
        outcomes.append([r.outcome for r in reply.results])

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2
    for index in range(len(events)):
        assert sorted(outcome[index] for outcome in outcomes) == ["applied", "duplicate"]
    with pg_db.transaction() as session:
        assert ledger_sums(session, MEMBER) == (20_00, 0, 0)


def test_the_api_end_to_end_on_postgresql(pg_db: Database) -> None:
    clock = Clock()
    with TestClient(create_app(pg_db, clock=clock)) as client:
        counter = Counter(client, register(pg_db, "S001", "一号店"), clock)
        top_up = member_event(MEMBER, CARD, stored_value_entry(MEMBER, 50_00))
        events = [
            counter.event("MemberEnrolled", enrolled(MEMBER, CARD)),
            counter.event("TopUpMade", top_up),
        ]
        assert [r["outcome"] for r in counter.push(*events).json()["results"]] == [
            "applied",
            "applied",
        ]
        assert [r["outcome"] for r in counter.push(*events).json()["results"]] == [
            "duplicate",
            "duplicate",
        ]
        page = counter.get("/v1/sync/pull").json()
        assert [(m["member_id"], m["principal_fen"]) for m in page["members"]] == [(MEMBER, 50_00)]
        assert counter.get("/health").json()["database"] == "postgresql"


def test_two_stores_batches_moving_the_same_members_in_opposite_orders_all_apply(
    pg_db: Database,
) -> None:
    """One transaction a batch holds its members' locks to the commit: the batch locks them in
    id order first, so two batches naming them in opposite orders wait, never deadlock."""
    a, b = register(pg_db, "S001", "一号店"), register(pg_db, "S002", "二号店")
    members = [f"0190a000-0000-7000-8000-0000000001{n:02d}" for n in range(10)]
    opened = PushBatch(
        [
            _event(n + 1, "MemberEnrolled", enrolled(member, f"8800{n:04d}"))
            for n, member in enumerate(members)
        ]
    )
    assert isinstance(apply.push(pg_db, a.device_id, opened), PushReply)
    rounds = 5
    errors: list[BaseException] = []

    def push(device_id: str, first_seq: int, order: list[str]) -> None:
        try:
            for round_no in range(rounds):
                batch = PushBatch(
                    [
                        _event(
                            first_seq + round_no * len(order) + n,
                            "TopUpMade",
                            member_event(member, "", stored_value_entry(member, 1_00)),
                        )
                        for n, member in enumerate(order)
                    ]
                )
                reply = apply.push(pg_db, device_id, batch)
                assert isinstance(reply, PushReply)
                assert {r.outcome for r in reply.results} == {"applied"}
        except BaseException as exc:  # a thread's failure is reported by the test
            errors.append(exc)

    threads = [
        threading.Thread(target=push, args=(a.device_id, len(members) + 1, members)),
        threading.Thread(target=push, args=(b.device_id, 1, members[::-1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with pg_db.transaction() as session:
        for member_id in members:
            member = session.get(MemberRow, member_id)
            assert member is not None and member.principal_fen == 2 * rounds * 1_00
            assert ledger_sums(session, member_id) == (member.principal_fen, 0, 0)


def test_ids_with_quotes_commas_and_braces_are_found_again_on_postgresql(pg_db: Database) -> None:
    """Id lists go to PostgreSQL as an array's text: every id must come back whole, or a
    duplicate would be applied twice and a member's balance moved from the wrong row."""
    a = register(pg_db, "S001", "一号店")
    odd_member = 'm"1\\,{x} 会员'
    ids = ['e"1', "e\\2", "e,3", "{e4}", "e 5 事件"]
    events = [
        Event(event_id, seq, "TopUpMade", 1, member_event(odd_member, CARD, entry), "2026-11-23")
        for seq, (event_id, entry) in enumerate(
            ((i, stored_value_entry(odd_member, 1_00)) for i in ids), start=1
        )
    ]
    first = apply.push(pg_db, a.device_id, PushBatch(events))
    assert isinstance(first, PushReply)
    assert [r.outcome for r in first.results] == ["applied"] * 5
    again = apply.push(pg_db, a.device_id, PushBatch(events))
    assert isinstance(again, PushReply)
    assert [r.outcome for r in again.results] == ["duplicate"] * 5
    with pg_db.transaction() as session:
        member = session.get(MemberRow, odd_member)
        assert member is not None and member.principal_fen == 5_00
        assert ledger_sums(session, odd_member) == (5_00, 0, 0)


def test_the_reports_across_stores_give_the_same_answers_on_postgresql(pg_db: Database) -> None:
    """The settlement (window sums, interval overlaps), the groups and segments (day
    differences, FILTER, RANK), the sales report and the member metrics on PostgreSQL, over
    the history whose answers were worked out by hand for SQLite."""
    clock = Clock()
    november = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    with TestClient(create_app(pg_db, clock=clock)) as client:
        build_history(pg_db, client, clock)
    with pg_db.transaction() as session:
        owed = settlement.settlement(session, *november)
        later = settlement.settlement(session, dt.date(2026, 11, 24), november[1])
        found = analytics.membership(session, november[1])
        report = analytics.sales_report(session, *november)
        metrics = office_metrics(session, *november)
        again = office_metrics(session, *november)  # its purchases' table dropped after each call
    with pg_db.transaction() as session:  # nor left on the pooled connection
        assert office_metrics(session, *november) == metrics == again
        assert analytics.membership(session, november[1]) == found
    assert owed == HISTORY_OWED
    assert later == HISTORY_OWED_FROM_24TH
    assert {k: n for k, n in found.groups.items() if n} == HISTORY_GROUPS
    assert {k: n for k, n in found.segments.items() if n} == HISTORY_SEGMENTS
    assert (report.total.net_fen, report.total.member_fen, report.voids) == (635_00, 575_00, 1)
    assert dict(report.tenders) == HISTORY_TENDERS
    assert dict(metrics.values) == HISTORY_METRICS  # the counter's metric texts, on PostgreSQL
    assert (metrics.unknown_joined, metrics.unlined, metrics.fractional_lines) == (1, 0, 0)


def test_the_metrics_over_months_and_stores_give_the_same_answers_on_postgresql(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cohort triangle, the mix and the gaps between visits (day differences, LAG,
    substr) over three months and two stores, as on SQLite."""
    clock = Clock()
    with TestClient(create_app(pg_db, clock=clock)) as client:
        push_months(
            Counter(client, register(pg_db, "S001", "一号店"), clock),
            Counter(client, register(pg_db, "S002", "二号店"), clock),
        )
    with pg_db.transaction() as session:
        check_months(office_metrics(session, *MONTHS).values)
    with monkeypatch.context() as patched:  # a failure half way rolls back the purchases' table
        patched.setattr("headoffice.metrics._cards", _broken)
        with pytest.raises(RuntimeError), pg_db.transaction() as session:
            office_metrics(session, *MONTHS)
    with pg_db.transaction() as session:
        check_months(office_metrics(session, *MONTHS).values)


def _broken(*_: object) -> set[str]:
    raise RuntimeError("half way")


def test_the_rows_a_batch_copies_read_back_as_the_events_sent_them(pg_db: Database) -> None:
    """Inbox, sales, lines, payments, ledger entries and parked events go in by COPY, each
    value picked by its column's name: text with tabs, newlines and backslashes comes back
    whole, every timestamp is the batch's moment in UTC."""
    a = register(pg_db, "S001", "一号店")
    opened = PushBatch([_event(1, "MemberEnrolled", enrolled(MEMBER, CARD))])
    assert isinstance(apply.push(pg_db, a.device_id, opened), PushReply)
    odd = "奶茶\t大杯\n去冰 \\N \\ 末"
    order_id = new_id()
    payload = sale(
        "R\t1",
        18_00,
        stored_value_entry(MEMBER, -18_00, kind="spend", order_id=order_id),
        points_entry(MEMBER, 18, order_id=order_id),
        member_id=MEMBER,
        order_id=order_id,
    )
    line = {"line_discount_fen": 0, "promotion_ids": []}
    payload["lines"] = [
        line | {"product_id": "p1", "name": odd, "qty_milli": 2000, "net_fen": 18_00},
        line | {"product_id": None, "name": "袋", "qty_milli": 1000, "net_fen": 0},
    ]
    payload["payments"] = [{"method": "stored_value", "amount_fen": 18_00}]
    bad = _event(3, "SalePaid", sale("R2", 5_00) | {"business_day": "not\ta day"})
    before = utcnow()
    reply = apply.push(pg_db, a.device_id, PushBatch([_event(2, "SalePaid", payload), bad]))
    assert isinstance(reply, PushReply)
    assert [r.outcome for r in reply.results] == ["applied", "parked"]
    with pg_db.engine.connect() as connection:
        sales = connection.execute(
            text("SELECT receipt_no, total_fen, member_id, business_day FROM ho_sales")
        ).all()
        lines = connection.execute(
            text(
                "SELECT line_no, product_id, name, qty_milli, net_fen"
                " FROM ho_sale_lines ORDER BY line_no"
            )
        ).all()
        payments = connection.execute(
            text("SELECT seq, method, amount_fen FROM ho_sale_payments")
        ).all()
        entries = connection.execute(
            text(
                "SELECT principal_delta, order_id, reason, applied_at FROM ho_stored_value_entries"
                " WHERE principal_delta < 0"
            )
        ).all()
        points = connection.execute(text("SELECT delta, applied_at FROM ho_points_entries")).all()
        inbox = connection.execute(
            text("SELECT seq, outcome, applied_at FROM ho_inbox ORDER BY seq")
        ).all()
        parked = connection.execute(text("SELECT seq, reason FROM ho_parked")).all()
    assert sales == [("R\t1", 18_00, MEMBER, "2026-11-23")]
    assert lines == [(1, "p1", odd, 2000, 18_00), (2, None, "袋", 1000, 0)]
    assert payments == [(1, "stored_value", 18_00)]
    assert [(e[0], e[1], e[2]) for e in entries] == [(-18_00, order_id, "消费")]
    assert [p[0] for p in points] == [18]
    assert [(i[0], i[1]) for i in inbox] == [(1, "applied"), (2, "applied"), (3, "parked")]
    moments = {entries[0][3], points[0][1], inbox[1][2], inbox[2][2]}
    assert len(moments) == 1  # the batch's one moment, stored naive UTC
    (moment,) = moments
    assert before.replace(tzinfo=None) <= moment <= utcnow().replace(tzinfo=None)
    assert parked == [(3, "business_day: not a date: 'not\\ta day'")]
    with pg_db.transaction() as session:
        assert ledger_sums(session, MEMBER) == (-18_00, 0, 18)
