"""The real window with real devices: a TCP printer on 127.0.0.1, a serial pole display and a
serial card reader on pseudo-terminals, keyboard-wedge readers as timed key events."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTableWidget, QWidget

from app.devices.pole_display import (
    CommandSet,
    change_lines,
    item_lines,
    render_lines,
    total_lines,
    welcome_lines,
)
from app.devices.wedge import WedgeKind
from app.money import format_fen
from tests.devices.escpos_decoder import decode
from tests.devices.manual_clock import ManualClock
from tests.devices.network_printer import PAPER_OK, PAPER_OUT, SILENT, NetworkPrinter
from tests.devices.pty_pair import PtyPair, read_until_quiet
from tests.ui.conftest import DATABASE_FILE
from tests.ui.driving import (
    FAST_MS,
    action,
    approve,
    banner,
    child,
    click,
    login,
    pay_cash,
    plain_products,
    scan,
    scan_field,
    top_level,
    type_timed,
)

TRACK2 = ";6222020202020202=2512101?"
CARD_NO = "6222020202020202"
#: Cards of the demo store's members (8800 0001, 8800 0002, ...), as track 2 of a magnetic card.
MEMBER_CARD = "88000001"
MEMBER_TRACK2 = f";{MEMBER_CARD}=4912101?"
SLOW_MS = 250


# -- a counter built from a config.toml ---------------------------------------------------------


Start = Callable[..., Any]


@pytest.fixture
def start(
    tmp_path: Path, seeded_template: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> Iterator[Start]:
    """``start(printer_uri, **tables)``: write config.toml, build the counter, log in; returns
    the controller (its ``sale_window`` is logged in)."""
    from app.bootstrap import build
    from app.ui.application import CounterApp

    built: list[Any] = []

    def run(printer_uri: str, **settings: Any) -> Any:
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        shutil.copy(seeded_template, data_dir / DATABASE_FILE)
        (data_dir / "config.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
        monkeypatch.setenv("POS_PRINTER_URI", printer_uri)
        monkeypatch.delenv("POS_LANGUAGE", raising=False)
        counter = build(data_dir, seed_demo=True)
        built.append(counter)
        controller = CounterApp(counter)
        controller.show_login()
        login(controller, qtbot)
        return controller

    yield run
    for counter in built:
        counter.close()


@pytest.fixture
def network_printer() -> Iterator[NetworkPrinter]:
    with NetworkPrinter(PAPER_OK) as printer:
        yield printer


def _chinese_products(products: list[Any], count: int) -> list[Any]:
    chosen = [p for p in products if not p.name.isascii() and p.price_fen <= 2000]
    assert len(chosen) >= count
    return chosen[:count]


def _display_text(data: bytes, width: int = 20) -> list[str]:
    """The lines an ESC/POS pole display shows: cursor moves split them; set-up bytes dropped."""
    setup = CommandSet.ESCPOS.setup
    if data.startswith(setup):
        data = data[len(setup) :]
    move = b"\x1f$"
    shown: list[str] = []
    for chunk in data.split(move)[1:]:
        assert len(chunk) >= 2, chunk
        shown.append(chunk[2:].decode("gb18030"))
    assert all(len(line.encode("gb18030")) == width for line in shown)
    return shown


# -- the "done when" ----------------------------------------------------------------------


def test_a_sale_prints_to_a_network_printer_and_shows_on_a_serial_pole_display_at_once(
    start: Start,
    network_printer: NetworkPrinter,
    tmp_path: Path,
    qtbot: Any,
) -> None:
    with PtyPair(tmp_path, "display") as pair, pair.open_a() as display_end:
        controller = start(network_printer.uri, pole_display={"port": str(pair.b)})
        sale = controller.sale_window
        assert child(sale, QLabel, "printerStatus").text() == "打印机：正常"  # asked at login
        items = _chinese_products(plain_products(controller.counter), 2)
        running = 0
        expected = bytearray(CommandSet.ESCPOS.setup + render_lines(*welcome_lines()))
        for product in items:
            scan(qtbot, sale, product.barcodes[0])
            running += product.price_fen
            expected += render_lines(*item_lines(product.name, product.price_fen, running))
        assert sale.model.rowCount() == 2
        pay_cash(qtbot, sale, 100_00)
        change = 10000 - running
        expected += render_lines(*total_lines(running))
        expected += render_lines(*change_lines(10000, change))

        shown = read_until_quiet(display_end)
        assert shown == bytes(expected)
        lines = _display_text(shown)
        assert lines[0].strip() == "欢迎光临"
        assert lines[2].startswith(items[0].name[:4])
        assert lines[3].startswith("合计") and lines[3].endswith(format_fen(items[0].price_fen))
        assert lines[-2].startswith("实收") and lines[-2].endswith(format_fen(10000))
        assert lines[-1].startswith("找零") and lines[-1].endswith(format_fen(change))
        assert child(sale, QLabel, "poleDisplayStatus").isHidden()

    jobs = network_printer.wait_for_jobs(1)
    assert len(jobs) == 1
    decoded = decode(jobs[0])
    assert ("status_query", "4") in decoded.commands  # paper asked before the slip
    text = decoded.text
    for product in items:
        assert product.name in text
    assert f"￥{format_fen(running)}" in text
    assert decoded.line_with("找零").text.endswith(format_fen(change))
    assert "¥" not in text
    order = controller.counter.service.last_order()
    assert order is not None and order.receipt_no in text
    assert child(sale, QLabel, "printerStatus").text() == "打印机：正常"


def test_a_fast_track_2_swipe_is_a_member_card_and_leaves_nothing_in_the_field(
    sale: Any, qtbot: Any
) -> None:
    with qtbot.waitSignal(sale.cardSwiped, timeout=1000) as swiped:
        type_timed(scan_field(sale), MEMBER_TRACK2, gap_ms=FAST_MS)
    assert swiped.args == [MEMBER_CARD]
    assert scan_field(sale).text() == ""
    assert sale.model.rowCount() == 0
    assert sale.statusBar().currentMessage() == "已读取会员卡尾号 0001"
    member = sale.session.cart.member
    assert member is not None and member.card_no_masked.endswith("0001")
    assert MEMBER_CARD not in banner(sale).text()


def test_a_swipe_of_an_unknown_card_never_shows_its_number(sale: Any, qtbot: Any) -> None:
    with qtbot.waitSignal(sale.cardSwiped, timeout=1000):
        type_timed(scan_field(sale), TRACK2, gap_ms=FAST_MS)
    assert scan_field(sale).text() == ""
    assert sale.statusBar().currentMessage() == "已读取会员卡尾号 0202"
    for shown in (sale.statusBar().currentMessage(), scan_field(sale).text()):
        assert CARD_NO not in shown
    assert "=2512" not in banner(sale).text()  # the raw track never reaches the screen


def test_a_fast_barcode_is_rung_up(sale: Any, qtbot: Any, products: list[Any]) -> None:
    with qtbot.assertNotEmitted(sale.cardSwiped):
        type_timed(scan_field(sale), products[0].barcodes[0], gap_ms=FAST_MS)
    assert sale.model.rowCount() == 1
    assert sale.cart.lines[0].product.id == products[0].id
    assert scan_field(sale).text() == ""


def test_slow_typing_stays_typing_even_when_it_looks_like_a_track(sale: Any, qtbot: Any) -> None:
    typed = ";12345678?"
    with qtbot.assertNotEmitted(sale.cardSwiped):
        type_timed(scan_field(sale), typed, gap_ms=SLOW_MS)
    assert scan_field(sale).text() == typed  # the search found nothing; the cashier's text stays
    assert banner(sale).isVisible()


def test_a_garbled_fast_swipe_is_a_status_bar_warning_and_not_a_search(
    sale: Any, qtbot: Any
) -> None:
    with qtbot.assertNotEmitted(sale.cardSwiped):
        type_timed(scan_field(sale), "%E?;E?", gap_ms=FAST_MS)
    assert scan_field(sale).text() == ""
    assert sale.dialog is None
    assert "请重新刷卡" in sale.statusBar().currentMessage()


def test_the_input_method_cannot_swallow_a_scan(sale: Any, qtbot: Any) -> None:
    assert not scan_field(sale).testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    # Should a full-width mode still be on, ；６２２２…？ is the same card.
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in TRACK2)
    with qtbot.waitSignal(sale.cardSwiped, timeout=1000) as swiped:
        type_timed(scan_field(sale), full_width, gap_ms=FAST_MS)
    assert swiped.args == [CARD_NO]
    assert scan_field(sale).text() == ""


def test_keys_typed_before_a_swipe_stay_the_cashiers(sale: Any, qtbot: Any) -> None:
    for char in "3*":
        event = QKeyEvent(QEvent.Type.KeyPress, ord(char), Qt.KeyboardModifier.NoModifier, char)
        event.setTimestamp(1000)
        QApplication.sendEvent(scan_field(sale), event)
    with qtbot.waitSignal(sale.cardSwiped, timeout=1000):
        type_timed(scan_field(sale), TRACK2, gap_ms=FAST_MS, start_ms=5000)
    assert scan_field(sale).text() == "3*"


# -- a serial card reader through the window ------------------------------------------------------


def test_a_serial_reader_swipe_arrives_and_unplug_and_replug_keep_it_working(
    start: Start, printer_uri: str, tmp_path: Path, qtbot: Any
) -> None:
    with PtyPair(tmp_path, "reader") as pair:
        controller = start(
            printer_uri, card_reader={"kind": "serial", "port": str(pair.b), "framing": "cr"}
        )
        sale = controller.sale_window
        label = child(sale, QLabel, "cardReaderStatus")
        qtbot.waitUntil(lambda: label.text() == "读卡器：已连接", timeout=5000)

        with pair.open_a() as end, qtbot.waitSignal(sale.cardSwiped, timeout=3000) as swiped:
            end.write(TRACK2.encode() + b"\r")
        assert swiped.args == [CARD_NO]
        assert sale.statusBar().currentMessage() == "已读取会员卡尾号 0202"

        with pair.open_a() as end:
            end.write(b";E?\r")  # a bad read: a warning, nothing attached
            qtbot.waitUntil(lambda: "请重新刷卡" in sale.statusBar().currentMessage(), timeout=3000)

        pair.unplug()
        qtbot.waitUntil(lambda: label.text() == "读卡器：未连接", timeout=5000)
        scan_still_works = plain_products(controller.counter)[0]
        scan(qtbot, sale, scan_still_works.barcodes[0])
        assert sale.model.rowCount() == 1

        pair.start()
        qtbot.waitUntil(lambda: label.text() == "读卡器：已连接", timeout=5000)
        with pair.open_a() as end, qtbot.waitSignal(sale.cardSwiped, timeout=3000) as swiped:
            end.write(MEMBER_TRACK2.encode() + b"\r")
        assert swiped.args == [MEMBER_CARD]
        assert sale.model.rowCount() == 1
        member = sale.session.cart.member  # the next swipe attaches the member
        assert member is not None and member.card_no_masked.endswith("0001")


# -- the printer ---------------------------------------------------------------------------------


def test_paper_out_keeps_the_sale_and_the_job_reprints_after_the_paper_is_refilled(
    start: Start, network_printer: NetworkPrinter, qtbot: Any
) -> None:
    network_printer.paper = PAPER_OUT
    controller = start(network_printer.uri)
    sale = controller.sale_window
    assert child(sale, QLabel, "printerStatus").text() == "打印机：缺纸"
    product = _chinese_products(plain_products(controller.counter), 1)[0]
    scan(qtbot, sale, product.barcodes[0])
    pay_cash(qtbot, sale, 100_00)

    order = controller.counter.service.last_order()
    assert order is not None and order.total_fen == product.price_fen
    assert sale.model.rowCount() == 0
    assert "缺纸" in child(sale, QLabel, "printerStatus").text()
    assert network_printer.jobs() == []

    action(sale, "printJobsAction").trigger()
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "printJobsDialog"
    assert child(dialog, QTableWidget, "printJobsTable").item(0, 2).text() == "失败"
    assert "缺纸" in child(dialog, QTableWidget, "printJobsTable").item(0, 4).text()
    assert child(dialog, QLabel, "printJobsSummary").text() == "未打印的任务：1"

    network_printer.paper = PAPER_OK  # paper refilled
    child(dialog, QTableWidget, "printJobsTable").selectRow(0)
    click(qtbot, child(dialog, QPushButton, "printJobReprint"))
    jobs = network_printer.wait_for_jobs(1)
    assert len(jobs) == 1
    text = decode(jobs[0]).text
    assert product.name in text and order.receipt_no in text
    assert "重印" not in text  # the first print of a failed job is the original
    assert child(dialog, QTableWidget, "printJobsTable").item(0, 2).text() == "已打印"
    assert child(dialog, QLabel, "printJobsSummary").text().endswith("未打印的任务：0")
    assert child(sale, QLabel, "printerStatus").text() == "打印机：正常"


def test_retry_all_prints_every_waiting_job_in_order(
    start: Start, network_printer: NetworkPrinter, qtbot: Any
) -> None:
    network_printer.paper = PAPER_OUT
    controller = start(network_printer.uri)
    sale = controller.sale_window
    products = _chinese_products(plain_products(controller.counter), 2)
    for product in products:
        scan(qtbot, sale, product.barcodes[0])
        pay_cash(qtbot, sale, 100_00)
    assert controller.counter.print_queue.pending_count() == 2
    network_printer.paper = PAPER_OK
    action(sale, "printJobsAction").trigger()
    click(qtbot, child(sale.dialog, QPushButton, "printJobsRetryAll"))
    jobs = network_printer.wait_for_jobs(2)
    assert [products[0].name in decode(jobs[0]).text, products[1].name in decode(jobs[1]).text] == [
        True,
        True,
    ]
    assert controller.counter.print_queue.pending_count() == 0


def test_a_store_without_a_printer_set_up_is_told_its_receipts_do_not_print(
    start: Start, qtbot: Any
) -> None:
    """``dummy:`` is the default until a printer is set up: the window never says 正常 nor
    小票已打印 for receipts that went nowhere."""
    controller = start("dummy:")
    sale = controller.sale_window
    assert child(sale, QLabel, "printerStatus").text() == "打印机：未设置"  # asked at login
    product = _chinese_products(plain_products(controller.counter), 1)[0]
    scan(qtbot, sale, product.barcodes[0])
    pay_cash(qtbot, sale, 100_00)
    qtbot.waitUntil(lambda: "没有设置打印机" in sale.statusBar().currentMessage())
    assert child(sale, QLabel, "printerStatus").text() == "打印机：未设置"


def test_a_printer_that_ignores_the_status_query_prints_and_reads_sent_not_confirmed(
    start: Start, network_printer: NetworkPrinter, qtbot: Any
) -> None:
    network_printer.paper = SILENT
    controller = start(network_printer.uri)
    sale = controller.sale_window
    assert child(sale, QLabel, "printerStatus").text() == "打印机：未知"  # asked at login
    product = _chinese_products(plain_products(controller.counter), 1)[0]
    scan(qtbot, sale, product.barcodes[0])
    pay_cash(qtbot, sale, 100_00)

    jobs = network_printer.wait_for_jobs(1)
    assert len(jobs) == 1
    order = controller.counter.service.last_order()
    assert order is not None and order.receipt_no in decode(jobs[0]).text
    assert controller.counter.print_queue.pending_count() == 0
    # Sent, but whether the paper came out nobody knows: the label says so, and stays.
    assert child(sale, QLabel, "printerStatus").text() == "打印机：已发送，未确认"
    assert "F10" in sale.statusBar().currentMessage()
    assert controller.counter.print_queue.unconfirmed_count() == 1


def test_a_printer_that_stalls_is_sent_not_confirmed_and_the_cashier_reprints_or_confirms(
    start: Start, network_printer: NetworkPrinter, qtbot: Any
) -> None:
    controller = start(network_printer.uri)
    sale = controller.sale_window
    products = _chinese_products(plain_products(controller.counter), 2)
    network_printer.stall = True  # reads the paper query, answers, then takes nothing in
    for product in products:
        scan(qtbot, sale, product.barcodes[0])
        pay_cash(qtbot, sale, 100_00)
    network_printer.stall = False
    queue = controller.counter.print_queue
    assert (queue.pending_count(), queue.unconfirmed_count()) == (0, 2)
    assert child(sale, QLabel, "printerStatus").text() == "打印机：已发送，未确认"

    # The automatic retry never sends them again: they may be on paper.
    controller.counter.print_retry.clock = lambda: 1e12
    assert controller.counter.print_retry.tick() is not None
    assert queue.unconfirmed_count() == 2

    action(sale, "printJobsAction").trigger()
    dialog = sale.dialog
    assert dialog is not None and dialog.objectName() == "printJobsDialog"
    table = child(dialog, QTableWidget, "printJobsTable")
    assert [table.item(row, 2).text() for row in range(2)] == ["已发送，未确认"] * 2
    assert "已发送未确认：2" in child(dialog, QLabel, "printJobsSummary").text()
    assert not child(dialog, QPushButton, "printJobsRetryAll").isEnabled()

    table.selectRow(0)  # the newest: the cashier saw it come out
    assert child(dialog, QPushButton, "printJobConfirm").isEnabled()
    click(qtbot, child(dialog, QPushButton, "printJobConfirm"))
    assert table.item(0, 2).text() == "已打印"
    assert not child(dialog, QPushButton, "printJobConfirm").isEnabled()

    before = len(network_printer.jobs())
    table.selectRow(1)  # the older one never came out: a copy marked 重印
    click(qtbot, child(dialog, QPushButton, "printJobReprint"))
    jobs = network_printer.wait_for_jobs(before + 1)
    assert "重印" in decode(jobs[-1]).text and products[0].name in decode(jobs[-1]).text
    assert queue.unconfirmed_count() == 0
    assert child(dialog, QLabel, "printJobsSummary").text().endswith("未打印的任务：0")
    assert child(sale, QLabel, "printerStatus").text() == "打印机：正常"  # nothing left to check


def test_a_failed_receipt_prints_by_itself_once_the_paper_is_refilled(
    start: Start, network_printer: NetworkPrinter, qtbot: Any
) -> None:
    from app.devices.print_queue import RETRY_FIRST_DELAY_SECONDS, PrintRetry

    network_printer.paper = PAPER_OUT
    controller = start(network_printer.uri)
    clock = ManualClock()
    counter = controller.counter
    counter.print_retry = PrintRetry(counter.print_queue, clock=clock)
    sale = controller.sale_window
    product = _chinese_products(plain_products(counter), 1)[0]
    scan(qtbot, sale, product.barcodes[0])
    pay_cash(qtbot, sale, 100_00)
    assert child(sale, QLabel, "printerStatus").text() == "打印机：缺纸"
    assert counter.print_queue.pending_count() == 1

    network_printer.paper = PAPER_OK  # paper refilled; nobody opens the print jobs
    controller.hardware.retry_failed_prints()  # the timer's tick, before the retry is due
    assert network_printer.jobs() == []
    clock.advance(RETRY_FIRST_DELAY_SECONDS)
    controller.hardware.retry_failed_prints()

    jobs = network_printer.wait_for_jobs(1)
    assert len(jobs) == 1
    order = counter.service.last_order()
    assert order is not None and order.receipt_no in decode(jobs[0]).text
    assert counter.print_queue.pending_count() == 0
    assert child(sale, QLabel, "printerStatus").text() == "打印机：正常"
    assert "已自动补打 1 张小票" in sale.statusBar().currentMessage()


# -- pole display failure, customer screen ---------------------------------------------------------


def test_a_missing_pole_display_is_a_quiet_note_and_the_sale_goes_on(
    start: Start, printer_uri: str, tmp_path: Path, qtbot: Any
) -> None:
    controller = start(printer_uri, pole_display={"port": str(tmp_path / "no-display")})
    sale = controller.sale_window
    product = plain_products(controller.counter)[0]
    scan(qtbot, sale, product.barcodes[0])
    note = child(sale, QLabel, "poleDisplayStatus")
    assert note.isVisible() and note.text() == "顾客显示屏：未连接"
    assert sale.dialog is None and not banner(sale).isVisible()
    pay_cash(qtbot, sale, 100_00)
    assert controller.counter.service.last_order() is not None


def test_the_customer_screen_shows_the_cart_then_the_change_and_thanks(
    start: Start, printer_uri: str, qtbot: Any
) -> None:
    controller = start(printer_uri, customer_screen={"enabled": True, "screen": 1})
    sale = controller.sale_window
    screen = top_level(QWidget, "customerScreen")
    assert screen is not None and screen.isVisible()
    assert screen.objectName() == "customerScreen"
    product = _chinese_products(plain_products(controller.counter), 1)[0]
    scan(qtbot, sale, product.barcodes[0])
    scan(qtbot, sale, product.barcodes[0])
    lines = child(screen, QTableWidget, "customerLines")
    assert lines.rowCount() == 0  # the cashier's cart paints first; the customer's screen next
    qtbot.waitUntil(lambda: lines.rowCount() == 1, timeout=1000)
    assert child(screen, QTableWidget, "customerLines").item(0, 0).text() == product.name
    assert child(screen, QTableWidget, "customerLines").item(0, 1).text() == "2"
    assert format_fen(2 * product.price_fen) in child(screen, QLabel, "customerTotal").text()
    pay_cash(qtbot, sale, 100_00)
    change = 10000 - 2 * product.price_fen
    assert child(screen, QTableWidget, "customerLines").rowCount() == 0
    assert format_fen(change) in child(screen, QLabel, "customerMessage").text()
    assert "谢谢惠顾" in child(screen, QLabel, "customerMessage").text()
    assert QApplication.focusWidget() is not screen


def test_wedge_settings_timing_is_taken_from_the_config(start: Start, printer_uri: str) -> None:
    controller = start(printer_uri, wedge={"max_interval_ms": 80, "min_length": 6})
    wedge = controller.hardware.wedge
    assert wedge.detector.settings.max_interval_ms == 80
    assert wedge.detector.settings.min_length == 6
    type_timed(scan_field(controller.sale_window), "12345", gap_ms=60)
    assert wedge.last_decision is not None and wedge.last_decision.kind is WedgeKind.TYPING


def test_while_the_settings_are_open_a_serial_swipe_goes_to_the_swipe_test(
    start: Start, printer_uri: str, tmp_path: Path, qtbot: Any
) -> None:
    with PtyPair(tmp_path, "reader") as pair:
        controller = start(
            printer_uri, card_reader={"kind": "serial", "port": str(pair.b), "framing": "crlf"}
        )
        sale = controller.sale_window
        label = child(sale, QLabel, "cardReaderStatus")
        qtbot.waitUntil(lambda: label.text() == "读卡器：已连接", timeout=5000)
        action(sale, "deviceSettingsAction").trigger()
        approval = sale.dialog
        approve(qtbot, approval)
        dialog = sale.dialog
        assert dialog.objectName() == "deviceSettingsDialog"
        result = child(dialog, QLabel, "swipeTestResult")
        with pair.open_a() as end, qtbot.assertNotEmitted(sale.cardSwiped, wait=300):
            end.write(TRACK2.encode() + b"\r\n")
            qtbot.waitUntil(lambda: "0202" in result.text(), timeout=3000)
        assert result.text() == "读卡成功：****0202（16 位）"
        with pair.open_a() as end:
            end.write(b"%E?\r\n")
            qtbot.waitUntil(lambda: result.text().startswith("读卡失败"), timeout=3000)
        dialog.reject()
        with pair.open_a() as end, qtbot.waitSignal(sale.cardSwiped, timeout=3000) as swiped:
            end.write(TRACK2.encode() + b"\r\n")
        assert swiped.args == [CARD_NO]
