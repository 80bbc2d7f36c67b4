"""Photos at print size: made from the stored photo's print copy (or, without one, decoded at the JPEG
decoder's own scale and the print copy written), upright, the stored photo only read, made once into the
cache and found there again. (The evidence strip is printed as text below the picture: test_render.)"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from notice_kit import make_photos
from PIL import Image

from fieldapp.notices import photos as notice_photos
from fieldapp.notices.photos import (
    PRINT_DPI,
    PrintJob,
    prepared_path,
    print_copies,
    print_pixels,
)
from fieldapp.notices.render import PHOTO_BOX


def _camera_photo(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    """A photo whose top-left quarter is red: upright, red is top left."""
    image = Image.new("RGB", size, (40, 90, 160))
    image.paste((220, 20, 20), (0, 0, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def test_the_box_prints_a_stored_photo_at_print_resolution_from_a_quarter_of_its_pixels() -> None:
    """The appendix box is sized so that a 2048 px stored photo decoded at 1/4 (512 px) prints at
    PRINT_DPI: no resampling after the decoder's own scaling."""
    width, height = print_pixels(PHOTO_BOX)
    assert width == 2048 // 4
    assert PHOTO_BOX[0] / 72 * PRINT_DPI >= 2048 // 4 - 0.5  # the picture prints at PRINT_DPI or finer
    assert height >= 1536 // 4


def test_a_stored_photo_is_reduced_once_and_found_again(tmp_path: Path) -> None:
    (source,) = make_photos(tmp_path / "photos", 1, size=(2048, 1536))
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    cache = tmp_path / "cache"
    (first,) = print_copies([PrintJob(source)], cache, PHOTO_BOX)
    assert first.path.parent == cache and first.size == (512, 384)
    with Image.open(first.path) as printed:
        assert printed.format == "JPEG" and printed.size == (512, 384)
    made = first.path.stat().st_mtime_ns
    (again,) = print_copies([PrintJob(source)], cache, PHOTO_BOX)
    assert again == first and again.path.stat().st_mtime_ns == made  # found, not made again
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_a_turned_camera_file_prints_upright(tmp_path: Path) -> None:
    # Stored as 1536 wide and 2048 high with orientation 8 (turned 90 degrees): upright it is landscape.
    upright = Image.new("RGB", (2048, 1536), (40, 90, 160))
    upright.paste((220, 20, 20), (0, 0, 1024, 768))
    raw = upright.transpose(Image.Transpose.ROTATE_270)  # what orientation 8 turns back by ROTATE_90
    exif = Image.Exif()
    exif[0x0112] = 8
    source = tmp_path / "turned.jpg"
    raw.save(source, "JPEG", quality=90, exif=exif.tobytes())
    (copy,) = print_copies([PrintJob(source)], tmp_path / "cache", PHOTO_BOX)
    assert copy.size == (512, 384)
    with Image.open(copy.path) as printed:
        red, _green, blue = printed.convert("RGB").getpixel((64, 48))  # type: ignore[misc]
        assert red > 150 and blue < 100  # the red quarter is top left


def test_a_small_jpeg_is_embedded_as_it_is_and_a_large_one_resampled(tmp_path: Path) -> None:
    small = _camera_photo(tmp_path / "small.jpg", (800, 600))
    large = _camera_photo(tmp_path / "large.jpg", (3000, 2250))  # 1/4 gives 750: resampled to the box
    copies = print_copies([PrintJob(small), PrintJob(large)], tmp_path / "cache", PHOTO_BOX)
    assert copies[0].path == small and copies[0].size == (800, 600)
    assert copies[1].path.parent == tmp_path / "cache" and copies[1].size == (512, 384)


