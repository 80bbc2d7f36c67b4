"""The import report people open in Excel: a summary, every change, every conflict (the value kept and the
value that lost), and every problem or rejection with its sheet, row and column.

An import into an empty database changes every record: the report then has a row for each, hundreds of
thousands, so it is written in openpyxl's write-only mode (memory flat); every text cell is forced to be
text, so a value starting with "=" never becomes a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from fieldapp.workbook.writing import save_atomically

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")


@dataclass(frozen=True)
class ReportSheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] = ()


def write_report(path: Path, summary: Sequence[tuple[str, Any]], sheets: Sequence[ReportSheet]) -> None:
    """Write the report to `path`: beside it first, then renamed into place, so a reader never sees half
    a file and a failed write leaves the old one as it was. An OSError says the folder cannot take it."""
    workbook = Workbook(write_only=True)
    first = workbook.create_sheet("摘要 summary")
    first.column_dimensions["A"].width = 28
    first.column_dimensions["B"].width = 80
    for key, value in summary:
        first.append(_cells(first, (key, value)))
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for column, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[chr(64 + column)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for text in spec.header:
            cell = _text(sheet, text)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            header.append(cell)
        sheet.append(header)
        count = 0
        for values in spec.rows:
            sheet.append(_cells(sheet, values))
            count += 1
        sheet.auto_filter.ref = f"A1:{chr(64 + len(spec.header))}{count + 1}"
    save_atomically(workbook, path)


def _text(sheet: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, even if it starts with "="
    return cell


def _cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    return [_text(sheet, v) if isinstance(v, str) and v.startswith("=") else v for v in values]
