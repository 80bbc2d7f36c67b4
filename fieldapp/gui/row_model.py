"""A read-only table model over a list of plain rows (the frozen dataclasses the services return), its
columns declared once as text functions. The list pages and the customer page each declare their columns
and nothing else, so every list shows, aligns and highlights its cells the same way.

A column may give a cell a tone: WARN (amber, e.g. a test falling due soon) or ALERT (red, overdue). The
tone is shown as colour and bold type, and is readable through TONE_ROLE so tests and other views can ask
for it without comparing colours. Tone is never the only sign: the columns that use it also say it in
words (e.g. "overdue 12 days")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

TONE_ROLE = int(Qt.ItemDataRole.UserRole) + 1

_ALERT_COLOUR = QColor("#b3261e")  # red with enough contrast on white and on the selection colour
_WARN_COLOUR = QColor("#8a5300")  # dark amber: amber text in the usual shade is unreadable in sunlight


class Tone(IntEnum):
    NORMAL = 0
    WARN = 1
    ALERT = 2


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str  # English source text, marked with QT_TRANSLATE_NOOP in the model's CONTEXT
    text: Callable[[T], str]
    tone: Callable[[T], Tone] | None = None
    align_right: bool = False  # numbers


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses set CONTEXT (the translation context of their headers) and COLUMNS."""

    CONTEXT = "RowTableModel"
    COLUMNS: Sequence[Column[T]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def header_text(self, column: int) -> str:
        return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[column].header)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.header_text(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def tone(self, row: int, column: int) -> Tone:
        tone_of = self.COLUMNS[column].tone
        return tone_of(self._rows[row]) if tone_of is not None else Tone.NORMAL

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == TONE_ROLE:
            return int(self.tone(index.row(), index.column()))
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = self.tone(index.row(), index.column())
            if tone is Tone.ALERT:
                return QBrush(_ALERT_COLOUR)
            if tone is Tone.WARN:
                return QBrush(_WARN_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and self.tone(index.row(), index.column()) is not Tone.NORMAL:
            font = QFont()
            font.setBold(True)
            return font
        return None
