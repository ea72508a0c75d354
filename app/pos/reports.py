"""Sales reports over any range of business days: each figure is one SQL aggregate (GROUP BY over
orders, payments and the member ledgers, or over the sales totals the database keeps per day and
month: ``app/pos/sales_totals.py``), never a Python loop over rows.

How refunds and voids count (docs/analytics.md, "Sales reports", says the same to the owner):

- A **voided** sale (作废) never happened: it is left out of every sales, profit, tender and
  member figure, and counted apart (how many, how much) on the business day it was rung up
  (a void is only allowed on that day).
- A **refund** (退货) counts on the business day the money went back, as a minus against that
  day's sales: net sales = sales − refunds. Products, categories, hours, cashiers, tenders and
  profit are all net of refunds (a refund line takes off its amount and puts back the cost it
  returned to stock; goods not put back keep their cost, so the whole refund is lost profit).
  Order counts and the average ticket count sales only; a partly refunded sale is still one sale.
- **Profit** is price minus cost: a line's ``net_fen`` (after every discount and its share of
  抹零) minus its ``cost_fen`` (moving average at the sale). Lines sold before costs were kept
  (``cost_fen`` NULL) are left out of profit and their amount is reported as "uncosted".

Money is fen, quantities thousandths of a unit; business days are the store's (cut-off and time
zone), hours the store's local clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.members.card_numbers import mask_card


class ReportError(KnownError):
    """A report that cannot be made for what was asked (an empty or future range)."""


class Preset(enum.StrEnum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"


@dataclasses.dataclass(frozen=True)
class Period:
    """Business days ``first`` to ``last``, both inside."""

    first: dt.date
    last: dt.date

    @property
    def params(self) -> dict[str, str]:
        return {"first": self.first.isoformat(), "last": self.last.isoformat()}

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def period(first: dt.date, last: dt.date, *, today: dt.date) -> Period:
    """The range checked: refused when empty or wholly in the future (a range may end later)."""
    if first > last:
        raise ReportError("开始日期 %1 晚于结束日期 %2：期间为空", first, last)
    if first > today:
        raise ReportError("所选期间从 %1 开始，还没有到来（今天是 %2）", first, today)
    return Period(first, last)


def preset_period(preset: Preset, today: dt.date) -> Period:
    """今天, 昨天, 本周 (Monday to today), 本月 (the 1st to today), 上月 (the whole month)."""
    if preset is Preset.TODAY:
        return Period(today, today)
    if preset is Preset.YESTERDAY:
        day = today - dt.timedelta(days=1)
        return Period(day, day)
    if preset is Preset.THIS_WEEK:
        return Period(today - dt.timedelta(days=today.weekday()), today)
    if preset is Preset.THIS_MONTH:
        return Period(today.replace(day=1), today)
    last = today.replace(day=1) - dt.timedelta(days=1)
    return Period(last.replace(day=1), last)


class CellKind(enum.StrEnum):
    TEXT = "text"
    COUNT = "count"
    MONEY = "money"  # fen
    QTY = "qty"  # thousandths of a unit
    PERCENT = "percent"  # basis points (10000 = 100 %)


Cell = str | int | None


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    kind: CellKind


@dataclasses.dataclass(frozen=True)
class ReportTable:
    """One report as plain rows; the screen names the columns by ``key`` in its language."""

    key: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.rows


def _columns(*spec: tuple[str, CellKind]) -> tuple[Column, ...]:
    return tuple(Column(key, kind) for key, kind in spec)


T, N, M, Q, P = CellKind.TEXT, CellKind.COUNT, CellKind.MONEY, CellKind.QTY, CellKind.PERCENT

#: Each product's counted lines summed over the range, read from the totals the database keeps
#: per month and per business day (migration 0018_sales_totals): whole months from the first,
#: the days at either end from the second, so a year is at most a few thousand rows.
_TOTALS_CTE = """
WITH totals AS (
    SELECT product_id, lines, qty_milli, net_fen, cost_fen, uncosted_fen
    FROM sales_month_products
    WHERE month BETWEEN :first_month AND :last_month
    UNION ALL
    SELECT product_id, lines, qty_milli, net_fen, cost_fen, uncosted_fen
    FROM sales_day_products
    WHERE business_day BETWEEN :first AND :head_last
    UNION ALL
    SELECT product_id, lines, qty_milli, net_fen, cost_fen, uncosted_fen
    FROM sales_day_products
    WHERE business_day BETWEEN :tail_first AND :last
),
per_product AS (
    SELECT product_id, SUM(qty_milli) AS qty_milli, SUM(net_fen) AS net_fen,
           SUM(cost_fen) AS cost_fen,
           SUM(net_fen) - SUM(uncosted_fen) - SUM(cost_fen) AS profit_fen,
           SUM(uncosted_fen) AS uncosted_fen
    FROM totals
    GROUP BY product_id
    HAVING SUM(lines) > 0
)
"""


_DAY = dt.timedelta(days=1)


def _totals_params(span: Period) -> dict[str, str]:
    """The range cut for :data:`_TOTALS_CTE`: its whole months, and the days before and after
    them (an empty piece is a range whose start is after its end)."""
    first_whole = span.first if span.first.day == 1 else _next_month(span.first)
    after_last = span.last + _DAY
    last_whole = span.last if after_last.day == 1 else after_last.replace(day=1) - _DAY
    if first_whole > last_whole:  # no whole month: every day from the day totals
        return {
            **span.params,
            "first_month": "9",
            "last_month": "0",
            "head_last": span.last.isoformat(),
            "tail_first": "9",
        }
    return {
        **span.params,
        "first_month": first_whole.isoformat()[:7],
        "last_month": last_whole.isoformat()[:7],
        "head_last": (first_whole - _DAY).isoformat(),
        "tail_first": (last_whole + _DAY).isoformat(),
    }


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _rows(session: Session, sql: str, params: Mapping[str, Any]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(row) for row in session.execute(text(sql), dict(params)).all())


@dataclasses.dataclass(frozen=True)
class TenderTotal:
    method: str
    sales_fen: int
    refunds_fen: int  # negative: paid back
    member_money_fen: int  # top-ups, count cards, membership fees
    net_fen: int


@dataclasses.dataclass(frozen=True)
class SalesSummary:
    """The range's figures on one page: what the daily summary prints."""

    period: Period
    sale_count: int
    sales_fen: int
    refund_count: int
    refunds_fen: int
    void_count: int
    voids_fen: int
    discount_fen: int
    member_net_fen: int
    items_milli: int
    cost_fen: int
    profit_fen: int
    uncosted_fen: int
    top_up_count: int
    top_up_principal_fen: int
    top_up_bonus_fen: int
    count_card_fen: int
    membership_fee_fen: int
    #: At the end of the range: what members hold as stored value, and their points.
    liability_principal_fen: int
    liability_bonus_fen: int
    points_outstanding: int
    tenders: tuple[TenderTotal, ...]

    @property
    def net_fen(self) -> int:
        return self.sales_fen - self.refunds_fen

    @property
    def has_sales(self) -> bool:
        return bool(self.sale_count or self.refund_count or self.void_count)

    @property
    def average_ticket_fen(self) -> int:
        return _ratio(self.net_fen, self.sale_count)

    @property
    def profit_per_order_fen(self) -> int:
        return _ratio(self.profit_fen, self.sale_count)

    @property
    def member_share_bp(self) -> int:
        """Member sales over all sales, both net of refunds, in basis points."""
        return _ratio(self.member_net_fen * 10000, self.net_fen)


