"""The command line: help, staff, audit check, demo seeding, and plain errors on stderr."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_NO_DISPLAY, EXIT_OK, EXIT_USAGE, main

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


MEMBERS_CSV = (
    "卡号,姓名,手机,性别,生日,生日类型,卡类型,余额,赠送余额,积分\n"
    "88000001,张三,13812345678,男,1990-11-24,公历,,100.00,20.00,50\n"
    "88000003,王五,13812345680,,,,,0,0,0\n"
)
#: The same members with one row whose card type the store does not have.
MEMBERS_CSV_WITH_A_BAD_ROW = (
    "卡号,姓名,手机,性别,生日,生日类型,卡类型,余额,赠送余额,积分\n"
    "88000001,张三,13812345678,男,1990-11-24,公历,,100.00,20.00,50\n"
    "88000002,李四,13812345679,女,1985-03-01,solar,金卡,0,0,0\n"
    "88000003,王五,13812345680,,,,,0,0,0\n"
)


def test_a_fresh_store_imports_members_without_a_card_type_as_its_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """First-day failure: a fresh store (no demo) refused every row, having no default type."""
    source = tmp_path / "members.csv"
    source.write_text("卡号,姓名,卡类型\n88000001,张三,\n88000002,李四,普通卡\n", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "import-members", str(source)]) == EXIT_OK
    assert "新增会员 2" in capsys.readouterr().out
    for _start in range(3):  # each command starts the store again
        assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_OK
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        types = connection.execute(
            "select name, is_default, active from member_card_types"
        ).fetchall()
        held = connection.execute(
            "select m.card_no, t.name from members m"
            " join member_card_types t on t.id = m.card_type_id order by m.card_no"
        ).fetchall()
        made = connection.execute(
            "select actor_id from audit_log where action = 'card_type.created'"
        ).fetchall()
    assert types == [("普通卡", 1, 1)]
    assert held == [("88000001", "普通卡"), ("88000002", "普通卡")]
    assert made == [("system",)]


def test_import_members_reports_each_bad_row_with_its_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "members.csv"
    source.write_text(MEMBERS_CSV_WITH_A_BAD_ROW, encoding="utf-8")
    code = main(["--data-dir", str(tmp_path), "import-members", str(source)])
    assert code == EXIT_FAILED  # one row was refused, so none was written
    captured = capsys.readouterr()
    assert "第 3 行" in captured.err and "金卡" in captured.err  # the unknown card type
    assert "没有导入任何会员" in captured.err
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        count = connection.execute("select count(*) from members").fetchone()[0]
    assert count == 0
    source.write_text(MEMBERS_CSV, encoding="utf-8")  # the bad row fixed (here: taken out)
    assert main(["--data-dir", str(tmp_path), "import-members", str(source)]) == EXIT_OK
    captured = capsys.readouterr()
    assert "新增会员 2" in captured.out and "2/2（100%）" in captured.out  # progress shown
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        rows = connection.execute(
            "select card_no, principal_fen, bonus_fen, points from members order by card_no"
        ).fetchall()
        actors = connection.execute(
            "select actor_id from audit_log where action = 'member.imported'"
        ).fetchall()
    assert rows == [("88000001", 100_00, 20_00, 50), ("88000003", 0, 0, 0)]
    assert actors == [("cli",)]


def test_import_members_of_a_missing_file_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "import-members", str(tmp_path / "nope.csv")])
    assert code == EXIT_FAILED
    err = capsys.readouterr().err
    assert "找不到文件" in err and "Traceback" not in err


def test_export_members_writes_balances_and_is_audited_as_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "members.csv"
    source.write_text(MEMBERS_CSV, encoding="utf-8")
    main(["--data-dir", str(tmp_path), "import-members", str(source)])
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["--data-dir", str(tmp_path), "add-staff", "李店长", "manager"]) == EXIT_OK
    target = tmp_path / "out.csv"
    export = ["--data-dir", str(tmp_path), "export-members", str(target), "--approver", "李店长"]
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(export) == EXIT_OK
    assert "2 位会员" in capsys.readouterr().out
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("card_no,name,phone")
    assert lines[1].startswith("88000001,张三,13812345678,")
    assert "100.00,20.00,50" in lines[1]
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        who = connection.execute(
            "select actor_id, approver_id from audit_log where action = 'member.exported'"
        ).fetchall()
        manager = connection.execute("select id from staff where name = '李店长'").fetchone()
    assert who == [("cli", manager[0])]


def test_export_members_with_full_phones_needs_a_managers_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line asks the approver's PIN as the window does: a cashier's PIN, a wrong
    PIN or an unknown name exports nothing, said plainly; the wrong PIN counts."""
    source = tmp_path / "members.csv"
    source.write_text(MEMBERS_CSV, encoding="utf-8")
    main(["--data-dir", str(tmp_path), "import-members", str(source)])
    for name, role, pin in (("李店长", "manager", "2468"), ("小王", "cashier", "1234")):
        monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
        assert main(["--data-dir", str(tmp_path), "add-staff", name, role]) == EXIT_OK
    capsys.readouterr()
    target = tmp_path / "out.csv"
    for approver, pin, said in (
        ("小王", "1234", "没有授权"),
        ("李店长", "0000", "还可尝试 4 次"),
        ("王经理", "2468", "用户名或密码错误"),
    ):
        monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
        args = ["--data-dir", str(tmp_path), "export-members", str(target), "--approver", approver]
        assert main(args) == EXIT_FAILED
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err
        assert not target.exists()
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        exported = connection.execute(
            "select count(*) from audit_log where action = 'member.exported'"
        ).fetchone()
        failures = connection.execute(
            "select approval_failures, failed_attempts from staff where name = '李店长'"
        ).fetchone()
    assert exported == (0,)
    assert failures == (1, 0)  # an approval's wrong PIN, not the manager's own login


