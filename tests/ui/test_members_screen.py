"""The members screen and the reminders panel on the real window: masked phones for a cashier, the
full number only after a manager's approval (audited), card operations with approval, a lunar
birthday today in the reminders and their CSV export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.members.calendar import MemberDate, to_lunar
from app.storage.models import AuditRow
from app.ui.approval import ApprovalDialog
from app.ui.dialogs import PromptDialog
from app.ui.member_panel import ROOMY_SCREEN_HEIGHT
from tests.devices.escpos_decoder import decode
from tests.ui.test_members_counter import SILVER_CARD, member_row, swipe


def open_screen(sale: Any) -> Any:
    sale.actions_by_name["membersScreenAction"].trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "membersScreen"
    return screen


def choose(screen: Any, qtbot: Any, card_no: str) -> None:
    screen.search_input.setText(card_no)
    qtbot.keyClick(screen.search_input, Qt.Key.Key_Return)
    assert screen.current is not None and screen.current.card_no == card_no


def approve(screen: Any, qtbot: Any, name: str = "李店长", pin: str = "2468") -> None:
    dialog = screen.findChild(ApprovalDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.name_box.setCurrentText(name)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)


def test_a_cashier_sees_masked_phones_and_the_full_one_only_after_a_manager_approves(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    row = member_row(counter, SILVER_CARD)
    masked = f"{row.phone[:3]}****{row.phone[-4:]}"
    screen = open_screen(sale)
    listed = {screen.list.item(r, 2).text() for r in range(screen.list.rowCount())}
    assert masked in listed and row.phone not in listed
    assert all("****" in phone for phone in listed if phone)
    choose(screen, qtbot, SILVER_CARD)
    assert screen.phone_label.text() == masked
    assert screen.stored_value_table.rowCount() >= 1  # the demo top-up

    qtbot.mouseClick(screen.full_phone_button, Qt.MouseButton.LeftButton)
    approve(screen, qtbot, pin="0000")  # a wrong PIN shows nothing
    assert screen.phone_label.text() == masked
    dialog = screen.findChild(ApprovalDialog)
    dialog.pin.setText("2468")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert screen.phone_label.text() == row.phone

    boss = counter.service.login("李店长", "2468")
    with counter.db.reading() as session:
        viewed = session.scalars(
            select(AuditRow).where(AuditRow.action == "member.phone_viewed")
        ).all()
    assert [(a.subject_id, a.actor_id, a.approver_id) for a in viewed] == [
        (row.id, sale.session.staff.id, boss.id)
    ]


def test_freezing_a_card_needs_a_manager_and_the_counter_then_refuses_it(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    screen = open_screen(sale)
    choose(screen, qtbot, SILVER_CARD)
    qtbot.mouseClick(screen.operation_buttons["freezeButton"], Qt.MouseButton.LeftButton)
    prompt = screen.findChild(PromptDialog, "promptDialog")
    assert prompt is not None
    prompt.input.setText("顾客要求")
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    approve(screen, qtbot)
    assert screen.current.status == "frozen", screen.error_label.text()
    assert screen.history_table.item(0, 1).text() == "member.frozen"
    qtbot.mouseClick(screen.findChild(QPushButton, "membersClose"), Qt.MouseButton.LeftButton)
    swipe(sale.scan_input, SILVER_CARD)
    assert sale.cart.member is None and "该卡已冻结" in sale.banner.text()


def test_a_manager_exports_the_members_with_full_phones_and_it_is_audited(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    screen = open_screen(sale)
    target = tmp_path / "members.csv"
    screen.export(target)
    approve(screen, qtbot)
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    row = member_row(counter, SILVER_CARD)
    assert any(r[0] == SILVER_CARD and r[2] == row.phone for r in rows[1:])
    with counter.db.reading() as session:
        exported = session.scalars(
            select(AuditRow).where(AuditRow.action == "member.exported")
        ).all()
    assert len(exported) == 1 and exported[0].approver_id is not None


def test_the_reminders_panel_after_login_lists_a_lunar_birthday_today_and_exports_it(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    members = counter.members
    today = members.today()
    lunar = to_lunar(today)
    members.cards.enrol(
        card_no="77000001",
        phone="13700000001",
        name="农历寿星",
        cashier=sale.session.staff,
        birthday=MemberDate(
            "lunar", 1970, lunar.month, lunar.day, leap_month=lunar.leap, prefer_leap=lunar.leap
        ),
    )
    dock = sale.members.reminders_dock
    roomy = sale.screen().availableGeometry().height() >= ROOMY_SCREEN_HEIGHT
    assert dock.isVisibleTo(sale) == roomy  # folded away on a small screen
    if not roomy:
        qtbot.mouseClick(sale.members.reminders_button, Qt.MouseButton.LeftButton)
    assert dock.isVisibleTo(sale)
    panel = sale.members.reminders
    panel.load()
    found = [
        tuple(panel.table.item(r, column).text() for column in (3, 1, 0))
        for r in range(panel.table.rowCount())
    ]
    assert ("农历寿星", "生日", today.isoformat()) in found
    target = tmp_path / "reminders.csv"
    assert panel.export(target) == panel.table.rowCount()
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["card_no", "name", "kind", "date", "detail"]
    assert ["77000001", "农历寿星", "birthday", today.isoformat()] in [r[:4] for r in rows]


def test_a_gift_is_redeemed_for_points_at_the_counter_and_the_slip_prints(
    sale: Any, qtbot: Any, counter: Any, printer_file: Path
) -> None:
    before = member_row(counter, SILVER_CARD)
    boss = counter.service.login("李店长", "2468")
    counter.members.cards.adjust_points(
        before.id, 1000, reason="测试", cashier=sale.session.staff, approver=boss
    )
    swipe(sale.scan_input, SILVER_CARD)
    qtbot.mouseClick(sale.members.panel.buttons["redeemButton"], Qt.MouseButton.LeftButton)
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "redeemDialog"
    gift = dialog.gifts[0]
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert sale.dialog is None, dialog.error_label.text()
    after = member_row(counter, SILVER_CARD)
    assert after.points == before.points + 1000 - gift.points_cost
    assert sale.members.panel.points_label.text() == str(after.points)
    slip = decode(printer_file.read_bytes()).text
    assert gift.name in slip and str(after.points) in slip
