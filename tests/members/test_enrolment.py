"""Enrolment, lookup by card or phone, attaching a member, privacy of the phone."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from sqlalchemy import select

from app.members.accounts import MemberView, mask_phone
from app.members.cards import freeze, report_loss
from app.members.enrolment import attach_member, enrol, find_member, full_phone
from app.members.errors import (
    ApprovalRequired,
    CardFrozen,
    CardLost,
    DuplicatePhone,
    MemberExpired,
    MemberNotFound,
)
from app.members.levels import CardType
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.models import AuditRow, OutboxRow
from tests.members.conftest import TODAY, snapshot


def test_enrolment_takes_card_phone_and_name_and_writes_an_event(
    db: Database, cashier: StaffView, card_types: dict[str, CardType]
) -> None:
    start = time.perf_counter()
    with db.transaction() as session:
        view = enrol(
            session,
            card_no=" 88000009 ",
            phone="138 1234 0000",
            name="李四",
            on=TODAY,
            actor_id=cashier.id,
        )
    assert time.perf_counter() - start < 1
    assert (view.card_no, view.card_type.name, view.phone_masked) == (
        "88000009",
        "普通卡",
        "138****0000",
    )
    with db.reading() as session:
        event = session.scalars(select(OutboxRow).where(OutboxRow.type == "MemberEnrolled")).one()
    payload = json.loads(event.payload)
    assert payload["phone_masked"] == "138****0000" and "phone" not in payload


def test_member_is_found_by_card_number_or_phone_with_the_phone_masked(
    db: Database, member: MemberView
) -> None:
    with db.reading() as session:
        by_card = find_member(session, "88000001")
        by_phone = find_member(session, "13812345678")
    assert by_card.id == by_phone.id == member.id
    assert by_card.phone_masked == "138****5678"
    assert mask_phone("13812345678") == "138****5678"


def test_duplicate_phone_is_refused_and_nothing_is_written(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    before = snapshot(db)
    with pytest.raises(DuplicatePhone, match="手机号已被其他会员使用"), db.transaction() as session:
        enrol(
            session,
            card_no="88000002",
            phone="13812345678",
            name="王五",
            on=TODAY,
            actor_id=cashier.id,
        )
    assert snapshot(db) == before


def test_unknown_card_is_refused_plainly(db: Database, member: MemberView) -> None:
    with pytest.raises(MemberNotFound, match=r"未找到会员卡：\*\*\*\*99$"), db.reading() as session:
        find_member(session, "99999")


def test_a_lost_card_is_refused_at_attach_and_the_refusal_is_audited(
    db: Database, cashier: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        report_loss(session, member.id, actor_id=cashier.id, on=TODAY)
    with db.transaction() as session, pytest.raises(CardLost, match="该卡已挂失"):
        attach_member(session, "88000001", actor_id=cashier.id, on=TODAY)
    with db.reading() as session:
        actions = session.scalars(select(AuditRow.action)).all()
    assert "member.card_refused" in actions


def test_a_frozen_card_is_refused_at_attach(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with db.transaction() as session:
        freeze(session, member.id, reason="会员要求", actor_id=cashier.id, approver_id=manager.id)
    with pytest.raises(CardFrozen, match="该卡已冻结"), db.transaction() as session:
        attach_member(session, "13812345678", actor_id=cashier.id, on=TODAY)


def test_an_expired_paid_card_is_refused_after_its_last_day(
    db: Database, cashier: StaffView, card_types: dict[str, CardType]
) -> None:
    with db.transaction() as session:
        gold = enrol(
            session,
            card_no="66",
            phone="13900000000",
            name="赵六",
            on=TODAY,
            actor_id=cashier.id,
            card_type_id=card_types["gold"].id,
        )
    assert gold.expires_on == TODAY + dt.timedelta(days=364)
    with db.transaction() as session:
        assert attach_member(session, "66", actor_id=cashier.id, on=gold.expires_on).id == gold.id
        with pytest.raises(MemberExpired):
            attach_member(
                session, "66", actor_id=cashier.id, on=gold.expires_on + dt.timedelta(days=1)
            )


def test_the_full_phone_needs_a_manager_and_each_look_is_audited(
    db: Database, cashier: StaffView, manager: StaffView, member: MemberView
) -> None:
    with pytest.raises(ApprovalRequired), db.transaction() as session:
        full_phone(session, member.id, actor_id=cashier.id, approver_id=None)
    with db.transaction() as session:
        assert full_phone(session, member.id, actor_id=cashier.id, approver_id=manager.id) == (
            "13812345678"
        )
    with db.reading() as session:
        row = session.scalars(
            select(AuditRow).where(AuditRow.action == "member.phone_viewed")
        ).one()
    assert (row.actor_id, row.approver_id) == (cashier.id, manager.id)
