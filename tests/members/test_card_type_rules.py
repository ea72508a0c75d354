"""The rules a manager's card types and bonus rules must keep: each refusal names its field and
leaves the database exactly as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from app.members.card_types import (
    CardTypeInput,
    create_bonus_rule,
    create_card_type,
    list_bonus_rules,
    list_card_types,
    retire_bonus_rule,
    retire_card_type,
    update_card_type,
)
from app.members.coupons import CouponKind, CouponTerms, create_template, retire_template
from app.members.enrolment import enrol
from app.members.errors import MemberError
from app.members.levels import CardType, Metric, UpgradeGift, UpgradeRule
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.models import AuditRow
from tests.members.conftest import TODAY, snapshot

#: The fixture's 银卡 is reached by spending 1,000 yuan in 30 days (rank 1).
SILVER_RULE = UpgradeRule(Metric.SPEND, 1000_00, 30)


def _who(cashier: StaffView, manager: StaffView) -> dict[str, Any]:
    return {"actor_id": cashier.id, "approver_id": manager.id}


def _refused(db: Database, action: Any, field: str, words: str) -> None:
    """``action(session)`` is refused at ``field`` with ``words`` and writes nothing."""
    before = snapshot(db)
    with pytest.raises(MemberError) as refused, db.transaction() as session:
        action(session)
    assert refused.value.field == field, str(refused.value)
    assert words in str(refused.value)
    assert snapshot(db) == before


def test_a_card_type_with_every_rule_is_created_read_back_and_audited(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    data = CardTypeInput(
        "钻石卡",
        3,
        discount_bp=8500,
        points_per_yuan=(3, 2),
        points_value=(1, 2),
        needs_password=True,
        upgrade=UpgradeRule(Metric.SPEND, 5000_00, 30),
        downgrade=True,
        gift=UpgradeGift(points=300, bonus_fen=50_00),
        validity_days=None,
    )
    with db.transaction() as session:
        made = create_card_type(session, data, **_who(cashier, manager))
    with db.reading() as session:
        listed = {v.card_type.name: v.card_type for v in list_card_types(session)}
        audit = session.scalars(
            select(AuditRow).where(
                AuditRow.action == "card_type.created", AuditRow.subject_id == made.id
            )
        ).one()
    assert listed["钻石卡"] == dataclasses.replace(made)
    assert (made.points_per_yuan, made.points_value, made.upgrade) == (
        (3, 2),
        (1, 2),
        UpgradeRule(Metric.SPEND, 5000_00, 30),
    )
    assert audit.approver_id == manager.id


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"discount_bp": 10_500}, "discount_bp", "折扣"),
        ({"discount_bp": 0}, "discount_bp", "折扣"),
        ({"name": "银卡"}, "name", "卡类型名称已存在：银卡"),
        ({"name": " "}, "name", "名称"),
        ({"rank": 1}, "rank", "等级序号已被使用：1"),
        ({"points_per_yuan": -1}, "points_per_yuan", "非负"),
        ({"points_value": (1, 0)}, "points_value", "非负"),
        ({"fee_fen": -1}, "fee_fen", "会员费不能为负数"),
        ({"validity_days": 0}, "validity_days", "有效天数"),
        ({"downgrade": True}, "downgrade", "保级条件"),
        ({"gift": UpgradeGift(coupon_template_id="nope")}, "gift_coupon_template_id", "模板"),
        (
            {"fee_fen": 100_00, "upgrade": UpgradeRule(Metric.SPEND, 3000_00, 30)},
            "upgrade_metric",
            "付费卡类型不能设置升级条件",
        ),
    ],
)
def test_a_card_type_breaking_a_rule_is_refused_at_its_field_and_nothing_is_saved(
    db: Database,
    cashier: StaffView,
    manager: StaffView,
    card_types: dict[str, CardType],
    change: dict[str, Any],
    field: str,
    words: str,
) -> None:
    data = dataclasses.replace(CardTypeInput("铂金卡", 5, discount_bp=9000), **change)
    _refused(db, lambda s: create_card_type(s, data, **_who(cashier, manager)), field, words)


def test_negative_gifts_and_bad_upgrade_rules_are_refused_at_their_field() -> None:
    for build, field in (
        (lambda: UpgradeGift(points=-1), "gift_points"),
        (lambda: UpgradeGift(bonus_fen=-1), "gift_bonus_fen"),
        (lambda: UpgradeRule(Metric.SPEND, 0, 30), "upgrade_threshold"),
        (lambda: UpgradeRule(Metric.SPEND, 100, 0), "upgrade_period_days"),
    ):
        with pytest.raises(MemberError) as refused:
            build()
        assert refused.value.field == field


@pytest.mark.parametrize(
    ("rank", "rule", "words"),
    [
        # above 银卡 (rank 1) with the same metric and days: must need more than 1,000 yuan
        (3, UpgradeRule(Metric.SPEND, 900_00, 30), "须高于低一级的“银卡”"),
        (3, UpgradeRule(Metric.SPEND, 1000_00, 30), "须高于低一级的“银卡”"),
        # below 银卡: must need less
        (-1, UpgradeRule(Metric.SPEND, 1500_00, 30), "须低于高一级的“银卡”"),
    ],
)
def test_a_level_threshold_out_of_order_with_its_neighbours_is_refused(
    db: Database,
    cashier: StaffView,
    manager: StaffView,
    card_types: dict[str, CardType],
    rank: int,
    rule: UpgradeRule,
    words: str,
) -> None:
    data = CardTypeInput("钻石卡", rank, upgrade=rule)
    _refused(
        db,
        lambda s: create_card_type(s, data, **_who(cashier, manager)),
        "upgrade_threshold",
        words,
    )


def test_thresholds_of_another_metric_or_period_are_not_compared(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    with db.transaction() as session:
        for name, rank, rule in (
            ("积分卡", 3, UpgradeRule(Metric.POINTS, 10, 30)),
            ("年卡", 4, UpgradeRule(Metric.SPEND, 500_00, 365)),
            ("钻石卡", 5, UpgradeRule(Metric.SPEND, 1500_00, 30)),
        ):
            create_card_type(
                session, CardTypeInput(name, rank, upgrade=rule), **_who(cashier, manager)
            )


def test_an_edit_keeps_its_own_name_and_rank_and_is_checked_against_the_others(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    silver = card_types["silver"]
    data = CardTypeInput(
        "银卡",
        1,
        discount_bp=9000,
        points_per_yuan=2,
        points_value=1,
        upgrade=UpgradeRule(Metric.SPEND, 800_00, 30),
        downgrade=True,
    )
    with db.transaction() as session:
        saved = update_card_type(session, silver.id, data, **_who(cashier, manager))
    assert saved.discount_bp == 9000 and saved.upgrade == UpgradeRule(Metric.SPEND, 800_00, 30)
    taken = dataclasses.replace(data, rank=2)
    _refused(
        db,
        lambda s: update_card_type(s, silver.id, taken, **_who(cashier, manager)),
        "rank",
        "等级序号已被使用：2",
    )


def test_the_default_mark_moves_but_is_never_simply_taken_off(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    plain, silver = card_types["plain"], card_types["silver"]
    unmark = CardTypeInput("普通卡", 0, points_per_yuan=1, points_value=1, is_default=False)
    _refused(
        db,
        lambda s: update_card_type(s, plain.id, unmark, **_who(cashier, manager)),
        "is_default",
        "默认卡类型不能取消默认",
    )
    mark = CardTypeInput(
        "银卡",
        1,
        discount_bp=9500,
        points_per_yuan=2,
        points_value=1,
        upgrade=SILVER_RULE,
        downgrade=True,
        is_default=True,
    )
    with db.transaction() as session:
        update_card_type(session, silver.id, mark, **_who(cashier, manager))
    with db.reading() as session:
        defaults = [v.card_type.name for v in list_card_types(session) if v.is_default]
    assert defaults == ["银卡"]


def test_a_type_held_by_members_cannot_be_retired_and_says_how_many(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    who = _who(cashier, manager)
    with db.transaction() as s:
        for number in (1, 2):
            enrol(
                s,
                card_no=f"8800007{number}",
                phone="",
                name="银卡会员",
                on=TODAY,
                actor_id=cashier.id,
                card_type_id=card_types["silver"].id,
            )
    before = snapshot(db)
    with pytest.raises(MemberError, match="还有 2 位会员使用该卡类型"), db.transaction() as s:
        retire_card_type(s, card_types["silver"].id, **who)
    assert snapshot(db) == before
    with db.transaction() as s:
        retire_card_type(s, card_types["gold"].id, **who)
    with db.reading() as s:
        names = [v.card_type.name for v in list_card_types(s)]
        audited = s.scalars(select(AuditRow).where(AuditRow.action == "card_type.retired")).all()
    assert names == ["普通卡", "银卡"] and [a.subject_id for a in audited] == [
        card_types["gold"].id
    ]


def test_the_default_type_cannot_be_retired_even_when_nobody_holds_it(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    before = snapshot(db)
    with pytest.raises(MemberError, match="默认卡类型不能停用"), db.transaction() as s:
        retire_card_type(s, card_types["plain"].id, **_who(cashier, manager))
    assert snapshot(db) == before


# -- bonus rules ---------------------------------------------------------------------------------

DEC_1, DEC_31 = dt.date(2026, 12, 1), dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("args", "kwargs", "field", "words"),
    [
        ((0, 10_00), {}, "min_top_up_fen", "充值门槛必须大于零"),
        ((100_00, 0), {}, "bonus_fen", "赠送金额必须大于零"),
        ((100_00, 150_00), {}, "bonus_fen", "赠送金额不能超过充值门槛 ￥100.00"),
        ((100_00, 10_00), {"valid_from": DEC_31, "valid_to": DEC_1}, "valid_to", "结束日期"),
        ((100_00, 10_00), {"card_type_id": "nope"}, "card_type_id", "未找到该卡类型"),
        ((500_00, 50_00), {}, "min_top_up_fen", "已有同样门槛、日期和卡类型的充值赠送规则"),
    ],
)
def test_a_bonus_rule_breaking_a_rule_is_refused_at_its_field_and_nothing_is_saved(
    db: Database,
    cashier: StaffView,
    manager: StaffView,
    card_types: dict[str, CardType],
    args: tuple[int, int],
    kwargs: dict[str, Any],
    field: str,
    words: str,
) -> None:
    _refused(
        db,
        lambda s: create_bonus_rule(s, *args, **kwargs, **_who(cashier, manager)),
        field,
        words,
    )


def test_bonus_rules_with_a_window_and_a_type_are_made_and_retired(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    who = _who(cashier, manager)
    gold = card_types["gold"].id
    with db.transaction() as s:
        # the same threshold is fine with another window or another type
        december = create_bonus_rule(
            s, 500_00, 150_00, valid_from=DEC_1, valid_to=DEC_31, card_type_id=gold, **who
        )
        create_bonus_rule(s, 500_00, 120_00, card_type_id=gold, **who)
    with db.transaction() as s:
        retire_bonus_rule(s, december.id, **who)
    with db.transaction() as s:  # retired: the same rule may be made again
        create_bonus_rule(
            s, 500_00, 150_00, valid_from=DEC_1, valid_to=DEC_31, card_type_id=gold, **who
        )
    with db.reading() as s:
        active = [
            (r.rule.min_top_up_fen, r.rule.bonus_fen, r.rule.valid_to) for r in list_bonus_rules(s)
        ]
        retired = s.scalars(select(AuditRow).where(AuditRow.action == "bonus_rule.retired")).all()
    assert sorted(active, key=str) == sorted(
        [
            (500_00, 100_00, None),
            (500_00, 120_00, None),
            (500_00, 150_00, DEC_31),
            (1000_00, 250_00, None),
        ],
        key=str,
    )
    assert [a.approver_id for a in retired] == [manager.id]
    before = snapshot(db)
    with pytest.raises(MemberError, match="未找到该充值赠送规则"), db.transaction() as s:
        retire_bonus_rule(s, december.id, **who)
    assert snapshot(db) == before


def test_a_retired_coupon_kind_cannot_become_an_upgrade_gift(
    db: Database, cashier: StaffView, manager: StaffView, card_types: dict[str, CardType]
) -> None:
    who = _who(cashier, manager)
    with db.transaction() as s:
        kind = create_template(
            s, "满50减5", CouponTerms(CouponKind.AMOUNT_OFF, 5_00, 50_00), valid_days=30, **who
        )
        retire_template(s, kind.id, **who)
    data = CardTypeInput("钻石卡", 3, gift=UpgradeGift(coupon_template_id=kind.id))
    _refused(
        db,
        lambda s: create_card_type(s, data, **who),
        "gift_coupon_template_id",
        "优惠券模板不存在",
    )
