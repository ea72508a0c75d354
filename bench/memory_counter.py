"""``python -m bench.memory_counter DATA_DIR``: the real counter window, offscreen, measured.

Started as a subprocess by ``bench_memory`` so each reading is a fresh process, as a cashier's
double-click is: it shows the login window, reads the resident set size, logs in as the demo
cashier (opening the shift on a first login), lets the window settle for ``--settle`` seconds
(the reminders, the sync status, the daily upkeep all run then) and reads it again. Prints
``rss_login_window_mb=…`` and ``rss_after_login_mb=…``; ``--trace N`` also prints the N biggest
Python allocation sites after login (tracemalloc), to find where memory went.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

CASHIER = "小王"
CASHIER_PIN = "1234"
OPENING_FLOAT = "100"
LOGIN_TIMEOUT_S = 60.0


def rss_mb() -> float:
    """This process's resident set size now, from /proc (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS not found in /proc/self/status")


def _pump(app: object, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds after login")
    parser.add_argument("--trace", type=int, default=0, help="print N top allocation sites")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.trace:
        import tracemalloc

        tracemalloc.start(8)

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build
    from app.ui import i18n
    from app.ui.application import CounterApp, apply_look
    from app.ui.tasks import wait_for_tasks

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_look(app)
    counter = build(args.data_dir, for_window=True)
    i18n.install(i18n.chosen_language(counter.config.language, counter.config.data_dir))
    controller = CounterApp(counter)
    login = controller.show_login()
    _pump(app, 1.0)
    print(f"rss_login_window_mb={rss_mb():.1f}", flush=True)
    if args.trace:
        import tracemalloc

        before = tracemalloc.take_snapshot()

    login.user.setCurrentText(CASHIER)
    login.pin.setText(CASHIER_PIN)
    login.submit()
    deadline = time.monotonic() + LOGIN_TIMEOUT_S
    while controller.sale_window is None:
        if time.monotonic() > deadline:
            raise RuntimeError("the sale window did not open")
        dialog = login.dialog
        if dialog is not None and dialog.objectName() == "shiftOpenDialog":
            dialog.input.setText(OPENING_FLOAT)  # type: ignore[attr-defined]
            dialog.submit()  # type: ignore[attr-defined]
        _pump(app, 0.05)
    _pump(app, args.settle)
    # On a loaded machine the screen's background work (reminders, upkeep) may take longer
    # than the settle time: the reading waits for it, so it is the figure a cashier lives with.
    deadline = time.monotonic() + LOGIN_TIMEOUT_S * 2
    while QThreadPool.globalInstance().activeThreadCount() and time.monotonic() < deadline:
        _pump(app, 0.1)
    _pump(app, 0.5)
    print(f"rss_after_login_mb={rss_mb():.1f}", flush=True)
    if args.trace:
        after = tracemalloc.take_snapshot()
        for stat in after.compare_to(before, "traceback")[: args.trace]:
            print(f"{stat.size_diff / 1024 / 1024:8.1f} MB {stat.count_diff:>9} blocks", flush=True)
            for line in stat.traceback.format()[-8:]:
                print("    " + line, flush=True)
    wait_for_tasks()
    controller.close_all()
    counter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
