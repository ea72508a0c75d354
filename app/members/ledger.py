"""Stored value split into principal and bonus, and points: the arithmetic of member ledgers.

Pure functions and plain entries; the storage layer appends the entries these produce and never
edits one. Every amount is integer fen; every ratio is a pair of integers.

Rules chosen here, with the common practice of Chinese shops:

- **Top-up bonuses do not stack.** A top-up gets the bonus of the one rule with the highest
  threshold it reaches (充500送100, 充1000送250: 充1200 gets 250, not 350, and not 250 + 100 for
  the 200 left over).
- **Refund of principal forfeits bonus in proportion** (退本金，赠送金按比例作废): refunding all the
  principal forfeits all the remaining bonus (the bonus is a gift tied to the money left on the
  card, 赠送部分不退); refunding part of it forfeits the same share of the bonus, so a member cannot
  top up 1000 with 250 bonus, take 999.99 back and keep the 250. Bonus is never paid out in cash.
- **Points are earned on the amount actually paid, rounded down**, and a refund takes back points
  in proportion to the refunded amount, cumulatively, so a full refund takes back exactly all.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Iterable

from app.members.errors import InsufficientBalance, MemberError
from app.money import FEN_PER_YUAN, allocate, div_round_half_up, format_yuan

#: A rate as a whole number, or as (numerator, denominator): ``(1, 2)`` is half a point per yuan.
Rate = int | tuple[int, int]


class LedgerCorrupt(RuntimeError):
    """Ledger entries whose running sum goes below zero: a bug or a tampered database."""


class SpendOrder(enum.StrEnum):
    """Which part of the balance a payment by card takes first (a setting of the store)."""

    PRINCIPAL_FIRST = "principal_first"  # 先扣本金
    BONUS_FIRST = "bonus_first"  # 先扣赠送金
    PROPORTIONAL = "proportional"  # 按比例扣

    @property
    def label(self) -> str:
        return _SPEND_ORDER_LABELS[self]


_SPEND_ORDER_LABELS = {
    SpendOrder.PRINCIPAL_FIRST: "先扣本金",
    SpendOrder.BONUS_FIRST: "先扣赠送金",
    SpendOrder.PROPORTIONAL: "按比例扣",
}


def _ratio(rate: Rate) -> tuple[int, int]:
    numerator, denominator = (rate, 1) if isinstance(rate, int) else rate
    if numerator < 0 or denominator <= 0:
        raise ValueError(f"比例须为非负数且分母为正：{rate}")  # a bug: card types check rates
    return numerator, denominator


def _check_not_negative(**amounts: int) -> None:
    for name, value in amounts.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative: {value}")


# --- top-up bonus ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BonusRule:
    """充 ``min_top_up_fen`` 送 ``bonus_fen``, between two dates (included), for one card type.

    ``valid_from``/``valid_to`` of None leave that side open; ``card_type_id`` of None applies to
    every card type.
    """

    min_top_up_fen: int
    bonus_fen: int
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    card_type_id: str | None = None

    def __post_init__(self) -> None:
        if self.min_top_up_fen <= 0:
            raise MemberError("充值门槛必须大于零")
        if self.bonus_fen < 0:
            raise MemberError("赠送金额不能为负数")
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise MemberError("活动开始日期不能晚于结束日期")

    def applies(self, amount_fen: int, card_type_id: str | None, on: datetime.date) -> bool:
        return (
            amount_fen >= self.min_top_up_fen
            and (self.card_type_id is None or self.card_type_id == card_type_id)
            and (self.valid_from is None or self.valid_from <= on)
            and (self.valid_to is None or on <= self.valid_to)
        )

    @property
    def label(self) -> str:
        return f"充{format_yuan(self.min_top_up_fen)}送{format_yuan(self.bonus_fen)}"


def best_bonus(
    rules: Iterable[BonusRule], amount_fen: int, card_type_id: str | None, on: datetime.date
) -> int:
    """The bonus of the rule with the highest threshold the top-up reaches; rules never stack.

    Among rules of the same threshold (say one for every card and one for this card type), the
    larger bonus wins. No rule reached: no bonus.
    """
    _check_not_negative(amount_fen=amount_fen)
    reached = [rule for rule in rules if rule.applies(amount_fen, card_type_id, on)]
    if not reached:
        return 0
    return max(reached, key=lambda rule: (rule.min_top_up_fen, rule.bonus_fen)).bonus_fen


# --- spending and refunding stored value ----------------------------------------------------


def split_spend(
    amount_fen: int, principal_fen: int, bonus_fen: int, order: SpendOrder
) -> tuple[int, int]:
    """How much of a payment by card comes from principal and how much from bonus.

    The two parts sum to ``amount_fen`` exactly, and neither exceeds what that part holds.
    PROPORTIONAL splits in the ratio of the two balances by the largest remainder (ties go to
    principal).
    """
    _check_not_negative(amount_fen=amount_fen, principal_fen=principal_fen, bonus_fen=bonus_fen)
    if amount_fen > principal_fen + bonus_fen:
        raise InsufficientBalance(
            "余额不足：需 %1，卡内余额 %2（本金 %3，赠送 %4）",
            format_yuan(amount_fen),
            format_yuan(principal_fen + bonus_fen),
            format_yuan(principal_fen),
            format_yuan(bonus_fen),
        )
    if order is SpendOrder.PRINCIPAL_FIRST:
        from_principal = min(amount_fen, principal_fen)
        return from_principal, amount_fen - from_principal
    if order is SpendOrder.BONUS_FIRST:
        from_bonus = min(amount_fen, bonus_fen)
        return amount_fen - from_bonus, from_bonus
    from_principal, from_bonus = allocate(amount_fen, [principal_fen, bonus_fen])
    return from_principal, from_bonus


def split_card_refund(
    refund_fen: int, taken_principal_fen: int, taken_bonus_fen: int, refunded_before_fen: int = 0
) -> tuple[int, int]:
    """How a refund of a sale paid by card goes back to principal and bonus.

    In the ratio the sale took them; cumulative over several partial refunds (``refunded_before``
    is what earlier refunds of the same payment returned), so refunding the whole payment returns
    exactly what it took from each part.
    """
    _check_not_negative(
        refund_fen=refund_fen,
        taken_principal_fen=taken_principal_fen,
        taken_bonus_fen=taken_bonus_fen,
        refunded_before_fen=refunded_before_fen,
    )
    taken = taken_principal_fen + taken_bonus_fen
    if refunded_before_fen + refund_fen > taken:
        raise MemberError(
            "退款超过可退金额：可退 %1，本次 %2",
            format_yuan(taken - refunded_before_fen),
            format_yuan(refund_fen),
        )
    weights = [taken_principal_fen, taken_bonus_fen]
    before = allocate(refunded_before_fen, weights)
    after = allocate(refunded_before_fen + refund_fen, weights)
    return after[0] - before[0], after[1] - before[1]


@dataclasses.dataclass(frozen=True)
class PrincipalRefund:
    """退本金: cash paid back to the member, and the bonus that goes with it (never paid out)."""

    cash_fen: int
    bonus_forfeited_fen: int


def refund_principal(
    principal_fen: int, bonus_fen: int, requested_fen: int | None = None
) -> PrincipalRefund:
    """Pay back unused principal (all of it when ``requested_fen`` is None, as when a card is
    closed), forfeiting the bonus in the same proportion, rounded half up.
    """
    _check_not_negative(principal_fen=principal_fen, bonus_fen=bonus_fen)
    cash = principal_fen if requested_fen is None else requested_fen
    if cash < 0:
        raise MemberError("退款金额不能为负数")
    if cash > principal_fen:
        raise InsufficientBalance(
            "余额不足：可退本金 %1，申请退 %2（赠送金不可退现）",
            format_yuan(principal_fen),
            format_yuan(cash),
        )
    if cash == principal_fen:
        return PrincipalRefund(cash, bonus_fen)
    return PrincipalRefund(cash, div_round_half_up(bonus_fen * cash, principal_fen))


# --- ledger entries -------------------------------------------------------------------------


class EntryKind(enum.StrEnum):
    TOP_UP = "top_up"  # 充值 (principal, and bonus by a rule)
    SPEND = "spend"  # 消费
    SPEND_REFUND = "spend_refund"  # 退货退回卡内
    PRINCIPAL_REFUND = "principal_refund"  # 退本金 (and the bonus forfeited with it)
    RESET = "reset"  # 储值清零 (manager)
    CORRECTION = "correction"  # 手工调整 (manager), a reversing entry with its reason


@dataclasses.dataclass(frozen=True)
class LedgerEntry:
    """One append-only line of a stored-value ledger; the deltas are signed fen."""

    kind: EntryKind
    principal_delta: int
    bonus_delta: int
    reason: str = ""


@dataclasses.dataclass(frozen=True)
class Balance:
    principal_fen: int = 0
    bonus_fen: int = 0

    @property
    def total_fen(self) -> int:
        return self.principal_fen + self.bonus_fen


def apply(entries: Iterable[LedgerEntry], start: Balance | None = None) -> Balance:
    """The balance after the entries, checking that neither part ever goes below zero."""
    principal = start.principal_fen if start else 0
    bonus = start.bonus_fen if start else 0
    for index, entry in enumerate(entries):
        principal += entry.principal_delta
        bonus += entry.bonus_delta
        if principal < 0 or bonus < 0:
            raise LedgerCorrupt(
                f"entry {index} ({entry.kind}) leaves principal {principal}, bonus {bonus}"
            )
    return Balance(principal, bonus)


def top_up_entry(amount_fen: int, bonus_fen: int, reason: str = "充值") -> LedgerEntry:
    """A top-up of ``amount_fen`` principal with ``bonus_fen`` bonus (from ``best_bonus``)."""
    if amount_fen <= 0:
        raise MemberError("充值金额必须大于零")
    _check_not_negative(bonus_fen=bonus_fen)
    return LedgerEntry(EntryKind.TOP_UP, amount_fen, bonus_fen, reason)


def spend_entry(
    balance: Balance, amount_fen: int, order: SpendOrder, reason: str = "消费"
) -> LedgerEntry:
    """A payment by card, split by ``order``; raises InsufficientBalance when short."""
    from_principal, from_bonus = split_spend(
        amount_fen, balance.principal_fen, balance.bonus_fen, order
    )
    return LedgerEntry(EntryKind.SPEND, -from_principal, -from_bonus, reason)


def spend_refund_entry(
    spend: LedgerEntry, refund_fen: int, refunded_before_fen: int = 0, reason: str = "退货退回卡内"
) -> LedgerEntry:
    """Money of a refunded sale going back onto the card, to the parts the payment took it from."""
    if spend.kind is not EntryKind.SPEND:
        raise ValueError("只能退回消费记录")  # a bug: the caller picks the sale's spend entry
    to_principal, to_bonus = split_card_refund(
        refund_fen, -spend.principal_delta, -spend.bonus_delta, refunded_before_fen
    )
    return LedgerEntry(EntryKind.SPEND_REFUND, to_principal, to_bonus, reason)


def principal_refund_entry(
    balance: Balance, requested_fen: int | None = None, reason: str = "退本金"
) -> tuple[LedgerEntry, PrincipalRefund]:
    """The entry of a principal refund, and the cash to hand over."""
    refund = refund_principal(balance.principal_fen, balance.bonus_fen, requested_fen)
    entry = LedgerEntry(
        EntryKind.PRINCIPAL_REFUND, -refund.cash_fen, -refund.bonus_forfeited_fen, reason
    )
    return entry, refund


def reset_entry(balance: Balance, reason: str) -> LedgerEntry:
    """储值清零: one entry taking both parts to zero, with the manager's reason."""
    if not reason.strip():
        raise MemberError("清零须填写原因")
    return LedgerEntry(EntryKind.RESET, -balance.principal_fen, -balance.bonus_fen, reason)


