"""Groups, segments and metrics over a small history written by hand, each answer worked out
from docs/analytics.md's rules; through the domain API and through the command line.

The history ends on D, the last day of the month before this one (so the month-based metrics
have a whole month); every date is an offset in days back from D. Days within a month of D are
at most 27 back, so they stay in D's month whatever its length.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from app.config import Config
from app.members.coupons import CouponKind, CouponTerms, create_template
from app.members.enrolment import enrol
from app.members.errors import MemberError
from app.members.levels import CardType
from app.members.metrics import AnalyticsError, metrics
from app.members.segment_rules import Thresholds, load_thresholds
from app.members.segments import (
    BARGAINS_SQL,
    GROUPS_SQL,
    SEGMENTS_SQL,
    SLEEPING_SQL,
    Dialect,
    groups_and_segments_at_once,
    in_dialect,
    member_groups,
    member_segments,
    segments_at_once,
)
from app.pos.member_analytics import MemberAnalyticsService
from app.pos.staff import StaffView
from app.storage.approvals import ApprovalRefused
from app.storage.database import Database
from tests.members.conftest import snapshot

TODAY = dt.date.today()
D = TODAY.replace(day=1) - dt.timedelta(days=1)
MONTH_DAYS = D.day
YUAN = 100


def day(back: int) -> dt.date:
    return D - dt.timedelta(days=back)


class History:
    """Writes members and orders as the counter's tables hold them."""

    def __init__(self, db: Database, cashier: StaffView) -> None:
        self.db = db
        self.cashier = cashier
        self.number = 0
        with db.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO products (id, code, name, pinyin_initials, unit, price_fen,"
                    " active, track_stock, by_weight, stock_milli, stock_value_fen, created_at,"
                    " updated_at) VALUES ('p1', 'P1', '商品', 'SP', '个', 100, 1, 0, 0, 0, 0,"
                    " '2020-01-01', '2020-01-01')"
                )
            )
            self.template = create_template(
                session,
                "满50减20",
                CouponTerms(CouponKind.AMOUNT_OFF, 20 * YUAN, 50 * YUAN),
                valid_days=30,
                actor_id=cashier.id,
                approver_id=cashier.id,
            ).id
        self.ids: dict[str, str] = {}

    def member(self, card: str, joined_back: int) -> None:
        with self.db.transaction() as session:
            view = enrol(
                session,
                card_no=card,
                phone=f"139{len(self.ids):08d}",
                name=card,
                on=day(joined_back),
                actor_id=self.cashier.id,
            )
        self.ids[card] = view.id

    def sale(
        self,
        card: str | None,
        back: int,
        *lines_yuan: int,
        promo: bool = False,
        coupon_yuan: int = 0,
        state: str = "paid",
    ) -> str:
        self.number += 1
        order_id = f"o{self.number:04d}"
        gross = sum(lines_yuan) * YUAN
        discount = 10 * YUAN if promo else 0  # a promotion's line discount, on the first line
        total = gross - discount - coupon_yuan * YUAN
        with self.db.transaction() as session:
            self._order(session, order_id, "sale", state, card, back, total, gross, None)
            for number, amount in enumerate(lines_yuan, 1):
                line_discount = discount if number == 1 else 0
                share = coupon_yuan * YUAN if number == 1 else 0
                net = amount * YUAN - line_discount - share
                session.execute(
                    text(
                        "INSERT INTO order_lines (id, order_id, line_no, product_id, name, unit,"
                        " qty_milli, list_price_fen, unit_price_fen, gross_fen,"
                        " line_discount_fen, order_share_fen, net_fen, refunded_qty_milli,"
                        " refunded_fen) VALUES (:id, :order, :no, 'p1', '商品', '个', 1000,"
                        " :gross, :gross, :gross, :discount, :share, :net, 0, 0)"
                    ),
                    {
                        "id": f"{order_id}-{number}",
                        "order": order_id,
                        "no": number,
                        "gross": amount * YUAN,
                        "discount": line_discount,
                        "share": share,
                        "net": net,
                    },
                )
            if coupon_yuan:
                assert card is not None
                session.execute(
                    text(
                        "INSERT INTO coupons (id, code, template_id, member_id, status,"
                        " valid_from, valid_to, used_order_id, discount_fen, issued_reason,"
                        " created_at) VALUES (:id, :id, :template, :member, 'used', :day, :day,"
                        " :order, :off, '', '2020-01-01')"
                    ),
                    {
                        "id": f"c{self.number}",
                        "template": self.template,
                        "member": self.ids[card],
                        "day": day(back).isoformat(),
                        "order": order_id,
                        "off": coupon_yuan * YUAN,
                    },
                )
        return order_id

    def refund_whole(self, sale_id: str, card: str, back: int, total_yuan: int) -> None:
        self.number += 1
        with self.db.transaction() as session:
            self._order(
                session,
                f"r{self.number:04d}",
                "refund",
                "paid",
                card,
                back,
                total_yuan * YUAN,
                total_yuan * YUAN,
                sale_id,
            )
            session.execute(
                text("UPDATE orders SET state = 'refunded' WHERE id = :id"), {"id": sale_id}
            )

    def _order(
        self,
        session: object,
        order_id: str,
        kind: str,
        state: str,
        card: str | None,
        back: int,
        total: int,
        gross: int,
        original: str | None,
    ) -> None:
        session.execute(  # type: ignore[attr-defined]
            text(
                "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
                " original_order_id, member_id, subtotal_fen, discount_fen, rounding_fen,"
                " total_fen, change_fen, created_at) VALUES (:id, :id, :day, :kind, :state,"
                " :cashier, :original, :member, :gross, :discount, 0, :total, 0, :day)"
            ),
            {
                "id": order_id,
                "day": day(back).isoformat(),
                "kind": kind,
                "state": state,
                "cashier": self.cashier.id,
                "original": original,
                "member": self.ids[card] if card else None,
                "gross": gross,
                "discount": gross - total,
                "total": total,
            },
        )


