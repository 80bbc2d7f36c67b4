"""Findings during an inspection: a defect verdict raises the item's finding, filled from the checklist;
changing the verdict back withdraws it; the inspector edits findings before finalizing; findings stay
numbered 1..n without gaps; a defect whose item demands a photo blocks finalize until it has one."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from photo_samples import camera_jpeg, upright_pattern
from sqlalchemy import select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingSource, FindingStatus, InspectionStatus, Severity, Verdict
from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.paths import checklists_dir
from fieldapp.services.backend import Backend
from fieldapp.services.findings import (
    MAX_TEXT,
    FindingView,
    findings_of,
    set_verdict,
    update_finding,
    withdraw_finding,
)
from fieldapp.services.inspections import (
    add_finding,
    defects_missing_photos,
    finalize_inspection,
    get_inspection,
    inspection_content,
    start_inspection,
    verify_inspection_seal,
)
from fieldapp.services.photos import add_photo, delete_photo
from fieldapp.store.models import AuditEvent, Finding

PERIODIC_HV = next(t for t in load_builtin_templates(checklists_dir()) if t.code == "PERIODIC-HV")
ITEMS = {i.code: i for i in PERIODIC_HV.items}
# 04:00 UTC is the same calendar day from UTC-4 to UTC+14: the tests hold wherever the machine's clock is set.
STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
DAY = local_day(STARTED)
# Verdict items that need no photo on a defect (so finalize is not blocked by photos), and some that do.
NO_PHOTO = ["A03", "A06", "C01", "K02"]
PHOTO = ["A01", "B01"]


@pytest.fixture
def inspection_id(backend: Backend, sample: Sample) -> uuid.UUID:
    return backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=STARTED
    )


def _all_findings(backend: Backend, inspection_id: uuid.UUID) -> list[Finding]:
    """Every row, tombstones included."""
    with backend.session() as session:
        return list(session.scalars(select(Finding).where(Finding.inspection_id == inspection_id)))


def _live(backend: Backend, inspection_id: uuid.UUID) -> list[tuple[int, str | None]]:
    return [(f.seq, f.item_code) for f in backend.call(findings_of, inspection_id)]


def _events(backend: Backend, action: str) -> list[AuditEvent]:
    with backend.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


# --- the finding a defect raises ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["A01", "B01", "K02"])
def test_a_defect_raises_one_finding_filled_from_the_item(
    backend: Backend, inspection_id: uuid.UUID, code: str
) -> None:
    item = ITEMS[code]
    result = backend.call(set_verdict, inspection_id, code, Verdict.DEFECT, actor="YJ001")
    assert result.answer.verdict is Verdict.DEFECT
    assert result.finding_id is not None
    [finding] = backend.call(findings_of, inspection_id)
    assert finding == FindingView(
        finding_id=result.finding_id,
        seq=1,
        item_code=code,
        category=code[0],
        description=f"{item.prompt_zh}：不符合要求",
        severity=item.default_severity,
        basis=";".join(item.basis),
        requirement=item.requirement_zh,
        deadline=DAY + timedelta(days=item.deadline_days or 0),
        source=FindingSource.CHECKLIST,
        status=FindingStatus.OPEN,
    )
    assert item.requirement_zh and item.basis  # the comparison above is not between empty values


def test_the_raised_finding_takes_the_items_own_severity_and_deadline(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(set_verdict, inspection_id, "A01", "defect")  # general, 30 days
    backend.call(set_verdict, inspection_id, "B03", "defect")  # serious, 3 days
    first, second = backend.call(findings_of, inspection_id)
    assert (first.severity, first.deadline) == (Severity.GENERAL, DAY + timedelta(days=30))
    assert (second.severity, second.deadline) == (Severity.SERIOUS, DAY + timedelta(days=3))
    assert [first.seq, second.seq] == [1, 2]


def test_tapping_defect_twice_keeps_one_finding(backend: Backend, inspection_id: uuid.UUID) -> None:
    first = backend.call(set_verdict, inspection_id, "A01", Verdict.DEFECT)
    backend.call(update_finding, first.finding_id, description="配电室屋面渗水")  # type: ignore[arg-type]
    second = backend.call(set_verdict, inspection_id, "A01", "defect")
    assert second.finding_id == first.finding_id
    assert second.answer.revision == first.answer.revision + 1
    [finding] = backend.call(findings_of, inspection_id)
    assert finding.description == "配电室屋面渗水"  # the inspector's edit survives the second tap
    assert len(_all_findings(backend, inspection_id)) == 1
    assert len(_events(backend, "finding.add")) == 1


@pytest.mark.parametrize("verdict", [Verdict.OK, Verdict.NOT_APPLICABLE])
def test_changing_a_defect_back_withdraws_its_finding_as_a_tombstone(
    backend: Backend, inspection_id: uuid.UUID, verdict: Verdict
) -> None:
    raised = backend.call(set_verdict, inspection_id, "A01", Verdict.DEFECT).finding_id
    result = backend.call(set_verdict, inspection_id, "A01", verdict, actor="YJ002")
    assert result.finding_id is None
    assert result.answer.verdict is verdict
    assert backend.call(findings_of, inspection_id) == []
    [row] = _all_findings(backend, inspection_id)
    assert (row.id, row.deleted) == (raised, True)
    [event] = _events(backend, "finding.withdraw")
    assert (event.entity_id, event.actor, event.detail["seq"]) == (str(raised), "YJ002", 1)


def test_ok_on_an_item_without_a_finding_raises_nothing(backend: Backend, inspection_id: uuid.UUID) -> None:
    assert backend.call(set_verdict, inspection_id, "A01", "ok").finding_id is None
    assert _all_findings(backend, inspection_id) == []


def test_withdrawing_by_verdict_renumbers_the_others_without_gaps(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    for code in ("A01", "A03", "B01", "C01"):
        backend.call(set_verdict, inspection_id, code, "defect")
    assert _live(backend, inspection_id) == [(1, "A01"), (2, "A03"), (3, "B01"), (4, "C01")]
    backend.call(set_verdict, inspection_id, "A01", "ok")
    assert _live(backend, inspection_id) == [(1, "A03"), (2, "B01"), (3, "C01")]
    backend.call(set_verdict, inspection_id, "B01", "na")
    assert _live(backend, inspection_id) == [(1, "A03"), (2, "C01")]


def test_a_defect_again_after_ok_raises_a_new_finding_numbered_last(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    first = backend.call(set_verdict, inspection_id, "A01", "defect").finding_id
    backend.call(set_verdict, inspection_id, "A03", "defect")
    backend.call(set_verdict, inspection_id, "A01", "ok")
    again = backend.call(set_verdict, inspection_id, "A01", "defect").finding_id
    assert again not in (None, first)
    assert _live(backend, inspection_id) == [(1, "A03"), (2, "A01")]
    # And the same once more, and with a finding added by hand in between.
    backend.call(set_verdict, inspection_id, "A01", "ok")
    backend.call(add_finding, inspection_id, "现场私拉临时线路")
    backend.call(set_verdict, inspection_id, "A01", "defect")
    assert _live(backend, inspection_id) == [(1, "A03"), (2, None), (3, "A01")]
    assert sum(f.deleted for f in _all_findings(backend, inspection_id)) == 2


def test_a_verdict_back_to_ok_leaves_a_finding_added_by_hand(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    manual = backend.call(add_finding, inspection_id, "挡鼠板可随手取下", item_code="A02")
    backend.call(set_verdict, inspection_id, "A02", "defect")
    backend.call(set_verdict, inspection_id, "A02", "ok")
    [left] = backend.call(findings_of, inspection_id)
    assert (left.finding_id, left.seq, left.source) == (manual, 1, FindingSource.MANUAL)


def test_set_verdict_refuses_an_unknown_verdict_or_item(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(set_verdict, inspection_id, "A01", "broken")
    assert caught.value.field == "verdict"
    with pytest.raises(ValidationError) as caught:
        backend.call(set_verdict, inspection_id, "Z99", "defect")
    assert caught.value.field == "item"
    assert _all_findings(backend, inspection_id) == []


# --- editing ------------------------------------------------------------------------------------------------


def test_update_finding_changes_what_the_inspector_may_change_and_audits_before_and_after(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    finding_id = backend.call(set_verdict, inspection_id, "A01", "defect").finding_id
    assert finding_id is not None
    before = backend.call(findings_of, inspection_id)[0]
    view = backend.call(
        update_finding,
        finding_id,
        description="  配电室屋面渗水，电缆沟积水  ",
        severity="serious",
        requirement=" 修补屋面并排水 ",
        deadline=DAY + timedelta(days=10),
        actor="YJ002",
    )
    assert (view.description, view.severity, view.requirement, view.deadline) == (
        "配电室屋面渗水，电缆沟积水",
        Severity.SERIOUS,
        "修补屋面并排水",
        DAY + timedelta(days=10),
    )
    assert backend.call(findings_of, inspection_id) == [view]  # stored, not only returned
    assert (view.basis, view.seq, view.item_code) == (before.basis, 1, "A01")  # what may not change did not
    [event] = _events(backend, "finding.update")
    assert (event.entity_id, event.actor) == (str(finding_id), "YJ002")
    assert event.detail == {
        "description": [before.description, "配电室屋面渗水，电缆沟积水"],
        "severity": ["general", "serious"],
        "requirement": [before.requirement, "修补屋面并排水"],
        "deadline": [(DAY + timedelta(days=30)).isoformat(), (DAY + timedelta(days=10)).isoformat()],
    }


def test_values_not_given_stay_and_an_edit_that_changes_nothing_is_not_audited(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    finding_id = backend.call(add_finding, inspection_id, "灭火器过期", requirement="更换灭火器")
    backend.call(update_finding, finding_id, severity=Severity.SERIOUS)
    view = backend.call(update_finding, finding_id, description=" 灭火器过期 ", severity="serious")
    assert (view.description, view.severity, view.requirement) == (
        "灭火器过期",
        Severity.SERIOUS,
        "更换灭火器",
    )
    [event] = _events(backend, "finding.update")
    assert event.detail == {"severity": ["general", "serious"]}


def test_a_deadline_on_the_inspection_day_is_accepted_and_one_may_be_cleared(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    finding_id = backend.call(set_verdict, inspection_id, "A03", "defect").finding_id
    assert finding_id is not None
    assert backend.call(update_finding, finding_id, deadline=DAY).deadline == DAY
    assert backend.call(update_finding, finding_id, clear_deadline=True).deadline is None
    assert backend.call(findings_of, inspection_id)[0].deadline is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"description": "长" * (MAX_TEXT + 1)}, "description"),
        ({"requirement": "长" * (MAX_TEXT + 1)}, "requirement"),
        ({"severity": "fatal"}, "severity"),
        ({"deadline": DAY - timedelta(days=1)}, "deadline"),
        # A valid change together with an invalid one: neither is kept.
        ({"description": "新的描述", "deadline": DAY - timedelta(days=1)}, "deadline"),
        ({"severity": "serious", "description": " "}, "description"),
    ],
)
def test_an_invalid_edit_is_refused_naming_the_field_and_nothing_changes(
    backend: Backend, inspection_id: uuid.UUID, change: dict[str, object], field: str
) -> None:
    finding_id = backend.call(set_verdict, inspection_id, "A01", "defect").finding_id
    assert finding_id is not None
    before = backend.call(findings_of, inspection_id)
    with pytest.raises(ValidationError) as caught:
        backend.call(update_finding, finding_id, **change)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert backend.call(findings_of, inspection_id) == before
    assert _events(backend, "finding.update") == []


def test_a_text_of_the_longest_allowed_length_is_kept(backend: Backend, inspection_id: uuid.UUID) -> None:
    finding_id = backend.call(add_finding, inspection_id, "灭火器过期")
    view = backend.call(update_finding, finding_id, description="长" * MAX_TEXT, requirement="改" * MAX_TEXT)
    assert (len(view.description), len(view.requirement)) == (MAX_TEXT, MAX_TEXT)


def test_withdraw_finding_renumbers_the_others_and_keeps_a_tombstone(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(set_verdict, inspection_id, "A01", "defect")
    middle = backend.call(add_finding, inspection_id, "现场私拉临时线路")
    backend.call(set_verdict, inspection_id, "C01", "defect")
    backend.call(withdraw_finding, middle, actor="YJ001")
    assert _live(backend, inspection_id) == [(1, "A01"), (2, "C01")]
    row = next(f for f in _all_findings(backend, inspection_id) if f.id == middle)
    assert (row.deleted, row.description) == (True, "现场私拉临时线路")
    [event] = _events(backend, "finding.withdraw")
    assert (event.entity_id, event.actor, event.detail) == (
        str(middle),
        "YJ001",
        {"inspection": str(inspection_id), "seq": 2},
    )
    # A finding added afterwards takes the next number; the withdrawn one cannot be edited or withdrawn.
    backend.call(add_finding, inspection_id, "接地线松动")
    assert [seq for seq, _ in _live(backend, inspection_id)] == [1, 2, 3]
    with pytest.raises(NotFoundError):
        backend.call(update_finding, middle, description="复活")
    with pytest.raises(NotFoundError):
        backend.call(withdraw_finding, middle)


def test_withdrawing_the_first_of_many_findings_closes_the_gap(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    ids = [backend.call(add_finding, inspection_id, f"隐患{n}") for n in range(1, 7)]
    backend.call(withdraw_finding, ids[0])
    backend.call(withdraw_finding, ids[3])
    views = backend.call(findings_of, inspection_id)
    assert [(v.seq, v.description) for v in views] == [(1, "隐患2"), (2, "隐患3"), (3, "隐患5"), (4, "隐患6")]


def test_an_unknown_finding_is_reported(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(NotFoundError):
        backend.call(update_finding, uuid.uuid4(), description="x")
    with pytest.raises(NotFoundError):
        backend.call(withdraw_finding, uuid.uuid4())


def test_the_seal_covers_the_findings_as_renumbered(backend: Backend, inspection_id: uuid.UUID) -> None:
    with backend.session() as session:
        answer_every_item(session, inspection_id)
    for code in ("A03", "A06", "C01"):
        backend.call(set_verdict, inspection_id, code, "defect")
    backend.call(set_verdict, inspection_id, "A03", "ok")
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)
    with backend.session() as session:
        content = inspection_content(session, get_inspection(session, inspection_id))
    assert [(f["seq"], f["category"]) for f in content["findings"]] == [(1, "A"), (2, "C")]
    assert backend.call(verify_inspection_seal, inspection_id) is True


def test_every_finding_change_is_refused_after_finalize(backend: Backend, inspection_id: uuid.UUID) -> None:
    with backend.session() as session:
        answer_every_item(session, inspection_id)
    finding_id = backend.call(set_verdict, inspection_id, "K02", "defect").finding_id
    assert finding_id is not None
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)
    before = backend.call(findings_of, inspection_id)
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(set_verdict, inspection_id, "K02", "ok")
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(set_verdict, inspection_id, "A03", "defect")
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(update_finding, finding_id, description="事后修改")
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(withdraw_finding, finding_id)
    assert backend.call(findings_of, inspection_id) == before
    assert backend.call(verify_inspection_seal, inspection_id) is True


# --- defects that need a photo ------------------------------------------------------------------------------


def _jpeg(tmp_path: Path, n: int = 0) -> Path:
    return camera_jpeg(tmp_path / f"shot{n}.jpg", upright=upright_pattern(400 + 8 * n, 200))


def _ready_but_for_photos(backend: Backend, inspection_id: uuid.UUID, defects: list[str]) -> list[uuid.UUID]:
    with backend.session() as session:
        answer_every_item(session, inspection_id)
    raised = [backend.call(set_verdict, inspection_id, code, "defect").finding_id for code in defects]
    backend.call(sign_everyone, inspection_id)
    return [f for f in raised if f is not None]


def test_a_defect_whose_item_demands_a_photo_blocks_finalize_until_one_is_attached(
    backend: Backend, inspection_id: uuid.UUID, tmp_path: Path
) -> None:
    assert all(ITEMS[c].photo_required_on_defect for c in PHOTO)
    assert not any(ITEMS[c].photo_required_on_defect for c in NO_PHOTO)
    _ready_but_for_photos(backend, inspection_id, ["B01", "A03", "A01"])
    assert backend.call(defects_missing_photos, inspection_id) == ["A01", "B01"]  # checklist order
    with pytest.raises(ValidationError) as caught:
        backend.call(finalize_inspection, inspection_id)
    assert caught.value.field == "photos"
    assert "A01、B01" in str(caught.value)
    assert "A03" not in str(caught.value)
    assert backend.call(get_inspection, inspection_id).status is InspectionStatus.IN_PROGRESS
    backend.call(
        add_photo, backend.paths.photos, _jpeg(tmp_path), inspection_id=inspection_id, item_code="A01"
    )
    assert backend.call(defects_missing_photos, inspection_id) == ["B01"]
    with pytest.raises(ValidationError, match="B01"):
        backend.call(finalize_inspection, inspection_id)
    backend.call(
        add_photo, backend.paths.photos, _jpeg(tmp_path, 1), inspection_id=inspection_id, item_code="B01"
    )
    assert backend.call(defects_missing_photos, inspection_id) == []
    backend.call(finalize_inspection, inspection_id)
    assert backend.call(verify_inspection_seal, inspection_id) is True


def test_a_photo_on_the_finding_the_defect_raised_counts(
    backend: Backend, inspection_id: uuid.UUID, tmp_path: Path
) -> None:
    [finding_id] = _ready_but_for_photos(backend, inspection_id, ["A01"])
    backend.call(
        add_photo, backend.paths.photos, _jpeg(tmp_path), inspection_id=inspection_id, finding_id=finding_id
    )
    assert backend.call(defects_missing_photos, inspection_id) == []
    backend.call(finalize_inspection, inspection_id)


def test_a_photo_elsewhere_or_deleted_does_not_count(
    backend: Backend, inspection_id: uuid.UUID, tmp_path: Path
) -> None:
    _ready_but_for_photos(backend, inspection_id, ["A01"])
    backend.call(
        add_photo, backend.paths.photos, _jpeg(tmp_path), inspection_id=inspection_id, item_code="A02"
    )
    backend.call(add_photo, backend.paths.photos, _jpeg(tmp_path, 1), inspection_id=inspection_id)
    assert backend.call(defects_missing_photos, inspection_id) == ["A01"]
    photo = backend.call(
        add_photo, backend.paths.photos, _jpeg(tmp_path, 2), inspection_id=inspection_id, item_code="A01"
    )
    assert backend.call(defects_missing_photos, inspection_id) == []
    backend.call(delete_photo, photo.id)
    assert backend.call(defects_missing_photos, inspection_id) == ["A01"]
    with pytest.raises(ValidationError, match="A01"):
        backend.call(finalize_inspection, inspection_id)


def test_a_photo_of_another_inspection_does_not_count(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID, tmp_path: Path
) -> None:
    other = backend.call(start_inspection, sample.customers[1], sample.template_id, sample.inspectors[1:])
    backend.call(add_photo, backend.paths.photos, _jpeg(tmp_path), inspection_id=other, item_code="A01")
    _ready_but_for_photos(backend, inspection_id, ["A01"])
    assert backend.call(defects_missing_photos, inspection_id) == ["A01"]


def test_an_ok_or_not_applicable_verdict_needs_no_photo(backend: Backend, inspection_id: uuid.UUID) -> None:
    _ready_but_for_photos(backend, inspection_id, ["A01", "B01"])
    backend.call(set_verdict, inspection_id, "A01", "ok")
    backend.call(set_verdict, inspection_id, "B01", "na")
    assert backend.call(defects_missing_photos, inspection_id) == []
    backend.call(finalize_inspection, inspection_id)


def test_a_defect_recorded_without_its_finding_still_needs_a_photo(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    """The defect itself needs the evidence, even when the inspector withdrew the finding it raised."""
    [finding_id] = _ready_but_for_photos(backend, inspection_id, ["A01"])
    backend.call(withdraw_finding, finding_id)
    assert backend.call(defects_missing_photos, inspection_id) == ["A01"]


@pytest.fixture
def beijing_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The device's clock set to Beijing time (UTC+8), as on the tablets in the field."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_deadline_counts_from_the_local_day_of_the_visit(
    backend: Backend, sample: Sample, beijing_clock: None
) -> None:
    """07:30 in Beijing on 2 June is 23:30 UTC on 1 June: the finding is due 15 days after 2 June."""
    started = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    inspection_id = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], started_at=started
    )
    backend.call(set_verdict, inspection_id, "A03", "defect")
    [finding] = backend.call(findings_of, inspection_id)
    assert finding.deadline == date(2026, 6, 17)
    with pytest.raises(ValidationError):
        backend.call(update_finding, finding.finding_id, deadline=date(2026, 6, 1))
    assert backend.call(update_finding, finding.finding_id, deadline=date(2026, 6, 2)).deadline == date(
        2026, 6, 2
    )
