"""The office's plan on both engines: moving several visits at once to a day and/or another inspector,
cancelling several for one reason, both all or nothing and refused for a visit already done or cancelled;
the plan's list keeping overdue planned visits in view; and "this tablet's inspector", the local setting
Today puts first."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.enums import AssignmentStatus
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.services.assignments import (
    AssignmentRow,
    assign,
    cancel,
    cancel_many,
    plan_rows,
    reschedule,
    reschedule_many,
)
from fieldapp.services.backend import Backend
from fieldapp.services.device_inspector import current_inspector, current_inspector_id, set_device_inspector
from fieldapp.services.settings_store import get_setting
from fieldapp.store.models import Assignment, AuditEvent, Inspector

MONDAY = date(2026, 6, 1)
OFFICE = "BG01 陈敏"


def stored(backend: Backend, ids: list[uuid.UUID]) -> list[tuple[date, uuid.UUID, AssignmentStatus, str]]:
    with backend.session() as session:
        rows = [session.get(Assignment, i) for i in ids]
        return [(r.planned_on, r.inspector_id, r.status, r.note) for r in rows if r is not None]


def three_planned(backend: Backend, sample: Sample) -> list[uuid.UUID]:
    return [
        backend.call(assign, [customer], sample.inspectors[0], MONDAY + timedelta(days=n))[0]
        for n, customer in enumerate(sample.customers)
    ]


def test_one_visit_moves_to_another_inspector_keeping_its_day(backend: Backend, sample: Sample) -> None:
    (visit,) = backend.call(assign, [sample.customers[0]], sample.inspectors[0], MONDAY)
    backend.call(reschedule, visit, MONDAY, inspector_id=sample.inspectors[1], actor=OFFICE)
    assert stored(backend, [visit]) == [(MONDAY, sample.inspectors[1], AssignmentStatus.PLANNED, "")]


def test_several_visits_move_to_one_day_and_inspector_at_once(backend: Backend, sample: Sample) -> None:
    ids = three_planned(backend, sample)
    friday = MONDAY + timedelta(days=4)
    assert (
        backend.call(reschedule_many, ids[:2], friday, inspector_id=sample.inspectors[2], actor=OFFICE) == 2
    )
    assert stored(backend, ids) == [
        (friday, sample.inspectors[2], AssignmentStatus.PLANNED, ""),
        (friday, sample.inspectors[2], AssignmentStatus.PLANNED, ""),
        (MONDAY + timedelta(days=2), sample.inspectors[0], AssignmentStatus.PLANNED, ""),
    ]
    # Without an inspector each keeps its own.
    backend.call(reschedule_many, [ids[0], ids[2]], MONDAY)
    assert [(day, lead) for day, lead, _s, _n in stored(backend, ids)] == [
        (MONDAY, sample.inspectors[2]),
        (friday, sample.inspectors[2]),
        (MONDAY, sample.inspectors[0]),
    ]
    with backend.session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "assignment.reschedule")).all()
    assert len(events) == 4 and {e.actor for e in events} == {OFFICE, ""}


@pytest.mark.parametrize("settle", ["done", "cancelled"])
def test_a_done_or_cancelled_visit_refuses_the_whole_move_naming_the_customer(
    backend: Backend, sample: Sample, settle: str
) -> None:
    ids = three_planned(backend, sample)
    if settle == "cancelled":
        backend.call(cancel, ids[1], "客户停产")
    else:
        with backend.session() as session:
            row = session.get(Assignment, ids[1])
            assert row is not None
            row.status = AssignmentStatus.DONE
    before = stored(backend, ids)
    with pytest.raises(LockedError, match="0531000002") as refused:
        backend.call(reschedule_many, ids, MONDAY + timedelta(days=7), inspector_id=sample.inspectors[1])
    assert "不能再改" in str(refused.value)
    with pytest.raises(LockedError, match="0531000002"):
        backend.call(cancel_many, ids, "天气原因")
    with pytest.raises(LockedError, match="不能再改"):
        backend.call(reschedule, ids[1], MONDAY + timedelta(days=7))
    assert stored(backend, ids) == before  # nothing moved, nothing cancelled


def test_several_visits_are_cancelled_for_one_required_reason(backend: Backend, sample: Sample) -> None:
    ids = three_planned(backend, sample)
    for reason in ("", "   "):
        with pytest.raises(ValidationError, match="取消原因"):
            backend.call(cancel_many, ids[:2], reason)
    with pytest.raises(ValidationError, match="选择"):
        backend.call(cancel_many, [], "天气原因")
    with pytest.raises(NotFoundError):
        backend.call(cancel_many, [ids[0], uuid.uuid4()], "天气原因")
    assert backend.call(cancel_many, ids[:2], "  暴雨停工  ", actor=OFFICE) == 2
    assert [(s, n) for _d, _i, s, n in stored(backend, ids)] == [
        (AssignmentStatus.CANCELLED, "取消：暴雨停工"),
        (AssignmentStatus.CANCELLED, "取消：暴雨停工"),
        (AssignmentStatus.PLANNED, ""),
    ]


def test_moving_to_an_inactive_inspector_is_refused(backend: Backend, sample: Sample) -> None:
    ids = three_planned(backend, sample)
    with backend.session() as session:
        inspector = session.get(Inspector, sample.inspectors[2])
        assert inspector is not None
        inspector.active = False
    with pytest.raises(ValidationError, match="停用"):
        backend.call(reschedule_many, ids, MONDAY, inspector_id=sample.inspectors[2])
    assert {lead for _d, lead, _s, _n in stored(backend, ids)} == {sample.inspectors[0]}


def keys(rows: list[AssignmentRow]) -> list[tuple[str, date]]:
    return [(r.account_no, r.planned_on) for r in rows]


def test_the_plan_keeps_overdue_planned_visits_in_view(backend: Backend, sample: Sample) -> None:
    lead, second, _ = sample.inspectors
    today = MONDAY + timedelta(days=10)
    late, done_late, soon = (
        backend.call(assign, [sample.customers[0]], lead, MONDAY)[0],
        backend.call(assign, [sample.customers[1]], second, MONDAY)[0],
        backend.call(assign, [sample.customers[2]], second, today + timedelta(days=1))[0],
    )
    backend.call(cancel, done_late, "改期")
    week = (today, today + timedelta(days=6))
    everything = backend.call(plan_rows, *week, today=today)
    assert keys(everything) == [("0531000001", MONDAY), ("0531000003", today + timedelta(days=1))]
    assert everything[0].id == late and everything[0].overdue(today)
    # Only the cancelled: the overdue one is not, and the cancelled one is outside the range.
    assert backend.call(plan_rows, *week, today=today, statuses=[AssignmentStatus.CANCELLED]) == []
    assert [r.id for r in backend.call(plan_rows, *week, today=today, inspector_id=second)] == [soon]
    with pytest.raises(ValidationError, match="结束日期"):
        backend.call(plan_rows, today, MONDAY, today=today)


def test_a_signed_in_inspector_is_the_one_working_here_whatever_the_setting(
    backend: Backend, sample: Sample
) -> None:
    from fieldapp.domain.enums import Role
    from fieldapp.services.access import Actor

    backend.call(set_device_inspector, sample.inspectors[1])
    backend.actor = Actor(uuid.uuid4(), "王建国", Role.INSPECTOR, sample.inspectors[0])
    try:
        assert backend.call(current_inspector_id) == sample.inspectors[0]
        # A user who is no inspector (the office): the tablet's choice stands.
        backend.actor = Actor(uuid.uuid4(), "陈敏", Role.OFFICE)
        assert backend.call(current_inspector_id) == sample.inspectors[1]
    finally:
        backend.actor = None


def test_this_tablets_inspector_is_a_local_choice_among_active_inspectors(
    backend: Backend, sample: Sample
) -> None:
    assert backend.call(current_inspector_id) is None and backend.call(current_inspector) is None
    backend.call(set_device_inspector, sample.inspectors[1])
    assert backend.call(current_inspector_id) == sample.inspectors[1]
    me = backend.call(current_inspector)
    assert me is not None and (me.name, me.staff_no) == ("李秀英", "YJ002")
    with pytest.raises(ValidationError, match="停用"):
        backend.call(set_device_inspector, uuid.uuid4())
    assert backend.call(get_setting, "device.inspector") == str(sample.inspectors[1])
    # Deactivated since (by a sync, say): the tablet has no inspector, as if none had been chosen.
    with backend.session() as session:
        inspector = session.get(Inspector, sample.inspectors[1])
        assert inspector is not None
        inspector.active = False
    assert backend.call(current_inspector_id) is None
    backend.call(set_device_inspector, None)
    assert backend.call(get_setting, "device.inspector") == ""
