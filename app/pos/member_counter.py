"""The member services as the counter's screens call them: one method, one user action, one
transaction, plain values in and frozen views out.

It lives in ``app.pos`` (not ``app.members``) because a member action at the counter also takes
money (a top-up, a count card: orders of their own, ``member_payments``) and queues its slip
(``print_jobs``), and only the pos layer may use those. Refusals that must keep their audit entry
(a refused card, a wrong member password) are caught inside the transaction, committed, then
raised again, as ``CounterService.login`` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.config import Config
from app.members import (
    card_types,
    cards,
    count_cards,
    coupons,
    daily,
    enrolment,
    gifts,
    member_io,
    points,
    reminders_query,
    stored_value,
)
from app.members.accounts import (
    MemberView,
    PointsLine,
    StoredValueLine,
    load_member,
    mask_phone,
    require_usable,
    view_of,
)
from app.members.calendar import MemberDate
from app.members.card_types import BonusRuleView, CardTypeInput, CardTypeView
from app.members.count_cards import CountCardRefund, CountCardUse, CountCardView, PackageView
from app.members.coupons import CouponTerms, CouponView, TemplateView
from app.members.daily import DailyReport, LevelChangeView
from app.members.enrolment import ProfileChanges
from app.members.errors import MemberError, TopUpOverCap
from app.members.gifts import GiftView, Redemption
from app.members.ledger import best_bonus
from app.members.levels import CardType
from app.members.member_status import STATUS_LABELS
from app.members.reminders import Reminder
from app.members.settings import MemberSettings, load_settings
from app.members.stored_value import PrincipalRefundResult, TopUpResult
from app.money import format_yuan
from app.pos import member_payments, member_slips, receipts
from app.pos.business_day import business_today, local_time_text
from app.pos.member_payments import CountCardReceipt, TopUpReceipt
from app.pos.print_jobs import enqueue
from app.pos.staff import StaffView
from app.pos.tenders import Tender
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.member_models import CountCardEntryRow, MemberRow
from app.storage.models import AuditRow, OrderKind, OrderRow

T = TypeVar("T")
#: Members listed by one search on the members screen.
SEARCH_LIMIT = 50
HISTORY_LIMIT = 200


@dataclasses.dataclass(frozen=True)
class WithSlips(Generic[T]):
    """An action's result and the print jobs it queued (the screen prints them)."""

    value: T
    print_job_ids: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class MemberRowView:
    """One line of the members list: the phone masked, as a cashier may see it."""

    id: str
    card_no: str
    name: str
    phone_masked: str
    level_name: str
    status: str
    balance_fen: int
    points: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclasses.dataclass(frozen=True)
class PurchaseView:
    """One of the member's orders (sales, refunds, top-ups, count cards)."""

    order_id: str
    receipt_no: str
    business_day: dt.date
    kind: str
    state: str
    total_fen: int


@dataclasses.dataclass(frozen=True)
class HistoryLine:
    """One audited event about the member (level change, card operation, refusal, ...)."""

    at: dt.datetime
    action: str
    detail: str


@dataclasses.dataclass(frozen=True)
class CountCardEntryView:
    id: str
    count_card_id: str
    kind: str
    uses_delta: int
    uses_after: int
    reason: str
    business_day: dt.date


@dataclasses.dataclass(frozen=True)
class TopUpPreview:
    """What a top-up gives, shown before the cashier confirms it."""

    amount_fen: int
    bonus_fen: int
    balance_after_fen: int


@dataclasses.dataclass(frozen=True)
class MemberDetail:
    """Everything the member screen shows about one member."""

    member: MemberView
    count_cards: tuple[CountCardView, ...]
    coupons: tuple[CouponView, ...]


