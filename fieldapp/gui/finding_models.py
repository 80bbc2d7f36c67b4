"""The findings page's table: a lazy model over a filter of up to 100 000 findings. It holds the filter's
count and fetches the rows a page at a time as the view asks for them (services.finding_list reads a page
from the index in the list's order), keeping the last pages it read; the ids of a large selection come in
one query. An overdue deadline is red and bold, and says so in words ("overdue 12 days")."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fieldapp.gui.enum_labels import finding_status_label, severity_label
from fieldapp.gui.page_kit import day_text
from fieldapp.gui.row_model import TONE_ROLE, Tone
from fieldapp.services.finding_list import FindingCounts, FindingFilter, FindingRow

FetchCounts = Callable[[FindingFilter], FindingCounts]
FetchPage = Callable[[FindingFilter, int, int], list[FindingRow]]
FetchKeys = Callable[[FindingFilter], list[str]]
Index = QModelIndex | QPersistentModelIndex

CONTEXT = "FindingTableModel"
COLUMNS = (
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Deadline")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Status")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Customer")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Finding")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Grade")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Category")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Found on")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Inspectors")),
    str(QT_TRANSLATE_NOOP("FindingTableModel", "Account no.")),
)
DEADLINE_COLUMN, STATUS_COLUMN, CUSTOMER_COLUMN, DESCRIPTION_COLUMN = 0, 1, 2, 3

_ALERT = QColor("#b3261e")  # as row_model's ALERT tone: red that reads on white and on the selection


def deadline_text_for(deadline: date | None, days: int) -> str:
    """The deadline, and how many days it is past when it is."""
    if days:
        text = QCoreApplication.translate("FindingTableModel", "%1 (overdue %n day(s))", "", days)
        return text.replace("%1", day_text(deadline))
    return day_text(deadline)


def deadline_text(row: FindingRow) -> str:
    return deadline_text_for(row.deadline, row.overdue_days)


def _cells(row: FindingRow) -> tuple[str, ...]:
    return (
        deadline_text(row),
        finding_status_label(row.status),
        row.customer_name,
        row.description,
        severity_label(row.severity),
        row.category,
        day_text(row.found_on),
        row.inspectors,
        row.account_no,
    )


class FindingTableModel(QAbstractTableModel):
    PAGE_SIZE = 50  # a screenful and more: the first paint reads one page
    MAX_CACHED_PAGES = 40
    WHOLE_LIST_FROM = 3 * PAGE_SIZE  # a selection larger than this reads every id in one query

    def __init__(
        self,
        fetch_counts: FetchCounts,
        fetch_page: FetchPage,
        fetch_keys: FetchKeys,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_counts = fetch_counts
        self._fetch_page = fetch_page
        self._fetch_keys = fetch_keys
        self.filter = FindingFilter()
        self.counts = FindingCounts(0, 0)
        # page number -> its rows, each with its cells' texts (made once: a paint asks for every role of
        # every visible cell, and each text needs a translation)
        self._pages: OrderedDict[int, list[tuple[FindingRow, tuple[str, ...]]]] = OrderedDict()
        self._keys: list[str] | None = None

    def set_filter(self, flt: FindingFilter) -> None:
        """Count what the filter finds and start over; the rows are read as they are shown. A failure
        (FieldappError) leaves the model as it was."""
        counts = self._fetch_counts(flt)
        self.beginResetModel()
        self.filter = flt
        self.counts = counts
        self._pages.clear()
        self._keys = None
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    # -- rows ----------------------------------------------------------------------------------------------

    def _held(self, row: int) -> tuple[FindingRow, tuple[str, ...]] | None:
        if not 0 <= row < self.counts.total:
            return None
        page_no = row // self.PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            fetched = self._fetch_page(self.filter, page_no * self.PAGE_SIZE, self.PAGE_SIZE)
            page = [(found, _cells(found)) for found in fetched]
            self._pages[page_no] = page
            if len(self._pages) > self.MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = row - page_no * self.PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_at(self, row: int) -> FindingRow | None:
        """The row, read with its page if it is not held yet; None past the end (the list changed)."""
        held = self._held(row)
        return held[0] if held is not None else None

    def finding_ids(self, rows: Sequence[int]) -> list[uuid.UUID]:
        """The ids of these rows, in the order given."""
        if len(rows) > self.WHOLE_LIST_FROM:
            if self._keys is None:
                self._keys = self._fetch_keys(self.filter)
            keys = self._keys
            return [uuid.UUID(keys[r]) for r in rows if 0 <= r < len(keys)]
        found = (self.row_at(r) for r in rows)
        return [row.finding_id for row in found if row is not None]

    def row_of(self, finding_id: uuid.UUID) -> int | None:
        """The row showing this finding, among the pages held (the one just acted on is among them)."""
        for page_no, page in self._pages.items():
            for offset, (row, _cells) in enumerate(page):
                if row.finding_id == finding_id:
                    return page_no * self.PAGE_SIZE + offset
        return None

    # -- Qt -----------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self.counts.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return QCoreApplication.translate(CONTEXT, COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(COLUMNS):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            TONE_ROLE,
        ):
            return None
        held = self._held(index.row())
        if held is None:
            return None
        row, cells = held
        alert = index.column() == DEADLINE_COLUMN and row.overdue_days > 0
        if role == TONE_ROLE:
            return int(Tone.ALERT if alert else Tone.NORMAL)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_ALERT) if alert else None
        if role == Qt.ItemDataRole.FontRole:
            if not alert:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.description if index.column() == DESCRIPTION_COLUMN else None
        return cells[index.column()]
