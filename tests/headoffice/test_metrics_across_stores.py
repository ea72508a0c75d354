"""Across stores: the counter's member metrics over every store's data (``/metrics``), checked
against the three-store history of ``test_across_stores`` whose every answer was worked out by
hand (below); the PostgreSQL test expects the same :data:`HISTORY_METRICS`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.members.analytics_terms import METRIC_TERMS
from headoffice import analytics
from headoffice.db import Database
from headoffice.metrics import office_metrics
from headoffice.models import MemberRow, SaleRow
from tests.headoffice.conftest import Clock, Counter, enrolled
from tests.headoffice.test_across_stores import (
    HISTORY_SEGMENTS,
    M1,
    M2,
    M3,
    NOVEMBER,
    _sale,
    build_history,
)

# Purchases up to 11-30, net of refunds naming them: M1 430 (S002, 11-22) and 30 (S003, 11-24:
# 40 less the 10 refunded 11-25); a walk-in's 60 (S001, 11-22; the voided 30 is none); M2 55
# (S001, 11-23) and 20 (S003, 11-25); M3 40 (S001, 11-23). Every sale has one line of 1 item.
# Members on 11-30: M1 (joined 11-01), M2 (joining day unknown: long ago), M3 (11-23), M4
# (2025-01-05, never bought).
HISTORY_METRICS: dict[str, Any] = {
    "from": "2026-11-01",
    "to": "2026-11-30",
    "members": 4,
    "new_members": 2,  # M1, M3 (M2's day unknown: not new)
    "activation_rate": 0.5,
    "churn_rate": 0.25,  # M4: joined over 365 days ago, no purchase in them
    "sales_fen": 635_00,  # 430 + 60 + 55 + 40 + 30 + 20
    "member_sales_fen": 575_00,  # all but the walk-in's 60
    "member_sales_share": 0.9055,  # 575 / 635
    "active_members": 3,
    "repeat_rate": 0.6667,  # M1 and M2 bought twice, of 3
    "dau": 0.17,  # member-days 11-22 M1, 11-23 M2 M3, 11-24 M1, 11-25 M2: 5 / 30 days
    "wau": 2,  # from 11-24: M1 (11-24), M2 (11-25)
    "mau": 3,
    "visits_per_active_member": 1.67,  # 5 / 3
    "spend_per_active_member_fen": 191_67,  # 575 / 3 = 191.666…
    "recency": {  # on 11-30: M1 6 days, M2 5, M3 7; M4 never
        "0-7": 3,
        "8-30": 0,
        "31-90": 0,
        "91-180": 0,
        "181-365": 0,
        "366+": 0,
        "never": 1,
    },
    "visit_gap_days": {  # M1 11-22 to 11-24, M2 11-23 to 11-25
        "0": 0,
        "1-7": 2,
        "8-14": 0,
        "15-30": 0,
        "31-60": 0,
        "61-90": 0,
        "91-180": 0,
        "181+": 0,
    },
    "retention": [{"cohort": "2026-11", "members": 2, "months": [1.0]}],  # M1, M3 both bought
    # all three buyers of November bought first in November; M1 is high_spend, nobody loyal
    "member_mix": {
        "month": "2026-11",
        "active": 3,
        "new": 3,
        "continuing": 0,
        "returning": 0,
        "loyal": 0,
        "high_value": 1,
    },
    "avg_ticket_fen": 105_83,  # 635 / 6 = 105.833…
    "member_avg_ticket_fen": 115_00,  # 575 / 5
    "avg_item_price_fen": 105_83,  # 635 / 6 items
    "items_per_ticket": 1.0,
}


@pytest.fixture
def history(ho_db: Database, client: TestClient, clock: Clock) -> Database:
    build_history(ho_db, client, clock)
    return ho_db


def test_every_metric_over_every_store(history: Database) -> None:
    with history.transaction() as session:
        found = office_metrics(session, *NOVEMBER)
    assert dict(found.values) == HISTORY_METRICS
    assert (found.unknown_joined, found.unlinked_refunds) == (1, 0)
    assert (found.unlined, found.unlined_fen, found.fractional_lines) == (0, 0, 0)


def _left_behind(session: Session) -> int:
    found = session.execute(
        text("SELECT COUNT(*) FROM sqlite_temp_master WHERE name = :name"),
        {"name": analytics.PURCHASES_TABLE},
    )
    return int(found.scalar_one())


def test_the_metrics_twice_in_one_transaction_and_in_the_next_give_the_same_answers(
    history: Database,
) -> None:
    """The purchases gathered once a call are dropped after it (and a table a failed call left in
    the transaction is replaced): a second call, or the next request on the pooled connection,
    never finds it in its way."""
    with history.transaction() as session:
        first = office_metrics(session, *NOVEMBER)
        second = office_metrics(session, *NOVEMBER)
        left = _left_behind(session)
        session.execute(text(f"CREATE TEMP TABLE {analytics.PURCHASES_TABLE} (x)"))
        third = office_metrics(session, *NOVEMBER)
        groups = analytics.membership(session, NOVEMBER[1])
    with history.transaction() as session:
        fourth = office_metrics(session, *NOVEMBER)
        assert _left_behind(session) == 0
    assert dict(first.values) == HISTORY_METRICS and left == 0
    assert first == second == third == fourth
    assert {k: n for k, n in groups.segments.items() if n} == HISTORY_SEGMENTS


def test_a_call_that_fails_half_way_leaves_no_table_for_the_next_request(
    history: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure rolls the request's transaction back, and the purchases' table with it."""

    def broken(*_: object) -> set[str]:
        raise RuntimeError("half way")

    with monkeypatch.context() as patched:
        patched.setattr("headoffice.metrics._cards", broken)
        with pytest.raises(RuntimeError), history.transaction() as session:
            office_metrics(session, *NOVEMBER)
    with history.transaction() as session:
        assert _left_behind(session) == 0
        assert dict(office_metrics(session, *NOVEMBER).values) == HISTORY_METRICS


