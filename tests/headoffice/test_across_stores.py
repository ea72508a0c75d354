"""Across stores: the sales report, the groups and segments and the settlement of stored value
over every store's data, checked against a small history pushed through the API by three stores
whose every answer was worked out by hand (below, beside each event)."""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.members.segment_rules import Thresholds
from app.sync.protocol import Event
from headoffice import analytics, settlement
from headoffice.cli import main
from headoffice.db import Database
from headoffice.models import ReferenceRow, SaleLineRow, SalePaymentRow, SaleRow
from headoffice.settlement import Owed
from headoffice.thresholds import office_thresholds
from tests.headoffice.conftest import (
    Clock,
    Counter,
    enrolled,
    member_event,
    register,
    sale,
    stored_value_entry,
)

M1 = "0190a000-0000-7000-8000-0000000000a1"
M2 = "0190a000-0000-7000-8000-0000000000a2"
M3 = "0190a000-0000-7000-8000-0000000000a3"
M4 = "0190a000-0000-7000-8000-0000000000a4"
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


#: The answers worked out by hand for :func:`build_history` (November 2026); the PostgreSQL
#: tests expect the same.
HISTORY_GROUPS = {"new_low_ticket": 1, "active": 1}
HISTORY_SEGMENTS = {
    "high_spend": 1,
    "high_ticket": 1,
    "high_loyalty": 2,
    "bargain_frequent": 1,
    "bargain_rare": 1,
    "sleeping": 1,
}
HISTORY_OWED = [
    Owed("S001", "S002", 100_00, 10_00),
    Owed("S002", "S001", 40_00, 0),
    Owed("S002", "S003", 30_00, 0),
    Owed("S003", "S001", 50_00, 5_00),
]
HISTORY_OWED_FROM_24TH = [Owed("S002", "S003", 30_00, 0)]
HISTORY_TENDERS = {"cash": 360_00, "stored_value": 275_00}


def _entry(member: str, day: str, principal: int, bonus: int = 0, **kw: Any) -> dict[str, Any]:
    entry = stored_value_entry(member, principal, bonus, **kw)
    entry["business_day"] = day
    return entry


def _top_up(
    counter: Counter, member: str, card: str, day: str, principal: int, bonus: int = 0
) -> Event:
    entry = _entry(member, day, principal, bonus)
    return counter.event("TopUpMade", member_event(member, card, entry))


def _sale(
    counter: Counter,
    receipt: str,
    day: str,
    total: int,
    *,
    member: str | None = None,
    paid: tuple[tuple[str, int], ...] = (),
    spent: tuple[int, int] | None = None,
    line_discount: int = 0,
    kind: str = "sale",
    original: str | None = None,
    order_id: str | None = None,
) -> Event:
    """A SalePaid (or SaleRefunded) as checkout writes it: one line, its payments, and the
    stored value it spent (principal, bonus) as a ledger entry."""
    entries = []
    if spent is not None and member is not None:
        entries.append(_entry(member, day, -spent[0], -spent[1], kind="spend"))
    payload = sale(
        receipt, total, *entries, kind=kind, day=day, member_id=member, order_id=order_id
    )
    payload["original_order_id"] = original
    payload["lines"] = [
        {
            "line_id": f"{receipt}-1",
            "line_no": 1,
            "product_id": "p-1",
            "original_line_id": None,
            "name": "大米 5kg",
            "barcode": "690000000001",
            "qty_milli": 1000,
            "unit_price_fen": total + line_discount,
            "gross_fen": total + line_discount,
            "line_discount_fen": line_discount,
            "order_share_fen": 0,
            "net_fen": total,
            "cost_fen": None,
            "promotion_ids": None,
            "promotion_fen": 0,
        }
    ]
    payload["payments"] = [
        {
            "payment_id": f"{receipt}-p{n}",
            "method": method,
            "amount_fen": amount,
            "tendered_fen": amount,
            "reference": None,
            "customer_name": None,
        }
        for n, (method, amount) in enumerate(paid)
    ]
    return counter.event("SaleRefunded" if kind == "refund" else "SalePaid", payload)


