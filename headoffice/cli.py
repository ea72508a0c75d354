"""``python main.py headoffice COMMAND``: run the head-office server and the office's commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from headoffice.db import DIR_ENV, open_database
from headoffice.registry import DEFAULT_URL, RegistryError, add_store

EXIT_OK = 0
EXIT_FAILED = 1
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8700


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # late: the office's commands need no server

    from headoffice.api import create_app

    db = open_database(args.db)
    print(f"总部服务：http://{args.host}:{args.port}/  数据库 {db.engine.url!r}", flush=True)
    if args.workers > 1:  # each worker a process of its own, building the API on the same URL
        from headoffice.asgi import URL_ENV

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
    uvicorn.run(create_app(db), host=args.host, port=args.port, log_level="info")
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
    count = export_sales(open_database(args.db), Path(args.path), first=first, last=last)
    print(f"已导出 {count} 条销售记录到 {args.path}")
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
    sub.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    sub.add_argument(
        "--workers",
        type=int,
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
    except RegistryError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    return result
