"""Rendering read back with pypdf: the text extracts exactly, the font is embedded, long notices paginate
with the findings header on every page, and the output is repeatable."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from notice_kit import FONT_FILE, make_photos, sample_notice
from pypdf import PdfReader

from fieldapp.notices.numbering import next_sequence, notice_number, parse_number
from fieldapp.notices.render import MISSING_GLYPH, printable, register_font, render
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
    for finding in data.findings:  # as printable() spells them: ℃ (an empty glyph in the font) as °C
        assert _squeeze(printable(finding.description)) in text
        assert _squeeze(printable(finding.requirement)) in text
    assert "°C" in text and "℃" not in text
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
        assert text.count(_squeeze(printable(finding.description))) >= 2  # in both copies
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


def _image_names(page: object) -> list[str]:
    resources = page["/Resources"]  # type: ignore[index]
    xobjects = resources.get("/XObject") if resources is not None else None
    if xobjects is None:
        return []
    return [name for name, ref in xobjects.items() if ref.get_object()["/Subtype"] == "/Image"]


def test_a_seal_is_drawn_on_the_first_page_and_kept_transparent(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    seal = tmp_path / "seal.png"
    picture = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(picture).ellipse((10, 10, 390, 390), outline=(200, 0, 0, 255), width=18)
    picture.save(seal)
    data = replace(sample_notice(findings=2), seal_image=seal)
    sealed, plain = tmp_path / "sealed.pdf", tmp_path / "plain.pdf"
    render(data, sealed, font_file=FONT_FILE)
    render(sample_notice(findings=2), plain, font_file=FONT_FILE)
    reader = PdfReader(sealed)
    seal_pages = [n for n, page in enumerate(reader.pages) if _image_names(page)]
    assert seal_pages and seal_pages[0] == 0  # the issuer block, with its seal, is on page 1
    image = reader.pages[0]["/Resources"]["/XObject"][_image_names(reader.pages[0])[0]].get_object()
    assert "/SMask" in image  # the transparent background stays transparent
    # The place for a hand stamp under the issuing unit goes, in both copies (the return slip keeps its own).
    hand_stamps = _squeeze("".join(_pages(plain))).count("（盖章）")
    assert _squeeze("".join(_pages(sealed))).count("（盖章）") == hand_stamps - 2
    assert data.content()["seal"] == "seal.png"


def test_without_images_the_text_and_the_pages_are_the_same(tmp_path: Path) -> None:
    """What `verify` compares: a notice rendered without its photos and seal reads exactly the same."""
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (300, 300), (200, 0, 0, 255)).save(seal)
    photos = make_photos(tmp_path / "photos", 7)
    data = replace(sample_notice(photos, findings=12, stamped=True), seal_image=seal)
    full, bare = tmp_path / "full.pdf", tmp_path / "bare.pdf"
    render(data, full, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    render(data, bare, font_file=FONT_FILE, draw_images=False)
    assert _pages(full) == _pages(bare)
    assert not any(_image_names(page) for page in PdfReader(bare).pages)
    assert bare.stat().st_size < full.stat().st_size


def test_each_photo_prints_its_evidence_stamp_as_text_below_it(tmp_path: Path) -> None:
    """The strip (customer, time, inspectors) is text under the picture, in both copies: it reads back
    exactly, `verify` compares it like every other word, and a picture already at print size is embedded
    as it is (not decoded and encoded again to burn the strip in)."""
    (photo,) = make_photos(tmp_path / "photos", 1, size=(512, 384))
    data = sample_notice([photo], findings=1, stamped=True)
    (stamp,) = {p.stamp for p in data.photos}
    out = tmp_path / "stamped.pdf"
    render(data, out, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    text = _squeeze("".join(_pages(out)))
    for line in stamp:
        assert text.count(_squeeze(line)) == 2, line  # once per copy
    reader = PdfReader(out)
    appendix = [page for page in reader.pages if _image_names(page)]
    assert len(appendix) == 2  # one appendix page per copy
    page = appendix[0]
    (name,) = _image_names(page)
    image = page["/Resources"]["/XObject"][name].get_object()
    assert (image["/Width"], image["/Height"]) == (512, 384)  # the file itself, no strip burnt in
    assert image.get_data() == photo.read_bytes()
    assert not list((tmp_path / "cache").glob("*.jpg"))  # nothing had to be made


def test_a_character_the_font_draws_empty_prints_in_a_plain_spelling(tmp_path: Path) -> None:
    """WenQuanYi Micro Hei maps ℃ and a few others to a glyph with no outline: they printed as a gap."""
    register_font(FONT_FILE)
    assert printable("油温95℃，Ⅴ类") == "油温95°C，V类"
    assert printable("拼音ǎ") == f"拼音{MISSING_GLYPH}"  # empty, and no plain spelling: the mark
    assert printable("接地电阻4Ω，绝缘≥5MΩ") == "接地电阻4Ω，绝缘≥5MΩ"  # drawn: untouched


def test_a_character_the_font_lacks_prints_as_a_visible_mark(tmp_path: Path) -> None:
    """𠮷 (outside the common CJK block) has no glyph in WenQuanYi Micro Hei: printed as it is it would be
    blank. It prints as 〓, the same way every time, and the rest of the text is untouched."""
    register_font(FONT_FILE)
    assert printable("𠮷野家餐饮") == f"{MISSING_GLYPH}野家餐饮"
    assert printable("临河县 A-1\n第二行") == "临河县 A-1\n第二行"
    data = sample_notice(customer="𠮷野家餐饮有限公司")
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render(data, first, font_file=FONT_FILE)
    render(data, second, font_file=FONT_FILE)
    text = _squeeze("".join(_pages(first)))
    assert f"{MISSING_GLYPH}野家餐饮有限公司" in text
    assert _pages(first) == _pages(second)
    assert data.content()["customer"]["name"] == "𠮷野家餐饮有限公司"  # the record keeps the true name


def test_remembered_line_breaks_give_the_same_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The paragraphs remember their line breaks per width (a speed-up): the file is byte for byte the one
    ReportLab's own Paragraph makes."""
    from reportlab.platypus import Paragraph

    from fieldapp.notices import render as render_module

    data = sample_notice(findings=40)
    remembered, plain = tmp_path / "remembered.pdf", tmp_path / "plain.pdf"
    render(data, remembered, font_file=FONT_FILE)
    monkeypatch.setattr(render_module._Para, "wrap", Paragraph.wrap)
    render(data, plain, font_file=FONT_FILE)
    assert remembered.read_bytes() == plain.read_bytes()


def test_the_two_copies_are_the_same_pages_marked_apart(tmp_path: Path) -> None:
    data = sample_notice(make_photos(tmp_path / "photos", 5), findings=8)
    out = tmp_path / "notice.pdf"
    render(data, out, font_file=FONT_FILE, image_cache=tmp_path / "cache")
    pages = _pages(out)
    half = len(pages) // 2
    for customer, archive in zip(pages[:half], pages[half:], strict=True):
        assert "客户联" in customer and "存档联" in archive
        assert customer.replace("客户联", "") == archive.replace("存档联", "")
