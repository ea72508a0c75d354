"""The office's pages, rendered on the server, Chinese first: the stores and each counter's sync
state, the cases, and a member across stores with every ledger entry and where it happened.

The pages carry members' names and balances, so they answer only to the machine the server runs
on (loopback); an office elsewhere reaches them through a tunnel or a proxy with its own login.
Every value is escaped: a member's name is text, never markup.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Sequence
from html import escape

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.money import format_fen
from headoffice.db import Database
from headoffice.models import (
    CardRow,
    CaseRow,
    DeviceRow,
    InboxRow,
    MemberRow,
    ParkedRow,
    PointsEntryRow,
    StoredValueEntryRow,
    StoreRow,
)

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
CASE_KINDS = {
    "overdraft": "储值透支",
    "points_overdraft": "积分透支",
    "card_clash": "卡号冲突",
    "anchor": "审计链异常",
}
CASE_STATES = {"open": "待处理", "resolved": "已处理"}
ANCHOR_FLAGS = {"shrunk": "变短（记录被删）", "forked": "分叉（记录被改）"}
STYLE = (
    "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
    ".neg{color:#b00}.flag{color:#b00;font-weight:bold}nav a{margin-right:1em}"
    ".note{color:#555}svg.chart{display:block;margin:1em 0}form{margin:.5em 0}"
)


class NotHere(Exception):
    """A page asked from another machine."""


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<nav><a href="/">门店与收银台</a><a href="/cases">待处理事项</a>'
        f'<a href="/sales">跨店销售</a><a href="/segments">会员分组与分层</a>'
        f'<a href="/metrics">会员指标</a><a href="/settlement">跨店储值结算</a>'
        f'<form style="display:inline" action="/members"><input name="q" '
        f'placeholder="卡号或会员编号"><button>查会员</button></form></nav>'
        f"<h1>{escape(title)}</h1>{body}</body></html>"
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, raw: bool = False) -> str:
    """Cells are escaped unless ``raw`` (cells the page made itself, already escaped)."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell if raw else escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _money(fen: int) -> str:
    css = ' class="neg"' if fen < 0 else ""
    return f"<span{css}>{format_fen(fen)}</span>"


