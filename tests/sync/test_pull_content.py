"""End to end, a head office and two counters: the owner sets card types and rules up at store A
and the office imports them, with the catalogue and the offline limits; store B's sync brings
them, applied once, and B's offline spending obeys the limits the office set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import EXIT_OK, main
from app.members.card_types import CardTypeInput, create_bonus_rule, create_card_type
from app.members.settings import MemberSettings, PointsExpiry, load_settings, save_settings
from app.storage.member_models import BonusRuleRow, CardTypeRow
from app.storage.models import AuditRow, BarcodeRow, ProductRow
from app.sync.reference import offline_limits
from app.sync.spending import SpendRefused
from headoffice.cli import main as office_main
from tests.sync.conftest import HeadOffice, Store
from tests.sync.test_two_stores import balance_at, enrol_and_top_up, meet, pay_by_card, sync

CATALOGUE = """barcode,name,category,price,cost,unit,member_price,code
6901234567892,可乐 330ml,饮料,3.50,2.00,罐,3.00,P001
6901234567893,可乐 330ml,饮料,3.50,2.00,罐,3.00,P001
,散装花生,零食,12.80,,kg,,P002
"""


def office(headoffice: HeadOffice, *argv: str) -> None:
    assert office_main([*argv, "--db", headoffice.db.url]) == EXIT_OK


def owner_sets_up_rules(a: Store, tmp_path: Path) -> tuple[str, Path]:
    """Gold card and a bonus rule made at A, points expiring at year end; exported."""
    with a.db.transaction() as session:
        gold = create_card_type(
            session,
            CardTypeInput("金卡", 5, discount_bp=9500, points_per_yuan=2, points_value=1),
            actor_id=a.cashier.id,
            approver_id=a.manager.id,
        )
        create_bonus_rule(
            session, 500_00, 50_00, card_type_id=gold.id, actor_id=a.cashier.id,
            approver_id=a.manager.id,
        )  # fmt: skip
        save_settings(
            session,
            MemberSettings(points_expiry=PointsExpiry.YEAR_END),
            actor_id=a.cashier.id,
            approver_id=a.manager.id,
        )
    path = tmp_path / "rules.json"
    assert main(["--data-dir", str(a.config.data_dir), "export-rules", str(path)]) == EXIT_OK
    return gold.id, path


def _shape(store: Store) -> tuple[int, int, int, int]:
    with store.db.reading() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in (CardTypeRow, BonusRuleRow, ProductRow, AuditRow)
        )


def test_rules_catalogue_and_limits_set_at_the_head_office_reach_a_store_once(
    headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, b = stores
    gold_id, rules = owner_sets_up_rules(a, tmp_path)
    office(headoffice, "import-rules", str(rules))
    catalogue = tmp_path / "chain.csv"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    office(headoffice, "import-products", str(catalogue))
    own_prices = tmp_path / "s002.csv"
    own_prices.write_text("code,name,price\nP001,可乐 330ml,3.80\n", encoding="utf-8")
    office(headoffice, "import-products", str(own_prices), "--store", "S002")
    office(headoffice, "set-limits", "--store", "S002", "--per-sale", "20", "--snapshot-hours", "5")

    sync(b)
    with b.db.reading() as session:
        gold = session.get(CardTypeRow, gold_id)  # by the id the owner's counter gave it
        assert gold is not None and (gold.name, gold.discount_bp, gold.points_num) == (
            "金卡",
            9500,
            2,
        )
        (rule,) = session.scalars(select(BonusRuleRow)).all()
        assert (rule.min_top_up_fen, rule.bonus_fen, rule.card_type_id) == (500_00, 50_00, gold_id)
        assert load_settings(session).points_expiry is PointsExpiry.YEAR_END
        cola = session.scalar(select(ProductRow).where(ProductRow.code == "P001"))
        assert cola is not None
        assert (cola.price_fen, cola.member_price_fen, cola.unit) == (3_80, None, "罐")
        barcodes = session.scalars(
            select(BarcodeRow.barcode).where(BarcodeRow.product_id == cola.id)
        )
        assert sorted(barcodes) == ["6901234567892", "6901234567893"]
        assert b.config.headoffice is not None
        limits = offline_limits(session, b.config.headoffice)
        assert (limits.per_sale_fen, limits.per_day_fen, limits.snapshot_hours) == (
            20_00,
            500_00,
            5,
        )
        # B's own 普通卡 is the chain's (same name): kept in place, under its own id
        assert session.scalar(select(func.count()).where(CardTypeRow.name == "普通卡")) == 1
    shape = _shape(b)
    sync(b)
    assert _shape(b) == shape  # nothing again: the cursor moved past them

    # the chain's price changes: B keeps its own, A takes the new one; the cost stays A's
    sync(a)
    with a.db.transaction() as session:
        session.execute(ProductRow.__table__.update().values(cost_fen=1_90))
    catalogue.write_text(CATALOGUE.replace("3.50", "3.60"), encoding="utf-8")
    office(headoffice, "import-products", str(catalogue))
    sync(a)
    sync(b)
    for store, price in ((a, 3_60), (b, 3_80)):
        with store.db.reading() as session:
            cola = session.scalar(select(ProductRow).where(ProductRow.code == "P001"))
            assert cola is not None and cola.price_fen == price
    with a.db.reading() as session:
        assert session.scalar(select(ProductRow.cost_fen).where(ProductRow.code == "P001")) == 1_90


def test_offline_a_store_spends_no_more_than_the_limits_the_office_set(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    office(headoffice, "set-limits", "--per-sale", "40", "--store-budget", "50")
    meet(b)
    headoffice.stop()
    with pytest.raises(SpendRefused, match=re.escape("单笔储值消费不能超过 ￥40.00")):
        pay_by_card(b, 45_00)
    pay_by_card(b, 30_00)
    with pytest.raises(
        SpendRefused, match=re.escape("本机未同步的储值消费已达 ￥30.00，合计上限 ￥50.00")
    ):
        pay_by_card(b, 30_00)
    assert balance_at(b, member_id) == 70_00
    headoffice.start()
    sync(b)  # acknowledged: the budget is whole again
    headoffice.stop()
    pay_by_card(b, 30_00)
    assert balance_at(b, member_id) == 40_00


def test_exported_rules_are_what_the_head_office_reads(
    headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, _ = stores
    gold_id, rules = owner_sets_up_rules(a, tmp_path)
    data = json.loads(rules.read_text(encoding="utf-8"))
    assert [t["name"] for t in data["card_types"]] == ["普通卡", "金卡"]
    assert data["points_rules"]["points_expiry"] == "year_end"
    assert [r["card_type_id"] for r in data["bonus_rules"]] == [gold_id]
