"""The print copy the pipeline writes with each stored photo: the size a notice prints it at, upright, next
to the photo under a name the notice finds on its own (notices may not import photos: the two layouts and
sizes are checked to agree here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from photo_samples import assert_upright, camera_jpeg, upright_pattern
from PIL import Image

from fieldapp.notices.photos import (
    PREPARED_LONG_SIDE,
    PREPARED_QUALITY,
    prepared_path,
    print_pixels,
)
from fieldapp.notices.render import PHOTO_BOX
from fieldapp.photos.files import print_path
from fieldapp.photos.pipeline import PRINT_LONG_SIDE, PRINT_QUALITY, ingest


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_the_print_copy_is_written_upright_at_print_size(tmp_path: Path, orientation: int) -> None:
    source = camera_jpeg(tmp_path / "big.jpg", orientation=orientation, upright=upright_pattern(3000, 2000))
    photo = ingest(source, tmp_path / "photos")
    assert (photo.width, photo.height) == (2048, 1365)
    assert photo.print_path == print_path(tmp_path / "photos", photo.sha256)
    assert_upright(photo.print_path, (512, 341))
    with Image.open(photo.print_path) as printed:
        assert printed.format == "JPEG"


def test_a_portrait_print_copy_keeps_its_long_side_vertical(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "tall.jpg", orientation=6, upright=upright_pattern(1500, 3000))
    photo = ingest(source, tmp_path / "photos")
    assert_upright(photo.print_path, (256, 512))


def test_a_small_photo_has_a_print_copy_of_its_own_size(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "small.jpg", upright=upright_pattern(400, 200))
    photo = ingest(source, tmp_path / "photos")
    assert_upright(photo.print_path, (400, 200))
    assert_upright(photo.thumbnail_path, (320, 160))


def test_a_missing_print_copy_is_rebuilt_on_the_next_ingest(tmp_path: Path) -> None:
    root = tmp_path / "photos"
    source = camera_jpeg(tmp_path / "a.jpg", upright=upright_pattern(3000, 2000))
    photo = ingest(source, root)
    photo.print_path.unlink()
    again = ingest(source, root)
    assert not again.written
    assert_upright(photo.print_path, (512, 341))


def test_the_notice_finds_the_print_copy_where_the_pipeline_writes_it(tmp_path: Path) -> None:
    source = camera_jpeg(tmp_path / "a.jpg")
    photo = ingest(source, tmp_path / "photos")
    assert prepared_path(photo.path) == photo.print_path
    # The print copy fills the notice's photo box at its print resolution, and both layers make it alike.
    assert PRINT_LONG_SIDE == PREPARED_LONG_SIDE == print_pixels(PHOTO_BOX)[0]
    assert PRINT_QUALITY == PREPARED_QUALITY
