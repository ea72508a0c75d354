"""Saved member lists (会员名单): a named filter, run again each time it is opened, so the list
is always today's members who meet it (a campaign reads it the day it is sent). Saving and
deleting are audited; a name is used once per store, whatever its letter case or spaces."""

from __future__ import annotations

import dataclasses
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.members.member_filters import FilterError, MemberFilter, Words
from app.storage import audit
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.member_models import MemberListRow

MAX_NAME_LENGTH = 40


@dataclasses.dataclass(frozen=True)
class MemberListView:
    id: str
    name: str
    member_filter: MemberFilter

    @property
    def words(self) -> tuple[Words, ...]:
        return tuple(self.member_filter.words())


def _clean_name(name: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    if not cleaned:
        raise FilterError("请填写名单名称", field="name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise FilterError("名单名称最多 %1 个字", MAX_NAME_LENGTH, field="name")
    return cleaned


def _named(session: Session, name: str) -> MemberListRow | None:
    query = select(MemberListRow).where(func.lower(MemberListRow.name) == name.lower())
    return session.scalars(query).first()


def save_list(
    session: Session,
    name: str,
    member_filter: MemberFilter,
    *,
    actor_id: str,
    approver_id: str | None = None,
    replace: bool = False,
) -> MemberListView:
    """Keep ``member_filter`` under ``name``; a name in use is refused unless ``replace``."""
    cleaned = _clean_name(name)
    member_filter.check(session)
    definition = member_filter.to_json()
    row = _named(session, cleaned)
    if row is not None and not replace:
        raise FilterError("已有名为“%1”的名单", row.name, field="name")
    if row is None:
        row = MemberListRow(id=new_id(), name=cleaned, definition=definition, created_by=actor_id)
        session.add(row)
        action = "member_list.saved"
    else:
        row.name = cleaned
        row.definition = definition
        row.updated_at = utcnow()
        action = "member_list.replaced"
    session.flush()
    audit.record(
        session,
        action,
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": cleaned, "definition": definition},
    )
    return MemberListView(row.id, row.name, member_filter)


def delete_list(
    session: Session, list_id: str, *, actor_id: str, approver_id: str | None = None
) -> None:
    row = session.get(MemberListRow, list_id)
    if row is None:
        raise FilterError("未找到该名单")
    audit.record(
        session,
        "member_list.deleted",
        actor_id=actor_id,
        approver_id=approver_id,
        subject_id=row.id,
        detail={"name": row.name, "definition": row.definition},
    )
    session.delete(row)


def saved_lists(session: Session) -> list[MemberListView]:
    """Every saved list, by name."""
    rows = session.scalars(select(MemberListRow).order_by(MemberListRow.name))
    return [
        MemberListView(row.id, row.name, MemberFilter.from_json(row.definition)) for row in rows
    ]


def list_named(session: Session, name: str) -> MemberListView | None:
    """The saved list called ``name`` (its letter case and spaces as the store ignores them), or
    None when there is none (never saved, renamed or deleted since)."""
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    row = _named(session, cleaned) if cleaned else None
    if row is None:
        return None
    return MemberListView(row.id, row.name, MemberFilter.from_json(row.definition))


def saved_list(session: Session, list_id: str) -> MemberListView:
    row = session.get(MemberListRow, list_id)
    if row is None:
        raise FilterError("未找到该名单")
    return MemberListView(row.id, row.name, MemberFilter.from_json(row.definition))
