"""The wire protocol between a counter and the head office, defined once for both sides.

What it guarantees: both sides sign and check a request with the same bytes (:func:`sign`), and
read and write the same shapes (plain frozen dataclasses, turned to and from JSON by
:func:`to_json` and :func:`from_json`). Standard library only: the counter (``requests``) and the
head office (FastAPI) import it alike, and neither needs the other's libraries.

Signing: ``HMAC-SHA256(secret, METHOD \\n PATH \\n TIMESTAMP \\n NONCE \\n SHA256(body))`` in
lower-case hex, where PATH is the request's path with its query string (``/v1/sync/pull?cursor=3``)
and TIMESTAMP whole seconds since the epoch. The head office refuses a timestamp further than
:data:`CLOCK_WINDOW_S` from its own clock or a nonce the device has used before, and puts its own
time in every reply (:data:`SERVER_TIME_HEADER`), so a counter with a wrong clock signs with the
head office's time plus the seconds elapsed since.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import json
import secrets
import types
import typing
from typing import Any, Literal, TypeVar

PROTOCOL_VERSION = 1
#: The most events one push may carry.
MAX_BATCH = 500
#: A push's events are also cut so their payloads stay under this many characters (a 500-line
#: sale's event is a few hundred KB): the head office reads at most four times as many bytes
#: of a body, room for any character's three bytes in UTF-8.
MAX_PUSH_CHARS = 16 * 1024 * 1024
#: How far a request's timestamp may be from the head office's clock, either way.
CLOCK_WINDOW_S = 300

DEVICE_HEADER = "X-Pos-Device"
TIMESTAMP_HEADER = "X-Pos-Timestamp"
NONCE_HEADER = "X-Pos-Nonce"
SIGNATURE_HEADER = "X-Pos-Signature"
#: In every reply of the head office, signed or refused: its clock, whole seconds since the epoch.
SERVER_TIME_HEADER = "X-Pos-Server-Time"

PUSH_PATH = "/v1/sync/push"
PULL_PATH = "/v1/sync/pull"
STATUS_PATH = "/v1/sync/status"
LOOKUP_PATH = "/v1/members/lookup"


def holds_path(member_id: str) -> str:
    return f"/v1/members/{member_id}/holds"


# --- signing ------------------------------------------------------------------------------------


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def signing_message(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    return "\n".join((method.upper(), path, str(timestamp), nonce, body_digest(body))).encode()


def sign(secret: str, method: str, path: str, timestamp: int, nonce: str, body: bytes) -> str:
    message = signing_message(method, path, timestamp, nonce, body)
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_matches(
    secret: str, signature: str, method: str, path: str, timestamp: int, nonce: str, body: bytes
) -> bool:
    """Compared in constant time."""
    return hmac.compare_digest(sign(secret, method, path, timestamp, nonce, body), signature)


def signed_headers(
    device_id: str, secret: str, method: str, path: str, body: bytes, *, now: float
) -> dict[str, str]:
    """The four headers of a signed request; ``now`` is the head office's time as the counter
    reckons it (its last :data:`SERVER_TIME_HEADER` plus the seconds since)."""
    timestamp = int(now)
    nonce = secrets.token_hex(16)
    return {
        DEVICE_HEADER: device_id,
        TIMESTAMP_HEADER: str(timestamp),
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: sign(secret, method, path, timestamp, nonce, body),
    }


def phone_key(phone: str) -> str:
    """What the head office may know of a phone number to find a member by it: a digest of its
    digits (never the number; the outbox refuses a ``phone`` key)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return hashlib.sha256(f"store-counter-phone:{digits}".encode()).hexdigest()


# --- push ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Event:
    """One outbox event as the counter holds it (``app.storage.outbox``): the payload is the
    outbox's JSON, decoded."""

    id: str
    seq: int
    type: str
    schema_version: int
    payload: dict[str, Any]
    created_at: str


@dataclasses.dataclass(frozen=True)
class AuditAnchor:
    """The head of the counter's audit hash chain: how many entries, and the newest hash.

    ``known_count`` and ``known_hash``: the chain's hash at the head office's last anchor (from
    :class:`SyncStatus`) as the counter computes it now, so a chain edited and then grown past
    that point is seen to fork."""

    count: int
    hash: str
    known_count: int | None = None
    known_hash: str | None = None


@dataclasses.dataclass(frozen=True)
class PushBatch:
    """Events in sequence order, the first one after the device's last acknowledged one.
    ``waiting``: how many events the counter's outbox held unsent when it cut this batch, this
    batch's included (the office's pages show each counter's backlog)."""

    events: list[Event]
    anchor: AuditAnchor | None = None
    waiting: int | None = None


EventOutcome = Literal["applied", "duplicate", "parked"]


@dataclasses.dataclass(frozen=True)
class EventResult:
    id: str
    seq: int
    outcome: EventOutcome


