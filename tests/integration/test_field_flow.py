"""An inspection as it happens in the field, on each engine: the app is closed and reopened half way, comes
back to the item the inspector was on, and the finalized record verifies after another restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from photo_samples import jpeg_bytes, upright_pattern
from sqlalchemy import select
from testkit import SAMPLE_CUSTOMERS, sample_answer, sign_everyone

from fieldapp.domain.enums import InspectorGrade, Severity, Verdict
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import open_backend
from fieldapp.services.customers import create_customer
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    get_inspection,
    record_answer,
    start_inspection,
    unanswered_required_items,
    verify_inspection_seal,
)
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.photos import add_photo
from fieldapp.services.stats import collect_stats
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import ChecklistItem

NUMBERS = {"B02": "68.5", "E01": "2500", "G02": "0.93"}


def test_an_inspection_survives_restarts_and_its_seal_verifies(database_url: str, tmp_path: Path) -> None:
    app = open_backend(data_dir=str(tmp_path), db_url=database_url)
    device = app.device_code
    try:
        lead = app.call(create_inspector, "YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1)
        second = app.call(create_inspector, "YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1)
        customer = app.call(create_customer, SAMPLE_CUSTOMERS[0])
        template = app.call(latest_template_id, "PERIODIC-HV")
        inspection = app.call(start_inspection, customer, template, [lead, second], actor="YJ001")
        open_items = app.call(unanswered_required_items, inspection)
        for code in open_items[:5]:
            app.call(record_answer, inspection, code, verdict=Verdict.OK, actor="YJ001")
    finally:
        app.close()

    app = open_backend(data_dir=str(tmp_path), db_url=database_url)
    try:
        assert app.device_code == device
        with app.session() as session:
            assert get_inspection(session, inspection).current_item_code == open_items[4]
        remaining = app.call(unanswered_required_items, inspection)
        assert remaining == open_items[5:]
        for code in remaining:
            if code in NUMBERS:
                app.call(record_answer, inspection, code, number=NUMBERS[code], actor="YJ002")
            else:
                app.call(
                    record_answer, inspection, code, verdict=Verdict.DEFECT if code == "B01" else Verdict.OK
                )
        # Answers can show items that were hidden (a generator's interlock once there is a generator).
        with app.session() as session:
            for code in unanswered_required_items(session, inspection):
                item = session.scalar(
                    select(ChecklistItem).where(
                        ChecklistItem.template_id == get_inspection(session, inspection).template_id,
                        ChecklistItem.code == code,
                    )
                )
                assert item is not None
                record_answer(session, inspection, code, **sample_answer(item))
        assert app.call(unanswered_required_items, inspection) == []
        app.call(add_finding, inspection, "1号主变压器本体渗油", item_code="B01", severity=Severity.SERIOUS)
        # B01's checklist wants a photo of a defect: finalizing waits for one.
        with pytest.raises(ValidationError, match="B01"):
            app.call(finalize_inspection, inspection)
        evidence = tmp_path / "b01.jpg"
        evidence.write_bytes(jpeg_bytes(upright_pattern()))
        app.call(add_photo, app.paths.photos, evidence, inspection_id=inspection, item_code="B01")
        app.call(add_finding, inspection, "配电室门口未装设挡鼠板", item_code="A02")
        app.call(sign_everyone, inspection)
        seal = app.call(finalize_inspection, inspection, actor="YJ001")
    finally:
        app.close()

    app = open_backend(data_dir=str(tmp_path), db_url=database_url)
    try:
        assert app.call(verify_inspection_seal, inspection) is True
        with app.session() as session:
            assert get_inspection(session, inspection).content_sha256 == seal
        stats = app.call(collect_stats)
        assert (stats["customers"], stats["inspections"], stats["findings"], stats["open_findings"]) == (
            1,
            1,
            2,
            2,
        )
    finally:
        app.close()
