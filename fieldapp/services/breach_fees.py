"""Breach fees for contract-breach findings: which rule of the legal library applies (from the finding's basis
codes, or its checklist item's measurement rule), the arithmetic (domain.breach_fees), and the standing of
the rule's library entry at the time, kept with every saved assessment.

A figure is only as good as its rule: an entry the office has not verified marks the result "unverified,
check before charging", and an entry that is no longer in force (the 1996 《供电营业规则》, replaced by the
2024 edition) names what superseded it and says that its amounts are unconfirmed, so no superseded figure is
ever shown as the fee to charge."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.breach_fees import RULE_CODES, BreachFee, BreachKind, compute, kind_of_code
from fieldapp.domain.enums import Tariff
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.store.models import Answer, BreachAssessment, Finding, LegalEntry

ENTITY = "breach_assessment"
ASSESS = "breach.assess"
BREACH_CATEGORY = "E"  # 违约用电与窃电迹象 in the periodic checklist
# A citation of the breach article of 《供电营业规则》 (1996: article 100), with or without a sub-item.
_BREACH_BASIS = re.compile(r"^GYGZ\d{4}-100(-|$)")
# The checklist measurement rule that finds capacity above the contract (domain.measurements).
_CAPACITY_RULE = "capacity_over_contract"


@dataclass(frozen=True)
class RuleStanding:
    """Where a rule's library entry stands: may its figures be charged as they are?"""

    code: str
    verified: bool
    in_force: bool
    superseded_by: str = ""  # the entry (or edition) replacing it, when it is not in force

    @property
    def chargeable(self) -> bool:
        return self.verified and self.in_force

    @property
    def note_zh(self) -> str:
        return "；".join(_notes(self, english=False))

    @property
    def note_en(self) -> str:
        return "; ".join(_notes(self, english=True))


def _notes(standing: RuleStanding, *, english: bool) -> list[str]:
    notes: list[str] = []
    if not standing.verified:
        notes.append("unverified — check before charging" if english else "未核实，收费前须核实")
    if not standing.in_force:
        by = standing.superseded_by or ("a later edition" if english else "新版本")
        notes.append(
            f"superseded by {by}, whose amounts are unconfirmed: not a fee to charge as it stands"
            if english
            else f"已被 {by} 替代，其金额未经确认：本金额不得作为应收金额"
        )
    return notes


@dataclass(frozen=True)
class BreachRule:
    kind: BreachKind
    code: str
    regulation: str
    edition: str
    article: str
    requirement_zh: str
    requirement_en: str
    standing: RuleStanding


@dataclass(frozen=True)
class BreachContext:
    """What the breach-fee dialog starts from for one finding."""

    finding_id: uuid.UUID
    rules: tuple[BreachRule, ...]  # every rule the library has, in the order of BreachKind
    suggested: BreachKind | None  # from the finding's basis or its checklist item
    two_part: bool  # the customer's tariff is two-part (demand charge)
    contract_capacity_kva: Decimal
    measured_excess_kva: Decimal | None  # capacity in service above the contract, when the visit measured it


@dataclass(frozen=True)
class AssessmentView:
    id: uuid.UUID
    finding_id: uuid.UUID
    rule_code: str
    inputs: dict[str, Any]
    back_pay: Decimal
    fee: Decimal
    total: Decimal
    lines_zh: tuple[str, ...]
    lines_en: tuple[str, ...]
    standing: RuleStanding  # as it was when assessed (superseded_by: as the library says now)
    assessed_by: str
    assessed_on: date


def is_breach_finding(category: str, basis: str) -> bool:
    """A contract-breach finding: checklist category E, or one that cites the breach article."""
    return category.strip().upper() == BREACH_CATEGORY or any(
        _BREACH_BASIS.match(code) for code in basis_codes(basis)
    )


def basis_codes(basis: str) -> list[str]:
    return [code.strip() for code in re.split(r"[;；,，\s]+", basis) if code.strip()]


def _finding(session: Session, finding_id: uuid.UUID) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        raise NotFoundError(f"隐患不存在 (no finding {finding_id})")
    return finding


def _breach_finding(session: Session, finding_id: uuid.UUID) -> Finding:
    finding = _finding(session, finding_id)
    if not is_breach_finding(finding.category, finding.basis):
        raise ValidationError(
            f"第{finding.seq}项隐患不属于违约用电（分类 {finding.category or '—'}，"
            "依据未引用《供电营业规则》违约条款），"
            "不能计算违约使用电费 (not a contract-breach finding: no breach fee)",
            field="finding",
        )
    return finding


def _entries(session: Session, codes: Iterable[str]) -> dict[str, LegalEntry]:
    rows = session.scalars(
        select(LegalEntry).where(LegalEntry.code.in_(list(codes)), LegalEntry.deleted.is_(False))
    )
    return {row.code: row for row in rows}


def _standing(entry: LegalEntry) -> RuleStanding:
    return RuleStanding(
        code=entry.code,
        verified=bool(entry.verified),
        in_force=bool(entry.in_force),
        superseded_by="" if entry.in_force else entry.superseded_by,
    )


def _suggested(session: Session, finding: Finding) -> BreachKind | None:
    for code in basis_codes(finding.basis):
        kind = kind_of_code(code)
        if kind is not None:
            return kind
    if finding.item_id is not None and _item_rule(session, finding) == _CAPACITY_RULE:
        return BreachKind.CAPACITY
    return None


def _item_rule(session: Session, finding: Finding) -> str:
    answer = _answer(session, finding)
    if answer is None:
        return ""
    rule = answer.item.definition.get("rule") or {}
    return str(rule.get("kind", "")) if isinstance(rule, Mapping) else ""


