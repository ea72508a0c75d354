"""A member-day sale with a 满赠 gift in the real sale window, and a partial refund of it that
asks for the gift back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QTableWidget

from app.pos import promotions
from app.pos.promotion_rules import Audience, Promotion, PromotionKind
from app.ui.customer_display import CustomerScreen
from tests.ui.driving import (
    SILVER_CARD,
    approval_in,
    approve,
    banner,
    child,
    click,
    error_text,
    login,
    manager,
    pay_cash,
    press,
    printed_text,
    scan,
    scan_field,
    swipe,
)


@pytest.fixture
def promoted_sale(counter: Any, controller: Any, qtbot: Any, products: list[Any]) -> Any:
    """Today is member day (10 % off for members, stacking) and 满 threshold gives a gift."""
    boss = manager(counter)
    today = counter.service.store_now().date()  # rules run by the store's clock
    first, second, gift = products[0], products[1], products[5]
    # The threshold is what the two items cost after the member's price and member day, so
    # returning either of them leaves the sale below it.
    threshold = (first.price_fen + second.price_fen) * 8 // 10
    span = {"starts_on": today - dt.timedelta(days=1), "ends_on": today + dt.timedelta(days=1)}
    rules = [
        Promotion(
            "ui-member-day",
            "今日会员日",
            PromotionKind.MEMBER_DAY,
            all_products=True,
            audience=Audience.MEMBERS,
            weekdays=frozenset({today.isoweekday()}),
            percent_bp=1000,
            stacks=True,
            **span,  # type: ignore[arg-type]
        ),
        Promotion(
            "ui-gift",
            "满额送礼",
            PromotionKind.SPEND_GIFT,
            all_products=True,
            threshold_fen=threshold,
            gift_product_ids=(gift.id,),
            stacks=True,
            **span,  # type: ignore[arg-type]
        ),
    ]
    with counter.db.transaction() as session:
        for rule in rules:
            promotions.save_promotion(session, rule, actor_id=boss.id, approver_id=boss.id)
    counter.service.promotion_cache.invalidate()
    return login(controller, qtbot)


def test_member_day_sale_with_a_gift_then_a_partial_refund_asks_for_the_gift(
    promoted_sale: Any, qtbot: Any, products: list[Any], printer_file: Any
) -> None:
    sale = promoted_sale
    swipe(scan_field(sale), SILVER_CARD)
    scan(qtbot, sale, products[0].barcodes[0])
    scan(qtbot, sale, products[1].barcodes[0])
    cart = sale.session.cart
    totals = cart.totals()
    assert [g.product.id for g in totals.gifts] == [products[5].id]
    summary = child(sale, QLabel, "promotionSummary").text()
    assert "赠品" in summary and "已省" in summary
    table = child(sale, QTableView, "cartTable")
    assert "今日会员日" in table.model().index(0, 4).data()
    display = CustomerScreen("示范便利店")
    display.show_cart(cart)
    assert "已省" in child(display, QLabel, "customerTotal").text()
    assert child(display, QTableWidget, "customerLines").item(2, 0).text().startswith("赠品")
    pay_cash(qtbot, sale, totals.total_fen)
    order = sale.session.service.last_order()
    assert order is not None and len(order.lines) == 3
    assert order.lines[2].net_fen == 0  # the gift
    assert "促销共节省" in printed_text(printer_file)

    press(qtbot, sale, Qt.Key.Key_F9)
    refund = sale.dialog
    receipt = child(refund, QLineEdit, "refundReceipt")
    qtbot.keyClicks(receipt, order.receipt_no)
    qtbot.keyClick(receipt, Qt.Key.Key_Return)
    lines = child(refund, QTableWidget, "refundLines")
    assert lines.rowCount() == 3
    lines.item(1, 3).setText("0")
    lines.item(2, 3).setText("0")
    click(qtbot, child(refund, QPushButton, "refundConfirm"))
    approve(qtbot, approval_in(refund))
    assert "请一并退回赠品" in error_text(refund)
    lines.item(2, 3).setText("1")
    click(qtbot, child(refund, QPushButton, "refundConfirm"))
    approve(qtbot, approval_in(refund))
    assert sale.dialog is None, error_text(refund)
    after = sale.session.service.find_order(order.receipt_no)
    assert after.lines[0].refundable_qty_milli == 0
    assert after.lines[1].refundable_qty_milli == after.lines[1].qty_milli
    assert after.lines[2].refundable_qty_milli == 0
    assert "￥" in banner(sale).text()
