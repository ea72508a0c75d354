"""Coupons at checkout, coupons issued from the members screen, 存零 after a cash sale, a count card
sold at the counter and the balances after a member's sale, all on the real window; each bad input
is refused plainly and writes nothing, and the shift's expected cash stays right."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QWidget,
)

from app.money import format_yuan
from app.pos.tenders import TenderError, TenderMethod
from app.storage.member_models import (
    CouponRow,
    LevelChangeRow,
    MemberCountCardRow,
    MemberRow,
    StoredValueEntryRow,
)
from app.storage.models import AuditRow, OrderKind, OrderRow
from app.ui.dialogs import PromptDialog
from tests.ui.driving import (
    GOLD_CARD,
    SILVER_CARD,
    approval_in,
    approve,
    banner,
    child,
    choose_data,
    click,
    count_rows,
    error_text,
    manager,
    member_row,
    open_members_screen,
    pay_cash,
    press,
    printed_text,
    scan,
    scan_field,
    swipe,
    writes,
)

OPENING_FLOAT_FEN = 100_00  # the float the conftest's login opens the shift with
TEMPLATE = "满100减10"  # the demo coupon template


def issue(counter: Any, sale: Any, card_no: str) -> Any:
    """One demo 满100减10 coupon for the member of ``card_no``."""
    members = counter.members
    template = next(t for t in members.coupons_and_rules.coupon_templates() if t.name == TEMPLATE)
    row = member_row(counter, card_no)
    return members.coupons_and_rules.issue_coupons(
        template.id, [row.id], cashier=sale.session.staff
    )[0]


def coupon_row(counter: Any, coupon_id: str) -> Any:
    with counter.db.reading() as session:
        row = session.get(CouponRow, coupon_id)
        assert row is not None
        session.expunge(row)
        return row


def fill_to(qtbot: Any, sale: Any, product: Any, at_least_fen: int) -> None:
    """Scan ``n*barcode`` so the cart's total reaches ``at_least_fen``."""
    price = sale.cart.member.price_of(sale.session.service.scan(product.barcodes[0]).product)
    needed = -(-at_least_fen // price)
    scan(qtbot, sale, f"{needed}*{product.barcodes[0]}")
    assert sale.model.totals.total_fen >= at_least_fen


def expected_cash(counter: Any, sale: Any) -> int:
    report = counter.service.shift_report(sale.session.shift_id)
    return int(report.expected_cash_fen)


# -- coupons at checkout --------------------------------------------------------------------------


def test_a_members_coupon_is_listed_applied_shown_in_the_totals_and_redeemed_by_the_sale(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    coupon = issue(counter, sale, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    panel = child(sale, QWidget, "memberPanel")
    assert coupon.id in [c.id for c in panel.coupons]
    coupon_list = child(panel, QListWidget, "memberCouponList")
    listed = [coupon_list.item(r).text() for r in range(coupon_list.count())]
    assert any(TEMPLATE in text for text in listed)
    fill_to(qtbot, sale, products[0], 100_00)
    before = sale.model.totals.total_fen
    coupon_list.setCurrentRow([c.id for c in panel.coupons].index(coupon.id))

    click(qtbot, child(panel, QPushButton, "useCouponButton"))

    assert sale.cart.coupon is not None and sale.cart.coupon.coupon.id == coupon.id
    assert sale.model.totals.total_fen == before - 10_00
    assert child(sale, QLabel, "couponDiscount").isVisibleTo(sale)
    assert child(sale, QLabel, "couponDiscount").text() == f"{TEMPLATE} -{format_yuan(10_00)}"
    assert child(panel, QPushButton, "removeCouponButton").isEnabled()
    total = sale.model.totals.total_fen
    pay_cash(qtbot, sale, total)

    used = coupon_row(counter, coupon.id)
    with counter.db.reading() as session:
        order = session.scalars(select(OrderRow).order_by(OrderRow.created_at.desc())).first()
    assert used.status == "used" and used.discount_fen == 10_00
    assert order is not None and used.used_order_id == order.id
    assert order.total_fen == total and order.member_id == coupon.member_id
    assert order.receipt_no in child(sale, QLabel, "changeDisplay").text()
    assert not child(sale, QLabel, "couponDiscount").isVisibleTo(sale)


def test_a_coupon_below_its_threshold_is_refused_and_writes_nothing(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    coupon = issue(counter, sale, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    scan(qtbot, sale, products[0].barcodes[0])
    assert sale.model.totals.total_fen < 100_00
    before = writes(counter)

    click(qtbot, child(sale, QPushButton, "useCouponButton"))

    assert sale.cart.coupon is None
    assert "未满使用门槛" in banner(sale).text() and format_yuan(100_00) in banner(sale).text()
    assert not child(sale, QLabel, "couponDiscount").isVisibleTo(sale)
    assert coupon_row(counter, coupon.id).status == "issued"
    assert writes(counter) == before


def test_a_removed_line_below_the_threshold_shows_the_refusal_and_the_sale_waits(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    coupon = issue(counter, sale, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    scan(qtbot, sale, products[1].barcodes[0])
    fill_to(qtbot, sale, products[0], 100_00)
    click(qtbot, child(sale, QPushButton, "useCouponButton"))
    assert sale.cart.coupon is not None, banner(sale).text()
    before = writes(counter)

    press(qtbot, sale, Qt.Key.Key_Delete)  # the last (filling) line goes

    totals = sale.model.totals
    assert totals.coupon_fen == 0 and totals.coupon_refusal
    coupon_text = child(sale, QLabel, "couponDiscount").text()
    assert "不可用" in coupon_text and "未满使用门槛" in coupon_text
    press(qtbot, sale, Qt.Key.Key_F12)
    assert sale.dialog is None and "优惠券不可用" in banner(sale).text()
    assert writes(counter) == before and coupon_row(counter, coupon.id).status == "issued"

    click(qtbot, child(sale, QPushButton, "removeCouponButton"))
    assert sale.cart.coupon is None and not child(sale, QLabel, "couponDiscount").isVisibleTo(sale)
    press(qtbot, sale, Qt.Key.Key_F12)
    assert sale.dialog is not None and sale.dialog.objectName() == "paymentDialog"


def test_a_scanned_coupon_code_applies_and_another_members_coupon_is_refused(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    theirs = issue(counter, sale, GOLD_CARD)
    mine = issue(counter, sale, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    fill_to(qtbot, sale, products[0], 100_00)
    before = writes(counter)

    scan(qtbot, sale, theirs.code)

    assert sale.cart.coupon is None
    assert "该优惠券不属于当前会员" in banner(sale).text()
    assert writes(counter) == before and coupon_row(counter, theirs.id).status == "issued"

    scan(qtbot, sale, mine.code)
    assert sale.cart.coupon is not None and sale.cart.coupon.coupon.id == mine.id
    assert sale.model.totals.coupon_fen == 10_00 and scan_field(sale).text() == ""


# -- issuing coupons from the members screen ------------------------------------------------------


def test_a_manager_approves_coupons_issued_to_the_members_chosen_in_the_list(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_members_screen(sale)
    before = count_rows(counter, CouponRow)
    click(qtbot, child(screen, QPushButton, "issueCouponsButton"))  # nobody chosen yet
    assert "请先在列表中选择会员" in error_text(screen)
    assert screen.findChild(QDialog, "issueCouponsDialog") is None

    members_table = child(screen, QTableWidget, "membersTable")
    selection = members_table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        selection.select(members_table.model().index(row, 0), flags)
    chosen = [screen.rows[0], screen.rows[2]]
    click(qtbot, child(screen, QPushButton, "issueCouponsButton"))
    dialog = screen.findChild(QDialog, "issueCouponsDialog")
    assert dialog is not None and dialog.isVisible()
    child(dialog, QComboBox, "couponTemplate").setCurrentIndex(
        child(dialog, QComboBox, "couponTemplate").findText(TEMPLATE, Qt.MatchFlag.MatchStartsWith)
    )
    assert child(dialog, QLabel, "couponValidity").text() == "自发券日起 30 天"
    click(qtbot, child(dialog, QPushButton, "issueCouponsConfirm"))
    approve(qtbot, approval_in(screen))

    assert "已发放" in child(screen, QLabel, "membersStatus").text(), error_text(screen)
    today = counter.members.today()
    boss = manager(counter)
    with counter.db.reading() as session:
        issued = session.scalars(
            select(CouponRow).order_by(CouponRow.created_at.desc()).limit(2)
        ).all()
        audit = session.scalars(
            select(AuditRow)
            .where(AuditRow.action == "coupon.issued")
            .order_by(AuditRow.seq.desc())
            .limit(1)
        ).one()
    assert count_rows(counter, CouponRow) == before + 2
    assert {c.member_id for c in issued} == {m.id for m in chosen}
    assert all(
        c.valid_from == today and c.valid_to == today + dt.timedelta(days=29) for c in issued
    )
    assert audit.actor_id == sale.session.staff.id and audit.approver_id == boss.id


# -- after a member's cash sale: balances and 存零 ------------------------------------------------


def _member_cash_sale(sale: Any, qtbot: Any, products: list[Any], change_fen: int) -> int:
    swipe(scan_field(sale), SILVER_CARD)
    scan(qtbot, sale, products[0].barcodes[0])
    total = int(sale.model.totals.total_fen)
    pay_cash(qtbot, sale, total + change_fen)
    return total


def test_after_a_member_sale_the_balances_show_and_the_change_goes_on_the_card(
    sale: Any, qtbot: Any, counter: Any, products: list[Any], printer_file: Any
) -> None:
    before = member_row(counter, SILVER_CARD)
    total = _member_cash_sale(sale, qtbot, products, change_fen=7_50)
    assert child(sale, QWidget, "memberAfterSale").isVisibleTo(sale)
    text = child(sale, QLabel, "afterSaleBalances").text()
    after_sale = member_row(counter, SILVER_CARD)
    assert f"积分 {after_sale.points}" in text
    assert format_yuan(after_sale.principal_fen + after_sale.bonus_fen) in text
    assert child(sale, QPushButton, "storeChangeButton").isVisibleTo(sale)
    assert expected_cash(counter, sale) == OPENING_FLOAT_FEN + total

    click(qtbot, child(sale, QPushButton, "storeChangeButton"))
    prompt = sale.dialog
    assert isinstance(prompt, PromptDialog)
    amount = child(prompt, QLineEdit, "storeChangeAmount")
    assert amount.text() == "7.50"
    untouched = writes(counter)
    amount.setText("8")  # more than the change
    click(qtbot, child(prompt, QPushButton, "promptOk"))
    assert sale.dialog is prompt and "不能超过本单找零" in error_text(prompt)
    assert writes(counter) == untouched

    printer_file.write_bytes(b"")
    amount.setText("5")
    click(qtbot, child(prompt, QPushButton, "promptOk"))
    assert sale.dialog is None, error_text(prompt)

    after = member_row(counter, SILVER_CARD)
    assert after.principal_fen == after_sale.principal_fen + 5_00
    assert after.bonus_fen == after_sale.bonus_fen == before.bonus_fen
    stored_text = f"已存零 {format_yuan(5_00)}，实找 {format_yuan(2_50)}"
    assert stored_text in child(sale, QLabel, "afterSaleBalances").text()
    assert not child(sale, QPushButton, "storeChangeButton").isVisibleTo(sale)
    # The ¥5 stayed in the drawer: the shift expects it once, as a cash top-up.
    assert expected_cash(counter, sale) == OPENING_FLOAT_FEN + total + 5_00
    report = counter.service.shift_report(sale.session.shift_id)
    assert report.member_income_fen == 5_00
    with counter.db.reading() as session:
        stored = session.scalars(
            select(StoredValueEntryRow)
            .where(StoredValueEntryRow.member_id == before.id)
            .order_by(StoredValueEntryRow.created_at.desc())
            .limit(1)
        ).one()
        top_up = session.scalars(
            select(OrderRow).order_by(OrderRow.created_at.desc()).limit(1)
        ).one()
        methods = [p.method for p in top_up.payments]
    assert (stored.kind, stored.principal_delta, stored.bonus_delta) == ("change", 5_00, 0)
    assert top_up.kind is OrderKind.TOP_UP and top_up.total_fen == 5_00
    assert methods == [TenderMethod.CASH.value]
    slip = printed_text(printer_file)
    assert "存零" in slip and "****0005" in slip and SILVER_CARD not in slip
    assert format_yuan(after.principal_fen + after.bonus_fen) in slip

    # Twice for the same sale is refused by the service, and nothing is written.
    untouched = writes(counter)
    result = None
    try:
        counter.members.stored_value.store_change(
            before.id,
            top_up_sale_id(counter, before.id),
            1_00,
            cashier=sale.session.staff,
            shift_id=sale.session.shift_id,
        )
    except TenderError as exc:
        result = str(exc)
    assert result == "本单找零已存入会员卡"
    assert writes(counter) == untouched

    scan(qtbot, sale, products[1].barcodes[0])  # the next customer: the box goes
    assert not child(sale, QWidget, "memberAfterSale").isVisibleTo(sale)


def top_up_sale_id(counter: Any, member_id: str) -> str:
    with counter.db.reading() as session:
        order_id = session.scalar(
            select(OrderRow.id)
            .where(OrderRow.member_id == member_id, OrderRow.kind == OrderKind.SALE)
            .order_by(OrderRow.created_at.desc())
            .limit(1)
        )
    assert order_id is not None
    return str(order_id)


def test_no_change_means_no_store_change_offer(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    _member_cash_sale(sale, qtbot, products, change_fen=0)
    assert child(sale, QWidget, "memberAfterSale").isVisibleTo(sale)
    assert not child(sale, QPushButton, "storeChangeButton").isVisibleTo(sale)


# -- a count card sold at the counter -------------------------------------------------------------


def test_a_count_card_is_sold_with_change_and_a_short_payment_is_refused(
    sale: Any, qtbot: Any, counter: Any, printer_file: Any
) -> None:
    member = member_row(counter, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    panel = child(sale, QWidget, "memberPanel")
    cards_before = count_rows(counter, MemberCountCardRow)
    click(qtbot, child(panel, QPushButton, "sellCountCardButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "countCardSaleDialog"
    package = dialog.packages[child(dialog, QComboBox, "countCardPackage").currentIndex()]
    tendered = child(dialog, QLineEdit, "countCardTendered")
    method = child(dialog, QComboBox, "countCardMethod")
    change = child(dialog, QLabel, "countCardChange")
    confirm = child(dialog, QPushButton, "confirmCountCard")
    assert package.name == "洗车10次卡" and tendered.text() == "300.00"

    before = writes(counter)
    tendered.setText("200")
    assert "还差" in change.text()
    click(qtbot, confirm)
    assert sale.dialog is dialog and "实收金额不足" in error_text(dialog)
    choose_data(method, TenderMethod.WECHAT.value)
    tendered.setText("350")
    click(qtbot, confirm)
    assert sale.dialog is dialog and "超过应收" in error_text(dialog)
    assert writes(counter) == before and count_rows(counter, MemberCountCardRow) == cards_before

    choose_data(method, TenderMethod.CASH.value)
    tendered.setText("350")
    assert change.text() == f"找零 {format_yuan(50_00)}"
    printer_file.write_bytes(b"")
    click(qtbot, confirm)
    assert sale.dialog is None, error_text(dialog)

    assert count_rows(counter, MemberCountCardRow) == cards_before + 1
    cards = counter.members.queries.detail(member.id).count_cards
    assert any(c.name == "洗车10次卡" and c.uses_left == 10 for c in cards)
    uses = sum(c.uses_left for c in cards)
    assert child(panel, QLabel, "memberCountCards").text() == f"{len(cards)} 张（剩 {uses} 次）"
    assert f"找零 {format_yuan(50_00)}" in banner(sale).text()
    slip = printed_text(printer_file)
    assert "次卡购买凭条" in slip and "洗车" in slip and format_yuan(300_00) in slip
    assert "****0005" in slip and SILVER_CARD not in slip
    report = counter.service.shift_report(sale.session.shift_id)
    assert report.expected_cash_fen == OPENING_FLOAT_FEN + 300_00
    assert report.member_income_fen == 300_00 and report.gross_sales_fen == 0


# -- the demo -------------------------------------------------------------------------------------


def test_the_demo_gold_and_silver_members_keep_their_level_after_the_daily_upkeep(
    sale: Any, counter: Any
) -> None:
    """Login ran the daily upkeep: the demo levels are backed by a year's spend."""
    gold = next(
        v.card_type
        for v in counter.members.coupons_and_rules.card_types()
        if v.card_type.name == "金卡"
    )
    assert member_row(counter, GOLD_CARD).card_type_id == gold.id
    assert count_rows(counter, LevelChangeRow) == 0
    with counter.db.reading() as session:
        levels = session.scalars(select(MemberRow.card_type_id)).all()
    assert levels.count(gold.id) == 5
