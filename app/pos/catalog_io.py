"""Products in and out as CSV or Excel files, the way shop owners keep their price lists.

Import keeps every good row and names every bad one by its line in the file; all good rows go in
one transaction. A row whose barcode the shop already has updates that product; an optional
``code`` column (编码) groups the rows of a product with several barcodes, which is how export
writes them (one row per barcode), so export then import gives the same catalog. A row with a
code and no barcode is taken too: weighed goods are found by their code.

Counts: ``imported`` is the number of products created, ``updated`` the number of existing
products whose fields a row rewrote.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.money import MoneyError, format_fen, parse_amount
from app.pos.catalog import (
    DEFAULT_MAX_PRICE_FEN,
    DEFAULT_UNIT,
    WEIGHT_UNITS,
    CatalogError,
    ProductInput,
    check_amount,
    check_code,
    check_product,
    format_generated_code,
    next_generated_code_number,
    pinyin_initials,
)
from app.storage import audit
from app.storage.base import Base, utcnow
from app.storage.database import Database
from app.storage.ids import new_id
from app.storage.models import BarcodeRow, CategoryRow, ProductRow
from app.storage.spreadsheet_cells import read_back, safe_row
from app.storage.text_files import TextFileError, csv_records, decode_strictly
from app.storage.whole_files import whole_file

log = logging.getLogger(__name__)

COLUMNS = ("barcode", "name", "category", "price", "cost", "unit", "member_price", "code")
REQUIRED_COLUMNS = ("barcode", "name", "price")
CHINESE_HEADERS = {
    "barcode": "条码",
    "name": "名称",
    "category": "分类",
    "price": "售价",
    "cost": "进价",
    "unit": "单位",
    "member_price": "会员价",
    "code": "编码",
}
_HEADER_ALIASES = {
    **{column: column for column in COLUMNS},
    **{chinese: column for column, chinese in CHINESE_HEADERS.items()},
    "条形码": "barcode",
    "商品条码": "barcode",
    "商品名称": "name",
    "品名": "name",
    "类别": "category",
    "商品分类": "category",
    "零售价": "price",
    "价格": "price",
    "成本价": "cost",
    "成本": "cost",
    "会员价格": "member_price",
    "商品编码": "code",
    "货号": "code",
}
CSV_SUFFIXES = frozenset({".csv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
EXPORT_CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel open the file as UTF-8
_IN_CHUNK = 500  # well under SQLite's bound-parameter limit
_SCIENTIFIC_RE = re.compile(r"^\d+(\.\d+)?[eE]\+?\d+$")
_FIELD_LABELS = {"price": "售价", "cost": "进价", "member_price": "会员价"}
#: A bad amount's refusal by column (whole sentences, so a translator sees each).
_AMOUNT_PROBLEMS = {"price": "售价：%1", "cost": "进价：%1", "member_price": "会员价：%1"}


class CatalogIOError(KnownError):
    """A whole file that cannot be imported or written; nothing was changed."""


@dataclasses.dataclass(frozen=True)
class RowError:
    """A row left out: its line, the reason in Chinese, and the refusal (for the screen)."""

    line: int
    reason: str
    error: KnownError | None = dataclasses.field(default=None, compare=False)


@dataclasses.dataclass(frozen=True)
class ImportReport:
    imported: int
    updated: int
    errors: tuple[RowError, ...]


@dataclasses.dataclass(frozen=True)
class _Row:
    line: int
    barcode: str | None
    code: str | None
    name: str
    category: str | None
    price_fen: int
    cost_fen: int | None
    member_price_fen: int | None
    unit: str


class _RowProblem(KnownError):
    """A reason a row is left out (a known error: the screen words it in its language)."""


# --- reading files ------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        raise CatalogIOError("这是一个 Excel 文件，请把扩展名改为 .xlsx 后再导入")
    try:
        return decode_strictly(data)
    except TextFileError as exc:
        raise CatalogIOError(exc.template, *exc.values) from None


def _csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogIOError("无法读取文件：%1（%2）", path.name, exc.strerror or exc) from exc
    try:
        yield from csv_records(_decode(data))
    except TextFileError as exc:
        raise CatalogIOError(exc.template, *exc.values) from None


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the cashier would have typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # repr is the shortest text giving the same float: what the sheet showed, 3.5 not 3.4999.
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # late: only imports need it, and it is slow to load
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise CatalogIOError("无法读取文件：%1（%2）", path.name, exc.strerror or exc) from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CatalogIOError("无法打开 Excel 文件：%1，文件可能已损坏", path.name) from exc
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Each record by its line, its cells as they were before export quoted formula-like text."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        records = _csv_records(path)
    elif suffix in XLSX_SUFFIXES:
        records = _xlsx_records(path)
    else:
        raise CatalogIOError("只能导入 CSV 或 Excel（.xlsx）文件")
    return ((line, [read_back(cell) for cell in record]) for line, record in records)


def _header_map(record: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, raw in enumerate(record):
        header = raw.replace("\ufeff", "").strip()
        column = _HEADER_ALIASES.get(header) or _HEADER_ALIASES.get(header.lower())
        if column is not None and column not in positions:
            positions[column] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    if missing:
        names = "、".join(f"{CHINESE_HEADERS[c]}（{c}）" for c in missing)
        raise CatalogIOError("文件缺少必需的列：%1", names)
    return positions


def _amount(values: dict[str, str], column: str, max_fen: int) -> int | None:
    text = values.get(column, "")
    if not text:
        return None
    try:
        fen = parse_amount(text, max_fen=max_fen)
        check_amount(_FIELD_LABELS[column], fen, max_fen)
    except (MoneyError, CatalogError) as exc:
        raise _RowProblem(_AMOUNT_PROBLEMS[column], exc) from exc
    return fen


def _parse_row(line: int, values: dict[str, str], max_fen: int) -> _Row:
    try:
        barcode_text, code_text = values.get("barcode", ""), values.get("code", "")
        if _SCIENTIFIC_RE.match(barcode_text):
            raise _RowProblem(
                "条码被显示成了科学计数法：%1，请把条码列设为“文本”后重新保存", barcode_text
            )
        if not barcode_text and not code_text:
            raise _RowProblem("缺少条码")
        barcode = check_code(barcode_text) if barcode_text else None
        code = check_code(code_text, "商品编码") if code_text else None
        if not values.get("name"):
            raise _RowProblem("缺少商品名称")
        price = _amount(values, "price", max_fen)
        if price is None:
            raise _RowProblem("缺少售价")
        unit = values.get("unit") or DEFAULT_UNIT
        checked = check_product(
            ProductInput(
                name=values["name"],
                price_fen=price,
                code=code,
                barcodes=(barcode,) if barcode else (),
                category=values.get("category") or None,
                unit=unit,
                cost_fen=_amount(values, "cost", max_fen),
                member_price_fen=_amount(values, "member_price", max_fen),
                by_weight=unit.strip().lower() in WEIGHT_UNITS,
            ),
            max_fen,
        )
        return _Row(
            line=line,
            barcode=barcode,
            code=code,
            name=checked.name,
            category=checked.category,
            price_fen=checked.price_fen,
            cost_fen=checked.cost_fen,
            member_price_fen=checked.member_price_fen,
            unit=checked.unit,
        )
    except CatalogError as exc:
        raise _RowProblem("%1", exc) from exc


def _read_file(path: Path, max_fen: int) -> tuple[list[_Row], list[RowError]]:
    rows: list[_Row] = []
    errors: list[RowError] = []
    positions: dict[str, int] | None = None
    first_line_of: dict[str, int] = {}
    for line, record in _records(path):
        if not any(cell.strip() for cell in record):
            continue
        if positions is None:
            positions = _header_map(record)
            continue
        values = {
            column: record[index].replace("\ufeff", "").strip() if index < len(record) else ""
            for column, index in positions.items()
        }
        try:
            row = _parse_row(line, values, max_fen)
            if row.barcode is not None:
                if row.barcode in first_line_of:
                    first = first_line_of[row.barcode]
                    raise _RowProblem("条码与第 %1 行重复：%2", first, row.barcode)
                first_line_of[row.barcode] = line
        except _RowProblem as problem:
            errors.append(RowError(line, str(problem), problem))
            continue
        rows.append(row)
    if positions is None:
        raise CatalogIOError("文件是空的，没有表头和商品")
    return rows, errors


# --- writing the catalog ------------------------------------------------------------------------

_PRODUCTS = Base.metadata.tables[ProductRow.__tablename__]
_BARCODES = Base.metadata.tables[BarcodeRow.__tablename__]
_CATEGORIES = Base.metadata.tables[CategoryRow.__tablename__]


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


@dataclasses.dataclass
class _Plan:
    """What the import will write, worked out in memory against what the database holds.
    ``keep_cost``: a row without a cost leaves the product's cost as it is (the head office's
    catalogue carries none)."""

    barcode_owner: dict[str, str]
    code_owner: dict[str, str]
    category_ids: dict[str, str]
    next_code_number: int
    keep_cost: bool = False
    new_products: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    updates: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    new_barcodes: list[dict[str, str]] = dataclasses.field(default_factory=list)
    new_categories: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def category_id(self, name: str | None) -> str | None:
        if name is None:
            return None
        if name not in self.category_ids:
            category_id = new_id()
            self.category_ids[name] = category_id
            order = len(self.new_categories) + 1  # after the shop's own, once _write knows them
            self.new_categories.append({"id": category_id, "name": name, "sort_order": order})
        return self.category_ids[name]

    def fresh_code(self, barcode: str | None) -> str:
        if barcode is not None and barcode not in self.code_owner:
            return barcode
        while format_generated_code(self.next_code_number) in self.code_owner:
            self.next_code_number += 1
        return format_generated_code(self.next_code_number)

    def apply(self, row: _Row) -> None:
        owner = self.barcode_owner.get(row.barcode) if row.barcode else None
        if owner is None and row.code is not None:
            owner = self.code_owner.get(row.code)
        if owner is not None and row.code is not None:
            holder = self.code_owner.get(row.code)
            if holder is not None and holder != owner:
                raise _RowProblem("商品编码已被其他商品使用：%1", row.code)
        fields: dict[str, Any] = {
            "name": row.name,
            "pinyin_initials": pinyin_initials(row.name),
            "category_id": self.category_id(row.category),
            "unit": row.unit,
            "price_fen": row.price_fen,
            "cost_fen": row.cost_fen,
            "member_price_fen": row.member_price_fen,
        }
        if owner is not None and self.keep_cost and row.cost_fen is None:
            del fields["cost_fen"]
        if owner is None:
            owner = new_id()
            code = row.code or self.fresh_code(row.barcode)
            now = utcnow()
            self.new_products[owner] = {
                "id": owner,
                "code": code,
                **fields,
                "active": True,
                "track_stock": True,
                "by_weight": row.unit.lower() in WEIGHT_UNITS,
                "stock_milli": 0,
                "created_at": now,
                "updated_at": now,
            }
            self.code_owner[code] = owner
        elif owner in self.new_products:
            self.new_products[owner].update(fields)
        else:
            if row.code is not None:
                fields["code"] = row.code
                self.code_owner[row.code] = owner
            self.updates.setdefault(owner, {}).update(fields)
        if row.barcode is not None and row.barcode not in self.barcode_owner:
            self.barcode_owner[row.barcode] = owner
            self.new_barcodes.append({"barcode": row.barcode, "product_id": owner})


def _plan(session: Session, rows: Sequence[_Row]) -> _Plan:
    barcodes = [r.barcode for r in rows if r.barcode is not None]
    barcode_owner: dict[str, str] = {}
    for chunk in _chunks(barcodes):
        barcode_owner.update(
            session.execute(
                select(_BARCODES.c.barcode, _BARCODES.c.product_id).where(
                    _BARCODES.c.barcode.in_(chunk)
                )
            )
            .tuples()
            .all()
        )
    code_owner = dict(session.execute(select(_PRODUCTS.c.code, _PRODUCTS.c.id)).tuples().all())
    category_ids = dict(
        session.execute(select(_CATEGORIES.c.name, _CATEGORIES.c.id)).tuples().all()
    )
    return _Plan(barcode_owner, code_owner, category_ids, next_generated_code_number(session))


def _write(session: Session, plan: _Plan) -> None:
    if plan.new_categories:
        top = session.execute(select(func.max(_CATEGORIES.c.sort_order))).scalar() or 0
        for category in plan.new_categories:
            category["sort_order"] += top
        session.execute(insert(_CATEGORIES), plan.new_categories)
    if plan.new_products:
        session.execute(insert(_PRODUCTS), list(plan.new_products.values()))
    if plan.updates:
        now = utcnow()
        by_shape: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for product_id, fields in plan.updates.items():
            by_shape.setdefault(tuple(sorted(fields)), []).append(
                {"product_id": product_id, "updated_at": now, **fields}
            )
        # The SET clause comes from the parameters' keys, so rows of one shape go together.
        statement = update(_PRODUCTS).where(_PRODUCTS.c.id == bindparam("product_id"))
        for params in by_shape.values():
            session.connection().execute(statement, params)
    if plan.new_barcodes:
        session.execute(insert(_BARCODES), plan.new_barcodes)


def import_products(
    db: Database,
    path: str | Path,
    *,
    actor_id: str | None = None,
    max_price_fen: int = DEFAULT_MAX_PRICE_FEN,
) -> ImportReport:
    """Add and update products from a CSV or XLSX file; bad rows are reported, not written."""
    file_path = Path(path)
    rows, errors = _read_file(file_path, max_price_fen)
    try:
        with db.transaction() as session:
            plan = _plan(session, rows)
            for row in rows:
                try:
                    plan.apply(row)
                except _RowProblem as problem:
                    errors.append(RowError(row.line, str(problem), problem))
            _write(session, plan)
            report = ImportReport(
                imported=len(plan.new_products),
                updated=len(plan.updates),
                errors=tuple(sorted(errors, key=lambda e: e.line)),
            )
            audit.record(
                session,
                "catalog.import",
                actor_id=actor_id,
                detail={
                    "file": file_path.name,
                    "imported": report.imported,
                    "updated": report.updated,
                    "errors": len(report.errors),
                },
            )
    except IntegrityError as exc:
        raise CatalogIOError("导入时商品资料有冲突，没有导入任何商品，请重试") from exc
    return report


@dataclasses.dataclass(frozen=True)
class ChainProduct:
    """A product as the head office sends it (``app.sync.reference``), this store's prices."""

    code: str
    name: str
    category: str | None
    unit: str
    price_fen: int
    member_price_fen: int | None
    barcodes: tuple[str, ...]
    active: bool


