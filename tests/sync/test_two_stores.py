"""Done when: a member enrolled at store A tops up at A and pays with stored value at B; both
sync, and the head office, A and B show the same balance. Then the same with the head office
down for both sales: the overdraft becomes one case and the member is on both hot-lists."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from app.members.enrolment import enrol
from app.members.stored_value import top_up
from app.pos.catalog import ProductInput, create_product
from app.pos.counter import cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.tenders import Tender, TenderMethod
from app.storage.member_models import MemberRow, StoredValueEntryRow
from app.storage.models import SyncMemberRow
from app.sync.client import HeadOfficeUnreachable
from headoffice.models import CaseRow
from headoffice.models import MemberRow as HeadOfficeMember
from tests.sync.conftest import HeadOffice, Store

CARD = "88000001"


def enrol_and_top_up(store: Store, amount_fen: int) -> str:
    today = store.service.today()
    with store.db.transaction() as session:
        member = enrol(
            session,
            card_no=CARD,
            phone="13812345678",
            name="张三",
            on=today,
            actor_id=store.cashier.id,
        )
        top_up(session, member.id, amount_fen, on=today, actor_id=store.cashier.id)
    return member.id


def pay_by_card(
    store: Store, price_fen: int, method: TenderMethod = TenderMethod.STORED_VALUE
) -> None:
    with store.db.transaction() as session:
        product = create_product(
            session, ProductInput(name=f"礼品{price_fen}", price_fen=price_fen, track_stock=False)
        )
    cart = store.service.new_cart()
    cart.add(cart_product(product))
    cart.attach_member(
        MemberDesk(store.db, store.config).queries.attach_member(CARD, store.cashier)
    )
    assert cart.totals().total_fen == price_fen
    store.service.pay(
        cart,
        [Tender(method, price_fen)],
        cashier=store.cashier,
        shift_id=store.shift.id,
    )


def balance_at(store: Store, member_id: str) -> int:
    """The member's stored value at a counter, checked against the sum of its ledger."""
    with store.db.reading() as session:
        row = session.get(MemberRow, member_id)
        assert row is not None
        ledger = session.execute(
            select(
                func.sum(StoredValueEntryRow.principal_delta + StoredValueEntryRow.bonus_delta)
            ).where(StoredValueEntryRow.member_id == member_id)
        ).scalar()
        assert row.principal_fen + row.bonus_fen == ledger
        return row.principal_fen + row.bonus_fen


def balance_at_head_office(office: HeadOffice, member_id: str) -> int:
    with office.db.transaction() as session:
        row = session.get(HeadOfficeMember, member_id)
        assert row is not None
        return row.principal_fen + row.bonus_fen


def sync(store: Store) -> None:
    report = store.worker.run_once()
    assert report.all_acknowledged


def meet(store: Store) -> None:
    """The member's card swiped here for the first time: looked up at the head office, which
    from then on sends this store the member's changes; then a sync."""
    assert store.worker.lookup_card(CARD)
    sync(store)


def test_a_member_of_store_a_pays_at_store_b_and_all_three_agree(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    sync(b)  # B's pull brings only what B needs: not A's member
    with b.db.reading() as session:
        assert session.get(MemberRow, member_id) is None
    meet(b)
    assert balance_at(b, member_id) == 100_00

    pay_by_card(b, 30_00)
    sync(b)
    sync(a)

    assert balance_at_head_office(headoffice, member_id) == 70_00
    assert balance_at(a, member_id) == 70_00
    assert balance_at(b, member_id) == 70_00


def test_spent_in_both_stores_while_the_head_office_is_down_one_overdraft_case(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    meet(b)

    headoffice.stop()
    for store in (a, b):
        try:
            store.worker.run_once()
        except HeadOfficeUnreachable:
            pass
        else:
            raise AssertionError("the head office was down")
    pay_by_card(a, 60_00)
    pay_by_card(b, 70_00)
    headoffice.start()
    sync(a)
    sync(b)
    sync(a)

    assert balance_at_head_office(headoffice, member_id) == -30_00
    assert balance_at(a, member_id) == -30_00
    assert balance_at(b, member_id) == -30_00
    with headoffice.db.transaction() as session:
        cases = session.scalars(select(CaseRow).where(CaseRow.member_id == member_id)).all()
        assert [(c.kind, c.amount_fen) for c in cases] == [("overdraft", 30_00)]
    for store in (a, b):
        with store.db.reading() as session:
            kept = session.get(SyncMemberRow, member_id)
            assert kept is not None and kept.hot


def test_a_card_of_another_store_is_looked_up_online_and_else_served_from_the_last_snapshot(
    headoffice: HeadOffice, stores: tuple[Store, Store]
) -> None:
    a, b = stores
    member_id = enrol_and_top_up(a, 100_00)
    sync(a)
    assert b.worker.lookup_card(CARD)  # no pull at B: the swipe asks the head office
    assert balance_at(b, member_id) == 100_00
    with a.db.transaction() as session:
        top_up(session, member_id, 50_00, on=a.service.today(), actor_id=a.cashier.id)
    sync(a)

    headoffice.stop()
    started = time.monotonic()
    assert not b.worker.lookup_card(CARD)
    assert time.monotonic() - started < 1.5
    desk = MemberDesk(b.db, b.config)
    assert desk.queries.attach_member(CARD, b.cashier).member_id == member_id
    assert balance_at(b, member_id) == 100_00  # the last snapshot serves
