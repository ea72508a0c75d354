"""Staff login by PIN with lockout, and manager approval of sensitive actions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.pos.staff import (
    Lockout,
    Sensitive,
    StaffError,
    StaffView,
    add_staff,
    approve,
    authenticate,
    change_role,
    hire,
    list_staff,
    list_staff_names,
    parse_role,
    reset_pin,
    set_active,
    take_lock_notices,
)
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import AuditRow, Role, StaffRow
from tests.conftest import CASHIER_PIN, MANAGER_PIN, SteadyClock


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
    db: Database, cashier: StaffView, steady_clock: SteadyClock
) -> None:
    moment = utcnow()
    for attempt in range(4):
        with pytest.raises(StaffError, match=f"还可尝试 {4 - attempt} 次"):
            _try(db, "小王", "0000", moment)
    with pytest.raises(StaffError, match="锁定"):
        _try(db, "小王", "0000", moment)
    with pytest.raises(StaffError, match="锁定"):
        _try(db, "小王", CASHIER_PIN, moment + dt.timedelta(minutes=5))
    steady_clock.advance(16 * 60)
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
        approval = approve(session, "李店长", MANAGER_PIN, Sensitive.VOID, requested_by=cashier)
    assert approval.approver_id == manager.id
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


# -- managing staff ------------------------------------------------------------------------------

OWNER_PIN = "8888"


@pytest.fixture
def owner(db: Database) -> StaffView:
    with db.transaction() as session:
        return add_staff(session, "张老板", Role.OWNER, OWNER_PIN)


def _staff_state(db: Database) -> list[tuple[str, str, str, bool, int]]:
    """Every staff row as it matters here, and how many audit entries there are."""
    with db.reading() as session:
        audits = len(session.scalars(select(AuditRow.id)).all())
        return [
            (r.name, r.role.value, r.pin_hash, r.active, audits)
            for r in session.scalars(select(StaffRow).order_by(StaffRow.name))
        ]


def _refused(db: Database, change: Callable[[Session], object], message: str) -> None:
    """The change is refused with ``message`` and the database is as it was."""
    before = _staff_state(db)
    with pytest.raises(StaffError) as caught, db.transaction() as session:
        change(session)
    assert message in str(caught.value)
    assert _staff_state(db) == before


def _audits(db: Database, action: str) -> list[AuditRow]:
    with db.reading() as session:
        return list(session.scalars(select(AuditRow).where(AuditRow.action == action)))


def test_the_staff_list_shows_name_role_and_whether_active(
    db: Database, cashier: StaffView, owner: StaffView
) -> None:
    with db.transaction() as session:
        set_active(session, cashier.id, False, actor=owner, approver=owner)
    with db.reading() as session:
        entries = list_staff(session)
    assert [(e.name, e.role, e.active) for e in entries] == [
        ("张老板", Role.OWNER, True),
        ("小王", Role.CASHIER, False),
    ]


def test_a_manager_adds_a_cashier_audited_with_actor_and_approver(
    db: Database, cashier: StaffView, manager: StaffView
) -> None:
    with db.transaction() as session:
        added = hire(session, "小刘", Role.CASHIER, "5678", actor=cashier, approver=manager)
    assert _try(db, "小刘", "5678").id == added.id
    (entry,) = [e for e in _audits(db, "staff.added") if e.subject_id == added.id]
    assert (entry.actor_id, entry.approver_id, entry.subject_id) == (
        cashier.id,
        manager.id,
        added.id,
    )


def test_only_the_owner_adds_a_manager_or_an_owner(
    db: Database, manager: StaffView, owner: StaffView
) -> None:
    for role in (Role.MANAGER, Role.OWNER):
        _refused(
            db,
            lambda s, r=role: hire(s, "小赵", r, "5678", actor=manager, approver=manager),
            "只有老板可以管理店长和老板",
        )
    with db.transaction() as session:
        hire(session, "小赵", Role.MANAGER, "5678", actor=owner, approver=owner)
    assert _try(db, "小赵", "5678").role is Role.MANAGER


def test_a_cashier_cannot_approve_staff_changes(db: Database, cashier: StaffView) -> None:
    _refused(
        db,
        lambda s: hire(s, "小刘", Role.CASHIER, "5678", actor=cashier, approver=cashier),
        "没有管理员工的权限",
    )


def test_a_bad_pin_or_a_taken_name_adds_nobody(
    db: Database, cashier: StaffView, owner: StaffView
) -> None:
    _refused(db, lambda s: hire(s, "小刘", Role.CASHIER, "12", actor=owner, approver=owner), "密码")
    _refused(
        db, lambda s: hire(s, "小王", Role.CASHIER, "5678", actor=owner, approver=owner), "已存在"
    )


def test_only_the_owner_changes_a_role(
    db: Database, cashier: StaffView, manager: StaffView, owner: StaffView
) -> None:
    _refused(
        db,
        lambda s: change_role(s, cashier.id, Role.MANAGER, actor=manager, approver=manager),
        "只有老板可以修改员工角色",
    )
    with db.transaction() as session:
        change_role(session, cashier.id, Role.MANAGER, actor=owner, approver=owner)
    assert _try(db, "小王", CASHIER_PIN).role is Role.MANAGER
    (entry,) = _audits(db, "staff.role_changed")
    assert entry.approver_id == owner.id
    assert json.loads(entry.detail) == {"from": "cashier", "to": "manager"}


def test_the_last_active_owner_cannot_demote_themself(db: Database, owner: StaffView) -> None:
    _refused(
        db,
        lambda s: change_role(s, owner.id, Role.MANAGER, actor=owner, approver=owner),
        "唯一在职的老板",
    )
    with db.transaction() as session:
        second = hire(session, "王老板", Role.OWNER, "9999", actor=owner, approver=owner)
        change_role(session, owner.id, Role.MANAGER, actor=owner, approver=owner)
    assert _try(db, "张老板", OWNER_PIN).role is Role.MANAGER
    assert _try(db, "王老板", "9999").id == second.id


def test_a_disabled_member_of_staff_cannot_log_in_nor_is_listed(
    db: Database, cashier: StaffView, owner: StaffView
) -> None:
    with db.transaction() as session:
        set_active(session, cashier.id, False, actor=owner, approver=owner)
    with pytest.raises(StaffError, match="用户名或密码错误"):
        _try(db, "小王", CASHIER_PIN)
    with db.reading() as session:
        assert list_staff_names(session) == ["张老板"]
    assert [e.approver_id for e in _audits(db, "staff.disabled")] == [owner.id]
    with db.transaction() as session:
        set_active(session, cashier.id, True, actor=owner, approver=owner)
    assert _try(db, "小王", CASHIER_PIN).id == cashier.id


def test_nobody_disables_themself_nor_the_last_owner(
    db: Database, manager: StaffView, owner: StaffView
) -> None:
    with db.transaction() as session:
        second = hire(session, "王老板", Role.OWNER, "9999", actor=owner, approver=owner)
    _refused(
        db, lambda s: set_active(s, owner.id, False, actor=owner, approver=owner), "不能停用自己"
    )
    _refused(
        db,
        lambda s: set_active(s, owner.id, False, actor=manager, approver=manager),
        "只有老板可以管理店长和老板",
    )
    with db.transaction() as session:
        set_active(session, owner.id, False, actor=second, approver=second)
    _refused(
        db,
        lambda s: set_active(s, second.id, False, actor=manager, approver=manager),
        "只有老板可以管理店长和老板",
    )


def test_the_last_active_owner_is_never_disabled(
    db: Database, cashier: StaffView, owner: StaffView
) -> None:
    _refused(
        db,
        lambda s: set_active(s, owner.id, False, actor=cashier, approver=owner),
        "唯一在职的老板",
    )


def test_a_pin_reset_lifts_the_lockout_and_is_audited_without_the_pin(
    db: Database, cashier: StaffView, manager: StaffView
) -> None:
    for _ in range(5):
        with pytest.raises(StaffError):
            _try(db, "小王", "0000")
    with db.transaction() as session:
        reset_pin(session, cashier.id, "4321", actor=manager, approver=manager)
    assert _try(db, "小王", "4321").id == cashier.id
    (entry,) = _audits(db, "staff.pin_reset")
    assert entry.approver_id == manager.id
    assert "4321" not in str(entry.detail)


def test_a_pin_reset_is_checked_and_limited_by_role(
    db: Database, cashier: StaffView, manager: StaffView, owner: StaffView
) -> None:
    _refused(
        db,
        lambda s: reset_pin(s, cashier.id, "12ab", actor=manager, approver=manager),
        "密码须为",
    )
    _refused(
        db,
        lambda s: reset_pin(s, owner.id, "4321", actor=manager, approver=manager),
        "只有老板可以管理店长和老板",
    )
    with db.transaction() as session:
        reset_pin(session, manager.id, "1357", actor=owner, approver=owner)
    assert _try(db, "李店长", "1357").id == manager.id


# -- the lockout (issue #9, 12) -------------------------------------------------------------------


def _approve(
    db: Database, name: str, pin: str, requested_by: StaffView, now: dt.datetime | None = None
) -> object:
    """Like the approval dialog: the failure count is committed even when the PIN is wrong."""
    error: StaffError | None = None
    with db.transaction() as session:
        try:
            return approve(session, name, pin, Sensitive.VOID, requested_by=requested_by, now=now)
        except StaffError as exc:
            error = exc
    raise error


def _five_wrong(db: Database, name: str, moment: dt.datetime) -> str:
    """Five wrong PINs at ``moment``; what the fifth said."""
    for _ in range(4):
        with pytest.raises(StaffError, match="还可尝试"):
            _try(db, name, "0000", moment)
    with pytest.raises(StaffError, match="锁定") as locked:
        _try(db, name, "0000", moment)
    return str(locked.value)


def test_failures_count_across_locks_and_each_lock_lasts_twice_as_long(
    db: Database, cashier: StaffView, steady_clock: SteadyClock
) -> None:
    """Before, the count started again after each 15-minute lock: 480 guesses a day."""
    moment = utcnow()
    assert "锁定 15 分钟" in _five_wrong(db, "小王", moment)
    for minutes in (30, 60, 120):
        steady_clock.advance(24 * 3600)
        moment += dt.timedelta(days=1)
        with pytest.raises(StaffError, match="还可尝试 4 次"):  # the lock ended, the count stays
            _try(db, "小王", "0000", moment)
        for _ in range(3):
            with pytest.raises(StaffError, match="还可尝试"):
                _try(db, "小王", "0000", moment)
        with pytest.raises(StaffError, match=f"锁定 {minutes} 分钟"):
            _try(db, "小王", "0000", moment)
        steady_clock.advance(minutes * 60 - 60)
        with pytest.raises(StaffError, match="请 1 分钟后再试"):
            _try(db, "小王", CASHIER_PIN, moment + dt.timedelta(minutes=minutes - 1))
    with db.reading() as session:
        row = session.get(StaffRow, cashier.id)
        assert row is not None and row.failed_attempts == 20


def test_a_lock_lasts_at_most_a_day() -> None:
    rule = Lockout(failures=5, minutes=15)
    assert [rule.minutes_for(n) for n in (4, 5, 10, 15, 20, 45, 50, 500)] == [
        None,
        15,
        30,
        60,
        120,
        1440,
        1440,
        1440,
    ]


def test_a_right_pin_or_a_managers_reset_starts_the_count_again(
    db: Database, cashier: StaffView, manager: StaffView, steady_clock: SteadyClock
) -> None:
    moment = utcnow()
    for _ in range(4):
        with pytest.raises(StaffError):
            _try(db, "小王", "0000", moment)
    _try(db, "小王", CASHIER_PIN, moment)
    assert "锁定 15 分钟" in _five_wrong(db, "小王", moment)
    steady_clock.advance(16 * 60)
    moment += dt.timedelta(minutes=16)
    assert "锁定 30 分钟" in _five_wrong(db, "小王", moment)
    with db.transaction() as session:  # the manager resets the PIN: the lock and count go
        reset_pin(session, cashier.id, "4321", actor=manager, approver=manager)
    assert _try(db, "小王", "4321", moment).id == cashier.id
    assert "锁定 15 分钟" in _five_wrong(db, "小王", moment)


def test_moving_the_clock_either_way_does_not_end_a_lock(
    db: Database, cashier: StaffView, steady_clock: SteadyClock
) -> None:
    """Before, setting the clock 15 minutes on ended the lock."""
    moment = utcnow()
    _five_wrong(db, "小王", moment)
    with pytest.raises(StaffError, match="锁定"):  # clock a day ahead, a minute really gone
        steady_clock.advance(60)
        _try(db, "小王", CASHIER_PIN, moment + dt.timedelta(days=1))
    steady_clock.advance(20 * 60)  # the lock's time has passed, but the clock was put back
    with pytest.raises(StaffError, match="锁定"):
        _try(db, "小王", CASHIER_PIN, moment - dt.timedelta(hours=1))
    assert _try(db, "小王", CASHIER_PIN, moment + dt.timedelta(minutes=21)).id == cashier.id


def test_wrong_pins_in_an_approval_lock_the_managers_approvals_not_their_login(
    db: Database, cashier: StaffView, manager: StaffView, steady_clock: SteadyClock
) -> None:
    """Before, a cashier typing five wrong PINs as the manager locked the manager out."""
    moment = utcnow()
    for left in (4, 3, 2, 1):
        with pytest.raises(StaffError, match=f"还可尝试 {left} 次"):
            _approve(db, "李店长", "0000", cashier, moment)
    with pytest.raises(StaffError, match="“李店长”15 分钟内不能授权"):
        _approve(db, "李店长", "0000", cashier, moment)
    assert _try(db, "李店长", MANAGER_PIN, moment).id == manager.id  # the login still works
    with pytest.raises(StaffError, match="授权密码错误次数过多"):  # approvals are still throttled
        _approve(db, "李店长", MANAGER_PIN, cashier, moment)
    with db.reading() as session:
        row = session.get(StaffRow, manager.id)
        assert row is not None and (row.failed_attempts, row.approval_failures) == (0, 5)
    steady_clock.advance(16 * 60)
    assert _approve(db, "李店长", MANAGER_PIN, cashier, moment + dt.timedelta(minutes=16))
    with db.reading() as session:
        locked = session.scalar(select(AuditRow).where(AuditRow.action == "approval.locked"))
    assert locked is not None
    assert (locked.actor_id, locked.subject_id) == (cashier.id, manager.id)
    assert json.loads(locked.detail or "{}") == {"failures": 5, "minutes": 15}


def test_the_owner_is_told_of_every_lock_once(
    db: Database, cashier: StaffView, manager: StaffView, owner: StaffView
) -> None:
    moment = utcnow()
    _five_wrong(db, "小王", moment)
    for _ in range(5):
        with pytest.raises(StaffError):
            _approve(db, "李店长", "0000", cashier, moment)
    with db.transaction() as session:
        assert take_lock_notices(session, manager) == []  # the owner's business, not a manager's
        assert take_lock_notices(session, cashier) == []
    with db.transaction() as session:
        told = take_lock_notices(session, owner)
    assert [(n.name, n.kind, n.failures, n.minutes) for n in told] == [
        ("小王", "login", 5, 15),
        ("李店长", "approval", 5, 15),
    ]
    with db.transaction() as session:
        assert take_lock_notices(session, owner) == []  # told once
    with db.reading() as session:
        actions = list(session.scalars(select(AuditRow.action)))
    assert actions.count("login.locked") == 1 and actions.count("approval.locked") == 1
