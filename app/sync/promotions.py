"""Promotions between this counter and the head office: this counter's own rules written for the
office (``export-promotions``), and the office's rules a pull brings, applied here.

What it guarantees:
- Goods travel by the names every counter shares: products by code, categories by name (their
  ids are each counter's own); card types by the head office's id, found here through the card
  type aliases of ``app.sync.reference``.
- A pulled rule is kept with the id the office sent and marked as the office's
  (``origin = headoffice``): a manager here sees it and cannot change or retire it; their own
  rules are untouched. The counter that made a rule (the owner's, which exported it) keeps it as
  its own and goes on changing it there; only a retirement from the office reaches it.
- Applying the same page twice changes nothing the second time (a rule whose terms and state
  are unchanged is not written, audited or re-read).
- A pulled rule that cannot be priced here (none of its products are sold here, its gift is not
  stocked here) is left out and logged, never half applied; a retirement retires it here.
- Every change is in the page's one transaction (``app.sync.reference.apply_page``) with an
  audit line, and marks the promotions changed so the open counter loads them again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.pos.promotion_rules import Promotion, check_rule, rule_from_dict, rule_to_dict
from app.pos.promotions import note_rules_changed
from app.storage import audit
from app.storage.base import utcnow
from app.storage.member_models import CouponTemplateRow
from app.storage.models import CategoryRow, ProductRow
from app.storage.promotion_models import ORIGIN_HEAD_OFFICE, ORIGIN_LOCAL, PromotionRow
from app.sync.protocol import PromotionDoc, to_json

log = logging.getLogger(__name__)

#: The terms naming products (by id here, by code on the wire) and categories (by name).
PRODUCT_TERMS = ("product_ids", "excluded_product_ids", "gift_product_ids")
CATEGORY_TERMS = ("category_ids", "excluded_category_ids")
#: Terms the wire carries in the document itself.
OWN_FIELDS = ("id", "name", "kind", "retired")


def _products(session: Session, ids: Iterable[str], *, by_code: bool) -> dict[str, str]:
    """Product id to code (``by_code`` False) or code to id."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    key, value = (ProductRow.code, ProductRow.id) if by_code else (ProductRow.id, ProductRow.code)
    return dict(session.execute(select(key, value).where(key.in_(wanted))).tuples().all())


def _categories(session: Session, ids: Iterable[str], *, by_name: bool) -> dict[str, str]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    key, value = (
        (CategoryRow.name, CategoryRow.id) if by_name else (CategoryRow.id, CategoryRow.name)
    )
    return dict(session.execute(select(key, value).where(key.in_(wanted))).tuples().all())


def _translated(
    terms: dict[str, Any], products: dict[str, str], categories: dict[str, str]
) -> dict[str, Any]:
    """The goods of ``terms`` renamed through the two maps; names with no match are dropped."""
    out = dict(terms)
    for key in PRODUCT_TERMS:
        out[key] = [products[v] for v in terms.get(key, ()) if v in products]
    for key in CATEGORY_TERMS:
        out[key] = sorted(categories[v] for v in terms.get(key, ()) if v in categories)
    return out


# -- export for the head office ------------------------------------------------------------------


def export_promotions(session: Session) -> dict[str, Any]:
    """This counter's own rules (retired ones too, so the office retires them), as the head
    office's ``import-promotions`` reads them."""
    rows = session.scalars(
        select(PromotionRow)
        .where(PromotionRow.origin == ORIGIN_LOCAL)
        .order_by(PromotionRow.starts_on, PromotionRow.name)
    ).all()
    rules = [rule_to_dict(rule_from_dict(json.loads(row.terms))) for row in rows]
    products = _products(
        session, (v for r in rules for k in PRODUCT_TERMS for v in r[k]), by_code=False
    )
    categories = _categories(
        session, (v for r in rules for k in CATEGORY_TERMS for v in r[k]), by_name=False
    )
    docs = []
    for row, terms in zip(rows, rules, strict=True):
        wire = _translated(terms, products, categories)
        for key in OWN_FIELDS:
            wire.pop(key, None)
        docs.append(
            to_json(PromotionDoc(row.id, row.name, row.kind, wire, row.retired_at is not None))
        )
    return {"promotions": docs}


# -- applying a pull -----------------------------------------------------------------------------


def apply_promotions(
    session: Session, docs: Sequence[PromotionDoc], card_types: dict[str, str | None]
) -> int:
    """The head office's rules of a page, applied in the page's transaction; how many changed.
    ``card_types`` maps the office's card type ids to this counter's (None: not here)."""
    if not docs:
        return 0
    products = _products(
        session, (v for d in docs for k in PRODUCT_TERMS for v in d.terms.get(k, ())), by_code=True
    )
    categories = _categories(
        session, (v for d in docs for k in CATEGORY_TERMS for v in d.terms.get(k, ())), by_name=True
    )
    changed = sum(_apply(session, doc, products, categories, card_types) for doc in docs)
    if changed:
        note_rules_changed(session)
    return changed


def _local_rule(
    session: Session,
    doc: PromotionDoc,
    products: dict[str, str],
    categories: dict[str, str],
    card_types: dict[str, str | None],
) -> Promotion:
    terms = _translated(doc.terms, products, categories)
    terms["card_type_ids"] = sorted(
        t for t in (card_types.get(v) for v in doc.terms.get("card_type_ids", ())) if t
    )
    template = terms.get("signup_coupon_template_id")
    if template and session.get(CouponTemplateRow, template) is None:
        terms["signup_coupon_template_id"] = None
    terms |= {"id": doc.id, "name": doc.name, "kind": doc.kind, "retired": False}
    return rule_from_dict(terms)


def _apply(
    session: Session,
    doc: PromotionDoc,
    products: dict[str, str],
    categories: dict[str, str],
    card_types: dict[str, str | None],
) -> bool:
    row = session.get(PromotionRow, doc.id)
    if row is not None and row.origin == ORIGIN_LOCAL:  # made here: this counter is its author
        if not doc.retired or row.retired_at is not None:
            return False
        row.retired_at = utcnow()
        audit.record(
            session,
            "promotion.synced",
            actor_id=None,
            subject_id=doc.id,
            detail={"name": row.name, "kind": row.kind, "retired": True},
        )
        return True
    try:
        rule = _local_rule(session, doc, products, categories, card_types)
        check_rule(rule)
    except (KnownError, KeyError, TypeError, ValueError) as exc:
        log.warning("promotion %s from the head office left out here: %s", doc.id, exc)
        if row is None or row.retired_at is not None:
            return False
        rule = rule_from_dict(json.loads(row.terms))  # kept as it was, retired below
        doc = PromotionDoc(doc.id, doc.name, doc.kind, doc.terms, retired=True)
    terms = json.dumps(rule_to_dict(rule), ensure_ascii=False, sort_keys=True)
    retired = doc.retired or (row is not None and row.retired_at is not None)
    if row is not None and row.terms == terms and (row.retired_at is not None) == retired:
        return False
    now = utcnow()
    if row is None:
        row = PromotionRow(id=doc.id, created_at=now)
        session.add(row)
    row.name = rule.name.strip()
    row.kind = rule.kind.value
    row.terms = terms
    row.starts_on = rule.starts_on
    row.ends_on = rule.ends_on
    row.origin = ORIGIN_HEAD_OFFICE
    row.updated_at = now
    if retired and row.retired_at is None:
        row.retired_at = now
    session.flush()
    audit.record(
        session,
        "promotion.synced",
        actor_id=None,
        subject_id=doc.id,
        detail={"name": row.name, "kind": row.kind, "retired": retired},
    )
    return True
