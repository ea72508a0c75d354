"""The shop's products: found at the scan field in a blink, and kept consistent when edited.

Scan rule (``lookup_scan``): the exact barcode first (a UPC-A also as its 13-digit EAN form and
back), then the product code, then an in-store weighed label. A label's item digits ``I`` are
matched against the product code as printed (``00001``) and, failing that, without their leading
zeros (``1``); the first of the two that exists wins.

Stock on hand may go below zero: the cashier sells what is on the shelf even when the count is
wrong, and the stock moves show how it happened.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.config import DEFAULT_WEIGHED_LAYOUTS, Config, WeighedBarcodeLayout
from app.errors import KnownError
from app.money import format_yuan
from app.pos.barcodes import (
    MAX_CODE_LENGTH,
    BarcodeError,
    gtin_variants,
    normalize_code,
    parse_weighed_label,
)
from app.pos.stock_cost import line_cost, value_at_average
from app.storage import audit
from app.storage.base import Base, utcnow
from app.storage.ids import new_id
from app.storage.models import (
    AuditRow,
    BarcodeRow,
    CategoryRow,
    ProductRow,
    Role,
    StaffRow,
    StockMoveRow,
)

MAX_NAME_LENGTH = 80
MAX_UNIT_LENGTH = 8
MAX_CATEGORY_LENGTH = 40
MAX_REASON_LENGTH = 20
MAX_PINYIN_LENGTH = 80
DEFAULT_UNIT = "个"
DEFAULT_SEARCH_LIMIT = 20
#: The counter's own ceiling for one amount, the same the config applies by default.
DEFAULT_MAX_PRICE_FEN: int = Config.max_amount_fen
GENERATED_CODE_PREFIX = "P"
GENERATED_CODE_DIGITS = 6
OPENING_STOCK_REASON = "opening"
#: The units a product sold by weight may be counted in, each with the thousandths of it that
#: one gram is: a scale's label prints grams, the cart counts thousandths of the product's unit.
MILLI_UNITS_PER_GRAM = {"kg": 1, "千克": 1, "公斤": 1, "斤": 2, "g": 1000, "克": 1000}
WEIGHT_UNITS = frozenset(MILLI_UNITS_PER_GRAM)
#: The fields whose every change is kept as the product's price history.
PRICE_FIELDS = ("price_fen", "member_price_fen", "cost_fen")
PRICE_AUDIT_ACTIONS = ("product.create", "product.update")
#: How many products the products screen lists at most for one search or filter.
BROWSE_LIMIT = 500
#: Sorts after every character a pinyin key holds, closing the prefix range of an index scan.
_RANGE_END = "\uffff"
_LIKE_ESCAPE = "\\"


class CatalogError(KnownError):
    """A product edit the counter refuses; the message is a plain sentence for the screen."""


class ScanError(KnownError):
    """A scanned or typed code that rings up nothing; the message says why, for the screen."""


@dataclasses.dataclass(frozen=True)
class ProductView:
    id: str
    code: str
    name: str
    pinyin_initials: str
    category: str | None
    unit: str
    price_fen: int
    cost_fen: int | None
    member_price_fen: int | None
    active: bool
    track_stock: bool
    by_weight: bool
    stock_milli: int
    barcodes: tuple[str, ...]
    #: At or below this stock it shows on the low-stock list (None: only at or below zero).
    reorder_point_milli: int | None = None
    #: What a promotion's categories match (``category`` is the name people read).
    category_id: str | None = None


@dataclasses.dataclass(frozen=True)
class ScanMatch:
    """What a scan rang up; a weighed label fixes the quantity (weight) or the amount (price)."""

    product: ProductView
    barcode: str
    qty_milli: int | None
    amount_fen: int | None


@dataclasses.dataclass(frozen=True)
class CategoryView:
    id: str
    name: str
    sort_order: int


@dataclasses.dataclass(frozen=True)
class PriceChange:
    """One change of a product's price, member price or cost (``old_fen`` None: newly set)."""

    at: dt.datetime
    field: str
    old_fen: int | None
    new_fen: int | None
    actor: str | None
    approver: str | None


@dataclasses.dataclass(frozen=True)
class ProductInput:
    """Everything the product form edits; ``code=None`` keeps (or, new, generates) the code."""

    name: str
    price_fen: int
    code: str | None = None
    barcodes: tuple[str, ...] = ()
    category: str | None = None
    unit: str = DEFAULT_UNIT
    cost_fen: int | None = None
    member_price_fen: int | None = None
    active: bool = True
    track_stock: bool = True
    by_weight: bool = False
    reorder_point_milli: int | None = None


# --- pinyin -------------------------------------------------------------------------------------


