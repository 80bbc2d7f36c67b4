"""Today's lists: the visits the office assigned (services.assignments.AssignmentRow), and the customers due
for a periodic inspection (services.schedule.DueRow), one model for the overdue ones and one for those due
within the horizon: the customer is a card's title, and the badge says how overdue or how soon, in red when
overdue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.gui.enum_labels import inspection_kind_label
from fieldapp.gui.labels import importance_label, voltage_label
from fieldapp.gui.page_kit import day_text
from fieldapp.gui.row_model import Column, RowTableModel, Tone
from fieldapp.services.assignments import AssignmentRow
from fieldapp.services.schedule import DueRow


def due_text(row: DueRow, today: date) -> str:
    """What the due column says: overdue by some days, due today, or due in some days."""
    if row.overdue_days > 0:
        late = row.overdue_days  # a plain name: lupdate misses calls whose count is an attribute
        return QCoreApplication.translate("DueModel", "Overdue %n day(s)", "", late)
    days = (row.due_date - today).days
    if days <= 0:
        return QCoreApplication.translate("DueModel", "Due today")
    return QCoreApplication.translate("DueModel", "Due in %n day(s)", "", days)


def _due_tone(row: DueRow) -> Tone:
    return Tone.ALERT if row.overdue_days > 0 else Tone.WARN


class DueModel(RowTableModel[DueRow]):
    CONTEXT = "DueModel"
    TITLE_COLUMN = 0
    BADGE_COLUMN = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        # The badge needs the day the list was made for; the columns are class-level, so they read it here.
        self.COLUMNS = (
            Column[DueRow](str(QT_TRANSLATE_NOOP("DueModel", "Customer")), lambda r: r.name),
            Column[DueRow](str(QT_TRANSLATE_NOOP("DueModel", "Account no.")), lambda r: r.account_no),
            Column[DueRow](
                str(QT_TRANSLATE_NOOP("DueModel", "Importance")), lambda r: importance_label(r.importance)
            ),
            Column[DueRow](
                str(QT_TRANSLATE_NOOP("DueModel", "Supply voltage")),
                lambda r: voltage_label(r.supply_voltage),
            ),
            Column[DueRow](
                str(QT_TRANSLATE_NOOP("DueModel", "Last inspected")),
                lambda r: (
                    day_text(r.last_inspected)
                    if r.last_inspected
                    else QCoreApplication.translate("DueModel", "never")
                ),
            ),
            Column[DueRow](str(QT_TRANSLATE_NOOP("DueModel", "Due date")), lambda r: day_text(r.due_date)),
            Column[DueRow](
                str(QT_TRANSLATE_NOOP("DueModel", "Overdue")),
                lambda r: due_text(r, self.today),
                tone=_due_tone,
            ),
        )

    def set_due(self, rows: Sequence[DueRow], today: date) -> None:
        self.today = today
        self.set_rows(rows)


def planned_text(row: AssignmentRow, today: date) -> str:
    """When the visit is planned: overdue since its day, today, or in some days."""
    days = (row.planned_on - today).days
    if days < 0:
        late = -days  # a plain name: lupdate misses calls whose count is an expression
        return QCoreApplication.translate("AssignmentModel", "Planned %n day(s) ago", "", late)
    if days == 0:
        return QCoreApplication.translate("AssignmentModel", "Planned for today")
    return QCoreApplication.translate("AssignmentModel", "Planned in %n day(s)", "", days)


class AssignmentModel(RowTableModel[AssignmentRow]):
    """The office's planned visits (services.assignments), the earliest first; a visit whose day has passed
    is red, today's amber."""

    CONTEXT = "AssignmentModel"
    TITLE_COLUMN = 0
    BADGE_COLUMN = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.COLUMNS = (
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "Customer")), lambda r: r.customer_name
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "Account no.")), lambda r: r.account_no
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "Lead inspector")), lambda r: r.inspector_name
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "Kind")), lambda r: inspection_kind_label(r.kind)
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "Planned date")), lambda r: day_text(r.planned_on)
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "Note")),
                lambda r: r.note or QCoreApplication.translate("AssignmentModel", "none"),
            ),
            Column[AssignmentRow](
                str(QT_TRANSLATE_NOOP("AssignmentModel", "When")),
                lambda r: planned_text(r, self.today),
                tone=self._tone,
            ),
        )

    def _tone(self, row: AssignmentRow) -> Tone:
        if row.overdue(self.today):
            return Tone.ALERT
        return Tone.WARN if row.planned_on == self.today else Tone.NORMAL

    def set_assignments(self, rows: Sequence[AssignmentRow], today: date) -> None:
        self.today = today
        self.set_rows(rows)
