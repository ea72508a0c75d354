"""The counter's own outbox, pushed as the sync worker will push it: every event the counter
writes for enrolment, top-up, a member sale paid by card and its void is read by the head office,
none parked, and the head office's balances and sales equal the counter's."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from app.pos.cart import Cart
from app.pos.catalog import ProductView
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.shifts import ShiftView
from app.pos.staff import Sensitive, StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.approvals import Approval
from app.storage.database import Database
from app.storage.models import OutboxRow
from app.sync.protocol import Event, PushReply, event_of_outbox_row, from_json
from headoffice.db import Database as HeadOfficeDatabase
from headoffice.models import MemberRow, SaleRow
from tests.headoffice.conftest import Counter
from tests.pos.conftest import (  # noqa: F401 (fixtures)
    CARD,
    MEMBER_PIN,
    member_balances,
    member_id,
    members,
    products,
    service,
    shift,
)


def _outbox(db: Database) -> list[Event]:
    with db.reading() as session:
        return [
            event_of_outbox_row(
                row.id,
                row.seq,
                row.type,
                row.schema_version,
                row.payload,
                row.created_at.isoformat(),
            )
            for row in session.scalars(select(OutboxRow).order_by(OutboxRow.seq))
        ]


def test_the_counters_own_events_apply_and_the_balances_agree(
    db: Database,
    service: CounterService,  # noqa: F811
    cashier: StaffView,
    approval: Callable[..., Approval],
    shift: ShiftView,  # noqa: F811
    products: dict[str, ProductView],  # noqa: F811
    member_id: str,  # noqa: F811
    members: MemberDesk,  # noqa: F811
    ho_db: HeadOfficeDatabase,
    store_a: Counter,
) -> None:
    def member_sale(tenders: list[Tender]) -> str:
        cart: Cart = service.new_cart()
        cart.add(cart_product(products["chips"]))
        cart.attach_member(members.queries.attach_member(CARD, cashier))
        password = members.cards.verify_password(member_id, MEMBER_PIN, cashier)
        paid = service.pay(
            cart, tenders, cashier=cashier, shift_id=shift.id, member_password=password
        )
        return paid.receipt_no

    kept = member_sale([Tender(TenderMethod.STORED_VALUE, 7_19)])
    voided = member_sale([Tender(TenderMethod.STORED_VALUE, 7_19)])
    service.void(voided, cashier=cashier, approval=approval(Sensitive.VOID))

    events = _outbox(db)
    assert {"MemberEnrolled", "TopUpMade", "SalePaid", "SaleVoided"} <= {e.type for e in events}
    reply = from_json(PushReply, store_a.push(*events).json())
    assert {r.outcome for r in reply.results} == {"applied"}
    assert reply.last_seq == events[-1].seq

    principal, bonus, points = member_balances(db, member_id)
    with ho_db.transaction() as session:
        member = session.get(MemberRow, member_id)
        assert member is not None
        assert (member.principal_fen, member.bonus_fen, member.points) == (
            principal,
            bonus,
            points,
        )
        assert member.card_no == CARD
        sales = sorted(
            (s.receipt_no, s.kind, s.total_fen) for s in session.scalars(select(SaleRow))
        )
    assert sales == sorted([(kept, "sale", 7_19), (voided, "sale", 7_19), (voided, "void", -7_19)])
