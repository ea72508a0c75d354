"""Campaigns over a store history written by hand: the list taken once, the offer issued once,
bad input refused with nothing written, the call list masked except for the owner (audited),
and the recall worked out by hand from docs/analytics.md ("Campaigns").

Dates are offsets from D, the day the campaign is created (``History``'s day: a negative offset
is a day after D). The window is D to D+9.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, text

from app.config import Config
from app.members.campaigns import (
    COUPONS_USED_SQL,
    RECALL_SQL,
    CampaignInput,
    CampaignView,
    Offer,
    OfferKind,
    Recall,
    Source,
    SourceKind,
    campaign,
    create_campaign,
    issue_campaign,
    parse_card_numbers,
    read_card_file,
    recall,
)
from app.members.checks import check_ledgers
from app.members.errors import MemberError
from app.members.levels import CardType
from app.members.member_filters import Activity, MemberFilter, Tenure
from app.members.member_lists import delete_list, save_list, saved_lists
from app.pos.member_desk.campaigns import ExportedList
from app.pos.member_desk.desk import MemberDesk
from app.pos.staff import StaffView, add_staff
from app.storage.database import Database
from app.storage.member_models import MemberRow
from app.storage.models import Role
from tests.members.conftest import snapshot
from tests.members.test_analytics import D, History, _words, day

YUAN = 100


@pytest.fixture
def owner(db: Database) -> StaffView:
    with db.transaction() as session:
        return add_staff(session, "张老板", Role.OWNER, "1357")


@pytest.fixture
def store(db: Database, cashier: StaffView, card_types: dict[str, CardType]) -> History:
    h = History(db, cashier)
    h.member("A", 400)
    h.sale("A", 380, 100)  # sleeping: last bought 380 days before D
    h.member("B", 400)  # sleeping: a member for 400 days who never bought
    h.member("C", 400)
    h.sale("C", 370, 100)  # sleeping: the latest last purchase among the targeted
    h.member("E", 400)
    h.sale("E", 10, 100)  # bought 10 days ago: not sleeping
    h.member("F", 400)
    h.sale("F", 390, 100)  # sleeping, but the card is frozen on D: left out
    h.member("H", 100)  # joined 100 days ago, never bought: not sleeping yet
    with db.transaction() as session:
        session.execute(text("UPDATE members SET status = 'frozen' WHERE card_no = 'F'"))
    return h


def _sleeping(h: History, **changes: object) -> CampaignInput:
    values: dict[str, object] = {
        "name": "唤醒睡眠会员",
        "source": Source(SourceKind.SEGMENT, "sleeping"),
        "offer": Offer(OfferKind.COUPON, coupon_template_id=h.template),
        "starts_on": D,
        "ends_on": day(-9),
    }
    values.update(changes)
    return CampaignInput(**values)  # type: ignore[arg-type]


def _create(db: Database, data: CampaignInput, who: StaffView, approver: StaffView) -> CampaignView:
    with db.transaction() as session:
        return create_campaign(session, data, on=D, actor_id=who.id, approver_id=approver.id)


def _count(db: Database, sql: str, **params: object) -> int:
    with db.reading() as session:
        return int(session.execute(text(sql), params).scalar_one())


def test_the_list_is_taken_once_and_the_coupons_issued_once(
    db: Database, store: History, cashier: StaffView, manager: StaffView
) -> None:
    made = _create(db, _sleeping(store), cashier, manager)
    assert (made.targeted, made.skipped, made.issued) == (3, 1, 0)
    assert made.source_label == f"睡眠会员（{D.isoformat()} 计算）"
    assert made.offer_label == "优惠券：满50减20"
    # A later purchase takes A out of the segment; the campaign's list stays as it was taken.
    store.sale("A", -1, 10)
    targeted = _count(
        db, "SELECT count(*) FROM campaign_members WHERE campaign_id = :id", id=made.id
    )
    assert targeted == 3
    with db.transaction() as session:
        first = issue_campaign(session, made.id, on=D, actor_id=cashier.id, approver_id=manager.id)
    assert (first.issued, first.already) == (3, 0)
    with db.reading() as session:
        coupons = session.execute(
            text(
                "SELECT m.card_no, c.valid_from, c.valid_to, c.status FROM coupons c"
                " JOIN campaign_members cm ON cm.coupon_id = c.id"
                " JOIN members m ON m.id = c.member_id ORDER BY m.card_no"
            )
        ).all()
    valid_to = day(-29).isoformat()  # the template: 30 days from the first day
    assert [tuple(row) for row in coupons] == [
        (card, D.isoformat(), valid_to, "issued") for card in ("A", "B", "C")
    ]
    events = _count(db, "SELECT count(*) FROM outbox WHERE type = 'CouponIssued'")
    assert events == 3
    before = snapshot(db)
    with db.transaction() as session:
        again = issue_campaign(session, made.id, on=D, actor_id=cashier.id, approver_id=manager.id)
    assert (again.issued, again.already) == (0, 3)
    assert snapshot(db) == before
    with db.reading() as session:
        detail = session.execute(
            text("SELECT detail FROM audit_log WHERE action = 'campaign.issued'")
        ).scalar_one()
    assert json.loads(detail)["issued"] == 3


@pytest.mark.parametrize(
    ("offer", "column", "kind"),
    [
        (Offer(OfferKind.BONUS, bonus_fen=10 * YUAN), "bonus_fen", "stored_value_entries"),
        (Offer(OfferKind.POINTS, points=50), "points", "points_entries"),
    ],
)
def test_a_bonus_or_points_go_through_the_ledger(
    db: Database,
    store: History,
    cashier: StaffView,
    manager: StaffView,
    offer: Offer,
    column: str,
    kind: str,
) -> None:
    pasted = Source(SourceKind.CARDS, card_numbers=parse_card_numbers("A\nE, A"))
    made = _create(db, _sleeping(store, source=pasted, offer=offer), cashier, manager)
    assert made.targeted == 2
    with db.transaction() as session:
        issue_campaign(session, made.id, on=D, actor_id=cashier.id, approver_id=manager.id)
        issue_campaign(session, made.id, on=D, actor_id=cashier.id, approver_id=manager.id)
    amount = 10 * YUAN if column == "bonus_fen" else 50
    held = _count(db, f"SELECT sum({column}) FROM members WHERE card_no IN ('A', 'E')")
    assert held == 2 * amount
    assert _count(db, f"SELECT count(*) FROM {kind} WHERE kind = 'gift'") == 2
    with db.reading() as session:
        assert check_ledgers(session) == []
        entry_ids = session.execute(text("SELECT entry_id FROM campaign_members")).scalars()
        assert all(entry_ids)


def _refused(db: Database, data: CampaignInput, cashier: StaffView, manager: StaffView) -> str:
    before = snapshot(db)
    with pytest.raises(MemberError) as refused, db.transaction() as session:
        create_campaign(session, data, on=D, actor_id=cashier.id, approver_id=manager.id)
    assert snapshot(db) == before
    return str(refused.value)


def test_bad_input_is_refused_plainly_and_writes_nothing(
    db: Database, store: History, cashier: StaffView, manager: StaffView
) -> None:
    empty = _sleeping(store, source=Source(SourceKind.GROUP, "fan"))
    assert "没有会员" in _refused(db, empty, cashier, manager)
    backwards = _sleeping(store, starts_on=day(-5), ends_on=day(-4) - dt.timedelta(days=2))
    assert "早于开始日期" in _refused(db, backwards, cashier, manager)
    missing = _sleeping(store, offer=Offer(OfferKind.COUPON, coupon_template_id="nope"))
    assert "未找到该优惠券模板" in _refused(db, missing, cashier, manager)
    unknown = _sleeping(store, source=Source(SourceKind.CARDS, card_numbers=("A", "ZZ9")))
    assert "ZZ9" in _refused(db, unknown, cashier, manager)
    past = _sleeping(store, starts_on=day(1))
    assert "已过" in _refused(db, past, cashier, manager)
    nothing = _sleeping(store, offer=Offer(OfferKind.BONUS, bonus_fen=0))
    assert "赠送金额" in _refused(db, nothing, cashier, manager)
    frozen_only = _sleeping(store, source=Source(SourceKind.CARDS, card_numbers=("F",)))
    assert "冻结" in _refused(db, frozen_only, cashier, manager)


LAPSED = MemberFilter((Tenure(min_days=300), Activity(days=30, active=False)))


def _saved(db: Database, who: StaffView, name: str, member_filter: MemberFilter) -> None:
    with db.transaction() as session:
        save_list(session, name, member_filter, actor_id=who.id)


def test_a_saved_list_is_run_on_the_creation_day_and_its_name_kept(
    db: Database, store: History, cashier: StaffView, manager: StaffView
) -> None:
    """Members for 300 days or more who bought nothing in 30: A, B, C and F (frozen: left
    out), not E (bought 10 days ago) nor H (a member for 100 days)."""
    _saved(db, cashier, "Lapsed 老会员", LAPSED)
    # The name as typed in another case and spacing finds the list; its own spelling is kept.
    source = Source(SourceKind.LIST, "lapsed   老会员")
    made = _create(db, _sleeping(store, source=source), cashier, manager)
    assert (made.targeted, made.skipped) == (3, 1)
    assert made.source == Source(SourceKind.LIST, "Lapsed 老会员")
    assert made.source_label == f"会员名单“Lapsed 老会员”（{D.isoformat()} 计算）"
    with db.reading() as session:
        cards = session.execute(
            text(
                "SELECT m.card_no FROM campaign_members cm JOIN members m ON m.id = cm.member_id"
                " WHERE cm.campaign_id = :id ORDER BY m.card_no"
            ),
            {"id": made.id},
        ).scalars()
        assert list(cards) == ["A", "B", "C"]
        with_list = session.execute(
            select(MemberRow.card_no).where(LAPSED.condition(D)).order_by(MemberRow.card_no)
        ).scalars()
        assert list(with_list) == ["A", "B", "C", "F"]  # the filter itself, frozen F included
    # Deleting the list later leaves the campaign as it was taken, its name kept.
    with db.transaction() as session:
        (view,) = saved_lists(session)
        delete_list(session, view.id, actor_id=cashier.id)
    with db.reading() as session:
        kept = campaign(session, made.id)
    assert (kept.targeted, kept.source_label) == (3, made.source_label)


def test_a_list_deleted_unknown_or_matching_nobody_is_refused_and_writes_nothing(
    db: Database, store: History, cashier: StaffView, manager: StaffView
) -> None:
    unknown = _sleeping(store, source=Source(SourceKind.LIST, "不存在的名单"))
    assert "未找到会员名单“不存在的名单”" in _refused(db, unknown, cashier, manager)
    blank = _sleeping(store, source=Source(SourceKind.LIST, "  "))
    assert "请选择会员名单" in _refused(db, blank, cashier, manager)
    _saved(db, cashier, "十年老会员", MemberFilter((Tenure(min_days=3650),)))
    nobody = _sleeping(store, source=Source(SourceKind.LIST, "十年老会员"))
    assert "没有会员" in _refused(db, nobody, cashier, manager)
    _saved(db, cashier, "老会员", LAPSED)
    with db.transaction() as session:
        (view,) = [v for v in saved_lists(session) if v.name == "老会员"]
        delete_list(session, view.id, actor_id=cashier.id)
    deleted = _sleeping(store, source=Source(SourceKind.LIST, "老会员"))
    assert "可能已被删除" in _refused(db, deleted, cashier, manager)


def test_issuing_after_the_window_is_refused(
    db: Database, store: History, cashier: StaffView, manager: StaffView
) -> None:
    made = _create(db, _sleeping(store), cashier, manager)
    before = snapshot(db)
    with pytest.raises(MemberError, match="结束"), db.transaction() as session:
        issue_campaign(session, made.id, on=day(-10), actor_id=cashier.id, approver_id=manager.id)
    assert snapshot(db) == before


def _audit_details(db: Database, action: str) -> list[dict[str, object]]:
    with db.reading() as session:
        rows = session.execute(
            text("SELECT actor_id, detail FROM audit_log WHERE action = :a ORDER BY seq"),
            {"a": action},
        ).all()
    return [{"actor_id": actor, **json.loads(detail)} for actor, detail in rows]


def test_the_call_list_is_masked_except_for_the_owner_and_audited(
    db: Database,
    config: Config,
    store: History,
    cashier: StaffView,
    manager: StaffView,
    owner: StaffView,
    tmp_path: Path,
) -> None:
    made = _create(db, _sleeping(store), cashier, manager)
    desk = MemberDesk(db, config).campaigns
    masked = tmp_path / "list.csv"
    assert desk.export_call_list(made.id, masked, cashier=manager) == ExportedList(3, False)
    with masked.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    # History gives the n-th member the phone 139 and n on 8 digits: A 0, B 1, C 2.
    assert rows == [
        ["card_no", "name", "phone"],
        ["A", "A", "139****0000"],
        ["B", "B", "139****0001"],
        ["C", "C", "139****0002"],
    ]
    full = tmp_path / "list.xlsx"
    assert desk.export_call_list(made.id, full, cashier=owner) == ExportedList(3, True)
    sheet = openpyxl.load_workbook(full).active
    assert sheet is not None
    assert [[cell.value for cell in row] for row in sheet.iter_rows()][1:] == [
        ["A", "A", "13900000000"],
        ["B", "B", "13900000001"],
        ["C", "C", "13900000002"],
    ]
    exports = _audit_details(db, "campaign.list_exported")
    assert [(e["actor_id"], e["rows"], e["full_phones"], e["file"]) for e in exports] == [
        (manager.id, 3, 0, "list.csv"),
        (owner.id, 3, 3, "list.xlsx"),
    ]
    # A file that cannot be written leaves no audit entry behind.
    before = snapshot(db)
    with pytest.raises(Exception, match="文件夹不存在"):
        desk.export_call_list(made.id, tmp_path / "nowhere" / "x.csv", cashier=owner)
    assert snapshot(db) == before


def test_the_recall_worked_out_by_hand(
    db: Database, store: History, cashier: StaffView, manager: StaffView
) -> None:
    made = _create(db, _sleeping(store), cashier, manager)
    with db.transaction() as session:
        issue_campaign(session, made.id, on=D, actor_id=cashier.id, approver_id=manager.id)
        coupon_of_a = session.execute(
            text(
                "SELECT cm.coupon_id FROM campaign_members cm JOIN members m"
                " ON m.id = cm.member_id WHERE m.card_no = 'A'"
            )
        ).scalar_one()
    a_sale = store.sale("A", -2, 80)  # 100 less the campaign's coupon of 20
    with db.transaction() as session:
        session.execute(
            text(
                "UPDATE coupons SET status = 'used', used_order_id = :o, discount_fen = 2000"
                " WHERE id = :id"
            ),
            {"o": a_sale, "id": coupon_of_a},
        )
    store.sale("C", -3, 50)
    refunded = store.sale("C", -5, 30)
    store.refund_whole(refunded, "C", -6, 30)  # refunded the day after: no purchase by D+9
    store.sale("B", -4, 999, state="voided")  # voided: nothing
    store.sale("B", -12, 70)  # after the window: not counted
    store.sale("E", -1, 40)  # not targeted, not lapsed: in neither side
    store.sale("F", -4, 60)  # not targeted (frozen on D), as lapsed: the baseline
    store.sale(None, -2, 45)  # a walk-in: nobody's

    after = recall_on(db, made.id, day(-20))
    assert after.until == day(-9)
    t = after.targeted
    assert (t.members, t.came_back, t.purchases, t.spend_fen) == (3, 2, 2, 130 * YUAN)
    assert t.rate_bp == 6667  # 2 / 3
    assert t.spend_per_returning_fen == 65 * YUAN
    assert (after.coupons_used, after.coupon_discount_fen) == (1, 20 * YUAN)
    # Baseline: F (last bought D-390, before C's D-370) and H (never bought, like B).
    b = after.baseline
    assert (b.members, b.came_back, b.purchases, b.spend_fen) == (2, 1, 1, 60 * YUAN)
    assert b.rate_bp == 5000

    # While the window is on, D+5: C's sale of D+5 is not refunded yet.
    during = recall_on(db, made.id, day(-5))
    assert during.until == day(-5)
    t = during.targeted
    assert (t.came_back, t.purchases, t.spend_fen) == (2, 3, 160 * YUAN)

    with pytest.raises(MemberError, match="才开始"):
        recall_on(db, made.id, day(1))


def recall_on(db: Database, campaign_id: str, on: dt.date) -> Recall:
    with db.reading() as session:
        return recall(session, campaign_id, on=on)


def test_card_numbers_from_a_file(tmp_path: Path) -> None:
    with_header = tmp_path / "cards.csv"
    with_header.write_text("name,card_no\n张三,8801\n李四, 8802\n张三,8801\n", encoding="utf-8")
    assert read_card_file(with_header) == ("8801", "8802")
    plain = tmp_path / "plain.csv"
    plain.write_text("8803\n8804\n", encoding="utf-8")
    assert read_card_file(plain) == ("8803", "8804")
    with pytest.raises(MemberError, match="无法读取"):
        read_card_file(tmp_path / "missing.csv")


def test_docs_hold_the_recall_sql_that_runs() -> None:
    """docs/analytics.md ("Campaigns") shows the recall's statements exactly as they run."""
    page = _words((Path(__file__).parents[2] / "docs" / "analytics.md").read_text("utf-8"))
    for sql in (RECALL_SQL, COUPONS_USED_SQL):
        assert _words(sql) in page
