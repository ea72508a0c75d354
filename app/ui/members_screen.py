"""The members screen: find a member, see and edit their profile with their ledgers, purchases and
history; card operations with a manager's approval; coupons issued to the members chosen in the
list; the store's member rules (card types, bonus rules, gifts, coupon templates) edited by a
manager. Phones stay masked unless a manager asks."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.members.card_types import CardTypeInput
from app.members.coupons import CouponKind, CouponTerms
from app.members.enrolment import ProfileChanges
from app.money import format_fen, format_yuan, parse_amount
from app.pos.staff import Sensitive
from app.ui.dialogs import CounterDialog, PromptDialog, named
from app.ui.member_dialogs import IssueCouponsDialog, with_approval

if TYPE_CHECKING:
    from app.members.accounts import MemberView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

BASIS_POINTS = 10_000


def _table(parent: QWidget, object_name: str, accessible: str, headers: Sequence[str]) -> Any:
    table = QTableWidget(0, len(headers), parent)
    named(table, object_name, accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))


def _signed_yuan(fen: int) -> str:
    return ("+" if fen > 0 else "") + format_fen(fen)


class MembersScreen(CounterDialog):
    """Search on the left, the chosen member's tabs on the right; rules in their own tabs."""

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("会员管理"))
        self.setObjectName("membersScreen")
        self._session = session
        self.members: MemberDesk = session.counter.members
        self.current: MemberView | None = None
        self.full_phone_shown: str | None = None
        self.rows: list[Any] = []

        self.search_input = QLineEdit(self)
        named(self.search_input, "membersSearch", self.tr("按卡号、手机号或姓名查找"))
        self.search_input.setPlaceholderText(self.tr("卡号 / 手机号 / 姓名"))
        self.search_input.returnPressed.connect(self.search)
        search_button = QPushButton(self.tr("查找"), self)
        named(search_button, "membersSearchButton", self.tr("查找"))
        search_button.setAutoDefault(False)
        search_button.clicked.connect(self.search)
        self.list = _table(
            self,
            "membersTable",
            self.tr("会员列表"),
            [
                self.tr("卡号"),
                self.tr("姓名"),
                self.tr("手机"),
                self.tr("等级"),
                self.tr("状态"),
                self.tr("余额"),
                self.tr("积分"),
            ],
        )
        # Several rows may be chosen (Ctrl / Shift) to issue coupons to a list of members.
        self.list.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._selected)

        self.tabs = QTabWidget(self)
        named(self.tabs, "memberTabs", self.tr("会员资料"))
        self.tabs.addTab(self._profile_tab(), self.tr("资料"))
        self.stored_value_table = _table(
            self,
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
        self.tabs.addTab(self.stored_value_table, self.tr("储值流水"))
        self.points_table = _table(
            self,
            "pointsTable",
            self.tr("积分流水"),
            [self.tr("日期"), self.tr("类型"), self.tr("积分"), self.tr("结余"), self.tr("说明")],
        )
        self.tabs.addTab(self.points_table, self.tr("积分流水"))
        self.tabs.addTab(self._count_cards_tab(), self.tr("次卡"))
        self.purchases_table = _table(
            self,
            "purchasesTable",
            self.tr("消费记录"),
            [self.tr("日期"), self.tr("单号"), self.tr("类型"), self.tr("金额"), self.tr("状态")],
        )
        self.tabs.addTab(self.purchases_table, self.tr("消费记录"))
        self.history_table = _table(
            self,
            "historyTable",
            self.tr("会员历史"),
            [self.tr("时间"), self.tr("操作"), self.tr("详情")],
        )
        self.tabs.addTab(self.history_table, self.tr("历史"))
        self.rules = MemberRulesPanel(self, session)
        self.tabs.addTab(self.rules, self.tr("会员规则"))

        self.operations = self._operations()
        close = QPushButton(self.tr("关闭"), self)
        named(close, "membersClose", self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.export_button = QPushButton(self.tr("导出会员（需店长授权）"), self)
        named(self.export_button, "membersExport", self.tr("导出会员"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.ask_export)
        self.issue_button = QPushButton(self.tr("发券（需店长授权）"), self)
        named(self.issue_button, "issueCouponsButton", self.tr("给所选会员发券"))
        self.issue_button.setAutoDefault(False)
        self.issue_button.clicked.connect(self.issue_coupons)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("membersStatus")
        self.status_label.setAccessibleName(self.tr("操作结果"))
        left = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.search_input, 1)
        row.addWidget(search_button)
        left.addLayout(row)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.tabs, 1)
        right.addLayout(self.operations)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.issue_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        self.resize(1100, 680)
        self.search()
        self._show(None)
        self.search_input.setFocus()

    # -- building ----------------------------------------------------------------------------

    def _profile_tab(self) -> QWidget:
        tab = QWidget(self)
        self.card_label = QLabel(tab)
        self.card_label.setObjectName("memberCardNo")
        self.level_label = QLabel(tab)
        self.level_label.setObjectName("memberLevelInfo")
        self.balance_label = QLabel(tab)
        self.balance_label.setObjectName("memberBalanceInfo")
        self.phone_label = QLabel(tab)
        self.phone_label.setObjectName("memberPhoneShown")
        self.phone_label.setAccessibleName(self.tr("手机号"))
        self.full_phone_button = QPushButton(self.tr("显示完整号码（需店长授权）"), tab)
        named(self.full_phone_button, "showFullPhone", self.tr("显示完整号码"))
        self.full_phone_button.setAutoDefault(False)
        self.full_phone_button.clicked.connect(self.show_full_phone)
        self.name_edit = QLineEdit(tab)
        named(self.name_edit, "profileName", self.tr("姓名"))
        self.phone_edit = QLineEdit(tab)
        named(self.phone_edit, "profilePhone", self.tr("新手机号（不改请留空）"))
        self.phone_edit.setPlaceholderText(self.tr("不改请留空"))
        self.sex_box = QComboBox(tab)
        named(self.sex_box, "profileSex", self.tr("性别"))
        self.sex_box.addItem(self.tr("未填"), "")
        self.sex_box.addItem(self.tr("男"), "男")
        self.sex_box.addItem(self.tr("女"), "女")
        self.birthday_label = QLabel(tab)
        self.birthday_label.setObjectName("profileBirthday")
        self.tags_edit = QLineEdit(tab)
        named(self.tags_edit, "profileTags", self.tr("标签（逗号分隔）"))
        self.note_edit = QLineEdit(tab)
        named(self.note_edit, "profileNote", self.tr("备注"))
        self.save_button = QPushButton(self.tr("保存资料"), tab)
        named(self.save_button, "memberSaveProfile", self.tr("保存资料"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_profile)
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone_label, 1)
        phone_row.addWidget(self.full_phone_button)
        form = QFormLayout(tab)
        form.addRow(self.tr("卡号"), self.card_label)
        form.addRow(self.tr("等级 / 状态"), self.level_label)
        form.addRow(self.tr("余额 / 积分"), self.balance_label)
        form.addRow(self.tr("手机"), phone_row)
        form.addRow(self.tr("生日"), self.birthday_label)
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("新手机号"), self.phone_edit)
        form.addRow(self.tr("性别"), self.sex_box)
        form.addRow(self.tr("标签"), self.tags_edit)
        form.addRow(self.tr("备注"), self.note_edit)
        form.addRow("", self.save_button)
        return tab

    def _count_cards_tab(self) -> QWidget:
        tab = QWidget(self)
        self.count_cards_table = _table(
            tab,
            "countCardsTable",
            self.tr("次卡"),
            [self.tr("名称"), self.tr("服务"), self.tr("剩余 / 总次数"), self.tr("有效期至")],
        )
        self.count_card_lines_table = _table(
            tab,
            "countCardLinesTable",
            self.tr("次卡流水"),
            [self.tr("日期"), self.tr("类型"), self.tr("次数"), self.tr("剩余"), self.tr("说明")],
        )
        use = QPushButton(self.tr("核销一次"), tab)
        named(use, "countCardUse", self.tr("核销一次"))
        use.setAutoDefault(False)
        use.clicked.connect(self.use_count_card)
        refund = QPushButton(self.tr("退次卡（需店长授权）"), tab)
        named(refund, "countCardRefund", self.tr("退次卡"))
        refund.setAutoDefault(False)
        refund.clicked.connect(self.refund_count_card)
        buttons = QHBoxLayout()
        buttons.addWidget(use)
        buttons.addWidget(refund)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.count_cards_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_card_lines_table, 1)
        self.count_cards: list[Any] = []
        return tab

    def _operations(self) -> QGridLayout:
        grid = QGridLayout()
        self.operation_buttons: dict[str, QPushButton] = {}
        for position, (name, text, handler) in enumerate(
            (
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
        ):
            button = QPushButton(text, self)
            named(button, name, text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            grid.addWidget(button, position // 5, position % 5)
            self.operation_buttons[name] = button
        return grid

    # -- the list ----------------------------------------------------------------------------

    def search(self) -> None:
        try:
            self.rows = self.members.queries.search(self.search_input.text())
        except Exception as exc:
            self.show_error(exc)
            return
        self.clear_error()
        _fill(
            self.list,
            [
                (
                    r.card_no,
                    r.name,
                    r.phone_masked,
                    r.level_name,
                    r.status_label,
                    format_fen(r.balance_fen),
                    str(r.points),
                )
                for r in self.rows
            ],
        )
        if len(self.rows) == 1:
            self.list.selectRow(0)

    def select_card(self, card_no: str) -> None:
        for row, found in enumerate(self.rows):
            if found.card_no == card_no:
                self.list.selectRow(row)
                return

    def _selected(self) -> None:
        row = self.list.currentRow()
        self.load(self.rows[row].id if 0 <= row < len(self.rows) else None)

    def load(self, member_id: str | None) -> None:
        if member_id is None:
            self._show(None)
            return
        try:
            self._show(self.members.queries.member(member_id))
        except Exception as exc:
            self.show_error(exc)

    def _reload(self) -> None:
        current = self.current
        if current is not None:
            self.load(current.id)
        selected = self.list.currentRow()
        self.list.blockSignals(True)
        self.search()
        if 0 <= selected < self.list.rowCount():
            self.list.selectRow(selected)
        self.list.blockSignals(False)

    def _show(self, member: MemberView | None) -> None:
        self.current = member
        self.full_phone_shown = None
        for button in self.operation_buttons.values():
            button.setEnabled(member is not None)
        self.save_button.setEnabled(member is not None)
        self.full_phone_button.setEnabled(member is not None)
        if member is None:
            for label in (self.card_label, self.level_label, self.balance_label, self.phone_label):
                label.clear()
            for table in (
                self.stored_value_table,
                self.points_table,
                self.count_cards_table,
                self.count_card_lines_table,
                self.purchases_table,
                self.history_table,
            ):
                table.setRowCount(0)
            return
        self.card_label.setText(member.card_no)
        self.level_label.setText(f"{member.card_type.name} / {member.status_label}")
        self.balance_label.setText(
            self.tr("%1（本金 %2 + 赠送 %3），积分 %4")
            .replace("%1", format_yuan(member.balance_fen))
            .replace("%2", format_yuan(member.principal_fen))
            .replace("%3", format_yuan(member.bonus_fen))
            .replace("%4", str(member.points))
        )
        self.phone_label.setText(member.phone_masked)
        self.birthday_label.setText(
            ""
            if member.birthday is None
            else (self.tr("农历 ") if member.birthday.calendar == "lunar" else self.tr("公历 "))
            + member.birthday.label
        )
        self.name_edit.setText(member.name)
        self.phone_edit.clear()
        self.sex_box.setCurrentIndex(max(0, self.sex_box.findData(member.sex or "")))
        self.tags_edit.setText(",".join(member.tags))
        self.note_edit.setText(member.note)
        try:
            self._ledgers(member.id)
        except Exception as exc:
            self.show_error(exc)

    def _ledgers(self, member_id: str) -> None:
        members = self.members
        _fill(
            self.stored_value_table,
            [
                (
                    line.business_day.isoformat(),
                    line.kind,
                    _signed_yuan(line.principal_delta),
                    _signed_yuan(line.bonus_delta),
                    format_fen(line.balance_after_fen),
                    line.reason,
                )
                for line in members.queries.stored_value_lines(member_id)
            ],
        )
        _fill(
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
        self.count_cards = list(members.queries.detail(member_id).count_cards)
        _fill(
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
        _fill(
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
        _fill(
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
        _fill(
            self.history_table,
            [
                (h.at.astimezone().strftime("%Y-%m-%d %H:%M"), h.action, _detail(h.detail))
                for h in members.queries.history(member_id)
            ],
        )

    # -- actions -----------------------------------------------------------------------------

    @property
    def staff(self) -> StaffView:
        return self._session.staff

    def _run(self, action: Callable[[], Any], done: str) -> bool:
        try:
            action()
        except Exception as exc:
            self.show_error(exc)
            return False
        self.clear_error()
        self._reload()
        self.status_label.setText(done)
        return True

    def _approved(self, action: Sensitive, then: Callable[[StaffView], Any], detail: str) -> None:
        with_approval(self, self._session, action, then, detail=detail)

    def _ask(self, title: str, label: str, then: Callable[[str], None], name: str) -> None:
        def parse(text: str) -> str:
            if not text.strip():
                raise ValueError(self.tr("请填写内容"))
            return text.strip()

        dialog = PromptDialog(self, title, label, parse)
        dialog.input.setObjectName(name)
        dialog.present(then)

    def save_profile(self) -> None:
        member = self.current
        if member is None:
            return
        changes = ProfileChanges(
            name=self.name_edit.text(),
            phone=self.phone_edit.text() if self.phone_edit.text().strip() else None,
            sex=self.sex_box.currentData() or None,
            tags=tuple(self.tags_edit.text().replace("，", ",").split(",")),
            note=self.note_edit.text(),
        )
        self._run(
            lambda: self.members.cards.update_profile(member.id, changes, cashier=self.staff),
            self.tr("资料已保存"),
        )

    def show_full_phone(self) -> None:
        member = self.current
        if member is None:
            return

        def approved(approver: StaffView) -> None:
            try:
                phone = self.members.cards.full_phone(
                    member.id, cashier=self.staff, approver=approver
                )
            except Exception as exc:
                self.show_error(exc)
                return
            self.full_phone_shown = phone
            self.phone_label.setText(phone)

        self._approved(Sensitive.MEMBER_PRIVACY, approved, self.tr("查看完整手机号"))

    def ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出会员"),
            "members.csv",
            self.tr("CSV 文件 (*.csv);;Excel 文件 (*.xlsx)"),
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        def approved(approver: StaffView) -> None:
            try:
                count = self.members.queries.export_members(
                    path, cashier=self.staff, approver=approver
                )
            except Exception as exc:
                self.show_error(exc)
                return
            self.status_label.setText(self.tr("已导出 %1 位会员").replace("%1", str(count)))

        self._approved(Sensitive.MEMBER_PRIVACY, approved, self.tr("导出全部会员资料"))

    def chosen_members(self) -> list[Any]:
        """The members selected in the list (one or many), in list order."""
        rows = sorted({index.row() for index in self.list.selectionModel().selectedRows()})
        return [self.rows[row] for row in rows if 0 <= row < len(self.rows)]

    def issue_coupons(self) -> None:
        """发券: a template for the chosen members; a manager approves, the service audits."""
        chosen = self.chosen_members()
        if not chosen:
            self.show_error(self.tr("请先在列表中选择会员（可按住 Ctrl 或 Shift 多选）"))
            return
        try:
            templates = self.members.coupons_and_rules.coupon_templates()
        except Exception as exc:
            self.show_error(exc)
            return
        member_ids = [row.id for row in chosen]

        def picked(template_id: str) -> None:
            name = next((t.name for t in templates if t.id == template_id), "")
            self._approved(
                Sensitive.MEMBER_RULES,
                lambda approver: self._run(
                    lambda: self.members.coupons_and_rules.issue_coupons(
                        template_id, member_ids, cashier=self.staff, approver=approver
                    ),
                    self.tr("已发放“%1”%2 张")
                    .replace("%1", name)
                    .replace("%2", str(len(member_ids))),
                ),
                self.tr("发放优惠券“%1”给 %2 位会员")
                .replace("%1", name)
                .replace("%2", str(len(member_ids))),
            )

        dialog = IssueCouponsDialog(self, templates, [row.name for row in chosen])
        dialog.present(picked)

    def report_loss(self) -> None:
        member = self.current
        if member is not None:
            self._run(
                lambda: self.members.cards.report_loss(member.id, cashier=self.staff),
                self.tr("已挂失"),
            )

    def _card_operation(self, detail: str, run: Callable[[StaffView], Any], done: str) -> None:
        member = self.current
        if member is None:
            return
        self._approved(
            Sensitive.MEMBER_CARD,
            lambda approver: self._run(lambda: run(approver), done),
            f"{detail}：{member.name}（{member.card_no_masked}）",
        )

    def cancel_loss(self) -> None:
        member = self.current
        if member is not None:
            self._card_operation(
                self.tr("解挂"),
                lambda a: self.members.cards.cancel_loss(member.id, cashier=self.staff, approver=a),
                self.tr("已解挂"),
            )

    def replace_card(self) -> None:
        member = self.current
        if member is None:
            return

        def typed(card_no: str) -> None:
            self._card_operation(
                self.tr("换卡"),
                lambda a: self.members.cards.replace_card(
                    member.id, card_no, reason="换卡", cashier=self.staff, approver=a
                ),
                self.tr("已换卡"),
            )

        self._ask(self.tr("换卡"), self.tr("刷新卡或输入新卡号"), typed, "newCardNo")

    def freeze(self) -> None:
        member = self.current
        if member is None:
            return

        def reason(text: str) -> None:
            self._card_operation(
                self.tr("冻结"),
                lambda a: self.members.cards.freeze(
                    member.id, reason=text, cashier=self.staff, approver=a
                ),
                self.tr("已冻结"),
            )

        self._ask(self.tr("冻结"), self.tr("冻结原因"), reason, "freezeReason")

    def unfreeze(self) -> None:
        member = self.current
        if member is not None:
            self._card_operation(
                self.tr("解冻"),
                lambda a: self.members.cards.unfreeze(member.id, cashier=self.staff, approver=a),
                self.tr("已解冻"),
            )

    def reset(self) -> None:
        member = self.current
        if member is None:
            return
        names = {
            self.tr("余额"): "balance",
            self.tr("积分"): "points",
            self.tr("到店次数"): "visits",
            self.tr("累计消费"): "spend",
        }

        def chosen(text: str) -> None:
            what, _, why = text.partition(" ")
            key = names.get(what.strip())
            if key is None:
                self.show_error(self.tr("请写明清零项目：余额、积分、到店次数或累计消费"))
                return
            self._card_operation(
                self.tr("清零"),
                lambda a: self.members.cards.reset(
                    member.id, key, reason=why or what, cashier=self.staff, approver=a
                ),
                self.tr("已清零"),
            )

        self._ask(
            self.tr("清零"),
            self.tr("清零项目和原因，如“积分 年终清零”（余额、积分、到店次数、累计消费）"),
            chosen,
            "resetInput",
        )

    def adjust_points(self) -> None:
        member = self.current
        if member is None:
            return

        def typed(text: str) -> None:
            amount, _, why = text.partition(" ")
            try:
                delta = int(amount)
            except ValueError:
                self.show_error(self.tr("请输入整数积分，如“+100 活动赠送”"))
                return
            self._card_operation(
                self.tr("调整积分"),
                lambda a: self.members.cards.adjust_points(
                    member.id, delta, reason=why, cashier=self.staff, approver=a
                ),
                self.tr("积分已调整"),
            )

        self._ask(
            self.tr("调整积分"), self.tr("积分和原因，如“+100 活动赠送”"), typed, "pointsInput"
        )

    def set_password(self) -> None:
        member = self.current
        if member is None:
            return

        def typed(password: str) -> None:
            if not member.has_password:
                self._run(
                    lambda: self.members.cards.set_password(
                        member.id, password, cashier=self.staff
                    ),
                    self.tr("密码已设置"),
                )
                return
            self._card_operation(
                self.tr("重置会员密码"),
                lambda a: self.members.cards.set_password(
                    member.id, password, cashier=self.staff, approver=a
                ),
                self.tr("密码已重置"),
            )

        self._ask(self.tr("会员密码"), self.tr("新密码（4–12 位数字）"), typed, "newPassword")

    def refund_principal(self) -> None:
        member = self.current
        if member is None:
            return

        def typed(text: str) -> None:
            amount, _, why = text.partition(" ")
            try:
                fen = None if amount in ("全部", "all") else parse_amount(amount)
            except ValueError as exc:
                self.show_error(exc)
                return
            self._card_operation(
                self.tr("退本金"),
                lambda a: self.members.stored_value.refund_principal(
                    member.id,
                    fen,
                    reason=why or "退本金",
                    cashier=self.staff,
                    approver=a,
                    shift_id=self._session.shift_id,
                ),
                self.tr("已退本金"),
            )

        self._ask(
            self.tr("退本金"),
            self.tr("金额和原因，如“100 顾客退卡”，或“全部 退卡”"),
            typed,
            "refundInput",
        )

    def change_level(self) -> None:
        member = self.current
        if member is None:
            return
        types = {
            view.card_type.name: view.card_type.id
            for view in self.members.coupons_and_rules.card_types()
        }

        def typed(text: str) -> None:
            card_type_id = types.get(text.strip())
            if card_type_id is None:
                self.show_error(self.tr("没有该卡类型：%1").replace("%1", text.strip()))
                return
            self._card_operation(
                self.tr("调整等级"),
                lambda a: self.members.cards.change_level(
                    member.id, card_type_id, reason="手工调整", cashier=self.staff, approver=a
                ),
                self.tr("等级已调整"),
            )

        self._ask(
            self.tr("调整等级"),
            self.tr("新的卡类型：%1").replace("%1", "、".join(types)),
            typed,
            "levelInput",
        )

    def use_count_card(self) -> None:
        row = self.count_cards_table.currentRow()
        if not 0 <= row < len(self.count_cards):
            self.show_error(self.tr("请先选择一张次卡"))
            return
        card = self.count_cards[row]
        jobs: list[str] = []

        def use() -> None:
            done = self.members.count_cards_and_gifts.use_count_card(card.id, cashier=self.staff)
            jobs.extend(done.print_job_ids)

        if self._run(use, self.tr("已核销一次")):
            self._print(jobs)

    def refund_count_card(self) -> None:
        row = self.count_cards_table.currentRow()
        if not 0 <= row < len(self.count_cards):
            self.show_error(self.tr("请先选择一张次卡"))
            return
        card = self.count_cards[row]
        self._card_operation(
            self.tr("退次卡"),
            lambda a: self.members.count_cards_and_gifts.refund_count_card(
                card.id,
                reason="退次卡",
                cashier=self.staff,
                approver=a,
                shift_id=self._session.shift_id,
            ),
            self.tr("次卡已退"),
        )

    def _print(self, job_ids: Sequence[str]) -> None:
        window: Any = self.parent()
        for job_id in job_ids:
            if hasattr(window, "print_job"):
                window.print_job(job_id)


def _detail(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if isinstance(data, dict):
        return "，".join(f"{key}: {value}" for key, value in data.items())
    return str(data)


class MemberRulesPanel(QWidget):
    """Card types, bonus rules, the gift catalogue and coupon templates; every change needs a
    manager."""

    def __init__(self, parent: QWidget, session: CounterSession) -> None:
        super().__init__(parent)
        self.setObjectName("memberRules")
        self._session = session
        self._parent = parent
        self.members: MemberDesk = session.counter.members
        self.card_types_table = _table(
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
        self.bonus_rules_table = _table(
            self, "bonusRulesTable", self.tr("充值赠送规则"), [self.tr("规则")]
        )
        self.gifts_table = _table(
            self,
            "giftsTable",
            self.tr("积分礼品"),
            [self.tr("礼品"), self.tr("所需积分"), self.tr("库存")],
        )
        self.templates_table = _table(
            self, "couponTemplatesTable", self.tr("优惠券模板"), [self.tr("名称"), self.tr("内容")]
        )
        grid = QGridLayout(self)
        for position, (table, caption, name, handler, hint) in enumerate(
            (
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
        ):
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
            grid.addLayout(box, position // 2, position % 2)
        self.load()

    def load(self) -> None:
        members = self.members
        try:
            _fill(
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
            _fill(
                self.bonus_rules_table,
                [(r.label,) for r in members.coupons_and_rules.bonus_rules()],
            )
            _fill(
                self.gifts_table,
                [
                    (g.name, str(g.points_cost), str(g.stock))
                    for g in members.count_cards_and_gifts.gifts()
                ],
            )
            _fill(
                self.templates_table,
                [(t.name, t.terms.label) for t in members.coupons_and_rules.coupon_templates()],
            )
        except Exception as exc:
            self._error(exc)

    def _error(self, error: BaseException | str) -> None:
        parent = self._parent
        if isinstance(parent, CounterDialog):
            parent.show_error(error)

    def _ask(self, title: str, hint: str, then: Callable[[list[str], StaffView], Any]) -> None:
        def parse(text: str) -> list[str]:
            parts = text.split()
            if not parts:
                raise ValueError(self.tr("请填写内容"))
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

    def _save(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except (IndexError, ValueError) as exc:
            self._error(exc if isinstance(exc, ValueError) else self.tr("内容不完整"))
            return
        except Exception as exc:
            self._error(exc)
            return
        self.load()

    def add_card_type(self, parts: list[str], approver: StaffView) -> None:
        name, rank, fold, rate = parts[0], int(parts[1]), parts[2], int(parts[3])
        discount = round(float(fold) * 1000)
        self.members.coupons_and_rules.save_card_type(
            None,
            CardTypeInput(name, rank, discount_bp=discount, points_per_yuan=rate, points_value=1),
            cashier=self._session.staff,
            approver=approver,
        )

    def add_bonus_rule(self, parts: list[str], approver: StaffView) -> None:
        self.members.coupons_and_rules.create_bonus_rule(
            parse_amount(parts[0]),
            parse_amount(parts[1]),
            cashier=self._session.staff,
            approver=approver,
        )

    def add_gift(self, parts: list[str], approver: StaffView) -> None:
        self.members.count_cards_and_gifts.create_gift(
            parts[0], int(parts[1]), int(parts[2]), cashier=self._session.staff, approver=approver
        )

    def add_template(self, parts: list[str], approver: StaffView) -> None:
        terms = CouponTerms(CouponKind.AMOUNT_OFF, parse_amount(parts[2]), parse_amount(parts[1]))
        self.members.coupons_and_rules.create_coupon_template(
            parts[0],
            terms,
            valid_days=int(parts[3]),
            cashier=self._session.staff,
            approver=approver,
        )
