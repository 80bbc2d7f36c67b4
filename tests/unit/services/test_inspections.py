"""Inspections: start with a team of at least two, answer items (saved at once), add numbered findings,
finalize with a SHA-256 seal that exposes later tampering, and void with a reason."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from testkit import Sample, answer_every_item, sample_answer, sign_everyone

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.expressions import parse
from fieldapp.domain.digest import content_sha256
from fieldapp.domain.enums import (
    AnswerKind,
    FindingSource,
    InspectionKind,
    InspectionStatus,
    Severity,
    Verdict,
)
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.paths import checklists_dir
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    get_inspection,
    inspection_content,
    record_answer,
    start_inspection,
    unanswered_required_items,
    verify_inspection_seal,
    void_inspection,
)
from fieldapp.store.engine import Database
from fieldapp.store.models import Answer, ChecklistItem, Finding, Inspection, InspectionInspector, Inspector

# The built-in template as shipped: its required items in checklist order, and which of them take a number.
PERIODIC_HV = next(t for t in load_builtin_templates(checklists_dir()) if t.code == "PERIODIC-HV")
NUMBER_ITEMS = {i.code for i in PERIODIC_HV.items if i.answer_kind is AnswerKind.NUMBER}
# Required items a fresh inspection asks for: those whose relevance condition holds before any answer.
REQUIRED = [
    i.code for i in PERIODIC_HV.items if i.required and (not i.relevant or parse(i.relevant).holds({}))
]


@pytest.fixture
def inspection_id(backend: Backend, sample: Sample) -> uuid.UUID:
    return backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], actor="YJ001"
    )


def _answers(backend: Backend, inspection_id: uuid.UUID) -> list[Answer]:
    with backend.session() as session:
        return list(session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)))


def _finish(backend: Backend, inspection_id: uuid.UUID) -> str:
    with backend.session() as session:
        answer_every_item(session, inspection_id)
    backend.call(sign_everyone, inspection_id)
    return backend.call(finalize_inspection, inspection_id)


# --- starting -----------------------------------------------------------------------------------------------


def test_start_with_two_or_more_inspectors_keeps_the_team_in_order(backend: Backend, sample: Sample) -> None:
    lead_last = [sample.inspectors[2], sample.inspectors[0], sample.inspectors[1]]
    inspection_id = backend.call(start_inspection, sample.customers[1], sample.template_id, lead_last)
    with backend.session() as session:
        inspection = get_inspection(session, inspection_id)
        assert inspection.status is InspectionStatus.IN_PROGRESS
        assert inspection.kind is InspectionKind.PERIODIC  # the template's kind
        assert inspection.device_code == backend.device_code
        assert inspection.started_at.tzinfo is not None
        assert [m.inspector_id for m in inspection.team] == lead_last
        assert [m.position for m in inspection.team] == [0, 1, 2]


def test_start_takes_a_kind_and_a_start_time(backend: Backend, sample: Sample) -> None:
    at = datetime(2026, 6, 1, 1, 30, tzinfo=UTC)
    inspection_id = backend.call(
        start_inspection,
        sample.customers[0],
        sample.template_id,
        sample.inspectors[:2],
        kind=InspectionKind.SEASONAL,
        started_at=at,
    )
    with backend.session() as session:
        inspection = get_inspection(session, inspection_id)
        assert (inspection.kind, inspection.started_at) == (InspectionKind.SEASONAL, at)


@pytest.mark.parametrize("team_size", [0, 1])
def test_fewer_than_two_inspectors_is_refused_with_a_clear_message(
    backend: Backend, sample: Sample, team_size: int
) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:team_size])
    assert caught.value.field == "inspectors"
    assert "至少需要 2 名用电检查人员" in str(caught.value)
    assert f"{team_size} given" in str(caught.value)
    with backend.session() as session:
        assert session.scalars(select(Inspection)).all() == []


def test_the_same_inspector_twice_is_refused(backend: Backend, sample: Sample) -> None:
    twice = [sample.inspectors[0], sample.inspectors[0]]
    with pytest.raises(ValidationError, match="重复") as caught:
        backend.call(start_inspection, sample.customers[0], sample.template_id, twice)
    assert caught.value.field == "inspectors"
    with backend.session() as session:
        assert session.scalars(select(InspectionInspector)).all() == []


def test_an_unknown_or_inactive_inspector_is_refused(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(
            start_inspection, sample.customers[0], sample.template_id, [sample.inspectors[0], uuid.uuid4()]
        )
    assert caught.value.field == "inspectors"
    with backend.session() as session:
        inspector = session.get(Inspector, sample.inspectors[1])
        assert inspector is not None
        inspector.active = False
    with pytest.raises(ValidationError, match="停用"):
        backend.call(start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2])


def test_an_unknown_customer_or_template_is_refused(backend: Backend, sample: Sample) -> None:
    with pytest.raises(NotFoundError):
        backend.call(start_inspection, uuid.uuid4(), sample.template_id, sample.inspectors[:2])
    with pytest.raises(ValidationError) as caught:
        backend.call(start_inspection, sample.customers[0], uuid.uuid4(), sample.inspectors[:2])
    assert caught.value.field == "template"


# --- answering ----------------------------------------------------------------------------------------------


def test_an_answer_is_committed_when_record_answer_returns(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    result = backend.call(record_answer, inspection_id, "A01", verdict=Verdict.DEFECT, note="电缆沟积水")
    assert (result.item_code, result.verdict, result.note, result.revision) == (
        "A01",
        Verdict.DEFECT,
        "电缆沟积水",
        1,
    )
    # Another engine, as another process (or the app after a restart) would open it, sees the answer.
    other = Database(backend.database.url)
    try:
        with other.session() as session:
            [answer] = session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)).all()
            assert (answer.id, answer.verdict, answer.note) == (
                result.answer_id,
                Verdict.DEFECT,
                "电缆沟积水",
            )
            assert session.get(Inspection, inspection_id).current_item_code == "A01"  # type: ignore[union-attr]
    finally:
        other.dispose()


def test_answering_again_replaces_the_answer_in_one_row(backend: Backend, inspection_id: uuid.UUID) -> None:
    first = backend.call(record_answer, inspection_id, "A01", verdict=Verdict.DEFECT)
    second = backend.call(record_answer, inspection_id, "A01", note="已现场整改")
    third = backend.call(record_answer, inspection_id, "A01", verdict=Verdict.OK)
    assert first.answer_id == second.answer_id == third.answer_id
    assert (first.revision, second.revision, third.revision) == (1, 2, 3)
    assert (third.verdict, third.note) == (Verdict.OK, "已现场整改")  # a value not given is kept
    [answer] = _answers(backend, inspection_id)
    assert (answer.verdict, answer.note, answer.revision) == (Verdict.OK, "已现场整改", 3)


def test_a_number_is_stored_exactly(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "B02", number="78.5")
    backend.call(record_answer, inspection_id, "G02", number=0.92)
    backend.call(record_answer, inspection_id, "E01", number=Decimal("2500.123456"))
    stored = {a.item.code: a.value_number for a in _answers_with_items(backend, inspection_id)}
    assert stored == {"B02": Decimal("78.5"), "G02": Decimal("0.92"), "E01": Decimal("2500.123456")}


def _answers_with_items(backend: Backend, inspection_id: uuid.UUID) -> list[Answer]:
    with backend.session() as session:
        answers = list(session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)))
        for answer in answers:
            _ = answer.item.code
        return answers


def test_a_seal_answer_keeps_its_seal_number(backend: Backend, inspection_id: uuid.UUID) -> None:
    result = backend.call(record_answer, inspection_id, "D01", verdict="ok", text="LH123456")
    assert (result.verdict, result.text) == (Verdict.OK, "LH123456")


def test_a_number_on_an_item_that_takes_none_is_refused(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError, match="A01 不接受数值") as caught:
        backend.call(record_answer, inspection_id, "A01", number=5)
    assert caught.value.field == "number"
    assert _answers(backend, inspection_id) == []


@pytest.mark.parametrize("number", ["abc", "NaN", "Infinity", "1e9", -1e13, "0.1234567", "1234567890.5"])
def test_a_number_that_is_no_number_or_out_of_range_is_refused(
    backend: Backend, inspection_id: uuid.UUID, number: object
) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(record_answer, inspection_id, "B02", number=number)
    assert caught.value.field == "number"
    assert _answers(backend, inspection_id) == []


def test_the_largest_number_both_engines_keep_exactly_is_stored_exactly(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "C09", number="99999999.999999")  # constraint: . >= 0
    stored = {a.item.code: a.value_number for a in _answers_with_items(backend, inspection_id)}
    assert stored == {"C09": Decimal("99999999.999999")}


@pytest.mark.parametrize(("field", "value"), [("verdict", "bad"), ("verdict", "")])
def test_an_unknown_verdict_is_refused_naming_the_field(
    backend: Backend, inspection_id: uuid.UUID, field: str, value: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(record_answer, inspection_id, "A01", **{field: value})
    assert caught.value.field == field
    assert _answers(backend, inspection_id) == []


def test_an_unknown_severity_is_refused_naming_the_field(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(add_finding, inspection_id, "渗油", severity="fatal")
    assert caught.value.field == "severity"


def test_moving_through_items_does_not_make_a_new_revision_of_the_inspection(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    """Where the inspector is on the checklist is this tablet's state: it must not look like an edit of
    the inspection to a sync (every tap would otherwise conflict with the office's copy)."""
    before = backend.call(get_inspection, inspection_id).revision
    backend.call(record_answer, inspection_id, "A01", verdict="ok")
    backend.call(record_answer, inspection_id, "A02", verdict="ok")
    after = backend.call(get_inspection, inspection_id)
    assert after.current_item_code == "A02"
    assert after.revision == before


def test_an_item_not_on_the_checklist_is_refused(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError, match="Z99") as caught:
        backend.call(record_answer, inspection_id, "Z99", verdict=Verdict.OK)
    assert caught.value.field == "item"
    assert _answers(backend, inspection_id) == []


def test_answering_a_missing_inspection_is_reported(backend: Backend, sample: Sample) -> None:
    with pytest.raises(NotFoundError):
        backend.call(record_answer, uuid.uuid4(), "A01", verdict=Verdict.OK)


# --- findings -----------------------------------------------------------------------------------------------


def test_findings_are_numbered_1_2_3_in_the_order_added(backend: Backend, inspection_id: uuid.UUID) -> None:
    ids = [
        backend.call(
            add_finding, inspection_id, "配电室电缆沟积水", item_code="A01", requirement=" 清理积水 "
        ),
        backend.call(
            add_finding, inspection_id, "五防闭锁被解除", severity=Severity.SERIOUS, item_code="B03"
        ),
        backend.call(add_finding, inspection_id, "  现场私拉临时线路  ", category="E"),
    ]
    with backend.session() as session:
        findings = {
            f.id: f for f in session.scalars(select(Finding).where(Finding.inspection_id == inspection_id))
        }
        assert [findings[i].seq for i in ids] == [1, 2, 3]
        first, second, third = (findings[i] for i in ids)
        assert (first.category, first.requirement, first.source) == ("A", "清理积水", FindingSource.MANUAL)
        assert (second.severity, second.category) == (Severity.SERIOUS, "B")
        assert (third.description, third.category, third.item_id) == ("现场私拉临时线路", "E", None)
        assert first.customer_id == get_inspection(session, inspection_id).customer_id


def test_each_inspection_numbers_its_own_findings(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    other = backend.call(start_inspection, sample.customers[1], sample.template_id, sample.inspectors[1:])
    backend.call(add_finding, inspection_id, "甲")
    backend.call(add_finding, inspection_id, "乙")
    backend.call(add_finding, other, "丙")
    with backend.session() as session:
        assert session.scalars(select(Finding.seq).where(Finding.inspection_id == other)).all() == [1]


def test_a_finding_needs_a_description_and_a_deadline_not_before_the_visit(
    backend: Backend, sample: Sample
) -> None:
    started = datetime(2026, 6, 1, 1, 0, tzinfo=UTC)
    inspection_id = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=started
    )
    with pytest.raises(ValidationError) as caught:
        backend.call(add_finding, inspection_id, "   ")
    assert caught.value.field == "description"
    with pytest.raises(ValidationError) as caught:
        backend.call(add_finding, inspection_id, "灭火器过期", deadline=date(2026, 5, 31))
    assert caught.value.field == "deadline"
    with pytest.raises(ValidationError) as caught:
        backend.call(add_finding, inspection_id, "灭火器过期", item_code="Z99")
    assert caught.value.field == "item"
    backend.call(add_finding, inspection_id, "灭火器过期", deadline=date(2026, 6, 1))
    with backend.session() as session:
        assert session.scalars(select(Finding.seq)).all() == [1]


# --- finalizing ---------------------------------------------------------------------------------------------


def test_finalize_is_refused_while_required_items_are_open_and_names_them(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    assert backend.call(unanswered_required_items, inspection_id) == REQUIRED
    backend.call(record_answer, inspection_id, "A01", verdict=Verdict.OK)
    backend.call(record_answer, inspection_id, "B02", number=60)
    with pytest.raises(ValidationError) as caught:
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)
    message = str(caught.value)
    assert caught.value.field == "answers"
    assert f"还有 {len(REQUIRED) - 2} 个必填检查项未完成" in message
    for code in REQUIRED:
        assert (code in message) is (code not in {"A01", "B02"}), code
    assert "H01" not in message  # optional
    with backend.session() as session:
        assert get_inspection(session, inspection_id).status is InspectionStatus.IN_PROGRESS


def test_a_note_alone_does_not_answer_a_required_item(backend: Backend, inspection_id: uuid.UUID) -> None:
    # The note and the verdict come in separate taps; the inspector wrote the note and never gave the verdict.
    with backend.session() as session:
        template_id = get_inspection(session, inspection_id).template_id
        # Answer everything else, including what the answers show (a generator's items once there is one).
        while todo := [c for c in unanswered_required_items(session, inspection_id) if c != "A02"]:
            for code in todo:
                item = session.scalar(
                    select(ChecklistItem).where(
                        ChecklistItem.template_id == template_id, ChecklistItem.code == code
                    )
                )
                assert item is not None
                record_answer(session, inspection_id, code, **sample_answer(item))
    backend.call(record_answer, inspection_id, "A02", note="挡鼠板高度待测量")
    assert backend.call(unanswered_required_items, inspection_id) == ["A02"]
    with pytest.raises(ValidationError, match="A02"):
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)
    backend.call(record_answer, inspection_id, "A02", verdict=Verdict.DEFECT)
    assert backend.call(unanswered_required_items, inspection_id) == []


