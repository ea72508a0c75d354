"""Importing and exporting products as CSV and XLSX files, as shop owners make them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.pos.catalog import ProductInput, ProductView, create_product, get_product, lookup_scan
from app.pos.catalog_io import (
    CatalogIOError,
    ImportReport,
    RowError,
    export_products,
    import_products,
)
from app.pos.demo_catalog import seed_demo_catalog
from app.storage.database import Database
from app.storage.models import AuditRow, BarcodeRow, CategoryRow, ProductRow

COKE = "6901234567892"
BAD_CHECK = "6901234567893"  # the right check digit is 2
WATER = "6921168509256"
EAN8 = "96385074"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def counts(db: Database) -> tuple[int, ...]:
    with db.reading() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (ProductRow, BarcodeRow, CategoryRow, AuditRow)
        )


def catalog(db: Database) -> set[tuple[object, ...]]:
    """Everything a file carries about each product, without the ids made at import."""
    with db.reading() as session:
        ids = session.scalars(select(ProductRow.id)).all()
        return {
            (
                v.code,
                v.name,
                v.category,
                v.unit,
                v.price_fen,
                v.cost_fen,
                v.member_price_fen,
                v.barcodes,
                v.by_weight,
                v.pinyin_initials,
            )
            for v in (get_product(session, i) for i in ids)
        }


def scan(db: Database, code: str) -> ProductView:
    with db.reading() as session:
        return lookup_scan(session, code).product


def test_a_plain_utf8_csv_with_english_headers_is_imported(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.csv",
        "barcode,name,category,price,cost,unit,member_price\n"
        f"{COKE},可口可乐 330ml,饮料,3.5,2.10,瓶,3.2\n"
        f"{EAN8},散装糖果,,12,,,\n",
    )
    report = import_products(db, path)
    assert report == ImportReport(imported=2, updated=0, errors=())
    coke = scan(db, COKE)
    assert (coke.name, coke.category, coke.price_fen, coke.cost_fen) == (
        "可口可乐 330ml",
        "饮料",
        350,
        210,
    )
    assert (coke.unit, coke.member_price_fen, coke.code) == ("瓶", 320, COKE)
    candy = scan(db, EAN8)
    assert (candy.category, candy.unit, candy.cost_fen, candy.price_fen) == (None, "个", None, 1200)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030"])
def test_chinese_headers_with_spaces_are_read_in_excel_encodings(
    db: Database, tmp_path: Path, encoding: str
) -> None:
    path = write(
        tmp_path / "p.csv",
        " 条码 , 名称 ,分类, 售价 ,进价,单位,会员价\r\n"
        f"{COKE},可口可乐,饮料,￥3.50,2,瓶,\r\n"
        f'{WATER},"农夫山泉, 550ml",饮料,2,1.2,瓶,\r\n',
        encoding,
    )
    report = import_products(db, path)
    assert (report.imported, report.errors) == (2, ())
    assert scan(db, WATER).name == "农夫山泉, 550ml"
    assert scan(db, COKE).category == "饮料"


def test_an_xlsx_with_number_cells_is_imported(db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["条码", "名称", "售价", "进价", "单位"])
    sheet.append([int(COKE), "可口可乐", 3.5, 2, "瓶"])
    sheet.append([float(WATER), "农夫山泉", "2.00", None, None])
    sheet.append([EAN8, "糖", 2.675, None, None])
    path = tmp_path / "p.xlsx"
    book.save(path)
    report = import_products(db, path)
    assert report.imported == 2
    assert report.errors == (RowError(4, "售价：金额最多两位小数（精确到分）"),)
    assert (scan(db, COKE).price_fen, scan(db, COKE).cost_fen) == (350, 200)
    assert scan(db, WATER).price_fen == 200


def test_each_bad_row_is_reported_by_its_line_and_the_good_rows_are_kept(
    db: Database, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "p.csv",
        "barcode,name,price\n"
        f"{COKE},可口可乐,3.50\n"  # line 2, good
        f"{BAD_CHECK},雪碧,3.50\n"  # 3
        f"{WATER},,2\n"  # 4
        f"{WATER},农夫山泉,abc\n"  # 5
        f"{WATER},农夫山泉,1.234\n"  # 6
        f"{COKE},可口可乐又一行,3\n"  # 7
        "6.90123E+12,科学计数,1\n"  # 8
        "\n"  # 9, blank: skipped
        f"{WATER},农夫山泉,-2\n"  # 10
        f"{WATER},农夫山泉\n"  # 11, short row
        f"{EAN8},糖,0.5\n",  # 12, good
    )
    report = import_products(db, path)
    assert (report.imported, report.updated) == (2, 0)
    lines = [(e.line, e.reason.split("：")[0]) for e in report.errors]
    assert lines == [
        (3, "条码校验位错误"),
        (4, "缺少商品名称"),
        (5, "售价"),
        (6, "售价"),
        (7, "条码与第 2 行重复"),
        (8, "条码被显示成了科学计数法"),
        (10, "售价"),
        (11, "缺少售价"),
    ]
    assert "两位小数" in report.errors[3].reason
    assert "负数" in report.errors[6].reason
    assert scan(db, COKE).name == "可口可乐"


def test_an_existing_barcode_updates_its_product(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        made = create_product(
            session,
            ProductInput(name="可乐", price_fen=300, barcodes=(COKE,)),
            opening_stock_milli=5,
        )
    path = write(
        tmp_path / "p.csv", f"barcode,name,price,category\n{COKE},可口可乐 新装,3.8,饮料\n"
    )
    report = import_products(db, path, actor_id="boss")
    assert (report.imported, report.updated, report.errors) == (0, 1, ())
    after = scan(db, COKE)
    assert (after.id, after.name, after.price_fen, after.category) == (
        made.id,
        "可口可乐 新装",
        380,
        "饮料",
    )
    assert (after.pinyin_initials, after.stock_milli) == ("kkklxz", 5)
    with db.reading() as session:
        audit = session.scalars(select(AuditRow).where(AuditRow.action == "catalog.import")).one()
    assert audit.actor_id == "boss"


def test_a_missing_required_column_refuses_the_whole_file_and_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.csv", f"条码,名称,进价\n{COKE},可乐,2\n")
    before = counts(db)
    with pytest.raises(CatalogIOError, match="缺少必需的列：售价（price）"):
        import_products(db, path)
    assert counts(db) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.xls", b"whatever", "只能导入 CSV 或 Excel"),
        ("p.csv", b"", "文件是空的"),
        ("p.csv", b"\x00\x01\x02binary", "不是文本格式"),
        ("p.csv", b"PK\x03\x04rest", "扩展名改为 .xlsx"),
        ("p.csv", b"\xff\xfe\xff\xfe\x80", "无法识别文件的文字编码"),
        ("p.xlsx", b"not a zip at all", "无法打开 Excel 文件"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_plain_message(
    db: Database, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = counts(db)
    with pytest.raises(CatalogIOError, match=message):
        import_products(db, path)
    assert counts(db) == before


def test_a_missing_file_is_refused_with_a_plain_message(db: Database, tmp_path: Path) -> None:
    with pytest.raises(CatalogIOError, match="无法读取文件"):
        import_products(db, tmp_path / "none.csv")


def test_rows_sharing_a_code_make_one_product_with_several_barcodes(
    db: Database, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "p.csv",
        "barcode,name,price,unit,code\n"
        f"{COKE},可口可乐,3.5,瓶,K1\n"
        f"{EAN8},可口可乐,3.5,瓶,K1\n"
        ",红富士苹果,12.8,kg,00001\n",
    )
    report = import_products(db, path)
    assert (report.imported, report.errors) == (2, ())
    assert scan(db, EAN8).barcodes == tuple(sorted((COKE, EAN8)))
    apple = scan(db, "00001")
    assert (apple.by_weight, apple.barcodes) == (True, ())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_the_same_catalog(
    db: Database, tmp_path: Path, suffix: str
) -> None:
    with db.transaction() as session:
        seed_demo_catalog(session)
    path = tmp_path / f"catalog{suffix}"
    rows = export_products(db, path)
    fresh = Database.open(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        report = import_products(fresh, path)
        assert report.errors == ()
        assert catalog(fresh) == catalog(db)
        with db.reading() as session:
            assert rows == (session.scalar(select(func.count()).select_from(BarcodeRow)) or 0) + (
                session.scalar(
                    select(func.count()).select_from(ProductRow).where(~ProductRow.barcodes.any())
                )
                or 0
            )
        again = import_products(fresh, path)
        assert (again.imported, again.updated) == (0, report.imported)
        assert catalog(fresh) == catalog(db)
    finally:
        fresh.dispose()


def test_export_writes_prices_as_yuan_and_chinese_headers_on_request(
    db: Database, tmp_path: Path
) -> None:
    with db.transaction() as session:
        create_product(
            session,
            ProductInput(name="可乐", price_fen=350, cost_fen=5, barcodes=(COKE,), category="饮料"),
        )
    path = tmp_path / "out.csv"
    assert export_products(db, path, chinese_headers=True) == 1
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "条码,名称,分类,售价,进价,单位,会员价,编码",
        f"{COKE},可乐,饮料,3.50,0.05,个,,{COKE}",
    ]


def test_export_refuses_an_unknown_extension(db: Database, tmp_path: Path) -> None:
    with pytest.raises(CatalogIOError, match="只能导出为"):
        export_products(db, tmp_path / "out.pdf")
