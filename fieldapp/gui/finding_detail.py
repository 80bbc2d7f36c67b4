"""The findings page's panel for the finding chosen in the list: what was found where and when, the deadline
in force (red when overdue), its status, a button for each step the lifecycle allows from that status, the
customer's page a tap away, and the history: every step, oldest first, with who took it, the note, the
notice, a changed deadline and the customer's evidence files (each opens in the system's viewer). A
contract-breach finding also has a "Breach fee" button and its saved breach-fee assessments, each with the
rule it used, its arithmetic, and in red when that rule was unverified or superseded.

It shows; the page acts, through the signals. The breach fees are the exception: the panel opens their
dialog and reads them itself through the backend it is given (without one it shows none)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.breach_fees import BreachKind
from fieldapp.domain.enums import FindingStatus
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.breach_fee_dialog import BreachFeeDialog
from fieldapp.gui.enum_labels import finding_status_label, severity_label
from fieldapp.gui.page_kit import day_text, local_time_text
from fieldapp.gui.ui_language import shows_english
from fieldapp.services.breach_fees import (
    AssessmentView,
    assess_breach,
    breach_context,
    finding_assessments,
    is_breach_finding,
)
from fieldapp.services.finding_lifecycle import EvidenceView, FindingDetail, FindingEventView

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

S = FindingStatus

PANEL_STYLE = """
#detailPanel { background: #ffffff; border: 1px solid #c9d3de; border-radius: 10px; }
#detailContent { background: #ffffff; }
#detailTitle { font-size: 16pt; font-weight: bold; color: #0b1a2e; }
#detailText { font-size: 13pt; color: #0b1a2e; }
#detailMeta { font-size: 12pt; color: #5a6472; }
#detailDeadline { font-size: 13pt; font-weight: bold; color: #1f3a5f; }
#detailDeadline[tone="alert"] { color: #b3261e; }
#historyStep { font-size: 12pt; color: #0b1a2e; border-left: 3px solid #9aa8b8; padding-left: 8px; }
#historyTitle { font-size: 14pt; font-weight: bold; color: #1f3a5f; padding-top: 6px; }
QPushButton#evidenceButton { min-height: 40px; font-size: 12pt; padding: 0 10px; }
#breachStep { font-size: 12pt; color: #0b1a2e; border-left: 3px solid #8a5300; padding-left: 8px; }
#breachWarning { font-size: 12pt; font-weight: bold; color: #b3261e; padding-left: 11px; }
"""


class FindingDetailPanel(QFrame):
    step_requested = Signal(object)  # the FindingStatus to move the shown finding to
    customer_requested = Signal(object)  # customer id (uuid.UUID)
    evidence_requested = Signal(object)  # EvidenceView

    def __init__(self, backend: Backend | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.breach_button: QPushButton | None = None
        self.last_assessor = ""
        self.setObjectName("detailPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.detail: FindingDetail | None = None
        self.step_buttons: dict[FindingStatus, QPushButton] = {}

        self.empty = QLabel(self.tr("Choose a finding in the list to see its history and what can be done."))
        self.empty.setObjectName("emptyNote")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.area, 1)
        self.show_detail(None)

    def step_button_text(self, target: FindingStatus) -> str:
        texts = {
            S.NOTIFIED: self.tr("Notify…"),
            S.FIX_REPORTED: self.tr("Fix reported…"),
            S.VERIFIED: self.tr("Verify…"),
            S.REOPENED: self.tr("Reopen…"),
        }
        return texts[target]

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(label)
        return label

    def _clear(self) -> None:
        """A new, empty content widget, filled before it goes into the scroll area (which deletes the one it
        had, and shows the new one with everything in it)."""
        self.step_buttons = {}
        self.breach_button = None
        self.content = QWidget()
        self.content.setObjectName("detailContent")
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(6)

    def show_detail(self, detail: FindingDetail | None) -> None:
        self.detail = detail
        self._clear()
        self.empty.setVisible(detail is None)
        self.area.setVisible(detail is not None)
        if detail is not None:
            self._fill(detail)
        self.area.setWidget(self.content)

    def _fill(self, detail: FindingDetail) -> None:
        self.title = self._label(f"{detail.customer_name}（{detail.account_no}）", "detailTitle")
        self._label(
            self.tr("Found on %1, no. %2 · category %3 · %4")
            .replace("%1", day_text(detail.found_on))
            .replace("%2", str(detail.seq))
            .replace("%3", detail.category or "—")
            .replace("%4", severity_label(detail.severity)),
            "detailMeta",
        )
        self._label(detail.description, "detailText")
        if detail.requirement:
            self._label(self.tr("Requirement: %1").replace("%1", detail.requirement), "detailText")
        deadline = day_text(detail.current_deadline)
        if detail.overdue_days:
            overdue = detail.overdue_days
            deadline = self.tr("%1, overdue %n day(s)", "", overdue).replace("%1", deadline)
        if detail.deadline != detail.current_deadline:
            deadline += " " + self.tr("(the notice said %1)").replace("%1", day_text(detail.deadline))
        self.deadline_label = self._label(self.tr("Deadline: %1").replace("%1", deadline), "detailDeadline")
        self.deadline_label.setProperty("tone", "alert" if detail.overdue_days else "")
        self.status_label = self._label(
            self.tr("Status: %1").replace("%1", finding_status_label(detail.status)), "detailText"
        )
        if detail.inspectors:
            self._label(self.tr("Inspectors: %1").replace("%1", "、".join(detail.inspectors)), "detailMeta")

        actions = QHBoxLayout()
        actions.setSpacing(8)
        for target in detail.allowed:
            button = QPushButton(self.step_button_text(target))
            button.setObjectName(f"step_{target.value}")
            button.clicked.connect(lambda _checked=False, t=target: self.step_requested.emit(t))
            self.step_buttons[target] = button
            actions.addWidget(button)
        if self._backend is not None and is_breach_finding(detail.category, detail.basis):
            self.breach_button = QPushButton(self.tr("Breach fee…"))
            self.breach_button.setObjectName("breachFeeButton")
            self.breach_button.clicked.connect(self.open_breach_fee)
            actions.addWidget(self.breach_button)
        self.customer_button = QPushButton(self.tr("Customer"))
        self.customer_button.setObjectName("openCustomerButton")
        self.customer_button.clicked.connect(lambda: self.customer_requested.emit(detail.customer_id))
        actions.addWidget(self.customer_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        if not detail.allowed:
            self._label(
                self.tr("No follow-up: the inspection is not finalized, or it is void."), "detailMeta"
            )

        self._breach_fees(detail)
        self._label(self.tr("History"), "historyTitle")
        if not detail.events:
            self._label(self.tr("No step yet."), "detailMeta")
        for event in reversed(detail.events):  # newest first: what happened last is what matters now
            self._event(event)
        self.body.addStretch(1)

    def _event(self, event: FindingEventView) -> None:
        if event.from_status is event.to_status:
            change = self.tr("re-inspected, still %1").replace("%1", finding_status_label(event.to_status))
        else:
            change = f"{finding_status_label(event.from_status)} → {finding_status_label(event.to_status)}"
        lines = [f"{day_text(event.on)} · {change} · {event.by}"]
        if event.notice_no:
            lines.append(self.tr("Notice %1").replace("%1", event.notice_no))
        if event.deadline_after is not None:
            lines.append(
                self.tr("Deadline %1 → %2")
                .replace("%1", day_text(event.deadline_before))
                .replace("%2", day_text(event.deadline_after))
            )
        if event.note:
            lines.append(event.note)
        lines.append(self.tr("recorded %1").replace("%1", local_time_text(event.at)))
        self._label("\n".join(lines), "historyStep")
        for item in event.evidence:
            self._evidence_button(item)

    def _evidence_button(self, item: EvidenceView) -> None:
        button = QPushButton(self.tr("Open %1").replace("%1", item.file_name or item.sha256[:12]))
        button.setObjectName("evidenceButton")
        button.clicked.connect(lambda _checked=False, e=item: self.evidence_requested.emit(e))
        row = QHBoxLayout()
        row.addSpacing(12)
        row.addWidget(button)
        row.addStretch(1)
        self.body.addLayout(row)

    # -- breach fees -----------------------------------------------------------------------------------------

    def _breach_fees(self, detail: FindingDetail) -> None:
        if self._backend is None or not is_breach_finding(detail.category, detail.basis):
            return
        try:
            assessments = self._backend.call(finding_assessments, detail.finding_id)
        except FieldappError as error:
            self._label(str(error), "breachWarning")
            return
        if not assessments:
            return
        self._label(self.tr("Breach fees"), "historyTitle")
        for view in assessments:
            self._assessment(view)

    def _assessment(self, view: AssessmentView) -> None:
        lines = [f"{day_text(view.assessed_on)} · {view.rule_code} · {view.assessed_by}"]
        lines.extend(view.lines_en if shows_english() else view.lines_zh)
        if not view.lines_zh:  # stored by another version: its amounts stand without the arithmetic
            lines.append(self.tr("Total %1 yuan").replace("%1", str(view.total)))
        self._label("\n".join(lines), "breachStep")
        notes = []
        if not view.standing.verified:
            notes.append(self.tr("Unverified — check before charging"))
        if not view.standing.in_force:
            notes.append(
                self.tr(
                    "Superseded by %1, whose amounts are unconfirmed: not a fee to charge as it stands"
                ).replace("%1", view.standing.superseded_by or "—")
            )
        if notes:
            self._label("\n".join(notes), "breachWarning")

    def open_breach_fee(self) -> None:
        detail, backend = self.detail, self._backend
        if detail is None or backend is None:
            return
        try:
            context = backend.call(breach_context, detail.finding_id)
        except FieldappError as error:
            self._label(str(error), "breachWarning")
            return
        finding_id = detail.finding_id
        saved_by: list[str] = []

        def submit(kind: BreachKind, inputs: dict[str, Any], by: str) -> str | None:
            try:
                backend.call(assess_breach, finding_id, kind, inputs, by=by)
            except FieldappError as error:
                return str(error)
            saved_by.append(by)
            return None

        BreachFeeDialog.ask(context, submit, by=self.last_assessor, parent=self)
        if saved_by:
            self.last_assessor = saved_by[-1]
            self.show_detail(detail)
