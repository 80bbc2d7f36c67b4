"""Assignments: the visits the office plans. The office gives customers that are due (services.schedule)
to a lead inspector for a day, one or many at once, and may move or cancel a planned visit. Assignments are
a synced table, so they reach the tablets with the next exchange, where Today lists them.

An inspection started at an assigned customer (of the assignment's kind) is linked to the oldest planned
assignment there, and finalizing it marks that assignment done; both happen inside the inspection's own
use case (services.inspections), so a visit cannot be made without its assignment following."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.domain.enums import AssignmentStatus, InspectionKind, coerce_enum
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.store.models import Assignment, Customer, Inspection, Inspector

NOTE_LIMIT = 500


@dataclass(frozen=True)
class AssignmentRow:
    id: uuid.UUID
    customer_id: uuid.UUID
    account_no: str
    customer_name: str
    address: str
    inspector_id: uuid.UUID
    inspector_name: str
    staff_no: str
    planned_on: date
    kind: InspectionKind
    note: str
    status: AssignmentStatus
    inspection_id: uuid.UUID | None

    def overdue(self, today: date) -> bool:
        """A planned visit whose day has passed without an inspection."""
        return self.status is AssignmentStatus.PLANNED and self.planned_on < today


def _inspector(session: Session, inspector_id: uuid.UUID) -> Inspector:
    inspector = session.get(Inspector, inspector_id)
    if inspector is None or inspector.deleted or not inspector.active:
        raise ValidationError(
            f"检查人员不存在或已停用 (no active inspector {inspector_id})", field="inspector"
        )
    return inspector


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError(
            f"备注过长：{len(note)} 字，最多 {NOTE_LIMIT} 字 (note: at most {NOTE_LIMIT} characters)",
            field="note",
        )
    return note


def _planned(session: Session, assignment_id: uuid.UUID) -> Assignment:
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or assignment.deleted:
        raise NotFoundError(f"检查任务不存在 (no assignment {assignment_id})")
    if assignment.status is not AssignmentStatus.PLANNED:
        customer = session.get(Customer, assignment.customer_id)
        who = f"{customer.account_no} {customer.name} 的" if customer is not None else ""
        raise LockedError(
            f"{who}检查任务已{'完成' if assignment.status is AssignmentStatus.DONE else '取消'}，不能再改 "
            f"(the assignment is {assignment.status.value})"
        )
    return assignment


def assign(
    session: Session,
    customer_ids: Sequence[uuid.UUID],
    inspector_id: uuid.UUID,
    planned_on: date,
    *,
    kind: InspectionKind = InspectionKind.PERIODIC,
    note: str = "",
    actor: str = "",
) -> list[uuid.UUID]:
    """Plan a visit to each customer on `planned_on`, led by the inspector. All or none: a customer that
    does not exist or already has a planned visit of this kind refuses the whole batch, naming it."""
    require(session, Permission.ASSIGNMENTS)
    if not customer_ids:
        raise ValidationError("请选择要安排的客户 (choose at least one customer)", field="customers")
    if len(set(customer_ids)) != len(customer_ids):
        raise ValidationError("同一客户选了两次 (a customer is chosen twice)", field="customers")
    kind = coerce_enum(InspectionKind, kind, "kind")
    inspector = _inspector(session, inspector_id)
    note = _note(note)
    customers = {
        c.id: c for c in session.scalars(select(Customer).where(Customer.id.in_(list(customer_ids))))
    }
    already = {
        row.customer_id: row
        for row in session.scalars(
            select(Assignment).where(
                Assignment.customer_id.in_(list(customer_ids)),
                Assignment.status == AssignmentStatus.PLANNED,
                Assignment.kind == kind,
                Assignment.deleted.is_(False),
            )
        )
    }
    ids: list[uuid.UUID] = []
    for customer_id in customer_ids:
        customer = customers.get(customer_id)
        if customer is None or customer.deleted:
            raise NotFoundError(f"客户不存在 (no customer {customer_id})")
        if customer_id in already:
            raise ValidationError(
                f"客户 {customer.account_no} {customer.name} 已安排在 "
                f"{already[customer_id].planned_on.isoformat()} 检查 "
                f"(customer {customer.account_no} already has a planned visit)",
                field="customers",
            )
        assignment = Assignment(
            customer_id=customer_id, inspector_id=inspector.id, planned_on=planned_on, kind=kind, note=note
        )
        session.add(assignment)
        session.flush()
        record_event(
            session,
            "assignment.create",
            "assignment",
            assignment.id,
            actor=actor,
            detail={
                "customer": customer.account_no,
                "inspector": inspector.staff_no,
                "planned_on": planned_on.isoformat(),
                "kind": kind.value,
            },
        )
        ids.append(assignment.id)
    return ids


def reschedule(
    session: Session,
    assignment_id: uuid.UUID,
    planned_on: date,
    *,
    inspector_id: uuid.UUID | None = None,
    actor: str = "",
) -> None:
    """Move a planned visit to another day, and to another lead inspector if one is given."""
    require(session, Permission.ASSIGNMENTS)
    assignment = _planned(session, assignment_id)
    # The inspector is looked up before any change: a query in between would flush (and count) a half edit.
    lead = _inspector(session, inspector_id).id if inspector_id is not None else assignment.inspector_id
    before = {"planned_on": assignment.planned_on.isoformat(), "inspector_id": str(assignment.inspector_id)}
    assignment.planned_on = planned_on
    assignment.inspector_id = lead
    after = {"planned_on": planned_on.isoformat(), "inspector_id": str(assignment.inspector_id)}
    if before != after:
        record_event(
            session,
            "assignment.reschedule",
            "assignment",
            assignment.id,
            actor=actor,
            detail={"before": before, "after": after},
        )


def _refuse_settled(session: Session, assignment_ids: Sequence[uuid.UUID], verb: str) -> None:
    """Refuse a bulk action when any of the visits is no longer planned, naming every such customer."""
    found = _rows(session, Assignment.id.in_(list(assignment_ids)))
    if len(found) != len(assignment_ids):
        raise NotFoundError("有检查任务不存在或已删除 (a chosen visit no longer exists)")
    refused = [
        f"{row.account_no} {row.customer_name}" for row in found if row.status is not AssignmentStatus.PLANNED
    ]
    if refused:
        raise LockedError(
            f"以下检查任务已完成或已取消，不能再改：{'、'.join(refused)} "
            f"({len(refused)} done or cancelled visit(s) cannot be {verb})"
        )


def reschedule_many(
    session: Session,
    assignment_ids: Sequence[uuid.UUID],
    planned_on: date,
    *,
    inspector_id: uuid.UUID | None = None,
    actor: str = "",
) -> int:
    """The office's bulk move: several planned visits to one day (and lead inspector, if given), all or
    nothing. A visit that is done or cancelled refuses the whole move, naming the customer; the number of
    visits moved is returned."""
    require(session, Permission.ASSIGNMENTS)
    unique = list(dict.fromkeys(assignment_ids))
    if not unique:
        raise ValidationError("请先选择检查任务 (choose the visits first)", field="assignments")
    lead = _inspector(session, inspector_id).id if inspector_id is not None else None
    _refuse_settled(session, unique, "moved")
    for assignment_id in unique:
        reschedule(session, assignment_id, planned_on, inspector_id=lead, actor=actor)
    return len(unique)


def cancel(session: Session, assignment_id: uuid.UUID, reason: str, *, actor: str = "") -> None:
    """Call off a planned visit, with the reason (kept in the note and the audit trail)."""
    require(session, Permission.ASSIGNMENTS)
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写取消原因 (give a reason for cancelling)", field="reason")
    assignment = _planned(session, assignment_id)
    assignment.status = AssignmentStatus.CANCELLED
    assignment.note = _note(f"{assignment.note}\n取消：{reason}" if assignment.note else f"取消：{reason}")
    record_event(
        session, "assignment.cancel", "assignment", assignment.id, actor=actor, detail={"reason": reason}
    )


def cancel_many(
    session: Session, assignment_ids: Sequence[uuid.UUID], reason: str, *, actor: str = ""
) -> int:
    """The office's bulk cancel: several planned visits called off for one reason, all or nothing."""
    require(session, Permission.ASSIGNMENTS)
    unique = list(dict.fromkeys(assignment_ids))
    if not unique:
        raise ValidationError("请先选择检查任务 (choose the visits first)", field="assignments")
    if not reason.strip():
        raise ValidationError("请填写取消原因 (give a reason for cancelling)", field="reason")
    _refuse_settled(session, unique, "cancelled")
    for assignment_id in unique:
        cancel(session, assignment_id, reason, actor=actor)
    return len(unique)


