"""Log files in the data directory: rotating, and never holding a card number, a phone, a PIN or
a password whole; crash reports masked the same way."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import logs

CARD, PHONE, PIN = "88000010", "13912345678", "2468"


@pytest.fixture
def logger(tmp_path: Path) -> Iterator[logging.Logger]:
    assert logs.install_log_files(tmp_path) == logs.log_file(tmp_path)
    yield logging.getLogger("tests.logs")
    logs.uninstall_log_files()


def _written(tmp_path: Path) -> str:
    return "".join(
        path.read_text(encoding="utf-8") for path in (tmp_path / logs.LOG_DIR_NAME).iterdir()
    )


def test_card_numbers_phones_pins_and_passwords_are_masked_wherever_they_are_logged(
    tmp_path: Path, logger: logging.Logger
) -> None:
    logger.info("member %s attached by phone %s", CARD, PHONE)
    logger.info("login with pin %s", PIN)  # a PIN passed as a value
    logger.info("swipe ;%s=2512? and %s", CARD, {"pin": PIN})
    logger.warning("card %s phone %s password=s3cret 密码：%s", f"卡号{CARD}", PHONE, "778899")
    try:
        raise ValueError(f"卡号 {CARD} 的会员 {PHONE} 不存在")
    except ValueError:
        logger.exception("lookup failed")

    text = _written(tmp_path)
    for raw in (CARD, PHONE, "s3cret", "778899", ";88000010=2512?"):
        assert raw not in text
    assert f" {PIN}" not in text and f"'{PIN}'" not in text
    assert "****0010" in text and "139****5678" in text and "password=***" in text
    assert "ValueError" in text  # the traceback is kept, masked


def test_receipt_numbers_dates_and_amounts_stay_readable(
    tmp_path: Path, logger: logging.Logger
) -> None:
    logger.info("sale %s paid: %d fen at %s", "S001-01-20261120-0042", 12_345, "2026-11-20")
    logger.info("backed up to backups/counter-20261201-092349.db")
    text = _written(tmp_path)
    assert "S001-01-20261120-0042" in text and "12345 fen" in text
    assert "counter-20261201-092349.db" in text


def test_the_log_file_rotates_and_keeps_a_few_old_ones(
    tmp_path: Path, logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    (handler,) = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    monkeypatch.setattr(handler, "maxBytes", 2_000)
    for n in range(200):
        logger.info("line %d %s", n, "x" * 40)
    names = sorted(p.name for p in (tmp_path / logs.LOG_DIR_NAME).iterdir())
    assert names == ["counter.log", *(f"counter.log.{n}" for n in range(1, logs.LOG_BACKUPS + 1))]
    assert all(p.stat().st_size <= 2_200 for p in (tmp_path / logs.LOG_DIR_NAME).iterdir())


def test_every_command_logs_into_the_data_directory(tmp_path: Path) -> None:
    from app.cli import main

    try:
        assert main(["--data-dir", str(tmp_path), "add-staff", "王芳", "owner", "--pin", PIN]) == 0
    finally:
        logs.uninstall_log_files()
    text = logs.log_file(tmp_path).read_text(encoding="utf-8")
    assert "INFO" in text and PIN not in text.replace("****", "")


def test_a_crash_report_holds_traceback_version_platform_and_last_lines_masked(
    tmp_path: Path, logger: logging.Logger
) -> None:
    logger.info("member %s attached", CARD)
    try:
        raise RuntimeError(f"bad card {CARD} phone {PHONE}")
    except RuntimeError as exc:
        report = logs.write_crash_report(tmp_path, RuntimeError, exc, exc.__traceback__)
    assert report.parent == tmp_path / logs.CRASH_DIR_NAME
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: bad card ****0010 phone 139****5678" in text
    assert f"version: {logs.program_version()}" in text and "platform: " in text
    assert f"python: {sys.version.split()[0]}" in text
    assert "member ****0010 attached" in text  # the last log lines
    assert CARD not in text and PHONE not in text