@functools.cache
def _han_initial(char: str) -> str | None:
    """The one first letter all readings of a Han character share; ``None`` when they differ."""
    from pypinyin.constants import PINYIN_DICT

    readings = PINYIN_DICT[ord(char)].split(",")
    letters = {unicodedata.normalize("NFKD", r)[0].lower() for r in readings if r}
    return letters.pop() if len(letters) == 1 else None


def _keep(text: str) -> str:
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


@functools.lru_cache(maxsize=65_536)
def _han_run_initials(run: str) -> str:
    """Initials of a run of Han characters; pypinyin reads each run apart from its neighbours."""
    letters: list[str] = []
    for char in run:
        initial = _han_initial(char)
        if initial is None:
            # A heteronym whose readings start differently (行 xíng/háng): the phrase decides.
            from pypinyin import Style, lazy_pinyin

            return _keep("".join(lazy_pinyin(run, style=Style.FIRST_LETTER)))
        letters.append(initial)
    return "".join(letters)


def pinyin_initials(name: str) -> str:
    """The search key of a name: ``"可口可乐 330ml" -> "kkkl330ml"``.

    Han characters give the first letter of their reading (the reading pypinyin's phrase
    dictionary picks, else the first one); ASCII letters and digits stay, lower case; the rest
    goes. Runs of Han characters are cached, since shop names repeat brands and words.
    pypinyin is imported here, not with the module: its dictionaries take half a second to load,
    and opening the store behind the login window must not wait for them.
    """
    from pypinyin.constants import PINYIN_DICT

    parts: list[str] = []
    run: list[str] = []
    for char in unicodedata.normalize("NFKC", name):
        if ord(char) in PINYIN_DICT:
            run.append(char)
            continue
        if run:
            parts.append(_han_run_initials("".join(run)))
            run.clear()
        if char.isascii() and char.isalnum():
            parts.append(char.lower())
    if run:
        parts.append(_han_run_initials("".join(run)))
    return "".join(parts)[:MAX_PINYIN_LENGTH]


# --- reading ------------------------------------------------------------------------------------

# The scan field and the search box run these on every key: built once, so SQLAlchemy neither
# rebuilds nor re-hashes them (a third of a millisecond each), and run as Core statements.
_PRODUCTS = Base.metadata.tables[ProductRow.__tablename__]
_BARCODES = Base.metadata.tables[BarcodeRow.__tablename__]
_CATEGORIES = Base.metadata.tables[CategoryRow.__tablename__]

_VIEW_SELECT = select(
    _PRODUCTS.c.id,
    _PRODUCTS.c.code,
    _PRODUCTS.c.name,
    _PRODUCTS.c.pinyin_initials,
    _CATEGORIES.c.name.label("category"),
    _PRODUCTS.c.category_id,
    _PRODUCTS.c.unit,
    _PRODUCTS.c.price_fen,
    _PRODUCTS.c.cost_fen,
    _PRODUCTS.c.member_price_fen,
    _PRODUCTS.c.active,
    _PRODUCTS.c.track_stock,
    _PRODUCTS.c.by_weight,
    _PRODUCTS.c.stock_milli,
    _PRODUCTS.c.reorder_point_milli,
    # A product's barcodes in its own row (they never hold a space).
    select(func.group_concat(_BARCODES.c.barcode, " "))
    .where(_BARCODES.c.product_id == _PRODUCTS.c.id)
    .correlate(_PRODUCTS)
    .scalar_subquery()
    .label("barcodes"),
).select_from(_PRODUCTS.outerjoin(_CATEGORIES, _PRODUCTS.c.category_id == _CATEGORIES.c.id))
_VIEWS_QUERY = _VIEW_SELECT.where(_PRODUCTS.c.id.in_(bindparam("ids", expanding=True)))

_EXACT = union_all(
    select(literal(0).label("rank"), _BARCODES.c.product_id.label("id")).where(
        _BARCODES.c.barcode == bindparam("code")
    ),
    select(literal(1).label("rank"), _BARCODES.c.product_id.label("id")).where(
        _BARCODES.c.barcode == bindparam("twin")
    ),
    select(literal(2).label("rank"), _PRODUCTS.c.id.label("id")).where(
        _PRODUCTS.c.code == bindparam("code")
    ),
).subquery()
_EXACT_QUERY = _EXACT.select().order_by("rank")
#: A scan's product in one query: the best exact match with its whole view (every scan pays
#: for each round trip before the cart can paint).
_SCAN_QUERY = (
    _VIEW_SELECT.join(_EXACT, _EXACT.c.id == _PRODUCTS.c.id).order_by(_EXACT.c.rank).limit(1)
)

_CODE_QUERY = select(_PRODUCTS.c.id).where(_PRODUCTS.c.code == bindparam("code"))

