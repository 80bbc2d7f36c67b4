"""The follow-up of findings after the inspection: every step of the lifecycle, the ones that must be
refused (closing without verification, a deadline already past when notifying, reopening without a reason,
steps on a withdrawn finding or an unfinished or void inspection), the history each step leaves, the
customer's evidence files, the office's bulk steps (all or nothing) and what a re-inspection's verdicts do.
On both engines."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from photo_samples import camera_jpeg, upright_pattern
from sqlalchemy import select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingStatus, InspectionStatus, NoticeKind, NoticeStatus, Verdict
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.finding_lifecycle import BulkRefusedError
from fieldapp.photos.evidence import evidence_path
from fieldapp.services.backend import Backend
from fieldapp.services.finding_lifecycle import (
    Step,
    evidence_file,
    finding_detail,
    finding_history,
    notify_finding,
    reopen_finding,
    report_fix,
    take_step,
    take_step_for_all,
    verify_finding,
)
from fieldapp.services.findings import set_verdict, update_finding, withdraw_finding
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    start_inspection,
    verify_inspection_seal,
    void_inspection,
)
from fieldapp.services.photos import add_photo
from fieldapp.services.reinspection import build_reinspection_checklist
from fieldapp.store.models import AuditEvent, Finding, FindingEvent, FindingEvidence, Notice

S = FindingStatus
STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)  # the same calendar day from UTC-4 to UTC+14
DAY = local_day(STARTED)
DEADLINE = DAY + timedelta(days=15)
TODAY = DAY + timedelta(days=10)
OFFICE = "BG01 陈敏"


@dataclass(frozen=True)
class Visit:
    inspection_id: uuid.UUID
    findings: list[uuid.UUID]


def finalized_visit(
    backend: Backend, sample: Sample, *, customer: int = 0, count: int = 3, deadline: date | None = DEADLINE
) -> Visit:
    with backend.session() as session:
        inspection_id = start_inspection(
            session, sample.customers[customer], sample.template_id, sample.inspectors[:2], started_at=STARTED
        )
        answer_every_item(session, inspection_id)
        findings = [
            add_finding(session, inspection_id, f"隐患{n}", requirement=f"整改{n}", deadline=deadline)
            for n in range(count)
        ]
        sign_everyone(session, inspection_id)
        finalize_inspection(session, inspection_id, finalized_at=STARTED + timedelta(hours=3))
    return Visit(inspection_id, findings)


@pytest.fixture
def visit(backend: Backend, sample: Sample) -> Visit:
    return finalized_visit(backend, sample)


def status(backend: Backend, finding_id: uuid.UUID) -> FindingStatus:
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        return finding.status


def notified(backend: Backend, finding_id: uuid.UUID, on: date = DAY + timedelta(days=1)) -> None:
    backend.call(notify_finding, finding_id, on=on, by=OFFICE, today=TODAY)


def fix_reported(backend: Backend, finding_id: uuid.UUID, on: date = DAY + timedelta(days=5)) -> None:
    notified(backend, finding_id)
    backend.call(report_fix, finding_id, on=on, by="客户 赵经理", text="已加装挡鼠板", today=TODAY)


def pdf_file(tmp_path: Path, name: str = "整改报告.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return path


def png_file(tmp_path: Path, name: str = "after.png") -> Path:
    path = tmp_path / name
    upright_pattern(60, 40).save(path, "PNG")
    return path


# --- open -> notified ---------------------------------------------------------------------------------------


def test_notifying_records_the_day_the_person_and_the_notice(backend: Backend, visit: Visit) -> None:
    finding_id = visit.findings[0]
    with backend.session() as session:
        session.add(
            Notice(
                inspection_id=visit.inspection_id,
                kind=NoticeKind.HAZARD,
                number="YDJC-2026-T01-0001",
                status=NoticeStatus.ISSUED,
            )
        )
    event = backend.call(
        notify_finding,
        finding_id,
        on=DAY,
        by=OFFICE,
        notice_no="YDJC-2026-T01-0001",
        note="现场交客户代表签收",
        today=TODAY,
        actor="BG01",
    )
    assert (event.from_status, event.to_status, event.on, event.by) == (S.OPEN, S.NOTIFIED, DAY, OFFICE)
    assert event.notice_no == "YDJC-2026-T01-0001" and event.note == "现场交客户代表签收"
    assert event.deadline_before is None and event.deadline_after is None  # the deadline did not change
    detail = backend.call(finding_detail, finding_id, today=TODAY)
    assert detail.status is S.NOTIFIED
    assert detail.allowed == (S.FIX_REPORTED,)
    assert [e.to_status for e in detail.events] == [S.NOTIFIED]
    with backend.session() as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "finding.notify")).one()
        assert (audit.entity_id, audit.actor) == (str(finding_id), "BG01")
        assert audit.detail["notice"] == "YDJC-2026-T01-0001"
        finding = session.get(Finding, finding_id)
        assert finding is not None and finding.status_changed_at == event.at


def test_a_notice_of_another_customer_or_none_at_all_is_refused(
    backend: Backend, sample: Sample, visit: Visit
) -> None:
    other = finalized_visit(backend, sample, customer=1, count=1)
    with backend.session() as session:
        session.add(
            Notice(
                inspection_id=other.inspection_id, kind=NoticeKind.HAZARD, number="N-OTHER", status="issued"
            )
        )
        session.add(
            Notice(
                inspection_id=visit.inspection_id, kind=NoticeKind.HAZARD, number="N-VOID", status="voided"
            )
        )
    for number, message in (("N-NONE", "没有编号为"), ("N-OTHER", "其他客户"), ("N-VOID", "已作废")):
        with pytest.raises(ValidationError, match=message) as caught:
            backend.call(notify_finding, visit.findings[0], on=DAY, by=OFFICE, notice_no=number, today=TODAY)
        assert caught.value.field == "notice_no"
    assert status(backend, visit.findings[0]) is S.OPEN


def test_a_deadline_already_past_when_notifying_is_refused_until_a_new_one_is_given(
    backend: Backend, visit: Visit
) -> None:
    finding_id = visit.findings[0]
    late = DEADLINE + timedelta(days=2)
    with pytest.raises(ValidationError, match="请设定新的整改期限") as caught:
        backend.call(notify_finding, finding_id, on=late, by=OFFICE, today=late)
    assert caught.value.field == "deadline"
    assert status(backend, finding_id) is S.OPEN
    with pytest.raises(ValidationError, match="早于"):  # a new deadline before the notification
        backend.call(
            notify_finding, finding_id, on=late, by=OFFICE, new_deadline=late - timedelta(1), today=late
        )
    new = late + timedelta(days=20)
    event = backend.call(notify_finding, finding_id, on=late, by=OFFICE, new_deadline=new, today=late)
    assert (event.deadline_before, event.deadline_after) == (DEADLINE, new)
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        assert (finding.deadline, finding.current_deadline) == (DEADLINE, new)
    # The notice's deadline is sealed with the inspection: the new one is follow-up, the seal still holds.
    assert backend.call(verify_inspection_seal, visit.inspection_id) is True


def test_a_finding_without_a_deadline_needs_one_to_be_notified(backend: Backend, sample: Sample) -> None:
    visit = finalized_visit(backend, sample, count=1, deadline=None)
    with pytest.raises(ValidationError, match="没有整改期限"):
        backend.call(notify_finding, visit.findings[0], on=DAY, by=OFFICE, today=TODAY)
    backend.call(notify_finding, visit.findings[0], on=DAY, by=OFFICE, new_deadline=DEADLINE, today=TODAY)
    assert status(backend, visit.findings[0]) is S.NOTIFIED


@pytest.mark.parametrize(
    ("on", "message"),
    [(TODAY + timedelta(days=1), "晚于今天"), (DAY - timedelta(days=1), "早于发现隐患的检查日期")],
)
def test_a_step_is_dated_between_the_inspection_and_today(
    backend: Backend, visit: Visit, on: date, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        backend.call(notify_finding, visit.findings[0], on=on, by=OFFICE, today=TODAY)
    assert caught.value.field == "on"


def test_a_step_is_not_dated_before_the_previous_one(backend: Backend, visit: Visit) -> None:
    notified(backend, visit.findings[0], on=DAY + timedelta(days=4))
    with pytest.raises(ValidationError, match="早于上一步骤"):
        backend.call(
            report_fix, visit.findings[0], on=DAY + timedelta(days=3), by="客户", text="已整改", today=TODAY
        )


@pytest.mark.parametrize("by", ["", "   "])
def test_every_step_names_who_took_it(backend: Backend, visit: Visit, by: str) -> None:
    with pytest.raises(ValidationError, match="经办人") as caught:
        backend.call(notify_finding, visit.findings[0], on=DAY, by=by, today=TODAY)
    assert caught.value.field == "by"


# --- notified -> fix_reported -------------------------------------------------------------------------------


def test_the_customers_report_keeps_its_evidence_files_content_addressed(
    backend: Backend, visit: Visit, tmp_path: Path
) -> None:
    finding_id = visit.findings[0]
    notified(backend, finding_id)
    pdf, png = pdf_file(tmp_path), png_file(tmp_path)
    event = backend.call(
        report_fix,
        finding_id,
        on=DAY + timedelta(days=6),
        by="客户 赵经理",
        text="已加装400毫米挡鼠板，见照片与验收报告",
        evidence=[pdf, png],
        photos_root=backend.paths.photos,
        today=TODAY,
    )
    assert event.to_status is S.FIX_REPORTED
    assert [(e.file_name, e.media_type) for e in event.evidence] == [
        ("整改报告.pdf", "application/pdf"),
        ("after.png", "image/png"),
    ]
    for view, source in zip(event.evidence, (pdf, png), strict=True):
        stored = evidence_file(backend.paths.photos, view)
        assert stored == evidence_path(backend.paths.photos, view.sha256, view.suffix)
        assert stored.read_bytes() == source.read_bytes()
        assert view.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert view.size_bytes == source.stat().st_size
    history = backend.call(finding_history, finding_id)
    assert [len(e.evidence) for e in history] == [0, 2]


def test_a_report_needs_the_customers_words_and_files_of_the_accepted_kinds(
    backend: Backend, visit: Visit, tmp_path: Path
) -> None:
    finding_id = visit.findings[0]
    notified(backend, finding_id)
    on = DAY + timedelta(days=5)
    with pytest.raises(ValidationError, match="客户报告的整改情况") as caught:
        backend.call(report_fix, finding_id, on=on, by="客户", text=" ", today=TODAY)
    assert caught.value.field == "note"
    word = tmp_path / "报告.docx"
    word.write_bytes(b"PK\x03\x04 not a pdf")
    renamed = tmp_path / "伪装.pdf"
    renamed.write_bytes(b"PK\x03\x04 not a pdf")
    for path, message in ((word, "只接受 PDF、JPEG 或 PNG"), (renamed, "内容不是 PDF")):
        with pytest.raises(ValidationError, match=message) as caught:
            backend.call(
                report_fix,
                finding_id,
                on=on,
                by="客户",
                text="已整改",
                evidence=[path],
                photos_root=backend.paths.photos,
                today=TODAY,
            )
        assert path.name in str(caught.value)
    assert status(backend, finding_id) is S.NOTIFIED
    with backend.session() as session:
        assert session.scalars(select(FindingEvidence)).all() == []


def test_a_fix_is_reported_only_after_the_customer_was_notified(backend: Backend, visit: Visit) -> None:
    with pytest.raises(ValidationError, match="不能改为“已报整改”"):
        backend.call(report_fix, visit.findings[0], on=DAY, by="客户", text="已整改", today=TODAY)


# --- fix_reported -> verified -------------------------------------------------------------------------------


def test_the_office_verifies_a_reported_fix_naming_the_verifier(backend: Backend, visit: Visit) -> None:
    finding_id = visit.findings[0]
    fix_reported(backend, finding_id)
    event = backend.call(
        verify_finding, finding_id, on=TODAY, by="YJ001 王建国", note="核对整改照片和验收报告", today=TODAY
    )
    assert (event.from_status, event.to_status, event.by) == (S.FIX_REPORTED, S.VERIFIED, "YJ001 王建国")
    detail = backend.call(finding_detail, finding_id, today=TODAY + timedelta(days=30))
    assert detail.status is S.VERIFIED and detail.overdue_days == 0  # verified: never overdue
    assert detail.allowed == (S.REOPENED,)


@pytest.mark.parametrize("steps", [0, 1])  # open, then notified
def test_closing_a_finding_without_verification_is_refused(
    backend: Backend, visit: Visit, steps: int
) -> None:
    finding_id = visit.findings[0]
    if steps:
        notified(backend, finding_id)
    with pytest.raises(ValidationError, match="未经验证不能关闭隐患") as caught:
        backend.call(verify_finding, finding_id, on=TODAY, by="YJ001 王建国", today=TODAY)
    assert caught.value.field == "status"
    assert status(backend, finding_id) is (S.NOTIFIED if steps else S.OPEN)


def test_verifying_needs_the_verifying_person(backend: Backend, visit: Visit) -> None:
    fix_reported(backend, visit.findings[0])
    with pytest.raises(ValidationError, match="验证人"):
        backend.call(verify_finding, visit.findings[0], on=TODAY, by="", today=TODAY)


# --- reopen, and again --------------------------------------------------------------------------------------


@pytest.mark.parametrize("verify_first", [False, True])
def test_a_reported_or_verified_fix_is_reopened_with_a_reason(
    backend: Backend, visit: Visit, verify_first: bool
) -> None:
    finding_id = visit.findings[0]
    fix_reported(backend, finding_id)
    if verify_first:
        backend.call(verify_finding, finding_id, on=TODAY, by="YJ001 王建国", today=TODAY)
    with pytest.raises(ValidationError, match="重新打开的原因") as caught:
        backend.call(reopen_finding, finding_id, on=TODAY, by=OFFICE, reason="", today=TODAY)
    assert caught.value.field == "note"
    new = TODAY + timedelta(days=15)
    event = backend.call(
        reopen_finding,
        finding_id,
        on=TODAY,
        by=OFFICE,
        reason="照片显示挡鼠板高度不足",
        new_deadline=new,
        today=TODAY,
    )
    assert event.to_status is S.REOPENED and event.deadline_after == new
    assert backend.call(finding_detail, finding_id, today=TODAY).allowed == (S.NOTIFIED, S.FIX_REPORTED)


def test_an_open_finding_cannot_be_reopened(backend: Backend, visit: Visit) -> None:
    with pytest.raises(ValidationError, match="不能改为“复查未通过”"):
        backend.call(reopen_finding, visit.findings[0], on=TODAY, by=OFFICE, reason="原因", today=TODAY)


@pytest.mark.parametrize("again", [S.NOTIFIED, S.FIX_REPORTED])
def test_a_reopened_finding_is_notified_or_reported_fixed_again(
    backend: Backend, visit: Visit, again: FindingStatus
) -> None:
    finding_id = visit.findings[0]
    fix_reported(backend, finding_id)
    backend.call(reopen_finding, finding_id, on=TODAY, by=OFFICE, reason="未整改到位", today=TODAY)
    note = "再次整改完毕" if again is S.FIX_REPORTED else ""
    backend.call(take_step, finding_id, Step(again, TODAY, OFFICE, note=note), today=TODAY)
    history = backend.call(finding_history, finding_id)
    assert [(e.from_status, e.to_status) for e in history] == [
        (S.OPEN, S.NOTIFIED),
        (S.NOTIFIED, S.FIX_REPORTED),
        (S.FIX_REPORTED, S.REOPENED),
        (S.REOPENED, again),
    ]


def test_a_step_to_the_same_status_is_refused(backend: Backend, visit: Visit) -> None:
    notified(backend, visit.findings[0])
    with pytest.raises(ValidationError, match="已是“已下发通知”"):
        notified(backend, visit.findings[0])


def test_what_a_step_does_not_take_is_refused(backend: Backend, visit: Visit, tmp_path: Path) -> None:
    finding_id = visit.findings[0]
    with pytest.raises(ValidationError, match="证明材料随客户的整改报告"):
        backend.call(
            take_step,
            finding_id,
            Step(S.NOTIFIED, DAY, OFFICE, evidence=(pdf_file(tmp_path),)),
            photos_root=backend.paths.photos,
            today=TODAY,
        )
    notified(backend, finding_id)
    with pytest.raises(ValidationError, match="新的整改期限"):
        backend.call(
            take_step,
            finding_id,
            Step(S.FIX_REPORTED, TODAY, "客户", "已整改", new_deadline=TODAY),
            today=TODAY,
        )


# --- findings that are not followed up ------------------------------------------------------------------


def test_no_step_for_a_withdrawn_or_deleted_finding(backend: Backend, sample: Sample) -> None:
    inspection_id = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=STARTED
    )
    withdrawn = backend.call(add_finding, inspection_id, "记错的隐患", deadline=DEADLINE)
    backend.call(withdraw_finding, withdrawn)
    with pytest.raises(ValidationError, match="已撤销或删除"):
        backend.call(notify_finding, withdrawn, on=DAY, by=OFFICE, today=TODAY)
    with pytest.raises(NotFoundError):
        backend.call(notify_finding, uuid.uuid4(), on=DAY, by=OFFICE, today=TODAY)


def test_no_step_before_the_inspection_is_finalized_or_after_it_is_void(
    backend: Backend, sample: Sample
) -> None:
    inspection_id = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=STARTED
    )
    finding_id = backend.call(add_finding, inspection_id, "配电室门口未装挡鼠板", deadline=DEADLINE)
    with pytest.raises(ValidationError, match="尚未定稿"):
        backend.call(notify_finding, finding_id, on=DAY, by=OFFICE, today=TODAY)
    backend.call(void_inspection, inspection_id, "客户名称录入错误")
    with pytest.raises(ValidationError, match="已作废"):
        backend.call(notify_finding, finding_id, on=DAY, by=OFFICE, today=TODAY)
    detail = backend.call(finding_detail, finding_id, today=TODAY)
    assert detail.allowed == ()


# --- bulk ---------------------------------------------------------------------------------------------------


def test_a_bulk_step_is_taken_for_every_finding(backend: Backend, visit: Visit) -> None:
    done = backend.call(
        take_step_for_all, [*visit.findings, visit.findings[0]], Step(S.NOTIFIED, DAY, OFFICE), today=TODAY
    )
    assert len(done) == 3  # the one named twice is notified once
    assert [status(backend, f) for f in visit.findings] == [S.NOTIFIED] * 3
    with backend.session() as session:
        assert len(session.scalars(select(FindingEvent)).all()) == 3
        bulk = session.scalars(select(AuditEvent).where(AuditEvent.action == "finding.bulk_step")).one()
        assert bulk.detail == {"to": "notified", "count": 3, "on": DAY.isoformat()}


def test_a_bulk_step_refused_for_one_finding_changes_none_and_says_which_and_why(
    backend: Backend, visit: Visit
) -> None:
    fix_reported(backend, visit.findings[1])
    with pytest.raises(BulkRefusedError) as caught:
        backend.call(take_step_for_all, visit.findings, Step(S.NOTIFIED, TODAY, OFFICE), today=TODAY)
    refused = caught.value.refusals
    assert [r.finding_id for r in refused] == [visit.findings[1]]
    assert "临河县人民医院" in refused[0].label and "第 2 项" in refused[0].label
    assert "已报整改" in refused[0].reason
    assert caught.value.total == 3 and "1/3" in str(caught.value)
    assert [status(backend, f) for f in visit.findings] == [S.OPEN, S.FIX_REPORTED, S.OPEN]
    with backend.session() as session:
        assert len(session.scalars(select(FindingEvent)).all()) == 2  # the two steps of fix_reported only


def test_a_bulk_step_needs_findings(backend: Backend) -> None:
    with pytest.raises(ValidationError, match="请先选择隐患"):
        backend.call(take_step_for_all, [], Step(S.NOTIFIED, DAY, OFFICE), today=TODAY)


# --- re-inspection ------------------------------------------------------------------------------------------


def test_a_finalized_reinspection_closes_or_keeps_each_finding(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    visit = finalized_visit(backend, sample, count=4)
    fixed, still, reported_still, left = visit.findings
    notified(backend, fixed)
    notified(backend, still)
    fix_reported(backend, reported_still)
    built = backend.call(build_reinspection_checklist, sample.customers[0])
    assert built.findings == 4
    later = STARTED + timedelta(days=20)
    with backend.session() as session:
        reinspection = start_inspection(
            session, sample.customers[0], built.template_id, sample.inspectors[1:], started_at=later
        )
        answer_every_item(session, reinspection)  # R01..R04 ok
    backend.call(set_verdict, reinspection, "R02", Verdict.DEFECT)
    raised = backend.call(set_verdict, reinspection, "R03", Verdict.DEFECT).finding_id
    backend.call(set_verdict, reinspection, "R04", Verdict.NOT_APPLICABLE)
    for n, code in enumerate(("R02", "R03")):
        shot = camera_jpeg(tmp_path / f"{code}.jpg", upright=upright_pattern(300 + n, 200))
        backend.call(add_photo, backend.paths.photos, shot, inspection_id=reinspection, item_code=code)
    new_deadline = local_day(later) + timedelta(days=10)  # the re-inspection gives the hazard a new deadline
    assert raised is not None
    backend.call(update_finding, raised, deadline=new_deadline)
    with backend.session() as session:
        sign_everyone(session, reinspection)
        finalize_inspection(session, reinspection, finalized_at=later + timedelta(hours=2))
    assert [status(backend, f) for f in visit.findings] == [S.VERIFIED, S.NOTIFIED, S.REOPENED, S.OPEN]
    verified = backend.call(finding_history, fixed)[-1]
    assert (verified.from_status, verified.to_status) == (S.NOTIFIED, S.VERIFIED)
    assert verified.reinspection_id == reinspection and verified.on == local_day(later)
    assert verified.by == "YJ002 李秀英、YJ003 张伟"
    assert "确认已整改" in verified.note
    kept = backend.call(finding_history, still)[-1]
    assert (kept.from_status, kept.to_status) == (S.NOTIFIED, S.NOTIFIED) and "仍未整改" in kept.note
    reopened = backend.call(finding_history, reported_still)[-1]
    assert reopened.to_status is S.REOPENED
    assert (reopened.deadline_before, reopened.deadline_after) == (DEADLINE, new_deadline)
    assert backend.call(finding_history, left) == []
    with backend.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("finding.%"))).all()
        assert "finding.reinspect_keep" in actions
    assert backend.call(verify_inspection_seal, reinspection) is True


def test_a_reinspection_leaves_findings_verified_meanwhile(backend: Backend, sample: Sample) -> None:
    visit = finalized_visit(backend, sample, count=1)
    finding_id = visit.findings[0]
    built = backend.call(build_reinspection_checklist, sample.customers[0])
    fix_reported(backend, finding_id)
    backend.call(verify_finding, finding_id, on=TODAY, by=OFFICE, today=TODAY)
    with backend.session() as session:
        reinspection = start_inspection(
            session,
            sample.customers[0],
            built.template_id,
            sample.inspectors[:2],
            started_at=STARTED + timedelta(days=20),
        )
        answer_every_item(session, reinspection)
        sign_everyone(session, reinspection)
        finalize_inspection(session, reinspection)
    assert status(backend, finding_id) is S.VERIFIED
    assert len(backend.call(finding_history, finding_id)) == 3


def test_the_reinspection_checklist_leaves_out_findings_of_void_inspections(
    backend: Backend, sample: Sample
) -> None:
    visit = finalized_visit(backend, sample, count=1)
    backend.call(void_inspection, visit.inspection_id, "客户名称录入错误")
    with pytest.raises(ValidationError, match="没有待复查的隐患"):
        backend.call(build_reinspection_checklist, sample.customers[0])
    with backend.session() as session:
        inspection = session.get(Finding, visit.findings[0])
        assert inspection is not None and inspection.inspection.status is InspectionStatus.VOIDED