def build_history(db: Database, client: TestClient, clock: Clock) -> None:
    """Three stores, four members. Stored value (principal/bonus, yuan), first in first out:

    - M1 tops up 100/10 at S001 (11-20) and 50 at S002 (11-21); pays 130 of a 430 sale at S002
      with 120/10 (11-22): S001 -> S002 100/10, the other 20 is S002's own; pays 30 of a 40 sale
      at S003 (11-24): the 30 left of S002's top-up, S002 -> S003 30. 10 of it refunded (11-25).
    - M2 (joining day not sent) tops up 200/20 at S003 (11-21), spends 50/5 at S001 (11-23):
      S003 -> S001 50/5; spends 20 at S003 (11-25): its own store.
    - M3 tops up 40 at S002 (11-21), spends it at S001 (11-23): S002 -> S001 40.
    - M4 joined 2025-01-05 and never bought. A walk-in pays 60 cash at S001 (11-22) and one at
      S002 pays 30 that is voided.
    """
    s1 = Counter(client, register(db, "S001", "一号店"), clock)
    s2 = Counter(client, register(db, "S002", "二号店"), clock)
    s3 = Counter(client, register(db, "S003", "三号店"), clock)
    joined_on_unknown = enrolled(M2, "88000012", "李四")
    del joined_on_unknown["joined_on"]
    old_member = enrolled(M4, "88000014", "赵六") | {"joined_on": "2025-01-05"}
    pushes = [
        s1.push(
            s1.event("MemberEnrolled", enrolled(M1, "88000011") | {"joined_on": "2026-11-01"}),
            s1.event("MemberEnrolled", old_member),
            _top_up(s1, M1, "88000011", "2026-11-20", 100_00, 10_00),
        ),
        s3.push(
            s3.event("MemberEnrolled", joined_on_unknown),
            _top_up(s3, M2, "88000012", "2026-11-21", 200_00, 20_00),
        ),
        s2.push(
            s2.event("MemberEnrolled", enrolled(M3, "88000013", "王五")),
            _top_up(s2, M1, "88000011", "2026-11-21", 50_00),
            _top_up(s2, M3, "88000013", "2026-11-21", 40_00),
        ),
    ]
    voided_order = "0190a000-0000-7000-8000-00000000f0a1"
    pushes += [
        s2.push(
            _sale(
                s2,
                "S002-01-0001",
                "2026-11-22",
                430_00,
                member=M1,
                paid=(("stored_value", 130_00), ("cash", 300_00)),
                spent=(120_00, 10_00),
            ),
            _sale(
                s2,
                "S002-01-0002",
                "2026-11-22",
                30_00,
                paid=(("cash", 30_00),),
                order_id=voided_order,
            ),
            s2.event(
                "SaleVoided",
                {"order_id": voided_order, "receipt_no": "S002-01-0002", "ledger_entries": []},
            ),
        ),
        s1.push(
            _sale(s1, "S001-01-0001", "2026-11-22", 60_00, paid=(("cash", 60_00),)),
            _sale(
                s1,
                "S001-01-0002",
                "2026-11-23",
                55_00,
                member=M2,
                paid=(("stored_value", 55_00),),
                spent=(50_00, 5_00),
            ),
            _sale(
                s1,
                "S001-01-0003",
                "2026-11-23",
                40_00,
                member=M3,
                paid=(("stored_value", 40_00),),
                spent=(40_00, 0),
            ),
        ),
    ]
    on_promotion = "0190a000-0000-7000-8000-00000000f0a2"
    pushes += [
        s3.push(
            _sale(
                s3,
                "S003-01-0001",
                "2026-11-24",
                40_00,
                member=M1,
                paid=(("stored_value", 30_00), ("cash", 10_00)),
                spent=(30_00, 0),
                line_discount=5_00,
                order_id=on_promotion,
            ),
            _sale(
                s3,
                "S003-01-0002",
                "2026-11-25",
                20_00,
                member=M2,
                paid=(("stored_value", 20_00),),
                spent=(20_00, 0),
            ),
            _sale(
                s3,
                "S003-01-0003",
                "2026-11-25",
                10_00,
                member=M1,
                paid=(("cash", -10_00),),
                kind="refund",
                original=on_promotion,
            ),
        ),
    ]
    for reply in pushes:
        assert reply.status_code == 200, reply.text
        assert {r["outcome"] for r in reply.json()["results"]} == {"applied"}, reply.text


