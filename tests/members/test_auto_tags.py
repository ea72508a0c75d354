"""Automatic tags: each condition over a small store whose answers are worked out by hand, hand
tags kept, the daily run taking a tag back from a member who stopped meeting it, bad rules refused
with nothing written."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select, text

from app.members import auto_tags
from app.members.auto_tags import AutoTagRule
from app.members.calendar import LUNAR, SOLAR, MemberDate
from app.members.daily import run_daily
from app.members.enrolment import enrol
from app.members.errors import MemberError
from app.members.levels import CardType
from app.members.tags import members_tagged
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import MemberRow
from tests.members.conftest import snapshot

D = dt.date(2026, 11, 23)  # lunar 2026-10-15
ZONE = "Asia/Shanghai"  # UTC+8: a sale at 02:00 UTC was paid at 10:00 on the store's clock
_numbers = itertools.count(1)


class Store:
    def __init__(self, db: Database, cashier: StaffView) -> None:
        self.db = db
        self.cashier = cashier
        self.ids: dict[str, str] = {}

    def member(
        self,
        card: str,
        *,
        sex: str | None = None,
        birthday: MemberDate | None = None,
        card_type_id: str | None = None,
        tags: tuple[str, ...] = (),
    ) -> None:
        with self.db.transaction() as session:
            view = enrol(
                session,
                card_no=card,
                phone=f"139{next(_numbers):08d}",
                name=card,
                on=D - dt.timedelta(days=400),
                actor_id=self.cashier.id,
                sex=sex,
                birthday=birthday,
                card_type_id=card_type_id,
                tags=tags,
            )
        self.ids[card] = view.id

    def sale(self, card: str, back: int, yuan: int, utc_hour: int = 2, state: str = "paid") -> str:
        order_id = f"o{next(_numbers):05d}"
        day = D - dt.timedelta(days=back)
        paid_at = dt.datetime.combine(day, dt.time(utc_hour, 30))
        with self.db.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO orders (id, receipt_no, business_day, kind, state, cashier_id,"
                    " member_id, subtotal_fen, discount_fen, rounding_fen, total_fen,"
                    " change_fen, created_at) VALUES (:id, :id, :day, 'sale', :state, :cashier,"
                    " :member, :fen, 0, 0, :fen, 0, :at)"
                ),
                {
                    "id": order_id,
                    "day": day.isoformat(),
                    "state": state,
                    "cashier": self.cashier.id,
                    "member": self.ids[card],
                    "fen": yuan * 100,
                    "at": paid_at.isoformat(sep=" "),
                },
            )
        return order_id

    def tagged(self, tag: str) -> set[str]:
        with self.db.reading() as session:
            return {row.card_no for row in members_tagged(session, tag.casefold(), 1000)}

    def add(self, manager: StaffView, rule: AutoTagRule) -> int:
        with self.db.transaction() as session:
            view = auto_tags.create_rule(
                session, rule, on=D, timezone=ZONE, actor_id=self.cashier.id, approver_id=manager.id
            )
        return view.members


@pytest.fixture
def store(db: Database, cashier: StaffView, card_types: dict[str, CardType]) -> Store:
    made = Store(db, cashier)
    made.member("woman-30", sex="女", birthday=MemberDate(SOLAR, 1996, 11, 23))  # 30 today
    made.member("woman-29", sex="女", birthday=MemberDate(SOLAR, 1996, 11, 24))  # 30 tomorrow
    # Lunar birthdays count in the lunar calendar: 10-15 is today, 10-20 in five days (read as
    # solar dates, 15 and 20 October, both would have passed).
    made.member("lunar-30", sex="男", birthday=MemberDate(LUNAR, 1996, 10, 15))
    made.member("lunar-29", birthday=MemberDate(LUNAR, 1996, 10, 20))
    made.member("no-year", sex="女", birthday=MemberDate(SOLAR, None, 1, 1))
    made.member("gold", card_type_id=card_types["gold"].id, tags=("老客户",))
    made.member("never")
    # Mornings (10:30 local): three; an evening (22:30 local = 14:30 UTC): one.
    for back in (1, 5, 9):
        made.sale("woman-30", back, 50)
    made.sale("woman-30", 12, 50, utc_hour=14)
    # Evenings mostly; one big ticket voided, one morning sale before the window.
    made.sale("lunar-30", 2, 200, utc_hour=14)
    made.sale("lunar-30", 3, 300, utc_hour=15)
    made.sale("lunar-30", 4, 100, utc_hour=2)
    made.sale("lunar-30", 6, 5000, utc_hour=2, state="voided")
    made.sale("lunar-30", 40, 80, utc_hour=2)
    made.sale("gold", 0, 1000)  # on D itself: inside every window
    return made


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (AutoTagRule("女士", sex="女"), {"woman-30", "woman-29", "no-year"}),
        (AutoTagRule("三十", age_min=30, age_max=30), {"woman-30", "lunar-30"}),
        (AutoTagRule("二十几", age_max=29), {"woman-29", "lunar-29"}),
        (AutoTagRule("早客", hour_from=8, hour_to=12, window_days=30), {"woman-30", "gold"}),
        (AutoTagRule("夜猫", hour_from=20, hour_to=2, window_days=30), {"lunar-30"}),
        (AutoTagRule("常客", visits_min=3, window_days=30), {"woman-30", "lunar-30"}),
        # 40 days back is outside a 30-day window, inside a 45-day one.
        (AutoTagRule("四次", visits_min=4, window_days=45), {"woman-30", "lunar-30"}),
        (AutoTagRule("四次内", visits_min=4, window_days=30), {"woman-30"}),
        (
            AutoTagRule("沉睡", visits_max=0, window_days=30),
            {"woman-29", "lunar-29", "no-year", "never"},
        ),
        # lunar-30's tickets: 200, 300, 100 (the voided 5000 is no purchase): 200 on average.
        (AutoTagRule("大单", ticket_min_fen=200_00, window_days=30), {"lunar-30", "gold"}),
        (AutoTagRule("小单", ticket_max_fen=50_00, window_days=30), {"woman-30"}),
        (
            AutoTagRule("女常客", sex="女", visits_min=1, ticket_max_fen=100_00, window_days=30),
            {"woman-30"},
        ),
    ],
)
def test_each_condition_finds_the_members_worked_out_by_hand(
    store: Store, manager: StaffView, rule: AutoTagRule, expected: set[str]
) -> None:
    assert store.add(manager, rule) == len(expected)
    assert store.tagged(rule.tag) == expected


def test_a_level_rule_and_the_hand_set_tag_stay_apart(
    store: Store, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    store.add(manager, AutoTagRule("金卡会员", card_type_ids=(card_types["gold"].id,)))
    assert store.tagged("金卡会员") == {"gold"}
    assert store.tagged("老客户") == {"gold"}
    with store.db.reading() as session:
        gold = session.scalars(select(MemberRow).where(MemberRow.card_no == "gold")).one()
        assert gold.tags == "老客户", "the profile's hand-set tags are not touched"
        assert auto_tags.auto_tags_of(session, gold.id) == ("金卡会员",)


def test_the_daily_run_takes_the_tag_from_a_member_who_stopped_and_retiring_removes_it(
    store: Store, db: Database, manager: StaffView, cashier: StaffView
) -> None:
    store.add(manager, AutoTagRule("常客", visits_min=3, window_days=10))
    assert store.tagged("常客") == {"woman-30", "lunar-30"}
    # Nine days on, woman-30's sales 1, 5 and 9 days before D are 10 to 18 days old.
    with db.transaction() as session:
        report = run_daily(session, D + dt.timedelta(days=9), timezone=ZONE)
    assert store.tagged("常客") == set()
    assert report.auto_tagged == 0
    with db.transaction() as session:
        run_daily(session, D + dt.timedelta(days=10), timezone=ZONE)
    store.sale("woman-30", -10, 20)
    store.sale("woman-30", -10, 20)
    store.sale("woman-30", -10, 20)
    with db.transaction() as session:
        report = run_daily(session, D + dt.timedelta(days=10), timezone=ZONE)
    assert store.tagged("常客") == {"woman-30"} and report.auto_tagged == 1
    with db.transaction() as session:
        (view,) = auto_tags.list_rules(session)
        assert view.members == 1
        auto_tags.retire_rule(session, view.id, actor_id=cashier.id, approver_id=manager.id)
    assert store.tagged("常客") == set()
    with db.reading() as session:
        assert auto_tags.list_rules(session) == []


@pytest.mark.parametrize(
    ("rule", "field", "words"),
    [
        (AutoTagRule("", sex="女"), "tag", "自动标签须是一个标签"),
        (AutoTagRule("两个 标签", sex="女"), "tag", "自动标签须是一个标签"),
        (AutoTagRule("空规则"), "sex", "至少设一个条件"),
        (AutoTagRule("性别", sex="未知"), "sex", "男或女"),
        (AutoTagRule("年龄", age_min=40, age_max=30), "age_min", "年龄的下限不能大于上限"),
        (AutoTagRule("年龄", age_min=-1), "age_min", "年龄须在 0 到 150 岁之间"),
        (AutoTagRule("时段", hour_from=8), "hour_from", "同时填"),
        (AutoTagRule("时段", hour_from=8, hour_to=25), "hour_from", "0 到 24"),
        (AutoTagRule("时段", hour_from=0, hour_to=24), "hour_from", "不能相同"),
        (AutoTagRule("窗口", visits_min=1, window_days=0), "window_days", "统计天数"),
        (AutoTagRule("卡", card_type_ids=("no-such-type",)), "card_type_ids", "卡类型不存在"),
    ],
)
def test_a_bad_rule_is_refused_naming_its_field_and_writes_nothing(
    store: Store, db: Database, manager: StaffView, rule: AutoTagRule, field: str, words: str
) -> None:
    before = snapshot(db)
    with pytest.raises(MemberError, match=words) as refused, db.transaction() as session:
        auto_tags.create_rule(
            session, rule, on=D, timezone=ZONE, actor_id=store.cashier.id, approver_id=manager.id
        )
    assert refused.value.field == field
    assert snapshot(db) == before


def test_a_rule_needs_a_manager(store: Store, db: Database) -> None:
    before = snapshot(db)
    with pytest.raises(MemberError), db.transaction() as session:
        auto_tags.create_rule(
            session,
            AutoTagRule("女士", sex="女"),
            on=D,
            timezone=ZONE,
            actor_id=store.cashier.id,
            approver_id=None,
        )
    assert snapshot(db) == before
