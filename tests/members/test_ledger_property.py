"""For random sequences of member actions on a real database, every cached balance equals the
sum of its ledger entries and never goes negative; refused actions change nothing.

The actions include sales paid by card as checkout makes them (the payment without its own event,
then the visit, spend and points of the sale, in one transaction), their refunds (the money back
to the card and the sale's points taken back together), resets, and ledger writes on a member the
session has already loaded through the ORM (the plain-SQL ledger must keep that row in step)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import KnownError
from app.members.accounts import load_member, view_of
from app.members.card_types import CardTypeInput, create_bonus_rule, create_card_type
from app.members.cards import reset_balance, reset_points, reset_total_spend, reset_visit_count
from app.members.checks import check_ledgers, running_balances_ok
from app.members.enrolment import enrol
from app.members.ledger import SpendOrder
from app.members.points import adjust_points, refund_points_tender, spend_points
from app.members.sales import member_refund, member_sale
from app.members.settings import MemberSettings
from app.members.stored_value import (
    refund_stored_value_spend,
    refund_unused_principal,
    spend_stored_value,
    top_up,
)
from app.storage.database import Database

DAY = dt.date(2026, 11, 23)
WHO = {"actor_id": "c", "approver_id": "m"}

amount = st.integers(min_value=1, max_value=2000_00)
action = st.one_of(
    st.tuples(st.just("top_up"), amount),
    st.tuples(st.just("spend"), amount),
    st.tuples(st.just("refund_spend"), amount),
    st.tuples(st.just("principal"), st.integers(min_value=0, max_value=1000_00)),
    st.tuples(st.just("sale"), amount),
    st.tuples(st.just("refund_sale"), amount),
    st.tuples(st.just("points_tender"), st.integers(min_value=1, max_value=500)),
    st.tuples(st.just("refund_points"), st.integers(min_value=1, max_value=500)),
    st.tuples(st.just("adjust"), st.integers(min_value=-300, max_value=300)),
    st.tuples(st.just("checkout_sv"), amount),
    st.tuples(st.just("refund_checkout"), amount),
    st.tuples(st.just("loaded_then_top_up"), amount),
    st.tuples(
        st.sampled_from(["reset_balance", "reset_points", "reset_visits", "reset_spend"]),
        st.just(0),
    ),
)

LEDGERS = ("stored_value_entries", "points_entries", "member_spend_entries", "outbox")


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(
        int(session.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()) for name in LEDGERS
    )


def _assert_balances_are_their_ledgers(session: Session, member_id: str) -> None:
    assert check_ledgers(session) == []
    assert running_balances_ok(session, member_id)
    sums = session.execute(
        text(
            "SELECT (SELECT coalesce(sum(principal_delta), 0) FROM stored_value_entries"
            " WHERE member_id = :m), (SELECT coalesce(sum(bonus_delta), 0)"
            " FROM stored_value_entries WHERE member_id = :m), (SELECT coalesce(sum(delta), 0)"
            " FROM points_entries WHERE member_id = :m), (SELECT coalesce(sum(spend_delta), 0)"
            " FROM member_spend_entries WHERE member_id = :m)"
        ),
        {"m": member_id},
    ).one()
    view = view_of(session, member_id)
    assert (view.principal_fen, view.bonus_fen, view.points, view.total_spend_fen) == tuple(sums)
    assert min(view.principal_fen, view.bonus_fen, view.points, view.total_spend_fen) >= 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    actions=st.lists(action, min_size=1, max_size=25),
    order=st.sampled_from(list(SpendOrder)),
)
def test_balances_equal_their_ledgers_and_never_go_negative(
    actions: list[tuple[str, int]], order: SpendOrder
) -> None:
    rules = MemberSettings(spend_order=order)
    with tempfile.TemporaryDirectory() as directory:
        db = Database.open(f"sqlite:///{Path(directory) / 'p.db'}")
        try:
            with db.transaction() as session:
                create_card_type(session, CardTypeInput("普通卡", 0, points_value=1), **WHO)
                create_bonus_rule(session, 500_00, 100_00, **WHO)
                member_id = enrol(
                    session, card_no="1", phone="13800000001", name="甲", on=DAY, actor_id="c"
                ).id
            spends: list[tuple[str, int]] = []
            sales: list[tuple[str, int]] = []
            tenders: list[tuple[str, int]] = []
            paid_by_card: list[tuple[str, str, int]] = []
            for number, (kind, value) in enumerate(actions):
                with db.reading() as session:
                    before = _counts(session)
                try:
                    with db.transaction() as session:
                        _act(session, kind, value, member_id, number, rules, spends, sales, tenders)
                        _act_as_checkout(session, kind, value, member_id, number, paid_by_card)
                except KnownError:
                    with db.reading() as session:  # a refused action: nothing of it is left
                        assert _counts(session) == before
                with db.reading() as session:
                    _assert_balances_are_their_ledgers(session, member_id)
        finally:
            db.dispose()


def _act(session, kind, value, member_id, number, rules, spends, sales, tenders):  # type: ignore[no-untyped-def]
    if kind == "top_up":
        top_up(session, member_id, value, on=DAY, actor_id="c")
    elif kind == "spend":
        line = spend_stored_value(session, member_id, value, on=DAY, actor_id="c", settings=rules)
        spends.append((line.id, value))
    elif kind == "refund_spend" and spends:
        entry_id, paid = spends[value % len(spends)]
        refund_stored_value_spend(session, entry_id, 1 + value % paid, on=DAY, actor_id="c")
    elif kind == "principal":
        refund_unused_principal(session, member_id, value or None, on=DAY, reason="退卡", **WHO)
    elif kind == "sale":
        order_id = f"o{number}"
        member_sale(session, member_id, paid_fen=value, on=DAY, order_id=order_id, actor_id="c")
        sales.append((order_id, value))
    elif kind == "refund_sale" and sales:
        order_id, paid = sales[value % len(sales)]
        member_refund(
            session,
            member_id,
            sale_order_id=order_id,
            sale_net_fen=paid,
            refund_fen=1 + value % paid,
            on=DAY,
            actor_id="c",
        )
    elif kind == "points_tender":
        tender = spend_points(session, member_id, value, on=DAY, actor_id="c")
        tenders.append((tender.line.id, value))
    elif kind == "refund_points" and tenders:
        entry_id, paid = tenders[value % len(tenders)]
        refund_points_tender(session, entry_id, 1 + value % paid, on=DAY, actor_id="c")
    elif kind == "adjust":
        adjust_points(session, member_id, value, reason="调整", on=DAY, **WHO)
    elif kind == "reset_balance":
        reset_balance(session, member_id, reason="清零", on=DAY, **WHO)
    elif kind == "reset_points":
        reset_points(session, member_id, reason="清零", on=DAY, **WHO)
    elif kind == "reset_visits":
        reset_visit_count(session, member_id, reason="清零", on=DAY, **WHO)
    elif kind == "reset_spend":
        reset_total_spend(session, member_id, reason="清零", on=DAY, **WHO)


def _act_as_checkout(  # type: ignore[no-untyped-def]
    session, kind, value, member_id, number, paid_by_card
):
    """What checkout and its refund do to a member who pays (part of) a sale by card."""
    if kind == "checkout_sv":
        order_id = f"c{number}"
        line = spend_stored_value(
            session, member_id, value, on=DAY, actor_id="c", order_id=order_id, emit_event=False
        )
        cash = value // 3  # the rest of the sale paid in cash
        member_sale(
            session,
            member_id,
            paid_fen=value + cash,
            bonus_paid_fen=-line.bonus_delta,
            on=DAY,
            order_id=order_id,
            actor_id="c",
        )
        paid_by_card.append((order_id, line.id, value + cash))
    elif kind == "refund_checkout" and paid_by_card:
        order_id, entry_id, sale_total = paid_by_card[value % len(paid_by_card)]
        refund = 1 + value % sale_total
        card_part = min(refund, 1 + value % max(1, sale_total * 3 // 4))
        refund_stored_value_spend(
            session,
            entry_id,
            card_part,
            on=DAY,
            actor_id="c",
            order_id=f"r{number}",
            emit_event=False,
        )
        member_refund(
            session,
            member_id,
            sale_order_id=order_id,
            sale_net_fen=sale_total,
            refund_fen=refund,
            on=DAY,
            actor_id="c",
            refund_order_id=f"r{number}",
        )
    elif kind == "loaded_then_top_up":
        member = load_member(session, member_id)  # the ORM holds the row from here on
        held = member.principal_fen
        top_up(session, member_id, value, on=DAY, actor_id="c")
        assert member.principal_fen == held + value
        if member.points:
            reset_points(session, member_id, reason="清零", on=DAY, **WHO)
            assert member.points == 0
        assert not session.is_modified(member)
