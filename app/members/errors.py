"""Errors the cashier can fix, each with a plain Chinese message for the screen."""

from __future__ import annotations

from app.errors import KnownError
from app.members.card_numbers import mask_card


class MemberError(KnownError):
    """A member action refused for a reason the person at the counter can act on."""


class InsufficientBalance(KnownError):
    """The card holds less than the amount asked for; the message says how much it holds."""


class MemberNotFound(MemberError):
    def __init__(self, text: str) -> None:
        # Masked: a bank card swiped by mistake must not end up on the screen.
        super().__init__("未找到会员卡：%1", mask_card(text))


class CardRefused(MemberError):
    """A card that exists but cannot be used now (lost, frozen, replaced, expired)."""


class CardLost(CardRefused):
    def __init__(self) -> None:
        super().__init__("该卡已挂失")


class CardFrozen(CardRefused):
    def __init__(self) -> None:
        super().__init__("该卡已冻结")


class CardReplaced(CardRefused):
    def __init__(self) -> None:
        super().__init__("该卡已换卡停用，请使用新卡")


class MemberExpired(CardRefused):
    def __init__(self, expired_on: str) -> None:
        super().__init__("该会员卡已过期（%1 到期）", expired_on)


class DuplicatePhone(MemberError):
    def __init__(self) -> None:
        super().__init__("手机号已被其他会员使用", field="phone")


class DuplicateCard(MemberError):
    def __init__(self, card_no: str) -> None:
        super().__init__("卡号已被使用：%1", mask_card(card_no))


class InsufficientPoints(MemberError):
    def __init__(self, needed: int, held: int) -> None:
        super().__init__("积分不足：需 %1 分，现有 %2 分", needed, held)


class TopUpOverCap(MemberError):
    def __init__(self, cap: str) -> None:
        super().__init__("充值金额超过上限（单次最多 %1）", cap)


class PasswordRequired(MemberError):
    def __init__(self) -> None:
        super().__init__("该卡需要会员密码")


class WrongPassword(MemberError):
    pass


class PasswordLocked(MemberError):
    pass


class ApprovalRequired(MemberError):
    def __init__(self) -> None:
        super().__init__("此操作需要店长授权")


class NotEnoughStock(MemberError):
    pass


class NotEnoughUses(MemberError):
    pass


class CouponRefused(MemberError):
    pass


__all__ = [
    "ApprovalRequired",
    "CardFrozen",
    "CardLost",
    "CardRefused",
    "CardReplaced",
    "CouponRefused",
    "DuplicateCard",
    "DuplicatePhone",
    "InsufficientBalance",
    "InsufficientPoints",
    "MemberError",
    "MemberExpired",
    "MemberNotFound",
    "NotEnoughStock",
    "NotEnoughUses",
    "PasswordLocked",
    "PasswordRequired",
    "TopUpOverCap",
    "WrongPassword",
]
