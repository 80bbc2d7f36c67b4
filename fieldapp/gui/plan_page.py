"""The office's plan: every assigned visit by day and lead inspector, filtered by inspector, dates and
status, planned visits whose day has passed in red (and always listed while planned, whatever the dates).
Select one or several rows to move them to another day and/or inspector, or to cancel them with a reason;
a visit already done or cancelled is refused with the reason, and nothing changes (services.assignments).

The page reads again each time it is shown, so visits assigned from Today or arrived by sync are there."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.page_kit import (
    BUTTON_HEIGHT,
    PAGE_STYLE,
    DateEdit,
    ListOrNote,
    error_label,
    show_error,
    touch_table,
)
from fieldapp.gui.plan_models import PlanModel, status_text
from fieldapp.services.assignments import AssignmentRow, cancel_many, plan_rows, reschedule_many
from fieldapp.services.inspectors import InspectorRow, list_inspectors

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

DAYS_BACK = 7  # the plan opens on last week to four weeks ahead; overdue planned visits show regardless
DAYS_AHEAD = 28
ALL = "all"

PLAN_STYLE = (
    PAGE_STYLE
    + """
QComboBox, QDateEdit, QLineEdit { min-height: 48px; font-size: 14pt; padding: 0 8px; }
#planMessage { color: #2e7d32; font-size: 14pt; }
#dialogTitle { font-size: 18pt; font-weight: bold; color: #1f3a5f; }
"""
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _uuid(data: object) -> uuid.UUID | None:
    """A combo box's item data: an id as text, "" for none."""
    return uuid.UUID(str(data)) if data else None


def _date_edit(name: str, day: date) -> DateEdit:
    edit = DateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(_qdate(day))
    edit.setMinimumWidth(170)  # the whole date, with the calendar arrow
    return edit


class MoveDialog(QDialog):
    """Move the chosen visits to a day, and to another lead inspector or each keeping its own."""

    def __init__(
        self,
        backend: Backend,
        assignment_ids: Sequence[uuid.UUID],
        inspectors: Sequence[InspectorRow],
        *,
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setStyleSheet(PLAN_STYLE)
        self.setModal(True)
        self.setMinimumWidth(560)
        self.setWindowTitle(self.tr("Move visits"))
        self._backend = backend
        self._ids = list(assignment_ids)
        self.moved = 0
        count = len(self._ids)
        title = QLabel(self.tr("Move %n visit(s)", "", count))
        title.setObjectName("dialogTitle")
        self.day_edit = _date_edit("moveDay", day)
        self.inspector_box = QComboBox()
        self.inspector_box.setObjectName("moveInspector")
        self.inspector_box.addItem(self.tr("Keep each visit's inspector"), None)
        for inspector in inspectors:
            self.inspector_box.addItem(f"{inspector.name} ({inspector.staff_no})", inspector.id)
        form = QFormLayout()
        form.addRow(self.tr("New day"), self.day_edit)
        form.addRow(self.tr("Lead inspector"), self.inspector_box)
        self.error = error_label()
        self.ok_button = QPushButton(self.tr("Move"))
        self.ok_button.setObjectName("moveOk")
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Back"))
        cancel.setObjectName("moveBack")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def submit(self) -> None:
        try:
            self.moved = self._backend.call(
                reschedule_many,
                self._ids,
                _day(self.day_edit.date()),
                inspector_id=self.inspector_box.currentData(),
            )
        except FieldappError as exc:
            show_error(self.error, str(exc))
            self.adjustSize()  # room for the wrapped reason: a shown dialog does not grow by itself
            return
        self.accept()


class CancelDialog(QDialog):
    """Call off the chosen visits: the reason is required (it is kept with each visit and audited)."""

    def __init__(
        self, backend: Backend, assignment_ids: Sequence[uuid.UUID], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setStyleSheet(PLAN_STYLE)
        self.setModal(True)
        self.setMinimumWidth(560)
        self.setWindowTitle(self.tr("Cancel visits"))
        self._backend = backend
        self._ids = list(assignment_ids)
        self.cancelled = 0
        count = len(self._ids)
        title = QLabel(self.tr("Cancel %n visit(s)", "", count))
        title.setObjectName("dialogTitle")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("cancelReason")
        self.reason_edit.setPlaceholderText(self.tr("Why the visit is called off (required)"))
        self.reason_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason_edit)
        self.error = error_label()
        self.ok_button = QPushButton(self.tr("Cancel the visits"))
        self.ok_button.setObjectName("cancelOk")
        self.ok_button.clicked.connect(self.submit)
        back = QPushButton(self.tr("Back"))
        back.setObjectName("cancelBack")
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(back)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason_edit.text().strip()))

    def submit(self) -> None:
        try:
            self.cancelled = self._backend.call(cancel_many, self._ids, self.reason_edit.text())
        except FieldappError as exc:
            show_error(self.error, str(exc))
            self.adjustSize()  # room for the wrapped reason: a shown dialog does not grow by itself
            return
        self.accept()


