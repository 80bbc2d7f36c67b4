"""Issuing, re-printing and verifying notices through the service, on each engine."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.enums import NoticeKind, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection
from fieldapp.services.legal import get_entry
from fieldapp.services.notices import issue_notice, verify_pdf
from fieldapp.store.models import AuditEvent, Finding, Notice

DESCRIPTIONS = ("配电室门口未装设挡鼠板", "主变压器预防性试验超期未做，已超过规定周期六个月")


def _inspection(backend: Backend, sample: Sample, customer: int = 0, *, finalize: bool = True) -> uuid.UUID:
    with backend.session() as session:
        inspection_id = start_inspection(
            session, sample.customers[customer], sample.template_id, sample.inspectors[:2]
        )
        answer_every_item(session, inspection_id)
        for n, text in enumerate(DESCRIPTIONS):
            add_finding(
                session,
                inspection_id,
                text,
                severity=Severity.SERIOUS if n else Severity.GENERAL,
                requirement="限期整改",
                deadline=date.today() + timedelta(days=30),
                basis="DLF-27;现场规程",
            )
        sign_everyone(session, inspection_id)
        if finalize:
            finalize_inspection(session, inspection_id)
    return inspection_id


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def test_issue_records_and_prints(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection_id = _inspection(backend, sample)
    out = tmp_path / "n.pdf"
    issued = backend.call(issue_notice, inspection_id, None, out, backend.paths.photos)
    assert issued.kind is NoticeKind.HAZARD and not issued.reprint
    assert issued.number.startswith(f"YDJC-{date.today().year}-{backend.device_code}-0001")
    text = _text(out)
    for description in DESCRIPTIONS:
        assert "".join(description.split()) in text
    assert "临河县人民医院" in text and issued.number in text and issued.verification_code in text
    entry = backend.call(get_entry, "DLF-27")
    if not entry.verified:
        assert "待核实" in text
    with backend.session() as session:
        notice = session.scalar(select(Notice).where(Notice.number == issued.number))
        assert notice is not None
        assert notice.content_sha256 == issued.content_sha256 and notice.file_sha256 == issued.file_sha256
        assert session.scalar(select(AuditEvent.id).where(AuditEvent.action == "notice.issue")) is not None
    second = backend.call(
        issue_notice, _inspection(backend, sample, 1), None, tmp_path / "m.pdf", backend.paths.photos
    )
    assert second.number.endswith("-0002")


def test_reprint_is_identical(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection_id = _inspection(backend, sample)
    cache = tmp_path / "cache"
    first = backend.call(
        issue_notice, inspection_id, "hazard", tmp_path / "a.pdf", backend.paths.photos, image_cache=cache
    )
    again = backend.call(
        issue_notice, inspection_id, "hazard", tmp_path / "b.pdf", backend.paths.photos, image_cache=cache
    )
    assert again.reprint and again.identical and again.number == first.number
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_only_finalized(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection_id = _inspection(backend, sample, finalize=False)
    with pytest.raises(ValidationError):
        backend.call(issue_notice, inspection_id, None, tmp_path / "x.pdf", backend.paths.photos)


def test_verify_match_altered_and_other(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    first_id = _inspection(backend, sample)
    other_id = _inspection(backend, sample, 1)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    backend.call(issue_notice, first_id, None, a, backend.paths.photos)
    backend.call(issue_notice, other_id, None, b, backend.paths.photos)
    assert backend.call(verify_pdf, a, backend.paths.photos).status == "match"
    assert backend.call(verify_pdf, b, backend.paths.photos).status == "match"

    # A PDF whose verification data names another record: the metadata of b with the text of a.
    from pypdf import PdfWriter

    forged = tmp_path / "forged.pdf"
    writer = PdfWriter(clone_from=a)
    writer.add_metadata({"/Subject": str(PdfReader(b).metadata.subject)})  # type: ignore[union-attr]
    with forged.open("wb") as f:
        writer.write(f)
    assert backend.call(verify_pdf, forged, backend.paths.photos).status == "mismatch"

    with backend.session() as session:  # the record altered behind the app's back
        finding = session.scalar(select(Finding).where(Finding.inspection_id == first_id, Finding.seq == 1))
        assert finding is not None
        finding.description = "配电室门口已装设挡鼠板"
    result = backend.call(verify_pdf, a, backend.paths.photos)
    assert result.status == "mismatch" and result.reasons
    assert backend.call(verify_pdf, b, backend.paths.photos).status == "match"

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    assert backend.call(verify_pdf, junk, backend.paths.photos).status == "unreadable"


def test_a_forged_pdf_with_genuine_verification_data_is_a_mismatch(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    """Someone keeps the QR code and the verification code but prints other words (a later deadline, no
    rectification needed): every printed word is compared with the stored notice."""
    from dataclasses import replace

    from fieldapp.notices.data import from_content
    from fieldapp.notices.render import render
    from fieldapp.photos.files import photo_path
    from fieldapp.services.notices import font_file

    inspection_id = _inspection(backend, sample)
    genuine = tmp_path / "genuine.pdf"
    backend.call(issue_notice, inspection_id, None, genuine, backend.paths.photos)
    with backend.session() as session:
        notice = session.scalar(select(Notice).where(Notice.inspection_id == inspection_id))
        assert notice is not None
        content, number, code = notice.content, notice.number, notice.verification_code
    paths = {p["sha256"]: photo_path(backend.paths.photos, p["sha256"]) for p in content.get("photos", [])}
    data = from_content(content, paths)
    payload = str(PdfReader(genuine).metadata.subject)  # type: ignore[union-attr]
    sealed = data.with_verification(code, payload)
    forged_data = replace(sealed, findings=tuple(replace(f, requirement="无需整改") for f in sealed.findings))
    forged = tmp_path / "forged.pdf"
    render(forged_data, forged, font_file=font_file())
    assert number in _text(forged) and code in _text(forged)
    result = backend.call(verify_pdf, forged, backend.paths.photos)
    assert result.status == "mismatch"
    assert any("printed text" in reason for reason in result.reasons)
    assert backend.call(verify_pdf, genuine, backend.paths.photos).status == "match"


def test_a_notice_of_a_voided_inspection_no_longer_verifies(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    from fieldapp.services.inspections import void_inspection

    inspection_id = _inspection(backend, sample)
    out = tmp_path / "n.pdf"
    backend.call(issue_notice, inspection_id, None, out, backend.paths.photos)
    backend.call(void_inspection, inspection_id, "客户名称录入错误")
    result = backend.call(verify_pdf, out, backend.paths.photos)
    assert result.status == "mismatch" and any("void" in reason for reason in result.reasons)
