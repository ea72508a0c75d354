"""The store's member rules as a tab of the members screen: card types and top-up bonus rules,
each listed and added with a manager's approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from app.errors import InputError
from app.members.card_types import CardTypeInput
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


class MemberRulesPanel(QWidget):
    """Card types and top-up bonus rules; every change needs a manager."""

    def __init__(self, parent: QWidget, session: CounterSession) -> None:
        super().__init__(parent)
        self.setObjectName("memberRules")
        self._session = session
        self._parent = parent
        self.members: MemberDesk = session.counter.members
        self._build_tables()
        grid = QGridLayout(self)
        for position, box in enumerate(self._boxes()):
            grid.addLayout(box, position // BOXES_PER_ROW, position % BOXES_PER_ROW)
        self.load()

    def _build_tables(self) -> None:
        self.card_types_table = read_only_table(
            self,
            "cardTypesTable",
            self.tr("卡类型"),
            [
                self.tr("名称"),
                self.tr("折扣"),
                self.tr("积分/元"),
                self.tr("需密码"),
                self.tr("默认"),
            ],
        )
        self.bonus_rules_table = read_only_table(
            self, "bonusRulesTable", self.tr("充值赠送规则"), [self.tr("规则")]
        )

    def _boxes(self) -> list[QVBoxLayout]:
        """One box per rule kind: its caption, its table and its add button."""
        kinds: tuple[tuple[QTableWidget, str, str, AddRule, str], ...] = (
            (
                self.card_types_table,
                self.tr("卡类型"),
                "addCardType",
                self.add_card_type,
                self.tr("名称 等级序号 折扣 积分每元，如“钻石卡 3 8.5 2”"),
            ),
            (
                self.bonus_rules_table,
                self.tr("充值赠送"),
                "addBonusRule",
                self.add_bonus_rule,
                self.tr("充多少 送多少，如“500 100”"),
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
                self.card_types_table,
                [
                    (
                        v.card_type.name,
                        f"{v.card_type.discount_bp / 1000:g}折"
                        if v.card_type.discount_bp < BASIS_POINTS
                        else self.tr("不打折"),
                        str(v.card_type.points_per_yuan),
                        self.tr("是") if v.card_type.needs_password else self.tr("否"),
                        self.tr("是") if v.is_default else "",
                    )
                    for v in members.coupons_and_rules.card_types()
                ],
            )
            fill_table(
                self.bonus_rules_table,
                [(r.label,) for r in members.coupons_and_rules.bonus_rules()],
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

    def add_card_type(self, parts: list[str], approver: StaffView) -> None:
        name, rank, rate = self._part(parts, 0), self._whole(parts, 1), self._whole(parts, 3)
        discount = self._fold(parts, 2)
        self.members.coupons_and_rules.save_card_type(
            None,
            CardTypeInput(name, rank, discount_bp=discount, points_per_yuan=rate, points_value=1),
            cashier=self._session.staff,
            approver=approver,
        )

    def add_bonus_rule(self, parts: list[str], approver: StaffView) -> None:
        self.members.coupons_and_rules.create_bonus_rule(
            parse_amount(self._part(parts, 0)),
            parse_amount(self._part(parts, 1)),
            cashier=self._session.staff,
            approver=approver,
        )
