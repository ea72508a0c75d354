"""What the head office sets for the chain, applied here: card types, top-up bonus rules, points
rules, the catalogue with this store's prices, and the offline limits.

What it guarantees:
- A pulled page's rules, products and limits are written with the pull cursor in one short
  transaction (:func:`apply_page`): a counter stopped half way pulls the page again, and
  applying it twice changes nothing the second time.
- Card types keep the id the head office sends (the owner's counter made them); a card type of
  this counter with the same name is updated in place and keeps its own id, the head office's
  id then found through an alias, so members and bonus rules of that type land on it. A card
  type whose rank another local type holds is left out (logged), never merged.
- Products are matched by code, then barcode, as the counter's own import does
  (``app.pos.catalog_io.apply_chain_products``); what the counter owns (cost, stock) is kept.
- Limits pulled from the head office replace ``[headoffice]``'s own offline limits.
- Promotions are applied by ``app.sync.promotions`` in the same transaction, after the card
  types and products they name.
- :func:`export_rules` writes this counter's card types and rules in the shape the head office's
  ``import-rules`` reads: the owner sets them up on the screens they know.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.config import HeadOfficeConfig
from app.members.settings import SETTINGS_KEY, load_settings
from app.pos.catalog_io import ChainProduct, apply_chain_products
from app.storage import audit
from app.storage.database import Database
from app.storage.member_models import BonusRuleRow, CardTypeRow
from app.storage.models import CounterStateRow
from app.sync import promotions, queue
from app.sync.protocol import (
    BonusRuleDoc,
    CardTypeDoc,
    OfflineLimits,
    PointsRulesDoc,
    ProductDoc,
    PullPage,
    from_json,
    to_json,
)

log = logging.getLogger(__name__)

LIMITS_KEY = "sync.limits"
ALIASES_KEY = "sync.card_type_aliases"
_CARD_TYPE_FIELDS = tuple(f.name for f in dataclasses.fields(CardTypeDoc) if f.name != "id")


@dataclasses.dataclass(frozen=True)
class RulesApplied:
    card_types: int = 0
    bonus_rules: int = 0
    points_rules: bool = False
    products: int = 0
    limits: bool = False
    promotions: int = 0


def apply_page(db: Database, page: PullPage) -> RulesApplied:
    """The page's rules, catalogue and limits, and its cursor, in one transaction."""
    with db.transaction() as session:
        aliases = _aliases(session)
        types = sum(_card_type(session, doc, aliases) for doc in page.card_types)
        rules = sum(_bonus_rule(session, doc, aliases) for doc in page.bonus_rules)
        if aliases != _aliases(session):
            queue.write_fact(session, ALIASES_KEY, json.dumps(aliases, sort_keys=True))
        if page.points_rules is not None:
            _points_rules(session, page.points_rules)
        products = _products(session, page.products)
        if page.limits is not None:
            queue.write_fact(session, LIMITS_KEY, json.dumps(to_json(page.limits)))
        named_types = {t for doc in page.promotions for t in doc.terms.get("card_type_ids", ())}
        offers = promotions.apply_promotions(
            session,
            page.promotions,
            {t: local_card_type_id(session, t) for t in named_types},
        )
        queue.write_fact(session, queue.CURSOR_KEY, page.next_cursor)
    return RulesApplied(
        types, rules, page.points_rules is not None, products, page.limits is not None, offers
    )


# --- card types and rules -----------------------------------------------------------------------


def _aliases(session: Session) -> dict[str, str]:
    value = queue.read_fact(session, ALIASES_KEY)
    return dict(json.loads(value)) if value else {}


def local_card_type_id(session: Session, card_type_id: str | None) -> str | None:
    """The card type here that the head office's id stands for (None: not here)."""
    if not card_type_id:
        return None
    if session.get(CardTypeRow, card_type_id) is not None:
        return card_type_id
    alias = _aliases(session).get(card_type_id)
    return alias if alias is not None and session.get(CardTypeRow, alias) is not None else None


