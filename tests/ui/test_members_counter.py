"""Members at the real sale window: a swipe attaches the member, member prices apply, stored value
(with the password) and points pay, top-ups show their bonus; every bad input is said plainly and
writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from app.members.ledger import EntryKind
from app.members.points import PointsKind
from app.money import format_fen, format_yuan
from app.storage.approvals import Sensitive
from app.storage.member_models import MemberRow, PointsEntryRow, StoredValueEntryRow
from app.storage.models import AuditRow, OrderRow
from tests.ui.driving import (
    GOLD_CARD,
    SILVER_CARD,
    approval_for,
    banner,
    child,
    click,
    count_rows,
    error_text,
    member_row,
    press,
    printed_text,
    scan,
    scan_field,
    swipe,
    writes,
)

PASSWORD = "2580"


def prepare_gold(counter: Any, sale: Any) -> MemberRow:
    """The gold member with a password, ¥500 + ¥100 bonus topped up and 1,000 more points."""
    members = counter.members
    row = member_row(counter, GOLD_CARD)
    cashier = sale.session.staff

    def boss() -> Any:
        return approval_for(counter, cashier, Sensitive.MEMBER_CARD)

    members.cards.set_password(row.id, PASSWORD, cashier=cashier, approval=boss())
    from app.pos.tenders import Tender, TenderMethod

    members.stored_value.top_up(
        row.id,
        500_00,
        [Tender(TenderMethod.WECHAT, 500_00)],
        cashier=cashier,
        shift_id=sale.session.shift_id,
    )
    members.cards.adjust_points(row.id, 1000, reason="测试", cashier=cashier, approval=boss())
    gold = next(
        v.card_type for v in members.coupons_and_rules.card_types() if v.card_type.name == "金卡"
    )
    if row.card_type_id != gold.id:  # in case a test changed the level first
        members.cards.change_level(row.id, gold.id, reason="测试", cashier=cashier, approval=boss())
    return member_row(counter, GOLD_CARD)


def test_a_swiped_member_pays_with_stored_value_and_points_and_the_ledgers_receipt_agree(
    sale: Any, qtbot: Any, counter: Any, products: list[Any], printer_file: Any
) -> None:
    before = prepare_gold(counter, sale)
    printer_file.write_bytes(b"")

    swipe(scan_field(sale), GOLD_CARD)

    panel = child(sale, QWidget, "memberPanel")
    assert panel.isVisibleTo(sale) and child(panel, QWidget, "memberDetails").isVisibleTo(sale)
    assert child(panel, QLabel, "memberName").text().startswith(before.name)
    assert child(panel, QLabel, "memberLevel").text() == "金卡"
    phone = child(panel, QLabel, "memberPhone").text()
    assert phone == before.phone[:3] + "****" + before.phone[-4:]
    balance = child(panel, QLabel, "memberBalance").text()
    assert balance.startswith(format_yuan(before.principal_fen + before.bonus_fen))
    assert child(panel, QLabel, "memberPoints").text() == str(before.points)
    assert sale.cart.member is not None and sale.cart.member.discount_bp == 8800

    first, second = products[0], products[1]
    scan(qtbot, sale, first.barcodes[0])
    scan(qtbot, sale, second.barcodes[0])
    lines = sale.cart.lines
    assert len(lines) == 2
    for line, product in zip(lines, (first, second), strict=True):
        expected = product.member_price_fen or (product.price_fen * 8800 + 5000) // 10000
        assert line.unit_price_fen == expected
    total = sale.model.totals.total_fen
    assert total >= 300  # enough to split three ways

    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None and pay.objectName() == "paymentDialog"
    tenders = child(pay, QWidget, "memberTenders")
    password = child(tenders, QLineEdit, "memberPassword")
    assert password.isVisibleTo(pay)
    amount = child(pay, QLineEdit, "tenderAmount")
    card_part, points_part = total // 2, 100
    amount.setText(f"{card_part / 100:.2f}")
    click(qtbot, child(tenders, QPushButton, "tenderStoredValue"))
    amount.setText(f"{points_part / 100:.2f}")
    assert "需 100 积分" in child(tenders, QLabel, "memberTenderInfo").text()
    click(qtbot, child(tenders, QPushButton, "tenderPoints"))
    assert len(pay.tenders) == 2, error_text(pay)
    cash_part = total - card_part - points_part
    amount.setText(f"{cash_part / 100:.2f}")
    qtbot.keyClicks(password, PASSWORD)
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is None, error_text(pay)

    after = member_row(counter, GOLD_CARD)
    with counter.db.reading() as session:
        order = session.scalar(select(OrderRow).order_by(OrderRow.created_at.desc()).limit(1))
        assert order is not None and order.member_id == before.id
        spend = session.scalars(
            select(StoredValueEntryRow).where(StoredValueEntryRow.order_id == order.id)
        ).all()
        points_rows = session.scalars(
            select(PointsEntryRow).where(PointsEntryRow.order_id == order.id)
        ).all()
    assert [(e.kind, e.principal_delta, e.bonus_delta) for e in spend] == [
        (EntryKind.SPEND.value, -card_part, 0)  # principal first, by default
    ]
    kinds = {e.kind: e.delta for e in points_rows}
    assert kinds[PointsKind.SPEND.value] == -points_part
    earned = kinds[PointsKind.EARN.value]
    assert earned == (total - points_part) * 2 // 100  # 2 points a yuan, not on points paid
    assert after.principal_fen == before.principal_fen - card_part
    assert after.bonus_fen == before.bonus_fen
    assert after.points == before.points - points_part + earned
    assert after.visit_count == before.visit_count + 1
    # The panel shows the balances after the sale once the member is swiped again.
    assert sale.cart.member is None and not child(sale, QWidget, "memberDetails").isVisibleTo(sale)

    receipt = printed_text(printer_file)
    assert order.receipt_no in receipt
    assert "储值" in receipt and "积分抵现" in receipt
    assert f"{card_part / 100:.2f}" in receipt and f"{points_part / 100:.2f}" in receipt
    # The member section of the receipt, then the stored-value slip (储值凭条) of the payment.
    assert f"+{earned}" in receipt
    assert "储值凭条" in receipt
    assert GOLD_CARD not in receipt
    assert format_fen(before.principal_fen + before.bonus_fen) in receipt  # balance before
    assert format_fen(after.principal_fen + after.bonus_fen) in receipt  # and after


def test_f2_search_takes_a_swipe_and_a_phone(sale: Any, qtbot: Any, counter: Any) -> None:
    silver = member_row(counter, SILVER_CARD)
    press(qtbot, sale, Qt.Key.Key_F2)
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "memberSearchDialog"
    swipe(child(dialog, QLineEdit, "memberSearch"), SILVER_CARD)
    assert sale.dialog is None
    assert sale.cart.member.member_id == silver.id
    click(qtbot, child(sale, QPushButton, "detachMemberButton"))
    assert sale.cart.member is None
    press(qtbot, sale, Qt.Key.Key_F2)
    dialog = sale.dialog
    qtbot.keyClicks(child(dialog, QLineEdit, "memberSearch"), silver.phone)
    qtbot.keyClick(child(dialog, QLineEdit, "memberSearch"), Qt.Key.Key_Return)
    assert sale.cart.member.member_id == silver.id


def test_a_cashier_sees_the_phone_masked(sale: Any, qtbot: Any, counter: Any) -> None:
    silver = member_row(counter, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    shown = child(sale, QLabel, "memberPhone").text()
    assert shown == f"{silver.phone[:3]}****{silver.phone[-4:]}"
    assert silver.phone not in child(sale, QLabel, "memberName").text()


def test_a_cashier_sees_the_card_masked(sale: Any, counter: Any) -> None:
    swipe(scan_field(sale), SILVER_CARD)
    shown = child(sale, QLabel, "memberName").text()
    assert f"****{SILVER_CARD[-4:]}" in shown and SILVER_CARD not in shown


# -- bad input at the counter -----------------------------------------------------------------


def _refused_swipe(sale: Any, counter: Any, card_no: str, message: str) -> None:
    before = writes(counter)
    audits = count_rows(counter, AuditRow)
    swipe(scan_field(sale), card_no)
    assert sale.cart.member is None
    assert banner(sale).isVisible() and message in banner(sale).text()
    assert writes(counter) == before
    with counter.db.reading() as session:
        last = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).one()
    if message != "未找到会员卡":
        assert count_rows(counter, AuditRow) == audits + 1
        assert last.action == "member.card_refused" and card_no not in last.detail


def test_an_unknown_card_is_refused_plainly(sale: Any, counter: Any) -> None:
    _refused_swipe(sale, counter, "99990001", "未找到会员卡")


def test_a_lost_card_is_refused_plainly_and_audited(sale: Any, counter: Any) -> None:
    row = member_row(counter, SILVER_CARD)
    counter.members.cards.report_loss(row.id, cashier=sale.session.staff)
    _refused_swipe(sale, counter, SILVER_CARD, "该卡已挂失")


def test_a_frozen_card_is_refused_plainly_and_audited(sale: Any, counter: Any) -> None:
    row = member_row(counter, SILVER_CARD)
    counter.members.cards.freeze(
        row.id,
        reason="测试",
        cashier=sale.session.staff,
        approval=approval_for(counter, sale.session.staff, Sensitive.MEMBER_CARD),
    )
    _refused_swipe(sale, counter, SILVER_CARD, "该卡已冻结")


def test_an_expired_member_is_refused_plainly(sale: Any, counter: Any) -> None:
    row = member_row(counter, SILVER_CARD)
    with counter.db.transaction() as session:
        member = session.get(MemberRow, row.id)
        member.expires_on = counter.members.today().replace(year=2020)
    _refused_swipe(sale, counter, SILVER_CARD, "已过期")


def _pay_dialog_with_member(sale: Any, qtbot: Any, card_no: str, products: list[Any]) -> Any:
    swipe(scan_field(sale), card_no)
    assert sale.cart.member is not None
    scan(qtbot, sale, products[0].barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None and pay.findChild(QWidget, "memberTenders") is not None
    return pay


def test_five_wrong_passwords_lock_the_card_and_nothing_is_paid(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    prepare_gold(counter, sale)
    pay = _pay_dialog_with_member(sale, qtbot, GOLD_CARD, products)
    tenders = child(pay, QWidget, "memberTenders")
    click(qtbot, child(tenders, QPushButton, "tenderStoredValue"))
    assert len(pay.tenders) == 1
    before = writes(counter)
    for attempt in range(1, 6):
        child(tenders, QLineEdit, "memberPassword").setText("0000")
        click(qtbot, child(pay, QPushButton, "confirmPayment"))
        assert sale.dialog is pay
        if attempt < 5:
            assert f"还可尝试 {5 - attempt} 次" in error_text(pay)
    assert "已锁定" in error_text(pay)
    child(tenders, QLineEdit, "memberPassword").setText(PASSWORD)  # even the right one now waits
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is pay and "已锁定" in error_text(pay)
    assert writes(counter) == before
    with counter.db.reading() as session:
        locked = session.scalar(
            select(func.count())
            .select_from(AuditRow)
            .where(AuditRow.action == "member.password_locked")
        )
    assert locked == 1


def test_not_enough_balance_or_points_is_said_before_paying(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    row = member_row(counter, SILVER_CARD)
    pay = _pay_dialog_with_member(sale, qtbot, SILVER_CARD, products)
    tenders = child(pay, QWidget, "memberTenders")
    before = writes(counter)
    child(pay, QLineEdit, "tenderAmount").setText(
        f"{(row.principal_fen + row.bonus_fen + 1) / 100:.2f}"
    )
    click(qtbot, child(tenders, QPushButton, "tenderStoredValue"))
    assert pay.tenders == [] and "余额不足" in error_text(pay)
    child(pay, QLineEdit, "tenderAmount").setText(f"{(row.points + 1) / 100:.2f}")
    click(qtbot, child(tenders, QPushButton, "tenderPoints"))
    assert pay.tenders == [] and "积分不足" in error_text(pay)
    assert writes(counter) == before


@pytest.mark.parametrize(
    ("typed", "message"),
    [("0", "充值金额必须大于零"), ("-5", "负"), ("50001", "充值金额超过上限")],
)
def test_a_top_up_of_zero_negative_or_over_the_cap_is_refused(
    sale: Any, qtbot: Any, counter: Any, typed: str, message: str
) -> None:
    swipe(scan_field(sale), SILVER_CARD)
    press(qtbot, sale, Qt.Key.Key_F3)
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "topUpDialog"
    before = writes(counter)
    child(dialog, QLineEdit, "topUpAmount").setText(typed)
    click(qtbot, child(dialog, QPushButton, "confirmTopUp"))
    assert sale.dialog is dialog
    assert message in error_text(dialog)
    assert writes(counter) == before


def test_a_top_up_shows_the_bonus_before_confirming_and_prints(
    sale: Any, qtbot: Any, counter: Any, printer_file: Any
) -> None:
    before = member_row(counter, SILVER_CARD)
    swipe(scan_field(sale), SILVER_CARD)
    click(qtbot, child(sale, QPushButton, "topUpButton"))
    dialog = sale.dialog
    qtbot.keyClicks(child(dialog, QLineEdit, "topUpAmount"), "500")
    balance_after = before.principal_fen + before.bonus_fen + 600_00
    assert child(dialog, QLabel, "topUpBonus").text() == (
        f"赠送 {format_yuan(100_00)}，充值后余额 {format_yuan(balance_after)}"
    )
    printer_file.write_bytes(b"")
    click(qtbot, child(dialog, QPushButton, "confirmTopUp"))
    assert sale.dialog is None, error_text(dialog)
    after = member_row(counter, SILVER_CARD)
    assert (after.principal_fen, after.bonus_fen) == (
        before.principal_fen + 500_00,
        before.bonus_fen + 100_00,
    )
    assert sale.cart.member.balance_fen == balance_after
    assert child(sale, QLabel, "memberBalance").text().startswith(format_yuan(balance_after))
    slip = printed_text(printer_file)
    assert "****0005" in slip and SILVER_CARD not in slip
    for amount in (500_00, 100_00, balance_after):
        assert format_yuan(amount) in slip
    with counter.db.reading() as session:
        receipt_no = session.scalar(
            select(OrderRow.receipt_no)
            .where(OrderRow.member_id == before.id)
            .order_by(OrderRow.created_at.desc())
            .limit(1)
        )
    assert receipt_no in slip


def test_enrolment_takes_card_phone_and_name_and_refuses_a_duplicate_phone(
    sale: Any, qtbot: Any, counter: Any, printer_file: Any
) -> None:
    taken = member_row(counter, SILVER_CARD)
    click(qtbot, child(sale, QPushButton, "enrollButton"))
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "enrolDialog"
    swipe(child(dialog, QLineEdit, "enrolCardNo"), "66001234")
    assert (
        child(dialog, QLineEdit, "enrolCardNo").text() == "66001234"
        and child(dialog, QLabel, "dialogError").isHidden()
    )
    qtbot.keyClicks(child(dialog, QLineEdit, "enrolPhone"), taken.phone)
    qtbot.keyClick(child(dialog, QLineEdit, "enrolPhone"), Qt.Key.Key_Return)
    child(dialog, QLineEdit, "enrolName").setText("陈小春")
    before = writes(counter)
    qtbot.keyClick(child(dialog, QLineEdit, "enrolName"), Qt.Key.Key_Return)
    assert sale.dialog is dialog and "手机号已被其他会员使用" in error_text(dialog)
    assert writes(counter) == before
    child(dialog, QLineEdit, "enrolPhone").setText("13912345678")
    qtbot.keyClick(child(dialog, QLineEdit, "enrolName"), Qt.Key.Key_Return)
    assert sale.dialog is None, error_text(dialog)
    assert sale.cart.member is not None and sale.cart.member.name == "陈小春"
    slip = printed_text(printer_file)
    assert "陈小春" in slip and "****1234" in slip and "66001234" not in slip
    assert counter.members.queries.find("66001234").phone_masked == "139****5678"


def test_a_plain_digit_card_typed_or_read_into_the_scan_field_attaches_the_member(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    # IC and ID card readers send only the digits: no sentinel tells them from a barcode.
    scan(qtbot, sale, "88000001")
    assert sale.cart.member is not None
    assert child(sale, QLabel, "memberName").text().startswith(sale.cart.member.name)
    assert scan_field(sale).text() == ""
    click(qtbot, child(sale, QPushButton, "detachMemberButton"))
    scan(qtbot, sale, "7777000")  # no product, no member: the scan's refusal stands
    assert sale.cart.member is None
    assert "未找到商品" in banner(sale).text()


def test_a_serial_swipe_while_f2_asks_for_a_card_attaches_the_member(
    controller: Any, sale: Any, qtbot: Any
) -> None:
    press(qtbot, sale, Qt.Key.Key_F2)
    assert sale.dialog is not None and sale.dialog.objectName() == "memberSearchDialog"
    controller.hardware._serial_card("88000001")  # what the reader thread hands the GUI thread
    assert sale.cart.member is not None
    assert sale.dialog is None


def test_a_serial_swipe_while_another_dialog_is_open_is_said_not_dropped(
    controller: Any, sale: Any, qtbot: Any
) -> None:
    press(qtbot, sale, Qt.Key.Key_F1)
    assert sale.dialog is not None
    controller.hardware._serial_card("88000001")
    assert sale.cart.member is None
    assert "请先关闭当前对话框" in banner(sale).text()
