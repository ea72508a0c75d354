"""Stored value at the counter, where money and the member's balance move together.

A top-up's preview and payment, 存零 (change kept on the card) and 退本金 (unused principal paid
back in cash), each with its money order and slip.
"""

from __future__ import annotations

import dataclasses
import logging

from sqlalchemy.orm import Session

from app.members import card_types, stored_value
from app.members.accounts import load_member, require_usable
from app.members.errors import MemberError, TopUpOverCap
from app.members.ledger import best_bonus
from app.members.settings import load_settings
from app.members.stored_value import PrincipalRefundResult, TopUpResult
from app.money import format_yuan
from app.pos import receipts
from app.pos.member_desk import payments
from app.pos.member_desk.context import DeskContext, WithSlips
from app.pos.member_desk.payments import TopUpReceipt
from app.pos.member_desk.slips import top_up_slip_data
from app.pos.staff import StaffView, approver_of
from app.pos.tenders import Tender
from app.storage.approvals import Approval, Sensitive
from app.storage.models import OrderKind

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class TopUpPreview:
    """What a top-up gives, shown before the cashier confirms it."""

    amount_fen: int
    bonus_fen: int
    balance_after_fen: int


class StoredValueDesk:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    def preview_top_up(self, member_id: str, amount_fen: int) -> TopUpPreview:
        """The bonus a top-up of ``amount_fen`` gives today; zero, negative and above the cap
        are refused here, before any money is taken."""
        today = self.context.today()
        with self.context.db.reading() as session:
            cap = load_settings(session).top_up_cap_fen
            if amount_fen <= 0:
                raise MemberError("充值金额必须大于零")
            if amount_fen > cap:
                raise TopUpOverCap(format_yuan(cap))
            member = load_member(session, member_id)
            require_usable(member, today)
            bonus = best_bonus(
                card_types.active_bonus_rules(session), amount_fen, member.card_type_id, today
            )
            balance = member.principal_fen + member.bonus_fen
            return TopUpPreview(amount_fen, bonus, balance + amount_fen + bonus)

    def top_up(
        self,
        member_id: str,
        amount_fen: int,
        tenders: list[Tender],
        *,
        cashier: StaffView,
        shift_id: str | None,
    ) -> WithSlips[TopUpReceipt]:
        """充值 paid at the counter: the money, the credit with its bonus, and the stored-value
        slip naming the top-up's receipt number (its job opens the drawer for cash)."""
        self.preview_top_up(member_id, amount_fen)  # the plain refusals first
        with self.context.db.transaction() as session:
            till = self.context.till(cashier, shift_id)
            receipt = payments.top_up_at_counter(session, till, member_id, amount_fen, tenders)
            jobs = self._slip(
                session,
                receipt.top_up,
                cashier,
                receipt_no=receipt.payment.receipt_no,
                open_drawer=receipt.payment.opens_drawer,
            )
        log.info(
            "top-up %s of %d fen for member %s by %s",
            receipt.payment.receipt_no,
            amount_fen,
            member_id,
            cashier.name,
        )
        return WithSlips(receipt, jobs)

    def store_change(
        self,
        member_id: str,
        sale_order_id: str,
        amount_fen: int,
        *,
        cashier: StaffView,
        shift_id: str | None,
    ) -> WithSlips[TopUpReceipt]:
        """存零: part or all of a cash sale's change kept on the card as principal, with its
        stored-value slip. The cash stays in the drawer, booked as a cash top-up of that amount
        (``payments.store_change_at_counter``)."""
        with self.context.db.transaction() as session:
            till = self.context.till(cashier, shift_id)
            receipt = payments.store_change_at_counter(
                session, till, member_id, sale_order_id, amount_fen
            )
            jobs = self._slip(
                session, receipt.top_up, cashier, receipt_no=receipt.payment.receipt_no
            )
            return WithSlips(receipt, jobs)

    def refund_principal(
        self,
        member_id: str,
        amount_fen: int | None,
        *,
        reason: str,
        cashier: StaffView,
        approval: Approval,
        shift_id: str | None = None,
    ) -> PrincipalRefundResult:
        """退本金: the cash leaves the drawer as an order of its own, so the shift counts it."""
        with (
            self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who,
            self.context.db.transaction() as session,
        ):
            result = stored_value.refund_unused_principal(
                session, member_id, amount_fen, reason=reason, **who
            )
            if result.cash_fen:
                payments.pay_out_to_member(
                    session,
                    self.context.till(cashier, shift_id),
                    OrderKind.TOP_UP,
                    member_id,
                    result.cash_fen,
                    label="退本金",
                    approver=approver_of(approval),
                    ledger_entries=[result.line.payload()],
                )
            return result

    def _slip(
        self,
        session: Session,
        result: TopUpResult,
        cashier: StaffView,
        *,
        receipt_no: str,
        open_drawer: bool = False,
    ) -> tuple[str, ...]:
        data = top_up_slip_data(result, self.context.slip(cashier), receipt_no=receipt_no)
        document = receipts.stored_value_slip(data, self.context.config.receipt_width)
        return self.context.queue(
            session, receipts.PrintJobKind.STORED_VALUE, document, open_drawer
        )
