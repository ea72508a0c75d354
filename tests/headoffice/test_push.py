"""Pushing events: each applied once, in order, balances moved only by their ledger entries;
a sale never refused, an overdraft a case and a hot-list entry, a poison event parked."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.storage.ids import new_id
from app.sync.protocol import (
    MAX_BATCH,
    AuditAnchor,
    Event,
    PushBatch,
    PushReply,
    dumps,
    from_json,
    signed_headers,
)
from headoffice import api, apply
from headoffice.db import Database
from headoffice.ledgers import ledger_sums
from headoffice.models import (
    CaseRow,
    DeviceRow,
    InboxRow,
    MemberRow,
    ParkedRow,
    SaleRow,
    StoredValueEntryRow,
)
from tests.headoffice.conftest import (
    Counter,
    enrolled,
    member_event,
    points_entry,
    sale,
    stored_value_entry,
)

MEMBER = "0190a000-0000-7000-8000-000000000001"
CARD = "88000001"


def _member(db: Database, member_id: str = MEMBER) -> MemberRow:
    with db.transaction() as session:
        member = session.get(MemberRow, member_id)
        assert member is not None
        return member


def _balanced(db: Database, member_id: str = MEMBER) -> tuple[int, int, int]:
    """The member's cached balances, checked equal to the sums of their ledgers."""
    member = _member(db, member_id)
    with db.transaction() as session:
        assert ledger_sums(session, member_id) == (
            member.principal_fen,
            member.bonus_fen,
            member.points,
        )
    return member.principal_fen, member.bonus_fen, member.points


def _count(db: Database, table: type) -> int:
    with db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _enrol_and_top_up(counter: Counter, principal: int, bonus: int = 0) -> None:
    reply = counter.push(
        counter.event("MemberEnrolled", enrolled(MEMBER, CARD)),
        counter.event(
            "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, principal, bonus))
        ),
    )
    assert reply.status_code == 200, reply.text


