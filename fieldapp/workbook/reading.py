"""Opening a workbook that may be anything, and reading its sheets row by row under a known header."""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.workbook.problems import ProblemLog, WorkbookError, WorkbookProblem

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024  # a zip bomb expands far beyond any real workbook
MAX_ZIP_ENTRIES = 2000

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # the old binary Office formats (.xls, .doc)
_ZIP_LOCAL = b"PK\x03\x04"

# What parsing a damaged or hostile sheet raises (ParseError is a SyntaxError; defusedxml's refusals and
# openpyxl's complaints are ValueErrors; a damaged zip member ends in zlib.error, EOFError or BadZipFile).
UNREADABLE = (ValueError, SyntaxError, KeyError, EOFError, OSError, zipfile.BadZipFile, zlib.error)

Columns = tuple[tuple[str, str], ...]  # (header, explanation for people)
Row = tuple[int, dict[str, Any], dict[str, int]]  # (row number, {header: value}, {header: column number})


def sniff(path: Path) -> str:
    """What a file that is no zip is, from its first bytes: "xls" (an old binary Excel file), "truncated"
    (a zip cut short, its directory at the end missing), "text" (a CSV or any text) or "unknown"."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith(_OLE2):
        return "xls"
    if head.startswith(_ZIP_LOCAL):
        return "truncated"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        for encoding in ("utf-8", "gb18030", "utf-16"):
            try:  # incrementally: the 4 KB may end inside a character
                codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            except UnicodeDecodeError:
                continue
            return "text"
    return "unknown"


NOT_A_WORKBOOK = {
    "xls": "文件已损坏或不是 Excel 工作簿：这是旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx "
    "(an old .xls file: save it as .xlsx)",
    "truncated": "文件已损坏：内容不完整（可能复制或下载时中断），请重新复制 (the file is truncated)",
    "text": "文件已损坏或不是 Excel 工作簿：这是文本文件（可能是 CSV），请在 Excel 中打开后另存为 .xlsx "
    "(a text or CSV file, not a workbook)",
    "unknown": "文件已损坏或不是 Excel 工作簿 (damaged, or not an Excel workbook)",
}


def xml_failure(exc: BaseException) -> str:
    """Why openpyxl could not parse a part of a workbook, for people: defusedxml's refusal of entities or a
    DTD (an XML bomb) said as such, anything else as damage. openpyxl wraps the parser's error in its own
    ValueError, which names the file's full (temporary) path: the cause is what tells."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return (
                "无法读取工作簿：含有 XML 实体或文档类型定义（可能是恶意文件），已拒绝 "
                f"(XML entities are not allowed: refused; {type(cause).__name__})"
            )
        if cause.__cause__ is None:
            break
        cause = cause.__cause__
    assert cause is not None
    detail = str(cause).splitlines()[0] if str(cause) else ""
    return f"无法读取工作簿：内容已损坏（{type(cause).__name__}: {detail}）(the workbook is damaged)"


