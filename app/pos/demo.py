"""The demo store that ``make run`` opens on first run: a catalog and three staff accounts."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.members.demo_members import seed_demo_members
from app.pos.demo_catalog import seed_demo_catalog
from app.pos.demo_promotions import seed_demo_promotions
from app.pos.staff import add_staff
from app.storage.models import CounterStateRow, Role, StaffRow

DEMO_MARKER = "demo_seeded"


@dataclasses.dataclass(frozen=True)
class DemoAccount:
    name: str
    role: Role
    pin: str


#: Printed in the README; a real store replaces them with ``python main.py add-staff``.
DEMO_ACCOUNTS = (
    DemoAccount("小王", Role.CASHIER, "1234"),
    DemoAccount("李店长", Role.MANAGER, "2468"),
    DemoAccount("张老板", Role.OWNER, "8888"),
)


def is_empty(session: Session) -> bool:
    return session.scalar(select(StaffRow.id).limit(1)) is None


def seed_demo_store(session: Session) -> int:
    """Fill an empty counter with the demo catalog and accounts; returns the product count."""
    if not is_empty(session):
        raise ValueError("数据库中已有员工，演示数据只能写入空的数据目录")  # callers check first
    for account in DEMO_ACCOUNTS:
        add_staff(session, account.name, account.role, account.pin)
    count = seed_demo_catalog(session)
    seed_demo_members(session, today=dt.date.today())  # card types, members, gifts to try
    seed_demo_promotions(session, today=dt.date.today())  # one promotion of every kind
    session.add(CounterStateRow(key=DEMO_MARKER, value="1"))
    return count