@pytest.fixture
def history(db: Database, cashier: StaffView, card_types: dict[str, CardType]) -> History:
    h = History(db, cashier)
    # New members: one purchase within 30 days, below or at/above 200 yuan.
    h.member("A", 10)
    h.sale("A", 5, 100)
    h.member("B", 20)
    h.sale("B", 15, 200)  # 200 exactly: high
    # Active and loyal: two purchases within 45 days averaging 250, the last 10 days ago.
    h.member("C", 333)
    h.sale("C", 27, 300)
    h.sale("C", 10, 100, 100)  # two lines: two items
    # Loyal only: three purchases within 45 days, the last 15 days ago, small tickets.
    h.member("D", 333)
    for back in (41, 20, 15):
        h.sale("D", back, 50)
    # A fan (and active): four purchases within 60 days, every one 300.
    h.member("E", 333)
    for back in (56, 41, 25, 1):
        h.sale("E", back, 300)
    # Active, not a fan: one of the four tickets is 240.
    h.member("F", 333)
    h.sale("F", 56, 240)
    for back in (41, 25, 1):
        h.sale("F", back, 300)
    # A sale refunded whole is no purchase.
    h.member("G", 10)
    sold = h.sale("G", 9, 500)
    h.refund_whole(sold, "G", 8, 500)
    # Silent: monthly for half a year, then once: 1 purchase in the last 182 days of 7 in 356.
    h.member("L", 700)
    for back in (355, 324, 293, 265, 234, 204, 112):
        h.sale("L", back, 100)
    # Bargain hunters: promotion lines (a line discount, or a coupon on the order).
    for card in ("P1", "P2", "P3", "P4"):
        h.member(card, 274)
    h.sale("P1", 20, 330, promo=True)  # ticket 320, the only one at twice the average
    h.sale("P2", 19, 110, promo=True)  # 100 on promotion
    h.sale("P3", 18, 60, promo=True)  # 50 on promotion: the least
    h.sale("P3", 5, 999, state="voided")  # a voided sale counts for nothing
    h.sale("P4", 17, 100, coupon_yuan=20)  # 80, paid partly by a coupon
    # Sleeping: bought 380 days ago, nothing since; and an old member who never bought.
    h.member("S", 547)
    h.sale("S", 380, 100)
    h.member("N", 700)
    # A member of this month who never bought: in nothing.
    h.member("Y", 27)
    # Walk-ins on D: 4 tickets of 45.
    for _ in range(4):
        h.sale(None, 0, 45)
    return h


