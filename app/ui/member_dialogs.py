"""The member dialogs of the sale screen: search (F2), top-up (F3), enrolment, gift redemption,
the sale of a count card, issuing coupons, and the member tenders the payment dialog gains when
a member is attached."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.devices.swipe import card_from_input, swipe_settings
from app.errors import KnownError
from app.members.card_numbers import mask_card
from app.members.errors import InsufficientBalance, InsufficientPoints
from app.members.ledger import points_needed
from app.members.tags import tag_searched
from app.money import MoneyError, format_fen, format_yuan, parse_amount
from app.pos.tenders import Tender, TenderError, TenderMethod, settle
from app.ui.dialogs import CounterDialog, ScanGuard, named
from app.ui.feedback import Attempt, message_for
from app.ui.i18n import method_label
from app.ui.member_dates import FieldMessages, MemberDateFields
from app.ui.membership_fee import FeeFields
from app.ui.tender_keys import with_key

if TYPE_CHECKING:
    from app.members.count_cards import PackageView
    from app.members.coupons import TemplateView
    from app.members.gifts import GiftView
    from app.pos.cart import CartMember
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.member_desk.queries import MemberRowView
    from app.storage.approvals import PasswordCheck
    from app.ui.session import CounterSession

# Ways a top-up or a count card may be paid (never stored value or points).
TOP_UP_METHODS = (
    TenderMethod.CASH,
    TenderMethod.WECHAT,
    TenderMethod.ALIPAY,
    TenderMethod.BANK_CARD,
)


class _Enter(CounterDialog):
    """Enter confirms (the default button would also fire on a line edit's Enter)."""

    def submit(self) -> None:
        """What Enter does: each dialog says; by default it is the dialog's OK."""
        self.accept()

    def _confirm_row(
        self, text: str, object_name: str, accessible: str, cancel_name: str
    ) -> QHBoxLayout:
        """Cancel and the confirming button, right-aligned; Enter and Esc do the same."""
        return self.confirm_row(
            self.submit,
            confirm_text=text,
            confirm_name=object_name,
            confirm_accessible=accessible,
            cancel_text=QCoreApplication.translate("MemberDialogs", "取消 (Esc)"),
            cancel_name=cancel_name,
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)


class MemberSearchDialog(_Enter):
    """F2: a card number (typed or swiped) or a phone; accepted with the attached CartMember.

    ``#`` and a tag (``#VIP``) lists the members carrying that tag instead; Enter (or a double
    click) attaches the one chosen in the list, and a tag only one member carries attaches them
    at once. While the text starts with ``#`` the input method is on, for Chinese tags; a card
    or phone is typed without it, so a swipe arrives as the reader sent it.
    """

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("会员"))
        self.setObjectName("memberSearchDialog")
        self._session = session
        caption = QLabel(
            self.tr("请刷会员卡，或输入卡号 / 手机号后按回车；按标签找会员请输入 #标签"), self
        )
        caption.setWordWrap(True)
        self.input = QLineEdit(self)
        named(self.input, "memberSearch", self.tr("会员卡号、手机号或 #标签"))
        self.input.setPlaceholderText(self.tr("卡号 / 手机号，或 #标签（如 #VIP）"))
        self.input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.input.setMaxLength(80)
        self.input.textChanged.connect(self._typed)
        self.results = QListWidget(self)
        named(self.results, "memberSearchResults", self.tr("带此标签的会员"))
        self.results.itemDoubleClicked.connect(lambda _item: self.submit())
        self.results.hide()
        self.found: list[MemberRowView] = []
        self._listed_for = ""
        buttons = self._confirm_row(
            self.tr("确定"), "memberSearchOk", self.tr("确定"), "memberSearchCancel"
        )
        self.ok_button = self.confirm_button
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.input)
        layout.addWidget(self.results)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.input.setFocus()

    def _typed(self, text: str) -> None:
        """The input method follows the text: on for ``#`` and a tag, off for a card or phone."""
        wants = tag_searched(text) is not None
        if wants != self.input.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
            self.input.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, wants)
            QGuiApplication.inputMethod().update(Qt.InputMethodQuery.ImEnabled)

    def take_card(self, card_no: str) -> None:
        """A card from a serial reader while this dialog asks for one."""
        self.input.setText(card_no)
        self.submit()

    def submit(self) -> None:
        text = self.input.text().strip()
        if not text:
            self.show_error(self.tr("请刷卡或输入卡号 / 手机号"))
            return
        if tag_searched(text) is not None:
            self._by_tag(text)
            return
        self._attach(text)

    def _by_tag(self, text: str) -> None:
        """The first Enter lists the members with the tag; the next attaches the one chosen."""
        row = self.results.currentRow()
        if text == self._listed_for and 0 <= row < len(self.found):
            self._attach(self.found[row].card_no)
            return
        with Attempt(self.show_error) as attempt:
            found = self._session.counter.members.queries.search(text)
        if attempt.failed:
            return
        if not found:
            self.results.hide()
            self._listed_for = ""
            self.show_error(self.tr("没有会员带标签“%1”").replace("%1", text.lstrip("#＃ ")))
            return
        if len(found) == 1:
            self._attach(found[0].card_no)
            return
        self.clear_error()
        self.found = found
        self._listed_for = text
        self.results.clear()
        for member in found:
            self.results.addItem(
                "  ".join(
                    (mask_card(member.card_no), member.name, member.phone_masked, member.level_name)
                )
            )
        self.results.show()
        self.results.setCurrentRow(0)
        self.results.setFocus()

    def _attach(self, text: str) -> None:
        """Attach the member whose card (typed, swiped or chosen) or phone is ``text``."""
        session = self._session
        with Attempt(self.show_error) as attempt:
            member = session.counter.members.queries.attach_member(
                card_from_input(text, swipe_settings(session.counter.config.card_reader)),
                session.staff,
            )
        if attempt.failed:
            self.input.selectAll()
            self.input.setFocus()
            return
        self.finish(member)


