"""修改分群条件, driven from 会员分析 as a store would: a cashier asks, a manager approves, every
threshold is in the form (money in yuan), bad input is said under its field with nothing
written, 恢复默认 fills the defaults in, and once saved the screen's definitions in words and
counts follow the new thresholds; the change is audited in the cashier's and the manager's
names."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QTableWidget

from app.members.segment_rules import THRESHOLDS_KEY, Thresholds, load_thresholds
from app.storage.models import AuditRow, CounterStateRow, StaffRow
from app.ui import i18n
from app.ui.thresholds_form import FIELD_ORDER, object_name
from tests.ui.driving import (
    MANAGER,
    MANAGER_PIN,
    action,
    approval_in,
    approve,
    child,
    click,
    error_text,
    field_error,
    fill_form,
    login,
    open_dialog,
    pay_cash,
    plain_products,
    save_form,
    scan,
)

CHANGED = "analytics.thresholds_changed"


def stored(counter: Any) -> tuple[str | None, int]:
    """The thresholds' stored value and how many changes were audited."""
    with counter.db.reading() as session:
        row = session.get(CounterStateRow, THRESHOLDS_KEY)
        audited = session.scalars(select(AuditRow).where(AuditRow.action == CHANGED)).all()
        return (row.value if row is not None else None), len(audited)


def in_force(counter: Any) -> Thresholds:
    with counter.db.reading() as session:
        return load_thresholds(session)


def open_analytics(controller: Any, qtbot: Any) -> Any:
    """A cashier sells something (a store with no sale has no groups to show), then opens 会员分析
    (a manager approves, as for the reports)."""
    sale = login(controller, qtbot)
    scan(qtbot, sale, plain_products(controller.counter)[0].barcodes[0])
    pay_cash(qtbot, sale, 1000_00)
    action(sale, "memberAnalyticsAction").trigger()
    approve(qtbot, approval_in(sale))
    screen = sale.dialog
    assert screen is not None and screen.objectName() == "memberAnalyticsScreen"
    return screen


def open_form(qtbot: Any, screen: Any) -> Any:
    click(qtbot, child(screen, QPushButton, "editThresholdsButton"))
    approve(qtbot, approval_in(screen))
    return open_dialog(screen, "thresholdsDialog")


def definitions(screen: Any) -> dict[str, str]:
    """Each group's and segment's definition in words, by its key."""
    table = child(screen, QTableWidget, "groupsTable")
    return {table.item(r, 4).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def refused(qtbot: Any, counter: Any, form: Any, values: dict[str, str], field: str) -> str:
    """Typed, saved: refused under ``field``, the form still open, nothing written."""
    before = stored(counter)
    fill_form(qtbot, form, values)
    save_form(qtbot, form)
    said = field_error(form, object_name(field))
    assert said, (field, error_text(form))
    assert form.isVisible() and stored(counter) == before
    return said


def test_a_manager_changes_the_thresholds_and_the_definitions_follow(
    controller: Any, counter: Any, qtbot: Any
) -> None:
    screen = open_analytics(controller, qtbot)
    before = definitions(screen)
    assert before["new_low_ticket"].endswith("平均客单价低于 200 元")
    assert before["loyal"] == "最近 45 天内消费 2 到 3 次，但最近 7 天内没有消费"
    form = open_form(qtbot, screen)
    # Every threshold has its field, filled with the one in force; money in yuan.
    for field in FIELD_ORDER:
        assert isinstance(child(form, QLineEdit, object_name(field)), QLineEdit)
    assert child(form, QLineEdit, "thresholdNewTicketFen").text() == "200.00"
    assert child(form, QLineEdit, "thresholdLoyalQuietDays").text() == "7"
    assert child(form, QLineEdit, "thresholdHighSpendPercent").text() == "20"

    fill_form(
        qtbot,
        form,
        {
            "thresholdNewTicketFen": "300",
            "thresholdFanMinTicketFen": "350.5",
            "thresholdLoyalQuietDays": "10",
            "thresholdHighSpendPercent": "15",
        },
    )
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    expected = dataclasses.replace(
        Thresholds(),
        new_ticket_fen=300_00,
        fan_min_ticket_fen=350_50,
        loyal_quiet_days=10,
        high_spend_percent=15,
    )
    assert in_force(counter) == expected
    after = definitions(screen)
    assert after["new_low_ticket"].endswith("平均客单价低于 300 元")
    assert after["fan"] == "最近 60 天内消费至少 4 次，且每一单都不低于 350.50 元"
    assert after["loyal"] == "最近 45 天内消费 2 到 3 次，但最近 10 天内没有消费"
    assert after["high_spend"] == "最近 365 天的消费总额排在有消费会员的前 15%"

    with counter.db.reading() as session:
        (row,) = session.scalars(select(AuditRow).where(AuditRow.action == CHANGED)).all()
        cashier = session.scalar(select(StaffRow).where(StaffRow.id == row.actor_id))
        approver = session.scalar(select(StaffRow).where(StaffRow.id == row.approver_id))
    assert cashier is not None and cashier.name != MANAGER
    assert approver is not None and approver.name == MANAGER
    assert json.loads(row.detail)["new_ticket_fen"] == 300_00


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"thresholdHighSpendPercent": "101"}, "high_spend_percent", "1 到 100"),
        ({"thresholdLoyalQuietDays": "45"}, "loyal_quiet_days", "须小于统计天数"),
        ({"thresholdActiveWindowDays": "3a"}, "active_window_days", "不是整数"),
        ({"thresholdNewTicketFen": "abc"}, "new_ticket_fen", "无法识别的金额"),
        ({"thresholdFanWindowDays": "0"}, "fan_window_days", "永远为空"),
        (
            {"thresholdLoyalMinPurchases": "4", "thresholdLoyalMaxPurchases": "3"},
            "loyal_min_purchases",
            "不能大于最多次数",
        ),
        ({"thresholdSleepingDays": "-1"}, "sleeping_days", "不能小于 0"),
    ],
)
def test_bad_input_is_said_under_its_field_and_nothing_is_written(
    controller: Any,
    counter: Any,
    qtbot: Any,
    values: dict[str, str],
    field: str,
    words: str,
) -> None:
    screen = open_analytics(controller, qtbot)
    form = open_form(qtbot, screen)
    assert words in refused(qtbot, counter, form, values, field)
    assert stored(counter) == (None, 0)
    assert in_force(counter) == Thresholds()


