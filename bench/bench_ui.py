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
COLD_STARTS = 5
FRAME_MS = 16.0
COLD_START_TARGET_S = 1.5
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


def cold_start(data_dir: Path) -> Figure:
    """A fresh ``python main.py`` until the login window is shown, on a seeded data directory."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        POS_EXIT_AFTER_LOGIN_SHOWN="1",
        POS_PRINTER_URI="dummy:",
    )
    env.pop("POS_LANGUAGE", None)
    seconds = []
    for _ in range(COLD_STARTS):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "main.py", "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        wall = time.perf_counter() - start
        match = _LOGIN_SHOWN_RE.search(done.stdout)
        if done.returncode != 0 or match is None:
            raise RuntimeError(f"cold start failed ({done.returncode}): {done.stderr[-500:]}")
        seconds.append(float(match.group(1)) if match else wall)
    value = median(seconds)
    return Figure(
        "cold_start_login_shown",
        value,
        "s",
        f"<= {COLD_START_TARGET_S} s",
        value / COLD_START_TARGET_S,
    )


def run() -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["POS_PRINTER_URI"] = "dummy:"
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "counter"
        data_dir.mkdir()
        scan = scan_to_cart(data_dir)  # seeds the demo store on the way
        return [scan, cold_start(data_dir)]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
