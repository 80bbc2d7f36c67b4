"""The customer page: details, the equipment ledger with the next test due, the findings still open, the
past inspections; and what starting an inspection there offers (checklist versions, inspectors)."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from testkit import SAMPLE_CUSTOMERS, Sample, answer_every_item, sign_everyone

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import (
    EquipmentKind,
    EquipmentStatus,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    InspectorGrade,
    Severity,
)
from fieldapp.domain.errors import NotFoundError
from fieldapp.paths import checklists_dir
from fieldapp.services.backend import Backend
from fieldapp.services.customer_profile import customer_profile, start_options
from fieldapp.services.equipment import EquipmentFields, add_equipment
from fieldapp.services.findings import set_verdict, withdraw_finding
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection, void_inspection
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.reinspection import build_reinspection_checklist
from fieldapp.services.templates import install_template
from fieldapp.store.models import Finding, Inspector

BUILTIN = {t.code: t for t in load_builtin_templates(checklists_dir())}
# 04:00 UTC is the same calendar day from UTC-4 to UTC+14.
T0 = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)


def _inspection(backend: Backend, sample: Sample, customer: int, *, days: int = 0) -> uuid.UUID:
    return backend.call(
        start_inspection,
        sample.customers[customer],
        sample.template_id,
        sample.inspectors[:2],
        started_at=T0 + timedelta(days=days),
    )


def _finalize(backend: Backend, inspection_id: uuid.UUID) -> None:
    with backend.session() as session:
        answer_every_item(session, inspection_id)
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)


def _set_status(backend: Backend, finding_id: uuid.UUID, status: FindingStatus) -> None:
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        finding.status = status


# --- the profile --------------------------------------------------------------------------------------------


def test_the_profile_shows_the_customers_details(backend: Backend, sample: Sample) -> None:
    detail = backend.call(customer_profile, sample.customers[0]).detail
    fields = SAMPLE_CUSTOMERS[0]
    assert detail.customer_id == sample.customers[0]
    assert (detail.account_no, detail.name, detail.address, detail.industry) == (
        fields.account_no,
        fields.name,
        fields.address,
        fields.industry,
    )
    assert (detail.supply_voltage, detail.contract_capacity_kva, detail.tariff) == (
        fields.supply_voltage,
        fields.contract_capacity_kva,
        fields.tariff,
    )
    assert (detail.importance, detail.metering_class) == (fields.importance, fields.metering_class)


def test_an_unknown_customer_has_no_profile_and_no_start_options(backend: Backend, sample: Sample) -> None:
    with pytest.raises(NotFoundError):
        backend.call(customer_profile, uuid.uuid4())
    with pytest.raises(NotFoundError):
        backend.call(start_options, uuid.uuid4())


def test_a_new_customer_has_an_empty_profile(backend: Backend, sample: Sample) -> None:
    profile = backend.call(customer_profile, sample.customers[2])
    assert (profile.equipment, profile.inspections, profile.open_findings) == ((), (), ())


def test_the_equipment_ledger_shows_when_each_test_is_due_next(backend: Backend, sample: Sample) -> None:
    mine, other = sample.customers[0], sample.customers[1]
    transformer = backend.call(
        add_equipment,
        mine,
        EquipmentFields(
            kind=EquipmentKind.TRANSFORMER,
            model="SCB11-1250/10",
            rating="1250 kVA 10/0.4 kV",
            capacity_kva=Decimal(1250),
            serial_no="T-01",
            last_test_on=date(2024, 1, 31),
            test_cycle_months=13,
        ),
    )
    arrester = backend.call(
        add_equipment,
        mine,
        EquipmentFields(
            kind=EquipmentKind.ARRESTER, serial_no="Z-9", last_test_on=date(2025, 5, 20), test_cycle_months=12
        ),
    )
    no_cycle = backend.call(
        add_equipment,
        mine,
        EquipmentFields(kind=EquipmentKind.CABLE, serial_no="C-2", last_test_on=date(2025, 1, 1)),
    )
    never_tested = backend.call(
        add_equipment,
        mine,
        EquipmentFields(
            kind=EquipmentKind.CABLE, serial_no="C-1", test_cycle_months=36, status=EquipmentStatus.SUSPENDED
        ),
    )
    backend.call(add_equipment, other, EquipmentFields(kind=EquipmentKind.TRANSFORMER, serial_no="X-1"))
    ledger = backend.call(customer_profile, mine).equipment
    # Grouped by kind, then by serial number.
    assert [e.equipment_id for e in ledger] == [arrester, never_tested, no_cycle, transformer]
    due = {e.equipment_id: e.next_test_on for e in ledger}
    assert due == {
        transformer: date(2025, 2, 28),  # 31 January + 13 months: the month's last day
        arrester: date(2026, 5, 20),
        no_cycle: None,
        never_tested: None,
    }
    first = ledger[3]
    assert (first.model, first.rating, first.capacity_kva, first.serial_no, first.last_test_on) == (
        "SCB11-1250/10",
        "1250 kVA 10/0.4 kV",
        Decimal(1250),
        "T-01",
        date(2024, 1, 31),
    )
    assert ledger[1].status is EquipmentStatus.SUSPENDED


def test_open_findings_are_the_customers_own_still_to_be_put_right(backend: Backend, sample: Sample) -> None:
    earlier = _inspection(backend, sample, 0)
    later = _inspection(backend, sample, 0, days=40)
    elsewhere = _inspection(backend, sample, 1)
    soon = backend.call(
        add_finding, earlier, "主变渗油", severity=Severity.SERIOUS, deadline=date(2026, 3, 9)
    )
    undated = backend.call(add_finding, earlier, "灭火器过期")
    verified = backend.call(add_finding, earlier, "挡鼠板缺失", deadline=date(2026, 3, 5))
    notified = backend.call(add_finding, earlier, "接地线松动", deadline=date(2026, 4, 1))
    _finalize(backend, earlier)
    _set_status(backend, verified, FindingStatus.VERIFIED)
    _set_status(backend, notified, FindingStatus.NOTIFIED)
    raised = backend.call(set_verdict, later, "A03", "defect").finding_id  # deadline: 15 days after
    withdrawn = backend.call(add_finding, later, "记录错误")
    backend.call(withdraw_finding, withdrawn)
    backend.call(add_finding, elsewhere, "别家的隐患", deadline=date(2026, 3, 3))

    found = backend.call(customer_profile, sample.customers[0]).open_findings
    # By deadline, soonest first; a finding without one last.
    assert [f.finding_id for f in found] == [soon, notified, raised, undated]
    first = found[0]
    assert (first.inspection_id, first.found_on, first.seq, first.description) == (
        earlier,
        local_day(T0),
        1,
        "主变渗油",
    )
    assert (first.severity, first.deadline, first.status) == (
        Severity.SERIOUS,
        date(2026, 3, 9),
        FindingStatus.OPEN,
    )
    assert found[1].status is FindingStatus.NOTIFIED
    assert (found[2].inspection_id, found[2].found_on, found[2].seq) == (
        later,
        local_day(T0) + timedelta(40),
        1,
    )
    assert found[2].deadline == local_day(T0) + timedelta(days=40 + 15)


def test_a_reopened_finding_is_open_again(backend: Backend, sample: Sample) -> None:
    inspection_id = _inspection(backend, sample, 0)
    finding_id = backend.call(add_finding, inspection_id, "主变渗油")
    _set_status(backend, finding_id, FindingStatus.VERIFIED)
    assert backend.call(customer_profile, sample.customers[0]).open_findings == ()
    _set_status(backend, finding_id, FindingStatus.REOPENED)
    [found] = backend.call(customer_profile, sample.customers[0]).open_findings
    assert (found.finding_id, found.status) == (finding_id, FindingStatus.REOPENED)


def test_the_profile_lists_the_customers_own_inspections_newest_first(
    backend: Backend, sample: Sample
) -> None:
    first = _inspection(backend, sample, 0)
    second = _inspection(backend, sample, 0, days=30)
    third = _inspection(backend, sample, 0, days=60)
    _inspection(backend, sample, 1, days=90)
    _finalize(backend, first)
    backend.call(void_inspection, second, "选错了检查表")
    inspections = backend.call(customer_profile, sample.customers[0]).inspections
    assert [(i.inspection_id, i.status) for i in inspections] == [
        (third, InspectionStatus.IN_PROGRESS),
        (second, InspectionStatus.VOIDED),
        (first, InspectionStatus.FINALIZED),
    ]
    assert {i.account_no for i in inspections} == {"0531000001"}


# --- what starting an inspection offers ---------------------------------------------------------------------


def test_start_options_offer_every_general_checklist_and_the_active_inspectors(
    backend: Backend, sample: Sample
) -> None:
    with backend.session() as session:
        retired = create_inspector(session, "YJ000", "退休人员", "用检证 鲁0315000", InspectorGrade.GRADE_1)
        inspector = session.get(Inspector, retired)
        assert inspector is not None
        inspector.active = False
    options = backend.call(start_options, sample.customers[0])
    assert [(t.code, t.version, t.latest, t.for_this_customer) for t in options.templates] == [
        (code, 1, True, False) for code in sorted(BUILTIN)
    ]
    periodic = next(t for t in options.templates if t.code == "PERIODIC-HV")
    assert (periodic.template_id, periodic.kind, periodic.title_zh) == (
        sample.template_id,
        InspectionKind.PERIODIC,
        "高压客户周期性用电安全检查",
    )
    assert [i.staff_no for i in options.inspectors] == ["YJ001", "YJ002", "YJ003"]


def test_a_newer_version_is_latest_and_the_older_one_is_still_offered(
    backend: Backend, sample: Sample
) -> None:
    newer = dataclasses.replace(BUILTIN["SEASONAL"], version=2, title_zh="季节性安全检查（2027版）")
    newer_id = backend.call(install_template, newer, source="test")
    templates = backend.call(start_options, sample.customers[0]).templates
    seasonal = [(t.template_id, t.version, t.latest, t.title_zh) for t in templates if t.code == "SEASONAL"]
    assert seasonal[0] == (newer_id, 2, True, "季节性安全检查（2027版）")
    assert [(version, latest) for _, version, latest, _ in seasonal] == [(2, True), (1, False)]
    assert all(t.latest for t in templates if t.code != "SEASONAL")


def test_a_reinspection_checklist_is_offered_to_its_customer_only(backend: Backend, sample: Sample) -> None:
    inspection_id = _inspection(backend, sample, 0)
    backend.call(add_finding, inspection_id, "主变渗油", deadline=date(2026, 3, 30))
    _finalize(backend, inspection_id)
    first = backend.call(build_reinspection_checklist, sample.customers[0])
    second = backend.call(build_reinspection_checklist, sample.customers[0])
    mine = [t for t in backend.call(start_options, sample.customers[0]).templates if t.for_this_customer]
    assert [(t.template_id, t.code, t.version, t.latest) for t in mine] == [
        (second.template_id, "REINSPECT-0531000001", 2, True),
        (first.template_id, "REINSPECT-0531000001", 1, False),
    ]
    assert {t.kind for t in mine} == {InspectionKind.REINSPECTION}
    for other in sample.customers[1:]:
        offered = backend.call(start_options, other).templates
        assert not any(t.for_this_customer or t.code.startswith("REINSPECT") for t in offered)
        assert {t.code for t in offered} == set(BUILTIN)


def test_the_second_customers_reinspection_checklist_is_not_the_firsts(
    backend: Backend, sample: Sample
) -> None:
    for customer in (0, 1):
        inspection_id = _inspection(backend, sample, customer)
        backend.call(add_finding, inspection_id, "主变渗油")
        _finalize(backend, inspection_id)
        backend.call(build_reinspection_checklist, sample.customers[customer])
    for customer, account in ((0, "0531000001"), (1, "0531000002")):
        mine = [
            t
            for t in backend.call(start_options, sample.customers[customer]).templates
            if t.for_this_customer
        ]
        assert [(t.code, t.version, t.latest) for t in mine] == [(f"REINSPECT-{account}", 1, True)]
