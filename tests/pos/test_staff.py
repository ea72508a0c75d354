"""Staff login by PIN with lockout, and manager approval of sensitive actions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.pos.staff import (
    Sensitive,
    StaffError,
    StaffView,
    add_staff,
    approve,
    authenticate,
    parse_role,
)
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import AuditRow, Role, StaffRow
from tests.conftest import CASHIER_PIN, MANAGER_PIN


def _try(db: Database, name: str, pin: str, now: dt.datetime | None = None) -> StaffView:
    """Like the counter: the failure count is committed even when the PIN is wrong."""
    error: StaffError | None = None
    with db.transaction() as session:
        try:
            return authenticate(session, name, pin, now=now)
        except StaffError as exc:
            error = exc
    raise error


def test_the_right_pin_logs_in(db: Database, cashier: StaffView) -> None:
    view = _try(db, "小王", CASHIER_PIN)
    assert view == cashier
    assert view.role is Role.CASHIER


def test_pins_are_stored_as_slow_hashes_never_in_clear(db: Database, cashier: StaffView) -> None:
    with db.reading() as session:
        stored = session.scalar(select(StaffRow.pin_hash))
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert CASHIER_PIN not in stored


def test_five_wrong_pins_lock_the_account_even_for_the_right_pin(
    db: Database, cashier: StaffView
) -> None:
    moment = utcnow()
    for attempt in range(4):
        with pytest.raises(StaffError, match=f"还可尝试 {4 - attempt} 次"):
            _try(db, "小王", "0000", moment)
    with pytest.raises(StaffError, match="锁定"):
        _try(db, "小王", "0000", moment)
    with pytest.raises(StaffError, match="锁定"):
        _try(db, "小王", CASHIER_PIN, moment + dt.timedelta(minutes=5))
    assert _try(db, "小王", CASHIER_PIN, moment + dt.timedelta(minutes=16)).id == cashier.id
    with db.reading() as session:
        actions = list(session.scalars(select(AuditRow.action).order_by(AuditRow.seq)))
    assert actions.count("login.failed") == 4
    assert "login.locked" in actions


def test_an_unknown_name_says_the_same_as_a_wrong_pin(db: Database, cashier: StaffView) -> None:
    with pytest.raises(StaffError, match="用户名或密码错误"):
        _try(db, "不存在", "1234")


def test_a_cashier_cannot_approve_but_a_manager_can(
    db: Database, cashier: StaffView, manager: StaffView
) -> None:
    with db.transaction() as session, pytest.raises(StaffError, match="没有授权"):
        approve(session, "小王", CASHIER_PIN, Sensitive.VOID, requested_by=cashier)
    with db.transaction() as session:
        approver = approve(session, "李店长", MANAGER_PIN, Sensitive.VOID, requested_by=cashier)
    assert approver.id == manager.id
    with db.reading() as session:
        granted = session.scalar(select(AuditRow).where(AuditRow.action == "approval.granted"))
    assert granted is not None
    assert (granted.actor_id, granted.approver_id) == (cashier.id, manager.id)


@pytest.mark.parametrize("pin", ["12", "abcd", "1234567890123", ""])
def test_bad_pins_are_refused_when_adding_staff(db: Database, pin: str) -> None:
    with db.transaction() as session, pytest.raises(StaffError, match="数字"):
        add_staff(session, "新人", Role.CASHIER, pin)
    with db.reading() as session:
        assert session.scalar(select(StaffRow.id)) is None


def test_duplicate_names_are_refused(db: Database, cashier: StaffView) -> None:
    with db.transaction() as session, pytest.raises(StaffError, match="已存在"):
        add_staff(session, "小王", Role.MANAGER, "9999")


def test_roles_are_read_in_english_or_chinese() -> None:
    assert parse_role("manager") is Role.MANAGER
    assert parse_role("店长") is Role.MANAGER
    with pytest.raises(StaffError, match="未知角色"):
        parse_role("boss")
