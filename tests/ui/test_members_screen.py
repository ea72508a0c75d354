"""The members screen and the reminders panel on the real window: masked phones for a cashier, the
full number only after a manager's approval (audited), card operations with approval, a lunar
birthday today in the reminders and their CSV export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from app.members.calendar import MemberDate, to_lunar
from app.storage.approvals import Sensitive
from app.storage.models import AuditRow
from app.ui.member_panel import ROOMY_SCREEN_HEIGHT
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    SILVER_CARD,
    action,
    answer_prompt,
    approval_for,
    approval_in,
    approve,
    banner,
    child,
    choose_member,
    click,
    error_text,
    member_row,
    open_members_screen,
    printed_text,
    scan_field,
    swipe,
)


def test_a_cashier_sees_masked_phones_and_the_full_one_only_after_a_manager_approves(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    row = member_row(counter, SILVER_CARD)
    masked = f"{row.phone[:3]}****{row.phone[-4:]}"
    screen = open_members_screen(sale)
    members_table = child(screen, QTableWidget, "membersTable")
    listed = {members_table.item(r, 2).text() for r in range(members_table.rowCount())}
    assert masked in listed and row.phone not in listed
    assert all("****" in phone for phone in listed if phone)
    choose_member(screen, qtbot, SILVER_CARD)
    phone = child(screen, QLabel, "memberPhoneShown")
    assert phone.text() == masked
    assert child(screen, QTableWidget, "storedValueTable").rowCount() >= 1  # the demo top-up

    click(qtbot, child(screen, QPushButton, "showFullPhone"))
    approve(qtbot, approval_in(screen), pin="0000")  # a wrong PIN shows nothing
    assert phone.text() == masked
    dialog = approval_in(screen)
    child(dialog, QLineEdit, "approverPin").setText(MANAGER_PIN)
    click(qtbot, child(dialog, QPushButton, "approveButton"))
    assert phone.text() == row.phone

    boss = counter.service.login(MANAGER, MANAGER_PIN)
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
    screen = open_members_screen(sale)
    choose_member(screen, qtbot, SILVER_CARD)
    click(qtbot, child(screen, QPushButton, "freezeButton"))
    answer_prompt(qtbot, screen, "freezeReason", "顾客要求")
    approve(qtbot, approval_in(screen))
    assert screen.current.status == "frozen", error_text(screen)
    assert child(screen, QTableWidget, "historyTable").item(0, 1).text() == "member.frozen"
    click(qtbot, child(screen, QPushButton, "membersClose"))
    swipe(scan_field(sale), SILVER_CARD)
    assert sale.cart.member is None and "该卡已冻结" in banner(sale).text()


def test_a_manager_exports_the_members_with_full_phones_and_it_is_audited(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    screen = open_members_screen(sale)
    target = tmp_path / "members.csv"
    screen.export(target)
    approve(qtbot, approval_in(screen))
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    row = member_row(counter, SILVER_CARD)
    assert any(r[0] == SILVER_CARD and r[2] == row.phone for r in rows[1:])
    with counter.db.reading() as session:
        exported = session.scalars(
            select(AuditRow).where(AuditRow.action == "member.exported")
        ).all()
    assert len(exported) == 1 and exported[0].approver_id is not None


BIRTHDAY_NAME = '=HYPERLINK("http://x","农历寿星")'


def test_the_reminders_panel_after_login_lists_a_lunar_birthday_today_and_exports_it(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    members = counter.members
    today = members.today()
    lunar = to_lunar(today)
    members.cards.enrol(
        card_no="77000001",
        phone="13700000001",
        name=BIRTHDAY_NAME,
        cashier=sale.session.staff,
        birthday=MemberDate(
            "lunar", 1970, lunar.month, lunar.day, leap_month=lunar.leap, prefer_leap=lunar.leap
        ),
    )
    dock = child(sale, QDockWidget, "remindersDock")
    roomy = sale.screen().availableGeometry().height() >= ROOMY_SCREEN_HEIGHT
    assert dock.isVisibleTo(sale) == roomy  # folded away on a small screen
    if not roomy:
        click(qtbot, child(sale, QPushButton, "remindersButton"))
    assert dock.isVisibleTo(sale)
    panel: Any = child(sale, QWidget, "remindersPanel")
    panel.load()
    model = child(panel, QTableView, "remindersTable").model()
    found = [
        tuple(model.index(r, column).data() for column in (3, 1, 0))
        for r in range(model.rowCount())
    ]
    assert (BIRTHDAY_NAME, "生日", today.isoformat()) in found
    target = tmp_path / "reminders.csv"
    assert panel.export(target) == model.rowCount()
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["card_no", "name", "kind", "date", "detail"]
    # A name a spreadsheet would run is written quoted (CSV injection), as every export does.
    quoted = "'" + BIRTHDAY_NAME
    assert ["77000001", quoted, "birthday", today.isoformat()] in [r[:4] for r in rows]


def test_a_gift_is_redeemed_for_points_at_the_counter_and_the_slip_prints(
    sale: Any, qtbot: Any, counter: Any, printer_file: Path
) -> None:
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
    gift = dialog.gifts[0]
    click(qtbot, child(dialog, QPushButton, "redeemConfirm"))
    assert sale.dialog is None, error_text(dialog)
    after = member_row(counter, SILVER_CARD)
    assert after.points == before.points + 1000 - gift.points_cost
    assert child(sale, QLabel, "memberPoints").text() == str(after.points)
    slip = printed_text(printer_file)
    assert gift.name in slip and str(after.points) in slip


def test_every_part_of_the_members_screen_speaks_english_after_the_switch(
    controller: Any, sale: Any
) -> None:
    """The screen is built from several classes (list, profile, ledgers, card operations, rules):
    each finds its translations."""
    action(sale, "languageEnglish").trigger()
    screen = open_members_screen(controller.sale_window)
    tabs = child(screen, QTabWidget, "memberTabs")
    assert screen.windowTitle() == "Members"
    assert child(screen, QPushButton, "membersSearchButton").text() == "Find"
    assert child(screen, QPushButton, "memberProfileSave").text() == "Save details"
    assert [tabs.tabText(0), tabs.tabText(1)] == ["Details", "Stored value"]
    assert child(screen, QPushButton, "countCardUse").text() == "Use once"
    assert child(screen, QPushButton, "freezeButton").text() == "Freeze"
    assert child(screen, QPushButton, "addGift").text() == "Add"


def test_points_are_adjusted_with_a_manager_and_a_bad_amount_is_refused_before_asking(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    before = member_row(counter, SILVER_CARD)
    screen = open_members_screen(sale)
    choose_member(screen, qtbot, SILVER_CARD)

    click(qtbot, child(screen, QPushButton, "adjustPointsButton"))
    answer_prompt(qtbot, screen, "pointsInput", "很多 活动赠送")
    assert "请输入整数积分" in error_text(screen)
    assert screen.findChild(QDialog, "approvalDialog") is None
    assert member_row(counter, SILVER_CARD).points == before.points

    click(qtbot, child(screen, QPushButton, "adjustPointsButton"))
    answer_prompt(qtbot, screen, "pointsInput", "+100 活动赠送")
    approve(qtbot, approval_in(screen))
    assert child(screen, QLabel, "membersStatus").text() == "积分已调整", error_text(screen)
    assert member_row(counter, SILVER_CARD).points == before.points + 100

    click(qtbot, child(screen, QPushButton, "countCardUse"))  # no count card chosen
    assert "请先选择一张次卡" in error_text(screen)
