"""The audit trail: every user action leaves one event naming who, what, which record and on which device,
written in the same transaction as the change, so a refused action leaves none."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select
from testkit import SAMPLE_CUSTOMERS, Sample, answer_every_item, sign_everyone

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.legal import load_library
from fieldapp.domain.enums import EquipmentKind, InspectorGrade, Verdict
from fieldapp.domain.errors import FieldappError
from fieldapp.paths import checklists_dir, legal_dir
from fieldapp.services.backend import Backend
from fieldapp.services.customers import create_customer, update_customer
from fieldapp.services.equipment import EquipmentFields, add_equipment, update_equipment
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    record_answer,
    start_inspection,
    void_inspection,
)
from fieldapp.services.inspectors import create_inspector
from fieldapp.store.models import AuditEvent


def _trail(backend: Backend, since: int = 0) -> list[tuple[str, str, str, str]]:
    with backend.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.at, AuditEvent.modified_at)).all()
        return [(e.action, e.entity, e.entity_id, e.actor) for e in events][since:]


def test_the_built_in_templates_are_installed_with_an_event(backend: Backend) -> None:
    # One event per built-in template and per entry of the built-in legal library, and nothing else.
    templates = len(load_builtin_templates(checklists_dir()))
    entries = len(load_library(legal_dir() / "library.toml"))
    assert Counter((action, entity) for action, entity, _, _ in _trail(backend)) == {
        ("template.install", "checklist_template"): templates,
        ("legal.install", "legal_entry"): entries,
    }


def test_each_action_leaves_one_event_with_actor_and_device(backend: Backend, sample: Sample) -> None:
    start = len(_trail(backend))
    a, b, _ = sample.inspectors
    customer = sample.customers[0]
    inspector = backend.call(
        create_inspector, "YJ009", "赵磊", "用检证 鲁0315009", InspectorGrade.GRADE_1, actor="admin"
    )
    new_customer = backend.call(
        create_customer, replace(SAMPLE_CUSTOMERS[0], account_no="0531000099"), actor="YJ001"
    )
    backend.call(update_customer, customer, {"contact_phone": "0534-2222222"}, actor="YJ001")
    equipment = backend.call(add_equipment, customer, EquipmentFields(EquipmentKind.GENERATOR), actor="YJ001")
    backend.call(update_equipment, equipment, {"status": "sealed"}, actor="YJ002")
    inspection = backend.call(start_inspection, customer, sample.template_id, [a, b], actor="YJ001")
    answer = backend.call(record_answer, inspection, "A01", verdict=Verdict.DEFECT, actor="YJ002")
    finding = backend.call(add_finding, inspection, "电缆沟积水", item_code="A01", actor="YJ002")
    with backend.session() as session:
        answer_every_item(session, inspection)  # actor "" : the helper answers as nobody in particular
    backend.call(sign_everyone, inspection)
    finalize = backend.call(finalize_inspection, inspection, actor="YJ001")
    backend.call(void_inspection, inspection, "客户名称录入错误", actor="YJ001")

    trail = [
        event
        for event in _trail(backend, start)
        if event[0] not in ("answer.record", "signature.sign") or event[3]
    ]
    assert trail == [
        ("inspector.create", "inspector", str(inspector), "admin"),
        ("customer.create", "customer", str(new_customer), "YJ001"),
        ("customer.update", "customer", str(customer), "YJ001"),
        ("equipment.create", "equipment", str(equipment), "YJ001"),
        ("equipment.update", "equipment", str(equipment), "YJ002"),
        ("inspection.start", "inspection", str(inspection), "YJ001"),
        ("answer.record", "answer", str(answer.answer_id), "YJ002"),
        ("finding.add", "finding", str(finding), "YJ002"),
        ("inspection.finalize", "inspection", str(inspection), "YJ001"),
        ("inspection.void", "inspection", str(inspection), "YJ001"),
    ]
    with backend.session() as session:
        events = session.scalars(select(AuditEvent)).all()
        assert {e.device_code for e in events} == {backend.device_code}
        assert all(e.at.utcoffset() == timedelta(0) for e in events)
        details = {e.action: e.detail for e in events if e.actor}
    assert details["inspection.start"]["inspectors"] == ["YJ001", "YJ002"]
    assert details["inspection.start"]["template"] == "PERIODIC-HV v1"
    assert details["answer.record"] == {
        "inspection": str(inspection),
        "item": "A01",
        "verdict": "defect",
        "number": None,
    }
    assert details["finding.add"] == {"inspection": str(inspection), "seq": 1, "severity": "general"}
    assert details["inspection.finalize"] == {"content_sha256": finalize}
    assert details["inspection.void"] == {"reason": "客户名称录入错误"}


def test_a_refused_action_leaves_no_event(backend: Backend, sample: Sample) -> None:
    before = _trail(backend)
    inspection = backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2]
    )
    after_start = _trail(backend)
    attempts = [
        lambda: backend.call(finalize_inspection, inspection),  # required items open
        lambda: backend.call(record_answer, inspection, "A01", number=1),
        lambda: backend.call(void_inspection, inspection, ""),
        lambda: backend.call(
            start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:1]
        ),
        lambda: backend.call(create_customer, SAMPLE_CUSTOMERS[0]),  # account number taken
        lambda: backend.call(update_customer, uuid.uuid4(), {"name": "x"}),
    ]
    for attempt in attempts:
        with pytest.raises(FieldappError):
            attempt()
    assert len(after_start) == len(before) + 1
    assert _trail(backend) == after_start