def test_finalize_seals_the_content_with_sha256(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(add_finding, inspection_id, "配电室电缆沟积水", item_code="A01")
    digest = _finish(backend, inspection_id)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    with backend.session() as session:
        inspection = get_inspection(session, inspection_id)
        assert inspection.status is InspectionStatus.FINALIZED
        assert inspection.finalized_at is not None
        assert inspection.finalized_at.tzinfo is not None
        assert inspection.content_sha256 == digest
        assert content_sha256(inspection_content(session, inspection)) == digest
        content = inspection_content(session, inspection)
    assert content["customer"] == "0531000001"
    assert content["inspectors"] == ["YJ001", "YJ002"]
    assert len(content["answers"]) == len(PERIODIC_HV.items)
    assert [f["seq"] for f in content["findings"]] == [1]
    assert backend.call(verify_inspection_seal, inspection_id) is True


def test_the_seal_verifies_from_another_engine(backend: Backend, inspection_id: uuid.UUID) -> None:
    _finish(backend, inspection_id)
    other = Database(backend.database.url)
    try:
        with other.session() as session:
            assert verify_inspection_seal(session, inspection_id) is True
    finally:
        other.dispose()


def test_changing_an_answer_behind_the_apps_back_breaks_the_seal(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    _finish(backend, inspection_id)
    with backend.session() as session:
        answer = session.scalars(select(Answer).where(Answer.inspection_id == inspection_id)).first()
        assert answer is not None
        answer.note = "事后补写"
    assert backend.call(verify_inspection_seal, inspection_id) is False


def test_changing_a_finding_behind_the_apps_back_breaks_the_seal(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(
        add_finding, inspection_id, "主变压器渗油", item_code="B01", deadline=date.today() + timedelta(7)
    )
    _finish(backend, inspection_id)
    with backend.session() as session:
        finding = session.scalars(select(Finding).where(Finding.inspection_id == inspection_id)).one()
        finding.deadline = date.today() + timedelta(30)
    assert backend.call(verify_inspection_seal, inspection_id) is False


def test_a_findings_follow_up_status_is_not_sealed_content(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(add_finding, inspection_id, "主变压器渗油", item_code="B01")
    _finish(backend, inspection_id)
    with backend.session() as session:
        finding = session.scalars(select(Finding).where(Finding.inspection_id == inspection_id)).one()
        finding.status = "verified"  # type: ignore[assignment]
    assert backend.call(verify_inspection_seal, inspection_id) is True


def test_an_unsealed_inspection_does_not_verify(backend: Backend, inspection_id: uuid.UUID) -> None:
    assert backend.call(verify_inspection_seal, inspection_id) is False


def test_a_finalized_inspection_refuses_every_change(backend: Backend, inspection_id: uuid.UUID) -> None:
    digest = _finish(backend, inspection_id)
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(record_answer, inspection_id, "A01", verdict=Verdict.DEFECT)
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(record_answer, inspection_id, "A01", note="补充说明")
    with pytest.raises(LockedError):
        backend.call(add_finding, inspection_id, "补记隐患")
    with pytest.raises(LockedError):
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)
    with backend.session() as session:
        assert get_inspection(session, inspection_id).content_sha256 == digest
        assert session.scalars(select(Finding)).all() == []
    assert {a.verdict for a in _answers(backend, inspection_id)} == {Verdict.OK, None}


# --- voiding ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "错"])
def test_a_void_needs_a_reason(backend: Backend, inspection_id: uuid.UUID, reason: str) -> None:
    with pytest.raises(ValidationError, match="原因") as caught:
        backend.call(void_inspection, inspection_id, reason)
    assert caught.value.field == "reason"
    with backend.session() as session:
        assert get_inspection(session, inspection_id).status is InspectionStatus.IN_PROGRESS


def test_void_keeps_the_reason_and_locks_the_inspection(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(record_answer, inspection_id, "A01", verdict=Verdict.OK)
    backend.call(void_inspection, inspection_id, "  选错了客户 ", actor="YJ001")
    with backend.session() as session:
        inspection = get_inspection(session, inspection_id)
        assert inspection.status is InspectionStatus.VOIDED
        assert inspection.void_reason == "选错了客户"
        assert inspection.voided_at is not None
    with pytest.raises(LockedError, match="已作废"):
        backend.call(record_answer, inspection_id, "A02", verdict=Verdict.OK)
    with pytest.raises(LockedError, match="已作废"):
        backend.call(add_finding, inspection_id, "补记隐患")
    with pytest.raises(LockedError, match="已作废"):
        backend.call(sign_everyone, inspection_id)
        backend.call(finalize_inspection, inspection_id)
    assert len(_answers(backend, inspection_id)) == 1


def test_voiding_twice_is_refused(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(void_inspection, inspection_id, "选错了客户")
    with pytest.raises(LockedError, match="已作废"):
        backend.call(void_inspection, inspection_id, "再次作废")
    with backend.session() as session:
        assert get_inspection(session, inspection_id).void_reason == "选错了客户"


def test_a_voided_finalized_inspection_keeps_its_sealed_content(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    digest = _finish(backend, inspection_id)
    backend.call(void_inspection, inspection_id, "客户户号录入错误，重新检查")
    with backend.session() as session:
        inspection = get_inspection(session, inspection_id)
        assert (inspection.status, inspection.content_sha256) == (InspectionStatus.VOIDED, digest)
    assert backend.call(verify_inspection_seal, inspection_id) is True
