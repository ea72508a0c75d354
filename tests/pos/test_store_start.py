"""A fresh store has its default card type (普通卡) from its first start, made once, never twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from app.config import Config
from app.members.card_types import CardTypeInput, create_card_type, list_card_types
from app.members.member_io import import_members
from app.pos.demo import seed_demo_store
from app.pos.store_start import open_store
from app.storage.audit import verify
from app.storage.member_models import MemberRow
from app.storage.models import AuditRow


def _types(config: Config) -> list[tuple[str, bool]]:
    db = open_store(config)
    try:
        with db.reading() as session:
            return [(v.card_type.name, v.is_default) for v in list_card_types(session)]
    finally:
        db.dispose()


def test_a_fresh_store_has_one_default_card_type_however_often_it_starts(config: Config) -> None:
    for _start in range(3):
        assert _types(config) == [("普通卡", True)]
    db = open_store(config)
    try:
        with db.reading() as session:
            made = session.scalars(
                select(AuditRow.actor_id).where(AuditRow.action == "card_type.created")
            ).all()
            assert made == ["system"]
            assert verify(session) == []
    finally:
        db.dispose()


def test_a_fresh_store_imports_a_member_without_a_card_type_under_its_default(
    config: Config, tmp_path: Path
) -> None:
    source = tmp_path / "members.csv"
    source.write_text("card_no,name,card_type\n88000001,张三,\n", encoding="utf-8")
    db = open_store(config)
    try:
        report = import_members(db, source, on=dt.date(2026, 12, 1), actor_id="t")
        assert report.problems == () and report.imported == 1
        with db.reading() as session:
            member = session.scalars(select(MemberRow)).one()
            default = list_card_types(session)[0]
            assert member.card_type_id == default.card_type.id and default.is_default
    finally:
        db.dispose()


def test_the_demo_on_a_started_store_keeps_its_own_card_types_once(config: Config) -> None:
    db = open_store(config)
    try:
        with db.transaction() as session:
            seed_demo_store(session)
    finally:
        db.dispose()
    assert _types(config) == [("普通卡", True), ("银卡", False), ("金卡", False)]


def test_a_store_with_a_default_of_its_own_is_left_as_it_is(config: Config) -> None:
    db = open_store(config)
    try:
        with db.transaction() as session:
            create_card_type(
                session,
                CardTypeInput("银卡", 1, is_default=True),
                actor_id="t",
                approver_id="t",
            )
    finally:
        db.dispose()
    assert _types(config) == [("普通卡", False), ("银卡", True)]
