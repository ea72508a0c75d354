"""The command line: help, staff, audit check, demo seeding, and plain errors on stderr."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_NO_DISPLAY, EXIT_OK, main

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for command in ("import-products", "export-products", "add-staff", "verify-audit", "demo"):
        assert command in out


def test_add_staff_then_verify_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--data-dir", str(tmp_path), "add-staff", "王芳", "manager", "--pin", "4321"])
        == EXIT_OK
    )
    assert "王芳" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_OK
    assert "完整" in capsys.readouterr().out


def test_verify_audit_fails_on_a_tampered_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--data-dir", str(tmp_path), "add-staff", "王芳", "cashier", "--pin", "4321"])
    main(["--data-dir", str(tmp_path), "add-staff", "刘强", "cashier", "--pin", "4321"])
    capsys.readouterr()
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        connection.execute("update audit_log set actor_id = 'someone' where seq = 1")
    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_FAILED
    assert "第 1 条" in capsys.readouterr().err


def test_a_bad_role_is_a_plain_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "add-staff", "王芳", "boss", "--pin", "4321"])
    assert code == EXIT_FAILED
    err = capsys.readouterr().err
    assert "未知角色" in err
    assert "Traceback" not in err


def test_demo_seeds_an_empty_data_dir_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "demo"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "小王" in out and "1234" in out
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        products = connection.execute("select count(*) from products").fetchone()[0]
    assert products >= 300
    assert main(["--data-dir", str(tmp_path), "demo"]) == EXIT_FAILED


def test_import_of_a_missing_file_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "import-products", str(tmp_path / "nope.csv")])
    assert code == EXIT_FAILED
    assert "错误" in capsys.readouterr().err


def test_the_window_without_a_display_exits_with_a_hint(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["POS_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == EXIT_NO_DISPLAY
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_backup_then_restore_brings_back_the_staff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--data-dir", str(tmp_path), "add-staff", "王芳", "cashier", "--pin", "4321"])
    assert main(["--data-dir", str(tmp_path), "backup"]) == EXIT_OK
    (backup,) = (tmp_path / "backups").glob("counter-*.db")
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        connection.execute("delete from staff")
    assert main(["--data-dir", str(tmp_path), "restore", str(backup)]) == EXIT_OK
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        assert connection.execute("select name from staff").fetchall() == [("王芳",)]
    assert main(["--data-dir", str(tmp_path), "restore", str(tmp_path / "nope.db")]) == EXIT_FAILED
    assert "找不到备份" in capsys.readouterr().err
