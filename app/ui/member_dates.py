"""Birthday fields (公历 or 农历, the date with or without its year, 闰月) shared by enrolment and
the member profile, and the sentence under each field of a form that is not a FormDialog."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.members.calendar import LUNAR, SOLAR, MemberDate, MemberDateError, parse_member_date
from app.ui.dialogs import named
from app.ui.feedback import message_for


class DateWords(QObject):
    """A member date said in the window's language: ``农历 闰四月初八``, ``公历 1990 年 3 月 5 日``.
    Lunar month and day names stay Chinese: they are the names of the days."""

    def say(self, date: MemberDate | None) -> str:
        if date is None:
            return ""
        if date.calendar == LUNAR:
            year = "" if date.year is None else self.tr("%1 年").replace("%1", str(date.year))
            return self.tr("农历 %1").replace("%1", year + date.label)
        if date.year is None:
            day = self.tr("%1 月 %2 日").replace("%1", str(date.month))
        else:
            day = (
                self.tr("%3 年 %1 月 %2 日")
                .replace("%1", str(date.month))
                .replace("%3", str(date.year))
            )
        return self.tr("公历 %1").replace("%1", day.replace("%2", str(date.day)))


def date_words(date: MemberDate | None) -> str:
    return DateWords().say(date)


class FieldMessages(QObject):
    """The sentence under each field: a refusal naming a field (``KnownError.field``) goes under
    it as a QLabel ``<objectName>Error``, and the field takes the keyboard, as in FormDialog."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

    def cell(
        self, key: str, field: QWidget, object_name: str, focus: QWidget | None = None
    ) -> QWidget:
        """``field`` with its message line below it; ``focus`` takes the keyboard on a refusal
        (``field`` itself by default)."""
        label = QLabel(self._owner)
        label.setObjectName(f"{object_name}Error")
        label.setProperty("role", "error")
        label.setWordWrap(True)
        label.hide()
        cell = QWidget(self._owner)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(label)
        self.widgets[key] = focus or field
        self.labels[key] = label
        return cell

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()

    def place(self, error: BaseException, *, context: str = "") -> bool:
        """Show ``error`` under its field; False when it names none of these fields."""
        field = error.field if isinstance(error, KnownError) else None
        if field is None or field not in self.labels:
            return False
        label = self.labels[field]
        label.setText(message_for(error, context=context))
        label.show()
        widget = self.widgets[field]
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True

    def text(self, key: str) -> str:
        """What is shown under ``key`` ('' when nothing is)."""
        label = self.labels[key]
        return label.text() if not label.isHidden() else ""


class MemberDateFields(QObject):
    """公历 / 农历, the date (``1990-08-15``, or ``08-15`` without the year) and 闰月, read as a
    ``MemberDate``; the date in words beside them while it is typed. Object names: ``<prefix>``
    for the date, ``<prefix>Calendar``, ``<prefix>Leap`` and, with ``prefer_leap``,
    ``<prefix>PreferLeap`` (a leap-month date kept on the leap month in years that have one)."""

    def __init__(
        self, owner: QWidget, prefix: str, accessible: str, *, prefer_leap: bool = False
    ) -> None:
        super().__init__(owner)
        self.calendar = QComboBox(owner)
        named(self.calendar, f"{prefix}Calendar", self.tr("历法"))
        self.calendar.addItem(self.tr("公历"), SOLAR)
        self.calendar.addItem(self.tr("农历"), LUNAR)
        self.date = QLineEdit(owner)
        named(self.date, prefix, accessible)
        self.date.setPlaceholderText(self.tr("如 1990-08-15，不知年份填 08-15"))
        self.date.setMaxLength(20)
        # Room for a whole date however the row is squeezed (the English options are long).
        self.date.setMinimumWidth(self.date.fontMetrics().horizontalAdvance("0000-00-00") + 24)
        self.leap = QCheckBox(self.tr("闰月"), owner)
        named(self.leap, f"{prefix}Leap", self.tr("闰月"))
        self.prefer_leap: QCheckBox | None = None
        if prefer_leap:
            self.prefer_leap = QCheckBox(self.tr("有闰月的年份按闰月过"), owner)
            named(self.prefer_leap, f"{prefix}PreferLeap", self.tr("有闰月的年份按闰月过"))
        self.words = QLabel(owner)
        self.words.setObjectName(f"{prefix}Words")
        self.words.setAccessibleName(self.tr("日期"))
        self.words.setWordWrap(True)  # the date in words wraps rather than widen the form
        self.row = QWidget(owner)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.calendar)
        line.addWidget(self.date, 1)
        line.addWidget(self.leap)
        line.addWidget(self.words)
        rows = QVBoxLayout(self.row)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(line)
        if self.prefer_leap is not None:
            # On a line of its own: beside the date its words (long in English) widen the form
            # past the member profile's width.
            rows.addWidget(self.prefer_leap)
        self.calendar.currentIndexChanged.connect(self._calendar_changed)
        self.leap.toggled.connect(self._leap_changed)
        self.date.textChanged.connect(self._say)
        self._calendar_changed()

    def _calendar_changed(self) -> None:
        lunar = self.calendar.currentData() == LUNAR
        if not lunar:
            self.leap.setChecked(False)
        self.leap.setEnabled(lunar)
        self._leap_changed()

    def _leap_changed(self) -> None:
        if self.prefer_leap is not None:
            if not self.leap.isChecked():
                self.prefer_leap.setChecked(False)
            self.prefer_leap.setEnabled(self.leap.isChecked())
        self._say()

    def _say(self) -> None:
        """The date in words while it is typed; nothing while it is not yet a date."""
        try:
            self.words.setText(date_words(self.read("")))
        except MemberDateError:
            self.words.clear()

    def read(self, field: str) -> MemberDate | None:
        """The date typed, or None when the date is blank; a refusal names ``field``."""
        text = self.date.text().strip()
        if not text:
            return None
        prefer = self.prefer_leap is not None and self.prefer_leap.isChecked()
        return parse_member_date(
            text, str(self.calendar.currentData()), self.leap.isChecked(), prefer, field=field
        )

    def show(self, date: MemberDate | None) -> None:
        self.calendar.setCurrentIndex(
            max(0, self.calendar.findData(date.calendar if date else SOLAR))
        )
        self.leap.setChecked(bool(date and date.leap_month))
        if self.prefer_leap is not None:
            self.prefer_leap.setChecked(bool(date and date.prefer_leap))
        if date is None:
            self.date.clear()
        elif date.year is None:
            self.date.setText(f"{date.month:02d}-{date.day:02d}")
        else:
            self.date.setText(f"{date.year:04d}-{date.month:02d}-{date.day:02d}")
        self._say()


__all__ = ["DateWords", "FieldMessages", "MemberDateFields", "date_words"]