def _card_type(session: Session, doc: CardTypeDoc, aliases: dict[str, str]) -> bool:
    values = {name: getattr(doc, name) for name in _CARD_TYPE_FIELDS}
    row = session.get(CardTypeRow, doc.id) or session.get(CardTypeRow, aliases.get(doc.id, ""))
    if row is None:
        row = session.scalar(select(CardTypeRow).where(CardTypeRow.name == doc.name))
        if row is not None:
            aliases[doc.id] = row.id
    own_id = row.id if row is not None else doc.id
    clash = session.scalar(
        select(CardTypeRow.id).where(
            (CardTypeRow.rank == doc.rank) | (CardTypeRow.name == doc.name),
            CardTypeRow.id != own_id,
        )
    )
    if clash is not None:
        log.warning("card type %s from the head office: rank or name held here", doc.id)
        return False
    if row is None:
        session.add(CardTypeRow(id=doc.id, **values))
    else:
        for name, value in values.items():
            setattr(row, name, value)
    session.flush()
    if doc.is_default:
        session.execute(
            update(CardTypeRow).where(CardTypeRow.id != own_id).values(is_default=False)
        )
    return True


def _bonus_rule(session: Session, doc: BonusRuleDoc, aliases: dict[str, str]) -> bool:
    card_type_id = None
    if doc.card_type_id is not None:
        card_type_id = (
            doc.card_type_id
            if session.get(CardTypeRow, doc.card_type_id) is not None
            else aliases.get(doc.card_type_id)
        )
        if card_type_id is None:
            log.warning("bonus rule %s: its card type is not here", doc.id)
            return False
    values: dict[str, Any] = {
        "min_top_up_fen": doc.min_top_up_fen,
        "bonus_fen": doc.bonus_fen,
        "valid_from": dt.date.fromisoformat(doc.valid_from) if doc.valid_from else None,
        "valid_to": dt.date.fromisoformat(doc.valid_to) if doc.valid_to else None,
        "card_type_id": card_type_id,
        "active": doc.active,
    }
    row = session.get(BonusRuleRow, doc.id)
    if row is None:
        session.add(BonusRuleRow(id=doc.id, **values))
    else:
        for name, value in values.items():
            setattr(row, name, value)
    return True


def _points_rules(session: Session, doc: PointsRulesDoc) -> None:
    settings = dataclasses.asdict(load_settings(session))
    settings.update(to_json(doc))
    value = json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str)
    row = session.get(CounterStateRow, SETTINGS_KEY)
    if row is not None and row.value == value:
        return
    if row is None:
        session.add(CounterStateRow(key=SETTINGS_KEY, value=value))
    else:
        row.value = value
    audit.record(session, "member.settings_synced", actor_id=None, detail=to_json(doc))


def _products(session: Session, docs: Sequence[ProductDoc]) -> int:
    if not docs:
        return 0
    return apply_chain_products(
        session,
        [
            ChainProduct(
                d.code,
                d.name,
                d.category,
                d.unit,
                d.price_fen,
                d.member_price_fen,
                tuple(d.barcodes),
                d.active,
            )
            for d in docs
        ],
    )


# --- limits -------------------------------------------------------------------------------------


def offline_limits(session: Session, config: HeadOfficeConfig) -> OfflineLimits:
    """The head office's limits once pulled, else ``[headoffice]``'s own."""
    value = queue.read_fact(session, LIMITS_KEY)
    if value:
        return from_json(OfflineLimits, json.loads(value))
    return OfflineLimits(
        config.offline_per_sale_fen,
        config.offline_per_day_fen,
        config.offline_store_budget_fen,
        config.offline_snapshot_hours,
    )


# --- export for the head office -----------------------------------------------------------------


def export_rules(session: Session) -> dict[str, Any]:
    """This counter's card types, bonus rules and points rules, as ``import-rules`` reads them."""
    types = session.scalars(select(CardTypeRow).order_by(CardTypeRow.rank)).all()
    rules = session.scalars(select(BonusRuleRow).order_by(BonusRuleRow.min_top_up_fen)).all()
    settings = load_settings(session)
    return {
        "card_types": [
            to_json(CardTypeDoc(id=t.id, **{n: getattr(t, n) for n in _CARD_TYPE_FIELDS}))
            for t in types
        ],
        "bonus_rules": [
            to_json(
                BonusRuleDoc(
                    r.id,
                    r.min_top_up_fen,
                    r.bonus_fen,
                    r.valid_from.isoformat() if r.valid_from else None,
                    r.valid_to.isoformat() if r.valid_to else None,
                    r.card_type_id,
                    r.active,
                )
            )
            for r in rules
        ],
        "points_rules": to_json(
            PointsRulesDoc(
                settings.points_on_bonus,
                settings.points_expiry.value,
                settings.points_expiry_months,
            )
        ),
    }
