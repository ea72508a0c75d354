"""The counter's services as the screen calls them: one method, one user action, one transaction.

Every method takes and returns plain values and frozen views, so the screen never holds a
database session or row. Errors the cashier can fix are ``ValueError`` subclasses with a plain
Chinese message; the screen shows ``str(error)``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

from app.config import Config
from app.members import daily, enrolment
from app.members.accounts import MemberView
from app.members.calendar import occurrences_between
from app.members.daily import DailyReport, UpkeepRefused
from app.pos import (
    catalog,
    catalog_io,
    checkout,
    orders,
    parking,
    promotions,
    receivables,
    shifts,
    staff,
    stock,
)
from app.pos.business_day import (
    accept_corrected_clock,
    business_day,
    business_today,
    check_business_day,
)
from app.pos.cart import Cart, CartMember, CartProduct
from app.pos.member_analytics import MemberAnalyticsService
from app.pos.member_filter_service import MemberFilterService
from app.pos.member_spend import MemberSpend, SpendAuthorisation, SpendGuard
from app.pos.pricing import Buyer
from app.pos.promotion_blacklist import BlacklistRules, load_rules, save_rules
from app.pos.promotion_rules import Promotion
from app.pos.report_service import ReportService
from app.pos.staff import Sensitive, StaffView, approver_of
from app.pos.tenders import Tender, TenderMethod
from app.storage import audit
from app.storage.approvals import Approval, PasswordCheck, spend
from app.storage.backup import (
    GoodBackup,
    backup_due,
    check_backup,
    copy_to_second_folder,
    good_backups,
    good_backups_in,
    make_backup,
    second_folder_for,
)
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.ids import new_id
from app.storage.models import Role

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ScannedItem:
    """A scan resolved to what the cart needs: the product and, for weighed labels, qty or price."""

    product: CartProduct
    barcode: str
    qty_milli: int | None
    amount_fen: int | None


def cart_product(view: catalog.ProductView) -> CartProduct:
    return CartProduct(
        id=view.id,
        code=view.code,
        name=view.name,
        unit=view.unit,
        price_fen=view.price_fen,
        by_weight=view.by_weight,
        track_stock=view.track_stock,
        cost_fen=view.cost_fen,
        member_price_fen=view.member_price_fen,
        category_id=view.category_id,
    )


def cart_member(view: MemberView, today: dt.date) -> CartMember:
    value = view.card_type.points_value
    numerator, denominator = value if isinstance(value, tuple) else (value, 1)
    birthday_today = view.birthday is not None and bool(
        occurrences_between(view.birthday, today, today)
    )
    return CartMember(
        member_id=view.id,
        name=view.name,
        card_no_masked=view.card_no_masked,
        level_name=view.card_type.name,
        discount_bp=view.discount_bp,
        password_required=view.password_required,
        principal_fen=view.principal_fen,
        bonus_fen=view.bonus_fen,
        points=view.points,
        point_value=(numerator, denominator),
        phone_masked=view.phone_masked,
        birthday_today=birthday_today,
    )


class CounterService:
    def __init__(self, db: Database, config: Config) -> None:
        self.db = db
        self.config = config
        #: Asked before a member's stored value or points pay (set when the head office is).
        self.spend_guard: SpendGuard | None = None
        self.promotion_cache = promotions.PromotionCache()

    # -- staff ---------------------------------------------------------------------------------

    def staff_names(self) -> list[str]:
        with self.db.reading() as session:
            return staff.list_staff_names(session)

    def login(self, name: str, pin: str) -> StaffView:
        # The failure counter must be kept even when the PIN is wrong, so commit before raising.
        error: staff.StaffError | None = None
        with self.db.transaction() as session:
            try:
                view = staff.authenticate(
                    session,
                    name,
                    pin,
                    max_failures=self.config.pin_lockout_failures,
                    lockout_minutes=self.config.pin_lockout_minutes,
                )
            except staff.StaffError as exc:
                error = exc
            else:
                log.info("%s logged in", view.name)
                return view
        log.info("login refused for %s: %s", name, error)
        raise error

    def logout(self) -> None:
        """The person at the counter left: their own approvals need a PIN again."""
        staff.sign_out()

    def approve(self, name: str, pin: str, action: Sensitive, requested_by: StaffView) -> Approval:
        """A manager's name and PIN for ``action``: the proof the service that does it spends.
        Wrong PINs count against that manager's approvals (committed before the refusal)."""
        error: staff.StaffError | None = None
        with self.db.transaction() as session:
            try:
                return staff.approve(
                    session,
                    name,
                    pin,
                    action,
                    requested_by=requested_by,
                    max_failures=self.config.pin_lockout_failures,
                    lockout_minutes=self.config.pin_lockout_minutes,
                )
            except staff.StaffError as exc:
                error = exc
        raise error

    def approve_signed_in(self, manager: StaffView, action: Sensitive) -> Approval:
        """The manager logged in at this counter approves their own action, no second PIN."""
        with self.db.reading() as session:
            return staff.approve_signed_in(session, manager, action)

    def take_lock_notices(self, owner: StaffView) -> list[staff.LockNotice]:
        """Logins and approvals locked by wrong PINs since the owner last looked; an empty list
        for anyone but an owner. Marked seen."""
        with self.db.transaction() as session:
            return staff.take_lock_notices(session, owner)

    def staff_list(self) -> list[staff.StaffEntry]:
        with self.db.reading() as session:
            return staff.list_staff(session)

    def add_staff(
        self, name: str, role: Role, pin: str, *, actor: StaffView, approver: StaffView
    ) -> staff.StaffEntry:
        with self.db.transaction() as session:
            return staff.hire(session, name, role, pin, actor=actor, approver=approver)

    def change_staff_role(
        self, staff_id: str, role: Role, *, actor: StaffView, approver: StaffView
    ) -> staff.StaffEntry:
        with self.db.transaction() as session:
            return staff.change_role(session, staff_id, role, actor=actor, approver=approver)

    def set_staff_active(
        self, staff_id: str, active: bool, *, actor: StaffView, approver: StaffView
    ) -> staff.StaffEntry:
        with self.db.transaction() as session:
            return staff.set_active(session, staff_id, active, actor=actor, approver=approver)

    def reset_staff_pin(
        self, staff_id: str, pin: str, *, actor: StaffView, approver: StaffView
    ) -> staff.StaffEntry:
        with self.db.transaction() as session:
            return staff.reset_pin(session, staff_id, pin, actor=actor, approver=approver)

    # -- catalog -------------------------------------------------------------------------------

    def scan(self, code: str) -> ScannedItem:
        with self.db.reading() as session:
            match = catalog.lookup_scan(session, code, self.config.weighed_layouts)
        return ScannedItem(
            product=cart_product(match.product),
            barcode=match.barcode,
            qty_milli=match.qty_milli,
            amount_fen=match.amount_fen,
        )

    def search(self, text: str, limit: int = 20) -> list[catalog.ProductView]:
        with self.db.reading() as session:
            return catalog.search_products(session, text, limit)

    # -- the products screen (changes made in a manager's name) --------------------------------

    def browse_products(
        self, text: str = "", *, category: str | None = None, include_retired: bool = False
    ) -> list[catalog.ProductView]:
        with self.db.reading() as session:
            return catalog.browse_products(
                session, text, category=category, include_retired=include_retired
            )

    def categories(self) -> list[catalog.CategoryView]:
        with self.db.reading() as session:
            return catalog.list_categories(session)

    def price_history(self, product_id: str) -> list[catalog.PriceChange]:
        with self.db.reading() as session:
            return catalog.price_history(session, product_id)

    def add_product(
        self, data: catalog.ProductInput, *, actor: StaffView, approver: StaffView
    ) -> catalog.ProductView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return catalog.create_product(
                session,
                data,
                actor_id=actor.id,
                approver_id=approver.id,
                max_price_fen=self.config.max_amount_fen,
            )

    def edit_product(
        self,
        product_id: str,
        data: catalog.ProductInput,
        *,
        actor: StaffView,
        approver: StaffView,
    ) -> catalog.ProductView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return catalog.update_product(
                session,
                product_id,
                data,
                actor_id=actor.id,
                approver_id=approver.id,
                max_price_fen=self.config.max_amount_fen,
            )

    def set_product_active(
        self, product_id: str, active: bool, *, actor: StaffView, approver: StaffView
    ) -> catalog.ProductView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return catalog.set_product_active(
                session, product_id, active, actor_id=actor.id, approver_id=approver.id
            )

    def import_products(
        self, path: Path, *, actor: StaffView, approver: StaffView
    ) -> catalog_io.ImportReport:
        """Products added and updated from a CSV or XLSX file (bad rows listed, not written)."""
        with self.db.reading() as session:
            catalog.check_approver(session, approver.id)
        return catalog_io.import_products(
            self.db, path, actor_id=approver.id, max_price_fen=self.config.max_amount_fen
        )

    def export_products(self, path: Path) -> int:
        """Every product, one row per barcode, to CSV or XLSX; the rows written."""
        return catalog_io.export_products(self.db, path)

    def add_category(
        self, name: str, *, actor: StaffView, approver: StaffView
    ) -> catalog.CategoryView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return catalog.add_category(session, name, actor_id=actor.id, approver_id=approver.id)

    def rename_category(
        self, category_id: str, name: str, *, actor: StaffView, approver: StaffView
    ) -> catalog.CategoryView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return catalog.rename_category(
                session, category_id, name, actor_id=actor.id, approver_id=approver.id
            )

    # -- the stock screen (in a manager's name) -------------------------------------------------

    def check_stock_line(self, line: stock.StockLine, *, receiving: bool) -> int:
        """A receiving or return line checked as it is added (nothing written); its cost."""
        with self.db.reading() as session:
            return stock.check_line(session, line, self.config.max_amount_fen, receiving=receiving)

    def receive_goods(
        self,
        supplier: str,
        lines: list[stock.StockLine],
        *,
        note: str = "",
        actor: StaffView,
        approver: StaffView,
    ) -> stock.StockDocumentView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return stock.receive_goods(
                session,
                supplier,
                lines,
                actor_id=actor.id,
                approver_id=approver.id,
                note=note,
                max_fen=self.config.max_amount_fen,
            )

    def return_to_supplier(
        self,
        supplier: str,
        lines: list[stock.StockLine],
        *,
        note: str = "",
        actor: StaffView,
        approver: StaffView,
    ) -> stock.StockDocumentView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return stock.return_to_supplier(
                session,
                supplier,
                lines,
                actor_id=actor.id,
                approver_id=approver.id,
                note=note,
                max_fen=self.config.max_amount_fen,
            )

    def count_stock(
        self,
        counts: list[stock.CountLine],
        *,
        note: str = "",
        actor: StaffView,
        approver: StaffView,
    ) -> stock.StockDocumentView:
        with self.db.transaction() as session:
            catalog.check_approver(session, approver.id)
            return stock.count_stock(
                session, counts, actor_id=actor.id, approver_id=approver.id, note=note
            )

    def low_stock(self) -> list[stock.LowStockView]:
        with self.db.reading() as session:
            return stock.low_stock(session)

    def product_moves(self, product_id: str) -> list[stock.StockMoveView]:
        with self.db.reading() as session:
            return stock.product_moves(session, product_id)

    def product(self, product_id: str) -> catalog.ProductView:
        with self.db.reading() as session:
            return catalog.get_product(session, product_id)

    def new_cart(self) -> Cart:
        """A cart priced with the promotions in force (loaded once, kept until they change)."""
        cart = Cart(rounding=self.config.rounding, max_quantity=self.config.max_quantity)
        self.prepare_cart(cart)
        return cart

    def prepare_cart(self, cart: Cart) -> None:
        """Give a cart (new or taken back) the store's clock, promotions and member loader."""
        cart.clock = self.store_now
        if cart.lines and cart.started_at is None:  # a parked cart is priced from its return
            cart.started_at = self.store_now()
        with self.db.reading() as session:
            cart.book = self.promotion_cache.get(session, self.today())
        cart.buyer_loader = self.buyer_of

    def store_now(self) -> dt.datetime:
        """Store time (naive), what promotion hours and days are written in."""
        return utcnow().astimezone(ZoneInfo(self.config.timezone)).replace(tzinfo=None)

    def buyer_of(self, member_id: str) -> Buyer | None:
        with self.db.reading() as session:
            book = self.promotion_cache.get(session, self.today())
            return promotions.buyer_of(session, member_id, book, self.today())

    # -- promotions (changed in a manager's name, as products are) ------------------------------

    def list_promotions(self, *, include_retired: bool = True) -> list[promotions.PromotionView]:
        with self.db.reading() as session:
            return promotions.list_promotions(session, include_retired=include_retired)

    def save_promotion(
        self, rule: Promotion, *, actor: StaffView, approver: StaffView
    ) -> promotions.PromotionView:
        with self.db.transaction() as session:
            saved = promotions.save_promotion(
                session, rule, actor_id=actor.id, approver_id=approver.id
            )
        self.promotion_cache.invalidate()
        return saved

    def retire_promotion(self, promotion_id: str, *, actor: StaffView, approver: StaffView) -> None:
        with self.db.transaction() as session:
            promotions.retire_promotion(
                session, promotion_id, actor_id=actor.id, approver_id=approver.id
            )
        self.promotion_cache.invalidate()

    def promotion_blacklist(self) -> list[promotions.BlacklistEntry]:
        with self.db.reading() as session:
            return promotions.list_blacklist(session, self.today())

    def blacklist_member(
        self, card_or_phone: str, reason: str, *, actor: StaffView, approver: StaffView
    ) -> None:
        with self.db.transaction() as session:
            member = enrolment.find_member(session, card_or_phone)
            promotions.blacklist_member(
                session, member.id, reason, actor_id=actor.id, approver_id=approver.id
            )
        self.promotion_cache.invalidate()

    def unblacklist_member(self, member_id: str, *, actor: StaffView, approver: StaffView) -> None:
        with self.db.transaction() as session:
            promotions.unblacklist_member(
                session, member_id, actor_id=actor.id, approver_id=approver.id, today=self.today()
            )
        self.promotion_cache.invalidate()

    def blacklist_rules(self) -> BlacklistRules:
        with self.db.reading() as session:
            return load_rules(session)

    def save_blacklist_rules(
        self,
        rules: BlacklistRules,
        *,
        actor: StaffView,
        approver: StaffView,
    ) -> BlacklistRules:
        with self.db.transaction() as session:
            saved = save_rules(session, rules, actor_id=actor.id, approver_id=approver.id)
        self.promotion_cache.invalidate()
        return saved

    def product_ids_for(self, codes: str) -> frozenset[str]:
        """Products named by codes or barcodes, separated by commas or spaces (a rule's list)."""
        with self.db.reading() as session:
            return frozenset(
                catalog.lookup_scan(session, code, self.config.weighed_layouts).product.id
                for code in codes.replace("，", ",").replace(",", " ").split()
            )

    # -- selling -------------------------------------------------------------------------------

    def pay(
        self,
        cart: Cart,
        tenders: list[Tender],
        *,
        cashier: StaffView,
        shift_id: str | None,
        member_password: PasswordCheck | None = None,
    ) -> checkout.SaleResult:
        """``member_password``: the proof ``members.cards.verify_password`` gave for the attached
        member, where stored value or 挂账 needs the card's password."""
        order_id = new_id()
        authorisation = self._authorise_member_spend(cart, tenders, order_id)
        try:
            with self.db.transaction() as session:
                result = checkout.checkout(
                    session,
                    cart,
                    tenders,
                    cashier=cashier,
                    shift_id=shift_id,
                    config=self.config,
                    member_password=member_password,
                    order_id=order_id,
                )
        except BaseException:
            if authorisation is not None:
                authorisation.release()
            raise
        log.info(
            "sale %s paid by %s: %d fen (%s)",
            result.receipt_no,
            cashier.name,
            result.total_fen,
            ", ".join(t.method.value for t in tenders),
        )
        return result

    def _authorise_member_spend(
        self, cart: Cart, tenders: list[Tender], order_id: str
    ) -> SpendAuthorisation | None:
        """The guard's word on the member's money this payment spends, before its transaction
        (a hold at the head office must not be asked while the write lock is held)."""
        if self.spend_guard is None or cart.member is None:
            return None
        stored = sum(t.amount_fen for t in tenders if t.method is TenderMethod.STORED_VALUE)
        points = sum(t.amount_fen for t in tenders if t.method is TenderMethod.POINTS)
        if not stored and not points:
            return None
        wanted = MemberSpend(cart.member.member_id, order_id, stored, points)
        return self.spend_guard.authorise(wanted)

    # -- the day -------------------------------------------------------------------------------

    def daily_upkeep(self, *, now: dt.datetime | None = None) -> DailyReport | None:
        """Once a business day, at start: member levels, expiries, points expiry, a backup.

        Runs on a worker thread (the screen calls it through its task helper); a second call on
        the same day does nothing and returns None. A business day that went backwards raises
        :class:`UpkeepRefused` with nothing changed (the backup is still taken when due).
        """
        moment = now or utcnow()
        config = self.config
        today = business_day(moment, config.timezone, config.business_day_cutoff_hour)
        refused: UpkeepRefused | None = None
        report: DailyReport | None = None
        with self.db.transaction() as session:
            if not daily.upkeep_done(session, today):
                try:
                    check_business_day(session, today)
                except UpkeepRefused as exc:
                    refused = exc
                else:
                    report = daily.run_daily(session, today, timezone=config.timezone)
        if backup_due(config.data_dir, now=moment) and config.database_path.exists():
            make_backup(config.database_path, config.data_dir, now=moment)
        if refused is not None:
            log.warning("daily upkeep refused: %s", refused)
            raise refused
        return report

    # -- backups -------------------------------------------------------------------------------

    def backup_now(self) -> Path:
        """A backup made and checked now (the owner's button), then copied to the second folder
        as the daily one is; a second folder that is not there raises after the local backup."""
        config = self.config
        made = make_backup(config.database_path, config.data_dir)
        self.copy_backups()
        return made

    def _second_folder(self) -> tuple[Path, Path] | None:
        folder = self.config.backup.second_path
        if folder is None:
            return None
        return folder, second_folder_for(folder, self.config.store_code, self.config.counter_no)

    def copy_backups(self) -> list[Path]:
        """Copy the good backups to ``[backup] second_folder`` (nothing when none is set).

        Raises :class:`~app.storage.backup.SecondFolderUnavailable` when the folder is missing
        or cannot be written; the backups in the data directory are kept all the same."""
        second = self._second_folder()
        if second is None:
            return []
        return copy_to_second_folder(self.config.data_dir, *second)

    def backups_to_restore(self) -> list[GoodBackup]:
        """The good backups here and in the second folder, newest first (a backup copied to
        both is listed once, from here)."""
        found = {good.path.name: good for good in good_backups(self.config.data_dir)}
        second = self._second_folder()
        if second is not None:
            for good in good_backups_in(second[1]):
                found.setdefault(good.path.name, good)
        return sorted(found.values(), key=lambda good: good.made_at, reverse=True)

    def check_backup(self, backup: Path) -> GoodBackup:
        """What restoring ``backup`` would put in place, or a BackupError saying why not."""
        return check_backup(backup, self.config.database_path)

    def approve_restore(
        self, backup: Path, *, requested_by: StaffView, approval: Approval
    ) -> GoodBackup:
        """The owner's decision to restore ``backup``, checked and audited in the database about
        to be replaced (kept aside by the restore, so the record of who did it stays)."""
        with spend(approval, Sensitive.RESTORE, requested_by=requested_by.id) as approved:
            found = check_backup(backup, self.config.database_path)
            with self.db.transaction() as session:
                audit.record(
                    session,
                    "backup.restore",
                    actor_id=requested_by.id,
                    approver_id=approved.approver_id,
                    detail={"backup": backup.name, "made_at": found.made_at.isoformat()},
                )
            return found

    def clock_corrected(
        self, *, actor_id: str, approver_id: str | None = None, now: dt.datetime | None = None
    ) -> daily.ClockFixReport:
        """The owner put right a clock that ran ahead: undo the upkeep of the wrong days and let
        it run again from today (``business_day.accept_corrected_clock``)."""
        config = self.config
        today = business_day(now or utcnow(), config.timezone, config.business_day_cutoff_hour)
        with self.db.transaction() as session:
            return accept_corrected_clock(
                session, today, actor_id=actor_id, approver_id=approver_id
            )

    @property
    def reports(self) -> ReportService:
        """The back office's sales reports (报表)."""
        return ReportService(self.db, self.config)

    @property
    def member_analytics(self) -> MemberAnalyticsService:
        """The back office's member groups, segments and metrics (会员分析)."""
        return MemberAnalyticsService(self.db, self.config)

    @property
    def member_filters(self) -> MemberFilterService:
        """The member filters and saved lists (会员筛选)."""
        return MemberFilterService(self.db, self.config)

    def today(self) -> dt.date:
        """The store's business day now."""
        return business_today(self.config)

    def park(self, cart: Cart, *, cashier: StaffView, label: str = "") -> parking.ParkedCartView:
        with self.db.transaction() as session:
            return parking.park(session, cart, cashier=cashier, label=label)

    def parked_carts(self) -> list[parking.ParkedCartView]:
        with self.db.reading() as session:
            return parking.list_parked(session)

    def resume(self, parked_id: str) -> Cart:
        with self.db.transaction() as session:
            cart = parking.resume(session, parked_id)
        self.prepare_cart(cart)
        if cart.member is not None:
            cart.buyer = self.buyer_of(cart.member.member_id)
        return cart

    # -- after the sale ------------------------------------------------------------------------

    def find_order(self, receipt_no: str) -> orders.OrderView:
        with self.db.reading() as session:
            return orders.find_order(session, receipt_no)

    def last_order(self) -> orders.OrderView | None:
        with self.db.reading() as session:
            return orders.last_order(session)

    def void(self, receipt_no: str, *, cashier: StaffView, approval: Approval) -> orders.OrderView:
        with (
            spend(approval, Sensitive.VOID, requested_by=cashier.id) as approved,
            self.db.transaction() as session,
        ):
            return orders.void_order(
                session,
                receipt_no,
                cashier=cashier,
                approver=approver_of(approved),
                config=self.config,
            )

    def refund(
        self,
        receipt_no: str,
        quantities: dict[str, int],
        *,
        method: TenderMethod | None = None,
        cashier: StaffView,
        approval: Approval,
        shift_id: str | None,
        reason: str = "",
    ) -> orders.RefundResult:
        with (
            spend(approval, Sensitive.REFUND, requested_by=cashier.id) as approved,
            self.db.transaction() as session,
        ):
            return orders.refund(
                session,
                receipt_no,
                quantities,
                method=method,
                cashier=cashier,
                approver=approver_of(approved),
                shift_id=shift_id,
                config=self.config,
                reason=reason,
            )

    def open_receivables(self, customer: str = "") -> list[receivables.ReceivableView]:
        with self.db.reading() as session:
            return receivables.open_receivables(session, customer)

    def outstanding(self, text: str = "") -> list[receivables.DebtorView]:
        """挂账还款: who owes what and since when, found by name, card number or phone."""
        with self.db.reading() as session:
            return receivables.outstanding(session, text, today=self.today())

    def member_owed(self, member_id: str) -> receivables.MemberOwed:
        with self.db.reading() as session:
            return receivables.member_owed(session, member_id)

    def set_on_account_limit(
        self, limit_fen: int, *, cashier: StaffView, approval: Approval
    ) -> Config:
        """The store's 挂账 credit limit per debtor (0: none); the settings now in force."""
        with (
            spend(approval, Sensitive.MEMBER_RULES, requested_by=cashier.id) as approved,
            self.db.transaction() as session,
        ):
            config = receivables.set_limit(
                session, self.config, limit_fen, staff=cashier, approver=approver_of(approved)
            )
        self.config = config
        return config

    def settle_debtor(
        self,
        debtor: receivables.Debtor,
        amount_fen: int,
        method: TenderMethod,
        *,
        cashier: StaffView,
        shift_id: str | None,
    ) -> receivables.SettlementView:
        with self.db.transaction() as session:
            return receivables.settle_debtor(
                session, debtor, amount_fen, method, staff=cashier, shift_id=shift_id
            )

    def settle_receivable(
        self,
        receivable_id: str,
        amount_fen: int,
        method: TenderMethod,
        *,
        cashier: StaffView,
        shift_id: str | None,
    ) -> receivables.ReceivableView:
        with self.db.transaction() as session:
            return receivables.settle_receivable(
                session, receivable_id, amount_fen, method, staff=cashier, shift_id=shift_id
            )

    # -- shifts and the drawer -----------------------------------------------------------------

    def current_shift(self) -> shifts.ShiftView | None:
        with self.db.reading() as session:
            return shifts.current_shift(session)

    def open_shift(self, cashier: StaffView, opening_float_fen: int) -> shifts.ShiftView:
        with self.db.transaction() as session:
            return shifts.open_shift(session, cashier, opening_float_fen)

    def shift_report(self, shift_id: str) -> shifts.ShiftReport:
        with self.db.reading() as session:
            return shifts.shift_report(session, shift_id)

    def close_shift(
        self, shift_id: str, counted: dict[TenderMethod, int], *, cashier: StaffView
    ) -> shifts.ShiftReport:
        with self.db.transaction() as session:
            return shifts.close_shift(session, shift_id, counted, staff=cashier, config=self.config)

    def print_x_report(self, shift_id: str) -> shifts.ShiftReport:
        """The shift so far, queued for the printer (``print_job_id``)."""
        with self.db.transaction() as session:
            return shifts.print_x_report(session, shift_id, self.config)

    def move_cash(
        self,
        amount_fen: int,
        reason: str,
        *,
        cashier: StaffView,
        approval: Approval,
        shift_id: str,
    ) -> shifts.CashMoveView:
        """Cash put into (positive) or taken out of (negative) the drawer with a reason."""
        with (
            spend(approval, Sensitive.CASH_MOVE, requested_by=cashier.id) as approved,
            self.db.transaction() as session,
        ):
            return shifts.record_cash_move(
                session, shift_id, amount_fen, reason, staff=cashier, approver=approver_of(approved)
            )

    def record_drawer_opened(self, *, cashier: StaffView, approval: Approval) -> None:
        with (
            spend(approval, Sensitive.OPEN_DRAWER, requested_by=cashier.id) as approved,
            self.db.transaction() as session,
        ):
            shifts.record_drawer_opened(session, staff=cashier, approver=approver_of(approved))