def _ratio(numerator: int, denominator: int) -> int:
    """Rounded half away from zero; 0 when there is nothing to divide by."""
    if denominator == 0:
        return 0
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    return sign * ((2 * abs(numerator) + abs(denominator)) // (2 * abs(denominator)))


_ORDER_FIGURES = """
SELECT SUM(sale_count), SUM(sales_fen), SUM(refund_count), SUM(refunds_fen), SUM(void_count),
       SUM(voids_fen), SUM(discount_fen), SUM(member_net_fen), SUM(count_card_fen),
       SUM(membership_fee_fen)
FROM sales_day_orders
WHERE business_day BETWEEN :first AND :last
"""

_LINE_FIGURES = (
    _TOTALS_CTE
    + """
SELECT SUM(qty_milli), SUM(cost_fen), SUM(profit_fen), SUM(uncosted_fen) FROM per_product
"""
)

_TOP_UPS = """
SELECT COUNT(*), SUM(principal_delta), SUM(bonus_delta) FROM stored_value_entries
WHERE kind = 'top_up' AND business_day BETWEEN :first AND :last
"""

_LIABILITY = """
SELECT (SELECT SUM(principal_delta) FROM stored_value_entries WHERE business_day <= :last),
       (SELECT SUM(bonus_delta) FROM stored_value_entries WHERE business_day <= :last),
       (SELECT SUM(delta) FROM points_entries WHERE business_day <= :last)
"""

_TENDERS = """
SELECT method, SUM(sales_fen), SUM(refunds_fen), SUM(member_money_fen), SUM(net_fen)
FROM sales_day_tenders
WHERE business_day BETWEEN :first AND :last
GROUP BY method
HAVING SUM(payments) > 0
ORDER BY SUM(net_fen) DESC, method
"""


def _ints(row: Sequence[Any]) -> list[int]:
    return [int(value or 0) for value in row]


def summary(session: Session, span: Period) -> SalesSummary:
    """The range's sales, refunds, voids, profit, member share, top-ups and liabilities."""
    params = span.params
    (
        sale_count,
        sales,
        refund_count,
        refunds,
        void_count,
        voids,
        discount,
        member_net,
        count_cards,
        fees,
    ) = _ints(session.execute(text(_ORDER_FIGURES), params).one())
    items, cost, profit, uncosted = _ints(
        session.execute(text(_LINE_FIGURES), _totals_params(span)).one()
    )
    top_up_count, principal, bonus = _ints(session.execute(text(_TOP_UPS), params).one())
    owed_principal, owed_bonus, points = _ints(session.execute(text(_LIABILITY), params).one())
    tenders = tuple(
        TenderTotal(str(method), *_ints(figures))
        for method, *figures in session.execute(text(_TENDERS), params).all()
    )
    return SalesSummary(
        period=span,
        sale_count=sale_count,
        sales_fen=sales,
        refund_count=refund_count,
        refunds_fen=refunds,
        void_count=void_count,
        voids_fen=voids,
        discount_fen=discount,
        member_net_fen=member_net,
        items_milli=items,
        cost_fen=cost,
        profit_fen=profit,
        uncosted_fen=uncosted,
        top_up_count=top_up_count,
        top_up_principal_fen=principal,
        top_up_bonus_fen=bonus,
        count_card_fen=count_cards,
        membership_fee_fen=fees,
        liability_principal_fen=owed_principal,
        liability_bonus_fen=owed_bonus,
        points_outstanding=points,
        tenders=tenders,
    )


def tender_table(summary_: SalesSummary) -> ReportTable:
    return ReportTable(
        "by_tender",
        _columns(
            ("method", T),
            ("sales_fen", M),
            ("refunds_fen", M),
            ("member_money_fen", M),
            ("net_fen", M),
        ),
        tuple(
            (t.method, t.sales_fen, t.refunds_fen, t.member_money_fen, t.net_fen)
            for t in summary_.tenders
        ),
    )


_BY_DAY = """
SELECT business_day, sale_count, sales_fen, refunds_fen, sales_fen - refunds_fen, member_net_fen
FROM sales_day_orders
WHERE business_day BETWEEN :first AND :last AND sale_count + refund_count > 0
ORDER BY business_day
"""

_PROFIT_BY_DAY = """
SELECT business_day, SUM(net_fen - uncosted_fen - cost_fen)
FROM sales_day_products
WHERE business_day BETWEEN :first AND :last
GROUP BY business_day
"""


def by_day(session: Session, span: Period) -> ReportTable:
    """Each business day with sales: sales, refunds, net, member sales and profit."""
    profits = dict(session.execute(text(_PROFIT_BY_DAY), span.params).tuples().all())
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (str(day), *_ints(figures), int(profits.get(day) or 0))
        for day, *figures in session.execute(text(_BY_DAY), span.params).all()
    )
    return ReportTable(
        "by_day",
        _columns(
            ("day", T),
            ("sale_count", N),
            ("sales_fen", M),
            ("refunds_fen", M),
            ("net_fen", M),
            ("member_net_fen", M),
            ("profit_fen", M),
        ),
        rows,
    )


