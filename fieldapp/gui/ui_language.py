"""Which language the checklist's own texts are shown in. Qt's translator covers the app's strings; the
checklists carry their prompts, guidance and choice labels in both languages as data, so a page picks one
side by the interface language (install_translators sets the default QLocale to it)."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def shows_english(lang: str | None = None) -> bool:
    """True for an English interface: `lang` when a caller names it ("en", "zh_CN"), else the default
    locale the app's translators were installed for."""
    if lang is not None:
        return lang.lower().startswith("en")
    return QLocale().language() == QLocale.Language.English


def pick(english: bool, zh: str, en: str) -> str:
    """One side of a bilingual text; the other when the chosen side is empty (an office template may
    lack its English)."""
    return (en or zh) if english else (zh or en)
