"""Printer URIs and transports: file, dummy, a real TCP listener and a real serial pty pair."""

from __future__ import annotations

import os
import re
import select
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.devices.printers import (
    CONFIRMED,
    MSG_PAPER_OUT,
    MSG_TIMEOUT,
    MSG_UNCONFIRMED,
    MSG_UNCONFIRMED_CUT,
    MSG_UNCONFIRMED_NO_STATUS,
    MSG_UNREACHABLE,
    PAPER_STATUS_QUERY,
    STATUS_ANSWER_SECONDS,
    Delivery,
    DriverPrinter,
    DummyPrinter,
    FilePrinter,
    PrinterAddress,
    PrinterConfigError,
    PrinterError,
    PrinterScheme,
    PrinterStatus,
    SerialPrinter,
    TcpPrinter,
    open_printer,
    paper_status_from_byte,
    parse_printer_uri,
    send_timeout,
)
from app.errors import KnownError
from tests.devices.network_printer import NetworkPrinter
from tests.devices.pty_pair import PtyEnd, PtyPair, pty_pair

__all__ = ["pty_pair"]  # the fixture, imported so pytest finds it here

TIMEOUT = 0.5  # short, so the failure cases stay quick; the 2 s default is checked separately
MARGIN = 1.5
PAPER_OK, PAPER_NEAR_END, PAPER_OUT = 0x12, 0x1E, 0x72

# -- URIs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("dummy:", PrinterAddress(PrinterScheme.DUMMY)),
        ("DUMMY:", PrinterAddress(PrinterScheme.DUMMY)),
        ("file:///tmp/out.bin", PrinterAddress(PrinterScheme.FILE, path="/tmp/out.bin")),
        ("file://localhost/tmp/a%20b.bin", PrinterAddress(PrinterScheme.FILE, path="/tmp/a b.bin")),
        ("file:///C:/pos/out.bin", PrinterAddress(PrinterScheme.FILE, path="C:/pos/out.bin")),
        ("file:///dev/usb/lp0", PrinterAddress(PrinterScheme.FILE, path="/dev/usb/lp0")),
        (
            "tcp://192.168.1.87:9100",
            PrinterAddress(PrinterScheme.TCP, host="192.168.1.87", port=9100),
        ),
        ("tcp://printer.local", PrinterAddress(PrinterScheme.TCP, host="printer.local", port=9100)),
        ("tcp://[::1]:9101/", PrinterAddress(PrinterScheme.TCP, host="::1", port=9101)),
        (
            "tcp://10.0.0.5:9100?status=off",
            PrinterAddress(PrinterScheme.TCP, host="10.0.0.5", port=9100, check_status=False),
        ),
        ("serial:///dev/ttyUSB0", PrinterAddress(PrinterScheme.SERIAL, path="/dev/ttyUSB0")),
        (
            "serial:///dev/ttyS1?baudrate=19200&flow=rtscts",
            PrinterAddress(PrinterScheme.SERIAL, path="/dev/ttyS1", baudrate=19200, flow="rtscts"),
        ),
        (
            "serial://COM3?baudrate=115200&flow=xonxoff&status=0",
            PrinterAddress(
                PrinterScheme.SERIAL,
                path="COM3",
                baudrate=115200,
                flow="xonxoff",
                check_status=False,
            ),
        ),
        ("serial:COM4", PrinterAddress(PrinterScheme.SERIAL, path="COM4")),
        ("usb://0416:5011", PrinterAddress(PrinterScheme.USB, vendor_id=0x0416, product_id=0x5011)),
        (
            "usb://0x04b8:0x0e15",
            PrinterAddress(PrinterScheme.USB, vendor_id=0x04B8, product_id=0x0E15),
        ),
        ("win32:XP-58 Receipt", PrinterAddress(PrinterScheme.WIN32, path="XP-58 Receipt")),
        ("win32:", PrinterAddress(PrinterScheme.WIN32, path="")),
        ("cups:Receipt_Printer", PrinterAddress(PrinterScheme.CUPS, path="Receipt_Printer")),
        ("  tcp://h:9100  ", PrinterAddress(PrinterScheme.TCP, host="h", port=9100)),
    ],
)
def test_good_printer_uris_are_taken_apart(uri: str, expected: PrinterAddress) -> None:
    assert parse_printer_uri(uri) == expected


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "printer",
        ":9100",
        "lpt://1",
        "http://printer/",
        "dummy:extra",
        "file:out.bin",
        "file:///",
        "file:///tmp/",
        "file://otherhost/tmp/out.bin",
        "file:///tmp/out.bin?x=1",
        "tcp://",
        "tcp:host:9100",
        "tcp://host:99999",
        "tcp://host:port",
        "tcp://host:9100/path",
        "tcp://user@host:9100",
        "tcp://host:9100?status=maybe",
        "tcp://host:9100?timeout=5",
        "serial://",
        "serial:///dev/ttyUSB0?baudrate=1234",
        "serial:///dev/ttyUSB0?baudrate=fast",
        "serial:///dev/ttyUSB0?flow=magic",
        "serial:///dev/ttyUSB0?parity=E",
        "serial:///dev/ttyUSB0?baudrate=9600&baudrate=19200",
        "serial:///dev/ttyUSB0?baudrate",
        "usb://0416",
        "usb://0416:xyz",
        "usb://12345:1",
        "usb://0000:5011",
    ],
)
def test_bad_printer_uris_are_refused_with_a_plain_message(uri: str) -> None:
    with pytest.raises(PrinterConfigError) as info:
        parse_printer_uri(uri)
    assert re.search(
        r"[\u4e00-\u9fff]", str(info.value)
    )  # said in Chinese, for the settings screen


