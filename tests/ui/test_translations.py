"""Every string the screens show has its English translation, and the compiled file is current."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.ui.i18n import TRANSLATIONS_DIR

UI_DIR = Path(__file__).resolve().parents[2] / "app" / "ui"
TS_FILE = TRANSLATIONS_DIR / "store_counter_en.ts"
QM_FILE = TRANSLATIONS_DIR / "store_counter_en.qm"
# self.tr("...") and QCoreApplication.translate("Context", "...") with a literal source text.
TR_CALL = re.compile(r'(?:\.tr|translate)\(\s*(?:"[A-Za-z_]+",\s*)?"((?:[^"\\]|\\.)+)"')


def _translations() -> dict[str, str]:
    root = ET.parse(TS_FILE).getroot()
    found: dict[str, str] = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        assert translation is not None
        assert translation.get("type") is None, f"not finished: {source}"
        found[source] = translation.text or ""
    return found


def test_every_source_string_of_the_screens_is_translated() -> None:
    translations = _translations()
    sources = {
        match.group(1).encode().decode("unicode_escape").encode("latin-1").decode()
        for path in UI_DIR.glob("*.py")
        for match in TR_CALL.finditer(path.read_text(encoding="utf-8"))
    }
    missing = sorted(s for s in sources if not translations.get(s))
    assert sources, "no tr() calls found: the pattern is wrong"
    assert missing == []


def test_the_committed_qm_file_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(lrelease), str(TS_FILE), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == QM_FILE.read_bytes()


def test_each_class_finds_its_strings_in_its_own_context() -> None:
    """``self.tr`` looks a string up under the class's name: a string filed under another
    context (a class since renamed) shows in Chinese on the English screen."""
    contexts: dict[str, set[str]] = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        sources = {message.findtext("source") or "" for message in context.iter("message")}
        contexts.setdefault(context.findtext("name") or "", set()).update(sources)
    missing = []
    for path in sorted(UI_DIR.glob("*.py")):
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in ast.walk(cls):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "tr"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value not in contexts.get(cls.name, set())
                ):
                    missing.append(f"{path.name} {cls.name}: {node.args[0].value}")
    assert missing == []
