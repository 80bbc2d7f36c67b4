"""Checklist templates in the database: install a template version, list them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.model import Template
from fieldapp.domain.enums import InspectionKind
from fieldapp.domain.errors import ValidationError
from fieldapp.services.audit import record_event
from fieldapp.store.models import ChecklistItem, ChecklistTemplate


@dataclass(frozen=True)
class TemplateRow:
    id: uuid.UUID
    code: str
    version: int
    kind: InspectionKind
    title_zh: str
    title_en: str
    item_count: int


def install_template(
    session: Session, template: Template, *, source: str = "builtin", actor: str = ""
) -> uuid.UUID:
    """Store one template version. Installing the same content again is a no-op; the same code and version
    with other content is refused, since inspections made with that version must keep meaning the same."""
    digest = template.content_sha256()
    existing = session.scalar(
        select(ChecklistTemplate).where(
            ChecklistTemplate.code == template.code, ChecklistTemplate.version == template.version
        )
    )
    if existing is not None:
        if existing.content_sha256 != digest:
            raise ValidationError(
                f"模板 {template.code} 第 {template.version} 版已存在且内容不同，请提高版本号 "
                f"(template {template.code} v{template.version} exists with other content: "
                "raise the version)",
                field="version",
            )
        return existing.id
    row = ChecklistTemplate(
        code=template.code,
        version=template.version,
        kind=template.kind,
        title_zh=template.title_zh,
        title_en=template.title_en,
        content_sha256=digest,
        source=source,
    )
    for position, item in enumerate(template.items):
        row.items.append(
            ChecklistItem(
                code=item.code,
                position=position,
                section=item.section,
                prompt_zh=item.prompt_zh,
                prompt_en=item.prompt_en,
                answer_kind=item.answer_kind,
                unit=item.unit,
                required=item.required,
                photo_required_on_defect=item.photo_required_on_defect,
                default_severity=item.default_severity,
                definition=item.extra,
            )
        )
    session.add(row)
    session.flush()
    record_event(
        session,
        "template.install",
        "checklist_template",
        row.id,
        actor=actor,
        detail={"code": template.code, "version": template.version, "source": source},
    )
    return row.id


def install_builtin_templates(session: Session, folder: Path) -> list[uuid.UUID]:
    return [install_template(session, t) for t in load_builtin_templates(folder)]


def list_templates(session: Session) -> list[TemplateRow]:
    rows = session.scalars(
        select(ChecklistTemplate)
        .where(ChecklistTemplate.deleted.is_(False))
        .order_by(ChecklistTemplate.code, ChecklistTemplate.version)
    )
    return [TemplateRow(t.id, t.code, t.version, t.kind, t.title_zh, t.title_en, len(t.items)) for t in rows]


def latest_template_id(session: Session, code: str) -> uuid.UUID:
    found = session.scalar(
        select(ChecklistTemplate.id)
        .where(ChecklistTemplate.code == code, ChecklistTemplate.deleted.is_(False))
        .order_by(ChecklistTemplate.version.desc())
        .limit(1)
    )
    if found is None:
        raise ValidationError(f"没有模板 {code} (no template {code})", field="template")
    return found
