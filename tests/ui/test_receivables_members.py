"""挂账 to a member at the real sale window: the payment dialog defaults to the attached member
(asking the card's password), a cashier may switch to a named customer, and 挂账还款 lists who owes
what since when, settled in part and then in full; every refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTreeWidget, QWidget

from app.money import format_yuan
from app.storage.approvals import Sensitive
from app.storage.models import AuditRow, OrderRow, ReceivableRow, ReceivableSettlementRow
from tests.ui.driving import (
    GOLD_CARD,
    SILVER_CARD,
    action,
    approval_for,
    approval_in,
    approve,
    child,
    choose_member,
    click,
    count_rows,
    error_text,
    field_error,
    fill_form,
    member_row,
    open_dialog,
    open_members_screen,
    press,
    printed_text,
    save_form,
    scan,
    scan_field,
    swipe,
    writes,
)

PASSWORD = "2580"


def _owed(counter: Any) -> list[tuple[str | None, str, int]]:
    """Every receivable as (member, name, still open)."""
    with counter.db.reading() as session:
        return [
            (r.member_id, r.customer_name, r.amount_fen - r.settled_fen)
            for r in session.scalars(select(ReceivableRow).order_by(ReceivableRow.created_at))
        ]


def _state(counter: Any) -> tuple[Any, ...]:
    return (
        *writes(counter),
        count_rows(counter, ReceivableRow),
        count_rows(counter, ReceivableSettlementRow),
        tuple(_owed(counter)),
    )


def _open_payment(qtbot: Any, sale: Any, barcode: str) -> Any:
    swipe(scan_field(sale), GOLD_CARD)
    scan(qtbot, sale, barcode)
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    assert pay is not None and pay.objectName() == "paymentDialog"
    return pay


def test_a_member_buys_on_account_and_pays_it_back_in_two_goes(
    sale: Any, qtbot: Any, counter: Any, products: list[Any], printer_file: Any
) -> None:
    member = member_row(counter, GOLD_CARD)
    counter.members.cards.set_password(
        member.id,
        PASSWORD,
        cashier=sale.session.staff,
        approval=approval_for(counter, sale.session.staff, Sensitive.MEMBER_CARD),
    )
    printer_file.write_bytes(b"")

    # 挂账 defaults to the attached member: name and masked card shown, no name to type.
    pay = _open_payment(qtbot, sale, products[0].barcodes[0])
    shown = child(pay, QLabel, "tenderAccountMember")
    assert shown.isVisibleTo(pay) and member.name in shown.text()
    assert GOLD_CARD[-4:] in shown.text() and GOLD_CARD not in shown.text()
    assert not child(pay, QLineEdit, "tenderCustomer").isVisibleTo(pay)
    total = pay.total_fen
    click(qtbot, child(pay, QPushButton, "tenderOnAccount"))
    assert [t.account_member_id for t in pay.tenders] == [member.id], error_text(pay)

    # The card needs its password: a wrong one is refused and nothing is written.
    password = child(pay, QLineEdit, "memberPassword")
    before = _state(counter)
    password.setText("0000")
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is pay and "密码" in error_text(pay)
    assert _state(counter) == before
    password.setText(PASSWORD)
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is None, error_text(pay)
    assert _owed(counter) == [(member.id, member.name, total)]
    paper = printed_text(printer_file)
    assert "挂账会员" in paper and member.name in paper and GOLD_CARD not in paper

    # The member panel at the counter shows 欠款 once the member owes something.
    swipe(scan_field(sale), GOLD_CARD)
    panel_owed = child(sale, QLabel, "memberPanelOwed")
    assert panel_owed.isVisibleTo(sale) and format_yuan(total) in panel_owed.text()

    # The cashier may put a sale on a named customer's account instead; a blank name is refused.
    pay = _open_payment(qtbot, sale, products[1].barcodes[0])
    shown = child(pay, QLabel, "tenderAccountMember")
    assert ("已欠 " + format_yuan(total)) in shown.text()
    child(pay, QCheckBox, "tenderAccountToCustomer").setChecked(True)
    customer = child(pay, QLineEdit, "tenderCustomer")
    assert customer.isVisibleTo(pay) and not shown.isVisibleTo(pay)
    click(qtbot, child(pay, QPushButton, "tenderOnAccount"))
    assert pay.tenders == [] and "挂账须填写客户姓名" in error_text(pay)
    customer.setText("陈阿姨")
    click(qtbot, child(pay, QPushButton, "tenderOnAccount"))
    other = pay.total_fen
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is None, error_text(pay)
    assert _owed(counter)[1] == (None, "陈阿姨", other)

    # The member's first sale was four days ago: the list says since when.
    four_days_ago = counter.service.today() - dt.timedelta(days=4)
    with counter.db.transaction() as session:
        order = session.scalar(
            select(OrderRow)
            .join(ReceivableRow, ReceivableRow.order_id == OrderRow.id)
            .where(ReceivableRow.member_id == member.id)
        )
        assert order is not None
        order.business_day = four_days_ago

    # The members screen's profile shows what the member owes.
    screen = open_members_screen(sale)
    choose_member(screen, qtbot, GOLD_CARD)
    owed_label = child(screen, QLabel, "memberOwed")
    assert (
        format_yuan(total) in owed_label.text() and four_days_ago.isoformat() in owed_label.text()
    )
    screen.accept()

    action(sale, "receivablesAction").trigger()
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "receivablesDialog"
    tree = child(dialog, QTreeWidget, "receivableList")
    assert tree.topLevelItemCount() == 2
    first = tree.topLevelItem(0)
    assert first is not None
    assert first.text(0) == member.name  # the longest owing first
    assert GOLD_CARD[-4:] in first.text(1) and GOLD_CARD not in first.text(1)
    assert first.text(2) == format_yuan(total)
    assert four_days_ago.isoformat() in first.text(4) and first.text(5) == "4 天"
    assert first.childCount() == 1 and first.child(0).text(2) == format_yuan(total)
    assert format_yuan(total + other) in child(dialog, QLabel, "receivableTotal").text()

    # Found by phone, or by the card a reader hands the open list; settling more than owed is
    # refused and changes nothing.
    search = child(dialog, QLineEdit, "receivableCustomer")
    search.setText(member.phone[-4:])
    click(qtbot, child(dialog, QPushButton, "receivableSearch"))
    assert [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())] == [member.name]
    search.setText("陈阿")
    click(qtbot, child(dialog, QPushButton, "receivableSearch"))
    assert tree.topLevelItemCount() == 1 and tree.topLevelItem(0).text(0) == "陈阿姨"
    dialog.take_card(GOLD_CARD)
    assert tree.topLevelItemCount() == 1 and tree.topLevelItem(0).text(0) == member.name
    amount = child(dialog, QLineEdit, "receivableAmount")
    assert amount.text() == f"{total / 100:.2f}"  # the debtor chosen: all they owe
    before = _state(counter)
    amount.setText(f"{(total + 1) / 100:.2f}")
    click(qtbot, child(dialog, QPushButton, "receivableSettle"))
    assert "超过未还余额" in error_text(dialog)
    assert _state(counter) == before

    # Part, then all.
    amount.setText("1.00")
    click(qtbot, child(dialog, QPushButton, "receivableSettle"))
    done = child(dialog, QLabel, "receivableDone").text()
    assert member.name in done and format_yuan(total - 100) in done, error_text(dialog)
    assert _owed(counter)[0] == (member.id, member.name, total - 100)
    assert tree.topLevelItemCount() == 1 and amount.text() == f"{(total - 100) / 100:.2f}"
    click(qtbot, child(dialog, QPushButton, "receivableSettle"))
    assert tree.topLevelItemCount() == 0, error_text(dialog)
    assert _owed(counter)[0] == (member.id, member.name, 0)
    assert counter.service.member_owed(member.id).owed_fen == 0
    dialog.accept()

    # Paid back: the member panel no longer shows 欠款.
    swipe(scan_field(sale), GOLD_CARD)
    assert not child(sale, QWidget, "memberPanelOwed").isVisibleTo(sale)


def test_a_manager_sets_the_stores_credit_limit_and_a_sale_over_it_is_refused(
    sale: Any, qtbot: Any, counter: Any, products: list[Any]
) -> None:
    silver = member_row(counter, SILVER_CARD)  # no password on this card
    action(sale, "receivablesAction").trigger()
    dialog = sale.dialog
    assert child(dialog, QLabel, "receivableLimitShown").text() == "不限额"
    click(qtbot, child(dialog, QPushButton, "receivableLimitButton"))
    approve(qtbot, approval_in(dialog))
    form = open_dialog(dialog, "receivableLimitForm")

    # Bad input: said under the field, nothing saved or audited.
    audits = count_rows(counter, AuditRow)
    for typed, words in (("abc", "金额"), ("-5", "金额"), ("99999999999", "金额过大")):
        fill_form(qtbot, form, {"receivableLimit": typed})
        save_form(qtbot, form)
        assert form.isVisible() and words in field_error(form, "receivableLimit"), typed
    assert counter.config.on_account_limit_fen == 0
    assert count_rows(counter, AuditRow) == audits
    settings = counter.config.data_dir / "config.toml"
    assert not settings.exists() or "on_account" not in settings.read_text(encoding="utf-8")

    fill_form(qtbot, form, {"receivableLimit": "5"})
    save_form(qtbot, form)
    assert not form.isVisible(), field_error(form, "receivableLimit")
    assert counter.service.config.on_account_limit_fen == 500
    assert child(dialog, QLabel, "receivableLimitShown").text() == "每人上限 " + format_yuan(500)
    assert count_rows(counter, AuditRow) == audits + 1
    dialog.accept()

    # A member sale over ¥5.00 on account is refused in plain words and writes nothing.
    swipe(scan_field(sale), SILVER_CARD)
    expensive = next(p for p in products if p.price_fen > 600)
    scan(qtbot, sale, expensive.barcodes[0])
    press(qtbot, sale, Qt.Key.Key_F12)
    pay = sale.dialog
    click(qtbot, child(pay, QPushButton, "tenderOnAccount"))
    before = _state(counter)
    click(qtbot, child(pay, QPushButton, "confirmPayment"))
    assert sale.dialog is pay and "超出挂账额度" in error_text(pay)
    assert silver.name in error_text(pay) and format_yuan(500) in error_text(pay)
    assert _state(counter) == before
