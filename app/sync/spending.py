"""A member's stored value and points spent at a counter of a chain: held online, bounded offline.

What it guarantees (the spend guard of ``app.pos.member_spend``):
- Online, the head office authorises the spend with a hold for this order before the sale's
  transaction begins (at most ``LOOKUP_TIMEOUT_S``); a refusal is said plainly (its reason from
  the head office) and nothing is written; a sale that then fails releases the hold.
- A member the head office does not know (enrolled here, not yet pushed) can be spent nowhere
  else, so only the local balance bounds them.
- Offline, a member the head office knows is bounded by the offline limits (the head office's
  ``set-limits`` once pulled, else ``[headoffice]``'s): not on the hot-list, a snapshot no older
  than ``snapshot_hours``, at most ``per_sale_fen`` a payment, ``per_day_fen`` a business day at
  this counter, and ``store_budget_fen`` in all of this counter's payments not yet acknowledged;
  points earned while the head office has not acknowledged them are pending: only the points
  of its last snapshot, less what this counter spent since, can be spent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Config, HeadOfficeConfig
from app.errors import KnownError
from app.members.accounts import load_account
from app.members.ledger import points_needed
from app.money import format_yuan
from app.pos.business_day import business_today
from app.pos.counter import CounterService
from app.pos.member_spend import MemberSpend, SpendAuthorisation
from app.storage import outbox
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.ids import new_id
from app.storage.member_models import StoredValueEntryRow
from app.storage.models import SyncMemberRow
from app.storage.outbox import pending_moves
from app.sync.client import HeadOfficeClient, HeadOfficeRefused, HeadOfficeUnreachable
from app.sync.protocol import HoldLedger, HoldRequest, OfflineLimits
from app.sync.reference import offline_limits

log = logging.getLogger(__name__)

HOLD_AUTHORISED = "authorised"


class SpendRefused(KnownError):
    """The member's stored value or points may not pay this (the reason is said)."""


@dataclasses.dataclass
class _Holds:
    """What the head office holds for one payment; released if the sale is not written."""

    client: HeadOfficeClient
    member_id: str
    hold_ids: list[str]

    def release(self) -> None:
        for hold_id in self.hold_ids:
            try:
                self.client.release(self.member_id, hold_id)
            except KnownError as exc:  # it expires by itself at the head office
                log.info("hold %s not released: %s", hold_id, exc)


class _Nothing:
    def release(self) -> None:
        pass


@dataclasses.dataclass(frozen=True)
class _Local:
    """What this counter knows of the member: the points a payment needs, the head office's
    last snapshot (None: never heard of there), and what was spent here today."""

    points: int
    snapshot: SyncMemberRow | None
    spent_today_fen: int
    confirmed_points: int
    limits: OfflineLimits
    #: Members' stored value spent here in payments the head office has not acknowledged.
    spent_unsynced_fen: int


