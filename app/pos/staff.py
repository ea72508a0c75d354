"""Staff: PIN login with a slow hash and an escalating lockout, and manager approval of
sensitive actions as a proof the service spends (``app.storage.approvals``).

Wrong PINs count until a right one or a manager's reset, across locks: every
``pin_lockout_failures`` (five) wrong PINs lock for ``pin_lockout_minutes`` (15), doubled at each
further lock, up to a day. A lock is judged by the wall clock from its start (a clock put back
before the start is still locked) and, while this process runs, by the monotonic clock too, so
moving the clock either way never ends it sooner. PINs typed for a person in an approval dialog
count apart from that person's own logins: a cashier guessing a manager's PIN locks that
manager's approvals, never the manager's login. Every lock is audited and left as a notice the
owner sees at the next login.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.storage import approvals, audit
from app.storage.approvals import Approval as Approval
from app.storage.approvals import Sensitive as Sensitive
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import Role, StaffLockNoticeRow, StaffRow

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
STAFF_NAME_MAX_LENGTH = 40
DEFAULT_LOCKOUT_FAILURES = 5
DEFAULT_LOCKOUT_MINUTES = 15
#: However many wrong PINs, a lock lasts at most a day (a manager's reset lifts it sooner).
MAX_LOCKOUT_MINUTES = 24 * 60

#: Argon2id with a moderate cost: about 30-60 ms a check, so guessing a PIN offline is slow while
#: the cashier never notices.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class StaffError(KnownError):
    """A login or approval that failed for a reason the cashier can read."""


ROLE_LABELS = {Role.CASHIER: "收银员", Role.MANAGER: "店长", Role.OWNER: "老板"}


@dataclasses.dataclass(frozen=True)
class StaffView:
    id: str
    name: str
    role: Role

    @property
    def can_approve(self) -> bool:
        return self.role in (Role.MANAGER, Role.OWNER)

    def may_approve(self, action: Sensitive) -> bool:
        """Whether this person's own login approves ``action`` (some are the owner's alone)."""
        return self.role in approvals.APPROVING_ROLES[action]

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def _view(row: StaffRow) -> StaffView:
    return StaffView(id=row.id, name=row.name, role=row.role)


def validate_pin(pin: str) -> str:
    if not pin.isdigit() or not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise StaffError("密码须为 %1 到 %2 位数字", MIN_PIN_LENGTH, MAX_PIN_LENGTH)
    return pin


def hash_pin(pin: str) -> str:
    return _HASHER.hash(validate_pin(pin))


def parse_role(text: str) -> Role:
    lookup = {r.value: r for r in Role} | {label: role for role, label in ROLE_LABELS.items()}
    role = lookup.get(text.strip().lower())
    if role is None:
        raise StaffError("未知角色：%1（可用 cashier / manager / owner）", text)
    return role


def add_staff(
    session: Session, name: str, role: Role, pin: str, *, actor_id: str | None = None
) -> StaffView:
    clean = name.strip()
    if not clean or len(clean) > STAFF_NAME_MAX_LENGTH:
        raise StaffError("员工姓名须为 1 到 40 个字")
    if session.scalar(select(StaffRow.id).where(StaffRow.name == clean)) is not None:
        raise StaffError("员工“%1”已存在", clean)
    row = StaffRow(id=new_id(), name=clean, role=role, pin_hash=hash_pin(pin), failed_attempts=0)
    session.add(row)
    session.flush()
    audit.record(
        session, "staff.added", actor_id=actor_id, subject_id=row.id, detail={"role": role.value}
    )
    return _view(row)


def list_staff_names(session: Session) -> list[str]:
    return list(
        session.scalars(select(StaffRow.name).where(StaffRow.active).order_by(StaffRow.name))
    )


# -- the lockout ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Lockout:
    """The store's rule: ``failures`` wrong PINs lock for ``minutes``, doubled at each further
    lock up to :data:`MAX_LOCKOUT_MINUTES`."""

    failures: int = DEFAULT_LOCKOUT_FAILURES
    minutes: int = DEFAULT_LOCKOUT_MINUTES

    def minutes_for(self, failures: int) -> int | None:
        """How long ``failures`` wrong PINs in all lock for; None when they do not lock now."""
        if failures <= 0 or failures % self.failures:
            return None
        doublings = min(failures // self.failures - 1, 16)
        return min(self.minutes << doublings, MAX_LOCKOUT_MINUTES)


_LOGIN = "login"
_APPROVAL = "approval"

#: While this process runs, each lock also ends by the monotonic clock (staff id, kind, end):
#: a wall clock moved forward cannot end it sooner. Kept only for this process's life.
_MONOTONIC_ENDS: dict[tuple[str, str, dt.datetime], float] = {}
_ENDS_LOCK = threading.Lock()


def _lock_fields(row: StaffRow, kind: str) -> tuple[int, dt.datetime | None, dt.datetime | None]:
    if kind == _LOGIN:
        return row.failed_attempts, row.locked_at, row.locked_until
    return row.approval_failures, row.approval_locked_at, row.approval_locked_until


def _locked_for(row: StaffRow, kind: str, moment: dt.datetime, lockout: Lockout) -> int | None:
    """Whole minutes the lock still lasts (at least 1), or None when not locked."""
    _failures, started, until = _lock_fields(row, kind)
    if until is None:
        return None
    if started is None:  # locked by an older version: a fixed lock ending at ``until``
        started = until - dt.timedelta(minutes=lockout.minutes)
    full = (until - started).total_seconds()
    # A clock put back before the lock began leaves all of it to run; otherwise what is left.
    by_wall = full if moment < started else (until - moment).total_seconds()
    with _ENDS_LOCK:
        key = (row.id, kind, until)
        if key not in _MONOTONIC_ENDS:
            _MONOTONIC_ENDS[key] = approvals.monotonic() + max(by_wall, 0.0)
        by_monotonic = _MONOTONIC_ENDS[key] - approvals.monotonic()
    left = max(by_wall, by_monotonic)
    if left <= 0:
        return None
    return max(1, math.ceil(min(left, full) / 60))


def _clear(row: StaffRow, kind: str) -> None:
    if kind == _LOGIN:
        row.failed_attempts = 0
        row.locked_at = row.locked_until = None
    else:
        row.approval_failures = 0
        row.approval_locked_at = row.approval_locked_until = None


def _count_failure(
    session: Session,
    row: StaffRow,
    kind: str,
    moment: dt.datetime,
    lockout: Lockout,
    *,
    actor_id: str,
) -> int | None:
    """One more wrong PIN; the minutes of the lock it starts (audited, a notice for the owner),
    or None."""
    if kind == _LOGIN:
        row.failed_attempts += 1
        failures = row.failed_attempts
    else:
        row.approval_failures += 1
        failures = row.approval_failures
    minutes = lockout.minutes_for(failures)
    if minutes is None:
        audit.record(
            session,
            f"{kind}.failed",
            actor_id=actor_id,
            subject_id=row.id,
            detail={"failures": failures},
        )
        return None
    until = moment + dt.timedelta(minutes=minutes)
    if kind == _LOGIN:
        row.locked_at, row.locked_until = moment, until
    else:
        row.approval_locked_at, row.approval_locked_until = moment, until
    with _ENDS_LOCK:
        _MONOTONIC_ENDS[(row.id, kind, until)] = approvals.monotonic() + minutes * 60
    audit.record(
        session,
        f"{kind}.locked",
        actor_id=actor_id,
        subject_id=row.id,
        detail={"failures": failures, "minutes": minutes},
    )
    session.add(
        StaffLockNoticeRow(
            id=new_id(), at=moment, staff_id=row.id, kind=kind, failures=failures, minutes=minutes
        )
    )
    return minutes


def _verify(row: StaffRow, pin: str) -> bool:
    try:
        _HASHER.verify(row.pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
    if _HASHER.check_needs_rehash(row.pin_hash):
        row.pin_hash = _HASHER.hash(pin)
    return True


# -- login ----------------------------------------------------------------------------------------

#: Who logged in at this counter with their PIN, until the next login or logout: the one person
#: whose own approval needs no second PIN (``approve_signed_in``).
_signed_in: str | None = None


def authenticate(
    session: Session,
    name: str,
    pin: str,
    *,
    now: dt.datetime | None = None,
    max_failures: int = DEFAULT_LOCKOUT_FAILURES,
    lockout_minutes: int = DEFAULT_LOCKOUT_MINUTES,
) -> StaffView:
    """Log in with a PIN; the caller commits either way so that failures count towards the
    lockout (see the module's opening). The person is the one signed in at this counter."""
    global _signed_in
    moment = now or utcnow()
    lockout = Lockout(max_failures, lockout_minutes)
    row = session.scalar(select(StaffRow).where(StaffRow.name == name.strip(), StaffRow.active))
    if row is None:
        audit.record(session, "login.unknown_user", actor_id=None, detail={"name": name[:40]})
        raise StaffError("用户名或密码错误")
    minutes = _locked_for(row, _LOGIN, moment, lockout)
    if minutes is not None:
        raise StaffError("密码错误次数过多，账户已锁定，请 %1 分钟后再试", minutes)
    if not _verify(row, pin):
        locked = _count_failure(session, row, _LOGIN, moment, lockout, actor_id=row.id)
        if locked is not None:
            raise StaffError("密码错误次数过多，账户已锁定 %1 分钟", locked)
        left = lockout.failures - row.failed_attempts % lockout.failures
        raise StaffError("用户名或密码错误，还可尝试 %1 次", left)
    _clear(row, _LOGIN)
    _signed_in = row.id
    return _view(row)


def sign_out() -> None:
    """The person at the counter logged out: their own approvals need their PIN again."""
    global _signed_in
    _signed_in = None


def approve(
    session: Session,
    name: str,
    pin: str,
    action: Sensitive,
    *,
    requested_by: StaffView,
    now: dt.datetime | None = None,
    max_failures: int = DEFAULT_LOCKOUT_FAILURES,
    lockout_minutes: int = DEFAULT_LOCKOUT_MINUTES,
) -> Approval:
    """A manager's (or owner's) PIN for one sensitive action: the proof the service spends.

    Wrong PINs count against the approver's approvals, apart from their logins; the approval
    (and a refusal for a role that may not approve) is audited with both people.
    """
    moment = now or utcnow()
    lockout = Lockout(max_failures, lockout_minutes)
    row = session.scalar(select(StaffRow).where(StaffRow.name == name.strip(), StaffRow.active))
    if row is None:
        audit.record(
            session,
            "approval.unknown_user",
            actor_id=requested_by.id,
            detail={"name": name[:40], "action": action.value},
        )
        raise StaffError("用户名或密码错误")
    minutes = _locked_for(row, _APPROVAL, moment, lockout)
    if minutes is not None:
        raise StaffError("“%1”的授权密码错误次数过多，请 %2 分钟后再试", row.name, minutes)
    if not _verify(row, pin):
        locked = _count_failure(session, row, _APPROVAL, moment, lockout, actor_id=requested_by.id)
        if locked is not None:
            raise StaffError("授权密码错误次数过多，“%1”%2 分钟内不能授权", row.name, locked)
        left = lockout.failures - row.approval_failures % lockout.failures
        raise StaffError("用户名或密码错误，还可尝试 %1 次", left)
    _clear(row, _APPROVAL)
    if row.role not in approvals.APPROVING_ROLES[action]:
        audit.record(
            session,
            "approval.refused",
            actor_id=requested_by.id,
            approver_id=row.id,
            detail={"action": action.value},
        )
        raise StaffError("“%1”没有授权“%2”的权限，请店长输入密码", row.name, action.label)
    audit.record(
        session,
        "approval.granted",
        actor_id=requested_by.id,
        approver_id=row.id,
        detail={"action": action.value},
    )
    return approvals.mint_approval(
        approver_id=row.id,
        approver_name=row.name,
        role=row.role,
        action=action,
        requested_by=requested_by.id,
    )


def approve_signed_in(session: Session, staff: StaffView, action: Sensitive) -> Approval:
    """A manager logged in at this counter approves their own action without a second PIN:
    only the person whose PIN opened this counter's login, and only in a role that may."""
    row = session.get(StaffRow, staff.id)
    if row is None or not row.active or row.id != _signed_in:
        raise StaffError("请店长输入密码授权")
    if row.role not in approvals.APPROVING_ROLES[action]:
        raise StaffError("“%1”没有授权“%2”的权限，请店长输入密码", row.name, action.label)
    return approvals.mint_approval(
        approver_id=row.id,
        approver_name=row.name,
        role=row.role,
        action=action,
        requested_by=row.id,
    )


def approver_of(approval: Approval) -> StaffView:
    """The approver a spent approval names, for what records them."""
    return StaffView(approval.approver_id, approval.approver_name, approval.approver_role)


@dataclasses.dataclass(frozen=True)
class LockNotice:
    """A lock the owner has not seen yet: whose, of what, after how many wrong PINs, how long."""

    at: dt.datetime
    name: str
    kind: str  # login | approval
    failures: int
    minutes: int


def take_lock_notices(
    session: Session, staff: StaffView, *, now: dt.datetime | None = None
) -> list[LockNotice]:
    """The locks the owner has not seen, oldest first, now marked seen by them; nobody else is
    shown them (a manager's own lock is the owner's business)."""
    row = session.get(StaffRow, staff.id)
    if row is None or not row.active or row.role is not Role.OWNER:
        return []
    query = (
        select(StaffLockNoticeRow, StaffRow.name)
        .join(StaffRow, StaffRow.id == StaffLockNoticeRow.staff_id)
        .where(StaffLockNoticeRow.seen_at.is_(None))
        .order_by(StaffLockNoticeRow.at, StaffLockNoticeRow.id)
    )
    notices = []
    moment = now or utcnow()
    for notice, name in session.execute(query).all():
        notices.append(LockNotice(notice.at, name, notice.kind, notice.failures, notice.minutes))
        notice.seen_at = moment
        notice.seen_by = row.id
    return notices


# -- managing staff ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StaffEntry:
    """One person in the staff list: who, in what role, and whether they may still log in."""

    id: str
    name: str
    role: Role
    active: bool

    @classmethod
    def of(cls, row: StaffRow) -> StaffEntry:
        return cls(id=row.id, name=row.name, role=row.role, active=row.active)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def list_staff(session: Session) -> list[StaffEntry]:
    rows = session.scalars(select(StaffRow).order_by(StaffRow.active.desc(), StaffRow.name))
    return [StaffEntry.of(r) for r in rows]


def _authority(session: Session, approver: StaffView) -> StaffRow:
    """The approver as stored now: an active manager or owner, or a plain refusal."""
    row = session.get(StaffRow, approver.id)
    if row is None or not row.active or row.role not in (Role.MANAGER, Role.OWNER):
        raise StaffError("“%1”没有管理员工的权限", approver.name)
    return row


def _may_manage(authority: StaffRow, role: Role) -> None:
    """A manager looks after cashiers; only the owner looks after managers and owners."""
    if role is not Role.CASHIER and authority.role is not Role.OWNER:
        raise StaffError("只有老板可以管理店长和老板")


def _target(session: Session, staff_id: str) -> StaffRow:
    row = session.get(StaffRow, staff_id)
    if row is None:
        raise StaffError("找不到这名员工")
    return row


def _is_last_active_owner(session: Session, row: StaffRow) -> bool:
    if row.role is not Role.OWNER or not row.active:
        return False
    others = session.scalar(
        select(StaffRow.id).where(
            StaffRow.role == Role.OWNER, StaffRow.active, StaffRow.id != row.id
        )
    )
    return others is None


def hire(
    session: Session, name: str, role: Role, pin: str, *, actor: StaffView, approver: StaffView
) -> StaffEntry:
    """A new member of staff, added by a manager (cashiers) or the owner (anyone)."""
    _may_manage(_authority(session, approver), role)
    clean = name.strip()
    if not clean or len(clean) > STAFF_NAME_MAX_LENGTH:
        raise StaffError("员工姓名须为 1 到 40 个字")
    if session.scalar(select(StaffRow.id).where(StaffRow.name == clean)) is not None:
        raise StaffError("员工“%1”已存在", clean)
    row = StaffRow(id=new_id(), name=clean, role=role, pin_hash=hash_pin(pin), failed_attempts=0)
    row.active = True
    session.add(row)
    session.flush()
    audit.record(
        session,
        "staff.added",
        actor_id=actor.id,
        approver_id=approver.id,
        subject_id=row.id,
        detail={"role": role.value},
    )
    return StaffEntry.of(row)


def change_role(
    session: Session, staff_id: str, role: Role, *, actor: StaffView, approver: StaffView
) -> StaffEntry:
    """Only the owner changes roles; the last active owner stays an owner."""
    authority = _authority(session, approver)
    if authority.role is not Role.OWNER:
        raise StaffError("只有老板可以修改员工角色")
    row = _target(session, staff_id)
    if row.role is role:
        raise StaffError("“%1”已经是这个角色", row.name)
    if role is not Role.OWNER and _is_last_active_owner(session, row):
        raise StaffError("“%1”是唯一在职的老板，不能改为其他角色", row.name)
    before = row.role
    row.role = role
    audit.record(
        session,
        "staff.role_changed",
        actor_id=actor.id,
        approver_id=approver.id,
        subject_id=row.id,
        detail={"from": before.value, "to": role.value},
    )
    return StaffEntry.of(row)


def set_active(
    session: Session, staff_id: str, active: bool, *, actor: StaffView, approver: StaffView
) -> StaffEntry:
    """Disable (or enable again) a login; never your own, never the last active owner's."""
    authority = _authority(session, approver)
    row = _target(session, staff_id)
    _may_manage(authority, row.role)
    if row.active is active:
        raise StaffError("“%1”已经是这个状态", row.name)
    if not active and _is_last_active_owner(session, row):
        raise StaffError("“%1”是唯一在职的老板，不能停用", row.name)
    if not active and row.id in (actor.id, approver.id):
        raise StaffError("不能停用自己的账户")
    row.active = active
    audit.record(
        session,
        "staff.enabled" if active else "staff.disabled",
        actor_id=actor.id,
        approver_id=approver.id,
        subject_id=row.id,
    )
    return StaffEntry.of(row)


def reset_pin(
    session: Session, staff_id: str, pin: str, *, actor: StaffView, approver: StaffView
) -> StaffEntry:
    """A new PIN (checked as at login) that also lifts a lockout; the PIN is never recorded."""
    authority = _authority(session, approver)
    row = _target(session, staff_id)
    _may_manage(authority, row.role)
    row.pin_hash = hash_pin(pin)
    _clear(row, _LOGIN)
    _clear(row, _APPROVAL)
    audit.record(
        session, "staff.pin_reset", actor_id=actor.id, approver_id=approver.id, subject_id=row.id
    )
    return StaffEntry.of(row)
