"""One finding as the review shows it, for the inspector to adjust before the customer signs: the
description, the hazard grade (two big toggles), the rectification requirement and the deadline, the
photos, and withdrawing it. Each change is stored as soon as it is made (a text when its box is left, a
grade or a deadline when tapped); a refused change is explained in the card and the stored value shown
again. Also the form for a finding the checklist does not cover."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import FindingSource, Severity
from fieldapp.gui.enum_labels import severity_label
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.page_kit import DateEdit
from fieldapp.gui.photo_strip import PhotoStrip
from fieldapp.gui.review_widgets import (
    TOUCH_PX,
    CommitTextEdit,
    InlineMessage,
    attempt,
    set_tone,
    touch_button,
)

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.findings import FindingView

QUICK_DEADLINES = (7, 15, 30)  # days after the inspection: the deadlines notices use most
NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as "no deadline"


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldCaption")
    label.setWordWrap(True)
    return label


class SeverityToggle(QWidget):
    """一般隐患 / 重大隐患 as two big buttons, one of them down."""

    chosen = Signal(object)  # Severity, when tapped

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Severity, QPushButton] = {}
        self.row = FlowLayout(self, spacing=8)
        for severity, name in ((Severity.GENERAL, "severityGeneral"), (Severity.SERIOUS, "severitySerious")):
            button = touch_button(severity_label(severity), name, checkable=True)
            button.setMinimumWidth(160)
            self.group.addButton(button)
            self.buttons[severity] = button
            self.row.addWidget(button)
            button.clicked.connect(lambda _checked=False, s=severity: self.chosen.emit(s))

    def add_widget(self, widget: QWidget) -> None:
        """Another button on the toggles' row (it wraps below them when the row is full)."""
        self.row.addWidget(widget)

    def severity(self) -> Severity:
        for severity, button in self.buttons.items():
            if button.isChecked():
                return severity
        return Severity.GENERAL

    def set_severity(self, severity: Severity) -> None:
        self.buttons[severity].setChecked(True)

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(editable)


class DeadlineField(QWidget):
    """The deadline: a date with its calendar, and buttons for the usual 7, 15 and 30 days after the
    inspection (a finger picks those faster than a calendar day)."""

    picked = Signal(object)  # date, when the inspector set one

    def __init__(self, inspection_day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inspection_day = inspection_day
        self.edit = DateEdit()
        self.edit.setObjectName("deadlineEdit")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(self.tr("No deadline"))
        self.edit.setMinimumHeight(TOUCH_PX)
        self.edit.setMinimumWidth(200)
        self.edit.calendarWidget().setMinimumSize(420, 320)
        # A day tapped in the calendar is stored at once; typed digits only when the field is left, so a
        # half-typed date is never stored (nor refused).
        self.edit.dateChanged.connect(self._date_changed)
        self.edit.editingFinished.connect(self._typed)
        self.quick: dict[int, QPushButton] = {}
        layout = FlowLayout(self, spacing=8)
        layout.addWidget(self.edit)
        for days in QUICK_DEADLINES:
            button = touch_button(self.tr("%n day(s)", "", days), f"deadline{days}")
            button.clicked.connect(lambda _checked=False, d=days: self._quick(d))
            self.quick[days] = button
            layout.addWidget(button)
        self._stored: date | None = None

    def value(self) -> date | None:
        chosen = self.edit.date()
        if chosen == NO_DATE:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, day: date | None) -> None:
        self._stored = day
        self.edit.blockSignals(True)
        self.edit.setDate(QDate(day.year, day.month, day.day) if day is not None else NO_DATE)
        self.edit.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.edit.setCalendarPopup(editable)
        self.edit.setButtonSymbols(
            QDateEdit.ButtonSymbols.UpDownArrows if editable else QDateEdit.ButtonSymbols.NoButtons
        )
        for button in self.quick.values():
            button.setVisible(editable)

    def _quick(self, days: int) -> None:
        day = self.inspection_day + timedelta(days=days)
        self.edit.blockSignals(True)
        self.edit.setDate(QDate(day.year, day.month, day.day))
        self.edit.blockSignals(False)
        self._offer(day)

    def _date_changed(self, _date: QDate) -> None:
        if not self.edit.hasFocus():  # from the calendar popup (focus is in the popup), not typing
            self._offer(self.value())

    def _typed(self) -> None:
        self._offer(self.value())

    def _offer(self, day: date | None) -> None:
        if day is not None and day != self._stored:
            self.picked.emit(day)


