"""A manager's approval is a proof the PIN check mints and the service spends (issue #9, 11).

For each action the issue names, the service is called with the cashier as approver, an invented
approver, a copy of a real approval, an expired one, a spent one, one for another action and one
asked for by someone else: each is refused in plain words and nothing is written. A good
approval works once and names the manager. The member's password is a proof the same way.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.config import Config
from app.members.cards import verify_password
from app.pos.cart import Cart
from app.pos.counter import CounterService, cart_product
from app.pos.member_desk.desk import MemberDesk
from app.pos.shifts import ShiftView
from app.pos.staff import (
    StaffError,
    StaffView,
    add_staff,
    approve_signed_in,
    authenticate,
    sign_out,
)
from app.pos.tenders import Tender, TenderMethod
from app.storage.approvals import Approval, ApprovalRefused, PasswordCheck, Sensitive
from app.storage.base import utcnow
from app.storage.database import Database
from app.storage.models import AuditRow, Role
from app.storage.schema import METADATA
from tests.conftest import CASHIER_PIN, MANAGER_PIN, SteadyClock
from tests.pos.conftest import CARD, MEMBER_PIN

APP = Path(__file__).resolve().parents[2] / "app"


@dataclasses.dataclass
class Counter:
    """What the actions work on: the services, the people, a paid sale, a cart, a member."""

    db: Database
    service: CounterService
    members: MemberDesk
    cashier: StaffView
    manager: StaffView
    shift: ShiftView
    sale_receipt_no: str
    cart: Cart
    member_id: str
    export_path: Path


def _everything(counter: Counter) -> dict[str, Any]:
    """Every row of every table (and the cart and the export file): equal means nothing moved."""
    with counter.db.reading() as session:
        rows = {
            name: sorted(
                repr(tuple(row)) for row in session.execute(text(f'SELECT * FROM "{name}"'))
            )
            for name in METADATA.tables
        }
    rows["cart"] = [repr(line) for line in counter.cart.lines]
    rows["export"] = [counter.export_path.exists()]
    return rows


@dataclasses.dataclass(frozen=True)
class Action:
    name: str
    sensitive: Sensitive
    run: Callable[[Counter, Approval], object]
    #: Whether the proof is checked against the cashier who asked (a cart knows no cashier).
    checks_requester: bool = True


def _refund(c: Counter, approval: Approval) -> object:
    line = c.service.find_order(c.sale_receipt_no).lines[0]
    return c.service.refund(
        c.sale_receipt_no,
        {line.line_id: line.qty_milli},
        method=TenderMethod.CASH,
        cashier=c.cashier,
        approval=approval,
        shift_id=c.shift.id,
    )


ACTIONS = [
    Action("refund", Sensitive.REFUND, _refund),
    Action(
        "void",
        Sensitive.VOID,
        lambda c, a: c.service.void(c.sale_receipt_no, cashier=c.cashier, approval=a),
    ),
    Action(
        "price override",
        Sensitive.PRICE_OVERRIDE,
        lambda c, a: c.cart.override_price(0, 100, a),
        checks_requester=False,
    ),
    Action(
        "drawer opening",
        Sensitive.OPEN_DRAWER,
        lambda c, a: c.service.record_drawer_opened(cashier=c.cashier, approval=a),
    ),
    Action(
        "cash out of the drawer",
        Sensitive.CASH_MOVE,
        lambda c, a: c.service.move_cash(
            -10_00, "买菜", cashier=c.cashier, approval=a, shift_id=c.shift.id
        ),
    ),
    Action(
        "stored-value reset",
        Sensitive.MEMBER_CARD,
        lambda c, a: c.members.cards.reset(
            c.member_id, "balance", reason="退卡清零", cashier=c.cashier, approval=a
        ),
    ),
    Action(
        "points adjustment",
        Sensitive.MEMBER_CARD,
        lambda c, a: c.members.cards.adjust_points(
            c.member_id, 50, reason="补录积分", cashier=c.cashier, approval=a
        ),
    ),
    Action(
        "full phone",
        Sensitive.MEMBER_PRIVACY,
        lambda c, a: c.members.cards.full_phone(c.member_id, cashier=c.cashier, approval=a),
    ),
    Action(
        "full-phone export",
        Sensitive.MEMBER_PRIVACY,
        lambda c, a: c.members.queries.export_members(c.export_path, cashier=c.cashier, approval=a),
    ),
]
IDS = [action.name for action in ACTIONS]


@pytest.fixture
def counter(
    db: Database,
    config: Config,
    service: CounterService,
    members: MemberDesk,
    cashier: StaffView,
    manager: StaffView,
    shift: ShiftView,
    products: dict[str, Any],
    member_id: str,
    tmp_path: Path,
) -> Counter:
    sale_cart = service.new_cart()
    sale_cart.add(cart_product(products["cola"]))
    sale = service.pay(
        sale_cart, [Tender(TenderMethod.CASH, 10_00)], cashier=cashier, shift_id=shift.id
    )
    cart = service.new_cart()
    cart.add(cart_product(products["chips"]))
    return Counter(
        db=db,
        service=service,
        members=members,
        cashier=cashier,
        manager=manager,
        shift=shift,
        sale_receipt_no=sale.receipt_no,
        cart=cart,
        member_id=member_id,
        export_path=tmp_path / "members-export.csv",
    )


def _asked(counter: Counter, action: Sensitive, by: StaffView | None = None) -> Approval:
    """The manager's PIN typed into the approval dialog for ``action``."""
    return counter.service.approve("李店长", MANAGER_PIN, action, by or counter.cashier)