def test_reminders_print_csv_of_the_days_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "members.csv"
    source.write_text(MEMBERS_CSV, encoding="utf-8")
    main(["--data-dir", str(tmp_path), "import-members", str(source)])
    capsys.readouterr()
    args = ["--data-dir", str(tmp_path), "reminders", "--on", "2026-11-23", "--days", "3"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "card_no,name,kind,date,detail"
    birthday = [line for line in out[1:] if line.startswith("88000001,张三,")]
    assert birthday and ",2026-11-24," in birthday[0]
    assert not any(line.startswith("88000003,") and "2026-11-24" in line for line in out)
    args = ["--data-dir", str(tmp_path), "reminders", "--on", "2026-11-20", "--days", "1"]
    assert main(args) == EXIT_OK
    assert not any("88000001" in line for line in capsys.readouterr().out.splitlines())


def test_reminders_refuse_a_bad_date_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "reminders", "--on", "2026-13-40"])
    assert code == EXIT_USAGE
    captured = capsys.readouterr()
    assert "YYYY-MM-DD" in captured.err and "2026-13-40" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert main(["--data-dir", str(tmp_path), "reminders", "--days", "-1"]) == EXIT_USAGE
    assert "天数" in capsys.readouterr().err


def test_help_lists_the_member_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("import-members", "export-members", "reminders"):
        assert command in out


def test_demo_if_new_seeds_only_a_data_dir_without_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``make run``'s first step: the demo on a first run, never over a store or an empty file."""
    fresh = tmp_path / "fresh"
    assert main(["--data-dir", str(fresh), "demo", "--if-new"]) == EXIT_OK
    assert "演示门店已创建" in capsys.readouterr().out
    assert main(["--data-dir", str(fresh), "demo", "--if-new"]) == EXIT_OK
    assert capsys.readouterr().out == ""
    lost = tmp_path / "lost"
    lost.mkdir()
    (lost / "counter.db").write_bytes(b"")
    assert main(["--data-dir", str(lost), "demo", "--if-new"]) == EXIT_OK
    assert (lost / "counter.db").stat().st_size == 0