_PINYIN_PREFIX_QUERY = (
    select(_PRODUCTS.c.id)
    .where(
        _PRODUCTS.c.pinyin_initials >= bindparam("low"),
        _PRODUCTS.c.pinyin_initials < bindparam("high"),
        _PRODUCTS.c.active.is_(True),
    )
    .order_by(_PRODUCTS.c.pinyin_initials)
    .limit(bindparam("limit"))
)

# ``kl`` also finds 可口可乐 (kkkl): initials containing the text, after those starting with it.
# Like the name search below, a full walk of the index when few products match.
_PINYIN_CONTAINS_QUERY = (
    select(_PRODUCTS.c.id)
    .where(
        _PRODUCTS.c.pinyin_initials.like(bindparam("pattern")),
        _PRODUCTS.c.active.is_(True),
    )
    .order_by(_PRODUCTS.c.pinyin_initials)
    .limit(bindparam("limit"))
)

# Walks the name index in order and stops at the limit; a full walk when few names match.
_NAME_CONTAINS_QUERY = (
    select(_PRODUCTS.c.id)
    .where(
        _PRODUCTS.c.name.like(bindparam("pattern"), escape=_LIKE_ESCAPE),
        _PRODUCTS.c.active.is_(True),
    )
    .order_by(_PRODUCTS.c.name)
    .limit(bindparam("limit"))
)


def _views(session: Session, ids: Sequence[str]) -> list[ProductView]:
    """Views of the products ``ids``, in that order, in one query."""
    if not ids:
        return []
    session.flush()  # Core statements do not autoflush: see this transaction's own changes
    by_id = {row.id: _view(row) for row in session.execute(_VIEWS_QUERY, {"ids": list(ids)})}
    return [by_id[i] for i in ids if i in by_id]


def _view(row: Any) -> ProductView:
    return ProductView(
        id=row.id,
        code=row.code,
        name=row.name,
        pinyin_initials=row.pinyin_initials,
        category=row.category,
        unit=row.unit,
        price_fen=row.price_fen,
        cost_fen=row.cost_fen,
        member_price_fen=row.member_price_fen,
        active=bool(row.active),
        track_stock=bool(row.track_stock),
        by_weight=bool(row.by_weight),
        stock_milli=row.stock_milli,
        barcodes=tuple(sorted(row.barcodes.split())) if row.barcodes else (),
        reorder_point_milli=row.reorder_point_milli,
        category_id=row.category_id,
    )


def get_product(session: Session, product_id: str) -> ProductView:
    views = _views(session, [product_id])
    if not views:
        raise CatalogError("未找到该商品，可能已被删除")
    return views[0]


def _exact_matches(session: Session, code: str) -> list[str]:
    """Products whose barcode (or its UPC-A/EAN-13 twin), then whose code, is exactly ``code``."""
    variants = gtin_variants(code)
    twin = variants[1] if len(variants) > 1 else code
    rows = session.execute(_EXACT_QUERY, {"code": code, "twin": twin})
    return list(dict.fromkeys(row.id for row in rows))


def _exact_view(session: Session, code: str) -> ProductView | None:
    """The product ``_exact_matches`` would put first, with its view, in one query."""
    variants = gtin_variants(code)
    twin = variants[1] if len(variants) > 1 else code
    session.flush()
    row = session.execute(_SCAN_QUERY, {"code": code, "twin": twin}).first()
    return None if row is None else _view(row)


def _product_id_by_code(session: Session, code: str) -> str | None:
    return session.execute(_CODE_QUERY, {"code": code}).scalar()


def lookup_scan(
    session: Session,
    code: str,
    layouts: Iterable[WeighedBarcodeLayout] = DEFAULT_WEIGHED_LAYOUTS,
) -> ScanMatch:
    """The product a scan (or a typed code) rings up, with a weighed label's weight or price."""
    text = code.strip()
    if not text:
        raise ScanError("请扫描或输入商品条码")
    try:
        normalize_code(text)
    except BarcodeError as exc:
        raise ScanError(exc.template, *exc.values) from exc
    qty_milli: int | None = None
    amount_fen: int | None = None
    product = _exact_view(session, text)
    if product is None:
        label = parse_weighed_label(text, layouts)
        product_id = None
        if label is not None:
            for item_code in dict.fromkeys((label.item_code, label.item_code.lstrip("0") or "0")):
                product_id = _product_id_by_code(session, item_code)
                if product_id is not None:
                    break
            qty_milli, amount_fen = label.weight_milli, label.price_fen
        if product_id is None:
            raise ScanError("未找到商品：%1", text)
        product = get_product(session, product_id)
    if not product.active:
        raise ScanError("商品已停售：%1", product.name)
    if qty_milli is not None:  # the label's grams in the product's own unit (斤, g, kg)
        qty_milli *= MILLI_UNITS_PER_GRAM.get(product.unit.lower(), 1)
    return ScanMatch(product, text, qty_milli, amount_fen)


