"""The photo use cases: add a photo to an inspection (general, a checklist item's or a finding's strip),
caption it, reorder a strip, delete one, list them; store an annotated copy beside its source; make a
stamped copy (customer, time, inspectors, place) for a notice.

A photo's file is written (atomically, content-addressed, by fieldapp.photos.pipeline) before the row
that names it (architecture invariant 4): a process killed in between leaves an unnamed file, never a row
without its file. Every change is refused once the inspection is finalized or void. Deleting is a soft
delete (the deleted flag); the file stays, because the same bytes may be named by another row.

Strips. Each photo belongs to one strip of its inspection, ordered by `position`: a finding's photos
(finding_id set), else a checklist item's (item_id set), else the inspection's general photos."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.photos.files import photo_path, thumbnail_path
from fieldapp.photos.pipeline import ingest
from fieldapp.photos.stamp import stamped_copy
from fieldapp.services.audit import record_event
from fieldapp.services.inspections import editable_inspection, get_inspection
from fieldapp.services.settings_store import get_setting
from fieldapp.store.models import ChecklistItem, Finding, Inspection, Photo

CAPTION_MAX = 500


@dataclass(frozen=True)
class PhotoView:
    id: uuid.UUID
    sha256: str
    inspection_id: uuid.UUID
    item_code: str | None
    finding_id: uuid.UUID | None
    position: int
    caption: str
    taken_at: datetime | None
    latitude: float | None
    longitude: float | None
    width: int
    height: int
    size_bytes: int
    annotated_from_id: uuid.UUID | None = None  # the photo this one was drawn on (add_annotated_photo)


def photo_file(photos_root: Path, sha256: str) -> Path:
    """Where the stored photo with this SHA-256 lives (the GUI shows and annotates it from there)."""
    return photo_path(photos_root, sha256)


def thumbnail_file(photos_root: Path, sha256: str) -> Path:
    """Where the thumbnail of the stored photo with this SHA-256 lives (it may be missing: a photo that
    came by sync has none until it is rebuilt, so a viewer falls back to the photo itself)."""
    return thumbnail_path(photos_root, sha256)


def _view(photo: Photo, item_code: str | None) -> PhotoView:
    assert photo.inspection_id is not None
    return PhotoView(
        id=photo.id,
        sha256=photo.sha256,
        inspection_id=photo.inspection_id,
        item_code=item_code,
        finding_id=photo.finding_id,
        position=photo.position,
        caption=photo.caption,
        taken_at=photo.taken_at,
        latitude=photo.latitude,
        longitude=photo.longitude,
        width=photo.width,
        height=photo.height,
        size_bytes=photo.size_bytes,
        annotated_from_id=photo.annotated_from_id,
    )


def _item_id(session: Session, inspection: Inspection, item_code: str) -> uuid.UUID:
    item_id = session.scalar(
        select(ChecklistItem.id).where(
            ChecklistItem.template_id == inspection.template_id, ChecklistItem.code == item_code
        )
    )
    if item_id is None:
        raise ValidationError(f"检查表中没有检查项 {item_code} (no checklist item {item_code})", field="item")
    return item_id


def _finding(session: Session, inspection: Inspection, finding_id: uuid.UUID) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None or finding.deleted or finding.inspection_id != inspection.id:
        raise ValidationError(
            f"本次检查没有该隐患 (no finding {finding_id} in this inspection)", field="finding"
        )
    return finding


def _strip_filter(
    inspection_id: uuid.UUID, item_id: uuid.UUID | None, finding_id: uuid.UUID | None
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Photo.inspection_id == inspection_id, Photo.deleted.is_(False)]
    if finding_id is not None:
        where.append(Photo.finding_id == finding_id)
    else:
        where.append(Photo.finding_id.is_(None))
        where.append(Photo.item_id == item_id if item_id is not None else Photo.item_id.is_(None))
    return where


def _item_code(session: Session, item_id: uuid.UUID | None) -> str | None:
    if item_id is None:
        return None
    return session.scalar(select(ChecklistItem.code).where(ChecklistItem.id == item_id))


def _check_caption(caption: str) -> str:
    caption = caption.strip()
    if len(caption) > CAPTION_MAX:
        raise ValidationError(
            f"照片说明不能超过 {CAPTION_MAX} 字 (a caption has at most {CAPTION_MAX} characters)",
            field="caption",
        )
    return caption


def add_photo(
    session: Session,
    photos_root: Path,
    source: Path,
    *,
    inspection_id: uuid.UUID,
    item_code: str | None = None,
    finding_id: uuid.UUID | None = None,
    caption: str = "",
    long_side: int | None = None,
    quality: int | None = None,
    keep_original: bool | None = None,
    exif_tz: tzinfo | None = None,
    actor: str = "",
) -> PhotoView:
    """Store the photo file, then name it in a row at the end of its strip. The same photo added twice to
    the same strip is one photo: the existing one is returned. Settings photos.* apply unless given."""
    inspection = editable_inspection(session, inspection_id)
    caption = _check_caption(caption)
    finding = _finding(session, inspection, finding_id) if finding_id is not None else None
    item_id = _item_id(session, inspection, item_code) if item_code else None
    if finding is not None and item_id is None:
        item_id = finding.item_id
    stored = ingest(
        Path(source),
        photos_root,
        long_side=long_side if long_side is not None else int(get_setting(session, "photos.long_side_px")),
        quality=quality if quality is not None else int(get_setting(session, "photos.jpeg_quality")),
        keep_original=(
            keep_original if keep_original is not None else bool(get_setting(session, "photos.keep_original"))
        ),
        exif_tz=exif_tz,
    )
    strip = _strip_filter(inspection.id, item_id, finding_id)
    existing = session.scalar(select(Photo).where(*strip, Photo.sha256 == stored.sha256))
    if existing is not None:
        return _view(existing, _item_code(session, existing.item_id))
    last = session.scalar(select(func.max(Photo.position)).where(*strip))
    photo = Photo(
        sha256=stored.sha256,
        inspection_id=inspection.id,
        finding_id=finding_id,
        item_id=item_id,
        position=0 if last is None else last + 1,
        caption=caption,
        taken_at=stored.taken_at,
        latitude=stored.latitude,
        longitude=stored.longitude,
        width=stored.width,
        height=stored.height,
        size_bytes=stored.size_bytes,
    )
    session.add(photo)
    session.flush()
    detail: dict[str, object] = {
        "inspection": str(inspection.id),
        "sha256": stored.sha256,
        "position": photo.position,
        "source": Path(source).name,
    }
    if item_code:
        detail["item"] = item_code
    if finding is not None:
        detail["finding"] = finding.seq
    if stored.original_sha256:
        detail["original_sha256"] = stored.original_sha256
    record_event(session, "photo.add", "photo", photo.id, actor=actor, detail=detail)
    return _view(photo, _item_code(session, item_id))


def _editable_photo(session: Session, photo_id: uuid.UUID) -> Photo:
    photo = session.get(Photo, photo_id)
    if photo is None or photo.deleted or photo.inspection_id is None:
        raise NotFoundError(f"照片不存在 (no photo {photo_id})")
    editable_inspection(session, photo.inspection_id)
    return photo


def set_caption(session: Session, photo_id: uuid.UUID, caption: str, *, actor: str = "") -> PhotoView:
    photo = _editable_photo(session, photo_id)
    caption = _check_caption(caption)
    if caption != photo.caption:
        photo.caption = caption
        record_event(session, "photo.caption", "photo", photo.id, actor=actor, detail={"caption": caption})
    return _view(photo, _item_code(session, photo.item_id))


def reorder_photos(
    session: Session, inspection_id: uuid.UUID, ordered_ids: Sequence[uuid.UUID], *, actor: str = ""
) -> list[PhotoView]:
    """Put one strip's photos in the given order: every photo of the strip, each once."""
    inspection = editable_inspection(session, inspection_id)
    if not ordered_ids:
        return []
    photos = [session.get(Photo, photo_id) for photo_id in ordered_ids]
    first = photos[0]
    if first is None or first.deleted or first.inspection_id != inspection.id:
        raise ValidationError(f"照片不属于本次检查 (photo {ordered_ids[0]} is not in this inspection)")
    strip = session.scalars(
        select(Photo).where(*_strip_filter(inspection.id, first.item_id, first.finding_id))
    ).all()
    if len(set(ordered_ids)) != len(ordered_ids) or {p.id for p in strip} != set(ordered_ids):
        raise ValidationError(
            "排序须包含同一组照片中的每一张且各一次 "
            "(the order must name every photo of one strip, each once)",
            field="photos",
        )
    for position, photo in enumerate(photos):
        assert photo is not None
        if photo.position != position:
            photo.position = position
    record_event(
        session,
        "photo.reorder",
        "inspection",
        inspection.id,
        actor=actor,
        detail={"photos": [str(i) for i in ordered_ids]},
    )
    code = _item_code(session, first.item_id)
    return [_view(p, code) for p in photos if p is not None]


