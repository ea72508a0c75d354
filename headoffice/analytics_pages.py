"""The office's pages across stores, rendered on the server, Chinese first: sales of every store
for a range of business days, member groups and value segments over all stores, the counter's
member metrics over all stores, and the settlement of stored value between stores. Charts are
inline SVG drawn here (nothing is fetched by the browser). Same rules as ``headoffice.pages``:
loopback only, every value escaped.

A range or day the pages cannot answer (not a date, a start after its end, in the future) or one
with nothing to show is said in a sentence where the table and the chart would be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from app.members.analytics_terms import (
    GAP_LABELS,
    GROUP_TERMS,
    METRIC_TERMS,
    MIX_TERMS,
    RECENCY_LABELS,
    SEGMENT_TERMS,
    Shown,
    Term,
)
from app.members.segment_rules import Thresholds
from app.money import format_fen
from headoffice import analytics, settlement
from headoffice.db import Database
from headoffice.metrics import OfficeMetrics, office_metrics
from headoffice.models import StoreRow
from headoffice.pages import _money, _page, _table
from headoffice.thresholds import office_thresholds

#: The counter's tender names (``app.pos.tenders``, which the office does not import).
TENDER_WORDS = {
    "cash": "现金",
    "bank_card": "银行卡",
    "wechat": "微信支付",
    "alipay": "支付宝",
    "on_account": "挂账",
    "stored_value": "储值",
    "points": "积分抵现",
}
UNKNOWN_TENDER = "未知（0004 之前的记录没有支付明细）"
#: Where the office's answer differs from a counter's, said beside the definition.
OFFICE_NOTES = {
    "high_ticket": "总部以全部门店同期的平均客单价为准。",
    "bargain_frequent": "只计总部收到了商品行的销售（0004 之后）。",
    "bargain_rare": "只计总部收到了商品行的销售（0004 之后）。",
}
SETTLEMENT_RULE = (
    "结算规则：每位会员的储值按“先进先出”排队，本金与赠送金各排各的。充值、退货或作废退回、"
    "赠送、期初、调增等存入的储值，记在发生的门店；消费、退现、调减等支出，按顺序先用最早存入"
    "且尚未用完的储值。A 店存入、B 店用掉的部分，计入 (A → B)，日期取两者中较晚的营业日："
    "收款门店（A）应付给消费门店（B）。同一门店内的存取不计。透支的部分在会员下次充值时再匹配。"
    "顺序按营业日，同一天按总部入账时间。某门店尚未上传的记录到达后，较早期间的结果可能改变："
    "结算前请在“门店与收银台”页确认各收银台均无未上传记录。"
)

Today = Callable[[], dt.date]


class Refused(Exception):
    """A range or day the page cannot answer; the message says why, in Chinese."""


def office_today(clock: Callable[[], float]) -> Today:
    return lambda: analytics.office_today(clock())


def read_day(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Refused(f"{what}须为 YYYY-MM-DD 格式的日期：{value}") from None


def read_range(
    first: str, last: str, today: dt.date, *, blank_days: int | None = None
) -> tuple[dt.date, dt.date]:
    """The business days asked, both included; a blank end is today, a blank start the first
    of the end's month (or, with ``blank_days``, the start of that many days ending with the
    end)."""
    end = read_day(last, "结束日期") if last.strip() else today
    if first.strip():
        start = read_day(first, "开始日期")
    elif blank_days is None:
        start = end.replace(day=1)
    else:
        start = end - dt.timedelta(days=blank_days - 1)
    if start > end:
        raise Refused(f"开始日期 {start} 晚于结束日期 {end}，请重新选择")
    if start > today:
        raise Refused(f"所选期间从 {start} 开始，还没有到，没有数据")
    return start, min(end, today)


def share_text(part: int, whole: int) -> str:
    """``part / whole`` in % to two places, half up; 0 when there is nothing to divide."""
    if whole == 0:
        return "0.00 %"
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value} %"


def _message(words: str) -> str:
    return f'<p class="note">{escape(words)}</p>'


def _range_form(action: str, first: str, last: str, blank: str = "开始留空为该月 1 日") -> str:
    return (
        f'<form action="{action}">开始 <input name="from" value="{escape(first)}" size="10"> '
        f'结束 <input name="to" value="{escape(last)}" size="10"> '
        f"<button>查看</button>（营业日，含首尾；结束留空为今天，{blank}）</form>"
    )


# --- the chart ----------------------------------------------------------------------------------

BAR_HEIGHT = 22
LABEL_WIDTH = 150
PLOT_WIDTH = 420
VALUE_WIDTH = 110


def bar_chart(title: str, bars: Sequence[tuple[str, int]], *, money: bool = True) -> str:
    """Horizontal bars, one per label, drawn from zero (negative ones to the left, red), each
    with its value written after it. ``bars`` must not be empty: say so in words instead."""
    assert bars, "an empty chart is never drawn"
    lowest = min(0, *(value for _, value in bars))
    highest = max(0, *(value for _, value in bars))
    span = (highest - lowest) or 1
    zero = LABEL_WIDTH + PLOT_WIDTH * (-lowest) / span
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    height = BAR_HEIGHT * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    ]
    for row, (label, value) in enumerate(bars):
        y = 5 + row * BAR_HEIGHT
        length = PLOT_WIDTH * abs(value) / span
        x = zero - length if value < 0 else zero
        shown = format_fen(value) if money else str(value)
        colour = "#c0392b" if value < 0 else "#2e86c1"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(label)}</text>"
            f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" height="{BAR_HEIGHT - 6}" '
            f'fill="{colour}"><title>{escape(label)}：{escape(shown)}</title></rect>'
            f'<text x="{max(x + length, zero) + 4:.1f}" y="{y + 15}" font-size="12">'
            f"{escape(shown)}</text>"
        )
    parts.append(
        f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{height}" stroke="#555"/></svg>'
    )
    return "".join(parts)


# --- the pages ----------------------------------------------------------------------------------


def install(app: FastAPI, db: Database, here: Callable[[Request], None], today: Today) -> None:
    @app.get("/sales", response_class=HTMLResponse, include_in_schema=False)
    def sales(request: Request) -> HTMLResponse:
        here(request)
        first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
        return _page("跨店销售", sales_body(db, first, last, today()))

    @app.get("/segments", response_class=HTMLResponse, include_in_schema=False)
    def segments(request: Request, on: str = "") -> HTMLResponse:
        here(request)
        return _page("会员分组与分层（全部门店）", segments_body(db, on, today()))

    @app.get("/metrics", response_class=HTMLResponse, include_in_schema=False)
    def member_metrics(request: Request) -> HTMLResponse:
        here(request)
        first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
        return _page("会员指标（全部门店）", metrics_body(db, first, last, today()))

    @app.get("/settlement", response_class=HTMLResponse, include_in_schema=False)
    def settle(request: Request) -> HTMLResponse:
        here(request)
        first, last = request.query_params.get("from", ""), request.query_params.get("to", "")
        return _page("跨店储值结算", settlement_body(db, first, last, today()))


def _store_names(db: Database) -> dict[str, str]:
    with db.transaction() as session:
        return {s.code: s.name for s in session.scalars(select(StoreRow))}


def sales_body(db: Database, first_text: str, last_text: str, today: dt.date) -> str:
    form = _range_form("/sales", first_text, last_text)
    try:
        first, last = read_range(first_text, last_text, today)
    except Refused as exc:
        return form + _message(str(exc))
    with db.transaction() as session:
        report = analytics.sales_report(session, first, last)
    heading = f"<p>期间：{first} 至 {last}（营业日）</p>"
    if report.empty:
        return form + heading + _message("该期间没有销售")
    names = _store_names(db)
    return (
        form
        + heading
        + _sales_summary(report)
        + "<h2>按日</h2>"
        + _over_time(report)
        + _totals_table("营业日", [(t.key, t) for t in report.by_day])
        + "<h2>按门店</h2>"
        + bar_chart(
            "各门店净销售额（元）",
            [(f"{t.key} {names.get(t.key, '')}", t.net_fen) for t in report.by_store],
        )
        + _totals_table("门店", [(f"{t.key} {names.get(t.key, '')}", t) for t in report.by_store])
        + "<h2>按支付方式</h2>"
        + _tenders_table(report)
    )


def _over_time(report: analytics.SalesReport) -> str:
    """Each day's net sales as a bar; a long range's by month, so the chart stays readable."""
    if (report.last - report.first).days + 1 > analytics.MOST_DAYS_CHARTED:
        return bar_chart("每月净销售额（元）", [(t.key, t.net_fen) for t in report.by_month])
    return bar_chart("每日净销售额（元）", [(t.key, t.net_fen) for t in report.by_day])


def _sales_summary(report: analytics.SalesReport) -> str:
    t = report.total
    rows = [
        ("销售单数", str(t.sales)),
        ("销售额", _money(t.sales_fen)),
        ("退货", _money(-t.refunds_fen)),
        ("净销售额", _money(t.net_fen)),
        ("会员销售额", _money(t.member_fen)),
        ("会员销售占比", share_text(t.member_fen, t.net_fen)),
        ("作废（不计入销售）", f"{report.voids} 单，{format_fen(report.voids_fen)} 元"),
    ]
    return _table(("项目", "数值"), rows, raw=True)


def _totals_table(what: str, rows: Sequence[tuple[str, analytics.Totals]]) -> str:
    return _table(
        (what, "销售单数", "销售额", "退货额", "净销售额", "会员销售额", "会员占比"),
        [
            (
                escape(label),
                str(t.sales),
                _money(t.sales_fen),
                _money(-t.refunds_fen),
                _money(t.net_fen),
                _money(t.member_fen),
                share_text(t.member_fen, t.net_fen),
            )
            for label, t in rows
        ],
        raw=True,
    )


def _tenders_table(report: analytics.SalesReport) -> str:
    rows = [
        (
            escape(TENDER_WORDS.get(method, method) if method else UNKNOWN_TENDER),
            _money(fen),
        )
        for method, fen in report.tenders
    ]
    if not rows:
        return _message("该期间的销售都是零元单，没有收款")
    return _table(("支付方式", "净收款（退款已扣除）"), rows, raw=True)


def filled_definition(term: Term, rules: Thresholds) -> str:
    """The term's definition in words with these thresholds."""
    words = term.definition
    for number, value in reversed(list(enumerate(term.values(rules), start=1))):
        words = words.replace(f"%{number}", value)
    return words


