"""People's names for the domain's machine keys, translated through Qt's translator (context "Labels")."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.enums import ImportanceGrade, VoltageLevel

_IMPORTANCE = {
    ImportanceGrade.SPECIAL: str(QT_TRANSLATE_NOOP("Labels", "Special grade")),
    ImportanceGrade.FIRST: str(QT_TRANSLATE_NOOP("Labels", "First grade")),
    ImportanceGrade.SECOND: str(QT_TRANSLATE_NOOP("Labels", "Second grade")),
    ImportanceGrade.TEMPORARY: str(QT_TRANSLATE_NOOP("Labels", "Temporary")),
    ImportanceGrade.ORDINARY: str(QT_TRANSLATE_NOOP("Labels", "Ordinary")),
}


def importance_label(grade: ImportanceGrade) -> str:
    return QCoreApplication.translate("Labels", _IMPORTANCE[grade])


def voltage_label(voltage: VoltageLevel) -> str:
    return f"{voltage.value} kV"


def capacity_label(kva: Decimal) -> str:
    return f"{kva.normalize():,f}"
