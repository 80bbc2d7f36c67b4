"""The re-inspection checklist is built from one customer's open findings, one item per finding."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.enums import FindingStatus, InspectionKind, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection
from fieldapp.services.reinspection import build_reinspection_checklist
from fieldapp.services.templates import stored_template
from fieldapp.store.models import Finding


def _inspection_with_findings(
    backend: Backend, sample: Sample, customer: uuid.UUID, texts: list[str]
) -> list[uuid.UUID]:
    with backend.session() as session:
        inspection_id = start_inspection(session, customer, sample.template_id, sample.inspectors[:2])
        answer_every_item(session, inspection_id)
        ids = [
            add_finding(
                session,
                inspection_id,
                text,
                severity=Severity.SERIOUS if n == 0 else Severity.GENERAL,
                requirement=f"要求{n}",
                deadline=date.today() + timedelta(days=15),
                basis="GYGZ1996-100;DLF-32",
            )
            for n, text in enumerate(texts)
        ]
        sign_everyone(session, inspection_id)
        finalize_inspection(session, inspection_id)
    return ids


def test_one_item_per_open_finding_of_that_customer(backend: Backend, sample: Sample) -> None:
    mine = _inspection_with_findings(
        backend, sample, sample.customers[0], ["主变渗油", "挡鼠板缺失", "灭火器过期"]
    )
    _inspection_with_findings(backend, sample, sample.customers[1], ["别人的隐患"])
    with backend.session() as session:
        verified = session.get(Finding, mine[2])
        assert verified is not None
        verified.status = FindingStatus.VERIFIED
    built = backend.call(build_reinspection_checklist, sample.customers[0], actor="YJ001")
    assert built.findings == 2
    template = backend.call(stored_template, built.template_id)
    assert template.kind is InspectionKind.REINSPECTION
    assert [i.prompt_zh for i in template.items] == ["复查：主变渗油", "复查：挡鼠板缺失"]
    assert [i.finding_id for i in template.items] == [str(mine[0]), str(mine[1])]
    first = template.items[0]
    assert first.default_severity is Severity.SERIOUS
    assert first.requirement_zh == "要求0"
    assert first.basis == ("GYGZ1996-100", "DLF-32")
    assert first.photo_required_on_defect
    # The checklist can be used for an inspection like any other.
    backend.call(start_inspection, sample.customers[0], built.template_id, sample.inspectors[:2])


def test_each_build_is_a_new_version(backend: Backend, sample: Sample) -> None:
    _inspection_with_findings(backend, sample, sample.customers[0], ["主变渗油"])
    first = backend.call(build_reinspection_checklist, sample.customers[0])
    second = backend.call(build_reinspection_checklist, sample.customers[0])
    assert (first.code, first.version, second.version) == ("REINSPECT-0531000001", 1, 2)


def test_a_customer_without_open_findings_is_told_so(backend: Backend, sample: Sample) -> None:
    with pytest.raises(ValidationError, match="没有待复查的隐患"):
        backend.call(build_reinspection_checklist, sample.customers[2])
