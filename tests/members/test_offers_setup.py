"""Setting up what members are offered: count-card packages, coupon kinds and gifts. Each rule
refuses with the field it is about and writes nothing; each change is audited with both people;
a retired offer is no longer sold or issued, while what was already sold or issued still works."""

from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from app.members.accounts import MemberView
from app.members.card_types import CardTypeInput, create_card_type
from app.members.count_cards import (
    PackageInput,
    create_package,
    list_packages,
    retire_package,
    sell_count_card,
    update_package,
    use_count_card,
)
from app.members.coupons import (
    CartLineFacts,
    CouponKind,
    CouponTerms,
    TemplateInput,
    add_template,
    evaluate_coupon,
    fold_words,
    issue_coupons,
    list_templates,
    member_coupons,
    retire_template,
    short_yuan,
)
from app.members.errors import MemberError
from app.members.gifts import (
    create_gift,
    list_gifts,
    redeem_gift,
    restock_gift,
    retire_gift,
    update_gift,
)
from app.members.levels import Metric, UpgradeGift, UpgradeRule
from app.members.points import adjust_points
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import GiftRow, GiftStockMoveRow
from app.storage.models import AuditRow, BarcodeRow, ProductRow
from tests.members.conftest import TODAY, snapshot


@pytest.fixture
def who(cashier: StaffView, manager: StaffView) -> dict[str, Any]:
    return {"actor_id": cashier.id, "approver_id": manager.id}


def _last_audit(db: Database, action: str) -> Any:
    """The newest audit entry of ``action``: its people and its detail, read back."""
    with db.reading() as session:
        row = session.scalars(
            select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.seq.desc())
        ).first()
        assert row is not None, action
        return SimpleNamespace(
            actor_id=row.actor_id, approver_id=row.approver_id, detail=json.loads(row.detail)
        )


def _refused(db: Database, field: str | None, words: str, action: Any) -> None:
    """``action(session)`` is refused about ``field`` with ``words`` and writes nothing."""
    before = snapshot(db)
    with pytest.raises(MemberError, match=words) as refused, db.transaction() as session:
        action(session)
    assert refused.value.field == field
    assert snapshot(db) == before


# -- count-card packages --------------------------------------------------------------------------


def test_a_package_refuses_each_bad_input_next_to_its_field(
    db: Database, who: dict[str, Any]
) -> None:
    with db.transaction() as session:
        create_package(session, "洗车10次", "洗车", 10, 300_00, 365, **who)
    good = PackageInput("洗车5次", "洗车", 5, 150_00, 30)
    for changed, field, words in (
        ({"name": "洗车10次"}, "name", "次卡已存在：洗车10次"),
        ({"name": " "}, "name", "次卡名称须为"),
        ({"service": ""}, "service", "服务项目"),
        ({"uses": 0}, "uses", "次数至少为 1"),
        ({"price_fen": 0}, "price_fen", "售价必须大于零"),
        ({"validity_days": 0}, "validity_days", "有效天数至少为 1 天"),
    ):
        data = dataclasses.replace(good, **changed)
        _refused(
            db,
            field,
            words,
            lambda s, d=data: create_package(
                s, d.name, d.service, d.uses, d.price_fen, d.validity_days, **who
            ),
        )


def test_an_edit_changes_future_sales_and_a_card_already_sold_keeps_its_terms(
    db: Database, who: dict[str, Any], member: MemberView, manager: StaffView
) -> None:
    with db.transaction() as session:
        package = create_package(session, "洗车3次", "洗车", 3, 90_00, 30, **who)
        sold = sell_count_card(session, member.id, package.id, on=TODAY, actor_id=who["actor_id"])
    with db.transaction() as session:
        changed = update_package(
            session, package.id, PackageInput("洗车3次", "精洗", 5, 120_00, None), **who
        )
    assert (changed.service, changed.uses, changed.price_fen, changed.validity_days) == (
        "精洗",
        5,
        120_00,
        None,
    )
    audit = _last_audit(db, "count_card_package.updated")
    assert audit.approver_id == manager.id and audit.actor_id == who["actor_id"]
    assert audit.detail["before"]["uses"] == 3 and audit.detail["after"]["uses"] == 5
    with db.transaction() as session:
        again = sell_count_card(session, member.id, package.id, on=TODAY, actor_id=who["actor_id"])
    assert (sold.uses_total, sold.price_fen, sold.expires_on is not None) == (3, 90_00, True)
    assert (again.uses_total, again.price_fen, again.expires_on) == (5, 120_00, None)

    with db.transaction() as session:
        other = create_package(session, "打蜡2次", "打蜡", 2, 60_00, None, **who)
    _refused(
        db,
        "name",
        "次卡已存在：打蜡2次",
        lambda s: update_package(
            s, package.id, PackageInput("打蜡2次", "洗车", 3, 90_00, None), **who
        ),
    )
    assert other.active


