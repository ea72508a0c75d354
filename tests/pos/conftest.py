"""Fixtures for the selling tests: a few products, an open shift, and a member with a card."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.config import Config
from app.members.card_types import CardTypeInput, create_card_type
from app.members.cards import set_password
from app.members.enrolment import enrol
from app.members.stored_value import top_up
from app.pos.catalog import ProductInput, ProductView, create_product
from app.pos.counter import CounterService
from app.pos.member_desk.desk import MemberDesk
from app.pos.shifts import ShiftView, open_shift
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.member_models import MemberRow, PointsEntryRow, StoredValueEntryRow

COLA_BARCODE = "6901234567892"
CARD = "88000001"
MEMBER_PIN = "654321"


@pytest.fixture
def service(db: Database, config: Config) -> CounterService:
    return CounterService(db, config)


@pytest.fixture
def members(db: Database, config: Config) -> MemberDesk:
    return MemberDesk(db, config)


@pytest.fixture
def member_id(db: Database, service: CounterService, cashier: StaffView, manager: StaffView) -> str:
    today = service.today()
    with db.transaction() as session:
        gold = create_card_type(
            session,
            CardTypeInput(
                "金卡", 2, discount_bp=9000, points_per_yuan=1, points_value=1, needs_password=True
            ),
            actor_id=cashier.id,
            approver_id=manager.id,
        )
        member = enrol(
            session,
            card_no=CARD,
            phone="13812345678",
            name="张三",
            on=today,
            actor_id=cashier.id,
            card_type_id=gold.id,
        )
        set_password(session, member.id, MEMBER_PIN, actor_id=cashier.id)
        top_up(session, member.id, 100_00, on=today, actor_id=cashier.id)
    return member.id


@pytest.fixture
def products(db: Database) -> dict[str, ProductView]:
    specs = {
        "cola": ProductInput(
            name="可口可乐 330ml", price_fen=350, barcodes=(COLA_BARCODE,), unit="瓶"
        ),
        "chips": ProductInput(name="乐事薯片 原味", price_fen=799, unit="袋"),
        "noodles": ProductInput(name="康师傅红烧牛肉面", price_fen=450, unit="袋"),
        "apple": ProductInput(
            name="红富士苹果", price_fen=1280, code="00001", unit="kg", by_weight=True
        ),
        "service": ProductInput(name="手机贴膜", price_fen=2000, track_stock=False),
    }
    with db.transaction() as session:
        return {
            key: create_product(
                session, spec, opening_stock_milli=100_000 if spec.track_stock else 0
            )
            for key, spec in specs.items()
        }


@pytest.fixture
def shift(db: Database, cashier: StaffView) -> ShiftView:
    with db.transaction() as session:
        return open_shift(session, cashier, 50000)


def member_balances(db: Database, member_id: str) -> tuple[int, int, int]:
    """Principal, bonus and points, each checked against the sum of its ledger."""
    with db.reading() as session:
        row = session.get(MemberRow, member_id)
        assert row is not None
        sv = session.execute(
            select(
                func.sum(StoredValueEntryRow.principal_delta),
                func.sum(StoredValueEntryRow.bonus_delta),
            ).where(StoredValueEntryRow.member_id == member_id)
        ).one()
        points = session.scalar(
            select(func.sum(PointsEntryRow.delta)).where(PointsEntryRow.member_id == member_id)
        )
        assert (row.principal_fen, row.bonus_fen, row.points) == (sv[0], sv[1], points or 0)
        return row.principal_fen, row.bonus_fen, row.points
