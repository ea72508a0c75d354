"""A head office on a real SQLite file, its API through FastAPI's TestClient, and counters that
sign their requests with the shared protocol module."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.storage.ids import new_id
from app.sync.protocol import (
    AuditAnchor,
    Event,
    PushBatch,
    dumps,
    signed_headers,
)
from headoffice.api import create_app
from headoffice.db import Database, open_database
from headoffice.registry import Registration, add_store

NOW = 1_796_000_000.0
#: The address TestClient's requests come from: the office's pages answer it in these tests.
OFFICE_HOST = "testclient"


class Clock:
    """The server's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database upgraded to head; each test copies it (the upgrade once, not per test)."""
    path = tmp_path_factory.mktemp("ho_template") / "headoffice.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def ho_db(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    path = tmp_path / "headoffice.sqlite3"
    shutil.copy(migrated_template, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(ho_db: Database, clock: Clock) -> Iterator[TestClient]:
    app = create_app(ho_db, clock=clock, office_hosts=frozenset({OFFICE_HOST}))
    with TestClient(app) as test_client:
        yield test_client


class Counter:
    """A counter as the sync worker will be: its registration, its next sequence, and requests
    signed with the server's time."""

    def __init__(self, client: TestClient, registration: Registration, clock: Clock) -> None:
        self.client = client
        self.registration = registration
        self.clock = clock
        self.seq = 0

    @property
    def device_id(self) -> str:
        return self.registration.device_id

    def event(self, event_type: str, payload: dict[str, Any], *, seq: int | None = None) -> Event:
        if seq is None:
            self.seq += 1
            seq = self.seq
        return Event(new_id(), seq, event_type, 1, payload, "2026-11-23T10:00:00+00:00")

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        headers: dict[str, str] | None = None,
        now: float | None = None,
    ) -> Any:
        signed = signed_headers(
            self.device_id,
            self.registration.secret,
            method,
            path,
            body,
            now=self.clock() if now is None else now,
        )
        signed.update(headers or {})
        signed["content-type"] = "application/json"
        return self.client.request(method, path, content=body, headers=signed)

    def push(
        self, *events: Event, anchor: AuditAnchor | None = None, waiting: int | None = None
    ) -> Any:
        batch = PushBatch(list(events), anchor, waiting)
        return self.request("POST", "/v1/sync/push", dumps(batch))

    def post(self, path: str, data: object) -> Any:
        return self.request("POST", path, json.dumps(data).encode())

    def get(self, path: str) -> Any:
        return self.request("GET", path)


def register(db: Database, code: str, name: str, counter_no: int = 1) -> Registration:
    with db.transaction() as session:
        return add_store(session, code, name, counter_no=counter_no)


@pytest.fixture
def store_a(ho_db: Database, client: TestClient, clock: Clock) -> Counter:
    return Counter(client, register(ho_db, "S001", "一号店"), clock)


@pytest.fixture
def store_b(ho_db: Database, client: TestClient, clock: Clock) -> Counter:
    return Counter(client, register(ho_db, "S002", "二号店"), clock)


def enrolled(member_id: str, card_no: str, name: str = "张三") -> dict[str, Any]:
    """A ``MemberEnrolled`` payload as ``app.members.enrolment.enrol`` writes it."""
    return {
        "member_id": member_id,
        "card_no": card_no,
        "name": name,
        "phone_masked": "138****5678",
        "sex": None,
        "birthday": None,
        "card_type_id": "type-1",
        "joined_on": "2026-11-23",
        "expires_on": None,
        "home_store": "",
        "tags": "",
        "actor_id": "staff-1",
    }


def stored_value_entry(
    member_id: str,
    principal: int,
    bonus: int = 0,
    *,
    kind: str = "top_up",
    order_id: str | None = None,
) -> dict[str, Any]:
    """A stored-value ledger line's payload (``StoredValueLine.payload``)."""
    return {
        "ledger": "stored_value",
        "id": new_id(),
        "member_id": member_id,
        "kind": kind,
        "principal_delta": principal,
        "bonus_delta": bonus,
        "principal_after": 0,
        "bonus_after": 0,
        "order_id": order_id,
        "related_entry_id": None,
        "reason": "充值" if principal > 0 else "消费",
        "business_day": "2026-11-23",
    }


def points_entry(member_id: str, delta: int, *, order_id: str | None = None) -> dict[str, Any]:
    return {
        "ledger": "points",
        "id": new_id(),
        "member_id": member_id,
        "kind": "earn" if delta > 0 else "spend",
        "delta": delta,
        "balance_after": 0,
        "base_fen": 0,
        "expires_on": None,
        "order_id": order_id,
        "related_entry_id": None,
        "reason": "消费积分",
        "business_day": "2026-11-23",
    }


def member_event(member_id: str, card_no: str, *entries: dict[str, Any]) -> dict[str, Any]:
    """The payload ``app.members.accounts.emit`` writes (TopUpMade, StoredValueSpent...)."""
    return {
        "member_id": member_id,
        "card_no": card_no,
        "entries": list(entries),
        "principal_fen": 0,
        "bonus_fen": 0,
        "points": 0,
        "actor_id": "staff-1",
        "approver_id": None,
    }


def sale(
    receipt_no: str,
    total_fen: int,
    *entries: dict[str, Any],
    kind: str = "sale",
    day: str = "2026-11-23",
    member_id: str | None = None,
    order_id: str | None = None,
) -> dict[str, Any]:
    """An order payload as ``app.pos.order_rows.order_payload`` writes it (lines left out)."""
    return {
        "order_id": order_id or new_id(),
        "receipt_no": receipt_no,
        "kind": kind,
        "state": "paid",
        "business_day": day,
        "created_at": f"{day}T10:00:00+00:00",
        "cashier_id": "staff-1",
        "approver_id": None,
        "shift_id": None,
        "member_id": member_id,
        "original_order_id": None,
        "subtotal_fen": total_fen,
        "discount_fen": 0,
        "rounding_fen": 0,
        "total_fen": total_fen,
        "change_fen": 0,
        "lines": [],
        "payments": [],
        "ledger_entries": list(entries),
    }
