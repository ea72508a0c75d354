"""The demo store and the bulk catalog: valid, unique, deterministic, ready to scan."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.config import DEFAULT_WEIGHED_LAYOUTS
from app.pos.barcodes import is_valid_gtin, make_weighed_label
from app.pos.catalog import list_categories, lookup_scan, search_products
from app.pos.demo_catalog import make_bulk_catalog, seed_demo_catalog
from app.storage.database import Database
from app.storage.models import BarcodeRow, ProductRow, StockMoveRow

PRICE_LAYOUT, WEIGHT_LAYOUT = DEFAULT_WEIGHED_LAYOUTS


def seeded(path: Path) -> Database:
    db = Database.open(f"sqlite:///{path}")
    with db.transaction() as session:
        seed_demo_catalog(session)
    return db


def test_the_demo_store_has_over_300_products_in_about_ten_categories(db: Database) -> None:
    with db.transaction() as session:
        added = seed_demo_catalog(session)
    with db.reading() as session:
        products = session.scalar(select(func.count()).select_from(ProductRow))
        categories = [c.name for c in list_categories(session)]
        units = set(session.scalars(select(ProductRow.unit)))
        members = session.scalar(
            select(func.count()).where(ProductRow.member_price_fen.is_not(None))
        )
    assert added == products
    assert added >= 300
    assert 8 <= len(categories) <= 12
    assert {"瓶", "袋", "盒", "个", "包", "kg"} <= units
    assert members and members > 20


def test_every_demo_barcode_is_a_valid_chinese_ean13_and_unique(db: Database) -> None:
    with db.transaction() as session:
        seed_demo_catalog(session)
    with db.reading() as session:
        barcodes = session.scalars(select(BarcodeRow.barcode)).all()
        owners = session.execute(
            select(BarcodeRow.product_id, func.count()).group_by(BarcodeRow.product_id)
        ).all()
    assert all(len(b) == 13 and b.startswith("69") and is_valid_gtin(b) for b in barcodes)
    assert len(set(barcodes)) == len(barcodes)
    assert any(count == 2 for _, count in owners)


def test_fruit_by_weight_rings_up_from_a_scale_label(db: Database) -> None:
    with db.transaction() as session:
        seed_demo_catalog(session)
    with db.reading() as session:
        by_price = lookup_scan(session, make_weighed_label(PRICE_LAYOUT, "00001", 1536))
        by_weight = lookup_scan(session, make_weighed_label(WEIGHT_LAYOUT, "00002", 1200))
        cola = search_products(session, "kkkl")
    assert (by_price.product.name, by_price.product.by_weight) == ("红富士苹果", True)
    assert (by_price.product.unit, by_price.amount_fen) == ("kg", 1536)
    assert (by_weight.product.name, by_weight.qty_milli) == ("香蕉", 1200)
    assert cola and all(p.name.startswith("可口可乐") for p in cola)


def test_opening_stock_is_recorded_as_moves_matching_the_cached_stock(db: Database) -> None:
    with db.transaction() as session:
        seed_demo_catalog(session)
    with db.reading() as session:
        mismatched = session.execute(
            select(ProductRow.id)
            .join(StockMoveRow, StockMoveRow.product_id == ProductRow.id)
            .group_by(ProductRow.id)
            .having(func.sum(StockMoveRow.delta_milli) != ProductRow.stock_milli)
        ).all()
        reasons = set(session.scalars(select(StockMoveRow.reason)))
        stocked = session.scalar(select(func.count()).where(ProductRow.stock_milli > 0))
        products = session.scalar(select(func.count()).select_from(ProductRow))
    assert mismatched == []
    assert reasons == {"opening"}
    assert stocked == products


def test_the_demo_is_the_same_every_time_and_seeded_only_once(tmp_path: Path) -> None:
    first, second = seeded(tmp_path / "a.db"), seeded(tmp_path / "b.db")
    rows = []
    for db in (first, second):
        with db.reading() as session:
            rows.append(
                session.execute(
                    select(
                        ProductRow.code, ProductRow.name, ProductRow.price_fen, BarcodeRow.barcode
                    )
                    .outerjoin(BarcodeRow)
                    .order_by(ProductRow.code, BarcodeRow.barcode)
                ).all()
            )
    with first.transaction() as session:
        assert seed_demo_catalog(session) == 0
    assert rows[0] == rows[1]
    first.dispose()
    second.dispose()


def test_the_bulk_catalog_makes_n_scannable_products(db: Database) -> None:
    with db.transaction() as session:
        assert make_bulk_catalog(session, 500) == 500
    with db.reading() as session:
        barcodes = session.scalars(select(BarcodeRow.barcode)).all()
        match = lookup_scan(session, barcodes[123])
        initials = session.scalar(select(ProductRow.pinyin_initials).limit(1))
    assert len(set(barcodes)) == 500
    assert all(is_valid_gtin(b) for b in barcodes)
    assert barcodes[123] in match.product.barcodes
    assert initials
