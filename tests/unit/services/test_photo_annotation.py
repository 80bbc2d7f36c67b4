"""Annotated photos and evidence stamps as use cases, on both engines: the drawing is a new photo right
after its untouched source, with the source's time and place; a void inspection refuses it; the stamp's
lines name the customer, the time, the inspectors and the place, and the stamped copy leaves the stored
photo as it was."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from photo_samples import camera_exif, camera_jpeg, upright_pattern
from PIL import Image, ImageDraw
from sqlalchemy import select
from testkit import Sample

from fieldapp.domain.errors import LockedError, NotFoundError
from fieldapp.photos.files import photo_path, sha256_of_file
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import add_finding, start_inspection, void_inspection
from fieldapp.services.photos import (
    PhotoView,
    add_annotated_photo,
    add_photo,
    evidence_stamp_lines,
    photo_file,
    photos_for,
    set_caption,
    stamped_photo_copy,
    thumbnail_file,
)
from fieldapp.store.models import AuditEvent, ChecklistItem, Photo


def _start(backend: Backend, sample: Sample) -> uuid.UUID:
    return backend.call(start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2])


def _drawn_on(backend: Backend, view: PhotoView, target: Path) -> Path:
    """The stored photo with a red rectangle on it, as the annotation editor saves it (no EXIF)."""
    with Image.open(photo_file(backend.paths.photos, view.sha256)) as stored:
        image = stored.convert("RGB")
    ImageDraw.Draw(image).rectangle((20, 20, 120, 90), outline=(230, 20, 20), width=6)
    image.save(target, "JPEG", quality=95)
    return target


def _shots(folder: Path, count: int, exif: Image.Exif | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        camera_jpeg(folder / f"s{n}.jpg", upright=upright_pattern(400 + 8 * n, 200), exif=exif)
        for n in range(count)
    ]


def test_an_annotated_photo_is_a_new_photo_after_its_untouched_source(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection = _start(backend, sample)
    root = backend.paths.photos
    exif = camera_exif(
        taken="2024:05:06 17:30:00", offset="+08:00", gps=("N", (36.0, 39.0, 0.0), "E", (117.0, 0.0, 0.0))
    )
    a, b, c = (backend.call(add_photo, root, s, inspection_id=inspection) for s in _shots(tmp_path, 3, exif))
    backend.call(set_caption, b.id, "计量柜封印")
    source_file = photo_path(root, b.sha256)
    source_bytes = source_file.read_bytes()

    drawn = backend.call(
        add_annotated_photo, root, b.id, _drawn_on(backend, b, tmp_path / "drawn.jpg"), actor="YJ001"
    )

    assert drawn.annotated_from_id == b.id and drawn.id != b.id and drawn.sha256 != b.sha256
    assert drawn.caption == "计量柜封印"  # the source's, unless another is given
    assert (drawn.width, drawn.height) == (b.width, b.height)
    assert (drawn.taken_at, drawn.latitude, drawn.longitude) == (b.taken_at, b.latitude, b.longitude)
    assert drawn.taken_at is not None and drawn.latitude is not None
    strip = backend.call(photos_for, inspection)
    assert [p.id for p in strip] == [a.id, b.id, drawn.id, c.id]
    assert [p.position for p in strip] == [0, 1, 2, 3]
    assert source_file.read_bytes() == source_bytes  # the evidence is untouched
    assert sha256_of_file(source_file) == b.sha256
    assert photo_path(root, drawn.sha256).is_file() and thumbnail_file(root, drawn.sha256).is_file()
    with backend.session() as session:
        row = session.get(Photo, b.id)
        assert row is not None and not row.deleted and row.annotated_from_id is None
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "photo.annotate")).one()
        assert event.entity_id == str(drawn.id) and event.actor == "YJ001"
        assert event.detail["source_sha256"] == b.sha256


def test_an_annotation_stays_in_its_strip_and_may_get_its_own_caption(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection = _start(backend, sample)
    root = backend.paths.photos
    with backend.session() as session:
        code = session.scalar(
            select(ChecklistItem.code)
            .where(ChecklistItem.template_id == sample.template_id)
            .order_by(ChecklistItem.position)
        )
    assert code is not None
    finding = backend.call(add_finding, inspection, "电缆沟积水", item_code=code)
    shot = backend.call(add_photo, root, _shots(tmp_path, 1)[0], inspection_id=inspection, finding_id=finding)
    drawn = backend.call(
        add_annotated_photo, root, shot.id, _drawn_on(backend, shot, tmp_path / "d.jpg"), caption=" 积水位置 "
    )
    assert drawn.finding_id == finding and drawn.item_code == code and drawn.caption == "积水位置"
    assert [p.id for p in backend.call(photos_for, inspection, finding_id=finding)] == [shot.id, drawn.id]
    assert backend.call(photos_for, inspection) == []
    again = backend.call(add_annotated_photo, root, shot.id, _drawn_on(backend, shot, tmp_path / "d2.jpg"))
    assert again.id == drawn.id  # the same drawing twice is one photo


def test_a_void_inspection_refuses_an_annotation(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    root = backend.paths.photos
    shot = backend.call(add_photo, root, _shots(tmp_path, 1)[0], inspection_id=inspection)
    drawing = _drawn_on(backend, shot, tmp_path / "d.jpg")
    backend.call(void_inspection, inspection, "客户名称录入错误")
    before = sorted(root.rglob("*.jpg"))
    with pytest.raises(LockedError):
        backend.call(add_annotated_photo, root, shot.id, drawing)
    assert sorted(root.rglob("*.jpg")) == before
    with pytest.raises(NotFoundError):
        backend.call(add_annotated_photo, root, uuid.uuid4(), drawing)


def test_stamp_lines_name_customer_time_inspectors_and_place(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection = _start(backend, sample)
    root = backend.paths.photos
    exif = camera_exif(
        taken="2024:05:06 17:30:00", offset="+08:00", gps=("N", (36.0, 39.0, 0.0), "E", (117.0, 0.0, 0.0))
    )
    placed = backend.call(add_photo, root, _shots(tmp_path / "a", 1, exif)[0], inspection_id=inspection)
    lines = backend.call(evidence_stamp_lines, placed.id)
    assert lines[0] == "客户：临河县人民医院（户号 0531000001）"
    assert placed.taken_at is not None
    assert lines[1] == f"拍摄时间：{placed.taken_at.astimezone():%Y-%m-%d %H:%M}"
    assert lines[2] == "检查人员：王建国、李秀英"
    assert lines[3] == "位置：北纬 36.650000°，东经 117.000000°"

    bare = backend.call(add_photo, root, _shots(tmp_path / "b", 2)[1], inspection_id=inspection)
    lines = backend.call(evidence_stamp_lines, bare.id)
    assert lines[1].startswith("检查时间：") and "未记录拍摄时间" in lines[1]
    assert len(lines) == 3  # no place when the camera did not know it


def test_a_stamped_copy_leaves_the_stored_photo_as_it_was(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection = _start(backend, sample)
    root = backend.paths.photos
    view = backend.call(add_photo, root, _shots(tmp_path, 1)[0], inspection_id=inspection)
    stored = photo_path(root, view.sha256)
    before = stored.read_bytes()
    out = backend.call(stamped_photo_copy, root, view.id, tmp_path / "notice" / "photo-1.jpg")
    with Image.open(out) as copy:
        assert copy.width == view.width and copy.height > view.height
    assert stored.read_bytes() == before and sha256_of_file(stored) == view.sha256
