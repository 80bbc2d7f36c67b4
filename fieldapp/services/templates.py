"""Checklist templates in the database: install a template version, list them."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.model import Choice, Section, Template, TemplateItem
from fieldapp.domain.enums import InspectionKind
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.identity import content_id
from fieldapp.domain.measurements import RuleSpec
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.store.models import ChecklistItem, ChecklistTemplate, LegalEntry

log = logging.getLogger(__name__)


class TemplateVersionConflictError(ValidationError):
    """The same code and version is stored with other content."""


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
    session: Session,
    template: Template,
    *,
    source: str = "builtin",
    for_customer_id: uuid.UUID | None = None,
    actor: str = "",
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
            raise TemplateVersionConflictError(
                f"模板 {template.code} 第 {template.version} 版已存在且内容不同，请提高版本号 "
                f"(template {template.code} v{template.version} exists with other content: "
                "raise the version)",
                field="version",
            )
        return existing.id
    row = ChecklistTemplate(
        # Every device installs the built-ins and the office's templates itself: the id follows from the
        # content, so that the same version is one record everywhere once devices sync.
        id=content_id("checklist_templates", template.code, template.version, digest, for_customer_id or ""),
        code=template.code,
        version=template.version,
        kind=template.kind,
        title_zh=template.title_zh,
        title_en=template.title_en,
        content_sha256=digest,
        source=source,
        definition=template.definition(),
        for_customer_id=for_customer_id,
    )
    for position, item in enumerate(template.items):
        row.items.append(
            ChecklistItem(
                id=content_id("checklist_items", row.id, item.code),
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
                definition=item.definition(),
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
    """Install the shipped templates. A shipped template whose version is stored with other content (a
    release that changed a template without raising its version) is not installed: the stored version
    stays, since inspections were made with it, and the conflict is logged and audited rather than
    stopping the app from starting."""
    installed = []
    for template in load_builtin_templates(folder):
        try:
            installed.append(install_template(session, template))
        except TemplateVersionConflictError as exc:
            log.warning("built-in template not installed: %s", exc)
            record_event(
                session,
                "template.builtin_conflict",
                "checklist_template",
                template.code,
                detail={"version": template.version, "content_sha256": template.content_sha256()},
            )
    return installed


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


def stored_template(session: Session, template_id: uuid.UUID) -> Template:
    """A stored template version as the checklist model: what an inspection made with it shows, and what
    an export writes."""
    row = session.get(ChecklistTemplate, template_id)
    if row is None or row.deleted:
        raise NotFoundError(f"检查表模板不存在 (no checklist template {template_id})")
    definition = row.definition or {}
    sections = tuple(Section(*s) for s in definition.get("sections", []))
    choice_lists = {
        name: tuple(Choice(*c) for c in choices) for name, choices in definition.get("choices", {}).items()
    }
    items = []
    for item in row.items:
        extra = item.definition or {}
        rule = extra.get("rule")
        items.append(
            TemplateItem(
                code=item.code,
                section=item.section,
                prompt_zh=item.prompt_zh,
                prompt_en=item.prompt_en,
                answer_kind=item.answer_kind,
                unit=item.unit,
                required=item.required,
                photo_required_on_defect=item.photo_required_on_defect,
                default_severity=item.default_severity,
                guidance_zh=extra.get("guidance_zh", ""),
                guidance_en=extra.get("guidance_en", ""),
                choices=extra.get("choices", ""),
                basis=tuple(extra.get("basis", [])),
                requirement_zh=extra.get("requirement_zh", ""),
                requirement_en=extra.get("requirement_en", ""),
                deadline_days=extra.get("deadline_days"),
                rule=RuleSpec.from_dict(rule) if rule else None,
                relevant=extra.get("relevant", ""),
                constraint=extra.get("constraint", ""),
                constraint_message_zh=extra.get("constraint_message_zh", ""),
                constraint_message_en=extra.get("constraint_message_en", ""),
                finding_id=extra.get("finding_id", ""),
            )
        )
    return Template(
        code=row.code,
        version=row.version,
        kind=row.kind,
        title_zh=row.title_zh,
        title_en=row.title_en,
        sections=sections,
        items=tuple(items),
        choice_lists=choice_lists,
    )


@dataclass(frozen=True)
class TemplateImport:
    code: str
    version: int
    created: bool  # False: the workbook held the content of a version already stored
    items: int


def export_template(session: Session, code: str, path: Path, *, version: int | None = None) -> TemplateRow:
    """Write a stored template (its newest version unless one is named) as an XLSForm workbook."""
    query = select(ChecklistTemplate).where(
        ChecklistTemplate.code == code, ChecklistTemplate.deleted.is_(False)
    )
    if version is not None:
        query = query.where(ChecklistTemplate.version == version)
    row = session.scalar(query.order_by(ChecklistTemplate.version.desc()).limit(1))
    if row is None:
        which = f"{code} 第 {version} 版" if version is not None else code
        raise NotFoundError(f"没有模板 {which} (no such template)")
    from fieldapp.checklists.xlsform import write_template  # openpyxl: imported when needed, not at start-up

    write_template(stored_template(session, row.id), path)
    return TemplateRow(row.id, row.code, row.version, row.kind, row.title_zh, row.title_en, len(row.items))


def read_template_workbook(session: Session, path: Path) -> Template:
    """Read and check a template workbook, citations included, without storing anything."""
    from fieldapp.checklists.xlsform import read_template  # openpyxl: imported when needed, not at start-up

    return read_template(path, known_basis=_library_codes(session))


def import_template_workbook(session: Session, path: Path, *, actor: str = "") -> TemplateImport:
    """Store the workbook's template as a new version of its code. Importing the content of a version that
    is already stored changes nothing; inspections keep the version they were made with."""
    require(session, Permission.TEMPLATES)
    template = read_template_workbook(session, path)
    versions = session.scalars(
        select(ChecklistTemplate)
        .where(ChecklistTemplate.code == template.code)
        .order_by(ChecklistTemplate.version)
    ).all()
    for existing in versions:
        if (
            stored_template(session, existing.id).content()
            == replace(template, version=existing.version).content()
        ):
            return TemplateImport(template.code, existing.version, False, len(template.items))
    newest = versions[-1].version if versions else 0
    version = max(template.version, newest + 1)
    install_template(
        session, replace(template, version=version), source=f"import:{path.name}"[:200], actor=actor
    )
    return TemplateImport(template.code, version, True, len(template.items))


def _library_codes(session: Session) -> set[str] | None:
    """The legal library's codes, or None while the library is empty (nothing to check against yet)."""
    codes = set(session.scalars(select(LegalEntry.code).where(LegalEntry.deleted.is_(False))))
    return codes or None
