"""Breach fees for a finding: the rule picked from the finding's basis (or its capacity item), the standing of
the rule's library entry kept with the assessment (unverified, superseded), the audit event, and the refusals
(a finding that is not a breach, bad inputs, a rule the library lacks). On both engines."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.breach_fees import BreachKind
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.breach_fees import (
    ASSESS,
    assess_breach,
    breach_context,
    finding_assessments,
    is_breach_finding,
)
from fieldapp.services.inspections import add_finding, record_answer, start_inspection
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import import_file
from fieldapp.store.models import AuditEvent, BreachAssessment, LegalEntry

STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
OFFICE = "BG01 陈敏"


def a_finding(
    backend: Backend,
    sample: Sample,
    *,
    category: str = "E",
    basis: str = "",
    item: str | None = None,
    measured: str | None = None,
) -> uuid.UUID:
    with backend.session() as session:
        inspection_id = start_inspection(
            session, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=STARTED
        )
        if item and measured:
            record_answer(session, inspection_id, item, number=measured)
        return add_finding(session, inspection_id, "私增容量", category=category, basis=basis, item_code=item)


def test_breach_findings_are_category_e_or_cite_the_breach_article() -> None:
    assert is_breach_finding("E", "")
    assert is_breach_finding("B", "GDYY-30;GYGZ1996-100-SOURCE")
    assert is_breach_finding("", "GYGZ2024-100")
    assert not is_breach_finding("B", "GDYY-30;GYGZ1996-101;GYGZ1996-1000")


def test_context_suggests_the_basis_rule_and_fills_the_customer(backend: Backend, sample: Sample) -> None:
    finding = a_finding(backend, sample, basis="GDYY-30;GYGZ1996-100-SUSPENDED")
    context = backend.call(breach_context, finding)
    assert context.suggested is BreachKind.SUSPENDED
    assert context.two_part  # the sample hospital is on the two-part tariff
    assert context.contract_capacity_kva == Decimal(2500)
    assert [rule.kind for rule in context.rules] == list(BreachKind)
    capacity = context.rules[0].standing
    assert capacity.verified and not capacity.in_force and capacity.superseded_by == "GYGZ2024-BREACH"


def test_context_takes_the_measured_excess_from_the_capacity_item(backend: Backend, sample: Sample) -> None:
    finding = a_finding(backend, sample, basis="", item="E01", measured="2620")
    context = backend.call(breach_context, finding)
    assert context.suggested is BreachKind.CAPACITY
    assert context.measured_excess_kva == Decimal(120)


def test_assessment_is_kept_with_the_standing_of_its_rule(backend: Backend, sample: Sample) -> None:
    finding = a_finding(backend, sample, basis="GYGZ1996-100-CAPACITY")
    inputs = {"capacity_kva": "120", "two_part": True, "demand_price": "28", "months": 2}
    view = backend.call(assess_breach, finding, "capacity", inputs, by=OFFICE, on=date(2026, 6, 3))
    assert (view.back_pay, view.fee, view.total) == (
        Decimal("6720.00"),
        Decimal("20160.00"),
        Decimal("26880.00"),
    )
    # Verified once, but the 1996 rules are no longer in force: never a fee to charge as it stands.
    assert view.standing.verified and not view.standing.in_force and not view.standing.chargeable
    assert "GYGZ2024-BREACH" in view.standing.note_zh and "未经确认" in view.standing.note_zh
    assert "superseded by GYGZ2024-BREACH" in view.standing.note_en
    with backend.session() as session:
        row = session.scalars(select(BreachAssessment)).one()
        assert row.total == Decimal("26880.00") and row.in_force_at_time is False and row.verified_at_time
        assert row.inputs["months"] == 2 and row.assessed_by == OFFICE
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == ASSESS)).one()
        assert event.entity_id == str(row.id) and event.detail["rule_code"] == "GYGZ1996-100-CAPACITY"
    shown = backend.call(finding_assessments, finding)
    assert [v.id for v in shown] == [view.id]
    assert shown[0].lines_zh[1].startswith("违约使用电费 3 × 120 kVA")


def test_an_inspector_may_not_assess_a_breach_fee(backend: Backend, sample: Sample) -> None:
    """Charging a customer is the office's step, like verifying a finding: refused at the service."""
    from fieldapp.domain.enums import Role
    from fieldapp.services.access import AccessDeniedError, Actor

    finding = a_finding(backend, sample, basis="GYGZ1996-100-CAPACITY")
    inputs = {"capacity_kva": "120", "two_part": True, "demand_price": "28", "months": 2}
    backend.actor = Actor(uuid.uuid4(), "王检查", Role.INSPECTOR)
    try:
        with pytest.raises(AccessDeniedError, match="inspector"):
            backend.call(assess_breach, finding, "capacity", inputs, by="王检查", on=date(2026, 6, 3))
    finally:
        backend.actor = None
    with backend.session() as session:
        assert session.scalars(select(BreachAssessment)).all() == []


