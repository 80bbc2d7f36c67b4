"""The photo use cases on both engines: the file before the row, strips and their order, captions, soft
delete, refusal once the inspection is finalized or void, audit events, and the photos in the seal."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from photo_samples import assert_upright, camera_exif, camera_jpeg, upright_pattern
from sqlalchemy import select
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.errors import LockedError, NotFoundError, ValidationError
from fieldapp.photos.files import photo_path, thumbnail_path
from fieldapp.photos.pipeline import PhotoError
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import (
    add_finding,
    finalize_inspection,
    inspection_content,
    start_inspection,
    verify_inspection_seal,
    void_inspection,
)
from fieldapp.services.photos import (
    add_photo,
    all_photos,
    delete_photo,
    photos_for,
    reorder_photos,
    set_caption,
)
from fieldapp.services.settings_store import set_setting
from fieldapp.store.models import AuditEvent, Inspection, Photo


def _start(backend: Backend, sample: Sample) -> uuid.UUID:
    return backend.call(start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2])


def _shots(folder: Path, count: int) -> list[Path]:
    """`count` different photos (each a different size of the pattern)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        camera_jpeg(folder / f"shot{n}.jpg", upright=upright_pattern(400 + 8 * n, 200), orientation=6)
        for n in range(count)
    ]


def _item_code(backend: Backend, sample: Sample) -> str:
    from fieldapp.store.models import ChecklistItem

    with backend.session() as session:
        code = session.scalar(
            select(ChecklistItem.code)
            .where(ChecklistItem.template_id == sample.template_id)
            .order_by(ChecklistItem.position)
        )
    assert code is not None
    return code


def test_add_photo_stores_the_file_then_the_row(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    exif = camera_exif(
        taken="2024:05:06 17:30:00", offset="+08:00", gps=("N", (36.0, 39.0, 0.0), "E", (117.0, 0.0, 0.0))
    )
    source = camera_jpeg(tmp_path / "meter.jpg", orientation=8, exif=exif)
    root = backend.paths.photos
    view = backend.call(
        add_photo, root, source, inspection_id=inspection, caption=" 计量柜封印 ", actor="YJ001"
    )
    assert view.caption == "计量柜封印"
    assert (view.width, view.height, view.position) == (400, 200, 0)
    assert view.item_code is None and view.finding_id is None
    assert view.latitude == pytest.approx(36.65, abs=1e-6)
    assert view.taken_at is not None and view.taken_at.hour == 9
    assert_upright(photo_path(root, view.sha256), (400, 200))
    assert thumbnail_path(root, view.sha256).is_file()
    assert photo_path(root, view.sha256).stat().st_size == view.size_bytes
    with backend.session() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "photo.add")).one()
        assert event.entity_id == str(view.id) and event.actor == "YJ001"
        assert event.detail["sha256"] == view.sha256 and event.detail["source"] == "meter.jpg"
    assert backend.call(photos_for, inspection) == [view]