def open_workbook(
    path: Path,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_expanded: int = MAX_UNCOMPRESSED_BYTES,
    error: type[WorkbookError] = WorkbookError,
) -> Any:
    """A read-only openpyxl workbook, or `error` saying plainly why the file cannot be one. openpyxl parses
    through defusedxml when it is installed (it is a dependency), which refuses entity expansion."""

    def refuse(message: str) -> WorkbookError:
        return error([WorkbookProblem(path.name, None, None, None, message)])

    if not path.is_file():
        raise refuse("文件不存在 (file not found)")
    size = path.stat().st_size
    if size == 0:
        raise refuse("文件是空的 (the file is empty)")
    if size > max_bytes:
        raise refuse(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes // 1024 // 1024} MB）(file too large)"
        )
    if path.suffix.lower() != ".xlsx":
        raise refuse(
            f"不是 .xlsx 工作簿（扩展名 {path.suffix or '无'}），请在 Excel 中另存为 .xlsx "
            "(not an .xlsx workbook)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > max_expanded:
                raise refuse("工作簿解压后过大，已拒绝 (the workbook expands too far: refused)")
            if any(
                e.filename.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", e.filename) for e in entries
            ):
                raise refuse("工作簿包含非法路径，已拒绝 (the workbook holds unsafe paths: refused)")
    except zipfile.BadZipFile:
        raise refuse(NOT_A_WORKBOOK[sniff(path)]) from None
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for broken or hostile files; all mean the same
        raise refuse(xml_failure(exc)) from None


def require_sheets(workbook: Any, names: tuple[str, ...], log: ProblemLog) -> bool:
    present = list(workbook.sheetnames)
    for name in names:
        if name not in present:
            log.add(name, None, None, f"缺少工作表 {name}（现有：{'、'.join(present)}）(sheet missing)")
    return all(name in present for name in names)


def read_rows(
    sheet: Worksheet,
    log: ProblemLog,
    columns: Columns,
    required: tuple[str, ...],
    *,
    max_rows: int,
    header_key: Callable[[str], str] = str.strip,
) -> Iterator[Row]:
    """Each non-empty row under the header row. Unknown, doubled or missing columns are problems of the
    header; a formula is a problem of its cell (it is text people must type, never something computed).
    A sheet whose XML breaks off or holds entities (openpyxl parses it only now) is a problem of the sheet."""
    try:
        yield from _read_rows(sheet, log, columns, required, max_rows=max_rows, header_key=header_key)
    except UNREADABLE as exc:
        log.add(sheet.title, None, None, xml_failure(exc))


def _read_rows(
    sheet: Worksheet,
    log: ProblemLog,
    columns: Columns,
    required: tuple[str, ...],
    *,
    max_rows: int,
    header_key: Callable[[str], str],
) -> Iterator[Row]:
    name = sheet.title
    rows = sheet.iter_rows()
    header_cells = next(rows, None)
    if header_cells is None:
        log.add(name, 1, None, "工作表为空，缺少标题行 (the sheet is empty: no header row)")
        return
    known = {key for key, _ in columns}
    index: dict[str, int] = {}
    for position, cell in enumerate(header_cells, start=1):
        key = header_key(str(cell.value)) if cell.value is not None else ""
        if not key:
            continue
        if key not in known:
            log.add(name, 1, key, f"未知的列名 {key!r}（可用：{', '.join(sorted(known))}）(unknown column)")
        elif key in index:
            log.add(name, 1, key, f"列 {key} 出现两次 (column appears twice)")
        else:
            index[key] = position
    for key in required:
        if key not in index:
            log.add(name, 1, key, f"缺少必需的列 {key} (required column missing)")
    if log.has_problems_in(name, 1):
        return
    for number, cells in enumerate(rows, start=2):
        if number > max_rows + 1:
            log.add(name, number, None, f"超过 {max_rows} 行，已拒绝 (too many rows)")
            return
        values: dict[str, Any] = {}
        formulas = False
        for key, position in index.items():
            if position > len(cells):
                continue
            cell = cells[position - 1]
            if getattr(cell, "data_type", None) == "f":
                formulas = True
                log.add(
                    name,
                    number,
                    key,
                    "单元格含有公式，这里不允许公式，请改为文字 (a formula is not allowed: type the value)",
                    index,
                )
                continue
            value = cell.value
            values[key] = value.strip() if isinstance(value, str) else value
        # A row with a formula is not read further: its other cells would only report the formula's absence.
        if not formulas and any(v not in (None, "") for v in values.values()):
            yield number, values, index


def text_value(values: dict[str, Any], key: str) -> str:
    """A cell as text: a whole number typed into a text column (Excel makes 001 into 1.0) loses its '.0'."""
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def integer_value(value: Any) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int):
        return value if abs(value) < 10**9 else None  # a number no column or date can take
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 1e9 else None
    text = str(value).strip()
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else None


_YES = {"yes", "true", "1", "y", "是", "true()"}
_NO = {"no", "false", "0", "n", "否", "false()", ""}


def flag_value(value: Any) -> bool | None:
    """yes/no as people type it (yes, no, true, 是, 否 ...), or None when it is neither."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None
