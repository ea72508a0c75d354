"""Known errors carry a template a translator can reach, and every one of them is translated."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

import app
from app.errors import TRANSLATION_CONTEXT, InputError, KnownError, fill
from app.members.errors import InsufficientPoints, MemberError
from app.money import MoneyError, parse_amount

APP_DIR = Path(app.__file__).resolve().parent
TS_FILE = APP_DIR.parent / "resources" / "translations" / "store_counter_en.ts"


def test_a_known_error_reads_as_its_chinese_sentence_and_keeps_template_and_values() -> None:
    error = MemberError("积分不足：需 %1 分，现有 %2 分", 300, 120)
    assert str(error) == "积分不足：需 300 分，现有 120 分"
    assert error.template == "积分不足：需 %1 分，现有 %2 分"
    assert error.values == (300, 120)
    assert str(InsufficientPoints(300, 120)) == str(error)


def test_fill_puts_each_value_at_its_mark_in_any_order_and_leaves_other_percents() -> None:
    assert fill("%2 then %1", ("a", "b")) == "b then a"
    assert fill("折扣不能超过 100%", ()) == "折扣不能超过 100%"
    assert fill("%1 and %3", ("a",)) == "a and %3"
    assert fill("%1%2", ("x", "%1")) == "x%1"  # a value is never read as a mark
    assert fill("%1", (MoneyError("金额过大"),), word=lambda v: f"<{v}>") == "<金额过大>"


def test_parse_helpers_at_the_edge_refuse_with_an_input_error() -> None:
    with pytest.raises(MoneyError, match="无法识别的金额：abc") as refused:
        parse_amount("abc")
    assert isinstance(refused.value, InputError)
    assert refused.value.template == "无法识别的金额：%1"


def _known_error_names() -> set[str]:
    for module in pkgutil.walk_packages(app.__path__, "app."):
        if not module.name.startswith(("app.ui", "app.storage.migrations")):
            importlib.import_module(module.name)

    def below(cls: type[KnownError]) -> Iterator[type[KnownError]]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {cls.__name__ for cls in below(KnownError)} | {KnownError.__name__}


def _raised_messages() -> Iterator[tuple[str, ast.expr, dict[str, str]]]:
    """(where, first argument, the module's string constants) of each known error made."""
    names = _known_error_names()
    for path in sorted(APP_DIR.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            node.targets[0].id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            # ``super().__init__("…")`` in a known error's own __init__ (app/ui makes none).
            made_in_init = name == "__init__" and "ui" not in path.parts
            if name in names or made_in_init:
                where = f"{path.relative_to(APP_DIR.parent)}:{node.lineno}"
                yield where, node.args[0], constants


def test_known_errors_are_made_from_templates_never_from_formatted_text() -> None:
    formatted = [
        where for where, first, _ in _raised_messages() if isinstance(first, ast.JoinedStr)
    ]
    assert formatted == [], "write Error('… %1', value), not Error(f'… {value}')"


def test_every_known_error_template_has_an_english_translation() -> None:
    root = ET.parse(TS_FILE).getroot()
    translated = {
        message.findtext("source"): message.findtext("translation")
        for context in root.iter("context")
        if context.findtext("name") == TRANSLATION_CONTEXT
        for message in context.iter("message")
    }
    templates = set()
    for _where, first, constants in _raised_messages():
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            templates.add(first.value)
        elif isinstance(first, ast.Name) and first.id in constants:
            templates.add(constants[first.id])
    assert len(templates) > 300, "the walk over app/ found too few templates: it is broken"
    missing = sorted(t for t in templates if not translated.get(t))
    assert missing == []
