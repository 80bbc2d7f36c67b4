"""Reading a sync workbook back into plain records, checking every cell first: the sheets and columns it
must have, each value against its column, formulas (refused by cell), duplicate identifiers. Every problem
names the sheet, row and column (and the cell), and a workbook with any problem yields no records to merge.

A row whose cells no longer give the digest written beside them was changed by a person in Excel or
LibreOffice; it is marked `edited` and the merge treats it as a new version of that record."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from fieldapp.sync import labels
from fieldapp.sync.spec import (
    META_SHEET,
    OVERFLOW_PREFIX,
    CellError,
    ColumnSpec,
    Kind,
    Reader,
    SheetSpec,
    canonical_of,
    digest_of,
    parse_clock,
    reader_of,
    row_digest,
)
from fieldapp.workbook.problems import WorkbookError, WorkbookProblem
from fieldapp.workbook.reading import UNREADABLE, open_workbook, xml_failure

MAX_SYNC_FILE_BYTES = 400 * 1024 * 1024
MAX_SYNC_EXPANDED_BYTES = 4 * 1024 * 1024 * 1024
MAX_PROBLEMS = 200  # past this many, a file is clearly not what it claims; the first ones say enough
# Rows a person adds without an id get one derived from their content, so importing the same file again
# finds them instead of adding them twice.
NEW_ROW_NAMESPACE = uuid.UUID("5b0f1e2c-6a51-4f0e-9b7e-2f5d6c1a9e01")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*>\s*<f[ >/]')
# ms: a time LibreOffice rounded to 1/100 s was within 5 ms of it, or up to 9 ms more at .990 (it does
# not carry into the second).
_ROUNDING = tuple(range(-5, 6))
_ROUNDING_AT_990 = tuple(range(-5, 10))
_MAX_ROUNDED = 3  # times in a row worth searching (15 ** 3 digests at most)
_STAMP_COLUMNS = {
    "id": ColumnSpec("id", Kind.ID, nullable=True),
    "revision": ColumnSpec("revision", Kind.INT, nullable=True),
    "modified_at": ColumnSpec("modified_at", Kind.DATETIME, nullable=True),
    "modified_by": ColumnSpec("modified_by", Kind.TEXT, max_length=32),
    "clock": ColumnSpec("clock", Kind.TEXT),
    "row_digest": ColumnSpec("row_digest", Kind.TEXT),
}


class RowValues(Mapping[str, Any]):
    """A record's values by column key, read-only: a tuple beside the key positions its sheet's records
    share, half the memory of a dict each (an import may hold a few hundred thousand records).
    `dict(values)` gives a dict."""

    __slots__ = ("_at", "_values")

    def __init__(self, at: dict[str, int], values: tuple[Any, ...]) -> None:
        self._at = at
        self._values = values

    def __getitem__(self, key: str) -> Any:
        return self._values[self._at[key]]

    def get(self, key: str, default: Any = None) -> Any:
        at = self._at.get(key)
        return default if at is None else self._values[at]

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __repr__(self) -> str:
        return repr(dict(self))


class Record:
    """One row read from a sheet. An import holds a sheet's records until they are merged (the answers of
    a big workbook: a few hundred thousand), so each is kept small: its values are a bare tuple beside
    the column positions its sheet's records share (`values` gives a read-only mapping over them)."""

    __slots__ = (
        "_at",
        "_values",
        "added",
        "clock",
        "edited",
        "id",
        "modified_at",
        "modified_by",
        "revision",
        "row",
        "table",
    )

    def __init__(
        self,
        *,
        table: str,
        row: int,  # the sheet row, for every message about it
        id: uuid.UUID,
        at: dict[str, int],  # column key -> position in `values`, shared by the sheet's records
        values: tuple[Any, ...],  # the record's own columns (deleted among them)
        revision: int,
        clock: dict[str, int],  # shared by the records with the same clock: never change it in place
        modified_at: datetime | None,
        modified_by: str,
        edited: bool = False,  # a person changed the row after it was exported
        added: bool = False,  # a person added the row (it had no id)
    ) -> None:
        self.table = table
        self.row = row
        self.id = id
        self._at = at
        self._values = values
        self.revision = revision
        self.clock = clock
        self.modified_at = modified_at
        self.modified_by = modified_by
        self.edited = edited
        self.added = added

    @property
    def values(self) -> RowValues:
        return RowValues(self._at, self._values)

    def __repr__(self) -> str:
        return f"Record({self.table} row {self.row} {self.id} {dict(self.values)!r})"


