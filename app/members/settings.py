"""The store's member settings (spending order, top-up cap, points rules), kept in the database.

Stored as JSON under one key of ``counter_state`` so every counter's services read the same
rules without a config file; a missing key means the defaults below.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
import functools
import json

from sqlalchemy.orm import Session

from app.members.errors import ApprovalRequired, MemberError
from app.members.ledger import SpendOrder
from app.storage import audit
from app.storage.models import CounterStateRow

SETTINGS_KEY = "members.settings"
#: 单次充值上限 by default: 50,000 yuan.
DEFAULT_TOP_UP_CAP_FEN = 50_000_00


class PointsExpiry(enum.StrEnum):
    NEVER = "never"  # 永不过期
    YEAR_END = "year_end"  # 当年年底过期
    MONTHS = "months"  # 获得后 N 个月过期


@dataclasses.dataclass(frozen=True)
class MemberSettings:
    spend_order: SpendOrder = SpendOrder.PRINCIPAL_FIRST
    top_up_cap_fen: int = DEFAULT_TOP_UP_CAP_FEN
    #: Whether points are earned on the part of a sale paid with bonus money (赠送金).
    points_on_bonus: bool = False
    points_expiry: PointsExpiry = PointsExpiry.NEVER
    points_expiry_months: int = 12
    password_max_failures: int = 5
    password_lock_minutes: int = 15

    def __post_init__(self) -> None:
        if self.top_up_cap_fen <= 0:
            raise MemberError("充值上限必须大于零", field="top_up_cap_fen")
        if self.points_expiry_months <= 0:
            raise MemberError("积分有效月数必须大于零", field="points_expiry_months")
        if self.password_max_failures <= 0:
            raise MemberError("密码锁定设置必须大于零", field="password_max_failures")
        if self.password_lock_minutes <= 0:
            raise MemberError("密码锁定设置必须大于零", field="password_lock_minutes")

    def points_expire_on(self, earned_on: dt.date) -> dt.date | None:
        """The last day points earned on ``earned_on`` can be used, or None if they never expire."""
        if self.points_expiry is PointsExpiry.NEVER:
            return None
        if self.points_expiry is PointsExpiry.YEAR_END:
            return dt.date(earned_on.year, 12, 31)
        months = earned_on.month - 1 + self.points_expiry_months
        year, month = earned_on.year + months // 12, months % 12 + 1
        day = min(earned_on.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day) - dt.timedelta(days=1)


# Plain SQL and a parse kept by the stored text: every top-up and payment by card reads the rules.
_LOAD = f"SELECT value FROM {CounterStateRow.__tablename__} WHERE key = ?"


def load_settings(session: Session) -> MemberSettings:
    session.flush()  # settings saved earlier in this transaction are read as saved
    value = session.connection().exec_driver_sql(_LOAD, (SETTINGS_KEY,)).scalar()
    return MemberSettings() if value is None else parse_settings(value)


@functools.lru_cache(maxsize=8)
def parse_settings(value: str) -> MemberSettings:
    """The settings of their stored JSON text (kept: the text rarely changes)."""
    raw = json.loads(value)
    raw["spend_order"] = SpendOrder(raw.get("spend_order", SpendOrder.PRINCIPAL_FIRST))
    raw["points_expiry"] = PointsExpiry(raw.get("points_expiry", PointsExpiry.NEVER))
    known = {field.name for field in dataclasses.fields(MemberSettings)}
    return MemberSettings(**{key: value for key, value in raw.items() if key in known})


def save_settings(
    session: Session, settings: MemberSettings, *, actor_id: str, approver_id: str | None
) -> None:
    """Change the store's member rules (a manager's decision, audited)."""
    if approver_id is None:
        raise ApprovalRequired()
    value = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, sort_keys=True)
    row = session.get(CounterStateRow, SETTINGS_KEY)
    if row is None:
        session.add(CounterStateRow(key=SETTINGS_KEY, value=value))
    else:
        row.value = value
    audit.record(
        session,
        "member.settings_changed",
        actor_id=actor_id,
        approver_id=approver_id,
        detail=dataclasses.asdict(settings),
    )