def apply_chain_products(session: Session, products: Sequence[ChainProduct]) -> int:
    """The head office's products, in the caller's transaction, matched by code then barcode as
    an import matches them; cost and stock stay the counter's. A product whose code another
    product here holds under a different barcode is left out (logged). Products written."""
    rows = [
        _Row(0, barcode, p.code, p.name, p.category, p.price_fen, None, p.member_price_fen, p.unit)
        for p in products
        for barcode in (p.barcodes or (None,))
    ]
    plan = _plan(session, rows)
    plan.keep_cost = True
    written: set[str] = set()
    for row in rows:
        try:
            plan.apply(row)
            written.add(str(row.code))
        except _RowProblem as problem:
            log.warning("product %s from the head office left out: %s", row.code, problem)
    _write(session, plan)
    for active in (True, False):
        codes = [p.code for p in products if p.active is active and p.code in written]
        for chunk in _chunks(codes):
            session.execute(
                update(_PRODUCTS).where(_PRODUCTS.c.code.in_(chunk)).values(active=active)
            )
    if written:
        audit.record(session, "catalog.synced", actor_id=None, detail={"products": len(written)})
    return len(written)


# --- export -------------------------------------------------------------------------------------


def _export_rows(session: Session) -> Iterator[list[str]]:
    barcodes: dict[str, list[str]] = {}
    for product_id, barcode in session.execute(
        select(_BARCODES.c.product_id, _BARCODES.c.barcode).order_by(_BARCODES.c.barcode)
    ).tuples():
        barcodes.setdefault(product_id, []).append(barcode)
    products = session.execute(
        select(
            _PRODUCTS.c.id,
            _PRODUCTS.c.name,
            _CATEGORIES.c.name,
            _PRODUCTS.c.price_fen,
            _PRODUCTS.c.cost_fen,
            _PRODUCTS.c.unit,
            _PRODUCTS.c.member_price_fen,
            _PRODUCTS.c.code,
        )
        .select_from(_PRODUCTS.outerjoin(_CATEGORIES, _PRODUCTS.c.category_id == _CATEGORIES.c.id))
        .order_by(_PRODUCTS.c.code)
    ).tuples()
    for product_id, name, category, price, cost, unit, member, code in products:
        fields = [
            name,
            category or "",
            format_fen(price),
            "" if cost is None else format_fen(cost),
            unit,
            "" if member is None else format_fen(member),
            code,
        ]
        for barcode in barcodes.get(product_id) or [""]:
            yield [barcode, *fields]


