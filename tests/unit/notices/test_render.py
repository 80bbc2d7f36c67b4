"""Rendering read back with pypdf: the text extracts exactly, the font is embedded, long notices paginate
with the findings header on every page, and the output is repeatable."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from notice_kit import FONT_FILE, make_photos, sample_notice
from pypdf import PdfReader

from fieldapp.notices.numbering import next_sequence, notice_number, parse_number
from fieldapp.notices.render import render
from fieldapp.notices.verification import parse_payload, qr_payload, verification_code


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_text_extracts_exactly(tmp_path: Path) -> None:
    data = sample_notice(make_photos(tmp_path / "photos", 2), findings=5)
    out = tmp_path / "notice.pdf"
    render(data, out, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    text = _squeeze("\n".join(_pages(out)))
    for finding in data.findings:
        assert _squeeze(finding.description) in text
        assert _squeeze(finding.requirement) in text
    assert data.customer.name in text
    assert data.number in text
    assert data.verification_code in text
    assert "客户联" in text and "存档联" in text and "回执" in _squeeze(text)
    reader = PdfReader(out)
    assert reader.metadata is not None and parse_payload(str(reader.metadata.subject)) is not None


def test_font_is_embedded_as_subset(tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    render(sample_notice(), out, font_file=FONT_FILE)
    embedded = []
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            targets = [d.get_object() for d in descendants] if descendants else [font]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.append(str(target["/BaseFont"]))
    assert embedded, "no embedded TrueType font"
    assert all(re.match(r"/?[A-Z]{6}\+", name) for name in embedded), embedded  # subset tags
    assert out.stat().st_size < 1_000_000  # a subset, not the 5 MB font


def _header_rows(text: str) -> int:
    return len(re.findall(r"序号\s*问题描述", text))


def test_forty_findings_thirty_photos_paginate(tmp_path: Path) -> None:
    data = sample_notice(make_photos(tmp_path / "photos", 30), findings=40)
    out = tmp_path / "notice.pdf"
    render(data, out, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    pages = _pages(out)
    assert len(pages) % 2 == 0
    half = pages[: len(pages) // 2]  # the customer copy
    table_pages = [p for p in half if re.search(r"\d{4}-\d{2}-\d{2}", p) and "问题描述" in p]
    assert len(table_pages) >= 3
    assert all(_header_rows(p) == 1 for p in table_pages)  # the header repeated, once per page
    total = len(half)
    for n, page in enumerate(half, start=1):
        assert f"第 {n} 页 共 {total} 页" in page
    text = _squeeze("\n".join(pages))
    for finding in data.findings:
        assert text.count(_squeeze(finding.description)) >= 2  # in both copies
    for n in range(1, 31):
        assert f"图{n}（问题" in text
    if shutil.which("pdftoppm"):
        shots = tmp_path / "png"
        shots.mkdir()
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(out), str(shots / "p")], check=True)
        assert len(list(shots.glob("*.png"))) == len(pages)


def test_refusal_is_printed_with_the_witness(tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    render(sample_notice(refused=True), out, font_file=FONT_FILE)
    text = _squeeze("\n".join(_pages(out)))
    assert "客户代表拒绝签字" in text and "见证人" in text


def test_render_is_repeatable(tmp_path: Path) -> None:
    photos = make_photos(tmp_path / "photos", 3, size=(2048, 1536))
    data = sample_notice(photos)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render(data, first, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    render(data, second, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    assert first.read_bytes() == second.read_bytes()
    assert len(list((tmp_path / "cache").glob("*.jpg"))) == 3  # reduced to print size once


def test_numbering() -> None:
    assert notice_number("YDJC", 2026, "T01", 7) == "YDJC-2026-T01-0007"
    assert parse_number("YDJC-2026-T01-0007") == ("YDJC", 2026, "T01", 7)
    taken = ["YDJC-2026-T01-0007", "JC-2026-T01-0009", "YDJC-2026-T02-0040", "YDJC-2025-T01-0100", "x"]
    assert next_sequence(taken, 2026, "T01") == 10
    assert next_sequence([], 2026, "T01") == 1
    with pytest.raises(ValueError):
        notice_number("YDJC", 2026, "T-1", 1)


def test_verification_code_and_payload() -> None:
    digest = "ab" * 32
    code = verification_code(digest)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code != verification_code("ac" + "ab" * 31)
    assert parse_payload(qr_payload("YDJC-2026-T01-0001", digest)) == ("YDJC-2026-T01-0001", digest)
    assert parse_payload("something else") is None


def test_the_same_photo_twice_is_reduced_once(tmp_path: Path) -> None:
    """One picture in an item's strip and a finding's: both places print it, from one reduced copy."""
    from PIL import Image

    from fieldapp.notices.photos import print_copies

    source = tmp_path / "big.jpg"
    Image.new("RGB", (2048, 1536), (90, 120, 160)).save(source, quality=85)
    other = tmp_path / "other.jpg"
    Image.new("RGB", (2048, 1536), (160, 120, 90)).save(other, quality=85)
    for _ in range(5):  # the race this guards against came and went; each round has an empty cache
        cache = tmp_path / f"cache-{_}"
        copies = print_copies([source, other, source, source], cache, (220.0, 160.0))
        assert copies[0] == copies[2] == copies[3] != copies[1]
        assert all(path.exists() for path in copies)
        assert sorted(p.name for p in cache.iterdir()) == sorted({copies[0].name, copies[1].name})
