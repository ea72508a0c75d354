"""Campaigns (营销活动): a member list, an offer and a window, for calling lapsed members back.

The list is taken once, on the creation day, into ``campaign_members``: recall is measured
against whom the campaign targeted, whatever the source says later. A source is a member group
or value segment computed that day, a saved member list (会员名单) run that day, or card numbers
pasted or read from a file; each kind is one entry of :data:`_SOURCES`. Issuing gives every targeted
member the offer in one transaction through the ledgers' and coupons' bulk paths, and only to
those not given it yet, so a second issue writes nothing. ``docs/analytics.md`` ("Campaigns")
defines every figure of the recall.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.members.accounts import (
    BULK_CHUNK,
    PointsLine,
    StoredValueLine,
    driver_connection,
    give_bonus_to_many,
    give_points_to_many,
    mask_phone,
    require_approver,
)
from app.members.coupons import (
    CouponStatus,
    issue_coupons_in_bulk,
    usable_template,
)
from app.members.errors import MemberError
from app.members.member_lists import list_named
from app.members.member_status import MemberStatus
from app.members.points import PointsKind
from app.members.segment_rules import load_thresholds
from app.members.segments import Group, Segment, member_groups, member_segments
from app.members.settings import load_settings
from app.members.stored_value import GIFT_KIND
from app.money import div_round_half_up, format_yuan
from app.storage import audit
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.member_models import CampaignMemberRow, CampaignRow, CouponTemplateRow, MemberRow
from app.storage.models import Role, StaffRow
from app.storage.outbox import add_event_rows, event_rows
from app.storage.text_files import TextFileError, csv_records, decode_strictly

NAME_LENGTH = 40
#: A bonus or a points gift larger than this is a typing slip, not a campaign.
MAX_BONUS_FEN = 10_000_00
MAX_POINTS = 1_000_000
#: Unknown card numbers named in a refusal (the rest are counted).
SHOWN_UNKNOWN = 5
FULL_BP = 10_000


class SourceKind(enum.StrEnum):
    GROUP = "group"  # a member group (001) on the creation day
    SEGMENT = "segment"  # a value segment (003) on the creation day
    CARDS = "cards"  # card numbers pasted or read from a file
    LIST = "list"  # a saved member list (会员名单), its filter run on the creation day


class OfferKind(enum.StrEnum):
    COUPON = "coupon"  # a coupon of a template
    BONUS = "bonus"  # stored-value bonus (赠送金额), fen
    POINTS = "points"


class CampaignState(enum.StrEnum):
    DRAFT = "draft"  # the list is taken; leaves by issue_campaign (-> issued)
    ISSUED = "issued"


GROUP_LABELS = {
    Group.NEW_LOW_TICKET: "新会员（低客单）",
    Group.NEW_HIGH_TICKET: "新会员（高客单）",
    Group.ACTIVE: "活跃会员",
    Group.LOYAL: "忠诚会员",
    Group.FAN: "粉丝会员",
}
SEGMENT_LABELS = {
    Segment.HIGH_SPEND: "高消费总额",
    Segment.HIGH_TICKET: "高单价",
    Segment.HIGH_LOYALTY: "高忠诚度",
    Segment.BARGAIN_FREQUENT: "低价高频",
    Segment.BARGAIN_RARE: "低价低频",
    Segment.SILENT: "沉默会员",
    Segment.SLEEPING: "睡眠会员",
}


@dataclasses.dataclass(frozen=True)
class Source:
    """Where a campaign's list comes from: a group's or segment's key, a saved list's name (kept
    on the campaign as it was that day, for the record: the list may be renamed or deleted
    later), or card numbers."""

    kind: SourceKind
    key: str = ""
    card_numbers: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Offer:
    kind: OfferKind
    coupon_template_id: str | None = None
    bonus_fen: int = 0
    points: int = 0


@dataclasses.dataclass(frozen=True)
class CampaignInput:
    """A campaign as the form gives it; the window's both days are inside it."""

    name: str
    source: Source
    offer: Offer
    starts_on: dt.date
    ends_on: dt.date


@dataclasses.dataclass(frozen=True)
class CampaignView:
    """A campaign as the screen lists it; the labels are the stored Chinese words, ``source``
    and ``offer`` what a screen in another language words itself."""

    id: str
    name: str
    source: Source
    source_label: str
    computed_on: dt.date
    targeted: int
    skipped: int
    offer: Offer
    offer_label: str
    coupon_name: str | None
    starts_on: dt.date
    ends_on: dt.date
    state: CampaignState
    issued: int

    @property
    def state_label(self) -> str:
        return "已发放" if self.state is CampaignState.ISSUED else "未发放"


