"""What a counter reads back: pulls from a cursor, a member looked up online, and holds."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from app.storage.ids import new_id
from app.sync.protocol import PullPage, from_json, phone_key
from headoffice import pull
from headoffice.db import Database
from headoffice.models import HoldRow
from tests.headoffice.conftest import (
    Counter,
    enrolled,
    member_event,
    points_entry,
    sale,
    stored_value_entry,
)

ALICE = "0190a000-0000-7000-8000-00000000000a"
BOB = "0190a000-0000-7000-8000-00000000000b"


def _page(counter: Counter, cursor: str = "") -> PullPage:
    reply = counter.get(f"/v1/sync/pull?cursor={cursor}")
    assert reply.status_code == 200, reply.text
    return from_json(PullPage, reply.json())


def _enrol(counter: Counter, member_id: str, card_no: str, top_up: int = 0) -> None:
    events = [counter.event("MemberEnrolled", enrolled(member_id, card_no))]
    if top_up:
        entry = stored_value_entry(member_id, top_up)
        events.append(counter.event("TopUpMade", member_event(member_id, card_no, entry)))
    assert counter.push(*events).status_code == 200


def test_a_pull_brings_the_stores_own_members_once_and_then_only_what_changed(
    store_a: Counter, store_b: Counter
) -> None:
    _enrol(store_a, ALICE, "88000001", top_up=100_00)
    _enrol(store_b, BOB, "88000002")
    first = _page(store_b)
    assert [(m.member_id, m.principal_fen) for m in first.members] == [(BOB, 0)]
    assert not first.more
    assert _page(store_b, first.next_cursor).members == []

    points = points_entry(BOB, 40)
    store_b.push(store_b.event("PointsAdjusted", member_event(BOB, "88000002", points)))
    later = _page(store_b, first.next_cursor)
    assert [(m.member_id, m.points) for m in later.members] == [(BOB, 40)]
    assert later.next_cursor != first.next_cursor
    assert _page(store_b, later.next_cursor).members == []


def test_a_store_follows_a_member_of_another_store_once_it_looked_them_up(
    store_a: Counter, store_b: Counter
) -> None:
    _enrol(store_a, ALICE, "88000001", top_up=100_00)
    cursor = _page(store_b).next_cursor
    assert store_b.post("/v1/members/lookup", {"card_no": "88000001"}).status_code == 200
    top_up = stored_value_entry(ALICE, 50_00)
    store_a.push(store_a.event("TopUpMade", member_event(ALICE, "88000001", top_up)))
    page = _page(store_b, cursor)
    assert [(m.member_id, m.principal_fen) for m in page.members] == [(ALICE, 150_00)]


def test_a_pull_that_finds_nothing_for_the_store_still_moves_past_the_others_changes(
    ho_db: Database, store_a: Counter, store_b: Counter
) -> None:
    cursor = _page(store_b).next_cursor
    _enrol(store_a, ALICE, "88000001", top_up=100_00)
    page = _page(store_b, cursor)
    assert page.members == []
    assert page.next_cursor != cursor  # the next pull does not read A's changes again
    assert pull.parse_cursor(page.next_cursor) > pull.parse_cursor(cursor)


def test_pages_follow_one_another_without_losing_a_change(
    ho_db: Database, store_a: Counter
) -> None:
    ids = [f"0190a000-0000-7000-8000-0000000001{n:02d}" for n in range(7)]
    for number, member_id in enumerate(ids):
        _enrol(store_a, member_id, f"8800010{number}")
    seen: list[str] = []
    cursor = ""
    while True:
        page = pull.pull(ho_db, "S001", cursor, page_size=3)
        seen.extend(m.member_id for m in page.members)
        cursor = page.next_cursor
        if not page.more:
            break
    assert seen == ids


def test_a_bad_cursor_is_refused_plainly(store_a: Counter) -> None:
    reply = store_a.get("/v1/sync/pull?cursor=yesterday")
    assert reply.status_code == 422
    assert reply.json() == {"code": "bad_cursor", "detail": "not a cursor: 'yesterday'"}


def test_a_member_is_looked_up_by_card_or_by_phone_key(store_a: Counter) -> None:
    payload = enrolled(ALICE, "88000001")
    payload["phone_key"] = phone_key("138 1234 5678")
    store_a.push(store_a.event("MemberEnrolled", payload))
    by_card = store_a.post("/v1/members/lookup", {"card_no": "88000001"})
    assert by_card.json()["member_id"] == ALICE
    by_phone = store_a.post("/v1/members/lookup", {"phone_key": phone_key("13812345678")})
    assert by_phone.json()["member_id"] == ALICE
    missing = store_a.post("/v1/members/lookup", {"card_no": "99999999"})
    assert (missing.status_code, missing.json()["code"]) == (404, "no_member")
    empty = store_a.post("/v1/members/lookup", {})
    assert empty.status_code == 422


def _hold(counter: Counter, member_id: str, amount: int, **extra: object) -> dict[str, object]:
    body = {
        "hold_id": extra.pop("hold_id", new_id()),
        "ledger": "stored_value",
        "amount": amount,
        "order_id": extra.pop("order_id", new_id()),
        **extra,
    }
    reply = counter.post(f"/v1/members/{member_id}/holds", body)
    assert reply.status_code == 200, reply.text
    result: dict[str, object] = reply.json()
    return result


def test_a_hold_reserves_money_another_store_cannot_spend_and_the_sale_settles_it(
    store_a: Counter, store_b: Counter
) -> None:
    _enrol(store_a, ALICE, "88000001", top_up=100_00)
    order_id = new_id()
    held = _hold(store_b, ALICE, 70_00, order_id=order_id)
    assert (held["state"], held["available"]) == ("authorised", 30_00)
    refused = _hold(store_a, ALICE, 40_00)
    assert (refused["state"], refused["detail"], refused["available"]) == (
        "refused",
        "余额不足",
        30_00,
    )
    spend = stored_value_entry(ALICE, -70_00, kind="spend", order_id=order_id)
    store_b.push(store_b.event("SalePaid", sale("S002-01-1", 70_00, spend, order_id=order_id)))
    again = _hold(store_b, ALICE, 70_00, hold_id=held["hold_id"], order_id=order_id)
    assert (again["state"], again["available"]) == ("settled", 30_00)
    assert _hold(store_a, ALICE, 30_00)["state"] == "authorised"


def test_a_hold_expires_and_a_released_hold_frees_its_amount(
    ho_db: Database, store_a: Counter
) -> None:
    _enrol(store_a, ALICE, "88000001", top_up=50_00)
    first = _hold(store_a, ALICE, 50_00)
    assert _hold(store_a, ALICE, 1)["state"] == "refused"
    with ho_db.transaction() as session:
        session.execute(
            update(HoldRow)
            .where(HoldRow.id == first["hold_id"])
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    second = _hold(store_a, ALICE, 50_00)
    assert second["state"] == "authorised"
    released = store_a.request("DELETE", f"/v1/members/{ALICE}/holds/{second['hold_id']}")
    assert (released.json()["state"], released.json()["available"]) == ("released", 50_00)


def test_a_member_on_the_hot_list_gets_no_hold(store_a: Counter, store_b: Counter) -> None:
    _enrol(store_a, ALICE, "88000001", top_up=10_00)
    overdraw = stored_value_entry(ALICE, -20_00, kind="spend")
    store_b.push(store_b.event("StoredValueSpent", member_event(ALICE, "88000001", overdraw)))
    store_a.push(
        store_a.event(
            "TopUpMade", member_event(ALICE, "88000001", stored_value_entry(ALICE, 500_00))
        )
    )
    refused = _hold(store_a, ALICE, 1_00)
    assert refused["state"] == "refused"
    assert "黑名单" in str(refused["detail"])


def test_a_hold_for_an_unknown_member_or_of_nothing_is_refused(store_a: Counter) -> None:
    body = {"hold_id": new_id(), "ledger": "points", "amount": 5, "order_id": new_id()}
    missing = store_a.post(f"/v1/members/{ALICE}/holds", body)
    assert (missing.status_code, missing.json()["code"]) == (404, "no_member")
    _enrol(store_a, ALICE, "88000001")
    zero = store_a.post(f"/v1/members/{ALICE}/holds", {**body, "amount": 0})
    assert (zero.status_code, zero.json()["code"]) == (422, "bad_amount")
