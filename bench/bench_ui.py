"""The screen's promises: a scan paints its row within a frame, and a cold start is quick."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, median

SCANS = 200
COLD_STARTS = 7
FRAME_MS = 16.0
COLD_START_TARGET_S = 1.0
ROOT = Path(__file__).resolve().parents[1]
_LOGIN_SHOWN_RE = re.compile(r"login_shown_after_s=([0-9.]+)")


def _logged_in_sale_window(data_dir: Path) -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build
    from app.ui.application import CounterApp, apply_look
    from app.ui.tasks import set_runner, synchronous_runner

    app = QApplication.instance() or QApplication([])
    apply_look(app)  # type: ignore[arg-type]
    set_runner(synchronous_runner)
    counter = build(data_dir, seed_demo=True)
    controller = CounterApp(counter)
    login = controller.show_login()
    login.user.setCurrentText("小王")
    login.pin.setText("1234")
    login.submit()
    if login.dialog is not None:  # the opening float
        login.dialog.input.setText("100")
        login.dialog.submit()
    window = controller.sale_window
    assert window is not None
    window.showNormal()
    window.resize(1024, 768)
    app.processEvents()
    return controller, window


def scan_to_cart(data_dir: Path) -> Figure:
    """From Enter in the scan field to the cart row painted, one scan at a time."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    controller, window = _logged_in_sale_window(data_dir)
    products = [p for p in controller.counter.service.search("6", 100) if p.barcodes]
    codes = [p.barcodes[0] for p in products if not p.by_weight]
    timings = []
    for n in range(SCANS):
        window.scan_input.setText(codes[n % len(codes)])
        start = time.perf_counter()
        QTest.keyClick(window.scan_input, Qt.Key.Key_Return)
        window.table.viewport().repaint()
        window.total_label.repaint()
        timings.append((time.perf_counter() - start) * 1000)
        QApplication.processEvents()
    assert window.model.rowCount() > 0
    controller.counter.close()
    value = median(timings)
    return Figure("scan_to_cart_median", value, "ms", f"<= {FRAME_MS:.0f} ms", value / FRAME_MS)


#: The same moment for a bare PySide6 window (import, QApplication, one label, first paint): the
#: floor any Qt program pays on this machine now, the cold start's baseline.
_BARE_WINDOW = """
import os
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

def age():
    with open("/proc/self/stat", encoding="ascii") as stat:
        start = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as uptime:
        return float(uptime.read().split()[0]) - start / os.sysconf("SC_CLK_TCK")

app = QApplication([])
window = QWidget()
QLabel("收银台登录", window)
window.resize(1024, 768)

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"login_shown_after_s={age():.3f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


def _launch_seconds(command: list[str], env: dict[str, str]) -> float:
    """Seconds from the process's start to its window's first paint, as it prints them."""
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    match = _LOGIN_SHOWN_RE.search(done.stdout)
    if done.returncode != 0 or match is None:
        raise RuntimeError(f"cold start failed ({done.returncode}): {done.stderr[-500:]}")
    return float(match.group(1))


def cold_start(data_dir: Path) -> list[Figure]:
    """A fresh ``python main.py`` until its login window first paints, on a seeded data
    directory, against a bare PySide6 window launched alternately in the same run.

    The bytecode cache is on (in a scratch folder), as for any installed program after its first
    start (the bundle ships bytecode): a machine with ``PYTHONDONTWRITEBYTECODE`` set would
    otherwise compile every module of the program at every launch. One launch of each warms it.
    """
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        POS_EXIT_AFTER_LOGIN_SHOWN="1",
        POS_PRINTER_URI="dummy:",
        PYTHONPYCACHEPREFIX=str(data_dir.parent / "pycache"),
    )
    for name in ("POS_LANGUAGE", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    counter = [sys.executable, "main.py", "--data-dir", str(data_dir)]
    bare = [sys.executable, "-c", _BARE_WINDOW]
    _launch_seconds(counter, env)
    _launch_seconds(bare, env)
    seconds, baseline = [], []
    for _ in range(COLD_STARTS):
        seconds.append(_launch_seconds(counter, env))
        baseline.append(_launch_seconds(bare, env))
    value, base = median(seconds), median(baseline)
    return [
        Figure(
            "cold_start_login_shown",
            value,
            "s",
            f"<= {COLD_START_TARGET_S} s",
            value / base,
        ),
        Figure("cold_start_spread (max - min)", max(seconds) - min(seconds), "s", "-"),
        Figure("bare_qt_window_shown (baseline)", base, "s", "-"),
    ]


def run() -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["POS_PRINTER_URI"] = "dummy:"
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "counter"
        data_dir.mkdir()
        scan = scan_to_cart(data_dir)  # seeds the demo store on the way
        return [scan, *cold_start(data_dir)]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