def _escape_like(text: str) -> str:
    for char in (_LIKE_ESCAPE, "%", "_"):
        text = text.replace(char, _LIKE_ESCAPE + char)
    return text


def search_products(
    session: Session, text: str, limit: int = DEFAULT_SEARCH_LIMIT
) -> list[ProductView]:
    """Active products for what the cashier typed, best first.

    Exact barcode or code, then pinyin initials starting with the text (``kl`` finds 可乐, any
    case), then initials containing it (``kl`` finds 可口可乐 too), then names containing it.
    Each step stops as soon as ``limit`` products are found.
    """
    query = text.strip()
    if not query or limit <= 0:
        return []
    found: dict[str, None] = {}

    def take(ids: Iterable[str]) -> None:
        for product_id in ids:
            if len(found) < limit:
                found.setdefault(product_id)

    if len(query) <= MAX_CODE_LENGTH:
        take(_exact_matches(session, query))
    key = unicodedata.normalize("NFKC", query).replace(" ", "").lower()
    if key.isascii() and key.isalnum() and len(found) < limit:
        bounds = {"low": key, "high": key + _RANGE_END, "limit": limit}
        take(session.execute(_PINYIN_PREFIX_QUERY, bounds).scalars())
        if len(found) < limit:
            contains = {"pattern": f"%{key}%", "limit": limit + len(found)}
            take(session.execute(_PINYIN_CONTAINS_QUERY, contains).scalars())
    if len(found) < limit:
        pattern = {"pattern": f"%{_escape_like(query)}%", "limit": limit}
        take(session.execute(_NAME_CONTAINS_QUERY, pattern).scalars())
    return [v for v in _views(session, list(found)) if v.active]


# --- categories ---------------------------------------------------------------------------------


def list_categories(session: Session) -> list[CategoryView]:
    rows = session.execute(
        select(CategoryRow.id, CategoryRow.name, CategoryRow.sort_order).order_by(
            CategoryRow.sort_order, CategoryRow.name
        )
    ).all()
    return [CategoryView(*row) for row in rows]


def ensure_category(session: Session, name: str) -> CategoryView:
    """The category called ``name``, made (last in the list) if the shop has none by that name."""
    clean = name.strip()
    if not clean:
        raise CatalogError("请输入分类名称")
    if len(clean) > MAX_CATEGORY_LENGTH:
        raise CatalogError("分类名称过长（最多 %1 个字）", MAX_CATEGORY_LENGTH)
    row = session.scalar(select(CategoryRow).where(CategoryRow.name == clean))
    if row is None:
        last = session.scalar(select(func.max(CategoryRow.sort_order)))
        row = CategoryRow(id=new_id(), name=clean, sort_order=(last or 0) + 1)
        session.add(row)
        session.flush()
    return CategoryView(row.id, row.name, row.sort_order)


def add_category(
    session: Session,
    name: str,
    *,
    actor_id: str | None = None,
    approver_id: str | None = None,
) -> CategoryView:
    """A new category, last in the list; a name the shop already has is refused."""
    clean = _category_name(name)
    if session.scalar(select(CategoryRow.id).where(CategoryRow.name == clean)) is not None:
        raise CatalogError("已有名为“%1”的分类", clean, field="name")
    view = ensure_category(session, clean)
    audit.record(
        session,
        "category.create",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=view.id,
        detail={"name": clean},
    )
    return view


def rename_category(
    session: Session,
    category_id: str,
    name: str,
    *,
    actor_id: str | None = None,
    approver_id: str | None = None,
) -> CategoryView:
    """The category under a new name; its products follow it. A name taken is refused."""
    row = session.get(CategoryRow, category_id)
    if row is None:
        raise CatalogError("未找到该分类，可能已被删除")
    clean = _category_name(name)
    taken = session.scalar(select(CategoryRow.id).where(CategoryRow.name == clean))
    if taken is not None and taken != category_id:
        raise CatalogError("已有名为“%1”的分类", clean, field="name")
    if row.name != clean:
        audit.record(
            session,
            "category.rename",
            actor_id=actor_id,
            approver_id=approver_id,
            subject_id=category_id,
            detail={"name": [row.name, clean]},
        )
        row.name = clean
        session.flush()
    return CategoryView(row.id, row.name, row.sort_order)


def _category_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise CatalogError("请输入分类名称", field="name")
    if len(clean) > MAX_CATEGORY_LENGTH:
        raise CatalogError("分类名称过长（最多 %1 个字）", MAX_CATEGORY_LENGTH, field="name")
    return clean


# --- browsing -----------------------------------------------------------------------------------

