"""The server's face: health, its OpenAPI description, registering counters while it runs, and
``python main.py headoffice serve`` really serving."""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.cli import main as counter_main
from app.sync.protocol import SERVER_TIME_HEADER, signed_headers
from headoffice.cli import build_parser, main
from headoffice.db import Database
from headoffice.models import StoreRow
from tests.headoffice.conftest import NOW

ROOT = Path(__file__).resolve().parents[2]


def test_health_and_the_openapi_description(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "database": "sqlite"}
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/v1/sync/push",
        "/v1/sync/pull",
        "/v1/sync/status",
        "/v1/members/lookup",
        "/v1/members/{member_id}/holds",
    } <= set(paths)
    # The push reads its body itself (no model parameter) and still documents it, inline.
    body = paths["/v1/sync/push"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    event = schema["properties"]["events"]["items"]
    assert body["required"] is True
    assert set(event["required"]) == {
        "id",
        "seq",
        "type",
        "schema_version",
        "payload",
        "created_at",
    }
    assert event["properties"]["seq"]["type"] == "integer"
    assert "$ref" not in str(schema)
    assert set(paths["/v1/sync/push"]["post"]["responses"]) >= {"200", "401", "409", "413", "422"}


def test_add_store_prints_the_counter_table_once_and_a_running_server_knows_it_at_once(
    ho_db: Database, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", ho_db.url, "add-store", "S009", "九号店", "--counter", "2"]) == 0
    printed = capsys.readouterr().out
    table = tomllib.loads(printed)["headoffice"]
    assert set(table) == {"url", "store_code", "device_id", "secret"}
    assert table["store_code"] == "S009"
    assert table["url"] == "http://127.0.0.1:8700"
    headers = signed_headers(
        table["device_id"], table["secret"], "GET", "/v1/sync/status", b"", now=NOW
    )
    status = client.get("/v1/sync/status", headers=headers)
    assert status.status_code == 200
    assert status.json()["counter_no"] == 2

    assert main(["--db", ho_db.url, "add-store", "S009", "九号店", "--counter", "2"]) == 1
    again = capsys.readouterr()
    assert "已登记" in again.err
    assert table["secret"] not in again.out + again.err


def test_add_store_refuses_a_bad_counter_number(
    ho_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", ho_db.url, "add-store", "S009", "九号店", "--counter", "100"]) == 1
    assert "1–99" in capsys.readouterr().err


@pytest.mark.parametrize(
    "url", ["notaurl", "http://", "ftp://office.example", "http://10.0.0.5:99999", " http://a"]
)
def test_add_store_refuses_an_address_no_counter_could_reach(
    ho_db: Database, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    assert main(["--db", ho_db.url, "add-store", "S009", "九号店", "--url", url]) == 1
    assert "http://" in capsys.readouterr().err
    with ho_db.transaction() as session:
        assert session.get(StoreRow, "S009") is None


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("foo", "数据库地址不对"),
        ("mysql://office/db", "数据库地址不对"),
        ("sqlite:////nonexistent-folder/office.sqlite3", "无法打开总部数据库"),
        ("postgresql+psycopg://clerk:hunter2@127.0.0.1:1/office", "无法打开总部数据库"),
    ],
)
def test_a_database_that_cannot_be_opened_is_said_plainly(
    capsys: pytest.CaptureFixture[str], url: str, words: str
) -> None:
    assert main(["--db", url, "cases", "/dev/null"]) == 1
    said = capsys.readouterr().err
    assert words in said and "Traceback" not in said
    assert "hunter2" not in said  # a password never reaches the screen


def test_a_file_that_is_not_a_database_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "office.sqlite3"
    wrong.write_bytes(b"not a database at all" * 100)
    assert main(["--db", f"sqlite:///{wrong}", "cases", str(tmp_path / "cases.csv")]) == 1
    assert "无法打开总部数据库" in capsys.readouterr().err
    assert wrong.read_bytes() == b"not a database at all" * 100
    assert not (tmp_path / "cases.csv").exists()


def test_serve_refuses_a_port_taken_or_out_of_range_before_starting(
    ho_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["--db", ho_db.url, "serve", "--port", str(port)]) == 1
    said = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in said and "端口已被占用" in said
    with pytest.raises(SystemExit):
        main(["--db", ho_db.url, "serve", "--port", "99999"])
    assert "1–65535" in capsys.readouterr().err


def test_the_readme_lists_every_head_office_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `headoffice ([a-z-]+)", readme, re.M))
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert listed == set(commands.choices)


def test_the_counters_help_points_to_the_head_office(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        counter_main(["--help"])
    assert "python main.py headoffice --help" in " ".join(capsys.readouterr().out.split())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_main_py_headoffice_serve_runs_two_workers_on_the_default_database(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "POS_HEADOFFICE_DIR": str(tmp_path / "ho")}
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "main.py", "headoffice", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60  # two workers start slowly on a busy machine
        while True:
            try:
                reply = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        assert reply.json() == {"status": "ok", "database": "sqlite"}
        assert SERVER_TIME_HEADER.lower() in reply.headers
        assert (tmp_path / "ho" / "headoffice.sqlite3").exists()
        table = tomllib.loads(
            subprocess.run(
                [sys.executable, "main.py", "headoffice", "add-store", "S001", "一号店"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )["headoffice"]
        for _ in range(4):  # whichever worker answers knows the counter registered just now
            path = "/v1/sync/status"
            headers = signed_headers(
                table["device_id"], table["secret"], "GET", path, b"", now=time.time()
            )
            status = httpx.get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=5)
            assert status.status_code == 200, status.text
            assert status.json()["store_code"] == "S001"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_server_worker_freezes_what_it_built_and_still_collects_cycles_made_later(
    tmp_path: Path,
) -> None:
    """In a process of its own (the test run's collector is left alone): the worker's factory
    leaves the objects of its start out of the collector's walks and collects the young
    generation less often, yet a cycle made while serving is still freed."""
    url = f"sqlite:///{tmp_path / 'ho.sqlite3'}"
    Database(url).migrate()
    script = (
        "import gc, weakref\n"
        "default = gc.get_threshold()\n"
        "from headoffice import asgi\n"
        "asgi.app()\n"
        "assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
        "assert gc.get_threshold() == (asgi.GC_YOUNG_THRESHOLD, *default[1:]), gc.get_threshold()\n"
        "class Node: pass\n"
        "a, b = Node(), Node()\n"
        "a.other, b.other = b, a\n"
        "alive = weakref.ref(a)\n"
        "del a, b\n"
        "gc.collect()\n"
        "assert alive() is None\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "POS_HEADOFFICE_WORKER_DB_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr
