"""One customer, as an inspector checks before and at the site: who to call, how the customer is supplied,
the equipment ledger with tests coming due, the past inspections (a tap opens one), the findings still
open, the timeline of everything dated (a tap opens its inspection) and the hazards that keep coming back,
with a big button to start an inspection, one to go back, and one for the one-page profile (PDF) to take to
a visit or a meeting with the customer.

Read-only: it asks the window to act through its signals. It reloads the customer each time it is shown
again, so what was done meanwhile (an inspection finalized, a finding closed) is there on return."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.customer_detail_models import EquipmentModel, OpenFindingsModel
from fieldapp.gui.customer_profile_pdf import ProfilePdfDialog
from fieldapp.gui.customer_timeline_models import RecurringHazardsModel, TimelineModel
from fieldapp.gui.enum_labels import metering_class_label, tariff_label
from fieldapp.gui.flow_layout import FlowLayout
from fieldapp.gui.inspection_models import CustomerInspectionsModel
from fieldapp.gui.labels import capacity_label, importance_label, voltage_label
from fieldapp.gui.page_kit import BUTTON_HEIGHT, PAGE_STYLE, ROW_HEIGHT, error_label, show_error, touch_table
from fieldapp.gui.row_model import RowTableModel
from fieldapp.services.customer_profile import CustomerDetail, CustomerProfile, customer_profile
from fieldapp.services.customer_sheet import write_customer_sheet

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

FIELD_MIN_WIDTH = 220
CONTACT_FIELDS = ("contact_name", "contact_phone")
SUPPLY_FIELDS = ("supply_voltage", "contract_capacity", "tariff", "importance", "metering_class", "industry")


class TablePane(QStackedWidget):
    """A table, or in its place a sentence saying the list is empty (an empty grid says nothing)."""

    def __init__(self, table: QTableView, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.empty_note = QLabel(empty_text)
        self.empty_note.setObjectName("emptyNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.addWidget(table)
        self.addWidget(self.empty_note)

    def refresh(self) -> None:
        model = self.table.model()
        empty = model is None or model.rowCount() == 0
        self.setCurrentWidget(self.empty_note if empty else self.table)


class FieldBox(QFrame):
    """A caption over its value, e.g. "Contract capacity (kVA)" over "2,500"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldBox")
        self.setMinimumWidth(FIELD_MIN_WIDTH)
        self.caption = QLabel(caption)
        self.caption.setObjectName("fieldCaption")
        self.value = QLabel()
        self.value.setObjectName("fieldValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)


class CustomerDetailPage(QWidget):
    back_requested = Signal()
    start_requested = Signal(object)  # customer id (uuid.UUID)
    inspection_requested = Signal(object)  # inspection id

    TAB_OVERVIEW, TAB_EQUIPMENT, TAB_INSPECTIONS, TAB_FINDINGS, TAB_TIMELINE, TAB_RECURRING = range(6)

    def __init__(
        self, backend: Backend, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self._backend = backend
        self._today = today
        self.customer_id: uuid.UUID | None = None
        self.profile: CustomerProfile | None = None
        self._stale = False  # shown again after another page: read the customer again

        self.back_button = QPushButton(self.tr("‹ Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setMinimumHeight(BUTTON_HEIGHT)
        self.back_button.clicked.connect(self.back_requested)
        self.start_button = QPushButton(self.tr("Start inspection"))
        self.start_button.setObjectName("primaryButton")
        self.start_button.setMinimumHeight(BUTTON_HEIGHT)
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        self.profile_button = QPushButton(self.tr("Profile PDF"))
        self.profile_button.setObjectName("profilePdfButton")
        self.profile_button.setMinimumHeight(BUTTON_HEIGHT)
        self.profile_button.setEnabled(False)
        self.profile_button.clicked.connect(self.write_profile_pdf)
        self.profile_dialog: ProfilePdfDialog | None = None
        self.name_label = QLabel()
        self.name_label.setObjectName("pageTitle")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where_label = QLabel()
        self.where_label.setObjectName("subtitle")
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()

        self.equipment_model = EquipmentModel(self)
        self.inspections_model = CustomerInspectionsModel(self)
        self.findings_model = OpenFindingsModel(self)
        self.timeline_model = TimelineModel(self)
        self.recurring_model = RecurringHazardsModel(self)

        self.fields: dict[str, FieldBox] = {}
        overview = self._build_overview()
        self.equipment_pane = self._pane(
            "equipmentTable", self.equipment_model, self.tr("No equipment is recorded for this customer.")
        )
        self.inspections_pane = self._pane(
            "customerInspectionsTable",
            self.inspections_model,
            self.tr("This customer has not been inspected in this app yet."),
        )
        self.findings_pane = self._pane(
            "openFindingsTable",
            self.findings_model,
            self.tr("No open findings: nothing awaits rectification."),
        )
        self.timeline_pane = self._pane(
            "timelineTable", self.timeline_model, self.tr("Nothing has happened with this customer yet.")
        )
        self.recurring_pane = self._pane(
            "recurringHazardsTable",
            self.recurring_model,
            self.tr("No hazard has been found by more than one inspection."),
        )
        self._size_columns()
        self.inspections_pane.table.clicked.connect(self._inspection_tapped)
        self.timeline_pane.table.clicked.connect(self._timeline_tapped)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("customerTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.tabBar().setUsesScrollButtons(True)  # English tab titles may not fit a portrait screen
        for pane in (
            overview,
            self.equipment_pane,
            self.inspections_pane,
            self.findings_pane,
            self.timeline_pane,
            self.recurring_pane,
        ):
            self.tabs.addTab(pane, "")

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.profile_button)
        top.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.name_label)
        layout.addWidget(self.where_label)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self._set_tab_titles()

    # -- the window's calls ------------------------------------------------------------------------------

    def open(self, customer_id: uuid.UUID) -> None:
        """Show `customer_id`, on its overview. A customer that cannot be read leaves an empty page that
        says why (never the previous customer's data under a new title)."""
        self.customer_id = customer_id
        self.tabs.setCurrentIndex(self.TAB_OVERVIEW)
        if not self.reload():
            self._show(None)

    def reload(self) -> bool:
        """Read the customer again; False (and the reason on the page) if that failed."""
        if self.customer_id is None:
            return False
        try:
            profile = self._backend.call(customer_profile, self.customer_id)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the customer: %1").replace("%1", str(exc)))
            return False
        show_error(self.error, "")
        self._stale = False
        self._show(profile)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.profile is not None:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Left for another page (not the window minimised): the customer may change meanwhile.
        if not event.spontaneous():
            self._stale = True

    # -- building ----------------------------------------------------------------------------------------

    def _build_overview(self) -> QScrollArea:
        captions = {
            "contact_name": self.tr("Contact"),
            "contact_phone": self.tr("Phone"),
            "supply_voltage": self.tr("Supply voltage"),
            "contract_capacity": self.tr("Contract capacity (kVA)"),
            "tariff": self.tr("Tariff"),
            "importance": self.tr("Importance grade"),
            "metering_class": self.tr("Metering class"),
            "industry": self.tr("Industry"),
        }
        for key, caption in captions.items():
            self.fields[key] = FieldBox(caption)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 12, 0, 12)
        column.setSpacing(8)
        for heading, keys in (
            (self.tr("Contacts"), CONTACT_FIELDS),
            (self.tr("Supply"), SUPPLY_FIELDS),
        ):
            title = QLabel(heading)
            title.setObjectName("sectionTitle")
            column.addWidget(title)
            holder = QWidget()
            flow = FlowLayout(holder, spacing=10)
            for key in keys:
                flow.addWidget(self.fields[key])
            column.addWidget(holder)
        notes_title = QLabel(self.tr("Notes"))
        notes_title.setObjectName("sectionTitle")
        self.notes_label = QLabel()
        self.notes_label.setObjectName("fieldValue")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(notes_title)
        column.addWidget(self.notes_label)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("customerOverview")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # A finger's drag scrolls; the mouse and the pen click, as they must on the buttons and cards
        # inside (a mouse-button scroller would hold back their presses and swallow quick taps).
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        return scroll

    def _pane(self, name: str, model: RowTableModel[Any], empty_text: str) -> TablePane:
        table = touch_table(name)
        table.setModel(model)
        pane = TablePane(table, empty_text)
        model.modelReset.connect(pane.refresh)
        pane.refresh()
        return pane

    def _size_columns(self) -> None:
        """Text columns share the spare width; the rest fit their content. On a portrait screen a wide
        table scrolls sideways (dragged with a finger) rather than cutting cells off."""
        for pane, stretch in (
            (self.equipment_pane, 1),  # model
            (self.inspections_pane, 2),  # checklist
            (self.findings_pane, OpenFindingsModel.DESCRIPTION_COLUMN),
            (self.timeline_pane, TimelineModel.DETAILS_COLUMN),
            (self.recurring_pane, RecurringHazardsModel.DESCRIPTION_COLUMN),
        ):
            header = pane.table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(72)
        # Descriptions are sentences: let them wrap onto a second line rather than be cut.
        for findings in (self.findings_pane.table, self.timeline_pane.table, self.recurring_pane.table):
            _wrap_rows(findings)

    # -- showing -----------------------------------------------------------------------------------------

    def _show(self, profile: CustomerProfile | None) -> None:
        self.profile = profile
        today = self._today()
        detail = profile.detail if profile is not None else None
        self.start_button.setEnabled(detail is not None)
        self.name_label.setText(detail.name if detail else "")
        self.where_label.setText(
            self.tr("Account no. %1 · %2").replace("%1", detail.account_no).replace("%2", detail.address)
            if detail
            else ""
        )
        for key, text in _field_texts(detail).items():
            self.fields[key].value.setText(text or "—")
        self.notes_label.setText((detail.notes if detail else "") or self.tr("No notes."))
        self.equipment_model.set_equipment(profile.equipment if profile else (), today)
        self.inspections_model.set_rows(profile.inspections if profile else ())
        self.findings_model.set_findings(profile.open_findings if profile else (), today)
        self.timeline_model.set_rows(profile.timeline if profile else ())
        self.recurring_model.set_rows(profile.recurring if profile else ())
        self.profile_button.setEnabled(detail is not None)
        self._set_tab_titles()

    def _set_tab_titles(self) -> None:
        self.tabs.setTabText(self.TAB_OVERVIEW, self.tr("Overview"))
        self.tabs.setTabText(
            self.TAB_EQUIPMENT, self.tr("Equipment (%n)", "", self.equipment_model.rowCount())
        )
        self.tabs.setTabText(
            self.TAB_INSPECTIONS, self.tr("Past inspections (%n)", "", self.inspections_model.rowCount())
        )
        self.tabs.setTabText(
            self.TAB_FINDINGS, self.tr("Open findings (%n)", "", self.findings_model.rowCount())
        )
        self.tabs.setTabText(self.TAB_TIMELINE, self.tr("Timeline"))
        self.tabs.setTabText(
            self.TAB_RECURRING, self.tr("Recurring hazards (%n)", "", self.recurring_model.rowCount())
        )

    def _start(self) -> None:
        if self.customer_id is not None and self.profile is not None:
            self.start_requested.emit(self.customer_id)

    def _inspection_tapped(self, index: QModelIndex) -> None:
        if index.isValid():
            self.inspection_requested.emit(self.inspections_model.row_at(index.row()).inspection_id)

    def _timeline_tapped(self, index: QModelIndex) -> None:
        """An entry opens the inspection it belongs to (a visit not yet made has none)."""
        if index.isValid():
            inspection_id = self.timeline_model.row_at(index.row()).inspection_id
            if inspection_id is not None:
                self.inspection_requested.emit(inspection_id)

    def profile_pdf_path(self) -> Path:
        """Where the profile is written: the data folder's reports, named for the customer and the day."""
        assert self.profile is not None
        folder = self._backend.paths.reports
        return folder / f"客户概况-{self.profile.detail.account_no}-{self._today().isoformat()}.pdf"

    def write_profile_pdf(self) -> Path | None:
        """Write the one-page profile and show it (Print, Save as); where it went, or None if it failed."""
        if self.customer_id is None or self.profile is None:
            return None
        path = self.profile_pdf_path()
        if self.profile_dialog is not None:
            # Windows refuses to replace a file another reader holds open: let go of the previous one.
            self.profile_dialog.preview.document.close()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._backend.call(write_customer_sheet, self.customer_id, path, today=self._today())
        except (FieldappError, OSError) as exc:
            show_error(self.error, self.tr("Could not write the profile: %1").replace("%1", str(exc)))
            return None
        show_error(self.error, "")
        if self.profile_dialog is None:
            self.profile_dialog = ProfilePdfDialog(self)
        self.profile_dialog.show_file(path)
        self.profile_dialog.show()
        self.profile_dialog.raise_()
        return path


def _wrap_rows(table: QTableView) -> None:
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
    # Row heights follow the text column's width, which changes with the window (portrait, landscape).
    table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())


def _field_texts(detail: CustomerDetail | None) -> dict[str, str]:
    if detail is None:
        return dict.fromkeys(CONTACT_FIELDS + SUPPLY_FIELDS, "")
    return {
        "contact_name": detail.contact_name,
        "contact_phone": detail.contact_phone,
        "supply_voltage": voltage_label(detail.supply_voltage),
        "contract_capacity": capacity_label(detail.contract_capacity_kva),
        "tariff": tariff_label(detail.tariff),
        "importance": importance_label(detail.importance),
        "metering_class": metering_class_label(detail.metering_class),
        "industry": detail.industry,
    }
