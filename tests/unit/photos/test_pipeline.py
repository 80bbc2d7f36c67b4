"""The photo pipeline on real JPEGs made by the tests: upright pixels for every EXIF orientation, the long
side brought down (never up) with the aspect kept, capture time and GPS read, one file per content, and a
clear refusal that writes nothing for every kind of bad file."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from photo_samples import (
    GREEN,
    RED,
    assert_upright,
    camera_exif,
    camera_jpeg,
    jpeg_bytes,
    near,
    upright_pattern,
)
from PIL import Image

from fieldapp.domain.errors import ValidationError
from fieldapp.photos.files import leftover_temps, photo_path, remove_leftover_temps, thumbnail_path
from fieldapp.photos.pipeline import PhotoError, ingest, target_size


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_stored_upright(tmp_path: Path, orientation: int) -> None:
    source = camera_jpeg(tmp_path / f"o{orientation}.jpg", orientation=orientation)
    photo = ingest(source, tmp_path / "photos")
    assert (photo.width, photo.height) == (400, 200)
    assert_upright(photo.path, (400, 200))
    assert_upright(photo.thumbnail_path, (320, 160))


@pytest.mark.parametrize("orientation", [1, 6, 8])
def test_downscale_keeps_the_aspect_and_turns_after(tmp_path: Path, orientation: int) -> None:
    source = camera_jpeg(tmp_path / "big.jpg", orientation=orientation, upright=upright_pattern(3000, 2000))
    photo = ingest(source, tmp_path / "photos", long_side=1200)
    assert (photo.width, photo.height) == (1200, 800)
    assert_upright(photo.path, (1200, 800))


def test_a_portrait_photo_keeps_its_long_side_vertical(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "tall.jpg", upright=upright_pattern(1500, 3000))
    photo = ingest(source, tmp_path / "photos", long_side=1000)
    assert (photo.width, photo.height) == (500, 1000)


def test_a_small_photo_is_not_upscaled(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "small.jpg", upright=upright_pattern(300, 120))
    photo = ingest(source, tmp_path / "photos")
    assert (photo.width, photo.height) == (300, 120)
    assert_upright(photo.path, (300, 120))


def test_target_size() -> None:
    assert target_size((4000, 3000), 2048) == (2048, 1536)
    assert target_size((3000, 4000), 2048) == (1536, 2048)
    assert target_size((100, 50), 2048) == (100, 50)
    assert target_size((10000, 1), 100) == (100, 1)


def test_the_stored_file_is_named_by_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    root = tmp_path / "photos"
    photo = ingest(camera_jpeg(tmp_path / "a.jpg"), root)
    data = photo.path.read_bytes()
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert photo.path == photo_path(root, photo.sha256)
    assert photo.size_bytes == len(data)
    assert photo.thumbnail_path == thumbnail_path(root, photo.sha256)
    assert photo.original_sha256 is None
    assert leftover_temps(root) == []


def test_the_same_photo_twice_gives_one_file(tmp_path: Path) -> None:
    root = tmp_path / "photos"
    source = camera_jpeg(tmp_path / "a.jpg")
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(source.read_bytes())
    first = ingest(source, root)
    before = {p: p.stat().st_mtime_ns for p in _files(root)}
    second = ingest(copy, root)
    assert second.sha256 == first.sha256
    assert not second.written
    assert {p: p.stat().st_mtime_ns for p in _files(root)} == before
    assert len(before) == 3  # the photo, its print copy and its thumbnail


def test_a_missing_thumbnail_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "photos"
    source = camera_jpeg(tmp_path / "a.jpg")
    photo = ingest(source, root)
    photo.thumbnail_path.unlink()
    ingest(source, root)
    assert photo.thumbnail_path.is_file()


def test_capture_time_uses_the_camera_offset_when_there_is_one(tmp_path: Path) -> None:
    exif = camera_exif(taken="2024:05:06 17:30:00", offset="+08:00")
    photo = ingest(camera_jpeg(tmp_path / "a.jpg", exif=exif), tmp_path / "photos")
    assert photo.taken_at == datetime(2024, 5, 6, 9, 30, tzinfo=UTC)


def test_capture_time_without_an_offset_is_local_time_of_the_device(tmp_path: Path) -> None:
    exif = camera_exif(taken="2024:05:06 17:30:00")
    source = camera_jpeg(tmp_path / "a.jpg", exif=exif)
    china = timezone(timedelta(hours=8))
    assert ingest(source, tmp_path / "p1", exif_tz=china).taken_at == datetime(2024, 5, 6, 9, 30, tzinfo=UTC)
    local = ingest(source, tmp_path / "p2").taken_at
    assert local == datetime(2024, 5, 6, 17, 30).astimezone(UTC)
    assert local is not None and local.tzinfo is UTC


@pytest.mark.parametrize("value", ["0000:00:00 00:00:00", "    :  :     :  :  ", "garbage"])
def test_a_placeholder_capture_time_is_none(tmp_path: Path, value: str) -> None:
    source = camera_jpeg(tmp_path / "a.jpg", exif=camera_exif(taken=value))
    assert ingest(source, tmp_path / "photos").taken_at is None


def test_no_exif_means_no_time_and_no_place(tmp_path: Path) -> None:
    source = tmp_path / "plain.jpg"
    source.write_bytes(jpeg_bytes(upright_pattern()))
    photo = ingest(source, tmp_path / "photos")
    assert (photo.taken_at, photo.latitude, photo.longitude) == (None, None, None)


def test_gps_is_read_and_kept_in_the_stored_file(tmp_path: Path) -> None:
    exif = camera_exif(
        taken="2024:05:06 17:30:00",
        offset="+08:00",
        gps=("N", (36.0, 39.0, 30.0), "E", (117.0, 7.0, 12.0)),
    )
    photo = ingest(camera_jpeg(tmp_path / "a.jpg", exif=exif, orientation=6), tmp_path / "photos")
    assert photo.latitude == pytest.approx(36.658333, abs=1e-6)
    assert photo.longitude == pytest.approx(117.12, abs=1e-6)
    with Image.open(photo.path) as stored:
        tags = stored.getexif()
        assert tags.get(0x0112) is None
        assert tags.get_ifd(0x8769)[36867] == "2024:05:06 17:30:00"
        assert tags.get_ifd(0x8825)[1] == "N"


def test_southern_and_western_coordinates_are_negative(tmp_path: Path) -> None:
    exif = camera_exif(gps=("S", (33.0, 52.0, 0.0), "W", (70.0, 40.0, 0.0)))
    photo = ingest(camera_jpeg(tmp_path / "a.jpg", exif=exif), tmp_path / "photos")
    assert photo.latitude == pytest.approx(-33.866667, abs=1e-6)
    assert photo.longitude == pytest.approx(-70.666667, abs=1e-6)


def test_keep_original_stores_the_untouched_file(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "a.jpg", orientation=6)
    photo = ingest(source, tmp_path / "photos", keep_original=True)
    assert photo.original_path is not None
    assert photo.original_path.read_bytes() == source.read_bytes()
    assert photo.original_sha256 == hashlib.sha256(source.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "WEBP"])
def test_png_tiff_and_webp_are_stored_as_jpeg(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / f"shot.{fmt.lower()}"
    upright_pattern().save(source, fmt)
    photo = ingest(source, tmp_path / "photos")
    assert_upright(photo.path, (400, 200))
    with Image.open(photo.path) as stored:
        assert stored.format == "JPEG"


def test_a_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    source = tmp_path / "alpha.png"
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    image.paste((230, 20, 20, 255), (0, 0, 25, 12))
    image.save(source)
    photo = ingest(source, tmp_path / "photos")
    with Image.open(photo.path) as stored:
        rgb = stored.convert("RGB")
        assert near(rgb.getpixel((5, 5)), RED)
        assert near(rgb.getpixel((80, 40)), (255, 255, 255))


def _refused(source: Path, root: Path) -> PhotoError:
    with pytest.raises(PhotoError) as caught:
        ingest(source, root)
    assert isinstance(caught.value, ValidationError)
    message = str(caught.value)
    assert source.name in message and str(source) in message
    assert "(" in message and ")" in message  # Chinese, then English in parentheses
    assert _files(root) == [], "a refused file must write nothing"
    return caught.value


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "empty.jpg"
    source.write_bytes(b"")
    assert "empty" in str(_refused(source, tmp_path / "photos"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "cannot be read" in str(_refused(tmp_path / "nowhere.jpg", tmp_path / "photos"))


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    whole = camera_jpeg(tmp_path / "whole.jpg", upright=upright_pattern(1600, 1200)).read_bytes()
    source = tmp_path / "cut.jpg"
    source.write_bytes(whole[: len(whole) // 2])
    assert "damaged" in str(_refused(source, tmp_path / "photos"))


def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "notes.jpg"
    source.write_text("配电室检查记录 not a photo", encoding="utf-8")
    assert "not an image" in str(_refused(source, tmp_path / "photos"))


def test_an_unsupported_format_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "shot.gif"
    upright_pattern().save(source, "GIF")
    assert "GIF is not supported" in str(_refused(source, tmp_path / "photos"))


@pytest.mark.parametrize("factor", [1.5, 3])  # Pillow warns between 1x and 2x its limit, refuses above
def test_a_decompression_bomb_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, factor: float
) -> None:
    source = camera_jpeg(tmp_path / "bomb.jpg", upright=upright_pattern(400, 300))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", int(400 * 300 / factor))
    assert "decompression bomb" in str(_refused(source, tmp_path / "photos"))


def test_a_failed_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fieldapp.photos.files as files

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    root = tmp_path / "photos"
    with pytest.raises(OSError, match="disk full"):
        ingest(camera_jpeg(tmp_path / "a.jpg"), root)
    assert [p for p in _files(root) if p.suffix in (".jpg", ".tmp")] == []


def test_leftover_temps_are_found_and_removed(tmp_path: Path) -> None:
    root = tmp_path / "photos"
    photo = ingest(camera_jpeg(tmp_path / "a.jpg"), root)
    stale = photo.path.with_name(f".{photo.path.name}.1234abcd.tmp")
    stale.write_bytes(b"half a photo")
    thumb_stale = photo.thumbnail_path.with_name(".x.jpg.00000000.tmp")
    thumb_stale.write_bytes(b"half a thumbnail")
    assert leftover_temps(root) == sorted([stale, thumb_stale])
    assert remove_leftover_temps(root, older_than_s=3600) == []  # too young: may still be being written
    assert remove_leftover_temps(root, older_than_s=0) == sorted([stale, thumb_stale])
    assert leftover_temps(root) == [] and photo.path.is_file()


def test_green_and_red_helpers_differ() -> None:
    assert not near(RED, GREEN)