@given(st.text(max_size=40))
def test_any_text_either_parses_or_raises_the_config_error(uri: str) -> None:
    try:
        address = parse_printer_uri(uri)
    except PrinterConfigError:
        return
    assert isinstance(address.scheme, PrinterScheme)


def test_open_printer_builds_the_transport_the_uri_names(tmp_path: Path) -> None:
    assert isinstance(open_printer("dummy:", 2.0), DummyPrinter)
    assert isinstance(open_printer(f"file://{tmp_path}/p.bin", 2.0), FilePrinter)
    tcp = open_printer("tcp://127.0.0.1:9100", 2.0)
    assert isinstance(tcp, TcpPrinter)
    assert tcp.timeout == 2.0
    assert isinstance(open_printer("serial:///dev/ttyUSB0", 2.0), SerialPrinter)
    assert isinstance(open_printer("usb://0416:5011", 2.0), DriverPrinter)


def test_a_big_job_gets_time_for_the_printer_to_take_it_in() -> None:
    assert send_timeout(2.0, 0) == 2.0
    assert send_timeout(2.0, 4_000) == pytest.approx(2.25)  # a text receipt: hardly more
    assert send_timeout(2.0, 160_000) == pytest.approx(12.0)  # a raster receipt
    assert send_timeout(2.0, 9_600, 960) == pytest.approx(12.0)  # 9600 baud is slower still


def test_open_printer_refuses_a_zero_timeout() -> None:
    with pytest.raises(PrinterConfigError):
        open_printer("dummy:", 0)


def test_paper_status_bytes_are_read_like_the_manual_says() -> None:
    assert paper_status_from_byte(PAPER_OK) is PrinterStatus.ONLINE
    assert paper_status_from_byte(PAPER_NEAR_END) is PrinterStatus.PAPER_NEAR_END
    assert paper_status_from_byte(PAPER_OUT) is PrinterStatus.PAPER_OUT
    assert paper_status_from_byte(0x7E) is PrinterStatus.PAPER_OUT
    assert paper_status_from_byte(0x11) is None  # XON, not a status
    assert paper_status_from_byte(0xFF) is None


# -- dummy and file -----------------------------------------------------------------------------


