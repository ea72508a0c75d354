"""员工管理 in the window: the owner adds and disables staff, a manager is limited to cashiers,
a cashier needs a manager to open it, and a PIN reset is typed unseen."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableWidget

from app.storage.models import Role, StaffRow
from tests.ui.driving import (
    CASHIER,
    MANAGER,
    MANAGER_PIN,
    OWNER,
    OWNER_PIN,
    action,
    answer_prompt,
    approval_in,
    approve,
    child,
    click,
    error_text,
    login,
    open_dialog,
)


def open_staff_screen(sale: Any) -> Any:
    action(sale, "staffAction").trigger()
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "staffScreen"
    return screen


def rows(screen: Any) -> dict[str, tuple[str, str]]:
    table = child(screen, QTableWidget, "staffTable")
    return {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }


def select_staff(screen: Any, name: str) -> None:
    table = child(screen, QTableWidget, "staffTable")
    (row,) = [r for r in range(table.rowCount()) if table.item(r, 0).text() == name]
    table.selectRow(row)


def log_out(controller: Any, sale: Any) -> None:
    action(sale, "logoutAction").trigger()
    assert controller.sale_window is None


def try_login(controller: Any, qtbot: Any, name: str, pin: str) -> Any:
    """Type a name and PIN into the login window: who got in (the shift is the owner's, so a
    cashier who gets in is told so and closes that notice), or None."""
    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText(name)
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), pin)
    click(qtbot, child(window, QPushButton, "loginButton"))
    if window.dialog is not None and window.dialog.objectName() == "shiftBusyDialog":
        click(qtbot, child(window.dialog, QPushButton, "shiftBusyClose"))
    return controller.staff


def role_of(counter: Any, name: str) -> Role:
    with counter.db.reading() as session:
        row = session.scalar(select(StaffRow).where(StaffRow.name == name))
        assert row is not None
        return row.role


def test_the_owner_adds_a_cashier_who_logs_in_until_disabled(controller: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot, OWNER, OWNER_PIN)
    screen = open_staff_screen(sale)
    click(qtbot, child(screen, QPushButton, "addStaffButton"))
    answer_prompt(qtbot, screen, "staffInput", "小刘 收银员")
    pin_prompt = open_dialog(screen, "promptDialog")
    assert child(pin_prompt, QLineEdit, "staffPin").echoMode() is QLineEdit.EchoMode.Password
    answer_prompt(qtbot, screen, "staffPin", "5678")
    assert rows(screen)["小刘"] == ("收银员", "在职"), error_text(screen)
    click(qtbot, child(screen, QPushButton, "staffClose"))
    log_out(controller, sale)

    assert try_login(controller, qtbot, "小刘", "5678").name == "小刘"
    sale = login(controller, qtbot, OWNER, OWNER_PIN)
    screen = open_staff_screen(sale)
    select_staff(screen, "小刘")
    click(qtbot, child(screen, QPushButton, "disableStaffButton"))
    assert rows(screen)["小刘"] == ("收银员", "已停用"), error_text(screen)
    click(qtbot, child(screen, QPushButton, "staffClose"))
    log_out(controller, sale)

    user = child(controller.login_window, QComboBox, "loginUser")
    assert "小刘" not in [user.itemText(i) for i in range(user.count())]
    assert try_login(controller, qtbot, "小刘", "5678") is None
    assert controller.sale_window is None
    assert "用户名或密码错误" in child(controller.login_window, QLabel, "loginError").text()


def test_a_manager_cannot_change_a_role(controller: Any, counter: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    screen = open_staff_screen(sale)
    select_staff(screen, CASHIER)
    click(qtbot, child(screen, QPushButton, "changeRoleButton"))
    answer_prompt(qtbot, screen, "staffInput", "店长")
    assert "只有老板可以修改员工角色" in error_text(screen)
    assert rows(screen)[CASHIER] == ("收银员", "在职")
    assert role_of(counter, CASHIER) is Role.CASHIER


def test_a_cashier_asks_a_manager_who_resets_a_pin(controller: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot)
    action(sale, "staffAction").trigger()
    approve(qtbot, approval_in(sale))
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "staffScreen"
    select_staff(screen, CASHIER)
    click(qtbot, child(screen, QPushButton, "resetPinButton"))
    answer_prompt(qtbot, screen, "staffPin", "12")
    assert "密码须为" in error_text(open_dialog(screen, "promptDialog"))
    answer_prompt(qtbot, screen, "staffPin", "4321")
    assert error_text(screen) == ""
    click(qtbot, child(screen, QPushButton, "staffClose"))
    log_out(controller, sale)
    login(controller, qtbot, CASHIER, "4321")
    assert controller.staff.name == CASHIER
