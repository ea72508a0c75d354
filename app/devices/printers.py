"""Receipt printers chosen by one URI, each failing fast with a sentence the cashier can act on.

Schemes: ``file:///path`` (raw bytes appended), ``tcp://host:9100``,
``serial:///dev/ttyUSB0?baudrate=9600&flow=none``, ``usb://VID:PID``, ``win32:Printer Name``,
``cups:Queue``, ``dummy:``. ``tcp`` and ``serial`` take ``status=off`` for printers that never
answer the paper-status query; a network printer that does not answer it within
:data:`STATUS_ANSWER_SECONDS` prints anyway, its status :attr:`PrinterStatus.NO_ANSWER`.
Only the composition root calls :func:`open_printer`.

A network printer's job counts as printed only when the printer answers a status query sent
after the job (it has read the whole job by then): the kernel taking the bytes proves nothing, a
printer may never read them or stall half way. Otherwise :meth:`Printer.send` returns an
unconfirmed :class:`Delivery`: the receipt may have printed, so it must not be sent again by
itself.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, Literal, Protocol
from urllib.parse import parse_qsl, unquote, urlsplit

from app.devices.errors import DeviceSettingsError
from app.errors import KnownError

log = logging.getLogger(__name__)

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUDRATE = 9600
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
SerialFlow = Literal["none", "xonxoff", "dsrdtr", "rtscts"]
SERIAL_FLOWS: tuple[SerialFlow, ...] = ("none", "xonxoff", "dsrdtr", "rtscts")
#: DLE EOT 4: the real-time paper sensor query; printers answer it even when busy.
PAPER_STATUS_QUERY = b"\x10\x04\x04"
#: How long a network printer gets to answer the paper query. One that answers does so within
#: milliseconds (the query is real-time), so this costs nothing on a printer that answers; many
#: cheap printers and print servers ignore the query, and they print after this short wait.
STATUS_ANSWER_SECONDS = 0.3

#: The slowest a printer takes in its data while printing: a 58 mm printer at 50 mm/s burns 400
#: rows of 48 bytes a second. A big job (a raster receipt is ~170 KB, text ~4 KB) gets its size
#: divided by this on top of the timeout, so a printer busy printing it is not taken for dead.
MIN_PRINT_BYTES_PER_SECOND = 16_000

MSG_UNREACHABLE = "打印机无法连接，请检查电源和连线"
MSG_TIMEOUT = "打印机超时，没有响应，请检查打印机"
MSG_PAPER_OUT = "打印机缺纸，请装纸后重新打印"
MSG_UNCONFIRMED = "已发送，打印机未确认收到：请看是否出纸，没有出纸再重印"
MSG_UNCONFIRMED_CUT = "发送中断，小票可能只打印了一部分：请看是否出纸，不完整再重印"
MSG_UNCONFIRMED_PAPER = "打印中缺纸，小票可能不完整：装纸后请看是否需要重印"
MSG_UNCONFIRMED_NO_STATUS = "已发送；该打印机不回答状态查询，无法确认是否打印"


@dataclasses.dataclass(frozen=True)
class Delivery:
    """What became of a job the printer was sent: ``confirmed`` when it showed it took it (or
    its driver or spooler did), else the bytes went out and the receipt may or may not be on
    paper; ``note`` says which case, for the cashier."""

    confirmed: bool
    note: str = ""


CONFIRMED = Delivery(True)


class PrinterError(KnownError):
    """The printer cannot print now (off, unplugged, out of paper); the message says what to do."""


class PrinterConfigError(DeviceSettingsError):
    """The printer address in the settings cannot be used; the message says why."""


class PrinterStatus(enum.StrEnum):
    ONLINE = "online"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"
    UNKNOWN = "unknown"  # the transport cannot ask (file, usb, win32, cups)
    NO_ANSWER = "no_answer"  # asked, and the printer did not say: it prints, paper unknown
    NOT_SET = "not_set"  # no printer set up (``dummy:``, the default): receipts go nowhere

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    PrinterStatus.ONLINE: "打印机正常",
    PrinterStatus.PAPER_NEAR_END: "打印纸快用完",
    PrinterStatus.PAPER_OUT: "打印机缺纸",
    PrinterStatus.OFFLINE: "打印机未连接",
    PrinterStatus.UNKNOWN: "打印机状态未知",
    PrinterStatus.NO_ANSWER: "打印机不回答状态查询，状态未知",
    PrinterStatus.NOT_SET: "没有设置打印机，小票不会打印出来",
}


class Printer(Protocol):
    """Where rendered receipt bytes go."""

    def send(self, data: bytes) -> Delivery:
        """Deliver the bytes and say whether the printer confirmed them, or raise PrinterError
        (nothing of the job went out) within the printer's timeout."""

    def status(self) -> PrinterStatus:
        """The paper sensor where the transport can ask; never raises."""


