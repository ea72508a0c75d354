"""A manager's name and PIN, asked at the moment a sensitive action happens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt
from app.ui.i18n import sensitive_label

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.pos.counter import CounterService
    from app.pos.staff import Approval, Sensitive, StaffView
    from app.ui.session import CounterSession


class ApprovalDialog(CounterDialog):
    """Accepted with the approval (the proof the service spends) once the PIN check says yes."""

    def __init__(
        self,
        parent: QWidget | None,
        service: CounterService,
        action: Sensitive,
        requested_by: StaffView,
        *,
        detail: str = "",
    ) -> None:
        super().__init__(parent, self.tr("店长授权"))
        self.setObjectName("approvalDialog")
        self._service = service
        self._action = action
        self._requested_by = requested_by
        heading = QLabel(self.tr("需要店长授权：%1").replace("%1", sensitive_label(action)), self)
        heading.setObjectName("approvalHeading")
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        self.detail = QLabel(detail, self)
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(detail))
        self.name_box = QComboBox(self)
        named(self.name_box, "approverName", self.tr("授权人"))
        self.name_box.setEditable(True)
        with Attempt(self.show_error):  # on failure the dialog still works with a typed name
            self.name_box.addItems([n for n in service.staff_names() if n != requested_by.name])
        self.pin = QLineEdit(self)
        named(self.pin, "approverPin", self.tr("授权密码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        form = QFormLayout()
        form.addRow(self.tr("授权人"), self.name_box)
        form.addRow(self.tr("密码"), self.pin)
        self.approve_button = QPushButton(self.tr("授权"), self)
        named(self.approve_button, "approveButton", self.tr("授权"))
        self.approve_button.setDefault(True)
        self.approve_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("取消"), self)
        named(cancel, "approveCancel", self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.detail)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(400)
        self.pin.setFocus()

    def submit(self) -> None:
        name = self.name_box.currentText().strip()
        pin = self.pin.text()
        if not name or not pin:
            self.show_error(self.tr("请输入授权人和密码"))
            return
        with Attempt(self.show_error) as attempt:
            approval = self._service.approve(name, pin, self._action, self._requested_by)
        if attempt.failed:
            self.pin.clear()
            self.pin.setFocus()
            return
        self.finish(approval)


def with_approval(
    parent: QWidget,
    session: CounterSession,
    action: Sensitive,
    then: Callable[[Approval], object],
    *,
    detail: str = "",
) -> None:
    """Run ``then(approval)``: a logged-in manager approves their own action (the PIN of their
    login stands), anyone else is asked for a manager's name and PIN at that moment."""
    staff = session.staff
    if staff.can_approve and staff.may_approve(action):
        say: Callable[[str], object] = getattr(parent, "show_error", log.warning)
        with Attempt(say) as attempt:
            own = session.service.approve_signed_in(staff, action)
        if not attempt.failed:
            then(own)
        return

    def approved(approval: Approval) -> None:
        then(approval)

    dialog = ApprovalDialog(parent, session.service, action, staff, detail=detail)
    dialog.present(approved)