def test_the_same_photo_twice_is_reduced_once(tmp_path: Path) -> None:
    """One picture in an item's strip and a finding's: both places print it, from one reduced copy."""
    source = _camera_photo(tmp_path / "big.jpg", (2048, 1536))
    other = _camera_photo(tmp_path / "other.jpg", (1536, 2048))
    jobs = [PrintJob(source), PrintJob(other), PrintJob(source), PrintJob(source)]
    for round_ in range(5):  # the race this guards against came and went; each round has an empty cache
        cache = tmp_path / f"cache-{round_}"
        copies = print_copies(jobs, cache, PHOTO_BOX)
        assert copies[0] == copies[2] == copies[3] != copies[1]
        assert all(copy.path.exists() for copy in copies)
        assert sorted(p.name for p in cache.iterdir()) == sorted({copies[0].path.name, copies[1].path.name})


def _stored(root: Path, size: tuple[int, int], colour: tuple[int, int, int] = (40, 90, 160)) -> Path:
    """A file laid out like a stored photo: <root>/ab/<sha>.jpg."""
    data_path = root / "incoming.jpg"
    root.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(data_path, "JPEG", quality=85)
    sha = hashlib.sha256(data_path.read_bytes()).hexdigest()
    stored = root / sha[:2] / f"{sha}.jpg"
    stored.parent.mkdir()
    data_path.replace(stored)
    return stored


def _colour(path: Path) -> tuple[int, int, int]:
    with Image.open(path) as image:
        pixel = image.convert("RGB").getpixel((image.width // 2, image.height // 4))
    assert isinstance(pixel, tuple)
    return pixel[0], pixel[1], pixel[2]


def test_a_stored_photo_prints_from_its_print_copy(tmp_path: Path) -> None:
    """The notice reads the small print copy the pipeline wrote, not the 2048 px photo: here the print copy
    is green and the photo blue, and the printed copy is green."""
    stored = _stored(tmp_path / "photos", (2048, 1536))
    prepared = prepared_path(stored)
    assert prepared == tmp_path / "photos" / "print" / stored.parent.name / stored.name
    prepared.parent.mkdir(parents=True)
    Image.new("RGB", (512, 384), (20, 200, 20)).save(prepared, "JPEG", quality=80)
    (plain,) = print_copies([PrintJob(stored)], tmp_path / "cache", PHOTO_BOX)
    assert plain.path == prepared and plain.size == (512, 384)  # already at print size: embedded as it is
    _red, green, blue = _colour(plain.path)
    assert green > 150 and blue < 100


def test_without_a_print_copy_the_photo_is_decoded_and_its_print_copy_written(tmp_path: Path) -> None:
    """An older photo, or one synced in without its print copy: the notice decodes the photo, writes the
    print copy for the next notice, and prints the same bytes as a notice made from that print copy."""
    stored = _stored(tmp_path / "photos", (1536, 2048))
    prepared = prepared_path(stored)
    assert prepared is not None and not prepared.exists()
    (first,) = print_copies([PrintJob(stored)], tmp_path / "cache-1", PHOTO_BOX)
    with Image.open(prepared) as printed:
        assert printed.size == (384, 512)
    made = prepared.stat().st_mtime_ns
    (second,) = print_copies([PrintJob(stored)], tmp_path / "cache-2", PHOTO_BOX)
    assert prepared.stat().st_mtime_ns == made  # found, not made again
    assert first.path.read_bytes() == second.path.read_bytes()
    assert not [p for p in prepared.parent.iterdir() if p != prepared]  # no temp file left


def test_a_print_copy_that_cannot_be_written_still_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _stored(tmp_path / "photos", (2048, 1536))

    def read_only(target: Path, data: bytes) -> None:
        raise PermissionError(f"read-only: {target}")

    monkeypatch.setattr(notice_photos, "_write_atomic", read_only)
    (copy,) = print_copies([PrintJob(stored)], tmp_path / "cache", PHOTO_BOX)
    assert copy.size[0] == 512 and copy.path.is_file()
    prepared = prepared_path(stored)
    assert prepared is not None and not prepared.exists()


def test_only_files_laid_out_as_stored_photos_have_a_print_copy(tmp_path: Path) -> None:
    stored = _stored(tmp_path / "photos", (64, 48))
    assert prepared_path(stored) is not None
    assert prepared_path(tmp_path / "p00.jpg") is None
    assert prepared_path(tmp_path / "zz" / stored.name) is None  # not in its fan-out folder
