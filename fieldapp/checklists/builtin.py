"""Reads the built-in templates kept as TOML in resources/checklists (reviewable in a pull request)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from fieldapp.checklists.model import Template, TemplateItem
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.errors import ValidationError

_ITEM_KEYS = {
    "code",
    "section",
    "prompt_zh",
    "prompt_en",
    "answer_kind",
    "unit",
    "required",
    "photo_required_on_defect",
    "default_severity",
}


def load_template(path: Path) -> Template:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(f"{path.name}: {exc}") from exc
    try:
        items = tuple(_item(raw, path, n) for n, raw in enumerate(doc.get("items", []), start=1))
        template = Template(
            code=str(doc["code"]),
            version=int(doc["version"]),
            kind=InspectionKind(doc["kind"]),
            title_zh=str(doc["title_zh"]),
            title_en=str(doc["title_en"]),
            items=items,
        )
    except (KeyError, ValueError) as exc:
        raise ValidationError(f"{path.name}: missing or wrong field {exc}") from exc
    codes = [i.code for i in items]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValidationError(f"{path.name}: item codes used twice: {', '.join(duplicates)}")
    if not items:
        raise ValidationError(f"{path.name}: a template needs at least one item")
    return template


def _item(raw: dict[str, Any], path: Path, number: int) -> TemplateItem:
    try:
        return TemplateItem(
            code=str(raw["code"]),
            section=str(raw["section"]),
            prompt_zh=str(raw["prompt_zh"]),
            prompt_en=str(raw.get("prompt_en", "")),
            answer_kind=AnswerKind(raw.get("answer_kind", AnswerKind.VERDICT)),
            unit=str(raw.get("unit", "")),
            required=bool(raw.get("required", True)),
            photo_required_on_defect=bool(raw.get("photo_required_on_defect", False)),
            default_severity=Severity(raw.get("default_severity", Severity.GENERAL)),
            extra={k: v for k, v in raw.items() if k not in _ITEM_KEYS},
        )
    except (KeyError, ValueError) as exc:
        raise ValidationError(f"{path.name}: item {number}: missing or wrong field {exc}") from exc


def load_builtin_templates(folder: Path) -> list[Template]:
    return [load_template(p) for p in sorted(folder.glob("*.toml"))]
