"""A raw-port (9100) receipt printer on 127.0.0.1 in a thread: it keeps every connection's bytes
and answers the DLE EOT 4 paper query with a status byte the test can change at any time, or
never answers it (``SILENT``, as many cheap printers and print servers do) and prints all the same.

    with NetworkPrinter(PAPER_OK) as printer:
        uri = printer.uri                       # tcp://127.0.0.1:<free port>
        ...
        printer.paper = PAPER_OUT               # the next query says: no paper
        printer.paper = SILENT                  # the next query gets no answer at all
        printer.stall = True                    # answers the first query, then reads nothing more
                                                # (and serves no one else) until set back
        jobs = printer.jobs()                   # bytes per connection that sent more than a query
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

from app.devices.printers import PAPER_STATUS_QUERY

#: Answers to DLE EOT 4 (fixed bits 0x12; 0x0C paper near end; 0x60 paper out).
PAPER_OK, PAPER_NEAR_END, PAPER_OUT = 0x12, 0x1E, 0x72
#: Ignores DLE EOT: the query is taken in like any other bytes and never answered.
SILENT = None
POLL_S = 0.05


class NetworkPrinter:
    def __init__(self, paper: int | None = PAPER_OK) -> None:
        self.paper = paper  # SILENT (None): never answers the query
        self.stall = False  # True: a printer that hangs after the first query of a connection
        self.connections: list[bytearray] = []
        self.finished = 0  # connections the client has closed: their bytes are all in
        self._lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake printer", daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        self.server.settimeout(POLL_S)
        while not self._stopping.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            received = bytearray()
            with self._lock:
                self.connections.append(received)
            with conn:
                conn.settimeout(POLL_S)
                while not self._stopping.is_set():
                    try:
                        chunk = conn.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not chunk:
                        break
                    with self._lock:
                        received += chunk
                    if PAPER_STATUS_QUERY in chunk and self.paper is not None:
                        conn.sendall(bytes([self.paper]))
                        if self.stall:  # stuck: takes nothing more in until set right
                            while self.stall and not self._stopping.is_set():
                                time.sleep(POLL_S)
                            break
            with self._lock:
                self.finished += 1

    def jobs(self) -> list[bytes]:
        """What each finished connection sent beyond its paper query: one entry per slip."""
        with self._lock:
            sent = [bytes(c) for c in self.connections[: self.finished]]
        return [data for data in sent if data.replace(PAPER_STATUS_QUERY, b"")]

    def wait_for_jobs(self, count: int, timeout_s: float = 5.0) -> list[bytes]:
        deadline = time.monotonic() + timeout_s
        while len(self.jobs()) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.jobs()

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=2)
        self.server.close()

    def __enter__(self) -> NetworkPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
