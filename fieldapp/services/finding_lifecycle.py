"""The follow-up of findings after the inspection (rules: fieldapp.domain.finding_lifecycle): notify the
customer, record the customer's report of a fix with its evidence, verify, reopen; one finding at a time or
many at once for the office (all or nothing). Every step is a FindingEvent (the finding's history, synced),
an audit event, and the finding's status, status_changed_at and deadline in force brought up to date.

Only findings of finalized inspections are followed up: until then the inspector may still change or
withdraw them, and a voided inspection's findings are void with it. The deadline the notice printed stays
in Finding.deadline (sealed with the inspection); a new one lives in Finding.current_deadline.

Re-inspections take their steps through `reinspection_step` (services.reinspection, when a re-inspection
is finalized)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import (
    FindingStatus,
    InspectionStatus,
    NoticeStatus,
    Severity,
    coerce_enum,
)
from fieldapp.domain.errors import FieldappError, NotFoundError, ValidationError
from fieldapp.domain.finding_lifecycle import (
    BulkRefusedError,
    Refusal,
    allowed_steps,
    check_new_deadline,
    check_note,
    check_notice_no,
    check_person,
    check_step,
    check_step_day,
    notification_deadline,
    overdue_days,
)
from fieldapp.domain.roles import Permission, step_permission
from fieldapp.photos.evidence import ACCEPTED_SUFFIXES, StoredEvidence, evidence_path, store_evidence
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.store.models import (
    Customer,
    Finding,
    FindingEvent,
    FindingEvidence,
    Inspection,
    Notice,
)
from fieldapp.store.types import utcnow

S = FindingStatus
MAX_BULK = 5000
EVIDENCE_SUFFIXES = ACCEPTED_SUFFIXES  # what a file chooser offers for the customer's evidence

_ACTIONS = {
    S.NOTIFIED: "finding.notify",
    S.FIX_REPORTED: "finding.report_fix",
    S.VERIFIED: "finding.verify",
    S.REOPENED: "finding.reopen",
}


@dataclass(frozen=True)
class Step:
    """What a person gives for one step: the status it leads to, the day it happened, who took it, a note
    (the customer's report, the reason to reopen, how it was verified), and what that step may carry: the
    notice the customer was given and a new deadline (notify, reopen), evidence files (report a fix)."""

    target: FindingStatus
    on: date
    by: str
    note: str = ""
    notice_no: str = ""
    new_deadline: date | None = None
    evidence: tuple[Path, ...] = field(default=())


@dataclass(frozen=True)
class EvidenceView:
    evidence_id: uuid.UUID
    sha256: str
    suffix: str
    file_name: str
    media_type: str
    size_bytes: int


@dataclass(frozen=True)
class FindingEventView:
    event_id: uuid.UUID
    from_status: FindingStatus
    to_status: FindingStatus
    on: date
    at: datetime
    by: str
    note: str
    notice_no: str
    deadline_before: date | None
    deadline_after: date | None
    reinspection_id: uuid.UUID | None
    evidence: tuple[EvidenceView, ...] = ()


@dataclass(frozen=True)
class FindingDetail:
    """One finding as the findings page's detail panel shows it, with its history, oldest step first."""

    finding_id: uuid.UUID
    customer_id: uuid.UUID
    customer_name: str
    account_no: str
    inspection_id: uuid.UUID
    found_on: date
    seq: int
    category: str
    description: str
    severity: Severity
    requirement: str
    basis: str
    deadline: date | None  # as the notice printed it
    current_deadline: date | None  # the one in force now
    status: FindingStatus
    status_changed_at: datetime
    inspectors: tuple[str, ...]
    overdue_days: int
    allowed: tuple[FindingStatus, ...]  # the steps the office may take now
    events: tuple[FindingEventView, ...]


def evidence_file(photos_root: Path, view: EvidenceView) -> Path:
    """Where a piece of evidence is stored (the page opens it from there)."""
    return evidence_path(photos_root, view.sha256, view.suffix)


def _today(today: date | None) -> date:
    return today if today is not None else date.today()


def _finding(session: Session, finding_id: uuid.UUID) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"隐患不存在 (no finding {finding_id})")
    return finding


