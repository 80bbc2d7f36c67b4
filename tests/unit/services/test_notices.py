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
from fieldapp.services.photos import add_photo
from fieldapp.store.models import AuditEvent, Finding, Notice, Photo

DESCRIPTIONS = ("配电室门口未装设挡鼠板", "主变压器预防性试验超期未做，已超过规定周期六个月")


def _inspection(
    backend: Backend,
    sample: Sample,
    customer: int = 0,
    *,
    finalize: bool = True,
    basis: str = "DLF-27;现场规程",
    photo: Path | None = None,
) -> uuid.UUID:
    with backend.session() as session:
        inspection_id = start_inspection(
            session, sample.customers[customer], sample.template_id, sample.inspectors[:2]
        )
        answer_every_item(session, inspection_id)
        for n, text in enumerate(DESCRIPTIONS):
            finding_id = add_finding(
                session,
                inspection_id,
                text,
                severity=Severity.SERIOUS if n else Severity.GENERAL,
                requirement="限期整改",
                deadline=date.today() + timedelta(days=30),
                basis=basis,
            )
            if photo is not None and n == 0:
                add_photo(
                    session,
                    backend.paths.photos,
                    photo,
                    inspection_id=inspection_id,
                    finding_id=finding_id,
                    caption="挡鼠板缺失",
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


def _photo_source(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "camera.jpg"
    picture = Image.new("RGB", (2048, 1536), (60, 110, 150))
    picture.paste((230, 230, 40), (300, 300, 900, 800))
    picture.save(path, "JPEG", quality=85)
    return path


def _images(path: Path, page: int) -> list[tuple[int, int]]:
    """(width, height) of every image drawn on a page of the PDF."""
    resources = PdfReader(path).pages[page]["/Resources"]
    xobjects = resources.get("/XObject") or {}
    sizes = []
    for ref in xobjects.values():
        image = ref.get_object()
        if image["/Subtype"] == "/Image":
            sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


def test_notice_photos_carry_their_evidence_stamp_the_stored_photo_none(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection_id = _inspection(backend, sample, photo=_photo_source(tmp_path))
    with backend.session() as session:
        (stored_sha,) = session.scalars(select(Photo.sha256).where(Photo.inspection_id == inspection_id))
    stored = backend.paths.photos
    from fieldapp.photos.files import photo_path, sha256_of_file

    before = sha256_of_file(photo_path(stored, stored_sha))
    cache = tmp_path / "cache"
    out = tmp_path / "n.pdf"
    issued = backend.call(issue_notice, inspection_id, None, out, stored, image_cache=cache)
    with backend.session() as session:
        notice = session.get(Notice, issued.notice_id)
        assert notice is not None
        (entry,) = notice.content["photos"]
    assert entry["stamp"][0] == "客户：临河县人民医院（户号 0531000001）"
    assert any(line.startswith("检查人员：") for line in entry["stamp"])
    appendix = [size for page in range(len(PdfReader(out).pages)) for size in _images(out, page)]
    (printed,) = set(appendix)
    assert printed == (512, 384)  # the photo's print copy as it is; the strip is text below it
    text = "".join("".join((page.extract_text() or "").split()) for page in PdfReader(out).pages)
    assert all(text.count("".join(line.split())) == 2 for line in entry["stamp"])  # in both copies
    assert sha256_of_file(photo_path(stored, stored_sha)) == before == stored_sha
    again = backend.call(issue_notice, inspection_id, None, tmp_path / "again.pdf", stored, image_cache=cache)
    assert again.identical
    assert backend.call(verify_pdf, out, stored).status == "match"


def test_a_notice_with_the_seal(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    from fieldapp.services.notice_seal import clear_seal_image, set_seal_image

    source = tmp_path / "公章.png"
    picture = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    ImageDraw.Draw(picture).ellipse((20, 20, 580, 580), outline=(210, 0, 0, 255), width=24)
    picture.save(source)
    notices_dir = backend.paths.notices
    seal = backend.call(set_seal_image, source, notices_dir)
    source.unlink()  # the notice does not depend on the original
    inspection_id = _inspection(backend, sample)
    out, cache = tmp_path / "sealed.pdf", tmp_path / "cache"
    issued = backend.call(
        issue_notice,
        inspection_id,
        None,
        out,
        backend.paths.photos,
        image_cache=cache,
        notices_dir=notices_dir,
    )
    assert _images(out, 0) == [seal.size]  # the seal on page 1
    assert backend.call(verify_pdf, out, backend.paths.photos).status == "match"
    with backend.session() as session:
        notice = session.get(Notice, issued.notice_id)
        assert notice is not None and notice.content["seal"] == seal.name
    # A seal cleared (or replaced) later: the notice issued with it is printed again with it.
    backend.call(clear_seal_image)
    again = backend.call(
        issue_notice,
        inspection_id,
        None,
        tmp_path / "again.pdf",
        backend.paths.photos,
        image_cache=cache,
        notices_dir=notices_dir,
    )
    assert again.reprint and again.identical
    other = backend.call(
        issue_notice,
        _inspection(backend, sample, 1),
        None,
        tmp_path / "o.pdf",
        backend.paths.photos,
        notices_dir=notices_dir,
    )
    assert _images(other.path, 0) == [] and "（盖章）" in _text(other.path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"GIF89a not really"), "cannot be read as an image"),
        (lambda p: __import__("PIL.Image").Image.new("RGB", (300, 300)).save(p, "GIF"), "PNG or JPEG"),
        (lambda p: __import__("PIL.Image").Image.new("RGB", (40, 40)).save(p, "PNG"), "64 to 6000"),
        (lambda p: __import__("PIL.Image").Image.new("RGB", (2000, 300)).save(p, "PNG"), "too long and thin"),
        (lambda p: p.write_bytes(b""), "over 10 MB"),
    ],
)
def test_a_bad_seal_image_is_refused_and_nothing_changes(
    backend: Backend, tmp_path: Path, make: object, message: str
) -> None:
    from fieldapp.services.notice_seal import SETTING, set_seal_image
    from fieldapp.services.settings_store import get_setting

    source = tmp_path / "seal.img"
    make(source)  # type: ignore[operator]
    with pytest.raises(ValidationError, match=message) as caught:
        backend.call(set_seal_image, source, backend.paths.notices)
    assert "seal.img" in str(caught.value) and caught.value.field == SETTING
    assert backend.call(get_setting, SETTING) == ""


def test_a_character_the_font_lacks_is_marked_and_the_notice_still_verifies(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    from fieldapp.store.models import Customer

    with backend.session() as session:
        customer = session.get(Customer, sample.customers[2])
        assert customer is not None
        customer.name = "𠮷野家餐饮有限公司"
    out = tmp_path / "n.pdf"
    backend.call(issue_notice, _inspection(backend, sample, 2), None, out, backend.paths.photos)
    assert "〓野家餐饮有限公司" in _text(out)
    assert backend.call(verify_pdf, out, backend.paths.photos).status == "match"


def test_a_superseded_citation_is_never_printed_as_fact(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    from fieldapp.services.legal import verify_entry

    old = backend.call(get_entry, "GYGZ1996-100-CAPACITY")
    assert old.verified and not old.in_force and old.superseded_by == "GYGZ2024-BREACH"
    first = tmp_path / "first.pdf"
    backend.call(
        issue_notice,
        _inspection(backend, sample, basis="GYGZ1996-100-CAPACITY"),
        None,
        first,
        backend.paths.photos,
    )
    assert "《供电营业规则》（1996年版）第一百条（已失效，待核实）" in _text(first)
    # Once the office has checked the 2024 provision that replaced it, the notice cites that instead (and
    # cites it once when a finding names both).
    backend.call(verify_entry, "GYGZ2024-BREACH", actor="张主任")
    second = tmp_path / "second.pdf"
    backend.call(
        issue_notice,
        _inspection(backend, sample, 1, basis="GYGZ1996-100-CAPACITY；GYGZ2024-BREACH"),
        None,
        second,
        backend.paths.photos,
    )
    text = _text(second)
    assert "1996年版" not in text and "已失效" not in text
    assert text.count("《供电营业规则》（2024年版）") == 4  # two findings, two copies


def test_a_breach_notice_has_its_own_statements(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "breach.pdf"
    issued = backend.call(issue_notice, _inspection(backend, sample), "breach", out, backend.paths.photos)
    assert issued.kind is NoticeKind.BREACH
    text = _text(out)
    assert "违约用电通知书" in text and "违约使用电费" in text and "对上述违约用电事实予以确认" in text
    assert backend.call(verify_pdf, out, backend.paths.photos).status == "match"


def test_a_notice_names_its_layout_and_one_newer_than_the_app_is_refused_clearly(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    """Today's layout is 1, stored as no "layout" key (the notices issued before layouts were numbered
    keep their digest). A notice of a newer layout, synced from a newer app, is neither re-printed in this
    app's layout nor called altered: both say to update the app."""
    from fieldapp.domain.errors import ValidationError
    from fieldapp.notices.data import LAYOUT, from_content

    assert LAYOUT == 1
    inspection_id = _inspection(backend, sample, 1)
    out = tmp_path / "n.pdf"
    issued = backend.call(issue_notice, inspection_id, None, out, backend.paths.photos)
    with backend.session() as session:
        notice = session.get(Notice, issued.notice_id)
        assert notice is not None and "layout" not in notice.content
        assert from_content(notice.content, {}).layout == 1
        notice.content = {**notice.content, "layout": LAYOUT + 1}
    with pytest.raises(ValidationError, match="请升级程序"):
        backend.call(issue_notice, inspection_id, None, tmp_path / "again.pdf", backend.paths.photos)
    result = backend.call(verify_pdf, out, backend.paths.photos)
    assert result.status == "unreadable"
    assert any("update it to print or verify" in r for r in result.reasons)
