"""The catalog on a real migrated SQLite file: scanning, searching, editing, stock moves."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin
from sqlalchemy import event, func, select

from app.config import DEFAULT_WEIGHED_LAYOUTS
from app.pos.barcodes import ean_check_digit, make_weighed_label
from app.pos.catalog import (
    CatalogError,
    ProductInput,
    ProductView,
    ScanError,
    adjust_stock,
    create_product,
    ensure_category,
    get_product,
    list_categories,
    lookup_scan,
    pinyin_initials,
    search_products,
    update_product,
)
from app.storage.database import Database
from app.storage.models import AuditRow, BarcodeRow, CategoryRow, ProductRow, StockMoveRow

COKE = "6901234567892"
UPC = "036000291452"
PRICE_LAYOUT, WEIGHT_LAYOUT = DEFAULT_WEIGHED_LAYOUTS


def add(db: Database, data: ProductInput, stock: int = 0) -> ProductView:
    with db.transaction() as session:
        return create_product(session, data, opening_stock_milli=stock)


def table_counts(db: Database) -> tuple[int, ...]:
    with db.reading() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (ProductRow, BarcodeRow, CategoryRow, StockMoveRow, AuditRow)
        )


@pytest.fixture
def shelf(db: Database) -> dict[str, ProductView]:
    return {
        "coke": add(
            db,
            ProductInput(name="可口可乐 330ml", price_fen=350, barcodes=(COKE,), category="饮料"),
            stock=24_000,
        ),
        "cola": add(db, ProductInput(name="可乐", price_fen=300, code="C1")),
        "upc": add(db, ProductInput(name="Hershey's 巧克力", price_fen=1500, barcodes=(UPC,))),
        "apple": add(
            db,
            ProductInput(
                name="红富士苹果", price_fen=1280, code="00001", unit="kg", by_weight=True
            ),
        ),
        "pear": add(db, ProductInput(name="砀山梨", price_fen=790, code="2", unit="kg")),
        "old": add(db, ProductInput(name="停售饼干", price_fen=500, code="OLD1", active=False)),
    }


# --- pinyin -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("可口可乐 330ml", "kkkl330ml"),
        ("可乐", "kl"),
        ("ＡＢ钙奶", "abgn"),
        ("银行卡套", "yhkt"),
        ("重庆小面", "cqxm"),
        ("RIO 鸡尾酒 (白桃)", "riojwjbt"),
        ("", ""),
    ],
)
def test_pinyin_initials_take_first_letters_and_keep_letters_and_digits(
    name: str, initials: str
) -> None:
    assert pinyin_initials(name) == initials


COMMON_HAN = "可口乐银行重庆长大了还得和为地的都一二三面包牛奶饮料康师傅红烧肉茶水果苹香蕉"


@given(st.text(alphabet=COMMON_HAN + "abcXYZ019 -", max_size=20))
def test_pinyin_initials_agree_with_pypinyin_on_any_name(name: str) -> None:
    reference = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    expected = "".join(c for c in reference if c.isascii() and c.isalnum())
    assert pinyin_initials(name) == expected


# --- creating and editing -----------------------------------------------------------------------


def test_a_new_product_is_read_back_with_its_barcodes_category_and_stock(db: Database) -> None:
    made = add(
        db,
        ProductInput(
            name=" 可口可乐  330ml ",
            price_fen=350,
            barcodes=(COKE, "12345670"),
            category="饮料",
            cost_fen=200,
            member_price_fen=320,
        ),
        stock=24_000,
    )
    with db.reading() as session:
        view = get_product(session, made.id)
    assert view == made
    assert (view.name, view.code, view.category, view.stock_milli) == (
        "可口可乐 330ml",
        COKE,
        "饮料",
        24_000,
    )
    assert view.barcodes == tuple(sorted((COKE, "12345670")))
    assert (view.cost_fen, view.member_price_fen, view.pinyin_initials) == (200, 320, "kkkl330ml")


def test_products_without_code_or_barcode_get_distinct_generated_codes(db: Database) -> None:
    first = add(db, ProductInput(name="散装糖果", price_fen=100))
    second = add(db, ProductInput(name="散装瓜子", price_fen=100))
    assert first.code == "P000001"
    assert second.code == "P000002"


def test_a_barcode_already_used_as_a_code_is_not_reused_as_a_new_code(db: Database) -> None:
    add(db, ProductInput(name="甲", price_fen=100, code=COKE))
    other = add(db, ProductInput(name="乙", price_fen=100, barcodes=(COKE,)))
    assert other.code.startswith("P")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ProductInput(name="  ", price_fen=100), "请输入商品名称"),
        (ProductInput(name="可乐", price_fen=-1), "售价不能为负数"),
        (ProductInput(name="可乐", price_fen=10**12), "售价过高"),
        (ProductInput(name="可乐", price_fen=100, cost_fen=-5), "进价不能为负数"),
        (ProductInput(name="可乐", price_fen=100, barcodes=("6901234567893",)), "条码校验位错误"),
        (ProductInput(name="可乐", price_fen=100, barcodes=(COKE, COKE)), "条码重复填写"),
        (ProductInput(name="可乐", price_fen=100, barcodes=("可乐",)), "条码格式不正确"),
        (ProductInput(name="可乐", price_fen=100, barcodes=(UPC,)), "已被其他商品使用"),
        (ProductInput(name="可乐", price_fen=100, code="C1"), "商品编码已被其他商品使用"),
        (ProductInput(name="可乐", price_fen=100, unit=""), "请输入单位"),
        (ProductInput(name="可" * 81, price_fen=100), "商品名称过长"),
    ],
)
def test_bad_product_input_is_refused_in_chinese_and_writes_nothing(
    db: Database, shelf: dict[str, ProductView], data: ProductInput, message: str
) -> None:
    before = table_counts(db)
    with pytest.raises(CatalogError, match=message), db.transaction() as session:
        create_product(session, data)
    assert table_counts(db) == before


def test_an_update_replaces_fields_and_barcodes_and_audits_the_change(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    coke = shelf["coke"]
    data = ProductInput(
        name="可口可乐 罐装", price_fen=300, barcodes=("96385074",), category="碳酸饮料"
    )
    with db.transaction() as session:
        updated = update_product(session, coke.id, data, actor_id="boss")
    with db.reading() as session:
        assert lookup_scan(session, "96385074").product.id == coke.id
        # The old barcode is gone; it still rings up as the product code it became.
        assert session.get(BarcodeRow, COKE) is None
        audit = session.scalars(select(AuditRow).where(AuditRow.action == "product.update")).one()
    assert (updated.code, updated.price_fen, updated.pinyin_initials) == (COKE, 300, "kkklgz")
    assert (updated.category, updated.barcodes) == ("碳酸饮料", ("96385074",))
    assert updated.stock_milli == coke.stock_milli
    assert '"price_fen": [350, 300]' in audit.detail
    assert audit.actor_id == "boss"


def test_an_update_refuses_a_barcode_of_another_product_and_changes_nothing(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    before = table_counts(db)
    data = ProductInput(name="可口可乐", price_fen=1, barcodes=(COKE, UPC))
    with pytest.raises(CatalogError, match="已被其他商品使用"), db.transaction() as session:
        update_product(session, shelf["coke"].id, data)
    with db.reading() as session:
        assert get_product(session, shelf["coke"].id) == shelf["coke"]
    assert table_counts(db) == before


def test_categories_are_made_once_and_listed_in_their_order(db: Database) -> None:
    with db.transaction() as session:
        drinks = ensure_category(session, "饮料")
        snacks = ensure_category(session, " 零食 ")
        again = ensure_category(session, "饮料")
        with pytest.raises(CatalogError, match="请输入分类名称"):
            ensure_category(session, " ")
        listed = list_categories(session)
    assert again == drinks
    assert [c.name for c in listed] == ["饮料", "零食"]
    assert snacks.sort_order > drinks.sort_order


# --- scanning -----------------------------------------------------------------------------------


def test_a_scan_finds_the_product_by_barcode(db: Database, shelf: dict[str, ProductView]) -> None:
    with db.reading() as session:
        match = lookup_scan(session, f" {COKE}\n")
    assert match.product == shelf["coke"]
    assert (match.barcode, match.qty_milli, match.amount_fen) == (COKE, None, None)


def test_a_scan_of_a_barcode_or_code_is_one_query(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    """Every round trip of a scan comes before the cart can paint: the match and its view
    are read together."""
    statements: list[str] = []

    def note(*args: object) -> None:
        statements.append(str(args[2]))

    for engine in {db.engine, db.read_engine}:
        event.listen(engine, "before_cursor_execute", note)
    try:
        with db.reading() as session:
            by_barcode = lookup_scan(session, COKE)
            by_code = lookup_scan(session, "C1")
    finally:
        for engine in {db.engine, db.read_engine}:
            event.remove(engine, "before_cursor_execute", note)
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) == 2, statements  # one for each scan
    assert by_barcode.product == shelf["coke"]
    assert by_code.product == shelf["cola"]


def test_a_upc_a_is_found_when_the_scanner_sends_it_as_ean13(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    with db.reading() as session:
        assert lookup_scan(session, "0" + UPC).product.id == shelf["upc"].id


def test_a_typed_product_code_rings_up_the_product(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    with db.reading() as session:
        assert lookup_scan(session, "C1").product.id == shelf["cola"].id


def test_a_price_label_rings_up_the_item_with_the_printed_amount(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    label = make_weighed_label(PRICE_LAYOUT, "00001", 1534)
    with db.reading() as session:
        match = lookup_scan(session, label)
    assert match.product.id == shelf["apple"].id
    assert (match.barcode, match.qty_milli, match.amount_fen) == (label, None, 1534)


def test_a_weight_label_matches_a_code_written_without_leading_zeros(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    with db.reading() as session:
        match = lookup_scan(session, make_weighed_label(WEIGHT_LAYOUT, "00002", 1250))
    assert match.product.id == shelf["pear"].id
    assert (match.qty_milli, match.amount_fen) == (1250, None)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("6901234567893", "条码校验位错误"),
        ("6901234567885", "未找到商品：6901234567885"),
        ("OLD1", "商品已停售：停售饼干"),
        ("", "请扫描或输入商品条码"),
        ("可乐", "条码格式不正确"),
    ],
)
def test_a_scan_that_rings_up_nothing_says_why(
    db: Database, shelf: dict[str, ProductView], code: str, message: str
) -> None:
    with pytest.raises(ScanError, match=message), db.reading() as session:
        lookup_scan(session, code)


def test_a_label_for_an_unknown_item_is_not_found(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    label = make_weighed_label(PRICE_LAYOUT, "00099", 100)
    with pytest.raises(ScanError, match="未找到商品"), db.reading() as session:
        lookup_scan(session, label)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=st.text(max_size=40))
def test_any_text_in_the_scan_field_finds_something_or_raises_a_scan_error(
    db: Database, shelf: dict[str, ProductView], code: str
) -> None:
    with db.reading() as session:
        try:
            match = lookup_scan(session, code)
        except ScanError as error:
            assert str(error)
        else:
            assert match.product.active


# --- searching ----------------------------------------------------------------------------------


def test_pinyin_initials_find_products_whatever_the_case(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    with db.reading() as session:
        found = [p.name for p in search_products(session, "KL")]
        assert found[0] == "可乐"  # starting with the initials comes before containing them
        assert "可口可乐 330ml" in found
        assert [p.name for p in search_products(session, "kkkl")] == ["可口可乐 330ml"]


def test_an_exact_barcode_comes_before_name_matches(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    add(db, ProductInput(name=f"赠品 {COKE}", price_fen=100))
    with db.reading() as session:
        found = search_products(session, COKE)
    assert [p.id for p in found][:1] == [shelf["coke"].id]
    assert len(found) == 2


def test_a_name_fragment_finds_products_and_inactive_ones_stay_hidden(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    with db.reading() as session:
        assert {p.name for p in search_products(session, "可乐")} == {"可乐", "可口可乐 330ml"}
        assert search_products(session, "饼干") == []
        assert search_products(session, "OLD1") == []


def test_like_wildcards_in_the_search_text_are_taken_literally(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    add(db, ProductInput(name="折扣 50% 纸巾", price_fen=100))
    with db.reading() as session:
        assert [p.name for p in search_products(session, "50%")] == ["折扣 50% 纸巾"]
        assert search_products(session, "%") != []
        assert search_products(session, "_") == []


def test_search_returns_at_most_the_limit(db: Database) -> None:
    for n in range(8):
        add(db, ProductInput(name=f"矿泉水 {n}", price_fen=200))
    with db.reading() as session:
        assert len(search_products(session, "kqs", limit=5)) == 5
        assert len(search_products(session, "kqs")) == 8
        assert search_products(session, "   ") == []


# --- stock --------------------------------------------------------------------------------------


def test_a_stock_move_is_recorded_and_the_cached_stock_follows(
    db: Database, shelf: dict[str, ProductView]
) -> None:
    coke = shelf["coke"]
    with db.transaction() as session:
        assert adjust_stock(session, coke.id, -2_000, "sale") == 22_000
        assert adjust_stock(session, coke.id, -30_000, "sale") == -8_000
    with db.reading() as session:
        moves = session.scalars(
            select(StockMoveRow.delta_milli).where(StockMoveRow.product_id == coke.id)
        ).all()
        assert get_product(session, coke.id).stock_milli == sum(moves) == -8_000
    assert sorted(moves) == [-30_000, -2_000, 24_000]


@pytest.mark.parametrize(
    ("delta", "reason", "message"),
    [(0, "sale", "不能为零"), (1000, " ", "注明原因"), (1000, "x" * 21, "注明原因")],
)
def test_a_bad_stock_move_is_refused_and_writes_nothing(
    db: Database, shelf: dict[str, ProductView], delta: int, reason: str, message: str
) -> None:
    before = table_counts(db)
    with pytest.raises(CatalogError, match=message), db.transaction() as session:
        adjust_stock(session, shelf["coke"].id, delta, reason)
    assert table_counts(db) == before


def test_a_stock_move_for_an_unknown_product_is_refused(db: Database) -> None:
    with pytest.raises(CatalogError, match="未找到该商品"), db.transaction() as session:
        adjust_stock(session, "no-such-id", 1000, "count")


def test_product_views_are_frozen(db: Database, shelf: dict[str, ProductView]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        shelf["coke"].price_fen = 1  # type: ignore[misc]


def test_bulk_ean13_helper_agrees_with_known_check_digit() -> None:
    assert ean_check_digit("690123456789") == 2


def test_kl_finds_every_cola_whether_its_initials_start_with_kl_or_contain_it(db: Database) -> None:
    with db.transaction() as session:
        for name in ("可乐", "可口可乐 330ml", "百事可乐", "矿泉水"):
            create_product(session, ProductInput(name=name, price_fen=300))
    with db.reading() as session:
        names = [view.name for view in search_products(session, "KL")]
    assert names[0] == "可乐"
    assert set(names) == {"可乐", "可口可乐 330ml", "百事可乐"}