EXPECTED_GROUPS = {
    "new_low_ticket": ["A", "P2", "P3", "P4"],
    "new_high_ticket": ["B", "P1"],
    "active": ["C", "E", "F"],
    "loyal": ["C", "D"],
    "fan": ["E"],
}
# Buyers in the year: E 1200, F 1140, L 700, C 500, P1 320, B 200, D 150, A 100, P2 100, P4 80,
# P3 50 (11): the top 20 % are ranks 1-3, the top 50 % ranks 1-6. The year's 30 tickets (walk-ins
# included) take 4720 yuan, so twice the average is 314.67.
EXPECTED_SEGMENTS = {
    "high_spend": ["E", "F", "L"],
    "high_ticket": ["P1"],
    "high_loyalty": ["C", "E", "F", "L"],
    "bargain_frequent": ["P1"],
    "bargain_rare": ["P3"],
    "silent": ["L"],
    "sleeping": ["N", "S"],
}


def test_the_groups_and_segments_of_a_known_history(db: Database, history: History) -> None:
    with db.reading() as session:
        groups = member_groups(session, D, Thresholds())
        segments = member_segments(session, D, Thresholds())
    assert {key: sorted(cards) for key, cards in groups.members.items()} == EXPECTED_GROUPS
    assert {key: sorted(cards) for key, cards in segments.members.items()} == EXPECTED_SEGMENTS


def test_read_at_once_in_two_sessions_they_are_the_same(db: Database, history: History) -> None:
    """The window and ``segments`` read the statements two at a time, a session each: the
    same members, in the same order (by card within each key), as one session reading them."""
    with db.reading() as session:
        groups = member_groups(session, D, Thresholds())
        segments = member_segments(session, D, Thresholds())
    assert groups_and_segments_at_once(db, D, Thresholds()) == (groups, segments)
    assert segments_at_once(db, D, Thresholds()) == segments
    # the statements read beside the first are in
    assert segments.members["sleeping"] == ("N", "S")
    assert segments.members["bargain_rare"] == ("P3",)


def test_ties_and_gaps_of_the_ranked_segments(
    db: Database, cashier: StaffView, card_types: dict[str, CardType]
) -> None:
    """Members tied on a rank are in or out together, however many that takes; a gap longer
    than 180 days bars high_loyalty whether the span alone proves it (W: one gap of 240 days)
    or only the purchases one by one show it (X: 250 days over three gaps, one of 230), and a
    long span of short gaps does not (Z: 335 days, gaps of 170 and 165)."""
    h = History(db, cashier)
    for card in ("V", "W", "X", "Z", "U", "R"):
        h.member(card, 700)
    h.sale("V", 3, 610, promo=True)  # 600, all of it on promotion
    h.sale("V", 2, 100)
    for back in (250, 10):
        h.sale("W", back, 200)
    for back in (300, 290, 60, 50):
        h.sale("X", back, 100)
    h.sale("Z", 340, 134)
    h.sale("Z", 170, 133)
    h.sale("Z", 5, 133)
    h.sale("U", 4, 110, promo=True)  # 100 on promotion
    h.sale("R", 6, 110, promo=True)  # the same
    # The year's buyers: V 700; W, X, Z 400 (rank 2); U, R 100 (rank 5). The top 20 % of 6 are
    # ranks 1 and 2 (four members), the top 50 % ranks 1 to 3. Of the three who bought on
    # promotion (V 600, U 100, R 100), the top 20 % is V and the bottom 20 % both U and R.
    with db.reading() as session:
        segments = member_segments(session, D, Thresholds())
    assert sorted(segments.members["high_spend"]) == ["V", "W", "X", "Z"]
    assert sorted(segments.members["high_loyalty"]) == ["V", "Z"]
    assert sorted(segments.members["bargain_frequent"]) == ["V"]
    assert sorted(segments.members["bargain_rare"]) == ["R", "U"]


