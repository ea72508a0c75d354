"""Members as the head office says they are, applied here: enrolled elsewhere, balances, hot-list.

What it guarantees:
- Applying a snapshot twice changes nothing the second time (idempotent): a member's balances
  are moved to the head office's figure plus what this counter has done that the head office has
  not yet acknowledged, by one ``sync`` ledger entry of the difference, so every local balance
  still equals the sum of its entries, and the counter's own unsent spends are never undone.
- A ``sync`` entry is the head office's figure, not a new event: it is not put in the outbox.
- A member enrolled at another store becomes a member here (the same id and card), on the card
  type with the same id if this counter has it, else on its default card type; a card number
  held here by another member is never merged (the snapshot is kept aside and logged).
- A balance an overdraft took below zero is shown below zero, the same as at the head office.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.members.accounts import PointsLine, StoredValueLine, driver_connection
from app.members.member_status import MemberStatus
from app.storage import ledger_rows
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.ids import new_id
from app.storage.member_models import CardTypeRow, MemberCardRow, MemberRow
from app.storage.models import SyncMemberRow
from app.storage.outbox import SYNC_ENTRY_KIND, Pending, pending_moves
from app.sync.protocol import HotListEntry, MemberSnapshot
from app.sync.reference import local_card_type_id

log = logging.getLogger(__name__)

#: Members applied per write transaction: a page of 500 would hold the lock too long.
MEMBERS_PER_TRANSACTION = 50
SYNC_REASON = "总部同步"
_STATUSES = frozenset(status.value for status in MemberStatus)


@dataclasses.dataclass(frozen=True)
class Applied:
    members: int
    enrolled_here: int
    adjusted: int
    hot: int
    #: What the pull brought besides members (``app.sync.reference``).
    card_types: int = 0
    bonus_rules: int = 0
    products: int = 0
    limits: bool = False
    promotions: int = 0


def apply_members(db: Database, snapshots: Sequence[MemberSnapshot], *, on: dt.date) -> Applied:
    """``members`` counts the snapshots taken (a card held here by another member is not)."""
    enrolled = adjusted = taken = 0
    for start in range(0, len(snapshots), MEMBERS_PER_TRANSACTION):
        chunk = snapshots[start : start + MEMBERS_PER_TRANSACTION]
        with db.transaction() as session:
            here = session.scalars(
                select(MemberRow.id).where(MemberRow.id.in_([s.member_id for s in chunk]))
            ).all()
            pending = pending_moves(session, here)  # a member new here has nothing waiting
            for snapshot in chunk:
                made, moved = apply_snapshot(
                    session, snapshot, pending.get(snapshot.member_id, Pending()), on=on
                )
                enrolled += made
                adjusted += moved
                taken += session.get(MemberRow, snapshot.member_id) is not None
    return Applied(taken, enrolled, adjusted, 0)


def apply_hotlist(db: Database, entries: Sequence[HotListEntry]) -> int:
    if not entries:
        return 0
    with db.transaction() as session:
        for entry in entries:
            row = session.get(SyncMemberRow, entry.member_id)
            if row is not None:
                row.hot = entry.on_list
                row.hot_reason = entry.reason[:80]
    return sum(1 for entry in entries if entry.on_list)


def apply_snapshot(
    session: Session, snapshot: MemberSnapshot, pending: Pending, *, on: dt.date
) -> tuple[bool, bool]:
    """(made here, balances moved). Within the caller's transaction."""
    as_of = _moment(snapshot.as_of)
    kept = session.get(SyncMemberRow, snapshot.member_id)
    if kept is None:
        kept = SyncMemberRow(member_id=snapshot.member_id)
        session.add(kept)
    kept.card_no = snapshot.card_no
    kept.principal_fen = snapshot.principal_fen
    kept.bonus_fen = snapshot.bonus_fen
    kept.points = snapshot.points
    kept.hot = snapshot.hot
    kept.hot_reason = kept.hot_reason if snapshot.hot and kept.hot_reason else ""
    kept.as_of = as_of
    member = session.get(MemberRow, snapshot.member_id)
    made = False
    if member is None:
        member = _enrol_here(session, snapshot, on)
        if member is None:
            return False, False
        made = True
    elif snapshot.card_no != member.card_no and _card_free(session, snapshot.card_no):
        member.card_no = snapshot.card_no
    if snapshot.status in _STATUSES:
        member.status = snapshot.status
    session.flush()
    moved = _move_to(
        session,
        member,
        snapshot.principal_fen + pending.principal,
        snapshot.bonus_fen + pending.bonus,
        snapshot.points + pending.points,
        on,
    )
    return made, moved


