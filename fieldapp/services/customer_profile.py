"""One customer as the customer page shows it: details and contacts, the equipment ledger with tests
coming due, past inspections, and the findings still open. Also what starting an inspection there offers:
the checklists (with their versions) and the inspectors."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fieldapp.domain.cycles import add_months
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import (
    EquipmentKind,
    EquipmentStatus,
    FindingStatus,
    ImportanceGrade,
    InspectionKind,
    InspectionStatus,
    MeteringClass,
    Severity,
    Tariff,
    VoltageLevel,
)
from fieldapp.services.customer_timeline import (
    RecurringHazard,
    TimelineEntry,
    customer_timeline,
    recurring_hazards,
)
from fieldapp.services.customers import get_customer
from fieldapp.services.inspection_sheet import InspectionSummary, list_inspections
from fieldapp.services.inspectors import InspectorRow, list_inspectors
from fieldapp.services.stats import OPEN_FINDING_STATUSES
from fieldapp.store.models import ChecklistTemplate, Equipment, Finding, Inspection


@dataclass(frozen=True)
class CustomerDetail:
    customer_id: uuid.UUID
    account_no: str
    name: str
    address: str
    contact_name: str
    contact_phone: str
    industry: str
    supply_voltage: VoltageLevel
    contract_capacity_kva: Decimal
    tariff: Tariff
    importance: ImportanceGrade
    metering_class: MeteringClass
    notes: str


@dataclass(frozen=True)
class EquipmentView:
    equipment_id: uuid.UUID
    kind: EquipmentKind
    model: str
    rating: str
    capacity_kva: Decimal | None
    serial_no: str
    last_test_on: date | None
    next_test_on: date | None  # last test plus the test cycle, when both are known
    status: EquipmentStatus


@dataclass(frozen=True)
class OpenFinding:
    finding_id: uuid.UUID
    inspection_id: uuid.UUID
    found_on: date
    seq: int
    description: str
    severity: Severity
    # The deadline the customer is held to now (Finding.current_deadline: a later notice or a reopening may
    # have moved it), not the one the inspection's notice printed.
    deadline: date | None
    status: FindingStatus


@dataclass(frozen=True)
class CustomerProfile:
    detail: CustomerDetail
    equipment: tuple[EquipmentView, ...]
    inspections: tuple[InspectionSummary, ...]
    open_findings: tuple[OpenFinding, ...]
    timeline: tuple[TimelineEntry, ...] = ()  # newest first (services.customer_timeline)
    recurring: tuple[RecurringHazard, ...] = ()  # hazards found by two or more inspections


@dataclass(frozen=True)
class TemplateChoice:
    template_id: uuid.UUID
    code: str
    version: int
    kind: InspectionKind
    title_zh: str
    title_en: str
    latest: bool  # the newest version of its code: what a new inspection uses unless told otherwise
    for_this_customer: bool  # a re-inspection checklist built for this customer


@dataclass(frozen=True)
class StartOptions:
    templates: tuple[TemplateChoice, ...]
    inspectors: tuple[InspectorRow, ...]


def customer_profile(session: Session, customer_id: uuid.UUID) -> CustomerProfile:
    customer = get_customer(session, customer_id)
    detail = CustomerDetail(
        customer_id=customer.id,
        account_no=customer.account_no,
        name=customer.name,
        address=customer.address,
        contact_name=customer.contact_name,
        contact_phone=customer.contact_phone,
        industry=customer.industry,
        supply_voltage=customer.supply_voltage,
        contract_capacity_kva=customer.contract_capacity_kva,
        tariff=customer.tariff,
        importance=customer.importance,
        metering_class=customer.metering_class,
        notes=customer.notes,
    )
    equipment = tuple(
        EquipmentView(
            equipment_id=e.id,
            kind=e.kind,
            model=e.model,
            rating=e.rating,
            capacity_kva=e.capacity_kva,
            serial_no=e.serial_no,
            last_test_on=e.last_test_on,
            next_test_on=(
                add_months(e.last_test_on, e.test_cycle_months)
                if e.last_test_on and e.test_cycle_months
                else None
            ),
            status=e.status,
        )
        for e in session.scalars(
            select(Equipment)
            .where(Equipment.customer_id == customer.id, Equipment.deleted.is_(False))
            .order_by(Equipment.kind, Equipment.serial_no)
        )
    )
    findings = tuple(
        OpenFinding(
            finding_id=f.id,
            inspection_id=f.inspection_id,
            found_on=local_day(started),
            seq=f.seq,
            description=f.description,
            severity=f.severity,
            deadline=f.current_deadline,
            status=f.status,
        )
        for f, started in session.execute(
            select(Finding, Inspection.started_at)
            .join(Inspection, Finding.inspection_id == Inspection.id)
            .where(
                Finding.customer_id == customer.id,
                Finding.deleted.is_(False),
                Finding.status.in_(OPEN_FINDING_STATUSES),
                Inspection.deleted.is_(False),
                # A void inspection's findings are not the customer's (the wrong customer was chosen, say).
                Inspection.status != InspectionStatus.VOIDED,
            )
            .order_by(
                Finding.current_deadline.is_(None),
                Finding.current_deadline,
                Inspection.started_at,
                Finding.seq,
            )
        )
    )
    return CustomerProfile(
        detail=detail,
        equipment=equipment,
        inspections=tuple(list_inspections(session, customer_id=customer.id, limit=200)),
        open_findings=findings,
        timeline=tuple(customer_timeline(session, customer.id)),
        recurring=tuple(recurring_hazards(session, customer.id)),
    )


def start_options(session: Session, customer_id: uuid.UUID) -> StartOptions:
    """Every checklist version (general ones, and those built for this customer), newest first within a
    code, and the active inspectors."""
    get_customer(session, customer_id)
    rows = session.scalars(
        select(ChecklistTemplate)
        .where(
            ChecklistTemplate.deleted.is_(False),
            or_(
                ChecklistTemplate.for_customer_id.is_(None), ChecklistTemplate.for_customer_id == customer_id
            ),
        )
        .order_by(ChecklistTemplate.code, ChecklistTemplate.version.desc())
    ).all()
    newest: dict[str, int] = {}
    for row in rows:
        newest.setdefault(row.code, row.version)
    templates = tuple(
        TemplateChoice(
            template_id=t.id,
            code=t.code,
            version=t.version,
            kind=t.kind,
            title_zh=t.title_zh,
            title_en=t.title_en,
            latest=newest[t.code] == t.version,
            for_this_customer=t.for_customer_id == customer_id,
        )
        for t in rows
    )
    return StartOptions(templates=templates, inspectors=tuple(list_inspectors(session)))