def test_an_unverified_rule_marks_the_result(backend: Backend, sample: Sample) -> None:
    finding = a_finding(backend, sample, basis="GYGZ1996-100-METERING")
    view = backend.call(assess_breach, finding, "metering", {"residential": False, "occasions": 1}, by=OFFICE)
    assert view.total == Decimal("5000.00")
    assert not view.standing.verified
    assert view.standing.note_zh.startswith("未核实，收费前须核实")
    assert view.standing.note_en.startswith("unverified — check before charging")


def test_a_verified_rule_in_force_carries_no_warning(backend: Backend, sample: Sample) -> None:
    with backend.session() as session:
        entry = session.scalars(select(LegalEntry).where(LegalEntry.code == "GYGZ1996-100-SOURCE")).one()
        entry.verified, entry.in_force, entry.superseded_by = True, True, ""
    finding = a_finding(backend, sample, basis="GYGZ1996-100-SOURCE")
    view = backend.call(assess_breach, finding, "source", {"capacity_kva": "80"}, by=OFFICE)
    assert view.standing.chargeable and view.standing.note_zh == "" and view.total == Decimal("40000.00")
    # What the office changes later does not rewrite what the assessment was made under.
    with backend.session() as session:
        entry = session.scalars(select(LegalEntry).where(LegalEntry.code == "GYGZ1996-100-SOURCE")).one()
        entry.verified = False
    assert backend.call(finding_assessments, finding)[0].standing.chargeable


def test_a_finding_that_is_not_a_breach_is_refused(backend: Backend, sample: Sample) -> None:
    finding = a_finding(backend, sample, category="B", basis="GDYY-30")
    with pytest.raises(ValidationError, match="not a contract-breach finding"):
        backend.call(breach_context, finding)
    with pytest.raises(ValidationError, match="not a contract-breach finding"):
        backend.call(assess_breach, finding, "source", {"capacity_kva": "80"}, by=OFFICE)
    with backend.session() as session:
        assert session.scalars(select(BreachAssessment)).all() == []


def test_bad_inputs_and_missing_rules_are_refused_and_nothing_is_stored(
    backend: Backend, sample: Sample
) -> None:
    finding = a_finding(backend, sample, basis="GYGZ1996-100-CAPACITY")
    with pytest.raises(ValidationError) as refused:
        backend.call(assess_breach, finding, "capacity", {"capacity_kva": "-3"}, by=OFFICE)
    assert refused.value.field == "capacity_kva"
    with pytest.raises(ValidationError, match="assessed"):
        backend.call(assess_breach, finding, "capacity", {"capacity_kva": "3"}, by=" ")
    with backend.session() as session:
        session.scalars(
            select(LegalEntry).where(LegalEntry.code == "GYGZ1996-100-SOURCE")
        ).one().deleted = True
    with pytest.raises(NotFoundError, match="GYGZ1996-100-SOURCE"):
        backend.call(assess_breach, finding, "source", {"capacity_kva": "3"}, by=OFFICE)
    with pytest.raises(NotFoundError):
        backend.call(breach_context, uuid.uuid4())
    with backend.session() as session:
        assert session.scalars(select(BreachAssessment)).all() == []


def test_an_assessment_travels_in_the_sync_bundle(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    finding = a_finding(backend, sample, basis="GYGZ1996-100-CLASS")
    view = backend.call(assess_breach, finding, "class", {"difference": "1234.565"}, by=OFFICE)
    bundle = backend.call(export_bundle, tmp_path / "out.fieldsync", backend.paths.photos).path
    office = open_backend(str(tmp_path / "office"))
    try:
        office.call(import_file, bundle, office.paths.photos, backup=office.backup)
        shown = office.call(finding_assessments, finding)
    finally:
        office.close()
    assert [(v.id, v.total, v.rule_code) for v in shown] == [
        (view.id, Decimal("3703.70"), "GYGZ1996-100-CLASS")
    ]
    assert shown[0].lines_zh == view.lines_zh and not shown[0].standing.verified
