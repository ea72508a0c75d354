"""A pseudo-terminal from Python's own ``os.openpty``, so device code talks to a real serial port.

    with PtyPair(tmp_path, "reader") as pair:   # pair.b: a link to the pty's terminal end
        reader = SerialCardReader(str(pair.b), ...)
        with pair.open_a() as a:                # the device's end: the pty's other side
            a.write(b";6222020202020202=2512?\\r")
        pair.unplug()                           # the pty closes: the port errors, the link goes
        pair.start()                            # a new pty behind the same link

The code under test opens ``b``, a symbolic link to the terminal (``os.ttyname``), as a real
``/dev/serial/by-id`` link is to a USB adapter: a pty's own path cannot come back after an
unplug, so a replug re-points the link to a new pty, as udev does. The test drives the pty's
controlling side through ``open_a()``; nothing reads it unless the test does, so a device that
stopped reading is simply a test that does not read. No program outside Python is needed.

Both ends are always closed in ``stop()``; use the pair as a context manager or the ``pty_pair``
fixture so a failing test cannot leave them open.
"""

from __future__ import annotations

import contextlib
import os
import select
import time
import tty
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

import pytest
import serial

IO_TIMEOUT_S = 2.0


class PtyEnd:
    """The device's end of the pty: ``write``, ``read`` and ``timeout`` as a pyserial port has
    them. Closing it closes nothing: the pty belongs to its pair (``unplug`` ends it)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        #: Seconds one ``read`` waits for its bytes in all, as ``serial.Serial.timeout``.
        self.timeout: float | None = IO_TIMEOUT_S
        self.write_timeout = IO_TIMEOUT_S

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        deadline = time.monotonic() + self.write_timeout
        while view:
            _, ready, _ = select.select([], [self.fd], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise TimeoutError(f"the port took {len(data) - len(view)} of {len(data)} bytes")
            view = view[os.write(self.fd, view) :]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: a write is in the pty when it returns."""

    def read(self, size: int = 1) -> bytes:
        """Up to ``size`` bytes: fewer only if ``timeout`` passes first."""
        data = bytearray()
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        while len(data) < size:
            wait = None if deadline is None else max(deadline - time.monotonic(), 0)
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                break
            data += os.read(self.fd, size - len(data))
        return bytes(data)

    def __enter__(self) -> PtyEnd:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None


class PtyPair:
    """One pty: ``b`` links to its terminal, ``open_a()`` is the device on the other side."""

    def __init__(self, directory: Path, name: str = "b") -> None:
        self.b = directory / name
        self._device: int | None = None
        self._terminal: int | None = None

    def start(self) -> PtyPair:
        """Make a new pty and point ``b`` at it."""
        if self.running:
            raise RuntimeError("the pty is already there")
        self._device, self._terminal = os.openpty()
        # Raw and without echo from the start, as a serial line is: bytes the test
        # writes before the code opens the port must not come back to the test.
        tty.setraw(self._terminal)
        os.set_blocking(self._device, False)
        link = self.b.with_name(self.b.name + ".new")
        link.unlink(missing_ok=True)
        link.symlink_to(os.ttyname(self._terminal))
        link.replace(self.b)  # at once, as udev re-points a by-id link
        return self

    def stop(self) -> None:
        """Remove the link and close the pty: whoever has the port open gets errors from now
        on. Safe to call twice."""
        self.b.unlink(missing_ok=True)
        device, terminal, self._device, self._terminal = self._device, self._terminal, None, None
        for fd in (device, terminal):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)

    def unplug(self) -> None:
        """What pulling the cable does: the port fails and its path disappears."""
        self.stop()

    @property
    def running(self) -> bool:
        return self._device is not None

    def open_a(self) -> PtyEnd:
        """The device's end (not a path: the controlling side of a pty has none)."""
        if self._device is None:
            raise RuntimeError("the pty is unplugged")
        return PtyEnd(self._device)

    def open_b(self, baudrate: int = 9600) -> serial.Serial:
        return serial.Serial(
            str(self.b), baudrate, timeout=IO_TIMEOUT_S, write_timeout=IO_TIMEOUT_S
        )

    def __enter__(self) -> PtyPair:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def read_exactly(port: serial.Serial | PtyEnd, size: int, timeout_s: float = IO_TIMEOUT_S) -> bytes:
    """``size`` bytes from the port, or fewer if they do not come within ``timeout_s``."""
    data = bytearray()
    deadline = time.monotonic() + timeout_s
    while len(data) < size and (remaining := deadline - time.monotonic()) > 0:
        port.timeout = remaining
        data += port.read(size - len(data))
    return bytes(data)


def read_until_quiet(port: serial.Serial | PtyEnd, quiet_s: float = 0.2) -> bytes:
    """Everything the port receives until nothing more comes for ``quiet_s``."""
    data = bytearray()
    port.timeout = quiet_s
    while chunk := port.read(4096):
        data += chunk
    return bytes(data)


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[PtyPair]:
    """A pty under ``tmp_path``, always closed after the test."""
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
