"""Findings proposed by the measurement rules: list them for an inspection, accept one (it becomes a
numbered finding with source "rule") or dismiss it with a reason (kept and audited).

A proposal is computed, never stored: from the inspection's stored answers, each item's rule, the customer's
record and equipment ledger, and the previous finalized visit. Once accepted or dismissed, the item's rule
proposes nothing more in that inspection, even when the answer changes later (the inspector has decided;
a new measurement that needs a finding can still be added as a finding by hand)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.checklists.model import TemplateItem
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import (
    AnswerKind,
    EquipmentKind,
    EquipmentStatus,
    FindingSource,
    InspectionStatus,
    Severity,
    Verdict,
    coerce_enum,
)
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.measurements import (
    RULES,
    AnswerValue,
    CustomerFacts,
    RuleInput,
    check_dismissal_reason,
    evaluate_rule,
    transformer_has_on_load_tap_changer,
)
from fieldapp.services.audit import record_event
from fieldapp.services.customers import get_customer
from fieldapp.services.inspections import add_finding, answer_rows, editable_inspection, get_inspection
from fieldapp.services.templates import stored_template
from fieldapp.store.models import Answer, ChecklistItem, Equipment, Finding, Inspection, RuleDismissal
from fieldapp.store.types import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProposalView:
    """A proposed finding as the inspection page shows it."""

    item_code: str
    section: str
    prompt_zh: str
    prompt_en: str
    rule_kind: str
    severity: Severity
    description_zh: str
    description_en: str
    measured: str
    limit: str
    basis: tuple[str, ...]
    requirement_zh: str
    requirement_en: str
    deadline: date | None  # the inspection date plus the item's deadline days


def inspection_date(inspection: Inspection) -> date:
    """The day of the visit where the inspector is (started_at is kept in UTC)."""
    return local_day(inspection.started_at)


def customer_facts(session: Session, customer_id: uuid.UUID) -> CustomerFacts:
    """What the rules know of the customer: its record, and from the equipment ledger its largest
    in-service transformer and whether one of them has an on-load tap changer."""
    customer = get_customer(session, customer_id)
    transformers = session.execute(
        select(Equipment.capacity_kva, Equipment.model, Equipment.rating).where(
            Equipment.customer_id == customer.id,
            Equipment.kind == EquipmentKind.TRANSFORMER,
            Equipment.status == EquipmentStatus.IN_SERVICE,
            Equipment.deleted.is_(False),
        )
    ).all()
    sizes = [capacity for capacity, _, _ in transformers if capacity is not None]
    return CustomerFacts(
        supply_voltage=customer.supply_voltage,
        contract_capacity_kva=customer.contract_capacity_kva,
        importance=customer.importance,
        metering_class=customer.metering_class,
        tariff=customer.tariff,
        industry=customer.industry,
        largest_transformer_kva=max(sizes) if sizes else None,
        has_on_load_tap_changer=any(
            transformer_has_on_load_tap_changer(model, rating) for _, model, rating in transformers
        ),
    )


def _value(kind: AnswerKind, number: Decimal | None, text: str, day: date | None) -> AnswerValue:
    """An answer as the rules read it: the number, the date, or the text (seal numbers)."""
    if kind is AnswerKind.NUMBER:
        return number
    if kind is AnswerKind.DATE:
        return day
    return text.strip() or None


def _answers(session: Session, inspection: Inspection, codes: list[str]) -> dict[str, AnswerValue]:
    rows = answer_rows(session, inspection.id, codes)
    return {
        code: _value(kind, number, text, day)
        for code, kind, verdict, number, text, day in rows
        # An item marked not applicable has no measurement to judge, whatever value was typed before.
        if verdict is not Verdict.NOT_APPLICABLE
    }


def _previous_answers(session: Session, inspection: Inspection, codes: list[str]) -> dict[str, AnswerValue]:
    """For each item code, the answer at the customer's latest finalized inspection before this one that
    answered it (whatever its template: the item code is what ties visits together)."""
    if not codes:
        return {}
    rows = session.execute(
        select(ChecklistItem.code, ChecklistItem.answer_kind, Answer.value_number, Answer.value_text)
        .add_columns(Answer.value_date)
        .join(ChecklistItem, Answer.item_id == ChecklistItem.id)
        .join(Inspection, Answer.inspection_id == Inspection.id)
        .where(
            Inspection.customer_id == inspection.customer_id,
            Inspection.id != inspection.id,
            Inspection.status == InspectionStatus.FINALIZED,
            Inspection.deleted.is_(False),
            Inspection.started_at < inspection.started_at,
            Answer.deleted.is_(False),
            ChecklistItem.code.in_(codes),
        )
        .order_by(Inspection.started_at.desc())
    ).all()
    previous: dict[str, AnswerValue] = {}
    for code, kind, number, text, day in rows:
        value = _value(kind, number, text, day)
        if code not in previous and value is not None:
            previous[code] = value
    return previous


def _settled(session: Session, inspection_id: uuid.UUID) -> tuple[set[str], set[tuple[str, str]]]:
    """Items whose proposal was accepted (a finding from a rule), and (item, rule) pairs dismissed."""
    accepted = set(
        session.scalars(
            select(ChecklistItem.code)
            .join(Finding, Finding.item_id == ChecklistItem.id)
            .where(
                Finding.inspection_id == inspection_id,
                Finding.source == FindingSource.RULE,
                Finding.deleted.is_(False),
            )
        )
    )
    dismissed = {
        (code, kind)
        for code, kind in session.execute(
            select(RuleDismissal.item_code, RuleDismissal.rule_kind).where(
                RuleDismissal.inspection_id == inspection_id, RuleDismissal.deleted.is_(False)
            )
        )
    }
    return accepted, dismissed


def _deadline(inspection: Inspection, item: TemplateItem) -> date | None:
    if item.deadline_days is None:
        return None
    return inspection_date(inspection) + timedelta(days=item.deadline_days)


def _proposals(
    session: Session, inspection: Inspection, today: date | None
) -> list[tuple[ProposalView, TemplateItem]]:
    template = stored_template(session, inspection.template_id)
    ruled = [item for item in template.items if item.rule is not None]
    if not ruled:
        return []
    codes = [item.code for item in ruled]
    answers = _answers(session, inspection, codes)
    answered = [item for item in ruled if answers.get(item.code) is not None]
    if not answered:
        return []
    needs_previous = [
        item.code
        for item in answered
        if item.rule is not None and item.rule.kind in RULES and RULES[item.rule.kind].reads_previous
    ]
    previous = _previous_answers(session, inspection, needs_previous)
    accepted, dismissed = _settled(session, inspection.id)
    facts = customer_facts(session, inspection.customer_id)
    day = today or inspection_date(inspection)
    found: list[tuple[ProposalView, TemplateItem]] = []
    for item in answered:
        assert item.rule is not None
        if item.code in accepted or (item.code, item.rule.kind) in dismissed:
            continue
        value_input = RuleInput(
            value=answers[item.code],
            customer=facts,
            today=day,
            previous_value=previous.get(item.code),
            subject_zh=item.prompt_zh,
            subject_en=item.prompt_en,
            unit=item.unit,
        )
        try:
            proposal = evaluate_rule(item.rule, item.code, item.default_severity, value_input)
        except ValidationError as exc:
            # The template validator refuses such rules on import; a template stored before it did must not
            # take the inspection page down with it.
            log.warning("template %s v%s: %s", template.code, template.version, exc)
            continue
        if proposal is None:
            continue
        view = ProposalView(
            item_code=item.code,
            section=item.section,
            prompt_zh=item.prompt_zh,
            prompt_en=item.prompt_en,
            rule_kind=proposal.rule_kind,
            severity=proposal.severity,
            description_zh=proposal.description_zh,
            description_en=proposal.description_en,
            measured=proposal.measured,
            limit=proposal.limit,
            basis=item.basis,
            requirement_zh=item.requirement_zh,
            requirement_en=item.requirement_en,
            deadline=_deadline(inspection, item),
        )
        found.append((view, item))
    return found


def proposals_for(
    session: Session, inspection_id: uuid.UUID, *, today: date | None = None
) -> list[ProposalView]:
    """The open proposals of an inspection, in checklist order. Dates are judged as of `today`, by default
    the day of the inspection (so the same answers always give the same proposals)."""
    inspection = get_inspection(session, inspection_id)
    return [view for view, _ in _proposals(session, inspection, today)]


def _open_proposal(
    session: Session, inspection: Inspection, item_code: str, today: date | None
) -> tuple[ProposalView, TemplateItem]:
    for view, item in _proposals(session, inspection, today):
        if view.item_code == item_code:
            return view, item
    raise ValidationError(
        f"检查项 {item_code} 没有待处理的规则建议 (no open rule proposal for item {item_code})", field="item"
    )


def accept_proposal(
    session: Session,
    inspection_id: uuid.UUID,
    item_code: str,
    *,
    severity: Severity | str | None = None,
    requirement: str | None = None,
    deadline: date | None = None,
    today: date | None = None,
    actor: str = "",
) -> uuid.UUID:
    """Make the proposal a finding (source "rule", numbered with the others): its description, the item's
    basis and requirement, the deadline the item gives from the inspection date. The inspector may change
    severity, requirement and deadline. Returns the finding's id."""
    inspection = editable_inspection(session, inspection_id)
    view, item = _open_proposal(session, inspection, item_code, today)
    chosen = coerce_enum(Severity, severity, "severity") if severity is not None else view.severity
    finding_id = add_finding(
        session,
        inspection.id,
        view.description_zh,
        severity=chosen,
        requirement=item.requirement_zh if requirement is None else requirement,
        deadline=view.deadline if deadline is None else deadline,
        basis=";".join(item.basis),
        item_code=item.code,
        source=FindingSource.RULE,
        actor=actor,
    )
    record_event(
        session,
        "proposal.accept",
        "finding",
        finding_id,
        actor=actor,
        detail={
            "inspection": str(inspection.id),
            "item": item.code,
            "rule": view.rule_kind,
            "measured": view.measured,
            "limit": view.limit,
            "severity": chosen.value,
        },
    )
    return finding_id


