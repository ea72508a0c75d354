"""The promotion blacklist by rule: members whose refunds over N days reach a count or an amount,
or who carry a tag, are priced without promotions, through the same check as those kept out by
hand; bad settings are refused plainly and write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from app.config import Config
from app.members.tags import set_tags
from app.pos import promotions
from app.pos.catalog import ProductView
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.orders import find_order, refund
from app.pos.promotion_blacklist import BlacklistRules, load_rules, ruled_out
from app.pos.promotion_rules import PromotionError, PromotionKind
from app.pos.shifts import ShiftView
from app.pos.staff import StaffView
from app.pos.tenders import Tender, TenderMethod
from app.storage.database import Database
from app.storage.member_models import MemberRow
from app.storage.models import AuditRow, CounterStateRow, OrderKind, OrderRow
from tests.pos.conftest import CARD
from tests.pos.test_promotions import make


@pytest.fixture
def ten_off(db: Database, service: CounterService, cashier: StaffView, manager: StaffView) -> None:
    rule = make("全场九折", PromotionKind.PERCENT_OFF, all_products=True, percent_bp=1000)
    with db.transaction() as session:
        promotions.save_promotion(session, rule, actor_id=cashier.id, approver_id=manager.id)
    service.promotion_cache.invalidate()


def promoted(service: CounterService, cashier: StaffView, product: ProductView) -> bool:
    """Does a cart of ``product`` for the member get the promotion?"""
    cart = service.new_cart()
    cart.add(cart_product(product))
    cart.attach_member(MemberDesk(service.db, service.config).queries.attach_member(CARD, cashier))
    (line,) = cart.totals().lines
    return "id-全场九折" in line.promotion_ids


def sell_and_refund(
    service: CounterService,
    config: Config,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    product: ProductView,
) -> None:
    cart = service.new_cart()
    cart.add(cart_product(product))
    cart.attach_member(MemberDesk(service.db, service.config).queries.attach_member(CARD, cashier))
    sale = service.pay(cart, [Tender(TenderMethod.CASH, 2000)], cashier=cashier, shift_id=shift.id)
    with service.db.transaction() as session:
        (line,) = find_order(session, sale.receipt_no).lines
        refund(
            session,
            sale.receipt_no,
            {line.line_id: 1000},
            cashier=cashier,
            approver=manager,
            shift_id=shift.id,
            config=config,
        )


def set_rules(service: CounterService, manager: StaffView, rules: BlacklistRules) -> None:
    service.save_blacklist_rules(rules, actor=manager, approver=manager)


def test_a_member_whose_refunds_reach_the_count_loses_promotions_with_the_reason_shown(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    ten_off: None,
) -> None:
    chips = products["chips"]
    set_rules(service, manager, BlacklistRules(refund_days=30, refund_count=2))
    sell_and_refund(service, config, cashier, manager, shift, chips)
    service.promotion_cache.invalidate()
    assert promoted(service, cashier, chips)  # one refund: still welcome
    sell_and_refund(service, config, cashier, manager, shift, chips)
    service.promotion_cache.invalidate()  # as the next day's (or next change's) load does
    assert not promoted(service, cashier, chips)
    (entry,) = service.promotion_blacklist()
    assert (entry.member_id, entry.by_rule) == (member_id, True)
    assert "近 30 天退货 2 次" in entry.reason
    with pytest.raises(PromotionError, match="按黑名单规则列入"):
        service.unblacklist_member(member_id, actor=manager, approver=manager)

    # refunds older than the window no longer count
    with db.transaction() as session:
        session.execute(
            update(OrderRow)
            .where(OrderRow.kind == OrderKind.REFUND)
            .values(business_day=service.today() - dt.timedelta(days=30))
        )
    service.promotion_cache.invalidate()
    assert promoted(service, cashier, chips)
    assert service.promotion_blacklist() == []


def test_an_amount_threshold_and_a_tag_each_keep_a_member_out(
    db: Database,
    config: Config,
    service: CounterService,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, ProductView],
    member_id: str,
    ten_off: None,
) -> None:
    chips = products["chips"]
    sell_and_refund(service, config, cashier, manager, shift, chips)
    with db.reading() as session:
        refunded = int(
            session.scalar(select(OrderRow.total_fen).where(OrderRow.kind == OrderKind.REFUND)) or 0
        )
    assert refunded > 0
    set_rules(service, manager, BlacklistRules(refund_fen=refunded + 1))
    assert promoted(service, cashier, chips)
    set_rules(service, manager, BlacklistRules(refund_fen=refunded))  # reached: kept out
    assert not promoted(service, cashier, chips)

    set_rules(service, manager, BlacklistRules(tags=("羊毛党",)))
    assert promoted(service, cashier, chips)
    with db.transaction() as session:
        member = session.get(MemberRow, member_id)
        assert member is not None
        set_tags(session, member, ["ＶＩＰ", "羊毛党"])
    service.promotion_cache.invalidate()
    assert not promoted(service, cashier, chips)
    with db.reading() as session:
        assert ruled_out(session, load_rules(session), service.today()) == {
            member_id: "规则：标签“羊毛党”"
        }


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        (BlacklistRules(refund_days=0, refund_count=1), "统计天数"),
        (BlacklistRules(refund_count=0), "退货次数"),
        (BlacklistRules(refund_fen=-1), "退货金额"),
        (BlacklistRules(tags=("太长的标签" * 5,)), "标签最多"),
    ],
)
def test_bad_blacklist_rules_are_refused_and_write_nothing(
    db: Database, service: CounterService, manager: StaffView, rules: BlacklistRules, words: str
) -> None:
    def written() -> tuple[int, int]:
        with db.reading() as session:
            return (
                int(session.scalar(select(func.count()).select_from(AuditRow)) or 0),
                int(session.scalar(select(func.count()).select_from(CounterStateRow)) or 0),
            )

    before = written()
    with pytest.raises(Exception, match=words):
        set_rules(service, manager, rules)
    assert written() == before
