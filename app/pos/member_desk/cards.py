"""The member and the card: what the cashier or the manager does to the account itself.

Enrolment and profile, loss, replacement, freezing, resets, manual points, the level, and the
member's password.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.members import cards, daily, enrolment, points
from app.members.accounts import MemberView, PointsLine, mask_phone, view_of
from app.members.calendar import MemberDate
from app.members.card_numbers import mask_card
from app.members.daily import LevelChangeView
from app.members.enrolment import AnniversaryView, ProfileChanges
from app.members.errors import MemberError
from app.pos import promotions, receipts
from app.pos.member_desk import payments
from app.pos.member_desk.context import Approved, DeskContext, WithSlips
from app.pos.member_desk.slips import enrolment_slip_data
from app.pos.staff import StaffView
from app.pos.tenders import Tender
from app.storage.approvals import Approval, PasswordCheck, Sensitive
from app.storage.base import utcnow

log = logging.getLogger(__name__)

#: What a reset may clear, each by a reversing entry.
RESETS: dict[str, Callable[..., Any]] = {
    "balance": cards.reset_balance,
    "points": cards.reset_points,
    "visits": cards.reset_visit_count,
    "spend": cards.reset_total_spend,
}


class CardDesk:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    # -- enrolment and profile -------------------------------------------------------------------

    def enrol(
        self,
        *,
        card_no: str,
        phone: str,
        name: str,
        cashier: StaffView,
        card_type_id: str | None = None,
        sex: str | None = None,
        birthday: MemberDate | None = None,
        fee_tenders: list[Tender] | None = None,
        shift_id: str | None = None,
    ) -> WithSlips[MemberView]:
        """办卡 in one step: card number, phone and name; the rest may come later. A paid card
        type's fee is taken by ``fee_tenders`` as an order in the same transaction."""

        def run(session: Session) -> WithSlips[MemberView]:
            member = enrolment.enrol(
                session,
                card_no=card_no,
                phone=phone,
                name=name,
                on=self.context.today(),
                actor_id=cashier.id,
                card_type_id=card_type_id,
                sex=sex,
                birthday=birthday,
            )
            today = self.context.today()
            store_time = utcnow().astimezone(ZoneInfo(self.context.config.timezone))
            if promotions.grant_signup_gifts(
                session,
                member.id,
                book=promotions.load_book(session, today),
                at=store_time.replace(tzinfo=None),
                actor_id=cashier.id,
            ):
                member = view_of(session, member.id)
            fee = None
            if member.card_type.paid:
                fee = payments.take_membership_fee(
                    session,
                    self.context.till(cashier, shift_id),
                    member.id,
                    member.card_type,
                    fee_tenders or [],
                )
            data = enrolment_slip_data(
                member, self.context.slip(cashier), fee.slip() if fee is not None else None
            )
            document = receipts.enrolment_slip(data, self.context.config.receipt_width)
            jobs = self.context.queue(
                session,
                receipts.PrintJobKind.ENROLMENT,
                document,
                fee is not None and fee.payment.opens_drawer,
            )
            return WithSlips(member, jobs)

        enrolled = self.context.write(run)
        log.info(
            "member enrolled by %s: card %s, phone %s",
            cashier.name,
            mask_card(card_no),
            mask_phone(phone),
        )
        return enrolled

    def update_profile(
        self, member_id: str, changes: ProfileChanges, *, cashier: StaffView
    ) -> MemberView:
        return self.context.write(
            enrolment.update_profile,
            member_id,
            changes,
            actor_id=cashier.id,
            on=self.context.today(),
        )

    def add_anniversary(
        self, member_id: str, label: str, date: MemberDate, *, cashier: StaffView
    ) -> AnniversaryView:
        """A yearly date to remember (结婚纪念日); the reminders list it on its day. Audited."""
        return self.context.write(
            enrolment.add_anniversary, member_id, label, date, actor_id=cashier.id
        )

    def remove_anniversary(
        self, member_id: str, anniversary_id: str, *, cashier: StaffView
    ) -> None:
        self.context.write(
            enrolment.remove_anniversary, member_id, anniversary_id, actor_id=cashier.id
        )

    def full_phone(self, member_id: str, *, cashier: StaffView, approval: Approval) -> str:
        """The unmasked phone for a manager; each look is audited."""
        with self.context.approved(cashier, approval, Sensitive.MEMBER_PRIVACY) as who:
            return self.context.write(
                enrolment.full_phone,
                member_id,
                actor_id=who["actor_id"],
                approver_id=who["approver_id"],
            )

    # -- the card --------------------------------------------------------------------------------

    def report_loss(
        self, member_id: str, *, cashier: StaffView, reason: str = "挂失"
    ) -> MemberView:
        return self.context.write(
            cards.report_loss,
            member_id,
            actor_id=cashier.id,
            on=self.context.today(),
            reason=reason,
        )

    def cancel_loss(self, member_id: str, *, cashier: StaffView, approval: Approval) -> MemberView:
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            return self.context.write(
                cards.cancel_loss,
                member_id,
                actor_id=who["actor_id"],
                approver_id=who["approver_id"],
            )

    def replace_card(
        self,
        member_id: str,
        new_card_no: str,
        *,
        reason: str,
        cashier: StaffView,
        approval: Approval,
    ) -> MemberView:
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            return self.context.write(
                cards.replace_card, member_id, new_card_no, reason=reason, **who
            )

    def freeze(
        self, member_id: str, *, reason: str, cashier: StaffView, approval: Approval
    ) -> MemberView:
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            return self.context.write(
                cards.freeze,
                member_id,
                reason=reason,
                actor_id=who["actor_id"],
                approver_id=who["approver_id"],
            )

    def unfreeze(self, member_id: str, *, cashier: StaffView, approval: Approval) -> MemberView:
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            return self.context.write(
                cards.unfreeze, member_id, actor_id=who["actor_id"], approver_id=who["approver_id"]
            )

    # -- balances, points and the level (a manager's) --------------------------------------------

    def reset(
        self, member_id: str, what: str, *, reason: str, cashier: StaffView, approval: Approval
    ) -> None:
        """``what``: ``balance``, ``points``, ``visits`` or ``spend`` (each a reversing entry)."""
        operation = RESETS.get(what)
        if operation is None:
            raise MemberError("未知的清零项目：%1", what)
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            self.context.write(operation, member_id, reason=reason, **who)

    def adjust_points(
        self, member_id: str, delta: int, *, reason: str, cashier: StaffView, approval: Approval
    ) -> PointsLine:
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            return self.context.write(points.adjust_points, member_id, delta, reason=reason, **who)

    def change_level(
        self,
        member_id: str,
        card_type_id: str,
        *,
        reason: str,
        cashier: StaffView,
        approval: Approval,
        fee_tenders: list[Tender] | None = None,
        shift_id: str | None = None,
    ) -> WithSlips[LevelChangeView]:
        """手工调整等级; to a paid card type (bought or renewed) its fee is taken by
        ``fee_tenders`` as an order in the same transaction, with its slip."""

        def run(session: Session, who: Approved) -> WithSlips[LevelChangeView]:
            change = daily.change_card_type(session, member_id, card_type_id, reason=reason, **who)
            member = view_of(session, member_id)
            if not member.card_type.paid:
                return WithSlips(change)
            fee = payments.take_membership_fee(
                session,
                self.context.till(cashier, shift_id),
                member_id,
                member.card_type,
                fee_tenders or [],
            )
            data = enrolment_slip_data(
                member, self.context.slip(cashier), fee.slip(), title="会员卡费凭条", welcome=""
            )
            document = receipts.enrolment_slip(data, self.context.config.receipt_width)
            jobs = self.context.queue(
                session, receipts.PrintJobKind.ENROLMENT, document, fee.payment.opens_drawer
            )
            return WithSlips(change, jobs)

        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            return self.context.write(run, who)

    # -- the member's password -------------------------------------------------------------------

    def set_password(
        self,
        member_id: str,
        password: str,
        *,
        cashier: StaffView,
        old_password: str | None = None,
        approval: Approval | None = None,
    ) -> None:
        """Set the member's password, change it (old one given) or reset it (a manager)."""
        if approval is None:
            self.context.keep_refusal(
                cards.set_password,
                member_id,
                password,
                actor_id=cashier.id,
                old_password=old_password,
            )
            return
        with self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who:
            self.context.keep_refusal(
                cards.set_password,
                member_id,
                password,
                actor_id=who["actor_id"],
                old_password=old_password,
                approver_id=who["approver_id"],
            )

    def verify_password(
        self, member_id: str, password: str, cashier: StaffView
    ) -> PasswordCheck | None:
        """Check the member's password before a stored-value payment; wrong tries count. The
        proof the sale spends, or None for a card without a password."""
        return self.context.keep_refusal(
            cards.verify_password, member_id, password, now=utcnow(), actor_id=cashier.id
        )