# The products screen's own searches: retired products too, which the counter never looks at.
_RETIRED_MATCHES = (
    select(_PRODUCTS.c.id)
    .where(
        _PRODUCTS.c.active.is_(False),
        (_PRODUCTS.c.code == bindparam("text"))
        | _PRODUCTS.c.id.in_(
            select(_BARCODES.c.product_id).where(_BARCODES.c.barcode == bindparam("text"))
        )
        | _PRODUCTS.c.pinyin_initials.like(bindparam("initials"))
        | _PRODUCTS.c.name.like(bindparam("pattern"), escape=_LIKE_ESCAPE),
    )
    .order_by(_PRODUCTS.c.code)
    .limit(bindparam("limit"))
)


def browse_products(
    session: Session,
    text: str = "",
    *,
    category: str | None = None,
    include_retired: bool = False,
    limit: int = BROWSE_LIMIT,
) -> list[ProductView]:
    """The products screen's list: what ``text`` finds (as the counter's search does, and
    retired products too when asked), or every product by code; narrowed to ``category``."""
    query = text.strip()
    wanted = select(_PRODUCTS.c.id).order_by(_PRODUCTS.c.code)
    if category is not None:
        wanted = wanted.join(_CATEGORIES, _PRODUCTS.c.category_id == _CATEGORIES.c.id).where(
            _CATEGORIES.c.name == category
        )
    if query:
        ids = [p.id for p in search_products(session, query, limit)]
        if include_retired:
            key = unicodedata.normalize("NFKC", query).replace(" ", "").lower()
            ids += session.execute(
                _RETIRED_MATCHES,
                {
                    "text": query,
                    "initials": f"%{key}%" if key.isascii() and key.isalnum() else "",
                    "pattern": f"%{_escape_like(query)}%",
                    "limit": limit,
                },
            ).scalars()
        views = _views(session, ids)
        return [v for v in views if category is None or v.category == category]
    if not include_retired:
        wanted = wanted.where(_PRODUCTS.c.active.is_(True))
    session.flush()
    return _views(session, list(session.execute(wanted.limit(limit)).scalars()))


# --- editing ------------------------------------------------------------------------------------


def check_amount(label: str, fen: int | None, max_fen: int, field: str | None = None) -> None:
    """Refuse a negative or too large price; ``label`` names the field (售价, 进价, 会员价)."""
    if fen is None:
        return
    if fen < 0:
        raise CatalogError("%1不能为负数", label, field=field)
    if fen > max_fen:
        raise CatalogError("%1过高，上限为 %2", label, format_yuan(max_fen), field=field)


def check_code(text: str, label: str = "条码", field: str | None = None) -> str:
    """A barcode or product code cleaned and checked, else a :class:`CatalogError` naming it."""
    try:
        return normalize_code(text)
    except BarcodeError as exc:
        if label == "条码":
            raise CatalogError(exc.template, *exc.values, field=field) from exc
        raise CatalogError("%1：%2", label, exc, field=field) from exc


def check_name(text: str, field: str | None = None) -> str:
    name = " ".join(text.split())
    if not name:
        raise CatalogError("请输入商品名称", field=field)
    if len(name) > MAX_NAME_LENGTH:
        raise CatalogError("商品名称过长（最多 %1 个字）", MAX_NAME_LENGTH, field=field)
    return name


def check_unit(text: str, field: str | None = None) -> str:
    unit = text.strip()
    if not unit:
        raise CatalogError("请输入单位", field=field)
    if len(unit) > MAX_UNIT_LENGTH:
        raise CatalogError("单位过长（最多 %1 个字）", MAX_UNIT_LENGTH, field=field)
    return unit


def _check_prices(data: ProductInput, max_price_fen: int) -> None:
    """A price above zero, a member price above zero and not above it, a cost not negative."""
    check_amount("售价", data.price_fen, max_price_fen, "price_fen")
    if data.price_fen == 0:
        raise CatalogError("售价须大于零", field="price_fen")
    check_amount("会员价", data.member_price_fen, max_price_fen, "member_price_fen")
    if data.member_price_fen is not None:
        if data.member_price_fen == 0:
            raise CatalogError("会员价须大于零；不设会员价请留空", field="member_price_fen")
        if data.member_price_fen > data.price_fen:
            raise CatalogError(
                "会员价 %1 不能高于售价 %2",
                format_yuan(data.member_price_fen),
                format_yuan(data.price_fen),
                field="member_price_fen",
            )
    check_amount("进价", data.cost_fen, max_price_fen, "cost_fen")


