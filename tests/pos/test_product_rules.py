"""The rules 商品管理 saves by: GS1 check digits, unique codes naming their holder, sensible prices,
weighed units, names; price changes kept with who made and approved them; retired products that
no longer sell yet keep their past sales; categories without twins. A refusal writes nothing."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from app.config import DEFAULT_WEIGHED_LAYOUTS
from app.pos.barcodes import make_weighed_label
from app.pos.catalog import CatalogError, ProductInput, ProductView, ScanError, lookup_scan
from app.pos.counter import CounterService, cart_product
from app.pos.shifts import ShiftView
from app.pos.staff import Sensitive, StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.database import Database
from app.storage.models import AuditRow, BarcodeRow, CategoryRow, ProductRow

WATER = ProductInput(name="农夫山泉 550ml", price_fen=200, unit="瓶", category="饮料")


def counts(db: Database) -> tuple[int, ...]:
    with db.reading() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (ProductRow, BarcodeRow, CategoryRow, AuditRow)
        )


@pytest.fixture
def water(service: CounterService, cashier: StaffView, manager: StaffView) -> ProductView:
    return service.add_product(
        dataclasses.replace(WATER, barcodes=("6921168509256",), cost_fen=120),
        actor=cashier,
        approver=manager,
    )


def add(service: CounterService, manager: StaffView, **changes: object) -> ProductView:
    return service.add_product(
        dataclasses.replace(WATER, **changes), actor=manager, approver=manager
    )


@pytest.mark.parametrize(
    "barcode",
    [
        "4006381333931",  # EAN-13
        "6921168509256",  # EAN-13, a Chinese one
        "73513537",  # EAN-8
        "96385074",  # EAN-8
        "036000291452",  # UPC-A
        "10012345678902",  # ITF-14
        "12345",  # other lengths are the shop's own codes, taken as they are
        "1234567890",
        "A-100.2",
    ],
)
def test_a_valid_or_free_form_barcode_is_taken_and_scans(
    db: Database, service: CounterService, manager: StaffView, barcode: str
) -> None:
    product = add(service, manager, barcodes=(barcode,))
    assert product.barcodes == (barcode,)
    with db.reading() as session:
        assert lookup_scan(session, barcode).product.id == product.id


@pytest.mark.parametrize(
    "barcode",
    [
        "4006381333932",  # EAN-13, last digit off by one
        "6921168509252",
        "73513536",  # EAN-8
        "96385075",
        "036000291453",  # UPC-A
        "036000291450",
        "10012345678903",  # ITF-14
    ],
)
def test_a_gtin_with_a_wrong_check_digit_is_refused_under_the_barcodes(
    db: Database, service: CounterService, manager: StaffView, barcode: str
) -> None:
    before = counts(db)
    with pytest.raises(CatalogError, match="条码校验位错误") as refused:
        add(service, manager, barcodes=("12345", barcode))
    assert refused.value.field == "barcodes"
    assert counts(db) == before


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"price_fen": 0}, "price_fen", "售价须大于零"),
        ({"price_fen": -1}, "price_fen", "售价不能为负数"),
        ({"member_price_fen": 201}, "member_price_fen", "会员价 ￥2.01 不能高于售价 ￥2.00"),
        ({"member_price_fen": 0}, "member_price_fen", "会员价须大于零"),
        ({"cost_fen": -1}, "cost_fen", "进价不能为负数"),
        ({"by_weight": True}, "unit", "称重商品的单位须为重量单位"),
        ({"by_weight": True, "unit": "袋"}, "unit", "不能是“袋”"),
        ({"name": "水" * 81}, "name", "商品名称过长"),
        ({"name": "  "}, "name", "请输入商品名称"),
        ({"unit": ""}, "unit", "请输入单位"),
        ({"code": "代码"}, "code", "商品编码"),
        ({"barcodes": ("12345", "12345")}, "barcodes", "条码重复填写"),
    ],
)
def test_each_rule_refuses_with_its_field_and_writes_nothing(
    db: Database,
    service: CounterService,
    manager: StaffView,
    changes: dict[str, object],
    field: str,
    words: str,
) -> None:
    before = counts(db)
    with pytest.raises(CatalogError, match=words) as refused:
        add(service, manager, **changes)
    assert refused.value.field == field
    assert counts(db) == before


@pytest.mark.parametrize("unit", ["kg", "KG", "千克", "公斤", "斤", "g", "克"])
def test_a_weighed_product_takes_any_weight_unit(
    service: CounterService, manager: StaffView, unit: str
) -> None:
    assert add(service, manager, by_weight=True, unit=unit).by_weight


@pytest.mark.parametrize(("unit", "qty_milli"), [("kg", 750), ("斤", 1500), ("g", 750_000)])
def test_a_scale_label_weight_is_rung_up_in_the_product_unit(
    service: CounterService, manager: StaffView, unit: str, qty_milli: int
) -> None:
    """750 g on the label is 0.75 kg, 1.5 斤 or 750 g: the same money whatever the unit."""
    per_unit = {"kg": 2000, "斤": 1000, "g": 2}[unit]
    add(service, manager, code="00077", price_fen=per_unit, by_weight=True, unit=unit)
    item = service.scan(make_weighed_label(DEFAULT_WEIGHED_LAYOUTS[1], "00077", 750))
    assert item.qty_milli == qty_milli
    cart = service.new_cart()
    cart.add(item.product, qty_milli=item.qty_milli)
    assert cart.totals().total_fen == 1500


def test_edge_values_are_taken(service: CounterService, manager: StaffView) -> None:
    product = add(service, manager, name="水" * 80, price_fen=1, member_price_fen=1, cost_fen=0)
    assert (product.price_fen, product.member_price_fen, product.cost_fen) == (1, 1, 0)


def test_a_taken_barcode_or_code_names_the_product_that_has_it(
    db: Database, service: CounterService, manager: StaffView, water: ProductView
) -> None:
    before = counts(db)
    with pytest.raises(CatalogError, match="6921168509256（农夫山泉 550ml）") as refused:
        add(service, manager, name="别的水", barcodes=("6921168509256",))
    assert refused.value.field == "barcodes"
    with pytest.raises(CatalogError, match="农夫山泉 550ml") as refused:
        add(service, manager, name="别的水", code=water.code)
    assert refused.value.field == "code"
    other = add(service, manager, name="别的水")
    with pytest.raises(CatalogError, match="农夫山泉 550ml"):
        service.edit_product(
            other.id,
            dataclasses.replace(WATER, name="别的水", barcodes=("6921168509256",)),
            actor=manager,
            approver=manager,
        )
    assert counts(db)[0] == before[0] + 1
    assert service.browse_products("别的水")[0].barcodes == ()


def test_a_refused_edit_leaves_the_product_as_it_was(
    db: Database, service: CounterService, manager: StaffView, water: ProductView
) -> None:
    before = counts(db)
    with pytest.raises(CatalogError, match="不能高于售价"):
        service.edit_product(
            water.id,
            dataclasses.replace(WATER, price_fen=150, member_price_fen=180),
            actor=manager,
            approver=manager,
        )
    assert service.browse_products(water.code)[0] == water
    assert counts(db) == before
    assert len(service.price_history(water.id)) == 2  # only the creation's price and cost


def test_every_price_change_is_kept_newest_first_with_actor_and_approver(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    water: ProductView,
) -> None:
    assert [(c.field, c.old_fen, c.new_fen) for c in service.price_history(water.id)] == [
        ("price_fen", None, 200),
        ("cost_fen", None, 120),
    ]
    edited = dataclasses.replace(WATER, barcodes=water.barcodes, price_fen=250, cost_fen=130)
    service.edit_product(water.id, edited, actor=cashier, approver=manager)
    service.edit_product(
        water.id, dataclasses.replace(edited, member_price_fen=230), actor=manager, approver=manager
    )
    service.edit_product(  # a new name alone is no price change
        water.id,
        dataclasses.replace(edited, name="农夫山泉 大瓶", member_price_fen=230),
        actor=manager,
        approver=manager,
    )
    history = service.price_history(water.id)
    assert [(c.field, c.old_fen, c.new_fen) for c in history[:3]] == [
        ("member_price_fen", None, 230),
        ("price_fen", 200, 250),
        ("cost_fen", 120, 130),
    ]
    assert (history[1].actor, history[1].approver) == ("小王", "李店长")
    assert (history[0].actor, history[0].approver) == ("李店长", "李店长")
    assert len(history) == 5
    with db.reading() as session:
        scanned = lookup_scan(session, "6921168509256").product
    assert (scanned.price_fen, scanned.member_price_fen) == (250, 230)


def test_a_cashier_cannot_approve_product_changes(
    db: Database, service: CounterService, cashier: StaffView
) -> None:
    before = counts(db)
    with pytest.raises(CatalogError, match="没有管理商品的权限"):
        service.add_product(WATER, actor=cashier, approver=cashier)
    assert counts(db) == before
    assert Sensitive.PRODUCTS.label == "商品管理"


def test_a_retired_product_stops_selling_keeps_its_sales_and_comes_back(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    water: ProductView,
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(water))
    sold = service.pay(cart, [Tender(TenderMethod.CASH, 200)], cashier=cashier, shift_id=shift.id)

    retired = service.set_product_active(water.id, False, actor=cashier, approver=manager)
    assert not retired.active
    with pytest.raises(ScanError, match="商品已停售：农夫山泉 550ml"):
        service.scan("6921168509256")
    assert all(p.id != water.id for p in service.search("nfsq"))
    assert all(p.id != water.id for p in service.browse_products())
    assert [p.id for p in service.browse_products("nfsq", include_retired=True)] == [water.id]
    assert [p.id for p in service.browse_products(include_retired=True, category="饮料")] == [
        water.id
    ]

    order = service.find_order(sold.receipt_no)  # the past sale reads back and is refunded
    assert order.lines[0].name == "农夫山泉 550ml"
    refund_approver = service.approve("李店长", "2468", Sensitive.REFUND, cashier)
    service.refund(
        sold.receipt_no,
        {order.lines[0].line_id: order.lines[0].qty_milli},
        method=TenderMethod.CASH,
        cashier=cashier,
        approval=refund_approver,
        shift_id=shift.id,
    )
    assert service.shift_report(shift.id) is not None

    service.set_product_active(water.id, True, actor=manager, approver=manager)
    assert service.scan("6921168509256").product.id == water.id
    with db.reading() as session:
        actions = session.scalars(
            select(AuditRow.action)
            .where(AuditRow.subject_id == water.id, AuditRow.action.like("product.%"))
            .order_by(AuditRow.seq)
        ).all()
    assert actions == ["product.create", "product.retire", "product.restore"]


def test_categories_are_added_and_renamed_without_twins(
    db: Database, service: CounterService, manager: StaffView, water: ProductView
) -> None:
    snacks = service.add_category(" 零食 ", actor=manager, approver=manager)
    assert snacks.name == "零食"
    before = counts(db)
    for name in ("零食", "饮料"):
        with pytest.raises(CatalogError, match=f"已有名为“{name}”的分类") as refused:
            service.add_category(name, actor=manager, approver=manager)
        assert refused.value.field == "name"
    with pytest.raises(CatalogError, match="已有名为“零食”的分类"):
        drinks = next(c for c in service.categories() if c.name == "饮料")
        service.rename_category(drinks.id, "零食", actor=manager, approver=manager)
    with pytest.raises(CatalogError, match="请输入分类名称"):
        service.add_category("  ", actor=manager, approver=manager)
    assert counts(db) == before

    service.rename_category(drinks.id, "酒水饮料", actor=manager, approver=manager)
    assert service.browse_products(water.code)[0].category == "酒水饮料"
    assert [p.id for p in service.browse_products(category="酒水饮料")] == [water.id]
    assert service.browse_products(category="零食") == []