def _moment(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—"


def install(
    app: FastAPI,
    db: Database,
    *,
    hosts: frozenset[str] = LOOPBACK,
    clock: Callable[[], float] = time.time,
) -> None:
    """The pages, and those across stores (``headoffice.analytics_pages``), whose "today" is
    read from ``clock``."""
    from headoffice import analytics_pages  # it builds on this module's page and table

    def here(request: Request) -> None:
        if request.client is None or request.client.host not in hosts:
            raise NotHere()

    @app.exception_handler(NotHere)
    async def not_here(request: Request, exc: NotHere) -> HTMLResponse:
        return HTMLResponse("只能在总部服务器本机查看 (pages answer on this machine only)", 403)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stores(request: Request) -> HTMLResponse:
        here(request)
        return _page("门店与收银台", stores_body(db))

    @app.get("/cases", response_class=HTMLResponse, include_in_schema=False)
    def cases(request: Request) -> HTMLResponse:
        here(request)
        return _page("待处理事项", cases_body(db))

    @app.get("/members", response_class=HTMLResponse, include_in_schema=False)
    def member(request: Request, q: str = "") -> HTMLResponse:
        here(request)
        return _page("会员", member_body(db, q.strip()))

    analytics_pages.install(app, db, here, analytics_pages.office_today(clock))


def stores_body(db: Database) -> str:
    with db.transaction() as session:
        names = {s.code: s.name for s in session.scalars(select(StoreRow))}
        parked = _counts(session, ParkedRow.device_id)
        applied = _counts(session, InboxRow.device_id)
        devices = session.scalars(
            select(DeviceRow).order_by(DeviceRow.store_code, DeviceRow.counter_no)
        ).all()
        rows = [
            (
                escape(f"{d.store_code} {names.get(d.store_code, '')}"),
                f"{d.counter_no:02d}",
                str(d.last_seq),
                str(applied.get(d.id, 0)),
                str(parked.get(d.id, 0)),
                "—" if d.backlog is None else str(d.backlog),
                escape(d.last_event_at or "—"),
                _moment(d.last_push_at),
                "—" if d.clock_skew_s is None else f"{d.clock_skew_s:+d} 秒",
                "—" if d.anchor_count is None else f"{d.anchor_count} 条",
                _anchor_words(d.anchor_flag),
            )
            for d in devices
        ]
    if not rows:
        return "<p>还没有登记收银台：<code>python main.py headoffice add-store 编码 名称</code></p>"
    headers = (
        "门店",
        "收银台",
        "已收到序号",
        "已入账事件",
        "待人工处理",
        "未上传",
        "最后事件时间",
        "最后同步",
        "时钟偏差",
        "审计链",
        "审计链状态",
    )
    return _table(headers, rows, raw=True)


def _anchor_words(flag: str | None) -> str:
    if not flag:
        return "正常"
    return f'<span class="flag">{ANCHOR_FLAGS.get(flag, escape(flag))}</span>'


def _counts(session: Session, column: InstrumentedAttribute[str]) -> dict[str, int]:
    """Rows per device of a table keyed by its ``device_id`` column."""
    query = select(column, func.count()).group_by(column)
    return {device: int(count) for device, count in session.execute(query)}


def cases_body(db: Database) -> str:
    with db.transaction() as session:
        found = session.scalars(select(CaseRow).order_by(CaseRow.opened_at.desc())).all()
        rows = [
            (
                CASE_KINDS.get(c.kind, c.kind),
                c.card_no or "—",
                c.store_code,
                format_fen(c.amount_fen) if c.kind != "points_overdraft" else str(c.amount_fen),
                _moment(c.opened_at),
                CASE_STATES.get(c.state, c.state),
                _detail(c.detail),
                c.resolution or "—",
            )
            for c in found
        ]
    if not rows:
        return "<p>没有待处理事项。</p>"
    return _table(("类型", "卡号", "门店", "金额", "发生时间", "状态", "详情", "处理结果"), rows)


def _detail(text: str) -> str:
    try:
        data = json.loads(text)
    except ValueError:
        return text
    return ", ".join(f"{k}={v}" for k, v in sorted(data.items()) if k != "event_id")


def member_body(db: Database, query: str) -> str:
    if not query:
        return "<p>输入卡号或会员编号查询。</p>"
    with db.transaction() as session:
        card = session.get(CardRow, query)
        member = session.scalar(
            select(MemberRow).where(
                or_(
                    MemberRow.id == (card.member_id if card else query),
                    MemberRow.card_no == query,
                )
            )
        )
        if member is None:
            return f"<p>没有找到会员：{escape(query)}</p>"
        summary = _table(
            ("卡号", "姓名", "手机", "开卡门店", "本金", "赠送金", "积分", "状态"),
            [
                (
                    escape(member.card_no),
                    escape(member.name),
                    escape(member.phone_masked),
                    escape(member.home_store),
                    _money(member.principal_fen),
                    _money(member.bonus_fen),
                    str(member.points),
                    "黑名单（透支）" if member.hot else escape(member.status),
                )
            ],
            raw=True,
        )
        stored = session.scalars(
            select(StoredValueEntryRow)
            .where(StoredValueEntryRow.member_id == member.id)
            .order_by(StoredValueEntryRow.applied_at, StoredValueEntryRow.id)
        ).all()
        points = session.scalars(
            select(PointsEntryRow)
            .where(PointsEntryRow.member_id == member.id)
            .order_by(PointsEntryRow.applied_at, PointsEntryRow.id)
        ).all()
        stored_rows = [
            (
                escape(e.business_day),
                escape(f"{e.store_code}-{e.counter_no:02d}"),
                escape(e.kind),
                _money(e.principal_delta),
                _money(e.bonus_delta),
                escape(e.reason),
            )
            for e in stored
        ]
        points_rows = [
            (
                escape(e.business_day),
                escape(f"{e.store_code}-{e.counter_no:02d}"),
                escape(e.kind),
                str(e.delta),
                escape(e.reason),
            )
            for e in points
        ]
    return (
        summary
        + "<h2>储值流水</h2>"
        + _table(("营业日", "门店-收银台", "类型", "本金", "赠送金", "原因"), stored_rows, raw=True)
        + "<h2>积分流水</h2>"
        + _table(("营业日", "门店-收银台", "类型", "积分", "原因"), points_rows, raw=True)
    )
