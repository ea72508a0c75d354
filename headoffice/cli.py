"""``python main.py headoffice COMMAND``: run the head-office server and the office's commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.errors import os_error_words
from headoffice.db import DIR_ENV, DatabaseUnavailable, open_database
from headoffice.reference import SettingRefused
from headoffice.registry import DEFAULT_URL, RegistryError, add_store

EXIT_OK = 0
EXIT_FAILED = 1
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8700


def cmd_serve(args: argparse.Namespace) -> int:
    import socket

    import uvicorn  # late: the office's commands need no server

    from headoffice.api import create_app
    from headoffice.asgi import URL_ENV, settle_collector

    try:  # said plainly before the server starts, not as the server's log of a failed bind
        socket.create_server((args.host, args.port)).close()
    except OSError as exc:
        print(
            f"错误：无法在 {args.host}:{args.port} 开始服务：{os_error_words(exc)}", file=sys.stderr
        )
        return EXIT_FAILED
    db = open_database(args.db)
    print(f"总部服务：http://{args.host}:{args.port}/  数据库 {db.engine.url!r}", flush=True)
    if args.workers > 1:  # each worker a process of its own, building the API on the same URL
        os.environ[URL_ENV] = db.url
        db.dispose()
        uvicorn.run(
            "headoffice.asgi:app",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level="info",
        )
        return EXIT_OK
    api = create_app(db)
    settle_collector()
    uvicorn.run(api, host=args.host, port=args.port, log_level="info")
    return EXIT_OK


def cmd_add_store(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    with db.transaction() as session:
        registration = add_store(
            session, args.code, args.name, counter_no=args.counter, url=args.url
        )
    print(f"# 门店 {registration.store_code} 的 {registration.counter_no:02d} 号收银台已登记。")
    print("# 把下面这段贴进该收银台的 config.toml（密钥只显示这一次）：")
    print(registration.toml(), end="")
    return EXIT_OK


def _day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RegistryError(f"日期须为 YYYY-MM-DD：{text}") from None


def cmd_export_sales(args: argparse.Namespace) -> int:
    from headoffice.exports import export_sales

    first, last = _day(args.date_from), _day(args.date_to)
    if first is not None and last is not None and first > last:
        raise RegistryError(f"开始日期 {first} 晚于结束日期 {last}，期间为空")
    count = export_sales(open_database(args.db), Path(args.path), first=first, last=last)
    print(f"已导出 {count} 条销售记录到 {args.path}")
    return EXIT_OK


def cmd_settlement(args: argparse.Namespace) -> int:
    import time

    from headoffice.analytics import office_today
    from headoffice.settlement import export_settlement, first_day

    db = open_database(args.db)
    today = office_today(time.time())
    last = _day(args.date_to) or today
    first = _day(args.date_from)
    if first is None:
        with db.transaction() as session:
            first = first_day(session) or last
    if first > last:
        raise RegistryError(f"开始日期 {first} 晚于结束日期 {last}")
    if first > today:
        raise RegistryError(f"期间从 {first} 开始，还没有到")
    count = export_settlement(db, Path(args.path), first, last)
    print(f"已导出 {first} 至 {last} 的 {count} 个门店对到 {args.path}")
    return EXIT_OK


def cmd_export_members(args: argparse.Namespace) -> int:
    from headoffice.exports import export_members

    count = export_members(open_database(args.db), Path(args.path))
    print(f"已导出 {count} 位会员到 {args.path}")
    return EXIT_OK


def cmd_cases(args: argparse.Namespace) -> int:
    from headoffice.exports import export_cases

    count = export_cases(open_database(args.db), Path(args.path))
    print(f"已导出 {count} 个待处理事项到 {args.path}")
    return EXIT_OK


def cmd_resolve_case(args: argparse.Namespace) -> int:
    from headoffice.ledgers import resolve_case

    note = args.resolution.strip()
    if not note:
        raise RegistryError("请写明处理结果")
    db = open_database(args.db)
    try:
        with db.transaction() as session:
            case = resolve_case(session, args.case_id, note)
            kind, member_id = case.kind, case.member_id
    except LookupError:
        raise RegistryError(f"没有这个事项：{args.case_id}") from None
    print(f"事项 {args.case_id}（{kind}）已处理" + ("，会员已移出黑名单" if member_id else ""))
    return EXIT_OK


def _read_json(path: str) -> object:
    """A rules or promotions file as a counter exported it; a file that can't be read is refused."""
    import json

    from headoffice.reference import SettingRefused

    try:
        return json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise SettingRefused(f"无法读取 {path}：{os_error_words(exc)}") from None
    except UnicodeDecodeError:
        raise SettingRefused(
            f"{path} 不是 UTF-8 文本：应为收银台 export-rules 或 export-promotions 导出的 JSON 文件"
        ) from None
    except json.JSONDecodeError as exc:
        raise SettingRefused(
            f"{path} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列有误"
        ) from None


