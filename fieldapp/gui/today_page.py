"""Today: what an inspector does first in the morning. When the tablet has its inspector (Settings, "This
tablet's inspector"), the visits assigned to that inspector come first ("My visits"), the other inspectors'
behind a toggle. Then the inspections still in progress, each with a big Continue button; the visits the
office assigned (overdue ones in red), each with Start; then the customers
whose periodic inspection is overdue (in red) and those due within the next 30 days, each card opening the
customer, its Start button starting an inspection there. In the office, "Assign…" plans visits to the
customers due (gui.assign_dialog).

The page only reads. It asks the window to act through its signals, and reloads itself each time it is
shown, so an inspection started or finalized elsewhere is reflected when the inspector comes back."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
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

from fieldapp.domain.enums import InspectionKind
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.assign_dialog import AssignDialog, Candidate
from fieldapp.gui.card_list import CardList
from fieldapp.gui.inspection_models import InProgressModel
from fieldapp.gui.page_kit import BUTTON_HEIGHT, PAGE_STYLE, day_text, error_label, show_error
from fieldapp.gui.today_models import AssignmentModel, DueModel, due_text
from fieldapp.services.assignments import AssignmentRow, planned_assignments
from fieldapp.services.device_inspector import current_inspector
from fieldapp.services.inspection_sheet import inspections_in_progress
from fieldapp.services.schedule import DueRow, due_customers

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

DUE_WITHIN_DAYS = 30
CARDS_SHOWN = 50  # per list; the title counts them all


class TodayPage(QWidget):
    inspection_requested = Signal(object)  # inspection id (uuid.UUID): continue it
    customer_requested = Signal(object)  # customer id: open the customer page
    start_requested = Signal(object)  # customer id: start an inspection there

    def __init__(
        self, backend: Backend, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self._backend = backend
        self._today = today  # a function, so a page left open past midnight shows the new day on reload
        self._stale = True  # read on the next show: never read yet, or left for another page since
        self._totals = (0, 0)  # customers overdue and due soon, all of them (the cards show the first)
        self._assigned_total = 0
        self._due: list[DueRow] = []  # every customer due, for "Assign…"
        self._planned_customers: set[uuid.UUID] = set()  # customers with a periodic visit planned already
        self._mine_total = 0
        self._me = ""  # the name of this tablet's inspector, "" when the tablet has none

        self.in_progress_model = InProgressModel(self)
        self.assigned_model = AssignmentModel(self)
        self.mine_model = AssignmentModel(self)
        self.overdue_model = DueModel(self)
        self.due_soon_model = DueModel(self)

        title = QLabel(self.tr("Today"))
        title.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("subtitle")
        self.error = error_label()

        self.in_progress_title = _section_title()
        self.in_progress_list = CardList(
            self.in_progress_model,
            button_text=self.tr("Continue"),
            empty_text=self.tr(
                "No inspections in progress. Start one from a customer below or in Customers."
            ),
            title_column=InProgressModel.TITLE_COLUMN,
            badge_column=InProgressModel.BADGE_COLUMN,
        )
        self.in_progress_list.setObjectName("inProgressList")
        self.assigned_title = _section_title()
        self.assigned_list = CardList(
            self.assigned_model,
            button_text=self.tr("Start"),
            empty_text=self.tr("No visits assigned. The office's plan arrives with the next sync."),
            title_column=AssignmentModel.TITLE_COLUMN,
            badge_column=AssignmentModel.BADGE_COLUMN,
        )
        self.assigned_list.setObjectName("assignedList")
        self.mine_title = _section_title()
        self.mine_list = CardList(
            self.mine_model,
            button_text=self.tr("Start"),
            empty_text=self.tr("No visits assigned to you. The office's plan arrives with the next sync."),
            title_column=AssignmentModel.TITLE_COLUMN,
            badge_column=AssignmentModel.BADGE_COLUMN,
        )
        self.mine_list.setObjectName("mineList")
        self.others_toggle = QPushButton()
        self.others_toggle.setObjectName("othersToggle")
        self.others_toggle.setCheckable(True)
        self.others_toggle.setMinimumHeight(BUTTON_HEIGHT)
        self.others_toggle.toggled.connect(lambda _on: self._show_others())
        self.assign_button = QPushButton(self.tr("Assign…"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setMinimumHeight(BUTTON_HEIGHT)
        self.assign_button.setToolTip(self.tr("Plan visits to the customers due, for an inspector and a day"))
        self.assign_button.clicked.connect(self.assign_due)
        self.overdue_title = _section_title()
        self.overdue_list = CardList(
            self.overdue_model,
            button_text=self.tr("Start"),
            empty_text=self.tr("No customer is overdue for a periodic inspection."),
            title_column=DueModel.TITLE_COLUMN,
            badge_column=DueModel.BADGE_COLUMN,
        )
        self.overdue_list.setObjectName("overdueList")
        self.due_soon_title = _section_title()
        self.due_soon_list = CardList(
            self.due_soon_model,
            button_text=self.tr("Start"),
            empty_text=self.tr("No periodic inspection falls due in the next 30 days."),
            title_column=DueModel.TITLE_COLUMN,
            badge_column=DueModel.BADGE_COLUMN,
        )
        self.due_soon_list.setObjectName("dueSoonList")

        self.in_progress_list.button_clicked.connect(self._continue)
        self.in_progress_list.card_tapped.connect(self._continue)
        for cards, model in (
            (self.mine_list, self.mine_model),
            (self.assigned_list, self.assigned_model),
            (self.overdue_list, self.overdue_model),
            (self.due_soon_list, self.due_soon_model),
        ):
            cards.card_tapped.connect(
                lambda row, m=model: self.customer_requested.emit(m.row_at(row).customer_id)
            )
            cards.button_clicked.connect(
                lambda row, m=model: self.start_requested.emit(m.row_at(row).customer_id)
            )

        content = QWidget()
        content.setObjectName("todayContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 24, 24, 24)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(self.date_label)
        column.addWidget(self.error)
        self.overdue_more = _more_label("overdueMore")
        self.due_soon_more = _more_label("dueSoonMore")
        self.assigned_more = _more_label("assignedMore")
        self.mine_more = _more_label("mineMore")
        assigned_heading = QHBoxLayout()
        assigned_heading.addWidget(self.assigned_title, 1)
        assigned_heading.addWidget(self.others_toggle)
        overdue_heading = QHBoxLayout()
        overdue_heading.addWidget(self.overdue_title, 1)
        overdue_heading.addWidget(self.assign_button)
        for heading, cards, more in (
            (self.mine_title, self.mine_list, self.mine_more),
            (self.in_progress_title, self.in_progress_list, None),
            (assigned_heading, self.assigned_list, self.assigned_more),
            (overdue_heading, self.overdue_list, self.overdue_more),
            (self.due_soon_title, self.due_soon_list, self.due_soon_more),
        ):
            if isinstance(heading, QHBoxLayout):
                column.addLayout(heading)
            else:
                column.addWidget(heading)
            column.addWidget(cards)
            if more is not None:
                column.addWidget(more)
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("todayScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        # A finger's drag scrolls; the mouse and the pen click, as they must on the buttons and cards
        # inside (a mouse-button scroller would hold back their presses and swallow quick taps).
        QScroller.grabGesture(self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self._set_titles()

    def load(self) -> None:
        """Read both lists again. A failure is said on the page; the lists keep what they showed."""
        today = self._today()
        self.date_label.setText(
            QLocale().toString(QDate(today.year, today.month, today.day), QLocale.FormatType.LongFormat)
        )
        try:
            in_progress = self._backend.call(inspections_in_progress)
            due = self._backend.call(due_customers, today, within_days=DUE_WITHIN_DAYS)
            assigned = self._backend.call(planned_assignments)
            me = self._backend.call(current_inspector)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read today's work: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self._stale = False
        self.in_progress_model.set_rows(in_progress)
        self._due = due
        self._planned_customers = {r.customer_id for r in assigned if r.kind is InspectionKind.PERIODIC}
        mine: list[AssignmentRow] = []
        if me is not None:
            mine = [row for row in assigned if row.inspector_id == me.id]
            assigned = [row for row in assigned if row.inspector_id != me.id]
        self._me = me.name if me is not None else ""
        self.mine_model.set_assignments(mine[:CARDS_SHOWN], today)
        self._mine_total = len(mine)
        self.assigned_model.set_assignments(assigned[:CARDS_SHOWN], today)
        self._assigned_total = len(assigned)
        overdue = [row for row in due if row.overdue_days > 0]
        soon = [row for row in due if row.overdue_days == 0]
        # A register with years of backlog can have thousands due: a card each would take minutes to
        # build and nobody scrolls that far. The most overdue (and the soonest due) come first.
        self.overdue_model.set_due(overdue[:CARDS_SHOWN], today)
        self.due_soon_model.set_due(soon[:CARDS_SHOWN], today)
        self._totals = (len(overdue), len(soon))
        for label, total in (
            (self.mine_more, len(mine)),
            (self.assigned_more, len(assigned)),
            (self.overdue_more, len(overdue)),
            (self.due_soon_more, len(soon)),
        ):
            label.setVisible(total > CARDS_SHOWN)
            label.setText(
                self.tr("Showing the first %1 of %2.")
                .replace("%1", str(CARDS_SHOWN))
                .replace("%2", str(total))
            )
        self._set_titles()
        self._show_others()

    def _show_others(self) -> None:
        """With a tablet inspector, "My visits" shows and the others' visits wait behind the toggle;
        without one, every assigned visit shows as it always did."""
        mine = bool(self._me)
        for widget in (self.mine_title, self.mine_list):
            widget.setVisible(mine)
        if not mine:
            self.mine_more.setVisible(False)
        self.others_toggle.setVisible(mine)
        shown = not mine or self.others_toggle.isChecked()
        self.assigned_list.setVisible(shown)
        if not shown:
            self.assigned_more.setVisible(False)
        else:
            self.assigned_more.setVisible(self._assigned_total > CARDS_SHOWN)
        self.others_toggle.setText(self.tr("Hide") if self.others_toggle.isChecked() else self.tr("Show"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Left for another page (not the window minimised): what is shown may change meanwhile.
        if not event.spontaneous():
            self._stale = True

    def _set_titles(self) -> None:
        self.in_progress_title.setText(self.tr("In progress (%n)", "", self.in_progress_model.rowCount()))
        assigned = self._assigned_total
        if self._me:
            mine = self._mine_total
            self.mine_title.setText(self.tr("My visits · %1 (%n)", "", mine).replace("%1", self._me))
            self.assigned_title.setText(self.tr("Other inspectors' visits (%n)", "", assigned))
        else:
            self.assigned_title.setText(self.tr("Assigned visits (%n)", "", assigned))
        overdue, soon = self._totals
        self.overdue_title.setText(self.tr("Overdue (%n)", "", overdue))
        self.due_soon_title.setText(self.tr("Due within 30 days (%n)", "", soon))

    def assign_due(self) -> None:
        """Plan visits to the customers due (the overdue ones ticked), then show the plan."""
        today = self._today()
        candidates = [
            Candidate(
                row.customer_id,
                f"{row.name} · {row.account_no} · {day_text(row.due_date)} · {due_text(row, today)}",
                ticked=row.overdue_days > 0,
            )
            for row in self._due
            # A customer already planned would refuse the whole batch: the plan page moves its visit.
            if row.customer_id not in self._planned_customers
        ]
        if AssignDialog.ask(self._backend, candidates, planned_on=today, parent=self):
            self.load()

    def _continue(self, row: int) -> None:
        self.inspection_requested.emit(self.in_progress_model.row_at(row).inspection_id)


def _more_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _section_title() -> QLabel:
    label = QLabel()
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    return label
