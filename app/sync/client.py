"""The counter's HTTP client of the head office: every request signed, on the head office's clock.

What it guarantees: a request is signed per ``app.sync.protocol`` with the time the head office
keeps (the last :data:`SERVER_TIME_HEADER` it sent plus the seconds elapsed since on this
counter's monotonic clock), so a counter whose clock is a day off still signs correctly; a
refusal for a stale timestamp is retried once with the server's time. A head office that does not
answer (no connection, a timeout, a 5xx, a 429) is :class:`HeadOfficeUnreachable`, with the wait
it asked for (``Retry-After``); a refusal it means is :class:`HeadOfficeRefused`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any, TypeVar

import requests

from app.config import HeadOfficeConfig
from app.errors import KnownError
from app.sync.protocol import (
    LOOKUP_PATH,
    PULL_PATH,
    PUSH_PATH,
    SERVER_TIME_HEADER,
    STATUS_PATH,
    GapReply,
    HoldReply,
    HoldRequest,
    LookupRequest,
    MemberSnapshot,
    ProtocolError,
    PullPage,
    PushBatch,
    PushReply,
    Refusal,
    SyncStatus,
    dumps,
    from_json,
    holds_path,
    signed_headers,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds to connect and to read a reply, for pushes and pulls (a lookup has its own).
CONNECT_TIMEOUT_S = 3.0
READ_TIMEOUT_S = 30.0
#: A swiped card is looked up for at most this long before the last snapshot serves.
LOOKUP_TIMEOUT_S = 1.0


def _budget(timeout_s: float | None) -> float:
    """The time a lookup or a hold may take, read at each call (not fixed when this module
    loads: a test on a loaded machine gives the head office longer)."""
    return LOOKUP_TIMEOUT_S if timeout_s is None else timeout_s


class HeadOfficeUnreachable(KnownError):
    """The head office did not answer (or asked to be left alone for ``retry_after`` s)."""

    def __init__(self, message: str, *args: object, retry_after: float | None = None) -> None:
        super().__init__(message, *args)
        self.retry_after = retry_after


class HeadOfficeRefused(KnownError):
    """The head office answered and refused: ``code`` says why (``bad_signature``...)."""

    def __init__(self, message: str, *args: object, code: str = "", status: int = 0) -> None:
        super().__init__(message, *args)
        self.code = code
        self.status = status


class HeadOfficeClient:
    """One counter's requests to its head office; safe to share between threads."""

    def __init__(
        self,
        config: HeadOfficeConfig,
        *,
        session: requests.Session | None = None,
        monotonic: Any = time.monotonic,
        wall_clock: Any = time.time,
    ) -> None:
        self.config = config
        self._http = session or requests.Session()
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        #: (server time, this counter's monotonic reading then), from the last reply.
        self._server_clock: tuple[float, float] | None = None

    # --- the head office's clock ----------------------------------------------------------------

    def server_now(self) -> float:
        """The head office's time as this counter reckons it."""
        with self._lock:
            known = self._server_clock
        if known is None:
            return float(self._wall_clock())
        server_time, at = known
        return server_time + (float(self._monotonic()) - at)

    @property
    def clock_skew_s(self) -> float | None:
        """This counter's clock minus the head office's (None until it has answered)."""
        with self._lock:
            known = self._server_clock
        if known is None:
            return None
        return float(self._wall_clock()) - self.server_now()

    def _note_server_time(self, response: requests.Response) -> None:
        stamp = response.headers.get(SERVER_TIME_HEADER, "")
        if stamp.isdigit():
            with self._lock:
                self._server_clock = (float(stamp), self._monotonic())

    # --- requests -------------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        timeout: tuple[float, float] | None = None,
    ) -> requests.Response:
        for attempt in range(2):
            headers = signed_headers(
                self.config.device_id, self.config.secret, method, path, body, now=self.server_now()
            )
            headers["Content-Type"] = "application/json"
            try:
                response = self._http.request(
                    method,
                    self.config.url + path,
                    data=body,
                    headers=headers,
                    timeout=timeout or (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
                )
            except requests.RequestException as exc:
                log.info("head office %s unreachable: %s", self.config.url, exc)
                raise HeadOfficeUnreachable("总部无法连接：%1", self.config.url) from exc
            self._note_server_time(response)
            if (
                response.status_code == 401
                and attempt == 0
                and _code(response) == "stale_timestamp"
            ):
                continue  # signed again with the server's time just learnt
            return self._checked(response)
        raise AssertionError("unreachable")  # pragma: no cover (the loop returns or raises)

    def _checked(self, response: requests.Response) -> requests.Response:
        status = response.status_code
        if status == 429 or status >= 500:
            raise HeadOfficeUnreachable(
                "总部暂时无法处理（%1），稍后重试", status, retry_after=_retry_after(response)
            )
        if status in (200, 409):
            return response
        code = _code(response)
        detail = _detail(response)
        raise HeadOfficeRefused("总部拒绝了请求：%1", detail or status, code=code, status=status)

    def _read(self, cls: type[T], response: requests.Response) -> T:
        try:
            return from_json(cls, response.json())
        except (ValueError, ProtocolError) as exc:
            raise HeadOfficeRefused(
                "总部的回复无法读取：%1", exc, code="bad_reply", status=response.status_code
            ) from exc

    def push(self, batch: PushBatch) -> PushReply | GapReply:
        return self.push_body(dumps(batch))

    def push_body(self, body: bytes) -> PushReply | GapReply:
        """A push whose body is already the JSON of a :class:`PushBatch`."""
        response = self._request("POST", PUSH_PATH, body)
        if response.status_code == 409:
            return self._read(GapReply, response)
        return self._read(PushReply, response)

    def status(self) -> SyncStatus:
        return self._read(SyncStatus, self._request("GET", STATUS_PATH))

    def pull(self, cursor: str) -> PullPage:
        path = PULL_PATH + (f"?cursor={cursor}" if cursor else "")
        return self._read(PullPage, self._request("GET", path))

    def lookup(
        self, request: LookupRequest, *, timeout_s: float | None = None
    ) -> MemberSnapshot | None:
        """A fresh snapshot of the member, None when the head office knows no such member.
        ``timeout_s``: :data:`LOOKUP_TIMEOUT_S` unless said."""
        try:
            response = self._request(
                "POST", LOOKUP_PATH, dumps(request), timeout=_within(_budget(timeout_s))
            )
        except HeadOfficeRefused as exc:
            if exc.status == 404:
                return None
            raise
        return self._read(MemberSnapshot, response)

    def hold(
        self, member_id: str, request: HoldRequest, *, timeout_s: float | None = None
    ) -> HoldReply:
        response = self._request(
            "POST", holds_path(member_id), dumps(request), timeout=_within(_budget(timeout_s))
        )
        return self._read(HoldReply, response)

    def release(self, member_id: str, hold_id: str) -> None:
        try:
            self._request(
                "DELETE",
                f"{holds_path(member_id)}/{hold_id}",
                timeout=_within(_budget(None)),
            )
        except HeadOfficeRefused as exc:
            if exc.status != 404:
                raise

    def close(self) -> None:
        self._http.close()


def _within(seconds: float) -> tuple[float, float]:
    """Connect and read timeouts that together stay within ``seconds``."""
    return seconds / 2, seconds / 2


def _body(response: requests.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except (ValueError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _code(response: requests.Response) -> str:
    code = _body(response).get("code", "")
    return code if isinstance(code, str) else ""


def _detail(response: requests.Response) -> str:
    data = _body(response)
    detail = data.get("detail", "")
    if isinstance(detail, str):
        return detail[:200]
    return str(detail)[:200]


def _retry_after(response: requests.Response) -> float | None:
    """``Retry-After`` in seconds (the HTTP-date form is read as no advice)."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


__all__ = [
    "HeadOfficeClient",
    "HeadOfficeRefused",
    "HeadOfficeUnreachable",
    "Refusal",
]