def cmd_import_rules(args: argparse.Namespace) -> int:
    from headoffice.reference import import_rules

    data = _read_json(args.path)
    with open_database(args.db).transaction() as session:
        done = import_rules(session, data)
    print(
        f"已导入 {done.card_types} 个卡类型、{done.bonus_rules} 条充值赠送规则"
        + ("、积分规则" if done.points_rules else "")
        + f"（{done.changed} 项有变化，各门店下次同步时取得）"
    )
    return EXIT_OK


def cmd_import_promotions(args: argparse.Namespace) -> int:
    from headoffice.promotions import import_promotions

    data = _read_json(args.path)
    with open_database(args.db).transaction() as session:
        done = import_promotions(session, data, args.store or "")
    whose = f"门店 {args.store}" if args.store else "全连锁"
    print(
        f"已导入{whose}的 {done.promotions} 条促销（其中 {done.retired} 条已停用，"
        f"{done.changed} 条有变化，下次同步时取得）"
    )
    return EXIT_OK


def cmd_retire_promotion(args: argparse.Namespace) -> int:
    from headoffice.promotions import retire_promotion

    with open_database(args.db).transaction() as session:
        row = retire_promotion(session, args.promotion_id)
        name, store = row.name, row.store_code
    print(f"促销“{name}”已停用（{'门店 ' + store if store else '全连锁'}下次同步时停用）")
    return EXIT_OK


def cmd_import_products(args: argparse.Namespace) -> int:
    from headoffice.reference import import_products

    with open_database(args.db).transaction() as session:
        done = import_products(session, Path(args.path), args.store or "")
    whose = f"门店 {args.store} 的价格" if args.store else "总部商品"
    print(f"已导入 {done.products} 个{whose}（{done.changed} 个有变化）")
    return EXIT_OK


def _fen(text: str | None) -> int | None:
    from app.money import MoneyError, parse_amount
    from headoffice.reference import MAX_LIMIT_FEN, SettingRefused

    if text is None:
        return None
    try:
        return parse_amount(text, max_fen=MAX_LIMIT_FEN)
    except MoneyError as exc:
        raise SettingRefused(f"金额不正确：{text}（{exc}）") from None


def cmd_set_limits(args: argparse.Namespace) -> int:
    import dataclasses

    from headoffice.reference import DEFAULT_LIMITS, limits_for, set_limits

    store = args.store or ""
    wanted = {
        "per_sale_fen": _fen(args.per_sale),
        "per_day_fen": _fen(args.per_day),
        "store_budget_fen": _fen(args.store_budget),
        "snapshot_hours": args.snapshot_hours,
    }
    with open_database(args.db).transaction() as session:
        now = limits_for(session, store) or DEFAULT_LIMITS
        limits = dataclasses.replace(now, **{k: v for k, v in wanted.items() if v is not None})
        changed = set_limits(session, limits, store)
    from app.money import format_yuan

    print(
        f"{'门店 ' + store + ' ' if store else '全部门店'}的离线限额："
        f"单笔 {format_yuan(limits.per_sale_fen)}，每位会员每日 {format_yuan(limits.per_day_fen)}，"
        f"门店合计 {format_yuan(limits.store_budget_fen)}，"
        f"会员资料 {limits.snapshot_hours} 小时内有效" + ("" if changed else "（未变）")
    )
    return EXIT_OK


def cmd_analytics_thresholds(args: argparse.Namespace) -> int:
    import dataclasses

    from app.members.analytics_terms import GROUP_TERMS, SEGMENT_TERMS
    from headoffice.analytics_pages import filled_definition
    from headoffice.thresholds import set_office_thresholds

    with open_database(args.db).transaction() as session:
        rules = set_office_thresholds(session, args.settings, defaults=args.defaults)
    for key, value in dataclasses.asdict(rules).items():
        print(f"{key}={value}")
    print("总部页面上的会员分组与分层（全部门店）：")
    for term in (*GROUP_TERMS, *SEGMENT_TERMS):
        print(f"  {term.name}（{term.key}）：{filled_definition(term, rules)}")
    return EXIT_OK


