"""Finding members at the desk: a card attached to a sale, and a refusal that stays audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.members.errors import CardLost, MemberError
from app.pos.counter import CounterService
from app.pos.member_desk.desk import MemberDesk
from app.pos.staff import StaffView
from app.storage.database import Database
from app.storage.models import AuditRow
from tests.pos.conftest import CARD


def test_an_unknown_card_is_said_plainly(
    service: CounterService, cashier: StaffView, members: MemberDesk
) -> None:
    with pytest.raises(MemberError, match="未找到"):
        members.queries.attach_member("99999999", cashier)


def test_a_lost_card_is_refused_at_the_sale_and_the_refusal_stays_in_the_audit_log(
    db: Database, cashier: StaffView, member_id: str, members: MemberDesk
) -> None:
    members.cards.report_loss(member_id, cashier=cashier)
    with pytest.raises(CardLost):
        members.queries.attach_member(CARD, cashier)
    with db.reading() as session:
        actions = list(session.scalars(select(AuditRow.action)))
    assert "member.card_refused" in actions


def test_a_member_found_by_card_is_listed_by_a_search_with_the_phone_masked(
    cashier: StaffView, member_id: str, members: MemberDesk
) -> None:
    assert members.queries.find(CARD).id == member_id
    (row,) = members.queries.search("8800")
    assert (row.id, row.phone_masked) == (member_id, "138****5678")
