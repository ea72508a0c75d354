"""A new store sets itself up in the window, from an empty data directory to a member upgraded by
the daily upkeep: the owner made by the README's ``add-staff``, everything else typed into the
set-up screens as a store owner would (issue #8's "Done when")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTabWidget, QWidget

from app import cli
from app.members.levels import Metric
from app.storage.member_models import (
    BonusRuleRow,
    CardTypeRow,
    CountCardPackageRow,
    CouponTemplateRow,
    GiftRow,
    MemberRow,
)
from app.storage.models import ProductRow, StaffRow
from tests.ui.driving import (
    action,
    answer_prompt,
    banner,
    child,
    click,
    error_text,
    fill_form,
    login,
    member_row,
    open_dialog,
    pay_cash,
    save_form,
    scan,
    scan_field,
    swipe,
)

OWNER, OWNER_PIN = "王老板", "1357"
CASHIER, CASHIER_PIN = "小刘", "5678"
BARCODE = "6901234567892"  # a made-up EAN-13 with its check digit
CARD = "66000001"


@pytest.fixture
def empty_store(tmp_path: Path, printer_uri: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A data directory with nothing but the owner the README tells a new store to add."""
    from app.bootstrap import build

    data_dir = tmp_path / "store"
    monkeypatch.setenv("POS_PRINTER_URI", printer_uri)
    monkeypatch.delenv("POS_LANGUAGE", raising=False)
    argv = ["--data-dir", str(data_dir), "add-staff", OWNER, "owner", "--pin", OWNER_PIN]
    assert cli.main(argv) == 0
    counter = build(data_dir)
    yield counter
    counter.close()


def _tab(screen: QWidget, name: str) -> QWidget:
    """Show the members screen's tab whose page is named ``name``."""
    tabs = child(screen, QTabWidget, "memberTabs")
    page = child(screen, QWidget, name)
    tabs.setCurrentWidget(page)
    return page


def _form(qtbot: Any, owner: QWidget, button: str, form: str, values: dict[str, Any]) -> None:
    """Press ``button``, fill the form it opens and save it: the form closes."""
    click(qtbot, child(owner, QPushButton, button))
    dialog = open_dialog(owner.window(), form)
    fill_form(qtbot, dialog, values)
    save_form(qtbot, dialog)
    assert not dialog.isVisible(), error_text(dialog)