def _rows(session: Session, *conditions: object) -> list[AssignmentRow]:
    query = (
        select(Assignment, Customer, Inspector)
        .join(Customer, Customer.id == Assignment.customer_id)
        .join(Inspector, Inspector.id == Assignment.inspector_id)
        .where(Assignment.deleted.is_(False), *conditions)  # type: ignore[arg-type]
        .order_by(Assignment.planned_on, Customer.account_no, Assignment.id)
    )
    return [
        AssignmentRow(
            id=a.id,
            customer_id=c.id,
            account_no=c.account_no,
            customer_name=c.name,
            address=c.address,
            inspector_id=i.id,
            inspector_name=i.name,
            staff_no=i.staff_no,
            planned_on=a.planned_on,
            kind=a.kind,
            note=a.note,
            status=a.status,
            inspection_id=a.inspection_id,
        )
        for a, c, i in session.execute(query)
    ]


def planned_assignments(session: Session, *, inspector_id: uuid.UUID | None = None) -> list[AssignmentRow]:
    """The visits still to make (all, or one lead inspector's), the earliest day first: Today's list."""
    conditions: list[object] = [Assignment.status == AssignmentStatus.PLANNED]
    if inspector_id is not None:
        conditions.append(Assignment.inspector_id == inspector_id)
    return _rows(session, *conditions)


