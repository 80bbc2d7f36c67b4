"""A lazy table model of customers. It holds only the ids that match the search, and fetches the rows it is
asked to show a page at a time (Anki's browser does the same), so 10 000 customers cost one id query.

The ids may come as uuid.UUID or as their text (services.customers.search_customer_keys, the fast way for
long lists); the model turns text into UUIDs only for the rows it shows."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from fieldapp.gui.labels import capacity_label, importance_label, voltage_label
from fieldapp.services.customers import CustomerRow

FetchIds = Callable[[str], Sequence[uuid.UUID | str]]
FetchRows = Callable[[Sequence[uuid.UUID]], list[CustomerRow]]

COLUMNS = (
    str(QT_TRANSLATE_NOOP("CustomerTableModel", "Account no.")),
    str(QT_TRANSLATE_NOOP("CustomerTableModel", "Customer")),
    str(QT_TRANSLATE_NOOP("CustomerTableModel", "Address")),
    str(QT_TRANSLATE_NOOP("CustomerTableModel", "Supply voltage")),
    str(QT_TRANSLATE_NOOP("CustomerTableModel", "Contract capacity (kVA)")),
    str(QT_TRANSLATE_NOOP("CustomerTableModel", "Importance")),
)

Index = QModelIndex | QPersistentModelIndex


class CustomerTableModel(QAbstractTableModel):
    PAGE_SIZE = 100
    MAX_CACHED_PAGES = 30

    def __init__(self, fetch_ids: FetchIds, fetch_rows: FetchRows, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch_ids = fetch_ids
        self._fetch_rows = fetch_rows
        self._ids: Sequence[uuid.UUID | str] = []
        self._pages: OrderedDict[int, dict[uuid.UUID, CustomerRow]] = OrderedDict()
        self._filter = ""

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text
        self._ids = self._fetch_ids(text)
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self._filter)

    def customer_id(self, row: int) -> uuid.UUID:
        return _as_uuid(self._ids[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("CustomerTableModel", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        return (
            row.account_no,
            row.name,
            row.address,
            voltage_label(row.supply_voltage),
            capacity_label(row.contract_capacity_kva),
            importance_label(row.importance),
        )[index.column()]

    def _row(self, row: int) -> CustomerRow | None:
        page_no = row // self.PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = [_as_uuid(i) for i in self._ids[page_no * self.PAGE_SIZE : (page_no + 1) * self.PAGE_SIZE]]
            page = {r.id: r for r in self._fetch_rows(ids)}
            self._pages[page_no] = page
            if len(self._pages) > self.MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(_as_uuid(self._ids[row]))


def _as_uuid(key: uuid.UUID | str) -> uuid.UUID:
    return key if isinstance(key, uuid.UUID) else uuid.UUID(key)