_BY_UTC_HOUR = """
SELECT utc_hour, SUM(sale_count), SUM(sales_fen) - SUM(refunds_fen)
FROM sales_day_hours
WHERE business_day BETWEEN :first AND :last
GROUP BY utc_hour
HAVING SUM(sale_count) + SUM(refund_count) > 0
"""


def by_hour(session: Session, span: Period, timezone: str) -> ReportTable:
    """Sales by the hour of the store's clock (0-23), net of refunds.

    SQLite knows no time zones, so SQL sums by UTC hour (at most 24 a day) and those sums are
    moved to the store's hour here, which follows daylight saving where the zone has it."""
    zone = zoneinfo.ZoneInfo(timezone)
    counts = [0] * 24
    amounts = [0] * 24
    for utc_hour, count, amount in session.execute(text(_BY_UTC_HOUR), span.params).all():
        moment = dt.datetime.strptime(str(utc_hour), "%Y-%m-%d %H").replace(tzinfo=dt.UTC)
        local = moment.astimezone(zone).hour
        counts[local] += int(count or 0)
        amounts[local] += int(amount or 0)
    rows = tuple(
        (f"{hour:02d}:00", counts[hour], amounts[hour])
        for hour in range(24)
        if counts[hour] or amounts[hour]
    )
    return ReportTable("by_hour", _columns(("hour", T), ("sale_count", N), ("net_fen", M)), rows)


