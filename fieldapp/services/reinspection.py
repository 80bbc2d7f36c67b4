"""The re-inspection checklist (复查): not a static template, but one built for a customer from its open
findings, one item per finding, so the inspector checks exactly what was asked to be put right."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.model import Section, Template, TemplateItem
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import InspectionKind
from fieldapp.domain.errors import ValidationError
from fieldapp.services.customers import get_customer
from fieldapp.services.stats import OPEN_FINDING_STATUSES
from fieldapp.services.templates import install_template
from fieldapp.store.models import ChecklistTemplate, Finding, Inspection

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
        deadline = finding.deadline.isoformat() if finding.deadline else "未定"
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