def test_settings_decide_the_size(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    backend.call(set_setting, "photos.long_side_px", 100)
    source = camera_jpeg(tmp_path / "a.jpg")
    view = backend.call(add_photo, backend.paths.photos, source, inspection_id=inspection)
    assert (view.width, view.height) == (100, 50)


def test_strips_are_ordered_separately(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    code = _item_code(backend, sample)
    finding = backend.call(add_finding, inspection, "电缆沟积水", item_code=code)
    root = backend.paths.photos
    shots = _shots(tmp_path, 6)
    general = [backend.call(add_photo, root, s, inspection_id=inspection) for s in shots[:2]]
    item = [backend.call(add_photo, root, s, inspection_id=inspection, item_code=code) for s in shots[2:4]]
    found = [
        backend.call(add_photo, root, s, inspection_id=inspection, finding_id=finding) for s in shots[4:]
    ]
    assert [v.position for v in general + item + found] == [0, 1, 0, 1, 0, 1]
    assert backend.call(photos_for, inspection) == general
    assert backend.call(photos_for, inspection, code) == item
    assert backend.call(photos_for, inspection, finding_id=finding) == found
    assert all(v.item_code == code for v in item + found)
    assert len(backend.call(all_photos, inspection)) == 6


def test_the_same_photo_twice_in_a_strip_is_one_photo(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    inspection = _start(backend, sample)
    source = camera_jpeg(tmp_path / "a.jpg")
    root = backend.paths.photos
    first = backend.call(add_photo, root, source, inspection_id=inspection)
    again = backend.call(add_photo, root, source, inspection_id=inspection)
    assert again == first
    other = backend.call(
        add_photo, root, source, inspection_id=inspection, item_code=_item_code(backend, sample)
    )
    assert other.id != first.id and other.sha256 == first.sha256


def test_unknown_item_or_finding_is_refused(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    source = camera_jpeg(tmp_path / "a.jpg")
    root = backend.paths.photos
    with pytest.raises(ValidationError, match="NO-SUCH"):
        backend.call(add_photo, root, source, inspection_id=inspection, item_code="NO-SUCH")
    with pytest.raises(ValidationError, match="no finding"):
        backend.call(add_photo, root, source, inspection_id=inspection, finding_id=uuid.uuid4())
    assert not any(root.rglob("*.jpg"))


def test_a_bad_file_writes_neither_file_nor_row(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    source = tmp_path / "broken.jpg"
    source.write_bytes(b"\xff\xd8\xff\xe0 not really")
    with pytest.raises(PhotoError, match=r"broken\.jpg"):
        backend.call(add_photo, backend.paths.photos, source, inspection_id=inspection)
    assert not any(p.is_file() for p in backend.paths.photos.rglob("*"))
    with backend.session() as session:
        assert session.scalars(select(Photo)).all() == []


def test_caption_reorder_and_delete(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    inspection = _start(backend, sample)
    root = backend.paths.photos
    a, b, c = (backend.call(add_photo, root, s, inspection_id=inspection) for s in _shots(tmp_path, 3))
    assert backend.call(set_caption, b.id, "变压器铭牌").caption == "变压器铭牌"
    with pytest.raises(ValidationError):
        backend.call(set_caption, b.id, "字" * 501)
    reordered = backend.call(reorder_photos, inspection, [c.id, a.id, b.id])
    assert [(v.id, v.position) for v in reordered] == [(c.id, 0), (a.id, 1), (b.id, 2)]
    assert [v.id for v in backend.call(photos_for, inspection)] == [c.id, a.id, b.id]
    with pytest.raises(ValidationError, match="every photo of one strip"):
        backend.call(reorder_photos, inspection, [c.id, a.id])
    with pytest.raises(ValidationError, match="every photo of one strip"):
        backend.call(reorder_photos, inspection, [c.id, a.id, a.id])
    backend.call(delete_photo, a.id)
    assert [v.id for v in backend.call(photos_for, inspection)] == [c.id, b.id]
    assert photo_path(root, a.sha256).is_file()  # the file stays
    with pytest.raises(NotFoundError):
        backend.call(delete_photo, a.id)
    backend.call(reorder_photos, inspection, [b.id, c.id])
    new = backend.call(add_photo, root, _shots(tmp_path / "more", 4)[3], inspection_id=inspection)
    assert new.position == 2
    with backend.session() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("photo.%"))).all()
    assert sorted(actions) == sorted(
        ["photo.add"] * 4 + ["photo.caption", "photo.reorder", "photo.reorder", "photo.delete"]
    )


def test_a_finalized_or_void_inspection_refuses_photos(
    backend: Backend, sample: Sample, tmp_path: Path
) -> None:
    root = backend.paths.photos
    shots = _shots(tmp_path, 3)
    inspection = _start(backend, sample)
    kept = backend.call(add_photo, root, shots[0], inspection_id=inspection)
    with backend.session() as session:
        answer_every_item(session, inspection)
    backend.call(sign_everyone, inspection)
    backend.call(finalize_inspection, inspection)
    with pytest.raises(LockedError):
        backend.call(add_photo, root, shots[1], inspection_id=inspection)
    with pytest.raises(LockedError):
        backend.call(set_caption, kept.id, "改")
    with pytest.raises(LockedError):
        backend.call(reorder_photos, inspection, [kept.id])
    with pytest.raises(LockedError):
        backend.call(delete_photo, kept.id)

    voided = _start(backend, sample)
    backend.call(void_inspection, voided, "客户名称录入错误")
    before = sorted(root.rglob("*.jpg"))
    with pytest.raises(LockedError):
        backend.call(add_photo, root, shots[2], inspection_id=voided)
    assert sorted(root.rglob("*.jpg")) == before  # refused before any file is written


def test_photos_are_part_of_the_sealed_content(backend: Backend, sample: Sample, tmp_path: Path) -> None:
    root = backend.paths.photos
    inspection = _start(backend, sample)
    views = [backend.call(add_photo, root, s, inspection_id=inspection) for s in _shots(tmp_path, 2)]
    with backend.session() as session:
        answer_every_item(session, inspection)
    backend.call(sign_everyone, inspection)
    backend.call(finalize_inspection, inspection)
    with backend.session() as session:
        content = inspection_content(session, session.get(Inspection, inspection))
    assert [p["sha256"] for p in content["photos"]] == [v.sha256 for v in views]
    assert backend.call(verify_inspection_seal, inspection)
    with backend.session() as session:
        photo = session.get(Photo, views[0].id)
        assert photo is not None
        photo.deleted = True  # tampering behind the use cases' back breaks the seal
    assert not backend.call(verify_inspection_seal, inspection)


def test_an_inspection_without_photos_seals_as_before(backend: Backend, sample: Sample) -> None:
    inspection = _start(backend, sample)
    with backend.session() as session:
        assert "photos" not in inspection_content(session, session.get(Inspection, inspection))


def test_doctor_removes_old_temp_files_and_does_not_count_them(backend: Backend, sample: Sample) -> None:
    import os

    from fieldapp.services.doctor import clean_photo_temps, run_doctor

    folder = backend.paths.photos / "ab"
    folder.mkdir(parents=True)
    old, young = folder / ".x.jpg.00000000.tmp", folder / ".y.jpg.11111111.tmp"
    old.write_bytes(b"half")
    young.write_bytes(b"half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert backend.call(run_doctor, backend.paths.photos) == []
    assert clean_photo_temps(backend.paths.photos) == [old]
    assert young.exists() and not old.exists()