def _checked(data: ProductInput, max_price_fen: int) -> ProductInput:
    name = check_name(data.name, "name")
    code = check_code(data.code, "商品编码", "code") if data.code and data.code.strip() else None
    barcodes = tuple(check_code(b, field="barcodes") for b in data.barcodes)
    seen: set[str] = set()
    for barcode in barcodes:
        if barcode in seen:
            raise CatalogError("条码重复填写：%1", barcode, field="barcodes")
        seen.add(barcode)
    _check_prices(data, max_price_fen)
    unit = check_unit(data.unit, "unit")
    if data.by_weight and unit.lower() not in WEIGHT_UNITS:
        raise CatalogError(
            "称重商品的单位须为重量单位（kg、千克、公斤、斤、g、克），不能是“%1”",
            unit,
            field="unit",
        )
    if data.reorder_point_milli is not None and data.reorder_point_milli < 0:
        raise CatalogError("预警库存不能为负数", field="reorder_point_milli")
    category = data.category.strip() if data.category else None
    if category is not None and len(category) > MAX_CATEGORY_LENGTH:
        raise CatalogError("分类名称过长（最多 %1 个字）", MAX_CATEGORY_LENGTH, field="category")
    return dataclasses.replace(
        data, name=name, unit=unit, code=code, barcodes=barcodes, category=category or None
    )


def check_product(data: ProductInput, max_price_fen: int) -> ProductInput:
    """The product rules the products screen and the product import share, ``data`` cleaned:
    a name, a price above zero with a member price above zero and not above it, a cost not
    negative, barcodes with their GS1 check digit, a weighed product in a weight unit."""
    return _checked(data, max_price_fen)


def _check_barcodes_free(session: Session, barcodes: Sequence[str], product_id: str | None) -> None:
    if not barcodes:
        return
    taken = session.execute(
        select(BarcodeRow.barcode, ProductRow.name)
        .join(ProductRow, BarcodeRow.product_id == ProductRow.id)
        .where(BarcodeRow.barcode.in_(barcodes), BarcodeRow.product_id != (product_id or ""))
        .limit(1)
    ).first()
    if taken is not None:
        raise CatalogError("条码已被其他商品使用：%1（%2）", taken[0], taken[1], field="barcodes")


def _check_code_free(session: Session, code: str, product_id: str | None) -> None:
    taken = session.execute(
        select(ProductRow.id, ProductRow.name).where(ProductRow.code == code)
    ).first()
    if taken is not None and taken[0] != product_id:
        raise CatalogError("商品编码已被其他商品使用：%1（%2）", code, taken[1], field="code")


def format_generated_code(number: int) -> str:
    return f"{GENERATED_CODE_PREFIX}{number:0{GENERATED_CODE_DIGITS}d}"


def next_generated_code_number(session: Session) -> int:
    """The number after the highest ``P000123``-style code the shop already has."""
    pattern = GENERATED_CODE_PREFIX + "[0-9]" * GENERATED_CODE_DIGITS
    highest = session.scalar(
        select(func.max(ProductRow.code)).where(ProductRow.code.op("GLOB")(pattern))
    )
    return int(highest[len(GENERATED_CODE_PREFIX) :]) + 1 if highest else 1


def _new_code(session: Session, barcodes: Sequence[str]) -> str:
    if barcodes and _product_id_by_code(session, barcodes[0]) is None:
        return barcodes[0]
    number = next_generated_code_number(session)
    while _product_id_by_code(session, format_generated_code(number)) is not None:
        number += 1
    return format_generated_code(number)


def _category_id(session: Session, name: str | None) -> str | None:
    return ensure_category(session, name).id if name else None


def create_product(
    session: Session,
    data: ProductInput,
    *,
    opening_stock_milli: int = 0,
    actor_id: str | None = None,
    approver_id: str | None = None,
    max_price_fen: int = DEFAULT_MAX_PRICE_FEN,
) -> ProductView:
    """Add a product with its barcodes (and opening stock), refusing anything inconsistent."""
    clean = _checked(data, max_price_fen)
    _check_barcodes_free(session, clean.barcodes, None)
    if clean.code is not None:
        _check_code_free(session, clean.code, None)
    code = clean.code or _new_code(session, clean.barcodes)
    now = utcnow()
    row = ProductRow(
        id=new_id(),
        code=code,
        name=clean.name,
        pinyin_initials=pinyin_initials(clean.name),
        category_id=_category_id(session, clean.category),
        unit=clean.unit,
        price_fen=clean.price_fen,
        cost_fen=clean.cost_fen,
        member_price_fen=clean.member_price_fen,
        active=clean.active,
        track_stock=clean.track_stock,
        by_weight=clean.by_weight,
        stock_milli=0,
        stock_value_fen=0,
        reorder_point_milli=clean.reorder_point_milli,
        created_at=now,
        updated_at=now,
    )
    row.barcodes = [BarcodeRow(barcode=b, product_id=row.id) for b in clean.barcodes]
    session.add(row)
    session.flush()
    if opening_stock_milli:
        adjust_stock(session, row.id, opening_stock_milli, OPENING_STOCK_REASON)
    audit.record(
        session,
        "product.create",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={
            "code": code,
            "name": clean.name,
            "price_fen": clean.price_fen,
            "member_price_fen": clean.member_price_fen,
            "cost_fen": clean.cost_fen,
        },
    )
    return get_product(session, row.id)


