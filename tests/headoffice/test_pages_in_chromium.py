"""The office's pages as a person sees them: served by uvicorn on a real port and rendered by a
real headless Chromium (Debian's ``chromium``; CI installs it), not only read as HTML."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from headoffice.api import create_app
from headoffice.db import Database
from tests.headoffice.conftest import Clock, Counter
from tests.headoffice.test_across_stores import build_history
from tests.headoffice.test_pages import CARD, _overdraw

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium for a real browser (CI installs it)"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(ho_db: Database) -> Iterator[str]:
    """The head office on a real port of this machine (the pages answer loopback only)."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(ho_db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _chromium(*args: str) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--lang=zh-CN", *args],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_chromium_renders_a_member_across_stores_and_the_cases(
    served: str, store_a: Counter, store_b: Counter, tmp_path: Path
) -> None:
    _overdraw(store_a, store_b)  # topped up at S001, spent beyond it at S002
    assert httpx.get(f"{served}/health").json()["status"] == "ok"

    member = _chromium("--dump-dom", f"{served}/members?q={CARD}")
    assert "张三" in member
    assert "S001-01" in member and "S002-01" in member  # where each entry happened
    assert "-15.00" in member  # the balance the overdraft took below zero

    cases = _chromium("--dump-dom", f"{served}/cases")
    assert "透支" in cases and CARD[-4:] in cases

    shot = tmp_path / "stores.png"
    _chromium(f"--screenshot={shot}", "--window-size=1200,800", f"{served}/")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5_000


def test_chromium_renders_the_pages_across_stores_with_their_figures_and_charts(
    served: str, ho_db: Database, client: TestClient, clock: Clock, tmp_path: Path
) -> None:
    build_history(ho_db, client, clock)  # three stores; every figure below worked out by hand
    november = "from=2026-11-01&to=2026-11-30"

    sales = _chromium("--dump-dom", f"{served}/sales?{november}")
    assert "635.00" in sales and "90.55 %" in sales  # net sales, the members' share
    assert "S002 二号店" in sales and "430.00" in sales
    assert sales.count("<svg") == 2 and "<rect" in sales

    segments = _chromium("--dump-dom", f"{served}/segments?on=2026-11-30")
    assert "活跃会员" in segments and "睡眠会员" in segments and "<svg" in segments
    assert "全部门店同期的平均客单价" in segments

    settle = _chromium("--dump-dom", f"{served}/settlement?{november}")
    assert "先进先出" in settle and "S001 → S002" in settle and "<svg" in settle
    assert "100.00" in settle and "60.00" in settle  # S001 owes S002; net of S002's 40 back

    metrics = _chromium("--dump-dom", f"{served}/metrics?{november}")
    assert "会员激活率" in metrics and "50.00 %" in metrics and "90.55 %" in metrics
    assert "新增会员 ÷ 会员总数" in metrics  # the counter's definition beside its value
    assert metrics.count("<svg") == 2 and "<rect" in metrics  # recency and visit gaps
    assert "<td>2026-11</td><td>2</td><td>100.00 %</td>" in metrics  # the cohort triangle
    assert "1 位会员的入会日期总部不知道" in metrics

    refused = _chromium("--dump-dom", f"{served}/settlement?from=2026-11-30&to=2026-11-01")
    assert "晚于结束日期" in refused and "<svg" not in refused

    refused = _chromium("--dump-dom", f"{served}/metrics?from=2026-11-30&to=2026-11-01")
    assert "晚于结束日期" in refused and "<svg" not in refused

    for page in ("sales", "metrics"):
        shot = tmp_path / f"{page}.png"
        _chromium(f"--screenshot={shot}", "--window-size=1200,1600", f"{served}/{page}?{november}")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5_000