def test_dummy_printer_collects_every_job() -> None:
    printer = DummyPrinter()
    printer.send(b"one")
    printer.send(b"two")
    assert printer.jobs == [b"one", b"two"]
    assert printer.output == b"onetwo"
    assert printer.status() is PrinterStatus.ONLINE
    printer.clear()
    assert printer.output == b""


def test_dummy_printer_can_pretend_to_be_out_of_paper() -> None:
    printer = DummyPrinter(status=PrinterStatus.PAPER_OUT)
    with pytest.raises(PrinterError, match="缺纸"):
        printer.send(b"x")
    assert printer.jobs == []


def test_file_printer_appends_raw_bytes(tmp_path: Path) -> None:
    target = tmp_path / "printer.bin"
    printer = open_printer(f"file://{target}", 2.0)
    printer.send(b"\x1b@first\n")
    printer.send(b"second\n")
    assert target.read_bytes() == b"\x1b@first\nsecond\n"
    assert printer.status() is PrinterStatus.UNKNOWN


def test_file_printer_that_cannot_write_raises_printer_error(tmp_path: Path) -> None:
    printer = open_printer(f"file://{tmp_path}/missing/dir/p.bin", 2.0)
    with pytest.raises(PrinterError, match="无法写入打印文件"):
        printer.send(b"x")


def test_usb_printer_without_its_driver_library_says_so() -> None:
    printer = open_printer("usb://0416:5011", 2.0)
    with pytest.raises(PrinterError, match="pyusb"):
        printer.send(b"x")
    assert printer.status() is PrinterStatus.UNKNOWN


# -- a network printer on 127.0.0.1 --------------------------------------------------------------


class FakeNetworkPrinter:
    """A raw-port printer in a thread: stores the bytes, answers DLE EOT 4 (or stays silent)."""

    def __init__(self, paper: int | None) -> None:
        self.paper = paper  # the status byte to answer with; None: never answer
        self.received = bytearray()
        self.connections = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.server.settimeout(0.1)
        while not self.stopping.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(0.1)
                while not self.stopping.is_set():
                    try:
                        chunk = conn.recv(4096)
                    except TimeoutError:
                        continue
                    if not chunk:
                        break
                    self.received += chunk
                    if PAPER_STATUS_QUERY in chunk and self.paper is not None:
                        conn.sendall(bytes([self.paper]))

    def wait_for(self, data: bytes, seconds: float = 3.0) -> bytes:
        deadline = time.monotonic() + seconds
        while data not in self.received and time.monotonic() < deadline:
            time.sleep(0.01)
        return bytes(self.received)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=2)
        self.server.close()


@pytest.fixture
def network_printer(request: pytest.FixtureRequest) -> Iterator[FakeNetworkPrinter]:
    fake = FakeNetworkPrinter(request.param)
    yield fake
    fake.close()


@pytest.mark.parametrize("network_printer", [PAPER_OK], indirect=True)
def test_tcp_printer_asks_for_paper_then_sends(network_printer: FakeNetworkPrinter) -> None:
    printer = open_printer(f"tcp://127.0.0.1:{network_printer.port}", TIMEOUT)
    assert printer.send(b"\x1b@hello\n") == CONFIRMED  # it answered again after the job
    expected = PAPER_STATUS_QUERY + b"\x1b@hello\n" + PAPER_STATUS_QUERY
    assert network_printer.wait_for(expected) == expected
    assert printer.status() is PrinterStatus.ONLINE


@pytest.mark.parametrize("network_printer", [PAPER_NEAR_END], indirect=True)
def test_tcp_printer_near_paper_end_still_prints(network_printer: FakeNetworkPrinter) -> None:
    printer = open_printer(f"tcp://127.0.0.1:{network_printer.port}", TIMEOUT)
    assert printer.send(b"receipt\n") == CONFIRMED
    done = b"receipt\n" + PAPER_STATUS_QUERY
    assert network_printer.wait_for(done).endswith(done)
    assert printer.status() is PrinterStatus.PAPER_NEAR_END