def _followed_finding(session: Session, finding_id: uuid.UUID) -> tuple[Finding, Inspection]:
    """The finding, if it is being followed up: not withdrawn, and its inspection finalized."""
    finding = _finding(session, finding_id)
    if finding.deleted:
        raise ValidationError(
            "该隐患已撤销或删除，不能办理 (the finding was withdrawn or deleted: it has no follow-up)",
            field="finding",
        )
    inspection = finding.inspection
    if inspection.deleted or inspection.status is InspectionStatus.VOIDED:
        raise ValidationError(
            "该隐患所在的检查已作废，不再跟踪 (the finding's inspection is void: it is not followed up)",
            field="finding",
        )
    if inspection.status is not InspectionStatus.FINALIZED:
        raise ValidationError(
            "该隐患所在的检查尚未定稿，定稿后才能跟踪整改 "
            "(the finding's inspection is not finalized yet: follow-up starts once it is)",
            field="finding",
        )
    return finding, inspection


def _last_step_day(session: Session, finding_id: uuid.UUID) -> date | None:
    return session.scalar(
        select(func.max(FindingEvent.happened_on)).where(
            FindingEvent.finding_id == finding_id, FindingEvent.deleted.is_(False)
        )
    )


def _check_notice(session: Session, finding: Finding, number: str) -> str:
    """A notice named for a notification must be one this database issued to the same customer."""
    if not number:
        return ""
    row = session.execute(
        select(Notice.status, Inspection.customer_id)
        .join(Inspection, Inspection.id == Notice.inspection_id)
        .where(Notice.number == number, Notice.deleted.is_(False))
    ).first()
    if row is None:
        raise ValidationError(f"没有编号为 {number} 的通知书 (no notice with this number)", field="notice_no")
    status, customer_id = row
    if status is NoticeStatus.VOIDED:
        raise ValidationError(f"通知书 {number} 已作废 (the notice is void)", field="notice_no")
    if customer_id != finding.customer_id:
        raise ValidationError(
            f"通知书 {number} 是发给其他客户的 (the notice was issued to another customer)", field="notice_no"
        )
    return number


def _event_view(event: FindingEvent, evidence: Sequence[FindingEvidence] = ()) -> FindingEventView:
    return FindingEventView(
        event_id=event.id,
        from_status=event.from_status,
        to_status=event.to_status,
        on=event.happened_on,
        at=event.at,
        by=event.by,
        note=event.note,
        notice_no=event.notice_no,
        deadline_before=event.deadline_before,
        deadline_after=event.deadline_after,
        reinspection_id=event.inspection_id,
        evidence=tuple(
            EvidenceView(e.id, e.sha256, e.suffix, e.file_name, e.media_type, e.size_bytes) for e in evidence
        ),
    )


def _write(
    session: Session,
    finding: Finding,
    target: FindingStatus,
    *,
    on: date,
    by: str,
    note: str,
    notice_no: str = "",
    deadline_after: date | None = None,
    reinspection: Inspection | None = None,
    stored: Sequence[StoredEvidence] = (),
    actor: str,
) -> FindingEventView:
    """Record one step (already checked): its event, its evidence, the finding brought up to date and the
    audit event. `deadline_after` None keeps the deadline in force."""
    before = finding.current_deadline
    after = deadline_after if deadline_after is not None else before
    event = FindingEvent(
        finding_id=finding.id,
        from_status=finding.status,
        to_status=target,
        happened_on=on,
        at=utcnow(),
        by=by,
        note=note,
        notice_no=notice_no,
        deadline_before=before if after != before else None,
        deadline_after=after if after != before else None,
        inspection_id=reinspection.id if reinspection is not None else None,
    )
    session.add(event)
    session.flush()
    evidence = [
        FindingEvidence(
            finding_id=finding.id,
            event_id=event.id,
            sha256=item.sha256,
            suffix=item.suffix,
            file_name=item.file_name[:255],
            media_type=item.media_type,
            size_bytes=item.size_bytes,
            position=position,
        )
        for position, item in enumerate(stored)
    ]
    session.add_all(evidence)
    changed_status = finding.status is not target
    finding.status = target
    if changed_status:
        finding.status_changed_at = event.at
    finding.current_deadline = after
    detail: dict[str, object] = {
        "from": event.from_status.value,
        "to": target.value,
        "on": on.isoformat(),
        "by": by,
    }
    if note:
        detail["note"] = note
    if notice_no:
        detail["notice"] = notice_no
    if event.deadline_after is not None:
        detail["deadline"] = [before.isoformat() if before else None, after.isoformat() if after else None]
    if reinspection is not None:
        detail["reinspection"] = str(reinspection.id)
    if stored:
        detail["evidence"] = [item.sha256 for item in stored]
    action = _ACTIONS[target] if changed_status else "finding.reinspect_keep"
    record_event(session, action, "finding", finding.id, actor=actor, detail=detail)
    session.flush()
    return _event_view(event, evidence)