def export_products(db: Database, path: str | Path, *, chinese_headers: bool = False) -> int:
    """Write every product (one row per barcode) to CSV or XLSX by the extension; rows written."""
    file_path = Path(path)
    suffix = file_path.suffix.lower()
    if suffix not in CSV_SUFFIXES and suffix not in XLSX_SUFFIXES:
        raise CatalogIOError("只能导出为 CSV 或 Excel（.xlsx）文件")
    header = [CHINESE_HEADERS[c] for c in COLUMNS] if chinese_headers else list(COLUMNS)
    count = 0
    try:
        with db.reading() as session, whole_file(file_path) as partial:
            if suffix in CSV_SUFFIXES:
                with partial.open("w", encoding=EXPORT_CSV_ENCODING, newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(header)
                    for record in _export_rows(session):
                        writer.writerow(safe_row(record))
                        count += 1
            else:
                import openpyxl  # late: only files need it, and it is slow to load

                workbook = openpyxl.Workbook(write_only=True)
                sheet = workbook.create_sheet("商品")
                sheet.append(header)
                for record in _export_rows(session):
                    sheet.append(safe_row(record))
                    count += 1
                workbook.save(partial)
    except OSError as exc:
        raise CatalogIOError("无法写入文件：%1（%2）", file_path.name, exc.strerror or exc) from exc
    return count