def test_a_threshold_moves_members_between_groups(db: Database, history: History) -> None:
    """At 300 yuan, B's 200 is a low ticket; with 3 purchases at most, loyal's D stays loyal
    while a window of 14 quiet days drops C (last bought 10 days ago)."""
    rules = dataclasses.replace(Thresholds(), new_ticket_fen=300 * YUAN, loyal_quiet_days=14)
    with db.reading() as session:
        groups = member_groups(session, D, rules)
    assert sorted(groups.members["new_low_ticket"]) == ["A", "B", "P2", "P3", "P4"]
    assert sorted(groups.members["new_high_ticket"]) == ["P1"]
    assert sorted(groups.members["loyal"]) == ["D"]


def test_a_purchase_before_the_groups_read_decides_who_is_new(
    db: Database, history: History
) -> None:
    """The groups read purchases from the longest window's start (60 days) only: a member who
    bought 100 days ago and once within 30 days is not new, whatever the 60 days say; one whose
    only earlier sale was refunded whole or voided is (a sale refunded whole is no purchase)."""
    history.member("Q1", 400)
    history.sale("Q1", 100, 80)
    history.sale("Q1", 3, 80)
    history.member("Q2", 400)
    gone = history.sale("Q2", 100, 80)
    history.refund_whole(gone, "Q2", 99, 80)
    history.sale("Q2", 4, 250)
    history.member("Q3", 400)
    history.sale("Q3", 200, 80, state="voided")
    history.sale("Q3", 2, 80)
    with db.reading() as session:
        groups = member_groups(session, D, Thresholds())
    assert sorted(groups.members["new_low_ticket"]) == ["A", "P2", "P3", "P4", "Q3"]
    assert sorted(groups.members["new_high_ticket"]) == ["B", "P1", "Q2"]
    # Had the windows reached back that far, the same: the look-back is no shortcut.
    longer = dataclasses.replace(Thresholds(), fan_window_days=200)
    with db.reading() as session:
        groups = member_groups(session, D, longer)
    assert "Q1" not in groups.members["new_low_ticket"]
    assert sorted(groups.members["new_high_ticket"]) == ["B", "P1", "Q2"]