@pytest.fixture
def history(ho_db: Database, client: TestClient, clock: Clock) -> Database:
    build_history(ho_db, client, clock)
    return ho_db


# --- what the office keeps ----------------------------------------------------------------------


def test_a_sale_keeps_its_lines_payments_time_refunded_sale_and_promotion(
    history: Database,
) -> None:
    with history.transaction() as session:
        refund = session.scalars(select(SaleRow).where(SaleRow.kind == "refund")).one()
        promoted = session.scalars(
            select(SaleRow).where(SaleRow.receipt_no == "S003-01-0001")
        ).one()
        plain = session.scalars(select(SaleRow).where(SaleRow.receipt_no == "S001-01-0001")).one()
        void = session.scalars(select(SaleRow).where(SaleRow.kind == "void")).one()
        lines = session.scalars(
            select(SaleLineRow).where(SaleLineRow.event_id == promoted.event_id)
        ).all()
        payments = session.scalars(
            select(SalePaymentRow)
            .where(SalePaymentRow.event_id == promoted.event_id)
            .order_by(SalePaymentRow.seq)
        ).all()
        line_count = session.scalar(select(func.count()).select_from(SaleLineRow))
    assert refund.original_order_id == promoted.order_id
    assert promoted.occurred_at == "2026-11-24T10:00:00+00:00"
    assert promoted.promo is True and plain.promo is False
    assert void.promo is None and void.total_fen == -30_00  # a void keeps no lines of its own
    assert [(line.name, line.net_fen, line.promo) for line in lines] == [("大米 5kg", 40_00, True)]
    assert [(p.seq, p.method, p.amount_fen) for p in payments] == [
        (1, "stored_value", 30_00),
        (2, "cash", 10_00),
    ]
    assert line_count == 8  # eight sales (the voided one too) and refunds of one line each


def test_a_coupon_on_the_order_puts_every_line_on_promotion(
    ho_db: Database, store_a: Counter
) -> None:
    event = _sale(store_a, "S001-01-0009", "2026-11-23", 50_00, paid=(("cash", 50_00),))
    event.payload["ledger_entries"].append({"ledger": "coupon", "coupon_id": "c1", "code": "X"})
    assert store_a.push(event).json()["results"][0]["outcome"] == "applied"
    with ho_db.transaction() as session:
        assert session.scalars(select(SaleLineRow.promo)).all() == [True]
        assert session.scalars(select(SaleRow.promo)).all() == [True]


def test_a_sale_whose_payment_cannot_be_read_is_parked_and_nothing_of_it_kept(
    ho_db: Database, store_a: Counter
) -> None:
    event = _sale(store_a, "S001-01-0009", "2026-11-23", 50_00, paid=(("cash", 50_00),))
    event.payload["payments"][0]["amount_fen"] = "fifty"
    assert store_a.push(event).json()["results"][0]["outcome"] == "parked"
    with ho_db.transaction() as session:
        for table in (SaleRow, SaleLineRow, SalePaymentRow):
            assert session.scalar(select(func.count()).select_from(table)) == 0


# --- the sales report ---------------------------------------------------------------------------


def test_the_sales_report_over_every_store(history: Database) -> None:
    with history.transaction() as session:
        report = analytics.sales_report(session, *NOVEMBER)
    t = report.total
    # 430 + 60 + 55 + 40 + 40 + 20 sold (the voided 30 not), 10 refunded
    assert (t.sales, t.sales_fen, t.refunds_fen, t.net_fen) == (6, 645_00, 10_00, 635_00)
    assert t.member_fen == 575_00  # all but the walk-in's 60, less the member's refund
    assert (report.voids, report.voids_fen) == (1, 30_00)
    assert [(d.key, d.net_fen) for d in report.by_day] == [
        ("2026-11-22", 490_00),
        ("2026-11-23", 95_00),
        ("2026-11-24", 40_00),
        ("2026-11-25", 10_00),
    ]
    assert [(s.key, s.sales, s.net_fen, s.member_fen) for s in report.by_store] == [
        ("S001", 3, 155_00, 95_00),
        ("S002", 1, 430_00, 430_00),
        ("S003", 2, 50_00, 50_00),
    ]
    assert dict(report.tenders) == HISTORY_TENDERS