_PRODUCT_COLUMNS = _columns(
    ("code", T),
    ("name", T),
    ("category", T),
    ("qty_milli", Q),
    ("net_fen", M),
    ("cost_fen", M),
    ("profit_fen", M),
    ("profit_per_unit_fen", M),
    ("margin_bp", P),
)

_BY_PRODUCT = (
    _TOTALS_CTE
    + """
SELECT p.code, p.name, COALESCE(c.name, ''), s.qty_milli, s.net_fen, s.cost_fen, s.profit_fen,
       CASE WHEN s.qty_milli = 0 THEN 0
            ELSE CAST(ROUND(s.profit_fen * 1000.0 / s.qty_milli) AS INTEGER) END,
       CASE WHEN s.net_fen - s.uncosted_fen = 0 THEN 0
            ELSE CAST(ROUND(s.profit_fen * 10000.0 / (s.net_fen - s.uncosted_fen)) AS INTEGER)
       END
FROM per_product AS s
JOIN products AS p ON p.id = s.product_id
LEFT JOIN categories AS c ON c.id = p.category_id
ORDER BY {order}, p.code
{limit}
"""
)

BEST_SELLERS = 20


def by_product(session: Session, span: Period) -> ReportTable:
    """Every product sold in the range, by amount: quantity, amount, cost, profit per item."""
    sql = _BY_PRODUCT.format(order="s.net_fen DESC", limit="")
    return ReportTable("by_product", _PRODUCT_COLUMNS, _rows(session, sql, _totals_params(span)))


def best_sellers(session: Session, span: Period, limit: int = BEST_SELLERS) -> ReportTable:
    """The products sold most, by quantity (then amount), net of refunds."""
    sql = _BY_PRODUCT.format(order="s.qty_milli DESC, s.net_fen DESC", limit="LIMIT :limit")
    rows = _rows(session, sql, {**_totals_params(span), "limit": limit})
    return ReportTable("best_sellers", _PRODUCT_COLUMNS, rows)


_BY_CATEGORY = (
    _TOTALS_CTE
    + """
SELECT COALESCE(c.name, ''), SUM(s.qty_milli), SUM(s.net_fen), SUM(s.cost_fen),
       SUM(s.profit_fen)
FROM per_product AS s
JOIN products AS p ON p.id = s.product_id
LEFT JOIN categories AS c ON c.id = p.category_id
GROUP BY p.category_id
ORDER BY SUM(s.net_fen) DESC, COALESCE(c.name, '')
"""
)


def by_category(session: Session, span: Period) -> ReportTable:
    """Each category (blank: products without one): quantity, amount, cost and profit."""
    return ReportTable(
        "by_category",
        _columns(
            ("category", T), ("qty_milli", Q), ("net_fen", M), ("cost_fen", M), ("profit_fen", M)
        ),
        _rows(session, _BY_CATEGORY, _totals_params(span)),
    )