def test_what_the_office_cannot_know_is_counted_and_kept_out_of_the_items(
    ho_db: Database, store_a: Counter
) -> None:
    """A weighed line (2.5 kg) counts 2.5 items, not the counter's one; a sale without lines
    (as before 0004) is kept out of 件单价 and 连带率 and counted."""
    member = enrolled(M1, "88000011") | {"joined_on": "2026-11-01"}
    enrolment = store_a.event("MemberEnrolled", member)
    weighed = _sale(store_a, "R1", "2026-11-23", 50_00, member=M1, paid=(("cash", 50_00),))
    weighed.payload["lines"][0]["qty_milli"] = 2500
    unlined = _sale(store_a, "R2", "2026-11-23", 30_00, paid=(("cash", 30_00),))
    del unlined.payload["lines"]
    replies = store_a.push(enrolment, weighed, unlined)
    assert {r["outcome"] for r in replies.json()["results"]} == {"applied"}, replies.text
    with ho_db.transaction() as session:
        found = office_metrics(session, *NOVEMBER)
        assert session.scalar(select(func.count()).select_from(SaleRow)) == 2
    assert (found.values["sales_fen"], found.values["avg_ticket_fen"]) == (80_00, 40_00)
    assert found.values["avg_item_price_fen"] == 20_00  # 50 / 2.5 items, R2's 30 left out
    assert found.values["items_per_ticket"] == 2.5  # over R1 alone
    assert (found.unlined, found.unlined_fen, found.fractional_lines) == (1, 30_00, 1)


def test_the_metrics_page_shows_every_metric_its_definition_charts_and_the_triangle(
    history: Database, client: TestClient
) -> None:
    page = client.get("/metrics?from=2026-11-01&to=2026-11-30")
    assert page.status_code == 200
    text = page.text
    for term in METRIC_TERMS:  # every metric of the counter, by its name and key
        assert term.name in text and term.key in text
    assert "新增会员 ÷ 会员总数" in text  # the counter's definitions beside the values
    assert "<td>会员激活率</td><td>50.00 %</td>" in text
    assert "<td>会员交易额占比</td><td>90.55 %</td>" in text
    assert "<td>重复购买率</td><td>66.67 %</td>" in text
    assert "<td>日活</td><td>0.17</td>" in text
    assert "<td>人均消费金额</td><td><span>191.67</span></td>" in text
    assert "<td>客单价</td><td><span>105.83</span></td>" in text
    assert "<td>连带率</td><td>1.00</td>" in text
    assert text.count("<svg") == 2  # recency and the gaps between visits
    assert "<td>从未消费</td><td>1</td>" in text and "<td>1-7 天</td><td>2</td>" in text
    assert "<td>2026-11</td><td>2</td><td>100.00 %</td>" in text  # the triangle's one row
    assert "<td>其中高价值会员</td><td>1</td>" in text and "<td>新客</td><td>3</td>" in text
    assert "1 位会员的入会日期总部不知道" in text  # where the office differs, counted
    assert "称重商品 1 千克算 1 件" in text
    assert '<a href="/metrics">会员指标</a>' in client.get("/sales").text  # in the navigation


def _kept(db: Database) -> tuple[int, int]:
    with db.transaction() as session:
        sales = session.scalar(select(func.count()).select_from(SaleRow)) or 0
        members = session.scalar(select(func.count()).select_from(MemberRow)) or 0
    return sales, members


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("from=2026-11-20&to=2026-11-10", "晚于结束日期"),
        ("from=2026-12-05&to=2026-12-09", "还没有到"),
        ("from=2026/11/01", "YYYY-MM-DD"),
        ("to=30.11.2026", "YYYY-MM-DD"),
        ("from=<b>1</b>", "&lt;b&gt;1&lt;/b&gt;"),  # said back as text, never as markup
    ],
)
def test_a_range_the_metrics_page_cannot_answer_is_refused_plainly_and_nothing_changes(
    history: Database, client: TestClient, query: str, words: str
) -> None:
    before = _kept(history)
    page = client.get(f"/metrics?{query}")
    assert page.status_code == 200
    assert words in page.text and "<svg" not in page.text and "<table" not in page.text
    assert _kept(history) == before


