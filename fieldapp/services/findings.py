"""Findings during an inspection: the finding a defect verdict raises, and the inspector's edits before
finalizing (description, severity, requirement, deadline), or withdrawing one. Findings are numbered 1..n
without gaps, as the notice lists them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingSource, FindingStatus, Severity, Verdict, coerce_enum
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.services.audit import record_event
from fieldapp.services.inspections import (
    AnswerResult,
    add_finding,
    checklist_item,
    editable_inspection,
    get_inspection,
    record_answer,
)
from fieldapp.store.models import ChecklistItem, Finding, Inspection

MAX_TEXT = 2000


@dataclass(frozen=True)
class FindingView:
    finding_id: uuid.UUID
    seq: int
    item_code: str | None
    category: str
    description: str
    severity: Severity
    basis: str
    requirement: str
    deadline: date | None
    source: FindingSource
    status: FindingStatus


@dataclass(frozen=True)
class VerdictResult:
    answer: AnswerResult
    finding_id: uuid.UUID | None  # the finding the defect raised (or already had); None for ok / n.a.


def _live_findings(session: Session, inspection_id: uuid.UUID) -> list[Finding]:
    return list(
        session.scalars(
            select(Finding)
            .where(Finding.inspection_id == inspection_id, Finding.deleted.is_(False))
            .order_by(Finding.seq)
        )
    )


def findings_of(session: Session, inspection_id: uuid.UUID) -> list[FindingView]:
    get_inspection(session, inspection_id)
    codes = dict(
        session.execute(
            select(ChecklistItem.id, ChecklistItem.code)
            .join(Finding, Finding.item_id == ChecklistItem.id)
            .where(Finding.inspection_id == inspection_id)
        ).all()
    )
    return [
        FindingView(
            finding_id=f.id,
            seq=f.seq,
            item_code=codes.get(f.item_id) if f.item_id else None,
            category=f.category,
            description=f.description,
            severity=f.severity,
            basis=f.basis,
            requirement=f.requirement,
            deadline=f.deadline,
            source=f.source,
            status=f.status,
        )
        for f in _live_findings(session, inspection_id)
    ]


def _item_finding(session: Session, inspection: Inspection, item: ChecklistItem) -> Finding | None:
    return session.scalar(
        select(Finding).where(
            Finding.inspection_id == inspection.id,
            Finding.item_id == item.id,
            Finding.source == FindingSource.CHECKLIST,
            Finding.deleted.is_(False),
        )
    )


def set_verdict(
    session: Session,
    inspection_id: uuid.UUID,
    item_code: str,
    verdict: Verdict | str,
    *,
    actor: str = "",
) -> VerdictResult:
    """Record the verdict on an item. A defect raises the item's finding, filled from the checklist
    (severity, basis, requirement, deadline from the inspection day), for the inspector to adjust in the
    review; changing the verdict back withdraws that finding. Rule findings are decided separately."""
    inspection = editable_inspection(session, inspection_id)
    chosen = coerce_enum(Verdict, verdict, "verdict")
    answer = record_answer(session, inspection.id, item_code, verdict=chosen, actor=actor)
    item = checklist_item(session, inspection, item_code)
    existing = _item_finding(session, inspection, item)
    if chosen is not Verdict.DEFECT:
        if existing is not None:
            _withdraw(session, inspection, existing, actor=actor)
        return VerdictResult(answer, None)
    if existing is not None:
        return VerdictResult(answer, existing.id)
    definition = item.definition or {}
    days = definition.get("deadline_days")
    finding_id = add_finding(
        session,
        inspection.id,
        f"{item.prompt_zh}：不符合要求",
        severity=item.default_severity,
        requirement=str(definition.get("requirement_zh", "")),
        deadline=local_day(inspection.started_at) + timedelta(days=int(days)) if days is not None else None,
        basis=";".join(definition.get("basis", [])),
        item_code=item.code,
        source=FindingSource.CHECKLIST,
        actor=actor,
    )
    return VerdictResult(answer, finding_id)


def _editable_finding(session: Session, finding_id: uuid.UUID) -> tuple[Inspection, Finding]:
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        raise NotFoundError(f"隐患不存在 (no finding {finding_id})")
    return editable_inspection(session, finding.inspection_id), finding


def _text(value: str, field: str, label: str, *, required: bool = False) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise ValidationError(f"{label}不能为空 ({field} is empty)", field=field)
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(f"{label}过长，最多 {MAX_TEXT} 字 ({field} too long)", field=field)
    return cleaned


def update_finding(
    session: Session,
    finding_id: uuid.UUID,
    *,
    description: str | None = None,
    severity: Severity | str | None = None,
    requirement: str | None = None,
    deadline: date | None = None,
    clear_deadline: bool = False,
    actor: str = "",
) -> FindingView:
    """Change what the inspector may change before finalizing; values not given stay."""
    inspection, finding = _editable_finding(session, finding_id)
    before = {
        "description": finding.description,
        "severity": finding.severity.value,
        "requirement": finding.requirement,
        "deadline": finding.deadline.isoformat() if finding.deadline else None,
    }
    if description is not None:
        finding.description = _text(description, "description", "隐患描述", required=True)
    if severity is not None:
        finding.severity = coerce_enum(Severity, severity, "severity")
    if requirement is not None:
        finding.requirement = _text(requirement, "requirement", "整改要求")
    if clear_deadline:
        finding.deadline = None
    elif deadline is not None:
        if deadline < local_day(inspection.started_at):
            raise ValidationError(
                "整改期限不能早于检查日期 (the deadline is before the inspection)", field="deadline"
            )
        finding.deadline = deadline
    after = {
        "description": finding.description,
        "severity": finding.severity.value,
        "requirement": finding.requirement,
        "deadline": finding.deadline.isoformat() if finding.deadline else None,
    }
    changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changed:
        session.flush()
        record_event(session, "finding.update", "finding", finding.id, actor=actor, detail=changed)
    return next(v for v in findings_of(session, inspection.id) if v.finding_id == finding.id)


def withdraw_finding(session: Session, finding_id: uuid.UUID, *, actor: str = "") -> None:
    """Take a finding back before finalizing (recorded by mistake); the others are renumbered."""
    inspection, finding = _editable_finding(session, finding_id)
    _withdraw(session, inspection, finding, actor=actor)


def _withdraw(session: Session, inspection: Inspection, finding: Finding, *, actor: str) -> None:
    number = finding.seq
    # (inspection, seq) is unique over tombstones too: the withdrawn finding gives its number up for a
    # negative one, so that the others can close the gap and a new finding can take the next number.
    lowest = session.scalar(select(func.min(Finding.seq)).where(Finding.inspection_id == inspection.id))
    finding.seq = min(lowest or 0, 0) - 1
    finding.deleted = True
    session.flush()
    for seq, other in enumerate(_live_findings(session, inspection.id), start=1):
        if other.seq != seq:
            other.seq = seq
            session.flush()  # one at a time, lowest first: each number is free when it is taken
    record_event(
        session,
        "finding.withdraw",
        "finding",
        finding.id,
        actor=actor,
        detail={"inspection": str(inspection.id), "seq": number},
    )