def _apply(
    session: Session,
    finding_id: uuid.UUID,
    step: Step,
    *,
    photos_root: Path | None,
    today: date,
    actor: str,
) -> FindingEventView:
    finding, inspection = _followed_finding(session, finding_id)
    target = coerce_enum(FindingStatus, step.target, "status")
    check_step(finding.status, target)
    on = check_step_day(
        step.on,
        today=today,
        found_on=local_day(inspection.started_at),
        after=_last_step_day(session, finding.id),
    )
    by = check_person(step.by)
    if step.new_deadline is not None and target not in (S.NOTIFIED, S.REOPENED):
        raise ValidationError(
            "只有通知客户或重新打开时才能设定新的整改期限 "
            "(a new deadline is set when notifying or reopening)",
            field="deadline",
        )
    if step.evidence and target is not S.FIX_REPORTED:
        raise ValidationError(
            "证明材料随客户的整改报告提交 (evidence comes with the customer's report of the fix)",
            field="evidence",
        )
    if step.notice_no and target is not S.NOTIFIED:
        raise ValidationError(
            "通知书编号只在通知客户时填写 (a notice goes with notifying)", field="notice_no"
        )
    deadline_after: date | None = None
    if target is S.NOTIFIED:
        note = check_note(step.note)
        deadline_after = notification_deadline(finding.current_deadline, step.new_deadline, on=on)
        notice_no = _check_notice(session, finding, check_notice_no(step.notice_no))
    elif target is S.FIX_REPORTED:
        note = check_note(
            step.note, required="客户报告的整改情况 (the customer's report of the fix is required)"
        )
        notice_no = ""
    elif target is S.REOPENED:
        note = check_note(step.note, required="重新打开的原因 (a reason to reopen is required)")
        if step.new_deadline is not None:
            deadline_after = check_new_deadline(step.new_deadline, on=on)
        notice_no = ""
    else:
        note = check_note(step.note)
        notice_no = ""
    stored: list[StoredEvidence] = []
    if step.evidence:
        if photos_root is None:
            raise ValueError("evidence files need the photos folder to be stored in")
        # Written before the rows that name them (invariant 4); a refused step leaves at most unnamed files.
        stored = [store_evidence(photos_root, Path(path)) for path in step.evidence]
    return _write(
        session,
        finding,
        target,
        on=on,
        by=by,
        note=note,
        notice_no=notice_no,
        deadline_after=deadline_after,
        stored=stored,
        actor=actor,
    )


def take_step(
    session: Session,
    finding_id: uuid.UUID,
    step: Step,
    *,
    photos_root: Path | None = None,
    today: date | None = None,
    actor: str = "",
) -> FindingEventView:
    """Take one step of a finding's follow-up; a ValidationError says why a step is refused."""
    require(session, step_permission(coerce_enum(FindingStatus, step.target, "status")))
    return _apply(session, finding_id, step, photos_root=photos_root, today=_today(today), actor=actor)