class MemberSpending:
    def __init__(self, db: Database, config: Config, client: HeadOfficeClient) -> None:
        assert config.headoffice is not None
        self.db = db
        self.config = config
        self.limits: HeadOfficeConfig = config.headoffice
        self.client = client

    def authorise(self, spend: MemberSpend) -> SpendAuthorisation:
        local = self._local(spend)
        wanted: list[tuple[HoldLedger, int]] = []
        if spend.stored_value_fen:
            wanted.append(("stored_value", spend.stored_value_fen))
        if local.points:
            wanted.append(("points", local.points))
        holds = _Holds(self.client, spend.member_id, [])
        try:
            for ledger, amount in wanted:
                reply = self.client.hold(
                    spend.member_id, HoldRequest(new_id(), ledger, amount, spend.order_id)
                )
                if reply.state != HOLD_AUTHORISED:
                    holds.release()
                    raise SpendRefused("总部未授权：%1", reply.detail or reply.state)
                holds.hold_ids.append(reply.hold_id)
        except HeadOfficeUnreachable:
            holds.release()
            self._offline(spend, local)
            return _Nothing()
        except HeadOfficeRefused as exc:
            holds.release()
            if exc.status == 404 and local.snapshot is None:
                return _Nothing()  # known only here: nowhere else can spend it
            raise
        return holds

    def _local(self, spend: MemberSpend) -> _Local:
        today = business_today(self.config)
        with self.db.reading() as session:
            points = 0
            if spend.points_fen:
                account = load_account(session, spend.member_id)
                points = points_needed(spend.points_fen, account.points_value)
            snapshot = session.get(SyncMemberRow, spend.member_id)
            spent = session.scalar(
                select(
                    func.coalesce(
                        func.sum(
                            StoredValueEntryRow.principal_delta + StoredValueEntryRow.bonus_delta
                        ),
                        0,
                    )
                ).where(
                    StoredValueEntryRow.member_id == spend.member_id,
                    StoredValueEntryRow.business_day == today,
                    StoredValueEntryRow.order_id.is_not(None),
                    StoredValueEntryRow.principal_delta + StoredValueEntryRow.bonus_delta < 0,
                )
            )
            confirmed = 0
            if snapshot is not None:
                pending = pending_moves(session, [spend.member_id]).get(spend.member_id)
                confirmed = snapshot.points - (pending.points_spent if pending else 0)
            limits = offline_limits(session, self.limits)
            unsynced = spent_unsynced(session)
        return _Local(points, snapshot, -int(spent or 0), confirmed, limits, unsynced)

    def _offline(self, spend: MemberSpend, local: _Local) -> None:
        """The offline limits, for a member the head office knows."""
        snapshot = local.snapshot
        if snapshot is None:
            return
        limits = local.limits
        if snapshot.hot:
            raise SpendRefused("总部已将此会员列入黑名单，离线时不能使用储值或积分")
        age = utcnow() - snapshot.as_of
        if age > dt.timedelta(hours=limits.snapshot_hours):
            raise SpendRefused(
                "总部离线，此会员的资料已 %1 小时未更新（上限 %2 小时），不能使用储值或积分",
                int(age.total_seconds() // 3600),
                limits.snapshot_hours,
            )
        stored = spend.stored_value_fen
        if stored > limits.per_sale_fen:
            raise SpendRefused(
                "总部离线，单笔储值消费不能超过 %1", format_yuan(limits.per_sale_fen)
            )
        if stored and local.spent_today_fen + stored > limits.per_day_fen:
            raise SpendRefused(
                "总部离线，此会员今日在本机已用储值 %1，每日上限 %2",
                format_yuan(local.spent_today_fen),
                format_yuan(limits.per_day_fen),
            )
        if stored and local.spent_unsynced_fen + stored > limits.store_budget_fen:
            raise SpendRefused(
                "总部离线，本机未同步的储值消费已达 %1，合计上限 %2",
                format_yuan(local.spent_unsynced_fen),
                format_yuan(limits.store_budget_fen),
            )
        if local.points > local.confirmed_points:
            raise SpendRefused(
                "总部离线，新得的积分须经总部确认后才能使用：可用积分 %1",
                max(0, local.confirmed_points),
            )


def spent_unsynced(session: Session) -> int:
    """Members' stored value spent in payments at this counter in events the head office has
    not acknowledged (``outbox.waiting_since``): what the store budget bounds. 0 when nothing
    waits."""
    state = outbox.waiting_since(session)
    if not state.waiting:
        return 0
    moved = StoredValueEntryRow.principal_delta + StoredValueEntryRow.bonus_delta
    query = select(func.coalesce(func.sum(moved), 0)).where(
        StoredValueEntryRow.order_id.is_not(None), moved < 0
    )
    if state.since is not None:
        query = query.where(StoredValueEntryRow.created_at > state.since)
    return -int(session.scalar(query) or 0)


def guard_sales(service: CounterService) -> MemberSpending:
    """Members' money spent through ``service`` is held or bounded from now on. Its requests go
    on their own client: a payment never shares a connection with the worker's pushes."""
    office = service.config.headoffice
    assert office is not None
    guard = MemberSpending(service.db, service.config, HeadOfficeClient(office))
    service.spend_guard = guard
    return guard
