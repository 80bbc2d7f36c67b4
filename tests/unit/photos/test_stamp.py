"""The evidence stamp: a copy with a caption strip below the photo, Chinese text drawn with a CJK font,
the stored evidence untouched, and a clear error when there is no font."""

from __future__ import annotations

from pathlib import Path

import pytest
from photo_samples import assert_upright, camera_jpeg, upright_pattern
from PIL import Image, ImageChops, ImageFont

import fieldapp.photos.stamp as stamp
from fieldapp.photos.files import sha256_of_file
from fieldapp.photos.pipeline import ingest
from fieldapp.photos.stamp import StampFontError, find_cjk_font, stamped_copy

LINES = [
    "客户：临河县人民医院（户号 0531000001）",
    "拍摄时间：2024-05-06 17:30",
    "检查人员：王建国、李秀英",
    "位置：北纬 36.650000°，东经 117.000000°",
]


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """A photo as the pipeline stores it."""
    source = camera_jpeg(tmp_path / "meter.jpg", upright=upright_pattern(800, 600), orientation=6)
    return ingest(source, tmp_path / "photos").path


def test_the_copy_has_the_photo_above_a_strip_of_text(stored: Path, tmp_path: Path) -> None:
    out = stamped_copy(stored, tmp_path / "out" / "stamped.jpg", LINES)
    with Image.open(stored) as photo, Image.open(out) as copy:
        width, height = photo.size
        assert copy.format == "JPEG"
        assert copy.width == width and copy.height > height + 4 * 10  # four lines below the photo
        top = copy.convert("RGB").crop((0, 0, width, height))
        # The photo's own pixels are all there, above the strip (JPEG noise aside).
        difference = ImageChops.difference(top, photo.convert("RGB")).getextrema()
        assert max(high for _low, high in difference) < 40
        strip = copy.convert("RGB").crop((0, height, width, copy.height))
        colours = strip.getcolors(maxcolors=1 << 20)
        assert colours is not None
        bright = sum(count for count, rgb in colours if min(rgb) > 200)
        dark = sum(count for count, rgb in colours if max(rgb) < 80)
        assert dark > bright > 0, "the strip is dark with light text on it"


def test_the_stored_evidence_is_not_changed(stored: Path, tmp_path: Path) -> None:
    before_bytes = stored.read_bytes()
    before_sha = sha256_of_file(stored)
    stamped_copy(stored, tmp_path / "stamped.jpg", LINES)
    assert stored.read_bytes() == before_bytes
    assert sha256_of_file(stored) == before_sha == stored.stem  # still named by its own SHA-256


def test_the_copy_never_replaces_the_evidence(stored: Path) -> None:
    before = stored.read_bytes()
    with pytest.raises(ValueError, match="must not replace the evidence"):
        stamped_copy(stored, stored, LINES)
    with pytest.raises(ValueError, match="must not replace the evidence"):
        stamped_copy(stored, stored.parent / ".." / stored.parent.name / stored.name, LINES)
    assert stored.read_bytes() == before


def test_an_upright_copy_of_a_turned_camera_file(tmp_path: Path) -> None:
    """A file straight from a camera (Orientation tag) is stamped the right way up."""
    source = camera_jpeg(tmp_path / "camera.jpg", upright=upright_pattern(400, 200), orientation=8)
    out = stamped_copy(source, tmp_path / "stamped.jpg", ["客户：测试"])
    with Image.open(out) as copy:
        assert copy.width == 400
        copy.crop((0, 0, 400, 200)).save(tmp_path / "top.jpg")
    assert_upright(tmp_path / "top.jpg", (400, 200))


def test_long_lines_wrap_to_the_photo_width(stored: Path, tmp_path: Path) -> None:
    short = stamped_copy(stored, tmp_path / "short.jpg", ["客户：短"])
    long = stamped_copy(stored, tmp_path / "long.jpg", ["客户：" + "临河县经济开发区创业路八号钢铁集团" * 6])
    with Image.open(short) as a, Image.open(long) as b:
        assert a.width == b.width
        assert b.height > a.height  # more lines, not text running off the side


def test_chinese_is_drawn_with_real_glyphs() -> None:
    """A font without CJK glyphs draws every character as the same box; the chosen font does not."""
    font = ImageFont.truetype(str(find_cjk_font()), 40, index=0)
    masks = [bytes(font.getmask(char)) for char in "客户检"]
    assert len(set(masks)) == 3


def test_a_named_font_that_is_missing_is_a_clear_error(stored: Path, tmp_path: Path) -> None:
    with pytest.raises(StampFontError, match=r"nowhere\.ttc"):
        stamped_copy(stored, tmp_path / "x.jpg", LINES, font_path=tmp_path / "nowhere.ttc")
    assert not (tmp_path / "x.jpg").exists()


def test_no_font_anywhere_is_a_clear_error(
    stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamp, "fonts_dir", lambda: tmp_path / "no-fonts")
    monkeypatch.setattr(stamp, "_system_font_candidates", lambda: [tmp_path / "missing.ttc"])
    with pytest.raises(StampFontError) as caught:
        stamped_copy(stored, tmp_path / "x.jpg", LINES)
    assert "no CJK TrueType font" in str(caught.value) and "missing.ttc" in str(caught.value)


def test_the_bundled_font_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "fonts"
    bundled.mkdir()
    system = find_cjk_font()
    (bundled / "bundled.ttc").write_bytes(system.read_bytes())
    (bundled / "LICENSE.txt").write_text("licence", encoding="utf-8")
    monkeypatch.setattr(stamp, "fonts_dir", lambda: bundled)
    assert find_cjk_font() == bundled / "bundled.ttc"


def test_a_stamp_needs_text(stored: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one line"):
        stamped_copy(stored, tmp_path / "x.jpg", ["  ", ""])
