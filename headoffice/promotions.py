"""Promotions the head office sets: the chain's, or one store's, sent to the counters by pulls.

How they get here: ``python main.py headoffice import-promotions PATH [--store CODE]`` reads the
JSON a counter writes with ``python main.py export-promotions`` (the owner sets the rules up on
the counter's own screen, then hands them to the chain). Without ``--store`` the rules are the
chain's: every store's next pull brings them; with it, only that store's. ``headoffice
retire-promotion ID`` ends one (or a file that marks it ``retired``, as a counter exports a rule
its manager retired).

What it guarantees:
- A file with one bad rule writes nothing (one transaction) and says which rule and why. The
  rules are checked by the counter's own rule checks (``app.pos.promotion_rules.check_rule``,
  pure domain), so what the office takes, every counter can price.
- A rule belongs to one scope: an id held by the chain cannot be imported for a store, nor the
  other way round (each store would otherwise get two versions of one rule).
- Every change (new terms, a retirement) writes a change-log row in the same transaction, for
  the chain (every store) or for the one store; an unchanged rule writes nothing, so importing
  a file again moves no cursor.
- A retired rule stays retired: a file cannot bring it back (the counters have retired it).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.pos.promotion_rules import check_rule, rule_from_dict
from app.storage.base import utcnow
from app.sync.protocol import PromotionDoc, ProtocolError, from_json, to_json
from headoffice.ledgers import note_change
from headoffice.models import PromotionRow, StoreRow
from headoffice.reference import CHAIN, SettingRefused

KIND_PROMOTION = "promotion"
ID_LENGTH = 36


@dataclasses.dataclass(frozen=True)
class PromotionsImported:
    promotions: int
    retired: int
    changed: int


def _refuse(where: str, why: str) -> SettingRefused:
    return SettingRefused(f"{where}：{why}")


def _doc(item: object, n: int) -> PromotionDoc:
    """One entry of the file read and checked as a counter would price it."""
    where = f"promotions 第 {n} 项"
    try:
        doc = from_json(PromotionDoc, item)
    except ProtocolError as exc:
        raise _refuse(where, str(exc)) from None
    if not doc.id.strip() or len(doc.id) > ID_LENGTH:
        raise _refuse(where, "id 不正确")
    try:
        rule = rule_from_dict(doc.terms | {"id": doc.id, "name": doc.name, "kind": doc.kind})
    except (KeyError, TypeError, ValueError) as exc:
        raise _refuse(f"{where}（{doc.name}）", f"条款不正确：{exc}") from None
    try:
        check_rule(rule)
    except KnownError as exc:
        raise _refuse(f"{where}（{doc.name}）", str(exc)) from None
    return doc


def import_promotions(
    session: Session, data: object, store_code: str = CHAIN
) -> PromotionsImported:
    """The decoded JSON of an ``export-promotions`` file, for the chain or for ``store_code``."""
    if store_code and session.get(StoreRow, store_code) is None:
        raise _refuse("门店", f"没有这个门店：{store_code}")
    if not isinstance(data, dict) or not isinstance(data.get("promotions"), list):
        raise _refuse("文件", "应为一个含 promotions 列表的 JSON 对象")
    docs = [_doc(item, n) for n, item in enumerate(data["promotions"], 1)]
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise _refuse("promotions", "同一个促销 id 出现了两次")
    changed = 0
    for doc in docs:
        changed += _put(session, doc, store_code)
    return PromotionsImported(len(docs), sum(d.retired for d in docs), changed)


def _put(session: Session, doc: PromotionDoc, store_code: str) -> bool:
    row = session.get(PromotionRow, doc.id)
    if row is not None and row.store_code != store_code:
        held = f"门店 {row.store_code}" if row.store_code else "全连锁"
        raise _refuse(f"促销“{doc.name}”", f"已是{held}的促销，不能改为另一范围")
    if row is not None and row.retired_at is not None and not doc.retired:
        raise _refuse(f"促销“{doc.name}”", "已停用，不能再启用：请新建一条")
    body = json.dumps(to_json(doc), ensure_ascii=False, sort_keys=True)
    if row is not None and row.body == body:
        return False
    now = utcnow()
    if row is None:
        row = PromotionRow(id=doc.id, store_code=store_code)
        session.add(row)
    row.name = doc.name.strip()
    row.kind = doc.kind
    row.body = body
    row.updated_at = now
    if doc.retired and row.retired_at is None:
        row.retired_at = now
    note_change(session, KIND_PROMOTION, doc.id, store_code or None)
    return True


def retire_promotion(session: Session, promotion_id: str) -> PromotionRow:
    """End a rule at every counter that has it (their next pull retires their copy)."""
    row = session.get(PromotionRow, promotion_id)
    if row is None:
        raise _refuse("促销", f"没有这个促销：{promotion_id}")
    if row.retired_at is not None:
        raise _refuse(f"促销“{row.name}”", "已停用")
    doc = dataclasses.replace(from_json(PromotionDoc, json.loads(row.body)), retired=True)
    row.body = json.dumps(to_json(doc), ensure_ascii=False, sort_keys=True)
    row.retired_at = row.updated_at = utcnow()
    note_change(session, KIND_PROMOTION, row.id, row.store_code or None)
    return row


def promotions_for(session: Session, store_code: str, ids: Iterable[str]) -> list[PromotionDoc]:
    """The changed rules as they are now, the chain's and this store's only."""
    wanted: Sequence[str] = list(dict.fromkeys(ids))
    found: list[PromotionDoc] = []
    for start in range(0, len(wanted), 500):
        rows = session.scalars(
            select(PromotionRow).where(
                PromotionRow.id.in_(wanted[start : start + 500]),
                PromotionRow.store_code.in_([CHAIN, store_code]),
            )
        )
        found.extend(from_json(PromotionDoc, json.loads(row.body)) for row in rows)
    return found
