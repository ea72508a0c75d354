"""The members screen's ledger tabs: stored value, points, count cards, purchases and history of
the chosen member, each a read-only table filled from the member service."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.money import format_fen
from app.ui.dialogs import named
from app.ui.member_tables import fill_table, read_only_table, signed_yuan

if TYPE_CHECKING:
    from app.members.count_cards import CountCardView
    from app.pos.member_desk.desk import MemberDesk


def history_detail(text: str) -> str:
    """An audit detail for people: a JSON object becomes ``key: value`` pairs."""
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if isinstance(data, dict):
        return "，".join(f"{key}: {value}" for key, value in data.items())
    return str(data)


class MemberLedgers(QObject):
    """Adds the ledger tabs to ``tabs`` in order; using or refunding a count card is the
    screen's to run."""

    def __init__(
        self,
        parent: QWidget,
        tabs: QTabWidget,
        *,
        use_count_card: Callable[[], None],
        refund_count_card: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberLedgers")
        self.count_cards: list[CountCardView] = []
        self.stored_value_table = read_only_table(
            parent,
            "storedValueTable",
            self.tr("储值流水"),
            [
                self.tr("日期"),
                self.tr("类型"),
                self.tr("本金"),
                self.tr("赠送"),
                self.tr("余额"),
                self.tr("说明"),
            ],
        )
        tabs.addTab(self.stored_value_table, self.tr("储值流水"))
        self.points_table = read_only_table(
            parent,
            "pointsTable",
            self.tr("积分流水"),
            [self.tr("日期"), self.tr("类型"), self.tr("积分"), self.tr("结余"), self.tr("说明")],
        )
        tabs.addTab(self.points_table, self.tr("积分流水"))
        tabs.addTab(
            self._count_cards_tab(parent, use_count_card, refund_count_card), self.tr("次卡")
        )
        self.purchases_table = read_only_table(
            parent,
            "purchasesTable",
            self.tr("消费记录"),
            [self.tr("日期"), self.tr("单号"), self.tr("类型"), self.tr("金额"), self.tr("状态")],
        )
        tabs.addTab(self.purchases_table, self.tr("消费记录"))
        self.history_table = read_only_table(
            parent,
            "historyTable",
            self.tr("会员历史"),
            [self.tr("时间"), self.tr("操作"), self.tr("详情")],
        )
        tabs.addTab(self.history_table, self.tr("历史"))

    def _count_cards_tab(
        self, parent: QWidget, use: Callable[[], None], refund: Callable[[], None]
    ) -> QWidget:
        tab = QWidget(parent)
        tab.setObjectName("countCardsTab")
        self.count_cards_table = read_only_table(
            tab,
            "countCardsTable",
            self.tr("次卡"),
            [self.tr("名称"), self.tr("服务"), self.tr("剩余 / 总次数"), self.tr("有效期至")],
        )
        self.count_card_lines_table = read_only_table(
            tab,
            "countCardLinesTable",
            self.tr("次卡流水"),
            [self.tr("日期"), self.tr("类型"), self.tr("次数"), self.tr("剩余"), self.tr("说明")],
        )
        buttons = QHBoxLayout()
        for name, text, accessible, handler in (
            ("countCardUse", self.tr("核销一次"), self.tr("核销一次"), use),
            ("countCardRefund", self.tr("退次卡（需店长授权）"), self.tr("退次卡"), refund),
        ):
            button = QPushButton(text, tab)
            named(button, name, accessible)
            button.setAutoDefault(False)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.count_cards_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_card_lines_table, 1)
        return tab

    def tables(self) -> tuple[QTableWidget, ...]:
        return (
            self.stored_value_table,
            self.points_table,
            self.count_cards_table,
            self.count_card_lines_table,
            self.purchases_table,
            self.history_table,
        )

    def clear(self) -> None:
        for table in self.tables():
            table.setRowCount(0)

    def chosen_count_card(self) -> CountCardView | None:
        row = self.count_cards_table.currentRow()
        return self.count_cards[row] if 0 <= row < len(self.count_cards) else None

    def fill(self, members: MemberDesk, member_id: str) -> None:
        """Every ledger of ``member_id``, read afresh."""
        self._fill_stored_value(members, member_id)
        self._fill_points(members, member_id)
        self._fill_count_cards(members, member_id)
        self._fill_purchases(members, member_id)
        self._fill_history(members, member_id)

    def _fill_stored_value(self, members: MemberDesk, member_id: str) -> None:
        fill_table(
            self.stored_value_table,
            [
                (
                    line.business_day.isoformat(),
                    line.kind,
                    signed_yuan(line.principal_delta),
                    signed_yuan(line.bonus_delta),
                    format_fen(line.balance_after_fen),
                    line.reason,
                )
                for line in members.queries.stored_value_lines(member_id)
            ],
        )

    def _fill_points(self, members: MemberDesk, member_id: str) -> None:
        fill_table(
            self.points_table,
            [
                (
                    line.business_day.isoformat(),
                    line.kind,
                    f"{line.delta:+d}",
                    str(line.balance_after),
                    line.reason,
                )
                for line in members.queries.points_lines(member_id)
            ],
        )

    def _fill_count_cards(self, members: MemberDesk, member_id: str) -> None:
        self.count_cards = list(members.queries.detail(member_id).count_cards)
        fill_table(
            self.count_cards_table,
            [
                (
                    card.name,
                    card.service,
                    f"{card.uses_left} / {card.uses_total}",
                    card.expires_on.isoformat() if card.expires_on else self.tr("长期"),
                )
                for card in self.count_cards
            ],
        )
        fill_table(
            self.count_card_lines_table,
            [
                (
                    line.business_day.isoformat(),
                    line.kind,
                    f"{line.uses_delta:+d}",
                    str(line.uses_after),
                    line.reason,
                )
                for line in members.queries.count_card_lines(member_id)
            ],
        )

    def _fill_purchases(self, members: MemberDesk, member_id: str) -> None:
        fill_table(
            self.purchases_table,
            [
                (
                    p.business_day.isoformat(),
                    p.receipt_no,
                    p.kind,
                    format_fen(p.total_fen),
                    p.state,
                )
                for p in members.queries.purchases(member_id)
            ],
        )

    def _fill_history(self, members: MemberDesk, member_id: str) -> None:
        fill_table(
            self.history_table,
            [
                (h.at.astimezone().strftime("%Y-%m-%d %H:%M"), h.action, history_detail(h.detail))
                for h in members.queries.history(member_id)
            ],
        )