def send_timeout(timeout_seconds: float, size: int, bytes_per_second: float = 0) -> float:
    """Seconds to allow for sending ``size`` bytes: the timeout, plus the time the printer (or the
    line, ``bytes_per_second`` if slower) needs to take them in."""
    rate: float = MIN_PRINT_BYTES_PER_SECOND
    if bytes_per_second > 0:
        rate = min(rate, bytes_per_second)
    return timeout_seconds + size / rate


def paper_status_from_byte(value: int) -> PrinterStatus | None:
    """The answer to DLE EOT 4, or None for a byte that is not one (fixed bits 1 and 4 set)."""
    if value & 0x93 != 0x12:
        return None
    if value & 0x60:
        return PrinterStatus.PAPER_OUT
    if value & 0x0C:
        return PrinterStatus.PAPER_NEAR_END
    return PrinterStatus.ONLINE


# -- addresses ----------------------------------------------------------------------------------


class PrinterScheme(enum.StrEnum):
    FILE = "file"
    TCP = "tcp"
    SERIAL = "serial"
    USB = "usb"
    WIN32 = "win32"
    CUPS = "cups"
    DUMMY = "dummy"


@dataclasses.dataclass(frozen=True)
class PrinterAddress:
    """A printer URI taken apart; only the fields of its scheme are set."""

    scheme: PrinterScheme
    path: str = ""  # file path, serial device, or win32/cups printer name ("" = default printer)
    host: str = ""
    port: int = 0
    baudrate: int = DEFAULT_BAUDRATE
    flow: SerialFlow = "none"
    vendor_id: int = 0
    product_id: int = 0
    check_status: bool = True


_HEX_ID = re.compile(r"^(?:0x)?([0-9a-fA-F]{1,4})$")
_DRIVE_PATH = re.compile(r"^/[A-Za-z]:[/\\]")
_ON = {"1", "on", "true", "yes"}
_OFF = {"0", "off", "false", "no"}


def parse_printer_uri(uri: str) -> PrinterAddress:
    """Take a printer URI apart; anything unclear raises PrinterConfigError naming the problem."""
    text = uri.strip()
    raw_scheme, colon, rest = text.partition(":")
    if not colon or not raw_scheme:
        raise PrinterConfigError("打印机地址缺少类型（例如 tcp://、file://）：%1", uri)
    try:
        scheme = PrinterScheme(raw_scheme.lower())
    except ValueError:
        choices = "、".join(s.value for s in PrinterScheme)
        raise PrinterConfigError("不支持的打印机类型“%1”，可用：%2", raw_scheme, choices) from None
    if scheme is PrinterScheme.DUMMY:
        if rest not in ("", "//"):
            raise PrinterConfigError("dummy: 打印机不带参数：%1", uri)
        return PrinterAddress(scheme)
    if scheme is PrinterScheme.FILE:
        return _parse_file(text, uri)
    if scheme is PrinterScheme.TCP:
        return _parse_tcp(text, uri)
    if scheme is PrinterScheme.SERIAL:
        return _parse_serial(rest, uri)
    if scheme is PrinterScheme.USB:
        return _parse_usb(rest, uri)
    name = unquote(rest[2:] if rest.startswith("//") else rest).strip()
    if "\x00" in name or "\n" in name:
        raise PrinterConfigError("打印机名称无效：%1", uri)
    return PrinterAddress(scheme, path=name)