def test_the_sales_page_shows_the_figures_and_a_chart(
    history: Database, client: TestClient
) -> None:
    page = client.get("/sales?from=2026-11-01&to=2026-11-30")
    assert page.status_code == 200
    text = page.text
    assert "635.00" in text and "90.55 %" in text  # 575 / 635 of the sales were members'
    assert "S002 二号店" in text and "储值" in text and "现金" in text
    assert text.count("<svg") == 2 and "<rect" in text
    assert "1 单，30.00 元" in text


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("from=2026-11-20&to=2026-11-10", "晚于结束日期"),
        ("from=2026-12-05&to=2026-12-09", "还没有到"),
        ("from=2026/11/01", "YYYY-MM-DD"),
        ("from=2026-11-01&to=2026-11-19", "该期间没有销售"),
        ("to=2026-10-31", "该期间没有销售"),  # a blank start: the first of the end's month
        ("from=<b>1</b>", "&lt;b&gt;1&lt;/b&gt;"),  # said back as text, never as markup
    ],
)
def test_a_range_the_sales_page_cannot_answer_is_said_plainly(
    history: Database, client: TestClient, query: str, words: str
) -> None:
    page = client.get(f"/sales?{query}")
    assert page.status_code == 200
    assert words in page.text and "<svg" not in page.text


def test_before_any_sale_every_page_says_so_without_a_chart(client: TestClient) -> None:
    assert "该期间没有销售" in client.get("/sales").text
    assert "该日还没有会员" in client.get("/segments").text
    assert "没有在一家门店存入" in client.get("/settlement").text
    for path in ("/sales", "/segments", "/settlement"):
        assert "<svg" not in client.get(path).text


# --- groups and segments ------------------------------------------------------------------------


def test_groups_and_segments_over_every_store(history: Database) -> None:
    with history.transaction() as session:
        found = analytics.membership(session, dt.date(2026, 11, 30))
    # M1: 430 and 30 (40 less the 10 refunded) within 45 days, average 230: active.
    # M3: one purchase of 40, first ever within 30 days: new with a low ticket.
    assert {k: n for k, n in found.groups.items() if n} == HISTORY_GROUPS
    # Tickets 430, 60, 55, 40, 30, 20: average 105.83; M1's 430 is at least twice it.
    # Year spend M1 460, M2 75, M3 40: top 20 % is M1, top 50 % M1 and M2 (both bought twice,
    # no long gap). M1 alone bought on promotion (the discounted line): top and bottom 20 %.
    # M4 joined 2025-01-05 and never bought: sleeping.
    assert {k: n for k, n in found.segments.items() if n} == HISTORY_SEGMENTS
    assert (found.members, found.unknown_joined) == (4, 1)
    assert (found.unlinked_refunds, found.sales_without_lines) == (0, 0)


def test_a_day_before_the_sales_counts_none_of_them(history: Database) -> None:
    with history.transaction() as session:
        found = analytics.membership(session, dt.date(2026, 11, 21))
    assert not any(found.groups.values())
    # M4, and M2 whose joining day the office does not know (counted as joined long ago)
    assert {k: n for k, n in found.segments.items() if n} == {"sleeping": 2}


def test_the_segments_page_gives_counts_definitions_and_what_the_office_cannot_know(
    history: Database, client: TestClient
) -> None:
    text = client.get("/segments?on=2026-11-30").text
    assert "活跃会员" in text and "最近 45 天内消费至少 2 次" in text
    assert "全部门店同期的平均客单价" in text  # where the office differs from a counter
    assert "1 位会员的入会日期总部不知道" in text
    assert "<svg" in text and "<td>2</td>" in text  # high_loyalty's two members
    assert "还没有到" in client.get("/segments?on=2026-12-25").text
    assert "YYYY-MM-DD" in client.get("/segments?on=yesterday").text


