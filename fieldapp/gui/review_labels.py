"""People's names for what the review page shows that fieldapp.gui.enum_labels does not name: the signers'
roles, and which language the service's own texts are read in. Translated under one context,
"ReviewLabels"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from fieldapp.domain.enums import SignerRole

CONTEXT = "ReviewLabels"

_ROLE = {
    SignerRole.INSPECTOR: str(QT_TRANSLATE_NOOP("ReviewLabels", "Inspector")),
    SignerRole.REPRESENTATIVE: str(QT_TRANSLATE_NOOP("ReviewLabels", "Customer's representative")),
    SignerRole.WITNESS: str(QT_TRANSLATE_NOOP("ReviewLabels", "Witness")),
}


def role_label(role: SignerRole) -> str:
    return QCoreApplication.translate(CONTEXT, _ROLE[role])


def chinese_texts() -> bool:
    """Whether checklist texts are shown in Chinese: the stored templates carry both languages, and the
    interface language sets Qt's default locale (fieldapp.gui.app.install_translators)."""
    return QLocale().language() == QLocale.Language.Chinese


def pick(chinese: str, english: str) -> str:
    """The checklist's text in the interface language; the Chinese when there is no English."""
    return chinese if chinese_texts() or not english else english


def message_text(message: str) -> str:
    """A service's message in the interface language. The services write "中文 (English)"; the part in the
    other language is dropped, and a message in another shape is shown whole."""
    text = message.strip()
    opening = text.rfind("(")
    if text.endswith(")") and opening > 0:
        chinese, english = text[:opening].strip(), text[opening + 1 : -1].strip()
        if chinese and english and english.isascii():
            return chinese if chinese_texts() else english
    return text