@pytest.mark.parametrize("network_printer", [PAPER_OUT], indirect=True)
def test_tcp_printer_out_of_paper_refuses_the_job(network_printer: FakeNetworkPrinter) -> None:
    printer = open_printer(f"tcp://127.0.0.1:{network_printer.port}", TIMEOUT)
    with pytest.raises(PrinterError) as info:
        printer.send(b"receipt\n")
    assert str(info.value) == MSG_PAPER_OUT
    assert b"receipt" not in network_printer.wait_for(b"receipt", seconds=0.3)
    assert printer.status() is PrinterStatus.PAPER_OUT


@pytest.mark.parametrize("network_printer", [None], indirect=True)
def test_a_tcp_printer_that_ignores_the_paper_query_prints_after_a_short_wait(
    network_printer: FakeNetworkPrinter,
) -> None:
    printer = open_printer(f"tcp://127.0.0.1:{network_printer.port}", 2.0)
    start = time.monotonic()
    assert printer.send(b"receipt\n") == Delivery(False, MSG_UNCONFIRMED_NO_STATUS)
    assert time.monotonic() - start < STATUS_ANSWER_SECONDS + 0.5  # not the 2 s timeout
    assert network_printer.wait_for(b"receipt\n") == PAPER_STATUS_QUERY + b"receipt\n"
    start = time.monotonic()
    assert printer.status() is PrinterStatus.NO_ANSWER
    assert time.monotonic() - start < STATUS_ANSWER_SECONDS + 0.5


@pytest.mark.parametrize("network_printer", [PAPER_OK], indirect=True)
def test_a_tcp_printer_that_answers_adds_no_wait_to_a_receipt(
    network_printer: FakeNetworkPrinter,
) -> None:
    printer = open_printer(f"tcp://127.0.0.1:{network_printer.port}", 2.0)
    start = time.monotonic()
    for _ in range(5):
        printer.send(b"receipt\n")
    # Five receipts in less time than five short waits: a printer that answers is not waited on.
    assert time.monotonic() - start < 5 * STATUS_ANSWER_SECONDS * 0.7
    assert network_printer.wait_for(b"receipt\n" * 5).count(b"receipt\n") == 5


@pytest.mark.parametrize("network_printer", [None], indirect=True)
def test_tcp_printer_without_status_check_just_sends(network_printer: FakeNetworkPrinter) -> None:
    printer = open_printer(f"tcp://127.0.0.1:{network_printer.port}?status=off", TIMEOUT)
    start = time.monotonic()
    assert not printer.send(b"plain\n").confirmed  # nothing asked, nothing confirmed
    assert time.monotonic() - start < TIMEOUT
    assert network_printer.wait_for(b"plain\n") == b"plain\n"


def test_a_tcp_printer_that_stops_reading_after_the_query_leaves_the_job_unconfirmed() -> None:
    """The kernel takes the bytes; the printer never reads them: not printed, not failed."""
    with NetworkPrinter(PAPER_OK) as fake:
        fake.stall = True
        printer = open_printer(fake.uri, 0.5)
        start = time.monotonic()
        delivery = printer.send(b"receipt\n" * 100)
        assert time.monotonic() - start < 0.5 + 1.0
    assert delivery == Delivery(False, MSG_UNCONFIRMED)


def test_a_tcp_printer_that_hangs_up_mid_job_leaves_the_job_unconfirmed() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer_then_hang_up() -> None:
        conn, _ = server.accept()
        conn.recv(len(PAPER_STATUS_QUERY))
        conn.sendall(bytes([PAPER_OK]))
        conn.recv(1000)  # a little of the job, then the power goes
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    thread = threading.Thread(target=answer_then_hang_up, daemon=True)
    thread.start()
    try:
        delivery = open_printer(f"tcp://127.0.0.1:{port}", 1.0).send(b"x" * 2_000_000)
    finally:
        thread.join(timeout=2)
        server.close()
    assert not delivery.confirmed and delivery.note in (MSG_UNCONFIRMED_CUT, MSG_UNCONFIRMED)


