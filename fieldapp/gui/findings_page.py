"""Findings: the office follows every hazard through to its fix. The list is every finding of the finalized
inspections, most urgent first, filtered by status (not yet verified by default), customer (name or
account number as typed), grade, category (A to K), inspector and deadline (overdue, due within N days, or
between two days); the overdue ones are red, and counted beside the total.

The finding chosen in the list shows on the right (FindingDetailPanel) with its history and a button for
each step its status allows; several chosen (Ctrl or Shift, or Select all) take one step together, all or
nothing: when any refuses it, the page lists which and why and nothing changes. Each step asks what it
needs in FindingStepDialog."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontMetrics, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.enums import FindingStatus, Severity
from fieldapp.domain.errors import FieldappError
from fieldapp.domain.finding_lifecycle import UNRESOLVED, BulkRefusedError
from fieldapp.gui.enum_labels import finding_status_label, severity_label
from fieldapp.gui.finding_detail import FindingDetailPanel
from fieldapp.gui.finding_dialogs import FindingStepDialog
from fieldapp.gui.finding_models import (
    CUSTOMER_COLUMN,
    DEADLINE_COLUMN,
    DESCRIPTION_COLUMN,
    STATUS_COLUMN,
    FindingTableModel,
    deadline_text_for,
)
from fieldapp.gui.page_kit import (
    BUTTON_HEIGHT,
    PAGE_STYLE,
    DateEdit,
    ListOrNote,
    debounced,
    error_label,
    show_error,
    touch_table,
)
from fieldapp.services.finding_lifecycle import (
    MAX_BULK,
    EvidenceView,
    Step,
    evidence_file,
    finding_detail,
    take_step,
    take_step_for_all,
)
from fieldapp.services.finding_list import (
    CATEGORIES,
    DeadlineScope,
    FindingFilter,
    count_findings,
    finding_keys,
    finding_page,
)
from fieldapp.services.inspectors import list_inspectors

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

S = FindingStatus
FILTER_STYLE = """
QComboBox, QDateEdit, QSpinBox { min-height: 48px; font-size: 14pt; padding: 0 8px; }
#overdueCount { color: #b3261e; font-weight: bold; font-size: 14pt; }
#resultCount { font-size: 14pt; color: #33404f; }
"""
UNVERIFIED = "unverified"
ALL = "all"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class FindingsPage(QWidget):
    customer_requested = Signal(object)  # customer id (uuid.UUID)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE + FILTER_STYLE)
        self._backend = backend
        self._stale = True
        self._last_by = ""  # who took the last step here: the next dialog starts with it
        self.people: list[str] = []  # "staff number name" of each inspector, offered as who took a step
        self.model = FindingTableModel(
            lambda flt: backend.call(count_findings, flt),
            lambda flt, offset, limit: backend.call(finding_page, flt, offset, limit),
            lambda flt: backend.call(finding_keys, flt),
            self,
        )

        title = QLabel(self.tr("Findings"))
        title.setObjectName("pageTitle")

        # -- filters ---------------------------------------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("findingSearch")
        self.search.setPlaceholderText(self.tr("Customer name or account number"))
        self.search.setClearButtonEnabled(True)
        self.status_combo = self._combo("statusFilter")
        self.status_combo.addItem(self.tr("Not verified"), UNVERIFIED)
        self.status_combo.addItem(self.tr("Every status"), ALL)
        for status in FindingStatus:
            self.status_combo.addItem(finding_status_label(status), status.value)
        self.severity_combo = self._combo("severityFilter")
        self.severity_combo.addItem(self.tr("Every grade"), "")
        for severity in Severity:
            self.severity_combo.addItem(severity_label(severity), severity.value)
        self.category_combo = self._combo("categoryFilter")
        self.category_combo.addItem(self.tr("Every category"), "")
        for letter in CATEGORIES:
            self.category_combo.addItem(self.tr("Category %1").replace("%1", letter), letter)
        self.inspector_combo = self._combo("inspectorFilter")
        self.inspector_combo.addItem(self.tr("Every inspector"), None)
        self.deadline_combo = self._combo("deadlineFilter")
        for scope, text in (
            (DeadlineScope.ANY, self.tr("Any deadline")),
            (DeadlineScope.OVERDUE, self.tr("Overdue")),
            (DeadlineScope.DUE_WITHIN, self.tr("Due within")),
            (DeadlineScope.RANGE, self.tr("Deadline between")),
        ):
            self.deadline_combo.addItem(text, scope.value)
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("withinDays")
        self.days_spin.setRange(0, 3650)
        self.days_spin.setValue(30)
        self.days_spin.setSuffix(self.tr(" days"))
        self.from_edit = self._date_edit("deadlineFrom")
        self.to_edit = self._date_edit("deadlineTo")
        today = date.today()
        self.from_edit.setDate(_qdate(today))
        self.to_edit.setDate(_qdate(today).addDays(30))
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueCount")

        for combo in (
            self.status_combo,
            self.severity_combo,
            self.category_combo,
            self.inspector_combo,
            self.deadline_combo,
        ):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.days_spin.valueChanged.connect(lambda _value: self.apply_filter())
        self.from_edit.dateChanged.connect(lambda _value: self.apply_filter())
        self.to_edit.dateChanged.connect(lambda _value: self.apply_filter())

        # -- bulk actions ----------------------------------------------------------------------------------
        self.select_all_button = self._button(self.tr("Select all"), "selectAllButton")
        self.select_all_button.clicked.connect(self.select_all)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("fieldCaption")
        self.bulk_buttons: dict[FindingStatus, QPushButton] = {}
        for target, text in (
            (S.NOTIFIED, self.tr("Notify…")),
            (S.FIX_REPORTED, self.tr("Fix reported…")),
            (S.VERIFIED, self.tr("Verify…")),
            (S.REOPENED, self.tr("Reopen…")),
        ):
            button = self._button(text, f"bulk_{target.value}")
            button.clicked.connect(lambda _checked=False, t=target: self.bulk_step(t))
            self.bulk_buttons[target] = button

        # -- list and detail ------------------------------------------------------------------------------
        self.table = touch_table("findingTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setModel(self.model)
        # Widths from the texts, never from the rows: sizing to contents would read every page of the list.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(72)
        metrics = self.table.fontMetrics()
        bold = self.table.font()
        bold.setBold(True)
        widest_deadline = deadline_text_for(date(2026, 12, 31), 999)
        header.resizeSection(DEADLINE_COLUMN, QFontMetrics(bold).horizontalAdvance(widest_deadline) + 28)
        header.resizeSection(
            STATUS_COLUMN, max(metrics.horizontalAdvance(finding_status_label(s)) for s in FindingStatus) + 28
        )
        # Long names are elided: on a 1280 px tablet with the detail open, the description must still show.
        header.resizeSection(CUSTOMER_COLUMN, metrics.horizontalAdvance("临河县自来水公司") + 28)
        header.resizeSection(
            DESCRIPTION_COLUMN, metrics.horizontalAdvance("配电室电缆沟积水，未设排水设施") + 28
        )
        self.table.selectionModel().selectionChanged.connect(lambda _a, _b: self._selection_changed())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list_stack = ListOrNote(self.table, self.tr("No finding matches. Change the filters."))
        self.empty_note = self.list_stack.note
        self.detail = FindingDetailPanel(backend)
        self.detail.setMinimumWidth(360)
        self.detail.step_requested.connect(self.step_shown)
        self.detail.customer_requested.connect(self.customer_requested)
        self.detail.evidence_requested.connect(self.open_evidence)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 420])
        self.splitter.setChildrenCollapsible(False)

        self.error = error_label()
        self.message = QLabel()
        self.message.setObjectName("fieldCaption")
        self.message.setWordWrap(True)
        self.message.hide()

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 2)
        for combo in (self.status_combo, self.severity_combo, self.category_combo, self.inspector_combo):
            filters.addWidget(combo, 1)
        deadlines = QHBoxLayout()
        deadlines.setSpacing(8)
        deadlines.addWidget(self.deadline_combo)
        deadlines.addWidget(self.days_spin)
        deadlines.addWidget(self.from_edit)
        deadlines.addWidget(self.to_edit)
        deadlines.addStretch(1)
        deadlines.addWidget(self.count_label)
        deadlines.addWidget(self.overdue_label)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.select_all_button)
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        for button in self.bulk_buttons.values():
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(deadlines)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

        self._debounce = debounced(self, self.search, self.apply_filter)
        self._show_deadline_fields()
        self._selection_changed()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _date_edit(self, name: str) -> DateEdit:
        edit = DateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(BUTTON_HEIGHT)
        return button

    # -- the filter ---------------------------------------------------------------------------------------

    def current_filter(self) -> FindingFilter:
        status = self.status_combo.currentData()
        if status == UNVERIFIED:
            statuses = UNRESOLVED
        elif status == ALL:
            statuses = frozenset()
        else:
            statuses = frozenset({FindingStatus(status)})
        severity = self.severity_combo.currentData()
        scope = DeadlineScope(self.deadline_combo.currentData())
        return FindingFilter(
            statuses=statuses,
            customer_text=self.search.text(),
            severity=Severity(severity) if severity else None,
            category=self.category_combo.currentData() or "",
            inspector_id=self.inspector_combo.currentData(),
            deadline=scope,
            within_days=self.days_spin.value(),
            deadline_from=_day(self.from_edit.date()) if scope is DeadlineScope.RANGE else None,
            deadline_to=_day(self.to_edit.date()) if scope is DeadlineScope.RANGE else None,
        )

    def _show_deadline_fields(self) -> None:
        scope = DeadlineScope(self.deadline_combo.currentData())
        self.days_spin.setVisible(scope is DeadlineScope.DUE_WITHIN)
        self.from_edit.setVisible(scope is DeadlineScope.RANGE)
        self.to_edit.setVisible(scope is DeadlineScope.RANGE)

    def load(self) -> None:
        self._load_inspectors()
        self.apply_filter()

    def _load_inspectors(self) -> None:
        try:
            inspectors = self._backend.call(list_inspectors, active_only=False)
        except FieldappError:
            return  # the filter works without the list; the next load tries again
        chosen = self.inspector_combo.currentData()
        self.inspector_combo.blockSignals(True)
        self.inspector_combo.clear()
        self.inspector_combo.addItem(self.tr("Every inspector"), None)
        for inspector in inspectors:
            self.inspector_combo.addItem(f"{inspector.name}（{inspector.staff_no}）", inspector.id)
        self.people = [f"{i.staff_no} {i.name}" for i in inspectors]
        index = self.inspector_combo.findData(chosen)
        self.inspector_combo.setCurrentIndex(max(index, 0))
        self.inspector_combo.blockSignals(False)

    def apply_filter(self) -> None:
        """Count and show what the filters find now; on failure the page says so and keeps its list."""
        self._debounce.stop()
        self._show_deadline_fields()
        shown = self.detail.detail.finding_id if self.detail.detail is not None else None
        try:
            self.model.set_filter(self.current_filter())
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the findings: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self._stale = False
        self._show_counts()
        self.list_stack.show_count(self.model.rowCount())
        row = self.model.row_of(shown) if shown is not None else None
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif self.detail.detail is not None:
            self.detail.show_detail(None)
        self._selection_changed()

    def _show_counts(self) -> None:
        total, overdue = self.model.counts.total, self.model.counts.overdue
        self.count_label.setText(self.tr("%n finding(s)", "", total))
        self.overdue_label.setText(self.tr("%n overdue", "", overdue) if overdue else "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and not event.spontaneous():
            self.load()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Left for another page (not the window minimised): findings may change meanwhile (an inspection
        # finalized, a sync imported), so the list is read again when the page is shown again.
        if not event.spontaneous():
            self._stale = True

    # -- choosing ---------------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    def select_all(self) -> None:
        self.table.selectAll()

    def _selection_changed(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.selection_label.setText(self.tr("%n chosen", "", count) if count else "")
        for button in self.bulk_buttons.values():
            button.setEnabled(count > 0)
        self.select_all_button.setEnabled(self.model.rowCount() > 0)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.show_finding(row.finding_id if row is not None else None)

    def show_finding(self, finding_id: uuid.UUID | None) -> None:
        if finding_id is None:
            self.detail.show_detail(None)
            return
        try:
            detail = self._backend.call(finding_detail, finding_id)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the finding: %1").replace("%1", str(exc)))
            self.detail.show_detail(None)
            return
        self.detail.show_detail(detail)

    # -- acting ------------------------------------------------------------------------------------------

    def _ask(self, target: FindingStatus, count: int, submit: object, current_deadline: date | None) -> bool:
        by = FindingStepDialog.ask(
            target,
            submit,  # type: ignore[arg-type]
            count=count,
            current_deadline=current_deadline,
            by=self._last_by,
            people=self.people,
            parent=self,
        )
        if by is None:
            return False
        self._last_by = by
        return True

    def step_shown(self, target: FindingStatus) -> None:
        """Take a step for the finding shown in the panel."""
        detail = self.detail.detail
        if detail is None:
            return
        finding_id = detail.finding_id

        def submit(step: Step) -> str | None:
            try:
                self._backend.call(take_step, finding_id, step, photos_root=self._backend.paths.photos)
            except FieldappError as exc:
                return str(exc)
            return None

        if self._ask(target, 1, submit, detail.current_deadline):
            self._say(self.tr("Saved."))
            self._after_step(finding_id)

    def bulk_step(self, target: FindingStatus) -> None:
        """Take one step for every chosen finding, all or nothing."""
        rows = self.selected_rows()
        if not rows:
            return
        if len(rows) > MAX_BULK:
            show_error(
                self.error,
                self.tr("At most %1 findings take a step together; narrow the filter.").replace(
                    "%1", str(MAX_BULK)
                ),
            )
            return
        try:
            ids = self.model.finding_ids(rows)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the findings: %1").replace("%1", str(exc)))
            return
        refused: list[BulkRefusedError] = []

        def submit(step: Step) -> str | None:
            try:
                self._backend.call(take_step_for_all, ids, step, photos_root=self._backend.paths.photos)
            except BulkRefusedError as exc:
                refused.append(exc)
                return self.refusal_text(exc)
            except FieldappError as exc:
                return str(exc)
            return None

        if self._ask(target, len(ids), submit, None):
            self._say(self.tr("Saved for %n finding(s).", "", len(ids)))
            self._after_step(self.detail.detail.finding_id if self.detail.detail else None)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def refusal_text(self, error: BulkRefusedError) -> str:
        """Which findings refused a bulk step and why: the first ten, then how many more."""
        refused = len(error.refusals)
        total = error.total
        lines = [
            self.tr("%1 of %2 findings refused this step, so none was changed:")
            .replace("%1", str(refused))
            .replace("%2", str(total))
        ]
        lines += [f"• {r.label}: {r.reason}" for r in error.refusals[:10]]
        more = refused - 10
        if more > 0:
            lines.append(self.tr("… and %n more.", "", more))
        return "\n".join(lines)

    def _after_step(self, finding_id: uuid.UUID | None) -> None:
        self.apply_filter()
        if finding_id is not None and (
            self.detail.detail is None or self.detail.detail.finding_id != finding_id
        ):
            self.show_finding(finding_id)  # it may have left the list (verified, say): still shown here

    def open_evidence(self, item: EvidenceView) -> None:
        path = evidence_file(self._backend.paths.photos, item)
        if not path.is_file():
            QMessageBox.warning(
                self,
                self.tr("Evidence"),
                self.tr("The file %1 is not on this device.").replace("%1", path.name),
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
