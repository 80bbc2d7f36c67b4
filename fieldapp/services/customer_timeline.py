"""One customer's history, as the office reads it before a visit or a meeting: a dated timeline of its
inspections, the findings they raised, each step of those findings' follow-up, the notices issued and the
visits planned; and the hazards that keep coming back.

Entries are plain values with the facts (kinds and statuses as the domain's keys, names and descriptions as
stored): the screens word them in the reader's language, the printed profile in Chinese.

Which findings: those the office follows up (services.stats.followed_up: not withdrawn, of a finalized
inspection that is not void). An inspection under way may still withdraw its findings, and a void one's
were never the customer's; the inspections themselves are all listed, with their status."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import (
    AssignmentStatus,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    NoticeKind,
    NoticeStatus,
    Severity,
)
from fieldapp.domain.finding_lifecycle import UNRESOLVED
from fieldapp.services.customers import get_customer
from fieldapp.services.stats import followed_up
from fieldapp.store.models import (
    Assignment,
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    FindingEvent,
    Inspection,
    InspectionInspector,
    Inspector,
    Notice,
)

# A re-inspection's checklist is built per customer from its open findings (services.reinspection): its
# items name findings, not hazards, so a defect there is the same hazard still present, not a recurrence.
REINSPECTION_SOURCE = "reinspection"


class TimelineKind(StrEnum):
    INSPECTION = "inspection"
    FINDING = "finding"  # raised by an inspection
    FINDING_STEP = "finding_step"  # notified, fix reported, verified, reopened, kept by a re-inspection
    NOTICE = "notice"
    ASSIGNMENT = "assignment"  # a visit the office planned


# Within one day, from the top: the findings' steps, the notices, then each inspection above the findings
# it raised (a heading and its lines), and the visit planned for the day last.
_RANK = {
    TimelineKind.ASSIGNMENT: 0,
    TimelineKind.FINDING: 1,
    TimelineKind.INSPECTION: 2,
    TimelineKind.NOTICE: 3,
    TimelineKind.FINDING_STEP: 4,
}


@dataclass(frozen=True)
class TimelineEntry:
    on: date  # the local day it happened (a visit: the day planned)
    kind: TimelineKind
    ref_id: uuid.UUID  # the inspection, finding, finding step, notice or assignment itself
    inspection_id: uuid.UUID | None  # what a tap opens: the inspection it belongs to
    text: str = ""  # a finding's description, a notice's number, a step's note, a visit's note
    finding_id: uuid.UUID | None = None
    seq: int | None = None  # the finding's number on its notice
    inspection_kind: InspectionKind | None = None  # inspections and planned visits
    inspection_status: InspectionStatus | None = None
    people: tuple[str, ...] = ()  # the inspectors on site; who took a step; the visit's lead inspector
    findings: int = 0  # an inspection's findings (followed up, or live while it is under way)
    serious: int = 0  # of which serious
    severity: Severity | None = None  # a finding's
    finding_status: FindingStatus | None = None  # a finding's status now; the status a step led to
    from_status: FindingStatus | None = None  # the status a step left
    notice_no: str = ""  # the notice a step names
    notice_kind: NoticeKind | None = None
    notice_status: NoticeStatus | None = None
    assignment_status: AssignmentStatus | None = None
    moment: datetime | None = None  # when it was recorded: orders the entries of one day


@dataclass(frozen=True)
class RecurringHazard:
    """The same hazard found by two or more inspections of the customer."""

    description: str  # as the latest inspection worded it
    category: str
    item_code: str  # the checklist item ("" for a finding the checklist does not cover)
    inspections: int  # how many inspections found it
    first_seen: date
    last_seen: date
    still_open: bool  # some occurrence not yet verified fixed
    last_status: FindingStatus  # of the latest occurrence
    severity: Severity  # the most serious of its occurrences
    last_finding_id: uuid.UUID
    last_inspection_id: uuid.UUID


def _sort_key(entry: TimelineEntry) -> tuple[date, int, datetime, int]:
    moment = entry.moment or datetime.combine(entry.on, time.min, tzinfo=UTC)
    # Findings of one inspection read in their own order (1, 2, 3) under it.
    return (entry.on, _RANK[entry.kind], moment, -(entry.seq or 0))


def customer_timeline(session: Session, customer_id: uuid.UUID, *, limit: int = 1000) -> list[TimelineEntry]:
    """Everything dated that happened with the customer, newest first (at most `limit` entries)."""
    customer = get_customer(session, customer_id)
    entries: list[TimelineEntry] = []
    entries += _inspections(session, customer.id)
    entries += _findings(session, customer.id)
    entries += _steps(session, customer.id)
    entries += _notices(session, customer.id)
    entries += _assignments(session, customer.id)
    entries.sort(key=_sort_key, reverse=True)
    return entries[:limit]


def _inspections(session: Session, customer_id: uuid.UUID) -> list[TimelineEntry]:
    inspections = session.scalars(
        select(Inspection).where(Inspection.customer_id == customer_id, Inspection.deleted.is_(False))
    ).all()
    if not inspections:
        return []
    ids = [i.id for i in inspections]
    team: dict[uuid.UUID, list[str]] = defaultdict(list)
    for inspection_id, name in session.execute(
        select(InspectionInspector.inspection_id, Inspector.name)
        .join(Inspector, Inspector.id == InspectionInspector.inspector_id)
        .where(InspectionInspector.inspection_id.in_(ids), InspectionInspector.deleted.is_(False))
        .order_by(InspectionInspector.inspection_id, InspectionInspector.position)
    ):
        team[inspection_id].append(name)
    counts: dict[uuid.UUID, tuple[int, int]] = {}
    for inspection_id, severity, n in session.execute(
        select(Finding.inspection_id, Finding.severity, func.count(Finding.id))
        .where(Finding.inspection_id.in_(ids), Finding.deleted.is_(False))
        .group_by(Finding.inspection_id, Finding.severity)
    ):
        total, serious = counts.get(inspection_id, (0, 0))
        counts[inspection_id] = (total + n, serious + (n if severity is Severity.SERIOUS else 0))
    return [
        TimelineEntry(
            on=local_day(i.started_at),
            kind=TimelineKind.INSPECTION,
            ref_id=i.id,
            inspection_id=i.id,
            inspection_kind=i.kind,
            inspection_status=i.status,
            people=tuple(team[i.id]),
            # A void inspection's findings are not the customer's.
            findings=0 if i.status is InspectionStatus.VOIDED else counts.get(i.id, (0, 0))[0],
            serious=0 if i.status is InspectionStatus.VOIDED else counts.get(i.id, (0, 0))[1],
            moment=i.started_at,
        )
        for i in inspections
    ]


def _findings(session: Session, customer_id: uuid.UUID) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            on=local_day(started_at),
            kind=TimelineKind.FINDING,
            ref_id=f.id,
            inspection_id=f.inspection_id,
            text=f.description,
            finding_id=f.id,
            seq=f.seq,
            severity=f.severity,
            finding_status=f.status,
            moment=started_at,
        )
        for f, started_at in session.execute(
            select(Finding, Inspection.started_at)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .where(Finding.customer_id == customer_id, followed_up())
        )
    ]


def _steps(session: Session, customer_id: uuid.UUID) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            on=e.happened_on,
            kind=TimelineKind.FINDING_STEP,
            ref_id=e.id,
            inspection_id=inspection_id,
            text=e.note,
            finding_id=e.finding_id,
            seq=seq,
            people=(e.by,) if e.by else (),
            finding_status=e.to_status,
            from_status=e.from_status,
            notice_no=e.notice_no,
            moment=e.at,
        )
        for e, inspection_id, seq in session.execute(
            select(FindingEvent, Finding.inspection_id, Finding.seq)
            .join(Finding, Finding.id == FindingEvent.finding_id)
            .where(Finding.customer_id == customer_id, FindingEvent.deleted.is_(False), followed_up())
        )
    ]


def _notices(session: Session, customer_id: uuid.UUID) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            on=local_day(n.issued_at),
            kind=TimelineKind.NOTICE,
            ref_id=n.id,
            inspection_id=n.inspection_id,
            text=n.number,
            notice_no=n.number,
            notice_kind=n.kind,
            notice_status=n.status,
            moment=n.issued_at,
        )
        for n in session.scalars(
            select(Notice)
            .join(Inspection, Inspection.id == Notice.inspection_id)
            .where(
                Inspection.customer_id == customer_id,
                Inspection.deleted.is_(False),
                Notice.deleted.is_(False),
            )
        )
    ]


def _assignments(session: Session, customer_id: uuid.UUID) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            on=a.planned_on,
            kind=TimelineKind.ASSIGNMENT,
            ref_id=a.id,
            inspection_id=a.inspection_id,
            text=a.note,
            inspection_kind=a.kind,
            people=(name,),
            assignment_status=a.status,
        )
        for a, name in session.execute(
            select(Assignment, Inspector.name)
            .join(Inspector, Inspector.id == Assignment.inspector_id)
            .where(Assignment.customer_id == customer_id, Assignment.deleted.is_(False))
        )
    ]


# -- hazards that keep coming back --------------------------------------------------------------------


def _hazard_key(category: str, description: str, template_code: str | None, item_code: str | None) -> str:
    """The same checklist item of the same checklist (its code: a new version of the checklist keeps it), or
    for a finding the checklist does not cover, the same category and wording (spaces aside)."""
    if template_code is not None and item_code is not None:
        return f"item\x1f{template_code}\x1f{item_code}"
    return f"text\x1f{category}\x1f{''.join(description.split())}"


def recurring_hazards(session: Session, customer_id: uuid.UUID) -> list[RecurringHazard]:
    """The hazards found by two or more different inspections of the customer: those still open first, then
    the most often found, then the most recently found."""
    customer = get_customer(session, customer_id)
    rows = session.execute(
        select(
            Finding,
            Inspection.started_at,
            ChecklistItem.code,
            ChecklistTemplate.code,
            ChecklistTemplate.source,
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .outerjoin(ChecklistItem, ChecklistItem.id == Finding.item_id)
        .outerjoin(ChecklistTemplate, ChecklistTemplate.id == ChecklistItem.template_id)
        .where(Finding.customer_id == customer.id, followed_up())
        .order_by(Inspection.started_at, Finding.seq)
    ).all()
    groups: dict[str, list[tuple[Finding, datetime, str]]] = defaultdict(list)
    for finding, started_at, item_code, template_code, source in rows:
        if source == REINSPECTION_SOURCE:
            continue
        key = _hazard_key(finding.category, finding.description, template_code, item_code)
        groups[key].append((finding, started_at, item_code or ""))
    hazards: list[RecurringHazard] = []
    for occurrences in groups.values():
        inspections = {f.inspection_id for f, _, _ in occurrences}
        if len(inspections) < 2:
            continue
        last, last_started, item_code = occurrences[-1]
        hazards.append(
            RecurringHazard(
                description=last.description,
                category=last.category,
                item_code=item_code,
                inspections=len(inspections),
                first_seen=local_day(occurrences[0][1]),
                last_seen=local_day(last_started),
                still_open=any(f.status in UNRESOLVED for f, _, _ in occurrences),
                last_status=last.status,
                severity=(
                    Severity.SERIOUS
                    if any(f.severity is Severity.SERIOUS for f, _, _ in occurrences)
                    else Severity.GENERAL
                ),
                last_finding_id=last.id,
                last_inspection_id=last.inspection_id,
            )
        )
    hazards.sort(key=lambda h: (not h.still_open, -h.inspections, -h.last_seen.toordinal(), h.description))
    return hazards
