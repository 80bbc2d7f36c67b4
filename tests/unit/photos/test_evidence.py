"""The customer's evidence files: stored content-addressed as they are, checked by their first bytes as well
as their name, refused with the file's name before anything is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from photo_samples import jpeg_bytes, upright_pattern

from fieldapp.domain.errors import ValidationError
from fieldapp.photos import evidence
from fieldapp.photos.evidence import evidence_path, store_evidence


def test_pdf_jpeg_and_png_are_stored_under_their_sha256(tmp_path: Path) -> None:
    root = tmp_path / "photos"
    files = {
        "报告.PDF": b"%PDF-1.7\n%%EOF\n",
        "现场.jpeg": jpeg_bytes(upright_pattern(40, 30)),
    }
    png = tmp_path / "整改后.png"
    upright_pattern(40, 30).save(png, "PNG")
    paths = [png]
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    stored = [store_evidence(root, path) for path in paths]
    assert [(s.suffix, s.media_type) for s in stored] == [
        (".png", "image/png"),
        (".pdf", "application/pdf"),
        (".jpg", "image/jpeg"),
    ]
    for item, path in zip(stored, paths, strict=True):
        data = path.read_bytes()
        assert item.sha256 == hashlib.sha256(data).hexdigest()
        assert item.file_name == path.name and item.size_bytes == len(data)
        assert evidence_path(root, item.sha256, item.suffix).read_bytes() == data
    again = store_evidence(root, paths[1])  # the same bytes twice are one file
    assert again.sha256 == stored[1].sha256
    assert len(list((root / "evidence").rglob("*.*"))) == 3


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("报告.docx", b"PK\x03\x04", "只接受"),
        ("改名.pdf", b"PK\x03\x04", "内容不是 PDF"),
        ("空的.png", b"", "内容不是 PNG"),
    ],
)
def test_a_file_of_another_kind_is_refused_with_its_name(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValidationError, match=message) as caught:
        store_evidence(tmp_path / "photos", path)
    assert name in str(caught.value) and caught.value.field == "evidence"
    assert not (tmp_path / "photos").exists()


def test_a_missing_or_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="无法读取"):
        store_evidence(tmp_path, tmp_path / "不存在.pdf")
    big = tmp_path / "大.pdf"
    big.write_bytes(b"%PDF-" + b"0" * 100)
    monkeypatch.setattr(evidence, "MAX_BYTES", 50)
    with pytest.raises(ValidationError, match="超过"):
        store_evidence(tmp_path, big)