_BY_CASHIER = """
SELECT s.name, SUM(t.sale_count), SUM(t.sales_fen), SUM(t.refund_count), SUM(t.refunds_fen),
       SUM(t.void_count), SUM(t.voids_fen), SUM(t.sales_fen) - SUM(t.refunds_fen)
FROM sales_day_cashiers AS t JOIN staff AS s ON s.id = t.cashier_id
WHERE t.business_day BETWEEN :first AND :last
GROUP BY t.cashier_id
HAVING SUM(t.sale_count) + SUM(t.refund_count) + SUM(t.void_count) > 0
ORDER BY 8 DESC, s.name
"""


def by_cashier(session: Session, span: Period) -> ReportTable:
    """Each cashier's sales, the refunds and voids they rang (approvers are on the list)."""
    return ReportTable(
        "by_cashier",
        _columns(
            ("cashier", T),
            ("sale_count", N),
            ("sales_fen", M),
            ("refund_count", N),
            ("refunds_fen", M),
            ("void_count", N),
            ("voids_fen", M),
            ("net_fen", M),
        ),
        _rows(session, _BY_CASHIER, span.params),
    )


#: The newest sales are chosen first (from the index), then only their lines are read.
_ORDER_PROFIT = """
WITH chosen AS (
    SELECT o.id, o.receipt_no, o.business_day, o.total_fen, o.created_at
    FROM orders AS o
    WHERE o.business_day BETWEEN :first AND :last AND o.kind = 'sale' AND o.state <> 'voided'
    ORDER BY o.business_day DESC, o.created_at DESC, o.receipt_no DESC
    {limit}
)
SELECT c.receipt_no, c.business_day, c.total_fen,
       SUM(COALESCE(l.cost_fen, 0)),
       SUM(CASE WHEN l.cost_fen IS NULL THEN 0 ELSE l.net_fen - l.cost_fen END),
       SUM(l.refunded_fen)
FROM chosen AS c JOIN order_lines AS l ON l.order_id = c.id
GROUP BY c.id
ORDER BY c.business_day DESC, c.created_at DESC, c.receipt_no DESC
"""


def order_profit(session: Session, span: Period, limit: int | None = None) -> ReportTable:
    """Each sale's amount, cost and profit as sold (newest first), and what was refunded of it
    since; ``limit`` keeps the newest only (the screen), None every sale (an export)."""
    sql = _ORDER_PROFIT.format(limit="" if limit is None else "LIMIT :limit")
    return ReportTable(
        "order_profit",
        _columns(
            ("receipt_no", T),
            ("day", T),
            ("total_fen", M),
            ("cost_fen", M),
            ("profit_fen", M),
            ("refunded_fen", M),
        ),
        _rows(session, sql, {**span.params, "limit": limit}),
    )


_REFUNDS_AND_VOIDS = """
SELECT o.receipt_no, o.business_day, CASE o.kind WHEN 'refund' THEN 'refund' ELSE 'void' END,
       COALESCE(original.receipt_no, ''), cashier.name, COALESCE(approver.name, ''),
       o.total_fen, CASE o.kind WHEN 'refund' THEN COALESCE(o.order_discount_label, '') ELSE ''
       END
FROM orders AS o
JOIN staff AS cashier ON cashier.id = o.cashier_id
LEFT JOIN staff AS approver ON approver.id = o.approver_id
LEFT JOIN orders AS original ON original.id = o.original_order_id
WHERE o.business_day BETWEEN :first AND :last
  AND (o.kind = 'refund' OR (o.kind = 'sale' AND o.state = 'voided'))
ORDER BY o.business_day, o.created_at
"""


def refunds_and_voids(session: Session, span: Period) -> ReportTable:
    """Every refund (its own receipt, the sale it returns) and every voided sale of the range."""
    return ReportTable(
        "refunds_and_voids",
        _columns(
            ("receipt_no", T),
            ("day", T),
            ("what", T),
            ("original_receipt_no", T),
            ("cashier", T),
            ("approver", T),
            ("amount_fen", M),
            ("reason", T),
        ),
        _rows(session, _REFUNDS_AND_VOIDS, span.params),
    )


