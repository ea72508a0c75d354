"""A clock that runs two years ahead and is then put back (issue 9, item 5): the daily upkeep
gives no second gift, refuses the day that went backwards, later backups are still taken, and
"last receipt" (F9, F10) means the sale written last, not the one with the latest time."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import func, select, update

from app.config import Config
from app.devices.print_queue import PrintQueue
from app.devices.printers import DummyPrinter
from app.members.daily import UpkeepRefused
from app.members.demo_members import seed_demo_members
from app.pos.business_day import business_day
from app.pos.cart import CartProduct
from app.pos.catalog import ProductView
from app.pos.checkout import checkout
from app.pos.counter import CounterService
from app.pos.receipts import PrintJobKind
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.backup import list_backups
from app.storage.database import Database
from app.storage.member_models import CouponRow, LevelGiftRow, MemberRow, UpkeepRunRow
from app.storage.models import AuditRow, PrintJobRow

#: 11:00 in Shanghai on the real day; the wrong clock is two years ahead of it.
REAL = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)
AHEAD = REAL + dt.timedelta(days=730)


def _upkeep(service: CounterService, config: Config, moment: dt.datetime) -> object:
    """Run the upkeep as at ``moment``; a backup it takes gets that moment as its file time, as
    the wrong clock would have given it."""
    before = set(list_backups(config.data_dir))
    try:
        return service.daily_upkeep(now=moment)
    finally:
        for made in set(list_backups(config.data_dir)) - before:
            os.utime(made, (moment.timestamp(), moment.timestamp()))


def _money_and_levels(db: Database) -> dict[str, tuple[str, int, int, int, int]]:
    """Each member's level, principal, bonus, points and coupons."""
    with db.reading() as session:
        coupons = dict(
            session.execute(
                select(CouponRow.member_id, func.count()).group_by(CouponRow.member_id)
            ).all()
        )
        return {
            row.id: (
                row.card_type_id,
                row.principal_fen,
                row.bonus_fen,
                row.points,
                coupons.get(row.id, 0),
            )
            for row in session.scalars(select(MemberRow))
        }


def test_a_clock_two_years_ahead_then_put_back_gives_no_second_gift_and_backups_go_on(
    db: Database, config: Config, service: CounterService
) -> None:
    today = business_day(REAL, config.timezone, config.business_day_cutoff_hour)
    with db.transaction() as session:
        seed_demo_members(session, today=today)

    first = _upkeep(service, config, REAL)
    assert first is not None and first.upgrades == () and first.downgrades == ()
    seeded = _money_and_levels(db)

    # Two years ahead: nobody spent "within the last year", so the 10 silver and gold fall back.
    ahead = _upkeep(service, config, AHEAD)
    assert ahead is not None and len(ahead.downgrades) == 10
    after_jump = _money_and_levels(db)
    backups_before = list_backups(config.data_dir)
    assert any(f"{AHEAD:%Y%m%d}" in path.name for path in backups_before)

    # The clock is put right the next day: the upkeep refuses, changes nothing, says why.
    corrected = REAL + dt.timedelta(days=1, hours=1)
    with pytest.raises(UpkeepRefused, match="营业日倒退") as refused:
        _upkeep(service, config, corrected)
    assert "2028-11-30" in str(refused.value)
    assert _money_and_levels(db) == after_jump
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(LevelGiftRow)) == 0
        assert session.get(UpkeepRunRow, corrected.date()) is None

    # No gift was given at any point: bonus, points and coupons are what the seed gave.
    for member_id, (_, principal, bonus, points, coupons) in seeded.items():
        assert after_jump[member_id][1:] == (principal, bonus, points, coupons)

    # The 2028 backup does not stop the backup of the corrected day.
    newest = set(list_backups(config.data_dir)) - set(backups_before)
    assert [path.name[:16] for path in newest] == [f"counter-{corrected:%Y%m%d}"]

    # The owner confirms the clock is right now (main.py clock-corrected): the wrong days'
    # downgrades are undone, and the upkeep runs again with nobody moved and no gift given.
    fixed = service.clock_corrected(actor_id="owner", now=corrected)
    assert fixed.runs_forgotten == (AHEAD.date(),) and fixed.downgrades_undone == 10
    again = _upkeep(service, config, corrected)
    assert again is not None and again.upgrades == () and again.downgrades == ()
    assert _money_and_levels(db) == seeded
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(LevelGiftRow)) == 0
        audited = session.scalars(
            select(AuditRow.detail).where(AuditRow.action == "clock.corrected")
        ).all()
    assert len(audited) == 1 and "2028-11-30" in audited[0]


def test_the_upkeep_refuses_a_day_well_before_the_newest_sale(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    _sell(db, config, service, cashier, shift, products["service"], AHEAD)
    with pytest.raises(UpkeepRefused, match="最新一笔销售"):
        service.daily_upkeep(now=REAL)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(UpkeepRunRow)) == 0
    # Selling goes on whatever the upkeep said.
    _sell(db, config, service, cashier, shift, products["service"], REAL)
    # The owner accepts the wrong clock's sale as it is: the upkeep runs again, and a later
    # jump back is still noticed.
    service.clock_corrected(actor_id="owner", now=REAL)
    assert service.daily_upkeep(now=REAL) is not None
    _sell(db, config, service, cashier, shift, products["service"], AHEAD + dt.timedelta(days=9))
    with pytest.raises(UpkeepRefused, match="最新一笔销售"):
        service.daily_upkeep(now=REAL + dt.timedelta(days=1))


def test_a_day_just_before_the_newest_sale_is_no_jump(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    """A changed cut-off hour or time zone moves the business day by one: within tolerance."""
    _sell(db, config, service, cashier, shift, products["service"], AHEAD)
    assert service.daily_upkeep(now=AHEAD - dt.timedelta(days=1)) is not None


def _sell(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    product: ProductView,
    moment: dt.datetime,
) -> str:
    cart = service.new_cart()
    cart.add(
        CartProduct(
            id=product.id,
            code=product.code,
            name=product.name,
            unit=product.unit,
            price_fen=product.price_fen,
            by_weight=product.by_weight,
            track_stock=product.track_stock,
        )
    )
    with db.transaction() as session:
        sale = checkout(
            session,
            cart,
            [Tender(TenderMethod.CASH, product.price_fen)],
            cashier=cashier,
            shift_id=shift.id,
            config=config,
            now=moment,
        )
    return sale.receipt_no


def test_last_receipt_is_the_sale_written_last_even_after_the_clock_went_back(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
) -> None:
    """F9 offers, and F10 reprints, the receipt of the sale just made."""
    _sell(db, config, service, cashier, shift, products["service"], AHEAD)
    with db.transaction() as session:  # queued by the wrong clock, so stamped with its time
        session.execute(update(PrintJobRow).values(created_at=AHEAD))
    just_now = _sell(db, config, service, cashier, shift, products["service"], REAL)
    last = service.last_order()
    assert last is not None and last.receipt_no == just_now
    queue = PrintQueue(db, DummyPrinter, config)
    job = queue.last_job(PrintJobKind.SALE)
    assert job is not None and job.order_id == last.id