@dataclasses.dataclass(frozen=True)
class IssueResult:
    """How many members were given the offer now, and how many had it already."""

    issued: int
    already: int


@dataclasses.dataclass(frozen=True)
class CallListRow:
    card_no: str
    name: str
    phone: str


@dataclasses.dataclass(frozen=True)
class CallList:
    rows: tuple[CallListRow, ...]
    #: Whether the phones are whole (the owner's export) or masked (138****1234).
    full_phones: bool


@dataclasses.dataclass(frozen=True)
class RecallFigures:
    """Members of one side of the comparison, and what they did in the window."""

    members: int
    came_back: int
    purchases: int
    spend_fen: int

    @property
    def rate_bp(self) -> int | None:
        """Came back / members, in basis points (None for no members)."""
        if not self.members:
            return None
        return div_round_half_up(self.came_back * FULL_BP, self.members)

    @property
    def spend_per_returning_fen(self) -> int | None:
        if not self.came_back:
            return None
        return div_round_half_up(self.spend_fen, self.came_back)


@dataclasses.dataclass(frozen=True)
class Recall:
    campaign: CampaignView
    #: The last day counted: the window's end, or the day asked on when the window is still on.
    until: dt.date
    targeted: RecallFigures
    baseline: RecallFigures
    coupons_used: int
    coupon_discount_fen: int


# --- sources -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Taken:
    """What a source names on a day: card numbers, the source in words and the key the campaign
    keeps (a saved list's name as the store spells it)."""

    cards: list[str]
    label: str
    key: str


def _group_cards(session: Session, source: Source, on: dt.date) -> Taken:
    key = Group(source.key)
    cards = member_groups(session, on, load_thresholds(session)).members[key.value]
    return Taken(list(cards), f"{GROUP_LABELS[key]}（{on.isoformat()} 计算）", key.value)


def _segment_cards(session: Session, source: Source, on: dt.date) -> Taken:
    key = Segment(source.key)
    cards = member_segments(session, on, load_thresholds(session)).members[key.value]
    return Taken(list(cards), f"{SEGMENT_LABELS[key]}（{on.isoformat()} 计算）", key.value)


def _listed_cards(session: Session, source: Source, on: dt.date) -> Taken:
    """The card numbers of the members the saved list's filter keeps on ``on``, in one query."""
    found = list_named(session, source.key)
    if found is None:
        raise MemberError("未找到会员名单“%1”，可能已被删除或改名", source.key, field="source")
    found.member_filter.check(session)
    cards = session.scalars(
        select(MemberRow.card_no)
        .where(found.member_filter.condition(on))
        .order_by(MemberRow.card_no)
    )
    return Taken(list(cards), f"会员名单“{found.name}”（{on.isoformat()} 计算）", found.name)


def _pasted_cards(session: Session, source: Source, on: dt.date) -> Taken:
    return Taken(list(source.card_numbers), f"指定卡号 {len(source.card_numbers)} 个", "")


#: Each source kind: the card numbers it names on a day, and those words for the campaign.
_SOURCES: dict[SourceKind, Callable[[Session, Source, dt.date], Taken]] = {
    SourceKind.GROUP: _group_cards,
    SourceKind.SEGMENT: _segment_cards,
    SourceKind.CARDS: _pasted_cards,
    SourceKind.LIST: _listed_cards,
}


def parse_card_numbers(pasted: str) -> tuple[str, ...]:
    """Card numbers as pasted: one per line, or separated by commas, spaces or tabs; repeats
    kept once, in the order given."""
    return tuple(dict.fromkeys(part for part in re.split(r"[\s,，;；]+", pasted) if part))


