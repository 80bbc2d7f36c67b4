"""The re-inspection (复查): its checklist is not a static template, but one built for a customer from its
open findings, one item per finding (linked by the finding's id), so the inspector checks exactly what was
asked to be put right; and when the re-inspection is finalized, each item's verdict closes or keeps its
finding (services.finding_lifecycle.reinspection_step): put right (ok) verifies it, still there (defect)
reopens a reported fix and keeps any other open status, not applicable leaves it as it was."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.model import Section, Template, TemplateItem
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import InspectionKind, InspectionStatus, Verdict
from fieldapp.domain.errors import ValidationError
from fieldapp.services.customers import get_customer
from fieldapp.services.finding_lifecycle import FindingEventView, reinspection_step
from fieldapp.services.stats import OPEN_FINDING_STATUSES
from fieldapp.services.templates import install_template
from fieldapp.store.models import Answer, ChecklistItem, ChecklistTemplate, Finding, Inspection

SECTION = Section("R", "待复查隐患", "Findings to re-inspect")


@dataclass(frozen=True)
class ReinspectionChecklist:
    template_id: uuid.UUID
    code: str
    version: int
    findings: int


def build_reinspection_checklist(
    session: Session, customer_id: uuid.UUID, *, actor: str = ""
) -> ReinspectionChecklist:
    """A checklist with one item per open finding of the customer, oldest first: the verdict says whether
    the hazard is put right (ok) or still there (defect). Stored as a new template version for this
    customer, so the inspection made with it keeps exactly what was checked."""
    customer = get_customer(session, customer_id)
    rows = session.execute(
        select(Finding, Inspection.started_at)
        .join(Inspection, Finding.inspection_id == Inspection.id)
        .where(
            Finding.customer_id == customer.id,
            Finding.deleted.is_(False),
            Finding.status.in_(OPEN_FINDING_STATUSES),
            Inspection.status == InspectionStatus.FINALIZED,
            Inspection.deleted.is_(False),
        )
        .order_by(Inspection.started_at, Finding.seq)
    ).all()
    if not rows:
        raise ValidationError(
            f"客户 {customer.name} 没有待复查的隐患 (the customer has no open findings to re-inspect)",
            field="customer",
        )
    items = []
    for number, (finding, started_at) in enumerate(rows, start=1):
        found_on = local_day(started_at).isoformat()
        deadline = finding.current_deadline.isoformat() if finding.current_deadline else "未定"
        items.append(
            TemplateItem(
                code=f"R{number:02d}",
                section=SECTION.code,
                prompt_zh=f"复查：{finding.description}",
                prompt_en=f"Re-inspect: {finding.description}",
                guidance_zh=f"{found_on} 检查发现（第 {finding.seq} 项），"
                f"整改要求：{finding.requirement or '无'}；整改期限：{deadline}。"
                "已整改选“合格”，未整改选“缺陷”。",
                guidance_en=f"Found on {found_on} (no. {finding.seq}); "
                f"requirement: {finding.requirement or '-'}; deadline: {deadline}. "
                "OK if put right, defect if not.",
                photo_required_on_defect=True,
                default_severity=finding.severity,
                basis=tuple(code for code in re.split(r"[;；,，\s]+", finding.basis) if code),
                requirement_zh=finding.requirement,
                deadline_days=None,
                finding_id=str(finding.id),
            )
        )
    code = f"REINSPECT-{customer.account_no}"
    newest = session.scalar(
        select(ChecklistTemplate.version)
        .where(ChecklistTemplate.code == code)
        .order_by(ChecklistTemplate.version.desc())
        .limit(1)
    )
    template = Template(
        code=code,
        version=(newest or 0) + 1,
        kind=InspectionKind.REINSPECTION,
        title_zh=f"{customer.name} 隐患整改复查",
        title_en=f"Re-inspection of open findings: {customer.name}",
        sections=(SECTION,),
        items=tuple(items),
    )
    template_id = install_template(
        session, template, source="reinspection", for_customer_id=customer.id, actor=actor
    )
    return ReinspectionChecklist(template_id, code, template.version, len(items))


def apply_reinspection_results(
    session: Session, inspection: Inspection, *, actor: str = ""
) -> list[FindingEventView]:
    """Close or keep the finding behind each answered item of a finalized re-inspection (finalize calls
    this). A defect's own finding, as the re-inspection raised it for its notice, lends its deadline to the
    finding it re-inspected when that is later. Returns the steps taken."""
    if inspection.status is not InspectionStatus.FINALIZED:
        raise ValidationError("复查尚未定稿 (the re-inspection is not finalized)", field="inspection")
    rows = session.execute(
        select(ChecklistItem.id, ChecklistItem.definition, Answer.verdict, Answer.note)
        .join(Answer, Answer.item_id == ChecklistItem.id)
        .where(
            Answer.inspection_id == inspection.id,
            Answer.deleted.is_(False),
            ChecklistItem.template_id == inspection.template_id,
        )
        .order_by(ChecklistItem.position)
    ).all()
    raised = {
        f.item_id: f.deadline
        for f in session.scalars(
            select(Finding).where(Finding.inspection_id == inspection.id, Finding.deleted.is_(False))
        )
        if f.item_id is not None
    }
    steps: list[FindingEventView] = []
    for item_id, definition, verdict, note in rows:
        linked = (definition or {}).get("finding_id")
        if not linked or verdict not in (Verdict.OK, Verdict.DEFECT):
            continue
        try:
            finding_id = uuid.UUID(str(linked))
        except ValueError:
            continue
        step = reinspection_step(
            session,
            finding_id,
            inspection,
            fixed=verdict is Verdict.OK,
            note=note or "",
            new_deadline=raised.get(item_id),
            actor=actor,
        )
        if step is not None:
            steps.append(step)
    return steps
