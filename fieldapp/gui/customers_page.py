"""The customer register: search by account number, name or address over a lazy model; a tap on a row asks
the window to open that customer (customer_requested)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScroller,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.customer_model import CustomerTableModel, FetchIds, FetchRows
from fieldapp.gui.page_kit import debounced


class CustomersPage(QWidget):
    customer_requested = Signal(object)  # customer id (uuid.UUID): open the customer page

    def __init__(self, fetch_ids: FetchIds, fetch_rows: FetchRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CustomerTableModel(fetch_ids, fetch_rows, self)

        title = QLabel(self.tr("Customers"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Search by account number, name or address"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")

        self.table = QTableView()
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view then never asks the model for every row to measure it.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Drag to scroll with a finger (and the mouse's left button, which is how a pen arrives).
        QScroller.grabGesture(self.table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((150, 300, 320, 110, 170, 110)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A tap is a click (no double tap on a tablet); `activated` would also fire on some platforms' single
        # clicks and ask twice.
        self.table.clicked.connect(self._row_tapped)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

        self._debounce = debounced(self, self.search, self.apply_search)

    def apply_search(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.search.text())
        self._show_count()

    def load(self) -> None:
        self.apply_search()

    def _row_tapped(self, index: QModelIndex) -> None:
        if index.isValid():
            self.customer_requested.emit(self.model.customer_id(index.row()))

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n customer(s)", "", self.model.rowCount()))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
