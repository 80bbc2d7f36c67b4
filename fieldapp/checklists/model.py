"""The template model as plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity


@dataclass(frozen=True)
class TemplateItem:
    code: str
    section: str
    prompt_zh: str
    prompt_en: str
    answer_kind: AnswerKind = AnswerKind.VERDICT
    unit: str = ""
    required: bool = True
    photo_required_on_defect: bool = False
    default_severity: Severity = Severity.GENERAL
    # Guidance, basis references, rule, relevance, requirement and deadline: kept as one document.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    code: str
    version: int
    kind: InspectionKind
    title_zh: str
    title_en: str
    items: tuple[TemplateItem, ...]

    def content_sha256(self) -> str:
        return content_sha256(
            {
                "code": self.code,
                "version": self.version,
                "kind": self.kind,
                "title_zh": self.title_zh,
                "title_en": self.title_en,
                "items": [
                    {
                        "code": i.code,
                        "section": i.section,
                        "prompt_zh": i.prompt_zh,
                        "prompt_en": i.prompt_en,
                        "answer_kind": i.answer_kind,
                        "unit": i.unit,
                        "required": i.required,
                        "photo_required_on_defect": i.photo_required_on_defect,
                        "default_severity": i.default_severity,
                        "extra": i.extra,
                    }
                    for i in self.items
                ],
            }
        )