# --- points ---------------------------------------------------------------------------------


def points_earned(paid_fen: int, points_per_yuan: Rate) -> int:
    """Points for an amount paid, rounded down: 1 point per yuan on ¥12.99 earns 12."""
    _check_not_negative(paid_fen=paid_fen)
    numerator, denominator = _ratio(points_per_yuan)
    return paid_fen * numerator // (denominator * FEN_PER_YUAN)


def points_value_fen(points: int, fen_per_point: Rate) -> int:
    """What points are worth when paying, rounded down: at (1, 10) fen a point, 1005 are 100 fen."""
    _check_not_negative(points=points)
    numerator, denominator = _ratio(fen_per_point)
    return points * numerator // denominator


def points_needed(amount_fen: int, fen_per_point: Rate) -> int:
    """The fewest points worth at least ``amount_fen`` (what paying that amount by points costs)."""
    _check_not_negative(amount_fen=amount_fen)
    numerator, denominator = _ratio(fen_per_point)
    if numerator == 0:
        raise MemberError("积分不可抵现")
    return -(-amount_fen * denominator // numerator)


def points_to_reverse(
    points_earned_on_sale: int, sale_net_fen: int, refunded_before_fen: int, refund_fen: int
) -> int:
    """Points a refund takes back: the refunded share of what the sale earned.

    Cumulative and rounded down, so partial refunds never take back more than their share and
    the refund that completes the sale takes back exactly what is left of its points.
    """
    _check_not_negative(
        points_earned_on_sale=points_earned_on_sale,
        sale_net_fen=sale_net_fen,
        refunded_before_fen=refunded_before_fen,
        refund_fen=refund_fen,
    )
    if refunded_before_fen + refund_fen > sale_net_fen:
        raise MemberError(
            "退款超过可退金额：可退 %1，本次 %2",
            format_yuan(sale_net_fen - refunded_before_fen),
            format_yuan(refund_fen),
        )
    if sale_net_fen == 0:
        return 0
    after = points_earned_on_sale * (refunded_before_fen + refund_fen) // sale_net_fen
    before = points_earned_on_sale * refunded_before_fen // sale_net_fen
    return after - before
