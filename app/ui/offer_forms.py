"""The forms a manager sets up what members are offered with: a count-card package, a coupon kind,
a gift and a gift's restock; each reads its fields and calls the member desk, which checks the
rules and audits the change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.members.count_cards import PackageInput
from app.members.coupons import CouponKind, TemplateInput
from app.ui.forms import FULL_PRICE_BP, FormDialog

if TYPE_CHECKING:
    from app.members.count_cards import PackageView
    from app.members.gifts import GiftView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView

#: A restock may take stock away (breakage, a count that came up short): any whole number is
#: read, and the service keeps the stock from going below zero.
ANY_QUANTITY = -(10**9)
#: What a new coupon kind is valid for unless the manager says otherwise.
DEFAULT_COUPON_DAYS = "30"
#: The coupon form's fields that belong to one kind only, by kind.
KIND_FIELDS = {
    CouponKind.AMOUNT_OFF: ("amount_off_fen",),
    CouponKind.PERCENT_OFF: ("percent_off_bp", "max_discount_fen"),
    CouponKind.FREE_ITEM: ("product_code",),
}


class OfferForms(QObject):
    """Builds each form on ``parent`` for the person at the counter and an approving manager."""

    def __init__(self, parent: QWidget, members: MemberDesk, staff: StaffView) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.members = members
        self.staff = staff

    def kind_label(self, kind: CouponKind) -> str:
        """满减券, 折扣券, 赠品券 in the screen's language."""
        return {
            CouponKind.AMOUNT_OFF: self.tr("满减券"),
            CouponKind.PERCENT_OFF: self.tr("折扣券"),
            CouponKind.FREE_ITEM: self.tr("赠品券"),
        }[kind]

    def package_form(self, approver: StaffView, package: PackageView | None) -> FormDialog:
        """新增 or 修改 a package; an edit changes what is sold from now on."""

        def save(form: FormDialog) -> object:
            data = PackageInput(
                form.text("name"),
                form.text("service"),
                form.whole("uses") or 0,
                form.yuan("price_fen") or 0,
                form.whole("validity_days", required=False),
            )
            return self.members.count_cards_and_gifts.save_package(
                package.id if package else None, data, cashier=self.staff, approver=approver
            )

        title = self.tr("修改次卡套餐") if package else self.tr("新增次卡套餐")
        form = FormDialog(self.parent_widget, title, "packageForm", save)
        if package is not None:
            form.section(self.tr("修改只影响今后售出的次卡，已售出的次卡保持原次数、价格和有效期"))
        form.line("name", self.tr("名称"), "packageName", package.name if package else "")
        form.line(
            "service",
            self.tr("服务项目"),
            "packageService",
            package.service if package else "",
            hint=self.tr("每次用的是什么，如 洗车"),
        )
        form.line("uses", self.tr("次数"), "packageUses", str(package.uses) if package else "")
        form.line(
            "price_fen",
            self.tr("售价（元）"),
            "packagePrice",
            f"{package.price_fen / 100:.2f}" if package else "",
        )
        validity = package.validity_days if package else None
        form.line(
            "validity_days",
            self.tr("有效天数"),
            "packageValidity",
            str(validity) if validity else "",
            hint=self.tr("不填为长期有效"),
        )
        return form

    def coupon_template_form(self, approver: StaffView) -> FormDialog:
        """A new coupon kind: amount off, percent off or one item free, with a minimum spend and how
        long an issued coupon is valid; only the chosen kind's own fields can be typed in."""

        def save(form: FormDialog) -> object:
            kind = CouponKind(str(form.chosen("kind")))
            percent_off_bp = 0
            if kind is CouponKind.PERCENT_OFF:
                form.text("percent_off_bp")  # blank is refused, not read as 10 折
                percent_off_bp = FULL_PRICE_BP - form.fold("percent_off_bp")
            data = TemplateInput(
                form.text("name"),
                kind,
                amount_off_fen=(form.yuan("amount_off_fen") or 0)
                if kind is CouponKind.AMOUNT_OFF
                else 0,
                threshold_fen=form.yuan("threshold_fen", required=False) or 0,
                percent_off_bp=percent_off_bp,
                max_discount_fen=form.yuan("max_discount_fen", required=False)
                if kind is CouponKind.PERCENT_OFF
                else None,
                product_code=form.text("product_code") if kind is CouponKind.FREE_ITEM else "",
                valid_days=form.whole("valid_days", required=False),
                valid_from=form.day("valid_from"),
                valid_to=form.day("valid_to"),
            )
            return self.members.coupons_and_rules.create_coupon_template(
                data, cashier=self.staff, approver=approver
            )

        form = FormDialog(self.parent_widget, self.tr("新增优惠券"), "couponTemplateForm", save)
        form.line("name", self.tr("名称"), "couponName", hint=self.tr("如 满100减20"))
        kinds = form.choice(
            "kind",
            self.tr("类型"),
            "couponKind",
            [(self.kind_label(k), k.value) for k in CouponKind],
        )
        form.line("amount_off_fen", self.tr("减免金额（元）"), "couponAmount")
        form.line(
            "percent_off_bp",
            self.tr("折扣（折）"),
            "couponDiscount",
            hint=self.tr("8.5 表示八五折"),
        )
        form.line(
            "max_discount_fen",
            self.tr("最多优惠（元）"),
            "couponMaxDiscount",
            hint=self.tr("不填为不封顶"),
        )
        form.line(
            "product_code",
            self.tr("赠送商品"),
            "couponProduct",
            hint=self.tr("商品编码或条码，赠 1 件"),
        )
        form.line(
            "threshold_fen",
            self.tr("使用门槛（元）"),
            "couponMinimum",
            hint=self.tr("不填为无门槛"),
        )
        form.section(self.tr("有效期：自发券日起的天数，或截止日期（二选一）"))
        form.line("valid_days", self.tr("有效天数"), "couponValidDays", DEFAULT_COUPON_DAYS)
        form.line(
            "valid_from",
            self.tr("开始日期"),
            "couponValidFrom",
            hint=self.tr("如 2026-12-01，可不填"),
        )
        form.line("valid_to", self.tr("截止日期"), "couponValidTo", hint=self.tr("如 2026-12-31"))

        def kind_changed() -> None:
            kind = CouponKind(str(kinds.currentData()))
            for owner, keys in KIND_FIELDS.items():
                for key in keys:
                    field = form.fields[key]
                    field.setEnabled(owner is kind)
                    # The other kinds' fields leave the form (the row is the field's cell).
                    cell = field.parentWidget()
                    assert cell is not None
                    form.form.setRowVisible(cell, owner is kind)

        kinds.currentIndexChanged.connect(kind_changed)
        kind_changed()
        return form

    def gift_form(self, approver: StaffView, gift: GiftView | None) -> FormDialog:
        """新增 a gift with its opening stock, or change a gift's name and points price (stock is
        changed by a restock, which keeps its reason)."""
        desk = self.members.count_cards_and_gifts

        def save(form: FormDialog) -> object:
            name, points = form.text("name"), form.whole("points_cost") or 0
            if gift is not None:
                return desk.update_gift(
                    gift.id, name, points, cashier=self.staff, approver=approver
                )
            stock = form.whole("stock", required=False) or 0
            return desk.create_gift(name, points, stock, cashier=self.staff, approver=approver)

        title = self.tr("修改礼品") if gift else self.tr("新增礼品")
        form = FormDialog(self.parent_widget, title, "giftForm", save)
        form.line("name", self.tr("礼品名称"), "giftName", gift.name if gift else "")
        form.line(
            "points_cost", self.tr("所需积分"), "giftPoints", str(gift.points_cost) if gift else ""
        )
        stock = form.line(
            "stock",
            self.tr("期初库存") if gift is None else self.tr("库存"),
            "giftStock",
            str(gift.stock) if gift else "0",
        )
        if gift is not None:
            stock.setEnabled(False)
            stock.setToolTip(self.tr("库存请用“入库 / 报损”调整"))
        return form

    def gift_restock_form(self, approver: StaffView, gift: GiftView) -> FormDialog:
        """入库 (+N) or 报损 (-N) with its reason, one stock move."""

        def save(form: FormDialog) -> object:
            return self.members.count_cards_and_gifts.restock_gift(
                gift.id,
                form.whole("delta", minimum=ANY_QUANTITY) or 0,
                reason=form.text("reason"),
                cashier=self.staff,
                approver=approver,
            )

        form = FormDialog(self.parent_widget, self.tr("礼品入库 / 报损"), "giftRestockForm", save)
        form.section(
            self.tr("%1 现有库存 %2 件").replace("%1", gift.name).replace("%2", str(gift.stock))
        )
        form.line(
            "delta",
            self.tr("数量"),
            "giftRestockQuantity",
            hint=self.tr("入库填正数，报损填负数，如 -2"),
        )
        form.line(
            "reason", self.tr("原因"), "giftRestockReason", hint=self.tr("如 进货、破损、盘点")
        )
        return form

    def retire_form(self, title: str, consequence: str, then: Callable[[], object]) -> FormDialog:
        """A last look before something is no longer offered: what it means, and 确认."""

        def save(_form: FormDialog) -> object:
            return then()

        form = FormDialog(
            self.parent_widget, title, "confirmRetire", save, confirm_text=self.tr("确认")
        )
        form.section(consequence)
        form.setMinimumSize(380, 160)
        return form


__all__ = ["OfferForms"]
