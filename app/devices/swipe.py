"""What a card reader sends (magnetic tracks, plain digits) turned into a card number, and how a
swipe is told from a barcode or a number typed by hand. Pure text rules: no Qt, no port."""

from __future__ import annotations

import dataclasses
import re
import string
import unicodedata

from app.config import CardReaderConfig
from app.devices.errors import DeviceSettingsError
from app.errors import KnownError

#: Magnetic-stripe start sentinels: track 1, track 2 (and ISO track 3), track 3 on some readers.
TRACK1_START = "%"
TRACK2_START = ";"
TRACK3_START = "+"
END_SENTINEL = "?"
#: What a reader sends for a track it could not read (``%E?``, ``;E?``, ``+E?``).
TRACK_READ_ERROR = "E"
#: Track 1 separates the card number, the holder's name and the rest with ``^``.
TRACK1_FIELD_SEPARATOR = "^"
#: Track 2 separates the card number from the expiry and service data with ``=``.
TRACK2_FIELD_SEPARATOR = "="

DEFAULT_MIN_LENGTH = 4
DEFAULT_MAX_LENGTH = 24

MSG_BAD_READ = "刷卡失败，请重新刷卡"
MSG_EMPTY = "没有读到卡号，请重新刷卡"
MSG_GARBLED = "读到的内容不是卡号，请重新刷卡"

_DIGITS = frozenset(string.digits)
_LETTERS_AND_DIGITS = frozenset(string.ascii_letters + string.digits)
_SENTINELS = TRACK1_START + TRACK2_START + TRACK3_START
_SENTINELS_TUPLE = (TRACK1_START, TRACK2_START, TRACK3_START)
#: One track: a start sentinel, its data, an end sentinel (a missing one is forgiven at the end).
_TRACK_RE = re.compile(
    rf"(?P<start>[{re.escape(_SENTINELS)}])"
    rf"(?P<data>[^{re.escape(_SENTINELS + END_SENTINEL)}]*)"
    rf"(?P<end>{re.escape(END_SENTINEL)}|$)"
)
#: The order tracks are tried in: track 2 is the one member cards are written on.
_TRACK_PRIORITY = {TRACK2_START: 0, TRACK1_START: 1, TRACK3_START: 2}


class SwipeError(KnownError):
    """A swipe that gave no usable card number; the message tells the cashier to swipe again."""


@dataclasses.dataclass(frozen=True)
class SwipeSettings:
    """How this store's reader and cards look.

    ``prefix`` and ``suffix`` are what the reader is set to add around each swipe (removed when
    present); the card number must have ``min_length`` to ``max_length`` characters, digits only
    unless ``allow_letters``.
    """

    prefix: str = ""
    suffix: str = ""
    min_length: int = DEFAULT_MIN_LENGTH
    max_length: int = DEFAULT_MAX_LENGTH
    allow_letters: bool = False

    def __post_init__(self) -> None:
        if self.min_length < 1:
            raise DeviceSettingsError("卡号最短长度至少为 1 位")
        if self.max_length < self.min_length:
            raise DeviceSettingsError("卡号最长长度不能小于最短长度")

    @property
    def allowed(self) -> frozenset[str]:
        return _LETTERS_AND_DIGITS if self.allow_letters else _DIGITS


DEFAULT_SWIPE_SETTINGS = SwipeSettings()


def swipe_settings(card: CardReaderConfig) -> SwipeSettings:
    """The swipe rules of the store's saved reader settings (each field has the same name in
    both, and ``SwipeSettings`` checks them)."""
    names = [field.name for field in dataclasses.fields(SwipeSettings)]
    return SwipeSettings(**{name: getattr(card, name) for name in names})


