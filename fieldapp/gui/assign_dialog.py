"""The office's "Assign…": tick the customers (those due, or one customer from its page), choose the lead
inspector, the day, the kind of visit and a note, and plan them all at once (services.assignments.assign).

A refusal (a customer already planned, say) is shown in the dialog, which stays open so the person unticks
that customer instead of starting again. `ask` is what pages call, so tests can drive or patch it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import InspectionKind
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.enum_labels import inspection_kind_label
from fieldapp.gui.page_kit import BUTTON_HEIGHT, PAGE_STYLE, DateEdit, error_label, show_error
from fieldapp.services.assignments import assign
from fieldapp.services.backend import Backend
from fieldapp.services.inspectors import list_inspectors

DIALOG_STYLE = (
    PAGE_STYLE
    + """
QComboBox, QDateEdit, QLineEdit { min-height: 48px; font-size: 14pt; padding: 0 8px; }
QListWidget { font-size: 14pt; }
QListWidget::item { min-height: 44px; }
#dialogTitle { font-size: 18pt; font-weight: bold; color: #1f3a5f; }
"""
)


@dataclass(frozen=True)
class Candidate:
    """A customer the dialog offers, with the line that says why (due on…, overdue…)."""

    customer_id: uuid.UUID
    text: str
    ticked: bool = False


class AssignDialog(QDialog):
    def __init__(
        self,
        backend: Backend,
        candidates: Sequence[Candidate],
        *,
        planned_on: date | None = None,
        actor: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setModal(True)
        self.setMinimumWidth(680)
        self.setWindowTitle(self.tr("Assign visits"))
        self._backend = backend
        self._actor = actor
        self.assigned: list[uuid.UUID] = []

        title = QLabel(self.tr("Assign visits to an inspector"))
        title.setObjectName("dialogTitle")
        self.customer_list = QListWidget()
        self.customer_list.setObjectName("assignCustomers")
        self.customer_list.setMinimumHeight(260)  # five rows or so before it scrolls
        for candidate in candidates:
            item = QListWidgetItem(candidate.text)
            item.setData(Qt.ItemDataRole.UserRole, candidate.customer_id)
            # Not user-checkable: the whole row toggles on a tap (_toggle); the box alone is too small a
            # target for a finger, and both at once would tick and untick.
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if candidate.ticked else Qt.CheckState.Unchecked)
            self.customer_list.addItem(item)
        self.customer_list.itemChanged.connect(lambda _item: self._update())
        self.customer_list.itemClicked.connect(self._toggle)

        self.inspector_box = QComboBox()
        self.inspector_box.setObjectName("assignInspector")
        try:
            inspectors = backend.call(list_inspectors)
        except FieldappError:
            inspectors = []
        for inspector in inspectors:
            self.inspector_box.addItem(f"{inspector.name} ({inspector.staff_no})", inspector.id)
        self.day_edit = DateEdit()
        self.day_edit.setObjectName("assignDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        day = planned_on or date.today()
        self.day_edit.setDate(QDate(day.year, day.month, day.day))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("assignKind")
        for kind in InspectionKind:
            self.kind_box.addItem(inspection_kind_label(kind), kind)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("assignNote")
        self.note_edit.setPlaceholderText(self.tr("What to take or to look at (optional)"))

        form = QFormLayout()
        form.addRow(self.tr("Lead inspector"), self.inspector_box)
        form.addRow(self.tr("Day"), self.day_edit)
        form.addRow(self.tr("Kind"), self.kind_box)
        form.addRow(self.tr("Note"), self.note_edit)

        self.error = error_label()
        self.count_label = QLabel()
        self.count_label.setObjectName("assignCount")
        self.ok_button = QPushButton(self.tr("Assign"))
        self.ok_button.setObjectName("assignButton")
        self.ok_button.setMinimumHeight(BUTTON_HEIGHT)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(BUTTON_HEIGHT)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Customers")))
        layout.addWidget(self.customer_list, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update()

    @classmethod
    def ask(
        cls,
        backend: Backend,
        candidates: Sequence[Candidate],
        *,
        planned_on: date | None = None,
        parent: QWidget | None = None,
    ) -> list[uuid.UUID]:
        """Show the dialog; the assignments made (none when cancelled)."""
        dialog = cls(backend, candidates, planned_on=planned_on, parent=parent)
        try:
            dialog.exec()
            return dialog.assigned
        finally:
            dialog.deleteLater()

    def ticked(self) -> list[uuid.UUID]:
        return [
            self.customer_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.customer_list.count())
            if self.customer_list.item(row).checkState() is Qt.CheckState.Checked
        ]

    def _toggle(self, item: QListWidgetItem) -> None:
        item.setCheckState(
            Qt.CheckState.Unchecked if item.checkState() is Qt.CheckState.Checked else Qt.CheckState.Checked
        )

    def _update(self) -> None:
        count = len(self.ticked())
        self.count_label.setText(self.tr("%n customer(s) ticked", "", count))
        self.ok_button.setEnabled(count > 0 and self.inspector_box.count() > 0)

    def submit(self) -> None:
        value = self.day_edit.date()
        try:
            self.assigned = self._backend.call(
                assign,
                self.ticked(),
                self.inspector_box.currentData(),
                date(value.year(), value.month(), value.day()),
                kind=self.kind_box.currentData(),
                note=self.note_edit.text(),
                actor=self._actor,
            )
        except FieldappError as exc:
            show_error(self.error, str(exc))
            return
        show_error(self.error, "")
        self.accept()
