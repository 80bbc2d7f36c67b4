"""Sync: the exchange with the office and the other tablets through .fieldsync files. Three tabs: Export (to a
chosen folder, with a progress bar), Import (a dry run's preview first, applied on confirmation) and the
history of this device's exchanges, newest first.

The exchanges run off the GUI thread on the app's sync runner (fieldapp.gui.sync_worker), one at a time;
the window stays usable meanwhile. An applied import says so (data_changed), and the workflow has the other
pages read their data again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QScroller,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldappError
from fieldapp.gui.page_kit import PAGE_STYLE, ListOrNote, error_label, show_error, touch_table
from fieldapp.gui.sync_export_pane import ExportPane
from fieldapp.gui.sync_import_pane import ImportPane
from fieldapp.gui.sync_kit import SYNC_STYLE, note_label
from fieldapp.gui.sync_models import ExchangeTableModel
from fieldapp.gui.sync_worker import IMPORT, PREVIEW, SyncRunner, shared_runner
from fieldapp.services.exchange_list import list_exchanges

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

HISTORY_LIMIT = 200


class HistoryPane(QWidget):
    """This device's exports and imports, newest first, with what each moved."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.model = ExchangeTableModel(self)
        self.table = touch_table("exchangeTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ExchangeTableModel.FILE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)
        self.list_stack = ListOrNote(
            self.table,
            self.tr("No exchange yet. The exports and imports made on this device are listed here."),
        )
        self.error = error_label()
        self.count_label = note_label()
        self.count_label.setObjectName("historyCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.error)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list_stack, 1)

    def load(self) -> None:
        try:
            rows = self._backend.call(list_exchanges, HISTORY_LIMIT)
        except FieldappError as exc:
            show_error(self.error, self.tr("Could not read the exchange history: %1").replace("%1", str(exc)))
            return
        show_error(self.error, "")
        self.model.set_rows(rows)
        count = len(rows)
        if count >= HISTORY_LIMIT:
            self.count_label.setText(self.tr("The newest %n exchange(s).", "", count))
        else:
            self.count_label.setText(self.tr("%n exchange(s), newest first.", "", count))
        self.list_stack.show_count(count)


class SyncPage(QWidget):
    data_changed = Signal()  # an import changed the database: what other pages show may be out of date

    TAB_EXPORT, TAB_IMPORT, TAB_HISTORY = range(3)

    def __init__(
        self, backend: Backend, parent: QWidget | None = None, *, runner: SyncRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE + SYNC_STYLE)
        self._backend = backend
        self.runner = runner or shared_runner()
        self._stale = True  # read on the next show

        title = QLabel(self.tr("Sync"))
        title.setObjectName("pageTitle")
        self.export_pane = ExportPane(backend, self.runner)
        self.import_pane = ImportPane(backend, self.runner)
        self.history = HistoryPane(backend)
        self.export_pane.exported.connect(lambda _summary: self._exchanged())
        self.import_pane.imported.connect(lambda _report: self._imported())

        # The export's form may be taller than a landscape tablet's page: it scrolls rather than squeezes.
        export_scroll = QScrollArea()
        export_scroll.setObjectName("exportScroll")
        export_scroll.setWidgetResizable(True)
        export_scroll.setFrameShape(QFrame.Shape.NoFrame)
        export_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        export_scroll.setWidget(self.export_pane)
        QScroller.grabGesture(export_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("syncTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.tabBar().setUsesScrollButtons(True)
        self.tabs.addTab(export_scroll, self.tr("Export"))
        self.tabs.addTab(self.import_pane, self.tr("Import"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

        # A page rebuilt while an import runs (a language switch) opens where its result will show.
        if self.runner.busy and self.runner.kind in (PREVIEW, IMPORT):
            self.tabs.setCurrentIndex(self.TAB_IMPORT)

    def load(self) -> None:
        self._stale = False
        self.export_pane.load()
        self.history.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # left for another page: the history may grow meanwhile (the CLI)
            self._stale = True

    def _tab_changed(self, index: int) -> None:
        if index == self.TAB_HISTORY:
            self.history.load()

    def _exchanged(self) -> None:
        self.history.load()
        self.export_pane.load()  # the peer just exported to is listed now

    def _imported(self) -> None:
        self._exchanged()
        self.data_changed.emit()
