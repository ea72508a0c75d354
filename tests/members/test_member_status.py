"""A member's status is an enum in the code and the same plain text in the database as before."""

from __future__ import annotations

from sqlalchemy import text

from app.members.accounts import MemberView, view_of
from app.members.cards import freeze
from app.members.member_status import STATUS_LABELS, MemberStatus
from app.pos.staff import StaffView
from app.storage.database import Database


def test_the_stored_values_are_the_texts_the_members_table_always_held() -> None:
    assert [status.value for status in MemberStatus] == ["active", "frozen", "lost", "expired"]
    assert set(STATUS_LABELS) == set(MemberStatus)


def test_a_frozen_member_is_stored_as_plain_text_and_read_back_as_the_enum(
    db: Database, member: MemberView, cashier: StaffView, manager: StaffView
) -> None:
    assert member.status is MemberStatus.ACTIVE and member.status_label == "正常"
    with db.transaction() as session:
        freeze(
            session, member.id, reason="卡片遗失待查", actor_id=cashier.id, approver_id=manager.id
        )
    with db.reading() as session:
        stored = session.execute(
            text("SELECT status, typeof(status) FROM members WHERE id = :id"), {"id": member.id}
        ).one()
        frozen = view_of(session, member.id)
    assert tuple(stored) == ("frozen", "text")
    assert frozen.status is MemberStatus.FROZEN and frozen.status_label == "已冻结"
