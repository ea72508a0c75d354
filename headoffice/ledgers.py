"""Members at the head office: moved only by the ledger entries events carry.

What it guarantees: each entry is taken once, by the id the counter gave it (a sale's payment
entry rides in both ``SalePaid`` and ``MemberSaleRecorded``; it counts once), so a member's
stored value (principal and bonus apart) and points always equal the sums of their entries. A
spend that takes a balance below zero is never refused (the sale happened): it opens one overdraft
case per member, kept up to date while open, and puts the member on the hot-list. A card number is
held by one member chain-wide: a second member enrolled with it opens a clash case and is kept
apart, never merged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, insert, literal, select, text
from sqlalchemy.orm import Session

from app.storage.base import utcnow
from app.storage.ids import new_id
from headoffice.models import (
    CardRow,
    CaseRow,
    ChangeRow,
    HoldRow,
    MemberRow,
    PointsEntryRow,
    StoredValueEntryRow,
)

CASE_OVERDRAFT = "overdraft"
CASE_POINTS_OVERDRAFT = "points_overdraft"
CASE_CARD_CLASH = "card_clash"
CASE_ANCHOR = "anchor"
HOT_OVERDRAFT = "overdraft"
#: A change-log row's kinds: what a pull sends again.
CHANGE_MEMBER = "member"
CHANGE_HOTLIST = "hotlist"

_CHANGED = "headoffice.changed"


class Malformed(Exception):
    """An event the head office cannot read: parked for a person, acknowledged."""


@dataclasses.dataclass(frozen=True)
class Origin:
    """Where an event comes from: the device that pushed it, its store and counter."""

    device_id: str
    store_code: str
    counter_no: int
    event_id: str


# --- reading payloads ---------------------------------------------------------------------------


def text_of(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise Malformed(f"{key}: expected text, got {value!r}")
    return value


def int_of(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Malformed(f"{key}: expected an integer, got {value!r}")
    return value


def entries_of(payload: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The ledger entries an event carries (members' events say ``entries``, orders'
    ``ledger_entries``)."""
    found: list[Mapping[str, Any]] = []
    for key in ("entries", "ledger_entries"):
        value = payload.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise Malformed(f"{key}: expected a list of entries")
        found.extend(value)
    return found


# --- the change log -----------------------------------------------------------------------------


def note_change(session: Session, kind: str, key: str, store_code: str | None = None) -> None:
    """A pull will send ``key`` again (once per transaction, however often it changed)."""
    seen: set[tuple[str, str]] = session.info.setdefault(_CHANGED, set())
    if (kind, key) in seen:
        return
    seen.add((kind, key))
    txid: Any = (
        text("pg_current_xact_id()::text::bigint")
        if session.get_bind().dialect.name == "postgresql"
        else _sqlite_txid()
    )
    session.execute(insert(ChangeRow).values(txid=txid, kind=kind, key=key, store_code=store_code))