class TopUpDialog(_Enter):
    """F3: the amount, the bonus the store's rule gives (shown before confirming), how it is
    paid; accepted with the service's ``WithSlips[TopUpReceipt]``."""

    def __init__(self, parent: QWidget | None, session: CounterSession, member: CartMember) -> None:
        super().__init__(parent, self.tr("会员充值"))
        self.setObjectName("topUpDialog")
        self._session = session
        self._member = member
        self._members: MemberDesk = session.counter.members
        heading = QLabel(
            self.tr("%1（%2）当前余额 %3")
            .replace("%1", member.name)
            .replace("%2", member.card_no_masked)
            .replace("%3", format_yuan(member.balance_fen)),
            self,
        )
        heading.setWordWrap(True)
        self.amount = QLineEdit(self)
        named(self.amount, "topUpAmount", self.tr("充值金额"))
        self.amount.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.amount.setProperty("role", "bigInput")
        self.amount.textChanged.connect(self._preview)
        self.method = QComboBox(self)
        named(self.method, "topUpMethod", self.tr("付款方式"))
        for method in TOP_UP_METHODS:
            self.method.addItem(method_label(method), method.value)
        self.bonus_label = QLabel(self)
        self.bonus_label.setObjectName("topUpBonus")
        self.bonus_label.setAccessibleName(self.tr("充值赠送"))
        self.bonus_label.setWordWrap(True)
        buttons = self._confirm_row(
            self.tr("确认充值 (Enter)"), "confirmTopUp", self.tr("确认充值"), "cancelTopUp"
        )
        form = QFormLayout()
        form.addRow(self.tr("充值金额"), self.amount)
        form.addRow(self.tr("付款方式"), self.method)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.bonus_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        self.amount.setFocus()

    def _amount_fen(self) -> int:
        return parse_amount(self.amount.text())

    def _preview(self) -> None:
        if not self.amount.text().strip():
            self.bonus_label.clear()
            return
        try:
            preview = self._members.stored_value.preview_top_up(
                self._member.member_id, self._amount_fen()
            )
        except KnownError as exc:  # said beside the amount while it is typed
            self.bonus_label.setText(message_for(exc))
            return
        self.bonus_label.setText(
            self.tr("赠送 %1，充值后余额 %2")
            .replace("%1", format_yuan(preview.bonus_fen))
            .replace("%2", format_yuan(preview.balance_after_fen))
        )

    def submit(self) -> None:
        session = self._session
        with Attempt(self.show_error) as attempt:
            amount = self._amount_fen()
            self._members.stored_value.preview_top_up(self._member.member_id, amount)
            method = TenderMethod(self.method.currentData())
            result = self._members.stored_value.top_up(
                self._member.member_id,
                amount,
                [Tender(method, amount)],
                cashier=session.staff,
                shift_id=session.shift_id,
            )
        if attempt.failed:
            self.amount.selectAll()
            self.amount.setFocus()
            return
        self.finish(result)