def _parse_file(text: str, uri: str) -> PrinterAddress:
    if not text[5:].startswith("//"):
        raise PrinterConfigError("文件打印机地址应为 file:///路径：%1", uri)
    parts = urlsplit(text)
    if parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
        raise PrinterConfigError("文件打印机地址应为 file:///路径：%1", uri)
    path = unquote(parts.path)
    if _DRIVE_PATH.match(path):  # file:///C:/pos/out.bin on Windows
        path = path[1:]
    if not path or path.endswith(("/", "\\")) or "\x00" in path:
        raise PrinterConfigError("文件打印机地址缺少文件名：%1", uri)
    return PrinterAddress(PrinterScheme.FILE, path=path)


def _parse_tcp(text: str, uri: str) -> PrinterAddress:
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        raise PrinterConfigError("网络打印机端口无效（应为 1 到 65535）：%1", uri) from None
    host = parts.hostname
    if not text[4:].startswith("//") or not host or parts.username or parts.fragment:
        raise PrinterConfigError("网络打印机地址应为 tcp://主机:端口：%1", uri)
    if parts.path not in ("", "/"):
        raise PrinterConfigError("网络打印机地址不应带路径：%1", uri)
    options = _options(parts.query, {"status"}, uri)
    return PrinterAddress(
        PrinterScheme.TCP,
        host=host,
        port=port if port else DEFAULT_TCP_PORT,
        check_status=_flag(options.get("status", "on"), "status", uri),
    )


def _parse_serial(rest: str, uri: str) -> PrinterAddress:
    body, _, query = rest.partition("?")
    device = unquote(body[2:] if body.startswith("//") else body)
    if not device or "\x00" in device or device.endswith("/"):
        raise PrinterConfigError("串口打印机地址缺少串口设备（如 serial:///dev/ttyUSB0）：%1", uri)
    options = _options(query, {"baudrate", "flow", "status"}, uri)
    baud_text = options.get("baudrate", str(DEFAULT_BAUDRATE))
    if not baud_text.isdigit() or int(baud_text) not in BAUDRATES:
        allowed = "、".join(str(b) for b in BAUDRATES)
        raise PrinterConfigError("串口波特率无效“%1”，可用：%2", baud_text, allowed)
    flow = options.get("flow", "none").lower()
    if flow not in SERIAL_FLOWS:
        raise PrinterConfigError("串口流控无效“%1”，可用：%2", flow, "、".join(SERIAL_FLOWS))
    return PrinterAddress(
        PrinterScheme.SERIAL,
        path=device,
        baudrate=int(baud_text),
        flow=flow,
        check_status=_flag(options.get("status", "on"), "status", uri),
    )


def _parse_usb(rest: str, uri: str) -> PrinterAddress:
    body = rest[2:] if rest.startswith("//") else rest
    vid_text, colon, pid_text = body.rstrip("/").partition(":")
    vid, pid = _HEX_ID.match(vid_text), _HEX_ID.match(pid_text)
    if not colon or vid is None or pid is None:
        raise PrinterConfigError(
            "USB 打印机地址应为 usb://厂商号:产品号（十六进制，如 0416:5011）：%1", uri
        )
    vendor_id, product_id = int(vid.group(1), 16), int(pid.group(1), 16)
    if vendor_id == 0 or product_id == 0:
        raise PrinterConfigError("USB 厂商号和产品号不能为 0：%1", uri)
    return PrinterAddress(PrinterScheme.USB, vendor_id=vendor_id, product_id=product_id)


def _options(query: str, allowed: set[str], uri: str) -> dict[str, str]:
    if not query:
        return {}
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise PrinterConfigError("打印机地址参数格式不对：%1", uri) from None
    options: dict[str, str] = {}
    for key, value in pairs:
        if key not in allowed:
            raise PrinterConfigError("打印机地址含未知参数“%1”：%2", key, uri)
        if key in options:
            raise PrinterConfigError("打印机地址参数“%1”重复：%2", key, uri)
        options[key] = value.strip()
    return options


def _flag(value: str, name: str, uri: str) -> bool:
    if value.lower() in _ON:
        return True
    if value.lower() in _OFF:
        return False
    raise PrinterConfigError("打印机地址参数 %1 应为 on 或 off：%2", name, uri)


# -- printers -----------------------------------------------------------------------------------