def _office_rules(db: Database) -> tuple[Thresholds, int]:
    with db.transaction() as session:
        rules = office_thresholds(session)
        kept = session.scalar(select(func.count()).select_from(ReferenceRow)) or 0
    return rules, kept


def test_thresholds_set_at_the_office_move_its_groups_and_their_definitions(
    history: Database, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "阈值为收银台的默认值" in client.get("/segments?on=2026-11-30").text
    office = ["--db", history.url, "analytics-thresholds"]

    assert main([*office, "active_min_purchases=3", "fan_min_ticket_fen=30000"]) == 0
    said = capsys.readouterr().out
    assert "active_min_purchases=3" in said and "fan_min_ticket_fen=30000" in said
    assert "最近 45 天内消费至少 3 次" in said  # the definition reads the new number
    with history.transaction() as session:
        found = analytics.membership(session, dt.date(2026, 11, 30), office_thresholds(session))
    assert found.groups["active"] == 0  # M1 bought twice: active no more
    text = client.get("/segments?on=2026-11-30").text
    assert "阈值为总部所设" in text and "最近 45 天内消费至少 3 次" in text

    assert main([*office, "--defaults"]) == 0
    assert "active_min_purchases=2" in capsys.readouterr().out
    assert "阈值为收银台的默认值" in client.get("/segments?on=2026-11-30").text


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("loyal_quiet_days=45", "须小于统计天数"),
        ("high_spend_percent=0", "须在 1 到 100 之间"),
        ("no_such_rule=1", "不认识的分群条件：no_such_rule=1"),
        ("fan_min_ticket_fen=250.5", "须为不小于零的整数：250.5"),
        ("active_window_days", "不认识的分群条件"),
    ],
)
def test_a_threshold_the_office_cannot_take_is_refused_and_nothing_changes(
    history: Database, capsys: pytest.CaptureFixture[str], setting: str, words: str
) -> None:
    office = ["--db", history.url, "analytics-thresholds"]
    assert main([*office, "fan_window_days=50"]) == 0
    before = _office_rules(history)
    capsys.readouterr()

    assert main([*office, "active_min_purchases=5", setting]) == 1
    said = capsys.readouterr()
    assert words in said.err and "Traceback" not in said.err and said.out == ""
    assert _office_rules(history) == before  # neither setting kept
    assert before[0].fan_window_days == 50


# --- the settlement -----------------------------------------------------------------------------


def test_the_settlement_matches_spends_first_in_first_out_by_store(history: Database) -> None:
    with history.transaction() as session:
        owed = settlement.settlement(session, *NOVEMBER)
    assert owed == HISTORY_OWED
    assert settlement.net_between(owed) == [  # each pair of stores once, the payer first
        Owed("S001", "S002", 60_00, 10_00),
        Owed("S003", "S001", 50_00, 5_00),
        Owed("S002", "S003", 30_00, 0),
    ]


def test_a_piece_counts_in_the_period_of_the_later_of_its_two_days(history: Database) -> None:
    with history.transaction() as session:
        later = settlement.settlement(session, dt.date(2026, 11, 24), dt.date(2026, 11, 30))
        one_day = settlement.settlement(session, dt.date(2026, 11, 22), dt.date(2026, 11, 22))
    assert later == HISTORY_OWED_FROM_24TH
    assert one_day == [Owed("S001", "S002", 100_00, 10_00)]


def test_an_overdraft_is_matched_when_the_member_next_tops_up(
    ho_db: Database, store_a: Counter, store_b: Counter
) -> None:
    store_a.push(
        store_a.event("MemberEnrolled", enrolled(M1, "88000011")),
        _top_up(store_a, M1, "88000011", "2026-11-20", 30_00),
    )
    spend = member_event(M1, "88000011", _entry(M1, "2026-11-21", -45_00, kind="spend"))
    store_b.push(store_b.event("StoredValueSpent", spend))
    with ho_db.transaction() as session:
        assert settlement.settlement(session, *NOVEMBER) == [Owed("S001", "S002", 30_00, 0)]
    store_a.push(_top_up(store_a, M1, "88000011", "2026-11-26", 20_00))
    with ho_db.transaction() as session:
        assert settlement.settlement(session, *NOVEMBER) == [Owed("S001", "S002", 45_00, 0)]
        assert settlement.settlement(session, dt.date(2026, 11, 26), NOVEMBER[1]) == [
            Owed("S001", "S002", 15_00, 0)
        ]