def test_events_apply_in_order_and_a_second_copy_answers_duplicate_and_changes_nothing(
    ho_db: Database, store_a: Counter
) -> None:
    enrol = store_a.event("MemberEnrolled", enrolled(MEMBER, CARD))
    top_up = store_a.event(
        "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 500_00, 100_00))
    )
    first = store_a.push(enrol, top_up)
    assert first.status_code == 200
    reply = from_json(PushReply, first.json())
    assert [r.outcome for r in reply.results] == ["applied", "applied"]
    assert reply.last_seq == 2
    assert _balanced(ho_db) == (500_00, 100_00, 0)

    again = store_a.push(enrol, top_up)  # the response was lost: the worker sends it again
    assert [r["outcome"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    assert _balanced(ho_db) == (500_00, 100_00, 0)
    assert _count(ho_db, InboxRow) == 2
    assert store_a.get("/v1/sync/status").json()["last_seq"] == 2


def test_an_entry_carried_by_two_events_counts_once(ho_db: Database, store_a: Counter) -> None:
    """A member sale's payment entry rides in SalePaid and in MemberSaleRecorded."""
    _enrol_and_top_up(store_a, 100_00)
    order_id = new_id()
    spend = stored_value_entry(MEMBER, -30_00, kind="spend", order_id=order_id)
    earned = points_entry(MEMBER, 30, order_id=order_id)
    reply = store_a.push(
        store_a.event(
            "SalePaid",
            sale(
                "S001-01-20261123-0001", 30_00, spend, earned, member_id=MEMBER, order_id=order_id
            ),
        ),
        store_a.event("MemberSaleRecorded", member_event(MEMBER, CARD, earned, spend)),
    )
    assert reply.status_code == 200
    assert _balanced(ho_db) == (70_00, 0, 30)
    assert _count(ho_db, SaleRow) == 1


def test_a_gap_answers_409_with_the_sequence_expected_and_applies_nothing_after_it(
    ho_db: Database, store_a: Counter
) -> None:
    one = store_a.event("ShiftClosed", {"shift_id": "a"})
    two = store_a.event("ShiftClosed", {"shift_id": "b"})
    store_a.event("ShiftClosed", {"shift_id": "lost"})  # sequence 3 never arrives
    four = store_a.event("ShiftClosed", {"shift_id": "d"})
    reply = store_a.push(one, two, four)
    assert reply.status_code == 409
    assert reply.json() == {
        "code": "gap",
        "detail": "sequence 4 sent, 3 expected",
        "expected_seq": 3,
    }
    assert store_a.get("/v1/sync/status").json()["last_seq"] == 2
    assert _count(ho_db, InboxRow) == 2

    alone = store_a.push(store_a.event("ShiftClosed", {}, seq=7))
    assert alone.status_code == 409
    assert alone.json()["expected_seq"] == 3


def test_a_malformed_event_is_parked_acknowledged_and_the_queue_goes_on(
    ho_db: Database, store_a: Counter
) -> None:
    _enrol_and_top_up(store_a, 100_00)
    good_entry = stored_value_entry(MEMBER, -10_00, kind="spend")
    bad_entry = stored_value_entry(MEMBER, -5_00, kind="spend")
    bad_entry["principal_delta"] = "5.00"  # a float-ish string where fen belong
    poison = store_a.event("StoredValueSpent", member_event(MEMBER, CARD, good_entry, bad_entry))
    after = store_a.event("TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 1_00)))
    reply = store_a.push(poison, after)
    assert reply.status_code == 200
    assert [r["outcome"] for r in reply.json()["results"]] == ["parked", "applied"]
    assert reply.json()["last_seq"] == 4
    # the poison event's good half was rolled back with it: nothing of it moved a balance
    assert _balanced(ho_db) == (101_00, 0, 0)
    with ho_db.transaction() as session:
        parked = session.get(ParkedRow, poison.id)
        assert parked is not None
        assert "principal_delta" in parked.reason
        assert json.loads(parked.payload) == poison.payload
    assert store_a.push(poison).json()["results"][0]["outcome"] == "duplicate"


def test_an_unknown_schema_version_and_a_reused_sequence_are_parked_not_applied(
    ho_db: Database, store_a: Counter
) -> None:
    _enrol_and_top_up(store_a, 100_00)
    newer = Event(
        new_id(),
        3,
        "TopUpMade",
        2,
        member_event(MEMBER, CARD, stored_value_entry(MEMBER, 9_00)),
        "2026-11-23T10:00:00+00:00",
    )
    reused = store_a.event(
        "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 7_00)), seq=2
    )
    reply = store_a.push(newer, reused)
    assert [r["outcome"] for r in reply.json()["results"]] == ["parked", "parked"]
    assert _balanced(ho_db) == (100_00, 0, 0)
    assert reply.json()["last_seq"] == 3


def test_a_batch_above_the_limit_is_refused(store_a: Counter) -> None:
    events = [store_a.event("ShiftClosed", {}) for _ in range(MAX_BATCH + 1)]
    reply = store_a.push(*events)
    assert reply.status_code == 413
    assert reply.json()["code"] == "batch_too_large"


def test_a_body_above_the_limit_or_without_its_length_is_refused_before_it_is_read(
    ho_db: Database, store_a: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "MAX_BODY_BYTES", 2_000)
    big = store_a.push(*[store_a.event("ShiftClosed", {"note": "x" * 100}) for _ in range(20)])
    assert big.status_code == 413
    assert big.json()["code"] == "body_too_large"
    body = dumps(PushBatch([store_a.event("SalePaid", sale("R1", 12_50))], None, None))
    headers = signed_headers(
        store_a.device_id, store_a.registration.secret, "POST", "/v1/sync/push", body,
        now=store_a.clock(),
    )  # fmt: skip
    chunked = store_a.client.post("/v1/sync/push", content=iter([body]), headers=headers)
    assert chunked.status_code == 411
    assert chunked.json()["code"] == "length_required"
    assert (_count(ho_db, InboxRow), _count(ho_db, SaleRow)) == (0, 0)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'{"events": "none"}',
        b'{"events": [{"id": "e1", "seq": "1", "type": "SalePaid", "schema_version": 1,'
        b' "payload": {}, "created_at": "2026-11-23T10:00:00+00:00"}]}',
        b'{"events": [{"id": "e1", "seq": 1, "type": "SalePaid", "schema_version": 1,'
        b' "payload": [], "created_at": "2026-11-23T10:00:00+00:00"}]}',
        b'{"events": [{"id": "e1", "seq": 1, "type": "SalePaid", "schema_version": 1,'
        b' "payload": {}}]}',
    ],
)
def test_a_body_that_is_no_push_batch_answers_422_and_changes_nothing(
    ho_db: Database, store_a: Counter, body: bytes
) -> None:
    reply = store_a.request("POST", "/v1/sync/push", body)
    assert reply.status_code == 422, reply.text
    assert reply.json()["code"] == "bad_batch"
    assert reply.json()["detail"].startswith("not a push batch: ")
    assert (_count(ho_db, InboxRow), _count(ho_db, ParkedRow), _count(ho_db, SaleRow)) == (0, 0, 0)
    with ho_db.transaction() as session:
        device = session.get(DeviceRow, store_a.device_id)
        assert device is not None
        assert (device.last_seq, device.last_push_at) == (0, None)
    good = store_a.push(store_a.event("SalePaid", sale("R1", 12_50)))  # the queue goes on
    assert [r["outcome"] for r in good.json()["results"]] == ["applied"]


def test_the_same_member_spending_offline_in_two_stores_opens_exactly_one_overdraft_case(
    ho_db: Database, store_a: Counter, store_b: Counter
) -> None:
    _enrol_and_top_up(store_a, 80_00, 20_00)
    assert store_b.post("/v1/members/lookup", {"card_no": CARD}).status_code == 200  # a swipe
    spent_a = stored_value_entry(MEMBER, -80_00, -20_00, kind="spend")
    spent_b = stored_value_entry(MEMBER, -60_00, kind="spend")
    assert (
        store_a.push(
            store_a.event("StoredValueSpent", member_event(MEMBER, CARD, spent_a))
        ).status_code
        == 200
    )
    reply_b = store_b.push(store_b.event("StoredValueSpent", member_event(MEMBER, CARD, spent_b)))
    assert reply_b.json()["results"][0]["outcome"] == "applied"  # a completed sale is not refused
    assert _balanced(ho_db) == (-60_00, 0, 0)
    member = _member(ho_db)
    assert (member.hot, member.hot_reason) == (True, "overdraft")
    # B spends again before anyone looks: still one case, its amount the shortfall now
    more = stored_value_entry(MEMBER, -15_00, kind="spend")
    store_b.push(store_b.event("StoredValueSpent", member_event(MEMBER, CARD, more)))
    with ho_db.transaction() as session:
        cases = session.scalars(select(CaseRow).where(CaseRow.kind == "overdraft")).all()
        assert [(c.amount_fen, c.store_code, c.card_no, c.state) for c in cases] == [
            (75_00, "S002", CARD, "open")
        ]
    for counter in (store_a, store_b):  # the hot-list reaches both stores
        page = counter.get("/v1/sync/pull").json()
        assert page["hotlist"] == [
            {"member_id": MEMBER, "card_no": CARD, "reason": "overdraft", "on_list": True}
        ]
        (snapshot,) = page["members"]
        assert (snapshot["principal_fen"], snapshot["hot"]) == (-75_00, True)


def test_a_spend_within_the_balance_opens_no_case(ho_db: Database, store_a: Counter) -> None:
    _enrol_and_top_up(store_a, 50_00)
    spent = stored_value_entry(MEMBER, -50_00, kind="spend")
    store_a.push(store_a.event("StoredValueSpent", member_event(MEMBER, CARD, spent)))
    assert _balanced(ho_db) == (0, 0, 0)
    assert _count(ho_db, CaseRow) == 0
    assert not _member(ho_db).hot


def test_a_card_number_enrolled_at_two_stores_opens_a_clash_case_and_merges_no_one(
    ho_db: Database, store_a: Counter, store_b: Counter
) -> None:
    _enrol_and_top_up(store_a, 100_00)
    other = "0190a000-0000-7000-8000-000000000002"
    reply = store_b.push(store_b.event("MemberEnrolled", enrolled(other, CARD, name="李四")))
    assert reply.json()["results"][0]["outcome"] == "applied"
    with ho_db.transaction() as session:
        (case,) = session.scalars(select(CaseRow)).all()
        assert (case.kind, case.card_no, case.store_code, case.member_id) == (
            "card_clash",
            CARD,
            "S002",
            other,
        )
    assert _member(ho_db, other).name == "李四"
    assert _balanced(ho_db, other) == (0, 0, 0)
    found = store_b.post("/v1/members/lookup", {"card_no": CARD}).json()
    assert (found["member_id"], found["principal_fen"]) == (MEMBER, 100_00)


def test_a_ledger_entry_of_a_member_never_enrolled_here_makes_the_member(
    ho_db: Database, store_a: Counter
) -> None:
    """A member enrolled before the counter was registered: their money is not lost."""
    entry = stored_value_entry(MEMBER, 30_00)
    store_a.push(store_a.event("TopUpMade", member_event(MEMBER, CARD, entry)))
    assert _balanced(ho_db) == (30_00, 0, 0)
    assert (_member(ho_db).card_no, _member(ho_db).home_store) == (CARD, "S001")


def test_sales_refunds_voids_and_top_ups_are_recorded_for_the_export(
    ho_db: Database, store_a: Counter
) -> None:
    paid = sale("S001-01-20261123-0001", 12_50)
    store_a.push(
        store_a.event("SalePaid", paid),
        store_a.event("SaleRefunded", sale("S001-01-20261123-0002", -2_50, kind="refund")),
        store_a.event("TopUpPaid", sale("S001-01-20261123-0003", 100_00, kind="top_up")),
        store_a.event(
            "SaleVoided",
            {"order_id": paid["order_id"], "receipt_no": paid["receipt_no"], "ledger_entries": []},
        ),
    )
    with ho_db.transaction() as session:
        rows = session.scalars(select(SaleRow).order_by(SaleRow.receipt_no, SaleRow.kind)).all()
        assert [(r.receipt_no, r.kind, r.total_fen, r.business_day) for r in rows] == [
            ("S001-01-20261123-0001", "sale", 12_50, "2026-11-23"),
            ("S001-01-20261123-0001", "void", -12_50, "2026-11-23"),
            ("S001-01-20261123-0002", "refund", -2_50, "2026-11-23"),
            ("S001-01-20261123-0003", "top_up", 100_00, "2026-11-23"),
        ]


def test_the_same_batch_from_two_workers_at_once_is_applied_once(
    ho_db: Database, store_a: Counter
) -> None:
    events = [
        store_a.event("TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 1_00)))
        for _ in range(20)
    ]
    outcomes: list[list[str]] = []

    def worker() -> None:
        reply = apply.push(ho_db, store_a.device_id, PushBatch(events))
        assert isinstance(reply, PushReply)
        outcomes.append([r.outcome for r in reply.results])

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 2
    for index in range(len(events)):  # each event applied by exactly one of the two
        assert sorted(outcome[index] for outcome in outcomes) == ["applied", "duplicate"]
    assert _balanced(ho_db) == (20_00, 0, 0)
    assert _count(ho_db, StoredValueEntryRow) == 20


def test_an_audit_chain_that_shrinks_or_forks_is_flagged_and_the_last_good_head_kept(
    ho_db: Database, store_a: Counter, store_b: Counter
) -> None:
    tick = lambda c: c.event("ShiftClosed", {})  # noqa: E731
    assert store_a.push(tick(store_a), anchor=AuditAnchor(10, "h10")).json()["anchor_flag"] is None
    assert (
        store_a.push(tick(store_a), anchor=AuditAnchor(12, "h12", 10, "h10")).json()["anchor_flag"]
        is None
    )
    shrunk = store_a.push(tick(store_a), anchor=AuditAnchor(11, "h11"))
    assert shrunk.json()["anchor_flag"] == "shrunk"
    status = store_a.get("/v1/sync/status").json()
    assert (status["anchor"]["count"], status["anchor"]["hash"]) == (12, "h12")
    assert status["anchor_flag"] == "shrunk"

    store_b.push(tick(store_b), anchor=AuditAnchor(5, "h5"))
    forked = store_b.push(tick(store_b), anchor=AuditAnchor(9, "x9", 5, "other-h5"))
    assert forked.json()["anchor_flag"] == "forked"
    with ho_db.transaction() as session:
        kinds = sorted((c.store_code, c.kind) for c in session.scalars(select(CaseRow)))
        assert kinds == [("S001", "anchor"), ("S002", "anchor")]
        device = session.get(DeviceRow, store_b.device_id)
        assert device is not None and device.anchor_count == 5


def test_a_poison_event_in_the_middle_of_a_batch_is_parked_and_the_events_around_it_apply(
    ho_db: Database, store_a: Counter
) -> None:
    """One transaction a batch, a savepoint an event: the poison's own writes are rolled back
    to its savepoint, the events before and after it in the same batch still apply."""
    _enrol_and_top_up(store_a, 100_00)
    before = store_a.event(
        "StoredValueSpent",
        member_event(MEMBER, CARD, stored_value_entry(MEMBER, -10_00, kind="spend")),
    )
    bad_entry = points_entry(MEMBER, 5)
    bad_entry["delta"] = 2.5  # points are whole
    poison = store_a.event(
        "StoredValueSpent",
        member_event(MEMBER, CARD, stored_value_entry(MEMBER, -20_00, kind="spend"), bad_entry),
    )
    after = store_a.event(
        "SalePaid", sale("S001-01-20261123-0009", 30_00, points_entry(MEMBER, 30))
    )
    reply = store_a.push(before, poison, after)
    assert reply.status_code == 200, reply.text
    assert [r["outcome"] for r in reply.json()["results"]] == ["applied", "parked", "applied"]
    assert reply.json()["last_seq"] == 5
    assert _balanced(ho_db) == (90_00, 0, 30)  # nothing of the poison's -20.00 moved
    with ho_db.transaction() as session:
        assert session.get(ParkedRow, poison.id) is not None
        assert session.scalar(select(SaleRow.total_fen).where(SaleRow.event_id == after.id)) == (
            30_00
        )
        inbox = session.execute(select(InboxRow.seq, InboxRow.outcome).order_by(InboxRow.seq))
        assert inbox.all() == [
            (1, "applied"),
            (2, "applied"),
            (3, "applied"),
            (4, "parked"),
            (5, "applied"),
        ]


def test_a_member_change_noted_only_by_a_rolled_back_event_is_noted_again_by_the_next(
    ho_db: Database, store_a: Counter
) -> None:
    """The change log is written once per transaction and member; a poison event that noted the
    member first took its note with it, so the next event in the batch must write its own."""
    bad_entry = stored_value_entry(MEMBER, 50_00)
    bad_entry["bonus_delta"] = None
    poison = store_a.event(
        "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 5_00), bad_entry)
    )
    good = store_a.event("TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 20_00)))
    reply = store_a.push(poison, good)
    assert [r["outcome"] for r in reply.json()["results"]] == ["parked", "applied"]
    assert _balanced(ho_db) == (20_00, 0, 0)
    (snapshot,) = store_a.get("/v1/sync/pull").json()["members"]
    assert (snapshot["member_id"], snapshot["principal_fen"]) == (MEMBER, 20_00)


def test_the_same_event_twice_in_one_batch_is_applied_once(
    ho_db: Database, store_a: Counter
) -> None:
    top_up = store_a.event(
        "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 10_00))
    )
    reply = store_a.push(top_up, top_up)
    assert [r["outcome"] for r in reply.json()["results"]] == ["applied", "duplicate"]
    assert _balanced(ho_db) == (10_00, 0, 0)
    assert _count(ho_db, InboxRow) == 1


def test_a_batch_whose_commit_fails_leaves_nothing_applied_and_its_retry_applies_it_all(
    ho_db: Database, store_a: Counter
) -> None:
    _enrol_and_top_up(store_a, 100_00)
    events = [
        store_a.event(
            "SalePaid",
            sale(
                f"S001-01-20261123-{n:04d}",
                10_00,
                stored_value_entry(MEMBER, -10_00, kind="spend"),
                member_id=MEMBER,
            ),
        )
        for n in range(3)
    ]

    def disk_full(session: Session) -> None:
        """The disk fills as the third sale is about to be committed."""
        if session.scalar(select(func.count()).select_from(SaleRow)) == len(events):
            raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    event.listen(ho_db.sessions, "before_commit", disk_full)
    try:
        with pytest.raises(OperationalError):
            apply.push(ho_db, store_a.device_id, PushBatch(events))
    finally:
        event.remove(ho_db.sessions, "before_commit", disk_full)
    assert _balanced(ho_db) == (100_00, 0, 0)
    assert _count(ho_db, InboxRow) == 2  # the enrolment and the top-up, nothing of the batch
    assert _count(ho_db, SaleRow) == 0
    assert store_a.get("/v1/sync/status").json()["last_seq"] == 2

    reply = apply.push(ho_db, store_a.device_id, PushBatch(events))
    assert isinstance(reply, PushReply)
    assert [r.outcome for r in reply.results] == ["applied"] * 3
    assert _balanced(ho_db) == (70_00, 0, 0)
    assert _count(ho_db, SaleRow) == 3


def test_a_member_event_rolled_back_to_its_savepoint_keeps_the_moves_made_before_it(
    ho_db: Database, store_a: Counter
) -> None:
    """A spend moves the member in memory; an edit of the same member then fails inside its
    savepoint; a top-up after it moves the member again: every balance still equals its
    ledger."""
    _enrol_and_top_up(store_a, 100_00)
    spend = store_a.event(
        "StoredValueSpent",
        member_event(MEMBER, CARD, stored_value_entry(MEMBER, -40_00, kind="spend")),
    )
    bad_edit = store_a.event("MemberUpdated", {"member_id": MEMBER, "name": 42})
    top_up = store_a.event(
        "TopUpMade", member_event(MEMBER, CARD, stored_value_entry(MEMBER, 5_00, 1_00))
    )
    reply = store_a.push(spend, bad_edit, top_up)
    assert [r["outcome"] for r in reply.json()["results"]] == ["applied", "parked", "applied"]
    assert _balanced(ho_db) == (65_00, 1_00, 0)
    assert _member(ho_db).name == "张三"


def test_an_event_that_moved_members_inside_its_savepoint_and_then_failed_moves_no_one(
    ho_db: Database, store_a: Counter
) -> None:
    """A spend moves the member in memory; the next event makes a member unknown here and moves
    both inside its savepoint, then is found malformed (its business day): both moves go with
    it, and a spend after it moves the first member from the right balance."""
    _enrol_and_top_up(store_a, 100_00)
    stranger = "0190a000-0000-7000-8000-0000000000ff"
    first = store_a.event(
        "StoredValueSpent",
        member_event(MEMBER, CARD, stored_value_entry(MEMBER, -30_00, kind="spend")),
    )
    poison = store_a.event(
        "SalePaid",
        sale(
            "S001-01-20261123-0001",
            10_00,
            stored_value_entry(stranger, 50_00),
            stored_value_entry(MEMBER, -50_00, kind="spend"),
            day="not a day",
        ),
    )
    last = store_a.event(
        "StoredValueSpent",
        member_event(MEMBER, CARD, stored_value_entry(MEMBER, -80_00, kind="spend")),
    )
    reply = store_a.push(first, poison, last)
    assert [r["outcome"] for r in reply.json()["results"]] == ["applied", "parked", "applied"]
    assert _balanced(ho_db) == (-10_00, 0, 0)
    with ho_db.transaction() as session:
        assert session.get(MemberRow, stranger) is None
        (case,) = session.scalars(select(CaseRow))
        assert (case.kind, case.amount_fen) == ("overdraft", 10_00)  # from 70.00, not 20.00


def test_a_batch_moving_many_members_leaves_each_balance_equal_to_its_ledger(
    ho_db: Database, store_a: Counter
) -> None:
    """Moves are written as one statement for the batch: each member gets their own sum, a
    member moved by several events gets all of them, and an overdraft is seen at its entry."""
    members = [f"0190a000-0000-7000-8000-{n:012d}" for n in range(1, 6)]
    events = [
        store_a.event("MemberEnrolled", enrolled(member, f"8800010{n}"))
        for n, member in enumerate(members)
    ]
    for n, member in enumerate(members):
        events.append(
            store_a.event(
                "TopUpMade",
                member_event(member, f"8800010{n}", stored_value_entry(member, (n + 1) * 10_00)),
            )
        )
    for round_ in range(3):
        for n, member in enumerate(members):
            events.append(
                store_a.event(
                    "SalePaid",
                    sale(
                        f"S001-01-20261123-{round_}{n:03d}",
                        5_00,
                        stored_value_entry(member, -5_00, kind="spend"),
                        points_entry(member, 5),
                        member_id=member,
                    ),
                )
            )
    reply = store_a.push(*events)
    assert set(r["outcome"] for r in reply.json()["results"]) == {"applied"}
    assert [_balanced(ho_db, member) for member in members] == [
        (-5_00, 0, 15),
        (5_00, 0, 15),
        (15_00, 0, 15),
        (25_00, 0, 15),
        (35_00, 0, 15),
    ]
    with ho_db.transaction() as session:
        (case,) = session.scalars(select(CaseRow))
        assert (case.member_id, case.amount_fen) == (members[0], 5_00)
        assert session.get(MemberRow, members[0]).hot  # type: ignore[union-attr]
