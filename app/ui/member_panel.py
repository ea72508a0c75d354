"""The member at the sale screen: the panel that shows who is attached, and the desk that attaches
them (F2, a card swipe), tops them up (F3), enrols a new one and redeems gifts."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.money import format_yuan
from app.pos.counter import cart_member
from app.ui.dialogs import named
from app.ui.feedback import message_for

if TYPE_CHECKING:
    from app.pos.cart import CartMember
    from app.pos.member_counter import MemberDetail, WithSlips
    from app.ui.sale_window import SaleWindow

log = logging.getLogger(__name__)

REMINDERS_HEIGHT = 200


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
        self.badge = QLabel(self.tr("🎂 今天生日"), self)
        self.badge.setObjectName("birthdayBadge")
        self.badge.setAccessibleName(self.tr("今天生日"))
        self.badge.setProperty("role", "badge")
        self.level_label = self._value("memberLevel", self.tr("会员等级"))
        self.phone_label = self._value("memberPhone", self.tr("手机号"))
        self.balance_label = self._value("memberBalance", self.tr("余额"))
        self.points_label = self._value("memberPoints", self.tr("积分"))
        self.count_cards_label = self._value("memberCountCards", self.tr("次卡"))
        self.coupons_label = self._value("memberCoupons", self.tr("优惠券"))
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        header = QGridLayout()
        header.addWidget(self.name_label, 0, 0)
        header.addWidget(self.badge, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.details = QWidget(self)
        for row, (caption, label) in enumerate(
            (
                (self.tr("等级"), self.level_label),
                (self.tr("手机"), self.phone_label),
                (self.tr("余额"), self.balance_label),
                (self.tr("积分"), self.points_label),
                (self.tr("次卡"), self.count_cards_label),
                (self.tr("优惠券"), self.coupons_label),
            )
        ):
            caption_label = QLabel(caption, self.details)
            caption_label.setProperty("role", "caption")
            label.setParent(self.details)
            grid.addWidget(caption_label, row, 0)
            grid.addWidget(label, row, 1)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(header)
        details.addLayout(grid)
        self.buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        buttons.setSpacing(4)
        for position, (name, text) in enumerate(
            (
                ("memberSearchButton", self.tr("会员 F2")),
                ("topUpButton", self.tr("充值 F3")),
                ("enrollButton", self.tr("办卡")),
                ("redeemButton", self.tr("积分兑换")),
                ("detachMemberButton", self.tr("取消会员")),
            )
        ):
            button = QPushButton(text, self)
            named(button, name, text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            buttons.addWidget(button, position // 2, position % 2)
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

    def show_member(self, member: CartMember | None, detail: MemberDetail | None = None) -> None:
        attached = member is not None
        self.walk_in.setVisible(not attached)
        self.details.setVisible(attached)
        for name in ("topUpButton", "redeemButton", "detachMemberButton"):
            self.buttons[name].setEnabled(attached)
        if member is None:
            return
        self.name_label.setText(f"{member.name}  {member.card_no_masked}")
        self.badge.setVisible(member.birthday_today)
        self.level_label.setText(member.level_name)
        self.phone_label.setText(member.phone_masked or "-")
        self.balance_label.setText(
            self.tr("%1（本金 %2 + 赠送 %3）")
            .replace("%1", format_yuan(member.balance_fen))
            .replace("%2", format_yuan(member.principal_fen))
            .replace("%3", format_yuan(member.bonus_fen))
        )
        self.points_label.setText(str(member.points))
        if detail is None:
            self.count_cards_label.setText("-")
            self.coupons_label.setText("-")
            return
        uses = sum(card.uses_left for card in detail.count_cards)
        self.count_cards_label.setText(
            self.tr("%1 张（剩 %2 次）")
            .replace("%1", str(len(detail.count_cards)))
            .replace("%2", str(uses))
        )
        self.coupons_label.setText(self.tr("%1 张").replace("%1", str(len(detail.coupons))))


class MemberDesk(QObject):
    """The sale window's member part; built by the window, it owns the panel and its keys."""

    def __init__(self, window: SaleWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = MemberPanel(window.right_panel)
        layout = window.right_panel.layout()
        assert isinstance(layout, QVBoxLayout)
        # Under the totals, above the action buttons.
        layout.insertWidget(layout.count() - 2, self.panel)
        for name, handler in (
            ("memberSearchButton", self.search),
            ("topUpButton", self.top_up),
            ("enrollButton", self.enrol),
            ("redeemButton", self.redeem),
            ("detachMemberButton", self.detach),
        ):
            self.panel.buttons[name].clicked.connect(lambda _checked=False, h=handler: h())
        window.cardSwiped.connect(self.attach)
        window.model.modelReset.connect(self.refresh)
        self._build_menu()
        self._build_reminders()
        self.refresh()

    def _build_reminders(self) -> None:
        """The reminders of the day, shown after login beside the cart (the cashier may close it;
        the members menu brings it back)."""
        from app.ui.reminders_panel import RemindersPanel

        self.reminders = RemindersPanel(None, self.session.counter.members)
        self.reminders_dock = QDockWidget(self.tr("会员提醒"), self.window)
        self.reminders_dock.setObjectName("remindersDock")
        self.reminders_dock.setAccessibleName(self.tr("会员提醒"))
        self.reminders_dock.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reminders_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.reminders_dock.setWidget(self.reminders)
        self.reminders.setMaximumHeight(REMINDERS_HEIGHT)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.reminders_dock)
        self.reminders.load()

    @property
    def session(self) -> Any:
        return self.window.session

    def _build_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu(self.tr("会员(&M)"))
        menu.setObjectName("membersMenu")
        for name, text, handler in (
            ("memberSearchAction", self.tr("识别会员\tF2"), self.search),
            ("topUpAction", self.tr("会员充值\tF3"), self.top_up),
            ("enrollAction", self.tr("办卡"), self.enrol),
            ("redeemAction", self.tr("积分兑换"), self.redeem),
            ("membersScreenAction", self.tr("会员管理"), self.open_members_screen),
            ("remindersAction", self.tr("会员提醒"), self.open_reminders),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            window.actions_by_name[name] = action

    # -- attaching ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the cart's member (or the walk-in state) with their count cards and coupons."""
        member = self.session.cart.member
        detail = None
        if member is not None:
            try:
                detail = self.session.counter.members.detail(member.member_id)
            except Exception as exc:  # the panel still shows what the cart knows
                log.warning("member detail not loaded: %s", message_for(exc))
        self.panel.show_member(member, detail)

    def search(self) -> None:
        from app.ui.member_dialogs import MemberSearchDialog

        self.window.present(MemberSearchDialog(self.window, self.session), self._attached)

    def attach(self, text: str) -> None:
        """A card swiped (wedge or serial reader): attach at once, or say why not."""
        if self.window.dialog is not None:
            return  # a dialog has the keyboard; its own field takes the card
        try:
            member = self.session.service.attach_member(text, self.session.staff)
        except Exception as exc:
            self.window.show_error(exc, "member")
            return
        self._attached(member)

    def _attached(self, member: CartMember) -> None:
        self.session.cart.attach_member(member)
        self._cart_changed()
        self.window.show_message(
            self.tr("会员：%1（%2）").replace("%1", member.name).replace("%2", member.level_name),
            "info",
        )

    def _cart_changed(self) -> None:
        self.window.model.all_lines_changed()
        self.window.refresh_totals()
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
        try:
            view = members.member(member.member_id)
        except Exception as exc:
            self.window.show_error(exc, "member")
            return
        self.session.cart.attach_member(cart_member(view, members.today()))
        self._cart_changed()

    def _need_member(self) -> CartMember | None:
        member = self.session.cart.member
        if member is None:
            self.window.show_message(self.tr("请先按 F2 或刷卡识别会员"))
        return member  # type: ignore[no-any-return]

    def _print(self, done: WithSlips[Any]) -> None:
        for job_id in done.print_job_ids:
            self.window.print_job(job_id)

    # -- top-up, enrolment, gifts ------------------------------------------------------------

    def top_up(self) -> None:
        member = self._need_member()
        if member is None:
            return
        if self.session.shift is None:
            self.window.show_message(self.tr("尚未开班，请重新登录并开班"))
            return
        from app.ui.member_dialogs import TopUpDialog

        def done(result: WithSlips[Any]) -> None:
            top_up = result.value.top_up
            self.reload_member()
            self.window.show_message(
                self.tr("充值 %1，赠送 %2，余额 %3")
                .replace("%1", format_yuan(top_up.principal_fen))
                .replace("%2", format_yuan(top_up.bonus_fen))
                .replace("%3", format_yuan(top_up.balance_after_fen)),
                "ok",
            )
            self._print(result)

        self.window.present(TopUpDialog(self.window, self.session, member), done)

    def enrol(self) -> None:
        from app.ui.member_dialogs import EnrolDialog

        def done(result: WithSlips[Any]) -> None:
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

        self.window.present(EnrolDialog(self.window, self.session), done)

    def redeem(self) -> None:
        member = self._need_member()
        if member is None:
            return
        from app.ui.member_dialogs import RedeemDialog

        def done(result: WithSlips[Any]) -> None:
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

        self.window.present(RedeemDialog(self.window, self.session, member), done)

    # -- screens -----------------------------------------------------------------------------

    def open_members_screen(self) -> None:
        from app.ui.members_screen import MembersScreen

        self.window.present(MembersScreen(self.window, self.session))

    def open_reminders(self) -> None:
        self.reminders_dock.show()
        self.reminders.load()