def test_make_run_seeds_the_demo_only_through_demo_if_new() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert [line.strip() for line in recipe] == [
        "$(BIN)/python main.py demo --if-new",
        "$(BIN)/python main.py",
    ]


def test_a_mistyped_timezone_stops_a_command_with_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "config.toml").write_text('timezone = "Asia/Shangai"\n', encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "reminders"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "timezone 不是可用的时区名称" in err and "Traceback" not in err


def test_clock_corrected_undoes_the_upkeep_of_days_after_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from app.config import load_config
    from app.pos.store_start import open_store
    from app.storage.member_models import UpkeepRunRow

    main(["--data-dir", str(tmp_path), "add-staff", "王芳", "owner", "--pin", "4321"])
    assert main(["--data-dir", str(tmp_path), "clock-corrected"]) == EXIT_FAILED
    assert "无需校正" in capsys.readouterr().err  # nothing ran ahead: said plainly

    config = load_config(tmp_path)
    ahead = dt.date.today() + dt.timedelta(days=730)
    db = open_store(config)
    with db.transaction() as session:
        session.add(
            UpkeepRunRow(
                business_day=ahead, upgrades=0, downgrades=3, members_expired=0, points_expired=0
            )
        )
    db.dispose()
    assert main(["--data-dir", str(tmp_path), "clock-corrected"]) == EXIT_OK
    assert ahead.isoformat() in capsys.readouterr().out
    db = open_store(config)
    with db.reading() as session:
        assert session.get(UpkeepRunRow, ahead) is None
    db.dispose()


def test_low_stock_prints_the_products_at_or_below_their_reorder_point_as_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.config import load_config
    from app.pos.catalog import ProductInput, create_product
    from app.pos.store_start import open_store

    main(["--data-dir", str(tmp_path), "add-staff", "王芳", "owner", "--pin", "4321"])
    db = open_store(load_config(tmp_path))
    try:
        with db.transaction() as session:
            for name, stock, point in (
                ("大米", 5000, 5000),
                ("花生油", 6000, 5000),
                ("盐", 0, None),
            ):
                create_product(
                    session,
                    ProductInput(name=name, price_fen=500, reorder_point_milli=point),
                    opening_stock_milli=stock,
                )
    finally:
        db.dispose()
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "low-stock"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "code,name,stock,reorder_point"
    assert [line.split(",")[1:] for line in lines[1:]] == [["盐", "0", ""], ["大米", "5", "5"]]


def test_price_cart_prints_the_demo_promotions_at_work_and_bad_input_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt
    import json

    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo"]) == EXIT_OK
    capsys.readouterr()
    at = f"{dt.date.today().isoformat()} 10:00"
    cola, tea, red_bull = "6910000000020", "6910007000016", "6910012000018"
    code = main([*data, "price-cart", "--at", at, f"{cola}*2", f"{tea}*2", red_bull])
    assert code == EXIT_OK
    priced = json.loads(capsys.readouterr().out)
    assert [line["promotions"] for line in priced["lines"]] == [
        ["可乐限时特价"],
        ["绿茶第二件半价"],
        ["红牛立减1元"],
    ]
    # 2 × 2.55 special price; 3.00 + 1.50; 6.00 - 1.00 stopped at the cost of 5.10.
    assert [line["amount"] for line in priced["lines"]] == [510, 450, 510]
    assert (priced["total"], priced["saved"]) == (1470, 330)
    assert sum(line["amount"] for line in priced["lines"]) == priced["total"]
    assert main([*data, "price-cart", "--at", "2026-13-01 10:00", cola]) == EXIT_FAILED
    assert "时间格式不对" in capsys.readouterr().err
    assert main([*data, "price-cart", "--at", at, f"{cola}*x"]) == EXIT_FAILED
    assert "数量" in capsys.readouterr().err
