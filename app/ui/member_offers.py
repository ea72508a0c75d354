"""What the store gives members, as a tab of the members screen: the gift catalogue and coupon
templates, each listed and added with a manager's approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from app.errors import InputError
from app.members.coupons import CouponKind, CouponTerms
from app.money import parse_amount
from app.pos.staff import Sensitive
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, PromptDialog, named
from app.ui.feedback import Attempt
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

BASIS_POINTS = 10_000
BOXES_PER_ROW = 2

#: What saves a rule the manager typed as words, given the approving manager.
AddRule = Callable[[list[str], "StaffView"], object]


class MemberOffersPanel(QWidget):
    """The gift catalogue and coupon templates; every change needs a manager."""

    def __init__(self, parent: QWidget, session: CounterSession) -> None:
        super().__init__(parent)
        self.setObjectName("memberOffers")
        self._session = session
        self._parent = parent
        self.members: MemberDesk = session.counter.members
        self._build_tables()
        grid = QGridLayout(self)
        for position, box in enumerate(self._boxes()):
            grid.addLayout(box, position // BOXES_PER_ROW, position % BOXES_PER_ROW)
        self.load()

    def _build_tables(self) -> None:
        self.gifts_table = read_only_table(
            self,
            "giftsTable",
            self.tr("积分礼品"),
            [self.tr("礼品"), self.tr("所需积分"), self.tr("库存")],
        )
        self.templates_table = read_only_table(
            self, "couponTemplatesTable", self.tr("优惠券模板"), [self.tr("名称"), self.tr("内容")]
        )

    def _boxes(self) -> list[QVBoxLayout]:
        """One box per rule kind: its caption, its table and its add button."""
        kinds: tuple[tuple[QTableWidget, str, str, AddRule, str], ...] = (
            (
                self.gifts_table,
                self.tr("积分礼品"),
                "addGift",
                self.add_gift,
                self.tr("礼品 积分 库存，如“雨伞 800 10”"),
            ),
            (
                self.templates_table,
                self.tr("优惠券模板"),
                "addCouponTemplate",
                self.add_template,
                self.tr("名称 满多少 减多少 有效天数，如“满200减20 200 20 30”"),
            ),
        )
        boxes = []
        for table, caption, name, handler, hint in kinds:
            box = QVBoxLayout()
            box.addWidget(QLabel(caption, self))
            box.addWidget(table, 1)
            button = QPushButton(self.tr("新增（需店长授权）"), self)
            named(button, name, caption)
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _checked=False, h=handler, c=caption, t=hint: self._ask(c, t, h)
            )
            box.addWidget(button)
            boxes.append(box)
        return boxes

    def load(self) -> None:
        members = self.members
        with Attempt(self._error):
            fill_table(
                self.gifts_table,
                [
                    (g.name, str(g.points_cost), str(g.stock))
                    for g in members.count_cards_and_gifts.gifts()
                ],
            )
            fill_table(
                self.templates_table,
                [(t.name, t.terms.label) for t in members.coupons_and_rules.coupon_templates()],
            )

    def _error(self, error: BaseException | str) -> None:
        parent = self._parent
        if isinstance(parent, CounterDialog):
            parent.show_error(error)

    def _ask(self, title: str, hint: str, then: AddRule) -> None:
        def parse(text: str) -> list[str]:
            parts = text.split()
            if not parts:
                raise InputError(self.tr("请填写内容"))
            return parts

        def typed(parts: list[str]) -> None:
            with_approval(
                self,
                self._session,
                Sensitive.MEMBER_RULES,
                lambda approver: self._save(lambda: then(parts, approver)),
                detail=title,
            )

        dialog = PromptDialog(self, title, hint, parse)
        dialog.input.setObjectName("rulesInput")
        dialog.present(typed)

    def _save(self, action: Callable[[], object]) -> None:
        with Attempt(self._error) as attempt:
            action()
        if attempt.failed:
            return
        self.load()

    def _part(self, parts: list[str], index: int) -> str:
        """The ``index``-th word the manager typed; a missing one is said plainly."""
        if index >= len(parts):
            raise InputError(self.tr("内容不完整"))
        return parts[index]

    def _whole(self, parts: list[str], index: int) -> int:
        """The ``index``-th word as a whole number; anything else is said plainly."""
        text = self._part(parts, index)
        try:
            return int(text)
        except ValueError:
            raise InputError(self.tr("“%1”不是整数").replace("%1", text)) from None

    def _fold(self, parts: list[str], index: int) -> int:
        """A discount typed as a fold (``9.5`` for 九五折) in basis points."""
        text = self._part(parts, index)
        try:
            return round(float(text) * 1000)
        except (ValueError, OverflowError):
            raise InputError(
                self.tr("“%1”不是折扣，如 9.5 表示九五折").replace("%1", text)
            ) from None

    def add_gift(self, parts: list[str], approver: StaffView) -> None:
        self.members.count_cards_and_gifts.create_gift(
            self._part(parts, 0),
            self._whole(parts, 1),
            self._whole(parts, 2),
            cashier=self._session.staff,
            approver=approver,
        )

    def add_template(self, parts: list[str], approver: StaffView) -> None:
        terms = CouponTerms(
            CouponKind.AMOUNT_OFF,
            parse_amount(self._part(parts, 2)),
            parse_amount(self._part(parts, 1)),
        )
        self.members.coupons_and_rules.create_coupon_template(
            self._part(parts, 0),
            terms,
            valid_days=self._whole(parts, 3),
            cashier=self._session.staff,
            approver=approver,
        )
