"""The plan's table: one row per assigned visit (services.assignments.AssignmentRow), by day and inspector.
A planned visit whose day has passed is red and says by how much; done and cancelled ones say so."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.gui.enum_labels import inspection_kind_label
from fieldapp.gui.page_kit import day_text
from fieldapp.gui.row_model import Column, RowTableModel, Tone
from fieldapp.gui.today_models import planned_text
from fieldapp.services.assignments import AssignmentRow

STATUS_TEXT = {
    AssignmentStatus.PLANNED: QT_TRANSLATE_NOOP("PlanModel", "Planned"),
    AssignmentStatus.DONE: QT_TRANSLATE_NOOP("PlanModel", "Done"),
    AssignmentStatus.CANCELLED: QT_TRANSLATE_NOOP("PlanModel", "Cancelled"),
}


def status_text(status: AssignmentStatus) -> str:
    return QCoreApplication.translate("PlanModel", str(STATUS_TEXT[status]))


class PlanModel(RowTableModel[AssignmentRow]):
    CONTEXT = "PlanModel"
    WHEN_COLUMN = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.COLUMNS = (
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("PlanModel", "Planned date")),
                lambda r: day_text(r.planned_on),
                tone=self._tone,
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("PlanModel", "Lead inspector")),
                lambda r: f"{r.inspector_name} ({r.staff_no})",
            ),
            Column[AssignmentRow](str(QT_TRANSLATE_NOOP("PlanModel", "Customer")), lambda r: r.customer_name),
            Column[AssignmentRow](str(QT_TRANSLATE_NOOP("PlanModel", "Account no.")), lambda r: r.account_no),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("PlanModel", "Kind")), lambda r: inspection_kind_label(r.kind)
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("PlanModel", "Status")), self._status, tone=self._tone
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("PlanModel", "Note")), lambda r: r.note.replace("\n", " · ")
            ),
        )

    def _status(self, row: AssignmentRow) -> str:
        if row.status is AssignmentStatus.PLANNED:
            return planned_text(row, self.today)
        return status_text(row.status)

    def _tone(self, row: AssignmentRow) -> Tone:
        if row.overdue(self.today):
            return Tone.ALERT
        planned_today = row.status is AssignmentStatus.PLANNED and row.planned_on == self.today
        return Tone.WARN if planned_today else Tone.NORMAL

    def set_assignments(self, rows: Sequence[AssignmentRow], today: date) -> None:
        self.today = today
        self.set_rows(rows)