@dataclasses.dataclass(frozen=True)
class PushReply:
    """Each event's outcome; ``last_seq`` is the device's last applied sequence after the push.
    An anchor that shrank or forked is named in ``anchor_flag`` ("shrunk" or "forked")."""

    results: list[EventResult]
    last_seq: int
    anchor_flag: str | None = None


@dataclasses.dataclass(frozen=True)
class GapReply:
    """409: the batch did not start at the next sequence; send from ``expected_seq``."""

    code: str
    detail: str
    expected_seq: int


@dataclasses.dataclass(frozen=True)
class Refusal:
    """401, 403, 404, 413 or 422: a plain reason and a code to act on."""

    code: str
    detail: str


@dataclasses.dataclass(frozen=True)
class SyncStatus:
    device_id: str
    store_code: str
    counter_no: int
    last_seq: int
    anchor: AuditAnchor | None
    anchor_flag: str | None


# --- pull and members ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class MemberSnapshot:
    """A member and their balances as the head office holds them at ``as_of`` (ISO UTC).
    Balances may be negative after an overdraft; ``hot`` means spend nothing offline."""

    member_id: str
    card_no: str
    name: str
    phone_masked: str
    home_store: str
    card_type_id: str | None
    status: str
    principal_fen: int
    bonus_fen: int
    points: int
    hot: bool
    as_of: str


@dataclasses.dataclass(frozen=True)
class HotListEntry:
    member_id: str
    card_no: str
    reason: str
    on_list: bool


@dataclasses.dataclass(frozen=True)
class CardTypeDoc:
    """A card type (卡类型) as the head office sets it for the chain: the counter's own columns,
    by the id it was made with."""

    id: str
    name: str
    rank: int
    discount_bp: int
    points_num: int
    points_den: int
    value_num: int
    value_den: int
    needs_password: bool
    upgrade_metric: str | None
    upgrade_threshold: int | None
    upgrade_period_days: int | None
    downgrade: bool
    gift_points: int
    gift_bonus_fen: int
    fee_fen: int
    validity_days: int | None
    is_default: bool
    active: bool


@dataclasses.dataclass(frozen=True)
class BonusRuleDoc:
    """充值赠送: top up at least ``min_top_up_fen``, get ``bonus_fen`` (dates ISO or null)."""

    id: str
    min_top_up_fen: int
    bonus_fen: int
    valid_from: str | None
    valid_to: str | None
    card_type_id: str | None
    active: bool


@dataclasses.dataclass(frozen=True)
class PointsRulesDoc:
    """The chain's points rules beside each card type's earn and value rates."""

    points_on_bonus: bool
    points_expiry: str
    points_expiry_months: int


@dataclasses.dataclass(frozen=True)
class ProductDoc:
    """A product of the chain's catalogue, by its code, with this store's prices (a store's own
    price, when the head office set one, else the chain's)."""

    code: str
    name: str
    category: str | None
    unit: str
    price_fen: int
    member_price_fen: int | None
    barcodes: list[str]
    active: bool


@dataclasses.dataclass(frozen=True)
class OfflineLimits:
    """How much of members' money this store may spend while the head office cannot be asked:
    per payment, per member per business day, in all (``store_budget_fen``, spent since the last
    sync that left nothing waiting) and the oldest member snapshot that may be trusted."""

    per_sale_fen: int
    per_day_fen: int
    store_budget_fen: int
    snapshot_hours: int


@dataclasses.dataclass(frozen=True)
class PromotionDoc:
    """A promotion rule set at the head office, for the whole chain or one store.

    ``terms`` is the rule as ``app.pos.promotion_rules.rule_to_dict`` writes it, except that
    goods are named the way every counter knows them: products (``product_ids``,
    ``excluded_product_ids``, ``gift_product_ids``) by product code, categories by name; card
    types by the head office's id. ``retired``: every counter retires its copy."""

    id: str
    name: str
    kind: str
    terms: dict[str, Any]
    retired: bool = False


@dataclasses.dataclass(frozen=True)
class PullPage:
    """What changed after ``cursor`` (opaque; "" the first time): pass ``next_cursor`` back.
    ``more`` is true when another page is ready now. Rules, catalogue and limits come as they
    are now for this store; ``points_rules`` and ``limits`` are null when unchanged."""

    cursor: str
    next_cursor: str
    members: list[MemberSnapshot]
    hotlist: list[HotListEntry]
    more: bool
    card_types: list[CardTypeDoc] = dataclasses.field(default_factory=list)
    bonus_rules: list[BonusRuleDoc] = dataclasses.field(default_factory=list)
    points_rules: PointsRulesDoc | None = None
    products: list[ProductDoc] = dataclasses.field(default_factory=list)
    limits: OfflineLimits | None = None
    promotions: list[PromotionDoc] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class LookupRequest:
    """By card number or by :func:`phone_key` of the phone (one of them)."""

    card_no: str | None = None
    phone_key: str | None = None


