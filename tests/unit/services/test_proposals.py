"""Rule proposals on each engine: computed from the stored answers, the customer's record and ledger and the
previous finalized visit; accepted as a numbered finding with source "rule", the item's basis, requirement
and deadline; dismissed only with a reason, audited; gone from the list once settled; refused once the
inspection is finalized or void. The tests install their own small template so that the built-in content
can change without breaking them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.checklists.model import Section, Template, TemplateItem
from fieldapp.domain.enums import (
    AnswerKind,
    EquipmentKind,
    EquipmentStatus,
    FindingSource,
    InspectionKind,
    Severity,
    Verdict,
)
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.domain.measurements import RuleSpec
from fieldapp.services.backend import Backend
from fieldapp.services.equipment import EquipmentFields, add_equipment
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    get_inspection,
    record_answer,
    start_inspection,
    void_inspection,
)
from fieldapp.services.proposals import (
    accept_proposal,
    customer_facts,
    dismiss_proposal,
    inspection_date,
    proposals_for,
)
from fieldapp.services.templates import install_template
from fieldapp.store.models import AuditEvent, Finding, RuleDismissal

# Noon UTC is the same day in every time zone from UTC-11 to UTC+11, so the visit's day is fixed.
STARTED = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)
VISIT_DAY = date(2025, 6, 10)


def _item(
    code: str, section: str, prompt: str, kind: AnswerKind, rule: RuleSpec | None, **extra: object
) -> TemplateItem:
    return TemplateItem(
        code=code,
        section=section,
        prompt_zh=prompt,
        prompt_en=f"{prompt} (en)",
        answer_kind=kind,
        required=False,
        rule=rule,
        **extra,  # type: ignore[arg-type]
    )


RULES_TEMPLATE = Template(
    code="TEST-RULES",
    version=1,
    kind=InspectionKind.PERIODIC,
    title_zh="规则测试检查表",
    title_en="Rules test checklist",
    sections=(Section("B", "设备"), Section("D", "计量"), Section("E", "违约"), Section("G", "无功")),
    items=(
        _item(
            "T01",
            "B",
            "变压器上层油温",
            AnswerKind.NUMBER,
            RuleSpec("max", {"limit": 85}),
            unit="°C",
            basis=("GB-1", "DL-2"),
            requirement_zh="查明油温过高原因并处理",
            deadline_days=7,
        ),
        _item(
            "T02",
            "E",
            "在运设备容量",
            AnswerKind.NUMBER,
            RuleSpec("capacity_over_contract"),
            unit="kVA",
            default_severity=Severity.SERIOUS,
            basis=("GYGZ-100",),
            requirement_zh="办理增容手续或恢复原合同容量",
            deadline_days=30,
        ),
        _item("T03", "G", "功率因数", AnswerKind.NUMBER, RuleSpec("power_factor")),
        _item("T04", "B", "避雷器试验", AnswerKind.DATE, RuleSpec("test_overdue", {"cycle_months": 12})),
        _item(
            "T05",
            "D",
            "计量柜封印",
            AnswerKind.SEAL,
            RuleSpec("seal_changed"),
            default_severity=Severity.SERIOUS,
        ),
        _item("T06", "B", "接地电阻", AnswerKind.NUMBER, RuleSpec("earthing_resistance")),
        _item("T07", "B", "变压器外观", AnswerKind.VERDICT, None),
        _item("T08", "D", "计量现场检验", AnswerKind.DATE, RuleSpec("metering_field_test_overdue")),
    ),
)


@pytest.fixture
def template_id(backend: Backend) -> uuid.UUID:
    return backend.call(install_template, RULES_TEMPLATE, source="test")


def _start(
    backend: Backend,
    sample: Sample,
    template_id: uuid.UUID,
    *,
    customer: int = 0,
    started: datetime = STARTED,
) -> uuid.UUID:
    return backend.call(
        start_inspection, sample.customers[customer], template_id, sample.inspectors[:2], started_at=started
    )


@pytest.fixture
def inspection_id(backend: Backend, sample: Sample, template_id: uuid.UUID) -> uuid.UUID:
    """An inspection of the hospital (10 kV, 2500 kVA, metering class II, industry 卫生)."""
    return _start(backend, sample, template_id)


def _codes(backend: Backend, inspection_id: uuid.UUID, **kwargs: object) -> list[str]:
    return [p.item_code for p in backend.call(proposals_for, inspection_id, **kwargs)]  # type: ignore[arg-type]


def _transformer(
    backend: Backend,
    customer_id: uuid.UUID,
    kva: str,
    *,
    model: str = "S11-M",
    status: EquipmentStatus = EquipmentStatus.IN_SERVICE,
) -> None:
    backend.call(
        add_equipment,
        customer_id,
        EquipmentFields(
            kind=EquipmentKind.TRANSFORMER, model=model, capacity_kva=Decimal(kva), status=status
        ),
    )


# --- computing ----------------------------------------------------------------------------------------------


def test_no_answers_no_proposals(backend: Backend, inspection_id: uuid.UUID) -> None:
    assert backend.call(proposals_for, inspection_id) == []


def test_a_measurement_above_the_limit_is_proposed_with_the_items_basis(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "T01", number="92.5")
    (proposal,) = backend.call(proposals_for, inspection_id)
    assert proposal.item_code == "T01"
    assert proposal.rule_kind == "max"
    assert proposal.section == "B"
    assert proposal.description_zh == "变压器上层油温92.5°C，超过限值85°C"
    assert proposal.description_en == "变压器上层油温 (en) 92.5°C is above the limit 85°C"
    assert (proposal.measured, proposal.limit) == ("92.5°C", "85°C")
    assert proposal.severity is Severity.GENERAL
    assert proposal.basis == ("GB-1", "DL-2")
    assert proposal.requirement_zh == "查明油温过高原因并处理"
    assert proposal.deadline == VISIT_DAY + timedelta(days=7)


def test_a_measurement_at_the_limit_proposes_nothing(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T01", number=85)
    assert backend.call(proposals_for, inspection_id) == []
    backend.call(record_answer, inspection_id, "T01", number="85.000001")
    assert _codes(backend, inspection_id) == ["T01"]


def test_the_latest_answer_counts(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T01", number=95)
    backend.call(record_answer, inspection_id, "T01", number=70)
    assert backend.call(proposals_for, inspection_id) == []


def test_not_applicable_is_not_judged(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T01", number=95)
    backend.call(record_answer, inspection_id, "T01", verdict=Verdict.NOT_APPLICABLE)
    assert backend.call(proposals_for, inspection_id) == []


def test_capacity_over_the_customers_contract(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T02", number=2500)  # the hospital's contract capacity
    assert backend.call(proposals_for, inspection_id) == []
    backend.call(record_answer, inspection_id, "T02", number=3130)
    (proposal,) = backend.call(proposals_for, inspection_id)
    assert proposal.description_zh == "在运设备容量3130 kVA，超过合同容量2500 kVA，私增容量630 kVA"
    assert proposal.severity is Severity.SERIOUS  # the item's default


def test_power_factor_standard_follows_the_customer(
    backend: Backend, sample: Sample, template_id: uuid.UUID, inspection_id: uuid.UUID
) -> None:
    # The hospital is not industrial: 0.85. The steel works (110 kV, no industry, two-part tariff): 0.90.
    steel = _start(backend, sample, template_id, customer=1)
    for inspection in (inspection_id, steel):
        backend.call(record_answer, inspection, "T03", number="0.87")
    assert backend.call(proposals_for, inspection_id) == []
    (proposal,) = backend.call(proposals_for, steel)
    assert proposal.description_zh == "功率因数0.87，低于标准值0.90"
    # An on-load tap changer in the hospital's ledger raises its standard to 0.90.
    _transformer(backend, sample.customers[0], "2500", model="SZ11-2500/10")
    assert _codes(backend, inspection_id) == ["T03"]


def test_customer_facts_from_the_ledger(backend: Backend, sample: Sample) -> None:
    hospital = sample.customers[0]
    facts = backend.call(customer_facts, hospital)
    assert facts.largest_transformer_kva is None
    assert facts.has_on_load_tap_changer is False
    assert (facts.contract_capacity_kva, facts.industry) == (Decimal(2500), "卫生")
    _transformer(backend, hospital, "800")
    _transformer(backend, hospital, "1250")
    _transformer(backend, hospital, "2000", status=EquipmentStatus.SEALED)
    _transformer(backend, hospital, "1600", model="SZ11", status=EquipmentStatus.SUSPENDED)
    backend.call(
        add_equipment, hospital, EquipmentFields(kind=EquipmentKind.HV_MOTOR, capacity_kva=Decimal(5000))
    )
    _transformer(backend, sample.customers[1], "63000")  # another customer's
    facts = backend.call(customer_facts, hospital)
    assert facts.largest_transformer_kva == Decimal(1250)
    assert facts.has_on_load_tap_changer is False  # the OLTC transformer is suspended
    with pytest.raises(NotFoundError):
        backend.call(customer_facts, uuid.uuid4())


def test_earthing_limit_by_the_largest_in_service_transformer(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    hospital = sample.customers[0]
    _transformer(backend, hospital, "80")
    _transformer(backend, hospital, "250", status=EquipmentStatus.SEALED)
    backend.call(record_answer, inspection_id, "T06", number="6.5")
    assert backend.call(proposals_for, inspection_id) == []  # 80 kVA: at most 10 ohm
    _transformer(backend, hospital, "100")
    (proposal,) = backend.call(proposals_for, inspection_id)
    assert proposal.limit == "4 Ω"


def test_dates_are_judged_as_of_the_visit_unless_told(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T04", value_date=date(2024, 6, 10))  # due on the visit day
    assert backend.call(proposals_for, inspection_id) == []
    assert _codes(backend, inspection_id, today=VISIT_DAY + timedelta(days=1)) == ["T04"]
    backend.call(record_answer, inspection_id, "T04", value_date=date(2024, 6, 9))
    (proposal,) = backend.call(proposals_for, inspection_id)
    assert "逾期1天" in proposal.description_zh
    assert proposal.severity is Severity.GENERAL


def test_metering_field_test_by_the_customers_metering_class(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    # The hospital is metering class II: every 6 months.
    backend.call(record_answer, inspection_id, "T08", value_date=date(2024, 12, 10))
    assert backend.call(proposals_for, inspection_id) == []
    backend.call(record_answer, inspection_id, "T08", value_date=date(2024, 12, 9))
    assert _codes(backend, inspection_id) == ["T08"]


def _finished_visit(
    backend: Backend, sample: Sample, template_id: uuid.UUID, seal: str, started: datetime
) -> uuid.UUID:
    visit = _start(backend, sample, template_id, started=started)
    backend.call(record_answer, visit, "T05", verdict=Verdict.OK, text=seal)
    for proposal in backend.call(proposals_for, visit):  # a changed seal on record: explained, not a finding
        backend.call(dismiss_proposal, visit, proposal.item_code, "供电公司换封，已登记", actor="YJ001")
    backend.call(sign_everyone, visit)
    backend.call(finalize_inspection, visit)
    return visit


def test_a_seal_is_compared_with_the_previous_finalized_visit(
    backend: Backend, sample: Sample, template_id: uuid.UUID
) -> None:
    earlier = STARTED - timedelta(days=200)
    _finished_visit(backend, sample, template_id, "LH000001", earlier)
    _finished_visit(backend, sample, template_id, "LH100234", STARTED - timedelta(days=100))
    # Neither a voided nor an unfinished visit is a record to compare with.
    voided = _start(backend, sample, template_id, started=STARTED - timedelta(days=50))
    backend.call(record_answer, voided, "T05", text="LH999999")
    backend.call(
        dismiss_proposal, voided, "T05", "录错客户，作废", actor="YJ001"
    )  # finalize needs it decided
    backend.call(sign_everyone, voided)
    backend.call(finalize_inspection, voided)
    backend.call(void_inspection, voided, "录错客户")
    open_visit = _start(backend, sample, template_id, started=STARTED - timedelta(days=20))
    backend.call(record_answer, open_visit, "T05", text="LH888888")
    # Nor is another customer's visit.
    other = _start(backend, sample, template_id, customer=1, started=STARTED - timedelta(days=10))
    backend.call(record_answer, other, "T05", text="LH777777")
    backend.call(sign_everyone, other)
    backend.call(finalize_inspection, other)

    current = _start(backend, sample, template_id)
    backend.call(record_answer, current, "T05", verdict=Verdict.OK, text="LH100234")
    assert backend.call(proposals_for, current) == []
    backend.call(record_answer, current, "T05", text="LH100235")
    (proposal,) = backend.call(proposals_for, current)
    assert proposal.description_zh == "计量柜封印编号LH100235与上次检查记录的LH100234不一致"
    assert proposal.severity is Severity.SERIOUS


def test_a_first_visit_has_no_seal_to_compare(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T05", text="LH100234")
    assert backend.call(proposals_for, inspection_id) == []


def test_a_rule_the_catalogue_does_not_know_is_skipped_not_fatal(
    backend: Backend, sample: Sample, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Template(
        code="TEST-BROKEN",
        version=1,
        kind=InspectionKind.PERIODIC,
        title_zh="旧规则",
        title_en="Old rule",
        sections=(Section("E", "违约"),),
        items=(
            _item("E01", "E", "在运容量", AnswerKind.NUMBER, RuleSpec("max_contract_capacity")),
            _item("E02", "E", "油温", AnswerKind.NUMBER, RuleSpec("max", {"limit": 85})),
        ),
    )
    template = backend.call(install_template, broken, source="test")
    inspection = _start(backend, sample, template)
    backend.call(record_answer, inspection, "E01", number=99999)
    backend.call(record_answer, inspection, "E02", number=90)
    assert _codes(backend, inspection) == ["E02"]
    assert "max_contract_capacity" in caplog.text


def test_proposals_come_in_checklist_order(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T08", value_date=date(2020, 1, 1))
    backend.call(record_answer, inspection_id, "T03", number="0.5")
    backend.call(record_answer, inspection_id, "T01", number=99)
    assert _codes(backend, inspection_id) == ["T01", "T03", "T08"]


# --- accepting ----------------------------------------------------------------------------------------------


def test_accept_makes_a_numbered_rule_finding(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(add_finding, inspection_id, "配电室门口未设挡鼠板", actor="YJ001")
    backend.call(record_answer, inspection_id, "T01", number="92.5")
    backend.call(record_answer, inspection_id, "T02", number=3000)
    finding_id = backend.call(accept_proposal, inspection_id, "T01", actor="YJ002")
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        assert finding.seq == 2
        assert finding.source is FindingSource.RULE
        assert finding.description == "变压器上层油温92.5°C，超过限值85°C"
        assert finding.basis == "GB-1;DL-2"
        assert finding.requirement == "查明油温过高原因并处理"
        assert finding.deadline == VISIT_DAY + timedelta(days=7)
        assert finding.severity is Severity.GENERAL
        assert finding.category == "B"
        assert finding.item_id is not None
        events = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == str(finding_id))
        ).all()
        assert sorted(events) == ["finding.add", "proposal.accept"]
    assert _codes(backend, inspection_id) == ["T02"]
    with pytest.raises(ValidationError) as caught:
        backend.call(accept_proposal, inspection_id, "T01")
    assert caught.value.field == "item"


def test_the_inspector_may_change_severity_requirement_and_deadline(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "T02", number=3000)
    finding_id = backend.call(
        accept_proposal,
        inspection_id,
        "T02",
        severity="general",
        requirement="三日内拆除私增变压器",
        deadline=VISIT_DAY + timedelta(days=3),
    )
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        assert (finding.severity, finding.requirement, finding.deadline) == (
            Severity.GENERAL,
            "三日内拆除私增变压器",
            VISIT_DAY + timedelta(days=3),
        )
        assert finding.basis == "GYGZ-100"


def test_an_item_without_deadline_days_gives_no_deadline(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T03", number="0.5")
    finding_id = backend.call(accept_proposal, inspection_id, "T03")
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        assert (finding.deadline, finding.basis, finding.requirement) == (None, "", "")


def test_accepting_what_is_not_proposed_is_refused(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T01", number=60)
    for code in ("T01", "T07", "ZZZ"):
        with pytest.raises(ValidationError) as caught:
            backend.call(accept_proposal, inspection_id, code)
        assert caught.value.field == "item"
    with backend.session() as session:
        assert session.scalars(select(Finding)).all() == []


def test_a_manual_finding_on_the_item_does_not_hide_the_proposal(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "T01", number=99)
    backend.call(add_finding, inspection_id, "油位偏低", item_code="T01", source=FindingSource.CHECKLIST)
    assert _codes(backend, inspection_id) == ["T01"]


# --- dismissing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "  ", "x", " 好 "])
def test_dismiss_needs_a_reason(backend: Backend, inspection_id: uuid.UUID, reason: str) -> None:
    backend.call(record_answer, inspection_id, "T01", number=99)
    with pytest.raises(ValidationError) as caught:
        backend.call(dismiss_proposal, inspection_id, "T01", reason)
    assert caught.value.field == "reason"
    assert _codes(backend, inspection_id) == ["T01"]


def test_dismiss_is_kept_audited_and_the_proposal_goes(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "T01", number=99)
    backend.call(record_answer, inspection_id, "T03", number="0.5")
    dismissal_id = backend.call(
        dismiss_proposal, inspection_id, "T01", "  测温枪未校准，已复测  ", actor="YJ001"
    )
    assert _codes(backend, inspection_id) == ["T03"]
    with backend.session() as session:
        row = session.get(RuleDismissal, dismissal_id)
        assert row is not None
        assert (row.item_code, row.rule_kind, row.reason, row.dismissed_by) == (
            "T01",
            "max",
            "测温枪未校准，已复测",
            "YJ001",
        )
        (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "proposal.dismiss")).all()
        assert event.entity_id == str(dismissal_id)
        assert event.actor == "YJ001"
        assert event.detail["reason"] == "测温枪未校准，已复测"
        assert event.detail["item"] == "T01"
        assert event.detail["measured"] == "99°C"
        assert session.scalars(select(Finding)).all() == []
    # Settled: a later answer to the item proposes nothing more in this inspection.
    backend.call(record_answer, inspection_id, "T01", number=120)
    assert _codes(backend, inspection_id) == ["T03"]
    with pytest.raises(ValidationError) as caught:
        backend.call(dismiss_proposal, inspection_id, "T01", "再次不采纳")
    assert caught.value.field == "item"
    with pytest.raises(ValidationError):
        backend.call(accept_proposal, inspection_id, "T01")


def test_a_dismissal_in_one_inspection_leaves_the_next_alone(
    backend: Backend, sample: Sample, template_id: uuid.UUID, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "T01", number=99)
    backend.call(dismiss_proposal, inspection_id, "T01", "仪表故障")
    other = _start(backend, sample, template_id, started=STARTED + timedelta(days=1))
    backend.call(record_answer, other, "T01", number=99)
    assert _codes(backend, other) == ["T01"]


# --- locked -------------------------------------------------------------------------------------------------


def test_finalized_and_voided_inspections_refuse_both(
    backend: Backend, sample: Sample, template_id: uuid.UUID, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "T01", number=99)
    with pytest.raises(ValidationError, match="T01"):  # not while the proposal is undecided
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)
    accepted = backend.call(accept_proposal, inspection_id, "T01")
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)
    with pytest.raises(LockedError):
        backend.call(accept_proposal, inspection_id, "T01")
    with pytest.raises(LockedError):
        backend.call(dismiss_proposal, inspection_id, "T01", "复测合格")
    voided = _start(backend, sample, template_id)
    backend.call(record_answer, voided, "T01", number=99)
    backend.call(void_inspection, voided, "客户选错")
    with pytest.raises(LockedError):
        backend.call(accept_proposal, voided, "T01")
    with pytest.raises(LockedError):
        backend.call(dismiss_proposal, voided, "T01", "复测合格")
    with backend.session() as session:
        assert [f.id for f in session.scalars(select(Finding))] == [accepted]
        assert session.scalars(select(RuleDismissal)).all() == []


def test_unknown_inspection(backend: Backend) -> None:
    with pytest.raises(NotFoundError):
        backend.call(proposals_for, uuid.uuid4())
    with pytest.raises(NotFoundError):
        backend.call(accept_proposal, uuid.uuid4(), "T01")


def test_the_visit_day_is_where_the_inspector_is(backend: Backend, inspection_id: uuid.UUID) -> None:
    with backend.session() as session:
        assert inspection_date(get_inspection(session, inspection_id)) == VISIT_DAY


def test_finalize_waits_until_every_proposal_is_accepted_or_dismissed(
    backend: Backend, sample: Sample, template_id: uuid.UUID
) -> None:
    """A measurement over its limit cannot be sealed unnoticed: the inspector must take the proposed
    finding or dismiss it with a reason."""
    _finished_visit(backend, sample, template_id, "LH100234", STARTED - timedelta(days=100))
    current = _start(backend, sample, template_id)
    backend.call(record_answer, current, "T05", verdict=Verdict.OK, text="LH100235")
    with backend.session() as session:
        answer_every_item(session, current)
    backend.call(record_answer, current, "T05", text="LH100235")
    with pytest.raises(ValidationError, match="T05") as caught:
        backend.call(sign_everyone, current)
        backend.call(finalize_inspection, current)
    assert caught.value.field == "proposals"
    backend.call(dismiss_proposal, current, "T05", "供电公司已现场换封，档案待更新", actor="YJ001")
    backend.call(sign_everyone, current)
    backend.call(finalize_inspection, current)
