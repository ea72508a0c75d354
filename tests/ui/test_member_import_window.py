"""导入会员 in the members screen: a manager approves, the file goes in beside selling with its
progress shown, and a file with a bad row is refused whole with every bad line listed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QProgressBar, QPushButton

from app.storage.member_models import MemberRow
from app.storage.models import AuditRow, StaffRow
from app.ui import i18n
from tests.ui.driving import (
    MANAGER,
    approval_in,
    approve,
    child,
    click,
    member_row,
    open_dialog,
    open_members_screen,
)

HEADER = "卡号,姓名,手机号,余额\n"


def _members(counter: Any) -> int:
    with counter.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(MemberRow)) or 0)


def test_a_manager_imports_members_from_the_old_system_in_the_window(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    source = tmp_path / "old-system.csv"
    source.write_text(
        HEADER + "".join(f"7700{n:04d},顾客{n},1390000{n:04d},{n}.50\n" for n in range(120)),
        encoding="utf-8",
    )
    before = _members(counter)
    screen = open_members_screen(sale)
    screen.import_file(source)
    approve(qtbot, approval_in(screen))
    dialog = open_dialog(screen, "memberImportDialog")
    state = child(dialog, QLabel, "memberImportState")
    qtbot.waitUntil(lambda: state.text().startswith("导入完成"))
    assert state.text() == "导入完成：新增会员 120 位"
    bar = child(dialog, QProgressBar, "memberImportProgress")
    assert bar.value() == bar.maximum() == 1
    assert _members(counter) == before + 120
    assert member_row(counter, "77000007").principal_fen == 7_50  # the opening balance
    with counter.db.reading() as session:
        actors = session.scalars(
            select(AuditRow.actor_id).where(AuditRow.action == "member.imported")
        ).all()
        manager = session.scalars(select(StaffRow.id).where(StaffRow.name == MANAGER)).one()
    assert actors == [manager]
    click(qtbot, child(dialog, QPushButton, "memberImportClose"))
    assert not dialog.isVisible()


def test_a_file_with_bad_rows_is_refused_whole_and_every_bad_line_is_listed(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    source = tmp_path / "old-system.csv"
    source.write_text(
        HEADER
        + "51000001,好人,13900000001,10\n"
        + "51000002,,13900000002,10\n"
        + "51000003,坏钱,13900000003,十元\n",
        encoding="utf-8",
    )
    before = _members(counter)
    screen = open_members_screen(sale)
    screen.import_file(source)
    approve(qtbot, approval_in(screen))
    dialog = open_dialog(screen, "memberImportDialog")
    state = child(dialog, QLabel, "memberImportState")
    qtbot.waitUntil(lambda: "没有导入任何会员" in state.text())
    listed = child(dialog, QPlainTextEdit, "memberImportProblems").toPlainText().splitlines()
    assert listed == ["第 3 行：姓名须为 1–40 个字", "第 4 行：余额：无法识别的金额：十元"]
    assert _members(counter) == before


def test_a_cashier_cannot_import_without_a_managers_pin(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    source = tmp_path / "old-system.csv"
    source.write_text(HEADER + "99000001,顾客,13900009999,500\n", encoding="utf-8")
    before = _members(counter)
    screen = open_members_screen(sale)
    screen.import_file(source)
    approve(qtbot, approval_in(screen), pin="0000")
    assert screen.findChild(QDialog, "memberImportDialog") is None
    assert _members(counter) == before


def test_the_english_window_lists_the_bad_rows_in_english(
    sale: Any, qtbot: Any, counter: Any, tmp_path: Path
) -> None:
    assert i18n.install(i18n.ENGLISH)
    source = tmp_path / "old-system.csv"
    source.write_text(HEADER + "52000001,,13900000011,10\n", encoding="utf-8")
    screen = open_members_screen(sale)
    screen.import_file(source)
    approve(qtbot, approval_in(screen))
    dialog = open_dialog(screen, "memberImportDialog")
    state = child(dialog, QLabel, "memberImportState")
    qtbot.waitUntil(lambda: "no member was imported" in state.text())
    listed = child(dialog, QPlainTextEdit, "memberImportProblems").toPlainText()
    assert listed.startswith("Line 2: ") and not re.search(r"[\u4e00-\u9fff]", listed), listed