def read_card_file(path: Path) -> tuple[str, ...]:
    """The card numbers of a CSV file: its ``card_no`` column when its first row names one,
    else its first column."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MemberError("无法读取文件 %1：%2", path.name, exc.strerror or str(exc)) from exc
    try:
        records = list(csv_records(decode_strictly(data)))
    except TextFileError as exc:
        raise MemberError("无法读取文件 %1：%2", path.name, str(exc)) from exc
    if not records:
        return ()
    header = [cell.strip().lower() for cell in records[0][1]]
    column, rows = 0, records
    if "card_no" in header or "卡号" in header:
        column = header.index("card_no") if "card_no" in header else header.index("卡号")
        rows = records[1:]
    cards = [cells[column].strip() for _, cells in rows if len(cells) > column]
    return tuple(dict.fromkeys(card for card in cards if card))


def _members_of_cards(
    session: Session, numbers: Sequence[str], on: dt.date
) -> tuple[list[str], int, list[str]]:
    """(member ids usable on ``on``, how many named are not, card numbers unknown)."""
    found: dict[str, tuple[str, str, dt.date | None]] = {}
    for start in range(0, len(numbers), BULK_CHUNK):
        chunk = list(numbers[start : start + BULK_CHUNK])
        query = select(
            MemberRow.card_no, MemberRow.id, MemberRow.status, MemberRow.expires_on
        ).where(MemberRow.card_no.in_(chunk))
        for card_no, member_id, status, expires_on in session.execute(query):
            found[card_no] = (member_id, status, expires_on)
    usable: list[str] = []
    skipped = 0
    for card in numbers:
        if card not in found:
            continue
        member_id, status, expires_on = found[card]
        if status != MemberStatus.ACTIVE or (expires_on is not None and expires_on < on):
            skipped += 1
        else:
            usable.append(member_id)
    return list(dict.fromkeys(usable)), skipped, [c for c in numbers if c not in found]


# --- creating ------------------------------------------------------------------------------


def _coupon_name(session: Session, offer: Offer) -> str | None:
    if offer.kind is not OfferKind.COUPON or offer.coupon_template_id is None:
        return None
    template = session.get(CouponTemplateRow, offer.coupon_template_id)
    return template.name if template is not None else None


def _offer_label(session: Session, offer: Offer) -> str:
    if offer.kind is OfferKind.COUPON:
        return f"优惠券：{_coupon_name(session, offer) or '?'}"
    if offer.kind is OfferKind.BONUS:
        return f"赠送余额 {format_yuan(offer.bonus_fen)}"
    return f"赠送积分 {offer.points}"


def _check_offer(session: Session, offer: Offer, starts_on: dt.date) -> None:
    if offer.kind is OfferKind.COUPON:
        try:
            template = usable_template(session, offer.coupon_template_id)
        except MemberError as refused:
            raise MemberError(refused.template, *refused.values, field="offer") from None
        if template.valid_to is not None and template.valid_to < starts_on:
            raise MemberError(
                "优惠券“%1”在活动开始前已到期（%2）",
                template.name,
                template.valid_to.isoformat(),
                field="offer",
            )
    elif offer.kind is OfferKind.BONUS:
        if not 0 < offer.bonus_fen <= MAX_BONUS_FEN:
            raise MemberError(
                "赠送金额须大于零且不超过 %1", format_yuan(MAX_BONUS_FEN), field="amount"
            )
    elif not 0 < offer.points <= MAX_POINTS:
        raise MemberError("赠送积分须大于零且不超过 %1", MAX_POINTS, field="amount")


def _check_window(starts_on: dt.date, ends_on: dt.date, on: dt.date) -> None:
    if ends_on < starts_on:
        raise MemberError(
            "结束日期 %1 早于开始日期 %2",
            ends_on.isoformat(),
            starts_on.isoformat(),
            field="ends_on",
        )
    if starts_on < on:
        raise MemberError(
            "开始日期 %1 已过，活动须从今天或以后开始", starts_on.isoformat(), field="starts_on"
        )


def create_campaign(
    session: Session,
    data: CampaignInput,
    *,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> CampaignView:
    """Check everything, then take the list on ``on`` into ``campaign_members`` (members whose
    card is lost, frozen or expired that day are left out and counted); nothing is issued yet."""
    require_approver(approver_id)
    name = data.name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise MemberError("活动名称须为 1–%1 个字", NAME_LENGTH, field="name")
    if session.scalar(select(CampaignRow.id).where(CampaignRow.name == name)) is not None:
        raise MemberError("活动已存在：%1", name, field="name")
    _check_window(data.starts_on, data.ends_on, on)
    _check_offer(session, data.offer, data.starts_on)
    source = data.source
    if source.kind is SourceKind.GROUP and source.key not in {g.value for g in Group}:
        raise MemberError("未知的会员分组：%1", source.key, field="source")
    if source.kind is SourceKind.SEGMENT and source.key not in {s.value for s in Segment}:
        raise MemberError("未知的价值分层：%1", source.key, field="source")
    if source.kind is SourceKind.LIST and not source.key.strip():
        raise MemberError("请选择会员名单", field="source")
    taken = _SOURCES[source.kind](session, source, on)
    member_ids, skipped, unknown = _members_of_cards(session, taken.cards, on)
    if unknown:
        shown = "、".join(unknown[:SHOWN_UNKNOWN])
        raise MemberError(
            "未找到卡号：%1（共 %2 个），请改正后再建活动", shown, len(unknown), field="cards"
        )
    if not member_ids:
        if skipped:
            raise MemberError("名单中的 %1 位会员的卡均已挂失、冻结或过期", skipped, field="source")
        raise MemberError("名单中没有会员，活动无人可发", field="source")
    row = CampaignRow(
        id=new_id(),
        name=name,
        source_kind=source.kind.value,
        source_key=taken.key,
        source_label=taken.label[:200],
        computed_on=on,
        skipped=skipped,
        offer_kind=data.offer.kind.value,
        coupon_template_id=data.offer.coupon_template_id
        if data.offer.kind is OfferKind.COUPON
        else None,
        bonus_fen=data.offer.bonus_fen if data.offer.kind is OfferKind.BONUS else 0,
        points=data.offer.points if data.offer.kind is OfferKind.POINTS else 0,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        state=CampaignState.DRAFT.value,
        created_by=actor_id,
        approver_id=approver_id,
    )
    session.add(row)
    session.flush()
    driver_connection(session).executemany(
        f"INSERT INTO {CampaignMemberRow.__tablename__} (campaign_id, member_id) VALUES (?, ?)",
        [(row.id, member_id) for member_id in member_ids],
    )
    view = _view(session, row)
    audit.record(
        session,
        "campaign.created",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={
            "name": name,
            "source": view.source_label,
            "targeted": len(member_ids),
            "skipped": skipped,
            "offer": view.offer_label,
            "window": [data.starts_on.isoformat(), data.ends_on.isoformat()],
        },
    )
    return view


# --- reading -------------------------------------------------------------------------------


def _offer_of(row: CampaignRow) -> Offer:
    return Offer(OfferKind(row.offer_kind), row.coupon_template_id, row.bonus_fen, row.points)


_COUNTS = text(
    "SELECT COUNT(*), COUNT(coupon_id) + COUNT(entry_id) FROM campaign_members"
    " WHERE campaign_id = :id"
)


def _view(session: Session, row: CampaignRow) -> CampaignView:
    targeted, issued = session.execute(_COUNTS, {"id": row.id}).one()
    offer = _offer_of(row)
    return CampaignView(
        row.id,
        row.name,
        Source(SourceKind(row.source_kind), row.source_key),
        row.source_label,
        row.computed_on,
        int(targeted),
        row.skipped,
        offer,
        _offer_label(session, offer),
        _coupon_name(session, offer),
        row.starts_on,
        row.ends_on,
        CampaignState(row.state),
        int(issued),
    )


def _load(session: Session, campaign_id: str) -> CampaignRow:
    row = session.get(CampaignRow, campaign_id)
    if row is None:
        raise MemberError("未找到该活动")
    return row


def list_campaigns(session: Session) -> list[CampaignView]:
    """Every campaign, the newest first."""
    rows = session.scalars(select(CampaignRow).order_by(CampaignRow.created_at.desc()))
    return [_view(session, row) for row in rows]


def campaign(session: Session, campaign_id: str) -> CampaignView:
    return _view(session, _load(session, campaign_id))


# --- issuing -------------------------------------------------------------------------------


def issue_campaign(
    session: Session,
    campaign_id: str,
    *,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> IssueResult:
    """Give the offer to every targeted member not given it yet, in the caller's one
    transaction; a campaign already issued writes nothing. Refused once the window is over."""
    require_approver(approver_id)
    row = _load(session, campaign_id)
    if on > row.ends_on:
        raise MemberError("活动已于 %1 结束，不能再发放", row.ends_on.isoformat())
    pending = list(
        session.scalars(
            select(CampaignMemberRow.member_id)
            .where(
                CampaignMemberRow.campaign_id == row.id,
                CampaignMemberRow.coupon_id.is_(None),
                CampaignMemberRow.entry_id.is_(None),
            )
            .order_by(CampaignMemberRow.member_id)
        )
    )
    total = int(session.execute(_COUNTS, {"id": row.id}).one()[0])
    if not pending:
        return IssueResult(0, total)
    reason = f"活动：{row.name}"[:40]
    offer = _offer_of(row)
    given: list[tuple[str, str]]  # (member id, coupon id or ledger entry id)
    column = "entry_id"
    if offer.kind is OfferKind.COUPON:
        # A coupon is good from the campaign's first day (or today, if it started already).
        coupons = issue_coupons_in_bulk(
            session,
            offer.coupon_template_id or "",
            pending,
            on=max(on, row.starts_on),
            actor_id=actor_id,
            reason=reason,
            approver_id=approver_id,
        )
        given = list(coupons.items())
        column = "coupon_id"
    elif offer.kind is OfferKind.BONUS:
        bonus = give_bonus_to_many(
            session,
            pending,
            offer.bonus_fen,
            kind=GIFT_KIND,
            on=on,
            reason=reason,
            actor_id=actor_id,
            approver_id=approver_id,
        )
        _ledger_events(session, "BonusGiven", bonus, actor_id, approver_id, row.id)
        given = [(line.member_id, line.id) for line, _ in bonus]
    else:
        expires = load_settings(session).points_expire_on(on)
        points = give_points_to_many(
            session,
            pending,
            offer.points,
            kind=PointsKind.GIFT.value,
            on=on,
            reason=reason,
            expires_on=expires,
            actor_id=actor_id,
            approver_id=approver_id,
        )
        _ledger_events(session, "PointsGiven", points, actor_id, approver_id, row.id)
        given = [(line.member_id, line.id) for line, _ in points]
    driver_connection(session).executemany(
        f"UPDATE {CampaignMemberRow.__tablename__} SET {column} = ?"
        " WHERE campaign_id = ? AND member_id = ?",
        [(given_id, row.id, member_id) for member_id, given_id in given],
    )
    row.state = CampaignState.ISSUED.value
    row.issued_at = utcnow()
    audit.record(
        session,
        "campaign.issued",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={
            "name": row.name,
            "offer": _offer_label(session, offer),
            "issued": len(given),
            "already": total - len(pending),
        },
    )
    return IssueResult(len(given), total - len(pending))


def _ledger_events(
    session: Session,
    event_type: str,
    lines: Sequence[tuple[StoredValueLine | PointsLine, tuple[str, str, int, int, int]]],
    actor_id: str,
    approver_id: str | None,
    campaign_id: str,
) -> None:
    """Each member's self-contained event, as ``accounts.emit`` words it, queued at once."""
    events = []
    for line, (member_id, card_no, principal, bonus, points) in lines:
        events.append(
            (
                event_type,
                {
                    "member_id": member_id,
                    "card_no": card_no,
                    "entries": [line.payload()],
                    "principal_fen": principal,
                    "bonus_fen": bonus,
                    "points": points,
                    "actor_id": actor_id,
                    "approver_id": approver_id,
                    "campaign_id": campaign_id,
                },
            )
        )
    add_event_rows(session, event_rows(events))


