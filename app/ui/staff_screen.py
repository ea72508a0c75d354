"""员工管理: the staff list; adding, changing a role, disabling and resetting a PIN, approved."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import InputError
from app.pos.staff import StaffEntry, parse_role, validate_pin
from app.ui.dialogs import CounterDialog, PromptDialog, named
from app.ui.feedback import Attempt
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from app.pos.staff import StaffView
    from app.ui.session import CounterSession


class StaffScreen(CounterDialog):
    """Opened with a manager's (or the owner's) approval; each change is made in their name and
    the service decides what their role allows."""

    def __init__(
        self, parent: QWidget | None, session: CounterSession, approver: StaffView
    ) -> None:
        super().__init__(parent, self.tr("员工管理"))
        self.setObjectName("staffScreen")
        self._session = session
        self._approver = approver
        self.entries: list[StaffEntry] = []
        self.table = read_only_table(
            self, "staffTable", self.tr("员工"), [self.tr("姓名"), self.tr("角色"), self.tr("状态")]
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        self.add_button = self._button("addStaffButton", self.tr("新增员工"), self.add)
        self.role_button = self._button("changeRoleButton", self.tr("修改角色"), self.change_role)
        self.disable_button = self._button(
            "disableStaffButton", self.tr("停用 / 启用"), self.toggle_active
        )
        self.pin_button = self._button("resetPinButton", self.tr("重置密码"), self.reset_pin)
        for button in (self.add_button, self.role_button, self.disable_button, self.pin_button):
            buttons.addWidget(button)
        close = self._button("staffClose", self.tr("关闭"), self.reject)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(520, 360)
        self.load()

    def _button(self, name: str, text: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        named(button, name, text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: handler())
        return button

    def load(self) -> None:
        with Attempt(self.show_error):
            self.entries = self._session.service.staff_list()
            fill_table(
                self.table,
                [
                    (
                        e.name,
                        self._role_text(e),
                        self.tr("在职") if e.active else self.tr("已停用"),
                    )
                    for e in self.entries
                ],
            )
        self._selection_changed()

    def _role_text(self, entry: StaffEntry) -> str:
        labels = {
            "cashier": self.tr("收银员"),
            "manager": self.tr("店长"),
            "owner": self.tr("老板"),
        }
        return labels.get(entry.role.value, entry.role_label)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.role_button, self.disable_button, self.pin_button):
            button.setEnabled(chosen)

    def selected(self) -> StaffEntry | None:
        row = self.table.currentRow()
        if not self.table.selectedItems() or not 0 <= row < len(self.entries):
            return None
        return self.entries[row]

    # -- the four changes ------------------------------------------------------------------------

    def add(self) -> None:
        def parse(text: str) -> tuple[str, str]:
            parts = text.split()
            if len(parts) != 2:
                raise InputError(self.tr("请填写姓名和角色，如“小刘 收银员”"))
            parse_role(parts[1])
            return parts[0], parts[1]

        def typed(answer: tuple[str, str]) -> None:
            name, role_text = answer
            self._ask_pin(
                self.tr("新员工的密码"),
                lambda pin: self._session.service.add_staff(
                    name,
                    parse_role(role_text),
                    pin,
                    actor=self._session.staff,
                    approver=self._approver,
                ),
            )

        dialog = PromptDialog(
            self,
            self.tr("新增员工"),
            self.tr("姓名 角色（收银员 / 店长 / 老板），如“小刘 收银员”"),
            parse,
        )
        dialog.input.setObjectName("staffInput")
        dialog.present(typed)

    def change_role(self) -> None:
        entry = self.selected()
        if entry is None:
            return

        def typed(role_text: str) -> None:
            self._save(
                lambda: self._session.service.change_staff_role(
                    entry.id,
                    parse_role(role_text),
                    actor=self._session.staff,
                    approver=self._approver,
                )
            )

        def parse(text: str) -> str:
            parse_role(text)
            return text

        dialog = PromptDialog(
            self,
            self.tr("修改角色"),
            self.tr("“%1”的新角色（收银员 / 店长 / 老板）").replace("%1", entry.name),
            parse,
        )
        dialog.input.setObjectName("staffInput")
        dialog.present(typed)

    def toggle_active(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._save(
            lambda: self._session.service.set_staff_active(
                entry.id, not entry.active, actor=self._session.staff, approver=self._approver
            )
        )

    def reset_pin(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._ask_pin(
            self.tr("“%1”的新密码").replace("%1", entry.name),
            lambda pin: self._session.service.reset_staff_pin(
                entry.id, pin, actor=self._session.staff, approver=self._approver
            ),
        )

    def _ask_pin(self, label: str, then: Callable[[str], object]) -> None:
        """A PIN typed where nobody reads it over a shoulder, checked as at login."""
        dialog = PromptDialog(self, self.tr("设置密码"), label, validate_pin, digits_only=True)
        dialog.input.setObjectName("staffPin")
        dialog.input.setEchoMode(QLineEdit.EchoMode.Password)
        dialog.input.setMaxLength(12)

        def typed(pin: str) -> None:
            self._save(lambda: then(pin))

        dialog.present(typed)

    def _save(self, action: Callable[[], object]) -> None:
        self.clear_error()
        with Attempt(self.show_error) as attempt:
            action()
        if attempt.failed:
            return
        self.load()
