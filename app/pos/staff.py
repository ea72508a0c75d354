"""Staff: PIN login with a slow hash and lockout, and manager approval of sensitive actions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.storage import audit
from app.storage.base import utcnow
from app.storage.ids import new_id
from app.storage.models import Role, StaffRow

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
DEFAULT_LOCKOUT_FAILURES = 5
DEFAULT_LOCKOUT_MINUTES = 15

#: Argon2id with a moderate cost: about 30-60 ms a check, so guessing a PIN offline is slow while
#: the cashier never notices.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class StaffError(KnownError):
    """A login or approval that failed for a reason the cashier can read."""


class Sensitive(enum.StrEnum):
    """Actions that need a manager's PIN at the moment they happen."""

    VOID = "void"
    REFUND = "refund"
    PRICE_OVERRIDE = "price_override"
    DISCOUNT_OVER_LIMIT = "discount_over_limit"
    OPEN_DRAWER = "open_drawer"
    CASH_MOVE = "cash_move"
    DEVICE_SETTINGS = "device_settings"
    MEMBER_CARD = "member_card"  # loss cancelled, replace, freeze, resets, password reset
    MEMBER_PRIVACY = "member_privacy"  # a full phone number, a member export
    MEMBER_RULES = "member_rules"  # card types, bonus rules, gifts, coupon templates
    STAFF = "staff"  # add staff, change a role, disable, reset a PIN
    PRODUCTS = "products"  # add, edit, retire products; categories
    MEMBER_IMPORT = "member_import"  # members from a file, with their opening balances

    @property
    def label(self) -> str:
        return _SENSITIVE_LABELS[self]


_SENSITIVE_LABELS = {
    Sensitive.VOID: "作废订单",
    Sensitive.REFUND: "退货退款",
    Sensitive.PRICE_OVERRIDE: "修改售价",
    Sensitive.DISCOUNT_OVER_LIMIT: "超出权限的折扣",
    Sensitive.OPEN_DRAWER: "无销售开钱箱",
    Sensitive.CASH_MOVE: "钱箱存取现金",
    Sensitive.DEVICE_SETTINGS: "修改设备设置",
    Sensitive.MEMBER_CARD: "会员卡操作",
    Sensitive.MEMBER_PRIVACY: "查看或导出会员完整资料",
    Sensitive.MEMBER_RULES: "修改会员规则",
    Sensitive.STAFF: "员工管理",
    Sensitive.PRODUCTS: "商品管理",
    Sensitive.MEMBER_IMPORT: "导入会员",
}

ROLE_LABELS = {Role.CASHIER: "收银员", Role.MANAGER: "店长", Role.OWNER: "老板"}


@dataclasses.dataclass(frozen=True)
class StaffView:
    id: str
    name: str
    role: Role

    @property
    def can_approve(self) -> bool:
        return self.role in (Role.MANAGER, Role.OWNER)

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
    if not clean or len(clean) > 40:
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


def authenticate(
    session: Session,
    name: str,
    pin: str,
    *,
    now: dt.datetime | None = None,
    max_failures: int = DEFAULT_LOCKOUT_FAILURES,
    lockout_minutes: int = DEFAULT_LOCKOUT_MINUTES,
) -> StaffView:
    """Check a PIN; the caller commits either way so that failures count towards the lockout.

    After ``max_failures`` wrong PINs in a row the account is locked for ``lockout_minutes``;
    every failure and every lockout goes into the audit log.
    """
    moment = now or utcnow()
    row = session.scalar(select(StaffRow).where(StaffRow.name == name.strip(), StaffRow.active))
    if row is None:
        audit.record(session, "login.unknown_user", actor_id=None, detail={"name": name[:40]})
        raise StaffError("用户名或密码错误")
    if row.locked_until is not None and row.locked_until > moment:
        minutes = max(1, int((row.locked_until - moment).total_seconds() // 60) + 1)
        raise StaffError("密码错误次数过多，账户已锁定，请 %1 分钟后再试", minutes)
    try:
        _HASHER.verify(row.pin_hash, pin)
    except (VerificationError, InvalidHashError):
        row.failed_attempts += 1
        left = max_failures - row.failed_attempts
        if left <= 0:
            row.locked_until = moment + dt.timedelta(minutes=lockout_minutes)
            row.failed_attempts = 0
            audit.record(session, "login.locked", actor_id=row.id, subject_id=row.id)
            raise StaffError("密码错误次数过多，账户已锁定 %1 分钟", lockout_minutes) from None
        audit.record(session, "login.failed", actor_id=row.id, subject_id=row.id)
        raise StaffError("用户名或密码错误，还可尝试 %1 次", left) from None
    row.failed_attempts = 0
    row.locked_until = None
    if _HASHER.check_needs_rehash(row.pin_hash):
        row.pin_hash = _HASHER.hash(pin)
    return _view(row)


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
) -> StaffView:
    """A manager's (or owner's) PIN for one sensitive action; the approval itself is audited."""
    approver = authenticate(
        session, name, pin, now=now, max_failures=max_failures, lockout_minutes=lockout_minutes
    )
    if not approver.can_approve:
        audit.record(
            session,
            "approval.refused",
            actor_id=requested_by.id,
            approver_id=approver.id,
            detail={"action": action.value},
        )
        raise StaffError("“%1”没有授权“%2”的权限，请店长输入密码", approver.name, action.label)
    audit.record(
        session,
        "approval.granted",
        actor_id=requested_by.id,
        approver_id=approver.id,
        detail={"action": action.value},
    )
    return approver


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
    if not clean or len(clean) > 40:
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
    row.failed_attempts = 0
    row.locked_until = None
    audit.record(
        session, "staff.pin_reset", actor_id=actor.id, approver_id=approver.id, subject_id=row.id
    )
    return StaffEntry.of(row)
