"""The one card-masking rule: what it shows, that nothing shows more, and that it has one home.

Until issue 7 four places masked cards with four rules (a star per hidden digit, a fixed
``****``, the last four even of a five-digit number, short numbers and phones shown whole). The
rule kept is the one the slips printed (``****`` and the last four, never more than half): it is
the safest of the four, as it shows no number whole and does not tell a card's length.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import app
from app.members.accounts import MemberView
from app.members.card_numbers import MASK, MAX_SHOWN, card_tail, mask_card
from app.members.errors import DuplicateCard, MemberNotFound

APP = Path(app.__file__).parent
HOME = APP / "members" / "card_numbers.py"
#: Phones have their own rule (``138****5678``), which stars the middle of the number.
#: Masks that are not of a card: a phone, and the log filter's phones and secret values.
OTHER_MASKS = {("members/accounts.py", "mask_phone"), ("logs.py", "mask_text")}
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}

card_numbers = st.text(alphabet="0123456789ABCDEFZ", max_size=40)


@pytest.mark.parametrize(
    ("card_no", "masked"),
    [
        ("6222021234567890", "****7890"),  # a bank card: was ************7890 in the reader log
        ("88000123", "****0123"),
        ("8800012345678", "****5678"),
        ("12345", "****45"),  # was *2345 in the reader log: four of five digits
        ("1234", "****34"),
        ("7", "****"),
        ("", "****"),
        ("****5678", "****5678"),  # masked already
        ("************7890", "****7890"),
        (" 8800 0123\n", "****0123"),
    ],
)
def test_a_card_shows_at_most_its_last_four_behind_a_fixed_mask(card_no: str, masked: str) -> None:
    assert mask_card(card_no) == masked


@given(card_numbers)
def test_no_card_is_ever_shown_with_more_than_half_or_four_of_its_characters(card_no: str) -> None:
    shown = mask_card(card_no)
    tail = shown.removeprefix(MASK)
    assert shown.startswith(MASK) and "*" not in tail
    assert len(tail) <= min(MAX_SHOWN, len(card_no) // 2)
    assert tail == card_tail(card_no) and card_no.endswith(tail)
    if card_no:
        assert card_no not in shown


@given(card_numbers)
def test_masking_twice_changes_nothing(card_no: str) -> None:
    assert mask_card(mask_card(card_no)) == mask_card(card_no)


@given(st.text(alphabet="0123456789*", max_size=30))
def test_a_half_masked_number_is_not_trusted(text: str) -> None:
    tail = mask_card(text).removeprefix(MASK)
    assert len(tail) <= MAX_SHOWN and "*" not in tail


def test_errors_and_views_show_a_card_masked(member: MemberView) -> None:
    assert str(MemberNotFound("6222021234567890")) == "未找到会员卡：****7890"
    assert str(MemberNotFound("13812345678")) == "未找到会员卡：****5678"  # a phone, too
    assert str(DuplicateCard("88000001")) == "卡号已被使用：****0001"
    assert member.card_no_masked == "****0001"


# -- one home -----------------------------------------------------------------------------------


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _holds_a_card(node: ast.AST) -> bool:
    """A variable or attribute named for a card number (not a card type, not a masked one)."""
    name = _name(node).lower()
    return "card" in name and "masked" not in name and "type" not in name


def _card_handling(tree: ast.AST, relative: str) -> list[str]:
    """Lines that slice, star or print a card number by hand."""
    found: list[str] = []
    functions = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
    allowed = {
        id(node) for f in functions if (relative, f.name) in OTHER_MASKS for node in ast.walk(f)
    }
    for node in ast.walk(tree):
        if id(node) in allowed:
            continue
        where = f"{relative}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            if any(isinstance(s, ast.Constant) and s.value == "*" for s in (node.left, node.right)):
                found.append(f"{where} stars a number by hand")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if len(node.value) > 1 and set(node.value) == {"*"}:
                found.append(f"{where} writes a mask of its own")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            if _holds_a_card(node.value):
                found.append(f"{where} slices a card number")
        elif isinstance(node, ast.FormattedValue) and _holds_a_card(node.value):
            found.append(f"{where} puts a card number into text")
        elif (
            isinstance(node, ast.Call)
            and _name(node.func) in LOG_METHODS
            and any(_holds_a_card(arg) for arg in node.args)
        ):
            found.append(f"{where} logs a card number")
    return found


def test_every_place_that_shows_or_logs_a_card_masks_it_with_the_one_rule() -> None:
    found = [
        line
        for path in sorted(APP.rglob("*.py"))
        if path != HOME
        for line in _card_handling(
            ast.parse(path.read_text(encoding="utf-8")), path.relative_to(APP).as_posix()
        )
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'shown = "*" * (len(card_no) - 4) + card_no[-4:]',
        'shown = "****" + key',
        "tail = member.card_no[-4:]",
        'message = f"卡号：{card_no}"',
        'log.info("card %s", card_no)',
    ],
)
def test_the_one_home_check_finds_a_card_masked_by_hand(source: str) -> None:
    assert _card_handling(ast.parse(source), "pos/somewhere.py")


def test_the_one_home_check_lets_the_rule_and_masked_numbers_through() -> None:
    source = 'log.info("card %s", mask_card(card_no))\ntext = f"卡号：{card_no_masked}"'
    assert _card_handling(ast.parse(source), "pos/somewhere.py") == []
