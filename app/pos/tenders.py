"""How a sale is paid: cash with change, external payments, on account, split across several."""

from __future__ import annotations

import dataclasses
import enum

from app.errors import KnownError
from app.money import format_yuan


class TenderError(KnownError):
    """Payments that do not add up or are missing something; said in plain words."""


class TenderMethod(enum.StrEnum):
    CASH = "cash"
    BANK_CARD = "bank_card"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    ON_ACCOUNT = "on_account"
    STORED_VALUE = "stored_value"  # the attached member's balance (储值)
    POINTS = "points"  # the attached member's points, ``amount_fen`` being their money value

    @property
    def label(self) -> str:
        return TENDER_LABELS[self]

    @property
    def gives_change(self) -> bool:
        return self is TenderMethod.CASH


TENDER_LABELS = {
    TenderMethod.CASH: "现金",
    TenderMethod.BANK_CARD: "银行卡",
    TenderMethod.WECHAT: "微信支付",
    TenderMethod.ALIPAY: "支付宝",
    TenderMethod.ON_ACCOUNT: "挂账",
    TenderMethod.STORED_VALUE: "储值",
    TenderMethod.POINTS: "积分抵现",
}

MEMBER_TENDERS = (TenderMethod.STORED_VALUE, TenderMethod.POINTS)

MAX_REFERENCE_LENGTH = 64


@dataclasses.dataclass(frozen=True)
class Tender:
    """One payment as the cashier enters it; for cash, ``amount_fen`` is what was handed over."""

    method: TenderMethod
    amount_fen: int
    reference: str | None = None
    #: 挂账: who owes it; for a member, their name as the receipt shows it.
    customer_name: str | None = None
    #: 挂账 to the member attached to the sale (their id); None for a named customer.
    account_member_id: str | None = None


@dataclasses.dataclass(frozen=True)
class AppliedTender:
    method: TenderMethod
    applied_fen: int  # what it paid of the sale
    tendered_fen: int  # what was handed over
    reference: str | None
    customer_name: str | None
    account_member_id: str | None = None


@dataclasses.dataclass(frozen=True)
class Settlement:
    applied: tuple[AppliedTender, ...]
    change_fen: int


#: Tenders that stand for one account: two of them on a sale are one payment from that account.
_ONE_ACCOUNT = (TenderMethod.STORED_VALUE, TenderMethod.POINTS, TenderMethod.ON_ACCOUNT)


def _merged(tenders: list[Tender] | tuple[Tender, ...]) -> list[Tender]:
    """Stored value, points and on account entered twice become one payment each, so a refund
    or a void has one ledger entry (or one receivable) to reverse."""
    merged: list[Tender] = []
    for tender in tenders:
        same = next(
            (t for t in merged if t.method is tender.method and t.method in _ONE_ACCOUNT), None
        )
        if same is None:
            merged.append(tender)
            continue
        if _debtor(same) != _debtor(tender):
            raise TenderError("一单只能挂一位客户的账")
        merged[merged.index(same)] = dataclasses.replace(
            same, amount_fen=same.amount_fen + tender.amount_fen
        )
    return merged


def _debtor(tender: Tender) -> tuple[str | None, str]:
    """Who an on-account tender is owed by: the member, else the customer's name."""
    if tender.account_member_id:
        return (tender.account_member_id, "")
    return (None, (tender.customer_name or "").strip())


def settle(total_fen: int, tenders: list[Tender] | tuple[Tender, ...]) -> Settlement:
    """Check the tenders against the amount due and work out the change.

    Only cash gives change, so the other tenders together may not pay more than is due.
    """
    if total_fen < 0:
        raise TenderError("应收金额不能为负数")
    tenders = _merged(tenders)
    if not tenders and total_fen > 0:
        raise TenderError("请选择付款方式")
    for tender in tenders:
        if tender.amount_fen <= 0:
            raise TenderError("%1金额必须大于零", tender.method.label)
        if tender.reference and len(tender.reference) > MAX_REFERENCE_LENGTH:
            raise TenderError("支付参考号过长")
        if tender.method is TenderMethod.ON_ACCOUNT and _debtor(tender) == (None, ""):
            raise TenderError("挂账须填写客户姓名")
    non_cash = sum(t.amount_fen for t in tenders if not t.method.gives_change)
    if non_cash > total_fen:
        raise TenderError(
            "非现金付款合计 %1 超过应收 %2", format_yuan(non_cash), format_yuan(total_fen)
        )
    received = sum(t.amount_fen for t in tenders)
    if received < total_fen:
        raise TenderError("实收金额不足，还差 %1", format_yuan(total_fen - received))
    change = received - total_fen
    applied: list[AppliedTender] = []
    change_left = change
    for tender in tenders:
        applied_fen = tender.amount_fen
        if tender.method.gives_change and change_left:
            taken = min(change_left, applied_fen)
            applied_fen -= taken
            change_left -= taken
        applied.append(
            AppliedTender(
                method=tender.method,
                applied_fen=applied_fen,
                tendered_fen=tender.amount_fen,
                reference=(tender.reference or "").strip() or None,
                customer_name=(tender.customer_name or "").strip() or None,
                account_member_id=tender.account_member_id
                if tender.method is TenderMethod.ON_ACCOUNT
                else None,
            )
        )
    return Settlement(applied=tuple(applied), change_fen=change)