# --- the call or SMS list ------------------------------------------------------------------


def is_owner(session: Session, staff_id: str) -> bool:
    """Whether ``staff_id`` is an active owner as stored now (never what a caller claims)."""
    row = session.get(StaffRow, staff_id)
    return row is not None and row.active and row.role is Role.OWNER


def call_list(session: Session, campaign_id: str, *, actor_id: str, file_name: str) -> CallList:
    """The targeted members to call or text, by card number: phones whole for the owner only,
    masked for everyone else. Audited in the caller's transaction (the file is written in it):
    who took it, how many rows, how many whole phones."""
    row = _load(session, campaign_id)
    full = is_owner(session, actor_id)
    found = session.execute(
        select(MemberRow.card_no, MemberRow.name, MemberRow.phone)
        .join(CampaignMemberRow, CampaignMemberRow.member_id == MemberRow.id)
        .where(CampaignMemberRow.campaign_id == row.id)
        .order_by(MemberRow.card_no)
    ).tuples()
    rows = tuple(
        CallListRow(card_no, name, (phone or "") if full else mask_phone(phone))
        for card_no, name, phone in found
    )
    audit.record(
        session,
        "campaign.list_exported",
        actor_id=actor_id,
        subject_id=row.id,
        detail={
            "name": row.name,
            "file": file_name,
            "rows": len(rows),
            "full_phones": sum(1 for r in rows if r.phone) if full else 0,
        },
    )
    return CallList(rows, full)