def _sqlite_txid() -> Any:
    """On SQLite (one writer at a time) a number that only grows, taken from the clock in
    microseconds: rows written after the database is restored from an older backup sort after
    every cursor handed out before it (the ids alone are used again and would sort before).
    Computed in the INSERT itself (SQLite's two-argument ``max``): no statement more."""
    last = select(func.coalesce(func.max(ChangeRow.txid), 0) + 1).scalar_subquery()
    return func.max(literal(time.time_ns() // 1000), last)


def forget_noted_changes(session: Session) -> None:
    """After a rollback: the rolled-back transaction's changes were never written."""
    session.info.pop(_CHANGED, None)


# --- members ------------------------------------------------------------------------------------


def member_row(session: Session, member_id: str, card_no: str, origin: Origin) -> MemberRow:
    """The member, made from what an event says when the head office has not heard of them
    (a member enrolled before the counter was registered): its entries are never lost."""
    # Locked and read afresh (PostgreSQL; SQLite's writers are already one at a time): two
    # stores' events moving the same member take turns instead of losing one's update.
    member = session.scalar(
        select(MemberRow)
        .where(MemberRow.id == member_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if member is None:
        member = MemberRow(
            id=member_id,
            card_no=card_no,
            name="",
            phone_masked="",
            home_store=origin.store_code,
            status="active",
            principal_fen=0,
            bonus_fen=0,
            points=0,
            hot=False,
            hot_reason="",
            enrolled_by=origin.device_id,
            updated_at=utcnow(),
        )
        session.add(member)
        session.flush()
        if card_no:
            claim_card(session, member, card_no, origin)
    return member


def claim_card(session: Session, member: MemberRow, card_no: str, origin: Origin) -> bool:
    """Give ``card_no`` to ``member``; held by someone else, it opens a clash case instead."""
    card = session.get(CardRow, card_no)
    if card is None:
        session.add(CardRow(card_no=card_no, member_id=member.id, status="active"))
        session.flush()
        return True
    if card.member_id == member.id:
        card.status = "active"
        return True
    open_case(
        session,
        CASE_CARD_CLASH,
        origin,
        card_no=card_no,
        member_id=member.id,
        detail={"held_by": card.member_id, "claimed_by": member.id},
    )
    return False


def enrol(session: Session, payload: Mapping[str, Any], origin: Origin) -> None:
    member_id = text_of(payload, "member_id")
    card_no = text_of(payload, "card_no")
    name = text_of(payload, "name")
    member = member_row(session, member_id, "", origin)
    member.name = name
    member.card_no = card_no
    member.phone_masked = text_of(payload, "phone_masked", required=False)
    member.phone_key = (
        payload.get("phone_key") if isinstance(payload.get("phone_key"), str) else None
    )
    member.home_store = text_of(payload, "home_store", required=False) or origin.store_code
    card_type = payload.get("card_type_id")
    member.card_type_id = card_type if isinstance(card_type, str) else None
    member.updated_at = utcnow()
    claim_card(session, member, card_no, origin)
    note_change(session, CHANGE_MEMBER, member.id)


def update_member(session: Session, payload: Mapping[str, Any], origin: Origin) -> None:
    member_id = text_of(payload, "member_id")
    member = member_row(session, member_id, "", origin)
    if "name" in payload:
        member.name = text_of(payload, "name")
    if "phone_masked" in payload:
        member.phone_masked = text_of(payload, "phone_masked", required=False)
    if isinstance(payload.get("phone_key"), str):
        member.phone_key = payload["phone_key"]
    if "home_store" in payload:
        member.home_store = text_of(payload, "home_store", required=False)
    member.updated_at = utcnow()
    note_change(session, CHANGE_MEMBER, member.id)


def replace_card(session: Session, payload: Mapping[str, Any], origin: Origin) -> None:
    member_id = text_of(payload, "member_id")
    card_no = text_of(payload, "card_no")
    old_no = text_of(payload, "old_card_no", required=False)
    member = member_row(session, member_id, old_no, origin)
    old = session.get(CardRow, old_no) if old_no else None
    if old is not None and old.member_id == member.id:
        old.status = "replaced"
    if claim_card(session, member, card_no, origin):
        member.card_no = card_no
    member.updated_at = utcnow()
    note_change(session, CHANGE_MEMBER, member.id)


def set_status(session: Session, payload: Mapping[str, Any], origin: Origin, status: str) -> None:
    member = member_row(session, text_of(payload, "member_id"), "", origin)
    member.status = status
    member.updated_at = utcnow()
    note_change(session, CHANGE_MEMBER, member.id)


# --- ledgers ------------------------------------------------------------------------------------


def apply_entries(
    session: Session, payload: Mapping[str, Any], origin: Origin
) -> list[tuple[str, str, str | None]]:
    """Take the event's stored-value and points entries not taken before; what was taken, as
    (ledger, member id, order id), so the holds of those orders are settled."""
    fallback_card = payload.get("card_no") if isinstance(payload.get("card_no"), str) else ""
    taken: list[tuple[str, str, str | None]] = []
    appliers = {"stored_value": _stored_value, "points": _points}
    for entry in entries_of(payload):
        ledger = entry.get("ledger")
        applier = appliers.get(ledger) if isinstance(ledger, str) else None
        if applier is not None and applier(session, entry, origin, str(fallback_card)):
            taken.append((str(ledger), entry["member_id"], entry.get("order_id")))
    settle_holds(session, taken)
    return taken


def _common(entry: Mapping[str, Any]) -> dict[str, Any]:
    order_id = entry.get("order_id")
    if order_id is not None and not isinstance(order_id, str):
        raise Malformed(f"order_id: expected text, got {order_id!r}")
    return {
        "id": text_of(entry, "id"),
        "member_id": text_of(entry, "member_id"),
        "kind": text_of(entry, "kind"),
        "order_id": order_id,
        "reason": text_of(entry, "reason", required=False)[:80],
        "business_day": text_of(entry, "business_day", required=False)[:10],
    }


def _stored_value(session: Session, entry: Mapping[str, Any], origin: Origin, card_no: str) -> bool:
    values = _common(entry)
    principal = int_of(entry, "principal_delta")
    bonus = int_of(entry, "bonus_delta")
    if session.get(StoredValueEntryRow, values["id"]) is not None:
        return False
    member = member_row(session, values["member_id"], card_no, origin)
    session.add(
        StoredValueEntryRow(
            **values,
            principal_delta=principal,
            bonus_delta=bonus,
            event_id=origin.event_id,
            store_code=origin.store_code,
            counter_no=origin.counter_no,
            applied_at=utcnow(),
        )
    )
    short_before = _shortfall(member.principal_fen, member.bonus_fen)
    member.principal_fen += principal
    member.bonus_fen += bonus
    member.updated_at = utcnow()
    note_change(session, CHANGE_MEMBER, member.id)
    short_after = _shortfall(member.principal_fen, member.bonus_fen)
    if short_after > short_before:
        _overdrawn(session, member, CASE_OVERDRAFT, short_after, origin)
    return True


def _points(session: Session, entry: Mapping[str, Any], origin: Origin, card_no: str) -> bool:
    values = _common(entry)
    delta = int_of(entry, "delta")
    if session.get(PointsEntryRow, values["id"]) is not None:
        return False
    member = member_row(session, values["member_id"], card_no, origin)
    session.add(
        PointsEntryRow(
            **values,
            delta=delta,
            event_id=origin.event_id,
            store_code=origin.store_code,
            counter_no=origin.counter_no,
            applied_at=utcnow(),
        )
    )
    before = member.points
    member.points += delta
    member.updated_at = utcnow()
    note_change(session, CHANGE_MEMBER, member.id)
    if member.points < 0 and member.points < before:
        _overdrawn(session, member, CASE_POINTS_OVERDRAFT, -member.points, origin)
    return True


def _shortfall(principal_fen: int, bonus_fen: int) -> int:
    """How much of the member's money was spent twice: either part below zero."""
    return -min(principal_fen, 0) - min(bonus_fen, 0)


def _overdrawn(session: Session, member: MemberRow, kind: str, amount: int, origin: Origin) -> None:
    """One open case per member and kind, its amount the shortfall now; the hot-list."""
    case = session.scalar(
        select(CaseRow).where(
            CaseRow.member_id == member.id, CaseRow.kind == kind, CaseRow.state == "open"
        )
    )
    if case is None:
        open_case(session, kind, origin, card_no=member.card_no, member_id=member.id, amount=amount)
    else:
        case.amount_fen = amount
    if not member.hot:
        member.hot = True
        member.hot_reason = HOT_OVERDRAFT
        note_change(session, CHANGE_HOTLIST, member.id)


def open_case(
    session: Session,
    kind: str,
    origin: Origin,
    *,
    card_no: str = "",
    member_id: str | None = None,
    amount: int = 0,
    detail: Mapping[str, Any] | None = None,
) -> CaseRow:
    case = CaseRow(
        id=new_id(),
        kind=kind,
        card_no=card_no,
        member_id=member_id,
        store_code=origin.store_code,
        device_id=origin.device_id,
        amount_fen=amount,
        opened_at=utcnow(),
        state="open",
        detail=json.dumps(
            {"event_id": origin.event_id, **(detail or {})}, ensure_ascii=False, sort_keys=True
        ),
    )
    session.add(case)
    return case


def resolve_case(session: Session, case_id: str, resolution: str) -> CaseRow:
    """A person has dealt with the case (the money was paid back, the card reissued...); the
    member leaves the hot-list once none of their overdraft cases is open."""
    case = session.get(CaseRow, case_id)
    if case is None:
        raise LookupError(case_id)
    case.state = "resolved"
    case.resolution = resolution
    case.resolved_at = utcnow()
    session.flush()
    if case.member_id is None or case.kind not in (CASE_OVERDRAFT, CASE_POINTS_OVERDRAFT):
        return case
    still_open = session.scalar(
        select(func.count()).where(
            CaseRow.member_id == case.member_id,
            CaseRow.kind.in_((CASE_OVERDRAFT, CASE_POINTS_OVERDRAFT)),
            CaseRow.state == "open",
        )
    )
    member = session.get(MemberRow, case.member_id)
    if not still_open and member is not None and member.hot:
        member.hot = False
        member.hot_reason = ""
        member.updated_at = utcnow()
        note_change(session, CHANGE_HOTLIST, member.id)
        note_change(session, CHANGE_MEMBER, member.id)
    return case


def settle_holds(session: Session, taken: Iterable[tuple[str, str, str | None]]) -> None:
    """The push of an order settles the holds taken for it."""
    for ledger, member_id, order_id in taken:
        if order_id is None:
            continue
        for hold in session.scalars(
            select(HoldRow).where(
                HoldRow.member_id == member_id,
                HoldRow.order_id == order_id,
                HoldRow.ledger == ledger,
                HoldRow.state == "active",
            )
        ):
            hold.state = "settled"


def ledger_sums(session: Session, member_id: str) -> tuple[int, int, int]:
    """Principal, bonus and points as the sums of the member's entries (for checks)."""
    principal, bonus = session.execute(
        select(
            _sum(StoredValueEntryRow.principal_delta), _sum(StoredValueEntryRow.bonus_delta)
        ).where(StoredValueEntryRow.member_id == member_id)
    ).one()
    points = session.scalar(
        select(_sum(PointsEntryRow.delta)).where(PointsEntryRow.member_id == member_id)
    )
    return int(principal), int(bonus), int(points or 0)


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
