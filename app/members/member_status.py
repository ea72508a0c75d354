"""What state a member is in, as stored in ``members.status`` and as the counter names it."""

from __future__ import annotations

import enum


class MemberStatus(enum.StrEnum):
    """Stored as its value, so the column holds the same text as before it was an enum."""

    ACTIVE = "active"  # leaves by freeze, report_loss, or the daily expiry run
    FROZEN = "frozen"  # leaves by unfreeze
    LOST = "lost"  # leaves by cancel_loss or replace_card
    EXPIRED = "expired"  # leaves by change_card_type (a renewal)


#: Keyed by the stored text too, so a row read as a plain str finds its label.
STATUS_LABELS: dict[str, str] = {
    MemberStatus.ACTIVE: "正常",
    MemberStatus.FROZEN: "已冻结",
    MemberStatus.LOST: "已挂失",
    MemberStatus.EXPIRED: "已过期",
}
