"""The dialog for one step of a finding's follow-up (for one finding or many at once): it asks what that step
needs, the day, who took it, and by step the notice and a new deadline (notify), the customer's report and
its evidence files (fix reported), how it was verified (verify), the reason and a new deadline (reopen).

It hands the step to `submit`, which takes it through the service and returns the refusal, if any: the
dialog then stays open with the reason shown, so the person corrects what was refused (a deadline already
past, say) instead of starting again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import FindingStatus
from fieldapp.gui.page_kit import BUTTON_HEIGHT, PAGE_STYLE, DateEdit, day_text, error_label, show_error
from fieldapp.services.finding_lifecycle import EVIDENCE_SUFFIXES, Step

S = FindingStatus
Submit = Callable[[Step], str | None]

DIALOG_STYLE = (
    PAGE_STYLE
    + """
QComboBox, QDateEdit { min-height: 48px; font-size: 14pt; padding: 0 8px; }
QPlainTextEdit, QListWidget { font-size: 14pt; }
QCheckBox { font-size: 14pt; min-height: 40px; }
#dialogTitle { font-size: 18pt; font-weight: bold; color: #1f3a5f; }
#fieldHint { font-size: 12pt; color: #8a5300; }
"""
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FindingStepDialog(QDialog):
    def __init__(
        self,
        target: FindingStatus,
        submit: Submit,
        *,
        count: int = 1,
        current_deadline: date | None = None,
        today: date | None = None,
        by: str = "",
        people: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(DIALOG_STYLE)
        self.setModal(True)
        self.setMinimumWidth(640)
        self.target = target
        self._submit = submit
        self._today = today or date.today()
        self.evidence: list[Path] = []

        titles = {
            S.NOTIFIED: self.tr("Notify the customer"),
            S.FIX_REPORTED: self.tr("The customer reports the fix"),
            S.VERIFIED: self.tr("Verify the fix"),
            S.REOPENED: self.tr("Reopen the finding"),
        }
        self.setWindowTitle(titles[target])
        title = QLabel(titles[target])
        title.setObjectName("dialogTitle")
        scope = QLabel(self.tr("For %n finding(s).", "", count))
        scope.setObjectName("fieldCaption")

        form = QFormLayout()
        form.setSpacing(10)
        self.day_edit = DateEdit()
        self.day_edit.setObjectName("stepDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setMaximumDate(_qdate(self._today))
        self.day_edit.setDate(_qdate(self._today))
        form.addRow(self.tr("Day"), self.day_edit)

        self.by_edit = QComboBox()
        self.by_edit.setObjectName("stepBy")
        self.by_edit.setEditable(True)
        self.by_edit.addItems(list(people))
        self.by_edit.setEditText(by)
        line = self.by_edit.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Staff number and name"))
        form.addRow(self.tr("Verified by") if target is S.VERIFIED else self.tr("Done by"), self.by_edit)

        self.notice_edit: QLineEdit | None = None
        if target is S.NOTIFIED:
            self.notice_edit = QLineEdit()
            self.notice_edit.setObjectName("stepNotice")
            self.notice_edit.setPlaceholderText(self.tr("Optional, e.g. YDJC-2026-T01-0007"))
            form.addRow(self.tr("Notice number"), self.notice_edit)

        self.deadline_check: QCheckBox | None = None
        self.deadline_edit: DateEdit | None = None
        self.deadline_hint = QLabel()
        self.deadline_hint.setObjectName("fieldHint")
        self.deadline_hint.setWordWrap(True)
        self.deadline_hint.hide()
        if target in (S.NOTIFIED, S.REOPENED):
            self.deadline_check = QCheckBox(self.tr("Set a new deadline"))
            self.deadline_check.setObjectName("stepNewDeadline")
            self.deadline_edit = DateEdit()
            self.deadline_edit.setObjectName("stepDeadline")
            self.deadline_edit.setCalendarPopup(True)
            self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
            self.deadline_edit.setDate(_qdate(self._today).addDays(30))
            self.deadline_edit.setEnabled(False)
            self.deadline_check.toggled.connect(self.deadline_edit.setEnabled)
            row = QHBoxLayout()
            row.addWidget(self.deadline_check)
            row.addWidget(self.deadline_edit, 1)
            form.addRow(self.tr("Deadline"), row)
            if (
                target is S.NOTIFIED
                and count == 1
                and (current_deadline is None or current_deadline < self._today)
            ):
                # What the service would refuse: ask for the new deadline up front.
                self.deadline_check.setChecked(True)
                self.deadline_hint.setText(
                    self.tr("The finding has no deadline: give one.")
                    if current_deadline is None
                    else self.tr("The deadline %1 has passed: give a new one.").replace(
                        "%1", day_text(current_deadline)
                    )
                )
                self.deadline_hint.show()
            form.addRow("", self.deadline_hint)

        notes = {
            S.NOTIFIED: self.tr("Note"),
            S.FIX_REPORTED: self.tr("The customer's report"),
            S.VERIFIED: self.tr("How it was verified"),
            S.REOPENED: self.tr("Reason"),
        }
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("stepNote")
        self.note_edit.setFixedHeight(96)
        form.addRow(notes[target], self.note_edit)

        self.evidence_list: QListWidget | None = None
        if target is S.FIX_REPORTED:
            self.evidence_list = QListWidget()
            self.evidence_list.setObjectName("stepEvidence")
            self.evidence_list.setFixedHeight(88)
            add = QPushButton(self.tr("Add files…"))
            add.setObjectName("addEvidenceButton")
            add.clicked.connect(self._add_files)
            remove = QPushButton(self.tr("Remove"))
            remove.setObjectName("removeEvidenceButton")
            remove.clicked.connect(self._remove_file)
            buttons = QVBoxLayout()
            buttons.addWidget(add)
            buttons.addWidget(remove)
            buttons.addStretch(1)
            row = QHBoxLayout()
            row.addWidget(self.evidence_list, 1)
            row.addLayout(buttons)
            form.addRow(self.tr("Evidence (PDF, JPEG, PNG)"), row)

        self.error = error_label()
        actions = {
            S.NOTIFIED: self.tr("Notify"),
            S.FIX_REPORTED: self.tr("Record the report"),
            S.VERIFIED: self.tr("Verify"),
            S.REOPENED: self.tr("Reopen"),
        }
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setMinimumHeight(BUTTON_HEIGHT)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(actions[target])
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.setMinimumHeight(BUTTON_HEIGHT)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.confirm)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(scope)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    @classmethod
    def ask(
        cls,
        target: FindingStatus,
        submit: Submit,
        *,
        count: int = 1,
        current_deadline: date | None = None,
        by: str = "",
        people: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> str | None:
        """Show the dialog until the step is taken (returns who took it, for the next step's default) or
        cancelled (None)."""
        dialog = cls(
            target,
            submit,
            count=count,
            current_deadline=current_deadline,
            by=by,
            people=people,
            parent=parent,
        )
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.by_edit.currentText().strip() if accepted else None
        finally:
            dialog.deleteLater()

    @staticmethod
    def choose_files(parent: QWidget) -> list[Path]:
        patterns = " ".join(f"*{suffix}" for suffix in EVIDENCE_SUFFIXES)
        caption = QCoreApplication.translate("FindingStepDialog", "Evidence files")
        names, _ = QFileDialog.getOpenFileNames(parent, caption, "", f"{caption} ({patterns})")
        return [Path(name) for name in names]

    def _add_files(self) -> None:
        assert self.evidence_list is not None
        for path in self.choose_files(self):
            if path not in self.evidence:
                self.evidence.append(path)
                self.evidence_list.addItem(path.name)

    def _remove_file(self) -> None:
        assert self.evidence_list is not None
        row = self.evidence_list.currentRow()
        if 0 <= row < len(self.evidence):
            self.evidence.pop(row)
            self.evidence_list.takeItem(row)

    def step(self) -> Step:
        new_deadline = None
        if (
            self.deadline_check is not None
            and self.deadline_edit is not None
            and self.deadline_check.isChecked()
        ):
            new_deadline = _day(self.deadline_edit.date())
        return Step(
            target=self.target,
            on=_day(self.day_edit.date()),
            by=self.by_edit.currentText(),
            note=self.note_edit.toPlainText(),
            notice_no=self.notice_edit.text() if self.notice_edit is not None else "",
            new_deadline=new_deadline,
            evidence=tuple(self.evidence),
        )

    def confirm(self) -> None:
        refused = self._submit(self.step())
        if refused:
            show_error(self.error, refused)
            return
        show_error(self.error, "")
        self.accept()
