"""Card types (member levels) and top-up bonus rules, edited by a manager and validated here."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.members.accounts import card_type_of, parse_bonus_rules, require_approver
from app.members.errors import MemberError
from app.members.ledger import BonusRule, Rate
from app.members.levels import FULL_PRICE_BP, CardType, Metric, UpgradeGift, UpgradeRule
from app.money import format_yuan
from app.storage import audit
from app.storage.ids import new_id
from app.storage.member_models import BonusRuleRow, CardTypeRow, CouponTemplateRow, MemberRow


@dataclasses.dataclass(frozen=True)
class CardTypeInput:
    """What a manager fills in for a card type; ``discount_bp`` 9500 is 九五折."""

    name: str
    rank: int
    discount_bp: int = FULL_PRICE_BP
    points_per_yuan: Rate = 1
    points_value: Rate = 0
    needs_password: bool = False
    upgrade: UpgradeRule | None = None
    downgrade: bool = False
    gift: UpgradeGift = dataclasses.field(default_factory=UpgradeGift)
    fee_fen: int = 0
    validity_days: int | None = None
    is_default: bool = False


def _ratio(rate: Rate, what: str, field: str) -> tuple[int, int]:
    numerator, denominator = (rate, 1) if isinstance(rate, int) else rate
    if numerator < 0 or denominator <= 0:
        raise MemberError("%1须为非负数", what, field=field)
    return numerator, denominator


def _check(session: Session, data: CardTypeInput, own_id: str | None) -> CardType:
    name = data.name.strip()
    if not name or len(name) > 20:
        raise MemberError("卡类型名称须为 1–20 个字", field="name")
    for column, value, refusal, field in (
        (CardTypeRow.name, name, "卡类型名称已存在：%1", "name"),
        (CardTypeRow.rank, data.rank, "等级序号已被使用：%1", "rank"),
    ):
        clash = session.scalar(select(CardTypeRow.id).where(column == value))
        if clash is not None and clash != own_id:
            raise MemberError(refusal, value, field=field)
    _ratio(data.points_per_yuan, "积分比例", "points_per_yuan")
    _ratio(data.points_value, "积分抵现比例", "points_value")
    checked = CardType(
        id=own_id or "",
        name=name,
        rank=data.rank,
        discount_bp=data.discount_bp,
        points_per_yuan=data.points_per_yuan,
        points_value=data.points_value,
        needs_password=data.needs_password,
        upgrade=data.upgrade,
        downgrade=data.downgrade,
        gift=data.gift,
        fee_fen=data.fee_fen,
        validity_days=data.validity_days,
    )
    if data.downgrade and data.upgrade is None:
        raise MemberError("设置了降级的卡类型须有保级条件", field="downgrade")
    if data.upgrade is not None:
        _check_ladder(session, data.rank, data.upgrade, own_id)
    template = data.gift.coupon_template_id
    if template is not None:
        coupon = session.get(CouponTemplateRow, template)
        kept = own_id is not None and session.scalar(
            select(CardTypeRow.id).where(
                CardTypeRow.id == own_id, CardTypeRow.gift_coupon_template_id == template
            )
        )
        if coupon is None or not (coupon.active or kept):
            raise MemberError("升级礼包的优惠券模板不存在", field="gift_coupon_template_id")
    if own_id is not None and not data.is_default:
        row = session.get(CardTypeRow, own_id)
        if row is not None and row.is_default:
            raise MemberError(
                "默认卡类型不能取消默认：请在另一卡类型上勾选“默认”",
                field="is_default",
            )
    return checked


def _check_ladder(session: Session, rank: int, rule: UpgradeRule, own_id: str | None) -> None:
    """A higher level needs more of the same metric over the same days than every lower one."""
    others = session.scalars(
        select(CardTypeRow).where(
            CardTypeRow.active,
            CardTypeRow.upgrade_metric == rule.metric.value,
            CardTypeRow.upgrade_period_days == rule.period_days,
        )
    )
    for other in others:
        if other.id == own_id or other.upgrade_threshold is None:
            continue
        shown = rule.metric.show(other.upgrade_threshold)
        if other.rank < rank and rule.threshold <= other.upgrade_threshold:
            raise MemberError(
                "升级门槛须高于低一级的“%1”（%2）", other.name, shown, field="upgrade_threshold"
            )
        if other.rank > rank and rule.threshold >= other.upgrade_threshold:
            raise MemberError(
                "升级门槛须低于高一级的“%1”（%2）", other.name, shown, field="upgrade_threshold"
            )


def _fill(row: CardTypeRow, data: CardTypeInput) -> None:
    row.name = data.name.strip()
    row.rank = data.rank
    row.discount_bp = data.discount_bp
    row.points_num, row.points_den = _ratio(data.points_per_yuan, "积分比例", "points_per_yuan")
    row.value_num, row.value_den = _ratio(data.points_value, "积分抵现比例", "points_value")
    row.needs_password = data.needs_password
    row.upgrade_metric = data.upgrade.metric.value if data.upgrade else None
    row.upgrade_threshold = data.upgrade.threshold if data.upgrade else None
    row.upgrade_period_days = data.upgrade.period_days if data.upgrade else None
    row.downgrade = data.downgrade
    row.gift_points = data.gift.points
    row.gift_coupon_template_id = data.gift.coupon_template_id
    row.gift_bonus_fen = data.gift.bonus_fen
    row.fee_fen = data.fee_fen
    row.validity_days = data.validity_days


def _make_default(session: Session, card_type_id: str) -> None:
    session.execute(
        update(CardTypeRow).where(CardTypeRow.id != card_type_id).values(is_default=False)
    )


def create_card_type(
    session: Session, data: CardTypeInput, *, actor_id: str, approver_id: str | None
) -> CardType:
    require_approver(approver_id)
    _check(session, data, None)
    row = CardTypeRow(id=new_id(), is_default=False, active=True)
    _fill(row, data)
    first = session.scalar(select(func.count()).select_from(CardTypeRow)) == 0
    row.is_default = data.is_default or first
    session.add(row)
    session.flush()
    if row.is_default:
        _make_default(session, row.id)
    audit.record(
        session,
        "card_type.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={
            "name": row.name,
            "rank": row.rank,
            "discount_bp": row.discount_bp,
            "after": repr(card_type_of(row)),
            "is_default": row.is_default,
        },
    )
    return card_type_of(row)


def update_card_type(
    session: Session,
    card_type_id: str,
    data: CardTypeInput,
    *,
    actor_id: str,
    approver_id: str | None,
) -> CardType:
    require_approver(approver_id)
    row = session.get(CardTypeRow, card_type_id)
    if row is None:
        raise MemberError("未找到该卡类型")
    _check(session, data, card_type_id)
    before = card_type_of(row)
    _fill(row, data)
    if data.is_default:
        row.is_default = True
        _make_default(session, row.id)
    audit.record(
        session,
        "card_type.updated",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"before": repr(before), "after": repr(card_type_of(row))},
    )
    return card_type_of(row)


def retire_card_type(
    session: Session, card_type_id: str, *, actor_id: str, approver_id: str | None
) -> None:
    """Stop offering a card type; refused while members hold it or it is the default."""
    require_approver(approver_id)
    row = session.get(CardTypeRow, card_type_id)
    if row is None:
        raise MemberError("未找到该卡类型")
    if not row.active:
        raise MemberError("该卡类型已停用")
    if row.is_default:
        raise MemberError("默认卡类型不能停用，请先设置其他默认卡类型")
    held = session.scalar(
        select(func.count()).select_from(MemberRow).where(MemberRow.card_type_id == card_type_id)
    )
    if held:
        raise MemberError("还有 %1 位会员使用该卡类型，不能停用", held)
    row.active = False
    audit.record(
        session,
        "card_type.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": row.name},
    )


@dataclasses.dataclass(frozen=True)
class CardTypeView:
    card_type: CardType
    is_default: bool
    active: bool


def list_card_types(session: Session, *, include_retired: bool = False) -> list[CardTypeView]:
    query = select(CardTypeRow).order_by(CardTypeRow.rank)
    if not include_retired:
        query = query.where(CardTypeRow.active)
    return [CardTypeView(card_type_of(r), r.is_default, r.active) for r in session.scalars(query)]


def all_card_types(session: Session) -> list[CardType]:
    return [card_type_of(r) for r in session.scalars(select(CardTypeRow).where(CardTypeRow.active))]


def default_card_type(session: Session) -> CardTypeRow:
    row = session.scalar(select(CardTypeRow).where(CardTypeRow.is_default, CardTypeRow.active))
    if row is None:
        raise MemberError("尚未设置默认卡类型，请先在“卡类型”中添加")
    return row


#: The card type every store has from its first start; an import row without a card type gets it.
DEFAULT_CARD_TYPE = CardTypeInput("普通卡", 0, points_per_yuan=1, points_value=1, is_default=True)
#: Who the audit log names for what the counter sets up by itself.
SYSTEM_ACTOR = "system"


def ensure_default_card_type(session: Session) -> CardType | None:
    """Give a store without a default card type its 普通卡 (audited); None when it has one.

    Run each time the store opens, so it must be idempotent: a store that has a default (the
    demo's, or one the owner chose) is left exactly as it is.
    """
    if session.scalar(select(CardTypeRow.id).where(CardTypeRow.is_default, CardTypeRow.active)):
        return None
    same_name = session.scalar(
        select(CardTypeRow).where(CardTypeRow.name == DEFAULT_CARD_TYPE.name)
    )
    if same_name is not None:  # a store that had one and lost its default mark: make it so again
        same_name.active = True
        same_name.is_default = True
        _make_default(session, same_name.id)
        audit.record(
            session,
            "card_type.made_default",
            actor_id=SYSTEM_ACTOR,
            approver_id=SYSTEM_ACTOR,
            subject_id=same_name.id,
        )
        return card_type_of(same_name)
    lowest = session.scalar(select(func.min(CardTypeRow.rank)))
    rank = DEFAULT_CARD_TYPE.rank if lowest is None else min(DEFAULT_CARD_TYPE.rank, lowest - 1)
    return create_card_type(
        session,
        dataclasses.replace(DEFAULT_CARD_TYPE, rank=rank),
        actor_id=SYSTEM_ACTOR,
        approver_id=SYSTEM_ACTOR,
    )


def card_type_by_name(session: Session, name: str) -> CardTypeRow:
    row = session.scalar(
        select(CardTypeRow).where(CardTypeRow.name == name.strip(), CardTypeRow.active)
    )
    if row is None:
        raise MemberError("未找到卡类型：%1", name.strip())
    return row


# --- bonus rules ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BonusRuleView:
    id: str
    rule: BonusRule
    active: bool

    @property
    def label(self) -> str:
        return self.rule.label


@dataclasses.dataclass(frozen=True)
class BonusRuleInput:
    """What a manager fills in for a 充值赠送 rule; a date of None leaves that side open."""

    min_top_up_fen: int
    bonus_fen: int
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    card_type_id: str | None = None


def _check_bonus_rule(session: Session, data: BonusRuleInput) -> BonusRule:
    if data.min_top_up_fen <= 0:
        raise MemberError("充值门槛必须大于零", field="min_top_up_fen")
    if data.bonus_fen <= 0:
        raise MemberError("赠送金额必须大于零", field="bonus_fen")
    if data.bonus_fen > data.min_top_up_fen:
        raise MemberError(
            "赠送金额不能超过充值门槛 %1", format_yuan(data.min_top_up_fen), field="bonus_fen"
        )
    if data.valid_from and data.valid_to and data.valid_from > data.valid_to:
        raise MemberError("结束日期不能早于开始日期", field="valid_to")
    if data.card_type_id is not None:
        kind = session.get(CardTypeRow, data.card_type_id)
        if kind is None or not kind.active:
            raise MemberError("未找到该卡类型", field="card_type_id")
    same = session.scalar(
        select(func.count())
        .select_from(BonusRuleRow)
        .where(
            BonusRuleRow.active,
            BonusRuleRow.min_top_up_fen == data.min_top_up_fen,
            BonusRuleRow.valid_from.is_(None)
            if data.valid_from is None
            else BonusRuleRow.valid_from == data.valid_from,
            BonusRuleRow.valid_to.is_(None)
            if data.valid_to is None
            else BonusRuleRow.valid_to == data.valid_to,
            BonusRuleRow.card_type_id.is_(None)
            if data.card_type_id is None
            else BonusRuleRow.card_type_id == data.card_type_id,
        )
    )
    if same:
        raise MemberError(
            "已有同样门槛、日期和卡类型的充值赠送规则：充%1",
            format_yuan(data.min_top_up_fen),
            field="min_top_up_fen",
        )
    return BonusRule(
        data.min_top_up_fen, data.bonus_fen, data.valid_from, data.valid_to, data.card_type_id
    )


def create_bonus_rule(
    session: Session,
    min_top_up_fen: int,
    bonus_fen: int,
    *,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    card_type_id: str | None = None,
    actor_id: str,
    approver_id: str | None,
) -> BonusRuleView:
    require_approver(approver_id)
    rule = _check_bonus_rule(
        session, BonusRuleInput(min_top_up_fen, bonus_fen, valid_from, valid_to, card_type_id)
    )
    row = BonusRuleRow(
        id=new_id(),
        min_top_up_fen=min_top_up_fen,
        bonus_fen=bonus_fen,
        valid_from=valid_from,
        valid_to=valid_to,
        card_type_id=card_type_id,
        active=True,
    )
    session.add(row)
    audit.record(
        session,
        "bonus_rule.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={
            "label": rule.label,
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_to": valid_to.isoformat() if valid_to else None,
            "card_type_id": card_type_id,
        },
    )
    return BonusRuleView(row.id, rule, True)


def retire_bonus_rule(
    session: Session, rule_id: str, *, actor_id: str, approver_id: str | None
) -> None:
    require_approver(approver_id)
    row = session.get(BonusRuleRow, rule_id)
    if row is None or not row.active:
        raise MemberError("未找到该充值赠送规则")
    row.active = False
    audit.record(
        session,
        "bonus_rule.retired",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=rule_id,
    )


def _rule(row: BonusRuleRow) -> BonusRule:
    return BonusRule(
        row.min_top_up_fen, row.bonus_fen, row.valid_from, row.valid_to, row.card_type_id
    )


def list_bonus_rules(session: Session, *, include_retired: bool = False) -> list[BonusRuleView]:
    query = select(BonusRuleRow).order_by(BonusRuleRow.min_top_up_fen)
    if not include_retired:
        query = query.where(BonusRuleRow.active)
    return [BonusRuleView(r.id, _rule(r), r.active) for r in session.scalars(query)]


_ACTIVE_RULES = (
    "SELECT json_group_array(json_array(min_top_up_fen, bonus_fen, valid_from, valid_to,"
    f" card_type_id)) FROM {BonusRuleRow.__tablename__} WHERE active"
)


def active_bonus_rules(session: Session) -> list[BonusRule]:
    session.flush()  # rules added or retired earlier in this transaction count
    return list(parse_bonus_rules(session.connection().exec_driver_sql(_ACTIVE_RULES).scalar_one()))


__all__ = [
    "DEFAULT_CARD_TYPE",
    "SYSTEM_ACTOR",
    "BonusRuleInput",
    "BonusRuleView",
    "CardTypeInput",
    "CardTypeView",
    "Metric",
    "active_bonus_rules",
    "all_card_types",
    "card_type_by_name",
    "create_bonus_rule",
    "create_card_type",
    "default_card_type",
    "ensure_default_card_type",
    "list_bonus_rules",
    "list_card_types",
    "retire_bonus_rule",
    "retire_card_type",
    "update_card_type",
]
