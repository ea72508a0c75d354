"""The members screen's card operations on the chosen member: loss, replacement, freeze, resets,
points, password, principal refund, level, and using or refunding a count card. Each asks what it
needs, then a manager where the rules say so; the screen runs it and shows the result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from app.money import format_yuan, parse_amount
from app.pos.staff import Sensitive
from app.ui.dialogs import named
from app.ui.feedback import Attempt
from app.ui.membership_fee import LevelFeeDialog

if TYPE_CHECKING:
    from app.members.accounts import MemberView
    from app.members.count_cards import CountCardView
    from app.members.daily import LevelChangeView
    from app.members.levels import CardType
    from app.pos.member_desk.context import WithSlips
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import Approval, StaffView
    from app.pos.tenders import Tender

OPERATIONS_PER_ROW = 5


class ChosenMemberScreen(Protocol):
    """What the card operations need from the screen that shows the chosen member."""

    current: MemberView | None

    @property
    def members(self) -> MemberDesk: ...

    @property
    def staff(self) -> StaffView: ...

    @property
    def shift_id(self) -> str | None: ...

    def run(self, action: Callable[[], object], done: str) -> bool:
        """Run ``action``; on success reload and say ``done``, else show the error."""
        ...

    def approved(self, action: Sensitive, then: Callable[[Approval], object], detail: str) -> None:
        """Run ``then(approval)`` once a manager approves ``action``."""
        ...

    def ask(self, title: str, label: str, then: Callable[[str], None], name: str) -> None:
        """Ask for one line of text (its field named ``name``), then run ``then(text)``."""
        ...

    def show_error(self, error: BaseException | str) -> None: ...

    def chosen_count_card(self) -> CountCardView | None: ...

    def print_jobs(self, job_ids: Sequence[str]) -> None: ...


class MemberCardOperations(QObject):
    """The grid of operation buttons and what each does."""

    def __init__(self, parent: QWidget, screen: ChosenMemberScreen) -> None:
        super().__init__(parent)
        self.setObjectName("memberCardOperations")
        self._screen = screen
        self._widget = parent
        self.grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for position, (name, text, handler) in enumerate(self._operations()):
            button = QPushButton(text, parent)
            named(button, name, text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            self.grid.addWidget(
                button, position // OPERATIONS_PER_ROW, position % OPERATIONS_PER_ROW
            )
            self.buttons[name] = button

    def _operations(self) -> tuple[tuple[str, str, Callable[[], None]], ...]:
        return (
            ("reportLossButton", self.tr("挂失"), self.report_loss),
            ("cancelLossButton", self.tr("解挂"), self.cancel_loss),
            ("replaceCardButton", self.tr("换卡"), self.replace_card),
            ("freezeButton", self.tr("冻结"), self.freeze),
            ("unfreezeButton", self.tr("解冻"), self.unfreeze),
            ("resetButton", self.tr("清零"), self.reset),
            ("adjustPointsButton", self.tr("调整积分"), self.adjust_points),
            ("setPasswordButton", self.tr("设置 / 重置密码"), self.set_password),
            ("refundPrincipalButton", self.tr("退本金"), self.refund_principal),
            ("changeLevelButton", self.tr("调整等级"), self.change_level),
        )

    def set_enabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def _approved_run(self, detail: str, run: Callable[[Approval], object], done: str) -> None:
        """A manager approves ``detail`` for the chosen member, then ``run(approval)``."""
        screen = self._screen
        member = screen.current
        if member is None:
            return
        screen.approved(
            Sensitive.MEMBER_CARD,
            lambda approval: screen.run(lambda: run(approval), done),
            f"{detail}：{member.name}（{member.card_no_masked}）",
        )

    def _ask_about_member(
        self, title: str, label: str, field: str, then: Callable[[MemberView, str], None]
    ) -> None:
        """Ask one line (its field named ``field``) about the chosen member, then
        ``then(member, text)``; with nobody chosen nothing is asked."""
        member = self._screen.current
        if member is not None:
            self._screen.ask(title, label, lambda text: then(member, text), field)

    # -- the card ------------------------------------------------------------------------------

    def report_loss(self) -> None:
        screen = self._screen
        member = screen.current
        if member is not None:
            screen.run(
                lambda: screen.members.cards.report_loss(member.id, cashier=screen.staff),
                self.tr("已挂失"),
            )

    def cancel_loss(self) -> None:
        screen = self._screen
        member = screen.current
        if member is not None:
            self._approved_run(
                self.tr("解挂"),
                lambda a: screen.members.cards.cancel_loss(
                    member.id, cashier=screen.staff, approval=a
                ),
                self.tr("已解挂"),
            )

    def replace_card(self) -> None:
        screen = self._screen

        def typed(member: MemberView, card_no: str) -> None:
            self._approved_run(
                self.tr("换卡"),
                lambda a: screen.members.cards.replace_card(
                    member.id, card_no, reason="换卡", cashier=screen.staff, approval=a
                ),
                self.tr("已换卡"),
            )

        self._ask_about_member(self.tr("换卡"), self.tr("刷新卡或输入新卡号"), "newCardNo", typed)

    def freeze(self) -> None:
        screen = self._screen

        def reason(member: MemberView, text: str) -> None:
            self._approved_run(
                self.tr("冻结"),
                lambda a: screen.members.cards.freeze(
                    member.id, reason=text, cashier=screen.staff, approval=a
                ),
                self.tr("已冻结"),
            )

        self._ask_about_member(self.tr("冻结"), self.tr("冻结原因"), "freezeReason", reason)

    def unfreeze(self) -> None:
        screen = self._screen
        member = screen.current
        if member is not None:
            self._approved_run(
                self.tr("解冻"),
                lambda a: screen.members.cards.unfreeze(
                    member.id, cashier=screen.staff, approval=a
                ),
                self.tr("已解冻"),
            )

    def reset(self) -> None:
        screen = self._screen
        names = {
            self.tr("余额"): "balance",
            self.tr("积分"): "points",
            self.tr("到店次数"): "visits",
            self.tr("累计消费"): "spend",
        }

        def chosen(member: MemberView, text: str) -> None:
            what, _, why = text.partition(" ")
            key = names.get(what.strip())
            if key is None:
                screen.show_error(self.tr("请写明清零项目：余额、积分、到店次数或累计消费"))
                return
            self._approved_run(
                self.tr("清零"),
                lambda a: screen.members.cards.reset(
                    member.id, key, reason=why or what, cashier=screen.staff, approval=a
                ),
                self.tr("已清零"),
            )

        self._ask_about_member(
            self.tr("清零"),
            self.tr("清零项目和原因，如“积分 年终清零”（余额、积分、到店次数、累计消费）"),
            "resetInput",
            chosen,
        )

    # -- points, password, money and level -----------------------------------------------------

    def adjust_points(self) -> None:
        screen = self._screen

        def typed(member: MemberView, text: str) -> None:
            amount, _, why = text.partition(" ")
            try:
                delta = int(amount)
            except ValueError:
                screen.show_error(self.tr("请输入整数积分，如“+100 活动赠送”"))
                return
            self._approved_run(
                self.tr("调整积分"),
                lambda a: screen.members.cards.adjust_points(
                    member.id, delta, reason=why, cashier=screen.staff, approval=a
                ),
                self.tr("积分已调整"),
            )

        self._ask_about_member(
            self.tr("调整积分"), self.tr("积分和原因，如“+100 活动赠送”"), "pointsInput", typed
        )

    def set_password(self) -> None:
        screen = self._screen

        def typed(member: MemberView, password: str) -> None:
            if not member.has_password:
                screen.run(
                    lambda: screen.members.cards.set_password(
                        member.id, password, cashier=screen.staff
                    ),
                    self.tr("密码已设置"),
                )
                return
            self._approved_run(
                self.tr("重置会员密码"),
                lambda a: screen.members.cards.set_password(
                    member.id, password, cashier=screen.staff, approval=a
                ),
                self.tr("密码已重置"),
            )

        self._ask_about_member(
            self.tr("会员密码"), self.tr("新密码（4–12 位数字）"), "newPassword", typed
        )

    def refund_principal(self) -> None:
        screen = self._screen

        def typed(member: MemberView, text: str) -> None:
            amount, _, why = text.partition(" ")
            with Attempt(screen.show_error) as attempt:
                fen = None if amount in ("全部", "all") else parse_amount(amount)
            if attempt.failed:
                return
            self._approved_run(
                self.tr("退本金"),
                lambda a: screen.members.stored_value.refund_principal(
                    member.id,
                    fen,
                    reason=why or "退本金",
                    cashier=screen.staff,
                    approval=a,
                    shift_id=screen.shift_id,
                ),
                self.tr("已退本金"),
            )

        self._ask_about_member(
            self.tr("退本金"),
            self.tr("金额和原因，如“100 顾客退卡”，或“全部 退卡”"),
            "refundInput",
            typed,
        )

    def change_level(self) -> None:
        screen = self._screen
        if screen.current is None:
            return
        types = {
            view.card_type.name: view.card_type
            for view in screen.members.coupons_and_rules.card_types()
        }

        def typed(member: MemberView, text: str) -> None:
            kind = types.get(text.strip())
            if kind is None:
                screen.show_error(self.tr("没有该卡类型：%1").replace("%1", text.strip()))
                return
            if kind.paid:
                self._change_to_paid_level(member, kind)
                return
            self._approved_run(
                self.tr("调整等级"),
                lambda a: screen.members.cards.change_level(
                    member.id, kind.id, reason="手工调整", cashier=screen.staff, approval=a
                ),
                self.tr("等级已调整"),
            )

        self._ask_about_member(
            self.tr("调整等级"),
            self.tr("新的卡类型：%1").replace("%1", "、".join(types)),
            "levelInput",
            typed,
        )

    def _change_to_paid_level(self, member: MemberView, kind: CardType) -> None:
        """A paid card type is bought: a manager approves, then its fee is taken as an order."""
        screen = self._screen

        def approved(approval: Approval) -> None:
            def pay(tenders: list[Tender]) -> WithSlips[LevelChangeView]:
                return screen.members.cards.change_level(
                    member.id,
                    kind.id,
                    reason="办理付费卡",
                    cashier=screen.staff,
                    approval=approval,
                    fee_tenders=tenders,
                    shift_id=screen.shift_id,
                )

            def paid(result: WithSlips[LevelChangeView]) -> None:
                screen.run(lambda: None, self.tr("等级已调整，会员费已收"))
                screen.print_jobs(result.print_job_ids)

            heading = (
                self.tr("%1 改为%2，收会员费 %3")
                .replace("%1", member.name)
                .replace("%2", kind.name)
                .replace("%3", format_yuan(kind.fee_fen))
            )
            LevelFeeDialog(self._widget, heading, kind.fee_fen, pay).present(paid)

        screen.approved(
            Sensitive.MEMBER_CARD,
            approved,
            f"{self.tr('调整等级')}：{member.name}（{member.card_no_masked}）",
        )

    # -- count cards ---------------------------------------------------------------------------

    def use_count_card(self) -> None:
        screen = self._screen
        card = screen.chosen_count_card()
        if card is None:
            screen.show_error(self.tr("请先选择一张次卡"))
            return
        jobs: list[str] = []

        def use() -> None:
            done = screen.members.count_cards_and_gifts.use_count_card(
                card.id, cashier=screen.staff
            )
            jobs.extend(done.print_job_ids)

        if screen.run(use, self.tr("已核销一次")):
            screen.print_jobs(jobs)

    def refund_count_card(self) -> None:
        screen = self._screen
        card = screen.chosen_count_card()
        if card is None:
            screen.show_error(self.tr("请先选择一张次卡"))
            return
        self._approved_run(
            self.tr("退次卡"),
            lambda a: screen.members.count_cards_and_gifts.refund_count_card(
                card.id,
                reason="退次卡",
                cashier=screen.staff,
                approval=a,
                shift_id=screen.shift_id,
            ),
            self.tr("次卡已退"),
        )