_STORED_VALUE = """
SELECT kind, COUNT(*), SUM(principal_delta), SUM(bonus_delta)
FROM stored_value_entries
WHERE business_day BETWEEN :first AND :last
GROUP BY kind
ORDER BY kind
"""


def stored_value_moves(session: Session, span: Period) -> ReportTable:
    """Stored value moved in the range by kind (top-ups, spending, refunds, resets...)."""
    return ReportTable(
        "stored_value",
        _columns(("kind", T), ("entries", N), ("principal_fen", M), ("bonus_fen", M)),
        _rows(session, _STORED_VALUE, span.params),
    )


REPORTS = (
    "by_day",
    "by_hour",
    "by_category",
    "by_product",
    "best_sellers",
    "by_cashier",
    "by_tender",
    "order_profit",
    "refunds_and_voids",
    "stored_value",
)


@dataclasses.dataclass(frozen=True)
class StatementLine:
    day: str
    ledger: str  # stored_value | points
    kind: str
    principal_fen: int
    bonus_fen: int
    points: int
    receipt_no: str
    reason: str


@dataclasses.dataclass(frozen=True)
class MemberStatement:
    """A member's ledger entries over a range, between the balances before and after it."""

    card_no: str
    name: str
    period: Period
    opening: tuple[int, int, int]  # principal, bonus, points before the first day
    closing: tuple[int, int, int]
    lines: tuple[StatementLine, ...]


_STATEMENT_MEMBER = """
SELECT m.id, m.card_no, m.name FROM members AS m
WHERE m.card_no = :card OR m.id IN (SELECT member_id FROM member_cards WHERE card_no = :card)
"""

_STATEMENT_BALANCES = """
SELECT (SELECT SUM(principal_delta) FROM stored_value_entries
        WHERE member_id = :member AND business_day <= :day),
       (SELECT SUM(bonus_delta) FROM stored_value_entries
        WHERE member_id = :member AND business_day <= :day),
       (SELECT SUM(delta) FROM points_entries WHERE member_id = :member AND business_day <= :day)
"""

_STATEMENT_LINES = """
SELECT e.business_day, 'stored_value', e.kind, e.principal_delta, e.bonus_delta, 0,
       COALESCE(o.receipt_no, ''), e.reason, e.created_at
FROM stored_value_entries AS e LEFT JOIN orders AS o ON o.id = e.order_id
WHERE e.member_id = :member AND e.business_day BETWEEN :first AND :last
UNION ALL
SELECT e.business_day, 'points', e.kind, 0, 0, e.delta, COALESCE(o.receipt_no, ''), e.reason,
       e.created_at
FROM points_entries AS e LEFT JOIN orders AS o ON o.id = e.order_id
WHERE e.member_id = :member AND e.business_day BETWEEN :first AND :last
ORDER BY 9, 2
"""


def member_statement(session: Session, card_no: str, span: Period) -> MemberStatement:
    """对账单: the stored-value and points entries of the member holding ``card_no`` (or who
    held it before a replacement) in the range, with the balances around them."""
    found = session.execute(text(_STATEMENT_MEMBER), {"card": card_no.strip()}).first()
    if found is None:
        raise ReportError("没有卡号为 %1 的会员", mask_card(card_no.strip()))
    member_id, card, name = found
    before = (span.first - dt.timedelta(days=1)).isoformat()
    opening = _ints(
        session.execute(text(_STATEMENT_BALANCES), {"member": member_id, "day": before}).one()
    )
    closing = _ints(
        session.execute(
            text(_STATEMENT_BALANCES), {"member": member_id, "day": span.last.isoformat()}
        ).one()
    )
    lines = tuple(
        StatementLine(str(day), str(ledger), str(kind), int(p), int(b), int(pts), str(no), str(why))
        for day, ledger, kind, p, b, pts, no, why, _at in session.execute(
            text(_STATEMENT_LINES), {**span.params, "member": member_id}
        ).all()
    )
    return MemberStatement(
        str(card),
        str(name),
        span,
        (opening[0], opening[1], opening[2]),
        (closing[0], closing[1], closing[2]),
        lines,
    )
