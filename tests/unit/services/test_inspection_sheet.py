"""What the inspection pages read: the checklist of an inspection (sections, items with their choices and
units, the team), the state after each tap (answers, which items are shown, what is still open, rule
proposals, photo counts), where the inspector was, and the lists of inspections."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from photo_samples import camera_jpeg, upright_pattern
from testkit import SAMPLE_CUSTOMERS, Sample, answer_every_item, sign_everyone

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.expressions import parse
from fieldapp.domain.enums import AnswerKind, InspectionKind, InspectionStatus, Severity, Verdict
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.paths import checklists_dir
from fieldapp.services.backend import Backend
from fieldapp.services.customers import create_customer
from fieldapp.services.findings import set_verdict
from fieldapp.services.inspection_sheet import (
    MAX_LIST,
    ChoiceView,
    SectionView,
    TeamMember,
    inspection_sheet,
    inspections_in_progress,
    list_inspections,
    set_current_item,
    sheet_state,
)
from fieldapp.services.inspections import (
    finalize_inspection,
    get_inspection,
    record_answer,
    start_inspection,
    void_inspection,
)
from fieldapp.services.photos import add_photo, delete_photo
from fieldapp.store.models import AuditEvent

PERIODIC_HV = next(t for t in load_builtin_templates(checklists_dir()) if t.code == "PERIODIC-HV")
CODES = [i.code for i in PERIODIC_HV.items]
# Items shown only while their relevance condition holds, and those shown before any answer.
CONDITIONAL = {i.code for i in PERIODIC_HV.items if i.relevant}
SHOWN_FRESH = {i.code for i in PERIODIC_HV.items if not i.relevant or parse(i.relevant).holds({})}
REQUIRED = [
    i.code for i in PERIODIC_HV.items if i.required and (not i.relevant or parse(i.relevant).holds({}))
]
T0 = datetime(2026, 6, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def inspection_id(backend: Backend, sample: Sample) -> uuid.UUID:
    return backend.call(start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2])


def _finish(backend: Backend, inspection_id: uuid.UUID) -> None:
    with backend.session() as session:
        answer_every_item(session, inspection_id)
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)


# --- the sheet ----------------------------------------------------------------------------------------------


def test_the_sheet_has_the_checklists_sections_and_items_in_order(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    sheet = backend.call(inspection_sheet, inspection_id)
    assert (sheet.template_code, sheet.template_version) == ("PERIODIC-HV", 1)
    assert sheet.title_zh == "高压客户周期性用电安全检查"
    assert [s.code for s in sheet.sections] == list("ABCDEFGHIJK")
    assert sheet.sections[0] == SectionView("A", "配电室及受电装置", "Switch room and receiving installation")
    assert [i.code for i in sheet.items] == CODES
    assert {i.section for i in sheet.items} == set("ABCDEFGHIJK")
    assert (sheet.status, sheet.kind, sheet.current_item_code) == (
        InspectionStatus.IN_PROGRESS,
        InspectionKind.PERIODIC,
        None,
    )


def test_each_item_carries_what_its_page_shows(backend: Backend, inspection_id: uuid.UUID) -> None:
    items = {i.code: i for i in backend.call(inspection_sheet, inspection_id).items}
    a01, b01, b02, b05 = items["A01"], items["B01"], items["B02"], items["B05"]
    assert a01.prompt_zh.startswith("配电室“五防一通”")
    assert a01.guidance_zh and a01.guidance_en
    assert (a01.kind, a01.unit, a01.choices, a01.required) == (AnswerKind.VERDICT, "", (), True)
    assert (a01.photo_required_on_defect, a01.has_rule, a01.conditional) == (True, False, False)
    assert b01.default_severity is Severity.SERIOUS
    assert (b02.kind, b02.unit, b02.has_rule) == (AnswerKind.NUMBER, "°C", True)
    assert b02.constraint_message_zh == "油温应在 -40 °C 至 150 °C 之间，请核对读数"
    assert a01.constraint_message_zh == ""
    assert (b05.kind, b05.required, b05.conditional) == (AnswerKind.CHOICE, False, True)
    assert [c.name for c in b05.choices] == ["general", "serious", "critical"]
    assert b05.choices[0] == ChoiceView(
        "general", "一般缺陷（相对温差≥35%）", "General defect (relative difference ≥ 35 %)"
    )
    assert [c.name for c in items["F02"].choices] == ["diesel", "ups", "pv", "storage", "none"]
    assert items["B09"].unit == "Ω" and items["C09"].unit == "MΩ"
    assert {code for code, item in items.items() if item.conditional} == CONDITIONAL


def test_the_sheet_names_the_customer_and_the_team_in_order(backend: Backend, sample: Sample) -> None:
    team = [sample.inspectors[2], sample.inspectors[0]]
    inspection_id = backend.call(
        start_inspection, sample.customers[1], sample.template_id, team, started_at=T0
    )
    sheet = backend.call(inspection_sheet, inspection_id)
    assert (sheet.customer_id, sheet.customer_name, sheet.account_no, sheet.address) == (
        sample.customers[1],
        "临河钢铁集团有限公司",
        "0531000002",
        "经济开发区创业路8号",
    )
    assert sheet.started_at == T0
    assert sheet.team == (
        TeamMember(sample.inspectors[2], "张伟", "YJ003", "用检证 鲁0315003"),
        TeamMember(sample.inspectors[0], "王建国", "YJ001", "用检证 鲁0315001"),
    )


def test_a_missing_inspection_has_no_sheet(backend: Backend, sample: Sample) -> None:
    with pytest.raises(NotFoundError):
        backend.call(inspection_sheet, uuid.uuid4())
    with pytest.raises(NotFoundError):
        backend.call(sheet_state, uuid.uuid4())


# --- the state after each tap -------------------------------------------------------------------------------


def test_a_fresh_inspection_shows_the_unconditional_items_and_asks_for_the_required_ones(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    state = backend.call(sheet_state, inspection_id)
    assert state.answers == {}
    assert state.visible == SHOWN_FRESH
    assert not {"B05", "F03", "F04", "F06", "H03", "H09"} & state.visible
    assert {"G03", "G04", "G05"} <= state.visible  # ${G01} != 'na' holds while G01 is unanswered
    assert list(state.missing_required) == REQUIRED
    assert (state.proposals, state.findings, state.photo_counts) == ((), (), {})
    assert state.answered_count() == 0


def test_answers_are_shown_with_their_values_and_a_note_alone_is_no_answer(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "A01", verdict="defect", note="屋面渗水")
    backend.call(record_answer, inspection_id, "B02", number="78.5")
    backend.call(record_answer, inspection_id, "D01", verdict="ok", text="LH123456")
    backend.call(record_answer, inspection_id, "A02", note="挡鼠板待测量")
    state = backend.call(sheet_state, inspection_id)
    assert set(state.answers) == {"A01", "B02", "D01", "A02"}
    a01, b02, d01, a02 = (state.answers[c] for c in ("A01", "B02", "D01", "A02"))
    assert (a01.verdict, a01.note, a01.given) == (Verdict.DEFECT, "屋面渗水", True)
    assert (b02.number, b02.verdict, b02.given) == (Decimal("78.5"), None, True)
    assert (d01.text, d01.given) == ("LH123456", True)
    assert (a02.note, a02.given) == ("挡鼠板待测量", False)
    assert state.answered_count() == 3
    assert "A02" in state.missing_required
    assert not {"A01", "B02", "D01"} & set(state.missing_required)
    assert state.defect_codes(CODES) == ["A01"]


def test_which_items_are_shown_follows_the_answers_they_depend_on(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "B04", number=40)  # B05: ${B04} >= 35
    state = backend.call(sheet_state, inspection_id)
    assert "B05" in state.visible
    assert "B05" not in state.missing_required  # optional
    backend.call(record_answer, inspection_id, "B04", number=20)
    assert "B05" not in backend.call(sheet_state, inspection_id).visible

    backend.call(record_answer, inspection_id, "F02", text="diesel")
    state = backend.call(sheet_state, inspection_id)
    assert {"F03", "F04"} <= state.visible
    assert "F06" not in state.visible
    assert {"F03", "F04"} <= set(state.missing_required)
    backend.call(record_answer, inspection_id, "F02", text="none")
    state = backend.call(sheet_state, inspection_id)
    assert not {"F03", "F04", "F06"} & state.visible
    assert not {"F03", "F04", "F06"} & set(state.missing_required)

    backend.call(record_answer, inspection_id, "G01", verdict=Verdict.NOT_APPLICABLE)
    state = backend.call(sheet_state, inspection_id)
    assert not {"G03", "G04", "G05"} & state.visible
    assert not {"G03", "G04", "G05"} & set(state.missing_required)

    backend.call(record_answer, inspection_id, "H02", text="mv")
    state = backend.call(sheet_state, inspection_id)
    assert {"H04", "H07", "H09"} <= state.visible
    assert not {"H03", "H05", "H06", "H08"} & state.visible


def test_an_answer_to_a_hidden_item_is_kept_but_not_counted(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "B04", number=40)
    backend.call(record_answer, inspection_id, "B05", text="serious")
    assert backend.call(sheet_state, inspection_id).answered_count() == 2
    backend.call(record_answer, inspection_id, "B04", number=10)
    state = backend.call(sheet_state, inspection_id)
    assert state.answers["B05"].text == "serious"
    assert state.answered_count() == 1


def test_a_number_out_of_limits_brings_a_proposal_until_it_is_back_within(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_answer, inspection_id, "B02", number=95)  # limit 85 °C
    [proposal] = backend.call(sheet_state, inspection_id).proposals
    assert (proposal.item_code, proposal.rule_kind) == ("B02", "max")
    assert "95" in proposal.measured and "85" in proposal.limit
    backend.call(record_answer, inspection_id, "B02", number=60)
    assert backend.call(sheet_state, inspection_id).proposals == ()


def test_the_state_lists_findings_and_counts_photos_per_item(
    backend: Backend, inspection_id: uuid.UUID, tmp_path: Path
) -> None:
    finding_id = backend.call(set_verdict, inspection_id, "A01", "defect").finding_id
    shots = [camera_jpeg(tmp_path / f"{n}.jpg", upright=upright_pattern(400 + 8 * n, 200)) for n in range(5)]
    root = backend.paths.photos
    backend.call(add_photo, root, shots[0], inspection_id=inspection_id, item_code="A01")
    backend.call(add_photo, root, shots[1], inspection_id=inspection_id, finding_id=finding_id)
    backend.call(add_photo, root, shots[2], inspection_id=inspection_id, item_code="B01")
    backend.call(add_photo, root, shots[3], inspection_id=inspection_id)  # of the whole site, no item
    gone = backend.call(add_photo, root, shots[4], inspection_id=inspection_id, item_code="B03")
    backend.call(delete_photo, gone.id)
    state = backend.call(sheet_state, inspection_id)
    assert state.photo_counts == {"A01": 2, "B01": 1}
    assert [(f.finding_id, f.seq, f.item_code) for f in state.findings] == [(finding_id, 1, "A01")]


def test_a_finalized_inspection_shows_its_answers_and_no_proposals(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    _finish(backend, inspection_id)
    state = backend.call(sheet_state, inspection_id)
    assert state.proposals == ()
    assert state.missing_required == ()
    assert state.answered_count() == len(state.visible)
    assert backend.call(inspection_sheet, inspection_id).status is InspectionStatus.FINALIZED


# --- where the inspector was --------------------------------------------------------------------------------


def test_the_current_item_is_kept_without_a_new_revision_or_an_audit_event(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    before = backend.call(get_inspection, inspection_id)
    with backend.session() as session:
        events = session.query(AuditEvent).count()
    backend.call(set_current_item, inspection_id, "C05")
    after = backend.call(get_inspection, inspection_id)
    assert after.current_item_code == "C05"
    assert backend.call(inspection_sheet, inspection_id).current_item_code == "C05"
    assert (after.revision, after.modified_at) == (before.revision, before.modified_at)
    with backend.session() as session:
        assert session.query(AuditEvent).count() == events


def test_an_item_not_on_the_checklist_cannot_be_current(backend: Backend, inspection_id: uuid.UUID) -> None:
    backend.call(set_current_item, inspection_id, "A02")
    with pytest.raises(ValidationError, match="Z99") as caught:
        backend.call(set_current_item, inspection_id, "Z99")
    assert caught.value.field == "item"
    assert backend.call(get_inspection, inspection_id).current_item_code == "A02"


@pytest.mark.parametrize("end", ["finalize", "void"])
def test_the_current_item_of_a_closed_inspection_does_not_change(
    backend: Backend, inspection_id: uuid.UUID, end: str
) -> None:
    if end == "finalize":
        _finish(backend, inspection_id)
    else:
        backend.call(void_inspection, inspection_id, "选错了客户")
    where = backend.call(get_inspection, inspection_id).current_item_code
    with pytest.raises(LockedError):
        backend.call(set_current_item, inspection_id, "A01")
    assert backend.call(get_inspection, inspection_id).current_item_code == where


# --- lists of inspections -----------------------------------------------------------------------------------


def _start(backend: Backend, sample: Sample, customer: int, hours: int) -> uuid.UUID:
    return backend.call(
        start_inspection,
        sample.customers[customer],
        sample.template_id,
        sample.inspectors[:2],
        started_at=T0 + timedelta(hours=hours),
    )


def test_inspections_in_progress_are_listed_newest_first_with_their_progress(
    backend: Backend, sample: Sample
) -> None:
    older = _start(backend, sample, 0, 0)
    newer = _start(backend, sample, 1, 5)
    finished = _start(backend, sample, 2, 9)
    voided = _start(backend, sample, 0, 10)
    _finish(backend, finished)
    backend.call(void_inspection, voided, "重复建立")
    backend.call(record_answer, older, "A01", verdict="ok")
    backend.call(record_answer, older, "B02", number=60)
    backend.call(record_answer, older, "A02", note="只写了备注")
    backend.call(set_current_item, older, "A03")
    rows = backend.call(inspections_in_progress)
    assert [r.inspection_id for r in rows] == [newer, older]
    second = rows[1]
    assert (second.customer_name, second.account_no, second.status) == (
        "临河县人民医院",
        "0531000001",
        InspectionStatus.IN_PROGRESS,
    )
    # Progress counts the items shown now, as the inspection page does.
    assert (second.answered, second.total, second.current_item_code) == (2, len(SHOWN_FRESH), "A03")
    assert (second.started_at, second.finalized_at, second.kind) == (T0, None, InspectionKind.PERIODIC)
    assert second.title_zh == "高压客户周期性用电安全检查"
    assert rows[0].answered == 0


def test_list_inspections_filters_by_status_and_customer(backend: Backend, sample: Sample) -> None:
    first = _start(backend, sample, 0, 0)
    second = _start(backend, sample, 1, 1)
    third = _start(backend, sample, 0, 2)
    _finish(backend, first)
    backend.call(void_inspection, second, "选错了客户")
    assert [r.inspection_id for r in backend.call(list_inspections)] == [third, second, first]
    finalized = backend.call(list_inspections, status=InspectionStatus.FINALIZED)
    assert [r.inspection_id for r in finalized] == [first]
    assert finalized[0].finalized_at is not None
    assert (finalized[0].answered, finalized[0].total) == (len(CODES), len(CODES))
    assert [r.inspection_id for r in backend.call(list_inspections, status=InspectionStatus.VOIDED)] == [
        second
    ]
    in_progress = backend.call(list_inspections, status=InspectionStatus.IN_PROGRESS)
    assert [r.inspection_id for r in in_progress] == [third]
    mine = backend.call(list_inspections, customer_id=sample.customers[0])
    assert [r.inspection_id for r in mine] == [third, first]
    assert backend.call(list_inspections, customer_id=sample.customers[2]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("医院", ["0531000001"]),
        ("  临河县  ", ["0531000003", "0531000001"]),  # trimmed; newest first
        ("000002", ["0531000002"]),
        ("053100000", ["0531000009", "0531000008", "0531000007", "0531000003", "0531000002", "0531000001"]),
        ("水务", []),
        (
            "",
            [
                "0531000010",
                "0531000009",
                "0531000008",
                "0531000007",
                "0531000003",
                "0531000002",
                "0531000001",
            ],
        ),
        # LIKE's wildcards are taken literally.
        ("%", ["0531000009"]),
        ("100%", ["0531000009"]),
        ("_", ["0531000007"]),
        ("A_1", ["0531000007"]),
        ("\\", ["0531000008"]),
    ],
)
def test_list_inspections_finds_the_customers_name_or_account_number(
    backend: Backend, sample: Sample, text: str, expected: list[str]
) -> None:
    extra = [
        dataclasses.replace(SAMPLE_CUSTOMERS[2], account_no="0531000007", name="临港A_1号仓储"),
        dataclasses.replace(SAMPLE_CUSTOMERS[2], account_no="0531000008", name="路径C:\\temp物流"),
        dataclasses.replace(SAMPLE_CUSTOMERS[2], account_no="0531000009", name="达标率100%电子厂"),
        # What "A_1" would also match if "_" were a wildcard.
        dataclasses.replace(SAMPLE_CUSTOMERS[2], account_no="0531000010", name="临港A11号仓储"),
    ]
    customers = [*sample.customers, *(backend.call(create_customer, fields) for fields in extra)]
    for hours, customer in enumerate(customers):
        backend.call(
            start_inspection,
            customer,
            sample.template_id,
            sample.inspectors[:2],
            started_at=T0 + timedelta(hours=hours),
        )
    found = backend.call(list_inspections, text=text)
    assert [r.account_no for r in found] == expected


def test_list_inspections_limit(backend: Backend, sample: Sample) -> None:
    ids = [_start(backend, sample, n % 3, n) for n in range(3)]
    assert [r.inspection_id for r in backend.call(list_inspections, limit=1)] == [ids[2]]
    assert len(backend.call(list_inspections, limit=MAX_LIST)) == 3
    for limit in (0, -1, MAX_LIST + 1):
        with pytest.raises(ValidationError) as caught:
            backend.call(list_inspections, limit=limit)
        assert caught.value.field == "limit"