class MemberCounter:
    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.config = config

    def today(self) -> dt.date:
        return business_today(self.config)

    def _keep_refusal(self, action: Callable[[Session], T]) -> T:
        """Run ``action`` in one transaction that is committed even when it refuses (so its
        audit entry or failure count stays); the refusal is raised after the commit."""
        error: MemberError | None = None
        with self.db.transaction() as session:
            try:
                return action(session)
            except MemberError as exc:
                error = exc
        raise error

    # -- finding and showing ---------------------------------------------------------------------

    def find(self, text: str) -> MemberView:
        with self.db.reading() as session:
            return enrolment.find_member(session, text)

    def member(self, member_id: str) -> MemberView:
        with self.db.reading() as session:
            return view_of(session, member_id)

    def detail(self, member_id: str) -> MemberDetail:
        today = self.today()
        with self.db.reading() as session:
            return MemberDetail(
                view_of(session, member_id),
                tuple(count_cards.member_count_cards(session, member_id, on=today)),
                tuple(coupons.member_coupons(session, member_id, on=today)),
            )

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[MemberRowView]:
        """Members whose card number, phone or name contains ``text`` (all when empty)."""
        key = unicodedata.normalize("NFKC", text).strip()
        with self.db.reading() as session:
            names = {view.card_type.id: view.card_type.name for view in self._types(session)}
            query = select(MemberRow).order_by(MemberRow.card_no).limit(limit)
            if key:
                like = f"%{key}%"
                query = query.where(
                    or_(
                        MemberRow.card_no.like(like),
                        MemberRow.phone.like(like),
                        MemberRow.name.like(like),
                    )
                )
            return [
                MemberRowView(
                    row.id,
                    row.card_no,
                    row.name,
                    mask_phone(row.phone),
                    names.get(row.card_type_id, ""),
                    row.status,
                    row.principal_fen + row.bonus_fen,
                    row.points,
                )
                for row in session.scalars(query)
            ]

    def _types(self, session: Session) -> list[CardTypeView]:
        return card_types.list_card_types(session, include_retired=True)

    def stored_value_lines(self, member_id: str) -> list[StoredValueLine]:
        with self.db.reading() as session:
            return stored_value.stored_value_lines(session, member_id)

    def points_lines(self, member_id: str) -> list[PointsLine]:
        with self.db.reading() as session:
            return points.points_lines(session, member_id)

    def count_card_lines(self, member_id: str) -> list[CountCardEntryView]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(CountCardEntryRow)
                .where(CountCardEntryRow.member_id == member_id)
                .order_by(CountCardEntryRow.id.desc())
                .limit(HISTORY_LIMIT)
            )
            return [
                CountCardEntryView(
                    r.id,
                    r.count_card_id,
                    r.kind,
                    r.uses_delta,
                    r.uses_after,
                    r.reason,
                    r.business_day,
                )
                for r in rows
            ]

    def purchases(self, member_id: str) -> list[PurchaseView]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(OrderRow)
                .where(OrderRow.member_id == member_id)
                .order_by(OrderRow.created_at.desc())
                .limit(HISTORY_LIMIT)
            )
            return [
                PurchaseView(
                    r.id, r.receipt_no, r.business_day, r.kind.value, r.state.value, r.total_fen
                )
                for r in rows
            ]

    def history(self, member_id: str) -> list[HistoryLine]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(AuditRow)
                .where(AuditRow.subject_id == member_id)
                .order_by(AuditRow.seq.desc())
                .limit(HISTORY_LIMIT)
            )
            return [HistoryLine(r.at, r.action, r.detail) for r in rows]

    def level_history(self, member_id: str) -> list[LevelChangeView]:
        with self.db.reading() as session:
            return daily.level_history(session, member_id)

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
    ) -> WithSlips[MemberView]:
        """办卡 in one step: card number, phone and name; the rest may come later."""
        with self.db.transaction() as session:
            member = enrolment.enrol(
                session,
                card_no=card_no,
                phone=phone,
                name=name,
                on=self.today(),
                actor_id=cashier.id,
                card_type_id=card_type_id,
                sex=sex,
                birthday=birthday,
            )
            return WithSlips(member, tuple(self._enrolment_slip(session, member, cashier)))

    def update_profile(
        self, member_id: str, changes: ProfileChanges, *, cashier: StaffView
    ) -> MemberView:
        with self.db.transaction() as session:
            return enrolment.update_profile(session, member_id, changes, actor_id=cashier.id)

    def full_phone(self, member_id: str, *, cashier: StaffView, approver: StaffView) -> str:
        """The unmasked phone for a manager; each look is audited."""
        with self.db.transaction() as session:
            return enrolment.full_phone(
                session, member_id, actor_id=cashier.id, approver_id=approver.id
            )

    # -- stored value ----------------------------------------------------------------------------

    def settings(self) -> MemberSettings:
        with self.db.reading() as session:
            return load_settings(session)

    def preview_top_up(self, member_id: str, amount_fen: int) -> TopUpPreview:
        """The bonus a top-up of ``amount_fen`` gives today; zero, negative and above the cap
        are refused here, before any money is taken."""
        today = self.today()
        with self.db.reading() as session:
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
        with self.db.transaction() as session:
            receipt = member_payments.top_up_at_counter(
                session,
                member_id,
                amount_fen,
                tenders,
                cashier=cashier,
                shift_id=shift_id,
                config=self.config,
            )
            jobs = self._top_up_slip(
                session,
                receipt.top_up,
                cashier,
                receipt_no=receipt.payment.receipt_no,
                open_drawer=receipt.payment.opens_drawer,
            )
            return WithSlips(receipt, tuple(jobs))

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
        (``member_payments.store_change_at_counter``)."""
        with self.db.transaction() as session:
            receipt = member_payments.store_change_at_counter(
                session,
                member_id,
                sale_order_id,
                amount_fen,
                cashier=cashier,
                shift_id=shift_id,
                config=self.config,
            )
            jobs = self._top_up_slip(
                session, receipt.top_up, cashier, receipt_no=receipt.payment.receipt_no
            )
            return WithSlips(receipt, tuple(jobs))

    def refund_principal(
        self,
        member_id: str,
        amount_fen: int | None,
        *,
        reason: str,
        cashier: StaffView,
        approver: StaffView,
        shift_id: str | None = None,
    ) -> PrincipalRefundResult:
        """退本金: the cash leaves the drawer as an order of its own, so the shift counts it."""
        with self.db.transaction() as session:
            result = stored_value.refund_unused_principal(
                session,
                member_id,
                amount_fen,
                on=self.today(),
                reason=reason,
                actor_id=cashier.id,
                approver_id=approver.id,
            )
            if result.cash_fen:
                member_payments.pay_out_to_member(
                    session,
                    OrderKind.TOP_UP,
                    member_id,
                    result.cash_fen,
                    label="退本金",
                    cashier=cashier,
                    approver=approver,
                    shift_id=shift_id,
                    config=self.config,
                    ledger_entries=[result.line.payload()],
                )
            return result

    # -- card operations -------------------------------------------------------------------------

    def report_loss(
        self, member_id: str, *, cashier: StaffView, reason: str = "挂失"
    ) -> MemberView:
        with self.db.transaction() as session:
            return cards.report_loss(
                session, member_id, actor_id=cashier.id, on=self.today(), reason=reason
            )

    def cancel_loss(self, member_id: str, *, cashier: StaffView, approver: StaffView) -> MemberView:
        with self.db.transaction() as session:
            return cards.cancel_loss(
                session, member_id, actor_id=cashier.id, approver_id=approver.id
            )

    def replace_card(
        self,
        member_id: str,
        new_card_no: str,
        *,
        reason: str,
        cashier: StaffView,
        approver: StaffView,
    ) -> MemberView:
        with self.db.transaction() as session:
            return cards.replace_card(
                session,
                member_id,
                new_card_no,
                on=self.today(),
                reason=reason,
                actor_id=cashier.id,
                approver_id=approver.id,
            )

    def freeze(
        self, member_id: str, *, reason: str, cashier: StaffView, approver: StaffView
    ) -> MemberView:
        with self.db.transaction() as session:
            return cards.freeze(
                session, member_id, reason=reason, actor_id=cashier.id, approver_id=approver.id
            )

    def unfreeze(self, member_id: str, *, cashier: StaffView, approver: StaffView) -> MemberView:
        with self.db.transaction() as session:
            return cards.unfreeze(session, member_id, actor_id=cashier.id, approver_id=approver.id)

    def reset(
        self,
        member_id: str,
        what: str,
        *,
        reason: str,
        cashier: StaffView,
        approver: StaffView,
    ) -> None:
        """``what``: ``balance``, ``points``, ``visits`` or ``spend`` (each a reversing entry)."""
        operations: dict[str, Callable[..., Any]] = {
            "balance": cards.reset_balance,
            "points": cards.reset_points,
            "visits": cards.reset_visit_count,
            "spend": cards.reset_total_spend,
        }
        operation = operations.get(what)
        if operation is None:
            raise MemberError(f"未知的清零项目：{what}")
        with self.db.transaction() as session:
            operation(
                session,
                member_id,
                reason=reason,
                on=self.today(),
                actor_id=cashier.id,
                approver_id=approver.id,
            )

    def adjust_points(
        self, member_id: str, delta: int, *, reason: str, cashier: StaffView, approver: StaffView
    ) -> PointsLine:
        with self.db.transaction() as session:
            return points.adjust_points(
                session,
                member_id,
                delta,
                reason=reason,
                on=self.today(),
                actor_id=cashier.id,
                approver_id=approver.id,
            )

    def change_level(
        self,
        member_id: str,
        card_type_id: str,
        *,
        reason: str,
        cashier: StaffView,
        approver: StaffView,
    ) -> LevelChangeView:
        with self.db.transaction() as session:
            return daily.change_card_type(
                session,
                member_id,
                card_type_id,
                on=self.today(),
                reason=reason,
                actor_id=cashier.id,
                approver_id=approver.id,
            )

    def set_password(
        self,
        member_id: str,
        password: str,
        *,
        cashier: StaffView,
        old_password: str | None = None,
        approver: StaffView | None = None,
    ) -> None:
        """Set the member's password, change it (old one given) or reset it (a manager)."""

        def run(session: Session) -> None:
            cards.set_password(
                session,
                member_id,
                password,
                actor_id=cashier.id,
                old_password=old_password,
                approver_id=approver.id if approver is not None else None,
            )

        self._keep_refusal(run)

    def clear_password(self, member_id: str, *, cashier: StaffView, approver: StaffView) -> None:
        with self.db.transaction() as session:
            cards.clear_password(session, member_id, actor_id=cashier.id, approver_id=approver.id)

    # -- points and gifts ------------------------------------------------------------------------

    def gifts(self, *, include_retired: bool = False) -> list[GiftView]:
        with self.db.reading() as session:
            return gifts.list_gifts(session, include_retired=include_retired)

    def redeem_gift(
        self, member_id: str, gift_id: str, quantity: int = 1, *, cashier: StaffView
    ) -> WithSlips[Redemption]:
        """积分兑换 with its slip."""
        with self.db.transaction() as session:
            redemption = gifts.redeem_gift(
                session, member_id, gift_id, quantity, on=self.today(), actor_id=cashier.id
            )
            return WithSlips(redemption, tuple(self._redemption_slip(session, redemption, cashier)))

    def create_gift(
        self, name: str, points_cost: int, stock: int, *, cashier: StaffView, approver: StaffView
    ) -> GiftView:
        with self.db.transaction() as session:
            return gifts.create_gift(
                session, name, points_cost, stock, actor_id=cashier.id, approver_id=approver.id
            )

    def restock_gift(
        self, gift_id: str, delta: int, *, reason: str, cashier: StaffView
    ) -> GiftView:
        with self.db.transaction() as session:
            return gifts.restock_gift(session, gift_id, delta, reason=reason, actor_id=cashier.id)

    # -- count cards -----------------------------------------------------------------------------

    def packages(self) -> list[PackageView]:
        with self.db.reading() as session:
            return count_cards.list_packages(session)

    def create_package(
        self,
        name: str,
        service: str,
        uses: int,
        price_fen: int,
        validity_days: int | None,
        *,
        cashier: StaffView,
        approver: StaffView,
    ) -> PackageView:
        with self.db.transaction() as session:
            return count_cards.create_package(
                session,
                name,
                service,
                uses,
                price_fen,
                validity_days,
                actor_id=cashier.id,
                approver_id=approver.id,
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
        with self.db.transaction() as session:
            receipt = member_payments.sell_count_card_at_counter(
                session,
                member_id,
                package_id,
                tenders,
                cashier=cashier,
                shift_id=shift_id,
                config=self.config,
            )
            config = self.config
            data = member_slips.count_card_sale_slip_data(
                receipt.count_card,
                view_of(session, member_id),
                config.store_name,
                cashier.name,
                local_time_text(utcnow(), config.timezone),
                receipt_no=receipt.payment.receipt_no,
                entry_no=receipt.count_card.id,
                header=config.receipt_header,
                footer=config.receipt_footer,
            )
            document = receipts.count_card_slip(data, config.receipt_width)
            jobs = self._queue(
                session, receipts.PrintJobKind.COUNT_CARD, document, receipt.payment.opens_drawer
            )
            return WithSlips(receipt, tuple(jobs))

    def use_count_card(self, count_card_id: str, *, cashier: StaffView) -> WithSlips[CountCardUse]:
        """核销一次, with a slip of what remains."""
        with self.db.transaction() as session:
            use = count_cards.use_count_card(
                session, count_card_id, on=self.today(), actor_id=cashier.id
            )
            return WithSlips(use, tuple(self._count_card_slip(session, use, cashier)))

    def refund_count_card(
        self,
        count_card_id: str,
        *,
        reason: str,
        cashier: StaffView,
        approver: StaffView,
        shift_id: str | None = None,
    ) -> CountCardRefund:
        """退次卡: the unused uses' money leaves the drawer as an order the shift counts."""
        with self.db.transaction() as session:
            result = count_cards.refund_count_card(
                session,
                count_card_id,
                on=self.today(),
                reason=reason,
                actor_id=cashier.id,
                approver_id=approver.id,
            )
            if result.refund_fen:
                member_payments.pay_out_to_member(
                    session,
                    OrderKind.COUNT_CARD,
                    result.card.member_id,
                    result.refund_fen,
                    label="退次卡",
                    cashier=cashier,
                    approver=approver,
                    shift_id=shift_id,
                    config=self.config,
                    ledger_entries=[
                        {"count_card_id": result.card.id, "uses": -result.uses_refunded}
                    ],
                )
            return result

    # -- coupons ---------------------------------------------------------------------------------

    def coupon_templates(self) -> list[TemplateView]:
        with self.db.reading() as session:
            return coupons.list_templates(session)

    def create_coupon_template(
        self,
        name: str,
        terms: CouponTerms,
        *,
        valid_days: int | None,
        cashier: StaffView,
        approver: StaffView,
    ) -> TemplateView:
        with self.db.transaction() as session:
            return coupons.create_template(
                session,
                name,
                terms,
                valid_days=valid_days,
                actor_id=cashier.id,
                approver_id=approver.id,
            )

    def issue_coupons(
        self,
        template_id: str,
        member_ids: Sequence[str],
        *,
        cashier: StaffView,
        approver: StaffView | None = None,
    ) -> list[CouponView]:
        """发券 to one member or a list, valid as the template says; audited with both people."""
        with self.db.transaction() as session:
            return coupons.issue_coupons(
                session,
                template_id,
                member_ids,
                on=self.today(),
                actor_id=cashier.id,
                approver_id=approver.id if approver is not None else None,
            )

    def member_coupons(self, member_id: str) -> list[CouponView]:
        with self.db.reading() as session:
            return coupons.member_coupons(session, member_id, on=self.today())

    # -- card types and bonus rules (a manager's) ------------------------------------------------

    def card_types(self) -> list[CardTypeView]:
        with self.db.reading() as session:
            return card_types.list_card_types(session)

    def save_card_type(
        self,
        card_type_id: str | None,
        data: CardTypeInput,
        *,
        cashier: StaffView,
        approver: StaffView,
    ) -> CardType:
        with self.db.transaction() as session:
            if card_type_id is None:
                return card_types.create_card_type(
                    session, data, actor_id=cashier.id, approver_id=approver.id
                )
            return card_types.update_card_type(
                session, card_type_id, data, actor_id=cashier.id, approver_id=approver.id
            )

    def bonus_rules(self) -> list[BonusRuleView]:
        with self.db.reading() as session:
            return card_types.list_bonus_rules(session)

    def create_bonus_rule(
        self,
        min_top_up_fen: int,
        bonus_fen: int,
        *,
        card_type_id: str | None = None,
        valid_from: dt.date | None = None,
        valid_to: dt.date | None = None,
        cashier: StaffView,
        approver: StaffView,
    ) -> BonusRuleView:
        with self.db.transaction() as session:
            return card_types.create_bonus_rule(
                session,
                min_top_up_fen,
                bonus_fen,
                valid_from=valid_from,
                valid_to=valid_to,
                card_type_id=card_type_id,
                actor_id=cashier.id,
                approver_id=approver.id,
            )

    def retire_bonus_rule(self, rule_id: str, *, cashier: StaffView, approver: StaffView) -> None:
        with self.db.transaction() as session:
            card_types.retire_bonus_rule(
                session, rule_id, actor_id=cashier.id, approver_id=approver.id
            )

    # -- reminders, export, the daily job --------------------------------------------------------

    def reminders(
        self,
        *,
        days: int = 7,
        no_visit_days: int | None = reminders_query.DEFAULT_NO_VISIT_DAYS,
        expiry_days: int | None = 30,
        on: dt.date | None = None,
    ) -> list[Reminder]:
        if days < 0:
            raise MemberError("天数不能为负数")
        with self.db.reading() as session:
            return reminders_query.due_reminders_for(
                session, on or self.today(), days, no_visit_days, expiry_days
            )

    def export_members(self, path: Path, *, cashier: StaffView, approver: StaffView) -> int:
        """All members with full phones (a manager's, audited)."""
        with self.db.transaction() as session:
            return member_io.export_members(
                session, path, actor_id=cashier.id, approver_id=approver.id
            )

    def run_daily(self) -> DailyReport:
        with self.db.transaction() as session:
            return daily.run_daily(session, self.today())

    # -- slips (queued in the action's transaction, printed after the commit) -------------------

    def _queue(
        self,
        session: Session,
        kind: receipts.PrintJobKind,
        document: receipts.Document,
        open_drawer: bool = False,
    ) -> list[str]:
        return [enqueue(session, kind, document, open_drawer=open_drawer)]

    def _top_up_slip(
        self,
        session: Session,
        result: TopUpResult,
        cashier: StaffView,
        *,
        receipt_no: str | None = None,
        open_drawer: bool = False,
    ) -> list[str]:
        config = self.config
        data = member_slips.top_up_slip_data(
            result,
            config.store_name,
            cashier.name,
            local_time_text(utcnow(), config.timezone),
            receipt_no=receipt_no,
            header=config.receipt_header,
            footer=config.receipt_footer,
        )
        document = receipts.stored_value_slip(data, config.receipt_width)
        return self._queue(session, receipts.PrintJobKind.STORED_VALUE, document, open_drawer)

    def _redemption_slip(
        self, session: Session, redemption: Redemption, cashier: StaffView
    ) -> list[str]:
        config = self.config
        data = member_slips.redemption_slip_data(
            redemption,
            config.store_name,
            cashier.name,
            local_time_text(utcnow(), config.timezone),
            header=config.receipt_header,
            footer=config.receipt_footer,
        )
        return self._queue(
            session,
            receipts.PrintJobKind.REDEMPTION,
            receipts.redemption_slip(data, config.receipt_width),
        )

    def _count_card_slip(
        self, session: Session, use: CountCardUse, cashier: StaffView
    ) -> list[str]:
        config = self.config
        data = member_slips.count_card_slip_data(
            use,
            view_of(session, use.card.member_id),
            config.store_name,
            cashier.name,
            local_time_text(utcnow(), config.timezone),
            header=config.receipt_header,
            footer=config.receipt_footer,
        )
        return self._queue(
            session,
            receipts.PrintJobKind.COUNT_CARD,
            receipts.count_card_slip(data, config.receipt_width),
        )

    def _enrolment_slip(
        self, session: Session, member: MemberView, cashier: StaffView
    ) -> list[str]:
        config = self.config
        data = member_slips.enrolment_slip_data(
            member,
            config.store_name,
            cashier.name,
            local_time_text(utcnow(), config.timezone),
            header=config.receipt_header,
            footer=config.receipt_footer,
        )
        return self._queue(
            session,
            receipts.PrintJobKind.ENROLMENT,
            receipts.enrolment_slip(data, config.receipt_width),
        )
