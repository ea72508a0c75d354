"""Points earned while the head office has not posted them are pending: the member panel shows
them apart from the posted points until a sync is acknowledged; a counter that works alone has
nothing pending."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QLabel

from app.pos.member_desk.desk import MemberDesk
from app.pos.tenders import TenderMethod
from app.ui.member_panel import MemberPanel
from tests.sync.conftest import Store
from tests.sync.test_two_stores import CARD, enrol_and_top_up, pay_by_card, sync


def _panel_after_swipe(qtbot: Any, store: Store, member_id: str) -> MemberPanel:
    desk = MemberDesk(store.db, store.config)
    panel = MemberPanel(None)
    qtbot.addWidget(panel)
    panel.show()
    member = desk.queries.attach_member(CARD, store.cashier)
    panel.show_member(member, desk.queries.detail(member_id))
    return panel


def test_points_earned_before_the_head_office_posts_them_show_apart_until_a_sync(
    qtbot: Any, stores: tuple[Store, Store]
) -> None:
    a, _ = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    pay_by_card(a, 80_00, TenderMethod.CASH)
    desk = MemberDesk(a.db, a.config)
    earned = desk.queries.member(member_id).points
    assert earned > 0
    assert desk.queries.detail(member_id).pending_points == earned

    panel = _panel_after_swipe(qtbot, a, member_id)
    pending = panel.findChild(QLabel, "memberPendingPoints")
    assert pending is not None and pending.isVisible()
    assert pending.text() == f"+{earned}（待总部确认）"
    posted = panel.findChild(QLabel, "memberPoints")
    assert posted is not None and posted.text() == "0"

    sync(a)  # the head office posts them
    assert desk.queries.detail(member_id).pending_points == 0
    panel = _panel_after_swipe(qtbot, a, member_id)
    pending = panel.findChild(QLabel, "memberPendingPoints")
    assert pending is not None and not pending.isVisible()
    posted = panel.findChild(QLabel, "memberPoints")
    assert posted is not None and posted.text() == str(earned)


def test_a_counter_that_works_alone_has_no_pending_points(stores: tuple[Store, Store]) -> None:
    a, _ = stores
    member_id = enrol_and_top_up(a, 100_00)
    pay_by_card(a, 80_00, TenderMethod.CASH)
    alone = MemberDesk(a.db, dataclasses.replace(a.config, headoffice=None))
    assert alone.queries.member(member_id).points > 0
    assert alone.queries.detail(member_id).pending_points == 0
