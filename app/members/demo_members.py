"""Demo members for the demo store: card types, bonus rules, ~50 members, gifts, a count card
and a coupon template, so the member screens have something true to show."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy.orm import Session

from app.members.calendar import MemberDate, to_lunar
from app.members.card_types import (
    CardTypeInput,
    create_bonus_rule,
    create_card_type,
    ensure_default_card_type,
)
from app.members.count_cards import create_package, sell_count_card
from app.members.coupons import CouponKind, CouponTerms, create_template, issue_coupons
from app.members.enrolment import enrol
from app.members.gifts import create_gift
from app.members.levels import Metric, UpgradeGift, UpgradeRule
from app.members.sales import member_sale
from app.members.stored_value import top_up
from app.storage.models import CounterStateRow

DEMO_MARKER_KEY = "demo.members"
DEMO_ACTOR = "system"
DEMO_MEMBERS = 50
#: The demo 银卡 and 金卡 members spent this much over the last year (visits of one amount), so
#: their level's rule (2,000 and 5,000 yuan within 365 days) holds and the daily upkeep keeps
#: them where they are; between the two thresholds, so nobody is moved up either.
LEVEL_VISIT_FEN = 1100_00
SILVER_VISITS = 2
GOLD_VISITS = 5
#: How far back the spend that keeps a level may go: well inside the rule's 365 days.
LEVEL_HISTORY_DAYS = 330
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "桂兰",
    "建华",
    "志强",
    "晓燕",
    "海燕",
    "春梅",
    "子涵",
)


def seed_demo_members(session: Session, *, today: dt.date, seed: int = 7) -> int:
    """Seed once (a marker row says it was done); returns the number of members made."""
    if session.get(CounterStateRow, DEMO_MARKER_KEY) is not None:
        return 0
    rng = random.Random(seed)
    who: dict[str, Any] = {"actor_id": DEMO_ACTOR, "approver_id": DEMO_ACTOR}
    coupon = create_template(
        session,
        "满100减10",
        CouponTerms(CouponKind.AMOUNT_OFF, 10_00, 100_00),
        valid_days=30,
        **who,
    )
    ensure_default_card_type(session)  # 普通卡: the store may have made it at its first start
    silver = create_card_type(
        session,
        CardTypeInput(
            "银卡",
            1,
            discount_bp=9500,
            points_per_yuan=(3, 2),
            points_value=1,
            upgrade=UpgradeRule(Metric.SPEND, 2000_00, 365),
            downgrade=True,
            gift=UpgradeGift(points=200, coupon_template_id=coupon.id),
        ),
        **who,
    )
    gold = create_card_type(
        session,
        CardTypeInput(
            "金卡",
            2,
            discount_bp=8800,
            points_per_yuan=2,
            points_value=1,
            needs_password=True,
            upgrade=UpgradeRule(Metric.SPEND, 5000_00, 365),
            downgrade=True,
            gift=UpgradeGift(bonus_fen=50_00),
        ),
        **who,
    )
    create_bonus_rule(session, 500_00, 100_00, **who)
    create_bonus_rule(session, 1000_00, 250_00, **who)
    for name, cost, stock in (
        ("环保购物袋", 300, 100),
        ("保温杯", 2000, 20),
        ("抽纸一提", 500, 50),
    ):
        create_gift(session, name, cost, stock, **who)
    package = create_package(session, "洗车10次卡", "洗车", 10, 300_00, 365, **who)
    lunar_today = to_lunar(today)
    made = 0
    for number in range(1, DEMO_MEMBERS + 1):
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        if number <= 2:  # birthdays today, one in each calendar
            birthday = (
                MemberDate(
                    "solar",
                    1988,
                    today.month,
                    28 if (today.month, today.day) == (2, 29) else today.day,
                )
                if number == 1
                else MemberDate("lunar", None, lunar_today.month, lunar_today.day)
            )
        elif number % 4 == 0:
            birthday = MemberDate("lunar", None, rng.randint(1, 12), rng.randint(1, 29))
        else:
            birthday = MemberDate(
                "solar", rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28)
            )
        card_type_id = gold.id if number % 10 == 0 else silver.id if number % 5 == 0 else None
        member = enrol(
            session,
            card_no=f"8800{number:04d}",
            phone=f"138{number:04d}{rng.randint(0, 9999):04d}",
            name=name,
            on=today - dt.timedelta(days=rng.randint(0, 700)),
            actor_id=DEMO_ACTOR,
            card_type_id=card_type_id,
            sex=rng.choice(["男", "女"]),
            birthday=birthday,
        )
        if number % 3 != 0:
            top_up(
                session,
                member.id,
                rng.choice([100_00, 200_00, 500_00, 1000_00]),
                on=today,
                actor_id=DEMO_ACTOR,
            )
        for _visit in range(rng.randint(0, 4)):
            member_sale(
                session,
                member.id,
                paid_fen=rng.randint(10_00, 300_00),
                on=today - dt.timedelta(days=rng.randint(1, 90)),
                order_id=None,  # made-up visits: no order, no event for the head office
                actor_id=DEMO_ACTOR,
                emit_event=False,
            )
        if card_type_id is not None:
            _level_history(
                session, member.id, member.joined_on, today, number, gold=card_type_id == gold.id
            )
        if number % 7 == 0:
            sell_count_card(session, member.id, package.id, on=today, actor_id=DEMO_ACTOR)
        if number % 6 == 0:
            issue_coupons(session, coupon.id, [member.id], on=today, actor_id=DEMO_ACTOR)
        made += 1
    session.add(CounterStateRow(key=DEMO_MARKER_KEY, value=str(made)))
    return made


def _level_history(
    session: Session,
    member_id: str,
    joined_on: dt.date,
    today: dt.date,
    number: int,
    *,
    gold: bool,
) -> None:
    """The spend that earned a demo member their level, since they joined and within the year.

    Its own random stream, so the names, phones and balances of the demo stay as they were.
    """
    rng = random.Random(number)
    span = max(0, min(LEVEL_HISTORY_DAYS, (today - joined_on).days))
    for _visit in range(GOLD_VISITS if gold else SILVER_VISITS):
        member_sale(
            session,
            member_id,
            paid_fen=LEVEL_VISIT_FEN,
            on=today - dt.timedelta(days=rng.randint(0, span)),
            order_id=None,  # made-up visits: no order, no event for the head office
            actor_id=DEMO_ACTOR,
            emit_event=False,
        )
