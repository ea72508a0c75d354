"""The promotion blacklist by rule: members a store keeps out of promotions without naming them.

Two rules, set by a manager (audited) and kept as one counter-state setting:
- members carrying one of the listed tags (``羊毛党``, ``员工``);
- members whose refunds over the last N business days reach a count or an amount (the
  professional bargain hunters who buy on promotion and bring the goods back).

What it guarantees: the rules are evaluated in SQL (the ``member_tags`` index, the refunds of the
window grouped by member), once when the promotions are loaded (``app.pos.promotions.load_book``),
and the members they find join the hand-kept ones in the one set the pricing pass checks
(``PromotionBook.blacklist``), so a member kept out by a rule is priced exactly as one kept out by
hand. A member a refund takes over the threshold is kept out from the next load (the next day,
or the next change of a rule or of the blacklist).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.members.tags import clean_tags, tag_key
from app.money import format_yuan
from app.pos.catalog import check_approver
from app.pos.promotion_rules import PromotionError
from app.storage import audit
from app.storage.member_models import MemberTagRow
from app.storage.models import CounterStateRow, OrderKind, OrderRow

SETTING_KEY = "promotions.blacklist_rules"
MAX_DAYS = 366
DEFAULT_DAYS = 30


@dataclasses.dataclass(frozen=True)
class BlacklistRules:
    """No tags and no threshold: no member is kept out by a rule."""

    tags: tuple[str, ...] = ()
    refund_days: int = DEFAULT_DAYS
    refund_count: int | None = None
    refund_fen: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.tags) or self.refund_count is not None or self.refund_fen is not None


def load_rules(session: Session) -> BlacklistRules:
    row = session.get(CounterStateRow, SETTING_KEY)
    if row is None:
        return BlacklistRules()
    data = json.loads(row.value)
    return BlacklistRules(
        tuple(data.get("tags", ())),
        int(data.get("refund_days", DEFAULT_DAYS)),
        data.get("refund_count"),
        data.get("refund_fen"),
    )


def check_rules(rules: BlacklistRules) -> BlacklistRules:
    """The rules cleaned (tags as the members' tags are), or refused in plain words by field."""
    tags = clean_tags(rules.tags, field="tags")
    if not 1 <= rules.refund_days <= MAX_DAYS:
        raise PromotionError("统计天数须在 1 到 %1 之间", MAX_DAYS, field="refund_days")
    if rules.refund_count is not None and rules.refund_count <= 0:
        raise PromotionError("退货次数门槛必须大于零", field="refund_count")
    if rules.refund_fen is not None and rules.refund_fen <= 0:
        raise PromotionError("退货金额门槛必须大于零", field="refund_fen")
    return dataclasses.replace(rules, tags=tags)


def save_rules(
    session: Session, rules: BlacklistRules, *, actor_id: str, approver_id: str
) -> BlacklistRules:
    check_approver(session, approver_id)
    rules = check_rules(rules)
    value = json.dumps(dataclasses.asdict(rules), ensure_ascii=False, sort_keys=True)
    row = session.get(CounterStateRow, SETTING_KEY)
    if row is None:
        session.add(CounterStateRow(key=SETTING_KEY, value=value))
    else:
        row.value = value
    audit.record(
        session,
        "promotion.blacklist_rules",
        actor_id=actor_id,
        approver_id=approver_id,
        detail=dataclasses.asdict(rules),
    )
    return rules


def ruled_out(session: Session, rules: BlacklistRules, today: dt.date) -> dict[str, str]:
    """The members the rules keep out today, each with the reason (the first rule it meets)."""
    found: dict[str, str] = {}
    if rules.refund_count is not None or rules.refund_fen is not None:
        since = today - dt.timedelta(days=rules.refund_days - 1)
        count, amount = func.count(OrderRow.id), func.coalesce(func.sum(OrderRow.total_fen), 0)
        over = []
        if rules.refund_count is not None:
            over.append(count >= rules.refund_count)
        if rules.refund_fen is not None:
            over.append(amount >= rules.refund_fen)
        query = (
            select(OrderRow.member_id, count, amount)
            .where(
                OrderRow.kind == OrderKind.REFUND,
                OrderRow.member_id.is_not(None),
                OrderRow.business_day >= since,
                OrderRow.business_day <= today,
            )
            .group_by(OrderRow.member_id)
            .having(or_(*over))
        )
        for member_id, times, fen in session.execute(query).tuples():
            if member_id is not None:
                found[member_id] = (
                    f"规则：近 {rules.refund_days} 天退货 {times} 次，共 {format_yuan(int(fen))}"
                )
    if rules.tags:
        keys = {tag_key(tag): tag for tag in rules.tags}
        tagged = select(MemberTagRow.member_id, MemberTagRow.tag_key).where(
            MemberTagRow.tag_key.in_(keys)
        )
        for member_id, key in session.execute(tagged).tuples():
            found.setdefault(member_id, f"规则：标签“{keys[key]}”")
    return found


__all__ = [
    "BlacklistRules",
    "check_rules",
    "load_rules",
    "ruled_out",
    "save_rules",
]
