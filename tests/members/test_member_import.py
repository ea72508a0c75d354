"""Importing members beside selling (issue 9, items 6, 7 and 9): the file checked whole before
anything is written, short transactions a sale can get between, a killed import resumed without
duplicates, strict decoding, and broken files refused with a plain message."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import EXIT_FAILED, EXIT_OK, main
from app.config import Config
from app.members.enrolment import enrol
from app.members.errors import MemberError
from app.members.member_io import ImportProgress, import_members
from app.members.stored_value import top_up
from app.pos.store_start import open_store
from app.storage.database import Database
from app.storage.member_models import MemberRow
from app.storage.models import AuditRow, OutboxRow
from bench.bench_imports import write_members_csv
from tests.members.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
#: A sale on another connection must commit within this while an import runs. The batches hold
#: the lock some 35 ms; the bench (``python -m bench imports``) gives the real figure against
#: its 100 ms target. Here the bound only has to stay under the 3 s busy timeout a sale met
#: before, with room for a full test run's fsync stalls (0.5 s was seen once).
SALE_BOUND_S = 2.0


@pytest.fixture
def store(config: Config) -> Iterator[Database]:
    """A store as the window and the command line open it (its default card type made)."""
    database = open_store(config)
    yield database
    database.dispose()


def _counts(db: Database) -> tuple[int, int, int]:
    with db.reading() as session:
        members = session.scalar(select(func.count()).select_from(MemberRow)) or 0
        events = session.scalar(select(func.count()).select_from(OutboxRow)) or 0
        audit = session.scalar(select(func.count()).select_from(AuditRow)) or 0
    return members, events, audit


def test_a_sale_on_another_connection_commits_within_the_bound_while_an_import_runs(
    store: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "members.csv"
    write_members_csv(source, 3000)
    with store.transaction() as session:
        buyer = enrol(session, card_no="1", phone="", name="顾客", on=TODAY, actor_id="t").id
    codes: list[int] = []
    importer = threading.Thread(
        target=lambda: codes.append(
            main(["--data-dir", str(tmp_path), "import-members", str(source)])
        )
    )
    waits: list[float] = []
    mid_import = 0  # sales made while part of the file was in
    importer.start()
    while importer.is_alive():  # the window sells on its own connection meanwhile
        start = time.perf_counter()
        with store.transaction() as session:
            top_up(session, buyer, 1_00, on=TODAY, actor_id="t", with_bonus=False)
            members = session.scalar(select(func.count()).select_from(MemberRow)) or 0
        waits.append(time.perf_counter() - start)
        mid_import += 1 < members < 3001
        time.sleep(0.02)
    importer.join()
    assert codes == [EXIT_OK]
    out = capsys.readouterr().out
    assert "新增会员 3000" in out
    assert mid_import >= 2, "the sales ran beside the import"
    assert max(waits) < SALE_BOUND_S, f"a sale waited {max(waits):.3f} s"
    progress = [line for line in out.splitlines() if line.startswith("导入中")]
    assert progress[0] == "导入中：0/3000（0%）" and progress[-1] == "导入中：3000/3000（100%）"
    assert len(progress) > 3  # written in several short transactions, each reported


def test_progress_is_heard_after_each_short_transaction(store: Database, tmp_path: Path) -> None:
    source = tmp_path / "members.csv"
    write_members_csv(source, 1200)
    steps: list[ImportProgress] = []
    report = import_members(store, source, on=TODAY, actor_id="t", progress=steps.append)
    assert report.imported == 1200
    assert steps[0] == ImportProgress(0, 1200) and steps[-1] == ImportProgress(1200, 1200)
    sizes = [b.written - a.written for a, b in itertools.pairwise(steps)]
    assert len(sizes) >= 3 and max(sizes) <= 500


def test_a_killed_import_run_again_resumes_without_duplicates(tmp_path: Path) -> None:
    total = 20_000
    source = tmp_path / "members.csv"
    write_members_csv(source, total)
    command = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path)]
    command += ["import-members", str(source)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    for line in process.stdout:  # killed once some batches are in and many are not
        if line.startswith("导入中") and not line.startswith("导入中：0/"):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        halfway = connection.execute("select count(*) from members").fetchone()[0]
    assert 0 < halfway < total
    again = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert again.returncode == EXIT_OK, again.stderr
    assert f"之前已导入 {halfway} 位会员" in again.stdout
    assert f"新增会员 {total - halfway}" in again.stdout
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        members = connection.execute("select count(distinct card_no) from members").fetchone()
        rows = connection.execute("select count(*) from members").fetchone()
        enrolled = connection.execute(
            "select count(*) from outbox where type = 'MemberEnrolled'"
        ).fetchone()
        openings = connection.execute(
            "select count(*) from stored_value_entries where kind = 'opening'"
        ).fetchone()
        sums = connection.execute(
            "select count(*) from members m where principal_fen != (select coalesce(sum("
            "principal_delta), 0) from stored_value_entries e where e.member_id = m.id)"
        ).fetchone()
    assert (members[0], rows[0], enrolled[0]) == (total, total, total)
    assert (openings[0], sums[0]) == (total, 0)  # every row has an opening balance
    third = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert third.returncode == EXIT_OK and "新增会员 0" in third.stdout  # a finished file


def test_a_finished_file_imported_again_writes_nothing(store: Database, tmp_path: Path) -> None:
    source = tmp_path / "members.csv"
    write_members_csv(source, 30)
    assert import_members(store, source, on=TODAY, actor_id="t").imported == 30
    before = _counts(store)
    report = import_members(store, source, on=TODAY, actor_id="t")
    assert (report.imported, report.already, report.problems) == (0, 30, ())
    assert _counts(store) == before


def _utf8_with_one_gbk_line(path: Path) -> Path:
    path.write_bytes(
        "卡号,姓名,手机\n1001,张一,13811110001\n".encode()
        + "1002,李二,13811110002\n".encode("gbk")
        + "1003,王三,13811110003\n".encode()
    )
    return path


def test_a_utf8_file_with_one_gbk_line_is_refused_naming_the_line(
    store: Database, tmp_path: Path
) -> None:
    source = _utf8_with_one_gbk_line(tmp_path / "members.csv")
    before = _counts(store)
    with pytest.raises(MemberError, match="第 3 行不是 UTF-8 编码"):
        import_members(store, source, on=TODAY, actor_id="t")
    assert _counts(store) == before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_a_file_in_one_encoding_throughout_is_read_in_it(
    store: Database, tmp_path: Path, encoding: str
) -> None:
    source = tmp_path / "members.csv"
    source.write_text("卡号,姓名,手机\n1001,张一,13811110001\n1002,李二,\n", encoding=encoding)
    assert import_members(store, source, on=TODAY, actor_id="t").imported == 2
    with store.reading() as session:
        names = session.scalars(select(MemberRow.name).order_by(MemberRow.card_no)).all()
    assert names == ["张一", "李二"]


def _broken_files(tmp_path: Path) -> dict[str, Path]:
    picture = tmp_path / "members.csv"  # a photo renamed
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    sheet = tmp_path / "members.xlsx"
    sheet.write_bytes(b"\xff\xd8\xff\xe0 a jpeg renamed .xlsx" + bytes(range(256)))
    long_line = tmp_path / "long.csv"
    long_line.write_text("卡号,姓名\n1001," + "长" * 10_000_000 + "\n", encoding="utf-8")
    points = tmp_path / "points.csv"
    points.write_text(f"卡号,姓名,积分\n1001,张一,{2**63 + 5}\n1002,李二,10\n", encoding="utf-8")
    return {"picture": picture, "sheet": sheet, "long_line": long_line, "points": points}


@pytest.mark.parametrize(
    ("which", "said"),
    [
        ("picture", "不是文本格式"),
        ("sheet", "无法打开 Excel 文件"),
        ("long_line", "第 2 行"),
        ("points", "第 2 行：积分过大"),
    ],
)
def test_a_broken_file_is_refused_plainly_on_the_command_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str, said: str
) -> None:
    source = _broken_files(tmp_path)[which]
    assert main(["--data-dir", str(tmp_path), "import-members", str(source)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        assert connection.execute("select count(*) from members").fetchone()[0] == 0


def test_the_command_line_refuses_a_mixed_encoding_file_naming_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _utf8_with_one_gbk_line(tmp_path / "members.csv")
    assert main(["--data-dir", str(tmp_path), "import-members", str(source)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "第 3 行不是 UTF-8 编码" in err and "Traceback" not in err
