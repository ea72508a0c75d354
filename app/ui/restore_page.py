"""系统 → 备份与恢复: the backups that passed their checks, a backup made now, and a restore the
owner alone approves.

The page checks the chosen file with the restore's own checks before anything closes (a file
that is not this store's backup is refused here, with the database untouched); on the owner's
approval it finishes with the file, and the controller closes the sale screen and the counter,
restores (the current database kept aside in ``replaced/``) and starts the program again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.pos.staff import Sensitive
from app.ui.approval import with_approval
from app.ui.dialogs import CounterDialog, named
from app.ui.feedback import Attempt, message_for
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.pos.staff import Approval
    from app.storage.backup import GoodBackup
    from app.ui.session import CounterSession


class RestorePage(CounterDialog):
    """Accepted with the backup's path once it is checked and the owner approved its restore."""

    def __init__(self, parent: QWidget | None, session: CounterSession) -> None:
        super().__init__(parent, self.tr("备份与恢复"))
        self.setObjectName("restorePage")
        self.session = session
        self.chosen: Path | None = None
        heading = QLabel(self.tr("检查通过的备份（最新的在上）"), self)
        heading.setProperty("role", "heading")
        self.backup_list = QListWidget(self)
        named(self.backup_list, "backupList", self.tr("备份列表"))
        self.backup_list.currentItemChanged.connect(self._picked)
        self.file_button = QPushButton(self.tr("选择其他备份文件…"), self)
        named(self.file_button, "backupFileButton", self.tr("选择其他备份文件"))
        self.file_button.clicked.connect(self._choose_file)
        self.backup_now_button = QPushButton(self.tr("立即备份"), self)
        named(self.backup_now_button, "backupNowButton", self.tr("立即备份"))
        self.backup_now_button.clicked.connect(self.backup_now)
        self.check_label = QLabel(self.tr("请选择要恢复的备份"), self)
        self.check_label.setObjectName("backupCheck")
        self.check_label.setAccessibleName(self.tr("备份检查结果"))
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm = QCheckBox(
            self.tr("我明白：恢复后，这个备份之后的销售和会员变动都不在了（当前数据库另存备查）"),
            self,
        )
        named(self.confirm, "restoreConfirm", self.tr("确认恢复"))
        self.unsent = QLabel(self)
        self.unsent.setObjectName("restoreUnsent")
        self.unsent.setWordWrap(True)
        self.unsent.setProperty("role", "error")
        self.unsent.hide()
        self.restore_button = QPushButton(self.tr("恢复（需老板授权）"), self)
        named(self.restore_button, "restoreButton", self.tr("恢复备份"))
        self.restore_button.setProperty("role", "primary")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)
        close = QPushButton(self.tr("关闭"), self)
        named(close, "restoreClose", self.tr("关闭"))
        close.clicked.connect(self.reject)
        tools = QHBoxLayout()
        tools.addWidget(self.file_button)
        tools.addWidget(self.backup_now_button)
        tools.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (close, self.restore_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.backup_list, 1)
        layout.addLayout(tools)
        layout.addWidget(self.check_label)
        layout.addWidget(self.unsent)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumSize(620, 460)
        self.refresh()

    def refresh(self) -> None:
        self.backup_list.clear()
        with Attempt(self.show_error, context="backup list") as attempt:
            backups = self.session.service.backups_to_restore()
        if attempt.failed:
            return
        here = self.session.counter.config.data_dir
        for good in backups:
            where = "" if good.path.is_relative_to(here) else self.tr("（副本文件夹）")
            item = QListWidgetItem(f"{self._describe(good)}{where}")
            item.setData(Qt.ItemDataRole.UserRole, str(good.path))
            self.backup_list.addItem(item)
        if not backups:
            self.check_label.setText(self.tr("还没有检查通过的备份：点“立即备份”做一份"))

    def _describe(self, good: GoodBackup) -> str:
        made = good.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        counted = (
            ("orders", self.tr("订单")),
            ("members", self.tr("会员")),
            ("products", self.tr("商品")),
        )
        counts = "，".join(
            f"{label} {good.rows[table]}" for table, label in counted if table in good.rows
        )
        return f"{made}  {counts}"

    # -- choosing and checking -----------------------------------------------------------------

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.choose(Path(str(item.data(Qt.ItemDataRole.UserRole))))

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择备份文件"), "", self.tr("收银台备份 (*.db);;所有文件 (*)")
        )
        if name:
            self.backup_list.clearSelection()
            self.choose(Path(name))

    def choose(self, path: Path) -> None:
        """Check ``path`` as the restore would (off the GUI thread: a large file takes time)."""
        self.chosen = None
        self.restore_button.setEnabled(False)
        self.clear_error()
        self.check_label.setText(self.tr("正在检查 %1 …").replace("%1", path.name))
        service = self.session.service
        run_task(
            lambda: service.check_backup(path),
            lambda found, error: self._checked(path, found, error),
        )

    def _checked(self, path: Path, found: GoodBackup | None, error: BaseException | None) -> None:
        if error is not None or found is None:
            text = message_for(error, context="backup check") if error else ""
            self.check_label.setText(self.tr("不能恢复：%1").replace("%1", text))
            return
        self.chosen = path
        self.check_label.setText(
            self.tr("%1 检查通过：%2").replace("%1", path.name).replace("%2", self._describe(found))
        )
        self.restore_button.setEnabled(True)
        sync = self.session.counter.sync
        waiting = 0
        if sync is not None:
            with Attempt(self.show_error, context="unsent events"):
                waiting = sync.waiting()
        self.unsent.setVisible(waiting > 0)
        self.unsent.setText(
            self.tr("本机还有 %1 条记录未发送到总部，恢复后它们只留在另存的旧数据库中").replace(
                "%1", str(waiting)
            )
        )

    # -- backing up now ------------------------------------------------------------------------

    def backup_now(self) -> None:
        self.backup_now_button.setEnabled(False)
        self.check_label.setText(self.tr("正在备份…"))
        run_task(self.session.service.backup_now, self._backed_up)

    def _backed_up(self, made: Path | None, error: BaseException | None) -> None:
        self.backup_now_button.setEnabled(True)
        self.refresh()
        if error is not None:
            self.check_label.setText(message_for(error, context="backup now"))
            return
        name = made.name if made is not None else ""
        self.check_label.setText(self.tr("已备份并检查通过：%1").replace("%1", name))

    # -- restoring -----------------------------------------------------------------------------

    def restore(self) -> None:
        path = self.chosen
        if path is None:
            return
        if not self.session.cart.is_empty:
            self.show_error(self.tr("购物车里还有商品：请先结账、挂单或清空，再恢复备份"))
            return
        if not self.confirm.isChecked():
            self.show_error(self.tr("请先勾选确认：恢复会换掉当前的全部数据"))
            return
        with_approval(
            self,
            self.session,
            Sensitive.RESTORE,
            lambda approval: self._approved(path, approval),
            detail=self.tr("恢复备份只能由老板授权"),
        )

    def _approved(self, path: Path, approval: Approval) -> None:
        with Attempt(self.show_error, context="restore approval") as attempt:
            self.session.service.approve_restore(
                path, requested_by=self.session.staff, approval=approval
            )
        if not attempt.failed:
            self.finish(path)