def update_product(
    session: Session,
    product_id: str,
    data: ProductInput,
    *,
    actor_id: str | None = None,
    approver_id: str | None = None,
    max_price_fen: int = DEFAULT_MAX_PRICE_FEN,
) -> ProductView:
    """Replace a product's fields and barcode set; the audit entry names what changed."""
    row = session.get(ProductRow, product_id)
    if row is None:
        raise CatalogError("未找到该商品，可能已被删除")
    clean = _checked(data, max_price_fen)
    _check_barcodes_free(session, clean.barcodes, product_id)
    if clean.code is not None:
        _check_code_free(session, clean.code, product_id)
    before = get_product(session, product_id)
    row.code = clean.code or row.code
    if row.name != clean.name:
        row.name = clean.name
        row.pinyin_initials = pinyin_initials(clean.name)
    row.category_id = _category_id(session, clean.category)
    row.unit = clean.unit
    row.price_fen = clean.price_fen
    row.cost_fen = clean.cost_fen
    row.member_price_fen = clean.member_price_fen
    row.active = clean.active
    row.track_stock = clean.track_stock
    row.by_weight = clean.by_weight
    row.reorder_point_milli = clean.reorder_point_milli
    wanted, existing = set(clean.barcodes), set(before.barcodes)
    row.barcodes = [b for b in row.barcodes if b.barcode in wanted] + [
        BarcodeRow(barcode=b, product_id=row.id) for b in clean.barcodes if b not in existing
    ]
    row.updated_at = utcnow()
    session.flush()
    after = get_product(session, product_id)
    changes: dict[str, Any] = {
        field.name: [getattr(before, field.name), getattr(after, field.name)]
        for field in dataclasses.fields(ProductView)
        if getattr(before, field.name) != getattr(after, field.name)
    }
    if changes:
        audit.record(
            session,
            "product.update",
            actor_id=actor_id,
            approver_id=approver_id,
            subject_id=product_id,
            detail={
                k: [list(v) if isinstance(v, tuple) else v for v in pair]
                for k, pair in changes.items()
            },
        )
    return after


def set_product_active(
    session: Session,
    product_id: str,
    active: bool,
    *,
    actor_id: str | None = None,
    approver_id: str | None = None,
) -> ProductView:
    """Retire a product (it no longer scans nor shows in search) or bring it back.

    Nothing else changes: its past sales, reports and refunds keep pointing at the same row.
    """
    row = session.get(ProductRow, product_id)
    if row is None:
        raise CatalogError("未找到该商品，可能已被删除")
    if row.active != active:
        row.active = active
        row.updated_at = utcnow()
        session.flush()
        audit.record(
            session,
            "product.restore" if active else "product.retire",
            actor_id=actor_id,
            approver_id=approver_id,
            subject_id=product_id,
            detail={"code": row.code, "name": row.name},
        )
    return get_product(session, product_id)


def price_history(session: Session, product_id: str) -> list[PriceChange]:
    """Every change of the product's price, member price and cost, newest first, from the audit
    log (the product's creation sets them first)."""
    actor = StaffRow.__table__.alias("actor")
    approver = StaffRow.__table__.alias("approver")
    rows = session.execute(
        select(AuditRow.at, AuditRow.action, AuditRow.detail, actor.c.name, approver.c.name)
        .outerjoin(actor, actor.c.id == AuditRow.actor_id)
        .outerjoin(approver, approver.c.id == AuditRow.approver_id)
        .where(AuditRow.action.in_(PRICE_AUDIT_ACTIONS), AuditRow.subject_id == product_id)
        .order_by(AuditRow.seq.desc())
    ).all()
    changes: list[PriceChange] = []
    for at, action, detail, actor_name, approver_name in rows:
        values = json.loads(detail)
        for field in PRICE_FIELDS:
            if field not in values:
                continue
            if action == "product.create":
                old, new = None, values[field]
                if new is None:
                    continue
            else:
                old, new = values[field]
            changes.append(PriceChange(at, field, old, new, actor_name, approver_name))
    return changes


def check_approver(session: Session, approver_id: str) -> None:
    """Products are changed in the name of an active manager or owner, as stored now."""
    row = session.get(StaffRow, approver_id)
    if row is None or not row.active or row.role not in (Role.MANAGER, Role.OWNER):
        name = row.name if row is not None else approver_id
        raise CatalogError("“%1”没有管理商品的权限", name)


