"""Writing the sync workbook (data.xlsx): one sheet per kind of record, streamed row by row in openpyxl's
write-only mode so memory stays flat however big the database, and laid out for the office staff who open
it in Excel or LibreOffice: Chinese headers with the machine key beside them, a frozen header row, filters,
sensible widths, dates as dates, identifiers as text, choices as Chinese labels with a drop-down list."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fieldapp.sync import labels
from fieldapp.sync.spec import (
    CELL_LIMIT,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_SHEET,
    OVERFLOW_PREFIX,
    STAMP_KEYS,
    Kind,
    SheetSpec,
    canonical_of,
    cell_of,
    digest_of,
    moment_forms,
    stamp_time_text,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_RECORD_FILL = PatternFill("solid", fgColor="1F3A5F")
_STAMP_FILL = PatternFill("solid", fgColor="7F7F7F")
_WRAP = Alignment(vertical="top", wrap_text=True)
# The grey stamp columns, wide enough for what they hold ("2026-12-04 21:11:19.123" is 23 characters).
_STAMP_WIDTHS = {"id": 38, "revision": 8, "modified_at": 24, "modified_by": 14, "clock": 16, "row_digest": 24}

Progress = Callable[[int], None]  # rows written so far
# A record as the writer takes it: its stored values in its sheet's column order, then these stamps. A
# tuple, not a dict: an export writes hundreds of thousands of them and a dict per row is a tenth of the
# app's own time. Ids may come as text (what the export reads) or UUIDs; the clock as its text.
ROW_STAMPS = ("id", "revision", "modified_at", "modified_by", "clock")
Row = Sequence[Any]


@dataclass
class WrittenWorkbook:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows written
    overflow: dict[str, bytes] = field(default_factory=dict)  # bundle file name -> content


class _Sheet:
    """Writes one sheet's rows: each value converted for people, the row's digest beside it."""

    def __init__(self, workbook: Workbook, spec: SheetSpec, written: WrittenWorkbook) -> None:
        self.spec = spec
        self.written = written
        self.sheet = workbook.create_sheet(spec.title)
        self.count = 0
        # Per column: its kind, its canonical text (for the digest) and its cell, worked out once.
        self._columns = [(c.kind, canonical_of(c), cell_of(c)) for c in spec.columns]
        self._width = len(spec.columns)
        keys = spec.keys
        for number, key in enumerate(keys, start=1):
            column = spec.column_index.get(key)
            width = column.width if column else _STAMP_WIDTHS[key]
            self.sheet.column_dimensions[get_column_letter(number)].width = width
        self.sheet.freeze_panes = "A2"
        header = []
        for key in keys:
            cell = WriteOnlyCell(self.sheet, value=labels.header_text(spec.table, key))
            cell.data_type = "s"
            cell.font = _HEADER_FONT
            cell.fill = _STAMP_FILL if key in STAMP_KEYS else _RECORD_FILL
            cell.alignment = _WRAP
            header.append(cell)
        self.sheet.append(header)
        self._validations(keys)

    def _validations(self, keys: tuple[str, ...]) -> None:
        for number, key in enumerate(keys, start=1):
            column = self.spec.column_index.get(key)
            if column is None or column.kind not in (Kind.CHOICE, Kind.BOOL):
                continue
            options = (
                [labels.YES, labels.NO] if column.kind is Kind.BOOL else [lbl for _, lbl in column.choices]
            )
            letter = get_column_letter(number)
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(options) + '"',
                allow_blank=column.nullable or column.blank_when_false,
                showErrorMessage=True,
                errorTitle="取值无效",
                error="请从下拉列表中选择 (choose from the list)",
            )
            validation.add(f"{letter}2:{letter}1048576")
            self.sheet.data_validations.append(validation)

    def append(self, row: Row) -> None:
        cells: list[Any] = []
        canonicals: list[str] = []
        add_cell, add_canonical = cells.append, canonicals.append
        text_cell = self._text_cell
        # The loop every exported value goes through: ids and plain texts, most of a workbook's cells,
        # take the short ways (a text's cell is itself unless it must be kept from being a formula, is
        # too long, or holds characters XML cannot carry).
        # The record's own columns (the row goes on with the stamps, taken after).
        for value, (kind, canonical, shown) in zip(row, self._columns, strict=False):
            if value is None:
                add_canonical("")
                add_cell(None)
            elif kind is Kind.ID:
                text = value if type(value) is str else str(value)
                add_canonical(text)
                add_cell(text)
            elif kind is Kind.TEXT and type(value) is str:
                add_canonical(value.replace("\r\n", "\n") if "\r" in value else value)
                add_cell(text_cell(value))
            elif kind is Kind.DATETIME:
                text, moment = moment_forms(value)
                add_canonical(text)
                add_cell(moment)
            else:
                add_canonical(canonical(value))
                cell = shown(value)
                add_cell(text_cell(cell) if type(cell) is str else cell)
        record_id, revision, modified_at, modified_by, clock = row[self._width :]
        add_cell(record_id if type(record_id) is str else str(record_id))
        add_cell(revision or 1)
        add_cell(stamp_time_text(modified_at) if modified_at is not None else None)
        add_cell(text_cell(modified_by or ""))
        add_cell(clock)
        add_cell(digest_of(canonicals))
        self.sheet.append(cells)
        self.count += 1

    def _text_cell(self, text: str) -> Any:
        """Text stays text: a value starting with '=' would otherwise be written as a formula (formula
        injection); one too long for a cell, or holding characters XML cannot carry, travels as a file."""
        if text[:1] != "=" and len(text) <= CELL_LIMIT and not ILLEGAL_CHARACTERS_RE.search(text):
            return text
        if len(text) > CELL_LIMIT or ILLEGAL_CHARACTERS_RE.search(text):
            name = f"cells/{hashlib.sha256(text.encode('utf-8')).hexdigest()}.txt"
            self.written.overflow[name] = text.encode("utf-8")
            text = OVERFLOW_PREFIX + name
        if text.startswith("="):
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.data_type = "s"
            return cell
        return text

    def close(self) -> None:
        last = get_column_letter(len(self.spec.keys))
        self.sheet.auto_filter.ref = f"A1:{last}{self.count + 1}"
        self.written.rows[self.spec.table] = self.count


def _meta_rows(meta: dict[str, Any], written: WrittenWorkbook) -> Iterator[list[Any]]:
    yield ["项目 key", "值 value"]
    for key, value in meta.items():
        # Whole numbers stay numbers; everything else, yes/no included, is text (LibreOffice would turn a
        # boolean into the formula TRUE() on saving).
        yield [key, value if isinstance(value, int) and not isinstance(value, bool) else str(value)]
    for table, count in written.rows.items():
        yield [f"rows.{table}", count]
    yield []
    yield [
        "说明",
        "本工作簿由 fieldapp 导出，用于平板与办公室之间同步。每张表一类记录；灰色表头的列（编号、版本等）",
    ]
    yield [
        "",
        "由程序维护，请勿修改。可以修改白色表头列的内容、筛选和排序；改过的行在导入时会被识别并作为修改应用。",
    ]
    yield ["", "“已删除”列只在已删除的记录上写“是”，空即“否”。"]
    yield [
        "Note",
        "Exported by fieldapp for sync. One sheet per kind of record. Grey columns are the app's; edit",
    ]
    yield [
        "",
        "the others freely (filter, sort, change values): changed rows are detected and applied on import.",
    ]
    yield ["", "The 已删除 (deleted) column says 是 on deleted records only; empty means no."]


def write_workbook(
    path: Path,
    sheets: Iterable[tuple[SheetSpec, Iterable[Row]]],
    meta: dict[str, Any],
    *,
    progress: Progress | None = None,
) -> WrittenWorkbook:
    """Write the workbook to `path` (the caller renames it into place). `meta` describes the export
    (format, device, time ...) and becomes the first sheet, with the row counts."""
    workbook = Workbook(write_only=True)
    written = WrittenWorkbook()
    meta_sheet = workbook.create_sheet(META_SHEET)
    total = 0
    for spec, rows in sheets:
        sheet = _Sheet(workbook, spec, written)
        for row in rows:
            sheet.append(row)
            total += 1
            if progress is not None and total % 2000 == 0:
                progress(total)
        sheet.close()
    meta_sheet.column_dimensions["A"].width = 24
    meta_sheet.column_dimensions["B"].width = 100
    for values in _meta_rows({"format": FORMAT_NAME, "format_version": FORMAT_VERSION, **meta}, written):
        meta_sheet.append([_plain_text(meta_sheet, v) for v in values])
    workbook.save(path)
    if progress is not None:
        progress(total)
    return written


def _plain_text(sheet: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
