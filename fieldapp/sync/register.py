"""Reading the office's own customer register: their .xlsx, in whatever layout they keep it, into plain rows
of customer values, every problem named by file, sheet, row, column (the office's own header) and cell.

The register is the first sheet with an account-number column (户号, 用户编号, account_no ...) in one of
its first ten rows; that row is the header, so a title above it (merged across the columns, as offices
like it) is fine. Columns the app does not use (序号, 供电所, 抄表段 ...) are read past, and named in a
warning. A row without an account number that says 合计 / 总计 / 小计 is a total row, skipped with a
warning. Formulas in a column that is read are refused by cell, as everywhere else: their value is the
spreadsheet's arithmetic, not something a person typed.

Which columns must be there and filled in on every row: 户号, 户名, 供电电压, 合同容量, 电价类别 (no customer
can be set up without them). The others may be missing or empty; an empty cell never says "erase": what
the app already holds for that customer stays. How each cell is read is said in register_values.

Qt-free and database-free: fieldapp.services.register_import matches the rows against the customers."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from openpyxl.utils import get_column_letter

from fieldapp.sync import labels
from fieldapp.sync.register_values import (
    FIELD_BY_KEY,
    FIELDS,
    HeaderMatch,
    RegisterValueError,
    account_text,
    capacity_value,
    importance_value,
    is_blank,
    match_header,
    metering_value,
    tariff_value,
    text_value,
    voltage_value,
)
from fieldapp.sync.spec import META_SHEET
from fieldapp.workbook.problems import ProblemLog, WorkbookProblem
from fieldapp.workbook.reading import open_workbook

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 100_000
MAX_PROBLEMS = 200  # past this many the file is clearly something else; the first ones say enough
_WORKBOOK_XML = "xl/workbook.xml"
_MAX_WORKBOOK_XML = 5 * 1024 * 1024
_TOTAL_ROW = ("合计", "总计", "小计")

_READERS: dict[str, Callable[[Any, str], Any]] = {
    "supply_voltage": voltage_value,
    "contract_capacity_kva": capacity_value,
    "tariff": lambda value, _unit: tariff_value(value),
    "importance": lambda value, _unit: importance_value(value),
    "metering_class": lambda value, _unit: metering_value(value),
}


@dataclass
class RegisterRow:
    row: int  # the sheet row
    values: dict[str, Any]  # field key -> value, for the cells filled in
    account_from_number: bool = False  # the account number was a number cell, not text


@dataclass
class Register:
    file: str
    sheet: str = ""
    header_row: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # field key -> the office's header text
    positions: dict[str, int] = field(default_factory=dict)  # field key -> column number
    units: dict[str, str] = field(default_factory=dict)  # field key -> the unit its header names
    rows: list[RegisterRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    log: ProblemLog = field(init=False)

    def __post_init__(self) -> None:
        self.log = ProblemLog(self.file)

    @property
    def problems(self) -> list[WorkbookProblem]:
        return self.log.problems

    @property
    def full(self) -> bool:
        return len(self.log.problems) >= MAX_PROBLEMS

    def problem(self, row: int | None, key: str | None, message: str) -> None:
        """A problem of `row`, in the column of field `key` (named by the office's header)."""
        if not self.full:
            header = self.headers.get(key, FIELD_BY_KEY[key].label) if key else None
            cells = {self.headers[k]: n for k, n in self.positions.items()}
            self.log.add(self.sheet or None, row, header, message, cells)


def sheet_titles(path: Path) -> list[str] | None:
    """The sheet titles of an .xlsx, read from its workbook.xml alone (cheap, even for a 400 MB sync
    workbook), or None when the file is no readable workbook."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_WORKBOOK_XML)
            if info.file_size > _MAX_WORKBOOK_XML:
                return None
            root = fromstring(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, SyntaxError, DefusedXmlException):
        return None
    return [str(e.get("name", "")) for e in root.iter() if str(e.tag).rsplit("}", 1)[-1] == "sheet"]


def register_candidate(path: Path) -> bool:
    """Whether `path` is an .xlsx workbook that is not a fieldapp sync workbook (no "说明 about" sheet and
    no sheet named after a synced table): the office's own register, or nothing the app can read."""
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return False
    titles = sheet_titles(path)
    if titles is None:
        return False
    return not any(t == META_SHEET or labels.key_of_header(t) in labels.SHEET_TITLES for t in titles)


def read_register(path: Path, *, label: str | None = None) -> Register:
    """The register's rows, or the problems that keep it from being imported (a register with any problem
    must import nothing). A file that is no workbook at all raises WorkbookError."""
    register = Register(label or path.name)
    workbook = open_workbook(path)
    try:
        for sheet in workbook.worksheets:
            if hasattr(sheet, "reset_dimensions"):
                # Some programs write a wrong size into the sheet; read-only openpyxl would trust it and
                # cut the rows short.
                sheet.reset_dimensions()
            rows = enumerate(sheet.iter_rows(), start=1)
            for number, cells in rows:
                if number > HEADER_SEARCH_ROWS:
                    break
                matches = _header_matches(cells)
                if any(match.key == "account_no" for _position, _text, match in matches):
                    register.sheet, register.header_row = sheet.title, number
                    if _read_header(register, cells, matches):
                        _read_rows(register, rows)
                    break
            if register.sheet:
                break
    finally:
        workbook.close()
    if not register.sheet:
        names = "、".join(FIELD_BY_KEY["account_no"].names)
        register.problem(
            None,
            None,
            f"不是 fieldapp 同步工作簿（没有“说明 about”工作表），也没有找到客户登记表：各工作表的前 "
            f"{HEADER_SEARCH_ROWS} 行都没有户号列（列名可用：{names}）"
            "(neither a fieldapp sync workbook nor a customer register: no account-number column)",
        )
    return register


def _header_matches(cells: Any) -> list[tuple[int, str, HeaderMatch]]:
    found = []
    for position, cell in enumerate(cells, start=1):
        value = getattr(cell, "value", None)
        if isinstance(value, str) and value.strip():
            match = match_header(value)
            if match is not None:
                found.append((position, value.strip(), match))
    return found


def _read_header(register: Register, cells: Any, matches: list[tuple[int, str, HeaderMatch]]) -> bool:
    """Choose the column for each field; False when a required one is missing or one is doubled."""
    chosen: dict[str, tuple[int, str, HeaderMatch]] = {}
    ignored = []
    for position, cell in enumerate(cells, start=1):
        value = getattr(cell, "value", None)
        if value is not None and str(value).strip() and position not in {p for p, _t, _m in matches}:
            ignored.append(str(value).strip())
    for position, text, match in matches:
        current = chosen.get(match.key)
        if current is None or match.rank < current[2].rank:
            if current is not None:
                ignored.append(current[1])
            chosen[match.key] = (position, text, match)
        elif match.rank > current[2].rank:
            ignored.append(text)
        else:
            register.problem(
                register.header_row,
                match.key,
                f"列 {text} 出现两次（{get_column_letter(current[0])} 列和 {get_column_letter(position)} "
                "列），请删去一列 (column appears twice)",
            )
    for key, (position, text, match) in chosen.items():
        register.headers[key] = text
        register.positions[key] = position
        register.units[key] = match.unit
    for spec in FIELDS:
        if spec.required and spec.key not in chosen:
            register.problem(
                register.header_row,
                spec.key,
                f"缺少必需的列 {spec.label}（可用的列名：{'、'.join(spec.names)}）(required column missing)",
            )
    if ignored:
        register.warnings.append(
            f"工作表 {register.sheet} 中这些列未导入（程序不使用）：{'、'.join(ignored)} (columns ignored)"
        )
    return not register.problems


def _read_rows(register: Register, rows: Any) -> None:
    first_account: dict[str, int] = {}
    for number, cells in rows:
        if number - register.header_row > MAX_ROWS:
            register.problem(number, None, f"超过 {MAX_ROWS} 行，已拒绝 (too many rows)")
            return
        if register.full:
            register.log.problems.append(
                WorkbookProblem(
                    register.file, register.sheet, None, None, "问题过多，只列出了前面的 (too many problems)"
                )
            )
            return
        found = {
            key: cells[position - 1] for key, position in register.positions.items() if position <= len(cells)
        }
        if all(is_blank(cell.value) for cell in found.values()):
            continue
        if is_blank(found["account_no"].value if "account_no" in found else None) and any(
            isinstance(cell.value, str) and any(word in cell.value for word in _TOTAL_ROW) for cell in cells
        ):
            register.warnings.append(
                f"工作表 {register.sheet} 第 {number} 行是合计行，已跳过 (a total row: skipped)"
            )
            continue
        row, sound = _read_row(register, number, found)
        account = row.values.get("account_no")
        if account is not None:  # checked on rows with other problems too: all are named at once
            if account in first_account:
                register.problem(
                    number,
                    "account_no",
                    f"户号 {account} 重复：第 {first_account[account]} 行和第 {number} 行 "
                    "(duplicate account number)",
                )
            else:
                first_account[account] = number
        if sound:
            register.rows.append(row)
    if not register.rows and not register.problems:
        register.problem(
            register.header_row, None, "标题行下面没有客户 (the register has no customers under its header)"
        )
    _check_number_accounts(register)


def _read_row(register: Register, number: int, cells: dict[str, Any]) -> tuple[RegisterRow, bool]:
    """The row's values, and whether every cell was sound (the problems of those that are not logged)."""
    row = RegisterRow(number, {})
    bad: set[str] = set()
    for key, cell in cells.items():
        value = cell.value
        if getattr(cell, "data_type", None) == "f":
            register.problem(
                number,
                key,
                "单元格含有公式，这里不允许公式，请改为文字 (a formula is not allowed: type the value)",
            )
            bad.add(key)
            continue
        if is_blank(value):
            continue
        try:
            if key == "account_no":
                number_format = getattr(cell, "number_format", None)
                row.values[key] = account_text(value, number_format)
                row.account_from_number = isinstance(value, int | float) and not (
                    number_format and re.fullmatch(r"0+", number_format)
                )
            elif key in _READERS:
                row.values[key] = _READERS[key](value, register.units.get(key, ""))
            else:
                row.values[key] = text_value(value)
        except RegisterValueError as error:
            register.problem(number, key, str(error))
            bad.add(key)
    for spec in FIELDS:
        if spec.required and spec.key in register.positions and spec.key not in row.values.keys() | bad:
            register.problem(number, spec.key, f"{spec.label}不能为空 (required)")
            bad.add(spec.key)
    return row, not bad


def _check_number_accounts(register: Register) -> None:
    """Excel turns 0531000001 typed into a General cell into the number 531000001. Where the column's other
    account numbers start with 0, such a number cell has surely lost its zero: refused. Elsewhere the digits
    are taken as they are, with a warning, since nothing in the file can tell."""
    numbers = [row for row in register.rows if row.account_from_number]
    if not numbers:
        return
    zero = next(
        (
            r
            for r in register.rows
            if not r.account_from_number and str(r.values.get("account_no", "")).startswith("0")
        ),
        None,
    )
    if zero is None:
        example = numbers[0]
        register.warnings.append(
            f"{len(numbers)} 个户号是数字单元格（如第 {example.row} 行 {example.values['account_no']}）："
            "若户号本应以 0 开头，Excel 已去掉了前导零；请把户号列设为文本格式后按原样输入 "
            "(account numbers stored as numbers)"
        )
        return
    for row in numbers:
        register.problem(
            row.row,
            "account_no",
            f"户号存成了数字 {row.values['account_no']}，而本列其他户号以 0 开头（如第 {zero.row} 行 "
            f"{zero.values['account_no']}）：Excel 可能去掉了前导零。请把户号列设为文本格式，按原样输入户号 "
            "(an account number stored as a number may have lost its leading zero)",
        )
