"""What the inspection pages show, as plain values: the checklist of an inspection with its sections,
the state after each tap (answers, which items are shown, what is still open, rule proposals, findings),
the inspections in progress, and where the inspector was."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fieldapp.checklists.expressions import Value, parse
from fieldapp.domain.enums import AnswerKind, InspectionKind, InspectionStatus, Severity, Verdict
from fieldapp.domain.errors import ValidationError
from fieldapp.services.findings import FindingView, findings_of
from fieldapp.services.inspections import (
    answer_values,
    checklist_item,
    editable_inspection,
    get_inspection,
    unanswered_required_items,
)
from fieldapp.services.proposals import ProposalView, proposals_for
from fieldapp.services.queries import LIKE_ESCAPE, escape_like
from fieldapp.services.templates import stored_template
from fieldapp.store.models import Answer, ChecklistItem, ChecklistTemplate, Customer, Inspection, Photo


@dataclass(frozen=True)
class ChoiceView:
    name: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class SectionView:
    code: str
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class ItemView:
    code: str
    section: str
    prompt_zh: str
    prompt_en: str
    guidance_zh: str
    guidance_en: str
    kind: AnswerKind
    unit: str
    choices: tuple[ChoiceView, ...]
    required: bool
    photo_required_on_defect: bool
    default_severity: Severity
    has_rule: bool
    conditional: bool  # shown only while its relevance condition holds
    constraint_message_zh: str
    constraint_message_en: str


@dataclass(frozen=True)
class TeamMember:
    inspector_id: uuid.UUID
    name: str
    staff_no: str
    certificate_no: str


@dataclass(frozen=True)
class InspectionSheet:
    inspection_id: uuid.UUID
    status: InspectionStatus
    kind: InspectionKind
    started_at: datetime
    customer_id: uuid.UUID
    customer_name: str
    account_no: str
    address: str
    template_code: str
    template_version: int
    title_zh: str
    title_en: str
    team: tuple[TeamMember, ...]
    sections: tuple[SectionView, ...]
    items: tuple[ItemView, ...]
    current_item_code: str | None


@dataclass(frozen=True)
class AnswerView:
    item_code: str
    verdict: Verdict | None
    number: Decimal | None
    text: str
    date: date | None
    note: str

    @property
    def given(self) -> bool:
        """A verdict or a value: a note alone is not an answer."""
        return self.verdict is not None or self.number is not None or bool(self.text) or self.date is not None


@dataclass(frozen=True)
class SheetState:
    """Everything that may change with one tap, read in one call."""

    answers: dict[str, AnswerView]
    visible: frozenset[str]  # codes of the items shown now (relevance conditions applied)
    missing_required: tuple[str, ...]  # shown required items without an answer, in checklist order
    proposals: tuple[ProposalView, ...]  # rule proposals not yet accepted or dismissed
    findings: tuple[FindingView, ...]
    photo_counts: dict[str, int]  # photos per item code

    def answered_count(self) -> int:
        return sum(1 for code in self.visible if code in self.answers and self.answers[code].given)

    def defect_codes(self, order: list[str]) -> list[str]:
        return [
            c for c in order if c in self.visible and self.answers.get(c, _NONE).verdict is Verdict.DEFECT
        ]


_NONE = AnswerView("", None, None, "", None, "")


@dataclass(frozen=True)
class InspectionSummary:
    inspection_id: uuid.UUID
    status: InspectionStatus
    kind: InspectionKind
    started_at: datetime
    finalized_at: datetime | None
    customer_id: uuid.UUID
    customer_name: str
    account_no: str
    title_zh: str
    title_en: str
    answered: int
    total: int
    current_item_code: str | None


def inspection_sheet(session: Session, inspection_id: uuid.UUID) -> InspectionSheet:
    inspection = get_inspection(session, inspection_id)
    template = stored_template(session, inspection.template_id)
    items = tuple(
        ItemView(
            code=i.code,
            section=i.section,
            prompt_zh=i.prompt_zh,
            prompt_en=i.prompt_en,
            guidance_zh=i.guidance_zh,
            guidance_en=i.guidance_en,
            kind=i.answer_kind,
            unit=i.unit,
            choices=tuple(
                ChoiceView(c.name, c.label_zh, c.label_en) for c in template.choice_lists.get(i.choices, ())
            ),
            required=i.required,
            photo_required_on_defect=i.photo_required_on_defect,
            default_severity=i.default_severity,
            has_rule=i.rule is not None,
            conditional=bool(i.relevant),
            constraint_message_zh=i.constraint_message_zh,
            constraint_message_en=i.constraint_message_en,
        )
        for i in template.items
    )
    customer = inspection.customer
    return InspectionSheet(
        inspection_id=inspection.id,
        status=inspection.status,
        kind=inspection.kind,
        started_at=inspection.started_at,
        customer_id=customer.id,
        customer_name=customer.name,
        account_no=customer.account_no,
        address=customer.address,
        template_code=template.code,
        template_version=template.version,
        title_zh=template.title_zh,
        title_en=template.title_en,
        team=tuple(
            TeamMember(m.inspector_id, m.inspector.name, m.inspector.staff_no, m.inspector.certificate_no)
            for m in inspection.team
        ),
        sections=tuple(SectionView(s.code, s.title_zh, s.title_en) for s in template.sections),
        items=items,
        current_item_code=inspection.current_item_code,
    )


def sheet_state(session: Session, inspection_id: uuid.UUID) -> SheetState:
    inspection = get_inspection(session, inspection_id)
    rows = session.execute(
        select(
            ChecklistItem.code,
            Answer.verdict,
            Answer.value_number,
            Answer.value_text,
            Answer.value_date,
            Answer.note,
        )
        .join(ChecklistItem, Answer.item_id == ChecklistItem.id)
        .where(Answer.inspection_id == inspection.id, Answer.deleted.is_(False))
    ).all()
    answers = {row[0]: AnswerView(*row) for row in rows}
    conditions = _conditions(session, inspection.template_id)
    values = answer_values(session, inspection.id)
    visible = _visible(conditions, values)
    photo_counts = dict(
        session.execute(
            select(ChecklistItem.code, func.count(Photo.id))
            .join(Photo, Photo.item_id == ChecklistItem.id)
            .where(Photo.inspection_id == inspection.id, Photo.deleted.is_(False))
            .group_by(ChecklistItem.code)
        ).all()
    )
    editable = inspection.status is InspectionStatus.IN_PROGRESS
    return SheetState(
        answers=answers,
        visible=visible,
        missing_required=tuple(unanswered_required_items(session, inspection.id)),
        proposals=tuple(proposals_for(session, inspection.id)) if editable else (),
        findings=tuple(findings_of(session, inspection.id)),
        photo_counts=photo_counts,
    )


def set_current_item(session: Session, inspection_id: uuid.UUID, item_code: str) -> None:
    """Remember the item on screen, so a restart returns to it. Device-local: it neither travels in a sync
    nor bumps the revision, and it is not audited (it changes with every swipe)."""
    inspection = editable_inspection(session, inspection_id)
    checklist_item(session, inspection, item_code)
    inspection.current_item_code = item_code


def _summaries(session: Session, where: list[object], limit: int) -> list[InspectionSummary]:
    answered = (
        select(Answer.inspection_id, func.count(Answer.id).label("n"))
        .where(
            Answer.deleted.is_(False),
            # A note alone is not an answer (the verdict or value comes in another tap).
            or_(
                Answer.verdict.is_not(None),
                Answer.value_number.is_not(None),
                Answer.value_text != "",
                Answer.value_date.is_not(None),
            ),
        )
        .group_by(Answer.inspection_id)
        .subquery()
    )
    totals = (
        select(ChecklistItem.template_id, func.count(ChecklistItem.id).label("n"))
        .group_by(ChecklistItem.template_id)
        .subquery()
    )
    query = (
        select(
            Inspection,
            Customer.name,
            Customer.account_no,
            ChecklistTemplate.title_zh,
            ChecklistTemplate.title_en,
            func.coalesce(answered.c.n, 0),
            func.coalesce(totals.c.n, 0),
        )
        .join(Customer, Inspection.customer_id == Customer.id)
        .join(ChecklistTemplate, Inspection.template_id == ChecklistTemplate.id)
        .outerjoin(answered, answered.c.inspection_id == Inspection.id)
        .outerjoin(totals, totals.c.template_id == Inspection.template_id)
        .where(Inspection.deleted.is_(False), *where)  # type: ignore[arg-type]
        .order_by(Inspection.started_at.desc())
        .limit(limit)
    )
    return [
        InspectionSummary(
            inspection_id=i.id,
            status=i.status,
            kind=i.kind,
            started_at=i.started_at,
            finalized_at=i.finalized_at,
            customer_id=i.customer_id,
            customer_name=name,
            account_no=account,
            title_zh=title_zh,
            title_en=title_en,
            answered=n_answered,
            total=n_total,
            current_item_code=i.current_item_code,
        )
        for i, name, account, title_zh, title_en, n_answered, n_total in session.execute(query)
    ]


def inspections_in_progress(session: Session) -> list[InspectionSummary]:
    """Started and neither finalized nor void, newest first: what Today offers to continue. Progress counts
    the items shown now, as the inspection page does (items hidden by their conditions are not asked)."""
    return _with_shown_progress(
        session, _summaries(session, [Inspection.status == InspectionStatus.IN_PROGRESS], limit=200)
    )


def _conditions(session: Session, template_id: uuid.UUID) -> list[tuple[str, Any]]:
    """(code, definition) of each item of the checklist, in its order."""
    rows = session.execute(
        select(ChecklistItem.code, ChecklistItem.definition)
        .where(ChecklistItem.template_id == template_id)
        .order_by(ChecklistItem.position)
    )
    return [(code, definition) for code, definition in rows]


def _visible(conditions: Sequence[tuple[str, Any]], values: dict[str, Value]) -> frozenset[str]:
    """Codes of the items whose relevance condition holds for these answers (or that have none)."""
    return frozenset(
        code
        for code, definition in conditions
        if not (definition or {}).get("relevant") or parse(definition["relevant"]).holds(values)
    )


def _with_shown_progress(session: Session, rows: list[InspectionSummary]) -> list[InspectionSummary]:
    """The rows' progress counted over the items shown now: one query for each row's answers, one for each
    checklist's conditions (a start-up with many inspections under way must stay quick)."""
    wanted = [row.inspection_id for row in rows if row.status is InspectionStatus.IN_PROGRESS]
    if not wanted:
        return rows
    templates = dict(
        session.execute(select(Inspection.id, Inspection.template_id).where(Inspection.id.in_(wanted))).all()
    )
    conditions: dict[uuid.UUID, Sequence[tuple[str, Any]]] = {}
    counted = []
    for row in rows:
        if row.status is not InspectionStatus.IN_PROGRESS:
            counted.append(row)
            continue
        template_id = templates[row.inspection_id]
        if template_id not in conditions:
            conditions[template_id] = _conditions(session, template_id)
        values = answer_values(session, row.inspection_id)
        visible = _visible(conditions[template_id], values)
        counted.append(replace(row, answered=len(visible & values.keys()), total=len(visible)))
    return counted