def looks_like_swipe(text: str, prefix: str) -> bool:
    """A wedge burst that a card reader sent rather than a barcode scanner: a magnetic track, or
    the prefix the store's reader is set to add."""
    text = unicodedata.normalize("NFKC", text)  # ；１２３？ from a full-width input mode
    prefix = unicodedata.normalize("NFKC", prefix)
    return text.startswith(_SENTINELS_TUPLE) or (bool(prefix) and text.startswith(prefix))


def card_from_input(text: str, settings: SwipeSettings) -> str:
    """A card number from what was typed or swiped into a field: a magnetic track or the reader's
    prefix is taken apart like a swipe at the scan field (SwipeError if it is unreadable);
    anything else is kept as typed, without the spaces around it."""
    cleaned = text.strip()
    if looks_like_swipe(cleaned, settings.prefix):
        return parse_swipe(cleaned, settings)
    return cleaned


def parse_swipe(raw: str, settings: SwipeSettings = DEFAULT_SWIPE_SETTINGS) -> str:
    """The card number in what the reader sent, or SwipeError with a sentence for the cashier.

    Understands magnetic track 1 (``%B6222...^NAME/FIRST^2512...?``), track 2
    (``;6222...=2512...?``), several tracks in one swipe (track 2 is preferred, a track that
    failed is skipped), plain numbers, and a configured prefix and suffix. Full-width characters
    from a Chinese input method (``；１２３？``) are read as their ASCII forms.
    """
    text = _trim(unicodedata.normalize("NFKC", raw))
    text = _trim(_strip_affixes(text, settings))
    if not text:
        raise SwipeError(MSG_EMPTY)
    if text[0] in _SENTINELS:
        return _from_tracks(text, settings)
    if TRACK2_FIELD_SEPARATOR in text:  # track 2 data from a reader set to drop sentinels
        text = text.split(TRACK2_FIELD_SEPARATOR, 1)[0]
    return _checked(text, settings)


def _trim(text: str) -> str:
    """Without the whitespace and control characters readers put around a swipe."""
    return text.strip("".join(chr(c) for c in range(0x21)) + "\x7f")


def _strip_affixes(text: str, settings: SwipeSettings) -> str:
    prefix = unicodedata.normalize("NFKC", settings.prefix)
    suffix = unicodedata.normalize("NFKC", settings.suffix)
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)]
    return text


def _from_tracks(text: str, settings: SwipeSettings) -> str:
    tracks: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _TRACK_RE.match(text, position)
        if match is None or match.end() == position:
            raise SwipeError(MSG_GARBLED)
        tracks.append((match["start"], match["data"]))
        position = match.end()
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
    good = [(start, data) for start, data in tracks if _trim(data) != TRACK_READ_ERROR]
    if not good:
        raise SwipeError(MSG_BAD_READ)
    good.sort(key=lambda track: _TRACK_PRIORITY[track[0]])
    first_error: SwipeError | None = None
    for start, data in good:
        try:
            return _checked(_number_in_track(start, _trim(data)), settings)
        except SwipeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def _number_in_track(start: str, data: str) -> str:
    if start == TRACK1_START:
        if TRACK1_FIELD_SEPARATOR not in data:
            return data
        number = data.split(TRACK1_FIELD_SEPARATOR, 1)[0]
        # The first character of track 1 is its format code ("B" on cards that follow ISO 7813).
        return number[1:] if number[:1].isalpha() else number
    return data.split(TRACK2_FIELD_SEPARATOR, 1)[0]


def _checked(number: str, settings: SwipeSettings) -> str:
    if not number:
        raise SwipeError(MSG_EMPTY)
    if not set(number) <= settings.allowed:
        raise SwipeError(MSG_GARBLED)
    if not settings.min_length <= len(number) <= settings.max_length:
        if settings.min_length == settings.max_length:
            expected = f"{settings.min_length} 位"
        else:
            expected = f"{settings.min_length} 到 {settings.max_length} 位"
        raise SwipeError("卡号应为 %1，读到 %2 位，请重新刷卡", expected, len(number))
    return number