def segments_body(db: Database, on_text: str, today: dt.date) -> str:
    form = (
        f'<form action="/segments">计算日 <input name="on" value="{escape(on_text)}" size="10">'
        " <button>查看</button>（留空为今天）</form>"
    )
    try:
        on = read_day(on_text, "计算日") if on_text.strip() else today
        if on > today:
            raise Refused(f"计算日 {on} 还没有到，没有数据")
    except Refused as exc:
        return form + _message(str(exc))
    with db.transaction() as session:
        rules = office_thresholds(session)
        found = analytics.membership(session, on, rules)
    whose = "收银台的默认值" if rules == Thresholds() else "总部所设（analytics-thresholds）"
    heading = f"<p>计算日：{on}；全部门店的销售，阈值为{whose}。</p>"
    if found.members == 0:
        return form + heading + _message("该日还没有会员")
    counts = [("分组", term, found.groups[term.key]) for term in GROUP_TERMS] + [
        ("分层", term, found.segments[term.key]) for term in SEGMENT_TERMS
    ]
    chart = (
        bar_chart("各分组与分层的会员数", [(t.name, n) for _, t, n in counts], money=False)
        if any(n for _, _, n in counts)
        else _message("该日没有会员在任何分组或分层中")
    )
    rows = [
        (
            kind,
            escape(term.name),
            str(count),
            escape(
                filled_definition(term, rules)
                + ("。" + OFFICE_NOTES[term.key] if term.key in OFFICE_NOTES else "")
            ),
            escape(term.key),
        )
        for kind, term, count in counts
    ]
    return (
        form
        + heading
        + f"<p>会员总数：{found.members}</p>"
        + chart
        + _table(("类别", "名称", "人数", "定义", "键"), rows, raw=True)
        + _gaps(found)
    )


