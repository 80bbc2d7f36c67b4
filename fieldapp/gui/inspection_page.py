"""Answering an inspection: one item at a time on a large card, the section list and progress beside it.

Every answer is stored the moment it is given (architecture invariant 1): a verdict or a choice on the
tap, a number or text when the field is left or Enter is pressed, a date when the picker closes or a
moment after it changes, a note when the field is left and a moment after typing stops. After each write
the page reads the sheet's state once (which items are shown, what is answered, the rules' proposals) and
redraws from it. Leaving an item first stores whatever is still being typed there; if the service refuses
it, the page stays on the item with the reason shown and the typed text kept, so nothing is lost.

Only items shown by their relevance condition are navigated. Each move is remembered
(set_current_item), so the app reopens at the same item after a crash. A finalized or void inspection
opens read-only."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import AnswerKind, FindingSource, InspectionStatus, Verdict
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.enum_labels import inspection_kind_label, severity_label
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.inspection_style import INSPECTION_PAGE_STYLE, TOUCH_PX, VERDICT_PX
from fieldapp.gui.page_kit import DateEdit
from fieldapp.gui.photo_strip import PhotoStrip
from fieldapp.gui.section_model import SectionListModel, SectionProgress
from fieldapp.gui.ui_language import pick, shows_english
from fieldapp.services.backend import Backend
from fieldapp.services.findings import FindingView, set_verdict
from fieldapp.services.inspection_sheet import (
    AnswerView,
    InspectionSheet,
    ItemView,
    SheetState,
    inspection_sheet,
    set_current_item,
    sheet_state,
)
from fieldapp.services.inspections import record_answer
from fieldapp.services.proposals import ProposalView, accept_proposal, dismiss_proposal
from fieldapp.services.rule_dismissals import DismissalView, rule_dismissals

R = TypeVar("R")

NO_DATE = QDate(1900, 1, 1)  # the date field's "not entered" value, shown as a dash
VALUE_KINDS = (AnswerKind.NUMBER, AnswerKind.TEXT, AnswerKind.SEAL)
LEFT_COLUMN_PX = 300
PORTRAIT_SECTIONS_PX = 210  # the section list's height when it sits above the card


def number_text(value: Decimal | None) -> str:
    """A stored number as typed: 0.920000 -> 0.92, 100 -> 100 (never 1E+2)."""
    return "" if value is None else format(value.normalize(), "f")


def cleaned_number(text: str) -> str:
    """What an on-screen keyboard or an input method may deliver, as plain ASCII digits: full-width
    digits and signs (NFKC), the ideographic full stop as a decimal point, no spaces."""
    plain = unicodedata.normalize("NFKC", text).replace("。", ".")
    return "".join(plain.split())


class InspectionPage(QWidget):
    review_requested = Signal(object)  # the inspection id: the window opens the review and signatures
    closed = Signal()  # the inspector left the page (everything typed is stored by then)

    NOTE_DELAY_MS = 800  # store a note this long after typing stops
    DATE_DELAY_MS = 600  # and a date typed into the field section by section
    SWIPE_MIN_PX = 80  # a horizontal drag at least this long (and mostly sideways) turns the card

    def __init__(
        self, backend: Backend, parent: QWidget | None = None, *, lang: str | None = None, actor: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionPage")
        self.setStyleSheet(INSPECTION_PAGE_STYLE)
        self.backend = backend
        self.actor = actor  # who acts, for the audit trail
        self.english = shows_english(lang)
        self.inspection_id: uuid.UUID | None = None
        self.sheet: InspectionSheet | None = None
        self.state: SheetState | None = None
        self.dismissals: dict[str, DismissalView] = {}
        self.items: dict[str, ItemView] = {}
        self.order: list[str] = []
        self.current_code: str | None = None
        self.editable = False
        # What each editor showed when it was filled, and for which item: a write happens only when the
        # text differs, and always for the item it was typed on (focus can leave a field after the card
        # has moved on, and Qt then reports editingFinished).
        self._value_code: str | None = None
        self._loaded_value = ""
        self._date_code: str | None = None
        self._loaded_date = NO_DATE
        self._note_code: str | None = None
        self._loaded_note = ""
        self._filling = False
        self._press: QPoint | None = None
        self._build()

    # -- layout -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header_label = self._plain_label("inspectionHeader")
        self.subheader_label = self._plain_label("inspectionSubheader")
        self.saved_label = self._plain_label("savedLabel")
        self.saved_label.setWordWrap(False)
        self.close_button = self._button(self.tr("Close"), "closeButton")
        self.close_button.clicked.connect(self.close_page)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.header_label)
        titles.addWidget(self.subheader_label)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.saved_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.locked_banner = self._plain_label("lockedBanner")
        self.locked_banner.hide()

        # Left column: progress and sections.
        self.progress_text = self._plain_label("progressText")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("overallProgress")
        self.progress_bar.setMinimumHeight(28)
        self.progress_bar.setTextVisible(True)
        self.section_model = SectionListModel(self)
        self.section_view = QListView()
        self.section_view.setObjectName("sectionList")
        self.section_view.setModel(self.section_model)
        self.section_view.setWordWrap(True)
        self.section_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.section_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.section_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.section_view.clicked.connect(lambda index: self.jump_to_section(index.row()))
        self.left_panel = QWidget()
        self.left_panel.setObjectName("leftPanel")
        left = QVBoxLayout(self.left_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(8)
        left.addWidget(self.progress_text)
        left.addWidget(self.progress_bar)
        left.addWidget(self.section_view, 1)

        # Centre: the card.
        self.card = QFrame()
        self.card.setObjectName("itemCard")
        card = QVBoxLayout(self.card)
        card.setContentsMargins(24, 20, 24, 20)
        card.setSpacing(14)
        self.section_label = self._plain_label("sectionTitle")
        self.prompt_label = self._plain_label("itemPrompt")
        self.marks_label = self._plain_label("itemMarks")
        self.guidance_label = self._plain_label("guidance")
        for label in (self.section_label, self.prompt_label, self.marks_label, self.guidance_label):
            card.addWidget(label)

        self.verdict_row = QWidget()
        verdicts = QHBoxLayout(self.verdict_row)
        verdicts.setContentsMargins(0, 0, 0, 0)
        verdicts.setSpacing(12)
        self.verdict_buttons: dict[Verdict, QPushButton] = {}
        for verdict, text in (
            (Verdict.OK, self.tr("OK")),
            (Verdict.DEFECT, self.tr("Defect")),
            (Verdict.NOT_APPLICABLE, self.tr("Not applicable")),
        ):
            button = self._button(text, f"verdict_{verdict.value}", checkable=True)
            button.setMinimumHeight(VERDICT_PX)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, chosen=verdict: self.give_verdict(chosen))
            verdicts.addWidget(button)
            self.verdict_buttons[verdict] = button
        card.addWidget(self.verdict_row)

        # Number, text and seal items share one field; its label and keyboard change with the kind.
        self.value_row = QWidget()
        value = QHBoxLayout(self.value_row)
        value.setContentsMargins(0, 0, 0, 0)
        self.value_label = self._plain_label("fieldLabel")
        self.value_label.setWordWrap(False)
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("valueEdit")
        self.value_edit.setMinimumHeight(TOUCH_PX)
        self.value_edit.editingFinished.connect(self.commit_value)
        self.unit_label = self._plain_label("unitLabel")
        self.unit_label.setWordWrap(False)
        value.addWidget(self.value_label)
        value.addWidget(self.value_edit, 1)
        value.addWidget(self.unit_label)
        card.addWidget(self.value_row)

        self.choice_box = QWidget()
        self.choice_layout = FlowLayout(self.choice_box, spacing=10)
        self.choice_buttons: dict[str, QPushButton] = {}
        card.addWidget(self.choice_box)

        self.date_row = QWidget()
        date_layout = QHBoxLayout(self.date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_label = self._plain_label("fieldLabel")
        date_label.setText(self.tr("Date"))
        date_label.setWordWrap(False)
        self.date_edit = DateEdit()
        self.date_edit.setObjectName("dateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText(self.tr("Not entered"))
        self.date_edit.setMinimumHeight(TOUCH_PX)
        self.date_edit.setMinimumWidth(220)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.date_edit.editingFinished.connect(self.commit_date)
        self.date_edit.calendarWidget().clicked.connect(lambda _day: self.commit_date())
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(self.DATE_DELAY_MS)
        self._date_timer.timeout.connect(self.commit_date)
        # An empty date field holds the "not entered" sentinel (1900), where its calendar would open and
        # where typed digits go nowhere: one tap puts today in, and the calendar then opens on this month.
        self.today_button = self._button(self.tr("Today"), "dateTodayButton")
        self.today_button.clicked.connect(self._date_today)
        date_layout.addWidget(date_label)
        date_layout.addWidget(self.date_edit)
        date_layout.addWidget(self.today_button)
        date_layout.addStretch(1)
        card.addWidget(self.date_row)

        # What the item's measurement rule says.
        self.rule_banner = QFrame()
        self.rule_banner.setObjectName("ruleBanner")
        banner = QVBoxLayout(self.rule_banner)
        banner.setContentsMargins(16, 12, 16, 12)
        self.rule_title = self._plain_label("ruleTitle")
        self.rule_detail = self._plain_label("ruleDetail")
        self.accept_button = self._button(self.tr("Accept as finding"), "acceptProposal")
        self.dismiss_button = self._button(self.tr("Dismiss…"), "dismissProposal")
        self.accept_button.clicked.connect(self.accept_current_proposal)
        self.dismiss_button.clicked.connect(self._ask_reason)
        self.decide_row = QWidget()
        decide = QHBoxLayout(self.decide_row)
        decide.setContentsMargins(0, 0, 0, 0)
        decide.addWidget(self.accept_button)
        decide.addWidget(self.dismiss_button)
        decide.addStretch(1)
        # The reason is typed inline (the on-screen keyboard stays usable; no dialog over the card).
        self.reason_row = QWidget()
        reason = QVBoxLayout(self.reason_row)
        reason.setContentsMargins(0, 0, 0, 0)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMinimumHeight(TOUCH_PX)
        self.reason_edit.setPlaceholderText(self.tr("Why is no finding needed? (at least 2 characters)"))
        self.reason_edit.returnPressed.connect(self.confirm_dismissal)
        self.confirm_dismiss_button = self._button(self.tr("Dismiss with this reason"), "confirmDismiss")
        self.cancel_dismiss_button = self._button(self.tr("Back"), "cancelDismiss")
        self.confirm_dismiss_button.clicked.connect(self.confirm_dismissal)
        self.cancel_dismiss_button.clicked.connect(self._cancel_reason)
        reason_buttons = QHBoxLayout()
        reason_buttons.addWidget(self.confirm_dismiss_button)
        reason_buttons.addWidget(self.cancel_dismiss_button)
        reason_buttons.addStretch(1)
        reason.addWidget(self.reason_edit)
        reason.addLayout(reason_buttons)
        self.reason_row.hide()
        banner.addWidget(self.rule_title)
        banner.addWidget(self.rule_detail)
        banner.addWidget(self.decide_row)
        banner.addWidget(self.reason_row)
        card.addWidget(self.rule_banner)
        self.rule_status = self._plain_label("ruleStatus")
        card.addWidget(self.rule_status)

        self.message = self._plain_label("pageMessage")
        self.message.hide()
        card.addWidget(self.message)

        note_label = self._plain_label("fieldLabel")
        note_label.setText(self.tr("Note"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(self.tr("What you saw, where, what the customer said"))
        self.note_edit.setMinimumHeight(100)
        self.note_edit.setMaximumHeight(160)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.textChanged.connect(self._note_changed)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(self.NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self.commit_note)
        card.addWidget(note_label)
        card.addWidget(self.note_edit)

        photos_label = self._plain_label("fieldLabel")
        photos_label.setText(self.tr("Photos of this item"))
        self.photo_hint = self._plain_label("pageMessage")
        self.photo_hint.setText(self.tr("A defect on this item needs a photo as evidence."))
        self.photo_hint.hide()
        self.photo_strip = PhotoStrip(self.backend, actor=self.actor)
        self.photo_strip.photos_changed.connect(self._photos_changed)
        card.addWidget(photos_label)
        card.addWidget(self.photo_hint)
        card.addWidget(self.photo_strip)
        card.addStretch(1)

        self.card_scroll = QScrollArea()
        self.card_scroll.setObjectName("cardScroll")
        self.card_scroll.setWidgetResizable(True)
        self.card_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_scroll.setWidget(self.card)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(16)
        self.body.addWidget(self.left_panel)
        self.body.addWidget(self.card_scroll, 1)

        # Bottom bar.
        self.prev_button = self._button("◀ " + self.tr("Previous"), "prevButton")
        self.next_button = self._button(self.tr("Next") + " ▶", "nextButton")
        self.unanswered_button = self._button(self.tr("Next unanswered"), "unansweredButton")
        self.defects_button = self._button(self.tr("Defects"), "defectsButton")
        self.review_button = self._button(self.tr("Review && finish"), "reviewButton")
        self.prev_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.unanswered_button.clicked.connect(self.go_next_unanswered)
        self.defects_button.clicked.connect(self.go_next_defect)
        self.review_button.clicked.connect(self.request_review)
        self.position_label = self._plain_label("progressText")
        self.position_label.setWordWrap(False)
        self.position_label.setMinimumHeight(TOUCH_PX)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.bottom_bar = QWidget()
        self.bottom_bar.setObjectName("bottomBar")
        bar = FlowLayout(self.bottom_bar, spacing=10)
        for widget in (
            self.prev_button,
            self.next_button,
            self.unanswered_button,
            self.defects_button,
            self.review_button,
            self.position_label,
        ):
            bar.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.locked_banner)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.bottom_bar)
        self._arrange(landscape=True)
        self._show_nothing()
        # Last, once every widget the filter looks at exists (Qt sends events while children are added).
        self.card.installEventFilter(self)  # swipes
        self.note_edit.installEventFilter(self)  # store the note when the field is left

    def _plain_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # checklist texts are data, never markup
        label.setWordWrap(True)
        return label

    def _button(self, text: str, name: str, *, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(TOUCH_PX)
        button.setMinimumWidth(TOUCH_PX)
        button.setCheckable(checkable)
        button.setAutoDefault(False)
        return button

    def _arrange(self, *, landscape: bool) -> None:
        """Section list beside the card on a landscape screen, above it (shorter) in portrait."""
        if landscape:
            self.body.setDirection(QBoxLayout.Direction.LeftToRight)
            self.left_panel.setFixedWidth(LEFT_COLUMN_PX)
            self.left_panel.setMaximumHeight(16777215)
            self.left_panel.setMinimumHeight(0)
        else:
            self.body.setDirection(QBoxLayout.Direction.TopToBottom)
            self.left_panel.setMinimumWidth(0)
            self.left_panel.setMaximumWidth(16777215)
            self.left_panel.setFixedHeight(PORTRAIT_SECTIONS_PX)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self._arrange(landscape=size.width() >= size.height())
        super().resizeEvent(event)
        # The section list changed its height (much shorter above the card in portrait): once it is laid
        # out, the current section is scrolled back into sight.
        QTimer.singleShot(0, self, self._show_current_section)

    def _show_current_section(self) -> None:
        current = self.section_view.currentIndex()
        if current.isValid():
            self.section_view.scrollTo(current)

    # -- opening ----------------------------------------------------------------------------------------

    def open(self, inspection_id: uuid.UUID, item_code: str | None = None) -> bool:
        """Show an inspection at `item_code`, or where the inspector last was, or at its first shown
        item. False (with the reason on the page) when it cannot be read."""
        if not self.flush():
            return False
        try:
            sheet = self.backend.call(inspection_sheet, inspection_id)
            state = self.backend.call(sheet_state, inspection_id)
            dismissals = self.backend.call(rule_dismissals, inspection_id)
        except FieldappError as exc:
            self._say(str(exc))
            return False
        self.inspection_id = inspection_id
        self.sheet = sheet
        self.state = state
        self.dismissals = {d.item_code: d for d in dismissals}
        self.items = {item.code: item for item in sheet.items}
        self.order = [item.code for item in sheet.items]
        self.editable = sheet.status is InspectionStatus.IN_PROGRESS
        self._show_header()
        target = item_code or sheet.current_item_code
        shown = self.visible_codes()
        if target not in shown:
            target = self._visible_from(target) if target in self.items else None
        if target is None and shown:
            target = shown[0]
        self._value_code = self._date_code = self._note_code = None
        self._show_item(target)
        return True

    def _show_header(self) -> None:
        sheet = self.sheet
        assert sheet is not None
        self.header_label.setText(
            self.tr("%1 · account no. %2").replace("%1", sheet.customer_name).replace("%2", sheet.account_no)
        )
        separator = ", " if self.english else "、"
        # A word joiner between a name's characters: a wrapped line must not split "李秀英" into "李秀 / 英".
        team = separator.join("\u2060".join(member.name) for member in sheet.team)
        title = pick(self.english, sheet.title_zh, sheet.title_en)
        version = self.tr("version %1").replace("%1", str(sheet.template_version))
        inspectors = self.tr("Inspectors: %1").replace("%1", team)
        self.subheader_label.setText(
            f"{title} · {version} · {inspection_kind_label(sheet.kind)} · {inspectors}"
        )
        if sheet.status is InspectionStatus.FINALIZED:
            self.locked_banner.setText(
                self.tr("This inspection is finalized: the answers are shown and can no longer be changed.")
            )
        elif sheet.status is InspectionStatus.VOIDED:
            self.locked_banner.setText(
                self.tr("This inspection is void: the answers are shown and can no longer be changed.")
            )
        self.locked_banner.setVisible(not self.editable)
        self.saved_label.clear()

    def _show_nothing(self) -> None:
        """Before open(): an empty card that says what to do, and nothing to tap."""
        self.section_label.clear()
        self.prompt_label.setText(self.tr("No inspection open."))
        for widget in (
            self.marks_label,
            self.guidance_label,
            self.verdict_row,
            self.value_row,
            self.choice_box,
            self.date_row,
            self.rule_banner,
            self.rule_status,
        ):
            widget.hide()
        for button in (
            self.prev_button,
            self.next_button,
            self.unanswered_button,
            self.defects_button,
            self.review_button,
        ):
            button.setEnabled(False)
        self.note_edit.setEnabled(False)

    # -- reading the state -------------------------------------------------------------------------------

    def visible_codes(self) -> list[str]:
        """The items shown now, in checklist order: what the page navigates."""
        if self.state is None:
            return []
        return [code for code in self.order if code in self.state.visible]

    def _visible_from(self, code: str | None) -> str | None:
        """The first shown item at or after `code` in checklist order, else the last shown before it."""
        shown = self.visible_codes()
        if code is None or code not in self.order or not shown:
            return shown[0] if shown else None
        position = self.order.index(code)
        after = [c for c in shown if self.order.index(c) >= position]
        return after[0] if after else shown[-1]

    def answer(self, code: str) -> AnswerView | None:
        return self.state.answers.get(code) if self.state else None

    def is_answered(self, code: str) -> bool:
        given = self.answer(code)
        return given is not None and given.given

    def proposal(self, code: str) -> ProposalView | None:
        if self.state is None:
            return None
        return next((p for p in self.state.proposals if p.item_code == code), None)

    def rule_finding(self, code: str) -> FindingView | None:
        if self.state is None:
            return None
        return next(
            (f for f in self.state.findings if f.item_code == code and f.source is FindingSource.RULE), None
        )

    def defect_codes(self) -> list[str]:
        """Items where something is wrong: a defect verdict, a rule proposal waiting, or a finding taken
        from a rule; what the Defects button cycles through."""
        if self.state is None:
            return []
        flagged = set(self.state.defect_codes(self.order))
        flagged.update(p.item_code for p in self.state.proposals)
        flagged.update(f.item_code for f in self.state.findings if f.item_code)
        return [code for code in self.visible_codes() if code in flagged]

    # -- writing ------------------------------------------------------------------------------------------

    def _write(self, action: Callable[..., R], *args: Any, **kwargs: Any) -> tuple[bool, R | None]:
        """One use case, then one read of the sheet's state and a redraw from it. A refusal is shown on
        the card (the typed text stays in its field) and returns (False, None)."""
        try:
            result = self.backend.call(action, *args, **kwargs)
        except FieldappError as exc:
            self._say(str(exc))
            return False, None
        self._say("")
        self.saved_label.setText(self.tr("Saved %1").replace("%1", QTime.currentTime().toString("HH:mm:ss")))
        self._reload_state()
        return True, result

    def _reload_state(self) -> None:
        assert self.inspection_id is not None
        try:
            self.state = self.backend.call(sheet_state, self.inspection_id)
        except FieldappError as exc:
            self._say(str(exc))
            return
        self._render_state()

    def give_verdict(self, verdict: Verdict) -> None:
        """A verdict tap: one write (which raises or withdraws the item's finding) and one state read."""
        code = self.current_code
        if not self.editable or self.inspection_id is None or code is None:
            self._render_state()
            return
        current = self.answer(code)
        if current is not None and current.verdict is verdict:
            self._render_state()  # the same verdict again: nothing to store, keep the button pressed
            return
        ok, _ = self._write(set_verdict, self.inspection_id, code, verdict, actor=self.actor)
        if not ok:
            self._render_state()

    def choose(self, name: str) -> None:
        code = self.current_code
        if not self.editable or self.inspection_id is None or code is None:
            self._render_state()
            return
        current = self.answer(code)
        if current is not None and current.text == name:
            self._render_state()
            return
        ok, _ = self._write(record_answer, self.inspection_id, code, text=name, actor=self.actor)
        if not ok:
            self._render_state()

    def commit_value(self) -> bool:
        """Store the number, text or seal number typed in the field, if it changed. False when the
        service refused it (the text stays, the reason is shown)."""
        code = self._value_code
        if not self.editable or self.inspection_id is None or code is None or code not in self.items:
            return True
        typed = self.value_edit.text()
        if typed.strip() == self._loaded_value.strip():
            return True
        item = self.items[code]
        if item.kind is AnswerKind.NUMBER:
            number = cleaned_number(typed)
            if not number:
                # record_answer keeps a value that is not given; a measurement is corrected, not erased.
                self.value_edit.setText(self._loaded_value)
                self._say(
                    self.tr("A measurement cannot be erased: type the right value instead."), problem=False
                )
                return True
            ok, result = self._write(record_answer, self.inspection_id, code, number=number, actor=self.actor)
            shown = number_text(result.number) if ok and result is not None else typed
        else:
            ok, result = self._write(
                record_answer, self.inspection_id, code, text=typed.strip(), actor=self.actor
            )
            shown = result.text if ok and result is not None else typed
        if ok and self._value_code == code:
            self._loaded_value = shown
            self.value_edit.setText(shown)
        return ok

    def _date_today(self) -> None:
        self.date_edit.setDate(QDate.currentDate())
        self.commit_date()

    def _date_changed(self, _day: QDate) -> None:
        if not self._filling:
            self._date_timer.start()

    def commit_date(self) -> bool:
        self._date_timer.stop()
        code = self._date_code
        if not self.editable or self.inspection_id is None or code is None:
            return True
        chosen = self.date_edit.date()
        if chosen == self._loaded_date or chosen == NO_DATE:
            return True
        day = date(chosen.year(), chosen.month(), chosen.day())
        ok, _ = self._write(record_answer, self.inspection_id, code, value_date=day, actor=self.actor)
        if ok and self._date_code == code:
            self._loaded_date = chosen
        return ok

    def _note_changed(self) -> None:
        if not self._filling:
            self._note_timer.start()

    def commit_note(self) -> bool:
        self._note_timer.stop()
        code = self._note_code
        if not self.editable or self.inspection_id is None or code is None:
            return True
        text = self.note_edit.toPlainText()
        if text == self._loaded_note:
            return True
        ok, _ = self._write(record_answer, self.inspection_id, code, note=text, actor=self.actor)
        if ok and self._note_code == code:
            self._loaded_note = text
        return ok

    def flush(self) -> bool:
        """Store whatever is still being typed on the card. The window calls it before it hides the page
        or closes; False when something was refused (the page then shows why and keeps the text)."""
        stored = self.commit_value()
        stored = self.commit_date() and stored
        return self.commit_note() and stored

    def accept_current_proposal(self) -> None:
        code = self.current_code
        if self.inspection_id is None or code is None or self.proposal(code) is None:
            return
        self._write(accept_proposal, self.inspection_id, code, actor=self.actor)

    def _ask_reason(self) -> None:
        self.decide_row.hide()
        self.reason_row.show()
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cancel_reason(self) -> None:
        self.reason_row.hide()
        self.decide_row.show()

    def confirm_dismissal(self) -> None:
        code = self.current_code
        if self.inspection_id is None or code is None or self.proposal(code) is None:
            return
        ok, _ = self._write(
            dismiss_proposal, self.inspection_id, code, self.reason_edit.text(), actor=self.actor
        )
        if not ok:
            return  # the reason stays typed, the message says what is wrong with it
        try:
            dismissals = self.backend.call(rule_dismissals, self.inspection_id)
        except FieldappError as exc:
            self._say(str(exc))
            return
        self.dismissals = {d.item_code: d for d in dismissals}
        self.reason_edit.clear()
        self._cancel_reason()
        self._render_rule()

    def _photos_changed(self) -> None:
        if self.inspection_id is not None:
            self._reload_state()

    # -- navigating --------------------------------------------------------------------------------------

    def go_to(self, code: str) -> bool:
        """Move the card to a shown item, after storing what is typed on this one."""
        if code not in self.visible_codes() or not self.flush():
            return False
        self._show_item(code)
        return True

    def _step(self, step: int) -> None:
        shown = self.visible_codes()
        if self.current_code not in shown:
            target = self._visible_from(self.current_code)
        else:
            position = shown.index(self.current_code) + step
            target = shown[position] if 0 <= position < len(shown) else None
        if target is not None:
            self.go_to(target)

    def go_next(self) -> None:
        self._step(1)

    def go_previous(self) -> None:
        self._step(-1)

    def _cycle(self, candidates: list[str], nothing: str) -> None:
        """The first candidate after the current item, from the start again after the last."""
        shown = self.visible_codes()
        if not candidates:
            self._say(nothing, problem=False)
            return
        here = shown.index(self.current_code) if self.current_code in shown else -1
        after = [c for c in candidates if shown.index(c) > here]
        self.go_to((after or candidates)[0])

    def go_next_unanswered(self) -> None:
        missing = [c for c in self.visible_codes() if not self.is_answered(c) and c != self.current_code]
        self._cycle(missing, self.tr("Every item shown is answered."))

    def go_next_defect(self) -> None:
        defects = [c for c in self.defect_codes() if c != self.current_code]
        if not defects and self.current_code in self.defect_codes():
            self._say(self.tr("This is the only defect so far."), problem=False)
            return
        self._cycle(defects, self.tr("No defects so far."))

    def jump_to_section(self, row: int) -> None:
        if not 0 <= row < len(self.section_model.sections):
            return
        section = self.section_model.sections[row].code
        first = next((c for c in self.visible_codes() if self.items[c].section == section), None)
        if first is not None:
            self.go_to(first)
        else:
            self._render_sections()

    def request_review(self) -> None:
        if self.inspection_id is not None and self.flush():
            self.review_requested.emit(self.inspection_id)

    def close_page(self) -> None:
        if self.flush():
            self.closed.emit()

    # -- showing an item ---------------------------------------------------------------------------------

    def _show_item(self, code: str | None) -> None:
        self.current_code = code
        self._cancel_reason()
        self.reason_edit.clear()
        self._say("")
        if code is None or self.inspection_id is None:
            self._show_nothing()
            return
        if self.editable:
            try:
                self.backend.call(set_current_item, self.inspection_id, code)
            except FieldappError as exc:
                self._say(str(exc))
        self._fill_card(self.items[code])
        self.photo_strip.show_for(self.inspection_id, item_code=code, editable=self.editable)
        self._render_state()
        self.card_scroll.verticalScrollBar().setValue(0)

    def _fill_card(self, item: ItemView) -> None:
        """The parts of the card that belong to the item (texts, which editor, what was stored)."""
        self._filling = True
        try:
            sheet = self.sheet
            assert sheet is not None
            section = next((s for s in sheet.sections if s.code == item.section), None)
            self.section_label.setText(
                f"{item.section} · {pick(self.english, section.title_zh, section.title_en)}"
                if section
                else item.section
            )
            self.prompt_label.setText(f"{item.code}  {pick(self.english, item.prompt_zh, item.prompt_en)}")
            marks = []
            if item.required:
                marks.append(self.tr("Required"))
            if item.conditional:
                marks.append(self.tr("Asked because of an earlier answer"))
            if item.photo_required_on_defect:
                marks.append(self.tr("A defect needs a photo"))
            self.marks_label.setText(" · ".join(marks))
            self.marks_label.setVisible(bool(marks))
            guidance = pick(self.english, item.guidance_zh, item.guidance_en)
            self.guidance_label.setText(guidance)
            self.guidance_label.setVisible(bool(guidance))

            stored = self.answer(item.code)
            self.verdict_row.setVisible(item.kind in (AnswerKind.VERDICT, AnswerKind.SEAL))
            self.value_row.setVisible(item.kind in VALUE_KINDS)
            self.date_row.setVisible(item.kind is AnswerKind.DATE)
            self.choice_box.setVisible(item.kind is AnswerKind.CHOICE)
            self._fill_value(item, stored)
            self._fill_choices(item)
            self._date_code = item.code if item.kind is AnswerKind.DATE else None
            day = stored.date if stored is not None else None
            self._loaded_date = QDate(day.year, day.month, day.day) if day else NO_DATE
            self.date_edit.setDate(self._loaded_date)
            self.date_edit.setReadOnly(not self.editable)
            self.today_button.setVisible(self.editable)
            self._note_code = item.code
            self._loaded_note = stored.note if stored is not None else ""
            self.note_edit.setPlainText(self._loaded_note)
            self.note_edit.setEnabled(True)
            self.note_edit.setReadOnly(not self.editable)
            self.note_edit.setPlaceholderText(
                self.tr("What you saw, where, what the customer said") if self.editable else ""
            )
            for button in self.verdict_buttons.values():
                button.setEnabled(self.editable)
        finally:
            self._filling = False

    def _fill_value(self, item: ItemView, stored: AnswerView | None) -> None:
        if item.kind not in VALUE_KINDS:
            self._value_code = None
            return
        self._value_code = item.code
        if item.kind is AnswerKind.NUMBER:
            self.value_label.setText(self.tr("Measured value"))
            self._loaded_value = number_text(stored.number) if stored is not None else ""
            self.value_edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
            self.value_edit.setPlaceholderText(self.tr("Type the reading"))
        elif item.kind is AnswerKind.SEAL:
            self.value_label.setText(self.tr("Seal number"))
            self._loaded_value = stored.text if stored is not None else ""
            self.value_edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase)
            self.value_edit.setPlaceholderText(self.tr("The number printed on the seal"))
        else:
            self.value_label.setText(self.tr("Answer"))
            self._loaded_value = stored.text if stored is not None else ""
            self.value_edit.setInputMethodHints(Qt.InputMethodHint.ImhNone)
            self.value_edit.setPlaceholderText("")
        self.value_edit.setText(self._loaded_value)
        self.value_edit.setReadOnly(not self.editable)
        self.unit_label.setText(item.unit)
        self.unit_label.setVisible(bool(item.unit))

    def _fill_choices(self, item: ItemView) -> None:
        for button in self.choice_buttons.values():
            self.choice_layout.removeWidget(button)
            button.deleteLater()
        self.choice_buttons = {}
        if item.kind is not AnswerKind.CHOICE:
            return
        for choice in item.choices:
            button = self._button(
                pick(self.english, choice.label_zh, choice.label_en), f"choice_{choice.name}"
            )
            button.setCheckable(True)
            button.setProperty("choice", "true")
            button.setEnabled(self.editable)
            button.clicked.connect(lambda _=False, name=choice.name: self.choose(name))
            self.choice_layout.addWidget(button)
            button.show()  # a layout shows new children only at the next turn of the event loop
            self.choice_buttons[choice.name] = button
        self.choice_box.updateGeometry()

    def _render_state(self) -> None:
        """Everything that may change with a tap: the chosen buttons, the rule's verdict, the section
        counts and progress, and which moves are possible."""
        code = self.current_code
        if code is None or self.state is None:
            return
        stored = self.answer(code)
        for verdict, button in self.verdict_buttons.items():
            button.setChecked(stored is not None and stored.verdict is verdict)
        chosen = set(stored.text.split()) if stored is not None and stored.text else set()
        for name, button in self.choice_buttons.items():
            button.setChecked(name in chosen)
        item = self.items[code]
        missing_photo = (
            item.photo_required_on_defect
            and stored is not None
            and stored.verdict is Verdict.DEFECT
            and self.state.photo_counts.get(code, 0) == 0
        )
        self.photo_hint.setVisible(bool(missing_photo) and self.editable)
        self._render_rule()
        self._render_sections()
        self._render_navigation()

    def _render_rule(self) -> None:
        code = self.current_code
        if code is None:
            return
        item = self.items[code]
        proposal = self.proposal(code)
        self.rule_banner.setVisible(proposal is not None)
        self.rule_status.setVisible(False)
        if proposal is not None:
            self.rule_banner.setProperty("severity", proposal.severity.value)
            self._repolish(self.rule_banner)
            self.rule_title.setText(
                self.tr("Proposed finding (%1)").replace("%1", severity_label(proposal.severity))
                + ": "
                + pick(self.english, proposal.description_zh, proposal.description_en)
            )
            # A seal has no limit: the number is compared with the one recorded at the previous visit.
            if proposal.rule_kind == "seal_changed":
                pattern = self.tr("Recorded now %1, at the previous visit %2")
            else:
                pattern = self.tr("Measured %1, limit %2")
            self.rule_detail.setText(pattern.replace("%1", proposal.measured).replace("%2", proposal.limit))
            self.decide_row.setVisible(self.editable and not self.reason_row.isVisible())
            return
        self._cancel_reason()
        if not item.has_rule:
            return
        finding = self.rule_finding(code)
        dismissal = self.dismissals.get(code)
        if finding is not None:
            text = self.tr("Taken as finding no. %1 (%2): %3")
            text = text.replace("%1", str(finding.seq)).replace("%2", severity_label(finding.severity))
            self._show_rule_status(text.replace("%3", finding.description), "decided")
        elif dismissal is not None:
            self._show_rule_status(
                self.tr("Proposed finding dismissed: %1").replace("%1", dismissal.reason), "decided"
            )
        elif self.is_answered(code) and self._has_value(code):
            self._show_rule_status("✓ " + self.tr("Within limits"), "ok")

    def _has_value(self, code: str) -> bool:
        """A measured value the rule judged (a not-applicable verdict leaves nothing to judge)."""
        given = self.answer(code)
        if given is None or given.verdict is Verdict.NOT_APPLICABLE:
            return False
        return given.number is not None or given.date is not None or bool(given.text)

    def _show_rule_status(self, text: str, tone: str) -> None:
        self.rule_status.setText(text)
        self.rule_status.setProperty("tone", tone)
        self._repolish(self.rule_status)
        self.rule_status.show()

    def _render_sections(self) -> None:
        sheet, state = self.sheet, self.state
        if sheet is None or state is None:
            return
        rows = []
        for section in sheet.sections:
            codes = [c for c in self.order if self.items[c].section == section.code and c in state.visible]
            rows.append(
                SectionProgress(
                    code=section.code,
                    title=pick(self.english, section.title_zh, section.title_en),
                    visible=len(codes),
                    answered=sum(1 for c in codes if self.is_answered(c)),
                )
            )
        self.section_model.set_sections(rows)
        current = self.items[self.current_code].section if self.current_code else ""
        row = self.section_model.row_of(current)
        if row >= 0 and self.section_view.currentIndex().row() != row:
            self.section_view.setCurrentIndex(self.section_model.index(row))
        total = len(state.visible)
        answered = state.answered_count()
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(answered)
        self.progress_bar.setFormat(f"{round(100 * answered / total) if total else 0}%")
        text = self.tr("%1 of %2 items answered").replace("%1", str(answered)).replace("%2", str(total))
        if state.missing_required:
            text += "\n" + self.tr("%1 required still open").replace("%1", str(len(state.missing_required)))
        self.progress_text.setText(text)

    def _render_navigation(self) -> None:
        shown = self.visible_codes()
        position = shown.index(self.current_code) if self.current_code in shown else -1
        self.prev_button.setEnabled(position > 0)
        self.next_button.setEnabled(0 <= position < len(shown) - 1)
        self.unanswered_button.setEnabled(bool(shown))
        self.defects_button.setEnabled(bool(self.defect_codes()))
        self.review_button.setEnabled(self.inspection_id is not None)
        # Finishing is for an inspection under way; a finalized one is only looked at.
        self.review_button.setVisible(self.editable)
        self.position_label.setText(
            self.tr("Item %1 of %2").replace("%1", str(position + 1)).replace("%2", str(len(shown)))
            if position >= 0
            else ""
        )

    def _say(self, text: str, *, problem: bool = True) -> None:
        self.message.setText(text)
        self.message.setProperty("tone", "" if problem else "info")
        self._repolish(self.message)
        self.message.setVisible(bool(text))

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        """Apply style rules that select on a dynamic property after the property changed."""
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- gestures and focus ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() == QEvent.Type.FocusOut:
            self.commit_note()
        elif watched is self.card:
            self._swipe(event)
        return super().eventFilter(watched, event)

    def _swipe(self, event: QEvent) -> None:
        """A drag across the card, mostly sideways: to the left for the next item, to the right for the
        previous one (like turning a page). Presses on buttons and fields never reach the card."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = event.globalPosition().toPoint()
        elif event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            start, self._press = self._press, None
            if start is None or event.button() != Qt.MouseButton.LeftButton:
                return
            moved = event.globalPosition().toPoint() - start
            if abs(moved.x()) >= self.SWIPE_MIN_PX and abs(moved.x()) > 2 * abs(moved.y()):
                if moved.x() < 0:
                    self.go_next()
                else:
                    self.go_previous()

    def hideEvent(self, event: Any) -> None:
        # The window switched to another page: what is being typed here is stored first.
        self.flush()
        super().hideEvent(event)
