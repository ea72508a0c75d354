"""A clock a test moves by hand, for the devices that time what they read (frames, key bursts)."""

from __future__ import annotations

import threading


class ManualClock:
    """Seconds that pass only when the test says so; safe to read from a reader's thread."""

    def __init__(self, start_s: float = 1000.0) -> None:
        self._now = start_s
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    def advance_ms(self, milliseconds: float) -> None:
        self.advance(milliseconds / 1000.0)
