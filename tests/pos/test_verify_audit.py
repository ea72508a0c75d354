"""``main.py verify-audit`` finds what the plain hash chain missed (issue #9 item 10): the newest
rows deleted, a row edited and the chain hashed again with plain SHA-256, an order's total
changed, a member's balance changed; it says plainly when the key is missing; a store whose
every kind of order is untouched verifies."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import EXIT_FAILED, EXIT_OK, main
from app.config import Config
from app.members import count_cards
from app.members.card_types import CardTypeInput, create_card_type
from app.pos.cart import Discount, DiscountKind
from app.pos.catalog import ProductView
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.shifts import ShiftView
from app.pos.staff import Sensitive, StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage import audit
from app.storage.approvals import Approval
from app.storage.database import Database
from tests.pos.conftest import CARD, MEMBER_PIN


@pytest.fixture
def store(
    db: Database,
    config: Config,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    manager: StaffView,
    approval: Callable[..., Approval],
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
) -> Path:
    """A store that sold, refunded, voided, topped up, kept change, paid principal back, sold a
    count card and took a card fee: every kind of order."""
    cart = service.new_cart()
    cart.add(cart_product(products["cola"]), qty_milli=3000)
    cart.add(cart_product(products["chips"]))
    cart.set_order_discount(Discount(DiscountKind.AMOUNT, 100))
    sale = service.pay(cart, [Tender(TenderMethod.CASH, 2000)], cashier=cashier, shift_id=shift.id)
    cola = service.find_order(sale.receipt_no).lines[0]
    service.refund(
        sale.receipt_no,
        {cola.line_id: 1000},
        method=TenderMethod.CASH,
        cashier=cashier,
        approval=approval(Sensitive.REFUND),
        shift_id=shift.id,
    )
    cart = service.new_cart()
    cart.add(cart_product(products["noodles"]))
    voided = service.pay(cart, [Tender(TenderMethod.WECHAT, 450)], cashier=cashier, shift_id=None)
    service.void(voided.receipt_no, cashier=cashier, approval=approval(Sensitive.VOID))

    password = members.cards.verify_password(member_id, MEMBER_PIN, cashier)
    cart = service.new_cart()
    cart.add(cart_product(products["chips"]))
    cart.add(cart_product(products["noodles"]), qty_milli=2000)
    cart.attach_member(members.queries.attach_member(CARD, cashier))
    member_sale = service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, 10_00), Tender(TenderMethod.CASH, 10_00)],
        cashier=cashier,
        shift_id=shift.id,
        member_password=password,
    )
    members.stored_value.top_up(
        member_id, 200_00, [Tender(TenderMethod.CASH, 300_00)], cashier=cashier, shift_id=shift.id
    )
    members.stored_value.store_change(
        member_id, member_sale.order_id, member_sale.change_fen, cashier=cashier, shift_id=shift.id
    )
    members.stored_value.refund_principal(
        member_id,
        5_00,
        reason="顾客要求",
        cashier=cashier,
        approval=approval(Sensitive.MEMBER_CARD),
        shift_id=shift.id,
    )
    with db.transaction() as session:
        package = count_cards.create_package(
            session, "洗车10次", "洗车", 10, 300_00, actor_id=cashier.id, approver_id=manager.id
        )
        plus = create_card_type(
            session,
            CardTypeInput("金卡PLUS", 5, discount_bp=8800, fee_fen=199_00, validity_days=365),
            actor_id=cashier.id,
            approver_id=manager.id,
        )
    members.count_cards_and_gifts.sell_count_card(
        member_id, package.id, [Tender(TenderMethod.ALIPAY, 300_00)], cashier=cashier, shift_id=None
    )
    members.cards.enrol(
        card_no="88000077",
        phone="13900000077",
        name="王五",
        cashier=cashier,
        card_type_id=plus.id,
        fee_tenders=[Tender(TenderMethod.CASH, 200_00)],
        shift_id=shift.id,
    )
    return config.database_path


def _verify(store: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(store.parent), "verify-audit"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


def _plain_sha256(row: sqlite3.Row, prev_hash: str) -> str:
    """The hash the counter wrote before it had a key, as anyone can compute it."""
    at = dt.datetime.fromisoformat(row["at"]).replace(tzinfo=dt.UTC)
    content = json.dumps(
        [
            row["seq"],
            row["id"],
            at.isoformat(),
            row["action"],
            row["actor_id"],
            row["approver_id"],
            row["subject_id"],
            row["detail"],
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def test_a_store_with_every_kind_of_order_verifies(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _verify(store, capsys)
    assert code == EXIT_OK, said
    assert "审计日志完整" in said and "订单、会员余额与审计记录和上报事件相符" in said
    # The key and the head the chain is checked against are files beside the database.
    assert (store.parent / "audit.key").is_file()
    assert (store.parent / "counter.audit-head").is_file()
    with sqlite3.connect(store) as connection:
        kinds = {kind for (kind,) in connection.execute("SELECT DISTINCT kind FROM orders")}
        states = {state for (state,) in connection.execute("SELECT DISTINCT state FROM orders")}
    assert kinds == {"sale", "refund", "top_up", "count_card", "membership_fee"}
    assert {"paid", "partly_refunded", "voided"} <= states


def test_deleting_the_newest_audit_rows_is_found(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store) as connection:
        (last,) = connection.execute("SELECT max(seq) FROM audit_log").fetchone()
        connection.execute("DELETE FROM audit_log WHERE seq > ?", (last - 2,))
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"最新的 2 条记录不见了：链头记到第 {last} 条，日志只到第 {last - 2} 条" in said


def test_a_row_edited_and_the_chain_hashed_again_with_plain_sha256_is_found(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
        edited = next(row["seq"] for row in rows if row["action"] == "sale.paid")
        prev_hash = "0" * 64
        for row in rows:
            values = dict(row)
            if row["seq"] == edited:
                values["detail"] = row["detail"].replace('"total_fen": 1749', '"total_fen": 749')
                assert values["detail"] != row["detail"]
            if row["seq"] >= edited:
                values["prev_hash"] = prev_hash
                values["hash"] = _plain_sha256(values, prev_hash)  # type: ignore[arg-type]
                connection.execute(
                    "UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    (values["detail"], values["prev_hash"], values["hash"], row["seq"]),
                )
            prev_hash = values["hash"]
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"第 {edited} 条：内容已被修改" in said
    assert "与链头不符" in said
    assert "与审计记录" in said  # the sale's total no longer matches its edited record


def test_an_order_total_changed_in_the_orders_table_is_found(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store) as connection:
        (receipt_no,) = connection.execute(
            "SELECT receipt_no FROM orders WHERE kind = 'sale' AND state = 'partly_refunded'"
        ).fetchone()
        connection.execute(
            "UPDATE orders SET total_fen = total_fen - 1000, subtotal_fen = subtotal_fen - 1000"
            " WHERE receipt_no = ?",
            (receipt_no,),
        )
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"小票 {receipt_no}：金额 ￥7.49 与付款合计 ￥17.49 不符" in said
    assert f"小票 {receipt_no}：金额 ￥7.49 与各行金额合计 ￥17.49 不符" in said
    assert f"小票 {receipt_no}：金额 ￥7.49 与审计记录" in said and "记下的 ￥17.49 不符" in said
    assert f"小票 {receipt_no}：金额 ￥7.49 与上报事件 SalePaid" in said


def test_a_sales_totals_row_edited_by_hand_is_found_with_its_day_and_product(
    store: Path, capsys: pytest.CaptureFixture[str], products: dict[str, ProductView]
) -> None:
    """The reports read the totals the triggers keep; one changed outside them is named."""
    chips = products["chips"]
    with sqlite3.connect(store) as connection:
        (day,) = connection.execute(
            "SELECT business_day FROM sales_day_products WHERE product_id = ?", (chips.id,)
        ).fetchone()
        connection.execute(
            "UPDATE sales_day_products SET net_fen = net_fen + 100 WHERE product_id = ?",
            (chips.id,),
        )
        connection.execute("UPDATE sales_day_tenders SET payments = payments + 1")
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"商品日汇总 {day} {chips.code} {chips.name} 与当天订单明细不符" in said
    assert f"收款方式汇总 {day} cash 与当天付款不符" in said
    assert "商品月汇总" not in said  # the month's row was left alone


def test_a_deleted_order_is_found_by_its_audit_record_and_its_event(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        (order_id, receipt_no) = connection.execute(
            "SELECT id, receipt_no FROM orders WHERE state = 'voided'"
        ).fetchone()
        for table in ("payments", "order_lines", "stock_moves", "print_jobs"):
            connection.execute(f"DELETE FROM {table} WHERE order_id = ?", (order_id,))
        connection.execute("DELETE FROM orders WHERE id = ?", (order_id,))
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"记下的小票 {receipt_no} 不在订单中：订单被删除了" in said
    assert "上报事件 SalePaid（第" in said and f"记下的订单 {order_id} 不在订单中" in said


def test_a_member_balance_changed_in_the_members_table_is_found(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(store) as connection:
        (principal, points) = connection.execute(
            "SELECT principal_fen, points FROM members WHERE card_no = ?", (CARD,)
        ).fetchone()
        connection.execute(
            "UPDATE members SET principal_fen = principal_fen + 50000, points = points + 900"
            " WHERE card_no = ?",
            (CARD,),
        )
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert CARD not in said  # the card is masked
    assert f"会员 张三（卡号 ****0001）：储值本金记为 ￥{(principal + 50000) / 100:.2f}" in said
    assert f"积分记为 {points + 900}，按流水应为 {points}" in said


def test_a_missing_key_is_said_plainly_and_selling_goes_on(
    store: Path,
    config: Config,
    capsys: pytest.CaptureFixture[str],
    service: CounterService,
    cashier: StaffView,
    products: dict[str, ProductView],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (store.parent / "audit.key").unlink()
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"审计密钥文件 {store.parent / 'audit.key'} 不见了：第 1 至" in said
    assert "条记录无法核对" in said

    # The counter keeps selling: a new key chains the rows from now on; the lost one stays said.
    cart = service.new_cart()
    cart.add(cart_product(products["cola"]))
    monkeypatch.setattr(audit, "_KEYS", {})  # a new start: no key known in memory
    fresh = CounterService(Database.open(config.database_url), config)
    try:
        fresh.pay(cart, [Tender(TenderMethod.CASH, 350)], cashier=cashier, shift_id=None)
    finally:
        fresh.db.dispose()
    assert (store.parent / "audit.key").exists()
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert "不见了" not in said and "是用另一把审计密钥记下的" in said


def test_a_restored_backup_verifies_with_the_same_key(
    store: Path,
    capsys: pytest.CaptureFixture[str],
    service: CounterService,
    cashier: StaffView,
    products: dict[str, ProductView],
) -> None:
    assert main(["--data-dir", str(store.parent), "backup"]) == EXIT_OK
    (backup,) = (store.parent / "backups").glob("counter-*.db")
    cart = service.new_cart()
    cart.add(cart_product(products["cola"]))
    service.pay(cart, [Tender(TenderMethod.CASH, 350)], cashier=cashier, shift_id=None)
    service.db.dispose()
    assert main(["--data-dir", str(store.parent), "restore", str(backup)]) == EXIT_OK
    code, said = _verify(store, capsys)
    assert code == EXIT_OK, said
    # The head of the replaced database is kept beside it in replaced/
    (kept,) = (store.parent / "replaced").glob("counter-before-restore-*.db")
    assert kept.with_suffix(".audit-head").exists()


def test_rows_deleted_from_a_backup_file_are_found_once_it_is_restored(
    store: Path, service: CounterService, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup's manifest says where its chain ended; the restore puts that head in place."""
    assert main(["--data-dir", str(store.parent), "backup"]) == EXIT_OK
    (backup,) = (store.parent / "backups").glob("counter-*.db")
    with sqlite3.connect(backup) as connection:
        (last,) = connection.execute("SELECT max(seq) FROM audit_log").fetchone()
        connection.execute("DELETE FROM audit_log WHERE seq = ?", (last,))
    service.db.dispose()
    assert main(["--data-dir", str(store.parent), "restore", str(backup)]) == EXIT_OK
    code, said = _verify(store, capsys)
    assert code == EXIT_FAILED
    assert f"最新的 1 条记录不见了：链头记到第 {last} 条，日志只到第 {last - 1} 条" in said