def test_the_metrics_of_a_known_history(db: Database, history: History) -> None:
    with db.reading() as session:
        found = metrics(session, D.replace(day=1), D, Thresholds(), TODAY)
    # D's month: 14 member purchases (A, B, C×2, D×2, E×2, F×2, P1-P4) taking 2650 yuan, the
    # 4 walk-ins 180; G's refunded sale and P3's voided one count for nothing.
    assert (
        found
        == {
            "from": D.replace(day=1).isoformat(),
            "to": D.isoformat(),
            "members": 15,
            "new_members": 4,  # A, B, G, Y
            "activation_rate": round(4 / 15, 4),
            "churn_rate": round(2 / 15, 4),  # S and N sleep
            "sales_fen": 2830 * YUAN,
            "member_sales_fen": 2650 * YUAN,
            "member_sales_share": round(2650 / 2830, 4),
            "active_members": 10,
            "repeat_rate": 0.4,  # C, D, E, F
            "dau": round(14 / MONTH_DAYS, 2),
            "wau": 3,  # A, E, F
            "mau": 10,
            "visits_per_active_member": 1.4,
            "spend_per_active_member_fen": 26500,
            "recency": {
                "0-7": 3,
                "8-30": 7,
                "31-90": 0,
                "91-180": 1,
                "181-365": 0,
                "366+": 1,
                "never": 3,
            },
            # C 17, D 21 and 5, E 16 and 24, F 16 and 24.
            "visit_gap_days": {
                "0": 0,
                "1-7": 1,
                "8-14": 0,
                "15-30": 6,
                "31-60": 0,
                "61-90": 0,
                "91-180": 0,
                "181+": 0,
            },
            "retention": [{"cohort": D.isoformat()[:7], "members": 4, "months": [0.5]}],
            "member_mix": {
                "month": D.isoformat()[:7],
                "active": 10,
                "new": 7,  # A, B, C, P1-P4
                "continuing": 3,  # D, E, F bought last month
                "returning": 0,
                "loyal": 2,
                "high_value": 2,
            },
            "avg_ticket_fen": 15722,  # 283000 / 18
            "member_avg_ticket_fen": 18929,  # 265000 / 14
            "avg_item_price_fen": 14895,  # 283000 / 19 items
            "items_per_ticket": 1.06,
        }
    )


