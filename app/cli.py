"""``python main.py [command]``: the cashier window by default, and the store's admin commands."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.config import Config
from app.errors import KnownError, os_error_words

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_DISPLAY = 3
#: sysexits' EX_TEMPFAIL: the head office did not answer; try again later.
EXIT_UNREACHABLE = 75

NO_DISPLAY_HINT = (
    "没有可用的显示器：请在桌面环境中运行，或用 `xvfb-run python main.py`，"
    "或设置 QT_QPA_PLATFORM=offscreen。 (no display: use xvfb-run or QT_QPA_PLATFORM=offscreen)"
)


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _data_dir(args: argparse.Namespace) -> Path | None:
    return Path(args.data_dir) if args.data_dir else None


def cmd_run(args: argparse.Namespace) -> int:
    if not has_display():
        print(NO_DISPLAY_HINT, file=sys.stderr)
        return EXIT_NO_DISPLAY
    from app.ui.application import run_application  # Qt only when a window is wanted

    return run_application(_data_dir(args))


def cmd_demo(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.demo import DEMO_ACCOUNTS, is_empty, seed_demo_store
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    if args.members is not None or args.days is not None:
        return _demo_history(args, config)
    if args.if_new and config.database_path.exists():
        return EXIT_OK  # `make run`: a data directory with a database (even empty) keeps it
    db = open_store(config)
    try:
        with db.transaction() as session:
            if not is_empty(session):
                print(f"{config.data_dir} 已有数据，未写入演示数据", file=sys.stderr)
                return EXIT_FAILED
            count = seed_demo_store(session)
    finally:
        db.dispose()
    print(f"演示门店已创建：{count} 种商品，数据目录 {config.data_dir}")
    for account in DEMO_ACCOUNTS:
        print(f"  {account.name}（{account.role.value}）密码 {account.pin}")
    return EXIT_OK


def _demo_history(args: argparse.Namespace, config: Config) -> int:
    """``demo --members N --days D``: a made-up history, only into an empty data directory."""
    import time

    from app.pos.demo_history import check_sizes, generate_history, is_unused_store
    from app.pos.store_start import open_store
    from app.storage.integrity import is_blank

    if args.members is None or args.days is None:
        print("错误：--members 和 --days 须一起给出", file=sys.stderr)
        return EXIT_USAGE
    check_sizes(args.members, args.days)
    if not is_blank(config.database_path) and not is_unused_store(config.database_path):
        print(
            f"错误：数据目录 {config.data_dir} 已有数据库：演示历史只能写入空的数据目录",
            file=sys.stderr,
        )
        return EXIT_FAILED
    started = time.perf_counter()
    db = open_store(config)
    try:
        report = generate_history(
            db,
            config,
            members=args.members,
            days=args.days,
            seed=args.seed,
            today=_store_today(config),
            progress=lambda text: print(text, flush=True),
        )
    finally:
        db.dispose()
    print(
        f"演示历史已生成：会员 {report.members}，订单 {report.orders}（退货 {report.refunds}，"
        f"充值 {report.top_ups}），商品行 {report.lines}，"
        f"{report.first_day} 至 {report.last_day}，用时 {time.perf_counter() - started:.1f} 秒"
    )
    return EXIT_OK


def _read_pin(prompt: str) -> str:
    """A PIN from stdin when it is not a terminal (scripts, tests), else asked without echo."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    return getpass.getpass(prompt)