def test_a_retired_package_is_not_sold_but_its_cards_still_work(
    db: Database, who: dict[str, Any], member: MemberView, manager: StaffView
) -> None:
    with db.transaction() as session:
        package = create_package(session, "洗车3次", "洗车", 3, 90_00, 30, **who)
        card = sell_count_card(session, member.id, package.id, on=TODAY, actor_id=who["actor_id"])
    with db.transaction() as session:
        retired = retire_package(session, package.id, **who)
    assert not retired.active
    assert _last_audit(db, "count_card_package.retired").approver_id == manager.id
    with db.reading() as session:
        assert package.id not in [p.id for p in list_packages(session)]
        assert package.id in [p.id for p in list_packages(session, include_retired=True)]
    before = snapshot(db)
    with pytest.raises(MemberError, match="未找到该次卡套餐"), db.transaction() as session:
        sell_count_card(session, member.id, package.id, on=TODAY, actor_id=who["actor_id"])
    assert snapshot(db) == before
    with db.transaction() as session:
        used = use_count_card(session, card.id, on=TODAY, actor_id=who["actor_id"])
    assert used.uses_left == 2
    _refused(db, None, "已停售", lambda s: retire_package(s, package.id, **who))


def test_setting_up_a_package_needs_a_manager(db: Database, cashier: StaffView) -> None:
    before = snapshot(db)
    with pytest.raises(MemberError), db.transaction() as session:
        create_package(session, "洗车", "洗车", 1, 1_00, actor_id=cashier.id, approver_id=None)
    assert snapshot(db) == before


# -- coupon kinds ---------------------------------------------------------------------------------


@pytest.fixture
def cola(db: Database) -> str:
    with db.transaction() as session:
        session.add(
            ProductRow(id="cola", code="C001", name="可乐", pinyin_initials="kl", price_fen=3_50)
        )
        session.add(BarcodeRow(barcode="6900000000017", product_id="cola"))
    return "cola"


def test_the_words_a_store_owner_reads() -> None:
    assert CouponTerms(CouponKind.AMOUNT_OFF, 20_00, 100_00).label == "满100减20"
    assert CouponTerms(CouponKind.AMOUNT_OFF, 5_50).label == "立减5.5"
    assert CouponTerms(CouponKind.PERCENT_OFF, percent_off_bp=1500).label == "八五折"
    capped = CouponTerms(CouponKind.PERCENT_OFF, 0, 50_00, 1200, 30_00)
    assert capped.label == "满50 八八折（最多减30）"
    free = CouponTerms(CouponKind.FREE_ITEM, product_id="cola", product_name="可乐")
    assert free.label == "赠 可乐 1 件"
    assert [fold_words(bp) for bp in (9000, 8500, 8550, 500)] == [
        "九折",
        "八五折",
        "八五五折",
        "0.5折",
    ]
    assert [short_yuan(f) for f in (100_00, 12_50, 12_05)] == ["100", "12.5", "12.05"]


def test_each_coupon_kind_is_created_with_its_minimum_and_validity_and_audited(
    db: Database, who: dict[str, Any], member: MemberView, manager: StaffView, cola: str
) -> None:
    with db.transaction() as session:
        amount = add_template(
            session,
            TemplateInput("满100减20", CouponKind.AMOUNT_OFF, 20_00, 100_00, valid_days=30),
            on=TODAY,
            **who,
        )
        percent = add_template(
            session,
            TemplateInput(
                "八五折",
                CouponKind.PERCENT_OFF,
                threshold_fen=50_00,
                percent_off_bp=1500,
                max_discount_fen=10_00,
                valid_days=7,
            ),
            on=TODAY,
            **who,
        )
        free = add_template(
            session,
            TemplateInput(
                "送可乐", CouponKind.FREE_ITEM, product_code="6900000000017", valid_to=TODAY
            ),
            on=TODAY,
            **who,
        )
    assert amount.terms.label == "满100减20" and amount.validity_label == "有效 30 天"
    assert percent.terms.label == "满50 八五折（最多减10）"
    assert free.terms.product_id == cola and free.terms.label == "赠 可乐 1 件"
    audit = _last_audit(db, "coupon_template.created")
    assert audit.approver_id == manager.id and audit.detail["terms"] == "赠 可乐 1 件"
    with db.transaction() as session:
        coupons = [
            issue_coupons(session, t.id, [member.id], on=TODAY, actor_id=who["actor_id"])[0]
            for t in (amount, percent, free)
        ]
    lines = [CartLineFacts("cola", 3_50, 2000, 7_00), CartLineFacts("x", 100_00, 1000, 100_00)]
    found = [evaluate_coupon(c, lines, on=TODAY, member_id=member.id) for c in coupons]
    assert [f.discount_fen for f in found] == [20_00, 10_00, 3_50]