def _label(session: Session, finding_id: uuid.UUID) -> str:
    row = session.execute(
        select(Customer.name, Inspection.started_at, Finding.seq)
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(Customer, Customer.id == Finding.customer_id)
        .where(Finding.id == finding_id)
    ).first()
    if row is None:
        return str(finding_id)
    name, started_at, seq = row
    return f"{name} {local_day(started_at).isoformat()} 第 {seq} 项"


def take_step_for_all(
    session: Session,
    finding_ids: Sequence[uuid.UUID],
    step: Step,
    *,
    photos_root: Path | None = None,
    today: date | None = None,
    actor: str = "",
) -> list[FindingEventView]:
    """The office's bulk action: the same step for every finding named, all or nothing. When any of them
    refuses it, BulkRefusedError lists each refused finding and why, and the session is rolled back (one
    session is one user action), so none is changed."""
    require(session, Permission.FINDING_VERIFY)
    unique = list(dict.fromkeys(finding_ids))
    if not unique:
        raise ValidationError("请先选择隐患 (choose the findings first)", field="findings")
    if len(unique) > MAX_BULK:
        raise ValidationError(
            f"一次最多办理 {MAX_BULK} 条隐患 (at most {MAX_BULK} findings at once)", field="findings"
        )
    day = _today(today)
    done: list[FindingEventView] = []
    refusals: list[Refusal] = []
    for finding_id in unique:
        try:
            # Every check comes before the first write, so a refused finding leaves nothing behind for the
            # next ones to trip on; whatever the others wrote goes with the caller's rollback.
            done.append(_apply(session, finding_id, step, photos_root=photos_root, today=day, actor=actor))
        except FieldappError as exc:
            refusals.append(Refusal(finding_id, _label(session, finding_id), str(exc)))
    if refusals:
        session.rollback()  # all or nothing, even for a caller that would catch the error and commit
        raise BulkRefusedError(refusals, len(unique))
    record_event(
        session,
        "finding.bulk_step",
        "finding",
        unique[0],
        actor=actor,
        detail={"to": step.target.value, "count": len(unique), "on": step.on.isoformat()},
    )
    return done


# -- convenience for one finding --------------------------------------------------------------------------


def notify_finding(
    session: Session,
    finding_id: uuid.UUID,
    *,
    on: date,
    by: str,
    notice_no: str = "",
    new_deadline: date | None = None,
    note: str = "",
    today: date | None = None,
    actor: str = "",
) -> FindingEventView:
    step = Step(S.NOTIFIED, on, by, note=note, notice_no=notice_no, new_deadline=new_deadline)
    return take_step(session, finding_id, step, today=today, actor=actor)


def report_fix(
    session: Session,
    finding_id: uuid.UUID,
    *,
    on: date,
    by: str,
    text: str,
    evidence: Sequence[Path] = (),
    photos_root: Path | None = None,
    today: date | None = None,
    actor: str = "",
) -> FindingEventView:
    step = Step(S.FIX_REPORTED, on, by, note=text, evidence=tuple(evidence))
    return take_step(session, finding_id, step, photos_root=photos_root, today=today, actor=actor)


def verify_finding(
    session: Session,
    finding_id: uuid.UUID,
    *,
    on: date,
    by: str,
    note: str = "",
    today: date | None = None,
    actor: str = "",
) -> FindingEventView:
    """The office's verification of a reported fix, by the person named in `by`."""
    return take_step(session, finding_id, Step(S.VERIFIED, on, by, note=note), today=today, actor=actor)


def reopen_finding(
    session: Session,
    finding_id: uuid.UUID,
    *,
    on: date,
    by: str,
    reason: str,
    new_deadline: date | None = None,
    today: date | None = None,
    actor: str = "",
) -> FindingEventView:
    step = Step(S.REOPENED, on, by, note=reason, new_deadline=new_deadline)
    return take_step(session, finding_id, step, today=today, actor=actor)


# -- re-inspection ------------------------------------------------------------------------------------


