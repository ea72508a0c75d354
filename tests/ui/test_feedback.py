"""Known errors are said in the screen's language; any other is a bug: logged, apologised for."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from app.members.errors import InsufficientPoints
from app.pos.barcodes import ean_check_digit
from app.storage.database import StorageBusy
from app.ui import i18n
from app.ui.feedback import Attempt, is_known, message_for
from tests.ui.driving import banner, scan

APOLOGY = "抱歉，程序出了点问题，操作未完成。请重试，或联系店长查看日志。"
APOLOGY_EN = "Sorry, something went wrong"


def _resume_failing_with(sale: Any, monkeypatch: pytest.MonkeyPatch, error: Exception) -> str:
    """F9 (resume) on the sale screen while the service raises ``error``: the banner's text."""

    def parked_carts() -> Any:
        raise error

    monkeypatch.setattr(sale.session.service, "parked_carts", parked_carts)
    sale.resume()
    return str(banner(sale).text())


def test_a_builtin_value_error_from_a_service_is_a_bug_logged_with_its_traceback(
    sale: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bug = ValueError("invalid literal for int() with base 10: 'x'")
    with caplog.at_level(logging.ERROR, logger="app.ui.feedback"):
        assert _resume_failing_with(sale, monkeypatch, bug) == APOLOGY
    (record,) = [r for r in caplog.records if r.name == "app.ui.feedback"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[1] is bug
    assert "Traceback" in caplog.text and "parked_carts" in caplog.text


def test_a_known_error_from_a_service_shows_its_own_words_and_logs_nothing(
    sale: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    busy = StorageBusy("数据库正被占用，请稍后重试")
    with caplog.at_level(logging.ERROR, logger="app.ui.feedback"):
        assert _resume_failing_with(sale, monkeypatch, busy) == "数据库正被占用，请稍后重试"
    assert caplog.records == []


def test_the_english_window_says_known_errors_in_english_with_their_values(
    sale: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert i18n.install(i18n.ENGLISH)
    body = "690000000001"
    code = body + str(ean_check_digit(body))
    scan(qtbot, sale, code)
    assert banner(sale).text() == f"Product not found: {code}"
    busy = StorageBusy("数据库正被占用，请稍后重试")
    said = _resume_failing_with(sale, monkeypatch, busy)
    assert said == "The database is in use; try again shortly"
    assert _resume_failing_with(sale, monkeypatch, KeyError("cart")).startswith(APOLOGY_EN)


def test_a_known_error_holding_a_known_error_is_worded_whole_in_each_language() -> None:
    from app.pos.cart import CartError

    error = CartError("%1：%2", "可乐", InsufficientPoints(300, 120))
    assert message_for(error) == "可乐：积分不足：需 300 分，现有 120 分"
    assert i18n.install(i18n.ENGLISH)
    assert message_for(error) == "可乐: Not enough points: 300 needed, 120 held"


def test_only_the_os_errors_of_the_world_are_known_and_said_in_plain_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    missing = FileNotFoundError(2, "No such file or directory", "/mnt/usb/会员.csv")
    full = OSError(28, "No space left on device")
    assert is_known(missing) and is_known(full)
    assert not is_known(OSError(9, "Bad file descriptor"))
    with caplog.at_level(logging.ERROR, logger="app.ui.feedback"):
        assert message_for(missing) == "找不到文件：/mnt/usb/会员.csv"
        assert message_for(full) == "磁盘空间已满，请清理后重试"
    assert caplog.records == []
    assert message_for(OSError(9, "Bad file descriptor")) == APOLOGY


def test_an_attempt_says_what_failed_and_lets_the_site_carry_on() -> None:
    said: list[str] = []
    with Attempt(said.append) as attempt:
        pass
    assert not attempt.failed and said == []
    with Attempt(said.append) as attempt:
        raise InsufficientPoints(300, 120)
    assert attempt.failed and isinstance(attempt.error, InsufficientPoints)
    assert said == ["积分不足：需 300 分，现有 120 分"]
    with pytest.raises(KeyboardInterrupt), Attempt(said.append):
        raise KeyboardInterrupt
    assert len(said) == 1
