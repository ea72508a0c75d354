"""The members screen's profile tab: who the chosen member is, their masked phone, the fields a
cashier may change (name, phone, sex, birthday in either calendar, tags, note) each with its
refusal under it, and the member's anniversaries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.members.calendar import LUNAR, SOLAR, parse_member_date
from app.members.enrolment import ANNIVERSARY_LABEL_LENGTH, ProfileChanges
from app.money import format_yuan
from app.ui import i18n
from app.ui.dialogs import named
from app.ui.forms import FormDialog
from app.ui.member_dates import FieldMessages, MemberDateFields, date_words
from app.ui.member_tables import fill_table, read_only_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.members.accounts import MemberView
    from app.members.enrolment import AnniversaryView
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import StaffView


class ProfileScreen(Protocol):
    """What the profile tab needs from the screen that shows the chosen member."""

    current: MemberView | None

    @property
    def members(self) -> MemberDesk: ...

    @property
    def staff(self) -> StaffView: ...

    def run(self, action: Callable[[], object], done: str) -> bool:
        """Run ``action``; on success reload and say ``done``, else show the error."""
        ...

    def changed(self, done: str) -> None:
        """Something was saved: reload the member and the list, and say ``done``."""
        ...

    def show_error(self, error: BaseException | str) -> None: ...

    def say(self, done: str) -> None:
        """The line under the list that says what was last done ('' clears it)."""
        ...

    def show_full_phone(self) -> None: ...


class MemberProfileTab(QWidget):
    """Shows one member (or nobody) and saves what the cashier changed."""

    def __init__(self, parent: QWidget, screen: ProfileScreen) -> None:
        super().__init__(parent)
        self.setObjectName("memberProfileTab")
        self._screen = screen
        self.anniversaries: list[AnniversaryView] = []
        self.messages = FieldMessages(self)
        self._build_shown()
        self._build_editable()
        self._build_anniversaries()
        self._lay_out()

    def _build_shown(self) -> None:
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
        self.full_phone_button.clicked.connect(lambda: self._screen.show_full_phone())
        self.birthday_label = QLabel(self)
        self.birthday_label.setObjectName("profileBirthday")
        self.auto_tags_label = QLabel(self)
        named(self.auto_tags_label, "memberAutoTags", self.tr("自动标签"))
        self.auto_tags_label.setWordWrap(True)
        self.birthday_label.setAccessibleName(self.tr("生日"))

    def _build_editable(self) -> None:
        self.name_edit = QLineEdit(self)
        named(self.name_edit, "profileName", self.tr("姓名"))
        self.name_edit.setMaxLength(40)
        self.phone_edit = QLineEdit(self)
        named(self.phone_edit, "profilePhone", self.tr("新手机号（不改请留空）"))
        self.phone_edit.setPlaceholderText(self.tr("不改请留空"))
        self.phone_edit.setMaxLength(20)
        self.sex_box = QComboBox(self)
        named(self.sex_box, "profileSex", self.tr("性别"))
        self.sex_box.addItem(self.tr("未填"), "")
        self.sex_box.addItem(self.tr("男"), "男")
        self.sex_box.addItem(self.tr("女"), "女")
        self.birthday = MemberDateFields(self, "memberBirthday", self.tr("生日"), prefer_leap=True)
        self.tags_edit = QLineEdit(self)
        named(self.tags_edit, "memberTags", self.tr("标签（空格或逗号分隔）"))
        self.tags_edit.setPlaceholderText(self.tr("如：VIP 老客户（空格或逗号分隔）"))
        self.note_edit = QLineEdit(self)
        named(self.note_edit, "profileNote", self.tr("备注"))
        self.save_button = QPushButton(self.tr("保存资料"), self)
        named(self.save_button, "memberProfileSave", self.tr("保存资料"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        for edit in (
            self.name_edit,
            self.phone_edit,
            self.birthday.date,
            self.tags_edit,
            self.note_edit,
        ):
            edit.returnPressed.connect(self.save)

    def _build_anniversaries(self) -> None:
        self.anniversary_table = read_only_table(
            self, "anniversariesTable", self.tr("纪念日"), [self.tr("名称"), self.tr("日期")]
        )
        self.anniversary_table.setMinimumHeight(110)
        self.add_anniversary_button = QPushButton(self.tr("添加纪念日"), self)
        named(self.add_anniversary_button, "addAnniversary", self.tr("添加纪念日"))
        self.add_anniversary_button.clicked.connect(self.add_anniversary)
        self.remove_anniversary_button = QPushButton(self.tr("删除所选纪念日"), self)
        named(self.remove_anniversary_button, "removeAnniversary", self.tr("删除所选纪念日"))
        self.remove_anniversary_button.clicked.connect(self.remove_anniversary)
        for button in (self.add_anniversary_button, self.remove_anniversary_button):
            button.setAutoDefault(False)

    def _lay_out(self) -> None:
        body = QWidget(self)
        phone_row = QHBoxLayout()
        phone_row.addWidget(self.phone_label, 1)
        phone_row.addWidget(self.full_phone_button)
        cell = self.messages.cell
        form = QFormLayout()
        form.addRow(self.tr("卡号"), self.card_label)
        form.addRow(self.tr("等级 / 状态"), self.level_label)
        form.addRow(self.tr("余额 / 积分"), self.balance_label)
        form.addRow(self.tr("手机"), phone_row)
        form.addRow(self.tr("生日"), self.birthday_label)
        form.addRow(self.tr("姓名"), cell("name", self.name_edit, "profileName"))
        form.addRow(self.tr("新手机号"), cell("phone", self.phone_edit, "profilePhone"))
        form.addRow(self.tr("性别"), cell("sex", self.sex_box, "profileSex"))
        form.addRow(
            self.tr("生日"),
            cell("birthday", self.birthday.row, "memberBirthday", focus=self.birthday.date),
        )
        form.addRow(self.tr("标签"), cell("tags", self.tags_edit, "memberTags"))
        form.addRow(self.tr("自动标签"), self.auto_tags_label)
        form.addRow(self.tr("备注"), cell("note", self.note_edit, "profileNote"))
        form.addRow("", self.save_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_anniversary_button)
        buttons.addWidget(self.remove_anniversary_button)
        buttons.addStretch(1)
        column = QVBoxLayout(body)
        column.addLayout(form)
        heading = QLabel(self.tr("纪念日"), self)
        heading.setProperty("role", "heading")
        column.addWidget(heading)
        column.addWidget(self.anniversary_table)
        column.addLayout(buttons)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- showing ---------------------------------------------------------------------------------

    def show_member(self, member: MemberView | None) -> None:
        """Fill the tab from ``member``; with nobody chosen the labels clear and the buttons
        wait (the edit fields keep what they held, as before)."""
        self.messages.clear()
        for button in (
            self.save_button,
            self.full_phone_button,
            self.add_anniversary_button,
            self.remove_anniversary_button,
        ):
            button.setEnabled(member is not None)
        if member is None:
            for label in (
                self.card_label,
                self.level_label,
                self.balance_label,
                self.phone_label,
                self.birthday_label,
                self.auto_tags_label,
            ):
                label.clear()
            self.show_anniversaries([])
            return
        self.card_label.setText(member.card_no)
        status = i18n.member_status_label(member.status)
        self.level_label.setText(f"{member.card_type.name} / {status}")
        self.balance_label.setText(
            self.tr("%1（本金 %2 + 赠送 %3），积分 %4")
            .replace("%1", format_yuan(member.balance_fen))
            .replace("%2", format_yuan(member.principal_fen))
            .replace("%3", format_yuan(member.bonus_fen))
            .replace("%4", str(member.points))
        )
        self.phone_label.setText(member.phone_masked)
        self.birthday_label.setText(date_words(member.birthday))
        self.name_edit.setText(member.name)
        self.phone_edit.clear()
        self.sex_box.setCurrentIndex(max(0, self.sex_box.findData(member.sex or "")))
        self.birthday.show(member.birthday)
        self.tags_edit.setText(" ".join(member.tags))
        self.note_edit.setText(member.note)
        queries = self._screen.members.queries
        self.auto_tags_label.setText(" ".join(queries.auto_tags(member.id)) or self.tr("无"))
        self.show_anniversaries(queries.anniversaries(member.id))

    def show_anniversaries(self, anniversaries: list[AnniversaryView]) -> None:
        self.anniversaries = anniversaries
        fill_table(
            self.anniversary_table,
            [(a.anniversary.label, date_words(a.anniversary.date)) for a in anniversaries],
        )

    def show_full_phone(self, phone: str) -> None:
        self.phone_label.setText(phone)

    # -- saving ----------------------------------------------------------------------------------

    def changes(self) -> ProfileChanges:
        """What the form says now; an empty new phone leaves the phone as it is, an empty
        birthday removes it. A date that does not exist is refused naming ``birthday``."""
        phone = self.phone_edit.text()
        birthday = self.birthday.read("birthday")
        return ProfileChanges(
            name=self.name_edit.text(),
            phone=phone if phone.strip() else None,
            sex=str(self.sex_box.currentData() or ""),
            birthday=birthday,
            clear_birthday=birthday is None,
            tags=(self.tags_edit.text(),),
            note=self.note_edit.text(),
        )

    def save(self) -> None:
        """保存: every field checked by the service; a refusal goes under its field and nothing
        is saved."""
        member = self._screen.current
        if member is None:
            return
        self.messages.clear()
        try:
            self._screen.members.cards.update_profile(
                member.id, self.changes(), cashier=self._screen.staff
            )
        except Exception as error:  # shown as Attempt shows it; message_for logs a bug
            self._screen.say("")
            if not self.messages.place(error, context=type(self).__name__):
                self._screen.show_error(error)
            return
        self._screen.changed(self.tr("资料已保存"))

    # -- anniversaries ---------------------------------------------------------------------------

    def add_anniversary(self) -> None:
        member = self._screen.current
        if member is None:
            return
        members, staff = self._screen.members, self._screen.staff

        def save(form: FormDialog) -> object:
            date = parse_member_date(
                form.text("date"), str(form.chosen("calendar")), form.checked("leap"), field="date"
            )
            return members.cards.add_anniversary(member.id, form.text("label"), date, cashier=staff)

        dialog = FormDialog(self, self.tr("添加纪念日"), "anniversaryForm", save)
        label = dialog.line(
            "label", self.tr("名称"), "anniversaryLabel", hint=self.tr("如：结婚纪念日")
        )
        label.setMaxLength(ANNIVERSARY_LABEL_LENGTH)
        calendar = dialog.choice(
            "calendar",
            self.tr("历法"),
            "anniversaryCalendar",
            [(self.tr("公历"), SOLAR), (self.tr("农历"), LUNAR)],
        )
        dialog.line(
            "date",
            self.tr("日期"),
            "anniversaryDate",
            hint=self.tr("如 2015-10-16，不知年份填 10-16"),
        )
        leap = dialog.check("leap", self.tr("闰月"), "anniversaryLeap")

        def calendar_changed() -> None:
            lunar = calendar.currentData() == LUNAR
            if not lunar:
                leap.setChecked(False)
            leap.setEnabled(lunar)

        calendar.currentIndexChanged.connect(calendar_changed)
        calendar_changed()

        def added(view: AnniversaryView) -> None:
            self._screen.changed(self.tr("已添加纪念日“%1”").replace("%1", view.anniversary.label))

        dialog.present(added)

    def chosen_anniversary(self) -> AnniversaryView | None:
        row = self.anniversary_table.currentRow()
        return self.anniversaries[row] if 0 <= row < len(self.anniversaries) else None

    def remove_anniversary(self) -> None:
        member = self._screen.current
        chosen = self.chosen_anniversary()
        if member is None:
            return
        if chosen is None:
            self._screen.show_error(self.tr("请先在纪念日列表中选择一项"))
            return
        members, staff = self._screen.members, self._screen.staff
        self._screen.run(
            lambda: members.cards.remove_anniversary(member.id, chosen.id, cashier=staff),
            self.tr("已删除纪念日“%1”").replace("%1", chosen.anniversary.label),
        )