def _gaps(found: analytics.Membership) -> str:
    """What the office could not know, said with its count (nothing when all is known)."""
    said = []
    if found.unknown_joined:
        said.append(
            f"{found.unknown_joined} 位会员的入会日期总部不知道（0004 之前登记），按早已入会计算。"
        )
    if found.unlinked_refunds:
        said.append(
            f"{found.unlinked_refunds} 笔退货没有记下原销售单（0004 之前收到），"
            "没有从原销售中扣除。"
        )
    if found.sales_without_lines:
        said.append(
            f"{found.sales_without_lines} 笔销售没有商品行（0004 之前收到），不计入促销商品的金额。"
        )
    if not said:
        return ""
    return "<h2>总部数据的局限</h2>" + "".join(_message(words) for words in said)


def settlement_body(db: Database, first_text: str, last_text: str, today: dt.date) -> str:
    form = _range_form("/settlement", first_text, last_text) + _message(SETTLEMENT_RULE)
    try:
        first, last = read_range(first_text, last_text, today)
    except Refused as exc:
        return form + _message(str(exc))
    with db.transaction() as session:
        owed = settlement.settlement(session, first, last)
    heading = f"<p>期间：{first} 至 {last}（营业日）</p>"
    if not owed:
        return form + heading + _message("该期间没有在一家门店存入、在另一家门店用掉的储值")
    names = _store_names(db)

    def store(code: str) -> str:
        return escape(f"{code} {names.get(code, '')}")

    pairs = _table(
        ("存入门店（应付）", "消费门店（应收）", "本金", "赠送金"),
        [
            (store(o.from_store), store(o.to_store), _money(o.principal_fen), _money(o.bonus_fen))
            for o in owed
        ],
        raw=True,
    )
    net = settlement.net_between(owed)
    netted = (
        _table(
            ("付款门店", "收款门店", "本金", "赠送金"),
            [
                (
                    store(o.from_store),
                    store(o.to_store),
                    _money(o.principal_fen),
                    _money(o.bonus_fen),
                )
                for o in net
            ],
            raw=True,
        )
        if net
        else _message("相互抵销后两清，无需付款")
    )
    chart = bar_chart(
        "各门店对之间的本金（元）",
        [(f"{o.from_store} → {o.to_store}", o.principal_fen) for o in owed],
    )
    return (
        form
        + heading
        + chart
        + "<h2>按门店对</h2>"
        + pairs
        + "<h2>相互抵销后</h2>"
        + netted
        + "<p>导出 CSV：<code>python main.py headoffice settlement 文件.csv "
        + f"--from {first} --to {last}</code></p>"
    )


