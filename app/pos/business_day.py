"""Business days and receipt numbers: a night that runs past midnight stays one day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.config import Config
from app.storage.base import utcnow
from app.storage.models import ReceiptSequenceRow

# Plain SQL: SQLAlchemy does not cache the compiled form of an upsert, and this runs every sale.
_TAKE_NEXT_NO = (
    f"INSERT INTO {ReceiptSequenceRow.__tablename__} (business_day, last_no) VALUES (?, 1) "
    "ON CONFLICT (business_day) DO UPDATE SET last_no = last_no + 1 RETURNING last_no"
)


def business_day(moment: dt.datetime, timezone: str, cutoff_hour: int) -> dt.date:
    """The business day of a UTC moment: before ``cutoff_hour`` local time it is still yesterday."""
    local = moment.astimezone(ZoneInfo(timezone))
    if local.hour < cutoff_hour:
        local -= dt.timedelta(days=1)
    return local.date()


def business_today(config: Config) -> dt.date:
    """The store's business day at this moment."""
    return business_day(utcnow(), config.timezone, config.business_day_cutoff_hour)


def local_time_text(moment: dt.datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def next_receipt_no(session: Session, store_code: str, counter_no: str, day: dt.date) -> str:
    """Take the next gapless number of the day, inside the caller's transaction.

    One upsert under the sale's write lock (BEGIN IMMEDIATE); a rolled-back sale gives its number
    back.
    """
    number = session.connection().exec_driver_sql(_TAKE_NEXT_NO, (day.isoformat(),)).scalar_one()
    return f"{store_code}-{counter_no}-{day:%Y%m%d}-{number:04d}"
