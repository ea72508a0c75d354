"""``python main.py sync``: push and pull once, say what was done, exit 0 when everything is
acknowledged and 75 when the head office cannot be reached (nothing lost: the events wait)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select

from app.cli import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, main
from app.config import Config
from app.members.enrolment import enrol
from app.members.stored_value import top_up
from app.storage.models import AuditRow
from headoffice.cli import main as office_main
from headoffice.models import MemberRow as HeadOfficeMember
from headoffice.pull import follow
from tests.sync.conftest import HeadOffice, Store


def _enrol(store: Store) -> None:
    with store.db.transaction() as session:
        member = enrol(
            session,
            card_no="88000009",
            phone="13900001111",
            name="李四",
            on=store.service.today(),
            actor_id=store.cashier.id,
        )
        top_up(session, member.id, 50_00, on=store.service.today(), actor_id=store.cashier.id)


def test_sync_pushes_and_pulls_once_and_exits_0(
    headoffice: HeadOffice, stores: tuple[Store, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = stores
    _enrol(a)
    assert main(["--data-dir", str(a.config.data_dir), "sync"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "已发送" in out and "全部记录已被总部确认" in out
    with headoffice.db.transaction() as session:  # B asked about the member once
        member_id = session.scalar(select(HeadOfficeMember.id))
        assert member_id is not None
        follow(session, "S002", member_id)
    assert office_main(["set-limits", "--per-sale", "80", "--db", headoffice.db.url]) == EXIT_OK
    capsys.readouterr()
    assert main(["--data-dir", str(b.config.data_dir), "sync"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "1 位外店会员新加入本机" in out
    assert "已接收总部设置：0 个卡类型，0 条充值赠送规则，0 个商品，离线限额" in out


def test_sync_exits_75_when_the_head_office_is_down_and_the_events_wait(
    headoffice: HeadOffice, stores: tuple[Store, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = stores
    _enrol(a)
    headoffice.stop()
    assert main(["--data-dir", str(a.config.data_dir), "sync"]) == EXIT_UNREACHABLE
    assert "总部无法连接" in capsys.readouterr().err
    assert a.worker.waiting() > 0
    headoffice.start()
    assert main(["--data-dir", str(a.config.data_dir), "sync"]) == EXIT_OK
    assert a.worker.waiting() == 0


def test_sync_without_headoffice_says_so(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(config.data_dir), "sync"]) == EXIT_FAILED
    assert "[headoffice]" in capsys.readouterr().err


def test_restore_warns_while_events_wait_and_restores_when_told(
    headoffice: HeadOffice, stores: tuple[Store, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = stores
    data = str(a.config.data_dir)
    assert main(["--data-dir", data, "backup"]) == EXIT_OK
    backup = capsys.readouterr().out.splitlines()[0].split("：", 1)[1].strip()
    _enrol(a)
    waiting = a.worker.waiting()
    a.db.dispose()
    assert main(["--data-dir", data, "restore", backup]) == EXIT_FAILED
    assert f"还有 {waiting} 条记录未发送到总部" in capsys.readouterr().err
    assert a.worker.waiting() == waiting  # nothing replaced
    assert main(["--data-dir", data, "restore", backup, "--even-unsent"]) == EXIT_OK


def test_verify_audit_fails_when_the_newest_rows_the_head_office_acknowledged_are_deleted(
    headoffice: HeadOffice, stores: tuple[Store, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = stores
    _enrol(a)
    data = str(a.config.data_dir)
    assert main(["--data-dir", data, "sync"]) == EXIT_OK
    assert main(["--data-dir", data, "verify-audit"]) == EXIT_OK
    with a.db.transaction() as session:  # the chain still links: only the anchor sees it
        newest = session.scalar(select(func.max(AuditRow.seq)))
        session.execute(delete(AuditRow).where(AuditRow.seq == newest))
    capsys.readouterr()
    assert main(["--data-dir", data, "verify-audit"]) == EXIT_FAILED
    assert "与总部确认的链头不符" in capsys.readouterr().err