def reinspection_step(
    session: Session,
    finding_id: uuid.UUID,
    reinspection: Inspection,
    *,
    fixed: bool,
    note: str = "",
    new_deadline: date | None = None,
    actor: str = "",
) -> FindingEventView | None:
    """What a finalized re-inspection's verdict does to the finding it re-inspected: put right verifies it
    (from any open status); still there reopens a reported fix or a verified finding, and is recorded
    without a change of status otherwise. `new_deadline`, when later than the deadline in force, becomes
    it. Findings withdrawn or voided since, or verified already and found fixed, are left as they are
    (None). Never refused for the order of days: the re-inspection happened when it happened."""
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted:
        return None
    inspection = finding.inspection
    if inspection.status is not InspectionStatus.FINALIZED or inspection.deleted:
        return None
    if fixed and finding.status is S.VERIFIED:
        return None
    names = [f"{m.inspector.staff_no} {m.inspector.name}" for m in reinspection.team]
    by = check_person("、".join(names) or reinspection.device_code or "复查")[:100]
    on = local_day(reinspection.finalized_at or reinspection.started_at)
    day_note = f"复查（{on.isoformat()}）"
    if fixed:
        check_step(finding.status, S.VERIFIED, by_reinspection=True)
        text = check_note(f"{day_note}确认已整改。{note}".strip())
        return _write(
            session, finding, S.VERIFIED, on=on, by=by, note=text, reinspection=reinspection, actor=actor
        )
    target = S.REOPENED if finding.status in (S.FIX_REPORTED, S.VERIFIED) else finding.status
    later = (
        new_deadline
        if new_deadline is not None
        and (finding.current_deadline is None or new_deadline > finding.current_deadline)
        else None
    )
    text = check_note(f"{day_note}发现仍未整改。{note}".strip())
    return _write(
        session,
        finding,
        target,
        on=on,
        by=by,
        note=text,
        deadline_after=later,
        reinspection=reinspection,
        actor=actor,
    )


# -- reading ------------------------------------------------------------------------------------------


def finding_history(session: Session, finding_id: uuid.UUID) -> list[FindingEventView]:
    """Every step of the finding, oldest first, each with its evidence."""
    _finding(session, finding_id)
    events = list(
        session.scalars(
            select(FindingEvent)
            .where(FindingEvent.finding_id == finding_id, FindingEvent.deleted.is_(False))
            .order_by(FindingEvent.happened_on, FindingEvent.at)
        )
    )
    evidence: dict[uuid.UUID, list[FindingEvidence]] = {}
    for item in session.scalars(
        select(FindingEvidence)
        .where(FindingEvidence.finding_id == finding_id, FindingEvidence.deleted.is_(False))
        .order_by(FindingEvidence.position)
    ):
        evidence.setdefault(item.event_id, []).append(item)
    return [_event_view(event, evidence.get(event.id, ())) for event in events]


def finding_detail(session: Session, finding_id: uuid.UUID, *, today: date | None = None) -> FindingDetail:
    finding = _finding(session, finding_id)
    inspection = finding.inspection
    followed = (
        not finding.deleted and not inspection.deleted and inspection.status is InspectionStatus.FINALIZED
    )
    return FindingDetail(
        finding_id=finding.id,
        customer_id=finding.customer_id,
        customer_name=finding.customer.name,
        account_no=finding.customer.account_no,
        inspection_id=inspection.id,
        found_on=local_day(inspection.started_at),
        seq=finding.seq,
        category=finding.category,
        description=finding.description,
        severity=finding.severity,
        requirement=finding.requirement,
        basis=finding.basis,
        deadline=finding.deadline,
        current_deadline=finding.current_deadline,
        status=finding.status,
        status_changed_at=finding.status_changed_at,
        inspectors=tuple(f"{m.inspector.staff_no} {m.inspector.name}" for m in inspection.team),
        overdue_days=overdue_days(finding.current_deadline, finding.status, _today(today)),
        allowed=allowed_steps(finding.status) if followed else (),
        events=tuple(finding_history(session, finding.id)),
    )
