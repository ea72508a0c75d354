"""Sales reports over a small store whose every figure is worked out by hand: two sales (one a
member's), a refund, a void and a top-up; voids left out, refunds netted on their own day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from app.cli import main
from app.config import Config
from app.pos import reports
from app.pos.cart import Cart, parse_discount
from app.pos.catalog import ProductInput, ProductView, create_product
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.reports import Period, Preset, ReportError
from app.pos.shifts import ShiftView
from app.pos.staff import Sensitive, StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.approvals import Approval
from app.storage.database import Database
from app.storage.models import OrderRow
from tests.pos.conftest import CARD, member_balances

D = dt.date


@pytest.fixture
def goods(db: Database) -> dict[str, ProductView]:
    with db.transaction() as session:
        return {
            "cola": create_product(
                session,
                ProductInput(name="可乐", price_fen=350, cost_fen=200, category="饮料"),
                opening_stock_milli=100_000,
            ),
            "bread": create_product(
                session,
                ProductInput(name="面包", price_fen=1000, cost_fen=600, category="烘焙"),
                opening_stock_milli=100_000,
            ),
            "film": create_product(
                session, ProductInput(name="贴膜", price_fen=2000, track_stock=False)
            ),
        }


def _sell(
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    items: list[tuple[ProductView, int]],
    members: MemberDesk | None = None,
) -> str:
    cart: Cart = service.new_cart()
    if members is not None:
        cart.attach_member(members.queries.attach_member(CARD, cashier))
    for product, qty in items:
        cart.add(cart_product(service.product(product.id)), qty_milli=qty)
    total = cart.totals().total_fen
    paid = service.pay(cart, [Tender(TenderMethod.CASH, total)], cashier=cashier, shift_id=shift.id)
    return paid.receipt_no


@pytest.fixture
def store(
    db: Database,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    goods: dict[str, ProductView],
    member_id: str,
    members: MemberDesk,
    approval: Callable[..., Approval],
) -> dict[str, str]:
    """Sale A (walk-in): 2 可乐 + 1 面包 = 17.00, cost 10.00; sale B (member, 九折): 贴膜 18.00 +
    可乐 3.15 = 21.15, cost 2.00 (贴膜 has no cost: 0); sale C: 面包 10.00, voided; one 可乐 of A
    refunded (3.50, its 2.00 cost back in stock). The member's top-up of 100.00 is the fixture's."""
    a = _sell(service, cashier, shift, [(goods["cola"], 2000), (goods["bread"], 1000)])
    b = _sell(service, cashier, shift, [(goods["film"], 1000), (goods["cola"], 1000)], members)
    c = _sell(service, cashier, shift, [(goods["bread"], 1000)])
    service.void(c, cashier=cashier, approval=approval(Sensitive.VOID))
    cola_line = service.find_order(a).lines[0]
    refunded = service.refund(
        a,
        {cola_line.line_id: 1000},
        cashier=cashier,
        approval=approval(Sensitive.REFUND),
        shift_id=shift.id,
        reason="坏了",
    )
    return {"a": a, "b": b, "c": c, "refund": refunded.receipt_no}


def test_the_summary_leaves_voids_out_and_nets_refunds_on_their_day(
    db: Database, service: CounterService, store: dict[str, str], member_id: str
) -> None:
    today = service.today()
    with db.reading() as session:
        got = reports.summary(session, Period(today, today))
    assert (got.sale_count, got.sales_fen, got.refund_count, got.refunds_fen) == (2, 3815, 1, 350)
    assert (got.void_count, got.voids_fen, got.net_fen) == (1, 1000, 3465)
    assert got.member_net_fen == 2115
    assert got.member_share_bp == 6104  # 21.15 / 34.65
    assert got.average_ticket_fen == 1733  # 34.65 over two sales, half up
    # profit: A 17.00 - 10.00, B 21.15 - 2.00 (贴膜 has no cost: 0), refund -(3.50 - 2.00)
    assert (got.profit_fen, got.uncosted_fen, got.cost_fen) == (700 + 1915 - 150, 0, 1000)
    assert got.profit_per_order_fen == 1233
    assert got.items_milli == 4000
    assert [(t.method, t.sales_fen, t.refunds_fen, t.net_fen) for t in got.tenders] == [
        ("cash", 3815, -350, 3465)
    ]
    principal, bonus, points = member_balances(db, member_id)
    assert (got.top_up_count, got.top_up_principal_fen, got.top_up_bonus_fen) == (1, 10000, 0)
    assert (got.liability_principal_fen, got.liability_bonus_fen) == (principal, bonus)
    assert got.points_outstanding == points > 0


def test_categories_products_and_best_sellers_are_net_of_refunds_with_profit_per_item(
    db: Database, service: CounterService, store: dict[str, str]
) -> None:
    today = Period(service.today(), service.today())
    with db.reading() as session:
        categories = reports.by_category(session, today)
        products = reports.by_product(session, today)
        best = reports.best_sellers(session, today, limit=1)
    assert categories.rows == (
        ("", 1000, 1800, 0, 1800),
        ("烘焙", 1000, 1000, 600, 400),
        ("饮料", 2000, 665, 400, 265),
    )
    assert [(r[1], r[3], r[4], r[6], r[7], r[8]) for r in products.rows] == [
        ("贴膜", 1000, 1800, 1800, 1800, 10000),
        ("面包", 1000, 1000, 400, 400, 4000),
        ("可乐", 2000, 665, 265, 133, 3985),  # 2.65 over 2 units; 2.65 / 6.65
    ]
    assert [r[1] for r in best.rows] == ["可乐"]


def test_cashiers_tenders_hours_and_the_refund_and_void_list(
    db: Database, service: CounterService, store: dict[str, str], cashier: StaffView
) -> None:
    today = Period(service.today(), service.today())
    with db.reading() as session:
        cashiers = reports.by_cashier(session, today)
        listed = reports.refunds_and_voids(session, today)
        hours = reports.by_hour(session, today, service.config.timezone)
        orders = reports.order_profit(session, today)
    assert cashiers.rows == ((cashier.name, 2, 3815, 1, 350, 1, 1000, 3465),)
    assert [(r[0], r[2], r[3], r[6], r[7]) for r in listed.rows] == [
        (store["c"], "void", "", 1000, ""),
        (store["refund"], "refund", store["a"], 350, "坏了"),
    ]
    assert sum(int(r[1] or 0) for r in hours.rows) == 2
    assert sum(int(r[2] or 0) for r in hours.rows) == 3465
    assert [(r[0], r[2], r[4], r[5]) for r in orders.rows] == [
        (store["b"], 2115, 1915, 0),
        (store["a"], 1700, 700, 350),
    ]


def test_days_split_by_business_day_and_a_range_leaves_other_days_out(
    db: Database, service: CounterService, store: dict[str, str]
) -> None:
    today = service.today()
    yesterday = today - dt.timedelta(days=1)
    with db.transaction() as session:
        session.execute(
            update(OrderRow).where(OrderRow.receipt_no == store["b"]).values(business_day=yesterday)
        )
    with db.reading() as session:
        days = reports.by_day(session, Period(yesterday, today))
        only_today = reports.summary(session, Period(today, today))
    assert days.rows == (
        (yesterday.isoformat(), 1, 2115, 0, 2115, 2115, 1915),
        (today.isoformat(), 1, 1700, 350, 1350, 0, 700 - 150),
    )
    assert (only_today.sale_count, only_today.net_fen, only_today.member_share_bp) == (1, 1350, 0)


def test_a_store_with_no_sales_reports_zeros_and_empty_tables(
    db: Database, service: CounterService
) -> None:
    today = Period(service.today(), service.today())
    with db.reading() as session:
        got = reports.summary(session, today)
        tables = [
            reports.by_day(session, today),
            reports.by_product(session, today),
            reports.by_hour(session, today, service.config.timezone),
        ]
    assert not got.has_sales
    assert (got.net_fen, got.member_share_bp, got.average_ticket_fen, got.tenders) == (0, 0, 0, ())
    assert all(table.empty for table in tables)


def test_an_empty_or_future_range_is_refused_plainly() -> None:
    today = D(2026, 11, 23)
    with pytest.raises(ReportError) as empty:
        reports.period(D(2026, 11, 20), D(2026, 11, 19), today=today)
    assert "期间为空" in str(empty.value)
    with pytest.raises(ReportError) as future:
        reports.period(D(2026, 11, 24), D(2026, 11, 30), today=today)
    assert "还没有到来" in str(future.value)
    assert reports.period(D(2026, 11, 20), D(2026, 11, 30), today=today) == Period(
        D(2026, 11, 20), D(2026, 11, 30)
    )


@pytest.mark.parametrize(
    ("preset", "first", "last"),
    [
        (Preset.TODAY, D(2026, 3, 4), D(2026, 3, 4)),
        (Preset.YESTERDAY, D(2026, 3, 3), D(2026, 3, 3)),
        (Preset.THIS_WEEK, D(2026, 3, 2), D(2026, 3, 4)),  # Monday to Wednesday
        (Preset.THIS_MONTH, D(2026, 3, 1), D(2026, 3, 4)),
        (Preset.LAST_MONTH, D(2026, 2, 1), D(2026, 2, 28)),
    ],
)
def test_presets_name_their_days(preset: Preset, first: dt.date, last: dt.date) -> None:
    assert reports.preset_period(preset, D(2026, 3, 4)) == Period(first, last)


def test_a_member_statement_lists_the_ledgers_between_opening_and_closing_balances(
    db: Database, service: CounterService, store: dict[str, str], member_id: str
) -> None:
    today = service.today()
    principal, bonus, points = member_balances(db, member_id)
    with db.reading() as session:
        statement = reports.member_statement(session, CARD, Period(today, today))
        later = reports.member_statement(
            session, CARD, Period(today + dt.timedelta(days=1), today + dt.timedelta(days=1))
        )
        with pytest.raises(ReportError):
            reports.member_statement(session, "0000", Period(today, today))
    assert statement.opening == (0, 0, 0)
    assert statement.closing == (principal, bonus, points)
    first = statement.lines[0]
    assert (first.ledger, first.kind, first.principal_fen) == (
        "stored_value",
        "top_up",
        10000,
    )
    assert sum(line.points for line in statement.lines) == points
    assert any(line.receipt_no == store["b"] for line in statement.lines)
    assert later.opening == later.closing == (principal, bonus, points) and later.lines == ()


def test_lines_sold_before_costs_were_kept_are_left_out_of_profit_and_reported_apart(
    db: Database, service: CounterService, store: dict[str, str]
) -> None:
    from app.storage.models import OrderLineRow

    today = Period(service.today(), service.today())
    with db.transaction() as session:
        order_id = session.query(OrderRow.id).filter(OrderRow.receipt_no == store["b"]).scalar()
        session.execute(
            update(OrderLineRow).where(OrderLineRow.order_id == order_id).values(cost_fen=None)
        )
    with db.reading() as session:
        got = reports.summary(session, today)
    assert (got.profit_fen, got.uncosted_fen) == (700 - 150, 2115)


def test_export_orders_writes_each_order_with_void_refund_member_and_promotion_marks(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    goods: dict[str, ProductView],
    store: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(service.product(goods["bread"].id)), qty_milli=3000)
    cart.set_line_discount(0, parse_discount("9折"))
    total = cart.totals().total_fen
    promo = service.pay(
        cart, [Tender(TenderMethod.CASH, total)], cashier=cashier, shift_id=shift.id
    ).receipt_no
    out = tmp_path / "orders.csv"
    day = service.today().isoformat()
    assert main(["--data-dir", str(tmp_path), "export-orders", str(out), "--from", day]) == 0
    assert "已导出 5 张单据" in capsys.readouterr().out
    header, *lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert header == "receipt_no,business_day,occurred_at,kind,card_no,total,items,promo"
    rows = {line.split(",")[0]: line.split(",")[1:] for line in lines}
    assert [rows[store[k]][2:] for k in ("a", "b", "c", "refund")] == [
        ["sale", "", "17.00", "3", "0"],
        ["sale", CARD, "21.15", "2", "0"],
        ["void", "", "10.00", "1", "0"],
        ["refund", "", "-3.50", "-1", "0"],
    ]
    assert rows[promo][2:] == ["sale", "", "27.00", "3", "1"]
    occurred = dt.datetime.fromisoformat(rows[store["a"]][1])
    assert rows[store["a"]][0] == day and occurred.utcoffset() == dt.timedelta(hours=8)
    tomorrow = (service.today() + dt.timedelta(days=1)).isoformat()
    assert main(["--data-dir", str(tmp_path), "export-orders", str(out), "--from", tomorrow]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [header]


def test_export_orders_refuses_bad_dates_and_an_unwritable_path_plainly(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "orders.csv"
    code = main(["--data-dir", str(tmp_path), "export-orders", str(out), "--from", "2026-13-01"])
    assert code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    code = main(
        [
            "--data-dir",
            str(tmp_path),
            "export-orders",
            str(out),
            "--from",
            "2026-02-02",
            "--to",
            "2026-02-01",
        ]
    )
    assert code == 2 and "期间为空" in capsys.readouterr().err
    missing = tmp_path / "nowhere" / "orders.csv"
    assert main(["--data-dir", str(tmp_path), "export-orders", str(missing)]) == 1
    assert "无法写入文件 orders.csv" in capsys.readouterr().err
    assert not out.exists() and not missing.parent.exists()
