"""The push worker against a real head office: what a lost acknowledgement, a head office
restored from an older backup, a counter clock a day off and a busy head office do, and that a
sequence is never sent with other content."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter
from sqlalchemy import func, select, text, update

from app.members.enrolment import enrol
from app.members.stored_value import top_up
from app.storage.models import OutboxRow
from app.sync import queue
from app.sync.client import HeadOfficeClient, HeadOfficeUnreachable
from app.sync.worker import BACKOFF_CAP_S, SequenceConflict, SyncWorker, full_jitter, retry_wait
from headoffice.models import DeviceRow, InboxRow
from tests.sync.conftest import HeadOffice, Store


def _events(store: Store, count: int) -> None:
    """``count`` top-ups (and an enrolment first): each one event in the outbox."""
    today = store.service.today()
    with store.db.transaction() as session:
        member = enrol(
            session,
            card_no="88000042",
            phone="13900004242",
            name="王五",
            on=today,
            actor_id=store.cashier.id,
        )
        for _ in range(count):
            top_up(session, member.id, 10_00, on=today, actor_id=store.cashier.id)


def _applied(office: HeadOffice, store: Store) -> tuple[int, int]:
    """(the device's last sequence, inbox rows) at the head office."""
    device_id = store.config.headoffice.device_id if store.config.headoffice else ""
    with office.db.transaction() as session:
        device = session.get(DeviceRow, device_id)
        assert device is not None
        inbox = session.scalar(
            select(func.count()).select_from(InboxRow).where(InboxRow.device_id == device_id)
        )
        return device.last_seq, int(inbox or 0)


def _local_last(store: Store) -> int:
    with store.db.reading() as session:
        return int(session.scalar(select(func.max(OutboxRow.seq))) or 0)


def test_a_lost_acknowledgement_is_sent_again_and_answered_duplicate(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, _ = stores
    _events(a, 3)
    a.worker.run_once()
    with a.db.transaction() as session:  # as if killed after sending, before recording
        session.execute(update(OutboxRow).values(sent_at=None))
    report = a.worker.run_once()
    assert report.push.duplicate == report.push.sent == _local_last(a)
    assert report.push.applied == 0 and report.all_acknowledged
    last = _local_last(a)
    assert _applied(headoffice, a) == (last, last)


def test_a_head_office_restored_from_an_older_backup_is_sent_what_it_lost(
    headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, _ = stores
    _events(a, 2)
    a.worker.run_once()
    before = _local_last(a)
    backup = headoffice.backup(tmp_path / "older.sqlite3")
    _events_more(a)
    a.worker.run_once()
    headoffice.restore(backup)
    assert _applied(headoffice, a)[0] == before
    report = a.worker.run_once()
    last = _local_last(a)
    assert report.push.applied == last - before and report.all_acknowledged
    assert _applied(headoffice, a) == (last, last)


def _events_more(store: Store) -> None:
    today = store.service.today()
    with store.db.transaction() as session:
        member_id = session.execute(text("SELECT id FROM members LIMIT 1")).scalar_one()
        top_up(session, member_id, 5_00, on=today, actor_id=store.cashier.id)


def test_a_sequence_is_never_sent_again_with_other_content(
    headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, _ = stores
    backup = headoffice.backup(tmp_path / "empty.sqlite3")
    _events(a, 1)
    a.worker.run_once()
    headoffice.restore(backup)  # it must be sent again: from sequence 1
    with a.db.transaction() as session:  # the event under sequence 1 is not the one sent
        session.execute(update(OutboxRow).where(OutboxRow.seq == 1).values(id="not-the-same"))
    with pytest.raises(SequenceConflict, match="与已发送的内容不同"):
        a.worker.run_once()


def test_a_counter_clock_a_day_off_signs_with_the_head_offices_time(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, _ = stores
    assert a.config.headoffice is not None
    client = HeadOfficeClient(a.config.headoffice, wall_clock=lambda: time.time() - 86_400)
    worker = SyncWorker(a.db, a.config, client)
    _events(a, 1)
    assert worker.run_once().all_acknowledged
    assert client.clock_skew_s is not None and abs(client.clock_skew_s + 86_400) < 60
    client.close()


class _Busy(BaseAdapter):
    """A head office answering 503 with Retry-After, as a proxy in front of it would."""

    def send(self, request: Any, *args: Any, **kwargs: Any) -> requests.Response:
        response = requests.Response()
        response.status_code = 503
        response.headers["Retry-After"] = "120"
        response._content = b"busy"
        response.request = request
        return response

    def close(self) -> None:
        pass


def test_a_busy_head_office_is_waited_for_at_least_its_retry_after(
    stores: tuple[Store, Store],
) -> None:
    a, _ = stores
    assert a.config.headoffice is not None
    session = requests.Session()
    session.mount("http://", _Busy())
    worker = SyncWorker(a.db, a.config, HeadOfficeClient(a.config.headoffice, session=session))
    with pytest.raises(HeadOfficeUnreachable) as refused:
        worker.run_once()
    assert refused.value.retry_after == 120
    assert retry_wait(1, refused.value.retry_after, lambda: 0.5) == 120
    assert retry_wait(12, None, lambda: 0.999) <= BACKOFF_CAP_S
    assert [full_jitter(n, lambda: 1.0) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]


def test_a_backlog_too_big_for_one_push_goes_in_several_that_fit(
    headoffice: HeadOffice, stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = stores
    _events(a, 9)
    with a.db.reading() as session:
        sizes = [len(p) for p in session.scalars(select(OutboxRow.payload))]
    budget = 3 * max(sizes)  # three events a push at most
    pushes: list[int] = []

    def fitting(events: list[queue.RawEvent]) -> list[queue.RawEvent]:
        kept = original(events, budget)
        pushes.append(len(kept))
        return kept

    original = queue.fitting_one_push
    monkeypatch.setattr(queue, "fitting_one_push", fitting)
    report = a.worker.run_once()
    last = _local_last(a)
    assert report.all_acknowledged and report.push.applied == last
    assert _applied(headoffice, a) == (last, last)
    assert len(pushes) >= 4 and all(1 <= n <= 3 for n in pushes)


def test_one_push_keeps_the_first_event_even_when_it_alone_is_over_the_budget() -> None:
    events = [
        queue.RawEvent(f"e{seq}", seq, "TopUpMade", 1, "x" * size, "2026-12-02 10:00:00")
        for seq, size in ((1, 50), (2, 10), (3, 10))
    ]
    assert [e.seq for e in queue.fitting_one_push(events, 5)] == [1]
    assert [e.seq for e in queue.fitting_one_push(events, 60)] == [1, 2]
    assert [e.seq for e in queue.fitting_one_push(events, 70)] == [1, 2, 3]
    assert queue.fitting_one_push([], 70) == []