def test_a_coupon_kind_refuses_each_bad_input_next_to_its_field(
    db: Database, who: dict[str, Any], cola: str
) -> None:
    with db.transaction() as session:
        add_template(
            session,
            TemplateInput("满100减20", CouponKind.AMOUNT_OFF, 20_00, 100_00, valid_days=30),
            on=TODAY,
            **who,
        )
    good = TemplateInput("满200减30", CouponKind.AMOUNT_OFF, 30_00, 200_00, valid_days=30)
    for changed, field, words in (
        ({"name": "满100减20"}, "name", "优惠券已存在：满100减20"),
        ({"amount_off_fen": 0}, "amount_off_fen", "减免金额必须大于零"),
        ({"amount_off_fen": 200_00}, "amount_off_fen", "须低于使用门槛 200，否则满额即免单"),
        ({"threshold_fen": -1}, "threshold_fen", "使用门槛不能为负数"),
        ({"valid_days": 0}, "valid_days", "有效天数至少为 1 天"),
        ({"valid_days": None, "valid_to": TODAY.replace(day=1)}, "valid_to", "截止日期已过"),
        ({"valid_days": None}, "valid_days", "请设置有效天数或截止日期"),
        ({"valid_to": TODAY}, "valid_days", "只能设一个"),
        (
            {
                "valid_days": None,
                "valid_from": TODAY.replace(year=2027, month=1, day=1),
                "valid_to": TODAY.replace(month=12, day=31),
            },
            "valid_to",
            "开始日期不能晚于截止日期",
        ),
        ({"kind": CouponKind.PERCENT_OFF, "percent_off_bp": 0}, "percent_off_bp", "小于 10 折"),
        ({"kind": CouponKind.PERCENT_OFF, "percent_off_bp": 10_000}, "percent_off_bp", "大于 0 折"),
        ({"max_discount_fen": 5_00}, "max_discount_fen", "只有折扣券"),
        ({"kind": CouponKind.FREE_ITEM, "product_code": "nothing"}, "product_code", "未找到商品"),
        ({"kind": CouponKind.FREE_ITEM, "product_code": " "}, "product_code", "编码或条码"),
    ):
        data = dataclasses.replace(good, **changed)
        _refused(db, field, words, lambda s, d=data: add_template(s, d, on=TODAY, **who))
    with db.transaction() as session:  # a free item found by its code as well as its barcode
        assert (
            add_template(
                session,
                dataclasses.replace(good, kind=CouponKind.FREE_ITEM, product_code="C001"),
                on=TODAY,
                **who,
            ).terms.product_id
            == cola
        )


def test_a_retired_coupon_kind_is_not_issued_and_its_issued_coupons_stay_valid(
    db: Database, who: dict[str, Any], member: MemberView, manager: StaffView
) -> None:
    with db.transaction() as session:
        template = add_template(
            session,
            TemplateInput("立减5", CouponKind.AMOUNT_OFF, 5_00, valid_days=30),
            on=TODAY,
            **who,
        )
        issued = issue_coupons(
            session, template.id, [member.id], on=TODAY, actor_id=who["actor_id"]
        )
    with db.transaction() as session:
        assert not retire_template(session, template.id, **who).active
    assert _last_audit(db, "coupon_template.retired").approver_id == manager.id
    before = snapshot(db)
    with pytest.raises(MemberError, match="已停发：立减5"), db.transaction() as session:
        issue_coupons(session, template.id, [member.id], on=TODAY, actor_id=who["actor_id"])
    assert snapshot(db) == before
    with db.reading() as session:
        assert template.id not in [t.id for t in list_templates(session)]
        still = member_coupons(session, member.id, on=TODAY)
    assert [c.id for c in still] == [issued[0].id]
    lines = [CartLineFacts("x", 10_00, 1000, 10_00)]
    assert evaluate_coupon(still[0], lines, on=TODAY, member_id=member.id).discount_fen == 5_00


