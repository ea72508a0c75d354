"""The member at the sale screen: the panel that shows who is attached, and the desk that attaches
them (F2, a card swipe), tops them up (F3), enrols a new one, redeems gifts, applies their coupons,
sells them a count card, and after a member's sale shows their balances and keeps the change on
the card (存零)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.members.errors import CouponRefused, MemberNotFound
from app.money import format_fen, format_yuan, parse_amount
from app.pos.cart import CartError
from app.pos.counter import cart_member
from app.ui.dialogs import PromptDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.members.accounts import MemberView
    from app.members.coupons import CouponView
    from app.members.gifts import Redemption
    from app.pos.cart import CartMember
    from app.pos.checkout import SaleResult
    from app.pos.member_desk.context import WithSlips
    from app.pos.member_desk.payments import CountCardReceipt, TopUpReceipt
    from app.pos.member_desk.queries import MemberDetail
    from app.pos.member_desk.stored_value import StoredValueDesk
    from app.ui.sale_screen import SaleScreen
    from app.ui.session import CounterSession

log = logging.getLogger(__name__)

#: What a member action returned alongside its slips.
_Done = TypeVar("_Done")

REMINDERS_HEIGHT = 200
#: Below this screen height the reminders start folded away (a status-bar button opens them).
ROOMY_SCREEN_HEIGHT = 900
COUPON_LIST_HEIGHT = 64
#: Two buttons a row leave room for the English labels; the column scrolls on small screens.
BUTTON_COLUMNS = 2


class MemberPanel(QFrame):
    """Name, level, balance (principal and bonus), points, count cards, coupons, the masked
    phone and a birthday badge; the member buttons below."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPanel")
        self.setAccessibleName(self.tr("会员信息"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.walk_in = QLabel(self.tr("散客（按 F2 或刷卡识别会员）"), self)
        self.walk_in.setObjectName("memberWalkIn")
        self.walk_in.setWordWrap(True)
        self.name_label = self._value("memberName", self.tr("会员姓名"))
        self.name_label.setProperty("role", "heading")
        self.badge = QLabel(self.tr("今天生日"), self)
        self.badge.setObjectName("birthdayBadge")
        self.badge.setAccessibleName(self.tr("今天生日"))
        self.badge.setProperty("role", "badge")
        self.level_label = self._value("memberLevel", self.tr("会员等级"))
        self.phone_label = self._value("memberPhone", self.tr("手机号"))
        self.balance_label = self._value("memberBalance", self.tr("余额"))
        self.balance_parts_label = self._value("memberBalanceParts", self.tr("本金和赠送"))
        self.balance_parts_label.setWordWrap(True)  # large balances, longer English words
        self.points_label = self._value("memberPoints", self.tr("积分"))
        self.pending_points_label = self._value("memberPendingPoints", self.tr("待总部确认的积分"))
        self.pending_points_label.setProperty("role", "caption")
        self.count_cards_label = self._value("memberCountCards", self.tr("次卡"))
        self.coupons_label = self._value("memberCoupons", self.tr("优惠券"))
        self.owed_label = self._value("memberPanelOwed", self.tr("挂账欠款"))
        self.owed_label.setProperty("role", "error")
        self.coupon_list = QListWidget(self)
        named(self.coupon_list, "memberCouponList", self.tr("可用优惠券"))
        self.coupon_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keys
        self.coupon_list.setMaximumHeight(COUPON_LIST_HEIGHT)
        self.coupons: list[CouponView] = []
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        header = QGridLayout()
        header.addWidget(self.name_label, 0, 0)
        header.addWidget(self.badge, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.details = QWidget(self)
        self.details.setObjectName("memberDetails")
        for row, (caption, label) in enumerate(
            (
                (self.tr("等级"), self.level_label),
                (self.tr("手机"), self.phone_label),
                (self.tr("余额"), self.balance_label),
                ("", self.balance_parts_label),
                (self.tr("积分"), self.points_label),
                (self.tr("待确认"), self.pending_points_label),
                (self.tr("次卡"), self.count_cards_label),
                (self.tr("优惠券"), self.coupons_label),
                (self.tr("欠款"), self.owed_label),
            )
        ):
            caption_label = QLabel(caption, self.details)
            caption_label.setProperty("role", "caption")
            label.setParent(self.details)
            grid.addWidget(caption_label, row, 0)
            grid.addWidget(label, row, 1)
            if label is self.pending_points_label:
                self.pending_caption = caption_label
        self.owed_caption = caption_label  # 欠款 shows only while the member owes something
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(header)
        details.addLayout(grid)
        details.addWidget(self.coupon_list)
        self.buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        buttons.setSpacing(4)
        for position, (name, text) in enumerate(
            (
                ("memberSearchButton", self.tr("会员 F2")),
                ("topUpButton", self.tr("充值 F3")),
                ("enrollButton", self.tr("办卡")),
                ("redeemButton", self.tr("积分兑换")),
                ("sellCountCardButton", self.tr("售次卡")),
                ("useCouponButton", self.tr("使用优惠券")),
                ("removeCouponButton", self.tr("取消优惠券")),
                ("detachMemberButton", self.tr("取消会员")),
            )
        ):
            button = QPushButton(text, self)
            named(button, name, text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            buttons.addWidget(button, position // BUTTON_COLUMNS, position % BUTTON_COLUMNS)
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.walk_in)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.show_member(None)

    def _value(self, object_name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setAccessibleName(accessible)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        return label

    def show_member(
        self,
        member: CartMember | None,
        detail: MemberDetail | None = None,
        applied_coupon_id: str | None = None,
    ) -> None:
        attached = member is not None
        self.walk_in.setVisible(not attached)
        self.details.setVisible(attached)
        for name in (
            "topUpButton",
            "redeemButton",
            "detachMemberButton",
            "sellCountCardButton",
            "useCouponButton",
        ):
            self.buttons[name].setEnabled(attached)
        self.buttons["removeCouponButton"].setEnabled(attached and applied_coupon_id is not None)
        if member is None:
            self.coupons = []
            self.coupon_list.clear()
            return
        self.name_label.setText(f"{member.name}  {member.card_no_masked}")
        self.badge.setVisible(member.birthday_today)
        self.level_label.setText(member.level_name)
        self.phone_label.setText(member.phone_masked or "-")
        self.balance_label.setText(format_yuan(member.balance_fen))
        self.balance_parts_label.setText(
            self.tr("本金 %1 + 赠送 %2")
            .replace("%1", format_yuan(member.principal_fen))
            .replace("%2", format_yuan(member.bonus_fen))
        )
        self._show_points(member.points, detail.pending_points if detail is not None else 0)
        owed = detail.owed if detail is not None else None
        self._show_owed(owed.owed_fen if owed is not None else 0, owed.since if owed else None)
        if detail is None:
            self.count_cards_label.setText("-")
            self.coupons_label.setText("-")
            self.coupons = []
            self.coupon_list.clear()
            return
        uses = sum(card.uses_left for card in detail.count_cards)
        self.count_cards_label.setText(
            self.tr("%1 张（剩 %2 次）")
            .replace("%1", str(len(detail.count_cards)))
            .replace("%2", str(uses))
        )
        self.coupons_label.setText(self.tr("%1 张").replace("%1", str(len(detail.coupons))))
        self.show_coupons(list(detail.coupons), applied_coupon_id)

    def _show_points(self, points: int, pending: int) -> None:
        """Posted points, and apart the points earned here that the head office has not posted
        yet (only while there are some): they count once posted."""
        self.points_label.setText(str(points - pending))
        self.pending_caption.setVisible(pending != 0)
        self.pending_points_label.setVisible(pending != 0)
        self.pending_points_label.setText(self.tr("+%1（待总部确认）").replace("%1", str(pending)))

    def _show_owed(self, owed_fen: int, since: dt.date | None) -> None:
        """欠款 (挂账 not yet paid back) and since when, only when the member owes something."""
        self.owed_caption.setVisible(owed_fen > 0)
        self.owed_label.setVisible(owed_fen > 0)
        text = format_yuan(owed_fen)
        if since is not None:
            text += self.tr("（自 %1）").replace("%1", since.isoformat())
        self.owed_label.setText(text if owed_fen > 0 else "")

    def show_coupons(self, coupons: list[CouponView], applied_coupon_id: str | None) -> None:
        """The member's coupons usable today, the one on this sale marked; the first (or the
        applied one) selected, so 使用优惠券 works without the mouse."""
        selected = self.selected_coupon()
        keep = selected.id if selected is not None else applied_coupon_id
        self.coupons = coupons
        self.coupon_list.clear()
        for coupon in coupons:
            text = (
                self.tr("%1（%2）至 %3")
                .replace("%1", coupon.name)
                .replace("%2", coupon.terms.label)
                .replace("%3", coupon.valid_to.isoformat())
            )
            if coupon.id == applied_coupon_id:
                text = self.tr("✓ 本单使用  %1").replace("%1", text)
            self.coupon_list.addItem(text)
        rows = [row for row, coupon in enumerate(coupons) if coupon.id == keep]
        if coupons:
            self.coupon_list.setCurrentRow(rows[0] if rows else 0)
        self.coupon_list.setVisible(bool(coupons))

    def selected_coupon(self) -> CouponView | None:
        row = self.coupon_list.currentRow()
        return self.coupons[row] if 0 <= row < len(self.coupons) else None


class MemberPart(QObject):
    """The sale screen's member part; built by the screen, it owns the panel and its keys."""

    def __init__(self, window: SaleScreen) -> None:
        super().__init__(window.main_window())
        self.window = window
        self.panel = MemberPanel(window.main_window())
        window.add_to_side_column(self.panel)
        self._build_after_sale()
        for name, handler in (
            ("memberSearchButton", self.search),
            ("topUpButton", self.top_up),
            ("enrollButton", self.enrol),
            ("redeemButton", self.redeem),
            ("sellCountCardButton", self.sell_count_card),
            ("useCouponButton", self.use_coupon),
            ("removeCouponButton", self.remove_coupon),
            ("detachMemberButton", self.detach),
        ):
            self.panel.buttons[name].clicked.connect(lambda _checked=False, h=handler: h())
        window.cardSwiped.connect(self.attach)
        window.lineScanned.connect(lambda _index: self.clear_after_sale())
        window.model.modelReset.connect(self.refresh)
        self._build_menu()
        self._build_reminders()
        self.refresh()

    def _build_after_sale(self) -> None:
        """Under the change: the member's balances after their sale and 存零, until the next
        scan."""
        self.after_sale = QFrame(self.window.main_window())
        self.after_sale.setObjectName("memberAfterSale")
        self.after_sale.setAccessibleName(self.tr("会员消费后余额"))
        self.after_sale_label = QLabel(self.after_sale)
        self.after_sale_label.setObjectName("afterSaleBalances")
        self.after_sale_label.setAccessibleName(self.tr("会员消费后余额"))
        self.after_sale_label.setWordWrap(True)
        self.store_change_button = QPushButton(self.tr("存入会员卡"), self.after_sale)
        named(self.store_change_button, "storeChangeButton", self.tr("找零存入会员卡"))
        self.store_change_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.store_change_button.clicked.connect(self.store_change)
        box = QVBoxLayout(self.after_sale)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.after_sale_label)
        box.addWidget(self.store_change_button)
        self.window.add_under_change(self.after_sale)
        #: The member sale the box speaks of: (result, member) while it is shown.
        self.last_sale: tuple[SaleResult, CartMember] | None = None
        self.change_stored_fen = 0
        self.after_sale.hide()

    def _build_reminders(self) -> None:
        """The reminders of the day, shown after login beside the cart (the cashier may close it;
        the members menu brings it back)."""
        from app.ui.reminders_panel import RemindersPanel

        self.reminders = RemindersPanel(None, self.session.counter.members)
        main_window = self.window.main_window()
        self.reminders_dock = QDockWidget(self.tr("会员提醒"), main_window)
        self.reminders_dock.setObjectName("remindersDock")
        self.reminders_dock.setAccessibleName(self.tr("会员提醒"))
        self.reminders_dock.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reminders_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.reminders_dock.setWidget(self.reminders)
        self.reminders.setMaximumHeight(REMINDERS_HEIGHT)
        main_window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.reminders_dock)
        self.reminders_button = QPushButton(self.tr("会员提醒"), main_window)
        named(self.reminders_button, "remindersButton", self.tr("会员提醒"))
        self.reminders_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reminders_button.setFlat(True)
        self.reminders_button.clicked.connect(self.toggle_reminders)
        main_window.statusBar().addPermanentWidget(self.reminders_button)
        screen = main_window.screen()
        if screen is not None and screen.availableGeometry().height() < ROOMY_SCREEN_HEIGHT:
            # On a small screen the cart and the pay button need the room: one click away.
            self.reminders_dock.hide()
        self.reminders.load()

    def toggle_reminders(self) -> None:
        if self.reminders_dock.isVisible():
            self.reminders_dock.hide()
        else:
            self.open_reminders()

    @property
    def session(self) -> CounterSession:
        return self.window.session

    def _build_menu(self) -> None:
        self.window.add_menu(
            self.tr("会员(&M)"),
            "membersMenu",
            (
                ("memberSearchAction", self.tr("识别会员\tF2"), self.search),
                ("topUpAction", self.tr("会员充值\tF3"), self.top_up),
                ("enrollAction", self.tr("办卡"), self.enrol),
                ("redeemAction", self.tr("积分兑换"), self.redeem),
                ("sellCountCardAction", self.tr("售次卡"), self.sell_count_card),
                ("useCouponAction", self.tr("使用优惠券"), self.use_coupon),
                ("membersScreenAction", self.tr("会员管理"), self.open_members_screen),
                ("remindersAction", self.tr("会员提醒"), self.open_reminders),
            ),
        )

    # -- attaching ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the cart's member (or the walk-in state) with their count cards and coupons."""
        cart = self.session.cart
        member = cart.member
        detail = None
        if member is not None:
            try:
                detail = self.session.counter.members.queries.detail(member.member_id)
            except Exception as exc:  # the panel still shows what the cart knows
                log.warning("member detail not loaded: %s", message_for(exc))
        applied = cart.coupon.coupon.id if cart.coupon is not None else None
        self.panel.show_member(member, detail, applied)

    def search(self) -> None:
        from app.ui.member_dialogs import MemberSearchDialog

        self.window.present(
            MemberSearchDialog(self.window.main_window(), self.session), self._attached
        )

    def attach(self, text: str) -> None:
        """A card swiped (wedge or serial reader): attach at once, or say why not."""
        if self.window.dialog is not None:
            return  # a dialog has the keyboard; its own field takes the card
        sync = self.session.counter.sync
        with Attempt(self.window.show_error, context="member") as attempt:
            try:
                member = self.session.counter.members.queries.attach_member(
                    text, self.session.staff
                )
            except MemberNotFound as unknown:
                if sync is None:
                    raise
                self._look_up(text, unknown)
                return
        if attempt.failed:
            return
        self._attached(member)

    def _look_up(self, card_no: str, unknown: MemberNotFound) -> None:
        """A card of another store: asked of the head office off the GUI thread (at most a
        second), then attached; not found or not answered, the refusal stands."""
        sync = self.session.counter.sync
        assert sync is not None
        self.window.show_message(self.tr("本店没有此卡，正在向总部查询…"), "info")

        def done(found: bool | None, error: BaseException | None) -> None:
            if error is not None or not found:
                self.window.show_error(unknown if error is None else error, "member")
                return
            with Attempt(self.window.show_error, context="member") as attempt:
                member = self.session.counter.members.queries.attach_member(
                    card_no, self.session.staff
                )
            if not attempt.failed:
                self._attached(member)

        run_task(lambda: sync.lookup_card(card_no), done)

    def _attached(self, member: CartMember) -> None:
        self.clear_after_sale()
        self.session.cart.attach_member(member)
        self._cart_changed()
        self.window.show_message(
            self.tr("会员：%1（%2）").replace("%1", member.name).replace("%2", member.level_name),
            "info",
        )

    def _cart_changed(self) -> None:
        self.window.cart_changed()
        self.refresh()

    def detach(self) -> None:
        if self.session.cart.member is None:
            return
        self.session.cart.detach_member()
        self._cart_changed()
        self.window.clear_message()

    def reload_member(self) -> None:
        """After a top-up or a redemption: the cart's member with the balances now."""
        member = self.session.cart.member
        if member is None:
            return
        members = self.session.counter.members
        with Attempt(self.window.show_error, context="member") as attempt:
            view = members.queries.member(member.member_id)
        if attempt.failed:
            return
        self.session.cart.attach_member(cart_member(view, members.today()))
        self._cart_changed()

    def _need_member(self) -> CartMember | None:
        member = self.session.cart.member
        if member is None:
            self.window.show_message(self.tr("请先按 F2 或刷卡识别会员"))
        return member

    def _need_member_on_shift(self) -> CartMember | None:
        """The attached member, when the money taken can go into an open shift's drawer."""
        member = self._need_member()
        if member is not None and self.session.shift is None:
            self.window.show_message(self.tr("尚未开班，请重新登录并开班"))
            return None
        return member

    def _print(self, done: WithSlips[_Done]) -> None:
        for job_id in done.print_job_ids:
            self.window.print_job(job_id)

    # -- top-up, enrolment, gifts ------------------------------------------------------------

    def top_up(self) -> None:
        member = self._need_member_on_shift()
        if member is None:
            return
        from app.ui.member_dialogs import TopUpDialog

        def done(result: WithSlips[TopUpReceipt]) -> None:
            top_up = result.value.top_up
            self.reload_member()
            self.window.show_message(
                self.tr("充值 %1，赠送 %2，余额 %3")
                .replace("%1", format_yuan(top_up.line.principal_delta))
                .replace("%2", format_yuan(top_up.line.bonus_delta))
                .replace("%3", format_yuan(top_up.line.balance_after_fen)),
                "ok",
            )
            self._print(result)

        self.window.present(TopUpDialog(self.window.main_window(), self.session, member), done)

    def enrol(self) -> None:
        from app.ui.member_dialogs import EnrolDialog

        def done(result: WithSlips[MemberView]) -> None:
            view = result.value
            members = self.session.counter.members
            if self.session.cart.member is None:
                self.session.cart.attach_member(cart_member(view, members.today()))
                self._cart_changed()
            self.window.show_message(
                self.tr("办卡成功：%1（%2）")
                .replace("%1", view.name)
                .replace("%2", view.card_no_masked),
                "ok",
            )
            self._print(result)

        self.window.present(EnrolDialog(self.window.main_window(), self.session), done)

    def redeem(self) -> None:
        member = self._need_member()
        if member is None:
            return
        from app.ui.member_dialogs import RedeemDialog

        def done(result: WithSlips[Redemption]) -> None:
            redemption = result.value
            self.reload_member()
            self.window.show_message(
                self.tr("已兑换 %1 ×%2，用去 %3 积分，剩余 %4")
                .replace("%1", redemption.gift.name)
                .replace("%2", str(redemption.quantity))
                .replace("%3", str(redemption.points_used))
                .replace("%4", str(redemption.points_after)),
                "ok",
            )
            self._print(result)

        self.window.present(RedeemDialog(self.window.main_window(), self.session, member), done)

    # -- screens -----------------------------------------------------------------------------

    def open_members_screen(self) -> None:
        from app.ui.members_screen import MembersScreen

        self.window.present(MembersScreen(self.window.main_window(), self.session))

    def open_reminders(self) -> None:
        self.reminders_dock.show()
        self.reminders.load()

    # -- coupons -----------------------------------------------------------------------------

    def use_coupon(self) -> None:
        """使用优惠券: the coupon selected on the panel (the first one unless another is chosen)."""
        member = self._need_member()
        if member is None:
            return
        coupon = self.panel.selected_coupon()
        if coupon is None:
            self.window.show_message(
                self.tr("该会员没有可用的优惠券；纸质券可直接扫描券码"), "info"
            )
            return
        self._apply_coupon(coupon)

    def use_card_number(self, code: str) -> bool:
        """A scan that is no product and no member attached: IC and ID card readers type only
        digits, so a member card number (or a phone typed into the scan field) attaches the
        member. False when no member has that number: the scan's own refusal stands."""
        if self.session.cart.member is not None:
            return False
        with Attempt(self.window.show_error, context="member") as attempt:
            try:
                member = self.session.counter.members.queries.attach_member(
                    code, self.session.staff
                )
            except MemberNotFound:
                return False
        if attempt.failed:
            return True  # lost, frozen, expired: said plainly
        self.window.scan_input.clear()
        self._attached(member)
        return True

    def use_coupon_code(self, code: str) -> bool:
        """A scan that is no product and has a coupon code's shape (``app.pos.scan.read_scan``)
        with a member attached: apply it (or say why not). False when it is no coupon at all."""
        if self.session.cart.member is None:
            return False
        with Attempt(self.window.show_error, context="coupon") as attempt:
            try:
                coupon = self.session.counter.members.coupons_and_rules.find_coupon(code)
            except CouponRefused:
                return False  # not a coupon: the scan's own refusal stands
        if attempt.failed:
            return True
        self._apply_coupon(coupon)
        return True

    def _apply_coupon(self, coupon: CouponView) -> None:
        cart = self.session.cart
        with Attempt(self.window.show_error, context="coupon") as attempt:
            try:
                discount = cart.apply_coupon(coupon, self.session.service.today())
            except CartError as exc:
                refusal = self.tr("优惠券不能使用：%1").replace("%1", message_for(exc))
                self.window.show_message(refusal, "error")
                return
        if attempt.failed:
            return
        self._cart_changed()
        self.window.scan_input.clear()
        self.window.show_message(
            self.tr("已使用优惠券“%1”，优惠 %2")
            .replace("%1", coupon.name)
            .replace("%2", format_yuan(discount)),
            "ok",
        )

    def remove_coupon(self) -> None:
        if self.session.cart.coupon is None:
            return
        self.session.cart.remove_coupon()
        self._cart_changed()
        self.window.show_message(self.tr("已取消优惠券"), "info")

    # -- count cards -------------------------------------------------------------------------

    def sell_count_card(self) -> None:
        member = self._need_member_on_shift()
        if member is None:
            return
        from app.ui.member_dialogs import CountCardSaleDialog

        def done(result: WithSlips[CountCardReceipt]) -> None:
            receipt = result.value
            self.refresh()
            self.window.show_message(
                self.tr("已售次卡：%1（%2 次），收款 %3，找零 %4，单号 %5")
                .replace("%1", receipt.count_card.name)
                .replace("%2", str(receipt.count_card.uses_left))
                .replace("%3", format_yuan(receipt.payment.paid_fen))
                .replace("%4", format_yuan(receipt.payment.change_fen))
                .replace("%5", receipt.payment.receipt_no),
                "ok",
            )
            self._print(result)

        self.window.present(
            CountCardSaleDialog(self.window.main_window(), self.session, member), done
        )

    # -- after a member's sale ---------------------------------------------------------------

    def sale_paid(self, result: SaleResult, member: CartMember | None) -> None:
        """Called by the window once a sale is paid: a member's balances after it, and 存零
        offered for cash change, shown until the next scan."""
        self.clear_after_sale()
        if member is None or result.member is None:
            return
        self.last_sale = (result, member)
        self._show_after_sale()
        self.after_sale.show()

    def _show_after_sale(self) -> None:
        if self.last_sale is None:
            return
        result, member = self.last_sale
        balances = result.member
        assert balances is not None
        text = (
            self.tr("%1：本单积分 +%2，积分 %3，余额 %4（本金 %5 + 赠送 %6）")
            .replace("%1", member.name)
            .replace("%2", str(balances.points_earned))
            .replace("%3", str(balances.points))
            .replace("%4", format_yuan(balances.balance_fen + self.change_stored_fen))
            .replace("%5", format_yuan(balances.principal_fen + self.change_stored_fen))
            .replace("%6", format_yuan(balances.bonus_fen))
        )
        if self.change_stored_fen:
            text += (
                self.tr("\n已存零 %1，实找 %2")
                .replace("%1", format_yuan(self.change_stored_fen))
                .replace("%2", format_yuan(result.change_fen - self.change_stored_fen))
            )
        self.after_sale_label.setText(text)
        self.store_change_button.setVisible(result.change_fen > 0 and not self.change_stored_fen)

    def clear_after_sale(self) -> None:
        self.last_sale = None
        self.change_stored_fen = 0
        self.after_sale.hide()

    def store_change(self) -> None:
        """存零: how much of the change goes on the card (all of it unless the cashier types
        less); refused plainly when more than the change, written in one transaction."""
        if self.last_sale is None:
            return
        result, member = self.last_sale
        session = self.session
        stored_value: StoredValueDesk = session.counter.members.stored_value
        max_fen = result.change_fen

        def store(text: str) -> WithSlips[TopUpReceipt]:
            amount = parse_amount(text, allow_zero=False)
            if amount > max_fen:
                raise InputError(
                    self.tr("存零金额不能超过本单找零 %1").replace("%1", format_yuan(max_fen))
                )
            return stored_value.store_change(
                member.member_id,
                result.order_id,
                amount,
                cashier=session.staff,
                shift_id=session.shift_id,
            )

        def done(stored: WithSlips[TopUpReceipt]) -> None:
            top_up = stored.value.top_up
            self.change_stored_fen = top_up.line.principal_delta
            self._show_after_sale()
            self.window.show_message(
                self.tr("已存入会员卡 %1，实找 %2，卡内余额 %3")
                .replace("%1", format_yuan(top_up.line.principal_delta))
                .replace("%2", format_yuan(result.change_fen - top_up.line.principal_delta))
                .replace("%3", format_yuan(top_up.line.balance_after_fen)),
                "ok",
            )
            self._print(stored)

        dialog = PromptDialog(
            self.window.main_window(),
            self.tr("存零"),
            self.tr("本单找零 %1，存入 %2 的会员卡的金额")
            .replace("%1", format_yuan(max_fen))
            .replace("%2", member.name),
            store,
            text=format_fen(max_fen),
            digits_only=True,
        )
        dialog.input.setObjectName("storeChangeAmount")
        self.window.present(dialog, done)
