"""A finding proposed by a measurement rule (an oil temperature over its limit, a seal number that changed),
for the inspector to decide: accept it as a finding, with the hazard grade the rule gives or the other
one, or dismiss it with a reason typed right in the card (no pop-up: the on-screen keyboard stays put)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from fieldapp.gui.finding_card import SeverityToggle, caption
from fieldapp.gui.review_labels import pick
from fieldapp.gui.review_widgets import TOUCH_PX, InlineMessage, attempt, touch_button

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.proposals import ProposalView


class ProposalCard(QFrame):
    decided = Signal(str)  # the item code, once the proposal was accepted or dismissed

    def __init__(self, backend: Backend, inspection_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCard")
        self.backend = backend
        self.inspection_id = inspection_id
        self.view: ProposalView | None = None

        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.severity = SeverityToggle()
        self.accept_button = touch_button(self.tr("Accept as finding"), "primaryButton")
        self.reason = QLineEdit()
        self.reason.setObjectName("dismissReason")
        self.reason.setMinimumHeight(TOUCH_PX)
        self.reason.setPlaceholderText(self.tr("Reason for not accepting (required to dismiss)"))
        self.dismiss_button = touch_button(self.tr("Dismiss"), "dismissButton")
        self.message = InlineMessage()

        # The grade and Accept on one row, the reason and Dismiss on the next: both choices in view at once.
        self.severity.add_widget(self.accept_button)
        dismiss_row = QHBoxLayout()
        dismiss_row.setSpacing(8)
        dismiss_row.addWidget(self.reason, 1)
        dismiss_row.addWidget(self.dismiss_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(caption(self.tr("Hazard grade if accepted")))
        layout.addWidget(self.severity)
        layout.addWidget(caption(self.tr("Or dismiss it, saying why")))
        layout.addLayout(dismiss_row)
        layout.addWidget(self.message)

        self.accept_button.clicked.connect(self.accept)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.reason.returnPressed.connect(self.dismiss)

    def set_view(self, view: ProposalView) -> None:
        first = self.view is None
        self.view = view
        self.title.setText(f"{view.item_code}  {pick(view.prompt_zh, view.prompt_en)}")
        # A seal has no limit: the number is compared with the one recorded at the previous visit.
        if view.rule_kind == "seal_changed":
            pattern = self.tr("Recorded now %1, at the previous visit %2")
        else:
            pattern = self.tr("Measured %1, limit %2")
        measured = pattern.replace("%1", view.measured).replace("%2", view.limit)
        self.detail.setText(f"{pick(view.description_zh, view.description_en)}\n{measured}")
        if first:  # later refreshes keep the grade the inspector may have chosen
            self.severity.set_severity(view.severity)

    def accept(self) -> None:
        from fieldapp.services.proposals import accept_proposal

        if self.view is None:
            return
        ok, _finding = attempt(
            self.backend,
            self.message,
            accept_proposal,
            self.inspection_id,
            self.view.item_code,
            severity=self.severity.severity(),
        )
        if ok:
            self.decided.emit(self.view.item_code)

    def dismiss(self) -> None:
        from fieldapp.services.proposals import dismiss_proposal

        if self.view is None:
            return
        ok, _dismissal = attempt(
            self.backend,
            self.message,
            dismiss_proposal,
            self.inspection_id,
            self.view.item_code,
            self.reason.text(),
        )
        if ok:
            self.decided.emit(self.view.item_code)