def _set_up_products(sale: Any, qtbot: Any) -> None:
    action(sale, "productsAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "productsScreen"
    click(qtbot, child(screen, QPushButton, "categoriesButton"))
    categories = open_dialog(screen, "categoriesDialog")
    child(categories, QLineEdit, "categoryName").setText("粮油")
    click(qtbot, child(categories, QPushButton, "addCategory"))
    click(qtbot, child(categories, QPushButton, "categoriesClose"))
    _form(
        qtbot,
        screen,
        "addProduct",
        "productForm",
        {
            "productName": "金龙鱼 5L 调和油",
            "productBarcodes": BARCODE,
            "productPrice": "68",
            "productMemberPrice": "60",
            "productCost": "45.5",
            "productCategory": "粮油",
        },
    )
    click(qtbot, child(screen, QPushButton, "productsClose"))


def _set_up_cashier(sale: Any, qtbot: Any) -> None:
    action(sale, "staffAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "staffScreen"
    click(qtbot, child(screen, QPushButton, "addStaffButton"))
    answer_prompt(qtbot, screen, "staffInput", f"{CASHIER} 收银员")
    answer_prompt(qtbot, screen, "staffPin", CASHIER_PIN)
    click(qtbot, child(screen, QPushButton, "staffClose"))


def _set_up_member_programme(sale: Any, qtbot: Any) -> None:
    action(sale, "membersScreenAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "membersScreen"
    rules = _tab(screen, "memberRules")
    _form(
        qtbot,
        rules,
        "addCardType",
        "cardTypeForm",
        {
            "cardTypeName": "银卡",
            "cardTypeRank": "2",
            "cardTypeDiscount": "9.5",
            "cardTypePointsPerYuan": "2",
            "cardTypeUpgradeMetric": Metric.SPEND.value,
            "cardTypeUpgradeThreshold": "100",
            "cardTypeUpgradePeriod": "365",
            "cardTypeGiftPoints": "200",
        },
    )
    _form(
        qtbot,
        rules,
        "addBonusRule",
        "bonusRuleForm",
        {"bonusRuleMinTopUp": "100", "bonusRuleBonus": "10"},
    )
    offers = _tab(screen, "memberOffers")
    _form(
        qtbot,
        offers,
        "addPackage",
        "packageForm",
        {
            "packageName": "洗车十次卡",
            "packageService": "洗车",
            "packageUses": "10",
            "packagePrice": "200",
            "packageValidity": "365",
        },
    )
    _form(
        qtbot,
        offers,
        "addCouponTemplate",
        "couponTemplateForm",
        {"couponName": "满50减5", "couponAmount": "5", "couponMinimum": "50"},
    )
    _form(
        qtbot,
        offers,
        "addGift",
        "giftForm",
        {"giftName": "环保购物袋", "giftPoints": "50", "giftStock": "20"},
    )
    click(qtbot, child(screen, QPushButton, "membersClose"))


def _hand_over_to_the_cashier(controller: Any, sale: Any, qtbot: Any) -> Any:
    """The owner closes the shift (交班, the float counted back) and the new cashier logs in."""
    action(sale, "shiftCloseAction").trigger()
    closing = sale.dialog
    assert closing is not None and closing.objectName() == "shiftCloseDialog"
    child(closing, QLineEdit, "counted_cash").setText("100")
    click(qtbot, child(closing, QPushButton, "confirmShiftClose"))
    sale.dialog.accept()  # the shift report
    assert controller.sale_window is None
    cashier_sale = login(controller, qtbot, CASHIER, CASHIER_PIN, opening_float="200")
    assert controller.staff.name == CASHIER
    return cashier_sale


def _enrol(sale: Any, qtbot: Any) -> None:
    click(qtbot, child(sale, QPushButton, "enrollButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "enrolDialog"
    swipe(child(dialog, QLineEdit, "enrolCardNo"), CARD)
    fill_form(
        qtbot,
        dialog,
        {
            "enrolPhone": "13800001111",
            "enrolName": "陈阿姨",
            "enrolBirthdayCalendar": "lunar",
            "enrolBirthday": "1990-05-08",  # 1990 has a leap fifth month
            "enrolBirthdayLeap": True,
        },
    )
    qtbot.keyClick(child(dialog, QLineEdit, "enrolName"), Qt.Key.Key_Return)
    assert sale.dialog is None, error_text(dialog)


def _top_up(sale: Any, qtbot: Any, amount: str) -> None:
    click(qtbot, child(sale, QPushButton, "topUpButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "topUpDialog"
    qtbot.keyClicks(child(dialog, QLineEdit, "topUpAmount"), amount)
    click(qtbot, child(dialog, QPushButton, "confirmTopUp"))
    assert sale.dialog is None, error_text(dialog)


def _redeem_first_gift(sale: Any, qtbot: Any) -> None:
    click(qtbot, child(sale, QPushButton, "redeemButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "redeemDialog"
    click(qtbot, child(dialog, QPushButton, "redeemConfirm"))
    assert sale.dialog is None, error_text(dialog)


def test_a_store_sets_itself_up_from_empty_and_serves_its_first_member(
    empty_store: Any, qtbot: Any
) -> None:
    from app.ui.application import CounterApp

    counter = empty_store
    with counter.db.reading() as session:
        assert session.scalar(select(ProductRow.id)) is None
        assert [t.name for t in session.scalars(select(CardTypeRow))] == ["普通卡"]
    controller = CounterApp(counter)
    controller.show_login()
    sale = login(controller, qtbot, OWNER, OWNER_PIN)

    _set_up_products(sale, qtbot)
    _set_up_cashier(sale, qtbot)
    _set_up_member_programme(sale, qtbot)

    with counter.db.reading() as session:
        product = session.scalars(select(ProductRow)).one()
        assert (product.price_fen, product.member_price_fen, product.cost_fen) == (6800, 6000, 4550)
        silver = session.scalars(select(CardTypeRow).where(CardTypeRow.name == "银卡")).one()
        assert (silver.discount_bp, silver.upgrade_metric, silver.upgrade_threshold) == (
            9500,
            Metric.SPEND.value,
            100_00,
        )
        assert [(r.min_top_up_fen, r.bonus_fen) for r in session.scalars(select(BonusRuleRow))] == [
            (100_00, 10_00)
        ]
        assert session.scalars(select(CountCardPackageRow.uses)).one() == 10
        assert session.scalars(select(CouponTemplateRow.name)).one() == "满50减5"
        assert session.scalars(select(GiftRow.points_cost)).one() == 50
        cashier_role = session.scalars(select(StaffRow.role).where(StaffRow.name == CASHIER))
        assert cashier_role.one().value == "cashier"

    sale = _hand_over_to_the_cashier(controller, sale, qtbot)
    _enrol(sale, qtbot)
    member = member_row(counter, CARD)
    assert (member.birthday_calendar, member.birthday_month, member.birthday_day) == ("lunar", 5, 8)
    assert member.birthday_leap

    # 普通卡 has no discount of its own: two bottles at the member price, 1 point a yuan.
    scan(qtbot, sale, BARCODE)
    scan(qtbot, sale, BARCODE)
    assert sale.cart.totals().total_fen == 120_00, banner(sale).text()
    pay_cash(qtbot, sale, 120_00)
    swipe(scan_field(sale), CARD)
    _top_up(sale, qtbot, "100")
    _redeem_first_gift(sale, qtbot)
    member = member_row(counter, CARD)
    assert (member.principal_fen, member.bonus_fen) == (100_00, 10_00)
    assert member.points == 120 - 50
    assert member.total_spend_fen == 120_00
    with counter.db.reading() as session:
        assert session.scalars(select(GiftRow.stock)).one() == 19

    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    report = counter.service.daily_upkeep(now=tomorrow)
    assert report is not None and [u.member_id for u in report.upgrades] == [member.id]
    with counter.db.reading() as session:
        upgraded = session.scalars(select(MemberRow).where(MemberRow.card_no == CARD)).one()
        assert session.get(CardTypeRow, upgraded.card_type_id).name == "银卡"
        assert upgraded.points == 70 + 200  # the upgrade gift