def _refused(counter: Counter, action: Action, approval: object, said: str) -> None:
    before = _everything(counter)
    with pytest.raises(ApprovalRefused, match=said):
        action.run(counter, approval)  # type: ignore[arg-type]
    assert _everything(counter) == before


@pytest.mark.parametrize("action", ACTIONS, ids=IDS)
def test_the_cashier_herself_cannot_approve(counter: Counter, action: Action) -> None:
    with pytest.raises(StaffError, match="没有授权"):
        counter.service.approve("小王", CASHIER_PIN, action.sensitive, counter.cashier)
    cashier = counter.cashier
    herself = Approval(cashier.id, cashier.name, Role.CASHIER, action.sensitive, cashier.id)
    _refused(counter, action, herself, "没有授权")
    # Claiming a manager's role does not make a proof the PIN check never gave.
    posing = Approval(cashier.id, cashier.name, Role.MANAGER, action.sensitive, cashier.id)
    _refused(counter, action, posing, "须由授权人当场输入密码")


@pytest.mark.parametrize("action", ACTIONS, ids=IDS)
def test_an_invented_approver_is_refused(counter: Counter, action: Action) -> None:
    invented = Approval(
        "no-such-manager", "王经理", Role.OWNER, action.sensitive, counter.cashier.id
    )
    _refused(counter, action, invented, "须由授权人当场输入密码")
    named = Approval(
        counter.manager.id, "李店长", Role.MANAGER, action.sensitive, counter.cashier.id
    )
    _refused(counter, action, named, "须由授权人当场输入密码")  # the real manager, no PIN
    _refused(counter, action, counter.manager, "需要店长授权")  # a name, as before
    copied = dataclasses.replace(_asked(counter, action.sensitive))
    _refused(counter, action, copied, "须由授权人当场输入密码")


@pytest.mark.parametrize("action", ACTIONS, ids=IDS)
def test_an_expired_approval_is_refused(
    counter: Counter, action: Action, steady_clock: SteadyClock
) -> None:
    approval = _asked(counter, action.sensitive)
    steady_clock.advance(121)  # two minutes and a second on the clock the wall clock cannot move
    _refused(counter, action, approval, "授权已过期")


