"""Tell a keyboard-wedge card reader or barcode scanner from a person typing, by key timing.

Wedge devices type into whichever field has focus, like a keyboard, but far faster than a
person: their keys come a few milliseconds apart and end with Enter. The screen feeds every key
of the scan field to a :class:`WedgeDetector` (no Qt here: plain characters and millisecond
timestamps) and acts on the decision returned for the closing Enter::

    detector = WedgeDetector(WedgeSettings(min_length=6))
    # in the field's key handler, ``at_ms`` from the key event's timestamp; without one
    # (None) the detector reads its clock (``time.monotonic`` unless a test gives its own)
    decision = detector.feed(event_text, at_ms)        # -> PENDING while characters come in
    decision = detector.feed_enter(at_ms)              # -> SCAN or TYPING
    if decision.kind is WedgeKind.SCAN:
        field.setText(field.text()[: -decision.typed_length])   # drop what the device typed
        handle_scan(decision.text)                               # e.g. parse_swipe / lookup
    else:
        ...  # an ordinary Enter on what the cashier typed

Only the fast tail counts: if the cashier typed a few keys slowly and a scan followed without
Enter in between, the scan is the burst alone and the slow keys stay the cashier's.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable

from app.devices.errors import DeviceSettingsError

ENTER = "\r"
_ENTER_KEYS = frozenset("\r\n")
DEFAULT_MAX_INTERVAL_MS = 30.0
#: Four keys closer than 30 ms each and an Enter as fast: beyond a person rolling 2-3 keys.
DEFAULT_MIN_LENGTH = 4
#: Keys kept while nobody presses Enter; older ones cannot belong to a scan anyway.
MAX_PENDING_KEYS = 512


@dataclasses.dataclass(frozen=True)
class WedgeSettings:
    """``max_interval_ms``: the longest gap between two keys of one burst (the Enter included);
    ``min_length``: the fewest characters a scan carries (prefix and suffix not counted);
    ``terminator``: the key that ends a scan (Enter, or e.g. ``"\\t"`` for readers set to Tab);
    ``prefix``/``suffix``: what the device is set to add around its data (removed when present).
    """

    max_interval_ms: float = DEFAULT_MAX_INTERVAL_MS
    min_length: int = DEFAULT_MIN_LENGTH
    terminator: str = ENTER
    prefix: str = ""
    suffix: str = ""

    def __post_init__(self) -> None:
        if self.max_interval_ms <= 0:
            raise DeviceSettingsError("扫码间隔必须大于 0 毫秒")
        if self.min_length < 1:
            raise DeviceSettingsError("扫码最短长度至少为 1 位")
        if len(self.terminator) != 1:
            raise DeviceSettingsError("扫码结束键必须是一个字符")


class WedgeKind(enum.Enum):
    PENDING = "pending"  # a character taken in; nothing to decide before the end key
    TYPING = "typing"  # the end key closed keys typed by a person: the field keeps them
    SCAN = "scan"  # the end key closed a fast burst: ``text`` is what the device sent


@dataclasses.dataclass(frozen=True)
class WedgeDecision:
    """What a key meant.

    For SCAN, ``text`` is the device's data (prefix and suffix removed) and ``typed_length`` is
    how many of the last characters the field received came from the device (the prefix and
    suffix included), so the screen can take them back out. For TYPING, ``text`` is everything
    typed since the previous end key and ``typed_length`` its length. PENDING carries nothing.
    """

    kind: WedgeKind
    text: str = ""
    typed_length: int = 0


_PENDING = WedgeDecision(WedgeKind.PENDING)


class WedgeDetector:
    """Key-by-key state of one input field; not thread-safe (the GUI thread owns it)."""

    def __init__(
        self, settings: WedgeSettings | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings or WedgeSettings()
        self.clock = clock  # seconds; read for a key that comes without a timestamp
        self._chars: list[str] = []
        self._burst_start = 0  # index of the first key of the current fast run
        self._last_ms: float | None = None

    def feed(self, char: str, at_ms: float | None = None) -> WedgeDecision:
        """One key's text at ``at_ms`` milliseconds (any monotonic clock; now by the detector's
        clock when None). Enter ends the sequence; so does the configured terminator. Empty
        text (a modifier key) is ignored."""
        if not char:
            return _PENDING
        if at_ms is None:
            at_ms = self.clock() * 1000.0
        terminator = self.settings.terminator
        if char == terminator or char in _ENTER_KEYS:
            return self._end(at_ms, ends_scan=char == terminator or terminator in _ENTER_KEYS)
        for single in char:  # an input method may commit several characters in one event
            self._take(single, at_ms)
        return _PENDING

    def feed_enter(self, at_ms: float | None = None) -> WedgeDecision:
        """The Enter key at ``at_ms``: SCAN if it closes a fast burst, else TYPING."""
        return self.feed(ENTER, at_ms)

    def reset(self) -> None:
        """Forget the keys so far (the field was cleared or lost focus)."""
        self._chars.clear()
        self._burst_start = 0
        self._last_ms = None

    def _take(self, char: str, at_ms: float) -> None:
        if not self._is_fast(at_ms):
            self._burst_start = len(self._chars)
        self._chars.append(char)
        self._last_ms = at_ms
        if len(self._chars) > MAX_PENDING_KEYS:
            drop = len(self._chars) - MAX_PENDING_KEYS
            del self._chars[:drop]
            self._burst_start = max(0, self._burst_start - drop)

    def _is_fast(self, at_ms: float) -> bool:
        return (
            self._last_ms is not None
            and 0 <= at_ms - self._last_ms <= self.settings.max_interval_ms
        )

    def _end(self, at_ms: float, *, ends_scan: bool) -> WedgeDecision:
        burst = "".join(self._chars[self._burst_start :])
        typed = "".join(self._chars)
        fast_end = self._is_fast(at_ms)
        self.reset()
        if ends_scan and fast_end and burst:
            prefix, suffix = self.settings.prefix, self.settings.suffix
            if prefix and (at := burst.rfind(prefix)) >= 0:
                # A key the cashier rolled just before the device's prefix is not the device's.
                burst = burst[at:]
                data = burst[len(prefix) :]
            else:
                data = burst
            if suffix and data.endswith(suffix):
                data = data[: -len(suffix)]
            if len(data) >= self.settings.min_length:
                return WedgeDecision(WedgeKind.SCAN, data, len(burst))
        return WedgeDecision(WedgeKind.TYPING, typed, len(typed))