def cmd_add_staff(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.staff import add_staff, parse_role
    from app.pos.store_start import open_store

    role = parse_role(args.role)
    pin = args.pin
    if pin is None:
        pin = _read_pin("密码（4-12 位数字）：")
    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        with db.transaction() as session:
            view = add_staff(session, args.name, role, pin)
    finally:
        db.dispose()
    print(f"已添加员工 {view.name}（{view.role_label}）")
    return EXIT_OK


def cmd_verify_audit(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.cross_checks import cross_check
    from app.pos.store_start import open_store
    from app.storage.audit import verify
    from app.storage.models import AuditRow
    from app.sync.queue import anchor_problem

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        with db.reading() as session:
            problems = verify(session, config.database_path)
            count = session.query(AuditRow).count()
            mismatches = cross_check(session)
            anchored = anchor_problem(session)
    finally:
        db.dispose()
    if anchored is not None:
        print(f"审计日志与总部确认的链头不符：{anchored}", file=sys.stderr)
    for found in [*problems, *mismatches]:
        print(found, file=sys.stderr)
    if problems or mismatches or anchored is not None:
        print(
            f"核对未通过：审计日志 {len(problems)} 处问题，账目 {len(mismatches)} 处不符"
            f"（审计日志共 {count} 条）",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"审计日志完整：{count} 条记录，哈希链无断点；订单、会员余额与审计记录和上报事件相符")
    return EXIT_OK


def cmd_import_products(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.catalog_io import import_products
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        report = import_products(db, Path(args.path))
    finally:
        db.dispose()
    print(f"导入完成：新增 {report.imported}，更新 {report.updated}，错误 {len(report.errors)}")
    for error in report.errors:
        print(f"第 {error.line} 行：{error.reason}", file=sys.stderr)
    return EXIT_OK if not report.errors else EXIT_FAILED


def cmd_export_products(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.catalog_io import export_products
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        count = export_products(db, Path(args.path))
    finally:
        db.dispose()
    print(f"已导出 {count} 行到 {args.path}")
    return EXIT_OK


def _read_store_to_json(args: argparse.Namespace, read: Any) -> Any:
    """What ``read(session)`` finds in the store, written to ``args.path`` as JSON; returned."""
    import json

    from app.config import load_config
    from app.pos.store_start import open_store

    db = open_store(load_config(_data_dir(args)))
    try:
        with db.reading() as session:
            data = read(session)
    finally:
        db.dispose()
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    Path(args.path).write_text(text + "\n", encoding="utf-8")
    return data


def cmd_export_rules(args: argparse.Namespace) -> int:
    from app.sync.reference import export_rules

    rules = _read_store_to_json(args, export_rules)
    print(
        f"已导出 {len(rules['card_types'])} 个卡类型、{len(rules['bonus_rules'])} 条充值赠送规则"
        f"和积分规则到 {args.path}（在总部用 headoffice import-rules 导入）"
    )
    return EXIT_OK


def cmd_export_promotions(args: argparse.Namespace) -> int:
    from app.sync.promotions import export_promotions

    data = _read_store_to_json(args, export_promotions)
    print(
        f"已导出本机 {len(data['promotions'])} 条促销到 {args.path}"
        "（在总部用 headoffice import-promotions 导入，可加 --store 只给一个门店）"
    )
    return EXIT_OK


#: Who the audit log names for member commands run at the machine by the store owner.
CLI_ACTOR = "cli"
DEFAULT_REMINDER_DAYS = 7


def _store_today(config: Config) -> dt.date:
    from app.pos.business_day import business_day
    from app.storage.base import utcnow

    return business_day(utcnow(), config.timezone, config.business_day_cutoff_hour)


def cmd_import_members(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.members.member_io import ImportProgress, import_members
    from app.pos.store_start import open_store

    path = Path(args.path)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return EXIT_FAILED
    config = load_config(_data_dir(args))
    db = open_store(config)
    shown = [-1]

    def progress(step: ImportProgress) -> None:
        percent = step.written * 100 // step.total if step.total else 100
        if percent // 10 != shown[0] // 10 or step.written == step.total:  # every tenth
            shown[0] = percent
            print(f"导入中：{step.written}/{step.total}（{percent}%）", flush=True)

    try:
        report = import_members(
            db, path, on=_store_today(config), actor_id=CLI_ACTOR, progress=progress
        )
    finally:
        db.dispose()
    for problem in report.problems:
        print(f"第 {problem.line} 行：{problem.reason}", file=sys.stderr)
    if report.problems:
        print(
            f"文件中有 {len(report.problems)} 行错误，没有导入任何会员：改好这些行后重新导入",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if report.already:
        print(f"此文件之前已导入 {report.already} 位会员，本次接着导入")
    print(f"导入完成：新增会员 {report.imported}，错误 0")
    return EXIT_OK


def cmd_export_members(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.counter import CounterService
    from app.pos.member_desk.desk import MemberDesk
    from app.pos.staff import Sensitive, StaffView
    from app.pos.store_start import open_store
    from app.storage.models import Role

    config = load_config(_data_dir(args))
    pin = _read_pin(f"{args.approver} 的授权密码：")
    db = open_store(config)
    try:
        # Full phones leave the store: a manager's or the owner's PIN, checked (and counted
        # towards their approval lockout) as the window's approval dialog does; audited with
        # the command line as the one who asked and that person as the approver.
        command_line = StaffView(id=CLI_ACTOR, name="命令行", role=Role.CASHIER)
        approval = CounterService(db, config).approve(
            args.approver, pin, Sensitive.MEMBER_PRIVACY, command_line
        )
        count = MemberDesk(db, config).queries.export_members(
            Path(args.path), cashier=command_line, approval=approval
        )
    finally:
        db.dispose()
    print(f"已导出 {count} 位会员到 {args.path}")
    return EXIT_OK


class UsageError(Exception):
    """A command line that cannot be run as typed (exit 2, the message on stderr)."""


def _day_argument(text: str | None, flag: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{flag} 日期格式不对，应为 YYYY-MM-DD：{text}") from None


def cmd_export_orders(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.order_export import export_orders
    from app.pos.store_start import open_store

    first = _day_argument(args.first, "--from")
    last = _day_argument(args.last, "--to")
    if first is not None and last is not None and first > last:
        print(f"错误：--from {first} 晚于 --to {last}，期间为空", file=sys.stderr)
        return EXIT_USAGE
    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        with db.reading() as session:
            count = export_orders(
                session, Path(args.path), first=first, last=last, timezone=config.timezone
            )
    finally:
        db.dispose()
    print(f"已导出 {count} 张单据到 {args.path}")
    return EXIT_OK


def cmd_low_stock(args: argparse.Namespace) -> int:
    import csv

    from app.config import load_config
    from app.pos.cart import qty_text
    from app.pos.stock import low_stock
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        with db.reading() as session:
            low = low_stock(session, limit=None)
    finally:
        db.dispose()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "stock", "reorder_point"])
    for item in low:
        point = item.reorder_point_milli
        out.writerow(
            [
                item.code,
                item.name,
                qty_text(item.stock_milli),
                "" if point is None else qty_text(point),
            ]
        )
    return EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.members.reminders_query import reminders_csv
    from app.pos.store_start import open_store

    on = None
    if args.on is not None:
        try:
            on = dt.date.fromisoformat(args.on)
        except ValueError:
            print(f"错误：日期格式不对，应为 YYYY-MM-DD：{args.on}", file=sys.stderr)
            return EXIT_USAGE
    if args.days < 0:
        print("错误：天数不能为负数", file=sys.stderr)
        return EXIT_USAGE
    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        with db.reading() as session:
            text = reminders_csv(session, on or _store_today(config), args.days)
    finally:
        db.dispose()
    sys.stdout.write(text)
    return EXIT_OK


def _write_csv_whole(path: Path, header: list[str], rows: list[tuple[str, str]]) -> None:
    """The file whole or not at all: written beside it, then moved over it."""
    import csv

    from app.storage.whole_files import whole_file

    with whole_file(path) as partial, partial.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def _membership_command(args: argparse.Namespace, column: str) -> int:
    from app.config import load_config
    from app.members.metrics import check_day
    from app.members.segment_rules import load_thresholds
    from app.members.segments import member_groups, segments_at_once
    from app.pos.store_start import open_store

    on = _day_argument(args.on, "--on")
    config = load_config(_data_dir(args))
    today = _store_today(config)
    db = open_store(config)
    try:
        with db.reading() as session:
            day = on or today
            check_day(session, day, today)
            rules = load_thresholds(session)
            groups = member_groups(session, day, rules) if column == "group" else None
        # the segments' statements run in two reading sessions at once (segments_at_once)
        found = groups if groups is not None else segments_at_once(db, day, rules)
    finally:
        db.dispose()
    path = Path(args.path)
    _write_csv_whole(path, ["card_no", column], found.rows())
    counts = "，".join(f"{key} {len(cards)}" for key, cards in found.members.items())
    print(f"{day}：{counts}；已写入 {path}")
    return EXIT_OK


def cmd_groups(args: argparse.Namespace) -> int:
    return _membership_command(args, "group")


def cmd_segments(args: argparse.Namespace) -> int:
    return _membership_command(args, "segment")


def cmd_metrics(args: argparse.Namespace) -> int:
    import json

    from app.config import load_config
    from app.members.metrics import metrics
    from app.members.segment_rules import load_thresholds
    from app.pos.store_start import open_store

    start = _day_argument(args.from_day, "--from")
    end = _day_argument(args.to_day, "--to")
    config = load_config(_data_dir(args))
    today = _store_today(config)
    end = end or today
    start = start or end.replace(day=1)
    db = open_store(config)
    try:
        with db.reading() as session:
            found = metrics(session, start, end, load_thresholds(session), today)
    finally:
        db.dispose()
    print(json.dumps(found, ensure_ascii=False))
    return EXIT_OK


def cmd_analytics_thresholds(args: argparse.Namespace) -> int:
    """Print the groups' and segments' thresholds; ``KEY=VALUE`` pairs change them first."""
    import dataclasses

    from app.config import load_config
    from app.members.segment_rules import load_thresholds, save_thresholds, with_changes
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        with db.transaction() as session:
            rules = load_thresholds(session)
            if args.changes:
                rules = with_changes(rules, args.changes)
                save_thresholds(session, rules, actor_id=CLI_ACTOR, approver_id=CLI_ACTOR)
    finally:
        db.dispose()
    for key, value in dataclasses.asdict(rules).items():
        print(f"{key}={value}")
    return EXIT_OK


def cmd_clock_corrected(args: argparse.Namespace) -> int:
    """After a clock that ran ahead was set right: undo the member upkeep of the wrong days."""
    from app.config import load_config
    from app.pos.counter import CounterService
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        report = CounterService(db, config).clock_corrected(
            actor_id=CLI_ACTOR, approver_id=CLI_ACTOR
        )
    finally:
        db.dispose()
    days = "、".join(day.isoformat() for day in report.runs_forgotten) or "无"
    print(
        f"时钟已校正到 {report.today}：撤销会员日结 {days}；"
        f"恢复等级 {report.downgrades_undone} 人，恢复有效 {report.expiries_undone} 人，"
        f"退回积分 {report.points_restored}。"
        "会员日结将从今天起照常进行。"
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.storage.backup import (
        KEEP_DAILY,
        KEEP_WEEKLY,
        SecondFolderUnavailable,
        copy_to_second_folder,
        make_backup,
        second_folder_for,
    )
    from app.storage.integrity import is_blank

    config = load_config(_data_dir(args))
    if is_blank(config.database_path):
        print(f"错误：{config.database_path} 不存在或是空的，没有可备份的数据", file=sys.stderr)
        return EXIT_FAILED
    target = make_backup(config.database_path, config.data_dir)
    print(f"已备份并检查通过：{target}")
    print(f"（保留最近 {KEEP_DAILY} 份，另保留最近 {KEEP_WEEKLY} 周每周最后一份）")
    second = config.backup.second_path
    if second is not None:
        copies = second_folder_for(second, config.store_code, config.counter_no)
        try:
            copy_to_second_folder(config.data_dir, second, copies)
        except SecondFolderUnavailable as exc:
            print(f"警告：{exc}", file=sys.stderr)  # the local backup stands: still a success
        else:
            print(f"已复制到备份副本文件夹：{copies}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.storage.backup import restore_backup

    config = load_config(_data_dir(args))
    if config.headoffice is not None and not args.even_unsent:
        from app.sync.queue import waiting_in_file

        waiting = waiting_in_file(config.database_path)
        if waiting:
            print(
                f"警告：本机还有 {waiting} 条记录未发送到总部，"
                "恢复备份后它们只留在另存的旧数据库中。"
                "请先运行 `python main.py sync`；确要恢复请加 --even-unsent",
                file=sys.stderr,
            )
            return EXIT_FAILED
    restored = restore_backup(
        Path(args.path), config.database_path, allow_other_store=args.other_store
    )
    if restored.kept_aside is not None:
        print(f"原数据库已另存为 {restored.kept_aside}")
    print(f"已从 {args.path} 恢复数据库（数据版本 {restored.revision}）")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    from app.config import load_config
    from app.pos.store_start import open_store
    from app.sync.client import HeadOfficeUnreachable
    from app.sync.worker import SyncWorker

    config = load_config(_data_dir(args))
    if config.headoffice is None:
        print("本机未设置总部（config.toml 中没有 [headoffice]），无需同步", file=sys.stderr)
        return EXIT_FAILED
    db = open_store(config)
    worker = SyncWorker(db, config)
    try:
        try:
            report = worker.run_once()
        except HeadOfficeUnreachable as exc:
            waiting = worker.waiting()
            print(f"总部无法连接：{exc}；{waiting} 条记录等待发送", file=sys.stderr)
            return EXIT_UNREACHABLE
    finally:
        worker.stop()
        db.dispose()
    push, pulled = report.push, report.pulled
    print(
        f"已发送 {push.sent} 条记录：{push.applied} 条已入账，{push.duplicate} 条总部已有，"
        f"{push.parked} 条待总部人工处理"
    )
    print(
        f"已接收 {pulled.members} 位会员的变动（{pulled.enrolled_here} 位外店会员新加入本机，"
        f"{pulled.adjusted} 位余额已按总部更新），黑名单 {pulled.hot} 位"
    )
    if pulled.card_types or pulled.bonus_rules or pulled.products or pulled.limits:
        print(
            f"已接收总部设置：{pulled.card_types} 个卡类型，{pulled.bonus_rules} 条充值赠送规则，"
            f"{pulled.products} 个商品" + ("，离线限额" if pulled.limits else "")
        )
    if pulled.promotions:
        print(f"已接收总部促销：{pulled.promotions} 条有变化")
    skew = worker.client.clock_skew_s
    if skew is not None and abs(skew) >= 60:
        print(f"注意：本机时钟与总部相差 {skew:+.0f} 秒（已按总部时间签名）")
    if push.anchor_flag:
        print(f"警告：总部发现本机审计日志异常（{push.anchor_flag}），请联系总部", file=sys.stderr)
    if not report.all_acknowledged:
        print(f"仍有 {report.waiting} 条记录未确认，请稍后再同步", file=sys.stderr)
        return EXIT_FAILED
    print("全部记录已被总部确认")
    return EXIT_OK


def cmd_price_cart(args: argparse.Namespace) -> int:
    import json

    from app.config import load_config
    from app.pos.counter import CounterService
    from app.pos.price_check import parse_moment, price_cart_at
    from app.pos.store_start import open_store

    config = load_config(_data_dir(args))
    db = open_store(config)
    try:
        service = CounterService(db, config)
        at = parse_moment(args.at) if args.at else service.store_now()
        result = price_cart_at(service, args.items, card=args.card, at=at)
    finally:
        db.dispose()
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="门店收银台 Store counter. Without a command, opens the cashier window.",
        epilog="总部服务 The head-office server and its office commands: "
        "python main.py headoffice --help",
    )
    parser.add_argument(
        "--data-dir", help="data directory (default: POS_DATA_DIR or the user data directory)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.set_defaults(handler=cmd_run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    add("run", cmd_run, "open the cashier window (the default)")
    sub = add("demo", cmd_demo, "seed an empty data directory with the demo store")
    sub.add_argument(
        "--if-new",
        action="store_true",
        help="only when the data directory has no database yet (what `make run` does)",
    )
    sub.add_argument(
        "--members", type=int, help="generate a history with this many members (empty data dir)"
    )
    sub.add_argument("--days", type=int, help="how many days of history, ending yesterday")
    sub.add_argument("--seed", type=int, default=1, help="random seed of the history (default 1)")
    sub = add("add-staff", cmd_add_staff, "add a staff account")
    sub.add_argument("name")
    sub.add_argument("role", help="cashier, manager or owner")
    sub.add_argument("--pin", help="4-12 digits; asked for (or read from stdin) when omitted")
    add("verify-audit", cmd_verify_audit, "check the audit log's hash chain")
    sub = add("import-products", cmd_import_products, "import products from CSV or XLSX")
    sub.add_argument("path")
    sub = add("export-products", cmd_export_products, "export products to CSV or XLSX")
    sub.add_argument("path")
    sub = add(
        "export-rules",
        cmd_export_rules,
        "export card types, top-up bonus rules and points rules as JSON for the head office's"
        " import-rules",
    )
    sub.add_argument("path")
    sub = add(
        "export-promotions",
        cmd_export_promotions,
        "export this counter's own promotion rules as JSON for the head office's import-promotions",
    )
    sub.add_argument("path")
    sub = add("import-members", cmd_import_members, "import members from CSV or XLSX")
    sub.add_argument("path")
    sub = add("export-members", cmd_export_members, "export members with balances to CSV or XLSX")
    sub.add_argument("path")
    sub.add_argument(
        "--approver",
        required=True,
        help="the manager or owner who approves (full phones); PIN from stdin or asked",
    )
    sub = add(
        "export-orders",
        cmd_export_orders,
        "export orders to CSV: receipt_no,business_day,occurred_at,kind,card_no,total,items,promo",
    )
    sub.add_argument("path")
    sub.add_argument("--from", dest="first", help="first business day, YYYY-MM-DD (inclusive)")
    sub.add_argument("--to", dest="last", help="last business day, YYYY-MM-DD (inclusive)")
    add(
        "low-stock",
        cmd_low_stock,
        "print as CSV the products at or below their reorder point, or at or below zero",
    )
    sub = add("reminders", cmd_reminders, "print the reminders due as CSV")
    sub.add_argument("--on", help="first day, YYYY-MM-DD (default: today)")
    sub.add_argument(
        "--days",
        type=int,
        default=DEFAULT_REMINDER_DAYS,
        help=f"how many days from it (default {DEFAULT_REMINDER_DAYS})",
    )
    sub = add(
        "groups",
        cmd_groups,
        "write the member groups (001) of a day as CSV card_no,group (docs/analytics.md)",
    )
    sub.add_argument("path")
    sub.add_argument("--on", help="the day, YYYY-MM-DD (default: today)")
    sub = add(
        "segments",
        cmd_segments,
        "write the value segments (003) of a day as CSV card_no,segment (docs/analytics.md)",
    )
    sub.add_argument("path")
    sub.add_argument("--on", help="the day, YYYY-MM-DD (default: today)")
    sub = add("metrics", cmd_metrics, "print the member metrics of a range as one JSON object")
    sub.add_argument(
        "--from", dest="from_day", help="first day, included (default: the first of --to's month)"
    )
    sub.add_argument("--to", dest="to_day", help="last day, included (default: today)")
    sub = add(
        "analytics-thresholds",
        cmd_analytics_thresholds,
        "print the groups' and segments' thresholds; KEY=VALUE changes one (audited)",
    )
    sub.add_argument("changes", nargs="*", metavar="KEY=VALUE")
    add(
        "clock-corrected",
        cmd_clock_corrected,
        "the computer's clock ran ahead and is right now: undo the member upkeep of those days",
    )
    add("backup", cmd_backup, "back up the database now (the window also does it daily)")
    add(
        "sync",
        cmd_sync,
        "push the outbox to the head office and pull what changed, once"
        f" (exit {EXIT_UNREACHABLE} when it cannot be reached)",
    )
    sub = add(
        "price-cart",
        cmd_price_cart,
        "price a cart as the counter would, without selling it; prints JSON (amounts in fen)",
    )
    sub.add_argument("--card", help="the member's card number or phone")
    sub.add_argument("--at", help='store time "YYYY-MM-DD HH:MM" (default: now)')
    sub.add_argument("items", nargs="*", metavar="CODE[*QTY]")
    sub = add("restore", cmd_restore, "restore the database from a backup (close the window first)")
    sub.add_argument("path")
    sub.add_argument(
        "--other-store",
        action="store_true",
        help="accept a backup made by another store (its data replaces this store's)",
    )
    sub.add_argument(
        "--even-unsent",
        action="store_true",
        help="restore although events wait for the head office (they stay in the old database)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from app.config import default_data_dir
    from app.logs import install_log_files

    # The terminal keeps warnings; the data directory's files keep the day's story, masked.
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler and handler.level == logging.NOTSET:
            handler.setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    install_log_files(_data_dir(args) or default_data_dir(), verbose=args.verbose)
    try:
        result: int = args.handler(args)
    except UsageError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KnownError as exc:
        # Known errors (bad file, bad input, a full disk, a damaged database) are said plainly;
        # bugs keep their traceback.
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"错误：{os_error_words(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return result
