"""Every string the screens show has its English translation, and the compiled file is current."""

from __future__ import annotations

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