def delete_photo(session: Session, photo_id: uuid.UUID, *, actor: str = "") -> None:
    """Soft delete before finalization. The file stays: content-addressed files may be shared."""
    photo = _editable_photo(session, photo_id)
    photo.deleted = True
    record_event(session, "photo.delete", "photo", photo.id, actor=actor, detail={"sha256": photo.sha256})


def add_annotated_photo(
    session: Session,
    photos_root: Path,
    source_photo_id: uuid.UUID,
    image: Path,
    *,
    caption: str | None = None,
    actor: str = "",
) -> PhotoView:
    """Store `image` (the source photo with drawings on it, rendered at the source's resolution) as a new
    photo linked to its source by annotated_from_id, right after the source in the same strip. The source
    row and file stay as they are: the untouched evidence is kept, the drawing is an addition.

    The image goes through the same pipeline as any photo. A rendered image carries no camera EXIF, so the
    capture time and place are the source's (it is the same scene). The caption is the source's unless
    one is given. The same drawing saved twice is one photo: the existing one is returned."""
    source = _editable_photo(session, source_photo_id)
    assert source.inspection_id is not None
    caption = _check_caption(source.caption if caption is None else caption)
    stored = ingest(
        Path(image),
        photos_root,
        long_side=int(get_setting(session, "photos.long_side_px")),
        quality=int(get_setting(session, "photos.jpeg_quality")),
        keep_original=False,  # the "original" of a drawing is the source photo, which is kept anyway
    )
    strip = _strip_filter(source.inspection_id, source.item_id, source.finding_id)
    existing = session.scalar(select(Photo).where(*strip, Photo.sha256 == stored.sha256))
    if existing is not None:
        return _view(existing, _item_code(session, existing.item_id))
    for later in session.scalars(select(Photo).where(*strip, Photo.position > source.position)).all():
        later.position += 1
    photo = Photo(
        sha256=stored.sha256,
        inspection_id=source.inspection_id,
        finding_id=source.finding_id,
        item_id=source.item_id,
        annotated_from_id=source.id,
        position=source.position + 1,
        caption=caption,
        taken_at=source.taken_at,
        latitude=source.latitude,
        longitude=source.longitude,
        width=stored.width,
        height=stored.height,
        size_bytes=stored.size_bytes,
    )
    session.add(photo)
    session.flush()
    record_event(
        session,
        "photo.annotate",
        "photo",
        photo.id,
        actor=actor,
        detail={
            "inspection": str(source.inspection_id),
            "sha256": stored.sha256,
            "source": str(source.id),
            "source_sha256": source.sha256,
            "position": photo.position,
        },
    )
    return _view(photo, _item_code(session, photo.item_id))


