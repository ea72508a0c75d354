"""营销活动, opened from the members screen: the campaigns in a list; a new one (its list, its
offer, its window) in a form after a manager's approval; issuing (a manager's); the call or SMS
list to a file (whole phones for the owner only, audited by the service); and the recall of the
chosen campaign beside the baseline's, with what each figure means."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.members.campaigns import (
    CampaignInput,
    Offer,
    OfferKind,
    RecallFigures,
    Source,
    SourceKind,
    parse_card_numbers,
)
from app.members.segments import Group, Segment
from app.money import format_fen, format_yuan
from app.pos.staff import Sensitive, approver_of
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.forms import FormDialog
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.members.campaigns import CampaignView
    from app.members.coupons import TemplateView
    from app.members.member_lists import MemberListView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import Approval, StaffView
    from app.ui.session import CounterSession

#: A new campaign's window, from today: two weeks.
DEFAULT_WINDOW_DAYS = 14


class CampaignsScreen(CounterDialog):
    """The campaigns, the buttons that act on the chosen one, and its recall below."""

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("营销活动"))
        self.setObjectName("campaignsScreen")
        self._session = session
        self.members: MemberDesk = session.counter.members
        self.campaigns: list[CampaignView] = []
        self.table = read_only_table(
            self,
            "campaignsTable",
            self.tr("营销活动列表"),
            [
                self.tr("活动"),
                self.tr("名单来源"),
                self.tr("人数"),
                self.tr("优惠"),
                self.tr("活动期"),
                self.tr("状态"),
            ],
        )
        self.recall_table = read_only_table(
            self,
            "campaignRecallTable",
            self.tr("回流效果"),
            [
                self.tr("会员"),
                self.tr("人数"),
                self.tr("回流人数"),
                self.tr("回流率"),
                self.tr("消费笔数"),
                self.tr("消费金额"),
                self.tr("回流会员人均消费"),
            ],
        )
        self.recall_note = QLabel(self)
        named(self.recall_note, "campaignRecallNote", self.tr("回流效果说明"))
        self.recall_note.setWordWrap(True)
        self.status_label = QLabel(self)
        named(self.status_label, "campaignsStatus", self.tr("操作结果"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addLayout(self._buttons())
        layout.addWidget(self.recall_table, 1)
        layout.addWidget(self.recall_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        self.resize(980, 620)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for name, caption, accessible, slot in (
            ("campaignNew", self.tr("新建活动（需店长授权）"), self.tr("新建活动"), self.ask_new),
            ("campaignIssue", self.tr("发放（需店长授权）"), self.tr("发放优惠"), self.ask_issue),
            ("campaignExport", self.tr("导出呼叫名单"), self.tr("导出呼叫名单"), self.ask_export),
            ("campaignRecall", self.tr("查看回流"), self.tr("查看回流"), self.show_recall),
        ):
            button = QPushButton(caption, self)
            named(button, name, accessible)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "campaignsClose", self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        return row

    @property
    def staff(self) -> StaffView:
        return self._session.staff

    # -- the list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        with Attempt(self.show_error) as attempt:
            self.campaigns = self.members.campaigns.list()
        if attempt.failed:
            return
        fill_table(
            self.table,
            [
                (
                    c.name,
                    self.source_text(c),
                    self._people(c),
                    self.offer_text(c),
                    f"{c.starts_on.isoformat()} ~ {c.ends_on.isoformat()}",
                    self.tr("已发放") if c.issued else self.tr("未发放"),
                )
                for c in self.campaigns
            ],
        )

    def source_text(self, campaign: CampaignView) -> str:
        """Where the list came from, in the screen's language."""
        source = campaign.source
        if source.kind is SourceKind.CARDS:
            given = campaign.targeted + campaign.skipped
            return self.tr("指定卡号 %1 个").replace("%1", str(given))
        if source.kind is SourceKind.LIST:
            return (
                self.tr("会员名单“%1”（%2 计算）")
                .replace("%1", source.key)
                .replace("%2", campaign.computed_on.isoformat())
            )
        if source.kind is SourceKind.SEGMENT:
            name = self.segment_label(Segment(source.key))
        else:
            name = self.group_label(Group(source.key))
        return (
            self.tr("%1（%2 计算）")
            .replace("%1", name)
            .replace("%2", campaign.computed_on.isoformat())
        )

    def offer_text(self, campaign: CampaignView) -> str:
        offer = campaign.offer
        if offer.kind is OfferKind.COUPON:
            return self.tr("优惠券：%1").replace("%1", campaign.coupon_name or "?")
        if offer.kind is OfferKind.BONUS:
            return self.tr("赠送余额 %1").replace("%1", format_yuan(offer.bonus_fen))
        return self.tr("赠送积分 %1").replace("%1", str(offer.points))

    def _people(self, campaign: CampaignView) -> str:
        if not campaign.skipped:
            return str(campaign.targeted)
        return (
            self.tr("%1（另 %2 位卡不可用）")
            .replace("%1", str(campaign.targeted))
            .replace("%2", str(campaign.skipped))
        )

    def chosen(self) -> CampaignView | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.campaigns):
            return self.campaigns[row]
        self.show_error(self.tr("请先在列表中选择活动"))
        return None

    def select(self, name: str) -> None:
        for row, found in enumerate(self.campaigns):
            if found.name == name:
                self.table.selectRow(row)
                return

    def _done(self, text: str) -> None:
        self.clear_error()
        self.status_label.setText(text)

    # -- creating -------------------------------------------------------------------------------

    def ask_new(self) -> None:
        with_approval(
            self,
            self._session,
            Sensitive.MEMBER_RULES,
            lambda approval: self.new_form(approver_of(approval)),
            detail=self.tr("新建营销活动"),
        )

    def new_form(self, approver: StaffView) -> FormDialog:
        """The form: name, list source (a group or segment today, a saved member list run
        today, or card numbers), the offer and the window; nothing is saved until the service
        takes the whole."""
        templates: list[TemplateView] = []
        saved: list[MemberListView] = []
        with Attempt(self.show_error):
            templates = self.members.coupons_and_rules.coupon_templates()
            saved = self._session.service.member_filters.lists()
        today = self.members.today()

        def save(form: FormDialog) -> object:
            kind, _colon, key = str(form.chosen("source")).partition(":")
            source = Source(SourceKind(kind), key)
            if source.kind is SourceKind.CARDS:
                cards = parse_card_numbers(form.text("cards"))
                source = Source(SourceKind.CARDS, card_numbers=cards)
            offer_key = str(form.chosen("offer"))
            if offer_key == OfferKind.BONUS.value:
                offer = Offer(OfferKind.BONUS, bonus_fen=form.yuan("amount") or 0)
            elif offer_key == OfferKind.POINTS.value:
                offer = Offer(OfferKind.POINTS, points=form.whole("amount", minimum=1) or 0)
            else:
                offer = Offer(OfferKind.COUPON, coupon_template_id=offer_key.partition(":")[2])
            starts = form.day("starts_on", required=True)
            ends = form.day("ends_on", required=True)
            assert starts is not None and ends is not None
            data = CampaignInput(form.text("name"), source, offer, starts, ends)
            return self.members.campaigns.create(data, cashier=self.staff, approver=approver)

        form = FormDialog(self, self.tr("新建营销活动"), "campaignForm", save)
        form.line("name", self.tr("活动名称"), "campaignName", hint=self.tr("如 双十二唤醒老会员"))
        form.section(self.tr("名单：建活动当天计算并保存，之后不随分群变化"))
        # The lapsed first: what a recall campaign is mostly for.
        lapsed_first = sorted(Segment, key=lambda s: s not in (Segment.SLEEPING, Segment.SILENT))
        sources = [
            (self.segment_label(segment), f"{SourceKind.SEGMENT.value}:{segment.value}")
            for segment in lapsed_first
        ]
        sources += [
            (self.group_label(group), f"{SourceKind.GROUP.value}:{group.value}") for group in Group
        ]
        sources += [
            (
                self.tr("会员名单：%1").replace("%1", view.name),
                f"{SourceKind.LIST.value}:{view.name}",
            )
            for view in saved
        ]
        sources.append((self.tr("指定卡号（粘贴或从文件读取）"), f"{SourceKind.CARDS.value}:"))
        source_box = form.choice("source", self.tr("名单来源"), "campaignSource", sources)
        cards = form.line(
            "cards",
            self.tr("卡号"),
            "campaignCards",
            hint=self.tr("卡号之间用逗号、空格或换行隔开"),
        )
        file_button = QPushButton(self.tr("从 CSV 文件读取卡号…"), form)
        named(file_button, "campaignCardsFile", self.tr("从 CSV 文件读取卡号"))
        file_button.setAutoDefault(False)
        form.form.addRow("", file_button)

        def read_file() -> None:
            path, _filter = QFileDialog.getOpenFileName(
                form, self.tr("读取卡号"), "", self.tr("CSV 文件 (*.csv *.txt);;所有文件 (*)")
            )
            if not path:
                return
            with Attempt(form.show_error) as attempt:
                found = self.members.campaigns.read_card_file(Path(path))
            if attempt.failed:
                return
            cards.setText(", ".join(found))
            source_box.setCurrentIndex(source_box.findData(f"{SourceKind.CARDS.value}:"))

        file_button.clicked.connect(read_file)

        def source_changed() -> None:
            by_cards = str(source_box.currentData()).startswith(SourceKind.CARDS.value)
            cards.setEnabled(by_cards)

        source_box.currentIndexChanged.connect(source_changed)
        source_changed()
        form.section(self.tr("优惠"))
        offers = [
            (self.tr("优惠券：%1").replace("%1", t.name), f"coupon:{t.id}") for t in templates
        ]
        offers += [
            (self.tr("赠送余额"), OfferKind.BONUS.value),
            (self.tr("赠送积分"), OfferKind.POINTS.value),
        ]
        form.choice("offer", self.tr("发放"), "campaignOffer", offers)
        form.line(
            "amount",
            self.tr("赠送金额（元）或积分"),
            "campaignAmount",
            hint=self.tr("发优惠券时不填"),
        )
        form.section(self.tr("活动期：统计回流的日期，两端都算"))
        form.line("starts_on", self.tr("开始日期"), "campaignStarts", today.isoformat())
        end = today + dt.timedelta(days=DEFAULT_WINDOW_DAYS - 1)
        form.line("ends_on", self.tr("结束日期"), "campaignEnds", end.isoformat())

        def created(made: object) -> None:
            self.refresh()
            name = getattr(made, "name", "")
            self.select(name)
            self._done(
                self.tr("已建活动“%1”：名单 %2 位，尚未发放")
                .replace("%1", name)
                .replace("%2", str(getattr(made, "targeted", 0)))
            )

        form.present(created)
        return form

    def segment_label(self, segment: Segment) -> str:
        return {
            Segment.HIGH_SPEND: self.tr("高消费总额"),
            Segment.HIGH_TICKET: self.tr("高单价"),
            Segment.HIGH_LOYALTY: self.tr("高忠诚度"),
            Segment.BARGAIN_FREQUENT: self.tr("低价高频"),
            Segment.BARGAIN_RARE: self.tr("低价低频"),
            Segment.SILENT: self.tr("沉默会员"),
            Segment.SLEEPING: self.tr("睡眠会员"),
        }[segment]

    def group_label(self, group: Group) -> str:
        return {
            Group.NEW_LOW_TICKET: self.tr("新会员（低客单）"),
            Group.NEW_HIGH_TICKET: self.tr("新会员（高客单）"),
            Group.ACTIVE: self.tr("活跃会员"),
            Group.LOYAL: self.tr("忠诚会员"),
            Group.FAN: self.tr("粉丝会员"),
        }[group]

    # -- issuing and the list -------------------------------------------------------------------

    def ask_issue(self) -> None:
        campaign = self.chosen()
        if campaign is None:
            return

        def approved(approval: Approval) -> None:
            with Attempt(self.show_error) as attempt:
                result = self.members.campaigns.issue(
                    campaign.id, cashier=self.staff, approver=approver_of(approval)
                )
            if attempt.failed:
                return
            self.refresh()
            self.select(campaign.name)
            if result.issued:
                self._done(
                    self.tr("已向 %1 位会员发放“%2”")
                    .replace("%1", str(result.issued))
                    .replace("%2", self.offer_text(campaign))
                )
            else:
                self._done(self.tr("名单中的会员都已发放过，本次没有重复发放"))

        with_approval(
            self,
            self._session,
            Sensitive.MEMBER_RULES,
            approved,
            detail=self.tr("发放活动“%1”给 %2 位会员")
            .replace("%1", campaign.name)
            .replace("%2", str(campaign.targeted)),
        )

    def ask_export(self) -> None:
        campaign = self.chosen()
        if campaign is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出呼叫名单"),
            f"{campaign.name}.csv",
            self.tr("CSV 文件 (*.csv);;Excel 文件 (*.xlsx)"),
        )
        if path:
            self.export(campaign, Path(path))

    def export(self, campaign: CampaignView, path: Path) -> None:
        with Attempt(self.show_error) as attempt:
            done = self.members.campaigns.export_call_list(campaign.id, path, cashier=self.staff)
        if attempt.failed:
            return
        said = (
            self.tr("已导出 %1 位会员，含完整手机号（已记入操作日志）")
            if done.full_phones
            else self.tr("已导出 %1 位会员，手机号已隐藏中间四位（完整号码仅限老板导出）")
        )
        self._done(said.replace("%1", str(done.rows)))

    # -- recall ---------------------------------------------------------------------------------

    def show_recall(self) -> None:
        campaign = self.chosen()
        if campaign is None:
            return
        with Attempt(self.show_error) as attempt:
            found = self.members.campaigns.recall(campaign.id)
        if attempt.failed:
            return
        self.clear_error()
        fill_table(
            self.recall_table,
            [
                self._figures(self.tr("名单会员"), found.targeted),
                self._figures(self.tr("对照会员"), found.baseline),
            ],
        )
        self.recall_note.setText(
            (
                self.tr("统计 %1 至 %2 的消费（不含作废，扣除退货）。用券 %3 张，优惠 %4。")
                + self.tr("对照会员：未列入名单、建活动当天已是会员，")
                + self.tr("且与名单中最近消费者同样久或更久未消费。")
            )
            .replace("%1", campaign.starts_on.isoformat())
            .replace("%2", found.until.isoformat())
            .replace("%3", str(found.coupons_used))
            .replace("%4", format_yuan(found.coupon_discount_fen))
        )

    def _figures(self, side: str, figures: RecallFigures) -> tuple[str, ...]:
        rate = figures.rate_bp
        per = figures.spend_per_returning_fen
        return (
            side,
            str(figures.members),
            str(figures.came_back),
            "-" if rate is None else f"{format_fen(rate)}%",
            str(figures.purchases),
            format_fen(figures.spend_fen),
            "-" if per is None else format_fen(per),
        )
