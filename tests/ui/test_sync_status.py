"""The window with ``[headoffice]``: its worker syncs by itself on its own thread, the status bar
says online or offline, how many events wait and since when, and the last success; logging out
while events wait warns once; the settings dialog shows the table with the secret masked.
Without ``[headoffice]`` the counter works alone and shows none of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtWidgets import QLabel, QLineEdit

from tests.sync.conftest import HeadOffice, headoffice, ho_template  # noqa: F401 (fixtures)
from tests.ui.driving import (
    action,
    approve,
    banner,
    child,
    login,
    pay_cash,
    plain_products,
    scan,
)

DATABASE_FILE = "counter.db"


@pytest.fixture
def synced_counter(
    tmp_path: Path,
    seeded_template: Path,
    printer_uri: str,
    monkeypatch: pytest.MonkeyPatch,
    headoffice: HeadOffice,  # noqa: F811
) -> Iterator[Any]:
    from app.bootstrap import build

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(seeded_template, data_dir / DATABASE_FILE)
    registration = headoffice.register("S001", "一号店")
    (data_dir / "config.toml").write_text(registration.toml(), encoding="utf-8")
    monkeypatch.setenv("POS_PRINTER_URI", printer_uri)
    monkeypatch.delenv("POS_LANGUAGE", raising=False)
    built = build(data_dir)
    yield built
    built.close()


def _status(sale: Any) -> str:
    sale._tick()
    return str(child(sale, QLabel, "syncStatus").text())


def test_the_window_syncs_by_itself_and_says_so(
    synced_counter: Any,
    qtbot: Any,
    headoffice: HeadOffice,  # noqa: F811
) -> None:
    from app.ui.application import CounterApp

    controller = CounterApp(synced_counter)
    controller.show_login()
    sale = login(controller, qtbot)
    assert child(sale, QLabel, "syncStatus").isVisible()
    qtbot.waitUntil(
        lambda: "总部：在线" in _status(sale) and "已全部发送" in _status(sale), timeout=20_000
    )
    assert "上次同步" in _status(sale)

    headoffice.stop()
    scan(qtbot, sale, plain_products(synced_counter)[0].barcodes[0])
    pay_cash(qtbot, sale, 100_00)  # the sale nudges the worker: it tries at once
    qtbot.waitUntil(lambda: "总部：离线" in _status(sale), timeout=20_000)
    assert "待发送" in _status(sale) and "最早 0 分钟前" in _status(sale)

    action(sale, "logoutAction").trigger()
    assert controller.sale_window is sale  # warned first, still logged in
    assert "未发送到总部" in banner(sale).text()
    action(sale, "logoutAction").trigger()
    assert controller.sale_window is None and controller.login_window is not None


def test_the_settings_show_the_headoffice_table_with_the_secret_masked(
    synced_counter: Any, qtbot: Any
) -> None:
    from app.ui.application import CounterApp

    controller = CounterApp(synced_counter)
    controller.show_login()
    sale = login(controller, qtbot)
    action(sale, "deviceSettingsAction").trigger()
    approve(qtbot, sale.dialog)
    dialog = sale.dialog
    office = synced_counter.config.headoffice
    assert child(dialog, QLineEdit, "headofficeUrl").text() == office.url
    assert child(dialog, QLineEdit, "headofficeDevice").text() == office.device_id
    shown = child(dialog, QLineEdit, "headofficeSecret").text()
    assert office.secret not in shown and shown.endswith(office.secret[-4:])


def test_without_headoffice_the_status_bar_shows_no_sync(sale: Any, counter: Any) -> None:
    assert counter.sync is None
    assert not child(sale, QLabel, "syncStatus").isVisible()


def test_a_card_of_another_store_swiped_is_looked_up_at_the_head_office(
    synced_counter: Any,
    qtbot: Any,
    headoffice: HeadOffice,  # noqa: F811
    tmp_path: Path,
) -> None:
    from app.members.enrolment import enrol
    from app.members.stored_value import top_up
    from app.ui.application import CounterApp
    from tests.sync.conftest import make_store

    controller = CounterApp(synced_counter)
    controller.show_login()
    sale = login(controller, qtbot)
    qtbot.waitUntil(lambda: "已全部发送" in _status(sale), timeout=20_000)
    other = make_store(tmp_path / "other", headoffice.register("S002", "二号店"))
    with other.db.transaction() as session:
        member = enrol(
            session,
            card_no="77000001",
            phone="13700000001",
            name="赵六",
            on=other.service.today(),
            actor_id=other.cashier.id,
        )
        top_up(session, member.id, 88_00, on=other.service.today(), actor_id=other.cashier.id)
    assert other.worker.run_once().all_acknowledged
    other.worker.stop()
    other.guard.client.close()
    other.db.dispose()

    sale.members.attach("77000001")
    assert sale.session.cart.member is not None
    assert sale.session.cart.member.member_id == member.id
    assert "赵六" in banner(sale).text()


def test_an_unknown_card_is_still_refused_plainly_when_the_head_office_is_down(
    synced_counter: Any,
    qtbot: Any,
    headoffice: HeadOffice,  # noqa: F811
) -> None:
    from app.ui.application import CounterApp

    controller = CounterApp(synced_counter)
    controller.show_login()
    sale = login(controller, qtbot)
    headoffice.stop()
    sale.members.attach("77000099")
    assert sale.session.cart.member is None
    assert banner(sale).isVisible() and "总部" not in banner(sale).text()
