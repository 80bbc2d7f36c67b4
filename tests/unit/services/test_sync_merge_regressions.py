"""Merge bugs the sync simulation (tests/integration/test_sync_simulation.py) found, each shrunk to the
few steps that show it: an office (on each engine) and one or two tablets (SQLite), the records made on
the office and sent out in one bundle, then the edits and exchanges of the failing example."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from testkit import SAMPLE_CUSTOMERS, answer_every_item, sign_everyone

from fieldapp.checklists.builtin import template_from_document
from fieldapp.domain.enums import FindingStatus, InspectorGrade, Verdict
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import create_customer
from fieldapp.services.finding_lifecycle import notify_finding
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    get_inspection,
    record_answer,
    start_inspection,
)
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.sync_export import export_bundle
from fieldapp.services.sync_import import ImportReport, import_file
from fieldapp.services.templates import install_template
from fieldapp.store.models import Conflict, Finding

STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
DEADLINE = TODAY + timedelta(days=30)
OFFICE_PERSON = "BG01 陈敏"
TINY_TEMPLATE = {
    "code": "REGRESSION",
    "version": 1,
    "kind": "periodic",
    "title_zh": "同步回归检查",
    "sections": [{"code": "A", "title_zh": "基本"}],
    "items": [{"code": "A01", "section": "A", "prompt_zh": "接地可靠"}],
}


@dataclass
class World:
    office: Backend
    tablets: list[Backend]
    customer: uuid.UUID
    finding: uuid.UUID
    folder: Path
    files: int = 0

    def send(self, source: Backend, target: Backend, *, full: bool = True) -> ImportReport:
        """`source` exports a bundle for `target`, which imports it; nothing may be refused."""
        self.files += 1
        path = self.folder / f"x{self.files:02d}.fieldsync"
        source.call(export_bundle, path, source.paths.photos, peer=target.device_code, full=full)
        report = target.call(import_file, path, target.paths.photos)
        assert report.applied, report.as_json()
        assert not report.rejections, report.as_json()
        return report


@pytest.fixture
def world(tmp_path: Path, database_url: str) -> Iterator[World]:
    """The office (on each engine) with a customer and a finalized inspection with one finding, sent to two
    tablets."""
    office = open_backend(str(tmp_path / "office"), database_url)
    tablets = [open_backend(str(tmp_path / f"tablet{n}")) for n in (1, 2)]
    folder = tmp_path / "bundles"
    folder.mkdir()
    try:
        with office.session() as session:
            inspectors = [
                create_inspector(session, f"YJ00{n}", name, f"用检证 鲁031500{n}", InspectorGrade.GRADE_1)
                for n, name in enumerate(("王建国", "李秀英"))
            ]
            customer = create_customer(session, SAMPLE_CUSTOMERS[0])
            template = install_template(
                session, template_from_document(TINY_TEMPLATE, "regression"), source="office"
            )
        with office.session() as session:
            inspection = start_inspection(session, customer, template, inspectors, started_at=STARTED)
            answer_every_item(session, inspection)
            finding = add_finding(session, inspection, "隐患", requirement="整改", deadline=DEADLINE)
            sign_everyone(session, inspection)
            finalize_inspection(session, inspection, finalized_at=STARTED + timedelta(hours=3))
        made = World(office, tablets, customer, finding, folder)
        for tablet in tablets:
            made.send(office, tablet)
        yield made
    finally:
        for backend in (office, *tablets):
            backend.close()


def _finding(backend: Backend, finding_id: uuid.UUID) -> tuple[FindingStatus, date | None, datetime]:
    with backend.session() as session:
        finding = session.get(Finding, finding_id)
        assert finding is not None
        return finding.status, finding.current_deadline, finding.status_changed_at


def _conflicts(backend: Backend) -> set[tuple[str, str, str, str]]:
    with backend.session() as session:
        rows = session.execute(
            select(Conflict.entity_id, Conflict.field, Conflict.kept_value, Conflict.lost_value)
        )
        return {tuple(row) for row in rows}  # type: ignore[misc]


def test_a_follow_up_that_gives_a_new_deadline_travels_from_a_finalized_inspection(world: World) -> None:
    """Notifying a customer with a new deadline changes the finding's deadline in force (current_deadline)
    after the inspection was finalized: a follow-up, like its status. The office's import refused it as a
    change to the sealed inspection."""
    tablet = world.tablets[0]
    new_deadline = TODAY + timedelta(days=40)
    tablet.call(
        notify_finding, world.finding, on=TODAY, by=OFFICE_PERSON, new_deadline=new_deadline, today=TODAY
    )

    report = world.send(tablet, world.office)

    assert report.updated >= 1
    assert _finding(world.office, world.finding) == _finding(tablet, world.finding)
    assert _finding(world.office, world.finding)[:2] == (FindingStatus.NOTIFIED, new_deadline)


def test_follow_ups_made_apart_on_two_tablets_end_the_same_on_both(world: World) -> None:
    """Two tablets notify the same customer about the same finding of a finalized inspection, each offline,
    then swap bundles. Both sides hold the finalized inspection, so neither is "the side that sealed it";
    the merge still let the incoming version win on each, so each tablet took the other's and they never
    agreed."""
    first, second = world.tablets
    first.call(notify_finding, world.finding, on=TODAY, by=OFFICE_PERSON, today=TODAY)
    second.call(
        notify_finding,
        world.finding,
        on=TODAY,
        by="BG02 王芳",
        new_deadline=TODAY + timedelta(days=40),
        today=TODAY,
    )
    from_first = first.call(
        export_bundle, world.folder / "first.fieldsync", first.paths.photos, full=True
    ).path
    from_second = second.call(
        export_bundle, world.folder / "second.fieldsync", second.paths.photos, full=True
    ).path

    on_second = second.call(import_file, from_first, second.paths.photos)
    on_first = first.call(import_file, from_second, first.paths.photos)

    assert not on_first.rejections and not on_second.rejections
    assert _finding(first, world.finding) == _finding(second, world.finding)
    # The value that lost is kept, the same on both sides.
    assert _conflicts(first) == _conflicts(second) != set()


def test_two_tablets_answering_the_same_item_of_an_open_inspection_merge_as_one_answer(world: World) -> None:
    with world.office.session() as session:
        inspection = session.scalar(select(Finding.inspection_id).where(Finding.id == world.finding))
        assert inspection is not None
        team = [m.inspector_id for m in get_inspection(session, inspection).team]
        template = get_inspection(session, inspection).template_id
        open_one = start_inspection(
            session, world.customer, template, team, started_at=STARTED + timedelta(days=1)
        )
    first, second = world.tablets
    world.send(world.office, first)
    world.send(world.office, second)
    first.call(record_answer, open_one, "A01", verdict=Verdict.OK)
    second.call(record_answer, open_one, "A01", verdict=Verdict.DEFECT, note="接地线锈蚀")

    world.send(first, world.office)
    report = world.send(second, world.office)

    assert {note.field for note in report.conflict_notes} >= {"verdict"}