class EnrolDialog(_Enter):
    """办卡 in under 30 seconds: swipe or type the card number, phone, name, Enter; a paid card
    type also takes its fee (how it is paid, the cash handed over)."""

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("办理会员卡"))
        self.setObjectName("enrolDialog")
        self._session = session
        self._members: MemberDesk = session.counter.members
        self.card_no = QLineEdit(self)
        named(self.card_no, "enrolCardNo", self.tr("卡号"))
        self.card_no.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.card_no.setPlaceholderText(self.tr("刷新卡或输入卡号"))
        self.card_no.setMaxLength(80)
        self.phone = QLineEdit(self)
        named(self.phone, "enrolPhone", self.tr("手机号"))
        self.phone.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.phone.setMaxLength(20)
        self.name = QLineEdit(self)
        named(self.name, "enrolName", self.tr("姓名"))
        self.name.setMaxLength(40)
        self.card_type = QComboBox(self)
        named(self.card_type, "enrolCardType", self.tr("卡类型"))
        self._fees: dict[str, int] = {}
        with Attempt(self.show_error):
            for view in self._members.coupons_and_rules.card_types():
                self._fees[view.card_type.id] = view.card_type.fee_fen
                self.card_type.addItem(view.card_type.name, view.card_type.id)
                if view.is_default:
                    self.card_type.setCurrentIndex(self.card_type.count() - 1)
        self.fee = FeeFields(self, "enrol", max_fen=session.counter.config.max_amount_fen)
        self.card_type.currentIndexChanged.connect(self._show_fee)
        self._show_fee()
        self.sex = QComboBox(self)
        named(self.sex, "enrolSex", self.tr("性别"))
        for text, value in ((self.tr("未填"), ""), (self.tr("男"), "男"), (self.tr("女"), "女")):
            self.sex.addItem(text, value)
        self.birthday = MemberDateFields(self, "enrolBirthday", self.tr("生日（选填）"))
        self.birthday.date.returnPressed.connect(self.submit)
        self.field_messages = FieldMessages(self)
        buttons = self._confirm_row(
            self.tr("完成 (Enter)"), "enrolDone", self.tr("完成办卡"), "enrolCancel"
        )
        self.done_button = self.confirm_button
        for field in (self.card_no, self.phone, self.name):
            field.returnPressed.connect(lambda f=field: self._next(f))
        form = QFormLayout()
        form.addRow(self.tr("卡号"), self.card_no)
        form.addRow(self.tr("手机号"), self.phone)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("卡类型"), self.card_type)
        form.addRow(self.tr("性别"), self.field_messages.cell("sex", self.sex, "enrolSex"))
        form.addRow(
            self.tr("生日"),
            self.field_messages.cell(
                "birthday", self.birthday.row, "enrolBirthday", focus=self.birthday.date
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fee)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.card_no.setFocus()

    def _show_fee(self) -> None:
        """A paid card type's fee is taken at enrolment: its fields show only for one."""
        self.fee.set_fee(self._fees.get(str(self.card_type.currentData()), 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # each field's returnPressed moves on (see _next)
            return
        super().keyPressEvent(event)

    def _next(self, field: QLineEdit) -> None:
        """Enter moves on to the next empty field, and finishes once all three are filled; a
        swipe into the card field is read as a card number first."""
        if field is self.card_no and self.card_no.text().strip():
            with Attempt(self.show_error) as attempt:
                self.card_no.setText(
                    card_from_input(
                        self.card_no.text(),
                        swipe_settings(self._session.counter.config.card_reader),
                    )
                )
            if attempt.failed:
                self.card_no.selectAll()
                return
        for each in (self.card_no, self.phone, self.name):
            if not each.text().strip():
                each.setFocus()
                return
        self.submit()

    def submit(self) -> None:
        session = self._session
        self.field_messages.clear()
        with Attempt(self.show_error) as attempt:
            result = self._members.cards.enrol(
                card_no=card_from_input(
                    self.card_no.text(), swipe_settings(session.counter.config.card_reader)
                ),
                phone=self.phone.text(),
                name=self.name.text(),
                cashier=session.staff,
                card_type_id=self.card_type.currentData(),
                fee_tenders=self.fee.tenders(),
                shift_id=session.shift_id,
                sex=str(self.sex.currentData() or "") or None,
                birthday=self.birthday.read("birthday"),
            )
        if attempt.failed:
            if attempt.error and self.field_messages.place(attempt.error):
                self.clear_error()  # a birthday or sex refusal is said under its field
            return
        self.finish(result)


class RedeemDialog(_Enter):
    """积分兑换: a gift of the catalogue for the attached member's points."""

    def __init__(self, parent: QWidget | None, session: CounterSession, member: CartMember) -> None:
        super().__init__(parent, self.tr("积分兑换"))
        self.setObjectName("redeemDialog")
        self._session = session
        self._member = member
        self._members: MemberDesk = session.counter.members
        heading = QLabel(
            self.tr("%1 现有积分 %2").replace("%1", member.name).replace("%2", str(member.points)),
            self,
        )
        self.list = QListWidget(self)
        named(self.list, "redeemGiftList", self.tr("礼品"))
        ScanGuard(self.list, self)
        self.gifts: list[GiftView] = []
        with Attempt(self.show_error):
            self.gifts = self._members.count_cards_and_gifts.gifts()
        for gift in self.gifts:
            self.list.addItem(
                self.tr("%1    %2 积分    库存 %3")
                .replace("%1", gift.name)
                .replace("%2", str(gift.points_cost))
                .replace("%3", str(gift.stock))
            )
        self.list.setCurrentRow(0)
        self.quantity = QSpinBox(self)
        named(self.quantity, "redeemQuantity", self.tr("数量"))
        self.quantity.setRange(1, 99)
        buttons = self._confirm_row(
            self.tr("确认兑换 (Enter)"), "redeemConfirm", self.tr("确认兑换"), "redeemCancel"
        )
        buttons.insertWidget(0, QLabel(self.tr("数量"), self))
        buttons.insertWidget(1, self.quantity)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(480, 380)
        self.list.setFocus()

    def submit(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.gifts):
            self.show_error(self.tr("请选择礼品"))
            return
        with Attempt(self.show_error) as attempt:
            result = self._members.count_cards_and_gifts.redeem_gift(
                self._member.member_id,
                self.gifts[row].id,
                self.quantity.value(),
                cashier=self._session.staff,
            )
        if attempt.failed:
            return
        self.finish(result)


class TenderForm(Protocol):
    """What the member tenders use of the payment dialog they sit in."""

    @property
    def amount(self) -> QLineEdit: ...

    def choose(self, method: TenderMethod) -> bool: ...


class MemberTenders(QWidget):
    """储值 and 积分 buttons, the member password and what the points cover: added to the payment
    dialog only while a member is attached to the cart."""

    def __init__(self, dialog: QWidget, session: CounterSession, form: TenderForm) -> None:
        super().__init__(dialog)
        self.setObjectName("memberTenders")
        self._form = form
        self._session = session
        member = session.cart.member
        assert member is not None
        self.member: CartMember = member
        self.stored_value_button = QPushButton(
            with_key(self.tr("储值"), TenderMethod.STORED_VALUE), self
        )
        named(self.stored_value_button, "tenderStoredValue", self.tr("储值付款"))
        self.stored_value_button.clicked.connect(lambda: form.choose(TenderMethod.STORED_VALUE))
        self.points_button = QPushButton(with_key(self.tr("积分"), TenderMethod.POINTS), self)
        named(self.points_button, "tenderPoints", self.tr("积分抵现"))
        self.points_button.clicked.connect(lambda: form.choose(TenderMethod.POINTS))
        self.points_button.setEnabled(member.point_value[0] > 0)
        for button in (self.stored_value_button, self.points_button):
            button.setAutoDefault(False)
        self.password = QLineEdit(self)
        named(self.password, "memberPassword", self.tr("会员密码"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(12)
        self.password.setPlaceholderText(self.tr("会员密码"))
        self.password.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.password.setVisible(member.password_required)
        self.info = QLabel(self)
        self.info.setObjectName("memberTenderInfo")
        self.info.setAccessibleName(self.tr("会员余额与积分"))
        self.info.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("会员"), self), 0, 0)
        grid.addWidget(self.info, 0, 1)
        grid.addWidget(self.password, 0, 2)
        grid.addWidget(self.stored_value_button, 0, 3)
        grid.addWidget(self.points_button, 0, 4)
        grid.setColumnStretch(1, 1)
        form.amount.textChanged.connect(self.update_info)
        self.update_info()

    def _points_for(self, amount_fen: int) -> int:
        return points_needed(amount_fen, self.member.point_value)

    def update_info(self) -> None:
        member = self.member
        text = (
            self.tr("余额 %1（本金 %2，赠送 %3），积分 %4")
            .replace("%1", format_yuan(member.balance_fen))
            .replace("%2", format_yuan(member.principal_fen))
            .replace("%3", format_yuan(member.bonus_fen))
            .replace("%4", str(member.points))
        )
        try:
            amount = parse_amount(self._form.amount.text(), allow_zero=False)
        except MoneyError:
            amount = 0
        if amount and member.point_value[0] > 0:
            text += (
                self.tr("；抵 %1 需 %2 积分")
                .replace("%1", format_yuan(amount))
                .replace("%2", str(self._points_for(amount)))
            )
        self.info.setText(text)

    def check(self, tender: Tender, tenders: list[Tender]) -> None:
        """Refuse a member tender the card cannot cover, before the sale is tried."""
        member = self.member
        if tender.method is TenderMethod.STORED_VALUE:
            used = sum(t.amount_fen for t in tenders if t.method is TenderMethod.STORED_VALUE)
            if used + tender.amount_fen > member.balance_fen:
                raise InsufficientBalance(
                    self.tr("余额不足：卡内余额 %1").replace("%1", format_yuan(member.balance_fen))
                )
        elif tender.method is TenderMethod.POINTS:
            if member.point_value[0] <= 0:
                raise TenderError(self.tr("该卡类型的积分不能抵现"))
            spent = sum(t.amount_fen for t in tenders if t.method is TenderMethod.POINTS)
            needed = self._points_for(spent + tender.amount_fen)
            if needed > member.points:
                raise InsufficientPoints(needed, member.points)

    def tender_text(self, tender: Tender) -> str | None:
        if tender.method is TenderMethod.POINTS:
            return (
                self.tr("积分抵现  %1（%2 积分）")
                .replace("%1", format_yuan(tender.amount_fen))
                .replace("%2", str(self._points_for(tender.amount_fen)))
            )
        return None

    def _uses_card(self, tenders: list[Tender]) -> bool:
        """Stored value, or 挂账 to the member: both ask for the password where the card does."""
        return any(
            t.method is TenderMethod.STORED_VALUE
            or (t.method is TenderMethod.ON_ACCOUNT and t.account_member_id is not None)
            for t in tenders
        )

    def ask_password(self, tenders: list[Tender]) -> bool:
        """Once stored value (or 挂账 to the member) pays on a card that needs the password, the
        keyboard goes to the password (then Enter confirms); True when it did."""
        needed = self._uses_card(tenders) and self.member.password_required
        if not needed or self.password.text():
            return False
        self.password.setFocus()
        return True

    def verify(self, tenders: list[Tender]) -> PasswordCheck | None:
        """Check the member's password when stored value pays and the card needs it: the proof
        the sale spends, or None when none is needed. Wrong tries count (five, then locked)."""
        if not self._uses_card(tenders) or not self.member.password_required:
            return None
        password = self.password.text()
        if not password:
            self.password.setFocus()
            raise TenderError(self.tr("请输入会员密码"))
        try:
            return self._session.counter.members.cards.verify_password(
                self.member.member_id, password, self._session.staff
            )
        except Exception:  # not shown here: the payment dialog's Attempt says why
            self.password.clear()
            self.password.setFocus()
            raise


class CountCardSaleDialog(_Enter):
    """售次卡: a package, how it is paid (cash with change, or a card or QR payment for the exact
    price); accepted with the service's ``WithSlips[CountCardReceipt]``."""

    def __init__(self, parent: QWidget | None, session: CounterSession, member: CartMember) -> None:
        super().__init__(parent, self.tr("售次卡"))
        self.setObjectName("countCardSaleDialog")
        self._session = session
        self._member = member
        self._members: MemberDesk = session.counter.members
        self._max_fen = session.counter.config.max_amount_fen
        heading = QLabel(
            self.tr("%1（%2）").replace("%1", member.name).replace("%2", member.card_no_masked),
            self,
        )
        self.packages: list[PackageView] = []
        with Attempt(self.show_error):
            self.packages = [p for p in self._members.count_cards_and_gifts.packages() if p.active]
        self.package = QComboBox(self)
        named(self.package, "countCardPackage", self.tr("次卡套餐"))
        for package in self.packages:
            self.package.addItem(
                self.tr("%1  %2 次  %3")
                .replace("%1", package.name)
                .replace("%2", str(package.uses))
                .replace("%3", format_yuan(package.price_fen)),
                package.id,
            )
        self.package.currentIndexChanged.connect(self._prefill)
        self.method = QComboBox(self)
        named(self.method, "countCardMethod", self.tr("付款方式"))
        for method in TOP_UP_METHODS:
            self.method.addItem(method_label(method), method.value)
        self.method.currentIndexChanged.connect(self._update_change)
        self.tendered = QLineEdit(self)
        named(self.tendered, "countCardTendered", self.tr("实收金额"))
        self.tendered.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.tendered.setProperty("role", "bigInput")
        self.tendered.textChanged.connect(self._update_change)
        self.change_label = QLabel(self)
        self.change_label.setObjectName("countCardChange")
        self.change_label.setAccessibleName(self.tr("找零"))
        buttons = self._confirm_row(
            self.tr("确认收款 (Enter)"), "confirmCountCard", self.tr("确认售卡"), "cancelCountCard"
        )
        form = QFormLayout()
        form.addRow(self.tr("次卡套餐"), self.package)
        form.addRow(self.tr("付款方式"), self.method)
        form.addRow(self.tr("实收金额"), self.tendered)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.change_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        if not self.packages:
            self.show_error(self.tr("还没有次卡套餐，请店长在会员管理中添加"))
        self._prefill()
        self.tendered.setFocus()

    def _price(self) -> int:
        row = self.package.currentIndex()
        return self.packages[row].price_fen if 0 <= row < len(self.packages) else 0

    def _prefill(self) -> None:
        price = self._price()
        self.tendered.setText(format_fen(price) if price else "")
        self.tendered.selectAll()
        self._update_change()

    def _tender(self) -> Tender:
        amount = parse_amount(self.tendered.text(), allow_zero=False, max_fen=self._max_fen)
        return Tender(TenderMethod(self.method.currentData()), amount)

    def _update_change(self) -> None:
        try:
            settlement = settle(self._price(), [self._tender()])
        except KnownError as exc:  # said beside the amount while it is typed
            self.change_label.setText(message_for(exc))
            return
        self.change_label.setText(
            self.tr("找零 %1").replace("%1", format_yuan(settlement.change_fen))
        )

    def submit(self) -> None:
        row = self.package.currentIndex()
        if not 0 <= row < len(self.packages):
            self.show_error(self.tr("请选择次卡套餐"))
            return
        session = self._session
        with Attempt(self.show_error) as attempt:
            result = self._members.count_cards_and_gifts.sell_count_card(
                self._member.member_id,
                self.packages[row].id,
                [self._tender()],
                cashier=session.staff,
                shift_id=session.shift_id,
            )
        if attempt.failed:
            self.tendered.selectAll()
            self.tendered.setFocus()
            return
        self.finish(result)


class IssueCouponsDialog(_Enter):
    """发券: a coupon template for the members chosen on the members screen; accepted with the
    template's id (the screen asks a manager, then the service issues and audits)."""

    def __init__(
        self, parent: QWidget | None, templates: list[TemplateView], member_names: list[str]
    ) -> None:
        super().__init__(parent, self.tr("发放优惠券"))
        self.setObjectName("issueCouponsDialog")
        self.templates = templates
        heading = QLabel(
            self.tr("发给 %1 位会员：%2")
            .replace("%1", str(len(member_names)))
            .replace("%2", "、".join(member_names[:10]) + ("…" if len(member_names) > 10 else "")),
            self,
        )
        heading.setObjectName("issueCouponsMembers")
        heading.setWordWrap(True)
        self.template = QComboBox(self)
        named(self.template, "couponTemplate", self.tr("优惠券模板"))
        for template in templates:
            self.template.addItem(f"{template.name}（{template.terms.label}）", template.id)
        self.template.currentIndexChanged.connect(self._show_validity)
        self.validity = QLabel(self)
        self.validity.setObjectName("couponValidity")
        self.validity.setAccessibleName(self.tr("有效期"))
        buttons = self._confirm_row(
            self.tr("确认发券 (Enter)"),
            "issueCouponsConfirm",
            self.tr("确认发券"),
            "issueCouponsCancel",
        )
        form = QFormLayout()
        form.addRow(self.tr("优惠券"), self.template)
        form.addRow(self.tr("有效期"), self.validity)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        if not templates:
            self.show_error(self.tr("还没有优惠券模板，请先在“礼品与优惠券”中新增"))
        self._show_validity()
        self.template.setFocus()

    def _show_validity(self) -> None:
        row = self.template.currentIndex()
        if not 0 <= row < len(self.templates):
            self.validity.clear()
            return
        template = self.templates[row]
        if template.valid_days:
            text = self.tr("自发券日起 %1 天").replace("%1", str(template.valid_days))
        else:
            text = self.tr("至 %1").replace(
                "%1", template.valid_to.isoformat() if template.valid_to else "-"
            )
        self.validity.setText(text)

    def submit(self) -> None:
        row = self.template.currentIndex()
        if not 0 <= row < len(self.templates):
            self.show_error(self.tr("请选择优惠券模板"))
            return
        self.finish(self.templates[row].id)
