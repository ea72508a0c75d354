"""The members screen's profile tab: who the chosen member is, their masked phone, and the
fields a cashier may change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.members.enrolment import ProfileChanges
from app.money import format_yuan
from app.ui.dialogs import named

if TYPE_CHECKING:
    from app.members.accounts import MemberView


class MemberProfileTab(QWidget):
    """Shows one member (or nobody); saving and the full phone are the screen's to run."""

    def __init__(
        self,
        parent: QWidget,
        *,
        save: Callable[[], None],
        show_full_phone: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberProfileTab")
        self._build_shown(show_full_phone)
        self._build_editable(save)
        self._lay_out()

    def _build_shown(self, show_full_phone: Callable[[], None]) -> None:
        self.card_label = QLabel(self)
        self.card_label.setObjectName("memberCardNo")
        self.level_label = QLabel(self)
        self.level_label.setObjectName("memberLevelInfo")
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("memberBalanceInfo")
        self.phone_label = QLabel(self)
        self.phone_label.setObjectName("memberPhoneShown")
        self.phone_label.setAccessibleName(self.tr("手机号"))
        self.full_phone_button = QPushButton(self.tr("显示完整号码（需店长授权）"), self)
        named(self.full_phone_button, "showFullPhone", self.tr("显示完整号码"))
        self.full_phone_button.setAutoDefault(False)
        self.full_phone_button.clicked.connect(show_full_phone)
        self.birthday_label = QLabel(self)
        self.birthday_label.setObjectName("profileBirthday")

    def _build_editable(self, save: Callable[[], None]) -> None:
        self.name_edit = QLineEdit(self)
        named(self.name_edit, "profileName", self.tr("姓名"))
        self.phone_edit = QLineEdit(self)
        named(self.phone_edit, "profilePhone", self.tr("新手机号（不改请留空）"))
        self.phone_edit.setPlaceholderText(self.tr("不改请留空"))
        self.sex_box = QComboBox(self)
        named(self.sex_box, "profileSex", self.tr("性别"))
        self.sex_box.addItem(self.tr("未填"), "")
        self.sex_box.addItem(self.tr("男"), "男")
        self.sex_box.addItem(self.tr("女"), "女")
        self.tags_edit = QLineEdit(self)
        named(self.tags_edit, "profileTags", self.tr("标签（逗号分隔）"))
        self.note_edit = QLineEdit(self)
        named(self.note_edit, "profileNote", self.tr("备注"))
        self.save_button = QPushButton(self.tr("保存资料"), self)
        named(self.save_button, "memberSaveProfile", self.tr("保存资料"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(save)

    def _lay_out(self) -> None:
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone_label, 1)
        phone_row.addWidget(self.full_phone_button)
        form = QFormLayout(self)
        form.addRow(self.tr("卡号"), self.card_label)
        form.addRow(self.tr("等级 / 状态"), self.level_label)
        form.addRow(self.tr("余额 / 积分"), self.balance_label)
        form.addRow(self.tr("手机"), phone_row)
        form.addRow(self.tr("生日"), self.birthday_label)
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("新手机号"), self.phone_edit)
        form.addRow(self.tr("性别"), self.sex_box)
        form.addRow(self.tr("标签"), self.tags_edit)
        form.addRow(self.tr("备注"), self.note_edit)
        form.addRow("", self.save_button)

    def show_member(self, member: MemberView | None) -> None:
        """Fill the tab from ``member``; with nobody chosen the labels clear and the buttons
        wait (the edit fields keep what they held, as before)."""
        self.save_button.setEnabled(member is not None)
        self.full_phone_button.setEnabled(member is not None)
        if member is None:
            for label in (self.card_label, self.level_label, self.balance_label, self.phone_label):
                label.clear()
            return
        self.card_label.setText(member.card_no)
        self.level_label.setText(f"{member.card_type.name} / {member.status_label}")
        self.balance_label.setText(
            self.tr("%1（本金 %2 + 赠送 %3），积分 %4")
            .replace("%1", format_yuan(member.balance_fen))
            .replace("%2", format_yuan(member.principal_fen))
            .replace("%3", format_yuan(member.bonus_fen))
            .replace("%4", str(member.points))
        )
        self.phone_label.setText(member.phone_masked)
        self.birthday_label.setText(
            ""
            if member.birthday is None
            else (self.tr("农历 ") if member.birthday.calendar == "lunar" else self.tr("公历 "))
            + member.birthday.label
        )
        self.name_edit.setText(member.name)
        self.phone_edit.clear()
        self.sex_box.setCurrentIndex(max(0, self.sex_box.findData(member.sex or "")))
        self.tags_edit.setText(",".join(member.tags))
        self.note_edit.setText(member.note)

    def show_full_phone(self, phone: str) -> None:
        self.phone_label.setText(phone)

    def changes(self) -> ProfileChanges:
        """What the form says now; an empty new phone leaves the phone as it is."""
        phone = self.phone_edit.text()
        return ProfileChanges(
            name=self.name_edit.text(),
            phone=phone if phone.strip() else None,
            sex=self.sex_box.currentData() or None,
            tags=tuple(self.tags_edit.text().replace("，", ",").split(",")),
            note=self.note_edit.text(),
        )
