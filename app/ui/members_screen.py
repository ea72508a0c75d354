"""The members screen: find a member in the list, see and edit the chosen one in tabs (profile in
member_profile, ledgers in member_ledgers, card operations in member_card_operations, the store's
rules in member_rules); coupons issued to the members chosen in the list and the export. Phones
stay masked unless a manager asks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.money import format_fen, format_yuan
from app.pos.staff import Sensitive, approver_of
from app.ui import i18n
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, PromptDialog, named
from app.ui.feedback import Attempt
from app.ui.member_card_operations import MemberCardOperations
from app.ui.member_dialogs import IssueCouponsDialog
from app.ui.member_import import MemberImportDialog
from app.ui.member_ledgers import MemberLedgers
from app.ui.member_offers import MemberOffersPanel
from app.ui.member_profile import MemberProfileTab
from app.ui.member_rules import MemberRulesPanel
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.members.accounts import MemberView
    from app.members.count_cards import CountCardView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.member_desk.queries import MemberRowView
    from app.pos.staff import Approval, StaffView
    from app.ui.session import CounterSession


class MembersScreen(CounterDialog):
    """Search on the left, the chosen member's tabs on the right; rules in their own tabs."""

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("会员管理"))
        self.setObjectName("membersScreen")
        self._session = session
        self.members: MemberDesk = session.counter.members
        self.current: MemberView | None = None
        self.full_phone_shown: str | None = None
        self.rows: list[MemberRowView] = []
        search_row = self._search_row()
        self.list = self._member_list()
        self._build_tabs()
        self.operations = MemberCardOperations(self, self)
        self.operation_buttons = self.operations.buttons
        bottom = self._bottom_row()
        self._lay_out(search_row, bottom)
        self.resize(1100, 680)
        self.search()
        self._show(None)
        self.search_input.setFocus()

    # -- building ----------------------------------------------------------------------------

    def _search_row(self) -> QHBoxLayout:
        self.search_input = QLineEdit(self)
        named(self.search_input, "membersSearch", self.tr("按卡号、手机号、姓名或 #标签 查找"))
        self.search_input.setPlaceholderText(self.tr("卡号 / 手机号 / 姓名，或 #标签（如 #VIP）"))
        self.search_input.returnPressed.connect(self.search)
        search_button = QPushButton(self.tr("查找"), self)
        named(search_button, "membersSearchButton", self.tr("查找"))
        search_button.setAutoDefault(False)
        search_button.clicked.connect(self.search)
        row = QHBoxLayout()
        row.addWidget(self.search_input, 1)
        row.addWidget(search_button)
        return row

    def _member_list(self) -> QTableWidget:
        table = read_only_table(
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
        table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        table.itemSelectionChanged.connect(self._selected)
        return table

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        named(self.tabs, "memberTabs", self.tr("会员资料"))
        self.profile = MemberProfileTab(self, self)
        self.tabs.addTab(self.profile, self.tr("资料"))
        self.owed_label = QLabel(self)  # beside the profile: what the member owes on account
        self.owed_label.setObjectName("memberOwed")
        self.owed_label.setAccessibleName(self.tr("挂账欠款"))
        self.ledgers = MemberLedgers(
            self,
            self.tabs,
            use_count_card=lambda: self.operations.use_count_card(),
            refund_count_card=lambda: self.operations.refund_count_card(),
        )
        self.rules = MemberRulesPanel(self, self._session)
        self.tabs.addTab(self.rules, self.tr("会员规则"))
        self.offers = MemberOffersPanel(self, self._session)
        self.tabs.addTab(self.offers, self.tr("礼品与优惠券"))

    def _bottom_row(self) -> QHBoxLayout:
        close = QPushButton(self.tr("关闭"), self)
        named(close, "membersClose", self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.export_button = QPushButton(self.tr("导出会员（需店长授权）"), self)
        named(self.export_button, "membersExport", self.tr("导出会员"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.ask_export)
        self.import_button = QPushButton(self.tr("导入会员（需店长授权）"), self)
        named(self.import_button, "membersImport", self.tr("从文件导入会员"))
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.ask_import)
        self.issue_button = QPushButton(self.tr("发券（需店长授权）"), self)
        named(self.issue_button, "issueCouponsButton", self.tr("给所选会员发券"))
        self.issue_button.setAutoDefault(False)
        self.issue_button.clicked.connect(self.issue_coupons)
        self.campaigns_button = QPushButton(self.tr("营销活动"), self)
        named(self.campaigns_button, "membersCampaigns", self.tr("营销活动"))
        self.campaigns_button.setAutoDefault(False)
        self.campaigns_button.clicked.connect(self.open_campaigns)
        self.statement_button = QPushButton(self.tr("对账单 (PDF)"), self)
        named(self.statement_button, "membersStatement", self.tr("所选会员的对账单"))
        self.statement_button.setAutoDefault(False)
        self.statement_button.clicked.connect(self.statement)
        self.filters_button = QPushButton(self.tr("会员筛选与名单（需店长授权）"), self)
        named(self.filters_button, "memberFiltersButton", self.tr("会员筛选与名单"))
        self.filters_button.setAutoDefault(False)
        self.filters_button.clicked.connect(self.show_filters)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("membersStatus")
        self.status_label.setAccessibleName(self.tr("操作结果"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.issue_button)
        bottom.addWidget(self.campaigns_button)
        bottom.addWidget(self.statement_button)
        bottom.addWidget(self.filters_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)
        return bottom

    def _lay_out(self, search_row: QHBoxLayout, bottom: QHBoxLayout) -> None:
        left = QVBoxLayout()
        left.addLayout(search_row)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.owed_label)
        right.addWidget(self.tabs, 1)
        right.addLayout(self.operations.grid)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)

    # -- the list ----------------------------------------------------------------------------

    def search(self) -> None:
        with Attempt(self.show_error) as attempt:
            self.rows = self.members.queries.search(self.search_input.text())
        if attempt.failed:
            return
        self.clear_error()
        fill_table(
            self.list,
            [
                (
                    r.card_no,
                    r.name,
                    r.phone_masked,
                    r.level_name,
                    i18n.member_status_label(r.status),
                    format_fen(r.balance_fen),
                    str(r.points),
                )
                for r in self.rows
            ],
        )
        if len(self.rows) == 1:
            if self.list.selectionModel().isRowSelected(0) and not self.list.signalsBlocked():
                self._selected()  # row 0 was chosen before: another member is there now
            else:
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
        with Attempt(self.show_error):
            self._show(self.members.queries.member(member_id))

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
        self.operations.set_enabled(member is not None)
        with Attempt(self.show_error):
            self.profile.show_member(member)
        self.owed_label.clear()
        if member is None:
            self.ledgers.clear()
            return
        with Attempt(self.show_error):
            self.ledgers.fill(self.members, member.id)
            self._show_owed(member.id)

    def _show_owed(self, member_id: str) -> None:
        owed = self._session.service.member_owed(member_id)
        if owed.owed_fen == 0:
            self.owed_label.setText(self.tr("挂账欠款：无"))
            return
        self.owed_label.setText(
            self.tr("挂账欠款：%1（%2 笔，自 %3）")
            .replace("%1", format_yuan(owed.owed_fen))
            .replace("%2", str(owed.open_sales))
            .replace("%3", owed.since.isoformat() if owed.since else "")
        )

    def statement(self) -> None:
        """会员对账单 of the member shown: a range, then a PDF (app.ui.reports_screen)."""
        from app.ui.reports_screen import StatementDialog

        if self.current is None:
            self.show_error(self.tr("请先选择会员"))
            return
        StatementDialog(self, self._session.service.reports, self.current.card_no).present()

    def open_campaigns(self) -> None:
        """营销活动: lists, offers, call lists and recall (app.ui.campaigns_screen)."""
        from app.ui.campaigns_screen import CampaignsScreen

        CampaignsScreen(self, self._session).present()

    def show_filters(self) -> None:
        """会员筛选: criteria, saved lists and their export (app.ui.member_filters_screen),
        opened as 报表 is: by a manager, or with a manager's approval."""
        from app.ui.member_filters_screen import MemberFiltersScreen

        def approved(approval: Approval) -> None:
            MemberFiltersScreen(self, self._session, approver_of(approval)).present()

        self.approved(Sensitive.REPORTS, approved, self.tr("会员筛选与名单"))

    def chosen_members(self) -> list[MemberRowView]:
        """The members selected in the list (one or many), in list order."""
        rows = sorted({index.row() for index in self.list.selectionModel().selectedRows()})
        return [self.rows[row] for row in rows if 0 <= row < len(self.rows)]

    # -- what the card operations run through (ChosenMemberScreen) ------------------------------

    @property
    def staff(self) -> StaffView:
        return self._session.staff

    @property
    def shift_id(self) -> str | None:
        return self._session.shift_id

    def run(self, action: Callable[[], object], done: str) -> bool:
        with Attempt(self.show_error) as attempt:
            action()
        if attempt.failed:
            return False
        self.changed(done)
        return True

    def changed(self, done: str) -> None:
        self.clear_error()
        self._reload()
        self.status_label.setText(done)

    def say(self, done: str) -> None:
        self.status_label.setText(done)

    def approved(self, action: Sensitive, then: Callable[[Approval], object], detail: str) -> None:
        with_approval(self, self._session, action, then, detail=detail)

    def ask(self, title: str, label: str, then: Callable[[str], None], name: str) -> None:
        def parse(text: str) -> str:
            if not text.strip():
                raise InputError(self.tr("请填写内容"))
            return text.strip()

        dialog = PromptDialog(self, title, label, parse)
        dialog.input.setObjectName(name)
        dialog.present(then)

    def chosen_count_card(self) -> CountCardView | None:
        return self.ledgers.chosen_count_card()

    def print_jobs(self, job_ids: Sequence[str]) -> None:
        """Slips go to the sale window's printer when the screen was opened from it."""
        window = self.parent()
        print_job = getattr(window, "print_job", None)
        for job_id in job_ids:
            if print_job is not None:
                print_job(job_id)

    # -- profile, phone, export, coupons -------------------------------------------------------

    def show_full_phone(self) -> None:
        member = self.current
        if member is None:
            return

        def approved(approval: Approval) -> None:
            with Attempt(self.show_error) as attempt:
                phone = self.members.cards.full_phone(
                    member.id, cashier=self.staff, approval=approval
                )
            if attempt.failed:
                return
            self.full_phone_shown = phone
            self.profile.show_full_phone(phone)

        self.approved(Sensitive.MEMBER_PRIVACY, approved, self.tr("查看完整手机号"))

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
        def approved(approval: Approval) -> None:
            with Attempt(self.show_error) as attempt:
                count = self.members.queries.export_members(
                    path, cashier=self.staff, approval=approval
                )
            if attempt.failed:
                return
            self.status_label.setText(self.tr("已导出 %1 位会员").replace("%1", str(count)))

        self.approved(Sensitive.MEMBER_PRIVACY, approved, self.tr("导出全部会员资料"))

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("导入会员"),
            "",
            self.tr("会员文件 (*.csv *.xlsx);;所有文件 (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """A manager approves; the import then runs beside selling in its own dialog."""

        def approved(approval: Approval) -> None:
            dialog = MemberImportDialog(self, self.members, path, self.staff, approval)
            dialog.finished_import.connect(self._reload)
            dialog.open()

        self.approved(Sensitive.MEMBER_IMPORT, approved, self.tr("从文件导入会员"))

    def issue_coupons(self) -> None:
        """发券: a template for the chosen members; a manager approves, the service audits."""
        chosen = self.chosen_members()
        if not chosen:
            self.show_error(self.tr("请先在列表中选择会员（可按住 Ctrl 或 Shift 多选）"))
            return
        with Attempt(self.show_error) as attempt:
            templates = self.members.coupons_and_rules.coupon_templates()
        if attempt.failed:
            return
        member_ids = [row.id for row in chosen]

        def picked(template_id: str) -> None:
            name = next((t.name for t in templates if t.id == template_id), "")
            count = str(len(member_ids))
            self.approved(
                Sensitive.MEMBER_RULES,
                lambda approval: self.run(
                    lambda: self.members.coupons_and_rules.issue_coupons(
                        template_id, member_ids, cashier=self.staff, approver=approver_of(approval)
                    ),
                    self.tr("已发放“%1”%2 张").replace("%1", name).replace("%2", count),
                ),
                self.tr("发放优惠券“%1”给 %2 位会员").replace("%1", name).replace("%2", count),
            )

        dialog = IssueCouponsDialog(self, templates, [row.name for row in chosen])
        dialog.present(picked)
