"""Checks a template for everything that would make it unusable in the field: missing Chinese text,
unknown sections or choice lists, expressions that do not parse or read items that do not exist, rules the
app does not know, citations missing from the legal library. Each problem names the item and the field, so
a reader of a workbook can point at the cell."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from fieldapp.checklists.expressions import ExpressionError, check_references, parse
from fieldapp.checklists.model import Template, TemplateItem
from fieldapp.domain.enums import AnswerKind
from fieldapp.domain.measurements import validate_rule

# Item codes are referenced as ${code} in expressions, so they follow XLSForm's name rule.
ITEM_CODE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,49}$")
TEMPLATE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,50}$")
MAX_DEADLINE_DAYS = 365
# What the database columns hold (store.models; a test keeps the two in step). Longer text would be
# refused by PostgreSQL and kept by SQLite, so a template made on a tablet could not reach the office.
MAX_LENGTH = {"title_zh": 200, "title_en": 200, "section": 10, "unit": 20}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a template: `item` is an item code (None for the template itself, or a
    section or choice list named in `field`), `field` the model's field name."""

    item: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.item}." if self.item else ""
        return f"{where}{self.field}: {self.message}"


def validate_template(template: Template, known_basis: Collection[str] | None = None) -> list[Problem]:
    """Every problem of `template`; `known_basis` (the legal library's codes), when given, is checked
    against every item's citations."""
    problems: list[Problem] = []
    add = problems.append
    if not TEMPLATE_CODE.match(template.code):
        add(Problem(None, "code", f"模板代码只能用字母、数字、-、_：{template.code!r} (template code)"))
    if template.version < 1:
        add(Problem(None, "version", "版本号必须是正整数 (version must be 1 or more)"))
    if not template.title_zh.strip():
        add(Problem(None, "title_zh", "缺少中文标题 (Chinese title missing)"))
    for field in ("title_zh", "title_en"):
        if len(getattr(template, field)) > MAX_LENGTH[field]:
            add(Problem(None, field, f"标题超过 {MAX_LENGTH[field]} 个字符 (title too long)"))
    sections = [s.code for s in template.sections]
    for code in sorted({c for c in sections if sections.count(c) > 1}):
        add(Problem(None, "sections", f"分组 {code} 重复 (section defined twice)"))
    for section in template.sections:
        if len(section.code) > MAX_LENGTH["section"]:
            add(
                Problem(
                    None,
                    "sections",
                    f"分组代码 {section.code} 超过 {MAX_LENGTH['section']} 个字符 (too long)",
                )
            )
        if not section.title_zh.strip():
            add(Problem(None, "sections", f"分组 {section.code} 缺少中文标题 (section title missing)"))
    for name, choices in template.choice_lists.items():
        names = [c.name for c in choices]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            add(Problem(None, "choices", f"选项列表 {name} 中选项 {dup} 重复 (choice listed twice)"))
        for choice in choices:
            if not choice.label_zh.strip():
                add(
                    Problem(None, "choices", f"选项 {name}/{choice.name} 缺少中文标签 (choice label missing)")
                )
    if not template.items:
        add(Problem(None, "items", "模板中没有检查项 (a template needs at least one item)"))
    codes = [i.code for i in template.items]
    known = frozenset(codes)
    seen: set[str] = set()
    for item in template.items:
        if item.code in seen:
            add(Problem(item.code, "code", f"检查项代码 {item.code} 重复 (item code used twice)"))
        seen.add(item.code)
        problems.extend(_item_problems(template, item, known, set(sections), known_basis))
    return problems


def _item_problems(
    template: Template,
    item: TemplateItem,
    known: frozenset[str],
    sections: set[str],
    known_basis: Collection[str] | None,
) -> list[Problem]:
    out: list[Problem] = []

    def add(field: str, message: str) -> None:
        out.append(Problem(item.code, field, message))

    if not ITEM_CODE.match(item.code):
        add("code", f"检查项代码须以字母开头，只含字母、数字、_ . -：{item.code!r} (invalid item code)")
    if item.section not in sections:
        add("section", f"分组 {item.section!r} 不存在 (unknown section)")
    if not item.prompt_zh.strip():
        add("prompt_zh", "缺少中文检查内容 (Chinese prompt missing)")
    if item.answer_kind is AnswerKind.CHOICE:
        if not item.choices:
            add("choices", "选择题须指定选项列表 (a choice item needs a choice list)")
        elif not template.choice_lists.get(item.choices):
            add("choices", f"选项列表 {item.choices!r} 不存在或为空 (unknown choice list)")
    elif item.choices:
        add("choices", "只有选择题才能指定选项列表 (only choice items take a choice list)")
    if len(item.unit) > MAX_LENGTH["unit"]:
        add("unit", f"单位超过 {MAX_LENGTH['unit']} 个字符 (unit too long)")
    if item.unit and item.answer_kind is not AnswerKind.NUMBER:
        add("unit", "只有数值项才有单位 (only number items take a unit)")
    if item.deadline_days is not None and not 1 <= item.deadline_days <= MAX_DEADLINE_DAYS:
        add(
            "deadline_days", f"整改期限应为1到{MAX_DEADLINE_DAYS}天 (deadline: 1 to {MAX_DEADLINE_DAYS} days)"
        )
    if item.rule is not None:
        for message in validate_rule(item.rule, item.answer_kind):
            add("rule", message)
    for field in ("relevant", "constraint"):
        source = getattr(item, field)
        if not source:
            continue
        try:
            expression = parse(source)
        except ExpressionError as exc:
            add(field, f"表达式有误：{exc} (bad expression)")
            continue
        missing = check_references(expression, known)
        if missing:
            add(field, f"引用了不存在的检查项：{', '.join(missing)} (unknown item referenced)")
        if field == "relevant" and item.code in expression.references:
            add(field, "显示条件不能引用本项 (an item's relevance cannot depend on itself)")
    if known_basis is not None:
        unknown = [code for code in item.basis if code not in known_basis]
        if unknown:
            add("basis", f"依据库中没有：{', '.join(unknown)} (not in the legal-basis library)")
    return out