def open_printer(uri: str, timeout_seconds: float) -> Printer:
    """The printer the URI names; nothing is connected until the first send or status."""
    if not timeout_seconds > 0:
        raise PrinterConfigError("打印机超时时间必须大于 0 秒")
    return printer_for(parse_printer_uri(uri), timeout_seconds)


def printer_for(address: PrinterAddress, timeout_seconds: float) -> Printer:
    scheme = address.scheme
    if scheme is PrinterScheme.DUMMY:
        # What a store gets before it sets a printer up: it must see that nothing prints.
        return DummyPrinter(status=PrinterStatus.NOT_SET)
    if scheme is PrinterScheme.FILE:
        return FilePrinter(address.path)
    if scheme is PrinterScheme.TCP:
        return TcpPrinter(
            address.host, address.port, timeout_seconds, check_status=address.check_status
        )
    if scheme is PrinterScheme.SERIAL:
        return SerialPrinter(
            address.path,
            timeout_seconds,
            baudrate=address.baudrate,
            flow=address.flow,
            check_status=address.check_status,
        )
    return DriverPrinter(address, timeout_seconds)


class DummyPrinter:
    """Keeps what it is sent, for tests and the print preview; can pretend to fail."""

    def __init__(
        self,
        *,
        status: PrinterStatus = PrinterStatus.ONLINE,
        error: PrinterError | None = None,
        confirms: bool = True,
    ) -> None:
        self.jobs: list[bytes] = []
        self.paper = status
        self.error = error
        self.confirms = confirms  # False: like a network printer that says nothing after a job
        self._lock = threading.Lock()

    @property
    def output(self) -> bytes:
        """Every job sent so far, in order."""
        with self._lock:
            return b"".join(self.jobs)

    def send(self, data: bytes) -> Delivery:
        if self.error is not None:
            raise self.error
        if self.paper is PrinterStatus.PAPER_OUT:
            raise PrinterError(MSG_PAPER_OUT)
        with self._lock:
            self.jobs.append(bytes(data))
        return CONFIRMED if self.confirms else Delivery(False, MSG_UNCONFIRMED)

    def status(self) -> PrinterStatus:
        return PrinterStatus.OFFLINE if self.error is not None else self.paper

    def clear(self) -> None:
        with self._lock:
            self.jobs.clear()


class FilePrinter:
    """Appends raw bytes to a file: a printer device node, a shared spool, or a test capture."""

    def __init__(self, path: str) -> None:
        self.path = path

    def send(self, data: bytes) -> Delivery:
        try:
            with open(self.path, "ab") as out:
                out.write(data)
        except OSError as exc:
            raise PrinterError("无法写入打印文件 %1：%2", self.path, exc.strerror or exc) from exc
        return CONFIRMED

    def status(self) -> PrinterStatus:
        return PrinterStatus.UNKNOWN


