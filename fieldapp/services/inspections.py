"""The inspection use cases: start, answer, add a finding, finalize, void.

An answer is committed by the caller's session scope as soon as `record_answer` returns (one session per
tap). A finalized or voided inspection refuses every change: corrections are new, audited records."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fieldapp.checklists.expressions import Value, parse
from fieldapp.domain.dates import local_day
from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import (
    AnswerKind,
    FindingSource,
    InspectionKind,
    InspectionStatus,
    Severity,
    SignerRole,
    Verdict,
    coerce_enum,
)
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.domain.identity import content_id
from fieldapp.domain.rules import check_inspectors_on_site, check_void_reason
from fieldapp.services.assignments import complete_for_inspection, link_started_inspection
from fieldapp.services.audit import record_event
from fieldapp.services.customers import get_customer
from fieldapp.store.models import (
    Answer,
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionInspector,
    Inspector,
    Photo,
)
from fieldapp.store.types import utcnow


@dataclass(frozen=True)
class AnswerResult:
    answer_id: uuid.UUID
    item_code: str
    verdict: Verdict | None
    number: Decimal | None
    text: str
    date: date | None
    note: str
    revision: int


def get_inspection(session: Session, inspection_id: uuid.UUID) -> Inspection:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None or inspection.deleted:
        raise NotFoundError(f"检查记录不存在 (no inspection {inspection_id})")
    return inspection


def editable_inspection(session: Session, inspection_id: uuid.UUID) -> Inspection:
    """The inspection, if it may still change; LockedError once it is finalized or void."""
    inspection = get_inspection(session, inspection_id)
    if inspection.status is InspectionStatus.FINALIZED:
        raise LockedError(
            "该检查已定稿，不能修改；如需更正请作废后重新检查 (the inspection is finalized and "
            "cannot be changed)"
        )
    if inspection.status is InspectionStatus.VOIDED:
        raise LockedError("该检查已作废，不能修改 (the inspection is void and cannot be changed)")
    return inspection


def start_inspection(
    session: Session,
    customer_id: uuid.UUID,
    template_id: uuid.UUID,
    inspector_ids: Sequence[uuid.UUID],
    *,
    kind: InspectionKind | None = None,
    started_at: datetime | None = None,
    actor: str = "",
) -> uuid.UUID:
    customer = get_customer(session, customer_id)
    template = session.get(ChecklistTemplate, template_id)
    if template is None or template.deleted:
        raise ValidationError(f"检查表模板不存在 (no checklist template {template_id})", field="template")
    team: list[Inspector] = []
    for inspector_id in inspector_ids:
        inspector = session.get(Inspector, inspector_id)
        if inspector is None or inspector.deleted or not inspector.active:
            raise ValidationError(
                f"检查人员不存在或已停用 (no active inspector {inspector_id})", field="inspectors"
            )
        team.append(inspector)
    check_inspectors_on_site([i.staff_no for i in team])
    inspection = Inspection(
        customer_id=customer.id,
        template_id=template.id,
        kind=kind or template.kind,
        started_at=started_at or utcnow(),
        device_code=session.info.get("device_code", ""),
    )
    session.add(inspection)
    session.flush()
    link_started_inspection(session, inspection)  # the office's planned visit here, if there is one
    for position, inspector in enumerate(team):
        session.add(
            InspectionInspector(inspection_id=inspection.id, inspector_id=inspector.id, position=position)
        )
    record_event(
        session,
        "inspection.start",
        "inspection",
        inspection.id,
        actor=actor,
        detail={
            "customer": customer.account_no,
            "template": f"{template.code} v{template.version}",
            "inspectors": [i.staff_no for i in team],
        },
    )
    return inspection.id


def checklist_item(session: Session, inspection: Inspection, item_code: str) -> ChecklistItem:
    item = session.scalar(
        select(ChecklistItem).where(
            ChecklistItem.template_id == inspection.template_id, ChecklistItem.code == item_code
        )
    )
    if item is None:
        raise ValidationError(f"检查项 {item_code} 不在本检查表中 (item not on this checklist)", field="item")
    return item


def _number(value: Decimal | int | float | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f"不是有效数字：{value!r} (not a number)", field="number") from None
    if not number.is_finite() or abs(number) >= Decimal("1e9"):
        raise ValidationError(f"数值超出范围：{value!r} (number out of range)", field="number")
    if number != number.quantize(Decimal("0.000001")):
        # Six decimals is what the column keeps; nine integer digits more keeps every value within what
        # SQLite's REAL holds exactly, so both engines store the same number.
        raise ValidationError(f"数值最多保留6位小数：{value!r} (at most 6 decimals)", field="number")
    return number


# Which values each kind of item takes besides a verdict (any item may be "not applicable").
_TAKES = {
    AnswerKind.VERDICT: frozenset(),
    AnswerKind.NUMBER: frozenset({"number"}),
    AnswerKind.TEXT: frozenset({"text"}),
    AnswerKind.SEAL: frozenset({"text"}),
    AnswerKind.CHOICE: frozenset({"text"}),
    AnswerKind.DATE: frozenset({"value_date"}),
}
_VALUE_NAMES = {"number": ("数值", "a number"), "text": ("文字", "text"), "value_date": ("日期", "a date")}


def _check_kind(item: ChecklistItem, number: Decimal | None, text: str | None, day: date | None) -> None:
    """Refuse a value the item does not take: text on a number item would count as an answer yet be
    invisible to the item's rule and to the checklist's conditions."""
    given = {"number": number is not None, "text": bool(text), "value_date": day is not None}
    for name, present in given.items():
        if present and name not in _TAKES[item.answer_kind]:
            chinese, english = _VALUE_NAMES[name]
            raise ValidationError(
                f"检查项 {item.code} 不接受{chinese} (item {item.code} takes no {english})", field=name
            )
    if item.answer_kind is AnswerKind.CHOICE and text:
        lists = (item.template.definition or {}).get("choices", {})
        allowed = {choice[0] for choice in lists.get((item.definition or {}).get("choices", ""), [])}
        unknown = [name for name in text.split() if name not in allowed]
        if unknown:
            raise ValidationError(
                f"检查项 {item.code} 没有选项 {'、'.join(unknown)}，可选：{'、'.join(sorted(allowed))} "
                "(not one of the item's choices)",
                field="text",
            )


def _check_constraint(
    session: Session,
    inspection_id: uuid.UUID,
    item: ChecklistItem,
    number: Decimal | None,
    text: str | None,
    day: date | None,
) -> None:
    """Refuse a value outside the item's constraint, with the template's own message."""
    definition = item.definition or {}
    constraint = definition.get("constraint", "")
    if not constraint:
        return
    value: Value
    if number is not None:
        value, field = number, "number"
    elif day is not None:
        value, field = day.isoformat(), "value_date"
    elif text:
        value, field = text, "text"
    else:
        return  # a verdict or a note alone: nothing for the constraint to judge
    expression = parse(constraint)
    others = answer_values(session, inspection_id) if expression.references else {}
    if not expression.holds(others, value):
        message = definition.get("constraint_message_zh") or f"答案不符合取值要求（{constraint}）"
        english = definition.get("constraint_message_en") or "the answer is outside the allowed values"
        raise ValidationError(f"{item.code}：{message} ({english})", field=field)


def record_answer(
    session: Session,
    inspection_id: uuid.UUID,
    item_code: str,
    *,
    verdict: Verdict | str | None = None,
    number: Decimal | int | float | str | None = None,
    text: str | None = None,
    value_date: date | None = None,
    note: str | None = None,
    actor: str = "",
) -> AnswerResult:
    """Store the answer to one item (replacing an earlier answer to it). Values that are not given keep
    what was stored, so the note and the verdict can be given in separate taps."""
    inspection = editable_inspection(session, inspection_id)
    item = checklist_item(session, inspection, item_code)
    verdict_value = coerce_enum(Verdict, verdict, "verdict") if verdict is not None else None
    number_value = _number(number)
    _check_kind(item, number_value, text, value_date)
    _check_constraint(session, inspection.id, item, number_value, text, value_date)
    answer = session.scalar(
        select(Answer).where(Answer.inspection_id == inspection.id, Answer.item_id == item.id)
    )
    if answer is None:
        # One answer per item of an inspection, whichever tablet gives it: the id follows from the pair,
        # so two devices answering the same item meet as two versions of one record when they sync.
        answer = Answer(
            id=content_id("answers", inspection.id, item.id), inspection_id=inspection.id, item_id=item.id
        )
        session.add(answer)
    if verdict_value is not None:
        answer.verdict = verdict_value
    if number_value is not None:
        answer.value_number = number_value
    if text is not None:
        answer.value_text = text
    if value_date is not None:
        answer.value_date = value_date
    if note is not None:
        answer.note = note
    answer.answered_at = utcnow()
    inspection.current_item_code = item.code
    session.flush()
    record_event(
        session,
        "answer.record",
        "answer",
        answer.id,
        actor=actor,
        detail={
            "inspection": str(inspection.id),
            "item": item.code,
            "verdict": verdict_value.value if verdict_value else None,
            "number": str(number_value) if number_value is not None else None,
        },
    )
    return AnswerResult(
        answer.id,
        item.code,
        answer.verdict,
        answer.value_number,
        answer.value_text,
        answer.value_date,
        answer.note,
        answer.revision,
    )


def add_finding(
    session: Session,
    inspection_id: uuid.UUID,
    description: str,
    *,
    severity: Severity = Severity.GENERAL,
    category: str = "",
    requirement: str = "",
    deadline: date | None = None,
    basis: str = "",
    item_code: str | None = None,
    source: FindingSource = FindingSource.MANUAL,
    actor: str = "",
) -> uuid.UUID:
    """Add a finding, from a checklist item or one the checklist does not cover."""
    inspection = editable_inspection(session, inspection_id)
    description = description.strip()
    if not description:
        raise ValidationError("隐患描述不能为空 (a finding needs a description)", field="description")
    item = checklist_item(session, inspection, item_code) if item_code else None
    if deadline is not None and deadline < local_day(inspection.started_at):
        raise ValidationError(
            "整改期限不能早于检查日期 (the deadline is before the inspection)", field="deadline"
        )
    seq = (
        session.scalar(
            select(func.max(Finding.seq)).where(
                Finding.inspection_id == inspection.id, Finding.deleted.is_(False)
            )
        )
        or 0
    ) + 1
    finding = Finding(
        inspection_id=inspection.id,
        customer_id=inspection.customer_id,
        item_id=item.id if item else None,
        seq=seq,
        category=category or (item.section if item else ""),
        description=description,
        severity=coerce_enum(Severity, severity, "severity"),
        basis=basis.strip(),
        requirement=requirement.strip(),
        deadline=deadline,
        source=coerce_enum(FindingSource, source, "source"),
    )
    session.add(finding)
    session.flush()
    record_event(
        session,
        "finding.add",
        "finding",
        finding.id,
        actor=actor,
        detail={"inspection": str(inspection.id), "seq": seq, "severity": finding.severity.value},
    )
    return finding.id


def inspection_content(session: Session, inspection: Inspection) -> dict[str, Any]:
    """The canonical content that finalize seals: who, where, with which checklist, every answer and every
    finding as recorded, and every photo (SHA-256, strip, position, caption) when there are any. A finding's
    later status is follow-up, not content, so it is left out."""
    answers = session.execute(
        select(
            ChecklistItem.code,
            Answer.verdict,
            Answer.value_number,
            Answer.value_text,
            Answer.value_date,
            Answer.note,
        )
        .join(ChecklistItem, Answer.item_id == ChecklistItem.id)
        .where(Answer.inspection_id == inspection.id, Answer.deleted.is_(False))
        .order_by(ChecklistItem.code)
    ).all()
    findings = session.scalars(
        select(Finding)
        .where(Finding.inspection_id == inspection.id, Finding.deleted.is_(False))
        .order_by(Finding.seq)
    ).all()
    photos = session.execute(
        select(Photo.sha256, Photo.position, Photo.caption, ChecklistItem.code, Finding.seq)
        .outerjoin(ChecklistItem, Photo.item_id == ChecklistItem.id)
        .outerjoin(Finding, Photo.finding_id == Finding.id)
        .where(Photo.inspection_id == inspection.id, Photo.deleted.is_(False))
    ).all()
    content: dict[str, Any] = {
        "inspection": inspection.id,
        "customer": inspection.customer.account_no,
        "template": [inspection.template.code, inspection.template.version],
        "kind": inspection.kind,
        "started_at": inspection.started_at,
        "inspectors": [member.inspector.staff_no for member in inspection.team],
        "answers": [
            {"item": code, "verdict": verdict, "number": number, "text": text, "date": day, "note": note}
            for code, verdict, number, text, day, note in answers
        ],
        "findings": [
            {
                "seq": f.seq,
                "category": f.category,
                "description": f.description,
                "severity": f.severity,
                "basis": f.basis,
                "requirement": f.requirement,
                "deadline": f.deadline,
                "source": f.source,
            }
            for f in findings
        ],
    }
    from fieldapp.services.signatures import signature_content

    signatures = signature_content(session, inspection)
    if signatures or inspection.representative_refused:
        # Only when there are any, so that a seal made before signatures existed still verifies.
        content["signatures"] = signatures
        content["representative_refused"] = inspection.representative_refused
    if photos:
        # Only when there are photos, so that a seal made before photos existed still verifies.
        content["photos"] = [
            {"sha256": sha, "item": code, "finding": seq, "position": position, "caption": caption}
            for sha, position, caption, code, seq in sorted(
                photos, key=lambda r: (r.code or "", r.seq or 0, r.position, r.sha256)
            )
        ]
    return content


AnswerRow = tuple[str, AnswerKind, Verdict | None, Decimal | None, str, date | None]


def answer_rows(
    session: Session, inspection_id: uuid.UUID, codes: Sequence[str] | None = None
) -> list[AnswerRow]:
    """(item code, answer kind, verdict, number, text, date) of each stored answer of the inspection,
    of the items named in `codes` when given. The one query behind every reading of answers."""
    query = (
        select(
            ChecklistItem.code,
            ChecklistItem.answer_kind,
            Answer.verdict,
            Answer.value_number,
            Answer.value_text,
            Answer.value_date,
        )
        .join(ChecklistItem, Answer.item_id == ChecklistItem.id)
        .where(Answer.inspection_id == inspection_id, Answer.deleted.is_(False))
    )
    if codes is not None:
        query = query.where(ChecklistItem.code.in_(codes))
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def answer_values(session: Session, inspection_id: uuid.UUID) -> dict[str, Value]:
    """Each answered item's value as the checklist expressions see it: the verdict of a verdict item, the
    number, text, date or chosen names of the others (their verdict when they have no value)."""
    rows = answer_rows(session, inspection_id)
    values: dict[str, Value] = {}
    for code, kind, verdict, number, text, day in rows:
        value: Value = None
        if kind is AnswerKind.NUMBER:
            value = number
        elif kind is AnswerKind.DATE:
            value = day.isoformat() if day else None
        elif kind is not AnswerKind.VERDICT:
            value = text or None
        if value is None and verdict is not None:
            value = verdict.value
        if value is not None:
            values[code] = value
    return values


def unanswered_required_items(session: Session, inspection_id: uuid.UUID) -> list[str]:
    """Required items still without a verdict or value, in checklist order. An item hidden by its
    relevance condition is not asked, so it is not missing (XLSForm's rule)."""
    inspection = get_inspection(session, inspection_id)
    # A note alone is not an answer: the verdict or value may still be missing (they come in separate taps).
    answered = select(Answer.item_id).where(
        Answer.inspection_id == inspection.id,
        Answer.deleted.is_(False),
        or_(
            Answer.verdict.is_not(None),
            Answer.value_number.is_not(None),
            Answer.value_text != "",
            Answer.value_date.is_not(None),
        ),
    )
    open_items = session.execute(
        select(ChecklistItem.code, ChecklistItem.definition)
        .where(
            ChecklistItem.template_id == inspection.template_id,
            ChecklistItem.required.is_(True),
            ChecklistItem.id.not_in(answered),
        )
        .order_by(ChecklistItem.position)
    ).all()
    values: dict[str, Value] | None = None
    missing = []
    for code, definition in open_items:
        relevant = (definition or {}).get("relevant", "")
        if relevant:
            if values is None:
                values = answer_values(session, inspection.id)
            if not parse(relevant).holds(values):
                continue
        missing.append(code)
    return missing


_ROLE_ZH = {
    SignerRole.INSPECTOR: "检查人员",
    SignerRole.REPRESENTATIVE: "客户代表",
    SignerRole.WITNESS: "见证人",
}


def defects_missing_photos(session: Session, inspection_id: uuid.UUID) -> list[str]:
    """Codes of the items answered "defect" whose checklist demands a photo, and that have none (on the
    item or on the finding it raised)."""
    with_photo = select(Photo.id).where(
        Photo.inspection_id == inspection_id,
        Photo.deleted.is_(False),
        or_(
            Photo.item_id == ChecklistItem.id,
            Photo.finding_id.in_(
                select(Finding.id).where(
                    Finding.inspection_id == inspection_id,
                    Finding.item_id == ChecklistItem.id,
                    Finding.deleted.is_(False),
                )
            ),
        ),
    )
    return list(
        session.scalars(
            select(ChecklistItem.code)
            .join(Answer, Answer.item_id == ChecklistItem.id)
            .where(
                Answer.inspection_id == inspection_id,
                Answer.deleted.is_(False),
                Answer.verdict == Verdict.DEFECT,
                ChecklistItem.photo_required_on_defect.is_(True),
                ~with_photo.exists(),
            )
            .order_by(ChecklistItem.position)
        )
    )


def finalize_inspection(
    session: Session, inspection_id: uuid.UUID, *, finalized_at: datetime | None = None, actor: str = ""
) -> str:
    """Lock the inspection and seal its content with a SHA-256. Refused while required items are open, a
    finding proposed by a measurement rule is neither accepted nor dismissed, a defect that needs a photo
    has none, or a signature is missing (each inspector's, and the representative's or, after a refusal,
    the witness's)."""
    inspection = editable_inspection(session, inspection_id)
    missing = unanswered_required_items(session, inspection.id)
    if missing:
        raise ValidationError(
            f"还有 {len(missing)} 个必填检查项未完成：{'、'.join(missing)} "
            f"({len(missing)} required items are still open)",
            field="answers",
        )
    # Proposals from measurement rules build on this module, hence the import here, not at the top.
    from fieldapp.services.proposals import proposals_for

    undecided = proposals_for(session, inspection.id)
    if undecided:
        raise ValidationError(
            f"还有 {len(undecided)} 条规则建议的隐患未处理（采纳或说明理由后驳回）："
            f"{'、'.join(p.item_code for p in undecided)} "
            f"({len(undecided)} proposed findings need accepting or dismissing with a reason)",
            field="proposals",
        )
    without_photo = defects_missing_photos(session, inspection.id)
    if without_photo:
        raise ValidationError(
            f"以下缺陷项须附照片：{'、'.join(without_photo)} "
            f"({len(without_photo)} defects need a photo as evidence)",
            field="photos",
        )
    from fieldapp.services.signatures import missing_signatures

    unsigned = missing_signatures(session, inspection.id)
    if unsigned:
        names = "、".join(slot.name or _ROLE_ZH[slot.role] for slot in unsigned)
        raise ValidationError(
            f"还缺 {len(unsigned)} 个签名：{names} ({len(unsigned)} signatures are missing)",
            field="signatures",
        )
    digest = content_sha256(inspection_content(session, inspection))
    inspection.status = InspectionStatus.FINALIZED
    inspection.finalized_at = finalized_at or utcnow()
    inspection.content_sha256 = digest
    record_event(
        session,
        "inspection.finalize",
        "inspection",
        inspection.id,
        actor=actor,
        detail={"content_sha256": digest},
    )
    complete_for_inspection(session, inspection, actor=actor)
    if inspection.kind is InspectionKind.REINSPECTION or inspection.template.source == "reinspection":
        # Each verdict of a re-inspection closes or keeps the finding it re-inspected, in this transaction.
        from fieldapp.services.reinspection import apply_reinspection_results

        apply_reinspection_results(session, inspection, actor=actor)
    return digest


def verify_inspection_seal(session: Session, inspection_id: uuid.UUID) -> bool:
    """Whether a finalized inspection's stored content still matches its seal."""
    inspection = get_inspection(session, inspection_id)
    if inspection.content_sha256 is None:
        return False
    return content_sha256(inspection_content(session, inspection)) == inspection.content_sha256


def void_inspection(session: Session, inspection_id: uuid.UUID, reason: str, *, actor: str = "") -> None:
    """Void an inspection, in progress or finalized, with a reason. Its content stays as it was."""
    inspection = get_inspection(session, inspection_id)
    if inspection.status is InspectionStatus.VOIDED:
        raise LockedError("该检查已作废 (the inspection is already void)")
    inspection.void_reason = check_void_reason(reason)
    inspection.status = InspectionStatus.VOIDED
    inspection.voided_at = utcnow()
    record_event(
        session,
        "inspection.void",
        "inspection",
        inspection.id,
        actor=actor,
        detail={"reason": inspection.void_reason},
    )