def _answer(session: Session, finding: Finding) -> Answer | None:
    if finding.item_id is None:
        return None
    return session.scalars(
        select(Answer).where(Answer.inspection_id == finding.inspection_id, Answer.item_id == finding.item_id)
    ).first()


def _measured_excess(session: Session, finding: Finding) -> Decimal | None:
    """Capacity in service above the contract, from the answer to the finding's capacity item."""
    answer = _answer(session, finding)
    if answer is None or answer.value_number is None:
        return None
    rule = answer.item.definition.get("rule") or {}
    if not isinstance(rule, Mapping) or rule.get("kind") != _CAPACITY_RULE:
        return None
    excess = Decimal(answer.value_number) - Decimal(finding.customer.contract_capacity_kva)
    return excess.normalize() if excess > 0 else None


def breach_context(session: Session, finding_id: uuid.UUID) -> BreachContext:
    """The rules to choose from, the one the finding suggests and the customer's figures for the inputs.
    Refuses a finding that is not a contract breach."""
    finding = _breach_finding(session, finding_id)
    entries = _entries(session, RULE_CODES.values())
    rules = tuple(
        BreachRule(
            kind=kind,
            code=code,
            regulation=entry.regulation,
            edition=entry.edition,
            article=entry.article,
            requirement_zh=entry.requirement_zh,
            requirement_en=entry.requirement_en,
            standing=_standing(entry),
        )
        for kind, code in RULE_CODES.items()
        if (entry := entries.get(code)) is not None
    )
    customer = finding.customer
    return BreachContext(
        finding_id=finding.id,
        rules=rules,
        suggested=_suggested(session, finding),
        two_part=customer.tariff is Tariff.TWO_PART,
        contract_capacity_kva=Decimal(customer.contract_capacity_kva),
        measured_excess_kva=_measured_excess(session, finding),
    )


def _view(row: BreachAssessment, superseded_by: str) -> AssessmentView:
    lines_zh: tuple[str, ...] = ()
    lines_en: tuple[str, ...] = ()
    try:
        again = compute(str(row.inputs.get("kind", "")), row.inputs)
    except ValidationError:
        again = None  # inputs from a later version or edited by hand: the stored amounts still stand
    if again is not None and again.total == row.total:
        lines_zh, lines_en = again.lines_zh, again.lines_en
    return AssessmentView(
        id=row.id,
        finding_id=row.finding_id,
        rule_code=row.rule_code,
        inputs=dict(row.inputs),
        back_pay=Decimal(row.back_pay),
        fee=Decimal(row.fee),
        total=Decimal(row.total),
        lines_zh=lines_zh,
        lines_en=lines_en,
        standing=RuleStanding(
            code=row.rule_code,
            verified=bool(row.verified_at_time),
            in_force=bool(row.in_force_at_time),
            superseded_by="" if row.in_force_at_time else superseded_by,
        ),
        assessed_by=row.assessed_by,
        assessed_on=row.assessed_on,
    )


def assess_breach(
    session: Session,
    finding_id: uuid.UUID,
    kind: BreachKind | str,
    inputs: Mapping[str, Any],
    *,
    by: str,
    on: date | None = None,
) -> AssessmentView:
    """Work out the fee of `kind` for a contract-breach finding and keep it, with the standing of the rule's
    library entry now. Refuses a finding that is not a breach, a rule the library lacks, bad inputs. An
    office step (charging a customer), like verifying a finding."""
    require(session, Permission.FINDING_VERIFY)
    finding = _breach_finding(session, finding_id)
    who = by.strip()
    if not who:
        raise ValidationError("请填写计算人 (who assessed it?)", field="assessed_by")
    if len(who) > 50:
        raise ValidationError("计算人 assessed_by: 最多50个字 (at most 50 characters)", field="assessed_by")
    result: BreachFee = compute(kind, inputs)
    entry = _entries(session, [result.rule_code]).get(result.rule_code)
    if entry is None:
        raise NotFoundError(
            f"依据库中没有 {result.rule_code}，无法计算 (the legal library has no entry {result.rule_code})"
        )
    row = BreachAssessment(
        finding_id=finding.id,
        rule_code=result.rule_code,
        inputs=result.inputs,
        back_pay=result.back_pay,
        fee=result.fee,
        total=result.total,
        verified_at_time=bool(entry.verified),
        in_force_at_time=bool(entry.in_force),
        assessed_by=who,
        assessed_on=on or date.today(),
    )
    session.add(row)
    session.flush()
    record_event(
        session,
        ASSESS,
        ENTITY,
        row.id,
        actor=who,
        detail={
            "finding_id": str(finding.id),
            "rule_code": result.rule_code,
            "inputs": result.inputs,
            "total": str(result.total),
            "verified": bool(entry.verified),
            "in_force": bool(entry.in_force),
        },
    )
    return _view(row, entry.superseded_by)


def finding_assessments(session: Session, finding_id: uuid.UUID) -> list[AssessmentView]:
    """The finding's saved assessments, newest first."""
    rows = list(
        session.scalars(
            select(BreachAssessment)
            .where(BreachAssessment.finding_id == finding_id, BreachAssessment.deleted.is_(False))
            .order_by(BreachAssessment.assessed_on.desc(), BreachAssessment.modified_at.desc())
        )
    )
    entries = _entries(session, {row.rule_code for row in rows})
    return [
        _view(row, entries[row.rule_code].superseded_by if row.rule_code in entries else "") for row in rows
    ]
