"""The Sync page's tables: the history of exchanges (services.exchange_list.ExchangeRow), and what an import
would change or did change, its conflicts and its problems (plain lines made from the import's report)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from fieldapp.gui.page_kit import local_time_text
from fieldapp.gui.row_model import Column, Index, RowTableModel, Tone
from fieldapp.services.exchange_list import ExchangeRow


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def file_name(path: str) -> str:
    """The file's name out of a stored path, whichever system wrote it (PureWindowsPath splits on both
    kinds of slash)."""
    return PureWindowsPath(path).name or path


T = TypeVar("T")


class WholeTextModel(RowTableModel[T]):
    """A cell too long for its column (the fields an update changed, a value lost in a conflict) is cut
    with an ellipsis; under a hovering pen or mouse it shows whole (and the import's report has it all)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


def _direction(row: ExchangeRow) -> str:
    if not row.is_export:
        return QCoreApplication.translate("ExchangeTableModel", "Import")
    if row.full:
        return QCoreApplication.translate("ExchangeTableModel", "Export")
    return QCoreApplication.translate("ExchangeTableModel", "Export (changes)")


def exchange_counts(row: ExchangeRow) -> str:
    """What an exchange moved, in words: records and photos out, or the import's counts that are not 0
    (short, so the history fits a tablet held upright)."""
    if row.is_export:
        return (
            QCoreApplication.translate("ExchangeTableModel", "%1 records · %2 photos · %3")
            .replace("%1", str(row.rows))
            .replace("%2", str(row.photos))
            .replace("%3", megabytes(row.bytes))
        )
    counts = (
        (QT_TRANSLATE_NOOP("ExchangeTableModel", "new %1"), row.inserted),
        (QT_TRANSLATE_NOOP("ExchangeTableModel", "updated %1"), row.updated),
        (QT_TRANSLATE_NOOP("ExchangeTableModel", "unchanged %1"), row.unchanged),
        (QT_TRANSLATE_NOOP("ExchangeTableModel", "conflicts %1"), row.conflicts),
        (QT_TRANSLATE_NOOP("ExchangeTableModel", "rejected %1"), row.rejected),
    )
    parts = [
        QCoreApplication.translate("ExchangeTableModel", str(text)).replace("%1", str(count))
        for text, count in counts
        if count
    ]
    return " · ".join(parts) or "—"


def _attention(row: ExchangeRow) -> Tone:
    if row.rejected:
        return Tone.ALERT
    return Tone.WARN if row.conflicts else Tone.NORMAL


class ExchangeTableModel(WholeTextModel[ExchangeRow]):
    CONTEXT = "ExchangeTableModel"
    FILE_COLUMN = 4
    COLUMNS = (
        Column[ExchangeRow](
            str(QT_TRANSLATE_NOOP("ExchangeTableModel", "Time")), lambda r: local_time_text(r.started_at)
        ),
        Column[ExchangeRow](str(QT_TRANSLATE_NOOP("ExchangeTableModel", "Direction")), _direction),
        Column[ExchangeRow](str(QT_TRANSLATE_NOOP("ExchangeTableModel", "Peer")), lambda r: r.peer or "—"),
        Column[ExchangeRow](
            str(QT_TRANSLATE_NOOP("ExchangeTableModel", "Counts")), exchange_counts, tone=_attention
        ),
        Column[ExchangeRow](
            str(QT_TRANSLATE_NOOP("ExchangeTableModel", "File")), lambda r: file_name(r.file_name)
        ),
    )


@dataclass(frozen=True)
class ChangeLine:
    sheet: str
    row: int
    inserted: bool
    edited: bool  # a person's edit in the workbook
    fields: str


def _change_text(line: ChangeLine) -> str:
    if line.inserted:
        return QCoreApplication.translate("ChangeTableModel", "New")
    if line.edited:
        return QCoreApplication.translate("ChangeTableModel", "Updated (edited in the workbook)")
    return QCoreApplication.translate("ChangeTableModel", "Updated")


class ChangeTableModel(WholeTextModel[ChangeLine]):
    CONTEXT = "ChangeTableModel"
    COLUMNS = (
        Column[ChangeLine](str(QT_TRANSLATE_NOOP("ChangeTableModel", "Sheet")), lambda r: r.sheet),
        Column[ChangeLine](
            str(QT_TRANSLATE_NOOP("ChangeTableModel", "Row")), lambda r: str(r.row), align_right=True
        ),
        Column[ChangeLine](str(QT_TRANSLATE_NOOP("ChangeTableModel", "Change")), _change_text),
        Column[ChangeLine](str(QT_TRANSLATE_NOOP("ChangeTableModel", "Fields")), lambda r: r.fields or "—"),
    )


@dataclass(frozen=True)
class ConflictLine:
    sheet: str
    row: int
    field: str
    kept: str
    lost: str
    lost_from: str


class ConflictTableModel(WholeTextModel[ConflictLine]):
    CONTEXT = "ConflictTableModel"
    COLUMNS = (
        Column[ConflictLine](str(QT_TRANSLATE_NOOP("ConflictTableModel", "Sheet")), lambda r: r.sheet),
        Column[ConflictLine](
            str(QT_TRANSLATE_NOOP("ConflictTableModel", "Row")), lambda r: str(r.row), align_right=True
        ),
        Column[ConflictLine](str(QT_TRANSLATE_NOOP("ConflictTableModel", "Field")), lambda r: r.field),
        Column[ConflictLine](str(QT_TRANSLATE_NOOP("ConflictTableModel", "Kept")), lambda r: r.kept),
        Column[ConflictLine](
            str(QT_TRANSLATE_NOOP("ConflictTableModel", "Lost")), lambda r: r.lost, tone=lambda _r: Tone.WARN
        ),
        Column[ConflictLine](
            str(QT_TRANSLATE_NOOP("ConflictTableModel", "Lost value from")), lambda r: r.lost_from
        ),
    )


@dataclass(frozen=True)
class ProblemLine:
    rejected: bool  # a record refused (the rest applies), else a problem of the file (nothing applies)
    sheet: str
    row: int | None
    column: str
    message: str


def _problem_kind(line: ProblemLine) -> str:
    if line.rejected:
        return QCoreApplication.translate("ProblemTableModel", "Rejected")
    return QCoreApplication.translate("ProblemTableModel", "Error")


class ProblemTableModel(WholeTextModel[ProblemLine]):
    CONTEXT = "ProblemTableModel"
    MESSAGE_COLUMN = 4
    COLUMNS = (
        Column[ProblemLine](
            str(QT_TRANSLATE_NOOP("ProblemTableModel", "Kind")), _problem_kind, tone=lambda _r: Tone.ALERT
        ),
        Column[ProblemLine](str(QT_TRANSLATE_NOOP("ProblemTableModel", "Sheet")), lambda r: r.sheet or "—"),
        Column[ProblemLine](
            str(QT_TRANSLATE_NOOP("ProblemTableModel", "Row")),
            lambda r: str(r.row) if r.row else "—",
            align_right=True,
        ),
        Column[ProblemLine](str(QT_TRANSLATE_NOOP("ProblemTableModel", "Column")), lambda r: r.column or "—"),
        Column[ProblemLine](str(QT_TRANSLATE_NOOP("ProblemTableModel", "Message")), lambda r: r.message),
    )