@pytest.mark.parametrize("action", ACTIONS, ids=IDS)
def test_an_approval_for_another_action_is_refused(counter: Counter, action: Action) -> None:
    other = Sensitive.STAFF if action.sensitive is not Sensitive.STAFF else Sensitive.VOID
    _refused(counter, action, _asked(counter, other), "不能用于")


@pytest.mark.parametrize(
    "action", [a for a in ACTIONS if a.checks_requester], ids=lambda action: action.name
)
def test_an_approval_asked_for_by_someone_else_is_refused(
    db: Database, counter: Counter, action: Action
) -> None:
    with db.transaction() as session:
        other = add_staff(session, "小李", Role.CASHIER, "5678")
    _refused(counter, action, _asked(counter, action.sensitive, by=other), "不是为当前收银员")


@pytest.mark.parametrize("action", ACTIONS, ids=IDS)
def test_a_good_approval_works_once_and_names_the_manager(
    db: Database, counter: Counter, action: Action
) -> None:
    approval = _asked(counter, action.sensitive)
    before = _everything(counter)
    action.run(counter, approval)
    after = _everything(counter)
    assert after != before
    if action.sensitive is Sensitive.PRICE_OVERRIDE:
        assert counter.cart.lines[0].price_override_approver_id == counter.manager.id
    else:
        with db.reading() as session:
            last = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc())).first()
        assert last is not None and last.approver_id == counter.manager.id
    _refused(counter, action, approval, "已经用过")


def test_an_action_refused_for_its_own_reason_leaves_the_approval_usable(
    counter: Counter,
) -> None:
    """A form the manager corrects needs no second PIN: nothing was done with the approval."""
    approval = _asked(counter, Sensitive.CASH_MOVE)
    before = _everything(counter)
    with pytest.raises(Exception, match="请填写原因"):
        counter.service.move_cash(
            -10_00, " ", cashier=counter.cashier, approval=approval, shift_id=counter.shift.id
        )
    assert _everything(counter) == before
    moved = counter.service.move_cash(
        -10_00, "买菜", cashier=counter.cashier, approval=approval, shift_id=counter.shift.id
    )
    assert moved.amount_fen == -10_00


def test_a_logged_in_manager_approves_their_own_action_and_nobody_else_can(
    db: Database, counter: Counter
) -> None:
    with db.transaction() as session:
        authenticate(session, "李店长", MANAGER_PIN)
    with db.reading() as session:
        own = approve_signed_in(session, counter.manager, Sensitive.OPEN_DRAWER)
    counter.service.record_drawer_opened(cashier=counter.manager, approval=own)
    with db.transaction() as session:
        authenticate(session, "小王", CASHIER_PIN)  # the cashier logs in at the counter
    for who in (counter.manager, counter.cashier):
        with db.reading() as session, pytest.raises(StaffError, match="请店长输入密码"):
            approve_signed_in(session, who, Sensitive.OPEN_DRAWER)
    with db.transaction() as session:
        authenticate(session, "李店长", MANAGER_PIN)
    sign_out()
    with db.reading() as session, pytest.raises(StaffError, match="请店长输入密码"):
        approve_signed_in(session, counter.manager, Sensitive.OPEN_DRAWER)


def test_a_parked_cart_naming_an_approver_who_may_not_approve_does_not_sell(
    db: Database, counter: Counter
) -> None:
    """The cart keeps the approver's id (parked carts are stored): checkout checks it again."""
    counter.cart.override_price(0, 100, _asked(counter, Sensitive.PRICE_OVERRIDE))
    counter.cart.lines[0].price_override_approver_id = counter.cashier.id
    before = _everything(counter)
    with pytest.raises(Exception, match="改价没有有效的店长授权"):
        counter.service.pay(
            counter.cart,
            [Tender(TenderMethod.CASH, 10_00)],
            cashier=counter.cashier,
            shift_id=counter.shift.id,
        )
    assert _everything(counter) == before


# -- the member's password ------------------------------------------------------------------------


