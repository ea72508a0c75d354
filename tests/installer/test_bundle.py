"""The PyInstaller bundle (``make bundle``: dist/pos) starts on its own, offscreen, to the login
window: its migrations, escpos's data, the translations and the font travel with it.

Building the bundle takes a minute or two, so ``make test`` does not; ``.ci/run`` builds it and
then runs this file. Without a built bundle the tests are skipped, saying so."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.db import MIGRATIONS_DIR, schema_revisions

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "pos"
EXECUTABLE = BUNDLE / ("pos.exe" if sys.platform == "win32" else "pos")
INTERNAL = BUNDLE / "_internal"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not EXECUTABLE.exists(),
        reason="no bundle at dist/pos: `make bundle` builds it (a minute or two); .ci/run does",
    ),
]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The bundle run as a store would: from elsewhere, with no Python of ours on any path."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "POS_", "VIRTUAL_ENV"))
    }
    env.update(QT_QPA_PLATFORM="offscreen", POS_PRINTER_URI="dummy:", HOME=str(cwd))
    env["POS_EXIT_AFTER_LOGIN_SHOWN"] = "1"
    return subprocess.run(
        [str(EXECUTABLE), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_bundle_carries_this_trees_migrations_and_data_files() -> None:
    bundled = sorted(p.name for p in (INTERNAL / "app/storage/migrations/versions").glob("*.py"))
    source = sorted(p.name for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    assert bundled == source, "dist/pos is older than the migrations here: run `make bundle`"
    assert (INTERNAL / "headoffice/migrations/env.py").is_file()
    assert (INTERNAL / "escpos/capabilities.json").is_file()
    assert (INTERNAL / "resources/translations/store_counter_en.qm").is_file()
    assert (INTERNAL / "resources/fonts/wqy-microhei-receipt.ttf").is_file()
    qt = INTERNAL / "PySide6"
    assert not list(qt.rglob("*WebEngine*")) and not list(qt.rglob("*Qt6Quick*"))
    assert not list(qt.rglob("*Qt63D*")) and not list(qt.rglob("*Multimedia*"))


def test_the_bundle_seeds_the_demo_and_starts_offscreen_to_the_login_window(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "store"
    seeded = _run(["--data-dir", str(data_dir), "demo"], tmp_path)
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    assert "演示门店已创建" in seeded.stdout
    with sqlite3.connect(data_dir / "counter.db") as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == schema_revisions()[1]  # every migration ran from inside the bundle

    started = _run(["--data-dir", str(data_dir)], tmp_path)
    assert started.returncode == 0, started.stderr[-2000:]
    assert "login_shown_after_s=" in started.stdout
