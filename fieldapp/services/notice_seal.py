"""The issuing unit's seal image, printed on notices: choose it from a file, clear it, find it.

The chosen file is checked (a PNG or JPEG that Pillow can read, of a sensible size), turned upright, made
no larger than print needs, and kept as a PNG in <data>/notices/seals named by its SHA-256: a notice then
never depends on where the original was, and a seal that is replaced later stays on disk for the notices
already issued with it (each records the file's name, and a re-print uses that one). The setting
`notice.seal_image` holds the current file's name."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy.orm import Session

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.roles import Permission
from fieldapp.services.access import require
from fieldapp.services.audit import record_event
from fieldapp.services.settings_store import get_setting, set_setting

SETTING = "notice.seal_image"
SEAL_FOLDER = "seals"  # inside <data>/notices
FORMATS = ("PNG", "JPEG")
MAX_FILE_BYTES = 10 * 1024 * 1024
MIN_SIDE = 64  # smaller would print as a blur at the seal's 36 mm
MAX_SIDE = 6000  # a scan at 600 dpi of a 25 cm sheet; beyond is not a seal picture
MAX_ASPECT = 4.0  # round, square, or an oblong stamp; not a banner
STORED_SIDE = 1000  # 36 mm at 700 dpi: more than any printer shows


@dataclass(frozen=True)
class SealImage:
    name: str  # the file's name in the seals folder (its SHA-256 and .png)
    path: Path
    size: tuple[int, int]


def seal_folder(notices_dir: Path) -> Path:
    return notices_dir / SEAL_FOLDER


def _refuse(source: Path, reason: str) -> ValidationError:
    return ValidationError(f"印章图片 {source.name}：{reason}", field=SETTING)


def _normalised(source: Path) -> Image.Image:
    """The seal as an upright RGBA image no larger than STORED_SIDE, or ValidationError saying why not."""
    if not source.is_file():
        raise _refuse(source, "文件不存在 (file not found)")
    size = source.stat().st_size
    if size == 0 or size > MAX_FILE_BYTES:
        raise _refuse(
            source, f"文件大小 {size / 1024 / 1024:.1f} MB，应在 0 到 10 MB 之间 (file empty or over 10 MB)"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as opened:
                if opened.format not in FORMATS:
                    raise _refuse(
                        source, f"应为 PNG 或 JPEG 图片，而不是 {opened.format} (a PNG or JPEG is needed)"
                    )
                width, height = opened.size
                if min(width, height) < MIN_SIDE or max(width, height) > MAX_SIDE:
                    raise _refuse(
                        source,
                        f"尺寸 {width}×{height} 像素，边长应在 {MIN_SIDE} 到 {MAX_SIDE} 之间 "
                        f"(each side must be {MIN_SIDE} to {MAX_SIDE} px)",
                    )
                if max(width, height) > MAX_ASPECT * min(width, height):
                    raise _refuse(
                        source,
                        f"尺寸 {width}×{height} 像素，过于狭长，不像印章 (too long and thin for a seal)",
                    )
                upright = ImageOps.exif_transpose(opened) or opened
                image = upright.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise _refuse(source, f"无法读取为图片 (cannot be read as an image: {exc})") from exc
    image.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    return image


def _write(target: Path, data: bytes) -> None:
    """Temp file, fsync, rename: a notice never meets half a seal."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with partial.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def set_seal_image(session: Session, source: Path, notices_dir: Path, *, actor: str = "") -> SealImage:
    """Check `source`, keep its copy in the seals folder and make it the seal printed on notices."""
    require(session, Permission.SETTINGS)
    image = _normalised(Path(source))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    name = f"{hashlib.sha256(data).hexdigest()}.png"
    target = seal_folder(notices_dir) / name
    if not target.is_file():
        _write(target, data)
    previous = str(get_setting(session, SETTING))
    set_setting(session, SETTING, name)
    record_event(
        session,
        "settings.seal_image",
        "setting",
        SETTING,
        actor=actor,
        detail={"before": previous, "after": name, "source": Path(source).name},
    )
    return SealImage(name, target, image.size)


def clear_seal_image(session: Session, *, actor: str = "") -> None:
    """Notices issued from now on print no seal; the file stays for the notices already issued with it."""
    require(session, Permission.SETTINGS)
    previous = str(get_setting(session, SETTING))
    if not previous:
        return
    set_setting(session, SETTING, "")
    record_event(
        session,
        "settings.seal_image",
        "setting",
        SETTING,
        actor=actor,
        detail={"before": previous, "after": ""},
    )


def current_seal(session: Session, notices_dir: Path) -> SealImage | None:
    """The seal notices print now, or None. A setting whose file has gone is an error, not a notice without
    its seal: choose the seal again."""
    name = str(get_setting(session, SETTING))
    if not name:
        return None
    path = seal_folder(notices_dir) / name
    try:
        with Image.open(path) as image:
            size = image.size
    except (OSError, UnidentifiedImageError) as exc:
        raise ValidationError(
            f"印章图片 {path} 已丢失或损坏，请在设置页重新选择 "
            "(the seal image is missing or damaged: choose it again in the settings)",
            field=SETTING,
        ) from exc
    return SealImage(name, path, size)
