"""A customer's history: the dated timeline (inspections, the findings they raised, each follow-up step,
notices, planned visits), newest first; and the hazards that keep coming back, including one that was put
right and came back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import (
    AssignmentStatus,
    FindingStatus,
    InspectionKind,
    InspectionStatus,
    NoticeKind,
    Severity,
)
from fieldapp.domain.errors import NotFoundError
from fieldapp.services.assignments import assign, cancel
from fieldapp.services.backend import Backend
from fieldapp.services.customer_timeline import TimelineKind as K
from fieldapp.services.customer_timeline import customer_timeline, recurring_hazards
from fieldapp.services.finding_lifecycle import notify_finding, report_fix, verify_finding
from fieldapp.services.findings import set_verdict, withdraw_finding
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection, void_inspection
from fieldapp.services.notices import issue_notice

T0 = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 04:00 UTC: the same calendar day from UTC-4 to UTC+14
D0 = local_day(T0)
TODAY = date(2026, 6, 30)
DOOR = "变压器室门口未设挡鼠板"


@dataclass(frozen=True)
class History:
    first: uuid.UUID
    void: uuid.UUID
    second: uuid.UUID
    third: uuid.UUID
    extinguisher_1: uuid.UUID  # A03 in the first inspection: notified, fixed, verified
    extinguisher_2: uuid.UUID  # A03 again in the second: it came back
    notice_no: str
    planned: uuid.UUID
    cancelled: uuid.UUID


def _start(backend: Backend, sample: Sample, days: int, customer: int = 0) -> uuid.UUID:
    return backend.call(
        start_inspection,
        sample.customers[customer],
        sample.template_id,
        sample.inspectors[:2],
        started_at=T0 + timedelta(days=days),
    )


def _finalize(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)


def _answered(backend: Backend, sample: Sample, days: int, customer: int = 0) -> uuid.UUID:
    inspection = _start(backend, sample, days, customer)
    with backend.session() as session:
        answer_every_item(session, inspection)
    return inspection


@pytest.fixture
def history(backend: Backend, sample: Sample, tmp_path: Path) -> History:
    # 2 March: A03 (extinguishers) defective, the door's rodent board missing, and a one-off hazard.
    first = _answered(backend, sample, 0)
    ext_1 = backend.call(set_verdict, first, "A03", "defect").finding_id
    assert ext_1 is not None
    backend.call(add_finding, first, DOOR, category="A")
    backend.call(add_finding, first, "电缆沟盖板缺失", category="A", severity=Severity.SERIOUS)
    _finalize(backend, first)
    issued = backend.call(
        issue_notice, first, None, tmp_path / "n.pdf", backend.paths.photos, issued_at=T0 + timedelta(hours=1)
    )
    # The extinguishers were put right.
    backend.call(
        notify_finding, ext_1, on=D0 + timedelta(3), by="YJ001 王建国", notice_no=issued.number, today=TODAY
    )
    backend.call(report_fix, ext_1, on=D0 + timedelta(8), by="客户 赵经理", text="已更换灭火器", today=TODAY)
    backend.call(verify_finding, ext_1, on=D0 + timedelta(10), by="YJ002 李秀英", today=TODAY)
    # 22 March: the wrong customer chosen; voided with its finding.
    void = _start(backend, sample, 20)
    backend.call(add_finding, void, "误记的隐患")
    backend.call(void_inspection, void, "选错了客户")
    # A visit planned for 30 April, made on 1 May: the extinguishers and the door again.
    planned = backend.call(assign, [sample.customers[0]], sample.inspectors[0], D0 + timedelta(59))[0]
    second = _answered(backend, sample, 60)
    ext_2 = backend.call(set_verdict, second, "A03", "defect").finding_id
    assert ext_2 is not None
    backend.call(add_finding, second, "变压器室门口  未设挡鼠板 ", category="A")  # worded with spaces
    withdrawn = backend.call(add_finding, second, "电缆沟盖板缺失", category="A")
    backend.call(withdraw_finding, withdrawn)
    _finalize(backend, second)
    # 31 May: under way; its finding is not followed up yet.
    third = _answered(backend, sample, 90)
    backend.call(set_verdict, third, "A04", "defect")
    # A seasonal visit planned for 10 June, then called off.
    cancelled = backend.call(
        assign, [sample.customers[0]], sample.inspectors[1], D0 + timedelta(100), kind=InspectionKind.SEASONAL
    )[0]
    backend.call(cancel, cancelled, "客户停产检修")
    # Another customer with the same hazard twice: not this customer's.
    for days in (0, 60):
        other = _answered(backend, sample, days, customer=1)
        backend.call(set_verdict, other, "A03", "defect")
        _finalize(backend, other)
    return History(first, void, second, third, ext_1, ext_2, issued.number, planned, cancelled)


def test_the_timeline_lists_everything_dated_newest_first(
    backend: Backend, sample: Sample, history: History
) -> None:
    timeline = backend.call(customer_timeline, sample.customers[0])
    day = lambda n: D0 + timedelta(n)  # noqa: E731
    assert [(e.on, e.kind, e.inspection_id) for e in timeline] == [
        (day(100), K.ASSIGNMENT, None),
        (day(90), K.INSPECTION, history.third),
        (day(60), K.INSPECTION, history.second),
        (day(60), K.FINDING, history.second),
        (day(60), K.FINDING, history.second),
        (day(59), K.ASSIGNMENT, history.second),
        (day(20), K.INSPECTION, history.void),
        (day(10), K.FINDING_STEP, history.first),
        (day(8), K.FINDING_STEP, history.first),
        (day(3), K.FINDING_STEP, history.first),
        (day(0), K.NOTICE, history.first),
        (day(0), K.INSPECTION, history.first),
        (day(0), K.FINDING, history.first),
        (day(0), K.FINDING, history.first),
        (day(0), K.FINDING, history.first),
    ]
    by_ref = {e.ref_id: e for e in timeline}

    first = by_ref[history.first]
    assert (first.inspection_kind, first.inspection_status) == (
        InspectionKind.PERIODIC,
        InspectionStatus.FINALIZED,
    )
    assert first.people == ("王建国", "李秀英")
    assert (first.findings, first.serious) == (3, 1)
    assert [(e.seq, e.text, e.finding_status) for e in timeline[-3:]] == [
        (1, timeline[-3].text, FindingStatus.VERIFIED),
        (2, DOOR, FindingStatus.OPEN),
        (3, "电缆沟盖板缺失", FindingStatus.OPEN),
    ]
    assert timeline[-3].text.startswith("绝缘垫") and timeline[-3].finding_id == history.extinguisher_1
    assert timeline[-1].severity is Severity.SERIOUS

    # Each step of the extinguishers' follow-up: what it led to, from what, by whom, with which notice.
    steps = [e for e in timeline if e.kind is K.FINDING_STEP]
    assert [(e.from_status, e.finding_status, e.people, e.finding_id) for e in steps] == [
        (FindingStatus.FIX_REPORTED, FindingStatus.VERIFIED, ("YJ002 李秀英",), history.extinguisher_1),
        (FindingStatus.NOTIFIED, FindingStatus.FIX_REPORTED, ("客户 赵经理",), history.extinguisher_1),
        (FindingStatus.OPEN, FindingStatus.NOTIFIED, ("YJ001 王建国",), history.extinguisher_1),
    ]
    assert steps[1].text == "已更换灭火器" and steps[2].notice_no == history.notice_no

    notice = timeline[-5]
    assert (notice.text, notice.notice_kind) == (history.notice_no, NoticeKind.HAZARD)

    # The void inspection counts no findings; the one under way counts its own, not yet followed up.
    assert (by_ref[history.void].inspection_status, by_ref[history.void].findings) == (
        InspectionStatus.VOIDED,
        0,
    )
    assert (by_ref[history.third].inspection_status, by_ref[history.third].findings) == (
        InspectionStatus.IN_PROGRESS,
        1,
    )
    # The withdrawn finding is not there.
    assert (by_ref[history.second].findings, by_ref[history.second].serious) == (2, 0)

    # The visits: one made (linked to its inspection), one called off.
    made, called_off = by_ref[history.planned], by_ref[history.cancelled]
    assert (made.assignment_status, made.people) == (AssignmentStatus.DONE, ("王建国",))
    assert (called_off.assignment_status, called_off.inspection_kind) == (
        AssignmentStatus.CANCELLED,
        InspectionKind.SEASONAL,
    )
    assert "客户停产检修" in called_off.text


def test_the_timeline_can_be_cut_short_and_refuses_an_unknown_customer(
    backend: Backend, sample: Sample, history: History
) -> None:
    assert [e.kind for e in backend.call(customer_timeline, sample.customers[0], limit=2)] == [
        K.ASSIGNMENT,
        K.INSPECTION,
    ]
    assert backend.call(customer_timeline, sample.customers[2]) == []
    with pytest.raises(NotFoundError):
        backend.call(customer_timeline, uuid.uuid4())


def test_hazards_found_again_are_recurring_even_after_a_fix(
    backend: Backend, sample: Sample, history: History
) -> None:
    hazards = backend.call(recurring_hazards, sample.customers[0])
    assert [(h.item_code, h.inspections, h.first_seen, h.last_seen, h.still_open) for h in hazards] == [
        ("", 2, D0, D0 + timedelta(60), True),  # the same words, spaced otherwise
        ("A03", 2, D0, D0 + timedelta(60), True),  # put right in March, back in May
    ]
    door, extinguishers = hazards
    assert (extinguishers.last_finding_id, extinguishers.last_inspection_id) == (
        history.extinguisher_2,
        history.second,
    )
    assert extinguishers.last_status is FindingStatus.OPEN and extinguishers.category == "A"
    assert door.description == "变压器室门口  未设挡鼠板"  # as the latest inspection worded it
    # Found once (the other was withdrawn), in a void inspection, under way, or at another customer: not here.
    assert not {"电缆沟盖板缺失", "误记的隐患"} & {h.description for h in hazards}
    assert backend.call(recurring_hazards, sample.customers[2]) == []


def test_a_recurring_hazard_put_right_again_is_no_longer_open(
    backend: Backend, sample: Sample, history: History
) -> None:
    on = D0 + timedelta(62)
    backend.call(notify_finding, history.extinguisher_2, on=on, by="YJ001 王建国", today=TODAY)
    backend.call(report_fix, history.extinguisher_2, on=on, by="客户 赵经理", text="已更换", today=TODAY)
    backend.call(verify_finding, history.extinguisher_2, on=on, by="YJ002 李秀英", today=TODAY)
    hazards = backend.call(recurring_hazards, sample.customers[0])
    # Still open ones first: the door, then the extinguishers, fixed each time.
    assert [(h.item_code, h.still_open, h.last_status) for h in hazards] == [
        ("", True, FindingStatus.OPEN),
        ("A03", False, FindingStatus.VERIFIED),
    ]
