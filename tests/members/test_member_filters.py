"""Member filters over a small store written by hand, each answer worked out from the rules of
docs/analytics.md ("Filters"): birthdays either side of a lunar new year and of a star sign's
first and last day, refunds and voids, points of every kind, tags set by hand and by a rule.

Members (today is 2026-11-23):

- A 1990-01-20 solar (蛇: 1990's new year is 01-27; 水瓶 from 01-20), joined 2026-11-20, VIP
- B 1990-01-27 solar (马, new year's day), joined 2025-11-25, 早客 by a rule
- C 1985-01-19 solar (鼠: 1985's new year is 02-20; 摩羯 to 01-19), joined 2024-02-29, 银卡,
  VIP by hand and 早客 by the rule
- D lunar 1988 八月十五 (龙; solar 1988-09-25, 天秤), joined 2020-01-01, 金卡, 团购
- E solar 03-21 without a year (白羊, no 生肖), joined today
- F lunar 五月初五 without a year (no 星座, no 生肖), joined 2023-11-30
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from app.members.calendar import LUNAR, SOLAR, MemberDate, lunar_months, to_solar
from app.members.enrolment import enrol
from app.members.levels import CardType
from app.members.member_filters import (
    Activity,
    AvailablePoints,
    BirthMonth,
    CardTypes,
    ChineseZodiac,
    Criterion,
    FilterError,
    HasTags,
    JoinAnniversary,
    LastPurchase,
    MemberFilter,
    NewOrOld,
    StarSign,
    Tenure,
    TotalPoints,
    TotalSpend,
    VisitCount,
    run_filter,
)
from app.members.member_lists import delete_list, save_list, saved_list, saved_lists
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import LunarMonthRow
from app.storage.models import AuditRow
from tests.members.conftest import snapshot

TODAY = dt.date(2026, 11, 23)
YUAN = 100


def back(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


class Store:
    def __init__(self, db: Database, cashier: StaffView, card_types: dict[str, CardType]) -> None:
        self.db = db
        self.cashier = cashier
        self.ids: dict[str, str] = {}
        self.orders = 0
        self.points = 0
        with db.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO auto_tag_rules (id, tag, card_type_ids, window_days, active,"
                    " created_at) VALUES ('rule1', '早客', '', 90, 1, '2026-01-01')"
                )
            )
        self.card_types = card_types

    def member(
        self,
        card: str,
        joined: dt.date,
        birthday: MemberDate | None,
        *,
        card_type: str = "plain",
        tags: tuple[str, ...] = (),
        auto_tags: tuple[str, ...] = (),
    ) -> None:
        with self.db.transaction() as session:
            view = enrol(
                session,
                card_no=card,
                phone=f"139{len(self.ids):08d}",
                name=card,
                on=joined,
                actor_id=self.cashier.id,
                card_type_id=self.card_types[card_type].id,
                birthday=birthday,
                tags=tags,
            )
            for tag in auto_tags:
                session.execute(
                    text(
                        "INSERT INTO member_auto_tags (tag_key, member_id, tag, rule_id)"
                        " VALUES (:key, :member, :tag, 'rule1')"
                    ),
                    {"key": tag.casefold(), "member": view.id, "tag": tag},
                )
        self.ids[card] = view.id

    def order(
        self,
        card: str | None,
        day: dt.date,
        yuan: int,
        *,
        state: str = "paid",
        kind: str = "sale",
        original: str | None = None,
    ) -> str:
        self.orders += 1
        order_id = f"o{self.orders:04d}"
        with self.db.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
                    " original_order_id, member_id, subtotal_fen, discount_fen, rounding_fen,"
                    " total_fen, change_fen, created_at) VALUES (:id, :id, :day, :kind, :state,"
                    " :cashier, :original, :member, :total, 0, 0, :total, 0, :day)"
                ),
                {
                    "id": order_id,
                    "day": day.isoformat(),
                    "kind": kind,
                    "state": state,
                    "cashier": self.cashier.id,
                    "original": original,
                    "member": self.ids[card] if card else None,
                    "total": yuan * YUAN,
                },
            )
        return order_id

    def refund(self, card: str, sale: str, day: dt.date, yuan: int, *, whole: bool) -> None:
        self.order(card, day, yuan, kind="refund", original=sale)
        with self.db.transaction() as session:
            session.execute(
                text("UPDATE orders SET state = :state WHERE id = :id"),
                {"id": sale, "state": "refunded" if whole else "partly_refunded"},
            )

    def points_entry(self, card: str, kind: str, delta: int) -> None:
        self.points += 1
        with self.db.transaction() as session:
            balance = session.execute(
                text("SELECT points FROM members WHERE id = :id"), {"id": self.ids[card]}
            ).scalar_one()
            session.execute(
                text(
                    "INSERT INTO points_entries (id, member_id, kind, delta, balance_after,"
                    " base_fen, reason, business_day, created_at) VALUES (:id, :member, :kind,"
                    " :delta, :after, 0, '', :day, :day)"
                ),
                {
                    "id": f"pe{self.points}",
                    "member": self.ids[card],
                    "kind": kind,
                    "delta": delta,
                    "after": balance + delta,
                    "day": TODAY.isoformat(),
                },
            )
            session.execute(
                text("UPDATE members SET points = :after WHERE id = :id"),
                {"id": self.ids[card], "after": balance + delta},
            )


@pytest.fixture
def store(db: Database, cashier: StaffView, card_types: dict[str, CardType]) -> Store:
    s = Store(db, cashier, card_types)
    s.member("A", dt.date(2026, 11, 20), MemberDate(SOLAR, 1990, 1, 20), tags=("VIP",))
    s.member("B", dt.date(2025, 11, 25), MemberDate(SOLAR, 1990, 1, 27), auto_tags=("早客",))
    s.member(
        "C",
        dt.date(2024, 2, 29),
        MemberDate(SOLAR, 1985, 1, 19),
        card_type="silver",
        tags=("vip",),
        auto_tags=("早客",),
    )
    s.member(
        "D", dt.date(2020, 1, 1), MemberDate(LUNAR, 1988, 8, 15), card_type="gold", tags=("团购",)
    )
    s.member("E", TODAY, MemberDate(SOLAR, None, 3, 21))
    s.member("F", dt.date(2023, 11, 30), MemberDate(LUNAR, None, 5, 5))
    # A: one sale yesterday.
    s.order("A", back(1), 100)
    # B: a sale 40 days ago; a later one refunded whole (no visit); a voided one (nothing).
    s.order("B", back(40), 300)
    b_refunded = s.order("B", back(5), 200)
    s.refund("B", b_refunded, back(4), 200, whole=True)
    s.order("B", back(2), 500, state="voided")
    # C: 1000 a hundred days ago, 400 of it refunded; 50 two hundred days ago.
    c_sale = s.order("C", back(100), 1000)
    s.refund("C", c_sale, back(99), 400, whole=False)
    s.order("C", back(200), 50)
    # D never bought. E bought today. F three times.
    s.order("E", TODAY, 80)
    for days in (3, 20, 60):
        s.order("F", back(days), 100)
    s.order(None, back(1), 999)  # a walk-in
    # Points: A earned 100, spent 30; B earned 300, 200 taken back by the refund, redeemed 50;
    # C opened with 500, +100 and -50 by hand, 200 expired.
    s.points_entry("A", "earn", 100)
    s.points_entry("A", "spend", -30)
    s.points_entry("B", "earn", 300)
    s.points_entry("B", "reverse", -200)
    s.points_entry("B", "redeem", -50)
    s.points_entry("C", "opening", 500)
    s.points_entry("C", "adjust", 100)
    s.points_entry("C", "adjust", -50)
    s.points_entry("C", "expire", -200)
    return s


def found(db: Database, *criteria: Criterion) -> list[str]:
    with db.reading() as session:
        result = run_filter(session, MemberFilter(criteria), TODAY)
    assert result.count == len(result.rows)
    return [row.card_no for row in result.rows]


def test_the_lunar_month_table_is_the_calendars(db: Database) -> None:
    with db.reading() as session:
        rows = {
            (r.year, r.month, r.leap): (r.first_day, r.days)
            for r in session.scalars(select(LunarMonthRow))
        }
    expected = {
        (m.year, m.month, m.leap): (m.start, m.days)
        for year in range(1900, 2100)
        for m in lunar_months(year)
    }
    assert rows == expected
    assert rows[(1990, 1, False)][0] == dt.date(1990, 1, 27)
    assert rows[(1985, 1, False)][0] == dt.date(1985, 2, 20)


def test_birth_month_takes_a_lunar_birthday_by_its_lunar_month(store: Store) -> None:
    assert found(store.db, BirthMonth((1,))) == ["A", "B", "C"]
    assert to_solar(1988, 8, 15).month == 9  # D's birthday is in September by the sun
    assert found(store.db, BirthMonth((8,))) == ["D"]
    assert found(store.db, BirthMonth((9,))) == []
    assert found(store.db, BirthMonth((3, 5))) == ["E", "F"]


def test_join_anniversary_in_a_range_leaves_out_who_joined_in_it(store: Store) -> None:
    # E joined on the first day of the range: that is no anniversary.
    assert found(store.db, JoinAnniversary(TODAY, dt.date(2026, 11, 30))) == ["B", "F"]
    # C joined on 29 February: 2027 has none, so it falls on the 28th.
    assert found(store.db, JoinAnniversary(dt.date(2027, 2, 28), dt.date(2027, 2, 28))) == ["C"]
    assert found(store.db, JoinAnniversary(dt.date(2027, 3, 1), dt.date(2027, 3, 10))) == []


def test_new_old_and_tenure_count_days_from_joining(store: Store) -> None:
    assert found(store.db, NewOrOld(7)) == ["A", "E"]
    assert found(store.db, NewOrOld(7, new=False)) == ["B", "C", "D", "F"]
    assert found(store.db, NewOrOld(3)) == ["E"]  # A joined 3 days ago: the 4th day back
    assert found(store.db, Tenure(1, 365)) == ["A", "B"]
    assert found(store.db, Tenure(max_days=0)) == ["E"]
    assert found(store.db, Tenure(min_days=2000)) == ["D"]


def test_activity_counts_purchases_not_refunded_or_voided_sales(store: Store) -> None:
    assert found(store.db, Activity(30)) == ["A", "E", "F"]
    assert found(store.db, Activity(30, active=False)) == ["B", "C", "D"]
    assert found(store.db, Activity(1)) == ["E"]  # today is in the window


def test_zodiac_follows_the_lunar_new_year(store: Store) -> None:
    assert found(store.db, ChineseZodiac((5,))) == ["A"]  # 1990-01-20: still 己巳, 蛇
    assert found(store.db, ChineseZodiac((6,))) == ["B"]  # 1990-01-27: 庚午, 马
    assert found(store.db, ChineseZodiac((0,))) == ["C"]  # 1985-01-19: still 甲子, 鼠
    assert found(store.db, ChineseZodiac((4,))) == ["D"]  # lunar 1988: 戊辰, 龙
    assert found(store.db, ChineseZodiac(tuple(range(12)))) == ["A", "B", "C", "D"]


def test_star_sign_by_the_solar_day_with_its_first_and_last_days(store: Store) -> None:
    assert found(store.db, StarSign(("aquarius",))) == ["A", "B"]
    assert found(store.db, StarSign(("capricorn",))) == ["C"]
    assert found(store.db, StarSign(("libra",))) == ["D"]  # lunar 八月十五 1988 = 09-25
    assert found(store.db, StarSign(("aries",))) == ["E"]
    assert found(store.db, StarSign(("pisces", "taurus"))) == []


def test_visits_last_purchase_and_spend_net_of_refunds(store: Store) -> None:
    assert found(store.db, VisitCount(min=2)) == ["C", "F"]
    assert found(store.db, VisitCount(min=2, days=30)) == ["F"]
    assert found(store.db, VisitCount(max=0)) == ["D"]
    assert found(store.db, LastPurchase(back(50), back(30))) == ["B"]
    assert found(store.db, LastPurchase(first=back(1))) == ["A", "E"]
    assert found(store.db, TotalSpend(min_fen=500 * YUAN)) == ["C"]  # 1000 - 400 + 50
    assert found(store.db, TotalSpend(100 * YUAN, 300 * YUAN)) == ["A", "B", "F"]
    assert found(store.db, TotalSpend(max_fen=0)) == ["D"]


def test_total_and_available_points(store: Store) -> None:
    assert found(store.db, TotalPoints(min=100)) == ["A", "B", "C"]
    assert found(store.db, TotalPoints(min=101)) == ["C"]  # 500 + 100
    assert found(store.db, TotalPoints(600, 600)) == ["C"]
    assert found(store.db, AvailablePoints(min=60)) == ["A", "C"]  # 70 and 350
    assert found(store.db, AvailablePoints(max=0)) == ["D", "E", "F"]


def test_tags_match_hand_set_and_automatic_ones(store: Store) -> None:
    assert found(store.db, HasTags(("VIP", "早客"))) == ["A", "B", "C"]
    assert found(store.db, HasTags(("vip", "早客"), every=True)) == ["C"]
    assert found(store.db, HasTags(("团购",))) == ["D"]


def test_card_types(store: Store) -> None:
    assert found(store.db, CardTypes((store.card_types["silver"].id,))) == ["C"]
    gold_and_silver = (store.card_types["gold"].id, store.card_types["silver"].id)
    assert found(store.db, CardTypes(gold_and_silver)) == ["C", "D"]


def test_criteria_combine_with_and(store: Store) -> None:
    assert found(store.db, BirthMonth((1,)), Activity(30)) == ["A"]
    assert found(store.db, HasTags(("vip",)), TotalPoints(min=101), NewOrOld(7, new=False)) == ["C"]
    assert found(store.db, StarSign(("aquarius",)), ChineseZodiac((6,)), Activity(30)) == []


def test_the_result_rows_carry_the_members_figures(store: Store) -> None:
    with store.db.reading() as session:
        result = run_filter(session, MemberFilter((VisitCount(min=1),)), TODAY)
    by_card = {row.card_no: row for row in result.rows}
    assert by_card["C"].spend_fen == 650 * YUAN
    assert by_card["C"].visits == 2
    assert by_card["C"].last_purchase == back(100)
    assert by_card["B"].visits == 1 and by_card["B"].last_purchase == back(40)
    assert by_card["A"].phone_masked.count("*") == 4
    assert result.words[0].zh == "累计消费次数：至少 1 次"


def test_a_shown_page_still_counts_every_match(store: Store) -> None:
    with store.db.reading() as session:
        result = run_filter(session, MemberFilter((NewOrOld(7, new=False),)), TODAY, limit=2)
    assert result.count == 4
    assert [row.card_no for row in result.rows] == ["B", "C"]


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ((), "criteria"),
        ((BirthMonth(()),), "months"),
        ((BirthMonth((13,)),), "months"),
        ((Tenure(30, 5),), "min_days"),
        ((Tenure(),), "min_days"),
        ((TotalSpend(min_fen=-1),), "min_fen"),
        ((NewOrOld(0),), "days"),
        ((Activity(-3),), "days"),
        ((VisitCount(min=5, max=2),), "min"),
        ((LastPurchase(TODAY, back(1)),), "first"),
        ((JoinAnniversary(TODAY, TODAY + dt.timedelta(days=400)),), "last"),
        ((ChineseZodiac((12,)),), "animals"),
        ((StarSign(("ophiuchus",)),), "signs"),
        ((HasTags((" , ",)),), "tags"),
        ((CardTypes(("no-such-type",)),), "card_type_ids"),
        ((AvailablePoints(10, 1),), "min"),
    ],
)
def test_bad_filters_are_refused_in_words_and_write_nothing(
    store: Store, cashier: StaffView, criteria: tuple[Criterion, ...], field: str
) -> None:
    before = snapshot(store.db)
    with store.db.reading() as session, pytest.raises(FilterError) as refused:
        run_filter(session, MemberFilter(criteria), TODAY)
    assert refused.value.field == field
    assert str(refused.value)
    with store.db.transaction() as session, pytest.raises(FilterError):
        save_list(session, "坏名单", MemberFilter(criteria), actor_id=cashier.id)
    assert snapshot(store.db) == before


def test_a_saved_list_is_run_again_and_audited(
    store: Store, cashier: StaffView, manager: StaffView
) -> None:
    member_filter = MemberFilter((NewOrOld(7), HasTags(("VIP",))))
    with store.db.transaction() as session:
        view = save_list(
            session, " 新 VIP ", member_filter, actor_id=cashier.id, approver_id=manager.id
        )
    assert view.name == "新 VIP"
    with store.db.reading() as session:
        kept = saved_list(session, view.id)
        assert kept.member_filter == member_filter
        assert [row.card_no for row in run_filter(session, kept.member_filter, TODAY).rows] == ["A"]
    store.member("G", TODAY, None, tags=("vip",))  # joins after the list was saved
    with store.db.reading() as session:
        again = run_filter(session, saved_list(session, view.id).member_filter, TODAY)
    assert [row.card_no for row in again.rows] == ["A", "G"]
    before = snapshot(store.db)
    with store.db.transaction() as session, pytest.raises(FilterError) as taken:
        save_list(session, "新 vip", MemberFilter((NewOrOld(30),)), actor_id=cashier.id)
    assert taken.value.field == "name"
    assert snapshot(store.db) == before
    with store.db.transaction() as session:
        delete_list(session, view.id, actor_id=cashier.id, approver_id=manager.id)
    with store.db.reading() as session:
        assert saved_lists(session) == []
        actions = list(session.scalars(select(AuditRow.action).order_by(AuditRow.seq)))
    assert [a for a in actions if a.startswith("member_list.")] == [
        "member_list.saved",
        "member_list.deleted",
    ]


def test_every_criterion_survives_its_json(store: Store) -> None:
    every = MemberFilter(
        (
            BirthMonth((1, 2)),
            JoinAnniversary(TODAY, back(-10)),
            NewOrOld(30, new=False),
            Tenure(1, 2),
            Activity(90, active=False),
            ChineseZodiac((3,)),
            StarSign(("leo",)),
            VisitCount(1, 5, 30),
            LastPurchase(back(10), None),
            TotalSpend(1, None),
            TotalPoints(None, 3),
            AvailablePoints(0, 4),
            HasTags(("VIP",), every=True),
            CardTypes(("x",), ("金卡",)),
        )
    )
    assert MemberFilter.from_json(every.to_json()) == every
    with pytest.raises(FilterError):
        MemberFilter.from_json('[{"kind": "no_such"}]')


def test_a_filter_of_many_criteria_is_one_sql_statement(store: Store) -> None:
    """No loop over members in Python: the count, the page and its figures come back from one
    statement whatever the criteria (a card-type criterion also checks its types exist)."""
    from sqlalchemy import event

    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    criteria = (
        BirthMonth((1,)),
        Activity(365),
        TotalSpend(min_fen=1),
        TotalPoints(min=1),
        HasTags(("vip",)),
        StarSign(("aquarius", "capricorn")),
        ChineseZodiac((5, 0)),
    )
    engine = store.db.read_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert found(store.db, *criteria) == ["A", "C"]
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len([s for s in statements if "members" in s]) == 1
