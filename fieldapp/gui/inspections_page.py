"""Inspections: every inspection on this device, newest first, narrowed by status (big segmented buttons:
all, in progress, finalized, void) and by a customer's name or account number as it is typed. A tap on a
row asks the window to open that inspection.

The search waits for a pause in typing, as the customer register does, so each keystroke does not run a
query. The page reloads itself each time it is shown, so an inspection finished elsewhere is up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import InspectionStatus
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.inspection_models import InspectionTableModel
from fieldapp.gui.page_kit import (
    BUTTON_HEIGHT,
    PAGE_STYLE,
    ListOrNote,
    debounced,
    error_label,
    show_error,
    touch_table,
)
from fieldapp.services.inspection_sheet import MAX_LIST, list_inspections

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend


class InspectionsPage(QWidget):
    inspection_requested = Signal(object)  # inspection id (uuid.UUID)

    LIMIT = MAX_LIST  # the newest this many; the count says when the list stops there

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self._backend = backend
        self._stale = True  # read on the next show: never read yet, or left for another page since
        self.model = InspectionTableModel(self)

        title = QLabel(self.tr("Inspections"))
        title.setObjectName("pageTitle")

        # One button per status filter; the key None means every status.
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[InspectionStatus | None, QPushButton] = {}
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for key, text in (
            (None, self.tr("All")),
            (InspectionStatus.IN_PROGRESS, self.tr("In progress")),
            (InspectionStatus.FINALIZED, self.tr("Finalized")),
            (InspectionStatus.VOIDED, self.tr("Void")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"filter_{key.value if key else 'all'}")
            button.setCheckable(True)
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.filter_group.addButton(button)
            self.filter_buttons[key] = button
            filters.addWidget(button)
        self.filter_buttons[None].setChecked(True)
        self.filter_group.buttonClicked.connect(lambda _button: self.apply_filter())

        self.search = QLineEdit()
        self.search.setObjectName("inspectionSearch")
        self.search.setPlaceholderText(self.tr("Search by customer name or account number"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error = error_label()

        self.table = touch_table("inspectionTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The customer's name in full; the checklist title (mostly the same few) takes what is left and is
        # elided. On a portrait screen the table scrolls sideways, dragged with a finger.
        header.setSectionResizeMode(InspectionTableModel.CHECKLIST_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setMinimumSectionSize(72)
        self.table.clicked.connect(self._row_tapped)
        self.list_stack = ListOrNote(
            self.table,
            self.tr("No inspection matches. Choose another status or change the search."),
        )
        self.empty_note = self.list_stack.note

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addWidget(self.error)
        layout.addWidget(self.list_stack, 1)

        self._debounce = debounced(self, self.search, self.apply_filter)

    def status_filter(self) -> InspectionStatus | None:
        for key, button in self.filter_buttons.items():
            if button.isChecked():
                return key
        return None

    def set_status_filter(self, status: InspectionStatus | None) -> None:
        self.filter_buttons[status].setChecked(True)
        self.apply_filter()

    def load(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Query with the chosen status and the search text as they are now. On failure the page says so
        and keeps the list it had; the search text stays as typed."""
        self._debounce.stop()
        try:
            rows = self._backend.call(
                list_inspections, status=self.status_filter(), text=self.search.text(), limit=self.LIMIT
            )
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the inspections: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self._stale = False
        self.model.set_rows(rows)
        count = self.model.rowCount()
        if count >= self.LIMIT:
            self.count_label.setText(self.tr("the newest %n", "", count))
        else:
            self.count_label.setText(self.tr("%n inspection(s)", "", count))
        self.list_stack.show_count(count)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.apply_filter()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Left for another page (not the window minimised): the list may change meanwhile.
        if not event.spontaneous():
            self._stale = True

    def _row_tapped(self, index: QModelIndex) -> None:
        if index.isValid():
            self.inspection_requested.emit(self.model.row_at(index.row()).inspection_id)