class FindingCard(QFrame):
    """One finding, editable while the inspection is in progress."""

    changed = Signal()  # something about the findings was stored (numbers may have moved)
    photos_changed = Signal()

    def __init__(
        self, backend: Backend, inspection_id: uuid.UUID, inspection_day: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCard")
        self.backend = backend
        self.inspection_id = inspection_id
        self.view: FindingView | None = None
        self.editable = True
        self.strip: PhotoStrip | None = None

        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.origin = QLabel()
        self.origin.setObjectName("cardDetail")
        self.origin.setWordWrap(True)
        self.description = CommitTextEdit(min_lines=2, max_lines=6)
        self.description.setObjectName("findingDescription")
        self.severity = SeverityToggle()
        self.requirement = CommitTextEdit(min_lines=2, max_lines=8)
        self.requirement.setObjectName("findingRequirement")
        self.deadline = DeadlineField(inspection_day)
        self.photo_note = QLabel()
        self.photo_note.setObjectName("missingList")
        self.photo_note.setWordWrap(True)
        self.photos_button = touch_button(self.tr("Photos"), "findingPhotos", checkable=True)
        self.withdraw_button = touch_button(self.tr("Withdraw finding"), "dangerButton")
        self.message = InlineMessage()

        actions = QWidget()
        actions_layout = FlowLayout(actions, spacing=8)
        actions_layout.addWidget(self.photos_button)
        actions_layout.addWidget(self.withdraw_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.origin)
        layout.addWidget(caption(self.tr("Description")))
        layout.addWidget(self.description)
        layout.addWidget(caption(self.tr("Hazard grade")))
        layout.addWidget(self.severity)
        layout.addWidget(caption(self.tr("Rectification requirement")))
        layout.addWidget(self.requirement)
        layout.addWidget(caption(self.tr("Rectification deadline")))
        layout.addWidget(self.deadline)
        layout.addWidget(self.message)
        layout.addWidget(self.photo_note)
        layout.addWidget(actions)
        self._strip_slot = QVBoxLayout()
        layout.addLayout(self._strip_slot)

        self.description.editingFinished.connect(self._store_description)
        self.requirement.editingFinished.connect(self._store_requirement)
        self.severity.chosen.connect(self._store_severity)
        self.deadline.picked.connect(self._store_deadline)
        self.photos_button.toggled.connect(self._show_photos)
        self.withdraw_button.clicked.connect(self._withdraw)

    # -- showing -----------------------------------------------------------------------------------------

    def set_view(self, view: FindingView, *, editable: bool, needs_photo: bool) -> None:
        self.view = view
        self.editable = editable
        self.title.setText(self.tr("Finding %1").replace("%1", str(view.seq)))
        if view.source is FindingSource.MANUAL or not view.item_code:
            self.origin.setText(self.tr("Added by the inspector"))
        elif view.source is FindingSource.RULE:
            self.origin.setText(
                self.tr("Proposed by the measurement rule of item %1").replace("%1", view.item_code)
            )
        else:
            self.origin.setText(self.tr("From checklist item %1").replace("%1", view.item_code))
        self.description.set_stored_text(view.description)
        self.requirement.set_stored_text(view.requirement)
        self.severity.set_severity(view.severity)
        self.deadline.set_value(view.deadline)
        for box in (self.description, self.requirement):
            box.setReadOnly(not editable)
        self.severity.set_editable(editable)
        self.deadline.set_editable(editable)
        self.withdraw_button.setVisible(editable)
        self.photo_note.setText(self.tr("This defect needs a photo as evidence.") if needs_photo else "")
        self.photo_note.setVisible(needs_photo)
        set_tone(self, "alert" if needs_photo else "")
        if needs_photo and editable and not self.photos_button.isChecked():
            self.photos_button.setChecked(True)
        if self.strip is not None:
            self._point_strip()

    def commit_pending(self) -> None:
        """Store what is typed but not yet stored (before the page is left or the inspection finalized)."""
        self.description.commit()
        self.requirement.commit()

    # -- storing -----------------------------------------------------------------------------------------

    def _update(self, **changes: object) -> None:
        from fieldapp.services.findings import update_finding

        if self.view is None:
            return
        ok, view = attempt(self.backend, self.message, update_finding, self.view.finding_id, **changes)  # type: ignore[arg-type]
        if ok and view is not None:
            self.set_view(view, editable=self.editable, needs_photo=self.photo_note.isVisible())
            self.changed.emit()
        elif self.view is not None:
            # Refused: the toggles and the date show what is stored again. A refused text stays in its box
            # as typed, beside the reason, for the inspector to correct.
            self.severity.set_severity(self.view.severity)
            self.deadline.set_value(self.view.deadline)

    def _store_description(self) -> None:
        if self.view is not None and self.description.toPlainText().strip() != self.view.description:
            self._update(description=self.description.toPlainText())

    def _store_requirement(self) -> None:
        if self.view is not None and self.requirement.toPlainText().strip() != self.view.requirement:
            self._update(requirement=self.requirement.toPlainText())

    def _store_severity(self, severity: Severity) -> None:
        if self.view is not None and severity is not self.view.severity:
            self._update(severity=severity)

    def _store_deadline(self, day: date) -> None:
        self._update(deadline=day)

    def _withdraw(self) -> None:
        from fieldapp.services.findings import withdraw_finding

        if self.view is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Withdraw finding"),
            self.tr(
                "Withdraw finding %1? It will not appear on the notice; the others are renumbered."
            ).replace("%1", str(self.view.seq)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, _none = attempt(self.backend, self.message, withdraw_finding, self.view.finding_id)
        if ok:
            self.changed.emit()

    # -- photos ------------------------------------------------------------------------------------------

    def _show_photos(self, shown: bool) -> None:
        if shown and self.strip is None:
            # Made on first use: a strip reads its photos and thumbnails, which a long review need not do
            # for every finding.
            self.strip = PhotoStrip(self.backend)
            self.strip.photos_changed.connect(self.photos_changed)
            self._strip_slot.addWidget(self.strip)
            self._point_strip()
        if self.strip is not None:
            self.strip.setVisible(shown)

    def _point_strip(self) -> None:
        """A checklist or rule finding shows its item's photos (taken while answering it); a finding added
        by hand has its own."""
        if self.strip is None or self.view is None:
            return
        if self.view.item_code and self.view.source is not FindingSource.MANUAL:
            self.strip.show_for(self.inspection_id, item_code=self.view.item_code, editable=self.editable)
        else:
            self.strip.show_for(self.inspection_id, finding_id=self.view.finding_id, editable=self.editable)


class NewFindingForm(QFrame):
    """A finding the checklist does not cover: description, grade, requirement, deadline, then Add."""

    added = Signal(object)  # the new finding's id

    def __init__(
        self, backend: Backend, inspection_id: uuid.UUID, inspection_day: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCard")
        self.backend = backend
        self.inspection_id = inspection_id
        self.inspection_day = inspection_day
        self.description = CommitTextEdit(min_lines=2, max_lines=6)
        self.description.setObjectName("newFindingDescription")
        self.description.setPlaceholderText(self.tr("What is wrong, where"))
        self.severity = SeverityToggle()
        self.severity.set_severity(Severity.GENERAL)
        self.requirement = CommitTextEdit(min_lines=2, max_lines=6)
        self.requirement.setObjectName("newFindingRequirement")
        self.requirement.setPlaceholderText(self.tr("What the customer must do"))
        self.deadline = DeadlineField(inspection_day)
        self.deadline.picked.connect(lambda day: self.deadline.set_value(day))
        self.deadline.set_value(inspection_day + timedelta(days=QUICK_DEADLINES[-1]))
        self.add_button = touch_button(self.tr("Add finding"), "primaryButton")
        self.add_button.clicked.connect(self.add)
        self.message = InlineMessage()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(caption(self.tr("Description")))
        layout.addWidget(self.description)
        layout.addWidget(caption(self.tr("Hazard grade")))
        layout.addWidget(self.severity)
        layout.addWidget(caption(self.tr("Rectification requirement")))
        layout.addWidget(self.requirement)
        layout.addWidget(caption(self.tr("Rectification deadline")))
        layout.addWidget(self.deadline)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def add(self) -> None:
        from fieldapp.services.inspections import add_finding

        ok, finding_id = attempt(
            self.backend,
            self.message,
            add_finding,
            self.inspection_id,
            self.description.toPlainText(),
            severity=self.severity.severity(),
            requirement=self.requirement.toPlainText(),
            deadline=self.deadline.value(),
            source=FindingSource.MANUAL,
        )
        if not ok:
            return  # the typed text stays for the inspector to correct
        self.description.setPlainText("")
        self.requirement.setPlainText("")
        self.severity.set_severity(Severity.GENERAL)
        self.deadline.set_value(self.inspection_day + timedelta(days=QUICK_DEADLINES[-1]))
        self.added.emit(finding_id)
