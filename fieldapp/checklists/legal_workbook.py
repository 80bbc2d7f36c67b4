"""The legal-basis library as a workbook the office edits in Excel or LibreOffice: one sheet `library`, one
row per citation. Reading reports every problem by sheet, row and column and returns nothing unless every
row is sound."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from fieldapp.checklists.legal import MAX_LENGTH, LegalBasis
from fieldapp.workbook.problems import ProblemLog, WorkbookError, WorkbookProblem
from fieldapp.workbook.reading import flag_value, open_workbook, read_rows, require_sheets, text_value
from fieldapp.workbook.writing import column_letter, finish_sheet, save_atomically, write_header, write_row

SHEET = "library"
MAX_ENTRIES = 5000
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

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
)
_FIELD = {
    "code": "code",
    "regulation": "regulation",
    "edition": "edition",
    "article": "article",
    "requirement::zh": "requirement_zh",
    "requirement::en": "requirement_en",
    "provenance": "provenance",
}
_REQUIRED = ("code", "regulation", "requirement::zh", "provenance")


class LibraryWorkbookError(WorkbookError):
    """The workbook cannot become the library; `problems` names each cell."""


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
            },
            COLUMNS,
        )
    last = len(entries) + 1
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=False)
    letter = column_letter(COLUMNS, "verified")
    yes_no.add(f"{letter}2:{letter}{last + 500}")
    sheet.add_data_validation(yes_no)
    finish_sheet(
        sheet,
        COLUMNS,
        last,
        widths={"regulation": 34, "requirement::zh": 50, "requirement::en": 40, "provenance": 40, "code": 18},
        freeze="B2",
    )
    save_atomically(workbook, path)


def read_library(path: Path) -> list[LegalBasis]:
    log = ProblemLog(path.name)
    workbook = open_workbook(path, error=LibraryWorkbookError)
    entries: list[LegalBasis] = []
    try:
        if require_sheets(workbook, (SHEET,), log):
            first_row: dict[str, int] = {}
            for number, values, index in read_rows(
                workbook[SHEET], log, COLUMNS, _REQUIRED, max_rows=MAX_ENTRIES
            ):
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
                if len(log.problems) == before and verified is not None:
                    entries.append(LegalBasis(verified=verified, **text))
    finally:
        workbook.close()
    if log.problems:
        raise LibraryWorkbookError(log.problems)
    if not entries:
        raise LibraryWorkbookError([_empty(path)])
    return entries


def _empty(path: Path) -> WorkbookProblem:
    return WorkbookProblem(path.name, SHEET, None, None, "没有任何依据条目 (no entries)")