# --- recall --------------------------------------------------------------------------------

#: Purchases (``docs/analytics.md``) of members from :start to :until, net of what was refunded
#: from them by :until, per member; then each side's members, those with a purchase, their
#: purchases and spend. The baseline: members not targeted, members on the day the list was
#: taken, whose last purchase by that day is no later than the latest last purchase among the
#: targeted (at least as lapsed as the least lapsed of them), and those who never bought when
#: a targeted member never bought either.
RECALL_SQL = """
WITH refunded AS (
    SELECT original_order_id AS order_id, SUM(total_fen) AS fen
    FROM orders
    WHERE kind = 'refund' AND original_order_id IS NOT NULL AND business_day <= :until
    GROUP BY original_order_id
),
window_purchases AS (
    SELECT o.member_id, COUNT(*) AS purchases, SUM(o.total_fen - COALESCE(r.fen, 0)) AS spend
    FROM orders o LEFT JOIN refunded r ON r.order_id = o.id
    WHERE o.kind = 'sale' AND o.member_id IS NOT NULL AND o.state <> 'voided'
      AND o.business_day BETWEEN :start AND :until AND o.total_fen - COALESCE(r.fen, 0) > 0
    GROUP BY o.member_id
),
refunded_before AS (
    SELECT original_order_id AS order_id, SUM(total_fen) AS fen
    FROM orders
    WHERE kind = 'refund' AND original_order_id IS NOT NULL AND business_day <= :computed_on
    GROUP BY original_order_id
),
last_before AS (
    SELECT o.member_id, MAX(o.business_day) AS last_day
    FROM orders o LEFT JOIN refunded_before r ON r.order_id = o.id
    WHERE o.kind = 'sale' AND o.member_id IS NOT NULL AND o.state <> 'voided'
      AND o.business_day <= :computed_on AND o.total_fen - COALESCE(r.fen, 0) > 0
    GROUP BY o.member_id
),
targeted AS (
    SELECT member_id FROM campaign_members WHERE campaign_id = :campaign
),
reach AS (
    SELECT MAX(lb.last_day) AS latest,
           SUM(CASE WHEN lb.last_day IS NULL THEN 1 ELSE 0 END) AS never
    FROM targeted t LEFT JOIN last_before lb ON lb.member_id = t.member_id
),
baseline AS (
    SELECT m.id AS member_id
    FROM members m LEFT JOIN last_before lb ON lb.member_id = m.id, reach
    WHERE m.joined_on <= :computed_on
      AND m.id NOT IN (SELECT member_id FROM targeted)
      AND ((lb.last_day IS NOT NULL AND lb.last_day <= reach.latest)
           OR (lb.last_day IS NULL AND reach.never > 0))
),
sides AS (
    SELECT 'targeted' AS side, member_id FROM targeted
    UNION ALL
    SELECT 'baseline', member_id FROM baseline
)
SELECT s.side, COUNT(*), COUNT(w.member_id), COALESCE(SUM(w.purchases), 0),
       COALESCE(SUM(w.spend), 0)
FROM sides s LEFT JOIN window_purchases w ON w.member_id = s.member_id
GROUP BY s.side
"""

