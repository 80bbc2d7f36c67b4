"""People's names for the domain's vocabularies that fieldapp.gui.labels does not cover yet: tariffs,
inspection kinds and statuses, equipment kinds and statuses, hazard severities, finding statuses and
metering classes. Translated through Qt's translator under one context, "EnumLabels", so every page names a
key the same way. (Importance grades and voltages stay in fieldapp.gui.labels.)"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.enums import (
    EquipmentKind,
    EquipmentStatus,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    MeteringClass,
    Severity,
    Tariff,
)

CONTEXT = "EnumLabels"
E = TypeVar("E", bound=StrEnum)

_TARIFF = {
    Tariff.TWO_PART: str(QT_TRANSLATE_NOOP("EnumLabels", "Two-part tariff")),
    Tariff.SINGLE_PART: str(QT_TRANSLATE_NOOP("EnumLabels", "Single-part tariff")),
}

_INSPECTION_STATUS = {
    InspectionStatus.IN_PROGRESS: str(QT_TRANSLATE_NOOP("EnumLabels", "In progress")),
    InspectionStatus.FINALIZED: str(QT_TRANSLATE_NOOP("EnumLabels", "Finalized")),
    InspectionStatus.VOIDED: str(QT_TRANSLATE_NOOP("EnumLabels", "Void")),
}

_INSPECTION_KIND = {
    InspectionKind.PERIODIC: str(QT_TRANSLATE_NOOP("EnumLabels", "Periodic")),
    InspectionKind.SEASONAL: str(QT_TRANSLATE_NOOP("EnumLabels", "Seasonal / special")),
    InspectionKind.POWER_ASSURANCE: str(QT_TRANSLATE_NOOP("EnumLabels", "Power assurance")),
    InspectionKind.ANTI_THEFT: str(QT_TRANSLATE_NOOP("EnumLabels", "Anti-theft")),
    InspectionKind.ACCIDENT: str(QT_TRANSLATE_NOOP("EnumLabels", "Accident")),
    InspectionKind.ACCEPTANCE: str(QT_TRANSLATE_NOOP("EnumLabels", "Acceptance")),
    InspectionKind.REINSPECTION: str(QT_TRANSLATE_NOOP("EnumLabels", "Re-inspection")),
}

_EQUIPMENT_KIND = {
    EquipmentKind.TRANSFORMER: str(QT_TRANSLATE_NOOP("EnumLabels", "Transformer")),
    EquipmentKind.SWITCHGEAR: str(QT_TRANSLATE_NOOP("EnumLabels", "Switchgear")),
    EquipmentKind.CAPACITOR_BANK: str(QT_TRANSLATE_NOOP("EnumLabels", "Capacitor bank")),
    EquipmentKind.GENERATOR: str(QT_TRANSLATE_NOOP("EnumLabels", "Generator")),
    EquipmentKind.PROTECTION_RELAY: str(QT_TRANSLATE_NOOP("EnumLabels", "Protection relay")),
    EquipmentKind.METERING_CT: str(QT_TRANSLATE_NOOP("EnumLabels", "Metering CT")),
    EquipmentKind.METERING_VT: str(QT_TRANSLATE_NOOP("EnumLabels", "Metering VT")),
    EquipmentKind.CABLE: str(QT_TRANSLATE_NOOP("EnumLabels", "Cable")),
    EquipmentKind.ARRESTER: str(QT_TRANSLATE_NOOP("EnumLabels", "Surge arrester")),
    EquipmentKind.HV_MOTOR: str(QT_TRANSLATE_NOOP("EnumLabels", "HV motor")),
    EquipmentKind.SAFETY_TOOL: str(QT_TRANSLATE_NOOP("EnumLabels", "Safety tool")),
}

_EQUIPMENT_STATUS = {
    EquipmentStatus.IN_SERVICE: str(QT_TRANSLATE_NOOP("EnumLabels", "In service")),
    EquipmentStatus.SUSPENDED: str(QT_TRANSLATE_NOOP("EnumLabels", "Suspended")),
    EquipmentStatus.SEALED: str(QT_TRANSLATE_NOOP("EnumLabels", "Sealed")),
    EquipmentStatus.RETIRED: str(QT_TRANSLATE_NOOP("EnumLabels", "Retired")),
}

_SEVERITY = {
    Severity.GENERAL: str(QT_TRANSLATE_NOOP("EnumLabels", "General hazard")),
    Severity.SERIOUS: str(QT_TRANSLATE_NOOP("EnumLabels", "Serious hazard")),
}

_FINDING_STATUS = {
    FindingStatus.OPEN: str(QT_TRANSLATE_NOOP("EnumLabels", "Open")),
    FindingStatus.NOTIFIED: str(QT_TRANSLATE_NOOP("EnumLabels", "Notified")),
    FindingStatus.FIX_REPORTED: str(QT_TRANSLATE_NOOP("EnumLabels", "Fix reported")),
    FindingStatus.VERIFIED: str(QT_TRANSLATE_NOOP("EnumLabels", "Verified fixed")),
    FindingStatus.REOPENED: str(QT_TRANSLATE_NOOP("EnumLabels", "Reopened")),
}

_METERING_CLASS = {
    MeteringClass.I: str(QT_TRANSLATE_NOOP("EnumLabels", "Class I")),
    MeteringClass.II: str(QT_TRANSLATE_NOOP("EnumLabels", "Class II")),
    MeteringClass.III: str(QT_TRANSLATE_NOOP("EnumLabels", "Class III")),
    MeteringClass.IV: str(QT_TRANSLATE_NOOP("EnumLabels", "Class IV")),
}


def _label(table: Mapping[E, str], key: E) -> str:
    return QCoreApplication.translate(CONTEXT, table[key])


def tariff_label(tariff: Tariff) -> str:
    return _label(_TARIFF, tariff)


def inspection_status_label(status: InspectionStatus) -> str:
    return _label(_INSPECTION_STATUS, status)


def inspection_kind_label(kind: InspectionKind) -> str:
    return _label(_INSPECTION_KIND, kind)


def equipment_kind_label(kind: EquipmentKind) -> str:
    return _label(_EQUIPMENT_KIND, kind)


def equipment_status_label(status: EquipmentStatus) -> str:
    return _label(_EQUIPMENT_STATUS, status)


def severity_label(severity: Severity) -> str:
    return _label(_SEVERITY, severity)


def finding_status_label(status: FindingStatus) -> str:
    return _label(_FINDING_STATUS, status)


def metering_class_label(metering_class: MeteringClass) -> str:
    return _label(_METERING_CLASS, metering_class)