class TcpPrinter:
    """A network printer on its raw port (9100): asks for paper before each receipt, briefly,
    and again after it, to learn that the printer read the whole job.

    Only a printer that says it has no paper is refused; one that does not answer the query
    (many cheap printers and print servers ignore it) gets the receipt anyway, unconfirmed.
    """

    def __init__(
        self, host: str, port: int, timeout_seconds: float, *, check_status: bool = True
    ) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout_seconds
        self.check_status = check_status

    def send(self, data: bytes) -> Delivery:
        with self._connect() as sock:
            answers = False
            if self.check_status:
                status = self._query(sock, min(self.timeout, STATUS_ANSWER_SECONDS))
                answers = status is not PrinterStatus.NO_ANSWER
                if not answers:
                    log.info("%r does not answer the paper query: printing anyway", self)
                _refuse_without_paper(status, self)
            allowed = send_timeout(self.timeout, len(data))
            sent = 0
            try:
                sock.settimeout(allowed)
                view = memoryview(data)
                while sent < len(data):
                    sent += sock.send(view[sent:])
            except OSError as exc:  # TimeoutError included
                if sent == 0:
                    raise PrinterError(
                        MSG_TIMEOUT if isinstance(exc, TimeoutError) else MSG_UNREACHABLE
                    ) from exc
                log.warning("%r: the job broke off after %d of %d bytes", self, sent, len(data))
                return Delivery(False, MSG_UNCONFIRMED_CUT)
            if not answers:
                _shut_quietly(sock)
                return Delivery(False, MSG_UNCONFIRMED_NO_STATUS)
            try:
                after = self._query(sock, allowed)  # answered once the printer read the job
            except PrinterError:
                after = PrinterStatus.NO_ANSWER
            _shut_quietly(sock)
            if after in (PrinterStatus.ONLINE, PrinterStatus.PAPER_NEAR_END):
                return CONFIRMED
            if after is PrinterStatus.PAPER_OUT:
                return Delivery(False, MSG_UNCONFIRMED_PAPER)
            log.warning("%r took a job and said nothing after it", self)
            return Delivery(False, MSG_UNCONFIRMED)

    def status(self) -> PrinterStatus:
        """OFFLINE when nothing takes the connection; NO_ANSWER when it is taken but unanswered."""
        try:
            with self._connect() as sock:
                return self._query(sock, min(self.timeout, STATUS_ANSWER_SECONDS))
        except PrinterError as exc:
            log.info("printer %s:%s status: %s", self.host, self.port, exc)
            return PrinterStatus.OFFLINE

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except TimeoutError as exc:
            raise PrinterError(MSG_UNREACHABLE) from exc
        except OSError as exc:
            log.info("printer %s:%s unreachable: %s", self.host, self.port, exc)
            raise PrinterError(MSG_UNREACHABLE) from exc

    def _query(self, sock: socket.socket, wait_seconds: float) -> PrinterStatus:
        """The paper sensor's answer, or NO_ANSWER after ``wait_seconds``."""
        deadline = time.monotonic() + wait_seconds
        try:
            sock.settimeout(wait_seconds)
            sock.sendall(PAPER_STATUS_QUERY)
            while (remaining := deadline - time.monotonic()) > 0:
                sock.settimeout(remaining)
                reply = sock.recv(16)
                if not reply:
                    raise PrinterError(MSG_UNREACHABLE)  # the printer hung up
                for value in reply:
                    status = paper_status_from_byte(value)
                    if status is not None:
                        return status
        except TimeoutError:
            pass
        except PrinterError:
            raise
        except OSError as exc:
            raise PrinterError(MSG_UNREACHABLE) from exc
        finally:
            sock.settimeout(self.timeout)
        return PrinterStatus.NO_ANSWER

    def __repr__(self) -> str:
        return f"TcpPrinter({self.host}:{self.port})"


class SerialPrinter:
    """A printer on a serial port (or a USB-serial adapter), every read and write time-limited."""

    def __init__(
        self,
        device: str,
        timeout_seconds: float,
        *,
        baudrate: int = DEFAULT_BAUDRATE,
        flow: SerialFlow = "none",
        check_status: bool = True,
    ) -> None:
        self.device = device
        self.timeout = timeout_seconds
        self.baudrate = baudrate
        self.flow = flow
        self.check_status = check_status

    def send(self, data: bytes) -> Delivery:
        import serial

        port = self._open()
        try:
            if self.check_status:
                _refuse_without_paper(self._query(port), self)
            # About 10 bits a byte on the line: a raster receipt takes long at 9600 baud.
            port.write_timeout = send_timeout(self.timeout, len(data), self.baudrate / 10)
            written = port.write(data)
            if written != len(data):
                raise PrinterError(MSG_TIMEOUT)
            return CONFIRMED
        except PrinterError:
            raise
        except serial.SerialTimeoutException as exc:
            port.reset_output_buffer()  # do not let close() wait for a printer that stopped
            raise PrinterError(MSG_TIMEOUT) from exc
        except (serial.SerialException, OSError) as exc:
            raise PrinterError(MSG_UNREACHABLE) from exc
        finally:
            _close_quietly(port)

    def status(self) -> PrinterStatus:
        try:
            port = self._open()
        except PrinterError:
            return PrinterStatus.OFFLINE
        try:
            return self._query(port)
        except PrinterError as exc:
            log.info("printer %s status: %s", self.device, exc)
            return PrinterStatus.OFFLINE
        finally:
            _close_quietly(port)

    def _open(self) -> Any:
        import serial

        try:
            return serial.Serial(
                port=self.device,
                baudrate=self.baudrate,
                timeout=self.timeout,
                write_timeout=self.timeout,
                xonxoff=self.flow == "xonxoff",
                rtscts=self.flow == "rtscts",
                dsrdtr=self.flow == "dsrdtr",
            )
        except (serial.SerialException, ValueError, OSError) as exc:
            log.info("printer %s cannot be opened: %s", self.device, exc)
            raise PrinterError(MSG_UNREACHABLE) from exc

    def _query(self, port: Any) -> PrinterStatus:
        import serial

        deadline = time.monotonic() + self.timeout
        try:
            port.reset_input_buffer()
            port.write(PAPER_STATUS_QUERY)
            while (remaining := deadline - time.monotonic()) > 0:
                port.timeout = remaining
                reply = port.read(1)
                if reply:
                    status = paper_status_from_byte(reply[0])
                    if status is not None:
                        return status
        except serial.SerialTimeoutException as exc:
            raise PrinterError(MSG_TIMEOUT) from exc
        except (serial.SerialException, OSError) as exc:
            raise PrinterError(MSG_UNREACHABLE) from exc
        finally:
            port.timeout = self.timeout
        raise PrinterError(MSG_TIMEOUT)

    def __repr__(self) -> str:
        return f"SerialPrinter({self.device})"


