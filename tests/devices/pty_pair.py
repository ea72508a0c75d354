"""Two linked pseudo-terminals made by socat, so device code talks to a real serial port in tests.

    with PtyPair(tmp_path) as pair:          # waits until both links exist
        reader = SerialCardReader(str(pair.b), ...)
        with pair.open_a() as a:
            a.write(b";6222020202020202=2512?\\r")
        pair.freeze(); pair.thaw()            # socat stops moving bytes (SIGSTOP), then goes on
        pair.unplug()                         # socat ends: both ports vanish
        pair.start()                          # the same link names come back

socat is always ended in ``stop()`` (terminate, then kill after a timeout); use the pair as a
context manager or the ``pty_pair`` fixture so a failing test cannot leave it running.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

import pytest
import serial

SOCAT = shutil.which("socat") or "socat"
START_TIMEOUT_S = 5.0
STOP_TIMEOUT_S = 3.0
IO_TIMEOUT_S = 2.0


class PtyPair:
    """socat joining pty ``a`` and pty ``b``: bytes written to one end come out of the other."""

    def __init__(self, directory: Path, name_a: str = "a", name_b: str = "b") -> None:
        self.a = directory / name_a
        self.b = directory / name_b
        self._log_path = directory / f"socat-{name_a}-{name_b}.log"
        self._log: IO[bytes] | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = START_TIMEOUT_S) -> PtyPair:
        """Start socat and wait until both links point at live terminals."""
        if self.running:
            raise RuntimeError("socat is already running")
        self._close_log()
        self._log = self._log_path.open("ab")
        self._process = subprocess.Popen(
            [
                SOCAT,
                "-d",
                "-d",
                f"pty,raw,echo=0,link={self.a}",
                f"pty,raw,echo=0,link={self.b}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        deadline = time.monotonic() + timeout_s
        while not (self.a.exists() and self.b.exists()):  # exists() follows the links
            if self._process.poll() is not None:
                raise RuntimeError(f"socat exited at start: {self.log_text()}")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"socat made no ptys in {timeout_s} s: {self.log_text()}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """End socat (its links go with it); safe to call twice or after it died."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGCONT)  # a frozen socat would not hear SIGTERM
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(STOP_TIMEOUT_S)
        for link in (self.a, self.b):  # a killed socat leaves dangling links behind
            if link.is_symlink() and not link.exists():
                link.unlink()
        self._close_log()

    def unplug(self) -> None:
        """What pulling the cable does: both ports disappear."""
        self.stop()

    def freeze(self) -> None:
        """Stop socat moving bytes (SIGSTOP): a device that stopped reading, cable still in."""
        assert self._process is not None
        self._process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGCONT)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def open_a(self, baudrate: int = 9600) -> serial.Serial:
        return serial.Serial(
            str(self.a), baudrate, timeout=IO_TIMEOUT_S, write_timeout=IO_TIMEOUT_S
        )

    def open_b(self, baudrate: int = 9600) -> serial.Serial:
        return serial.Serial(
            str(self.b), baudrate, timeout=IO_TIMEOUT_S, write_timeout=IO_TIMEOUT_S
        )

    def log_text(self) -> str:
        try:
            return self._log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> PtyPair:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def read_exactly(port: serial.Serial, size: int, timeout_s: float = IO_TIMEOUT_S) -> bytes:
    """``size`` bytes from the port, or fewer if they do not come within ``timeout_s``."""
    data = bytearray()
    deadline = time.monotonic() + timeout_s
    while len(data) < size and (remaining := deadline - time.monotonic()) > 0:
        port.timeout = remaining
        data += port.read(size - len(data))
    return bytes(data)


def read_until_quiet(port: serial.Serial, quiet_s: float = 0.2) -> bytes:
    """Everything the port receives until nothing more comes for ``quiet_s``."""
    data = bytearray()
    port.timeout = quiet_s
    while chunk := port.read(4096):
        data += chunk
    return bytes(data)


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[PtyPair]:
    """A running socat pty pair under ``tmp_path``, always ended after the test."""
    pair = PtyPair(tmp_path)
    try:
        pair.start()
        yield pair
    finally:
        pair.stop()


def wait_for(
    condition: Callable[[], bool], timeout_s: float = 5.0, interval_s: float = 0.01
) -> bool:
    """Poll ``condition()`` until it is true or ``timeout_s`` passes; False if it never was."""
    deadline = time.monotonic() + timeout_s
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval_s)
