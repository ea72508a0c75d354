"""Member slips' data, built from what the member services return and one slip context.

``app.members`` may not import ``app.pos``, so the bridge from a ledger result (``TopUpResult``,
``StoredValueLine``, ``Redemption``, ``CountCardUse``, ``MemberView``) to a slip lives here. Every
slip names the store, the cashier and when it was printed, between the store's header and footer:
one ``SlipContext`` (``app.pos.slip_context``) carries those five, held by each slip's data as
its ``slip``. This module lays out nothing and queues nothing (``print_jobs`` renders the
stored-value slips of an order through it).
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
    MembershipFeeSlip,
    RedemptionSlipData,
    StoredValueSlipData,
    StoredValueSlipKind,
)
from app.pos.slip_context import SlipContext

#: The 储值凭条's kind of each stored-value entry kind.
_STORED_VALUE_SLIP_KINDS = {
    EntryKind.SPEND.value: StoredValueSlipKind.SPEND,
    EntryKind.SPEND_REFUND.value: StoredValueSlipKind.REFUND,
    EntryKind.TOP_UP.value: StoredValueSlipKind.TOP_UP,
    CHANGE_KIND: StoredValueSlipKind.CHANGE,
}


def top_up_slip_data(
    result: TopUpResult, slip: SlipContext, *, receipt_no: str | None = None
) -> StoredValueSlipData:
    """The 储值凭条 of a top-up (or of change kept on the card, 存零)."""
    return _stored_value_slip_data(
        result.line, result.member_name, result.card_no_masked, slip, receipt_no
    )


def stored_value_line_slip_data(
    line: StoredValueLine, member: MemberView, slip: SlipContext, *, receipt_no: str | None = None
) -> StoredValueSlipData:
    """The 储值凭条 of a payment by card (``spend_stored_value``) or of its refund back onto the
    card (``refund_stored_value_spend``), from the entry written."""
    return _stored_value_slip_data(line, member.name, mask_card(member.card_no), slip, receipt_no)


def _stored_value_slip_data(
    line: StoredValueLine,
    member_name: str,
    card_no_masked: str,
    slip: SlipContext,
    receipt_no: str | None,
) -> StoredValueSlipData:
    return StoredValueSlipData(
        slip=slip,
        kind=_STORED_VALUE_SLIP_KINDS[line.kind],
        member_name=member_name,
        card_no_masked=card_no_masked,
        principal_fen=abs(line.principal_delta),
        bonus_fen=abs(line.bonus_delta),
        balance_before_fen=line.balance_before_fen,
        balance_after_fen=line.balance_after_fen,
        principal_after_fen=line.principal_after,
        bonus_after_fen=line.bonus_after,
        entry_no=line.id,
        receipt_no=receipt_no,
    )


def redemption_slip_data(
    redemption: Redemption,
    slip: SlipContext,
) -> RedemptionSlipData:
    return RedemptionSlipData(
        slip=slip,
        member_name=redemption.member_name,
        card_no_masked=redemption.card_no_masked,
        gift_name=redemption.gift.name,
        quantity=redemption.quantity,
        points_spent=redemption.points_used,
        points_before=redemption.points_after + redemption.points_used,
        points_after=redemption.points_after,
        entry_no=redemption.line.id,
    )


def count_card_slip_data(
    use: CountCardUse, member: MemberView, slip: SlipContext
) -> CountCardSlipData:
    """次卡核销凭条: the use just made and what remains."""
    return _count_card_slip_data(
        use.card,
        member,
        slip,
        uses_now=-use.line.uses_delta,
        uses_left=use.uses_left,
        entry_no=use.line.id,
    )


def count_card_sale_slip_data(
    card: CountCardView,
    member: MemberView,
    slip: SlipContext,
    *,
    receipt_no: str,
    entry_no: str,
) -> CountCardSlipData:
    """次卡购买凭条: the card sold, its price, its uses and until when, with the receipt number."""
    return _count_card_slip_data(
        card,
        member,
        slip,
        uses_now=0,
        uses_left=card.uses_left,
        entry_no=entry_no,
        price_fen=card.price_fen,
        receipt_no=receipt_no,
    )


def _count_card_slip_data(
    card: CountCardView,
    member: MemberView,
    slip: SlipContext,
    *,
    uses_now: int,
    uses_left: int,
    entry_no: str,
    price_fen: int | None = None,
    receipt_no: str | None = None,
) -> CountCardSlipData:
    return CountCardSlipData(
        slip=slip,
        member_name=member.name,
        card_no_masked=mask_card(member.card_no),
        card_name=card.name,
        service=card.service,
        uses_now=uses_now,
        uses_left=uses_left,
        valid_until=card.expires_on.isoformat() if card.expires_on else None,
        entry_no=entry_no,
        price_fen=price_fen,
        receipt_no=receipt_no,
    )


def enrolment_slip_data(
    member: MemberView,
    slip: SlipContext,
    fee: MembershipFeeSlip | None = None,
    *,
    title: str = "会员入会凭条",
    welcome: str = "欢迎您成为本店会员！",
) -> EnrolmentSlipData:
    """入会凭条 (or, with ``title``, the slip of a change to a paid level), with the 办卡费 the
    order took when there was one."""
    return EnrolmentSlipData(
        slip=slip,
        member_name=member.name,
        card_no_masked=mask_card(member.card_no),
        level=member.card_type.name,
        joined_on=member.joined_on.isoformat(),
        expires_on=member.expires_on.isoformat() if member.expires_on else None,
        welcome=welcome,
        title=title,
        fee=fee,
    )
