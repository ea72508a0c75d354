"""Cash put into or taken out of the drawer from the sale window, approved and counted by 交班."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import QLineEdit, QPushButton

from app.money import format_yuan
from app.storage.models import AuditRow, CashMoveRow, OutboxRow
from tests.devices.escpos_decoder import decode
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    action,
    approval_in,
    approve,
    banner,
    child,
    click,
    count_rows,
    error_text,
    login,
    open_dialog,
)


def _fill(qtbot: Any, sale: Any, action_name: str, amount: str, reason: str) -> Any:
    action(sale, action_name).trigger()
    dialog = open_dialog(sale, "cashMoveDialog")
    child(dialog, QLineEdit, "cashMoveAmount").setText(amount)
    child(dialog, QLineEdit, "cashMoveReason").setText(reason)
    click(qtbot, child(dialog, QPushButton, "confirmCashMove"))
    return dialog


def test_petty_cash_out_with_a_manager_lowers_what_the_shift_close_expects(
    sale: Any, qtbot: Any, printer_file: Any
) -> None:
    service = sale.session.service
    before = service.shift_report(sale.session.shift_id).expected_cash_fen
    printer_file.write_bytes(b"")
    dialog = _fill(qtbot, sale, "cashOutAction", "50.00", "买菜")
    approve(qtbot, approval_in(dialog))
    assert sale.dialog is None, error_text(dialog)
    assert "已取出现金" in banner(sale).text() and "买菜" in banner(sale).text()
    assert format_yuan(before - 5000) in banner(sale).text()
    qtbot.waitUntil(lambda: printer_file.exists() and printer_file.stat().st_size > 0)
    assert any(c[0] == "drawer" for c in decode(printer_file.read_bytes()).commands)
    action(sale, "shiftCloseAction").trigger()
    closing = sale.dialog
    assert closing.objectName() == "shiftCloseDialog"
    cash = next(m for m in closing.methods if m.method.value == "cash")
    assert cash.expected_fen == before - 5000


def test_cash_in_raises_what_the_drawer_should_hold(sale: Any, qtbot: Any) -> None:
    service = sale.session.service
    before = service.shift_report(sale.session.shift_id).expected_cash_fen
    dialog = _fill(qtbot, sale, "cashInAction", "200", "补充备用金")
    approve(qtbot, approval_in(dialog))
    assert sale.dialog is None, error_text(dialog)
    assert "已存入现金" in banner(sale).text()
    assert service.shift_report(sale.session.shift_id).expected_cash_fen == before + 20000


def test_taking_out_more_than_the_drawer_holds_is_refused_and_writes_nothing(
    sale: Any, qtbot: Any, counter: Any
) -> None:
    held = sale.session.service.shift_report(sale.session.shift_id).expected_cash_fen
    events = count_rows(counter, OutboxRow)
    dialog = _fill(qtbot, sale, "cashOutAction", f"{(held + 1) / 100:.2f}", "买菜")
    approve(qtbot, approval_in(dialog))
    assert sale.dialog is dialog
    assert "不能取出" in error_text(dialog)
    assert count_rows(counter, CashMoveRow) == 0
    assert count_rows(counter, OutboxRow) == events


def test_a_bad_amount_is_refused_before_any_approval(sale: Any, qtbot: Any, counter: Any) -> None:
    dialog = _fill(qtbot, sale, "cashOutAction", "abc", "买菜")
    assert sale.dialog is dialog
    assert error_text(dialog)
    assert not dialog.findChildren(type(dialog), "approvalDialog")
    assert count_rows(counter, CashMoveRow) == 0


def test_a_logged_in_manager_moves_cash_without_a_second_pin(
    controller: Any, qtbot: Any, counter: Any
) -> None:
    """Their login's PIN stands for their own approval (a proof the service spends), as before."""
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    dialog = _fill(qtbot, sale, "cashOutAction", "20.00", "买菜")
    assert sale.dialog is None, error_text(dialog)
    assert "已取出现金" in banner(sale).text()
    manager = sale.session.staff
    with counter.db.reading() as session:
        row = session.scalar(select(AuditRow).where(AuditRow.action == "drawer.cash_moved"))
    assert row is not None and (row.actor_id, row.approver_id) == (manager.id, manager.id)
