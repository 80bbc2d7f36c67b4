"""A dashboard chart's numbers as an .xlsx for the office: one sheet, a title row, a styled header and
the rows as the chart draws them. The page gives the words (in the language on screen); this module only
writes them, as text that stays text (workbook.writing.set_text) and into a file that appears whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.workbook.writing import HEADER_FILL, HEADER_FONT, save_atomically, set_text

Cell = str | int | float | None
HEADER_ROW = 3  # row 1 the title, row 2 what was counted, then the header
MAX_SHEET_TITLE = 31  # Excel's limit


@dataclass(frozen=True)
class NumbersTable:
    title: str
    subtitle: str  # the period or the day the numbers are for
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    percent_columns: tuple[int, ...] = ()  # 0-based columns holding a 0..1 share, shown as a percentage


def write_numbers(table: NumbersTable, path: Path) -> None:
    """Write `table` to `path` (.xlsx), atomically."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = _sheet_title(table.title)
    set_text(sheet.cell(row=1, column=1), table.title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    set_text(sheet.cell(row=2, column=1), table.subtitle)
    for number, header in enumerate(table.headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=number)
        set_text(cell, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row_number, row in enumerate(table.rows, start=HEADER_ROW + 1):
        _write_row(sheet, row_number, row, table.percent_columns)
    for number, header in enumerate(table.headers, start=1):
        longest = max([len(header)] + [len(str(row[number - 1] or "")) for row in table.rows])
        sheet.column_dimensions[get_column_letter(number)].width = min(max(10, longest * 2 + 2), 60)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    save_atomically(workbook, path)


def _write_row(sheet: Worksheet, row_number: int, row: Sequence[Cell], percent: Sequence[int]) -> None:
    for column, value in enumerate(row):
        cell = sheet.cell(row=row_number, column=column + 1)
        if isinstance(value, str):
            set_text(cell, value)
        elif value is not None:
            cell.value = value
            if column in percent:
                cell.number_format = "0.0%"


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:MAX_SHEET_TITLE]
