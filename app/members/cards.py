"""Card operations: report loss and cancel it, replace, freeze, resets, member passwords.

Every operation here is sensitive or touches a member's standing: each is audited with the
cashier and, where a manager must approve, the approver too.
"""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.accounts import (
    MemberView,
    PointsLine,
    SpendLine,
    StoredValueLine,
    append_points,
    append_spend,
    append_stored_value,
    emit,
    load_card_type,
    load_member,
    member_view,
    require_approver,
    require_reason,
)
from app.members.card_numbers import mask_card
from app.members.enrolment import check_card_free, clean_card_no
from app.members.errors import MemberError, PasswordLocked, WrongPassword
from app.members.ledger import EntryKind
from app.members.member_status import MemberStatus
from app.members.points import PointsKind
from app.members.settings import MemberSettings, load_settings
from app.storage import approvals
from app.storage.approvals import PasswordCheck
from app.storage.ids import new_id
from app.storage.member_models import MemberCardRow, MemberRow

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 4
MAX_PASSWORD_LENGTH = 12


def _view(session: Session, member: MemberRow) -> MemberView:
    return member_view(member, load_card_type(session, member.card_type_id))


def _active_card(session: Session, member: MemberRow) -> MemberCardRow:
    card = session.scalar(select(MemberCardRow).where(MemberCardRow.card_no == member.card_no))
    if card is None:  # a member made before card history existed
        raise MemberError("会员卡记录缺失")
    return card


def _set_status(
    session: Session,
    member: MemberRow,
    status: str,
    event: str,
    action: str,
    *,
    actor_id: str,
    approver_id: str | None,
    reason: str,
) -> MemberView:
    before = member.status
    member.status = status
    emit(
        session,
        event,
        member,
        action=action,
        actor_id=actor_id,
        approver_id=approver_id,
        detail={"from": before, "to": status, "reason": reason},
    )
    return _view(session, member)


def report_loss(
    session: Session, member_id: str, *, actor_id: str, on: dt.date, reason: str = "挂失"
) -> MemberView:
    """挂失: the card is refused everywhere until the loss is cancelled or the card replaced."""
    member = load_member(session, member_id)
    if member.status == MemberStatus.LOST:
        raise MemberError("该卡已挂失")
    _active_card(session, member).status = "lost"
    return _set_status(
        session,
        member,
        MemberStatus.LOST,
        "CardReportedLost",
        "member.card_lost",
        actor_id=actor_id,
        approver_id=None,
        reason=reason.strip() or "挂失",
    )


def cancel_loss(
    session: Session, member_id: str, *, actor_id: str, approver_id: str | None
) -> MemberView:
    """解挂 (manager): the card found again works as before."""
    require_approver(approver_id)
    member = load_member(session, member_id)
    if member.status != MemberStatus.LOST:
        raise MemberError("该卡未挂失")
    _active_card(session, member).status = "active"
    return _set_status(
        session,
        member,
        MemberStatus.ACTIVE,
        "CardLossCancelled",
        "member.card_loss_cancelled",
        actor_id=actor_id,
        approver_id=approver_id,
        reason="解挂",
    )


def replace_card(
    session: Session,
    member_id: str,
    new_card_no: str,
    *,
    on: dt.date,
    reason: str,
    actor_id: str,
    approver_id: str | None,
) -> MemberView:
    """换卡 (manager): a new number with every balance and all history; the old number is kept
    in the card history and refused from now on."""
    require_approver(approver_id)
    why = require_reason(reason)
    card_no = clean_card_no(new_card_no)
    member = load_member(session, member_id)
    check_card_free(session, card_no)
    old = _active_card(session, member)
    if old.status != "lost":
        old.status = "replaced"
    old.closed_on = on
    old.reason = why
    old_no = member.card_no
    session.add(
        MemberCardRow(
            id=new_id(), member_id=member.id, card_no=card_no, status="active", issued_on=on
        )
    )
    session.flush()  # the old card row first, so the unique card number never clashes
    member.card_no = card_no
    if member.status == MemberStatus.LOST:
        member.status = MemberStatus.ACTIVE
    emit(
        session,
        "CardReplaced",
        member,
        action="member.card_replaced",
        actor_id=actor_id,
        approver_id=approver_id,
        detail={"old_card_no": old_no, "reason": why, "old_masked": mask_card(old_no)},
    )
    return _view(session, member)


