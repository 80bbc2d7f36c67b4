"""Every user-visible string has a Chinese translation, and the shipped .qm is built from the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "fieldapp_zh_CN.ts"
QM = ROOT / "resources" / "i18n" / "fieldapp_zh_CN.qm"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        pytest.fail(f"{name} not found: it comes with PySide6-Essentials")
    return found


def _untranslated(ts: Path) -> list[str]:
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def test_every_string_in_the_catalogue_is_translated() -> None:
    assert _untranslated(TS) == []


def test_the_catalogue_holds_every_string_in_the_gui_code(tmp_path: Path) -> None:
    """lupdate over the GUI code must find nothing that the committed catalogue lacks."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "fieldapp" / "gui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete", "-locations", "none"],
        check=True,
        capture_output=True,
    )
    assert _untranslated(copy) == [], "run pyside6-lupdate (see README) and translate the new strings"


def test_the_shipped_qm_is_built_from_the_catalogue(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see README) and commit the .qm"