def _card_sale(counter: Counter, check: object) -> object:
    cart = counter.service.new_cart()
    cart.add(cart_product(counter.service.search("可乐")[0]))
    cart.attach_member(counter.members.queries.attach_member(CARD, counter.cashier))
    return counter.service.pay(
        cart,
        [Tender(TenderMethod.STORED_VALUE, cart.totals().total_fen)],
        cashier=counter.cashier,
        shift_id=counter.shift.id,
        member_password=check,  # type: ignore[arg-type]
    )


def _checked(counter: Counter, member_id: str | None = None) -> PasswordCheck | None:
    return counter.members.cards.verify_password(
        member_id or counter.member_id, MEMBER_PIN, counter.cashier
    )


def test_a_stored_value_payment_needs_the_proof_of_the_members_password(
    db: Database, counter: Counter, steady_clock: SteadyClock
) -> None:
    other = counter.members.cards.enrol(
        card_no="88000099", phone="", name="李四", cashier=counter.cashier
    ).value
    counter.members.cards.set_password(other.id, MEMBER_PIN, cashier=counter.cashier)
    cases: list[tuple[object, str]] = [
        (True, "会员密码须当场输入"),  # member_password_verified=True, as before
        (PasswordCheck(counter.member_id), "会员密码须当场输入"),  # made by hand
        (dataclasses.replace(_checked(counter)), "会员密码须当场输入"),  # type: ignore[type-var]
        (_checked(counter, other.id), "不是这位会员的"),
    ]
    expired = _checked(counter)
    for check, said in cases:
        before = _everything(counter)
        with pytest.raises(ApprovalRefused, match=said):
            _card_sale(counter, check)
        assert _everything(counter) == before
    steady_clock.advance(121)
    before = _everything(counter)
    with pytest.raises(ApprovalRefused, match="已过期"):
        _card_sale(counter, expired)
    assert _everything(counter) == before
    good = _checked(counter)
    _card_sale(counter, good)
    before = _everything(counter)
    with pytest.raises(ApprovalRefused, match="已用于一笔付款"):
        _card_sale(counter, good)
    assert _everything(counter) == before


def test_only_the_pin_check_and_the_password_check_mint_proofs() -> None:
    """Nothing else in the program can make an approval or a password proof."""
    minters: dict[str, set[str]] = {"mint_approval": set(), "mint_password_check": set()}
    for path in APP.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for name, where in minters.items():
            if re.search(rf"\b{name}\(", source):
                where.add(path.relative_to(APP).as_posix())
    assert minters == {
        "mint_approval": {"storage/approvals.py", "pos/staff.py"},
        "mint_password_check": {"storage/approvals.py", "members/cards.py"},
    }


def test_the_wrong_member_password_gives_no_proof(db: Database, counter: Counter) -> None:
    with db.transaction() as session, pytest.raises(Exception, match="会员密码错误"):
        verify_password(session, counter.member_id, "000000", now=utcnow(), actor_id="c")


def test_a_rules_change_refuses_the_cashier_herself_or_an_invented_manager(
    counter: Counter,
) -> None:
    """The member rules' forms stay open while the manager types, so they take the approver
    the PIN check named; the desk checks that person against the staff as stored now."""
    rules = counter.members.coupons_and_rules
    gifts = counter.members.count_cards_and_gifts
    invented = StaffView("no-such-manager", "王经理", Role.MANAGER)
    for approver in (counter.cashier, invented):
        before = _everything(counter)
        with pytest.raises(ApprovalRefused, match="没有授权“修改会员规则”的权限"):
            rules.save_member_settings(
                dataclasses.replace(rules.member_settings(), top_up_cap_fen=300_00),
                cashier=counter.cashier,
                approver=approver,
            )
        with pytest.raises(ApprovalRefused, match="没有授权"):
            gifts.create_gift("保温杯", 300, 5, cashier=counter.cashier, approver=approver)
        assert _everything(counter) == before
    gift = gifts.create_gift("保温杯", 300, 5, cashier=counter.cashier, approver=counter.manager)
    assert gift.name == "保温杯"
