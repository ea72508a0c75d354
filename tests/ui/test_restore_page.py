"""系统 → 备份与恢复 on the real window: a restore the owner approves puts the backup's data back
(the replaced database kept aside) and starts the program again; a file that is not this store's
backup is refused in plain words with the database untouched; a second backup folder that is
missing is warned about in the status bar while the backup itself still succeeds here."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QPushButton

from app.config import save_settings
from app.storage.backup import REPLACED_DIR_NAME, good_backups, good_backups_in, make_backup
from app.storage.integrity import facts
from tests.ui.conftest import DATABASE_FILE
from tests.ui.driving import (
    CASHIER,
    MANAGER,
    MANAGER_PIN,
    OWNER,
    OWNER_PIN,
    action,
    approval_in,
    approve,
    click,
    error_text,
    login,
    open_dialog,
    pay_cash,
    plain_products,
    scan,
    writes,
)


def _orders_in(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("SELECT count(*) FROM orders").fetchone()
    return int(count)


def _open_page(sale: Any) -> Any:
    action(sale, "backupAction").trigger()
    return open_dialog(sale, "restorePage")


def _restarts(controller: Any) -> list[str]:
    """What the controller said when it started the program again (instead of starting it)."""
    notes: list[str] = []
    controller.restart = notes.append
    return notes


def test_the_owner_restores_a_backup_and_the_sale_made_after_it_is_gone(
    controller: Any, counter: Any, qtbot: Any
) -> None:
    data_dir = counter.config.data_dir
    sale = login(controller, qtbot)  # a cashier: the owner comes over and types the PIN
    backup = good_backups(data_dir)[-1]  # the day's backup, made at login
    orders_then = backup.rows["orders"]
    product = plain_products(counter)[0]
    scan(qtbot, sale, product.barcodes[0])
    pay_cash(qtbot, sale, 100_000)
    assert _orders_in(data_dir / DATABASE_FILE) == orders_then + 1
    notes = _restarts(controller)

    page = _open_page(sale)
    backups = page.findChild(QListWidget, "backupList")
    assert backups.count() == 1 and "订单 0" in backups.item(0).text()
    backups.setCurrentRow(0)
    assert "检查通过" in page.findChild(QLabel, "backupCheck").text()
    restore = page.findChild(QPushButton, "restoreButton")
    click(qtbot, restore)
    assert "请先勾选确认" in error_text(page)
    page.findChild(QCheckBox, "restoreConfirm").setChecked(True)
    click(qtbot, restore)
    approve(qtbot, approval_in(page), MANAGER, MANAGER_PIN)  # a manager may not
    assert "没有授权" in error_text(approval_in(page)) and notes == []
    assert _orders_in(data_dir / DATABASE_FILE) == orders_then + 1
    approval_in(page).reject()
    click(qtbot, restore)
    approve(qtbot, approval_in(page), OWNER, OWNER_PIN)

    assert controller.sale_window is None  # the sale screen closed before the restore
    assert len(notes) == 1 and "已从备份" in notes[0] and "原数据库另存为" in notes[0]
    assert _orders_in(data_dir / DATABASE_FILE) == orders_then
    (kept,) = (data_dir / REPLACED_DIR_NAME).glob("*.db")
    assert _orders_in(kept) == orders_then + 1  # the sale is in the database kept aside
    with sqlite3.connect(kept) as connection:
        audited = connection.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'backup.restore'"
        ).fetchone()
    assert audited == (1,)

    # The program started again on the restored database: the cashier logs in and sells on.
    from app.bootstrap import build
    from app.ui.application import CounterApp

    restarted = build(data_dir, for_window=True)
    try:
        again = CounterApp(restarted)
        again.show_login()
        sale = login(again, qtbot, CASHIER)
        scan(qtbot, sale, product.barcodes[0])
        pay_cash(qtbot, sale, 100_000)
        assert _orders_in(data_dir / DATABASE_FILE) == orders_then + 1
    finally:
        restarted.close()


def test_a_damaged_or_foreign_file_is_refused_in_plain_words_and_the_database_is_unchanged(
    sale: Any, counter: Any, qtbot: Any, tmp_path: Path
) -> None:
    before = writes(counter)
    page = _open_page(sale)
    restore = page.findChild(QPushButton, "restoreButton")
    check = page.findChild(QLabel, "backupCheck")

    garbage = tmp_path / "counter-20260101-000000.db"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    page.choose(garbage)
    assert check.text().startswith("不能恢复：") and "数据库没有改动" in check.text()
    assert not restore.isEnabled()

    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    page.choose(foreign)
    assert "不是收银台的备份" in check.text() and not restore.isEnabled()

    from app.bootstrap import build

    other = build(tmp_path / "other-store")  # another store: its own store id
    other.close()
    theirs = make_backup(other.config.database_path, other.config.data_dir)
    page.choose(theirs)
    assert "属于另一家门店" in check.text() and not restore.isEnabled()

    assert writes(counter) == before
    assert not (counter.config.data_dir / REPLACED_DIR_NAME).exists()
    assert controller_still_selling(sale)


def controller_still_selling(sale: Any) -> bool:
    return bool(sale.isVisible() and sale.session.cart.is_empty)


def test_a_checked_backup_that_vanished_before_the_approval_is_refused_and_nothing_closes(
    controller: Any, counter: Any, qtbot: Any, tmp_path: Path
) -> None:
    sale = login(controller, qtbot, OWNER, OWNER_PIN)  # the owner approves with their login
    usb_copy = tmp_path / "counter-20261201-080000.db"
    good = good_backups(counter.config.data_dir)[-1]
    usb_copy.write_bytes(good.path.read_bytes())
    notes = _restarts(controller)
    page = _open_page(sale)
    page.choose(usb_copy)
    assert "检查通过" in page.findChild(QLabel, "backupCheck").text()
    page.findChild(QCheckBox, "restoreConfirm").setChecked(True)
    usb_copy.unlink()  # the USB stick pulled out
    click(qtbot, page.findChild(QPushButton, "restoreButton"))
    assert "找不到备份文件" in error_text(page)
    assert notes == [] and controller.sale_window is sale and sale.isVisible()
    assert not (counter.config.data_dir / REPLACED_DIR_NAME).exists()


def test_a_restore_refused_after_the_window_closed_leaves_the_database_and_says_why(
    controller: Any, counter: Any, qtbot: Any, tmp_path: Path
) -> None:
    login(controller, qtbot)
    database = counter.config.database_path
    before = facts(database)
    notes = _restarts(controller)
    controller.restore_backup(tmp_path / "gone.db")
    assert len(notes) == 1 and notes[0].startswith("备份没有恢复：找不到备份文件")
    assert facts(database) == before
    assert not (counter.config.data_dir / REPLACED_DIR_NAME).exists()


def test_a_missing_second_folder_is_warned_about_and_the_backup_still_succeeds_here(
    controller: Any, counter: Any, qtbot: Any, tmp_path: Path
) -> None:
    usb = tmp_path / "usb-stick"
    counter.apply_settings(
        save_settings(counter.config.data_dir, {"backup": {"second_folder": str(usb)}})
    )
    sale = login(controller, qtbot)
    warning = sale.statusBar().findChild(QLabel, "backupWarning")
    assert warning is not None and "不存在" in warning.text() and str(usb) in warning.text()
    assert len(good_backups(counter.config.data_dir)) == 1  # made here all the same

    usb.mkdir()  # the stick is plugged in: 立即备份 copies every good backup to it
    page = _open_page(sale)
    click(qtbot, page.findChild(QPushButton, "backupNowButton"))
    assert "已备份并检查通过" in page.findChild(QLabel, "backupCheck").text()
    copies = good_backups_in(usb / "StoreCounter-S001-01")
    assert [c.path.name for c in copies] == [
        g.path.name for g in good_backups(counter.config.data_dir)
    ]
    assert len(copies) == 2


def test_the_program_starts_again_with_its_own_command_line(monkeypatch: Any) -> None:
    from app.ui import application

    monkeypatch.setattr(sys, "argv", ["main.py", "--data-dir", "/srv/store"])
    assert application.restart_command() == (
        sys.executable,
        ["main.py", "--data-dir", "/srv/store"],
    )
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/store-counter/pos")
    monkeypatch.setattr(sys, "argv", ["/opt/store-counter/pos", "--data-dir", "/srv/store"])
    assert application.restart_command() == ("/opt/store-counter/pos", ["--data-dir", "/srv/store"])
