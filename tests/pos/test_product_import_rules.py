"""The product import keeps the products screen's rules (it calls the catalog's own checks) and
reads a file strictly in one encoding (issue 9, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.pos.catalog_io import CatalogIOError, import_products
from app.storage.database import Database
from app.storage.models import BarcodeRow, ProductRow

HEADER = "条码,名称,售价,会员价,单位\n"


def _products(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(ProductRow)) or 0


def test_the_import_refuses_what_the_products_screen_refuses_and_writes_only_good_rows(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "products.csv"
    source.write_text(
        HEADER + "6901234567892,可乐,0,,瓶\n"  # a price of zero
        "6921168509256,矿泉水,2.00,2.50,瓶\n"  # a member price above the price
        "6901234567893,雪碧,3.00,,瓶\n"  # a wrong GS1 check digit
        "96385074,苹果,6.00,5.50,斤\n"  # weighed by the 斤
        "P1,面粉,4.00,,克\n",  # a code, weighed by the gram
        encoding="utf-8",
    )
    report = import_products(db, source)
    reasons = {error.line: error.reason for error in report.errors}
    assert set(reasons) == {2, 3, 4}
    assert "售价须大于零" in reasons[2]
    assert "会员价 ¥2.50 不能高于售价 ¥2.00" in reasons[3] or "不能高于售价" in reasons[3]
    assert "校验" in reasons[4] or "6901234567893" in reasons[4]
    with db.reading() as session:
        weighed = dict(
            session.execute(select(ProductRow.name, ProductRow.by_weight)).tuples().all()
        )
        barcodes = set(session.scalars(select(BarcodeRow.barcode)))
    assert weighed == {"苹果": True, "面粉": True}
    assert barcodes == {"96385074", "P1"}  # the refused rows wrote nothing


def test_a_product_file_in_utf8_with_one_gbk_line_is_refused_naming_the_line(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "products.csv"
    source.write_bytes(
        HEADER.encode()
        + "96385074,苹果,6.00,,个\n".encode()
        + "6921168509256,矿泉水,2.00,,瓶\n".encode("gbk")
    )
    with pytest.raises(CatalogIOError, match="第 3 行不是 UTF-8 编码"):
        import_products(db, source)
    assert _products(db) == 0


def test_a_product_file_in_gbk_throughout_is_read_in_gbk(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "products.csv"
    source.write_text(HEADER + "96385074,苹果,6.00,,个\n", encoding="gbk")
    assert import_products(db, source).imported == 1
    with db.reading() as session:
        assert session.scalars(select(ProductRow.name)).all() == ["苹果"]


def test_a_product_file_with_a_ten_megabyte_line_is_refused_plainly(
    db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "products.csv"
    source.write_text(HEADER + "96385074," + "长" * 10_000_000 + ",6.00,,个\n", encoding="utf-8")
    with pytest.raises(CatalogIOError, match="第 2 行"):
        import_products(db, source)
    assert _products(db) == 0