# --- the member metrics -------------------------------------------------------------------------

#: The metrics page's range when its start is blank: the 30 days ending with its end.
METRICS_BLANK_DAYS = 30
#: Where the office's metric differs from a counter's, said beside the definition.
OFFICE_METRIC_NOTES = {
    "new_members": "入会日期总部不知道的会员（0004 之前登记）按早已入会计算，不算新增。",
    "churn_rate": "入会日期总部不知道的会员按早已入会计算。",
    "member_sales_share": "会员在任何门店的消费都算会员消费。",
    "dau": "同一会员同一天在几家门店消费，只算一次。",
    "avg_item_price_fen": "总部不知道哪些商品称重：按售出数量计件（称重商品 1 千克算 1 件）；"
    "只计总部收到了商品行的消费（0004 之后）。",
    "items_per_ticket": "同件单价：按售出数量计件，只计有商品行的消费。",
    "retention": "入会日期总部不知道的会员不在表中。",
}
#: The labels of the buckets, as the page says them.
RECENCY_WORDS = {"never": "从未消费", "366+": "366 天以上"}
GAP_WORDS = {"0": "同一天"}


def _days_label(label: str, words: dict[str, str]) -> str:
    return words.get(label, f"{label} 天")


def _metric_value(term: Term, value: object) -> str:
    """A single-number metric as the page shows it (escaped); a dash over nothing."""
    if value is None:
        return "—（没有可除的数）"
    if term.shown is Shown.SHARE:
        return f"{Decimal(str(value)) * 100:.2f} %"
    if term.shown is Shown.MONEY:
        assert isinstance(value, int)
        return _money(value)
    if term.shown is Shown.DECIMAL:
        return f"{Decimal(str(value)):.2f}"
    return escape(str(value))


