"""The import report people open in Excel: a summary, every change, every conflict (the value kept and the
value that lost), and every problem or rejection with its sheet, row and column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from fieldapp.workbook.writing import save_atomically, set_text

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")


@dataclass(frozen=True)
class ReportSheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] = ()


def write_report(path: Path, summary: Sequence[tuple[str, Any]], sheets: Sequence[ReportSheet]) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "摘要 summary"
    first.column_dimensions["A"].width = 28
    first.column_dimensions["B"].width = 80
    for number, (key, value) in enumerate(summary, start=1):
        set_text(first.cell(row=number, column=1), key)
        cell = first.cell(row=number, column=2)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for column, text in enumerate(spec.header, start=1):
            cell = sheet.cell(row=1, column=column)
            set_text(cell, text)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
        last = 1
        for last, values in enumerate(spec.rows, start=2):
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=last, column=column)
                if isinstance(value, str):
                    set_text(cell, value)
                elif value is not None:
                    cell.value = value
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{chr(64 + len(spec.header))}{last}"
        for column, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[chr(64 + column)].width = width
    save_atomically(workbook, path)
