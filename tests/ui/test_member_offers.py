"""The members screen's 礼品与优惠券 tab, driven as a store owner would: a count-card package, a
coupon kind and a gift are set up in forms after a manager's approval, each bad input is refused
next to its field and saves nothing, and what was set up is sold, issued and redeemed."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from app.members.coupons import CouponKind
from app.money import format_yuan
from app.storage.approvals import Sensitive
from app.storage.member_models import (
    CountCardPackageRow,
    CouponRow,
    CouponTemplateRow,
    GiftRow,
    GiftStockMoveRow,
    MemberCountCardRow,
)
from app.storage.models import AuditRow
from tests.ui.driving import (
    SILVER_CARD,
    action,
    approval_for,
    approval_in,
    approve,
    child,
    click,
    count_rows,
    error_text,
    field_error,
    fill_form,
    manager,
    member_row,
    open_dialog,
    open_members_screen,
    save_form,
    scan_field,
    swipe,
)

OFFER_TABLES = (CountCardPackageRow, CouponTemplateRow, GiftRow, GiftStockMoveRow, AuditRow)


def offer_counts(counter: Any) -> tuple[int, ...]:
    """Row counts of everything a set-up form could write: equal means nothing was saved."""
    return tuple(count_rows(counter, model) for model in OFFER_TABLES)


def offers_tab(screen: Any) -> Any:
    return child(screen, QWidget, "memberOffers")


def open_form(qtbot: Any, screen: Any, button: str, form: str) -> Any:
    """Press ``button`` on the tab; a manager approves (the cashier cannot); the form opens."""
    click(qtbot, child(offers_tab(screen), QPushButton, button))
    approve(qtbot, approval_in(screen))
    return open_dialog(screen, form)


def table_rows(screen: Any, name: str) -> list[tuple[str, ...]]:
    table = child(offers_tab(screen), QTableWidget, name)
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def choose_row(screen: Any, table_name: str, first_cell: str) -> None:
    table = child(offers_tab(screen), QTableWidget, table_name)
    row = [r[0] for r in table_rows(screen, table_name)].index(first_cell)
    table.selectRow(row)


def last_audit(counter: Any, action: str) -> AuditRow:
    with counter.db.reading() as session:
        row = session.scalars(
            select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.seq.desc())
        ).first()
        assert row is not None, action
        session.expunge(row)
        return row


def refuses(
    qtbot: Any, counter: Any, form: Any, values: dict[str, object], field: str, words: str
) -> None:
    """Fill, save: the sentence is under ``field``, the form stays open and nothing is saved."""
    before = offer_counts(counter)
    fill_form(qtbot, form, values)
    save_form(qtbot, form)
    assert words in field_error(form, field), (field_error(form, field), error_text(form))
    assert form.isVisible() and offer_counts(counter) == before


# -- count-card packages --------------------------------------------------------------------------


def test_a_package_is_created_edited_sold_at_the_counter_and_retired(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = open_form(qtbot, screen, "addPackage", "packageForm")
    good = {
        "packageName": "精洗5次卡",
        "packageService": "精洗",
        "packageUses": "5",
        "packagePrice": "199",
        "packageValidity": "",
    }
    fill_form(qtbot, form, good)
    refuses(qtbot, counter, form, {"packageUses": "0"}, "packageUses", "次数至少为 1")
    fill_form(qtbot, form, {"packageUses": "5"})
    refuses(qtbot, counter, form, {"packagePrice": "0"}, "packagePrice", "售价必须大于零")
    fill_form(qtbot, form, {"packagePrice": "199"})
    refuses(qtbot, counter, form, {"packageValidity": "0"}, "packageValidity", "至少为 1 天")
    fill_form(qtbot, form, {"packageValidity": ""})
    refuses(qtbot, counter, form, {"packageName": "洗车10次卡"}, "packageName", "次卡已存在")
    fill_form(qtbot, form, {"packageName": "精洗5次卡"})
    save_form(qtbot, form)

    assert not form.isVisible(), error_text(form)
    assert ("精洗5次卡", "精洗", "5 次", format_yuan(199_00), "长期有效", "在售") in table_rows(
        screen, "packagesTable"
    )
    created = last_audit(counter, "count_card_package.created")
    assert created.actor_id == sale.session.staff.id and created.approver_id == manager(counter).id

    choose_row(screen, "packagesTable", "精洗5次卡")
    edit = open_form(qtbot, screen, "editPackage", "packageForm")
    assert child(edit, QLineEdit, "packagePrice").text() == "199.00"
    fill_form(qtbot, edit, {"packagePrice": "180", "packageValidity": "90"})
    save_form(qtbot, edit)
    assert not edit.isVisible(), error_text(edit)
    assert ("精洗5次卡", "精洗", "5 次", format_yuan(180_00), "有效 90 天", "在售") in table_rows(
        screen, "packagesTable"
    )
    assert last_audit(counter, "count_card_package.updated").approver_id == manager(counter).id

    click(qtbot, child(screen, QPushButton, "membersClose"))
    swipe(scan_field(sale), SILVER_CARD)
    click(qtbot, child(sale, QPushButton, "sellCountCardButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "countCardSaleDialog"
    packages = child(dialog, QComboBox, "countCardPackage")
    packages.setCurrentIndex([p.name for p in dialog.packages].index("精洗5次卡"))
    assert child(dialog, QLineEdit, "countCardTendered").text() == "180.00"
    click(qtbot, child(dialog, QPushButton, "confirmCountCard"))
    assert sale.dialog is None, error_text(dialog)
    member = member_row(counter, SILVER_CARD)
    cards = counter.members.queries.detail(member.id).count_cards
    sold = next(c for c in cards if c.name == "精洗5次卡")
    assert (sold.uses_left, sold.price_fen, sold.expires_on is not None) == (5, 180_00, True)

    screen = open_members_screen(sale)
    choose_row(screen, "packagesTable", "精洗5次卡")
    confirm = open_form(qtbot, screen, "retirePackage", "confirmRetire")
    save_form(qtbot, confirm)
    assert ("精洗5次卡", "精洗", "5 次", format_yuan(180_00), "有效 90 天", "已停售") in table_rows(
        screen, "packagesTable"
    )
    assert not child(offers_tab(screen), QPushButton, "retirePackage").isEnabled()
    assert "已停售" in child(offers_tab(screen), QLabel, "offersStatus").text()
    assert "精洗5次卡" not in [p.name for p in counter.members.count_cards_and_gifts.packages()]
    # the card already sold is used as before
    counter.members.count_cards_and_gifts.use_count_card(sold.id, cashier=sale.session.staff)
    with counter.db.reading() as session:
        row = session.get(MemberCountCardRow, sold.id)
        assert row is not None and row.uses_left == 4


# -- coupon kinds ---------------------------------------------------------------------------------


def test_the_coupon_form_enables_and_shows_only_the_fields_of_the_chosen_kind(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = open_form(qtbot, screen, "addCouponTemplate", "couponTemplateForm")
    own = {
        CouponKind.AMOUNT_OFF: {"couponAmount"},
        CouponKind.PERCENT_OFF: {"couponDiscount", "couponMaxDiscount"},
        CouponKind.FREE_ITEM: {"couponProduct"},
    }
    every = set().union(*own.values())
    for kind, fields in own.items():
        fill_form(qtbot, form, {"couponKind": kind.value})
        enabled = {name for name in every if child(form, QLineEdit, name).isEnabled()}
        shown = {name for name in every if child(form, QLineEdit, name).isVisibleTo(form)}
        assert enabled == fields == shown, kind
        for shared in ("couponName", "couponMinimum", "couponValidDays"):
            assert child(form, QLineEdit, shared).isEnabled()


def test_a_coupon_kind_refuses_bad_input_then_is_issued_from_the_members_screen_and_retired(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = open_form(qtbot, screen, "addCouponTemplate", "couponTemplateForm")
    fill_form(
        qtbot,
        form,
        {
            "couponName": "满100减20",
            "couponKind": CouponKind.AMOUNT_OFF.value,
            "couponAmount": "100",
            "couponMinimum": "100",
        },
    )
    refuses(qtbot, counter, form, {}, "couponAmount", "须低于使用门槛 100")
    refuses(
        qtbot,
        counter,
        form,
        {"couponAmount": "20", "couponValidDays": "0"},
        "couponValidDays",
        "至少为 1 天",
    )
    refuses(
        qtbot,
        counter,
        form,
        {"couponName": "满100减10", "couponValidDays": "30"},
        "couponName",
        "优惠券已存在",
    )
    fill_form(qtbot, form, {"couponKind": CouponKind.PERCENT_OFF.value, "couponName": "会员八五折"})
    refuses(qtbot, counter, form, {"couponDiscount": "10"}, "couponDiscount", "小于 10 折")
    refuses(qtbot, counter, form, {"couponDiscount": "abc"}, "couponDiscount", "不是折扣")
    fill_form(qtbot, form, {"couponKind": CouponKind.FREE_ITEM.value})
    refuses(qtbot, counter, form, {"couponProduct": "0000"}, "couponProduct", "未找到商品：0000")

    fill_form(
        qtbot,
        form,
        {"couponKind": CouponKind.PERCENT_OFF.value, "couponDiscount": "8.5", "couponMinimum": ""},
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    assert ("会员八五折", "折扣券", "八五折", "有效 30 天", "可发放") in table_rows(
        screen, "couponTemplatesTable"
    )
    created = last_audit(counter, "coupon_template.created")
    assert created.approver_id == manager(counter).id
    assert json.loads(created.detail)["terms"] == "八五折"

    # issued to a member from the members screen, like any coupon kind
    members_table = child(screen, QTableWidget, "membersTable")
    members_table.selectionModel().select(
        members_table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    before = count_rows(counter, CouponRow)
    click(qtbot, child(screen, QPushButton, "issueCouponsButton"))
    issue = open_dialog(screen, "issueCouponsDialog")
    templates = child(issue, QComboBox, "couponTemplate")
    templates.setCurrentIndex(templates.findText("会员八五折", Qt.MatchFlag.MatchStartsWith))
    assert "八五折" in templates.currentText()
    click(qtbot, child(issue, QPushButton, "issueCouponsConfirm"))
    approve(qtbot, approval_in(screen))
    assert count_rows(counter, CouponRow) == before + 1, error_text(screen)
    member_id = screen.rows[0].id
    coupons = counter.members.coupons_and_rules.member_coupons(member_id)
    assert any(c.name == "会员八五折" and c.terms.percent_off_bp == 1500 for c in coupons)

    choose_row(screen, "couponTemplatesTable", "会员八五折")
    confirm = open_form(qtbot, screen, "retireCouponTemplate", "confirmRetire")
    save_form(qtbot, confirm)
    assert ("会员八五折", "折扣券", "八五折", "有效 30 天", "已停发") in table_rows(
        screen, "couponTemplatesTable"
    )
    assert last_audit(counter, "coupon_template.retired").approver_id == manager(counter).id
    names = [t.name for t in counter.members.coupons_and_rules.coupon_templates()]
    assert "会员八五折" not in names
    assert any(
        c.name == "会员八五折" for c in counter.members.coupons_and_rules.member_coupons(member_id)
    )


def test_a_free_item_coupon_names_its_product_by_barcode(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    product = products[0]
    screen = open_members_screen(sale)
    form = open_form(qtbot, screen, "addCouponTemplate", "couponTemplateForm")
    fill_form(
        qtbot,
        form,
        {
            "couponName": "满50送一件",
            "couponKind": CouponKind.FREE_ITEM.value,
            "couponProduct": product.barcodes[0],
            "couponMinimum": "50",
            "couponValidDays": "",
            "couponValidTo": "2099-12-31",
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    assert (
        "满50送一件",
        "赠品券",
        f"满50 赠 {product.name} 1 件",
        "至 2099-12-31",
        "可发放",
    ) in table_rows(screen, "couponTemplatesTable")


# -- gifts ----------------------------------------------------------------------------------------


def test_a_gift_is_added_repriced_restocked_redeemed_at_the_counter_and_retired(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    form = open_form(qtbot, screen, "addGift", "giftForm")
    fill_form(qtbot, form, {"giftName": "雨伞", "giftPoints": "0", "giftStock": "5"})
    refuses(qtbot, counter, form, {}, "giftPoints", "至少为 1")
    refuses(
        qtbot, counter, form, {"giftPoints": "800", "giftName": "保温杯"}, "giftName", "礼品已存在"
    )
    refuses(
        qtbot, counter, form, {"giftName": "雨伞", "giftStock": "-1"}, "giftStock", "不能小于 0"
    )
    fill_form(qtbot, form, {"giftStock": "5"})
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    assert ("雨伞", "800", "5", "可兑换") in table_rows(screen, "giftsTable")

    choose_row(screen, "giftsTable", "雨伞")
    edit = open_form(qtbot, screen, "editGift", "giftForm")
    assert not child(edit, QLineEdit, "giftStock").isEnabled()
    fill_form(qtbot, edit, {"giftPoints": "600"})
    save_form(qtbot, edit)
    assert ("雨伞", "600", "5", "可兑换") in table_rows(screen, "giftsTable")
    assert last_audit(counter, "gift.updated").approver_id == manager(counter).id

    choose_row(screen, "giftsTable", "雨伞")
    restock = open_form(qtbot, screen, "restockGift", "giftRestockForm")
    fill_form(qtbot, restock, {"giftRestockQuantity": "-6", "giftRestockReason": "破损"})
    refuses(qtbot, counter, restock, {}, "giftRestockQuantity", "库存不能少于零：雨伞 现有 5 件")
    refuses(
        qtbot,
        counter,
        restock,
        {"giftRestockQuantity": "3", "giftRestockReason": ""},
        "giftRestockReason",
        "请填写此项",
    )
    fill_form(qtbot, restock, {"giftRestockReason": "进货"})
    save_form(qtbot, restock)
    assert not restock.isVisible(), error_text(restock)
    assert ("雨伞", "600", "8", "可兑换") in table_rows(screen, "giftsTable")
    moved = last_audit(counter, "gift.stock_changed")
    assert moved.approver_id == manager(counter).id
    assert json.loads(moved.detail) == {"delta": 3, "reason": "进货", "stock": 8}

    # redeemed at the counter
    click(qtbot, child(screen, QPushButton, "membersClose"))
    before = member_row(counter, SILVER_CARD)
    counter.members.cards.adjust_points(
        before.id,
        1000,
        reason="测试",
        cashier=sale.session.staff,
        approval=approval_for(counter, sale.session.staff, Sensitive.MEMBER_CARD),
    )
    swipe(scan_field(sale), SILVER_CARD)
    click(qtbot, child(sale, QPushButton, "redeemButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "redeemDialog"
    dialog.list.setCurrentRow([g.name for g in dialog.gifts].index("雨伞"))
    click(qtbot, child(dialog, QPushButton, "redeemConfirm"))
    assert sale.dialog is None, error_text(dialog)
    assert member_row(counter, SILVER_CARD).points == before.points + 1000 - 600

    screen = open_members_screen(sale)
    assert ("雨伞", "600", "7", "可兑换") in table_rows(screen, "giftsTable")
    choose_row(screen, "giftsTable", "雨伞")
    confirm = open_form(qtbot, screen, "retireGift", "confirmRetire")
    save_form(qtbot, confirm)
    assert ("雨伞", "600", "7", "已下架") in table_rows(screen, "giftsTable")
    assert last_audit(counter, "gift.retired").approver_id == manager(counter).id
    assert "雨伞" not in [g.name for g in counter.members.count_cards_and_gifts.gifts()]


def test_the_tab_and_its_forms_speak_english_after_the_switch(
    controller: Any, sale: Any, qtbot: Any
) -> None:
    action(sale, "languageEnglish").trigger()
    screen = open_members_screen(controller.sale_window)
    sections = child(screen, QTabWidget, "offersTabs")
    assert [sections.tabText(i) for i in range(sections.count())] == [
        "Count-card packages",
        "Coupons",
        "Gift catalogue",
    ]
    assert child(screen, QPushButton, "retirePackage").text() == "Stop selling"
    form = open_form(qtbot, screen, "addCouponTemplate", "couponTemplateForm")
    kinds = child(form, QComboBox, "couponKind")
    assert [kinds.itemText(i) for i in range(kinds.count())] == [
        "Amount off",
        "Percent off",
        "Free item",
    ]
    fill_form(qtbot, form, {"couponName": "x", "couponAmount": "5", "couponMinimum": "5"})
    save_form(qtbot, form)
    assert "must be below the minimum spend 5" in field_error(form, "couponAmount")