class DriverPrinter:
    """USB, Windows and CUPS printers through python-escpos's drivers (pyusb, pywin32, pycups).

    Their libraries raise assorted exception types, so every failure here becomes a PrinterError,
    logged with its traceback; Windows and CUPS spoolers take the bytes without a timeout.
    """

    def __init__(self, address: PrinterAddress, timeout_seconds: float) -> None:
        self.address = address
        self.timeout = timeout_seconds

    def send(self, data: bytes) -> Delivery:
        device = self._device(send_timeout(self.timeout, len(data)))
        try:
            device.open()
            try:
                device._raw(data)
            finally:
                device.close()
            return CONFIRMED  # the driver or the spooler took the job
        except Exception as exc:
            from escpos.exceptions import DeviceNotFoundError

            if isinstance(exc, DeviceNotFoundError):
                log.info("printer %s not found: %s", self.address, exc)
                raise PrinterError(MSG_UNREACHABLE) from exc
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                raise PrinterError(MSG_TIMEOUT) from exc
            log.exception("printer %s failed", self.address)
            raise PrinterError("打印失败：%1", exc) from exc

    def status(self) -> PrinterStatus:
        return PrinterStatus.UNKNOWN

    def _device(self, timeout_seconds: float) -> Any:
        from escpos import printer as drivers

        scheme = self.address.scheme
        makers: dict[PrinterScheme, tuple[Any, str, Callable[[], Any]]] = {
            PrinterScheme.USB: (
                drivers.Usb,
                "pyusb",
                lambda: drivers.Usb(
                    self.address.vendor_id,
                    self.address.product_id,
                    timeout=max(1, int(timeout_seconds * 1000)),  # pyusb counts milliseconds
                ),
            ),
            PrinterScheme.WIN32: (
                drivers.Win32Raw,
                "pywin32",
                lambda: drivers.Win32Raw(self.address.path),
            ),
            PrinterScheme.CUPS: (
                drivers.CupsPrinter,
                "pycups",
                lambda: drivers.CupsPrinter(self.address.path),
            ),
        }
        cls, library, make = makers[scheme]
        if not cls.is_usable():
            raise PrinterError("本机缺少 %1 打印机所需的驱动库 %2，无法打印", scheme.value, library)
        return make()


def _refuse_without_paper(status: PrinterStatus, printer: object) -> None:
    if status is PrinterStatus.PAPER_OUT:
        raise PrinterError(MSG_PAPER_OUT)
    if status is PrinterStatus.PAPER_NEAR_END:
        log.warning("%r: paper near its end", printer)


def _shut_quietly(sock: socket.socket) -> None:
    """Say the job is over; a printer that already hung up is no new error."""
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        log.debug("shutting the printer connection failed", exc_info=True)


def _close_quietly(port: Any) -> None:
    try:
        port.close()
    except Exception:  # a port that died mid-job: the job's own error is the one that counts
        log.debug("closing the serial port failed", exc_info=True)
