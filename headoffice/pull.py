"""What a counter reads: pulls from a cursor, a fresh member by card or phone, and holds.

The pull cursor never skips a change. Every change is a row of ``ho_changes``; a page returns
rows in (``txid``, ``id``) order after the cursor, and only rows whose transaction is finished
for everyone:
- On PostgreSQL ``txid`` is the writing transaction's id (``pg_current_xact_id()``) and a page
  holds only rows with ``txid`` below ``pg_snapshot_xmin(pg_current_snapshot())``, the oldest
  transaction still running. Every transaction below it has committed or rolled back, and any
  transaction that commits later has (or will be given) an id at or above it, so it sorts after
  the cursor: a row committed late, with a smaller ``id`` than rows already sent, is never
  skipped. (A plain serial id is not enough: ids are handed out before commit, so 6 can commit
  and be read before 5.)
- On SQLite writers are one at a time (each begins IMMEDIATE and holds the lock to its commit), so
  rows are committed in order; ``txid`` only grows (microseconds of the clock, or one more than
  the last), so after a restore from an older backup, whose ids are handed out again, new rows
  still sort after every cursor given before.

A store is sent only what it needs: the changes of members its counters enrolled or that it
follows (looked up or held there, ``ho_store_members``), and the chain's rules, catalogue and
limits with its own prices and limits (``headoffice.reference``), and the chain's promotions with
its own (``headoffice.promotions``). A page that finds nothing for
the store still moves the cursor past the other stores' changes.

A hold reserves part of a member's stored value or points for one order for a few minutes; the
push of that order's ledger entries settles it (``headoffice.ledgers.take_entries``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, literal, or_, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.storage.base import utcnow
from app.sync.protocol import (
    HoldReply,
    HoldRequest,
    HotListEntry,
    LookupRequest,
    MemberSnapshot,
    PullPage,
)
from headoffice import promotions, reference
from headoffice.db import Database
from headoffice.ledgers import CHANGE_HOTLIST, CHANGE_MEMBER, when
from headoffice.models import (
    CardRow,
    ChangeRow,
    DeviceRow,
    HoldRow,
    MemberRow,
    StoreMemberRow,
)

PAGE_SIZE = 500
START = (-1, 0)
MEMBER_KINDS = (CHANGE_MEMBER, CHANGE_HOTLIST)
#: The longest a hold is kept unsettled.
MAX_HOLD_S = 900


class BadCursor(ValueError):
    pass


def parse_cursor(cursor: str) -> tuple[int, int]:
    if not cursor:
        return START
    txid, dot, change_id = cursor.partition(".")
    if not dot or not txid.lstrip("-").isdigit() or not change_id.isdigit():
        raise BadCursor(f"not a cursor: {cursor!r}")
    return int(txid), int(change_id)


def format_cursor(txid: int, change_id: int) -> str:
    return f"{txid}.{change_id}"


def safe_horizon(session: Session) -> int | None:
    """On PostgreSQL, the oldest transaction still running; rows of older ones are final."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return int(session.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")))


def pull(db: Database, store_code: str, cursor: str, *, page_size: int = PAGE_SIZE) -> PullPage:
    """The changes after ``cursor`` this store needs: its own members' and those it follows,
    the chain's rules, catalogue and limits with this store's own prices and limits."""
    txid, change_id = parse_cursor(cursor)
    with db.transaction() as session:
        horizon = safe_horizon(session)
        if horizon is not None and txid >= horizon:
            # Never handed out here (a cursor's rows all sort below the horizon): the database
            # was restored into a new cluster, whose transaction ids began again. From the start.
            txid, change_id = START
        # a row value, so the (txid, id) index starts at the cursor instead of filtering to it
        after = tuple_(ChangeRow.txid, ChangeRow.id) > tuple_(literal(txid), literal(change_id))
        final = [ChangeRow.txid < horizon] if horizon is not None else []
        query = select(ChangeRow).where(
            after,
            *final,
            or_(ChangeRow.store_code.is_(None), ChangeRow.store_code == store_code),
            or_(ChangeRow.kind.not_in(MEMBER_KINDS), _followed_by(store_code)),
        )
        rows = session.scalars(query.order_by(ChangeRow.txid, ChangeRow.id).limit(page_size)).all()
        more = len(rows) == page_size
        member_keys = [r.key for r in rows if r.kind in MEMBER_KINDS]
        members = _members(session, member_keys)
        snapshots = [snapshot(members[key]) for key in dict.fromkeys(member_keys) if key in members]
        hot = [
            HotListEntry(key, members[key].card_no, members[key].hot_reason, members[key].hot)
            for key in dict.fromkeys(r.key for r in rows if r.kind == CHANGE_HOTLIST)
            if key in members
        ]
        docs = reference.docs_for(
            session, store_code, ((r.kind, r.key) for r in rows if r.kind in reference.KINDS)
        )
        promotion_docs = promotions.promotions_for(
            session, store_code, (r.key for r in rows if r.kind == promotions.KIND_PROMOTION)
        )
        last = (rows[-1].txid, rows[-1].id) if rows else None
        if not more:  # every change up to the newest final one was seen: skip past the others'
            newest = session.execute(
                select(ChangeRow.txid, ChangeRow.id)
                .where(after, *final)
                .order_by(ChangeRow.txid.desc(), ChangeRow.id.desc())
                .limit(1)
            ).first()
            last = (int(newest[0]), int(newest[1])) if newest is not None else last
    return PullPage(
        cursor,
        format_cursor(*last) if last is not None else cursor,
        snapshots,
        hot,
        more=more,
        card_types=docs.card_types,
        bonus_rules=docs.bonus_rules,
        points_rules=docs.points_rules,
        products=docs.products,
        limits=docs.limits,
        promotions=promotion_docs,
    )


