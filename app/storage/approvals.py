"""A manager's approval and a member's password as proofs: minted only where the PIN or the
password was checked, spent once by the service that acts on them.

A service that needs a manager never trusts a name or an id it is handed: it takes an
:class:`Approval` and spends it with :func:`spend` for its own action. Only objects minted by
:func:`mint_approval` (called by the PIN check, ``app.pos.staff``) are in this process's register;
one built by hand, copied with ``dataclasses.replace`` or kept from another process is not, and
is refused. A proof lives :data:`APPROVAL_LIFETIME_SECONDS` on the monotonic clock (moving the
wall clock neither extends nor shortens it), serves one action, and is spent by the first action
that succeeds with it; an action refused for its own reasons (nothing written) leaves it usable,
so a form the manager corrects needs no second PIN. The member's password works the same way:
:func:`mint_password_check` is called by ``app.members.cards.verify_password`` only, and the
sale spends the proof for that member (:func:`spend_password_check`).

``tests/pos/test_approvals.py`` checks that nothing else calls the minting functions.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import threading
import time
import weakref
from collections.abc import Iterator

from app.errors import KnownError
from app.storage.models import Role

#: How long a manager's approval may wait for its action: the dialog closes and the action runs.
APPROVAL_LIFETIME_SECONDS = 120.0
#: How long a checked member password may wait for the payment it was typed for.
PASSWORD_CHECK_LIFETIME_SECONDS = 120.0

#: The clock every proof is judged by; a test moves it (never the wall clock: that is the point).
monotonic = time.monotonic


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
    STOCK = "stock"  # receive goods, return them to a supplier, count stock
    REPORTS = "reports"  # sales, profit and cashier reports, their exports
    PROMOTIONS = "promotions"  # create, edit, schedule, retire promotions; the blacklist
    RESTORE = "restore"  # put a backup in place of the database (the owner only)

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
    Sensitive.STOCK: "库存管理",
    Sensitive.REPORTS: "查看经营报表",
    Sensitive.PROMOTIONS: "促销管理",
    Sensitive.RESTORE: "恢复备份",
}

#: Who may approve each action: a manager or the owner, for every action today. One table, so
#: an action that becomes the owner's alone changes here and nowhere else.
APPROVING_ROLES: dict[Sensitive, frozenset[Role]] = {
    action: frozenset({Role.MANAGER, Role.OWNER}) for action in Sensitive
}
#: Replacing the whole database undoes everything since the backup: the owner's decision alone.
APPROVING_ROLES[Sensitive.RESTORE] = frozenset({Role.OWNER})


class ApprovalRefused(KnownError):
    """An approval the service cannot take: not from a PIN check, spent, expired, or for
    another action or person."""


@dataclasses.dataclass(frozen=True, eq=False)
class Approval:
    """Who approved which action for whom; worth something only while it is in the register."""

    approver_id: str
    approver_name: str
    approver_role: Role
    action: Sensitive
    #: The member of staff whose action it approves (the one logged in at the counter).
    requested_by: str


@dataclasses.dataclass(frozen=True, eq=False)
class PasswordCheck:
    """The member's password was typed and checked for this member, just now."""

    member_id: str


class _State(enum.Enum):
    READY = "ready"
    IN_USE = "in_use"  # an action is running with it; spent if it succeeds, ready if refused
    SPENT = "spent"


@dataclasses.dataclass
class _Issued:
    expires: float
    state: _State = _State.READY


_LOCK = threading.Lock()
_ISSUED: weakref.WeakKeyDictionary[object, _Issued] = weakref.WeakKeyDictionary()


def mint_approval(
    *, approver_id: str, approver_name: str, role: Role, action: Sensitive, requested_by: str
) -> Approval:
    """Only the PIN check calls this, once the PIN was right and the role may approve."""
    approval = Approval(approver_id, approver_name, role, action, requested_by)
    with _LOCK:
        _ISSUED[approval] = _Issued(monotonic() + APPROVAL_LIFETIME_SECONDS)
    return approval


def mint_password_check(member_id: str) -> PasswordCheck:
    """Only ``members.cards.verify_password`` calls this, once the member's password was right."""
    check = PasswordCheck(member_id)
    with _LOCK:
        _ISSUED[check] = _Issued(monotonic() + PASSWORD_CHECK_LIFETIME_SECONDS)
    return check


def _take(proof: object, unknown: str, used: str, expired: str) -> _Issued:
    """Reserve ``proof`` for one action, or refuse it; the caller holds ``_LOCK``."""
    issued = _ISSUED.get(proof)
    if issued is None:
        raise ApprovalRefused(unknown)
    if issued.state is not _State.READY:
        raise ApprovalRefused(used)
    if monotonic() > issued.expires:
        raise ApprovalRefused(expired)
    issued.state = _State.IN_USE
    return issued


@contextlib.contextmanager
def _held(issued: _Issued) -> Iterator[None]:
    try:
        yield
    except BaseException:
        with _LOCK:
            issued.state = _State.READY
        raise
    with _LOCK:
        issued.state = _State.SPENT


@contextlib.contextmanager
def spend(
    approval: object, action: Sensitive, *, requested_by: str | None = None
) -> Iterator[Approval]:
    """``with spend(approval, action, requested_by=cashier.id) as approved:`` the action runs
    inside; the approval is spent if it succeeds, and usable again if it raises.

    Refused (before anything runs) unless the approval was minted by the PIN check, is unspent,
    within its lifetime, for ``action``, from a role that may approve it, and asked for by
    ``requested_by`` (when given: the person logged in, whose action it is).
    """
    if not isinstance(approval, Approval):
        raise ApprovalRefused("此操作需要店长授权")
    if approval.action is not action:
        raise ApprovalRefused("此授权是“%1”的，不能用于“%2”", approval.action.label, action.label)
    if approval.approver_role not in APPROVING_ROLES[action]:
        raise ApprovalRefused("“%1”没有授权“%2”的权限", approval.approver_name, action.label)
    if requested_by is not None and approval.requested_by != requested_by:
        raise ApprovalRefused("此授权不是为当前收银员的操作所给")
    with _LOCK:
        issued = _take(
            approval,
            "授权无效：须由授权人当场输入密码",
            "此授权已经用过，请重新授权",
            "授权已过期（两分钟内有效），请重新授权",
        )
    with _held(issued):
        yield approval


@contextlib.contextmanager
def spend_password_check(check: object, member_id: str) -> Iterator[bool]:
    """``with spend_password_check(check, member_id) as verified:``: False without a check;
    a check that is not a live, unspent one for this member is refused."""
    if check is None:
        yield False
        return
    if not isinstance(check, PasswordCheck):
        raise ApprovalRefused("会员密码须当场输入")
    if check.member_id != member_id:
        raise ApprovalRefused("会员密码不是这位会员的，请重新输入")
    with _LOCK:
        issued = _take(
            check,
            "会员密码须当场输入",
            "会员密码已用于一笔付款，请重新输入",
            "会员密码已过期，请重新输入",
        )
    with _held(issued):
        yield True


__all__ = [
    "APPROVAL_LIFETIME_SECONDS",
    "APPROVING_ROLES",
    "Approval",
    "ApprovalRefused",
    "PasswordCheck",
    "Sensitive",
    "mint_approval",
    "mint_password_check",
    "spend",
    "spend_password_check",
]
