"""End to end, a head office and two counters: promotions the office sets reach the stores they
are for, priced at once by the open counter, kept read-only there, and retired from the office;
the owner's counter hands its own rules to the office with export-promotions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import EXIT_OK, main
from app.pos.price_check import price_cart_at
from app.pos.promotion_rules import Promotion, PromotionError, PromotionKind
from app.pos.promotions import PromotionView
from app.storage.ids import new_id
from app.storage.models import AuditRow, ProductRow
from app.sync.promotions import apply_promotions
from app.sync.protocol import PromotionDoc
from tests.sync.conftest import HeadOffice, Store
from tests.sync.test_pull_content import CATALOGUE, office
from tests.sync.test_two_stores import sync

COLA = "6901234567892"


def product_id(store: Store, code: str) -> str:
    with store.db.reading() as session:
        found = session.scalar(select(ProductRow.id).where(ProductRow.code == code))
    assert found is not None
    return found


def rules_of(store: Store) -> dict[str, PromotionView]:
    return {v.rule.name: v for v in store.service.list_promotions(include_retired=True)}


def audit_count(store: Store) -> int:
    with store.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditRow)) or 0)


def cola_price(store: Store) -> tuple[int, list[str]]:
    priced = price_cart_at(store.service, [COLA], card=None, at=store.service.store_now())
    (line,) = priced["lines"]
    return line["amount"], line["promotions"]


def wire_rule(promotion_id: str, name: str, kind: str, today: dt.date, **terms: Any) -> Any:
    return {
        "id": promotion_id,
        "name": name,
        "kind": kind,
        "terms": {
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=30)).isoformat(),
            **terms,
        },
    }


def write(path: Path, *rules: Any) -> Path:
    path.write_text(json.dumps({"promotions": list(rules)}, ensure_ascii=False), encoding="utf-8")
    return path


def chain_catalogue(headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path) -> None:
    catalogue = tmp_path / "chain.csv"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    office(headoffice, "import-products", str(catalogue))
    for store in stores:
        sync(store)


def test_a_chain_rule_reaches_both_stores_a_store_rule_only_its_own_and_retiring_ends_them(
    headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, b = stores
    chain_catalogue(headoffice, stores, tmp_path)
    today = (
        a.service.store_now().date()
    )  # promotions run by the store's clock, not its business day
    assert cola_price(b) == (3_50, [])  # the open counter has loaded its (empty) rules
    chain_id, store_id = new_id(), new_id()
    chain = write(
        tmp_path / "chain.json",
        wire_rule(
            chain_id, "可乐九折", "percent_off", today, product_ids=["P001"], percent_bp=1000
        ),
    )
    own = write(
        tmp_path / "s002.json",
        wire_rule(store_id, "花生立减", "amount_off", today, category_ids=["零食"], amount_fen=100),
    )
    office(headoffice, "import-promotions", str(chain))
    office(headoffice, "import-promotions", str(own), "--store", "S002")
    sync(a)
    sync(b)

    at_a, at_b = rules_of(a), rules_of(b)
    assert list(at_a) == ["可乐九折"]  # the store rule stays with its store
    assert sorted(at_b) == ["可乐九折", "花生立减"]
    for store, views in ((a, at_a), (b, at_b)):
        rule = views["可乐九折"]
        assert rule.from_head_office and not rule.retired
        assert rule.rule.product_ids == {product_id(store, "P001")}  # this counter's own id
    assert at_b["花生立减"].rule.category_ids  # the category, by name, found here
    assert cola_price(b) == (3_15, ["可乐九折"])  # the open counter priced it at once

    before = audit_count(b)
    sync(b)  # nothing new: nothing written
    assert audit_count(b) == before

    # a manager here sees the office's rule, cannot change or retire it, and makes their own
    office_rule = at_b["可乐九折"].rule
    with pytest.raises(PromotionError, match="由总部设定"):
        b.service.save_promotion(
            dataclasses.replace(office_rule, percent_bp=5000), actor=b.manager, approver=b.manager
        )
    with pytest.raises(PromotionError, match="由总部设定"):
        b.service.retire_promotion(office_rule.id, actor=b.manager, approver=b.manager)
    local = Promotion(
        new_id(),
        "本店可乐立减",
        PromotionKind.AMOUNT_OFF,
        starts_on=today,
        ends_on=today,
        product_ids=frozenset({product_id(b, "P001")}),
        amount_fen=20,
        stacks=True,
    )
    b.service.save_promotion(local, actor=b.manager, approver=b.manager)
    assert not rules_of(b)["本店可乐立减"].from_head_office
    assert rules_of(b)["可乐九折"].rule.percent_bp == 1000

    office(headoffice, "retire-promotion", chain_id)
    sync(a)
    sync(b)
    assert rules_of(a)["可乐九折"].retired and rules_of(b)["可乐九折"].retired
    assert not rules_of(b)["花生立减"].retired
    assert cola_price(b) == (3_30, ["本店可乐立减"])


def test_the_owners_rules_go_to_the_office_by_export_and_their_retirement_follows(
    headoffice: HeadOffice,
    stores: tuple[Store, Store],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = stores
    chain_catalogue(headoffice, stores, tmp_path)
    today = (
        a.service.store_now().date()
    )  # promotions run by the store's clock, not its business day
    rule = Promotion(
        new_id(),
        "可乐第二件半价",
        PromotionKind.MULTI_BUY,
        starts_on=today,
        ends_on=today + dt.timedelta(days=7),
        product_ids=frozenset({product_id(a, "P001")}),
        bundle_qty=2,
        nth_paid_bp=5000,
    )
    a.service.save_promotion(rule, actor=a.manager, approver=a.manager)
    path = tmp_path / "promotions.json"
    data_dir = ["--data-dir", str(a.config.data_dir)]
    assert main([*data_dir, "export-promotions", str(path)]) == EXIT_OK
    (exported,) = json.loads(path.read_text(encoding="utf-8"))["promotions"]
    assert exported["terms"]["product_ids"] == ["P001"]  # by code: ids are each counter's own
    office(headoffice, "import-promotions", str(path))
    sync(a)
    capsys.readouterr()
    assert main(["--data-dir", str(b.config.data_dir), "sync"]) == EXIT_OK
    assert "已接收总部促销：1 条有变化" in capsys.readouterr().out
    assert not rules_of(a)["可乐第二件半价"].from_head_office  # its author goes on owning it
    assert rules_of(b)["可乐第二件半价"].rule.product_ids == {product_id(b, "P001")}
    assert rules_of(b)["可乐第二件半价"].from_head_office

    a.service.retire_promotion(rule.id, actor=a.manager, approver=a.manager)
    assert main([*data_dir, "export-promotions", str(path)]) == EXIT_OK
    office(headoffice, "import-promotions", str(path))
    sync(b)
    assert rules_of(b)["可乐第二件半价"].retired


def test_a_page_applied_twice_changes_nothing_the_second_time_and_a_rule_not_sold_here_is_left_out(
    headoffice: HeadOffice, stores: tuple[Store, Store], tmp_path: Path
) -> None:
    a, _ = stores
    chain_catalogue(headoffice, stores, tmp_path)
    today = (
        a.service.store_now().date()
    )  # promotions run by the store's clock, not its business day
    rule = wire_rule(
        new_id(), "可乐九折", "percent_off", today, product_ids=["P001"], percent_bp=1000
    )
    doc = PromotionDoc(rule["id"], rule["name"], rule["kind"], rule["terms"])
    elsewhere = PromotionDoc(
        new_id(), "外店商品", "percent_off", {**rule["terms"], "product_ids": ["X999"]}
    )
    with a.db.transaction() as session:
        assert apply_promotions(session, [doc, elsewhere], {}) == 1
    before = audit_count(a), rules_of(a)
    with a.db.transaction() as session:
        assert apply_promotions(session, [doc, elsewhere], {}) == 0
    assert (audit_count(a), rules_of(a)) == before
    assert list(rules_of(a)) == ["可乐九折"]
    with a.db.transaction() as session:
        assert apply_promotions(session, [dataclasses.replace(doc, retired=True)], {}) == 1
    assert rules_of(a)["可乐九折"].retired
