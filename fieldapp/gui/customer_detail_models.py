"""The customer page's tables that are not inspections: the equipment ledger, with tests overdue (red) or
falling due within 30 days (amber), and the open findings, with deadlines past (red)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.gui.enum_labels import (
    equipment_kind_label,
    equipment_status_label,
    finding_status_label,
    severity_label,
)
from fieldapp.gui.labels import capacity_label
from fieldapp.gui.page_kit import day_text
from fieldapp.gui.row_model import Column, RowTableModel, Tone
from fieldapp.services.customer_profile import EquipmentView, OpenFinding

TEST_DUE_SOON_DAYS = 30


class EquipmentModel(RowTableModel[EquipmentView]):
    CONTEXT = "EquipmentModel"
    NEXT_TEST_COLUMN = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.COLUMNS = (
            Column[EquipmentView](
                str(QT_TRANSLATE_NOOP("EquipmentModel", "Kind")), lambda e: equipment_kind_label(e.kind)
            ),
            Column[EquipmentView](str(QT_TRANSLATE_NOOP("EquipmentModel", "Model")), lambda e: e.model),
            Column[EquipmentView](str(QT_TRANSLATE_NOOP("EquipmentModel", "Rating")), lambda e: e.rating),
            Column[EquipmentView](
                str(QT_TRANSLATE_NOOP("EquipmentModel", "Capacity (kVA)")),
                lambda e: capacity_label(e.capacity_kva) if e.capacity_kva is not None else "",
                align_right=True,
            ),
            Column[EquipmentView](
                str(QT_TRANSLATE_NOOP("EquipmentModel", "Serial no.")), lambda e: e.serial_no
            ),
            Column[EquipmentView](
                str(QT_TRANSLATE_NOOP("EquipmentModel", "Last test")), lambda e: day_text(e.last_test_on)
            ),
            Column[EquipmentView](
                str(QT_TRANSLATE_NOOP("EquipmentModel", "Next test due")),
                self._next_test_text,
                tone=self.test_tone,
            ),
            Column[EquipmentView](
                str(QT_TRANSLATE_NOOP("EquipmentModel", "Status")), lambda e: equipment_status_label(e.status)
            ),
        )

    def set_equipment(self, rows: Sequence[EquipmentView], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def test_tone(self, equipment: EquipmentView) -> Tone:
        due = equipment.next_test_on
        if due is None:
            return Tone.NORMAL
        if due < self.today:
            return Tone.ALERT
        if due <= self.today + timedelta(days=TEST_DUE_SOON_DAYS):
            return Tone.WARN
        return Tone.NORMAL

    def _next_test_text(self, equipment: EquipmentView) -> str:
        text = day_text(equipment.next_test_on)
        tone = self.test_tone(equipment)
        if tone is Tone.ALERT:
            return QCoreApplication.translate("EquipmentModel", "%1 (overdue)").replace("%1", text)
        if tone is Tone.WARN:
            return QCoreApplication.translate("EquipmentModel", "%1 (due soon)").replace("%1", text)
        return text


class OpenFindingsModel(RowTableModel[OpenFinding]):
    CONTEXT = "OpenFindingsModel"
    DESCRIPTION_COLUMN = 2
    DEADLINE_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.COLUMNS = (
            Column[OpenFinding](
                str(QT_TRANSLATE_NOOP("OpenFindingsModel", "Found on")), lambda f: day_text(f.found_on)
            ),
            Column[OpenFinding](
                str(QT_TRANSLATE_NOOP("OpenFindingsModel", "No.")), lambda f: str(f.seq), align_right=True
            ),
            Column[OpenFinding](
                str(QT_TRANSLATE_NOOP("OpenFindingsModel", "Description")), lambda f: f.description
            ),
            Column[OpenFinding](
                str(QT_TRANSLATE_NOOP("OpenFindingsModel", "Severity")), lambda f: severity_label(f.severity)
            ),
            Column[OpenFinding](
                str(QT_TRANSLATE_NOOP("OpenFindingsModel", "Deadline")),
                self._deadline_text,
                tone=self.deadline_tone,
            ),
            Column[OpenFinding](
                str(QT_TRANSLATE_NOOP("OpenFindingsModel", "Status")),
                lambda f: finding_status_label(f.status),
            ),
        )

    def set_findings(self, rows: Sequence[OpenFinding], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def deadline_tone(self, finding: OpenFinding) -> Tone:
        return Tone.ALERT if finding.deadline is not None and finding.deadline < self.today else Tone.NORMAL

    def _deadline_text(self, finding: OpenFinding) -> str:
        text = day_text(finding.deadline)
        if self.deadline_tone(finding) is Tone.ALERT:
            return QCoreApplication.translate("OpenFindingsModel", "%1 (overdue)").replace("%1", text)
        return text