def test_defaults_are_put_back_and_saved_only_with_save(
    controller: Any, counter: Any, qtbot: Any
) -> None:
    screen = open_analytics(controller, qtbot)
    form = open_form(qtbot, screen)
    fill_form(qtbot, form, {"thresholdYearDays": "200", "thresholdBargainPercent": "30"})
    save_form(qtbot, form)
    assert in_force(counter).year_days == 200
    form = open_form(qtbot, screen)
    assert child(form, QLineEdit, "thresholdYearDays").text() == "200"
    fill_form(qtbot, form, {"thresholdSleepingDays": "x"})
    save_form(qtbot, form)
    assert field_error(form, "thresholdSleepingDays")
    click(qtbot, child(form, QPushButton, "thresholdsDefaults"))
    assert field_error(form, "thresholdSleepingDays") == ""  # the refusal went with the value
    assert child(form, QLineEdit, "thresholdYearDays").text() == "365"
    assert child(form, QLineEdit, "thresholdActiveMinAvgTicketFen").text() == "200.00"
    assert in_force(counter).year_days == 200  # not saved yet
    save_form(qtbot, form)
    assert not form.isVisible(), error_text(form)
    assert in_force(counter) == Thresholds()
    assert stored(counter)[1] == 2
    assert definitions(screen)["high_spend"] == "最近 365 天的消费总额排在有消费会员的前 20%"


def test_cancelling_the_form_writes_nothing(controller: Any, counter: Any, qtbot: Any) -> None:
    screen = open_analytics(controller, qtbot)
    form = open_form(qtbot, screen)
    fill_form(qtbot, form, {"thresholdYearDays": "200"})
    click(qtbot, child(form, QPushButton, "thresholdsDialogCancel"))
    assert not form.isVisible()
    assert stored(counter) == (None, 0)


def test_a_manager_logged_in_is_not_asked_again(controller: Any, qtbot: Any) -> None:
    sale = login(controller, qtbot, MANAGER, MANAGER_PIN)
    action(sale, "memberAnalyticsAction").trigger()
    screen = sale.dialog
    assert screen is not None
    click(qtbot, child(screen, QPushButton, "editThresholdsButton"))
    assert open_dialog(screen, "thresholdsDialog").isVisible()
    assert not [d for d in screen.findChildren(QDialog, "approvalDialog") if d.isVisible()]


def test_the_english_form_reads_in_english(controller: Any, qtbot: Any) -> None:
    screen = open_analytics(controller, qtbot)
    i18n.install(i18n.ENGLISH)
    form = open_form(qtbot, screen)
    assert form.windowTitle() == "Change the group thresholds"
    assert child(form, QPushButton, "thresholdsDefaults").text() == "Restore defaults"


@pytest.mark.parametrize("language", [i18n.CHINESE, i18n.ENGLISH])
def test_at_its_smallest_size_no_label_or_button_is_clipped(
    controller: Any, qtbot: Any, language: str
) -> None:
    from tests.ui.test_screens import _clipped

    screen = open_analytics(controller, qtbot)
    i18n.install(language)
    form = open_form(qtbot, screen)
    form.resize(form.minimumSize())
    assert _clipped(form) == []
