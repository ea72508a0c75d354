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
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.storage.base import utcnow
from app.storage.ids import new_id
from headoffice import ledger_batch
from headoffice.models import (
    CardRow,
    CaseRow,
    ChangeRow,
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
_LOCKED = "headoffice.locked_members"


class Malformed(Exception):
    """An event the head office cannot read: parked for a person, acknowledged."""


class Origin(NamedTuple):
    """Where an event comes from: the device that pushed it, its store and counter (a tuple:
    one is made for every event of a batch)."""

    device_id: str
    store_code: str
    counter_no: int
    event_id: str


# --- reading payloads ---------------------------------------------------------------------------


#: What a BIGINT column holds: a larger number is the event's fault, found before the batch's
#: rows are written together (where it would fail the whole batch, not the one event).
_BIGINT = 2**63
#: A UUID's text: every id column's length.
ID_LENGTH = 36


def text_of(
    data: Mapping[str, Any], key: str, *, required: bool = True, longest: int | None = None
) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise Malformed(f"{key}: expected text, got {value!r}")
    if longest is not None and len(value) > longest:
        raise Malformed(f"{key}: longer than {longest} characters")
    return value


def int_of(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Malformed(f"{key}: expected an integer, got {value!r}")
    if not -_BIGINT <= value < _BIGINT:
        raise Malformed(f"{key}: {value} is beyond what a ledger can hold")
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
    batch = ledger_batch.current(session)
    if batch is not None:  # written with the push batch's other rows
        batch.note(kind, key, store_code)
        return
    seen: set[tuple[str, str]] = session.info.setdefault(_CHANGED, set())
    if (kind, key) in seen:
        return
    seen.add((kind, key))
    txid = ledger_batch.txid_expression(session)
    session.execute(insert(ChangeRow).values(txid=txid, kind=kind, key=key, store_code=store_code))


def forget_locks(session: Session) -> None:
    """After a savepoint's rollback: the members it locked may be unlocked again (PostgreSQL)
    and its changes to them are undone, so they are locked and read afresh when next moved."""
    session.info.pop(_LOCKED, None)
    batch = ledger_batch.current(session)
    if batch is not None:
        batch.forget()
    for instance in list(session.identity_map.values()):
        if isinstance(instance, MemberRow):
            session.expire(instance)


# --- members ------------------------------------------------------------------------------------


def lock_members(session: Session, member_ids: Iterable[str]) -> None:
    """Lock and read the balances of the members a push batch is about to move, in one
    statement and in id order (PostgreSQL; SQLite's writers are already one at a time): two
    stores' batches moving the same members take turns instead of deadlocking or losing an
    update. Read as plain rows into the batch: ORM objects cost more than the rest of a
    member's sale."""
    batch = ledger_batch.current(session)
    wanted = sorted(set(member_ids))
    if batch is None or not wanted:
        return
    rows = session.execute(
        select(MemberRow.id, MemberRow.principal_fen, MemberRow.bonus_fen, MemberRow.points)
        .where(ledger_batch.among(session, MemberRow.id, wanted))
        .order_by(MemberRow.id)
        .with_for_update()
    )
    for member_id, principal, bonus, points in rows:
        batch.balances[member_id] = ledger_batch.Balance(principal, bonus, points)


def member_row(session: Session, member_id: str, card_no: str, origin: Origin) -> MemberRow:
    """The member, made from what an event says when the head office has not heard of them
    (a member enrolled before the counter was registered): its entries are never lost."""
    locked: dict[str, MemberRow] = session.info.setdefault(_LOCKED, {})
    member = locked.get(member_id)  # locked by this transaction: its row here is current
    if member is None:
        # Locked and read afresh: two stores' events moving the same member take turns instead
        # of losing one's update.
        member = session.scalar(
            select(MemberRow)
            .where(MemberRow.id == member_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    if member is not None:
        locked[member_id] = member
    else:
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
        locked[member_id] = member
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
    member.joined_on = _joined_on(payload)
    member.updated_at = utcnow()
    claim_card(session, member, card_no, origin)
    note_change(session, CHANGE_MEMBER, member.id)


def _joined_on(payload: Mapping[str, Any]) -> str | None:
    """The enrolling counter's ``joined_on``; none when it sent none or not a date."""
    value = payload.get("joined_on")
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


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


@dataclasses.dataclass(frozen=True)
class Entry:
    """A ledger entry as an event carries it, read and checked before anything moves."""

    ledger: str
    values: dict[str, Any]


def read_entries(payload: Mapping[str, Any]) -> list[Entry]:
    """The event's stored-value and points entries, every field checked (Malformed when one is
    not what it must be): nothing is written yet, so a bad entry leaves nothing to undo."""
    entries = []
    for entry in entries_of(payload):
        ledger = entry.get("ledger")
        if ledger == "stored_value":
            values = {
                **_common(entry),
                "principal_delta": int_of(entry, "principal_delta"),
                "bonus_delta": int_of(entry, "bonus_delta"),
            }
        elif ledger == "points":
            values = {**_common(entry), "delta": int_of(entry, "delta")}
        else:
            continue
        entries.append(Entry(ledger, values))
    return entries


def apply_entries(session: Session, payload: Mapping[str, Any], origin: Origin) -> None:
    """Take the event's stored-value and points entries not taken before."""
    take_entries(session, read_entries(payload), payload, origin)


def take_entries(
    session: Session, entries: list[Entry], payload: Mapping[str, Any], origin: Origin
) -> None:
    """Take ``entries`` (from :func:`read_entries`) not taken before, inside a push batch
    (``headoffice.ledger_batch``), which writes them with its other rows."""
    batch = ledger_batch.current(session)
    if batch is None:
        raise RuntimeError("ledger entries are taken inside a push batch only")
    fallback_card = payload.get("card_no") if isinstance(payload.get("card_no"), str) else ""
    for entry in entries:
        values = entry.values
        if batch.taken(session, entry.ledger, values["id"]):
            continue
        member_id = values["member_id"]
        if member_id not in batch.balances:  # not locked yet, or not known here yet
            member = member_row(session, member_id, str(fallback_card), origin)
            batch.balances[member_id] = ledger_batch.Balance(
                member.principal_fen, member.bonus_fen, member.points
            )
        batch.take(
            entry.ledger,
            {
                **values,
                "event_id": origin.event_id,
                "store_code": origin.store_code,
                "counter_no": origin.counter_no,
                "applied_at": batch.now,
            },
        )
        if entry.ledger == "stored_value":
            _move_stored_value(session, batch, member_id, values, origin)
        else:
            _move_points(session, batch, member_id, values, origin)
        if values["order_id"] is not None:  # the push of an order settles its holds
            batch.settle(entry.ledger, member_id, values["order_id"])


def members_ready(session: Session, entries: list[Entry]) -> bool:
    """Whether every member ``entries`` move exists and is locked by this push batch, so
    taking them writes nothing to the database before the batch ends (see ``apply``)."""
    batch = ledger_batch.current(session)
    return batch is not None and all(e.values["member_id"] in batch.balances for e in entries)


def _common(entry: Mapping[str, Any]) -> dict[str, Any]:
    order_id = entry.get("order_id")
    if order_id is not None and (not isinstance(order_id, str) or len(order_id) > ID_LENGTH):
        raise Malformed(f"order_id: expected an id, got {order_id!r}")
    return {
        "id": text_of(entry, "id", longest=ID_LENGTH),
        "member_id": text_of(entry, "member_id", longest=ID_LENGTH),
        "kind": text_of(entry, "kind", longest=32),
        "order_id": order_id,
        "reason": text_of(entry, "reason", required=False)[:80],
        "business_day": text_of(entry, "business_day", required=False)[:10],
    }


def _move_stored_value(
    session: Session,
    batch: ledger_batch.LedgerBatch,
    member_id: str,
    values: Mapping[str, Any],
    origin: Origin,
) -> None:
    before = batch.balances[member_id]
    short_before = _shortfall(before.principal, before.bonus)
    after = batch.move(member_id, values["principal_delta"], values["bonus_delta"], 0)
    batch.note(CHANGE_MEMBER, member_id, None)
    short_after = _shortfall(after.principal, after.bonus)
    if short_after > short_before:
        _overdrawn(session, member_id, CASE_OVERDRAFT, short_after, origin)


def _move_points(
    session: Session,
    batch: ledger_batch.LedgerBatch,
    member_id: str,
    values: Mapping[str, Any],
    origin: Origin,
) -> None:
    before = batch.balances[member_id].points
    after = batch.move(member_id, 0, 0, values["delta"]).points
    batch.note(CHANGE_MEMBER, member_id, None)
    if after < 0 and after < before:
        _overdrawn(session, member_id, CASE_POINTS_OVERDRAFT, -after, origin)


def _shortfall(principal_fen: int, bonus_fen: int) -> int:
    """How much of the member's money was spent twice: either part below zero."""
    return -min(principal_fen, 0) - min(bonus_fen, 0)


def _overdrawn(session: Session, member_id: str, kind: str, amount: int, origin: Origin) -> None:
    """One open case per member and kind, its amount the shortfall now; the hot-list."""
    case = session.scalar(
        select(CaseRow).where(
            CaseRow.member_id == member_id, CaseRow.kind == kind, CaseRow.state == "open"
        )
    )
    member = session.get(MemberRow, member_id)  # locked already; its card and hot flag
    assert member is not None
    if case is None:
        open_case(session, kind, origin, card_no=member.card_no, member_id=member_id, amount=amount)
    else:
        case.amount_fen = amount
    if not member.hot:
        member.hot = True
        member.hot_reason = HOT_OVERDRAFT
        note_change(session, CHANGE_HOTLIST, member_id)


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
