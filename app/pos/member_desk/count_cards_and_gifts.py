"""Count cards and gifts: prepaid uses and points spent on things, each with its slip.

Packages, count cards sold, used and refunded at the counter, and gifts redeemed for points.
"""

from __future__ import annotations

from app.members import count_cards, gifts
from app.members.accounts import view_of
from app.members.count_cards import CountCardRefund, CountCardUse, PackageInput, PackageView
from app.members.gifts import GiftView, Redemption
from app.pos import receipts
from app.pos.member_desk import payments
from app.pos.member_desk.context import DeskContext, WithSlips
from app.pos.member_desk.payments import CountCardReceipt
from app.pos.member_desk.slips import (
    count_card_sale_slip_data,
    count_card_slip_data,
    redemption_slip_data,
)
from app.pos.staff import StaffView, approver_of
from app.pos.tenders import Tender
from app.storage.approvals import Approval, Sensitive
from app.storage.models import OrderKind


class CountCardAndGiftDesk:
    def __init__(self, context: DeskContext) -> None:
        self.context = context

    # -- gifts -----------------------------------------------------------------------------------

    def gifts(self, *, include_retired: bool = False) -> list[GiftView]:
        return self.context.read(gifts.list_gifts, include_retired=include_retired)

    def redeem_gift(
        self, member_id: str, gift_id: str, quantity: int = 1, *, cashier: StaffView
    ) -> WithSlips[Redemption]:
        """积分兑换 with its slip."""
        with self.context.db.transaction() as session:
            redemption = gifts.redeem_gift(
                session,
                member_id,
                gift_id,
                quantity,
                on=self.context.today(),
                actor_id=cashier.id,
            )
            data = redemption_slip_data(redemption, self.context.slip(cashier))
            document = receipts.redemption_slip(data, self.context.config.receipt_width)
            return WithSlips(
                redemption, self.context.queue(session, receipts.PrintJobKind.REDEMPTION, document)
            )

    def create_gift(
        self, name: str, points_cost: int, stock: int, *, cashier: StaffView, approver: StaffView
    ) -> GiftView:
        return self.context.write(
            gifts.create_gift,
            name,
            points_cost,
            stock,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def update_gift(
        self, gift_id: str, name: str, points_cost: int, *, cashier: StaffView, approver: StaffView
    ) -> GiftView:
        return self.context.write(
            gifts.update_gift,
            gift_id,
            name,
            points_cost,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def restock_gift(
        self, gift_id: str, delta: int, *, reason: str, cashier: StaffView, approver: StaffView
    ) -> GiftView:
        """入库 or 报损, one stock move with its reason."""
        return self.context.write(
            gifts.restock_gift,
            gift_id,
            delta,
            reason=reason,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def retire_gift(self, gift_id: str, *, cashier: StaffView, approver: StaffView) -> GiftView:
        return self.context.write(
            gifts.retire_gift,
            gift_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    # -- count cards -----------------------------------------------------------------------------

    def packages(self, *, include_retired: bool = False) -> list[PackageView]:
        return self.context.read(count_cards.list_packages, include_retired=include_retired)

    def save_package(
        self,
        package_id: str | None,
        data: PackageInput,
        *,
        cashier: StaffView,
        approver: StaffView,
    ) -> PackageView:
        """A new package (``package_id`` None) or new terms for the cards sold from now on."""
        who = {"actor_id": cashier.id, "approver_id": self.context.rules_approver(approver)}
        if package_id is None:
            return self.context.write(
                count_cards.create_package,
                data.name,
                data.service,
                data.uses,
                data.price_fen,
                data.validity_days,
                **who,
            )
        return self.context.write(count_cards.update_package, package_id, data, **who)

    def retire_package(
        self, package_id: str, *, cashier: StaffView, approver: StaffView
    ) -> PackageView:
        """停售: the cards already sold still work."""
        return self.context.write(
            count_cards.retire_package,
            package_id,
            actor_id=cashier.id,
            approver_id=self.context.rules_approver(approver),
        )

    def sell_count_card(
        self,
        member_id: str,
        package_id: str,
        tenders: list[Tender],
        *,
        cashier: StaffView,
        shift_id: str | None,
    ) -> WithSlips[CountCardReceipt]:
        """售次卡 paid at the counter, with its slip (whose job opens the drawer for cash)."""
        with self.context.db.transaction() as session:
            till = self.context.till(cashier, shift_id)
            receipt = payments.sell_count_card_at_counter(
                session, till, member_id, package_id, tenders
            )
            data = count_card_sale_slip_data(
                receipt.count_card,
                view_of(session, member_id),
                self.context.slip(cashier),
                receipt_no=receipt.payment.receipt_no,
                entry_no=receipt.count_card.id,
            )
            document = receipts.count_card_slip(data, self.context.config.receipt_width)
            jobs = self.context.queue(
                session, receipts.PrintJobKind.COUNT_CARD, document, receipt.payment.opens_drawer
            )
            return WithSlips(receipt, jobs)

    def use_count_card(self, count_card_id: str, *, cashier: StaffView) -> WithSlips[CountCardUse]:
        """核销一次, with a slip of what remains."""
        with self.context.db.transaction() as session:
            use = count_cards.use_count_card(
                session, count_card_id, on=self.context.today(), actor_id=cashier.id
            )
            data = count_card_slip_data(
                use, view_of(session, use.card.member_id), self.context.slip(cashier)
            )
            document = receipts.count_card_slip(data, self.context.config.receipt_width)
            return WithSlips(
                use, self.context.queue(session, receipts.PrintJobKind.COUNT_CARD, document)
            )

    def refund_count_card(
        self,
        count_card_id: str,
        *,
        reason: str,
        cashier: StaffView,
        approval: Approval,
        shift_id: str | None = None,
    ) -> CountCardRefund:
        """退次卡: the unused uses' money leaves the drawer as an order the shift counts."""
        with (
            self.context.approved(cashier, approval, Sensitive.MEMBER_CARD) as who,
            self.context.db.transaction() as session,
        ):
            result = count_cards.refund_count_card(session, count_card_id, reason=reason, **who)
            if result.refund_fen:
                payments.pay_out_to_member(
                    session,
                    self.context.till(cashier, shift_id),
                    OrderKind.COUNT_CARD,
                    result.card.member_id,
                    result.refund_fen,
                    label="退次卡",
                    approver=approver_of(approval),
                    ledger_entries=[
                        {"count_card_id": result.card.id, "uses": -result.uses_refunded}
                    ],
                )
            return result
