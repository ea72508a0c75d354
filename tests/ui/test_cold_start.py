"""A cold start on a store at this program's schema: the login window is on the screen before
SQLAlchemy or Alembic is imported, the store opens behind it, and a login typed at once goes
through (it waits for the store, then opens the shift). Run in a fresh process, as a double-click
starts the program: only a fresh process shows what the start imports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.ui.conftest import DATABASE_FILE

ROOT = Path(__file__).resolve().parents[2]

#: Watches the windows from outside the program (an application event filter, by objectName):
#: the modules loaded when the login window first paints, a login typed then, and the shift
#: dialog that follows it. Prints one JSON line.
DRIVER = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from app.cli import main

app = QApplication(sys.argv[:1])
seen = {}

def log_in(window):
    window.user.setCurrentText("小王")
    window.pin.setText("1234")
    window.submit()

class Watch(QObject):
    def eventFilter(self, watched, event):
        name = watched.objectName() if isinstance(watched, QObject) else ""
        if event.type() == QEvent.Type.Paint and name == "loginWindow" and "at_login" not in seen:
            seen["at_login"] = sorted(sys.modules)
            QTimer.singleShot(0, lambda: log_in(watched))
        if event.type() == QEvent.Type.Show and name == "shiftOpenDialog":
            seen["after_login"] = sorted(sys.modules)
            QTimer.singleShot(0, app.quit)
        return False

watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(60_000, app.quit)  # never hang: the assertions below then fail
code = main(["--data-dir", sys.argv[1]])
print(json.dumps({"code": code, **seen}))
"""


def test_the_login_window_shows_before_the_database_layer_and_a_login_still_works(
    tmp_path: Path, seeded_template: Path
) -> None:
    data_dir = tmp_path / "store"
    data_dir.mkdir()
    shutil.copy(seeded_template, data_dir / DATABASE_FILE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_PRINTER_URI="dummy:")
    for name in ("POS_EXIT_AFTER_LOGIN_SHOWN", "POS_LANGUAGE"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    at_login = set(result["at_login"])
    assert "app.ui.login" in at_login
    assert not {"sqlalchemy", "alembic", "app.bootstrap", "app.pos.counter"} & at_login
    assert "after_login" in result, "the login never reached the shift dialog"
    after_login = set(result["after_login"])
    assert {"sqlalchemy", "app.bootstrap"} <= after_login
    assert "alembic" not in after_login  # at the head: nothing to migrate, Alembic not asked
