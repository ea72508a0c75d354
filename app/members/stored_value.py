"""Stored value (储值): top-ups with bonus rules, payment by card, its refund, and 退本金.

Principal and bonus are kept apart in every entry. The lead's checkout calls
``spend_stored_value`` as a tender and ``refund_stored_value_spend`` when the sale is refunded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.members.accounts import (
    Member,
    StoredValueLine,
    append_stored_value,
    emit,
    load_account,
    load_member,
    require_approver,
    require_reason,
    require_usable,
)
from app.members.card_numbers import mask_card
from app.members.errors import MemberError, PasswordRequired, TopUpOverCap
from app.members.ledger import (
    EntryKind,
    best_bonus,
    refund_principal,
    split_card_refund,
    split_spend,
)
from app.members.settings import MemberSettings
from app.money import format_yuan
from app.storage.member_models import StoredValueEntryRow

#: 存零: change of a cash sale kept on the card, never with a bonus.
CHANGE_KIND = "change"
#: Upgrade gifts of bonus money.
GIFT_KIND = "gift"


@dataclasses.dataclass(frozen=True)
class TopUpResult:
    """What the top-up slip prints: the entry written (amounts, balance before and after, each
    part after) and whose card, masked."""

    line: StoredValueLine
    card_no_masked: str
    member_name: str


def _top_up_result(member: Member, line: StoredValueLine) -> TopUpResult:
    return TopUpResult(line, mask_card(member.card_no), member.name)


def top_up(
    session: Session,
    member_id: str,
    amount_fen: int,
    *,
    on: dt.date,
    actor_id: str,
    cap_fen: int | None = None,
    settings: MemberSettings | None = None,
    with_bonus: bool = True,
    reason: str = "充值",
) -> TopUpResult:
    """充值: ``amount_fen`` of principal, plus the bonus of the best rule for the member's type.

    Zero, negative and above the cap (``cap_fen``, else the store's setting) are refused.
    """
    if amount_fen <= 0:
        raise MemberError("充值金额必须大于零")
    member = load_account(session, member_id, with_bonus_rules=True)
    rules = settings or member.settings
    cap = rules.top_up_cap_fen if cap_fen is None else cap_fen
    if amount_fen > cap:
        raise TopUpOverCap(format_yuan(cap))
    require_usable(member, on)
    bonus = best_bonus(member.bonus_rules, amount_fen, member.card_type_id, on)
    kind = EntryKind.TOP_UP.value if with_bonus else CHANGE_KIND
    line = append_stored_value(
        session,
        member,
        kind,
        amount_fen,
        bonus if with_bonus else 0,
        on=on,
        reason=reason,
        actor_id=actor_id,
    )
    emit(
        session,
        "TopUpMade",
        member,
        action="member.top_up",
        actor_id=actor_id,
        lines=[line],
        detail={"amount_fen": amount_fen, "bonus_fen": line.bonus_delta},
    )
    return _top_up_result(member, line)


def store_change(
    session: Session, member_id: str, amount_fen: int, *, on: dt.date, actor_id: str
) -> TopUpResult:
    """存零: a cash sale's change kept as principal on the card (no bonus)."""
    return top_up(
        session, member_id, amount_fen, on=on, actor_id=actor_id, with_bonus=False, reason="存零"
    )


def spend_stored_value(
    session: Session,
    member_id: str,
    amount_fen: int,
    *,
    on: dt.date,
    actor_id: str,
    order_id: str | None = None,
    password_verified: bool = False,
    settings: MemberSettings | None = None,
    emit_event: bool = True,
) -> StoredValueLine:
    """A payment by card (储值支付): split into principal and bonus by the store's spend order.

    When the card type needs a password and the member has one, the caller must have checked it
    with ``cards.verify_password`` first (in its own transaction, so failures count).
    """
    if amount_fen <= 0:
        raise MemberError("支付金额必须大于零")
    member = load_account(session, member_id)
    require_usable(member, on)
    if member.password_required and not password_verified:
        raise PasswordRequired()
    order = (settings or member.settings).spend_order
    from_principal, from_bonus = split_spend(
        amount_fen, member.principal_fen, member.bonus_fen, order
    )
    line = append_stored_value(
        session,
        member,
        EntryKind.SPEND.value,
        -from_principal,
        -from_bonus,
        on=on,
        reason="消费",
        actor_id=actor_id,
        order_id=order_id,
    )
    if emit_event:
        emit(session, "StoredValueSpent", member, action=None, actor_id=actor_id, lines=[line])
    return line


def refund_stored_value_spend(
    session: Session,
    spend_entry_id: str,
    refund_fen: int,
    *,
    on: dt.date,
    actor_id: str,
    order_id: str | None = None,
    approver_id: str | None = None,
    emit_event: bool = True,
) -> StoredValueLine:
    """Money of a refunded sale back onto the card, to principal and bonus in the ratio the
    payment took them; cumulative over partial refunds of the same payment."""
    if refund_fen <= 0:
        raise MemberError("退款金额必须大于零")
    spend = session.get(StoredValueEntryRow, spend_entry_id)
    if spend is None or spend.kind != EntryKind.SPEND.value:
        raise MemberError("未找到该笔储值消费")
    before = session.execute(
        select(
            func.coalesce(func.sum(StoredValueEntryRow.principal_delta), 0),
            func.coalesce(func.sum(StoredValueEntryRow.bonus_delta), 0),
        ).where(
            StoredValueEntryRow.related_entry_id == spend.id,
            StoredValueEntryRow.kind == EntryKind.SPEND_REFUND.value,
        )
    ).one()
    to_principal, to_bonus = split_card_refund(
        refund_fen, -spend.principal_delta, -spend.bonus_delta, int(before[0]) + int(before[1])
    )
    member = load_account(session, spend.member_id)
    line = append_stored_value(
        session,
        member,
        EntryKind.SPEND_REFUND.value,
        to_principal,
        to_bonus,
        on=on,
        reason="退货退回卡内",
        actor_id=actor_id,
        approver_id=approver_id,
        order_id=order_id,
        related_entry_id=spend.id,
    )
    if emit_event:
        emit(
            session,
            "StoredValueRefunded",
            member,
            action=None,
            actor_id=actor_id,
            approver_id=approver_id,
            lines=[line],
        )
    return line


@dataclasses.dataclass(frozen=True)
class PrincipalRefundResult:
    line: StoredValueLine
    cash_fen: int
    bonus_forfeited_fen: int


def refund_unused_principal(
    session: Session,
    member_id: str,
    requested_fen: int | None,
    *,
    on: dt.date,
    reason: str,
    actor_id: str,
    approver_id: str | None,
) -> PrincipalRefundResult:
    """退本金 (manager): cash back from the principal, the bonus forfeited in proportion;
    ``requested_fen`` None refunds all of it."""
    require_approver(approver_id)
    why = require_reason(reason)
    if requested_fen is not None and requested_fen <= 0:
        raise MemberError("退款金额必须大于零")
    member = load_member(session, member_id)
    refund = refund_principal(member.principal_fen, member.bonus_fen, requested_fen)
    if refund.cash_fen == 0 and refund.bonus_forfeited_fen == 0:
        raise MemberError("卡内没有可退的本金")
    line = append_stored_value(
        session,
        member,
        EntryKind.PRINCIPAL_REFUND.value,
        -refund.cash_fen,
        -refund.bonus_forfeited_fen,
        on=on,
        reason=why,
        actor_id=actor_id,
        approver_id=approver_id,
    )
    emit(
        session,
        "PrincipalRefunded",
        member,
        action="member.principal_refund",
        actor_id=actor_id,
        approver_id=approver_id,
        lines=[line],
        detail={"cash_fen": refund.cash_fen, "bonus_forfeited_fen": refund.bonus_forfeited_fen},
    )
    return PrincipalRefundResult(line, refund.cash_fen, refund.bonus_forfeited_fen)


def stored_value_lines(session: Session, member_id: str, limit: int = 200) -> list[StoredValueLine]:
    """The member's stored-value ledger, newest first."""
    rows = session.scalars(
        select(StoredValueEntryRow)
        .where(StoredValueEntryRow.member_id == member_id)
        .order_by(StoredValueEntryRow.id.desc())
        .limit(limit)
    )
    return [StoredValueLine.of_row(r) for r in rows]