def _moment(text_value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text_value)
    except ValueError:
        return utcnow()
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _card_free(session: Session, card_no: str) -> bool:
    return (
        session.scalar(select(MemberCardRow.id).where(MemberCardRow.card_no == card_no)) is None
        and session.scalar(select(MemberRow.id).where(MemberRow.card_no == card_no)) is None
    )


def _enrol_here(session: Session, snapshot: MemberSnapshot, on: dt.date) -> MemberRow | None:
    if not _card_free(session, snapshot.card_no):
        log.warning(
            "member %s from the head office: card held here by another member", snapshot.member_id
        )
        return None
    card_type_id = _card_type_here(session, snapshot.card_type_id)
    if card_type_id is None:
        log.warning("member %s from the head office: no card type here", snapshot.member_id)
        return None
    member = MemberRow(
        id=snapshot.member_id,
        card_no=snapshot.card_no,
        name=(snapshot.name or snapshot.card_no)[:40],
        phone=None,
        home_store=snapshot.home_store[:20],
        joined_on=on,
        card_type_id=card_type_id,
        level_since=on,
        status=snapshot.status if snapshot.status in _STATUSES else MemberStatus.ACTIVE.value,
        principal_fen=0,
        bonus_fen=0,
        points=0,
    )
    session.add(member)
    session.flush()  # the card row refers to it
    session.add(
        MemberCardRow(
            id=new_id(),
            member_id=member.id,
            card_no=snapshot.card_no,
            status="active",
            issued_on=on,
            reason=SYNC_REASON,
        )
    )
    return member


def _card_type_here(session: Session, card_type_id: str | None) -> str | None:
    here = local_card_type_id(session, card_type_id)
    if here is not None:
        return here
    return session.scalar(
        select(CardTypeRow.id)
        .where(CardTypeRow.active)
        .order_by(CardTypeRow.is_default.desc(), CardTypeRow.rank)
        .limit(1)
    )


_SET_BALANCES = (
    f"UPDATE {MemberRow.__tablename__} SET principal_fen = :principal, bonus_fen = :bonus,"
    " points = :points WHERE id = :id"
)


def _move_to(
    session: Session, member: MemberRow, principal: int, bonus: int, points: int, on: dt.date
) -> bool:
    """One ``sync`` entry per ledger for the difference; the balances set to the figures (which
    may be below zero after an overdraft: the ordinary spend path refuses that, this one must
    show it)."""
    principal_delta = principal - member.principal_fen
    bonus_delta = bonus - member.bonus_fen
    points_delta = points - member.points
    if not (principal_delta or bonus_delta or points_delta):
        return False
    connection = driver_connection(session)
    at = utcnow()
    if principal_delta or bonus_delta:
        line = StoredValueLine(
            new_id(), member.id, SYNC_ENTRY_KIND, principal_delta, bonus_delta,
            principal, bonus, None, None, SYNC_REASON, on,
        )  # fmt: skip
        ledger_rows.STORED_VALUE.write(connection, line.row(actor_id=None, approver_id=None, at=at))
    if points_delta:
        points_line = PointsLine(
            new_id(), member.id, SYNC_ENTRY_KIND, points_delta, points, 0, None, None, None,
            SYNC_REASON, on,
        )  # fmt: skip
        ledger_rows.POINTS.write(
            connection, points_line.row(actor_id=None, approver_id=None, at=at)
        )
    session.execute(
        text(_SET_BALANCES),
        {"principal": principal, "bonus": bonus, "points": points, "id": member.id},
    )
    session.expire(member, ["principal_fen", "bonus_fen", "points"])
    return True
