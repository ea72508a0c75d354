"""What the store offers members, as a tab of the members screen: count-card packages, coupon
kinds and gifts, each listed in the words a store owner uses and changed through a form after a
manager's approval (the service checks the rules and audits who did it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.money import format_yuan
from app.pos.staff import Sensitive, approver_of
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.forms import FormDialog
from app.ui.member_tables import fill_table, read_only_table
from app.ui.offer_forms import OfferForms

if TYPE_CHECKING:
    from app.members.count_cards import PackageView
    from app.members.coupons import TemplateView
    from app.members.gifts import GiftView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession

#: Opens a form for the approving manager.
OpenForm = Callable[["StaffView"], FormDialog]


class MemberOffersPanel(QWidget):
    """Packages, coupon kinds and gifts; every change needs a manager."""

    def __init__(self, parent: QWidget, session: CounterSession) -> None:
        super().__init__(parent)
        self.setObjectName("memberOffers")
        self._session = session
        self._parent = parent
        self.members: MemberDesk = session.counter.members
        self.forms = OfferForms(self, self.members, session.staff)
        self.packages: list[PackageView] = []
        self.templates: list[TemplateView] = []
        self.gifts: list[GiftView] = []
        self.status_label = QLabel(self)
        self.status_label.setObjectName("offersStatus")
        self.status_label.setAccessibleName(self.tr("礼品与优惠券状态"))
        self.sections = QTabWidget(self)
        named(self.sections, "offersTabs", self.tr("礼品与优惠券"))
        for caption, box in (
            (self.tr("次卡套餐"), self._packages_box()),
            (self.tr("优惠券"), self._templates_box()),
            (self.tr("积分礼品"), self._gifts_box()),
        ):
            page = QWidget(self.sections)
            page.setLayout(box)
            self.sections.addTab(page, caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sections, 1)
        layout.addWidget(self.status_label)
        self.load()

    # -- building -------------------------------------------------------------------------------

    def _button(self, name: str, text: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        named(button, name, text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: handler())
        return button

    def _box(
        self, caption: str, table: QTableWidget, buttons: Sequence[QPushButton]
    ) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(QLabel(caption, self))
        box.addWidget(table, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        table.itemSelectionChanged.connect(self._selection_changed)
        return box

    def _packages_box(self) -> QVBoxLayout:
        self.packages_table = read_only_table(
            self,
            "packagesTable",
            self.tr("次卡套餐"),
            [
                self.tr("名称"),
                self.tr("服务"),
                self.tr("次数"),
                self.tr("售价"),
                self.tr("有效期"),
                self.tr("状态"),
            ],
        )
        self.edit_package_button = self._button("editPackage", self.tr("修改"), self.edit_package)
        self.retire_package_button = self._button(
            "retirePackage", self.tr("停售"), self.retire_package
        )
        return self._box(
            self.tr("次卡套餐"),
            self.packages_table,
            [
                self._button("addPackage", self.tr("新增"), self.add_package),
                self.edit_package_button,
                self.retire_package_button,
            ],
        )

    def _templates_box(self) -> QVBoxLayout:
        self.templates_table = read_only_table(
            self,
            "couponTemplatesTable",
            self.tr("优惠券模板"),
            [
                self.tr("名称"),
                self.tr("类型"),
                self.tr("内容"),
                self.tr("有效期"),
                self.tr("状态"),
            ],
        )
        self.retire_template_button = self._button(
            "retireCouponTemplate", self.tr("停发"), self.retire_template
        )
        return self._box(
            self.tr("优惠券模板"),
            self.templates_table,
            [
                self._button("addCouponTemplate", self.tr("新增"), self.add_template),
                self.retire_template_button,
            ],
        )

    def _gifts_box(self) -> QVBoxLayout:
        self.gifts_table = read_only_table(
            self,
            "giftsTable",
            self.tr("积分礼品"),
            [self.tr("礼品"), self.tr("所需积分"), self.tr("库存"), self.tr("状态")],
        )
        self.edit_gift_button = self._button("editGift", self.tr("修改积分"), self.edit_gift)
        self.restock_gift_button = self._button(
            "restockGift", self.tr("入库 / 报损"), self.restock_gift
        )
        self.retire_gift_button = self._button("retireGift", self.tr("下架"), self.retire_gift)
        return self._box(
            self.tr("积分礼品"),
            self.gifts_table,
            [
                self._button("addGift", self.tr("新增"), self.add_gift),
                self.edit_gift_button,
                self.restock_gift_button,
                self.retire_gift_button,
            ],
        )

    # -- showing --------------------------------------------------------------------------------

    def load(self) -> None:
        with Attempt(self._error):
            desk = self.members
            self.packages = desk.count_cards_and_gifts.packages(include_retired=True)
            self.templates = desk.coupons_and_rules.coupon_templates(include_retired=True)
            self.gifts = desk.count_cards_and_gifts.gifts(include_retired=True)
        fill_table(self.packages_table, [self._package_row(p) for p in self.packages])
        fill_table(self.templates_table, [self._template_row(t) for t in self.templates])
        fill_table(self.gifts_table, [self._gift_row(g) for g in self.gifts])
        self._selection_changed()

    def _package_row(self, package: PackageView) -> tuple[str, ...]:
        return (
            package.name,
            package.service,
            self.tr("%1 次").replace("%1", str(package.uses)),
            format_yuan(package.price_fen),
            self._days(package.validity_days),
            self.tr("在售") if package.active else self.tr("已停售"),
        )

    def _template_row(self, template: TemplateView) -> tuple[str, ...]:
        if template.valid_days:
            validity = self._days(template.valid_days)
        else:
            start = template.valid_from.isoformat() if template.valid_from else ""
            end = template.valid_to.isoformat() if template.valid_to else ""
            validity = self.tr("%1 至 %2").replace("%1", start).replace("%2", end).strip()
        return (
            template.name,
            self.forms.kind_label(template.terms.kind),
            template.terms.label,
            validity,
            self.tr("可发放") if template.active else self.tr("已停发"),
        )

    def _gift_row(self, gift: GiftView) -> tuple[str, ...]:
        return (
            gift.name,
            str(gift.points_cost),
            str(gift.stock),
            self.tr("可兑换") if gift.active else self.tr("已下架"),
        )

    def _days(self, days: int | None) -> str:
        if not days:
            return self.tr("长期有效")
        return self.tr("有效 %1 天").replace("%1", str(days))

    def _selection_changed(self) -> None:
        package, template, gift = (
            self.chosen_package(),
            self.chosen_template(),
            self.chosen_gift(),
        )
        for button in (self.edit_package_button, self.retire_package_button):
            button.setEnabled(package is not None and package.active)
        self.retire_template_button.setEnabled(template is not None and template.active)
        for button in (self.edit_gift_button, self.restock_gift_button, self.retire_gift_button):
            button.setEnabled(gift is not None and gift.active)

    @staticmethod
    def _chosen(table: QTableWidget, rows: Sequence[object]) -> int | None:
        row = table.currentRow()
        if not table.selectedItems() or not 0 <= row < len(rows):
            return None
        return row

    def chosen_package(self) -> PackageView | None:
        row = self._chosen(self.packages_table, self.packages)
        return None if row is None else self.packages[row]

    def chosen_template(self) -> TemplateView | None:
        row = self._chosen(self.templates_table, self.templates)
        return None if row is None else self.templates[row]

    def chosen_gift(self) -> GiftView | None:
        row = self._chosen(self.gifts_table, self.gifts)
        return None if row is None else self.gifts[row]

    def _error(self, error: BaseException | str) -> None:
        parent = self._parent
        if isinstance(parent, CounterDialog):
            parent.show_error(error)

    # -- changing -------------------------------------------------------------------------------

    def _change(self, detail: str, open_form: OpenForm, done: str) -> None:
        """A manager approves, then the form opens; once it is saved the tables show it."""

        def approved(approver: StaffView) -> None:
            with Attempt(self._error) as attempt:
                form = open_form(approver)
            if attempt.failed:
                return

            def saved(_value: object) -> None:
                self.load()
                self.status_label.setText(done)

            form.present(saved)

        self.status_label.clear()
        with_approval(
            self,
            self._session,
            Sensitive.MEMBER_RULES,
            lambda approval: approved(approver_of(approval)),
            detail=detail,
        )

    def add_package(self) -> None:
        self._change(
            self.tr("新增次卡套餐"),
            lambda approver: self.forms.package_form(approver, None),
            self.tr("已新增次卡套餐"),
        )

    def edit_package(self) -> None:
        package = self.chosen_package()
        if package is None:
            return
        self._change(
            self.tr("修改次卡套餐“%1”").replace("%1", package.name),
            lambda approver: self.forms.package_form(approver, package),
            self.tr("已修改次卡套餐“%1”").replace("%1", package.name),
        )

    def retire_package(self) -> None:
        package = self.chosen_package()
        if package is None:
            return
        self._change(
            self.tr("停售次卡套餐“%1”").replace("%1", package.name),
            lambda approver: self.forms.retire_form(
                self.tr("停售次卡套餐"),
                self.tr("“%1”停售后不再出售；已售出的次卡照常使用。").replace("%1", package.name),
                lambda: self.members.count_cards_and_gifts.retire_package(
                    package.id, cashier=self._session.staff, approver=approver
                ),
            ),
            self.tr("已停售次卡套餐“%1”").replace("%1", package.name),
        )

    def add_template(self) -> None:
        self._change(
            self.tr("新增优惠券"),
            self.forms.coupon_template_form,
            self.tr("已新增优惠券"),
        )

    def retire_template(self) -> None:
        template = self.chosen_template()
        if template is None:
            return
        self._change(
            self.tr("停发优惠券“%1”").replace("%1", template.name),
            lambda approver: self.forms.retire_form(
                self.tr("停发优惠券"),
                self.tr("“%1”停发后不能再发给会员；已发出的券在有效期内照常可用。").replace(
                    "%1", template.name
                ),
                lambda: self.members.coupons_and_rules.retire_coupon_template(
                    template.id, cashier=self._session.staff, approver=approver
                ),
            ),
            self.tr("已停发优惠券“%1”").replace("%1", template.name),
        )

    def add_gift(self) -> None:
        self._change(
            self.tr("新增礼品"),
            lambda approver: self.forms.gift_form(approver, None),
            self.tr("已新增礼品"),
        )

    def edit_gift(self) -> None:
        gift = self.chosen_gift()
        if gift is None:
            return
        self._change(
            self.tr("修改礼品“%1”").replace("%1", gift.name),
            lambda approver: self.forms.gift_form(approver, gift),
            self.tr("已修改礼品“%1”").replace("%1", gift.name),
        )

    def restock_gift(self) -> None:
        gift = self.chosen_gift()
        if gift is None:
            return
        self._change(
            self.tr("礼品“%1”入库 / 报损").replace("%1", gift.name),
            lambda approver: self.forms.gift_restock_form(approver, gift),
            self.tr("已调整“%1”的库存").replace("%1", gift.name),
        )

    def retire_gift(self) -> None:
        gift = self.chosen_gift()
        if gift is None:
            return
        self._change(
            self.tr("下架礼品“%1”").replace("%1", gift.name),
            lambda approver: self.forms.retire_form(
                self.tr("下架礼品"),
                self.tr("“%1”下架后不能再兑换；库存记录保留。").replace("%1", gift.name),
                lambda: self.members.count_cards_and_gifts.retire_gift(
                    gift.id, cashier=self._session.staff, approver=approver
                ),
            ),
            self.tr("已下架礼品“%1”").replace("%1", gift.name),
        )
