"""The head office's HTTP API (FastAPI): every ``/v1`` request signed by its counter.

What it guarantees: a request is served only when its signature is the device's (HMAC-SHA256,
``app.sync.protocol``), its timestamp within :data:`CLOCK_WINDOW_S` of the server's clock and its
nonce new for that device; a refusal is a 401 with a plain reason. Every reply, refused or not,
carries the server's time, so a counter with a wrong clock can sign right. A device reads and
writes only its own store's data and the chain-wide members: no path takes a store or a device
from the request; both come from the signature.

A push's nonce is kept by the push's own transaction, not one of its own: a push is one commit
(the fsync of a second one was half a push's cost on PostgreSQL). A replayed push is refused
all the same (the nonce's key is unique; a copy racing the first waits for its commit, then is
refused), and a push whose batch rolled back left nothing behind, its nonce included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.sync.protocol import (
    CLOCK_WINDOW_S,
    DEVICE_HEADER,
    MAX_BATCH,
    MAX_PUSH_CHARS,
    NONCE_HEADER,
    SERVER_TIME_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    AuditAnchor,
    GapReply,
    HoldReply,
    HoldRequest,
    LookupRequest,
    MemberSnapshot,
    PullPage,
    PushBatch,
    PushReply,
    Refusal,
    SyncStatus,
    from_json,
    signature_matches,
    to_json,
)
from headoffice import apply, pages, pull
from headoffice.db import Database
from headoffice.models import DeviceRow, NonceRow

#: Nonces older than this are forgotten: their timestamps are refused anyway.
NONCE_KEEP_S = 2 * CLOCK_WINDOW_S
MAX_NONCE_LENGTH = 64
#: The largest body read before its signature is checked: a counter's push is at most
#: MAX_PUSH_CHARS of payloads, so this leaves room while a stranger cannot make a worker hold
#: gigabytes.
MAX_BODY_BYTES = 4 * MAX_PUSH_CHARS

Clock = Callable[[], float]


class Refused(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


@dataclasses.dataclass(frozen=True)
class Health:
    status: str
    database: str


@dataclasses.dataclass(frozen=True)
class SignedDevice:
    """The device a request is signed by, how far its clock is from the server's, and the
    request's nonce with the moment it was seen (kept by :func:`remember_nonce`), and the body
    it signed (the push reads its batch from these very bytes)."""

    device: DeviceRow
    clock_skew_s: int
    nonce: str
    seen_at: dt.datetime
    body: bytes = b""


async def signed(request: Request) -> SignedDevice:
    """The dependency of every /v1 path but the push: the device whose signature the request
    carries, its nonce kept before the path runs."""
    who = await signed_unkept(request)
    db: Database = request.app.state.db
    await run_in_threadpool(_keep_nonce, db, who)
    return who


async def signed_unkept(request: Request) -> SignedDevice:
    """The push's dependency: the signature checked, the nonce not kept yet (the push's
    transaction keeps it)."""
    if request.method == "POST":  # counters always say their body's length (requests does)
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            raise Refused(411, "length_required", "a body needs its Content-Length")
        if int(length) > MAX_BODY_BYTES:
            raise Refused(413, "body_too_large", f"at most {MAX_BODY_BYTES} bytes a request")
    body = await request.body()
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    state = request.app.state
    return await run_in_threadpool(
        _verify, state.db, state.clock(), request.method, path, dict(request.headers), body
    )


Signed = Annotated[SignedDevice, Depends(signed)]
SignedUnkept = Annotated[SignedDevice, Depends(signed_unkept)]


def read_push(body: bytes) -> PushBatch:
    """The batch in a push's body, read once by the protocol's own reader (FastAPI's model
    validation of the same 500 events was about a fifth of a worker's time); a body that is not
    one answers 422 with why."""
    try:
        return from_json(PushBatch, json.loads(body))
    except ValueError as exc:  # ProtocolError, JSONDecodeError, UnicodeDecodeError
        raise Refused(422, "bad_batch", f"not a push batch: {exc}") from None


def push_reply_json(reply: PushReply) -> bytes:
    """``reply`` as JSON, built directly (the generic :func:`to_json` copies each of a batch's
    results through ``dataclasses.asdict``)."""
    return json.dumps(
        {
            "results": [{"id": r.id, "seq": r.seq, "outcome": r.outcome} for r in reply.results],
            "last_seq": reply.last_seq,
            "anchor_flag": reply.anchor_flag,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _inline_schema(kind: Any) -> dict[str, Any]:
    """``kind``'s JSON schema with its definitions written in place (the push documents its
    body by hand, having no model parameter: see :func:`read_push`)."""
    schema: dict[str, Any] = TypeAdapter(kind).json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return inline(definitions[ref.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined


PUSH_BODY_DOC = {
    "required": True,
    "content": {"application/json": {"schema": _inline_schema(PushBatch)}},
}


def create_app(
    db: Database, *, clock: Clock = time.time, office_hosts: frozenset[str] = pages.LOOPBACK
) -> FastAPI:
    """The API on ``db`` and the office's pages (answering ``office_hosts`` only); ``clock``
    is the server's time (tests move it)."""
    app = FastAPI(
        title="门店总部 Head office",
        version="1",
        description="Sync for store counters: push events, pull changes, members and holds. "
        f"Every /v1 request is signed: headers {DEVICE_HEADER}, {TIMESTAMP_HEADER}, "
        f"{NONCE_HEADER}, {SIGNATURE_HEADER}; replies carry {SERVER_TIME_HEADER}.",
    )
    app.state.db = db
    app.state.clock = clock

    @app.middleware("http")
    async def server_time(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers[SERVER_TIME_HEADER] = str(int(clock()))
        return response

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> JSONResponse:
        return JSONResponse(to_json(Refusal(exc.code, exc.detail)), status_code=exc.status)

    @app.get("/health")
    def health() -> Health:
        return Health("ok", db.engine.dialect.name)

    @app.post(
        "/v1/sync/push",
        response_model=PushReply,
        responses={
            409: {"model": GapReply},
            401: {"model": Refusal},
            413: {"model": Refusal},
            422: {"model": Refusal},
        },
        openapi_extra={"requestBody": PUSH_BODY_DOC},
    )
    def push(who: SignedUnkept) -> Response:
        batch = read_push(who.body)
        if len(batch.events) > MAX_BATCH:
            raise Refused(413, "batch_too_large", f"at most {MAX_BATCH} events per push")
        reply = apply.push(
            db,
            who.device.id,
            batch,
            clock_skew_s=who.clock_skew_s,
            first=lambda session: remember_nonce(session, who, every_device=False),
        )
        if isinstance(reply, GapReply):
            return JSONResponse(to_json(reply), status_code=409)
        return Response(push_reply_json(reply), media_type="application/json")

    @app.get("/v1/sync/status", responses={401: {"model": Refusal}})
    def status(who: Signed) -> SyncStatus:
        with db.transaction() as session:
            device = session.get(DeviceRow, who.device.id)
            assert device is not None
            anchor = (
                AuditAnchor(device.anchor_count, device.anchor_hash or "")
                if device.anchor_count is not None
                else None
            )
            return SyncStatus(
                device.id,
                device.store_code,
                device.counter_no,
                device.last_seq,
                anchor,
                device.anchor_flag,
            )

    @app.get("/v1/sync/pull", responses={401: {"model": Refusal}, 422: {"model": Refusal}})
    def pull_changes(who: Signed, cursor: str = "") -> PullPage:
        try:
            return pull.pull(db, who.device.store_code, cursor)
        except pull.BadCursor as exc:
            raise Refused(422, "bad_cursor", str(exc)) from None

    @app.post("/v1/members/lookup", responses={404: {"model": Refusal}})
    def lookup(request: LookupRequest, who: Signed) -> MemberSnapshot:
        if not request.card_no and not request.phone_key:
            raise Refused(422, "lookup_needs_key", "give card_no or phone_key")
        found = pull.lookup(db, request, who.device.store_code)
        if found is None:
            raise Refused(404, "no_member", "no member with that card or phone")
        return found

    @app.post("/v1/members/{member_id}/holds", responses={404: {"model": Refusal}})
    def hold(member_id: str, request: HoldRequest, who: Signed) -> HoldReply:
        if request.amount <= 0:
            raise Refused(422, "bad_amount", "a hold's amount must be above zero")
        reply = pull.hold(db, who.device, member_id, request)
        if reply is None:
            raise Refused(404, "no_member", f"no member {member_id}")
        return reply

    @app.delete("/v1/members/{member_id}/holds/{hold_id}", responses={404: {"model": Refusal}})
    def release(member_id: str, hold_id: str, who: Signed) -> HoldReply:
        reply = pull.release(db, who.device, member_id, hold_id)
        if reply is None:
            raise Refused(404, "no_hold", f"no hold {hold_id} of this counter")
        return reply

    pages.install(app, db, hosts=office_hosts, clock=clock)
    return app


def _verify(
    db: Database, now: float, method: str, path: str, headers: dict[str, str], body: bytes
) -> SignedDevice:
    device_id = headers.get(DEVICE_HEADER.lower(), "")
    stamp = headers.get(TIMESTAMP_HEADER.lower(), "")
    nonce = headers.get(NONCE_HEADER.lower(), "")
    signature = headers.get(SIGNATURE_HEADER.lower(), "")
    if not (device_id and stamp and nonce and signature):
        raise Refused(401, "unsigned", "request not signed")
    if not stamp.isdigit():
        raise Refused(401, "bad_timestamp", "timestamp must be whole seconds since the epoch")
    if len(nonce) > MAX_NONCE_LENGTH:
        raise Refused(401, "bad_nonce", f"nonce longer than {MAX_NONCE_LENGTH}")
    timestamp = int(stamp)
    skew = timestamp - int(now)
    if abs(skew) > CLOCK_WINDOW_S:
        raise Refused(
            401,
            "stale_timestamp",
            f"timestamp {skew:+d} s from the server's clock (at most {CLOCK_WINDOW_S} s):"
            f" sign with the time in {SERVER_TIME_HEADER}",
        )
    with db.sessions() as session:
        device = session.get(DeviceRow, device_id)
    if device is None or not signature_matches(
        device.secret, signature, method, path, timestamp, nonce, body
    ):
        raise Refused(401, "bad_signature", "signature does not match")
    return SignedDevice(device, skew, nonce, dt.datetime.fromtimestamp(now, dt.UTC), body)


def _keep_nonce(db: Database, who: SignedDevice) -> None:
    with db.transaction() as session:
        remember_nonce(session, who, every_device=True)


def remember_nonce(session: Session, who: SignedDevice, *, every_device: bool) -> None:
    """Keep the request's nonce in ``session``'s transaction (refused when its device used it
    before) and forget nonces too old to matter: every device's, or (inside a push, which must
    not wait on another device's transaction for them) the device's own."""
    stale = NonceRow.seen_at < who.seen_at - dt.timedelta(seconds=NONCE_KEEP_S)
    if not every_device:
        stale = stale & (NonceRow.device_id == who.device.id)
    session.execute(delete(NonceRow).where(stale))
    values = {"device_id": who.device.id, "nonce": who.nonce, "seen_at": who.seen_at}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    kept = session.scalar(
        dialect.insert(NonceRow).values(values).on_conflict_do_nothing().returning(NonceRow.nonce)
    )
    if kept is None:
        raise Refused(401, "nonce_reused", "nonce already used")