# --- stock --------------------------------------------------------------------------------------


def adjust_stock(
    session: Session,
    product_id: str,
    delta_milli: int,
    reason: str,
    order_id: str | None = None,
    *,
    value_fen: int | None = None,
    document_id: str | None = None,
    actor_id: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Record a stock move and update the cached stock and its value in the caller's
    transaction; the new stock.

    ``value_fen`` is the move's signed change of the stock's value at cost; left out, the goods
    move at the moving average (``app.pos.stock_cost.value_at_average``).
    """
    if delta_milli == 0:
        raise CatalogError("库存变动数量不能为零")
    clean_reason = reason.strip()
    if not clean_reason or len(clean_reason) > MAX_REASON_LENGTH:
        raise CatalogError("库存变动须注明原因（最多 %1 个字）", MAX_REASON_LENGTH)
    row = session.get(ProductRow, product_id)
    if row is None:
        raise CatalogError("未找到该商品，可能已被删除")
    if value_fen is None:
        value = value_at_average(
            abs(delta_milli), row.stock_milli, row.stock_value_fen, row.cost_fen
        )
        value_fen = value if delta_milli > 0 else -value
    session.add(
        StockMoveRow(
            id=new_id(),
            product_id=product_id,
            delta_milli=delta_milli,
            value_fen=value_fen,
            reason=clean_reason,
            order_id=order_id,
            document_id=document_id,
            actor_id=actor_id,
            created_at=at or utcnow(),
        )
    )
    row.stock_milli += delta_milli
    row.stock_value_fen += value_fen
    return row.stock_milli


_STOCK_MOVES = Base.metadata.tables[StockMoveRow.__tablename__]

# Plain SQL with plain values: run for every line of every sale.
_SELL_FROM_STOCK = (
    f"UPDATE {ProductRow.__tablename__} SET stock_milli = stock_milli - ?,"
    " stock_value_fen = stock_value_fen - ? WHERE id = ? AND active"
)
_STOCK_STATE = (
    f"SELECT id, stock_milli, stock_value_fen, cost_fen, track_stock"
    f" FROM {ProductRow.__tablename__} WHERE id IN (%s)"
)
_INACTIVE = select(_PRODUCTS.c.name).where(
    _PRODUCTS.c.id.in_(bindparam("ids", expanding=True)), _PRODUCTS.c.active.is_(False)
)


def sale_costs(session: Session, items: Sequence[tuple[str, int]]) -> list[int]:
    """What each of a sale's lines (product id, quantity) costs at the moving average, in the
    lines' order: a product on two lines takes the second from what the first left."""
    ids = list(dict.fromkeys(p for p, _ in items))
    state = {
        row[0]: [row[1], row[2], row[3], bool(row[4])]
        for row in session.connection().exec_driver_sql(
            _STOCK_STATE % ",".join("?" * len(ids)), tuple(ids)
        )
    }
    costs: list[int] = []
    for product_id, qty in items:
        held = state.get(product_id)
        if held is None:  # gone: sell_from_stock refuses the sale
            costs.append(0)
            continue
        stock, value, cost_fen, tracked = held
        if not tracked:
            costs.append(line_cost(cost_fen or 0, qty))
            continue
        cost = value_at_average(qty, stock, value, cost_fen)
        held[0], held[1] = stock - qty, value - cost
        costs.append(cost)
    return costs


def sell_from_stock(
    session: Session,
    items: Sequence[tuple[str, int, bool]],
    costs: Sequence[int],
    order_id: str,
    at: dt.datetime,
) -> None:
    """Take a sale's lines (product id, quantity sold, stock tracked) and their costs (from
    :func:`sale_costs`) out of stock and its value.

    The same statement proves every product is still on sale: a product switched off while it
    sat in the cart matches no row, and the sale is refused (the caller's transaction rolls back).
    """
    connection = session.connection()
    matched = connection.exec_driver_sql(
        _SELL_FROM_STOCK,
        [
            (qty, cost, p) if tracked else (0, 0, p)
            for (p, qty, tracked), cost in zip(items, costs, strict=True)
        ],
    ).rowcount
    if matched != len(items):
        names = connection.execute(_INACTIVE, {"ids": [p for p, _, _ in items]}).scalars().all()
        raise CatalogError("“%1”已停售，请从购物车删除", "、".join(names) or "商品")
    moves = [
        {
            "id": new_id(),
            "product_id": p,
            "delta_milli": -qty,
            "value_fen": -cost,
            "reason": "sale",
            "order_id": order_id,
            "document_id": None,
            "actor_id": None,
            "created_at": at,
        }
        for (p, qty, tracked), cost in zip(items, costs, strict=True)
        if tracked
    ]
    if moves:
        connection.execute(_STOCK_MOVES.insert(), moves)