#: The campaign's coupons used on a sale of the window (a coupon given back by a refund is
#: issued again, so it is not counted), and what they took off.
COUPONS_USED_SQL = """
SELECT COUNT(*), COALESCE(SUM(c.discount_fen), 0)
FROM campaign_members cm
JOIN coupons c ON c.id = cm.coupon_id
JOIN orders o ON o.id = c.used_order_id
WHERE cm.campaign_id = :campaign AND c.status = :used
  AND o.business_day BETWEEN :start AND :until
"""


def recall(session: Session, campaign_id: str, *, on: dt.date) -> Recall:
    """召回效果 on ``on``: the window from its first day to its end (or to ``on`` while it is
    still on); refused before the window starts."""
    row = _load(session, campaign_id)
    if on < row.starts_on:
        raise MemberError("活动 %1 才开始，还没有回流可看", row.starts_on.isoformat())
    until = min(on, row.ends_on)
    params = {
        "campaign": row.id,
        "start": row.starts_on.isoformat(),
        "until": until.isoformat(),
        "computed_on": row.computed_on.isoformat(),
    }
    sides = {
        side: RecallFigures(int(n), int(back), int(purchases), int(spend))
        for side, n, back, purchases, spend in session.execute(text(RECALL_SQL), params)
    }
    used, discount = session.execute(
        text(COUPONS_USED_SQL), {**params, "used": CouponStatus.USED.value}
    ).one()
    none = RecallFigures(0, 0, 0, 0)
    return Recall(
        _view(session, row),
        until,
        sides.get("targeted", none),
        sides.get("baseline", none),
        int(used),
        int(discount),
    )
