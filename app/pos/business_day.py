"""Business days and receipt numbers: a night that runs past midnight stays one day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.models import ReceiptSequenceRow


def business_day(moment: dt.datetime, timezone: str, cutoff_hour: int) -> dt.date:
    """The business day of a UTC moment: before ``cutoff_hour`` local time it is still yesterday."""
    local = moment.astimezone(ZoneInfo(timezone))
    if local.hour < cutoff_hour:
        local -= dt.timedelta(days=1)
    return local.date()


def local_time_text(moment: dt.datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def next_receipt_no(session: Session, store_code: str, counter_no: str, day: dt.date) -> str:
    """Take the next gapless number of the day, inside the caller's transaction.

    The write lock of the sale's transaction (BEGIN IMMEDIATE) makes read-then-bump safe, and a
    rolled-back sale gives its number back.
    """
    row = session.scalar(select(ReceiptSequenceRow).where(ReceiptSequenceRow.business_day == day))
    if row is None:
        row = ReceiptSequenceRow(business_day=day, last_no=0)
        session.add(row)
    row.last_no += 1
    return f"{store_code}-{counter_no}-{day:%Y%m%d}-{row.last_no:04d}"
