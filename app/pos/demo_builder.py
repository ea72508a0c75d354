"""The made-up history of ``python main.py demo --members N --days D`` as rows, in a process of
its own: stdlib only (and a few plain rules), so a second process starts at once and builds the
next days while :mod:`app.pos.demo_history` writes the last ones into the database.

:func:`build` runs the whole story from one ``random.Random(seed)``, day after day, and sends
its rows down a pipe in the order they are to be written: the members, then a few days' rows at a
time, then the members' sums and the products' stock. The same seed makes the same history (ids
and the wall-clock moments of the store's seeding aside): the writer only writes what it gets.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import math
import random
import traceback
from collections.abc import Callable, Iterator, Sequence
from json import encoder as json_encoder
from typing import Any, NamedTuple, Protocol, TypeVar
from zoneinfo import ZoneInfo

from app.pos.stock_cost import line_cost, value_at_average
from app.pos.tenders import TenderMethod
from app.storage.audit_chain import AuditText, chained_rows
from app.storage.ids import new_ids

HISTORY_ACTOR = "demo-history"
PROMO_LABEL = "促销"
COUPON_LABEL = "满100减10"
COUPON_OFF_FEN = 10_00
COUPON_THRESHOLD_FEN = 100_00
#: A product running out is received again: this many units more than the sale needs.
RESTOCK_UNITS = 300
SUPPLIER = "演示供应商"
_SUPPLIER_JSON = json_encoder.encode_basestring(SUPPLIER)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
_GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀英华平刚桂兰建志晓燕海春梅子涵浩然欣怡"
_WALLET_METHODS = (TenderMethod.CASH, TenderMethod.WECHAT, TenderMethod.ALIPAY)
_T = TypeVar("_T")
#: The store is open from 08:00 for this many minutes (to 21:59).
_MINUTES = 840
#: A line's quantity in milli-units, drawn evenly from these; a promotion's percent off.
_QUANTITIES = (1000, 1000, 1000, 2000, 2000, 3000)
_PROMOTION_PERCENTS = (10, 20, 30)
#: Days of rows sent at a time: small, so the writer starts soon and waits little at the end.
CHUNK_DAYS = 7


class Sender(Protocol):
    """The sending end of a pipe (``multiprocessing.connection.Connection``)."""

    def send(self, obj: Any) -> None: ...


@dataclasses.dataclass(frozen=True)
class StoreState:
    """What the history needs of the seeded store, read by the writer and handed over."""

    store_code: str
    counter_no: str
    timezone: str
    first: dt.date
    last: dt.date
    cashiers: list[str]
    manager: str
    card_type: tuple[str, int, int]  # id, points per yuan as a fraction
    coupon_template: str
    #: (id, name, barcode, unit, price, cost, stock, stock value) of each product sold
    products: list[tuple[str, str, str | None, str, int, int, int, int]]
    outbox_seq: int
    event_schema_version: int
    #: The audit chain's end (``app.storage.audit.chain_end``): its lines are chained here.
    audit_seq: int
    audit_hash: str
    audit_secret: bytes | None = dataclasses.field(repr=False)


@dataclasses.dataclass
class _Member:
    id: str
    card_no: str
    joined_on: dt.date
    gap_days: float  # usual days between two visits
    ticket_fen: int  # usual ticket
    promo_liking: float  # chance that a line is a promotion's
    keeps_value: bool  # tops up and pays with the card
    leaves_on: dt.date  # stops coming after this day
    principal: int = 0
    bonus: int = 0
    points: int = 0
    spend: int = 0
    visits: int = 0
    last_visit: str | None = None  # ISO day


@dataclasses.dataclass
class _Product:
    id: str
    name: str
    barcode: str | None
    unit: str
    price_fen: int
    cost_fen: int
    stock: int
    value: int
    #: The name and barcode as JSON, made once for every line of the product's payloads.
    name_json: str = ""
    barcode_json: str = ""


class _When(NamedTuple):
    """A moment as the columns store it (``sql_moment``, as the counter's own writes do) and as
    a payload and the audit hash read it (the aware UTC moment's ``isoformat()``)."""

    sql: str
    iso: str


@dataclasses.dataclass
class _Sale:
    """What a later refund needs of a sale: its order and line rows (``ORDER_COLUMNS`` and
    ``LINE_COLUMNS`` order) and payment rows."""

    order: list[Any]
    lines: list[list[Any]]
    payments: list[list[Any]]
    member: _Member | None
    points_earned: int
    bonus_paid: int


@dataclasses.dataclass
class Rows:
    """The rows of one chunk of days, inserted together."""

    orders: list[Any] = dataclasses.field(default_factory=list)
    lines: list[Any] = dataclasses.field(default_factory=list)
    payments: list[Any] = dataclasses.field(default_factory=list)
    moves: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    documents: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    spend: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    points: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    stored: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    coupons: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    events: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    audits: list[AuditText] = dataclasses.field(default_factory=list)
    #: ``audits`` as chained ``audit_log`` rows, made when the chunk is sent
    audit_rows: list[tuple[object, ...]] = dataclasses.field(default_factory=list)
    refund_updates: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    refunded_orders: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    sequences: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)


ORDER_COLUMNS = (
    "id, receipt_no, business_day, kind, state, cashier_id, approver_id, shift_id,"
    " original_order_id, member_id, subtotal_fen, discount_fen, rounding_fen, total_fen,"
    " change_fen, order_discount_label, created_at, voided_at"
)
LINE_COLUMNS = (
    "id, order_id, line_no, product_id, original_line_id, name, barcode, unit, qty_milli,"
    " list_price_fen, unit_price_fen, gross_fen, line_discount_fen, order_share_fen, net_fen,"
    " refunded_qty_milli, refunded_fen, cost_fen, discount_label"
)
PAYMENT_COLUMNS = "id, order_id, seq, method, amount_fen, tendered_fen, reference, customer_name"
# Where a value sits in an order's, a line's and a payment's row (their INSERTs' column order).
(_O_ID, _O_RECEIPT, _O_DAY, _O_KIND, _O_STATE, _O_CASHIER, _O_APPROVER) = range(7)
(_O_ORIGINAL, _O_MEMBER, _O_SUBTOTAL, _O_DISCOUNT, _O_TOTAL) = (8, 9, 10, 11, 13)
(_L_ID, _L_LINE_NO, _L_PRODUCT, _L_QTY, _L_GROSS, _L_DISCOUNT, _L_SHARE, _L_NET) = (
    0,
    2,
    3,
    8,
    11,
    12,
    13,
    14,
)
_L_COST = 17
(_P_SEQ, _P_METHOD, _P_AMOUNT, _P_REFERENCE) = (2, 3, 4, 6)


# --- the outbox payloads and audit details as text --------------------------------------------
#
# A payload is ``order_rows.order_payload`` as ``json.dumps(..., ensure_ascii=False,
# sort_keys=True)`` writes it (the counter's outbox), put together from its parts' texts: the
# keys in sorted order, ids and moments plain ASCII, names escaped by json's own string encoder.
# tests/pos/test_demo_history.py holds every payload and audit detail of a history to the text
# json.dumps makes of the same values.

_json_string = json_encoder.encode_basestring


def _json_text(value: str | None) -> str:
    return "null" if value is None else _json_string(value)


def _id_json(value: str | None) -> str:
    """An id (plain ASCII) or None as JSON."""
    return "null" if value is None else f'"{value}"'


def _line_json(line: list[Any], product: _Product) -> str:
    return (
        f'{{"barcode": {product.barcode_json}, "cost_fen": {line[17]}, "gross_fen": {line[11]},'
        f' "line_discount_fen": {line[12]}, "line_id": "{line[0]}", "line_no": {line[2]},'
        f' "name": {product.name_json}, "net_fen": {line[14]}, "order_share_fen": {line[13]},'
        f' "original_line_id": {_id_json(line[4])},'
        f' "product_id": "{line[3]}", "promotion_fen": 0, "promotion_ids": null,'
        f' "qty_milli": {line[8]}, "unit_price_fen": {line[10]}}}'
    )


def _payment_json(payment: list[Any]) -> str:
    return (
        f'{{"amount_fen": {payment[4]}, "customer_name": null, "method": "{payment[3]}",'
        f' "payment_id": "{payment[0]}",'
        f' "reference": {_id_json(payment[6])},'
        f' "tendered_fen": {payment[5]}}}'
    )


def _order_json(
    order: list[Any], iso: str, lines: list[str], payments: list[str], ledger: list[str]
) -> str:
    return (
        f'{{"approver_id": {_id_json(order[6])},'
        f' "business_day": "{order[2]}", "cashier_id": "{order[5]}",'
        f' "change_fen": {order[14]}, "created_at": "{iso}", "discount_fen": {order[11]},'
        f' "kind": "{order[3]}", "ledger_entries": [{", ".join(ledger)}],'
        f' "lines": [{", ".join(lines)}],'
        f' "member_id": {_id_json(order[9])},'
        f' "order_id": "{order[0]}",'
        f' "original_order_id": {_id_json(order[8])},'
        f' "payments": [{", ".join(payments)}], "receipt_no": "{order[1]}",'
        f' "rounding_fen": {order[12]}, "shift_id": null, "state": "{order[4]}",'
        f' "subtotal_fen": {order[10]}, "total_fen": {order[13]}}}'
    )


def _spend_json(entry_id: str, spend: int, visits: int) -> str:
    return (
        f'{{"entry_id": "{entry_id}", "ledger": "spend", "spend_delta": {spend},'
        f' "visits_delta": {visits}}}'
    )


def _points_json(entry_id: str, delta: int) -> str:
    return f'{{"delta": {delta}, "entry_id": "{entry_id}", "ledger": "points"}}'


def _stored_json(entry_id: str, kind: str, principal: int, bonus: int) -> str:
    return (
        f'{{"bonus_delta": {bonus}, "entry_id": "{entry_id}", "kind": "{kind}",'
        f' "ledger": "stored_value", "principal_delta": {principal}}}'
    )


def _coupon_json(coupon_id: str, code: str) -> str:
    return f'{{"code": "{code}", "coupon_id": "{coupon_id}", "ledger": "coupon"}}'


class _Builder:
    def __init__(self, state: StoreState, seed: int) -> None:
        self.state = state
        self.rng = rng = random.Random(seed)
        self.first = state.first
        self.last = state.last
        self.zone = ZoneInfo(state.timezone)
        self.outbox_seq = state.outbox_seq
        self.audit_seq, self.audit_hash = state.audit_seq, state.audit_hash
        self.orders = self.lines = self.refund_count = self.top_ups = 0
        self._ids: list[str] = []
        #: Each day's 08:00 as the members' ``created_at`` stores it.
        self._morning: dict[dt.date, str] = {}
        self.cashiers = state.cashiers
        self.manager = state.manager
        self.card_type = state.card_type
        self.coupon_template = state.coupon_template
        self.products = [
            _Product(*p, name_json=_json_string(p[1]), barcode_json=_json_text(p[2]))
            for p in state.products
        ]
        self.product_by_id = {p.id: p for p in self.products}
        # A few products sell far more than the rest (Zipf-like weights).
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.products))]
        rng.shuffle(weights)
        total = 0.0
        self.cumulative: list[float] = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def _chained(self, entries: list[AuditText]) -> list[tuple[object, ...]]:
        """The chunk's audit lines chained on from the last chunk's."""
        ids = [self._id() for _ in entries]
        rows = chained_rows(self.audit_seq, self.audit_hash, self.state.audit_secret, entries, ids)
        if rows:
            self.audit_seq, self.audit_hash = self.audit_seq + len(rows), str(rows[-1][9])
        return rows

    def _id(self) -> str:
        """A new id, from a block made at once (one call per row would cost a third of the run)."""
        if not self._ids:
            self._ids = _new_ids(4096)
            self._ids.reverse()
        return self._ids.pop()

    # --- members ---------------------------------------------------------------------------------

    def _members(self, count: int) -> list[_Member]:
        rng = self.rng
        span = (self.last - self.first).days + 1
        ids = _new_ids(count)
        made = []
        for index, member_id in enumerate(ids):
            # More members join as the store grows: the join day leans to the end of the window.
            joined = self.first + dt.timedelta(days=int(span * math.sqrt(rng.random())))
            stays = rng.expovariate(1 / 120)
            made.append(
                _Member(
                    id=member_id,
                    card_no=f"8{index + 1:09d}",
                    joined_on=min(joined, self.last),
                    gap_days=max(1.0, rng.lognormvariate(math.log(80), 0.9)),
                    ticket_fen=int(rng.lognormvariate(math.log(45_00), 0.8)),
                    promo_liking=rng.betavariate(1.2, 5),
                    keeps_value=rng.random() < 0.2,
                    leaves_on=joined + dt.timedelta(days=int(stays)),
                )
            )
        return made

    def _member_rows(self, members: list[_Member]) -> Iterator[tuple[Any, ...]]:
        rng = self.rng
        card_type = self.card_type[0]
        for index, m in enumerate(members):
            year = rng.randint(1960, 2005)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            joined = m.joined_on.isoformat()
            yield (
                m.id,
                m.card_no,
                rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.randint(1, 2))),
                f"1{rng.choice('3578')}{index + 1:09d}",
                rng.choice(("男", "女", "女")),
                "solar",
                year,
                month,
                day,
                f"S{month:02d}{day:02d}",
                joined,
                card_type,
                joined,
                self._morning_of(m.joined_on),
            )

    def _morning_of(self, day: dt.date) -> str:
        text = self._morning.get(day)
        if text is None:
            text = self._morning[day] = self._when(day, 0).sql
        return text

    def _visits(self, members: list[_Member]) -> dict[dt.date, list[_Member]]:
        """Each member's visit days: the first on joining (most buy at once), then gaps drawn
        around their usual one, until they drift away or the window ends."""
        rng = self.rng
        by_day: dict[dt.date, list[_Member]] = {}
        for m in members:
            if rng.random() < 0.12:
                continue  # joined and never bought
            day = m.joined_on
            end = min(m.leaves_on, self.last)
            while day <= end:
                by_day.setdefault(day, []).append(m)
                day += dt.timedelta(days=max(1, round(rng.expovariate(1 / m.gap_days))))
        return by_day

    # --- the run ---------------------------------------------------------------------------------

    def build(self, count: int, sender: Sender) -> None:
        """The whole history, sent down ``sender`` in the order it is to be written."""
        members = self._members(count)
        card_ids = _new_ids(count)
        sender.send(
            (
                "members",
                list(self._member_rows(members)),
                [
                    (card_id, m.id, m.card_no, m.joined_on.isoformat())
                    for card_id, m in zip(card_ids, members, strict=True)
                ],
            )
        )
        visits = self._visits(members)
        member_sales = sum(len(v) for v in visits.values())
        span = (self.last - self.first).days + 1
        # Walk-ins: about a third of the orders, busier at the weekend.
        walk_ins_per_day = max(1, member_sales // span // 2)
        joined_by_day: dict[dt.date, list[_Member]] = {}
        for m in members:
            joined_by_day.setdefault(m.joined_on, []).append(m)
        refunds_due: dict[dt.date, list[_Sale]] = {}
        day = self.first
        while day <= self.last:
            rows = Rows()
            stop = min(self.last, day + dt.timedelta(days=CHUNK_DAYS - 1))
            while day <= stop:
                self._day(
                    rows,
                    day,
                    visits.get(day, []),
                    walk_ins_per_day * (3 if day.weekday() >= 5 else 2) // 2,
                    refunds_due,
                    joined_by_day.get(day, []),
                )
                day += dt.timedelta(days=1)
            rows.audit_rows = self._chained(rows.audits)
            rows.audits = []
            sender.send(
                (
                    "rows",
                    rows,
                    f"已写到 {stop.isoformat()}：订单 {self.orders}，商品行 {self.lines}",
                )
            )
        sender.send(
            (
                "end",
                [
                    (m.principal, m.bonus, m.points, m.spend, m.visits, m.last_visit, m.id)
                    for m in members
                    if m.visits or m.principal or m.bonus
                ],
                [(p.stock, p.value, p.id) for p in self.products],
                (self.orders, self.lines, self.refund_count, self.top_ups),
            )
        )

    def _when(self, day: dt.date, minute: int) -> _When:
        """The moment ``minute`` minutes after 08:00 of ``day`` in the store's time zone."""
        local = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(minutes=minute)
        return _when_of(local.replace(tzinfo=self.zone).astimezone(dt.UTC))

    def _clock(self, day: dt.date) -> Callable[[int], _When]:
        """A day's moments by minute: counted in UTC from 08:00 when the zone's offset stays the
        same all the opening hours (every day but a clock change's in a few zones)."""
        opening = dt.datetime.combine(day, dt.time(8)).replace(tzinfo=self.zone)
        start = opening.astimezone(dt.UTC)
        end = (opening + dt.timedelta(minutes=_MINUTES - 1)).astimezone(dt.UTC)
        if end - start != dt.timedelta(minutes=_MINUTES - 1):
            return lambda minute: self._when(day, minute)
        return lambda minute: _when_of(start + dt.timedelta(minutes=minute))

    def _day(
        self,
        rows: Rows,
        day: dt.date,
        visitors: list[_Member],
        walk_ins: int,
        refunds_due: dict[dt.date, list[_Sale]],
        joined: list[_Member],
    ) -> None:
        rng = self.rng
        random = rng.random
        # (minute of the day, order of arrival, what happens): 08:00 to 21:59.
        happenings: list[tuple[int, int, str, Any]] = []
        for m in joined:
            if m.keeps_value:
                happenings.append((int(random() * _MINUTES), len(happenings), "top_up", m))
        for m in visitors:
            if m.keeps_value and m.principal + m.bonus < m.ticket_fen and rng.random() < 0.5:
                happenings.append((int(random() * _MINUTES), len(happenings), "top_up", m))
            happenings.append((int(random() * _MINUTES), len(happenings), "sale", m))
        for _ in range(walk_ins):
            happenings.append((int(random() * _MINUTES), len(happenings), "sale", None))
        for sale in refunds_due.pop(day, []):
            happenings.append((int(random() * _MINUTES), len(happenings), "refund", sale))
        happenings.sort()
        # A day has 840 minutes and some thousand orders: each moment's texts made once.
        moments: dict[int, _When] = {}
        clock = self._clock(day)
        receipt = f"{self.state.store_code}-{self.state.counter_no}-{day:%Y%m%d}-"
        day_text = day.isoformat()
        number = 0
        for minute, _, what, subject in happenings:
            number += 1
            when = moments.get(minute)
            if when is None:
                when = moments[minute] = clock(minute)
            receipt_no = f"{receipt}{number:04d}"
            if what == "top_up":
                self._top_up(rows, day_text, when, receipt_no, subject)
            elif what == "sale":
                sale = self._sale(rows, day_text, when, receipt_no, subject)
                if rng.random() < 0.02:  # one sale in fifty comes back within a week
                    back = day + dt.timedelta(days=rng.randint(0, 7))
                    if back <= self.last:
                        refunds_due.setdefault(back, []).append(sale)
            else:
                self._refund(rows, day_text, when, receipt_no, subject)
        if number:
            rows.sequences.append((day_text, number))

    # --- one order of each kind -------------------------------------------------------------------

    def _order(
        self,
        rows: Rows,
        order: list[Any],
        when: _When,
        lines: list[list[Any]],
        payments: list[list[Any]],
        ledger: list[str],
        event_type: str,
        action: str,
        detail: str,
    ) -> None:
        """An order's rows, its outbox event and its audit line (``detail``: its text)."""
        rows.orders.append(order)
        rows.lines.extend(lines)
        rows.payments.extend(payments)
        self.outbox_seq += 1
        product_by_id = self.product_by_id
        payload = _order_json(
            order,
            when.iso,
            [_line_json(line, product_by_id[line[_L_PRODUCT]]) for line in lines],
            [_payment_json(payment) for payment in payments],
            ledger,
        )
        rows.events.append(
            (
                self.outbox_seq,
                self._id(),
                event_type,
                self.state.event_schema_version,
                payload,
                when.sql,
            )
        )
        rows.audits.append(
            (
                action,
                when.sql,
                when.iso,
                order[_O_CASHIER],
                order[_O_APPROVER],
                order[_O_ID],
                detail,
            )
        )
        self.orders += 1
        self.lines += len(lines)

    def _new_order(
        self,
        day: str,
        when: _When,
        receipt_no: str,
        kind: str,
        member: _Member | None,
        total: int,
    ) -> list[Any]:
        """An order's row in ``ORDER_COLUMNS`` order."""
        return [
            self._id(),
            receipt_no,
            day,
            kind,
            "paid",
            _pick(self.rng, self.cashiers),
            None,  # approver_id
            None,  # shift_id
            None,  # original_order_id
            member.id if member else None,
            total,  # subtotal_fen
            0,  # discount_fen
            0,  # rounding_fen
            total,  # total_fen
            0,  # change_fen
            None,  # order_discount_label
            when.sql,
            None,  # voided_at
        ]

    def _payment(
        self, order_id: str, seq: int, method: str, amount: int, reference: str | None = None
    ) -> list[Any]:
        """A payment's row in ``PAYMENT_COLUMNS`` order."""
        return [self._id(), order_id, seq, method, amount, amount, reference, None]

    def _stored(
        self,
        rows: Rows,
        m: _Member,
        kind: str,
        principal: int,
        bonus: int,
        order_id: str,
        day: str,
        when: _When,
    ) -> tuple[str, str]:
        """A stored-value entry; its id and its ledger text for the payload."""
        m.principal += principal
        m.bonus += bonus
        entry_id = self._id()
        rows.stored.append(
            (
                entry_id,
                m.id,
                kind,
                principal,
                bonus,
                m.principal,
                m.bonus,
                order_id,
                None,
                "",
                HISTORY_ACTOR,
                None,
                day,
                when.sql,
            )
        )
        return entry_id, _stored_json(entry_id, kind, principal, bonus)

    def _top_up(self, rows: Rows, day: str, when: _When, receipt_no: str, m: _Member) -> None:
        amount = self.rng.choice((200_00, 500_00, 500_00, 1000_00, 2000_00))
        bonus = amount // 10 if amount >= 1000_00 else 0
        order = self._new_order(day, when, receipt_no, "top_up", m, amount)
        order_id = order[_O_ID]
        _, entry = self._stored(rows, m, "top_up", amount, bonus, order_id, day, when)
        payments = [self._payment(order_id, 1, _pick(self.rng, _WALLET_METHODS).value, amount)]
        self._order(
            rows,
            order,
            when,
            [],
            payments,
            [entry],
            "TopUpPaid",
            "top_up.paid",
            f'{{"amount_fen": {amount}, "receipt_no": "{receipt_no}"}}',
        )
        self.top_ups += 1

    def _product(self) -> _Product:
        at = bisect.bisect_left(self.cumulative, self.rng.random() * self.cumulative[-1])
        return self.products[min(at, len(self.products) - 1)]

    def _take_stock(self, rows: Rows, p: _Product, qty: int, when: _When, order_id: str) -> int:
        if p.stock < qty:  # run low: received again first
            received = qty + RESTOCK_UNITS * 1000
            value = line_cost(p.cost_fen, received)
            document_id = self._id()
            rows.documents.append(
                (document_id, "receive", SUPPLIER, None, self.manager, None, value, when.sql)
            )
            rows.moves.append(
                (
                    self._id(),
                    p.id,
                    received,
                    value,
                    "receive",
                    None,
                    document_id,
                    self.manager,
                    when.sql,
                )
            )
            rows.audits.append(
                (
                    "stock.received",
                    when.sql,
                    when.iso,
                    self.manager,
                    None,
                    document_id,
                    f'{{"lines": 1, "supplier": {_SUPPLIER_JSON}, "value_fen": {value}}}',
                )
            )
            p.stock += received
            p.value += value
        cost = value_at_average(qty, p.stock, p.value, p.cost_fen)
        p.stock -= qty
        p.value -= cost
        rows.moves.append((self._id(), p.id, -qty, -cost, "sale", order_id, None, None, when.sql))
        return cost

    def _sale(
        self,
        rows: Rows,
        day: str,
        when: _When,
        receipt_no: str,
        m: _Member | None,
    ) -> _Sale:
        rng = self.rng
        order = self._new_order(day, when, receipt_no, "sale", m, 0)
        order_id = order[_O_ID]
        target = (
            m.ticket_fen * rng.uniform(0.5, 1.6) if m else rng.lognormvariate(math.log(30_00), 0.8)
        )
        promo_liking = m.promo_liking if m else 0.1
        lines: list[list[Any]] = []
        gross_sum = 0
        line_discounts = 0
        while not lines or (gross_sum < target and len(lines) < 10):
            p = self._product()
            qty = _pick(rng, _QUANTITIES)
            price = p.price_fen
            gross = price * qty // 1000
            discount = (
                gross * _pick(rng, _PROMOTION_PERCENTS) // 100 if rng.random() < promo_liking else 0
            )
            lines.append(
                [
                    self._id(),
                    order_id,
                    len(lines) + 1,
                    p.id,
                    None,  # original_line_id
                    p.name,
                    p.barcode,
                    p.unit,
                    qty,
                    price,  # list_price_fen
                    price,  # unit_price_fen
                    gross,
                    discount,  # line_discount_fen
                    0,  # order_share_fen
                    gross - discount,  # net_fen
                    0,  # refunded_qty_milli
                    0,  # refunded_fen
                    self._take_stock(rows, p, qty, when, order_id),  # cost_fen
                    PROMO_LABEL if discount else None,
                ]
            )
            gross_sum += gross
            line_discounts += discount
        due = gross_sum - line_discounts
        ledger: list[str] = []
        coupon = m is not None and due >= COUPON_THRESHOLD_FEN and rng.random() < promo_liking * 0.5
        if coupon:
            self._share_order_discount(lines, COUPON_OFF_FEN)
            assert m is not None
            coupon_id = self._id()
            code = f"D{self.orders:011d}"
            rows.coupons.append(
                (
                    coupon_id,
                    code,
                    self.coupon_template,
                    m.id,
                    "used",
                    day,
                    (dt.date.fromisoformat(day) + dt.timedelta(days=29)).isoformat(),
                    order_id,
                    when.sql,
                    COUPON_OFF_FEN,
                    "演示",
                    when.sql,
                )
            )
            ledger.append(_coupon_json(coupon_id, code))
        total = due - (COUPON_OFF_FEN if coupon else 0)
        order[_O_SUBTOTAL] = gross_sum
        order[_O_DISCOUNT] = line_discounts + (COUPON_OFF_FEN if coupon else 0)
        order[_O_TOTAL] = total
        payments: list[list[Any]] = []
        points_earned = bonus_paid = 0
        if m is not None and m.keeps_value and m.principal + m.bonus >= total > 0:
            principal = min(m.principal, total)
            bonus_paid = total - principal
            entry_id, entry = self._stored(
                rows, m, "spend", -principal, -bonus_paid, order_id, day, when
            )
            payments.append(
                self._payment(order_id, 1, TenderMethod.STORED_VALUE.value, total, entry_id)
            )
            ledger.append(entry)
        elif total > 0:
            method = _pick(rng, _WALLET_METHODS).value
            payments.append(self._payment(order_id, 1, method, total))
        if m is not None:
            points_earned = self._member_sale(
                rows, m, total, bonus_paid, order_id, day, when, ledger
            )
        self._order(
            rows,
            order,
            when,
            lines,
            payments,
            ledger,
            "SalePaid",
            "sale.paid",
            f'{{"receipt_no": "{receipt_no}", "total_fen": {total}}}',
        )
        return _Sale(order, lines, payments, m, points_earned, bonus_paid)

    @staticmethod
    def _share_order_discount(lines: list[list[Any]], off: int) -> None:
        """The order's discount spread over its lines by their net amount; the last takes the
        remainder, so the lines still sum to the total."""
        due = sum(line[_L_NET] for line in lines)
        left = off
        for line in lines[:-1]:
            share = off * line[_L_NET] // due
            line[_L_SHARE] = share
            line[_L_NET] -= share
            left -= share
        lines[-1][_L_SHARE] = left
        lines[-1][_L_NET] -= left

    def _member_sale(
        self,
        rows: Rows,
        m: _Member,
        paid: int,
        bonus_paid: int,
        order_id: str,
        day: str,
        when: _When,
        ledger: list[str],
    ) -> int:
        """The member's spend and points of a sale (their texts added to ``ledger``); the points
        earned."""
        m.spend += paid
        m.visits += 1
        m.last_visit = day
        spend_id = self._id()
        rows.spend.append(
            (spend_id, m.id, "sale", paid, 1, order_id, "消费", HISTORY_ACTOR, None, day, when.sql)
        )
        ledger.append(_spend_json(spend_id, paid, 1))
        _, num, den = self.card_type
        earned: int = (paid - bonus_paid) * num // (den * 100)
        if earned:
            m.points += earned
            points_id = self._id()
            rows.points.append(
                (
                    points_id,
                    m.id,
                    "earn",
                    earned,
                    m.points,
                    paid - bonus_paid,
                    None,
                    order_id,
                    None,
                    "消费",
                    HISTORY_ACTOR,
                    None,
                    day,
                    when.sql,
                )
            )
            ledger.append(_points_json(points_id, earned))
        return earned

    def _refund(self, rows: Rows, day: str, when: _When, receipt_no: str, sale: _Sale) -> None:
        """The whole sale back, the way it was paid; its goods back into stock."""
        sold_order = sale.order
        amount = sold_order[_O_TOTAL]
        m = sale.member
        order = self._new_order(day, when, receipt_no, "refund", m, amount)
        order_id = order[_O_ID]
        order[_O_ORIGINAL] = sold_order[_O_ID]
        order[_O_APPROVER] = self.manager
        lines = []
        for number, sold in enumerate(sale.lines, 1):
            line = sold.copy()
            line[_L_ID] = self._id()
            line[1] = order_id
            line[_L_LINE_NO] = number
            line[4] = sold[_L_ID]  # original_line_id
            line[_L_GROSS] = sold[_L_NET]
            line[_L_DISCOUNT] = 0
            line[_L_SHARE] = 0
            line[18] = None  # discount_label
            lines.append(line)
            qty, cost = sold[_L_QTY], sold[_L_COST]
            rows.refund_updates.append((qty, sold[_L_NET], sold[_L_ID]))
            product = self.product_by_id[sold[_L_PRODUCT]]
            product.stock += qty
            product.value += cost
            rows.moves.append(
                (self._id(), product.id, qty, cost, "refund", order_id, None, None, when.sql)
            )
        rows.refunded_orders.append((sold_order[_O_ID],))
        ledger: list[str] = []
        payments = []
        for paid in sale.payments:
            reference = None
            if paid[_P_METHOD] == TenderMethod.STORED_VALUE.value and m is not None:
                bonus = sale.bonus_paid
                reference, entry = self._stored(
                    rows,
                    m,
                    "spend_refund",
                    paid[_P_AMOUNT] - bonus,
                    bonus,
                    order_id,
                    day,
                    when,
                )
                ledger.append(entry)
            payments.append(
                self._payment(order_id, paid[_P_SEQ], paid[_P_METHOD], -paid[_P_AMOUNT], reference)
            )
        if m is not None:
            self._member_refund(rows, m, sale, order_id, day, when, ledger)
        self._order(
            rows,
            order,
            when,
            lines,
            payments,
            ledger,
            "SaleRefunded",
            "sale.refunded",
            f'{{"amount_fen": {amount}, "receipt_no": "{receipt_no}"}}',
        )
        self.refund_count += 1

    def _member_refund(
        self,
        rows: Rows,
        m: _Member,
        sale: _Sale,
        order_id: str,
        day: str,
        when: _When,
        ledger: list[str],
    ) -> None:
        amount = sale.order[_O_TOTAL]
        taken = min(amount, m.spend)
        m.spend -= taken
        spend_id = self._id()
        rows.spend.append(
            (
                spend_id,
                m.id,
                "refund",
                -taken,
                0,
                order_id,
                "退货",
                HISTORY_ACTOR,
                None,
                day,
                when.sql,
            )
        )
        ledger.append(_spend_json(spend_id, -taken, 0))
        back = min(sale.points_earned, m.points)
        if back:
            m.points -= back
            points_id = self._id()
            rows.points.append(
                (
                    points_id,
                    m.id,
                    "reverse",
                    -back,
                    m.points,
                    amount,
                    None,
                    order_id,
                    None,
                    "退货",
                    HISTORY_ACTOR,
                    None,
                    day,
                    when.sql,
                )
            )
            ledger.append(_points_json(points_id, -back))


def _pick(rng: random.Random, choices: Sequence[_T]) -> _T:
    """One of ``choices``, evenly: ``rng.choice`` with one ``random()`` draw, a few times
    cheaper, for the draws made per line and per order."""
    return choices[int(rng.random() * len(choices))]


def _when_of(moment: dt.datetime) -> _When:
    """A moment of whole minutes in UTC as its two texts: ``isoformat()`` is
    ``YYYY-MM-DDTHH:MM:SS+00:00`` and :func:`app.storage.base.sql_moment` writes the same
    moment ``YYYY-MM-DD HH:MM:SS.000000`` (a test compares the two)."""
    iso = moment.isoformat()
    return _When(f"{iso[:10]} {iso[11:19]}.000000", iso)


def _new_ids(count: int) -> list[str]:
    """``count`` new ids in creation order, made in blocks (:func:`app.storage.ids.new_ids`)."""
    ids: list[str] = []
    while len(ids) < count:
        ids.extend(new_ids(min(4096, count - len(ids))))
    return ids


def build(state: StoreState, seed: int, members: int, sender: Sender) -> None:
    """The child process: the history of ``members`` members from ``seed``, sent down ``sender``;
    what went wrong, if anything, sent as ``("error", text)``."""
    try:
        _Builder(state, seed).build(members, sender)
    except (BrokenPipeError, KeyboardInterrupt):
        return  # the writer was stopped or killed, and says so itself: no second traceback
    except BaseException:
        with contextlib.suppress(OSError):
            sender.send(("error", traceback.format_exc()))
        raise