# -- gifts ----------------------------------------------------------------------------------------


def test_a_gift_refuses_each_bad_input_next_to_its_field(db: Database, who: dict[str, Any]) -> None:
    with db.transaction() as session:
        create_gift(session, "雨伞", 800, 10, **who)
    for args, field, words in (
        (("雨伞", 500, 1), "name", "礼品已存在：雨伞"),
        (("", 500, 1), "name", "礼品名称须为"),
        (("水杯", 0, 1), "points_cost", "至少为 1"),
        (("水杯", 100, -1), "stock", "库存不能为负数"),
    ):
        _refused(db, field, words, lambda s, a=args: create_gift(s, *a, **who))


def test_a_gift_is_repriced_restocked_written_off_and_retired_each_audited(
    db: Database, who: dict[str, Any], member: MemberView, manager: StaffView
) -> None:
    with db.transaction() as session:
        gift = create_gift(session, "雨伞", 800, 2, **who)
        create_gift(session, "水杯", 300, 0, **who)
    _refused(db, "name", "礼品已存在：水杯", lambda s: update_gift(s, gift.id, "水杯", 500, **who))
    _refused(db, "points_cost", "至少为 1", lambda s: update_gift(s, gift.id, "雨伞", 0, **who))
    with db.transaction() as session:
        assert update_gift(session, gift.id, "雨伞", 500, **who).points_cost == 500
    assert _last_audit(db, "gift.updated").detail["before"]["points_cost"] == 800

    with db.transaction() as session:
        assert restock_gift(session, gift.id, 5, reason="进货", **who).stock == 7
        assert restock_gift(session, gift.id, -1, reason="破损", **who).stock == 6
    audit = _last_audit(db, "gift.stock_changed")
    assert audit.approver_id == manager.id and audit.detail == {
        "delta": -1,
        "reason": "破损",
        "stock": 6,
    }
    with db.reading() as session:
        moves = session.scalars(
            select(GiftStockMoveRow.delta, GiftStockMoveRow.reason)
            .where(GiftStockMoveRow.gift_id == gift.id)
            .order_by(GiftStockMoveRow.created_at)
        ).all()
    assert len(moves) == 3
    for delta, reason, field, words in (
        (-7, "破损", "delta", "库存不能少于零：雨伞 现有 6 件"),
        (0, "盘点", "delta", "数量不能为零"),
        (3, " ", "reason", "请填写原因"),
    ):
        _refused(
            db,
            field,
            words,
            lambda s, d=delta, r=reason: restock_gift(s, gift.id, d, reason=r, **who),
        )

    with db.transaction() as session:
        adjust_points(session, member.id, 2000, reason="活动", on=TODAY, **who)
        retire_gift(session, gift.id, **who)
    assert _last_audit(db, "gift.retired").approver_id == manager.id
    with db.reading() as session:
        assert gift.id not in [g.id for g in list_gifts(session)]
        row = session.get(GiftRow, gift.id)
        assert row is not None and row.stock == 6 and not row.active
    before = snapshot(db)
    with pytest.raises(MemberError, match="未找到该礼品"), db.transaction() as session:
        redeem_gift(session, member.id, gift.id, on=TODAY, actor_id=who["actor_id"])
    assert snapshot(db) == before


def test_a_coupon_kind_given_on_an_upgrade_is_not_retired_while_a_card_type_gives_it(
    db: Database, who: dict[str, Any], card_types: dict[str, Any]
) -> None:
    with db.transaction() as session:
        template = add_template(
            session,
            TemplateInput("升级礼券", CouponKind.AMOUNT_OFF, 5_00, valid_days=30),
            on=TODAY,
            **who,
        )
        create_card_type(
            session,
            CardTypeInput(
                "钻石卡",
                5,
                points_per_yuan=1,
                points_value=1,
                upgrade=UpgradeRule(Metric.SPEND, 9000_00, 365),
                gift=UpgradeGift(coupon_template_id=template.id),
            ),
            **who,
        )
    _refused(db, None, "“钻石卡”的升级礼包", lambda s: retire_template(s, template.id, **who))
