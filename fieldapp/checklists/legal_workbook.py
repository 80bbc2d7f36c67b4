"""The legal-basis library as a workbook the office edits in Excel or LibreOffice: one sheet `library`, one
row per citation. Reading reports every problem by sheet, row and column and returns nothing unless every
row is sound.

The columns `in_force` and `superseded_by` came later: a workbook exported before them has neither, and
reading it says so (`LibrarySheet.has_in_force`) so that an import keeps what is stored rather than put
every retired citation back in force."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from fieldapp.checklists.legal import CODE, MAX_LENGTH, LegalBasis, lifecycle_problem
from fieldapp.workbook.problems import ProblemLog, WorkbookError, WorkbookProblem
from fieldapp.workbook.reading import flag_value, open_workbook, read_rows, require_sheets, text_value
from fieldapp.workbook.writing import column_letter, finish_sheet, save_atomically, write_header, write_row

SHEET = "library"
MAX_ENTRIES = 5000

COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "依据代码（检查项的 basis 列引用它，不要改动已有代码）"),
    ("regulation", "法规或标准名称，例如《供电营业规则》"),
    ("edition", "版本，例如 1996年版"),
    ("article", "条款，例如 第一百条"),
    ("requirement::zh", "条款要求（中文，必填）"),
    ("requirement::en", "条款要求（英文）"),
    ("provenance", "来源：出自何处、为何可信或为何待核实（必填）"),
    ("verified", "已核实：yes / no。未核实的依据只向办公室显示，不印在通知书上"),
    ("verified_by", "核实人（导入时由程序记录，此列仅供查看）"),
    (
        "in_force",
        "现行有效：yes / no（空白为 yes）。已被新版替代或废止的依据填 no，通知书不会把它当作现行依据印出",
    ),
    (
        "superseded_by",
        "被何者替代：替代它的依据代码（库中有时），否则写明新版本，例如 2024年版；仅在 in_force 为 no 时填写",
    ),
)
_FIELD = {
    "code": "code",
    "regulation": "regulation",
    "edition": "edition",
    "article": "article",
    "requirement::zh": "requirement_zh",
    "requirement::en": "requirement_en",
    "provenance": "provenance",
    "superseded_by": "superseded_by",
}
_REQUIRED = ("code", "regulation", "requirement::zh", "provenance")


class LibraryWorkbookError(WorkbookError):
    """The workbook cannot become the library; `problems` names each cell."""


@dataclass(frozen=True)
class LibrarySheet:
    entries: list[LegalBasis]
    has_in_force: bool  # False for a workbook made before the column: in_force is then not its to say


def write_library(entries: Sequence[tuple[LegalBasis, str]], path: Path) -> None:
    """Write (entry, verified_by) pairs, one row each."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    write_header(sheet, COLUMNS)
    for row, (entry, verified_by) in enumerate(entries, start=2):
        write_row(
            sheet,
            row,
            {
                "code": entry.code,
                "regulation": entry.regulation,
                "edition": entry.edition,
                "article": entry.article,
                "requirement::zh": entry.requirement_zh,
                "requirement::en": entry.requirement_en,
                "provenance": entry.provenance,
                "verified": "yes" if entry.verified else "no",
                "verified_by": verified_by,
                "in_force": "yes" if entry.in_force else "no",
                "superseded_by": entry.superseded_by,
            },
            COLUMNS,
        )
    last = len(entries) + 1
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=False)
    for column in ("verified", "in_force"):
        letter = column_letter(COLUMNS, column)
        yes_no.add(f"{letter}2:{letter}{last + 500}")
    sheet.add_data_validation(yes_no)
    finish_sheet(
        sheet,
        COLUMNS,
        last,
        widths={
            "regulation": 34,
            "requirement::zh": 50,
            "requirement::en": 40,
            "provenance": 40,
            "code": 18,
            "superseded_by": 18,
        },
        freeze="B2",
    )
    save_atomically(workbook, path)


def read_library(path: Path) -> list[LegalBasis]:
    return read_library_sheet(path).entries


def read_library_sheet(path: Path, known_codes: Collection[str] = ()) -> LibrarySheet:
    """Every row of the workbook as an entry, or LibraryWorkbookError naming every bad cell.
    `known_codes` are codes stored outside the workbook that `superseded_by` may name."""
    log = ProblemLog(path.name)
    workbook = open_workbook(path, error=LibraryWorkbookError)
    entries: list[LegalBasis] = []
    rows: list[tuple[int, LegalBasis, dict[str, int]]] = []
    has_in_force = False
    try:
        if require_sheets(workbook, (SHEET,), log):
            first_row: dict[str, int] = {}
            for number, values, index in read_rows(
                workbook[SHEET], log, COLUMNS, _REQUIRED, max_rows=MAX_ENTRIES
            ):
                has_in_force = "in_force" in index
                before = len(log.problems)
                text = {field: text_value(values, column) for column, field in _FIELD.items()}
                for column in _REQUIRED:
                    if not text[_FIELD[column]]:
                        log.add(SHEET, number, column, f"{column} 不能为空 (required)", index)
                for column, field in _FIELD.items():
                    limit = MAX_LENGTH.get(field)
                    if limit is not None and len(text[field]) > limit:
                        log.add(SHEET, number, column, f"超过 {limit} 个字符 (longer than {limit})", index)
                code = text["code"]
                if code and not CODE.match(code):
                    log.add(
                        SHEET, number, "code", f"代码只能用字母、数字、- _ .：{code!r} (invalid code)", index
                    )
                elif code in first_row:
                    log.add(
                        SHEET, number, "code", f"代码 {code} 与第 {first_row[code]} 行重复 (duplicate)", index
                    )
                first_row.setdefault(code, number)
                verified = flag_value(values.get("verified"))
                if verified is None:
                    log.add(SHEET, number, "verified", f"应填 yes 或 no：{values.get('verified')!r}", index)
                in_force = _in_force(values.get("in_force"))
                if in_force is None:
                    log.add(SHEET, number, "in_force", f"应填 yes 或 no：{values.get('in_force')!r}", index)
                if len(log.problems) == before and verified is not None and in_force is not None:
                    rows.append((number, LegalBasis(verified=verified, in_force=in_force, **text), index))
            codes = {*first_row, *known_codes}
            for number, entry, index in rows:
                problem = lifecycle_problem(entry.code, entry.in_force, entry.superseded_by, codes)
                if problem:
                    log.add(SHEET, number, "superseded_by", problem, index)
                else:
                    entries.append(entry)
    finally:
        workbook.close()
    if log.problems:
        raise LibraryWorkbookError(log.problems)
    if not entries:
        raise LibraryWorkbookError([_empty(path)])
    return LibrarySheet(entries, has_in_force)


def _in_force(value: Any) -> bool | None:
    """yes/no like `verified`, but a blank cell is yes: an entry is in force unless someone says not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return flag_value(value)


def _empty(path: Path) -> WorkbookProblem:
    return WorkbookProblem(path.name, SHEET, None, None, "没有任何依据条目 (no entries)")
