"""The section list beside the item card: each section of the checklist with how many of its shown items
are answered. Items hidden by their relevance condition are not counted (they are not asked), so the
numbers move as answers show and hide items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
SectionCodeRole = Qt.ItemDataRole.UserRole + 1
AnsweredRole = Qt.ItemDataRole.UserRole + 2
VisibleRole = Qt.ItemDataRole.UserRole + 3

_DONE = QColor("#2e7d32")
_EMPTY = QColor("#9aa3ad")


@dataclass(frozen=True)
class SectionProgress:
    code: str
    title: str
    visible: int  # items shown now
    answered: int  # of those, answered


class SectionListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sections: list[SectionProgress] = []

    def set_sections(self, sections: Sequence[SectionProgress]) -> None:
        """Replace the rows; when only the counts changed (the usual case after a tap), say so row by row
        rather than resetting, so the view keeps its selection and scroll position."""
        new = list(sections)
        if [s.code for s in new] != [s.code for s in self.sections]:
            self.beginResetModel()
            self.sections = new
            self.endResetModel()
            return
        old, self.sections = self.sections, new
        for row, (before, after) in enumerate(zip(old, new, strict=True)):
            if before != after:
                self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, code: str) -> int:
        return next((row for row, s in enumerate(self.sections) if s.code == code), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.sections)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self.sections):
            return Qt.ItemFlag.NoItemFlags
        # A section whose items are all hidden has nothing to jump to.
        if self.sections[index.row()].visible == 0:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.sections):
            return None
        section = self.sections[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            done = section.visible > 0 and section.answered == section.visible
            mark = " ✓" if done else ""
            counts = self.tr("%1 of %2 answered").replace("%1", str(section.answered))
            counts = counts.replace("%2", str(section.visible))
            return f"{section.code}  {section.title}\n{counts}{mark}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if section.visible == 0:
                return QBrush(_EMPTY)
            if section.answered == section.visible:
                return QBrush(_DONE)
            return None
        if role == SectionCodeRole:
            return section.code
        if role == AnsweredRole:
            return section.answered
        if role == VisibleRole:
            return section.visible
        return None