def test_the_command_line_writes_the_same_groups_segments_and_metrics(
    config: Config, history: History, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(config.data_dir)]
    groups_csv, segments_csv = tmp_path / "groups.csv", tmp_path / "segments.csv"
    assert main([*data, "groups", str(groups_csv), "--on", D.isoformat()]) == EXIT_OK
    assert main([*data, "segments", str(segments_csv), "--on", D.isoformat()]) == EXIT_OK
    for path, column, expected in (
        (groups_csv, "group", EXPECTED_GROUPS),
        (segments_csv, "segment", EXPECTED_SEGMENTS),
    ):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0]) == ["card_no", column]
        found: dict[str, list[str]] = {key: [] for key in expected}
        for row in rows:
            found[row[column]].append(row["card_no"])
        assert {key: sorted(cards) for key, cards in found.items()} == expected
    capsys.readouterr()
    start = D.replace(day=1).isoformat()
    assert main([*data, "metrics", "--from", start, "--to", D.isoformat()]) == EXIT_OK
    printed = json.loads(capsys.readouterr().out)
    assert printed["member_sales_fen"] == 2650 * YUAN
    assert printed["repeat_rate"] == 0.4
    assert printed["recency"]["never"] == 3


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["metrics", "--from", "2026-03-02", "--to", "2026-03-01"], "晚于结束日期"),
        (["metrics", "--to", (TODAY + dt.timedelta(days=2)).isoformat()], "在未来"),
        (["groups", "{out}", "--on", (TODAY + dt.timedelta(days=2)).isoformat()], "在未来"),
        (["groups", "{missing}/groups.csv"], "不存在"),
        (["analytics-thresholds", "loyal_min_purchases=4"], "永远为空"),
        (["analytics-thresholds", "fan_window_days=0"], "永远为空"),
    ],
)
def test_bad_input_is_said_plainly_and_writes_nothing(
    config: Config,
    db: Database,
    history: History,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    out = tmp_path / "out.csv"
    filled = [a.format(out=out, missing=tmp_path / "missing") for a in args]
    # Opened once by a command first: a store's first opening writes its own small facts.
    assert main(["--data-dir", str(config.data_dir), "analytics-thresholds"]) == EXIT_OK
    before = snapshot(db)
    capsys.readouterr()
    assert main(["--data-dir", str(config.data_dir), *filled]) == EXIT_FAILED
    error = capsys.readouterr().err
    assert words in error and "Traceback" not in error
    assert not out.exists()
    assert list(tmp_path.glob("**/*.partial")) == []
    assert snapshot(db) == before
    with db.reading() as session:
        assert load_thresholds(session) == Thresholds()


def test_a_store_with_no_sale_yet_is_refused(
    config: Config,
    db: Database,
    card_types: dict[str, CardType],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with db.reading() as session, pytest.raises(AnalyticsError, match="还没有任何销售"):
        metrics(session, D.replace(day=1), D, Thresholds(), TODAY)
    assert main(["--data-dir", str(config.data_dir), "metrics"]) == EXIT_FAILED
    assert "还没有任何销售" in capsys.readouterr().err


def test_thresholds_that_would_empty_a_group_are_refused() -> None:
    with pytest.raises(MemberError, match="永远为空"):
        Thresholds(loyal_quiet_days=45)
    with pytest.raises(MemberError, match="1 到 100"):
        Thresholds(high_spend_percent=0)


def test_a_changed_threshold_is_kept_and_read_back(
    config: Config, db: Database, history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(config.data_dir)]
    assert main([*data, "analytics-thresholds", "fan_min_purchases=3"]) == EXIT_OK
    with db.reading() as session:
        assert load_thresholds(session).fan_min_purchases == 3
    assert "fan_min_purchases=3" in capsys.readouterr().out


def test_the_back_office_saves_thresholds_only_with_a_manager_as_stored_now(
    config: Config, db: Database, cashier: StaffView, manager: StaffView
) -> None:
    """What the 修改分群条件 form calls: the approver's role is read again from the database (a
    cashier named as approver, or a manager disabled since, is refused with nothing written)."""
    service = MemberAnalyticsService(db, config)
    rules = dataclasses.replace(Thresholds(), year_days=200)
    before = snapshot(db)
    with pytest.raises(ApprovalRefused, match="没有授权"):
        service.save_thresholds(rules, actor=cashier, approver=cashier)
    assert snapshot(db) == before
    with db.transaction() as session:
        session.execute(text("UPDATE staff SET active = 0 WHERE id = :id"), {"id": manager.id})
    before = snapshot(db)
    with pytest.raises(ApprovalRefused):
        service.save_thresholds(rules, actor=cashier, approver=manager)
    assert snapshot(db) == before
    assert service.thresholds() == Thresholds()
    with db.transaction() as session:
        session.execute(text("UPDATE staff SET active = 1 WHERE id = :id"), {"id": manager.id})
    assert service.save_thresholds(rules, actor=cashier, approver=manager) == rules
    assert service.thresholds().year_days == 200
    with db.reading() as session:
        who = session.execute(
            text(
                "SELECT actor_id, approver_id FROM audit_log"
                " WHERE action = 'analytics.thresholds_changed'"
            )
        ).all()
    assert [tuple(row) for row in who] == [(cashier.id, manager.id)]


def _words(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def test_docs_hold_the_sql_that_runs() -> None:
    """docs/analytics.md lets anyone recompute the numbers: it must show the statements as
    they are."""
    from app.members import metrics as module

    page = _words((Path(__file__).parents[2] / "docs" / "analytics.md").read_text("utf-8"))
    for sql in (
        GROUPS_SQL,
        SEGMENTS_SQL,
        SLEEPING_SQL,
        BARGAINS_SQL,
        module._TOTALS_SQL,
        module._RECENCY_SQL,
        module._GAPS_SQL,
        module._RETENTION_SQL,
        module._MIX_SQL,
    ):
        assert _words(in_dialect(sql, Dialect.SQLITE)) in page


def test_a_day_that_is_no_date_is_a_usage_error_and_writes_nothing(
    config: Config,
    db: Database,
    history: History,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out.csv"
    data = ["--data-dir", str(config.data_dir)]
    assert main([*data, "analytics-thresholds"]) == EXIT_OK
    before = snapshot(db)
    assert main([*data, "segments", str(out), "--on", "2026-13-01"]) == EXIT_USAGE
    assert "日期格式不对" in capsys.readouterr().err
    assert not out.exists() and snapshot(db) == before
