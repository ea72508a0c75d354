"""Every /v1 request is signed by its counter: what is refused, and why, in plain words."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.sync.protocol import (
    CLOCK_WINDOW_S,
    DEVICE_HEADER,
    PUSH_PATH,
    SERVER_TIME_HEADER,
    SIGNATURE_HEADER,
    PushBatch,
    dumps,
    signed_headers,
)
from headoffice.db import Database
from headoffice.models import InboxRow, NonceRow
from tests.headoffice.conftest import NOW, Clock, Counter


def test_a_signed_request_is_served_and_every_reply_carries_the_server_time(
    store_a: Counter,
) -> None:
    reply = store_a.get("/v1/sync/status")
    assert reply.status_code == 200
    assert reply.json()["store_code"] == "S001"
    assert reply.headers[SERVER_TIME_HEADER] == str(int(NOW))


def test_an_unsigned_request_is_refused_with_the_server_time(client: TestClient) -> None:
    reply = client.get("/v1/sync/status")
    assert reply.status_code == 401
    assert reply.json() == {"code": "unsigned", "detail": "request not signed"}
    assert reply.headers[SERVER_TIME_HEADER] == str(int(NOW))


def test_a_wrong_secret_is_refused(store_a: Counter) -> None:
    headers = signed_headers(store_a.device_id, "0" * 64, "GET", "/v1/sync/status", b"", now=NOW)
    reply = store_a.client.get("/v1/sync/status", headers=headers)
    assert reply.status_code == 401
    assert reply.json()["code"] == "bad_signature"


def test_an_unknown_device_is_refused(store_a: Counter) -> None:
    reply = store_a.request("GET", "/v1/sync/status", headers={DEVICE_HEADER: "no-such-device"})
    assert reply.status_code == 401
    assert reply.json()["code"] == "bad_signature"


def test_a_body_changed_after_signing_is_refused(store_a: Counter) -> None:
    body = b'{"events":[]}'
    headers = signed_headers(
        store_a.device_id, store_a.registration.secret, "POST", "/v1/sync/push", body, now=NOW
    )
    reply = store_a.client.post("/v1/sync/push", content=b'{"events": []}', headers=headers)
    assert reply.status_code == 401
    assert reply.json()["code"] == "bad_signature"


def test_the_query_string_is_signed(store_a: Counter) -> None:
    headers = signed_headers(
        store_a.device_id, store_a.registration.secret, "GET", "/v1/sync/pull?cursor=", b"", now=NOW
    )
    reply = store_a.client.get("/v1/sync/pull?cursor=0.5", headers=headers)
    assert reply.status_code == 401
    assert reply.json()["code"] == "bad_signature"


def test_a_reused_nonce_is_refused(store_a: Counter) -> None:
    headers = signed_headers(
        store_a.device_id, store_a.registration.secret, "GET", "/v1/sync/status", b"", now=NOW
    )
    assert store_a.client.get("/v1/sync/status", headers=headers).status_code == 200
    again = store_a.client.get("/v1/sync/status", headers=headers)
    assert again.status_code == 401
    assert again.json() == {"code": "nonce_reused", "detail": "nonce already used"}


def test_a_stale_timestamp_is_refused_and_the_counter_signs_again_with_the_server_time(
    store_a: Counter, clock: Clock
) -> None:
    """A counter whose clock is a day behind: refused, then right with the reply's time."""
    day_behind = NOW - 86_400
    refused = store_a.request("GET", "/v1/sync/status", now=day_behind)
    assert refused.status_code == 401
    assert refused.json()["code"] == "stale_timestamp"
    server_time = float(refused.headers[SERVER_TIME_HEADER])
    assert store_a.request("GET", "/v1/sync/status", now=server_time).status_code == 200
    edge = store_a.request("GET", "/v1/sync/status", now=NOW + CLOCK_WINDOW_S)
    assert edge.status_code == 200
    past_edge = store_a.request("GET", "/v1/sync/status", now=NOW + CLOCK_WINDOW_S + 1)
    assert past_edge.json()["code"] == "stale_timestamp"


def test_a_signature_of_another_device_does_not_pass_for_this_one(
    store_a: Counter, store_b: Counter
) -> None:
    headers = signed_headers(
        store_b.device_id, store_b.registration.secret, "GET", "/v1/sync/status", b"", now=NOW
    )
    headers[DEVICE_HEADER] = store_a.device_id
    reply = store_a.client.get("/v1/sync/status", headers=headers)
    assert reply.status_code == 401
    assert SIGNATURE_HEADER in headers


def test_each_device_sees_its_own_status(store_a: Counter, store_b: Counter) -> None:
    store_a.push(store_a.event("ShiftClosed", {"shift_id": "x"}))
    assert store_a.get("/v1/sync/status").json()["last_seq"] == 1
    status_b = store_b.get("/v1/sync/status").json()
    assert (status_b["store_code"], status_b["last_seq"]) == ("S002", 0)


def test_a_replayed_push_is_refused_and_changes_nothing(ho_db: Database, store_a: Counter) -> None:
    """The push keeps its nonce in the batch's own transaction: a copy of it is still refused."""
    body = dumps(PushBatch([store_a.event("ShiftClosed", {"shift_id": "x"})]))
    headers = signed_headers(
        store_a.device_id, store_a.registration.secret, "POST", PUSH_PATH, body, now=NOW
    )
    headers["content-type"] = "application/json"
    assert store_a.client.post(PUSH_PATH, content=body, headers=headers).status_code == 200
    again = store_a.client.post(PUSH_PATH, content=body, headers=headers)
    assert again.status_code == 401
    assert again.json() == {"code": "nonce_reused", "detail": "nonce already used"}
    with ho_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(InboxRow)) == 1
        assert session.scalar(select(func.count()).select_from(NonceRow)) == 1


def test_a_push_whose_batch_rolled_back_leaves_its_nonce_unused(
    ho_db: Database, store_a: Counter
) -> None:
    """Nothing of a failed push stays, its nonce neither: the same signed request, sent again,
    is served once, and refused after that."""
    body = dumps(PushBatch([store_a.event("ShiftClosed", {"shift_id": "x"})]))
    headers = signed_headers(
        store_a.device_id, store_a.registration.secret, "POST", PUSH_PATH, body, now=NOW
    )
    headers["content-type"] = "application/json"

    def disk_full(session: Session) -> None:
        raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    event.listen(ho_db.sessions, "before_commit", disk_full)
    try:
        with pytest.raises(OperationalError):
            store_a.client.post(PUSH_PATH, content=body, headers=headers)
    finally:
        event.remove(ho_db.sessions, "before_commit", disk_full)
    with ho_db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(NonceRow)) == 0
        assert session.scalar(select(func.count()).select_from(InboxRow)) == 0
    reply = store_a.client.post(PUSH_PATH, content=body, headers=headers)
    assert reply.status_code == 200
    assert [r["outcome"] for r in reply.json()["results"]] == ["applied"]
    again = store_a.client.post(PUSH_PATH, content=body, headers=headers)
    assert again.json()["code"] == "nonce_reused"