def _whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, refused in plain words."""

    def read(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{what}须为 {low}–{high} 的整数：{text}")
        return number

    return read


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py headoffice",
        description="门店总部 Head office: the server every counter syncs with, and its reports.",
    )
    parser.add_argument(
        "--db",
        help=f"database URL (default: SQLite in {DIR_ENV} or the user data directory's"
        " headoffice folder; production: postgresql+psycopg://...)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        sub.add_argument("--db", default=argparse.SUPPRESS, help="database URL")
        return sub

    sub = add("serve", cmd_serve, "run the head-office server")
    sub.add_argument("--host", default=DEFAULT_HOST, help=f"default {DEFAULT_HOST}")
    sub.add_argument(
        "--port",
        type=_whole_number(1, 65535, "端口"),
        default=DEFAULT_PORT,
        help=f"default {DEFAULT_PORT}",
    )
    sub.add_argument(
        "--workers",
        type=_whole_number(1, 64, "服务进程数"),
        default=1,
        help="server processes (default 1; several on PostgreSQL, one suits SQLite)",
    )
    sub = add(
        "add-store",
        cmd_add_store,
        "register a store's counter and print its [headoffice] settings (secret shown once)",
    )
    sub.add_argument("code", help="store code, e.g. S001")
    sub.add_argument("name", help="store name")
    sub.add_argument("--counter", type=int, default=1, help="counter number (default 1)")
    sub.add_argument(
        "--url", default=DEFAULT_URL, help=f"the URL counters reach (default {DEFAULT_URL})"
    )
    sub = add("export-sales", cmd_export_sales, "export sales, refunds, voids and top-ups as CSV")
    sub.add_argument("path")
    sub.add_argument("--from", dest="date_from", help="first business day, YYYY-MM-DD")
    sub.add_argument("--to", dest="date_to", help="last business day, YYYY-MM-DD")
    sub = add(
        "settlement",
        cmd_settlement,
        "export the cross-store settlement of stored value as CSV: per pair of stores, what was"
        " taken in at one and spent at the other (first in, first out; docs/analytics.md)",
    )
    sub.add_argument("path")
    sub.add_argument("--from", dest="date_from", help="first business day (default: the first)")
    sub.add_argument("--to", dest="date_to", help="last business day (default: today)")
    sub = add("export-members", cmd_export_members, "export members with balances as CSV")
    sub.add_argument("path")
    sub = add("cases", cmd_cases, "export overdraft, card-clash and audit cases as CSV")
    sub.add_argument("path")
    sub = add(
        "resolve-case",
        cmd_resolve_case,
        "mark a case dealt with, saying how (an overdraft's member leaves the hot-list)",
    )
    sub.add_argument("case_id")
    sub.add_argument("resolution", help="what was done, e.g. 会员已补交 60 元")
    sub = add(
        "import-rules",
        cmd_import_rules,
        "import card types, top-up bonus rules and points rules (the JSON of a counter's"
        " export-rules); every counter takes them at its next sync",
    )
    sub.add_argument("path")
    sub = add(
        "import-promotions",
        cmd_import_promotions,
        "import promotion rules (the JSON of a counter's export-promotions) for the whole chain,"
        " or with --store for one store; retired rules retire at every counter concerned",
    )
    sub.add_argument("path")
    sub.add_argument("--store", help="store code: the rules are this store's only")
    sub = add(
        "retire-promotion",
        cmd_retire_promotion,
        "retire a promotion set at the head office; every counter concerned retires it at its"
        " next sync",
    )
    sub.add_argument("promotion_id")
    sub = add(
        "import-products",
        cmd_import_products,
        "import the chain's catalogue from a counter's product CSV (code, name, price, ...);"
        " with --store, that store's own prices",
    )
    sub.add_argument("path")
    sub.add_argument("--store", help="store code: only this store's prices")
    sub = add(
        "set-limits",
        cmd_set_limits,
        "set the offline limits for members' stored value (the chain's, or one store's);"
        " options left out keep their current value",
    )
    sub.add_argument("--store", help="store code (default: every store without its own)")
    sub.add_argument("--per-sale", help="yuan one payment may spend offline")
    sub.add_argument("--per-day", help="yuan one member may spend offline a day at a counter")
    sub.add_argument("--store-budget", help="yuan a counter may spend offline in all")
    sub.add_argument("--snapshot-hours", type=int, help="oldest member snapshot trusted offline")
    sub = add(
        "analytics-thresholds",
        cmd_analytics_thresholds,
        "print the thresholds of the member groups and segments on the office's pages, across"
        " stores; KEY=VALUE pairs change them first (the keys of docs/analytics.md's"
        " Thresholds, money in fen, as a counter's analytics-thresholds)",
    )
    sub.add_argument(
        "settings", nargs="*", metavar="KEY=VALUE", help="e.g. fan_min_ticket_fen=30000"
    )
    sub.add_argument("--defaults", action="store_true", help="start from the defaults")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
    except (RegistryError, SettingRefused, DatabaseUnavailable) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"错误：{os_error_words(exc)}", file=sys.stderr)
        return EXIT_FAILED
    return result
