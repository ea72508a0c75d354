"""Business days and receipt numbers: a night that runs past midnight stays one day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Config
from app.members.daily import ClockFixReport, UpkeepRefused, check_upkeep_day, undo_future_upkeep
from app.storage import audit
from app.storage.base import utcnow
from app.storage.models import CounterStateRow, OrderRow, ReceiptSequenceRow

#: How many days the newest sale's business day may lie after today before the clock is taken to
#: have gone back: a changed time zone or cut-off hour moves the day by one, no more.
SALES_AHEAD_TOLERANCE_DAYS = 1
#: counter_state key: the newest sale day the owner has accepted as made by a clock that ran
#: ahead (``clock-corrected``); sales up to it no longer make the upkeep refuse.
ACCEPTED_SALE_DAY_KEY = "clock_accepted_sale_day"

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


def newest_sale_day(session: Session) -> dt.date | None:
    """The business day of the newest order (its index answers at once)."""
    day: dt.date | None = session.scalar(select(func.max(OrderRow.business_day)))
    return day


def check_business_day(session: Session, today: dt.date) -> None:
    """Refuse a business day that went backwards: before the newest daily upkeep's, or more
    than :data:`SALES_AHEAD_TOLERANCE_DAYS` before the newest sale's. Selling is not stopped
    (a wrong clock costs no money at the till); the upkeep is, since it moves levels and gives
    gifts by the day."""
    check_upkeep_day(session, today)
    newest = newest_sale_day(session)
    accepted = session.get(CounterStateRow, ACCEPTED_SALE_DAY_KEY)
    if accepted is not None and newest is not None and newest.isoformat() <= accepted.value:
        newest = None  # the sales of the wrong clock's days, accepted by the owner
    if newest is not None and (newest - today).days > SALES_AHEAD_TOLERANCE_DAYS:
        raise UpkeepRefused(
            "营业日倒退：今天是 %1，最新一笔销售却在 %2。请核对电脑的日期和时间；"
            "会员日结暂停，收银照常",
            today.isoformat(),
            newest.isoformat(),
        )


def accept_corrected_clock(
    session: Session, today: dt.date, *, actor_id: str, approver_id: str | None = None
) -> ClockFixReport:
    """The owner says the clock ran ahead and is right now: the member upkeep's work of the
    wrong days is undone (``undo_future_upkeep``), the sales made on them are accepted as they
    are (their receipts keep their dates), and the upkeep runs again from today. Audited."""
    newest = newest_sale_day(session)
    ahead_sales = newest is not None and newest > today
    try:
        report = undo_future_upkeep(session, today, actor_id=actor_id, approver_id=approver_id)
    except UpkeepRefused:
        if not ahead_sales:
            raise
        report = ClockFixReport(today, (), 0, 0, 0)
    if ahead_sales and newest is not None:
        accepted = session.get(CounterStateRow, ACCEPTED_SALE_DAY_KEY)
        if accepted is None:
            session.add(CounterStateRow(key=ACCEPTED_SALE_DAY_KEY, value=newest.isoformat()))
        else:
            accepted.value = max(accepted.value, newest.isoformat())
    audit.record(
        session,
        "clock.corrected",
        actor_id=actor_id,
        approver_id=approver_id,
        detail={
            "today": today.isoformat(),
            "upkeep_days_forgotten": [day.isoformat() for day in report.runs_forgotten],
            "newest_sale_day": newest.isoformat() if newest else None,
            "downgrades_undone": report.downgrades_undone,
            "expiries_undone": report.expiries_undone,
            "points_restored": report.points_restored,
        },
    )
    return report
