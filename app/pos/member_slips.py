"""Member slips' data built from what the member services return, ready to lay out and queue.

``app.members`` may not import ``app.pos``, so the bridge from a ledger result (``TopUpResult``,
``StoredValueLine``, ``Redemption``, ``CountCardUse``, ``MemberView``) to a slip lives here. The
screen enqueues the laid-out document, e.g.::

    data = member_slips.top_up_slip_data(result, store_name, cashier_name, printed_at)
    print_jobs.enqueue(session, PrintJobKind.STORED_VALUE, stored_value_slip(data, width))
"""

from __future__ import annotations

from app.members.accounts import MemberView, StoredValueLine
from app.members.card_numbers import mask_card
from app.members.count_cards import CountCardUse, CountCardView
from app.members.gifts import Redemption
from app.members.ledger import EntryKind
from app.members.stored_value import CHANGE_KIND, TopUpResult
from app.pos.receipts import (
    CountCardSlipData,
    EnrolmentSlipData,
    RedemptionSlipData,
    StoredValueSlipData,
    StoredValueSlipKind,
)


def top_up_slip_data(
    result: TopUpResult,
    store_name: str,
    cashier_name: str,
    printed_at: str,
    *,
    receipt_no: str | None = None,
    header: str = "",
    footer: str = "",
) -> StoredValueSlipData:
    """The 储值凭条 of a top-up (or of change kept on the card, 存零)."""
    line = result.line
    return StoredValueSlipData(
        store_name=store_name,
        kind=StoredValueSlipKind.CHANGE if line.kind == CHANGE_KIND else StoredValueSlipKind.TOP_UP,
        member_name=result.member_name,
        card_no_masked=result.card_no_masked,
        principal_fen=result.principal_fen,
        bonus_fen=result.bonus_fen,
        balance_before_fen=result.balance_before_fen,
        balance_after_fen=result.balance_after_fen,
        principal_after_fen=result.principal_after_fen,
        bonus_after_fen=result.bonus_after_fen,
        cashier_name=cashier_name,
        printed_at=printed_at,
        entry_no=line.id,
        receipt_no=receipt_no,
        header=header,
        footer=footer,
    )


def stored_value_line_slip_data(
    line: StoredValueLine,
    member: MemberView,
    store_name: str,
    cashier_name: str,
    printed_at: str,
    *,
    receipt_no: str | None = None,
    header: str = "",
    footer: str = "",
) -> StoredValueSlipData:
    """The 储值凭条 of a payment by card (``spend_stored_value``) or of its refund back onto the
    card (``refund_stored_value_spend``), from the entry written."""
    kinds = {
        EntryKind.SPEND.value: StoredValueSlipKind.SPEND,
        EntryKind.SPEND_REFUND.value: StoredValueSlipKind.REFUND,
        EntryKind.TOP_UP.value: StoredValueSlipKind.TOP_UP,
        CHANGE_KIND: StoredValueSlipKind.CHANGE,
    }
    return StoredValueSlipData(
        store_name=store_name,
        kind=kinds[line.kind],
        member_name=member.name,
        card_no_masked=mask_card(member.card_no),
        principal_fen=abs(line.principal_delta),
        bonus_fen=abs(line.bonus_delta),
        balance_before_fen=line.balance_before_fen,
        balance_after_fen=line.balance_after_fen,
        principal_after_fen=line.principal_after,
        bonus_after_fen=line.bonus_after,
        cashier_name=cashier_name,
        printed_at=printed_at,
        entry_no=line.id,
        receipt_no=receipt_no,
        header=header,
        footer=footer,
    )


def redemption_slip_data(
    redemption: Redemption,
    store_name: str,
    cashier_name: str,
    printed_at: str,
    *,
    header: str = "",
    footer: str = "",
) -> RedemptionSlipData:
    return RedemptionSlipData(
        store_name=store_name,
        member_name=redemption.member_name,
        card_no_masked=redemption.card_no_masked,
        gift_name=redemption.gift.name,
        quantity=redemption.quantity,
        points_spent=redemption.points_used,
        points_before=redemption.points_after + redemption.points_used,
        points_after=redemption.points_after,
        cashier_name=cashier_name,
        printed_at=printed_at,
        entry_no=redemption.line.id,
        header=header,
        footer=footer,
    )


def count_card_slip_data(
    use: CountCardUse,
    member: MemberView,
    store_name: str,
    cashier_name: str,
    printed_at: str,
    *,
    header: str = "",
    footer: str = "",
) -> CountCardSlipData:
    expires = use.card.expires_on
    return CountCardSlipData(
        store_name=store_name,
        member_name=member.name,
        card_no_masked=mask_card(member.card_no),
        card_name=use.card.name,
        service=use.card.service,
        uses_now=-use.line.uses_delta,
        uses_left=use.uses_left,
        valid_until=expires.isoformat() if expires else None,
        cashier_name=cashier_name,
        printed_at=printed_at,
        entry_no=use.line.id,
        header=header,
        footer=footer,
    )


def count_card_sale_slip_data(
    card: CountCardView,
    member: MemberView,
    store_name: str,
    cashier_name: str,
    printed_at: str,
    *,
    receipt_no: str,
    entry_no: str,
    header: str = "",
    footer: str = "",
) -> CountCardSlipData:
    """次卡购买凭条: the card sold, its price, its uses and until when, with the receipt number."""
    return CountCardSlipData(
        store_name=store_name,
        member_name=member.name,
        card_no_masked=mask_card(member.card_no),
        card_name=card.name,
        service=card.service,
        uses_now=0,
        uses_left=card.uses_left,
        valid_until=card.expires_on.isoformat() if card.expires_on else None,
        cashier_name=cashier_name,
        printed_at=printed_at,
        entry_no=entry_no,
        header=header,
        footer=footer,
        price_fen=card.price_fen,
        receipt_no=receipt_no,
    )


def enrolment_slip_data(
    member: MemberView,
    store_name: str,
    cashier_name: str,
    printed_at: str,
    *,
    header: str = "",
    footer: str = "",
) -> EnrolmentSlipData:
    return EnrolmentSlipData(
        store_name=store_name,
        member_name=member.name,
        card_no_masked=mask_card(member.card_no),
        level=member.card_type.name,
        joined_on=member.joined_on.isoformat(),
        cashier_name=cashier_name,
        printed_at=printed_at,
        expires_on=member.expires_on.isoformat() if member.expires_on else None,
        header=header,
        footer=footer,
    )