def assignments_between(
    session: Session,
    first: date,
    last: date,
    *,
    inspector_id: uuid.UUID | None = None,
    statuses: Sequence[AssignmentStatus] = tuple(AssignmentStatus),
) -> list[AssignmentRow]:
    """The visits planned from `first` to `last` (both included), by day."""
    if last < first:
        raise ValidationError(
            f"结束日期早于开始日期 (the range ends {last} before it starts {first})", field="range"
        )
    conditions: list[object] = [
        Assignment.planned_on >= first,
        Assignment.planned_on <= last,
        Assignment.status.in_(list(statuses)),
    ]
    if inspector_id is not None:
        conditions.append(Assignment.inspector_id == inspector_id)
    return _rows(session, *conditions)


def plan_rows(
    session: Session,
    first: date,
    last: date,
    *,
    today: date,
    inspector_id: uuid.UUID | None = None,
    statuses: Sequence[AssignmentStatus] = tuple(AssignmentStatus),
) -> list[AssignmentRow]:
    """The office's plan: the visits planned from `first` to `last`, and, whenever planned visits are
    asked for, those still planned whose day passed before `first` too: overdue work is never out of view
    for a date range chosen too late."""
    rows = assignments_between(session, first, last, inspector_id=inspector_id, statuses=statuses)
    if AssignmentStatus.PLANNED not in statuses:
        return rows
    conditions: list[object] = [
        Assignment.status == AssignmentStatus.PLANNED,
        Assignment.planned_on < min(first, today),
    ]
    if inspector_id is not None:
        conditions.append(Assignment.inspector_id == inspector_id)
    return _rows(session, *conditions) + rows


def customer_assignments(session: Session, customer_id: uuid.UUID) -> list[AssignmentRow]:
    """Every visit planned for one customer, by day: its profile and its page."""
    return _rows(session, Assignment.customer_id == customer_id)


def link_started_inspection(session: Session, inspection: Inspection) -> uuid.UUID | None:
    """Tie a just-started inspection to the customer's oldest planned, not yet started assignment of the
    same kind, if there is one. Called by services.inspections.start_inspection."""
    assignment = session.scalars(
        select(Assignment)
        .where(
            Assignment.customer_id == inspection.customer_id,
            Assignment.kind == inspection.kind,
            Assignment.status == AssignmentStatus.PLANNED,
            Assignment.inspection_id.is_(None),
            Assignment.deleted.is_(False),
        )
        .order_by(Assignment.planned_on, Assignment.id)
        .limit(1)
    ).first()
    if assignment is None:
        return None
    assignment.inspection_id = inspection.id
    return assignment.id


def complete_for_inspection(session: Session, inspection: Inspection, *, actor: str = "") -> uuid.UUID | None:
    """Mark done the assignment a finalized inspection was started from; failing that (the inspection was
    started on a tablet before the assignment arrived), the customer's oldest planned assignment of the
    same kind. Called by services.inspections.finalize_inspection, in its transaction."""
    assignment = session.scalars(
        select(Assignment)
        .where(
            Assignment.inspection_id == inspection.id,
            Assignment.status == AssignmentStatus.PLANNED,
            Assignment.deleted.is_(False),
        )
        .limit(1)
    ).first()
    if assignment is None:
        assignment = session.scalars(
            select(Assignment)
            .where(
                Assignment.customer_id == inspection.customer_id,
                Assignment.kind == inspection.kind,
                Assignment.status == AssignmentStatus.PLANNED,
                Assignment.inspection_id.is_(None),
                Assignment.deleted.is_(False),
            )
            .order_by(Assignment.planned_on, Assignment.id)
            .limit(1)
        ).first()
    if assignment is None:
        return None
    assignment.status = AssignmentStatus.DONE
    assignment.inspection_id = inspection.id
    record_event(
        session,
        "assignment.done",
        "assignment",
        assignment.id,
        actor=actor,
        detail={"inspection": str(inspection.id)},
    )
    return assignment.id