def test_the_settlement_page_states_the_rule_and_shows_pairs_and_net(
    history: Database, client: TestClient
) -> None:
    text = client.get("/settlement?from=2026-11-01&to=2026-11-30").text
    assert "先进先出" in text and "收款门店（A）应付给消费门店（B）" in text
    assert "S001 一号店" in text and "100.00" in text and "60.00" in text
    assert "<svg" in text
    refused = client.get("/settlement?from=2026-11-30&to=2026-11-01").text
    assert "晚于结束日期" in refused and "<svg" not in refused


def test_the_settlement_exports_as_csv(history: Database, tmp_path: Path) -> None:
    path = tmp_path / "settlement.csv"
    argv = ["--db", history.url, "settlement", str(path), "--from", "2026-11-01"]
    assert main([*argv, "--to", "2026-11-30"]) == 0
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows == [
        ["from_store", "to_store", "period_from", "period_to", "principal", "bonus"],
        ["S001", "S002", "2026-11-01", "2026-11-30", "100.00", "10.00"],
        ["S002", "S001", "2026-11-01", "2026-11-30", "40.00", "0.00"],
        ["S002", "S003", "2026-11-01", "2026-11-30", "30.00", "0.00"],
        ["S003", "S001", "2026-11-01", "2026-11-30", "50.00", "5.00"],
    ]


def test_the_settlement_export_defaults_to_every_day_until_today(
    history: Database, tmp_path: Path
) -> None:
    path = tmp_path / "all.csv"
    assert main(["--db", history.url, "settlement", str(path)]) == 0
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert rows[1][2:4] == ["2026-11-20", analytics.office_today(time.time()).isoformat()]
    assert len(rows) == 5


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "2026-11-30", "--to", "2026-11-01"], "晚于结束日期"),
        (["--from", "2099-01-01", "--to", "2099-02-01"], "还没有到"),
        (["--from", "30/11/2026"], "YYYY-MM-DD"),
    ],
)
def test_a_settlement_export_the_office_cannot_answer_is_refused_and_writes_nothing(
    history: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    path = tmp_path / "refused.csv"
    assert main(["--db", history.url, "settlement", str(path), *args]) == 1
    assert words in capsys.readouterr().err
    assert not path.exists()


def test_the_settlement_sql_in_the_docs_is_the_one_that_runs() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "analytics.md").read_text(encoding="utf-8")
    block = docs.split("-- SETTLEMENT_SQL (:first, :last)\n", 1)[1].split("```", 1)[0]
    assert block.split() == settlement.SETTLEMENT_SQL.split()


def test_members_in_no_group_or_segment_are_said_so_without_a_chart(
    ho_db: Database, store_a: Counter, client: TestClient
) -> None:
    store_a.push(store_a.event("MemberEnrolled", enrolled(M1, "88000011")))  # joined 11-23
    text = client.get("/segments?on=2026-11-30").text
    assert "会员总数：1" in text and "该日没有会员在任何分组或分层中" in text
    assert "<svg" not in text


def test_a_long_range_is_charted_by_month_and_tabled_by_day(
    ho_db: Database, client: TestClient, store_a: Counter
) -> None:
    days = ["2026-07-15", "2026-09-01", "2026-11-23"]
    store_a.push(
        *(
            _sale(store_a, f"R{n}", day, 10_00, paid=(("cash", 10_00),))
            for n, day in enumerate(days)
        )
    )
    text = client.get("/sales?from=2026-07-01&to=2026-11-30").text
    assert "每月净销售额" in text and "每日净销售额" not in text
    assert ">2026-09<" in text and "<td>2026-09-01</td>" in text
    short = client.get("/sales?from=2026-11-01&to=2026-11-30").text
    assert "每日净销售额" in short