def _followed_by(store_code: str) -> ColumnElement[bool]:
    """A member change row this store needs: the member was first recorded by one of its
    counters, or the store looked them up or held their money (``ho_store_members``). One set
    per query (PostgreSQL hashes it), so a row costs a hash probe, not an index lookup."""
    own = select(MemberRow.id).where(
        MemberRow.enrolled_by.in_(select(DeviceRow.id).where(DeviceRow.store_code == store_code))
    )
    followed = select(StoreMemberRow.member_id).where(StoreMemberRow.store_code == store_code)
    return ChangeRow.key.in_(own.union(followed))


def follow(session: Session, store_code: str, member_id: str) -> None:
    """From now on this store's pulls bring the member's changes."""
    if not store_code or session.get(StoreMemberRow, (store_code, member_id)) is not None:
        return
    values = {"store_code": store_code, "member_id": member_id}
    if session.get_bind().dialect.name == "postgresql":
        session.execute(postgresql_insert(StoreMemberRow).values(values).on_conflict_do_nothing())
    else:
        session.execute(sqlite_insert(StoreMemberRow).values(values).on_conflict_do_nothing())


def _members(session: Session, ids: Sequence[str]) -> dict[str, MemberRow]:
    wanted = list(dict.fromkeys(ids))
    return {m.id: m for m in session.scalars(select(MemberRow).where(MemberRow.id.in_(wanted)))}


def snapshot(member: MemberRow) -> MemberSnapshot:
    return MemberSnapshot(
        member_id=member.id,
        card_no=member.card_no,
        name=member.name,
        phone_masked=member.phone_masked,
        home_store=member.home_store,
        card_type_id=member.card_type_id,
        status=member.status,
        principal_fen=member.principal_fen,
        bonus_fen=member.bonus_fen,
        points=member.points,
        hot=member.hot,
        as_of=when(utcnow()),
    )


def lookup(db: Database, request: LookupRequest, store_code: str = "") -> MemberSnapshot | None:
    """The member holding the card (or, by phone, the newest member with that phone); the
    asking store follows them from now on."""
    with db.transaction() as session:
        member: MemberRow | None = None
        if request.card_no:
            card = session.get(CardRow, request.card_no)
            member = session.get(MemberRow, card.member_id) if card is not None else None
        elif request.phone_key:
            member = session.scalar(
                select(MemberRow)
                .where(MemberRow.phone_key == request.phone_key)
                .order_by(MemberRow.updated_at.desc())
                .limit(1)
            )
        if member is None:
            return None
        follow(session, store_code, member.id)
        return snapshot(member)


# --- holds --------------------------------------------------------------------------------------


def hold(db: Database, device: DeviceRow, member_id: str, request: HoldRequest) -> HoldReply | None:
    """Authorise ``request`` if the member has that much beyond their other live holds; the
    same ``hold_id`` asked again answers the hold as it stands. None: no such member."""
    now = utcnow()
    with db.transaction() as session:
        member = session.scalar(
            select(MemberRow).where(MemberRow.id == member_id).with_for_update()
        )
        if member is None:
            return None
        known = session.get(HoldRow, request.hold_id)
        if known is not None:
            return _reply(session, member, known, now)
        follow(session, device.store_code, member.id)
        available = _available(session, member, request.ledger, now)
        expires = now + dt.timedelta(seconds=max(1, min(request.ttl_s, MAX_HOLD_S)))
        if member.hot:
            return HoldReply(
                request.hold_id,
                "refused",
                request.amount,
                available,
                "",
                "会员已列入黑名单，请联系总部",
            )
        if member.status != "active":
            return HoldReply(
                request.hold_id, "refused", request.amount, available, "", "会员卡不可用"
            )
        if request.amount > available:
            words = "余额不足" if request.ledger == "stored_value" else "积分不足"
            return HoldReply(request.hold_id, "refused", request.amount, available, "", words)
        row = HoldRow(
            id=request.hold_id,
            member_id=member.id,
            device_id=device.id,
            ledger=request.ledger,
            amount=request.amount,
            order_id=request.order_id,
            state="active",
            created_at=now,
            expires_at=expires,
        )
        session.add(row)
        session.flush()
        return _reply(session, member, row, now)


def release(db: Database, device: DeviceRow, member_id: str, hold_id: str) -> HoldReply | None:
    """The payment did not happen: the hold's amount is free again at once."""
    now = utcnow()
    with db.transaction() as session:
        row = session.get(HoldRow, hold_id)
        member = session.get(MemberRow, member_id)
        if row is None or member is None or row.member_id != member_id:
            return None
        if row.device_id != device.id:
            return None
        if row.state == "active":
            row.state = "released"
        return _reply(session, member, row, now)


def _reply(session: Session, member: MemberRow, row: HoldRow, now: dt.datetime) -> HoldReply:
    state = row.state
    if state == "active" and row.expires_at <= now:
        state = "expired"
    if state == "active":
        state = "authorised"
    return HoldReply(
        row.id,
        state,
        row.amount,
        _available(session, member, row.ledger, now),
        when(row.expires_at),
    )


def _available(session: Session, member: MemberRow, ledger: str, now: dt.datetime) -> int:
    held = session.scalar(
        select(func.coalesce(func.sum(HoldRow.amount), 0)).where(
            HoldRow.member_id == member.id,
            HoldRow.ledger == ledger,
            HoldRow.state == "active",
            HoldRow.expires_at > now,
        )
    )
    balance = member.principal_fen + member.bonus_fen if ledger == "stored_value" else member.points
    return balance - int(held or 0)