@dataclass
class ReadWorkbook:
    file: str
    meta: dict[str, str] = field(default_factory=dict)
    records: dict[str, list[Record]] = field(default_factory=dict)
    problems: list[WorkbookProblem] = field(default_factory=list)
    saved_at: datetime | None = None  # when the workbook was last saved (by us, Excel or LibreOffice)

    def problem(
        self, sheet: str | None, row: int | None, column: str | None, message: str, cell: str | None = None
    ) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(WorkbookProblem(self.file, sheet, row, column, message, cell))

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS


def _meta(sheet: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    for values in sheet.iter_rows(min_row=2, values_only=True):
        if len(values) >= 2 and values[0] not in (None, "") and values[1] is not None:
            meta[str(values[0]).strip()] = str(values[1]).strip()
    return meta


def _formula_cells(workbook: Any, sheet: Any) -> Iterator[tuple[str, int]]:
    """Cells holding a formula, found in the sheet's XML itself: a value read back cannot tell a formula
    from text that starts with '='."""
    with workbook._archive.open(sheet._worksheet_path) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            if b"<f" in data:  # most sheets have none: a quick look before the pattern
                for match in _FORMULA_CELL.finditer(data):
                    yield match.group(1).decode(), int(match.group(2))
            tail = data[-200:]


class SyncWorkbookReader:
    """A sync workbook opened for reading, its records handed out one sheet at a time (`sheets`), in the
    order of `specs`: an import merges each sheet and lets its records go before the next is read, so the
    memory an import takes is that of its biggest sheet, not of the whole workbook. Opening it reads the
    about sheet and checks the sheets are the known ones; their problems, and those of every sheet read,
    go to `result.problems`. Use it as a context manager (it closes the file)."""

    def __init__(
        self,
        path: Path,
        specs: dict[str, SheetSpec],
        *,
        overflow: dict[str, str] | None = None,
        label: str | None = None,
    ) -> None:
        self.specs = specs
        self.overflow = overflow or {}
        self.result = ReadWorkbook(label or path.name)
        try:
            workbook = open_workbook(
                path, max_bytes=MAX_SYNC_FILE_BYTES, max_expanded=MAX_SYNC_EXPANDED_BYTES
            )
        except WorkbookError as error:  # named as the file the person chose (the bundle), not data.xlsx
            raise WorkbookError([replace(p, file=self.result.file) for p in error.problems]) from None
        self._workbook = workbook
        try:
            self._open()
        except BaseException:
            workbook.close()
            raise

    def _open(self) -> None:
        workbook, result, specs = self._workbook, self.result, self.specs
        modified = workbook.properties.modified
        result.saved_at = (
            modified.replace(tzinfo=UTC)
            if isinstance(modified, datetime) and modified.tzinfo is None
            else modified
        )
        self.by_table: dict[str, Any] = {}
        for sheet in workbook.worksheets:
            if sheet.title == META_SHEET:
                result.meta = _meta(sheet)
                continue
            table = labels.key_of_header(sheet.title)
            if table not in specs:
                known = "、".join(specs[t].title for t in specs)
                result.problem(sheet.title, None, None, f"未知的工作表（可用：{known}）(unknown sheet)")
                continue
            self.by_table[table] = sheet
        for key, value in result.meta.items():
            table = key.removeprefix("rows.")
            if (
                key.startswith("rows.")
                and table in specs
                and table not in self.by_table
                and value not in ("0", "")
            ):
                result.problem(
                    specs[table].title,
                    None,
                    None,
                    "缺少工作表：导出时它有数据，可能被删除或改名 (sheet missing or renamed)",
                )

    def sheets(self) -> Iterator[tuple[str, list[Record]]]:
        """(table, records) of each sheet the workbook has, in the order of the specs. A sheet with a
        problem in its header gives no records (the problem is in `result.problems`)."""
        for table, spec in self.specs.items():
            if table not in self.by_table:
                continue
            try:
                records = _read_sheet(self._workbook, self.by_table[table], spec, self.result, self.overflow)
            except UNREADABLE as exc:  # openpyxl parses a sheet only now: damage, an XML bomb
                self.result.problem(spec.title, None, None, xml_failure(exc))
                continue
            if records is not None:
                yield table, records

    def close(self) -> None:
        self._workbook.close()

    def __enter__(self) -> SyncWorkbookReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_workbook(
    path: Path,
    specs: dict[str, SheetSpec],
    *,
    overflow: dict[str, str] | None = None,
    label: str | None = None,
) -> ReadWorkbook:
    """Every record of the workbook at `path` at once, or the problems that keep it from being imported."""
    with SyncWorkbookReader(path, specs, overflow=overflow, label=label) as reader:
        for table, records in reader.sheets():
            reader.result.records[table] = records
    return reader.result


def _read_sheet(
    workbook: Any, sheet: Any, spec: SheetSpec, result: ReadWorkbook, overflow: dict[str, str]
) -> list[Record] | None:
    name = sheet.title
    formulas = list(_formula_cells(workbook, sheet))
    # Every cell there is, whatever size the sheet says it has: a <dimension> left stale by a tool that
    # wrote the file must not hide a column or a row (openpyxl would stop at it).
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        result.problem(name, 1, None, "工作表为空，缺少标题行 (the sheet is empty: no header row)")
        return None
    index: dict[str, int] = {}
    expected = spec.keys
    for position, text in enumerate(header):
        if text is None or str(text).strip() == "":
            continue
        key = labels.key_of_header(str(text))
        if key not in expected:
            result.problem(
                name,
                1,
                key,
                f"未知的列 {str(text)!r}（列名最后一个词是程序识别用的键，请勿修改）(unknown column)",
                f"{get_column_letter(position + 1)}1",
            )
        elif key in index:
            result.problem(
                name,
                1,
                key,
                f"列 {key} 出现两次 (column appears twice)",
                f"{get_column_letter(position + 1)}1",
            )
        else:
            index[key] = position
    missing = [key for key in expected if key not in index]
    for key in missing:
        result.problem(
            name,
            1,
            key,
            f"缺少列 {labels.header_text(spec.table, key)}（可能被删除或改名）(column missing or renamed)",
        )
    if missing:
        return None
    letters = {key: get_column_letter(position + 1) for key, position in index.items()}
    keys_by_letter = {letter: key for key, letter in letters.items()}
    for letter, row in formulas:
        result.problem(
            name,
            row,
            keys_by_letter.get(letter),
            "单元格含有公式，这里不允许公式，请改为数值或文字 (a formula is not allowed)",
            f"{letter}{row}",
        )
    formula_rows = {row for _, row in formulas}
    records: list[Record] = []
    seen: dict[uuid.UUID, int] = {}
    unique_seen: dict[str, dict[str, int]] = {key: {} for key in spec.unique}
    reader = _RowReader(spec, index, letters, result, overflow)
    for number, cells in enumerate(rows, start=2):
        if result.full:
            return None
        if cells.count(None) + cells.count("") == len(cells) or number in formula_rows:
            continue  # an empty row (Excel keeps some a person cleared)
        record = reader.read(number, cells)
        if record is None:
            continue
        if record.id in seen:
            result.problem(
                name,
                number,
                "id",
                f"编号重复：与第 {seen[record.id]} 行相同 (duplicate id)",
                f"{letters['id']}{number}",
            )
            continue
        seen[record.id] = number
        duplicate = False
        for key in spec.unique:
            value = canonical_of(spec.column_index[key])(record.values.get(key))
            if record.values.get("deleted") or value == "":
                continue
            if value in unique_seen[key]:
                result.problem(
                    name,
                    number,
                    key,
                    f"{labels.column_label(spec.table, key)} {value} 重复："
                    f"与第 {unique_seen[key][value]} 行相同 (duplicate)",
                    f"{letters[key]}{number}",
                )
                duplicate = True
            else:
                unique_seen[key][value] = number
        if not duplicate:
            records.append(record)
    return records


# Values shared by the cells of a column that hold the same text (see _RowReader): up to so many texts of
# up to so many characters.
_SHARED_VALUES = 100_000
_SHARED_LENGTH = 64
_SHARED_CLOCKS = 4096


class _RowReader:
    """Reads one sheet's rows into records, with each column's reader, canonical form, position and
    letter worked out once for the sheet."""

    def __init__(
        self,
        spec: SheetSpec,
        index: dict[str, int],
        letters: dict[str, str],
        result: ReadWorkbook,
        overflow: dict[str, str],
    ) -> None:
        self.spec = spec
        self.letters = letters
        self.result = result
        self.overflow = overflow
        # Values that repeat from row to row, read once per column and shared: the ids of the records a
        # sheet refers to (every answer names its inspection), short texts (who modified it, a unit).
        self.columns = [
            (
                c.key,
                _sharing(reader_of(c)) if c.references or c.kind is Kind.TEXT else reader_of(c),
                canonical_of(c),
                index[c.key],
            )
            for c in spec.columns
        ]
        self.stamps = [
            (key, _sharing(reader_of(column)) if key == "modified_by" else reader_of(column), index[key])
            for key, column in _STAMP_COLUMNS.items()
        ]
        self.at = {c.key: position for position, c in enumerate(spec.columns)}
        self.clocks: dict[str, dict[str, int]] = {}

    def read(self, number: int, cells: tuple[Any, ...]) -> Record | None:
        spec, result = self.spec, self.result
        name = spec.title
        width = len(cells)
        values: list[Any] = []
        canonicals: list[str] = []
        ok = True
        for key, read, canonical, position in self.columns:
            raw = cells[position] if position < width else None
            try:
                value = read(raw, self.overflow)
            except CellError as error:
                result.problem(name, number, key, str(error), f"{self.letters[key]}{number}")
                ok = False
                continue
            values.append(value)
            canonicals.append(canonical(value))
        stamps: dict[str, Any] = {}
        for key, read, position in self.stamps:
            raw = cells[position] if position < width else None
            try:
                stamps[key] = read(raw, None)
                if key == "clock":
                    stamps[key] = self._clock(stamps[key])
            except CellError as error:
                result.problem(name, number, key, str(error), f"{self.letters[key]}{number}")
                ok = False
        if not ok:
            return None
        digest_now = digest_of(canonicals)
        if stamps["id"] is not None and stamps["row_digest"] != digest_now:
            exact = _unrounded(spec, dict(zip(self.at, values, strict=True)), stamps["row_digest"])
            if exact is not None:
                values, digest_now = [exact[key] for key in self.at], stamps["row_digest"]
        added = stamps["id"] is None
        if added:
            # A row a person typed in: its id comes from its content, so the same row imported twice is one.
            record_id = uuid.uuid5(NEW_ROW_NAMESPACE, f"{spec.table}\x1f{digest_now}")
        else:
            record_id = stamps["id"]
            if stamps["modified_at"] is None or stamps["revision"] is None:
                result.problem(
                    name,
                    number,
                    "modified_at",
                    "版本信息不完整（灰色列由程序维护，请勿修改）(sync stamps incomplete)",
                    f"{self.letters['modified_at']}{number}",
                )
                return None
        return Record(
            table=spec.table,
            row=number,
            id=record_id,
            at=self.at,
            values=tuple(values),
            revision=stamps["revision"] or 0,
            clock=stamps["clock"],
            modified_at=stamps["modified_at"],
            modified_by=stamps["modified_by"],
            edited=added or stamps["row_digest"] != digest_now,
            added=added,
        )

    def _clock(self, text: str) -> dict[str, int]:
        clock = self.clocks.get(text)
        if clock is None:
            clock = parse_clock(text)
            if len(self.clocks) < _SHARED_CLOCKS:
                self.clocks[text] = clock
        return clock


def _sharing(read: Reader) -> Reader:
    """`read` (one column's), its value shared by the cells that hold the same short text."""
    known: dict[str, Any] = {}

    def shared(raw: Any, overflow: dict[str, str] | None) -> Any:
        if type(raw) is not str or len(raw) > _SHARED_LENGTH:
            return read(raw, overflow)
        value = known.get(raw)
        if value is None:
            value = read(raw, overflow)
            if len(known) < _SHARED_VALUES:
                known[raw] = value
        return value

    return shared


def _unrounded(spec: SheetSpec, values: dict[str, Any], expected: str) -> dict[str, Any] | None:
    """LibreOffice keeps a time in its own format (.ods) only to the hundredth of a second: a workbook
    saved there and back to .xlsx brings every time rounded, which is no edit of a person's. When only
    that keeps a row from its digest, the times it was exported with are found again (each a few ms from
    what came back), and the row counts as unchanged."""
    keys = [
        c.key
        for c in spec.columns
        if c.kind is Kind.DATETIME
        and values.get(c.key) is not None
        and values[c.key].microsecond % 10_000 == 0
    ]
    if not keys or len(keys) > _MAX_ROUNDED:
        return None
    shifts_of = [_ROUNDING_AT_990 if values[key].microsecond == 990_000 else _ROUNDING for key in keys]
    for shifts in itertools.product(*shifts_of):
        trial = dict(values)
        for key, shift in zip(keys, shifts, strict=True):
            trial[key] = values[key] + timedelta(milliseconds=shift)
        if row_digest(spec, trial) == expected:
            return trial
    return None


def overflow_name(text: str) -> str | None:
    return text[len(OVERFLOW_PREFIX) :].strip() if text.startswith(OVERFLOW_PREFIX) else None
