"""The template model as plain frozen values: a template has sections, choice lists and items; an item
says what to check (prompt and guidance in both languages), how it is answered, and what follows from a
defect (severity, basis in the legal library, rectification requirement and deadline, a measurement rule)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import AnswerKind, InspectionKind, Severity
from fieldapp.domain.measurements import RuleSpec


@dataclass(frozen=True)
class Section:
    code: str
    title_zh: str
    title_en: str = ""


@dataclass(frozen=True)
class Choice:
    name: str
    label_zh: str
    label_en: str = ""


@dataclass(frozen=True)
class TemplateItem:
    code: str
    section: str
    prompt_zh: str
    prompt_en: str = ""
    guidance_zh: str = ""
    guidance_en: str = ""
    answer_kind: AnswerKind = AnswerKind.VERDICT
    unit: str = ""
    choices: str = ""  # the choice list, for choice items
    required: bool = True
    photo_required_on_defect: bool = False
    default_severity: Severity = Severity.GENERAL
    basis: tuple[str, ...] = ()  # codes of legal-library entries
    requirement_zh: str = ""
    requirement_en: str = ""
    deadline_days: int | None = None
    rule: RuleSpec | None = None
    relevant: str = ""  # show the item only when this expression holds
    constraint: str = ""  # an answer must satisfy this expression ("." is the answer)
    constraint_message_zh: str = ""
    constraint_message_en: str = ""
    # A re-inspection item checks one earlier finding (its id); built-in and workbook items check none.
    finding_id: str = ""

    def definition(self) -> dict[str, Any]:
        """What the database keeps beside the item's own columns (ChecklistItem.definition)."""
        return {
            "guidance_zh": self.guidance_zh,
            "guidance_en": self.guidance_en,
            "choices": self.choices,
            "basis": list(self.basis),
            "requirement_zh": self.requirement_zh,
            "requirement_en": self.requirement_en,
            "deadline_days": self.deadline_days,
            "rule": self.rule.as_dict() if self.rule else None,
            "relevant": self.relevant,
            "constraint": self.constraint,
            "constraint_message_zh": self.constraint_message_zh,
            "constraint_message_en": self.constraint_message_en,
            **({"finding_id": self.finding_id} if self.finding_id else {}),
        }


@dataclass(frozen=True)
class Template:
    code: str
    version: int
    kind: InspectionKind
    title_zh: str
    title_en: str
    sections: tuple[Section, ...]
    items: tuple[TemplateItem, ...]
    choice_lists: dict[str, tuple[Choice, ...]] = field(default_factory=dict)

    def item(self, code: str) -> TemplateItem:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def definition(self) -> dict[str, Any]:
        """What the database keeps beside the template's own columns (ChecklistTemplate.definition)."""
        return {
            "sections": [[s.code, s.title_zh, s.title_en] for s in self.sections],
            "choices": {
                name: [[c.name, c.label_zh, c.label_en] for c in choices]
                for name, choices in self.choice_lists.items()
            },
        }

    def content(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "version": self.version,
            "kind": self.kind,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            **self.definition(),
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
                    **i.definition(),
                }
                for i in self.items
            ],
        }

    def content_sha256(self) -> str:
        """Two templates with the same content have the same digest, whatever file they came from."""
        return content_sha256(self.content())