def test_tcp_printer_nobody_listening_is_unreachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # free once closed: nobody listens there
    printer = open_printer(f"tcp://127.0.0.1:{port}", TIMEOUT)
    start = time.monotonic()
    with pytest.raises(PrinterError) as info:
        printer.send(b"x")
    assert str(info.value) == MSG_UNREACHABLE
    assert isinstance(info.value, KnownError)
    assert time.monotonic() - start < TIMEOUT + MARGIN
    assert printer.status() is PrinterStatus.OFFLINE


# -- a serial printer on a real pseudo-terminal pair ---------------------------------------------


class FakeSerialPrinter:
    """The printer's end of the pty: stores what arrives, answers the paper query if told to."""

    def __init__(self, end: PtyEnd, paper: int | None) -> None:
        self.fd = end.fd
        self.paper = paper
        self.received = bytearray()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            chunk = os.read(self.fd, 4096)
            self.received += chunk
            if PAPER_STATUS_QUERY in chunk and self.paper is not None:
                os.write(self.fd, bytes([self.paper]))

    def wait_for(self, data: bytes, seconds: float = 3.0) -> bytes:
        deadline = time.monotonic() + seconds
        while data not in self.received and time.monotonic() < deadline:
            time.sleep(0.01)
        return bytes(self.received)

    def close(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=2)


@pytest.fixture
def serial_printer(
    pty_pair: PtyPair, request: pytest.FixtureRequest
) -> Iterator[tuple[str, FakeSerialPrinter]]:
    fake = FakeSerialPrinter(pty_pair.open_a(), request.param)
    yield str(pty_pair.b), fake
    fake.close()


@pytest.mark.parametrize("serial_printer", [PAPER_OK], indirect=True)
def test_serial_printer_sends_bytes_to_the_other_end(
    serial_printer: tuple[str, FakeSerialPrinter],
) -> None:
    device, fake = serial_printer
    printer = open_printer(f"serial://{device}?baudrate=19200", TIMEOUT)
    payload = b"\x1b@" + "可口可乐".encode("gb18030") + b"\n" * 3
    printer.send(payload)
    assert fake.wait_for(payload) == PAPER_STATUS_QUERY + payload
    assert printer.status() is PrinterStatus.ONLINE


@pytest.mark.parametrize("serial_printer", [PAPER_OUT], indirect=True)
def test_serial_printer_out_of_paper_refuses_the_job(
    serial_printer: tuple[str, FakeSerialPrinter],
) -> None:
    device, fake = serial_printer
    printer = open_printer(f"serial://{device}", TIMEOUT)
    with pytest.raises(PrinterError, match="缺纸"):
        printer.send(b"receipt\n")
    assert printer.status() is PrinterStatus.PAPER_OUT
    assert b"receipt" not in fake.received


@pytest.mark.parametrize("serial_printer", [None], indirect=True)
def test_silent_serial_printer_times_out(serial_printer: tuple[str, FakeSerialPrinter]) -> None:
    device, _ = serial_printer
    printer = open_printer(f"serial://{device}", TIMEOUT)
    start = time.monotonic()
    with pytest.raises(PrinterError) as info:
        printer.send(b"receipt\n")
    assert str(info.value) == MSG_TIMEOUT
    assert time.monotonic() - start < TIMEOUT + MARGIN
    assert printer.status() is PrinterStatus.OFFLINE


@pytest.mark.parametrize("serial_printer", [None], indirect=True)
def test_serial_printer_without_status_check_just_sends(
    serial_printer: tuple[str, FakeSerialPrinter],
) -> None:
    device, fake = serial_printer
    printer = open_printer(f"serial://{device}?status=off", TIMEOUT)
    printer.send(b"plain\n")
    assert fake.wait_for(b"plain\n") == b"plain\n"


def test_serial_printer_on_a_missing_port_is_unreachable(tmp_path: Path) -> None:
    printer = open_printer(f"serial://{tmp_path}/ttyUSB9", TIMEOUT)
    with pytest.raises(PrinterError) as info:
        printer.send(b"x")
    assert str(info.value) == MSG_UNREACHABLE
    assert printer.status() is PrinterStatus.OFFLINE