MAX_LIST = 2000


def list_inspections(
    session: Session,
    *,
    status: InspectionStatus | None = None,
    customer_id: uuid.UUID | None = None,
    text: str = "",
    limit: int = 500,
) -> list[InspectionSummary]:
    """Inspections newest first, by status, of one customer, or whose customer's name or account number
    contains `text`."""
    if not 1 <= limit <= MAX_LIST:
        raise ValidationError(f"limit must be 1..{MAX_LIST}", field="limit")
    where: list[object] = []
    if status is not None:
        where.append(Inspection.status == status)
    if customer_id is not None:
        where.append(Inspection.customer_id == customer_id)
    cleaned = text.strip()
    if cleaned:
        pattern = f"%{escape_like(cleaned)}%"
        where.append(
            or_(
                Customer.name.like(pattern, escape=LIKE_ESCAPE),
                Customer.account_no.like(pattern, escape=LIKE_ESCAPE),
            )
        )
    # Progress of an inspection under way counts the items shown now, as its page does (few are under way
    # at once; finalized ones keep the plain count, which no page compares with anything).
    return _with_shown_progress(session, _summaries(session, where, limit))


def inspection_status(session: Session, inspection_id: uuid.UUID) -> InspectionStatus:
    return get_inspection(session, inspection_id).status