def metrics_body(db: Database, first_text: str, last_text: str, today: dt.date) -> str:
    form = _range_form("/metrics", first_text, last_text, "开始留空为结束日之前 30 天")
    try:
        first, last = read_range(first_text, last_text, today, blank_days=METRICS_BLANK_DAYS)
    except Refused as exc:
        return form + _message(str(exc))
    with db.transaction() as session:
        rules = office_thresholds(session)
        found = office_metrics(session, first, last, rules)
    values = found.values
    whose = "收银台的默认值" if rules == Thresholds() else "总部所设（analytics-thresholds）"
    heading = (
        f"<p>期间：{first} 至 {last}（营业日，含首尾）；全部门店的会员与销售，阈值为{whose}。</p>"
    )
    if values["members"] == 0 and values["sales_fen"] == 0:
        return form + heading + _message("该期间没有销售，也还没有会员")
    rows = [
        (
            escape(term.name),
            _metric_value(term, values[term.key]),
            escape(_noted(term.key, filled_definition(term, rules))),
            escape(term.key),
        )
        for term in METRIC_TERMS
        if term.shown not in (Shown.BUCKETS, Shown.PARTS, Shown.TRIANGLE)
    ]
    terms = {term.key: term for term in METRIC_TERMS}
    return (
        form
        + heading
        + _table(("指标", "数值", "定义", "键"), rows, raw=True)
        + _buckets(
            terms["recency"], values["recency"], RECENCY_LABELS, RECENCY_WORDS, rules, "会员数"
        )
        + _buckets(
            terms["visit_gap_days"], values["visit_gap_days"], GAP_LABELS, GAP_WORDS, rules, "次数"
        )
        + _mix(terms["member_mix"], values["member_mix"], rules)
        + _triangle(terms["retention"], values["retention"], rules)
        + _metric_gaps(found)
    )


def _noted(key: str, words: str) -> str:
    return words + ("。" + OFFICE_METRIC_NOTES[key] if key in OFFICE_METRIC_NOTES else "")


def _heading(term: Term, rules: Thresholds) -> str:
    return (
        f"<h2>{escape(term.name)}</h2>"
        f'<p class="note">{escape(_noted(term.key, filled_definition(term, rules)))}'
        f"（{escape(term.key)}）</p>"
    )


def _buckets(
    term: Term,
    counts: dict[str, int],
    labels: Sequence[str],
    words: dict[str, str],
    rules: Thresholds,
    unit: str,
) -> str:
    """A histogram as a bar chart and a table; a sentence instead of a chart of nothing."""
    bars = [(_days_label(label, words), counts[label]) for label in labels]
    chart = (
        bar_chart(f"{term.name}（{unit}）", bars, money=False)
        if any(n for _, n in bars)
        else _message("该期间没有可以分段的记录")
    )
    table = _table(("天数", unit), [(label, str(n)) for label, n in bars])
    return _heading(term, rules) + chart + table


def _mix(term: Term, mix: dict[str, object], rules: Thresholds) -> str:
    rows = [
        (escape(part.name), escape(str(mix[part.key])), escape(part.definition))
        for part in MIX_TERMS
    ]
    return (
        _heading(term, rules)
        + f"<p>月份：{escape(str(mix['month']))}</p>"
        + _table(("构成", "人数", "定义"), rows, raw=True)
    )


def _triangle(term: Term, triangle: list[dict[str, Any]], rules: Thresholds) -> str:
    """The cohorts as rows, month 0 (the joining month) onwards as columns."""
    if not triangle:
        return _heading(term, rules) + _message("该期间没有会员入会（入会日期已知的）")
    width = max(len(row["months"]) for row in triangle)
    headers = ("入会月份", "人数", *(f"第 {n} 月" for n in range(width)))
    rows = [
        (
            str(row["cohort"]),
            str(row["members"]),
            *(f"{Decimal(str(share)) * 100:.2f} %" for share in row["months"]),
            *("" for _ in range(width - len(row["months"]))),
        )
        for row in triangle
    ]
    return _heading(term, rules) + _table(headers, rows)


def _metric_gaps(found: OfficeMetrics) -> str:
    """What the office could not know for these metrics, with its count."""
    said = []
    if found.unknown_joined:
        said.append(
            f"{found.unknown_joined} 位会员的入会日期总部不知道（0004 之前登记），按早已入会"
            "计算：不算新增会员，不在留存表中。"
        )
    if found.unlinked_refunds:
        said.append(
            f"{found.unlinked_refunds} 笔退货没有记下原销售单（0004 之前收到），"
            "没有从原销售中扣除。"
        )
    if found.unlined:
        said.append(
            f"期间内 {found.unlined} 笔消费（{format_fen(found.unlined_fen)} 元）没有商品行"
            "（0004 之前收到），不计入件单价和连带率。"
        )
    if found.fractional_lines:
        said.append(
            f"期间内 {found.fractional_lines} 个商品行的数量不是整数（称重商品），按重量计件；"
            "收银台每行算一件。"
        )
    if not said:
        return ""
    return "<h2>总部数据的局限</h2>" + "".join(_message(words) for words in said)
