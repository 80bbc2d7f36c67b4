"""Templates as Excel workbooks in XLSForm's conventions, so office staff who know ODK or Kobo forms feel at
home: a `survey` sheet (one row per item; `begin_group`/`end_group` rows are the sections), a `choices`
sheet and a `settings` sheet. Columns beyond XLSForm's own carry what a notice needs: severity, basis,
requirement, deadline and rule.

Reading is defensive: the workbook comes from a person and may be anything. Each problem is reported with
the file, sheet, row and column; nothing is returned unless the whole template is sound. Every string is
written as text, so nothing a user typed can become a formula, and formulas found in a workbook are refused
cell by cell."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.checklists.model import Choice, Section, Template, TemplateItem
from fieldapp.checklists.validate import Problem, validate_template
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.measurements import RuleSpec

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # a zip bomb expands far beyond what a template needs
MAX_ZIP_ENTRIES = 500
MAX_ROWS = 5000

# (column, Chinese explanation shown as the header's comment)
SURVEY_COLUMNS: tuple[tuple[str, str], ...] = (
    (
        "type",
        "类型：verdict 合格/缺陷/不适用、decimal 数值、text 文字、select_one 列表名、date 日期、seal 封印号；"
        "begin_group/end_group 为分组",
    ),
    ("name", "代码：字母开头，表达式中写作 ${代码}"),
    ("label::zh", "检查内容（中文，必填）"),
    ("label::en", "检查内容（英文）"),
    ("hint::zh", "检查方法（中文）"),
    ("hint::en", "检查方法（英文）"),
    ("required", "必填：yes / no"),
    ("relevant", "显示条件，例如 ${F01} = 'defect'"),
    ("constraint", "取值约束，. 表示本项答案，例如 . >= 0 and . <= 1"),
    ("constraint_message::zh", "不满足约束时的提示（中文）"),
    ("constraint_message::en", "不满足约束时的提示（英文）"),
    ("unit", "数值单位，例如 kVA、Ω、°C"),
    ("photo_on_defect", "缺陷时必须拍照：yes / no"),
    ("severity", "默认隐患等级：general 一般 / serious 重大"),
    ("basis", "依据库代码，多个用逗号分隔"),
    ("requirement::zh", "默认整改要求（中文）"),
    ("requirement::en", "默认整改要求（英文）"),
    ("deadline_days", "默认整改期限（天）"),
    ("rule", "测量规则，例如 max limit=85 或 power_factor"),
)
CHOICE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("list_name", "选项列表名"),
    ("name", "选项代码"),
    ("label::zh", "选项（中文）"),
    ("label::en", "选项（英文）"),
)
SETTINGS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("form_id", "模板代码"),
    ("version", "版本号（导入时自动递增）"),
    ("kind", "检查类别：periodic、seasonal、anti_theft、acceptance、reinspection 等"),
    ("form_title::zh", "模板名称（中文）"),
    ("form_title::en", "模板名称（英文）"),
    ("default_language", "默认语言"),
)

_KIND_TO_TYPE = {
    AnswerKind.VERDICT: "verdict",
    AnswerKind.NUMBER: "decimal",
    AnswerKind.TEXT: "text",
    AnswerKind.DATE: "date",
    AnswerKind.SEAL: "seal",
}
_TYPE_TO_KIND = {v: k for k, v in _KIND_TO_TYPE.items()} | {"integer": AnswerKind.NUMBER}
_YES = {"yes", "true", "1", "y", "是", "true()"}
_NO = {"no", "false", "0", "n", "否", "false()", ""}
_SEVERITY = {
    "general": Severity.GENERAL,
    "一般": Severity.GENERAL,
    "serious": Severity.SERIOUS,
    "重大": Severity.SERIOUS,
}
# Where each field of the model stands in the survey sheet, to point problems at their cell.
_FIELD_COLUMN = {
    "code": "name",
    "section": "type",
    "prompt_zh": "label::zh",
    "prompt_en": "label::en",
    "guidance_zh": "hint::zh",
    "guidance_en": "hint::en",
    "answer_kind": "type",
    "choices": "type",
    "required": "required",
    "relevant": "relevant",
    "constraint": "constraint",
    "constraint_message_zh": "constraint_message::zh",
    "constraint_message_en": "constraint_message::en",
    "unit": "unit",
    "photo_required_on_defect": "photo_on_defect",
    "default_severity": "severity",
    "basis": "basis",
    "requirement_zh": "requirement::zh",
    "requirement_en": "requirement::en",
    "deadline_days": "deadline_days",
    "rule": "rule",
}
_SETTINGS_FIELD = {
    "code": "form_id",
    "version": "version",
    "kind": "kind",
    "title_zh": "form_title::zh",
    "title_en": "form_title::en",
}
_RULE_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(\S+)$")


# ---- problems ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookProblem:
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    cell: str | None = None

    def __str__(self) -> str:
        place = [self.file]
        if self.sheet:
            place.append(f"工作表 {self.sheet}")
        if self.row:
            place.append(f"第 {self.row} 行")
        if self.column:
            place.append(f"{self.column} 列" + (f" ({self.cell})" if self.cell else ""))
        return f"{'，'.join(place)}：{self.message}"


class TemplateWorkbookError(ValidationError):
    """The workbook cannot become a template; `problems` says where and why, each one precisely."""

    def __init__(self, problems: list[WorkbookProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---- writing -----------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
_GROUP_FILL = PatternFill("solid", fgColor="DCE6F1")


def write_template(template: Template, path: Path) -> None:
    """Write `template` as an XLSForm-style workbook (atomically: a reader never sees half a file)."""
    workbook = Workbook()
    survey = workbook.active
    assert survey is not None
    survey.title = "survey"
    _header(survey, SURVEY_COLUMNS)
    row = 2
    by_section: dict[str, list[TemplateItem]] = {}
    for item in template.items:
        by_section.setdefault(item.section, []).append(item)
    for section in template.sections:
        _row(
            survey,
            row,
            {
                "type": "begin_group",
                "name": section.code,
                "label::zh": section.title_zh,
                "label::en": section.title_en,
            },
            SURVEY_COLUMNS,
            fill=_GROUP_FILL,
        )
        row += 1
        for item in by_section.get(section.code, []):
            _row(survey, row, _item_cells(item), SURVEY_COLUMNS)
            row += 1
        _row(survey, row, {"type": "end_group", "name": section.code}, SURVEY_COLUMNS, fill=_GROUP_FILL)
        row += 1
    _finish(
        survey,
        SURVEY_COLUMNS,
        row - 1,
        widths={
            "label::zh": 48,
            "label::en": 40,
            "hint::zh": 40,
            "hint::en": 32,
            "requirement::zh": 32,
            "type": 22,
        },
    )
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    severity = DataValidation(type="list", formula1='"general,serious"', allow_blank=True)
    for validation, column in ((yes_no, "required"), (yes_no, "photo_on_defect"), (severity, "severity")):
        letter = get_column_letter(_index(SURVEY_COLUMNS, column))
        validation.add(f"{letter}2:{letter}{max(row, 2) + 200}")
    survey.add_data_validation(yes_no)
    survey.add_data_validation(severity)

    choices = workbook.create_sheet("choices")
    _header(choices, CHOICE_COLUMNS)
    row = 2
    for list_name, options in template.choice_lists.items():
        for option in options:
            _row(
                choices,
                row,
                {
                    "list_name": list_name,
                    "name": option.name,
                    "label::zh": option.label_zh,
                    "label::en": option.label_en,
                },
                CHOICE_COLUMNS,
            )
            row += 1
    _finish(choices, CHOICE_COLUMNS, row - 1, widths={"label::zh": 30, "label::en": 30})

    settings = workbook.create_sheet("settings")
    _header(settings, SETTINGS_COLUMNS)
    _row(
        settings,
        2,
        {
            "form_id": template.code,
            "version": template.version,
            "kind": template.kind.value,
            "form_title::zh": template.title_zh,
            "form_title::en": template.title_en,
            "default_language": "zh",
        },
        SETTINGS_COLUMNS,
    )
    _finish(settings, SETTINGS_COLUMNS, 2, widths={"form_title::zh": 40, "form_title::en": 40})

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        workbook.save(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def _item_cells(item: TemplateItem) -> dict[str, Any]:
    kind = (
        f"select_one {item.choices}"
        if item.answer_kind is AnswerKind.CHOICE
        else _KIND_TO_TYPE[item.answer_kind]
    )
    return {
        "type": kind,
        "name": item.code,
        "label::zh": item.prompt_zh,
        "label::en": item.prompt_en,
        "hint::zh": item.guidance_zh,
        "hint::en": item.guidance_en,
        "required": "yes" if item.required else "no",
        "relevant": item.relevant,
        "constraint": item.constraint,
        "constraint_message::zh": item.constraint_message_zh,
        "constraint_message::en": item.constraint_message_en,
        "unit": item.unit,
        "photo_on_defect": "yes" if item.photo_required_on_defect else "no",
        "severity": item.default_severity.value,
        "basis": ", ".join(item.basis),
        "requirement::zh": item.requirement_zh,
        "requirement::en": item.requirement_en,
        "deadline_days": item.deadline_days,
        "rule": format_rule(item.rule) if item.rule else "",
    }


def format_rule(rule: RuleSpec) -> str:
    return " ".join([rule.kind, *(f"{key}={_format_param(value)}" for key, value in rule.params.items())])


def _format_param(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _header(sheet: Worksheet, columns: tuple[tuple[str, str], ...]) -> None:
    for index, (name, explanation) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _set_text(cell, name)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.comment = Comment(explanation, "fieldapp")


def _row(
    sheet: Worksheet,
    row: int,
    values: dict[str, Any],
    columns: tuple[tuple[str, str], ...],
    fill: PatternFill | None = None,
) -> None:
    for index, (name, _explanation) in enumerate(columns, start=1):
        value = values.get(name)
        cell = sheet.cell(row=row, column=index)
        if isinstance(value, str):
            if value:
                _set_text(cell, value)
        elif value is not None:
            cell.value = value
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if fill is not None:
            cell.fill = fill


def _set_text(cell: Cell, text: str) -> None:
    # openpyxl writes any string that starts with "=" as a formula; this one is text, whatever it says.
    cell.value = text
    cell.data_type = "s"


def _finish(
    sheet: Worksheet, columns: tuple[tuple[str, str], ...], last_row: int, widths: dict[str, int]
) -> None:
    sheet.freeze_panes = "C2" if sheet.title == "survey" else "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last_row, 1)}"
    for index, (name, _explanation) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 16)


def _index(columns: tuple[tuple[str, str], ...], name: str) -> int:
    return [c for c, _ in columns].index(name) + 1


# ---- reading -----------------------------------------------------------------------------------------


@dataclass
class _Reader:
    file: str
    problems: list[WorkbookProblem] = field(default_factory=list)
    item_rows: dict[str, int] = field(default_factory=dict)
    survey_columns: dict[str, int] = field(default_factory=dict)
    reported_outside_group: bool = False

    def problem(
        self,
        sheet: str | None,
        row: int | None,
        column: str | None,
        message: str,
        columns: dict[str, int] | None = None,
    ) -> None:
        cell = None
        if row and column and columns and column in columns:
            cell = f"{get_column_letter(columns[column])}{row}"
        self.problems.append(WorkbookProblem(self.file, sheet, row, column, message, cell))


def read_template(path: Path, known_basis: Collection[str] | None = None) -> Template:
    """The template in the workbook at `path`, validated (citations against `known_basis` when given);
    TemplateWorkbookError lists every problem."""
    reader = _Reader(path.name)
    workbook = _open(path, reader)
    try:
        template = _read(workbook, reader)
    finally:
        workbook.close()
    if reader.problems or template is None:
        raise TemplateWorkbookError(
            reader.problems or [WorkbookProblem(path.name, None, None, None, "空模板")]
        )
    for problem in validate_template(template, known_basis):
        _locate(problem, reader)
    if reader.problems:
        raise TemplateWorkbookError(reader.problems)
    return template


def _open(path: Path, reader: _Reader) -> Any:
    def refuse(message: str) -> TemplateWorkbookError:
        return TemplateWorkbookError([WorkbookProblem(reader.file, None, None, None, message)])

    if not path.is_file():
        raise refuse("文件不存在 (file not found)")
    size = path.stat().st_size
    if size == 0:
        raise refuse("文件是空的 (the file is empty)")
    if size > MAX_FILE_BYTES:
        raise refuse(f"文件过大（{size // 1024 // 1024} MB），模板工作簿不应超过 10 MB (file too large)")
    if path.suffix.lower() != ".xlsx":
        raise refuse(
            f"不是 .xlsx 工作簿（扩展名 {path.suffix or '无'}），请在 Excel 中另存为 .xlsx "
            "(not an .xlsx workbook)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
                raise refuse("工作簿解压后过大，已拒绝 (the workbook expands too far: refused)")
            if any(e.filename.startswith("/") or ".." in e.filename.split("/") for e in entries):
                raise refuse("工作簿包含非法路径，已拒绝 (the workbook holds unsafe paths: refused)")
    except zipfile.BadZipFile:
        raise refuse("文件已损坏或不是 Excel 工作簿 (damaged, or not an Excel workbook)") from None
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for broken or hostile files; all mean the same
        raise refuse(f"无法读取工作簿：{type(exc).__name__}: {exc} (cannot read the workbook)") from None


def _read(workbook: Any, reader: _Reader) -> Template | None:
    names = set(workbook.sheetnames)
    for required in ("survey", "settings"):
        if required not in names:
            reader.problem(
                required,
                None,
                None,
                f"缺少工作表 {required}（现有：{'、'.join(workbook.sheetnames)}）(sheet missing)",
            )
    if reader.problems:
        return None
    settings = _read_settings(workbook["settings"], reader)
    choice_lists = _read_choices(workbook["choices"], reader) if "choices" in names else {}
    sections, items = _read_survey(workbook["survey"], reader, choice_lists, "choices" in names)
    if settings is None:
        return None
    code, version, kind, title_zh, title_en = settings
    return Template(code, version, kind, title_zh, title_en, tuple(sections), tuple(items), choice_lists)


def _rows(
    sheet: Worksheet,
    sheet_name: str,
    reader: _Reader,
    columns: tuple[tuple[str, str], ...],
    required: tuple[str, ...],
) -> Iterator[tuple[int, dict[str, Any], dict[str, int]]]:
    """(row number, {column: value}) for each non-empty row under the header, with formulas refused."""
    rows = sheet.iter_rows()
    header_cells = next(rows, None)
    if header_cells is None:
        reader.problem(sheet_name, 1, None, "工作表为空，缺少标题行 (the sheet is empty: no header row)")
        return
    known = {name for name, _ in columns}
    index: dict[str, int] = {}
    for position, cell in enumerate(header_cells, start=1):
        name = str(cell.value).strip() if cell.value is not None else ""
        if not name:
            continue
        if name not in known:
            reader.problem(
                sheet_name,
                1,
                name,
                f"未知的列名 {name!r}（可用：{', '.join(sorted(known))}）(unknown column)",
            )
        elif name in index:
            reader.problem(sheet_name, 1, name, f"列 {name} 出现两次 (column appears twice)")
        else:
            index[name] = position
    for name in required:
        if name not in index:
            reader.problem(sheet_name, 1, name, f"缺少必需的列 {name} (required column missing)")
    if any(p.sheet == sheet_name and p.row == 1 for p in reader.problems):
        return
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS:
            reader.problem(sheet_name, number, None, f"行数超过 {MAX_ROWS}，已拒绝 (too many rows)")
            return
        values: dict[str, Any] = {}
        for name, position in index.items():
            if position > len(cells):
                continue
            cell = cells[position - 1]
            if getattr(cell, "data_type", None) == "f":
                reader.problem(
                    sheet_name,
                    number,
                    name,
                    "单元格含有公式，模板中不允许公式，请改为文字 (a formula is not allowed: type the text)",
                    index,
                )
                continue
            value = cell.value
            if isinstance(value, str):
                value = value.strip()
            values[name] = value
        if any(v not in (None, "") for v in values.values()):
            yield number, values, index


def _text(values: dict[str, Any], name: str) -> str:
    value = values.get(name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_settings(sheet: Worksheet, reader: _Reader) -> tuple[str, int, InspectionKind, str, str] | None:
    found = list(_rows(sheet, "settings", reader, SETTINGS_COLUMNS, ("form_id", "version", "form_title::zh")))
    if not found:
        if not any(p.sheet == "settings" for p in reader.problems):
            reader.problem("settings", 2, None, "settings 表缺少模板信息行 (the settings row is missing)")
        return None
    if len(found) > 1:
        reader.problem("settings", found[1][0], None, "settings 表只能有一行 (only one settings row)")
    number, values, index = found[0]
    ok = True
    code = _text(values, "form_id")
    if not code:
        reader.problem("settings", number, "form_id", "缺少模板代码 (form_id is empty)", index)
        ok = False
    version = _integer(values.get("version"))
    if version is None or version < 1:
        reader.problem(
            "settings",
            number,
            "version",
            f"版本号应为正整数：{values.get('version')!r} (version must be a whole number >= 1)",
            index,
        )
        ok = False
    raw_kind = _text(values, "kind") or InspectionKind.PERIODIC.value
    try:
        kind = InspectionKind(raw_kind)
    except ValueError:
        reader.problem(
            "settings",
            number,
            "kind",
            f"未知的检查类别 {raw_kind!r}（可用："
            f"{', '.join(k.value for k in InspectionKind)}）(unknown kind)",
            index,
        )
        ok = False
    title_zh = _text(values, "form_title::zh")
    if not title_zh:
        reader.problem(
            "settings", number, "form_title::zh", "缺少中文模板名称 (Chinese title is empty)", index
        )
        ok = False
    if not ok or version is None:
        return None
    return code, version, kind, title_zh, _text(values, "form_title::en")


def _read_choices(sheet: Worksheet, reader: _Reader) -> dict[str, tuple[Choice, ...]]:
    lists: dict[str, list[Choice]] = {}
    for number, values, index in _rows(
        sheet, "choices", reader, CHOICE_COLUMNS, ("list_name", "name", "label::zh")
    ):
        list_name, name, label = _text(values, "list_name"), _text(values, "name"), _text(values, "label::zh")
        for column, value in (("list_name", list_name), ("name", name), ("label::zh", label)):
            if not value:
                reader.problem("choices", number, column, f"{column} 不能为空 (empty)", index)
        if not (list_name and name and label):
            continue
        if any(c.name == name for c in lists.get(list_name, [])):
            reader.problem(
                "choices", number, "name", f"列表 {list_name} 中选项 {name} 重复 (duplicate choice)", index
            )
            continue
        lists.setdefault(list_name, []).append(Choice(name, label, _text(values, "label::en")))
    return {name: tuple(options) for name, options in lists.items()}


def _read_survey(
    sheet: Worksheet, reader: _Reader, choice_lists: dict[str, tuple[Choice, ...]], has_choices_sheet: bool
) -> tuple[list[Section], list[TemplateItem]]:
    sections: list[Section] = []
    items: list[TemplateItem] = []
    current: str | None = None
    for number, values, index in _rows(
        sheet, "survey", reader, SURVEY_COLUMNS, ("type", "name", "label::zh")
    ):
        reader.survey_columns = index
        kind = re.sub(r"\s+", " ", _text(values, "type").lower().replace("-", "_"))
        name = _text(values, "name")
        if kind in ("begin_group", "begin group"):
            if current is not None:
                reader.problem(
                    "survey",
                    number,
                    "type",
                    f"分组 {current} 尚未结束（缺少 end_group），不能嵌套分组 (groups cannot be nested)",
                    index,
                )
            if not name:
                reader.problem("survey", number, "name", "分组缺少代码 (group name is empty)", index)
            elif any(s.code == name for s in sections):
                reader.problem("survey", number, "name", f"分组 {name} 重复 (group name used twice)", index)
            elif not _text(values, "label::zh"):
                reader.problem(
                    "survey", number, "label::zh", "分组缺少中文标题 (group label is empty)", index
                )
            else:
                sections.append(Section(name, _text(values, "label::zh"), _text(values, "label::en")))
            current = name or "?"
            reader.reported_outside_group = False
            continue
        if kind in ("end_group", "end group"):
            if current is None:
                reader.problem(
                    "survey", number, "type", "end_group 之前没有 begin_group (end without begin)", index
                )
            current = None
            continue
        item = _read_item(number, values, index, kind, name, current, reader, choice_lists, has_choices_sheet)
        if item is not None:
            if item.code in reader.item_rows:
                reader.problem(
                    "survey",
                    number,
                    "name",
                    f"检查项代码 {item.code} 与第 {reader.item_rows[item.code]} 行重复 (duplicate name)",
                    index,
                )
                continue
            reader.item_rows[item.code] = number
            items.append(item)
    if current is not None:
        reader.problem("survey", None, "type", f"分组 {current} 没有 end_group (group not closed)")
    return sections, items


def _read_item(
    number: int,
    values: dict[str, Any],
    index: dict[str, int],
    kind: str,
    name: str,
    section: str | None,
    reader: _Reader,
    choice_lists: dict[str, tuple[Choice, ...]],
    has_choices_sheet: bool,
) -> TemplateItem | None:
    def bad(column: str, message: str) -> None:
        reader.problem("survey", number, column, message, index)

    before = len(reader.problems)
    choices = ""
    if kind.startswith("select_one"):
        answer_kind = AnswerKind.CHOICE
        choices = kind.removeprefix("select_one").strip()
        if not choices:
            bad("type", "select_one 后须写选项列表名，例如 select_one oil_colour (list name missing)")
        elif not has_choices_sheet:
            bad("type", "使用了 select_one，但缺少 choices 工作表 (the choices sheet is missing)")
        elif choices not in choice_lists:
            bad("type", f"choices 表中没有列表 {choices!r} (unknown choice list)")
    elif kind in _TYPE_TO_KIND:
        answer_kind = _TYPE_TO_KIND[kind]
    else:
        allowed = "verdict、decimal、text、select_one 列表名、date、seal、begin_group、end_group"
        bad("type", f"未知的类型 {_text(values, 'type')!r}（可用：{allowed}）(unknown type)")
        answer_kind = AnswerKind.VERDICT
    if not name:
        bad("name", "缺少检查项代码 (name is empty)")
    if not _text(values, "label::zh"):
        bad("label::zh", "缺少中文检查内容 (the Chinese label is empty)")
    if section is None and not reader.reported_outside_group:
        # Said once: every later row outside a group has the same cause.
        reader.reported_outside_group = True
        bad("type", "检查项必须位于 begin_group 与 end_group 之间 (an item must stand inside a group)")
    required = _flag(values, "required", default=False, bad=bad)
    photo = _flag(values, "photo_on_defect", default=False, bad=bad)
    severity_text = _text(values, "severity").lower()
    severity = _SEVERITY.get(severity_text or "general")
    if severity is None:
        bad("severity", f"隐患等级应为 general 或 serious：{severity_text!r} (severity)")
    deadline = values.get("deadline_days")
    deadline_days = _integer(deadline)
    if deadline not in (None, "") and deadline_days is None:
        bad("deadline_days", f"整改期限应为整数天：{deadline!r} (deadline must be whole days)")
    rule = None
    rule_text = _text(values, "rule")
    if rule_text:
        try:
            rule = parse_rule(rule_text)
        except ValueError as exc:
            bad("rule", f"{exc}")
    if len(reader.problems) > before:
        return None
    return TemplateItem(
        code=name,
        section=section or "",
        prompt_zh=_text(values, "label::zh"),
        prompt_en=_text(values, "label::en"),
        guidance_zh=_text(values, "hint::zh"),
        guidance_en=_text(values, "hint::en"),
        answer_kind=answer_kind,
        unit=_text(values, "unit"),
        choices=choices,
        required=required,
        photo_required_on_defect=photo,
        default_severity=severity or Severity.GENERAL,
        basis=tuple(b for b in re.split(r"[\s,;，；、]+", _text(values, "basis")) if b),
        requirement_zh=_text(values, "requirement::zh"),
        requirement_en=_text(values, "requirement::en"),
        deadline_days=deadline_days,
        rule=rule,
        relevant=_text(values, "relevant"),
        constraint=_text(values, "constraint"),
        constraint_message_zh=_text(values, "constraint_message::zh"),
        constraint_message_en=_text(values, "constraint_message::en"),
    )


def _flag(values: dict[str, Any], column: str, *, default: bool, bad: Any) -> bool:
    value = values.get(column)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    bad(column, f"应填 yes 或 no：{value!r} (yes or no)")
    return default


def _integer(value: Any) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    return int(text) if re.fullmatch(r"-?\d{1,9}", text) else None


def parse_rule(text: str) -> RuleSpec:
    """`max limit=85 severity=serious` → RuleSpec("max", {"limit": 85, "severity": "serious"})."""
    kind, *parts = text.split()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", kind):
        raise ValueError(f"规则名称无效：{kind!r}，例如 max limit=85 (rule kind)")
    params: dict[str, Any] = {}
    for part in parts:
        match = _RULE_PARAM.match(part)
        if match is None:
            raise ValueError(f"规则参数应写作 名称=值：{part!r} (rule parameter must be name=value)")
        key, raw = match.groups()
        if key in params:
            raise ValueError(f"规则参数 {key} 重复 (parameter given twice)")
        params[key] = _param_value(raw)
    return RuleSpec(kind, params)


def _param_value(raw: str) -> Any:
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if re.fullmatch(r"-?\d+\.\d+", raw):
        return float(Decimal(raw))
    if raw in ("true", "false"):
        return raw == "true"
    return raw


def _locate(problem: Problem, reader: _Reader) -> None:
    """Point a model-level problem at its cell."""
    if problem.item is not None and problem.item in reader.item_rows:
        column = _FIELD_COLUMN.get(problem.field)
        reader.problem(
            "survey", reader.item_rows[problem.item], column, problem.message, reader.survey_columns
        )
    elif problem.field in _SETTINGS_FIELD:
        reader.problem("settings", 2, _SETTINGS_FIELD[problem.field], problem.message)
    elif problem.field == "choices":
        reader.problem("choices", None, None, problem.message)
    else:
        reader.problem("survey", None, None, problem.message)


def problems_text(problems: Iterable[WorkbookProblem]) -> str:
    return "\n".join(str(p) for p in problems)
