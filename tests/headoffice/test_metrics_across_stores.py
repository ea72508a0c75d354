"""Across stores: the counter's member metrics over every store's data (``/metrics``), checked
against the three-store history of ``test_across_stores`` whose every answer was worked out by
hand (below); the PostgreSQL test expects the same :data:`HISTORY_METRICS`."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from headoffice.db import Database
from headoffice.metrics import office_metrics
from headoffice.models import SaleRow
from tests.headoffice.conftest import Clock, Counter, enrolled
from tests.headoffice.test_across_stores import M1, NOVEMBER, _sale, build_history

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
