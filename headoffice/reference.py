"""What the head office sets for its counters: card types, bonus and points rules, the catalogue
with its prices, and the offline limits; kept as the JSON a pull sends (``ho_reference``).

How they get here (the office's command line, ``headoffice.cli``):
- ``import-rules PATH``: card types, top-up bonus rules and points rules as JSON, the shape the
  owner's counter writes with ``python main.py export-rules`` (the owner keeps setting them up
  on the screens they know; ids are the counter's, so that counter finds its own types again);
- ``import-products PATH [--store CODE]``: the catalogue as the counters' product CSV (the
  ``export-products`` columns); with ``--store`` only that store's prices of products the chain
  already has;
- ``set-limits [--store CODE] ...``: the offline limits, the chain's or one store's.

What it guarantees: a file with one bad entry writes nothing (the whole file is one transaction)
and says which entry and why; every change writes a change-log row in the same transaction, so
the next pull of every store concerned brings it (``headoffice.pull``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import os_error_words
from app.money import MoneyError, parse_amount
from app.storage.base import utcnow
from app.storage.text_files import TextFileError, csv_records, decode_strictly
from app.sync.protocol import (
    BonusRuleDoc,
    CardTypeDoc,
    OfflineLimits,
    PointsRulesDoc,
    ProductDoc,
    ProtocolError,
    from_json,
    to_json,
)
from headoffice.ledgers import note_change
from headoffice.models import ReferenceRow, StoreRow

KIND_CARD_TYPE = "card_type"
KIND_BONUS_RULE = "bonus_rule"
KIND_POINTS_RULES = "points_rules"
KIND_PRODUCT = "product"
KIND_LIMITS = "limits"
KINDS = frozenset({KIND_CARD_TYPE, KIND_BONUS_RULE, KIND_POINTS_RULES, KIND_PRODUCT, KIND_LIMITS})
#: The key of the one points-rules row and of each limits row.
SINGLE_KEY = "all"
CHAIN = ""
POINTS_EXPIRY = frozenset({"never", "year_end", "months"})
MAX_PRICE_FEN = 10_000_000_00
MAX_LIMIT_FEN = 10_000_000_00
#: Until the office sets limits: the counters' own ``[headoffice]`` defaults apply; these are
#: what ``set-limits`` starts from.
DEFAULT_LIMITS = OfflineLimits(200_00, 500_00, 5_000_00, 72)

T = TypeVar("T")


class SettingRefused(Exception):
    """A file or a setting refused, said plainly (nothing was written)."""


# --- writing ------------------------------------------------------------------------------------


def _put(session: Session, kind: str, key: str, store_code: str, body: object) -> bool:
    """Keep ``body`` (a protocol dataclass or a dict); a change row only when it changed."""
    text = json.dumps(
        body if isinstance(body, dict) else to_json(body), ensure_ascii=False, sort_keys=True
    )
    row = session.get(ReferenceRow, (kind, key, store_code))
    if row is not None and row.body == text:
        return False
    if row is None:
        session.add(
            ReferenceRow(kind=kind, key=key, store_code=store_code, body=text, updated_at=utcnow())
        )
    else:
        row.body = text
        row.updated_at = utcnow()
    note_change(session, kind, key, store_code or None)
    return True


def _read(cls: type[T], data: object, where: str) -> T:
    try:
        return from_json(cls, data)
    except ProtocolError as exc:
        raise SettingRefused(f"{where}：{exc}") from None


def _check(ok: bool, where: str, why: str) -> None:
    if not ok:
        raise SettingRefused(f"{where}：{why}")


@dataclasses.dataclass(frozen=True)
class RulesImported:
    card_types: int
    bonus_rules: int
    points_rules: bool
    changed: int


def import_rules(session: Session, data: object) -> RulesImported:
    """Card types, bonus rules and points rules: the decoded JSON of an ``export-rules`` file."""
    _check(isinstance(data, dict), "文件", "应为一个 JSON 对象")
    assert isinstance(data, dict)
    types = [
        _card_type(_read(CardTypeDoc, item, f"card_types 第 {n} 项"), n)
        for n, item in enumerate(_list(data, "card_types"), 1)
    ]
    _check(
        len({t.name for t in types}) == len(types) and len({t.rank for t in types}) == len(types),
        "card_types",
        "卡类型的名称和等级不能重复",
    )
    known_types = {t.id for t in types} | _kept_keys(session, KIND_CARD_TYPE)
    rules = [
        _bonus_rule(_read(BonusRuleDoc, item, f"bonus_rules 第 {n} 项"), n, known_types)
        for n, item in enumerate(_list(data, "bonus_rules"), 1)
    ]
    points: PointsRulesDoc | None = None
    if data.get("points_rules") is not None:
        points = _read(PointsRulesDoc, data["points_rules"], "points_rules")
        _check(points.points_expiry in POINTS_EXPIRY, "points_rules", "积分有效期方式不正确")
        _check(points.points_expiry_months > 0, "points_rules", "积分有效月数必须大于零")
    changed = sum(_put(session, KIND_CARD_TYPE, t.id, CHAIN, t) for t in types)
    changed += sum(_put(session, KIND_BONUS_RULE, r.id, CHAIN, r) for r in rules)
    if points is not None:
        changed += _put(session, KIND_POINTS_RULES, SINGLE_KEY, CHAIN, points)
    return RulesImported(len(types), len(rules), points is not None, changed)


def _list(data: Mapping[str, Any], key: str) -> list[object]:
    value = data.get(key, [])
    _check(isinstance(value, list), key, "应为列表")
    return list(value)


def _card_type(doc: CardTypeDoc, n: int) -> CardTypeDoc:
    where = f"card_types 第 {n} 项"
    _check(bool(doc.id.strip()) and len(doc.id) <= 36, where, "id 不正确")
    _check(0 < len(doc.name.strip()) <= 20, where, "名称应为 1 到 20 个字")
    _check(0 <= doc.discount_bp <= 10_000, where, "折扣应在 0 到 10000 之间")
    _check(doc.points_den > 0 and doc.value_den > 0, where, "积分比例的分母必须大于零")
    _check(doc.points_num >= 0 and doc.value_num >= 0, where, "积分比例不能为负")
    _check(min(doc.gift_points, doc.gift_bonus_fen, doc.fee_fen) >= 0, where, "金额不能为负")
    return doc


def _bonus_rule(doc: BonusRuleDoc, n: int, card_types: set[str]) -> BonusRuleDoc:
    where = f"bonus_rules 第 {n} 项"
    _check(bool(doc.id.strip()) and len(doc.id) <= 36, where, "id 不正确")
    _check(doc.min_top_up_fen > 0 and doc.bonus_fen > 0, where, "充值额和赠送额必须大于零")
    for day in (doc.valid_from, doc.valid_to):
        if day is not None:
            try:
                dt.date.fromisoformat(day)
            except ValueError:
                raise SettingRefused(f"{where}：日期须为 YYYY-MM-DD：{day}") from None
    _check(
        doc.card_type_id is None or doc.card_type_id in card_types,
        where,
        f"没有这个卡类型：{doc.card_type_id}",
    )
    return doc


def _kept_keys(session: Session, kind: str) -> set[str]:
    return set(
        session.scalars(
            select(ReferenceRow.key).where(
                ReferenceRow.kind == kind, ReferenceRow.store_code == CHAIN
            )
        )
    )


# --- the catalogue ------------------------------------------------------------------------------

#: The counters' product CSV columns (``app.pos.catalog_io``), English or Chinese headers.
_HEADERS = {
    "barcode": "barcode",
    "条码": "barcode",
    "name": "name",
    "名称": "name",
    "category": "category",
    "分类": "category",
    "price": "price",
    "售价": "price",
    "unit": "unit",
    "单位": "unit",
    "member_price": "member_price",
    "会员价": "member_price",
    "code": "code",
    "编码": "code",
    "active": "active",
    "在售": "active",
}


@dataclasses.dataclass(frozen=True)
class ProductsImported:
    products: int
    changed: int


def import_products(session: Session, path: Path, store_code: str = CHAIN) -> ProductsImported:
    """The chain's catalogue (or, with ``store_code``, that store's own prices) from a CSV."""
    if store_code:
        _check(session.get(StoreRow, store_code) is not None, "门店", f"没有这个门店：{store_code}")
    try:  # read as the counters read a shop's CSV: UTF-8 or GBK (Excel's), never a guess
        records = list(csv_records(decode_strictly(path.read_bytes())))
    except OSError as exc:
        raise SettingRefused(f"无法读取 {path}：{os_error_words(exc)}") from None
    except TextFileError as exc:
        raise SettingRefused(f"{path}：{exc}") from None
    _check(bool(records), str(path), "文件是空的")
    columns = {_HEADERS.get(h.strip()): i for i, h in enumerate(records[0][1])}
    _check({"code", "name", "price"} <= columns.keys(), str(path), "须有 code、name、price 列")
    products: dict[str, ProductDoc] = {}
    for line, record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue
        doc = _product_row(record, columns, f"第 {line} 行")
        known = products.get(doc.code)
        if known is not None:  # one row per barcode, as the counters export
            doc = dataclasses.replace(doc, barcodes=sorted({*known.barcodes, *doc.barcodes}))
        products[doc.code] = doc
    if not store_code:
        changed = sum(_put(session, KIND_PRODUCT, c, CHAIN, d) for c, d in products.items())
        return ProductsImported(len(products), changed)
    chain = _kept_keys(session, KIND_PRODUCT)
    missing = sorted(set(products) - chain)
    _check(not missing, str(path), f"总部商品中没有这些编码：{'、'.join(missing[:5])}")
    changed = sum(
        _put(session, KIND_PRODUCT, code, store_code, _store_price(doc))
        for code, doc in products.items()
    )
    return ProductsImported(len(products), changed)


def _store_price(doc: ProductDoc) -> dict[str, int | None]:
    return {"price_fen": doc.price_fen, "member_price_fen": doc.member_price_fen}


def _product_row(
    record: Sequence[str], columns: Mapping[str | None, int], where: str
) -> ProductDoc:
    def cell(name: str) -> str:
        index = columns.get(name)
        return record[index].strip() if index is not None and index < len(record) else ""

    code, name = cell("code"), cell("name")
    _check(0 < len(code) <= 32, where, "编码应为 1 到 32 个字符")
    _check(0 < len(name) <= 80, where, "名称应为 1 到 80 个字")
    try:
        price = parse_amount(cell("price"), max_fen=MAX_PRICE_FEN)
        member = cell("member_price")
        member_price = parse_amount(member, max_fen=MAX_PRICE_FEN) if member else None
    except MoneyError as exc:
        raise SettingRefused(f"{where}：{exc}") from None
    active = cell("active").lower() not in ("0", "false", "no", "否", "停售")
    barcode = cell("barcode")
    return ProductDoc(
        code=code,
        name=name,
        category=cell("category") or None,
        unit=cell("unit")[:8] or "个",
        price_fen=price,
        member_price_fen=member_price,
        barcodes=[barcode] if barcode else [],
        active=active,
    )


# --- limits -------------------------------------------------------------------------------------


def set_limits(session: Session, limits: OfflineLimits, store_code: str = CHAIN) -> bool:
    if store_code:
        _check(session.get(StoreRow, store_code) is not None, "门店", f"没有这个门店：{store_code}")
    for value in (limits.per_sale_fen, limits.per_day_fen, limits.store_budget_fen):
        _check(0 <= value <= MAX_LIMIT_FEN, "离线限额", "金额应在 0 到一千万元之间")
    _check(
        0 <= limits.snapshot_hours <= 24 * 365, "离线限额", "资料有效时长应在 0 到 8760 小时之间"
    )
    return _put(session, KIND_LIMITS, SINGLE_KEY, store_code, limits)


def limits_for(session: Session, store_code: str) -> OfflineLimits | None:
    rows = _rows(session, KIND_LIMITS, [SINGLE_KEY], store_code)
    body = rows.get((SINGLE_KEY, store_code)) or rows.get((SINGLE_KEY, CHAIN))
    return None if body is None else from_json(OfflineLimits, json.loads(body))


# --- reading for a pull -------------------------------------------------------------------------


@dataclasses.dataclass
class Docs:
    card_types: list[CardTypeDoc] = dataclasses.field(default_factory=list)
    bonus_rules: list[BonusRuleDoc] = dataclasses.field(default_factory=list)
    points_rules: PointsRulesDoc | None = None
    products: list[ProductDoc] = dataclasses.field(default_factory=list)
    limits: OfflineLimits | None = None


def _rows(
    session: Session, kind: str, keys: Iterable[str], store_code: str
) -> dict[tuple[str, str], str]:
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    found: dict[tuple[str, str], str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(ReferenceRow.key, ReferenceRow.store_code, ReferenceRow.body).where(
            ReferenceRow.kind == kind,
            ReferenceRow.key.in_(chunk),
            ReferenceRow.store_code.in_([CHAIN, store_code]),
        )
        for key, store, body in session.execute(query).tuples():
            found[(key, store)] = body
    return found


def docs_for(session: Session, store_code: str, changed: Iterable[tuple[str, str]]) -> Docs:
    """What ``store_code`` is sent for the changed (kind, key) pairs, as they are now: a store's
    own price over the chain's."""
    keys: dict[str, list[str]] = {}
    for kind, key in changed:
        keys.setdefault(kind, []).append(key)
    docs = Docs()
    type_keys = list(dict.fromkeys(keys.get(KIND_CARD_TYPE, [])))
    rows = _rows(session, KIND_CARD_TYPE, type_keys, CHAIN)
    docs.card_types = [
        from_json(CardTypeDoc, json.loads(rows[(key, CHAIN)]))
        for key in type_keys
        if (key, CHAIN) in rows
    ]
    rule_keys = list(dict.fromkeys(keys.get(KIND_BONUS_RULE, [])))
    rows = _rows(session, KIND_BONUS_RULE, rule_keys, CHAIN)
    docs.bonus_rules = [
        from_json(BonusRuleDoc, json.loads(rows[(key, CHAIN)]))
        for key in rule_keys
        if (key, CHAIN) in rows
    ]
    if keys.get(KIND_POINTS_RULES):
        body = _rows(session, KIND_POINTS_RULES, [SINGLE_KEY], CHAIN).get((SINGLE_KEY, CHAIN))
        docs.points_rules = None if body is None else from_json(PointsRulesDoc, json.loads(body))
    codes = keys.get(KIND_PRODUCT, [])
    rows = _rows(session, KIND_PRODUCT, codes, store_code)
    for code in dict.fromkeys(codes):
        body = rows.get((code, CHAIN))
        if body is None:
            continue
        data = json.loads(body)
        own = rows.get((code, store_code)) if store_code else None
        if own is not None:
            data.update(json.loads(own))
        docs.products.append(from_json(ProductDoc, data))
    if keys.get(KIND_LIMITS):
        docs.limits = limits_for(session, store_code)
    return docs
