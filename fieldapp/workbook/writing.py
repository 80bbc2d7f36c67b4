"""Writing workbooks for people: a styled header whose cells explain themselves, text that stays text, and
a file that appears whole or not at all."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.workbook.reading import Columns

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
BAND_FILL = PatternFill("solid", fgColor="DCE6F1")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)


def set_text(cell: Cell, text: str) -> None:
    """Store `text` as text. openpyxl writes any string that starts with '=' as a formula; whatever a user
    typed must never become one (formula injection)."""
    cell.value = text
    cell.data_type = "s"


def write_header(sheet: Worksheet, columns: Columns) -> None:
    for number, (key, explanation) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number)
        set_text(cell, key)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.comment = Comment(explanation, "fieldapp")


def write_row(
    sheet: Worksheet, row: int, values: dict[str, Any], columns: Columns, fill: PatternFill | None = None
) -> None:
    for number, (key, _explanation) in enumerate(columns, start=1):
        value = values.get(key)
        cell = sheet.cell(row=row, column=number)
        if isinstance(value, str):
            if value:
                set_text(cell, value)
        elif value is not None:
            cell.value = value
        cell.alignment = _TOP_WRAP
        if fill is not None:
            cell.fill = fill


def finish_sheet(
    sheet: Worksheet, columns: Columns, last_row: int, widths: dict[str, int], *, freeze: str = "A2"
) -> None:
    """Frozen header, filters on every column, widths people can read."""
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last_row, 1)}"
    for number, (key, _explanation) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = widths.get(key, 16)


def column_letter(columns: Columns, key: str) -> str:
    return str(get_column_letter([k for k, _ in columns].index(key) + 1))


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save beside the target and rename over it: a reader (or a USB stick pulled out) never sees half a
    file, and a failed save leaves the old file as it was."""
    if not path.parent.is_dir():
        # A mistyped folder is a mistake to report, not a folder to create.
        raise FileNotFoundError(errno.ENOENT, "文件夹不存在 (no such folder)", str(path.parent))
    if path.is_dir():
        raise IsADirectoryError(
            errno.EISDIR, "这是一个文件夹，请给出文件名 (a folder: give a file name)", str(path)
        )
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        workbook.save(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