def dismiss_proposal(
    session: Session,
    inspection_id: uuid.UUID,
    item_code: str,
    reason: str,
    *,
    today: date | None = None,
    actor: str = "",
) -> uuid.UUID:
    """Dismiss a proposal with a reason (at least 2 characters); the dismissal is kept and audited. Returns
    the dismissal's id."""
    inspection = editable_inspection(session, inspection_id)
    cleaned = check_dismissal_reason(reason)
    view, item = _open_proposal(session, inspection, item_code, today)
    row = session.scalar(
        select(RuleDismissal).where(
            RuleDismissal.inspection_id == inspection.id,
            RuleDismissal.item_code == item.code,
            RuleDismissal.rule_kind == view.rule_kind,
        )
    )
    if row is None:
        row = RuleDismissal(inspection_id=inspection.id, item_code=item.code, rule_kind=view.rule_kind)
        session.add(row)
    row.deleted = False  # a dismissal withdrawn earlier (a tombstone) is made again
    row.reason = cleaned
    row.dismissed_by = actor
    row.dismissed_at = utcnow()
    session.flush()
    record_event(
        session,
        "proposal.dismiss",
        "rule_dismissal",
        row.id,
        actor=actor,
        detail={
            "inspection": str(inspection.id),
            "item": item.code,
            "rule": view.rule_kind,
            "measured": view.measured,
            "limit": view.limit,
            "reason": cleaned,
        },
    )
    return row.id