HoldLedger = Literal["stored_value", "points"]


@dataclasses.dataclass(frozen=True)
class HoldRequest:
    """Authorise spending ``amount`` (fen of stored value, or points) of the member, for the
    order ``order_id`` the counter is paying; the push of that order settles it. ``hold_id`` is
    made at the counter: asking again with it answers the same hold."""

    hold_id: str
    ledger: HoldLedger
    amount: int
    order_id: str
    ttl_s: int = 600


@dataclasses.dataclass(frozen=True)
class HoldReply:
    """``state``: "authorised" (``expires_at`` ISO UTC), "refused" (``detail`` says why), or for a
    hold asked again "settled", "expired". ``available`` is what remains to spend after it."""

    hold_id: str
    state: str
    amount: int
    available: int
    expires_at: str
    detail: str = ""


# --- JSON ---------------------------------------------------------------------------------------

T = TypeVar("T")


class ProtocolError(ValueError):
    """A message that does not have the protocol's shape."""


def to_json(value: object) -> dict[str, Any]:
    """A protocol dataclass as JSON-ready data."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"not a protocol message: {value!r}")
    return dataclasses.asdict(value)


def dumps(value: object) -> bytes:
    return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":")).encode()


def from_json(cls: type[T], data: object) -> T:
    """``data`` (decoded JSON) read as ``cls``, every field checked; :class:`ProtocolError` else."""
    return typing.cast(T, _reader(typing.cast(Any, cls))(data, cls.__name__))


Reader = typing.Callable[[object, str], object]


@functools.cache
def _reader(kind: Any) -> Reader:
    """The function that reads and checks ``kind``, worked out once per type: looking the type's
    shape up again for each of a push reply's 500 results was most of reading it (on the
    counter's worker thread, which shares the interpreter lock with the sales)."""
    origin = typing.get_origin(kind)
    if kind is Any:
        return lambda data, where: data
    if dataclasses.is_dataclass(kind):
        return _dataclass_reader(typing.cast(type, kind))
    if origin in (typing.Union, types.UnionType):
        options = [_reader(option) for option in typing.get_args(kind)]

        def read_union(data: object, where: str) -> object:
            for option in options:
                try:
                    return option(data, where)
                except ProtocolError:
                    continue
            raise ProtocolError(f"{where}: unexpected {type(data).__name__}")

        return read_union
    if origin is Literal:
        allowed = typing.get_args(kind)

        def read_literal(data: object, where: str) -> object:
            if data not in allowed:
                raise ProtocolError(f"{where}: {data!r} is not one of {allowed}")
            return data

        return read_literal
    if origin is list:
        (item,) = typing.get_args(kind)
        read_item = _reader(item)

        def read_list(data: object, where: str) -> object:
            if not isinstance(data, list):
                raise ProtocolError(f"{where}: expected a list")
            return [read_item(value, where) for value in data]

        return read_list
    if origin is dict:

        def read_dict(data: object, where: str) -> object:
            if not isinstance(data, dict):
                raise ProtocolError(f"{where}: expected an object")
            return data

        return read_dict
    if kind is type(None):

        def read_none(data: object, where: str) -> object:
            if data is not None:
                raise ProtocolError(f"{where}: expected null")
            return None

        return read_none
    if kind is int:

        def read_int(data: object, where: str) -> object:
            if isinstance(data, bool) or not isinstance(data, int):
                raise ProtocolError(f"{where}: expected an integer")
            return data

        return read_int
    if kind in (str, bool):
        name = kind.__name__

        def read_plain(data: object, where: str) -> object:
            if not isinstance(data, kind):
                raise ProtocolError(f"{where}: expected {name}")
            return data

        return read_plain
    raise TypeError(f"unsupported type {kind!r}")


def _dataclass_reader(kind: type) -> Reader:
    hints = typing.get_type_hints(kind)
    fields = [
        (
            field.name,
            _reader(hints[field.name]),
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
        )
        for field in dataclasses.fields(kind)
    ]
    make = typing.cast(Any, kind)

    def read_dataclass(data: object, where: str) -> object:
        if not isinstance(data, dict):
            raise ProtocolError(f"{where}: expected an object")
        values: dict[str, object] = {}
        for name, read, required in fields:
            if name in data:
                values[name] = read(data[name], name)
            elif required:
                raise ProtocolError(f"{where}: {name} is missing")
        return make(**values)

    return read_dataclass


def event_of_outbox_row(
    event_id: str, seq: int, event_type: str, schema_version: int, payload: str, created_at: str
) -> Event:
    """An event from the columns of the counter's outbox table (payload as stored, JSON text)."""
    return Event(event_id, seq, event_type, schema_version, json.loads(payload), created_at)