class PlanPage(QWidget):
    def __init__(
        self, backend: Backend, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planPage")
        self.setStyleSheet(PLAN_STYLE)
        self._backend = backend
        self._today = today
        self._stale = True
        self._inspectors: list[InspectorRow] = []
        self.model = PlanModel(self)

        title = QLabel(self.tr("Plan"))
        title.setObjectName("pageTitle")
        self.inspector_box = QComboBox()
        self.inspector_box.setObjectName("planInspector")
        self.inspector_box.setMinimumContentsLength(12)
        day = today()
        self.from_edit = _date_edit("planFrom", day - timedelta(days=DAYS_BACK))
        self.to_edit = _date_edit("planTo", day + timedelta(days=DAYS_AHEAD))
        self.status_box = QComboBox()
        self.status_box.setObjectName("planStatus")
        self.status_box.addItem(status_text(AssignmentStatus.PLANNED), AssignmentStatus.PLANNED.value)
        self.status_box.addItem(status_text(AssignmentStatus.DONE), AssignmentStatus.DONE.value)
        self.status_box.addItem(status_text(AssignmentStatus.CANCELLED), AssignmentStatus.CANCELLED.value)
        self.status_box.addItem(self.tr("All"), ALL)
        # The filters wrap to a second row on a portrait tablet, each caption staying with its field.
        filters = QWidget()
        flow = FlowLayout(filters, spacing=12)
        flow.setContentsMargins(0, 0, 0, 0)
        for caption, widget in (
            (self.tr("Inspector"), self.inspector_box),
            (self.tr("From"), self.from_edit),
            (self.tr("To"), self.to_edit),
            (self.tr("Status"), self.status_box),
        ):
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(6)
            row.addWidget(QLabel(caption))
            row.addWidget(widget)
            flow.addWidget(pair)

        self.count_label = QLabel()
        self.count_label.setObjectName("planCount")
        self.error = error_label()
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)

        self.table = touch_table("planTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.list_stack = ListOrNote(
            self.table, self.tr("No visit matches. Change the filters, or assign visits from Today.")
        )

        self.move_button = QPushButton(self.tr("Move…"))
        self.move_button.setObjectName("planMove")
        self.cancel_button = QPushButton(self.tr("Cancel visit…"))
        self.cancel_button.setObjectName("planCancel")
        self.clear_button = QPushButton(self.tr("Clear selection"))
        self.clear_button.setObjectName("planClear")
        self.selected_label = QLabel()
        self.selected_label.setObjectName("planSelected")
        actions = QHBoxLayout()
        actions.addWidget(self.selected_label, 1)
        for button in (self.clear_button, self.move_button, self.cancel_button):
            button.setMinimumHeight(BUTTON_HEIGHT)
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.error)
        layout.addWidget(self.list_stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self.inspector_box.currentIndexChanged.connect(lambda _i: self.load())
        self.status_box.currentIndexChanged.connect(lambda _i: self.load())
        self.from_edit.dateChanged.connect(lambda _d: self.load())
        self.to_edit.dateChanged.connect(lambda _d: self.load())
        self.table.selectionModel().selectionChanged.connect(lambda _a, _b: self._update_actions())
        self.move_button.clicked.connect(self.move_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.clear_button.clicked.connect(self.table.clearSelection)
        self._update_actions()

    # -- reading ----------------------------------------------------------------------------------------

    def _load_inspectors(self) -> None:
        try:
            inspectors = self._backend.call(list_inspectors)
        except FieldappError as exc:
            show_error(self.error, str(exc))
            return
        if inspectors == self._inspectors and self.inspector_box.count():
            return
        chosen = self.inspector_box.currentData() or ""
        self._inspectors = inspectors
        self.inspector_box.blockSignals(True)
        try:
            # Ids as text: findData compares Python objects by identity, not by value.
            self.inspector_box.clear()
            self.inspector_box.addItem(self.tr("All inspectors"), "")
            for inspector in inspectors:
                self.inspector_box.addItem(f"{inspector.name} ({inspector.staff_no})", str(inspector.id))
            self.inspector_box.setCurrentIndex(max(0, self.inspector_box.findData(chosen)))
        finally:
            self.inspector_box.blockSignals(False)

    def load(self) -> None:
        """Read the plan for the filters; a failure is said on the page and the table keeps its rows."""
        if not self._inspectors:
            self._load_inspectors()
        status = self.status_box.currentData()
        statuses = tuple(AssignmentStatus) if status == ALL else (AssignmentStatus(status),)
        today = self._today()
        try:
            rows = self._backend.call(
                plan_rows,
                _day(self.from_edit.date()),
                _day(self.to_edit.date()),
                today=today,
                inspector_id=_uuid(self.inspector_box.currentData()),
                statuses=statuses,
            )
        except FieldappError as exc:
            show_error(self.error, str(exc))
            return
        show_error(self.error, "")
        self._stale = False
        self.model.set_assignments(rows, today)
        self.list_stack.show_count(len(rows))
        overdue = sum(1 for row in rows if row.overdue(today))
        count = len(rows)
        text = self.tr("%n visit(s)", "", count)
        if overdue:
            text += self.tr(", %n overdue", "", overdue)
        self.count_label.setText(text)
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load_inspectors()
            self.load()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():
            self._stale = True

    # -- acting -----------------------------------------------------------------------------------------

    def selected_rows(self) -> list[AssignmentRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows]

    def _update_actions(self) -> None:
        count = len(self.selected_rows())
        self.selected_label.setText(
            self.tr("%n selected", "", count) if count else self.tr("Tap rows to select")
        )
        for button in (self.move_button, self.cancel_button, self.clear_button):
            button.setEnabled(count > 0)

    def _only_planned(self, rows: Sequence[AssignmentRow]) -> bool:
        """Say at once, before any dialog, that a done or cancelled visit cannot be changed (the service
        refuses it too; this spares typing a reason in vain)."""
        settled = [row for row in rows if row.status is not AssignmentStatus.PLANNED]
        if not settled:
            show_error(self.error, "")
            return True
        names = "、".join(f"{row.customer_name} ({status_text(row.status)})" for row in settled)
        show_error(
            self.error,
            self.tr("Only planned visits can be moved or cancelled. Not planned any more: %1").replace(
                "%1", names
            ),
        )
        return False

    def move_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or not self._only_planned(rows):
            return
        dialog = MoveDialog(
            self._backend, [r.id for r in rows], self._inspectors, day=rows[0].planned_on, parent=self
        )
        try:
            if dialog.exec():
                self._done(self.tr("Moved %n visit(s).", "", dialog.moved))
        finally:
            dialog.deleteLater()

    def cancel_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or not self._only_planned(rows):
            return
        dialog = CancelDialog(self._backend, [r.id for r in rows], parent=self)
        try:
            if dialog.exec():
                self._done(self.tr("Cancelled %n visit(s).", "", dialog.cancelled))
        finally:
            dialog.deleteLater()

    def _done(self, message: str) -> None:
        self.table.clearSelection()
        self.load()
        self.message.setText(message)
