"""Enrolment at the counter, finding a member by card or phone, and attaching one to a sale."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.accounts import (
    MemberView,
    load_card_type,
    load_member,
    mask_phone,
    member_date_of,
    member_view,
    require_approver,
    require_usable,
)
from app.members.calendar import CalendarName, MemberDate, member_date_words
from app.members.card_numbers import mask_card
from app.members.card_types import default_card_type
from app.members.errors import (
    CardLost,
    CardRefused,
    CardReplaced,
    DuplicateCard,
    DuplicatePhone,
    MemberError,
    MemberNotFound,
)
from app.members.member_status import MemberStatus
from app.members.reminders import Anniversary
from app.members.tags import clean_tags, set_tags
from app.storage import audit
from app.storage.ids import new_id
from app.storage.member_models import AnniversaryRow, MemberCardRow, MemberRow
from app.storage.outbox import add_event

_CARD_RE = re.compile(r"^[0-9A-Za-z-]{1,32}$")
_PHONE_RE = re.compile(r"^\d{7,20}$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
#: The longest name of an anniversary (结婚纪念日), as its column holds.
ANNIVERSARY_LABEL_LENGTH = 20
SEXES = {"男": "男", "女": "女", "m": "男", "f": "女", "male": "男", "female": "女"}


def clean_card_no(text: str) -> str:
    card_no = unicodedata.normalize("NFKC", text).strip()
    if not _CARD_RE.match(card_no):
        raise MemberError("卡号只能是 1–32 位数字或字母：%1", text.strip())
    return card_no


def clean_phone(text: str) -> str:
    phone = re.sub(r"[\s()-]", "", unicodedata.normalize("NFKC", text))
    if phone.startswith("+86"):
        phone = phone[3:]
    if not _PHONE_RE.match(phone):
        raise MemberError("手机号格式不对：%1", text.strip(), field="phone")
    return phone


def clean_sex(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    found = SEXES.get(text.strip().lower())
    if found is None:
        raise MemberError("性别请填“男”或“女”：%1", text.strip(), field="sex")
    return found


def clean_name(text: str) -> str:
    name = unicodedata.normalize("NFKC", text).strip()
    if not name or len(name) > 40:
        raise MemberError("姓名须为 1–40 个字", field="name")
    return name


def check_card_free(session: Session, card_no: str) -> None:
    taken = session.scalar(select(MemberCardRow.id).where(MemberCardRow.card_no == card_no))
    if taken is not None or session.scalar(
        select(MemberRow.id).where(MemberRow.card_no == card_no)
    ):
        raise DuplicateCard(card_no)


def check_phone_free(session: Session, phone: str, own_id: str | None = None) -> None:
    other = session.scalar(select(MemberRow.id).where(MemberRow.phone == phone))
    if other is not None and other != own_id:
        raise DuplicatePhone()


def check_birthday(birthday: MemberDate | None, on: dt.date) -> None:
    """A birthday whose year is given is not after ``on`` (today)."""
    born = birthday.to_solar_date() if birthday is not None else None
    if born is not None and born > on:
        raise MemberError("生日不能晚于今天", field="birthday")


def set_birthday(member: MemberRow, birthday: MemberDate | None) -> None:
    member.birthday_calendar = birthday.calendar if birthday else None
    member.birthday_year = birthday.year if birthday else None
    member.birthday_month = birthday.month if birthday else None
    member.birthday_day = birthday.day if birthday else None
    member.birthday_leap = birthday.leap_month if birthday else False
    member.birthday_prefer_leap = birthday.prefer_leap if birthday else False
    member.birthday_key = birthday.key.code if birthday else None


def enrol(
    session: Session,
    *,
    card_no: str,
    phone: str,
    name: str,
    on: dt.date,
    actor_id: str,
    card_type_id: str | None = None,
    sex: str | None = None,
    birthday: MemberDate | None = None,
    tags: Sequence[str] = (),
    note: str = "",
    home_store: str = "",
) -> MemberView:
    """办卡: a new member with a card number (typed or swiped), phone and name; the rest optional.

    The card type is the default one unless given; a type with a validity sets the expiry.
    """
    card = clean_card_no(card_no)
    mobile = clean_phone(phone) if phone.strip() else None
    clean = clean_name(name)
    gender = clean_sex(sex)
    clean_tags(tags)  # refused before anything is written
    check_birthday(birthday, on)
    check_card_free(session, card)
    if mobile is not None:
        check_phone_free(session, mobile)
    kind = load_card_type(session, card_type_id) if card_type_id else default_card_type(session)
    member = MemberRow(
        id=new_id(),
        card_no=card,
        name=clean,
        phone=mobile,
        sex=gender,
        tags="",
        note=note.strip(),
        home_store=home_store.strip(),
        joined_on=on,
        card_type_id=kind.id,
        level_since=on,
        expires_on=(on + dt.timedelta(days=kind.validity_days - 1)) if kind.validity_days else None,
        status=MemberStatus.ACTIVE,
        password_failures=0,
        principal_fen=0,
        bonus_fen=0,
        points=0,
        total_spend_fen=0,
        visit_count=0,
    )
    set_birthday(member, birthday)
    session.add(member)
    session.flush()  # no ORM relationships: the member row goes first for the foreign keys
    set_tags(session, member, tags)
    session.add(
        MemberCardRow(id=new_id(), member_id=member.id, card_no=card, status="active", issued_on=on)
    )
    add_event(
        session,
        "MemberEnrolled",
        {
            "member_id": member.id,
            "card_no": card,
            "name": clean,
            # The head office needs no full phone: a masked one tells staff which member it is.
            "phone_masked": mask_phone(mobile),
            "sex": gender,
            "birthday": dataclasses.asdict(birthday) if birthday else None,
            "card_type_id": kind.id,
            "joined_on": on.isoformat(),
            "expires_on": member.expires_on.isoformat() if member.expires_on else None,
            "home_store": member.home_store,
            "tags": member.tags,
            "actor_id": actor_id,
        },
    )
    audit.record(
        session,
        "member.enrolled",
        actor_id=actor_id,
        subject_id=member.id,
        detail={"card_no": mask_card(card), "card_type": kind.name},
    )
    return member_view(member, kind)


def looks_like_phone(text: str) -> bool:
    """A mainland mobile number (11 digits from 13x to 19x): looked up as a phone first."""
    return bool(_MOBILE_RE.match(text))


def find_row(session: Session, text: str) -> MemberRow:
    """The member whose active card number or phone is ``text``.

    A card number that was reported lost or replaced says so (CardLost, CardReplaced).
    """
    key = unicodedata.normalize("NFKC", text).strip()
    if not key:
        raise MemberNotFound(text)
    columns: tuple[Any, ...] = (MemberRow.phone, MemberRow.card_no)
    if not looks_like_phone(key):
        columns = (MemberRow.card_no, MemberRow.phone)
    for column in columns:
        member = session.scalar(select(MemberRow).where(column == key))
        if member is not None:
            return member
    old = session.scalar(select(MemberCardRow).where(MemberCardRow.card_no == key))
    if old is not None:
        if old.status == "lost":
            raise CardLost()
        raise CardReplaced()
    raise MemberNotFound(text)


def find_member(session: Session, text: str) -> MemberView:
    """Look a member up by card number (typed or swiped) or phone; the phone comes masked."""
    member = find_row(session, text)
    return member_view(member, load_card_type(session, member.card_type_id))


def attach_member(session: Session, text: str, *, actor_id: str, on: dt.date) -> MemberView:
    """The member for a sale (F2 / swipe). A lost, frozen, replaced or expired card is refused
    with its reason and the refusal is audited: like ``staff.authenticate``, the caller commits
    either way so the audit entry stays."""
    try:
        member = find_row(session, text)
        require_usable(member, on)
    except CardRefused as refusal:
        audit.record(
            session,
            "member.card_refused",
            actor_id=actor_id,
            detail={"card": mask_card(text.strip()), "reason": str(refusal)},
        )
        raise
    return member_view(member, load_card_type(session, member.card_type_id))


def full_phone(session: Session, member_id: str, *, actor_id: str, approver_id: str | None) -> str:
    """The unmasked phone number, for a manager; every look is audited."""
    require_approver(approver_id)
    member = load_member(session, member_id)
    audit.record(
        session,
        "member.phone_viewed",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=member.id,
    )
    return member.phone or ""


@dataclasses.dataclass(frozen=True)
class ProfileChanges:
    """Fields to change; None leaves a field as it is (``clear_birthday`` removes it)."""

    name: str | None = None
    phone: str | None = None
    sex: str | None = None
    birthday: MemberDate | None = None
    clear_birthday: bool = False
    tags: tuple[str, ...] | None = None
    note: str | None = None
    home_store: str | None = None


def update_profile(
    session: Session,
    member_id: str,
    changes: ProfileChanges,
    *,
    actor_id: str,
    on: dt.date | None = None,
) -> MemberView:
    """Change what ``changes`` gives; only the fields whose value really changes are written,
    sent and audited (a form sends every field). With ``on`` (today), a new birthday may not
    be after it."""
    member = load_member(session, member_id)
    changed: list[str] = []

    def change(name: str, value: object) -> None:
        if getattr(member, name) != value:
            setattr(member, name, value)
            changed.append(name)

    if changes.name is not None:
        change("name", clean_name(changes.name))
    if changes.phone is not None:
        phone = clean_phone(changes.phone)
        check_phone_free(session, phone, member.id)
        change("phone", phone)
    if changes.sex is not None:
        change("sex", clean_sex(changes.sex))
    if changes.birthday is not None or changes.clear_birthday:
        birthday = None if changes.clear_birthday else changes.birthday
        if member_date_of(member) != birthday:
            if on is not None:
                check_birthday(birthday, on)
            set_birthday(member, birthday)
            changed.append("birthday")
    if changes.tags is not None and ",".join(clean_tags(changes.tags)) != member.tags:
        set_tags(session, member, changes.tags)
        changed.append("tags")
    if changes.note is not None:
        change("note", changes.note.strip())
    if changes.home_store is not None:
        change("home_store", changes.home_store.strip())
    if changed:
        add_event(
            session,
            "MemberUpdated",
            {
                "member_id": member.id,
                "name": member.name,
                "phone_masked": mask_phone(member.phone),
                "sex": member.sex,
                "birthday_key": member.birthday_key,
                "tags": member.tags,
                "note": member.note,
                "home_store": member.home_store,
                "changed": changed,
            },
        )
        audit.record(
            session,
            "member.updated",
            actor_id=actor_id,
            subject_id=member.id,
            detail={"fields": changed},
        )
    return member_view(member, load_card_type(session, member.card_type_id))


@dataclasses.dataclass(frozen=True)
class AnniversaryView:
    id: str
    member_id: str
    anniversary: Anniversary


def add_anniversary(
    session: Session, member_id: str, label: str, date: MemberDate, *, actor_id: str
) -> AnniversaryView:
    """A yearly date the member asked the shop to remember (结婚纪念日); the reminders list it
    on the day it falls. Audited."""
    member = load_member(session, member_id)
    text = unicodedata.normalize("NFKC", label).strip()
    if not text or len(text) > ANNIVERSARY_LABEL_LENGTH:
        raise MemberError("纪念日名称须为 1–%1 个字", ANNIVERSARY_LABEL_LENGTH, field="label")
    row = AnniversaryRow(
        id=new_id(),
        member_id=member.id,
        label=text,
        calendar=date.calendar,
        year=date.year,
        month=date.month,
        day=date.day,
        leap=date.leap_month,
        prefer_leap=date.prefer_leap,
        key_code=date.key.code,
    )
    session.add(row)
    add_event(
        session,
        "AnniversaryAdded",
        {"id": row.id, "member_id": member.id, "label": text, "date": dataclasses.asdict(date)},
    )
    audit.record(
        session,
        "member.anniversary_added",
        actor_id=actor_id,
        subject_id=member.id,
        detail={"id": row.id, "label": text, "date": member_date_words(date)},
    )
    return AnniversaryView(row.id, member.id, Anniversary(text, date))


def remove_anniversary(
    session: Session, member_id: str, anniversary_id: str, *, actor_id: str
) -> None:
    """Forget one of the member's anniversaries; audited with what it was."""
    row = session.get(AnniversaryRow, anniversary_id)
    if row is None or row.member_id != member_id:
        raise MemberError("该纪念日已不存在")
    said = member_date_words(anniversary_of(row).date)
    session.delete(row)
    add_event(session, "AnniversaryRemoved", {"id": row.id, "member_id": member_id})
    audit.record(
        session,
        "member.anniversary_removed",
        actor_id=actor_id,
        subject_id=member_id,
        detail={"id": row.id, "label": row.label, "date": said},
    )


def anniversary_of(row: AnniversaryRow) -> Anniversary:
    calendar: CalendarName = "lunar" if row.calendar == "lunar" else "solar"
    date = MemberDate(calendar, row.year, row.month, row.day, row.leap, row.prefer_leap)
    return Anniversary(row.label, date)


def list_anniversaries(session: Session, member_id: str) -> list[AnniversaryView]:
    rows = session.scalars(
        select(AnniversaryRow)
        .where(AnniversaryRow.member_id == member_id)
        .order_by(AnniversaryRow.month, AnniversaryRow.day, AnniversaryRow.id)
    )
    return [AnniversaryView(r.id, r.member_id, anniversary_of(r)) for r in rows]
