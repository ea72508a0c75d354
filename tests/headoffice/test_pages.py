"""The office's pages: each counter's sync state, the cases with their resolution, a member
across stores with every ledger entry and where it happened; text escaped, loopback only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.sync.protocol import AuditAnchor
from headoffice.api import create_app
from headoffice.cli import main
from headoffice.db import Database
from headoffice.models import CaseRow
from tests.headoffice.conftest import (
    Counter,
    enrolled,
    member_event,
    points_entry,
    stored_value_entry,
)

MEMBER = "0190a000-0000-7000-8000-0000000000d1"
CARD = "88000001"


def _overdraw(store_a: Counter, store_b: Counter, name: str = "张三") -> None:
    store_a.push(
        store_a.event("MemberEnrolled", enrolled(MEMBER, CARD, name=name)),
        store_a.event(
            "TopUpMade",
            member_event(MEMBER, CARD, stored_value_entry(MEMBER, 30_00), points_entry(MEMBER, 8)),
        ),
    )
    spent = stored_value_entry(MEMBER, -45_00, kind="spend")
    store_b.push(store_b.event("StoredValueSpent", member_event(MEMBER, CARD, spent)))


def test_the_stores_page_shows_each_counters_sync_state(
    client: TestClient, store_a: Counter, store_b: Counter
) -> None:
    store_a.push(store_a.event("ShiftClosed", {}), anchor=AuditAnchor(4, "h4"))
    store_a.push(store_a.event("ShiftClosed", {}), anchor=AuditAnchor(3, "h3"), waiting=1301)
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "S001 一号店" in text and "S002 二号店" in text
    assert "变短（记录被删）" in text  # the shrunk anchor of S001
    assert "+0 秒" in text
    assert "<td>1300</td>" in text  # the backlog S001 reported after its batch


def test_a_member_page_shows_every_entry_and_where_it_happened_escaped(
    client: TestClient, store_a: Counter, store_b: Counter
) -> None:
    _overdraw(store_a, store_b, name="<b>张三</b>")
    text = client.get(f"/members?q={CARD}").text
    assert "&lt;b&gt;张三&lt;/b&gt;" in text and "<b>张三" not in text
    assert "S001-01" in text and "S002-01" in text
    assert '<span class="neg">-15.00</span>' in text
    assert "黑名单（透支）" in text
    assert "没有找到会员" in client.get("/members?q=nobody").text


def test_a_resolved_case_shows_its_resolution_and_the_member_leaves_the_hot_list(
    ho_db: Database, client: TestClient, store_a: Counter, store_b: Counter
) -> None:
    _overdraw(store_a, store_b)
    cursor = store_a.get("/v1/sync/pull").json()["next_cursor"]
    with ho_db.transaction() as session:
        (case_id,) = session.scalars(select(CaseRow.id)).all()
    assert "储值透支" in client.get("/cases").text
    assert main(["--db", ho_db.url, "resolve-case", case_id, "会员已补交 15 元"]) == 0
    cases = client.get("/cases").text
    assert "已处理" in cases and "会员已补交 15 元" in cases
    page = store_a.get(f"/v1/sync/pull?cursor={cursor}").json()
    assert page["hotlist"] == [
        {"member_id": MEMBER, "card_no": CARD, "reason": "", "on_list": False}
    ]


def test_resolving_an_unknown_case_is_refused_plainly(
    ho_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", ho_db.url, "resolve-case", "no-such-case", "done"]) == 1
    assert "没有这个事项" in capsys.readouterr().err


def test_the_pages_answer_only_on_the_servers_own_machine(ho_db: Database) -> None:
    with TestClient(create_app(ho_db)) as elsewhere:  # TestClient's address is not loopback
        assert elsewhere.get("/").status_code == 403
        assert elsewhere.get(f"/members?q={CARD}").status_code == 403
        for path in ("/sales", "/segments", "/settlement"):
            assert elsewhere.get(path).status_code == 403
        assert elsewhere.get("/health").status_code == 200
