"""Finishing an inspection on site: what is still open (each one tap away), the findings proposed by
measurement rules to accept or dismiss, every finding to adjust (grade, requirement, deadline), the
signatures, and finalizing. One scrolling page with a heading per part, in the order the work is done.

Everything is stored the moment it is given (a text when its box is left, a tap at once, a signature when
Sign is tapped); after each change the page reads the inspection's state again and updates its parts in
place, so nothing being typed elsewhere on the page is disturbed. A finalized (or void) inspection opens
read-only: the findings and the signatures as they were sealed.

The window connects `item_requested` (go back to the answering page at that item), `back_requested` and
`finalized`, and calls `open(inspection_id)`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import InspectionStatus
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.finding_card import FindingCard, NewFindingForm
from fieldapp.gui.proposal_card import ProposalCard
from fieldapp.gui.review_labels import message_text, pick, role_label
from fieldapp.gui.review_style import REVIEW_STYLE
from fieldapp.gui.review_widgets import TOUCH_PX, InlineMessage, attempt, touch_button
from fieldapp.gui.signature_section import SignatureSection

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend
    from fieldapp.services.inspection_sheet import InspectionSheet, SheetState
    from fieldapp.services.signatures import SignatureSlot

CONTENT_MAX_WIDTH = 1120  # wider lines are hard to read on a 1920 screen; the page centres its column


class WrapButton(QPushButton):
    """A big button whose text wraps (an item's code and its whole prompt), for a narrow portrait screen."""

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAutoDefault(False)
        self.setMinimumHeight(TOUCH_PX + 8)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.label.setStyleSheet("background: transparent; border: none; color: inherit;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.label)

    def text_shown(self) -> str:
        return self.label.text()


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("reviewHeading")
    label.setWordWrap(True)
    return label


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("reviewNote")
    label.setWordWrap(True)
    return label


def clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class ReviewPage(QWidget):
    item_requested = Signal(object, str)  # inspection id, item code: answer that item
    finalized = Signal(object)  # inspection id, once it is finalized
    back_requested = Signal(object)  # inspection id: back to answering

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.setStyleSheet(REVIEW_STYLE)
        self.backend = backend
        self.inspection_id: uuid.UUID | None = None
        self.sheet: InspectionSheet | None = None
        self.state: SheetState | None = None
        self.missing_photos: list[str] = []
        self.slots: list[SignatureSlot] = []
        self.editable = False
        self._inspection_day: date | None = None  # the local day of the visit: deadlines count from it
        self.finding_cards: dict[uuid.UUID, FindingCard] = {}
        self.proposal_cards: dict[str, ProposalCard] = {}

        # -- the bar above the scrolling part: where am I, and the way back -------------------------
        self.back_button = touch_button("◀ " + self.tr("Back to the checklist"), "reviewBack")
        self.title = QLabel(self.tr("Review and sign"))
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("reviewSubtitle")
        self.subtitle.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("reviewBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.page_message = InlineMessage()

        # -- a. what is still open ------------------------------------------------------------------
        self.open_section = QWidget()
        self.open_note = note()
        self.open_box = QVBoxLayout()
        self.open_box.setSpacing(8)
        self.photo_heading = note(self.tr("Defects that need a photo as evidence:"))
        self.photo_box = QVBoxLayout()
        self.photo_box.setSpacing(8)
        open_layout = QVBoxLayout(self.open_section)
        open_layout.setContentsMargins(0, 0, 0, 0)
        open_layout.addWidget(heading(self.tr("Required items still open")))
        open_layout.addWidget(self.open_note)
        open_layout.addLayout(self.open_box)
        open_layout.addWidget(self.photo_heading)
        open_layout.addLayout(self.photo_box)

        # -- b. proposals ---------------------------------------------------------------------------
        self.proposal_section = QWidget()
        self.proposal_note = note()
        self.proposal_box = QVBoxLayout()
        self.proposal_box.setSpacing(12)
        proposal_layout = QVBoxLayout(self.proposal_section)
        proposal_layout.setContentsMargins(0, 0, 0, 0)
        proposal_layout.addWidget(heading(self.tr("Proposed findings")))
        proposal_layout.addWidget(self.proposal_note)
        proposal_layout.addLayout(self.proposal_box)

        # -- c. findings ----------------------------------------------------------------------------
        self.findings_note = note()
        self.finding_box = QVBoxLayout()
        self.finding_box.setSpacing(12)
        self.add_toggle = touch_button(
            self.tr("Add a finding the checklist does not cover"), "addFindingToggle"
        )
        self.add_toggle.setCheckable(True)
        self.new_finding: NewFindingForm | None = None
        self.new_finding_slot = QVBoxLayout()

        # -- d. signatures --------------------------------------------------------------------------
        self.signatures = SignatureSection(backend)

        # -- e. finalize ----------------------------------------------------------------------------
        self.finalize_section = QWidget()
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missingList")
        self.missing_label.setWordWrap(True)
        self.finalize_button = touch_button(self.tr("Finalize the inspection"), "primaryButton")
        self.finalize_button.setMinimumHeight(64)
        self.finalize_message = InlineMessage()
        finalize_layout = QVBoxLayout(self.finalize_section)
        finalize_layout.setContentsMargins(0, 0, 0, 0)
        finalize_layout.addWidget(heading(self.tr("Finalize")))
        finalize_layout.addWidget(self.missing_label)
        finalize_layout.addWidget(self.finalize_message)
        finalize_layout.addWidget(self.finalize_button)

        # -- the scrolling column -------------------------------------------------------------------
        column = QWidget()
        column.setMaximumWidth(CONTENT_MAX_WIDTH)
        body = QVBoxLayout(column)
        body.setContentsMargins(0, 0, 0, 24)
        body.setSpacing(12)
        body.addWidget(self.open_section)
        body.addWidget(self.proposal_section)
        body.addWidget(heading(self.tr("Findings")))
        body.addWidget(self.findings_note)
        body.addLayout(self.finding_box)
        body.addWidget(self.add_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        body.addLayout(self.new_finding_slot)
        body.addWidget(heading(self.tr("Signatures")))
        body.addWidget(self.signatures)
        body.addWidget(self.finalize_section)
        body.addStretch(1)
        self.content = QWidget()
        self.content.setObjectName("reviewContent")
        centred = QHBoxLayout(self.content)
        centred.setContentsMargins(24, 8, 24, 8)
        centred.addStretch(0)
        centred.addWidget(column, 1)
        centred.addStretch(0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("reviewScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.content)
        # Drag with a finger to scroll (a pen arrives as the left button); the signature pads keep their
        # strokes to themselves (fieldapp.gui.signature_pad).
        viewport = self.scroll_area.viewport()
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        # A tap reaches its button at once rather than after the scroller's wait for a drag (a quarter of a
        # second by default, which makes quick taps feel lost); a drag that follows cancels the press.
        scroller = QScroller.scroller(viewport)
        properties = scroller.scrollerProperties()
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(properties)

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.page_message)
        layout.addWidget(self.scroll_area, 1)

        self.back_button.clicked.connect(self._back)
        self.add_toggle.toggled.connect(self._show_new_finding)
        self.signatures.changed.connect(self.refresh)
        self.finalize_button.clicked.connect(self.finalize)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- opening and reading --------------------------------------------------------------------

    def open(self, inspection_id: uuid.UUID) -> None:
        """Show the review of an inspection (read-only once it is finalized or void)."""
        from fieldapp.services.inspection_sheet import inspection_sheet

        self.commit_pending()
        if inspection_id != self.inspection_id:
            self._forget()
        self.inspection_id = inspection_id
        try:
            self.sheet = self.backend.call(inspection_sheet, inspection_id)
        except FieldappError as exc:
            self.page_message.problem(message_text(str(exc)))
            return
        self.page_message.clear()
        self.editable = self.sheet.status is InspectionStatus.IN_PROGRESS
        sheet = self.sheet
        day = local_day(sheet.started_at)
        self.subtitle.setText(
            "  ·  ".join(
                (
                    f"{sheet.customer_name}（{sheet.account_no}）",
                    pick(sheet.title_zh, sheet.title_en),
                    day.isoformat(),
                )
            )
        )
        self._inspection_day = day
        self.refresh()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _forget(self) -> None:
        """Another inspection: nothing of the previous one may stay on screen."""
        for card in self.finding_cards.values():
            card.deleteLater()
        self.finding_cards.clear()
        for proposal in self.proposal_cards.values():
            proposal.deleteLater()
        self.proposal_cards.clear()
        if self.new_finding is not None:
            self.new_finding.deleteLater()
            self.new_finding = None
        self.add_toggle.setChecked(False)
        self.finalize_message.clear()

    def refresh(self) -> None:
        """Read the inspection's state again and bring every part up to date."""
        from fieldapp.services.inspection_sheet import sheet_state
        from fieldapp.services.inspections import defects_missing_photos
        from fieldapp.services.signatures import signature_slots

        if self.inspection_id is None or self.sheet is None:
            return
        try:
            self.state = self.backend.call(sheet_state, self.inspection_id)
            self.missing_photos = (
                self.backend.call(defects_missing_photos, self.inspection_id) if self.editable else []
            )
            self.slots = self.backend.call(signature_slots, self.inspection_id)
        except FieldappError as exc:  # shown in the page rather than raised into Qt's event loop
            self.page_message.problem(message_text(str(exc)))
            return
        self._show_banner()
        self._show_open_items()
        self._show_proposals()
        self._show_findings()
        self.signatures.set_slots(self.inspection_id, self.slots, editable=self.editable)
        self._show_finalize()

    def _show_banner(self) -> None:
        assert self.sheet is not None
        if self.sheet.status is InspectionStatus.FINALIZED:
            self.banner.setText(
                self.tr(
                    "This inspection is finalized and sealed: it is shown as signed and cannot be changed."
                )
            )
        elif self.sheet.status is InspectionStatus.VOIDED:
            self.banner.setText(
                self.tr("This inspection is void: it is shown as it was and cannot be changed.")
            )
        self.banner.setVisible(not self.editable)
        self.back_button.setText(
            "◀ " + (self.tr("Back to the checklist") if self.editable else self.tr("Back"))
        )

    def _item_text(self, code: str) -> str:
        assert self.sheet is not None
        for item in self.sheet.items:
            if item.code == code:
                return f"{code}  {pick(item.prompt_zh, item.prompt_en)}"
        return code

    def _show_open_items(self) -> None:
        assert self.state is not None and self.inspection_id is not None
        self.open_section.setVisible(self.editable)
        clear_layout(self.open_box)
        clear_layout(self.photo_box)
        missing = self.state.missing_required
        if missing:
            self.open_note.setText(self.tr("Tap an item to answer it."))
        else:
            self.open_note.setText(self.tr("Every required item is answered."))
        for code in missing:
            button = WrapButton(self._item_text(code), "openItemButton")
            button.clicked.connect(lambda _checked=False, c=code: self._request_item(c))
            self.open_box.addWidget(button)
        self.photo_heading.setVisible(bool(self.missing_photos))
        for code in self.missing_photos:
            button = WrapButton(self._item_text(code), "openItemButton")
            button.clicked.connect(lambda _checked=False, c=code: self._request_item(c))
            self.photo_box.addWidget(button)

    def _show_proposals(self) -> None:
        assert self.state is not None and self.inspection_id is not None
        proposals = {p.item_code: p for p in self.state.proposals} if self.editable else {}
        self.proposal_section.setVisible(self.editable)
        self.proposal_note.setText(
            self.tr(
                "Measured values outside their limits. Accept each as a finding, or dismiss it with a reason."
            )
            if proposals
            else self.tr("No proposed findings to decide.")
        )
        for code in [c for c in self.proposal_cards if c not in proposals]:
            self.proposal_cards.pop(code).deleteLater()
        for position, (code, view) in enumerate(proposals.items()):
            card = self.proposal_cards.get(code)
            if card is None:
                card = ProposalCard(self.backend, self.inspection_id)
                card.decided.connect(lambda _code: self.refresh())
                self.proposal_cards[code] = card
            card.set_view(view)
            self.proposal_box.insertWidget(position, card)

    def _show_findings(self) -> None:
        assert self.state is not None and self.inspection_id is not None
        findings = self.state.findings
        needs_photo = set(self.missing_photos)
        if findings:
            self.findings_note.setText(
                self.tr("Adjust the grade, requirement and deadline; each change is stored at once.")
                if self.editable
                else self.tr("The findings as they were finalized.")
            )
        else:
            self.findings_note.setText(self.tr("No findings recorded."))
        live = {f.finding_id for f in findings}
        for finding_id in [f for f in self.finding_cards if f not in live]:
            gone = self.finding_cards.pop(finding_id)
            gone.hide()
            gone.deleteLater()
        for position, view in enumerate(findings):
            card = self.finding_cards.get(view.finding_id)
            if card is None:
                assert self._inspection_day is not None  # set by open() with the sheet
                card = FindingCard(self.backend, self.inspection_id, self._inspection_day)
                card.changed.connect(self.refresh)
                card.photos_changed.connect(self.refresh)
                self.finding_cards[view.finding_id] = card
            card.set_view(
                view,
                editable=self.editable,
                needs_photo=bool(view.item_code) and view.item_code in needs_photo,
            )
            self.finding_box.insertWidget(position, card)  # in the order of their numbers
        self.add_toggle.setVisible(self.editable)
        if self.new_finding is not None:
            self.new_finding.setVisible(self.editable and self.add_toggle.isChecked())

    def _missing(self) -> list[str]:
        """What still stands between the inspection and finalizing, one line each."""
        assert self.state is not None
        lines = []
        if self.state.missing_required:
            lines.append(self.tr("%n required item(s) still open", "", len(self.state.missing_required)))
        if self.state.proposals:
            lines.append(
                self.tr("%n proposed finding(s) to accept or dismiss", "", len(self.state.proposals))
            )
        if self.missing_photos:
            lines.append(self.tr("%n defect(s) without the required photo", "", len(self.missing_photos)))
        unsigned = [slot.name or role_label(slot.role) for slot in self.slots if not slot.signed]
        if unsigned:
            lines.append(self.tr("Signatures missing: %1").replace("%1", "、".join(unsigned)))
        return lines

    def _show_finalize(self) -> None:
        self.finalize_section.setVisible(self.editable)
        if not self.editable:
            return
        missing = self._missing()
        self.finalize_button.setEnabled(not missing)
        if missing:
            self.missing_label.setText(
                self.tr("Before finalizing:") + "\n" + "\n".join(f"•  {line}" for line in missing)
            )
        else:
            self.missing_label.setText(
                self.tr(
                    "Everything is complete. Finalizing seals the record: it cannot be changed afterwards."
                )
            )

    # -- acting ---------------------------------------------------------------------------------

    def commit_pending(self) -> None:
        """Store what is typed in a finding but not yet stored: the page is about to be left or sealed."""
        for card in list(self.finding_cards.values()):
            card.commit_pending()

    def _request_item(self, code: str) -> None:
        if self.inspection_id is not None:
            self.commit_pending()
            self.item_requested.emit(self.inspection_id, code)

    def _back(self) -> None:
        if self.inspection_id is not None:
            self.commit_pending()
            self.back_requested.emit(self.inspection_id)

    def _show_new_finding(self, shown: bool) -> None:
        if shown and self.new_finding is None and self.inspection_id is not None and self._inspection_day:
            self.new_finding = NewFindingForm(self.backend, self.inspection_id, self._inspection_day)
            self.new_finding.added.connect(self._finding_added)
            self.new_finding_slot.addWidget(self.new_finding)
        if self.new_finding is not None:
            self.new_finding.setVisible(shown)
            if shown:
                self.new_finding.description.setFocus()

    def _finding_added(self, _finding_id: uuid.UUID) -> None:
        self.add_toggle.setChecked(False)
        self.refresh()

    def finalize(self) -> None:
        from fieldapp.services.inspections import finalize_inspection

        if self.inspection_id is None:
            return
        self.commit_pending()
        self.refresh()
        if not self.finalize_button.isEnabled():
            return  # something went missing meanwhile: the list above says what
        answer = QMessageBox.question(
            self,
            self.tr("Finalize the inspection"),
            self.tr(
                "Finalize this inspection? The answers, findings and signatures are sealed and cannot be "
                "changed afterwards."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        inspection_id = self.inspection_id
        ok, _digest = attempt(self.backend, self.finalize_message, finalize_inspection, inspection_id)
        if not ok:
            self.refresh()
            return
        self.open(inspection_id)  # read-only from now on
        self.finalized.emit(inspection_id)

    # -- the on-screen keyboard -----------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Keep the field being typed in clear of the bottom edge, where the on-screen keyboard opens."""
        if now is not None and self.content.isAncestorOf(now):
            self.scroll_area.ensureWidgetVisible(now, 24, 160)

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_pending()
        super().hideEvent(event)
