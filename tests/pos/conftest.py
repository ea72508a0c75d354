"""Fixtures for the selling tests: a few products and an open shift."""

from __future__ import annotations

import pytest

from app.pos.catalog import ProductInput, ProductView, create_product
from app.pos.shifts import ShiftView, open_shift
from app.pos.staff import StaffView
from app.storage.database import Database

COLA_BARCODE = "6901234567892"


@pytest.fixture
def products(db: Database) -> dict[str, ProductView]:
    specs = {
        "cola": ProductInput(
            name="可口可乐 330ml", price_fen=350, barcodes=(COLA_BARCODE,), unit="瓶"
        ),
        "chips": ProductInput(name="乐事薯片 原味", price_fen=799, unit="袋"),
        "noodles": ProductInput(name="康师傅红烧牛肉面", price_fen=450, unit="袋"),
        "apple": ProductInput(
            name="红富士苹果", price_fen=1280, code="00001", unit="kg", by_weight=True
        ),
        "service": ProductInput(name="手机贴膜", price_fen=2000, track_stock=False),
    }
    with db.transaction() as session:
        return {
            key: create_product(
                session, spec, opening_stock_milli=100_000 if spec.track_stock else 0
            )
            for key, spec in specs.items()
        }


@pytest.fixture
def shift(db: Database, cashier: StaffView) -> ShiftView:
    with db.transaction() as session:
        return open_shift(session, cashier, 50000)
