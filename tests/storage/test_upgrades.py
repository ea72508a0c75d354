"""Upgrades lose nothing: a store made at any earlier migration, filled with what a store held at
that revision, is backed up and brought to head by the program's own start, and keeps every row,
every balance equal to its ledger and an audit chain that still verifies.

Each migration has a fill step below, written in the SQL of its own revision; a new migration
without one fails :func:`test_every_migration_has_a_fill_step`, so the test grows with the schema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from app import logs
from app.config import Config
from app.members.checks import check_ledgers
from app.pos.sales_totals import check_sales_totals
from app.pos.staff import authenticate, hash_pin
from app.pos.stock import check_stock
from app.pos.store_start import open_store
from app.storage.audit import verify
from app.storage.backup import good_backups
from app.storage.db import alembic_config, make_engine, migrate

#: Every counter migration, oldest first (the test's parameters follow the migrations folder).
REVISIONS = [
    script.revision
    for script in reversed(
        list(ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions())
    )
]
PIN = "2468"
AT = "2026-11-20 02:00:00.000000"
DAY = "2026-11-20"


@dataclasses.dataclass
class Filling:
    """A database being filled revision by revision, and what its audit chain ends with."""

    connection: sqlite3.Connection
    pin_hash: str
    prev_hash: str = "0" * 64

    def insert(self, table: str, **values: object) -> None:
        """One row in this revision's columns (a column the revision lacks fails the test)."""
        columns = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" for _ in values)
        self.connection.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(values.values())
        )

    def audit(self, action: str, subject_id: str | None = None) -> None:
        """An audit row chained as a store without a key chains it (plain SHA-256)."""
        seq = int(self.connection.execute("SELECT count(*) FROM audit_log").fetchone()[0]) + 1
        at = dt.datetime(2026, 11, 20, 2, 0, seq, tzinfo=dt.UTC)
        row_id = f"00000000-0000-7000-8000-{seq:012d}"
        detail = json.dumps({"n": seq}, sort_keys=True)
        content = json.dumps(
            [
                seq,
                row_id,
                at.isoformat(),
                action,
                "s-owner",
                None,
                subject_id,
                detail,
                self.prev_hash,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        self.insert(
            "audit_log",
            seq=seq,
            id=row_id,
            at=at.strftime("%Y-%m-%d %H:%M:%S.%f"),
            action=action,
            actor_id="s-owner",
            approver_id=None,
            subject_id=subject_id,
            detail=detail,
            prev_hash=self.prev_hash,
            hash=digest,
        )
        self.prev_hash = digest


def fill_0001(f: Filling) -> None:
    """Staff, a catalogue with stock, a shift, a paid sale with its lines, payments, stock moves,
    receipt number, audit and outbox event; a sale on account part settled; a parked cart."""
    for staff_id, name, role in (("s-owner", "张老板", "owner"), ("s-cash", "小王", "cashier")):
        f.insert(
            "staff",
            id=staff_id,
            name=name,
            role=role,
            pin_hash=f.pin_hash,
            failed_attempts=0,
            locked_until=None,
            active=1,
            created_at=AT,
        )
        f.audit("staff.added", staff_id)
    f.insert("categories", id="c1", name="饮料", sort_order=1)
    for product_id, code, price, cost, stock in (
        ("p1", "6901234567892", 350, 200, 24_000),
        ("p2", "2000001", 1280, None, 5_500),
    ):
        f.insert(
            "products",
            id=product_id,
            code=code,
            name=f"商品{code}",
            pinyin_initials="sp",
            category_id="c1",
            unit="瓶",
            price_fen=price,
            cost_fen=cost,
            member_price_fen=None,
            active=1,
            track_stock=1,
            by_weight=0,
            stock_milli=stock - 2000,
            created_at=AT,
            updated_at=AT,
        )
        f.insert("barcodes", barcode=f"9{code}", product_id=product_id)
        f.insert(
            "stock_moves",
            id=f"m-open-{product_id}",
            product_id=product_id,
            delta_milli=stock,
            reason="opening",
            order_id=None,
            created_at=AT,
        )
        f.insert(
            "stock_moves",
            id=f"m-sale-{product_id}",
            product_id=product_id,
            delta_milli=-2000,
            reason="sale",
            order_id="o1",
            created_at=AT,
        )
    f.insert(
        "shifts",
        id="sh1",
        cashier_id="s-cash",
        state="open",
        opening_float_fen=20_000,
        opened_at=AT,
        closed_at=None,
        closed_by_id=None,
    )
    f.insert(
        "cash_moves",
        id="cm1",
        shift_id="sh1",
        amount_fen=-5_000,
        reason="零钱",
        staff_id="s-cash",
        created_at=AT,
    )
    for order_id, receipt, total in (("o1", "0001", 3260), ("o2", "0002", 1280)):
        f.insert(
            "orders",
            id=order_id,
            receipt_no=f"S001-01-20261120-{receipt}",
            business_day=DAY,
            kind="sale",
            state="paid",
            cashier_id="s-cash",
            approver_id=None,
            shift_id="sh1",
            original_order_id=None,
            member_id=None,
            subtotal_fen=total,
            discount_fen=0,
            rounding_fen=0,
            total_fen=total,
            change_fen=0,
            order_discount_label=None,
            created_at=AT,
            voided_at=None,
        )
        f.insert(
            "payments",
            id=f"pay-{order_id}",
            order_id=order_id,
            seq=1,
            method="cash" if order_id == "o1" else "on_account",
            amount_fen=total,
            tendered_fen=total,
            reference=None,
            customer_name=None if order_id == "o1" else "陈阿姨",
        )
        f.audit("sale.paid", order_id)
        f.insert(
            "outbox",
            seq=int(receipt),
            id=f"e-{order_id}",
            type="SalePaid",
            schema_version=1,
            payload=json.dumps({"order_id": order_id}),
            created_at=AT,
            sent_at=None,
        )
    for line_no, product_id, qty, price in ((1, "p1", 2000, 350), (2, "p2", 2000, 1280)):
        gross = qty * price // 1000
        f.insert(
            "order_lines",
            id=f"l{line_no}",
            order_id="o1",
            line_no=line_no,
            product_id=product_id,
            original_line_id=None,
            name="商品",
            barcode=None,
            unit="瓶",
            qty_milli=qty,
            list_price_fen=price,
            unit_price_fen=price,
            gross_fen=gross,
            line_discount_fen=0,
            order_share_fen=0,
            net_fen=gross,
            refunded_qty_milli=0,
            refunded_fen=0,
            discount_label=None,
        )
    f.insert("receipt_sequences", business_day=DAY, last_no=2)
    f.insert(
        "receivables",
        id="r1",
        order_id="o2",
        customer_name="陈阿姨",
        amount_fen=1280,
        settled_fen=500,
        created_at=AT,
    )
    f.insert(
        "receivable_settlements",
        id="rs1",
        receivable_id="r1",
        shift_id="sh1",
        method="cash",
        amount_fen=500,
        staff_id="s-cash",
        created_at=AT,
    )
    f.insert(
        "parked_carts",
        id="pc1",
        label="挂单1",
        cashier_id="s-cash",
        payload="{}",
        total_fen=350,
        line_count=1,
        created_at=AT,
    )
    f.insert(
        "print_jobs",
        id="pj1",
        kind="receipt",
        order_id="o1",
        document="{}",
        open_drawer=1,
        status="failed",
        attempts=3,
        last_error="缺纸",
        created_at=AT,
        printed_at=None,
    )
    f.insert("counter_state", key="daily_upkeep_day", value="2026-11-19")


def fill_0002(f: Filling) -> None:
    """A member with a card type, a top-up with bonus, points, spend, a count card with a use,
    a gift redeemed, a coupon, an anniversary, a level change and a bonus rule."""
    f.insert(
        "member_card_types",
        id="ct1",
        name="金卡",
        rank=1,
        discount_bp=9000,
        points_num=1,
        points_den=100,
        value_num=1,
        value_den=1,
        needs_password=0,
        upgrade_metric=None,
        upgrade_threshold=None,
        upgrade_period_days=None,
        downgrade=0,
        gift_points=0,
        gift_coupon_template_id=None,
        gift_bonus_fen=0,
        fee_fen=0,
        validity_days=None,
        is_default=0,
        active=1,
        created_at=AT,
    )
    f.insert(
        "member_bonus_rules",
        id="br1",
        min_top_up_fen=50_000,
        bonus_fen=10_000,
        valid_from=None,
        valid_to=None,
        card_type_id=None,
        active=1,
        created_at=AT,
    )
    f.insert(
        "members",
        id="mb1",
        card_no="88000001",
        name="王芳",
        phone="13800138000",
        sex="女",
        birthday_calendar="solar",
        birthday_year=1990,
        birthday_month=5,
        birthday_day=4,
        birthday_leap=0,
        birthday_prefer_leap=0,
        birthday_key="S0504",
        tags="",
        note="",
        home_store="S001",
        joined_on=DAY,
        card_type_id="ct1",
        level_since=DAY,
        expires_on=None,
        status="active",
        password_hash=None,
        password_failures=0,
        password_locked_until=None,
        principal_fen=45_000,
        bonus_fen=9_000,
        points=120,
        total_spend_fen=6_000,
        visit_count=1,
        last_visit_on=DAY,
        created_at=AT,
    )
    f.insert(
        "member_cards",
        id="mc1",
        member_id="mb1",
        card_no="88000001",
        status="active",
        issued_on=DAY,
        closed_on=None,
        reason="开卡",
    )
    ledger = {"actor_id": "s-cash", "approver_id": None, "business_day": DAY, "created_at": AT}
    f.insert(
        "stored_value_entries",
        id="sv1",
        member_id="mb1",
        kind="top_up",
        principal_delta=50_000,
        bonus_delta=10_000,
        principal_after=50_000,
        bonus_after=10_000,
        order_id=None,
        related_entry_id=None,
        reason="充500送100",
        **ledger,
    )
    f.insert(
        "stored_value_entries",
        id="sv2",
        member_id="mb1",
        kind="sale",
        principal_delta=-5_000,
        bonus_delta=-1_000,
        principal_after=45_000,
        bonus_after=9_000,
        order_id="o1",
        related_entry_id=None,
        reason="消费",
        **ledger,
    )
    f.insert(
        "points_entries",
        id="pt1",
        member_id="mb1",
        kind="earn",
        delta=220,
        balance_after=220,
        base_fen=6_000,
        expires_on="2027-12-31",
        order_id="o1",
        related_entry_id=None,
        reason="消费积分",
        **ledger,
    )
    f.insert(
        "member_spend_entries",
        id="sp1",
        member_id="mb1",
        kind="sale",
        spend_delta=6_000,
        visits_delta=1,
        order_id="o1",
        reason="消费",
        **ledger,
    )
    f.insert(
        "member_gifts", id="g1", name="保温杯", points_cost=100, stock=9, active=1, created_at=AT
    )
    f.insert(
        "gift_stock_moves",
        id="gm1",
        gift_id="g1",
        delta=10,
        reason="入库",
        member_id=None,
        points_entry_id=None,
        actor_id="s-owner",
        created_at=AT,
    )
    f.insert(
        "points_entries",
        id="pt2",
        member_id="mb1",
        kind="redeem",
        delta=-100,
        balance_after=120,
        base_fen=0,
        expires_on=None,
        order_id=None,
        related_entry_id=None,
        reason="兑换保温杯",
        **ledger,
    )
    f.insert(
        "gift_stock_moves",
        id="gm2",
        gift_id="g1",
        delta=-1,
        reason="兑换",
        member_id="mb1",
        points_entry_id="pt2",
        actor_id="s-cash",
        created_at=AT,
    )
    f.insert(
        "count_card_packages",
        id="ccp1",
        name="洗剪吹10次",
        service="洗剪吹",
        uses=10,
        price_fen=30_000,
        validity_days=365,
        active=1,
        created_at=AT,
    )
    f.insert(
        "member_count_cards",
        id="cc1",
        member_id="mb1",
        package_id="ccp1",
        name="洗剪吹10次",
        service="洗剪吹",
        uses_total=10,
        uses_left=9,
        price_fen=30_000,
        sold_on=DAY,
        expires_on="2027-11-20",
        status="active",
        created_at=AT,
    )
    for entry_id, kind, delta, after in (("ce1", "sold", 10, 10), ("ce2", "use", -1, 9)):
        f.insert(
            "count_card_entries",
            id=entry_id,
            count_card_id="cc1",
            member_id="mb1",
            kind=kind,
            uses_delta=delta,
            uses_after=after,
            refund_fen=0,
            order_id=None,
            reason=kind,
            **ledger,
        )
    f.insert(
        "coupon_templates",
        id="tpl1",
        name="满100减10",
        kind="amount",
        amount_off_fen=1_000,
        threshold_fen=10_000,
        percent_off_bp=0,
        max_discount_fen=None,
        product_id=None,
        valid_days=30,
        valid_from=None,
        valid_to=None,
        active=1,
        created_at=AT,
    )
    f.insert(
        "coupons",
        id="cp1",
        code="Q1234567",
        template_id="tpl1",
        member_id="mb1",
        status="issued",
        valid_from=DAY,
        valid_to="2026-12-20",
        used_order_id=None,
        used_at=None,
        discount_fen=0,
        issued_reason="开卡礼",
        created_at=AT,
    )
    f.insert(
        "member_anniversaries",
        id="an1",
        member_id="mb1",
        label="结婚纪念日",
        calendar="lunar",
        year=2015,
        month=8,
        day=15,
        leap=0,
        prefer_leap=0,
        key_code="L0815",
    )
    f.insert(
        "member_level_changes",
        id="lc1",
        member_id="mb1",
        from_type_id=None,
        to_type_id="ct1",
        change="enrol",
        reason="开卡",
        actor_id="s-cash",
        approver_id=None,
        on_day=DAY,
        created_at=AT,
    )
    f.connection.execute("UPDATE orders SET member_id = 'mb1' WHERE id = 'o1'")
    f.audit("member.enrolled", "mb1")
    f.audit("member.topped_up", "mb1")


def fill_0003(f: Filling) -> None:
    """A member's sale on account (挂账 names the member from 0003 on)."""
    f.insert(
        "orders",
        id="o3",
        receipt_no="S001-01-20261120-0003",
        business_day=DAY,
        kind="sale",
        state="paid",
        cashier_id="s-cash",
        approver_id=None,
        shift_id="sh1",
        original_order_id=None,
        member_id="mb1",
        subtotal_fen=2_000,
        discount_fen=0,
        rounding_fen=0,
        total_fen=2_000,
        change_fen=0,
        order_discount_label=None,
        created_at=AT,
        voided_at=None,
    )
    f.insert(
        "receivables",
        id="r2",
        order_id="o3",
        customer_name="王芳",
        amount_fen=2_000,
        settled_fen=0,
        created_at=AT,
        member_id="mb1",
    )
    f.connection.execute("UPDATE receipt_sequences SET last_no = 3")
    f.audit("sale.paid", "o3")


def fill_0004(f: Filling) -> None:
    f.insert("member_tags", tag_key="vip", member_id="mb1")


def fill_0005(f: Filling) -> None:
    """The upkeep's runs and an upgrade gift given once."""
    f.insert(
        "upkeep_runs",
        business_day=DAY,
        upgrades=1,
        downgrades=0,
        members_expired=0,
        points_expired=0,
        ran_at=AT,
    )
    f.insert(
        "member_level_gifts",
        id="lg1",
        member_id="mb1",
        card_type_id="ct1",
        level_change_id="lc1",
        points=0,
        bonus_fen=0,
        coupon_template_id=None,
        given_on=DAY,
        created_at=AT,
    )


def fill_0006(f: Filling) -> None:
    """A locked approval and the owner's notice of it."""
    f.connection.execute(
        "UPDATE staff SET approval_failures = 5, approval_locked_at = ?,"
        " approval_locked_until = ? WHERE id = 's-cash'",
        (AT, "2026-11-20 02:15:00.000000"),
    )
    f.insert(
        "staff_lock_notices",
        id="ln1",
        at=AT,
        staff_id="s-cash",
        kind="approval",
        failures=5,
        minutes=15,
        seen_at=None,
        seen_by=None,
    )


def fill_0007(f: Filling) -> None:
    f.insert(
        "sync_members",
        member_id="mb-other",
        card_no="88009999",
        principal_fen=1_000,
        bonus_fen=0,
        points=5,
        hot=1,
        hot_reason="透支",
        as_of=AT,
    )


def fill_0008(f: Filling) -> None:
    """A goods receipt with its value, and the products' values equal to their moves."""
    f.insert(
        "stock_documents",
        id="sd1",
        kind="receipt",
        supplier="供货商",
        note=None,
        actor_id="s-owner",
        approver_id=None,
        value_fen=4_000,
        created_at=AT,
    )
    f.insert(
        "stock_moves",
        id="m-recv-p1",
        product_id="p1",
        delta_milli=20_000,
        value_fen=4_000,
        reason="received",
        order_id=None,
        document_id="sd1",
        actor_id="s-owner",
        created_at=AT,
    )
    f.connection.execute(
        "UPDATE products SET stock_milli = stock_milli + 20000,"
        " stock_value_fen = stock_value_fen + 4000, reorder_point_milli = 5000 WHERE id = 'p1'"
    )
    f.audit("stock.received", "sd1")


def fill_0009(f: Filling) -> None:
    """Indexes only; the groups' thresholds the owner changed (kept as counter state)."""
    f.insert("counter_state", key="analytics.thresholds", value='{"active_window_days": 60}')


def fill_0010(f: Filling) -> None:
    """Indexes only: a line's profit (its cost) is what the reports read through them."""
    f.connection.execute("UPDATE order_lines SET cost_fen = 100 WHERE id = 'l1'")


def fill_0011(f: Filling) -> None:
    """A promotion, a member kept out of promotions, and a line it priced with its use."""
    f.insert(
        "promotions",
        id="pr1",
        name="周三会员日",
        kind="member_day",
        terms='{"weekdays": [3], "percent_off": 10}',
        starts_on=DAY,
        ends_on="2026-12-31",
        retired_at=None,
        created_at=AT,
        updated_at=AT,
    )
    f.insert(
        "promotion_blacklist", member_id="mb1", reason="职业羊毛", added_by="s-owner", added_at=AT
    )
    f.connection.execute(
        "UPDATE order_lines SET promotion_ids = 'pr1', promotion_fen = 50 WHERE id = 'l1'"
    )
    f.insert(
        "promotion_uses",
        id="pu1",
        promotion_id="pr1",
        order_id="o1",
        member_id="mb1",
        cashier_id="s-cash",
        business_day=DAY,
        saved_fen=50,
        detail="会员日 9 折",
        created_at=AT,
    )


def fill_0013_promosync(f: Filling) -> None:
    """A rule the head office sent (pr1, made here, stays ``local`` by the server default)."""
    f.insert(
        "promotions",
        id="pr-ho",
        name="总部满减",
        kind="spend_off",
        terms='{"threshold_fen": 10000, "amount_fen": 1000}',
        starts_on=DAY,
        ends_on="2026-12-31",
        retired_at=None,
        origin="headoffice",
        created_at=AT,
        updated_at=AT,
    )


def fill_0015(f: Filling) -> None:
    """An automatic tag rule and the tag it set on a member (hand-set tags are 0004's)."""
    f.insert(
        "auto_tag_rules",
        id="at1",
        tag="早客",
        sex=None,
        age_min=None,
        age_max=None,
        card_type_ids="",
        hour_from=7,
        hour_to=10,
        ticket_min_fen=None,
        ticket_max_fen=None,
        visits_min=2,
        visits_max=None,
        window_days=90,
        active=1,
        created_at=AT,
    )
    f.insert("member_auto_tags", tag_key="早客", member_id="mb1", tag="早客", rule_id="at1")


def fill_0017(f: Filling) -> None:
    """A campaign of the coupon template of 0002 and the member it targeted, with the coupon."""
    f.insert(
        "campaigns",
        id="cg1",
        name="唤醒睡眠会员",
        source_kind="segment",
        source_key="sleeping",
        source_label="睡眠会员（2026-11-20 计算）",
        computed_on=DAY,
        skipped=0,
        offer_kind="coupon",
        coupon_template_id="tpl1",
        bonus_fen=0,
        points=0,
        starts_on=DAY,
        ends_on="2026-12-20",
        state="issued",
        created_by="s-owner",
        approver_id="s-owner",
        created_at=AT,
        issued_at=AT,
    )
    f.insert("campaign_members", campaign_id="cg1", member_id="mb1", coupon_id="cp1", entry_id=None)


def fill_0019(f: Filling) -> None:
    """An index only: it holds the line a promotion priced with no discount of its own (0011),
    which 0009's index of discounted lines did not."""
    (held,) = f.connection.execute(
        "SELECT COUNT(*) FROM order_lines INDEXED BY ix_order_lines_promoted"
        " WHERE line_discount_fen > 0 OR promotion_ids IS NOT NULL"
    ).fetchone()
    assert held == 1


def fill_0020(f: Filling) -> None:
    """Indexes only: the member of 0002 is found by id with their joining day and card, and
    the member's sale of 0002 by its id, from them alone."""
    (found,) = f.connection.execute(
        "SELECT COUNT(*) FROM members INDEXED BY ix_members_card_by_id"
        " WHERE id = 'mb1' AND joined_on IS NOT NULL AND card_no IS NOT NULL"
    ).fetchone()
    sales = f.connection.execute(
        "SELECT id FROM orders INDEXED BY ix_orders_member_sale_by_id"
        " WHERE kind = 'sale' AND member_id IS NOT NULL"
    ).fetchall()
    assert found == 1 and len(sales) >= 1


def fill_0016(f: Filling) -> None:
    """A saved member list (the lunar months are the migration's own rows)."""
    f.insert(
        "member_lists",
        id="ml1",
        name="新会员",
        definition='[{"days": 30, "kind": "new_or_old", "new": true}]',
        created_by="s-owner",
        created_at=AT,
        updated_at=AT,
    )


def fill_0018(f: Filling) -> None:
    """A sale written once the database keeps the sales totals (its triggers add it)."""
    f.insert(
        "orders",
        id="o4",
        receipt_no="S001-01-20261120-0004",
        business_day=DAY,
        kind="sale",
        state="paid",
        cashier_id="s-cash",
        approver_id=None,
        shift_id="sh1",
        original_order_id=None,
        member_id=None,
        subtotal_fen=700,
        discount_fen=0,
        rounding_fen=0,
        total_fen=700,
        change_fen=0,
        order_discount_label=None,
        created_at=AT,
        voided_at=None,
    )
    f.insert(
        "order_lines",
        id="l4",
        order_id="o4",
        line_no=1,
        product_id="p1",
        original_line_id=None,
        name="商品",
        barcode=None,
        unit="瓶",
        qty_milli=2000,
        list_price_fen=350,
        unit_price_fen=350,
        gross_fen=700,
        line_discount_fen=0,
        order_share_fen=0,
        net_fen=700,
        refunded_qty_milli=0,
        refunded_fen=0,
        discount_label=None,
        cost_fen=400,
        promotion_ids=None,
        promotion_fen=0,
    )
    f.insert(
        "payments",
        id="pay-o4",
        order_id="o4",
        seq=1,
        method="wechat",
        amount_fen=700,
        tendered_fen=700,
        reference=None,
        customer_name=None,
    )
    f.audit("sale.paid", "o4")


FILLS: dict[str, Callable[[Filling], None]] = {
    "0001": fill_0001,
    "0002": fill_0002,
    "0003_receivable_members": fill_0003,
    "0004_member_tags": fill_0004,
    "0005_upkeep_runs": fill_0005,
    "0006_pin_lockouts": fill_0006,
    "0007_sync_members": fill_0007,
    "0008_stock": fill_0008,
    "0009_analytics_indexes": fill_0009,
    "0010_reports_indexes": fill_0010,
    "0011_promotions": fill_0011,
    "0013_promosync_origin": fill_0013_promosync,
    "0015_autotags_rules": fill_0015,
    "0016_filters_member_lists": fill_0016,
    "0017_campaigns": fill_0017,
    "0018_sales_totals": fill_0018,
    "0019_segscale_promoted": fill_0019,
    "0020_segscale_members": fill_0020,
}

#: Rows a migration moves on purpose: (table, primary key) -> where the test finds them after.
MOVED = {("counter_state", ("daily_upkeep_day",)): "upkeep_runs (0005)"}


def test_every_migration_has_a_fill_step() -> None:
    """A new migration needs a fill step here (in its own revision's SQL) before it lands."""
    assert list(FILLS) == REVISIONS


def _store_at(data_dir: Path, revision: str) -> None:
    """A store made at ``revision``, filled at each revision on the way with that one's SQL."""
    path = data_dir / "counter.db"
    engine = make_engine(f"sqlite:///{path}")
    filling = Filling(sqlite3.connect(path), hash_pin(PIN))
    try:
        for step in REVISIONS[: REVISIONS.index(revision) + 1]:
            migrate(engine, step)
            with filling.connection:
                FILLS[step](filling)
    finally:
        filling.connection.close()
        engine.dispose()


Rows = dict[str, dict[tuple[object, ...], dict[str, object]]]


def _rows(path: Path) -> Rows:
    """Every row of every table, by primary key."""
    found: Rows = {}
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        for table in tables:
            info = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
            keys = [row["name"] for row in sorted(info, key=lambda r: r["pk"]) if row["pk"]]
            found[table] = {
                tuple(row[k] for k in keys): dict(row)
                for row in connection.execute(f'SELECT * FROM "{table}"')
            }
    return found


def _lost(before: Rows, after: Rows) -> list[str]:
    """Each row (or value of a column that is still there) the upgrade did not keep."""
    lost = []
    for table, rows in before.items():
        for key, row in rows.items():
            if (table, key) in MOVED:
                continue
            kept = after.get(table, {}).get(key)
            if kept is None:
                lost.append(f"{table} {key}: gone")
                continue
            lost.extend(
                f"{table} {key}.{column}: {value!r} -> {kept[column]!r}"
                for column, value in row.items()
                if column in kept and kept[column] != value
            )
    return lost


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_store_made_at_each_migration_upgrades_keeping_everything(
    tmp_path: Path, revision: str
) -> None:
    _store_at(tmp_path, revision)
    path = tmp_path / "counter.db"
    before = _rows(path)

    db = open_store(Config(data_dir=tmp_path))  # the start every window and command makes
    try:
        with db.reading() as session:
            ledgers = check_ledgers(session)
            stock = check_stock(session)
            audit = verify(session, path)
            totals = check_sales_totals(session)
        with db.transaction() as session:
            owner = authenticate(session, "张老板", PIN)
    finally:
        db.dispose()

    after = _rows(path)
    assert _lost(before, after) == []
    assert (ledgers, stock, audit, totals) == ([], [], [], [])
    assert owner.name == "张老板"
    for table, rows in before.items():
        assert len(after[table]) >= len(rows) - sum((table, k) in MOVED for k in rows), table
    if ("daily_upkeep_day",) in before["counter_state"]:  # moved by 0005, kept as a run
        assert ("2026-11-19",) in after["upkeep_runs"]
    backups = good_backups(tmp_path)
    if revision == REVISIONS[-1]:
        assert backups == []  # nothing to migrate: no backup taken
    else:
        (backup,) = backups
        assert backup.revision == revision
        assert _rows(backup.path) == before  # the copy holds the store as it was


def _fingerprint(data_dir: Path) -> tuple[str, list[str]]:
    """The database's bytes and the data directory's files but the logs: what "untouched"
    means."""
    path = data_dir / "counter.db"
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(
        str(p.relative_to(data_dir))
        for p in data_dir.rglob("*")
        if p.relative_to(data_dir).parts[0] != logs.LOG_DIR_NAME
    )


def test_a_store_whose_backup_before_the_upgrade_fails_is_not_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import EXIT_FAILED, main
    from app.storage import backup

    def full_disk(*_args: object, **_kwargs: object) -> Path:
        raise backup.BackupError("磁盘空间已满，今天没有备份：请清理磁盘后再备份")

    _store_at(tmp_path, REVISIONS[-2])
    untouched = _fingerprint(tmp_path)
    monkeypatch.setattr(backup, "make_backup", full_disk)

    assert main(["--data-dir", str(tmp_path), "verify-audit"]) == EXIT_FAILED

    said = capsys.readouterr().err
    assert "升级前的备份没有做成" in said and "磁盘空间已满" in said and "没有改动" in said
    assert _fingerprint(tmp_path) == untouched
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == REVISIONS[-2]


def test_a_database_from_a_newer_program_is_refused_by_a_command_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import EXIT_FAILED, main

    _store_at(tmp_path, REVISIONS[-1])
    with sqlite3.connect(tmp_path / "counter.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    untouched = _fingerprint(tmp_path)

    assert main(["--data-dir", str(tmp_path), "add-staff", "王芳", "cashier", "--pin", "4321"]) == (
        EXIT_FAILED
    )

    said = capsys.readouterr().err
    assert "来自更新版本的收银程序" in said and "0099_from_the_future" in said
    assert "请升级收银程序" in said and "Traceback" not in said
    assert _fingerprint(tmp_path) == untouched