def freeze(
    session: Session, member_id: str, *, reason: str, actor_id: str, approver_id: str | None
) -> MemberView:
    """冻结 (manager): the card stays but pays, earns and tops up nothing."""
    require_approver(approver_id)
    why = require_reason(reason)
    member = load_member(session, member_id)
    if member.status == MemberStatus.FROZEN:
        raise MemberError("该卡已冻结")
    return _set_status(
        session,
        member,
        MemberStatus.FROZEN,
        "CardFrozen",
        "member.frozen",
        actor_id=actor_id,
        approver_id=approver_id,
        reason=why,
    )


def unfreeze(
    session: Session, member_id: str, *, actor_id: str, approver_id: str | None
) -> MemberView:
    require_approver(approver_id)
    member = load_member(session, member_id)
    if member.status != MemberStatus.FROZEN:
        raise MemberError("该卡未冻结")
    return _set_status(
        session,
        member,
        MemberStatus.ACTIVE,
        "CardUnfrozen",
        "member.unfrozen",
        actor_id=actor_id,
        approver_id=approver_id,
        reason="解冻",
    )


# --- resets: each one reversing entry with its reason ------------------------------------------


def reset_balance(
    session: Session,
    member_id: str,
    *,
    reason: str,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> StoredValueLine:
    """储值清零 (manager): one entry taking principal and bonus to zero."""
    require_approver(approver_id)
    why = require_reason(reason)
    member = load_member(session, member_id)
    if member.principal_fen == 0 and member.bonus_fen == 0:
        raise MemberError("卡内余额已是零")
    line = append_stored_value(
        session,
        member,
        EntryKind.RESET.value,
        -member.principal_fen,
        -member.bonus_fen,
        on=on,
        reason=why,
        actor_id=actor_id,
        approver_id=approver_id,
    )
    emit(
        session,
        "BalanceReset",
        member,
        action="member.balance_reset",
        actor_id=actor_id,
        approver_id=approver_id,
        lines=[line],
        detail={"reason": why},
    )
    return line


def reset_points(
    session: Session,
    member_id: str,
    *,
    reason: str,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> PointsLine:
    """积分清零 (manager)."""
    require_approver(approver_id)
    why = require_reason(reason)
    member = load_member(session, member_id)
    if member.points == 0:
        raise MemberError("积分已是零")
    line = append_points(
        session,
        member,
        PointsKind.RESET.value,
        -member.points,
        on=on,
        reason=why,
        actor_id=actor_id,
        approver_id=approver_id,
    )
    emit(
        session,
        "PointsReset",
        member,
        action="member.points_reset",
        actor_id=actor_id,
        approver_id=approver_id,
        lines=[line],
        detail={"reason": why},
    )
    return line


def _reset_spend(
    session: Session,
    member_id: str,
    *,
    visits: bool,
    reason: str,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> SpendLine:
    require_approver(approver_id)
    why = require_reason(reason)
    member = load_member(session, member_id)
    spend_delta = 0 if visits else -member.total_spend_fen
    visits_delta = -member.visit_count if visits else 0
    if spend_delta == 0 and visits_delta == 0:
        raise MemberError("已是零")
    kind = "reset_visits" if visits else "reset_spend"
    line = append_spend(
        session,
        member,
        kind,
        spend_delta,
        visits_delta,
        on=on,
        reason=why,
        actor_id=actor_id,
        approver_id=approver_id,
    )
    emit(
        session,
        "VisitsReset" if visits else "SpendReset",
        member,
        action=f"member.{kind}",
        actor_id=actor_id,
        approver_id=approver_id,
        lines=[line],
        detail={"reason": why},
    )
    return line


def reset_visit_count(
    session: Session,
    member_id: str,
    *,
    reason: str,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> SpendLine:
    """到店次数清零 (manager)."""
    return _reset_spend(
        session,
        member_id,
        visits=True,
        reason=reason,
        on=on,
        actor_id=actor_id,
        approver_id=approver_id,
    )


def reset_total_spend(
    session: Session,
    member_id: str,
    *,
    reason: str,
    on: dt.date,
    actor_id: str,
    approver_id: str | None,
) -> SpendLine:
    """累计消费清零 (manager)."""
    return _reset_spend(
        session,
        member_id,
        visits=False,
        reason=reason,
        on=on,
        actor_id=actor_id,
        approver_id=approver_id,
    )


# --- member password -----------------------------------------------------------------------------


def _check_password_text(password: str) -> str:
    if not password.isdigit() or not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise MemberError("会员密码须为 %1 到 %2 位数字", MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)
    return password


def set_password(
    session: Session,
    member_id: str,
    password: str,
    *,
    actor_id: str,
    old_password: str | None = None,
    approver_id: str | None = None,
) -> None:
    """设置/修改会员密码: the first one freely, a change with the old password, or a reset (the
    member forgot it) with a manager's approval."""
    new = _check_password_text(password)
    member = load_member(session, member_id)
    if member.password_hash is not None and approver_id is None:
        if old_password is None:
            require_approver(approver_id)
        else:
            try:
                _HASHER.verify(member.password_hash, old_password)
            except (VerificationError, InvalidHashError):
                raise WrongPassword("原密码错误") from None
    reset = member.password_hash is not None and approver_id is not None
    member.password_hash = _HASHER.hash(new)
    member.password_failures = 0
    member.password_locked_until = None
    emit(
        session,
        "MemberPasswordSet",
        member,
        action="member.password_reset" if reset else "member.password_set",
        actor_id=actor_id,
        approver_id=approver_id,
    )


def clear_password(
    session: Session, member_id: str, *, actor_id: str, approver_id: str | None
) -> None:
    """取消会员密码 (manager)."""
    require_approver(approver_id)
    member = load_member(session, member_id)
    member.password_hash = None
    member.password_failures = 0
    member.password_locked_until = None
    emit(
        session,
        "MemberPasswordCleared",
        member,
        action="member.password_cleared",
        actor_id=actor_id,
        approver_id=approver_id,
    )


def verify_password(
    session: Session,
    member_id: str,
    password: str,
    *,
    now: dt.datetime,
    actor_id: str,
    settings: MemberSettings | None = None,
) -> PasswordCheck | None:
    """Check the member's password before paying by card. After the store's number of wrong
    tries in a row (five) the password is locked for a while. Like ``staff.authenticate``, the
    caller commits either way, so a failure counts even though this raises.

    The proof the payment spends (``app.storage.approvals``), or None when the member has no
    password."""
    rules = settings or load_settings(session)
    member = load_member(session, member_id)
    if member.password_hash is None:
        return None
    locked = member.password_locked_until
    if locked is not None and locked > now:
        minutes = max(1, int((locked - now).total_seconds() // 60) + 1)
        raise PasswordLocked("密码错误次数过多，已锁定，请 %1 分钟后再试", minutes)
    try:
        _HASHER.verify(member.password_hash, password)
    except (VerificationError, InvalidHashError):
        member.password_failures += 1
        left = rules.password_max_failures - member.password_failures
        if left <= 0:
            member.password_failures = 0
            member.password_locked_until = now + dt.timedelta(minutes=rules.password_lock_minutes)
            emit(
                session,
                "MemberPasswordLocked",
                member,
                action="member.password_locked",
                actor_id=actor_id,
            )
            raise PasswordLocked(
                "密码错误次数过多，已锁定 %1 分钟", rules.password_lock_minutes
            ) from None
        raise WrongPassword("会员密码错误，还可尝试 %1 次", left) from None
    member.password_failures = 0
    member.password_locked_until = None
    return approvals.mint_password_check(member.id)