def photos_for(
    session: Session,
    inspection_id: uuid.UUID,
    item_code: str | None = None,
    finding_id: uuid.UUID | None = None,
) -> list[PhotoView]:
    """One strip's photos in order: a finding's, else an item's, else the inspection's general photos."""
    inspection = get_inspection(session, inspection_id)
    item_id = _item_id(session, inspection, item_code) if item_code and finding_id is None else None
    photos = session.scalars(
        select(Photo).where(*_strip_filter(inspection.id, item_id, finding_id)).order_by(Photo.position)
    ).all()
    return [_view(p, _item_code(session, p.item_id)) for p in photos]


def all_photos(session: Session, inspection_id: uuid.UUID) -> list[PhotoView]:
    """Every photo of the inspection, strip by strip: general, then by item code, then by finding."""
    inspection = get_inspection(session, inspection_id)
    rows = session.execute(
        select(Photo, ChecklistItem.code, Finding.seq)
        .outerjoin(ChecklistItem, Photo.item_id == ChecklistItem.id)
        .outerjoin(Finding, Photo.finding_id == Finding.id)
        .where(Photo.inspection_id == inspection.id, Photo.deleted.is_(False))
    ).all()
    rows_sorted = sorted(rows, key=lambda r: (r[2] or 0, r[1] or "", r[0].position))
    return [_view(photo, code) for photo, code, _seq in rows_sorted]


def evidence_stamp_lines(session: Session, photo_id: uuid.UUID) -> list[str]:
    """The lines of a photo's evidence stamp, in Chinese as printed on a notice: the customer, when it was
    taken (else when the inspection began, said so), the inspectors, and the place when the camera knew
    it. Times are the device's local time, as the people on site read them."""
    photo = session.get(Photo, photo_id)
    if photo is None or photo.inspection_id is None:
        raise NotFoundError(f"照片不存在 (no photo {photo_id})")
    inspection = get_inspection(session, photo.inspection_id)
    customer = inspection.customer
    lines = [f"客户：{customer.name}（户号 {customer.account_no}）"]
    if photo.taken_at is not None:
        lines.append(f"拍摄时间：{photo.taken_at.astimezone():%Y-%m-%d %H:%M}")
    else:
        lines.append(f"检查时间：{inspection.started_at.astimezone():%Y-%m-%d %H:%M}（照片未记录拍摄时间）")
    names = "、".join(member.inspector.name for member in inspection.team)
    if names:
        lines.append(f"检查人员：{names}")
    if photo.latitude is not None and photo.longitude is not None:
        lat = f"{'北纬' if photo.latitude >= 0 else '南纬'} {abs(photo.latitude):.6f}°"
        lon = f"{'东经' if photo.longitude >= 0 else '西经'} {abs(photo.longitude):.6f}°"
        lines.append(f"位置：{lat}，{lon}")
    return lines


def stamped_photo_copy(
    session: Session,
    photos_root: Path,
    photo_id: uuid.UUID,
    out_path: Path,
    *,
    font_path: Path | None = None,
) -> Path:
    """A copy of the photo with its evidence stamp below it, written to `out_path` for a notice. The
    stored photo is only read (photos.stamp refuses to write over it)."""
    lines = evidence_stamp_lines(session, photo_id)
    photo = session.get(Photo, photo_id)
    assert photo is not None
    return stamped_copy(photo_path(photos_root, photo.sha256), Path(out_path), lines, font_path)
