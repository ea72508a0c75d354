"""The login window: staff name and PIN, the first thing every cashier sees."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.dialogs import CounterDialog, named, present_owned
from app.ui.feedback import Attempt

if TYPE_CHECKING:
    from app.pos.staff import StaffView
    from app.ui.dialogs import Accepted

PIN_MAX_LENGTH = 12


Authenticate = Callable[[str, str], "StaffView"]
OnLogin = Callable[["StaffView"], None]


class LoginWindow(QWidget):
    """Calls ``authenticate(name, pin)``; shows its error in loginError, or hands on the staff.

    A cold start shows the window before the store is open (no ``authenticate`` yet): a login
    asked for meanwhile waits and goes on once :meth:`serve` gives the service."""

    def __init__(
        self,
        store_name: str,
        staff_names: Sequence[str],
        authenticate: Authenticate | None = None,
        on_login: OnLogin | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("loginWindow")
        self.setWindowTitle(self.tr("收银台登录 - %1").replace("%1", store_name))
        self._authenticate = authenticate
        self._on_login = on_login
        self._login_waiting = False
        self.dialog: CounterDialog | None = None

        card = QFrame(self)
        card.setObjectName("loginCard")
        title = QLabel(store_name, card)
        title.setObjectName("loginTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("收银员登录"), card)
        subtitle.setObjectName("loginSubtitle")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.user = QComboBox(card)
        named(self.user, "loginUser", self.tr("员工"))
        self.user.setEditable(True)
        self.user.addItems(list(staff_names))
        self.user.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.pin = QLineEdit(card)
        named(self.pin, "loginPin", self.tr("密码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX_LENGTH)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        self.pin.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin.setPlaceholderText(self.tr("4-12 位数字"))
        self.pin.returnPressed.connect(self.submit)
        user_edit = self.user.lineEdit()
        if user_edit is not None:
            user_edit.returnPressed.connect(self.pin.setFocus)
        self.error = QLabel(card)
        self.error.setObjectName("loginError")
        self.error.setAccessibleName(self.tr("登录错误"))
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setMinimumHeight(24)
        self.button = QPushButton(self.tr("登录"), card)
        named(self.button, "loginButton", self.tr("登录"))
        self.button.setProperty("role", "primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("员工"), self.user)
        form.addRow(self.tr("密码"), self.pin)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.button)
        card.setFixedWidth(440)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.resize(1024, 768)
        if self.user.count():
            self.pin.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def serve(self, authenticate: Authenticate, on_login: OnLogin) -> None:
        """The store is open: logins go to it from now on (a waiting one at once)."""
        self._authenticate = authenticate
        self._on_login = on_login
        if self._login_waiting:
            self._login_waiting = False
            self.submit()

    def submit(self) -> None:
        name = self.user.currentText().strip()
        pin = self.pin.text()
        if not name:
            self.show_error(self.tr("请选择员工"))
            self.user.setFocus()
            return
        if not pin:
            self.show_error(self.tr("请输入密码"))
            self.pin.setFocus()
            return
        if self._authenticate is None or self._on_login is None:
            self._login_waiting = True  # the store is still opening: :meth:`serve` goes on
            return
        with Attempt(self.show_error, context="login") as attempt:
            staff = self._authenticate(name, pin)
        if attempt.failed:
            self.pin.clear()
            self.pin.setFocus()
            return
        self.pin.clear()
        self.error.clear()
        self._on_login(staff)

    def present(
        self, dialog: CounterDialog, on_accept: Callable[[Accepted], None] | None = None
    ) -> CounterDialog:
        return present_owned(self, dialog, on_accept)


class ShiftBusyDialog(CounterDialog):
    """Another cashier's shift is still open: close it (交班) first, or go back."""

    def __init__(self, parent: QWidget | None, owner_name: str) -> None:
        super().__init__(parent, self.tr("班次未交"))
        self.setObjectName("shiftBusyDialog")
        text = QLabel(
            self.tr("%1 的班次尚未交班。请先清点钱箱并交班，再开始您的班次。").replace(
                "%1", owner_name
            ),
            self,
        )
        text.setObjectName("shiftBusyText")
        text.setWordWrap(True)
        close = QPushButton(self.tr("交班"), self)
        named(close, "shiftBusyClose", self.tr("交班"))
        close.setProperty("role", "primary")
        close.setDefault(True)
        close.clicked.connect(lambda: self.finish(True))
        back = QPushButton(self.tr("返回"), self)
        named(back, "shiftBusyBack", self.tr("返回"))
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
