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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.checklists.model import Choice, Section, Template, TemplateItem
from fieldapp.checklists.validate import Problem, validate_template
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.measurements import RuleSpec
from fieldapp.workbook.problems import ProblemLog, WorkbookError, WorkbookProblem
from fieldapp.workbook.reading import (
    flag_value,
    integer_value,
    open_workbook,
    read_rows,
    require_sheets,
    text_value,
)
from fieldapp.workbook.writing import (
    BAND_FILL,
    column_letter,
    finish_sheet,
    save_atomically,
    write_header,
    write_row,
)

MAX_FILE_BYTES = 10 * 1024 * 1024  # a template with photos pasted in is still far below this
MAX_EXPANDED_BYTES = 100 * 1024 * 1024
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


class TemplateWorkbookError(WorkbookError):
    """The workbook cannot become a template; `problems` says where and why, each one precisely."""


# ---- writing -----------------------------------------------------------------------------------------


def write_template(template: Template, path: Path) -> None:
    """Write `template` as an XLSForm-style workbook (atomically: a reader never sees half a file)."""
    workbook = Workbook()
    survey = workbook.active
    assert survey is not None
    survey.title = "survey"
    write_header(survey, SURVEY_COLUMNS)
    row = 2
    by_section: dict[str, list[TemplateItem]] = {}
    for item in template.items:
        by_section.setdefault(item.section, []).append(item)
    for section in template.sections:
        write_row(
            survey,
            row,
            {
                "type": "begin_group",
                "name": section.code,
                "label::zh": section.title_zh,
                "label::en": section.title_en,
            },
            SURVEY_COLUMNS,
            fill=BAND_FILL,
        )
        row += 1
        for item in by_section.get(section.code, []):
            write_row(survey, row, _item_cells(item), SURVEY_COLUMNS)
            row += 1
        write_row(survey, row, {"type": "end_group", "name": section.code}, SURVEY_COLUMNS, fill=BAND_FILL)
        row += 1
    finish_sheet(
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
        freeze="C2",  # type and name stay in view while scrolling right
    )
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    severity = DataValidation(type="list", formula1='"general,serious"', allow_blank=True)
    for validation, column in ((yes_no, "required"), (yes_no, "photo_on_defect"), (severity, "severity")):
        letter = column_letter(SURVEY_COLUMNS, column)
        validation.add(f"{letter}2:{letter}{max(row, 2) + 200}")
    survey.add_data_validation(yes_no)
    survey.add_data_validation(severity)

    choices = workbook.create_sheet("choices")
    write_header(choices, CHOICE_COLUMNS)
    row = 2
    for list_name, options in template.choice_lists.items():
        for option in options:
            write_row(
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
    finish_sheet(choices, CHOICE_COLUMNS, row - 1, widths={"label::zh": 30, "label::en": 30})

    settings = workbook.create_sheet("settings")
    write_header(settings, SETTINGS_COLUMNS)
    write_row(
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
    finish_sheet(settings, SETTINGS_COLUMNS, 2, widths={"form_title::zh": 40, "form_title::en": 40})

    save_atomically(workbook, path)


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


# ---- reading -----------------------------------------------------------------------------------------


@dataclass
class _Reader(ProblemLog):
    item_rows: dict[str, int] = field(default_factory=dict)
    survey_columns: dict[str, int] = field(default_factory=dict)
    reported_outside_group: bool = False


def read_template(path: Path, known_basis: Collection[str] | None = None) -> Template:
    """The template in the workbook at `path`, validated (citations against `known_basis` when given);
    TemplateWorkbookError lists every problem."""
    reader = _Reader(path.name)
    workbook = open_workbook(
        path, max_bytes=MAX_FILE_BYTES, max_expanded=MAX_EXPANDED_BYTES, error=TemplateWorkbookError
    )
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


def _read(workbook: Any, reader: _Reader) -> Template | None:
    names = set(workbook.sheetnames)
    if not require_sheets(workbook, ("survey", "settings"), reader):
        return None
    settings = _read_settings(workbook["settings"], reader)
    choice_lists = _read_choices(workbook["choices"], reader) if "choices" in names else {}
    sections, items = _read_survey(workbook["survey"], reader, choice_lists, "choices" in names)
    if settings is None:
        return None
    code, version, kind, title_zh, title_en = settings
    return Template(code, version, kind, title_zh, title_en, tuple(sections), tuple(items), choice_lists)


def _read_settings(sheet: Worksheet, reader: _Reader) -> tuple[str, int, InspectionKind, str, str] | None:
    found = list(
        read_rows(
            sheet, reader, SETTINGS_COLUMNS, ("form_id", "version", "form_title::zh"), max_rows=MAX_ROWS
        )
    )
    if not found:
        if not any(p.sheet == "settings" for p in reader.problems):
            reader.add("settings", 2, None, "settings 表缺少模板信息行 (the settings row is missing)")
        return None
    if len(found) > 1:
        reader.add("settings", found[1][0], None, "settings 表只能有一行 (only one settings row)")
    number, values, index = found[0]
    ok = True
    code = text_value(values, "form_id")
    if not code:
        reader.add("settings", number, "form_id", "缺少模板代码 (form_id is empty)", index)
        ok = False
    version = integer_value(values.get("version"))
    if version is None or version < 1:
        reader.add(
            "settings",
            number,
            "version",
            f"版本号应为正整数：{values.get('version')!r} (version must be a whole number >= 1)",
            index,
        )
        ok = False
    raw_kind = text_value(values, "kind") or InspectionKind.PERIODIC.value
    try:
        kind = InspectionKind(raw_kind)
    except ValueError:
        reader.add(
            "settings",
            number,
            "kind",
            f"未知的检查类别 {raw_kind!r}（可用："
            f"{', '.join(k.value for k in InspectionKind)}）(unknown kind)",
            index,
        )
        ok = False
    title_zh = text_value(values, "form_title::zh")
    if not title_zh:
        reader.add("settings", number, "form_title::zh", "缺少中文模板名称 (Chinese title is empty)", index)
        ok = False
    if not ok or version is None:
        return None
    return code, version, kind, title_zh, text_value(values, "form_title::en")


def _read_choices(sheet: Worksheet, reader: _Reader) -> dict[str, tuple[Choice, ...]]:
    lists: dict[str, list[Choice]] = {}
    for number, values, index in read_rows(
        sheet, reader, CHOICE_COLUMNS, ("list_name", "name", "label::zh"), max_rows=MAX_ROWS
    ):
        list_name, name, label = (
            text_value(values, "list_name"),
            text_value(values, "name"),
            text_value(values, "label::zh"),
        )
        for column, value in (("list_name", list_name), ("name", name), ("label::zh", label)):
            if not value:
                reader.add("choices", number, column, f"{column} 不能为空 (empty)", index)
        if not (list_name and name and label):
            continue
        if any(c.name == name for c in lists.get(list_name, [])):
            reader.add(
                "choices", number, "name", f"列表 {list_name} 中选项 {name} 重复 (duplicate choice)", index
            )
            continue
        lists.setdefault(list_name, []).append(Choice(name, label, text_value(values, "label::en")))
    return {name: tuple(options) for name, options in lists.items()}


def _read_survey(
    sheet: Worksheet, reader: _Reader, choice_lists: dict[str, tuple[Choice, ...]], has_choices_sheet: bool
) -> tuple[list[Section], list[TemplateItem]]:
    sections: list[Section] = []
    items: list[TemplateItem] = []
    current: str | None = None
    for number, values, index in read_rows(
        sheet, reader, SURVEY_COLUMNS, ("type", "name", "label::zh"), max_rows=MAX_ROWS
    ):
        reader.survey_columns = index
        kind = re.sub(r"\s+", " ", text_value(values, "type").lower().replace("-", "_"))
        name = text_value(values, "name")
        if kind in ("begin_group", "begin group"):
            if current is not None:
                reader.add(
                    "survey",
                    number,
                    "type",
                    f"分组 {current} 尚未结束（缺少 end_group），不能嵌套分组 (groups cannot be nested)",
                    index,
                )
            if not name:
                reader.add("survey", number, "name", "分组缺少代码 (group name is empty)", index)
            elif any(s.code == name for s in sections):
                reader.add("survey", number, "name", f"分组 {name} 重复 (group name used twice)", index)
            elif not text_value(values, "label::zh"):
                reader.add("survey", number, "label::zh", "分组缺少中文标题 (group label is empty)", index)
            else:
                sections.append(
                    Section(name, text_value(values, "label::zh"), text_value(values, "label::en"))
                )
            current = name or "?"
            reader.reported_outside_group = False
            continue
        if kind in ("end_group", "end group"):
            if current is None:
                reader.add(
                    "survey", number, "type", "end_group 之前没有 begin_group (end without begin)", index
                )
            current = None
            continue
        item = _read_item(number, values, index, kind, name, current, reader, choice_lists, has_choices_sheet)
        if item is not None:
            if item.code in reader.item_rows:
                reader.add(
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
        reader.add("survey", None, "type", f"分组 {current} 没有 end_group (group not closed)")
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
        reader.add("survey", number, column, message, index)

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
        bad("type", f"未知的类型 {text_value(values, 'type')!r}（可用：{allowed}）(unknown type)")
        answer_kind = AnswerKind.VERDICT
    if not name:
        bad("name", "缺少检查项代码 (name is empty)")
    if not text_value(values, "label::zh"):
        bad("label::zh", "缺少中文检查内容 (the Chinese label is empty)")
    if section is None and not reader.reported_outside_group:
        # Said once: every later row outside a group has the same cause.
        reader.reported_outside_group = True
        bad("type", "检查项必须位于 begin_group 与 end_group 之间 (an item must stand inside a group)")
    required = _flag(values, "required", bad=bad)
    photo = _flag(values, "photo_on_defect", bad=bad)
    severity_text = text_value(values, "severity").lower()
    severity = _SEVERITY.get(severity_text or "general")
    if severity is None:
        bad("severity", f"隐患等级应为 general 或 serious：{severity_text!r} (severity)")
    deadline = values.get("deadline_days")
    deadline_days = integer_value(deadline)
    if deadline not in (None, "") and deadline_days is None:
        bad("deadline_days", f"整改期限应为整数天：{deadline!r} (deadline must be whole days)")
    rule = None
    rule_text = text_value(values, "rule")
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
        prompt_zh=text_value(values, "label::zh"),
        prompt_en=text_value(values, "label::en"),
        guidance_zh=text_value(values, "hint::zh"),
        guidance_en=text_value(values, "hint::en"),
        answer_kind=answer_kind,
        unit=text_value(values, "unit"),
        choices=choices,
        required=required,
        photo_required_on_defect=photo,
        default_severity=severity or Severity.GENERAL,
        basis=tuple(b for b in re.split(r"[\s,;，；、]+", text_value(values, "basis")) if b),
        requirement_zh=text_value(values, "requirement::zh"),
        requirement_en=text_value(values, "requirement::en"),
        deadline_days=deadline_days,
        rule=rule,
        relevant=text_value(values, "relevant"),
        constraint=text_value(values, "constraint"),
        constraint_message_zh=text_value(values, "constraint_message::zh"),
        constraint_message_en=text_value(values, "constraint_message::en"),
    )


def _flag(values: dict[str, Any], column: str, *, bad: Callable[[str, str], None]) -> bool:
    flag = flag_value(values.get(column))
    if flag is None:
        bad(column, f"应填 yes 或 no：{values.get(column)!r} (yes or no)")
        return False
    return flag


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
        reader.add("survey", reader.item_rows[problem.item], column, problem.message, reader.survey_columns)
    elif problem.field in _SETTINGS_FIELD:
        reader.add("settings", 2, _SETTINGS_FIELD[problem.field], problem.message)
    elif problem.field == "choices":
        reader.add("choices", None, None, problem.message)
    else:
        reader.add("survey", None, None, problem.message)


def problems_text(problems: Iterable[WorkbookProblem]) -> str:
    return "\n".join(str(p) for p in problems)