def test_a_blank_range_is_the_thirty_days_to_today_and_nothing_at_all_is_said(
    client: TestClient, clock: Clock
) -> None:
    today = analytics.office_today(clock())
    text = client.get("/metrics").text
    assert f"期间：{today - dt.timedelta(days=29)} 至 {today}" in text
    assert "该期间没有销售，也还没有会员" in text and "<svg" not in text


def test_members_without_a_purchase_are_shown_without_an_empty_chart(
    ho_db: Database, store_a: Counter, client: TestClient
) -> None:
    store_a.push(store_a.event("MemberEnrolled", enrolled(M1, "88000011")))  # joined 11-23
    text = client.get("/metrics?from=2026-11-01&to=2026-11-30").text
    assert "<td>会员总数</td><td>1</td>" in text and "<td>新增会员</td><td>1</td>" in text
    assert "<td>客单价</td><td>—（没有可除的数）</td>" in text
    assert "<td>2026-11</td><td>1</td><td>0.00 %</td>" in text
    assert text.count("<svg") == 1  # recency (1 never); no gaps: said, not drawn
    assert "该期间没有可以分段的记录" in text


#: September to November 2026 of :func:`push_months`.
MONTHS = (dt.date(2026, 9, 1), dt.date(2026, 11, 30))


def push_months(store_a: Counter, store_b: Counter) -> None:
    """M1 joins 09-10 and buys 09-12 (S001), 10-05 (S002), 11-20 (S001); M2 joins 09-20 and
    buys 09-25 (S001) and on 11-22 at both stores; M3 joins 10-03 and buys that day (S002)."""
    members = [
        store_a.event("MemberEnrolled", enrolled(member, card) | {"joined_on": day})
        for member, card, day in (
            (M1, "88000011", "2026-09-10"),
            (M2, "88000012", "2026-09-20"),
            (M3, "88000013", "2026-10-03"),
        )
    ]
    cash = (("cash", 10_00),)
    a = [
        _sale(store_a, f"A{n}", day, 10_00, member=member, paid=cash)
        for n, (member, day) in enumerate(
            ((M1, "2026-09-12"), (M2, "2026-09-25"), (M1, "2026-11-20"), (M2, "2026-11-22"))
        )
    ]
    b = [
        _sale(store_b, f"B{n}", day, 10_00, member=member, paid=cash)
        for n, (member, day) in enumerate(
            ((M3, "2026-10-03"), (M1, "2026-10-05"), (M2, "2026-11-22"))
        )
    ]
    for reply in (store_a.push(*members, *a), store_b.push(*b)):
        assert {r["outcome"] for r in reply.json()["results"]} == {"applied"}, reply.text


def check_months(found: Mapping[str, Any]) -> None:
    """The answers for :data:`MONTHS` of :func:`push_months`, worked out by hand."""
    assert found["retention"] == [
        {"cohort": "2026-09", "members": 2, "months": [1.0, 0.5, 1.0]},  # M1 alone in October
        {"cohort": "2026-10", "members": 1, "months": [1.0, 0.0]},
    ]
    assert found["member_mix"] == {  # November: M1 bought in October too, M2 did not
        "month": "2026-11",
        "active": 2,
        "new": 0,
        "continuing": 1,
        "returning": 1,
        # loyal: M2, last bought 11-22 (8 days before, quiet 7), twice within 45 days (once a
        # store); M1 once within them. high_spend, the top 20 % of three buyers of the year:
        # M1 and M2 spent 30 each, both ranked first (M3 10)
        "loyal": 1,
        "high_value": 2,
    }
    # M1: 23 days (09-12 to 10-05 at another store), 46; M2: 58, then 0 (two stores, one day)
    assert {k: n for k, n in found["visit_gap_days"].items() if n} == {
        "0": 1,
        "15-30": 1,
        "31-60": 2,
    }
    # on 11-30: M1 10 days, M2 8, M3 58
    assert {k: n for k, n in found["recency"].items() if n} == {"8-30": 2, "31-90": 1}
    assert found["dau"] == 0.07  # member-days 3 + 2 + 1 (M2's 11-22 once) / 91 days
    assert found["visits_per_active_member"] == 2.33  # 7 purchases / 3
    assert found["repeat_rate"] == 0.6667 and found["new_members"] == 3


def test_cohorts_over_months_the_mix_and_gaps_read_a_members_purchases_at_every_store(
    ho_db: Database, store_a: Counter, store_b: Counter
) -> None:
    push_months(store_a, store_b)
    with ho_db.transaction() as session:
        check_months(office_metrics(session, *MONTHS).values)
