"""Reads templates kept as TOML (the built-in ones in resources/checklists: reviewable in a pull request).

Layout of a template file::

    code = "PERIODIC-HV"            version = 1      kind = "periodic"
    title_zh = "..."                title_en = "..."
    [[sections]]  code, title_zh, title_en
    [[choices]]   list, name, label_zh, label_en          (one row per choice, XLSForm-like)
    [[items]]     code, section, prompt_zh, prompt_en, guidance_zh, guidance_en, answer_kind, unit,
                  choices, required, photo_required_on_defect, default_severity, basis = [codes],
                  requirement_zh, requirement_en, deadline_days, rule = { kind = "...", ... },
                  relevant, constraint, constraint_message_zh, constraint_message_en
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from fieldapp.checklists.model import Choice, Section, Template, TemplateItem
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.measurements import RuleSpec

_ITEM_TEXT = (
    "prompt_en",
    "guidance_zh",
    "guidance_en",
    "unit",
    "choices",
    "requirement_zh",
    "requirement_en",
    "relevant",
    "constraint",
    "constraint_message_zh",
    "constraint_message_en",
)
_ITEM_KEYS = {
    "code",
    "section",
    "prompt_zh",
    "answer_kind",
    "required",
    "photo_required_on_defect",
    "default_severity",
    "basis",
    "deadline_days",
    "rule",
    *_ITEM_TEXT,
}


def load_template(path: Path) -> Template:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(f"{path.name}: {exc}") from exc
    return template_from_document(doc, path.name)


def template_from_document(doc: dict[str, Any], where: str) -> Template:
    try:
        sections = tuple(
            Section(str(s["code"]), str(s["title_zh"]), str(s.get("title_en", "")))
            for s in doc.get("sections", [])
        )
        lists: dict[str, list[Choice]] = {}
        for row in doc.get("choices", []):
            lists.setdefault(str(row["list"]), []).append(
                Choice(str(row["name"]), str(row["label_zh"]), str(row.get("label_en", "")))
            )
        items = tuple(_item(raw, where, n) for n, raw in enumerate(doc.get("items", []), start=1))
        return Template(
            code=str(doc["code"]),
            version=int(doc["version"]),
            kind=InspectionKind(doc["kind"]),
            title_zh=str(doc["title_zh"]),
            title_en=str(doc.get("title_en", "")),
            sections=sections,
            items=items,
            choice_lists={name: tuple(choices) for name, choices in lists.items()},
        )
    except KeyError as exc:
        raise ValidationError(f"{where}: missing field {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"{where}: {exc}") from exc


def _item(raw: dict[str, Any], where: str, number: int) -> TemplateItem:
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        raise ValidationError(f"{where}: item {number}: unknown field {', '.join(unknown)}")
    try:
        rule = raw.get("rule")
        deadline = raw.get("deadline_days")
        return TemplateItem(
            code=str(raw["code"]),
            section=str(raw["section"]),
            prompt_zh=str(raw["prompt_zh"]),
            answer_kind=AnswerKind(raw.get("answer_kind", AnswerKind.VERDICT)),
            required=bool(raw.get("required", True)),
            photo_required_on_defect=bool(raw.get("photo_required_on_defect", False)),
            default_severity=Severity(raw.get("default_severity", Severity.GENERAL)),
            basis=tuple(str(b) for b in raw.get("basis", [])),
            deadline_days=int(deadline) if deadline is not None else None,
            rule=RuleSpec.from_dict(rule) if rule else None,
            **{key: str(raw.get(key, "")) for key in _ITEM_TEXT},
        )
    except KeyError as exc:
        raise ValidationError(f"{where}: item {number}: missing field {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"{where}: item {number} ({raw.get('code', '?')}): {exc}") from exc


def load_builtin_templates(folder: Path) -> list[Template]:
    return [load_template(p) for p in sorted(folder.glob("*.toml"))]
