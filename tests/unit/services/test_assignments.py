"""The office's planned visits on both engines: assigning one or many customers at once (all or none),
moving and cancelling a planned visit, the lists for an inspector and a date range, an inspection started
at the customer linking its assignment and its finalizing marking it done, and the audit trail."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.enums import AssignmentStatus, InspectionKind
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.services.assignments import (
    AssignmentRow,
    assign,
    assignments_between,
    cancel,
    customer_assignments,
    planned_assignments,
    reschedule,
)
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import finalize_inspection, start_inspection
from fieldapp.store.models import Assignment, AuditEvent

MONDAY = date(2026, 6, 1)
OFFICE = "BG01 陈敏"


def assignment(backend: Backend, assignment_id: uuid.UUID) -> Assignment:
    with backend.session() as session:
        row = session.get(Assignment, assignment_id)
        assert row is not None
        session.expunge(row)
        return row


def summary(rows: list[AssignmentRow]) -> list[tuple[str, str, str, str]]:
    return [(r.account_no, r.staff_no, r.planned_on.isoformat(), r.status.value) for r in rows]


def test_many_customers_are_assigned_at_once_and_listed_by_day(backend: Backend, sample: Sample) -> None:
    lead, second, _ = sample.inspectors
    first_ids = backend.call(
        assign, sample.customers[:2], lead, MONDAY + timedelta(days=2), note="带红外测温仪", actor=OFFICE
    )
    (later,) = backend.call(assign, [sample.customers[2]], second, MONDAY)

    assert len(first_ids) == 2
    stored = assignment(backend, first_ids[0])
    assert (stored.status, stored.kind, stored.note) == (
        AssignmentStatus.PLANNED,
        InspectionKind.PERIODIC,
        "带红外测温仪",
    )
    assert stored.revision == 1 and stored.clock  # a synced row, stamped for the tablets
    assert summary(backend.call(planned_assignments)) == [
        ("0531000003", "YJ002", "2026-06-01", "planned"),
        ("0531000001", "YJ001", "2026-06-03", "planned"),
        ("0531000002", "YJ001", "2026-06-03", "planned"),
    ]
    assert [r.id for r in backend.call(planned_assignments, inspector_id=second)] == [later]
    with backend.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "assignment.create").order_by(AuditEvent.at)
        ).all()
    assert len(events) == 3
    assert events[0].actor == OFFICE and events[0].detail["inspector"] == "YJ001"


def test_a_second_planned_visit_of_the_same_kind_refuses_the_whole_batch(
    backend: Backend, sample: Sample
) -> None:
    lead = sample.inspectors[0]
    backend.call(assign, [sample.customers[1]], lead, MONDAY)

    with pytest.raises(ValidationError, match=r"0531000002.*已安排在 2026-06-01"):
        backend.call(assign, sample.customers, lead, MONDAY + timedelta(days=7))

    with backend.session() as session:
        assert session.scalar(select(func.count()).select_from(Assignment)) == 1
    # Another kind of visit to the same customer is a different job.
    backend.call(assign, [sample.customers[1]], lead, MONDAY, kind=InspectionKind.SEASONAL)


@pytest.mark.parametrize(
    ("customers", "inspector", "message"),
    [
        ([], 0, "choose at least one customer"),
        ([0, 0], 0, "chosen twice"),
        ([0], None, "no active inspector"),
    ],
)
def test_bad_requests_are_refused_naming_what_is_wrong(
    backend: Backend, sample: Sample, customers: list[int], inspector: int | None, message: str
) -> None:
    inspector_id = sample.inspectors[inspector] if inspector is not None else uuid.uuid4()
    with pytest.raises(ValidationError, match=message):
        backend.call(assign, [sample.customers[n] for n in customers], inspector_id, MONDAY)


def test_an_unknown_customer_is_named(backend: Backend, sample: Sample) -> None:
    stranger = uuid.uuid4()
    with pytest.raises(NotFoundError, match=str(stranger)):
        backend.call(assign, [sample.customers[0], stranger], sample.inspectors[0], MONDAY)
    assert backend.call(planned_assignments) == []


def test_a_planned_visit_moves_to_another_day_and_inspector(backend: Backend, sample: Sample) -> None:
    (assignment_id,) = backend.call(assign, [sample.customers[0]], sample.inspectors[0], MONDAY)

    backend.call(
        reschedule, assignment_id, MONDAY + timedelta(days=9), inspector_id=sample.inspectors[2], actor=OFFICE
    )

    moved = assignment(backend, assignment_id)
    assert (moved.planned_on, moved.inspector_id, moved.revision) == (
        MONDAY + timedelta(days=9),
        sample.inspectors[2],
        2,
    )
    with backend.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "assignment.reschedule")).one()
    assert event.detail["before"]["planned_on"] == "2026-06-01"
    assert event.detail["after"]["planned_on"] == "2026-06-10"


def test_cancelling_needs_a_reason_and_closes_the_visit(backend: Backend, sample: Sample) -> None:
    (assignment_id,) = backend.call(assign, [sample.customers[0]], sample.inspectors[0], MONDAY, note="上午")

    with pytest.raises(ValidationError, match="reason"):
        backend.call(cancel, assignment_id, "  ")
    backend.call(cancel, assignment_id, "客户停产检修", actor=OFFICE)

    cancelled = assignment(backend, assignment_id)
    assert cancelled.status is AssignmentStatus.CANCELLED
    assert cancelled.note == "上午\n取消：客户停产检修"
    assert backend.call(planned_assignments) == []
    with pytest.raises(LockedError):
        backend.call(reschedule, assignment_id, MONDAY + timedelta(days=1))
    with pytest.raises(LockedError):
        backend.call(cancel, assignment_id, "again")
    # The customer may be planned again.
    backend.call(assign, [sample.customers[0]], sample.inspectors[1], MONDAY + timedelta(days=3))


def test_a_date_range_lists_every_status_or_the_chosen_ones(backend: Backend, sample: Sample) -> None:
    lead = sample.inspectors[0]
    early, mid = backend.call(assign, sample.customers[:2], lead, MONDAY)
    (late,) = backend.call(assign, [sample.customers[2]], lead, MONDAY + timedelta(days=20))
    backend.call(cancel, mid, "改期")

    week = backend.call(assignments_between, MONDAY, MONDAY + timedelta(days=6))
    assert [r.id for r in week] == [early, mid]
    planned_only = backend.call(
        assignments_between, MONDAY, MONDAY + timedelta(days=30), statuses=[AssignmentStatus.PLANNED]
    )
    assert [r.id for r in planned_only] == [early, late]
    assert backend.call(assignments_between, MONDAY, MONDAY, inspector_id=sample.inspectors[1]) == []
    with pytest.raises(ValidationError, match="before it starts"):
        backend.call(assignments_between, MONDAY, MONDAY - timedelta(days=1))


def test_overdue_means_planned_and_past_its_day(backend: Backend, sample: Sample) -> None:
    backend.call(assign, [sample.customers[0]], sample.inspectors[0], MONDAY)
    (row,) = backend.call(planned_assignments)
    assert not row.overdue(MONDAY)
    assert row.overdue(MONDAY + timedelta(days=1))


def test_starting_links_and_finalizing_completes_the_assignment(backend: Backend, sample: Sample) -> None:
    (assignment_id,) = backend.call(assign, [sample.customers[0]], sample.inspectors[0], MONDAY)
    (seasonal_id,) = backend.call(
        assign, [sample.customers[0]], sample.inspectors[0], MONDAY, kind=InspectionKind.SEASONAL
    )
    started = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
    with backend.session() as session:
        inspection_id = start_inspection(
            session, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=started
        )
    linked = assignment(backend, assignment_id)
    assert (linked.inspection_id, linked.status) == (inspection_id, AssignmentStatus.PLANNED)
    assert assignment(backend, seasonal_id).inspection_id is None  # another kind of visit

    with backend.session() as session:
        answer_every_item(session, inspection_id)
        sign_everyone(session, inspection_id)
        finalize_inspection(session, inspection_id, actor="YJ001")

    done = assignment(backend, assignment_id)
    assert (done.status, done.inspection_id) == (AssignmentStatus.DONE, inspection_id)
    assert assignment(backend, seasonal_id).status is AssignmentStatus.PLANNED
    statuses = {r.kind: r.status for r in backend.call(customer_assignments, sample.customers[0])}
    assert statuses == {
        InspectionKind.PERIODIC: AssignmentStatus.DONE,
        InspectionKind.SEASONAL: AssignmentStatus.PLANNED,
    }
    with backend.session() as session:
        done_by = session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "assignment.done")
        ).one()
    assert done_by == "YJ001"


def test_an_inspection_started_before_the_assignment_arrived_still_completes_it(
    backend: Backend, sample: Sample
) -> None:
    with backend.session() as session:
        inspection_id = start_inspection(
            session, sample.customers[1], sample.template_id, sample.inspectors[:2]
        )
        answer_every_item(session, inspection_id)
        sign_everyone(session, inspection_id)
    (assignment_id,) = backend.call(assign, [sample.customers[1]], sample.inspectors[0], MONDAY)

    backend.call(finalize_inspection, inspection_id)

    done = assignment(backend, assignment_id)
    assert (done.status, done.inspection_id) == (AssignmentStatus.DONE, inspection_id)
