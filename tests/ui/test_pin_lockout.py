"""Wrong PINs at the counter (issue #9, 12): a cashier guessing in the approval dialog locks the
manager's approvals, never the manager's login, and the owner is told at the next login."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from app.pos.staff import StaffError
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    OWNER,
    OWNER_PIN,
    action,
    approve,
    banner,
    child,
    click,
    error_text,
    login,
)


def test_the_owner_is_told_of_a_locked_login_once_at_the_next_login(
    controller: Any, qtbot: Any
) -> None:
    service = controller.counter.service
    for _ in range(5):
        with pytest.raises(StaffError):
            service.login("小王", "0000")
    sale = login(controller, qtbot, OWNER, OWNER_PIN)
    said = banner(sale)
    assert said.isVisible()
    assert "安全提醒" in said.text()
    assert "小王" in said.text() and "登录密码连续错误 5 次，已锁定 15 分钟" in said.text()
    action(sale, "logoutAction").trigger()
    again = login(controller, qtbot, OWNER, OWNER_PIN)
    assert "安全提醒" not in banner(again).text()


def test_wrong_pins_in_the_approval_dialog_do_not_lock_the_manager_out(
    controller: Any, qtbot: Any
) -> None:
    sale = login(controller, qtbot)  # the cashier
    action(sale, "openDrawerAction").trigger()
    dialog = sale.dialog
    for _ in range(5):
        approve(qtbot, dialog, MANAGER, "0000")
    assert "15 分钟内不能授权" in error_text(dialog)
    approve(qtbot, dialog, MANAGER, MANAGER_PIN)  # the right PIN waits out the lock too
    assert "授权密码错误次数过多" in error_text(dialog)
    click(qtbot, child(dialog, QPushButton, "approveCancel"))
    action(sale, "logoutAction").trigger()

    window = controller.login_window
    child(window, QComboBox, "loginUser").setCurrentText(MANAGER)
    qtbot.keyClicks(child(window, QLineEdit, "loginPin"), MANAGER_PIN)
    click(qtbot, child(window, QPushButton, "loginButton"))
    busy = window.dialog  # logged in: the cashier's shift is still open
    assert busy is not None and busy.objectName() == "shiftBusyDialog"
