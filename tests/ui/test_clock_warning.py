"""The window warns when the business day went backwards (issue 9, item 5), and selling goes on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel

from app.storage.member_models import UpkeepRunRow
from tests.ui.driving import banner, child, login, pay_cash, scan


def test_a_day_before_the_last_upkeep_is_warned_about_and_selling_goes_on(
    controller: Any, counter: Any, qtbot: Any, products: list[Any]
) -> None:
    ahead = counter.service.today() + dt.timedelta(days=730)
    with counter.db.transaction() as session:  # the clock ran two years ahead once
        session.add(
            UpkeepRunRow(
                business_day=ahead, upgrades=0, downgrades=0, members_expired=0, points_expired=0
            )
        )
    sale = login(controller, qtbot)

    warning = child(sale, QLabel, "clockWarning")
    assert warning.isVisibleTo(sale) and "会员日结已暂停" in warning.text()
    assert "营业日倒退" in warning.toolTip() and ahead.isoformat() in warning.toolTip()
    assert "clock-corrected" in warning.toolTip()  # what the owner does once the clock is right
    assert "营业日倒退" in banner(sale).text()

    scan(qtbot, sale, products[0].barcodes[0])
    pay_cash(qtbot, sale, products[0].price_fen)
    order = counter.service.last_order()
    assert order is not None and order.total_fen == products[0].price_fen


def test_no_warning_on_a_clock_that_is_right(sale: Any) -> None:
    assert not child(sale, QLabel, "clockWarning").isVisibleTo(sale)
